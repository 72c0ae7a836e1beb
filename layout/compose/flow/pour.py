"""Pouring: every line of every piece placed on the baseline grid, column after column.

Contract: :func:`pour` takes the pieces of a story, their paragraphs as set at the columns'
measure, the :class:`~layout.compose.flow.columns.Columns` and how many slots each column
may fill, and returns a :class:`Plan`: the ``(column, slot)`` of every line (None when it
is over), each piece's paragraph as placed, the slots used and what is over (超版: lines and
characters). It draws nothing.

Boxes wrapped into the columns (串文) take slots away or shorten them: a line goes to the
next slot that takes it, on the grid; where that slot's measure differs from the line's,
the paragraph is set again at the slot's measure from that line on (:class:`Refit`; the
lines above keep their breaks), so one paragraph may run at several measures. Skipped slots
are no room; blank lines before an intertitle count as the text's room as far as its
column's foot.
"""

from __future__ import annotations

from collections.abc import Sequence

from ...geometry import WritingMode
from ...records import NamedTuple
from ...text.finalize import Line
from ...text.paragraph import SetParagraph
from ...text.prepare import MissingGlyph as MissingChar
from ..setter import Setter
from ..wrap import Span
from .columns import Columns
from .pieces import FlowPiece


class Plan(NamedTuple):
    """Where every line of every piece goes: ``(column, slot)``, or None when over; and
    each piece's paragraph as placed (set again from the line where a wrapped box changes
    the measure)."""

    at: tuple[tuple[tuple[int, int] | None, ...], ...]
    pars: tuple[SetParagraph, ...]
    used: int  # slots taken, blank lines before intertitles and skipped feet included
    end: tuple[int, int]  # (column, next free slot) after the last line
    over_lines: int
    over_chars: int
    # The slots left empty above the jump line of a box whose story goes on (an intertitle
    # carried on, a line too deep for the foot): room, as after the last line.
    above_jump: tuple[tuple[int, int], ...] = ()


class Refit(NamedTuple):
    """A paragraph set again at another measure where a wrapped box shortens its lines:
    from its start, or its rest from a line on (no indent, no run-in: it goes on)."""

    setter: Setter
    mode: WritingMode

    def whole(self, piece: FlowPiece, measure: float, looseness: int) -> SetParagraph:
        return set_piece(piece, measure, self.setter, self.mode, looseness)

    def rest(self, piece: FlowPiece, text: str, measure: float, looseness: int) -> SetParagraph:
        return self.setter.set(
            text,
            piece.style,
            measure,
            align=piece.align,
            indent=0.0,
            mode=self.mode,
            looseness=looseness,
        )


def set_piece(
    piece: FlowPiece, measure: float, setter: Setter, mode: WritingMode, looseness: int
) -> SetParagraph:
    """``piece`` set whole at ``measure`` (its indent and run-in), ``looseness`` lines longer
    or shorter than its best setting."""
    return setter.set(
        piece.text,
        piece.style,
        measure,
        align=piece.align,
        indent=piece.indent,
        mode=mode,
        run_in=piece.run_in,
        looseness=looseness,
    )


def pour(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    cols: Columns,
    limits: Sequence[int],
    refit: Refit,
    looseness: Sequence[int] = (),
) -> Plan:
    """Lines placed column after column, ``limits[i]`` slots in column ``i``, skipping the
    slots a wrapped box takes; ``looseness[k]`` is what piece ``k`` was set with."""
    column = slot = used = over_lines = over_chars = 0
    at: list[tuple[tuple[int, int] | None, ...]] = []
    placed: list[SetParagraph] = []
    for k, (piece, par) in enumerate(zip(pieces, pars, strict=True)):
        if slot and piece.space_before:
            # The blank lines are part of the text's room, as far as its column's foot: past
            # it the intertitle starts the next column, with none before it, and the slots
            # skipped are the rest of the column (counting the blank lines past the foot too
            # made used_lines grow with the spacing while the text ended where it did).
            if column < len(cols.frames):
                used += min(piece.space_before, cols.usable(column, slot, limits[column]))
            slot += piece.space_before
        poured = _pour_piece(piece, par, cols, limits, (column, slot), refit, _at(looseness, k))
        column, slot = poured.end
        used += poured.used
        over_lines += poured.over_lines
        if not piece.jump:  # a jump line (上接) over is a line over, not text cut
            over_chars += poured.over_chars
        at.append(poured.places)
        placed.append(poured.par)
    return Plan(tuple(at), tuple(placed), used, (column, slot), over_lines, over_chars)


