"""What a box refers to, checked: its article, figures record, photo, body style, headline
area and continuation; and what boxes say about each other (overlaps, 下转 targets).

Contract: every function here only reports (errors on the context); none changes a value.
A name that is unknown gets the closest known one as a hint; a record whose file had errors
(reported already) is not reported again; the image a photo box places is opened and decoded
(:func:`layout.imagefiles.verify_image`) so ``check`` finds a bad photo as ``build`` would.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from layout.articles import Article, Crop, FiguresRecord, crop_of, record_name
from layout.errors import SpecError, display_path
from layout.geometry import Rect, WritingMode
from layout.imagefiles import ImageFileError, ImageInfo, missing_image, verify_image
from layout.report import count
from layout.schema import suggest
from layout.spec.context import Context, Records
from layout.spec.model import (
    HEADLINE_TITLE,
    BoxKind,
    BoxSpec,
    Grid,
    PageGeometry,
    PageSpec,
    Style,
    Unprinted,
    UnprintedKind,
)
from layout.spec.strip import spans_columns
from layout.units import MM
from layout.yamlsource import child_path

# Boxes that overlap by less than this (pt) meet: a length written in millimetres to three
# places lands within 0.003 pt of the grid line it means, and 0.01 pt (0.0035 mm) is far
# below what a press registers or a reader sees.
OVERLAP_TOLERANCE = 0.01


def check_box_refs(
    ctx: Context,
    path: str,
    b: Mapping[str, Any],
    kind: BoxKind,
    placed: tuple[Rect, Grid, int],
    styles: Mapping[str, Style],
    records: Records,
) -> None:
    """The references of the box at ``path`` (checked values ``b``), placed at ``placed``
    (its rect, the grid, its body columns)."""
    _check_content(ctx, path, b, kind)
    if b.get("article") is not None:
        check_record(ctx, child_path(path, "article"), b["article"], Article, records)
    if b.get("figures") is not None:
        check_record(ctx, child_path(path, "figures"), b["figures"], FiguresRecord, records)
    if kind is BoxKind.PHOTO:
        check_photo(ctx, path, b, records)
        _check_photo_title(ctx, path, b)
    if kind is BoxKind.ARTICLE:
        _check_dateline(ctx, b, placed[1], styles, records)
    if b.get("body_style") is not None and b["body_style"] not in ctx.style_names():
        ctx.err(
            child_path(path, "body_style"),
            f"unknown style {b['body_style']!r}{suggest(b['body_style'], list(styles))}",
        )
    h = b.get("headline")
    if h:
        _check_headline(ctx, path, b, h, placed)


def _check_content(ctx: Context, path: str, b: Mapping[str, Any], kind: BoxKind) -> None:
    """A photo box names its article or its image, not both. (An article box without an
    article is the continuation of a story: :func:`check_continuations` on its page, and
    ``layout.compose.edition`` across the edition, check that a thread reaches it.)"""
    written = ctx.raw(path)
    if kind is BoxKind.PHOTO and (b.get("article") is None) == (b.get("image") is None):
        if "article" not in written and "image" not in written:
            ctx.err(path, "a photo box needs 'article' (its photo) or 'image'")
        elif "article" in written and "image" in written:
            ctx.err(
                child_path(path, "image"), "give either 'article' or 'image', not both", at_key=True
            )


def _check_photo_title(ctx: Context, path: str, b: Mapping[str, Any]) -> None:
    """``title: headline`` needs the article whose headline it prints."""
    if b.get("title") == "headline" and b.get("image") is not None:
        ctx.err(
            child_path(path, "title"),
            "a box showing an image of its own has no article headline: give the title text, "
            "or none",
        )


def _check_dateline(
    ctx: Context,
    b: Mapping[str, Any],
    grid: Grid,
    styles: Mapping[str, Style],
    records: Records,
) -> None:
    """A ``dateline`` style of the spec is set in the first line of each body it opens, at
    that line's size and in its ink (a line is set at one size and colour): it must agree
    with the box's body style."""
    dateline = styles.get("dateline")
    article = records.by_id.get(b.get("article") or "")
    if dateline is None or not isinstance(article, Article) or not article.dateline:
        return
    name = b.get("body_style") or grid.body_style
    body = styles.get(name)
    if body is None:
        return  # an unknown body style: reported by the box
    for key, ours, theirs, shown in (
        ("size", dateline.size, body.size, f"{body.size:g}pt"),
        ("color", dateline.color, body.color, "the body's"),
    ):
        if ours == theirs:
            continue
        error = ctx.doc.error(
            child_path("styles.dateline", key),
            f"a dateline runs in the first line of the body it opens: its {key} must be "
            f"the body style's ({shown}: style {name!r} of box {b['id']!r})",
        )
        if all(e.message != error.message or e.pos != error.pos for e in ctx.errors):
            ctx.errors.append(error)


