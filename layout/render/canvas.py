"""A page's content stream and resources, drawn by the pen (``layout.render.pdf``).

Contract: :class:`Canvas` writes the operators of the drawing calls the pen makes (PDF 1.7
§8: paths, colours, the graphics state, images and forms) into the content of the page being
drawn, as ReportLab's ``Canvas`` wrote them — the same operators, numbers (:func:`fp_str`),
line breaks and resource names, so a page's bytes are those it wrote — and keeps what the
page's resources must name: the colour spaces of spot inks (one Separation a document, by
name, its tint transform a PostScript function), the graphics states (``/gRLs0`` …: one
ExtGState a page for each overprint or mode set, :class:`GraphicsStates`), the images and
forms drawn. :meth:`Canvas.show_page` ends the page: its :class:`PageObject` registered in
the document with its content stream (deflated when written).

An image is named by a digest of its file's name (``ImageFile`` of ``layout.render.pdf``
gives a digest of the bytes as that name) and written once a document: a JPEG as it is (its
DCT data passed through, CMYK with ``/Decode [1 0 1 0 …]`` as Adobe's inverted CMYK JPEGs
want), any other picture as its pixels deflated (RGB, grey or CMYK), its transparency
flattened on white paper. A picture is a :class:`PictureFile`: a file, or the bytes a photo
was converted to when the cache could not keep them (``layout.render.images``).
"""

from __future__ import annotations

import hashlib
import io
import pathlib
import struct
import zlib
from math import ceil, cos, pi, sin
from typing import Any

from ..imagefiles import flattened
from ..page import Color
from ..records import NamedTuple
from .document import Document
from .pdfobjects import NamedRef, Stream, fp_str, name, serialize

EVEN_ODD, NON_ZERO = 0, 1  # fill rules (PATH_OPS below)
# (stroke, fill, fill rule) → the painting operator
PATH_OPS = {
    (0, 0, EVEN_ODD): "n",
    (0, 0, NON_ZERO): "n",
    (1, 0, EVEN_ODD): "S",
    (1, 0, NON_ZERO): "S",
    (0, 1, EVEN_ODD): "f*",
    (0, 1, NON_ZERO): "f",
    (1, 1, EVEN_ODD): "B*",
    (1, 1, NON_ZERO): "B",
}
PROC_SET = ("/PDF", "/Text", "/ImageB", "/ImageC", "/ImageI")
PREAMBLE = "1 0 0 1 0 0 cm "  # every content stream's first line
FONTS_KEY = "BasicFonts"  # the document's font dictionary (object 1)


class GraphicsStates:
    """The ExtGState entries a page sets (overprint and its mode), ReportLab's bookkeeping:
    an entry is written only when the value changes (fill overprint also whenever stroke
    overprint is on), each distinct (key, value) named once a page (``gRLs0`` …). Saving the
    graphics state copies the values, not the names (:meth:`copy`)."""

    DEFAULTS: dict[str, bool | int] = {"OP": False, "op": False, "OPM": 0}

    def __init__(self, names: dict[tuple[str, Any], str] | None = None) -> None:
        self._values: dict[str, bool | int] = {}
        self._names: dict[tuple[str, Any], str] = {} if names is None else names

    def set(self, code: list[str], key: str, value: bool | int) -> None:
        """Set ``key`` to ``value``, its ``gs`` operator appended to ``code`` if needed."""
        default = self.DEFAULTS[key]
        if isinstance(default, bool):
            value = bool(value)
            token: Any = str(value).lower()
        else:
            token = value
        if value != self._values.get(key, default) or (
            key == "op" and self._values.get("OP", False) is not False
        ):
            self._values[key] = value
            entry = (key, token)
            found = self._names.get(entry)
            if found is None:
                found = self._names[entry] = f"gRLs{len(self._names)}"
            code.append(f"/{found} gs")

    def copy(self) -> GraphicsStates:
        kept = GraphicsStates(self._names)
        kept._values = dict(self._values)
        return kept

    def resources(self) -> dict[str, dict[str, Any]] | None:
        """The page's ``/ExtGState`` dictionary, or None if it set none."""
        return {found: {key: token} for (key, token), found in self._names.items()} or None


def separation(colour: Color) -> list:
    """The Separation colour space of a spot ink (§8.6.6.4), its alternate DeviceCMYK by a
    type 4 (PostScript calculator) function: tint times each component."""
    ops: list[str] = []
    for i, v in enumerate((colour.c, colour.m, colour.y, colour.k)):
        v = float(v)
        if i == 3:
            ops += ["pop", "0.0"] if v == 0.0 else [str(v), "mul"]
        else:
            ops += ["0.0"] if v == 0 else ["dup", str(v), "mul"]
            ops.append("exch")
    function = Stream(
        {"FunctionType": 4, "Domain": (0, 1), "Range": (0, 1, 0, 1, 0, 1, 0, 1)},
        ("{" + " ".join(ops) + "}").encode("ascii"),
    )
    return [name("Separation"), name(colour.spot or ""), name("DeviceCMYK"), function]


