"""Advertisement files (广告): a supplied PDF page or picture, opened and checked against the
press rules before it is placed as it is.

Contract: :func:`read_advert` returns an :class:`AdvertFile` or raises :class:`AdvertError`
(``reason`` is one sentence) for a missing, empty or unreadable file, a damaged or encrypted
PDF, a ``page`` the PDF does not have, a ``page`` asked of a picture, and a picture
:mod:`layout.imagefiles` refuses. A PDF is told by its first bytes, whatever its name; any other
file is read as a picture (JPEG, PNG or TIFF).

A picture is converted for the press as photos are (``layout.render.images``), so it has no
findings here. A PDF page is placed as vector content that banmian cannot safely convert, so
what breaks the press rules of PDF/X-1a:2003 (ISO 15930-4: CMYK, grey and spot colour only, no
transparency, every font embedded, PDF 1.4) is listed as :class:`Finding` s, each once: RGB
colour (``rg``/``RG``, an RGB or Lab colour space, an RGB image), ICC-based colour,
transparency (soft masks, constant alpha below 1, blend modes, transparency groups), fonts
not embedded, JPEG 2000 images (a PDF 1.5 filter), a damaged file read only by repairing
it, and total ink over the limit, once per
thing with its most, in the colours the page sets: ``k``, ``g``, ``sc`` in CMYK or grey,
Separation and DeviceN colours through their tint transforms, the colours of shadings
sampled from their functions (:mod:`layout.artwork.pdffunction` evaluates them), the pixels
of CMYK images. A colour whose ink cannot be worked out this way is a warning
(:attr:`Rule.UNMEASURED`), never ignored.
"""

from __future__ import annotations

import io
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, Stream

from ..errors import display_path
from ..imagefiles import ImageFileError, read_header
from .files import is_pdf
from .pdffunction import domain, evaluate

# Colour spaces PDF/X-1a does not take: RGB and device-independent ones.
_RGB_SPACES = frozenset({"/DeviceRGB", "/CalRGB", "/Lab"})
_CMYK_SPACES = frozenset({"/DeviceCMYK"})
_GREY_SPACES = frozenset({"/DeviceGray", "/CalGray"})


class AdvertKind(Enum):
    PDF = "pdf"
    IMAGE = "image"


class Rule(Enum):
    """A press rule a PDF advertisement's content breaks."""

    RGB = "rgb"
    ICC = "icc"
    TRANSPARENCY = "transparency"
    FONT = "font"
    INK = "ink"
    FORMAT = "format"  # a feature PDF/X-1a:2003's PDF 1.4 does not have (JPEG 2000)
    REPAIRED = "repaired"  # a damaged file qpdf could read only by repairing it
    UNMEASURED = "unmeasured"  # a colour whose ink could not be worked out (a warning)


@dataclass(frozen=True)
class Finding:
    rule: Rule
    message: str


class AdvertError(OSError):
    """An advertisement file banmian cannot place. ``str()`` names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"advertisement file {display_path(self.path)!r}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class AdvertFile:
    """A verified advertisement. For a PDF, ``size`` is the page's trim box as it is drawn
    (its /Rotate and /UserUnit applied) in points, and ``bbox`` that box in the coordinates
    of the page's form XObject (``pikepdf.Page.as_form_xobject``: BBox through Matrix);
    for a picture ``size`` is its pixels."""

    path: Path
    kind: AdvertKind
    size: tuple[float, float]
    page: int = 0  # 0-based page of a PDF
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    findings: tuple[Finding, ...] = ()
    max_ink: float | None = None  # % of the colours measured (a PDF)


def read_advert(path: Path, page: int | None, ink_limit: float) -> AdvertFile:
    """The advertisement at ``path``: page ``page`` (1-based; None: the first) of a PDF, or
    a picture; a PDF's content checked against the press rules with ``ink_limit`` (%)."""
    _check_file(path)
    if is_pdf(path):
        return _read_pdf(path, (page or 1) - 1, ink_limit)
    if page is not None:
        raise AdvertError(path, f"'page: {page}' is for a PDF, and this file is not one")
    try:
        info = read_header(path)
    except ImageFileError as exc:
        raise AdvertError(path, exc.reason) from None
    return AdvertFile(path, AdvertKind.IMAGE, (float(info.size[0]), float(info.size[1])))


