#!/usr/bin/env python3
"""Build banmian's bundled TrueType fonts from the Debian font packages.

    python tools/build_fonts.py            # rebuild everything into fonts/
    python tools/build_fonts.py --jobs 1   # one process (default: all cores, max 6)

ReportLab embeds only TrueType (``glyf``) outlines, but Noto CJK ships as CFF in
TrueType collections.  For each face this script

1. opens the "SC" face (index 2) of the Debian ``.ttc`` (or LXGW WenKai's ``.ttf``),
2. subsets it with ``fontTools.subset`` to the coverage documented in
   ``fonts/README.md`` (written to ``fonts/coverage/coverage.txt``), keeping the
   vertical metrics (``vhea``/``vmtx``) and the CJK layout features
   (``vert``/``vrt2``/width and kerning features) together with every glyph they reach,
3. converts the CFF outlines to quadratic TrueType outlines with the engine's converter
   (:func:`layout.fonts.convert.cff_to_glyf`, which converts a manifest's own ``.otf``/``.ttc``
   faces too: cu2qu, max error 1 font unit, as fontTools' ``otf2ttf`` snippet does), drops
   ``CFF``/``VORG`` and rewrites the ``vmtx`` top side bearings so that ``VORG``'s vertical
   origin survives (TrueType takes the vertical origin from ``yMax + tsb``),
4. saves it deterministically (``head.created``/``modified`` kept from the source,
   no timestamp recalculation), so the same inputs give byte-identical files,
5. verifies it: fontTools reloads it, ReportLab registers it and draws Chinese, Latin
   and punctuation into an in-memory PDF, and the ``vert`` substitutions of
   ``，。（“`` resolve to existing glyphs,

then writes ``fonts/manifest.yaml`` (read by the engine), copies the licences and
refreshes the generated tables in ``fonts/README.md``.

The last-resort faces for rare ideographs (:data:`LAST_RESORT`, HanaMin A/B from
``fonts-hanazono``) are not built: they are TrueType already and too large to ship, so the
manifest names them where Debian installs them, ``optional: true`` (``tools/setup.sh``
installs the package; the engine opens them only when a character needs them and subsets them
at embed time like the other faces), at the end of every role's chain.
"""

from __future__ import annotations

import argparse
import bz2
import contextlib
import hashlib
import io
import multiprocessing
import os
import re
import subprocess
import sys
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the converter is the engine's: layout.fonts.convert

from layout.fonts.convert import cff_to_glyf  # noqa: E402

FONTS = ROOT / "fonts"
COVERAGE_DIR = FONTS / "coverage"
COVERAGE_FILE = COVERAGE_DIR / "coverage.txt"
TONGYONG_FILE = COVERAGE_DIR / "tongyong-guifan-8105.txt"
README = FONTS / "README.md"

NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
LXGW_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
HANAZONO_DIR = Path("/usr/share/fonts/truetype/hanazono")
UNIHAN_OTHER_MAPPINGS = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
SC_INDEX = 2  # face index of "SC" (Simplified Chinese) in the Noto CJK .ttc files

LAYOUT_FEATURES = [
    # 'locl' is deliberately absent: only the SC face is used and its default glyphs
    # already are the SC forms; keeping 'locl' would only drag in the JP/KR/TC/HK
    # alternates (thousands of glyphs) that banmian never requests.
    "vert",
    "vrt2",
    "fwid",
    "hwid",
    "pwid",
    "halt",
    "vhal",
    "palt",
    "vpal",
    "kern",
    "vkrn",
    # plus the standard required ones, harmless for CJK
    "ccmp",
    "liga",
    "rlig",
    "mark",
    "mkmk",
]
VERT_PROBES = "，。（“"
TEST_STRING = "版面排字：中文 Chinese 2024年，“引号”（括号）《书名》——省略……。ĀéÜ·"
MARKED_SYMBOLS = "■□●○※★☆"


@dataclass(frozen=True)
class Face:
    key: str  # manifest key (role of the face)
    file: str  # output file name in fonts/
    source: Path
    font_number: int | None  # face index in a .ttc, None for a plain .ttf
    package: str  # Debian package that ships the source
    licence: str
    purpose: str


