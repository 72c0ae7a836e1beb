"""PDF advertisements in the written PDF, read back with pikepdf, qpdf, pdffonts and
Ghostscript: the ad's page is a form XObject drawn with the matrix that maps its trim box
onto the box, its fonts kept; a page with an ad passes the press checks (qpdf, the PDF/X-1a
preflight, one OutputIntent, the total ink); an RGB ad is reported on the page and by the
preflight of the PDF; the same input gives the same bytes, wherever the ad file is."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from pikepdf import Name
from PIL import Image

from layout.artwork.advert import form_bbox, read_advert
from layout.build import build
from layout.page import AdvertOp
from layout.render.pdfx import check_pdfx

REPO = Path(__file__).resolve().parents[2]


def _ads():
    spec = importlib.util.spec_from_file_location("ads", REPO / "tests/fixtures/advert/ads.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ADS = _ads()
needs_gs = pytest.mark.skipif(not shutil.which("gs"), reason="ghostscript not installed")
needs_qpdf = pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")


def _build(tmp_path: Path, pdfx: bool = True, **kwargs):
    out = tmp_path / "page.pdf"
    result = build(ADS.project(tmp_path, **kwargs), out, pdfx=pdfx)
    return result, out


def _placements(pdf_path: Path) -> list[tuple[list[float], pikepdf.Object]]:
    """Every form XObject the page draws, with the ``cm`` matrix in force when it is drawn
    (the pen writes ``q cm Do Q``)."""
    found = []
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        xobjects = page.Resources.XObject
        matrix: list[float] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "cm":
                matrix = [float(v) for v in operands]
            elif op == "Do":
                form = xobjects[str(operands[0])]
                if form.Subtype == "/Form":
                    found.append((matrix, dict(form.items()), form_bbox(form)))
    return found


def _pdf_rect(result, box_rect) -> tuple[float, float, float, float]:
    """The box's rect in PDF space: x right, y up from the MediaBox's corner."""
    bleed = result.page.bleed
    height = result.page.trim.height
    return (
        bleed + box_rect.x,
        bleed + height - box_rect.bottom,
        bleed + box_rect.right,
        bleed + height - box_rect.y,
    )


def _mapped(matrix: list[float], bbox: tuple[float, ...]) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = matrix
    assert b == c == 0 and a == pytest.approx(d)  # one scale, no turn: proportions kept
    x0, y0, x1, y1 = bbox
    return (a * x0 + e, d * y0 + f, a * x1 + e, d * y1 + f)


@pytest.mark.parametrize("pdfx", [True, False], ids=["press", "proof-colours"])
def test_the_ad_is_a_form_xobject_mapped_onto_the_box(tmp_path: Path, pdfx: bool) -> None:
    ADS.good_ad(tmp_path / "ad.pdf")
    result, out = _build(tmp_path, pdfx=pdfx)
    ((matrix, form, bbox),) = _placements(out)
    assert [float(v) for v in form["/BBox"]] == [0.0, 0.0, *ADS.BOX]  # the ad's trim box
    assert _mapped(matrix, bbox) == pytest.approx(_pdf_rect(result, result.spec.box("ad").rect))


def test_the_ads_fonts_are_kept_and_its_text_extracts(tmp_path: Path) -> None:
    ADS.good_ad(tmp_path / "ad.pdf")
    _, out = _build(tmp_path)
    with pikepdf.open(out) as pdf:
        (form,) = [x for _, x in pdf.pages[0].Resources.XObject.items() if x.Subtype == "/Form"]
        fonts = {str(f.BaseFont): f for _, f in form.Resources.Font.items()}
        assert {n.split("+")[1] for n in fonts} == {"NotoSansCJKsc-Bold", "NotoSansCJKsc-Regular"}
        assert all("/FontFile2" in f.FontDescriptor for f in fonts.values())
    listed = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True)
    ad_rows = [line for line in listed.stdout.splitlines() if "WinAnsi" in line]
    assert len(ad_rows) == 2 and all(" yes yes yes " in line for line in ad_rows)
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "SAMPLE ADVERTISEMENT" in text and "广告样稿" in text
    assert text.index("广告版面测试稿") < text.index("广告样稿")  # the story, then the ad


@needs_qpdf
@needs_gs
def test_a_page_with_an_ad_passes_the_press_checks(tmp_path: Path) -> None:
    ADS.good_ad(tmp_path / "ad.pdf")
    result, out = _build(tmp_path)
    assert result.problems == ()
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check_pdfx(out) == []
    with pikepdf.open(out) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert str(intent.S) == "/GTS_PDFX"
        assert pdf.pdf_version == "1.4"
    tiff = tmp_path / "ink.tif"
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", "-r50",
         "-dUseBleedBox", f"-sOutputFile={tiff}", str(out)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    with Image.open(tiff) as im:
        pixels = np.asarray(im).astype(np.int32)
    assert float(pixels.sum(axis=-1).max()) * 100 / 255 <= 240.0
    # The ad's red is there: the page's ink reaches the ad's 195 %.
    assert float(pixels.sum(axis=-1).max()) * 100 / 255 >= 190.0


def test_an_rgb_ad_is_reported_on_the_page_and_by_the_preflight(tmp_path: Path) -> None:
    ADS.drawn_ad(tmp_path / "ad.pdf", rgb=True)
    result, out = _build(tmp_path)
    assert [p.details.rule for p in result.problems if p.box == "ad"] == ["rgb"]
    assert any("RGB colour operator rg" in p or "RGB colour (rg" in p for p in check_pdfx(out))


def test_a_turned_ad_page_is_placed_upright_in_its_box(tmp_path: Path) -> None:
    """A page drawn 210 × 495 and shown /Rotate 90 reads as 495 × 210: its form's matrix
    turns it, and the placement maps the turned box onto the box."""
    ad = ADS.drawn_ad(tmp_path / "ad.pdf", (ADS.BOX[1], ADS.BOX[0]))
    with pikepdf.open(ad, allow_overwriting_input=True) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(ad)
    assert read_advert(ad, None, 240).size == pytest.approx(ADS.BOX)
    result, out = _build(tmp_path)
    assert [p for p in result.problems if p.box == "ad"] == []
    ((matrix, form, bbox),) = _placements(out)
    assert [float(v) for v in form["/Matrix"]][:4] == [0.0, -1.0, 1.0, 0.0]
    assert _mapped(matrix, bbox) == pytest.approx(_pdf_rect(result, result.spec.box("ad").rect))


def test_the_same_input_gives_the_same_bytes_wherever_the_ad_is(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b" / "elsewhere"
    first.mkdir()
    second.mkdir(parents=True)
    ADS.good_ad(first / "ad.pdf")
    shutil.copy(first / "ad.pdf", second / "ad.pdf")
    _, out1 = _build(first)
    _, out2 = _build(second)
    assert out1.read_bytes() == out2.read_bytes()
    _, again = _build(first)
    assert again.read_bytes() == out1.read_bytes()


def test_the_same_ad_twice_on_a_page_is_embedded_once(tmp_path: Path) -> None:
    ADS.good_ad(tmp_path / "ad.pdf", (240.0, 100.0))
    spec = ADS.project(tmp_path, keys="    tolerance: 200mm\n")
    text = spec.read_text(encoding="utf-8").replace(
        "    at: {column: 1, span: 4, line: 16, lines: 15}\n",
        "    at: {column: 1, span: 2, line: 16, lines: 15}\n"
        "  - {id: ad2, kind: advert, file: ad.pdf, tolerance: 200mm,"
        " at: {column: 3, span: 2, line: 16, lines: 15}}\n",
    )
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "two.pdf"
    result = build(spec, out)
    assert len([op for op in result.page.ops if isinstance(op, AdvertOp)]) == 2
    placements = _placements(out)
    assert len(placements) == 2
    with pikepdf.open(out) as pdf:
        forms = [x for _, x in pdf.pages[0].Resources.XObject.items() if x.Subtype == "/Form"]
        assert len({f.objgen for f in forms}) == 1


def test_the_shipped_sample_ad_is_what_its_script_makes_and_press_clean() -> None:
    shipped = REPO / "ads" / "sample-advert.pdf"
    generator = ADS.GENERATOR
    assert shipped.read_bytes() == generator.advert_pdf(*generator.DEFAULT_SIZE)
    ad = read_advert(shipped, None, 240.0)
    assert ad.size == pytest.approx(generator.DEFAULT_SIZE) and ad.findings == ()
    text = subprocess.run(
        ["pdftotext", str(shipped), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "样稿" in text and "SAMPLE ADVERTISEMENT" in text and "非真实广告" in text


def test_an_rgb_picture_ad_is_converted_for_the_press(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    picture = Image.new("RGB", (2063, 875), (20, 60, 220))
    picture.paste((250, 20, 20), (0, 0, 1000, 875))
    picture.save(tmp_path / "ad.jpg", quality=90)
    result, out = _build(tmp_path, file="ad.jpg")
    assert [p for p in result.problems if p.box == "ad"] == []
    assert check_pdfx(out) == []
    with pikepdf.open(out) as pdf:
        (image,) = [x for _, x in pdf.pages[0].Resources.XObject.items() if x.Subtype == "/Image"]
        assert image.ColorSpace == "/DeviceCMYK"


# --------------------------------------------------------------------------- the form, written
# by our writer from the ad's record (layout.artwork.advertcache), not by pikepdf


def _form(out: Path, pdf: pikepdf.Pdf) -> pikepdf.Object:
    (form,) = [x for _, x in pdf.pages[0].Resources.XObject.items() if x.Subtype == "/Form"]
    return form


def _same(ours: object, theirs: object, seen: set, top: bool = False) -> None:
    """``ours`` (of the written PDF) is ``theirs`` (of the ad, as ``as_form_xobject`` gives
    it and ``copy_foreign`` would copy it): the same structure and leaves, an indirect object
    of the ad an indirect object here (each once: cycles are kept), a page of the ad null,
    a stream's data as the ad has it encoded (the form's own content: decoded the same)."""
    if isinstance(theirs, pikepdf.Object) and theirs.is_indirect and not top:
        if isinstance(theirs, pikepdf.Dictionary) and theirs.get("/Type") == "/Page":
            assert ours is None  # copy_foreign does not cross into another page
            return
        assert isinstance(ours, pikepdf.Object) and ours.is_indirect
        if (ours.objgen, theirs.objgen) in seen:
            return
        seen.add((ours.objgen, theirs.objgen))
    if isinstance(theirs, pikepdf.Stream):
        assert isinstance(ours, pikepdf.Stream)
        if top:
            assert ours.read_bytes() == theirs.read_bytes()
            skip = {"/Length", "/Filter", "/DecodeParms"}
        else:
            assert ours.read_raw_bytes() == theirs.read_raw_bytes()
            skip = {"/Length"}
        mine = {k: v for k, v in ours.stream_dict.items() if k not in skip}
        _same_items(mine, {k: v for k, v in theirs.stream_dict.items() if k not in skip}, seen)
    elif isinstance(theirs, pikepdf.Dictionary):
        assert isinstance(ours, pikepdf.Dictionary)
        _same_items(dict(ours.items()), dict(theirs.items()), seen)
    elif isinstance(theirs, pikepdf.Array):
        assert isinstance(ours, pikepdf.Array) and len(ours) == len(theirs)
        for a, b in zip(ours, theirs, strict=True):
            _same(a, b, seen)
    else:
        assert ours == theirs and type(ours) is type(theirs)


def _same_items(ours: dict, theirs: dict, seen: set) -> None:
    assert sorted(ours) == sorted(theirs)
    for key, value in theirs.items():
        _same(ours[key], value, seen)


def _turned(path: Path) -> None:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].Rotate = 90
        pdf.save(path)


def _user_unit(path: Path) -> None:
    """Drawn at half size, shown at /UserUnit 2 (PDF 1.7 §14.11.2.1)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        page.UserUnit = 2
        pdf.save(path)


