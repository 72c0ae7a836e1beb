"""The page spec's resolved values: named tuples with every length in points.

This is the part of the page spec other layers import (compose, render, proof, build);
it imports nothing from them. The schema (:mod:`layout.spec.schema`) and the resolver
(:mod:`layout.spec.resolve`) produce these values; nothing else constructs a
:class:`PageSpec` but tests.
"""

import datetime
from collections.abc import Mapping
from enum import Enum
from pathlib import Path

from layout.articles import Article, Crop, FiguresRecord
from layout.errors import SourcePos
from layout.geometry import Rect, WritingMode
from layout.page import Color
from layout.press import PressSettings
from layout.text.options import Align, Normalise, Prohibition, PunctuationScheme
from layout.text.words import DEFAULT_HYPHENATION

from ..records import NamedTuple

__all__ = [
    "DEFAULT_HEADLINE_SLACK",
    "DEFAULT_MARK",
    "DEFAULT_INTERTITLE_SPACE",
    "DEFAULT_MOVE",
    "HEADLINE_TITLE",
    "MARKED_STYLES",
    "OPTIONAL_STYLES",
    "REQUIRED_STYLES",
    "Advert",
    "BoxKind",
    "BoxSpec",
    "Continuation",
    "Unprinted",
    "UnprintedKind",
    "CopyFit",
    "Edition",
    "Fact",
    "FactLine",
    "Furniture",
    "Grid",
    "HeaderSpec",
    "HeadlineArea",
    "JumpLines",
    "Logotype",
    "LogotypeKind",
    "PageGeometry",
    "PageSpec",
    "Style",
]

# The styles the compose stage sets text in; a spec must define each.
REQUIRED_STYLES = (
    "body",
    "kicker",
    "headline",
    "subhead",
    "byline",
    "intertitle",
    "caption",
    "credit",
    "jump",
    "masthead",
    "header",
    "figure",
)
# Styles a spec may define, with a default when it does not: ``dateline`` (本报讯), the
# body style in 黑 (layout.compose.page.dateline_style).
OPTIONAL_STYLES = ("dateline",)
# The styles that lay out a byline and take a ``mark``.
MARKED_STYLES = ("byline", "credit")
DEFAULT_MARK = "■"
# A photo box's ``title: headline``: the title is its article's headline.
HEADLINE_TITLE = "headline"


class BoxKind(Enum):
    """What a box holds; the ``kind`` key of a box."""

    ARTICLE = "article"
    PHOTO = "photo"
    FIGURES = "figures"
    MASTHEAD = "masthead"
    EAR = "ear"  # 报眼: the edition's facts (date, 农历, 期号 …) beside the masthead
    PAGE_HEADER = "page-header"
    RULE = "rule"
    SHADED = "shaded"
    ADVERT = "advert"  # 广告: a supplied PDF page or picture, placed as it is

    @property
    def is_content(self) -> bool:
        """Content boxes may not overlap each other; rules and shaded boxes may."""
        return self not in (BoxKind.RULE, BoxKind.SHADED)


# A headline's size is chosen in half points (the 号 sizes are whole or half points).
SIZE_STEP = 0.5


