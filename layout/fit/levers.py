"""The changes ``banmian fit`` may make to a page spec, and their limits.

Contract: a :class:`Lever` is one named change (a frozen dataclass): :meth:`Lever.apply`
gives the spec with it made (``_replace`` on the :class:`PageSpec` and the
:class:`BoxSpec` it touches, named tuples; grid rects recomputed by :meth:`Grid.rect`), and
:meth:`Lever.describe` says it in the designer's units. A :class:`Site` is a place where a
lever acts (one box's headline block, one boundary) with its limits from the spec's
``copyfit`` keys; :meth:`Site.candidates` gives the levers it allows from the spec as it now
is, nearest first, each within the limits. :func:`sites` finds the sites of a spec in
priority order: every headline block first (issue 14's lever 1), then every boundary
(lever 2; between two article boxes, or an article box and a photo box whose ``copyfit`` lets
it move: the photo's height, its picture cropped to fill it — lever 3's height), then
every box between two boundaries of one stack, moved whole (both its edges
by the same lines: the room one neighbour needs taken from the other's, which neither move
alone can do without making the box between them misfit), then every box's body columns
re-divided (破栏, lever 4; only among the box's ``copyfit.columns``), then every story's
blank lines before its intertitles (lever 5; only where the box's
``copyfit.intertitle_space`` gives a range, and only of a story with an intertitle). Body
size, leading, tracking and the grid's columns are never levers (破栏 re-divides one box's
width, the box keeping its place on the grid, and only where its spec allows).

Limits. A headline block may have ``copyfit.headline_lines`` [MIN, MAX] lines, by default
its own ±:data:`~layout.spec.model.DEFAULT_HEADLINE_SLACK` (at least 1), and always fewer
than its box's (a 竖题 strip of lines beside horizontal columns: no more than leave them a
line's width); that the head fits the lines given is the misfit's to judge (a head that
does not fit makes any page worse, so the search never keeps it). A boundary is the edge between
two boxes on the grid in the same column and span, the upper's foot line + 1 the
lower's top line; it moves by whole grid lines, at most the smaller ``copyfit.move`` of the
two from where the spec draws it, and each box keeps its headline block and at least one
line of body; a shift moves each of its two edges within that edge's limits. A boundary
that another box touches (a rule, a shaded box, a box wrapped into the stories) is no
site: moving it would leave that box behind. The blank lines before a box's intertitles
(小标题) stay within its ``copyfit.intertitle_space`` [MIN, MAX], held when it gives none. A
box whose story goes on on another page, or comes from one, is held whole (no site): how
much of the story stays on this page changes the other page, which the fit of this page
does not see. A photo box's height stays within its ``copyfit.height`` [MIN, MAX] lines
(lever 3: its edges then move as far as the range needs), the picture cropped to fill it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from layout.articles import Article, ParagraphKind
from layout.geometry import Rect, WritingMode
from layout.spec.model import DEFAULT_HEADLINE_SLACK, BoxKind, BoxSpec, PageSpec
from layout.spec.strip import widest_strip

# How near another box may come to a boundary's strip before the boundary is no site: a rule
# drawn on the edge touches it, a rule in the gutter beside the boxes (½ gutter away) does not.
TOUCH = 0.5  # pt


class Lever(Protocol):
    """A named change to a page spec."""

    def apply(self, spec: PageSpec) -> PageSpec:
        """``spec`` with the change made."""
        ...

    def describe(self) -> str:
        """The change in the designer's units."""
        ...

    @property
    def boxes(self) -> tuple[str, ...]:
        """The boxes the change touches."""
        ...


@dataclass(frozen=True)
class HeadlineLines:
    """Box ``box``'s headline block given ``after`` grid lines instead of ``before``."""

    box: str
    before: int
    after: int

    def apply(self, spec: PageSpec) -> PageSpec:
        box = spec.box(self.box)
        assert box.headline is not None  # a site only of a box with a headline area
        return _with_box(spec, box._replace(headline=box.headline._replace(lines=self.after)))

    def describe(self) -> str:
        return f"{self.box}: headline {self.before}→{self.after} lines"

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.box,)


