"""Photo crops: a focus point or a crop box in the image's pixels (``crop:`` of an article's
photo, or of a photo box).

The geometry (:func:`layout.compose.photo.place_picture`) is checked on its own and by a
property over random images, areas and crops; then a page is built and the PDF read back with
pikepdf: the part of the image inside the clip path, mapped through the image's placement
matrix, is the part asked for. Bad crops are positioned errors naming the box and the file."""

from __future__ import annotations

import math
import os
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from layout.articles import Crop
from layout.build import build
from layout.compose.photo import place_picture
from layout.errors import SpecErrors
from layout.geometry import Rect
from layout.page import ImageOp
from layout.report import ProblemKind, Severity
from layout.spec import load_spec

REPO = Path(__file__).resolve().parents[2]
FRONT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
MANIFEST = REPO / "fonts" / "manifest.yaml"

PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "200")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)

AREA = Rect(100.0, 200.0, 300.0, 200.0)  # a 3:2 picture area


# --------------------------------------------------------------------------- geometry


def _visible(placed_rect: Rect, clip: Rect, pixels: tuple[int, int]) -> tuple[float, ...]:
    """The part of the image inside ``clip``, in its pixels, from where the image is drawn."""
    scale = placed_rect.width / pixels[0]
    return (
        (clip.x - placed_rect.x) / scale,
        (clip.y - placed_rect.y) / scale,
        (clip.right - placed_rect.x) / scale,
        (clip.bottom - placed_rect.y) / scale,
    )


def test_fill_without_crop_is_centred() -> None:
    p = place_picture((1200, 1600), AREA, "fill")
    # 3:4 image in a 3:2 area: full width, the middle band of the height
    assert p.window == pytest.approx((0.0, 400.0, 1200.0, 1200.0))
    assert p.clip == AREA
    assert p.ppi == pytest.approx(1200 / (300 / 72))


def test_a_focus_moves_the_fill_window_to_it() -> None:
    p = place_picture((1200, 1600), AREA, "fill", Crop(focus=(0.5, 0.3)))
    # window 1200 × 800 px centred on y = 480: from 80 to 880
    assert p.window == pytest.approx((0.0, 80.0, 1200.0, 880.0))
    assert _visible(p.rect, p.clip, (1200, 1600)) == pytest.approx(p.window)


def test_a_focus_near_an_edge_stops_at_the_edge() -> None:
    p = place_picture((1200, 1600), AREA, "fill", Crop(focus=(0.9, 0.02)))
    assert p.window == pytest.approx((0.0, 0.0, 1200.0, 800.0))  # as near as the image allows
    p = place_picture((3000, 1000), AREA, "fill", Crop(focus=(1.0, 0.5)))
    assert p.window == pytest.approx((1500.0, 0.0, 3000.0, 1000.0))


def test_a_crop_box_with_fill_shows_that_part_cropped_to_the_area() -> None:
    box = (100, 200, 700, 1000)  # 600 × 800 px
    p = place_picture((1200, 1600), AREA, "fill", Crop(box=box))
    # cover 300 × 200 pt: scale 0.5 pt/px; window 600 × 400 px in the box's middle
    assert p.window == pytest.approx((100.0, 400.0, 700.0, 800.0))
    assert p.ppi == pytest.approx(144.0)  # the part's resolution, not the whole image's
    assert p.clip == AREA


def test_a_crop_box_with_fit_shows_the_whole_part_letterboxed() -> None:
    box = (100, 200, 700, 1000)
    p = place_picture((1200, 1600), AREA, "fit", Crop(box=box))
    assert p.window == pytest.approx(box)
    # 600 × 800 px fitted into 300 × 200 pt: 150 × 200 pt, centred across
    assert (p.clip.width, p.clip.height) == pytest.approx((150.0, 200.0))
    assert p.clip.x == pytest.approx(AREA.x + 75.0) and p.clip.y == pytest.approx(AREA.y)
    assert _visible(p.rect, p.clip, (1200, 1600)) == pytest.approx(box)
    assert p.ppi == pytest.approx(800 / (200 / 72))


@st.composite
def _cases(draw):
    width = draw(st.integers(1, 5000))
    height = draw(st.integers(1, 5000))
    area = Rect(
        draw(st.floats(0, 500)),
        draw(st.floats(0, 500)),
        draw(st.floats(5, 800)),
        draw(st.floats(5, 800)),
    )
    fit = draw(st.sampled_from(["fill", "fit"]))
    how = draw(st.sampled_from(["none", "focus", "box"]))
    crop = None
    if how == "focus" and fit == "fill":
        crop = Crop(focus=(draw(st.floats(0, 1)), draw(st.floats(0, 1))))
    elif how == "box":
        x0 = draw(st.integers(0, width - 1))
        y0 = draw(st.integers(0, height - 1))
        crop = Crop(
            box=(x0, y0, draw(st.integers(x0 + 1, width)), draw(st.integers(y0 + 1, height)))
        )
    return (width, height), area, fit, crop