def _several_streams_a_cycle_and_a_page(path: Path) -> None:
    """A second content stream drawing a form XObject whose resources name the form itself
    (a cycle), and a resource reaching the page (marked-content properties)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        form = pdf.make_stream(b"0 0 0 1 k 0 0 5 5 re f")
        form.Type, form.Subtype = Name.XObject, Name.Form
        form.BBox = [0, 0, 10, 10]
        form.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Fm1=form))
        page.Resources.XObject = pikepdf.Dictionary(Fm1=form)
        page.Resources.Properties = pikepdf.Dictionary(MC0=pikepdf.Dictionary(P=page.obj))
        page.contents_add(pdf.make_stream(b"q 1 0 0 1 20 20 cm /Fm1 Do Q"))
        pdf.save(path)


@pytest.mark.parametrize(
    ("made", "size"),
    [
        (None, ADS.BOX),
        (_turned, (ADS.BOX[1], ADS.BOX[0])),
        (_user_unit, (ADS.BOX[0] / 2, ADS.BOX[1] / 2)),
        (_several_streams_a_cycle_and_a_page, ADS.BOX),
    ],
    ids=["plain", "rotate-90", "user-unit-2", "streams-cycle-page"],
)
def test_the_written_form_is_what_as_form_xobject_makes_of_the_page(
    tmp_path: Path, made, size: tuple[float, float]
) -> None:
    ad = ADS.drawn_ad(tmp_path / "ad.pdf", size)
    if made is not None:
        made(ad)
    assert read_advert(ad, None, 240).size == pytest.approx(ADS.BOX)
    result, out = _build(tmp_path)
    assert [p for p in result.problems if p.box == "ad"] == []
    with pikepdf.open(out) as pdf, pikepdf.open(ad) as source:
        form = _form(out, pdf)
        theirs = source.pages[0].as_form_xobject()
        _same(form, theirs, set(), top=True)
        if made is _turned:
            assert [float(v) for v in form.Matrix][:4] == [0.0, -1.0, 1.0, 0.0]
        if made is _user_unit:
            assert [float(v) for v in form.Matrix] == [2.0, 0.0, 0.0, 2.0, 0.0, 0.0]
        if made is _several_streams_a_cycle_and_a_page:
            inner = form.Resources.XObject.Fm1
            assert inner.Resources.XObject.Fm1.objgen == inner.objgen  # the cycle, once
            assert dict(form.Resources.Properties.MC0.items()) == {"/P": None}  # the page
            assert form.read_bytes().endswith(b"/Fm1 Do Q")  # both streams, joined
    ((matrix, _, bbox),) = _placements(out)
    assert _mapped(matrix, bbox) == pytest.approx(_pdf_rect(result, result.spec.box("ad").rect))


def test_a_single_content_stream_is_kept_as_the_ad_encodes_it(tmp_path: Path) -> None:
    ad = ADS.good_ad(tmp_path / "ad.pdf")
    _, out = _build(tmp_path)
    with pikepdf.open(out) as pdf, pikepdf.open(ad) as source:
        contents = source.pages[0].Contents
        form = _form(out, pdf)
        assert form.read_raw_bytes() == contents.read_raw_bytes()
        assert form.Filter == contents.Filter


def _entries(cache: Path) -> list[Path]:
    return sorted((cache / "advert-pages").iterdir())


def test_a_cold_and_a_warm_cache_give_the_same_bytes(tmp_path: Path, monkeypatch) -> None:
    """The first build reads the ad with pikepdf and keeps its record; the next ones read the
    record only (reading the ad again would fail here) and write the very same PDF; a damaged
    record is made again, with the same PDF."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    ADS.good_ad(tmp_path / "ad.pdf")
    _, out = _build(tmp_path)
    cold = out.read_bytes()
    (entry,) = _entries(tmp_path / "cache")
    kept = entry.read_bytes()
    from layout.artwork import advertpdf

    def unread(*args: object) -> None:
        raise AssertionError("the ad was read again")

    with monkeypatch.context() as patch:
        patch.setattr(advertpdf, "read_page", unread)
        _, out = _build(tmp_path)
    assert out.read_bytes() == cold
    entry.write_bytes(kept[: len(kept) // 2])
    _, out = _build(tmp_path)
    assert out.read_bytes() == cold
    assert entry.read_bytes() == kept


def test_an_ad_seen_before_is_placed_without_pikepdf(tmp_path: Path) -> None:
    """A fresh interpreter builds a page with an ad twice: the first reads the ad with
    pikepdf, the second (its record kept) imports neither pikepdf nor the ad's reader, and
    writes the same bytes."""
    ADS.good_ad(tmp_path / "ad.pdf")
    spec = ADS.project(tmp_path)
    run = (
        "import json, sys\n"
        "from layout.cli import main\n"
        "status = main(['build', sys.argv[1], '-o', sys.argv[2], '-q'])\n"
        "print(json.dumps({'status': status, 'modules': sorted(sys.modules)}))\n"
    )
    env = {
        **os.environ,
        "BANMIAN_CACHE": str(tmp_path / "cache"),
        "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p),
    }
    outs, loaded = [], []
    for n in range(2):
        out = tmp_path / f"page{n}.pdf"
        done = subprocess.run(
            [sys.executable, "-c", run, str(spec), str(out)],
            capture_output=True, text=True, check=True, env=env, cwd=tmp_path, timeout=300,
        )  # fmt: skip
        result = json.loads(done.stdout.splitlines()[-1])
        assert result["status"] == 0
        outs.append(out.read_bytes())
        loaded.append(set(result["modules"]))
    assert "pikepdf" in loaded[0] and "layout.artwork.advertpdf" in loaded[0]
    assert not {m for m in loaded[1] if m == "pikepdf" or m.startswith("pikepdf.")}
    assert "layout.artwork.advertpdf" not in loaded[1]
    assert {"layout.render.advert", "layout.compose.advert"} <= loaded[1]  # an ad was placed
    assert outs[0] == outs[1]
