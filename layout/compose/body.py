"""Body flow: paragraphs poured into a box's columns, column after column, on the baseline
grid, so that lines of neighbouring columns share baselines.

A story's box goes to press full (the reference digest, "Newspaper page practice": 欠版 and
超版 are fixed before press). With ``fill`` the flow makes it so where the copy allows:

- ``Fill.FOOT``: the columns run to the box's foot. A story a few lines short is drawn out,
  a few lines over is pulled in: its longest body paragraphs are set one line longer or
  shorter (拉行 / 缩行, TeX's ``\\looseness``), each at most once and only where the setting
  keeps to the rules (``layout.text.paragraph``).
- ``Fill.BALANCE``: the columns end on the same grid line, within one, the longer ones
  first (columns beside a headline start higher and hold more lines); the paragraphs are
  set as written.

Columns may differ in length (the body runs up beside a headline narrower than its box).
What does not fit is counted (lines and characters over: 超版) and what is left empty is
counted too, for the editor's copy-fitting.

Boxes wrapped into the columns (串文, ``obstacles``: page rects grown by their stand-off)
take slots away or shorten them (``layout.compose.wrap``): a line goes to the next slot that
takes it, on the grid; where that slot's measure differs from the line's, the paragraph is
set again at the slot's measure from that line on (the lines above keep their breaks), so
one paragraph may run at several measures. Skipped slots are no room: capacity, empty
slots and overset count only the slots that take a line.

A box of a thread (``onward``: the story goes on in another box) is never overset: when the
story does not fit, the box is filled to its foot and what does not fit is carried on — the
flow stops at a line start (:class:`Cut`: the piece and the character of its text where the
first line not set here begins), so the next box sets the rest of that paragraph from that
character at its own measure, nothing lost or repeated. The jump line, when there is one,
takes the last grid line(s) of the last column and the text before it is fitted with it in
place. An intertitle never ends a box whose story goes on (背题: a head at the foot with its
text elsewhere, which makeup forbids): it goes on with its text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from itertools import islice

from ..geometry import Rect, WritingMode
from ..page import Op, PlacedLine
from ..report import AtLine, MissingGlyph, Problem, RemovedCharacter
from ..spec.model import Style
from ..text.clean import clean
from ..text.finalize import Line
from ..text.options import Align
from ..text.paragraph import SetParagraph
from ..text.prepare import MissingGlyph as MissingChar
from .frame import Frame
from .setter import RunInText, Setter, Where, colour_of
from .wrap import MIN_LINE_EMS, Span, slot_spans


class Fill(Enum):
    """How a story's columns end (box key ``fill``)."""

    FOOT = "foot"  # at the box's foot
    BALANCE = "balance"  # on one grid line, within one


@dataclass(frozen=True)
class FlowPiece:
    """One paragraph to pour: body text, an intertitle (小标题), a byline, a jump line."""

    text: str
    style: Style
    where: Where
    align: Align | None = None
    indent: float | None = None
    space_before: int = 0  # empty grid lines before it, unless it starts a column
    adjustable: bool = False  # a body paragraph: may be set a line longer or shorter to fill
    run_in: RunInText | None = None  # an opening in its own style: a dateline (本报讯)
    # May be set beside a wrapped box at a shorter measure; a byline keeps its width (its
    # labels are spread to it) and goes to the next whole line.
    beside: bool = True
    keep_with_next: bool = False  # an intertitle: never the last thing in a box (背题)
    # What of the story the piece is (the composer's bookkeeping for threads): ``part`` 0 the
    # byline, ``k`` the story's paragraph k − 1, None furniture (a jump line); ``start`` where
    # its text begins in that part (characters of the cleaned paragraph; byline lines).
    part: int | None = None
    start: int = 0


@dataclass(frozen=True)
class Cut:
    """Where a box's flow stops when its story goes on in the next box: piece ``piece`` is
    the first not wholly set here, and ``offset`` the character of its cleaned text (its
    run-in not counted) where its first line not set here begins (0: all of it goes on)."""

    piece: int
    offset: int


@dataclass(frozen=True)
class Onward:
    """The story may go on in another box: what does not fit is carried on, not overset;
    ``jump`` is the jump line printed at the foot of the last column when it is (None: no
    line, as for a thread within one page)."""

    jump: FlowPiece | None = None


