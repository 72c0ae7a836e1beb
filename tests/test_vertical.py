"""Vertical writing (竖排): the same line breaking along a vertical measure, glyphs inside their
columns, vert forms, turned Latin, 纵中横 numbers, and the vertical sample pages as PDFs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose.frame import EM_BOX_DESCENT, ROTATED_BASELINE, Frame
from layout.compose.page import compose_page
from layout.fonts import ChainMetrics, FontLibrary, library
from layout.geometry import Rect, WritingMode
from layout.page import TextRun
from layout.render.pdf import write_pdf
from layout.spec import load_spec
from layout.text.check import ViolationKind, check_lines
from layout.text.finalize import Line
from layout.text.items import Box
from layout.text.metrics import SyntheticMetrics
from layout.text.options import BreakMode, Prohibition
from layout.text.orient import VERTICAL_FULL_WIDTH, Orientation, VerticalOptions
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import ParagraphStyle

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fonts"))
import fontmaker as fm  # noqa: E402

DEFAULT = VerticalOptions()


@dataclass(frozen=True)
class Vertical:
    """A chain's metrics (both directions) and how a vertical line treats quotes and Latin."""

    chain: ChainMetrics
    options: VerticalOptions = DEFAULT


def set_vertical(
    text: str,
    style: ParagraphStyle,
    measure: float,
    vertical: Vertical,
    mode: BreakMode = BreakMode.TOTAL_FIT,
) -> SetParagraph:
    """``text`` set along a vertical line: the one engine, with a vertical style."""
    style = style._replace(vertical=vertical.options, full_width_marks=VERTICAL_FULL_WIDTH)
    return set_paragraph(text, style, measure, vertical.chain, mode=mode)


def place(
    line: Line, fonts: FontLibrary, rect: Rect, block: float, slot: float, size: float
) -> list:
    """The ops of ``line`` in a slot of the vertical frame ``rect``."""
    return list(Frame(rect, WritingMode.VERTICAL_RL).place(line, block, slot, size, fonts=fonts))


SIZE = 9.0
HAN = "本报讯市委书记会见了从北京载誉归来的全国劳动模范韩其芳领导参加是浙江晨光电缆"
MARKS = "，。、：；！？（）“”《》"
LATIN = ["GDP", "Apple", "banmian", "PTA", "x", "2025", "28", "100", "9.4%"]


class _Everything(dict):
    """A cmap that has every character (glyph 1)."""

    def __contains__(self, code: object) -> bool:
        return True

    def get(self, code, default=None):  # noqa: ANN001, ANN201
        return 1


class SyntheticFace:
    """A face with :class:`SyntheticMetrics` advances, horizontal and vertical alike, and no
    vertical forms."""

    id = "synthetic"
    cmap = _Everything()

    def advance(self, ch: str) -> float:
        return SyntheticMetrics().glyph(ch).advance

    def advance_of(self, ch: str) -> float | None:
        return self.advance(ch)

    def vertical_advance(self, ch: str) -> float:
        return self.advance(ch)

    def vertical_form(self, ch: str) -> int | None:
        return None


def synthetic_chain() -> ChainMetrics:
    return ChainMetrics((SyntheticFace(),))  # type: ignore[arg-type]


def _texts(alphabet: str, words: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.text(alphabet=alphabet, min_size=1, max_size=6),
        st.sampled_from(words) if words else st.nothing(),
    )
    return st.lists(piece, min_size=1, max_size=30).map("".join)


@settings(max_examples=60, deadline=None)
@given(
    text=_texts(HAN + MARKS, ["Apple", "banmian", "GDP", "2025", "28"]),
    chars=st.integers(6, 20),
)
def test_synthetic_same_lines_horizontally_and_vertically(text: str, chars: int) -> None:
    # With every advance the same both ways, and no token units (no 纵中横, no upright
    # letters), the vertical setting is the horizontal one, Latin words included.
    # The one difference the rules make: ：；？！ keep their whole em in vertical text
    # (clreq §2.4), so the horizontal setting is made with that rule too.
    style = ParagraphStyle(SIZE)
    measure = chars * SIZE
    horizontal = set_paragraph(
        text, style._replace(full_width_marks=VERTICAL_FULL_WIDTH), measure, SyntheticMetrics()
    )
    options = VerticalOptions(upright_latin=False, tcy_digits=0)
    metrics = Vertical(synthetic_chain(), options)
    vertical = set_vertical(text, style, measure, metrics)
    assert [ln.text for ln in vertical.lines] == [ln.text for ln in horizontal.lines]
    assert [(ln.start, ln.end) for ln in vertical.lines] == [
        (ln.start, ln.end) for ln in horizontal.lines
    ]


