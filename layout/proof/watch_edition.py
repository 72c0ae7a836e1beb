"""Watching an edition: the proof and overview rebuilt, composing only the pages whose inputs
changed and the pages that depend on them.

Contract: :func:`pages_to_rebuild` is the rule — a page is recomposed when one of its inputs
(:func:`layout.build.input_files`: its spec, the shared files, records, images, fonts) or its
``articles`` folder (a record added or removed there: :func:`layout.proof.watch.next_change`)
changed,
and so is every page a story continues to from a recomposed page (``BoxSpec.continues`` with a
page: taken conservatively, a page depends on every page with a box continuing to it, and
the rule is applied until nothing is added). A change to the edition file itself recomposes
every page (its list may renumber them). :class:`EditionRebuilder` keeps the pages composed
and, after each change, recomposes only those pages (``compose_pages(..., only=…)``), then
writes the proof of all pages and the overview; :func:`watch_edition` runs it in the watch
loop of :mod:`layout.proof.watch` (file events, one line per rebuild).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from pathlib import Path
from typing import TextIO

from ..build import fonts_for, input_files
from ..compose.edition import compose_pages
from ..edition import edition_inputs
from ..output import check_output
from ..page import Page
from ..spec.edition import EditionSpec, load_edition
from ..spec.model import PageSpec
from .edition import edition_paths, write_edition_proof
from .png import png_paths
from .watch import (
    ChangeSource,
    Opener,
    Rebuilt,
    WatchfilesSource,
    folder_listings,
    loader_lines,
    watch_loop,
)


def continued_from(specs: Sequence[PageSpec]) -> dict[int, set[int]]:
    """For each page number, the pages with a box whose story continues to it."""
    found: dict[int, set[int]] = {s.page.number: set() for s in specs}
    for spec in specs:
        for box in spec.boxes:
            target = box.continues.page if box.continues is not None else None
            if target is not None and target in found and target != spec.page.number:
                found[target].add(spec.page.number)
    return found


def page_inputs(spec: PageSpec) -> set[Path]:
    """The files page ``spec`` is composed from, and the folder of records it lists."""
    files = {Path(f.path) for f in input_files(spec, fonts_for(spec))}
    return files | ({spec.articles_dir} if spec.articles_dir is not None else set())


def pages_to_rebuild(specs: Sequence[PageSpec], changed: Collection[Path]) -> set[int]:
    """The numbers of the pages to recompose after the files ``changed`` changed."""
    changed = {Path(f) for f in changed}
    todo = {s.page.number for s in specs if page_inputs(s) & changed}
    sources = continued_from(specs)
    while True:
        more = {n for n, froms in sources.items() if froms & todo} - todo
        if not more:
            return todo
        todo |= more


class EditionRebuilder:
    """The proof and overview of an edition, composing again only :func:`pages_to_rebuild`."""

    def __init__(
        self,
        edition: Path,
        out: Path | str | None,
        overview: Path | str | None,
        *,
        png_dpi: float | None,
    ) -> None:
        self.source = edition
        self.out, self.overview = edition_paths(edition, out, overview)
        self.png_dpi = png_dpi
        self._pages: dict[int, Page] = {}
        self._last: EditionSpec | None = None

    def rebuild(self, changed: Collection[Path] | None) -> Rebuilt:
        edition = load_edition(self.source)
        inputs = edition_inputs(edition)
        previews = png_paths(self.out, len(edition.specs)) if self.png_dpi else []
        for target in (self.out, self.overview, *previews):
            check_output(target, inputs)
        last = self._last
        # Everything at first, after a failure, or when the edition file changed (its list
        # may renumber the pages).
        everything = changed is None or last is None or self.source in changed
        if everything or last.numbers != edition.numbers:
            todo = set(edition.numbers)
        else:
            todo = pages_to_rebuild(edition.specs, changed) | (
                set(edition.numbers) - set(self._pages)
            )
        fonts = fonts_for(edition.specs[0])
        for page in compose_pages(edition.specs, fonts, only=todo):
            self._pages[page.number] = page
        proof = write_edition_proof(
            edition,
            [self._pages[n] for n in edition.numbers],
            self.out,
            self.overview,
            self.png_dpi,
        )
        self._last = edition
        folders = folder_listings(edition.specs)
        files = {self.source}.union(*(page_inputs(s) for s in edition.specs))
        files -= {folder for folder, _ in folders}  # watched as folders, by their listing
        return Rebuilt(
            files=(self.source, *sorted(files - {self.source})),
            written=(self.out, self.overview, *proof.pngs),
            problems=tuple((r.page.number, p) for r in proof.reports for p in r.problems),
            composed=", ".join(str(n) for n in sorted(todo)) or "none",
            folders=tuple(folders),
            said=loader_lines(edition.specs),
        )

    def failed(self) -> None:
        self._pages.clear()  # what bad input left composed is not known to be current
        self._last = None


def watch_edition(
    edition_path: Path | str,
    out: Path | str | None = None,
    *,
    overview: Path | str | None = None,
    stream: TextIO | None = None,
    png_dpi: float | None = None,
    source: ChangeSource | None = None,
    opener: Opener | None = None,
) -> int:
    """Watch an edition: the proof (and its PNG previews at ``png_dpi``) and overview made
    again whenever an input changes, recomposing only :func:`pages_to_rebuild`; one line per
    rebuild naming what changed, the pages composed and the problems. ``source``: the file
    events by default (:class:`~layout.proof.watch.WatchfilesSource`)."""
    rebuilder = EditionRebuilder(Path(edition_path), out, overview, png_dpi=png_dpi)
    return watch_loop(rebuilder, source or WatchfilesSource(), stream=stream, opener=opener)
