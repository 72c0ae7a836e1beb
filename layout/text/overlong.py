"""Stage 2b (the end of ``prepare``): open the runs of text that cannot fit the measure.

Between two places where a line may break lies a run that has to go on one line. Where that
run is wider than the measure even when every space in it has shrunk (a 30-letter word in a
13-字 column, an 80-character URL, a first word wider than the measure less the indent), no
choice of breaks keeps it inside its column: only then are breaks offered inside the Western
words of the run, by the rules of :mod:`layout.text.words` (clreq §3.2 keeps Western words
whole wherever they fit). They come in two rounds:

1. each word's own breaks: hyphenation points (a hyphen is drawn when the line breaks
   there), URL and e-mail breaks, digit groups (and, dearer, between a long number's other
   digits: :data:`DIGIT_PENALTY`), the hyphen or solidus the word already has;
2. where a stretch between those breaks is still wider than the measure (a word without
   hyphenation points, a long path in a URL, a word in capitals), breaks between any two
   characters of the words in that stretch, without hyphen (CSS Text 3 §5.5,
   ``overflow-wrap: anywhere``).

A break inside a word is a :class:`~.items.Discretionary`: no width unless taken, the
hyphen's width (and ink, drawn by ``finalize``) at the line end when taken, and a penalty, so
that total-fit breaks a word as few times as it can (:data:`WORD_BREAK_PENALTY`, TeX's
``hyphenpenalty`` and ``exhyphenpenalty`` of plain TeX) and a last-resort break only where
nothing else will do (:data:`LAST_RESORT_PENALTY`). What still cannot fit (a single glyph
wider than the measure) is squeezed to the measure by ``finalize`` and reported.

A word that fits is broken only in the paragraph's second pass (``fitting=True``, run by
``set_paragraph`` when the first pass leaves a line looser than the loose limit, as TeX's
second pass hyphenates only when the first, without, fails its ``pretolerance``; The TeXbook,
ch. 14): its hyphenation points and the breaks after a hyphen or solidus it has, or a URL's
(never in a number, nor the last resort) are offered at
:data:`FITTING_WORD_PENALTY`, as dear as a line at the line breaker's tolerance, so that
one is taken only to spare a line looser than that, and never so as to leave a piece of the
word alone on a ragged line.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence

from ..records import NamedTuple
from .collect import Cluster
from .items import Box, Discretionary, Glue, GlyphRun, Item
from .loops import LOOPS, Loops, _loops
from .words import BreakKind, last_resort_breaks, word_breaks

WORD_BREAK_PENALTY = 50.0  # plain TeX: \hyphenpenalty=50, \exhyphenpenalty=50
# A break between any two characters costs as much as a line stretched far beyond the
# tolerance: taken only inside a stretch that no other break makes fit.
LAST_RESORT_PENALTY = 1e4
# Breaking a word that fits costs what a line stretched to the line breaker's tolerance does
# (ratio 1.5: (10 + 100 × 1.5³)² demerits, see linebreak._TOLERANCE_DEMERITS).
FITTING_WORD_PENALTY = 350.0
# A number too wide for the measure breaks between two digits of a group as dearly: only to
# spare a line looser than the tolerance (a line of its groups left short, or spread), which
# the groups alone leave where a line has little else to stretch.
DIGIT_PENALTY = FITTING_WORD_PENALTY
_PENALTIES = {
    BreakKind.HYPHEN: WORD_BREAK_PENALTY,
    BreakKind.PLAIN: WORD_BREAK_PENALTY,
    BreakKind.GROUP: WORD_BREAK_PENALTY,
    BreakKind.DIGIT: DIGIT_PENALTY,
    BreakKind.ANY: LAST_RESORT_PENALTY,
}
_FITTING_KINDS = frozenset({BreakKind.HYPHEN, BreakKind.PLAIN})
_EPSILON = 1e-6
# A line of word pieces alone has nothing to stretch and cannot be justified (clreq §3.2: no
# letter-spacing of Western words): the line breaker weighs it as a ragged line with this much
# stretch at its end, in em (plain TeX's \raggedright: \rightskip=0pt plus 2em); finalize
# leaves it short, flush with the line start.
RAGGED = 2.0
# A line of a number's digits alone may end ragged by no more than about one digit, in em:
# a number breaks between any two of its digits where it must (words.BreakKind.DIGIT), so
# such a line can be filled to within a digit, and one shorter is weighed as a line spread
# that far (so that 199001 is not left alone, two-thirds empty, in a 10-字 column).
NUMBER_RAGGED = 0.5


class Hyphen(NamedTuple):
    """The hyphen drawn at the end of a line broken inside a word."""

    width: float
    run: GlyphRun


class Opener(NamedTuple):
    """What opening words needs of ``prepare``: the measure, the hyphenation language, the
    hyphen (``None``: no face has one, so words are not hyphenated), the stretch a line of
    word pieces alone may end ragged by (:data:`RAGGED`; of a number's pieces,
    :data:`NUMBER_RAGGED`), a character's advance, and the box of a piece of a word (made as
    the word's own box is)."""

    measure: float
    hyphenation: str
    hyphen: Hyphen | None
    ragged: float
    number_ragged: float
    advance: Callable[[str], float]
    box: Callable[[Cluster], Box]
    # Where the paragraph's copy had soft hyphens (text indices, in order; ``open_overlong``).
    soft_hyphens: tuple[int, ...] = ()
    # The length of the URL's end the text starts with (``words.url_head``): its first word
    # breaks as a URL does.
    url_head: int = 0


