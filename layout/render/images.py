"""Photos for the press: CMYK (or grey), at the press resolution, within the total ink limit.

RGB photos go through littleCMS (Pillow's ImageCms) from their embedded profile (sRGB when
none) to the press CMYK profile (``press.profile``; by default Ghostscript's generic CMYK);
then grey component replacement moves CMY under K, and what is still over the limit is taken
off CMY, so C+M+Y+K ≤ ``press.ink_limit`` on every pixel. Photos that would print far above the
press resolution (> 1.5 × ``press.resolution`` ppi) are resampled to it. Grey photos stay grey
(they print on K alone). Transparency is flattened on white paper.

A photo cropped (``ImageOp.window``) is converted, or for the proof-colour PDF cut out
(:func:`cropped_image`), as the pixels shown only. Converted photos are CMYK JPEGs in a cache
folder (``press-images`` in the user's cache folder, or in ``$BANMIAN_CACHE``;
crops in ``crops`` beside it), named by a hash of the source bytes and every
setting that changes the result, so a rebuild does not convert again and the same input always
gives the same bytes. An entry is written whole or not at all (``layout.output``), so a killed
or concurrent build never leaves a truncated JPEG for the next one to embed; where the cache is
does not change the PDF (``layout.render.pdf`` names images by their bytes).
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from PIL import Image, JpegImagePlugin

if TYPE_CHECKING:  # numpy and littleCMS are loaded only when a photo is converted
    import numpy as np

from ..geometry import Rect
from ..output import sweep, write_file
from ..press import PressSettings

# Bump when the conversion (or the proof's crops) changes, so old cache entries are not reused.
CONVERTER_VERSION = 2
CROP_VERSION = 1
# 8-bit rounding and JPEG coding move inks a little: aim this many percent under the limit.
INK_MARGIN = 4.0
_STRIP = 64  # rows per step of the ink limiter


def cache_dir() -> Path:
    """``$BANMIAN_CACHE``, else the user's cache folder (platformdirs: ``~/.cache/banmian`` on
    Linux), never the working directory: a build run from anywhere leaves no folder there."""
    env = os.environ.get("BANMIAN_CACHE")
    return Path(env) if env else Path(platformdirs.user_cache_dir("banmian"))


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
    C+M+Y+K ≤ ``limit`` percent."""
    import numpy as np

    a = cmyk.astype(np.float32) / 255.0
    c, m, y, k = a[..., 0], a[..., 1], a[..., 2], a[..., 3]
    cap = limit / 100.0
    total = c + m + y + k
    over = np.maximum(total - cap, 0.0)
    g = np.minimum.reduce([c, m, y, 1.0 - k, over / 2.0])
    g = np.maximum(g, 0.0)
    c, m, y, k = c - g, m - g, y - g, k + g
    cmy = c + m + y
    room = np.maximum(cap - k, 0.0)
    f = np.where(cmy > room, room / np.maximum(cmy, 1e-6), 1.0)
    out = np.stack([c * f, m * f, y * f, k], axis=-1)
    return np.floor(np.clip(out, 0.0, 1.0) * 255.0).astype(np.uint8)


def convert_for_press(image: Image.Image, size: tuple[int, int], settings: PressSettings):
    """The press version of ``image``: mode CMYK or L, ``size`` pixels, within the ink limit
    (before JPEG coding; :func:`press_image` checks what the JPEG decodes to)."""
    import numpy as np

    converted = _to_cmyk(image, size, settings)
    if converted.mode == "L":
        return converted
    return _limited(np.asarray(converted), settings.ink_limit - INK_MARGIN)


def _to_cmyk(image: Image.Image, size: tuple[int, int], settings: PressSettings):
    from PIL import ImageCms

    if image.mode in ("1", "L", "I", "I;16", "F"):
        grey = image.convert("L")
        return grey if grey.size == size else grey.resize(size, Image.Resampling.LANCZOS)
    icc = image.info.get("icc_profile") or b""
    if image.mode == "CMYK":
        cmyk = image
    else:
        if image.mode in ("RGBA", "LA", "PA") or (
            image.mode == "P" and "transparency" in image.info
        ):
            rgba = image.convert("RGBA")
            paper = Image.new("RGB", rgba.size, (255, 255, 255))
            paper.paste(rgba, mask=rgba.getchannel("A"))
            rgb = paper
        else:
            rgb = image.convert("RGB")
        if rgb.size != size:
            rgb = rgb.resize(size, Image.Resampling.LANCZOS)
        transform = None
        try:
            transform = _transform(icc if image.mode == "RGB" else b"", settings.cmyk_profile())
        except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
            # An embedded profile littleCMS cannot use: sRGB, as for a photo without one (the
            # photo box reports it: layout.iccprofile.embedded_profile_problem).
            transform = _transform(b"", settings.cmyk_profile())
        cmyk = ImageCms.applyTransform(rgb, transform) if transform else rgb.convert("CMYK")
    if cmyk.size != size:
        cmyk = cmyk.resize(size, Image.Resampling.LANCZOS)
    return cmyk