_VALID_SOF = (0xC0, 0xC1, 0xC2)  # baseline, extended sequential, progressive
_UNSUPPORTED = (0xC3, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF)
_NO_LENGTH = (0xD0, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0x01)


def _jpeg_info(data: bytes) -> tuple[int, int, int] | None:
    """(width, height, components) from a JPEG's frame header (8 bits a sample), read marker
    by marker as ReportLab's ``readJPEGInfo`` did; None if there is none it takes."""
    at = 0
    try:
        while True:
            byte = data[at]
            at += 1
            if byte != 0xFF:
                continue
            marker = data[at]
            at += 1
            if marker in _VALID_SOF:
                at += 2  # the segment's length
                if data[at] != 8:
                    return None
                height, width, components = struct.unpack(">HHB", data[at + 1 : at + 6])
                return width, height, components
            if marker in _UNSUPPORTED:
                return None
            if marker not in _NO_LENGTH:
                at += struct.unpack(">H", data[at : at + 2])[0]
    except (IndexError, struct.error):
        return None


_DEVICE = {1: "/DeviceGray", 3: "/DeviceRGB"}
_MODE_SPACE = {"RGB": "/DeviceRGB", "L": "/DeviceGray", "CMYK": "/DeviceCMYK"}


class PictureFile(NamedTuple):
    """A picture to put in a PDF: the file at ``path``, or ``made``, the bytes a photo was
    converted to (or cut out as) when the cache could not keep them — ``path`` then the cache
    entry not written, its suffix the bytes' format. The same bytes, the same PDF: a build
    with a cache it cannot write goes on as one with a cache."""

    path: pathlib.Path
    made: bytes | None = None

    def read(self) -> bytes:
        return self.made if self.made is not None else self.path.read_bytes()


def image_xobject(picture: PictureFile, data: bytes) -> Stream:
    """The image XObject of ``picture``, whose bytes are ``data`` (see the module)."""
    path = picture.path
    info = _jpeg_info(data) if path.suffix.lower() in (".jpg", ".jpeg") else None
    if info is None and data[:3] == b"\xff\xd8\xff":
        info = _jpeg_info(data)
    entries: dict[str, Any] = {"Type": "/XObject", "Subtype": "/Image", "BitsPerComponent": 8}
    if info is not None:
        width, height, components = info
        entries["ColorSpace"] = _DEVICE.get(components, "/DeviceCMYK")
        if components not in _DEVICE:
            entries["Decode"] = (1, 0, 1, 0, 1, 0, 1, 0)
        entries["Filter"] = ("/DCTDecode",)
        content = data
    else:
        from PIL import Image  # here: only a picture that is not a JPEG is decoded

        with Image.open(io.BytesIO(data)) as source:
            # On white paper, as the press PDF prints it (layout.imagefiles.flattened).
            im = flattened(source)
            if im.mode not in ("L", "RGB", "CMYK"):
                im = im.convert("RGB")
            width, height = im.size
            entries["ColorSpace"] = _MODE_SPACE[im.mode]
            content = zlib.compress(im.tobytes())
        entries["Filter"] = ("/FlateDecode",)
    entries["Width"], entries["Height"] = width, height
    return Stream(entries, content)


def _bezier_circle(x1: float, y1: float, x2: float, y2: float) -> list[tuple[float, ...]]:
    """Four Bézier quarters of the ellipse in the box (ReportLab's ``bezierArc`` of 360°,
    its arithmetic kept: the same points to the last bit)."""
    x1, y1, x2, y2 = min(x1, x2), max(y1, y2), max(x1, x2), min(y1, y2)
    frags = int(ceil(360 / 90.0))
    frag = 360.0 / frags
    xc, yc = (x1 + x2) / 2.0, (y1 + y2) / 2.0
    rx, ry = (x2 - x1) / 2.0, (y2 - y1) / 2.0
    half = frag * pi / 360.0
    kappa = abs(4.0 / 3.0 * (1.0 - cos(half)) / sin(half))
    points = []
    for i in range(frags):
        t0 = (0 + i * frag) * pi / 180.0
        t1 = (0 + (i + 1) * frag) * pi / 180.0
        points.append(
            (
                xc + rx * cos(t0),
                yc - ry * sin(t0),
                xc + rx * (cos(t0) - kappa * sin(t0)),
                yc - ry * (sin(t0) + kappa * cos(t0)),
                xc + rx * (cos(t1) + kappa * sin(t1)),
                yc - ry * (sin(t1) - kappa * cos(t1)),
                xc + rx * cos(t1),
                yc - ry * sin(t1),
            )
        )
    return points