@dataclass(frozen=True)
class Flow:
    ops: tuple[Op, ...]
    lines: tuple[PlacedLine, ...]
    problems: tuple[Problem, ...]
    capacity_lines: int
    used_lines: int
    overset_lines: int
    overset_chars: int
    # The empty line slots of the columns (below their last lines), in flow order; none
    # when lines are over.
    empty_slots: tuple[Rect, ...]
    placed_chars: int
    last_position: tuple[int, int] = field(default=(0, 0))  # (column, next free slot)
    rest: Cut | None = None  # where the story goes on in the next box of its thread
    # The length of line the slots that take one hold, and the empty ones, in points: a
    # line shortened beside a wrapped box counts short (copy-fitting in characters).
    capacity_measure: float = 0.0
    empty_measure: float = 0.0

    @property
    def empty_lines(self) -> int:
        return len(self.empty_slots)


@dataclass(frozen=True)
class _Columns:
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
    ) -> _Columns:
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
        whole = Span(0.0, self.frames[column].measure)
        if not self.spans:
            return whole
        found = self.spans[column][slot : slot + step]
        if any(s is None for s in found):
            return None
        start = max(s.start for s in found if s is not None)
        end = min(s.end for s in found if s is not None)
        span = whole if start < 1e-6 and end > whole.length - 1e-6 else Span(start, end - start)
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

    @property
    def capacity_measure(self) -> float:
        """The length of line all those slots hold, in points."""
        if not self.spans:
            return sum(f.measure * n for f, n in zip(self.frames, self.slots, strict=True))
        return sum(s.length for spans in self.spans for s in spans if s is not None)


@dataclass(frozen=True)
class _Plan:
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
    cols = _Columns.of(columns, pitch, mode, obstacles, _body_size(pieces))
    measure = cols.frames[0].measure if cols.frames else 0.0
    pars = [_set(piece, measure, setter, mode, 0) for piece in pieces]
    limits = cols.slots
    refit = _Refit(setter, mode)
    plan = _plan(pieces, pars, cols, limits, refit)
    if onward is not None and plan.over_lines:
        # The box is full by definition: it is neither drawn out nor pulled in.
        return _carried(pieces, pars, cols, setter, refit, onward.jump)
    if fill is Fill.FOOT:
        plan = _to_foot(pieces, pars, plan, cols, measure, refit)
    elif fill is Fill.BALANCE:
        limits, plan = _balanced(pieces, pars, cols, plan, refit)
    return _draw(pieces, plan.pars, plan, cols, limits, setter)


def _body_size(pieces: Sequence[FlowPiece]) -> float:
    """The size most pieces are set in: the body's, whose baselines are the grid's."""
    sizes = [p.style.size for p in pieces]
    return max(set(sizes), key=sizes.count) if sizes else 1.0


@dataclass(frozen=True)
class _Refit:
    """A paragraph set again at another measure where a wrapped box shortens its lines:
    from its start, or its rest from a line on (no indent, no run-in: it goes on)."""

    setter: Setter
    mode: WritingMode

    def whole(self, piece: FlowPiece, measure: float, looseness: int) -> SetParagraph:
        return _set(piece, measure, self.setter, self.mode, looseness)

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


def _set(
    piece: FlowPiece, measure: float, setter: Setter, mode: WritingMode, looseness: int
) -> SetParagraph:
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


def _plan(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    cols: _Columns,
    limits: Sequence[int],
    refit: _Refit,
    looseness: Sequence[int] = (),
) -> _Plan:
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
        poured = _pour(piece, par, cols, limits, (column, slot), refit, _at(looseness, k))
        column, slot = poured.end
        used += poured.used
        over_lines += poured.over_lines
        over_chars += poured.over_chars
        at.append(poured.places)
        placed.append(poured.par)
    return _Plan(tuple(at), tuple(placed), used, (column, slot), over_lines, over_chars)


def _step(piece: FlowPiece, pitch: float) -> int:
    """Grid lines a line of ``piece`` takes."""
    return max(1, round(piece.style.leading / pitch))


def _jump_foot(cols: _Columns, limit: int, lines: int, step: int) -> int:
    """The slot of the last column where a jump line of ``lines`` lines starts: as low as
    whole lines are there (a wrapped box may stand at the foot)."""
    foot = max(0, limit - lines * step)
    while foot > 0 and any(
        cols.span(len(cols.frames) - 1, foot + m * step, step, False) is None for m in range(lines)
    ):
        foot -= 1
    return foot


