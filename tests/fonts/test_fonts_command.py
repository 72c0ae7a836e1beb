"""``banmian fonts`` (layout/fonts/command.py) and the character sets it counts
(layout/fonts/coverage.py), on fonts made here (tests/fonts/fontmaker.py) and the bundled ones."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, EXIT_PROBLEMS
from layout.fonts.command import survey
from layout.fonts.coverage import (
    EXTENSION_BLOCKS,
    TONGYONG_FILE,
    gb2312_hanzi,
    gb2312_level1,
    standard_sets,
    tongyong_guifan,
)

sys.path.insert(0, str(Path(__file__).parent))
import fontmaker as fm  # noqa: E402

URO = (0x4E00, 0x9FFF)
EXT_A = (0x3400, 0x4DBF)


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_standard_sets() -> None:
    gb = gb2312_hanzi()
    assert len(gb) == 6763 and all(0x4E00 <= c <= 0x9FA5 for c in gb)
    assert ord("啊") in gb and ord("齄") in gb and ord("，") not in gb  # first, last; a symbol
    level1 = gb2312_level1()
    assert len(level1) == 3755 and level1 < gb
    assert ord("啊") in level1 and ord("座") in level1 and ord("亍") not in level1  # row 56 on
    tongyong = tongyong_guifan()
    assert tongyong is not None and len(tongyong) == 8105
    assert TONGYONG_FILE.is_file()
    assert any(c > 0xFFFF for c in tongyong)  # 通用规范汉字表 reaches beyond the BMP
    sets = {s.key: s for s in standard_sets()}
    assert list(sets) == ["gb2312", "tongyong8105"] + [
        f"ext_{n.lower()}" for n, *_ in EXTENSION_BLOCKS
    ]
    assert len(sets["ext_a"].codes) == 6592  # U+3400–4DBF, all assigned since Unicode 13
    assert min(sets["ext_b"].codes) == 0x20000 and len(sets["ext_g"].codes) == 4939


def project(tmp_path: Path) -> Path:
    """A manifest: a CFF .otf with the URO block, a .ttc of an Ext. A face (TrueType) and a
    CFF face with the URO, and an optional face that is not installed."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / "song.otf").write_bytes(fm.font_bytes(fm.cjk_font("TestSong")))
    (fonts / "pair.ttc").write_bytes(
        fm.collection(
            fm.cjk_font("TestExtA", cff=False, covered=(EXT_A,), latin=False, vert=False),
            fm.cjk_font("TestHei"),
        )
    )
    manifest = fonts / "manifest.yaml"
    manifest.write_text(
        "faces:\n"
        "  song: {file: song.otf, family: Test Song, weight: 400}\n"
        "  ext: {file: pair.ttc#0}\n"
        "  hei: {file: pair.ttc#1, weight: 700}\n"
        "  gone: {file: /nonexistent/Gone.ttf, optional: true, package: fonts-gone}\n"
        "roles:\n"
        "  song: [song, ext, gone]\n"
        "  hei: [hei]\n",
        encoding="utf-8",
    )
    return manifest


def in_block(codes: frozenset[int], lo: int, hi: int) -> int:
    return sum(1 for c in codes if lo <= c <= hi)


def test_faces_roles_and_coverage(tmp_path: Path) -> None:
    result = survey(project(tmp_path))
    faces = {row.info.id: row for row in result.faces}
    assert list(faces) == ["song", "ext", "hei", "gone"]  # the manifest's order
    tongyong = tongyong_guifan()
    assert tongyong is not None
    song = faces["song"]
    assert song.present and song.outlines == "CFF" and song.truetype is not None
    assert song.coverage is not None
    assert song.coverage["gb2312"] == 6763
    assert song.coverage["tongyong8105"] == in_block(tongyong, *URO)
    assert song.coverage["ext_a"] == 0
    ext = faces["ext"]
    assert ext.outlines == "TrueType" and ext.truetype is not None  # extracted
    assert ext.coverage == {
        **dict.fromkeys(song.coverage, 0),
        "tongyong8105": in_block(tongyong, *EXT_A),
        "ext_a": 6592,
    }
    assert not faces["gone"].present and faces["gone"].coverage is None
    roles = {row.role: row for row in result.roles}
    assert roles["song"].chain == ("song", "ext") and roles["song"].absent == ("gone",)
    together = roles["song"].coverage
    assert together["ext_a"] == 6592 and together["gb2312"] == 6763
    assert together["tongyong8105"] == song.coverage["tongyong8105"] + in_block(tongyong, *EXT_A)
    assert roles["hei"].coverage == faces["hei"].coverage


