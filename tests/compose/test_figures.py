"""The key figures box on synthetic metrics: a bar for each item with a value, none for an
item without one (no empty stub), which is set as text on its row; rows never stand over
each other or past the box: the rows a box has no room for are not drawn and are reported."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from layout.articles import FigureItem, FiguresRecord
from layout.compose.figures import BAR, SHADE, figures_box
from layout.compose.setter import Setter
from layout.geometry import Rect
from layout.page import RectOp, TextRun
from layout.report import Overset, ProblemKind

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SyntheticLibrary, styles  # noqa: E402


def _record(*items: FigureItem, title: str = "一季度数据") -> FiguresRecord:
    return FiguresRecord("facts", Path("facts.yaml"), None, title, "亿元", None, items)


def _items(n: int, label: str = "产业") -> tuple[FigureItem, ...]:
    return tuple(
        FigureItem(label + "甲乙丙丁戊己庚辛"[k], f"{k + 1}", "9.4", None, None) for k in range(n)
    )


def _set(record: FiguresRecord, rect: Rect):  # noqa: ANN202
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    return figures_box(record, rect, setter, "facts")


def _extent(run: TextRun) -> Rect:
    """The run's em boxes (synthetic metrics: an em for a Han character, half for Latin)."""
    width = sum(run.size if ord(c) > 0x2000 else run.size / 2 for c in run.text)
    width += run.char_space * (len(run.text) - 1)
    return Rect(run.x, run.y - 0.88 * run.size, width, run.size)


def _apart(a: Rect, b: Rect) -> bool:
    eps = 1e-6
    return (
        a.right <= b.x + eps
        or b.right <= a.x + eps
        or a.bottom <= b.y + eps
        or b.bottom <= a.y + eps
    )


def _assert_clear(runs: list[TextRun], rect: Rect) -> None:
    """No two runs over each other, every one inside ``rect``."""
    boxes = [_extent(r) for r in runs]
    for k, a in enumerate(boxes):
        assert rect.x <= a.x and a.right <= rect.right + 1e-6, runs[k]
        assert rect.y <= a.y and a.bottom <= rect.bottom + 1e-6, runs[k]
        for j in range(k):
            assert _apart(a, boxes[j]), (runs[k], runs[j])


def test_an_item_without_a_value_has_no_bar_and_is_set_as_text() -> None:
    record = _record(
        FigureItem("规上工业增加值", "86.5", "9.4", None, None),
        FigureItem("生命健康产业", None, "15.5", None, "约"),
        FigureItem("数控机床", "8", None, None, "超"),
    )
    rect = Rect(0, 0, 400, 200)
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    result = figures_box(record, rect, setter, "facts")
    rects = [op for op in result.ops if isinstance(op, RectOp)]
    assert [op.fill for op in rects] == [SHADE, BAR, BAR]  # the box, two bars: no stub
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    row = next(op.y for op in runs if op.text == "生命健康产业")
    on_row = "".join(op.text for op in runs if abs(op.y - row) < 1e-6)
    assert on_row == "生命健康产业约同比增长15.5%"
    assert not result.problems


def test_the_rows_a_short_box_has_no_room_for_are_not_drawn_and_reported() -> None:
    """100 pt deep: the title takes 21 pt of the 90 inside, room for 4 rows of 14 pt; the
    other two are counted, never set over the others or under the box."""
    record = _record(*_items(6))
    rect = Rect(0, 0, 400, 100)
    result = _set(record, rect)
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    labels = [op.text for op in runs if op.text.startswith("产业")]
    assert labels == ["产业甲", "产业乙", "产业丙", "产业丁"]
    assert len([op for op in result.ops if isinstance(op, RectOp) and op.fill == BAR]) == 4
    _assert_clear(runs, rect)
    (problem,) = result.problems
    assert problem.kind is ProblemKind.OVERSET
    assert (problem.box, problem.article, problem.where) == ("facts", "facts", rect)
    chars = 2 * len("产业戊" + "5亿元" + "同比增长9.4%")
    assert problem.details == Overset(lines=2, chars=chars)
    assert problem.message.startswith("2 rows of 6 not drawn")


def test_rows_that_fit_share_the_room_under_the_title() -> None:
    rect = Rect(0, 0, 400, 200)
    result = _set(_record(*_items(3)), rect)
    assert not result.problems
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    ys = [op.y for op in runs if op.text.startswith("产业")]
    inner = rect.height - 10 - 17.5 * 1.2  # the padding, the title's line and its space
    assert [b - a for a, b in zip(ys, ys[1:], strict=False)] == pytest.approx([inner / 3] * 2)
    _assert_clear(runs, rect)


