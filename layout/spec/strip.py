"""A 竖题 strip beside a horizontal box's body (``headline: {position: right}``): the room
it leaves the body's columns, checked.

Contract: :func:`strip_of` gives the :class:`Strip` of a box's checked values (None: no
strip beside horizontal columns; a vertical box's head stands across its lines, which its
bands keep whole); :func:`spans_columns` tells a strip of basic columns, which has no
``headline.lines``. The body's columns — ``columns``, else the basic columns the strip
leaves (a strip of ``span`` columns) or the box's span (a strip of ``lines`` line
pitches) — share the box's width less the strip and the gutter that parts it from them
(``layout.compose.page._box_layout`` lays them out so). :func:`strip_room` reports, at the
key that sets the strip, one that leaves no column of :data:`MIN_COLUMN_CHARS`;
:func:`too_many_beside` reports columns too many for the room the strip leaves, at
``columns`` when written, else at the strip's key (its width made them too narrow);
:func:`strip_widens` reports a ``copyfit.headline_lines`` range whose MAX would widen a
strip of lines so far (the fit tries what the range allows); :func:`widest_strip` is how
wide a strip may be beside a box's columns as resolved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from layout.geometry import WritingMode
from layout.records import NamedTuple
from layout.report import count
from layout.spec.context import Context
from layout.spec.grid import MIN_COLUMN_CHARS
from layout.spec.model import Grid
from layout.yamlsource import child_path


class Strip(NamedTuple):
    """A 竖题 strip down the right of a horizontal box: ``size`` basic columns (``spanned``,
    key ``headline.span``) or line pitches (key ``headline.lines``) wide."""

    size: int
    spanned: bool

    @property
    def key(self) -> str:
        return "headline.span" if self.spanned else "headline.lines"

    @property
    def unit(self) -> str:
        return "column" if self.spanned else "line"

    def width(self, grid: Grid, size: int | None = None) -> float:
        """What a strip of ``size`` (default its own) takes from the body's width, in pt: the
        strip and the gutter between it and the body (one gutter, as between columns)."""
        n = self.size if size is None else size
        strip = grid.span_width(n) if self.spanned else n * grid.line_pitch
        return strip + grid.gutter


def strip_of(b: Mapping[str, Any], writing_mode: WritingMode) -> Strip | None:
    """The 竖题 strip beside the body columns of a horizontal box (checked values ``b``),
    or None."""
    h = b.get("headline")
    if writing_mode is WritingMode.VERTICAL_RL or not isinstance(h, Mapping):
        return None
    if spans_columns(h, writing_mode):
        return Strip(h["span"], True)
    if h.get("position") != "right" or not isinstance(h.get("lines"), int):
        return None
    return Strip(h["lines"], False)


def spans_columns(h: Mapping[str, Any], writing_mode: WritingMode) -> bool:
    """Whether headline area ``h`` (checked values) of a box set in ``writing_mode`` is a 竖题
    strip of ``span`` basic columns beside horizontal columns: its width is its span, and it
    has no ``lines`` (they would do nothing, and the fit would try them in vain)."""
    span = h.get("span")
    return (
        writing_mode is WritingMode.HORIZONTAL_TB
        and h.get("position") == "right"
        and isinstance(span, int)
        and span > 0
    )


def strip_room(ctx: Context, path: str, strip: Strip, chars: Callable[[Strip, int], float]) -> bool:
    """Whether ``strip`` leaves one body column of :data:`MIN_COLUMN_CHARS` at least beside
    it (``chars(strip, n)``: the characters each of ``n`` columns beside it holds); reported
    at the strip's key when it does not, with the widest strip that would."""
    left = chars(strip, 1)
    if left >= MIN_COLUMN_CHARS - 1e-6:
        return True
    most = _most(range(1, strip.size), lambda n: chars(strip._replace(size=n), 1))
    room = f"{left:.1f} characters" if left > 0 else "no room"
    why = f"a column holds {MIN_COLUMN_CHARS} at least"
    if most:
        message = (
            f"expected an integer 1–{most}, got {strip.size}: a 竖题 strip "
            f"{count(strip.size, strip.unit)} wide leaves the body {room} beside it, and {why}"
        )
    else:
        message = (
            f"no room for a 竖题 strip and a body beside it: a strip one {strip.unit} wide "
            f"leaves the body {chars(strip._replace(size=1), 1):.1f} characters, and {why} "
            "(give the box more columns, or set the head across the top)"
        )
    ctx.err(child_path(path, strip.key), message)
    return False


