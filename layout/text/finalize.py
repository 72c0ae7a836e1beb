"""Stage 4, finalize: cut the items at the chosen breaks and place every glyph run.

A justified line is brought to exactly the measure by the clreq priority order (§3.6): when
too long, shrink step by step (word spaces, interpuncts, the Han–Western gap) and, only if
that is not enough, set as few lone marks as will do in ½ em (brackets, ，、；：, 。？！;
never a width between ½ and 1 em); when too short, stretch word spaces, then the Han–Western
gap, then spread the characters evenly. Only the last line of a paragraph keeps its natural
width.

A line that ends at a break inside a word ends with what that break draws (the hyphen of a
hyphenated word: a glyph of its own, marked ``inserted``, that is no character of the text).
A line still wider than the measure after every glue has shrunk (a glyph wider than the
column) is squeezed to the measure as a whole, glyph runs scaled horizontally (``squeeze``),
and stays reported as overfull: nothing is ever drawn past the column's edge.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property

from ..records import Frozen, NamedTuple
from .items import WHOLE_STEPS, Box, Discretionary, Glue, Item, ShrinkStep, StretchStep
from .linebreak import Break, squeezed_marks
from .loops import LOOPS, Loops, _loops
from .options import Align
from .orient import Orientation

_LIMITED_STRETCH = (StretchStep.WORD_SPACE, StretchStep.HAN_LATIN)
_STRETCH_STEPS = tuple(StretchStep)  # (iterating the Enum itself is slow: once a line)


class Glyph(NamedTuple):
    """A run of characters of one face at its place on the line (logical coordinates)."""

    text: str
    face: str | None
    inline: float  # origin of the run, from the start of the line, in points
    advance: float  # inline size of the run as drawn (after ``scale``)
    scale: float
    source: int  # index of the first character in the paragraph text
    # Drawn but no character of the text: the hyphen at the end of a hyphenated line (its
    # ``source`` is where the text goes on, on the next line).
    inserted: bool = False
    orientation: Orientation = Orientation.UPRIGHT  # how it stands in a vertical line


class LineRun(NamedTuple):
    """Neighbouring glyphs of a horizontal line drawn as one run (:meth:`Line.runs`): single
    characters of one face at scale 1, evenly spaced (``char_space`` points between one's end
    and the next one's origin: PDF ``Tc``), or one glyph run alone."""

    text: str
    face: str | None  # None: characters no face has (never merged: each drawn as a box)
    inline: float  # origin of the first glyph, from the start of the line
    advance: float  # from that origin to the end of the last glyph
    scale: float
    char_space: float


class Line(Frozen):
    """One line of a paragraph: its items as the line breaker cut them (from its first box
    to its end, a discretionary break included) and the inline size each is set at; the
    glyphs are placed from those only when asked for (:attr:`glyphs`, :meth:`runs`), so a
    line costs a few records, not one per character. A frozen record
    (:class:`~layout.records.Frozen`): compared, hashed and shown on every field; what is
    memoised (:attr:`glyphs`, :attr:`text`, the runs) is kept beside them."""

    items: tuple[Item, ...]
    sizes: tuple[float, ...]  # per item: its inline size as justified (and squeezed)
    sources: tuple[int, ...]  # per item: index of its first character in the paragraph text
    offset: float  # where the first item starts (alignment: centred, at the end)
    measure: float
    width: float  # inline size the line's content takes (the measure, when justified)
    natural: float  # inline size before justification
    start: int  # source text range [start, end)
    end: int
    last: bool
    spacing: float  # points added to each inter-character gap by justification
    overfull: float = 0.0  # points beyond the measure (an unbreakable run too wide)
    short: float = 0.0  # points a justified line could not be stretched (nothing to stretch)
    # Horizontal scale of the whole line that brought an overfull line to the measure (1.0:
    # none); its glyph runs' ``scale`` and ``advance`` include it.
    squeeze: float = 1.0
    # Points each word space was stretched past its stretch (to ½ em, prepare.WORD_SPACE_MAX)
    # on a justified line with no gap between characters to take the rest (a line of Western
    # words alone): loose past ``linebreak.WORD_SPREAD_TOLERANCE`` (check.py).
    word_spread: float = 0.0

    def __init__(
        self,
        items: tuple[Item, ...],
        sizes: tuple[float, ...],
        sources: tuple[int, ...],
        offset: float,
        measure: float,
        width: float,
        natural: float,
        start: int,
        end: int,
        last: bool,
        spacing: float,
        overfull: float = 0.0,
        short: float = 0.0,
        squeeze: float = 1.0,
        word_spread: float = 0.0,
    ) -> None:
        self.__dict__.update(
            items=items,
            sizes=sizes,
            sources=sources,
            offset=offset,
            measure=measure,
            width=width,
            natural=natural,
            start=start,
            end=end,
            last=last,
            spacing=spacing,
            overfull=overfull,
            short=short,
            squeeze=squeeze,
            word_spread=word_spread,
        )

    @cached_property
    def glyphs(self) -> tuple[Glyph, ...]:
        """Every glyph run of the line at its place (one record per run of a box: a Han
        character, a Western word's run of one face, an inserted hyphen)."""
        new = tuple.__new__  # (a Glyph made as the tuple it is: no keyword layer)
        return tuple(new(Glyph, fields) for fields in _placed(self))

    @cached_property
    def text(self) -> str:
        """The line's characters of the paragraph text (an inserted hyphen is not one). Kept
        with the line (a few reads a build: the flow counts them, the PDF writes them)."""
        box = Box
        return "".join(
            run.text
            for it in self.items
            if it.__class__ is box
            for run in it.runs  # type: ignore[union-attr]
        )

    @property
    def hyphenated(self) -> bool:
        """Whether the line ends inside a word with what that break draws (a hyphen)."""
        taken = _taken(self.items)
        return taken is not None and bool(taken.runs)

    def shifted(self, offset: int) -> Line:
        """The line of a paragraph set from ``offset`` of a text on, indexed into the whole."""
        sources = tuple(s + offset if s >= 0 else s for s in self.sources)
        return self._replace(sources=sources, start=self.start + offset, end=self.end + offset)

    def runs(self, em: float, *, loops: Loops = LOOPS) -> tuple[LineRun, ...]:
        """The line's glyphs as runs to draw in a horizontal line set at ``em`` points:
        neighbouring single characters of one face at scale 1, spaced evenly less than an em
        apart, merged into one (so that the PDF stays small and its text extracts as words;
        a Western word's letters keep their own advances, a run at another scale and a
        character no face has stand alone). Kept with the line for the last ``em`` asked:
        a line memoised across rebuilds (``watch``) is merged once, not at every drawing.
        ``loops`` says which implementation merges them (:mod:`~.loops`: the same runs)."""
        kept = self.__dict__.get("_runs")
        if kept is not None and kept[0] == em and kept[1] is loops:
            return kept[2]
        if loops is Loops.COMPILED:
            made = _loops.runs(
                self.items, self.sizes, self.offset, self.squeeze, em, Box, Discretionary, LineRun
            )
            runs = tuple(made)
        else:
            runs = tuple(_merged(self, em))
        # Beside the fields, as cached_property keeps ``glyphs``: not compared, not hashed.
        self.__dict__["_runs"] = (em, loops, runs)
        return runs


def finalize(
    items: Sequence[Item],
    breaks: Sequence[Break],
    measure: float,
    align: Align,
    sources: Sequence[int],
    *,
    loops: Loops = LOOPS,
) -> list[Line]:
    """The lines of ``items`` cut at ``breaks``; ``sources`` gives, per item, where its text
    starts in the paragraph (a box's runs count from there). ``loops`` says which
    implementation sizes a line that is not too long (:mod:`~.loops`: the same lines)."""
    if loops is Loops.COMPILED and measure.__class__ is float:
        # The same loop, compiled: each line sized, placed and made there, a line too long
        # or too wide (shrunk, squeezed) by _line.
        def other(
            items: Sequence[Item], sources: Sequence[int], last: bool, overfull: float
        ) -> Line:
            return _line(items, sources, measure, align, last, overfull)

        return _loops.lines(
            items, breaks, measure, _ALIGNS.index(align), sources, _LINE_TYPES, _MADE, other
        )
    lines: list[Line] = []
    start = 0
    n = len(items)
    for k, brk in enumerate(breaks):
        while start < n and not isinstance(items[start], Box):
            start += 1  # glue after a break is dropped
        last = k == len(breaks) - 1
        # A line broken inside a word ends with what the break draws: the discretionary item
        # is its last item, set at its break width.
        end = brk.position
        if end < n and items[end].__class__ is Discretionary:
            end += 1
        lines.append(
            _line(items[start:end], sources[start:end], measure, align, last, brk.overfull)
        )
        start = brk.position + 1
    return lines


def _line(
    items: Sequence[Item],
    sources: Sequence[int],
    measure: float,
    align: Align,
    last: bool,
    overfull: float,
) -> Line:
    justify = align is Align.JUSTIFY and not last
    sizes, natural, width, spacing, short, squeeze, overfull, word_spread = _sized(
        items, measure, justify, overfull
    )
    offset = 0.0
    if not justify:
        free = measure - width
        if align is Align.CENTER:
            offset = free / 2
        elif align is Align.END:
            offset = free
    start, end = _source_range(items, sources)
    return _made_line(
        tuple(items),
        tuple(sizes),
        tuple(sources),
        offset,
        measure,
        width,
        natural,
        start,
        end,
        last,
        spacing,
        overfull,
        short,
        squeeze,
        word_spread,
    )


class _Sized(NamedTuple):
    """A line's sizes as justified (:func:`_sized`) and what justifying it found."""

    sizes: list[float] | tuple[float, ...]
    natural: float
    width: float
    spacing: float
    short: float
    squeeze: float
    overfull: float
    word_spread: float


def _sized(items: Sequence[Item], measure: float, justify: bool, overfull: float) -> _Sized:
    """The inline size of each item of a line as justified (clreq §3.6: shrunk when too
    long, stretched when ``justify`` and too short, squeezed as the last resort), and its
    natural width, width, spacing, shortfall, squeeze, overfull and word spread."""
    sizes = [it.width for it in items]
    taken = _taken(items)
    if taken is not None:
        sizes[-1] = taken.break_width
    natural = sum(sizes)
    spacing = short = word_spread = 0.0
    if natural > measure:
        spacing, short, word_spread = _shrink(items, sizes, natural - measure)
    elif justify and measure - natural > 1e-9:
        spacing, short, word_spread = _stretch(items, sizes, measure - natural)
    width = sum(sizes)
    squeeze = 1.0
    if width > measure + 1e-6:
        overfull = max(overfull, width - measure)
        squeeze = _squeeze(sizes, width, measure)
        width = sum(sizes)
    return _Sized(sizes, natural, width, spacing, short, squeeze, overfull, word_spread)


# The fields of a Line, in order, and how a Line is made without its __init__ (its keyword
# call, a line of every paragraph): the same fields in the same instance dictionary, as
# __init__ leaves them, are put there at once (Line checks nothing and has no slots).
_LINE_FIELDS = Line._field_names
_new_object = object.__new__
# What the compiled finalize (``_loops.lines``) is given: the alignments in the order it
# numbers them, the item types and the ``sum`` the sums are made by, how a Line is made.
_ALIGNS = (Align.START, Align.END, Align.CENTER, Align.JUSTIFY)
_LINE_TYPES = (Box, Glue, Discretionary, sum)
_MADE = (Line, _new_object, _LINE_FIELDS)


def _made_line(*values: object) -> Line:
    """``Line(*values)``, every field given, made as its ``__init__`` makes it."""
    line = _new_object(Line)
    line.__dict__.update(zip(_LINE_FIELDS, values, strict=True))
    return line


def _taken(items: Sequence[Item]) -> Discretionary | None:
    """The discretionary break a line ends at (its last item), if it ends inside a word."""
    return items[-1] if items and items[-1].__class__ is Discretionary else None  # type: ignore[return-value]


def _source_range(items: Sequence[Item], sources: Sequence[int]) -> tuple[int, int]:
    """The range of the paragraph text the line's glyph runs set (0, 0 without any): from
    the first run of its first box that has one to the end of the last run of its last."""
    box = Box
    first, n = 0, len(items)
    while first < n and not (items[first].__class__ is box and items[first].runs):  # type: ignore[union-attr]
        first += 1  # (the first or second item: after the indent)
    if first == n:
        return 0, 0
    last = n - 1
    while not (items[last].__class__ is box and items[last].runs):  # type: ignore[union-attr]
        last -= 1
    head, tail = items[first].runs[0], items[last].runs[-1]  # type: ignore[union-attr]
    return sources[first] + head.source, sources[last] + tail.source + len(tail.text)


_Placed = tuple[str, "str | None", float, float, float, int, bool, Orientation]


def _placed(line: Line) -> Iterator[_Placed]:
    """The fields of each :class:`Glyph` of the line, in order: the glyph runs of its boxes
    at their places (the items at their ``sizes``, from ``offset``; an overfull line's
    squeezed), then the runs of the break it ends at (a hyphen)."""
    x = line.offset
    origin = 0
    squeeze = line.squeeze
    items, sizes = line.items, line.sizes
    box = Box
    for it, size, origin in zip(items, sizes, line.sources, strict=True):
        if it.__class__ is box:
            for text, face, at, advance, scale, source, orientation in it.runs:  # type: ignore[union-attr]
                if squeeze != 1.0:
                    at, advance, scale = at * squeeze, advance * squeeze, scale * squeeze
                yield (text, face, x + at, advance, scale, origin + source, False, orientation)
        x += size
    taken = _taken(items)
    if taken is not None:
        # The hyphen, drawn at the line end: it stands for no character of the text (its
        # source is where the text goes on, on the next line).
        x -= sizes[-1]
        for run in taken.runs:
            at, advance, scale = run.offset * squeeze, run.advance * squeeze, run.scale * squeeze
            yield (run.text, run.face, x + at, advance, scale, origin, True, run.orientation)


def _merged(line: Line, em: float) -> Iterator[LineRun]:
    """:meth:`Line.runs`: the placed glyphs in order, merged where they may be."""
    run_text = ""
    run_face: str | None = None
    run_x = 0.0
    run_space: float | None = None
    run_single = False
    next_x = 0.0
    for text, face, inline, advance, scale, _, _, _ in _placed(line):
        if face is None:
            if run_text:
                yield LineRun(run_text, run_face, run_x, next_x - run_x, 1.0, run_space or 0.0)
                run_text = ""
            yield LineRun(text, None, inline, advance, scale, 0.0)
            continue
        # Only single characters merge: Tc spaces every glyph of a run, and a Western word's
        # letters must keep their own advances. The first gap sets the run's spacing, if it
        # is under an em.
        if run_text and run_single and scale == 1.0 and run_face == face and len(text) == 1:
            gap = inline - next_x
            if run_space is None and abs(gap) < em:
                run_space = gap
            if run_space is not None and abs(gap - run_space) < 1e-6:
                run_text += text
                next_x = inline + advance
                continue
        if run_text:
            yield LineRun(run_text, run_face, run_x, next_x - run_x, 1.0, run_space or 0.0)
        if scale != 1.0:
            yield LineRun(text, face, inline, advance, scale, 0.0)
            run_text = ""
            continue
        run_text, run_face, run_x, run_space = text, face, inline, None
        run_single = len(text) == 1
        next_x = inline + advance
    if run_text:
        yield LineRun(run_text, run_face, run_x, next_x - run_x, 1.0, run_space or 0.0)


def _squeeze(sizes: list[float], width: float, measure: float) -> float:
    """Scale a line ``width`` wide, its glue already shrunk, to ``measure``: the last resort
    for a unit wider than the column (reported as overfull), never drawn over the next one."""
    factor = measure / width
    for i, size in enumerate(sizes):
        sizes[i] = size * factor
    return factor


def _shrink(items: Sequence[Item], sizes: list[float], excess: float) -> tuple[float, float, float]:
    """Give up ``excess`` points (clreq §3.6, "when too long"): every shrink by degrees step by
    step; if that is not enough, as few lone marks as will do lose their whole blank half (set
    in ½ em, never between: ``WHOLE_STEPS``) — brackets first, then ，、；：, then 。？！, from
    the line's end — and what that gives beyond the excess is spread again by stretching.
    Returns what :func:`_stretch` returns for that (or zeros)."""
    by_step: dict[ShrinkStep, list[int]] = {}
    whole: list[int] = []
    for i, it in enumerate(items):
        if isinstance(it, Glue) and it.shrink > 0:
            if it.shrink_step in WHOLE_STEPS:
                whole.append(i)
            else:
                by_step.setdefault(it.shrink_step, []).append(i)
    by_degrees = sum(items[i].shrink for m in by_step.values() for i in m)  # type: ignore[union-attr]
    over = excess - by_degrees
    if over > 0 and whole:
        total = sum(items[i].shrink for i in whole)  # type: ignore[union-attr]
        count = squeezed_marks(over, total, len(whole))
        order = sorted(whole, key=lambda i: (items[i].shrink_step, -i))  # type: ignore[union-attr]
        for i in order[:count]:
            sizes[i] -= items[i].shrink  # type: ignore[union-attr]
            excess -= items[i].shrink  # type: ignore[union-attr]
        if excess < 0:
            return _stretch(items, sizes, -excess)
    for step in sorted(by_step):
        if excess <= 0:
            break
        members = by_step[step]
        available = sum(items[i].shrink for i in members)  # type: ignore[union-attr]
        take = min(excess, available)
        for i in members:
            sizes[i] -= items[i].shrink * take / available  # type: ignore[union-attr]
        excess -= take
    return 0.0, 0.0, 0.0


def _stretch(items: Sequence[Item], sizes: list[float], gap: float) -> tuple[float, float, float]:
    """Add ``gap`` points (clreq §3.6, "when too short"); returns the space added to each
    inter-character gap, what could not be placed, and what each word space took past its
    stretch (a line with no inter-character gap)."""
    by_step: dict[StretchStep, list[int]] = {step: [] for step in _STRETCH_STEPS}
    for i, it in enumerate(items):
        if it.__class__ is Glue:
            by_step[it.stretch_step].append(i)  # type: ignore[union-attr]
    for step in _LIMITED_STRETCH:
        if gap <= 0:
            break
        members = by_step[step]
        available = sum(items[i].stretch for i in members)  # type: ignore[union-attr]
        if available <= 0:
            continue
        take = min(gap, available)
        for i in members:
            sizes[i] += items[i].stretch * take / available  # type: ignore[union-attr]
        gap -= take
    if gap <= 1e-9:
        return 0.0, 0.0, 0.0
    # Equal inter-character spacing takes the rest, without limit; where there is none
    # (a line of Western words), the word spaces go beyond their limits. The Han–Western gap
    # never does (it stays within ⅓ em): a line with nothing else to spread is left short.
    members = by_step[StretchStep.INTER_CHARACTER]
    if members:
        each = gap / len(members)
        for i in members:
            sizes[i] += each
        return each, 0.0, 0.0
    members = by_step[StretchStep.WORD_SPACE]
    if members:
        each = gap / len(members)
        for i in members:
            sizes[i] += each
        return 0.0, 0.0, each
    return 0.0, gap, 0.0
