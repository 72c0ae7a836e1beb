"""Rare characters: the last-resort faces (HanaMin A/B from ``fonts-hanazono``, at the end of
every chain of ``fonts/manifest.yaml``) set, draw and embed what the shipped subsets lack;
only a character that no face has is reported.

These tests need the faces installed (``tools/setup.sh`` installs them; CI runs it). Without
them they are skipped with the package named; the absent-face behaviour itself is tested in
``tests/test_fonts.py`` with fonts made there.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml
from fontTools.ttLib import TTFont

from layout.cli import main
from layout.compose.frame import Frame
from layout.compose.page import compose_page
from layout.compose.setter import Setter
from layout.fonts import FontLibrary, TrueTypeProgram, library
from layout.geometry import Rect, WritingMode
from layout.page import TextRun
from layout.report import ProblemKind
from layout.spec import load_spec
from layout.text.orient import VERTICAL_FULL_WIDTH, VerticalOptions
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
MANIFEST = REPO / "fonts" / "manifest.yaml"
README = REPO / "fonts" / "README.md"
PHOTO = REPO / "images" / "ladybird-mate-backgrounds.jpg"
FACES = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["faces"]
LAST_RESORT = {key: Path(f["file"]) for key, f in FACES.items() if f.get("optional")}

pytestmark = pytest.mark.skipif(
    not all(path.is_file() for path in LAST_RESORT.values()),
    reason="the last-resort faces are not installed: apt-get install fonts-hanazono "
    "(tools/setup.sh does)",
)

# 𠮷 Ext. B, 㙟 Ext. A, 龑 URO: in no shipped subset; 䶮 Ext. A and 堃 URO: in 通用规范汉字表.
RARE = "𠮷㙟龑䶮堃"
NOT_SHIPPED = "𠮷㙟龑"
EXT_F = "\U0002ceb0"  # only HanaMinB has it: the second last-resort face is reached too
# No face has these: Ext. H (Unicode 15) and a private-use character.
NO_FACE = "\U00031350\ue000"
STYLES = ("body", "headline", "kicker", "subhead", "byline", "caption")  # every role


# The blocks of the README's coverage table: Unicode 15.0's assigned ideographs.
BLOCKS = {
    "CJK Unified Ideographs U+4E00–9FFF": [(0x4E00, 0x9FFF)],
    "Extension A U+3400–4DBF": [(0x3400, 0x4DBF)],
    "Extension B U+20000–2A6DF": [(0x20000, 0x2A6DF)],
    "Extension C U+2A700–2B739": [(0x2A700, 0x2B739)],
    "Extension D U+2B740–2B81D": [(0x2B740, 0x2B81D)],
    "Extension E U+2B820–2CEA1": [(0x2B820, 0x2CEA1)],
    "Extension F U+2CEB0–2EBE0": [(0x2CEB0, 0x2EBE0)],
    "Extension G U+30000–3134A": [(0x30000, 0x3134A)],
    "Extension H U+31350–323AF": [(0x31350, 0x323AF)],
    "Compatibility Ideographs U+F900–FAD9": [(0xF900, 0xFA6D), (0xFA70, 0xFAD9)],
    "Compatibility Ideographs Supplement U+2F800–2FA1D": [(0x2F800, 0x2FA1D)],
}


def test_the_readme_coverage_table_is_what_the_faces_have():
    text = README.read_text(encoding="utf-8")
    table = text[text.index("<!-- BEGIN LAST-RESORT") : text.index("<!-- END LAST-RESORT")]
    rows = {
        cells[0]: [int(c) for c in cells[1:]]
        for line in table.splitlines()[3:]
        if (cells := [c.strip() for c in line.strip("|").split("|")])
    }
    cmaps = {
        key: set(TTFont(REPO / "fonts" / face["file"], lazy=True).getBestCmap())
        for key, face in FACES.items()
    }
    shipped = set().union(*(cmaps[key] for key in FACES if key not in LAST_RESORT))
    every = shipped | cmaps["hana-a"] | cmaps["hana-b"]
    measured = {}
    for name, ranges in BLOCKS.items():
        codes = [c for lo, hi in ranges for c in range(lo, hi + 1)]
        counts = [sum(c in s for c in codes) for s in (shipped, cmaps["hana-a"], cmaps["hana-b"])]
        covered = sum(c in every for c in codes)
        measured[name] = [len(codes), *counts, covered, len(codes) - covered]
    assert rows == measured


def test_every_chain_ends_with_the_last_resort_faces():
    fonts = library(MANIFEST)
    assert fonts.absent == ()
    for role, chain in fonts.roles.items():
        assert chain[-2:] == ("hana-a", "hana-b"), role


@pytest.mark.parametrize("style_name", STYLES)
def test_each_role_sets_the_rare_characters(style_name: str):
    spec = load_spec(FRONT)
    fonts = library(spec.fonts_manifest.resolve())
    style = spec.styles[style_name]
    role_chain = fonts.roles[style.font]
    par = Setter(fonts, spec.styles).set(f"生僻字{RARE}{EXT_F}与{NO_FACE}", style, 40 * style.size)
    assert [m.char for m in par.missing] == list(NO_FACE)
    faces = {g.text: g.face for line in par.lines for g in line.glyphs}
    for ch in NOT_SHIPPED:
        assert faces[ch] == "hana-a", ch
    assert faces[EXT_F] == "hana-b"
    for ch in "䶮堃":  # in the role's own (shipped) faces: the last resort is not used
        assert faces[ch] in role_chain[:-2], ch
    assert all(faces[ch] is None for ch in NO_FACE)


def test_vertical_lines_set_and_place_them_one_em_each():
    fonts = library(MANIFEST)
    chain = fonts.metrics("song")
    size = 9.0
    text = f"生僻字{RARE}"
    style = ParagraphStyle(size, vertical=VerticalOptions(), full_width_marks=VERTICAL_FULL_WIDTH)
    par = set_paragraph(text, style, 20 * size, chain)
    assert par.missing == ()
    (line,) = par.lines
    glyphs = {g.text: g for g in line.glyphs}
    for ch in NOT_SHIPPED:
        assert glyphs[ch].face == "hana-a"
        assert chain.upright(ch).advance == 1.0  # HanaMin's vmtx: 1024 of 1024 units
    frame = Frame(Rect(0, 0, 20, 200), WritingMode.VERTICAL_RL)
    runs = list(frame.place(line, 0, size, size, fonts=fonts))
    drawn = {run.text: run for run in runs if isinstance(run, TextRun)}
    assert {ch: drawn[ch].face for ch in NOT_SHIPPED} == dict.fromkeys(NOT_SHIPPED, "hana-a")
    tops = [drawn[ch].y for ch in NOT_SHIPPED]
    assert [b - a for a, b in zip(tops, tops[1:], strict=False)] == [size, size]


def test_the_sample_page_never_opens_them():
    """The cost of the last resort is paid only by copy that needs it."""
    fonts = FontLibrary.from_manifest(MANIFEST)
    page = compose_page(load_spec(FRONT), fonts)
    assert not [p for p in page.problems if p.kind is ProblemKind.MISSING_GLYPH]
    assert not any(fonts.face(key).opened for key in LAST_RESORT)


def test_a_subset_of_a_big_face_keeps_its_glyphs_and_takes_a_long_loca():
    """HanaMinA has 52,008 simple glyphs and a long loca; a subset of more than 128 KiB of
    outlines needs a long loca too (OpenType "loca": short offsets stop at 2 × 65535)."""
    source = TTFont(LAST_RESORT["hana-a"])
    program = TrueTypeProgram.open(LAST_RESORT["hana-a"])
    cmap = source.getBestCmap()
    order = source.getGlyphOrder()
    # every other ideograph from U+4E00: some 600 glyphs of ~400 bytes, with gaps between
    gids = sorted({source.getGlyphID(cmap[code]) for code in range(0x4E00, 0x4E00 + 1200, 2)})
    out = TTFont(io.BytesIO(program.subset(gids)), checkChecksums=2)  # raises on a bad sum
    assert out["head"].indexToLocFormat == 1
    out_glyf, src_glyf = out["glyf"], source["glyf"]
    out_order = out.getGlyphOrder()
    for gid in gids[:: len(gids) // 40]:
        got, want = out_glyf[out_order[gid]], src_glyf[order[gid]]
        assert got.getCoordinates(out_glyf) == want.getCoordinates(src_glyf), gid
    unused = source.getGlyphID(cmap[0x4E01])
    assert gids[0] < unused < gids[-1] and unused not in gids
    assert out_glyf[out_order[unused]].numberOfContours == 0


def rare_page(tmp_path: Path) -> Path:
    """A one-story page: the rare characters in kicker (黑), headline (heavy 宋), subhead,
    byline (楷), body (宋) and the photo caption (楷); paragraph 2 has two no face has."""
    story = {
        "id": "rare",
        "kicker": f"引题{RARE}",
        "headline": f"标题{RARE}",
        "subhead": f"副题{RARE}",
        "byline": {"reporters": [f"王{NOT_SHIPPED[0]}"]},
        "body": [
            f"正文里的生僻字：{RARE}，还有扩展F的{EXT_F}，都应当印出来。",
            f"没有任何字体有的字：{NO_FACE[0]}，以及私用区的{NO_FACE[1]}。",
        ],
        "photos": [{"file": str(PHOTO), "caption": f"图片说明{RARE}。"}],
    }
    (tmp_path / "rare.yaml").write_text(yaml.safe_dump(story, allow_unicode=True), "utf-8")
    text = (
        FRONT_TEXT.read_text(encoding="utf-8")
        .replace("articles: ../../articles", f"articles: [{tmp_path / 'rare.yaml'}]")
        .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {MANIFEST}")
    )
    boxes = (
        "  - id: story\n    kind: article\n    article: rare\n"
        "    at: {column: 1, span: 5, line: 1, lines: 30}\n    headline: {lines: 8}\n"
        "  - id: pic\n    kind: photo\n    article: rare\n"
        "    at: {column: 6, span: 3, line: 1, lines: 20}\n"
    )
    spec = tmp_path / "page.yaml"
    spec.write_text(f"{text[: text.index(chr(10) + 'boxes:')]}\nboxes:\n{boxes}", "utf-8")
    return spec


@pytest.fixture(scope="module")
def rare_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp_path = tmp_path_factory.mktemp("rare")
    pdf = tmp_path / "page.pdf"
    with pytest.MonkeyPatch.context() as mp:
        errors = io.StringIO()
        mp.setattr("sys.stderr", errors)
        code = main(["build", str(rare_page(tmp_path)), "-o", str(pdf)])
    assert code == 0, errors.getvalue()
    return pdf, errors.getvalue()


def test_only_what_no_face_has_is_reported(rare_pdf):
    _, err = rare_pdf
    missing = [line for line in err.splitlines() if "missing-glyph" in line]
    assert len(missing) == 2, err
    assert all("article rare, paragraph 2" in line for line in missing)
    assert "U+31350" in missing[0] and "U+E000" in missing[1]
    assert "font-not-installed" not in err


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_pdf_text_gives_the_characters_back(rare_pdf):
    pdf, _ = rare_pdf
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = re.sub(r"\s", "", text)
    for ch in RARE:
        assert flat.count(ch) >= 6, (ch, text)  # kicker, headline, subhead, body, caption…
    assert flat.count("𠮷") >= 7  # … and the byline
    assert EXT_F in flat


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_the_last_resort_faces_are_embedded_as_subsets(rare_pdf):
    pdf, _ = rare_pdf
    listing = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, check=True, text=True
    ).stdout
    for family in ("HanaMinA", "HanaMinB"):
        (row,) = [line for line in listing.splitlines() if f"+{family} " in line]
        assert re.match(rf"[A-Z]{{6}}\+{family}\s+CID TrueType\s+Identity-H\s+yes yes yes", row)


def test_the_embedded_program_and_its_to_unicode(rare_pdf):
    """The FontFile2 of HanaMinA holds the glyphs drawn, as in the source; its ToUnicode maps
    𠮷 (beyond the BMP) as a UTF-16 surrogate pair (PDF 32000-1 §9.10.3)."""
    pdf, _ = rare_pdf
    source = TTFont(LAST_RESORT["hana-a"])
    cmap, order = source.getBestCmap(), source.getGlyphOrder()
    with pikepdf.open(pdf) as doc:
        (font,) = [
            f
            for page in doc.pages
            for f in page.Resources.Font.values()
            if str(f.BaseFont).endswith("+HanaMinA")
        ]
        descendant = font.DescendantFonts[0]
        program = descendant.FontDescriptor.FontFile2.read_bytes()
        to_unicode = font.ToUnicode.read_bytes().decode("ascii")
    assert len(program) < 300_000  # 3 glyphs drawn; empty slots for the 52,005 others
    embedded = TTFont(io.BytesIO(program))
    glyf, emb_order = embedded["glyf"], embedded.getGlyphOrder()
    for ch in NOT_SHIPPED:
        gid = source.getGlyphID(cmap[ord(ch)])
        got = glyf[emb_order[gid]]
        want = source["glyf"][order[gid]]
        assert got.numberOfContours > 0
        assert got.getCoordinates(glyf) == want.getCoordinates(source["glyf"]), ch
    gid = source.getGlyphID(cmap[ord("𠮷")])
    assert f"<{gid:04X}> <D842DFB7>" in to_unicode
