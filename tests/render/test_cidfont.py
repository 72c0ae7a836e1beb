"""The Type0 / CIDFontType2 fonts of ``layout.render.cidfont``: the PDF the pen writes
with them and glyphs drawn by id (fast: a few small PDFs). The subsetter they embed is tested
in ``tests/fonts/test_subset.py``."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zlib
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fontTools.ttLib import TTFont

from layout.fonts import FontFileError, library
from layout.geometry import Rect
from layout.page import Page, TextRun
from layout.render.cidfont import (
    GLYPH_BASE,
    PROGRAMS_KEPT,
    CIDTrueTypeFont,
    SharedGlyphs,
    cmap_readings,
    shared_glyphs,
    subset_tag,
    to_unicode_cmap,
)
from layout.render.document import Document
from layout.render.pdf import _finish, _pen, pdf_bytes, pdf_font, write_pdf

if TYPE_CHECKING:
    import pikepdf

SONG_TEXT = "版面：春潮涌动，活力勃发。Banmian 2025年4月30日（星期三）“3+3+3”"
KAI_TEXT = "楷体¨´ 平湖 PTA 9.4%、增长！"


def _astral(face_id: str) -> str:
    """The first astral-plane character the face has (the faces ship some CJK Ext. B)."""
    return chr(min(code for code in library().face(face_id).cmap if code > 0xFFFF))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} not installed")
    return path


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def _sample_page() -> Page:
    song = SONG_TEXT + _astral("song")
    ops = (
        TextRun(song, "song", 10.0, 20.0, 30.0),
        TextRun(KAI_TEXT, "kai", 12.0, 20.0, 60.0),
        TextRun("第二行宋体，再用一次。", "song", 10.0, 20.0, 90.0),
    )
    return Page(1, Rect(0, 0, 400, 120), 3.0, ops, boxes=(), title="cidfont test")


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cid") / "sample.pdf"
    write_pdf([_sample_page()], out, library())
    return out


def _streams(pdf: bytes) -> list[bytes]:
    """Every stream of an uncompressed-object PDF, Flate-decoded."""
    out = []
    for m in re.finditer(rb"<<(.*?)>>\s*stream\r?\n", pdf, re.S):
        length = int(re.search(rb"/Length (\d+)", m.group(1)).group(1))
        data = pdf[m.end() : m.end() + length]
        out.append(zlib.decompress(data) if b"FlateDecode" in m.group(1) else data)
    return out


# -- the PDF --------------------------------------------------------------------------------


def test_pdffonts_one_cid_truetype_font_per_face(sample_pdf: Path) -> None:
    lines = _run(_tool("pdffonts"), str(sample_pdf)).splitlines()[2:]
    assert len(lines) == 2, lines
    names = set()
    for line in lines:
        assert "Helvetica" not in line
        name, rest = line.split(None, 1)
        assert re.fullmatch(r"[A-Z]{6}\+\S+", name), name
        names.add(name.split("+")[1])
        assert rest.split()[:6] == ["CID", "TrueType", "Identity-H", "yes", "yes", "yes"], line
    assert names == {"NotoSerifCJKsc-Regular", "LXGWWenKai-Regular"}


def test_pdftotext_gives_the_text_back(sample_pdf: Path) -> None:
    text = _run(_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(sample_pdf), "-")
    lines = [line for line in text.splitlines() if line.strip("\f")]
    assert lines == [SONG_TEXT + _astral("song"), KAI_TEXT, "第二行宋体，再用一次。"]


def test_same_input_same_bytes(sample_pdf: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    write_pdf([_sample_page()], again, library())
    assert again.read_bytes() == sample_pdf.read_bytes()


def test_kept_subset_programs_are_bounded_and_give_the_same_bytes() -> None:
    """A page made again after many others (each with a glyph set of its own) is the same
    PDF, whether its subset program is still kept or made anew; no more are kept than
    ``PROGRAMS_KEPT``."""
    fonts = library()
    font = pdf_font(fonts, "song")
    first = pdf_bytes([_sample_page()], fonts)
    assert pdf_bytes([_sample_page()], fonts) == first  # kept
    han = [chr(c) for c in sorted(fonts.face("song").cmap) if 0x4E00 <= c < 0x9FA0]
    for k in range(PROGRAMS_KEPT + 1):
        page = Page(
            1,
            Rect(0, 0, 200, 60),
            3.0,
            (TextRun(han[k], "song", 10.0, 5.0, 20.0),),
            boxes=(),
        )
        pdf_bytes([page], fonts)
    assert len(font._programs) == PROGRAMS_KEPT
    assert pdf_bytes([_sample_page()], fonts) == first  # made anew


def test_kept_subset_parts_are_those_a_fresh_font_makes() -> None:
    """The glyphs, name, ``/W`` array and ToUnicode CMap of a document's subset are kept by
    what the document drew: the same drawing in another document gives the kept parts, and
    they are what a fresh font object makes of it; the same characters with another text for
    a glyph drawn by id are another drawing (another CMap)."""
    fonts = library()
    face = fonts.face("song")
    font = pdf_font(fonts, "song")
    fresh = CIDTrueTypeFont.from_face("song-fresh", face)
    vert = _vert_glyph(TTFont(face.info.path), "，")

    def drawn(into: CIDTrueTypeFont, text: str):
        doc = Document()
        into.hex_glyphs(SONG_TEXT, doc)
        into.glyph_char(vert, text, doc)
        return into._subset(doc, True)

    def parts(subset) -> tuple:
        return (*subset[:-1], subset.to_unicode.result())

    kept = drawn(font, "，")
    assert drawn(font, "，") is kept
    assert parts(drawn(fresh, "，")) == parts(kept)
    other = drawn(font, "、")
    assert other.glyphs == kept.glyphs
    assert other.to_unicode.result() != kept.to_unicode.result()
    assert f"<{vert:04X}> <3001>".encode() in zlib.decompress(other.to_unicode.result())
    assert f"<{vert:04X}> <FF0C>".encode() in zlib.decompress(kept.to_unicode.result())


def test_qpdf_check(sample_pdf: Path) -> None:
    result = subprocess.run(
        [_tool("qpdf"), "--check", str(sample_pdf)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_type0_objects(sample_pdf: Path) -> None:
    pdf = sample_pdf.read_bytes()
    assert pdf.count(b"/Subtype /Type0") == 2
    assert pdf.count(b"/Subtype /CIDFontType2") == 2
    assert pdf.count(b"/CIDToGIDMap /Identity") == 2
    assert pdf.count(b"/FontFile2") == 2
    assert b"/Registry (Adobe)" in pdf and b"/Ordering (Identity)" in pdf
    cmaps = [s for s in _streams(pdf) if b"beginbfchar" in s]
    assert len(cmaps) == 2
    # The astral character is one UTF-16 surrogate pair.
    pair = _astral("song").encode("utf-16-be").hex().upper()
    assert any(f"> <{pair}>".encode() in cmap for cmap in cmaps)


# -- helpers --------------------------------------------------------------------------------


def test_helpers() -> None:
    tag = subset_tag("song", [5, 3, 1])
    assert re.fullmatch(r"[A-Z]{6}", tag) and tag == subset_tag("song", [1, 3, 5])
    assert tag != subset_tag("song", [1, 3])
    cmap = to_unicode_cmap({7: "，", 3: "\U00020000", 4: ""})
    assert b"2 beginbfchar\n<0003> <D840DC00>\n<0007> <FF0C>\nendbfchar" in cmap
    # Every text is its UTF-16BE: BMP characters either side of the surrogates, the last of
    # the BMP, astral ones (a surrogate pair), a stand-in's plane, several characters.
    texts = ["\x00", "a", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\U00010000", "\U000f0001", "ab"]
    cmap = to_unicode_cmap(dict(enumerate(texts, start=1)))
    for gid, text in enumerate(texts, start=1):
        assert f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>".encode() in cmap
    # The lines kept by (glyph id, text) (a font's, for its other documents): the same CMap.
    from layout.render.cidfont import _bfchar_line, _PerChar

    kept = _PerChar(_bfchar_line)
    entries = dict(enumerate(texts, start=1))
    assert to_unicode_cmap(entries, kept) == cmap == to_unicode_cmap(entries, kept)
    assert len(kept) == len(texts)


# -- glyphs drawn by id ----------------------------------------------------------------------


def _vert_glyph(font: TTFont, ch: str) -> int:
    """The ``vert`` single substitution of ``ch``, as a glyph id."""
    gsub = font["GSUB"].table
    name = font.getBestCmap()[ord(ch)]
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag != "vert":
            continue
        for index in record.Feature.LookupListIndex:
            for sub in gsub.LookupList.Lookup[index].SubTable:
                mapping = getattr(sub, "mapping", None)
                if mapping and name in mapping:
                    return font.getGlyphID(mapping[name])
    raise LookupError(ch)


def test_vert_glyph_extracts_as_its_character(tmp_path: Path) -> None:
    fonts = library()
    face = fonts.face("song")
    vert = _vert_glyph(TTFont(face.info.path), "，")
    assert vert != face.cmap[ord("，")]
    font = pdf_font(fonts, "song")
    assert isinstance(font, CIDTrueTypeFont)

    out = tmp_path / "vert.pdf"
    pen = _pen(fonts, None)
    pen.begin_page(Page(1, Rect(0, 0, 200, 100), 0.0, (), boxes=()))
    doc = pen.canvas.doc
    stand_in = font.glyph_char(vert, "，", doc)
    assert stand_in == chr(GLYPH_BASE + vert)
    assert font.string_width("好" + stand_in, 10) == pytest.approx(
        10 * (face.advance("好") + font.program.advances[vert] / face.units_per_em)
    )
    hexed = font.hex_glyphs("好" + stand_in + "的", doc)
    pen.canvas.code.append(f"BT {font.resource_name(doc)} 12 Tf 20 50 Td <{hexed}> Tj ET")
    pen.canvas.show_page()
    out.write_bytes(_finish(pen, "vert"))

    pdf = out.read_bytes()
    cmaps = b"".join(s for s in _streams(pdf) if b"beginbfchar" in s)
    assert f"<{vert:04X}> <FF0C>".encode() in cmaps
    assert f"<{face.cmap[ord('，')]:04X}>".encode() not in cmaps  # only the vert form drawn
    extracted = _run(_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(out), "-")
    assert extracted.strip("\f\n") == "好，的"


def test_encode_glyphs_records_texts() -> None:
    fonts = library()
    font = pdf_font(fonts, "kai")
    doc = Document()
    comma = fonts.face("kai").cmap[ord("，")]
    assert font.encode_glyphs([comma, 5], ["，", ""], doc) == struct.pack(">HH", comma, 5)
    font.hex_glyphs("永，", doc)
    mapping = font.to_unicode(doc)
    assert mapping[comma] == "，" and mapping[5] == ""
    assert mapping[fonts.face("kai").cmap[ord("永")]] == "永"
    with pytest.raises(ValueError):
        font.glyph_char(10**6, "x", doc)


def test_a_hex_writer_writes_and_records_as_hex_glyphs() -> None:
    fonts = library()
    font = pdf_font(fonts, "song")
    one, other = Document(), Document()
    hexed = font.hex_writer(one)
    assert hexed("版面") + hexed("，2025") == font.hex_glyphs("版面，2025", other)
    assert font.to_unicode(one) == font.to_unicode(other)  # the same characters recorded
    assert font.drawn(one).chars == frozenset("版面，2025")


# --------------------------------------------------------------------------- bad font files


def test_a_font_opened_by_path_is_verified(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttf"
    bad.write_text("not a font", encoding="utf-8")
    with pytest.raises(FontFileError, match="not a TrueType font"):
        CIDTrueTypeFont("bad", bad)


# -- one glyph for two texts (SharedGlyphs) ------------------------------------------------

# The marks of a 竖排 paragraph and presentation forms: in Noto CJK the vert form of '「' is
# the glyph of '﹁' (U+FE41) and of '‘'; of '『', that of '﹃' and of '“'; of '，', that of '︐'.
MARKS = "「戊说『己』。」“甲‘乙’”，﹁丙﹂︐"


def _song() -> tuple[CIDTrueTypeFont, int]:
    """A fresh song font (nothing kept from other tests) and the vert form of '「'."""
    face = library().face("song")
    font = CIDTrueTypeFont.from_face("song-shared", face)
    return font, face.vertical_form("「")


def test_shared_glyphs_number_a_cid_for_each_character_of_a_shared_glyph() -> None:
    """Glyph 5 is the cmap's for 'C' and the vertical form of 'A' (through two lookups) and
    of 'B'; glyph 6 the vertical form of 'D' alone (one text: not shared). Each character of
    glyph 5 gets a CID of its own from the first given, in code-point order. Past the
    stand-ins' range there is no room for them."""
    cmap = {0x41: 1, 0x42: 2, 0x43: 5, 0x44: 3}
    lookups = ({1: 4, 3: 6}, {4: 5, 2: 5})
    shared = shared_glyphs(cmap, lookups, 100)
    assert shared == SharedGlyphs({(5, "A"): 100, (5, "B"): 101, (5, "C"): 102}, (5, 5, 5))
    limit = 0xFFFE - GLYPH_BASE % 0x10000  # the stand-ins end at U+FFFFD
    assert shared_glyphs(cmap, lookups, limit - 2).cids == {
        (5, "A"): limit - 2,
        (5, "B"): limit - 1,
    }
    assert shared_glyphs(cmap, lookups, limit).cids == {}
    assert shared_glyphs(cmap, (), 100) == SharedGlyphs({}, ())


