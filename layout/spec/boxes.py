"""The spec's ``boxes`` resolved: each box placed, checked and made a
:class:`~layout.spec.model.BoxSpec`.

Contract: :func:`resolve_boxes` gives the boxes that resolved, in the spec's order (the
reading order the compose stage follows). A box is left out, with its fault reported, when
its id is taken, its placement is bad (:mod:`layout.spec.placement`), it lies outside the
type area, or its 破栏 columns do not fit; its references (:mod:`layout.spec.references`)
are checked and reported but do not drop it. Overlaps and continuations are checked across
the boxes that resolved.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from layout.articles import crop_of
from layout.geometry import Rect, WritingMode
from layout.report import count
from layout.schema import FAILED
from layout.spec.context import Context, Records
from layout.spec.grid import MIN_COLUMN_CHARS
from layout.spec.model import (
    DEFAULT_INTERTITLE_SPACE,
    DEFAULT_MOVE,
    HEADLINE_TITLE,
    Advert,
    BoxKind,
    BoxSpec,
    Continuation,
    CopyFit,
    Grid,
    HeadlineArea,
    PageGeometry,
    Style,
)
from layout.spec.placement import box_rect
from layout.spec.references import (
    check_box_refs,
    check_continuations,
    check_overlaps,
    check_repeats,
)
from layout.spec.schema import GRID_KEYS
from layout.spec.strip import (
    Strip,
    spans_columns,
    strip_of,
    strip_room,
    strip_widens,
    too_many_beside,
)
from layout.units import MM
from layout.yamlsource import child_path


def resolve_boxes(
    ctx: Context,
    grid: Grid,
    page: PageGeometry,
    styles: Mapping[str, Style],
    records: Records,
) -> list[BoxSpec]:
    """Every box that resolved, in the spec's order."""
    out: list[BoxSpec] = []
    seen: dict[str, str] = {}  # box id → the key path of its first definition
    titled: set[str] = set()  # photo boxes with a ``title`` written
    for i, b in enumerate(ctx.values.get("boxes") or ()):
        path = child_path("boxes", i)
        if b is FAILED or not {"id", "kind", "at"} <= set(b):
            continue
        if b["id"] in seen:
            ctx.err(child_path(path, "id"), f"duplicate box id {b['id']!r} (also {seen[b['id']]})")
            continue
        seen[b["id"]] = path
        if b.get("title") is not None:
            titled.add(b["id"])
        box = _box(ctx, path, b, (grid, page), styles, records)
        if box is not None:
            out.append(box)
    out = [
        box._replace(title=None) if box.id not in titled and _in_own_story(box, out) else box
        for box in out
    ]
    check_overlaps(ctx, out, grid)
    check_continuations(ctx, out, page)
    check_repeats(ctx, out)
    return out


def _box(
    ctx: Context,
    path: str,
    b: Mapping[str, Any],
    on: tuple[Grid, PageGeometry],
    styles: Mapping[str, Style],
    records: Records,
) -> BoxSpec | None:
    """One box, or ``None`` when it cannot be placed (reported)."""
    grid, page = on
    kind: BoxKind = b["kind"]
    rect = box_rect(ctx, path, kind, b["at"], grid)
    if rect is None or not _inside(ctx, path, b["id"], rect, grid):
        return None
    grid_at = None
    if set(b["at"]) >= GRID_KEYS:
        at = b["at"]
        grid_at = (at["column"], at["span"], at["line"], at["lines"])
    writing_mode = b.get("writing_mode") or page.writing_mode
    strip = strip_of(b, writing_mode)
    own = _default_columns(b, grid_at, writing_mode, page.writing_mode)
    columns = _columns(ctx, path, b, (rect, grid, own), writing_mode, strip)
    if columns is None:
        return None
    check_box_refs(ctx, path, b, kind, (rect, grid, columns), styles, records)
    return BoxSpec(
        id=b["id"],
        kind=kind,
        rect=rect,
        grid_at=grid_at,
        columns=columns,
        article=b.get("article"),
        figures=b.get("figures"),
        headline=_headline(b.get("headline"), writing_mode),
        continues=_continues(ctx, path, b.get("continues"), page.number),
        fit=b.get("fit") or "fill",
        fill=b.get("fill") or "foot",
        body_style=b.get("body_style"),
        frame=bool(b.get("frame")),
        shade=b.get("shade"),
        writing_mode=writing_mode,
        source_pos=ctx.doc.pos(path),
        article_pos=ctx.doc.pos(child_path(path, "article")) if b.get("article") else None,
        key_path=path,
        image=ctx.path(b["image"], child_path(path, "image")) if b.get("image") else None,
        photo=b.get("photo") or 1,
        weight=b.get("weight") if b.get("weight") is not None else 0.5,
        title=_photo_title(b) if kind is BoxKind.PHOTO else None,
        crop=crop_of(ctx.doc, child_path(path, "crop"), b.get("crop"), ctx.errors),
        advert=_advert(ctx, path, b) if kind is BoxKind.ADVERT else None,
        wrap=_wrap(ctx, path, b, grid),
        copyfit=_copyfit(ctx, path, b, _chars_beside(rect, grid, writing_mode), (strip, columns)),
        intertitle_space=b.get("intertitle_space", DEFAULT_INTERTITLE_SPACE),
        repeat=bool(b.get("repeat")),
    )


