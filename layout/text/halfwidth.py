"""Half-width punctuation typed in Chinese text: found for the proof, never changed.

GB/T 15834-2011 (标点符号用法) gives Chinese text its own marks, full width: ，。、；：？！
（）“”, and says Western marks belong to Western text. Copy typed on a Western keyboard
layout, or pasted from a web page, has ``今天,记者来到现场.`` — marks that the text engine sets
as the Western punctuation they are (half an em, no blank, spaced by Western rules), so the
line reads crowded and wrong. An editor wants them found; only the editor can say what each
should be (``3,000`` and ``U.S.`` are right as typed), so nothing is replaced.

Contract: :func:`half_width_marks` gives the marks of a paragraph's (cleaned) text that stand
in Chinese text, in order: a mark of :data:`FULL_WIDTH` whose neighbour on its side
(:data:`_LEANS`) is a Han character (for a straight quote, also a full-width mark:
``改革。"``), so that a mark between two Western words or digits, or at a Western word's end,
is never taken. Besides these, the keyboard's stand-ins for marks Chinese text has:

- ``--`` for the 破折号 —— (GB/T 15834-2011 §4.9): two or more hyphen-minus with a Han
  character on a side and no letter or digit touching them (``--help``, ``2020--2021`` and
  ``a--b`` are left alone);
- ``...`` (two full stops or more) for the 省略号 …… (§4.11) beside a Han character: one
  report of the run, not a 。 for each stop;
- ``~`` for the 连接号 ～ or — of a range (§4.13): beside a Han character, or between two
  numbers one of which touches a Han character (``5月6日~8日``, ``5~8日``), a number with
  its unit sign or its own sign as much as one without (``10℃~15℃``, ``5%~8%``,
  ``-5℃~-10℃``), never touching a Latin letter (``/~user`` of a URL, an address, code);
- ``< >`` and ``‹ ›`` for the 书名号 《》 (§4.15): a pair around text that starts with a Han
  character (``<红楼梦>``, ``‹红楼梦>``, ``<<红楼梦>>``: never ``a<b``, ``收入>5万元``,
  ``<br/>`` or a tag), and a lone ``‹`` or ``›`` beside a Han character on its side.

Each comes with its full-width form and a little of the text around it, for the report.
"""

from __future__ import annotations

import re

from ..records import NamedTuple
from .chars import NUMBER_PREFIXES, NUMBER_SUFFIXES, CharClass, classify

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


# The keyboard's stand-ins for other marks (the module): what GB/T 15834-2011 has instead.
DASH = "——"  # §4.9 破折号, for ``--``
ELLIPSIS = "……"  # §4.11 省略号, for ``...``: six dots in two full-width marks, not a 。
RANGE = "～ or —"  # §4.13 连接号 of a range (浪纹线 or 一字线), for ``~``
BOOK_TITLE = {"<": "《", "‹": "《", ">": "》", "›": "》"}  # §4.15 书名号
_OTHERS = re.compile(r"-{2,}|\.{2,}|[~<>‹›]")
_DOTS = re.compile(r"\.{2,}")  # a typed ellipsis: two full stops or more
_BOOK_TITLE = re.compile(r"([<‹]{1,2})([^<>‹›]{1,50})([>›]{1,2})")  # <<红楼梦>> too
# A straight quote stands in Chinese text beside a full-width mark too (``改革。"``).
_CHINESE_MARKS = frozenset({CharClass.PAUSE, CharClass.STOP, CharClass.CLOSING, CharClass.OPENING})


def half_width_marks(text: str) -> list[HalfWidthMark]:
    """The half-width marks of ``text`` that stand in Chinese text (see the module)."""
    found = []
    for candidate in _CANDIDATES.finditer(text):  # (found at C speed: most text has none)
        i = candidate.start()
        ch = text[i]
        if ch == "." and (text[i + 1 : i + 2] == "." or text[i - 1 : i] == "."):
            continue  # a typed ellipsis (_stand_ins), not a full stop
        full = FULL_WIDTH[ch]
        lean = _LEANS.get(ch, _BEFORE)
        marks = ch == '"'
        before = _han(text, i, -1, marks) if lean in (_BEFORE, _EITHER) else False
        after = _han(text, i, 1, marks) if lean in (_AFTER, _EITHER) else False
        if before or after:
            found.append(_mark(text, i, ch, full))
    if _OTHERS.search(text) is not None:
        found += _stand_ins(text)
        found.sort(key=lambda m: m.index)
    return found