FACES = [
    Face(
        "song",
        "NotoSerifSC-Regular.ttf",
        NOTO_DIR / "NotoSerifCJK-Regular.ttc",
        SC_INDEX,
        "fonts-noto-cjk",
        "LICENSE-NotoCJK.txt",
        "宋 body text",
    ),
    Face(
        "song-heavy",
        "NotoSerifSC-Black.ttf",
        NOTO_DIR / "NotoSerifCJK-Black.ttc",
        SC_INDEX,
        "fonts-noto-cjk-extra",
        "LICENSE-NotoCJK.txt",
        "heavy 宋 for main headlines",
    ),
    Face(
        "hei",
        "NotoSansSC-Bold.ttf",
        NOTO_DIR / "NotoSansCJK-Bold.ttc",
        SC_INDEX,
        "fonts-noto-cjk",
        "LICENSE-NotoCJK.txt",
        "黑 bold headlines",
    ),
    Face(
        "hei-regular",
        "NotoSansSC-Regular.ttf",
        NOTO_DIR / "NotoSansCJK-Regular.ttc",
        SC_INDEX,
        "fonts-noto-cjk",
        "LICENSE-NotoCJK.txt",
        "黑 regular: labels, tables, folios",
    ),
    Face(
        "hei-heavy",
        "NotoSansSC-Black.ttf",
        NOTO_DIR / "NotoSansCJK-Black.ttc",
        SC_INDEX,
        "fonts-noto-cjk-extra",
        "LICENSE-NotoCJK.txt",
        "黑 black: kickers, banners",
    ),
    Face(
        "kai",
        "LXGWWenKai-Regular.ttf",
        LXGW_DIR / "LXGWWenKai-Regular.ttf",
        None,
        "fonts-lxgw-wenkai",
        "LICENSE-LXGWWenKai.txt",
        "楷 bylines, captions, quotes",
    ),
]


@dataclass(frozen=True)
class InstalledFace:
    """A face used where Debian installs it: not shipped, not converted (see the docstring)."""

    key: str  # manifest key
    path: Path  # where the Debian package installs it; the manifest names it there
    family: str
    weight: int  # OS/2 usWeightClass
    package: str
    licence: str


LAST_RESORT = [
    InstalledFace(
        "hana-a",
        HANAZONO_DIR / "HanaMinA.ttf",
        "HanaMinA",
        500,
        "fonts-hanazono",
        "LICENSE-Hanazono.txt",
    ),
    InstalledFace(
        "hana-b",
        HANAZONO_DIR / "HanaMinB.ttf",
        "HanaMinB",
        500,
        "fonts-hanazono",
        "LICENSE-Hanazono.txt",
    ),
]

ROLES = {
    role: chain + [f.key for f in LAST_RESORT]
    for role, chain in {
        "song": ["song", "hei-regular", "kai"],
        "song-heavy": ["song-heavy", "hei-heavy", "song"],
        "hei": ["hei", "hei-regular", "song"],
        "hei-regular": ["hei-regular", "song", "kai"],
        "hei-heavy": ["hei-heavy", "hei", "song"],
        "kai": ["kai", "song", "hei-regular"],
    }.items()
}

_MODIFIED = (
    "The files in fonts/ are modified (subset, converted to TrueType\n"
    "outlines) versions of the original fonts."
)
# The HanaMin faces are dual-licensed (Hanazono Font License or SIL OFL 1.1, see the Debian
# copyright file); banmian uses them under the OFL, like every other face.
_IN_PLACE = (
    "The fonts are dual-licensed (Hanazono Font License or SIL OFL 1.1);\n"
    "banmian uses them under the OFL. They are not shipped: tools/setup.sh installs the\n"
    "package, banmian reads them where Debian puts them and embeds subsets of them in\n"
    "the PDFs it writes."
)
LICENCES = {
    "LICENSE-NotoCJK.txt": (
        "fonts-noto-cjk",
        Path("/usr/share/doc/fonts-noto-cjk/copyright"),
        _MODIFIED,
    ),
    "LICENSE-LXGWWenKai.txt": (
        "fonts-lxgw-wenkai",
        Path("/usr/share/doc/fonts-lxgw-wenkai/copyright"),
        _MODIFIED,
    ),
    "LICENSE-Hanazono.txt": (
        "fonts-hanazono",
        Path("/usr/share/doc/fonts-hanazono/copyright"),
        _IN_PLACE,
    ),
}


