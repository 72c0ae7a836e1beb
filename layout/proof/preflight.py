"""The preflight: the findings of a build as data, before the page goes to print.

:class:`Preflight` holds, per box, its capacity and use in lines and characters and the
copy-fitting advice ("cut 37 characters", "room for 2 more lines") (:class:`BoxFit`); the
fonts of the printed PDF, each embedded and subset or not (:class:`FontCheck`, read back by
``layout.proof.pdffonts``); missing characters with article and paragraph; the resolution of
every image (:class:`ImageCheck`); the page and trim sizes in mm. ``layout.proof.jsonreport``
makes of it the report of ``banmian proof --json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build import BuildResult
from ..geometry import Rect
from ..page import BoxLayout, HeadSize, ImageOp, Page
from ..report import (
    ImageFile,
    LowResolution,
    Problem,
    ProblemKind,
    Severity,
    count,
    plural,
    tenths_down,
    underset_boxes,
)
from ..spec import BoxKind, PageSpec
from ..stale import StaleFile
from .format import mm, rect_mm
from .pdffonts import FontCheck, pdf_fonts


@dataclass(frozen=True)
class BoxFit:
    """Copy-fitting numbers of one box, counted with the real line breaking."""

    id: str
    kind: str
    article: str | None
    rect: Rect
    flows: bool  # a box that text flows into (article boxes)
    columns: int
    capacity_lines: int
    used_lines: int
    capacity_chars: int
    used_chars: int
    overset_lines: int
    overset_chars: int
    empty_lines: int
    empty_chars: int  # estimate: empty lines × characters per line
    chars_per_line: float
    underset: bool  # reported underset by the build (more empty lines than it tolerates)
    headline: tuple[HeadSize, ...] = ()  # the sizes its headline block was set in

    @property
    def status(self) -> str:
        if not self.flows:
            return "-"
        if self.overset_lines:
            return "overset"
        if self.underset:
            return "underset"
        return "ok"

    @property
    def advice(self) -> str:
        if not self.flows:
            return ""
        if self.overset_lines:
            return f"cut {self.overset_chars} characters ({count(self.overset_lines, 'line')} over)"
        if self.underset:
            return (
                f"room for {self.empty_lines} more {plural(self.empty_lines, 'line')} "
                f"(about {self.empty_chars} characters)"
            )
        # Empty slots the build tolerates (one line at the foot, issue 14) are no fault to
        # word as one: the box is full, its empty slots counted in the table's empty column.
        return "fits"

    def to_json(self) -> dict[str, Any]:
        """This box in the JSON report (``layout.proof.jsonreport``)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "article": self.article,
            "rect": rect_mm(self.rect),
            "flows": self.flows,
            "columns": self.columns,
            "chars_per_line": round(self.chars_per_line, 1),
            "capacity": {"lines": self.capacity_lines, "chars": self.capacity_chars},
            "used": {"lines": self.used_lines, "chars": self.used_chars},
            "overset": {"lines": self.overset_lines, "chars": self.overset_chars},
            "underset": {"lines": self.empty_lines, "chars": self.empty_chars},
            "status": self.status,
            "advice": self.advice,
            "headline": [
                {
                    "part": h.part.value,
                    "style": h.style,
                    "size_pt": round(h.size, 1),
                    "range_pt": {"min": round(h.smallest, 1), "max": round(h.largest, 1)},
                    "lines": h.lines,
                    "fill": round(h.fill, 3),
                    "texts": list(h.texts),
                }
                for h in self.headline
            ],
        }


@dataclass(frozen=True)
class ImageCheck:
    path: str
    box: str | None
    article: str | None
    pixels: tuple[int, int] | None
    printed_mm: tuple[float, float]
    ppi: float | None
    ok: bool
    min_ppi: float  # the spec's press.min_ppi
    below: float | None = None  # the press limit the build found it below, if any

    def to_json(self) -> dict[str, Any]:
        """This image in the JSON report (``layout.proof.jsonreport``)."""
        return {
            "file": self.path,
            "box": self.box,
            "article": self.article,
            "pixels": {"w": self.pixels[0], "h": self.pixels[1]} if self.pixels else None,
            "printed": {"w": self.printed_mm[0], "h": self.printed_mm[1]},
            "ppi": self.ppi,
            "min_ppi": self.min_ppi,
            "below": self.below,
            "ok": self.ok,
        }


