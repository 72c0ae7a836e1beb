"""Page furniture: the masthead (报头) and the page header (眉头).

The masthead carries the title, the date with its weekday, the issue number, the publisher
and, where the spec gives one, the CN registration number; the page header carries the date,
the page name (e.g. 要闻), the page number and the editor. Like every text on the page, their
problems (a character no font has, one removed from the copy) are returned for the report.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..geometry import Rect
from ..page import BoxLayout, Op, RuleOp
from ..report import Problem
from ..spec.model import BoxKind, Edition, PageGeometry
from ..text.options import Align
from .frame import Frame
from .result import BoxResult
from .setter import Setter, Where, colour_of

PAGE_HEADER = "page-header"  # how problems of the generated 眉头 are located


@dataclass(frozen=True)
class Furniture:
    """The page header as drawn: its ops and its problems (it is no box of the spec)."""

    ops: tuple[Op, ...]
    problems: tuple[Problem, ...]


def date_text(edition: Edition) -> str:
    d = edition.date
    return f"{d.year}年{d.month}月{d.day}日 {edition.weekday}"


def _line_ops(
    setter: Setter,
    text: str,
    style_name: str,
    rect: Rect,
    align: Align,
    block: float = 0.0,
    size: float | None = None,
    *,
    where: Where,
    problems: list[Problem],
) -> list[Op]:
    style = setter.style(style_name)
    if size is not None and size != style.size:
        style = replace(style, size=size, leading=size * style.leading / style.size)
    par = setter.set(text, style, rect.width, align=align, indent=0.0)
    problems.extend(setter.problems(par, style, where))
    frame = Frame(rect)
    ops: list[Op] = []
    for line in par.lines:
        ops.extend(frame.place(line, block, style.leading, style.size, colour_of(style)))
        block += style.leading
    return ops


def masthead(edition: Edition, rect: Rect, setter: Setter, box_id: str) -> BoxResult:
    """The 报头: title on the left two thirds, the edition's facts on the right."""
    ops: list[Op] = []
    problems: list[Problem] = []
    where = Where(box_id)
    title_style = setter.style("masthead")
    info_style = setter.style("header")
    title_width = rect.width * 0.62
    title_block = Rect(rect.x, rect.y, title_width, rect.height)
    title_size = min(title_style.size, rect.height * 0.62)
    top = (rect.height - title_size * 1.45) / 2
    ops += _line_ops(
        setter,
        edition.title,
        "masthead",
        title_block,
        Align.START,
        top,
        title_size,
        where=where,
        problems=problems,
    )
    if edition.subtitle:
        ops += _line_ops(
            setter,
            edition.subtitle,
            "header",
            title_block,
            Align.START,
            top + title_size * 1.1,
            where=where,
            problems=problems,
        )
    facts = [
        x
        for x in (
            edition.publisher,
            date_text(edition),
            edition.issue,
            f"国内统一连续出版物号 {edition.cn}" if edition.cn else None,
        )
        if x
    ]
    info = Rect(rect.x + title_width, rect.y, rect.width - title_width, rect.height)
    block = (rect.height - len(facts) * info_style.leading * 1.4) / 2
    for fact in facts:
        ops += _line_ops(
            setter, fact, "header", info, Align.END, block, where=where, problems=problems
        )
        block += info_style.leading * 1.4
    # A heavy and a fine rule close the masthead (文武线).
    y = rect.bottom - 4.0
    ops.append(RuleOp(rect.x, y, rect.right, y, 2.0))
    ops.append(RuleOp(rect.x, y + 2.5, rect.right, y + 2.5, 0.5))
    return BoxResult(
        layout=BoxLayout(id=box_id, kind=BoxKind.MASTHEAD.value, rect=rect),
        ops=tuple(ops),
        problems=tuple(problems),
    )


def page_header(edition: Edition, page: PageGeometry, setter: Setter) -> Furniture:
    """The 眉头 in the top margin: date, page name, page number and editor."""
    area = page.type_area
    style = setter.style("header")
    rect = Rect(area.x, area.y - style.leading - 6.0, area.width, style.leading)
    ops: list[Op] = []
    problems: list[Problem] = []
    where = Where(PAGE_HEADER)  # not a box of the spec: named so that reports say where
    ops += _line_ops(
        setter, date_text(edition), "header", rect, Align.START, where=where, problems=problems
    )
    ops += _line_ops(
        setter,
        f"第{page.number}版 {page.name}",
        "header",
        rect,
        Align.CENTER,
        where=where,
        problems=problems,
    )
    if edition.editor:
        ops += _line_ops(
            setter, edition.editor, "header", rect, Align.END, where=where, problems=problems
        )
    y = area.y - 4.0
    ops.append(RuleOp(area.x, y, area.right, y, 0.5))
    return Furniture(tuple(ops), tuple(problems))