class BuildError(RuntimeError):
    pass


# --------------------------------------------------------------------------- sources


def package_version(package: str) -> str:
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BuildError(
            f"cannot read the version of Debian package {package!r}: "
            f"install it with `apt-get install {package}`"
        ) from exc
    return out.stdout.strip()


def find_source(face: Face) -> Path:
    if face.source.is_file():
        return face.source
    if face.font_number is None:
        # LXGW WenKai: the file name has changed between releases; look for it.
        cands = sorted(
            p
            for p in face.source.parent.glob("*.ttf")
            if re.fullmatch(r"LXGWWenKai-?Regular\.ttf", p.name, re.I)
        )
        if cands:
            return cands[0]
    raise BuildError(
        f"missing source font {face.source}: install it with `apt-get install {face.package}`"
    )


# --------------------------------------------------------------------------- coverage


def gb2312_chars() -> list[str]:
    """Every character reachable by a valid two-byte GB 2312 (EUC-CN) code."""
    out = []
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.append(bytes((hi, lo)).decode("gb2312"))
    return out


def tongyong_from_unihan() -> list[tuple[int, str]]:
    """(table number, char) for the 8105 characters of 通用规范汉字表 (Unihan kTGH)."""
    if not UNIHAN_OTHER_MAPPINGS.is_file():
        raise BuildError(
            f"{TONGYONG_FILE} is missing and {UNIHAN_OTHER_MAPPINGS} is not there "
            "to regenerate it: `apt-get install unicode-data`"
        )
    rows = []
    with bz2.open(UNIHAN_OTHER_MAPPINGS, "rt", encoding="utf-8") as fh:
        for line in fh:
            if "\tkTGH\t" not in line:
                continue
            cp, _, value = line.rstrip("\n").split("\t")
            num = int(value.split()[0].split(":")[1])  # "2013:1234"
            rows.append((num, chr(int(cp[2:], 16))))
    rows.sort()
    return rows


def write_tongyong(rows: list[tuple[int, str]]) -> None:
    COVERAGE_DIR.mkdir(parents=True, exist_ok=True)
    lines = [
        "# 通用规范汉字表 (Table of General Standard Chinese Characters, State Council 2013):",
        "# 8105 characters; level 1 = 1-3500, level 2 = 3501-6500, level 3 = 6501-8105.",
        "# Source: the kTGH field of the Unicode Character Database's Unihan_OtherMappings.txt,",
        "# as shipped by Debian's `unicode-data` package (/usr/share/unicode/, Unicode 15.0).",
        "# Licence: Unicode License (Unicode Data Files), https://www.unicode.org/license.txt;",
        "# the character list itself is a public standard of the PRC government.",
        "# Regenerated by tools/build_fonts.py when unicode-data is installed.",
        "# Format: table-number <TAB> U+XXXX <TAB> character",
    ]
    lines += [f"{num}\tU+{ord(ch):04X}\t{ch}" for num, ch in rows]
    TONGYONG_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_tongyong() -> list[tuple[int, str]]:
    rows = []
    for line in TONGYONG_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            num, cp, _ = line.split("\t")
            rows.append((int(num), chr(int(cp[2:], 16))))
    return rows


def tongyong_chars() -> list[str]:
    if UNIHAN_OTHER_MAPPINGS.is_file():
        rows = tongyong_from_unihan()
        if not TONGYONG_FILE.is_file() or read_tongyong() != rows:
            write_tongyong(rows)
    elif TONGYONG_FILE.is_file():
        rows = read_tongyong()
    else:
        rows = tongyong_from_unihan()  # raises with the apt hint
    if len(rows) != 8105 or len({ch for _, ch in rows}) != 8105:
        raise BuildError(f"通用规范汉字表 list has {len(rows)} entries, expected 8105")
    return [ch for _, ch in rows]


def _printable(cp: int) -> bool:
    return unicodedata.category(chr(cp)) not in ("Cc", "Cn", "Cs", "Co")


