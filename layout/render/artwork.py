"""Vector artwork (an SVG or PDF logotype) drawn in one ink: the shapes of an
:class:`~layout.page.ArtworkOp` as PDF paths in the page's own content stream, filled and
stroked in the page's colours — the ink (DeviceCMYK, or the Separation of a spot ink) or the
paper (CMYK 0 0 0 0, a knock-out). PDF/X-1a allows nothing else, so nothing else is written:
no form XObject, no font, no RGB.

Contract: :func:`draw_artwork` draws the op's shapes scaled into its rect, given where the
rect's top-left corner is in PDF space, and a ``paint`` callback that sets the canvas's fill
or stroke colour for a :class:`~layout.page.Paint` (the pen's, so overprint follows the
ink as it does for type)."""

from __future__ import annotations

from collections.abc import Callable

from ..page import ArtworkOp, Paint, PathShape
from .canvas import EVEN_ODD, NON_ZERO, Canvas, Path

PaintSetter = Callable[[Paint, bool], None]  # (paint, stroke)


def draw_artwork(
    canvas: Canvas, op: ArtworkOp, left: float, top: float, paint: PaintSetter
) -> None:
    """The shapes of ``op`` in its rect, whose top-left corner is ``(left, top)`` in PDF
    space (y up); artwork units are y down, so y is turned here."""
    sx = op.rect.width / op.size[0]
    sy = op.rect.height / op.size[1]
    for shape in op.shapes:
        path = Path()
        for kind, pts in shape.segments:
            xy = [left + v * sx if k % 2 == 0 else top - v * sy for k, v in enumerate(pts)]
            if kind == "M":
                path.move_to(*xy)
            elif kind == "L":
                path.line_to(*xy)
            elif kind == "C":
                path.curve_to(*xy)
            else:
                path.close()
        _paint_shape(canvas, path, shape, (sx * sy) ** 0.5, paint)


def _paint_shape(
    canvas: Canvas, path: Path, shape: PathShape, scale: float, paint: PaintSetter
) -> None:
    if shape.fill is not None:
        paint(shape.fill, False)
    if shape.stroke is not None:
        paint(shape.stroke, True)
        canvas.line_width(shape.stroke_width * scale)
    canvas.draw_path(
        path,
        stroke=shape.stroke is not None,
        fill=shape.fill is not None,
        rule=EVEN_ODD if shape.even_odd else NON_ZERO,
    )
