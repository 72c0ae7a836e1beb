"""Page furniture: the masthead (报头), the ear (报眼) and the page header (眉头).

- The masthead: the logotype (:mod:`layout.compose.logotype`) on the left with the subtitle
  under it, the facts it lists (:mod:`layout.compose.facts`) and its free lines in a column
  beside it, the last line on the logotype's foot, and the heavy and fine rules that close
  it (文武线), running on under the ears that stand on its foot line: the rules close the
  whole band (报头 and 报眼), so no text of the band stands on them.
- The ear: its facts and free lines stacked in the box, centred down it; an ear on the
  masthead's foot keeps the rules' room at its foot clear (its lines move up, and those
  that do not fit above the rules are overset).
- The page header: the date, 第N版 and the page name, the editor, above the type area (or in
  the page-header box); the date and the editor only when no masthead or ear prints them,
  so nothing is printed twice on a page. It is one line, above its rule: a second would
  stand under the rule, in the type area or the box below.

Every line is set in its style, aligned as the style says; a line the box has no room for is
reported as overset (never dropped silently), and like every text on the page, their
problems (a character no font has, one removed from the copy) are returned for the report.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..geometry import Rect
from ..page import BoxLayout, Op, RuleOp
from ..records import NamedTuple
from ..report import Overset, Problem, ProblemKind, count
from ..spec.model import BoxKind, BoxSpec, Edition, Fact, Furniture, PageSpec, Style
from ..text.options import Align
from ..units import MM
from .facts import date_text, fact_lines
from .frame import Frame
from .logotype import draw_logotype, fit_logotype, no_room, subtitle_ops
from .result import BoxResult
from .setter import Setter, Where, colour_of

PAGE_HEADER = "page-header"  # how problems of the generated 眉头 are located
_RULES = 7.0  # pt at the masthead's foot: the heavy and the fine rule (文武线)
_HEADER_RULE = 0.5  # pt: the fine rule under the page header


class PageFurniture(NamedTuple):
    """The page header as drawn: its ops and its problems (it is no box of the spec)."""

    ops: tuple[Op, ...]
    problems: tuple[Problem, ...]


def printed_facts(boxes: Iterable[BoxSpec]) -> frozenset[Fact]:
    """The facts the page's masthead and ear boxes print."""
    return frozenset(
        line.fact for box in boxes if box.furniture is not None for line in box.furniture.facts
    )


def _lines(edition: Edition, furniture: Furniture, setter: Setter) -> list[tuple[str, Style]]:
    """The lines a masthead or ear prints: its facts in order, then its free lines."""
    box_style = setter.style(furniture.style)
    found: list[tuple[str, Style]] = []
    for line in furniture.facts:
        # The first line of a fact in its own style; the 农历 line under the date in the
        # box's (a big date, a smaller 农历 under it).
        first, *more = fact_lines(edition, line.fact)
        found.append((first, setter.style(line.style)))
        found += [(text, box_style) for text in more]
    return found + [(text, box_style) for text in furniture.text]


def _stack(
    lines: list[tuple[str, Style]],
    rect: Rect,
    setter: Setter,
    where: Where,
    problems: list[Problem],
    *,
    foot: float | None = None,
    clear: float = 0.0,
) -> list[Op]:
    """The lines one under another, centred down ``rect`` (or with the last on the page y
    ``foot``), as far as the rect allows with ``clear`` pt at its foot kept clear (the
    masthead's rules), each aligned by its style; the lines past that are reported as
    overset."""
    pars = []
    for text, style in lines:
        par = setter.set(text, style, rect.width, indent=0.0)
        problems.extend(setter.problems(par, style, where))
        pars.extend((line, style) for line in par.lines)
    height = sum(style.leading for _, style in pars)
    room = rect.height - clear
    block = (rect.height - height) / 2 if foot is None else foot - rect.y - height
    block = max(min(block, room - height), 0.0)
    frame = Frame(rect)
    ops: list[Op] = []
    for k, (line, style) in enumerate(pars):
        if block + style.leading > room + 1e-6:
            left = pars[k:]
            above = " above the masthead's rules" if clear else ""
            problems.append(
                Problem(
                    kind=ProblemKind.OVERSET,
                    message=f"{count(len(left), 'line')} of the box (its facts and lines) "
                    f"do not fit{above}",
                    details=Overset(
                        lines=len(left), chars=sum(ln.end - ln.start for ln, _ in left)
                    ),
                    box=where.box,
                    where=rect,
                )
            )
            break
        ops.extend(frame.place(line, block, style.leading, style.size, colour_of(style)))
        block += style.leading
    return ops


