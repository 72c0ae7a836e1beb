"""Bad input through the command line: every case is one clean error, never a traceback.

Each case is the sample edition copied to ``tmp_path`` with one newsroom mistake in it (a spec
edit, an article edit, a damaged font, image or press profile). Every case is run through
``banmian build`` (press and proof colours), ``check`` and ``proof`` (in-process through
:func:`layout.cli.main`; a few also as a real process)
and must give: exit code 2, first line ``file:line:column: key.path: …`` naming the file and
key at fault, no traceback, no PDF at the output path, and every input file unchanged.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
MANIFEST = REPO / "fonts" / "manifest.yaml"

ERROR_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")


@dataclass
class Project:
    """The sample edition in a folder of its own: ``page_specs/front.yaml`` (with the parts
    it shares written out), ``articles/``,
    ``images/`` and ``fonts/manifest.yaml``, whose faces are the repository's font files
    (read-only here) named by absolute path."""

    root: Path

    @classmethod
    def make(cls, root: Path) -> Project:
        shutil.copytree(REPO / "articles", root / "articles")
        shutil.copytree(REPO / "images", root / "images")
        (root / "page_specs").mkdir()
        (root / "fonts").mkdir()
        manifest = MANIFEST.read_text(encoding="utf-8")
        for face in sorted((REPO / "fonts").glob("*.ttf")):
            manifest = manifest.replace(f"file: {face.name}", f"file: {face}")
        (root / "fonts" / "manifest.yaml").write_text(manifest, encoding="utf-8")
        # The front page with its shared parts written out, so that a case edits one file.
        text = (REPO / "tests" / "fixtures" / "front-standalone.yaml").read_text(encoding="utf-8")
        (root / "page_specs" / "front.yaml").write_text(
            text.replace("../../", "../"), encoding="utf-8"
        )
        return cls(root)

    @property
    def spec(self) -> Path:
        return self.root / "page_specs" / "front.yaml"

    @property
    def manifest(self) -> Path:
        return self.root / "fonts" / "manifest.yaml"

    @property
    def photo(self) -> Path:
        return next((self.root / "images").glob("*.jpg"))

    def face(self, face_id: str, data: bytes, name: str = "bad.ttf") -> None:
        """Face ``face_id`` of the manifest made from the bytes ``data``."""
        file = self.root / "fonts" / name
        file.write_bytes(data)
        text = self.manifest.read_text(encoding="utf-8")
        start = text.index(f"  {face_id}:")
        at = text.index("file: ", start) + len("file: ")
        end = text.index(",", at)
        self.manifest.write_text(text[:at] + name + text[end:], encoding="utf-8")

    def article(self, name: str) -> Path:
        return self.root / "articles" / f"{name}.yaml"

    def edit(self, file: Path, old: str, new: str) -> None:
        text = file.read_text(encoding="utf-8")
        assert text.count(old) == 1, (file, old)
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def snapshot(self) -> dict[Path, str]:
        return {
            p: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(self.root.rglob("*"))
            if p.is_file() and "output" not in p.parts
        }


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Project], None]
    file: str  # the file the error names: "spec", "manifest", or an article name
    key: str  # the key path the first error names (a prefix is enough)
    says: str = ""  # a word the message must contain


def spec_edit(old: str, new: str) -> Callable[[Project], None]:
    return lambda p: p.edit(p.spec, old, new)


def article_edit(name: str, old: str, new: str) -> Callable[[Project], None]:
    return lambda p: p.edit(p.article(name), old, new)


LEAD_AT = "at: {column: 1, span: 5, line: 11, lines: 34}"
DATE = "date: 2025-04-30"
BODY = "body:        {font: song, size: 小五, leading: 14pt"

CASES = [
    # YAML scalars that PyYAML would construct and then fail on
    Case("impossible date", spec_edit(DATE, "date: 2025-02-30"), "spec", "edition.date", "date"),
    Case("!!int abc", spec_edit("number: 1\n", "number: !!int abc\n"), "spec", "page.number"),
    Case("!!float x", spec_edit("bleed: 3mm", "bleed: !!float x"), "spec", "page.bleed"),
    Case(
        "!!timestamp 2025-13-01",
        spec_edit(DATE, "date: !!timestamp 2025-13-01"),
        "spec",
        "edition.date",
    ),
    Case(
        "!!bool maybe",
        spec_edit("number: 1\n", "number: 1\n  writing_mode: !!bool maybe\n"),
        "spec",
        "page.writing_mode",
    ),
    Case("unknown tag", spec_edit("name: 要闻", "name: !shout 要闻"), "spec", "page.name", "tag"),
    # YAML 1.1 surprises are read by YAML 1.2 core rules: 1:30 is text, not 90
    Case("sexagesimal", spec_edit("columns: 8 ", "columns: 1:30 "), "spec", "grid.columns", "1:30"),
    Case("tag on a mapping", spec_edit("trim: {", "trim: !!set {"), "spec", "page.trim", "tag"),
    Case("tag on a list", spec_edit("boxes: ", "boxes: !!omap"), "spec", "boxes", "tag"),
    Case("yes is not true", spec_edit("number: 1\n", "number: yes\n"), "spec", "page.number"),
    # NaN and infinities, wherever a number or a length is read
    Case("nan trim", spec_edit("width: 390mm", "width: .nan"), "spec", "page.trim.width"),
    Case("inf trim", spec_edit("height: 545mm", "height: .inf"), "spec", "page.trim.height"),
    Case("1e308mm", spec_edit("bleed: 3mm", "bleed: 1e308mm"), "spec", "page.bleed", "at most"),
    Case(
        "nan size",
        spec_edit(BODY, BODY.replace("小五", ".nan")),
        "spec",
        "styles.body.size",
    ),  # fmt: skip
    Case(
        "inf leading",
        spec_edit(BODY, BODY.replace("14pt", ".inf")),
        "spec",
        "styles.body.leading",
    ),  # fmt: skip
    # a leading under the size overprints the lines: refused, of a range against its largest
    Case(
        "leading under the size",
        spec_edit(BODY, BODY.replace("14pt", "6pt")),
        "spec",
        "styles.body.leading",
        "at least the size (9pt)",
    ),  # fmt: skip
    Case(
        "leading under a range's largest size",
        spec_edit("fill: 0.9, leading: 1.25em", "fill: 0.9, leading: 0.9em"),
        "spec",
        "styles.headline.leading",
        "at least the size (36pt, the largest of the range)",
    ),  # fmt: skip
    # a negative indent hangs the first line out of its column
    Case(
        "negative indent",
        spec_edit(BODY + ", indent: 2字", BODY + ", indent: -2字"),
        "spec",
        "styles.body.indent",
        "0 or more",
    ),  # fmt: skip
    # a writing mode is a page's or a box's: on a style it would do nothing
    Case(
        "writing mode on a style",
        spec_edit(BODY, BODY + ", writing_mode: vertical-rl"),
        "spec",
        "styles.body.writing_mode",
        "belongs on the page (page.writing_mode) or a box",
    ),  # fmt: skip
    # headline size ranges: for the styles a headline block sets, smaller size first
    Case(
        "size range on the body",
        spec_edit(BODY, BODY.replace("小五", "小五..五号")),
        "spec",
        "styles.body.size",
        "one size",
    ),  # fmt: skip
    Case(
        "size range reversed",
        spec_edit("size: 一号..小初, fill: 0.9", "size: 小初..一号, fill: 0.9"),
        "spec",
        "styles.headline.size",
        "smaller",
    ),  # fmt: skip
    Case(
        "fill without a range",
        spec_edit("size: 一号..小初, fill: 0.9", "size: 一号, fill: 0.9"),
        "spec",
        "styles.headline.fill",
        "range",
    ),  # fmt: skip
    Case("nan shade", spec_edit(LEAD_AT, LEAD_AT + "\n    shade: .nan"), "spec", "boxes[1].shade"),
    Case("1e400 gutter", spec_edit("gutter: 1字", "gutter: 1e400"), "spec", "grid.gutter"),
    Case(
        "figure value nan",
        article_edit("key-figures", "value: 86.5", "value: .nan"),
        "key-figures",
        "items[0].value",
    ),
    # one story in two article boxes of a page (a mistyped id): it would print twice
    Case(
        "an article set twice on the page",
        spec_edit("article: energy", "article: jinshan"),
        "spec",
        "boxes[7].article",
        "set by box 'jinshan' already",
    ),  # fmt: skip
    # box placements of the wrong shape
    Case(
        "at.line list",
        spec_edit(LEAD_AT, "at: {column: 1, span: 5, line: [], lines: 23}"),
        "spec",
        "boxes[1].at.line",
    ),  # fmt: skip
    Case(
        "at.line text",
        spec_edit(LEAD_AT, "at: {column: 1, span: 5, line: x, lines: 23}"),
        "spec",
        "boxes[1].at.line",
    ),  # fmt: skip
    Case(
        "at.line 8.5",
        spec_edit(LEAD_AT, "at: {column: 1, span: 5, line: 8.5, lines: 23}"),
        "spec",
        "boxes[1].at.line",
    ),  # fmt: skip
    Case(
        "lines -3",
        spec_edit(LEAD_AT, "at: {column: 1, span: 5, line: 12, lines: -3}"),
        "spec",
        "boxes[1].at.lines",
    ),  # fmt: skip
    Case(
        "at without column",
        spec_edit(LEAD_AT, "at: {span: 5, line: 11, lines: 24}"),
        "spec",
        "boxes[1].at.column",
        "column",
    ),  # fmt: skip
    Case(
        "empty headline",
        spec_edit("headline: {lines: 7, byline: true, style: lead_headline}", "headline: {}"),
        "spec",
        "boxes[1].headline.lines",
    ),  # fmt: skip
    Case(
        "headline without lines",
        spec_edit(
            "headline: {lines: 7, byline: true, style: lead_headline}",
            "headline: {byline: true, style: lead_headline}",
        ),
        "spec",
        "boxes[1].headline.lines",
    ),  # fmt: skip
    # a head across the top of a 竖排 box is not made: the key would do nothing
    Case(
        "headline on top of a vertical box",
        spec_edit(
            "headline: {lines: 7, byline: true, style: lead_headline}",
            "writing_mode: vertical-rl\n    headline: {lines: 7, position: top}",
        ),
        "spec",
        "boxes[1].headline.position",
        "position: top is for a 横排 box",
    ),  # fmt: skip
    # a 竖排 box's 竖题 is lines wide whatever its span: the key would do nothing
    Case(
        "headline span on a vertical box",
        spec_edit(
            "headline: {lines: 7, byline: true, style: lead_headline}",
            "writing_mode: vertical-rl\n    headline: {lines: 7, span: 2}",
        ),
        "spec",
        "boxes[1].headline.span",
        "span is for a 横排 box",
    ),  # fmt: skip
    Case("at x only", spec_edit(LEAD_AT, "at: {x: 0}"), "spec", "boxes[1].at"),
    Case(
        "duplicate key",
        spec_edit("  figure:      {font", "  figure:      {size: x, font"),
        "spec",
        "styles.figure.size",
        "duplicate",
    ),
    Case(
        "a box in a broken style",
        lambda p: (
            spec_edit(LEAD_AT, LEAD_AT + "\n    body_style: figure")(p),
            spec_edit("size: 六号", "size: 六")(p),
        ),
        "spec",
        "styles.figure.size",
    ),  # fmt: skip
    Case(
        "latin_gap beyond a third",
        spec_edit("latin_gap: 0}\n  kicker", "latin_gap: 1/2em}\n  kicker"),
        "spec",
        "styles.body.latin_gap",
        "1/3em",
    ),  # fmt: skip
    Case(
        "latin_gap not a length",
        spec_edit("latin_gap: 0}\n  kicker", "latin_gap: wide}\n  kicker"),
        "spec",
        "styles.body.latin_gap",
    ),  # fmt: skip
    # aliases: a billion laughs fails at once, with bounded memory
    Case(
        "billion laughs",
        lambda p: p.spec.write_text(
            p.spec.read_text(encoding="utf-8")
            + "".join(
                f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]\n" if i else "x0: &x0 [lol]\n"
                for i in range(10)
            ),
            encoding="utf-8",
        ),
        "spec",
        "x",
        "aliases",
    ),
    Case("recursive alias", spec_edit("boxes: ", "loop: &l [*l]\nboxes: "), "spec", "loop"),
    # fonts: every face is opened and verified when the spec is loaded
    Case(
        "face file missing",
        lambda p: (p.face("kai", b""), (p.root / "fonts" / "bad.ttf").unlink()),
        "manifest",
        "faces.kai.file",
        "does not exist",
    ),  # fmt: skip
    Case(
        "face of random bytes",
        lambda p: p.face("kai", bytes(range(7, 255)) * 40),
        "manifest",
        "faces.kai.file",
    ),  # fmt: skip
    Case(
        "truncated face",
        lambda p: p.face("kai", (REPO / "fonts" / "LXGWWenKai-Regular.ttf").read_bytes()[:30_000]),
        "manifest",
        "faces.kai.file",
        "past the end",
    ),  # fmt: skip
    Case(
        "a text file as face",
        lambda p: p.face("kai", b"# not a font\n" * 20),
        "manifest",
        "faces.kai.file",
    ),  # fmt: skip
    Case(
        "CFF outlines",
        lambda p: p.face("kai", b"OTTO" + bytes(400), "bad.otf"),
        "manifest",
        "faces.kai.file",
        "CFF",
    ),  # fmt: skip
    Case(
        "font collection",
        lambda p: p.face("kai", b"ttcf" + bytes(400), "bad.ttc"),
        "manifest",
        "faces.kai.file",
        "collection",
    ),  # fmt: skip
    Case(
        "face without file",
        lambda p: p.edit(p.manifest, "kai:          {file: ", "kai:          {path: "),
        "manifest",
        "faces.kai",
    ),  # fmt: skip
    Case(
        "role naming an undefined face",
        lambda p: p.edit(p.manifest, "[kai, song, hei-regular,", "[kia, song, hei-regular,"),
        "manifest",
        "roles.kai[0]",
        "kia",
    ),  # fmt: skip
    # images: opened and decoded when the spec is loaded, in every mode
    Case(
        "truncated JPEG",
        lambda p: p.photo.write_bytes(p.photo.read_bytes()[:20_000]),
        "cherries",
        "photos[0].file",
        "truncated",
    ),  # fmt: skip
    Case(
        "a text file named .jpg",
        lambda p: p.photo.write_text("not a photo\n" * 50),
        "cherries",
        "photos[0].file",
    ),  # fmt: skip
    Case("empty image", lambda p: p.photo.write_bytes(b""), "cherries", "photos[0].file", "empty"),
    Case(
        "decompression bomb",
        # (over the JPEG limit: a JPEG up to it is decoded at the scale its print needs)
        lambda p: p.photo.write_bytes(_claiming(p.photo.read_bytes(), 40_000, 40_000)),
        "cherries",
        "photos[0].file",
        "40000",
    ),  # fmt: skip
    # the press profile: only a CMYK output ICC profile is embedded
    Case(
        "/etc/passwd as profile",
        spec_edit("\nfonts:", "\npress: {profile: /etc/passwd}\nfonts:"),
        "spec",
        "press.profile",
        "ICC",
    ),  # fmt: skip
    # the article files
    Case("article !!int", article_edit("energy", "id: energy", "id: !!int energy"), "energy", "id"),
    Case(
        "article tab indent",
        article_edit("energy", "\nsubhead:", "\n\tsubhead:"),
        "energy",
        "",
        "tabs",
    ),
]


def _claiming(jpeg: bytes, width: int, height: int) -> bytes:
    """The JPEG ``jpeg`` with a frame header (SOF) that claims ``width`` × ``height`` pixels:
    a decompression bomb in a few hundred kilobytes, refused from its header."""
    data = bytearray(jpeg)
    at = next(data.index(m) for m in (b"\xff\xc0", b"\xff\xc2") if m in data)
    struct.pack_into(">HH", data, at + 5, height, width)
    return bytes(data)


def _first_error(err: str) -> re.Match[str]:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert lines, "no error printed"
    match = ERROR_LINE.match(lines[0])
    assert match, lines[0]
    return match


def _expected_file(project: Project, case: Case) -> Path:
    if case.file == "spec":
        return project.spec
    if case.file == "manifest":
        return project.manifest
    return project.article(case.file)


def _assert_clean_error(
    project: Project, case: Case, code: int, err: str, out: Path, cwd: Path | None = None
) -> None:
    assert code == EXIT_BAD_INPUT, err
    assert "Traceback" not in err, err
    first = _first_error(err)
    shown = (cwd or Path.cwd()) / first["file"]
    assert shown.resolve() == _expected_file(project, case).resolve(), first[0]
    rest = first["rest"]
    assert rest.startswith(case.key), f"{case.key!r} not first in {rest!r}"
    assert case.says in rest or case.says in err, (case.says, rest)
    assert not out.exists(), "a PDF was written for bad input"
    shown = err.replace(str(project.root), "")
    assert all(len(line) < 300 for line in shown.splitlines()), "a message quotes too much"
    assert "unknown style" not in err, "a follow-on error blames another key"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input_is_one_clean_error(case: Case, tmp_path: Path, capsys) -> None:
    project = Project.make(tmp_path)
    case.make(project)
    before = project.snapshot()
    out = tmp_path / "output" / "front.pdf"
    for args in (
        ["build", project.spec, "-o", out],
        ["build", project.spec, "--no-pdfx", "-o", out],
        ["check", project.spec],
        ["proof", project.spec, "-o", out],
    ):
        code = main([str(a) for a in args])
        _assert_clean_error(project, case, code, capsys.readouterr().err, out)
    assert project.snapshot() == before, "an input file changed"


@pytest.mark.parametrize("case", CASES[:3] + CASES[-4:-2], ids=lambda c: c.id)
def test_bad_input_through_a_real_process(case: Case, tmp_path: Path) -> None:
    project = Project.make(tmp_path)
    case.make(project)
    out = tmp_path / "output" / "front.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "layout", "build", str(project.spec), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    _assert_clean_error(project, case, done.returncode, done.stderr, out, cwd=tmp_path)


@pytest.mark.parametrize(
    "args",
    [
        ["proof", "SPEC", "--png", "nan"],
        ["proof", "SPEC", "--png", "0"],
        ["proof", "SPEC", "--png", "1e6"],
        ["proof", "SPEC", "--png", "many"],
        ["watch", "SPEC", "--png", "-1"],
    ],
)
def test_bad_arguments_are_usage_errors(args: list[str], tmp_path: Path, capsys) -> None:
    project = Project.make(tmp_path)
    with pytest.raises(SystemExit) as info:
        main([str(project.spec) if a == "SPEC" else a for a in args])
    assert info.value.code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "error: argument" in err and "Traceback" not in err
    assert not (tmp_path / "output").exists()


def test_a_bug_is_one_line_with_its_place_and_the_traceback_kept(tmp_path: Path, capsys) -> None:
    from layout.cli.errors import internal_error
    from layout.errors import EXIT_INTERNAL

    try:
        {}[""]  # noqa: B018 - the kind of bug issue 9 found in the photo box
    except KeyError as error:
        code = internal_error(error, debug=False)
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL
    assert err.count("\n") == 1 and "internal error (a bug in banmian" in err
    saved = Path(re.search(r"the traceback is in (\S+);", err)[1])
    assert "Traceback" in saved.read_text(encoding="utf-8") and "KeyError" in err
    saved.unlink()
    try:
        raise ValueError("x")
    except ValueError as error:
        internal_error(error, debug=True)
    assert "Traceback (most recent call last)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "target",
    ["spec", "article", "photo", "manifest", "font", "folder", "fifo", "dev-null"],
)
def test_an_input_a_folder_or_a_device_is_never_an_output(
    target: str, tmp_path: Path, capsys
) -> None:
    project = Project.make(tmp_path)
    paths = {
        "spec": project.spec,
        "article": project.article("energy"),
        "photo": project.photo,
        "manifest": project.manifest,
        "font": REPO / "fonts" / "NotoSerifSC-Regular.ttf",
        "folder": tmp_path / "articles",
        "fifo": tmp_path / "pipe.pdf",
        "dev-null": Path("/dev/null"),
    }
    if target == "fifo":
        os.mkfifo(paths["fifo"])
    before = project.snapshot()
    font_before = hashlib.sha256(paths["font"].read_bytes()).hexdigest()
    for command in ("build", "proof"):
        code = main([command, str(project.spec), "-o", str(paths[target])])
        err = capsys.readouterr().err
        assert code == EXIT_BAD_INPUT, err
        assert err.count("\n") == 1 and "Traceback" not in err
    assert project.snapshot() == before
    assert hashlib.sha256(paths["font"].read_bytes()).hexdigest() == font_before
    assert Path("/dev/null").is_char_device()


def test_a_path_under_a_file_cannot_be_written(tmp_path: Path, capsys) -> None:
    from layout.errors import EXIT_WRITE_FAILED

    project = Project.make(tmp_path)
    code = main(["build", str(project.spec), "-o", str(project.photo / "page.pdf")])
    err = capsys.readouterr().err
    assert code == EXIT_WRITE_FAILED and err.count("\n") == 1 and "Traceback" not in err
