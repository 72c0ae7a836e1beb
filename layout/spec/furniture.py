"""The front-page furniture resolved: the masthead's logotype, what the masthead (报头) and
the ear (报眼) print, and whether the page header (眉头) is printed.

Contract: :func:`resolve_furniture` takes the boxes that resolved and gives them back with
their :class:`~layout.spec.model.Furniture` (masthead and ear boxes), and the page's
:class:`~layout.spec.model.HeaderSpec`. It reports, positioned at the key:

- a second masthead or page-header box (a page has one of each);
- ``header.show: false`` with a page-header box (the box would print nothing);
- a logotype with both ``style`` and ``image``; an unknown style (with the closest name); a
  logotype file that is missing or damaged (an SVG or PDF by
  :func:`layout.artwork.read_artwork`, a picture by :func:`layout.imagefiles.image_problem`);
  a ``color`` that is RGB (refused or converted by ``press.rgb``,
  :func:`layout.spec.press.spec_color`), over the ink limit, or given for a picture, which
  prints in its own colours;
- a fact listed that the edition does not give, and a fact listed twice on the page (each
  is printed once).

The rules it settles: the page header is off on page 1 and on elsewhere unless
``header.show`` says otherwise (a page-header box asks for it); an ear lists the date and
the issue unless it says; a masthead lists every fact the edition gives that no other box
lists (the editor only when the page header is not printed, since the header prints it).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from layout.artwork import ArtworkError, is_artwork, read_artwork
from layout.imagefiles import image_problem
from layout.press import PressSettings
from layout.schema import FAILED, suggest
from layout.spec.context import Context
from layout.spec.model import (
    BoxKind,
    BoxSpec,
    Edition,
    Fact,
    FactLine,
    Furniture,
    HeaderSpec,
    Logotype,
    LogotypeKind,
    Style,
)
from layout.spec.press import spec_color
from layout.yamlsource import child_path

# What an ear prints when its ``facts`` are not given: the classic 报眼.
EAR_FACTS = (Fact.DATE, Fact.ISSUE)
# The order a masthead lists the facts it is left with.
MASTHEAD_FACTS = (Fact.PUBLISHER, Fact.DATE, Fact.ISSUE, Fact.CN, Fact.POSTAL, Fact.EDITOR)


def resolve_furniture(
    ctx: Context,
    boxes: list[BoxSpec],
    styles: Mapping[str, Style],
    press: PressSettings,
    edition: Edition | None,
    page_number: int,
) -> tuple[list[BoxSpec], HeaderSpec]:
    """The boxes with their furniture, and the page header's setting (see the module doc)."""
    written = _box_values(ctx)
    _one_of_each(ctx, boxes, BoxKind.MASTHEAD)
    header_boxes = _one_of_each(ctx, boxes, BoxKind.PAGE_HEADER)
    show = (ctx.values.get("header") or {}).get("show")
    if show is False and header_boxes:
        ctx.err("header.show", "false, but the page has a page-header box: remove one of them")
    header = HeaderSpec(show=show if show is not None else page_number != 1 or bool(header_boxes))
    listed: dict[Fact, str] = {}  # fact → the id of the box that lists it
    defaults: set[str] = set()  # the masthead that lists no facts: it takes what is left
    out: list[BoxSpec] = []
    for box in boxes:
        if box.kind not in (BoxKind.MASTHEAD, BoxKind.EAR) or box.id not in written:
            out.append(box)
            continue
        path, b = written[box.id]
        masthead = box.kind is BoxKind.MASTHEAD
        facts: tuple[FactLine, ...] = ()
        if masthead and b.get("facts") is None:
            defaults.add(box.id)
        else:
            facts = _facts(ctx, (path, box.id), b, edition, listed)
        logotype = _logotype(ctx, path, b, press) if masthead else None
        style = b.get("style") or "header"
        _known_style(ctx, child_path(path, "style"), style)
        text = tuple(b.get("text") or ())
        out.append(box._replace(furniture=Furniture(logotype, facts, text, style)))
    if edition is not None:
        out = [
            _masthead_defaults(box, edition, listed, header.show) if box.id in defaults else box
            for box in out
        ]
    return out, header


def _box_values(ctx: Context) -> dict[str, tuple[str, Mapping[str, Any]]]:
    """The checked values of every box, by id (the first of an id): its key path and keys."""
    found: dict[str, tuple[str, Mapping[str, Any]]] = {}
    for i, b in enumerate(ctx.values.get("boxes") or ()):
        if b is not FAILED and "id" in b:
            found.setdefault(b["id"], (child_path("boxes", i), b))
    return found


