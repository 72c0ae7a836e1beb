"""The pages a fit composes: one page spec, or every page of an edition with its threads.

Contract: a :class:`Composer` composes a :class:`PageSet` — page specs in edition order and
each one's :class:`~layout.compose.page.ComposedPage` — with one font library and break mode.
:meth:`Composer.first` composes them all; :meth:`Composer.with_spec` gives the set with one
page's spec replaced, re-composing that page and only the pages a story of it goes on to
(directly or through others: what leaves a page is what the next one sets), each given the
stories that flow into it from the set's pages (``Outflow``). For a lone page spec
(``threads=False``) there are no threads: a story that leaves for another page is not
followed, and nothing flows in, as ``compose_page`` sets it. The threads of an edition are
checked once (:func:`layout.compose.edition.check_threads`; a lever never changes a
``continues``), and the pages are composed in an order where every page a story comes from
is composed first (:mod:`graphlib`), as ``compose_pages`` does: the same pages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from graphlib import TopologicalSorter

from layout.compose.edition import check_threads
from layout.compose.page import ComposedPage, Inflow, compose_threaded
from layout.fonts import FontLibrary
from layout.page import Page
from layout.spec.model import PageSpec
from layout.text.options import BreakMode


@dataclass(frozen=True)
class PageSet:
    """Page specs in edition order and their composed pages."""

    specs: tuple[PageSpec, ...]
    composed: tuple[ComposedPage, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(s.page.number for s in self.specs)

    @property
    def pages(self) -> tuple[Page, ...]:
        return tuple(c.page for c in self.composed)

    def spec(self, number: int) -> PageSpec:
        return self.specs[self.numbers.index(number)]

    def page(self, number: int) -> Page:
        return self.composed[self.numbers.index(number)].page


@dataclass(frozen=True)
class Composer:
    """Composes the pages of a fit (see the module docstring)."""

    fonts: FontLibrary
    mode: BreakMode
    # Page number → the pages its stories go on to, directly; and the order to compose in.
    onward: Mapping[int, frozenset[int]] = field(default_factory=dict)
    order: tuple[int, ...] = ()

    @classmethod
    def of(
        cls, specs: tuple[PageSpec, ...], fonts: FontLibrary, mode: BreakMode, *, threads: bool
    ) -> Composer:
        numbers = [s.page.number for s in specs]
        sources = check_threads(specs) if threads else {}
        onward: dict[int, set[int]] = {n: set() for n in numbers}
        after: dict[int, set[int]] = {n: set() for n in numbers}  # the pages it comes after
        for (to_page, _), (from_page, _) in sources.items():
            if to_page != from_page:
                onward[from_page].add(to_page)
                after[to_page].add(from_page)
        order = tuple(TopologicalSorter(after).static_order())
        return cls(fonts, mode, {n: frozenset(v) for n, v in onward.items()}, order)

    def first(self, specs: tuple[PageSpec, ...]) -> PageSet:
        """Every page of ``specs`` composed."""
        blank = PageSet(specs, ())
        return self._composed(blank, set(blank.numbers), {})

    def with_spec(self, pages: PageSet, spec: PageSpec) -> PageSet:
        """``pages`` with page ``spec.page.number``'s spec replaced by ``spec``: that page and
        the pages its stories go on to re-composed."""
        number = spec.page.number
        specs = tuple(spec if s.page.number == number else s for s in pages.specs)
        todo, stack = set(), [number]
        while stack:
            n = stack.pop()
            if n not in todo:
                todo.add(n)
                stack += sorted(self.onward.get(n, ()))
        kept = dict(zip(pages.numbers, pages.composed, strict=True))
        return self._composed(PageSet(specs, ()), todo, kept)

    def _composed(self, pages: PageSet, todo: set[int], kept: dict[int, ComposedPage]) -> PageSet:
        """``pages.specs`` composed: the pages ``todo`` anew, the others as ``kept``."""
        by_number = dict(zip(pages.numbers, pages.specs, strict=True))
        done: dict[int, ComposedPage] = {}
        order = self.order or pages.numbers
        for number in order:
            if number not in todo:
                done[number] = kept[number]
                continue
            inflow = self._inflow(number, done)
            done[number] = compose_threaded(by_number[number], self.fonts, self.mode, inflow=inflow)
        return replace(pages, composed=tuple(done[n] for n in pages.numbers))

    def _inflow(self, number: int, done: Mapping[int, ComposedPage]) -> dict[str, Inflow]:
        """The stories flowing into page ``number`` from the pages composed before it."""
        if not self.onward:
            return {}
        return {
            out.box: out.story
            for composed in done.values()
            for out in composed.leaving
            if out.page == number
        }