def _natural_width(lines: list[tuple[str, Style]], setter: Setter) -> float:
    widths = [
        ln.natural
        for text, style in lines
        for ln in setter.set(text, style, 1e5, align=Align.START, indent=0.0).lines
    ]
    return max(widths, default=0.0)


def masthead(spec: PageSpec, box: BoxSpec, setter: Setter) -> BoxResult:
    """The 报头: the logotype on the left, the subtitle under it, the facts beside it, the
    rules at its foot running on under the ears beside it."""
    assert box.furniture is not None and box.furniture.logotype is not None
    furniture, rect, edition = box.furniture, box.rect, spec.edition
    limits = (spec.press.min_ppi, spec.press.strict_ppi)  # for a picture logotype
    ops: list[Op] = []
    problems: list[Problem] = []
    where = Where(box.id)
    area = Rect(rect.x, rect.y, rect.width, max(rect.height - _RULES, 0.0))
    lines = _lines(edition, furniture, setter)
    column = min(_natural_width(lines, setter), rect.width * 0.45)
    gap = 2 * setter.style(furniture.style).size if lines else 0.0
    subtitle_style = setter.style(furniture.logotype.subtitle_style)
    subtitle = subtitle_style.leading if edition.subtitle else 0.0
    if subtitle * 1.5 >= area.height:
        # Not even its own line's room above the rules: drawn, it would stand out of the box.
        problems.append(no_room("the subtitle", len(edition.subtitle), area, where))
        subtitle = 0.0
    fit = fit_logotype(
        furniture.logotype,
        edition.title,
        area.width - column - gap,
        area.height - subtitle * 1.5,
        setter,
    )
    top = area.y + (area.height - fit.height - subtitle * 1.5) / 2
    ops += draw_logotype(fit, area.x, top, setter, where, limits, problems)
    if subtitle:
        under = Rect(area.x, top + fit.height + subtitle / 2, fit.width, subtitle)
        ops += subtitle_ops(
            edition.subtitle, subtitle_style, under, fit.ink, setter, where, problems
        )
    if lines:
        # Beside the logotype, their last line on its foot, as the small print of a 报头
        # stands (a column the height of the logotype and its subtitle).
        x = area.x + fit.width + gap
        facts = Rect(x, area.y, area.right - x, area.height)
        foot = top + fit.height + subtitle * 1.5
        ops += _stack(lines, facts, setter, where, problems, foot=foot)
    # A heavy and a fine rule close the masthead (文武线), under the ears beside it too: the
    # 报头 and 报眼 stand on one line.
    left, right = _foot_span(spec, box)
    y = rect.bottom - 4.0
    ops.append(RuleOp(left, y, right, y, 2.0))
    ops.append(RuleOp(left, y + 2.5, right, y + 2.5, 0.5))
    return BoxResult(
        layout=BoxLayout(id=box.id, kind=BoxKind.MASTHEAD.value, rect=rect),
        ops=tuple(ops),
        problems=tuple(problems),
    )


def _on_foot(a: Rect, b: Rect) -> bool:
    """Whether two boxes stand on one foot line (a masthead and an ear beside it)."""
    return abs(a.bottom - b.bottom) < 0.5


def _foot_span(spec: PageSpec, box: BoxSpec) -> tuple[float, float]:
    """From the left to the right edge of the masthead and the ears whose foot is its foot."""
    ears = [b.rect for b in spec.boxes if b.kind is BoxKind.EAR and _on_foot(b.rect, box.rect)]
    return min([box.rect.x, *(r.x for r in ears)]), max([box.rect.right, *(r.right for r in ears)])


