"""Advertisement files read and checked (layout.artwork.advert.read_advert): each press rule
of PDF/X-1a a PDF ad can break is found once, with what breaks it; the inks of spot colours,
gradients and CMYK images are measured; what cannot be measured is a warning, not a pass. A
picture ad is decoded to its end (a cut JPEG, PNG or TIFF refused), a file that is neither is
told what an ad may be, and qpdf's words on a damaged PDF name the file."""

from __future__ import annotations

import io
import os
import random
import tempfile
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pikepdf import Array, Dictionary, Name
from PIL import Image
from reportlab.lib.colors import CMYKColor, CMYKColorSep
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from layout.artwork.advert import AdvertError, AdvertKind, Rule, read_advert

REPO = Path(__file__).resolve().parents[2]


def _canvas() -> tuple[Canvas, io.BytesIO]:
    if "AdHei" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("AdHei", str(REPO / "fonts" / "NotoSansSC-Bold.ttf")))
    buffer = io.BytesIO()
    return Canvas(buffer, pagesize=(200, 100), invariant=1, initialFontName="AdHei"), buffer


def _save(c: Canvas, buffer: io.BytesIO, path: Path) -> Path:
    c.showPage()
    c.save()
    path.write_bytes(buffer.getvalue())
    return path


def _rules(path: Path, limit: float = 240.0) -> dict[Rule, list[str]]:
    found: dict[Rule, list[str]] = {}
    for f in read_advert(path, None, limit).findings:
        found.setdefault(f.rule, []).append(f.message)
    return found


def _with_content(path: Path, content: bytes, **resources) -> Path:
    """``path`` with ``content`` appended to its page and ``resources`` added."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        page = pdf.pages[0]
        for kind, entries in resources.items():
            group = page.Resources.get(f"/{kind}")
            if group is None:
                page.Resources[f"/{kind}"] = group = Dictionary()
            for name, value in entries.items():
                group[f"/{name}"] = value(pdf) if callable(value) else value
        page.contents_add(pikepdf.Stream(pdf, content))
        pdf.save(path)
    return path


def test_a_clean_cmyk_ad_has_no_findings_and_its_ink_measured(tmp_path: Path) -> None:
    c, buffer = _canvas()
    c.setFillColorCMYK(0.2, 0.3, 0.4, 0.5)
    c.rect(0, 0, 100, 100, fill=1, stroke=0)
    c.setFont("AdHei", 12)
    c.drawString(110, 50, "广告")
    ad = read_advert(_save(c, buffer, tmp_path / "ad.pdf"), None, 240.0)
    assert ad.kind is AdvertKind.PDF and ad.size == (200.0, 100.0)
    assert ad.findings == () and ad.max_ink == pytest.approx(140.0)


def test_spot_colours_are_measured_through_their_tint_transform(tmp_path: Path) -> None:
    c, buffer = _canvas()
    c.setFillColor(CMYKColorSep(0.6, 0.9, 1.0, 0.2, spotName="PANTONE X"))  # 270 % at 100 %
    c.rect(0, 0, 100, 100, fill=1, stroke=0)
    path = _save(c, buffer, tmp_path / "ad.pdf")
    (message,) = _rules(path)[Rule.INK]
    assert "270% total ink" in message
    assert Rule.INK not in _rules(path, limit=300.0)


def test_the_ink_over_each_limit_is_listed_in_the_order_things_went_over_it(
    tmp_path: Path, monkeypatch
) -> None:
    """The record keeps the inks, not the findings of one limit: the same kept record gives,
    under each limit, the things over it in the order they first went over it (the grey was
    measured first, the colour went over first), each with its most."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    c, buffer = _canvas()
    path = _save(c, buffer, tmp_path / "ad.pdf")
    _with_content(path, b"0.5 g 0 0 5 5 re f 1 1 0 0 k 0 0 5 5 re f 0 g 0 0 5 5 re f")
    low = read_advert(path, None, 80.0)  # read with pikepdf, kept
    assert [f.message for f in low.findings if f.rule is Rule.INK] == [
        "a colour has 200% total ink (limit 80%)",
        "a grey has 100% total ink (limit 80%)",
    ]
    assert len(list((tmp_path / "cache" / "advert-pages").iterdir())) == 1
    high = read_advert(path, None, 150.0)  # the kept record
    assert [f.message for f in high.findings if f.rule is Rule.INK] == [
        "a colour has 200% total ink (limit 150%)"
    ]
    assert low.max_ink == high.max_ink == pytest.approx(200.0)
    assert read_advert(path, None, 240.0).findings == ()


