"""The columns a body flow fills: their frames, their grid slots, and what the boxes wrapped
into them leave of each slot's line.

Contract: :meth:`Columns.of` builds the columns of a box from their page rects, the grid
pitch and the writing mode; with ``obstacles`` (page rects of the boxes wrapped into the
columns, their stand-off included) each slot gets the span its line may take
(:func:`layout.compose.wrap.slot_spans`: whole, shorter, or skipped). :meth:`Columns.span`,
:meth:`Columns.frame` and :meth:`Columns.usable` answer where a line goes and how much room
there is; skipped slots are no room (capacity counts only the slots that take a line).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice

from ...geometry import Rect, WritingMode
from ...records import NamedTuple
from ..frame import Frame
from ..wrap import MIN_LINE_EMS, Span, slot_spans

# A span made as the tuple it is (its ``__new__`` is a Python call): the flow asks a span of
# every slot it places a line in or looks at.
_new = tuple.__new__


class Columns(NamedTuple):
    """The columns a flow fills: their frames, how many grid lines each holds, and how many
    lines below the highest column top each starts (columns beside a headline start higher);
    with boxes wrapped into them, the span each slot's line takes (``layout.compose.wrap``:
    None where the slot is skipped)."""

    frames: tuple[Frame, ...]
    slots: tuple[int, ...]
    offsets: tuple[int, ...]
    pitch: float
    spans: tuple[tuple[Span | None, ...], ...] = ()  # empty: every line whole

    @classmethod
    def of(
        cls,
        rects: Sequence[Rect],
        pitch: float,
        mode: WritingMode,
        obstacles: Sequence[Rect] = (),
        body_size: float = 0.0,
    ) -> Columns:
        frames = tuple(Frame(r, mode) for r in rects)
        slots = tuple(int(f.extent / pitch + 1e-6) for f in frames)
        if mode is WritingMode.VERTICAL_RL:
            starts = [-f.rect.right for f in frames]  # lines run leftwards from the right
        else:
            starts = [f.rect.y for f in frames]
        top = min(starts, default=0.0)
        offsets = tuple(round((s - top) / pitch) for s in starts)
        spans = ()
        if obstacles:
            shortest = MIN_LINE_EMS * body_size
            spans = tuple(
                slot_spans(f, obstacles, pitch, n, body_size, shortest)
                for f, n in zip(frames, slots, strict=True)
            )
        return cls(frames, slots, offsets, pitch, spans)

    def span(self, column: int, slot: int, step: int, beside: bool = True) -> Span | None:
        """Where a line of ``step`` slots from ``slot`` of ``column`` goes: the stretch all
        its slots leave; None when one is skipped, or (not ``beside``) when it is not the
        whole line."""
        if not self.spans:
            return _new(Span, (0.0, self.frames[column].measure))
        found = self.spans[column][slot : slot + step]
        if step == 1 and found:  # a body line, each slot _empty_slots looks at: no scan
            (one,) = found
            if one is None:
                return None
            start, end = one.start, one.start + one.length
        else:
            if any(s is None for s in found):
                return None
            start = max(s.start for s in found if s is not None)
            end = min(s.end for s in found if s is not None)
        whole = _new(Span, (0.0, self.frames[column].measure))
        if start < 1e-6 and end > whole.length - 1e-6:
            return whole
        span = _new(Span, (start, end - start))
        return span if beside or span == whole else None

    def frame(self, column: int, span: Span | None) -> Frame:
        """The frame a line of ``column`` is placed in: the column's, narrowed to ``span``."""
        frame = self.frames[column]
        if span is None or (span.start < 1e-6 and span.length > frame.measure - 1e-6):
            return frame
        return frame.narrowed(span.start, span.length)

    def usable(self, column: int, start: int = 0, end: int | None = None) -> int:
        """The slots of ``column`` from ``start`` to ``end`` (its foot) that take a line."""
        stop = self.slots[column] if end is None else end
        if not self.spans:
            return max(0, stop - start)
        return sum(1 for s in islice(self.spans[column], start, stop) if s is not None)

    @property
    def capacity(self) -> int:
        """The slots of all columns that take a line: the flow's room (skipped ones aside)."""
        return sum(self.usable(c) for c in range(len(self.frames)))

    def lines(self, step: int) -> int:
        """The lines of ``step`` slots each that all columns hold, placed as the pour places
        them: each on the next ``step`` slots that all take it (``capacity`` at 1)."""
        if step == 1:
            return self.capacity
        return sum(1 for c in range(len(self.frames)) for _ in self._line_spans(c, step))

    def lines_measure(self, step: int) -> float:
        """The length of line those lines hold, in points (``capacity_measure`` at 1)."""
        if step == 1:
            return self.capacity_measure
        return sum(s.length for c in range(len(self.frames)) for s in self._line_spans(c, step))

    def _line_spans(self, column: int, step: int) -> Iterator[Span]:
        """The span of each line of ``step`` slots ``column`` holds, from its top down."""
        slot = 0
        while slot + step <= self.slots[column]:
            span = self.span(column, slot, step)
            if span is None:
                slot += 1  # under a wrapped box: the line goes further on
                continue
            yield span
            slot += step

    @property
    def capacity_measure(self) -> float:
        """The length of line all those slots hold, in points."""
        if not self.spans:
            return sum(f.measure * n for f, n in zip(self.frames, self.slots, strict=True))
        return sum(s.length for spans in self.spans for s in spans if s is not None)
