"""A new PDF advertisement read with pikepdf: its page checked against the press rules and
turned into the record :mod:`layout.artwork.advertcache` keeps (a build that has seen the ad
reads that record and never imports pikepdf, ≈ 170 M instructions).

Contract: :func:`read_page` returns the :class:`~layout.artwork.advertcache.AdvertPage` of
page ``index`` (0-based) of the PDF ``data`` (the bytes of the file at ``path``), or raises
:class:`~layout.artwork.advert.AdvertError` for a damaged or encrypted PDF, a page it does
not have, a page that cannot be read whole, and an empty trim box. A damaged file that qpdf
reads by repairing it is a finding (:attr:`Rule.REPAIRED`), not an error.

The check (:class:`_Checker`, what :mod:`layout.artwork.advert` lists) walks the page's
content and resources once. The page becomes the form XObject that
``pikepdf.Page.as_form_xobject`` makes of it (PDF 1.7 §8.10: its BBox the trim box, so bleed
and slug are clipped; /Rotate and /UserUnit in its /Matrix; the page's /Resources and /Group
copied whole), and every object that form reaches is written out as
``pikepdf.Pdf.copy_foreign`` would copy it: each once, cycles kept, a page or page tree it
reaches a null (qpdf does not cross page boundaries); streams keep their data as they are
encoded, with their filters. The form's content is the page's content stream as it is
encoded, or the page's streams joined (decoded, as qpdf joins them) and deflated when the
page has several.
"""

from __future__ import annotations

import io
import zlib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from .advert import FILE_MARK, AdvertError, Finding, Rule, form_bbox
from .advertcache import AdvertPage, ForeignObject
from .pdffunction import domain, evaluate

# Colour spaces PDF/X-1a does not take: RGB and device-independent ones.
_RGB_SPACES = frozenset({"/DeviceRGB", "/CalRGB", "/Lab"})
_CMYK_SPACES = frozenset({"/DeviceCMYK"})
_GREY_SPACES = frozenset({"/DeviceGray", "/CalGray"})
# What pikepdf's errors on a page read whole may be (a broken object, a missing key …).
_PAGE_ERRORS = (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError)


def read_page(path: Path, data: bytes, index: int) -> AdvertPage:
    """The record of page ``index`` of the PDF ``data`` read from ``path`` (see the module)."""
    stream = io.BytesIO(data)
    try:
        pdf = pikepdf.open(stream)
    except pikepdf.PasswordError:
        raise AdvertError(path, "the PDF is encrypted") from None
    except (pikepdf.PdfError, OSError) as exc:
        raise AdvertError(path, f"damaged PDF ({_qpdf_text(exc, stream, path.name)})") from None
    with pdf:
        if pdf.is_encrypted:
            raise AdvertError(path, "the PDF is encrypted")
        count = len(pdf.pages)
        if index >= count:
            raise AdvertError(
                path, f"has {count} page{'s' if count != 1 else ''} (page {index + 1} asked)"
            )
        page = pdf.pages[index]
        try:
            form = page.as_form_xobject()
            bbox = form_bbox(form)
            check = _Checker()
            check.page(page)
        except _PAGE_ERRORS as exc:
            raise _damaged(path, index, exc, stream) from None
        repaired = pdf.get_warnings()
        if repaired:
            # qpdf reads a damaged file by repairing it (a broken xref table, a bad stream
            # length): what prints may not be what the advertiser sent. The record is kept by
            # the bytes, so the file's name is a mark read_advert fills in.
            first = _qpdf_text(repaired[0], stream, FILE_MARK)
            check.find(
                Rule.REPAIRED,
                f"the PDF is damaged and could be read only by repairing it ({first}; "
                f"{len(repaired)} warning{'s' if len(repaired) != 1 else ''}): ask for a "
                "new file",
            )
        size = (bbox[2] - bbox[0], bbox[3] - bbox[1])
        if size[0] <= 0 or size[1] <= 0:
            raise AdvertError(path, f"page {index + 1} has an empty trim box")
        try:
            objects = _form_objects(page, form)
        except _PAGE_ERRORS as exc:
            raise _damaged(path, index, exc, stream) from None
    return AdvertPage(
        page=index,
        size=size,
        bbox=bbox,
        findings=tuple((f.rule.value, f.message) for f in check.findings),
        inks=tuple(check.inks),
        objects=objects,
    )