@pytest.mark.parametrize("broken", ["encrypted", "no such page", "not a PDF"])
def test_a_broken_ad_is_refused_every_time_and_never_kept(
    tmp_path: Path, monkeypatch, broken: str
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    c, buffer = _canvas()
    path = _save(c, buffer, tmp_path / "ad.pdf")
    page = None
    if broken == "encrypted":
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.save(path, encryption=pikepdf.Encryption(owner="secret", user=""))
    elif broken == "no such page":
        page = 2
    else:
        path.write_bytes(b"%PDF-1.4\n" + b"\0" * 300)
    messages = []
    for _ in range(2):
        with pytest.raises(AdvertError) as caught:
            read_advert(path, page, 240.0)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert " at 0x" not in messages[0]  # no address of an object in it (qpdf's name of a buffer)
    assert {"encrypted": "encrypted", "no such page": "has 1 page (page 2 asked)",
            "not a PDF": "damaged PDF"}[broken] in messages[0]  # fmt: skip
    assert not (tmp_path / "cache" / "advert-pages").exists()


def test_gradients_are_measured_along_their_function(tmp_path: Path) -> None:
    c, buffer = _canvas()
    c.linearGradient(0, 0, 200, 0, [CMYKColor(0, 0, 0, 0.2), CMYKColor(1, 1, 0.8, 0)], extend=False)
    path = _save(c, buffer, tmp_path / "ad.pdf")
    (message,) = _rules(path)[Rule.INK]
    assert "shading" in message and "280% total ink" in message
    assert read_advert(path, None, 300.0).max_ink == pytest.approx(280.0)


def test_a_shading_whose_function_is_sampled_is_not_measured_and_says_so(tmp_path: Path) -> None:
    c, buffer = _canvas()
    path = _save(c, buffer, tmp_path / "ad.pdf")

    def shading(pdf: pikepdf.Pdf) -> pikepdf.Object:
        function = pikepdf.Stream(pdf, bytes([0, 0, 0, 0, 255, 255, 255, 255]))
        function.FunctionType = 0
        function.Domain = Array([0, 1])
        function.Range = Array([0, 1] * 4)
        function.Size = Array([2])
        function.BitsPerSample = 8
        return pdf.make_indirect(
            Dictionary(
                ShadingType=2,
                ColorSpace=Name.DeviceCMYK,
                Coords=Array([0, 0, 200, 0]),
                Function=function,
            )
        )

    _with_content(path, b"/Sh9 sh", Shading={"Sh9": shading})
    found = read_advert(path, None, 240.0).findings
    assert [(f.rule, f.message) for f in found] == [
        (Rule.UNMEASURED, "the ink of shading /Sh9 is not measured")
    ]


@pytest.mark.parametrize(("n", "rule"), [(3, Rule.RGB), (4, Rule.ICC)])
def test_icc_based_colour_is_found(tmp_path: Path, n: int, rule: Rule) -> None:
    c, buffer = _canvas()
    path = _save(c, buffer, tmp_path / "ad.pdf")

    def space(pdf: pikepdf.Pdf) -> pikepdf.Object:
        profile = pikepdf.Stream(pdf, b"\0" * 128)
        profile.N = n
        return Array([Name.ICCBased, pdf.make_indirect(profile)])

    values = b"0.1 0.2 0.3" if n == 3 else b"0.1 0.2 0.3 0.4"
    _with_content(path, b"/CS0 cs " + values + b" sc 0 0 10 10 re f", ColorSpace={"CS0": space})
    (message,) = _rules(path)[rule]
    assert "colour space /CS0" in message and "ICC-based" in message


def test_an_rgb_picture_in_a_pdf_ad_is_found_and_a_cmyk_one_measured(tmp_path: Path) -> None:
    rgb = tmp_path / "rgb.png"
    Image.new("RGB", (20, 10), (200, 30, 30)).save(rgb)
    cmyk = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (20, 10), (255, 255, 255, 255)).save(cmyk, quality=95)
    c, buffer = _canvas()
    c.drawImage(str(rgb), 0, 0, 100, 50)
    c.drawImage(str(cmyk), 100, 0, 100, 50)
    found = _rules(_save(c, buffer, tmp_path / "ad.pdf"))
    (rgb_message,) = found[Rule.RGB]
    assert rgb_message.startswith("image /") and "RGB (DeviceRGB)" in rgb_message
    (ink_message,) = found[Rule.INK]
    assert ink_message.startswith("image /") and "400% total ink" in ink_message


