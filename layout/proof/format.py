"""How the proof writes its numbers: lengths in millimetres to a tenth, rects as x/y/w/h in
millimetres, counts with their noun ("1 line", "3 lines"). Shared by the preflight JSON, the
overlay's labels, the terminal report and the watch log, so they say the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from ..geometry import Rect
from ..units import MM


def mm(points: float) -> float:
    """``points`` in millimetres, to a tenth."""
    return round(points / MM, 1)


def rect_mm(r: Rect) -> dict[str, float]:
    return {"x": mm(r.x), "y": mm(r.y), "w": mm(r.width), "h": mm(r.height)}


def where_mm(where: Rect | None) -> dict[str, float] | None:
    return rect_mm(where) if where is not None else None


def dims(wh: Sequence[float]) -> str:
    """A width and a height as "W × H"."""
    return f"{wh[0]:g} × {wh[1]:g}"
