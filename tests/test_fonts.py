"""Fonts: the manifest's schema, every face opened and verified, and the library cache.

Bad fonts are made here with fontTools (a small valid TrueType font from FontBuilder, then
damaged) in tmp_path; nothing binary is committed. Every fault is checked three ways: by
:func:`layout.fonts.open_truetype`, through :func:`layout.spec.load_spec` (the error at the
manifest's ``faces.<id>.file``), and through the CLI in-process, where ``check``, ``build``
(press PDF and ``--no-pdfx``) and ``proof`` agree: exit 2, one positioned line each, no
traceback, nothing written and the inputs unchanged.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont
from fontTools.ttLib.tables.DefaultTable import DefaultTable

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, SpecErrors
from layout.fonts import (
    EXCERPT,
    FontErrors,
    FontFileError,
    FontLibrary,
    check_directory,
    library,
    open_truetype,
    read_manifest,
)
from layout.spec import load_spec
from layout.text.metrics import GlyphInfo

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
ARTICLES = REPO / "articles"
REPO_FACES = yaml.safe_load((REPO / "fonts" / "manifest.yaml").read_text(encoding="utf-8"))

ERROR_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")

# --------------------------------------------------------------------------- fonts made here

# What the small font covers: ASCII, CJK punctuation, the CJK Unified Ideographs block and
# the full-width forms, every character drawn with one square glyph.
_COVERED = ((0x21, 0x7E), (0x3001, 0x303F), (0x4E00, 0x9FFF), (0xFF01, 0xFF5E))


def _square(pen) -> None:
    pen.moveTo((100, -100))
    pen.lineTo((900, -100))
    pen.lineTo((900, 800))
    pen.lineTo((100, 800))
    pen.closePath()


def tiny_font(*, cff: bool = False, covered: tuple[tuple[int, int], ...] = _COVERED) -> bytes:
    """A small valid font: TrueType outlines (or CFF ones: an .otf), with a box glyph for
    every character in the ranges ``covered``."""
    names = [".notdef", "box", "space"]
    fb = FontBuilder(1000, isTTF=not cff)
    fb.setupGlyphOrder(names)
    cmap = {0x20: "space", 0x3000: "space"}
    for lo, hi in covered:
        cmap.update(dict.fromkeys(range(lo, hi + 1), "box"))
    fb.setupCharacterMap(cmap)
    if cff:
        charstrings = {}
        for name in names:
            pen = T2CharStringPen(1000, None)
            if name != "space":
                _square(pen)
            charstrings[name] = pen.getCharString()
        fb.setupCFF("Tiny", {"FullName": "Tiny"}, charstrings, {})
    else:
        glyphs = {}
        for name in names:
            pen = TTGlyphPen(None)
            if name != "space":
                _square(pen)
            glyphs[name] = pen.glyph()
        fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({name: (1000, 100) for name in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    fb.setupOS2()
    fb.setupPost()
    out = io.BytesIO()
    fb.save(out)
    return out.getvalue()


TINY = tiny_font()


def directory(data: bytes) -> dict[str, tuple[int, int, int]]:
    """tag → (offset of its directory record, table offset, table length)."""
    count = struct.unpack_from(">H", data, 4)[0]
    out = {}
    for k in range(count):
        at = 12 + 16 * k
        tag, _, offset, length = struct.unpack_from(">4sIII", data, at)
        out[tag.decode("latin-1")] = (at, offset, length)
    return out


def rename_table(data: bytes, tag: str, new: str) -> bytes:
    at = directory(data)[tag][0]
    return data[:at] + new.encode("latin-1") + data[at + 4 :]


def patch_table(data: bytes, tag: str, at: int, value: bytes) -> bytes:
    offset = directory(data)[tag][1] + at
    return data[:offset] + value + data[offset + len(value) :]


def zero_table(data: bytes, tag: str) -> bytes:
    _, offset, length = directory(data)[tag]
    return data[:offset] + bytes(length) + data[offset + length :]


def with_table(data: bytes, tag: str, raw: bytes) -> bytes:
    """The font with table ``tag`` added as the bytes ``raw``, verbatim."""
    font = TTFont(io.BytesIO(data))
    table = DefaultTable(tag)
    table.data = raw
    font[tag] = table
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def collection() -> bytes:
    ttc = TTCollection()
    ttc.fonts = [TTFont(io.BytesIO(TINY)), TTFont(io.BytesIO(TINY))]
    out = io.BytesIO()
    ttc.save(out)
    return out.getvalue()


def woff() -> bytes:
    font = TTFont(io.BytesIO(TINY))
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


TEXT = "hello world, this is a text file named .ttf and much longer than an excerpt\n" * 20

# (id, the bad file's bytes, words of the reason): each refused when the spec is loaded.
BAD_FONTS: list[tuple[str, Callable[[], bytes], list[str]]] = [
    ("empty", lambda: b"", ["the file is empty"]),
    ("text-file", lambda: TEXT.encode(), ["not a TrueType font", "starts with b'hello wo'"]),
    (
        "random-bytes",
        lambda: bytes((k * 7919 + 13) % 251 for k in range(4000)),
        ["not a TrueType font", "starts with"],
    ),
    ("truncated", lambda: TINY[: len(TINY) // 2], ["truncated font", "runs past the end"]),
    ("truncated-directory", lambda: TINY[:40], ["truncated font", "table directory"]),
    ("no-hmtx", lambda: rename_table(TINY, "hmtx", "xmtx"), ["'hmtx'", "missing"]),
    ("no-cmap", lambda: rename_table(TINY, "cmap", "xmap"), ["'cmap'", "missing"]),
    (
        "no-unicode-cmap",
        # every encoding record becomes Macintosh (1, 0): no Unicode subtable is left
        lambda: _mac_cmap(TINY),
        ["no Unicode subtable"],
    ),
    ("bad-head-magic", lambda: patch_table(TINY, "head", 12, b"\0\0\0\0"), ["magic number"]),
    ("zero-units-per-em", lambda: patch_table(TINY, "head", 18, b"\0\0"), ["unitsPerEm is 0"]),
    ("no-glyphs", lambda: patch_table(TINY, "maxp", 4, b"\0\0"), ["counts no glyphs"]),
    ("too-many-hmetrics", lambda: patch_table(TINY, "hhea", 34, b"\0\x09"), ["numberOfHMetrics"]),
    ("loca-out-of-order", lambda: patch_table(TINY, "loca", 2, b"\xff\xff"), ["'loca'"]),
    ("cmap-cut-short", lambda: _short_table(TINY, "cmap", 16), ["'cmap'"]),
    (
        "damaged-gsub",
        lambda: with_table(TINY, "GSUB", b"\0\x01\0\0\xff\xf0\xff\xf0\xff\xf0"),
        ["'GSUB'"],
    ),
    # (CFF outlines are converted: tests/fonts/test_convert.py)
    ("collection", collection, ["font collection (.ttc/.otc, 2 faces)", ".ttf#1 (Tiny)"]),
    ("woff", woff, ["WOFF"]),
]


def _mac_cmap(data: bytes) -> bytes:
    _, offset, _ = directory(data)["cmap"]
    count = struct.unpack_from(">H", data, offset + 2)[0]
    out = bytearray(data)
    for k in range(count):
        struct.pack_into(">HH", out, offset + 4 + 8 * k, 1, 0)
    return bytes(out)


def _short_table(data: bytes, tag: str, length: int) -> bytes:
    at = directory(data)[tag][0]
    out = bytearray(data)
    struct.pack_into(">I", out, at + 12, length)
    return bytes(out)


# --------------------------------------------------------------------------- the file


def test_the_small_font_and_the_shipped_faces_pass(tmp_path: Path):
    path = tmp_path / "tiny.ttf"
    path.write_bytes(TINY)
    font = open_truetype(path)
    assert font.num_glyphs == 3 and font.units_per_em == 1000
    assert font.cmap[ord("中")] == 1 and font.cmap[0x20] == 2
    for face in REPO_FACES["faces"].values():
        if not face.get("optional"):  # the last-resort faces: tests/test_rare_characters.py
            assert open_truetype(REPO / "fonts" / face["file"]).num_glyphs > 9000


@pytest.mark.parametrize(
    ("make", "words"), [c[1:] for c in BAD_FONTS], ids=[c[0] for c in BAD_FONTS]
)
def test_a_bad_font_file_is_refused_with_its_reason(tmp_path: Path, make, words):
    path = tmp_path / "bad.ttf"
    path.write_bytes(make())
    with pytest.raises(FontFileError) as info:
        from layout.fonts import FaceInfo, open_face

        open_face(FaceInfo("x", path, "x", ""))
    reason = info.value.reason
    for word in words:
        assert word in reason, reason
    assert len(reason) < 400  # one sentence; never the file
    assert TEXT[EXCERPT:40] not in reason


def test_missing_and_folder(tmp_path: Path):
    with pytest.raises(FontFileError, match="does not exist"):
        open_truetype(tmp_path / "nope.ttf")
    with pytest.raises(FontFileError, match="folder"):
        open_truetype(tmp_path)


# --------------------------------------------------------------------------- the manifest


def manifest_text(
    faces: dict[str, Path],
    roles: dict[str, list[str]],
    extra: str = "",
    keys: dict[str, str] | None = None,
) -> str:
    """A manifest; ``keys`` adds keys to some faces (``{"x": "optional: true"}``)."""
    more = {face: f", {text}" for face, text in (keys or {}).items()}
    lines = ["faces:"]
    lines += [
        f"  {face}: {{file: {path}, family: Test{more.get(face, '')}}}"
        for face, path in faces.items()
    ]
    lines.append("roles:")
    lines += [f"  {role}: [{', '.join(chain)}]" for role, chain in roles.items()]
    return "\n".join(lines) + "\n" + extra


def where(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def manifest_errors(tmp_path: Path, text: str) -> list:
    path = tmp_path / "manifest.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FontErrors) as info:
        read_manifest(path)
    return info.value.errors


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.ttf"
    path.write_bytes(TINY)
    return path


def test_manifest_face_without_file(tmp_path: Path, tiny: Path):
    text = "faces:\n  a: {family: Test}\nroles:\n  song: [a]\n"
    (error,) = manifest_errors(tmp_path, text)
    assert error.key_path == "faces.a.file"
    assert (error.pos.line, error.pos.column) == where(text, "{family")
    assert error.message == "missing required key 'file'"


def test_manifest_role_naming_an_undefined_face(tmp_path: Path, tiny: Path):
    text = manifest_text({"song": tiny}, {"song": ["song", "sogn"]})
    (error,) = manifest_errors(tmp_path, text)
    assert error.key_path == "roles.song[1]"
    assert (error.pos.line, error.pos.column) == where(text, "sogn")
    assert error.message == "unknown face 'sogn' (did you mean 'song'?); faces: song"


def test_manifest_empty_chain_and_unknown_keys(tmp_path: Path, tiny: Path):
    text = manifest_text({"song": tiny}, {"song": []}, "colour: red\n").replace("family:", "famly:")
    errors = {e.key_path: e for e in manifest_errors(tmp_path, text)}
    assert set(errors) == {"roles.song", "colour", "faces.song.famly"}
    assert errors["roles.song"].message == "a role needs at least one face (got an empty list)"
    assert "unknown key 'famly' (did you mean 'family'?)" in errors["faces.song.famly"].message
    assert (errors["colour"].pos.line, errors["colour"].pos.column) == where(text, "colour")


def test_manifest_wrong_types(tmp_path: Path):
    text = "faces: [a, b]\nroles:\n  song: song\n"
    errors = {e.key_path: e.message for e in manifest_errors(tmp_path, text)}
    assert errors == {
        "faces": "expected a mapping of face ids to faces, got a list",
        "roles.song": "expected a list of non-empty string, got 'song'",
    }


def test_the_shipped_manifest_is_valid():
    manifest = read_manifest(REPO / "fonts" / "manifest.yaml")
    assert set(manifest.roles) >= {"song", "hei", "kai"}
    assert all(info.pos is not None for info in manifest.faces.values())


# --------------------------------------------------------------------------- the library


def test_from_manifest_verifies_every_face(tmp_path: Path, tiny: Path):
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(TINY[:100])
    text = manifest_text({"a": tiny, "b": bad}, {"song": ["a"]})
    path = tmp_path / "manifest.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FontErrors) as info:
        FontLibrary.from_manifest(path)
    (error,) = info.value.errors
    assert error.key_path == "faces.b.file"
    assert (error.pos.line, error.pos.column) == where(text, str(bad))
    assert info.value.roles == {"song"}
    with pytest.raises(SpecErrors):  # library() is from_manifest, kept
        library(path)


def test_library_is_kept_until_a_file_changes(tmp_path: Path, tiny: Path):
    path = tmp_path / "manifest.yaml"
    path.write_text(manifest_text({"a": tiny}, {"song": ["a"]}), encoding="utf-8")
    first = library(path)
    assert library(path) is first
    assert first.face("a").has("中")

    # a face replaced by one without CJK: the next call reads it again
    other = TTFont(io.BytesIO(TINY))
    for table in other["cmap"].tables:
        table.cmap = {code: name for code, name in table.cmap.items() if code < 0x80}
    other.save(tiny)
    second = library(path)
    assert second is not first
    assert not second.face("a").has("中") and second.face("a").has("A")
    assert library(path) is second

    # the manifest changed: a new role
    path.write_text(manifest_text({"a": tiny}, {"song": ["a"], "hei": ["a"]}), encoding="utf-8")
    third = library(path)
    assert set(third.roles) == {"song", "hei"}

    # the face broken on disk: an error, not the last good library
    tiny.write_bytes(b"")
    with pytest.raises(FontErrors, match="the file is empty"):
        library(path)


def test_a_face_verified_before_is_opened_only_when_a_chain_needs_it(
    tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    other = tmp_path / "other.ttf"
    other.write_bytes(TINY)
    path = tmp_path / "manifest.yaml"
    path.write_text(
        manifest_text({"a": tiny, "b": other}, {"song": ["a"], "hei": ["b"]}), encoding="utf-8"
    )
    first = FontLibrary.from_manifest(path)  # never seen: both verified in full, now
    assert first.face("a").opened and first.face("b").opened
    assert len(list((tmp_path / "cache" / "fonts-verified").iterdir())) == 2

    second = FontLibrary.from_manifest(path)  # the same files: nothing read yet
    assert not second.face("a").opened and not second.face("b").opened
    assert second.metrics("song").glyph("中") == first.metrics("song").glyph("中")
    assert second.face("a").opened and not second.face("b").opened  # only the chain's face


def test_a_file_verified_before_is_read_without_the_writers_checks(tmp_path: Path):
    # What only vouches for the writer (loca in order) is not checked again for a file that
    # passed before; what layout reads (cmap) is read and checked as ever.
    path = tmp_path / "f.ttf"
    path.write_bytes(patch_table(TINY, "loca", 2, b"\xff\xff"))
    with pytest.raises(FontFileError, match="'loca'"):
        open_truetype(path)
    assert open_truetype(path, verified_before=True).cmap
    path.write_bytes(_short_table(TINY, "cmap", 16))
    with pytest.raises(FontFileError, match="'cmap'"):
        open_truetype(path, verified_before=True)


def test_a_face_changed_since_its_verification_is_verified_again_at_load(
    tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "manifest.yaml"
    text = manifest_text({"a": tiny}, {"song": ["a"]})
    path.write_text(text, encoding="utf-8")
    FontLibrary.from_manifest(path)  # verified and remembered
    tiny.write_bytes(_short_table(TINY, "cmap", 16))  # the same file damaged inside
    with pytest.raises(FontErrors) as info:
        FontLibrary.from_manifest(path)  # before any layout, at the manifest's line
    (error,) = info.value.errors
    assert error.key_path == "faces.a.file" and "'cmap'" in error.message
    assert (error.pos.line, error.pos.column) == where(text, str(tiny))


def test_a_face_damaged_under_a_loaded_library_is_a_positioned_error_when_opened(
    tmp_path: Path, tiny: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "manifest.yaml"
    text = manifest_text({"a": tiny}, {"song": ["a"]})
    path.write_text(text, encoding="utf-8")
    FontLibrary.from_manifest(path)
    fonts = FontLibrary.from_manifest(path)  # lazy: verified before
    tiny.write_bytes(_short_table(TINY, "cmap", 16))
    with pytest.raises(FontErrors) as info:
        fonts.metrics("song").glyph("中")
    (error,) = info.value.errors
    assert error.key_path == "faces.a.file"
    assert (error.pos.line, error.pos.column) == where(text, str(tiny))
    assert not fonts.is_current()  # the next library() reads it again


# --------------------------------------------------------------------------- spec and CLI

BASE = (
    FRONT_TEXT.read_text(encoding="utf-8")
    .replace("articles: ../../articles", f"articles: {ARTICLES}")
    .replace("fonts: ../../fonts/manifest.yaml", "fonts: fonts/manifest.yaml")
)

ONE_BOX = """\
  - id: story
    kind: article
    article: labour
    at: {column: 1, span: 4, line: 1, lines: 30}
    headline: {lines: 6}
