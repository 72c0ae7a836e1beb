"""The table of banmian's commands: each name with the module that adds its parser and runs
it.

Contract: :data:`COMMANDS` maps a command's name, in the order ``banmian --help`` lists
them, to its :class:`Command`: ``add(sub, common)`` puts its parser on the subparsers (with
the common options as parent) and ``run(args, console)`` does it and returns the exit code.
A command module imports at its top only argparse, pathlib and banmian's light modules
(errors, formats, report, console's types); what a command needs to do its work (the layout
machinery, ReportLab, pikepdf, Pillow, fontTools, the proof) is imported inside ``run``, so
that ``--version``, ``--help`` and each command load only what they use
(tests/cli/test_commands.py).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..records import NamedTuple
from . import build, check, fit, fonts, init, proof, schema, watch

if TYPE_CHECKING:
    from ..console import Console


class Command(NamedTuple):
    add: Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Console], int]


COMMANDS: Mapping[str, Command] = MappingProxyType(
    {
        "init": Command(init.add, init.run),
        "build": Command(build.add, build.run),
        "check": Command(check.add, check.run),
        "proof": Command(proof.add, proof.run),
        "watch": Command(watch.add, watch.run),
        "fit": Command(fit.add, fit.run),
        "schema": Command(schema.add, schema.run),
        "fonts": Command(fonts.add, fonts.run),
    }
)
