"""Vector artwork (an SVG logotype) drawn in one ink: svglib's drawing recoloured and
rendered by ReportLab into the page's own content stream, so its paths are in the page's
colour space (DeviceCMYK, or the Separation of a spot ink) like the type around it — PDF/X-1a
allows nothing else.

Contract: :func:`one_ink` recolours a drawing (:func:`layout.artwork.artwork_drawing`) in
place: every painted fill and stroke takes ``ink``, white ones stay paper (CMYK 0 0 0 0, a
knock-out); :func:`draw_artwork` draws an :class:`~layout.page.ArtworkOp` scaled into its
rect (lower-left corner at ``x, y`` in PDF space)."""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.pdfgen.canvas import Canvas

from ..artwork import artwork_drawing, shapes
from ..page import ArtworkOp, Color

PAPER = CMYKColor(0, 0, 0, 0)
# Paint at least this light on every channel is the paper: white counters and backgrounds.
_WHITE = 0.98


def reportlab_colour(ink: Color) -> CMYKColor:
    """A press colour as ReportLab's: a Separation for a spot ink, else DeviceCMYK."""
    if ink.spot is not None:
        return CMYKColorSep(ink.c, ink.m, ink.y, ink.k, spotName=ink.spot)
    return CMYKColor(ink.c, ink.m, ink.y, ink.k)


def _is_paper(colour: object) -> bool:
    if isinstance(colour, CMYKColor):
        return max(colour.cyan, colour.magenta, colour.yellow, colour.black) <= 1 - _WHITE
    rgb = [getattr(colour, a, 0.0) for a in ("red", "green", "blue")]
    return min(rgb) >= _WHITE


def one_ink(drawing: Drawing, ink: Color) -> Drawing:
    """``drawing`` with every painted shape in ``ink`` and every white one in paper."""
    paint = reportlab_colour(ink)
    for shape in shapes(drawing):
        for attr in ("fillColor", "strokeColor"):
            colour = getattr(shape, attr, None)
            if colour is not None:
                setattr(shape, attr, PAPER if _is_paper(colour) else paint)
    return drawing


def draw_artwork(canvas: Canvas, op: ArtworkOp, x: float, y: float) -> None:
    """The artwork of ``op`` scaled into its rect, whose lower-left corner is ``(x, y)``."""
    drawing = one_ink(artwork_drawing(op.path), op.ink)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(op.rect.width / drawing.width, op.rect.height / drawing.height)
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.restoreState()
