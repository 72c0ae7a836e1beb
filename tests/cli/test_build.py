"""banmian build --format offers only what it writes: each choice the parser offers makes a
file of that format on standard output, and SVG, which banmian does not write, is not offered
and is refused with its reason (exit 2, nothing written). Page images, of build and of
proof's --png, are written all or none."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from layout.cli import main
from layout.cli.parser import parser
from layout.errors import EXIT_BAD_INPUT
from layout.formats import SVG_REFUSED
from layout.init import init_project

# What a file of each format begins with.
MAGIC = {"pdf": b"%PDF-", "png": b"\x89PNG\r\n\x1a\n"}


def format_choices() -> dict[str, list[str]]:
    """Per command, the choices of its ``-f``/``--format`` (none: the command has none)."""
    top = parser()
    (sub,) = (a for a in top._actions if isinstance(a, argparse._SubParsersAction))
    return {
        name: list(action.choices)
        for name, command in sub.choices.items()
        for action in command._actions
        if "--format" in action.option_strings and action.choices is not None
    }


def test_only_build_has_a_format_and_it_offers_pdf_and_png() -> None:
    assert format_choices() == {"build": ["pdf", "png"]}


@pytest.mark.parametrize("choice", format_choices()["build"])
def test_every_format_offered_is_written(choice: str, tmp_path: Path) -> None:
    project = init_project(tmp_path / "proj")
    before = sorted(project.folder.iterdir())
    piped = subprocess.run(
        [sys.executable, "-m", "layout", "build", "proj/front.yaml", "-o", "-", "-f", choice]
        + (["--ppi", "10"] if choice == "png" else []),
        cwd=tmp_path,
        capture_output=True,
        check=True,
        timeout=300,
    )
    assert piped.stdout.startswith(MAGIC[choice])
    assert f"wrote standard output ({choice.upper()}".encode() in piped.stderr
    assert sorted(project.folder.iterdir()) == before  # standard output, no file


def test_svg_is_not_offered_and_is_refused_with_its_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = init_project(tmp_path / "proj")
    before = sorted(project.folder.iterdir())
    with pytest.raises(SystemExit) as exited:
        main(["build", str(project.folder / "front.yaml"), "-o", "-", "-f", "svg"])
    assert exited.value.code == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "[-f {pdf,png}]" in err  # the usage line offers what is written
    assert f"argument -f/--format: {SVG_REFUSED}" in err
    assert sorted(project.folder.iterdir()) == before


def test_the_output_help_names_the_page_number_template(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["build", "--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "{p} in the name is the page number" in help_text and "-o out/page-{p}.png" in help_text


REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("command", ["build", "proof"])
def test_page_images_are_written_all_or_none(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    import errno
    import os

    from layout import output
    from layout.errors import EXIT_WRITE_FAILED

    spec = REPO / "page_specs" / "edition.yaml"
    folder = tmp_path / "img"
    folder.mkdir()
    if command == "build":
        args = ["build", str(spec), "--ppi", "20", "-o", str(folder / "page-{p}.png")]
        images = [folder / f"page-{n}.png" for n in (1, 2, 3, 4)]
    else:
        args = ["proof", str(spec), "--png", "20", "-o", str(folder / "proof.pdf")]
        images = [folder / f"proof-{n}.png" for n in (1, 2, 3, 4)]
    for image in images:
        image.write_bytes(b"old")
    staged: list[Path] = []
    real_stage = output._stage

    def stage(path, *rest):
        if path.suffix == ".png":
            staged.append(path)
            if len(staged) == 3:  # the third page's image: the disk is full
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_stage(path, *rest)

    monkeypatch.setattr(output, "_stage", stage)
    code = main(args)
    err = capsys.readouterr().err
    assert code == EXIT_WRITE_FAILED, err
    assert "the disk is full (ENOSPC); none of the 4 files was written" in err
    assert [image.read_bytes() for image in images] == [b"old"] * 4  # not two new, two old
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


@pytest.mark.parametrize("mode", [[], ["--no-pdfx"]])
def test_a_cache_that_cannot_be_written_fails_no_build(
    mode: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """A cache folder that cannot be written (a file in its way) is no failure: the page
    with its photo (converted, or cropped for the proof colours) is built, the same bytes
    as with a writable cache, and one note on standard error says the cache folder is not
    writable."""
    project = init_project(tmp_path / "proj")
    spec = str(project.folder / "front.yaml")
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    assert main(["build", spec, "-o", str(tmp_path / "kept.pdf"), *mode]) == 0
    capsys.readouterr()
    (tmp_path / "blocker").write_bytes(b"not a folder")
    blocked = tmp_path / "blocker" / "cache"
    monkeypatch.setenv("BANMIAN_CACHE", str(blocked))
    assert main(["build", spec, "-o", str(tmp_path / "blocked.pdf"), *mode]) == 0
    err = capsys.readouterr().err
    assert (tmp_path / "blocked.pdf").read_bytes() == (tmp_path / "kept.pdf").read_bytes()
    notes = [line for line in err.splitlines() if "cannot be written" in line]
    assert len(notes) == 1  # the press version, or the proof colours' crop
    assert notes[0].startswith(f"note: the cache folder {blocked} cannot be written")
