"""Proofs and preflight: every problem of a page marked on the page before it goes to print.

:func:`make_proof` builds the page of a spec and writes a *proof*: the page as printed with an
overlay on top — the type area, the column grid and the baseline grid (faint cyan), every box
outlined with its id and the article it holds, and magenta markers where something is wrong
(超版 with the characters and lines that do not fit, the empty slots of an underset box, 孤字,
loose lines, prohibited breaks, characters no font has with their code point, images below
200 ppi). The overlay is ops added to a copy of the page, drawn by the same ReportLab pen; its
labels are set in a face of the manifest (``hei-regular``), so the proof embeds no other font.

:func:`preflight` is the same findings as data (:class:`Preflight`, ``to_json()``): per box its
capacity and use in lines and characters and the copy-fitting advice ("cut 37 characters",
"room for 2 more lines"); the fonts of the printed PDF, each embedded and subset or not (the
page PDF made in memory and read back with pikepdf); missing characters with article and
paragraph; the resolution of every image; page and trim sizes in mm. :func:`watch` rebuilds
the proof when the spec, an article or an image changes.

The proof and its PNG previews are written whole or not at all (``layout.output``); their paths
are checked before layout like the page PDF's. Everything here needs only the core
dependencies (pikepdf, pypdfium2 for the previews).
"""

from __future__ import annotations

import dataclasses
import datetime
import io
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .articles import Article
from .build import BuildResult, Timings, build, fonts_for
from .compose.frame import Frame
from .compose.page import is_underset
from .compose.photo import MIN_PPI
from .errors import OutputError, SpecError, SpecErrors
from .fonts import FontLibrary
from .geometry import Rect, WritingMode
from .imagefiles import image_size
from .output import write_file
from .page import BoxLayout, Color, ImageOp, MissingGlyphOp, Op, Page, RectOp, RuleOp, TextRun
from .render.pdf import pdf_bytes
from .report import Problem, ProblemKind, Severity
from .spec.model import BoxKind, PageSpec
from .text.options import BreakMode

MM = 72.0 / 25.4  # points per millimetre

# Overlay colours (CMYK): the grid in cyan, what is wrong in magenta.
GRID = Color(0.45, 0.0, 0.0, 0.0)
GRID_FAINT = Color(0.25, 0.0, 0.0, 0.0)
BOX = Color(1.0, 0.0, 0.0, 0.0)
MARK = Color(0.0, 1.0, 0.0, 0.0)
MARK_FILL = Color(0.0, 0.18, 0.0, 0.0)
PAPER = Color(0.0, 0.0, 0.0, 0.0)

LABEL_FACE = "hei-regular"  # the manifest face the overlay's labels are set in
LABEL_SIZE = 6.0
MARK_SIZE = 7.0

# Short tags of the line-level problems, as an editor says them.
TAGS = {
    ProblemKind.OVERSET: "超版",
    ProblemKind.UNDERSET: "欠版",
    ProblemKind.MISSING_GLYPH: "缺字",
    ProblemKind.MISSING_IMAGE: "缺图",
    ProblemKind.LOW_RESOLUTION: "低分辨率",
    ProblemKind.OVERFULL_LINE: "超宽",
    ProblemKind.LOOSE_LINE: "松行",
    ProblemKind.ORPHAN: "孤字",
    ProblemKind.PROHIBITED_BREAK: "禁则",
    ProblemKind.REMOVED_CHARACTER: "删字",
}
_LINE_KINDS = (
    ProblemKind.ORPHAN,
    ProblemKind.LOOSE_LINE,
    ProblemKind.PROHIBITED_BREAK,
    ProblemKind.OVERFULL_LINE,
)


