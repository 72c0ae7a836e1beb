"""Western words inside Chinese text: what a word is, and where it may break.

clreq §3.2 keeps a Western word whole, and so does the engine wherever it fits: the breaks
found here are offered only inside a run of text that cannot fit the measure otherwise
(:mod:`layout.text.overlong` decides that). What they are depends on the word:

- a URL or an e-mail address (found by :func:`url_length`: ``scheme://…``, ``www.…``,
  ``user@host.tld``) breaks as the Chicago Manual of Style has it (15th ed. §17.11, §7.44 and
  §6.17; 17th ed. §14.18): after ``//``, a single ``/``, ``:`` and ``@``; before
  ``~ . , - _ ? # %`` (so that no line ends in what reads as a full stop or a hyphen); before
  or after ``=`` and ``&``; never with a hyphen added;
- a number breaks after a group separator (``,``, ``-``, ``/``, ``+``) and, in a run of more
  than four digits, between groups of three counted from the decimal marker (the SI
  Brochure, 9th ed., §5.4.4, and GB/T 15835-2011 三位分节: a number of four digits is not
  grouped); no hyphen is added (it would read as a minus sign or a range); where lines
  would be left loose by those alone (an ID or a card number, grouped by no one in threes),
  between any two digits of such a run, at a higher cost (:data:`BreakKind.DIGIT`), two digits
  kept on either side: a long number is broken where it must, but a line is not left short
  to keep its groups;
- any other word breaks after a hyphen or solidus already in it (no second hyphen: TeX's
  explicit hyphen) and at the hyphenation points of a pyphen dictionary (the LibreOffice /
  hyphen patterns, by the style's or the article's ``hyphenation`` language), with a hyphen
  drawn at the line end: at least 2 letters before the break and 3 after (TeX's
  ``lefthyphenmin`` and ``righthyphenmin`` for English); a word in capitals or with digits in
  it is not hyphenated (an acronym or a code reads wrongly when split);
- a file name or an identifier (a word with an underscore, or a full stop between two of its
  letters or a letter and a digit: ``draft_v3.docx``, ``example.com``, ``layout.text``)
  breaks as a URL does, before ``.`` and ``_``, never with a hyphen: a hyphen added to a name
  a reader types would change it; a full stop between two digits is a decimal point
  (``PM2.5``, ``v1.2``), which makes no name: such a word that fits is kept whole;
- a word with soft hyphens in it (U+00AD where the copy had them, ``layout.text.clean``)
  breaks there, with a hyphen drawn, and after a hyphen or solidus it has, but not at the
  dictionary's points: the editor has said where it may break, as TeX's ``\\-`` overrides its
  patterns and CSS Text 3 §6.1 prefers soft hyphens (``hyphens: manual``); the hyphenmins are
  not applied to them (TeX does not apply them to ``\\-``), nor the rule against capitals or
  digits; hyphenation ``none`` ignores them, as CSS ``hyphens: none`` does;
- as a last resort (:func:`last_resort_breaks`), between any two characters, with no hyphen,
  as CSS Text 3 §5.5 ``overflow-wrap: anywhere`` does, but never before ``. , : ; ! ?`` (no
  line starts with one: UAX #14 LB13).

Punctuation that ``collect`` attached to a word (an opening quote or bracket before it, a
comma, full stop or closing quote after it) is never split from it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import Enum
from functools import cache

import pyphen

from .chars import POSTFIX_SIGNS, RATIO, is_mark

# The hyphenation language when neither the article nor the style names one.
DEFAULT_HYPHENATION = "en_US"
NO_HYPHENATION = "none"
LEFT_HYPHEN_MIN = 2  # TeX's \lefthyphenmin for English
RIGHT_HYPHEN_MIN = 3  # TeX's \righthyphenmin for English
_SHORTEST_HYPHENATED = LEFT_HYPHEN_MIN + RIGHT_HYPHEN_MIN
_DIGITS_UNGROUPED = 4  # a number of four digits is not grouped (SI Brochure §5.4.4)
_GROUP = 3
_DIGIT_MARGIN = 2  # digits kept on either side of a break between two groups' digits

# Punctuation attached to a word by ``collect``: it stays with its letters.
LEADING_PUNCTUATION = frozenset("\"'([{")
TRAILING_PUNCTUATION = frozenset(",.;:!?\"')]}" + RATIO)

# Chicago Manual of Style, 15th ed. §17.11 and §7.44 (17th ed. §14.18).
_URL_AFTER = frozenset("/:@=&")
_URL_BEFORE = frozenset("~.,-_?#%=&")
_URL_BEFORE_ONLY = _URL_BEFORE - _URL_AFTER
_NUMBER_SEPARATORS = frozenset(",-/+")
# Marks a line never starts with, inside a word as after it (UAX #14 LB13: no break before
# IS, EX; clreq §3.1.4 避头 for their Chinese counterparts): the last resort does not break
# before them (.5 read alone is a different number), nor before a postfix sign (% ℃ ″ …,
# ``chars.POSTFIX_SIGNS``: 12345678|% would start a line with the sign of the number).
_NO_LINE_START = frozenset(".,:;!?" + RATIO) | POSTFIX_SIGNS

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]"
_URL = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.\-]*://|www\.)" + _URL_CHARS + r"+"
    r"|(?:mailto:)?[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"
)
# Characters a URL in prose does not end with: the sentence's punctuation after it.
_URL_TRAILING = frozenset(".,;:!?'\"")


class BreakKind(Enum):
    """What a break inside a word looks like, and what it costs."""

    HYPHEN = "hyphen"  # a hyphen is drawn at the line end
    PLAIN = "plain"  # nothing is added: a URL, after a number's separator, a word's own hyphen
    GROUP = "group"  # between two groups of three digits of a long number, nothing added
    DIGIT = "digit"  # between two other digits of a long number, nothing added: dearer
    ANY = "any"  # the last resort: between two characters of a run too long for the measure


def url_length(text: str, start: int) -> int:
    """The length of the URL or e-mail address that starts at ``start`` in ``text`` (0: none
    starts there). Sentence punctuation after it (``见 www.a.cn.``) is not part of it, nor a
    closing bracket that it did not open."""
    found = _URL.match(text, start)
    if found is None:
        return 0
    end = found.end()
    while end > start and (
        text[end - 1] in _URL_TRAILING
        or (text[end - 1] == ")" and text.count("(", start, end) < text.count(")", start, end))
    ):
        end -= 1
    return end - start


def is_url(word: str) -> bool:
    return url_length(word, 0) == len(word) > 0


_IN_URL = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#[]@!$&'()*+,;=%"
)  # _URL_CHARS


def url_head(lead: str, text: str) -> int:
    """The length of the URL's end that ``text`` starts with, where ``lead``, the text before
    it, holds the URL's start (the rest of a paragraph set again from a line start: in the
    next box of a thread, or at a new measure); 0 when ``text`` starts inside no URL."""
    begin = len(lead)
    while begin and lead[begin - 1] in _IN_URL:  # the URL characters the lead ends with
        begin -= 1
    head = lead[begin:]
    if not head or not text:
        return 0
    joined = head + text
    for k in range(len(head)):
        # Where a word may start, as ``collect`` starts one: a letter after no letter or digit.
        if not head[k].isalpha() or (k and head[k - 1].isalnum()):
            continue
        length = url_length(joined, k)
        if length:
            return max(0, length - (len(head) - k))
    return 0


def word_breaks(
    word: str, hyphenation: str, soft: Sequence[int] = (), *, url: bool = False
) -> list[tuple[int, BreakKind]]:
    """The breaks of ``word`` (a cluster's text) by its kind, as ``(offset, kind)``: the line
    may end after ``word[:offset]``. ``soft``: the offsets in ``word`` where the copy had a
    soft hyphen; ``url``: the word is the end of a URL begun before the text (see
    :func:`url_head`). Attached punctuation is never split off."""
    first, last = core_bounds(word)
    core = word[first:last]
    if not core:
        return []
    if url or is_url(core) or _is_name(core):
        found = _url_breaks(core)
    elif not any(c.isalpha() for c in core):
        found = _number_breaks(core)
    else:
        inside = [k - first for k in soft if first < k < last]
        found = _soft_breaks(core, inside) if inside else _word_breaks(core, hyphenation)
    return [(first + k, kind) for k, kind in found if not is_mark(word[first + k])]


# A full stop between two letters or digits, a letter on one side at least: between two
# digits it is a decimal point (PM2.5, v1.2, 3.14), a number's, never a name's break.
_NAME_DOT = re.compile(r"[^\W\d_]\.[^\W_]|[^\W_]\.[^\W\d_]")


def _is_name(word: str) -> bool:
    """Whether ``word`` reads as a file name or an identifier (see the module docstring); a
    number (``3.14``) is not one."""
    return ("_" in word or _NAME_DOT.search(word) is not None) and any(c.isalpha() for c in word)


def core_bounds(word: str) -> tuple[int, int]:
    """The word without the punctuation ``collect`` attached to its ends."""
    first, last = 0, len(word)
    while first < last and word[first] in LEADING_PUNCTUATION:
        first += 1
    while last > first and word[last - 1] in TRAILING_PUNCTUATION:
        last -= 1
    return first, last


def last_resort_breaks(word: str, start: int, end: int) -> list[int]:
    """Offsets in ``word[start:end]`` (a piece too long for the measure) where it may break
    between two characters: not before a combining mark, nor before a full stop, comma or
    colon (``PM2|.5`` would start a line with ``.``), not next to attached punctuation,
    and leaving at least two characters on each side where the word has four or more (a
    single letter is never left alone on a line)."""
    first, last = core_bounds(word)
    margin = 2 if last - first >= 4 else 1
    low = max(start, first) + margin
    high = min(end, last) - margin
    return [
        k
        for k in range(low, high + 1)
        if 0 < k < len(word) and not is_mark(word[k]) and word[k] not in _NO_LINE_START
    ]


def _url_breaks(url: str) -> list[tuple[int, BreakKind]]:
    breaks = []
    for k in range(1, len(url)):
        before, after = url[k - 1], url[k]
        if after == "/" and before in "/:":
            continue  # "//" and "://" stay together: the break comes after them
        if before in _URL_BEFORE_ONLY:
            continue  # never after a full stop, hyphen, underscore …: they start the next line
        if before in _URL_AFTER or after in _URL_BEFORE:
            breaks.append((k, BreakKind.PLAIN))
    return breaks


def _number_breaks(number: str) -> list[tuple[int, BreakKind]]:
    """After a group separator, between groups of three digits in a long run, and (dearer)
    between its other digits, two kept on either side."""
    breaks: dict[int, BreakKind] = {}
    for start, end in _digit_runs(number):
        if end - start <= _DIGITS_UNGROUPED:
            continue
        if start > 0 and number[start - 1] == ".":
            # Decimals are grouped from the decimal marker rightwards.
            groups = range(start + _GROUP, end, _GROUP)
        else:
            groups = range(end - _GROUP, start, -_GROUP)
        inside = range(start + _DIGIT_MARGIN, end - _DIGIT_MARGIN + 1)
        breaks.update((k, BreakKind.DIGIT) for k in inside)
        breaks.update((k, BreakKind.GROUP) for k in groups)
    for k in range(2, len(number)):
        if number[k - 1] in _NUMBER_SEPARATORS and number[k - 2].isdigit() and number[k].isdigit():
            breaks[k] = BreakKind.PLAIN
    return sorted(breaks.items())


def _digit_runs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[0-9]+", text)]


def _word_breaks(word: str, hyphenation: str) -> list[tuple[int, BreakKind]]:
    found: dict[int, BreakKind] = {}
    n = len(word)
    for k in range(3, n - 1):
        # After a hyphen or solidus the word already has, two characters on either side.
        if word[k - 1] in "-/" and word[k - 2].isalnum() and word[k].isalnum():
            found[k] = BreakKind.PLAIN
    hyphenator = _hyphenator(hyphenation) if hyphenation != NO_HYPHENATION else None
    if hyphenator is not None and not any(c.isdigit() for c in word):
        for start, end in _letter_runs(word):
            run = word[start:end]
            if end - start < _SHORTEST_HYPHENATED or run.isupper():
                continue
            for k in hyphenator.positions(run):
                found.setdefault(start + k, BreakKind.HYPHEN)
    return sorted(found.items())


def _soft_breaks(word: str, soft: Sequence[int]) -> list[tuple[int, BreakKind]]:
    """The breaks of a word with soft hyphens at ``soft`` (offsets inside it): those, with a
    hyphen, and its own hyphens and solidi, without (never a second hyphen beside one)."""
    found = dict(_word_breaks(word, NO_HYPHENATION))
    for k in soft:
        if word[k - 1] not in "-/" and word[k] not in "-/":
            found.setdefault(k, BreakKind.HYPHEN)
    return sorted(found.items())


def _letter_runs(text: str) -> list[tuple[int, int]]:
    """Maximal runs of letters (with their combining marks)."""
    runs = []
    k = 0
    n = len(text)
    while k < n:
        if not text[k].isalpha():
            k += 1
            continue
        start = k
        while k < n and (text[k].isalpha() or is_mark(text[k])):
            k += 1
        runs.append((start, k))
    return runs


def hyphenation_language(name: str) -> str | None:
    """The pyphen dictionary for a language name (``en_US``, ``en-GB``, ``de``), ``none``
    for no hyphenation, or ``None`` when pyphen has no dictionary for it."""
    if name.strip().lower() == NO_HYPHENATION:
        return NO_HYPHENATION
    return pyphen.language_fallback(name.strip())


def hyphenation_languages() -> list[str]:
    """The dictionaries pyphen ships (for error messages and the reference)."""
    return sorted(pyphen.LANGUAGES)


HYPHENATION_HELP = (
    "a hyphenation language: a dictionary pyphen ships (en_US, en_GB, de_DE, de_CH, fr, es, "
    "it, nl, ru …, or a language alone: de) or none"
)


@cache
def _hyphenator(language: str) -> pyphen.Pyphen | None:
    """One hyphenator per dictionary, made once per process (the patterns are read once)."""
    resolved = hyphenation_language(language)
    if resolved is None or resolved == NO_HYPHENATION:
        return None
    return pyphen.Pyphen(lang=resolved, left=LEFT_HYPHEN_MIN, right=RIGHT_HYPHEN_MIN)
