"""Typesetting options named in the page spec's styles: prohibition levels, punctuation
width schemes and alignment, as enums (never bare numbers)."""

from __future__ import annotations

from enum import Enum


class Prohibition(Enum):
    """Line-start / line-end prohibition level (避头尾, clreq §3.1.4)."""

    __hash__ = object.__hash__  # identity hashing in C (see CharClass)

    NONE = "none"
    BASIC = "basic"
    GB = "gb"
    STRICT = "strict"


class PunctuationScheme(Enum):
    """Punctuation width scheme (clreq §3.1.6, GB/T 15834 §5.1.10)."""

    __hash__ = object.__hash__  # identity hashing in C (see CharClass)

    QUANSHEN = "quanshen"  # 全身: every mark full width (mainland newspaper default)
    KAIMING = "kaiming"  # 开明: pause marks inside a sentence half width, stops full width
    BANJIAO = "banjiao"  # 半角: every mark half width


class Align(Enum):
    __hash__ = object.__hash__  # identity hashing in C (see CharClass)

    START = "start"
    END = "end"
    CENTER = "center"
    JUSTIFY = "justify"


class BreakMode(Enum):
    """How lines are chosen: over the whole paragraph, or line by line."""

    __hash__ = object.__hash__  # identity hashing in C (see CharClass)

    TOTAL_FIT = "total-fit"
    FIRST_FIT = "first-fit"


class Normalise(Enum):
    """What a style does with full-width forms of ASCII characters before setting."""

    __hash__ = object.__hash__  # identity hashing in C (see CharClass)

    NONE = "none"  # set as written: full-width letters and digits are 1 em each
    # ０-９ Ａ-Ｚ ａ-ｚ set as proportional ASCII, and the marks inside a number, word or
    # address of them (layout.text.normalise)
    FULLWIDTH_ASCII = "fullwidth-ascii"