@settings(max_examples=40, deadline=None)
@given(text=_texts(HAN + MARKS, []), chars=st.integers(6, 20))
def test_real_font_same_lines_without_latin(text: str, chars: int) -> None:
    fonts = library()
    style = ParagraphStyle(SIZE)
    same_rules = style._replace(full_width_marks=VERTICAL_FULL_WIDTH)  # ：；？！ keep 1 em
    horizontal = set_paragraph(text, same_rules, chars * SIZE, fonts.metrics("song"))
    vertical = set_vertical(text, style, chars * SIZE, Vertical(fonts.metrics("song")))
    assert [ln.text for ln in vertical.lines] == [ln.text for ln in horizontal.lines]


@settings(max_examples=40, deadline=None)
@given(text=_texts(HAN + MARKS, LATIN), chars=st.integers(5, 22), quotes=st.booleans())
def test_vertical_lines_obey_rules_and_stay_in_their_column(
    text: str, chars: int, quotes: bool
) -> None:
    fonts = library()
    options = VerticalOptions(quotes="rotated" if quotes else "corner")
    metrics = Vertical(fonts.metrics("song"), options)
    measure = chars * SIZE
    vp = set_vertical(text, ParagraphStyle(SIZE), measure, metrics)
    assert "".join(ln.text for ln in vp.lines) == "".join(text.split(" "))
    found = check_lines(vp.lines, text, Prohibition.BASIC, em=SIZE)
    prohibited = {ViolationKind.PROHIBITED_START, ViolationKind.PROHIBITED_END}
    assert not [v for v in found if v.kind in prohibited]
    pitch = 14.0
    column = Rect(100.0, 50.0, 40 * pitch, measure)
    hang = SIZE / 2 + 1e-6  # a compressed mark's blank half may hang past the line's ends
    for k, line in enumerate(vp.lines):
        if line.overfull:
            continue
        left = column.right - (k + 1) * pitch
        right = left + pitch
        for op in place(line, fonts, column, k * pitch, pitch, SIZE):
            assert isinstance(op, TextRun)
            face = fonts.face(op.face or "")
            if op.turn == 90:
                x0, x1 = op.x - 0.12 * SIZE, op.x + 0.88 * SIZE
                top = op.y
                length = sum(face.advance(c) for c in op.text) * SIZE * op.scale
            else:  # upright: its origin is its baseline, 0.88 em below its em box's top
                width = sum(face.advance(c) for c in op.text) * SIZE * op.scale
                x0, x1 = op.x, op.x + width
                top = op.y - 0.88 * SIZE
                length = SIZE
            assert left - 1e-6 <= x0 and x1 <= right + 1e-6, op
            assert column.y - hang <= top and top + length <= column.bottom + hang, op


def test_vert_forms_turned_latin_and_tcy_ops() -> None:
    fonts = library()
    metrics = Vertical(fonts.metrics("song"))
    text = "自1990年起，他在“GDP”和Apple的100周年大会上说：好！"
    vp = set_vertical(text, ParagraphStyle(SIZE, indent=0), 40 * SIZE, metrics)
    assert len(vp.lines) == 1
    ops = list(place(vp.lines[0], fonts, Rect(0, 0, 20, 40 * SIZE), 0, 20, SIZE))
    runs = {op.text: op for op in ops if isinstance(op, TextRun)}
    song = fonts.face("song")
    for mark in "，“”：！":
        assert runs[mark].glyph == song.vertical_form(mark) is not None
        assert runs[mark].glyph != song.cmap[ord(mark)]
    assert runs["1990"].turn == 90 and runs["Apple"].turn == 90
    assert runs["1990"].x == pytest.approx(10 - ROTATED_BASELINE * SIZE)
    tcy = runs["100"]
    assert tcy.turn == 0
    assert sum(song.advance(c) for c in "100") * SIZE * tcy.scale <= SIZE + 1e-6
    assert tcy.x >= 0 and tcy.x + SIZE * 1.0 <= 20 + SIZE  # centred on the line
    # upright acronym: one em per letter
    upright = [
        op for op in ops if isinstance(op, TextRun) and op.text in "GDP" and len(op.text) == 1
    ]
    assert [op.text for op in upright] == ["G", "D", "P"]
    assert [round(b.y - a.y, 6) for a, b in zip(upright, upright[1:], strict=False)] == [SIZE, SIZE]
    assert vp.lines[0].text == text


