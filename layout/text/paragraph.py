"""Set one paragraph: the short function that runs the stages of the text engine.

    clean → normalise → collect → prepare → linebreak → finalize

``set_paragraph(text, style, measure, metrics)`` returns the lines in logical coordinates
(inline from the line start, one line after another); where they go on the page, and in
which writing mode, is decided by the caller's frame.

A paragraph whose lines come out looser than the loose limit (``check.LOOSE_LIMIT``) with its
Western words whole is prepared and broken a second time with breaks offered in those words
(``prepare(fitting=True)``, TeX's second pass), and the second setting is kept if it has
fewer loose lines, or as many but less spread.

A paragraph drawn out or pulled in by a line (``looseness``, 拉行 / 缩行) is broken by
:func:`~.linebreak.break_to_count`, told the loose limit (a setting with a loose line is
refused here), and only the setting kept is finalized; given the best setting (``best``, from
the caller's memo), its lines are not set again.

A paragraph may open with a run-in in another face (``run_in``: a dateline, 本报讯, in 黑):
its text is cleaned and normalised like the paragraph's and comes first in the set text,
followed by a fixed blank (:class:`~.prepare.RunIn`).

A headline (``style.headline``) is set by its own rules: broken only at its spaces or,
when it does not fit on one line so, also between the words of a segmenter
(:mod:`layout.text.phrases`, loaded only then), into the fewest lines that fit, balanced
(:func:`~.linebreak.break_balanced`); a word too wide for the measure stays whole, set
overfull.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..records import Frozen
from .chars import CharClass
from .check import LOOSE_LIMIT, check_lines
from .clean import CleanText, Removed, clean
from .collect import Cluster, collect
from .finalize import Line, finalize
from .items import Box, Glue, Item
from .linebreak import (
    WORD_SPREAD_TOLERANCE,
    Break,
    break_balanced,
    break_lines,
    break_to_count,
)
from .loops import LOOPS, Loops
from .metrics import Metrics
from .normalise import normalise
from .options import Align, BreakMode
from .phrases import word_starts
from .prepare import MissingGlyph, ParagraphStyle, Preparation, RunIn, prepare

_WESTERN = frozenset({CharClass.LATIN, CharClass.DIGIT})


class SetParagraph(Frozen):
    """A paragraph set to a measure. ``text`` is the cleaned text (``layout.text.clean``), its
    full-width letters and digits normalised by the style (``layout.text.normalise``):
    the lines' ``start``/``end``, their glyphs' sources and the missing glyphs' indices are
    indices into it; ``removed`` gives what cleaning took out, by index in the raw text.
    A frozen record (:class:`~layout.records.Frozen`) compared, hashed and shown on its
    first five fields."""

    text: str
    lines: tuple[Line, ...]
    missing: tuple[MissingGlyph, ...]  # characters no face has
    overfull: tuple[int, ...]  # indices of lines wider than the measure (reported)
    removed: tuple[Removed, ...] = ()  # characters that cannot be set (reported)
    # ``collect(text)``, when the setting had it at hand: given to ``check.check_lines`` so
    # that the rule check does not collect the text again (None: it does).
    clusters: tuple[Cluster, ...] | None = None
    # Whether the lines are those of the second preparation (``prepare(fitting=True)``): a
    # setting drawn from this one (``set_paragraph(best=…)``) prepares only that one.
    fitting: bool = False
    _compared = _shown = ("text", "lines", "missing", "overfull", "removed")

    def __init__(
        self,
        text: str,
        lines: tuple[Line, ...],
        missing: tuple[MissingGlyph, ...],
        overfull: tuple[int, ...],
        removed: tuple[Removed, ...] = (),
        clusters: tuple[Cluster, ...] | None = None,
        fitting: bool = False,
    ) -> None:
        self.__dict__.update(
            text=text,
            lines=lines,
            missing=missing,
            overfull=overfull,
            removed=removed,
            clusters=clusters,
            fitting=fitting,
        )


def set_paragraph(
    text: str,
    style: ParagraphStyle,
    measure: float,
    metrics: Metrics,
    *,
    align: Align = Align.JUSTIFY,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    run_in: RunIn | None = None,
    looseness: int = 0,
    best: SetParagraph | None = None,
    loops: Loops = LOOPS,
) -> SetParagraph:
    """``text`` set in lines of ``measure`` points; with ``run_in``, opened by it (its
    ``text`` as written: it is cleaned here; ``removed`` indices then count the run-in's raw
    text first). ``looseness`` asks for that many lines more (or fewer) than the best
    setting, as TeX's ``\\looseness`` (the compositor's 拉行 / 缩行 to fill a column or save
    a line): given only where the result stays within the rules — no line looser than the
    loose limit, none overfull, no rule broken that the best setting keeps — else the best
    setting stands. ``best``, with a looseness: that best setting, if the caller has it (the
    same arguments with no looseness; a page's memo), so that it is not set again. ``loops``
    says which implementation of collect's and prepare's inner loops runs (:mod:`~.loops`:
    the same lines either way)."""
    cleaned = clean(text)
    body = normalise(cleaned.text, style.normalise)
    if style.headline:
        preparation, lines = _headline(body, style, measure, metrics, align, loops)
        overfull = tuple(i for i, line in enumerate(lines) if line.overfull > 1e-6)
        return SetParagraph(
            body, lines, preparation.missing, overfull, cleaned.removed, preparation.clusters
        )
    removed = cleaned.removed
    if run_in is not None:
        opening = clean(run_in.text)
        removed = _removed_with(opening, len(run_in.text), cleaned)
        run_in = RunIn(normalise(opening.text, style.normalise), run_in.metrics, run_in.space)
    soft = cleaned.soft_hyphens
    drawing = bool(looseness) and mode is BreakMode.TOTAL_FIT
    fitting = False
    if drawing and best is not None:
        # The best setting's own preparation, made again; its lines as they were.
        fitting = best.fitting
        preparation = prepare(
            body, style, metrics, measure, fitting=fitting, run_in=run_in, soft_hyphens=soft,
            loops=loops,
        )  # fmt: skip
        lines = best.lines
    else:
        preparation = prepare(
            body, style, metrics, measure, run_in=run_in, soft_hyphens=soft, loops=loops
        )
        lines = _lines(preparation, measure, align, mode, loops)
        loose = _loose_lines(lines, style.size)
        if loose[0] and _has_words(body, run_in, loops):
            second = prepare(
                body, style, metrics, measure, fitting=True, run_in=run_in, soft_hyphens=soft,
                loops=loops,
            )  # fmt: skip
            if second.items != preparation.items:
                again = _lines(second, measure, align, mode, loops)
                if _loose_lines(again, style.size) < loose:
                    preparation, lines, fitting = second, again, True
    if drawing:
        lines = _drawn(preparation, measure, align, lines, looseness, loops) or lines
    overfull = tuple(i for i, line in enumerate(lines) if line.overfull > 1e-6)
    return SetParagraph(
        preparation.text,
        lines,
        preparation.missing,
        overfull,
        removed,
        preparation.clusters,
        fitting,
    )


def natural_width(text: str, style: ParagraphStyle, measure: float, metrics: Metrics) -> float:
    """The natural length of ``text`` set in ``style`` unjustified (``Align.START``) at a
    ``measure`` longer than the text: its one line's ``natural``, as ``set_paragraph`` sets
    it — the widths of the items ``prepare`` makes from the line's first box on, summed in
    the same order as ``finalize`` sums them (the same number to the bit, kerning, mark
    compression and Han–Western gaps included), without breaking or finalizing a line. A text
    longer than ``measure`` is set (its longest line)."""
    body = normalise(clean(text).text, style.normalise)
    items = prepare(body, style, metrics, measure).items
    first = next((k for k, item in enumerate(items) if item.__class__ is Box), len(items))
    natural = sum([item.width for item in items[first:]])
    if natural <= measure:
        return natural
    lines = set_paragraph(text, style, measure, metrics, align=Align.START).lines
    return max((line.natural for line in lines), default=0.0)


def _has_words(body: str, run_in: RunIn | None, loops: Loops) -> bool:
    """Whether the paragraph has a Western word with a letter in it: the only thing the
    second preparation (``fitting``) opens that the first did not (``layout.text.overlong``;
    a number is kept whole). Without one the second would only repeat the first."""
    texts = (body,) if run_in is None else (run_in.text, body)
    return any(
        c.cls in _WESTERN and any(ch.isalpha() for ch in c.text)
        for text in texts
        for c in collect(text, loops=loops)
    )


def _removed_with(opening: CleanText, raw_length: int, rest: CleanText) -> tuple[Removed, ...]:
    """What cleaning took out of a run-in (``raw_length`` characters as written) and of the
    paragraph after it, indexed as one text: the run-in's first."""
    length = len(opening.text)  # normalising keeps the length
    shifted = (r._replace(index=r.index + raw_length, at=r.at + length) for r in rest.removed)
    return (*opening.removed, *shifted)


def _drawn(
    preparation: Preparation,
    measure: float,
    align: Align,
    lines: tuple[Line, ...],
    more: int,
    loops: Loops,
) -> tuple[Line, ...] | None:
    """The paragraph in ``more`` lines more (or, negative, fewer) than ``lines``, set with
    the smallest line bonus that gets there (``linebreak.break_to_count``), if that setting
    keeps to the rules (no loose, short or overfull line, and no rule broken that the best
    setting keeps); else None. A justified paragraph's breaker is told the loose limit and
    tries no line looser: such a setting would be refused here."""
    style = preparation.style
    justified = align is Align.JUSTIFY
    loose = LOOSE_LIMIT * style.size + 1e-9 if justified else None  # as _loose_lines
    breaks, _ = break_to_count(preparation.items, measure, len(lines), more, loose=loose)
    if breaks is None:
        return None
    found = tuple(
        finalize(preparation.items, breaks, measure, align, preparation.sources, loops=loops)
    )
    if _loose_lines(found, style.size)[0] or any(line.overfull > 1e-6 for line in found):
        return None
    text, rules, em = preparation.text, style.prohibition, style.size
    clusters = preparation.clusters or tuple(collect(text))
    broken = check_lines(found, text, rules, em=em, justified=justified, clusters=clusters)
    kept = check_lines(lines, text, rules, em=em, justified=justified, clusters=clusters)
    return found if len(broken) <= len(kept) else None


def _headline(
    body: str, style: ParagraphStyle, measure: float, metrics: Metrics, align: Align, loops: Loops
) -> tuple[Preparation, tuple[Line, ...]]:
    """A headline's lines: broken at its spaces only if that sets it on one line, else at
    its spaces and between its words."""
    preparation = prepare(body, style, metrics, measure, loops=loops)
    least = _least_width(preparation.items)
    if least is not None and least < measure - _BEYOND:
        # On one line, shrunk if need be: the fewest lines, as break_balanced would find
        # them (one line is balanced), without weighing every other way to break it.
        breaks = [Break(len(preparation.items))]
        items, sources = preparation.items, preparation.sources
        return preparation, tuple(finalize(items, breaks, measure, align, sources, loops=loops))
    if least is not None and least > measure + _BEYOND:
        # Not on one line even shrunk: broken between words too, if it has any (the lines
        # broken at its spaces alone are not needed then).
        words = word_starts(body)
        if words:
            preparation = prepare(body, style, metrics, measure, words=words, loops=loops)
        return preparation, _balanced_lines(preparation, measure, align, loops)
    lines = _balanced_lines(preparation, measure, align, loops)
    if len(lines) > 1 or any(line.overfull > 1e-6 for line in lines):
        words = word_starts(body)
        if words:
            preparation = prepare(body, style, metrics, measure, words=words, loops=loops)
            lines = _balanced_lines(preparation, measure, align, loops)
    return preparation, lines


# Points by which a headline's least width must pass (or stay within) the measure to be
# known not to fit one line (or to fit it) without breaking it: more than the breaker's own
# tolerance (1e-6) and the difference of its prefix sums from the plain sum here.
_BEYOND = 1e-5


def _least_width(items: Sequence[Item]) -> float | None:
    """The width of ``items`` on one line shrunk as far as a line can be (every glue's
    shrink, the marks' blank halves taken whole), from the first box on; None if there is
    no box."""
    least = 0.0
    started = False
    for item in items:
        if item.__class__ is Box:
            started = True
            least += item.width
        elif started and item.__class__ is Glue:
            least += item.width - item.shrink  # type: ignore[union-attr]
    return least if started else None


def _balanced_lines(
    preparation: Preparation, measure: float, align: Align, loops: Loops
) -> tuple[Line, ...]:
    breaks = break_balanced(preparation.items, measure)
    items, sources = preparation.items, preparation.sources
    return tuple(finalize(items, breaks, measure, align, sources, loops=loops))


def _lines(
    preparation: Preparation, measure: float, align: Align, mode: BreakMode, loops: Loops
) -> tuple[Line, ...]:
    breaks = break_lines(preparation.items, measure, mode)
    items, sources = preparation.items, preparation.sources
    return tuple(finalize(items, breaks, measure, align, sources, loops=loops))


def _loose_lines(lines: tuple[Line, ...], em: float) -> tuple[int, float]:
    """How many lines are looser than the loose limit, or short of the measure by more (a
    justified line that could not be stretched), or have their word spaces stretched past
    their stretch (a line of Western words alone), and by how much in all."""
    limit = LOOSE_LIMIT * em + 1e-9
    loose = [
        line.spacing + line.short + line.word_spread
        for line in lines
        if line.spacing > limit or line.short > limit or line.word_spread > WORD_SPREAD_TOLERANCE
    ]
    return len(loose), sum(loose)
