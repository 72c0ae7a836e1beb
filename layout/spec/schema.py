"""The page spec's schema: one table per section, written once.

The same :class:`~layout.schema.Record` tables validate a spec (every fault reported with
file:line:column and key path, :func:`layout.spec.load_spec`) and generate
``docs/spec-reference.md`` (:mod:`layout.spec.reference`). :data:`SPEC` is the top level;
the scalar parsers here read the page spec's own value types (lengths, sizes, margins,
colours, the ink limit, the Han–Western gap) and refuse a bad one with
:class:`~layout.schema.Invalid`. What the tables cannot say (a box inside the type area, a
known style or article, margins that add up) is checked by the resolver.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from layout.articles import CROP, HYPHENATION, TEXT
from layout.geometry import WritingMode
from layout.page import Color
from layout.press import COLOR_HELP, RGB, parse_color
from layout.schema import (
    BOOL,
    DATE,
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
)
from layout.spec.model import (
    DEFAULT_HEADLINE_SLACK,
    DEFAULT_INTERTITLE_SPACE,
    DEFAULT_MARK,
    DEFAULT_MOVE,
    JUMP_IN,
    JUMP_OUT,
    MARKED_STYLES,
    OPTIONAL_STYLES,
    REQUIRED_STYLES,
    BoxKind,
    Fact,
)
from layout.text.options import Align, Normalise, Prohibition, PunctuationScheme
from layout.text.words import DEFAULT_HYPHENATION
from layout.units import (
    LENGTH_HELP,
    SIZE_HELP,
    Length,
    LengthRangeError,
    Unit,
    parse_length,
    parse_size,
)

# --------------------------------------------------------------------------- value types


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

EDITION = Record(
    "edition",
    [
        Field("title", STR, required=True, doc="paper title (报头), e.g. 今日平湖"),
        Field("subtitle", STR, doc="e.g. the title in pinyin"),
        Field("date", DATE, required=True, doc="issue date; the weekday (星期三) is derived"),
        Field("issue", STR, doc="期号, e.g. 第7188期"),
        Field(
            "cn",
            CN,
            doc="国内统一连续出版物号, printed (国内统一连续出版物号：CN 33-0032) only when given",
        ),
        Field("postal", STR, doc="邮发代号, e.g. 31-36; printed (邮发代号：31-36) only when given"),
        Field("publisher", STR, doc="e.g. 中共平湖市委机关报"),
        Field(
            "editor",
            STR,
            doc="责任编辑: printed in the page header, or where a masthead or ear box lists it",
        ),
        Field(
            "lunar",
            BOOL,
            default=False,
            doc="print the 农历 date (农历乙巳年四月初三) on the line under the date in the "
            "masthead or ear, in the box's ``style`` (the page header prints the date alone)",
        ),
    ],
    "The issue: printed by the masthead (报头), the ear (报眼) and the page header. Each "
    "fact is printed once on a page: in the masthead or ear box whose ``facts`` list it, "
    "else in the masthead (what no box lists, unless the page header prints it).",
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
        Field(
            "number",
            int_kind(1),
            required=True,
            doc="page (版) number; a page listed in an edition takes the list's (a number "
            "written here that differs is overridden, with a note)",
        ),
        Field("name", STR, required=True, doc="page name, e.g. 要闻; in an edition, the list's"),
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


def _wording(value: Any) -> str:
    """A jump line's wording: text with ``{page}`` once, and no other braces."""
    if not isinstance(value, str) or value.count("{page}") != 1:
        raise Invalid()
    if "{" in value.replace("{page}", "") or "}" in value.replace("{page}", ""):
        raise Invalid()
    return value


WORDING = Scalar(
    "text with {page} once (the other page's number), e.g. （下转第{page}版）", _wording
)

JUMPS = Record(
    "jumps",
    [
        Field(
            "out",
            WORDING,
            default=JUMP_OUT,
            doc="下转: at the foot of the last column "
            "before a jump to another page; ``{page}``: the page the story goes on on",
        ),
        Field(
            "in",
            WORDING,
            default=JUMP_IN,
            doc="上接: at the head of the continuation; ``{page}``: the page the story comes from",
        ),
    ],
    "The jump lines, generated (never typed) where a box's ``continues`` takes its story to "
    "another page, set in the ``jump`` style with the page numbers of the pages the text "
    "really goes to and comes from. A thread within one page prints no jump line.",
)