class Style(NamedTuple):
    """A text style with every length resolved: sizes and leading in pt, indents and
    spacing in ems of ``size``."""

    name: str
    font: str  # a role in the fonts manifest
    size: float  # pt
    leading: float  # pt, line pitch
    indent: float = 0.0  # first-line indent in ems
    align: Align = Align.START
    prohibition: Prohibition = Prohibition.BASIC
    punctuation: PunctuationScheme = PunctuationScheme.QUANSHEN
    color: Color | None = None  # None: black
    letter_spacing: float = 0.0  # em
    latin_gap: float = 0.25  # em, the Han–Western gap (clreq §3.2.1)
    quotes: str = "corner"  # 竖排: “ ” ‘ ’ as corner brackets ﹃﹄﹁﹂, or 'rotated'
    upright_latin: bool = True  # 竖排: acronyms (≤ 4 capitals) and single letters upright
    hyphenation: str = DEFAULT_HYPHENATION  # pyphen dictionary of Western words, or 'none'
    normalise: Normalise = Normalise.FULLWIDTH_ASCII  # full-width letters and digits
    # byline and credit styles: the mark opening a byline's first line (None: no mark)
    mark: str | None = DEFAULT_MARK
    # A headline style's size range (``size: 一号..小初``): ``size`` is its largest size,
    # ``min_size`` its smallest (None: one size); ``fill`` the fraction of the measure its
    # widest line should fill (None: no target).
    min_size: float | None = None
    fill: float | None = None
    # No spec key: set by the byline layout (``layout.compose.byline``) on the style it sets
    # a byline's lines in, whose U+3000 are its own blanks, each kept an em wide where it
    # stands (``layout.text.prepare.ParagraphStyle.fixed_blanks``).
    fixed_blanks: bool = False

    @property
    def sizes(self) -> tuple[float, ...]:
        """The sizes a headline in this style may be set in, largest first: ``size``, then
        down in steps of :data:`SIZE_STEP` to ``min_size``."""
        if self.min_size is None:
            return (self.size,)
        steps = int((self.size - self.min_size) / SIZE_STEP + 1e-9)
        found = [self.size - k * SIZE_STEP for k in range(steps + 1)]
        if found[-1] - self.min_size > 1e-9:
            found.append(self.min_size)
        return tuple(found)

    def at_size(self, size: float) -> "Style":
        """This style set in ``size``: its leading in the same ratio to the size (every other
        length is in ems already)."""
        if size == self.size:
            return self
        return self._replace(size=size, leading=self.leading * size / self.size)


class Edition(NamedTuple):
    """The issue, as the masthead and the page header print it."""

    title: str
    subtitle: str | None
    date: datetime.date
    weekday: str  # 星期三, derived from date
    issue: str | None
    cn: str | None  # CN registration number, shown only when given
    publisher: str | None
    editor: str | None
    lunar: bool = False  # the 农历 date is printed with the date
    postal: str | None = None  # 邮发代号, shown only when given

    def gives(self, fact: "Fact") -> bool:
        """Whether the edition has ``fact`` to print (the date it always has)."""
        values = {
            Fact.DATE: self.date,
            Fact.ISSUE: self.issue,
            Fact.CN: self.cn,
            Fact.POSTAL: self.postal,
            Fact.PUBLISHER: self.publisher,
            Fact.EDITOR: self.editor,
        }
        return values[fact] is not None


class Fact(Enum):
    """A fact of the edition that the masthead (报头) or the ear (报眼) prints: each is
    printed once on a page, in the box that lists it."""

    DATE = "date"  # 2025年4月30日 星期三 (and the 农历 date when ``edition.lunar``)
    ISSUE = "issue"  # 期号
    CN = "cn"  # 国内统一连续出版物号
    POSTAL = "postal"  # 邮发代号
    PUBLISHER = "publisher"
    EDITOR = "editor"  # 责任编辑


class FactLine(NamedTuple):
    """One fact as a box prints it: in ``style`` (a style name of the spec)."""

    fact: Fact
    style: str


class LogotypeKind(Enum):
    """How the masthead's logotype is drawn."""

    TEXT = "text"  # the title set in a style (a font role of the manifest)
    VECTOR = "vector"  # SVG or PDF artwork, drawn as paths in one ink
    RASTER = "raster"  # a PNG/JPEG/TIFF picture, converted for the press as photos are


class Logotype(NamedTuple):
    """The masthead's title as the paper's logotype (报头字)."""

    kind: LogotypeKind
    style: str | None  # TEXT: the style the title is set in
    image: Path | None = None  # VECTOR, RASTER: the artwork file
    color: Color | None = None  # TEXT, VECTOR: the ink; None: the style's colour, or black
    subtitle_style: str = "header"  # the edition's subtitle (pinyin) under the logotype


class Furniture(NamedTuple):
    """What a masthead or ear box prints: the logotype (masthead only), the edition's facts
    in order, and free lines after them (a weather line, 今日8版)."""

    logotype: Logotype | None
    facts: tuple[FactLine, ...]
    text: tuple[str, ...] = ()
    style: str = "header"  # the free lines' style