def form_findings(form: Stream) -> list[Finding]:
    """What the content of a form XObject (and everything it draws) breaks of the press rules
    but ink (no limit is applied): for a preflight of a whole PDF (``layout.render.pdfx``)."""
    check = _Checker(ink_limit=float("inf"))
    check.xobject(Name("/Form"), form)
    return [f for f in check.result() if f.rule not in (Rule.INK, Rule.UNMEASURED)]


def form_bbox(form: Stream) -> tuple[float, float, float, float]:
    """The box a page's form XObject covers in the space it is drawn in: its /BBox through
    its /Matrix (a rotated page's box turned)."""
    x0, y0, x1, y1 = (float(v) for v in form.BBox)
    a, b, c, d, e, f = (float(v) for v in form.get("/Matrix", Array([1, 0, 0, 1, 0, 0])))
    xs, ys = [], []
    for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1)):
        xs.append(a * x + c * y + e)
        ys.append(b * x + d * y + f)
    return min(xs), min(ys), max(xs), max(ys)


def _check_file(path: Path) -> None:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise AdvertError(path, "the file does not exist") from None
    except OSError as exc:
        raise AdvertError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        raise AdvertError(path, "it is not a regular file")
    if info.st_size == 0:
        raise AdvertError(path, "the file is empty")


def _read_pdf(path: Path, index: int, ink_limit: float) -> AdvertFile:
    try:
        pdf = pikepdf.open(io.BytesIO(path.read_bytes()))
    except pikepdf.PasswordError:
        raise AdvertError(path, "the PDF is encrypted") from None
    except (pikepdf.PdfError, OSError) as exc:
        text = " ".join(str(exc).split())[:160]
        raise AdvertError(path, f"damaged PDF ({text})") from None
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
            check = _Checker(ink_limit)
            check.page(page)
        except (pikepdf.PdfError, ValueError, TypeError, KeyError, AttributeError) as exc:
            text = " ".join(str(exc).split())[:160] or type(exc).__name__
            raise AdvertError(path, f"damaged PDF page {index + 1} ({text})") from None
        repaired = pdf.get_warnings()
        if repaired:
            # qpdf reads a damaged file by repairing it (a broken xref table, a bad stream
            # length): what prints may not be what the advertiser sent.
            first = " ".join(str(repaired[0]).split())[:160]
            check.find(
                Rule.REPAIRED,
                f"the PDF is damaged and could be read only by repairing it ({first}; "
                f"{len(repaired)} warning{'s' if len(repaired) != 1 else ''}): ask for a "
                "new file",
            )
    size = (bbox[2] - bbox[0], bbox[3] - bbox[1])
    if size[0] <= 0 or size[1] <= 0:
        raise AdvertError(path, f"page {index + 1} has an empty trim box")
    return AdvertFile(path, AdvertKind.PDF, size, index, bbox, tuple(check.result()), check.max_ink)


@dataclass
class _Colour:
    """The current fill or stroke colour space while a content stream is read."""

    space: Any = field(default_factory=lambda: Name.DeviceGray)


class _Checker:
    """Walks a page's content and resources once, collecting findings (each once)."""

    def __init__(self, ink_limit: float) -> None:
        self.limit = ink_limit
        self.findings: list[Finding] = []
        self.max_ink: float | None = None
        self._seen: set[tuple[int, int]] = set()
        self._over: dict[str, float] = {}  # what has ink over the limit: its most

    # -- findings
    def find(self, rule: Rule, message: str) -> None:
        finding = Finding(rule, message)
        if finding not in self.findings:
            self.findings.append(finding)

    def ink(self, percent: float, what: str) -> None:
        self.max_ink = percent if self.max_ink is None else max(self.max_ink, percent)
        if percent > self.limit + 0.5:  # 8-bit colour values round by up to half a percent
            self._over[what] = max(self._over.get(what, 0.0), percent)

    def result(self) -> list[Finding]:
        """Every finding, the ink over the limit once per thing that has it (its most)."""
        over = [
            Finding(Rule.INK, f"{what} has {percent:.0f}% total ink (limit {self.limit:g}%)")
            for what, percent in self._over.items()
        ]
        return self.findings + over

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
