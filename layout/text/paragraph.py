"""Set one paragraph: the short function that runs the stages of the text engine.

    clean → normalise → collect → prepare → linebreak → finalize

``set_paragraph(text, style, measure, metrics)`` returns the lines in logical coordinates
(inline from the line start, one line after another); where they go on the page, and in
which writing mode, is decided by the caller's frame.

A paragraph whose lines come out looser than the loose limit (``check.LOOSE_LIMIT``) with its
Western words whole is prepared and broken a second time with breaks offered in those words
(``prepare(fitting=True)``, TeX's second pass), and the second setting is kept if it has
fewer loose lines, or as many but less spread.

A paragraph may open with a run-in in another face (``run_in``: a dateline, 本报讯, in 黑):
its text is cleaned and normalised like the paragraph's and comes first in the set text,
followed by a fixed blank (:class:`~.prepare.RunIn`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .check import LOOSE_LIMIT
from .clean import CleanText, Removed, clean
from .finalize import Line, finalize
from .linebreak import break_lines
from .metrics import Metrics
from .normalise import normalise
from .options import Align, BreakMode
from .prepare import MissingGlyph, ParagraphStyle, Preparation, RunIn, prepare


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
    run_in: RunIn | None = None,
) -> SetParagraph:
    """``text`` set to ``measure``; with ``run_in``, opened by it (its ``text`` as written:
    it is cleaned here; ``removed`` indices then count the run-in's raw text first)."""
    cleaned = clean(text)
    body = normalise(cleaned.text, style.normalise)
    removed = cleaned.removed
    if run_in is not None:
        opening = clean(run_in.text)
        removed = _removed_with(opening, len(run_in.text), cleaned)
        run_in = RunIn(normalise(opening.text, style.normalise), run_in.metrics, run_in.space)
    preparation = prepare(body, style, metrics, measure, run_in=run_in)
    lines = _lines(preparation, measure, align, mode)
    loose = _looseness(lines, style.size)
    if loose[0]:
        second = prepare(body, style, metrics, measure, fitting=True, run_in=run_in)
        if second.items != preparation.items:
            again = _lines(second, measure, align, mode)
            if _looseness(again, style.size) < loose:
                preparation, lines = second, again
    overfull = tuple(i for i, line in enumerate(lines) if line.overfull > 1e-6)
    return SetParagraph(preparation.text, lines, preparation.missing, overfull, removed)


def _removed_with(opening: CleanText, raw_length: int, rest: CleanText) -> tuple[Removed, ...]:
    """What cleaning took out of a run-in (``raw_length`` characters as written) and of the
    paragraph after it, indexed as one text: the run-in's first."""
    length = len(opening.text)  # normalising keeps the length
    shifted = (replace(r, index=r.index + raw_length, at=r.at + length) for r in rest.removed)
    return (*opening.removed, *shifted)


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