def form_findings(form: Stream) -> list[Finding]:
    """What the content of a form XObject (and everything it draws) breaks of the press rules
    but ink: for a preflight of a whole PDF (``layout.render.pdfxcheck``)."""
    check = _Checker()
    check.xobject(Name("/Form"), form)
    return [f for f in check.findings if f.rule is not Rule.UNMEASURED]


def _damaged(path: Path, index: int, exc: Exception, stream: io.BytesIO) -> AdvertError:
    text = _qpdf_text(exc, stream, path.name) or type(exc).__name__
    return AdvertError(path, f"damaged PDF page {index + 1} ({text})")


def _qpdf_text(said: object, stream: io.BytesIO, name: str) -> str:
    """What qpdf ``said`` (an error or a warning) on one line of at most 160 characters, the
    input it names by the stream's repr (``stream <_io.BytesIO object at 0x…>``, an address
    that differs every run) named ``name`` instead."""
    text = str(said).replace(f"stream {stream!r}", name).replace(repr(stream), name)
    return " ".join(text.split())[:160]


# --------------------------------------------------------------------------- the form's objects

# Keys of the form's dictionary written from its content stream, not from as_form_xobject's.
_STREAM_KEYS = frozenset({"/Length", "/Filter", "/DecodeParms", "/DL"})


def _form_objects(page: pikepdf.Page, form: Stream) -> tuple[ForeignObject, ...]:
    """The form XObject of ``page`` (``form``, as_form_xobject's) and every object it reaches,
    the form first (see the module)."""
    contents = page.obj.get("/Contents")
    out = _Objects()
    body = _Body(out)
    body.add(b"<<")
    for key, value in form.stream_dict.items():
        if key not in _STREAM_KEYS:
            body.entry(key, value)
    if isinstance(contents, Stream):
        data = contents.read_raw_bytes()  # as it is encoded
        for key in ("/Filter", "/DecodeParms"):
            if key in contents.stream_dict:
                body.entry(key, contents.stream_dict[key])
    else:  # several streams (or none): joined and decoded by qpdf, deflated here
        data = zlib.compress(form.read_bytes())
        body.add(b" /Filter /FlateDecode")
    out.done[0] = body.stream(data)
    out.finish()
    objects = tuple(obj for obj in out.done if obj is not None)
    assert len(objects) == len(out.done)  # every object reached is written (indices hold)
    return objects


class _Objects:
    """The objects of the form being written, by index (0: the form); each indirect object
    of the ad given the next index on first sight and written when its turn comes."""

    def __init__(self) -> None:
        self.done: list[ForeignObject | None] = [None]
        self._index: dict[tuple[int, int], int] = {}
        self._pending: deque[tuple[int, Any]] = deque()

    def index(self, obj: Any) -> int:
        key = obj.objgen
        found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.done)
            self.done.append(None)
            self._pending.append((found, obj))
        return found

    def finish(self) -> None:
        """Write every object reached (writing one may reach more)."""
        while self._pending:
            number, obj = self._pending.popleft()
            body = _Body(self)
            if isinstance(obj, Stream):
                body.add(b"<<")
                for key, value in obj.stream_dict.items():
                    if key != "/Length":
                        body.entry(key, value)
                self.done[number] = body.stream(obj.read_raw_bytes())
            else:
                body.value(obj, top=True)
                self.done[number] = ForeignObject(body.data(), tuple(body.refs))


