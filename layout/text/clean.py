"""Stage 0, clean: the text of a paragraph as it is set, from the text as it was written.

Copy arrives with what a keyboard, a web page or a YAML escape put in it: runs of spaces, tabs,
hard line wraps, no-break spaces, a byte-order mark, control and format characters, lone
surrogates, combining marks. :func:`clean` turns it, by the rules below, into text the later
stages can set, and returns what it took out:

- ``CleanText.text``: the cleaned text. The set paragraph's lines and missing glyphs index
  into it. Its only white space is U+0020 (a breakable space), U+00A0 (a no-break space) and
  U+200B (a zero-width break opportunity), never two in a row, never at either end, never next
  to a mark that carries its own blank (but for a space that tells a Latin word's closing ’
  from an apostrophe, ``‘yes’ too``); U+3000 (a 1-em blank character) stays, but for the
  paragraph start.
- ``CleanText.removed``: each character removed because it cannot be set (a control or format
  character, a lone surrogate, a noncharacter, a variation selector), with its index in the
  raw text and the reason: the caller reports it. White space dropped or collapsed by the
  white space rules is not reported: that is how the text is set, not a loss; but for the
  line breaks no keyboard types (VT, FF, NEL, U+2028, U+2029: :data:`REPORTED_BREAKS`), set
  as a hard wrap and reported too, since the copy asked for a break that is not made.
- ``CleanText.soft_hyphens``: where a soft hyphen (U+00AD, an editor's "break here if you
  must") stood, as indices into the cleaned text. It is no character of the set text: inside
  a Western word it is the word's own hyphenation point (``layout.text.words``); anywhere
  else it changes nothing a reader could see (a line may already break between two Chinese
  characters) and is not reported.

Every raw character is so accounted for: kept, composed with its base (NFC), spelt out (a
ligature), collapsed or dropped as white space (including U+3000 at the paragraph start), in
``removed``, or in ``soft_hyphens``.

Cleaning is idempotent (``clean(clean(t).text).text == clean(t).text``, and nothing is removed
the second time), and costs almost nothing for text that needs no work, which is nearly all
copy: one regular-expression scan for a character outside the common plain ranges, and a look
at the neighbours of each space.

The rules, in the order they apply:

1. Removal (:func:`removal_reason`, reasons in :class:`RemovalReason`): C0/C1 controls that
   are not white space; format characters (general category Cf: ZWJ, ZWNJ, WJ, BOM, bidi
   controls, U+180E, tags) and the other default ignorables, all but U+200B; the soft hyphen
   U+00AD, which is taken out too but kept as a break point (``soft_hyphens``); lone
   surrogates; noncharacters; variation selectors (the cmap reader ignores format 14, so they
   cannot be honoured). Private-use characters stay. A high and a low surrogate in a row are
   first read as the one character they encode (UTF-16; RFC 8259 §7, as JSON-style escapes
   ``"\\ud83d\\ude00"`` give them).
2. White space (:func:`_white_space`): Western white space is Unicode White_Space except
   U+3000 (PropList.txt); a run of it, with any ZWSP in it, becomes at most one character.
3. Ligatures (:func:`_ligatures`): the Latin ligatures U+FB00–FB06 (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ, which
   copy pasted from a PDF carries) become the letters they stand for, their NFKC (ﬁ → fi).
   They are presentation forms kept for round trips with old encodings (Unicode §23.1
   "Compatibility Characters", Alphabetic Presentation Forms): the letters are what the
   word is. As letters a word is one Latin word, hyphenated by its dictionary and set in
   the faces' letters (the bundled CJK faces have no ﬁ); the engine shapes no ligature of
   its own, so the word prints as the letters it spells. Each letter keeps the raw index
   of its ligature; none is reported (nothing is lost).
4. Composition: a base and its combining marks are composed by NFC, locally (only such
   sequences, never the whole text: NFC would turn the CJK compatibility ideographs
   U+F900–FAFF into unified ones, a silent change of the character). A base that NFC itself
   changes (a compatibility ideograph, U+212B ANGSTROM SIGN) keeps its marks uncomposed.
   Marks with no precomposed form stay after their base (``collect`` keeps them in its
   cluster); a mark with no base is kept as found.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from enum import Enum
from functools import cache

from ..records import NamedTuple
from .chars import (
    APOSTROPHE,
    CLOSING_MARKS,
    INTERPUNCTS,
    LONG_MARK_PAIRS,
    LONG_MARK_SINGLES,
    NO_BREAK_SPACES,
    NUMBER_PREFIXES,
    NUMBER_SUFFIXES,
    OPENING_MARKS,
    PAUSE_MARKS,
    STOP_MARKS,
    ZERO_WIDTH_SPACE,
    CharClass,
    classify,
    is_mark,
)

IDEOGRAPHIC_SPACE = "\u3000"
NO_BREAK_SPACE = "\u00a0"
# A hyphenation point the editor put in (Unicode §23.2, "Hyphenation"; HTML's &shy;): no
# character of the set text, a hyphen drawn only where a line breaks at it.
SOFT_HYPHEN = "\u00ad"

# Unicode White_Space (PropList.txt) without U+3000, which is a 1-em blank character of CJK
# text (clreq §3.5 uses it for the indent) and stays: space, tab, LF, VT, FF, CR, NEL, NBSP,
# OGHAM SPACE MARK, EN QUAD … HAIR SPACE, LINE / PARAGRAPH SEPARATOR, NNBSP, MMSP.
WESTERN_WHITE_SPACE = frozenset(
    "\t\n\u000b\u000c\r \u0085\u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f"
)
# Line breaks in copy (UAX #14 classes BK, CR, LF, NL): a hard wrap, or a segment break in
# the words of CSS Text 3 §4.1.2. CRLF is two of them in one run, so it is one break.
LINE_BREAKS = frozenset("\n\u000b\u000c\r\u0085\u2028\u2029")
# The line breaks no keyboard types into copy, which an escape (``"\x0b"``) or a word
# processor's paste puts there: VT, FF, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR (one that
# parts a body item is a paragraph break, ``layout.articles``). Set as a hard wrap like LF,
# and reported: the copy asked for a break the engine does not make (it breaks lines at the
# measure).
REPORTED_BREAKS = frozenset("\u000b\u000c\u0085\u2028\u2029")
_RUN = WESTERN_WHITE_SPACE | {ZERO_WIDTH_SPACE}

# Marks that carry their own blank: white space beside them is dropped (clreq §3.1.6: a
# full-width mark is its ink and a blank half; a space added to it doubles the blank).
_OWN_BLANK = (
    PAUSE_MARKS
    | STOP_MARKS
    | CLOSING_MARKS
    | OPENING_MARKS
    | INTERPUNCTS
    | LONG_MARK_SINGLES
    | {IDEOGRAPHIC_SPACE}
)
# Halves of the 2-em marks —— and …… (clreq §3.1.4): they carry no blank, but like the marks
# above they stand alone, so white space beside a pair is dropped too (a single — or … may be
# Western punctuation, spaced by a Western rule, and keeps its space).
_PAIRED = frozenset(pair[0] for pair in LONG_MARK_PAIRS)


class RemovalReason(Enum):
    """Why a character was taken out of the text."""

    CONTROL = "control"  # a C0/C1 control character (Cc) that is not white space
    FORMAT = "format"  # an invisible format character (Cf, Default_Ignorable_Code_Point)
    SURROGATE = "surrogate"  # a lone surrogate (Cs): half of a UTF-16 pair, not a character
    NONCHARACTER = "noncharacter"  # U+FDD0–FDEF and U+xxFFFE/xxFFFF: never interchanged
    VARIATION_SELECTOR = "variation-selector"  # FVS, VS1–VS256
    # VT, FF, NEL, U+2028, U+2029 (REPORTED_BREAKS): set as a hard wrap, the break not kept
    LINE_BREAK = "line-break"


# What an editor reads about each removal.
EXPLANATIONS = {
    RemovalReason.CONTROL: "a control character, not text",
    RemovalReason.FORMAT: (
        "an invisible format character; the engine does no shaping or bidi, so it cannot honour it"
    ),
    RemovalReason.SURROGATE: "a lone surrogate, half of a UTF-16 pair: not a character",
    RemovalReason.NONCHARACTER: "a noncharacter, reserved for internal use (Unicode §23.7)",
    RemovalReason.VARIATION_SELECTOR: (
        "a variation selector; the fonts' variation sequences (cmap format 14) are not read, "
        "so the character before it is set in its default form"
    ),
    RemovalReason.LINE_BREAK: (
        "a line or page break in the copy, set as a hard wrap (a space, or nothing between "
        "Chinese characters): lines break at the measure; a paragraph is a body item of its own"
    ),
}

# Variation selectors (StandardizedVariants.txt, Unicode §23.4): FVS1–3, FVS4, VS1–16, VS17–256.
VARIATION_SELECTORS = ((0x180B, 0x180D), (0x180F, 0x180F), (0xFE00, 0xFE0F), (0xE0100, 0xE01EF))
# Default_Ignorable_Code_Point (DerivedCoreProperties.txt) beyond general category Cf, which
# is removed as a whole: invisible characters that fonts leave blank or show as a box.
# CGJ, the Hangul fillers, KHMER VOWEL INHERENT AQ/AA, and the reserved default ignorables.
_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x2065, 0x2065),
    (0x3164, 0x3164),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0xE0000, 0xE0FFF),
)


def _in(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


@cache
def removal_reason(ch: str) -> RemovalReason | None:
    """Why ``ch`` is removed from copy, or ``None`` if it is kept. U+200B ZERO WIDTH SPACE is
    kept: it is a break opportunity of no width (UAX #14 ZW; ``prepare`` makes it a glue),
    which editors put into long URLs and Latin strings."""
    code = ord(ch)
    category = unicodedata.category(ch)
    if category == "Cs":
        return RemovalReason.SURROGATE
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return RemovalReason.NONCHARACTER
    if _in(code, VARIATION_SELECTORS):
        return RemovalReason.VARIATION_SELECTOR
    if category == "Cc":
        return None if ch in WESTERN_WHITE_SPACE else RemovalReason.CONTROL
    if (category == "Cf" and ch != ZERO_WIDTH_SPACE) or _in(code, _IGNORABLE):
        return RemovalReason.FORMAT
    return None


class Removed(NamedTuple):
    """A character taken out of the raw text (reported by the caller)."""

    char: str
    index: int  # in the raw text
    reason: RemovalReason
    at: int  # index in the cleaned text of what followed it (its length, at the end)

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def escaped(self) -> str:
        """The character as an escape (``\\u200d``): removed characters are invisible, and a
        lone surrogate cannot even be written as UTF-8, so reports never show them raw."""
        return ascii(self.char)[1:-1]

    def describe(self) -> str:
        name = unicodedata.name(self.char, "")
        return f"{self.code_point}{' ' + name if name else ''}: {EXPLANATIONS[self.reason]}"


class CleanText(NamedTuple):
    """A paragraph's text as it is set, what was removed from it, and where its soft hyphens
    stood (indices into ``text``: the index of the character after each, in order, no
    repeats)."""

    text: str
    removed: tuple[Removed, ...] = ()
    soft_hyphens: tuple[int, ...] = ()


# The fast path. Characters that never need work in any context: printable ASCII (and the
# space, whose neighbours are looked at separately), Latin-1 and the Latin, IPA, Greek and
# Cyrillic letters, general punctuation and symbols, CJK radicals, punctuation, kana,
# bopomofo, Hangul syllables, Yi, the ideographs of all planes, compatibility ideographs,
# vertical and small forms, the full-width forms, emoji and private use. Left out on purpose:
# every other white space, U+3000, controls, format and ignorable characters, combining marks
# (U+0300–036F, U+0483–0489, U+20D0–20FF, U+302A–302F, U+3099–309A, U+FE20–FE2F …), the
# variation selectors and the noncharacters. A character outside is not wrong: it only sends
# the text down the full path (tests/text/test_clean.py checks every code point listed here).
PLAIN_RANGES = (
    (0x0020, 0x007E),
    (0x00A1, 0x00AC),
    (0x00AE, 0x02FF),
    (0x0370, 0x0482),
    (0x048A, 0x052F),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x2070, 0x20CF),
    (0x2100, 0x2BFF),
    (0x2E00, 0x2FFF),
    (0x3001, 0x3029),
    (0x3030, 0x303F),
    (0x3041, 0x3096),
    (0x309B, 0x3163),
    (0x3165, 0x9FFF),
    (0xA000, 0xA4CF),
    (0xAC00, 0xD7A3),
    (0xE000, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE6F),
    (0xFF01, 0xFF9F),
    (0xFFA1, 0xFFEF),
    (0x1F000, 0x1FAFF),
    (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD),
)


def _outside(ranges: tuple[tuple[int, int], ...]) -> str:
    """The class of every code point outside ``ranges`` (sorted, apart): re compiles a
    class code point by code point below U+10000, so the 12 600 outside cost a quarter of the
    52 900 inside."""
    parts, start = [], 0
    for a, b in ranges:
        if a > start:
            parts.append(f"{re.escape(chr(start))}-{re.escape(chr(a - 1))}")
        start = b + 1
    parts.append(f"{re.escape(chr(start))}-{re.escape(chr(0x10FFFF))}")
    return "[" + "".join(parts) + "]"


_NOT_PLAIN = re.compile(_outside(PLAIN_RANGES))
# A space beside one of these needs the white space rules (or is a second space, or stands
# before a number's sign).
_SPACE_WORK = _OWN_BLANK | _PAIRED | NUMBER_SUFFIXES | NUMBER_PREFIXES | {" "}
# The signs that open a number and are also the operators between two (3 + 5, 8 - 2, 20 ± 1):
# with a space before them as well as after they are the operator, the space after them a
# breaking one as typed (a line may break after a binary operator, TeXbook ch. 17), not a
# number's own sign.
_OPERATORS = frozenset("+-±−∓")


def clean(text: str) -> CleanText:
    """``text`` cleaned by the rules of this module (the module docstring lists them)."""
    if _NOT_PLAIN.search(text) is None and _plain_spaces(text):
        return CleanText(text)
    return clean_fully(text)


def _plain_spaces(text: str) -> bool:
    """Whether every space of ``text`` (plain text otherwise) stays as it is: single, inside
    the text, and not beside a mark that carries its own blank."""
    i = text.find(" ")
    last = len(text) - 1
    work = _SPACE_WORK
    while i >= 0:
        if i == 0 or i == last or text[i - 1] in work or text[i + 1] in work:
            return False
        i = text.find(" ", i + 1)
    return True


def clean_fully(text: str) -> CleanText:
    """:func:`clean` without the fast path (the tests check that both agree)."""
    chars, origin, dropped = _remove(text)
    chars, origin = _white_space(chars, origin)
    chars, origin = _ligatures(chars, origin)
    chars, origin = _compose(chars, origin)
    removed = tuple(
        Removed(ch, index, reason, bisect_left(origin, index))
        for ch, index, reason in dropped
        if ch != SOFT_HYPHEN
    )
    soft = sorted({bisect_left(origin, index) for ch, index, _ in dropped if ch == SOFT_HYPHEN})
    return CleanText("".join(chars), removed, tuple(soft))


def resumed(text: str, start: int) -> str:
    """``clean(text).text[start:]`` with the soft hyphens after ``start`` put back (each
    before the character it stood before): the rest of a paragraph continued in another box,
    as copy again, so that its words break where the editor said in that box too."""
    cleaned = clean(text)
    rest = cleaned.text[start:]
    soft = [k - start for k in cleaned.soft_hyphens if k > start]
    if not soft:
        return rest
    pieces = []
    previous = 0
    for k in soft:
        pieces += (rest[previous:k], SOFT_HYPHEN)
        previous = k
    pieces.append(rest[previous:])
    return "".join(pieces)


def removed_after(text: str, start: int) -> tuple[Removed, ...]:
    """What cleaning took out of ``text`` where :func:`resumed` goes on from ``start``: the
    characters that stood before ``clean(text).text[start:]`` or in it (``at`` counted from
    ``start``; ``index`` still in ``text``), which the box setting that rest reports."""
    return tuple(r._replace(at=r.at - start) for r in clean(text).removed if r.at >= start)


def _remove(text: str) -> tuple[list[str], list[int], list[tuple[str, int, RemovalReason]]]:
    """Rule 1: the kept characters with their raw indices, and the removed ones."""
    chars: list[str] = []
    origin: list[int] = []
    dropped: list[tuple[str, int, RemovalReason]] = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        step = 1
        if "\ud800" <= ch <= "\udbff" and i + 1 < n and "\udc00" <= text[i + 1] <= "\udfff":
            ch = chr(0x10000 + ((ord(ch) - 0xD800) << 10) + ord(text[i + 1]) - 0xDC00)
            step = 2
        reason = removal_reason(ch)
        if reason is None:
            chars.append(ch)
            origin.append(i)
            if ch in REPORTED_BREAKS:
                # kept for the white space rule (it is a segment break there), and reported
                dropped.append((ch, i, RemovalReason.LINE_BREAK))
        else:
            dropped.append((ch, i, reason))
        i += step
    return chars, origin, dropped


def _white_space(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """Rule 2. White space (and U+3000) at the paragraph start is dropped: a typist's own
    indent, where the style sets the indent (clreq §3.5). Then each run of white space, with
    the ZWSPs in it, becomes (:func:`_collapse`) nothing, one space, one no-break space or one
    ZWSP."""
    n = len(chars)
    i = 0
    while i < n and (chars[i] in _RUN or chars[i] == IDEOGRAPHIC_SPACE):
        i += 1
    out: list[str] = []
    out_origin: list[int] = []
    while i < n:
        ch = chars[i]
        if ch not in _RUN:
            out.append(ch)
            out_origin.append(origin[i])
            i += 1
            continue
        j = i + 1
        while j < n and chars[j] in _RUN:
            j += 1
        kept = _collapse(chars[i:j], out, chars[j : j + 2])
        if kept:
            out.append(kept)
            out_origin.append(origin[i])
        i = j
    return out, out_origin


def _collapse(run: list[str], before: list[str], after: list[str]) -> str:
    """What a run of white space becomes, between the text set so far and what follows:

    - nothing at the paragraph end (CSS Text 3 §4.1.3: white space at a line's end is
      removed), or beside a mark that carries its own blank, U+3000 or a 2-em mark
      (clreq §3.1.6), but for the space after a Latin word's closing ’ before a Latin
      letter (:func:`_ends_quoted_word`);
    - a run with a line break: one ZWSP if it holds one (CSS Text 3 §4.1.2: the segment break
      goes, the zero-width space stays); nothing between two East Asian wide characters, Han,
      kana or full-width forms (East_Asian_Width F, W or H, UAX #11; not Hangul, which spaces
      words; CSS Text 3 §4.1.2): a hard wrap pasted from copy;
    - a run of only ZWSPs: one ZWSP;
    - a run between a digit and the sign that closes its number (``30 %``, ``25 ℃``,
      ``120 ㎡``): one U+00A0, the space kept as typed but the sign never sent to the next
      line's start (GB 3101 writes a unit sign after its number; clreq §3.2 keeps a number
      whole; UAX #14 would break at the space, LB18);
    - a run between the sign that opens a number and its digit (``￥ 100``, ``$ 5``,
      ``№ 3``): one U+00A0 as well, the sign never left at a line end (UAX #14 LB25 keeps
      PR and HY with the number; clreq §3.2), but for an operator between two numbers
      (``3 + 5``, :func:`_opens_number`);
    - a run of only no-break spaces (U+00A0, U+2007, U+202F): one U+00A0, where the line may
      not break (UAX #14 GL);
    - anything else: one space, as a compositor collapses a run of spaces (CSS Text 3 §4.1.1
      collapses them the same way). A no-break space beside a breaking one leaves the run
      breakable (UAX #14 LB18: a break after a space), so the run is one breaking space."""
    if not after or not before:
        return ""
    left = _base(before)
    right = after[0]
    if (left in _OWN_BLANK or right in _OWN_BLANK) and not _ends_quoted_word(before, right):
        return ""
    if (before[-1] in _PAIRED and len(before) > 1 and before[-2] == before[-1]) or (
        right in _PAIRED and len(after) > 1 and after[1] == right
    ):
        return ""
    if right in NUMBER_SUFFIXES and before[-1].isdigit() and ZERO_WIDTH_SPACE not in run:
        return NO_BREAK_SPACE
    if _opens_number(before, right) and ZERO_WIDTH_SPACE not in run:
        return NO_BREAK_SPACE
    zwsp = ZERO_WIDTH_SPACE in run
    if any(c in LINE_BREAKS for c in run):
        if zwsp:
            return ZERO_WIDTH_SPACE
        if _wide(left) and _wide(right):
            return ""
        return " "
    if zwsp and all(c == ZERO_WIDTH_SPACE for c in run):
        return ZERO_WIDTH_SPACE
    if all(c in NO_BREAK_SPACES for c in run):
        return NO_BREAK_SPACE
    return " "


def _opens_number(before: list[str], right: str) -> bool:
    """Whether white space stands between the sign that opens a number (``chars.
    NUMBER_PREFIXES``) and its first digit: not after an operator with a space before it too
    (``3 + 5``, ``_OPERATORS``)."""
    sign = before[-1]
    if sign not in NUMBER_PREFIXES or not right.isdigit():
        return False
    return not (sign in _OPERATORS and len(before) > 1 and before[-2].isspace())


def _ends_quoted_word(before: list[str], right: str) -> bool:
    """Whether white space stands after a Latin word's closing quote U+2019 and before a Latin
    letter (``‘yes’ too``, ``students’ union``): it is kept, since without it ``collect`` would
    read the quote as an apostrophe inside one word (``yes’too``, ``chars.APOSTROPHE``). It
    sets nothing of its own: the quote's blank half is the space (``prepare``)."""
    return (
        len(before) > 1
        and before[-1] == APOSTROPHE
        and classify(before[-2]) is CharClass.LATIN
        and classify(right) is CharClass.LATIN
    )


def _base(chars: list[str]) -> str:
    """The last character of ``chars`` that is not a combining mark (the last one if all are):
    a run of white space after a base and its marks stands beside the base."""
    for ch in reversed(chars):
        if not is_mark(ch):
            return ch
    return chars[-1]


def removes_segment_break(left: str, right: str) -> bool:
    """A line break between the characters ``left`` and ``right`` is removed, not made a
    space (CSS Text 3 §4.1.2): beside a ZWSP, or between two East Asian wide characters —
    a hard wrap in Chinese copy. Also the rule by which a YAML scalar's folded line breaks
    are read (:mod:`layout.yamlsource`)."""
    return ZERO_WIDTH_SPACE in (left, right) or (_wide(left) and _wide(right))


@cache
def _wide(ch: str) -> bool:
    """East Asian wide for the segment break rule (CSS Text 3 §4.1.2): East_Asian_Width F, W
    or H, and not Hangul."""
    if unicodedata.east_asian_width(ch) not in ("F", "W", "H"):
        return False
    return "HANGUL" not in unicodedata.name(ch, "")


# The Latin ligatures of the Alphabetic Presentation Forms, U+FB00–FB06, and their letters.
LIGATURES = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}


def _ligatures(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """Rule 3: each Latin ligature spelt out in its letters (each with the ligature's raw
    index)."""
    if not any(c in LIGATURES for c in chars):
        return chars, origin
    out: list[str] = []
    out_origin: list[int] = []
    for ch, index in zip(chars, origin, strict=True):
        letters = LIGATURES.get(ch, ch)
        out.extend(letters)
        out_origin.extend([index] * len(letters))
    return out, out_origin


def _compose(chars: list[str], origin: list[int]) -> tuple[list[str], list[int]]:
    """Rule 4: each base with its combining marks composed by NFC where it has a precomposed
    form (the composed characters keep the raw index of their base)."""
    if not any(is_mark(c) for c in chars):
        return chars, origin
    out: list[str] = []
    out_origin: list[int] = []
    n = len(chars)
    i = 0
    while i < n:
        j = i + 1
        while j < n and is_mark(chars[j]):
            j += 1
        base = chars[i]
        sequence = "".join(chars[i:j])
        composed = sequence
        if (
            j - i > 1
            and not is_mark(base)
            and base not in _RUN
            and unicodedata.is_normalized("NFC", base)
        ):
            composed = unicodedata.normalize("NFC", sequence)
        if composed == sequence:
            out.extend(chars[i:j])
            out_origin.extend(origin[i:j])
        else:
            out.extend(composed)
            out_origin.extend([origin[i]] * len(composed))
        i = j
    return out, out_origin
