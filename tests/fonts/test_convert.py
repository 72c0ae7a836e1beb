"""Fonts of one's own (layout/fonts/convert.py): CFF .otf faces and faces of .ttc collections
named in a manifest, converted once to TrueType outlines and cached, their vertical tables
and ``vert`` forms kept; a page set with them, its fonts embedded, subset and the vertical
forms drawn. The fonts are made here (tests/fonts/fontmaker.py)."""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pikepdf
import pytest
from fontTools.ttLib import TTFont

from layout.build import build
from layout.cli import main
from layout.errors import EXIT_BAD_INPUT
from layout.fonts import FaceInfo, FontErrors, FontFileError, library, open_face
from layout.fonts.convert import (
    cache_dir,
    check_source,
    converted_bytes,
    truetype_file,
)
from layout.fonts.manifest import split_face_index
from layout.geometry import Rect
from layout.page import TextRun

sys.path.insert(0, str(Path(__file__).parent))
import fontmaker as fm  # noqa: E402

OTF = fm.font_bytes(fm.cjk_font("TestSong"))
# A collection as Noto CJK ships them, but mixed: face 0 TrueType outlines (Ext. A only),
# face 1 CFF.
EXT_A = ((0x3400, 0x4DBF),)
TTC = fm.collection(
    fm.cjk_font("TestExtA", cff=False, covered=EXT_A, latin=False, vert=False),
    fm.cjk_font("TestHei"),
)


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("BANMIAN_CACHE", str(folder))
    return folder


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def vert_names(font: TTFont) -> dict[str, str]:
    """The ``vert`` feature's single substitutions, by glyph name (fontTools' reading)."""
    table = font["GSUB"].table
    out: dict[str, str] = {}
    for record in table.FeatureList.FeatureRecord:
        if record.FeatureTag == "vert":
            for index in record.Feature.LookupListIndex:
                for sub in table.LookupList.Lookup[index].SubTable:
                    out.update(sub.mapping)
    return out


# --------------------------------------------------------------------------- the conversion


def test_a_cff_face_becomes_truetype_with_its_vertical_tables(tmp_path: Path) -> None:
    source = TTFont(io.BytesIO(OTF))
    result = truetype_file(write(tmp_path, "song.otf", OTF))
    assert result.converted and result.outlines == "CFF" and result.seconds is not None
    assert result.path.parent == cache_dir() and result.path.suffix == ".ttf"
    font = TTFont(result.path)
    assert "glyf" in font and "CFF " not in font and "VORG" not in font
    assert font.sfntVersion == "\x00\x01\x00\x00"
    # Every glyph in its place (the names go: post format 3), so GSUB's ids stay right.
    order, names = font.getGlyphOrder(), source.getGlyphOrder()
    assert len(order) == len(names) and font["post"].formatType == 3.0
    gid = {name: k for k, name in enumerate(names)}
    assert {c: order.index(g) for c, g in font.getBestCmap().items()} == {
        c: gid[g] for c, g in source.getBestCmap().items()
    }
    assert {"vhea", "vmtx", "GSUB"} <= set(font.keys())
    # The vertical forms reach the same glyphs, by id.
    forms = {order.index(a): order.index(b) for a, b in vert_names(font).items()}
    assert forms == {gid[name]: gid[f"{name}.vert"] for name in fm.MARKS.values()}
    # VORG's vertical origin survives as yMax + top side bearing (OpenType "vmtx").
    for name in ("box", "comma.vert"):
        glyph = font["glyf"][order[gid[name]]]
        advance, tsb = font["vmtx"][order[gid[name]]]
        assert advance == 1000 and glyph.yMax + tsb == fm.VERTICAL_ORIGIN
    assert font["head"].modified == source["head"].modified  # kept, not "now"
    # What layout reads: the verifier passes it and finds the vertical forms.
    face = open_face(FaceInfo("song", tmp_path / "song.otf", "song", ""))
    for ch, name in fm.MARKS.items():
        assert face.vertical_form(ch) == gid[f"{name}.vert"]
    assert face.vertical_advance("中") == 1.0


def test_the_conversion_is_deterministic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "song.otf", OTF)
    first = truetype_file(path).path.read_bytes()
    assert converted_bytes(OTF, None) == first
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "elsewhere"))
    again = truetype_file(path)
    assert again.path.parent == tmp_path / "elsewhere" / "fonts"
    assert again.path.read_bytes() == first
    assert again.path.name == truetype_file(path).path.name  # the key is the content's


def test_a_truetype_file_is_its_own_result(tmp_path: Path, cache: Path) -> None:
    path = write(tmp_path, "plain.ttf", fm.font_bytes(fm.cjk_font("Plain", cff=False)))
    result = truetype_file(path)
    assert result.path == path and not result.converted and result.outlines == "TrueType"
    assert not cache.exists()  # nothing copied