def coverage_sets() -> dict[str, list[str]]:
    """Named coverage sets, in documentation order."""

    def rng(a: int, b: int) -> list[str]:
        return [chr(c) for c in range(a, b + 1) if _printable(c)]

    return {
        "gb2312": gb2312_chars(),
        "tygf8105": tongyong_chars(),
        "latin1": rng(0x20, 0xFF),
        "punct": rng(0x2000, 0x206F),
        "dash2e3a": ["\u2e3a", "\u2e3b"],
        "cjksym": rng(0x3000, 0x303F),
        "vertforms": rng(0xFE10, 0xFE1F),
        "cjkcompat": rng(0xFE30, 0xFE4F),
        "fullwidth": rng(0xFF00, 0xFFEF),
        "marks": list(MARKED_SYMBOLS),
    }


def build_coverage() -> tuple[list[str], dict[str, list[str]]]:
    sets = coverage_sets()
    tags: dict[str, list[str]] = {}
    for name, chars in sets.items():
        for ch in chars:
            tags.setdefault(ch, [])
            if name not in tags[ch]:
                tags[ch].append(name)
    chars = sorted(tags, key=ord)
    COVERAGE_DIR.mkdir(parents=True, exist_ok=True)
    lines = [
        "# banmian font coverage: the characters every bundled face is subset to",
        "# (a face keeps those of them its source has). Generated by tools/build_fonts.py;",
        "# the sets are described in fonts/README.md.",
        "# Format: U+XXXX <TAB> character (blank for spaces/format characters) <TAB> sets",
        f"# {len(chars)} characters",
    ]
    for ch in chars:
        shown = ch if unicodedata.category(ch)[0] not in "ZC" else ""
        lines.append(f"U+{ord(ch):04X}\t{shown}\t{','.join(tags[ch])}")
    COVERAGE_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return chars, sets


# --------------------------------------------------------------------------- per face


def subset_options():
    from fontTools import subset

    opts = subset.Options()
    opts.layout_features = list(LAYOUT_FEATURES)
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.notdef_outline = True
    opts.notdef_glyph = True
    opts.hinting = False
    opts.glyph_names = False
    opts.desubroutinize = True
    opts.recalc_timestamp = False
    opts.drop_tables = [t for t in opts.drop_tables if t not in ("vmtx", "vhea", "VORG")]
    return opts


def vert_targets(font, chars: str) -> dict[str, tuple[str, str | None]]:
    """char -> (default glyph, glyph that the GSUB 'vert' feature substitutes or None)."""
    cmap = font.getBestCmap()
    mapping: dict[str, str] = {}
    if "GSUB" in font:
        table = font["GSUB"].table
        indices: set[int] = set()
        for rec in table.FeatureList.FeatureRecord:
            if rec.FeatureTag == "vert":
                indices.update(rec.Feature.LookupListIndex)
        for i in sorted(indices):
            lookup = table.LookupList.Lookup[i]
            for sub in lookup.SubTable:
                if lookup.LookupType == 7:
                    sub = sub.ExtSubTable
                if getattr(sub, "mapping", None):
                    for src, dst in sub.mapping.items():
                        mapping.setdefault(src, dst)
    out = {}
    for ch in chars:
        g = cmap.get(ord(ch))
        out[ch] = (g, mapping.get(g) if g else None)
    return out


def verify(face: Face, path: Path, coverage: list[str], source_cps: set[int]) -> dict:
    from fontTools.ttLib import TTFont
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLTTFont
    from reportlab.pdfgen import canvas

    font = TTFont(path)
    problems = []
    if "glyf" not in font or "CFF " in font:
        problems.append("no glyf table / CFF still present")
    for tag in ("vhea", "vmtx", "GSUB"):
        if tag not in font:
            problems.append(f"table {tag} missing")
    cmap = font.getBestCmap()
    want = {ord(c) for c in coverage} & source_cps
    lost = sorted(want - set(cmap))
    if lost:
        problems.append(
            f"{len(lost)} coverage characters lost, e.g. "
            + " ".join(f"U+{c:04X}" for c in lost[:10])
        )
    order = set(font.getGlyphOrder())
    vert = vert_targets(font, VERT_PROBES)
    for ch, (g, v) in vert.items():
        if g is None:
            problems.append(f"{ch} not in cmap")
        elif v is None:
            problems.append(f"no vert substitution for {ch}")
        elif v not in order:
            problems.append(f"vert of {ch} -> {v}, not a glyph")

    rl_name = "check-" + face.key
    pdfmetrics.registerFont(RLTTFont(rl_name, str(path)))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont(rl_name, 12)
    c.drawString(72, 720, TEST_STRING)
    c.drawString(72, 700, "".join(coverage[i] for i in range(0, len(coverage), 97)))
    c.showPage()
    c.save()
    if not buf.getvalue().startswith(b"%PDF"):
        problems.append("reportlab produced no PDF")

    if problems:
        raise BuildError(f"{face.file}: " + "; ".join(problems))
    hmtx = font["hmtx"]
    widths = {
        f"U+{ord(ch):04X}": hmtx[cmap[ord(ch)]][0]
        for ch in "\u2014\u2015\u2026\u201c\u201d\u2018\u2019\u00b7\u30fb\uff0c"
        if ord(ch) in cmap
    }
    return {
        "vert": {ch: v for ch, (_, v) in vert.items()},
        "widths": widths,
        "upm": font["head"].unitsPerEm,
        "glyphs": len(font.getGlyphOrder()),
    }


