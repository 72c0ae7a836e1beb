"""Vector artwork files (a logotype as SVG or PDF): opened, verified and read as one-ink
shapes.

A newspaper prints its logotype (报头字) in one ink, a spot or process red: the artwork is
drawn as vector paths whose shape comes from the file and whose colour is the spec's ink. So
the file's colours are read only to tell paint from paper: white shapes stay paper white (the
counters a logotype knocks out), every other painted shape takes the ink.

Contract: :func:`read_artwork` reads an SVG (:mod:`.svg`, with svglib) or the first page of
a PDF (:mod:`.pdf`, with pdfium), whatever the file's name, and returns :class:`Artwork`:
its size in points and every shape as a :class:`~layout.page.PathShape` (outline segments, y
down from the top-left corner, filled and/or stroked in ink or paper). What cannot print in
one ink on a PDF/X-1a page is an :class:`ArtworkError` (``reason`` is one sentence): a
missing, empty or damaged file, text (a font the PDF would not embed: convert it to
outlines), pictures, gradients, patterns and shadings, clipping paths, transparency,
nothing painted. The PDF writer draws the shapes as it draws rules, so their colours are the
page's own (DeviceCMYK or the Separation of a spot ink) and nothing else enters the PDF.
"""

from __future__ import annotations

from pathlib import Path

from .files import Artwork, ArtworkError, is_artwork, is_pdf, is_svg

__all__ = ["Artwork", "ArtworkError", "is_artwork", "is_pdf", "is_svg", "read_artwork"]


def read_artwork(path: Path | str) -> Artwork:
    """Open, verify and convert the SVG or PDF at ``path``; raises :class:`ArtworkError`."""
    path = Path(path)
    # The readers are imported here: pdfium, svglib and lxml load only for a page that has
    # artwork (a page of text alone needs none of them).
    if is_pdf(path):
        from .pdf import read_pdf

        return read_pdf(path)
    from .svg import read_svg

    return read_svg(path)
