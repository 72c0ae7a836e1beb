"""PDF artwork read as one-ink shapes: the first page's path objects, through pdfium
(pypdfium2, already the proof's renderer), with the transforms of their form objects
composed and the y axis turned down from the crop box's top.

Contract: :func:`read_pdf` returns the :class:`~layout.artwork.files.Artwork` (its size the
first page's crop box) or raises :class:`~layout.artwork.files.ArtworkError` for a file
pdfium cannot open (damaged, encrypted), no page, and what cannot print in one ink on a
PDF/X-1a page: text (its font: convert it to outlines), pictures, shadings, clipping paths,
transparency, nothing painted. The file's colours are read only to tell paint from paper, as
pdfium reports them (RGB of any colour space).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from ..page import Paint, PathShape, Segment
from .files import EXCERPT, Artwork, ArtworkError, file_bytes, is_pdf, paint_of_rgb

Affine = tuple[float, float, float, float, float, float]
IDENTITY: Affine = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_REFUSED = {
    raw.FPDF_PAGEOBJ_TEXT: "has text: convert it to outlines (its font would not be embedded)",
    raw.FPDF_PAGEOBJ_IMAGE: "embeds a picture: a logotype file is drawn as vectors only",
    raw.FPDF_PAGEOBJ_SHADING: "has a shading, which cannot print in one ink",
}


def read_pdf(path: Path) -> Artwork:
    """Open, verify and convert the first page of the PDF at ``path``."""
    data = file_bytes(path)
    if not is_pdf(path):
        raise ArtworkError(path, f"is not PDF (starts with {data[:EXCERPT]!r})")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ArtworkError(path, f"is a damaged PDF ({exc})") from None
    try:
        if len(document) == 0:
            raise ArtworkError(path, "has no page")
        page = document[0]
        left, bottom, right, top = page.get_cropbox()
        shapes: list[PathShape] = []
        for i in range(raw.FPDFPage_CountObjects(page.raw)):
            obj = raw.FPDFPage_GetObject(page.raw, i)
            shapes += _shapes(path, obj, IDENTITY, (left, top))
        page.close()
    finally:
        document.close()
    if not shapes:
        raise ArtworkError(path, "paints nothing")
    return Artwork(path, right - left, top - bottom, tuple(shapes))


def _compose(outer: Affine, inner: Affine) -> Affine:
    """``inner`` then ``outer`` (PDF matrices [a b c d e f], row vectors)."""
    a, b, c, d, e, f = inner
    p, q, r, s, t, u = outer
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def _matrix(obj) -> Affine:  # noqa: ANN001 - a pdfium page object
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, m)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _shapes(path: Path, obj, at: Affine, origin: tuple[float, float]) -> Iterator[PathShape]:  # noqa: ANN001
    """The painted shapes of a page object (a form's, recursively) under the transform ``at``
    of the forms it is in; ``origin`` is the crop box's top-left corner."""
    kind = raw.FPDFPageObj_GetType(obj)
    if kind in _REFUSED:
        raise ArtworkError(path, _REFUSED[kind])
    matrix = _compose(at, _matrix(obj))
    if kind == raw.FPDF_PAGEOBJ_FORM:
        for i in range(raw.FPDFFormObj_CountObjects(obj)):
            yield from _shapes(path, raw.FPDFFormObj_GetObject(obj, i), matrix, origin)
        return
    if kind != raw.FPDF_PAGEOBJ_PATH:
        raise ArtworkError(path, "has an object banmian does not draw")
    clip = raw.FPDFPageObj_GetClipPath(obj)
    if clip and raw.FPDFClipPath_CountPaths(clip) > 0:
        raise ArtworkError(path, "has a clipping path: flatten the artwork (no clips)")
    shape = _path_shape(path, obj, matrix, origin)
    if shape is not None:
        yield shape


def _colour(path: Path, getter, obj) -> Paint:  # noqa: ANN001
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    getter(obj, r, g, b, a)
    if a.value < 255:
        raise ArtworkError(path, "has transparency, which PDF/X-1a cannot print")
    return paint_of_rgb(r.value / 255, g.value / 255, b.value / 255)


def _path_shape(path: Path, obj, m: Affine, origin: tuple[float, float]) -> PathShape | None:  # noqa: ANN001
    fill_mode, stroke_on = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke_on)
    fill = None
    if fill_mode.value != raw.FPDF_FILLMODE_NONE:
        fill = _colour(path, raw.FPDFPageObj_GetFillColor, obj)
    stroke = _colour(path, raw.FPDFPageObj_GetStrokeColor, obj) if stroke_on.value else None
    width = ctypes.c_float()
    raw.FPDFPageObj_GetStrokeWidth(obj, width)
    if fill is None and stroke is None:
        return None
    a, b, c, d, e, f = m
    left, top = origin

    def point(segment) -> tuple[float, float]:  # noqa: ANN001
        x, y = ctypes.c_float(), ctypes.c_float()
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = x.value, y.value
        return (a * px + c * py + e - left, top - (b * px + d * py + f))

    segments: list[Segment] = []
    pending: list[float] = []  # the points of a Bézier: pdfium gives them one a segment
    for k in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, k)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            segments.append(("M", point(segment)))
        elif kind == raw.FPDF_SEGMENT_LINETO:
            segments.append(("L", point(segment)))
        elif kind == raw.FPDF_SEGMENT_BEZIERTO:
            pending += point(segment)
            if len(pending) == 6:
                segments.append(("C", tuple(pending)))
                pending = []
        if raw.FPDFPathSegment_GetClose(segment):
            segments.append(("Z", ()))
    scale = abs(a * d - b * c) ** 0.5
    even_odd = fill_mode.value == raw.FPDF_FILLMODE_ALTERNATE
    return PathShape(tuple(segments), fill, stroke, width.value * scale, even_odd)
