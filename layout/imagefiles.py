"""Image files: open a photo and verify it before anything is laid out or written.

The spec loader (:mod:`layout.spec`) calls :func:`verify_image` for every image a page places,
so ``banmian check`` refuses what ``build`` would, in every mode (press PDF, proof colours,
proof, watch). The photo box reads pixel sizes with :func:`read_header` (and records them
on its ``ImageOp`` for the proof).

Contract: :func:`read_header` (and :func:`image_size`) read the header only (a JPEG's by
:mod:`layout.jpeg`, without Pillow, where that reader takes it exactly as Pillow would);
:func:`verify_image` also decodes the image to its end, once per file as it is on disk: a file
that passed before and is unchanged since (a record in the user's cache,
:mod:`layout.filerecords`, folder ``images-verified``) has only its header read and checked, so
a rebuild in a new process does not decode its photos again. All raise
:class:`ImageFileError` (``reason`` is one sentence) for:

- a missing file, a folder, not a regular file, an empty file;
- not an image (``starts with b'hello wo'``: at most :data:`EXCERPT` bytes are quoted) or a
  format other than :data:`FORMATS` (what the press converter and ReportLab both embed);
- more than :data:`MAX_PIXELS` pixels (a JPEG: :data:`MAX_JPEG_PIXELS`, since it is decoded
  at the scale its print needs), refused from the header before any decoding (a
  decompression bomb: a few kilobytes of PNG can claim 20000 × 20000);
- a colour mode outside :data:`MODES` (32-bit integer and floating-point grey would be
  clipped, Lab and HSV converted as if they were RGB); 16-bit grey is taken, each level scaled
  to 8 bits where its pixels are put in a PDF (:func:`eight_bit`);
- truncated or damaged image data (JPEG is decoded at 1/8 scale, which reads every byte of
  the entropy-coded data at a fraction of the cost; Pillow's ``LOAD_TRUNCATED_IMAGES`` stays
  off, so a cut file is an error, never a grey band).

A camera stores its pixels as the sensor read them and says in the EXIF Orientation (EXIF
2.32 / TIFF 6.0 tag 0x0112) how to turn them upright: :class:`ImageInfo` reports the picture
as it is meant to be seen (its ``size`` swapped for orientations 5–8) and the ``orientation``;
every crop, fill, fit and resolution is worked out on that upright picture, and
:func:`upright` turns decoded pixels so (Pillow's ``ImageOps.exif_transpose``), wherever a
picture's pixels are put in a PDF (:mod:`layout.render.images`).

:meth:`ImageInfo.profile_problem` says whether the converter can use the photo's embedded
ICC profile (:func:`layout.iccprofile.embedded_profile_problem`).

Transparency: neither PDF banmian writes keeps it (PDF/X-1a forbids it, and the proof-colour
PDF prints what the press PDF prints), so a picture with transparency (an alpha channel, or a
PNG's transparent palette entry or colour key, ``tRNS``) is :func:`flattened` on white paper
wherever its pixels are put in a PDF. :func:`transparent_pixels` says whether some pixel is
not opaque — what is behind the photo box then does not show through, which the photo box
reports — decoded once per file as it is on disk (a record in the cache, as for
:func:`verify_image`).
"""

from __future__ import annotations

import io
import os
import stat
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import display_path
from .filerecords import file_key, record, was_recorded
from .iccprofile import embedded_profile_problem
from .records import NamedTuple

if TYPE_CHECKING:
    # Pillow is imported where a file is opened (_plugin, not_supported): a page that places
    # no image does not load it (issue 16).
    from PIL import Image

EXCERPT = 8  # bytes of a bad file quoted in an error
# Bump when verify_image checks more: records of files verified by an older check are then
# not trusted.
VERIFIER_VERSION = 1
_RECORDS = "images-verified"  # the folder of the records in the cache
# The records of :func:`transparent_pixels`: one of two names per file, by what it found.
_ALPHA_RECORDS = "images-alpha"
_ALPHA_CHECK = "image alpha 1"
# Modes whose pixels carry an alpha channel; any other mode may have a transparent colour
# (PNG tRNS: a palette entry, a grey level or an RGB colour, Pillow's ``info["transparency"]``).
_ALPHA_MODES = frozenset({"RGBA", "LA", "PA"})