def _check_headline(
    ctx: Context,
    path: str,
    b: Mapping[str, Any],
    h: Mapping[str, Any],
    placed: tuple[Rect, Grid, int],
) -> None:
    """The headline area has its lines where they set it (leaving room for the body), spans
    no more columns than the box and names a known style."""
    rect, grid, _ = placed
    mode = b.get("writing_mode") or grid.writing_mode
    if _lines_written(ctx, path, h, mode):
        _check_lines(ctx, path, h, mode, (rect, grid))
    _check_span(ctx, path, h, mode, (rect, grid))
    named = h.get("style")
    if named is not None and named not in ctx.style_names():
        known = sorted(ctx.style_names())
        hint = suggest(named, known)
        ctx.err(child_path(path, "headline.style"), f"unknown style {named!r}{hint}")


def _lines_written(ctx: Context, path: str, h: Mapping[str, Any], mode: WritingMode) -> bool:
    """Whether ``headline.lines`` is given where it sets the area: required, but on a 横排
    box's 竖题 strip of ``span`` basic columns, whose width is its span (refused there: the
    lines would do nothing, and the fit would try them in vain)."""
    at = child_path(path, "headline.lines")
    if spans_columns(h, mode):
        if "lines" in ctx.raw(child_path(path, "headline")):
            ctx.err(
                at,
                f"a 竖题 strip of headline.span ({count(h['span'], 'column')}) is as wide as "
                "its span: lines would do nothing (leave lines out, or span out for a strip "
                "of lines)",
            )
        return False
    if h.get("lines") is None:
        if "lines" not in ctx.raw(child_path(path, "headline")):
            ctx.err(at, "missing required key 'lines' (the grid lines of the headline area)")
        return False
    return True


def _is_strip(h: Mapping[str, Any], mode: WritingMode) -> bool:
    """Whether the headline is a 竖题 (position right, or any headline of a vertical box):
    a strip of ``lines`` line pitches across the box's width."""
    return h.get("position", "top") == "right" or mode is WritingMode.VERTICAL_RL


def _check_lines(
    ctx: Context,
    path: str,
    h: Mapping[str, Any],
    mode: WritingMode,
    on: tuple[Rect, Grid],
) -> None:
    """The headline area's lines leave the body a line of the box."""
    rect, grid = on
    across = _is_strip(h, mode)
    box_lines = round((rect.width if across else rect.height) / grid.line_pitch)
    if h["lines"] >= box_lines:
        lines = count(box_lines, "line")
        ctx.err(
            child_path(path, "headline.lines"),
            f"expected an integer 1–{box_lines - 1}, got {h['lines']}: the headline "
            f"leaves no room for the body ({lines} in the box)"
            if box_lines > 1
            else f"the box has {lines}: no room for a headline area and a body (give the box "
            "more lines, or no headline area)",
        )


def _check_span(
    ctx: Context,
    path: str,
    h: Mapping[str, Any],
    mode: WritingMode,
    on: tuple[Rect, Grid],
) -> None:
    """A 竖排 box's headline is a 竖题 with neither ``position: top`` nor ``span``; a head
    across a 横排 box's top spans no more basic columns than the box."""
    rect, grid = on
    across = _is_strip(h, mode)
    # A 竖题 strip's span beside horizontal columns is checked with the room it leaves them
    # (``layout.spec.strip``). A head across the top of a horizontal box spans basic columns
    # (``Grid.span_width``), however many columns its body is re-divided into (破栏).
    vertical = mode is WritingMode.VERTICAL_RL
    if (
        vertical
        and h.get("position") == "top"
        and "position" in ctx.raw(child_path(path, "headline"))
    ):
        # Written, not the default: a head across a vertical box's top is not made.
        ctx.err(
            child_path(path, "headline.position"),
            "a 竖排 box's headline is a 竖题 on its right: position: top is for a 横排 box "
            "(leave position out, or write right)",
        )
    if vertical and "span" in ctx.raw(child_path(path, "headline")):
        # A 竖排 box's 竖题 is ``lines`` line pitches wide, whatever its span: the key would
        # do nothing (a strip of basic columns is a 横排 box's, beside horizontal columns).
        ctx.err(
            child_path(path, "headline.span"),
            "a 竖排 box's 竖题 is headline.lines line pitches wide: span is for a 横排 box "
            "(leave span out, and give the strip's width in lines)",
        )
    elif h.get("span") is not None and not across and h["span"] > _spans_in(rect.width, grid):
        most = _spans_in(rect.width, grid)
        ctx.err(
            child_path(path, "headline.span"),
            f"expected an integer 1–{most}, got {h['span']}",
        )


