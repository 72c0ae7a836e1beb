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
- the marks inside a number, word or address of them: ： ／ ＋ － ． ＠ ＿ ＆ ＝ between two
  full-width letters or digits (a run of them, as ``：／／`` after ``ｈｔｔｐｓ``):
  ``３．５``, ``１：３０``, ``Ｗｉ－Ｆｉ``, ``ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ``,
  ``ｔｉｐｓ＠ｅｘａｍｐｌｅ．ｃｏｍ``; ＋ or － before a digit, full-width or not, the
  number's sign (``－５℃``, ``＋８６``, and ``－5℃`` typed with the input method's minus before
  ASCII digits: UAX #14 LB25 keeps it with the number, which it opens as ``-5`` does); ％
  after a full-width digit (``３．５％``);
  ， between two digits where three digits follow it and no fourth, a thousands separator
  (``１，０００``; anywhere else, ``１，２`` or ``Ａ，Ｂ``, it is the Chinese comma of an
  enumeration). Elsewhere they are Chinese punctuation and stay (``好．``, ``平，湖``);
- ： between two digits, full-width or not (``１０：８``, and ``10：8`` typed with the
  input method's colon between ASCII digits): a score, a ratio or a time, which is one
  number with ":" (``3:1``, ``9:30``), never the pause mark, whose blank half would open
  the number up (``10： 8``) and whose break after it would part it (``10：`` / ``8``).

The mapping is one character for one, so the text keeps its length and every index the later
stages, the lines and the reports give stays valid. After it a number, word or address is
one word, kept whole like any (``collect``).
"""

from __future__ import annotations

import re

from .options import Normalise

_OFFSET = 0xFEE0  # U+FF01 − U+0021
_FULL_WIDTH = re.compile("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
# Marks that join two full-width letters or digits into one number, word or address.
_JOINING = frozenset("：／＋－．＠＿＆＝")
_SIGNS = frozenset("＋－")  # before a digit: its sign
_PER_CENT = "％"  # after a digit
_GROUP = "，"  # between digits, before a group of three
_GROUP_DIGITS = 3
_COLON = "："
# A full-width colon between two digits, ASCII or full-width (the module docstring).
_DIGIT_COLON = re.compile("[0-9\uff10-\uff19]：[0-9\uff10-\uff19]")
# A full-width sign before an ASCII digit (``－5``): the number's sign (the module docstring).
_SIGNED_DIGIT = re.compile("[＋－][0-9]")


def normalise(text: str, mode: Normalise) -> str:
    """``text`` with full-width letters and digits (and the marks of their numbers, words and
    addresses) as ASCII under ``mode``; the same length as ``text``."""
    if mode is Normalise.NONE or (
        _FULL_WIDTH.search(text) is None
        and _DIGIT_COLON.search(text) is None
        and _SIGNED_DIGIT.search(text) is None
    ):
        return text
    return "".join(
        chr(ord(c) - _OFFSET)
        if _FULL_WIDTH.match(c) or _in_word(text, i) or _between_digits(text, i)
        else c
        for i, c in enumerate(text)
    )


def _between_digits(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a full-width colon between two digits (``10：8``, ``１０：８``)."""
    return i > 0 and text[i] == _COLON and _DIGIT_COLON.match(text, i - 1) is not None


def _in_word(text: str, i: int) -> bool:
    """Whether the mark ``text[i]`` belongs to the full-width number, word or address around
    it (the module docstring)."""
    c = text[i]
    if c in _JOINING:
        if c in _SIGNS and (_digit(text, i + 1) or _SIGNED_DIGIT.match(text, i) is not None):
            return True
        start, end = i, i + 1
        while start > 0 and text[start - 1] in _JOINING:
            start -= 1
        while end < len(text) and text[end] in _JOINING:
            end += 1
        return _alphanumeric(text, start - 1) and _alphanumeric(text, end)
    if c == _PER_CENT:
        return _digit(text, i - 1)
    if c == _GROUP:
        group = i + 1 + _GROUP_DIGITS
        return (
            _digit(text, i - 1)
            and all(_digit(text, k) for k in range(i + 1, group))
            and not _digit(text, group)
        )
    return False


def _alphanumeric(text: str, k: int) -> bool:
    return 0 <= k < len(text) and _FULL_WIDTH.match(text[k]) is not None


def _digit(text: str, k: int) -> bool:
    return 0 <= k < len(text) and "０" <= text[k] <= "９"
