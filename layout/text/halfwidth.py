"""Half-width punctuation typed in Chinese text: found for the proof, never changed.

GB/T 15834-2011 (标点符号用法) gives Chinese text its own marks, full width: ，。、；：？！
（）“”, and says Western marks belong to Western text. Copy typed on a Western keyboard
layout, or pasted from a web page, has ``今天,记者来到现场.`` — marks that the text engine sets
as the Western punctuation they are (half an em, no blank, spaced by Western rules), so the
line reads crowded and wrong. An editor wants them found; only the editor can say what each
should be (``3,000`` and ``U.S.`` are right as typed), so nothing is replaced.

Contract: :func:`half_width_marks` gives the marks of a paragraph's (cleaned) text that stand
in Chinese text, in order: a mark of :data:`FULL_WIDTH` whose neighbour on its side
(:data:`_LEANS`) is a Han character, so that a mark between two Western words or digits, or
at a Western word's end, is never taken. Each comes with its full-width form and a little of
the text around it, for the report.
"""

from __future__ import annotations

import re

from ..records import NamedTuple
from .chars import CharClass, classify

# Each Western mark and the Chinese one GB/T 15834-2011 has in its place (§4.1–4.9).
FULL_WIDTH = {
    ",": "，",
    ".": "。",
    ";": "；",
    ":": "：",
    "?": "？",
    "!": "！",
    "(": "（",
    ")": "）",
    '"': "“”",
}
# The side a mark looks to for the text it belongs to: a closing or pausing mark follows its
# text, an opening bracket comes before it; a straight quote may do either.
_BEFORE, _AFTER, _EITHER = "before", "after", "either"
_LEANS = {"(": _AFTER, '"': _EITHER}
_CONTEXT = 3  # characters shown on each side of a mark in the report


class HalfWidthMark(NamedTuple):
    """A Western mark in Chinese text: where it stands, what it is, what Chinese text has."""

    index: int  # in the paragraph's text
    char: str
    full_width: str  # the mark GB/T 15834 has there
    context: str  # the text around it, as typed


_CANDIDATES = re.compile("[" + re.escape("".join(FULL_WIDTH)) + "]")


def half_width_marks(text: str) -> list[HalfWidthMark]:
    """The half-width marks of ``text`` that stand in Chinese text (see the module)."""
    found = []
    for candidate in _CANDIDATES.finditer(text):  # (found at C speed: most text has none)
        i = candidate.start()
        ch = text[i]
        full = FULL_WIDTH[ch]
        lean = _LEANS.get(ch, _BEFORE)
        before = _han(text, i, -1) if lean in (_BEFORE, _EITHER) else False
        after = _han(text, i, 1) if lean in (_AFTER, _EITHER) else False
        if before or after:
            context = text[max(i - _CONTEXT, 0) : i + _CONTEXT + 1]
            found.append(HalfWidthMark(i, ch, full, context))
    return found


def _han(text: str, i: int, step: int) -> bool:
    """Whether the character next to ``text[i]`` on the side ``step`` (−1 before, +1 after),
    past one space a typist may have left, is a Han character."""
    k = i + step
    if 0 <= k < len(text) and text[k] == " ":
        k += step
    return 0 <= k < len(text) and classify(text[k]) is CharClass.HAN
