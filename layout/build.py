"""Build a page: spec → layout → PDF, with the problems found on the way.

A page of an edition (its spec listed in the ``pages`` of the edition file it extends) whose
boxes continue stories from other pages is composed with those pages (:class:`EditionSource`,
:func:`layout.compose.edition.compose_pages` ``only=`` the page): built alone, page 2 still
shows the story the front page sends it, as in the edition.

Before any layout the output paths are checked (``layout.output.check_output``): a path that is
one of the build's inputs (:func:`input_files`), a folder or a device is refused.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path

from .articles import Article
from .compose.page import Outflow, StoryPoint, compose_threaded
from .errors import PageErrors, SpecError, SpecErrors, display_path
from .fonts import FontLibrary, library
from .gcpolicy import layout_gc
from .output import InputFile, check_output, check_pdf_name
from .page import Page
from .records import NamedTuple
from .render.pdf import pdf_bytes, write_pdf
from .report import Overset, Problem, ProblemKind, Severity
from .spec import load_spec
from .spec.edition import EditionSpec, load_edition
from .spec.model import BoxKind, PageSpec, UnprintedKind
from .text.clean import clean
from .text.options import BreakMode


class Timings:
    """Seconds spent in each stage of a build (mutable: each stage adds to it)."""

    __slots__ = ("stages",)

    def __init__(self, stages: dict[str, float] | None = None) -> None:
        self.stages: dict[str, float] = {} if stages is None else stages

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


class BuildResult(NamedTuple):
    spec: PageSpec
    page: Page
    output: Path | None
    timings: Timings
    pdf: bytes | None = None  # the PDF made in memory (``dry_run`` without an output)

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.page.problems

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.page.problems if p.severity is Severity.ERROR)


def fonts_for(spec: PageSpec) -> FontLibrary:
    return library(spec.fonts_manifest.resolve())


class EditionSource(NamedTuple):
    """The edition a page built alone is composed in: the page continues a story from
    another of its pages (an article box that names no article)."""

    edition: EditionSpec
    number: int  # the page's number in it

    def sources(self) -> tuple[PageSpec, ...]:
        """The pages composed with it: those its stories come from (itself included)."""
        from .compose.edition import pages_needed  # only a page that continues a story

        needed = pages_needed(self.edition.specs, {self.number})
        return tuple(s for s in self.edition.specs if s.page.number in needed)

    def compose(self, fonts: FontLibrary, mode: BreakMode) -> Page:
        from .compose.edition import compose_pages  # only a page that continues a story

        (page,) = compose_pages(self.edition.specs, fonts, mode, only={self.number})
        return page


def edition_source(spec: PageSpec, edition: EditionSpec | None = None) -> EditionSource | None:
    """The edition ``spec`` is composed in when built alone, if it continues a story from
    another page of the edition it extends (``edition``: that edition loaded already);
    ``None`` for a page of its own. An edition that does not load raises its errors
    (:func:`_load_edition_of`): the page cannot be set as in the edition without it."""
    if spec.edition_file is None or not _continues(spec):
        return None
    edition = edition if edition is not None else _load_edition_of(spec)
    same = spec.path.resolve()
    number = next((s.page.number for s in edition.specs if s.path.resolve() == same), None)
    return EditionSource(edition, number) if number is not None else None


def _continues(spec: PageSpec) -> bool:
    """Whether a box of ``spec`` continues a story (an article box that names no article)."""
    return any(b.kind is BoxKind.ARTICLE and not b.article for b in spec.boxes)


def edition_for(spec: PageSpec) -> EditionSpec | None:
    """The edition a page of one, built alone, is looked at in: when it continues a story
    from another of its pages (an edition that does not load then raises its errors:
    :func:`_load_edition_of`), or a photo box of it shows a story no article box of it sets
    (another page may set it: a photo on the front of a story inside; an edition that does
    not load is then None, and the page is looked at alone). None for a page of its own, or
    one needing nothing of its edition."""
    if spec.edition_file is None:
        return None
    if _continues(spec):
        return _load_edition_of(spec)
    if not any(u.kind is UnprintedKind.STORY_TEXT for u in spec.unprinted):
        return None
    try:
        return load_edition(spec.edition_file)
    except SpecErrors:
        return None


def _load_edition_of(spec: PageSpec) -> EditionSpec:
    """The edition of a page that continues a story, loaded; when it does not load, its
    errors raised after one saying why the page needs it (the page is set with the page
    the story comes from, as in the edition build: without it, its box would print empty)."""
    assert spec.edition_file is not None
    try:
        return load_edition(spec.edition_file)
    except SpecErrors as failed:
        box = next(b for b in spec.boxes if b.kind is BoxKind.ARTICLE and not b.article)
        why = SpecError(
            f"box {box.id!r} continues a story from another page of edition "
            f"{display_path(spec.edition_file)}, and page {spec.page.number} is set with that "
            "page, as in the edition build: the edition does not load (its errors follow)",
            pos=box.source_pos,
            key_path=box.key_path,
        )
        pages = failed.pages if isinstance(failed, PageErrors) else ()
        raise PageErrors([why, *failed.errors], pages, failed.listed) from None


def in_edition(spec: PageSpec, edition: EditionSpec | None) -> PageSpec:
    """``spec``, a page of ``edition`` built alone, with the stories only its photo boxes
    show told as the edition build tells them (:func:`edition_for`: none when another page
    sets one); ``spec`` itself when no edition was loaded."""
    if edition is None:
        return spec
    same = spec.path.resolve()
    there = next((s for s in edition.specs if s.path.resolve() == same), None)
    if there is None:
        return spec
    story = UnprintedKind.STORY_TEXT
    kept = [u for u in spec.unprinted if u.kind is not story]
    told = [u for u in there.unprinted if u.kind is story]
    return spec._replace(unprinted=(*kept, *told))


def _set_nowhere(leaving: tuple[Outflow, ...]) -> list[Problem]:
    """The stories a page in no edition sends on to other pages: what is left of each is set
    in no page built with this one (a page no edition file lists is built alone, always), so
    the jump line is printed over text that may be printed nowhere (``continued-nowhere``, a
    warning: the page itself is right, and its other page may be set by other means)."""
    found = []
    for out in leaving:
        story = out.story
        if story.resume is None:
            continue  # the box held the whole story
        chars = _characters_from(story.article, story.resume)
        found.append(
            Problem(
                kind=ProblemKind.CONTINUED_NOWHERE,
                message=f"the story goes on in box {out.box!r} of page {out.page}, but this "
                f"page is in no edition file's list of pages: its last {chars} characters "
                "are set in no page built with it",
                details=Overset(lines=0, chars=chars),
                box=story.box,
                article=story.article.id,
            )
        )
    return found


def _characters_from(article: Article, point: StoryPoint) -> int:
    """The characters of ``article``'s paragraphs from ``point`` on (a byline counts none)."""
    # (part 0 is the byline, its offset in lines: every paragraph is still to come)
    start, offset = (point.part - 1, point.offset) if point.part else (0, 0)
    return sum(len(clean(p.text).text) for p in article.paragraphs[start:]) - offset