@dataclass(frozen=True)
class Boundary:
    """The edge between box ``upper`` and box ``lower`` (stacked in the same columns) moved
    from grid line ``before`` to ``after``: the lower's top line (the upper's foot is the line
    above it)."""

    upper: str
    lower: str
    before: int
    after: int

    def apply(self, spec: PageSpec) -> PageSpec:
        up, low = spec.box(self.upper), spec.box(self.lower)
        assert up.grid_at is not None and low.grid_at is not None  # sites are on the grid
        column, span, up_line, _ = up.grid_at
        foot = low.grid_at[2] + low.grid_at[3]  # the line under the lower box
        spec = _with_box(spec, _placed(spec, up, (column, span, up_line, self.after - up_line)))
        return _with_box(spec, _placed(spec, low, (column, span, self.after, foot - self.after)))

    def describe(self) -> str:
        return f"{self.upper}/{self.lower} boundary: line {self.before}→{self.after}"

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.upper, self.lower)


@dataclass(frozen=True)
class Shift:
    """Box ``box``, stacked between ``upper`` and ``lower``, moved whole from top line
    ``before`` to ``after``: both its edges move by the same lines, its own room is kept, and
    the room one neighbour gains the other gives (a story slid down the stack)."""

    upper: str
    box: str
    lower: str
    before: int
    after: int

    def apply(self, spec: PageSpec) -> PageSpec:
        at = spec.box(self.box).grid_at
        assert at is not None  # a site only of boxes on the grid
        foot = self.before + at[3]
        moved = foot + self.after - self.before
        spec = Boundary(self.upper, self.box, self.before, self.after).apply(spec)
        return Boundary(self.box, self.lower, foot, moved).apply(spec)

    def describe(self) -> str:
        return f"{self.box}: moved from line {self.before} to {self.after}"

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.upper, self.box, self.lower)


@dataclass(frozen=True)
class Columns:
    """Box ``box``'s body re-divided into ``after`` columns instead of ``before`` (破栏):
    the box keeps its place and width, its columns' measure changes with their number."""

    box: str
    before: int
    after: int

    def apply(self, spec: PageSpec) -> PageSpec:
        return _with_box(spec, spec.box(self.box)._replace(columns=self.after))

    def describe(self) -> str:
        return f"{self.box}: 破栏 {self.before}→{self.after} columns"

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.box,)


@dataclass(frozen=True)
class IntertitleSpace:
    """Box ``box``'s story given ``after`` blank grid lines before each intertitle instead
    of ``before``: each intertitle not at the head of a column takes or gives that many
    lines of the box's room."""

    box: str
    before: int
    after: int

    def apply(self, spec: PageSpec) -> PageSpec:
        return _with_box(spec, spec.box(self.box)._replace(intertitle_space=self.after))

    def describe(self) -> str:
        return f"{self.box}: blank lines before intertitles {self.before}→{self.after}"

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.box,)


def _placed(spec: PageSpec, box: BoxSpec, at: tuple[int, int, int, int]) -> BoxSpec:
    return box._replace(grid_at=at, rect=spec.grid.rect(*at))


def _with_box(spec: PageSpec, box: BoxSpec) -> PageSpec:
    return spec._replace(boxes=tuple(box if b.id == box.id else b for b in spec.boxes))


class Site(Protocol):
    """Where a lever acts, with its limits."""

    boxes: tuple[str, ...]

    def candidates(self, spec: PageSpec) -> tuple[Lever, ...]:
        """The levers allowed from ``spec`` as it now is, nearest first."""
        ...


@dataclass(frozen=True)
class HeadlineSite:
    """Box ``box``'s headline block: ``lo``–``hi`` lines."""

    box: str
    lo: int
    hi: int

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.box,)

    def candidates(self, spec: PageSpec) -> tuple[Lever, ...]:
        box = spec.box(self.box)
        assert box.headline is not None and box.grid_at is not None
        h = box.headline
        now = h.lines
        if h.position == "right" and not h.span and box.writing_mode is WritingMode.HORIZONTAL_TB:
            # A 竖题 strip of lines across horizontal columns: as many as leave them a line's
            # width (``layout.spec.strip``: the spec's own lines do).
            lines = widest_strip(spec.grid, box.rect.width, box.columns) / spec.grid.line_pitch
            hi = min(self.hi, int(lines + 1e-6))
        else:
            hi = min(self.hi, box.grid_at[3] - 1)  # the body keeps a line
        return tuple(HeadlineLines(self.box, now, n) for n in _nearest(now, self.lo, hi))


