"""The command line: ``banmian build | check`` (and its twin ``python -m layout``).

Exit codes: 0 done; 1 problems that spoil print under ``--strict``; 2 bad input, one line per
error (file:line:column: key path: message) and nothing written. The specs here are the sample
front page with one edit, written to tmp_path with absolute paths to the repo's articles and
fonts; the builds that do run use one small box, so they are fast.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pypdfium2
import pytest

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, EXIT_PROBLEMS
from layout.fonts import library

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
# The front page with the shared parts written out: for tests that edit a spec's text.
FRONT_TEXT = REPO / "tests" / "fixtures" / "front-standalone.yaml"
ARTICLES = REPO / "articles"
MANIFEST = REPO / "fonts" / "manifest.yaml"

BASE = (
    FRONT_TEXT.read_text(encoding="utf-8")
    .replace("articles: ../../articles", f"articles: {ARTICLES}")
    .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {MANIFEST}")
)
assert str(ARTICLES) in BASE and str(MANIFEST) in BASE

# One error line: file:line:column: key path: message
ERROR_LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<rest>.+)$")


def edit(old: str, new: str, text: str = BASE) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def only_boxes(text: str, boxes: str) -> str:
    """The spec with its ``boxes:`` list replaced (a one-box page builds in a blink)."""
    head = text[: text.index("\nboxes:")]
    return f"{head}\nboxes:\n{boxes}"


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def pdf_pages(path: Path) -> int:
    doc = pypdfium2.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


# --------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    ("command", "words"),
    [
        ("build", ["SPEC", "--output", "--strict", "--first-fit", "--timings", "PDF"]),
        ("check", ["SPEC", "file:line:column"]),
    ],
)
def test_subcommand_help_explains_itself(capsys, command: str, words: list[str]):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: banmian {command}")
    for word in words:
        assert word in out, word


def test_top_level_help_lists_the_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "build" in out and "check" in out


def test_no_command_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert "usage: banmian" in capsys.readouterr().err


def test_python_dash_m_layout_help():
    done = subprocess.run(
        [sys.executable, "-m", "layout", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "build" in done.stdout and "check" in done.stdout


def test_banmian_script_help():
    exe = shutil.which("banmian")
    if exe is None:
        pytest.skip("the banmian script is not on PATH (pip install -e .)")
    done = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: banmian")


# --------------------------------------------------------------------------- check


def test_version(capsys):
    from layout import __version__

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"banmian {__version__}"


@pytest.mark.parametrize("name", ["page", "edition.PDF.txt"])
def test_an_output_of_no_known_format_is_refused_before_any_work(capsys, tmp_path: Path, name):
    # Never a PDF under another name (tests/test_formats.py: .png, .svg, templates).
    for spec in ("front.yaml", "edition.yaml"):
        out = tmp_path / name
        assert main(["build", str(REPO / "page_specs" / spec), "-o", str(out)]) == EXIT_BAD_INPUT
        err = capsys.readouterr().err
        assert "the output's extension names its format, .pdf or .png" in err
        assert list(tmp_path.iterdir()) == []


def test_dash_writes_the_pdf_to_standard_output(tmp_path: Path):
    # The same bytes as a file build; the report on standard error, nothing written beside.
    spec = REPO / "page_specs" / "front.yaml"
    piped = subprocess.run(
        [sys.executable, "-m", "layout", "build", str(spec), "-o", "-"],
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=300,
    )
    assert b"wrote standard output" in piped.stderr
    assert main(["build", str(spec), "-o", str(tmp_path / "file.pdf")]) == 0
    assert piped.stdout == (tmp_path / "file.pdf").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.pdf"]  # no cache here either


def test_check_the_sample_front_page(capsys):
    code, out, err = cli(capsys, "check", FRONT)
    assert code == 0, err
    # nothing but, on a machine without tools/setup.sh's fonts-hanazono, the one warning
    absent = library(MANIFEST).absent_message()
    assert err == ("" if absent is None else f"warning: font-not-installed: {absent}\n")
    assert "ok" in out and "10 boxes" in out


# --------------------------------------------------------------------------- bad input


def _missing_image(tmp_path: Path) -> tuple[str, Path, int]:
    articles = tmp_path / "articles"
    shutil.copytree(ARTICLES, articles)
    cherries = articles / "cherries.yaml"
    text = cherries.read_text(encoding="utf-8")
    old = "file: ../images/ladybird-mate-backgrounds.jpg"
    cherries.write_text(
        edit(old, f"file: {REPO / 'images' / 'no-such-picture.jpg'}", text), encoding="utf-8"
    )
    spec = edit(f"articles: {ARTICLES}", f"articles: {articles}")
    return spec, cherries, line_of(text, old)


# (id, edit of BASE, key path, words of the message); the error is on the edited line
BAD_INPUT = [
    (
        "unknown-key",
        ("  bleed: 3mm", "  bled: 3mm"),
        "page.bled",
        ["unknown key 'bled'", "did you mean 'bleed'"],
    ),
    (
        "wrong-type",
        ("  columns: 8 ", "  columns: eight "),
        "grid.columns",
        ["expected an integer", "'eight'"],
    ),
    (
        "unknown-article",
        ("article: jinshan", "article: jinshang"),
        "boxes[5].article",
        ["unknown article 'jinshang'", "did you mean 'jinshan'"],
    ),
    (
        "unknown-font-role",
        ("body:        {font: song,", "body:        {font: sung,"),
        "styles.body.font",
        ["unknown font role 'sung'", "did you mean 'song'"],
    ),
    (
        "box-below-the-type-area",
        ("line: 86, lines: 19}", "line: 86, lines: 25}"),
        "boxes[8].at.lines",
        ["got 25", "runs past the type area"],
    ),
    (
        "box-beside-the-type-area",
        (
            "at: {column: 6, span: 3, line: 11, lines: 34}",
            "at: {column: 7, span: 3, line: 11, lines: 34}",
        ),
        "boxes[3].at.span",
        ["got 3", "runs past the type area"],
    ),
    (
        "overlapping-boxes",
        (
            "at: {column: 5, span: 4, line: 63, lines: 23}",
            "at: {column: 4, span: 4, line: 63, lines: 20}",
        ),
        "boxes[6].at",
        ["overlaps box 'jinshan'"],
    ),
]


def assert_nothing_written(out_dir: Path) -> None:
    assert list(out_dir.iterdir()) == [], "a failed build left files behind"


@pytest.mark.parametrize(
    ("old_new", "key_path", "words"),
    [case[1:] for case in BAD_INPUT],
    ids=[case[0] for case in BAD_INPUT],
)
def test_bad_spec_exits_2_with_one_positioned_line(
    capsys, tmp_path: Path, old_new: tuple[str, str], key_path: str, words: list[str]
):
    text = edit(*old_new)
    spec = tmp_path / "page.yaml"
    spec.write_text(text, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    pdf = out_dir / "page.pdf"

    for args in (("build", spec, "-o", pdf), ("build", spec, "--strict", "-o", pdf)):
        code, out, err = cli(capsys, *args)
        assert code == EXIT_BAD_INPUT, err
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1, err
        m = ERROR_LINE.match(lines[0])
        assert m, lines[0]
        assert Path(m["file"]).resolve() == spec.resolve()
        assert int(m["line"]) == line_of(text, old_new[1].strip()), lines[0]
        assert int(m["column"]) >= 1
        assert m["rest"].startswith(f"{key_path}: "), lines[0]
        for word in words:
            assert word in m["rest"], lines[0]
        assert not pdf.exists()
        assert_nothing_written(out_dir)

    code, out, err = cli(capsys, "check", spec)
    assert code == EXIT_BAD_INPUT
    assert out == "" and err.splitlines() == lines


def test_malformed_yaml(capsys, tmp_path: Path):
    text = edit("  bleed: 3mm\n", "  bleed: [3mm\n")
    spec = tmp_path / "page.yaml"
    spec.write_text(text, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = cli(capsys, "build", spec, "-o", out_dir / "page.pdf")
    assert code == EXIT_BAD_INPUT
    assert out == ""
    (line,) = err.splitlines()
    m = ERROR_LINE.match(line)
    assert m, line
    assert Path(m["file"]).resolve() == spec.resolve()
    # the parser notices on the line after the unclosed bracket at the latest
    assert int(m["line"]) in (line_of(text, "bleed: ["), line_of(text, "bleed: [") + 1), line
    assert "YAML" in m["rest"]
    assert_nothing_written(out_dir)
    assert cli(capsys, "check", spec)[0] == EXIT_BAD_INPUT


def test_missing_image_is_reported_in_the_article_file(capsys, tmp_path: Path):
    text, cherries, line = _missing_image(tmp_path)
    spec = tmp_path / "page.yaml"
    spec.write_text(text, encoding="utf-8")
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = cli(capsys, "build", spec, "-o", out_dir / "page.pdf")
    assert code == EXIT_BAD_INPUT
    assert out == ""
    (error,) = err.splitlines()
    m = ERROR_LINE.match(error)
    assert m, error
    assert Path(m["file"]).resolve() == cherries.resolve()
    assert int(m["line"]) == line
    assert m["rest"].startswith("photos[0].file: "), error
    assert "no-such-picture.jpg" in error and "does not exist" in error
    assert "'photo'" in error  # the box that places it
    assert_nothing_written(out_dir)
    assert cli(capsys, "check", spec)[0] == EXIT_BAD_INPUT


def test_every_error_gets_its_own_line(capsys, tmp_path: Path):
    text = edit("  columns: 8 ", "  columns: eight ", edit("  bleed: 3mm", "  bled: 3mm"))
    spec = tmp_path / "page.yaml"
    spec.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "check", spec)
    assert code == EXIT_BAD_INPUT
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert all(ERROR_LINE.match(line) for line in lines)
    assert [int(ERROR_LINE.match(line)["line"]) for line in lines] == [
        line_of(text, "bled:"),
        line_of(text, "columns: eight"),
    ]


def test_missing_spec_file(capsys, tmp_path: Path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    code, out, err = cli(capsys, "build", tmp_path / "nope.yaml", "-o", out_dir / "p.pdf")
    assert code == EXIT_BAD_INPUT
    assert len(err.splitlines()) == 1 and "nope.yaml" in err
    assert_nothing_written(out_dir)


# --------------------------------------------------------------------------- problems


SMALL_LABOUR = """\
  - id: small
    kind: article
    article: labour
    at: {column: 1, span: 2, line: 1, lines: 12}
    headline: {lines: 6}
