"""Whether a face's vertical form of a mark is that mark (竖排, GB/T 15834 §5.2, clreq §2.4).

A face's ``GSUB`` ``vert``/``vrt2`` substitution gives the glyph a vertical line draws for a
mark: the same mark moved (，。、 into the upper right of the em) or turned 90° (brackets,
dashes). Some faces carry a broken table: Droid Sans Fallback's maps 、。《》「」『』【】〔〕
〖〗・ー to glyphs 38538–38588, which are ideographs, and a page that trusts it prints 、 as 甚
and 「 as 甯 while its text layer still reads 、 and 「 (no text check can see it).

Contract:

- :func:`outline` reads the shape of a glyph from its ``glyf`` record's header: its contour
  count and the width and height of its ink, in em (None: an empty glyph).
- :func:`same_mark` says whether a vertical form's outline can be the horizontal glyph's moved
  or turned: its ink's sorted (width, height) within :data:`INK_TOLERANCE` of the horizontal
  glyph's, and (two simple glyphs) as many contours. Every vertical form of a mark in the
  shipped Noto Serif/Sans CJK SC faces and LXGW WenKai passes (tests/fonts/test_vertforms.py
  checks them all); Droid Sans Fallback's ideographs fail.
- :func:`checked` says which characters' forms are judged so: marks, symbols and modifier
  letters (ー, 々), not kana and ideographs, whose vertical forms (small kana moved to the
  upper right) a face may redraw with other contours.
- A curly quote's vertical form may be the corner bracket (GB/T 15834 §5.2: vertical text
  quotes with ﹁﹂﹃﹄): :data:`QUOTE_BRACKETS` names the bracket a quote's form is measured
  against as well, as LXGW WenKai maps ‘ to ﹁.
"""

from __future__ import annotations

import unicodedata

from ..records import NamedTuple
from .sfnt import GLYPH_HEADER

# em: how far a vertical form's ink may be longer or shorter than the mark's, either way.
# The shipped faces redraw a few forms a little (Noto Serif CJK SC's ‘ is 0.15 × 0.28 em, its
# vertical form 0.26 × 0.31: 0.11 em apart); Droid Sans Fallback's ideographs stand at least
# 0.23 em from the marks they replace, and its 〗's (0.07 em) has one contour, not two.
INK_TOLERANCE = 0.15

# The corner bracket whose horizontal glyph a curly quote's vertical form may be, turned
# (GB/T 15834 §5.2: 竖排 quotes are ﹁﹂ and ﹃﹄, the vertical forms of 「」 and 『』).
QUOTE_BRACKETS = {"‘": "「", "’": "」", "“": "『", "”": "』"}


class Outline(NamedTuple):
    """The shape of a glyph as its ``glyf`` header gives it."""

    contours: int  # numberOfContours: -1 for a composite glyph
    width: float  # of its ink, in em
    height: float


def outline(record: bytes, units_per_em: int) -> Outline | None:
    """The outline of the glyph whose ``glyf`` record is ``record`` (None: an empty glyph)."""
    if len(record) < GLYPH_HEADER.size:
        return None
    contours, x_min, y_min, x_max, y_max = GLYPH_HEADER.unpack_from(record)
    return Outline(contours, (x_max - x_min) / units_per_em, (y_max - y_min) / units_per_em)


def same_mark(horizontal: Outline | None, vertical: Outline | None) -> bool:
    """Whether ``vertical`` can be ``horizontal`` moved or turned 90° (see the module
    docstring). An empty horizontal glyph (a space) has any form; an empty form of an inked
    mark is none of it."""
    if horizontal is None:
        return True
    if vertical is None:
        return False
    simple = horizontal.contours >= 0 and vertical.contours >= 0
    if simple and horizontal.contours != vertical.contours:
        return False
    short, long = sorted((horizontal.width, horizontal.height))
    v_short, v_long = sorted((vertical.width, vertical.height))
    return abs(short - v_short) <= INK_TOLERANCE and abs(long - v_long) <= INK_TOLERANCE


def checked(ch: str) -> bool:
    """Whether the vertical form of ``ch`` is judged by :func:`same_mark`: every character but
    the letters of category Lo (kana, ideographs)."""
    return unicodedata.category(ch) != "Lo"