def test_the_song_face_shares_its_vertical_marks() -> None:
    font, quote = _song()
    face = library().face("song")
    assert quote == face.cmap[ord("﹁")] == face.vertical_form("‘")
    shared = font.shared
    assert {(face.cmap[ord(ch)], ch) for ch in "﹃︐︒"} <= shared.cids.keys()
    assert (face.cmap[ord("「")], "「") not in shared.cids  # its own glyph: one text
    own = [shared.cids[(quote, ch)] for ch in "‘「﹁"]
    assert len(set(own)) == 3 and min(own) >= font.program.num_glyphs
    assert all(font.glyph_id(GLYPH_BASE + cid) == quote for cid in own)


def test_characters_are_drawn_through_a_claim_only_when_their_glyph_is_a_vertical_form() -> None:
    """A text of characters whose glyphs are no vertical forms is written as it is (the
    plain writer gives its digits); '﹁' (the glyph of the vert '「') is not (None, nothing
    recorded) and the claimer puts it as the stand-in of the CID claimed for it."""
    font, quote = _song()
    doc = Document()
    plain, claimed = font.plain_hex_writer(doc), font.claimer(doc)
    assert claimed("版面，") == "版面，"
    assert plain("版面，") == font.hex_glyphs("版面，", Document())
    assert plain("「﹁」") is None and font.drawn(doc).chars == frozenset("版面，")
    assert claimed("「﹁」") == "「" + chr(GLYPH_BASE + quote) + "」"
    assert font.to_unicode(doc)[quote] == "﹁"


