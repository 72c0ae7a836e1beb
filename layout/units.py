"""Lengths in the page spec: pt, mm, cm, in, em, 字 and the 号 (hao) size names.

``em`` and ``字`` are relative: one em of the style in question (for the grid, of the body
style); they resolve only when that size is known (``Length.to_pt(em=…)``).
"""

from __future__ import annotations

import math
import re
from enum import Enum

from .records import NamedTuple

MM = 72 / 25.4
"""Points per millimetre."""

CM = 10 * MM
INCH = 72.0

HAO_SIZES: dict[str, float] = {
    "初号": 42.0,
    "小初": 36.0,
    "一号": 26.0,
    "小一": 24.0,
    "二号": 22.0,
    "小二": 18.0,
    "三号": 16.0,
    "小三": 15.0,
    "四号": 14.0,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
    "六号": 7.875,
    "小六": 6.5,
    "七号": 5.25,
    "八号": 4.5,
}
"""号 size names → points (mainland phototypesetting values; 六号 7.875 pt, 小六 6.5 pt)."""


class Unit(Enum):
    PT = "pt"
    MM = "mm"
    CM = "cm"
    IN = "in"
    EM = "em"
    ZI = "字"  # one character of the style's size: numerically the same as em

    @property
    def relative(self) -> bool:
        return self in (Unit.EM, Unit.ZI)


_ABSOLUTE = {Unit.PT: 1.0, Unit.MM: MM, Unit.CM: CM, Unit.IN: INCH}


class Length(NamedTuple):
    value: float
    unit: Unit

    @property
    def relative(self) -> bool:
        return self.unit.relative

    def to_pt(self, em: float | None = None) -> float:
        """The length in points; em/字 need ``em`` (the size in points), else ValueError."""
        if self.unit.relative:
            if em is None:
                raise ValueError(f"{self} is relative: it needs the em size to resolve")
            return self.value * em
        return self.value * _ABSOLUTE[self.unit]

    def to_em(self, em: float) -> float:
        """The length as a count of ems of size ``em`` (points)."""
        if self.unit.relative:
            return self.value
        return self.to_pt() / em

    def __str__(self) -> str:
        return f"{self.value:g}{self.unit.value}"


_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_LENGTH_RE = re.compile(rf"^({_NUMBER})\s*(pt|mm|cm|in|em|字)?$")

LENGTH_HELP = "a length such as 9pt, 3.5mm, 0.5cm, 1.25em, 2字 or a 号 size name (小五)"
SIZE_HELP = "a size such as 9pt, 3.5mm or a 号 size name (小五, 一号)"

# No length on a page exceeds the largest page PDF viewers and RIPs accept: 14,400 units of
# 1/72 in, i.e. 200 in (ISO 32000-1 Annex C.2). Relative lengths are bounded in ems so that
# any of them, at any font size a page can hold, stays a finite number of points.
MAX_LENGTH_PT = 14_400.0
MAX_RELATIVE = 1_000.0  # em or 字


class LengthRangeError(ValueError):
    """A well-formed length beyond the bounds (or not finite: ``1e400mm``, ``.nan``)."""


def _bounded(length: Length, text: object) -> Length:
    """``length`` if it is finite and within the page-size bounds, else LengthRangeError."""
    limit = MAX_RELATIVE if length.relative else MAX_LENGTH_PT
    size = abs(length.value) if length.relative else abs(length.to_pt())
    if not math.isfinite(length.value):
        raise LengthRangeError(f"expected a finite length such as 3mm, got {text!r}")
    # (a hair over the limit is the limit written in another unit: 5080mm is 200in, though
    # 5080 × 72 / 25.4 comes out at 14400.000000000002)
    if not math.isfinite(size) or size > limit * (1 + 1e-12):
        bound = f"{MAX_RELATIVE:g}em" if length.relative else "200in (14400pt, the largest page)"
        raise LengthRangeError(f"expected a length of at most {bound}, got {text!r}")
    return length


def parse_length(value: str | float | int | Length) -> Length:
    """Parse ``9pt``, ``3.5mm``, ``0.5cm``, ``1in``, ``1.25em``, ``2字``, a bare number (points)
    or a 号 name (``小五`` → 9pt). Raises ValueError naming what is accepted."""
    if isinstance(value, Length):
        return value
    if isinstance(value, bool):
        raise ValueError(f"expected {LENGTH_HELP}, got {value!r}")
    if isinstance(value, int | float):
        try:
            return _bounded(Length(float(value), Unit.PT), value)
        except OverflowError:  # an integer beyond any float
            raise ValueError(f"expected {LENGTH_HELP}, got a number out of range") from None
    if isinstance(value, str):
        text = value.strip()
        if text in HAO_SIZES:
            return Length(HAO_SIZES[text], Unit.PT)
        match = _LENGTH_RE.match(text)
        if match:
            return _bounded(Length(float(match.group(1)), Unit(match.group(2) or "pt")), text)
    raise ValueError(f"expected {LENGTH_HELP}, got {value!r}")


class SizeError(ValueError):
    """A length that is no font size: relative, or not above zero (the message says which)."""


def parse_size(value: str | float | int | Length) -> float:
    """A font size in points: absolute only (pt, mm, cm, in or a 号 name), and positive."""
    try:
        length = parse_length(value)
    except LengthRangeError:
        raise
    except ValueError:
        raise ValueError(f"expected {SIZE_HELP}, got {value!r}") from None
    if length.relative:
        raise SizeError(f"a font size must be absolute ({SIZE_HELP}), got {value!r}")
    points = length.to_pt()
    if points <= 0:
        raise SizeError(f"a font size must be above 0, got {value!r}")
    return points
