"""The page spec: schema (written once), validation with positioned errors, and resolution
into frozen dataclasses with every length in points.

``python -m layout.spec --reference > docs/spec-reference.md`` regenerates the reference
from the same tables that validate.
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from layout.articles import (
    ARTICLE,
    CONTINUATION,
    HYPHENATION,
    Article,
    Continuation,
    FiguresRecord,
    article_paths,
    collect_articles,
)
from layout.errors import EXIT_BAD_INPUT, SourcePos, SpecError, SpecErrors, display_path
from layout.fonts import FontErrors, library
from layout.geometry import EPSILON, Rect, WritingMode
from layout.iccprofile import IccError, check_output_profile
from layout.imagefiles import image_problem
from layout.page import Color
from layout.press import COLOR_HELP, RGB, PressSettings, format_color, ink, parse_color, rgb_to_cmyk
from layout.schema import (
    BOOL,
    DATE,
    FAILED,
    STR,
    Field,
    Invalid,
    ListOf,
    MapOf,
    OneOf,
    Record,
    Scalar,
    choice_kind,
    enum_kind,
    int_kind,
    number_kind,
    suggest,
)
from layout.text.options import Align, Normalise, Prohibition, PunctuationScheme
from layout.text.prepare import HAN_LATIN_MAX
from layout.text.words import DEFAULT_HYPHENATION
from layout.units import (
    HAO_SIZES,
    LENGTH_HELP,
    MAX_LENGTH_PT,
    SIZE_HELP,
    Length,
    LengthRangeError,
    Unit,
    parse_length,
    parse_size,
)
from layout.yamlsource import YamlDoc, child_path, load_yaml

__all__ = [
    "REQUIRED_STYLES",
    "BoxKind",
    "BoxSpec",
    "Continuation",
    "Edition",
    "Grid",
    "HeaderSpec",
    "HeadlineArea",
    "PageGeometry",
    "PageSpec",
    "Style",
    "load_spec",
    "reference_markdown",
]

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

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# --------------------------------------------------------------------------- resolved values


class BoxKind(Enum):
    ARTICLE = "article"
    PHOTO = "photo"
    FIGURES = "figures"
    MASTHEAD = "masthead"
    PAGE_HEADER = "page-header"
    RULE = "rule"
    SHADED = "shaded"

    @property
    def is_content(self) -> bool:
        """Content boxes may not overlap each other; rules and shaded boxes may."""
        return self not in (BoxKind.RULE, BoxKind.SHADED)


@dataclass(frozen=True)
class Style:
    name: str
    font: str  # a role in the fonts manifest
    size: float  # pt
    leading: float  # pt, line pitch
    indent: float = 0.0  # first-line indent in ems
    align: Align = Align.START
    prohibition: Prohibition = Prohibition.BASIC
    punctuation: PunctuationScheme = PunctuationScheme.QUANSHEN
    color: Color | None = None  # None: black
    writing_mode: WritingMode | None = None  # None: the box's
    letter_spacing: float = 0.0  # em
    latin_gap: float = 0.25  # em, the Han–Western gap (clreq §3.2.1)
    quotes: str = "corner"  # 竖排: “ ” ‘ ’ as corner brackets ﹃﹄﹁﹂, or 'rotated'
    upright_latin: bool = True  # 竖排: acronyms (≤ 4 capitals) and single letters upright
    hyphenation: str = DEFAULT_HYPHENATION  # pyphen dictionary of Western words, or 'none'
    normalise: Normalise = Normalise.FULLWIDTH_ASCII  # full-width letters and digits


@dataclass(frozen=True)
class Edition:
    title: str
    subtitle: str | None
    date: datetime.date
    weekday: str  # 星期三, derived from date
    issue: str | None
    cn: str | None  # CN registration number, shown only when given
    publisher: str | None
    editor: str | None


@dataclass(frozen=True)
class PageGeometry:
    number: int
    name: str
    trim_width: float  # pt
    trim_height: float  # pt
    bleed: float  # pt
    type_area: Rect  # in trim-box coordinates, y down
    writing_mode: WritingMode


@dataclass(frozen=True)
class Grid:
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


@dataclass(frozen=True)
class HeadlineArea:
    lines: int  # grid lines reserved for the headline block
    position: str = "top"  # 'top' or 'right' (竖题, laid out later)
    span: int | None = None  # columns the headline spans; None: the whole box
    byline: bool = False  # the byline sits under the subhead instead of atop the body


@dataclass(frozen=True)
class HeaderSpec:
    show: bool = True  # the page header (眉头) above the type area, generated from edition/page


@dataclass(frozen=True)
class BoxSpec:
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
    image: Path | None = None  # photo boxes: an image file given directly
    photo: int = 1  # photo boxes: which of the article's photos (1-based)
    weight: float = 0.5  # rules: line weight in pt

    def column_rects(self, gutter: float) -> tuple[Rect, ...]:
        """The box's body columns (破栏: ``columns`` equal columns separated by ``gutter``)."""
        k = self.columns
        width = (self.rect.width - (k - 1) * gutter) / k
        return tuple(
            Rect(self.rect.x + i * (width + gutter), self.rect.y, width, self.rect.height)
            for i in range(k)
        )


@dataclass(frozen=True)
class PageSpec:
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

    def box(self, box_id: str) -> BoxSpec:
        return next(b for b in self.boxes if b.id == box_id)


# --------------------------------------------------------------------------- schema


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
    except LengthRangeError as exc:
        raise Invalid(str(exc)) from None
    except ValueError:
        raise Invalid() from None


def _margin(value: Any) -> float | str:
    if isinstance(value, str) and value.strip() == "auto":
        return "auto"
    return _abs_length(value)


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


LENGTH = Scalar(LENGTH_HELP, _length)
LATIN_GAP = Scalar("a length 0–1/3em such as 0, 1/8em or 1/4em", _latin_gap)
COLOR = Scalar(COLOR_HELP, _color)
INK_LIMIT = Scalar("a total ink percentage 100–400, e.g. 240%", _ink_limit)
ABS_LENGTH = Scalar("an absolute length ≥ 0 such as 3mm or 0.5pt", _abs_length)
SIZE = Scalar(SIZE_HELP, _size)
MARGIN = Scalar("auto or an absolute length such as 18mm", _margin)
PATH = Scalar("a file or folder path (relative to the spec file)", _path_text)