def test_a_second_text_of_a_glyph_gets_a_cid_of_its_own() -> None:
    """The first text drawn with a shared glyph in a document gets the glyph's CID, another
    its own (the same each time); a character of the cmap is drawn through the same claim,
    a text that is none of the glyph's characters shares the glyph's CID. Widths are the
    glyph's; the ToUnicode entries are keyed by CID. Another document starts afresh."""
    font, quote = _song()
    cids = font.shared.cids
    doc = Document()
    corner = font.glyph_char(quote, "「", doc)
    assert corner == chr(GLYPH_BASE + quote) == font.glyph_char(quote, "「", doc)
    single = font.glyph_char(quote, "‘", doc)
    assert single == chr(GLYPH_BASE + cids[(quote, "‘")])
    assert font.string_width(single, 10) == font.string_width(corner, 10)
    hexed = font.hex_glyphs("﹁" + corner + single, doc)
    assert hexed == f"{cids[(quote, '﹁')]:04X}{quote:04X}{cids[(quote, '‘')]:04X}"
    assert font.to_unicode(doc) == {
        quote: "「",
        cids[(quote, "‘")]: "‘",
        cids[(quote, "﹁")]: "﹁",
    }
    assert font.encode_glyphs([quote, quote], ["‘", "x"], doc) == struct.pack(
        ">HH", cids[(quote, "‘")], quote
    )

    other = Document()
    assert font.hex_glyphs("﹁", other) == f"{quote:04X}"
    assert font.glyph_char(quote, "「", other) == chr(GLYPH_BASE + cids[(quote, "「")])
    assert font.to_unicode(other) == {quote: "﹁", cids[(quote, "「")]: "「"}


