"""Build a page: spec → layout → PDF, with the problems found on the way."""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .compose.page import compose_page
from .fonts import FontLibrary, library
from .page import Page
from .render.pdf import write_pdf
from .report import Problem, Severity
from .spec import PageSpec, load_spec
from .text.options import BreakMode


@dataclass
class Timings:
    """Seconds spent in each stage of a build."""

    stages: dict[str, float] = field(default_factory=dict)

    def mark(self, stage: str, since: float) -> float:
        now = time.perf_counter()
        self.stages[stage] = self.stages.get(stage, 0.0) + now - since
        return now


@dataclass(frozen=True)
class BuildResult:
    spec: PageSpec
    page: Page
    output: Path | None
    timings: Timings

    @property
    def problems(self) -> tuple[Problem, ...]:
        return self.page.problems

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.page.problems if p.severity is Severity.ERROR)


def fonts_for(spec: PageSpec) -> FontLibrary:
    return library(spec.fonts_manifest.resolve())


def build(
    spec_path: Path | str,
    output: Path | str | None,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    pdfx: bool | None = None,
) -> BuildResult:
    """Load and check the spec (raises ``SpecErrors``), lay the page out and, if ``output``
    is given, write the PDF: the PDF/X-1a press PDF when ``pdfx`` (default: the spec's
    ``press.pdfx``, itself true by default), else the proof-colour PDF."""
    timings = Timings()
    t = time.perf_counter()
    spec = load_spec(spec_path)
    t = timings.mark("spec", t)
    fonts = fonts_for(spec)
    for role in {s.font for s in spec.styles.values()}:
        for face in fonts.metrics(role).faces:
            face.cmap  # noqa: B018 - load the face now so the timing is honest
    t = timings.mark("fonts", t)
    page = compose_page(spec, fonts, mode)
    t = timings.mark("layout", t)
    out = Path(output) if output is not None else None
    if out is not None:
        press = spec.press if pdfx is None else replace(spec.press, pdfx=pdfx)
        write_pdf([page], out, fonts, press if press.pdfx else None)
        timings.mark("pdf", t)
    return BuildResult(spec, page, out, timings)