def test_collection_faces_are_extracted_and_converted(tmp_path: Path) -> None:
    path = write(tmp_path, "pair.ttc", TTC)
    truetype = truetype_file(path, 0)
    cff = truetype_file(path, 1)
    assert truetype.outlines == "TrueType" and cff.outlines == "CFF"
    assert truetype.path != cff.path and truetype.path.name.startswith("pair-0-")
    extracted = TTFont(truetype.path)
    original = TTFont(io.BytesIO(TTC), fontNumber=0)
    assert extracted.getBestCmap() == original.getBestCmap()
    assert extracted["glyf"]["box"].coordinates == original["glyf"]["box"].coordinates
    assert extracted.getGlyphOrder() == original.getGlyphOrder()
    converted = TTFont(cff.path)
    assert "glyf" in converted and converted["name"].getDebugName(1) == "TestHei"
    assert vert_names(converted)
    # An OpenType collection (.otc) is the same format: its faces are named alike.
    otc = truetype_file(write(tmp_path, "pair.otc", TTC), 1)
    assert otc.path.read_bytes() == cff.path.read_bytes()


@pytest.mark.parametrize(
    ("name", "data", "index", "words"),
    [
        ("pair.ttc", TTC, None, ["font collection", "2 faces", "pair.ttc#0 (TestExtA)", "#1"]),
        ("pair.ttc", TTC, 2, ["2 faces (#0–#1)", "got #2", "pair.ttc#1 (TestHei)"]),
        ("song.otf", OTF, 1, ["#1 names a face of a collection", "single font"]),
        ("bad.otf", OTF[:300], None, ["damaged font"]),
        ("cut.ttc", TTC[:14], 1, ["truncated font", "before face #1"]),
        ("cut.ttc", TTC[:24], 1, ["damaged font"]),
        ("empty.ttc", TTC[:8] + bytes(4), 0, ["lists no faces"]),
        ("hollow.otf", b"OTTO" + bytes(400), None, ["no outlines", "its tables: none"]),
    ],
    ids=[
        "no-index",
        "index-past-the-end",
        "index-on-a-single-font",
        "truncated-cff",
        "truncated-face-table",
        "truncated-collection",
        "no-faces",
        "no-tables",
    ],
)
def test_what_cannot_be_converted_is_one_sentence(
    tmp_path: Path, name: str, data: bytes, index: int | None, words: list[str]
) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(FontFileError) as info:
        truetype_file(path, index)
    for word in words:
        assert word in info.value.reason, info.value.reason
    assert len(info.value.reason) < 400


def test_a_variable_cff2_font_is_refused(tmp_path: Path) -> None:
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen

    fb = FontBuilder(1000, isTTF=False)
    fb.setupGlyphOrder([".notdef", "box"])
    fb.setupCharacterMap({0x4E00: "box"})
    pen = T2CharStringPen(None, None, CFF2=True)
    fb.setupCFF2({".notdef": pen.getCharString(), "box": pen.getCharString()})
    fb.setupHorizontalMetrics({".notdef": (1000, 0), "box": (1000, 0)})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Var", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    path = write(tmp_path, "var.otf", fm.font_bytes(fb.font))
    with pytest.raises(FontFileError, match="variable font"):
        truetype_file(path)


def test_an_optional_face_is_checked_without_converting(tmp_path: Path, cache: Path) -> None:
    check_source(write(tmp_path, "song.otf", OTF), None)
    check_source(write(tmp_path, "pair.ttc", TTC), 1)
    with pytest.raises(FontFileError, match="name one of its faces"):
        check_source(tmp_path / "pair.ttc", None)
    assert not cache.exists()


@pytest.mark.parametrize(
    ("file", "expected"),
    [
        ("X.ttc#2", ("X.ttc", 2)),
        ("fonts/NotoSansCJK-Regular.ttc#0", ("fonts/NotoSansCJK-Regular.ttc", 0)),
        ("X.otf", ("X.otf", None)),
        ("a#b.ttf", ("a#b.ttf", None)),
        ("X.ttc#", ("X.ttc#", None)),
        ("#3", ("#3", None)),
    ],
)
def test_the_face_index_is_written_after_a_hash(file: str, expected) -> None:
    assert split_face_index(file) == expected


# --------------------------------------------------------------------------- a page with them


FILES = {"song": "song.otf", "ext": "pair.ttc#0", "hei": "pair.ttc#1"}


def project(tmp_path: Path) -> Path:
    return fm.write_project(
        tmp_path / "project",
        {"song.otf": OTF, "pair.ttc": TTC},
        FILES,
        ["song", "hei", "ext"],
        rare="㐀",  # CJK Ext. A: only face 0 of the collection has it
    )


