"""The laid-out page: a display list in page coordinates, and what each box holds.

Coordinates are points, x to the right and y DOWN from the top-left corner of the trim box
(logical page coordinates); the PDF writer is the one place that maps them to PDF space.
Ops are kept in reading order, so text extracts story by story.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .geometry import Rect
from .report import Problem


@dataclass(frozen=True, slots=True)
class Color:
    """A process colour in CMYK, each 0..1 (newspaper presses print CMYK). With ``spot`` it is
    a spot ink of that name at full tint, the CMYK values its process equivalent."""

    c: float = 0.0
    m: float = 0.0
    y: float = 0.0
    k: float = 1.0
    spot: str | None = None


BLACK = Color()
WHITE = Color(0, 0, 0, 0)


def grey(k: float) -> Color:
    return Color(0, 0, 0, k)


@dataclass(frozen=True, slots=True)
class TextRun:
    """Characters of one face drawn from an origin on the page: ``(x, y)`` is where the
    baseline of the run starts, and the run advances along its baseline. ``turn`` is 0 for
    text set the usual way and 90 for a run turned 90° clockwise (Latin words in a vertical
    line, clreq §2.4): it then advances down the page. How the run came to stand there (横排
    or 竖排) is the frame's business; the PDF writer only draws. ``glyph`` draws that glyph id
    (e.g. the face's ``vert`` form of a mark) in place of ``text``'s own glyph; the text
    still extracts as ``text``."""

    text: str
    face: str | None
    size: float
    x: float
    y: float
    scale: float = 1.0
    color: Color = BLACK
    turn: int = 0  # degrees clockwise: 0 or 90
    char_space: float = 0.0  # points added after every glyph of the run (PDF Tc)
    glyph: int | None = None  # a substituted glyph id for a one-character run (vert forms)


@dataclass(frozen=True, slots=True)
class RuleOp:
    """A straight rule (线) from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: Color = BLACK


@dataclass(frozen=True, slots=True)
class RectOp:
    rect: Rect
    fill: Color | None = None
    stroke: Color | None = None
    width: float = 0.5


@dataclass(frozen=True, slots=True)
class ImageOp:
    """An image scaled into ``rect``; ``clip`` is the visible part (fill crops)."""

    path: str
    rect: Rect
    clip: Rect


@dataclass(frozen=True, slots=True)
class MissingGlyphOp:
    """A character that no font has: drawn as a visible box with its code point."""

    char: str
    rect: Rect


Op = TextRun | RuleOp | RectOp | ImageOp | MissingGlyphOp


@dataclass(frozen=True)
class PlacedLine:
    """A line of text as placed, kept for checks and proofs."""

    text: str
    column: int  # index of the column in its box
    slot: int  # baseline-grid row in the column
    baseline: float  # page y of the baseline
    rect: Rect
    last: bool
    spacing: float


@dataclass(frozen=True)
class BoxLayout:
    """What one box of the spec holds after layout, with its copy-fitting numbers."""

    id: str
    kind: str
    rect: Rect
    article: str | None = None
    columns: tuple[Rect, ...] = ()
    capacity_lines: int = 0
    used_lines: int = 0
    capacity_chars: int = 0
    used_chars: int = 0
    overset_lines: int = 0
    overset_chars: int = 0
    empty_lines: int = 0  # empty slots at the foot of the last column
    lines: tuple[PlacedLine, ...] = ()


@dataclass(frozen=True)
class Page:
    number: int
    trim: Rect  # x = y = 0
    bleed: float
    ops: tuple[Op, ...]
    boxes: tuple[BoxLayout, ...]
    problems: tuple[Problem, ...] = field(default_factory=tuple)
    type_area: Rect | None = None
    title: str = ""