EDITION = Record(
    "edition",
    [
        Field("title", STR, required=True, doc="paper title (报头), e.g. 今日平湖"),
        Field("subtitle", STR, doc="e.g. the title in pinyin"),
        Field("date", DATE, required=True, doc="issue date; the weekday (星期三) is derived"),
        Field("issue", STR, doc="期号, e.g. 第7188期"),
        Field("cn", STR, doc="CN registration number, printed only when given"),
        Field("publisher", STR, doc="e.g. 中共平湖市委机关报"),
        Field("editor", STR, doc="责任编辑, printed in the page header"),
    ],
    "The issue: printed by the masthead and the page header.",
)

TRIM = Record(
    "trim",
    [
        Field("width", ABS_LENGTH, required=True, doc="对开 broadsheet: 390mm"),
        Field("height", ABS_LENGTH, required=True, doc="对开 broadsheet: 545mm"),
    ],
    "Trimmed page size.",
)

MARGINS = Record(
    "margins",
    [
        Field("top", ABS_LENGTH, required=True, doc="trim top to type area top"),
        Field("inside", MARGIN, default="auto", doc="spine side: left on odd pages"),
        Field("outside", MARGIN, default="auto", doc="fore-edge side: right on odd pages"),
        Field("left", MARGIN, default="auto", doc="alternative to inside/outside"),
        Field("right", MARGIN, default="auto", doc="alternative to inside/outside"),
    ],
    "The type area's size comes from the grid; margins only place it. With every horizontal "
    "margin ``auto`` it is centred; one given side fixes it; two given sides must add up. "
    "There is no bottom margin: it is what is left.",
)

PAGE = Record(
    "page",
    [
        Field("number", int_kind(1), required=True, doc="page (版) number"),
        Field("name", STR, required=True, doc="page name, e.g. 要闻"),
        Field("trim", TRIM, required=True),
        Field("bleed", ABS_LENGTH, default="3mm"),
        Field("margins", MARGINS, required=True),
        Field(
            "writing_mode",
            enum_kind(WritingMode),
            default="horizontal-tb",
            doc="default for boxes (竖排: vertical-rl)",
        ),
    ],
)

GRID = Record(
    "grid",
    [
        Field("columns", int_kind(1, 64), required=True, doc="基本栏 count (对开: 8)"),
        Field(
            "column_width",
            LENGTH,
            required=True,
            doc="basic column width, normally in 字 of the body style (13字)",
        ),
        Field("gutter", LENGTH, default="1字", doc="栏空 between columns"),
        Field(
            "lines",
            int_kind(1),
            required=True,
            doc="type area height in body lines (the baseline grid)",
        ),
        Field(
            "body_style",
            STR,
            default="body",
            doc="style whose size is 1字 and whose leading is the line pitch",
        ),
    ],
    "The type area is ``columns × column_width + (columns − 1) × gutter`` wide and "
    "``lines × body leading`` high. On a vertical page (``page.writing_mode: vertical-rl``) "
    "the grid is turned: columns are bands (栏) stacked top to bottom, ``column_width`` is "
    "their height (the length of a vertical line), ``lines`` count the vertical lines from "
    "the right edge, and the type area is ``lines × body leading`` wide.",
)

HEADER = Record(
    "header",
    [Field("show", BOOL, default=True, doc="print the page header (眉头) above the type area")],
    "The page header is generated from ``edition`` and ``page``; it is not a box.",
)

STYLE = Record(
    "style",
    [
        Field("font", STR, required=True, doc="a font role from the fonts manifest"),
        Field("size", SIZE, required=True, doc="font size: pt, mm or a 号 name"),
        Field("leading", LENGTH, default="1.5em", doc="line pitch; em is the style's size"),
        Field("indent", LENGTH, default="0", doc="first-line indent, e.g. 2字"),
        Field("align", enum_kind(Align), default="start"),
        Field("prohibition", enum_kind(Prohibition), default="basic", doc="避头尾 level"),
        Field(
            "punctuation",
            enum_kind(PunctuationScheme),
            default="quanshen",
            doc="全身 / 开明 / 半角",
        ),
        Field("color", COLOR, doc="text colour (default black); see press.rgb for RGB"),
        Field("writing_mode", enum_kind(WritingMode), doc="default: the box's"),
        Field(
            "letter_spacing",
            LENGTH,
            default="0",
            doc="extra space between characters (字距; not inside Western words), e.g. 0.1em",
        ),
        Field(
            "latin_gap",
            LATIN_GAP,
            default="1/4em",
            doc="the gap between Han and Western text (clreq §3.2.1); justification keeps "
            "it within 1/8–1/3 em. 0: none, the boundary is spaced like any other",
        ),
        Field(
            "quotes",
            choice_kind("corner", "rotated"),
            default="corner",
            doc="竖排: quotation marks as corner brackets ﹃﹄﹁﹂, or turned 90°",
        ),
        Field(
            "upright_latin",
            BOOL,
            default=True,
            doc="竖排: acronyms of ≤ 4 capitals and single letters stand upright (other Latin "
            "words are turned 90°)",
        ),
        Field(
            "hyphenation",
            HYPHENATION,
            default=DEFAULT_HYPHENATION,
            doc="language of Western words: a word too long for the column is hyphenated "
            "by its dictionary (at least 2 letters before the break, 3 after; not words in "
            "capitals or with digits); ``none``: no hyphenation, such a word breaks only after "
            "a hyphen or solidus it has, else between letters, without hyphen. An article's "
            "``hyphenation`` overrides it for that story",
        ),
        Field(
            "normalise",
            enum_kind(Normalise),
            default="fullwidth-ascii",
            doc="``fullwidth-ascii``: full-width digits and letters (０-９ Ａ-Ｚ ａ-ｚ, and "
            "－ ． ％ inside a number) are set as proportional ones, a number kept whole; "
            "``none``: set as written, one em each",
        ),
    ],
    "A text style. Relative lengths (em, 字) are ems of the style's own size. Required "
    "styles: " + ", ".join(REQUIRED_STYLES) + ".",
)

GRID_AT = Record(
    "grid placement",
    [
        Field("column", int_kind(1), required=True, doc="first basic column, 1-based"),
        Field(
            "span",
            int_kind(0),
            required=True,
            doc="basic columns covered; 0 only for a vertical rule",
        ),
        Field("line", int_kind(1), required=True, doc="first grid line, 1-based"),
        Field(
            "lines",
            int_kind(0),
            required=True,
            doc="grid lines covered; 0 only for a horizontal rule",
        ),
    ],
    "x = (column − 1) × (column width + gutter); width = span × column width + (span − 1) × "
    "gutter; y = (line − 1) × line pitch; height = lines × line pitch (from the type area's "
    "top-left). For rules, ``span: 0`` is a vertical rule centred in the gutter before "
    "``column`` and ``lines: 0`` a horizontal rule at the top of ``line``.",
)

