"""What ``build -o`` writes, by the output's extension: a PDF, or PNG page images rendered from
the same PDF bytes (no second layout).

Contract:

- :func:`output_format` names the format of an output path (``.pdf``, ``.png``; ``-`` is
  standard output, PDF unless ``--format`` says otherwise) or refuses it
  (``OutputError(refused=True)``, exit 2) before any work: an unknown extension, an SVG (see
  :data:`SVG_REFUSED`), a ``--format`` other than the extension's, an existing folder.
- :func:`page_outputs` gives the file of each page: a name with ``{p}`` (the page number) or
  ``{0p}`` (the number zero-padded to the edition's widest) is a template, one file a page,
  as ``typst compile`` names its pages; PNG pages without a template are refused when there
  is more than one.
- :func:`without_template` is the one file a template names when only one is written (an
  edition's PDF, its page PDFs beside it).
- :func:`png_pages` renders pages of a PDF to PNG bytes with pypdfium2 (PDFium) at ``ppi``
  pixels per inch; the PNG records that resolution (its ``pHYs`` chunk).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import OutputError

if TYPE_CHECKING:
    from PIL import Image

STDOUT = "-"
DEFAULT_PPI = 144.0  # twice a screen's 72: an e-paper page image sharp on a HiDPI screen
# A broadsheet page at 600 ppi is 9,200 × 12,900 pixels (about 470 MB to render): beyond
# this a typo (6000 for 60) would exhaust memory.
MAX_PPI = 600.0

SVG_REFUSED = (
    "SVG is not written: PDFium (pypdfium2, what banmian renders with) makes bitmaps only, "
    "and the maintained PDF-to-SVG converters are PyMuPDF (AGPL, not a dependency of this "
    "Apache-2.0 tool) and poppler's pdftocairo (a system program); write the PDF and convert "
    "it (pdftocairo -svg PAGE.pdf PAGE.svg), or write PNG"
)


class OutputFormat(Enum):
    PDF = "pdf"
    PNG = "png"
    SVG = "svg"  # named so that it is refused with its reason, not as an unknown extension


# The formats banmian writes, the only ones ``build --format`` offers (SVG is refused).
WRITTEN = (OutputFormat.PDF, OutputFormat.PNG)


TEMPLATE = re.compile(r"\{(0?)p\}")
_TEMPLATE_JOINED = re.compile(r"[-_.]\{0?p\}|\{0?p\}[-_.]?")


def output_format(
    output: Path | str, given: OutputFormat | None = None, *, stem: str = "PAGE"
) -> OutputFormat:
    """The format of ``output`` (``-`` for standard output), or ``OutputError(refused=True)``
    (see the module docstring); ``stem`` names the file a folder is told to hold."""
    text = str(output)
    if text == STDOUT:
        chosen = given or OutputFormat.PDF
    else:
        path = Path(text)
        if path.is_dir():
            raise OutputError(
                path,
                f"is a folder: give the file to write in it (as typst compile, banmian takes "
                f"the output's file name), e.g. {path / (stem + '.pdf')}",
                refused=True,
            )
        suffix = path.suffix.lower().lstrip(".")
        known = {f.value: f for f in OutputFormat}
        if suffix not in known:
            shown = f"'.{suffix}'" if suffix else "no extension"
            raise OutputError(
                path,
                f"has {shown}: the output's extension names its format, .pdf or .png",
                refused=True,
            )
        chosen = known[suffix]
        if given is not None and given is not chosen:
            raise OutputError(path, f"is a .{suffix} but --format says {given.value}", refused=True)
    if chosen is OutputFormat.SVG:
        raise OutputError(Path(text), SVG_REFUSED, refused=True)
    return chosen


def is_template(output: Path | str) -> bool:
    """Whether ``output`` names its pages with ``{p}`` or ``{0p}``."""
    return TEMPLATE.search(Path(output).name) is not None


def without_template(output: Path, stem: str) -> Path:
    """``output`` with its page template, and the ``-``, ``_`` or ``.`` that joins it to the
    rest of the name, taken out: ``e-{p}.pdf`` → ``e.pdf``; ``stem`` when nothing is left
    (``{p}.pdf`` → ``STEM.pdf``). The one file an edition's PDF is written to."""
    name = _TEMPLATE_JOINED.sub("", output.stem)
    return output.with_name(f"{name or stem}{output.suffix}")


def page_outputs(output: Path, numbers: Sequence[int], fmt: OutputFormat) -> list[Path]:
    """The file of each page ``numbers`` for ``output`` (see the module docstring); raises
    ``OutputError(refused=True)`` for several PNG pages and no template."""
    if not is_template(output):
        if fmt is OutputFormat.PNG and len(numbers) > 1:
            raise OutputError(
                output,
                f"is one file for {len(numbers)} page images: put {{p}} (the page number) in "
                f"its name, e.g. {output.with_name(output.stem + '-{p}' + output.suffix)}",
                refused=True,
            )
        return [output] * len(numbers)
    width = len(str(max(numbers, default=1)))

    def named(number: int) -> Path:
        def number_text(match: re.Match[str]) -> str:
            return f"{number:0{width}d}" if match[1] else str(number)

        return output.with_name(TEMPLATE.sub(number_text, output.name))

    return [named(n) for n in numbers]


# The PNG ``Software`` text (PNG 1.2 §11.3.4.2) of every page image banmian writes: what
# ``layout.stale.png_by_banmian`` knows its own by, before removing an earlier build's.
PNG_SOFTWARE = "banmian"


def png_file(image: Image.Image, ppi: float) -> bytes:
    """The PNG file of the rendered page ``image`` at ``ppi``, named banmian's."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Software", PNG_SOFTWARE)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(ppi, ppi), pnginfo=info)
    return buffer.getvalue()


def png_pages(pdf: bytes, ppi: float) -> list[bytes]:
    """Every page of the PDF ``pdf`` rendered at ``ppi``, as PNG files' bytes (the media box,
    bleed included, as the PDF shows it)."""
    import pypdfium2 as pdfium

    pages = []
    doc = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(doc)):
            page = doc[index]
            bitmap = page.render(scale=ppi / 72.0)  # PDF user space: 72 units an inch
            pages.append(png_file(bitmap.to_pil(), ppi))
            bitmap.close()
            page.close()
    finally:
        doc.close()
    return pages