def test_a_drawing_put_in_another_document_says_which_cids_move() -> None:
    """A page that drew '﹁' and then the vert '「' (the glyph's CID and '「''s own), put in a
    document that drew the vert '「' first: there '﹁' has its own CID and '「' the glyph's;
    the characters recorded name the CIDs of that document."""
    font, quote = _song()
    cids = font.shared.cids
    page = Document()
    assert font.hex_glyphs("﹁", page) == f"{quote:04X}"
    corner = font.glyph_char(quote, "「", page)
    assert font.hex_glyphs(corner, page) == f"{cids[(quote, '「')]:04X}"
    whole = Document()
    font.glyph_char(quote, "「", whole)
    moved = font.add_drawn(whole, font.drawn(page))
    assert moved == {quote: cids[(quote, "﹁")], cids[(quote, "「")]: quote}
    assert font.to_unicode(whole) == {quote: "「", cids[(quote, "﹁")]: "﹁"}
    assert font.add_drawn(Document(), font.drawn(page)) == {}  # the same order: no move


def _marks_page(number: int, vertical: str, horizontal: str) -> Page:
    """``vertical`` set down a vertical line (each character upright, its vert form where the
    face has one, as the vertical layout draws them) and ``horizontal`` along a horizontal
    line below it."""
    face = library().face("song")
    ops = []
    for k, ch in enumerate(vertical):
        ops.append(TextRun(ch, "song", 10.0, 180.0, 20.0 + 10 * k, glyph=face.vertical_form(ch)))
    if horizontal:
        ops.append(TextRun(horizontal, "song", 10.0, 10.0, 250.0))
    return Page(number, Rect(0, 0, 200, 280), 3.0, tuple(ops), boxes=(), title="marks")