RECT_AT = Record(
    "free placement",
    [
        Field("x", LENGTH, required=True, doc="from the type area's left edge"),
        Field("y", LENGTH, required=True, doc="down from the type area's top edge"),
        Field("width", LENGTH, required=True),
        Field("height", LENGTH, required=True),
    ],
    "A rect relative to the type area's top-left; em and 字 are of the body style. A rule "
    "has width 0 (vertical) or height 0 (horizontal).",
)

_GRID_KEYS = {"column", "span", "line", "lines"}
_RECT_KEYS = {"x", "y", "width", "height"}

AT = OneOf(
    "{column, span, line, lines} or {x, y, width, height}",
    [GRID_AT, RECT_AT],
    lambda v: (
        None
        if not isinstance(v, Mapping)
        else 1
        if set(v) & _RECT_KEYS and not set(v) & _GRID_KEYS
        else 0
    ),
)

HEADLINE_AREA = Record(
    "headline area",
    [
        Field("lines", int_kind(1), required=True, doc="grid lines reserved for the headline"),
        Field(
            "position",
            choice_kind("top", "right"),
            default="top",
            doc="right: 竖题, set vertically in a strip on the right of the box (``span`` "
            "basic columns wide in a horizontal box, else ``lines`` line pitches), the body "
            "to its left; every headline of a vertical box is one",
        ),
        Field("span", int_kind(1), doc="columns the headline spans; default the whole box"),
        Field(
            "byline",
            BOOL,
            default=False,
            doc="set the byline under the subhead, in the headline area, not atop the body",
        ),
    ],
)

_ARTICLE_KIND = ("article",)
_TEXT_KINDS = ("article", "figures")

BOX = Record(
    "box",
    [
        Field("id", STR, required=True, doc="unique on the page"),
        Field("kind", enum_kind(BoxKind), required=True),
        Field("at", AT, required=True, doc="placement: grid or free (see below)"),
        Field(
            "columns",
            int_kind(1),
            kinds=_ARTICLE_KIND,
            doc="破栏: body columns in the box; default its span (1 for free boxes)",
        ),
        Field(
            "article",
            STR,
            kinds=("article", "photo"),
            doc="article id; required for kind article (photo boxes: the article whose "
            "photo is shown, unless image is given)",
        ),
        Field("photo", int_kind(1), kinds=("photo",), doc="which photo of the article, 1-based"),
        Field("image", PATH, kinds=("photo",), doc="an image file instead of an article photo"),
        Field("figures", STR, required=True, kinds=("figures",), doc="figures record id"),
        Field("headline", HEADLINE_AREA, kinds=_ARTICLE_KIND),
        # Where the overflow goes: the same record as an article's ``continued_to``.
        Field("continues", CONTINUATION, kinds=_ARTICLE_KIND),
        Field("fit", choice_kind("fill", "fit"), default="fill", kinds=("photo",)),
        Field("body_style", STR, kinds=_TEXT_KINDS, doc="style for the body instead of body"),
        Field("frame", BOOL, default=False, doc="draw a rule around the box"),
        Field("shade", number_kind(0, 1), doc="grey fill, 0 (none) to 1 (black)"),
        Field("writing_mode", enum_kind(WritingMode), doc="default: the page's"),
        Field("weight", ABS_LENGTH, default="0.5pt", kinds=("rule",), doc="rule thickness"),
    ],
    "Content boxes (article, photo, figures, masthead, page-header) must lie inside the type "
    "area and may not overlap; rule and shaded boxes may overlap them.",
    kind_key="kind",
)

PRESS = Record(
    "press",
    [
        Field(
            "pdfx",
            BOOL,
            default=True,
            doc="write the press PDF (PDF/X-1a:2003); false: the proof-colour PDF "
            "(``banmian build --no-pdfx``)",
        ),
        Field("ink_limit", INK_LIMIT, default="240%", doc="total ink C+M+Y+K (newsprint 220–240%)"),
        Field(
            "resolution",
            number_kind(72, 2400),
            default=300,
            doc="press resolution in ppi; photos above 1.5× it are resampled to it",
        ),
        Field("min_ppi", number_kind(1), default=200, doc="photos below: low-resolution warning"),
        Field(
            "strict_ppi",
            number_kind(1),
            default=150,
            doc="photos below: low-resolution error (``--strict`` exits 1)",
        ),
        Field(
            "rgb",
            choice_kind("error", "convert"),
            default="error",
            doc="an RGB colour in the spec: an error, or converted to CMYK through the profile",
        ),
        Field(
            "profile",
            PATH,
            doc="CMYK ICC profile for photos and converted colours; default: Ghostscript's "
            "generic CMYK, then the ink limit",
        ),
        Field(
            "output_intent",
            STR,
            default="IFRA26",
            doc="OutputConditionIdentifier registered at color.org (IFRA26: ISO 12647-3 newsprint)",
        ),
        Field(
            "overprint",
            BOOL,
            default=True,
            doc="black (K only) text and rules overprint (/OP /op true, /OPM 1)",
        ),
        Field(
            "rich_black",
            COLOR,
            doc="black type at least ``rich_black_size`` is set in this colour, e.g. "
            "cmyk(40, 30, 30, 100); default: plain K everywhere",
        ),
        Field("rich_black_size", SIZE, default="24pt", doc="smallest type set in rich black"),
        Field("marks", BOOL, default=False, doc="crop and registration marks outside the bleed"),
        Field("slug", ABS_LENGTH, default="12mm", doc="room for the marks beyond the bleed"),
    ],
    "How the press PDF is made. Colours are written ``cmyk(c, m, y, k)`` (percent), "
    "``k(60)`` / ``grey(60)``, ``spot(NAME, c, m, y, k)`` or, if ``rgb: convert``, "
    "``#rrggbb`` / ``rgb(r, g, b)``. Every colour must stay within ``ink_limit``.",
)

