"""Proofs and preflight: every problem of a page marked on the page before it goes to print.

:func:`make_proof` builds the page of a spec and writes a *proof*: the page as printed with
the overlay of ``overlay`` on top (the grids, every box with its id and article, magenta
markers where something is wrong). :func:`preflight` is the same findings as data
(:class:`Preflight`, ``to_json()``); ``report`` prints them on the terminal; :func:`watch`
rebuilds the proof when the spec, an article or an image changes.

The package reads only the :class:`~layout.page.Page` and the
:class:`~layout.spec.PageSpec` of a build and what the compose stage records on them; it
computes no number of its own that the compose stage knows. The proof and its PNG previews
are written whole or not at all (``layout.output``); their paths are checked before layout
like the page PDF's. Everything here needs only the core dependencies (pikepdf, pypdfium2
for the previews).

Modules: ``preflight`` (the findings as data and JSON), ``overlay`` (the marks), ``report``
(the terminal report), ``watch`` (the rebuild loop), ``make`` (one proof made), and the
small ``pdffonts`` (fonts read back from a PDF), ``png`` (previews) and ``format``
(millimetres and counts).
"""

from .make import default_proof_path, make_proof
from .overlay import overlay, proof_page
from .pdffonts import FontCheck, pdf_fonts
from .png import png_paths, render_pngs
from .preflight import BoxFit, ImageCheck, Preflight, box_fits, image_checks, preflight
from .report import format_report, use_colour
from .watch import watch, watched_files

__all__ = [
    "BoxFit",
    "FontCheck",
    "ImageCheck",
    "Preflight",
    "box_fits",
    "default_proof_path",
    "format_report",
    "image_checks",
    "make_proof",
    "overlay",
    "pdf_fonts",
    "png_paths",
    "preflight",
    "proof_page",
    "render_pngs",
    "use_colour",
    "watch",
    "watched_files",
]