def open_overlong(
    items: Sequence[Item],
    sources: Sequence[int],
    find_words: Callable[[], Mapping[int, Cluster]],
    opener: Opener,
    *,
    fitting: bool = False,
    soft_hyphens: Sequence[int] = (),
    loops: Loops = LOOPS,
) -> tuple[Sequence[Item], Sequence[int]]:
    """``items`` (and their ``sources``) with the Western words of each run wider than the
    measure cut into pieces with discretionary breaks between, and with ``fitting`` every
    other word too (the second pass). ``find_words`` gives the cluster of each item that is a
    Western word's box, by item index (asked only when there is something to open);
    ``soft_hyphens``, where the copy had soft hyphens (indices into the text the clusters
    index, in order): a word with one breaks there (:func:`~.words.word_breaks`);
    ``loops``, which implementation finds the runs too wide (:func:`_wide_runs`)."""
    limit = opener.measure + _EPSILON
    if loops is Loops.COMPILED:
        wide = _loops.wide_runs(items, limit, Box, Glue)
    else:
        wide = _wide_runs(items, limit)
    if not wide and not fitting:
        return items, sources  # nearly every paragraph
    words = find_words()
    if soft_hyphens:
        opener = opener._replace(soft_hyphens=tuple(soft_hyphens))
    plan: dict[int, dict[int, BreakKind]] = {}
    for start, end in wide:
        plan.update(_plan(items, words, start, end, opener))
    needed = frozenset(plan)
    if fitting:
        for k, word in words.items():
            # A number that fits is kept whole, as any number (it reads wrongly split).
            if k not in plan and any(c.isalpha() for c in word.text):
                breaks = _own_breaks(word, opener, _FITTING_KINDS)
                if breaks:
                    plan[k] = breaks
    if not plan:
        return items, sources
    out: list[Item] = []
    out_sources: list[int] = []
    for k, item in enumerate(items):
        breaks = plan.get(k)
        if not breaks:
            out.append(item)
            out_sources.append(sources[k])
            continue
        _cut(words[k], breaks, k in needed, opener, out, out_sources)
    return out, out_sources


def _wide_runs(items: Sequence[Item], limit: float) -> list[tuple[int, int]]:
    """The item ranges that a line cannot break inside (from the first box after a break, as
    the glue after a break is dropped, to the next place a line may break) and that are wider
    than ``limit`` with every glue in them shrunk as far as it goes."""
    wide: list[tuple[int, int]] = []
    start = 0
    width = 0.0
    leading = False  # in the glue after a break, which a line does not start with
    glue = Glue
    for k, item in enumerate(items):
        if item.__class__ is glue:
            if item.penalty is not None:  # type: ignore[union-attr]
                if width > limit:
                    wide.append((start, k))
                width = 0.0
                leading = True
                continue
            if leading:
                continue
            width += item.width - item.shrink  # type: ignore[union-attr]
            continue
        if leading:
            start = k
            leading = False
        width += item.width
    if width > limit:
        wide.append((start, len(items)))
    return wide


class _Slot(NamedTuple):
    """A stretch of a run: one character of a word, or a whole other item."""

    width: float
    item: int
    offset: int  # the character's offset in its word (-1: not a word)