def fonts_of(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Dictionary]:
    """The page's fonts by the family of their BaseFont (``ABCDEF+TestSong-Regular``)."""
    resources = pdf.pages[0].Resources.Font
    return {str(font.BaseFont).split("+")[1].split("-")[0]: font for _, font in resources.items()}


def drawn(pdf: pikepdf.Pdf, trim_x: float) -> list[tuple[str, float, int]]:
    """Every glyph the page's content draws: (BaseFont, x of its run in trim-box points,
    glyph id; Identity-H codes are glyph ids, two bytes each)."""
    names = {str(k): str(v.BaseFont) for k, v in pdf.pages[0].Resources.Font.items()}
    out = []
    font = None
    x = 0.0
    for operands, op in pikepdf.parse_content_stream(pdf.pages[0]):
        name = str(op)
        if name == "Tf":
            font = names[str(operands[0])]
        elif name == "Tm":
            x = float(operands[4]) - trim_x
        elif name in ("Tj", "TJ"):
            items = operands[0] if name == "TJ" else [operands[0]]
            for item in items:
                if isinstance(item, pikepdf.String):
                    raw = bytes(item)
                    out += [
                        (font, x, int.from_bytes(raw[k : k + 2], "big"))
                        for k in range(0, len(raw), 2)
                    ]
    return out


def test_a_page_set_in_fonts_of_ones_own(tmp_path: Path, caplog) -> None:
    spec = project(tmp_path)
    out = tmp_path / "page.pdf"
    with caplog.at_level(logging.INFO, logger="layout.fonts"):
        result = build(spec, out)
    converted = [r.getMessage() for r in caplog.records if r.name == "layout.fonts"]
    assert any(m.startswith("converted song.otf (CFF) to TrueType: ") for m in converted)
    assert any(m.startswith("extracted pair.ttc#0 as TrueType: ") for m in converted)
    assert not [p for p in result.problems if p.kind.value == "missing-glyph"]

    fonts = library(result.spec.fonts_manifest)
    song = fonts.face("song")
    marks = {ch: (song.cmap[ord(ch)], song.vertical_form(ch)) for ch in fm.MARKS}
    assert all(form is not None and form != gid for gid, form in marks.values())
    boxes = {box.id: box.rect for box in result.spec.boxes}
    # The ops: the vertical box draws the marks' vertical forms, the horizontal one their own.
    runs = [
        op
        for op in result.page.ops
        if isinstance(op, TextRun) and op.face == "song" and set(op.text) & set(fm.MARKS)
    ]
    down = [op for op in runs if _inside(boxes["down"], op.x)]
    across = [op for op in runs if _inside(boxes["across"], op.x)]
    assert down and across
    assert all(op.glyph == marks[op.text][1] for op in down)
    assert all(op.glyph is None for op in across)

    with pikepdf.open(out) as pdf:
        embedded = fonts_of(pdf)
        assert set(embedded) == {"TestSong", "TestExtA"}  # TestHei set nothing: song has all
        for font in embedded.values():
            tag = str(font.BaseFont).lstrip("/").split("+")[0]
            assert len(tag) == 6 and tag.isupper()  # /BaseFont ABCDEF+…: a subset
            cid = font.DescendantFonts[0]
            assert cid.Subtype == "/CIDFontType2"  # TrueType outlines
            program = cid.FontDescriptor.FontFile2.read_bytes()
            assert TTFont(io.BytesIO(program))["glyf"]  # embedded, with glyf outlines
        trim_x = float(pdf.pages[0].TrimBox[0])
        glyphs = drawn(pdf, trim_x)
        song_name = str(embedded["TestSong"].BaseFont)
        in_down = {g for f, x, g in glyphs if f == song_name and _inside(boxes["down"], x)}
        in_across = {g for f, x, g in glyphs if f == song_name and _inside(boxes["across"], x)}
        for gid, form in marks.values():
            assert form in in_down and gid not in in_down
            assert gid in in_across and form not in in_across
        ext = str(embedded["TestExtA"].BaseFont)
        assert {g for f, _, g in glyphs if f == ext}  # 㐀 from face 0 of the collection


def _inside(rect: Rect, x: float) -> bool:
    return rect.x - 0.5 <= x <= rect.x + rect.width + 0.5


