"""Drawing: a plan of lines made ops on the page, with the flow's copy-fitting numbers.

Contract: :func:`draw` places every line of a :class:`~layout.compose.flow.pour.Plan` in its
column's frame (narrowed where a wrapped box shortens it) on the baseline grid — a one-line
piece in another size (a byline, an intertitle) on the body's baseline, so that lines of
neighbouring columns line up — and returns the :class:`~layout.compose.flow.pieces.Flow`:
ops, placed lines, capacity, use, overset, the empty slots (room the editor can fill; none
when lines are over) and every problem of the pieces, located on the page rect of its line
(:func:`locate`). Of a box whose story goes on, only the lines kept there are drawn, and
only their problems reported (the next box reports the rest).
"""

from __future__ import annotations

from collections.abc import Sequence

from ...geometry import Rect, WritingMode
from ...page import Op, PlacedLine
from ...report import (
    CUT_WORDS,
    AtLine,
    CutFrom,
    MissingGlyph,
    Problem,
    ProblemKind,
    RemovedCharacter,
)
from ...text.clean import Removed
from ...text.finalize import Line
from ...text.paragraph import SetParagraph
from ..setter import Setter, colour_of
from .columns import Columns
from .pieces import Flow, FlowPiece, body_size
from .pour import Plan, body_step, line_chars, step_of