@PROPERTY
@given(_cases())
def test_the_window_is_inside_the_part_asked_for_and_shown_undistorted(case) -> None:
    pixels, area, fit, crop = case
    p = place_picture(pixels, area, fit, crop)
    box = crop.box if crop is not None and crop.box is not None else (0, 0, *pixels)
    x0, y0, x1, y1 = p.window
    tol = 1e-6 * max(pixels)
    assert box[0] - tol <= x0 < x1 <= box[2] + tol and box[1] - tol <= y0 < y1 <= box[3] + tol
    assert _visible(p.rect, p.clip, pixels) == pytest.approx(p.window, rel=1e-6, abs=1e-6)
    assert p.rect.width / pixels[0] == pytest.approx(p.rect.height / pixels[1])  # one scale
    assert p.ppi == pytest.approx((x1 - x0) / (p.clip.width / 72))
    assert area.x - 1e-6 <= p.clip.x and p.clip.right <= area.right + 1e-6
    assert area.y - 1e-6 <= p.clip.y and p.clip.bottom <= area.bottom + 1e-6
    if fit == "fill":  # the window covers the area; the focus is as near its middle as can be
        assert p.clip == area
        if crop is not None and crop.focus is not None:
            fx, fy = crop.focus[0] * pixels[0], crop.focus[1] * pixels[1]
            w, h = x1 - x0, y1 - y0
            assert x0 == pytest.approx(min(max(fx - w / 2, 0), pixels[0] - w), abs=tol)
            assert y0 == pytest.approx(min(max(fy - h / 2, 0), pixels[1] - h), abs=tol)
    else:  # the whole part is shown, touching two opposite sides of the area
        assert p.window == pytest.approx(box)
        assert p.clip.width == pytest.approx(area.width) or p.clip.height == pytest.approx(
            area.height
        )


# --------------------------------------------------------------------------- pages


