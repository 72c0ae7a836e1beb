"""Character classes of Chinese text layout (clreq §3.1 and Appendix A).

Every character the engine sets falls in one :class:`CharClass`. The tables are the ones of
``shared/reference/chinese-newspaper-typesetting.md``; each rule that uses a class cites its
clreq section where it is applied (``prepare.py``).
"""

from __future__ import annotations

import unicodedata
from enum import Enum
from functools import cache

from .options import Prohibition


class CharClass(Enum):
    """What a character is, for breaking and spacing."""

    # Identity hashing in C: these are looked up in sets for every character, and Enum's
    # own __hash__ is a Python call.
    __hash__ = object.__hash__

    HAN = "han"  # ideographs, kana, CJK letters: one em, break anywhere between
    PAUSE = "pause"  # 点号 inside a sentence: 、 ， ： ； (clreq §3.1.2)
    STOP = "stop"  # 点号 ending a sentence: 。 ． ！ ？ ‼ ⁇
    CLOSING = "closing"  # closing brackets and quotes: ” ’ 」 』 ） 》 〉 】 〗 〕 ］ ｝
    OPENING = "opening"  # opening brackets and quotes: “ ‘ 「 『 （ 《 〈 【 〖 〔 ［ ｛
    CONNECTOR = "connector"  # – ～ and a single — (clreq §3.1.3)
    INTERPUNCT = "interpunct"  # 间隔号 · ・ ‧
    SOLIDUS = "solidus"  # / ／
    LONG_MARK = "long-mark"  # unbreakable 2-em marks —— ⸺ …… and the 3-em dash ⸻ (clreq §3.1.4)
    # A single ellipsis or two-dot leader … ⋯ ‥ (UAX #14 class IN, LB22: no break before it):
    # set as found, never at a line start.
    INSEPARABLE = "inseparable"
    LATIN = "latin"  # Latin letters
    DIGIT = "digit"  # European digits, their superscript and subscript forms, fractions ½ ⅔
    SPACE = "space"
    # U+200B ZERO WIDTH SPACE: a break opportunity of no width (UAX #14 class ZW), no box.
    BREAK = "break"
    SYMBOL = "symbol"  # anything else: ■ ％ ℃ and other signs, set as found


