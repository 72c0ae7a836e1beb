"""Where a box stands: on the grid (column, span, line, lines) or free (x, y, width, height).

Contract: :data:`AT` is the placement of a box or rule, one of :data:`GRID_AT` and
:data:`RECT_AT` told apart by their keys (:data:`GRID_KEYS`, :data:`RECT_KEYS`); the page
rect is worked out by :mod:`layout.spec.placement`.
"""

from __future__ import annotations

from collections.abc import Mapping

from layout.schema import Field, OneOf, Record, int_kind
from layout.spec.tables.values import LENGTH

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
