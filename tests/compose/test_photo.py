"""Photo boxes: a photo box's own ``image:`` (the picture alone, no article), and a photo whose
embedded ICC profile the converter cannot use (a warning; converted as sRGB, never a crash).
Each builds a one-box page through the CLI and reads the PDF back with pikepdf."""

from __future__ import annotations

import hashlib
import io
import math
import shutil
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from layout.build import build
from layout.cli import main
from layout.page import ImageOp, TextRun
from layout.report import ProblemKind, Severity

REPO = Path(__file__).resolve().parents[2]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
ARTICLES = REPO / "articles"
MANIFEST = REPO / "fonts" / "manifest.yaml"

BASE = (
    FRONT_TEXT.read_text(encoding="utf-8")
    .replace("articles: ../../articles", f"articles: {ARTICLES}")
    .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {MANIFEST}")
)


def page(tmp_path: Path, box: str) -> Path:
    head = BASE[: BASE.index("\nboxes:")]
    spec = tmp_path / "page.yaml"
    # the page header asked for (page 1 has none by default): text set outside the box
    spec.write_text(f"{head}\nheader: {{show: true}}\nboxes:\n{box}", encoding="utf-8")
    return spec


def picture(path: Path, size: tuple[int, int] = (1200, 1600), **options) -> Path:
    w, h = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((200, 30, 30), (0, 0, w // 2, h // 2))
    image.save(path, **options)
    return path


def images_in(pdf: Path) -> list[dict]:
    """The page's image XObjects: pixel size, colour space and a hash of the stream."""
    with pikepdf.open(pdf) as doc:
        (pdf_page,) = doc.pages
        found = []
        for _, xobject in pdf_page.Resources.XObject.items():
            if xobject.Subtype != "/Image":
                continue
            found.append(
                {
                    "size": (int(xobject.Width), int(xobject.Height)),
                    "space": str(xobject.get("/ColorSpace")),
                    "data": hashlib.sha256(xobject.read_raw_bytes()).hexdigest(),
                }
            )
        return found


IMAGE_BOX = """\
  - id: pic
    kind: photo
    image: {image}
    at: {{column: 6, span: 3, line: 1, lines: 34}}
    fit: {fit}
"""


@pytest.mark.parametrize("fit", ["fill", "fit"])
@pytest.mark.parametrize("press", [True, False], ids=["press", "proof-colours"])
def test_a_photo_box_shows_its_own_image(
    tmp_path: Path, fit: str, press: bool, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    image = picture(tmp_path / "pic.jpg", quality=92)
    spec = page(tmp_path, IMAGE_BOX.format(image=image.name, fit=fit))
    out = tmp_path / "page.pdf"
    result = build(spec, out, pdfx=press)

    box = next(b for b in result.page.boxes if b.id == "pic")
    assert box.kind == "photo" and box.article is None
    (op,) = [op for op in result.page.ops if getattr(op, "path", None) == str(image)]
    area = result.spec.box("pic").rect
    # No caption: the picture has the whole box; the visible part is all of it (fill) or the
    # whole image, letterboxed in it (fit).
    assert op.clip == (area if fit == "fill" else op.rect)
    assert area.contains(op.clip)
    ratio = op.rect.width / op.rect.height
    assert abs(ratio - 1200 / 1600) < 1e-6
    covers = op.rect.width >= area.width - 1e-6 and op.rect.height >= area.height - 1e-6
    assert covers if fit == "fill" else op.rect.width <= area.width + 1e-6
    assert [p for p in result.problems if p.box == "pic"] == []
    texts = [r for r in result.page.ops if isinstance(r, TextRun)]
    inside = [r for r in texts if area.x <= r.x <= area.right and area.y <= r.y <= area.bottom]
    assert texts and inside == []  # the page header is set; the box has no caption

    (embedded,) = images_in(out)
    if press:
        assert embedded["space"] == "/DeviceCMYK"  # converted for the press
    else:
        # Only the pixels shown are in the PDF: the fill window (the crop off the top and
        # foot is left out), or the whole image letterboxed.
        if fit == "fill":
            x0, y0, x1, y1 = op.window
            assert (x0, x1) == (0, 1200) and 0 < y0 < y1 < 1600
            assert abs((y0 + y1) / 2 - 800) <= 1  # centred
            shown = (x1 - x0, y1 - y0)
        else:
            assert op.window is None
            shown = (1200, 1600)
        assert (embedded["size"], embedded["space"]) == (shown, "/DeviceRGB")


def test_a_photo_box_image_through_the_cli(capsys, tmp_path: Path):
    picture(tmp_path / "pic.png")
    spec = page(tmp_path, IMAGE_BOX.format(image="pic.png", fit="fill"))
    assert main(["check", str(spec)]) == 0
    out = tmp_path / "out" / "page.pdf"
    assert main(["build", str(spec), "--no-pdfx", "-o", str(out)]) == 0, capsys.readouterr()
    ((embedded),) = images_in(out)
    assert (embedded["size"][0], embedded["space"]) == (1200, "/DeviceRGB")
    assert embedded["size"][1] < 1600  # the fill window's rows only


def srgb_bytes() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


BROKEN_PROFILES = [
    ("garbage", b"garbage " * 40, "not an ICC profile"),
    ("truncated", srgb_bytes()[:200], "truncated ICC profile"),
    ("zeroed-tags", srgb_bytes()[:128] + bytes(len(srgb_bytes()) - 128), "littleCMS cannot use"),
    ("lab-profile", ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes(), "Lab"),
]


@pytest.mark.parametrize(
    ("icc", "words"), [c[1:] for c in BROKEN_PROFILES], ids=[c[0] for c in BROKEN_PROFILES]
)
def test_a_broken_embedded_profile_is_a_warning_and_the_photo_converted_as_srgb(
    tmp_path: Path, icc: bytes, words: str, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    picture(tmp_path / "pic.jpg", (1200, 1600), icc_profile=icc)
    spec = page(tmp_path, IMAGE_BOX.format(image="pic.jpg", fit="fill"))
    out = tmp_path / "page.pdf"
    result = build(spec, out)  # the press PDF: converted to CMYK

    (warning,) = [p for p in result.problems if p.kind is ProblemKind.IMAGE_PROFILE]
    assert warning.severity is Severity.WARNING and warning.box == "pic"
    assert words in warning.message and "converted as sRGB" in warning.message
    assert [p for p in result.problems if p.box == "pic"] == [warning]
    (embedded,) = images_in(out)
    assert embedded["space"] == "/DeviceCMYK"

    # the same pixels without a profile convert to the same press image: sRGB was assumed
    plain = picture(tmp_path / "plain.jpg")
    again = build(page(tmp_path, IMAGE_BOX.format(image=plain.name, fit="fill")), out)
    assert [p for p in again.problems if p.box == "pic"] == []
    assert images_in(out) == [embedded]


def test_a_good_embedded_profile_gives_no_warning(tmp_path: Path):
    picture(tmp_path / "pic.jpg", (1200, 1600), icc_profile=srgb_bytes())
    spec = page(tmp_path, IMAGE_BOX.format(image="pic.jpg", fit="fill"))
    result = build(spec, None)
    assert [p for p in result.problems if p.box == "pic"] == []


def test_the_warning_is_listed_by_build(capsys, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    picture(tmp_path / "pic.jpg", (1200, 1600), icc_profile=b"garbage " * 40)
    spec = page(tmp_path, IMAGE_BOX.format(image="pic.jpg", fit="fill"))
    assert main(["build", str(spec), "-o", str(tmp_path / "page.pdf")]) == 0
    err = capsys.readouterr().err
    assert "warning: image-profile: box pic: pic.jpg: its embedded ICC profile" in err


ARTICLE_BOX = """\
  - id: pic
    kind: photo
    article: cherries
    at: {{column: 6, span: 3, line: 1, lines: 34}}
{title}"""


def _box_texts(result) -> list[TextRun]:
    area = result.spec.box("pic").rect
    return [
        r
        for r in result.page.ops
        if isinstance(r, TextRun) and area.x <= r.x <= area.right and area.y <= r.y <= area.bottom
    ]


@pytest.mark.parametrize(
    ("title", "shown"),
    [
        ("", "樱桃红满枝"),
        ("    title: headline\n", "樱桃红满枝"),
        ("    title: 樱桃熟了\n", "樱桃熟了"),
    ],
)
def test_a_photo_box_title_is_the_headline_or_its_own_text(tmp_path: Path, title: str, shown):
    result = build(page(tmp_path, ARTICLE_BOX.format(title=title)), None)
    runs = _box_texts(result)
    kicker = result.spec.styles["kicker"]
    titled = [r for r in runs if r.face == kicker.font and r.size == kicker.size]
    assert "".join(r.text for r in titled) == shown
    caption_top = min(r.y for r in runs if r not in titled)
    assert all(r.y < caption_top for r in titled)  # over the caption


def test_a_photo_box_title_can_be_turned_off(tmp_path: Path):
    result = build(page(tmp_path, ARTICLE_BOX.format(title="    title: none\n")), None)
    runs = _box_texts(result)
    text = "".join(r.text for r in runs)
    assert "樱桃红满枝" not in text
    assert text.startswith("日前，") and "陈明远" in text  # the caption and credit remain


def test_an_image_box_takes_a_title_text(tmp_path: Path):
    picture(tmp_path / "pic.jpg", quality=92)
    box = IMAGE_BOX.format(image="pic.jpg", fit="fill") + "    title: 春到平湖\n"
    result = build(page(tmp_path, box), None)
    assert "".join(r.text for r in _box_texts(result)) == "春到平湖"


def test_a_title_as_big_as_the_grid_line_stays_clear_of_the_box_foot(tmp_path: Path):
    """A title alone under the picture, in the 14 pt kicker on the 14 pt grid, would fill
    its line to the box's foot, where the rule under the box stands: it goes a line up, its
    em box a line clear of the foot, the picture half a line above it."""
    from layout.compose.photo import FOOT_CLEAR
    from layout.page import EM_BOX_DESCENT

    picture(tmp_path / "pic.jpg", quality=92)
    box = IMAGE_BOX.format(image="pic.jpg", fit="fill") + "    title: 春到平湖\n"
    box = box.replace("lines: 34", "lines: 5")
    result = build(page(tmp_path, box), None)
    rect = result.spec.box("pic").rect
    (title,) = _box_texts(result)
    assert title.size == result.spec.styles["kicker"].size == result.spec.grid.line_pitch
    foot = title.y + EM_BOX_DESCENT * title.size
    assert foot <= rect.bottom - FOOT_CLEAR
    assert foot == pytest.approx(rect.bottom - result.spec.grid.line_pitch)  # on the grid
    (image,) = [op for op in result.page.ops if isinstance(op, ImageOp)]
    top = title.y - (1 - EM_BOX_DESCENT) * title.size
    assert image.clip.bottom == pytest.approx(top - result.spec.grid.line_pitch / 2)


# EXIF 2.32 / TIFF 6.0 tag 0x0112 Orientation: what turns the upright picture into the pixels
# a camera stores under each value tested (the inverse of ImageOps.exif_transpose).
STORED_AS = {
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
    5: Image.Transpose.TRANSPOSE,
}
RED, GREEN = (220, 30, 30), (30, 180, 30)


def turned_photo(path: Path, orientation: int) -> Path:
    """A 1600 × 1200 upright picture (red top-left, green top-right, blue and yellow below),
    stored turned as a camera stores it and tagged with ``orientation``."""
    upright = Image.new("RGB", (1600, 1200), (230, 210, 20))
    upright.paste(RED, (0, 0, 800, 600))
    upright.paste(GREEN, (800, 0, 1600, 600))
    upright.paste((30, 30, 220), (0, 600, 800, 1200))
    exif = Image.Exif()
    exif[0x0112] = orientation
    upright.transpose(STORED_AS[orientation]).save(path, quality=95, exif=exif)
    return path


def placed_pixels(pdf: Path) -> Image.Image:
    """The page's one image XObject decoded (a JPEG: Pillow reads its DCT data), in RGB."""
    with pikepdf.open(pdf) as doc:
        (pdf_page,) = doc.pages
        (xobject,) = [x for _, x in pdf_page.Resources.XObject.items() if x.Subtype == "/Image"]
        assert list(xobject.Filter) == ["/DCTDecode"]
        return Image.open(io.BytesIO(xobject.read_raw_bytes())).convert("RGB")


@pytest.mark.parametrize("orientation", [3, 6, 8, 5])
@pytest.mark.parametrize("press", [True, False], ids=["press", "proof-colours"])
def test_a_photo_is_placed_upright_as_its_exif_orientation_says(
    tmp_path: Path, orientation: int, press: bool, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    image = turned_photo(tmp_path / "pic.jpg", orientation)
    # The top half of the upright picture: outside the stored pixels (1200 wide) when turned
    # a quarter, so refused if the crop were read in them.
    box = IMAGE_BOX.format(image=image.name, fit="fit") + "    crop: {box: [0, 0, 1600, 600]}\n"
    out = tmp_path / "page.pdf"
    result = build(page(tmp_path, box), out, pdfx=press)

    assert [p for p in result.problems if p.box == "pic"] == []
    (op,) = [op for op in result.page.ops if getattr(op, "path", None) == str(image)]
    assert op.pixels == (1600, 1200)  # the upright size
    assert op.window == (0, 0, 1600, 600)
    assert abs(op.clip.width / op.clip.height - 1600 / 600) < 0.01
    shown = placed_pixels(out)
    assert shown.size[0] > shown.size[1]  # the crop's landscape, not turned
    w, h = shown.size
    left, right = shown.getpixel((w // 4, h // 2)), shown.getpixel((3 * w // 4, h // 2))
    # Red top-left, green top-right, as the upright picture has them (press: through CMYK).
    assert left[0] > 150 and left[1] < 110 and right[1] > 120 and right[0] < 110


def test_a_photo_without_an_orientation_embeds_its_own_jpeg(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    image = picture(tmp_path / "pic.jpg", quality=92)
    build(
        page(tmp_path, IMAGE_BOX.format(image=image.name, fit="fit")),
        tmp_path / "p.pdf",
        pdfx=False,
    )
    (embedded,) = images_in(tmp_path / "p.pdf")
    assert embedded["data"] == hashlib.sha256(image.read_bytes()).hexdigest()  # passed through


def _cut_out(path: Path, alpha: int = 0) -> Path:
    """A cut-out: a red square on pixels of ``alpha`` whose hidden colour is black."""
    image = Image.new("RGBA", (1200, 1600), (0, 0, 0, alpha))
    image.paste((200, 30, 30, 255), (400, 600, 800, 1000))
    image.save(path)
    return path


def _corner_pixel(pdf: Path) -> tuple[int, ...]:
    with pikepdf.open(pdf) as doc:
        (xobject,) = [x for _, x in doc.pages[0].Resources.XObject.items() if x.Subtype == "/Image"]
        return pikepdf.PdfImage(xobject).as_pil_image().getpixel((2, 2))


@pytest.mark.parametrize("press", [True, False], ids=["press", "proof-colours"])
def test_a_cut_out_photo_prints_on_white_paper_and_says_so(
    tmp_path: Path, press: bool, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    _cut_out(tmp_path / "cut.png")
    spec = page(tmp_path, IMAGE_BOX.format(image="cut.png", fit="fill"))
    out = tmp_path / "page.pdf"
    result = build(spec, out, pdfx=press)
    (warning,) = [p for p in result.problems if p.kind is ProblemKind.IMAGE_TRANSPARENCY]
    assert warning.severity is Severity.WARNING and warning.box == "pic"
    assert "cut.png has transparent pixels" in warning.message
    # the paper, not the black the transparent pixels hide, in both PDFs
    assert _corner_pixel(out) == ((0, 0, 0, 0) if press else (255, 255, 255))


def test_an_opaque_png_with_an_alpha_channel_gives_no_warning(tmp_path: Path):
    _cut_out(tmp_path / "solid.png", alpha=255)
    spec = page(tmp_path, IMAGE_BOX.format(image="solid.png", fit="fill"))
    result = build(spec, None)
    assert [p for p in result.problems if p.box == "pic"] == []


def _long_caption_page(tmp_path: Path, repeats: int, mode: str = "") -> Path:
    """The cherries photo box over its caption said ``repeats`` times, its record copied."""
    articles = tmp_path / "articles"
    shutil.copytree(ARTICLES, articles)
    record = articles / "cherries.yaml"
    text = record.read_text(encoding="utf-8")
    caption = next(line for line in text.splitlines() if line.startswith("  caption: "))
    said = caption.removeprefix("  caption: ")
    text = text.replace(caption, "  caption: " + said * repeats)
    photo = REPO / "images" / "ladybird-mate-backgrounds.jpg"
    record.write_text(text.replace("../images/ladybird-mate-backgrounds.jpg", str(photo)), "utf-8")
    spec = page(tmp_path, ARTICLE_BOX.format(title=mode))
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(f"articles: {ARTICLES}", f"articles: {articles}"),
        encoding="utf-8",
    )
    return spec


def test_a_caption_too_long_for_its_box_is_overset_and_the_picture_keeps_half_the_box(
    tmp_path: Path,
):
    result = build(_long_caption_page(tmp_path, 12), None)
    box = result.spec.box("pic").rect
    (image,) = [op for op in result.page.ops if isinstance(op, ImageOp)]
    assert image.clip.height >= box.height / 2 - result.spec.grid.line_pitch
    (overset,) = [p for p in result.problems if p.kind is ProblemKind.OVERSET]
    assert overset.box == "pic" and "at most half the photo box" in overset.message
    assert overset.details.lines > 0
    # the caption's lines printed are all in the box's lower half, under the picture
    assert all(run.y >= image.clip.bottom for run in _box_texts(result))


def test_a_caption_that_fits_in_half_the_box_gives_the_picture_the_rest(tmp_path: Path):
    result = build(_long_caption_page(tmp_path, 2), None)
    box = result.spec.box("pic").rect
    (image,) = [op for op in result.page.ops if isinstance(op, ImageOp)]
    assert [p for p in result.problems if p.box == "pic"] == []
    assert box.height / 2 < image.clip.height < box.height


def test_a_caption_leaded_twice_the_grid_takes_the_grid_lines_its_lines_take(tmp_path: Path):
    # The caption block's styles (title, caption, credit) leaded 28 pt on the 14 pt grid:
    # each of its lines takes two grid lines, and the block is as deep as they are (its
    # lines counted, it had half the depth and its lines overset).
    spec = _long_caption_page(tmp_path, 2)
    text = spec.read_text(encoding="utf-8")
    for leaded in (
        "kicker:      {font: hei, size: 四号, leading: 1.4em,",
        "caption:     {font: kai, size: 五号, leading: 14pt,",
        "credit:      {font: kai, size: 小五, leading: 14pt,",
    ):
        assert leaded in text
        text = text.replace(leaded, leaded.replace("1.4em", "28pt").replace("14pt", "28pt"))
    spec.write_text(text, "utf-8")
    result = build(spec, None)
    box = result.spec.box("pic").rect
    (image,) = [op for op in result.page.ops if isinstance(op, ImageOp)]
    assert [p for p in result.problems if p.box == "pic"] == []
    size = result.spec.styles["caption"].size
    runs = sorted({round(r.y, 2) for r in _box_texts(result) if r.size == size})
    assert len(runs) >= 3
    assert all(b - a >= 28.0 - 0.01 for a, b in zip(runs, runs[1:], strict=False))
    assert image.clip.bottom <= runs[0] and runs[-1] <= box.bottom


def test_a_resolution_just_below_its_limit_is_never_shown_at_the_limit(tmp_path: Path):
    """149.6 ppi of a 150 limit is "149.6 ppi (below 150)", not "150 ppi (below 150)"."""
    image = picture(tmp_path / "soft.jpg", (1200, 800))
    box = IMAGE_BOX.format(image=image, fit="fit")
    (op,) = [o for o in build(page(tmp_path, box), None).page.ops if isinstance(o, ImageOp)]
    # as many pixels across as print at 0.7 ppi over a whole number, below it a limit
    limit = float(int(op.ppi) + 1)
    picture(image, (math.ceil((limit - 0.3) / op.ppi * 1200), 800))
    spec = page(tmp_path, box)
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(
            "\nboxes:", f"\npress: {{min_ppi: {limit}, strict_ppi: {limit}}}\nboxes:"
        ),
        encoding="utf-8",
    )
    (low,) = [p for p in build(spec, None).problems if p.kind is ProblemKind.LOW_RESOLUTION]
    shown = low.message.split(" prints at ")[1].split(" ppi")[0]
    assert "." in shown and limit - 0.5 < float(shown) < limit
    assert low.message.endswith(f"(below {limit:g})")
    assert low.details.ppi == float(shown) < limit


def test_a_caption_s_and_a_title_s_problems_name_their_line_in_the_record(tmp_path: Path):
    """A character taken out of a caption is reported as the caption's (图说), at the line
    the caption is written on, as a body paragraph's is; the title (the article's headline)
    at the headline's line."""
    folder = tmp_path / "records"
    folder.mkdir()
    image = picture(tmp_path / "p.jpg")
    record = folder / "story.yaml"
    record.write_text(
        f'id: story\nheadline: "标题\\a文字"\nbody:\n  - 正文。\nphotos:\n'
        f'  - file: {image}\n    caption: "说明\\u200d文字"\n',
        encoding="utf-8",
    )
    box = (
        "  - {id: pic, kind: photo, article: story, at: {column: 6, span: 3, line: 1, lines: 34}}\n"
    )
    spec = page(tmp_path, box)
    spec.write_text(
        spec.read_text(encoding="utf-8").replace(f"articles: {ARTICLES}", f"articles: {folder}"),
        encoding="utf-8",
    )
    removed = [p for p in build(spec, None).problems if p.kind is ProblemKind.REMOVED_CHARACTER]
    by_part = {p.message.split(":")[0]: p for p in removed}
    assert set(by_part) == {"图题", "图说"}
    assert all(p.paragraph is None and p.source.file == record for p in removed)
    assert (by_part["图题"].source.line, by_part["图说"].source.line) == (2, 7)
    assert f"box pic, article story ({record}:7): 图说: removed U+200D" in str(by_part["图说"])