def page_inputs(
    spec: PageSpec, fonts: FontLibrary, source: EditionSource | None
) -> tuple[InputFile, ...]:
    """Every file a build of ``spec`` reads (:func:`input_files`), with the edition file and
    the inputs of the pages its stories come from when it is composed in ``source``."""
    first: dict[Path, InputFile] = {}
    for f in _read_files(spec, fonts, source):  # a file the pages share, once, as the page
        first.setdefault(f.path.resolve(), f)  # itself reads it
    return tuple(first.values())


def _read_files(
    spec: PageSpec, fonts: FontLibrary, source: EditionSource | None
) -> list[InputFile]:
    """:func:`page_inputs` as found, a file the pages share as often as they name it: for
    ``check_output``, whose first match is the same input either way (each is resolved for
    :func:`page_inputs`, a call per folder of its path, at every rebuild)."""
    files = list(input_files(spec, fonts))
    if source is not None:
        files.append(InputFile(source.edition.path, "the edition file"))
        for other in source.sources():
            if other.path.resolve() != spec.path.resolve():
                where = f" of page {other.page.number}, whose story it continues"
                files += [
                    InputFile(f.path, f.what + where) for f in input_files(other, fonts_for(other))
                ]
    return files


def input_files(spec: PageSpec, fonts: FontLibrary) -> tuple[InputFile, ...]:
    """Every file a build of ``spec`` reads: the spec, its article records and their photos,
    the photo boxes' images, the logotype, the advertisements, the fonts manifest and its
    font files, the press profile."""
    files = [InputFile(spec.path, "the page spec")]
    files += [InputFile(f, "a shared file the page spec extends") for f in spec.shared_files]
    files += [InputFile(f, "an article record") for f in spec.article_files]
    for record in spec.articles.values():
        if isinstance(record, Article):
            files += [InputFile(photo.file, "a photo") for photo in record.photos]
    files += [InputFile(b.image, "an image") for b in spec.boxes if b.image is not None]
    files += [InputFile(f, "the logotype") for f in spec.logotype_files()]
    files += [InputFile(f, "an advertisement") for f in spec.advert_files()]
    files.append(InputFile(spec.fonts_manifest, "the fonts manifest"))
    files += [
        InputFile(info.path, f"the font file of face {face_id}")
        for face_id, info in fonts.face_infos.items()
    ]
    profile = spec.press.cmyk_profile()
    if profile is not None:
        files.append(InputFile(profile, "the press profile"))
    return tuple(files)