class PageGeometry(NamedTuple):
    """The page: its number and name, the trim and bleed, and the type area."""

    number: int
    name: str
    trim_width: float  # pt
    trim_height: float  # pt
    bleed: float  # pt
    type_area: Rect  # in trim-box coordinates, y down
    writing_mode: WritingMode


class Grid(NamedTuple):
    """The column grid and the baseline grid of the type area, counted in characters of
    the body style and resolved to pt."""

    columns: int
    column_chars: float  # characters of the body style
    gutter_chars: float
    lines: int
    body_style: str
    column_width: float  # pt
    gutter: float  # pt
    line_pitch: float  # pt (the body style's leading)
    type_area: Rect
    # 竖排 page: columns are bands stacked top to bottom (column_width is their height, the
    # line length) and lines are counted from the type area's right edge, right to left.
    writing_mode: WritingMode = WritingMode.HORIZONTAL_TB

    def rect(self, column: int, span: int, line: int, lines: int) -> Rect:
        """The rect of a grid placement (1-based column and baseline-grid line).

        ``span == 0`` gives a zero-width rect centred in the gutter before ``column`` (a
        vertical rule); ``lines == 0`` a zero-height rect at the top of ``line``. On a
        vertical page the roles turn: ``span == 0`` is a horizontal rule in the gutter above
        band ``column``, ``lines == 0`` a vertical rule at the right edge of ``line``.
        """
        step = self.column_width + self.gutter
        if self.writing_mode is WritingMode.VERTICAL_RL:
            y = self.type_area.y + (column - 1) * step
            if span == 0:
                y, height = y - self.gutter / 2, 0.0
            else:
                height = self.span_width(span)
            x = self.type_area.right - (line - 1 + lines) * self.line_pitch
            return Rect(x, y, lines * self.line_pitch, height)
        x = self.type_area.x + (column - 1) * step
        if span == 0:
            x, width = x - self.gutter / 2, 0.0
        else:
            width = span * self.column_width + (span - 1) * self.gutter
        y = self.type_area.y + (line - 1) * self.line_pitch
        return Rect(x, y, width, lines * self.line_pitch)

    def span_width(self, span: int) -> float:
        """Width of a 长栏 of ``span`` basic columns: span×column + (span−1)×gutter, in pt."""
        return span * self.column_width + (span - 1) * self.gutter


class HeadlineArea(NamedTuple):
    """The strip of an article box reserved for its headline block."""

    # grid lines reserved for the headline block; None: a 横排 box's 竖题 strip of ``span``
    # basic columns, whose width is its span (``layout.spec.strip.spans_columns``)
    lines: int | None
    position: str = "top"  # 'top' or 'right' (竖题, laid out later)
    span: int | None = None  # columns the headline spans; None: the whole box
    byline: bool = False  # the byline sits under the subhead instead of atop the body
    style: str = "headline"  # the 主题's style (the lead story's may be a larger one)


# Copy-fit limits by default (``banmian fit``, layout.fit): a headline block may grow or
# shrink by this many lines, a grid box's edge shared with a box stacked on it move this many.
DEFAULT_HEADLINE_SLACK = 2
DEFAULT_MOVE = 4
# Blank grid lines before an intertitle (小标题) by default: one, so that it stands off the
# text above it (a line of the grid, the baselines kept on it).
DEFAULT_INTERTITLE_SPACE = 1


class CopyFit(NamedTuple):
    """What ``banmian fit`` may change in an article box (spec key ``copyfit``): its headline
    block's lines within ``headline_lines`` (None: the spec's lines ± the default slack),
    its grid edges shared with a box stacked on it by up to ``move`` lines, its body columns
    (破栏) among ``columns`` (None: held), the blank lines before its intertitles within
    ``intertitle_space`` (None: held), and a photo box's height within ``height`` lines."""

    headline_lines: tuple[int, int] | None = None
    move: int = DEFAULT_MOVE
    intertitle_space: tuple[int, int] | None = None
    columns: tuple[int, ...] | None = None
    # photo boxes: the grid lines tall the fit may make the box (None: its lines ± move)
    height: tuple[int, int] | None = None