SPEC = Record(
    "page spec",
    [
        Field("spec_version", int_kind(1, 1), default=1),
        Field("edition", EDITION, required=True),
        Field("page", PAGE, required=True),
        Field("grid", GRID, required=True),
        Field("header", HEADER),
        Field("press", PRESS, doc="press PDF settings (PDF/X-1a, newsprint)"),
        Field(
            "articles",
            OneOf(
                "a folder or a list of files",
                [PATH, ListOf(PATH)],
                lambda v: 1 if isinstance(v, list) else 0,
            ),
            doc="folder of article records (*.yaml), or a list of record files",
        ),
        Field("fonts", PATH, required=True, doc="fonts manifest (a YAML with ``roles:``)"),
        Field("styles", MapOf(STYLE, "a mapping of style names to styles"), required=True),
        Field("boxes", ListOf(BOX), required=True),
    ],
    "The top level of a page spec. Paths are relative to the spec file.",
)

# --------------------------------------------------------------------------- resolution


def _norm(base: Path, text: str) -> Path:
    return Path(os.path.normpath(base / text))


class _Resolver:
    def __init__(self, doc: YamlDoc, v: dict[str, Any], errors: list[SpecError]) -> None:
        self.doc = doc
        self.v = v
        self.errors = errors
        self.base = doc.file.parent
        self.failed_records: set[str] = set()
        self.settings = PressSettings()  # the spec's press section, once resolved

    def err(self, path: str, message: str, *, at_key: bool = False) -> None:
        self.errors.append(self.doc.error(path, message, at_key=at_key))

    # -- edition, fonts, styles ---------------------------------------------------------------

    def edition(self) -> Edition | None:
        e = self.v.get("edition")
        if not e or "title" not in e or "date" not in e:
            return None
        d: datetime.date = e["date"]
        return Edition(
            title=e["title"],
            subtitle=e.get("subtitle"),
            date=d,
            weekday=WEEKDAYS[d.weekday()],
            issue=e.get("issue"),
            cn=e.get("cn"),
            publisher=e.get("publisher"),
            editor=e.get("editor"),
        )

    def font_roles(self, manifest: Path) -> set[str] | None:
        """The roles of the fonts manifest, whose faces are opened and verified here (so
        ``check`` finds a bad font file as ``build`` would); errors point into the manifest."""
        if not manifest.is_file():
            what = (
                "is a folder: name the manifest file in it"
                if manifest.is_dir()
                else "does not exist"
            )
            self.err("fonts", f"fonts manifest {str(manifest)!r} {what}")
            return None
        try:
            fonts = library(manifest)
        except FontErrors as exc:
            self.errors.extend(exc.errors)
            return set(exc.roles) if exc.roles is not None else None
        return set(fonts.roles)

    def styles(self, roles: set[str] | None) -> dict[str, Style]:
        raw = self.v.get("styles")
        if raw is None:
            return {}
        absent = [name for name in REQUIRED_STYLES if name not in raw]
        if absent:
            names = ", ".join(repr(name) for name in absent)
            plural = "s" if len(absent) > 1 else ""
            needed = ", ".join(REQUIRED_STYLES)
            self.err("styles", f"missing style{plural} {names} (required: {needed})")
        out: dict[str, Style] = {}
        for name, s in raw.items():
            path = child_path("styles", name)
            if s is FAILED or "font" not in s or "size" not in s:
                continue
            if roles is not None and s["font"] not in roles:
                self.err(
                    child_path(path, "font"),
                    f"unknown font role {s['font']!r}{suggest(s['font'], sorted(roles))}; "
                    f"roles: {', '.join(sorted(roles))}",
                )
            size = s["size"]
            leading = s["leading"].to_pt(size) if "leading" in s else None
            if leading is not None and leading <= 0:
                self.err(child_path(path, "leading"), "leading must be positive")
                continue
            if leading is None or not {"indent", "letter_spacing", "align", "latin_gap"} <= set(s):
                continue
            latin_gap = s["latin_gap"].to_em(size)
            if not 0 <= latin_gap <= HAN_LATIN_MAX + 1e-9:
                self.err(
                    child_path(path, "latin_gap"),
                    f"expected a gap of 0–1/3em (justification stretches it to 1/3em at most), "
                    f"got {latin_gap:.3g}em",
                )
                continue
            out[name] = Style(
                name=name,
                font=s["font"],
                size=size,
                leading=leading,
                indent=s["indent"].to_em(size),
                align=s["align"],
                prohibition=s.get("prohibition", Prohibition.BASIC),
                punctuation=s.get("punctuation", PunctuationScheme.QUANSHEN),
                color=self.color(child_path(path, "color"), s.get("color")),
                writing_mode=s.get("writing_mode"),
                letter_spacing=s["letter_spacing"].to_em(size),
                latin_gap=latin_gap,
                quotes=s.get("quotes") or "corner",
                upright_latin=s.get("upright_latin", True),
                hyphenation=s.get("hyphenation", DEFAULT_HYPHENATION),
                normalise=s.get("normalise", Normalise.FULLWIDTH_ASCII),
            )
        return out

    # -- press --------------------------------------------------------------------------------

    def press(self) -> PressSettings:
        p = self.v.get("press") or {}
        profile = _norm(self.base, p["profile"]) if p.get("profile") else None
        if profile is not None:
            # Only a CMYK output profile: it is embedded in the PDF (layout.iccprofile).
            try:
                check_output_profile(profile)
            except IccError as exc:
                missing = not profile.exists()
                self.err(
                    "press.profile",
                    f"ICC profile {str(profile)!r} does not exist"
                    if missing
                    else f"ICC profile {display_path(profile)!r}: {exc.reason}",
                )
                profile = None
        settings = PressSettings(
            pdfx=p.get("pdfx", True),
            ink_limit=p.get("ink_limit", 240.0),
            resolution=float(p.get("resolution", 300)),
            min_ppi=float(p.get("min_ppi", 200)),
            strict_ppi=float(p.get("strict_ppi", 150)),
            rgb=p.get("rgb", "error"),
            profile=profile,
            output_condition_id=p.get("output_intent", "IFRA26"),
            overprint=p.get("overprint", True),
            rich_black_size=p.get("rich_black_size", 24.0),
            marks=p.get("marks", False),
            slug=p.get("slug", 12 * 72 / 25.4),
        )
        if settings.strict_ppi > settings.min_ppi:
            self.err("press.strict_ppi", "must not be above press.min_ppi")
        self.settings = settings
        black = self.color("press.rich_black", p.get("rich_black"))
        return replace(settings, rich_black=black)

    def color(self, path: str, value: Color | RGB | None) -> Color | None:
        """A spec colour for the press: RGB refused or converted (``press.rgb``), and every
        colour within the ink limit."""
        if value is None:
            return None
        settings = self.settings
        if isinstance(value, RGB):
            converted = rgb_to_cmyk(value, settings)
            if settings.rgb != "convert":
                self.err(
                    path,
                    f"RGB colour {value} is not for the press: write it in CMYK, e.g. "
                    f"{format_color(converted)}, or set press.rgb: convert",
                )
                return None
            return converted
        if ink(value) > settings.ink_limit + 1e-6:
            self.err(
                path,
                f"{format_color(value)} is {ink(value):.0f}% ink, over the press ink limit "
                f"{settings.ink_limit:g}% (press.ink_limit)",
            )
        return value

    # -- page and grid --------------------------------------------------------------------------

    def grid_and_page(self, styles: Mapping[str, Style]) -> tuple[Grid, PageGeometry] | None:
        g, p = self.v.get("grid"), self.v.get("page")
        if not g or not p:
            return None
        if "body_style" not in g:
            return None  # a bad value, reported by the schema
        body_name = g["body_style"]
        if body_name not in styles:
            if body_name is not None and body_name in (self.v.get("styles") or {}):
                return None  # the style itself had errors
            self.err(
                "grid.body_style",
                f"unknown style {body_name!r}{suggest(str(body_name), list(styles))}",
            )
            return None
        body = styles[body_name]
        if not {"columns", "column_width", "gutter", "lines"} <= set(g):
            return None
        column_chars = g["column_width"].to_em(body.size)
        gutter_chars = g["gutter"].to_em(body.size)
        if column_chars <= 0:
            self.err("grid.column_width", "the column width must be positive")
            return None
        if gutter_chars < 0:
            self.err("grid.gutter", "the gutter must not be negative")
            return None
        columns, lines = g["columns"], g["lines"]
        column_width = column_chars * body.size
        gutter = gutter_chars * body.size
        width = columns * column_width + (columns - 1) * gutter
        height = lines * body.leading
        if not {"number", "name", "trim", "margins", "bleed", "writing_mode"} <= set(p):
            return None
        vertical = p["writing_mode"] is WritingMode.VERTICAL_RL
        if vertical:  # bands stacked top to bottom, lines right to left
            width, height = height, width
        trim, margins = p["trim"], p["margins"]
        if not {"width", "height"} <= set(trim) or len(margins) < 5:
            return None
        x = self.place_horizontally(p["number"], trim["width"], width, margins)
        y = margins["top"]
        if width > trim["width"] + EPSILON:
            self.err(
                "grid.lines" if vertical else "grid.columns",
                f"the type area ({width:g}pt wide) does not fit in the trim width "
                f"({trim['width']:g}pt)",
            )
            return None
        if y + height > trim["height"] + EPSILON:
            self.err(
                "grid.columns" if vertical else "grid.lines",
                f"the type area (top {y:g}pt + {height:g}pt = {y + height:g}pt) runs past "
                f"the trim height ({trim['height']:g}pt)"
                if vertical
                else f"the type area (top {y:g}pt + {lines} lines × {body.leading:g}pt = "
                f"{y + height:g}pt) runs past the trim height ({trim['height']:g}pt)",
            )
            return None
        if x < -EPSILON or x + width > trim["width"] + EPSILON:
            self.err("page.margins", "the margins put the type area outside the trim")
            return None
        area = Rect(x, y, width, height)
        grid = Grid(
            columns=columns,
            column_chars=column_chars,
            gutter_chars=gutter_chars,
            lines=lines,
            body_style=body_name,
            column_width=column_width,
            gutter=gutter,
            line_pitch=body.leading,
            type_area=area,
            writing_mode=p["writing_mode"],
        )
        page = PageGeometry(
            number=p["number"],
            name=p["name"],
            trim_width=trim["width"],
            trim_height=trim["height"],
            bleed=p["bleed"],
            type_area=area,
            writing_mode=p["writing_mode"],
        )
        return grid, page

    def check_media(self, page: PageGeometry, press: PressSettings) -> None:
        """The sheet the PDF describes (trim, bleed, the slug of press marks) within the
        largest page PDF viewers and RIPs take (ISO 32000-1 Annex C.2: 200 in)."""
        extra = 2 * (page.bleed + (press.slug if press.marks else 0.0))
        for side, size in (("width", page.trim_width), ("height", page.trim_height)):
            if size + extra > MAX_LENGTH_PT + EPSILON:
                key = "press.slug" if press.marks and size <= MAX_LENGTH_PT else "page.bleed"
                self.err(
                    key,
                    f"the sheet ({side} {size:g}pt + bleed and marks {extra:g}pt) is larger than "
                    f"the largest PDF page ({MAX_LENGTH_PT:g}pt, 200in)",
                )
                return

    def place_horizontally(
        self, number: int, trim_width: float, width: float, m: Mapping[str, Any]
    ) -> float:
        odd = number % 2 == 1
        sides: dict[str, list[tuple[str, float]]] = {"left": [], "right": []}
        for key, side in (
            ("left", "left"),
            ("right", "right"),
            ("inside", "left" if odd else "right"),
            ("outside", "right" if odd else "left"),
        ):
            if m[key] != "auto":
                sides[side].append((key, m[key]))
        for side, given in sides.items():
            if len(given) > 1:
                self.err(
                    f"page.margins.{given[1][0]}",
                    f"both {given[0][0]!r} and {given[1][0]!r} set the {side} margin",
                    at_key=True,
                )
                return (trim_width - width) / 2  # go on checking the boxes
        left = sides["left"][0][1] if sides["left"] else None
        right = sides["right"][0][1] if sides["right"] else None
        if left is not None and right is not None:
            if abs(left + width + right - trim_width) > 0.5:
                key = sides["right"][0][0]
                self.err(
                    f"page.margins.{key}",
                    f"margins {left:g}pt + type area {width:g}pt + {right:g}pt ≠ trim width "
                    f"{trim_width:g}pt; set one side to auto",
                )
                return (trim_width - width) / 2  # go on checking the boxes
            return left
        if left is not None:
            return left
        if right is not None:
            return trim_width - width - right
        return (trim_width - width) / 2

    # -- boxes ------------------------------------------------------------------------------------

    def box_rect(self, path: str, kind: BoxKind, at: Mapping[str, Any], grid: Grid) -> Rect | None:
        at_path = child_path(path, "at")
        rule = kind is BoxKind.RULE
        grid_placement = AT.select(self.raw(at_path)) == 0
        needed = _GRID_KEYS if grid_placement else _RECT_KEYS
        if not needed <= set(at):
            return None  # a key is missing or bad: reported by the schema
        if grid_placement:
            column, span, line, lines = at["column"], at["span"], at["line"], at["lines"]
            ok = True
            if column > grid.columns or (rule and span == 0 and column == 1):
                lo = 2 if rule and span == 0 else 1
                self.err(
                    child_path(at_path, "column"),
                    f"expected an integer {lo}–{grid.columns}, got {column}",
                )
                ok = False
            elif span > 0 and column + span - 1 > grid.columns:
                self.err(
                    child_path(at_path, "span"),
                    f"expected an integer 1–{grid.columns - column + 1}, got {span}: column "
                    f"{column} + span {span} runs past the type area ({grid.columns} columns)",
                )
                ok = False
            max_line = grid.lines + (1 if lines == 0 else 0)
            if line > max_line:
                self.err(
                    child_path(at_path, "line"), f"expected an integer 1–{max_line}, got {line}"
                )
                ok = False
            elif lines > 0 and line + lines - 1 > grid.lines:
                self.err(
                    child_path(at_path, "lines"),
                    f"expected an integer 1–{grid.lines - line + 1}, got {lines}: line {line} "
                    f"+ {lines} lines runs past the type area ({grid.lines} lines)",
                )
                ok = False
            for key, value in (("span", span), ("lines", lines)):
                if value == 0 and not rule:
                    self.err(child_path(at_path, key), f"expected an integer ≥ 1, got {value}")
                    ok = False
            if rule and (span == 0) == (lines == 0):
                self.err(at_path, "a rule needs span: 0 (vertical) or lines: 0 (horizontal)")
                ok = False
            return grid.rect(column, span, line, lines) if ok else None
        # free placement, relative to the type area; em/字 of the body style
        em = grid.column_width / grid.column_chars
        vals = {k: at[k].to_pt(em) for k in ("x", "y", "width", "height")}
        ok = True
        for key in ("width", "height"):
            if vals[key] < 0 or (vals[key] == 0 and not rule):
                self.err(child_path(at_path, key), f"the {key} must be positive")
                ok = False
        if rule and (vals["width"] == 0) == (vals["height"] == 0):
            self.err(at_path, "a rule needs width 0 (vertical) or height 0 (horizontal)")
            ok = False
        if not ok:
            return None
        area = grid.type_area
        return Rect(area.x + vals["x"], area.y + vals["y"], vals["width"], vals["height"])

    def boxes(
        self, grid: Grid, page: PageGeometry, styles: Mapping[str, Style], records: Mapping
    ) -> tuple[list[BoxSpec], list[tuple[int, dict[str, Any]]]]:
        out: list[BoxSpec] = []
        raw_boxes: list[tuple[int, dict[str, Any]]] = []
        seen: dict[str, str] = {}
        for i, b in enumerate(self.v.get("boxes") or ()):
            path = child_path("boxes", i)
            if b is FAILED or not {"id", "kind", "at"} <= set(b):
                continue
            if b["id"] in seen:
                self.err(
                    child_path(path, "id"),
                    f"duplicate box id {b['id']!r} (also {seen[b['id']]})",
                )
                continue
            seen[b["id"]] = path
            kind: BoxKind = b["kind"]
            rect = self.box_rect(path, kind, b["at"], grid)
            if rect is None:
                continue
            if not grid.type_area.contains(rect):
                self.err(
                    child_path(path, "at"),
                    f"box {b['id']!r} lies outside the type area "
                    f"(x {rect.x - grid.type_area.x:g}–{rect.right - grid.type_area.x:g}pt, "
                    f"y {rect.y - grid.type_area.y:g}–{rect.bottom - grid.type_area.y:g}pt; "
                    f"type area {grid.type_area.width:g} × {grid.type_area.height:g}pt)",
                )
                continue
            grid_at = None
            if set(b["at"]) >= _GRID_KEYS:
                at = b["at"]
                grid_at = (at["column"], at["span"], at["line"], at["lines"])
            default_columns = grid_at[1] if grid_at and kind is BoxKind.ARTICLE else 1
            columns = b.get("columns") or default_columns
            vertical = (b.get("writing_mode") or page.writing_mode) is WritingMode.VERTICAL_RL
            length = rect.height if vertical else rect.width  # bands of a vertical box
            if columns > 1 and (length - (columns - 1) * grid.gutter) / columns <= 0:
                self.err(child_path(path, "columns"), f"{columns} columns do not fit the box")
                continue
            self.check_box_refs(path, b, kind, rect, grid, columns, styles, records)
            headline = None
            if b.get("headline") and "lines" in b["headline"]:
                h = b["headline"]
                headline = HeadlineArea(
                    h["lines"], h.get("position", "top"), h.get("span"), h.get("byline", False)
                )
            continues = None
            if b.get("continues"):
                c = b["continues"]
                continues = Continuation(box=c.get("box"), page=c.get("page"))
            image = _norm(self.base, b["image"]) if b.get("image") else None
            out.append(
                BoxSpec(
                    id=b["id"],
                    kind=kind,
                    rect=rect,
                    grid_at=grid_at,
                    columns=columns,
                    article=b.get("article"),
                    figures=b.get("figures"),
                    headline=headline,
                    continues=continues,
                    fit=b.get("fit") or "fill",
                    body_style=b.get("body_style"),
                    frame=bool(b.get("frame")),
                    shade=b.get("shade"),
                    writing_mode=b.get("writing_mode") or page.writing_mode,
                    source_pos=self.doc.pos(path),
                    image=image,
                    photo=b.get("photo") or 1,
                    weight=b.get("weight") if b.get("weight") is not None else 0.5,
                )
            )
            raw_boxes.append((i, b))
        self.check_overlaps(out)
        self.check_continuations(out, page, records)
        return out, raw_boxes

    def check_box_refs(
        self,
        path: str,
        b: Mapping[str, Any],
        kind: BoxKind,
        rect: Rect,
        grid: Grid,
        columns: int,
        styles: Mapping[str, Style],
        records: Mapping,
    ) -> None:
        if kind is BoxKind.ARTICLE and b.get("article") is None and "article" not in self.raw(path):
            self.err(child_path(path, "article"), "missing required key 'article'")
        if kind is BoxKind.PHOTO and (b.get("article") is None) == (b.get("image") is None):
            if "article" not in self.raw(path) and "image" not in self.raw(path):
                self.err(path, "a photo box needs 'article' (its photo) or 'image'")
            elif "article" in self.raw(path) and "image" in self.raw(path):
                self.err(
                    child_path(path, "image"),
                    "give either 'article' or 'image', not both",
                    at_key=True,
                )
        if b.get("article") is not None:
            self.check_record(child_path(path, "article"), b["article"], Article, records)
        if b.get("figures") is not None:
            self.check_record(child_path(path, "figures"), b["figures"], FiguresRecord, records)
        if kind is BoxKind.PHOTO:
            self.check_photo(path, b, records)
        if b.get("body_style") is not None and b["body_style"] not in self.style_names():
            self.err(
                child_path(path, "body_style"),
                f"unknown style {b['body_style']!r}{suggest(b['body_style'], list(styles))}",
            )
        h = b.get("headline")
        if h and "lines" in h:
            # A 竖题 (position right, or any headline of a vertical box) is a strip of
            # ``lines`` line pitches across the box's width.
            mode = b.get("writing_mode") or grid.writing_mode
            across = h.get("position", "top") == "right" or mode is WritingMode.VERTICAL_RL
            box_lines = round((rect.width if across else rect.height) / grid.line_pitch)
            if h["lines"] >= box_lines:
                self.err(
                    child_path(path, "headline.lines"),
                    f"expected an integer 1–{box_lines - 1}, got {h['lines']}: the headline "
                    f"leaves no room for the body ({box_lines} lines in the box)",
                )
            if h.get("span") is not None and h["span"] > columns:
                self.err(
                    child_path(path, "headline.span"),
                    f"expected an integer 1–{columns}, got {h['span']}",
                )
        c = b.get("continues")
        if c is not None and (c.get("box") is None) == (c.get("page") is None):
            self.err(child_path(path, "continues"), "give exactly one of 'page' and 'box'")

    def style_names(self) -> list[str]:
        """Every style the spec names, those with errors too (reported already)."""
        return list(self.v.get("styles") or ())

    def raw(self, path: str) -> Mapping[str, Any]:
        node: Any = self.doc.value
        for part in path.replace("[", ".").replace("]", "").split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def check_record(self, path: str, ref: str, cls: type, records: Mapping) -> None:
        failed: set[str] = self.failed_records
        record = records.get(ref)
        if record is None:
            if ref in failed:
                return  # its file had errors, reported already
            ids = sorted(k for k, r in records.items() if isinstance(r, cls))
            what = "article" if cls is Article else "figures record"
            where = f"; known: {', '.join(ids)}" if ids else "; no records loaded (see 'articles')"
            self.err(path, f"unknown {what} {ref!r}{suggest(ref, ids)}{where}")
        elif not isinstance(record, cls):
            other = "a figures record" if isinstance(record, FiguresRecord) else "an article"
            self.err(path, f"{ref!r} is {other} ({record.path})")

    def check_photo(self, path: str, b: Mapping[str, Any], records: Mapping) -> None:
        """The image a photo box places is opened and decoded (layout.imagefiles); a bad
        one is an error where the file is named: the box's ``image`` or the article's
        ``photos[i].file``."""
        if b.get("image") is not None:
            image = _norm(self.base, b["image"])
            problem = image_problem(image)
            if problem is not None:
                self.err(child_path(path, "image"), problem)
            return
        article = records.get(b.get("article"))
        if not isinstance(article, Article):
            return
        index = b.get("photo") or 1
        if index > len(article.photos):
            have = len(article.photos)
            self.err(
                child_path(path, "photo" if "photo" in self.raw(path) else "article"),
                f"article {article.id!r} has {have} photo{'s' if have != 1 else ''}"
                f" (photo {index} requested)",
            )
            return
        photo = article.photos[index - 1]
        problem = image_problem(photo.file)
        if problem is not None:
            self.errors.append(
                SpecError(
                    f"{problem} (placed by box {b['id']!r} at {self.doc.pos(path)})",
                    pos=photo.source_pos,
                    key_path=f"photos[{index - 1}].file",
                )
            )

    def check_overlaps(self, boxes: list[BoxSpec]) -> None:
        content = [(i, b) for i, b in enumerate(boxes) if b.kind.is_content]
        for n, (_, later) in enumerate(content):
            for _, earlier in content[:n]:
                if later.rect.intersects(earlier.rect):
                    path = self.box_path(later.id)
                    self.err(
                        child_path(path, "at"),
                        f"box {later.id!r} overlaps box {earlier.id!r} "
                        f"(defined at line {earlier.source_pos.line})",
                    )

    def box_path(self, box_id: str) -> str:
        for i, b in enumerate(self.doc.value.get("boxes") or ()):
            if isinstance(b, Mapping) and b.get("id") == box_id:
                return child_path("boxes", i)
        return "boxes"

    def check_continuations(
        self, boxes: list[BoxSpec], page: PageGeometry, records: Mapping
    ) -> None:
        ids = {b.id: b for b in boxes}
        for box in boxes:
            c = box.continues
            if c is None or (c.box is None) == (c.page is None):
                continue
            key = "box" if c.box is not None else "page"
            path = child_path(child_path(self.box_path(box.id), "continues"), key)
            if c.box is not None:
                target = ids.get(c.box)
                if target is None or target.kind is not BoxKind.ARTICLE or target.id == box.id:
                    names = [b.id for b in boxes if b.kind is BoxKind.ARTICLE and b.id != box.id]
                    self.err(path, f"unknown article box {c.box!r}{suggest(c.box, names)}")
                    continue
            elif c.page == page.number:
                self.err(path, f"the story continues on its own page ({page.number})")
                continue
            article = records.get(box.article or "")
            if isinstance(article, Article) and article.continued_to not in (None, c):
                self.err(
                    path,
                    f"the box continues to {_jump(c)} but article {article.id!r} says "
                    f"continued_to {_jump(article.continued_to)}",
                )


