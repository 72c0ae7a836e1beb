"""The PDF writer's second thread (``layout.render.background``): calls made in the order
given, on another thread, their results (and errors) those of the calls made in place."""

from __future__ import annotations

import threading
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.render.background import Deferred, Done, Worker, run


def test_calls_run_in_order_on_a_thread_of_their_own() -> None:
    order: list[int] = []

    def note(k: int) -> tuple[int, int]:
        order.append(k)
        return k * k, threading.get_ident()

    with Worker() as worker:
        results = [worker.submit(note, k) for k in range(50)]
        values = [r.result() for r in results]
    assert order == list(range(50))
    assert [v for v, _ in values] == [k * k for k in range(50)]
    threads = {ident for _, ident in values}
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_an_error_is_raised_where_the_result_is_asked_for() -> None:
    def fail() -> None:
        raise ValueError("damaged")

    with Worker() as worker:
        failed = worker.submit(fail)
        after = worker.submit(len, b"abc")
        with pytest.raises(ValueError, match="damaged"):
            failed.result()
        assert after.result() == 3  # the worker goes on after a call that raised


def test_closing_makes_the_queued_calls_first_and_a_closed_worker_starts_again() -> None:
    gate = threading.Event()
    worker = Worker()
    first = worker.submit(gate.wait, 10)
    queued = [worker.submit(zlib.compress, bytes([k]) * 1000) for k in range(5)]
    gate.set()
    worker.close()
    assert first.result() is True
    assert [q.result() for q in queued] == [zlib.compress(bytes([k]) * 1000) for k in range(5)]
    again = worker.submit(sum, (1, 2, 3))
    worker.close()
    assert again.result() == 6


def test_without_a_worker_the_call_is_made_in_place() -> None:
    made = run(None, threading.get_ident)
    assert isinstance(made, Done) and made.result() == threading.get_ident()
    with pytest.raises(ZeroDivisionError):
        run(None, divmod, 1, 0)  # in place: raised at once


@settings(max_examples=30, deadline=None)
@given(st.lists(st.binary(max_size=5000), max_size=8), st.sampled_from([-1, 1, 3, 9]))
def test_deflating_on_the_worker_gives_the_bytes_of_deflating_here(
    chunks: list[bytes], level: int
) -> None:
    with Worker() as worker:
        deferred: list[Deferred] = [worker.submit(zlib.compress, c, level) for c in chunks]
    assert [d.result() for d in deferred] == [zlib.compress(c, level) for c in chunks]


def test_a_call_runs_in_the_context_it_was_submitted_in() -> None:
    """A thread starts in an empty context: a call on the worker sees the context variables
    of the code that submitted it (where a note goes, ``layout.notes``), as in place."""
    import contextvars

    where: contextvars.ContextVar[str] = contextvars.ContextVar("where", default="unset")
    token = where.set("the command's console")
    try:
        with Worker() as worker:
            seen = worker.submit(where.get).result()
    finally:
        where.reset(token)
    assert seen == "the command's console"
