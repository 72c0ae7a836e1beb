"""The Type0 / CIDFontType2 fonts of ``layout.render.cidfont``: the PDF the pen writes
with them and glyphs drawn by id (fast: a few small PDFs). The subsetter they embed is tested
in ``tests/fonts/test_subset.py``."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from layout.fonts import FontFileError, library
from layout.geometry import Rect
from layout.page import Page, TextRun
from layout.render.cidfont import (
    GLYPH_BASE,
    PROGRAMS_KEPT,
    CIDTrueTypeFont,
    subset_tag,
    to_unicode_cmap,
)
from layout.render.document import Document
from layout.render.pdf import _finish, _pen, pdf_bytes, pdf_font, write_pdf

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