class _Body:
    """The bytes of one object, its references left out and listed (``ForeignObject``)."""

    def __init__(self, objects: _Objects) -> None:
        self._objects = objects
        self._parts: list[bytes] = []
        self._size = 0
        self.refs: list[tuple[int, int]] = []

    def add(self, data: bytes) -> None:
        self._parts.append(data)
        self._size += len(data)

    def data(self) -> bytes:
        return b"".join(self._parts)

    def entry(self, key: str, value: Any) -> None:
        self.add(b" " + Name(key).unparse() + b" ")
        self.value(value)

    def stream(self, data: bytes) -> ForeignObject:
        """The stream whose dictionary's entries were added: its length, then its data."""
        self.add(b" /Length %d >>\nstream\n" % len(data))
        self.add(data)
        self.add(b"\nendstream\n")
        return ForeignObject(self.data(), tuple(self.refs))

    def value(self, value: Any, top: bool = False) -> None:
        """A value of the ad's: a reference to an indirect object (but at the ``top`` of the
        one written), a container written out, a scalar as PDF syntax."""
        if not top and isinstance(value, pikepdf.Object) and value.is_indirect:
            if _is_page_tree(value):
                self.add(b"null")  # copy_foreign does not cross into other pages
            else:
                self.refs.append((self._size, self._objects.index(value)))
            return
        if isinstance(value, Dictionary):
            self.add(b"<<")
            for key, item in value.items():
                self.entry(key, item)
            self.add(b" >>")
        elif isinstance(value, Array):
            self.add(b"[")
            for item in value:
                self.add(b" ")
                self.value(item)
            self.add(b" ]")
        elif value is None:
            self.add(b"null")
        elif isinstance(value, bool):  # before int: a bool is one
            self.add(b"true" if value else b"false")
        elif isinstance(value, int):
            self.add(b"%d" % value)
        elif isinstance(value, Decimal):  # a real stays one: with its point (§7.3.3)
            text = format(value, "f")
            self.add((text if "." in text else text + ".0").encode("ascii"))
        else:  # a name, a string
            self.add(value.unparse())


def _is_page_tree(obj: Any) -> bool:
    """Whether ``obj`` is a page or a node of the page tree (never copied with a form)."""
    return isinstance(obj, Dictionary) and str(obj.get("/Type")) in ("/Page", "/Pages")


# --------------------------------------------------------------------------- the check


@dataclass
class _Colour:
    """The current fill or stroke colour space while a content stream is read."""

    space: Any = field(default_factory=lambda: Name.DeviceGray)