"""


def project(tmp_path: Path, face: str, data: bytes | None) -> tuple[Path, Path, str, Path]:
    """A one-box page whose manifest is the shipped one with face ``face``'s file replaced
    by ``data`` (None: a file that does not exist). Returns spec, manifest, its text and the
    face's file."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    bad = fonts / "face.ttf"
    if data is not None:
        bad.write_bytes(data)
    files = {
        key: (bad if key == face else REPO / "fonts" / entry["file"])
        for key, entry in REPO_FACES["faces"].items()
    }
    text = manifest_text(files, REPO_FACES["roles"], keys=optional_keys())
    (fonts / "manifest.yaml").write_text(text, encoding="utf-8")
    head = BASE[: BASE.index("\nboxes:")]
    spec = tmp_path / "page.yaml"
    spec.write_text(f"{head}\nboxes:\n{ONE_BOX}", encoding="utf-8")
    return spec, fonts / "manifest.yaml", text, bad


def optional_keys() -> dict[str, str]:
    """The ``optional`` and ``package`` keys of the shipped manifest's optional faces."""
    return {
        key: f"optional: true, package: {entry['package']}"
        for key, entry in REPO_FACES["faces"].items()
        if entry.get("optional")
    }


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def run(capsys, *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_refused_everywhere(capsys, tmp_path: Path, spec: Path) -> list[str]:
    """check, build (press and --no-pdfx) and proof: exit 2, the same positioned lines, no
    traceback, nothing written, the inputs unchanged. Returns the error lines."""
    before = digest(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    runs = [
        ("check", spec),
        ("build", spec, "-o", out / "page.pdf"),
        ("build", spec, "--no-pdfx", "-o", out / "page.pdf"),
        ("proof", spec, "-o", out / "proof.pdf"),
    ]
    seen = None
    for args in runs:
        code, stdout, err = run(capsys, *args)
        assert code == EXIT_BAD_INPUT, (args, err)
        assert "Traceback" not in err and "internal error" not in err, err
        lines = err.splitlines()
        assert lines and all(ERROR_LINE.match(line) for line in lines), err
        assert seen is None or lines == seen, (args, err)
        seen = lines
        assert stdout == ""
        assert list(out.iterdir()) == [], args
    out.rmdir()
    assert digest(tmp_path) == before
    return seen or []


@pytest.mark.parametrize(
    ("make", "words"), [c[1:] for c in BAD_FONTS], ids=[c[0] for c in BAD_FONTS]
)
def test_a_bad_face_is_one_positioned_error_in_every_mode(capsys, tmp_path, make, words):
    spec, manifest, text, bad = project(tmp_path, "hei-regular", make())
    (line,) = assert_refused_everywhere(capsys, tmp_path, spec)
    m = ERROR_LINE.match(line)
    assert Path(m["file"]).resolve() == manifest.resolve()
    assert (int(m["line"]), int(m["column"])) == where(text, str(bad))
    assert m["rest"].startswith("faces.hei-regular.file: font file "), line
    for word in words:
        assert word in line, line


def test_a_missing_face_file(capsys, tmp_path: Path):
    spec, manifest, text, bad = project(tmp_path, "kai", None)
    (line,) = assert_refused_everywhere(capsys, tmp_path, spec)
    assert "faces.kai.file: font file" in line and "does not exist" in line
    assert ERROR_LINE.match(line)["line"] == str(where(text, str(bad))[0])


def test_manifest_errors_reach_the_spec_with_their_place(tmp_path: Path):
    spec, manifest, text, _ = project(tmp_path, "kai", TINY)
    broken = text.replace("  song: [song,", "  song: [sogn,").replace("{file: ", "{fil: ", 1)
    manifest.write_text(broken, encoding="utf-8")
    with pytest.raises(SpecErrors) as info:
        load_spec(spec)
    found = {e.key_path: e for e in info.value.errors}
    assert set(found) == {"faces.song.fil", "roles.song[0]"}  # fil: did you mean file
    assert all(e.pos.file == manifest for e in found.values())
    assert (found["roles.song[0]"].pos.line, found["roles.song[0]"].pos.column) == where(
        broken, "sogn"
    )


def test_damaged_glyphs_are_a_clean_error_when_the_pdf_is_written(capsys, tmp_path: Path):
    """Glyph outlines are read only as they are embedded (reading every glyph of every face
    would cost every build far more than the layout of a page); ``check`` makes the PDF in
    memory, so it refuses a face whose glyf table is zeroed as ``build`` does, naming the
    face, file and glyph."""
    spec, manifest, text, bad = project(tmp_path, "song", zero_table(TINY, "glyf"))
    out = tmp_path / "out"
    out.mkdir()
    before = digest(tmp_path)
    for args in (
        ("check", spec),
        ("build", spec, "-o", out / "page.pdf"),
        ("build", spec, "--no-pdfx", "-o", out / "page.pdf"),
        ("proof", spec, "-o", out / "proof.pdf"),
    ):
        code, stdout, err = run(capsys, *args)
        assert code == EXIT_BAD_INPUT, err
        assert "Traceback" not in err
        (line,) = err.splitlines()
        m = ERROR_LINE.match(line)
        assert Path(m["file"]).resolve() == manifest.resolve(), line
        assert (int(m["line"]), int(m["column"])) == where(text, str(bad))
        assert m["rest"].startswith("faces.song.file: font file "), line
        assert re.search(r"glyph 1 \(. U\+[0-9A-F]{4}\) is damaged", line), line
        assert "the PDF was not written" in line
        assert list(out.iterdir()) == []
    assert digest(tmp_path) == before


# --------------------------------------------------------------------------- optional faces

# A character none of the shipped faces has but the small font made here does when asked to
# (CJK Ext. G): it tells whether an optional face at the end of a chain is used.
EXT_G = "\U00030000"
TINY_EXT_G = tiny_font(covered=((0x30000, 0x30010),))
PACKAGE = "fonts-test-last-resort"


def test_check_directory_reads_no_table(tmp_path: Path):
    """What an optional face gets when the manifest is loaded: the file and its table
    directory. A table's content is checked when the face is opened."""
    path = tmp_path / "face.ttf"
    for make, words in (
        (lambda: b"", "the file is empty"),
        (lambda: TINY[:40], "table directory"),
        (lambda: TINY[: len(TINY) // 2], "runs past the end"),
        (lambda: rename_table(TINY, "cmap", "xmap"), "'cmap'"),
        (lambda: tiny_font(cff=True), "CFF outlines"),
        (collection, "font collection"),
    ):
        path.write_bytes(make())
        with pytest.raises(FontFileError, match=words):
            check_directory(path)
    path.write_bytes(patch_table(TINY, "head", 12, b"\0\0\0\0"))
    check_directory(path)  # a table's content is not read
    with pytest.raises(FontFileError, match="magic number"):
        open_truetype(path)
    with pytest.raises(FontFileError, match="does not exist"):
        check_directory(tmp_path / "nope.ttf")


def test_manifest_optional_must_be_a_boolean_and_a_role_needs_a_required_face(
    tmp_path: Path, tiny: Path
):
    text = manifest_text(
        {"a": tiny, "b": tiny},
        {"song": ["b"], "hei": ["a", "b"]},
        keys={"a": "optional: maybe", "b": f"optional: true, package: {PACKAGE}"},
    )
    errors = {e.key_path: e for e in manifest_errors(tmp_path, text)}
    assert set(errors) == {"faces.a.optional", "roles.song"}
    assert errors["faces.a.optional"].message == "expected true or false, got 'maybe'"
    assert errors["roles.song"].message == (
        "a role needs a face that is not optional (got only optional faces: b)"
    )
    assert (errors["roles.song"].pos.line, errors["roles.song"].pos.column) == where(text, "[b]")


def optional_manifest(tmp_path: Path, tiny: Path, optional: Path) -> Path:
    path = tmp_path / "manifest.yaml"
    text = manifest_text(
        {"a": tiny, "z": optional},
        {"song": ["a", "z"], "hei": ["a"]},
        keys={"z": f"optional: true, package: {PACKAGE}"},
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_an_absent_optional_face_is_left_out_of_its_chains(tmp_path: Path, tiny: Path):
    absent = tmp_path / "not-installed.ttf"
    fonts = FontLibrary.from_manifest(optional_manifest(tmp_path, tiny, absent))
    assert [info.id for info in fonts.absent] == ["z"]
    assert set(fonts.face_infos) == {"a"} and fonts.roles == {"song": ("a",), "hei": ("a",)}
    assert fonts.metrics("song").glyph(EXT_G).face is None  # reported missing, as usual
    message = fonts.absent_message()
    assert message is not None
    assert "z (" in message and str(absent) in message and PACKAGE in message

    # installed later: the library is read again, with the face
    kept = library(fonts.manifest)
    assert kept.absent
    absent.write_bytes(TINY_EXT_G)
    again = library(fonts.manifest)
    assert again is not kept and again.absent == () and again.absent_message() is None
    assert again.metrics("song").glyph(EXT_G).face == "z"


def test_an_optional_face_is_opened_only_when_a_character_needs_it(tmp_path: Path, tiny: Path):
    last = tmp_path / "last-resort.ttf"
    last.write_bytes(TINY_EXT_G)
    fonts = FontLibrary.from_manifest(optional_manifest(tmp_path, tiny, last))
    chain = fonts.metrics("song")
    face = fonts.face("z")
    assert not face.opened
    assert chain.glyph("中").face == "a" and chain.glyph("A").face == "a"
    assert chain.glyph("\u0100").face is None  # in neither face: both were asked
    assert face.opened
    assert chain.glyph(EXT_G) == GlyphInfo("z", 1.0)


def test_an_optional_face_damaged_inside_is_an_error_when_it_is_opened(tmp_path: Path, tiny: Path):
    last = tmp_path / "last-resort.ttf"
    last.write_bytes(_short_table(TINY_EXT_G, "cmap", 16))
    path = optional_manifest(tmp_path, tiny, last)
    fonts = FontLibrary.from_manifest(path)  # the directory is sound
    assert fonts.metrics("song").glyph("中").face == "a"
    with pytest.raises(FontErrors) as info:
        fonts.metrics("song").glyph(EXT_G)
    (error,) = info.value.errors
    assert error.key_path == "faces.z.file"
    assert (error.pos.line, error.pos.column) == where(path.read_text(encoding="utf-8"), str(last))
    assert "'cmap'" in error.message


def test_a_missing_required_face_names_its_package(tmp_path: Path, tiny: Path):
    path = tmp_path / "manifest.yaml"
    gone = tmp_path / "gone.ttf"
    path.write_text(
        manifest_text({"a": tiny, "b": gone}, {"song": ["a", "b"]}, keys={"b": "package: x-y"}),
        encoding="utf-8",
    )
    with pytest.raises(FontErrors) as info:
        FontLibrary.from_manifest(path)
    (error,) = info.value.errors
    assert "does not exist; it is installed by the Debian package x-y" in error.message


def rare_project(tmp_path: Path, last: bytes | None) -> tuple[Path, Path, str, Path]:
    """``project`` with a one-box page whose story has a character only the optional face
    has, that face's file ``last`` (None: not installed)."""
    spec, manifest, _, _ = project(tmp_path, "kai", TINY)
    face = tmp_path / "fonts" / "last-resort.ttf"
    if last is not None:
        face.write_bytes(last)
    files = {key: REPO / "fonts" / entry["file"] for key, entry in REPO_FACES["faces"].items()}
    files["z"] = face
    roles = {role: [*chain, "z"] for role, chain in REPO_FACES["roles"].items()}
    keys = {**optional_keys(), "z": f"optional: true, package: {PACKAGE}"}
    text = manifest_text(files, roles, keys=keys)
    manifest.write_text(text, encoding="utf-8")
    story = tmp_path / "rare.yaml"
    story.write_text(
        f"id: rare\nheadline: 生僻字\nbody:\n- 一个只有末位字体才有的字：{EXT_G}。\n",
        encoding="utf-8",
    )
    source = spec.read_text(encoding="utf-8")
    spec.write_text(
        source.replace(f"articles: {ARTICLES}", f"articles: [{story}]").replace(
            "article: labour", "article: rare"
        ),
        encoding="utf-8",
    )
    return spec, manifest, text, face


def test_an_absent_optional_face_is_one_warning_and_the_build_goes_on(capsys, tmp_path: Path):
    spec, _, _, face = rare_project(tmp_path, None)
    pdf = tmp_path / "page.pdf"
    code, out, err = run(capsys, "build", spec, "-o", pdf)
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")
    (warning,) = [line for line in err.splitlines() if "font-not-installed" in line]
    assert warning.startswith("warning: font-not-installed: optional font face")
    assert str(face) in warning and "install the Debian package" in warning and PACKAGE in warning
    (missing,) = [line for line in err.splitlines() if "missing-glyph" in line]
    assert "U+30000" in missing and "article rare" in missing


def test_an_optional_face_that_is_there_sets_the_character(capsys, tmp_path: Path):
    spec, _, _, _ = rare_project(tmp_path, TINY_EXT_G)
    code, out, err = run(capsys, "build", spec, "-o", tmp_path / "page.pdf")
    assert code == 0, err
    assert "missing-glyph" not in err
    # (the shipped last-resort faces may be absent here: only face z matters)
    assert not [
        line for line in err.splitlines() if "font-not-installed" in line and " z (" in line
    ]


def test_an_optional_face_damaged_is_one_positioned_error_in_every_mode(capsys, tmp_path: Path):
    # Damaged inside (found when the face is opened for the character) and damaged in its
    # table directory (found when the manifest is loaded): the same clean error either way.
    for name, data, words in (
        ("inside", patch_table(TINY_EXT_G, "head", 12, b"\0\0\0\0"), "magic number"),
        ("directory", TINY_EXT_G[: len(TINY_EXT_G) // 2], "truncated font"),
    ):
        root = tmp_path / name
        root.mkdir()
        spec, manifest, text, face = rare_project(root, data)
        (line,) = assert_refused_everywhere(capsys, root, spec)
        m = ERROR_LINE.match(line)
        assert Path(m["file"]).resolve() == manifest.resolve()
        assert (int(m["line"]), int(m["column"])) == where(text, str(face))
        assert m["rest"].startswith("faces.z.file: font file "), line
        assert words in line, line


def test_an_optional_face_without_vmtx_advances_one_em_down_a_vertical_line(
    tmp_path: Path, tiny: Path
):
    last = tmp_path / "last-resort.ttf"
    last.write_bytes(TINY_EXT_G)  # FontBuilder made no vhea/vmtx
    fonts = FontLibrary.from_manifest(optional_manifest(tmp_path, tiny, last))
    assert "vmtx" not in fonts.face("z").tables
    assert fonts.metrics("song").upright(EXT_G) == GlyphInfo("z", 1.0)
    assert fonts.face("z").vertical_advance(EXT_G) == 1.0


def test_an_optional_face_linked_to_nothing_is_absent(tmp_path: Path, tiny: Path):
    link = tmp_path / "link.ttf"
    link.symlink_to(tmp_path / "uninstalled.ttf")
    fonts = FontLibrary.from_manifest(optional_manifest(tmp_path, tiny, link))
    assert [info.id for info in fonts.absent] == ["z"]


def test_faces_of_is_each_characters_glyph_face_known_or_not() -> None:
    from layout.fonts.library import ChainMetrics

    chain = library().metrics("song")
    assert isinstance(chain, ChainMetrics)
    text = "汉字A𰻞\ue000"  # set before or not, Latin, a rare ideograph, one no face has
    chain.glyph("汉")  # one of them known already
    assert chain.faces_of(list(text)) == [chain.glyph(ch).face for ch in text]
    assert chain.faces_of(["\ue000"]) == [None]
