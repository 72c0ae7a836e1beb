"""The top parser of ``banmian``: ``--version``, the common options before the command, the
exit codes in its epilog, and one subparser a command (``layout.cli.commands``).

Contract: :func:`parser` returns a new parser on every call (no state kept between
commands); parsing a bad argument exits 2 with argparse's usage error.
"""

from __future__ import annotations

import argparse

from .. import __version__
from .commands import COMMANDS
from .options import add_common


def parser() -> argparse.ArgumentParser:
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
    for command in COMMANDS.values():
        command.add(sub, common)
    return top
