"""What the command line prints, and how loudly: ``-q``/``-v`` and ``--color``.

Contract: a :class:`Console` is made once per command from its options
(:func:`console_for`) and passed to what prints. Its :class:`Verbosity`:

- ``QUIET`` (``-q``): errors only: bad input, a problem that would spoil print, a failed
  write, a bug; no summary, no warnings, no notes;
- ``NORMAL``: also warnings, the notes of the spec loader (what an edition's list overrode),
  the reports and the "wrote …" lines;
- ``VERBOSE`` (``-v``): also the files read and written and the time of each stage.

Colour is decided per stream (:func:`colour_for`): ``--color always`` / ``never`` win; under
``auto`` (the default) ``NO_COLOR`` set and not empty turns it off (no-color.org),
``FORCE_COLOR`` set and not empty turns it on (force-color.org), and otherwise a stream is
coloured only when it is a terminal. Colours say severities: errors red, warnings yellow.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from enum import Enum, IntEnum
from typing import TextIO

from .records import NamedTuple
from .report import Finding, Problem, Severity


class Verbosity(IntEnum):
    QUIET = 0
    NORMAL = 1
    VERBOSE = 2


class ColourChoice(Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


# SGR codes (ECMA-48 §8.3.117)
_SGR = {"red": "31", "yellow": "33", "green": "32", "dim": "2", "bold": "1"}
SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "dim"}


def colour_for(
    stream: TextIO,
    choice: ColourChoice = ColourChoice.AUTO,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Whether to colour what goes to ``stream`` (see the module docstring)."""
    if choice is ColourChoice.ALWAYS:
        return True
    if choice is ColourChoice.NEVER:
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


def paint(text: str, colour: str | None, on: bool) -> str:
    """``text`` in ``colour`` (a name of :data:`_SGR`) when ``on``."""
    if not on or colour is None:
        return text
    return f"\x1b[{_SGR[colour]}m{text}\x1b[0m"


class Console(NamedTuple):
    """Where and how loudly a command prints; ``out`` and ``err`` are the streams (standard
    output and error unless a test gives others), each with its colour decided."""

    verbosity: Verbosity = Verbosity.NORMAL
    colour_out: bool = False
    colour_err: bool = False
    out: TextIO | None = None
    err: TextIO | None = None

    @property
    def stdout(self) -> TextIO:
        return self.out if self.out is not None else sys.stdout

    @property
    def stderr(self) -> TextIO:
        return self.err if self.err is not None else sys.stderr

    @property
    def quiet(self) -> bool:
        return self.verbosity is Verbosity.QUIET

    @property
    def verbose(self) -> bool:
        return self.verbosity is Verbosity.VERBOSE

    def error(self, text: str) -> None:
        """A line that is always printed (standard error): bad input, a failure."""
        print(text, file=self.stderr)

    def note(self, text: str) -> None:
        """A note of the loader (standard error), not under ``-q``."""
        if not self.quiet:
            print(f"note: {text}", file=self.stderr)

    def warning(self, text: str) -> None:
        """A warning of the command's own (standard error, yellow), not under ``-q``."""
        self.problem_line(f"warning: {text}", Severity.WARNING)

    def unprinted(self, text: str) -> None:
        """Copy of the input that the build prints nowhere (standard error, as a warning),
        under ``-q`` too: no error (the page printed is right, ``--strict`` passes it), but
        what a night desk must see whatever else it quiets."""
        colour = SEVERITY_COLOUR[Severity.WARNING]
        print(paint(f"warning: {text}", colour, self.colour_err), file=self.stderr)

    def info(self, text: str, *, to_err: bool = False) -> None:
        """A summary line ("wrote …"), not under ``-q``."""
        if not self.quiet:
            print(text, file=self.stderr if to_err else self.stdout)

    def detail(self, text: str) -> None:
        """A line of ``-v`` only (standard error): files, timings."""
        if self.verbose:
            print(text, file=self.stderr)

    def problem(self, problem: Problem | Finding, prefix: str = "") -> None:
        """A page problem (or a finding: a missing character with all its places) on
        standard error, coloured by severity; under ``-q`` only the errors (what would spoil
        print)."""
        severity = (problem.problem if isinstance(problem, Finding) else problem).severity
        self.problem_line(str(problem), severity, prefix)

    def problem_line(self, text: str, severity: Severity, prefix: str = "") -> None:
        if self.quiet and severity is not Severity.ERROR:
            return
        colour = SEVERITY_COLOUR[severity]
        print(prefix + paint(text, colour, self.colour_err), file=self.stderr)

    def timings(self, stages: Mapping[str, float]) -> None:
        """The time of each stage (``-v``), in milliseconds."""
        for stage, seconds in stages.items():
            self.detail(f"  {stage:10s} {seconds * 1000:8.1f} ms")


def console_for(
    quiet: bool, verbose: bool, colour: ColourChoice, environ: Mapping[str, str] | None = None
) -> Console:
    """The console of a command's ``-q``, ``-v`` and ``--color`` (``-q`` and ``-v`` together
    are refused by the parser)."""
    level = Verbosity.QUIET if quiet else Verbosity.VERBOSE if verbose else Verbosity.NORMAL
    return Console(
        verbosity=level,
        colour_out=colour_for(sys.stdout, colour, environ),
        colour_err=colour_for(sys.stderr, colour, environ),
    )
