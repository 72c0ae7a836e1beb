"""The press PDF (PDF/X-1a:2003 for newsprint), the default output of ``build``.

The sample front page (session fixture ``front_build``) is checked as a press preflight would:
``qpdf --check``, embedded subset fonts, no RGB anywhere, page boxes, output intent and PDF/X
keys, overprinting black, and the total ink measured on a Ghostscript CMYK rendering. Small
pages with one photo box (written to tmp_path) check the photo conversion and resolution
checks, colours in the spec, marks, and the proof-colour switch.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from layout.build import build
from layout.cli import main
from layout.errors import SpecErrors
from layout.page import ImageOp
from layout.render.pdfx import check_pdfx
from layout.report import ProblemKind, Severity

REPO = Path(__file__).resolve().parents[2]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
MANIFEST = REPO / "fonts" / "manifest.yaml"
MM = 72 / 25.4
INK_LIMIT = 240.0

needs_gs = pytest.mark.skipif(not shutil.which("gs"), reason="ghostscript not installed")
needs_qpdf = pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdffonts") and shutil.which("pdfimages")), reason="poppler-utils missing"
)


def run(*args: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args], check=check, capture_output=True, text=True, timeout=120
    )


def max_ink(pdf: Path, tmp_path: Path, dpi: int = 30) -> float:
    """Highest C+M+Y+K (percent) of any pixel of a Ghostscript CMYK rendering of the page's
    bleed box."""
    tiff = tmp_path / "ink.tif"
    run(
        "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", f"-r{dpi}",
        "-dUseBleedBox", f"-sOutputFile={tiff}", pdf,
    )  # fmt: skip
    with Image.open(tiff) as im:
        assert im.mode == "CMYK"
        pixels = np.asarray(im).astype(np.int32)
    return float(pixels.sum(axis=-1).max()) * 100 / 255


def content_operators(pdf: Path) -> set[str]:
    with pikepdf.open(pdf) as doc:
        return {str(op) for page in doc.pages for _, op in pikepdf.parse_content_stream(page)}


def image_spaces(pdf: Path) -> list[str]:
    with pikepdf.open(pdf) as doc:
        return [
            str(x.get("/ColorSpace"))
            for page in doc.pages
            for _, x in (page.obj.Resources.get("/XObject") or {}).items()
            if str(x.get("/Subtype")) == "/Image"
        ]


# --------------------------------------------------------------------------- the front page


@pytest.fixture(scope="module")
def press_pdf(front_build) -> Path:
    assert front_build.spec.press.pdfx  # the press PDF is the default
    return front_build.output


@needs_qpdf
def test_qpdf_check_is_clean(press_pdf: Path):
    result = run("qpdf", "--check", press_pdf, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No syntax or stream encoding errors found" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_the_preflight_finds_nothing(press_pdf: Path):
    assert check_pdfx(press_pdf) == []


def test_pdfx_version_output_intent_and_info(press_pdf: Path):
    assert press_pdf.read_bytes().startswith(b"%PDF-1.4\n")
    with pikepdf.open(press_pdf) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert str(intent.OutputConditionIdentifier) == "IFRA26"
        assert str(intent.RegistryName) == "http://www.color.org"
        info = pdf.docinfo
        assert str(info.GTS_PDFXVersion) == "PDF/X-1a:2003"
        assert str(info.GTS_PDFXConformance) == "PDF/X-1a:2003"
        assert info.Trapped == "/False"
        assert str(info.Title) == "今日平湖 要闻"
        assert "/CreationDate" in info and "/ModDate" in info
        assert len(pdf.trailer.ID) == 2 and len(bytes(pdf.trailer.ID[0])) == 16
        for page in pdf.pages:
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
            assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.01)


@needs_poppler
def test_every_font_embedded_and_subset(press_pdf: Path):
    lines = run("pdffonts", press_pdf).stdout.splitlines()
    rows = [line.split() for line in lines[2:] if line.strip()]
    assert rows
    for row in rows:
        assert row[-5:-3] == ["yes", "yes"], row  # emb, sub
        assert re.fullmatch(r"[A-Z]{6}\+.+", row[0]), row
    assert "Helvetica" not in "\n".join(lines)


@needs_poppler
def test_no_rgb_anywhere(press_pdf: Path):
    assert not {"rg", "RG"} & content_operators(press_pdf)
    with pikepdf.open(press_pdf) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary | pikepdf.Array):
                assert "/DeviceRGB" not in repr(obj)
    images = run("pdfimages", "-list", press_pdf).stdout.splitlines()[2:]
    assert images
    for row in images:
        assert row.split()[5] in ("cmyk", "gray"), row


def test_black_text_overprints(press_pdf: Path):
    with pikepdf.open(press_pdf) as pdf:
        states = list((pdf.pages[0].Resources.get("/ExtGState") or {}).values())
    assert any(s.get("/op") is True for s in states)
    assert any(s.get("/OPM") == 1 for s in states)
    assert not any("/SMask" in s or "/ca" in s or "/CA" in s for s in states)


@needs_gs
def test_total_ink_within_the_newsprint_limit(press_pdf: Path, tmp_path: Path):
    ink = max_ink(press_pdf, tmp_path)
    print(f"maximum total ink: {ink:.1f}%")
    assert 100.0 <= ink <= INK_LIMIT  # black text at least; the photo is limited


# --------------------------------------------------------------------------- small pages


ARTICLE = """\
id: picture
headline: 图片新闻
photos:
- file: {file}
  caption: 测试图片。
