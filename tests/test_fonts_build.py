"""Checks on the bundled fonts built by tools/build_fonts.py (no rebuild; fast), and on the
manifest it writes (the last-resort faces it names are checked in test_rare_characters.py)."""

from __future__ import annotations

import contextlib
import functools
import io
import re
import sys
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

FONTS = Path(__file__).resolve().parent.parent / "fonts"
MANIFEST = yaml.safe_load((FONTS / "manifest.yaml").read_text(encoding="utf-8"))
# The faces built into fonts/; the optional ones are installed, not built.
FACES = {k: f for k, f in MANIFEST["faces"].items() if not f.get("optional")}
LAST_RESORT = {k: f for k, f in MANIFEST["faces"].items() if f.get("optional")}
NOTO = [k for k, f in FACES.items() if f["file"].startswith("Noto")]


@functools.cache
def font(key: str) -> TTFont:
    return TTFont(FONTS / FACES[key]["file"], lazy=True)


@functools.cache
def coverage() -> dict[str, set[str]]:
    """char -> names of the coverage sets it belongs to."""
    out = {}
    for line in (FONTS / MANIFEST["coverage"]).read_text(encoding="utf-8").splitlines():
        if line.startswith("U+"):
            cp, _, tags = line.split("\t")
            out[chr(int(cp[2:], 16))] = set(tags.split(","))
    return out


def gb2312_hanzi() -> list[str]:
    out = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.append(bytes((hi, lo)).decode("gb2312"))
    return out


def vert_map(f: TTFont) -> dict[str, str]:
    table = f["GSUB"].table
    mapping: dict[str, str] = {}
    for rec in table.FeatureList.FeatureRecord:
        if rec.FeatureTag != "vert":
            continue
        for i in rec.Feature.LookupListIndex:
            lookup = table.LookupList.Lookup[i]
            for sub in lookup.SubTable:
                if lookup.LookupType == 7:
                    sub = sub.ExtSubTable
                mapping.update(getattr(sub, "mapping", None) or {})
    return mapping


def test_manifest_shape():
    assert set(FACES) == {"song", "song-heavy", "hei", "hei-regular", "hei-heavy", "kai"}
    for key, face in FACES.items():
        assert {"file", "family", "weight", "licence", "source"} <= set(face), key
        assert (FONTS / face["licence"]).is_file()
    for role, chain in MANIFEST["roles"].items():
        assert chain[0] == role and set(chain) <= set(FACES) | set(LAST_RESORT)
        assert chain[-len(LAST_RESORT) :] == list(LAST_RESORT), role  # last resort, last
    assert (FONTS / MANIFEST["coverage"]).is_file()


def test_last_resort_faces_in_the_manifest():
    assert list(LAST_RESORT) == ["hana-a", "hana-b"]
    for face in LAST_RESORT.values():
        assert face["package"] == "fonts-hanazono" and face["optional"] is True
        assert face["file"].startswith("/usr/share/fonts/truetype/hanazono/")
        licence = (FONTS / face["licence"]).read_text(encoding="utf-8")
        assert "SIL Open Font License, Version 1.1" in licence and "HanaMinA" in licence


def test_the_manifest_is_what_build_fonts_writes():
    """tools/build_fonts.py rewrites the manifest on every full build: from the faces' own
    entries it gives back the committed file, the last-resort faces included."""
    sys.path.insert(0, str(FONTS.parent / "tools"))
    try:
        import build_fonts
    finally:
        sys.path.pop(0)
    infos, versions = {}, {}
    for key, face in MANIFEST["faces"].items():
        package, version, source = re.fullmatch(r"(\S+) (\S+): (.*)", face["source"]).groups()
        versions[package] = version
        infos[key] = {"family": face["family"], "weight": face["weight"]}
        infos[key]["source"] = source.split("#")[0]
    built = {key: infos[key] for key in FACES}
    text = (FONTS / "manifest.yaml").read_text(encoding="utf-8")
    assert build_fonts.manifest_text(built, versions) == text


@pytest.mark.parametrize("key", sorted(FACES))
def test_face_tables(key):
    f = font(key)
    assert f.sfntVersion == "\x00\x01\x00\x00"
    for tag in ("glyf", "loca", "cmap", "hmtx", "vhea", "vmtx", "GSUB"):
        assert tag in f, (key, tag)
    assert "CFF " not in f and "VORG" not in f
    assert f["OS/2"].usWeightClass == FACES[key]["weight"]


@pytest.mark.parametrize("key", sorted(FACES))
def test_vert_substitutes_punctuation(key):
    f = font(key)
    cmap = f.getBestCmap()
    vert = vert_map(f)
    order = set(f.getGlyphOrder())
    for ch in "，。（“":
        g = cmap[ord(ch)]
        assert g in vert and vert[g] != g and vert[g] in order, (key, ch)


def test_coverage_counts():
    cov = coverage()
    tygf = [c for c, tags in cov.items() if "tygf8105" in tags]
    gb = [c for c, tags in cov.items() if "gb2312" in tags]
    assert len(tygf) == 8105
    assert len(gb) == 7445
    assert set(gb2312_hanzi()) <= set(gb)


@pytest.mark.parametrize("key", NOTO)
def test_noto_covers_everything_but_rare_punctuation(key):
    # Noto CJK SC has every coverage character outside U+2000-206F (the build checks the
    # rest against the source font); of General Punctuation we need at least these.
    cmap = font(key).getBestCmap()
    want = [c for c, tags in coverage().items() if tags != {"punct"}]
    want += list("—―‖‘’“”‥…‰′″※")
    missing = [c for c in want if ord(c) not in cmap]
    assert not missing, " ".join(f"U+{ord(c):04X}" for c in missing[:50])


def test_kai_has_all_hanzi():
    cmap = font("kai").getBestCmap()
    hanzi = [c for c, tags in coverage().items() if tags & {"gb2312", "tygf8105"} and c >= "\u3400"]
    assert len(hanzi) > 8105
    missing = [c for c in hanzi if ord(c) not in cmap]
    assert not missing, "".join(missing[:50])


def test_vertical_origin_kept():
    # VORG is gone after the CFF->glyf conversion: the vertical origin must now be
    # yMax + tsb, equal to Noto's default vertical origin (880) for ideographs.
    f = font("song")
    cmap = f.getBestCmap()
    glyf, vmtx = f["glyf"], f["vmtx"]
    for ch in "中国新闻版面排字鑫":
        g = cmap[ord(ch)]
        assert glyf[g].yMax + vmtx[g][1] == 880, ch
        assert vmtx[g][0] == 1000


def test_reportlab_registers_song():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(RLTTFont("banmian-test-song", str(FONTS / FACES["song"]["file"])))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("banmian-test-song", 10)
    c.drawString(20, 20, "版面 Banmian 2024，“引号”（括号）——。")
    c.save()
    assert buf.getvalue().startswith(b"%PDF")
