"""Watching a page or an edition: the proof rebuilt whenever one of its inputs changes.

Contract: :func:`watch_loop` is the one loop of ``banmian watch``. It asks a *rebuilder*
(:class:`PageRebuilder` here, :class:`layout.proof.watch_edition.EditionRebuilder`) to make
the proof, prints one line per rebuild — the clock, what changed (file names), the time
taken, the problems by kind and box — then waits on a :class:`ChangeSource` for the next
change to one of the files the build read (:func:`layout.build.page_inputs`: the spec and
what it extends, the pages of its edition whose stories it continues, the article records,
images, the fonts manifest and font files, the press profile) or to the folders of records it
listed (a spec's ``articles: FOLDER``): a folder has changed when the records in it, as the
reader lists them (:func:`layout.articles.listed_names`), are not those the build read — a
record added, removed or renamed; an editor's swap file or backup there, which the reader
skips, rebuilds nothing. Bad input and an output that could not be written are printed and
the loop waits for a change (the files the errors point at, and the folders the failed load
listed, are watched too); an output path that no change can fix (one of the inputs, a folder)
raises ``OutputError``; any other failure is printed and the loop goes on. What the spec
loader says that is no error — the copy it prints nowhere (a record placed by no box, a story
only a photo box shows), its warnings and notes, the lines ``banmian build`` prints on
standard error — is printed under the first rebuild's line and again whenever it changes,
so a night desk watching a page sees it without a build of its own. The loop ends
when the source has no more changes (the real one never ends: Ctrl-C stops it).

The real source, :class:`WatchfilesSource`, waits on the operating system's file events
(watchfiles: inotify, FSEvents, ReadDirectoryChangesW; no polling of the files) in the
folders of the files, so an editor's save by rename is seen; changes made while a proof is
being built are kept by the watcher and start the next rebuild. A test gives a source that
yields scripted change sets instead, so nothing depends on timing.
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from ..articles import listed_names
from ..build import edition_source, fonts_for, page_inputs
from ..errors import FolderListing, OutputError, SpecError, SpecErrors
from ..report import Problem, Severity, count
from ..spec import PageSpec
from .make import default_proof_path, make_proof


def watched_files(spec: PageSpec) -> list[Path]:
    """The files a page is made from, as the build reads them (``layout.build.page_inputs``):
    the spec, the shared files it extends, the pages whose stories it continues, its article
    records and their images, the logotype, the advertisements, the fonts manifest and the
    font files, the press profile."""
    return watched_inputs(spec)[0]


def watched_inputs(spec: PageSpec) -> tuple[list[Path], list[FolderListing]]:
    """:func:`watched_files`, and the folders of records those pages read
    (:func:`folder_listings`)."""
    source = edition_source(spec)
    inputs = page_inputs(spec, fonts_for(spec), source)
    pages = [spec, *(source.sources() if source is not None else ())]
    return _union([item.path for item in inputs]), folder_listings(pages)


def folder_listings(specs: Iterable[PageSpec]) -> list[FolderListing]:
    """The ``articles`` folders of ``specs`` (a spec that lists its files has none), each once
    with the names of the record files its load read there."""
    found: dict[Path, FolderListing] = {}
    for spec in specs:
        if spec.articles_dir is not None:
            names = tuple(f.name for f in spec.article_files)
            found.setdefault(spec.articles_dir, (spec.articles_dir, names))
    return list(found.values())


class ChangeSource(Protocol):
    """Where a watch learns that files changed."""

    def wait(self, files: Collection[Path]) -> set[Path] | None:
        """Block until one or more of ``files`` change (written, replaced, removed, created)
        and return those; ``None`` when there will be no more changes. A folder among
        ``files`` is returned when an entry in it is created, written, renamed or removed,
        whatever its name (the loop asks the folder's reader whether that is a change)."""
        ...


class WatchfilesSource:
    """File events from the operating system through watchfiles (see the module docstring).

    The folders of the files are watched (not each file: an editor that saves by writing a
    new file and renaming it over the old one replaces the file watched), and each folder
    among the files itself (not what is below its entries). When the folders change, the new
    watcher is started before the old one is read for the last time, so no
    change falls between them."""

    # The events of one save come in bursts: gather them for this long (ms) into one set.
    DEBOUNCE_MS = 100
    # How long (ms) the watcher waits in its own thread before giving control back, so that
    # Ctrl-C is handled: not a poll of the files, which are never looked at in the meantime.
    WAKE_MS = 500

    def __init__(self) -> None:
        self._folders: frozenset[Path] = frozenset()
        self._events: Iterator[set[tuple[object, str]]] | None = None

    def _open(self, folders: frozenset[Path]) -> Iterator[set[tuple[object, str]]]:
        import watchfiles

        return watchfiles.watch(
            *sorted(folders),
            debounce=self.DEBOUNCE_MS,
            rust_timeout=self.WAKE_MS,
            yield_on_timeout=True,
            recursive=False,
        )

    def wait(self, files: Collection[Path]) -> set[Path] | None:
        wanted = {Path(os.path.abspath(f)): Path(f) for f in files}
        named = {p for p in wanted if p.is_dir()}  # a folder given: any entry in it is news
        folders = frozenset({p.parent for p in wanted if p.parent.is_dir()} | named)
        pending: set[Path] = set()
        if folders != self._folders or self._events is None:
            events = self._open(folders)
            pending |= _paths(next(events))  # the new watcher runs from here on
            if self._events is not None:
                pending |= _paths(next(self._events))  # what the old one saw meanwhile
                self._events.close()  # type: ignore[attr-defined]
            self._events, self._folders = events, folders
        while True:
            hit = {wanted[p] for p in pending if p in wanted}
            hit |= {wanted[p.parent] for p in pending if p.parent in named}
            if hit:
                return hit
            pending = _paths(next(self._events))


def _paths(events: set[tuple[object, str]]) -> set[Path]:
    return {Path(os.path.abspath(path)) for _, path in events}


@dataclass(frozen=True)
class Rebuilt:
    """One rebuild done: the files it read (watched for the next change), what it wrote,
    the problems found (each with the page it is on, for an edition), lines to print under
    the rebuild's line, what was composed (an edition's pages), the folders of records
    it listed, with the names it read in each (watched for a record added or removed), and
    what the spec loader said (:func:`loader_lines`: printed when it changes)."""

    files: tuple[Path, ...]
    written: tuple[Path, ...]
    problems: tuple[tuple[int | None, Problem], ...]
    notes: tuple[str, ...] = ()
    composed: str = ""
    folders: tuple[FolderListing, ...] = ()
    said: tuple[str, ...] = ()


def loader_lines(specs: Iterable[PageSpec]) -> tuple[str, ...]:
    """What the spec loader says of ``specs`` that is no error, as ``banmian build`` prints
    it (:func:`layout.cli.printing.notes`): the copy printed nowhere and its warnings as
    ``warning: …``, its notes as ``note: …``; each once, in the order first said (an
    edition's warning is on each of its pages)."""
    lines: dict[str, None] = {}
    for spec in specs:
        for text in (*map(str, spec.unprinted), *spec.warnings):
            lines.setdefault(f"warning: {text}")
        for text in spec.notes:
            lines.setdefault(f"note: {text}")
    return tuple(lines)


class Rebuilder(Protocol):
    """Makes the proof again; the watch loop prints and waits."""

    source: Path  # the spec or edition file: watched from the start

    def rebuild(self, changed: Collection[Path] | None) -> Rebuilt:
        """Build the proof (``changed``: the files that changed; ``None``: the first build,
        or after a failure: everything). Raises what :func:`watch_loop` reports."""
        ...

    def failed(self) -> None:
        """The rebuild raised: forget what was composed (it is not known to be current)."""
        ...


class PageRebuilder:
    """The proof of one page spec (``fit``: the ``proof --fit`` advice under each line)."""

    def __init__(
        self, spec: Path, out: Path | None, *, png_dpi: float | None, fit: bool = False
    ) -> None:
        self.source = spec
        self.out = out if out is not None else default_proof_path(spec)
        self.png_dpi = png_dpi
        self.fit = fit

    def rebuild(self, changed: Collection[Path] | None) -> Rebuilt:
        report = make_proof(self.source, self.out, png_dpi=self.png_dpi)
        advice = tuple(_advice(report.spec)) if self.fit else ()
        files, folders = watched_inputs(report.spec)
        return Rebuilt(
            files=tuple(_union([self.source], files)),
            written=(self.out, *report.pngs),
            problems=tuple((None, p) for p in report.problems),
            notes=advice,
            folders=tuple(folders),
            said=loader_lines([report.spec]),
        )

    def failed(self) -> None:
        """Nothing is kept between rebuilds of a page."""


Opener = Callable[[Path], str | None]


def open_in_viewer(path: Path) -> str | None:
    """Open ``path`` in the system's viewer (``os.startfile`` on Windows, ``open`` on macOS,
    ``xdg-open`` elsewhere), not waiting for it; a note saying why not when there is none."""
    if sys.platform == "win32":
        os.startfile(path)  # type: ignore[attr-defined]  # noqa: S606
        return None
    command = "open" if sys.platform == "darwin" else "xdg-open"
    program = shutil.which(command)
    if program is None:
        return f"--open: no {command} on this system; open {path} yourself"
    subprocess.Popen(  # the viewer outlives the watch: not waited for
        [program, str(path)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return None


def watch_loop(
    rebuilder: Rebuilder,
    source: ChangeSource,
    *,
    stream: TextIO | None = None,
    opener: Opener | None = None,
    clock: Callable[[], str] | None = None,
) -> int:
    """Rebuild, print, wait for a change, again (see the module docstring). ``opener``: the
    proof is opened with it after the first rebuild that wrote it (``--open``). Returns 0
    when ``source`` has no more changes."""
    stream = stream or sys.stdout
    clock = clock or (lambda: datetime.datetime.now().strftime("%H:%M:%S"))
    files: tuple[Path, ...] = (rebuilder.source,)
    folders: dict[Path, tuple[str, ...] | None] = {}  # each with the names last read in it
    changed: set[Path] | None = None
    said: tuple[str, ...] = ()  # the loader's lines last printed
    opened = opener is None
    while True:
        started = time.perf_counter()
        when = clock()
        what = "start" if changed is None else ", ".join(_names(changed, folders))
        try:
            done = rebuilder.rebuild(changed)
        except (SpecErrors, SpecError) as errors:
            items = errors.errors if isinstance(errors, SpecErrors) else [errors]
            print(f"{when} {what}: {count(len(items), 'error')}, waiting for a change", file=stream)
            for error in items:
                print(f"  {error}", file=stream)
            files = tuple(_union(files, [e.pos.file for e in items if e.pos is not None]))
            folders.update(errors.listed if isinstance(errors, SpecErrors) else ())
            rebuilder.failed()
        except OutputError as error:
            if error.refused:
                raise  # the output path is wrong (an input, a folder): no change fixes it
            print(f"{when} {what}: cannot write {error}, waiting for a change", file=stream)
        except Exception as error:  # a watcher survives; the next change may fix it
            print(f"{when} {what}: failed: {type(error).__name__}: {error}", file=stream)
            rebuilder.failed()
        else:
            files = done.files
            folders = dict(done.folders)
            seconds = time.perf_counter() - started
            composed = f"; pages composed {done.composed}" if done.composed else ""
            print(
                f"{when} {what}: rebuilt {done.written[0]} in {seconds:.2f} s{composed}; "
                f"{problem_summary(done.problems)}",
                file=stream,
            )
            for line in done.notes:
                print(f"  {line}", file=stream)
            if done.said != said:
                for line in done.said or ("no warnings or notes from the spec now",):
                    print(f"  {line}", file=stream)
                said = done.said
            if not opened and opener is not None:
                opened = True
                note = opener(done.written[0])
                if note:
                    print(note, file=stream)
        stream.flush()
        changed = next_change(source, files, folders)
        if changed is None:
            return 0


def next_change(
    source: ChangeSource, files: Collection[Path], folders: dict[Path, tuple[str, ...] | None]
) -> set[Path] | None:
    """What changed, from ``source``, among ``files`` and ``folders`` (each with the names of
    the records last read in it, kept up to date here); ``None`` when there are no more
    changes. A folder reported counts only when the reader lists other records in it now
    (:func:`layout.articles.listed_names`): then the folder and the records added or removed
    are what changed. Anything else in it (a swap file, a backup, a lock link, a note) is
    waited past, so it starts no rebuild. The folders are compared before the first wait too:
    a record added while the build ran, to a folder not watched until now, sends no event."""
    reported: set[Path] | None = set(folders)
    while reported is not None:
        changed = reported - set(folders)
        for folder in reported & set(folders):
            now, last = listed_names(folder), folders[folder]
            if now != last:
                changed |= {folder} | {folder / n for n in set(now or ()) ^ set(last or ())}
                # the rebuild reads the folder after this: a record added meanwhile differs
                folders[folder] = now
        if changed:
            return changed
        reported = source.wait(_union(files, folders))
    return None


def _names(changed: Collection[Path], folders: Collection[Path]) -> list[str]:
    """The names of what changed for the rebuild's line: the records, not their folder."""
    files = [p for p in changed if p not in folders] or list(changed)
    return sorted({p.name for p in files})


def problem_summary(problems: Sequence[tuple[int | None, Problem]], most: int = 8) -> str:
    """The problems by name: ``no problems``, or ``2 problems (1 would spoil print):
    overset box lead, underset box briefs`` (an edition's with their page), at most ``most``
    named."""
    if not problems:
        return "no problems"
    names = [_name(page, p) for page, p in problems]
    shown = list(dict.fromkeys(names))
    more = len(shown) - most
    listed = ", ".join(shown[:most]) + (f" and {more} more" if more > 0 else "")
    spoil = sum(p.severity is Severity.ERROR for _, p in problems)
    return f"{count(len(problems), 'problem')} ({spoil} would spoil print): {listed}"


def _name(page: int | None, problem: Problem) -> str:
    where = f"page {page} " if page is not None else ""
    box = f" box {problem.box}" if problem.box else ""
    return f"{where}{problem.kind.value}{box}"


def watch(
    spec_path: Path | str,
    out: Path | str | None = None,
    *,
    png_dpi: float | None = None,
    stream: TextIO | None = None,
    fit: bool = False,
    source: ChangeSource | None = None,
    opener: Opener | None = None,
) -> int:
    """Watch a page spec: :func:`watch_loop` with a :class:`PageRebuilder` (``fit``: the
    ``proof --fit`` advice, :func:`layout.fit.report.advice_lines`, after each rebuild) on
    ``source`` (default: the file events, :class:`WatchfilesSource`)."""
    rebuilder = PageRebuilder(
        Path(spec_path), Path(out) if out is not None else None, png_dpi=png_dpi, fit=fit
    )
    return watch_loop(rebuilder, source or WatchfilesSource(), stream=stream, opener=opener)


def _advice(spec: PageSpec) -> list[str]:
    """The fit's advice for the page of ``spec`` (the same search as ``banmian fit``)."""
    from ..fit import fit_page
    from ..fit.report import advice_lines

    return advice_lines(fit_page(spec, fonts_for(spec)))


def _union(*groups: Collection[Path]) -> list[Path]:
    seen: dict[Path, None] = {}
    for group in groups:
        for f in group:
            seen.setdefault(Path(f), None)
    return list(seen)