@dataclass(frozen=True)
class BoundarySite:
    """The boundary between ``upper`` and ``lower``: the lower's top line within
    ``lo``–``hi`` (the spec's line ± the move allowed)."""

    upper: str
    lower: str
    lo: int
    hi: int

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.upper, self.lower)

    def candidates(self, spec: PageSpec) -> tuple[Lever, ...]:
        up, low = spec.box(self.upper), spec.box(self.lower)
        assert up.grid_at is not None and low.grid_at is not None
        now = low.grid_at[2]
        foot = now + low.grid_at[3]
        lo = max(self.lo, up.grid_at[2] + _head_lines(up) + 1)
        hi = min(self.hi, foot - _head_lines(low) - 1)
        return tuple(
            Boundary(self.upper, self.lower, now, n)
            for n in _nearest(now, lo, hi)
            if _tall(up, n - up.grid_at[2]) and _tall(low, foot - n)
        )


@dataclass(frozen=True)
class ShiftSite:
    """Box ``box`` between ``upper`` and ``lower`` in one stack: its top line within
    ``lo``–``hi``, where both its edges stay within their own boundaries' limits."""

    upper: str
    box: str
    lower: str
    lo: int
    hi: int

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.upper, self.box, self.lower)

    def candidates(self, spec: PageSpec) -> tuple[Lever, ...]:
        up, box, low = spec.box(self.upper), spec.box(self.box), spec.box(self.lower)
        assert up.grid_at is not None and box.grid_at is not None and low.grid_at is not None
        now, lines = box.grid_at[2], box.grid_at[3]
        lo = max(self.lo, up.grid_at[2] + _head_lines(up) + 1)
        foot = low.grid_at[2] + low.grid_at[3]
        hi = min(self.hi, foot - lines - _head_lines(low) - 1)
        return tuple(
            Shift(self.upper, self.box, self.lower, now, n)
            for n in _nearest(now, lo, hi)
            if _tall(up, n - up.grid_at[2]) and _tall(low, foot - n - lines)
        )


@dataclass(frozen=True)
class ColumnsSite:
    """Box ``box``'s body columns: one of ``choices``."""

    box: str
    choices: tuple[int, ...]

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.box,)

    def candidates(self, spec: PageSpec) -> tuple[Lever, ...]:
        now = spec.box(self.box).columns
        lo, hi = min(self.choices), max(self.choices)
        return tuple(Columns(self.box, now, n) for n in _nearest(now, lo, hi) if n in self.choices)


@dataclass(frozen=True)
class IntertitleSite:
    """Box ``box``'s blank lines before its intertitles: ``lo``–``hi``."""

    box: str
    lo: int
    hi: int

    @property
    def boxes(self) -> tuple[str, ...]:
        return (self.box,)

    def candidates(self, spec: PageSpec) -> tuple[Lever, ...]:
        now = spec.box(self.box).intertitle_space
        return tuple(IntertitleSpace(self.box, now, n) for n in _nearest(now, self.lo, self.hi))


def _tall(box: BoxSpec, lines: int) -> bool:
    """Whether ``lines`` grid lines are within the box's ``copyfit.height`` (a photo box's
    range; any height without one)."""
    span = box.copyfit.height
    return span is None or span[0] <= lines <= span[1]


def _head_lines(box: BoxSpec) -> int:
    if box.headline is None:
        return 0
    # A strip of basic columns (no lines) stands beside the body, not over it.
    return box.headline.lines or 0


def _nearest(now: int, lo: int, hi: int) -> Iterator[int]:
    """The values in ``lo``–``hi`` other than ``now``, nearest first, the smaller of two
    equally near first."""
    for step in range(1, max(now - lo, hi - now) + 1):
        for value in (now - step, now + step):
            if lo <= value <= hi:
                yield value


AnySite = HeadlineSite | BoundarySite | ShiftSite | ColumnsSite | IntertitleSite


