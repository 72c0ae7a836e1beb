"""Photos for the press: CMYK (or grey), at the press resolution, within the total ink limit.

RGB photos go through littleCMS (Pillow's ImageCms) from their embedded profile (sRGB when
none) to the press CMYK profile (``press.profile``; by default Ghostscript's generic CMYK);
then grey component replacement moves CMY under K, and what is still over the limit is taken
off CMY, so C+M+Y+K ≤ ``press.ink_limit`` on every pixel. Photos that would print far above the
press resolution (> 1.5 × ``press.resolution`` ppi) are resampled to it. Grey photos stay grey
(they print on K alone). Transparency is flattened on white paper.

One conversion per new photo: the source is resampled, then an RGB photo is converted and
limited in one pass through a 3D table (:func:`_press_lut`: littleCMS and the integer limiter
run on a 33³ lattice of colours only, Pillow's ``Color3DLUT`` blends it for every pixel; no
numpy; the table is kept in the user cache, :mod:`layout.render.presstables`, so a new photo
of a profile seen before reads it); a CMYK photo is limited in 8-bit integers on strips of
rows. The JPEG's total ink is
measured exactly over every pixel (:func:`max_ink`: a maximum, never of a downsampled copy,
whose averages could hide a small spot over the 240/260/300 % limit). JPEG coding can
overshoot the limit; only then is the photo limited tighter and coded again
(:func:`_press_jpeg`). The source's pixels are freed before the conversion makes more.

A photo is turned upright first, as its EXIF orientation says (EXIF 2.32 / TIFF 6.0 tag
0x0112, :func:`layout.imagefiles.upright`): ``ImageOp.window`` and every size are of the
upright picture, and no JPEG is embedded as stored when it is not upright (a viewer or RIP
ignores EXIF): the proof-colour PDF takes such a photo through :func:`cropped_image` too.
A photo cropped (``ImageOp.window``) is converted, or for the proof-colour PDF cut out
(:func:`cropped_image`), as the pixels shown only. Converted photos are CMYK JPEGs in a cache
folder (``press-images`` in the user's cache folder, or in ``$BANMIAN_CACHE``;
crops in ``crops`` beside it), named by a hash of the source bytes and every
setting that changes the result, so a rebuild does not convert again and the same input always
gives the same bytes. An entry is written whole or not at all (``layout.output``), so a killed
or concurrent build never leaves a truncated JPEG for the next one to embed, and one damaged
since (cut short, written over) fails its check (``layout.cachecheck``: its length and CRC-32
beside it) and is made again; where the cache is does not change the PDF
(``layout.render.pdf`` names images by their bytes). A cache folder that cannot be written
(read-only, full, not ours) stops no build: the bytes made are kept in memory for this
build (a :class:`~layout.render.canvas.PictureFile` carries them to the PDF writer, in the
process that draws the page, forked or not: nothing to remove after), the PDF the same bytes,
and a note (:mod:`layout.notes`) says the cache folder is not writable.
"""

from __future__ import annotations

import functools
import hashlib
import io
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Pillow, numpy and littleCMS are loaded only when a photo is converted (or cropped): a
    # build whose press versions are cached reads a JPEG's size without them (issue 16).
    import numpy as np
    from PIL import Image

from ..cachecheck import is_checked, keep_checked_or_say
from ..errors import OutputError, display_path
from ..geometry import Rect
from ..imagefiles import data_shape, flattened, large, open_image, upright, upright_size
from ..notes import note
from ..output import cache_dir, sweep
from ..press import PressSettings
from .canvas import PictureFile
from .presstables import kept_table

# Bump when the conversion (or the proof's crops) changes, so old cache entries are not reused.
CONVERTER_VERSION = 5  # 5: a grey photo with alpha stays grey; an RGBA one keeps its profile
CROP_VERSION = 2  # 2: turned upright (EXIF orientation)
# 8-bit rounding and JPEG coding move inks: aim this many percent under the limit. JPEG at
# quality 92 raised the highest total ink of a sharp photo by 7.5-8.6 % (the sample photo at
# three scales and a crop), of random noise by 10-11 %, of a smooth gradient by 0.4 %: at 9 a
# photograph is coded once; what still goes over is limited tighter and coded again.
INK_MARGIN = 9.0
_STRIP = 128  # rows per step of the ink limiter and the ink measure
# Points per axis of the RGB → press CMYK table: littleCMS's own precalculated table for an
# RGB input has 33 (its "reasonable" grid for 3 channels), so the photo is no coarser.
_GRID = 33
_LUT_SLACK = 4  # levels the table aims under the cap: four blended inks, each rounded
_FRACTIONS = tuple(v / 255 for v in range(256))  # an 8-bit ink level as Color3DLUT takes it


