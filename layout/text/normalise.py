"""Stage 0b, normalise: full-width forms of ASCII letters and digits set as proportional ones.

Copy typed with a Chinese input method in full-width mode has ``０５７３－８５０１２３４５`` or
``ＰＴＡ``: the full-width forms of U+FF01–FF5E, compatibility characters that exist to fit
Latin letters and digits to the CJK em grid (Unicode, chapter 18, "Halfwidth and Fullwidth
Forms"). A newspaper sets letters and digits proportional (clreq §3.2 and the reference
digest: "digits and Latin letters are half width (proportional)"; the sample edition's own
copy writes 86.5亿元 and 2025年), so under ``normalise: fullwidth-ascii``
(:class:`~.options.Normalise`) they become the ASCII characters they are compatibility
equivalents of (their NFKC mapping, applied to these characters only):

- ０–９ (U+FF10–FF19), Ａ–Ｚ (U+FF21–FF3A), ａ–ｚ (U+FF41–FF5A), always;
- － (U+FF0D) and ． (U+FF0E) between two digits, ％ (U+FF05) after a digit: they belong to
  the number (``３．５％`` → ``3.5%``); elsewhere they are Chinese punctuation and stay.

The mapping is one character for one, so the text keeps its length and every index the later
stages, the lines and the reports give stays valid. After it a number is one word, kept whole
like any number (``collect``).
"""

from __future__ import annotations

import re

from .options import Normalise

_OFFSET = 0xFEE0  # U+FF01 − U+0021
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
_IN_NUMBER = {"\uff0d": "-", "\uff0e": "."}  # between two digits
_AFTER_NUMBER = {"\uff05": "%"}  # after a digit


def normalise(text: str, mode: Normalise) -> str:
    """``text`` with full-width letters and digits (and the marks of their numbers) as ASCII
    under ``mode``; the same length as ``text``."""
    if mode is Normalise.NONE or _FULL_WIDTH.search(text) is None:
        return text
    chars = [chr(ord(c) - _OFFSET) if _FULL_WIDTH.match(c) else c for c in text]
    last = len(chars) - 1
    for i, c in enumerate(chars):
        if c in _IN_NUMBER and 0 < i < last and _digit(chars[i - 1]) and _digit(chars[i + 1]):
            chars[i] = _IN_NUMBER[c]
        elif c in _AFTER_NUMBER and i > 0 and _digit(chars[i - 1]):
            chars[i] = _AFTER_NUMBER[c]
    return "".join(chars)


def _digit(ch: str) -> bool:
    return "0" <= ch <= "9"
