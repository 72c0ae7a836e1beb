"""SVG logotypes read as one-ink shapes (``layout.artwork``): group transforms flattened and
the y axis turned, paint told from paper, and every file that cannot print in one ink on a
PDF/X-1a page refused with one sentence: damaged XML, no <svg>, no size, text, pictures,
gradients, clipping paths, transparency, nothing painted."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.artwork import ArtworkError, is_svg, read_artwork
from layout.page import Paint

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" viewBox="0 0 200 100">'


def svg(tmp_path: Path, body: str, head: str = SVG, name: str = "logo.svg") -> Path:
    path = tmp_path / name
    path.write_text(f"{head}{body}</svg>", encoding="utf-8")
    return path


def points(segments) -> list[tuple[float, float]]:  # noqa: ANN001
    return [
        (round(pts[k], 3), round(pts[k + 1], 3))
        for _, pts in segments
        for k in range(0, len(pts), 2)
    ]


def test_shapes_in_points_y_down_with_paint_and_paper(tmp_path: Path) -> None:
    path = svg(
        tmp_path,
        '<rect x="10" y="20" width="40" height="30" fill="#cc0000"/>'
        '<circle cx="100" cy="50" r="10" fill="white"/>'
        '<g transform="translate(150 0)"><path d="M0 0 L20 0 L10 40 Z" fill="none" '
        'stroke="black" stroke-width="2" fill-rule="evenodd"/></g>',
    )
    art = read_artwork(path)
    # svglib maps SVG px to pt (0.75): 200 × 100 px is 150 × 75 pt
    assert (art.width, art.height) == (150.0, 75.0)
    rect, circle, triangle = art.shapes
    assert rect.fill is Paint.INK and rect.stroke is None
    # the rect's top-left corner (10, 20) px, y down from the artwork's top: (7.5, 15) pt
    assert points(rect.segments)[0] == (7.5, 15.0)
    assert {p[1] for p in points(rect.segments)} == {15.0, 37.5}
    assert circle.fill is Paint.PAPER  # white: the paper shows
    xs = [p[0] for p in points(circle.segments)]
    assert min(xs) == 67.5 and max(xs) == 82.5
    assert triangle.fill is None and triangle.stroke is Paint.INK
    assert triangle.stroke_width == pytest.approx(1.5)
    assert points(triangle.segments)[:3] == [(112.5, 0.0), (127.5, 0.0), (120.0, 30.0)]
    assert [op for op, _ in triangle.segments] == ["M", "L", "L", "Z"]


def test_is_svg_reads_the_first_bytes_not_the_name(tmp_path: Path) -> None:
    named_png = svg(tmp_path, '<rect width="1" height="1"/>', name="logo.png")
    assert is_svg(named_png)
    png = tmp_path / "x.svg"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    assert not is_svg(png)


@pytest.mark.parametrize(
    ("body", "head", "says"),
    [
        ('<rect width="10" height="10"/', SVG, "is damaged XML"),
        ('<text x="1" y="9">今日</text>', SVG, "has text: convert it to outlines"),
        (
            '<image width="4" height="4" href="data:image/png;base64,iVBORw0KGgo="/>',
            SVG,
            "embeds a picture",
        ),
        (
            '<linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>'
            '<rect width="10" height="10" fill="url(#g)"/>',
            SVG,
            "gradient",
        ),
        (
            '<clipPath id="c"><rect width="5" height="5"/></clipPath>'
            '<rect width="10" height="10" clip-path="url(#c)"/>',
            SVG,
            "clipping path",
        ),
        ('<rect width="10" height="10" fill-opacity="0.5"/>', SVG, "transparency"),
        ('<rect width="10" height="10" fill="none"/>', SVG, "paints nothing"),
        ('<rect width="10" height="10"/>', '<svg xmlns="http://www.w3.org/2000/svg">', "no size"),
    ],
    ids=["damaged", "text", "picture", "gradient", "clip", "transparency", "nothing", "no size"],
)
def test_artwork_that_cannot_print_in_one_ink_is_refused(
    tmp_path: Path, body: str, head: str, says: str
) -> None:
    with pytest.raises(ArtworkError) as caught:
        read_artwork(svg(tmp_path, body, head))
    assert says in caught.value.reason
    assert "logo.svg" in str(caught.value)


def test_files_that_are_not_svg_are_refused(tmp_path: Path) -> None:
    cases = {
        "missing": (tmp_path / "nothing.svg", "does not exist"),
        "folder": (tmp_path, "is a folder"),
    }
    empty = tmp_path / "empty.svg"
    empty.write_text("  \n", encoding="utf-8")
    cases["empty"] = (empty, "is empty")
    html = tmp_path / "page.svg"
    html.write_text("<html><body/></html>", encoding="utf-8")
    cases["html"] = (html, "has no <svg> root")
    binary = tmp_path / "binary.svg"
    binary.write_bytes(b"GIF89a....")
    cases["binary"] = (binary, "is not SVG (starts with b'GIF89a..')")
    for name, (path, says) in cases.items():
        with pytest.raises(ArtworkError) as caught:
            read_artwork(path)
        assert says in caught.value.reason, name


# --------------------------------------------------------------------------- PDF artwork


def pdf_logo(path: Path, draw) -> Path:  # noqa: ANN001
    """A one-page PDF of 400 × 100 pt drawn by ``draw(canvas)`` (ReportLab)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(400, 100), invariant=1)
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return path


