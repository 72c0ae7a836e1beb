"""The top parser of ``banmian``: ``--version``, the common options before the command, the
exit codes in its epilog, and one subparser a command (``layout.cli.commands``).

Contract: :func:`parser` returns a new parser on every call (no state kept between
commands); parsing a bad argument exits 2 with argparse's usage error. Given the arguments to
parse, it adds only the subparser of the command they name (:func:`command_named`): the
namespace, the errors and the command's help are the same as the whole parser's, and what
needs every command — ``banmian --help``, ``--version``, no command or one misspelt — gets
the whole parser. (Building all eight subparsers with their options costs a cold build
≈ 18 M instructions of argparse's; one, about a quarter of that.)
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from .. import __version__
from .commands import COMMANDS
from .options import add_common

# The common options as the top parser takes them before the command (layout.cli.options);
# ``--color`` and ``--colour`` take a value.
_COMMON_FLAGS = frozenset({"--debug", "-q", "--quiet", "-v", "--verbose"})
_COMMON_VALUED = ("--color", "--colour")


def command_named(argv: Sequence[str]) -> str | None:
    """The command ``argv`` names when only common options, as they are spelt in full, come
    before it; None otherwise — no command, or anything else before it (``-h``, ``--version``,
    an abbreviation such as ``--he``, flags run together, a misspelt command), where the
    whole parser is needed to answer as it does."""
    arguments = iter(argv)
    for argument in arguments:
        if argument in COMMANDS:
            return argument
        if argument in _COMMON_VALUED:
            next(arguments, None)
        elif argument not in _COMMON_FLAGS and not argument.startswith(
            tuple(f"{option}=" for option in _COMMON_VALUED)
        ):
            return None
    return None


def parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """banmian's parser: every command's subparser, or, given the arguments to parse, only
    that of the command they name (see the module docstring)."""
    top = argparse.ArgumentParser(
        prog="banmian",
        description="版面 banmian: set Chinese newspaper pages from a YAML page spec.",
        epilog="Exit codes: 0 done; 1 --strict and a problem that spoils print (fit: no page "
        "within the limits fits); 2 bad input (nothing written); 3 the output could not be "
        "written; 70 a bug in banmian; 130 interrupted; 141 standard output closed. "
        "Every command and option: docs/cli.md.",
    )
    top.add_argument("--version", action="version", version=f"banmian {__version__}")
    add_common(top, top=True)
    # The common options are accepted after the command too; SUPPRESS keeps the subcommand's
    # default from overwriting one given before it.
    common = argparse.ArgumentParser(add_help=False)
    add_common(common, top=False)
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    named = None if argv is None else command_named(argv)
    for name, command in COMMANDS.items():
        if named is None or name == named:
            command.add(sub, common)
    return top