def _plan(
    items: Sequence[Item],
    words: Mapping[int, Cluster],
    start: int,
    end: int,
    opener: Opener,
) -> dict[int, dict[int, BreakKind]]:
    """The breaks to offer in the words of the too-wide run items[start:end], by item."""
    plan: dict[int, dict[int, BreakKind]] = {}
    slots: list[_Slot] = []
    for k in range(start, end):
        word = words.get(k)
        item = items[k]
        if word is None:
            shrink = item.shrink if item.__class__ is Glue else 0.0  # type: ignore[union-attr]
            slots.append(_Slot(item.width - shrink, k, -1))
            continue
        found = _own_breaks(word, opener)
        if found:
            plan[k] = found
        slots.extend(_Slot(opener.advance(ch), k, i) for i, ch in enumerate(word.text))
    # Round 2: the stretches between those breaks that are still too wide.
    hyphen = opener.hyphen.width if opener.hyphen is not None else 0.0
    first = 0
    width = 0.0
    for i, slot in enumerate(slots):
        width += slot.width
        last = i + 1 == len(slots)
        following = None if last else slots[i + 1]
        kind = None
        if following is not None and following.item == slot.item and slot.offset >= 0:
            kind = plan.get(slot.item, {}).get(following.offset)
        if kind is None and not last:
            continue
        extra = hyphen if kind is BreakKind.HYPHEN else 0.0
        if width + extra > opener.measure + _EPSILON:
            _last_resort(slots[first : i + 1], words, plan)
        first = i + 1
        width = 0.0
    return plan


def _own_breaks(
    word: Cluster, opener: Opener, kinds: frozenset[BreakKind] | None = None
) -> dict[int, BreakKind]:
    """The word's own breaks (of ``kinds``; hyphenated ones only if a hyphen can be drawn)."""
    soft: Sequence[int] = ()
    if opener.soft_hyphens:
        start = word.start
        low = bisect_right(opener.soft_hyphens, start)
        high = bisect_left(opener.soft_hyphens, start + len(word.text))
        soft = [k - start for k in opener.soft_hyphens[low:high]]
    return {
        offset: kind
        for offset, kind in word_breaks(
            word.text, opener.hyphenation, soft, url=word.start < opener.url_head
        )
        if (kind is not BreakKind.HYPHEN or opener.hyphen is not None)
        and (kinds is None or kind in kinds)
    }


def _last_resort(
    stretch: Sequence[_Slot],
    words: Mapping[int, Cluster],
    plan: dict[int, dict[int, BreakKind]],
) -> None:
    """Breaks between any two characters of the words in a stretch still too wide."""
    by_item: dict[int, list[int]] = {}
    for slot in stretch:
        if slot.offset >= 0:
            by_item.setdefault(slot.item, []).append(slot.offset)
    for k, offsets in by_item.items():
        breaks = plan.setdefault(k, {})
        for offset in last_resort_breaks(words[k].text, offsets[0], offsets[-1] + 1):
            breaks.setdefault(offset, BreakKind.ANY)


def _cut(
    word: Cluster,
    breaks: Mapping[int, BreakKind],
    needed: bool,
    opener: Opener,
    out: list[Item],
    sources: list[int],
) -> None:
    """The word's pieces, with a discretionary break between each two (dearer in a word that
    fits: not ``needed``)."""
    previous = 0
    number = not any(c.isalpha() for c in word.text)
    for offset in sorted(breaks):
        piece = word._replace(text=word.text[previous:offset], start=word.start + previous)
        out.append(opener.box(piece))
        sources.append(piece.start)
        kind = breaks[offset]
        # A piece of a word that fits never stands alone on a ragged line: such a break is
        # for a line that has text to justify before it.
        penalty = _PENALTIES[kind] if needed else FITTING_WORD_PENALTY
        ragged = (opener.number_ragged if number else opener.ragged) if needed else 0.0
        if kind is BreakKind.HYPHEN and opener.hyphen is not None:
            hyphen = opener.hyphen
            taken = Discretionary(hyphen.width, (hyphen.run,), penalty, ragged)
        else:
            taken = Discretionary(0.0, (), penalty, ragged)
        out.append(taken)
        sources.append(word.start + offset)
        previous = offset
    piece = word._replace(text=word.text[previous:], start=word.start + previous)
    out.append(opener.box(piece))
    sources.append(piece.start)
