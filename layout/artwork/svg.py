"""SVG artwork read as one-ink shapes: parsed strictly (lxml, no recovery: a cut or damaged
file is an error with its line), converted with svglib (SVG → ReportLab shapes, arcs already
Bézier curves), group transforms flattened and the y axis turned down.

Contract: :func:`read_svg` returns the :class:`~layout.artwork.files.Artwork` or raises
:class:`~layout.artwork.files.ArtworkError` for what cannot print in one ink on a PDF/X-1a
page: XML that does not parse, no ``<svg>`` root, no size, text (convert it to outlines),
embedded pictures, gradients and patterns, clipping paths, transparency, a shape of a kind
not drawn, nothing painted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree
from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Ellipse,
    Group,
    Image,
    Line,
    Polygon,
    PolyLine,
    Rect,
    Shape,
    String,
)
from reportlab.graphics.shapes import Path as RLPath
from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import FILL_EVEN_ODD, FILL_NON_ZERO

from ..page import Paint, PathShape, Segment
from .files import EXCERPT, Artwork, ArtworkError, file_bytes, is_svg, paint_of_cmyk, paint_of_rgb

Affine = tuple[float, float, float, float, float, float]


def read_svg(path: Path) -> Artwork:
    """Open, verify and convert the SVG at ``path``; raises :class:`ArtworkError`."""
    drawing = _convert(path)
    width, height = float(drawing.width), float(drawing.height)
    found = list(_shapes(path, drawing, IDENTITY, height))
    if not found:
        raise ArtworkError(path, "paints nothing")
    return Artwork(path, width, height, tuple(found))


def _convert(path: Path) -> Drawing:
    from svglib.svglib import svg2rlg

    data = file_bytes(path)
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
    # Pictures are refused before svglib, which would decode them (and may fail doing so).
    if any(etree.QName(e).localname == "image" for e in root.iter() if isinstance(e.tag, str)):
        raise ArtworkError(path, "embeds a picture: a logotype file is drawn as vectors only")
    try:
        drawing = svg2rlg(str(path))
    except Exception as exc:  # svglib raises what its parsers raise (ValueError, KeyError…)
        raise ArtworkError(path, f"cannot be converted ({type(exc).__name__}: {exc})") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise ArtworkError(path, "has no size: give the <svg> a width and height or a viewBox")
    return drawing


IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_KAPPA = 0.5522847498  # control-point distance of a quarter circle as a cubic Bézier


def _compose(outer: Affine, inner: Affine) -> Affine:
    a, b, c, d, e, f = outer
    p, q, r, s, t, u = inner
    return (
        a * p + c * q,
        b * p + d * q,
        a * r + c * s,
        b * r + d * s,
        a * t + c * u + e,
        b * t + d * u + f,
    )


def _shapes(path: Path, node: Shape, at: Affine, height: float) -> Iterator[PathShape]:
    """The painted shapes under ``node`` (with the transform ``at`` of its parents), in
    drawing order, their points turned y down."""
    for child in getattr(node, "contents", ()):
        if isinstance(child, Group):
            inner = tuple(float(v) for v in getattr(child, "transform", IDENTITY))
            yield from _shapes(path, child, _compose(at, inner), height)  # type: ignore[arg-type]
            continue
        _check_printable(path, child)
        if _outline(child) is None:
            kind = type(child).__name__
            raise ArtworkError(path, f"has a shape banmian does not draw ({kind})")
        shape = _path_shape(child, at, height)
        if shape is not None:
            yield shape


def _check_printable(path: Path, shape: Shape) -> None:
    """A shape PDF/X-1a prints in one ink, or an :class:`ArtworkError` saying why not."""
    name = type(shape).__name__
    if isinstance(shape, String):
        raise ArtworkError(
            path, "has text: convert it to outlines (its font would not be embedded)"
        )
    if isinstance(shape, Image):
        raise ArtworkError(path, "embeds a picture: a logotype file is drawn as vectors only")
    if "Gradient" in name or "Pattern" in name:
        raise ArtworkError(path, "has a gradient or pattern, which cannot print in one ink")
    if getattr(shape, "isClipPath", False):
        raise ArtworkError(path, "has a clipping path: flatten the artwork (no clips)")
    colours = [getattr(shape, a, None) for a in ("fillColor", "strokeColor")]
    opacities = [getattr(shape, a, None) for a in ("fillOpacity", "strokeOpacity")]
    opacities += [getattr(c, "alpha", None) for c in colours if c is not None]
    if any(o is not None and float(o) < 1.0 for o in opacities):
        raise ArtworkError(path, "has transparency, which PDF/X-1a cannot print")


def _paint(colour: object) -> Paint | None:
    """Ink, paper (white), or nothing (no paint)."""
    if colour is None:
        return None
    if isinstance(colour, CMYKColor):
        return paint_of_cmyk(colour.cyan, colour.magenta, colour.yellow, colour.black)
    red, green, blue = (float(getattr(colour, a, 0.0)) for a in ("red", "green", "blue"))
    return paint_of_rgb(red, green, blue)


def _path_shape(shape: Shape, at: Affine, height: float) -> PathShape | None:
    """``shape`` as a PathShape, its points through ``at`` and turned y down; ``None`` for
    a shape that paints nothing."""
    fill = _paint(getattr(shape, "fillColor", None))
    stroke = _paint(getattr(shape, "strokeColor", None))
    width = float(getattr(shape, "strokeWidth", 0.0) or 0.0)
    if stroke is not None and width <= 0:
        stroke = None
    outline = _outline(shape)
    if outline is None or (fill is None and stroke is None):
        return None
    segments, closed_only = outline
    if closed_only is False:
        fill = None  # a line or polyline has no inside
        if stroke is None:
            return None
    a, b, c, d, e, f = at
    moved: list[Segment] = []
    for op, pts in segments:
        xy = []
        for k in range(0, len(pts), 2):
            x, y = pts[k], pts[k + 1]
            xy += [a * x + c * y + e, height - (b * x + d * y + f)]
        moved.append((op, tuple(xy)))
    scale = abs(a * d - b * c) ** 0.5
    even_odd = getattr(shape, "fillMode", FILL_NON_ZERO) == FILL_EVEN_ODD
    return PathShape(tuple(moved), fill, stroke, width * scale, even_odd)


def _outline(shape: Shape) -> tuple[list[Segment], bool] | None:
    """The outline of a ReportLab shape in its own units, and whether it encloses an area
    (False for lines and polylines); ``None`` for a shape of another kind."""
    if isinstance(shape, Rect):
        return _rect(shape), True
    if isinstance(shape, Circle):
        return _ellipse(shape.cx, shape.cy, shape.r, shape.r), True
    if isinstance(shape, Ellipse):
        return _ellipse(shape.cx, shape.cy, shape.rx, shape.ry), True
    if isinstance(shape, Line):
        return [("M", (shape.x1, shape.y1)), ("L", (shape.x2, shape.y2))], False
    if isinstance(shape, PolyLine | Polygon):
        pts = [float(v) for v in shape.points]
        segments: list[Segment] = [("M", (pts[0], pts[1]))] if pts else []
        segments += [("L", (pts[k], pts[k + 1])) for k in range(2, len(pts), 2)]
        if isinstance(shape, Polygon):
            segments.append(("Z", ()))
        return segments, isinstance(shape, Polygon)
    if isinstance(shape, RLPath):
        return _path(shape), True
    return None


def _path(shape: RLPath) -> list[Segment]:
    pts = [float(v) for v in shape.points]
    sizes = {0: ("M", 2), 1: ("L", 2), 2: ("C", 6), 3: ("Z", 0)}  # ReportLab's operators
    segments: list[Segment] = []
    k = 0
    for operator in shape.operators:
        op, n = sizes[operator]
        segments.append((op, tuple(pts[k : k + n])))
        k += n
    return segments


def _rect(shape: Rect) -> list[Segment]:
    x, y, w, h = float(shape.x), float(shape.y), float(shape.width), float(shape.height)
    rx = min(float(shape.rx or 0.0), w / 2)
    ry = min(float(shape.ry or rx), h / 2)
    if rx <= 0 or ry <= 0:
        return [
            ("M", (x, y)),
            ("L", (x + w, y)),
            ("L", (x + w, y + h)),
            ("L", (x, y + h)),
            ("Z", ()),
        ]
    kx, ky = rx * _KAPPA, ry * _KAPPA
    return [
        ("M", (x + rx, y)),
        ("L", (x + w - rx, y)),
        ("C", (x + w - rx + kx, y, x + w, y + ry - ky, x + w, y + ry)),
        ("L", (x + w, y + h - ry)),
        ("C", (x + w, y + h - ry + ky, x + w - rx + kx, y + h, x + w - rx, y + h)),
        ("L", (x + rx, y + h)),
        ("C", (x + rx - kx, y + h, x, y + h - ry + ky, x, y + h - ry)),
        ("L", (x, y + ry)),
        ("C", (x, y + ry - ky, x + rx - kx, y, x + rx, y)),
        ("Z", ()),
    ]


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> list[Segment]:
    kx, ky = rx * _KAPPA, ry * _KAPPA
    return [
        ("M", (cx + rx, cy)),
        ("C", (cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry)),
        ("C", (cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy)),
        ("C", (cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry)),
        ("C", (cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy)),
        ("Z", ()),
    ]