def test_a_title_on_two_lines_puts_the_rows_under_its_second_line() -> None:
    record = _record(*_items(3), title="一季度平湖经济亮眼数据一览表")
    rect = Rect(0, 0, 170, 100)  # 150 pt across: the title's 14 ems of 12.5 pt on two lines
    result = _set(record, rect)
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    title = [op for op in runs if op.size == 12.5]
    assert len({op.y for op in title}) == 2
    assert not result.problems
    _assert_clear(runs, rect)


def test_a_label_on_two_lines_makes_every_row_two_lines_deep() -> None:
    """A label wider than the label column (8 ems) wraps: the rows are spaced for it."""
    record = _record(FigureItem("一二三四五六七八九十", "5", "9.4", None, None), *_items(3))
    rect = Rect(0, 0, 400, 160)  # 129 pt for the rows: 4 rows of 28 pt
    result = _set(record, rect)
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    assert not result.problems
    assert len([op for op in runs if op.text.startswith("产业")]) == 3
    _assert_clear(runs, rect)
    short = _set(record, rect._replace(height=120))  # 89 pt: 3 rows of 28 pt
    assert short.problems[0].details.lines == 1
    _assert_clear([op for op in short.ops if isinstance(op, TextRun)], rect)


def test_a_chart_too_narrow_for_its_columns_draws_no_row() -> None:
    """Labels, bars, values and figures side by side would overlap: no row is drawn, all are
    reported; the title still stands."""
    record = _record(*_items(3))
    rect = Rect(0, 0, 120, 200)
    result = _set(record, rect)
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    assert "".join(op.text for op in runs) == "一季度数据"
    assert [op.fill for op in result.ops if isinstance(op, RectOp)] == [SHADE]
    (problem,) = result.problems
    assert problem.message.startswith("the chart needs ")
    assert problem.details.lines == 3


def test_a_title_past_the_box_foot_is_not_drawn_and_reported() -> None:
    record = _record(*_items(2), title="一季度平湖经济亮眼数据一览表")
    rect = Rect(0, 0, 150, 30)  # 20 pt inside: one line of the title's 17.5 pt
    result = _set(record, rect)
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    _assert_clear(runs, rect)
    cut, rows = result.problems
    assert cut.details == Overset(lines=1, chars=4)
    assert rows.details.lines == 2


@pytest.mark.parametrize(
    ("growth", "share", "printed"),
    [
        ("9.4", None, "同比增长9.4%"),
        ("+12.3%", None, "同比增长12.3%"),  # written with its sign and unit: no second %
        ("-3.2", None, "同比下降3.2%"),  # the wording papers print, not 增长-3.2%
        ("0.3个百分点", None, "同比增长0.3个百分点"),
        (None, "41.4", "占比41.4%"),
        ("9.4", "41.4%", "同比增长9.4%，占比41.4%"),  # both: neither dropped
        (None, None, ""),
    ],
)
def test_a_row_s_figure_is_printed_as_papers_write_it(growth, share, printed) -> None:
    from layout.articles import FigureItem
    from layout.compose.figures import _figure_text

    assert _figure_text(FigureItem("规上工业增加值", "86.5", growth, share, None)) == printed


def test_a_bar_stands_on_its_value_s_line_in_a_deeper_row() -> None:
    """Rows made two lines deep by a long label: each bar is on the line of its value (the
    row's first), not half a line below it between the two."""
    from layout.page import RectOp

    record = _record(FigureItem("一二三四五六七八九十", "5", "9.4", None, None), *_items(3))
    result = _set(record, Rect(0, 0, 400, 160))
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    values = [r for r in runs if "元" in r.text]  # (a value's unit: 5亿元)
    box = Rect(0, 0, 400, 160)
    bars = [op.rect for op in result.ops if isinstance(op, RectOp) and op.rect != box]
    assert len(values) == len(bars) == 4
    for value, bar in zip(
        sorted(values, key=lambda r: r.y), sorted(bars, key=lambda b: b.y), strict=True
    ):
        em = _extent(value)  # the bar centred on the value's em, within a point
        assert abs((bar.y + bar.bottom) / 2 - (em.y + em.bottom) / 2) <= 1.0


def test_a_label_that_fills_its_column_stands_clear_of_its_bar() -> None:
    """A label as wide as the label column (8 ems, then wrapped) ends at least the gap
    before the value's bar begins: never run up to it."""
    record = _record(FigureItem("一般公共预算收入合计", "5", "9.4", None, None), *_items(3))
    result = _set(record, Rect(0, 0, 400, 160))
    runs = [op for op in result.ops if isinstance(op, TextRun)]
    box = Rect(0, 0, 400, 160)
    bars = [op.rect for op in result.ops if isinstance(op, RectOp) and op.rect != box]
    bar_x = min(bar.x for bar in bars)
    labels = [r for r in runs if r.x < bar_x and not r.text.startswith("一季度")]
    gap = labels[0].size / 3  # the figure style's third of an em
    assert max(_extent(r).right for r in labels) <= bar_x - gap + 1e-6