def _spans_in(width: float, grid: Grid) -> int:
    """The most basic columns a head ``width`` wide may span (a box on the grid: its span)."""
    return max(
        (n for n in range(1, grid.columns + 1) if grid.span_width(n) <= width + 1e-6), default=1
    )


def check_record(ctx: Context, path: str, ref: str, cls: type, records: Records) -> None:
    """``ref`` names a loaded record of class ``cls`` (an article or a figures record)."""
    record = records.by_id.get(ref)
    if record is None:
        if ref in records.failed:
            return  # its file had errors, reported already
        ids = sorted(k for k, r in records.by_id.items() if isinstance(r, cls))
        what = "article" if cls is Article else "figures record"
        where = f"; known: {', '.join(ids)}" if ids else "; no records loaded (see 'articles')"
        ctx.err(path, f"unknown {what} {ref!r}{suggest(ref, ids)}{where}{_unread(records)}")
    elif not isinstance(record, cls):
        other = "a figures record" if isinstance(record, FiguresRecord) else "an article"
        ctx.err(path, f"{ref!r} is {other} ({record.path})")


def _unread(records: Records) -> str:
    """The record files the folder holds under another extension, which were not read."""
    if not records.unread:
        return ""
    named = ", ".join(
        f"{display_path(p)!r} (rename it {record_name(p)})" for p in records.unread[:3]
    )
    more = f" and {len(records.unread) - 3} more" if len(records.unread) > 3 else ""
    return f"; not read, as record files end in .yaml: {named}{more}"


def check_photo(ctx: Context, path: str, b: Mapping[str, Any], records: Records) -> None:
    """The image a photo box places is opened and decoded (layout.imagefiles); a bad one is
    an error where the file is named: the box's ``image`` or the article's
    ``photos[i].file``. Its crop (the box's own, else the photo record's) must lie in the
    image, and a crop ``focus`` needs ``fit: fill``."""
    box_crop = crop_of(ctx.doc, child_path(path, "crop"), b.get("crop"), [])
    if b.get("image") is not None:
        file = ctx.path(b["image"], child_path(path, "image"))
        info = _image(file)
        if isinstance(info, str):
            ctx.err(child_path(path, "image"), info)
        elif box_crop is not None:
            _check_crop(ctx, path, b, box_crop, info, None)
        return
    article = records.by_id.get(b.get("article") or "")
    if not isinstance(article, Article):
        return
    index = b.get("photo") or 1
    if index > len(article.photos):
        have = len(article.photos)
        ctx.err(
            child_path(path, "photo" if "photo" in ctx.raw(path) else "article"),
            f"article {article.id!r} has {have} photo{'s' if have != 1 else ''}"
            f" (photo {index} requested)",
        )
        return
    photo = article.photos[index - 1]
    info = _image(photo.file)
    if isinstance(info, str):
        ctx.errors.append(
            SpecError(
                f"{info} (placed by box {b['id']!r} at {ctx.doc.pos(path)})",
                pos=photo.source_pos,
                key_path=f"photos[{index - 1}].file",
            )
        )
        return
    if box_crop is not None:
        _check_crop(ctx, path, b, box_crop, info, None)
    elif photo.crop is not None:
        _check_crop(ctx, path, b, photo.crop, info, index - 1)


def _image(file: Path) -> ImageInfo | str:
    """The verified image at ``file``, or why it cannot be placed (a sentence naming it)."""
    try:
        return verify_image(file)
    except ImageFileError as exc:
        return missing_image(file) if not file.exists() else str(exc)


