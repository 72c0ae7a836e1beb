"""The PDF of the sample front page: page boxes, embedded fonts, text that extracts story by
story in reading order, the masthead, the photo, and byte-for-byte reproducible output.

Uses the session fixture ``front_build`` (tests/conftest.py): the page is built once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image

from layout.articles import Article, ParagraphKind, load_articles
from layout.build import build
from layout.page import ImageOp, Page

REPO = Path(__file__).resolve().parents[2]
FRONT = REPO / "page_specs" / "front.yaml"
MM = 72 / 25.4
TRIM_W, TRIM_H, BLEED = 390 * MM, 545 * MM, 3 * MM
TOL = 0.01
WS = re.compile(r"\s+")

needs_poppler = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdffonts") and shutil.which("pdfinfo")),
    reason="poppler-utils (pdftotext, pdffonts, pdfinfo) not installed",
)


def squash(text: str) -> str:
    return WS.sub("", text)


def run(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, text=True, timeout=60
    ).stdout


@pytest.fixture(scope="module")
def pdf(front_build) -> Path:
    assert front_build.output is not None
    return front_build.output


@pytest.fixture(scope="module")
def raw_text(pdf: Path) -> str:
    """``pdftotext -raw``, whitespace removed (it puts spaces between Han and Latin)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext not installed")
    return squash(run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-"))


def stories(front_build) -> list[tuple[str, Article]]:
    """(box id, article) of the article boxes, in reading order."""
    articles = load_articles(front_build.spec.article_files)
    out = []
    for box in front_build.spec.boxes:
        if box.kind.value == "article":
            article = articles[box.article]
            assert isinstance(article, Article)
            out.append((box.id, article))
    return out


# --------------------------------------------------------------------------- page boxes


def test_page_boxes_pypdfium2(pdf: Path):
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        assert len(doc) == 1
        page = doc[0]
        media = page.get_mediabox()
        trim = page.get_trimbox()
        bleed = page.get_bleedbox()
    finally:
        doc.close()
    # pdfium returns float32: 1e-3 pt is what it can say
    assert media == pytest.approx((0, 0, TRIM_W + 2 * BLEED, TRIM_H + 2 * BLEED), abs=1e-3)
    assert trim == pytest.approx((BLEED, BLEED, BLEED + TRIM_W, BLEED + TRIM_H), abs=1e-3)
    assert bleed == pytest.approx(media, abs=1e-3)


@needs_poppler
def test_page_boxes_pdfinfo(pdf: Path):
    out = run("pdfinfo", "-box", pdf)
    boxes = {}
    for line in out.splitlines():
        m = re.match(r"(MediaBox|TrimBox|BleedBox):\s+(.*)$", line)
        if m:
            boxes[m[1]] = tuple(float(v) for v in m[2].split())
    assert set(boxes) == {"MediaBox", "TrimBox", "BleedBox"}
    x0, y0, x1, y1 = boxes["MediaBox"]
    assert (x0, y0) == (0, 0)
    assert x1 == pytest.approx(TRIM_W + 2 * BLEED, abs=TOL)
    assert y1 == pytest.approx(TRIM_H + 2 * BLEED, abs=TOL)
    tx0, ty0, tx1, ty1 = boxes["TrimBox"]
    assert (tx0, ty0) == pytest.approx((BLEED, BLEED), abs=TOL)
    assert tx1 - tx0 == pytest.approx(TRIM_W, abs=TOL)
    assert ty1 - ty0 == pytest.approx(TRIM_H, abs=TOL)
    assert boxes["BleedBox"] == pytest.approx(boxes["MediaBox"], abs=TOL)
    assert re.search(r"^Pages:\s+1$", out, re.M)


# --------------------------------------------------------------------------- fonts


@needs_poppler
def test_every_font_is_an_embedded_unicode_subset(pdf: Path):
    lines = run("pdffonts", pdf).splitlines()
    assert lines[0].split()[:3] == ["name", "type", "encoding"]
    rows = [line.split() for line in lines[2:] if line.strip()]
    assert len(rows) >= 4  # song, song-heavy, hei, kai at least
    for row in rows:
        name, (emb, sub, uni) = row[0], row[-5:-2]
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert re.fullmatch(r"[A-Z]{6}\+.+", name), name  # a subset tag
        assert "Helvetica" not in name, name
    assert "Helvetica" not in "\n".join(lines)
    assert "Type 1" not in "\n".join(lines)


def test_no_standard_14_font_in_the_file(pdf: Path):
    data = pdf.read_bytes()
    assert b"/Helvetica" not in data
    assert b"/BaseFont /Times" not in data and b"/BaseFont /Courier" not in data


# --------------------------------------------------------------------------- text order


def test_stories_extract_in_order(front_build, raw_text: str):
    """Each story's headline, dateline and paragraphs come out in order, story after story in
    the order of the boxes, without stories interleaving; a story that goes on on another
    page comes out up to its jump line, and none of it after that line."""
    text = raw_text
    previous_end = 0
    spec = front_build.spec
    jumps = {
        b.id: spec.jumps.to(b.continues.page)
        for b in spec.boxes
        if b.continues is not None and b.continues.page is not None
    }
    for box_id, article in stories(front_build):
        headline = squash("".join(article.headline))
        start = text.find(headline, previous_end)
        assert start >= previous_end, f"{box_id}: headline {headline!r} not after previous story"
        pos = start + len(headline)
        jump = jumps.get(box_id)
        stop = text.find(jump, pos) if jump else len(text)
        assert stop >= 0, f"{box_id}: no jump line {jump}"
        body = [p for p in article.paragraphs if p.kind is ParagraphKind.BODY]
        cut = None
        for n, paragraph in enumerate(article.paragraphs):
            p = squash(paragraph.text)
            mid = len(p) // 2
            snippets = [p] if len(p) < 32 else [p[:8], p[mid : mid + 8], p[-8:]]
            for snippet in snippets:
                found = text.find(snippet, pos, stop)
                if found < 0 and jump:
                    cut = n  # the story goes on on the next page from this paragraph
                    break
                assert found >= pos, f"{box_id}: paragraph {n + 1}: {snippet!r} out of order"
                # contiguously-ish: no more than a column's worth of other text in between
                assert found - pos < 400, f"{box_id}: paragraph {n + 1}: gap before {snippet!r}"
                pos = found + len(snippet)
            if cut is not None:
                break
        if article.dateline:
            first = squash(body[0].text)[:8]
            opening = text.find(squash(article.dateline) + first, start)
            assert start < opening < pos, f"{box_id}: dateline not opening the first paragraph"
        previous_end = pos
        if jump:
            assert cut is not None, f"{box_id}: the whole story is on the page before {jump}"
            assert 0 <= stop - pos < 400, f"{box_id}: {jump} not right after the story's text"
            for later in article.paragraphs[cut + 1 :]:
                assert squash(later.text)[:12] not in text, f"{box_id}: text after the jump"
            previous_end = stop + len(jump)


def test_continued_story_has_its_jump_line(front_build, raw_text: str):
    """The 下转 line is generated at the foot of the box's last column, once, after the
    box's last line of text."""
    box = next(b for b in front_build.page.boxes if b.id == "shuangyong")
    *text_lines, jump = box.lines
    assert jump.text == "（下转2版）"
    assert jump.column == len(box.columns) - 1
    assert jump.rect.bottom == pytest.approx(box.rect.bottom)
    last = squash(text_lines[-1].text)
    assert raw_text.find("（下转2版）") > raw_text.find(last) > 0
    assert raw_text.count("（下转2版）") == 1


def test_masthead_and_ear_text(raw_text: str):
    for needle in (
        "今日平湖",
        "JINRIPINGHU",
        "2025年4月30日星期三",
        "农历乙巳年四月初三",
        "第7188期",
        "中共平湖市委机关报",
        "国内统一连续出版物号：CN33-0000",
        "责任编辑沈佳",
    ):
        assert raw_text.count(needle) == 1, needle  # printed once
    # the masthead comes first in reading order: page 1 has no page header (眉头)
    assert raw_text.index("今日平湖") < 20
    assert "第1版" not in raw_text


@needs_poppler
def test_bylines_extract_a_role_to_a_line(pdf: Path):
    """``pdftotext -raw`` reads the bylines as printed, a role to a line with the spread
    label and padded names (its blanks, em spaces, come out as spaces)."""
    lines = [
        " ".join(line.replace("\u3000", " ").split())
        for line in run("pdftotext", "-raw", "-enc", "UTF-8", pdf, "-").splitlines()
    ]
    for printed in (
        "■记 者 林旭东",
        "通讯员 张心悦",
        "■记 者 管学悦",
        "通讯员 陈 杰",
        "■记者 王茹彤",
        "■摄影 王 强 陈明远",
    ):
        assert printed in lines, printed
    assert not [line for line in lines if "林旭东" in line and "张心悦" in line]


def test_photo_caption_and_credit_text(front_build, raw_text: str):
    cherries = front_build.spec.articles["cherries"]
    assert isinstance(cherries, Article)
    caption = cherries.photos[0].caption
    assert caption is not None
    assert squash(caption) in raw_text
    assert "■摄影王强陈明远" in raw_text
    assert raw_text.index(squash(caption)) < raw_text.index("■摄影王强陈明远")


def test_key_figures_text(front_build, raw_text: str):
    record = front_build.spec.articles["key-figures"]
    assert squash(record.title) in raw_text
    for item in record.items:
        assert item.label in raw_text


# --------------------------------------------------------------------------- the image


def test_the_photo_is_placed_where_the_layout_put_it(front_build, pdf: Path):
    (op,) = [o for o in front_build.page.ops if isinstance(o, ImageOp)]
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        page = doc[0]
        height = page.get_mediabox()[3]
        images = list(page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_IMAGE]))
        assert len(images) == 1
        left, bottom, right, top = images[0].get_bounds()
        pixels = images[0].get_px_size()
    finally:
        doc.close()
    # PDF space is y up from the media box corner; the layout's is y down from the trim box's.
    # Only the pixels the fill crop shows are embedded, drawn where they fall on the page.
    r = op.drawn()
    assert (left, height - top) == pytest.approx((BLEED + r.x, BLEED + r.y), abs=TOL)
    assert (right - left, top - bottom) == pytest.approx((r.width, r.height), abs=TOL)
    with Image.open(op.path) as im:
        x0, y0, x1, y1 = op.window if op.window is not None else (0, 0, *im.size)
    assert pixels == (x1 - x0, y1 - y0)  # at full resolution, not resampled