class _Checker:
    """Walks a page's content and resources once, collecting findings (each once) and the
    inks measured (``AdvertPage.inks``: no limit applied here)."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.inks: list[tuple[str, float]] = []
        self._most: dict[str, float] = {}  # each thing's most ink so far
        self._seen: set[tuple[int, int]] = set()

    # -- findings
    def find(self, rule: Rule, message: str) -> None:
        finding = Finding(rule, message)
        if finding not in self.findings:
            self.findings.append(finding)

    def ink(self, percent: float, what: str) -> None:
        """An ink measured: listed when it is ``what``'s most so far (all a limit needs)."""
        most = self._most.get(what)
        if most is None or percent > most:
            self._most[what] = percent
            self.inks.append((what, percent))

    # -- walking
    def page(self, page: pikepdf.Page) -> None:
        group = page.obj.get("/Group")
        if group is not None and str(group.get("/S")) == "/Transparency":
            self.find(Rule.TRANSPARENCY, "the page is a transparency group")
        resources = page.obj.get("/Resources") or Dictionary()
        self.resources(resources)
        self.content(pikepdf.parse_content_stream(page), resources)

    def _once(self, obj: Any) -> bool:
        """Whether ``obj`` (an indirect object) is seen for the first time."""
        if not getattr(obj, "is_indirect", False):
            return True
        key = obj.objgen
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def resources(self, resources: Any) -> None:
        for name, space in _items(resources.get("/ColorSpace")):
            self.space(space, f"colour space {name}")
        for name, gs in _items(resources.get("/ExtGState")):
            self.graphics_state(name, gs)
        for _, font in _items(resources.get("/Font")):
            if self._once(font):
                self.font(font)
        for name, xobject in _items(resources.get("/XObject")):
            if self._once(xobject):
                self.xobject(name, xobject)
        for name, pattern in _items(resources.get("/Pattern")):
            if self._once(pattern):
                self.pattern(name, pattern)
        for name, shading in _items(resources.get("/Shading")):
            if self._once(shading):
                self.shading(name, shading)

    def space(self, space: Any, what: str) -> None:
        """An RGB or ICC-based colour space (or one built on one) is a finding."""
        family = _family(space)
        if family in _RGB_SPACES:
            self.find(Rule.RGB, f"{what} is RGB ({family[1:]}): supply the advertisement in CMYK")
        elif family == "/ICCBased":
            n = int(space[1].get("/N", 0))
            if n == 3:
                self.find(Rule.RGB, f"{what} is RGB (ICC-based): supply it in CMYK")
            else:
                self.find(
                    Rule.ICC,
                    f"{what} is ICC-based: PDF/X-1a takes device CMYK, grey and spot colours only",
                )
        elif family in ("/Separation", "/DeviceN") and len(space) > 2:
            self.space(space[2], what)
        elif family == "/Indexed" and len(space) > 1:
            self.space(space[1], what)

    def graphics_state(self, name: Any, gs: Any) -> None:
        if "/SMask" in gs and str(gs.SMask) != "/None":
            self.find(Rule.TRANSPARENCY, f"graphics state {name} has a soft mask")
        for key in ("/CA", "/ca"):
            if key in gs and float(gs[key]) < 1:
                self.find(Rule.TRANSPARENCY, f"graphics state {name} sets {key[1:]} below 1")
        if "/BM" in gs and str(gs.BM) not in ("/Normal", "/Compatible"):
            self.find(Rule.TRANSPARENCY, f"graphics state {name} has blend mode {gs.BM}")

    def font(self, font: Any) -> None:
        subtype = str(font.get("/Subtype"))
        if subtype == "/Type3":
            self.resources(font.get("/Resources") or Dictionary())
            return
        descendants = font.get("/DescendantFonts")
        for f in list(descendants) if descendants is not None else [font]:
            d = f.get("/FontDescriptor")
            if d is None or not any(k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                base = str(f.get("/BaseFont", "?"))[1:]
                self.find(Rule.FONT, f"font {base} is not embedded")

    def xobject(self, name: Any, xobject: Any) -> None:
        subtype = str(xobject.get("/Subtype"))
        if subtype == "/Image":
            self.image(name, xobject)
        elif subtype == "/Form":
            group = xobject.get("/Group")
            if group is not None and str(group.get("/S")) == "/Transparency":
                self.find(Rule.TRANSPARENCY, f"form {name} is a transparency group")
            resources = xobject.get("/Resources") or Dictionary()
            self.resources(resources)
            self.content(pikepdf.parse_content_stream(xobject), resources)

    def image(self, name: Any, image: Any) -> None:
        filters = image.get("/Filter")
        names = [str(f) for f in filters] if isinstance(filters, Array) else [str(filters)]
        if "/JPXDecode" in names:  # a PDF 1.5 filter; PDF/X-1a:2003 is PDF 1.4
            self.find(Rule.FORMAT, f"image {name} is JPEG 2000, which PDF/X-1a does not take")
        if "/SMask" in image:
            self.find(Rule.TRANSPARENCY, f"image {name} has a soft mask")
        if image.get("/ImageMask", False):
            return  # a stencil: painted in the current fill colour
        space = image.get("/ColorSpace")
        self.space(space, f"image {name}")
        if _family(space) in _CMYK_SPACES:
            ink = _image_ink(image)
            if ink is None:
                self.find(Rule.UNMEASURED, f"the ink of image {name} is not measured")
            else:
                self.ink(ink, f"image {name}")

    def pattern(self, name: Any, pattern: Any) -> None:
        if int(pattern.get("/PatternType", 0)) == 1:  # tiling: content of its own
            resources = pattern.get("/Resources") or Dictionary()
            self.resources(resources)
            self.content(pikepdf.parse_content_stream(pattern), resources)
        elif "/Shading" in pattern:
            self.shading(name, pattern.Shading)

    def shading(self, name: Any, shading: Any) -> None:
        space = shading.get("/ColorSpace")
        self.space(space, f"shading {name}")
        samples = _shading_samples(shading)
        if samples is None:
            self.find(Rule.UNMEASURED, f"the ink of shading {name} is not measured")
            return
        for values in samples:
            self._colour_ink(space, values, f"shading {name}")

    def content(self, instructions: Iterator[Any], resources: Any) -> None:
        fill, stroke = _Colour(), _Colour()
        spaces = resources.get("/ColorSpace") or Dictionary()
        for operands, operator in instructions:
            op = str(operator)
            if op in ("rg", "RG"):
                self.find(Rule.RGB, f"RGB colour ({op} operator): supply the advertisement in CMYK")
            elif op in ("k", "K"):
                self.ink(100 * sum(float(v) for v in operands), "a colour")
            elif op in ("g", "G"):
                self.ink(100 * (1 - float(operands[0])), "a grey")
            elif op in ("cs", "CS"):
                target = fill if op == "cs" else stroke
                target.space = _named_space(operands[0], spaces)
                if str(operands[0]) not in spaces:  # a named one: found with the resources
                    self.space(target.space, "a colour")
            elif op in ("sc", "scn", "SC", "SCN"):
                target = fill if op.islower() else stroke
                values = [float(v) for v in operands if not isinstance(v, Name)]
                if values and _family(target.space) != "/Pattern":
                    self._colour_ink(target.space, values, "a colour")
            elif op == "INLINE IMAGE":
                self._inline_image(operands[0], spaces)

    def _colour_ink(self, space: Any, values: list[float], what: str) -> None:
        family = _family(space)
        if family in _CMYK_SPACES or (family == "/ICCBased" and len(values) == 4):
            self.ink(100 * sum(values), what)
        elif family in _GREY_SPACES or (family == "/ICCBased" and len(values) == 1):
            self.ink(100 * (1 - values[0]), what)
        elif family in ("/Separation", "/DeviceN"):
            # The ink of a spot colour as its process equivalent: the tint transform at these
            # tints, in the alternate space (PDF 1.7 §8.6.6.4).
            alternate = space[2]
            out = evaluate(space[3], values)
            if out is None or _family(alternate) not in _CMYK_SPACES | _GREY_SPACES:
                self.find(Rule.UNMEASURED, f"the ink of {what} in {family[1:]} is not measured")
                return
            self._colour_ink(alternate, out, what)
        # RGB and Lab spaces are findings of their own (reported at cs).

    def _inline_image(self, image: Any, spaces: Any) -> None:
        space = image.obj.get("/ColorSpace", image.obj.get("/CS"))
        if isinstance(space, Name) and str(space) in spaces:
            space = spaces[str(space)]
        name = {"/RGB": Name.DeviceRGB, "/CMYK": Name.DeviceCMYK, "/G": Name.DeviceGray}
        if isinstance(space, Name) and str(space) in name:
            space = name[str(space)]
        if space is not None:
            self.space(space, "an inline image")


def _items(mapping: Any) -> list[tuple[str, Any]]:
    if mapping is None or not isinstance(mapping, Dictionary):
        return []
    return sorted(mapping.items())


def _family(space: Any) -> str:
    if isinstance(space, Name):
        return str(space)
    if isinstance(space, Array) and len(space) > 0:
        return str(space[0])
    return ""


def _named_space(name: Any, spaces: Any) -> Any:
    if str(name) in spaces:
        return spaces[str(name)]
    return name


def _shading_samples(shading: Any) -> list[list[float]] | None:
    """Colours a shading takes, from its function (PDF 1.7 §8.7.4.5): at 21 points of an
    axial or radial shading's (or a mesh's) parameter and its stitching bounds, on a 5 × 5
    grid of a function-based one. None when its colours are not given by a function (a
    mesh's own vertex colours) or the function cannot be evaluated."""
    function = shading.get("/Function")
    if function is None:
        return None
    kind = int(shading.get("/ShadingType", 0))
    if kind == 1:
        values = [float(v) for v in shading.get("/Domain", Array([0, 1, 0, 1]))]
        x0, x1, y0, y1 = values
        points = [
            [x0 + (x1 - x0) * i / 4, y0 + (y1 - y0) * j / 4] for i in range(5) for j in range(5)
        ]
    else:
        t0, t1 = domain(function)
        ts = {t0 + (t1 - t0) * i / 20 for i in range(21)}
        if not isinstance(function, Array):
            ts |= {float(b) for b in function.get("/Bounds", Array())}
        points = [[t] for t in sorted(ts)]
    samples = [evaluate(function, point) for point in points]
    if any(sample is None for sample in samples):
        return None
    return samples  # type: ignore[return-value]


def _image_ink(image: Any) -> float | None:
    """The highest total ink of any pixel of a CMYK image, in percent (None: its data could
    not be decoded)."""
    import numpy as np

    try:
        pil = pikepdf.PdfImage(image).as_pil_image()
    except Exception:  # a filter pikepdf or Pillow cannot decode (JBIG2, JPX …)
        return None
    if pil.mode != "CMYK":
        return None
    pixels = np.asarray(pil)
    return 100.0 * float(pixels.sum(axis=-1, dtype=np.uint16).max(initial=0)) / 255