def build_face(args: tuple[Face, list[str]]) -> dict:
    face, coverage = args
    from fontTools import subset
    from fontTools.ttLib import TTFont

    t0 = time.monotonic()
    src = find_source(face)
    kw = {"fontNumber": face.font_number} if face.font_number is not None else {}
    font = TTFont(src, recalcTimestamp=False, **kw)
    src_cmap = font.getBestCmap()
    source_cps = set(src_cmap)
    src_glyphs = len(font.getGlyphOrder())
    name = font["name"]
    family = (name.getDebugName(16) or name.getDebugName(1)).strip()
    info = {
        "key": face.key,
        "file": face.file,
        "source": src.name,
        "package": face.package,
        "family": family,
        "weight": font["OS/2"].usWeightClass,
        "font_version": (name.getDebugName(5) or "").split(";")[0],
        "source_glyphs": src_glyphs,
        "source_size": src.stat().st_size,
    }
    created, modified = font["head"].created, font["head"].modified

    subsetter = subset.Subsetter(subset_options())
    subsetter.populate(unicodes=[ord(c) for c in coverage])
    subsetter.subset(font)
    t1 = time.monotonic()
    if "CFF " in font:
        info.update(cff_to_glyf(font))  # the engine's own converter (layout.fonts.convert)
    t2 = time.monotonic()
    font["head"].created, font["head"].modified = created, modified

    out = FONTS / face.file
    tmp = out.with_suffix(".ttf.tmp")
    font.recalcTimestamp = False
    font.save(tmp, reorderTables=True)
    font.close()
    os.replace(tmp, out)
    info.update(verify(face, out, coverage, source_cps))
    cover = {ord(c) for c in coverage}
    info.update(
        {
            "present": len(cover & source_cps),
            "missing": sorted(cover - source_cps),
            "size": out.stat().st_size,
            "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
            "t_subset": round(t1 - t0, 1),
            "t_convert": round(t2 - t1, 1),
            "t_total": round(time.monotonic() - t0, 1),
        }
    )
    return info


# --------------------------------------------------------------------------- outputs


def manifest_text(infos: dict[str, dict], versions: dict[str, str]) -> str:
    """``fonts/manifest.yaml``: the built faces (``infos`` by key: family, weight, source
    file), the last-resort faces where Debian installs them, and the role chains."""
    lines = ["# Open fonts shipped with banmian. Rebuild: python tools/build_fonts.py", "faces:"]
    width = max(len(k) for k in [*infos, *(f.key for f in LAST_RESORT)]) + 2
    for face in FACES:
        i = infos[face.key]
        src = i["source"] + (f"#{face.font_number}" if face.font_number is not None else "")
        lines.append(
            f"  {(face.key + ':'):<{width}} {{file: {face.file}, family: {i['family']}, "
            f"weight: {i['weight']}, licence: {face.licence}, "
            f'source: "{face.package} {versions[face.package]}: {src}"}}'
        )
    lines.append(
        "  # Last resort for rare ideographs (CJK Ext. A-F): installed by tools/setup.sh, "
        "not shipped"
    )
    for extra in LAST_RESORT:
        lines.append(
            f"  {(extra.key + ':'):<{width}} {{file: {extra.path.as_posix()}, "
            f"family: {extra.family}, weight: {extra.weight}, licence: {extra.licence}, "
            f'source: "{extra.package} {versions[extra.package]}: {extra.path.name}", '
            f"optional: true, package: {extra.package}}}"
        )
    lines.append("roles:        # role → fallback chain (first face that has the character wins)")
    for role, chain in ROLES.items():
        lines.append(f"  {(role + ':'):<{width}} [{', '.join(chain)}]")
    lines.append(f"coverage: {COVERAGE_FILE.relative_to(FONTS).as_posix()}")
    return "\n".join(lines) + "\n"