# --------------------------------------------------------------------------- reproducible


def test_same_input_same_bytes(front_build, tmp_path: Path):
    """A second build in this process, to another path, gives the same bytes."""
    again = tmp_path / "elsewhere" / "other-name.pdf"
    build(FRONT, again)
    assert again.read_bytes() == front_build.output.read_bytes()
    assert [p.name for p in again.parent.iterdir()] == ["other-name.pdf"]  # no temp file left


def test_same_bytes_from_another_process(front_build, tmp_path: Path):
    """A build in a fresh interpreter with another hash seed gives the same bytes (no set or
    dict order, time or path leaks into the file)."""
    out = tmp_path / "cli.pdf"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run(
        [sys.executable, "-m", "layout", "build", str(FRONT), "-o", str(out)],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )
    assert out.read_bytes() == front_build.output.read_bytes()


# --------------------------------------------------------------------------- drawn once


@pytest.fixture(scope="module")
def edition_pages():
    """The sample edition composed: (its pages, its fonts, its press settings, its title)."""
    from layout.build import fonts_for
    from layout.edition import _title, compose_edition
    from layout.spec.edition import load_edition

    edition = load_edition(REPO / "page_specs" / "edition.yaml")
    return (
        compose_edition(edition),
        fonts_for(edition.specs[0]),
        edition.specs[0].press,
        _title(edition),
    )