def _inside(ctx: Context, path: str, box_id: str, rect: Rect, grid: Grid) -> bool:
    """The box lies in the type area (reported with where it lies when it does not)."""
    area = grid.type_area
    if area.contains(rect):
        return True
    ctx.err(
        child_path(path, "at"),
        f"box {box_id!r} lies outside the type area "
        f"(x {rect.x - area.x:g}–{rect.right - area.x:g}pt, "
        f"y {rect.y - area.y:g}–{rect.bottom - area.y:g}pt; "
        f"type area {area.width:g} × {area.height:g}pt)",
    )
    return False


def _default_columns(
    b: Mapping[str, Any],
    grid_at: tuple[int, int, int, int] | None,
    writing_mode: WritingMode,
    page_mode: WritingMode,
) -> int:
    """The body columns (破栏) of a box without ``columns``: an article box's span, where the
    span counts the columns its lines run along (a 横排 box on a 横排 page; a 竖排 box, whose
    columns are bands); else 1 — and 1 for a 横排 box on a 竖排 page, whose span counts the
    page's bands stacked top to bottom: its lines run across the box's whole width, as the
    page's grid gives no columns side by side to split it into."""
    if grid_at is None or b["kind"] is not BoxKind.ARTICLE:
        return 1
    across_bands = (
        page_mode is WritingMode.VERTICAL_RL and writing_mode is not WritingMode.VERTICAL_RL
    )
    return 1 if across_bands else grid_at[1]


def _columns(
    ctx: Context,
    path: str,
    b: Mapping[str, Any],
    placed: tuple[Rect, Grid, int],
    writing_mode: WritingMode,
    strip: Strip | None,
) -> int | None:
    """The box's body columns (破栏): ``columns``, else ``placed[2]`` (:func:`_default_columns`;
    less the basic columns of a 竖题 strip beside them), in the room ``strip`` leaves;
    ``None`` when they leave no width (reported)."""
    rect, grid, default = placed
    if strip is not None and strip.spanned and default > 1:
        default = max(default - strip.size, 1)  # the body keeps the other basic columns
    chars = _chars_beside(rect, grid, writing_mode)
    if strip is not None and not strip_room(ctx, path, strip, chars):
        return None
    columns: int = b.get("columns") or default
    taken = strip.width(grid) if strip is not None else 0.0
    if columns > 1 and _width(rect, grid, writing_mode, columns, taken) <= 0:
        ctx.err(child_path(path, "columns"), f"{columns} columns do not fit the box")
        return None
    each = chars(strip, columns)
    if columns > 1 and each < MIN_COLUMN_CHARS - 1e-6:
        if strip is not None:
            too_many_beside(ctx, path, strip, (columns, b.get("columns") is not None), chars)
            return None
        most = max(
            (n for n in range(1, columns) if chars(None, n) >= MIN_COLUMN_CHARS - 1e-6),
            default=1,
        )
        ctx.err(
            child_path(path, "columns"),
            f"expected at most {most} columns: {columns} leave {each:.1f} characters to a "
            f"column, and a column holds {MIN_COLUMN_CHARS} at least",
        )
        return None
    return columns


