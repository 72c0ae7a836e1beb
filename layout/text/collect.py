"""Stage 1, collect: split a paragraph's text into clusters.

A :class:`Cluster` is the smallest unit the line breaker may put on a line by itself: one Han
character, one punctuation mark, an unbreakable 2-em mark (—— ……, clreq §3.1.4), a run of
spaces, a zero-width space (a break opportunity), or a Latin word or number kept whole
("86.5", "9.4%", "25㎡", "5′30″", "3+3+3", "PTA", "2025", "kW·h", and with the sign that
opens it "￥100", "−5", "+86": UAX #14 LB25; clreq §3.2: a Western word is not broken; where
it cannot fit the measure, :mod:`layout.text.overlong` opens it).
A URL or e-mail address is one word (``https://…``, ``www.…``, ``user@host.tld``:
:func:`~.words.url_length`), and so is a unit with a middle dot between letters (``kW·h``,
``N·m``: the dot is set tight as in Western text, not as the 间隔号 with its blanks), and a
word with U+2019 between two letters (``it’s``, ``O’Brien``: the Word apostrophe, not the
Chinese closing quote).

Western punctuation holds on to the text it belongs to, so that 避头尾 holds for it (UAX #14):
``, . ; : ! ?`` and ``) ] }`` join the cluster before them (LB13: no break before IS, EX, CL,
CP), ``( [ {`` the one after (LB14: no break after OP). An ASCII quotation mark ``"`` or
``'`` is opening or closing by context, as UAX #14 LB15a and LB15b tell an
initial from a final quote: at the start, after white space or after an opening bracket or
quote it opens; at the end, before white space, a closing bracket, a quote or punctuation it
closes; between two other characters (``他说"好的"``, Chinese sets no spaces) the first of a
pair opens and the second closes. An opening quote joins the cluster after it, a closing one
the cluster before it. None of them joins a space or a CJK mark: beside those it stands alone.

Combining marks stay in the cluster of the character before them (UAX #14 LB9: no break
before a combining mark; UAX #29: a base and its marks are one grapheme), a Latin word's
inside it; a mark with no base (at the start, after a space) is a symbol cluster of its own.
The text normally comes from :func:`layout.text.clean.clean`, but any text is split safely.
"""

from __future__ import annotations

import re

from ..records import NamedTuple
from .chars import (
    APOSTROPHE,
    CLASSES,
    CLOSING_MARKS,
    LONG_MARK_PAIRS,
    NUMBER_PREFIXES,
    NUMBER_SUFFIXES,
    OPENING_MARKS,
    PAUSE_MARKS,
    RATIO,
    STOP_MARKS,
    CharClass,
    classify,
    is_mark,
)
from .loops import LOOPS, Loops, _loops
from .words import url_length

# Characters that continue a Latin word or number when a letter or digit follows them
# ("86.5", "3+3+3", "1,000", "co-op", "A/B", "E=mc²", "1⁄2", "3−5", "20±0.5": UAX #14 puts
# no break between them and the letters and digits around them, LB25, LB28–LB29; U+2044
# FRACTION SLASH; "2∶0", U+2236 RATIO as ":"), and signs that close a number ("9.4%").
_JOINERS = frozenset(".,:+-/'&_=\u2044−±∓" + RATIO)
# An angle or a time in degrees, minutes and seconds goes on after its sign (东经120°30′15″,
# 5′30″): one number, not three.
_CONTINUING_SUFFIXES = frozenset("°′″")
# The letters that make one unit symbol with the degree sign before them: °C and °F are one
# symbol each (GB 3102.4, SI: no space within), so 25°C is one number with its unit, as 25cm
# is, and never breaks between ° and C.
_DEGREE_UNITS = frozenset("CF")
_WORD_CLASSES = frozenset({CharClass.LATIN, CharClass.DIGIT})
_LONG_MARK_FIRST = frozenset(pair[0] for pair in LONG_MARK_PAIRS)
# The classes of a character that is a cluster of its own wherever it stands (unless it may
# begin a 2-em mark); with any other, _collect_one looks further (a word, a run of spaces,
# a combining mark on the cluster before).
_SINGLES = frozenset(CharClass) - _WORD_CLASSES - {CharClass.SPACE, CharClass.SYMBOL}
# Clusters that a combining mark does not join: it has no base there.
_NO_BASE = frozenset({CharClass.SPACE, CharClass.BREAK})
# Between two letters, a middle dot is part of a unit (kW·h, N·m, Pa·s), and U+2019 is an
# apostrophe, a letter of the word (it’s, O’Brien; ``chars.APOSTROPHE``), not the Chinese
# closing quote that breaks from it with a blank half.
_UNIT_DOT = "\u00b7"
_IN_WORD = frozenset({_UNIT_DOT, APOSTROPHE})