def step_of(piece: FlowPiece, pitch: float) -> int:
    """Grid lines a line of ``piece`` takes."""
    return max(1, round(piece.style.leading / pitch))


def body_step(pieces: Sequence[FlowPiece], pitch: float) -> int:
    """Grid lines a line of the body takes: the step of most body paragraphs (of most
    pieces, in a flow of none). A body style whose leading is two pitches sets its lines on
    every second grid line, and the flow's room, use and empty lines count in those lines,
    the ones an editor fills, not in grid lines (twice as many)."""
    body = [p for p in pieces if p.adjustable] or list(pieces)
    steps = [step_of(p, pitch) for p in body]
    return max(sorted(set(steps)), key=steps.count) if steps else 1


def _at(values: Sequence[int], k: int) -> int:
    return values[k] if k < len(values) else 0


class _Poured(NamedTuple):
    """One piece placed: its paragraph as set, where each line went, where the flow goes
    on, and the slots it took (skipped feet included) and what it left over."""

    par: SetParagraph
    places: tuple[tuple[int, int] | None, ...]
    end: tuple[int, int]
    used: int
    over_lines: int
    over_chars: int


def _pour_piece(
    piece: FlowPiece,
    par: SetParagraph,
    cols: Columns,
    limits: Sequence[int],
    start: tuple[int, int],
    refit: Refit,
    looseness: int,
) -> _Poured:
    """The lines of ``par`` from ``start`` on. Where the next slot's line is of another
    measure than the line to go there (a wrapped box shortens it, or the line beside the box
    was short and this one is whole), the paragraph is set again at that measure from that
    line on; the lines above keep their breaks."""
    column, slot = start
    n = len(cols.frames)
    step = max(1, round(piece.style.leading / cols.pitch))
    used = over_lines = over_chars = 0
    places: list[tuple[int, int] | None] = []
    done: list[Line] = []  # lines placed before the paragraph was set again, text-indexed
    missing: list[MissingChar] = []
    current, offset, i = par, 0, 0  # ``current`` sets the paragraph text from ``offset`` on
    refitted: tuple[int, int] | None = None
    while i < len(current.lines):
        span: Span | None = None
        while column < n:
            if slot + step > limits[column]:
                used += cols.usable(column, slot, limits[column]) if slot else 0  # a foot too short
                column, slot = column + 1, 0
                continue
            span = cols.span(column, slot, step, piece.beside)
            if span is not None:
                break
            slot += 1  # under a wrapped box, or beside it for a piece that keeps its width
        if column >= n or span is None:
            rest = current.lines[i:]
            over_lines += len(rest)
            over_chars += sum(line_chars(line) for line in rest)
            places.extend(None for _ in rest)
            break
        if abs(current.lines[i].measure - span.length) > 1e-6 and refitted != (column, slot):
            refitted = (column, slot)
            if i == 0 and not done:
                current = refit.whole(piece, span.length, looseness)
                continue
            cut = current.lines[i].start
            text = current.text[cut:]
            again = refit.rest(piece, text, span.length, looseness)
            skip = len(text) - len(again.text)  # white space at the break, dropped
            if skip >= 0 and text[skip:] == again.text:
                done.extend(_shifted(line, offset) for line in current.lines[:i])
                missing.extend(_moved(m, offset) for m in current.missing if m.index < cut)
                current, offset, i = again, offset + cut + skip, 0
                continue
            slot += 1  # the rest cannot be set again as it is: the line goes further on
            continue
        places.append((column, slot))
        slot += step
        used += step
        i += 1
    if done:
        lines = (*done, *(_shifted(line, offset) for line in current.lines))
        missing.extend(_moved(m, offset) for m in current.missing)
        overfull = tuple(j for j, line in enumerate(lines) if line.overfull > 1e-6)
        current = SetParagraph(par.text, lines, tuple(missing), overfull, par.removed)
    return _Poured(current, tuple(places), (column, slot), used, over_lines, over_chars)


def _shifted(line: Line, offset: int) -> Line:
    """``line`` of a paragraph set from ``offset`` of the text on, indexed into the whole."""
    return line.shifted(offset) if offset else line


def _moved(m: MissingChar, offset: int) -> MissingChar:
    return m._replace(index=m.index + offset) if offset else m


def line_chars(line: Line) -> int:
    """The characters of the copy ``line`` sets (an inserted hyphen not counted)."""
    return len(line.text)
