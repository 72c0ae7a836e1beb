"""What the pages of an edition share: the edition's facts, the page header, the wording of
the jump lines and the press settings.

Contract: :data:`EDITION`, :data:`HEADER`, :data:`JUMPS` (with its value type
:data:`WORDING`) and :data:`PRESS` validate and document those sections of a page spec (or
of the edition file its pages extend).
"""

from __future__ import annotations

from typing import Any

from layout.schema import BOOL, DATE, STR, Field, Invalid, Record, Scalar, choice_kind, number_kind
from layout.spec.model import JUMP_IN, JUMP_OUT
from layout.spec.tables.values import ABS_LENGTH, CN, COLOR, INK_LIMIT, PATH, SIZE

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
    "one. It leaves out the date and the editor when a masthead or ear box prints them. It "
    "is one line: what has no room on it (the date or the editor beside a long page name, "
    "the end of a page name wider than the line) is reported as overset, and a "
    "``page-header`` box less deep than the ``header`` style's size and the rule under it "
    "prints no header (reported).",
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
        Field(
            "slug",
            ABS_LENGTH,
            default="12mm",
            doc="room for the marks beyond the bleed (the MediaBox grows by it); with "
            "``marks``, at least 2.9mm (8pt): the marks stand 2pt clear of the bleed and of "
            "the sheet's edge, and are at least 4pt long",
        ),
    ],
    "How the press PDF is made. Colours are written ``cmyk(c, m, y, k)`` (percent), "
    "``k(60)`` / ``grey(60)``, ``spot(NAME, c, m, y, k)`` or, if ``rgb: convert``, "
    "``#rrggbb`` / ``rgb(r, g, b)``. Every colour must stay within ``ink_limit``.",
)