def too_many_beside(
    ctx: Context,
    path: str,
    strip: Strip,
    columns: tuple[int, bool],
    chars: Callable[[Strip, int], float],
) -> None:
    """Report ``columns`` (their number, and whether the box's ``columns`` gives it) too many
    for the room ``strip`` leaves, each holding fewer than :data:`MIN_COLUMN_CHARS`: at
    ``columns`` when written, else at the strip's key (its width narrowed the box's own)."""
    n, written = columns
    each = chars(strip, n)
    most = _most(range(1, n), lambda k: chars(strip, k))
    why = f"a column holds {MIN_COLUMN_CHARS} at least"
    if written:
        ctx.err(
            child_path(path, "columns"),
            f"expected at most {most} columns: {n} leave {each:.1f} characters to a column "
            f"beside the 竖题 strip ({count(strip.size, strip.unit)} wide), and {why}",
        )
        return
    narrower = _most(range(1, strip.size), lambda k: chars(strip._replace(size=k), n))
    fewer = f"expected at most {narrower} {strip.unit}s, or " if narrower else ""
    ctx.err(
        child_path(path, strip.key),
        f"a 竖题 strip {count(strip.size, strip.unit)} wide leaves the box's {n} body "
        f"columns {each:.1f} characters each, and {why}: {fewer}give the box "
        f"`columns: {most}` or fewer",
    )


def strip_widens(
    ctx: Context,
    at: str,
    widest: tuple[Strip, int, int],
    chars: Callable[[Strip | None, int], float],
) -> bool:
    """Whether the fit may widen a strip of line pitches to ``widest[1]`` lines
    (``copyfit.headline_lines``' MAX, at ``at``) beside the box's ``widest[2]`` body columns,
    each keeping :data:`MIN_COLUMN_CHARS`; reported when not. (A strip of basic columns has
    no lines to fit: ``copyfit.headline_lines`` is refused there.)"""
    strip, lines, columns = widest
    each = chars(strip._replace(size=lines), columns)
    if each >= MIN_COLUMN_CHARS - 1e-6:
        return True
    most = _most(range(1, lines), lambda k: chars(strip._replace(size=k), columns))
    ctx.err(
        at,
        f"expected a MAX of {most} lines at most, got {lines}: a 竖题 strip {lines} lines wide "
        f"would leave the box's {columns} body columns {each:.1f} characters each, and a "
        f"column holds {MIN_COLUMN_CHARS} at least",
    )
    return False


def widest_strip(grid: Grid, width: float, columns: int) -> float:
    """The widest a 竖题 strip may be beside ``columns`` horizontal body columns sharing
    ``width`` with it (a box's, or what its frame leaves): what leaves each of them
    :data:`MIN_COLUMN_CHARS` (a character and the mark that may not start the next line,
    clreq §3.1.7), one gutter apart and from the strip. The compose stage widens a strip of
    lines for a head too wide for it no further, and the fit gives such a strip no more
    lines than fit it."""
    char = grid.column_width / grid.column_chars
    return max(width - columns * (MIN_COLUMN_CHARS * char + grid.gutter), 0.0)


def _most(sizes: range, chars: Callable[[int], float]) -> int:
    """The largest of ``sizes`` whose columns hold :data:`MIN_COLUMN_CHARS` (0: none)."""
    return max((n for n in sizes if chars(n) >= MIN_COLUMN_CHARS - 1e-6), default=0)
