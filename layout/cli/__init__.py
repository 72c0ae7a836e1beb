"""The command line: ``banmian init | build | check | proof | watch | fit | schema | fonts``;
``python -m layout`` is its twin.

Exit codes (``layout.errors``): 0 done; 1 the page has problems that spoil print and
``--strict`` was given (``fit``: no page within the limits fits); 2 bad input (one line per
error, with file:line:column and key path; nothing written); 3 the output could not be
written; 70 a bug in banmian (one line with the place; the traceback in a file, or on standard
error with ``--debug``); 130 interrupted; 141 standard output closed by its reader.
``docs/cli.md`` is the user's reference of every command and option.

Contract: :func:`main` parses ``argv`` (``parser``), makes the command's console, runs the
command from the table (``commands``) and returns its exit code, what it raised turned into
one by ``errors``. The modules: ``parser`` (the top parser), ``options`` (the common options,
shared help, argument types), ``commands`` (the table), one module a command (``init``,
``build``: a page or an edition, ``check``, ``proof``, ``watch``, ``fit``, ``schema``,
``fonts``), and what several commands share: ``printing`` (files read, notes, timings, an
edition's problems), ``jsonout`` (``--json``), ``targets`` (``-o``'s format).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..console import ColourChoice, console_for
from ..gcpolicy import command_gc, freeze_at_exit
from .commands import COMMANDS
from .errors import reported
from .parser import parser
from .printing import font_notes

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    freeze_at_exit()  # the shutdown's collections need not walk what the command made
    arguments = sys.argv[1:] if argv is None else list(argv)
    top = parser(arguments)
    args = top.parse_args(arguments)
    if args.quiet and args.verbose:  # one before the command, one after it
        top.error("-q/--quiet and -v/--verbose exclude each other")
    con = console_for(args.quiet, args.verbose, ColourChoice(args.color))
    command = COMMANDS[args.command]
    # The command's imports, then its work (layout.gcpolicy); the fonts' notes on its console.
    with command_gc(), font_notes(con):
        return reported(lambda: command.run(args, con), args)