class Path:
    """A path's construction operators (``m``, ``l``, ``c``, ``h``, ``re``), ``n`` first."""

    def __init__(self) -> None:
        self.code: list[str] = []

    def _add(self, op: str) -> None:
        if not self.code:
            self.code.append("n")
        self.code.append(op)

    def move_to(self, x: float, y: float) -> None:
        self._add(f"{fp_str(x, y)} m")

    def line_to(self, x: float, y: float) -> None:
        self._add(f"{fp_str(x, y)} l")

    def curve_to(self, *xy: float) -> None:
        self._add(f"{fp_str(*xy)} c")

    def rect(self, x: float, y: float, width: float, height: float) -> None:
        self._add(f"{fp_str(x, y, width, height)} re")

    def close(self) -> None:
        self._add("h")

    def __str__(self) -> str:
        return " ".join(self.code)


class PageObject:
    """A page dictionary (§7.7.3.3): its boxes, resources and content stream; the page tree
    and the content stream are numbered when it is written (as ReportLab numbered them)."""

    def __init__(
        self,
        pages: PageTree,
        boxes: tuple[tuple, tuple, tuple],
        resources: dict[str, Any],
        contents: Stream,
    ) -> None:
        self.pages = pages
        self.media, self.trim, self.bleed = boxes  # MediaBox, TrimBox, BleedBox
        self.resources = resources
        self.contents = contents

    def pdf_bytes(self, doc: Document) -> bytes:
        parent = doc.ref(self.pages)
        entries = {
            "Type": "/Page",
            "Parent": parent,
            "MediaBox": self.media,
            "Resources": self.resources,
            "Contents": doc.ref(self.contents),
            "Rotate": 0,
            "Trans": {},
            "TrimBox": self.trim,
            "BleedBox": self.bleed,
        }
        return serialize(entries, doc)


class PageTree:
    """The page tree's one node (§7.7.3.2)."""

    def __init__(self) -> None:
        self.kids: list[PageObject] = []

    def pdf_bytes(self, doc: Document) -> bytes:
        kids = [doc.ref(page) for page in self.kids]
        return serialize({"Type": "/Pages", "Kids": kids, "Count": len(kids)}, doc)


class Catalog:
    """The document catalog (§7.7.2); ``extra`` entries beside (the PDF/X output intents)."""

    def __init__(self, pages: PageTree) -> None:
        self.pages = pages
        self.extra: dict[str, Any] = {}

    def pdf_bytes(self, doc: Document) -> bytes:
        entries = {"Type": "/Catalog", "PageMode": "/UseNone", **self.extra}
        entries["Pages"] = doc.ref(self.pages)
        return serialize(entries, doc)


