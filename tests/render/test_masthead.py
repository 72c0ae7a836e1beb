"""The masthead in the press PDF, read back with pikepdf and pdftotext: the type logotype's
glyphs painted in the spot ink's Separation, an SVG logotype drawn as paths in it (white
counters in CMYK 0 0 0 0) with no form, font or RGB of its own, a picture logotype
converted to CMYK; each press PDF passes the PDF/X-1a preflight; the date printed once; the
CN line printed when the edition gives a CN and not when it does not."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from layout.build import build
from layout.render.pdfx import check_pdfx

REPO = Path(__file__).resolve().parents[2]
BASE = (
    (REPO / "tests" / "fixtures" / "front-standalone.yaml")
    .read_text(encoding="utf-8")
    .replace("articles: ../../articles", f"articles: {REPO / 'articles'}")
    .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {REPO / 'fonts' / 'manifest.yaml'}")
)
RED = "spot(PANTONE 485 C, 0, 95, 100, 0)"
SEPARATION = "/PANTONE 485 C"
MASTHEAD = "  - {id: masthead, kind: masthead, at: {column: 1, span: 5, line: 1, lines: 10}"
EAR = "  - {id: ear, kind: ear, at: {column: 6, span: 3, line: 1, lines: 10}}\n"


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))


def page_with(tmp_path: Path, boxes: str, head_edit: tuple[str, str] | None = None) -> Path:
    head = BASE[: BASE.index("\nboxes:")]
    if head_edit is not None:
        assert head.count(head_edit[0]) == 1
        head = head.replace(*head_edit)
    path = tmp_path / "page.yaml"
    path.write_text(f"{head}\nboxes:\n{boxes}", encoding="utf-8")
    return path


def painted(pdf_path: Path) -> list[tuple[str, str | None, list[str]]]:
    """Each text show (Tj/TJ) and path paint (f, f*, B, B*, S) of page 1 with the fill
    colour space in force (a Separation's name, or DeviceCMYK as 'cmyk c m y k')."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        spaces = page.Resources.get("/ColorSpace") or {}
        fill: str | None = None
        stack: list[str | None] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "q":
                stack.append(fill)
            elif op == "Q":
                fill = stack.pop()
            elif op == "cs":
                space = spaces.get(str(operands[0]))
                fill = str(space[1]) if space is not None else str(operands[0])
            elif op == "k":
                fill = "cmyk " + " ".join(f"{float(v):g}" for v in operands)
            elif op in ("Tj", "TJ", "f", "f*", "B", "B*", "S"):
                found.append((op, fill, [str(o) for o in operands]))
    return found


def pdf_text(pdf: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    return "".join(out.split())


def test_the_sample_logotype_glyphs_are_in_the_spot_ink(front_build) -> None:
    pdf = front_build.output
    assert check_pdfx(pdf) == []
    with pikepdf.open(pdf) as doc:
        spaces = doc.pages[0].Resources.ColorSpace
        (red,) = [cs for cs in spaces.values() if str(cs[1]) == SEPARATION]
        assert str(red[0]) == "/Separation" and str(red[2]) == "/DeviceCMYK"
    shows = [fill for op, fill, _ in painted(pdf) if op in ("Tj", "TJ")]
    # the first text of the page is the logotype, then its pinyin: both in the spot ink
    assert shows[0] == SEPARATION
    assert shows.count(SEPARATION) >= 3  # 今日平湖, JINRI, PINGHU
    text = pdf_text(pdf)
    assert text.count("2025年4月30日") == 1 and text.count("第7188期") == 1
    assert text.count("国内统一连续出版物号：CN33-0000") == 1


def test_the_cn_line_is_printed_only_when_given(tmp_path: Path) -> None:
    boxes = MASTHEAD + "}\n" + EAR
    without = page_with(tmp_path, boxes, ("  cn: CN 33-0000", "  postal: 31-36"))
    build(without, tmp_path / "without.pdf")
    text = pdf_text(tmp_path / "without.pdf")
    assert "出版物号" not in text and "CN33" not in text
    assert "邮发代号：31-36" in text
    build(page_with(tmp_path, boxes), tmp_path / "with.pdf")
    assert pdf_text(tmp_path / "with.pdf").count("国内统一连续出版物号：CN33-0000") == 1


def test_an_svg_logotype_is_paths_in_the_spot_ink(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100">'
        '<rect width="400" height="100" fill="#c00"/>'
        '<circle cx="50" cy="50" r="30" fill="#fff"/>'
        '<path d="M120 10 L200 10 L160 90 Z" fill="black" stroke="black" stroke-width="4"/>'
        "</svg>",
        encoding="utf-8",
    )
    boxes = MASTHEAD + f", logotype: {{image: logo.svg, color: '{RED}'}}}}\n" + EAR
    out = tmp_path / "svg.pdf"
    build(page_with(tmp_path, boxes), out)
    assert check_pdfx(out) == []
    paints = [(op, fill) for op, fill, _ in painted(out) if op not in ("Tj", "TJ")]
    # the red square, the white counter, the stroked triangle, then the masthead's rules
    assert paints[:3] == [("f", SEPARATION), ("f", "cmyk 0 0 0 0"), ("B", SEPARATION)]
    with pikepdf.open(out) as pdf:
        resources = pdf.pages[0].Resources
        xobjects = resources.get("/XObject") or {}
        assert not [x for x in xobjects.values() if str(x.get("/Subtype")) == "/Form"]
        fonts = [str(f.Subtype) for f in (resources.get("/Font") or {}).values()]
        assert set(fonts) == {"/Type0"}  # only the page's own embedded CID fonts
        operators = {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
    assert not {"rg", "RG", "sh", "BI"} & operators


def test_a_picture_logotype_is_converted_to_cmyk(tmp_path: Path) -> None:
    Image.new("RGBA", (2400, 600), (200, 0, 0, 255)).save(tmp_path / "logo.png")
    boxes = MASTHEAD + ", logotype: {image: logo.png}}\n" + EAR
    out = tmp_path / "png.pdf"
    result = build(page_with(tmp_path, boxes), out)
    assert [p for p in result.problems if p.box == "masthead"] == []  # over 200 ppi
    assert check_pdfx(out) == []
    with pikepdf.open(out) as pdf:
        (image,) = [
            x for x in pdf.pages[0].Resources.XObject.values() if str(x.get("/Subtype")) == "/Image"
        ]
        assert str(image.ColorSpace) == "/DeviceCMYK"


def test_a_pdf_logotype_is_paths_in_the_spot_ink(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    logo = Canvas(str(tmp_path / "logo.pdf"), pagesize=(400, 100), invariant=1)
    logo.setFillColorRGB(0.8, 0.0, 0.0)  # RGB in the logotype file: only its shape is used
    logo.rect(0, 0, 400, 100, stroke=0, fill=1)
    logo.setFillColorRGB(1, 1, 1)
    logo.circle(50, 50, 30, stroke=0, fill=1)
    logo.showPage()
    logo.save()
    boxes = MASTHEAD + f", logotype: {{image: logo.pdf, color: '{RED}'}}}}\n" + EAR
    out = tmp_path / "pdf.pdf"
    build(page_with(tmp_path, boxes), out)
    assert check_pdfx(out) == []
    paints = [(op, fill) for op, fill, _ in painted(out) if op not in ("Tj", "TJ")]
    assert paints[:2] == [("f*", SEPARATION), ("f*", "cmyk 0 0 0 0")]  # ReportLab: even-odd
    with pikepdf.open(out) as pdf:
        operators = {str(op) for _, op in pikepdf.parse_content_stream(pdf.pages[0])}
        xobjects = pdf.pages[0].Resources.get("/XObject") or {}
        assert not list(xobjects.values())
    assert not {"rg", "RG"} & operators


def test_the_logotype_file_is_an_input_no_output_may_overwrite(tmp_path: Path) -> None:
    from layout.output import OutputError

    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10">'
        '<rect width="40" height="10"/></svg>',
        encoding="utf-8",
    )
    spec = page_with(tmp_path, MASTHEAD + ", logotype: {image: logo.svg}}\n")
    before = (tmp_path / "logo.svg").read_bytes()
    with pytest.raises(OutputError) as caught:
        build(spec, tmp_path / "logo.svg")
    assert "is the logotype" in str(caught.value) and "an input of this build" in str(caught.value)
    assert (tmp_path / "logo.svg").read_bytes() == before
