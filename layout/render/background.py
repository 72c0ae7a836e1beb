"""Work the PDF writer hands to a second thread: the calls that release the GIL.

Contract: a :class:`Worker` runs the calls given to :meth:`Worker.submit` one after another,
in the order given, on one thread of its own, and :meth:`Worker.submit` returns at once a
:class:`Deferred` whose :meth:`~Deferred.result` waits for the call and gives what it
returned (or raises what it raised). Only calls whose result does not depend on the thread
that makes them are given to it — ``zlib.compress`` of a font program or a CMap, the MD5 of a
finished file (``layout.render.digest``), a photo's press version (``layout.render.images``:
a file of the user cache, written whole or not at all, its bytes fixed by its key) — so the
bytes are those of making the calls in place, whichever thread makes them; what changes is
that they run while the writer's own thread goes on in Python: ``zlib``, ``hashlib`` and
Pillow release the GIL for the length of such work (CPython's ``Modules/zlibmodule.c``,
``_hashopenssl.c``: ``Py_BEGIN_ALLOW_THREADS`` around the work on a buffer; Pillow's
``ImagingSectionEnter`` around decoding, resampling, filtering and coding), so a second
core does it. The CPU time is the same; the wall clock of an edition's PDFs drops
(``bench/README.md``).

The thread starts at the first call submitted and ends when the worker is closed (``with
Worker() as worker:``): the calls still queued are made first, so no :class:`Deferred` is
left waiting. Each call runs in a copy of the context it was submitted in
(``contextvars.copy_context``: a thread starts in an empty one), so what a call looks up
there — where a note goes, :mod:`layout.notes` — is what it would be made in place. A worker
holds no state between two ``with`` blocks, and there is no worker of the module: each PDF
stage makes its own (no global mutable state).

:func:`run` makes a call through a worker when there is one, else in place: the writer's
objects work the same without one (a test that builds a document by hand, a font's objects
added alone).
"""

from __future__ import annotations

import contextvars
import threading
from _queue import SimpleQueue
from collections.abc import Callable
from types import TracebackType
from typing import Any


class Deferred:
    """The result of a call a :class:`Worker` makes (see the module)."""

    __slots__ = ("_done", "_error", "_value")

    def __init__(self) -> None:
        self._done = threading.Lock()
        self._done.acquire()  # released by the worker when the call has returned or raised
        self._value: Any = None
        self._error: BaseException | None = None

    def _settle(self, call: Callable[..., Any], args: tuple[Any, ...]) -> None:
        try:
            self._value = call(*args)
        except BaseException as error:  # handed to whoever asks for the result
            self._error = error
        self._done.release()

    def result(self) -> Any:
        """What the call returned, once it has (its exception raised here if it raised)."""
        with self._done:
            pass
        if self._error is not None:
            raise self._error
        return self._value


class Done(Deferred):
    """A result had at once: a call made in place (:func:`run` without a worker)."""

    __slots__ = ()

    def __init__(self, value: Any) -> None:
        self._done = _OPEN
        self._value = value
        self._error = None


_OPEN = threading.Lock()  # never held: waiting on it returns at once (a Done's lock)


class Worker:
    """One thread making the calls submitted, in order (see the module)."""

    def __init__(self) -> None:
        self._tasks: SimpleQueue[tuple[Deferred, Callable[..., Any], tuple[Any, ...]] | None]
        self._tasks = SimpleQueue()
        self._thread: threading.Thread | None = None

    def submit(self, call: Callable[..., Any], *args: Any) -> Deferred:
        """``call(*args)`` queued for the worker's thread; its :class:`Deferred`."""
        if self._thread is None:
            # A daemon: an interpreter leaving on an error does not wait for the queue.
            self._thread = threading.Thread(target=self._run, name="pdf-worker", daemon=True)
            self._thread.start()
        deferred = Deferred()
        self._tasks.put((deferred, contextvars.copy_context().run, (call, *args)))
        return deferred

    def _run(self) -> None:
        tasks = self._tasks
        while (task := tasks.get()) is not None:
            deferred, call, args = task
            deferred._settle(call, args)

    def close(self) -> None:
        """Make the calls still queued, then end the thread."""
        if self._thread is not None:
            self._tasks.put(None)
            self._thread.join()
            self._thread = None

    def __enter__(self) -> Worker:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()


def run(worker: Worker | None, call: Callable[..., Any], *args: Any) -> Deferred:
    """``call(*args)`` on ``worker``'s thread, or made here when ``worker`` is None."""
    if worker is None:
        return Done(call(*args))
    return worker.submit(call, *args)
