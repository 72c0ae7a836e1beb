"""Vector artwork files (an SVG logotype): opened, verified and read as one-ink shapes.

A newspaper prints its logotype (报头字) in one ink, a spot or process red: an SVG is drawn
as vector paths whose shape comes from the file and whose colour is the spec's ink. So the
file's colours are read only to tell paint from paper: white shapes stay paper white (the
counters a logotype knocks out), every other painted shape takes the ink.

Contract: :func:`verify_artwork` parses the file strictly (lxml, no recovery: a cut or
damaged file is an error with its line), converts it with svglib (SVG → ReportLab shapes)
and checks that PDF/X-1a can print it in one ink, or raises :class:`ArtworkError` (``reason``
is one sentence) for:

- a missing file, a folder, an empty file, not SVG (the first bytes quoted), XML that does
  not parse, no ``<svg>`` root, no size (width, height or viewBox), nothing painted;
- text (fonts the PDF would not embed: convert it to outlines), embedded pictures,
  gradients and patterns (no one-ink equivalent), and transparency (PDF/X-1a has none).

:func:`is_svg` tells an SVG file from a picture by its first bytes, whatever its name.
:func:`artwork_drawing` gives the converted drawing (for the PDF writer, which recolours it);
it is read anew for every call, so a file changed under ``watch`` is drawn as it now is.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree
from reportlab.graphics.shapes import Drawing, Group, Image, Shape, String

from .errors import display_path

EXCERPT = 8  # bytes of a bad file quoted in an error


class ArtworkError(OSError):
    """An artwork file banmian will not draw. ``str()`` names the file; ``reason`` says why."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"artwork file {display_path(self.path)!r}: {reason}")

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Artwork:
    """A verified artwork file: its size in points (SVG user units as svglib maps them)."""

    path: Path
    width: float
    height: float


def is_svg(path: Path) -> bool:
    """Whether the file's first bytes (past a BOM and white space) open XML or SVG."""
    try:
        with path.open("rb") as f:
            head = f.read(256)
    except OSError:
        return False
    return head.removeprefix(b"\xef\xbb\xbf").lstrip().startswith(b"<")


def verify_artwork(path: Path | str) -> Artwork:
    """Open and verify the SVG at ``path``; raises :class:`ArtworkError`."""
    path = Path(path)
    drawing = _convert(path)
    _check_paintable(path, drawing)
    return Artwork(path, float(drawing.width), float(drawing.height))


def artwork_drawing(path: Path | str) -> Drawing:
    """The SVG at ``path`` as a ReportLab drawing (verified); raises :class:`ArtworkError`."""
    path = Path(path)
    drawing = _convert(path)
    _check_paintable(path, drawing)
    return drawing


def shapes(node: Shape) -> Iterator[Shape]:
    """Every shape of a drawing or group, depth first (the groups themselves left out)."""
    for child in getattr(node, "contents", ()):
        if isinstance(child, Group):
            yield from shapes(child)
        else:
            yield child


def _convert(path: Path) -> Drawing:
    from svglib.svglib import svg2rlg

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
    if not is_svg(path):
        raise ArtworkError(path, f"is not SVG (starts with {data[:EXCERPT]!r})")
    # svglib parses with recovery, so a cut file would draw what survived: parse strictly
    # first, and refuse what does not parse.
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise ArtworkError(path, f"is damaged XML: {exc.msg} (line {exc.lineno})") from None
    if not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        raise ArtworkError(path, "has no <svg> root element")
    drawing = svg2rlg(str(path))
    if drawing is None or not drawing.width or not drawing.height:
        raise ArtworkError(path, "has no size: give the <svg> a width and height or a viewBox")
    return drawing


def _check_paintable(path: Path, drawing: Drawing) -> None:
    """Every shape prints in one ink on a PDF/X-1a page."""
    painted = False
    for shape in shapes(drawing):
        name = type(shape).__name__
        if isinstance(shape, String):
            raise ArtworkError(
                path, "has text: convert it to outlines (its font would not be embedded)"
            )
        if isinstance(shape, Image):
            raise ArtworkError(path, "embeds a picture: a logotype file is drawn as vectors only")
        if "Gradient" in name or "Pattern" in name:
            raise ArtworkError(path, "has a gradient or pattern, which cannot print in one ink")
        colours = [getattr(shape, a, None) for a in ("fillColor", "strokeColor")]
        opacities = [getattr(shape, a, None) for a in ("fillOpacity", "strokeOpacity")]
        opacities += [getattr(c, "alpha", None) for c in colours if c is not None]
        if any(o is not None and float(o) < 1.0 for o in opacities):
            raise ArtworkError(path, "has transparency, which PDF/X-1a cannot print")
        painted = painted or any(c is not None for c in colours)
    if not painted:
        raise ArtworkError(path, "paints nothing")
