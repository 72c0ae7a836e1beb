"""The spec's ``grid`` and ``page`` resolved: the type area, placed on the trim.

Contract: :func:`grid_and_page` gives the :class:`~layout.spec.model.Grid` and
:class:`~layout.spec.model.PageGeometry`, or ``None`` when a value they need is bad (the
schema reported it) or they do not fit the page (reported here, positioned at the key that
sets the size). The type area's size comes from the grid — ``columns × column width +
(columns − 1) × gutter`` by ``lines × body leading``, turned on a vertical page — and the
margins only place it; :func:`check_media` keeps the whole sheet within the largest page a
PDF may have.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from layout.geometry import EPSILON, Rect, WritingMode
from layout.press import PressSettings
from layout.schema import suggest
from layout.spec.context import Context
from layout.spec.model import Grid, PageGeometry, Style
from layout.units import MAX_LENGTH_PT, MM

# The keys each section needs (with their defaults) to be resolved; a bad one is reported.
_GRID_KEYS = frozenset({"columns", "column_width", "gutter", "lines"})
# The narrowest column, in characters of the body style, that can hold a line: a character
# and the mark that may not start the next line (clreq §3.1.7's prohibitions need two).
MIN_COLUMN_CHARS = 2
_PAGE_KEYS = frozenset({"number", "name", "trim", "margins", "bleed", "writing_mode"})


def grid_and_page(ctx: Context, styles: Mapping[str, Style]) -> tuple[Grid, PageGeometry] | None:
    """The grid and the page geometry, or ``None`` (with the fault reported)."""
    g, p = ctx.values.get("grid"), ctx.values.get("page")
    if not g or not p:
        return None
    body = _body_style(ctx, g, styles)
    if body is None:
        return None
    measures = _measures(ctx, g, body)
    if measures is None or not set(p) >= _PAGE_KEYS:
        return None
    column_chars, gutter_chars = measures
    columns, lines = g["columns"], g["lines"]
    column_width = column_chars * body.size
    gutter = gutter_chars * body.size
    width = columns * column_width + (columns - 1) * gutter
    height = lines * body.leading
    if p["writing_mode"] is WritingMode.VERTICAL_RL:  # bands top to bottom, lines right to left
        width, height = height, width
    area = _type_area(ctx, p, width, height, lines, body.leading)
    if area is None:
        return None
    grid = Grid(
        columns=columns,
        column_chars=column_chars,
        gutter_chars=gutter_chars,
        lines=lines,
        body_style=g["body_style"],
        column_width=column_width,
        gutter=gutter,
        line_pitch=body.leading,
        type_area=area,
        writing_mode=p["writing_mode"],
    )
    trim = p["trim"]
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


def _body_style(ctx: Context, g: Mapping[str, Any], styles: Mapping[str, Style]) -> Style | None:
    """``grid.body_style``: its size is 1字 and its leading the line pitch."""
    if "body_style" not in g:
        return None  # a bad value, reported by the schema
    body_name = g["body_style"]
    if body_name in styles:
        return styles[body_name]
    if body_name is not None and body_name in ctx.style_names():
        return None  # the style itself had errors
    ctx.err(
        "grid.body_style",
        f"unknown style {body_name!r}{suggest(str(body_name), list(styles))}",
    )
    return None


def _measures(ctx: Context, g: Mapping[str, Any], body: Style) -> tuple[float, float] | None:
    """The column width and the gutter in characters of the body style."""
    if not set(g) >= _GRID_KEYS:
        return None
    column_chars = g["column_width"].to_em(body.size)
    gutter_chars = g["gutter"].to_em(body.size)
    if column_chars <= 0:
        ctx.err("grid.column_width", "the column width must be positive")
        return None
    if column_chars < MIN_COLUMN_CHARS:
        ctx.err(
            "grid.column_width",
            f"expected a column of {MIN_COLUMN_CHARS} characters or more, got "
            f"{column_chars:g}: a narrower one holds no line of text",
        )
        return None
    if gutter_chars < 0:
        ctx.err("grid.gutter", "the gutter must not be negative")
        return None
    if gutter_chars == 0 and g["columns"] > 1:
        # 栏空: with none, one column's line ends against the next's start, and the rule
        # between two boxes side by side is drawn on their glyphs.
        ctx.err(
            "grid.gutter",
            f"expected a gutter above 0 between the {g['columns']} columns, got 0: their "
            "text would run together (newspapers leave 1字)",
        )
        return None
    return column_chars, gutter_chars


def _type_area(
    ctx: Context, p: Mapping[str, Any], width: float, height: float, lines: int, leading: float
) -> Rect | None:
    """The type area (``width`` × ``height`` pt, turned already on a vertical page) placed
    on the trim by the margins; ``None`` when it does not fit (reported)."""
    trim, margins = p["trim"], p["margins"]
    if not {"width", "height"} <= set(trim) or len(margins) < 5:
        return None
    x = place_horizontally(ctx, p["number"], trim["width"], width, margins)
    y = margins["top"]
    vertical = p["writing_mode"] is WritingMode.VERTICAL_RL
    if width > trim["width"] + EPSILON:
        ctx.err(
            "grid.lines" if vertical else "grid.columns",
            f"the type area ({width:g}pt wide) does not fit in the trim width "
            f"({trim['width']:g}pt)",
        )
        return None
    if y + height > trim["height"] + EPSILON:
        ctx.err(
            "grid.columns" if vertical else "grid.lines",
            f"the type area (top {y:g}pt + {height:g}pt = {y + height:g}pt) runs past "
            f"the trim height ({trim['height']:g}pt)"
            if vertical
            else f"the type area (top {y:g}pt + {lines} lines × {leading:g}pt = "
            f"{y + height:g}pt) runs past the trim height ({trim['height']:g}pt)",
        )
        return None
    if x < -EPSILON or x + width > trim["width"] + EPSILON:
        ctx.err("page.margins", "the margins put the type area outside the trim")
        return None
    return Rect(x, y, width, height)


def _mm(points: float) -> str:
    """A length as a designer writes a page's: in millimetres, to 0.1 mm."""
    return f"{points / MM:.1f}".rstrip("0").rstrip(".") + "mm"