@pytest.mark.parametrize("face_id", ["song", "kai"])
@pytest.mark.parametrize("dash", ["——", "――", "⸺"])
def test_the_halves_of_a_dash_meet_in_a_vertical_line(face_id: str, dash: str) -> None:
    # As in 横排 (boxes._drawn_into), each dash is drawn turned by its ink, stretched so that
    # the halves meet (clreq §3.1.4), the face's side bearing kept at the mark's two ends;
    # ― too, whose upright vertical form (Noto's ︱, inked 0.07–0.93 of its em) cannot be
    # stretched down the line.
    fonts = library()
    chain = fonts.metrics(face_id)
    vp = set_vertical(f"他说{dash}好。", ParagraphStyle(SIZE, indent=0), 40 * SIZE, Vertical(chain))
    (line,) = vp.lines
    glyphs = [g for g in line.glyphs if g.text in dash]
    ops = place(line, fonts, Rect(0, 0, 20, 40 * SIZE), 0, 20, SIZE)
    runs = [op for op in ops if isinstance(op, TextRun) and op.text in dash]
    assert len(runs) == len(glyphs) == len(dash) and all(op.turn == 90 for op in runs)
    inks = []
    for g, op in zip(glyphs, runs, strict=True):
        left, right = chain.ink(g.text)
        assert op.y == pytest.approx(g.inline) and op.scale == pytest.approx(g.scale)
        inks.append((op.y + left * SIZE * op.scale, op.y + right * SIZE * op.scale))
    start = next(g.inline for g in line.glyphs if g.text == "说") + SIZE
    ems = 2 if dash == "⸺" else len(dash)
    assert inks[0][0] == pytest.approx(start + chain.ink(dash[0])[0] * SIZE)
    for (_, end), (begin, _) in zip(inks, inks[1:], strict=False):
        assert begin == pytest.approx(end)  # no paper between the halves
    advance = chain.glyph(dash[-1]).advance
    assert inks[-1][1] == pytest.approx(start + (ems - advance + chain.ink(dash[-1])[1]) * SIZE)


def test_rotated_quotes_option() -> None:
    fonts = library()
    metrics = Vertical(fonts.metrics("song"), VerticalOptions(quotes="rotated"))
    vp = set_vertical("他说“好”。", ParagraphStyle(SIZE, indent=0), 20 * SIZE, metrics)
    ops = list(place(vp.lines[0], fonts, Rect(0, 0, 20, 180), 0, 20, SIZE))
    quotes = [op for op in ops if isinstance(op, TextRun) and op.text in "“”"]
    assert quotes and all(op.turn == 90 and op.glyph is None for op in quotes)


def test_marks_a_face_has_no_vertical_form_of_are_moved_and_turned(tmp_path: Path) -> None:
    # A TrueType face with ，。「」 in their horizontal forms only (no GSUB vert), as Droid
    # Sans Fallback has ，．（）: the comma and stop drawn upright from the lower left of
    # their em to the upper right (GB/T 15834 §5.2), their ink in the half the line gives
    # them; the corner brackets turned clockwise, their bars across the line and inside
    # their boxes' ink halves.
    face = tmp_path / "novert.ttf"
    face.write_bytes(fm.font_bytes(fm.cjk_font("No Vert", cff=False, vert=False)))
    manifest = tmp_path / "manifest.yaml"
    manifest.write_text(fm.manifest_text({"novert": str(face)}, ["novert"]), encoding="utf-8")
    fonts = library(manifest)
    novert = fonts.face("novert")
    assert all(novert.vertical_form(mark) is None for mark in "，。「」")
    text = "他说「好，走。」"
    (line,) = set_vertical(
        text, ParagraphStyle(SIZE, indent=0), 20 * SIZE, Vertical(fonts.metrics("song"))
    ).lines
    ops = [op for op in place(line, fonts, Rect(0, 0, 20, 180), 0, 20, SIZE) if op.text in text]
    drawn = {op.text: op for op in ops}
    glyphs = {g.text: g for g in line.glyphs}
    centre = 10.0
    for mark in "，。":
        op, (left, right) = drawn[mark], novert.ink(mark)
        assert op.turn == 0 and op.glyph is None
        assert centre <= op.x + left * SIZE < op.x + right * SIZE <= centre + SIZE / 2
        # Its em box half an em above the em the line gives it: the ink (0.08 em below the
        # baseline to 0.12 above) in that em's upper half, the mark's ink half.
        em_top = op.y - (1 - EM_BOX_DESCENT) * SIZE
        assert em_top == pytest.approx(glyphs[mark].inline - SIZE / 2)
        ink_top, ink_foot = op.y - 0.12 * SIZE, op.y + 0.08 * SIZE
        assert glyphs[mark].inline <= ink_top < ink_foot <= glyphs[mark].inline + SIZE / 2
    boxes = _ink_halves(line)
    for bracket in "「」":
        op, (left, right) = drawn[bracket], novert.ink(bracket)
        assert op.turn == 90 and op.glyph is None
        assert op.x == pytest.approx(centre - ROTATED_BASELINE * SIZE)
        start, end = boxes[bracket]
        assert start - 1e-6 <= op.y + left * SIZE < op.y + right * SIZE <= end + 1e-6
    assert boxes["「"][0] > drawn["「"].y  # the opening bracket's ink at the foot of its em
    assert boxes["」"][0] == pytest.approx(drawn["」"].y)  # the closing one's at the head


