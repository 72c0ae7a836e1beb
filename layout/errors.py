"""Errors for bad input: every one carries file:line:column, a key path and a message.

The CLI prints one line per error (``str(error)``) and exits with :data:`EXIT_BAD_INPUT`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

EXIT_BAD_INPUT = 2


def display_path(path: Path) -> str:
    """``path`` as shown in messages: relative to the working directory when inside it."""
    try:
        resolved = Path(os.path.abspath(path))
        return str(resolved.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class SourcePos:
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


class SpecErrors(Exception):
    """All the problems found in one validation run (validation never stops at the first)."""

    def __init__(self, errors: Iterable[SpecError]) -> None:
        self.errors: list[SpecError] = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)

    def __iter__(self):
        return iter(self.errors)

    def __len__(self) -> int:
        return len(self.errors)
