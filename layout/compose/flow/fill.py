"""Filling: how a story's columns end (box key ``fill``).

A story's box goes to press full (the reference digest, "Newspaper page practice": 欠版 and
超版 are fixed before press). The flow makes it so where the copy allows:

- :func:`to_foot` (``Fill.FOOT``): the columns run to the box's foot. A story a few lines
  short is drawn out, a few lines over is pulled in: its longest body paragraphs are set one
  line longer or shorter (拉行 / 缩行, TeX's ``\\looseness``), each at most once and only
  where the setting keeps to the rules (``layout.text.paragraph``); far too short is 欠版,
  for the editor, not for spacing.
- :func:`balanced` (``Fill.BALANCE``): the columns end on the same grid line, within one,
  the longer ones first (columns beside a headline start higher and hold more lines); the
  paragraphs are set as written.

Contract: both take a :class:`~layout.compose.flow.pour.Plan` already poured and return the
plan to draw (:func:`balanced` with the slots each column may fill); neither draws.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...text.paragraph import SetParagraph
from .columns import Columns
from .pieces import FlowPiece
from .pour import Plan, Refit, body_step, pour


def to_foot(
    pieces: Sequence[FlowPiece],
    pars: list[SetParagraph],
    plan: Plan,
    cols: Columns,
    measure: float,
    refit: Refit,
) -> Plan:
    """Draw the story out (or pull it in) by a line at a time, through its longest body
    paragraphs, until its columns end at the foot; each paragraph moves at most once."""
    order = sorted(
        (k for k, p in enumerate(pieces) if p.adjustable), key=lambda k: -len(pars[k].lines)
    )
    capacity = cols.capacity
    # Short by the body's lines (a paragraph drawn out a line takes that line's grid lines).
    step = body_step(pieces, cols.pitch)
    looseness = [0] * len(pieces)
    for k in order:
        short = 0 if plan.over_lines else (capacity - _taken(plan, cols)) // step
        if not plan.over_lines and short <= 0:
            break
        if not plan.over_lines and short > len(order):
            break  # far too short: 欠版, for the editor, not for spacing
        more = -1 if plan.over_lines else 1
        drawn = refit.whole(pieces[k], measure, more)
        if len(drawn.lines) != len(pars[k].lines) + more:
            continue
        trial = [*pars[:k], drawn, *pars[k + 1 :]]
        loose = [*looseness[:k], more, *looseness[k + 1 :]]
        tried = pour(pieces, trial, cols, cols.slots, refit, loose)
        if plan.over_lines and tried.over_lines > plan.over_lines:
            continue
        if not plan.over_lines and tried.over_lines:
            continue  # drawn out too far: over the foot
        pars, plan, looseness = trial, tried, loose
    return plan


def _taken(plan: Plan, cols: Columns) -> int:
    """Slots up to the flow's end (the feet of the columns before it count as taken, the
    slots a wrapped box takes do not), less those left empty above a jump line at the
    foot."""
    column, slot = plan.end
    n = len(cols.frames)
    before = sum(cols.usable(c) for c in range(min(column, n)))
    if column < n:
        before += cols.usable(column, 0, slot)
    return before - len(plan.above_jump)


def balanced(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    cols: Columns,
    plan: Plan,
    refit: Refit,
) -> tuple[tuple[int, ...], Plan]:
    """Columns whose feet lie on one grid line or the line above it (counted from the
    highest column's top), the longer columns first: the shortest such feet that hold
    everything."""
    if plan.over_lines or not cols.frames:
        return cols.slots, plan
    n = len(cols.frames)
    deepest = max(o + s for o, s in zip(cols.offsets, cols.slots, strict=True))
    for foot in range(max(1, -(-plan.used // n)), deepest + 1):
        for longer in range(1, n + 1):
            limits = tuple(
                max(0, min(s, foot - (0 if i < longer else 1) - o))
                for i, (o, s) in enumerate(zip(cols.offsets, cols.slots, strict=True))
            )
            tried = pour(pieces, pars, cols, limits, refit)
            if not tried.over_lines:
                return limits, tried
    return cols.slots, plan
