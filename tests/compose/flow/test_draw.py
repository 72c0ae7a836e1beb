"""Drawing (``layout.compose.flow.draw``): the problems of a poured story located on the page
rect of their line; a problem on a line the box has no room for (超版) is not located and
says that it stands in the overset text. Synthetic metrics (1 em Han, 10 pt on a 14 pt
pitch: a column of 10 em holds lines of ten characters)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from layout.compose.body import flow
from layout.compose.flow.draw import OVERSET_NOTE
from layout.compose.flow.pieces import FlowPiece
from layout.compose.setter import Setter, Where
from layout.errors import SourcePos
from layout.geometry import Rect
from layout.report import AtLine, CutFrom, ProblemKind
from layout.text.options import Align

sys.path.insert(0, str(Path(__file__).parents[1]))
from synthetic import SIZE, SyntheticLibrary, styles  # noqa: E402

PITCH = 14.0
MEASURE = 10 * SIZE
NINE = "平湖经济发展工业增"


def _flowed(text: str, lines: int) -> list:
    setter = Setter(SyntheticLibrary(), styles(body={"align": Align.JUSTIFY, "indent": 0.0}))  # type: ignore[arg-type]
    piece = FlowPiece(text, setter.style("body"), Where("b", "a", 1))
    result = flow([piece], [Rect(0.0, 0.0, MEASURE, lines * PITCH)], PITCH, setter)
    return [p for p in result.problems if p.kind is ProblemKind.HALF_WIDTH_PUNCTUATION]


def test_a_problem_on_a_printed_line_is_located_there() -> None:
    # A half-width comma on the first of two lines, in a box of three.
    (found,) = _flowed(f"今天,{NINE}{NINE}", 3)
    assert isinstance(found.details, AtLine) and found.details.line == 1
    assert found.where is not None and found.where.y == 0.0
    assert OVERSET_NOTE not in found.message
    assert not found.in_overset


def test_a_problem_in_the_overset_text_says_so() -> None:
    # Five lines of text in a box of three: the comma on the fifth line is not printed.
    text = f"{NINE}平" * 4 + "今天,平湖经济"
    first, *rest = _flowed(text, 3)
    assert not rest
    assert isinstance(first.details, AtLine) and first.details.line == 5
    assert first.where is None
    assert first.message.endswith(OVERSET_NOTE)
    assert first.in_overset  # for the proof, which has no place to mark it (it counts it)


def test_the_flow_says_where_the_text_cut_begins() -> None:
    """Two paragraphs of two lines each in a box of three: the cut begins on the second
    paragraph's second line, quoted by its words, at that paragraph's line in the record."""
    setter = Setter(SyntheticLibrary(), styles(body={"align": Align.JUSTIFY, "indent": 0.0}))  # type: ignore[arg-type]
    at = SourcePos(Path("articles/x.yaml"), 12, 3)
    pieces = [
        FlowPiece(f"{NINE}平{NINE}平", setter.style("body"), Where("b", "a", 1)),
        FlowPiece(f"{NINE}平人表示经济发展", setter.style("body"), Where("b", "a", 2, at)),
    ]
    result = flow(pieces, [Rect(0.0, 0.0, MEASURE, 3 * PITCH)], PITCH, setter)
    assert result.overset_lines == 1
    assert result.cut_from == CutFrom("人表示经济发展", 2, None, at)
    assert result.cut_from.shown() == "from paragraph 2 (articles/x.yaml:12): “人表示经济发展”"
    # a longer cut is quoted by its first line, "…" saying more is cut
    pieces[1] = pieces[1]._replace(text=f"{NINE}平人表示经济发展" + NINE)
    result = flow(pieces, [Rect(0.0, 0.0, MEASURE, 3 * PITCH)], PITCH, setter)
    assert result.cut_from.text == "人表示经济发展平湖经…"
    # nothing over: nowhere cut
    result = flow(pieces[:1], [Rect(0.0, 0.0, MEASURE, 3 * PITCH)], PITCH, setter)
    assert result.cut_from is None


def test_room_use_and_empty_lines_count_the_lines_a_body_of_double_leading_sets() -> None:
    """A body leaded 28 pt on the 14 pt grid sets a line on every second grid line: a
    column of 12 grid lines holds 6 of its lines, and 3 lines of text leave 3 empty, each
    two grid lines deep: capacity, use and room count those lines, not the grid's 12, 6
    and 6."""
    body = {"align": Align.JUSTIFY, "indent": 0.0, "leading": 28.0}
    setter = Setter(SyntheticLibrary(), styles(body=body))  # type: ignore[arg-type]
    piece = FlowPiece(f"{NINE}平" * 3, setter.style("body"), Where("b", "a", 1))
    result = flow([piece], [Rect(0.0, 0.0, MEASURE, 12 * PITCH)], PITCH, setter)
    assert [line.rect.y for line in result.lines] == [0.0, 2 * PITCH, 4 * PITCH]
    assert (result.capacity_lines, result.used_lines, result.empty_lines) == (6, 3, 3)
    assert result.used_slots == 6  # the grid lines they take (a caption block's depth)
    assert [(r.y, r.height) for r in result.empty_slots] == [
        (6 * PITCH, 2 * PITCH), (8 * PITCH, 2 * PITCH), (10 * PITCH, 2 * PITCH),
    ]  # fmt: skip
    assert result.capacity_measure == pytest.approx(6 * MEASURE)
    assert result.empty_measure == pytest.approx(3 * MEASURE)
    # A grid line too few for another line of the body at the foot is no room.
    odd = flow([piece], [Rect(0.0, 0.0, MEASURE, 7 * PITCH)], PITCH, setter)
    assert (odd.capacity_lines, odd.used_lines, odd.empty_lines) == (3, 3, 0)