def _carried(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    cols: _Columns,
    setter: Setter,
    refit: _Refit,
    jump: FlowPiece | None,
) -> Flow:
    """The box filled to its foot with the story's beginning, the jump line (if any) at the
    foot of its last column, and where the story goes on."""
    n = len(cols.frames)
    measure = cols.frames[0].measure if n else 0.0
    limits = list(cols.slots)
    jump_par = _set(jump, measure, setter, refit.mode, 0) if jump is not None and n else None
    if jump is not None and jump_par is not None:
        limits[-1] = _jump_foot(cols, limits[-1], len(jump_par.lines), _step(jump, cols.pitch))
    plan = _plan(pieces, pars, cols, limits, refit)
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
        for d in range(_step(piece, cols.pitch))
    }
    if jump is not None and jump_par is not None:
        step = _step(jump, cols.pitch)
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
    carried = _Plan(
        tuple(at),
        tuple(kept_pars),
        cols.capacity - len(room),
        (n - 1, cols.slots[-1] if n else 0),
        0,
        0,
        room,
    )
    drawn = _draw(kept_pieces, kept_pars, carried, cols, cols.slots, setter, keep)
    return replace(drawn, rest=Cut(k, offset))


def _at(values: Sequence[int], k: int) -> int:
    return values[k] if k < len(values) else 0


@dataclass(frozen=True)
class _Poured:
    """One piece placed: its paragraph as set, where each line went, where the flow goes
    on, and the slots it took (skipped feet included) and what it left over."""

    par: SetParagraph
    places: tuple[tuple[int, int] | None, ...]
    end: tuple[int, int]
    used: int
    over_lines: int
    over_chars: int