# Western punctuation that holds on to its neighbour (UAX #14 LB13, LB14), and the clusters
# it may join: text, never a space or a CJK mark (which carries its own blank). The ratio
# sign ∶ (``chars.RATIO``) with no digit after it holds back as ":" does: no line starts
# with it (clreq §3.1.4).
_HOLDS_BACK = frozenset(",.;:!?)]}" + RATIO)
_HOLDS_ON = frozenset("([{")
_QUOTES = frozenset("\"'")
_ATTACHING = _HOLDS_BACK | _HOLDS_ON | _QUOTES
_ANY_ATTACHING = re.compile("[" + re.escape("".join(sorted(_ATTACHING))) + "]")
_TARGETS = frozenset(
    {CharClass.HAN, CharClass.LATIN, CharClass.DIGIT, CharClass.SYMBOL, CharClass.INSEPARABLE}
)
# What a quotation mark opens after, or closes before (UAX #14 LB15a, LB15b).
_OPENS_AFTER = OPENING_MARKS | _HOLDS_ON | _QUOTES | {"—", "–"}
_CLOSES_BEFORE = CLOSING_MARKS | PAUSE_MARKS | STOP_MARKS | _HOLDS_BACK | _QUOTES


class Cluster(NamedTuple):
    """A run of the paragraph's text that is set and broken as one unit."""

    text: str
    cls: CharClass
    start: int  # index of the first character in the paragraph text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def collect(text: str, *, url_head: int = 0, loops: Loops = LOOPS) -> list[Cluster]:
    """Split ``text`` into clusters, in order; joining their texts gives ``text`` back.
    ``url_head``: the length of the end of a URL that ``text`` starts with, its start in the
    text before (:func:`~.words.url_length`, :func:`~.words.url_head`): one word, as the
    whole URL would be. ``loops`` says which implementation of the loop over the characters
    runs (the same clusters either way)."""
    if url_head:
        rest = collect(text[url_head:], loops=loops)
        head = Cluster(text[:url_head], CharClass.LATIN, 0)
        return [head, *(c._replace(start=c.start + url_head) for c in rest)]
    if loops is Loops.COMPILED:
        clusters = _loops.collect(text, CLASSES, _SINGLES, _LONG_MARK_FIRST, Cluster, _collect_one)
        if _ANY_ATTACHING.search(text) is None or not _loops.attaching(
            clusters, CharClass.SYMBOL, _ATTACHING
        ):
            return clusters  # (with no punctuation to attach, _attach_punctuation is a copy)
        return _attach_punctuation(text, clusters)
    clusters = _collected(text)
    if _ANY_ATTACHING.search(text) is None:
        return clusters
    return _attach_punctuation(text, clusters)


def _collected(text: str) -> list[Cluster]:
    """The clusters of ``text`` before punctuation is attached: the reference loop."""
    clusters: list[Cluster] = []
    append = clusters.append
    n = len(text)
    i = 0
    han = CharClass.HAN
    known = CLASSES.get  # classify's cache, looked up inline: once per character
    # A Cluster made as the tuple it is (tuple.__new__, without the named tuple's own
    # __new__ and its call): once per Han character.
    new, cluster = tuple.__new__, Cluster
    while i < n:
        ch = text[i]
        if known(ch) is han:  # the common case first
            append(new(cluster, (ch, han, i)))
            i += 1
            continue
        i = _collect_one(text, i, clusters)
    return clusters


