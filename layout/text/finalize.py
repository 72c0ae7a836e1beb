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

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from .items import WHOLE_STEPS, Box, Discretionary, Glue, Item, ShrinkStep, StretchStep
from .linebreak import Break, squeezed_marks
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


@dataclass(frozen=True, slots=True, repr=False)
class Line:
    """One line of a paragraph."""

    glyphs: tuple[Glyph, ...]
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

    @property
    def text(self) -> str:
        """The line's characters of the paragraph text (an inserted hyphen is not one)."""
        return "".join(g.text for g in self.glyphs if not g.inserted)

    @property
    def hyphenated(self) -> bool:
        return bool(self.glyphs) and self.glyphs[-1].inserted


def finalize(
    items: Sequence[Item],
    breaks: Sequence[Break],
    measure: float,
    align: Align,
    sources: Sequence[int],
) -> list[Line]:
    """The lines of ``items`` cut at ``breaks``; ``sources`` gives, per item, where its text
    starts in the paragraph (a box's runs count from there)."""
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
    sizes = [it.width for it in items]
    taken = items[-1] if items and items[-1].__class__ is Discretionary else None
    if taken is not None:
        sizes[-1] = taken.break_width  # type: ignore[union-attr]
    natural = sum(sizes)
    spacing = 0.0
    short = 0.0
    justify = align is Align.JUSTIFY and not last
    if natural > measure:
        spacing, short = _shrink(items, sizes, natural - measure)
    elif justify and measure - natural > 1e-9:
        spacing, short = _stretch(items, sizes, measure - natural)
    width = sum(sizes)
    squeeze = 1.0
    if width > measure + 1e-6:
        overfull = max(overfull, width - measure)
        squeeze = _squeeze(sizes, width, measure)
        width = sum(sizes)
    offset = 0.0
    if not justify:
        free = measure - width
        if align is Align.CENTER:
            offset = free / 2
        elif align is Align.END:
            offset = free
    glyphs = _glyphs(items, sizes, sources, offset, squeeze, taken)
    first_source = last_source = None
    text_glyphs = [g for g in glyphs if not g.inserted] if taken is not None else glyphs
    if text_glyphs:
        first_source = text_glyphs[0].source
        last_source = text_glyphs[-1].source + len(text_glyphs[-1].text)
    return Line(
        tuple(glyphs),
        measure,
        width,
        natural,
        first_source or 0,
        last_source or 0,
        last,
        spacing,
        overfull,
        short,
        squeeze,
    )


def _glyphs(
    items: Sequence[Item],
    sizes: Sequence[float],
    sources: Sequence[int],
    offset: float,
    squeeze: float,
    taken: Item | None,
) -> list[Glyph]:
    """The glyph runs of the line's boxes at their places (``sizes`` as justified, from
    ``offset``), and the runs of the break ``taken`` at its end (a hyphen)."""
    glyphs: list[Glyph] = []
    x = offset
    append = glyphs.append
    origin = 0
    # A Glyph made as the tuple it is (tuple.__new__, without the named tuple's own __new__:
    # no keyword layer, no extra call): the hot loop of finalize, once a glyph.
    box, new = Box, tuple.__new__
    if squeeze == 1.0:  # (nearly every line: the run's own sizes, without the products)
        for it, size, origin in zip(items, sizes, sources, strict=True):
            if it.__class__ is box:
                for text, face, at, advance, scale, source, orientation in it.runs:  # type: ignore[union-attr]
                    append(
                        new(
                            Glyph,
                            (
                                text,
                                face,
                                x + at,
                                advance,
                                scale,
                                origin + source,
                                False,
                                orientation,
                            ),
                        )
                    )
            x += size
    else:
        for it, size, origin in zip(items, sizes, sources, strict=True):
            if it.__class__ is box:
                for text, face, at, advance, scale, source, orientation in it.runs:  # type: ignore[union-attr]
                    append(
                        new(
                            Glyph,
                            (
                                text,
                                face,
                                x + at * squeeze,
                                advance * squeeze,
                                scale * squeeze,
                                origin + source,
                                False,
                                orientation,
                            ),
                        )
                    )
            x += size
    if taken is not None:
        # The hyphen, drawn at the line end: it stands for no character of the text.
        x -= sizes[-1]
        for run in taken.runs:  # type: ignore[union-attr]
            append(
                Glyph(
                    run.text,
                    run.face,
                    x + run.offset * squeeze,
                    run.advance * squeeze,
                    run.scale * squeeze,
                    origin,
                    inserted=True,
                    orientation=run.orientation,
                )
            )
    return glyphs


def _squeeze(sizes: list[float], width: float, measure: float) -> float:
    """Scale a line ``width`` wide, its glue already shrunk, to ``measure``: the last resort
    for a unit wider than the column (reported as overfull), never drawn over the next one."""
    factor = measure / width
    for i, size in enumerate(sizes):
        sizes[i] = size * factor
    return factor


def _shrink(items: Sequence[Item], sizes: list[float], excess: float) -> tuple[float, float]:
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
    return 0.0, 0.0


def _stretch(items: Sequence[Item], sizes: list[float], gap: float) -> tuple[float, float]:
    """Add ``gap`` points (clreq §3.6, "when too short"); returns the space added to each
    inter-character gap and what could not be placed."""
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
        return 0.0, 0.0
    # Equal inter-character spacing takes the rest, without limit; where there is none
    # (a line of Western words), the word spaces go beyond their limits. The Han–Western gap
    # never does (it stays within ⅓ em): a line with nothing else to spread is left short.
    members = by_step[StretchStep.INTER_CHARACTER]
    if members:
        each = gap / len(members)
        for i in members:
            sizes[i] += each
        return each, 0.0
    members = by_step[StretchStep.WORD_SPACE]
    if members:
        each = gap / len(members)
        for i in members:
            sizes[i] += each
        return 0.0, 0.0
    return 0.0, gap
