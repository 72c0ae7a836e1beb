"""How a command's failure reaches the user (``layout.cli.errors``): an interrupted command
names the files it put in place before it."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from layout.cli.errors import interrupted_after, reported
from layout.errors import EXIT_INTERRUPTED
from layout.output import WRITTEN, write_file, write_files


def interrupted_command(*writes: Path):
    """A command that writes ``writes`` (each its own file), then is interrupted."""

    def command() -> int:
        for path in writes:
            write_file(path, b"page")
        raise KeyboardInterrupt

    return command


def test_an_interrupt_before_any_write_says_nothing_was_written(capsys) -> None:
    assert reported(interrupted_command(), argparse.Namespace()) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == "banmian: interrupted; nothing written\n"


def test_an_interrupt_after_writes_names_the_files_written(tmp_path: Path, capsys) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    command = interrupted_command(first, second)
    assert reported(command, argparse.Namespace()) == EXIT_INTERRUPTED
    err = capsys.readouterr().err
    assert err == (
        f"banmian: interrupted; wrote {first}, {second} before it (each complete); "
        "nothing else written\n"
    )
    assert WRITTEN.get() is None  # the command's list is not kept past it


def test_the_files_of_a_cache_are_not_named(tmp_path: Path, capsys) -> None:
    def command() -> int:
        write_file(tmp_path / "cache-entry", b"kept", listed=False)
        raise KeyboardInterrupt

    assert reported(command, argparse.Namespace()) == EXIT_INTERRUPTED
    assert capsys.readouterr().err.endswith("interrupted; nothing written\n")


def test_files_written_together_are_named_together(tmp_path: Path, capsys) -> None:
    paths = [tmp_path / "edition-p01.pdf", tmp_path / "edition.pdf"]

    def command() -> int:
        write_files([(p, b"pdf") for p in paths])
        raise KeyboardInterrupt

    assert reported(command, argparse.Namespace()) == EXIT_INTERRUPTED
    assert f"wrote {paths[0]}, {paths[1]} before it" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("written", "said"),
    [([], "nothing written"), ([Path("x.pdf")], "wrote x.pdf before it (each complete)")],
)
def test_interrupted_after(written: list[Path], said: str) -> None:
    assert interrupted_after(written).startswith(said)
