"""Loading a page spec: :func:`load_spec`, the entry point, and the order of its steps.

Contract: :func:`load_spec` reads the YAML (:mod:`layout.yamlsource`), checks it against
:data:`layout.spec.schema.SPEC`, and resolves it step by step — edition, press
(:mod:`~layout.spec.press`), fonts (the bundled manifest, :mod:`layout.bundled`, when the
spec names none) and styles (:mod:`~layout.spec.styles`), the article records, grid and
page (:mod:`~layout.spec.grid`), boxes (:mod:`~layout.spec.boxes`, with
:mod:`~layout.spec.placement` and :mod:`~layout.spec.references`), the furniture of the
masthead and ear boxes and the page header (:mod:`~layout.spec.furniture`). Each step reports every
fault it finds and goes on with what resolved, so one load lists every problem; then either
a :class:`~layout.spec.model.PageSpec` is returned or :class:`~layout.errors.SpecErrors` is
raised with every error, sorted by file and position. Every input file the build reads (the
fonts of the manifest, each image placed, the press profile) is opened and verified here.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from layout.articles import ARTICLE, article_paths, collect_articles, unread_records
from layout.bundled import BUNDLED_MANIFEST
from layout.errors import FolderListing, SpecError, SpecErrors
from layout.schema import FAILED
from layout.spec.boxes import resolve_boxes
from layout.spec.context import Context, Records
from layout.spec.extends import load_extended
from layout.spec.furniture import resolve_furniture
from layout.spec.grid import check_media, grid_and_page
from layout.spec.model import BoxSpec, Edition, HeaderSpec, JumpLines, PageSpec
from layout.spec.pagelist import Listing
from layout.spec.press import press_settings
from layout.spec.references import photo_only_stories, unplaced_photos, unplaced_records
from layout.spec.schema import COPY_PATH, SPEC
from layout.spec.styles import font_roles, resolve_styles
from layout.yamlsource import YamlDoc, child_path, cut_copy

WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


# The keys of an article or figures record (layout.articles).
_RECORD_KEYS = frozenset(f.name for f in ARTICLE.fields)
# A page spec's own keys: a file with one of them is a page spec, however wrong.
_PAGE_KEYS = frozenset({"page", "grid", "boxes", "extends"})


def _other_kind_of_file(doc: YamlDoc) -> SpecError | None:
    """The error for a file given as a page spec that is an edition file (it lists
    ``pages``) or an article record (its ``id`` and record keys, and none of a page spec's
    own); None for anything else, whose keys the schema judges one by one."""
    top = doc.value
    if not isinstance(top, Mapping):
        return None
    if "pages" in top:
        return doc.error(
            "pages",
            "this is an edition file (it lists pages), not a page spec: build it as the "
            "edition, and name page specs in its pages",
            at_key=True,
        )
    if "id" in top and not _PAGE_KEYS & top.keys() and len(_RECORD_KEYS & top.keys()) > 1:
        return doc.error(
            "id",
            "this is an article record (id, headline, body …), not a page spec: build the "
            "page spec or edition file whose `articles` takes it",
            at_key=True,
        )
    return None


def load_spec(path: Path | str, *, listing: Listing | None = None) -> PageSpec:
    """Load, validate and resolve a page spec, with the shared file it ``extends``
    (:mod:`layout.spec.extends`). Raises SpecErrors listing every problem (sorted by file and
    position). A path in the spec is relative to the file it is written in. ``listing``: the
    page's entry in the edition being built (its number and name)."""
    errors: list[SpecError] = []
    try:
        extended = load_extended(path, errors, listing=listing)
    except SpecError as exc:
        raise SpecErrors([exc]) from None
    doc = extended.doc
    # Copy cut at a `` #`` follows from no fault of the shared parts: told with them.
    cut_copy(doc, COPY_PATH, errors)
    if errors:  # the shared parts are unknown: what the page lacks without them is noise
        raise SpecErrors(sort_errors(errors))
    other = _other_kind_of_file(doc)
    if other is not None:  # one line, not one "unknown key" per key of the other file
        raise SpecErrors([other])
    v = SPEC.check(doc, "", doc.value, errors)
    if v is FAILED:
        raise SpecErrors(errors)
    ctx = Context(doc, v, errors, extended.numbers)
    edition = _edition(ctx)
    press = press_settings(ctx)
    fonts_manifest = _fonts_manifest(ctx, doc.value)
    roles = font_roles(ctx, fonts_manifest) if fonts_manifest is not None else None
    styles = resolve_styles(ctx, roles, press)
    articles_dir, article_files = _article_sources(ctx)
    by_id, failed = collect_articles(article_files, errors)
    unread = unread_records(articles_dir) if articles_dir is not None else ()
    records = Records(by_id, frozenset(failed), unread)
    boxes: list[BoxSpec] = []
    header = HeaderSpec()
    geometry = grid_and_page(ctx, styles)
    if geometry is not None:
        boxes = resolve_boxes(ctx, geometry[0], geometry[1], styles, records)
        boxes, header = resolve_furniture(ctx, boxes, styles, press, edition, geometry[1].number)
        check_media(ctx, geometry[1], press)
    if errors:
        raise SpecErrors(sort_errors(errors), listed=_listed(articles_dir, article_files))
    assert edition is not None and geometry is not None and fonts_manifest is not None
    spec = PageSpec(
        path=doc.file,
        edition=edition,
        page=geometry[1],
        grid=geometry[0],
        styles=styles,
        boxes=tuple(boxes),
        articles_dir=articles_dir,
        article_files=article_files,
        fonts_manifest=fonts_manifest,
        articles=by_id,
        header=header,
        press=press,
        jumps=_jumps(v),
        shared_files=extended.shared,
        notes=extended.notes,
        edition_file=extended.edition_file,
    )
    if listing is None and extended.edition_file is None:
        # A page of its own: its stories' photos are its own to place (an edition's pages
        # are looked at together, ``layout.spec.edition``; a page of one built alone may
        # have them placed on another of its pages).
        # Its records too when it lists their files (each named on purpose); a folder of
        # its own may hold stories for other pages, or tomorrow's.
        (unplaced,) = unplaced_photos([spec])
        (records,) = unplaced_records([spec], "page") if articles_dir is None else ([],)
        spec = spec._replace(unprinted=(*records, *unplaced))
    if listing is None:
        # A story only a photo box shows loses its text on a page alone; a page of an
        # edition is looked at in its edition again when it has one (layout.build.in_edition:
        # another page may set the story).
        (stories,) = photo_only_stories([spec], "page")
        spec = spec._replace(unprinted=(*spec.unprinted, *stories))
    return spec