def test_characters_of_a_text_no_face_has(tmp_path: Path) -> None:
    text = "他说「㐀好」。\n\t𠀀𠀀éé\u200b"  # Ext. B and é: no face; 㐀: only ext
    result = survey(project(tmp_path), ("story.txt", text))
    assert result.text is not None and result.missing is not None
    # Line ends, tabs and the zero-width space are not looked up.
    assert result.text.characters == len(text) - 3 and result.text.distinct == 9
    song = [(m.char, m.count) for m in result.missing["song"]]
    assert song == [("é", 2), ("𠀀", 2)]  # most frequent first, then by code point
    hei = [(m.char, m.count) for m in result.missing["hei"]]
    assert hei == [("é", 2), ("𠀀", 2), ("㐀", 1)]


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_command(tmp_path: Path, capsys) -> None:
    manifest = project(tmp_path)
    code, out, err = run(capsys, "fonts", manifest)
    assert code == 0
    assert err.startswith("note: converted song.otf (CFF) to TrueType: ")  # the first time
    assert "song.otf  (Test Song, 400)  [CFF, converted: " in out
    assert "pair.ttc#0  (ext)  [extracted: " in out
    assert "Gone.ttf  (gone, optional)  not installed: install the Debian package fonts-gone" in out
    assert "  song: song → ext (not installed: gone)" in out
    header = next(line for line in out.splitlines() if "GB 2312" in line)
    assert "通用8105" in header and "Ext A" in header and "Ext G" in header
    assert "GB 2312  通用8105" in header  # columns apart by display width, wide labels too
    story = tmp_path / "story.txt"
    story.write_text("中文𠀀。", encoding="utf-8")
    code, out, _ = run(capsys, "fonts", manifest, "--text", story)
    assert code == 0
    assert "story.txt: 4 characters, 4 different" in out
    assert "1 character (1 time): 𠀀 U+20000 ×1" in out
    assert run(capsys, "fonts", manifest, "--text", story, "--strict")[0] == EXIT_PROBLEMS
    story.write_text("中文。", encoding="utf-8")
    assert run(capsys, "fonts", manifest, "--text", story, "--strict")[0] == 0


