"""layout.gcpolicy: the collector's settings during a layout, and restored after it."""

from __future__ import annotations

import gc

import pytest

from layout.gcpolicy import YOUNG_THRESHOLD, layout_gc


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


def test_cycles_made_during_a_layout_are_still_collected() -> None:
    class Node:
        other: object = None

    with layout_gc():
        a, b = Node(), Node()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2