def _ink_halves(line: Line) -> dict[str, tuple[float, float]]:
    """Where the box of each bracket lies along ``line``, from the line's items and their
    sizes as set (its ink half; the blank half is glue)."""
    spans: dict[str, tuple[float, float]] = {}
    at = line.offset
    for item, size in zip(line.items, line.sizes, strict=True):
        if isinstance(item, Box) and item.runs and item.runs[0].text in "「」":
            spans[item.runs[0].text] = (at, at + size)
        at += size
    return spans


@pytest.fixture(scope="module")
def vertical_page(tmp_path_factory: pytest.TempPathFactory):
    spec = load_spec(ROOT / "page_specs" / "vertical.yaml")
    fonts = library(spec.fonts_manifest)
    page = compose_page(spec, fonts)
    out = tmp_path_factory.mktemp("vertical") / "vertical.pdf"
    write_pdf([page], out, fonts)
    return spec, page, out


def test_vertical_page_fits_and_is_vertical(vertical_page) -> None:
    spec, page, _ = vertical_page
    assert spec.page.writing_mode is WritingMode.VERTICAL_RL
    assert not [p for p in page.problems if p.kind.value in ("overset", "missing-glyph")]
    runs = [op for op in page.ops if isinstance(op, TextRun)]
    assert any(op.glyph is not None for op in runs)
    assert any(op.turn == 90 for op in runs)
    for box in page.boxes:
        for line in box.lines:
            assert line.rect.height > line.rect.width  # vertical line slots


def test_vertical_page_records_its_line_grid(vertical_page) -> None:
    """On a vertical page ``Page.grid_lines`` are the centres of the line slots, right to
    left a pitch apart, and every line of a story is centred on one of them."""
    spec, page, _ = vertical_page
    pitch = spec.grid.line_pitch
    grid = page.grid_lines
    assert all(abs(a - b - pitch) < 1e-6 for a, b in zip(grid, grid[1:], strict=False))
    assert abs(grid[0] - (spec.page.type_area.right - pitch / 2)) < 1e-6
    for box in page.boxes:
        for line in box.lines:
            centre = line.rect.x + line.rect.width / 2
            assert any(abs(centre - x) < 0.01 for x in grid), (box.id, line)