def _mark(text: str, i: int, mark: str, full: str) -> HalfWidthMark:
    context = text[max(i - _CONTEXT, 0) : i + len(mark) + _CONTEXT]
    return HalfWidthMark(i, mark, full, context)


def _stand_ins(text: str) -> list[HalfWidthMark]:
    """The ``--``, ``~`` and book-title stand-ins of ``text`` in Chinese text (the module)."""
    found = []
    for dash in re.finditer("-{2,}", text):
        i, j = dash.start(), dash.end()
        touching = _word(text, i - 1) or _word(text, j)
        if not touching and (_han(text, i, -1) or _han(text, j - 1, 1)):
            found.append(_mark(text, i, dash.group(), DASH))
    for dots in _DOTS.finditer(text):
        i, j = dots.start(), dots.end()
        if _han(text, i, -1) or _han(text, j - 1, 1):
            found.append(_mark(text, i, dots.group(), ELLIPSIS))
    for tilde in re.finditer("~", text):
        i = tilde.start()
        if _latin(text, i - 1) or _latin(text, i + 1):
            continue  # a URL's /~user, an address, code
        if _han(text, i, -1) or _han(text, i, 1) or _in_chinese_range(text, i):
            found.append(_mark(text, i, "~", RANGE))
    paired: set[int] = set()
    for title in _BOOK_TITLE.finditer(text):
        if classify(title.group(2)[0]) is CharClass.HAN:
            for side in (1, 3):
                k, mark = title.start(side), title.group(side)
                paired.update(range(k, k + len(mark)))
                found.append(_mark(text, k, mark, BOOK_TITLE[mark[0]]))
    for lone in re.finditer("[‹›]", text):
        i = lone.start()
        if i not in paired and _han(text, i, 1 if lone.group() == "‹" else -1):
            found.append(_mark(text, i, lone.group(), BOOK_TITLE[lone.group()]))
    return found


def _word(text: str, k: int) -> bool:
    """Whether ``text[k]`` is a Latin letter or a digit (a dash touching it is a Western
    word's or a number's: ``--help``, ``2020--2021``)."""
    return 0 <= k < len(text) and classify(text[k]) in (CharClass.LATIN, CharClass.DIGIT)


def _latin(text: str, k: int) -> bool:
    return 0 <= k < len(text) and classify(text[k]) is CharClass.LATIN


def _in_chinese_range(text: str, i: int) -> bool:
    """Whether the ``~`` at ``i`` stands between two numbers of which one touches a Han
    character (``5~8日``, ``约3~5天``, ``10℃~15℃``): each with its unit sign after it and
    its own sign before it (``chars.NUMBER_SUFFIXES``, ``NUMBER_PREFIXES``: 10℃ is one
    number, as ``collect`` keeps it)."""
    k = i - 1
    while k >= 0 and text[k] in NUMBER_SUFFIXES:
        k -= 1
    m = i + 1
    if m < len(text) and text[m] in NUMBER_PREFIXES:
        m += 1
    if not (_digit(text, k) and _digit(text, m)):
        return False
    while k >= 0 and (_digit(text, k) or text[k] in ".,"):
        k -= 1
    if k >= 0 and text[k] in NUMBER_PREFIXES:
        k -= 1
    while m < len(text) and (_digit(text, m) or text[m] in ".," or text[m] in NUMBER_SUFFIXES):
        m += 1
    return _han(text, k + 1, -1) or _han(text, m - 1, 1)


def _digit(text: str, k: int) -> bool:
    return 0 <= k < len(text) and "0" <= text[k] <= "9"


def _han(text: str, i: int, step: int, marks: bool = False) -> bool:
    """Whether the character next to ``text[i]`` on the side ``step`` (−1 before, +1 after),
    past one space a typist may have left, is a Han character (or, with ``marks``, a
    full-width mark of Chinese text: a straight quote after ``。``)."""
    k = i + step
    if 0 <= k < len(text) and text[k] == " ":
        k += step
    if not 0 <= k < len(text):
        return False
    cls = classify(text[k])
    return cls is CharClass.HAN or (marks and cls in _CHINESE_MARKS and not text[k].isascii())