def ear(spec: PageSpec, box: BoxSpec, setter: Setter) -> BoxResult:
    """The 报眼: the facts and free lines the box lists, centred down it (inset by half an
    em of its style when the box is framed), clear of the masthead's rules when it stands
    on the masthead's foot."""
    assert box.furniture is not None
    problems: list[Problem] = []
    rect = box.rect
    if box.frame:
        inset = setter.style(box.furniture.style).size / 2
        rect = Rect(rect.x + inset, rect.y + inset, rect.width - 2 * inset, rect.height - 2 * inset)
    ruled = any(b.kind is BoxKind.MASTHEAD and _on_foot(b.rect, box.rect) for b in spec.boxes)
    # The rules' room is counted from the box's foot; a frame's inset already keeps some.
    clear = max(_RULES - (box.rect.bottom - rect.bottom), 0.0) if ruled else 0.0
    lines = _lines(spec.edition, box.furniture, setter)
    ops = _stack(lines, rect, setter, Where(box.id), problems, clear=clear)
    return BoxResult(
        layout=BoxLayout(id=box.id, kind=BoxKind.EAR.value, rect=box.rect),
        ops=tuple(ops),
        problems=tuple(problems),
    )


def page_header(spec: PageSpec, setter: Setter) -> PageFurniture:
    """The 眉头 above the type area, when the page prints one and has no page-header box
    to hold it."""
    held = any(box.kind is BoxKind.PAGE_HEADER for box in spec.boxes)
    if not spec.header.show or held:
        return PageFurniture((), ())
    area = spec.page.type_area
    style = setter.style("header")
    rect = Rect(area.x, area.y - style.leading - 6.0, area.width, style.leading)
    ops, problems = _header_ops(spec, rect, setter, Where(PAGE_HEADER))
    y = area.y - 4.0
    ops.append(RuleOp(area.x, y, area.right, y, _HEADER_RULE))
    if rect.y < -1e-6:
        # (page coordinates are the trim's: above 0 is the bleed, cut off)
        problems.append(
            Problem(
                kind=ProblemKind.OVERSET,
                message=f"the page header needs {(area.y - rect.y) / MM:.1f} mm above the type "
                f"area, the top margin is {area.y / MM:.1f} mm: it runs past the trim and is "
                "cut off; widen the top margin, or hold the header in a page-header box",
                details=Overset(lines=1, chars=0, points_over=round(-rect.y, 2)),
                box=PAGE_HEADER,
                where=rect._replace(y=0.0, height=max(rect.bottom, 0.0)),
            )
        )
    return PageFurniture(tuple(ops), tuple(problems))


def header_box(spec: PageSpec, box: BoxSpec, setter: Setter) -> BoxResult:
    """The 眉头 set in the page-header box: on its first line, a fine rule at its foot; a
    box too shallow for the header's type prints none of it (reported), as no text of a
    box is drawn past its edge or through its rule."""
    style = setter.style("header")
    rect = box.rect
    # The line is the box's first, above the rule: the em box centred in it ends clear of
    # the rule's upper edge.
    line = Rect(rect.x, rect.y, rect.width, min(style.leading, rect.height - _HEADER_RULE))
    ops: list[Op] = []
    problems: list[Problem] = []
    if style.size > line.height + 1e-6:
        problems.append(_too_shallow(spec, style, rect, Where(box.id)))
    else:
        ops, problems = _header_ops(spec, line, setter, Where(box.id))
    ops.append(RuleOp(rect.x, rect.bottom, rect.right, rect.bottom, _HEADER_RULE))
    return BoxResult(
        layout=BoxLayout(id=box.id, kind=BoxKind.PAGE_HEADER.value, rect=rect),
        ops=tuple(ops),
        problems=tuple(problems),
    )


def _too_shallow(spec: PageSpec, style: Style, rect: Rect, where: Where) -> Problem:
    """A page-header box less deep than the header's type and the rule under it."""
    need = style.size + _HEADER_RULE
    texts = [text for text, _ in _header_parts(spec)]
    return Problem(
        kind=ProblemKind.OVERSET,
        message=f"the page header is not printed: it needs {need / MM:.1f} mm (its "
        f"{style.size:g}pt type and the rule under it), the box is {rect.height / MM:.1f} mm "
        "deep; deepen the box or set the header style smaller",
        details=Overset(
            lines=1,
            chars=sum(len(text) for text in texts),
            points_over=round(need - rect.height, 2),
        ),
        box=where.box,
        where=rect,
    )


