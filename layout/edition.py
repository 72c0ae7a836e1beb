"""Build an edition: every page of an edition file composed, one press PDF and one PDF a page.

Contract: :func:`build_edition` loads the edition file
(:func:`layout.spec.edition.load_edition`, ``SpecErrors`` on bad input), composes its pages
through :func:`layout.compose.edition.compose_pages` — in this process, or with ``jobs`` > 1
shared among that many processes (:func:`shares`: whole groups of pages that no story crosses
between, by their characters): this one and copies of it forked after the specs are loaded
(:mod:`layout.forked`), or, where a fork is not safe (macOS, Windows, another thread
running), spawned workers given the loaded specs; each composes its share (``only=``) and
sends the pages back, while this process, forked, composes the share estimated lightest and
draws its pages' PDFs — and makes every PDF in memory (each page's photos converted for the
press on the PDF stage's second thread from the moment the page is composed,
:meth:`layout.render.pdf.EditionPdfs.expect`): the edition PDF (all pages; one
OutputIntent; each font subset once over the whole edition) and one PDF per page,
:func:`page_pdf_path` (``edition-p01.pdf`` …), each page drawn once for both
(:class:`layout.render.pdf.EditionPdfs`).
Nothing is written until every page is composed and every PDF made; a page that crashes raises
:class:`PageFailed` naming it. Then all the PDFs are written together
(:func:`layout.output.write_files`): each complete under a hidden name first, and only then
renamed into place, the page PDFs and the edition PDF last: none is replaced unless all are
written, and a new edition PDF means every page PDF of it beside it is new. Last, files named
as page PDFs of this edition that it no longer has are removed when banmian wrote them and
they are not inputs, else kept (:func:`layout.stale.remove_stale`; each one on
:attr:`EditionResult.stale`). The bytes do not depend on ``jobs``.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Sequence
from functools import partial
from pathlib import Path

from .articles import Article
from .build import Timings, fonts_for, input_files
from .compose.edition import check_threads, compose_pages, thread_groups
from .errors import PageFailed, SpecErrors
from .forked import can_fork, run_forked
from .gcpolicy import layout_gc
from .output import InputFile, check_output, check_pdf_name, write_files
from .page import Page
from .press import PressSettings
from .records import NamedTuple
from .render.pdf import EditionPdfs
from .report import Problem, Severity
from .spec.edition import EditionSpec, load_edition
from .spec.model import PageSpec
from .stale import StaleFile, remove_stale
from .text.options import BreakMode


class EditionResult(NamedTuple):
    """An edition built: its specs and pages in order, the files written (page PDFs then
    the edition PDF; none on a dry run), the time of each stage, and the files beside named
    as its page PDFs that it did not write, removed or kept (:mod:`layout.stale`)."""

    edition: EditionSpec
    pages: tuple[Page, ...]
    written: tuple[Path, ...]
    timings: Timings
    pdf: bytes | None = None  # the edition PDF made in memory (``dry_run`` without an output)
    stale: tuple[StaleFile, ...] = ()

    @property
    def specs(self) -> tuple[PageSpec, ...]:
        return self.edition.specs

    def problems(self, number: int) -> tuple[Problem, ...]:
        return next(p.problems for p in self.pages if p.number == number)

    @property
    def failing(self) -> tuple[int, ...]:
        """The numbers of the pages with a problem that would spoil print."""
        return tuple(
            p.number for p in self.pages if any(q.severity is Severity.ERROR for q in p.problems)
        )


def page_pdf_path(edition_pdf: Path, number: int) -> Path:
    """The PDF of page ``number`` beside the edition's: ``edition.pdf`` → ``edition-p01.pdf``
    (two digits at least, so that a listing sorts in page order)."""
    return edition_pdf.with_name(f"{edition_pdf.stem}-p{number:02d}.pdf")


def edition_inputs(edition: EditionSpec) -> list[InputFile]:
    """Every file the edition's build reads: the edition file and each page's inputs."""
    files = [InputFile(edition.path, "the edition file")]
    for spec in edition.specs:
        files += input_files(spec, fonts_for(spec))
    return files


def _press(edition: EditionSpec, pdfx: bool | None) -> PressSettings:
    """The edition's press settings (its pages' are the same: ``load_edition`` checks)."""
    press = edition.specs[0].press
    return press if pdfx is None else press._replace(pdfx=pdfx)


def _compose(
    specs: Sequence[PageSpec],
    mode: BreakMode,
    only: Collection[int],
    pdfs: EditionPdfs | None = None,
) -> tuple[Page, ...]:
    """The pages ``only`` composed, each handed to ``pdfs`` as it is (:meth:`EditionPdfs.expect`:
    its photos converted meanwhile); a crash is a :class:`PageFailed` naming the page (found
    by composing them one by one)."""
    fonts = fonts_for(specs[0])
    on_page = pdfs.expect if pdfs is not None else None
    try:
        with layout_gc():
            return compose_pages(specs, fonts, mode, only=only, on_page=on_page)
    except SpecErrors:
        raise  # the threads across pages checked: bad input, not a page that crashed
    except Exception as first:
        for number in sorted(only):
            try:
                compose_pages(specs, fonts, mode, only={number})
            except Exception as error:
                raise _failed(specs, number, error) from None
        raise _failed(specs, min(only), first) from None


def _failed(specs: Sequence[PageSpec], number: int, error: Exception) -> PageFailed:
    spec = next(s.path for s in specs if s.page.number == number)
    summary = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    import traceback  # here: only a page that crashed needs it (and textwrap with it)

    return PageFailed(number, spec, summary, "".join(traceback.format_exception(error)))


def _worker(
    specs: tuple[PageSpec, ...], mode: BreakMode, only: tuple[int, ...]
) -> tuple[Page, ...]:
    """A spawned worker process's share: the pages ``only`` of the specs the main process
    loaded (so every process sets the same input, whatever changes on the disk meanwhile)."""
    return _compose(specs, mode, only)


# What a page is estimated to cost beside its stories' characters (its masthead or header,
# furniture, photos, jump lines), in characters: only the dealing of pages to workers uses it.
_PAGE_CHARS = 1500


def shares(specs: Sequence[PageSpec], jobs: int) -> list[tuple[int, ...]]:
    """The pages of ``specs`` dealt to at most ``jobs`` workers (no empty share; each share's
    pages in edition order): whole groups of pages no story crosses between
    (:func:`~layout.compose.edition.thread_groups`: a worker given a page composes the pages
    its stories come from too), the largest first to the share with the least so far, by
    their characters; ties to the earlier share."""
    groups = sorted(thread_groups(specs), key=lambda g: -_cost(specs, g))
    dealt: list[list[int]] = [[] for _ in range(min(jobs, len(groups)))]
    load = [0] * len(dealt)
    for group in groups:
        k = load.index(min(load))
        dealt[k] += group
        load[k] += _cost(specs, group)
    order = {s.page.number: i for i, s in enumerate(specs)}
    return [tuple(sorted(share, key=order.__getitem__)) for share in dealt if share]


def _cost(specs: Sequence[PageSpec], group: Collection[int]) -> int:
    """The pages ``group``'s estimated cost: their stories' characters and a page's own."""
    cost = 0
    for spec in specs:
        if spec.page.number in group:
            named = {b.article for b in spec.boxes if b.article is not None}
            cost += _PAGE_CHARS + sum(_characters(spec.articles.get(a)) for a in named)
    return cost


