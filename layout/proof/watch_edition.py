"""Watching an edition: the proof and overview rebuilt, composing only the pages whose inputs
changed and the pages that depend on them.

Contract: :func:`pages_to_rebuild` is the rule — a page is recomposed when one of its inputs
(:func:`layout.build.input_files`: its spec, the shared files, records, images, fonts) changed,
and so is every page a story continues to from a recomposed page (``BoxSpec.continues`` with a
page: taken conservatively, a page depends on every page with a box continuing to it, and
the rule is applied until nothing is added). A change to the edition file itself recomposes
every page (its list may renumber them). :func:`watch_edition` polls the files as
:func:`layout.proof.watch.watch` does, keeps the pages composed, and after each change
recomposes only those pages (``compose_pages(..., only=…)``), then writes the proof of all
pages and the overview. Bad input is printed and the loop waits for the next change.
"""

from __future__ import annotations

import datetime
import sys
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from ..build import fonts_for, input_files
from ..compose.edition import compose_pages
from ..edition import edition_inputs
from ..errors import OutputError, SpecError, SpecErrors
from ..output import check_output
from ..page import Page
from ..spec.edition import EditionSpec, load_edition
from ..spec.model import PageSpec
from .edition import edition_paths, write_edition_proof
from .format import count
from .png import png_paths

Stamp = tuple[int, int] | None


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
    """The files page ``spec`` is composed from."""
    return {Path(f.path) for f in input_files(spec, fonts_for(spec))}


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


def _stamps(files: Collection[Path]) -> dict[Path, Stamp]:
    stamps: dict[Path, Stamp] = {}
    for f in files:
        try:
            st = f.stat()
            stamps[f] = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamps[f] = None
    return stamps


def _changed(old: Mapping[Path, Stamp], new: Mapping[Path, Stamp]) -> set[Path]:
    return {f for f in set(old) | set(new) if old.get(f, ()) != new.get(f, ())}


def watch_edition(
    edition_path: Path | str,
    out: Path | str | None = None,
    *,
    overview: Path | str | None = None,
    interval: float = 0.5,
    max_rebuilds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    stream: TextIO | None = None,
    png_dpi: float | None = None,
) -> int:
    """Rebuild the edition's proof (and its PNG previews at ``png_dpi``) and overview
    whenever an input changes, recomposing only :func:`pages_to_rebuild`; one line per
    rebuild naming the pages composed. Returns 0 after ``max_rebuilds`` rebuilds (never,
    when None: stop it with Ctrl-C)."""
    edition_path = Path(edition_path)
    out, overview = edition_paths(edition_path, out, overview)
    stream = stream or sys.stdout
    files: set[Path] = {edition_path}
    stamps: dict[Path, Stamp] = {}
    pages: dict[int, Page] = {}
    last: EditionSpec | None = None
    rebuilds = 0
    while True:
        current = _stamps(files)
        changed = _changed(stamps, current) if rebuilds else set(files)
        if changed:
            clock = datetime.datetime.now().strftime("%H:%M:%S")
            started = time.perf_counter()
            try:
                edition = load_edition(edition_path)
                inputs = edition_inputs(edition)
                previews = png_paths(out, len(edition.specs)) if png_dpi else []
                for target in (out, overview, *previews):
                    check_output(target, inputs)
                if last is None or edition_path in changed or last.numbers != edition.numbers:
                    todo = set(edition.numbers)
                else:
                    todo = pages_to_rebuild(edition.specs, changed) | (
                        set(edition.numbers) - set(pages)
                    )
                fonts = fonts_for(edition.specs[0])
                for page in compose_pages(edition.specs, fonts, only=todo):
                    pages[page.number] = page
                proof = write_edition_proof(
                    edition, [pages[n] for n in edition.numbers], out, overview, png_dpi
                )
                spoil = len(proof.spoilers)
                last = edition
                files = {edition_path}.union(*(page_inputs(s) for s in edition.specs))
                composed = ", ".join(str(n) for n in sorted(todo)) or "none"
                print(
                    f"{clock} rebuilt {out} and {overview} in "
                    f"{time.perf_counter() - started:.2f} s: pages composed {composed}; "
                    f"{spoil} would spoil print",
                    file=stream,
                )
            except (SpecErrors, SpecError) as errors:
                items = errors.errors if isinstance(errors, SpecErrors) else [errors]
                print(
                    f"{clock} {edition_path}: {count(len(items), 'error')}, waiting for a change",
                    file=stream,
                )
                for error in items:
                    print(f"  {error}", file=stream)
                files |= {e.pos.file for e in items if e.pos is not None}
                pages.clear()  # what the bad input left composed is not known to be current
                last = None
            except OutputError as error:
                if error.refused:
                    raise
                print(f"{clock} cannot write {error}, waiting for a change", file=stream)
            except Exception as error:  # a watcher survives; the next change may fix it
                print(
                    f"{clock} {edition_path}: failed: {type(error).__name__}: {error}", file=stream
                )
                pages.clear()
                last = None
            stream.flush()
            # What changed during the build is seen at the next poll.
            after = _stamps(files)
            stamps = {f: current.get(f, after[f]) for f in files}
            rebuilds += 1
            if max_rebuilds is not None and rebuilds >= max_rebuilds:
                return 0
        sleep(interval)
