"""layout.gcpolicy: the collector's settings during a layout and a command, and restored after
them; the heap frozen when a command's process exits."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from layout.gcpolicy import YOUNG_THRESHOLD, command_gc, layout_gc


def test_layout_gc_freezes_and_raises_the_young_threshold_then_restores() -> None:
    before = gc.get_threshold()
    frozen = gc.get_freeze_count()
    with layout_gc():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() > frozen  # what was alive is out of the collector's walk
        assert gc.isenabled()  # cycles are still collected
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_layout_gc_restores_after_an_error() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), layout_gc():
        raise RuntimeError("a page that fails")
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_command_gc_raises_the_young_threshold_freezes_nothing_and_restores() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), command_gc():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        with layout_gc():  # a layout inside a command: its own settings, then the command's
            assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() == 0
        raise RuntimeError("a command that fails")
    assert gc.get_threshold() == before


def test_a_command_runs_under_command_gc(monkeypatch: pytest.MonkeyPatch) -> None:
    from layout import cli
    from layout.cli import commands

    seen: list[tuple[int, int, int]] = []

    def run(args: object, con: object) -> int:
        seen.append(gc.get_threshold())
        return 0

    before = gc.get_threshold()
    fonts = commands.COMMANDS["fonts"]
    monkeypatch.setattr(cli, "COMMANDS", {**commands.COMMANDS, "fonts": fonts._replace(run=run)})
    assert cli.main(["fonts"]) == 0
    assert seen == [(YOUNG_THRESHOLD, *before[1:])] and gc.get_threshold() == before


def test_cycles_made_during_a_layout_are_still_collected() -> None:
    class Node:
        other: object = None

    with layout_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2


# A process that asks for the freeze (twice, as two commands run in one process would), with
# an atexit handler registered before (so run after it) that reports what the collector sees.
_AT_EXIT = """
import atexit, gc
from layout.gcpolicy import freeze_at_exit
atexit.register(lambda: print("frozen", gc.get_freeze_count() > 0, "young", gc.get_count()[0]))
held = [[] for _ in range(1000)]  # alive at exit: frozen with the rest
freeze_at_exit()
freeze_at_exit()
"""


def test_freeze_at_exit_freezes_the_heap_after_later_handlers() -> None:
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    out = subprocess.run(
        [sys.executable, "-c", _AT_EXIT], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out == ["frozen", "True", "young", "0"]


def test_a_command_freezes_the_heap_at_exit() -> None:
    """``banmian`` (``layout.cli.main``) asks for the freeze before anything else: even
    ``--version``, which argparse ends with SystemExit, leaves the process frozen."""
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    code = (
        "import atexit, gc\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
        "from layout.cli import main\n"
        "main(['--version'])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    assert out[-2:] == ["frozen", "True"]
