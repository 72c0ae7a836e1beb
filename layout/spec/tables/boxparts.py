"""The sub-records of a box: its headline area, copy-fitting limits, thread, wrap, the
masthead's logotype and the facts a masthead or ear prints.

Contract: each table validates and documents one sub-record of a box
(:data:`~layout.spec.tables.boxes.BOX`; the crop of a photo box is the article records'
:data:`layout.articles.CROP`); what needs the whole page (a thread's box, a wrap over a
story) is checked by the resolver.
"""

from __future__ import annotations

from collections.abc import Mapping

from layout.schema import BOOL, STR, Field, ListOf, OneOf, Record, choice_kind, enum_kind, int_kind
from layout.spec.model import DEFAULT_HEADLINE_SLACK, DEFAULT_MOVE, Fact
from layout.spec.tables.values import COLOR, LENGTH, PATH

HEADLINE_AREA = Record(
    "headline area",
    [
        Field(
            "lines",
            int_kind(1),
            doc="grid lines reserved for the headline, required but on a 横排 box's 竖题 strip "
            "of ``span`` basic columns, whose width is its span (refused there: it would do "
            "nothing); a head that needs more is reported "
            "(overset) and takes the lines it needs, the body starting below it, to at most "
            "the box (a line past the box is not printed; a 竖题 strip of lines grows only as "
            "far as leaves the body's columns 2 characters each)",
        ),
        Field(
            "position",
            choice_kind("top", "right"),
            default="top",
            doc="right: 竖题, set vertically in a strip on the right of the box (``span`` "
            "basic columns wide in a horizontal box, else ``lines`` line pitches), the body "
            "to its left in the box's ``columns`` (by default the basic columns the strip "
            "leaves), one gutter apart; a strip leaving no column of 2 characters is an "
            "error; every headline of a vertical box is one (top is refused there)",
        ),
        Field(
            "span",
            int_kind(1),
            doc="basic columns the headline spans, at most the box's (however many columns "
            "its body is re-divided into, 破栏); default the whole box; refused on a 竖排 box "
            "(its 竖题 is ``lines`` line pitches wide)",
        ),
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
            "[N, N] holds it; a 竖题 strip of lines is given no more than leave the body's "
            "columns 2 characters each (a MAX past that is an error)",
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
            "box's own ``columns`` among them; each must leave the columns a width: beside a "
            "竖题 strip, in the room it leaves, as ``columns`` does); default held",
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