def _characters(record: object) -> int:
    """The characters of a story's text (a key-figures box or anything else: none)."""
    if not isinstance(record, Article):
        return 0
    parts = (record.kicker or "", *record.headline, record.subhead or "", record.dateline or "")
    return sum(map(len, parts)) + sum(len(p.text) for p in record.paragraphs)


def compose_edition(
    edition: EditionSpec,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    *,
    jobs: int = 1,
    pdfs: EditionPdfs | None = None,
) -> tuple[Page, ...]:
    """Every page of ``edition``, in order: here (``jobs`` 1) or shared among ``jobs``
    processes: this one and forked copies of it where that is safe
    (:func:`layout.forked.can_fork`), else spawned ones. Forked, this process takes the
    share estimated lightest and, given ``pdfs``, draws its pages' PDFs while it waits for
    the others' pages."""
    numbers = edition.numbers
    dealt = shares(edition.specs, jobs) if jobs > 1 else [numbers]
    if len(dealt) == 1:
        return _compose(edition.specs, mode, numbers, pdfs)
    if can_fork():
        lightest = min(dealt, key=lambda share: _cost(edition.specs, share))
        dealt = [lightest, *(share for share in dealt if share is not lightest)]
        tasks = [partial(_compose_here, edition.specs, mode, lightest, pdfs)]
        tasks += [partial(_compose, edition.specs, mode, share) for share in dealt[1:]]
        names = [_pages_named(share) for share in dealt]
        composed = [p for share in run_forked(tasks, names) for p in share]
    else:
        composed = _spawned(edition, mode, dealt)
    by_number = {page.number: page for page in composed}
    return tuple(by_number[n] for n in numbers)


