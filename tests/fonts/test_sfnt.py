"""The raw table readers (layout/fonts/sfnt.py) against fontTools' own parse of the same tables:
a small font made here with every table they read, and the shipped faces."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont

from layout.fonts import FontFileError, library, sfnt

REPO = Path(__file__).resolve().parents[2]

# glyph: (character, horizontal advance, vertical advance)
GLYPHS = {
    ".notdef": (None, 500, 1000),
    "A": (0x41, 600, 1000),
    "B": (0x42, 650, 1000),
    "comma": (0xFF0C, 1000, 1000),
    "comma.vert": (None, 1000, 1000),
    "paren": (0xFF08, 1000, 900),
    "paren.vert": (None, 1000, 900),
    "paren.vrt2": (None, 1000, 900),
    "Adieresis": (0xC4, 600, 1000),  # a composite: A and the comma
}
FEATURES = """
languagesystem DFLT dflt;
languagesystem hani dflt;
feature vert { sub comma by comma.vert; sub paren by paren.vert; } vert;
feature vrt2 { sub paren.vert by paren.vrt2; } vrt2;
feature liga { sub A B by B; } liga;
"""


def _box(pen: TTGlyphPen, x: int, width: int) -> None:
    pen.moveTo((x, 0))
    pen.lineTo((x + width, 0))
    pen.lineTo((x + width, 700))
    pen.lineTo((x, 700))
    pen.closePath()


def small_font(features: str = FEATURES) -> bytes:
    """A TrueType font with vhea/vmtx, a GSUB with vert and vrt2, a composite glyph, an
    OS/2 version 4 table (weight 700, cap height 690) and post italic angle -12.5."""
    names = list(GLYPHS)
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({code: name for name, (code, _, _) in GLYPHS.items() if code})
    glyphs = {}
    for k, name in enumerate(names):
        pen = TTGlyphPen(dict.fromkeys(names))
        if name == "Adieresis":
            pen.addComponent("A", (1, 0, 0, 1, 0, 0))
            pen.addComponent("comma", (1, 0, 0, 1, 10, 300))
        else:
            _box(pen, 10 * k, 100 + k)
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (h, 10) for name, (_, h, _) in GLYPHS.items()})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupVerticalMetrics({name: (v, 50) for name, (_, _, v) in GLYPHS.items()})
    fb.setupVerticalHeader(ascent=500, descent=-500)
    fb.setupNameTable({"familyName": "Small Test", "styleName": "Bold", "psName": "SmallTest-Bold"})
    fb.setupOS2(version=4, usWeightClass=700, sCapHeight=690)
    fb.setupPost(italicAngle=-12.5)
    fb.addOpenTypeFeatures(features)
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def font() -> TTFont:
    return TTFont(io.BytesIO(small_font()))


def raw(font: TTFont, tag: str) -> bytes:
    return bytes(font.reader[tag])


def gid(font: TTFont, name: str) -> int:
    return font.getGlyphID(name)


def test_header_tables(font: TTFont) -> None:
    head = sfnt.read_head(raw(font, "head"))
    assert head.magic == sfnt.HEAD_MAGIC
    assert head.units_per_em == font["head"].unitsPerEm == 1000
    assert head.index_to_loc_format == font["head"].indexToLocFormat
    assert sfnt.glyph_count(raw(font, "maxp")) == len(GLYPHS)
    hhea = sfnt.read_metrics_header(raw(font, "hhea"))
    assert (hhea.ascent, hhea.descent) == (880, -120)
    assert hhea.long_metrics == font["hhea"].numberOfHMetrics
    vhea = sfnt.read_metrics_header(raw(font, "vhea"))
    assert vhea.long_metrics == font["vhea"].numberOfVMetrics


def test_advances_side_bearings_and_loca(font: TTFont) -> None:
    count = len(GLYPHS)
    hmtx = sfnt.read_advances(raw(font, "hmtx"), font["hhea"].numberOfHMetrics, count)
    assert list(hmtx) == [h for _, h, _ in GLYPHS.values()]
    vmtx = sfnt.read_advances(raw(font, "vmtx"), font["vhea"].numberOfVMetrics, count)
    assert list(vmtx) == [v for _, _, v in GLYPHS.values()]
    bearings = sfnt.read_side_bearings(raw(font, "hmtx"), font["hhea"].numberOfHMetrics, count)
    assert list(bearings) == [font["hmtx"][name][1] for name in GLYPHS]
    head = font["head"]
    offsets = sfnt.loca_offsets(raw(font, "loca"), head.indexToLocFormat, count)
    font["glyf"]  # noqa: B018 - decompiles loca
    assert list(offsets) == list(font["loca"])


def test_advances_repeat_the_last_long_metric() -> None:
    # Two long metrics, then one short (side bearing only): the third advances like the second.
    data = struct.pack(">HhHhh", 500, 1, 700, 2, 3)
    assert list(sfnt.read_advances(data, 2, 3)) == [500, 700, 700]
    assert list(sfnt.read_side_bearings(data, 2, 3)) == [1, 2, 3]


def _name_table(*records: tuple[int, int, bytes]) -> bytes:
    """A ``name`` table (format 0) of name ID 6 records: (platform, encoding, bytes)."""
    heads, strings = [], b""
    for platform, encoding, raw in records:
        heads.append(struct.pack(">6H", platform, encoding, 0, 6, len(raw), len(strings)))
        strings += raw
    start = 6 + 12 * len(records)
    return struct.pack(">3H", 0, len(records), start) + b"".join(heads) + strings


def test_a_name_is_read_from_the_best_platform_decoded_alone() -> None:
    windows, mac = "Pingyin-Bold".encode("utf-16-be"), "Pingyin\x8e".encode("latin-1")
    unicode = "Unicode-名".encode("utf-16-be")
    assert sfnt.name_record(_name_table((1, 0, mac), (3, 1, windows)), 6) == "Pingyin-Bold"
    assert sfnt.name_record(_name_table((0, 3, unicode), (1, 0, mac)), 6) == "Pingyiné"
    assert sfnt.name_record(_name_table((0, 3, unicode)), 6) == "Unicode-名"
    # The first record of a platform is its name; a damaged one is decoded with U+FFFD.
    twice = _name_table((3, 1, b"\x00A"), (3, 1, b"\x00B"))
    assert sfnt.name_record(twice, 6) == "A"
    assert sfnt.name_record(_name_table((3, 1, b"\xd8\x00")), 6) == "\ufffd"
    assert sfnt.name_record(_name_table((1, 0, mac)), 5) is None


def test_name_os2_post(font: TTFont) -> None:
    assert sfnt.name_record(raw(font, "name"), 6) == "SmallTest-Bold"
    assert sfnt.name_record(raw(font, "name"), 1) == "Small Test"
    assert sfnt.name_record(raw(font, "name"), 25) is None
    assert sfnt.name_count(raw(font, "name")) == len(font["name"].names)
    os2 = sfnt.read_os2(raw(font, "OS/2"))
    assert (os2.weight_class, os2.cap_height) == (700, 690)
    assert sfnt.read_italic_angle(raw(font, "post")) == -12.5


def test_os2_before_version_2_has_no_cap_height() -> None:
    data = struct.pack(">HhH", 1, 0, 500) + bytes(80)
    assert sfnt.read_os2(data) == sfnt.OS2(500, 0)


def test_cmap_formats_4_and_12(font: TTFont) -> None:
    assert sfnt.read_cmap(raw(font, "cmap")) == {
        code: gid(font, name) for code, name in font.getBestCmap().items()
    }
    # A format-12 subtable with one group, U+20000–U+20002 → glyphs 5–7.
    group = struct.pack(">HHIII", 12, 0, 28, 0, 1) + struct.pack(">III", 0x20000, 0x20002, 5)
    table = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + group
    assert sfnt.read_cmap(table) == {0x20000: 5, 0x20001: 6, 0x20002: 7}
    # Truth without counting the groups: empty exactly when no group is listed.
    assert sfnt.read_cmap(table) and len(sfnt.read_cmap(table)) == 3
    empty = struct.pack(">HHIII", 12, 0, 16, 0, 0)
    assert not sfnt.read_cmap(table[:4] + struct.pack(">HHI", 3, 10, 12) + empty)
    disorder = group[:16] + struct.pack(">III", 0x20002, 0x20000, 5)
    with pytest.raises(FontFileError, match="out of order"):
        sfnt.read_cmap(table[:12] + disorder)
    with pytest.raises(FontFileError, match="cut short"):
        sfnt.read_cmap(table[:30])
    no_unicode = struct.pack(">HH", 0, 1) + struct.pack(">HHI", 1, 0, 12) + group
    with pytest.raises(FontFileError, match="no Unicode subtable"):
        sfnt.read_cmap(no_unicode)


def test_codes_of_glyphs_are_the_reverse_of_the_cmap() -> None:
    """The code points mapped to a few glyphs, in code-point order: by the groups of a
    format-12 map (one group mapping U+20000–U+20002 to glyphs 5–7, another U+4E00 to 6)
    and by the entries of a format-4 one, the same pairs."""
    groups = struct.pack(">III", 0x4E00, 0x4E00, 6) + struct.pack(">III", 0x20000, 0x20002, 5)
    subtable = struct.pack(">HHIII", 12, 0, 16 + len(groups), 0, 2) + groups
    cmap = sfnt.read_cmap(struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + subtable)
    assert isinstance(cmap, sfnt.CharMap)
    assert sfnt.codes_of(cmap, {6, 7, 9}) == [(0x4E00, 6), (0x20001, 6), (0x20002, 7)]
    assert sfnt.codes_of(dict(cmap), [7, 6]) == [(0x4E00, 6), (0x20001, 6), (0x20002, 7)]
    assert sfnt.codes_of(cmap, ()) == []


def test_shared_codes_are_the_code_points_of_glyphs_mapped_twice() -> None:
    """Glyph 6 is U+2012's and U+2014's (two groups of a format-12 map): those two, in
    code-point order, by the groups and by a format-4 map's entries alike; glyphs 5 and 7 are
    one code point's each. Ideographs are not swept (each its own glyph: U+4E00 and U+20001
    sharing glyph 9 is not looked for). A map giving every glyph one code point shares none."""
    groups = (
        struct.pack(">III", 0x2012, 0x2012, 6)
        + struct.pack(">III", 0x2013, 0x2015, 5)
        + struct.pack(">III", 0x4E00, 0x4E00, 9)
        + struct.pack(">III", 0x20001, 0x20001, 9)
    )
    subtable = struct.pack(">HHIII", 12, 0, 16 + len(groups), 0, 4) + groups
    cmap = sfnt.read_cmap(struct.pack(">HH", 0, 1) + struct.pack(">HHI", 3, 10, 12) + subtable)
    assert isinstance(cmap, sfnt.CharMap)
    assert list(cmap.glyph_ids()) == [6, 5, 6, 7, 9, 9]
    assert sfnt.shared_codes(cmap) == [(0x2012, 6), (0x2014, 6)]
    assert sfnt.shared_codes(dict(cmap)) == [(0x2012, 6), (0x2014, 6)]
    assert list(cmap.groups_in(0x2014, 0x4E00)) == [(0x2014, 0x2015, 6), (0x4E00, 0x4E00, 9)]
    assert sfnt.shared_codes({0x41: 1, 0x42: 2}) == []


def test_vert_and_vrt2_single_substitutions(font: TTFont) -> None:
    lookups = sfnt.read_vert(raw(font, "GSUB"))
    comma, paren = gid(font, "comma"), gid(font, "paren")
    assert sfnt.substitute(lookups, comma) == gid(font, "comma.vert")
    # vert then vrt2, in lookup order: the vrt2 form of the vert form
    assert sfnt.substitute(lookups, paren) == gid(font, "paren.vrt2")
    assert sfnt.substitute(lookups, gid(font, "A")) == gid(font, "A")  # liga is not read


def test_vert_forms_without_gsub_language_system_or_feature() -> None:
    none = TTFont(io.BytesIO(small_font("feature liga { sub A B by B; } liga;")))
    assert sfnt.read_vert(raw(none, "GSUB")) == ()
    latin = "languagesystem latn dflt;\nfeature vert { sub comma by comma.vert; } vert;"
    only_latin = TTFont(io.BytesIO(small_font(latin)))  # no hani, no DFLT: the first script
    (lookup,) = sfnt.read_vert(raw(only_latin, "GSUB"))
    assert lookup == {gid(only_latin, "comma"): gid(only_latin, "comma.vert")}


def test_vert_coverage_out_of_order_is_refused(font: TTFont) -> None:
    data = bytearray(raw(font, "GSUB"))
    # The coverage table of the first vert subtable, rewritten as format 2 with two ranges
    # in the wrong order (the reader must not walk a range that runs backwards).
    lookups_at = struct.unpack_from(">H", data, 8)[0]
    lookup = lookups_at + struct.unpack_from(">H", data, lookups_at + 2)[0]
    sub = lookup + struct.unpack_from(">H", data, lookup + 6)[0]
    coverage = sub + struct.unpack_from(">H", data, sub + 2)[0]
    data[coverage : coverage + 16] = struct.pack(">HHHHHHHH", 2, 2, 5, 6, 0, 1, 2, 2)
    with pytest.raises(ValueError, match="out of order"):
        sfnt.read_vert(bytes(data))


def test_glyph_components_of_a_composite(font: TTFont) -> None:
    glyf = raw(font, "glyf")
    font["glyf"]  # noqa: B018 - decompiles loca
    loca = list(font["loca"])
    k = gid(font, "Adieresis")
    start, end = loca[k], loca[k + 1]
    assert sfnt.is_composite(glyf, start, end)
    assert sfnt.glyph_components(glyf[start:end]) == [gid(font, "A"), gid(font, "comma")]
    a = gid(font, "A")
    assert not sfnt.is_composite(glyf, loca[a], loca[a + 1])
    assert sfnt.glyph_components(glyf[loca[a] : loca[a + 1]]) == []
    for g in range(len(GLYPHS)):
        assert sfnt.glyph_damage(glyf, loca[g], loca[g + 1], len(GLYPHS)) is None


@pytest.mark.parametrize("face_id", ["song", "hei", "kai"])
def test_the_shipped_faces_read_as_fonttools_reads_them(face_id: str) -> None:
    face = library().face(face_id)
    ref = TTFont(face.info.path)
    cmap = ref.getBestCmap()
    assert face.cmap == {code: ref.getGlyphID(name) for code, name in cmap.items()}
    count = len(ref.getGlyphOrder())
    hmtx = sfnt.read_advances(bytes(ref.reader["hmtx"]), ref["hhea"].numberOfHMetrics, count)
    assert list(hmtx) == [ref["hmtx"][name][0] for name in ref.getGlyphOrder()]
    vmtx = sfnt.read_advances(bytes(ref.reader["vmtx"]), ref["vhea"].numberOfVMetrics, count)
    assert list(vmtx) == [ref["vmtx"][name][0] for name in ref.getGlyphOrder()]
    # Every vert/vrt2 single substitution of the default language system, by fontTools.
    lookups = sfnt.read_vert(bytes(ref.reader["GSUB"]))
    gsub = ref["GSUB"].table
    scripts = {record.ScriptTag: record.Script for record in gsub.ScriptList.ScriptRecord}
    script = scripts.get("hani") or scripts.get("DFLT") or next(iter(scripts.values()))
    langsys = script.DefaultLangSys or script.LangSysRecord[0].LangSys
    features = gsub.FeatureList.FeatureRecord
    indices = sorted(
        {
            lookup
            for k in langsys.FeatureIndex
            if features[k].FeatureTag in ("vert", "vrt2")
            for lookup in features[k].Feature.LookupListIndex
        }
    )
    expected = []
    for index in indices:
        mapping: dict[int, int] = {}
        for sub in gsub.LookupList.Lookup[index].SubTable:
            sub = getattr(sub, "ExtSubTable", sub)
            for source, target in getattr(sub, "mapping", {}).items():
                mapping.setdefault(ref.getGlyphID(source), ref.getGlyphID(target))
        expected.append(mapping)
    assert list(lookups) == expected
    assert any(lookups)  # the CJK faces have vertical forms
    comma = face.vertical_form("，")
    assert comma is not None and comma == sfnt.substitute(lookups, face.cmap[ord("，")])


# --------------------------------------------------------------------------- damaged glyphs


def _glyph(contours: int, bbox: tuple[int, int, int, int], body: bytes) -> bytes:
    return struct.pack(">5h", contours, *bbox) + body


# a square: one contour ending at point 3, no instructions, 4 on-curve flags, short x/y
SQUARE = _glyph(1, (0, 0, 10, 10), struct.pack(">HH", 3, 0) + b"\x01" * 4 + bytes(8))


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (SQUARE, None),
        (b"", None),  # an empty glyph (a space)
        (bytes(len(SQUARE)), "bytes for 0 points"),  # zeroed
        (_glyph(1, (10, 0, 0, 10), SQUARE[10:]), "bounding box is inverted"),
        (SQUARE[:8], "fewer than a glyph header"),
        (_glyph(-3, (0, 0, 10, 10), b""), "contour count is -3"),
        (_glyph(2, (0, 0, 10, 10), struct.pack(">HHH", 3, 2, 0)), "out of order"),
        (_glyph(1, (0, 0, 10, 10), struct.pack(">HH", 3, 200)), "instructions run past"),
        (_glyph(-1, (0, 0, 10, 10), struct.pack(">HHbb", 0x0002, 7, 0, 0)), "glyph 7"),
        (_glyph(-1, (0, 0, 10, 10), struct.pack(">HH", 0x0021, 1)), "run past its record"),
    ],
)
def test_glyph_damage(record: bytes, reason: str | None) -> None:
    found = sfnt.glyph_damage(record, 0, len(record), 5)
    assert (found is None) if reason is None else (reason in (found or "")), found
