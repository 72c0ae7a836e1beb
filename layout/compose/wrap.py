"""Wrap (串文, 图文互斥): where a column's lines may go beside the boxes placed over it.

A photo or figures box with ``wrap`` stands over a story's columns; the story's body runs
around it. Contract: :func:`slot_spans` gives, for every grid slot of a column, the part of
the line the text may take — the whole line, a shorter stretch beside the obstacles, or
nothing (the slot is skipped) — in the column frame's logical coordinates, so a 竖排 column
wraps as a 横排 one does (:class:`~layout.compose.frame.Frame` maps both). Obstacles come in
as page rects already grown by their stand-off; lines stay on the baseline grid.

The rules:

- A slot is touched by an obstacle when the em band of the text in it (the band a line of
  ``band`` points centred in the slot takes, as :meth:`Frame.baseline` centres it) meets
  the obstacle; a slot merely beside the obstacle's stand-off keeps its whole line.
- Of what the obstacles leave of a touched line, the text takes the longest free stretch,
  on one side only (CSS Exclusions 1 §3.2, ``wrap-flow: maximum``: text never runs on both
  sides of a picture inside one column — the reader would have to jump across it).
- A stretch shorter than ``shortest`` points is no line: the slot is skipped (a line of
  a few characters beside a picture reads as debris; :data:`MIN_LINE_EMS`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..geometry import EPSILON, Rect
from ..records import NamedTuple
from .frame import Frame

# The shortest line set beside a wrapped box, in ems of the body: four characters. A
# shorter stretch is left empty, as compositors leave a sliver beside a picture rather
# than set two or three characters in it.
MIN_LINE_EMS = 4.0


class Span(NamedTuple):
    """The stretch of a line the text takes: ``start`` points from the line start of its
    column, ``length`` points long (the line's measure)."""

    start: float
    length: float

    @property
    def end(self) -> float:
        return self.start + self.length


def slot_spans(
    frame: Frame,
    obstacles: Sequence[Rect],
    pitch: float,
    slots: int,
    band: float,
    shortest: float,
) -> tuple[Span | None, ...]:
    """Each of the ``slots`` grid slots of the column ``frame``: the span its line takes
    around ``obstacles`` (page rects, stand-off included), or None when it is skipped."""
    measure = frame.measure
    whole = Span(0.0, measure)
    band = min(band, pitch)
    placed = [frame.logical(o) for o in obstacles]
    found: list[Span | None] = []
    for slot in range(slots):
        top = slot * pitch + (pitch - band) / 2
        bottom = top + band
        covered = sorted(
            (max(a, 0.0), min(b, measure))
            for a, b, c, d in placed
            if c < bottom - EPSILON and d > top + EPSILON and a < measure - EPSILON and b > EPSILON
        )
        found.append(_longest_free(covered, measure, shortest) if covered else whole)
    return tuple(found)


def _longest_free(
    covered: Sequence[tuple[float, float]], measure: float, shortest: float
) -> Span | None:
    """The longest stretch of ``[0, measure]`` outside the ``covered`` intervals (sorted by
    start), the earlier one of two as long; None when it is shorter than ``shortest``."""
    best: Span | None = None
    at = 0.0
    for a, b in (*covered, (measure, measure)):
        if a - at > EPSILON and (best is None or a - at > best.length + EPSILON):
            best = Span(at, a - at)
        at = max(at, b)
    if best is None or best.length < shortest - EPSILON:
        return None
    return best