"""


def test_overset_is_reported_and_strict_exits_1(capsys, tmp_path: Path):
    spec = tmp_path / "overset.yaml"
    spec.write_text(only_boxes(BASE, SMALL_LABOUR), encoding="utf-8")
    pdf = tmp_path / "out" / "overset.pdf"

    code, out, err = cli(capsys, "build", spec, "-o", pdf, "--timings")
    assert code == 0, err
    overset = [line for line in err.splitlines() if "overset" in line]
    assert len(overset) == 1, err
    assert "box small" in overset[0] and "article labour" in overset[0]
    assert overset[0].startswith("error: overset: ")
    assert re.search(r"cut \d+ characters", overset[0])
    assert f"wrote {pdf}" in out
    assert "layout" in out and "pdf" in out and " ms" in out  # --timings
    assert re.search(r"^  breaker +(compiled|python)$", out, re.MULTILINE), out  # which ran
    assert re.search(r"^  loops +(compiled|python)$", out, re.MULTILINE), out
    assert pdf_pages(pdf) == 1
    first = pdf.read_bytes()
    pdf.unlink()

    code, out, err = cli(capsys, "build", spec, "-o", pdf, "--strict")
    assert code == 1, err
    assert "overset" in err and "box small" in err and "article labour" in err
    # the page is still written: a valid page, the exit code says there is a problem
    assert pdf.read_bytes() == first
    assert sorted(p.name for p in pdf.parent.iterdir()) == ["overset.pdf"]


GHOST_CHAR = "\U00030000"  # CJK Ext. G: no font of the sample manifest has it

GHOST = f"""\
id: ghost
headline: 无字之字
body:
- 平湖今日天气晴朗。
- 这一段有一个字体里没有的字：{GHOST_CHAR}，应当报告出来。
"""


def test_missing_glyph_is_reported_with_article_and_paragraph(
    capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    fonts = library(MANIFEST)
    assert not any(fonts.face(face).has(GHOST_CHAR) for face in fonts.face_infos)
    (tmp_path / "ghost.yaml").write_text(GHOST, encoding="utf-8")
    text = edit(f"articles: {ARTICLES}", f"articles: [{tmp_path / 'ghost.yaml'}]")
    text = only_boxes(
        text,
        "  - id: story\n    kind: article\n    article: ghost\n"
        "    at: {column: 1, span: 4, line: 1, lines: 12}\n    headline: {lines: 4}\n",
    )
    spec = tmp_path / "ghost-page.yaml"
    spec.write_text(text, encoding="utf-8")
    assert cli(capsys, "check", spec)[0] == 0  # the spec is fine: the problem is in setting

    # no -o: <spec name>.pdf beside the spec, wherever the command is run from
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    code, out, err = cli(capsys, "build", spec)
    assert code == 0, err
    pdf = tmp_path / "ghost-page.pdf"
    assert list(elsewhere.iterdir()) == []
    assert pdf_pages(pdf) == 1
    missing = [line for line in err.splitlines() if "missing-glyph" in line]
    assert len(missing) == 1, err
    assert missing[0].startswith("error: missing-glyph: ")
    assert "article ghost" in missing[0] and "paragraph 2" in missing[0]
    assert "box story" in missing[0]
    assert "U+30000" in missing[0].upper()

    pdf.unlink()
    code, out, err = cli(capsys, "build", spec, "--strict")
    assert code == 1
    assert "missing-glyph" in err and "paragraph 2" in err
    assert pdf_pages(pdf) == 1


# --------------------------------------------------------------------------- exit codes


def test_the_exit_codes_are_distinct_and_documented(capsys):
    from layout import errors

    codes = {name: getattr(errors, name) for name in dir(errors) if name.startswith("EXIT_")}
    assert len(set(codes.values())) == len(codes), codes
    assert codes == {
        "EXIT_OK": 0,
        "EXIT_PROBLEMS": 1,
        "EXIT_BAD_INPUT": 2,
        "EXIT_WRITE_FAILED": 3,
        "EXIT_INTERNAL": 70,
        "EXIT_INTERRUPTED": 130,
        "EXIT_BROKEN_PIPE": 141,
    }
    reference = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    for code in codes.values():
        assert re.search(rf"^\| {code} \|", reference, re.MULTILINE), code
    with pytest.raises(SystemExit):
        main(["--help"])
    epilog = " ".join(capsys.readouterr().out.split())
    for code in codes.values():
        assert re.search(rf"\b{code} [a-z-]", epilog), code


def test_exit_3_when_the_output_cannot_be_written(capsys, tmp_path: Path):
    from layout.errors import EXIT_WRITE_FAILED

    spec = tmp_path / "small.yaml"
    spec.write_text(only_boxes(BASE, SMALL_LABOUR), encoding="utf-8")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code, out, err = cli(capsys, "build", spec, "-o", blocker / "page.pdf")
    assert code == EXIT_WRITE_FAILED
    assert "a folder on the path is a file" in err and out == ""
    assert blocker.read_text(encoding="utf-8") == "not a folder"


def test_exit_141_when_the_reader_of_standard_output_goes_away(tmp_path: Path):
    from layout.errors import EXIT_BROKEN_PIPE

    spec = tmp_path / "small.yaml"
    spec.write_text(only_boxes(BASE, SMALL_LABOUR), encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "layout", "build", str(spec), "-o", "-"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
    ) as child:
        child.stdout.close()  # gone before the page is written to it
        err = child.stderr.read()
        code = child.wait(timeout=300)
    assert code == EXIT_BROKEN_PIPE, err
    assert b"internal error" not in err and b"Traceback" not in err


def test_exit_1_is_also_fit_finding_no_fit(capsys, tmp_path: Path):
    # the labour story in a box far too small: no change within the (absent) limits helps
    spec = tmp_path / "small.yaml"
    spec.write_text(only_boxes(BASE, SMALL_LABOUR), encoding="utf-8")
    code, out, _ = cli(capsys, "fit", spec, "-o", tmp_path / "fitted.yaml")
    assert code == EXIT_PROBLEMS
    assert "no page within the limits fits" in out
