"""Threads: a box whose story goes on in another box (``continues``).

A box of a thread (:class:`~layout.compose.flow.pieces.Onward`) is never overset: when the
story does not fit, the box is filled to its foot and what does not fit is carried on — the
flow stops at a line start (:class:`~layout.compose.flow.pieces.Cut`: the piece and the
character of its text where the first line not set here begins), so the next box sets the
rest of that paragraph from that character at its own measure, nothing lost or repeated.
The jump line (``（下转N版）``), when there is one, takes the last grid line(s) of the last
column, as low as whole lines are there, and the text before it is fitted with it in place.
An intertitle never ends a box whose story goes on (背题: a head at the foot with its text
elsewhere, which makeup forbids): it goes on with its text, its slots counted as room.

Contract: :func:`carried` is called only for a story that does not fit its box; it returns
the :class:`~layout.compose.flow.pieces.Flow` of the box, full by definition (neither drawn
out nor pulled in), with ``rest`` where the story goes on.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...text.clean import clean
from ...text.paragraph import SetParagraph
from ..setter import Setter
from .columns import Columns
from .draw import draw
from .pieces import Cut, Flow, FlowPiece
from .pour import Plan, Refit, pour, set_piece, step_of


def _jump_foot(cols: Columns, limit: int, lines: int, step: int) -> int:
    """The slot of the last column where a jump line of ``lines`` lines starts: as low as
    whole lines are there (a wrapped box may stand at the foot)."""
    foot = max(0, limit - lines * step)
    while foot > 0 and any(
        cols.span(len(cols.frames) - 1, foot + m * step, step, False) is None for m in range(lines)
    ):
        foot -= 1
    return foot


def carried(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    cols: Columns,
    setter: Setter,
    refit: Refit,
    jump: FlowPiece | None,
) -> Flow:
    """The box filled to its foot with the story's beginning, the jump line (if any) at the
    foot of its last column, and where the story goes on."""
    n = len(cols.frames)
    measure = cols.frames[0].measure if n else 0.0
    limits = list(cols.slots)
    jump_par = set_piece(jump, measure, setter, refit.mode, 0) if jump is not None and n else None
    if jump is not None and jump_par is not None:
        limits[-1] = _jump_foot(cols, limits[-1], len(jump_par.lines), step_of(jump, cols.pitch))
    plan = pour(pieces, pars, cols, limits, refit)
    k, j = next(
        (i, m)
        for i, places in enumerate(plan.at)
        for m, where in enumerate(places)
        if where is None
    )
    while j == 0 and k > 0 and pieces[k - 1].keep_with_next:
        k -= 1  # 背题: the intertitle goes on with its text
    at = [*plan.at[:k], plan.at[k][:j]]
    kept_pieces, kept_pars = list(pieces[: k + 1]), list(plan.pars[: k + 1])
    keep = [len(p.lines) for p in plan.pars[:k]] + [j]
    taken = {
        (c, s + d)
        for piece, places in zip(kept_pieces, at, strict=True)
        for c, s in filter(None, places)
        for d in range(step_of(piece, cols.pitch))
    }
    if jump is not None and jump_par is not None:
        step = step_of(jump, cols.pitch)
        at.append(tuple((n - 1, limits[-1] + m * step) for m in range(len(jump_par.lines))))
        kept_pieces.append(jump)
        kept_pars.append(jump_par)
        keep.append(len(jump_par.lines))
    last = max((w for places in at[: k + 1] for w in places if w is not None), default=(0, -1))
    room = tuple(
        (c, s)
        for c in range(last[0], n)
        for s in range(last[1] + 1 if c == last[0] else 0, limits[c])
        if (c, s) not in taken and cols.span(c, s, 1) is not None
    )
    offset = 0
    if j:
        text = plan.pars[k].text
        body = len(clean(pieces[k].text).text)
        offset = plan.pars[k].lines[j].start - (len(text) - body)  # the run-in is not the piece's
    kept_plan = Plan(
        tuple(at),
        tuple(kept_pars),
        cols.capacity - len(room),
        (n - 1, cols.slots[-1] if n else 0),
        0,
        0,
        room,
    )
    drawn = draw(kept_pieces, kept_pars, kept_plan, cols, cols.slots, setter, keep)
    return drawn._replace(rest=Cut(k, offset))
