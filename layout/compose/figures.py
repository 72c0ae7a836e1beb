"""The key figures box (数据框): a shaded box with a small vector bar chart drawn from the
numbers of a figures record (never from a picture), with labels, values and growth. An item
without a value has no bar (a stub would read as a value near zero): it is set as text, its
label, its note and its growth or share, on its row of the chart.

The rows share the room under the title, each at least as deep as the tallest row's texts
(a label that wraps in its column makes every row two lines deep): rows never stand over
each other. The rows a box is too short for, or all of them when it is too narrow for labels,
values and figures side by side, are not drawn and are reported as overset (rows and their
characters), as are kicker and title lines past the box's foot."""

from __future__ import annotations

from ..articles import FigureItem, FiguresRecord
from ..geometry import Rect
from ..page import BoxLayout, Color, Op, RectOp, grey
from ..records import NamedTuple
from ..report import Overset, Problem, ProblemKind, count
from ..spec import BoxKind
from ..spec.model import Style
from ..text.options import Align
from .frame import Frame
from .result import BoxResult
from .setter import Setter, Where

SHADE = grey(0.08)
BAR = Color(0.0, 0.85, 0.8, 0.05)  # newspaper red, process colours


class _Writer:
    """What the figures box draws and finds as it goes: its ops and problems."""

    __slots__ = ("setter", "where", "ops", "problems", "cut")

    def __init__(self, setter: Setter, where: Where, ops: list[Op]) -> None:
        self.setter = setter
        self.where = where
        self.ops = ops
        self.problems: list[Problem] = []
        self.cut = (0, 0)  # lines past the foot of their area, and their characters

    def text(
        self, s: str, st: Style, area: Rect, align: Align, block: float, color: Color | None = None
    ) -> int:
        """``s`` in ``st`` set across ``area`` from ``block`` down, in ``color`` if given; the
        number of lines drawn (a line past the area's foot is not, and is counted in
        ``cut``)."""
        par = self.setter.set(s, st, area.width, align=align, indent=0.0)
        self.problems.extend(self.setter.problems(par, st, self.where))
        frame = Frame(area)
        drawn = 0
        for line in par.lines:
            if block + st.leading > area.height + 1e-6:
                lines, chars = self.cut
                self.cut = (lines + 1, chars + line.end - line.start)
                continue
            for op in frame.place(line, block, st.leading, st.size):
                recoloured = color is not None and hasattr(op, "color")
                self.ops.append(op._replace(color=color) if recoloured else op)
            block += st.leading
            drawn += 1
        return drawn

    def overset(self, message: str, rect: Rect, lines: int, chars: int) -> None:
        self.problems.append(
            Problem(
                kind=ProblemKind.OVERSET,
                message=message,
                details=Overset(lines=lines, chars=chars),
                box=self.where.box,
                article=self.where.article,
                where=rect,
            )
        )


def figures_box(record: FiguresRecord, rect: Rect, setter: Setter, box_id: str) -> BoxResult:
    pen = _Writer(setter, Where(box_id, record.id), [RectOp(rect, fill=SHADE)])
    style = setter.style("figure")
    kicker = setter.style("kicker")
    pad = style.size
    inner = Rect(rect.x + pad, rect.y + pad / 2, rect.width - 2 * pad, rect.height - pad)
    block = 0.0
    if record.kicker:
        block += kicker.leading * pen.text(record.kicker, kicker, inner, Align.START, block)
    title_style = style._replace(size=style.size * 1.25, leading=style.leading * 1.25)
    title_lines = pen.text(record.title, title_style, inner, Align.START, block)
    block += title_style.leading * (title_lines + 0.2)
    if pen.cut[0]:
        lines = count(pen.cut[0], "line")
        pen.overset(
            f"{lines} of the kicker and title not drawn: past the box's foot", rect, *pen.cut
        )

    rows = record.items
    room = inner.height - block
    columns = _chart_columns(record, inner.width, setter, style)
    shown, depth = _rows_shown(pen, record, columns, room, style, rect)
    row = room / shown if shown else 0.0
    bar_x = inner.x + columns.label
    bar_span = inner.width - columns.label - columns.figure
    reach = max(columns.reach, 0.0)
    values = [float(i.value) for i in rows if i.value is not None]
    top_value = max(values, default=0.0) or 1.0  # all zero: bars of no length
    for item in rows[:shown]:
        at = block + (row - depth) / 2
        label_area = Rect(inner.x, inner.y, columns.label_text, inner.height)
        pen.text(item.label, style, label_area, Align.START, at)
        bar_h = min(row * 0.55, style.size * 1.1)
        # On the value's line, the first of the row's texts (centred in the row when they
        # are one line deep; a row made deeper by a label on two lines keeps it there).
        bar_y = inner.y + block + (row - bar_h) / 2 - (depth - style.leading) / 2
        if item.value is not None:
            length = reach * float(item.value) / top_value
            pen.ops.append(RectOp(Rect(bar_x, bar_y, max(length, 1.0), bar_h), fill=BAR))
            value_area = Rect(
                bar_x + length + columns.gap,
                inner.y,
                max(bar_span - length - columns.gap, columns.value),
                inner.height,
            )
            pen.text(_value_text(item, record), style, value_area, Align.START, at)
        elif item.note:
            note_area = Rect(bar_x, inner.y, bar_span, inner.height)
            pen.text(item.note, style, note_area, Align.START, at)
        figure = _figure_text(item)
        if figure:
            area = Rect(inner.right - columns.figure, inner.y, columns.figure, inner.height)
            pen.text(figure, style, area, Align.END, at, BAR)
        block += row
    return BoxResult(
        layout=BoxLayout(id=box_id, kind=BoxKind.FIGURES.value, rect=rect, article=record.id),
        ops=tuple(pen.ops),
        problems=tuple(pen.problems),
    )


