"""The proof of an edition: one report over all pages, one proof PDF of all pages, and the
edition overview (版面缩样), the PNG an editor looks at first.

Contract: :func:`make_edition_proof` composes the edition's pages once
(:func:`layout.edition.compose_edition`, with ``jobs`` processes), makes the preflight of
every page (:func:`~layout.proof.preflight.preflight`, the fonts read back from the page as
printed), writes ONE proof PDF with every page in edition order (each page with the proof's
overlay), and the overview: every page as printed, at one height, side by side in edition
order, each overset box filled and outlined red and each underset box amber, the page number
and name under each. The output paths are checked before layout; every file is made in memory
and written whole (``layout.output``), the overview last.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..build import BuildResult, Timings, fonts_for
from ..edition import compose_edition, edition_inputs
from ..output import check_output, write_file
from ..page import Page
from ..render.pdf import pages_pdf_bytes, pdf_bytes
from ..report import Severity
from ..spec.edition import EditionSpec, load_edition
from ..stale import StaleFile
from ..text.options import BreakMode
from .overlay import proof_page
from .pdffonts import pdf_fonts
from .png import png_paths, render_pngs, stale_previews
from .preflight import BoxFit, Preflight, preflight

# The overview: each page this many pixels high (a broadsheet page at about 22 dpi): the
# boxes and heads can be told apart, and four to eight pages fit side by side on a screen.
THUMB_HEIGHT = 480
GAP = 24  # pixels between pages and around them
LABEL = 40  # pixels under each page for its number and name
OVERSET = (214, 0, 0)  # red
UNDERSET = (230, 150, 0)  # amber
PAPER_BACK = (128, 128, 128)  # the table the pages lie on


@dataclass(frozen=True)
class EditionProof:
    """An edition proofed: the preflight of each page in order, the files written."""

    edition: Path
    reports: tuple[Preflight, ...]
    proof: Path
    overview: Path
    pngs: tuple[Path, ...] = ()
    stale: tuple[StaleFile, ...] = ()  # previews of an earlier proof of more pages

    @property
    def spoilers(self) -> list[str]:
        """What would spoil print, on any page (each line names its page)."""
        return [f"page {r.page.number}: {s}" for r in self.reports for s in r.spoilers]

    def to_json(self) -> dict[str, Any]:
        """The JSON report of the edition's proof (``layout.proof.jsonreport``)."""
        from .jsonreport import edition_report

        return edition_report(
            self.reports,
            command="proof",
            edition=self.edition,
            outputs=[self.proof, *self.pngs, self.overview],
            overview=self.overview,
            stale=self.stale,
        )


def edition_paths(
    edition: Path | str, out: Path | str | None, overview: Path | str | None
) -> tuple[Path, Path]:
    """The proof (default beside the edition file, ``<name>-proof.pdf``) and the overview
    (default beside the proof, ``<name>-overview.png``) of the edition file ``edition``."""
    stem = Path(edition).stem
    proof = Path(out) if out is not None else Path(edition).parent / f"{stem}-proof.pdf"
    sheet = Path(overview) if overview is not None else proof.with_name(f"{stem}-overview.png")
    return proof, sheet


def make_edition_proof(
    edition_path: Path | str,
    out: Path | str | None = None,
    *,
    overview: Path | str | None = None,
    png_dpi: float | None = None,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    jobs: int = 1,
) -> EditionProof:
    """Proof the edition file at ``edition_path`` (raises ``SpecErrors`` on bad input): the
    proof PDF at ``out``, the overview PNG at ``overview`` (defaults:
    :func:`edition_paths`), a PNG preview of every proof page at ``png_dpi``."""
    out, overview = edition_paths(edition_path, out, overview)
    edition = load_edition(edition_path)
    previews = png_paths(out, len(edition.specs)) if png_dpi else []
    inputs = edition_inputs(edition)
    for target in (out, overview, *previews):
        check_output(target, inputs)
    pages = compose_edition(edition, mode, jobs=jobs)
    return write_edition_proof(edition, pages, out, overview, png_dpi)