"""

PHOTO_BOX = """\
  - {id: masthead, kind: masthead, at: {column: 1, span: 5, line: 1, lines: 11}}
  - id: photo
    kind: photo
    article: picture
    at: {column: 6, span: 3, line: 1, lines: 34}
"""


def write_spec(tmp_path: Path, image: Path, press: str = "", style_color: str = "") -> Path:
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    (articles / "picture.yaml").write_text(ARTICLE.format(file=image), encoding="utf-8")
    text = (
        FRONT_TEXT.read_text(encoding="utf-8")
        .replace("articles: ../../articles", f"articles: {articles}")
        .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {MANIFEST}")
    )
    head = text[: text.index("\nboxes:")]
    if style_color:
        head = head.replace(
            "align: center, latin_gap: 0}\n  headline:",
            f"align: center, color: '{style_color}'}}\n  headline:",
        )
    spec = tmp_path / "page.yaml"
    spec.write_text(f"{head}\n{press}\nboxes:\n{PHOTO_BOX}", encoding="utf-8")
    return spec


def rgb_photo(path: Path, size: tuple[int, int]) -> Path:
    """Saturated RGB bands and a pure black corner: 300–400 % ink if converted naively."""
    w, h = size
    x = np.linspace(0, 255, w, dtype=np.float32)[None, :].repeat(h, 0)
    y = np.linspace(0, 255, h, dtype=np.float32)[:, None].repeat(w, 1)
    rgb = np.stack([x, y, 255 - x], axis=-1).astype(np.uint8)
    rgb[: h // 4, : w // 4] = 0  # black
    rgb[h // 4 : h // 2, : w // 4] = (40, 0, 60)  # a deep shadow
    Image.fromarray(rgb, "RGB").save(path)
    return path


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BANMIAN_CACHE", str(folder))
    return folder


@needs_gs
def test_rgb_photo_is_converted_to_cmyk_within_the_ink_limit(tmp_path: Path, cache: Path):
    # 369 pt wide (3 columns) at ~260 ppi: embedded as is, not resampled
    image = rgb_photo(tmp_path / "rgb.png", (1332, 2000))
    spec = write_spec(tmp_path, image)
    out = tmp_path / "out" / "rgb.pdf"
    result = build(spec, out)
    assert not [p for p in result.problems if p.kind is ProblemKind.LOW_RESOLUTION]
    assert image_spaces(out) == ["/DeviceCMYK"]
    assert check_pdfx(out) == []
    assert max_ink(out, tmp_path) <= INK_LIMIT
    converted = list((cache / "press-images").glob("*.jpg"))
    assert len(converted) == 1
    (op,) = [o for o in result.page.ops if isinstance(o, ImageOp)]
    x0, y0, x1, y1 = op.window  # the fill window: only the pixels shown are converted
    with Image.open(converted[0]) as im:
        assert (im.mode, im.size) == ("CMYK", (x1 - x0, y1 - y0))
        assert (x1 - x0, im.size[1]) == (1332, y1 - y0) and y1 - y0 < 2000
    # cached: a second build does not convert again, and gives the same bytes
    stamp = converted[0].stat().st_mtime_ns
    again = tmp_path / "out" / "again.pdf"
    build(spec, again)
    assert converted[0].stat().st_mtime_ns == stamp
    assert again.read_bytes() == out.read_bytes()


def test_photo_far_above_the_press_resolution_is_resampled(tmp_path: Path, cache: Path):
    image = rgb_photo(tmp_path / "big.png", (1332, 2000))  # ~260 ppi over 369 pt
    out = tmp_path / "big.pdf"
    # above 1.5 × a 150 ppi press: resampled to 150 ppi
    result = build(write_spec(tmp_path, image, "press: {resolution: 150}"), out)
    (op,) = [o for o in result.page.ops if isinstance(o, ImageOp)]
    with pikepdf.open(out) as pdf:
        (xobj,) = [x for x in pdf.pages[0].Resources.XObject.values() if x.Subtype == "/Image"]
        width = int(xobj.Width)
    assert width / (op.rect.width / 72) == pytest.approx(150, abs=1)


def test_low_resolution_photo_warns(tmp_path: Path, cache: Path):
    image = rgb_photo(tmp_path / "soft.png", (900, 1800))  # 900 px over 369 pt: ~176 ppi
    result = build(write_spec(tmp_path, image), tmp_path / "soft.pdf")
    (low,) = [p for p in result.problems if p.kind is ProblemKind.LOW_RESOLUTION]
    assert low.severity is Severity.WARNING
    assert low.details.ppi == pytest.approx(900 / (369 / 72), abs=1)
    assert not result.errors


def test_photo_below_the_strict_threshold_is_an_error_and_strict_exits_1(
    tmp_path: Path, cache: Path, capsys: pytest.CaptureFixture[str]
):
    image = rgb_photo(tmp_path / "tiny.png", (300, 600))  # ~59 ppi
    spec = write_spec(tmp_path, image)
    out = tmp_path / "out" / "tiny.pdf"
    assert main(["build", str(spec), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "error: low-resolution: box photo" in err and "below 150" in err
    assert main(["build", str(spec), "-o", str(out), "--strict"]) == 1
    assert out.is_file()  # still written: the exit code says there is a problem
    # the spec decides the thresholds
    relaxed = write_spec(tmp_path, image, "press: {min_ppi: 50, strict_ppi: 40}")
    assert main(["build", str(relaxed), "-o", str(out), "--strict"]) == 0


def test_proof_colours_keep_the_photo_as_it_is(tmp_path: Path, cache: Path):
    image = rgb_photo(tmp_path / "rgb.png", (1332, 2000))
    spec = write_spec(tmp_path, image)
    out = tmp_path / "proof.pdf"
    assert main(["build", str(spec), "-o", str(out), "--no-pdfx"]) == 0
    assert image_spaces(out) == ["/DeviceRGB"]
    with pikepdf.open(out) as pdf:
        assert "/OutputIntents" not in pdf.Root
    assert not (cache / "press-images").exists()  # nothing converted (a fill crop is cut out)
    in_spec = write_spec(tmp_path, image, "press: {pdfx: false}")
    assert main(["build", str(in_spec), "-o", str(out), "--pdfx"]) == 0
    assert image_spaces(out) == ["/DeviceCMYK"]


def grey_gradients(tmp_path: Path) -> tuple[Path, Path]:
    """The same grey gradient, every 8-bit level, saved in 8 bits and in 16 (v × 257)."""
    levels = np.linspace(0, 255, 1332).round().astype(np.uint8)[None, :].repeat(2000, 0)
    eight, sixteen = tmp_path / "grey8.png", tmp_path / "grey16.png"
    Image.fromarray(levels).save(eight)
    Image.fromarray(levels.astype(np.uint16) * 257).save(sixteen)
    with Image.open(sixteen) as im:
        assert im.mode == "I;16"
    return eight, sixteen


def printed_grey(pdf: Path) -> tuple[bytes, np.ndarray]:
    """The one image of ``pdf``: its stream as stored, and its grey levels as decoded."""
    with pikepdf.open(pdf) as doc:
        (xobj,) = [x for x in doc.pages[0].Resources.XObject.values() if x.Subtype == "/Image"]
        assert xobj.ColorSpace == "/DeviceGray"
        image = pikepdf.PdfImage(xobj).as_pil_image()
        return xobj.read_raw_bytes(), np.asarray(image)


@pytest.mark.parametrize("pdfx", ["--pdfx", "--no-pdfx"])
def test_16_bit_grey_prints_the_grey_levels_of_8_bit_grey(tmp_path: Path, cache: Path, pdfx: str):
    eight, sixteen = grey_gradients(tmp_path)
    printed = []
    for image in (eight, sixteen):
        out = tmp_path / f"{image.stem}.pdf"
        assert main(["build", str(write_spec(tmp_path, image)), "-o", str(out), pdfx]) == 0
        printed.append(printed_grey(out))
    (raw8, grey8), (raw16, grey16) = printed
    assert raw16 == raw8  # the same levels, the same bytes: scaled, not clipped at 255
    assert grey16.min() <= 2 and grey16.max() >= 253 and 100 < grey16.mean() < 155


def test_marks_outside_the_bleed(tmp_path: Path, cache: Path):
    image = rgb_photo(tmp_path / "rgb.png", (1332, 2000))
    out = tmp_path / "marks.pdf"
    build(write_spec(tmp_path, image, "press: {marks: true, slug: 10mm}"), out)
    assert check_pdfx(out) == []
    with pikepdf.open(out) as pdf:
        page = pdf.pages[0]
        media = [float(v) for v in page.MediaBox]
        trim = [float(v) for v in page.obj.TrimBox]
        bleed = [float(v) for v in page.obj.BleedBox]
    assert media[2] == pytest.approx(390 * MM + 2 * 13 * MM, abs=0.01)
    assert trim[0] == pytest.approx(13 * MM, abs=0.01)
    assert bleed[0] == pytest.approx(10 * MM, abs=0.01)
    assert "/All" in out.read_bytes().decode("latin-1")  # registration colour


def test_marks_at_the_least_slug_stand_between_the_bleed_and_the_sheet_edge(
    tmp_path: Path, cache: Path
) -> None:
    """At 2.9 mm, the least slug the spec takes: every mark's path is inside the MediaBox and
    outside the BleedBox (none is cut off, none is printed on the page)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    image = rgb_photo(tmp_path / "rgb.png", (600, 900))
    out = tmp_path / "marks.pdf"
    build(write_spec(tmp_path, image, "press: {marks: true, slug: 2.9mm}"), out)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        x0, top0, x1, bottom0 = (float(v) for v in page.mediabox)
        bleed = [float(v) for v in page.page_obj.attrs["BleedBox"]]
        # In the registration colour: one tint of the /All separation (every plate).
        marks = [o for o in page.lines + page.curves if o["stroking_color"] in (1, (1,))]
    assert len(marks) >= 8 + 4  # two crop marks at each corner, four targets
    height = bottom0 - top0
    for mark in marks:
        assert x0 <= mark["x0"] and mark["x1"] <= x1 and top0 <= mark["top"]
        assert mark["bottom"] <= bottom0
        y0, y1 = height - mark["bottom"], height - mark["top"]  # PDF's y up
        outside = (
            mark["x1"] <= bleed[0] + 0.2
            or mark["x0"] >= bleed[2] - 0.2
            or y1 <= bleed[1] + 0.2
            or y0 >= bleed[3] - 0.2
        )
        assert outside, mark


