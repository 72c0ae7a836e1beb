"""Headline blocks: 引题 (kicker) above, 主题 (headline), 副题 (subhead) below, centred over
the columns the headline spans (跨栏), in the area the spec reserves for it."""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from ..articles import Article, Byline
from ..geometry import Rect, WritingMode
from ..page import Color, Op
from ..report import Overset, Problem, ProblemKind
from ..spec.model import DEFAULT_MARK
from ..text.finalize import Line
from ..text.options import Align
from .byline import byline_lines, centred_texts
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
    mode: WritingMode = WritingMode.HORIZONTAL_TB,
) -> HeadlineBlock:
    """The block in ``area``: in 横排 the lines stacked top to bottom, centred, one em clear
    of the area's sides; a 竖题 (``mode`` vertical-rl: a strip on the right of its box) has
    引题 on the right, then 主题, then 副题, lines right to left, each starting one em below
    the strip's top and ending at least one em above its foot. The block is centred across
    the area (down it, or across the strip)."""
    where = Where(box_id, article.id)
    vertical = mode is WritingMode.VERTICAL_RL
    frame = Frame(area, mode)
    stacked: list[tuple[Line, float, float, Color]] = []  # line, slot, size, ink
    problems: list[Problem] = []
    for text, style_name in headline_parts(article, title_style, with_byline, setter):
        style = for_article(setter.style(style_name), article)
        # Headlines stand free of the frame's ends by one em on each side.
        measure = max(frame.measure - 2 * style.size, style.size)
        align = Align.START if vertical else Align.CENTER
        par = setter.set(text, style, measure, align=align, indent=0.0, mode=mode)
        problems.extend(setter.problems(par, style, where))
        stacked.extend((line, style.leading, style.size, colour_of(style)) for line in par.lines)
    extent = sum(slot for _, slot, _, _ in stacked)
    if extent > frame.extent + 1e-6:
        what = "strip" if vertical else "area"
        problems.append(_too_big(extent, frame.extent, what, area, box_id, article.id))
    block = max((frame.extent - extent) / 2, 0.0)
    ops: list[Op] = []
    for line, slot, size, colour in stacked:
        inner = Frame(frame.inset_inline(size), mode)
        ops.extend(inner.place(line, block, slot, size, colour, fonts=setter.fonts))
        block += slot
    return HeadlineBlock(
        tuple(ops), tuple(problems), extent, tuple(ln.text for ln, _, _, _ in stacked)
    )


def headline_parts(
    article: Article,
    title_style: str = "headline",
    with_byline: bool = False,
    setter: Setter | None = None,
) -> list[tuple[str, str]]:
    """The lines of a headline block with their style names, in reading order: 引题,
    主题 (one entry per written line), 副题, and the byline when it sits in the block: a
    role to a line as in a column (``layout.compose.byline``), each padded so that, centred
    on its own, the lines stand as one block, labels under labels (measured in the spec's
    ``byline`` style through ``setter``; without one, in ems of full-width characters)."""
    parts: list[tuple[str, str]] = []
    if article.kicker:
        parts.append((article.kicker, "kicker"))
    parts.extend((line, title_style) for line in article.headline)
    if article.subhead:
        parts.append((article.subhead, "subhead"))
    if with_byline and article.byline is not None:
        parts.extend((text, "byline") for text in _byline_texts(article.byline, setter))
    return parts


def _byline_texts(byline: Byline, setter: Setter | None) -> list[str]:
    """The byline's lines for a centred block: all of a role's names on its line (the
    block is as wide as the headline)."""
    mark: str | None = DEFAULT_MARK
    width = _em_width
    if setter is not None:
        style = setter.style("byline")
        mark = style.mark

        def width(text: str) -> float:
            return setter.width(text, style) / style.size

    lines = byline_lines(byline, mark, width, math.inf)
    return centred_texts(lines, width)


def _em_width(text: str) -> float:
    """Ems of ``text`` counting full-width characters (East Asian Width W, F or A, as the
    Chinese faces draw them) as one and others as half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


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