@dataclass(frozen=True)
class Preflight:
    spec: PageSpec
    page: Page
    boxes: tuple[BoxFit, ...]
    fonts: tuple[FontCheck, ...]
    images: tuple[ImageCheck, ...]
    problems: tuple[Problem, ...]
    proof: Path | None = None
    pngs: tuple[Path, ...] = ()
    # The previews of an earlier proof of more pages beside it, removed or kept.
    stale: tuple[StaleFile, ...] = ()
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def missing(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.kind is ProblemKind.MISSING_GLYPH)

    @property
    def spoilers(self) -> list[str]:
        """What would spoil print: error problems (overset, a missing character or image, …)
        and fonts that are not embedded."""
        found = [str(p) for p in self.problems if p.severity is Severity.ERROR]
        found += [f"error: font not embedded: {f.base_font}" for f in self.fonts if not f.embedded]
        return found


def box_fits(spec: PageSpec, page: Page) -> tuple[BoxFit, ...]:
    """The copy-fitting numbers of every box, as the compose stage counted them; a box is
    underset when the build reported it so."""
    underset = underset_boxes(page.problems)
    return tuple(
        BoxFit(
            id=layout.id,
            kind=layout.kind,
            article=layout.article,
            rect=layout.rect,
            flows=spec.box(layout.id).kind is BoxKind.ARTICLE,
            columns=len(layout.columns),
            capacity_lines=layout.capacity_lines,
            used_lines=layout.used_lines,
            capacity_chars=layout.capacity_chars,
            used_chars=layout.used_chars,
            overset_lines=layout.overset_lines,
            overset_chars=layout.overset_chars,
            empty_lines=layout.empty_lines,
            empty_chars=layout.empty_chars,
            chars_per_line=layout.chars_per_line,
            underset=layout.id in underset,
            headline=layout.headline,
        )
        for layout in page.boxes
    )


def image_checks(spec: PageSpec, page: Page) -> tuple[ImageCheck, ...]:
    """Every image of the page at its printed size and resolution (as the compose stage
    placed it), and every image that is missing. An image is ok unless the build found it
    below a limit of the spec's ``press`` section (its low-resolution problem marks the
    picture the image op is clipped to)."""
    low = {
        (p.details.path, p.where): p.details.limit
        for p in page.problems
        if isinstance(p.details, LowResolution)
    }
    checks = []
    for op in page.ops:
        if not isinstance(op, ImageOp):
            continue
        box = _box_at(page, op.clip)
        below = low.get((op.path, op.clip))
        checks.append(
            ImageCheck(
                path=op.path,
                box=box.id if box else None,
                article=box.article if box else None,
                pixels=op.pixels,
                printed_mm=(mm(op.clip.width), mm(op.clip.height)),
                # Below a limit: rounded down, so as not to reach the limit it is under.
                ppi=tenths_down(op.ppi) if below is not None else round(op.ppi, 1),
                ok=below is None,
                min_ppi=spec.press.min_ppi,
                below=below,
            )
        )
    for p in page.problems:
        if isinstance(p.details, ImageFile) and p.kind is ProblemKind.MISSING_IMAGE:
            r = p.where or Rect(0.0, 0.0, 0.0, 0.0)
            checks.append(
                ImageCheck(
                    path=p.details.path,
                    box=p.box,
                    article=p.article,
                    pixels=None,
                    printed_mm=(mm(r.width), mm(r.height)),
                    ppi=None,
                    ok=False,
                    min_ppi=spec.press.min_ppi,
                )
            )
    return tuple(checks)


def _box_at(page: Page, rect: Rect) -> BoxLayout | None:
    """The box ``rect`` lies in: the smallest that holds it (a photo box wrapped into a
    story's box lies in both, and the picture is the photo box's)."""
    holding = [
        box
        for box in page.boxes
        if box.rect.x - 1 <= rect.x
        and box.rect.y - 1 <= rect.y
        and rect.right <= box.rect.right + 1
        and rect.bottom <= box.rect.bottom + 1
    ]
    return min(holding, key=lambda box: box.rect.width * box.rect.height, default=None)


def preflight(
    result: BuildResult,
    page_pdf: Path | bytes | None = None,
    fonts: Sequence[FontCheck] | None = None,
) -> Preflight:
    """The findings of a build; the fonts are read from ``page_pdf`` (a file or its bytes),
    or given."""
    checked = tuple(fonts) if fonts is not None else (pdf_fonts(page_pdf) if page_pdf else ())
    return Preflight(
        spec=result.spec,
        page=result.page,
        boxes=box_fits(result.spec, result.page),
        fonts=checked,
        images=image_checks(result.spec, result.page),
        problems=result.page.problems,
    )