PAUSE_MARKS = frozenset("、，：；")
# ⁉ ⁈ with ‼ ⁇: the stop marks of two (UAX #14 class EX, LB13: no break before them).
STOP_MARKS = frozenset("。．！？‼⁇⁉⁈")
CLOSING_MARKS = frozenset("”’」』）》〉】〗〕］｝")
OPENING_MARKS = frozenset("“‘「『（《〈【〖〔［｛")
# The rarer marks are the marks they are for 避头尾 (clreq §3.1.4), found by their Unicode
# properties (``_classify``): a wide (East_Asian_Width W, F or H, UAX #11) opening or closing
# punctuation (general category Ps, Pe: 〘〙 〚〛 〝〞〟 ｢｣ ⦅⦆, the vertical forms ﹁﹂﹃﹄
# ︵︶ …; UAX #14 classes OP and CL), and the small, vertical and half-width forms of the
# pause and stop marks (﹐ ﹑ ﹒ ﹔ ︐ ︑ ︒ ｡ ､ …), by the mark they are a compatibility form of
# (their NFKC). Western brackets and quotes, narrow, are not: ``collect`` holds them on to
# their word (UAX #14 LB13, LB14).
_PAUSE_FORMS = PAUSE_MARKS | frozenset(",:;")
_STOP_FORMS = STOP_MARKS | frozenset(".!?")
_WIDE = frozenset("WFH")
INSEPARABLES = frozenset("…⋯‥\ufe19\ufe30")  # … ⋯ ‥ and the vertical forms ︙ ︰
# The presentation forms of the marks: for vertical text (U+FE10–FE19, U+FE30–FE48: ﹁﹂ ︵︶
# ︐ …), drawn for a vertical line, their ink across most of the em (Noto's ﹁ inks 0.26–0.97
# em); and the small form variants of CNS 11643 (U+FE50–FE6B: ﹐ ﹑ ﹔ ﹖ ﹙ …), whose ink the
# face puts anywhere (HanaMin centres ﹔ ﹕ ﹖ ﹗). Their ink is in no known half of the em,
# so ``boxes`` sets them in their whole advance, with no blank half to take away.
PRESENTATION_FORMS = frozenset(
    "".join(map(chr, range(0xFE10, 0xFE1A)))
    + "".join(map(chr, range(0xFE30, 0xFE49)))
    + "".join(map(chr, range(0xFE50, 0xFE6C)))
)
CONNECTOR_MARKS = frozenset("–～—")
INTERPUNCTS = frozenset("·・‧")
SOLIDI = frozenset("/／")
# A 2-em dash is two U+2014 (or one U+2E3A); an ellipsis is two U+2026 (clreq §3.1.4). Copy
# decoded from GB 2312 has the dash as two U+2015 (its mapping of A1AA), and copy from
# Taiwan or Hong Kong the ellipsis as two U+22EF (midline): the same marks, kept as typed.
LONG_MARK_PAIRS = ("——", "……", "――", "⋯⋯")
# The one-character forms and the ems each takes: U+2E3A TWO-EM DASH, U+2E3B THREE-EM DASH
# (a face draws them narrower, Noto's ⸺ in 1.69 em: ``boxes`` scales the glyph to its ems).
LONG_MARK_EMS = {"⸺": 2, "⸻": 3}
LONG_MARK_SINGLES = frozenset(LONG_MARK_EMS)
# The Word apostrophe: U+2019 is both the Chinese closing single quote and the apostrophe
# of English text (Unicode §6.2, "Apostrophes": the preferred character for it). Between
# two Latin letters (it’s, don’t, O’Brien, McDonald’s) it is a letter of the word
# (``collect``), set proportionally and never broken from it (clreq §3.2); anywhere else
# it is the closing mark of the table above.
APOSTROPHE = "\u2019"
# U+2236 RATIO, the colon of a score or a ratio (2∶0, 21∶19, 1∶500): a colon-like mark,
# never at a line start (避头 as the pause mark ： is, clreq §3.1.4), and between two digits
# part of their number as ":" is (``collect``: 3:1 and 3∶1 are one unit each).
RATIO = "\u2236"
ZERO_WIDTH_SPACE = "\u200b"
# No-break spaces among the white space characters (UAX #14 class GL): no line break there.
NO_BREAK_SPACES = frozenset("\u00a0\u2007\u202f")
# The signs that close a number belong to it: no line breaks between 25 and ㎡ and no
# Han–Western gap stands before the sign (clreq §3.2: a Western number is kept whole; GB 3101
# writes a unit sign after its number). Besides % ‰ ℃ ° ％: the primes ′ ″ ‴ (minutes and
# seconds of arc or time) and the squared unit signs of the CJK Compatibility block, ㎡ ㎏ ㎞
# ㎝ ㎜ ㏄ ㎎ ㎖ … (U+3371–337A, U+3380–33DF, U+33FF; not U+33E0–33FE, the telegraph
# symbols for the days 1日–31日, which carry their own number).
NUMBER_SUFFIXES = frozenset(
    "%‰℃°％′″‴"
    + "".join(map(chr, range(0x3371, 0x337B)))
    + "".join(map(chr, range(0x3380, 0x33E0)))
    + "\u33ff"
)

# The signs that open a number belong to it: no line break between ￥ and 100 (UAX #14 LB25:
# no break between PR and NU, nor between HY and NU; clreq §3.2 keeps a Western number
# whole). Class PR of UAX #14 (LineBreak.txt) among the signs of Latin and CJK copy: the
# currency symbols written before their amount ($ £ ¤ ¥ and U+20A0–20CF, but ₧ ₶ ₻ ₾ ⃀,
# class PO, written after it; ¢ too), their small and full-width forms ﹩ ＄ ￡ ￥ ￦, the
# plus, minus and plus-minus signs + − ± ∓ and №; and the hyphen-minus (HY), as in -5.
_POSTFIX_CURRENCY = frozenset({0x20A7, 0x20B6, 0x20BB, 0x20BE, 0x20C0})
NUMBER_PREFIXES = frozenset(
    "$£¤¥+-±−∓№\ufe69\uff04\uffe1\uffe5\uffe6"
    + "".join(chr(c) for c in range(0x20A0, 0x20D0) if c not in _POSTFIX_CURRENCY)
)

PUNCTUATION = frozenset(
    {
        CharClass.PAUSE,
        CharClass.STOP,
        CharClass.CLOSING,
        CharClass.OPENING,
        CharClass.CONNECTOR,
        CharClass.INTERPUNCT,
        CharClass.SOLIDUS,
        CharClass.LONG_MARK,
        CharClass.INSEPARABLE,
    }
)