def _compose_here(
    specs: Sequence[PageSpec], mode: BreakMode, share: tuple[int, ...], pdfs: EditionPdfs | None
) -> tuple[Page, ...]:
    """This process's share of a forked build: its pages, each drawn on ``pdfs`` too."""
    pages = _compose(specs, mode, share, pdfs)
    if pdfs is not None:
        with layout_gc():
            for page in pages:
                pdfs.add(page)
    return pages


def _pages_named(share: Sequence[int]) -> str:
    return ("composing page " if len(share) == 1 else "composing pages ") + ", ".join(
        map(str, share)
    )


def _spawned(edition: EditionSpec, mode: BreakMode, dealt: list[tuple[int, ...]]) -> list[Page]:
    """The shares composed in spawned worker processes (where a fork is not safe)."""
    # Here: a build in one process does not load them (≈ 8 ms of imports).
    import concurrent.futures
    import multiprocessing

    # spawn: a fresh interpreter, with no threads or open files of this one.
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(len(dealt), mp_context=context) as pool:
        futures = [pool.submit(_worker, edition.specs, mode, share) for share in dealt]
        return [page for future in futures for page in future.result()]


def build_edition(
    path: Path | str,
    output: Path | str | None,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    pdfx: bool | None = None,
    jobs: int = 1,
    strict: bool = False,
    dry_run: bool = False,
) -> EditionResult:
    """Build the edition file at ``path``; write its PDFs when ``output`` (the edition PDF)
    is given (see the module docstring). ``strict``: a page with a problem that would spoil
    print writes nothing (the result's :attr:`~EditionResult.failing` names it). ``dry_run``
    without ``output`` makes the PDFs in memory and keeps the edition's
    (:attr:`EditionResult.pdf`, for ``build -o -`` and page images)."""
    timings = Timings()
    t = time.perf_counter()
    edition = load_edition(path)
    # The threads across its pages checked before any page is composed or a process forked
    # (SpecErrors: bad input at each ``continues``, not a crash of the page that meets it).
    check_threads(edition.specs)
    press = _press(edition, pdfx)
    t = timings.mark("spec", t)
    out = Path(output) if output is not None else None
    targets = [out, *(page_pdf_path(out, n) for n in edition.numbers)] if out else []
    inputs = edition_inputs(edition) if targets else []
    for target in targets:
        check_output(target, inputs)
    if out is not None:
        check_pdf_name(out)
    chosen = press if press.pdfx else None
    with EditionPdfs(fonts_for(edition.specs[0]), chosen) as pdfs:
        drawing = out is not None or dry_run
        pages = compose_edition(edition, mode, jobs=jobs, pdfs=pdfs if drawing else None)
        t = timings.mark("layout", t)
        result = EditionResult(edition, pages, (), timings)
        if strict and result.failing:
            return result
        if not drawing:
            return result
        # Each page drawn once, for its own PDF and the edition's; with the collector as
        # during layout, so that its collections do not walk every page's objects again.
        with layout_gc():
            whole, singles = pdfs.finish(pages, _title(edition))
    t = timings.mark("pdf", t)
    if out is None:
        return result._replace(pdf=whole)
    files = [(page_pdf_path(out, p.number), data) for p, data in zip(pages, singles, strict=True)]
    written = write_files([*files, (out, whole)])
    stale = remove_stale(out, written, inputs)
    timings.mark("write", t)
    return result._replace(written=tuple(written), stale=stale)


def _title(edition: EditionSpec) -> str:
    """The edition PDF's title: the paper, the date and the issue."""
    facts = edition.specs[0].edition
    parts = [facts.title, facts.date.isoformat(), facts.issue or ""]
    return " ".join(p for p in parts if p)