# -- preflight ------------------------------------------------------------------------------


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

    @property
    def status(self) -> str:
        if not self.flows:
            return "-"
        if self.overset_lines:
            return "overset"
        if is_underset(self.empty_lines, self.columns):
            return "underset"
        return "ok"

    @property
    def advice(self) -> str:
        if not self.flows:
            return ""
        if self.overset_lines:
            return f"cut {self.overset_chars} characters ({_n(self.overset_lines, 'line')} over)"
        if self.empty_lines:
            return (
                f"room for {self.empty_lines} more {_plural(self.empty_lines, 'line')} "
                f"(about {self.empty_chars} characters)"
            )
        return "fits"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "article": self.article,
            "rect_mm": _rect_mm(self.rect),
            "flows": self.flows,
            "columns": self.columns,
            "chars_per_line": round(self.chars_per_line, 2),
            "capacity": {"lines": self.capacity_lines, "chars": self.capacity_chars},
            "used": {"lines": self.used_lines, "chars": self.used_chars},
            "overset": {"lines": self.overset_lines, "chars": self.overset_chars},
            "underset": {"lines": self.empty_lines, "chars": self.empty_chars},
            "status": self.status,
            "advice": self.advice,
        }


@dataclass(frozen=True)
class FontCheck:
    """A font of a written PDF, read back from its font dictionaries."""

    name: str  # the resource name, e.g. F1
    base_font: str
    subtype: str
    embedded: bool
    subset: bool

    def to_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class ImageCheck:
    path: str
    box: str | None
    article: str | None
    pixels: tuple[int, int] | None
    printed_mm: tuple[float, float]
    ppi: float | None
    ok: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "box": self.box,
            "article": self.article,
            "pixels": list(self.pixels) if self.pixels else None,
            "printed_mm": list(self.printed_mm),
            "ppi": self.ppi,
            "min_ppi": MIN_PPI,
            "ok": self.ok,
        }


@dataclass
class Preflight:
    spec: PageSpec
    page: Page
    boxes: tuple[BoxFit, ...]
    fonts: tuple[FontCheck, ...]
    images: tuple[ImageCheck, ...]
    problems: tuple[Problem, ...]
    proof: Path | None = None
    pngs: tuple[Path, ...] = ()
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

    def to_json(self) -> dict[str, Any]:
        spec, page = self.spec, self.page
        b = page.bleed
        area = page.type_area or spec.page.type_area
        return {
            "spec": str(spec.path),
            "proof": str(self.proof) if self.proof else None,
            "pngs": [str(p) for p in self.pngs],
            "page": {
                "number": page.number,
                "name": spec.page.name,
                "title": page.title,
                "writing_mode": spec.page.writing_mode.value,
                "trim_mm": [_mm(page.trim.width), _mm(page.trim.height)],
                "bleed_mm": _mm(b),
                "media_mm": [_mm(page.trim.width + 2 * b), _mm(page.trim.height + 2 * b)],
                "type_area_mm": _rect_mm(area),
            },
            "boxes": [box.to_json() for box in self.boxes],
            "fonts": [f.to_json() for f in self.fonts],
            "missing_characters": [
                {
                    "char": p.details.get("char"),
                    "code_point": p.details.get("code_point"),
                    "box": p.box,
                    "article": p.article,
                    "paragraph": p.paragraph,
                    "where_mm": _where_mm(p.where),
                }
                for p in self.missing
            ],
            "images": [i.to_json() for i in self.images],
            "problems": [_problem_json(p) for p in self.problems],
            "spoils_print": self.spoilers,
            "ok": not self.spoilers,
            "timings_ms": {k: round(v * 1000, 1) for k, v in self.timings.items()},
        }


def box_fits(spec: PageSpec, page: Page) -> tuple[BoxFit, ...]:
    fits = []
    for layout in page.boxes:
        box = spec.box(layout.id)
        flows = box.kind is BoxKind.ARTICLE
        cpl = _chars_per_line(spec, box.body_style, box.writing_mode, layout) if flows else 0.0
        fits.append(
            BoxFit(
                layout.id,
                layout.kind,
                layout.article,
                layout.rect,
                flows,
                len(layout.columns),
                layout.capacity_lines,
                layout.used_lines,
                # Nominal: lines × characters of the body style per line (the flow's own
                # figure takes the size of its first piece, a byline's when there is one).
                int(layout.capacity_lines * cpl) if flows else layout.capacity_chars,
                layout.used_chars,
                layout.overset_lines,
                layout.overset_chars,
                layout.empty_lines,
                int(layout.empty_lines * cpl),
                cpl,
            )
        )
    return tuple(fits)


