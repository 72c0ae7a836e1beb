"""The line breaker on bare items (it knows no language): Knuth and Plass's guarantee that
total-fit finds a way through a paragraph whenever one exists, so a line is set overfull only
when no choice of breaks keeps every line within the measure (Knuth & Plass, "Breaking
paragraphs into lines", 1981, §2: a feasible breakpoint sequence is found if there is one).

Feasibility is decided here by brute force over the items, independently of the breaker:
a line from one break to the next fits when its width, shrunk by every glue it has (marks'
blank halves included, taken whole), is within the measure.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.text.items import Box, Glue, ShrinkStep, StretchStep
from layout.text.linebreak import Breaker, break_lines
from layout.text.options import BreakMode

from .conftest import BREAKERS

EXAMPLES = int(os.environ.get("BANMIAN_EXAMPLES", "300"))
PROPERTY = settings(
    max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("BANMIAN_EXAMPLES")
)

BOXES = st.builds(Box, st.sampled_from([2.0, 5.0, 10.0, 10.0, 10.0, 17.0, 35.0]))
# Glue as prepare makes it: it may shrink to nothing but never below (shrink ≤ width; the
# breaker's dropping of a line too long for every later break rests on that).
GLUES = st.builds(
    lambda width, stretch, shrink, step, penalty: Glue(
        width, stretch, min(shrink, width), StretchStep.INTER_CHARACTER, step, penalty
    ),
    st.sampled_from([0.0, 0.0, 2.5, 5.0]),
    st.sampled_from([0.0, 1.25, 2.5]),
    st.sampled_from([0.0, 0.0, 1.25, 5.0]),
    st.sampled_from([ShrinkStep.WORD_SPACE, ShrinkStep.HAN_LATIN, ShrinkStep.PAUSE]),
    st.sampled_from([None, 0.0, 0.0, 50.0, 3e7]),
)
# A paragraph: boxes with glue between them (never two glues in a row, as prepare makes).
PARAGRAPHS = st.lists(st.tuples(BOXES, GLUES), min_size=1, max_size=30).map(
    lambda pairs: [item for pair in pairs for item in pair][:-1]
)


def _line_fits(items: list, start: int, end: int, measure: float) -> bool:
    line = items[start:end]
    least = sum(i.width for i in line) - sum(i.shrink for i in line if isinstance(i, Glue))
    return least <= measure + 1e-6


def _feasible(items: list, measure: float) -> bool:
    """Whether some choice of breaks (at glue with a penalty) keeps every line within the
    measure; a line starts at the first box after its break."""
    n = len(items)

    def first_box(k: int) -> int:
        while k < n and not isinstance(items[k], Box):
            k += 1
        return k

    breaks = [k for k, it in enumerate(items) if isinstance(it, Glue) and it.penalty is not None]
    starts = {first_box(0)}
    for b in breaks:
        if any(s < b and _line_fits(items, s, b, measure) for s in starts):
            starts.add(first_box(b + 1))
    return any(s >= n or _line_fits(items, s, n, measure) for s in starts)


@pytest.mark.parametrize("breaker", BREAKERS)
@PROPERTY
@given(PARAGRAPHS, st.sampled_from([10.0, 20.0, 36.0, 50.0, 100.0]))
def test_total_fit_sets_no_overfull_line_when_a_way_through_exists(
    breaker: Breaker, items, measure
) -> None:
    breaks = break_lines(items, measure, BreakMode.TOTAL_FIT, breaker=breaker)
    overfull = [b for b in breaks if b.overfull > 1e-6]
    if _feasible(items, measure):
        assert not overfull, (items, measure, breaks)
    else:
        assert overfull, "no way through, yet every line fits"