def write_edition_proof(
    edition: EditionSpec,
    pages: Sequence[Page],
    out: Path,
    overview: Path,
    png_dpi: float | None = None,
) -> EditionProof:
    """The proof of the composed ``pages`` of ``edition`` written to ``out`` (with its PNG
    previews at ``png_dpi``) and the overview to ``overview``, last; the findings."""
    fonts = fonts_for(edition.specs[0])
    reports = []
    # The printed pages drawn once: the overview shows the whole, each page's fonts are read
    # from its own PDF (as built alone).
    printed, singles = pages_pdf_bytes(pages, fonts)
    for spec, page, single in zip(edition.specs, pages, singles, strict=True):
        result = BuildResult(spec, page, None, Timings())
        checked = pdf_fonts(single)
        reports.append(replace(preflight(result, fonts=checked), proof=out))
    proof = pdf_bytes(
        [proof_page(s, p, fonts) for s, p in zip(edition.specs, pages, strict=True)], fonts
    )
    # The labels in the face of the page header's style (it has every page name's characters).
    label_face = fonts.metrics(edition.specs[0].styles["header"].font).faces[0].info
    sheet = overview_png(printed, reports, label_face.path, label_face.index)
    write_file(out, proof)
    pngs = render_pngs(proof, png_dpi, beside=out) if png_dpi else []
    stale = stale_previews(out, pngs, edition_inputs(edition)) if png_dpi else ()
    write_file(overview, sheet)
    return EditionProof(edition.path, tuple(reports), out, overview, tuple(pngs), stale)


def overview_png(
    printed: bytes,
    reports: tuple[Preflight, ...] | list[Preflight],
    label_face: Path,
    label_index: int | None = None,
) -> bytes:
    """The overview of the pages of ``printed`` (the edition as printed, one page per
    report): thumbnails of one height side by side, the overset boxes red and every other
    box with a problem that would spoil print (a missing character, a photo under its
    resolution, a missing advertisement) red too, the underset ones amber, each page's
    number and name under it in the face ``label_face`` (the face ``label_index`` of a
    collection)."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFont

    doc = pdfium.PdfDocument(printed)
    try:
        thumbs = [_thumbnail(doc[i], report) for i, report in enumerate(reports)]
    finally:
        doc.close()
    width = GAP + sum(t.width + GAP for t in thumbs)
    height = GAP + THUMB_HEIGHT + LABEL
    sheet = Image.new("RGB", (width, height), PAPER_BACK)
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(label_face), LABEL // 2, index=label_index or 0)
    x = GAP
    for thumb, report in zip(thumbs, reports, strict=True):
        sheet.paste(thumb, (x, GAP))
        label = f"第{report.page.number}版 {report.spec.page.name}"
        draw.text(
            (x + thumb.width / 2, GAP + THUMB_HEIGHT + LABEL / 2),
            label,
            fill=(255, 255, 255),
            font=font,
            anchor="mm",
        )
        x += thumb.width + GAP
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG")
    return buffer.getvalue()


def _thumbnail(pdf_page: Any, report: Preflight) -> Any:
    """One page rendered ``THUMB_HEIGHT`` pixels high, its overset and underset boxes
    marked (the box rects are in trim coordinates, y down, in pt)."""
    from PIL import Image, ImageDraw

    media = pdf_page.get_mediabox()  # (left, bottom, right, top) in pt
    trim = pdf_page.get_trimbox()
    scale = THUMB_HEIGHT / (media[3] - media[1])
    bitmap = pdf_page.render(scale=scale)
    image = bitmap.to_pil().convert("RGB")
    bitmap.close()
    pdf_page.close()
    marks = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(marks)
    dx, dy = trim[0] - media[0], media[3] - trim[3]
    # The editor looks here first: a box that would spoil print stands out whatever spoils it.
    spoiling = {p.box for p in report.problems if p.severity is Severity.ERROR and p.box}
    for box in report.boxes:
        colour = _mark_colour(box, box.id in spoiling)
        if colour is None:
            continue
        r = box.rect
        corners = (
            (dx + r.x) * scale,
            (dy + r.y) * scale,
            (dx + r.right) * scale,
            (dy + r.y + r.height) * scale,
        )
        draw.rectangle(corners, fill=(*colour, 70), outline=(*colour, 255), width=3)
    return Image.alpha_composite(image.convert("RGBA"), marks).convert("RGB")


def _mark_colour(box: BoxFit, spoiling: bool = False) -> tuple[int, int, int] | None:
    if box.status == "overset" or spoiling:
        return OVERSET
    if box.status == "underset":
        return UNDERSET
    return None