def _chars_beside(
    rect: Rect, grid: Grid, writing_mode: WritingMode
) -> Callable[[Strip | None, int], float]:
    """The characters each of ``n`` body columns of a box of ``rect`` holds beside a 竖题
    ``strip`` (None: beside none)."""

    def chars(strip: Strip | None, n: int) -> float:
        taken = strip.width(grid) if strip is not None else 0.0
        return _column_chars(rect, grid, writing_mode, n, taken)

    return chars


def _column_chars(
    rect: Rect, grid: Grid, writing_mode: WritingMode, columns: int, taken: float = 0.0
) -> float:
    """The measure of each of ``columns`` body columns in characters of the body style."""
    width = _width(rect, grid, writing_mode, columns, taken)
    return width / (grid.column_width / grid.column_chars)


def _width(
    rect: Rect, grid: Grid, writing_mode: WritingMode, columns: int, taken: float = 0.0
) -> float:
    """The measure of each of ``columns`` body columns of a box of ``rect``, ``taken`` pt of
    its width given to a 竖题 strip beside them."""
    # The columns of a vertical box are bands stacked down its height.
    length = rect.height if writing_mode is WritingMode.VERTICAL_RL else rect.width - taken
    return (length - (columns - 1) * grid.gutter) / columns


def _headline(h: Mapping[str, Any] | None, writing_mode: WritingMode) -> HeadlineArea | None:
    """The headline area of checked values ``h``; None without one, or without the lines it
    needs (reported by ``layout.spec.references``)."""
    if not h:
        return None
    spanned = spans_columns(h, writing_mode)
    if not spanned and h.get("lines") is None:
        return None
    return HeadlineArea(
        None if spanned else h["lines"],
        h.get("position", "top"),
        h.get("span"),
        h.get("byline", False),
        h.get("style") or "headline",
    )


def _headline_lines(
    ctx: Context,
    path: str,
    span: list[Any] | None,
    lines: Any,
    body: tuple[Strip | None, int, Callable[[Strip | None, int], float]],
) -> tuple[int, int] | None:
    """``copyfit.headline_lines`` (``span``) of a box whose headline area has ``lines``: a
    range holding them, a 竖题 strip of its MAX lines leaving the box's ``body[1]`` columns
    a line's width; refused beside a strip of basic columns, whose width is its span (the
    fit would try lines that change nothing)."""
    strip, own, chars = body
    at = child_path(path, "copyfit.headline_lines")
    if span is not None and strip is not None and strip.spanned:
        ctx.err(
            at,
            f"a 竖题 strip of headline.span ({count(strip.size, 'column')}) keeps its width: "
            "it has no lines for the fit to change (leave headline_lines out)",
        )
        return None
    head = _range(
        ctx,
        at,
        span,
        (lines, f"the headline's {count(lines, 'line')}", "headline area (headline.lines)"),
    )
    if (
        head is not None
        and strip is not None
        and not strip_widens(ctx, at, (strip, head[1], own), chars)
    ):
        return None
    return head


