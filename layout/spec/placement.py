"""A box's ``at`` resolved to a rect: a grid placement or a free one, and the rules' shape.

Contract: :func:`box_rect` gives the box's rect in trim-box coordinates (pt, y down), or
``None`` with the fault reported at the key of ``at`` that causes it. A grid placement
(``column, span, line, lines``, 1-based) must lie on the grid; a free one (``x, y, width,
height``, from the type area's top-left, em and 字 of the body style) must have a positive
size. A rule is the one box of no width or no height: ``span: 0`` / ``width: 0`` vertical,
``lines: 0`` / ``height: 0`` horizontal — one of the two, never both. That the rect lies in
the type area is checked by the caller (:mod:`layout.spec.boxes`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from layout.geometry import Rect
from layout.spec.context import Context
from layout.spec.model import BoxKind, Grid
from layout.spec.schema import AT, GRID_KEYS, RECT_KEYS
from layout.yamlsource import child_path


def box_rect(
    ctx: Context, path: str, kind: BoxKind, at: Mapping[str, Any], grid: Grid
) -> Rect | None:
    """The rect of the box at ``path``, whose checked ``at`` values are ``at``."""
    at_path = child_path(path, "at")
    rule = kind is BoxKind.RULE
    on_grid = AT.select(ctx.raw(at_path)) == 0
    if not (GRID_KEYS if on_grid else RECT_KEYS) <= set(at):
        return None  # a key is missing or bad: reported by the schema
    if on_grid:
        return _grid_rect(ctx, at_path, rule, at, grid)
    return _free_rect(ctx, at_path, rule, at, grid)


def _grid_rect(
    ctx: Context, at_path: str, rule: bool, at: Mapping[str, Any], grid: Grid
) -> Rect | None:
    """A grid placement: every fault of it reported, then ``None`` if there was one."""
    column, span, line, lines = at["column"], at["span"], at["line"], at["lines"]
    ok = _columns_fit(ctx, at_path, rule, column, span, grid)
    ok = _lines_fit(ctx, at_path, line, lines, grid) and ok
    for key, value in (("span", span), ("lines", lines)):
        if value == 0 and not rule:
            ctx.err(child_path(at_path, key), f"expected an integer ≥ 1, got {value}")
            ok = False
    if rule and (span == 0) == (lines == 0):
        ctx.err(at_path, "a rule needs span: 0 (vertical) or lines: 0 (horizontal)")
        ok = False
    return grid.rect(column, span, line, lines) if ok else None


def _columns_fit(
    ctx: Context, at_path: str, rule: bool, column: int, span: int, grid: Grid
) -> bool:
    """``column`` and ``span`` within the grid's columns (a vertical rule, ``span: 0``,
    stands in the gutter before ``column``, so not before the first)."""
    if column > grid.columns or (rule and span == 0 and column == 1):
        lo = 2 if rule and span == 0 else 1
        ctx.err(
            child_path(at_path, "column"),
            f"expected an integer {lo}–{grid.columns}, got {column}",
        )
        return False
    if span > 0 and column + span - 1 > grid.columns:
        ctx.err(
            child_path(at_path, "span"),
            f"expected an integer 1–{grid.columns - column + 1}, got {span}: column "
            f"{column} + span {span} runs past the type area ({grid.columns} columns)",
        )
        return False
    return True


def _lines_fit(ctx: Context, at_path: str, line: int, lines: int, grid: Grid) -> bool:
    """``line`` and ``lines`` within the baseline grid (a horizontal rule, ``lines: 0``, may
    stand at the foot of the last line)."""
    max_line = grid.lines + (1 if lines == 0 else 0)
    if line > max_line:
        ctx.err(child_path(at_path, "line"), f"expected an integer 1–{max_line}, got {line}")
        return False
    if lines > 0 and line + lines - 1 > grid.lines:
        ctx.err(
            child_path(at_path, "lines"),
            f"expected an integer 1–{grid.lines - line + 1}, got {lines}: line {line} "
            f"+ {lines} lines runs past the type area ({grid.lines} lines)",
        )
        return False
    return True


def _free_rect(
    ctx: Context, at_path: str, rule: bool, at: Mapping[str, Any], grid: Grid
) -> Rect | None:
    """A free placement, relative to the type area; em and 字 are of the body style."""
    em = grid.column_width / grid.column_chars
    vals = {k: at[k].to_pt(em) for k in ("x", "y", "width", "height")}
    ok = True
    for key in ("width", "height"):
        if vals[key] < 0 or (vals[key] == 0 and not rule):
            ctx.err(child_path(at_path, key), f"the {key} must be positive")
            ok = False
    if rule and (vals["width"] == 0) == (vals["height"] == 0):
        ctx.err(at_path, "a rule needs width 0 (vertical) or height 0 (horizontal)")
        ok = False
    if not ok:
        return None
    area = grid.type_area
    return Rect(area.x + vals["x"], area.y + vals["y"], vals["width"], vals["height"])