def _chars_per_line(
    spec: PageSpec, style_name: str | None, mode: WritingMode, layout: BoxLayout
) -> float:
    if not layout.columns:
        return 0.0
    size = spec.styles[style_name or spec.grid.body_style].size
    return Frame(layout.columns[0], mode).measure / size


def image_checks(spec: PageSpec, page: Page) -> tuple[ImageCheck, ...]:
    checks = []
    for op in page.ops:
        if not isinstance(op, ImageOp):
            continue
        box = _box_at(page, op.clip)
        pixels: tuple[int, int] | None
        try:
            pixels = image_size(Path(op.path))
        except OSError:
            pixels = None
        ppi = None
        if pixels is not None and op.rect.width > 0 and op.rect.height > 0:
            ppi = round(min(pixels[0] / (op.rect.width / 72), pixels[1] / (op.rect.height / 72)), 1)
        checks.append(
            ImageCheck(
                op.path,
                box.id if box else None,
                box.article if box else None,
                pixels,
                (_mm(op.clip.width), _mm(op.clip.height)),
                ppi,
                ppi is not None and ppi >= MIN_PPI,
            )
        )
    for p in page.problems:
        if p.kind is ProblemKind.MISSING_IMAGE:
            r = p.where or (0.0, 0.0, 0.0, 0.0)
            checks.append(
                ImageCheck(
                    str(p.details.get("file", "")),
                    p.box,
                    p.article,
                    None,
                    (_mm(r[2]), _mm(r[3])),
                    None,
                    False,
                )
            )
    return tuple(checks)


def _box_at(page: Page, rect: Rect) -> BoxLayout | None:
    for box in page.boxes:
        r = box.rect
        if (
            r.x - 1 <= rect.x
            and r.y - 1 <= rect.y
            and rect.right <= r.right + 1
            and rect.bottom <= r.bottom + 1
        ):
            return box
    return None


_SUBSET = re.compile(r"^[A-Z]{6}\+")


def pdf_fonts(pdf: Path | str | bytes) -> tuple[FontCheck, ...]:
    """The fonts of a PDF (a file, or its bytes), from its page resources: embedded if the
    descriptor (of the descendant font, for Type0) has FontFile, FontFile2 or FontFile3
    (Type3 fonts are programs in the file), subset if the BaseFont carries a six-letter
    ``ABCDEF+`` tag (ISO 32000-1 §9.6.4). Read with pikepdf, a core dependency."""
    import pikepdf

    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    found: dict[str, FontCheck] = {}
    with pikepdf.open(source) as doc:
        for pdf_page in doc.pages:
            resources = _resources(pdf_page.obj)
            for name, font in (resources.get("/Font") or pikepdf.Dictionary()).items():
                subtype = _pdf_name(font.get("/Subtype"))
                base = _pdf_name(font.get("/BaseFont"))
                descriptor = font.get("/FontDescriptor")
                if subtype == "Type0":
                    descendants = font.get("/DescendantFonts")
                    if descendants is not None and len(descendants):
                        cid_font = descendants[0]
                        descriptor = cid_font.get("/FontDescriptor")
                        subtype = f"Type0/{_pdf_name(cid_font.get('/Subtype'))}"
                embedded = subtype == "Type3" or (
                    descriptor is not None
                    and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                )
                key = f"{base}:{subtype}"
                if key not in found:
                    found[key] = FontCheck(
                        name.lstrip("/"), base, subtype, embedded, bool(_SUBSET.match(base))
                    )
    return tuple(found.values())


def _resources(page: Any) -> Any:
    """A page's resources, inherited from the page tree when the page has none of its own
    (ISO 32000-1 §7.7.3.4)."""
    import pikepdf

    node = page
    for _ in range(64):  # a page tree deeper than this is a loop
        if node is None:
            break
        if "/Resources" in node:
            return node.Resources
        node = node.get("/Parent")
    return pikepdf.Dictionary()