class HeaderSpec(NamedTuple):
    """The page header (眉头)."""

    show: bool = True  # the page header (眉头), generated from edition/page (off on page 1)


class Continuation(NamedTuple):
    """Where the story of an article box goes on (a thread): box ``box`` of page ``page``,
    or of the box's own page when ``page`` is None. ``pos`` and ``key_path`` are those of the
    ``continues`` key, for errors found when the edition's pages are put together (they take
    part in comparisons, as the box's own ``source_pos`` does in the box's)."""

    box: str
    page: int | None = None
    pos: SourcePos | None = None
    key_path: str = ""
    # Where its ``box`` and ``page`` values are written (None: not written), for the errors
    # about each.
    box_pos: SourcePos | None = None
    page_pos: SourcePos | None = None


# The jump lines' wordings by default (``jumps``): 下转 at the foot of the last column before a
# jump to another page, 上接 at the head of the continuation, ``{page}`` the other page's number.
JUMP_OUT = "（下转第{page}版）"
JUMP_IN = "（上接第{page}版）"


class JumpLines(NamedTuple):
    """The wordings of the generated jump lines (spec key ``jumps``), each with one
    ``{page}``; set in the ``jump`` style."""

    out: str = JUMP_OUT
    into: str = JUMP_IN

    def to(self, page: int) -> str:
        """The 下转 line of a story going on on page ``page``."""
        return self.out.replace("{page}", str(page))

    def from_(self, page: int) -> str:
        """The 上接 line of a story coming from page ``page``."""
        return self.into.replace("{page}", str(page))


class Advert(NamedTuple):
    """What an advert box places: ``file`` (a PDF, its page ``page``, 1-based; or a JPEG,
    PNG or TIFF picture), whose size may differ from the box's by ``tolerance`` (pt) on
    each side before it is reported."""

    file: Path
    page: int | None
    tolerance: float


class BoxSpec(NamedTuple):
    """One box of the page, placed: its rect in trim-box coordinates (pt, y down) lies
    inside the type area, and the records it names exist and are of its kind."""

    id: str
    kind: BoxKind
    rect: Rect  # pt, trim-box coordinates
    grid_at: tuple[int, int, int, int] | None  # (column, span, line, lines) when on the grid
    columns: int  # 破栏: body columns inside the box
    article: str | None
    figures: str | None
    headline: HeadlineArea | None
    continues: Continuation | None
    fit: str  # photos: 'fill' (crop to fill) or 'fit' (letterbox)
    body_style: str | None
    frame: bool
    shade: float | None  # 0..1 grey
    writing_mode: WritingMode
    source_pos: SourcePos
    # Where its ``article`` is written, for an error found when the edition is put together.
    article_pos: SourcePos | None = None
    repeat: bool = False  # articles: the story of a box before it set again on purpose
    image: Path | None = None  # photo boxes: an image file given directly
    photo: int = 1  # photo boxes: which of the article's photos (1-based)
    weight: float = 0.5  # rules: line weight in pt
    fill: str = "foot"  # articles: columns end at the 'foot' of the box, or 'balance'd
    # photo boxes: the title over the caption, its text or HEADLINE_TITLE (the article's
    # headline); None: no title
    title: str | None = None
    furniture: Furniture | None = None  # masthead and ear boxes: what they print
    key_path: str = ""  # ``boxes[i]``, for errors found when the edition is put together
    crop: Crop | None = None  # photo boxes: the box's own crop (over the article photo's)
    advert: Advert | None = None  # advert boxes: the file placed
    # photo and figures boxes: the stand-off (pt) kept around the box by the story it stands
    # over, its body running around it (串文); None: the box wraps nothing
    wrap: float | None = None
    copyfit: CopyFit = CopyFit()  # articles: the limits of ``banmian fit``
    # articles: blank grid lines before each intertitle (小标题) not at the head of a column
    intertitle_space: int = DEFAULT_INTERTITLE_SPACE

    def headline_rect(self, grid: Grid) -> Rect | None:
        """The area of an article box's headline block: a strip across the top (``span``
        columns wide when given), or a 竖题 strip on the right (every headline of a vertical
        box, ``span`` columns or ``lines`` line pitches wide)."""
        h = self.headline
        if h is None:
            return None
        r = self.rect
        vertical = self.writing_mode is WritingMode.VERTICAL_RL
        if vertical or h.position == "right":
            strip = (
                grid.span_width(h.span) if h.span and not vertical else h.lines * grid.line_pitch
            )
            return Rect(r.right - strip, r.y, strip, r.height)
        width = grid.span_width(h.span) if h.span else r.width
        return Rect(r.x, r.y, width, h.lines * grid.line_pitch)

    def column_rects(self, gutter: float) -> tuple[Rect, ...]:
        """The box's body columns (破栏: ``columns`` equal columns separated by ``gutter``)."""
        return self.rect.split(self.columns, gutter, WritingMode.HORIZONTAL_TB)


