"""Set one paragraph: the short function that runs the stages of the text engine.

    clean → normalise → collect → prepare → linebreak → finalize

``set_paragraph(text, style, measure, metrics)`` returns the lines in logical coordinates
(inline from the line start, one line after another); where they go on the page, and in
which writing mode, is decided by the caller's frame.
"""

from __future__ import annotations

from dataclasses import dataclass

from .clean import Removed, clean
from .finalize import Line, finalize
from .linebreak import break_lines
from .metrics import Metrics
from .normalise import normalise
from .options import Align, BreakMode
from .prepare import MissingGlyph, ParagraphStyle, prepare


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
    preparation = prepare(body, style, metrics, measure)
    breaks = break_lines(preparation.items, measure, mode)
    lines = tuple(finalize(preparation.items, breaks, measure, align, preparation.sources))
    overfull = tuple(i for i, line in enumerate(lines) if line.overfull > 1e-6)
    return SetParagraph(body, lines, preparation.missing, overfull, cleaned.removed)