# Pillow's own decompression-bomb threshold (Image.MAX_IMAGE_PIXELS, ~ 11000 × 8000), kept
# fixed here so the rule does not depend on a setting of the library. A whole 对开 broadsheet
# page with bleed (396 × 551 mm) at 450 ppi — 1.5 × the press resolution, above which photos
# are resampled anyway — is 67 megapixels: a larger PNG or TIFF only costs memory (decoded
# RGB 268 MB at the limit). Resample it before placing it.
MAX_PIXELS = 89_478_485
# A JPEG is never decoded whole past MAX_PIXELS: its DCT scaling (Pillow's draft mode)
# decodes it at 1/2, 1/4 or 1/8 of its size, the smallest still as large as its print needs
# (layout.render.images: at most 1.5 × the press resolution, so never more than four times
# the pixels of a photo printed at the limit), and its verification at 1/8. So a phone's
# 108 or 200 megapixel photo is placed as it is; the limit is that of a decode at 1/8 no
# larger than MAX_PIXELS / 4 (22 megapixels, 67 MB of RGB), 1.4 gigapixels.
MAX_JPEG_PIXELS = 16 * MAX_PIXELS


def large(pixels: tuple[int, int]) -> bool:
    """Whether a picture of ``pixels`` is over :data:`MAX_PIXELS`: a JPEG only (nothing else
    that large passes), never decoded whole, cropped or not (layout.render.images)."""
    return pixels[0] * pixels[1] > MAX_PIXELS


_HEAD = 1 << 18  # bytes read first for a JPEG's header (layout.jpeg)

FORMATS = ("JPEG", "PNG", "TIFF")
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)

# 16-bit grey (a PNG of bit depth 16, a TIFF of 16 bits per sample) as Pillow opens it: in
# the byte order of the file (B, L) or of the machine (N).
SIXTEEN_BIT_GREY = frozenset({"I;16", "I;16B", "I;16L", "I;16N"})
# PIL modes the press converter (layout.render.images) and the proof-colour writer
# (layout.render.canvas) both handle correctly: bilevel, 8-bit grey, palette, RGB, CMYK (with
# alpha), and 16-bit grey (made 8-bit first, :func:`eight_bit`).
MODES = (
    frozenset({"1", "L", "LA", "P", "PA", "RGB", "RGBA", "RGBX", "CMYK", "YCbCr"})
    | SIXTEEN_BIT_GREY
)
_MODE_NAMES = {
    "I": "32-bit integer grey",
    "F": "floating-point grey",
    "LAB": "CIE Lab",
    "HSV": "HSV",
}


