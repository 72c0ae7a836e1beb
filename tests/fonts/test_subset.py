"""The glyph-id-keeping subsetter (layout/fonts/subset.py): programs that fontTools reads back
with their checksums, the same outlines and advances under the same glyph ids, composites
with their components, and every glyph of the shipped faces accepted by the glyph check."""

from __future__ import annotations

import io
import struct

import pytest
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont

from layout.fonts import TrueTypeProgram, build_sfnt, glyph_damage, library, table_checksum

SONG_TEXT = "版面：春潮涌动，活力勃发。Banmian 2025年4月30日（星期三）“3+3+3”"
KAI_TEXT = "楷体¨´ 平湖 PTA 9.4%、增长！"


def _outline(font: TTFont, gid: int) -> list:
    pen = RecordingPen()
    glyph_set = font.getGlyphSet()
    glyph_set[font.getGlyphOrder()[gid]].draw(pen)
    return pen.value


@pytest.mark.parametrize("face_id", ["song", "kai"])
def test_subset_keeps_glyph_ids_and_outlines(face_id: str) -> None:
    face = library().face(face_id)
    program = TrueTypeProgram(face.tables)
    text = SONG_TEXT + KAI_TEXT
    used = sorted({face.cmap[ord(ch)] for ch in text if ord(ch) in face.cmap})
    data = program.subset(used)
    assert data == program.subset(reversed(used))  # deterministic

    sub = TTFont(io.BytesIO(data), checkChecksums=2)  # raises on a bad table checksum
    assert sorted(sub.keys())[1:] == sorted(
        ["head", "hhea", "maxp", "loca", "glyf", "hmtx"]
        + [t for t in ("cvt ", "fpgm", "prep") if t in face.tables]
    )
    assert sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF == 0xB1B0AFBA
    assert sub["maxp"].numGlyphs == max(program.closure(used)) + 1
    src = TTFont(face.info.path)
    for gid in used:
        assert _outline(sub, gid) == _outline(src, gid), gid
        assert sub["hmtx"][sub.getGlyphOrder()[gid]] == src["hmtx"][src.getGlyphOrder()[gid]]
    unused = next(g for g in range(1, max(used)) if g not in program.closure(used))
    assert _outline(sub, unused) == []


def test_subset_includes_components_of_composite_glyphs() -> None:
    face = library().face("kai")
    program = TrueTypeProgram(face.tables)
    diaeresis = face.cmap[ord("¨")]
    keep = program.closure([diaeresis])
    assert len(keep) == 3  # .notdef, the composite and its component
    sub = TTFont(io.BytesIO(program.subset([diaeresis])))
    src = TTFont(face.info.path)
    assert sub["glyf"][sub.getGlyphOrder()[diaeresis]].isComposite()
    assert _outline(sub, diaeresis) == _outline(src, diaeresis) != []


def test_every_glyph_of_the_shipped_faces_passes_the_glyph_check() -> None:
    fonts = library()
    for face_id in fonts.face_infos:
        program = TrueTypeProgram(fonts.face(face_id).tables)
        loca, glyf, count = program.loca, program.glyf, program.num_glyphs
        damaged = [g for g in range(count) if glyph_damage(glyf, loca[g], loca[g + 1], count)]
        assert damaged == [], face_id
        assert program.closure(range(count)) == set(range(count))


def test_table_checksum_and_an_sfnt_of_tables() -> None:
    assert table_checksum(b"\x00\x00\x00\x01\x00\x00\x00\x02\x01") == 0x01000003
    face = library().face("song")
    program = TrueTypeProgram(face.tables)
    tables = {tag: program.table(tag) for tag in ("hhea", "maxp", "hmtx", "loca", "glyf")}
    # checkSumAdjustment zero, as the subsetter hands head over: build_sfnt sets it.
    tables["head"] = program.table("head")[:8] + bytes(4) + program.table("head")[12:]
    data = build_sfnt(tables)
    font = TTFont(io.BytesIO(data), checkChecksums=2)  # raises on a bad table checksum
    assert sorted(font.keys())[1:] == sorted(tables)
    assert sum(struct.unpack(f">{len(data) // 4}I", data)) & 0xFFFFFFFF == 0xB1B0AFBA


def _directory_checksums(data: bytes) -> dict[str, int]:
    """The checksums of an sfnt's table directory, by tag."""
    count = struct.unpack_from(">H", data, 4)[0]
    entries = (struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(count))
    return {tag.decode("latin-1"): checksum for tag, checksum, _, _ in entries}


@pytest.mark.parametrize("glyphs", [40, 3000], ids=["short loca", "long loca"])
def test_checksums_from_the_glyph_records_equal_the_tables_summed(glyphs: int) -> None:
    """glyf, loca and hmtx checksums are made from each glyph's kept record and the offsets
    it moves, not by summing the tables: they equal the sum of the tables' words, for a
    short loca (offsets ÷ 2, two a word) and a long one (glyf over 128 KiB)."""
    face = library().face("song")
    program = TrueTypeProgram(face.tables)
    used = sorted(set(face.cmap.values()))[100 : 100 + glyphs : 1 if glyphs > 100 else 7]
    data = program.subset(used)
    sub = TTFont(io.BytesIO(data))
    assert (sub["head"].indexToLocFormat == 1) is (glyphs > 100)
    written = _directory_checksums(data)
    for tag in ("glyf", "loca", "hmtx"):
        assert written[tag] == table_checksum(sub.reader[tag]), tag


def test_a_subset_from_kept_glyph_records_equals_a_fresh_one() -> None:
    """Glyph records are read and checked once per program and kept: a subset made after
    others (overlapping glyphs, an edition's pages then the edition) is the bytes a fresh
    program makes."""
    face = library().face("song")
    glyphs = sorted({face.cmap[ord(ch)] for ch in SONG_TEXT if ord(ch) in face.cmap})
    used = TrueTypeProgram(face.tables)
    used.subset(glyphs[::2])
    used.subset(glyphs[1::3])
    fresh = TrueTypeProgram(TTFont(face.info.path, lazy=True).reader)
    assert used.subset(glyphs) == fresh.subset(glyphs)
    assert used.subset(glyphs[::2]) == fresh.subset(glyphs[::2])