def write_manifest(infos: dict[str, dict], versions: dict[str, str]) -> None:
    (FONTS / "manifest.yaml").write_text(manifest_text(infos, versions), encoding="utf-8")


def copy_licences(versions: dict[str, str]) -> None:
    for name, (package, path, note) in LICENCES.items():
        if not path.is_file():
            raise BuildError(f"missing licence file {path}: `apt-get install {package}`")
        head = (
            f"Licence of the fonts taken from Debian package {package} "
            f"{versions[package]}: SIL Open Font License 1.1.\n"
            f"Copied verbatim from {path} below. {note}\n" + "=" * 78 + "\n\n"
        )
        (FONTS / name).write_text(head + path.read_text(encoding="utf-8"), encoding="utf-8")


def _fmt_size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


def update_readme(
    infos: dict[str, dict],
    sets: dict[str, list[str]],
    coverage: list[str],
    versions: dict[str, str],
    wall: float,
    jobs: int,
) -> None:
    """Replace the generated block of fonts/README.md (between the markers)."""
    gb = set(sets["gb2312"])
    ty = set(sets["tygf8105"])
    han = {c for c in gb if unicodedata.name(c, "").startswith("CJK UNIFIED")}
    non_bmp_ty = [c for c in ty if ord(c) > 0xFFFF]
    rows = [
        ("GB 2312, all valid two-byte codes (Python `gb2312` codec)", len(gb)),
        ("  of which hanzi (levels 1 and 2)", len(han)),
        ("  of which symbols (rows 1-9)", len(gb - han)),
        ("通用规范汉字表 (2013), `coverage/tongyong-guifan-8105.txt`", len(ty)),
        ("  not in GB 2312", len(ty - gb)),
        ("  outside the BMP (CJK Ext. B and later)", len(non_bmp_ty)),
        ("ASCII + Latin-1, U+0020-00FF (no controls)", len(sets["latin1"])),
        ("General punctuation U+2000-206F (assigned)", len(sets["punct"])),
        ("U+2E3A ⸺, U+2E3B ⸻", len(sets["dash2e3a"])),
        ("CJK symbols and punctuation U+3000-303F", len(sets["cjksym"])),
        ("Vertical forms U+FE10-FE1F", len(sets["vertforms"])),
        ("CJK compatibility forms U+FE30-FE4F", len(sets["cjkcompat"])),
        ("Halfwidth and fullwidth forms U+FF00-FFEF (assigned)", len(sets["fullwidth"])),
        ("Marks " + MARKED_SYMBOLS, len(sets["marks"])),
        ("**Union = `coverage/coverage.txt`**", len(coverage)),
    ]
    out = [
        "<!-- BEGIN GENERATED (tools/build_fonts.py) -->",
        "",
        "### Coverage sets",
        "",
        "| set | characters |",
        "| --- | ---: |",
    ]
    out += [f"| {a} | {b} |" for a, b in rows]
    out += [
        "",
        "### Faces",
        "",
        "| key | file | source | font version | glyphs (source → out) | coverage present "
        "in source | size |",
        "| --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for face in FACES:
        i = infos[face.key]
        src = i["source"] + (f"#{face.font_number}" if face.font_number is not None else "")
        out.append(
            f"| {face.key} | `{face.file}` | {face.package} {versions[face.package]}: "
            f"`{src}` | {i['font_version']} | {i['source_glyphs']} → {i['glyphs']} | "
            f"{i['present']} / {len(coverage)} | {_fmt_size(i['size'])} |"
        )
    total = sum(i["size"] for i in infos.values())
    out += [
        "",
        f"Total: {_fmt_size(total)}.",
        "",
        "Coverage characters a source font lacks (these fall back along the role chain):",
        "",
    ]
    for face in FACES:
        miss = infos[face.key]["missing"]
        han = [
            c
            for c in miss
            if unicodedata.name(chr(c), "").startswith("CJK ")
            and "IDEOGRAPH" in unicodedata.name(chr(c), "")
        ]
        other = [c for c in miss if c not in han]
        shown = " ".join(f"U+{c:04X}" for c in other[:24]) + (" …" if len(other) > 24 else "")
        out.append(
            f"- {face.key}: {len(han)} hanzi"
            + (f" ({''.join(chr(c) for c in han)})" if han else "")
            + f"; {len(other)} other"
            + (f" ({shown})" if other else "")
        )
    out += [
        "",
        "Advance widths (units per em 1000) of a few contested characters:",
        "",
        "| key | " + " | ".join(infos["song"]["widths"]) + " |",
        "| --- |" + " ---: |" * len(infos["song"]["widths"]),
    ]
    for face in FACES:
        w = infos[face.key]["widths"]
        out.append(
            f"| {face.key} | "
            + " | ".join(str(w.get(k, "–")) for k in infos["song"]["widths"])
            + " |"
        )
    out += [
        "",
        f"Last full rebuild: {wall:.0f} s wall clock with {jobs} worker process(es) "
        f"on a {os.cpu_count()}-core machine "
        f"(per face: "
        + ", ".join(f"{f.key} {infos[f.key]['t_total']:.0f} s" for f in FACES)
        + ").",
        "",
        "SHA-256 of the outputs (the build is deterministic):",
        "",
        "```",
    ]
    out += [f"{infos[f.key]['sha256']}  {f.file}" for f in FACES]
    out += ["```", "", "<!-- END GENERATED -->"]
    block = "\n".join(out)
    text = README.read_text(encoding="utf-8") if README.is_file() else ""
    pat = re.compile(r"<!-- BEGIN GENERATED.*?<!-- END GENERATED -->", re.S)
    if pat.search(text):
        text = pat.sub(lambda _m: block, text)
    else:
        text = text.rstrip("\n") + ("\n\n" if text else "") + block
    README.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=min(len(FACES), os.cpu_count() or 1))
    ap.add_argument(
        "--only",
        nargs="*",
        help="face keys to rebuild (default: all); "
        "the manifest and README are only rewritten on a full build",
    )
    args = ap.parse_args(argv)

    t0 = time.monotonic()
    try:
        for face in FACES:
            find_source(face)
        for extra in LAST_RESORT:
            if not extra.path.is_file():
                raise BuildError(
                    f"missing font {extra.path}: install it with `apt-get install {extra.package}`"
                )
        versions = {
            p: package_version(p)
            for p in sorted({f.package for f in FACES} | {p for p, *_ in LICENCES.values()})
        }
        FONTS.mkdir(exist_ok=True)
        coverage, sets = build_coverage()
        print(f"coverage: {len(coverage)} characters -> {COVERAGE_FILE.relative_to(ROOT)}")
        faces = [f for f in FACES if not args.only or f.key in args.only]
        # biggest first so the two long Noto jobs do not end up last on one core
        faces.sort(key=lambda f: -find_source(f).stat().st_size)
        work = [(f, coverage) for f in faces]
        infos: dict[str, dict] = {}
        if args.jobs > 1:
            ctx = multiprocessing.get_context("fork")
            with ctx.Pool(args.jobs, maxtasksperchild=1) as pool:
                for info in pool.imap_unordered(build_face, work):
                    infos[info["key"]] = info
                    print(
                        f"  {info['file']}: {_fmt_size(info['size'])}, {info['glyphs']} "
                        f"glyphs, {info['t_total']:.0f} s",
                        flush=True,
                    )
        else:
            for w in work:
                info = build_face(w)
                infos[info["key"]] = info
                print(
                    f"  {info['file']}: {_fmt_size(info['size'])}, {info['glyphs']} glyphs, "
                    f"{info['t_total']:.0f} s",
                    flush=True,
                )
        if len(infos) == len(FACES):
            copy_licences(versions)
            write_manifest(infos, versions)
            wall = time.monotonic() - t0
            update_readme(infos, sets, coverage, versions, wall, args.jobs)
            for f in FACES:
                i = infos[f.key]
                print(f"  {f.key}: vert {i['vert']}  widths {i['widths']}")
    except BuildError as exc:
        print(f"build_fonts: error: {exc}", file=sys.stderr)
        return 1
    print(f"done in {time.monotonic() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
