"""Logical page geometry: writing modes and rectangles in points.

Rect coordinates are logical page coordinates: x to the right and y measured DOWN from the
top-left corner of the trim box. Only ``render`` maps them to PDF coordinates.
"""

from __future__ import annotations

from enum import Enum

from .records import NamedTuple

EPSILON = 1e-6


class WritingMode(Enum):
    HORIZONTAL_TB = "horizontal-tb"  # 横排
    VERTICAL_RL = "vertical-rl"  # 竖排


class Rect(NamedTuple):
    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def intersects(self, other: Rect) -> bool:
        """True when the two share area (touching edges do not count)."""
        return (
            self.x < other.right - EPSILON
            and other.x < self.right - EPSILON
            and self.y < other.bottom - EPSILON
            and other.y < self.bottom - EPSILON
        )

    def contains(self, other: Rect) -> bool:
        """True when ``other`` lies inside this rect (edges may coincide)."""
        return (
            other.x >= self.x - EPSILON
            and other.y >= self.y - EPSILON
            and other.right <= self.right + EPSILON
            and other.bottom <= self.bottom + EPSILON
        )

    def split(self, count: int, gutter: float, mode: WritingMode) -> tuple[Rect, ...]:
        """``count`` equal columns (破栏) ``gutter`` apart: side by side in 横排, stacked top to
        bottom in 竖排 (the bands of a vertical page, each as tall as its lines are long).
        Each column is (size − (count − 1) × gutter) / count across."""
        if mode is WritingMode.VERTICAL_RL:
            height = (self.height - (count - 1) * gutter) / count
            return tuple(
                Rect(self.x, self.y + i * (height + gutter), self.width, height)
                for i in range(count)
            )
        width = (self.width - (count - 1) * gutter) / count
        return tuple(
            Rect(self.x + i * (width + gutter), self.y, width, self.height) for i in range(count)
        )
