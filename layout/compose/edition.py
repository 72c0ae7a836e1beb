"""Compose the pages of an edition, in order.

Contract: :func:`compose_pages` lays out ``specs`` (page specs in edition order, each with its
``page.number``) with one font library and returns one :class:`~layout.page.Page` per spec,
in the same order; given ``only`` (page numbers), just those pages, composing whatever else
they need (the pages a story comes from) without returning it, so that pages can be composed
in parallel processes with the same result; :func:`thread_groups` says which pages can be
composed apart (no story crosses between them). It is the one place an edition is composed: the
edition build, its proof and its watch call it, so that what crosses pages (a story
continued on another page, the page numbers its jump lines print) is resolved here and
nowhere else.

The threads across pages are checked first (raising :class:`~layout.errors.SpecErrors`,
each error at the ``continues`` or the box it is about): a jump names a page of ``specs``
and an article box on it that names no article of its own, no two boxes continue into one,
no thread loops, every box without an article is reached by a thread, and no two pages
take stories from each other (the pages are composed in an order where every page a story
comes from is composed first). The threads within one page are the spec loader's
(``layout.spec.references``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Sequence

from ..errors import SourcePos, SpecError, SpecErrors
from ..fonts import FontLibrary
from ..gcpolicy import layout_gc
from ..page import Page
from ..spec.model import BoxKind, BoxSpec, PageSpec
from ..text.options import BreakMode
from .page import Inflow, compose_threaded

# A box of the edition: (page number, box id).
BoxKey = tuple[int, str]


def compose_pages(
    specs: Sequence[PageSpec],
    fonts: FontLibrary,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    *,
    only: Collection[int] | None = None,
    on_page: Callable[[Page], None] | None = None,
) -> tuple[Page, ...]:
    """The pages of ``specs`` (those numbered in ``only``, if given) composed, in order;
    ``on_page`` is given each of them as soon as it is composed (the PDF stage starts on
    its photos while the next page is composed)."""
    by_number = _numbered(specs)
    sources = check_threads(specs)
    needed = _needed(by_number, sources, only)
    inflows: dict[int, dict[str, Inflow]] = {n: {} for n in by_number}
    pages: dict[int, Page] = {}
    for number in _order(by_number, sources):
        if number not in needed:
            continue
        # Each page with what the pages before it made frozen (``layout_gc``): the
        # collector does not walk them again while it is laid out.
        with layout_gc():
            composed = compose_threaded(by_number[number], fonts, mode, inflow=inflows[number])
        pages[number] = composed.page
        if on_page is not None and (only is None or number in only):
            on_page(composed.page)
        for out in composed.leaving:
            inflows[out.page][out.box] = out.story
    return tuple(pages[s.page.number] for s in specs if only is None or s.page.number in only)


def pages_needed(specs: Sequence[PageSpec], only: Collection[int]) -> set[int]:
    """The numbers of the pages to compose for the pages ``only``: those, and every page a
    story on them comes from."""
    return _needed(_numbered(specs), check_threads(specs), only)


def thread_groups(specs: Sequence[PageSpec]) -> list[tuple[int, ...]]:
    """The pages of ``specs`` in groups that no story crosses between: pages linked by a
    story continued from one to another are in one group (each in edition order; the groups
    in the order of their first pages). Each group can be composed apart from the others."""
    group = {s.page.number: s.page.number for s in specs}

    def root(n: int) -> int:
        while group[n] != n:
            n = group[n]
        return n

    for target, source in check_threads(specs).items():
        a, b = root(target[0]), root(source[0])
        group[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for spec in specs:
        members.setdefault(root(spec.page.number), []).append(spec.page.number)
    return [tuple(m) for m in members.values()]


def _numbered(specs: Sequence[PageSpec]) -> dict[int, PageSpec]:
    """The specs by page number; a number given twice is an error."""
    found: dict[int, PageSpec] = {}
    errors = []
    for spec in specs:
        number = spec.page.number
        if number in found:
            errors.append(
                SpecError(
                    f"page {number} is also {found[number].path.name}",
                    pos=SourcePos(spec.path, 1, 1),
                    key_path="page.number",
                )
            )
            continue
        found[number] = spec
    if errors:
        raise SpecErrors(errors)
    return found


def check_threads(specs: Sequence[PageSpec]) -> dict[BoxKey, BoxKey]:
    """The threads across the pages of ``specs`` checked; the box each box continues from,
    by box (raises SpecErrors listing every fault)."""
    by_number = {s.page.number: s for s in specs}
    errors: list[SpecError] = []
    source: dict[BoxKey, BoxKey] = {}
    for spec in specs:
        for box in spec.boxes:
            c = box.continues
            if c is None:
                continue
            page = c.page if c.page is not None else spec.page.number
            at = (spec.page.number, box.id)
            error = _jump_error(by_number, page, c.box, at, source)
            if error is not None:
                value = c.box_pos if error[0] == "box" else c.page_pos
                pos = value if value is not None else c.pos
                errors.append(SpecError(error[1], pos=pos, key_path=f"{c.key_path}.{error[0]}"))
                continue
            source[(page, c.box)] = at
    loops = list(_loops(by_number, source))
    errors += loops
    errors += _unreached(specs, source)
    if not loops:
        errors += _page_cycles(by_number, source)
    if errors:
        raise SpecErrors(errors)
    return source


def _jump_error(
    by_number: dict[int, PageSpec],
    page: int,
    box_id: str,
    at: BoxKey,
    source: dict[BoxKey, BoxKey],
) -> tuple[str, str] | None:
    """What is wrong with a jump from box ``at`` to box ``box_id`` of page ``page``, as
    (the key under ``continues``, the message); None when nothing is."""
    spec = by_number.get(page)
    if spec is None:
        pages = ", ".join(str(n) for n in sorted(by_number))
        return "page", f"no page {page} in the edition (pages: {pages})"
    target = next((b for b in spec.boxes if b.id == box_id), None)
    if target is None or target.kind is not BoxKind.ARTICLE:
        names = ", ".join(b.id for b in spec.boxes if b.kind is BoxKind.ARTICLE)
        return "box", f"no article box {box_id!r} on page {page} (article boxes: {names})"
    if target.article is not None:
        return "box", (
            f"box {box_id!r} of page {page} has an article of its own ({target.article!r}): "
            "the box a story continues in names none"
        )
    earlier = source.get((page, box_id))
    if earlier is not None:
        return "box", (
            f"box {box_id!r} of page {page} is continued into by box {earlier[1]!r} of page "
            f"{earlier[0]} already (a box holds one thread)"
        )
    return None


def _loops(by_number: dict[int, PageSpec], source: dict[BoxKey, BoxKey]) -> Iterator[SpecError]:
    """A thread that comes back to a box it passed (reported once, at the first box of the
    loop in edition order)."""
    onward = {v: k for k, v in source.items()}
    reported: set[BoxKey] = set()
    for start in sorted(onward):
        path, here = [start], onward.get(start)
        while here is not None and here not in path:
            path.append(here)
            here = onward.get(here)
        if here is None or here != start or reported & set(path):
            continue
        reported |= set(path)
        box = _box(by_number[start[0]], start[1])
        shown = " → ".join(f"page {p} box {b}" for p, b in [*path, start])
        yield SpecError(
            f"the thread loops: {shown}",
            pos=box.continues.pos if box.continues else box.source_pos,
            key_path=box.continues.key_path if box.continues else "",
        )


def _unreached(specs: Sequence[PageSpec], source: dict[BoxKey, BoxKey]) -> Iterator[SpecError]:
    """An article box with no article that no thread reaches."""
    for spec in specs:
        for box in spec.boxes:
            orphan = box.kind is BoxKind.ARTICLE and box.article is None
            if orphan and (spec.page.number, box.id) not in source:
                yield SpecError(
                    f"missing required key 'article': no box of the edition continues "
                    f"into box {box.id!r}",
                    pos=box.source_pos,
                    key_path=box.key_path,
                )


def _page_cycles(
    by_number: dict[int, PageSpec], source: dict[BoxKey, BoxKey]
) -> Iterator[SpecError]:
    """Two pages (or more) that take stories from each other: no order composes each page
    after the pages its stories come from."""
    try:
        _order(by_number, source)
    except ValueError as cycle:
        pages = cycle.args[0]
        first = by_number[pages[0]]
        box = next(
            b
            for b in first.boxes
            if b.continues is not None
            and b.continues.page is not None
            and b.continues.page in pages
        )
        assert box.continues is not None
        shown = " → ".join(str(p) for p in [*pages, pages[0]])
        yield SpecError(
            f"the pages take stories from each other ({shown}): a story jumps to a page "
            "only if no story of that page jumps back",
            pos=box.continues.pos,
            key_path=box.continues.key_path,
        )


def _order(by_number: dict[int, PageSpec], source: dict[BoxKey, BoxKey]) -> list[int]:
    """The page numbers in an order where every page a story comes from is first (edition
    order otherwise); raises ValueError with the pages of a cycle."""
    comes_from = {
        n: sorted({s[0] for t, s in source.items() if t[0] == n and s[0] != n}) for n in by_number
    }
    done: list[int] = []
    trail: list[int] = []  # the pages being visited, each a source of the one before

    def visit(n: int) -> None:
        if n in done:
            return
        if n in trail:
            raise ValueError(trail[trail.index(n) :][::-1])
        trail.append(n)
        for m in comes_from[n]:
            visit(m)
        trail.pop()
        done.append(n)

    for n in by_number:
        visit(n)
    return done


def _needed(
    by_number: dict[int, PageSpec], source: dict[BoxKey, BoxKey], only: Collection[int] | None
) -> set[int]:
    """The pages to compose for ``only``: those, and every page a story on them comes from."""
    if only is None:
        return set(by_number)
    needed: set[int] = set()
    todo = [n for n in only if n in by_number]
    while todo:
        n = todo.pop()
        if n in needed:
            continue
        needed.add(n)
        todo += [s[0] for t, s in source.items() if t[0] == n]
    return needed


def _box(spec: PageSpec, box_id: str) -> BoxSpec:
    return next(b for b in spec.boxes if b.id == box_id)
