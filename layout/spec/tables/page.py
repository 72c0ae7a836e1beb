"""The page and its grid: the tables ``page`` (with ``trim`` and ``margins``) and ``grid``.

Contract: :data:`PAGE` and :data:`GRID` validate and document those sections; what the
tables cannot say (margins that add up, a type area on the trim) is checked by
:mod:`layout.spec.grid`.
"""

from __future__ import annotations

from layout.geometry import WritingMode
from layout.schema import STR, Field, Record, enum_kind, int_kind
from layout.spec.tables.values import ABS_LENGTH, LENGTH, MARGIN

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
        Field("gutter", LENGTH, default="1字", doc="栏空 between columns; above 0 with 2 or more"),
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