def sites(spec: PageSpec, *, whole_edition: bool = False) -> tuple[AnySite, ...]:
    """Every site of ``spec``, in priority order: headline blocks, then boundaries, then
    shifts of a box between two boundaries, then body columns (破栏), then intertitle
    spacing, each in the spec's box order. ``whole_edition``: the page is fitted with the
    pages its threads run through, so a box whose story goes on to or comes from another
    page is a site too (the fit sees what changing it does there)."""
    movable = [b for b in spec.boxes if _movable(b, whole_edition)]
    found: list[AnySite] = []
    for box in movable:
        site = _headline_site(box)
        if site is not None:
            found.append(site)
    bounds = [
        site
        for up in movable
        for low in movable
        if (site := _boundary_site(spec, up, low)) is not None
    ]
    found += bounds
    for above in bounds:
        for below in bounds:
            if above.lower == below.upper:
                found.append(_shift_site(spec, above, below))
    found += [
        ColumnsSite(box.id, box.copyfit.columns)
        for box in movable
        if box.kind is BoxKind.ARTICLE and box.copyfit.columns is not None
    ]
    found += [site for box in movable if (site := _intertitle_site(spec, box)) is not None]
    return tuple(found)


def _movable(box: BoxSpec, whole_edition: bool) -> bool:
    """A box on the grid a lever may change: an article box whose story the page holds (in
    a page's fit alone, not one whose story goes on on another page, nor a continuation box
    — what changing it does to the other page the fit of this page cannot see; in an
    edition's fit, any article box), or a photo box that crops its picture to fill it
    (``fit: fill``; its ``move`` is 0 unless it has ``copyfit``)."""
    if box.grid_at is None:
        return False
    if box.kind is BoxKind.PHOTO:
        return box.fit == "fill"
    if box.kind is not BoxKind.ARTICLE:
        return False
    leaves = box.continues is not None and box.continues.page is not None
    return whole_edition or (box.article is not None and not leaves)


def _shift_site(spec: PageSpec, above: BoundarySite, below: BoundarySite) -> ShiftSite:
    """The middle box of two boundaries: moved by d, its top stays in ``above``'s limits and
    its foot in ``below``'s."""
    at = spec.box(above.lower).grid_at
    assert at is not None
    lines = at[3]
    lo = max(above.lo, below.lo - lines)
    hi = min(above.hi, below.hi - lines)
    return ShiftSite(above.upper, above.lower, below.lower, lo, hi)


def _headline_site(box: BoxSpec) -> HeadlineSite | None:
    if box.headline is None or box.kind is not BoxKind.ARTICLE:
        return None
    lines = box.headline.lines
    if lines is None:
        return None  # a 竖题 strip of basic columns: its width is its span, whatever its lines
    lo, hi = box.copyfit.headline_lines or (
        max(1, lines - DEFAULT_HEADLINE_SLACK),
        lines + DEFAULT_HEADLINE_SLACK,
    )
    return HeadlineSite(box.id, lo, hi) if lo < hi else None


def _intertitle_site(spec: PageSpec, box: BoxSpec) -> IntertitleSite | None:
    """The intertitle spacing of an article box whose ``copyfit`` gives it a range and whose
    story has an intertitle (else the change would move nothing)."""
    span = box.copyfit.intertitle_space
    if span is None or span[0] == span[1] or box.kind is not BoxKind.ARTICLE:
        return None
    article = spec.articles.get(box.article or "")
    if not isinstance(article, Article) or not any(
        p.kind is ParagraphKind.INTERTITLE for p in article.paragraphs
    ):
        return None
    return IntertitleSite(box.id, span[0], span[1])


def _boundary_site(spec: PageSpec, up: BoxSpec, low: BoxSpec) -> BoundarySite | None:
    assert up.grid_at is not None and low.grid_at is not None
    ucol, uspan, uline, ulines = up.grid_at
    lcol, lspan, lline, llines = low.grid_at
    if (ucol, uspan) != (lcol, lspan) or uline + ulines != lline:
        return None
    move = min(up.copyfit.move, low.copyfit.move)
    if move == 0:
        return None
    lo, hi = lline - move, lline + move
    strip = spec.grid.rect(ucol, uspan, lo, hi - lo)  # every place the edge may stand
    if any(_touches(b.rect, strip) for b in spec.boxes if b.id not in (up.id, low.id)):
        return None
    return BoundarySite(up.id, low.id, lo, hi)


def _touches(a: Rect, b: Rect) -> bool:
    return (
        a.x < b.right + TOUCH
        and b.x - TOUCH < a.right
        and a.y < b.bottom + TOUCH
        and b.y - TOUCH < a.bottom
    )