def _project(tmp_path: Path, crop: str, box_keys: str = "", size=(1200, 1600)) -> Path:
    """A page with one photo box showing the photo of a one-photo article with ``crop``."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.save(tmp_path / "pic.jpg", quality=90)
    record = tmp_path / "pic.yaml"
    photo = "- file: pic.jpg\n  caption: 图片说明。\n" + (f"  crop: {crop}\n" if crop else "")
    record.write_text(f"id: pic\nheadline: 图片新闻\nphotos:\n{photo}", encoding="utf-8")
    text = FRONT.read_text(encoding="utf-8")
    head = text[: text.index("\nboxes:")]
    head = head.replace("articles: ../../articles", f"articles: [{record}]")
    head = head.replace("fonts: ../../fonts/manifest.yaml", f"fonts: {MANIFEST}")
    spec = tmp_path / "page.yaml"
    spec.write_text(
        f"{head}\nboxes:\n  - id: pic\n    kind: photo\n    article: pic\n"
        f"    at: {{column: 6, span: 3, line: 1, lines: 34}}\n{box_keys}",
        encoding="utf-8",
    )
    return spec


def _pdf_window(pdf_path: Path, source: tuple[int, int, int, int]) -> tuple[float, ...]:
    """The part of the page's one image inside its clip path, in the source image's pixels,
    from the content stream: the last ``re W n`` before the image's ``cm … Do``. The image in
    the PDF holds the pixels ``source`` of the file (resampled, in the press PDF)."""
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        images = {str(name) for name, x in page.Resources.XObject.items() if x.Subtype == "/Image"}
        clip = matrix = None
        last_rect = None
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op == "re":
                last_rect = [float(v) for v in operands]
            elif op in ("W", "W*"):
                clip = last_rect
            elif op == "cm":
                matrix = [float(v) for v in operands]
            elif op == "Do" and str(operands[0]) in images:
                break
        else:
            raise AssertionError("no image drawn")
    assert clip is not None and matrix is not None
    a, b, c, d, e, f = matrix
    assert b == c == 0 and a > 0 and d > 0  # upright, undistorted placement
    cx, cy, cw, ch = clip
    u0, u1 = (cx - e) / a, (cx + cw - e) / a
    v0, v1 = (cy - f) / d, (cy + ch - f) / d  # image space: v = 0 is the image's foot
    x0, y0, x1, y1 = source
    w, h = x1 - x0, y1 - y0
    return (x0 + u0 * w, y0 + (1 - v1) * h, x0 + u1 * w, y0 + (1 - v0) * h)


@pytest.mark.parametrize(
    ("crop", "fit", "window"),
    [
        # 1200 × 1600 px in a 3-column box over a caption: the box's picture area is 3:4-ish
        ("{box: [100, 200, 700, 1000]}", "fill", None),
        ("{box: [100, 200, 700, 1000]}", "fit", (100, 200, 700, 1000)),
        ("{focus: [0.2, 0.9]}", "fill", None),
    ],
)
@pytest.mark.parametrize("press", [False, True], ids=["proof-colours", "press"])
def test_the_pdf_shows_the_part_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, crop: str, fit: str, window, press: bool
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    spec = _project(tmp_path, crop, f"    fit: {fit}\n")
    result = build(spec, tmp_path / "page.pdf", pdfx=press)
    (op,) = [o for o in result.page.ops if isinstance(o, ImageOp)]
    loaded = result.spec.articles["pic"].photos[0].crop
    picture = next(p for p in result.page.boxes if p.id == "pic").rect
    expected = place_picture((1200, 1600), _picture_area(op, picture, fit), fit, loaded)
    assert (op.rect, op.clip) == (expected.rect, expected.clip)
    if window is not None:
        assert expected.window == pytest.approx(window)
    # Only the pixels shown are in the PDF (resampled in the press PDF); its placement matrix
    # maps the part asked for onto the clip.
    assert op.window is not None
    x0, y0, x1, y1 = expected.window
    assert op.window == (int(x0), int(y0), math.ceil(x1 - 1e-6), math.ceil(y1 - 1e-6))
    with pikepdf.open(tmp_path / "page.pdf") as pdf:
        (image,) = [x for _, x in pdf.pages[0].Resources.XObject.items() if x.Subtype == "/Image"]
        embedded = (int(image.Width), int(image.Height))
    if not press:
        assert embedded == (op.window[2] - op.window[0], op.window[3] - op.window[1])
    assert _pdf_window(tmp_path / "page.pdf", op.window) == pytest.approx(expected.window, abs=0.5)
    assert [
        p for p in result.problems if p.box == "pic" and p.kind is not ProblemKind.LOW_RESOLUTION
    ] == []


def _picture_area(op: ImageOp, box: Rect, fit: str) -> Rect:
    """The picture area of the box (above its caption): the clip for fill; for fit the
    area's full width and the clip's top and height (the part is taller than wide)."""
    if fit == "fill":
        return op.clip
    return Rect(box.x, op.clip.y, box.width, op.clip.height)


def test_the_resolution_is_that_of_the_part_shown(tmp_path: Path) -> None:
    whole = build(_project(tmp_path, ""), tmp_path / "whole.pdf", pdfx=False)
    (op,) = [o for o in whole.page.ops if isinstance(o, ImageOp)]
    assert op.ppi > 200 and not [p for p in whole.problems if p.kind is ProblemKind.LOW_RESOLUTION]
    # a crop box of a quarter of the width is enlarged four times: a quarter of the ppi
    cropped = build(
        _project(tmp_path, "{box: [0, 0, 300, 400]}"), tmp_path / "crop.pdf", pdfx=False
    )
    (small,) = [o for o in cropped.page.ops if isinstance(o, ImageOp)]
    assert small.ppi == pytest.approx(op.ppi / 4, rel=0.01)
    (low,) = [p for p in cropped.problems if p.kind is ProblemKind.LOW_RESOLUTION]
    assert low.box == "pic" and low.severity is Severity.ERROR


def test_a_box_crop_overrides_the_photo_record_crop(tmp_path: Path) -> None:
    spec = _project(tmp_path, "{focus: [0.5, 0.0]}", "    crop: {box: [600, 800, 1200, 1600]}\n")
    loaded = load_spec(spec)
    assert loaded.box("pic").crop == Crop(
        box=(600, 800, 1200, 1600), source_pos=loaded.box("pic").crop.source_pos
    )
    result = build(spec, tmp_path / "page.pdf", pdfx=False)
    (op,) = [o for o in result.page.ops if isinstance(o, ImageOp)]
    window = _visible(op.rect, op.clip, (1200, 1600))
    assert window[0] >= 600 - 1e-6 and window[1] >= 800 - 1e-6


# --------------------------------------------------------------------------- errors


def _errors(spec: Path) -> list[str]:
    with pytest.raises(SpecErrors) as caught:
        load_spec(spec)
    return [str(e) for e in caught.value.errors]


@pytest.mark.parametrize(
    ("crop", "says"),
    [
        ("{focus: [1.2, 0.4]}", "fractions 0–1 of the image's width and height, got [1.2, 0.4]"),
        ("{focus: [0.5]}", "got [0.5]"),
        ("{box: [10, 10, 10, 50]}", "the crop box [10, 10, 10, 50] is empty"),
        ("{box: [-5, 0, 10, 10]}", "whole pixels ≥ 0"),
        ("{focus: [0.5, 0.5], box: [0, 0, 10, 10]}", "give exactly one of 'focus' and 'box'"),
        ("{}", "give exactly one of 'focus' and 'box'"),
    ],
)
def test_a_bad_crop_in_the_record_is_an_error_at_its_place(
    tmp_path: Path, crop: str, says: str
) -> None:
    (error,) = _errors(_project(tmp_path, crop))
    assert error.startswith(f"{tmp_path / 'pic.yaml'}:6:")
    assert "photos[0].crop" in error and says in error


def test_a_crop_box_outside_the_image_names_the_box_and_the_file(tmp_path: Path) -> None:
    (error,) = _errors(_project(tmp_path, "{box: [0, 0, 1300, 900]}"))
    assert error.startswith(f"{tmp_path / 'pic.yaml'}:6:")
    assert "photos[0].crop.box" in error
    assert "reaches outside the image (1200 × 1600 pixels)" in error
    assert "box 'pic'" in error and "pic.jpg" in error


def test_a_box_crop_outside_the_image_is_reported_at_the_box(tmp_path: Path) -> None:
    spec = _project(tmp_path, "", "    crop: {box: [0, 0, 100, 1601]}\n")
    (error,) = _errors(spec)
    assert error.startswith(f"{spec}:")
    assert "boxes[0].crop.box" in error and "box 'pic'" in error and "pic.jpg" in error


def test_a_focus_with_fit_is_an_error(tmp_path: Path) -> None:
    spec = _project(tmp_path, "{focus: [0.3, 0.3]}", "    fit: fit\n")
    (error,) = _errors(spec)
    assert error.startswith(f"{spec}:") and "boxes[0].fit" in error and "focus" in error


def test_an_image_that_shrank_since_the_check_is_shown_whole_and_reported(
    tmp_path: Path,
) -> None:
    from layout.compose.page import compose_page
    from layout.fonts import library

    spec = load_spec(_project(tmp_path, "{box: [0, 0, 1000, 1500]}"))
    Image.new("RGB", (800, 600), (90, 90, 90)).save(tmp_path / "pic.jpg")
    page = compose_page(spec, library(spec.fonts_manifest))
    (problem,) = [p for p in page.problems if p.kind is ProblemKind.IMAGE_CROP]
    assert problem.box == "pic" and "800 × 600" in problem.message
    (op,) = [o for o in page.ops if isinstance(o, ImageOp)]
    assert op.pixels == (800, 600)


def _pixels(image: Image.Image, bands: int) -> zip:
    """The image's pixels as tuples of ``bands`` bytes (what ``getdata`` gave, which Pillow
    14 removes; its successor ``get_flattened_data`` is not in every Pillow we allow)."""
    data = iter(image.tobytes())
    return zip(*[data] * bands, strict=True)


def _red_pixels(tmp_path: Path, crop: str, fit: str, press: bool) -> int:
    """Red pixels in the embedded image of a page whose photo has a red square at
    (100, 50)–(400, 350), above the crop box ``[0, 400, 1200, 1600]``."""
    spec = _project(tmp_path, crop, f"    fit: {fit}\n")
    photo = Image.open(tmp_path / "pic.jpg").convert("RGB")
    photo.paste((255, 0, 0), (100, 50, 400, 350))
    photo.save(tmp_path / "pic.jpg", quality=95)
    build(spec, tmp_path / "page.pdf", pdfx=press)
    with pikepdf.open(tmp_path / "page.pdf") as pdf:
        (image,) = [x for _, x in pdf.pages[0].Resources.XObject.items() if x.Subtype == "/Image"]
        if press:  # CMYK: red is magenta and yellow without cyan
            pixels = pikepdf.PdfImage(image).as_pil_image()
            return sum(1 for c, m, y, _ in _pixels(pixels, 4) if m > 150 and y > 150 and c < 60)
        pixels = pikepdf.PdfImage(image).as_pil_image().convert("RGB")
        return sum(1 for r, g, b in _pixels(pixels, 3) if r > 180 and g < 80 and b < 80)


@pytest.mark.parametrize("press", [False, True], ids=["proof-colours", "press"])
def test_what_the_crop_leaves_out_is_not_in_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, press: bool
) -> None:
    """A name or a face cropped out of a photo cannot be pulled out of the PDF: only the
    pixels shown are embedded."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    (tmp_path / "whole").mkdir()
    (tmp_path / "crop").mkdir()
    assert _red_pixels(tmp_path / "whole", "", "fit", press) > 1000  # shown whole: it is there
    assert _red_pixels(tmp_path / "crop", "{box: [0, 400, 1200, 1600]}", "fit", press) == 0
