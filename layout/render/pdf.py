"""The PDF writer: the pen, the one place that maps page coordinates to PDF space.

- MediaBox = trim + bleed on every side (+ slug with press marks); TrimBox and BleedBox are
  set on every page.
- Press PDF (``press`` settings given, ``pdfx`` on): photos converted to CMYK within the ink
  limit (``layout.render.images``), black text and rules overprint, large black type in rich
  black by option, crop and registration marks by option, and the PDF/X-1a:2003 keys and
  output intent written with the rest, in one pass (``layout.render.pdfx``).
- Every font is one of the manifest's TrueType faces, embedded as one Type0 / CIDFontType2
  subset per face (Identity-H, ToUnicode; ``layout.render.cidfont``); the canvas's initial
  font is one of them too, so no un-embedded Helvetica is left over.
- Vector artwork (an SVG or PDF logotype) is drawn as paths in one ink, in the page's content
  stream (``layout.render.artwork``).
- A PDF advertisement's page is placed as it is, a form XObject with every object it
  reaches, written with the rest from the ad's record in the user cache
  (``layout.render.advert``).
- Colours are CMYK; text runs are written in display-list (reading) order, so
  ``pdftotext -raw`` gives each story in order, as PDF text operators straight into the
  page's content stream (``layout.render.textstream``: one text object for the runs drawn
  one after another, ``Tf`` only when the font changes, one hex string per run).
- The document layer is ours (``layout.render.pdfobjects``, ``layout.render.document``, the
  content operators in ``layout.render.canvas``): it writes the objects ReportLab's document
  layer wrote for these pages, byte for byte (all but the Producer and the comments of the
  header and the trailer, which named ReportLab), and a build imports no ReportLab.
- Output is deterministic (a fixed date, or ``SOURCE_DATE_EPOCH``) and independent of where
  the files are: an image XObject is named by :class:`ImageFile`, a digest of the file's
  bytes (the path of the press-image cache or of the checkout would otherwise change the
  bytes of the PDF).
- The PDF is made in memory (:func:`pdf_bytes`) and written once by ``layout.output``: the
  file is complete or absent, never half-written.
- An edition's PDF and its pages' (:func:`pages_pdf_bytes`) draw each page once: on its own
  PDF's canvas, kept as a :class:`DrawnPage` (what the canvas holds before ``show_page``)
  and put on the edition's canvas by :meth:`PdfPen.put` (its content stream, joined and
  deflated once, shared by both when the page's fonts have the same names in both); the
  bytes are those of drawing every page again. :class:`EditionPdfs` does the same with the
  pages given as they come, in any order (an edition's build draws its own pages while
  forked workers compose the others).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..fonts import FontLibrary
from ..imagefiles import large, read_header
from ..output import write_file
from ..page import (
    WHITE,
    AdvertOp,
    ArtworkOp,
    Color,
    ImageOp,
    MissingGlyphOp,
    Page,
    Paint,
    RectOp,
    RuleOp,
    TextRun,
)
from ..press import MARK_GAP, PressSettings, is_plain_black
from ..records import NamedTuple
from .advert import AdvertForm, advert_form, placement
from .artwork import draw_artwork
from .background import Deferred, Worker, run
from .canvas import Canvas, PictureFile
from .cidfont import CIDTrueTypeFont, DrawnText
from .digest import PrefixDigest
from .document import Body, Document
from .pdfobjects import Stream
from .pdfx import pdfx_document
from .pen import draw
from .textstream import Points, TextWriter

MISSING_MARK = Color(0.0, 1.0, 1.0, 0.0)  # red: a character no font has
REGISTRATION = Color(1.0, 1.0, 1.0, 1.0, spot="All")  # marks print on every plate


_FONTS = ("pdf", "fonts")  # in a font library's memo: face id → (name, its PDF font)


def pdf_font(fonts: FontLibrary, face_id: str) -> CIDTrueTypeFont:
    """A face as a PDF font, kept in the font library's memo (one a face) under a name of the
    file and its state on disk, so that a face file changed under a running ``watch`` is
    embedded anew."""
    path = fonts.face_infos[face_id].path
    stat = path.stat()
    key = f"{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}"
    name = f"{face_id}-{hashlib.sha1(key.encode()).hexdigest()[:8]}"
    made: dict[str, tuple[str, CIDTrueTypeFont]] = fonts.memo.setdefault(_FONTS, {})  # type: ignore[assignment]
    found = made.get(face_id)
    if found is None or found[0] != name:
        found = made[face_id] = (name, CIDTrueTypeFont.from_face(name, fonts.face(face_id)))
    return found[1]


def page_font_names(page: Page, fonts: FontLibrary) -> frozenset[str]:
    """The PostScript names of the faces ``page``'s text is drawn in, as a PDF of it names
    its fonts (``/BaseFont``, after the six-letter subset tag): which fonts of a PDF holding
    more than the page (its proof, with the overlay's labels) are the page's own."""
    faces = {op.face for op in page.ops if isinstance(op, TextRun) and op.face is not None}
    return frozenset(pdf_font(fonts, face).postscript_name for face in faces)


class ImageFile(NamedTuple):
    """An image file named by its content: ``str()`` is a digest of the file's bytes, which
    the image XObject's name is made from, so the same image has the same name wherever
    the file is."""

    path: Path
    digest: str

    @classmethod
    def of(cls, path: Path, data: bytes) -> ImageFile:
        """The name of the image file ``path`` whose bytes are ``data``."""
        return cls(path, hashlib.sha256(data).hexdigest() + path.suffix.lower())

    def __str__(self) -> str:
        return self.digest


class DrawnPage(NamedTuple):
    """A page drawn on a canvas, as the canvas holds it before ``show_page``: what
    :meth:`PdfPen.put` needs to put the same page on another canvas without drawing it
    again. The fonts are Identity-H with CID = glyph id (``layout.render.cidfont``), so the
    content stream does not depend on the subset the glyphs end up in; only the fonts'
    resource names do, the objects the drawing registered in the document, and the CIDs of
    their own that a glyph drawn for two texts gets (a text's CID depends on what the
    document drew before it: ``put`` changes the codes where they differ)."""

    page: Page
    code: tuple[str, ...]  # the content stream's pieces (``canvas.code``)
    # (its resource name there, the font, what it drew) in order of first use
    fonts: tuple[tuple[str, CIDTrueTypeFont, DrawnText], ...]
    objects: tuple[tuple[str, Any], ...]  # (key, object) registered while drawing
    forms: tuple[str, ...]  # XObjects drawn (``canvas.forms``)
    colours: tuple[tuple[str, str], ...]  # colour spaces used (``canvas.colours``)
    gstate: Any  # the page's graphics states (``canvas.gstate``)
    adverts: tuple[tuple[str, AdvertForm], ...]
    # The content stream made of ``code`` (deflated on the worker): another document whose
    # fonts have the same names shares it rather than joining and deflating it again.
    contents: Stream | None = None


# A font selection in a text object of the pen (``layout.render.textstream``): its own line.
# The keys of the runs' operators and their coordinates' digits (``TextWriter``) and of the
# last press PDF's ID digest (``PrefixDigest``) in a font library's memo: kept for the next
# build in this process.
_SHOWN_RUNS = ("pdf", "shown runs")
_POINTS = ("pdf", "points")
_ID_DIGEST = ("pdf", "ID digest")
_FONT_SELECTION = re.compile(r"^(/F\d+)(?= \S+ Tf$)", re.MULTILINE)


# A line of a text object that selects a font or shows a run's glyphs (its hex codes).
_TEXT_LINE = re.compile(r"^(/F\d+) \S+ Tf$|<([0-9A-F]*)> Tj$", re.MULTILINE)


def _recoded(entry: str, moved: Mapping[str, Mapping[int, int]]) -> str:
    """A piece of a content stream with the codes of the runs shown in each font of
    ``moved`` (by its resource name) changed: a shared glyph's text written as another CID
    in the document the page is put in (``CIDTrueTypeFont.add_drawn``)."""
    if not entry.startswith("BT\n"):
        return entry
    table: Mapping[int, int] = {}

    def line(m: re.Match[str]) -> str:
        nonlocal table
        if m.group(1) is not None:
            table = moved.get(m.group(1), {})
            return m.group(0)
        if not table:
            return m.group(0)
        digits = m.group(2)
        codes = (int(digits[i : i + 4], 16) for i in range(0, len(digits), 4))
        return "<" + "".join(f"{table.get(c, c):04X}" for c in codes) + "> Tj"

    return _TEXT_LINE.sub(line, entry)


def _renamed(entry: str, names: Mapping[str, str]) -> str:
    """A piece of a content stream with the fonts its text objects select renamed."""
    if not entry.startswith("BT\n"):
        return entry
    return _FONT_SELECTION.sub(lambda m: names[m.group(1)], entry)


class PdfPen:
    """Draws pages on a canvas (``layout.render.canvas``) of one document."""

    def __init__(
        self, canvas: Canvas, fonts: FontLibrary, press: PressSettings | None = None
    ) -> None:
        self.canvas = canvas
        self.fonts = fonts
        self.press = press  # None: proof colours, as laid out
        self._page: Page | None = None
        self._fonts: dict[str, CIDTrueTypeFont] = {}
        # The text of the page, written as operators; the runs' operators kept with the fonts
        # (the glyph ids they show are the fonts'), for the next build in this process.
        shown = fonts.memo.setdefault(_SHOWN_RUNS, {})
        points = fonts.memo.setdefault(_POINTS, Points())
        self._text = TextWriter(canvas, shown, points)  # type: ignore[arg-type]
        self._bleed = 0.0
        self._height = 0.0
        # The ad pages drawn, by form name: put in the document when it is finished.
        self.adverts: dict[str, AdvertForm] = {}
        # Set by pages_pdf_bytes: every page drawn is also kept as a DrawnPage.
        self.drawn: list[DrawnPage] | None = None
        # Set by the PDF stages: the press versions of the photos, converted ahead.
        self.press_images: PressImages | None = None
        self._objects = 0  # the document's objects before the page
        self._page_adverts: dict[str, AdvertForm] = {}

    # -- coordinates: the only mapping from page (y down, trim origin) to PDF space
    def _x(self, x: float) -> float:
        return self._bleed + x

    def _y(self, y: float) -> float:
        return self._bleed + self._height - y

    def _cid_font(self, face: str) -> CIDTrueTypeFont:
        font = self._fonts.get(face)
        if font is None:
            font = self._fonts[face] = pdf_font(self.fonts, face)
        return font

    def begin_page(self, page: Page) -> None:
        c = self.canvas
        slug = self.press.slug if self.press is not None and self.press.marks else 0.0
        b = page.bleed + slug  # trim origin in PDF space
        self._page = page
        self._objects = c.doc.count
        self._page_adverts = {}
        self._bleed = b
        self._height = page.trim.height
        w, h = page.trim.width, page.trim.height
        c.size = (w + 2 * b, h + 2 * b)
        c.trim = (b, b, b + w, b + h)
        c.bleed = (slug, slug, w + 2 * b - slug, h + 2 * b - slug)
        c.doc.info.title = page.title
        if self.press is not None and self.press.overprint:
            c.overprint_mode(1)  # OPM 1: zero CMYK components of overprinted colours keep
            # the inks below

    # -- press colours: spot inks, overprinting black, rich black for large type
    def _set_colour(self, col: Color, stroke: bool = False) -> None:
        """Set the canvas's fill (or stroke) colour (text: ``TextWriter.set_fill``)."""
        c = self.canvas
        c.colour(col, stroke)
        if self.press is not None and self.press.overprint:
            c.overprint(is_plain_black(col), stroke)

    def _text_colour(self, run: TextRun) -> Color:
        p = self.press
        if (
            p is not None
            and p.rich_black is not None
            and run.size >= p.rich_black_size
            and run.color.k == 1.0
            and is_plain_black(run.color)
        ):
            return p.rich_black
        return run.color

    def _flush_text(self) -> None:
        self._text.flush()

    def text(self, run: TextRun) -> None:
        # (Once a run of the page: its fields unpacked at once, the writer called positionally.)
        text, face, size, x, y, scale, col, turn, char_space, glyph = run
        if face is None:
            return
        t = self._text
        font = self._fonts.get(face) or self._cid_font(face)
        # (Most runs: no rich black to consider, the run's own colour.)
        p = self.press
        if p is not None and p.rich_black is not None:
            col = self._text_colour(run)
        if t.fill is not col and t.fill != col:
            over = is_plain_black(col) if p is not None and p.overprint else None
            t.set_fill(col, over)
        if glyph is not None:
            # A substituted glyph (a vert form) that extracts as the run's character.
            text = font.glyph_char(glyph, text, self.canvas.doc)
        # Turned 90° clockwise, the baseline runs down the page from (x, y).
        b = self._bleed  # (self._x and self._y, inline: a call each per run)
        t.run(font, size, b + x, b + self._height - y, text, char_space, scale, bool(turn))

    def rule(self, op: RuleOp) -> None:
        self._flush_text()
        c = self.canvas
        self._set_colour(op.color, stroke=True)
        c.line_width(op.width)
        c.line(self._x(op.x1), self._y(op.y1), self._x(op.x2), self._y(op.y2))

    def rect(self, op: RectOp) -> None:
        self._flush_text()
        c = self.canvas
        r = op.rect
        if op.fill is not None:
            self._set_colour(op.fill)
        if op.stroke is not None:
            self._set_colour(op.stroke, stroke=True)
            c.line_width(op.width)
        c.rect(
            self._x(r.x),
            self._y(r.bottom),
            r.width,
            r.height,
            stroke=op.stroke is not None,
            fill=op.fill is not None,
        )

    def image(self, op: ImageOp) -> None:
        self._flush_text()
        c = self.canvas
        c.save()
        clip = op.clip
        c.clip_rect(self._x(clip.x), self._y(clip.bottom), clip.width, clip.height)
        r = op.drawn()  # the pixels put in the PDF: what the clip shows
        x, y = self._x(r.x), self._y(r.bottom)
        if self.press is not None and self.press.pdfx:
            photos = self.press_images or PressImages(self.press, None)
            picture = photos.path(op)
        elif op.window is not None or large(op.pixels) or read_header(op.path).orientation != 1:
            # Proof colours, cropped: the pixels shown, cut out. A picture stored turned (EXIF
            # 2.32 / TIFF 6.0 tag 0x0112) is turned upright there too: a PDF viewer ignores
            # EXIF, so its JPEG is not embedded as stored. A large JPEG (a phone's 108
            # megapixels) at the pixels its print needs, as in the press PDF: no viewer or
            # proof image decodes it whole.
            from .images import cropped_image, target_size

            x0, y0, x1, y1 = op.window or (0, 0, *op.pixels)
            settings = self.press if self.press is not None else PressSettings()
            size = target_size((x1 - x0, y1 - y0), r, settings) if large(op.pixels) else None
            picture = cropped_image(op.path, op.window, size)
        else:
            picture = PictureFile(Path(op.path))
        data = picture.read()
        c.image(str(ImageFile.of(picture.path, data)), picture, data, x, y, r.width, r.height)
        c.restore()

    def artwork(self, op: ArtworkOp) -> None:
        """Vector artwork in one ink, drawn into the page's content stream (its paths in
        the page's colour space, ``layout.render.artwork``); the ink knocks out or
        overprints as type in that colour would."""
        self._flush_text()
        c = self.canvas

        def paint(what: Paint, stroke: bool) -> None:
            self._set_colour(op.ink if what is Paint.INK else WHITE, stroke=stroke)

        c.save()  # the line width and colours of the artwork end with it
        draw_artwork(c, op, self._x(op.rect.x), self._y(op.rect.y), paint)
        c.restore()

    def advert(self, op: AdvertOp) -> None:
        """A PDF advertisement: its page as a form XObject, its trim box mapped onto the
        rect (``layout.render.advert``; the form is put in by :meth:`define_forms`)."""
        self._flush_text()
        c = self.canvas
        form = advert_form(op)
        name = form.name
        self.adverts[name] = self._page_adverts[name] = form
        c.save()
        # A form inherits the graphics state it is drawn in (PDF 1.7 §8.10.1): the ad is
        # drawn in the initial one (§8.4, table 52), not in what the page last set — above
        # all not with black's overprint on, which would add the inks of its overlapping
        # shapes (a red disc over a blue one: 305 %).
        if self.press is not None and self.press.overprint:
            c.overprint(False)
            c.overprint(False, stroke=True)
        c.initial_state()
        c.transform(*placement(op, self._x(op.rect.x), self._y(op.rect.bottom)))
        c.form(name)
        c.restore()

    def define_forms(self) -> None:
        """The forms of the ad pages drawn, under the names the pages draw them by."""
        for name in sorted(self.adverts):
            self.canvas.doc.register(f"FormXob.{name}", self.adverts[name].form)

    def missing_glyph(self, op: MissingGlyphOp) -> None:
        """A character no font has: a red box with a cross, never a blank."""
        self._flush_text()
        c = self.canvas
        r = op.rect
        self._set_colour(MISSING_MARK, stroke=True)
        c.line_width(0.5)
        x0, y0 = self._x(r.x), self._y(r.bottom)
        c.rect(x0, y0, r.width, r.height, stroke=True, fill=False)
        c.line(x0, y0, x0 + r.width, y0 + r.height)
        c.line(x0, y0 + r.height, x0 + r.width, y0)

    def end_page(self) -> None:
        self._flush_text()
        if self.press is not None and self.press.marks and self._page is not None:
            self._marks(self._page)
        drawn = None
        if self.drawn is not None and self._page is not None:
            drawn = self._drawn_page(self._page)
        contents = self._show_page()
        if drawn is not None and self.drawn is not None:
            self.drawn.append(drawn._replace(contents=contents))

    def _show_page(self, contents: Stream | None = None) -> Stream:
        """End the canvas's page (with ``contents``, a content stream of the same code, when
        given), its content stream deflated on the document's worker meanwhile
        (``layout.render.background``); the content stream."""
        canvas = self.canvas
        stream = canvas.show_page(contents).contents
        stream.deflate_on(canvas.doc.worker)
        return stream

    def _drawn_page(self, page: Page) -> DrawnPage:
        """The page just drawn as the canvas and its document hold it before ``show_page``."""
        c = self.canvas
        doc = c.doc
        return DrawnPage(
            page=page,
            code=tuple(c.code),
            fonts=tuple((f.resource_name(doc), f, f.drawn(doc)) for f in doc.fonts),
            objects=tuple(doc.registered_since(self._objects)),
            forms=tuple(c.forms),
            colours=tuple(c.colours.items()),
            gstate=c.gstate,
            adverts=tuple(self._page_adverts.items()),
        )

    def put(self, drawn: DrawnPage) -> None:
        """Put a page drawn on another canvas (:class:`DrawnPage`) on this one: the page
        PDF's content stream, its fonts named as this document names them (numbered by
        first use here, as drawing the page here would number them), the objects its drawing
        registered (images, spot colours) registered here in the same order unless here
        already, and what its fonts drew recorded for this document's subsets. The result
        is the bytes drawing the page here gives (tests/render/test_pdf.py checks it)."""
        self.begin_page(drawn.page)
        c = self.canvas
        doc = c.doc
        for key, obj in drawn.objects:
            if not doc.has(key):
                doc.register(key, obj)
        names: dict[str, str] = {}
        recode: dict[str, dict[int, int]] = {}
        for own, font, text in drawn.fonts:
            names[own] = font.resource_name(doc)
            moved = font.add_drawn(doc, text)
            if moved:
                recode[own] = moved
        code = list(drawn.code)
        contents = drawn.contents  # the same code: the same stream
        if recode:
            code = [_recoded(entry, recode) for entry in code]
            contents = None
        if any(own != here for own, here in names.items()):
            code = [_renamed(entry, names) for entry in code]
            contents = None
        c.code = code
        c.forms = list(drawn.forms)
        c.colours = dict(drawn.colours)
        c.gstate = drawn.gstate
        self.adverts.update(drawn.adverts)
        self._show_page(contents)

    def _marks(self, page: Page) -> None:
        """Crop marks at the trim corners and registration targets at the middle of each
        side, in the slug outside the bleed, in registration colour (every plate)."""
        c = self.canvas
        self._set_colour(REGISTRATION, stroke=True)
        c.line_width(0.25)
        b, slug = self._bleed, self.press.slug if self.press else 0.0
        w, h = page.trim.width, page.trim.height
        # Outside the bleed and short of the sheet's edge, MARK_GAP from each (the spec's slug
        # is at least MIN_SLUG: layout.spec.press).
        gap = page.bleed + MARK_GAP
        length = slug - 2 * MARK_GAP
        for x in (b, b + w):
            for y in (b, b + h):
                sx = -1 if x == b else 1
                sy = -1 if y == b else 1
                c.line(x + sx * gap, y, x + sx * (gap + length), y)
                c.line(x, y + sy * gap, x, y + sy * (gap + length))
        radius = min(slug / 4, 8.0)
        d = gap + length / 2
        for cx, cy in (
            (b + w / 2, b - d),
            (b + w / 2, b + h + d),
            (b - d, b + h / 2),
            (b + w + d, b + h / 2),
        ):
            c.circle(cx, cy, radius)
            c.line(cx - 1.5 * radius, cy, cx + 1.5 * radius, cy)
            c.line(cx, cy - 1.5 * radius, cx, cy + 1.5 * radius)


class PressImages:
    """The press versions of the photos drawn (``layout.render.images.press_image``: converted
    to the press CMYK within the ink limit, kept in the user cache), each made once: on
    ``worker``'s thread when asked :meth:`ahead` (None: here, when drawn). The file is the
    same whichever thread makes it; a conversion that fails raises where its photo is drawn."""

    def __init__(self, press: PressSettings, worker: Worker | None) -> None:
        self._press = press
        self._worker = worker
        self._made: dict[tuple, Deferred] = {}

    def ahead(self, page: Page) -> None:
        """Every photo of ``page`` converted from now on (in the order drawn)."""
        for op in page.ops:
            if type(op) is ImageOp:
                self._made_for(op, self._worker)

    def path(self, op: ImageOp) -> PictureFile:
        """The press version of ``op``'s photo, once made (made here if not asked ahead)."""
        return self._made_for(op, None).result()

    def _made_for(self, op: ImageOp, worker: Worker | None) -> Deferred:
        drawn = op.drawn()
        key = (op.path, drawn, op.window)
        made = self._made.get(key)
        if made is None:
            from .images import press_image  # here: Pillow and littleCMS only for a photo

            made = self._made[key] = run(
                worker, press_image, op.path, drawn, self._press, op.window
            )
        return made


def pdf_bytes(
    pages: Sequence[Page],
    fonts: FontLibrary,
    press: PressSettings | None = None,
    *,
    title: str | None = None,
) -> bytes:
    """The PDF of ``pages``, made in memory. With ``press`` settings whose ``pdfx`` is on,
    the PDF/X-1a press PDF, titled ``title`` (default: the first page's title)."""
    with Worker() as worker:
        pen = _pen(fonts, press, worker)
        if press is not None and press.pdfx:
            pen.press_images = PressImages(press, worker)
            for page in pages:
                pen.press_images.ahead(page)
        for page in pages:
            draw(page, pen)
        _prepare(pen, title if title is not None else pages[0].title if pages else "")
        return _files([pen])[0]


def _finish(pen: PdfPen, title: str) -> bytes:
    """The bytes of the pen's PDF, its pages drawn (the press PDF titled ``title``)."""
    _prepare(pen, title)
    return _files([pen])[0]


def pages_pdf_bytes(
    pages: Sequence[Page],
    fonts: FontLibrary,
    press: PressSettings | None = None,
    *,
    title: str | None = None,
) -> tuple[bytes, tuple[bytes, ...]]:
    """The PDF of ``pages`` (:func:`pdf_bytes`) and the PDF of each page alone, each page
    drawn once: on its own PDF's canvas, then put on the whole one's
    (:meth:`PdfPen.put`). The same bytes as :func:`pdf_bytes` of ``pages`` and of each
    page (:class:`EditionPdfs`, its pages given all at once)."""
    with EditionPdfs(fonts, press) as pdfs:
        return pdfs.finish(pages, title)


class EditionPdfs:
    """The PDF of each page alone and of all the pages, made as the pages come: a page given
    (:meth:`add`, in any order: an edition's pages composed here while other processes
    compose the rest) is drawn on its own PDF's canvas at once and kept as a
    :class:`DrawnPage`; :meth:`finish` puts every page on the whole PDF's canvas in edition
    order and writes them all (the bytes of :func:`pages_pdf_bytes`). Every document is made
    ready (drawn, its fonts' objects added) before the first is written: the font programs
    are deflated on the worker's thread meanwhile, started when the first is submitted (so
    a process may fork between making this and adding a page). Use it as a context manager:
    the thread ends with it."""

    def __init__(self, fonts: FontLibrary, press: PressSettings | None) -> None:
        self._fonts = fonts
        self._press = press
        self._worker = Worker()
        # Each page's own pen, by the page object (not its number: pages given to
        # pages_pdf_bytes need not be an edition's, and two may have one number).
        self._pens: dict[int, PdfPen] = {}
        self._drawn: list[DrawnPage] = []
        self._photos = (
            PressImages(press, self._worker) if press is not None and press.pdfx else None
        )

    def __enter__(self) -> EditionPdfs:
        return self

    def __exit__(self, *exc: object) -> None:
        self._worker.close()

    def expect(self, page: Page) -> None:
        """``page`` will be added: the press versions of its photos not made before are
        converted from now on, on the worker's thread (Pillow releases the GIL), while this
        thread goes on composing or drawing; :meth:`add` waits for them where it draws them."""
        if self._photos is not None:
            self._photos.ahead(page)

    def add(self, page: Page) -> None:
        """``page`` drawn on its own PDF's canvas and kept for the whole PDF."""
        pen = _pen(self._fonts, self._press, self._worker)
        pen.drawn = self._drawn
        pen.press_images = self._photos
        draw(page, pen)
        _prepare(pen, page.title)
        self._pens[id(page)] = pen

    def finish(
        self, pages: Sequence[Page], title: str | None = None
    ) -> tuple[bytes, tuple[bytes, ...]]:
        """The PDF of ``pages`` in their order (titled ``title``, default the first page's)
        and of each alone, the pages not added yet drawn now."""
        waiting = [page for page in pages if id(page) not in self._pens]
        for page in waiting:
            self.expect(page)
        for page in waiting:
            self.add(page)
        drawn = {id(d.page): d for d in self._drawn}  # (each kept page stays alive in it)
        whole = _pen(self._fonts, self._press, self._worker)
        for page in pages:
            whole.put(drawn[id(page)])
        _prepare(whole, title if title is not None else pages[0].title if pages else "")
        # The edition's file first: its ID's digest, the longest, made on the worker while
        # the pages' files are written, not after them.
        edition, *singles = _files([whole, *(self._pens[id(p)] for p in pages)])
        return edition, tuple(singles)


def _pen(fonts: FontLibrary, press: PressSettings | None, worker: Worker | None = None) -> PdfPen:
    """A pen on a new document (the press PDF's keys when ``press.pdfx``), its streams
    deflated on ``worker`` (None: in place)."""
    doc = Document()
    doc.worker = worker
    canvas = Canvas(doc)
    doc.info.creator = "banmian"
    doc.info.producer = "banmian"
    if press is not None and press.pdfx:
        pdfx_document(doc, press)
    return PdfPen(canvas, fonts, press)


def _prepare(pen: PdfPen, title: str) -> None:
    """The pen's document made ready to write, its pages drawn: the ads' placeholder forms
    defined, the press PDF titled ``title``, every font's objects added (in order of first
    use: each font's objects after the last's; their programs deflated on the worker)."""
    canvas = pen.canvas
    doc = canvas.doc
    pen.define_forms()
    if pen.press is not None and pen.press.pdfx:
        doc.info.title = title
    for font in doc.fonts:
        resource = font.resource_name(doc)[1:]
        ref = font.add_objects(doc)
        if ref is not None:
            canvas.fonts[resource] = ref


def _files(pens: Sequence[PdfPen]) -> list[bytes]:
    """The bytes of each pen's PDF, made ready (:func:`_prepare`). Each press PDF's ID, the
    MD5 of its file up to the trailer, is made on the document's worker while the next
    document is written; in the order of ``pens``, by the digest kept in the font library's
    memo (the last document's chunks kept for a rebuild, ``layout.render.digest``)."""
    bodies = []
    for pen in pens:
        doc = pen.canvas.doc
        body = doc.body()
        digest = None
        if pen.press is not None and pen.press.pdfx:
            kept = pen.fonts.memo.setdefault(_ID_DIGEST, PrefixDigest())
            digest = run(doc.worker, kept.hexdigest, body.data, len(body.data))  # type: ignore[attr-defined]
        bodies.append((body, digest))
    return [_file(pen, body, digest) for pen, (body, digest) in zip(pens, bodies, strict=True)]


def _file(pen: PdfPen, body: Body, digest: Deferred | None) -> bytes:
    """The pen's PDF: ``body`` and its trailer, the ID the ``digest`` made (None: the
    invariant ID of a PDF that is not a press PDF)."""
    doc = pen.canvas.doc
    ids = doc.info.invariant_id() if digest is None else digest.result().encode("ascii")
    return doc.ended(body, ids)


def write_pdf(
    pages: Sequence[Page], out: Path, fonts: FontLibrary, press: PressSettings | None = None
) -> Path:
    """Write the PDF of ``pages`` (:func:`pdf_bytes`) to ``out``, complete or not at all
    (``layout.output.write_file``; ``OutputError`` when it cannot be written)."""
    return write_file(out, pdf_bytes(pages, fonts, press))