def _jump(c: Continuation | None) -> str:
    if c is None:
        return "nothing"
    return f"page {c.page}" if c.page is not None else f"box {c.box!r}"


def _sort_key(e: SpecError) -> tuple[int, str, int, int]:
    if e.pos is None:
        return (0, "", 0, 0)
    return (1, str(e.pos.file), e.pos.line, e.pos.column)


def load_spec(path: Path | str) -> PageSpec:
    """Load, validate and resolve a page spec. Raises SpecErrors listing every problem (sorted
    by file and position). Paths in the spec are relative to the spec file."""
    errors: list[SpecError] = []
    try:
        doc = load_yaml(path)
    except SpecError as exc:
        raise SpecErrors([exc]) from None
    v = SPEC.check(doc, "", doc.value, errors)
    if v is FAILED:
        raise SpecErrors(errors)
    r = _Resolver(doc, v, errors)
    edition = r.edition()
    press = r.press()

    fonts_manifest = _norm(r.base, v["fonts"]) if "fonts" in v else None
    roles = r.font_roles(fonts_manifest) if fonts_manifest is not None else None
    styles = r.styles(roles)

    articles_dir: Path | None = None
    article_files: tuple[Path, ...] = ()
    src = v.get("articles")
    if isinstance(src, str):
        articles_dir = _norm(r.base, src)
        if articles_dir.is_dir():
            article_files = tuple(article_paths(articles_dir))
        else:
            r.err("articles", f"articles folder {str(articles_dir)!r} does not exist")
    elif isinstance(src, list):
        files = []
        for i, item in enumerate(src):
            if item is FAILED:
                continue
            file = _norm(r.base, item)
            if file.is_file():
                files.append(file)
            elif file.is_dir():
                r.err(
                    child_path("articles", i),
                    f"{str(file)!r} is a folder: list article files, or give the folder as "
                    "articles: FOLDER",
                )
            else:
                r.err(child_path("articles", i), f"article file {str(file)!r} does not exist")
        article_files = tuple(files)
    records, failed = collect_articles(article_files, errors)
    r.failed_records = failed

    boxes: list[BoxSpec] = []
    geometry = r.grid_and_page(styles)
    if geometry is not None:
        grid, page = geometry
        boxes, _ = r.boxes(grid, page, styles, records)
        r.check_media(page, press)

    if errors:
        raise SpecErrors(sorted(errors, key=_sort_key))
    assert edition is not None and geometry is not None and fonts_manifest is not None
    header = v.get("header") or {}
    return PageSpec(
        path=doc.file,
        edition=edition,
        page=geometry[1],
        grid=geometry[0],
        styles=styles,
        boxes=tuple(boxes),
        articles_dir=articles_dir,
        article_files=article_files,
        fonts_manifest=fonts_manifest,
        articles=records,
        header=HeaderSpec(show=header.get("show", True)),
        press=press,
    )


