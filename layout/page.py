"""The laid-out page: a display list in page coordinates, and what each box holds.

Coordinates are points, x to the right and y DOWN from the top-left corner of the trim box
(logical page coordinates); the PDF writer is the one place that maps them to PDF space.
Ops are kept in reading order, so text extracts story by story.
"""

from enum import Enum

from .geometry import Rect
from .records import NamedTuple
from .report import Problem


class Color(NamedTuple):
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


# Where the baseline sits in the ideographic em box of CJK fonts: the box runs from 0.12 em
# below the baseline to 0.88 em above (Noto CJK, Source Han: ideographic bottom −120). A run's
# origin is its baseline; frames and labels place em boxes by it.
EM_BOX_DESCENT = 0.12


class TextRun(NamedTuple):
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


class RuleOp(NamedTuple):
    """A straight rule (线) from (x1, y1) to (x2, y2)."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    color: Color = BLACK


class RectOp(NamedTuple):
    rect: Rect
    fill: Color | None = None
    stroke: Color | None = None
    width: float = 0.5


class ImageOp(NamedTuple):
    """An image scaled into ``rect``; ``clip`` is the visible part (fill crops). ``pixels``
    is the file's size and ``ppi`` its resolution as printed, as the compose stage judged it
    against the spec's ``press.min_ppi`` (the proof reports these, it does not recompute)."""

    path: str
    rect: Rect
    clip: Rect
    pixels: tuple[int, int]
    ppi: float
    # The pixels put in the PDF (x0, y0, x1, y1 from the top-left): the whole pixels the clip
    # shows; None: the whole image. What a crop leaves out is not printed, and is not in the
    # file either (a cropped-out face or name cannot be pulled out of the PDF).
    window: tuple[int, int, int, int] | None = None

    def drawn(self) -> Rect:
        """Where the pixels put in the PDF (``window``, else all) are drawn."""
        if self.window is None:
            return self.rect
        x0, y0, x1, y1 = self.window
        sx, sy = self.rect.width / self.pixels[0], self.rect.height / self.pixels[1]
        return Rect(self.rect.x + x0 * sx, self.rect.y + y0 * sy, (x1 - x0) * sx, (y1 - y0) * sy)


class Paint(Enum):
    """What a shape of one-ink artwork is painted with."""

    INK = "ink"  # the artwork's ink
    PAPER = "paper"  # white: the paper shows (a knock-out, CMYK 0 0 0 0)


# A path segment: ("M", (x, y)), ("L", (x, y)), ("C", (x1, y1, x2, y2, x, y)) or ("Z", ()).
Segment = tuple[str, tuple[float, ...]]


class PathShape(NamedTuple):
    """One shape of vector artwork: its outline in artwork units (y down from the artwork's
    top-left corner), filled (by the non-zero or the even-odd rule) and/or stroked."""

    segments: tuple[Segment, ...]
    fill: Paint | None = Paint.INK
    stroke: Paint | None = None
    stroke_width: float = 0.0  # artwork units
    even_odd: bool = False


class ArtworkOp(NamedTuple):
    """Vector artwork (an SVG or PDF logotype, ``layout.artwork``) of ``size`` artwork units,
    scaled into ``rect`` (its proportions kept by the compose stage): every shape painted in
    ``ink`` or in paper white. A logotype prints in one ink, spot or process; ``path`` names
    the file it came from."""

    path: str
    rect: Rect
    size: tuple[float, float]
    shapes: tuple[PathShape, ...]
    ink: Color = BLACK


class AdvertOp(NamedTuple):
    """A page of a PDF advertisement drawn as it is: page ``page`` (0-based) of the file at
    ``path``, whose trim box covers ``bbox`` in the space of its form XObject
    (:func:`layout.artwork.advert.form_bbox`), scaled into ``rect`` (its proportions kept by
    the compose stage). The PDF writer copies the page in whole, its fonts and colours too."""

    path: str
    rect: Rect
    page: int
    bbox: tuple[float, float, float, float]


class MissingGlyphOp(NamedTuple):
    """A character that no font has: drawn as a visible box with its code point."""

    char: str
    rect: Rect


Op = TextRun | RuleOp | RectOp | ImageOp | ArtworkOp | AdvertOp | MissingGlyphOp


class PlacedLine(NamedTuple):
    """A line of text as placed, kept for checks and proofs."""

    text: str
    column: int  # index of the column in its box
    slot: int  # baseline-grid row in the column
    baseline: float  # page y of the baseline
    rect: Rect
    last: bool
    spacing: float


