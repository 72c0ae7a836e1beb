"""The key figures box on synthetic metrics: a bar for each item with a value, none for an
item without one (no empty stub), which is set as text on its row."""

from __future__ import annotations

import sys
from pathlib import Path

from layout.articles import FigureItem, FiguresRecord
from layout.compose.figures import BAR, SHADE, figures_box
from layout.compose.setter import Setter
from layout.geometry import Rect
from layout.page import RectOp, TextRun

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SyntheticLibrary, styles  # noqa: E402


def _record(*items: FigureItem) -> FiguresRecord:
    return FiguresRecord("facts", Path("facts.yaml"), None, "一季度数据", "亿元", None, items)


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