# --------------------------------------------------------------------------- reference doc

_INTRO = """\
# Page spec reference

<!-- Generated by `python -m layout.spec --reference > docs/spec-reference.md` from the schema
tables in layout/spec.py and layout/articles.py; edit those, not this file. -->

A page is described by one YAML page spec (`page_specs/*.yaml`) plus article records
(`articles/*.yaml`). Validation reports every problem at once, one line each:

```
page_specs/front.yaml:41:18: boxes[2].at.column: expected an integer 1–8, got 9
```

Key paths use 0-based indexes (`boxes[2]` is the third box). Paths inside a spec are relative
to the spec file; photo files are relative to the article file.

## Sizes and lengths

| unit | meaning |
|------|---------|
| `9pt`, `12` | points (a bare number is points) |
| `3.5mm`, `0.5cm`, `1in` | absolute; 1 mm = 72/25.4 pt |
| `1.25em` | ems of the style's own size (in `grid` and box placements: of the body style) |
| `2字` | characters: the same as em, written the way editors count |
| `小五`, `一号` … | 号 sizes, below |

Font sizes (`size`) must be absolute: pt, mm or a 号 name.

{hao_table}

## Grid arithmetic

The 对开 broadsheet: 8 basic columns (基本栏) of 13 characters of 小五 (9 pt) with a
1-character gutter (栏空). With column width *c* and gutter *g* in characters:

- type area width = columns × *c* + (columns − 1) × *g* characters
  (8 × 13 + 7 = 111 字 = 999 pt at 9 pt);
- 长栏 of *n* basic columns = *n* × *c* + (*n* − 1) × *g* characters
  (13, 27, 41, 55, 69 … ; 3 columns = 41 字 = 369 pt);
- 破栏 re-divides a box of width *W* characters into *k* equal columns of
  (*W* − (*k* − 1) × *g*) / *k* characters (the box key `columns`);
- type area height = `grid.lines` × the body style's leading; grid line *l* starts
  (*l* − 1) × leading below the type area's top.

The page header (眉头) sits in the top margin above the type area and is generated from
`edition` and `page`; every box lies inside the type area.
"""


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("``", "`")