@pytest.mark.parametrize("press", ["pdfx", "pdfx and marks", "proof colours"])
def test_pages_drawn_once_give_the_bytes_of_the_pages_drawn_again(edition_pages, press) -> None:
    """The edition PDF made from its pages' drawings (each page drawn on its own PDF's
    canvas, then put on the edition's) is the PDF of the pages drawn again, and each page PDF
    the page drawn alone: with the press keys, with crop and registration marks (a spot
    colour registered by the marks), in proof colours. The sample pages use the fonts in
    other orders (page 2's first font is the edition's third), a spot colour, photos, an ad
    and vertical glyphs drawn by id."""

    from layout.render.pdf import pages_pdf_bytes, pdf_bytes

    pages, fonts, settings, title = edition_pages
    chosen = {
        "pdfx": settings,
        "pdfx and marks": settings._replace(marks=True),
        "proof colours": None,
    }[press]
    whole, singles = pages_pdf_bytes(pages, fonts, chosen, title=title)
    assert whole == pdf_bytes(pages, fonts, chosen, title=title)
    assert list(singles) == [pdf_bytes([page], fonts, chosen) for page in pages]


def test_pages_added_in_any_order_give_the_bytes_of_the_edition(edition_pages) -> None:
    """An edition's PDFs made as its pages come (pages 3 and 4 first, as a forked build's own
    share; page 1 not added at all, drawn by ``finish``) are those of all its pages at once."""
    from layout.render.pdf import EditionPdfs, pages_pdf_bytes

    pages, fonts, settings, title = edition_pages
    with EditionPdfs(fonts, settings) as pdfs:
        pdfs.add(pages[2])
        pdfs.add(pages[3])
        pdfs.add(pages[1])
        made = pdfs.finish(pages, title)
    assert made == pages_pdf_bytes(pages, fonts, settings, title=title)