def place_horizontally(
    ctx: Context, number: int, trim_width: float, width: float, m: Mapping[str, Any]
) -> float:
    """The type area's left edge on the trim: from the one given side margin (``inside``
    is the left on an odd page), both when they add up to the trim width, else centred."""
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
            ctx.err(
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
            ctx.err(
                f"page.margins.{key}",
                f"margins {_mm(left)} + type area {_mm(width)} + {_mm(right)} ≠ trim width "
                f"{_mm(trim_width)}; set one side to auto",
            )
            return (trim_width - width) / 2  # go on checking the boxes
        return left
    if left is not None:
        return left
    if right is not None:
        return trim_width - width - right
    return (trim_width - width) / 2


def check_media(ctx: Context, page: PageGeometry, press: PressSettings) -> None:
    """The sheet the PDF describes (trim, bleed, the slug of press marks) within the
    largest page PDF viewers and RIPs take (ISO 32000-1 Annex C.2: 200 in)."""
    slug = press.slug if press.marks else 0.0
    margins = f"the bleed's {_mm(page.bleed)}" + (f" and the slug's {_mm(slug)}" if slug else "")
    for side, size in (("width", page.trim_width), ("height", page.trim_height)):
        sheet = size + 2 * (page.bleed + slug)
        if sheet > MAX_LENGTH_PT + EPSILON:
            # What pushes the sheet past the limit: the bleed, or the marks' slug beyond it.
            bled = size + 2 * page.bleed > MAX_LENGTH_PT + EPSILON
            ctx.err(
                "page.bleed" if bled else "press.slug",
                f"the sheet's {side} ({_mm(sheet)}: the trim's {_mm(size)} and {margins} on "
                f"each side) is larger than the largest PDF page ({_mm(MAX_LENGTH_PT)}, 200in)",
            )
            return
