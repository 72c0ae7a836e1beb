"""Work shared with forked child processes: copies of this one, each started in a few milliseconds.

Contract: :func:`can_fork` says whether :func:`run_forked` may be used here: a POSIX system
that is not macOS (where system libraries are not safe to use in a forked child; CPython's
``multiprocessing`` spawns there since 3.8) and no thread but this one running (a fork copies
only the calling thread: a lock another thread held stays locked in the child for ever).
:func:`run_forked` runs ``tasks[0]`` in this process and every other task in a child forked
before it starts, each child sending its result back pickled through a pipe, and returns the
results in the order of ``tasks``. A task that raises in a child raises here, the same
exception (pickled; one that cannot be pickled becomes a :class:`ChildFailed` naming it); a
child that dies without a result (killed, out of memory) is a :class:`ChildFailed` with its
exit status. Where the system gives no pipe or no process for a task (a limit on open files
or processes), the task runs in this process after the first, and the results are the same.
Every child is waited for, whatever happens here (an exception in this process's
task kills them first), so none is left behind.

Why not ``multiprocessing``: its ``fork`` context is the same system call, but its pools start
a thread to feed the workers and pickle the task and its arguments to them; here the children
get the parent's loaded specs, fonts and imported engine by the copy itself, with nothing to
send but the result. A child leaves by ``os._exit``: it runs no ``atexit`` handler, flushes
no buffer it shares with the parent (they are flushed before the fork) and removes nothing
the parent still owns.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")

# How a child's result starts: the task's value, or the exception it raised.
_VALUE = b"v"
_RAISED = b"e"


class ChildFailed(RuntimeError):
    """A forked child gave no result: what it was doing and why, in words."""


def can_fork() -> bool:
    """Whether :func:`run_forked` is safe in this process now (see the module docstring)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and threading.active_count() == 1


def run_forked(tasks: Sequence[Callable[[], T]], names: Sequence[str]) -> list[T]:
    """The results of ``tasks``: the first run here, each other in a forked child.
    ``names`` says what each task does (``composing pages 3, 4``), for the message of a
    child that failed."""
    pending: dict[int, tuple[int, int]] = {}  # task index → (pid, its pipe's read end)
    try:
        for k, task in enumerate(tasks[1:], 1):
            child = _start(task)
            if child is not None:
                pending[k] = child
        results = [tasks[0]()]
        for k in range(1, len(tasks)):
            if k in pending:
                pid, fd = pending.pop(k)
                results.append(_collect(pid, fd, names[k]))
            else:  # no child to be had: the task runs here, after the others
                results.append(tasks[k]())
        return results
    finally:
        for pid, fd in pending.values():
            _stop(pid, fd)


def _start(task: Callable[[], object]) -> tuple[int, int] | None:
    """A child forked to run ``task``: its pid and the read end of the pipe of its result;
    None when the system gives no pipe or no process (a limit on open files or processes,
    no memory): the task is then run here, as it would be without ``-j``."""
    # Flushed before the fork: what this process had buffered would be written twice.
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        read, write = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # the child
        os.close(read)
        status = 1
        try:
            _send(write, task)
            status = 0
        finally:
            # What the child itself printed (a font's note); the buffers were empty at the fork.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(status)
    os.close(write)
    return pid, read


def _send(fd: int, task: Callable[[], object]) -> None:
    """Run ``task`` and write its result (or the exception it raised) to ``fd``."""
    import pickle  # here: a build in one process does not load it

    try:
        data = _VALUE + pickle.dumps(task(), pickle.HIGHEST_PROTOCOL)
    except BaseException as error:  # noqa: BLE001 - every failure goes to the parent
        try:
            data = _RAISED + pickle.dumps(error, pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: named in words
            named = ChildFailed(f"{type(error).__name__}: {error}")
            data = _RAISED + pickle.dumps(named, pickle.HIGHEST_PROTOCOL)
    with open(fd, "wb") as pipe:
        pipe.write(data)


def _collect(pid: int, fd: int, name: str) -> object:
    """The result of the child ``pid`` (raising what it raised), once it has exited."""
    import pickle

    try:
        with open(fd, "rb") as pipe:
            data = pipe.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if not data:
        raise ChildFailed(f"the process {name} {_died(status)} without a result")
    result = pickle.loads(data[1:])
    if data[:1] == _RAISED:
        raise result
    return result


def _died(status: int) -> str:
    """How a child ended, in words (``os.waitpid``'s status)."""
    if os.WIFSIGNALED(status):
        return f"was killed by signal {os.WTERMSIG(status)}"
    return f"exited with status {os.WEXITSTATUS(status)}"


def _stop(pid: int, fd: int) -> None:
    """A child no longer wanted: killed and waited for, its pipe closed."""
    import signal

    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
