"""The page spec's own value types: the scalar parsers behind the schema tables.

Contract: each :class:`~layout.schema.Scalar` here reads one kind of value written in a
page spec (a length, an absolute length, a font size or a headline style's size range, a
margin, a colour, the total ink limit, the Han–Western gap, a CN number, a path, a mark)
and returns it parsed, or refuses a bad one with :class:`~layout.schema.Invalid` (the
checker positions the error and says what was expected).
"""

from __future__ import annotations

import re
from typing import Any

from layout.page import Color
from layout.press import COLOR_HELP, RGB, parse_color
from layout.schema import Invalid, Scalar
from layout.units import (
    LENGTH_HELP,
    SIZE_HELP,
    Length,
    LengthRangeError,
    SizeError,
    Unit,
    parse_length,
    parse_size,
)


def _length(value: Any) -> Length:
    try:
        return parse_length(value)
    except LengthRangeError as exc:
        raise Invalid(str(exc)) from None
    except ValueError:
        raise Invalid() from None


def _abs_length(value: Any) -> float:
    length = _length(value)
    if length.relative or length.value < 0:
        raise Invalid()
    return length.to_pt()


def _size(value: Any) -> float:
    try:
        return parse_size(value)
    except (LengthRangeError, SizeError) as exc:  # a length, but not one a size can be
        raise Invalid(str(exc)) from None
    except ValueError:
        raise Invalid() from None


def _size_or_range(value: Any) -> float | tuple[float, float]:
    """A font size, or a headline style's range of sizes ``MIN..MAX`` (``一号..小初``,
    ``24pt..40pt``), its smaller size first."""
    if not (isinstance(value, str) and ".." in value):
        return _size(value)
    low, _, high = value.partition("..")
    smallest, largest = _size(low.strip()), _size(high.strip())
    if smallest >= largest:
        raise Invalid(f"a size range goes from the smaller size to the larger, got {value!r}")
    return smallest, largest


def _margin(value: Any) -> float | str:
    if isinstance(value, str) and value.strip() == "auto":
        return "auto"
    return _abs_length(value)


def _mark(value: Any) -> str:
    if isinstance(value, str) and value.strip() and not any(c.isspace() for c in value.strip()):
        return value.strip()
    raise Invalid()


def _path_text(value: Any) -> str:
    if isinstance(value, str) and value.strip():
        return value.strip()
    raise Invalid()


def _color(value: Any) -> Color | RGB:
    try:
        return parse_color(value)
    except ValueError:
        raise Invalid() from None


def _ink_limit(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise Invalid()
    try:
        number = float(str(value).strip().rstrip("%"))
    except ValueError:
        raise Invalid() from None
    if not 100 <= number <= 400:
        raise Invalid()
    return number


def _latin_gap(value: Any) -> Length:
    """``0``, ``1/8em``, ``1/4em``, ``0.25em``, ``2pt``…: a length, fractions of an em too."""
    if isinstance(value, str) and "/" in value:
        match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d+)\s*(em|字)\s*", value)
        if not match or int(match[2]) == 0:
            raise Invalid()
        return Length(int(match[1]) / int(match[2]), Unit(match[3]))
    return _length(value)


# 国内统一连续出版物号: CN, a two-digit region code, a hyphen and a four-digit serial, with a
# classification after a solidus for periodicals (GB/T 9999.1-2018 §4; CN 33-0032, CN
# 11-1234/G). Written with or without the CN and the spaces; printed as CN 33-0032.
_CN = re.compile(
    r"\s*(?:CN\s*)?(\d{2})\s*[-－–]\s*(\d{4})\s*(?:/\s*([A-Z0-9.]{1,8}))?\s*", re.IGNORECASE
)


def _cn(value: Any) -> str:
    match = _CN.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise Invalid()
    cls = f"/{match[3].upper()}" if match[3] else ""
    return f"CN {match[1]}-{match[2]}{cls}"


CN = Scalar("a CN number such as CN 33-0032 (国内统一连续出版物号)", _cn)
LENGTH = Scalar(LENGTH_HELP, _length)
LATIN_GAP = Scalar("a length 0–1/3em such as 0, 1/8em or 1/4em", _latin_gap)
COLOR = Scalar(COLOR_HELP, _color)
INK_LIMIT = Scalar("a total ink percentage 100–400, e.g. 240%", _ink_limit)
ABS_LENGTH = Scalar("an absolute length ≥ 0 such as 3mm or 0.5pt", _abs_length)
SIZE = Scalar(SIZE_HELP, _size)
SIZE_OR_RANGE = Scalar(f"{SIZE_HELP}, or a range MIN..MAX such as 一号..小初", _size_or_range)
MARGIN = Scalar("auto or an absolute length such as 18mm", _margin)
PATH = Scalar(
    "a file or folder path (relative to the file it is written in)",
    _path_text,
    {"type": "string"},
)
MARK = Scalar("a mark such as ■, or none", _mark)
