"""The output's format by its extension: .pdf, .png (page images of the same PDF bytes, at
--ppi), {p} page-number templates, -o - for one page, .svg and unknown extensions refused
before any work (exit 2)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, EXIT_PROBLEMS, OutputError
from layout.formats import (
    DEFAULT_PPI,
    SVG_REFUSED,
    OutputFormat,
    is_template,
    output_format,
    page_outputs,
    png_pages,
    without_template,
)

from .test_cli import BASE, SMALL_LABOUR, only_boxes

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
EDITION = REPO / "page_specs" / "edition.yaml"


# --------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("a.pdf", OutputFormat.PDF), ("a.PDF", OutputFormat.PDF), ("a.png", OutputFormat.PNG)],
)
def test_the_extension_names_the_format(name: str, fmt: OutputFormat, tmp_path: Path):
    assert output_format(tmp_path / name) is fmt


def test_standard_output_is_pdf_unless_format_says():
    assert output_format("-") is OutputFormat.PDF
    assert output_format("-", OutputFormat.PNG) is OutputFormat.PNG


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("page", "no extension"),
        ("page.txt", "'.txt'"),
        ("edition.PDF.txt", "'.txt'"),
        ("page.svg", "pdftocairo"),
    ],
)
def test_what_is_not_written_is_refused(name: str, words: str, tmp_path: Path):
    with pytest.raises(OutputError) as refused:
        output_format(tmp_path / name)
    assert refused.value.refused and words in str(refused.value)


def test_svg_is_refused_with_its_reason(tmp_path: Path):
    for output, given in ((tmp_path / "page.svg", None), ("-", OutputFormat.SVG)):
        with pytest.raises(OutputError) as refused:
            output_format(output, given)
        assert refused.value.message == SVG_REFUSED


def test_a_format_other_than_the_extension_is_refused(tmp_path: Path):
    with pytest.raises(OutputError, match="is a .pdf but --format says png"):
        output_format(tmp_path / "page.pdf", OutputFormat.PNG)


def test_a_folder_is_refused_with_the_file_to_give(tmp_path: Path):
    with pytest.raises(OutputError) as refused:
        output_format(tmp_path, stem="front")
    assert refused.value.refused and str(tmp_path / "front.pdf") in str(refused.value)


def test_page_templates():
    out = Path("out/page-{p}.png")
    assert is_template(out) and not is_template(Path("out/{p}/page.png"))  # the name only
    assert page_outputs(out, [1, 2, 10], OutputFormat.PNG) == [
        Path("out/page-1.png"),
        Path("out/page-2.png"),
        Path("out/page-10.png"),
    ]
    padded = page_outputs(Path("e-{0p}.png"), [1, 12], OutputFormat.PNG)
    assert padded == [Path("e-01.png"), Path("e-12.png")]
    assert page_outputs(Path("one.png"), [3], OutputFormat.PNG) == [Path("one.png")]
    with pytest.raises(OutputError, match=r"put \{p\}.*all-\{p\}\.png"):
        page_outputs(Path("all.png"), [1, 2], OutputFormat.PNG)


# --------------------------------------------------------------------------- rendering


def test_png_pages_are_the_pdf_pages_at_the_resolution(front_build):
    pdf = front_build.output.read_bytes()
    (png,) = png_pages(pdf, 36)
    image = Image.open(io.BytesIO(png))
    trim, bleed = front_build.page.trim, front_build.page.bleed
    # the media box (trim and bleed) at 36 pixels an inch: half a pixel a point (PDFium
    # rounds a part pixel either way)
    media = ((trim.width + 2 * bleed) / 2, (trim.height + 2 * bleed) / 2)
    assert all(abs(got - want) <= 1 for got, want in zip(image.size, media, strict=True))
    assert image.info["dpi"] == pytest.approx((36, 36), abs=0.1)
    assert image.convert("L").getextrema()[0] < 64  # ink on the page, not a blank
    assert png_pages(pdf, 36) == [png]  # the same bytes again


# --------------------------------------------------------------------------- the command


def _small_page(tmp_path: Path) -> Path:
    spec = tmp_path / "small.yaml"
    spec.write_text(only_boxes(BASE, SMALL_LABOUR), encoding="utf-8")
    return spec


def test_build_writes_a_png_of_the_pdf_it_would_write(tmp_path: Path, capsys):
    spec = _small_page(tmp_path)
    assert main(["build", str(spec), "-o", str(tmp_path / "page.pdf")]) == 0
    assert main(["build", str(spec), "-o", str(tmp_path / "page.png"), "--ppi", "30"]) == 0
    out = capsys.readouterr().out
    assert f"wrote {tmp_path / 'page.png'} (PNG at 30 ppi;" in out
    rendered = png_pages((tmp_path / "page.pdf").read_bytes(), 30)
    assert [(tmp_path / "page.png").read_bytes()] == rendered
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.pdf", "page.png", "small.yaml"]


def test_build_png_at_the_default_resolution_and_with_a_template(tmp_path: Path, capsys):
    spec = _small_page(tmp_path)
    assert main(["build", str(spec), "-o", str(tmp_path / "p{p}.png")]) == 0
    image = Image.open(tmp_path / "p1.png")  # the sample front page is page 1
    assert image.info["dpi"] == pytest.approx((DEFAULT_PPI, DEFAULT_PPI), abs=0.1)
    assert "at 144 ppi" in capsys.readouterr().out


def test_dash_with_png_writes_one_page_image_to_standard_output(tmp_path: Path):
    spec = _small_page(tmp_path)
    command = ["build", str(spec), "-o", "-", "-f", "png", "--ppi", "20"]
    piped = subprocess.run(
        [sys.executable, "-m", "layout", *command],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=300,
    )
    assert piped.stdout.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"wrote standard output (PNG at 20 ppi" in piped.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.yaml"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["-o", "{dir}/page.svg"], "pdftocairo -svg"),
        (["-o", "{dir}/page.tiff"], "'.tiff'"),
        (["-o", "{dir}/page"], "no extension"),
        (["-o", "{dir}"], "is a folder"),
        (["-o", "{dir}/page.pdf", "--ppi", "50"], "--ppi is the resolution of PNG output"),
        (["-o", "{dir}/page.pdf", "-f", "png"], "--format says png"),
    ],
)
def test_bad_outputs_are_refused_before_any_work(tmp_path: Path, capsys, args, words):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    for spec in (FRONT, EDITION):
        given = [a.replace("{dir}", str(out_dir)) for a in args]
        assert main(["build", str(spec), *given]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert words in err and len(err.splitlines()) == 1, err
        assert list(out_dir.iterdir()) == []


def test_an_edition_to_one_png_is_refused_before_layout(tmp_path: Path, capsys):
    assert main(["build", str(EDITION), "-o", str(tmp_path / "e.png")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "4 page images" in err and "e-{p}.png" in err
    assert main(["build", str(EDITION), "-o", str(tmp_path / "e-{p}.pdf")]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "{p} names page images" in err
    # The name to give instead, and the page PDFs' names it makes (never e-{p}-p01.pdf).
    assert f"(-o {tmp_path / 'e.pdf'})" in err
    assert f"({tmp_path / 'e-p01.pdf'}, {tmp_path / 'e-p02.pdf'}, …)" in err
    assert list(tmp_path.iterdir()) == []


def test_an_edition_as_page_images(tmp_path: Path, capsys):
    out = tmp_path / "e-{0p}.png"
    assert main(["build", str(EDITION), "-o", str(out), "--ppi", "12"]) == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["e-1.png", "e-2.png", "e-3.png", "e-4.png"]
    # page 3 is a tabloid page of the sample edition: its own size
    sizes = [Image.open(tmp_path / n).size for n in names]
    assert sizes[0] == sizes[1] and sizes[2] != sizes[0]
    assert "4 pages" in capsys.readouterr().out


def test_the_strict_page_to_standard_output_writes_nothing(tmp_path: Path):
    spec = _small_page(tmp_path)  # the labour story is over in its small box
    piped = subprocess.run(
        [sys.executable, "-m", "layout", "build", str(spec), "-o", "-", "-f", "png", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        timeout=300,
    )
    assert piped.returncode == EXIT_PROBLEMS
    assert piped.stdout == b"" and b"overset" in piped.stderr


@pytest.mark.parametrize(("name", "words"), [("proof.png", "--png DPI"), ("-", "is a file")])
def test_a_proof_is_a_pdf_file(tmp_path: Path, capsys, name: str, words: str):
    out = name if name == "-" else str(tmp_path / name)
    assert main(["proof", str(FRONT), "-o", out]) == EXIT_BAD_INPUT
    assert words in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_an_edition_pdf_to_standard_output(tmp_path: Path):
    piped = subprocess.run(
        [sys.executable, "-m", "layout", "build", str(EDITION), "-o", "-"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=600,
    )
    assert piped.stdout.startswith(b"%PDF-")
    assert b"wrote standard output (the edition PDF; 4 pages" in piped.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "whole"),
    [
        ("e-{p}.pdf", "e.pdf"),
        ("e_{0p}.pdf", "e.pdf"),
        ("{p}-e.pdf", "e.pdf"),
        ("e{p}x.pdf", "ex.pdf"),
        ("{p}.pdf", "edition.pdf"),
    ],
)
def test_the_one_file_a_template_names(name: str, whole: str) -> None:
    assert without_template(Path("out") / name, "edition") == Path("out") / whole
