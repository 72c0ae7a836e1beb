"""layout.notes: a note goes to the function set for the context, else to the logger."""

from __future__ import annotations

import contextvars
import logging

import pytest

from layout.notes import NOTES, note


def test_without_a_console_a_note_is_logged_at_info(caplog: pytest.LogCaptureFixture) -> None:
    def logged() -> None:
        with caplog.at_level(logging.INFO, logger="layout.fonts"):
            note("layout.fonts", "converted a.otf (CFF) to TrueType: 1.0 s, cached in x")

    contextvars.Context().run(logged)  # a context where no command set NOTES
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("layout.fonts", logging.INFO, "converted a.otf (CFF) to TrueType: 1.0 s, cached in x")
    ]


def test_with_a_console_a_note_is_shown_there_only(caplog: pytest.LogCaptureFixture) -> None:
    shown: list[str] = []

    def noted() -> None:
        NOTES.set(shown.append)
        with caplog.at_level(logging.INFO, logger="layout.fonts"):
            note("layout.fonts", "50% done")  # the text as it is, not a format

    contextvars.Context().run(noted)
    assert shown == ["50% done"] and not caplog.records
    assert NOTES.get() is not shown.append  # set in that context only


def test_a_command_sets_its_console_for_its_run_only(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from layout import cli
    from layout.cli import commands

    seen: list[object] = []

    def run(args: object, con: object) -> int:
        seen.append((NOTES.get(), con))
        return 0

    def command() -> None:
        fonts = commands.COMMANDS["fonts"]
        monkeypatch.setattr(
            cli, "COMMANDS", {**commands.COMMANDS, "fonts": fonts._replace(run=run)}
        )
        assert cli.main(["fonts"]) == 0
        assert NOTES.get() is None  # restored: a later build in the process logs its notes

    contextvars.Context().run(command)
    ((shown, con),) = seen
    assert callable(shown) and con.note is not None  # type: ignore[attr-defined]
    capsys.readouterr()
    # On the command's console, each note once (a cache folder not writable, of every photo).
    for text in ("the cache folder x cannot be written", "a font converted", "a font converted"):
        shown(text)
    assert capsys.readouterr().err.splitlines() == [
        "note: the cache folder x cannot be written",
        "note: a font converted",
    ]
