"""The columns of a body flow (``layout.compose.flow.columns``): grid slots per column, the
offsets of columns that start lower, and the room a wrapped box leaves (a skipped slot is no
room, a shortened one holds its length)."""

from __future__ import annotations

import pytest

from layout.compose.flow.columns import Columns
from layout.compose.wrap import Span
from layout.geometry import Rect, WritingMode

PITCH = 14.0
BODY = 10.0
WIDTH = 100.0  # ten characters of the body


def test_a_column_holds_the_whole_grid_lines_of_its_height() -> None:
    rects = [Rect(0.0, 0.0, WIDTH, 7 * PITCH + 5.0), Rect(110.0, 2 * PITCH, WIDTH, 5 * PITCH)]
    cols = Columns.of(rects, PITCH, WritingMode.HORIZONTAL_TB)
    assert cols.slots == (7, 5)
    assert cols.offsets == (0, 2)  # the second starts two lines lower
    assert cols.capacity == 12
    assert cols.capacity_measure == pytest.approx(12 * WIDTH)
    assert cols.usable(0, 2) == 5 and cols.usable(0, 2, 4) == 2
    assert cols.span(1, 4, 1) == Span(0.0, WIDTH)
    assert cols.frame(0, cols.span(0, 0, 1)) is cols.frames[0]


def test_a_vertical_column_counts_its_lines_from_the_right() -> None:
    bands = [Rect(0.0, 0.0, 6 * PITCH, 200.0), Rect(0.0, 210.0, 4 * PITCH, 200.0)]
    cols = Columns.of(bands, PITCH, WritingMode.VERTICAL_RL)
    assert cols.slots == (6, 4)
    assert cols.offsets == (0, 2)  # lines run leftwards from the right edge
    assert cols.capacity_measure == pytest.approx(10 * 200.0)


def test_a_box_across_the_column_takes_its_slots_away() -> None:
    column = Rect(0.0, 0.0, WIDTH, 8 * PITCH)
    over = Rect(-5.0, 2 * PITCH, WIDTH + 10.0, 2 * PITCH)  # slots 2 and 3, whole width
    cols = Columns.of([column], PITCH, WritingMode.HORIZONTAL_TB, [over], BODY)
    assert [cols.span(0, s, 1) is None for s in range(8)] == [
        False, False, True, True, False, False, False, False,
    ]  # fmt: skip
    assert cols.capacity == 6 and cols.usable(0, 0, 4) == 2
    assert cols.span(0, 1, 2) is None  # a two-slot line reaching under the box
    assert cols.capacity_measure == pytest.approx(6 * WIDTH)


def test_a_box_beside_the_text_shortens_its_lines() -> None:
    column = Rect(0.0, 0.0, WIDTH, 8 * PITCH)
    over = Rect(0.0, 0.0, 40.0, 3 * PITCH)  # the left 4 characters of slots 0–2
    cols = Columns.of([column], PITCH, WritingMode.HORIZONTAL_TB, [over], BODY)
    short = Span(40.0, WIDTH - 40.0)
    assert cols.span(0, 0, 1) == short and cols.span(0, 3, 1) == Span(0.0, WIDTH)
    assert cols.span(0, 2, 2) == short  # a line over two slots takes what both leave
    assert cols.span(0, 0, 1, beside=False) is None  # a byline keeps its whole width
    assert cols.capacity == 8
    assert cols.capacity_measure == pytest.approx(3 * short.length + 5 * WIDTH)
    narrowed = cols.frame(0, short)
    assert narrowed.measure == pytest.approx(short.length)


def _span_as_scanned(cols: Columns, column: int, slot: int, beside: bool) -> Span | None:
    """``Columns.span`` of one slot as the scan of several slots computes it (the reference
    its one-slot shortcut must agree with)."""
    whole = Span(0.0, cols.frames[column].measure)
    (one,) = cols.spans[column][slot : slot + 1]
    if one is None:
        return None
    span = (
        whole
        if one.start < 1e-6 and one.end > whole.length - 1e-6
        else Span(one.start, one.end - one.start)
    )
    return span if beside or span == whole else None


def test_a_one_slot_span_is_the_scan_of_that_slot() -> None:
    column = Rect(0.0, 0.0, WIDTH, 12 * PITCH)
    boxes = [
        Rect(-5.0, 0.0, WIDTH + 10.0, PITCH),  # across: slot 0 skipped
        Rect(0.0, 2 * PITCH, 37.3, 2 * PITCH),  # on the left
        Rect(WIDTH - 41.7, 5 * PITCH, 50.0, 3 * PITCH),  # on the right
    ]
    cols = Columns.of([column], PITCH, WritingMode.HORIZONTAL_TB, boxes, BODY)
    kinds = set()
    for slot in range(cols.slots[0]):
        for beside in (True, False):
            found = cols.span(0, slot, 1, beside)
            assert found == _span_as_scanned(cols, 0, slot, beside)
            kinds.add("skipped" if found is None else "whole" if found.start == 0 else "short")
    assert kinds == {"skipped", "whole", "short"}


def test_lines_of_two_slots_each_are_counted_as_the_pour_places_them() -> None:
    # A body leading of two pitches: columns of 7 and 5 slots hold 3 and 2 such lines (the
    # odd slot at each foot holds none); a box across slots 2–3 of an 8-slot column leaves
    # lines on slots 0–1, 4–5 and 6–7, a box beside slots 0–2 shortens the first two.
    rects = [Rect(0.0, 0.0, WIDTH, 7 * PITCH), Rect(110.0, 0.0, WIDTH, 5 * PITCH)]
    cols = Columns.of(rects, PITCH, WritingMode.HORIZONTAL_TB)
    assert (cols.capacity, cols.lines(1), cols.lines(2)) == (12, 12, 5)
    assert cols.lines_measure(2) == pytest.approx(5 * WIDTH)
    column = Rect(0.0, 0.0, WIDTH, 8 * PITCH)
    across = Rect(-5.0, 2 * PITCH, WIDTH + 10.0, 2 * PITCH)
    assert Columns.of([column], PITCH, WritingMode.HORIZONTAL_TB, [across], BODY).lines(2) == 3
    beside = Columns.of(
        [column], PITCH, WritingMode.HORIZONTAL_TB, [Rect(0.0, 0.0, 40.0, 3 * PITCH)], BODY
    )
    assert beside.lines(2) == 4
    assert beside.lines_measure(2) == pytest.approx(2 * (WIDTH - 40.0) + 2 * WIDTH)