def _pour(
    piece: FlowPiece,
    par: SetParagraph,
    cols: _Columns,
    limits: Sequence[int],
    start: tuple[int, int],
    refit: _Refit,
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
            over_chars += sum(_chars(line) for line in rest)
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
    if not offset:
        return line
    glyphs = tuple(g._replace(source=g.source + offset) for g in line.glyphs)
    return replace(line, glyphs=glyphs, start=line.start + offset, end=line.end + offset)


def _moved(m: MissingChar, offset: int) -> MissingChar:
    return replace(m, index=m.index + offset) if offset else m


def _to_foot(
    pieces: Sequence[FlowPiece],
    pars: list[SetParagraph],
    plan: _Plan,
    cols: _Columns,
    measure: float,
    refit: _Refit,
) -> _Plan:
    """Draw the story out (or pull it in) by a line at a time, through its longest body
    paragraphs, until its columns end at the foot; each paragraph moves at most once."""
    order = sorted(
        (k for k, p in enumerate(pieces) if p.adjustable), key=lambda k: -len(pars[k].lines)
    )
    capacity = cols.capacity
    looseness = [0] * len(pieces)
    for k in order:
        short = 0 if plan.over_lines else capacity - _taken(plan, cols)
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
        tried = _plan(pieces, trial, cols, cols.slots, refit, loose)
        if plan.over_lines and tried.over_lines > plan.over_lines:
            continue
        if not plan.over_lines and tried.over_lines:
            continue  # drawn out too far: over the foot
        pars, plan, looseness = trial, tried, loose
    return plan


def _taken(plan: _Plan, cols: _Columns) -> int:
    """Slots up to the flow's end (the feet of the columns before it count as taken, the
    slots a wrapped box takes do not), less those left empty above a jump line at the
    foot."""
    column, slot = plan.end
    n = len(cols.frames)
    before = sum(cols.usable(c) for c in range(min(column, n)))
    if column < n:
        before += cols.usable(column, 0, slot)
    return before - len(plan.above_jump)


def _balanced(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    cols: _Columns,
    plan: _Plan,
    refit: _Refit,
) -> tuple[tuple[int, ...], _Plan]:
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
            tried = _plan(pieces, pars, cols, limits, refit)
            if not tried.over_lines:
                return limits, tried
    return cols.slots, plan


def _draw(
    pieces: Sequence[FlowPiece],
    pars: Sequence[SetParagraph],
    plan: _Plan,
    cols: _Columns,
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
    body_size = _body_size(pieces)
    pitch = cols.pitch
    for i, (piece, par, places) in enumerate(zip(pieces, pars, plan.at, strict=True)):
        step = max(1, round(piece.style.leading / pitch))
        kept = len(par.lines) if keep is None else keep[i]
        line_rects: list[Rect | None] = []  # page rect of each line (None: overset)
        for line, where in zip(par.lines[:kept], places[:kept], strict=True):
            if where is None:
                line_rects.append(None)
                continue
            column, slot = where
            frame = cols.frame(column, cols.span(column, slot, step))
            block, height = slot * pitch, step * pitch
            rect = frame.line_rect(block, height)
            line_rects.append(rect)
            grid_size = body_size if step == 1 else None
            size, colour = piece.style.size, colour_of(piece.style)
            ops.extend(
                frame.place(
                    line, block, height, size, colour, baseline_size=grid_size, fonts=setter.fonts
                )
            )
            baseline = frame.baseline(block, height, grid_size or piece.style.size)
            placed.append(
                PlacedLine(line.text, column, slot, baseline, rect, line.last, line.spacing)
            )
            placed_chars += _chars(line)
        found = setter.problems(par, piece.style, piece.where)
        if kept < len(par.lines):
            found = _set_here(found, par, kept)
        problems.extend(_locate(found, par.lines, line_rects))
    empty = () if plan.over_lines else _empty_slots(cols, limits, plan, pieces)
    empty_measure = sum(_measure(cols, r) for r in empty)
    return Flow(
        ops=tuple(ops),
        lines=tuple(placed),
        problems=tuple(problems),
        capacity_lines=cols.capacity,
        used_lines=plan.used,
        overset_lines=plan.over_lines,
        overset_chars=plan.over_chars,
        empty_slots=empty,
        placed_chars=placed_chars,
        last_position=plan.end,
        capacity_measure=cols.capacity_measure,
        empty_measure=empty_measure,
    )


def _set_here(found: Sequence[Problem], par: SetParagraph, kept: int) -> list[Problem]:
    """The problems of the first ``kept`` lines of ``par``: a missing character or a rule
    broken further on is the next box's to report (it sets those lines again); a character
    cleaning took out is reported here, where the paragraph's text was cleaned, or not at all
    when none of the paragraph is set here (the next box cleans it)."""
    if kept == 0:
        return []
    end = par.lines[kept].start
    here = []
    for p in found:
        details = p.details
        if isinstance(details, MissingGlyph) and details.index >= end:
            continue
        if isinstance(details, AtLine) and details.line is not None and details.line > kept:
            continue
        here.append(p)
    return here


def _measure(cols: _Columns, slot: Rect) -> float:
    """The line length of an empty slot's rect (its width in 横排, its height in 竖排)."""
    if cols.frames and cols.frames[0].mode is WritingMode.VERTICAL_RL:
        return slot.height
    return slot.width


def _chars(line: Line) -> int:
    return sum(len(g.text) for g in line.glyphs if not g.inserted)


def _empty_slots(
    cols: _Columns, limits: Sequence[int], plan: _Plan, pieces: Sequence[FlowPiece]
) -> tuple[Rect, ...]:
    """The slots that hold no line, in flow order: after the flow's end to the foot of its
    column and in every column after it, above a jump line set at the foot, and below the
    balanced foot of every column (room the editor can fill). Skipped feet and blank lines
    inside the text are not room."""
    column_end, slot_end = plan.end
    taken: set[tuple[int, int]] = set()
    for piece, places in zip(pieces, plan.at, strict=True):
        step = max(1, round(piece.style.leading / cols.pitch))
        for where in places:
            if where is not None:
                taken.update((where[0], where[1] + k) for k in range(step))
    above_jump = set(plan.above_jump)
    slots = []
    for column in range(len(cols.frames)):
        first = slot_end if column == column_end else (0 if column > column_end else limits[column])
        for slot in range(cols.slots[column]):
            span = cols.span(column, slot, 1)
            if span is None or (column, slot) in taken:
                continue  # under a wrapped box: no room
            if slot >= first or (column, slot) in above_jump:
                frame = cols.frame(column, span)
                slots.append(frame.line_rect(slot * cols.pitch, cols.pitch))
    return tuple(slots)


def _locate(
    found: Sequence[Problem], lines: Sequence[Line], rects: Sequence[Rect | None]
) -> list[Problem]:
    """Give line-level problems (a rule violation or a removed character: the 1-based line of
    their details; a missing character: its index in the paragraph text as set) the page
    rect of their line, for proofs. Problems of overset lines keep ``where`` None."""
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
        rect = rects[index] if index is not None and 0 <= index < len(rects) else None
        if rect is not None:
            p = replace(p, where=rect)
        located.append(p)
    return located