def _pdf_name(value: Any) -> str:
    """A PDF name as text without its slash (``/Type0`` → ``Type0``); "" when absent."""
    if value is None:
        return ""
    return str(value).lstrip("/")


def preflight(
    result: BuildResult,
    page_pdf: Path | bytes | None = None,
    fonts: Sequence[FontCheck] | None = None,
) -> Preflight:
    """The findings of a build; the fonts are read from ``page_pdf`` (a file or its bytes),
    or given."""
    checked = tuple(fonts) if fonts is not None else (pdf_fonts(page_pdf) if page_pdf else ())
    return Preflight(
        result.spec,
        result.page,
        box_fits(result.spec, result.page),
        checked,
        image_checks(result.spec, result.page),
        result.page.problems,
    )


# -- the overlay ----------------------------------------------------------------------------


class _Labeller:
    """Small labels set in one face of the manifest (never Helvetica)."""

    def __init__(self, fonts: FontLibrary) -> None:
        face_id = LABEL_FACE if LABEL_FACE in fonts.face_infos else fonts.first_face()
        self.fonts = fonts
        self.face_id = face_id
        self.face = fonts.face(face_id)

    def width(self, text: str, size: float) -> float:
        return sum(self.face.advance(ch) if self.face.has(ch) else 1.0 for ch in text) * size

    def label(
        self,
        text: str,
        x: float,
        y: float,
        color: Color,
        *,
        size: float = LABEL_SIZE,
        anchor: str = "top-left",
        ground: Color | None = PAPER,
    ) -> list[Op]:
        """A label whose box has its ``anchor`` corner at (x, y): text on a paper-white
        ground with a hairline in ``color``."""
        text = "".join(ch if self.face.has(ch) or ch == " " else "?" for ch in text)
        pad = size * 0.25
        w = self.width(text, size) + 2 * pad
        h = size * 1.3
        if anchor.endswith("right"):
            x -= w
        if anchor.startswith("bottom"):
            y -= h
        ops: list[Op] = []
        if ground is not None:
            ops.append(RectOp(Rect(x, y, w, h), fill=ground, stroke=color, width=0.3))
        ops.append(
            TextRun(text, self.face_id, size, x + pad, y + 0.15 * size + 0.88 * size, color=color)
        )
        return ops


def overlay(spec: PageSpec, page: Page, fonts: FontLibrary) -> list[Op]:
    """The proof's overlay ops for ``page`` (page coordinates, drawn after the page)."""
    lab = _Labeller(fonts)
    ops: list[Op] = []
    ops += _grid_ops(spec, page)
    for box in page.boxes:
        ops.append(RectOp(box.rect, stroke=BOX, width=0.4))
        for column in box.columns if len(box.columns) > 1 else ():
            ops.append(RectOp(column, stroke=GRID, width=0.2))
        name = box.id if not box.article else f"{box.id} · {box.article}"
        ops += lab.label(name, box.rect.x, box.rect.y, BOX, size=5.0)
    for box in page.boxes:
        ops += _empty_slots(spec, box, lab)
    for problem in page.problems:
        ops += _marker(problem, page, lab)
    for op in page.ops:
        if isinstance(op, MissingGlyphOp):
            r = op.rect
            ops.append(RectOp(r, stroke=MARK, width=0.75))
            code = " ".join(f"U+{ord(ch):04X}" for ch in op.char)
            ops += lab.label(code, r.x, r.y, MARK, size=MARK_SIZE, anchor="bottom-left")
    return ops


