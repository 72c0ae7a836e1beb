"""Stage 1½ of a vertical line (竖排), orient: how each part of a cluster stands in the line.

clreq §2.4 and the reference digest ("Vertical writing"):

- Han characters, kana and full-width marks stand **upright** and advance by their vertical
  advance (the face's ``vmtx``); marks take their vertical forms when they are drawn;
- Latin words and numbers of four or more digits are **rotated** 90° clockwise and advance by
  their horizontal advances (so the Han–Western gap of clreq §3.2.1 applies unchanged);
- numbers of one to three digits are set **纵中横** (tate-chu-yoko, ``TCY``): horizontally,
  centred in one em, squeezed if wider;
- acronyms of up to four capitals and single letters stand upright, one em each, when the
  style asks (``upright_latin``); quotation marks are rotated when the style says
  ``quotes: rotated`` (else they take the faces' corner-bracket forms ﹃﹄﹁﹂).

A cluster is one unit for the line breaker; its parts may stand differently ("28," is a 纵中横
number and a rotated comma that ``collect`` held on to it), so :func:`orient` returns the
cluster's :class:`Segment` s. Horizontal lines have no orientation stage: every glyph stands
as it is.
"""

from __future__ import annotations

from enum import Enum

from ..records import NamedTuple
from .chars import APOSTROPHE, NUMBER_PREFIXES, NUMBER_SUFFIXES, CharClass, classify
from .collect import Cluster
from .words import core_bounds


class Orientation(Enum):
    """How a glyph run stands in its line."""

    __hash__ = object.__hash__  # identity hashing in C (see CharClass)

    UPRIGHT = "upright"  # as drawn; in a vertical line, advancing by its vertical advance
    ROTATED = "rotated"  # turned 90° clockwise in a vertical line, advancing by its width
    TCY = "tcy"  # 纵中横: set side by side within one em of a vertical line


QUOTES = frozenset("“”‘’")
# ：；？！ stand upright in the middle of their em and keep it (clreq §2.4; the reference
# digest: "：；？！ stay 1 em").
VERTICAL_FULL_WIDTH = frozenset("：；？！")
_UNITS = frozenset({CharClass.DIGIT, CharClass.LATIN})
# The Western signs of a number (degrees, minutes and seconds, per mille): in a Western word
# they are turned with it, one unit as 25cm and 30% are (25°C, 东经120°30′), not upright in
# an em of their own, where ° reads as 。; the full-width signs (℃ ％ ㎡) stand upright.
_WESTERN_SIGNS = frozenset("°′″‴‰")
_TCY_DIGITS = 3
_ACRONYM = 4


class VerticalOptions(NamedTuple):
    """How a vertical line treats quotes and Latin text (style keys ``quotes`` and
    ``upright_latin``)."""

    quotes: str = "corner"  # 'corner' (﹃﹄﹁﹂, the faces' vert forms) or 'rotated'
    upright_latin: bool = True  # acronyms of ≤ 4 capitals and single letters stand upright
    tcy_digits: int = _TCY_DIGITS  # numbers of up to this many digits are set 纵中横


class Segment(NamedTuple):
    """Characters ``start``–``end`` of a cluster's text, standing the same way."""

    start: int
    end: int
    orientation: Orientation


def turned(ch: str, options: VerticalOptions) -> bool:
    """Whether ``ch``, outside a 纵中横 number or an upright acronym, is rotated in a vertical
    line: Western letters, digits and spaces, every ASCII character, and quotation marks when
    the style rotates them."""
    cls = classify(ch)
    if cls in (CharClass.LATIN, CharClass.DIGIT, CharClass.SPACE) or ch.isascii():
        return True
    return options.quotes == "rotated" and ch in QUOTES


def orient(cluster: Cluster, options: VerticalOptions) -> tuple[Segment, ...]:
    """The segments of ``cluster`` in a vertical line, in order, covering its whole text."""
    text = cluster.text
    first, last = core_bounds(text) if cluster.cls in _UNITS else (0, 0)
    if cluster.cls is CharClass.DIGIT and first < last and text[first] in NUMBER_PREFIXES:
        # The sign that opens a number (−5, ￥100: ``collect``) stands as it would alone;
        # the number after it is a unit of its own (a short one 纵中横).
        first += 1
    if cluster.cls is CharClass.DIGIT:
        last = _before_upright_signs(text, first, last)
    core = text[first:last]
    unit = _unit(core, cluster.cls, options) if core else None
    if unit is None:
        return _by_character(text, 0, len(text), options, cluster.cls in _UNITS)
    return (
        *_by_character(text, 0, first, options),
        Segment(first, last, unit),
        *_by_character(text, last, len(text), options),
    )


def _before_upright_signs(text: str, first: int, last: int) -> int:
    """Where a number's core ends before the full-width signs that close it (25℃, 120㎡:
    ``chars.NUMBER_SUFFIXES`` but the Western ones and ASCII): they stand upright after it,
    as the marks held on to a number do, so a short number is still 纵中横 (clreq §2.4)."""
    end = last
    while end > first + 1 and _upright_sign(text[end - 1]):
        end -= 1
    return end if text[end - 1].isdigit() else last


def _upright_sign(ch: str) -> bool:
    return ch in NUMBER_SUFFIXES and ch not in _WESTERN_SIGNS and not ch.isascii()


def _unit(core: str, cls: CharClass, options: VerticalOptions) -> Orientation | None:
    """How a Western word or number (without the punctuation held on to it) stands, when it
    stands as one unit: 纵中横 for a short number, upright for an acronym or a letter."""
    if not core.isascii():
        return None
    if cls is CharClass.DIGIT and core.isdigit() and len(core) <= options.tcy_digits:
        return Orientation.TCY
    acronym = len(core) == 1 or (len(core) <= _ACRONYM and core.isupper())
    if cls is CharClass.LATIN and options.upright_latin and core.isalpha() and acronym:
        return Orientation.UPRIGHT
    return None


def _by_character(
    text: str, start: int, end: int, options: VerticalOptions, word: bool = False
) -> tuple[Segment, ...]:
    """Segments of ``text[start:end]`` where each character stands as :func:`turned` says;
    in a Western ``word`` an apostrophe is one of its letters, turned with them (``O’Brien``,
    ``chars.APOSTROPHE``; never the corner bracket of a closing quote), and so are the
    Western signs of a number (:data:`_WESTERN_SIGNS`: 25°C, 5′30″)."""
    segments: list[Segment] = []
    for k in range(start, end):
        ch = text[k]
        rotated = turned(ch, options) or (word and (ch == APOSTROPHE or ch in _WESTERN_SIGNS))
        orientation = Orientation.ROTATED if rotated else Orientation.UPRIGHT
        if segments and segments[-1].orientation is orientation:
            segments[-1] = Segment(segments[-1].start, k + 1, orientation)
        else:
            segments.append(Segment(k, k + 1, orientation))
    return tuple(segments)