def _page_texts(pdf: Path) -> list[tuple[str, str]]:
    """Each page's (vertical line, horizontal line) as pdfplumber extracts them: the
    characters above y = 230 top to bottom, the others left to right."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as opened:
        for page in opened.pages:
            column = sorted((c for c in page.chars if c["top"] < 230), key=lambda c: c["top"])
            line = sorted((c for c in page.chars if c["top"] >= 230), key=lambda c: c["x0"])
            out.append(("".join(c["text"] for c in column), "".join(c["text"] for c in line)))
    return out


def test_vertical_marks_and_their_presentation_forms_extract_as_drawn(tmp_path: Path) -> None:
    """One page draws the marks down a vertical line (vert forms) and along a horizontal one
    (the presentation forms among them, the glyphs of vert forms): each extracts as the
    character drawn (pdfplumber, pdftotext). The CIDFont maps the own CIDs to the shared
    glyphs (``/CIDToGIDMap`` stream, identity below the glyph count), their ``/W`` widths
    are the glyphs', the subset program keeps the glyphs' outlines; qpdf and the PDF/X
    preflight find nothing wrong."""
    import pikepdf

    from layout.press import PressSettings
    from layout.render.pdfx import check_pdfx

    out = tmp_path / "marks.pdf"
    out.write_bytes(pdf_bytes([_marks_page(1, MARKS, MARKS)], library(), PressSettings()))
    assert _page_texts(out) == [(MARKS, MARKS)]
    raw = _run(_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(out), "-")
    assert MARKS in raw.splitlines()
    subprocess.run([_tool("qpdf"), "--check", str(out)], check=True, capture_output=True)
    assert check_pdfx(out) == []

    font, quote = _song()
    own = font.shared.cids[(quote, "﹁")]  # the vert '「' came first
    with pikepdf.open(out) as pdf:
        cid_font = _own_cid_drawn(pdf, font, quote, own)
        program = TTFont(io.BytesIO(cid_font.FontDescriptor.FontFile2.read_bytes()))
        assert program["glyf"][program.getGlyphOrder()[quote]].numberOfContours > 0


def test_a_page_with_no_glyph_for_two_texts_keeps_the_identity_map(tmp_path: Path) -> None:
    """Vertical marks whose vert forms are each drawn for one text (no '‘' beside '「', no
    '﹁'), a horizontal line of their own glyphs: the CIDFont says ``/CIDToGIDMap
    /Identity`` and the marks extract."""
    out = tmp_path / "vertical.pdf"
    text = "「戊说『己』。」，"
    out.write_bytes(pdf_bytes([_marks_page(1, text, text)], library()))
    assert b"/CIDToGIDMap /Identity" in out.read_bytes()
    assert _page_texts(out) == [(text, text)]


@pytest.mark.parametrize("order", [(1, 2), (2, 1)])
def test_an_edition_of_pages_sharing_a_glyph_gives_each_page_its_text(
    order: tuple[int, int], tmp_path: Path
) -> None:
    """Vertical marks on one page, their vert forms' presentation forms on another: alone,
    neither page's PDF draws a glyph for two texts; in the edition's PDF the page drawn
    second has the own CIDs, its content stream's codes changed where its page was put. The
    PDF made from the pages' drawings is the one drawing them again gives, and every page
    extracts as drawn."""
    from layout.render.pdf import pages_pdf_bytes

    fonts = library()
    vertical, forms = "「戊」，", "﹁丙﹂︐"
    made = {1: _marks_page(1, vertical, ""), 2: _marks_page(2, "", forms)}
    pages = [made[n] for n in order]
    whole, singles = pages_pdf_bytes(pages, fonts, None, title="marks")
    assert whole == pdf_bytes(pages, fonts, None, title="marks")
    assert list(singles) == [pdf_bytes([p], fonts, None) for p in pages]
    assert all(b"/CIDToGIDMap /Identity" in single for single in singles)
    assert b"/CIDToGIDMap /Identity" not in whole
    out = tmp_path / "edition.pdf"
    out.write_bytes(whole)
    texts = {1: (vertical, ""), 2: ("", forms)}
    assert _page_texts(out) == [texts[n] for n in order]


# -- two characters of the cmap drawn with one glyph ---------------------------------------

# In the shipped Noto faces U+2013 '–' is drawn with the glyph of U+2012 '‒' (figuredash),
# U+2027 '‧' with that of U+2022 '•' (Noto Serif; Noto Sans draws both with '·''s).
DASHES = "2024–2025年，电话0573‒8501"
DOTS = "阿卜杜拉‧买买提和阿卜杜拉•买买提"


def _fonttools_readings(path: Path) -> dict[int, tuple[str, ...]]:
    """Glyph id → its characters, for every glyph the face's best cmap gives two or more
    (read by fontTools, apart from the engine's own readers)."""
    font = TTFont(path, lazy=True)
    readings: dict[int, list[str]] = {}
    for code, glyph_name in sorted(font.getBestCmap().items()):
        readings.setdefault(font.getGlyphID(glyph_name), []).append(chr(code))
    return {gid: tuple(chars) for gid, chars in readings.items() if len(chars) > 1}


@pytest.mark.parametrize("face_id", ["song", "song-heavy", "hei", "hei-regular", "kai"])
def test_the_cmap_readings_are_the_faces_shared_glyphs(face_id: str) -> None:
    """The glyphs each shipped face's cmap gives two characters, as fontTools reads them
    (among them '–' and '‒', '-' and '‑' in every face); the characters drawn through a claim
    are exactly theirs (a text of none is written plainly)."""
    face = library().face(face_id)
    readings = cmap_readings(face.cmap)
    assert readings == _fonttools_readings(face.info.path)
    assert {"–", "‒", "-", "‑"} <= set(chain(*readings.values()))
    font = CIDTrueTypeFont.from_face(f"{face_id}-readings", face)
    assert font._shared_chars == frozenset(chain(*readings.values()))


def test_cmap_readings_count_the_no_break_space_as_the_spaces_glyph() -> None:
    """A cmap without U+00A0 draws it with the space's glyph (``glyph_id``): the two share
    it, as they do where the cmap maps both to one glyph; a cmap giving each character a
    glyph of its own shares none, nor do characters it maps to .notdef."""
    assert cmap_readings({0x20: 3, 0x41: 4}) == {3: (" ", "\xa0")}
    assert cmap_readings({0x20: 3, 0xA0: 3, 0x41: 4}) == {3: (" ", "\xa0")}
    assert cmap_readings({0x20: 3, 0xA0: 5, 0x41: 4}) == {}
    assert cmap_readings({0x41: 4, 0x2012: 7, 0x2013: 7}) == {7: ("‒", "–")}
    assert cmap_readings({0x20: 3, 0xA0: 5, 0x41: 0, 0x42: 0}) == {}  # .notdef: nobody's


def test_shared_glyphs_number_the_cmaps_shared_glyphs_after_the_vertical_forms() -> None:
    """As in the test above, glyph 5 is shared by vertical forms; glyph 7 is the cmap's for
    'E' and 'F': their CIDs follow glyph 5's (so a face's vertical forms keep the CIDs they
    had), and a cmap with no vertical forms numbers its own from the first."""
    cmap = {0x41: 1, 0x42: 2, 0x43: 5, 0x44: 3, 0x45: 7, 0x46: 7}
    lookups = ({1: 4, 3: 6}, {4: 5, 2: 5})
    assert shared_glyphs(cmap, lookups, 100) == SharedGlyphs(
        {(5, "A"): 100, (5, "B"): 101, (5, "C"): 102, (7, "E"): 103, (7, "F"): 104},
        (5, 5, 5, 7, 7),
    )
    assert shared_glyphs(cmap, (), 100) == SharedGlyphs({(7, "E"): 100, (7, "F"): 101}, (7, 7))


def test_a_text_of_shared_characters_is_drawn_through_a_claim() -> None:
    """A text with no character of a shared glyph gives its digits plainly; one with '–'
    gives None (nothing recorded), and the claimer writes '–' as the glyph's CID when it is
    the first text drawn with it, '‒' then as its own CID."""
    font = CIDTrueTypeFont.from_face("song-dashes", library().face("song"))
    dash = font.glyph_id(ord("–"))
    assert dash == font.glyph_id(ord("‒"))
    doc = Document()
    plain, claimed = font.plain_hex_writer(doc), font.claimer(doc)
    assert plain("2024年") == font.hex_glyphs("2024年", Document())
    assert plain("2024–2025") is None and font.drawn(doc).chars == frozenset("2024年")
    own = font.shared.cids[(dash, "‒")]
    assert claimed("4–2") == "4" + chr(GLYPH_BASE + dash) + "2"
    assert claimed("3‒8–") == "3" + chr(GLYPH_BASE + own) + "8" + chr(GLYPH_BASE + dash)
    assert font.hex_glyphs("‒", doc) == f"{own:04X}"
    entries = font.to_unicode(doc)
    assert entries[dash] == "–" and entries[own] == "‒"


def _line_page(number: int, *lines: str, face: str = "song") -> Page:
    """``lines`` set one under another in ``face``."""
    ops = tuple(TextRun(line, face, 10.0, 10.0, 20.0 + 20 * k) for k, line in enumerate(lines))
    return Page(number, Rect(0, 0, 300, 30 + 20 * len(lines)), 3.0, ops, boxes=(), title="lines")


def _lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as pdfplumber extracts them (characters by baseline, left to right)."""
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as opened:
        for page in opened.pages:
            rows: dict[float, list[dict]] = {}
            for char in page.chars:
                rows.setdefault(round(char["top"]), []).append(char)
            out.append(
                [
                    "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))
                    for _, row in sorted(rows.items())
                ]
            )
    return out


@pytest.mark.parametrize("face_id", ["song", "hei"])
def test_two_characters_of_one_glyph_extract_as_drawn(face_id: str, tmp_path: Path) -> None:
    """'–' and '‒', '‧' and '•' (and in hei '·' and '・') on one page extract as drawn
    (pdfplumber, pdftotext): the second text drawn with each glyph has a CID of its own,
    mapped back to the glyph by the ``/CIDToGIDMap`` stream (identity below the glyph count),
    its ``/W`` width the glyph's; qpdf and the PDF/X preflight find nothing wrong."""
    import pikepdf

    from layout.press import PressSettings
    from layout.render.pdfx import check_pdfx

    lines = [DASHES, DOTS, "中点·和・，全角\u3000与\u2003，波浪〜和～，连字-和‑"]
    out = tmp_path / "shared.pdf"
    out.write_bytes(pdf_bytes([_line_page(1, *lines, face=face_id)], library(), PressSettings()))
    assert _lines(out) == [lines]
    raw = _run(_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(out), "-").splitlines()
    assert DASHES in raw and DOTS in raw
    subprocess.run([_tool("qpdf"), "--check", str(out)], check=True, capture_output=True)
    assert check_pdfx(out) == []

    font = CIDTrueTypeFont.from_face(f"{face_id}-lines", library().face(face_id))
    dash = font.glyph_id(ord("–"))
    own = font.shared.cids[(dash, "‒")]  # '–' came first
    with pikepdf.open(out) as pdf:
        _own_cid_drawn(pdf, font, dash, own)


def test_a_page_with_one_character_of_a_shared_glyph_keeps_the_identity_map(
    tmp_path: Path,
) -> None:
    """'–' alone (no '‒') is written as its glyph's CID: ``/CIDToGIDMap /Identity``, and it
    extracts as itself."""
    out = tmp_path / "dash.pdf"
    out.write_bytes(pdf_bytes([_line_page(1, "2024–2025年")], library()))
    assert b"/CIDToGIDMap /Identity" in out.read_bytes()
    assert _lines(out) == [["2024–2025年"]]


@pytest.mark.parametrize("order", [(1, 2), (2, 1)])
def test_an_edition_with_the_two_characters_on_two_pages_gives_each_its_own(
    order: tuple[int, int], tmp_path: Path
) -> None:
    """'–' on one page, '‒' (and '•' beside '‧' on the first) on another: alone, neither
    page's PDF draws a glyph for two texts but the first's dots; in the edition's PDF the
    page drawn second has '‒''s own CID, its content stream's codes changed where its page
    was put. The PDF made from the pages' drawings is the one drawing them again gives, and
    every page extracts as drawn."""
    from layout.render.pdf import pages_pdf_bytes

    fonts = library()
    made = {1: _line_page(1, "2024–2025年"), 2: _line_page(2, "电话0573‒8501", "‧和‧")}
    pages = [made[n] for n in order]
    whole, singles = pages_pdf_bytes(pages, fonts, None, title="dashes")
    assert whole == pdf_bytes(pages, fonts, None, title="dashes")
    assert list(singles) == [pdf_bytes([p], fonts, None) for p in pages]
    assert all(b"/CIDToGIDMap /Identity" in single for single in singles)
    assert b"/CIDToGIDMap /Identity" not in whole
    out = tmp_path / "edition.pdf"
    out.write_bytes(whole)
    texts = {1: ["2024–2025年"], 2: ["电话0573‒8501", "‧和‧"]}
    assert _lines(out) == [texts[n] for n in order]


def _own_cid_drawn(pdf: pikepdf.Pdf, font: CIDTrueTypeFont, gid: int, own: int) -> pikepdf.Object:
    """The page's one CID font, checked: its /CIDToGIDMap maps every glyph's CID to itself
    and CID ``own`` to glyph ``gid``, and /W gives ``own`` the glyph's width."""
    (type0,) = pdf.pages[0].Resources.Font.values()
    cid_font = type0.DescendantFonts[0]
    table = cid_font.CIDToGIDMap.read_bytes()
    gids = struct.unpack(f">{len(table) // 2}H", table)
    count = font.program.num_glyphs
    assert gids[:count] == tuple(range(count)) and gids[own] == gid
    widths = list(cid_font.W)
    found = {}
    for k in range(0, len(widths), 2):
        start, run = int(widths[k]), widths[k + 1]
        found.update({start + i: float(w) for i, w in enumerate(run)})
    assert found.get(own, 1000) == found.get(gid, 1000) == font.glyph_width(gid)
    return cid_font