def test_transparency_in_every_form_is_found(tmp_path: Path) -> None:
    c, buffer = _canvas()
    c.setFillAlpha(0.4)
    c.rect(0, 0, 50, 50, fill=1, stroke=0)
    path = _save(c, buffer, tmp_path / "ad.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.pages[0].Group = Dictionary(S=Name.Transparency)
        pdf.save(path)
    messages = _rules(path)[Rule.TRANSPARENCY]
    assert "the page is a transparency group" in messages
    assert any("sets ca below 1" in m for m in messages)


def test_fonts_not_embedded_are_found_once_each(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(200, 100), invariant=1)  # Helvetica: the initial font
    c.setFont("Times-Roman", 10)
    c.drawString(10, 10, "one")
    c.drawString(10, 30, "two")
    found = _rules(_save(c, buffer, tmp_path / "ad.pdf"))[Rule.FONT]
    assert sorted(found) == ["font Helvetica is not embedded", "font Times-Roman is not embedded"]


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    c, buffer = _canvas()
    path = _save(c, buffer, tmp_path / "ad.pdf")
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(owner="secret", user=""))
    with pytest.raises(AdvertError, match="encrypted"):
        read_advert(path, None, 240.0)


def test_a_picture_ad_has_its_pixels_as_size(tmp_path: Path) -> None:
    path = tmp_path / "ad.tif"
    Image.new("CMYK", (300, 120)).save(path)
    ad = read_advert(path, None, 240.0)
    assert ad.kind is AdvertKind.IMAGE and ad.size == (300.0, 120.0) and ad.findings == ()


def _cut_picture(path: Path, fmt: str) -> Path:
    """A picture in ``fmt`` of noise (so that it does not compress away) cut to half its
    bytes: the header whole, the image data ending early."""
    pixels = random.Random(7).randbytes(240 * 100 * 3)
    out = io.BytesIO()
    Image.frombytes("RGB", (240, 100), pixels).save(out, fmt)
    data = out.getvalue()
    path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize(
    ("fmt", "name"), [("JPEG", "ad.jpg"), ("PNG", "ad.png"), ("TIFF", "ad.tif")]
)
def test_a_cut_picture_ad_is_refused_when_it_is_read(tmp_path: Path, fmt: str, name: str) -> None:
    path = _cut_picture(tmp_path / name, fmt)
    with pytest.raises(AdvertError) as caught:
        read_advert(path, None, 240.0)
    assert str(caught.value).startswith(f"advertisement file '{path}': truncated {fmt}: ")