def _rows_shown(
    pen: _Writer,
    record: FiguresRecord,
    columns: _ChartColumns,
    room: float,
    style: Style,
    rect: Rect,
) -> tuple[int, float]:
    """How many rows the chart draws in ``room`` (pt down) and how deep each one's texts
    are; the rest reported as overset (see the module doc)."""
    rows = record.items
    if rows and columns.reach < style.size:
        # Labels, values and figures side by side would stand over each other: no row.
        pen.overset(
            f"the chart needs {columns.width - columns.reach + style.size:.1f}pt across for "
            f"its labels, bars, values and figures, the box has {columns.width:.1f}pt: "
            f"its {count(len(rows), 'row')} not drawn",
            rect,
            len(rows),
            sum(_row_chars(i, record) for i in rows),
        )
        return 0, 0.0
    depth = _row_lines(record, columns, pen.setter, style) * style.leading
    if not rows or room / len(rows) >= depth:
        return len(rows), depth
    shown = max(int(room / depth + 1e-9), 0)
    left = rows[shown:]
    pen.overset(
        f"{count(len(left), 'row')} of {len(rows)} not drawn: the rows need "
        f"{len(rows) * depth:.1f}pt, the box has {max(room, 0.0):.1f}pt",
        rect,
        len(left),
        sum(_row_chars(i, record) for i in left),
    )
    return shown, depth


# The widest a label column and a figure column take, in ems of the figure style: a wide
# box keeps its columns at these, a narrower one gives them what their texts take.
LABEL_EMS = 8.0
FIGURE_EMS = 9.0
BAR_SHARE = 0.75  # the longest bar's share of the room between labels and figures


class _ChartColumns(NamedTuple):
    """How a chart row is laid out across: the label column, the figure column (growth or
    share, at the end), the widest value beside its bar, the gap before a value, and the
    longest bar that leaves that value room (negative: the box is too narrow), across the
    chart's width."""

    width: float
    label: float
    figure: float
    value: float
    gap: float
    reach: float

    @property
    def label_text(self) -> float:
        """The measure of a label: its column less the gap before the bar, so that a label
        that fills or wraps in its column stands clear of its bar (a column as wide as the
        widest label and half an em leaves that label as it is)."""
        return self.label - self.gap


def _chart_columns(
    record: FiguresRecord, width: float, setter: Setter, style: Style
) -> _ChartColumns:
    def widest(texts: list[str]) -> float:
        return max((setter.width(t, style) for t in texts if t), default=0.0)

    gap = style.size / 3
    label = min(LABEL_EMS * style.size, widest([i.label for i in record.items]) + style.size / 2)
    figure = min(FIGURE_EMS * style.size, widest([_figure_text(i) for i in record.items]))
    value = widest([_value_text(i, record) for i in record.items if i.value is not None])
    between = width - label - figure
    reach = min(between * BAR_SHARE, between - gap - value - gap)
    return _ChartColumns(width, label, figure, value, gap, reach)


def _row_lines(record: FiguresRecord, columns: _ChartColumns, setter: Setter, style: Style) -> int:
    """The lines the tallest row's texts take in their columns (a value has its width)."""
    bar_span = columns.width - columns.label - columns.figure
    found = 1
    for item in record.items:
        texts = [(item.label, columns.label_text), (_figure_text(item), columns.figure)]
        if item.value is None and item.note:
            texts.append((item.note, bar_span))
        for text, width in texts:
            if text:
                lines = setter.set(text, style, width, align=Align.START, indent=0.0).lines
                found = max(found, len(lines))
    return found


def _row_chars(item: FigureItem, record: FiguresRecord) -> int:
    """The characters a row prints: its label, its value (or note) and its figure."""
    middle = _value_text(item, record) if item.value is not None else item.note or ""
    return len(item.label) + len(middle) + len(_figure_text(item))


def _value_text(item: FigureItem, record: FiguresRecord) -> str:
    """The value beside a bar, with its note (超) and the record's unit: 超8亿元."""
    return f"{item.note or ''}{item.value}{record.unit}"


def _figure_text(item: FigureItem) -> str:
    """The figure at the end of a row: its growth (同比增长 9.4%, 同比下降 3.2% for a
    negative one: the wording papers print, not 增长-3.2%) and its share (占比), those it has,
    parted by a comma."""
    parts = []
    if item.growth is not None:
        growth = item.growth.strip()
        if growth[:1] in ("-", "−"):
            parts.append(f"同比下降{_percent(growth[1:])}")
        else:
            parts.append(f"同比增长{_percent(growth.removeprefix('+'))}")
    if item.share is not None:
        parts.append(f"占比{_percent(item.share.strip())}")
    return "，".join(parts)


def _percent(figure: str) -> str:
    """``figure`` in per cent: a plain number takes ``%``; one written with its unit (``12.3%``,
    ``0.3个百分点``, ``2倍``) is printed as written, not given a second one."""
    return f"{figure}%" if figure[-1:].isdigit() else figure
