"""The table of banmian's commands: each name with the module that adds its parser and runs
it.

Contract: :data:`COMMANDS` maps a command's name, in the order ``banmian --help`` lists
them, to its :class:`Command`: ``add(sub, common)`` puts its parser on the subparsers (with
the common options as parent) and ``run(args, console)`` does it and returns the exit code.
A command module imports at its top only argparse, pathlib and banmian's light modules
(errors, formats, report, console's types); what a command needs to do its work (the layout
machinery, ReportLab, pikepdf, Pillow, fontTools, the proof) is imported inside ``run``, so
that ``--version``, ``--help`` and each command load only what they use
(tests/cli/test_commands.py). A command's module is imported at the first call of its
``add`` or ``run``: a ``build`` parses with the one subparser it needs
(``layout.cli.parser``) and imports no other command's module.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from importlib import import_module
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from ..records import NamedTuple

if TYPE_CHECKING:
    from ..console import Console


class Command(NamedTuple):
    add: Callable[[argparse._SubParsersAction, argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Console], int]


def _deferred(module: str, name: str) -> Callable[..., Any]:
    """``layout.cli.<module>.<name>``, its module imported at the first call."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(import_module(f"{__package__}.{module}"), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = f"{module}.{name}"
    return call


COMMANDS: Mapping[str, Command] = MappingProxyType(
    {
        name: Command(_deferred(name, "add"), _deferred(name, "run"))
        for name in ("init", "build", "check", "proof", "watch", "fit", "schema", "fonts")
    }
)
