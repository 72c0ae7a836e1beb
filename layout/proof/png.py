"""PNG previews of a PDF, rendered with pypdfium2 (a core dependency): one file a page,
``NAME-1.png``, … beside the PDF, written all or none (``layout.output.write_files``): a page
that cannot be written leaves every preview there before as it was. The previews of an
earlier proof of more pages are removed after (:func:`stale_previews`), as an edition's page
PDFs are: only those banmian wrote that are no input (``layout.stale``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from ..formats import png_file
from ..output import InputFile, write_files
from ..stale import StaleFile, preview_pattern, remove_stale_pngs


def png_paths(proof: Path, count: int) -> list[Path]:
    return [proof.with_name(f"{proof.stem}-{i}.png") for i in range(1, count + 1)]


def render_pngs(pdf: Path | bytes, dpi: float, beside: Path | None = None) -> list[Path]:
    """PNG previews of every page of ``pdf`` (a file, or its bytes) at ``dpi``, beside
    ``beside`` (default: the file ``pdf``): ``NAME-1.png``, … written all or none (each
    page's PNG kept compressed in memory until the last is made)."""
    import pypdfium2 as pdfium

    if beside is None:
        if isinstance(pdf, bytes):
            raise TypeError("render_pngs: give beside= for a PDF given as bytes")
        beside = Path(pdf)
    made: list[tuple[Path, bytes]] = []
    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        for index, path in enumerate(png_paths(beside, len(doc))):
            pdf_page = doc[index]
            bitmap = pdf_page.render(scale=dpi / 72.0)
            made.append((path, png_file(bitmap.to_pil(), dpi)))
            bitmap.close()
            pdf_page.close()
    finally:
        doc.close()
    return write_files(made)


def stale_previews(
    proof: Path, written: Sequence[Path], inputs: Iterable[InputFile]
) -> tuple[StaleFile, ...]:
    """The previews beside ``proof`` (``PROOF-N.png``) that the ``written`` ones are not,
    each removed when banmian wrote it and it is none of the ``inputs``, else kept."""
    return remove_stale_pngs(proof.parent, preview_pattern(proof), written, inputs, "proof preview")