def _collect_one(text: str, i: int, clusters: list[Cluster]) -> int:
    """Append the cluster that starts at ``i`` (or add ``text[i]``, a combining mark, to the
    last one); return where the next one starts."""
    ch = text[i]
    cls = CLASSES.get(ch) or classify(ch)
    if cls is CharClass.HAN:
        clusters.append(Cluster(ch, cls, i))
        return i + 1
    if ch in _LONG_MARK_FIRST and text[i : i + 2] in LONG_MARK_PAIRS:
        clusters.append(Cluster(text[i : i + 2], CharClass.LONG_MARK, i))
        return i + 2
    if cls in _WORD_CLASSES:
        j = i + url_length(text, i) if ch.isascii() else i
        if j == i:
            j = _word_end(text, i)
        word = text[i:j]
        kind = CharClass.DIGIT if all(c.isdigit() or not c.isalpha() for c in word) else cls
        clusters.append(Cluster(word, kind, i))
        return j
    if ch in NUMBER_PREFIXES and i + 1 < len(text) and classify(text[i + 1]) is CharClass.DIGIT:
        # A sign that opens a number is its first character (￥100, −5, +86: UAX #14 LB25).
        # A number, as one that starts with its digit is (100km, 5°F).
        j = _word_end(text, i)
        clusters.append(Cluster(text[i:j], CharClass.DIGIT, i))
        return j
    if ch == "°" and _degree_unit(text, i + 1):
        # °C with no number before it (气温以°C计): still one unit symbol, a Western word.
        clusters.append(Cluster(text[i : i + 2], CharClass.LATIN, i))
        return i + 2
    if cls is CharClass.SPACE:
        n = len(text)
        j = i + 1
        while j < n and classify(text[j]) is CharClass.SPACE:
            j += 1
        clusters.append(Cluster(text[i:j], CharClass.SPACE, i))
        return j
    if cls is CharClass.SYMBOL and clusters and is_mark(ch):
        last = clusters[-1]
        if last.cls not in _NO_BASE:
            clusters[-1] = last._replace(text=last.text + ch)
            return i + 1
    clusters.append(Cluster(ch, cls, i))
    return i + 1


def _word_end(text: str, i: int) -> int:
    """The end of the Latin word or number that starts at ``i``."""
    n = len(text)
    j = i + 1
    while j < n:
        c = text[j]
        if classify(c) in _WORD_CLASSES:
            j += 1
        elif (c in _JOINERS and j + 1 < n and classify(text[j + 1]) in _WORD_CLASSES) or (
            c in _IN_WORD and _between_letters(text, j)
        ):
            j += 2
        elif c in NUMBER_SUFFIXES and text[j - 1].isdigit():
            j += 1
            if c == "°" and _degree_unit(text, j):
                return j + 1
            if not (c in _CONTINUING_SUFFIXES and j < n and text[j].isdigit()):
                break
        elif is_mark(c):
            j += 1  # a combining mark on a letter or digit: part of the word
        else:
            break
    return j


def _degree_unit(text: str, j: int) -> bool:
    """Whether ``text[j]``, after a degree sign, is the letter of its unit (°C, °F; not the
    first letter of a word: 30°Celsius is left as written)."""
    return (
        j < len(text)
        and text[j] in _DEGREE_UNITS
        and (j + 1 == len(text) or classify(text[j + 1]) is not CharClass.LATIN)
    )


def _between_letters(text: str, j: int) -> bool:
    """Whether ``text[j]`` stands between two letters (a unit's middle dot: ``kW·h``; an
    apostrophe: ``it’s``)."""
    return (
        0 < j < len(text) - 1
        and classify(text[j - 1]) is CharClass.LATIN
        and classify(text[j + 1]) is CharClass.LATIN
    )


def _attach_punctuation(text: str, clusters: list[Cluster]) -> list[Cluster]:
    """Western punctuation joined to the cluster it holds on to (the module docstring)."""
    out: list[Cluster] = []
    held: Cluster | None = None  # opening punctuation waiting for the cluster after it
    open_quotes: set[str] = set()
    symbol = CharClass.SYMBOL
    for c in clusters:
        if c.cls is symbol and c.text in _ATTACHING:
            side = _side(text, c.start, open_quotes)
            if side < 0 and held is None and out and out[-1].cls in _TARGETS:
                out[-1] = out[-1]._replace(text=out[-1].text + c.text)
                continue
            if side > 0:
                held = c if held is None else held._replace(text=held.text + c.text)
                continue
        if held is not None:
            if c.cls in _TARGETS:
                c = Cluster(held.text + c.text, c.cls, held.start)
            else:
                out.append(held)  # nothing to hold on to: set as found
            held = None
        out.append(c)
    if held is not None:
        out.append(held)
    return out


def _side(text: str, i: int, open_quotes: set[str]) -> int:
    """Which neighbour the punctuation at ``i`` joins: -1 the one before, +1 the one after,
    0 neither (a quotation mark with white space on both sides). ``open_quotes`` holds the
    quotation marks opened and not yet closed."""
    ch = text[i]
    if ch in _HOLDS_BACK:
        return -1
    if ch in _HOLDS_ON:
        return 1
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    opens = not before or before.isspace() or before in _OPENS_AFTER
    closes = not after or after.isspace() or after in _CLOSES_BEFORE
    if opens and closes:
        return 0
    if not opens and not closes:
        opens = ch not in open_quotes  # between two characters: the second of a pair closes
    if opens:
        open_quotes.add(ch)
        return 1
    open_quotes.discard(ch)
    return -1