@pytest.mark.parametrize("slug", ["0mm", "2.8mm"])
def test_a_slug_too_small_for_the_marks_is_refused(tmp_path: Path, slug: str, capsys) -> None:
    image = rgb_photo(tmp_path / "rgb.png", (600, 900))
    spec = write_spec(tmp_path, image, f"press: {{marks: true, slug: {slug}}}")
    out = tmp_path / "marks.pdf"
    assert main(["build", str(spec), "-o", str(out)]) == 2
    assert not out.exists()
    err = capsys.readouterr().err
    line = next(
        n for n, text in enumerate(spec.read_text().splitlines(), 1) if "press: {marks" in text
    )
    assert f"page.yaml:{line}:" in err and "press.slug" in err
    assert "at least 2.9mm (8pt) with marks: true" in err
    unmarked = write_spec(tmp_path, image, f"press: {{marks: false, slug: {slug}}}")
    assert main(["check", str(unmarked)]) == 0  # no marks: no slug on the sheet


# --------------------------------------------------------------------------- colours in the spec


def test_rgb_colour_in_the_spec_is_an_error_by_default(tmp_path: Path):
    image = rgb_photo(tmp_path / "rgb.png", (600, 900))
    spec = write_spec(tmp_path, image, style_color="#cc0000")
    with pytest.raises(SpecErrors) as caught:
        build(spec, None)
    message = str(caught.value)
    assert "styles.kicker.color" in message and "RGB colour #cc0000" in message
    assert "press.rgb: convert" in message


