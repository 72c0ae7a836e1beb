"""layout.forked: tasks in forked children, results and exceptions back in task order, no
child left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from layout.errors import PageFailed
from layout.forked import ChildFailed, can_fork, run_forked

pytestmark = pytest.mark.skipif(not can_fork(), reason="no safe fork on this system")


def _children() -> set[int]:
    """The pids of this process's children that have not been waited for (other tests'
    too: ``multiprocessing``'s resource tracker lives on; compare before and after)."""
    me = os.getpid()
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == me:
                found.add(int(entry))
    return found


def test_results_come_back_in_task_order_each_from_its_own_process() -> None:
    before = _children()
    here = os.getpid()
    tasks = [lambda k=k: (k, os.getpid()) for k in range(4)]
    results = run_forked(tasks, [f"task {k}" for k in range(4)])
    assert [k for k, _ in results] == [0, 1, 2, 3]
    pids = [pid for _, pid in results]
    assert pids[0] == here and len(set(pids)) == 4
    assert _children() <= before


def test_a_large_result_crosses_the_pipe_whole() -> None:
    big = bytes(range(256)) * 8192  # 2 MiB: many times a pipe's buffer
    assert run_forked([lambda: b"", lambda: big], ["here", "big"]) == [b"", big]


def test_an_exception_in_a_child_is_raised_here_as_it_was() -> None:
    before = _children()

    def fails() -> None:
        raise PageFailed(3, __import__("pathlib").Path("culture.yaml"), "KeyError: 'x'", "tb")

    with pytest.raises(PageFailed) as caught:
        run_forked([lambda: 1, fails], ["here", "page 3"])
    assert caught.value.number == 3 and caught.value.trace == "tb"
    assert _children() <= before


def test_an_exception_that_does_not_pickle_is_named() -> None:
    class Local(Exception):  # a local class: pickle cannot find it by name
        pass

    def fails() -> None:
        raise Local("no pickle")

    with pytest.raises(ChildFailed, match="Local: no pickle"):
        run_forked([lambda: 1, fails], ["here", "the local"])


def test_a_child_that_dies_is_a_failure_naming_its_work() -> None:
    before = _children()

    def dies() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    with pytest.raises(ChildFailed, match="composing pages 3, 4 was killed by signal 9"):
        run_forked([lambda: 1, dies], ["here", "composing pages 3, 4"])
    assert _children() <= before


def test_a_failure_here_stops_the_children() -> None:
    before = _children()

    def here() -> None:
        raise ValueError("here")

    def slow() -> int:
        time.sleep(30)
        return 1

    started = time.monotonic()
    with pytest.raises(ValueError, match="here"):
        run_forked([here, slow, slow], ["here", "slow", "slow too"])
    assert time.monotonic() - started < 20  # killed, not waited for to the end
    assert _children() <= before


def test_no_fork_while_another_thread_runs() -> None:
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        thread.join()
    assert can_fork()


def test_with_no_pipe_to_be_had_the_tasks_run_here(tmp_path) -> None:
    """A process out of file descriptors (RLIMIT_NOFILE at what it has open) cannot make a
    pipe for a child: every task runs in this process, and the results are the same."""
    script = tmp_path / "limited.py"
    script.write_text(
        "import os, resource\n"
        "from layout.forked import run_forked\n"
        "opened = len(os.listdir('/proc/self/fd'))\n"
        "resource.setrlimit(resource.RLIMIT_NOFILE, (opened, opened))\n"
        "results = run_forked([lambda k=k: (k, os.getpid()) for k in range(3)], ['a', 'b', 'c'])\n"
        "assert [k for k, _ in results] == [0, 1, 2], results\n"
        "assert {pid for _, pid in results} == {os.getpid()}, results\n"
        "print('ran here')\n"
    )
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])},
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ran here"