def test_pages_of_one_number_are_each_drawn(edition_pages) -> None:
    """Pages that are no edition's may share a number: each is drawn and put, as drawing
    them again does (the pages are told apart as objects, not by number)."""
    from layout.render.pdf import pages_pdf_bytes, pdf_bytes

    pages, fonts, _, _ = edition_pages
    twice = [pages[2], pages[3]._replace(number=pages[2].number)]
    whole, singles = pages_pdf_bytes(twice, fonts, None, title="t")
    assert whole == pdf_bytes(twice, fonts, None, title="t")
    assert list(singles) == [pdf_bytes([p], fonts, None) for p in twice]


def test_a_page_put_on_another_canvas_names_its_fonts_as_that_document_does(
    edition_pages,
) -> None:
    """A drawn page's text objects select its fonts by the names of the PDF it was drawn for;
    put on another canvas they select them by that document's names (numbered by first use
    there), and nothing else in the content changes."""
    from layout.render.pdf import DrawnPage, _pen, draw

    pages, fonts, _, _ = edition_pages
    drawn: list[DrawnPage] = []
    own_pens = []
    for page in pages[:2]:
        pen = _pen(fonts, None)
        pen.drawn = drawn
        draw(page, pen)
        own_pens.append(pen)
    whole = _pen(fonts, None)
    for one in drawn:
        whole.put(one)
    doc = whole.canvas.doc
    mapping = {font: font.resource_name(doc) for font in doc.fonts}  # its name in the whole
    own = {font: name for name, font, _ in drawn[1].fonts}  # … in page 2's own
    assert any(mapping[font] != name for font, name in own.items())  # some font renamed
    back = {mapping[font]: name for font, name in own.items()}
    put = whole.canvas.pages.kids[1].contents.content.decode()
    alone = own_pens[1].canvas.pages.kids[0].contents.content.decode()
    assert put != alone
    selection = re.compile(r"^(/F\d+)(?= \S+ Tf$)", re.MULTILINE)
    assert selection.sub(lambda m: back[m.group(1)], put) == alone
    # Page 1's fonts have the same names in both: its content stream is shared, not made
    # again; page 2's is its own.
    first, second = (page.contents for page in whole.canvas.pages.kids)
    assert first is own_pens[0].canvas.pages.kids[0].contents
    assert second is not own_pens[1].canvas.pages.kids[0].contents


def test_pages_drawn_once_with_an_image_and_a_spot_colour_shared_by_pages(tmp_path: Path) -> None:
    """A PNG image on pages 1 and 3 and another on page 2, and a spot colour on every page
    (objects registered in the document while drawing): the PDF made from the drawings
    registers each once, in drawing order, as drawing the pages again does; each page uses
    its fonts in another order."""
    from layout.fonts import library
    from layout.geometry import Rect
    from layout.page import Color, Page, RectOp, TextRun
    from layout.render.pdf import pages_pdf_bytes, pdf_bytes

    shared, other = tmp_path / "shared.png", tmp_path / "other.png"
    Image.new("RGB", (8, 6), (200, 30, 30)).save(shared)
    Image.new("RGB", (5, 5), (10, 200, 30)).save(other)
    box = Rect(10, 10, 80, 60)

    def page(number: int, image: Path, faces: tuple[str, str]) -> Page:
        ops = (
            TextRun("版面一", faces[0], 10.0, 10.0, 100.0),
            ImageOp(str(image), box, box, Image.open(image).size, 72.0),
            RectOp(Rect(5, 5, 20, 20), fill=Color(0, 1, 0, 0, spot="Magenta spot")),
            TextRun("二三", faces[1], 12.0, 10.0, 120.0),
        )
        return Page(number, Rect(0, 0, 200, 150), 3.0, ops, boxes=(), title=f"p{number}")

    pages = [
        page(1, shared, ("song", "kai")),
        page(2, other, ("kai", "hei")),
        page(3, shared, ("hei", "song")),
    ]
    fonts = library()
    whole, singles = pages_pdf_bytes(pages, fonts, None, title="three")
    assert whole == pdf_bytes(pages, fonts, None, title="three")
    assert list(singles) == [pdf_bytes([p], fonts, None) for p in pages]
    assert whole.count(b"/Subtype /Image") == 2  # the shared image once
    assert whole.count(b"/Separation /Magenta#20spot") == 1


