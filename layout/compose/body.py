"""Body flow: paragraphs poured into a box's columns, column after column, on the baseline
grid, so that lines of neighbouring columns share baselines.

Contract: :func:`flow` pours a story's pieces (:class:`FlowPiece`) into the columns of its
box and returns a :class:`Flow` (ops, placed lines, problems, and the copy-fitting numbers:
capacity, use, what is over — 超版, lines and characters — and what is left empty). It runs
the stages of :mod:`layout.compose.flow`, one concern each:

- the columns and their grid slots, around the boxes wrapped into them (串文, ``obstacles``:
  page rects grown by their stand-off; :mod:`~layout.compose.flow.columns`);
- every line placed, a paragraph set again at a new measure where a wrapped box changes it
  (:mod:`~layout.compose.flow.pour`);
- the columns ended as ``fill`` asks: at the box's foot (拉行 / 缩行) or balanced
  (:class:`Fill`, :mod:`~layout.compose.flow.fill`); columns may differ in length (the body
  runs up beside a headline narrower than its box);
- in a thread (``onward``: the story goes on in another box) the box filled and the rest
  carried on from a line start (:class:`Cut`), the jump line at the foot, never an
  intertitle at the foot (背题) (:mod:`~layout.compose.flow.thread`);
- the plan drawn, its empty slots recorded and its problems located
  (:mod:`~layout.compose.flow.draw`).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..geometry import Rect, WritingMode
from .flow.columns import Columns
from .flow.draw import draw
from .flow.fill import balanced, to_foot
from .flow.pieces import Cut, Fill, Flow, FlowPiece, Onward, body_size
from .flow.pour import Refit, pour, set_piece
from .flow.thread import carried
from .setter import Setter

__all__ = ["Cut", "Fill", "Flow", "FlowPiece", "Onward", "flow"]


def flow(
    pieces: Sequence[FlowPiece],
    columns: Sequence[Rect],
    pitch: float,
    setter: Setter,
    mode: WritingMode = WritingMode.HORIZONTAL_TB,
    fill: Fill | None = None,
    obstacles: Sequence[Rect] = (),
    *,
    onward: Onward | None = None,
) -> Flow:
    """``pieces`` poured into ``columns`` on the grid of ``pitch``, ending as ``fill`` asks;
    with ``obstacles`` (page rects of the boxes wrapped into the columns, their stand-off
    included) the lines run around them (``layout.compose.wrap``); with ``onward``, what
    does not fit goes on (``Flow.rest``) instead of being overset."""
    cols = Columns.of(columns, pitch, mode, obstacles, body_size(pieces))
    measure = cols.frames[0].measure if cols.frames else 0.0
    pars = [set_piece(piece, measure, setter, mode, 0) for piece in pieces]
    limits = cols.slots
    refit = Refit(setter, mode)
    plan = pour(pieces, pars, cols, limits, refit)
    if onward is not None and plan.over_lines:
        # The box is full by definition: it is neither drawn out nor pulled in.
        return carried(pieces, pars, cols, setter, refit, onward.jump)
    if fill is Fill.FOOT:
        plan = to_foot(pieces, pars, plan, cols, measure, refit)
    elif fill is Fill.BALANCE:
        limits, plan = balanced(pieces, pars, cols, plan, refit)
    return draw(pieces, plan.pars, plan, cols, limits, setter)
