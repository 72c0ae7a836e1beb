"""banmian build --format offers only what it writes: each choice the parser offers makes a
file of that format on standard output, and SVG, which banmian does not write, is not offered
and is refused with its reason (exit 2, nothing written)."""

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