class HeadPart(Enum):
    """A part of a headline block, in reading order."""

    KICKER = "kicker"  # 引题
    HEADLINE = "headline"  # 主题
    SUBHEAD = "subhead"  # 副题
    BYLINE = "byline"  # the byline, when the spec puts it in the block

    @property
    def label(self) -> str:
        return _PART_LABELS[self]


_PART_LABELS = {
    HeadPart.KICKER: "引题",
    HeadPart.HEADLINE: "主题",
    HeadPart.SUBHEAD: "副题",
    HeadPart.BYLINE: "署名",
}


class HeadSize(NamedTuple):
    """How one part of a box's headline block was set: the size chosen within its style's
    range, its lines, and how much of the measure the widest fills."""

    part: HeadPart
    style: str
    size: float  # pt
    smallest: float  # the style's range, pt (one size: both the same)
    largest: float
    lines: int
    fill: float  # the widest line over the measure
    texts: tuple[str, ...] = ()  # the lines as set

    def to_json(self) -> dict[str, object]:
        return {
            "part": self.part.value,
            "style": self.style,
            "size_pt": self.size,
            "range_pt": [self.smallest, self.largest],
            "lines": self.lines,
            "fill": round(self.fill, 3),
            "texts": list(self.texts),
        }


class BoxLayout(NamedTuple):
    """What one box of the spec holds after layout, with its copy-fitting numbers, as the
    compose stage counted them (the proof reads them, it does not recount)."""

    id: str
    kind: str
    rect: Rect
    article: str | None = None
    columns: tuple[Rect, ...] = ()
    capacity_lines: int = 0
    used_lines: int = 0
    used_chars: int = 0
    overset_lines: int = 0
    overset_chars: int = 0
    # The empty line slots after the last line, to the foot of the last column, in flow order
    # (none when the box is overset), each as deep as a line of the body (two grid lines of
    # a body leaded twice the grid). Capacity, use and these count the body's lines.
    empty_slots: tuple[Rect, ...] = ()
    # Nominal characters per line: the body measure over the box's body style size.
    chars_per_line: float = 0.0
    # A box with others wrapped into it (串文): the characters of the body size its lines
    # hold, and its empty lines, counting the lines shortened beside those boxes short;
    # None: lines × characters per line.
    room_chars: float | None = None
    empty_room_chars: float | None = None
    lines: tuple[PlacedLine, ...] = ()
    # The parts of the box's headline block and the sizes they were set in, in reading order.
    headline: tuple[HeadSize, ...] = ()

    @property
    def empty_lines(self) -> int:
        return len(self.empty_slots)

    @property
    def foot_lines(self) -> int:
        """The empty lines at the box's foot, in lines of its body: the most empty slots under
        the last line of any one column (a flowing box: the rest of its last column, or a column
        left empty whole; a balanced box: the room under its shortest column). What a reader
        sees as white at the foot: a balanced box of 4 columns with one slot free under each
        of 3 has 3 empty slots but one empty line."""
        per = [0] * (len(self.columns) + 1)  # the last: a slot in no column (none expected)
        for slot in self.empty_slots:
            cx, cy = slot.x + slot.width / 2, slot.y + slot.height / 2
            found = next(
                (
                    i
                    for i, c in enumerate(self.columns)
                    if c.x <= cx <= c.right and c.y <= cy <= c.bottom
                ),
                len(self.columns),
            )
            per[found] += 1
        return max(per)

    @property
    def capacity_chars(self) -> int:
        """Nominal: lines × characters per line (a wrapped box's short lines counted short)."""
        if self.room_chars is not None:
            return int(self.room_chars)
        return int(self.capacity_lines * self.chars_per_line)

    @property
    def empty_chars(self) -> int:
        """An estimate of the room left: empty lines × characters per line (short lines
        beside a wrapped box counted short)."""
        if self.empty_room_chars is not None:
            return int(self.empty_room_chars)
        return int(self.empty_lines * self.chars_per_line)


class Page(NamedTuple):
    number: int
    trim: Rect  # x = y = 0
    bleed: float
    ops: tuple[Op, ...]
    boxes: tuple[BoxLayout, ...]
    problems: tuple[Problem, ...] = ()
    type_area: Rect | None = None
    title: str = ""
    # The baseline grid over the type area as lines are placed on it: the page y of each grid
    # line's baseline in the body size (横排), the page x of each line's centre (竖排).
    grid_lines: tuple[float, ...] = ()
