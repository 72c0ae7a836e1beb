"""Set one paragraph: the short function that runs the stages of the text engine.

    clean → normalise → collect → prepare → linebreak → finalize

``set_paragraph(text, style, measure, metrics)`` returns the lines in logical coordinates
(inline from the line start, one line after another); where they go on the page, and in
which writing mode, is decided by the caller's frame.

A paragraph whose lines come out looser than the loose limit (``check.LOOSE_LIMIT``) with its
Western words whole is prepared and broken a second time with breaks offered in those words
(``prepare(fitting=True)``, TeX's second pass), and the second setting is kept if it has
fewer loose lines, or as many but less spread.

A headline (``style.headline``) is set by its own rules: broken only at its spaces or,
when it does not fit on one line so, also between the words of a segmenter
(:mod:`layout.text.phrases`, loaded only then), into the fewest lines that fit, balanced
(:func:`~.linebreak.break_balanced`); a word too wide for the measure stays whole, set
overfull.
"""

from __future__ import annotations

from dataclasses import dataclass

from .check import LOOSE_LIMIT
from .clean import Removed, clean
from .finalize import Line, finalize
from .linebreak import break_balanced, break_lines
from .metrics import Metrics
from .normalise import normalise
from .options import Align, BreakMode
from .phrases import word_starts
from .prepare import MissingGlyph, ParagraphStyle, Preparation, prepare


@dataclass(frozen=True)
class SetParagraph:
    """A paragraph set to a measure. ``text`` is the cleaned text (``layout.text.clean``), its
    full-width letters and digits normalised by the style (``layout.text.normalise``):
    the lines' ``start``/``end``, their glyphs' sources and the missing glyphs' indices are
    indices into it; ``removed`` gives what cleaning took out, by index in the raw text."""

    text: str
    lines: tuple[Line, ...]
    missing: tuple[MissingGlyph, ...]  # characters no face has
    overfull: tuple[int, ...]  # indices of lines wider than the measure (reported)
    removed: tuple[Removed, ...] = ()  # characters that cannot be set (reported)


def set_paragraph(
    text: str,
    style: ParagraphStyle,
    measure: float,
    metrics: Metrics,
    *,
    align: Align = Align.JUSTIFY,
    mode: BreakMode = BreakMode.TOTAL_FIT,
) -> SetParagraph:
    cleaned = clean(text)
    body = normalise(cleaned.text, style.normalise)
    if style.headline:
        preparation, lines = _headline(body, style, measure, metrics, align)
        overfull = tuple(i for i, line in enumerate(lines) if line.overfull > 1e-6)
        return SetParagraph(body, lines, preparation.missing, overfull, cleaned.removed)
    preparation = prepare(body, style, metrics, measure)
    lines = _lines(preparation, measure, align, mode)
    loose = _looseness(lines, style.size)
    if loose[0]:
        second = prepare(body, style, metrics, measure, fitting=True)
        if second.items != preparation.items:
            again = _lines(second, measure, align, mode)
            if _looseness(again, style.size) < loose:
                preparation, lines = second, again
    overfull = tuple(i for i, line in enumerate(lines) if line.overfull > 1e-6)
    return SetParagraph(body, lines, preparation.missing, overfull, cleaned.removed)


def _headline(
    body: str, style: ParagraphStyle, measure: float, metrics: Metrics, align: Align
) -> tuple[Preparation, tuple[Line, ...]]:
    """A headline's lines: broken at its spaces only if that sets it on one line, else at
    its spaces and between its words."""
    preparation = prepare(body, style, metrics, measure)
    lines = _balanced_lines(preparation, measure, align)
    if len(lines) > 1 or any(line.overfull > 1e-6 for line in lines):
        words = word_starts(body)
        if words:
            preparation = prepare(body, style, metrics, measure, words=words)
            lines = _balanced_lines(preparation, measure, align)
    return preparation, lines


def _balanced_lines(preparation: Preparation, measure: float, align: Align) -> tuple[Line, ...]:
    breaks = break_balanced(preparation.items, measure)
    return tuple(finalize(preparation.items, breaks, measure, align, preparation.sources))


def _lines(
    preparation: Preparation, measure: float, align: Align, mode: BreakMode
) -> tuple[Line, ...]:
    breaks = break_lines(preparation.items, measure, mode)
    return tuple(finalize(preparation.items, breaks, measure, align, preparation.sources))


def _looseness(lines: tuple[Line, ...], em: float) -> tuple[int, float]:
    """How many lines are looser than the loose limit, or short of the measure by more (a
    justified line that could not be stretched), and by how much in all."""
    limit = LOOSE_LIMIT * em + 1e-9
    loose = [
        line.spacing + line.short for line in lines if line.spacing > limit or line.short > limit
    ]
    return len(loose), sum(loose)
