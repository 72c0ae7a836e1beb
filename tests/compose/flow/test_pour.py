"""Pouring (``layout.compose.flow.pour``): every line of every piece given its slot, column
after column, on synthetic metrics (1 em Han, 10 pt on a 14 pt pitch: a column of 10 em
holds lines of ten characters); what does not fit is counted, not placed; a wrapped box's
slots are skipped and a line beside it set again at its measure."""

from __future__ import annotations

import sys
from pathlib import Path

from layout.compose.flow.columns import Columns
from layout.compose.flow.pieces import FlowPiece
from layout.compose.flow.pour import Plan, Refit, line_chars, pour, set_piece
from layout.compose.setter import Setter, Where
from layout.geometry import Rect, WritingMode
from layout.text.options import Align
from layout.text.paragraph import SetParagraph

sys.path.insert(0, str(Path(__file__).parents[1]))
from synthetic import SIZE, SyntheticLibrary, styles  # noqa: E402

PITCH = 14.0
MEASURE = 10 * SIZE
TEN = "平湖经济发展工业增加"  # one full line
MODE = WritingMode.HORIZONTAL_TB


def setter() -> Setter:
    body = {"align": Align.JUSTIFY, "indent": 0.0}
    return Setter(SyntheticLibrary(), styles(body=body))  # type: ignore[arg-type]


def poured(
    texts: list[str], columns: list[Rect], obstacles: tuple[Rect, ...] = ()
) -> tuple[Plan, list[SetParagraph]]:
    s = setter()
    pieces = [FlowPiece(t, s.style("body"), Where("b", "a", k + 1)) for k, t in enumerate(texts)]
    cols = Columns.of(columns, PITCH, MODE, obstacles, SIZE)
    pars = [set_piece(p, MEASURE, s, MODE, 0) for p in pieces]
    return pour(pieces, pars, cols, cols.slots, Refit(s, MODE)), pars


def test_lines_go_column_after_column() -> None:
    columns = [Rect(0.0, 0.0, MEASURE, 3 * PITCH), Rect(110.0, 0.0, MEASURE, 3 * PITCH)]
    plan, _ = poured([TEN * 2, TEN * 2], columns)
    assert plan.at == (((0, 0), (0, 1)), ((0, 2), (1, 0)))
    assert (plan.used, plan.end, plan.over_lines, plan.over_chars) == (4, (1, 1), 0, 0)


def test_what_does_not_fit_is_counted_not_placed() -> None:
    plan, pars = poured([TEN * 5], [Rect(0.0, 0.0, MEASURE, 3 * PITCH)])
    assert plan.at == (((0, 0), (0, 1), (0, 2), None, None),)
    assert plan.over_lines == 2
    assert plan.over_chars == sum(line_chars(ln) for ln in pars[0].lines[3:]) == 20


def test_a_wrapped_box_skips_slots_and_shortens_lines() -> None:
    column = Rect(0.0, 0.0, MEASURE, 6 * PITCH)
    across = Rect(-5.0, PITCH, MEASURE + 10.0, PITCH)  # slot 1, the whole line
    beside = Rect(0.0, 3 * PITCH, 5 * SIZE, PITCH)  # slot 3, the left half
    plan, _ = poured([TEN * 4], [column], (across, beside))
    assert list(plan.at[0]) == [(0, 0), (0, 2), (0, 3), (0, 4), (0, 5)]
    widths = [round(ln.measure) for ln in plan.pars[0].lines]
    assert widths == [100, 100, 50, 100, 100]  # set again at the half measure, then whole
    assert "".join(ln.text for ln in plan.pars[0].lines) == TEN * 4
    assert plan.over_lines == 0