def test_vertical_pdf_extracts_in_reading_order(vertical_page) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler-utils not installed")
    spec, page, out = vertical_page
    text = subprocess.run(
        ["pdftotext", "-raw", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout.replace("\n", "")
    labour = spec.articles["labour"]
    energy = spec.articles["energy"]
    # The base characters come back (not the vertical presentation forms) in reading order,
    # 纵中横 numbers and turned numbers included.
    first = labour.paragraphs[0].text
    assert first in text
    assert "自1990年进入晨光电缆工作以来" in text and "4月28日" in text
    assert "“传帮带”" in text
    assert not set(text) & set("︐︑︒︵︶﹁﹂﹃﹄")
    assert text.index(first) < text.index(energy.paragraphs[0].text[:20])


def test_word_spaces_of_a_vertical_line_extract(tmp_path: Path) -> None:
    # The spaces between turned words (and in a 竖题) are written as invisible turned runs
    # over their gaps: the text layer keeps the word boundaries of the copy.
    pdfplumber = pytest.importorskip("pdfplumber")
    words = "英文quoted text与iPhone 15 Pro Max上市。"
    song = library().face("song").info.path
    spec_path = fm.write_project(tmp_path, {}, {"song": str(song)}, ["song"], rare=words)
    spec = load_spec(spec_path)
    fonts = library(spec.fonts_manifest)
    page = compose_page(spec, fonts)
    out = tmp_path / "page.pdf"
    write_pdf([page], out, fonts)
    down = next(box.rect for box in spec.boxes if box.id == "down")
    spaces = [
        op
        for op in page.ops
        if isinstance(op, TextRun) and op.text == " " and down.x <= op.x <= down.right
    ]
    assert len(spaces) == 4 and all(op.turn == 90 for op in spaces)
    with pdfplumber.open(out) as pdf:
        page_chars = pdf.pages[0].chars
        trim_x = float(pdf.pages[0].trimbox[0]) if pdf.pages[0].trimbox else 0.0
    chars = [c for c in page_chars if c["x0"] - trim_x >= down.x - 1]
    assert words in "".join(c["text"] for c in chars)


def test_the_space_of_a_vertical_headline_extracts(vertical_page) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    spec, _, out = vertical_page
    assert spec.articles["immigration"].headline == ("资源整合 服务前移",)
    with pdfplumber.open(out) as pdf:
        text = "".join(c["text"] for c in pdf.pages[0].chars)
    assert "资源整合 服务前移" in text


def test_vertical_pdf_chars(vertical_page) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    _, page, out = vertical_page
    with pdfplumber.open(out) as pdf:
        chars = pdf.pages[0].chars
    turned = [c for c in chars if not c["upright"]]
    assert "".join(c["text"] for c in turned[:4]) == "1990"
    # Upright characters of a vertical line share their x and go down the line; the next
    # line is to the left.
    text = "".join(c["text"] for c in chars)
    at = text.index("本报讯昨天下午")
    line = chars[at : at + 7]
    assert len({round(c["x0"], 2) for c in line}) == 1
    tops = [c["top"] for c in line]
    assert tops == sorted(tops)
    labour = next(b for b in page.boxes if b.id == "labour")
    assert labour.lines[1].text.startswith("本报讯")
    nxt = text.index(labour.lines[2].text[:6])
    assert chars[nxt]["x0"] < line[0]["x0"]


def test_culture_page_has_vertical_headlines(tmp_path: Path) -> None:
    spec = load_spec(ROOT / "page_specs" / "culture.yaml")
    fonts = library(spec.fonts_manifest)
    page = compose_page(spec, fonts)
    assert not [p for p in page.problems if p.severity.value == "error"]
    box = spec.box("jinshan")
    strip_left = box.rect.right - spec.grid.column_width
    words = "".join(spec.articles["jinshan"].headline)
    headline = [
        op for op in page.ops if isinstance(op, TextRun) and op.size > 20 and op.text in words
    ]
    assert headline and all(strip_left <= op.x <= box.rect.right for op in headline)
    body = next(b for b in page.boxes if b.id == "jinshan")
    assert all(c.right <= strip_left + 1e-6 for c in body.columns)


def test_horizontal_metrics_untouched() -> None:
    # Setting a vertical line does not change the horizontal chain's answers.
    fonts = library()
    chain: ChainMetrics = fonts.metrics("song")
    set_vertical("“A”", ParagraphStyle(SIZE), 10 * SIZE, Vertical(chain))
    assert chain.glyph("A").advance == fonts.face("song").advance("A")
    assert chain.glyph("“").advance == fonts.face("song").advance("“")


def test_vertical_caption_beside_the_photo() -> None:
    """竖排图说: the culture page's photo box is vertical-rl: its title, caption and credit
    stand in vertical lines in a strip on the picture's left."""
    from layout.build import build
    from layout.page import ImageOp, TextRun

    result = build(Path(__file__).resolve().parents[1] / "page_specs" / "culture.yaml", None)
    box = next(b for b in result.page.boxes if b.kind == "photo")
    inside = [
        op
        for op in result.page.ops
        if isinstance(op, TextRun | ImageOp)
        and box.rect.x - 1 <= (op.x if isinstance(op, TextRun) else op.clip.x) <= box.rect.right
        and box.rect.y - 1 <= (op.y if isinstance(op, TextRun) else op.clip.y) <= box.rect.bottom
    ]
    image = next(op for op in inside if isinstance(op, ImageOp))
    caption = [op for op in inside if isinstance(op, TextRun)]
    # vertical lines: one upright character a run (or a turned Latin run), lines side by side
    assert caption and all(len(op.text) == 1 or op.turn == 90 for op in caption)
    assert len({round(op.x) for op in caption}) > 1
    assert all(op.x + op.size <= image.clip.x + 0.01 for op in caption)
    text = "".join(op.text for op in caption)
    assert "樱桃红满枝" in text and "玛瑙红樱桃" in text and "陈明远" in text


def _units(par: SetParagraph) -> set[tuple[Orientation, str]]:
    """The 纵中横 numbers and upright Latin letters of a set vertical paragraph."""
    found = set()
    for line in par.lines:
        for g in line.glyphs:
            if g.orientation is Orientation.TCY or (
                g.orientation is Orientation.UPRIGHT and g.text.isascii() and g.text.isalpha()
            ):
                found.add((g.orientation, g.text))
    return found


def test_unusual_copy_is_cleaned_and_its_private_use_characters_kept() -> None:
    fonts = library()
    metrics = Vertical(fonts.metrics("song"))
    text = "平湖  2025年\ue000经济\u200d增长28倍，“GDP”  上升。"
    vp = set_vertical(text, ParagraphStyle(SIZE), 8 * SIZE, metrics)
    cleaned = "平湖 2025年\ue000经济增长28倍，“GDP”上升。"
    assert vp.text == cleaned
    assert "".join(ln.text for ln in vp.lines) == cleaned.replace(" ", "")
    assert [(r.char, r.index) for r in vp.removed] == [("\u200d", 12)]
    assert text[12] == "\u200d"  # the index is in the text as written
    # the copy's own private-use character is itself (reported missing), never a unit
    assert [m.char for m in vp.missing] == ["\ue000"]
    assert _units(vp) == {(Orientation.TCY, "28"), (Orientation.UPRIGHT, "G"),
                          (Orientation.UPRIGHT, "D"), (Orientation.UPRIGHT, "P")}  # fmt: skip
    for m in vp.missing:
        assert vp.text[m.index] == m.char
    for line in vp.lines:
        assert "".join(g.text for g in line.glyphs) == vp.text[line.start : line.end].replace(
            " ", ""
        )


def test_full_width_digits_are_normalised_before_they_are_oriented() -> None:
    # ２８ is 28 set 纵中横, like any two-digit number; ＰＴＡ stands upright like PTA.
    metrics = Vertical(library().metrics("song"))
    vp = set_vertical("增长２８倍，ＰＴＡ产线", ParagraphStyle(SIZE), 20 * SIZE, metrics)
    assert vp.text == "增长28倍，PTA产线"
    assert _units(vp) == {(Orientation.TCY, "28"), (Orientation.UPRIGHT, "P"),
                          (Orientation.UPRIGHT, "T"), (Orientation.UPRIGHT, "A")}  # fmt: skip


def test_a_long_word_in_a_vertical_line_is_hyphenated() -> None:
    metrics = Vertical(library().metrics("song"))
    word = "pseudopseudohypoparathyroidism"
    vp = set_vertical(f"病名{word}。", ParagraphStyle(SIZE), 8 * SIZE, metrics)
    assert not vp.overfull
    assert any(line.hyphenated for line in vp.lines)
    assert "".join(line.text for line in vp.lines) == f"病名{word}。"
    column = Rect(0.0, 0.0, 2000.0, 8 * SIZE)
    for k, line in enumerate(vp.lines):
        ops = list(place(line, library(), column, k * 14.0, 14.0, SIZE))
        if line.hyphenated:
            assert ops[-1].text == "-" and ops[-1].turn == 90  # drawn turned, as the word is


def test_punctuation_held_on_to_a_number_leaves_it_a_tcy_unit() -> None:
    metrics = Vertical(library().metrics("song"))
    vp = set_vertical('增长28,达到"PTA"', ParagraphStyle(SIZE), 20 * SIZE, metrics)
    assert (Orientation.TCY, "28") in _units(vp)
    assert {(Orientation.UPRIGHT, c) for c in "PTA"} <= _units(vp)
    assert vp.text == "".join(line.text for line in vp.lines)
    column = Rect(0.0, 0.0, 2000.0, 20 * SIZE)
    ops = [op for line in vp.lines for op in place(line, library(), column, 0.0, 14.0, SIZE)]
    texts = [op.text for op in ops]
    assert "28" in texts and "," in texts  # the number 纵中横, its comma after it
    assert ops[texts.index(",")].y > ops[texts.index("28")].y