def _photo_page(number: int, photos: Sequence[Path]) -> Page:
    from layout.geometry import Rect
    from layout.page import TextRun

    ops: list = [TextRun("版面", "song", 10.0, 10.0, 100.0)]
    for k, photo in enumerate(photos):
        box = Rect(10, 10 + 70 * k, 80, 60)
        ops.append(ImageOp(str(photo), box, box, Image.open(photo).size, 300.0))
    return Page(number, Rect(0, 0, 200, 250), 3.0, tuple(ops), boxes=(), title=f"p{number}")


def _photos(folder: Path) -> tuple[Path, Path]:
    first, second = folder / "first.jpg", folder / "second.png"
    Image.new("RGB", (40, 30), (200, 30, 30)).save(first)
    Image.new("RGB", (25, 25), (10, 200, 30)).save(second)
    return first, second


def test_photos_asked_ahead_are_converted_on_the_worker_once_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``ahead`` converts every photo of a page on the worker's thread, a photo drawn twice
    at one size once; ``path`` then gives what ``press_image`` gives in place."""
    from layout.press import PressSettings
    from layout.render.background import Worker
    from layout.render.images import press_image
    from layout.render.pdf import PressImages

    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    first, second = _photos(tmp_path)
    page = _photo_page(1, [first, second, first])
    press = PressSettings()
    with Worker() as worker:
        photos = PressImages(press, worker)
        photos.ahead(page)
    # The worker is closed: every conversion asked was made, none of them here.
    made = sorted((tmp_path / "cache" / "press-images").glob("*.jpg"))
    assert len(made) == 2
    ops = [op for op in page.ops if isinstance(op, ImageOp)]
    paths = [photos.path(op) for op in ops]
    assert paths[0] == paths[2] != paths[1]
    assert paths == [press_image(op.path, op.drawn(), press, op.window) for op in ops]


def test_a_photo_that_cannot_be_converted_raises_where_it_is_drawn(tmp_path: Path) -> None:
    """A conversion made ahead on the worker that fails raises in the PDF stage, the error
    the conversion in place raises."""
    from layout.fonts import library
    from layout.press import PressSettings
    from layout.render.images import press_image
    from layout.render.pdf import pages_pdf_bytes, pdf_bytes

    first, _ = _photos(tmp_path)
    page = _photo_page(1, [first])
    first.write_bytes(b"\xff\xd8 not a JPEG any more")  # damaged after the page was laid out
    (op,) = (op for op in page.ops if isinstance(op, ImageOp))
    with pytest.raises(Exception) as in_place:
        press_image(op.path, op.drawn(), PressSettings(), op.window)
    for make in (pdf_bytes, pages_pdf_bytes):
        with pytest.raises(type(in_place.value)) as ahead:
            make([page], library(), PressSettings())
        assert str(ahead.value) == str(in_place.value)


def test_pages_expected_while_composing_give_the_bytes_of_pages_given_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages whose photos were converted ahead (``expect``, as a build calls it while it
    composes) give the press PDFs of the pages given all at once, with an empty cache."""
    from layout.fonts import library
    from layout.press import PressSettings
    from layout.render.pdf import EditionPdfs, pages_pdf_bytes

    first, second = _photos(tmp_path)
    pages = [_photo_page(1, [first]), _photo_page(2, [second, first])]
    fonts = library()
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "ahead"))
    with EditionPdfs(fonts, PressSettings()) as pdfs:
        for page in pages:
            pdfs.expect(page)
        pdfs.add(pages[1])
        ahead = pdfs.finish(pages, "two")
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "at-once"))
    assert ahead == pages_pdf_bytes(pages, fonts, PressSettings(), title="two")
    assert ahead[0].count(b"/Subtype /Image") == 2