def _one_of_each(ctx: Context, boxes: list[BoxSpec], kind: BoxKind) -> list[BoxSpec]:
    """The boxes of ``kind``; each after the first is an error."""
    found = [b for b in boxes if b.kind is kind]
    for extra in found[1:]:
        ctx.err(
            child_path(ctx.box_path(extra.id), "kind"),
            f"a page has one {kind.value} box (also {found[0].id!r})",
        )
    return found


def _known_style(ctx: Context, path: str, name: str) -> None:
    names = ctx.style_names()
    if name not in names:
        ctx.err(path, f"unknown style {name!r}{suggest(name, names)}")


def _facts(
    ctx: Context,
    where: tuple[str, str],
    b: Mapping[str, Any],
    edition: Edition | None,
    listed: dict[Fact, str],
) -> tuple[FactLine, ...]:
    """The facts a box lists (an ear's default when it lists none), each checked: given by
    the edition, and listed by no box before. ``where`` is the box's key path and id."""
    path, box_id = where
    style = b.get("style") or "header"
    given = b.get("facts") is not None
    items = b["facts"] if given else list(EAR_FACTS)
    out: list[FactLine] = []
    for i, item in enumerate(items):
        if item is FAILED or (isinstance(item, Mapping) and "fact" not in item):
            continue
        at = child_path(child_path(path, "facts"), i) if given else path
        fact: Fact = item["fact"] if isinstance(item, Mapping) else item
        fact_style = item.get("style") if isinstance(item, Mapping) else None
        if fact_style is not None:
            _known_style(ctx, child_path(at, "style"), fact_style)
        if edition is not None and not edition.gives(fact):
            if given:  # an ear's default leaves out what the edition lacks
                ctx.err(at, f"{fact.value}: the edition gives none (edition.{fact.value})")
            continue
        if fact in listed:
            ctx.err(at, f"{fact.value} is printed already by box {listed[fact]!r}: once a page")
            continue
        listed[fact] = box_id
        out.append(FactLine(fact, fact_style or style))
    return tuple(out)


def _masthead_defaults(
    box: BoxSpec, edition: Edition, listed: dict[Fact, str], header_shown: bool
) -> BoxSpec:
    """The masthead that lists no facts prints every fact left over."""
    f = box.furniture
    assert f is not None
    left = [
        FactLine(fact, f.style)
        for fact in MASTHEAD_FACTS
        if fact not in listed and edition.gives(fact) and not (fact is Fact.EDITOR and header_shown)
    ]
    return box._replace(furniture=f._replace(facts=tuple(left)))


def _logotype(
    ctx: Context, path: str, b: Mapping[str, Any], press: PressSettings
) -> Logotype | None:
    """The masthead's logotype: the title in a style (``masthead`` by default) or a file."""
    raw: Mapping[str, Any] = b.get("logotype") or {}
    at = child_path(path, "logotype")
    subtitle_style = raw.get("subtitle_style") or "header"
    _known_style(ctx, child_path(at, "subtitle_style"), subtitle_style)
    colour = spec_color(ctx, press, child_path(at, "color"), raw.get("color"))
    if raw.get("image") is None:
        style = raw.get("style") or "masthead"
        _known_style(ctx, child_path(at, "style"), style)
        return Logotype(LogotypeKind.TEXT, style, None, colour, subtitle_style)
    if raw.get("style") is not None:
        ctx.err(child_path(at, "image"), "give either 'style' or 'image', not both", at_key=True)
    image = ctx.path(raw["image"], child_path(at, "image"))
    if not image.exists():
        ctx.err(child_path(at, "image"), f"logotype file {str(image)!r} does not exist")
        return None
    if is_artwork(image):
        try:
            read_artwork(image)
        except ArtworkError as exc:
            ctx.err(child_path(at, "image"), str(exc))
            return None
        return Logotype(LogotypeKind.VECTOR, None, image, colour, subtitle_style)
    problem = image_problem(image)
    if problem is not None:
        ctx.err(child_path(at, "image"), problem)
        return None
    if raw.get("color") is not None:
        ctx.err(
            child_path(at, "color"),
            "a picture prints in its own colours (converted to CMYK as photos are): give "
            "color for a type or vector (SVG, PDF) logotype only",
            at_key=True,
        )
    return Logotype(LogotypeKind.RASTER, None, image, None, subtitle_style)
