"""PNG previews: one file a page beside the PDF, at the resolution asked for."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from layout.proof.png import png_paths, render_pngs


def two_pages(path: Path) -> Path:
    canvas = Canvas(str(path), pagesize=(144, 72))
    canvas.rect(10, 10, 50, 50, fill=1)
    canvas.showPage()
    canvas.rect(20, 20, 30, 30, fill=1)
    canvas.showPage()
    canvas.save()
    return path


def test_png_paths_are_numbered_beside_the_proof() -> None:
    assert png_paths(Path("out/front-proof.pdf"), 2) == [
        Path("out/front-proof-1.png"),
        Path("out/front-proof-2.png"),
    ]


def test_every_page_rendered_at_its_dpi(tmp_path: Path) -> None:
    pdf = two_pages(tmp_path / "two.pdf")
    written = render_pngs(pdf, 144)
    assert written == png_paths(pdf, 2)
    for png in written:
        with Image.open(png) as im:
            assert im.size == (288, 144)  # 2 × 1 inch at 144 dpi
            assert im.info["dpi"] == pytest.approx((144, 144), abs=0.1)


def test_a_pdf_given_as_bytes_needs_a_place(tmp_path: Path) -> None:
    data = two_pages(tmp_path / "two.pdf").read_bytes()
    with pytest.raises(TypeError, match="beside"):
        render_pngs(data, 72)
    (first, second) = render_pngs(data, 72, beside=tmp_path / "elsewhere.pdf")
    assert first == tmp_path / "elsewhere-1.png" and second.is_file()
