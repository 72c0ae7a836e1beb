"""ICC profiles: the press profile (``press.profile``) and the profiles embedded in photos.

The press profile is embedded in the PDF as the output intent's ``DestOutputProfile``
(PDF/X-1a:2003, ISO 15930-4) and converts photos and RGB colours to the press's CMYK, so only
a real CMYK output profile is accepted. :func:`check_output_profile` reads the 128-byte header
(ICC.1:2010 §7.2) and says why a file is refused:

- shorter than the header, or no ``acsp`` file signature at byte 36 (§7.2.9): not a profile;
- a profile size (bytes 0–3, §7.2.2) beyond the end of the file: truncated;
- a device class (bytes 12–15, §7.2.5) other than ``prtr``: not an output profile (a display,
  scanner, colour-space or device-link profile cannot describe a press);
- a data colour space (bytes 16–19, §7.2.6) other than ``CMYK``: not for four-colour print;

then has littleCMS build the sRGB → profile transform the converter uses, so a damaged body
is found here and not halfway through writing a PDF.

:func:`embedded_profile_problem` looks at the profile inside a photo: the converter
(:mod:`layout.render.images`) uses it for RGB photos and falls back to sRGB when it cannot,
which the photo box reports as a warning.
"""

from __future__ import annotations

import io
import stat
import struct
from pathlib import Path

from .records import NamedTuple

HEADER_SIZE = 128
SIGNATURE = b"acsp"
EXCERPT = 8  # bytes of a bad file quoted in an error
MAX_PROFILE = 64 * 1024 * 1024  # bytes; real output profiles are a few MB at most

DEVICE_CLASSES = {
    b"scnr": "input (scanner or camera)",
    b"mntr": "display",
    b"prtr": "output",
    b"link": "device link",
    b"spac": "colour space",
    b"abst": "abstract",
    b"nmcl": "named colour",
}


class IccError(ValueError):
    """A profile banmian will not use; ``reason`` says why in one sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class IccHeader(NamedTuple):
    """The fields of an ICC profile header that decide what it is for."""

    size: int  # declared profile size in bytes
    device_class: bytes  # b'prtr', b'mntr', …
    colour_space: bytes  # b'CMYK', b'RGB ', b'GRAY', …
    version: tuple[int, int]  # (major, minor)


def _excerpt(data: bytes) -> str:
    return repr(bytes(data[:EXCERPT]))


def read_header(data: bytes) -> IccHeader:
    """The header of profile ``data``; raises :class:`IccError` if it is not a profile or is
    cut short."""
    if len(data) < HEADER_SIZE or data[36:40] != SIGNATURE:
        why = (
            f"{len(data)} bytes, shorter than the {HEADER_SIZE}-byte ICC header"
            if len(data) < HEADER_SIZE
            else f"no {SIGNATURE.decode()!r} signature at byte 36"
        )
        raise IccError(f"not an ICC profile: {why} (starts with {_excerpt(data)})")
    size = struct.unpack_from(">I", data, 0)[0]
    if size > len(data):
        raise IccError(
            f"truncated ICC profile: its header declares {size} bytes, the file has {len(data)}"
        )
    if size < HEADER_SIZE:
        raise IccError(f"damaged ICC profile: its header declares {size} bytes")
    return IccHeader(size, data[12:16], data[16:20], (data[8], data[9] >> 4))


def _kind(header: IccHeader) -> str:
    name = DEVICE_CLASSES.get(header.device_class, "unknown")
    return f"{name} ({header.device_class.decode('latin-1')!r})"


def check_output_profile(path: Path) -> IccHeader:
    """Verify that ``path`` is a CMYK output profile littleCMS can use (module docstring);
    raises :class:`IccError`."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise IccError("the file does not exist") from None
    except OSError as exc:
        raise IccError(f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise IccError("it is a folder, not an ICC profile")
    if not stat.S_ISREG(info.st_mode):
        raise IccError("it is not a regular file")
    if info.st_size > MAX_PROFILE:
        raise IccError(f"{info.st_size} bytes: far too large for an ICC profile")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IccError(f"cannot read the file: {exc.strerror or exc}") from None
    header = read_header(data)
    if header.device_class != b"prtr":
        raise IccError(
            f"a {_kind(header)} profile, not an output ('prtr') profile: the press needs the "
            "CMYK profile of its printing condition"
        )
    if header.colour_space != b"CMYK":
        space = header.colour_space.decode("latin-1").strip()
        raise IccError(f"an output profile for {space} data, not CMYK: the press prints CMYK")
    _build_transform(data[: header.size])
    return header


def _build_transform(data: bytes) -> None:
    from PIL import ImageCms

    try:
        ImageCms.buildTransform(
            ImageCms.createProfile("sRGB"),
            ImageCms.ImageCmsProfile(io.BytesIO(data)),
            "RGB",
            "CMYK",
            renderingIntent=ImageCms.Intent.PERCEPTUAL,
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError) as exc:
        text = " ".join(str(exc).split()) or type(exc).__name__
        raise IccError(f"damaged ICC profile: littleCMS cannot use it ({text})") from None


# Colour spaces an embedded profile must describe, by PIL image mode, for the converter to
# use it (only RGB photos are converted through their own profile).
_PROFILE_SPACE = {"RGB": b"RGB "}


def embedded_profile_problem(icc: bytes, mode: str) -> str | None:
    """Why the converter cannot use the ICC profile embedded in a photo of PIL ``mode``
    (and converts it as sRGB instead), or None."""
    space = _PROFILE_SPACE.get(mode)
    if space is None or not icc:
        return None
    try:
        header = read_header(icc)
    except IccError as exc:
        return f"its embedded ICC profile is unusable ({exc.reason})"
    if header.colour_space != space:
        found = header.colour_space.decode("latin-1").strip()
        return f"its embedded ICC profile is for {found} data, not {space.decode().strip()}"
    from PIL import ImageCms

    try:
        # What the converter does first: read the photo's colours through the profile.
        ImageCms.buildTransform(
            ImageCms.ImageCmsProfile(io.BytesIO(icc)), ImageCms.createProfile("sRGB"), mode, mode
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return "its embedded ICC profile is damaged (littleCMS cannot use it)"
    return None