class UnprintedKind(Enum):
    """What of a record a build prints nowhere (:class:`Unprinted`)."""

    RECORD = "record"  # a record of the folder (or list) read that no box names
    PHOTO = "photo"  # a photo of a story that no photo box places
    STORY_TEXT = "story-text"  # a story only a photo box shows: its text set in no box


class Unprinted(NamedTuple):
    """Copy of the records a page read that its build prints nowhere (nothing dropped without
    a word): said as a warning even under ``-q`` (a night desk must see it) and in the JSON
    report's ``unprinted``; ``str()`` is the line, placed at ``pos`` (the record's ``id``,
    or the photo's ``file``) and ``key_path`` in the record, else at its file."""

    kind: UnprintedKind
    record: str  # the record's id
    file: Path  # the record's file
    message: str
    pos: SourcePos | None = None
    key_path: str = "id"
    photo: int | None = None  # PHOTO: which photo (1-based)
    box: str | None = None  # STORY_TEXT: the photo box showing it

    def __str__(self) -> str:
        return (
            f"{self.pos}: {self.key_path}: {self.message}"
            if self.pos
            else (f"{self.file}: {self.message}")
        )


class PageSpec(NamedTuple):
    """A page spec loaded, validated and resolved (:func:`layout.spec.load_spec`): every
    length in pt, every style, box and record checked, the fonts manifest verified."""

    path: Path
    edition: Edition
    page: PageGeometry
    grid: Grid
    styles: Mapping[str, Style]
    boxes: tuple[BoxSpec, ...]
    articles_dir: Path | None
    article_files: tuple[Path, ...]
    fonts_manifest: Path
    articles: Mapping[str, Article | FiguresRecord]
    header: HeaderSpec = HeaderSpec()
    press: PressSettings = PressSettings()
    jumps: JumpLines = JumpLines()
    # The shared files the spec extends (nearest first): inputs of the page too.
    shared_files: tuple[Path, ...] = ()
    # What the loader says but is no error: a page number or name the edition's list
    # overrode (file:line:column: key: …), printed by build, check and proof.
    notes: tuple[str, ...] = ()
    # What the loader warns of: two different records with one id in the edition
    # (file:line:column: id: …), printed by build, check and proof as warnings.
    warnings: tuple[str, ...] = ()
    # What of its records the build prints nowhere: a record no box names, a photo no photo
    # box places, a story only a photo box shows (its edition's pages looked at together).
    unprinted: tuple[Unprinted, ...] = ()
    # The edition file whose list of pages holds this page, if any: a page built alone that
    # continues a story from another page of it is composed with the pages the story comes from.
    edition_file: Path | None = None

    def box(self, box_id: str) -> BoxSpec:
        """The box with id ``box_id`` (ids are unique on a page)."""
        return next(b for b in self.boxes if b.id == box_id)

    def advert_files(self) -> tuple[Path, ...]:
        """The files the page's advert boxes place."""
        return tuple(b.advert.file for b in self.boxes if b.advert is not None)

    def logotype_files(self) -> tuple[Path, ...]:
        """The artwork files of the page's logotype (a masthead's ``logotype.image``)."""
        return tuple(
            b.furniture.logotype.image
            for b in self.boxes
            if b.furniture is not None
            and b.furniture.logotype is not None
            and b.furniture.logotype.image is not None
        )