def _grid_ops(spec: PageSpec, page: Page) -> list[Op]:
    grid = spec.grid
    area = page.type_area or spec.page.type_area
    ops: list[Op] = [RectOp(area, stroke=GRID, width=0.5)]
    for column in range(1, grid.columns + 1):
        r = grid.rect(column, 1, 1, grid.lines)
        ops.append(RectOp(Rect(r.x, area.y, r.width, area.height), stroke=GRID_FAINT, width=0.25))
    size = spec.styles[grid.body_style].size
    pitch = grid.line_pitch
    if spec.page.writing_mode is WritingMode.HORIZONTAL_TB:
        frame = Frame(area)
        for line in range(int(area.height / pitch + 1e-6)):
            y = frame.baseline(line * pitch, pitch, size)
            ops.append(RuleOp(area.x, y, area.right, y, 0.1, GRID_FAINT))
    else:
        for line in range(int(area.width / pitch + 1e-6)):
            x = area.right - (line + 0.5) * pitch
            ops.append(RuleOp(x, area.y, x, area.bottom, 0.1, GRID_FAINT))
    return ops


def empty_slot_rects(spec: PageSpec, box: BoxLayout) -> list[Rect]:
    """The empty line slots at the foot of a box (the last ``empty_lines`` slots of its
    columns, in flow order)."""
    if not box.empty_lines or not box.columns:
        return []
    mode = spec.box(box.id).writing_mode
    pitch = spec.grid.line_pitch
    slots = box.capacity_lines // len(box.columns)
    order = [(c, s) for c in range(len(box.columns)) for s in range(slots)]
    rects = []
    for column, slot in order[len(order) - box.empty_lines :]:
        rects.append(Frame(box.columns[column], mode).line_rect(slot * pitch, pitch))
    return rects


def _empty_slots(spec: PageSpec, box: BoxLayout, lab: _Labeller) -> list[Op]:
    rects = empty_slot_rects(spec, box)
    if not rects:
        return []
    ops: list[Op] = [RectOp(r, fill=MARK_FILL) for r in rects]
    chars = int(
        box.empty_lines
        * _chars_per_line(spec, spec.box(box.id).body_style, spec.box(box.id).writing_mode, box)
    )
    first = rects[0]
    text = f"{TAGS[ProblemKind.UNDERSET]} room for {_n(box.empty_lines, 'line')} (~{chars} chars)"
    ops += lab.label(text, first.x, first.y, MARK, size=MARK_SIZE)
    return ops


def _marker(problem: Problem, page: Page, lab: _Labeller) -> list[Op]:
    kind = problem.kind
    if kind is ProblemKind.UNDERSET:
        return []  # the empty slots are marked from the box
    where = _rect(problem.where)
    if where is None and problem.box:
        box = next((b for b in page.boxes if b.id == problem.box), None)
        where = box.rect if box else None
    if where is None:
        return []
    tag = TAGS.get(kind, kind.value)
    if kind is ProblemKind.OVERSET:
        lines = problem.details.get("lines", 0)
        chars = problem.details.get("chars", 0)
        return [
            RectOp(where, stroke=MARK, width=2.0),
            *lab.label(
                f"{tag} cut {chars} chars / {lines} lines",
                where.x + 2,
                where.bottom - 2,
                MARK,
                size=MARK_SIZE + 2,
                anchor="bottom-left",
            ),
        ]
    if kind is ProblemKind.MISSING_GLYPH:
        return [RectOp(where, stroke=MARK, width=0.5)]  # the glyph itself is labelled
    if kind is ProblemKind.REMOVED_CHARACTER:
        # The line it was removed from, labelled with the code point (it is invisible).
        text = f"{tag} {problem.details.get('code_point')}"
        return [
            RectOp(where, stroke=MARK, width=0.5),
            *lab.label(text, where.right, where.y, MARK, size=5.0, anchor="bottom-right"),
        ]
    if kind in _LINE_KINDS:
        line = problem.details.get("line")
        text = f"{tag} {kind.value}" + (f" (line {line})" if line else "")
        return [
            RectOp(where, stroke=MARK, width=0.75),
            *lab.label(text, where.right, where.y, MARK, size=5.0, anchor="bottom-right"),
        ]
    if kind is ProblemKind.LOW_RESOLUTION:
        text = f"{tag} {problem.details.get('ppi')} ppi < {MIN_PPI:.0f}"
    else:
        text = f"{tag} {problem.message}"
    return [
        RectOp(where, stroke=MARK, width=1.5),
        *lab.label(text, where.x + 2, where.y + 2, MARK, size=MARK_SIZE),
    ]


