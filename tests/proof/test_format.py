"""How the proof writes numbers: millimetres to a tenth, rects in millimetres, counts."""

from __future__ import annotations

from layout.geometry import Rect
from layout.proof.format import dims, mm, rect_mm, where_mm
from layout.report import count, plural
from layout.units import MM


def test_millimetres_to_a_tenth() -> None:
    assert mm(72.0) == 25.4
    assert mm(100 * MM) == 100.0
    assert mm(10.0) == 3.5  # 3.527…


def test_rects_in_millimetres() -> None:
    r = Rect(10 * MM, 20 * MM, 30.04 * MM, 40.06 * MM)
    assert rect_mm(r) == {"x": 10.0, "y": 20.0, "w": 30.0, "h": 40.1}
    assert where_mm(r) == rect_mm(r)
    assert where_mm(None) is None


def test_counts_and_sizes() -> None:
    assert [count(n, "line") for n in (0, 1, 2)] == ["0 lines", "1 line", "2 lines"]
    assert plural(1, "error") == "error" and plural(3, "error") == "errors"
    assert dims([390.0, 545.5]) == "390 × 545.5"