# Line-start / line-end prohibition (避头尾), clreq §3.1.4 and the reference digest:
# basic: no pause/stop mark, closing mark, connector, interpunct or single ellipsis at a
#        line start (UAX #14 LB22 for the ellipsis);
#        no opening mark at a line end.
# GB: basic, and no solidus at a line end.  strict: GB, and no 2-em mark at a line start.
_BASIC_NO_START = frozenset(
    {
        CharClass.PAUSE,
        CharClass.STOP,
        CharClass.CLOSING,
        CharClass.CONNECTOR,
        CharClass.INTERPUNCT,
        CharClass.INSEPARABLE,
    }
)
_BASIC_NO_END = frozenset({CharClass.OPENING})

# Postfix signs and the ditto mark: never at a line start (JIS X 4051 and JLREQ, class cl-13
# postfixed abbreviations ％ ‰ ° ′ ″ ℃ ¢, and the ditto mark 〃 among the marks not to begin
# a line; clreq §3.1.4; UAX #14 class PO). After a digit they are part of its number already
# (``NUMBER_SUFFIXES``, ``collect``); after a Han character, a mark or a letter they are a
# SYMBOL cluster of their own that must not begin a line. A rule on the characters, not a
# new class, so that their widths and spacing (a SYMBOL's) stay as they were: ``prepare``
# forbids the break before them, ``check`` reports one.
POSTFIX_SIGNS = frozenset("%％‰‱℃℉°′″‴¢￠〃")
NO_LINE_START_SIGNS: dict[Prohibition, frozenset[str]] = {
    Prohibition.NONE: frozenset(),
    Prohibition.BASIC: POSTFIX_SIGNS,
    Prohibition.GB: POSTFIX_SIGNS,
    Prohibition.STRICT: POSTFIX_SIGNS,
}

NO_LINE_START: dict[Prohibition, frozenset[CharClass]] = {
    Prohibition.NONE: frozenset(),
    Prohibition.BASIC: _BASIC_NO_START,
    Prohibition.GB: _BASIC_NO_START,
    Prohibition.STRICT: _BASIC_NO_START | {CharClass.LONG_MARK},
}
NO_LINE_END: dict[Prohibition, frozenset[CharClass]] = {
    Prohibition.NONE: frozenset(),
    Prohibition.BASIC: _BASIC_NO_END,
    Prohibition.GB: _BASIC_NO_END | {CharClass.SOLIDUS},
    Prohibition.STRICT: _BASIC_NO_END | {CharClass.SOLIDUS},
}


def classify(ch: str) -> CharClass:
    """The class of one character (a two-character 2-em mark is found by ``collect``)."""
    cls = CLASSES.get(ch)
    if cls is None:
        cls = CLASSES[ch] = _classify(ch)
    return cls


# A cache of classify(): characters are classified once per process (``collect`` reads it
# inline). It only ever grows by what _classify says, so it holds no state of a paragraph.
CLASSES: dict[str, CharClass] = {}


def _classify(ch: str) -> CharClass:
    if ch in PAUSE_MARKS:
        return CharClass.PAUSE
    if ch in STOP_MARKS:
        return CharClass.STOP
    if ch in CLOSING_MARKS:
        return CharClass.CLOSING
    if ch in OPENING_MARKS:
        return CharClass.OPENING
    if ch in CONNECTOR_MARKS:
        return CharClass.CONNECTOR
    if ch in INTERPUNCTS:
        return CharClass.INTERPUNCT
    if ch in SOLIDI:
        return CharClass.SOLIDUS
    if ch in LONG_MARK_SINGLES:
        return CharClass.LONG_MARK
    if ch in INSEPARABLES:
        return CharClass.INSEPARABLE
    if ch == "\u3000":
        return CharClass.SYMBOL  # the ideographic space is a 1-em blank character, not a space
    if ch == ZERO_WIDTH_SPACE:
        return CharClass.BREAK
    if ch.isspace():
        return CharClass.SPACE
    if "0" <= ch <= "9":
        return CharClass.DIGIT
    if ch.isascii() and ch.isalpha():
        return CharClass.LATIN
    category = unicodedata.category(ch)
    if category[0] == "P" and unicodedata.east_asian_width(ch) in _WIDE:
        cls = _wide_mark(ch, category)
        if cls is not None:
            return cls
    if category[0] == "M":
        # A combining mark is set in its base's cluster (collect); one with no base is set
        # as found, as a symbol (UAX #14 LB10: a lone CM is treated as AL). The kana voicing
        # marks U+3099–309A fall in the kana block, so this test comes before the Han one.
        return CharClass.SYMBOL
    code = ord(ch)
    if _is_han(code):
        return CharClass.HAN
    if category.startswith("L"):
        # Letters of other scripts: Latin-1 letters with accents, Greek, Cyrillic, and the
        # Alphabetic Presentation Forms U+FB00–FB4F (ligatures ﬁ ﬂ; ``clean`` spells the
        # Latin ones out, but any text is classified).
        return CharClass.LATIN if code < 0x2E80 or 0xFB00 <= code <= 0xFB4F else CharClass.HAN
    if code < 0x2E80 and unicodedata.decomposition(ch).startswith(_NUMERIC_FORMS):
        return CharClass.DIGIT
    return CharClass.SYMBOL