def proof_page(spec: PageSpec, page: Page, fonts: FontLibrary) -> Page:
    """A copy of ``page`` with the proof overlay drawn on top."""
    return dataclasses.replace(
        page, ops=page.ops + tuple(overlay(spec, page, fonts)), title=f"{page.title} 校样 proof"
    )


# -- making a proof -------------------------------------------------------------------------


def default_proof_path(spec_path: Path | str) -> Path:
    return Path("output") / f"{Path(spec_path).stem}-proof.pdf"


def png_paths(proof: Path, count: int) -> list[Path]:
    return [proof.with_name(f"{proof.stem}-{i}.png") for i in range(1, count + 1)]


def render_pngs(pdf: Path | bytes, dpi: float, beside: Path | None = None) -> list[Path]:
    """PNG previews of every page of ``pdf`` (a file, or its bytes) at ``dpi``, beside
    ``beside`` (default: the file ``pdf``): ``NAME-1.png``, … Each is written whole or not
    at all (``layout.output``)."""
    import pypdfium2 as pdfium

    if beside is None:
        if isinstance(pdf, bytes):
            raise TypeError("render_pngs: give beside= for a PDF given as bytes")
        beside = Path(pdf)
    written = []
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        for index, path in enumerate(png_paths(beside, len(doc))):
            pdf_page = doc[index]
            bitmap = pdf_page.render(scale=dpi / 72.0)
            buffer = io.BytesIO()
            bitmap.to_pil().save(buffer, format="PNG", dpi=(dpi, dpi))
            bitmap.close()
            pdf_page.close()
            written.append(write_file(path, buffer.getvalue()))
    finally:
        doc.close()
    return written


def make_proof(
    spec_path: Path | str,
    out: Path | str | None = None,
    *,
    png_dpi: float | None = None,
    mode: BreakMode = BreakMode.TOTAL_FIT,
) -> Preflight:
    """Build the page of ``spec_path`` (raises ``SpecErrors`` on bad input), write its proof
    to ``out`` (and PNG previews at ``png_dpi``) and return the preflight findings. The fonts
    are checked in the page as printed, made in memory and read back. The proof and preview
    paths are checked before layout (``OutputError``: one of the inputs, a folder, a
    device)."""
    out = Path(out) if out is not None else default_proof_path(spec_path)
    # One page: one preview.
    previews = png_paths(out, 1) if png_dpi else []
    result = build(spec_path, None, mode=mode, writes=[out, *previews])
    timings = Timings(dict(result.timings.stages))
    fonts = fonts_for(result.spec)
    t = time.perf_counter()
    page = proof_page(result.spec, result.page, fonts)
    t = timings.mark("overlay", t)
    proof = pdf_bytes([page], fonts)
    write_file(out, proof)
    t = timings.mark("proof pdf", t)
    printed = pdf_bytes([result.page], fonts)
    t = timings.mark("page pdf", t)
    checked = pdf_fonts(printed)
    t = timings.mark("font check", t)
    pngs: list[Path] = []
    if png_dpi:
        pngs = render_pngs(proof, png_dpi, beside=out)
        timings.mark("png", t)
    report = preflight(result, fonts=checked)
    report.proof = out
    report.pngs = tuple(pngs)
    report.timings = timings.stages
    return report


# -- the terminal report --------------------------------------------------------------------