def _check_crop(
    ctx: Context,
    path: str,
    b: Mapping[str, Any],
    crop: Crop,
    info: ImageInfo,
    photo: int | None,
) -> None:
    """``crop`` (the box's, or photo ``photo``'s of its article, 0-based) fits the image of
    ``info``, and a ``focus`` has a ``fill`` crop to steer."""
    where = f"box {b['id']!r}, image {display_path(info.path)!r}"
    problem = crop.problem(info.size)
    if problem is not None:
        if photo is None:
            ctx.err(child_path(path, "crop.box"), f"{problem}: {where}")
        else:
            ctx.errors.append(
                SpecError(
                    f"{problem}: {where} (placed at {ctx.doc.pos(path)})",
                    pos=crop.source_pos,
                    key_path=f"photos[{photo}].crop.box",
                )
            )
    if crop.focus is not None and (b.get("fit") or "fill") == "fit":
        given = "the box's crop" if photo is None else f"the crop of photo {photo + 1}"
        ctx.err(
            child_path(path, "fit"),
            f"{given} has a focus, which places a fill crop: 'fit' shows the whole picture "
            "(use fit: fill, or a crop box)",
        )


def check_overlaps(ctx: Context, boxes: Sequence[BoxSpec], grid: Grid) -> None:
    """Content boxes do not overlap (rules and shaded boxes may lie over them), but a box
    with ``wrap`` over an article box's body (串文); each overlap is reported at the later
    box, a wrap that makes no sense at the wrapped box's ``wrap``."""
    content = [b for b in boxes if b.kind.is_content]
    overlapping: set[str] = set()  # boxes over another (a wrapped box over a story, or not)
    for n, later in enumerate(content):
        for earlier in content[:n]:
            across, down = _shared(later.rect, earlier.rect)
            if min(across, down) < OVERLAP_TOLERANCE:
                continue
            overlapping.update((later.id, earlier.id))
            pair = (later, earlier) if later.wrap is not None else (earlier, later)
            over, under = pair
            if over.wrap is not None and under.kind is BoxKind.ARTICLE:
                _check_wrap(ctx, over, under, grid)
                continue
            hint = ""
            if {later.kind, earlier.kind} & {BoxKind.PHOTO, BoxKind.FIGURES} and (
                BoxKind.ARTICLE in {later.kind, earlier.kind}
            ):
                hint = "; give the photo or figures box 'wrap' to run the story around it"
            ctx.err(
                child_path(ctx.box_path(later.id), "at"),
                f"box {later.id!r} overlaps box {earlier.id!r} "
                f"(defined at line {earlier.source_pos.line}) by {_amount(across)} across "
                f"and {_amount(down)} down{hint}",
            )
    for box in content:
        if box.wrap is not None and box.id not in overlapping:
            ctx.err(
                child_path(ctx.box_path(box.id), "wrap"),
                f"box {box.id!r} stands over no article box: no story runs around it "
                "(place it over a story's body, or leave 'wrap' out)",
            )


def _shared(a: Rect, b: Rect) -> tuple[float, float]:
    """How far two rects overlap across and down (≤ 0: they do not)."""
    return min(a.right, b.right) - max(a.x, b.x), min(a.bottom, b.bottom) - max(a.y, b.y)


def _amount(points: float) -> str:
    """An overlap as a designer measures it: in millimetres to 0.1 mm, a hair in points."""
    mm = points / MM
    return f"{mm:.1f}".rstrip("0").rstrip(".") + "mm" if mm >= 0.05 else f"{points:.2g}pt"


def _check_wrap(ctx: Context, over: BoxSpec, story: BoxSpec, grid: Grid) -> None:
    """A box wrapped into ``story`` stands over its body: it covers neither its headline
    area (the head and the byline under it are set in their own block, never shortened)
    nor, with its stand-off, the whole body (the story would have no line)."""
    path = child_path(ctx.box_path(over.id), "wrap")
    grown = _grown(over.rect, over.wrap or 0.0)
    head = story.headline_rect(grid)
    if head is not None and grown.intersects(head):
        ctx.err(
            path,
            f"box {over.id!r} with its stand-off covers the headline area of box "
            f"{story.id!r}: a wrapped box stands over the body only",
        )
        return
    if all(grown.contains(part) for part in _body(story, head)):
        ctx.err(
            path,
            f"box {over.id!r} with its stand-off covers the whole body of box {story.id!r}: "
            "no line of the story would be left",
        )


def _grown(rect: Rect, by: float) -> Rect:
    """``rect`` grown by ``by`` on every side."""
    return Rect(rect.x - by, rect.y - by, rect.width + 2 * by, rect.height + 2 * by)