def test_the_json(tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = project(tmp_path)
    monkeypatch.setattr("sys.stdin", io.StringIO("㐀𠀀𠀀"))
    code, out, _ = run(capsys, "fonts", manifest, "--json", "--text", "-")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema_version"] == 1 and doc["manifest"] == str(manifest)
    assert [s["key"] for s in doc["sets"]][:2] == ["gb2312", "tongyong8105"]
    assert doc["sets"][0] == {"key": "gb2312", "label": "GB 2312", "size": 6763}
    faces = {face["id"]: face for face in doc["faces"]}
    assert faces["hei"]["index"] == 1 and faces["hei"]["outlines"] == "CFF"
    assert faces["hei"]["file"] == str(manifest.parent / "pair.ttc")
    assert faces["gone"]["present"] is False and faces["gone"]["coverage"] is None
    assert faces["ext"]["coverage"]["ext_a"] == 6592
    roles = {role["role"]: role for role in doc["roles"]}
    assert roles["song"] == {
        "role": "song",
        "chain": ["song", "ext"],
        "absent": ["gone"],
        "coverage": roles["song"]["coverage"],
    }
    assert doc["text"]["source"] == "(standard input)"
    assert doc["text"]["missing"]["hei"] == [
        {"char": "𠀀", "code": "U+20000", "count": 2},
        {"char": "㐀", "code": "U+3400", "count": 1},
    ]


def thin_project(tmp_path: Path) -> Path:
    """``project`` with a role ``display`` whose first face has Latin and 一 to 丈 (U+4E00–4E08:
    一丁七万丈 of GB 2312's level 1) before the full face."""
    manifest = project(tmp_path)
    face = fm.cjk_font("Test Latin", cff=False, covered=((0x4E00, 0x4E08),), vert=False)
    (manifest.parent / "latin.ttf").write_bytes(fm.font_bytes(face))
    text = manifest.read_text(encoding="utf-8")
    text = text.replace("roles:\n", "  latin: {file: latin.ttf, family: Test Latin}\nroles:\n")
    manifest.write_text(text + "  display: [latin, song]\n", encoding="utf-8")
    return manifest


def test_a_first_face_with_few_hanzi_is_a_warning(tmp_path: Path, capsys) -> None:
    manifest = thin_project(tmp_path)
    (thin,) = survey(manifest).thin  # (song and hei: the whole level, nothing said)
    assert (thin.role, thin.face, thin.family, thin.has, thin.of) == (
        "display", "latin", "Test Latin", 5, 3755,
    )  # fmt: skip
    code, out, _ = run(capsys, "fonts", manifest)
    assert code == 0  # a warning: the text still sets, in the faces after it
    (line,) = [line for line in out.splitlines() if line.startswith("warning:")]
    assert line == (
        "warning: role display: its first face latin (Test Latin) has 5 of GB 2312's 3755 "
        "level-1 汉字 (under 10%): the role's Chinese text is set in the faces after it (song)"
    )
    code, out, _ = run(capsys, "fonts", manifest, "--json")
    assert json.loads(out)["thin_first_faces"] == [
        {"role": "display", "face": "latin", "family": "Test Latin", "gb2312_level1": 5,
         "of": 3755},
    ]  # fmt: skip


def test_bad_input(tmp_path: Path, capsys) -> None:
    manifest = project(tmp_path)
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("pair.ttc#1", "pair.ttc#7"), encoding="utf-8"
    )
    code, out, err = run(capsys, "fonts", manifest)
    assert code == EXIT_BAD_INPUT and out == ""
    assert f"{manifest}:4:" in err and "faces.hei.file" in err and "got #7" in err
    code, _, err = run(capsys, "fonts", manifest, "--text", tmp_path / "nope.txt")
    assert code == EXIT_BAD_INPUT and "cannot read the text" in err
    (tmp_path / "latin1.txt").write_bytes("café".encode("latin-1"))
    code, _, err = run(capsys, "fonts", manifest, "--text", tmp_path / "latin1.txt")
    assert code == EXIT_BAD_INPUT and "not UTF-8" in err


def test_the_bundled_manifest_is_the_default(capsys) -> None:
    code, out, _ = run(capsys, "fonts", "--json")
    assert code == 0
    doc = json.loads(out)
    assert Path(doc["manifest"]).name == "manifest.yaml"
    assert doc["thin_first_faces"] == []  # every role's first face has GB 2312's level 1
    faces = {face["id"]: face for face in doc["faces"]}
    for face_id in ("song", "hei", "kai"):
        assert faces[face_id]["coverage"]["gb2312"] == 6763
        assert faces[face_id]["coverage"]["tongyong8105"] == 8105


def test_a_page_spec_or_an_edition_names_the_manifest_it_uses(capsys) -> None:
    """A designer asks which fonts a page has: the manifest its spec (or its edition) uses."""
    repo = Path(__file__).resolve().parents[2]
    for given in ("page_specs/front.yaml", "page_specs/edition.yaml"):
        code, out, err = run(capsys, "fonts", repo / given)
        assert code == 0 and err == ""
        assert out.splitlines()[0].endswith("fonts/manifest.yaml") and "\nroles (" in out