def test_the_second_run_uses_the_cache(tmp_path: Path, cache: Path, caplog, capsys) -> None:
    spec = project(tmp_path)
    assert main(["check", str(spec)]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]
    assert len(notes) == 3 and notes[0].startswith("note: converted song.otf (CFF) to TrueType: ")
    assert notes[0].endswith(" s, cached in " + str(next((cache / "fonts").glob("song-*.ttf"))))
    entries = {p.name: p.stat().st_mtime_ns for p in (cache / "fonts").iterdir()}
    assert len(entries) == 3  # song.otf, pair.ttc#0, pair.ttc#1
    # A new process would find them: drop this process's library so the faces are opened again.
    (spec.parent / "fonts" / "manifest.yaml").touch()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="layout.fonts"):
        assert main(["check", str(spec)]) == 0
    # Under a command the notes go to its console (layout.notes), not to the logger.
    assert not [r for r in caplog.records if r.name == "layout.fonts"]
    assert "note:" not in capsys.readouterr().err
    assert {p.name: p.stat().st_mtime_ns for p in (cache / "fonts").iterdir()} == entries
    # A changed font is converted anew, beside the old entry.
    otf = spec.parent / "fonts" / "song.otf"
    otf.write_bytes(fm.font_bytes(fm.cjk_font("TestSong2")))
    assert main(["check", str(spec)]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note:")]
    assert [line[:32] for line in notes] == ["note: converted song.otf (CFF) t"]
    assert len(list((cache / "fonts").iterdir())) == 4


def test_a_damaged_cache_entry_is_made_again(tmp_path: Path, cache: Path) -> None:
    path = write(tmp_path, "song.otf", OTF)
    entry = truetype_file(path).path
    good = entry.read_bytes()
    entry.write_bytes(good[: len(good) // 3])
    face = open_face(FaceInfo("song", path, "song", ""))
    assert face.has("中") and entry.read_bytes() == good


def test_a_damaged_cff_face_is_an_error_at_the_manifest(tmp_path: Path, capsys) -> None:
    spec = project(tmp_path)
    manifest = spec.parent / "fonts" / "manifest.yaml"
    data = bytearray(OTF)
    cff = TTFont(io.BytesIO(OTF)).reader.tables["CFF "]
    at = cff.offset + cff.length // 2  # the charstrings are cut short
    data[at : cff.offset + cff.length] = b"\xff" * (cff.offset + cff.length - at)
    (spec.parent / "fonts" / "song.otf").write_bytes(bytes(data))
    out = tmp_path / "out.pdf"
    assert main(["build", str(spec), "-o", str(out)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    line = manifest.read_text(encoding="utf-8").splitlines().index("  song: {file: song.otf}")
    assert f"manifest.yaml:{line + 1}:" in err and "faces.song.file" in err, err
    assert "song.otf" in err and "damaged font" in err and "Traceback" not in err
    assert not out.exists()


def test_a_collection_without_its_face_index_in_a_manifest(tmp_path: Path) -> None:
    spec = project(tmp_path)
    manifest = spec.parent / "fonts" / "manifest.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("pair.ttc#1", "pair.ttc"), encoding="utf-8"
    )
    with pytest.raises(FontErrors) as info:
        library(manifest)
    (error,) = info.value.errors
    assert error.key_path == "faces.hei.file" and "pair.ttc#0 (TestExtA)" in error.message


def test_an_optional_cff_face_is_converted_only_when_a_chain_needs_it(
    tmp_path: Path, cache: Path
) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "plain.ttf").write_bytes(fm.font_bytes(fm.cjk_font("Plain", cff=False)))
    (fonts / "rare.otf").write_bytes(fm.font_bytes(fm.cjk_font("Rare", covered=EXT_A, latin=False)))
    manifest = fonts / "manifest.yaml"
    manifest.write_text(
        "faces:\n  plain: {file: plain.ttf}\n  rare: {file: rare.otf, optional: true}\n"
        "roles:\n  song: [plain, rare]\n",
        encoding="utf-8",
    )
    chain = library(manifest).metrics("song")
    assert chain.glyph("中").face == "plain"
    assert not (cache / "fonts").exists()  # plain is TrueType; rare not needed yet
    assert chain.glyph("㐀").face == "rare"
    assert [p.name[:5] for p in (cache / "fonts").iterdir()] == ["rare-"]


def test_a_conversion_that_does_not_verify_leaves_no_cache_entry(
    tmp_path: Path, cache: Path
) -> None:
    font = fm.cjk_font("MacOnly")
    cmap = font["cmap"]  # one Macintosh subtable, no Unicode one: the verifier refuses it
    cmap.tables = cmap.tables[:1]
    cmap.tables[0].platformID, cmap.tables[0].platEncID = 1, 0
    path = write(tmp_path, "mac.otf", fm.font_bytes(font))
    with pytest.raises(FontFileError, match="no Unicode subtable"):
        open_face(FaceInfo("mac", path, "mac", ""))
    assert list((cache / "fonts").iterdir()) == []