def _wide_mark(ch: str, category: str) -> CharClass | None:
    """The class of a wide punctuation mark that the tables do not list (the comment on
    ``_PAUSE_FORMS``), or None."""
    if category == "Ps":
        return CharClass.OPENING
    if category == "Pe":
        return CharClass.CLOSING
    base = unicodedata.normalize("NFKC", ch)
    if base in _PAUSE_FORMS:
        return CharClass.PAUSE
    if base in _STOP_FORMS:
        return CharClass.STOP
    if base in INTERPUNCTS:
        return CharClass.INTERPUNCT  # ･ U+FF65, the half-width katakana middle dot
    return None


# Superscript and subscript digits and signs (x², H₂O, 10⁻³, Ca²⁺) and the vulgar fractions
# (3½, ⅔) are characters of the number or word they are written in: no break before or after
# them inside it, no Han–Western gap (UAX #14 classes them AL or AI, like the word's letters
# and digits: LB28, no break between two AL). Their compatibility decompositions name them
# (UnicodeData.txt); below the CJK blocks, where the <super> forms are ideographs (the kanbun
# marks ㆒ ㆓ …, U+3192–319F). Superscript letters (ⁿ ᵃ) are letters already.
_NUMERIC_FORMS = ("<super>", "<sub>", "<fraction>")


def _is_han(code: int) -> bool:
    return (
        is_ideograph(code)
        or 0x3040 <= code <= 0x30FF  # kana
        or 0x3005 <= code <= 0x3007  # 々 〆 〇
    )


def is_ideograph(code: int) -> bool:
    """Whether the code point is a Han ideograph (汉字): of the CJK Unified Ideographs, their
    Extensions A–I or the compatibility ideographs (not kana, not 々 〆 〇, which classify
    as Han for spacing but are no face's measure of Chinese coverage). By range, not by
    ``unicodedata``: Extensions H (Unicode 15) and I (15.1) are unassigned in the tables of
    the Pythons banmian runs on."""
    return (
        0x4E00 <= code <= 0x9FFF  # CJK Unified Ideographs
        or 0x3400 <= code <= 0x4DBF  # Extension A
        or 0x20000 <= code <= 0x323AF  # Extensions B–I (H ends at U+323AF)
        or 0xF900 <= code <= 0xFAFF  # Compatibility Ideographs
    )


def is_punctuation(cls: CharClass) -> bool:
    return cls in PUNCTUATION


@cache
def is_mark(ch: str) -> bool:
    """Whether ``ch`` is a combining mark (general category Mn, Mc or Me): it belongs to the
    character before it (UAX #29 grapheme clusters, UAX #14 LB9)."""
    return unicodedata.category(ch)[0] == "M"


# Western punctuation that ``collect`` joins to a word or character: not a character of its
# own for the 孤字 rule (``好"`` is one character, like ``好”``).
ATTACHED_PUNCTUATION = frozenset(",.;:!?()[]{}\"'" + APOSTROPHE + RATIO)


def letters(text: str) -> int:
    """The characters of a cluster's text that are not combining marks or attached Western
    punctuation (a base with its marks counts once, for the 孤字 rule)."""
    if len(text) == 1:
        return 1
    return sum(1 for ch in text if not is_mark(ch) and ch not in ATTACHED_PUNCTUATION)
