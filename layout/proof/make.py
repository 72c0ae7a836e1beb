"""Making a proof: the page built, the overlay drawn on a copy, the proof PDF written and the
page's fonts read back from it, the PNG previews, and the preflight findings returned — with
the time each step took."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..build import Timings, build, fonts_for, input_files
from ..output import write_file
from ..render.pdf import page_font_names, pdf_bytes
from ..stale import StaleFile
from ..text.options import BreakMode
from .overlay import proof_page
from .pdffonts import pdf_fonts
from .png import png_paths, render_pngs, stale_previews
from .preflight import Preflight, preflight


def default_proof_path(spec_path: Path | str) -> Path:
    """The proof of a spec when no ``-o`` is given: beside the spec, ``<name>-proof.pdf``
    (never the working directory's: where the command is run from does not matter)."""
    spec_path = Path(spec_path)
    return spec_path.parent / f"{spec_path.stem}-proof.pdf"


def make_proof(
    spec_path: Path | str,
    out: Path | str | None = None,
    *,
    png_dpi: float | None = None,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> Preflight:
    """Build the page of ``spec_path`` (raises ``SpecErrors`` on bad input), write its proof
    to ``out`` (and PNG previews at ``png_dpi``) and return the preflight findings. The fonts
    are checked in the page as printed, made in memory and read back. The proof and preview
    paths are checked before layout (``OutputError``: one of the inputs, a folder, a
    device). ``notes`` by box id are drawn at their boxes (``proof --fit``: the changes of
    the fit that would fix the box's story)."""
    out = Path(out) if out is not None else default_proof_path(spec_path)
    # One page: one preview.
    previews = png_paths(out, 1) if png_dpi else []
    result = build(spec_path, None, mode=mode, writes=[out, *previews])
    timings = Timings(dict(result.timings.stages))
    fonts = fonts_for(result.spec)
    t = time.perf_counter()
    page = proof_page(result.spec, result.page, fonts, notes)
    t = timings.mark("overlay", t)
    proof = pdf_bytes([page], fonts)
    write_file(out, proof)
    t = timings.mark("proof pdf", t)
    # The page's fonts read back from the proof just written (the same writer embeds them
    # in both: one more PDF of the page only to read its fonts would cost a third of a
    # rebuild); the overlay's label face only where the page uses it too.
    own = page_font_names(result.page, fonts)
    checked = tuple(f for f in pdf_fonts(proof) if f.base_font.rpartition("+")[2] in own)
    t = timings.mark("font check", t)
    pngs: list[Path] = []
    stale: tuple[StaleFile, ...] = ()
    if png_dpi:
        pngs = render_pngs(proof, png_dpi, beside=out)
        stale = stale_previews(out, pngs, input_files(result.spec, fonts))
        timings.mark("png", t)
    report = preflight(result, fonts=checked)
    return dataclasses.replace(
        report, proof=out, pngs=tuple(pngs), stale=stale, timings=timings.stages
    )