class ImageFileError(OSError):
    """An image banmian will not place. ``str()`` is the whole sentence, naming the file;
    ``reason`` is what is wrong with it. An ``OSError``, like Pillow's own errors."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"image file {display_path(self.path)!r}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


# EXIF 2.32 / TIFF 6.0 tag 0x0112 Orientation: how the stored pixels turn upright, as Pillow's
# ImageOps.exif_transpose turns them (a value outside 2-8 is taken as 1, upright).
ORIENTATION_TAG = 0x0112
_TRANSPOSE = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE"}
_TRANSPOSE |= {6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}


class ImageInfo(NamedTuple):
    """A verified image file, as it is meant to be seen (its EXIF orientation applied)."""

    path: Path
    format: str  # one of FORMATS
    mode: str  # PIL mode, one of MODES
    size: tuple[int, int]  # pixels of the upright picture: the stored ones turned
    icc_profile: bytes = b""  # the embedded ICC profile, if any
    orientation: int = 1  # EXIF tag 0x0112, 1-8 (1: stored upright)

    def profile_problem(self) -> str | None:
        """Why the converter cannot use the embedded ICC profile (it then assumes sRGB)."""
        return embedded_profile_problem(self.icc_profile, self.mode)


def upright_size(size: tuple[int, int], orientation: int) -> tuple[int, int]:
    """The size of a picture stored ``size`` once turned by ``orientation``: orientations 5-8
    turn it a quarter (EXIF 2.32 / TIFF 6.0 tag 0x0112: rows become columns)."""
    return (size[1], size[0]) if orientation in (5, 6, 7, 8) else size


def upright(image: Image.Image, orientation: int) -> Image.Image:
    """``image`` (stored pixels, decoded) turned as EXIF orientation ``orientation`` says it
    is seen (``ImageOps.exif_transpose``'s table); ``image`` itself when it is upright."""
    name = _TRANSPOSE.get(orientation)
    if name is None:
        return image
    from PIL import Image

    return image.transpose(Image.Transpose[name])


def _orientation(im: Image.Image) -> int:
    """The EXIF orientation of an opened (not decoded) image as Pillow reads it, 1 when none
    or not one of 1-8. A damaged EXIF block is not an error: Pillow opens the file without
    it, and the picture is placed as stored."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if im.format == "TIFF":
                # Pillow's TIFF reader turns the pixels itself (its size is the upright one,
                # its load applies exif_transpose): they need no more turning.
                return 1
            if im.format == "PNG" and "exif" not in im.info:
                # An eXIf chunk before the image data (where encoders write it) is in info by
                # now; looking after it, Pillow's getexif would decode the whole PNG.
                return 1
            value = im.getexif().get(ORIENTATION_TAG, 1)
    except Exception:  # Pillow raises what a damaged IFD makes: struct.error, ValueError, …
        return 1
    return value if type(value) is int and value in _TRANSPOSE else 1


def image_size(path: Path | str) -> tuple[int, int]:
    """Pixel size of an image, upright, from its header (format, size and mode checked)."""
    return read_header(path).size


def read_header(path: Path | str) -> ImageInfo:
    """The image's header, checked (no pixel is decoded); raises :class:`ImageFileError`."""
    path = Path(path)
    fmt = _format(path)
    if fmt == "JPEG":
        # Read without Pillow (layout.jpeg) when it takes the header exactly as Pillow does:
        # a build whose photo is cached then loads no Pillow at all (issue 16).
        info = _jpeg_header(path)
        if info is not None:
            return info
    with _opened(path, fmt) as im:
        return _info(path, im)


def verify_image(path: Path | str) -> ImageInfo:
    """Open ``path`` and decode it to the end; raises :class:`ImageFileError`. A file verified
    before and unchanged since (the same size, modification and status-change times, inode
    and device) is not decoded again: in this process (``watch`` rebuilds a page whose photo
    stays) the result is kept; in another its header is read and checked (a record in the
    cache, see the module docstring)."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return _verify(path)  # it says what is wrong with the file
    return _verified(path, (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev))


@lru_cache(maxsize=64)
def _verified(path: Path, identity: tuple[int, ...]) -> ImageInfo:
    """:func:`_verify` of a file as it was when ``identity`` was taken (an error is not kept:
    a bad file is decoded again, and reported, every time); its header only when a record
    says the file as it is passed before."""
    key = file_key(f"images {VERIFIER_VERSION}", path)
    if key is not None and was_recorded(_RECORDS, key):
        return read_header(path)
    info = _verify(path)
    if key is not None:
        record(_RECORDS, key)  # taken before the decode: a file changed since has another
    return info


def _verify(path: Path) -> ImageInfo:
    with _open(path) as im:
        info = _info(path, im)
        if info.format == "JPEG":
            im.draft(im.mode, (1, 1))  # DCT scaling: decode at 1/8 of the size
        try:
            with warnings.catch_warnings():
                # Pillow warns about damaged metadata it skips; what decides is the decode.
                warnings.simplefilter("ignore")
                im.load()
        except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, zlib.error…
            raise ImageFileError(path, _decode_problem(info.format, exc)) from None
    return info


def image_problem(path: Path) -> str | None:
    """Why the image at ``path`` cannot be placed (a sentence naming the file), or None."""
    try:
        verify_image(path)
    except ImageFileError as exc:
        if not path.exists():
            return missing_image(path)
        return str(exc)
    return None


def missing_image(path: Path) -> str:
    """That no image file is at ``path``, and the file meant where one is there but for the
    capitals of a name (``PHOTO.jpg`` for ``photo.jpg``: Windows and macOS ignore them,
    Linux and a press server do not) or the path was written with backslashes
    (``..\\images\\photo.jpg``, Windows's separator, a character of a name elsewhere)."""
    message = f"image file {str(path)!r} does not exist"
    meant = _meant_file(path)
    if meant is None:
        return message
    if "\\" in str(path):
        why = "write the path with /, not \\"
    else:
        why = "the names differ in capitals, which count here"
    return f"{message} (did you mean {str(meant)!r}? {why})"


def _meant_file(path: Path) -> Path | None:
    """The existing file that ``path`` names but for backslashes and capitals, or None (no
    such file, or more than one a name could mean)."""
    written = Path(os.path.normpath(str(path).replace("\\", "/")))
    if not written.parts:
        return None
    found = Path(written.parts[0])
    for part in written.parts[1:]:
        if (found / part).exists():
            found = found / part
            continue
        try:
            same = [p for p in found.iterdir() if p.name.casefold() == part.casefold()]
        except OSError:
            return None
        if len(same) != 1:
            return None
        found = same[0]
    return found if found != path and found.is_file() else None


def _info(path: Path, im: Image.Image) -> ImageInfo:
    # The embedded profile is read with the header (JPEG APP2, PNG iCCP, TIFF tag 34675).
    icc = im.info.get("icc_profile") or b""
    orientation = _orientation(im)
    size = upright_size(im.size, orientation)
    return ImageInfo(path, im.format or "", im.mode, size, icc, orientation)


def has_transparency(im: Image.Image) -> bool:
    """Whether the opened image can hold transparency: an alpha channel or a transparent
    colour (its header says so; no pixel is decoded)."""
    return im.mode in _ALPHA_MODES or "transparency" in im.info


def eight_bit(im: Image.Image) -> Image.Image:
    """``im`` with 8 bits a channel: 16-bit grey (:data:`SIXTEEN_BIT_GREY`) as grey (``L``),
    each level scaled (v × 255 / 65535, rounded), its transparent level (PNG ``tRNS``) as an
    alpha channel (``LA``); any other image itself. Pillow's own ``convert("L")`` clips at 255
    instead, printing all but the darkest 1/257 of the levels white."""
    if im.mode not in SIXTEEN_BIT_GREY:
        return im
    import numpy as np
    from PIL import Image

    levels = np.asarray(im).astype(np.uint32)
    grey = Image.fromarray(((levels * 255 + 32767) // 65535).astype(np.uint8))
    key = im.info.get("transparency")
    if isinstance(key, int):  # the one 16-bit level that is transparent
        grey.putalpha(Image.fromarray(np.where(levels == key, 0, 255).astype(np.uint8)))
    return grey


def flattened(im: Image.Image) -> Image.Image:
    """``im`` on white paper: an image with transparency (:func:`has_transparency`) composited
    over white, grey (``L``) from a grey source, else ``RGB``; ``im`` itself when it has
    none. 16-bit grey is made 8-bit first (:func:`eight_bit`), so what this returns has 8 bits
    a channel. Both PDFs print a transparent pixel as the paper, never as the colour hidden
    under it (often black: an alpha of 0 keeps any RGB)."""
    im = eight_bit(im)
    if not has_transparency(im):
        return im
    from PIL import Image

    grey = im.mode in ("LA", "L", "1")
    rgba = im.convert("LA" if grey else "RGBA")
    paper = Image.new("L" if grey else "RGB", rgba.size, "white")
    paper.paste(rgba.convert(paper.mode), mask=rgba.getchannel("A"))
    return paper


def transparent_pixels(info: ImageInfo) -> bool:
    """Whether some pixel of the image file ``info`` is the header of (one that passed
    :func:`verify_image`) is not fully opaque; decoded only when its header allows
    transparency, and once per file as it is on disk (see the module docstring). A JPEG
    has none: no file is opened (a build whose photos are cached loads no Pillow)."""
    if info.format == "JPEG":
        return False
    path = info.path
    try:
        st = path.stat()
    except OSError:
        return False  # the photo box reports the missing file
    return _transparent(path, (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev))


@lru_cache(maxsize=64)
def _transparent(path: Path, identity: tuple[int, ...]) -> bool:
    """:func:`transparent_pixels` of the file as it was when ``identity`` was taken."""
    keys = {found: file_key(_ALPHA_CHECK, path, found) for found in (True, False)}
    for found, key in keys.items():
        if key is not None and was_recorded(_ALPHA_RECORDS, key):
            return found
    with _open(path) as im:
        found = has_transparency(im)
        if found:
            grey = eight_bit(im)  # Pillow's own conversion of 16-bit grey clips its levels
            alpha = grey.convert("RGBA" if grey.mode not in _ALPHA_MODES else grey.mode)
            found = alpha.getchannel("A").getextrema()[0] < 255
    key = keys[found]
    if key is not None:
        record(_ALPHA_RECORDS, key)
    return found


def _decode_problem(fmt: str, exc: Exception) -> str:
    text = " ".join(str(exc).split())
    if "truncat" in text.lower():
        return f"truncated {fmt}: the image data ends early ({text})"
    return f"damaged {fmt} data: {text[:160] or type(exc).__name__}"


def _open(path: Path) -> Image.Image:
    """The image at ``path`` with its header read and checked (no pixel decoded)."""
    return _opened(path, _format(path))


def _format(path: Path) -> str:
    """Which of :data:`FORMATS` the file at ``path`` is by its signature, the file checked
    (it exists, is a regular file, is not empty)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ImageFileError(path, "the file does not exist") from None
    except OSError as exc:
        raise ImageFileError(path, f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImageFileError(path, "it is a folder, not an image")
    if not stat.S_ISREG(info.st_mode):
        raise ImageFileError(path, "it is not a regular file")
    if info.st_size == 0:
        raise ImageFileError(path, "the file is empty")
    try:
        with path.open("rb") as f:
            prefix = f.read(16)
    except OSError as exc:
        raise ImageFileError(path, f"cannot read the file: {exc.strerror or exc}") from None
    fmt = signature_format(prefix)
    if fmt is None:
        raise ImageFileError(path, not_supported(path, prefix))
    return fmt


def signature_format(prefix: bytes) -> str | None:
    """Which of :data:`FORMATS` a file that starts with ``prefix`` (16 bytes do) is by its
    signature, or None."""
    return next((fmt for signature, fmt in _SIGNATURES if prefix.startswith(signature)), None)


def _opened(path: Path, fmt: str) -> Image.Image:
    """The image at ``path``, a ``fmt`` file by its signature, opened by Pillow with its header
    read and checked."""
    plugin = _plugin(fmt)
    try:
        # The format's own class reads the header without Pillow's bomb check, which would
        # refuse the file without saying its size; the size is checked below instead.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # skipped metadata: the decode decides
            im = plugin(str(path))
    except Exception as exc:  # a damaged header: SyntaxError, OSError, struct.error, …
        text = " ".join(str(exc).split())[:160] or type(exc).__name__
        if "truncat" in text.lower():
            raise ImageFileError(path, f"truncated {fmt}: the file ends in its header") from None
        raise ImageFileError(path, f"damaged {fmt} header: {text}") from None
    try:
        _check_header(path, im.size, im.mode, fmt)
    except BaseException:
        im.close()
        raise
    return im


def _plugin(fmt: str) -> type[Image.Image]:
    """The Pillow image class of one of :data:`FORMATS`, which reads its header."""
    if fmt == "JPEG":
        from PIL import JpegImagePlugin

        return JpegImagePlugin.JpegImageFile
    if fmt == "PNG":
        from PIL import PngImagePlugin

        return PngImagePlugin.PngImageFile
    from PIL import TiffImagePlugin

    return TiffImagePlugin.TiffImageFile


def open_image(data: bytes) -> Image.Image:
    """The image file ``data`` (one that passed :func:`verify_image`) opened, its header read,
    by its format's own reader: Pillow's ``Image.open`` loads the readers of five formats
    first (BMP, GIF, PPM, PNG, JPEG), which a build that only reads a photo's size, its press
    version cached, does not need. Raises :class:`ValueError` for data in none of
    :data:`FORMATS`."""
    fmt = signature_format(data)
    if fmt is None:
        raise ValueError(f"not an image ({', '.join(FORMATS)}): starts with {data[:EXCERPT]!r}")
    return _plugin(fmt)(io.BytesIO(data))


def _jpeg_header(path: Path) -> ImageInfo | None:
    """The header of the JPEG file at ``path`` read by :mod:`layout.jpeg` and checked, or None
    when that reader leaves the file to Pillow (its error messages are the ones reported)."""
    from .jpeg import header

    try:
        with path.open("rb") as f:
            # The header is before the first scan: its segments (an ICC profile, EXIF) are
            # rarely above a few hundred kilobytes; else the whole file is read.
            data = f.read(_HEAD)
            found = header(data)
            if found is None and len(data) == _HEAD:
                found = header(data + f.read())
    except OSError:
        return None  # Pillow reads the file again and says what is wrong
    if found is None:
        return None
    _check_header(path, found.size, found.mode, "JPEG")
    # A value outside 1-8 is taken as upright, as Pillow's exif_transpose takes it.
    orientation = found.orientation if found.orientation in _TRANSPOSE else 1
    size = upright_size(found.size, orientation)
    return ImageInfo(path, "JPEG", found.mode, size, found.icc_profile, orientation)


def data_size(data: bytes) -> tuple[int, int]:
    """The pixel size of the image file ``data`` (one that passed :func:`verify_image`),
    upright: :func:`data_shape`'s."""
    return data_shape(data)[0]


def data_shape(data: bytes) -> tuple[tuple[int, int], int]:
    """The upright pixel size and the EXIF orientation of the image file ``data`` (one that
    passed :func:`verify_image`) from its header: a JPEG's read by :mod:`layout.jpeg`, without
    Pillow, where it can be; else :func:`open_image`'s (and its :class:`ValueError`)."""
    from .jpeg import header

    found = header(data)
    if found is not None:
        orientation = found.orientation if found.orientation in _TRANSPOSE else 1
        return upright_size(found.size, orientation), orientation
    with open_image(data) as im:
        orientation = _orientation(im)
        return upright_size(im.size, orientation), orientation


def _check_header(path: Path, size: tuple[int, int], mode: str, fmt: str) -> None:
    width, height = size
    if width < 1 or height < 1:
        raise ImageFileError(path, f"damaged {fmt} header: {width} × {height} pixels")
    limit = MAX_JPEG_PIXELS if fmt == "JPEG" else MAX_PIXELS
    if width * height > limit:
        # What to do: the largest size that passes, at the picture's proportions (a JPEG is
        # decoded at the scale its print needs, so it may be larger than a PNG or a TIFF).
        scale = (limit / (width * height)) ** 0.5
        under = f"{int(width * scale)} × {int(height * scale)}"
        why = "a decompression bomb?" if fmt == "JPEG" else "a broadsheet page at 450 ppi is 67"
        jpeg = "" if fmt == "JPEG" else ", or save it as a JPEG (decoded at the size it prints)"
        raise ImageFileError(
            path,
            f"{width} × {height} pixels ({width * height / 1e6:.0f} megapixels) is over the "
            f"{fmt} limit of {limit / 1e6:.1f} megapixels ({why}): resize it to at most "
            f"{under}{jpeg}",
        )
    if mode not in MODES:
        name = _MODE_NAMES.get(mode, "an unusual colour mode")
        raise ImageFileError(
            path,
            f"{name} (mode {mode}) is not supported: save it as 8-bit greyscale, RGB or CMYK",
        )


# The major brands of HEIF files (ISO/IEC 23008-12 Annex B; the ``ftyp`` box starts the
# file): what an iPhone saves a photo as unless set to "Most Compatible".
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})


def not_supported(path: Path, prefix: bytes, also: str = "") -> str:
    """What the file at ``path``, which starts with ``prefix`` and is none of :data:`FORMATS`,
    is as far as Pillow can tell, and what to save it as: ``also`` names a format the caller
    takes besides pictures (an advertisement's PDF), so the reason lists all it takes."""
    from PIL import Image

    fmt = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a bomb warning: the file is refused anyway
            with Image.open(path) as im:
                fmt = im.format
    except Exception:  # not an image Pillow knows, or a damaged one: say what it starts with
        fmt = None
    use = ", ".join(FORMATS)
    if prefix[4:8] == b"ftyp" and prefix[8:12] in _HEIF_BRANDS:
        return (
            "an iPhone HEIC photo (HEIF), which is not supported: convert it to JPEG (an "
            "iPhone saves JPEG when Settings › Camera › Formats is Most Compatible)"
        )
    if fmt:
        return f"{fmt} images are not supported: save it as {f'{also}, ' if also else ''}{use}"
    what = f"a {also} file or an image" if also else "an image"
    return f"not {what} ({use}): it starts with {prefix[:EXCERPT]!r}"