def test_a_pdf_page_is_read_as_shapes_y_down(tmp_path: Path) -> None:
    from reportlab.lib.colors import CMYKColor

    def draw(c) -> None:  # noqa: ANN001
        c.setFillColorRGB(0.8, 0, 0)
        c.rect(0, 0, 100, 100, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.circle(50, 50, 30, stroke=0, fill=1)
        c.saveState()
        c.translate(100, 0)  # a transform the points must go through
        c.setFillColor(CMYKColor(0, 1, 1, 0))
        c.setLineWidth(4)
        path = c.beginPath()
        path.moveTo(20, 90)
        path.lineTo(100, 90)
        path.lineTo(60, 10)
        path.close()
        c.drawPath(path, stroke=1, fill=1)
        c.restoreState()

    art = read_artwork(pdf_logo(tmp_path / "logo.pdf", draw))
    assert (art.width, art.height) == (400.0, 100.0)
    square, counter, triangle = art.shapes
    assert square.fill is Paint.INK and counter.fill is Paint.PAPER
    assert sorted(set(points(square.segments))) == [(0, 0), (0, 100), (100, 0), (100, 100)]
    assert triangle.fill is Paint.INK and triangle.stroke is Paint.INK
    assert triangle.stroke_width == pytest.approx(4.0)
    # (20, 90) up from the foot, moved 100 right: 10 down from the top
    assert points(triangle.segments)[0] == (120.0, 10.0)
    assert "C" in [op for op, _ in counter.segments]  # the circle's curves


def clipped(c) -> None:  # noqa: ANN001
    path = c.beginPath()
    path.rect(0, 0, 50, 50)
    c.clipPath(path, stroke=0, fill=0)
    c.rect(0, 0, 100, 100, stroke=0, fill=1)


@pytest.mark.parametrize(
    ("draw", "says"),
    [
        (lambda c: c.drawString(10, 10, "Hi"), "has text: convert it to outlines"),
        (lambda c: None, "paints nothing"),
        (clipped, "clipping path"),
    ],
    ids=["text", "nothing", "clip"],
)
def test_a_pdf_that_cannot_print_in_one_ink_is_refused(tmp_path: Path, draw, says: str) -> None:  # noqa: ANN001
    path = pdf_logo(tmp_path / "logo.pdf", draw)
    with pytest.raises(ArtworkError) as caught:
        read_artwork(path)
    assert says in caught.value.reason


def test_a_damaged_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "logo.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    with pytest.raises(ArtworkError) as caught:
        read_artwork(path)
    assert "is a damaged PDF" in caught.value.reason