def test_a_picture_ad_cut_after_it_was_read_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ad.jpg"
    Image.frombytes("RGB", (240, 100), random.Random(7).randbytes(240 * 100 * 3)).save(path)
    whole = path.read_bytes()
    assert read_advert(path, None, 240.0).size == (240.0, 100.0)
    path.write_bytes(whole[: len(whole) // 2])  # the file as it is now is checked, not as it was
    with pytest.raises(AdvertError, match="truncated JPEG"):
        read_advert(path, None, 240.0)


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        (
            "ad.pdf",
            b"hello\nthis is not an advert\n",
            "not a PDF file or an image (JPEG, PNG, TIFF)",
        ),
        (
            "ad.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"/>',
            "an image (JPEG, PNG, TIFF): export it as PDF",
        ),
    ],
)
def test_a_file_neither_pdf_nor_picture_is_told_what_an_ad_may_be(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(AdvertError) as caught:
        read_advert(path, None, 240.0)
    assert str(caught.value).startswith(f"advertisement file '{path}': ")
    assert says in str(caught.value)


def test_a_jpeg_2000_picture_is_found(tmp_path: Path) -> None:
    c, buffer = _canvas()
    path = _save(c, buffer, tmp_path / "ad.pdf")

    def jpx(pdf: pikepdf.Pdf) -> pikepdf.Object:
        image = pikepdf.Stream(pdf, b"\0" * 16)
        image.Type = Name.XObject
        image.Subtype = Name.Image
        image.Width, image.Height = 4, 4
        image.ColorSpace = Name.DeviceGray
        image.BitsPerComponent = 8
        image.Filter = Name.JPXDecode
        return pdf.make_indirect(image)

    _with_content(path, b"q 10 0 0 10 0 0 cm /Im9 Do Q", XObject={"Im9": jpx})
    assert _rules(path)[Rule.FORMAT] == ["image /Im9 is JPEG 2000, which PDF/X-1a does not take"]


SAMPLE = REPO / "ads" / "sample-advert.pdf"


def test_a_pdf_read_only_by_repairing_it_is_reported(tmp_path: Path) -> None:
    data = SAMPLE.read_bytes()
    start = data.rindex(b"startxref") + len(b"startxref")
    broken = data[:start] + b"\n12\n%%EOF\n"  # the cross-reference table is not where it says
    path = tmp_path / "ad.pdf"
    path.write_bytes(broken)
    (message,) = _rules(path)[Rule.REPAIRED]
    assert message.startswith("the PDF is damaged and could be read only by repairing it (ad.pdf")
    assert "BytesIO" not in message and " at 0x" not in message
    # The same bytes under another name: the record kept for them names this file.
    other = tmp_path / "other.pdf"
    other.write_bytes(broken)
    (message,) = _rules(other)[Rule.REPAIRED]
    assert "(other.pdf" in message and "ad.pdf" not in message


def test_a_pdf_that_cannot_be_read_names_its_file(tmp_path: Path) -> None:
    path = tmp_path / "ad.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is not a PDF at all")
    with pytest.raises(AdvertError) as caught:
        read_advert(path, None, 240.0)
    text = str(caught.value)
    assert text.startswith(f"advertisement file '{path}': damaged PDF (ad.pdf")
    assert "BytesIO" not in text and " at 0x" not in text


@settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "60")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)
@given(
    st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), max_size=20),
    st.one_of(st.none(), st.floats(0, 1)),
)
def test_a_damaged_pdf_is_an_advert_error_or_a_finding_never_a_crash(
    changes: list[tuple[float, int]], cut: float | None
) -> None:
    data = bytearray(SAMPLE.read_bytes())
    for where, value in changes:
        data[int(where * len(data))] = value
    if cut is not None:
        data = data[: int(cut * len(data))]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ad.pdf"
        path.write_bytes(bytes(data))
        try:
            ad = read_advert(path, None, 240.0)
        except AdvertError as exc:
            assert str(exc).startswith("advertisement file ")
        else:
            assert ad.size[0] > 0 and ad.size[1] > 0