@functools.cache
def _profile_bytes(path: Path | None) -> bytes:
    return path.read_bytes() if path is not None else b""


@functools.cache
def _transform(source_icc: bytes, cmyk_profile: Path | None):
    from PIL import ImageCms

    if cmyk_profile is None:
        return None
    source = (
        ImageCms.ImageCmsProfile(io.BytesIO(source_icc))
        if source_icc
        else ImageCms.createProfile("sRGB")
    )
    return ImageCms.buildTransform(
        source,
        ImageCms.getOpenProfile(str(cmyk_profile)),
        "RGB",
        "CMYK",
        renderingIntent=ImageCms.Intent.PERCEPTUAL,
        # Applied to the lattice of _press_lut only (35 937 colours): the exact pipeline per
        # colour costs less than littleCMS precalculating its own table (and is not coarser).
        flags=ImageCms.Flags.NOOPTIMIZE,
    )


def target_size(size: tuple[int, int], rect: Rect, settings: PressSettings) -> tuple[int, int]:
    """Pixel size at which the photo is embedded: unchanged, or resampled to the press
    resolution when it would print above 1.5 × it."""
    width_px, height_px = size
    ppi = width_px / (rect.width / 72.0) if rect.width > 0 else 0.0
    if ppi <= settings.resample_above:
        return size
    f = settings.resolution / ppi
    return max(1, round(width_px * f)), max(1, round(height_px * f))


def limit_ink_array(cmyk: np.ndarray, limit: float) -> np.ndarray:
    """GCR then CMY reduction on an (h, w, 4) uint8 CMYK array so that every pixel's
    C+M+Y+K ≤ ``limit`` percent, in integers (8-bit levels, 255 = 100 %): grey component
    replacement first moves ``g`` = ⌈over / 2⌉ of the common part of C, M and Y under K
    (each level moved takes 3 off CMY and puts 1 on K, so 2 off the total), then what is
    still over comes off C, M and Y in proportion, rounded down, so their sum fits the room
    K leaves. Exact: no pixel's total exceeds ⌊limit × 255 / 100⌋."""
    import numpy as np

    cap = int(limit * 255 / 100)
    a = cmyk.astype(np.int16)  # totals up to 4 × 255 fit; products are taken in 32 bits
    c, m, y, k = a[..., 0], a[..., 1], a[..., 2], a[..., 3]
    over = c + m + y + k
    over -= cap
    np.maximum(over, 0, out=over)
    over += 1
    over >>= 1
    g = np.minimum(np.minimum(c, m), np.minimum(y, 255 - k))
    np.minimum(g, over, out=g)
    c -= g
    m -= g
    y -= g
    k += g
    room = np.maximum(cap - k, 0)
    cmy = c + m + y
    scale = cmy > room
    if scale.any():
        # Only the pixels still over: C, M, Y times room / (C+M+Y), rounded down.
        wide_room = room[scale].astype(np.int32)
        den = cmy[scale].astype(np.int32)
        for ink in (c, m, y):
            ink[scale] = ink[scale].astype(np.int32) * wide_room // den
    return a.astype(np.uint8)


class _Sized:
    """A photo at its press size, before colour conversion: grey (``L``), ``CMYK`` or RGB
    flattened on white paper, with the source's embedded profile for an RGB source."""

    __slots__ = ("icc", "image")

    def __init__(self, image: Image.Image, icc: bytes) -> None:
        self.image = image
        self.icc = icc