CONTINUES = Record(
    "continues",
    [
        Field("box", STR, required=True, doc="id of the article box the story goes on in"),
        Field(
            "page",
            int_kind(1),
            doc="the number of the page that box is on (``page.number`` of a page of the "
            "edition); default: this page",
        ),
        Field(
            "spec",
            PATH,
            doc="instead of ``page``: the page spec of the page that box is on, whose number "
            "the edition's list of pages gives (the spec extends the edition file): "
            "renumber the edition and the thread and its jump lines follow",
        ),
    ],
    "A thread: what the box cannot hold goes on in box ``box`` (of page ``page``), from the "
    "character where its last line ended. That box names no article of its own: its story "
    "is this one (its headline area holds the 转版 head: the article's ``jump_head``, else "
    "its 主题, in the style its ``headline`` names). A box reached by no text is reported "
    "(empty-continuation); a jump to a page or box that does not exist, a thread that loops "
    "and two boxes continuing into one are errors.",
)

HEADER = Record(
    "header",
    [
        Field(
            "show",
            BOOL,
            doc="print the page header (眉头); default: false on page 1 (the masthead's "
            "page), true on every other page",
        )
    ],
    "The page header (眉头: date, 第N版 and page name, editor) is generated from ``edition`` "
    "and ``page`` and set above the type area, or in the ``page-header`` box when there is "
    "one. It leaves out the date and the editor when a masthead or ear box prints them.",
)

