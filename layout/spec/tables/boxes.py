"""A box of the page: one table for every kind (article, photo, figures, masthead, ear,
page-header, advert, rule, shaded), each key marked with the kinds it applies to.

Contract: :data:`BOX` validates and documents a box; its ``kind`` is read first, so a key
of another kind is an error and a kind's required keys are required only of it. Placement
inside the type area, overlaps and the records a box names are checked by the resolver.
"""

from __future__ import annotations

from layout.articles import CROP, TEXT
from layout.geometry import WritingMode
from layout.schema import (
    BOOL,
    STR,
    Field,
    ListOf,
    Record,
    choice_kind,
    enum_kind,
    int_kind,
    number_kind,
)
from layout.spec.model import DEFAULT_INTERTITLE_SPACE, BoxKind
from layout.spec.tables.boxparts import CONTINUES, COPYFIT, FACT, HEADLINE_AREA, LOGOTYPE, WRAP
from layout.spec.tables.placement import AT
from layout.spec.tables.values import ABS_LENGTH, PATH

# The kinds a key applies to.
_ARTICLE_KIND = ("article",)
_WRAPPED_KINDS = ("photo", "figures")
_TEXT_KINDS = ("article", "figures")
_FURNITURE_KINDS = ("masthead", "ear")
_ADVERT_KIND = ("advert",)

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
            doc="破栏: body columns in the box, in the room a 竖题 strip leaves beside them "
            "(headline position: right); each must hold 2 characters; default its span, less "
            "a strip's basic columns (1 for free boxes, and for a 横排 box on a 竖排 page, whose "
            "span counts bands stacked top to bottom)",
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
        Field(
            "headline",
            HEADLINE_AREA,
            kinds=_ARTICLE_KIND,
            doc="the headline area (see below); without it, the first box of a story prints no "
            "引题, 主题 or 副题, and says so (a warning, unprinted-headline)",
        ),
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
        Field(
            "repeat",
            BOOL,
            default=False,
            kinds=_ARTICLE_KIND,
            doc="the box sets again, on purpose, the story a box before it (of the page, or "
            "of an earlier page of the edition) sets: without it an article set twice is an "
            "error (a mistyped id, the usual cause); a story that goes on in another box is "
            "a thread (``continues``), not a repeat",
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
            "article's photo), ``none`` (the default for an ``image``, and for a photo with "
            "``wrap`` standing in a box of its own article, whose headline is printed over "
            "that box), or the title's text; a title written is kept",
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
        Field(
            "frame",
            BOOL,
            default=False,
            doc="draw a 0.75pt rule round the box (加框); what it holds is set half an em of "
            "its body style inside the rule (whole grid lines at the first and last line, a "
            "story's columns narrowed to whole characters), and no hairline is drawn beside it",
        ),
        Field(
            "shade",
            number_kind(0, 1),
            doc="grey fill, 0 (none) to 1 (black); printed under every box's content on the "
            "page, whatever the boxes' order; type on it less than half as dark or light as "
            "it (black type on over 0.5, white on under 0.5) is a shade-contrast warning",
        ),
        Field("writing_mode", enum_kind(WritingMode), doc="default: the page's"),
        Field("weight", ABS_LENGTH, default="0.5pt", kinds=("rule",), doc="rule thickness"),
    ],
    "Content boxes (article, photo, figures, masthead, ear, page-header, advert) must lie "
    "inside the type area and may not overlap (by 0.01pt or more: a length in mm rounded "
    "meets its neighbour), but a photo or figures box with ``wrap`` over an article box's "
    "body; rule and shaded boxes may overlap them. An "
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