def _body(story: BoxSpec, head: Rect | None) -> tuple[Rect, ...]:
    """The parts of an article box outside its headline area: below a strip across the top
    and beside it when it spans fewer columns, or left of a 竖题 strip down its right."""
    r = story.rect
    if head is None:
        return (r,)
    if head.height >= r.height - 1e-6:  # down the right
        return (Rect(r.x, r.y, head.x - r.x, r.height),)
    parts = [Rect(r.x, head.bottom, r.width, r.bottom - head.bottom)]
    if head.right < r.right - 1e-6:
        parts.append(Rect(head.right, r.y, r.right - head.right, head.height))
    return tuple(parts)


def check_continuations(ctx: Context, boxes: Sequence[BoxSpec], page: PageGeometry) -> None:
    """The threads within the page: a box's ``continues`` names another article box of the
    page, which names no article of its own (its story is the one continued), is continued
    into by no other box, and is not in a loop. (A jump to another page is checked when the
    edition's pages are put together: ``layout.compose.edition``.)"""
    ids = {b.id: b for b in boxes}
    into: dict[str, BoxSpec] = {}
    for box in boxes:
        c = box.continues
        if c is None or c.page is not None:
            continue
        path = child_path(ctx.box_path(box.id), "continues.box")
        target = ids.get(c.box)
        if target is not None and target.id == box.id:
            ctx.err(path, f"the thread loops: {box.id} → {box.id}")
            continue
        if target is not None and target.kind is not BoxKind.ARTICLE:
            ctx.err(
                path,
                f"box {c.box!r} is a {target.kind.value} box: a story goes on only in an "
                "article box",
            )
            continue
        if target is None:
            names = [b.id for b in boxes if b.kind is BoxKind.ARTICLE and b.id != box.id]
            ctx.err(path, f"unknown article box {c.box!r}{suggest(c.box, names)}")
            continue
        if target.article is not None:
            ctx.err(
                child_path(ctx.box_path(target.id), "article"),
                f"box {target.id!r} continues the story of box {box.id!r}: it names no "
                f"article of its own (got {target.article!r})",
            )
        if c.box in into:
            ctx.err(
                path,
                f"box {c.box!r} is continued into by box {into[c.box].id!r} already "
                "(a box holds one thread)",
            )
            continue
        into[c.box] = box
    for box in boxes:
        seen = [box.id]
        step = box.continues
        if step is not None and step.box == box.id:
            continue  # a box continuing in itself: reported above
        while step is not None and step.page is None and step.box in ids:
            if step.box == box.id:
                path = child_path(ctx.box_path(box.id), "continues.box")
                ctx.err(path, f"the thread loops: {' → '.join([*seen, box.id])}")
                break
            if step.box in seen:
                break  # a loop not through this box: reported at its own boxes
            seen.append(step.box)
            step = ids[step.box].continues


def check_repeats(ctx: Context, boxes: Sequence[BoxSpec]) -> None:
    """An article set by two article boxes of the page, the later without ``repeat``: the
    story would print twice, and a mistyped id is the usual cause. A story goes on in
    another box by a thread (``continues``; that box names no article), and a photo box
    naming the article shows its photo: neither is a repeat. (A ``repeat`` of a story of
    another page is checked when the edition is put together: :func:`repeated_articles`.)"""
    # A box a thread goes on in that names an article is an error of check_continuations.
    threaded = {b.continues.box for b in boxes if b.continues and b.continues.page is None}
    for box in boxes:
        if box.repeat and box.article is None:
            ctx.err(
                child_path(ctx.box_path(box.id), "repeat"),
                f"box {box.id!r} names no article (a thread goes on in it): it repeats no "
                "story (remove `repeat`)",
                at_key=True,
            )
    first: dict[str, BoxSpec] = {}
    for box in _story_boxes(boxes):
        if box.id in threaded:
            continue
        if box.article not in first:
            first[box.article] = box
        elif not box.repeat:
            ctx.err(
                child_path(ctx.box_path(box.id), "article"),
                repeat_message(box.article, first[box.article].id, box.id, None),
            )


def _story_boxes(boxes: Sequence[BoxSpec]) -> Iterator[BoxSpec]:
    """The article boxes that name their article (a thread's later boxes name none)."""
    return (b for b in boxes if b.kind is BoxKind.ARTICLE and b.article is not None)


