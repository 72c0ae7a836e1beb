"""Errors for bad input: every one carries file:line:column, a key path and a message.

The CLI prints one line per error (``str(error)``) and exits with :data:`EXIT_BAD_INPUT`.
Its exit codes, all in one place:

- :data:`EXIT_OK` 0: done (problems on the page are listed, and do not fail the build);
- :data:`EXIT_PROBLEMS` 1: ``--strict`` and a problem that would spoil print;
- :data:`EXIT_BAD_INPUT` 2: bad input: the spec, an article, the fonts, an image, the command
  line, or an output path that is one of the inputs or not a regular file; nothing written;
- :data:`EXIT_WRITE_FAILED` 3: the output could not be written (disk full, permission
  denied, a folder that is a file); the previous output is left as it was;
- :data:`EXIT_INTERNAL` 70: a bug in banmian (``EX_SOFTWARE`` of sysexits.h), reported in one
  line with the place it happened; the traceback goes to a file, or with ``--debug`` to
  standard error;
- :data:`EXIT_INTERRUPTED` 130: Ctrl-C (128 + SIGINT, as shells report it); nothing written;
- :data:`EXIT_BROKEN_PIPE` 141: the reader of standard output went away (``| head``; 128 +
  SIGPIPE).

``fit`` uses :data:`EXIT_PROBLEMS` for "no page within the limits fits". ``docs/cli.md``
lists them for users.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from .records import NamedTuple

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_BAD_INPUT = 2
EXIT_WRITE_FAILED = 3
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141


def display_path(path: Path) -> str:
    """``path`` as shown in messages: relative to the working directory when inside it."""
    try:
        resolved = Path(os.path.abspath(path))
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# Ideographs of Unicode 15.0 and 15.1 (CJK Extensions H and I) that Python 3.11's Unicode
# 14.0 database does not know, so that ``str.isprintable`` says no and ``repr`` escapes them;
# a reader sees them as the 汉字 they are (a rare name character in a report).
_NEW_IDEOGRAPHS = ((0x31350, 0x323AF), (0x2EBF0, 0x2EE5D))


def quoted(text: str) -> str:
    """``text`` in quotes for a message, as ``repr`` quotes it (invisible and control
    characters escaped, ``'\\x01'``), but with every ideograph shown as itself."""
    if text.isprintable():
        return repr(text)
    pieces = []
    for ch in text:
        code = ord(ch)
        if any(low <= code <= high for low, high in _NEW_IDEOGRAPHS):
            pieces.append(ch)
        else:
            pieces.append(repr(ch)[1:-1] if ch not in "'\"" else ch)
    body = "".join(pieces)
    if "'" in body and '"' not in body:
        return '"' + body + '"'
    return "'" + body.replace("'", "\\'") + "'"


def blank_characters(text: str) -> str:
    """The characters of ``text``, white space only, as a reader can be told them:
    ``U+3000 ×2``, ``U+00A0``, ``U+0020 ×3, U+3000``."""
    counts: dict[str, int] = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    return ", ".join(f"U+{ord(ch):04X}" + (f" ×{n}" if n > 1 else "") for ch, n in counts.items())


class SourcePos(NamedTuple):
    """A place in a source file; ``line`` and ``column`` are 1-based."""

    file: Path
    line: int
    column: int

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.line}:{self.column}"


class SpecError(Exception):
    """One problem in a page spec or article record.

    ``str(error)`` is one line: ``page_specs/front.yaml:41:18: boxes[2].at.column: expected an
    integer 1–8, got 9``. ``message`` is the text after the key path; ``expected`` names what
    would have been accepted (for tools), when that makes sense.
    """

    def __init__(
        self,
        message: str,
        *,
        pos: SourcePos | None = None,
        key_path: str = "",
        expected: str | None = None,
    ) -> None:
        super().__init__(message)
        self.pos = pos
        self.key_path = key_path
        self.message = message
        self.expected = expected

    def __str__(self) -> str:
        parts = []
        if self.pos is not None:
            parts.append(str(self.pos))
        if self.key_path:
            parts.append(self.key_path)
        parts.append(" ".join(self.message.split("\n")))
        return ": ".join(parts)

    def __repr__(self) -> str:
        return f"SpecError({str(self)!r})"


# A folder of records as a load listed it: the folder and the names of the files it read
# there (``None``: there was no folder). ``banmian watch`` compares it with the folder as it
# is now, to see a record added, removed or renamed.
FolderListing = tuple[Path, tuple[str, ...] | None]


class SpecErrors(Exception):
    """All the problems found in one validation run (validation never stops at the first).
    ``listed``: the folders of records the run had listed when it failed (a new record in one
    may be what fixes it, or what broke it), for ``banmian watch`` to watch."""

    def __init__(self, errors: Iterable[SpecError], listed: Iterable[FolderListing] = ()) -> None:
        self.errors: list[SpecError] = list(errors)
        self.listed: tuple[FolderListing, ...] = tuple(listed)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    def __iter__(self):
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)


class PageErrors(SpecErrors):
    """The errors of an edition's input, and the pages (number, page spec) whose input they
    spoil, for the line that names them after the errors."""

    def __init__(
        self,
        errors: Iterable[SpecError],
        pages: Iterable[tuple[int, Path]],
        listed: Iterable[FolderListing] = (),
    ) -> None:
        super().__init__(errors, listed)
        self.pages: tuple[tuple[int, Path], ...] = tuple(pages)

    def summary(self) -> str | None:
        """``bad input on page 3 (page_specs/culture.yaml); nothing written``, or None."""
        if not self.pages:
            return None
        named = ", ".join(f"{n} ({display_path(p)})" for n, p in self.pages)
        return f"bad input on page{'s' * (len(self.pages) > 1)} {named}; nothing written"


class OutputError(Exception):
    """The output cannot be written where it was asked for.

    ``refused`` (exit :data:`EXIT_BAD_INPUT`): the path itself is wrong before anything is
    written (one of the build's inputs, a folder, a device); otherwise (exit
    :data:`EXIT_WRITE_FAILED`) writing failed (disk full, permission denied) and whatever was
    at the path before is intact. ``str(error)`` is one line naming the path.
    """

    def __init__(self, path: Path, message: str, *, refused: bool = False) -> None:
        super().__init__(message)
        self.path = Path(path)
        self.message = message
        self.refused = refused

    @property
    def exit_code(self) -> int:
        return EXIT_BAD_INPUT if self.refused else EXIT_WRITE_FAILED

    def __str__(self) -> str:
        return f"{display_path(self.path)}: {' '.join(self.message.split())}"


class PageFailed(Exception):
    """A page of the edition could not be composed (a bug): its number, its spec, the error
    in one line and the traceback (text, so that it crosses from a worker process)."""

    def __init__(self, number: int, spec: Path, summary: str, trace: str) -> None:
        super().__init__(number, spec, summary, trace)
        self.number = number
        self.spec = spec
        self.summary = summary
        self.trace = trace

    def __str__(self) -> str:
        return f"page {self.number} ({self.spec}): {self.summary}"
