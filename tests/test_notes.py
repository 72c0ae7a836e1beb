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