def repeat_message(article: str, first: str, box: str, pages: tuple[int, int] | None) -> str:
    """The error at box ``box`` setting ``article`` that box ``first`` sets already
    (``pages``: of page ``pages[0]``, ``box`` being on page ``pages[1]``; None: both on this
    page), with the ways out: another article, a thread, or ``repeat``."""
    where, onward = f"box {first!r}", f"{{box: {box}}}"
    if pages is not None:
        where, onward = f"box {first!r} of page {pages[0]}", f"{{page: {pages[1]}, box: {box}}}"
    return (
        f"article {article!r} is set by {where} already (it would print twice): a mistyped "
        f"id? To go on in this box, name none here and give box {first!r} `continues: "
        f"{onward}`; to set it again on purpose, `repeat: true`"
    )


def repeated_articles(specs: Sequence[PageSpec]) -> list[SpecError]:
    """The repeats across the pages of an edition (those within a page are
    :func:`check_repeats`'s): an article box setting, without ``repeat``, a story an earlier
    page sets; and a box with ``repeat`` whose story no box before it sets (a key that would
    do nothing)."""
    first: dict[str, tuple[int, str]] = {}
    errors: list[SpecError] = []
    for spec in specs:
        here: set[str] = set()
        for box in _story_boxes(spec.boxes):
            assert box.article is not None
            pos = box.article_pos or box.source_pos
            if box.article not in first:
                first[box.article] = (spec.page.number, box.id)
                here.add(box.article)
                if box.repeat:  # at the article: a mistyped id is likelier than the key
                    errors.append(
                        SpecError(
                            f"box {box.id!r} has `repeat: true`, but no box before it in the "
                            f"edition sets article {box.article!r} (a mistyped id?, or remove "
                            "`repeat`)",
                            pos=pos,
                            key_path=child_path(box.key_path, "article"),
                        )
                    )
                continue
            if box.article in here or box.repeat:
                continue  # a repeat within the page: check_repeats'
            here.add(box.article)
            page, at = first[box.article]
            errors.append(
                SpecError(
                    repeat_message(box.article, at, box.id, (page, spec.page.number)),
                    pos=pos,
                    key_path=child_path(box.key_path, "article"),
                )
            )
    return errors


def unplaced_photos(specs: Sequence[PageSpec]) -> list[list[Unprinted]]:
    """For each of ``specs`` (a page alone, or an edition's pages together), the photos of
    the stories of its that no photo box of ``specs`` places: a story's second photo with no
    box for it is not printed, and says so (nothing dropped without a word), at the photo's
    ``file`` in its record; a file that is not there is said too, since nothing opens it. A
    story's photos are its first page's (the page whose article box names it)."""
    placed = {
        (b.article, b.photo)
        for spec in specs
        for b in spec.boxes
        if b.kind is BoxKind.PHOTO and b.article and b.image is None
    }
    told: set[str] = set()
    found_all: list[list[Unprinted]] = []
    for spec in specs:
        found: list[Unprinted] = []
        for box in spec.boxes:
            article = spec.articles.get(box.article or "")
            if box.kind is not BoxKind.ARTICLE or not isinstance(article, Article):
                continue
            if article.id in told:
                continue
            told.add(article.id)
            for k, photo in enumerate(article.photos, start=1):
                if (article.id, k) in placed:
                    continue
                gone = "" if photo.file.exists() else f" (its file {photo.file.name} is not there)"
                found.append(
                    Unprinted(
                        UnprintedKind.PHOTO,
                        article.id,
                        article.path,
                        f"photo {k} of article {article.id!r} is placed by no photo box: "
                        f"not printed{gone}",
                        photo.source_pos,
                        f"photos[{k - 1}]",
                        photo=k,
                    )
                )
        found_all.append(found)
    return found_all


def unplaced_records(specs: Sequence[PageSpec], where: str = "edition") -> list[list[Unprinted]]:
    """For each of ``specs`` (an edition's pages together, or a page alone that lists its
    record files), the records it loaded that no box of ``specs`` names: a story in the
    folder that no page places is not printed, and says so (nothing dropped without a word),
    at its ``id`` — once, at the first page that loaded its file. A record is placed where a
    page that loaded its file has a box naming its id (an article box, a photo box showing
    its photo, a figures box; a story only a photo box shows is
    :func:`photo_only_stories`')."""
    placed = {
        record.path
        for spec in specs
        for box in spec.boxes
        for name in (box.article, box.figures)
        if name is not None and (record := spec.articles.get(name)) is not None
    }
    told: set[Path] = set()
    found_all: list[list[Unprinted]] = []
    for spec in specs:
        found: list[Unprinted] = []
        for record in spec.articles.values():
            if record.path in placed or record.path in told:
                continue
            told.add(record.path)
            what = "article" if isinstance(record, Article) else "figures record"
            found.append(
                Unprinted(
                    UnprintedKind.RECORD,
                    record.id,
                    record.path,
                    f"{what} {record.id!r} is placed by no box of the {where}: not printed",
                    record.source_pos,
                )
            )
        found_all.append(found)
    return found_all


