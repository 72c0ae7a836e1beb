"""The line breaker's work grows with a paragraph's length and no faster: counted, not timed
(tests never assert times), by :func:`layout.text.linebreak.break_lines_counted` — its passes
over the paragraph and the (breakpoint, active node) pairs it weighs, per character, from a
paragraph of the sample's text to the same text 10 and 100 times over.

The criterion for TeX's second pass is one on single lines (a line dearer than any within the
tolerance); a criterion on the paragraph's total demerits, which grow with its lines, would
send every long paragraph through the second pass and double its cost.
"""

from __future__ import annotations

import pytest

from layout.text.linebreak import Breaker, BreakStats, break_lines_counted
from layout.text.metrics import SyntheticMetrics
from layout.text.options import BreakMode
from layout.text.prepare import ParagraphStyle, prepare

from .conftest import BREAKERS, sample_body_paragraphs

EM = 10.0
MEASURE = 13 * EM
SCALES = (1, 10, 100)
STYLE = ParagraphStyle(size=EM, indent=2.0)


def _work(text: str, breaker: Breaker = Breaker.PYTHON) -> BreakStats:
    items = prepare(text, STYLE, SyntheticMetrics(), MEASURE).items
    return break_lines_counted(items, MEASURE, BreakMode.TOTAL_FIT, breaker=breaker)[1]


def _passes(text: str) -> int:
    return _work(text).passes


PARAGRAPHS = sample_body_paragraphs()
# A paragraph set in one pass, and one that needs the second (a place where no line within
# the tolerance reaches the measure), each about 600 characters of the sample's text.
ONE_PASS = "".join([t for t in PARAGRAPHS if _passes(t) == 1][:4])
TWO_PASSES = "".join([t for t in PARAGRAPHS if _passes(t) == 2][:1] + [ONE_PASS])


@pytest.mark.parametrize("breaker", BREAKERS)
@pytest.mark.parametrize("text", [ONE_PASS, TWO_PASSES], ids=["one-pass", "two-passes"])
def test_cost_per_character_stays_flat_from_1x_to_100x(text: str, breaker: Breaker) -> None:
    assert len(text) > 400
    stats = {scale: _work(text * scale, breaker) for scale in SCALES}
    # The number of passes does not depend on the paragraph's length.
    assert {s.passes for s in stats.values()} == {stats[1].passes}
    per_char = {scale: s.evaluations / (len(text) * scale) for scale, s in stats.items()}
    for scale in SCALES:
        assert per_char[scale] <= 1.2 * per_char[1], (scale, per_char)
        assert per_char[scale] >= per_char[1] / 1.2, (scale, per_char)
        breakpoints = stats[scale].breakpoints / (len(text) * scale)
        assert breakpoints <= 1.2 * stats[1].breakpoints / len(text)


@pytest.mark.parametrize("breaker", BREAKERS)
def test_the_texts_take_the_passes_they_are_named_for(breaker: Breaker) -> None:
    assert _work(ONE_PASS, breaker).passes == 1
    assert _work(TWO_PASSES, breaker).passes == 2
    assert _work(ONE_PASS * 100, breaker).passes == 1  # not sent to the second pass by its length


@pytest.mark.parametrize("breaker", BREAKERS)
def test_counts_are_of_real_work(breaker: Breaker) -> None:
    stats = _work(ONE_PASS, breaker)
    # Every breakpoint weighs at least one node (the line that reaches it), and a line of 13
    # characters has only a few places to start that keep it within the tolerance.
    assert stats.breakpoints <= stats.evaluations <= 20 * stats.breakpoints
    assert BreakStats(1, 2, 3) + BreakStats(1, 1, 1) == BreakStats(2, 3, 4)
