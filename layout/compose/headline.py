"""Headline blocks: 引题 (kicker) above, 主题 (headline), 副题 (subhead) below, centred over
the columns the headline spans (跨栏), in the area the spec reserves for it."""

from __future__ import annotations

from dataclasses import dataclass

from ..articles import Article
from ..geometry import Rect
from ..page import Op
from ..report import Problem, ProblemKind
from ..text.finalize import Line
from ..text.options import Align
from .frame import Frame
from .setter import Setter, Where


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
    parts: list[tuple[str, str]] = []
    if article.kicker:
        parts.append((article.kicker, "kicker"))
    parts.extend((line, title_style) for line in article.headline)
    if article.subhead:
        parts.append((article.subhead, "subhead"))
    if with_byline and article.byline is not None and article.byline.text():
        parts.append((article.byline.text(), "byline"))

    stacked: list[tuple[Line, float, float]] = []  # line, slot height, size
    problems: list[Problem] = []
    for text, style_name in parts:
        style = setter.style(style_name)
        # Headlines stand free of the column edges by one em on each side.
        measure = max(area.width - 2 * style.size, style.size)
        par = setter.set(text, style, measure, align=Align.CENTER, indent=0.0)
        problems.extend(setter.problems(par, style, where))
        stacked.extend((line, style.leading, style.size) for line in par.lines)
    height = sum(slot for _, slot, _ in stacked)
    if height > area.height + 1e-6:
        problems.append(
            Problem(
                ProblemKind.OVERSET,
                f"headline block needs {height:.1f}pt, its area has {area.height:.1f}pt",
                box_id,
                article.id,
                None,
                {"lines": 0, "chars": 0, "points_over": round(height - area.height, 2)},
                (area.x, area.y, area.width, area.height),
            )
        )
    block = max((area.height - height) / 2, 0.0)
    ops: list[Op] = []
    for line, slot, size in stacked:
        inner = Frame(Rect(area.x + size, area.y, area.width - 2 * size, area.height))
        ops.extend(inner.place(line, block, slot, size))
        block += slot
    return HeadlineBlock(
        tuple(ops), tuple(problems), height, tuple(ln.text for ln, _, _ in stacked)
    )