def _limited(pixels: np.ndarray, limit: float) -> Image.Image:
    import numpy as np

    limited = np.empty_like(pixels)
    # In strips: small temporaries are reused by the allocator (whole-image ones are slow).
    for row in range(0, pixels.shape[0], _STRIP):
        limited[row : row + _STRIP] = limit_ink_array(pixels[row : row + _STRIP], limit)
    return Image.fromarray(limited, "CMYK")


def max_ink(image: Image.Image) -> float:
    """The highest total ink of any pixel, in percent."""
    import numpy as np

    if image.mode != "CMYK":
        return 100.0 * (255 - min(image.convert("L").getextrema()[0], 255)) / 255
    pixels = np.asarray(image)
    peak = 0
    for row in range(0, pixels.shape[0], _STRIP):
        strip = pixels[row : row + _STRIP].sum(axis=-1, dtype=np.uint16)
        peak = max(peak, int(strip.max(initial=0)))
    return 100.0 * peak / 255


def _jpeg(image: Image.Image, settings: PressSettings) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=settings.jpeg_quality, optimize=False)
    return buffer.getvalue()


def press_jpeg(image: Image.Image, size: tuple[int, int], settings: PressSettings) -> bytes:
    """The photo as a JPEG for the press. JPEG coding moves inks a little: when the decoded
    image goes over the limit, the ink limit is tightened by the overshoot and it is coded
    again, so what the press gets is within the limit."""
    import numpy as np

    cmyk = _to_cmyk(image, size, settings)
    if cmyk.mode == "L":
        return _jpeg(cmyk, settings)
    pixels = np.asarray(cmyk)
    target = settings.ink_limit - INK_MARGIN
    for _ in range(4):
        data = _jpeg(_limited(pixels, target), settings)
        with Image.open(io.BytesIO(data)) as decoded:
            over = max_ink(decoded) - settings.ink_limit
        if over <= 0:
            break
        target -= over + 1.0
    return data


def press_image(
    source: Path | str,
    rect: Rect,
    settings: PressSettings,
    window: tuple[int, int, int, int] | None = None,
) -> Path:
    """The cached press version of the photo at ``source`` printed in ``rect`` (points): of
    its pixels ``window`` (x0, y0, x1, y1) only, when given (a crop). Raises
    ``OutputError`` when the cache cannot be written."""
    source = Path(source)
    data = source.read_bytes()
    with Image.open(io.BytesIO(data)) as opened:
        im = opened.crop(window) if window is not None else opened
        size = target_size(im.size, rect, settings)
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
                )
            ).encode(),
        ):
            key.update(hashlib.sha256(part).digest())
        folder = cache_dir() / "press-images"
        out = folder / f"{key.hexdigest()[:32]}.jpg"
        sweep(folder)  # what a killed build left, also when this one writes nothing here
        if out.is_file():
            return out
        jpeg = press_jpeg(im, size, settings)
    return write_file(out, jpeg)


def cropped_image(source: Path | str, window: tuple[int, int, int, int]) -> Path:
    """The cached pixels ``window`` (x0, y0, x1, y1) of the photo at ``source``, for the
    proof-colour PDF: a JPEG of a JPEG (coded with its own quantisation tables: its quality,
    about its bytes), else a PNG, its ICC profile kept; not raw pixels (ten times the bytes).
    Raises ``OutputError`` when the cache cannot be written."""
    source = Path(source)
    data = source.read_bytes()
    key = hashlib.sha256()
    for part in (data, repr((CROP_VERSION, window)).encode()):
        key.update(hashlib.sha256(part).digest())
    with Image.open(io.BytesIO(data)) as im:
        fmt = "JPEG" if im.format == "JPEG" else "PNG"
        folder = cache_dir() / "crops"
        out = folder / f"{key.hexdigest()[:32]}.{'jpg' if fmt == 'JPEG' else 'png'}"
        sweep(folder)
        if out.is_file():
            return out
        part = im.crop(window)
        options: dict[str, object] = {}
        if fmt == "JPEG":  # coded again with the file's own tables: its quality, its size
            options["qtables"] = im.quantization
            options["subsampling"] = JpegImagePlugin.get_sampling(im)
        if im.info.get("icc_profile"):
            options["icc_profile"] = im.info["icc_profile"]
        buffer = io.BytesIO()
        part.save(buffer, fmt, **options)
    return write_file(out, buffer.getvalue())
