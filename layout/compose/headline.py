"""Headline blocks: 引题 (kicker) above, 主题 (headline), 副题 (subhead) below, centred over
the columns the headline spans (跨栏), in the area the spec reserves for it."""

from __future__ import annotations

from dataclasses import dataclass

from ..articles import Article
from ..geometry import Rect
from ..page import Color, Op
from ..report import Overset, Problem, ProblemKind
from ..text.finalize import Line
from ..text.options import Align
from ..vertical import VerticalParagraph, place_vertical, set_vertical
from .frame import Frame
from .setter import Setter, Where, colour_of, for_article


@dataclass(frozen=True)
class HeadlineBlock:
    ops: tuple[Op, ...]
    problems: tuple[Problem, ...]
    height: float  # points the block needs
    texts: tuple[str, ...]  # the lines, in reading order


def headline_block(
    article: Article,
    area: Rect,
    setter: Setter,
    box_id: str,
    *,
    title_style: str = "headline",
    with_byline: bool = False,
) -> HeadlineBlock:
    where = Where(box_id, article.id)
    parts = headline_parts(article, title_style, with_byline)

    stacked: list[tuple[Line, float, float, Color]] = []  # line, slot height, size, ink
    problems: list[Problem] = []
    for text, style_name in parts:
        style = for_article(setter.style(style_name), article)
        # Headlines stand free of the column edges by one em on each side.
        measure = max(area.width - 2 * style.size, style.size)
        par = setter.set(text, style, measure, align=Align.CENTER, indent=0.0)
        problems.extend(setter.problems(par, style, where))
        stacked.extend((line, style.leading, style.size, colour_of(style)) for line in par.lines)
    height = sum(slot for _, slot, _, _ in stacked)
    if height > area.height + 1e-6:
        problems.append(_too_big(height, area.height, "area", area, box_id, article.id))
    block = max((area.height - height) / 2, 0.0)
    ops: list[Op] = []
    for line, slot, size, colour in stacked:
        inner = Frame(Rect(area.x + size, area.y, area.width - 2 * size, area.height))
        ops.extend(inner.place(line, block, slot, size, colour))
        block += slot
    return HeadlineBlock(
        tuple(ops), tuple(problems), height, tuple(ln.text for ln, _, _, _ in stacked)
    )


def vertical_headline_block(
    article: Article,
    area: Rect,
    setter: Setter,
    box_id: str,
    *,
    title_style: str = "headline",
    with_byline: bool = False,
) -> HeadlineBlock:
    """竖题: the headline block set vertically in the strip ``area`` (on the right of its box):
    引题 on the right, then 主题, then 副题, lines right to left, each line starting one em
    below the strip's top (and ending at least one em above its foot)."""
    where = Where(box_id, article.id)
    parts = headline_parts(article, title_style, with_byline)
    stacked: list[tuple[int, VerticalParagraph, float, float, Color]] = []
    problems: list[Problem] = []
    for text, style_name in parts:
        style = for_article(setter.style(style_name), article)
        measure = max(area.height - 2 * style.size, style.size)
        vpar = set_vertical(setter, text, style, measure, align=Align.START, indent=0.0)
        problems.extend(setter.problems(vpar.restored, style, where))
        color = colour_of(style)
        stacked.extend(
            (k, vpar, style.leading, style.size, color) for k in range(len(vpar.par.lines))
        )
    width = sum(slot for _, _, slot, _, _ in stacked)
    if width > area.width + 1e-6:
        problems.append(_too_big(width, area.width, "strip", area, box_id, article.id))
    block = max((area.width - width) / 2, 0.0)
    ops: list[Op] = []
    texts: list[str] = []
    for k, vpar, slot, size, color in stacked:
        inner = Rect(area.x, area.y + size, area.width, area.height - 2 * size)
        line = vpar.par.lines[k]
        ops.extend(
            place_vertical(line, vpar.metrics, setter.fonts, inner, block, slot, size, color)
        )
        texts.append(vpar.restored.lines[k].text)
        block += slot
    return HeadlineBlock(tuple(ops), tuple(problems), width, tuple(texts))


def headline_parts(
    article: Article, title_style: str = "headline", with_byline: bool = False
) -> list[tuple[str, str]]:
    """The lines of a headline block with their style names, in reading order: 引题,
    主题 (one entry per written line), 副题, and the byline when it sits in the block."""
    parts: list[tuple[str, str]] = []
    if article.kicker:
        parts.append((article.kicker, "kicker"))
    parts.extend((line, title_style) for line in article.headline)
    if article.subhead:
        parts.append((article.subhead, "subhead"))
    if with_byline and article.byline is not None and article.byline.text():
        parts.append((article.byline.text(), "byline"))
    return parts


def _too_big(
    needed: float, room: float, what: str, area: Rect, box_id: str, article_id: str
) -> Problem:
    return Problem(
        kind=ProblemKind.OVERSET,
        message=f"headline block needs {needed:.1f}pt, its {what} has {room:.1f}pt",
        details=Overset(lines=0, chars=0, points_over=round(needed - room, 2)),
        box=box_id,
        article=article_id,
        where=area,
    )
