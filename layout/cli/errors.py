"""How a command's failure reaches the user: one line (or one a bad-input error) on standard
error and the exit code (``layout.errors``).

Contract: :func:`reported` runs a command and turns what it raises into its exit code: bad
input (``SpecErrors``, ``SpecError``) 2, an output that could not be written its
``OutputError.exit_code``, a page of an edition that crashed or any other exception (a bug)
70 with one line naming the place and the traceback kept in a file (on standard error with
``--debug`` or ``BANMIAN_DEBUG``), Ctrl-C 130 (the line names the files put in place before
it: :data:`layout.output.WRITTEN`), standard output closed by its reader 141.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from ..errors import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    OutputError,
    PageErrors,
    PageFailed,
    SpecError,
    SpecErrors,
    display_path,
)
from ..output import WRITTEN

# The package's own folder (layout/): the place of a bug is the innermost frame in it.
_PACKAGE = Path(__file__).resolve().parents[1]


def reported(command: Callable[[], int], args: argparse.Namespace) -> int:
    """``command()``'s exit code, or the exit code of what it raised, reported."""
    written: list[Path] = []  # what the command put in place (layout.output.WRITTEN)
    token = WRITTEN.set(written)
    try:
        return _reported(command, args, written)
    finally:
        WRITTEN.reset(token)


def _reported(command: Callable[[], int], args: argparse.Namespace, written: list[Path]) -> int:
    try:
        return command()
    except SpecErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        summary = errors.summary() if isinstance(errors, PageErrors) else None
        if summary is not None:
            print(f"banmian: {summary}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SpecError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputError as error:
        print(f"banmian: cannot write {error}", file=sys.stderr)
        return error.exit_code
    except PageFailed as failed:
        return page_failed(failed, _debug(args))
    except KeyboardInterrupt:
        print(f"banmian: interrupted; {interrupted_after(written)}", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of standard output went away (| head): no bug. Python's own advice
        # (the signal module's "Note on SIGPIPE"): point standard output at devnull so that
        # the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as error:  # a bug: one line, the traceback kept aside
        return internal_error(error, _debug(args))


def interrupted_after(written: Sequence[Path]) -> str:
    """What an interrupted command leaves: the files it put in place (each complete: a file
    is renamed into place whole, an edition's files all together), or nothing."""
    if not written:
        return "nothing written"
    files = ", ".join(display_path(p) for p in written)
    return f"wrote {files} before it (each complete); nothing else written"


def _debug(args: argparse.Namespace) -> bool:
    return getattr(args, "debug", False) or bool(os.environ.get("BANMIAN_DEBUG"))


def internal_error(error: Exception, debug: bool) -> int:
    """Report an unexpected exception as a bug: one line with the innermost place in
    banmian's own code; the traceback on standard error (``debug``) or in a file."""
    import traceback  # a crash's (as datetime and tempfile below): not loaded for every run

    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    place = (ours or frames)[-1] if frames else None
    where = ""
    if place is not None:
        try:
            shown = Path(place.filename).resolve().relative_to(_PACKAGE.parent)
        except ValueError:
            shown = Path(place.filename)
        where = f" at {shown}:{place.lineno} in {place.name}"
    text = "".join(traceback.format_exception(error))
    summary = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    if debug:
        sys.stderr.write(text)
        kept = "the traceback is above"
    else:
        kept = f"the traceback is in {_save_traceback(text)}; --debug prints it"
    print(
        f"banmian: internal error (a bug in banmian, not in your input): {summary}{where}; "
        f"{kept}; nothing was written",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def page_failed(failed: PageFailed, debug: bool) -> int:
    """A page of an edition that crashed (a bug): one line naming the page."""
    if debug:
        sys.stderr.write(failed.trace)
        kept = "the traceback is above"
    else:
        kept = f"the traceback is in {_save_traceback(failed.trace)}; --debug prints it"
    print(
        f"banmian: internal error (a bug in banmian, not in your input) on page "
        f"{failed.number} ({failed.spec}): {failed.summary}; {kept}; nothing was written",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _save_traceback(text: str) -> str:
    import datetime
    import tempfile

    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        fd, name = tempfile.mkstemp(prefix=f"banmian-crash-{stamp}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        return name
    except OSError:
        return "(no file: the temporary folder is not writable)"