def _at_size(
    image: Image.Image, size: tuple[int, int], box: tuple[float, ...] | None = None
) -> _Sized:
    """``image`` (of it the part ``box``, in its pixels: None, all) in the mode it is
    converted from, resampled to ``size`` (never the same object as ``image``: the caller may
    close the source to free its pixels)."""
    from PIL import Image

    lanczos = Image.Resampling.LANCZOS
    icc = (image.info.get("icc_profile") or b"") if image.mode in ("RGB", "RGBA") else b""
    source = image
    # On white paper (a new image when it had transparency), 16-bit grey scaled to 8 bits.
    image = flattened(image)

    def resized(im: Image.Image) -> Image.Image:
        if box is not None:
            return im.resize(size, lanczos, box=box)
        return im if im.size == size else im.resize(size, lanczos)

    if image.mode in ("1", "L"):
        return _Sized(resized(image.convert("L")), b"")
    if image.mode == "CMYK":
        cmyk = resized(image)
        return _Sized(cmyk.copy() if cmyk is image else cmyk, b"")
    rgb = resized(image if image.mode == "RGB" else image.convert("RGB"))
    return _Sized(rgb.copy() if rgb is source else rgb, icc)


def _drafted(
    opened: Image.Image,
    shown: tuple[int, int],
    orientation: int,
    window: tuple[int, int, int, int] | None,
    size: tuple[int, int],
) -> tuple[Image.Image, tuple[float, ...] | None]:
    """A :func:`~layout.imagefiles.large` JPEG's pixels ``window`` (None: all) decoded at the
    smallest DCT scale (1/2, 1/4, 1/8: Pillow's draft mode) that still gives ``size`` of them,
    turned upright:
    the picture and the part of it to resample to ``size`` (the window at that scale, in
    fractions of its pixels: no rounding moves the crop). Its memory is that of the
    print's pixels — under four times ``size``, which is at most 1.5 × the press resolution
    over the box (:func:`target_size`) — never the photo's."""
    x0, y0, x1, y1 = window if window is not None else (0, 0, *shown)
    needed = (
        max(1, -(-shown[0] * size[0] // (x1 - x0))),
        max(1, -(-shown[1] * size[1] // (y1 - y0))),
    )
    # The stored pixels: turned a quarter, the upright width is their height.
    opened.draft(opened.mode, upright_size(needed, orientation))
    turned = upright(opened, orientation)
    fx, fy = turned.size[0] / shown[0], turned.size[1] / shown[1]
    return turned, (x0 * fx, y0 * fy, x1 * fx, y1 * fy)


def _source_transform(icc: bytes, cmyk_profile: Path | None):
    """littleCMS's transform from the photo's embedded profile (or sRGB) to the press CMYK;
    None without a CMYK profile (Pillow's naive conversion then)."""
    from PIL import ImageCms

    try:
        return _transform(icc, cmyk_profile)
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # An embedded profile littleCMS cannot use: sRGB, as for a photo without one (the
        # photo box reports it: layout.iccprofile.embedded_profile_problem).
        return _transform(b"", cmyk_profile)


def _apply_transform(image: Image.Image, transform) -> Image.Image:
    from PIL import ImageCms

    return ImageCms.applyTransform(image, transform)


@functools.lru_cache(maxsize=4)  # ~3 MB each: a few source profiles, not every one seen
def _grid_cmyk(icc: bytes, cmyk_profile: Path | None) -> tuple[tuple[int, int, int, int], ...]:
    """The press CMYK (8-bit inks) of the :data:`_GRID`³ lattice of RGB colours, red varying
    fastest: the order of Pillow's ``Color3DLUT`` table."""
    from PIL import Image

    levels = bytes(round(i * 255 / (_GRID - 1)) for i in range(_GRID))
    n = _GRID
    bands = (
        levels * (n * n),  # red: every level, again for each green and blue
        b"".join(bytes([g]) * n for g in levels) * n,
        b"".join(bytes([b]) * (n * n) for b in levels),
    )
    grid = Image.merge("RGB", [Image.frombytes("L", (n**3, 1), band) for band in bands])
    transform = _source_transform(icc, cmyk_profile)
    inks = iter(
        (_apply_transform(grid, transform) if transform else grid.convert("CMYK")).tobytes()
    )
    return tuple(zip(inks, inks, inks, inks, strict=True))


def _limit_pixel(c: int, m: int, y: int, k: int, cap: int) -> tuple[int, int, int, int]:
    """One pixel of :func:`limit_ink_array` (the same integers: GCR of ⌈over / 2⌉, then CMY
    scaled down to the room K leaves, rounded down)."""
    over = c + m + y + k - cap
    if over <= 0:
        return c, m, y, k
    g = min(c, m, y, 255 - k, (over + 1) >> 1)
    c, m, y, k = c - g, m - g, y - g, k + g
    room = max(cap - k, 0)
    cmy = c + m + y
    if cmy > room:
        c, m, y = c * room // cmy, m * room // cmy, y * room // cmy
    return c, m, y, k


def _table_key(icc: bytes, profile: Path | None, cap: int) -> str:
    """The digest of exactly what the press table depends on: the source profile (empty:
    sRGB), the press profile's bytes (None: Pillow's naive conversion), the cap, the lattice
    and the code's version (this module's and Pillow's, which carries littleCMS)."""
    import PIL

    key = hashlib.sha256()
    for part in (
        icc,
        _profile_bytes(profile),
        repr((CONVERTER_VERSION, PIL.__version__, profile is None, cap, _GRID)).encode(),
    ):
        key.update(hashlib.sha256(part).digest())
    return key.hexdigest()[:32]


def _table_bytes(icc: bytes, profile: Path | None, cap: int) -> bytes:
    """The press table's 8-bit inks (C, M, Y, K per lattice colour, in the lattice's order)
    within ``cap``: :func:`_grid_cmyk`, limited where it is over."""
    table = bytearray()
    for c, m, y, k in _grid_cmyk(icc, profile):
        # Most of the lattice is under the cap: the limiter runs on the rest only.
        table.extend((c, m, y, k) if c + m + y + k <= cap else _limit_pixel(c, m, y, k, cap))
    return bytes(table)


def _press_lut(icc: bytes, settings: PressSettings, limit: float, *, keep: bool = True):
    """The RGB → press CMYK conversion within ``limit`` percent as one 3D table (Pillow's
    ``Color3DLUT``, trilinear): littleCMS and the limiter run on the :data:`_GRID`³ lattice
    only, not on every pixel, and with ``keep`` the table is kept in the user cache for the
    next photo of the same profile (:mod:`layout.render.presstables`). Within the limit: the
    limited set C+M+Y+K ≤ cap is convex, so a trilinear blend of lattice points within it is
    too; each of the four blended inks rounds (in Pillow's fixed point) by under one level,
    so the table aims :data:`_LUT_SLACK` levels under the cap and the sum of the four can
    never reach past it."""
    from PIL import ImageFilter

    cap = int(limit * 255 / 100) - _LUT_SLACK
    profile = settings.cmyk_profile()
    table = (
        kept_table(
            _table_key(icc, profile, cap), 4 * _GRID**3, lambda: _table_bytes(icc, profile, cap)
        )
        if keep
        else _table_bytes(icc, profile, cap)
    )
    return ImageFilter.Color3DLUT(
        _GRID, [_FRACTIONS[v] for v in table], channels=4, target_mode="CMYK"
    )


def _strips(image: Image.Image):
    """The image's pixels as (first row, (rows, width, bands) uint8 array) strips of
    :data:`_STRIP` rows: no array of the whole image is ever made (a 4-megapixel CMYK photo
    would be 16 MB, and each step of the limiter would make more)."""
    import numpy as np

    width, height = image.size
    for row in range(0, height, _STRIP):
        yield row, np.asarray(image.crop((0, row, width, min(height, row + _STRIP))))


def _limited(image: Image.Image, limit: float) -> Image.Image:
    """A CMYK image within ``limit`` percent total ink (:func:`limit_ink_array`, by strips)."""
    from PIL import Image

    limited = Image.new("CMYK", image.size)
    for row, pixels in _strips(image):
        limited.paste(Image.fromarray(limit_ink_array(pixels, limit), "CMYK"), (0, row))
    return limited


def max_ink(image: Image.Image) -> float:
    """The highest total ink of any pixel, in percent: exact, over every pixel (a maximum
    over the whole image, never over a downsampled copy, whose averages would hide a small
    spot over the limit). Pillow's own arithmetic, by strips: no numpy to import."""
    from PIL import ImageMath

    if image.mode != "CMYK":
        return 100.0 * (255 - min(image.convert("L").getextrema()[0], 255)) / 255
    width, height = image.size
    peak = 0
    for row in range(0, height, _STRIP):
        c, m, y, k = image.crop((0, row, width, min(height, row + _STRIP))).split()
        total = ImageMath.lambda_eval(
            lambda a: a["c"] + a["m"] + a["y"] + a["k"], c=c, m=m, y=y, k=k
        )
        peak = max(peak, total.getextrema()[1])
    return 100.0 * peak / 255


def _jpeg(image: Image.Image, settings: PressSettings) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=settings.jpeg_quality, optimize=False)
    return buffer.getvalue()


def press_jpeg(image: Image.Image, size: tuple[int, int], settings: PressSettings) -> bytes:
    """The photo as a JPEG for the press (:func:`_press_jpeg` of it at ``size``)."""
    return _press_jpeg(_at_size(image, size), settings)


def _press_jpeg(sized: _Sized, settings: PressSettings) -> bytes:
    """The sized photo as a JPEG for the press: converted and limited to ``ink_limit`` −
    :data:`INK_MARGIN` in one pass (an RGB photo through :func:`_press_lut`; a CMYK one by
    :func:`_limited`) and coded. JPEG coding moves inks a little (near the limit, a few
    percent on a sharp photo at quality 92): when the decoded image goes over the limit
    anywhere (:func:`max_ink`, every pixel), the limit is tightened by the overshoot and the
    photo is converted and coded again, so what the press gets is within the limit."""
    from PIL import Image

    image, icc = sized.image, sized.icc
    sized.image = None
    if image.mode == "L":
        return _jpeg(image, settings)
    target = settings.ink_limit - INK_MARGIN
    for attempt in range(4):
        if image.mode == "CMYK":
            limited = _limited(image, target)
        else:
            # Only the first aim's table is kept: a tighter one is this photo's own (its cap
            # follows its overshoot), and keeping each would fill the cache with one-offs.
            limited = image.filter(_press_lut(icc, settings, target, keep=attempt == 0))
        data = _jpeg(limited, settings)
        del limited  # one more copy of the photo at a time: the decoded one comes next
        with Image.open(io.BytesIO(data)) as decoded:
            over = max_ink(decoded) - settings.ink_limit
            decoded.close()  # its pixels, not only the file (see press_image)
        if over <= 0:
            break
        target -= over + 1.0
    return data


def press_image(
    source: Path | str,
    rect: Rect,
    settings: PressSettings,
    window: tuple[int, int, int, int] | None = None,
) -> PictureFile:
    """The cached press version of the photo at ``source`` printed in ``rect`` (points): of
    its pixels ``window`` (x0, y0, x1, y1) only, when given (a crop). Its bytes in memory
    when the cache cannot be written (:func:`_kept`)."""
    source = Path(source)
    data = source.read_bytes()
    # The size shown from the header and the window: cropping decodes the whole photo, which
    # a build whose press version is cached must not pay for (nor load Pillow for).
    shown, orientation = data_shape(data)
    x0, y0, x1, y1 = window if window is not None else (0, 0, *shown)
    size = target_size((x1 - x0, y1 - y0), rect, settings)
    profile = settings.cmyk_profile()
    key = hashlib.sha256()
    for part in (
        data,
        _profile_bytes(profile),
        repr(
            (
                CONVERTER_VERSION,
                settings.ink_limit,
                size,
                settings.jpeg_quality,
                INK_MARGIN,
                window,
                orientation,  # the window is of the upright picture
            )
        ).encode(),
    ):
        key.update(hashlib.sha256(part).digest())
    folder = cache_dir() / "press-images"
    out = folder / f"{key.hexdigest()[:32]}.jpg"
    sweep(folder)  # what a killed build left, also when this one writes nothing here
    if is_checked(out):  # whole as written: a damaged entry is made again
        return PictureFile(out)
    with open_image(data) as opened:
        if large(shown):
            # Cropped or not, only the print's pixels are decoded (:func:`_drafted`).
            turned, box = _drafted(opened, shown, orientation, window, size)
            sized = _at_size(turned, size, box)
            del turned
        else:
            if window is None and opened.format == "JPEG":
                # Decode at the smallest DCT scale (1/2, 1/4, 1/8) still at least ``size``: a
                # photo printed at a fraction of its pixels is never decoded whole (the stored
                # pixels: turned a quarter, the size's width is their height).
                opened.draft(opened.mode, upright_size(size, orientation))
            turned = upright(opened, orientation)  # a copy keeps its info: the profile
            im = turned.crop(window) if window is not None else turned
            sized = _at_size(im, size)
            del im, turned
        # The source's pixels freed before the conversion makes more: leaving the ``with``
        # closes the file only (Pillow's ``__exit__``), ``close()`` drops the decoded image.
        opened.close()
    return _kept(out, _press_jpeg(sized, settings))


def _kept(out: Path, data: bytes) -> PictureFile:
    """``data`` kept in the cache at ``out``; where the cache cannot be written, in memory for
    this build, with a note saying so (once a command: :func:`layout.cli.printing.font_notes`):
    the standards' rule that nothing fails for want of a cache (the YAML, record and font
    caches go on the same way, ``layout.output.write_cache_file``)."""
    error = keep_checked_or_say(out, data)
    if error is None:
        return PictureFile(out)
    note("layout.render", _unwritable(error))
    return PictureFile(out, data)


def _unwritable(error: OutputError) -> str:
    return (
        f"the cache folder {display_path(cache_dir())} cannot be written ({error.message}): "
        "photos are converted for this build only, and again by the next"
    )


def _crop_format(data: bytes) -> str:
    """The format a crop of the image file ``data`` is coded in: JPEG for what Pillow's
    ``Image.open`` opens as a JPEG, else PNG; a JPEG's header read without Pillow where that
    decides it (one with an MPF segment may open as an MPO: Pillow is asked)."""
    from ..jpeg import header

    found = header(data)
    if found is not None and not found.multi_picture:
        return "JPEG"
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        return "JPEG" if im.format == "JPEG" else "PNG"


def cropped_image(
    source: Path | str,
    window: tuple[int, int, int, int] | None,
    size: tuple[int, int] | None = None,
) -> PictureFile:
    """The cached pixels ``window`` (x0, y0, x1, y1; None: all) of the photo at ``source``
    turned upright (its EXIF orientation applied), for the proof-colour PDF: a JPEG of a JPEG
    (coded with its own quantisation tables: its quality, about its bytes), else a PNG, its
    ICC profile kept; not raw pixels (ten times the bytes). ``size``: the pixels to resample
    them to, for a :func:`~layout.imagefiles.large` JPEG (decoded at the scale that gives them,
    :func:`_drafted`: no PDF holds more pixels than its print needs, nor is the photo ever
    decoded whole). Its bytes in memory when the cache cannot be written (:func:`_kept`)."""
    source = Path(source)
    data = source.read_bytes()
    key = hashlib.sha256()
    shown, orientation = data_shape(data)
    made = (
        (CROP_VERSION, window, orientation)
        if size is None
        else (CROP_VERSION, window, orientation, size)
    )
    for part in (data, repr(made).encode()):
        key.update(hashlib.sha256(part).digest())
    fmt = _crop_format(data)
    folder = cache_dir() / "crops"
    out = folder / f"{key.hexdigest()[:32]}.{'jpg' if fmt == 'JPEG' else 'png'}"
    sweep(folder)
    if is_checked(out):  # whole as written: a damaged entry is made again
        return PictureFile(out)
    from PIL import Image, JpegImagePlugin

    # A large JPEG by its format's own reader: ``Image.open`` would take its size for a
    # decompression bomb (it is decoded at a fraction of it).
    opened = open_image(data) if size is not None else Image.open(io.BytesIO(data))
    with opened as im:
        if size is not None:
            turned, box = _drafted(im, shown, orientation, window, size)
            part = turned.resize(size, Image.Resampling.LANCZOS, box=box)
            del turned
        else:
            part = upright(im, orientation).crop(window or (0, 0, *shown))
        options: dict[str, object] = {}
        if fmt == "JPEG":  # coded again with the file's own tables: its quality, its size
            options["qtables"] = im.quantization
            options["subsampling"] = JpegImagePlugin.get_sampling(im)
        if im.info.get("icc_profile"):
            options["icc_profile"] = im.info["icc_profile"]
        buffer = io.BytesIO()
        part.save(buffer, fmt, **options)
    return _kept(out, buffer.getvalue())