def draw(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    plan: Plan,
    cols: Columns,
    limits: Sequence[int],
    setter: Setter,
    keep: Sequence[int] | None = None,
) -> Flow:
    """The plan drawn; with ``keep``, only the first ``keep[i]`` lines of piece ``i`` (the
    rest goes on in the next box of the thread, which reports their problems)."""
    ops: list[Op] = []
    placed: list[PlacedLine] = []
    problems: list[Problem] = []
    placed_chars = 0
    # The text most pieces are set in: its baselines are the grid's, and a one-line piece
    # in another size (a byline, an intertitle) sits on the same baseline, so that lines of
    # neighbouring columns line up.
    body = body_size(pieces)
    pitch = cols.pitch
    fonts = setter.fonts
    new = tuple.__new__  # (a PlacedLine made as the tuple it is: no keyword layer, per line)
    for i, (piece, par, places) in enumerate(zip(pieces, pars, plan.at, strict=True)):
        style = piece.style
        step = max(1, round(style.leading / pitch))
        kept = len(par.lines) if keep is None else keep[i]
        line_rects: list[Rect | None] = []  # page rect of each line (None: overset)
        # The same for every line of the piece: asked once.
        grid_size = body if step == 1 else None
        size, colour = style.size, colour_of(style)
        height = step * pitch
        for line, where in zip(par.lines[:kept], places[:kept], strict=True):
            if where is None:
                line_rects.append(None)
                continue
            column, slot = where
            frame = cols.frame(column, cols.span(column, slot, step))
            block = slot * pitch
            rect = frame.line_rect(block, height)
            line_rects.append(rect)
            ops.extend(
                frame.place(
                    line, block, height, size, colour, baseline_size=grid_size, fonts=fonts,
                    text=par.text,
                )
            )  # fmt: skip
            baseline = frame.baseline(block, height, grid_size or size)
            fields = (line.text, column, slot, baseline, rect, line.last, line.spacing)
            placed.append(new(PlacedLine, fields))
            placed_chars += line_chars(line)
        found = setter.problems(
            par,
            piece.style,
            piece.where,
            lines=None if keep is None else kept,
            run_in=piece.run_in,
            # As written, where the paragraph starts (the rest of one cut has lost its tabs).
            raw=None if piece.start else piece.text,
            removed=piece.removed,
        )
        if piece.one_line and len(par.lines) > 1:
            found = [*found, _broken_byline(piece, len(par.lines))]
        if kept < len(par.lines):
            found = _set_here(found, par, kept, (*piece.removed, *par.removed))
        problems.extend(locate(found, par.lines, line_rects))
    # Room, use and empty lines count in the body's lines, the ones the box sets (a body
    # leading of two pitches: a line on every second grid line), not in grid lines.
    line_step = body_step(pieces, pitch)
    capacity = cols.lines(line_step)
    empty = () if plan.over_lines else _empty_slots(cols, limits, plan, pieces, line_step)
    empty_measure = sum(_measure(cols, r) for r in empty)
    return Flow(
        ops=tuple(ops),
        lines=tuple(placed),
        problems=tuple(problems),
        capacity_lines=capacity,
        used_lines=plan.used if line_step == 1 else min(capacity, -(-plan.used // line_step)),
        overset_lines=plan.over_lines,
        overset_chars=plan.over_chars,
        empty_slots=empty,
        placed_chars=placed_chars,
        last_position=plan.end,
        capacity_measure=cols.lines_measure(line_step),
        empty_measure=empty_measure,
        cut_from=cut_from(pieces, pars, plan) if plan.over_lines else None,
        used_slots=plan.used,
    )


def cut_from(pieces: Sequence[FlowPiece], pars: Sequence[SetParagraph], plan: Plan) -> CutFrom:
    """Where the lines over begin: the first line of copy the plan places nowhere (a jump
    line is furniture), quoted by its first words, with the paragraph (or part) it is of and
    its line in the record."""
    for i, (piece, par, places) in enumerate(zip(pieces, pars, plan.at, strict=True)):
        if piece.jump and i + 1 < len(pieces):
            continue  # a jump line (上接) over: the text cut begins after it
        for k, (line, place) in enumerate(zip(par.lines, places, strict=True)):
            if place is None:
                words = line.text.strip()
                # "…" when the text cut goes on: past the words quoted, on the next lines
                goes_on = len(words) > CUT_WORDS or k + 1 < len(par.lines) or i + 1 < len(pieces)
                shown = words[:CUT_WORDS] + ("…" if goes_on else "")
                where = piece.where
                return CutFrom(shown, where.paragraph, where.part, where.source)
    return CutFrom("")  # lines over that are of no piece: not made by the pour


def _broken_byline(piece: FlowPiece, lines: int) -> Problem:
    """A byline line set on ``lines`` lines: a name in it is wider than the column."""
    return Problem(
        kind=ProblemKind.BROKEN_BYLINE,
        message=f"byline {piece.text.strip()!r} is wider than the column: a name broken over "
        f"{lines} lines (shorten it, or give the byline a wider box)",
        details=AtLine(line=2),
        box=piece.where.box,
        article=piece.where.article,
        paragraph=piece.where.paragraph,
        source=piece.where.source,
    )


def _set_here(
    found: Sequence[Problem], par: SetParagraph, kept: int, removed: Sequence[Removed]
) -> list[Problem]:
    """The problems of the first ``kept`` lines of ``par``: a missing character, a rule
    broken or a character cleaning took out further on (one of ``removed``, those reported)
    is the next box's to report (it sets those lines again:
    :func:`~layout.text.clean.removed_after`), or none of them when none of the paragraph
    is set here."""
    if kept == 0:
        return []
    end = par.lines[kept].start
    # Where each removed character stood in the text set (its ``at``), by its index as
    # written: the next box takes those from ``end`` on.
    removed_at = {r.index: r.at for r in removed}
    here = []
    for p in found:
        details = p.details
        if isinstance(details, MissingGlyph) and details.index >= end:
            continue
        if isinstance(details, AtLine) and details.line is not None and details.line > kept:
            continue
        if isinstance(details, RemovedCharacter):
            if removed_at.get(details.index, 0) >= end:
                continue
            if details.line is not None and details.line > kept:
                # Dropped white space at the cut: it stood at the end of the last line here.
                p = p._replace(details=details._replace(line=kept))
        here.append(p)
    return here


def _measure(cols: Columns, slot: Rect) -> float:
    """The line length of an empty slot's rect (its width in 横排, its height in 竖排)."""
    if cols.frames and cols.frames[0].mode is WritingMode.VERTICAL_RL:
        return slot.height
    return slot.width


def _empty_slots(
    cols: Columns, limits: Sequence[int], plan: Plan, pieces: Sequence[FlowPiece], step: int
) -> tuple[Rect, ...]:
    """The room for a body line of ``step`` grid lines that holds no line, in flow order:
    after the flow's end to the foot of its column and in every column after it, above a
    jump line set at the foot, and below the balanced foot of every column (room the editor
    can fill), each as deep as a body line. Skipped feet, blank lines inside the text and
    slots too few for a body line are not room."""
    column_end, slot_end = plan.end
    taken: set[tuple[int, int]] = set()
    for piece, places in zip(pieces, plan.at, strict=True):
        piece_step = step_of(piece, cols.pitch)
        for where in places:
            if where is not None:
                taken.update((where[0], where[1] + k) for k in range(piece_step))
    above_jump = set(plan.above_jump)
    slots = []
    for column in range(len(cols.frames)):
        first = slot_end if column == column_end else (0 if column > column_end else limits[column])
        slot = 0
        while slot + step <= cols.slots[column]:
            if slot < first and (
                (column, slot) not in above_jump
                or not all((column, slot + k) in above_jump for k in range(1, step))
            ):
                slot += 1  # above the flow's end: the text's (asked first: most slots are)
                continue
            span = cols.span(column, slot, step)
            if (
                span is None
                or (column, slot) in taken
                or any((column, slot + k) in taken for k in range(1, step))
            ):
                slot += 1  # under a wrapped box or a line: no room
                continue
            frame = cols.frame(column, span)
            slots.append(frame.line_rect(slot * cols.pitch, step * cols.pitch))
            slot += step
    return tuple(slots)


def locate(
    found: Sequence[Problem], lines: Sequence[Line], rects: Sequence[Rect | None]
) -> list[Problem]:
    """Give line-level problems (a rule violation or a removed character: the 1-based line of
    their details; a missing character: its index in the paragraph text as set) the page
    rect of their line, for proofs. Problems of overset lines keep ``where`` None, and say
    that they stand in the overset text (in their message, and ``in_overset``): the editor
    who cuts the story to fit may cut them with it, and would look for them on the proof in
    vain."""
    located = []
    for p in found:
        index: int | None = None
        details = p.details
        if p.where is None:
            if isinstance(details, AtLine | RemovedCharacter) and details.line is not None:
                index = details.line - 1
            elif isinstance(details, MissingGlyph):
                at = details.index
                index = next((i for i, ln in enumerate(lines) if ln.start <= at < ln.end), None)
        if index is not None and 0 <= index < len(rects):
            rect = rects[index]
            if rect is not None:
                p = p._replace(where=rect)
            else:
                p = p._replace(message=f"{p.message} {OVERSET_NOTE}", in_overset=True)
        located.append(p)
    return located


# Said of a problem on a line that is not printed (超版: the box is full before it).
OVERSET_NOTE = "(in the overset text: not printed)"