def _fonts_manifest(ctx: Context, written: Any) -> Path | None:
    """The spec's ``fonts`` (relative to the file it is written in); the bundled manifest
    when neither the spec nor a file it extends names one; ``None`` when the value written
    is bad (reported by the schema already)."""
    if ctx.values.get("fonts") is not None:
        return ctx.path(ctx.values["fonts"], "fonts")
    if isinstance(written, Mapping) and written.get("fonts") is not None:
        return None
    return BUNDLED_MANIFEST


def _jumps(v: dict) -> JumpLines:
    """The jump lines' wordings (``jumps``; the defaults for what is not given)."""
    given = v.get("jumps") or {}
    default = JumpLines()
    return JumpLines(out=given.get("out") or default.out, into=given.get("in") or default.into)


def _edition(ctx: Context) -> Edition | None:
    """The edition, its weekday derived from the date; ``None`` when a key it needs is bad."""
    e = ctx.values.get("edition")
    if not e or "title" not in e or "date" not in e:
        return None
    d: datetime.date = e["date"]
    return Edition(
        title=e["title"],
        subtitle=e.get("subtitle"),
        date=d,
        weekday=WEEKDAYS[d.weekday()],
        issue=e.get("issue"),
        cn=e.get("cn"),
        publisher=e.get("publisher"),
        editor=e.get("editor"),
        lunar=e.get("lunar", False),
        postal=e.get("postal"),
    )


def _listed(folder: Path | None, files: tuple[Path, ...]) -> list[FolderListing]:
    """The folder of records read (none when the spec lists its files), as ``SpecErrors``
    carries it: the names of the files read in it, ``None`` when it does not exist."""
    if folder is None:
        return []
    return [(folder, tuple(f.name for f in files) if folder.is_dir() else None)]


def _article_sources(ctx: Context) -> tuple[Path | None, tuple[Path, ...]]:
    """``articles``: a folder (every record file in it) or a list of record files; each
    must exist. Returns the folder (when one is given) and the files, in order."""
    src = ctx.values.get("articles")
    if isinstance(src, str):
        folder = ctx.path(src, "articles")
        if folder.is_dir():
            return folder, tuple(article_paths(folder))
        if folder.is_file():
            ctx.err(
                "articles",
                f"{str(folder)!r} is a file, not a folder: name the folder of records, or "
                f"list the files ([{src}])",
            )
        else:
            ctx.err("articles", f"articles folder {str(folder)!r} does not exist")
        return folder, ()
    if not isinstance(src, list):
        return None, ()
    files = []
    for i, item in enumerate(src):
        if item is FAILED:
            continue
        file = ctx.path(item, child_path("articles", i))
        if file.is_file():
            files.append(file)
        elif file.is_dir():
            ctx.err(
                child_path("articles", i),
                f"{str(file)!r} is a folder: list article files, or give the folder as "
                "articles: FOLDER",
            )
        else:
            ctx.err(child_path("articles", i), f"article file {str(file)!r} does not exist")
    return None, tuple(files)


def sort_errors(errors: list[SpecError]) -> list[SpecError]:
    """``errors`` by file and position (those with no place first)."""
    return sorted(errors, key=_sort_key)


def _sort_key(e: SpecError) -> tuple[int, str, int, int]:
    if e.pos is None:
        return (0, "", 0, 0)
    return (1, str(e.pos.file), e.pos.line, e.pos.column)
