"""What every artwork file shares: the error, the result, and the checks before reading.

Contract: :func:`file_bytes` gives a file's bytes or raises :class:`ArtworkError` for a
missing file, a folder, a file that is not a regular one, an empty one; :func:`is_svg` and
:func:`is_pdf` tell the formats by their first bytes, whatever the name; :func:`paint_of_rgb`
and :func:`paint_of_cmyk` say whether a colour as the reader found it (0..1) is ink or paper.
"""

from __future__ import annotations

import stat
from pathlib import Path

from ..errors import display_path
from ..page import Paint, PathShape
from ..records import NamedTuple

EXCERPT = 8  # bytes of a bad file quoted in an error
# Paint at least this light on every channel is the paper: white counters and backgrounds.
WHITE = 0.98


class ArtworkError(OSError):
    """An artwork file banmian will not draw. ``str()`` names the file; ``reason`` says why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"artwork file {display_path(self.path)!r}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


class Artwork(NamedTuple):
    """A verified artwork file: its size in points (SVG user units as svglib maps them) and
    its shapes in those units, y down from the top-left corner."""

    path: Path
    width: float
    height: float
    shapes: tuple[PathShape, ...]


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(256)
    except OSError:
        return b""


def is_svg(path: Path) -> bool:
    """Whether the file's first bytes (past a BOM and white space) open XML or SVG."""
    return _head(path).removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def is_pdf(path: Path) -> bool:
    """Whether the file opens with a PDF header (within its first bytes, as readers allow)."""
    return b"%PDF-" in _head(path)[:64]


def is_artwork(path: Path) -> bool:
    """Whether the file is vector artwork (SVG or PDF) rather than a picture."""
    return is_svg(path) or is_pdf(path)


def file_bytes(path: Path) -> bytes:
    """The file's bytes, or an :class:`ArtworkError` when there are none to read."""
    try:
        mode = path.stat().st_mode
    except OSError:
        raise ArtworkError(path, "does not exist") from None
    if stat.S_ISDIR(mode):
        raise ArtworkError(path, "is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise ArtworkError(path, "is not a regular file")
    data = path.read_bytes()
    if not data.strip():
        raise ArtworkError(path, "is empty")
    return data


def paint_of_rgb(red: float, green: float, blue: float) -> Paint:
    """Ink, or paper for white (every channel 0..1 at least :data:`WHITE`)."""
    return Paint.PAPER if min(red, green, blue) >= WHITE else Paint.INK


def paint_of_cmyk(cyan: float, magenta: float, yellow: float, black: float) -> Paint:
    """Ink, or paper for no ink (every channel 0..1 at most 1 − :data:`WHITE`)."""
    return Paint.PAPER if max(cyan, magenta, yellow, black) <= 1 - WHITE else Paint.INK