def _yaml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _record_table(record: Record) -> list[str]:
    lines = [f"### {record.name}", ""]
    if record.doc:
        lines += [_md_cell(record.doc), ""]
    lines += ["| key | type | required | default | notes |", "|---|---|---|---|---|"]
    for f in record.fields:
        default = "" if f.default is None else f"`{_yaml_text(f.default)}`"
        notes = f.doc
        if f.kinds is not None:
            notes = (
                (notes + "; " if notes else "")
                + f"only for {record.kind_key}: "
                + ", ".join(f.kinds)
            )
        kind = f.kind.describe
        lines.append(
            f"| `{f.name}` | {_md_cell(kind)} | {'yes' if f.required else ''} | {default} "
            f"| {_md_cell(notes)} |"
        )
    return lines + [""]


def reference_markdown() -> str:
    """The page spec and article record reference, generated from the schema tables."""
    hao = ["| name | pt |", "|---|---|"] + [f"| {k} | {v:g} |" for k, v in HAO_SIZES.items()]
    out = [_INTRO.replace("{hao_table}", "\n".join(hao)), "## Page spec", ""]
    for record in SPEC.records():
        out += _record_table(record)
    out += ["## Article records", ""]
    for record in ARTICLE.records():
        out += _record_table(record)
    return "\n".join(out).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args == ["--reference"]:
        sys.stdout.write(reference_markdown())
        return 0
    if len(args) == 1:
        try:
            load_spec(args[0])
        except SpecErrors as exc:
            print(exc, file=sys.stderr)
            return EXIT_BAD_INPUT
        print(f"{args[0]}: ok")
        return 0
    print("usage: python -m layout.spec --reference | SPEC.yaml", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main())
