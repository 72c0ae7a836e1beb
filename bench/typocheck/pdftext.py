"""Read a PDF's characters with their geometry: PDFium text pages (pypdfium2).

For each character drawn: its Unicode value, pen position on the baseline
(``FPDFText_GetCharOrigin``), font size, advance (the width of the loose box, which PDFium
takes from the font's widths and the text matrix), ink box (the tight box: the glyph's
outline bounds) and face. Spaces and line breaks that PDFium makes up are dropped; so are
drawn spaces (a word space is measured as a gap), characters with no Unicode value, and
characters that are not upright and horizontal (counted).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from pathlib import Path

from layout.text.chars import CharClass, classify

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in points, PDF user space (y up)


class PdfError(Exception):
    """The PDF cannot be read, or has no text."""


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn character, in PDF user space (points, y up)."""

    char: str
    x: float  # pen position on the baseline
    y: float  # baseline
    size: float  # font size (the em), points
    advance: float  # the font's advance for the character as drawn (scaled), points
    ink: Box | None  # None: no ink
    font: str  # the face's name without its subset tag
    cls: CharClass

    @property
    def end(self) -> float:
        return self.x + self.advance


@dataclass(frozen=True)
class PageGlyphs:
    number: int  # 1-based
    width: float
    height: float
    glyphs: tuple[Glyph, ...]  # upright horizontal characters, in content order
    skipped: int  # characters turned or slanted (vertical text, rotated runs): not measured


def read_pdf(path: Path | str) -> tuple[PageGlyphs, ...]:
    """Every page's characters with their geometry."""
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(str(path))
    except (pdfium.PdfiumError, OSError) as exc:
        raise PdfError(f"{path}: cannot read the PDF ({exc})") from exc
    try:
        return tuple(_read_page(doc[k], k + 1) for k in range(len(doc)))
    finally:
        doc.close()


def _read_page(page, number: int) -> PageGlyphs:  # noqa: ANN001 - a pypdfium2 PdfPage
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        width, height = page.get_size()
        glyphs: list[Glyph] = []
        skipped = 0
        n = textpage.count_chars()
        x, y = ctypes.c_double(), ctypes.c_double()
        matrix = raw.FS_MATRIX()
        flags = ctypes.c_int()
        name = ctypes.create_string_buffer(256)
        i = 0
        while i < n:
            k = i
            i += 1
            if raw.FPDFText_IsGenerated(textpage, k) != 0:
                continue  # a space or line break PDFium made up: nothing is drawn there
            code = raw.FPDFText_GetUnicode(textpage, k)
            if 0xD800 <= code < 0xDC00 and i < n:  # a UTF-16 surrogate pair: one character
                low = raw.FPDFText_GetUnicode(textpage, i)
                if 0xDC00 <= low < 0xE000:
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 1
            if code == 0 or 0xD800 <= code < 0xE000:
                continue  # no Unicode value known for the glyph
            char = chr(code)
            if char.isspace():
                continue
            raw.FPDFText_GetMatrix(textpage, k, matrix)
            if abs(matrix.b) > 1e-6 or abs(matrix.c) > 1e-6 or matrix.a <= 0 or matrix.d <= 0:
                skipped += 1
                continue
            raw.FPDFText_GetCharOrigin(textpage, k, x, y)
            loose = textpage.get_charbox(k, loose=True)
            ink = textpage.get_charbox(k)
            length = raw.FPDFText_GetFontInfo(textpage, k, name, len(name), flags)
            has_ink = ink[2] - ink[0] > 1e-3 and ink[3] - ink[1] > 1e-3
            glyphs.append(
                Glyph(
                    char=char,
                    x=x.value,
                    y=y.value,
                    size=round(raw.FPDFText_GetFontSize(textpage, k), 3),
                    advance=loose[2] - loose[0],
                    ink=tuple(ink) if has_ink else None,
                    font=_base_font(name.value.decode("latin-1") if length else ""),
                    cls=classify(char),
                )
            )
        return PageGlyphs(number, width, height, tuple(glyphs), skipped)
    finally:
        textpage.close()
        page.close()


def _base_font(name: str) -> str:
    """The font name without its subset tag (``ABCDEF+``, ISO 32000-1 §9.6.4)."""
    head, plus, rest = name.partition("+")
    return rest if plus and len(head) == 6 and head.isupper() else name