def _copyfit(
    ctx: Context,
    path: str,
    b: Mapping[str, Any],
    chars: Callable[[Strip | None, int], float],
    body: tuple[Strip | None, int],
) -> CopyFit:
    """A box's copy-fit limits (``copyfit``): ``headline_lines`` is [MIN, MAX] with MIN ≤ MAX,
    given only with a headline area, and holds the area's own lines (a 竖题 strip of MAX
    lines leaving the box's columns, ``body``, a line's width: ``chars`` of each of ``n``
    beside a strip); ``columns`` are body columns each holding a line beside the box's
    strip; ``intertitle_space`` is
    [MIN, MAX] holding the box's own ``intertitle_space`` (the spec as written is one the fit
    may keep); a photo box without ``copyfit`` is held (``move`` 0). A fault is reported and
    the default taken (the range dropped: the value held)."""
    c = b.get("copyfit")
    if not c:
        # A photo's height is the picture editor's: held unless the spec lets it move.
        return CopyFit(move=0) if b["kind"] is BoxKind.PHOTO else CopyFit()
    headline = b.get("headline")
    lines = headline.get("lines") if isinstance(headline, Mapping) else None
    # Only an article box sets intertitles.
    article = b["kind"] is BoxKind.ARTICLE
    space = b.get("intertitle_space", DEFAULT_INTERTITLE_SPACE) if article else None
    height = _photo_height(ctx, path, b, c.get("height"))
    move = c.get("move")
    if move is None:
        move = DEFAULT_MOVE
        if height is not None:  # the range is the limit: the edges move as far as it needs
            lines = b["at"]["lines"]
            move = max(lines - height[0], height[1] - lines)
    strip, own = body
    head = _headline_lines(ctx, path, c.get("headline_lines"), lines, (strip, own, chars))

    def room(n: int) -> bool:
        return chars(strip, n) >= MIN_COLUMN_CHARS - 1e-6

    return CopyFit(
        height=height,
        headline_lines=head,
        move=move,
        columns=_column_choices(ctx, path, b, c.get("columns"), (room, own)),
        intertitle_space=_range(
            ctx,
            child_path(path, "copyfit.intertitle_space"),
            c.get("intertitle_space"),
            (
                space,
                f"the box's intertitle_space of {count(space, 'line')}",
                "intertitles (an article box)",
            ),
        ),
    )


def _column_choices(
    ctx: Context,
    path: str,
    b: Mapping[str, Any],
    given: list[Any] | None,
    fits: tuple[Callable[[int], bool], int],
) -> tuple[int, ...] | None:
    """The body columns (破栏) ``copyfit.columns`` lets the fit choose, in the order given,
    or None (held; reported when faulty): on an article box on the grid, holding the box's
    own columns (``fits[1]``: ``columns``, else its span less a 竖题 strip's basic columns),
    each leaving the columns a line's width (``fits[0]``: beside a 竖题 strip, in the room
    it leaves, as the box's own ``columns``)."""
    room, own = fits
    if given is None or FAILED in given:
        return None
    at = child_path(path, "copyfit.columns")
    where = b.get("at")
    if (
        b["kind"] is not BoxKind.ARTICLE
        or not isinstance(where, Mapping)
        or not (set(where) >= GRID_KEYS)
    ):
        ctx.err(at, "only an article box on the grid may have its columns re-divided")
        return None
    if own not in given:
        ctx.err(at, f"expected choices holding the box's own {own} columns, got {given}")
        return None
    if len(set(given)) != len(given):
        ctx.err(at, f"expected each number of columns once, got {given}")
        return None
    narrow = [n for n in given if not room(n)]
    if narrow:
        ctx.err(at, f"{narrow[0]} columns do not fit the box")
        return None
    return tuple(given)


def _photo_height(
    ctx: Context, path: str, b: Mapping[str, Any], span: list[Any] | None
) -> tuple[int, int] | None:
    """A photo box's ``copyfit.height``: [MIN, MAX] grid lines holding its own ``at.lines``,
    on a photo box on the grid that crops its picture to fill it (``fit: fill``: a
    letterboxed picture's box gives no room by its height); None when not given (reported
    when faulty)."""
    if span is None:
        return None
    at = child_path(path, "copyfit.height")
    where = b.get("at")
    on_grid = isinstance(where, Mapping) and set(where) >= GRID_KEYS
    if b["kind"] is not BoxKind.PHOTO or not on_grid or (b.get("fit") or "fill") != "fill":
        ctx.err(at, "only a photo box on the grid with fit: fill has a height range to fit")
        return None
    lines = where["lines"]
    return _range(ctx, at, span, (lines, f"the box's {count(lines, 'line')}", "grid lines"))


def _range(
    ctx: Context, at: str, span: list[Any] | None, own: tuple[Any, str, str]
) -> tuple[int, int] | None:
    """A copyfit range [MIN, MAX] that holds the box's own value ``own`` (value, its name in
    an error, what the box lacks when the value is None), or None (reported when faulty)."""
    value, name, needed = own
    if span is None or FAILED in span:
        return None
    if len(span) != 2 or span[0] > span[1]:
        ctx.err(at, f"expected [MIN, MAX] with MIN ≤ MAX, got {span}")
        return None
    if value is None:
        ctx.err(at, f"the box has no {needed} to fit")
        return None
    if value is FAILED:
        return None
    if not span[0] <= value <= span[1]:
        ctx.err(at, f"expected a range holding {name}, got {span}")
        return None
    return (span[0], span[1])