def photo_only_stories(specs: Sequence[PageSpec], where: str = "edition") -> list[list[Unprinted]]:
    """For each of ``specs`` (an edition's pages together, or a page alone), the stories a
    photo box of that page shows that no article box of ``specs`` sets: the photo box prints
    the picture, its caption and at most the 主题 as its title, so the story's other parts
    (引题, 副题, byline, dateline, paragraphs) are printed nowhere, and say so (nothing
    dropped without a word), at the record's ``id`` — once, at the first photo box showing
    it. A story of a photo and its caption only (图片新闻) loses nothing and is not told."""
    story_boxes = {
        b.article for spec in specs for b in spec.boxes if b.kind is BoxKind.ARTICLE and b.article
    }
    told: set[str] = set()
    found_all: list[list[Unprinted]] = []
    for spec in specs:
        found: list[Unprinted] = []
        for box in spec.boxes:
            article = spec.articles.get(box.article or "")
            if box.kind is not BoxKind.PHOTO or box.image is not None:
                continue
            if not isinstance(article, Article) or article.id in story_boxes or article.id in told:
                continue
            told.add(article.id)
            lost = _unprinted_parts(article, box.title == HEADLINE_TITLE)
            if not lost:
                continue
            page = f" of page {spec.page.number}" if where == "edition" else ""
            found.append(
                Unprinted(
                    UnprintedKind.STORY_TEXT,
                    article.id,
                    article.path,
                    f"article {article.id!r} is set by no article box of the {where}, only "
                    f"its photo shown by photo box {box.id!r}{page}: its {lost} not printed",
                    article.source_pos,
                    box=box.id,
                )
            )
        found_all.append(found)
    return found_all


def _unprinted_parts(article: Article, titled: bool) -> str:
    """The parts of ``article`` a photo box showing its photo does not print (its headline
    too unless the box is titled with it), as a phrase ('引题, byline and 6 paragraphs
    are'); empty when it prints them all."""
    parts = [
        name
        for name, given in (
            ("引题 (kicker)", article.kicker),
            ("主题 (headline)", article.headline and not titled),
            ("副题 (subhead)", article.subhead),
            ("byline", article.byline),
            ("dateline", article.dateline),
        )
        if given
    ]
    if article.paragraphs:
        parts.append(count(len(article.paragraphs), "paragraph"))
    if not parts:
        return ""
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
    one = len(parts) == 1 and len(article.paragraphs) <= 1
    return f"{listed} {'is' if one else 'are'}"


def shared_ids(specs: Sequence[PageSpec]) -> list[list[str]]:
    """For each of an edition's ``specs``, the warnings of the records it loaded whose id is
    that of another record file an earlier page loaded (two pages' folders each with a
    ``library.yaml`` of other text): a box names a record by id, so which story it sets
    depends on the page it stands on, and a story continued from another page is set from
    that page's record, never from this one. Said once for each pair of files, at the later
    page's record, naming both files."""
    first: dict[str, tuple[Article | FiguresRecord, int]] = {}
    told: set[tuple[Path, Path]] = set()
    warnings: list[list[str]] = []
    for spec in specs:
        found: list[str] = []
        for record in spec.articles.values():
            earlier, page = first.setdefault(record.id, (record, spec.page.number))
            if earlier.path == record.path or (earlier.path, record.path) in told:
                continue
            told.add((earlier.path, record.path))
            at = f"{record.source_pos}: id: " if record.source_pos else f"{record.path}: "
            found.append(
                f"{at}record {record.id!r} of page {spec.page.number} has the id of another "
                f"record of the edition, {earlier.source_pos or earlier.path} (page {page}'s): "
                "a page's boxes set the record of its own articles, a story continued from "
                "another page that page's; give one of them another id"
            )
        warnings.append(found)
    return warnings