class Canvas:
    """The page being drawn into a document (see the module). ``code`` is the page's content
    so far, one entry a line; ``forms`` the XObjects drawn, ``colours`` the spot inks used
    (resource name → ink name)."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.fonts: dict[str, Any] = {}  # the document's font dictionary: /F1 … → Type0
        doc.register(FONTS_KEY, self.fonts)
        self.pages = PageTree()
        doc.root = Catalog(self.pages)
        self._start_page()
        self.size = (0.0, 0.0)
        self.trim: tuple = ()
        self.bleed: tuple = ()

    def _start_page(self) -> None:
        self.code: list[str] = []
        self.forms: list[str] = []
        self.colours: dict[str, str] = {}
        self.gstate = GraphicsStates()
        self._saved: list[GraphicsStates] = []

    # -- the page
    def show_page(self, contents: Stream | None = None) -> PageObject:
        """End the page: its object registered with its content and resources. ``contents``:
        the content stream another document made of the same ``code`` (shared, not made
        again: the same bytes; a stream is not changed by being written)."""
        w, h = self.size
        if contents is None:
            text = "\n".join([PREAMBLE, *self.code, " "]) + "\n"
            contents = Stream({}, text.encode("utf-8"), compress=True)
        page = PageObject(
            self.pages,
            ((0, 0, w, h), self.trim, self.bleed),
            self.resources(self.gstate.resources()),
            contents,
        )
        self.doc.ref(page)
        self.pages.kids.append(page)
        self._start_page()
        return page

    def resources(self, states: dict | None) -> dict[str, Any]:
        """The page's resource dictionary."""
        res: dict[str, Any] = {}
        if self.colours:
            res["ColorSpace"] = {ink: NamedRef(key) for key, ink in self.colours.items()}
        if self.forms:
            res["XObject"] = {f"FormXob.{n}": NamedRef(f"FormXob.{n}") for n in self.forms}
        if states:
            res["ExtGState"] = states
        res["Font"] = NamedRef(FONTS_KEY)
        res["ProcSet"] = PROC_SET
        return res

    # -- the graphics state
    def save(self) -> None:
        self._saved.append(self.gstate)
        self.gstate = self.gstate.copy()
        self.code.append("q")

    def restore(self) -> None:
        self.code.append("Q")
        self.gstate = self._saved.pop()

    def transform(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        """Concatenate a matrix; into the ``cm`` just before, as ReportLab did (its numbers
        read back from that ``cm``'s text)."""
        code = self.code
        if code and code[-1].endswith(" cm"):
            a0, b0, c0, d0, e0, f0 = map(float, code[-1].split()[-7:-1])
            code[-1] = (
                fp_str(
                    a0 * a + c0 * b,
                    b0 * a + d0 * b,
                    a0 * c + c0 * d,
                    b0 * c + d0 * d,
                    a0 * e + c0 * f + e0,
                    b0 * e + d0 * f + f0,
                )
                + " cm"
            )
        else:
            code.append(fp_str(a, b, c, d, e, f) + " cm")

    def line_width(self, width: float) -> None:
        self.code.append(f"{fp_str(width)} w")

    def overprint(self, value: bool, stroke: bool = False) -> None:
        self.gstate.set(self.code, "OP" if stroke else "op", value)

    def overprint_mode(self, mode: int) -> None:
        self.gstate.set(self.code, "OPM", 1 if mode else 0)

    def initial_state(self) -> None:
        """Black fill and stroke, line width 1, butt caps, mitre joins, limit 10, no dash."""
        self.code += ["0 0 0 1 k", "0 0 0 1 K", "1 w", "0 J", "0 j", "10 M", "[] 0 d"]

    # -- colours
    def spot(self, colour: Color) -> str:
        """The resource name of a spot ink's colour space, registered in the document (its
        first definition there wins) and in the page's resources."""
        spot = colour.spot or ""
        key = name(spot)[1:]
        if not self.doc.has(key):
            self.doc.register(key, separation(colour))
        self.colours.setdefault(key, spot)
        return key

    def colour(self, colour: Color, stroke: bool = False) -> None:
        if colour.spot is not None:
            op = "/%s CS 1 SCN" if stroke else "/%s cs 1 scn"
            self.code.append(op % self.spot(colour))
        else:
            numbers = fp_str(colour.c, colour.m, colour.y, colour.k)
            self.code.append(f"{numbers} {'K' if stroke else 'k'}")

    # -- painting
    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self.code.append(f"n {fp_str(x1, y1)} m {fp_str(x2, y2)} l S")

    def rect(self, x: float, y: float, w: float, h: float, stroke: bool, fill: bool) -> None:
        self.code.append(f"n {fp_str(x, y, w, h)} re " + PATH_OPS[stroke, fill, EVEN_ODD])

    def circle(self, x: float, y: float, r: float) -> None:
        """A stroked circle."""
        x1, x2, y1, y2 = x - r, x + r, y - r, y + r
        curves = _bezier_circle(x1, y1, x1 + (x2 - x1), y1 + (y2 - y1))
        self.code += ["n", f"{fp_str(*curves[0][:2])} m"]
        self.code += [f"{fp_str(*curve[2:])} c" for curve in curves]
        self.code.append("S")

    def draw_path(self, path: Path, stroke: bool, fill: bool, rule: int) -> None:
        self.code += [str(path), PATH_OPS[stroke, fill, rule]]

    def clip_rect(self, x: float, y: float, w: float, h: float) -> None:
        """Clip to a rectangle (even-odd, nothing painted)."""
        self.code.append(f"n {fp_str(x, y, w, h)} re W* n")

    def image(
        self, key: str, picture: PictureFile, data: bytes, x: float, y: float, w: float, h: float
    ) -> None:
        """``picture`` (its bytes ``data``) in the box, named by ``key`` (the digest of its
        name)."""
        xobject = "FormXob." + hashlib.md5(f"{key}None".encode()).hexdigest()
        if not self.doc.has(xobject):
            self.doc.register(xobject, image_xobject(picture, data))
        self.save()
        self.transform(1, 0, 0, 1, x, y)
        self.transform(w, 0, 0, h, 0, 0)
        self.code.append(f"/{xobject} Do")
        self.restore()
        self.forms.append(xobject[len("FormXob.") :])

    def form(self, form: str) -> None:
        """Draw the form XObject ``form`` (registered in the document under ``FormXob.<form>``,
        before or after)."""
        self.code.append(f"/FormXob.{form} Do")
        self.forms.append(form)
