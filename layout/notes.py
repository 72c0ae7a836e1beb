"""Notes that a layer below the command line has for the user — a font of one's own
converted, and how long it took — and where they go.

Contract: :data:`NOTES` holds, in the running context, the function that shows a note (a
command's console: :func:`layout.cli.printing.font_notes` sets it), or None; :func:`note`
calls it with the note's text and, where none is set (banmian used as a library, a test), logs
the text on the named logger at INFO instead. ``logging`` is imported only then: a command
never loads it (with ``traceback`` and ``string`` it is ≈ 18 M instructions of a cold
build's imports; issue 16).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

NOTES: ContextVar[Callable[[str], None] | None] = ContextVar("layout.notes", default=None)


def note(logger: str, text: str) -> None:
    """Show ``text`` through :data:`NOTES`, else log it on ``logger`` at INFO."""
    show = NOTES.get()
    if show is not None:
        show(text)
        return
    import logging  # here: see the module docstring

    logging.getLogger(logger).info("%s", text)