def _header_parts(spec: PageSpec) -> list[tuple[str, Align]]:
    """Date (start), 第N版 and page name (centre), editor (end); the date and the editor
    left out when a box of the page prints them."""
    edition, page = spec.edition, spec.page
    printed = printed_facts(spec.boxes)
    parts = [(f"第{page.number}版 {page.name}", Align.CENTER)]
    if Fact.DATE not in printed:
        parts.insert(0, (date_text(edition), Align.START))
    if edition.editor and Fact.EDITOR not in printed:
        parts.append((edition.editor, Align.END))
    return parts


def _header_ops(
    spec: PageSpec, rect: Rect, setter: Setter, where: Where
) -> tuple[list[Op], list[Problem]]:
    """The header's parts (:func:`_header_parts`) on the one line ``rect`` is: what has no
    room on it (a part beside the others, the end of a page name wider than the line) is
    reported as overset, never printed under the line, where the rule and the type area
    are."""
    parts = _header_parts(spec)
    style = setter.style("header")
    ops: list[Op] = []
    problems: list[Problem] = []
    widths = [setter.width(text, style) for text, _ in parts]
    moved, left_out = _header_layout(widths, [a for _, a in parts], rect.width, style.size)
    for k, ((text, align), width) in enumerate(zip(parts, widths, strict=True)):
        if k in left_out:
            problems.append(_header_overset(text, where, rect))
            continue
        line_rect = rect
        if align is Align.CENTER and moved is not None:
            # The centre part moved aside, between the others: set at its own width there.
            line_rect, align = Rect(rect.x + moved, rect.y, width, rect.height), Align.START
        par = setter.set(text, style, line_rect.width, align=align, indent=0.0)
        problems.extend(setter.problems(par, style, where, lines=1))
        first, *rest = par.lines
        ops.extend(Frame(line_rect).place(first, 0.0, rect.height, style.size, colour_of(style)))
        if rest:
            problems.append(_name_overset(par.text[rest[0].start :], len(rest), where, rect))
    return ops, problems


def _header_layout(
    widths: list[float], aligns: list[Align], length: float, em: float
) -> tuple[float | None, frozenset[int]]:
    """How the parts of a header line of ``length`` share it, each where its alignment puts
    it (the date at the start, 第N版 centred, the editor at the end) unless two would meet:
    the offset the centre part is moved to, between the others and an em from each (None:
    centred), and the parts left out, the editor first, then the date, when even so there
    is no room (reported: a part is never printed over another)."""
    width = dict(zip(aligns, widths, strict=True))
    centre = width[Align.CENTER]
    keeps = [(Align.START, Align.END), (Align.START,), ()]
    for kept in keeps:
        left = width[Align.START] + em if Align.START in kept and Align.START in width else 0.0
        right = length - (width[Align.END] + em if Align.END in kept and Align.END in width else 0)
        if centre > right - left + 1e-6:
            continue
        middle = (length - centre) / 2
        centred = left <= middle + 1e-6 and middle + centre <= right + 1e-6
        moved = None if centred else left + (right - left - centre) / 2
        out = frozenset(k for k, a in enumerate(aligns) if a is not Align.CENTER and a not in kept)
        return moved, out
    return None, frozenset(k for k, a in enumerate(aligns) if a is not Align.CENTER)


def _header_overset(text: str, where: Where, rect: Rect) -> Problem:
    return Problem(
        kind=ProblemKind.OVERSET,
        message=f"the page header has no room for {text!r} beside its other texts: not "
        "printed; shorten the page name or the editor's line",
        details=Overset(lines=1, chars=len(text)),
        box=where.box,
        where=rect,
    )


def _name_overset(text: str, lines: int, where: Where, rect: Rect) -> Problem:
    """The end of a 第N版 and page name wider than the header's line: the header is one line
    (a second would stand under its rule, in the type area or the box below)."""
    return Problem(
        kind=ProblemKind.OVERSET,
        message=f"the page header's line has no room for {text!r} of the page name: not "
        "printed; shorten the page name",
        details=Overset(lines=lines, chars=len(text)),
        box=where.box,
        where=rect,
    )