def _wrap(ctx: Context, path: str, b: Mapping[str, Any], grid: Grid) -> float | None:
    """A box's ``wrap``: its stand-off in points (字 and em of the body style), or None when
    it wraps nothing. A negative stand-off is reported, and the box checked further as one
    of none (its overlaps are those of a wrapped box)."""
    wrap = b.get("wrap")
    if not wrap or "standoff" not in wrap:
        return None
    standoff = wrap["standoff"].to_pt(grid.column_width / grid.column_chars)
    if standoff < 0:
        ctx.err(
            child_path(path, "wrap.standoff"),
            f"expected a stand-off ≥ 0, got {wrap['standoff']}: the text would run into the box",
        )
        return 0.0
    return standoff


def _photo_title(b: Mapping[str, Any]) -> str | None:
    """A photo box's title: as written (``none``: None), else the article's headline for an
    article's photo and none for an image of the box's own (and none for a photo wrapped
    into its own story's box: :func:`_in_own_story`, applied once every box is placed)."""
    title = b.get("title")
    if title is None:
        return None if b.get("image") else HEADLINE_TITLE
    return None if title == "none" else title


def _in_own_story(box: BoxSpec, boxes: list[BoxSpec]) -> bool:
    """A photo box wrapped into a box of its own story (串文, the story running around its
    picture): the headline is printed a few lines away, over the story, so the photo's
    default title (the same headline) would print it twice."""
    return (
        box.kind is BoxKind.PHOTO
        and box.wrap is not None
        and box.article is not None
        and any(
            other.kind is BoxKind.ARTICLE
            and other.article == box.article
            and other.rect.intersects(box.rect)
            for other in boxes
        )
    )


def _advert(ctx: Context, path: str, b: Mapping[str, Any]) -> Advert | None:
    """An advert box's file, page and size tolerance (the file is read when the page is set:
    a missing ad marks its box, it does not stop the page); None without a file (reported)."""
    if b.get("file") is None:
        return None
    tolerance = b.get("tolerance")
    return Advert(
        file=ctx.path(b["file"], child_path(path, "file")),
        page=b.get("page"),
        tolerance=tolerance if tolerance is not None else MM,
    )


def _continues(
    ctx: Context, path: str, c: Mapping[str, Any] | None, number: int
) -> Continuation | None:
    """The box's thread onward (its own page ``number`` given is its page: None), with the
    place of its ``continues`` (for the edition's checks, made when its pages are put
    together)."""
    if not c or c.get("box") is None:
        return None
    key = child_path(path, "continues")
    page = c.get("page")
    if page is None and "page" in ctx.raw(key):
        return None  # a bad page, reported by the schema: not a thread within this page
    if c.get("spec") is not None:
        page = _listed_number(ctx, key, c["spec"], page)
        if page is None:
            return None  # reported: no thread to check further
    page = page if page != number else None
    return Continuation(
        box=c["box"],
        page=page,
        pos=ctx.doc.pos(key),
        key_path=key,
        box_pos=ctx.doc.pos(child_path(key, "box")),
        page_pos=ctx.doc.pos(child_path(key, "page")) if "page" in c else None,
    )


def _listed_number(ctx: Context, key: str, spec: str, page: int | None) -> int | None:
    """The number the edition's list of pages gives the page spec ``spec`` (``continues.spec``,
    relative to the file it is written in); None, reported, when the page extends no edition
    with a list of pages, the spec is not in it, or a ``page`` is given too."""
    at = child_path(key, "spec")
    if page is not None:
        ctx.err(at, "give the page by its number (page) or its page spec (spec), not both")
        return None
    target = Path(os.path.abspath(ctx.path(spec, at)))
    if not ctx.page_numbers:
        ctx.err(
            at,
            "a page named by its spec needs the edition's list of pages: this page "
            "extends no edition file with pages; give page: N",
        )
        return None
    if target not in ctx.page_numbers:
        ctx.err(at, f"page spec {spec!r} is not in the edition's list of pages")
        return None
    return ctx.page_numbers[target]