def test_rgb_colour_converted_when_the_spec_says_so(tmp_path: Path):
    image = rgb_photo(tmp_path / "rgb.png", (600, 900))
    spec = write_spec(tmp_path, image, "press: {rgb: convert}", style_color="rgb(204, 0, 0)")
    result = build(spec, None)
    colour = result.spec.styles["kicker"].color
    assert colour is not None and colour.m > 0.8 and colour.c < 0.2
    assert 100 * (colour.c + colour.m + colour.y + colour.k) <= INK_LIMIT


def test_colour_over_the_ink_limit_is_an_error(tmp_path: Path):
    image = rgb_photo(tmp_path / "rgb.png", (600, 900))
    spec = write_spec(tmp_path, image, style_color="cmyk(100, 100, 100, 100)")
    with pytest.raises(SpecErrors) as caught:
        build(spec, None)
    assert "400% ink, over the press ink limit 240%" in str(caught.value)


def test_spot_colour_and_rich_black(tmp_path: Path, cache: Path):
    image = rgb_photo(tmp_path / "rgb.png", (1332, 2000))
    spec = write_spec(
        tmp_path,
        image,
        "press: {rich_black: 'cmyk(40, 30, 30, 100)', rich_black_size: 30pt}",
        style_color="spot(PANTONE 485 C, 0, 95, 100, 0)",
    )
    result = build(spec, tmp_path / "spot.pdf")
    kicker = result.spec.styles["kicker"].color
    assert kicker is not None and kicker.spot == "PANTONE 485 C"
    assert result.spec.press.rich_black is not None
    assert check_pdfx(tmp_path / "spot.pdf") == []
    with pikepdf.open(tmp_path / "spot.pdf") as pdf:
        ops = [(operands, str(op)) for operands, op in pikepdf.parse_content_stream(pdf.pages[0])]
    fills = {tuple(round(float(v), 2) for v in operands) for operands, op in ops if op == "k"}
    assert (0.4, 0.3, 0.3, 1.0) in fills  # the 96 pt masthead in rich black
    assert (0.0, 0.0, 0.0, 1.0) in fills  # the small type in plain K
    # the kicker in the spot ink: a Separation colour space with its CMYK equivalent
    with pikepdf.open(tmp_path / "spot.pdf") as pdf:
        spaces = list((pdf.pages[0].Resources.get("/ColorSpace") or {}).values())
    assert any(str(cs[0]) == "/Separation" and "PANTONE" in str(cs[1]) for cs in spaces)
