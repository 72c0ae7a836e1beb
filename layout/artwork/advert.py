"""Advertisement files (广告): a supplied PDF page or picture, opened and checked against the
press rules before it is placed as it is.

Contract: :func:`read_advert` returns an :class:`AdvertFile` or raises :class:`AdvertError`
(``reason`` is one sentence) for a missing, empty or unreadable file, a damaged or encrypted
PDF, a ``page`` the PDF does not have, a ``page`` asked of a picture, and a picture
:mod:`layout.imagefiles` refuses. A PDF is told by its first bytes, whatever its name; any other
file is read as a picture (JPEG, PNG or TIFF): decoded to its end once, as a photo is
(:func:`layout.imagefiles.verify_image`), so a cut or damaged one is refused here, in every
mode, never met first where the press PDF converts it. What is neither names what an
advertisement may be (PDF, JPEG, PNG, TIFF; an SVG is to be exported as PDF).

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

A PDF's page is read and checked once (:mod:`layout.artwork.advertpdf`, with pikepdf) and
kept in the user cache with the form XObject the PDF writer puts in
(:mod:`layout.artwork.advertcache`, :func:`advert_page`): a build that has seen the ad (the
same bytes, the same page) neither reads it with pikepdf nor imports pikepdf, and applies its
own ink limit to the inks the record keeps. A broken ad is never kept: it is read, and
refused, every time.
"""

from __future__ import annotations

import stat
from enum import Enum
from pathlib import Path
from typing import Any

from ..errors import display_path
from ..imagefiles import (
    EXCERPT,
    FORMATS,
    ImageFileError,
    ImageInfo,
    not_supported,
    signature_format,
    verify_image,
)
from ..records import NamedTuple
from .advertcache import AdvertPage, kept_page, page_key
from .files import is_pdf


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


class Finding(NamedTuple):
    rule: Rule
    message: str


# Where a finding kept in the cache names the ad's file (qpdf's words on a repaired file): the
# record is the bytes', whatever the file is called, so the name is put in when it is read.
FILE_MARK = "\x00file\x00"


class AdvertError(OSError):
    """An advertisement file banmian cannot place. ``str()`` names the file."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"advertisement file {display_path(self.path)!r}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


class AdvertFile(NamedTuple):
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
    info = _picture(path)
    return AdvertFile(path, AdvertKind.IMAGE, (float(info.size[0]), float(info.size[1])))


def form_bbox(form: Any) -> tuple[float, float, float, float]:
    """The box a page's form XObject covers in the space it is drawn in: its /BBox through
    its /Matrix (a rotated page's box turned)."""
    x0, y0, x1, y1 = (float(v) for v in form.BBox)
    a, b, c, d, e, f = (float(v) for v in form.get("/Matrix", (1, 0, 0, 1, 0, 0)))
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


def _picture(path: Path) -> ImageInfo:
    """The picture at ``path`` (not a PDF), decoded to its end as a photo is
    (:func:`layout.imagefiles.verify_image`, once per file as it is on disk): a cut or damaged
    picture is refused here, by every command, not first met where the press PDF converts it."""
    try:
        with path.open("rb") as f:
            prefix = f.read(16)
    except OSError as exc:
        raise AdvertError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if signature_format(prefix) is None:
        # What is said of a file that is no picture names the PDF an advert may be too.
        if prefix.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<"):
            raise AdvertError(
                path,
                f"SVG or other XML (it starts with {prefix[:EXCERPT]!r}) is not placed as an "
                f"advertisement, which is a PDF or an image ({', '.join(FORMATS)}): export it "
                "as PDF",
            )
        raise AdvertError(path, not_supported(path, prefix, also="PDF"))
    try:
        return verify_image(path)
    except ImageFileError as exc:
        raise AdvertError(path, exc.reason) from None


def _read_pdf(path: Path, index: int, ink_limit: float) -> AdvertFile:
    try:
        data = path.read_bytes()
    except OSError as exc:
        text = " ".join(str(exc).split())[:160]
        raise AdvertError(path, f"damaged PDF ({text})") from None
    record = advert_page(path, data, index)
    findings, max_ink = _with_limit(record, ink_limit, path.name)
    return AdvertFile(path, AdvertKind.PDF, record.size, index, record.bbox, findings, max_ink)


def advert_page(path: Path, data: bytes, index: int) -> AdvertPage:
    """Page ``index`` (0-based) of the PDF advertisement ``data`` (the bytes of the file at
    ``path``), checked, with its form XObject: kept in the user cache
    (:mod:`layout.artwork.advertcache`), read with pikepdf only when it is not kept there.
    Raises :class:`AdvertError` for a PDF that cannot be placed."""

    def read() -> AdvertPage:
        from .advertpdf import read_page  # pikepdf: only an ad not seen before needs it

        return read_page(path, data, index)

    return kept_page(page_key(data, index), read)


def _with_limit(
    record: AdvertPage, limit: float, name: str
) -> tuple[tuple[Finding, ...], float | None]:
    """The findings of a page's record (:data:`FILE_MARK` the file's ``name``) and the ink over
    ``limit`` (%), once per thing that has it, with its most, in the order the things went over
    it; and the page's most ink."""
    findings = [
        Finding(Rule(rule), message.replace(FILE_MARK, name)) for rule, message in record.findings
    ]
    over: dict[str, float] = {}
    most: float | None = None
    for what, percent in record.inks:
        most = percent if most is None else max(most, percent)
        if percent > limit + 0.5:  # 8-bit colour values round by up to half a percent
            over[what] = max(over.get(what, 0.0), percent)
    findings += [
        Finding(Rule.INK, f"{what} has {percent:.0f}% total ink (limit {limit:g}%)")
        for what, percent in over.items()
    ]
    return tuple(findings), most