def build(
    spec_path: Path | str,
    output: Path | str | None,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    pdfx: bool | None = None,
    writes: Iterable[Path] = (),
    dry_run: bool = False,
) -> BuildResult:
    """Load and check the spec (raises ``SpecErrors``), lay the page out and, if ``output``
    is given, write the PDF: the PDF/X-1a press PDF when ``pdfx`` (default: the spec's
    ``press.pdfx``, itself true by default), else the proof-colour PDF.

    ``output`` and ``writes`` (other files the caller makes from this build: a proof and its
    previews) are checked before layout; ``OutputError`` refuses one that is an input, a
    folder or a device, or reports a write that failed (the file there is left as it was).

    ``dry_run`` without ``output`` makes the PDF in memory (``BuildResult.pdf``) and writes
    nothing: every fault a build can meet (a glyph damaged in a font, a photo that will not
    convert) is met (``banmian check``; ``build -o -`` then writes it to standard output)."""
    timings = Timings()
    t = time.perf_counter()
    spec = load_spec(spec_path)
    edition = edition_for(spec)
    source = edition_source(spec, edition)
    spec = in_edition(spec, edition)
    t = timings.mark("spec", t)
    fonts = fonts_for(spec)
    targets = [Path(output)] if output is not None else []
    targets += [Path(p) for p in writes]
    if targets:
        inputs = _read_files(spec, fonts, source)
        for target in targets:
            check_output(target, inputs)
    if output is not None:
        check_pdf_name(output)
    for role in {s.font for s in spec.styles.values()}:
        # The role's own face now, so that the timing is honest; its fallbacks are opened by
        # the text that needs them (layout.fonts.library: a face is lazy).
        chain = fonts.metrics(role).faces
        if chain:
            chain[0].cmap  # noqa: B018
    t = timings.mark("fonts", t)
    with layout_gc():
        if source is not None:
            page = source.compose(fonts, mode)
        else:
            composed = compose_threaded(spec, fonts, mode)
            page = composed.page
            if spec.edition_file is None and composed.leaving:
                page = page._replace(problems=(*page.problems, *_set_nowhere(composed.leaving)))
    t = timings.mark("layout", t)
    out = Path(output) if output is not None else None
    press = spec.press if pdfx is None else spec.press._replace(pdfx=pdfx)
    # The PDF with the collector as during layout: its collections need not walk the page.
    if out is not None:
        with layout_gc():
            write_pdf([page], out, fonts, press if press.pdfx else None)
        timings.mark("pdf", t)
    elif dry_run:
        with layout_gc():
            data = pdf_bytes([page], fonts, press if press.pdfx else None)
        timings.mark("pdf", t)
        return BuildResult(spec, page, out, timings, data)
    return BuildResult(spec, page, out, timings)