STYLE = Record(
    "style",
    [
        Field("font", STR, required=True, doc="a font role from the fonts manifest"),
        Field(
            "size",
            SIZE_OR_RANGE,
            required=True,
            doc="font size: pt, mm or a 号 name. A headline style (``kicker``, ``headline``, "
            "``subhead``, a box's ``headline.style``) may give a range ``MIN..MAX`` "
            "(``一号..小初``): each head is set at the largest size, in half points, whose "
            "lines fit its measure whole-word and whose block fits its headline area (see "
            "``fill``); relative lengths are ems of MAX, and the leading keeps its ratio to "
            "the size. Set outside a headline block (a photo's title, the figures box), a "
            "range style takes MAX",
        ),
        Field(
            "fill",
            number_kind(0.1, 1),
            doc="with a size range: the fraction of its measure a head's widest line should "
            "fill; the largest size that reaches it is taken, else the largest that fits "
            "(a one-line head filling the measure rather than two half-empty lines)",
        ),
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
        Field(
            "mark",
            MARK,
            doc=f"the {' and '.join(MARKED_STYLES)} styles only: the mark opening the first "
            f"line of a byline or photo credit (default {DEFAULT_MARK}); ``none``: no mark",
        ),
    ],
    "A text style. Relative lengths (em, 字) are ems of the style's own size. Required "
    "styles: "
    + ", ".join(REQUIRED_STYLES)
    + ". Optional: "
    + ", ".join(OPTIONAL_STYLES)
    + " (本报讯 and 新华社…电; when not given, the body style in font role hei, or in the "
    "body's font when the fonts manifest has no hei. It runs in the first line of the body, "
    "one fixed em before the text, so its size and colour must be the body's: its font is "
    "what it changes).",
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

# The keys that tell a grid placement from a free one.
GRID_KEYS = frozenset({"column", "span", "line", "lines"})
RECT_KEYS = frozenset({"x", "y", "width", "height"})

AT = OneOf(
    "{column, span, line, lines} or {x, y, width, height}",
    [GRID_AT, RECT_AT],
    lambda v: (
        None
        if not isinstance(v, Mapping)
        else 1
        if set(v) & RECT_KEYS and not set(v) & GRID_KEYS
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
        Field(
            "style",
            STR,
            default="headline",
            doc="the style of the 主题: a style of ``styles``, e.g. a ``lead_headline`` with a "
            "larger size range for the lead story (引题 and 副题 keep ``kicker`` and "
            "``subhead``)",
        ),
    ],
)

_ARTICLE_KIND = ("article",)

COPYFIT = Record(
    "copyfit",
    [
        Field(
            "headline_lines",
            ListOf(int_kind(1), min_len=2),
            doc="[MIN, MAX]: the lines the headline block may be given when the page is "
            "fitted (the head is set at the largest size of its style's range that fits, so "
            f"fewer lines give a smaller head); default the block's lines ±"
            f"{DEFAULT_HEADLINE_SLACK}, at least 1, never fewer than the head needs; "
            "[N, N] holds it",
        ),
        Field(
            "move",
            int_kind(0),
            doc="the grid lines the box's top or foot may move when it shares the edge with a "
            "box stacked on it in the same columns (both boxes' ``move`` bound the edge); 0 "
            f"holds the box's edges; default {DEFAULT_MOVE} (a photo box with a ``height`` "
            "range: as far as the range needs)",
        ),
        Field(
            "columns",
            ListOf(int_kind(1), min_len=2),
            doc="破栏: the body columns the fit may re-divide the box into, e.g. [3, 4] (the "
            "box's own ``columns`` among them; each must leave the columns a width); default "
            "held",
        ),
        Field(
            "intertitle_space",
            ListOf(int_kind(0), min_len=2),
            doc="[MIN, MAX]: the blank grid lines before each intertitle the fit may set "
            "(the box's ``intertitle_space``, which the range must hold); default held",
        ),
        Field(
            "height",
            ListOf(int_kind(1), min_len=2),
            doc="a photo box (``fit: fill``): [MIN, MAX], the grid lines tall the fit may make "
            "it (its ``at.lines`` among them; its edges then move as far as the range needs "
            "unless ``move`` is given), the picture cropped to fill it about the crop's "
            "``focus`` or within its ``box`` whatever the height; default the box's lines ± "
            "``move``",
        ),
    ],
    "Limits of ``banmian fit`` (copy-fitting) for an article or photo box. ``fit`` changes only"
    " these, one lever at a time in this order: the headline block's lines, then the boundary "
    "between two boxes on the grid stacked in the same columns (the upper's foot line + 1 is "
    "the lower's top), by whole grid lines, then a box moved whole between two such boundaries,"
    " then the box's body columns (破栏, only where ``columns`` is given), then the blank lines "
    "before the intertitles (only where ``intertitle_space`` is given). A photo box (``fit: "
    "fill`` only: the picture is cropped to its new height) takes part only when it has "
    "``copyfit``; an article box by default. Body size, leading, tracking and column width "
    "never change, and no text is cut.",
)
_WRAPPED_KINDS = ("photo", "figures")

WRAP = Record(
    "wrap",
    [
        Field(
            "standoff",
            LENGTH,
            default="1字",
            doc="the room kept clear between the box and the text around it, on every side "
            "(≥ 0; 字 and em of the body style)",
        ),
    ],
    "串文 (图文互斥): the box may stand over an article box's body, and the story's lines run "
    "around it on the baseline grid: a line the box (grown by its stand-off) crosses "
    "entirely is skipped, the columns above and below it read in order; a line it crosses "
    "in part is set shorter, on the longer side of the box only, and skipped when fewer "
    "than 4 characters would stand there. The stories the box overlaps run around it (a "
    "story beside it keeps its gutter). The box must stand over a story, and may not cover "
    "an article's headline area, its whole body, or another box that is not an article; "
    "the column's body keeps "
    "its copy-fitting numbers around it (capacity, empty lines, overset).",
)
_TEXT_KINDS = ("article", "figures")
_FURNITURE_KINDS = ("masthead", "ear")
_ADVERT_KIND = ("advert",)

LOGOTYPE = Record(
    "logotype",
    [
        Field(
            "style",
            STR,
            doc="the edition's title set in this style (its font role, size, letter "
            "spacing) as the logotype; default ``masthead``; shrunk to fit the box, never "
            "enlarged",
        ),
        Field(
            "image",
            PATH,
            doc="artwork instead of type: an SVG or PDF file (vector, its first page for a "
            "PDF, drawn in ``color``; text in it must be converted to outlines) or a PNG, "
            "JPEG or TIFF picture (converted to CMYK as photos are); scaled to fit the box, "
            "its proportions kept",
        ),
        Field(
            "color",
            COLOR,
            doc="the ink of a type or vector logotype, e.g. spot(PANTONE 485 C, 0, 95, 100, "
            "0) or cmyk(0, 100, 100, 0): every shape of an SVG or PDF is painted in it, white ones "
            "stay paper white; default the style's colour, else black. Not for a picture, "
            "which prints in its own colours",
        ),
        Field(
            "subtitle_style",
            STR,
            default="header",
            doc="style of the edition's subtitle (pinyin), set under the logotype in its ink "
            "and spread to its width (at most 1 em between letters, then centred)",
        ),
    ],
    "The masthead's logotype (报头字): the title in type, or an artwork file; ``style`` and "
    "``image`` exclude each other.",
)

FACT_ITEM = Record(
    "fact",
    [
        Field("fact", enum_kind(Fact), required=True),
        Field("style", STR, doc="this fact's style instead of the box's ``style``"),
    ],
)

FACT = OneOf(
    "a fact name (" + ", ".join(f.value for f in Fact) + ") or {fact, style}",
    [enum_kind(Fact), FACT_ITEM],
    lambda v: 0 if isinstance(v, str) else 1 if isinstance(v, Mapping) else None,
)

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
            doc="article id; required for kind article but for a box a thread continues in "
            "(see ``continues``: its story is the one continued); photo boxes: the article "
            "whose photo is shown, unless image is given",
        ),
        Field("photo", int_kind(1), kinds=("photo",), doc="which photo of the article, 1-based"),
        Field("image", PATH, kinds=("photo",), doc="an image file instead of an article photo"),
        Field("figures", STR, required=True, kinds=("figures",), doc="figures record id"),
        Field("headline", HEADLINE_AREA, kinds=_ARTICLE_KIND),
        Field(
            "intertitle_space",
            int_kind(0),
            default=DEFAULT_INTERTITLE_SPACE,
            kinds=_ARTICLE_KIND,
            doc="blank grid lines before each intertitle (小标题) of the story, so that it "
            "stands off the text above (none at the head of a column)",
        ),
        Field(
            "copyfit",
            COPYFIT,
            kinds=("article", "photo"),
            doc="what ``banmian fit`` may change in the box, within limits (see below)",
        ),
        # Where the overflow goes: the next box of the story's thread.
        Field("continues", CONTINUES, kinds=_ARTICLE_KIND),
        Field(
            "fit",
            choice_kind("fill", "fit"),
            default="fill",
            kinds=("photo",),
            doc="``fill``: the picture covers its area, cropped (centred, or about the crop's "
            "``focus``); ``fit``: the whole picture (or the crop's ``box``) is shown, "
            "letterboxed",
        ),
        Field(
            "crop",
            CROP,
            kinds=("photo",),
            doc="how the picture is cropped in this box (see crop below): for the box's "
            "``image``, or instead of the crop its article's photo record gives",
        ),
        Field(
            "wrap",
            WRAP,
            kinds=_WRAPPED_KINDS,
            doc="set the box over a story's columns, the story running around it (see "
            "below); without it a box over another is an error",
        ),
        Field(
            "fill",
            choice_kind("foot", "balance"),
            default="foot",
            kinds=_ARTICLE_KIND,
            doc="how the story's columns end: at the box's foot (a story a few lines short or "
            "over is drawn out or pulled in through its longest paragraphs, within the "
            "spacing rules; the jump line at the foot), or balanced on one grid line",
        ),
        Field(
            "title",
            TEXT,
            kinds=("photo",),
            doc="the title over the caption: ``headline`` (the article's, the default for an "
            "article's photo), ``none`` (the default for an ``image``), or the title's text",
        ),
        Field("body_style", STR, kinds=_TEXT_KINDS, doc="style for the body instead of body"),
        Field(
            "logotype",
            LOGOTYPE,
            kinds=("masthead",),
            doc="the title as logotype, on the left; default the title in the ``masthead`` style",
        ),
        Field(
            "facts",
            ListOf(FACT),
            kinds=_FURNITURE_KINDS,
            doc="the edition's facts the box prints, in order, one a line (date: "
            "2025年4月30日 星期三, with the 农历 line when ``edition.lunar``; issue; cn; "
            "postal; publisher; editor); a fact is printed once a page. A masthead lists "
            "them beside its logotype; default: every fact the edition gives that no other "
            "box lists and the page header does not print. An ear's default: date, issue",
        ),
        Field(
            "text",
            ListOf(STR),
            kinds=_FURNITURE_KINDS,
            doc="free lines after the facts, e.g. 今日8版 or the weather",
        ),
        Field(
            "style",
            STR,
            default="header",
            kinds=_FURNITURE_KINDS,
            doc="style of the facts and the free lines (its ``align`` places them)",
        ),
        Field(
            "file",
            PATH,
            required=True,
            kinds=_ADVERT_KIND,
            doc="the advertisement: a PDF (placed as it is, its trim box, else crop box, "
            "else media box, scaled into the box) or a JPEG, PNG or TIFF picture (converted "
            "for the press as photos are)",
        ),
        Field(
            "page",
            int_kind(1),
            kinds=_ADVERT_KIND,
            doc="the page of a PDF advertisement, 1-based (default 1); an error for a picture",
        ),
        Field(
            "tolerance",
            ABS_LENGTH,
            default="1mm",
            kinds=_ADVERT_KIND,
            doc="how far the advertisement's size may differ from the box's, on either side, "
            "before it is an error: within it the ad is scaled into the box, its proportions "
            "kept, and centred; beyond it it is placed so too and reported (ads are sold by "
            "size: the file or the box is wrong)",
        ),
        Field("frame", BOOL, default=False, doc="draw a rule around the box"),
        Field("shade", number_kind(0, 1), doc="grey fill, 0 (none) to 1 (black)"),
        Field("writing_mode", enum_kind(WritingMode), doc="default: the page's"),
        Field("weight", ABS_LENGTH, default="0.5pt", kinds=("rule",), doc="rule thickness"),
    ],
    "Content boxes (article, photo, figures, masthead, ear, page-header, advert) must lie "
    "inside the type area and may not overlap, but a photo or figures box with ``wrap`` over "
    "an article box's body; rule and shaded boxes may overlap them. An "
    "advert box (广告) places its ``file`` as it is, with no title or caption: its size is "
    "checked against the box, and a PDF's content against the press rules (RGB or ICC-based "
    "colour, transparency, fonts not embedded, total ink over ``press.ink_limit``: each an "
    "error naming the box and the file; the ad is placed all the same, for the proof). A "
    "missing or damaged file is an error on the page (the box is marked), not a stop. A page "
    "has at most one masthead (报头: the logotype, facts beside it) and one page-header box (the "
    "眉头 set there instead of above the type area); an ear (报眼) prints facts and free "
    "lines.",
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
        Field(
            "extends",
            PATH,
            doc="a shared file (an edition file, or any file of page spec keys) whose values "
            "this spec takes where it gives none: mappings merge key by key at every depth "
            "(a style, an edition fact or a press setting of the spec wins), a list or a "
            "plain value replaces whole; an error in a value taken from it is reported at "
            "its line and column there. The shared file may extend another. When the file "
            "is an edition that lists this spec, the page's number and name are the list's",
        ),
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
        Field(
            "fonts",
            PATH,
            doc="fonts manifest (a YAML with ``roles:``); default: the manifest of the open "
            "fonts banmian ships (Noto Serif/Sans CJK SC, LXGW WenKai; roles song, "
            "song-heavy, hei, hei-regular, hei-heavy, kai)",
        ),
        Field("styles", MapOf(STYLE, "a mapping of style names to styles"), required=True),
        Field("jumps", JUMPS, doc="the wording of the generated jump lines"),
        Field("boxes", ListOf(BOX), required=True),
    ],
    "The top level of a page spec. A path is relative to the file it is written in (the "
    "spec, or the shared file it extends).",
)