_COLOURS = {"red": "31", "yellow": "33", "green": "32", "dim": "2", "bold": "1"}


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def format_report(report: Preflight, *, colour: bool = False) -> str:
    def c(text: str, name: str) -> str:
        return f"\x1b[{_COLOURS[name]}m{text}\x1b[0m" if colour else text

    data = report.to_json()
    p = data["page"]
    lines = [
        c(f"{report.spec.path}: page {p['number']} {p['name']}", "bold"),
        f"  trim {_dims(p['trim_mm'])} mm, bleed {p['bleed_mm']:g} mm, "
        f"media {_dims(p['media_mm'])} mm, type area {p['type_area_mm']['w']:g} × "
        f"{p['type_area_mm']['h']:g} mm",
        "",
    ]
    header = ("box", "article", "kind", "cols", "lines", "chars", "over", "empty", "advice")
    rows = []
    for box in report.boxes:
        if box.flows:
            row = (
                box.id,
                box.article or "",
                box.kind,
                str(box.columns),
                f"{box.used_lines}/{box.capacity_lines}",
                f"{box.used_chars}/{box.capacity_chars}",
                f"{box.overset_lines}L {box.overset_chars}c" if box.overset_lines else "-",
                f"{box.empty_lines}L ~{box.empty_chars}c" if box.empty_lines else "-",
                box.advice,
            )
        else:
            row = (box.id, box.article or "", box.kind, "", "", "", "", "", "")
        rows.append((row, box.status))
    widths = [max(_width(r[i]) for r in [header] + [r for r, _ in rows]) for i in range(9)]
    lines.append(c(_row(header, widths), "dim"))
    for row, status in rows:
        text = _row(row, widths)
        if status == "overset":
            text = c(text, "red")
        elif status == "underset":
            text = c(text, "yellow")
        lines.append(text)
    lines.append("")
    lines.append("fonts:")
    for f in report.fonts:
        flags = (
            f"{'embedded' if f.embedded else 'NOT EMBEDDED'}, {'subset' if f.subset else 'full'}"
        )
        lines.append(
            f"  {f.base_font:40s} {f.subtype:20s} " + c(flags, "green" if f.embedded else "red")
        )
    if not report.fonts:
        lines.append("  (not checked)")
    lines.append("images:")
    for i in report.images:
        ppi = f"{i.ppi:g} ppi" if i.ppi is not None else "missing"
        px = f"{i.pixels[0]}×{i.pixels[1]} px" if i.pixels else ""
        text = f"  {i.box or '?'}: {Path(i.path).name} {px} at {_dims(i.printed_mm)} mm: {ppi}"
        lines.append(text if i.ok else c(text + f" (below {MIN_PPI:.0f})", "yellow"))
    if not report.images:
        lines.append("  (none)")
    if report.missing:
        lines.append("missing characters:")
        for m in report.missing:
            lines.append(
                c(
                    f"  {m.details.get('code_point')} {m.details.get('char')!s}: {m.location()}",
                    "red",
                )
            )
    others = [p for p in report.problems if p.kind is not ProblemKind.MISSING_GLYPH]
    if others:
        lines.append("problems:")
        for problem in others:
            colour_name = "red" if problem.severity is Severity.ERROR else "yellow"
            lines.append(c(f"  {problem}", colour_name))
    spoilers = report.spoilers
    lines.append("")
    if spoilers:
        lines.append(c(f"{_n(len(spoilers), 'problem')} would spoil print", "red"))
    else:
        lines.append(c("ready for print", "green"))
    return "\n".join(lines)


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    out = []
    for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
        pad = " " * (w - _width(cell))
        out.append(pad + cell if 3 <= i <= 5 else cell + pad)
    return "  ".join(out).rstrip()


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal cells."""
    return sum(2 if ord(ch) >= 0x1100 and not 0xFF61 <= ord(ch) <= 0xFFDC else 1 for ch in text)


# -- watch ----------------------------------------------------------------------------------


def watched_files(spec: PageSpec) -> list[Path]:
    """The files a page is made from: the spec, its article records and their images."""
    files = [Path(spec.path), *spec.article_files]
    for record in spec.articles.values():
        if isinstance(record, Article):
            files += [photo.file for photo in record.photos]
    files += [box.image for box in spec.boxes if box.image is not None]
    seen: dict[Path, None] = {}
    for f in files:
        seen.setdefault(Path(f), None)
    return list(seen)


def _stamps(files: Iterable[Path]) -> dict[Path, tuple[int, int] | None]:
    stamps: dict[Path, tuple[int, int] | None] = {}
    for f in files:
        try:
            st = f.stat()
            stamps[f] = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamps[f] = None
    return stamps


def watch(
    spec_path: Path | str,
    out: Path | str | None = None,
    *,
    interval: float = 0.5,
    max_rebuilds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    png_dpi: float | None = None,
    stream: TextIO | None = None,
) -> int:
    """Rebuild the proof whenever the spec, an article or an image changes (polling their
    modification times every ``interval`` seconds); one line per rebuild. Bad input, and an
    output that could not be written (a full disk), are printed and the loop waits for the
    next change; an output path that is refused (one of the inputs, a folder) raises
    ``OutputError``. Returns 0 after ``max_rebuilds`` rebuilds (never, when None: stop it
    with Ctrl-C)."""
    spec_path = Path(spec_path)
    out = Path(out) if out is not None else default_proof_path(spec_path)
    stream = stream or sys.stdout
    files: list[Path] = [spec_path]
    stamps: dict[Path, tuple[int, int] | None] | None = None
    rebuilds = 0
    while True:
        current = _stamps(files)
        if current != stamps:
            started = time.perf_counter()
            clock = datetime.datetime.now().strftime("%H:%M:%S")
            try:
                report = make_proof(spec_path, out, png_dpi=png_dpi)
            except (SpecErrors, SpecError) as errors:
                items = errors.errors if isinstance(errors, SpecErrors) else [errors]
                print(
                    f"{clock} {spec_path}: {_n(len(items), 'error')}, waiting for a change",
                    file=stream,
                )
                for error in items:
                    print(f"  {error}", file=stream)
                files = _union(files, [e.pos.file for e in items if e.pos is not None])
            except OutputError as error:
                if error.refused:
                    raise  # the output path is wrong (an input, a folder): no change fixes it
                print(f"{clock} cannot write {error}, waiting for a change", file=stream)
            except Exception as error:  # a watcher survives; the next change may fix it
                print(f"{clock} {spec_path}: failed: {type(error).__name__}: {error}", file=stream)
            else:
                files = _union([spec_path], watched_files(report.spec))
                n = len(report.problems)
                spoil = len(report.spoilers)
                print(
                    f"{clock} rebuilt {out} in {time.perf_counter() - started:.2f} s: "
                    f"{n} problems, {spoil} would spoil print",
                    file=stream,
                )
            stream.flush()
            # What changed during the build is seen at the next poll: keep the stamps taken
            # before it for the files known then.
            after = _stamps(files)
            stamps = {f: current.get(f, after[f]) for f in files}
            rebuilds += 1
            if max_rebuilds is not None and rebuilds >= max_rebuilds:
                return 0
        sleep(interval)


def _union(a: Iterable[Path], b: Iterable[Path]) -> list[Path]:
    seen: dict[Path, None] = {}
    for f in [*a, *b]:
        seen.setdefault(Path(f), None)
    return list(seen)


# -- helpers --------------------------------------------------------------------------------


def _mm(points: float) -> float:
    return round(points / MM, 1)


def _rect_mm(r: Rect) -> dict[str, float]:
    return {"x": _mm(r.x), "y": _mm(r.y), "w": _mm(r.width), "h": _mm(r.height)}


def _where_mm(where: tuple[float, float, float, float] | None) -> dict[str, float] | None:
    return _rect_mm(Rect(*where)) if where else None


def _rect(where: tuple[float, float, float, float] | None) -> Rect | None:
    return Rect(*where) if where else None


def _dims(wh: Sequence[float]) -> str:
    return f"{wh[0]:g} × {wh[1]:g}"


def _plural(n: int, word: str) -> str:
    return word if n == 1 else word + "s"


def _n(n: int, word: str) -> str:
    return f"{n} {_plural(n, word)}"


def _problem_json(p: Problem) -> dict[str, Any]:
    return {
        "kind": p.kind.value,
        "severity": p.severity.value,
        "message": p.message,
        "box": p.box,
        "article": p.article,
        "paragraph": p.paragraph,
        "details": {
            k: v if isinstance(v, str | int | float | bool) or v is None else str(v)
            for k, v in p.details.items()
        },
        "where": list(p.where) if p.where else None,
        "where_mm": _where_mm(p.where),
    }
