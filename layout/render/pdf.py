"""The PDF writer: a ReportLab pen, the one place that maps page coordinates to PDF space.

- MediaBox = trim + bleed on every side; TrimBox and BleedBox are set on every page.
- Every font is one of the manifest's TrueType faces, embedded as one Type0 / CIDFontType2
  subset per face (Identity-H, ToUnicode; ``layout.render.cidfont``); the canvas's initial
  font is one of them too, so no un-embedded Helvetica is left over.
- Colours are CMYK; text runs are written in display-list (reading) order, so
  ``pdftotext -raw`` gives each story in order.
- Output is deterministic (ReportLab's invariant mode) and written to a temporary file that
  is renamed into place, so a failed build never leaves a half-written PDF.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ..fonts import FontLibrary
from ..geometry import WritingMode
from ..page import Color, ImageOp, MissingGlyphOp, Page, RectOp, RuleOp, TextRun
from .cidfont import CIDTrueTypeFont
from .pen import draw

MISSING_MARK = Color(0.0, 1.0, 1.0, 0.0)  # red: a character no font has


def pdf_font_name(fonts: FontLibrary, face_id: str) -> str:
    """The ReportLab name of a face: registered once per process (ReportLab's font
    registry is process-wide), keyed by the file so two manifests never collide."""
    path = fonts.face_infos[face_id].path
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:8]
    name = f"{face_id}-{digest}"
    # Not getFont(): for an unknown name it searches the disk for AFM files first.
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(CIDTrueTypeFont.from_face(name, fonts.face(face_id)))
    return name


class ReportLabPen:
    """Draws pages on a ReportLab canvas."""

    def __init__(self, canvas: Canvas, fonts: FontLibrary) -> None:
        self.canvas = canvas
        self.fonts = fonts
        self._names: dict[str, str] = {}
        self._text: PDFTextObject | None = None
        self._state: tuple = ()
        self._bleed = 0.0
        self._height = 0.0

    # -- coordinates: the only mapping from page (y down, trim origin) to PDF space
    def _x(self, x: float) -> float:
        return self._bleed + x

    def _y(self, y: float) -> float:
        return self._bleed + self._height - y

    def _font(self, face: str) -> str:
        name = self._names.get(face)
        if name is None:
            name = pdf_font_name(self.fonts, face)
            self._names[face] = name
        return name

    def begin_page(self, page: Page) -> None:
        c = self.canvas
        b = page.bleed
        self._bleed = b
        self._height = page.trim.height
        w, h = page.trim.width, page.trim.height
        c.setPageSize((w + 2 * b, h + 2 * b))
        c.setTrimBox((b, b, b + w, b + h))
        c.setBleedBox((0, 0, w + 2 * b, h + 2 * b))
        c.setTitle(page.title)

    def _flush_text(self) -> None:
        if self._text is not None:
            self.canvas.drawText(self._text)
            self._text = None
            self._state = ()

    def text(self, run: TextRun) -> None:
        if run.face is None:
            return
        if self._text is None:
            self._text = self.canvas.beginText()
        t = self._text
        name = self._font(run.face)
        state = self._state
        if not state or state[0] != (name, run.size):
            t.setFont(name, run.size)
        if not state or state[1] != run.char_space:
            t.setCharSpace(run.char_space)
        if not state or state[2] != run.scale:
            t.setHorizScale(run.scale * 100)
        if not state or state[3] != run.color:
            col = run.color
            t.setFillColorCMYK(col.c, col.m, col.y, col.k)
        self._state = ((name, run.size), run.char_space, run.scale, run.color)
        if run.mode is WritingMode.HORIZONTAL_TB:
            t.setTextOrigin(self._x(run.x), self._y(run.y))
        else:
            # Upright in a vertical line: ``y`` is the top of the em box.
            baseline = run.y + run.size * 0.88
            t.setTextOrigin(self._x(run.x), self._y(baseline))
        t.textOut(run.text)

    def rule(self, op: RuleOp) -> None:
        self._flush_text()
        c = self.canvas
        col = op.color
        c.setStrokeColorCMYK(col.c, col.m, col.y, col.k)
        c.setLineWidth(op.width)
        c.line(self._x(op.x1), self._y(op.y1), self._x(op.x2), self._y(op.y2))

    def rect(self, op: RectOp) -> None:
        self._flush_text()
        c = self.canvas
        r = op.rect
        if op.fill is not None:
            c.setFillColorCMYK(op.fill.c, op.fill.m, op.fill.y, op.fill.k)
        if op.stroke is not None:
            c.setStrokeColorCMYK(op.stroke.c, op.stroke.m, op.stroke.y, op.stroke.k)
            c.setLineWidth(op.width)
        c.rect(
            self._x(r.x),
            self._y(r.bottom),
            r.width,
            r.height,
            stroke=int(op.stroke is not None),
            fill=int(op.fill is not None),
        )

    def image(self, op: ImageOp) -> None:
        self._flush_text()
        c = self.canvas
        c.saveState()
        clip = op.clip
        path = c.beginPath()
        path.rect(self._x(clip.x), self._y(clip.bottom), clip.width, clip.height)
        c.clipPath(path, stroke=0, fill=0)
        r = op.rect
        c.drawImage(op.path, self._x(r.x), self._y(r.bottom), r.width, r.height)
        c.restoreState()

    def missing_glyph(self, op: MissingGlyphOp) -> None:
        """A character no font has: a red box with a cross, never a blank."""
        self._flush_text()
        c = self.canvas
        r = op.rect
        c.setStrokeColorCMYK(MISSING_MARK.c, MISSING_MARK.m, MISSING_MARK.y, MISSING_MARK.k)
        c.setLineWidth(0.5)
        x0, y0 = self._x(r.x), self._y(r.bottom)
        c.rect(x0, y0, r.width, r.height, stroke=1, fill=0)
        c.line(x0, y0, x0 + r.width, y0 + r.height)
        c.line(x0, y0 + r.height, x0 + r.width, y0)

    def end_page(self) -> None:
        self._flush_text()
        self.canvas.showPage()


def write_pdf(pages: Sequence[Page], out: Path, fonts: FontLibrary) -> None:
    """Write ``pages`` to ``out`` atomically (temporary file, then rename)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    first_face = next(iter(fonts.face_infos))
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        # Binary streams: ASCII85 would only make the file larger and the build slower.
        rl_config.useA85 = 0
        canvas = Canvas(
            tmp,
            invariant=1,
            pageCompression=1,
            initialFontName=pdf_font_name(fonts, first_face),
            initialFontSize=9,
        )
        canvas.setCreator("banmian")
        canvas.setProducer("banmian (ReportLab)")
        pen = ReportLabPen(canvas, fonts)
        for page in pages:
            draw(page, pen)
        canvas.save()
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a page is for sharing
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
