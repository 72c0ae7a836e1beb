"""The items between ``prepare`` and ``linebreak``: boxes and glue (in the manner of Knuth and
Plass, and of SILE's node lists). Script rules decide what the items are; the line breaker
only reads widths, stretch, shrink and break penalties, so it knows no language.

All lengths are in points along the line (the inline direction). Items are named tuples:
immutable like frozen dataclasses, and cheap to make, which matters here (a few per character).
"""

from __future__ import annotations

from enum import IntEnum

from ..records import NamedTuple
from .orient import Orientation


class StretchStep(IntEnum):
    """Which spaces grow first when a line is too short (clreq §3.6, "when too short")."""

    WORD_SPACE = 1  # Western word spaces, up to ½ em
    HAN_LATIN = 2  # the gap between Han and Western text, up to ⅓ em
    INTER_CHARACTER = 3  # equal spacing between all characters, without limit
    NONE = 9  # never stretched (inside a 2-em mark, beside a connector, a punctuation blank)


class ShrinkStep(IntEnum):
    """Which spaces give way first when a line is too long (clreq §3.6, "when too long").
    Step 1 of clreq, the line-end mark set in ½ em, is not a shrink: the blank half of a mark
    is the glue a line breaks at, and glue at a break is dropped.

    The blank half of a lone mark (brackets, ，、；：, 。？！) is not shrunk by degrees: a mark
    keeps its full em or, as the last resort, loses its whole blank half and is set in ½ em
    (never 0.7 em); see :data:`WHOLE_STEPS`. Every other shrink comes first."""

    WORD_SPACE = 2  # Western word spaces down to ¼ em
    INTERPUNCT = 3  # the blanks of an interpunct, down to ½ em in all
    BRACKET = 4  # the blank half of a bracket or quotation mark
    PAUSE = 5  # the blank half of ，、；：
    HAN_LATIN = 6  # the Han–Western gap, down to ⅛ em
    STOP = 7  # the blank half of 。？！
    NONE = 9


# Shrinks taken whole or not at all, after every other shrink: a punctuation mark is 1 em or
# ½ em, so that marks of neighbouring lines look alike (全身 scheme, clreq §3.1.6).
WHOLE_STEPS = frozenset({ShrinkStep.BRACKET, ShrinkStep.PAUSE, ShrinkStep.STOP})


class GlyphRun(NamedTuple):
    """Characters drawn with one face, placed relative to the start of their box.

    ``offset`` may be negative: an opening bracket whose blank half is compressed is drawn
    from before its box, so that its ink (the right half of its em square) stays in place.
    ``scale`` squeezes or widens the run horizontally (a 2-em dash drawn from two em dashes
    that are narrower than 1 em in the font)."""

    text: str
    face: str | None  # None: no face has the character (reported, drawn as a visible box)
    offset: float
    advance: float
    scale: float = 1.0
    source: int = 0  # index of the first character, from the start of its cluster
    # How the run stands in a vertical line (``layout.text.orient``); horizontal lines have
    # only upright runs.
    orientation: Orientation = Orientation.UPRIGHT


class Box(NamedTuple):
    """Something with a fixed width: ink of characters, or the first-line indent."""

    width: float
    runs: tuple[GlyphRun, ...] = ()


class Glue(NamedTuple):
    """A space that may stretch or shrink, and where the line may break.

    ``penalty`` is ``None`` where no break is allowed, else the cost of breaking here. When a
    line breaks at a glue, it and the glue that follows up to the next box are dropped: so a
    punctuation mark at a line end loses its blank half (clreq §3.1.6) and a line never
    starts or ends with a space."""

    width: float
    stretch: float = 0.0
    shrink: float = 0.0
    stretch_step: StretchStep = StretchStep.NONE
    shrink_step: ShrinkStep = ShrinkStep.NONE
    penalty: float | None = None

    @property
    def breakable(self) -> bool:
        return self.penalty is not None


class Discretionary(NamedTuple):
    """A place inside a Western word where the line may break, offered only where the run it
    stands in cannot fit the measure otherwise (``layout.text.overlong``). It has no width on
    a line that runs through it; a line that ends here ends with ``runs`` (a hyphen, or
    nothing), ``break_width`` wide, and pays ``penalty``, like TeX's discretionary break and
    its ``hyphenpenalty`` (The TeXbook, ch. 14). A line that ends here and has nothing else to
    stretch (a piece of a word alone on its line) cannot be justified: it may end ragged,
    as if it had ``ragged`` of stretch at its end (plain TeX's ``\raggedright``)."""

    break_width: float
    runs: tuple[GlyphRun, ...]
    penalty: float
    ragged: float = 0.0

    @property
    def width(self) -> float:
        return 0.0  # not taken: the word runs on


Item = Box | Glue | Discretionary
