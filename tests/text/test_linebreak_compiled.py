"""The compiled line breaker (``layout.text._breaker``) against the Python reference in
``layout.text.linebreak``: the same prefix sums, and the same total-fit pass — breaks,
overfull widths, demerits and the worst line bit for bit, the counts, the ways to end the
paragraph, and the same error where the reference raises one — on random item sequences
under every combination of the rules, on the sample's copy, and through the entry points.
Bad input to the compiled module is a TypeError, never a crash.

Skipped, with the reason, where the module was not built (no C compiler at install time);
``.ci/run`` checks that it was built there and is the one used.
"""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text import linebreak
from layout.text.items import Box, Discretionary, Glue, GlyphRun, ShrinkStep, StretchStep
from layout.text.linebreak import (
    BREAKER,
    Breaker,
    _compiled_sums,
    _compiled_total_fit,
    _prefix_sums,
    _Rules,
    _spread,
    _total_fit,
    break_lines_counted,
    break_to_count,
    squeezed_marks,
)
from layout.text.metrics import SyntheticMetrics
from layout.text.options import BreakMode
from layout.text.prepare import ParagraphStyle, prepare

from .conftest import EM, sample_body_paragraphs
from .test_properties import PROPERTY

_breaker = linebreak._breaker
pytestmark = pytest.mark.skipif(
    _breaker is None,
    reason="layout.text._breaker is not built (no C compiler when installed): "
    "only the Python breaker runs",
)

LENGTHS = st.one_of(
    st.sampled_from([0.0, 0.0, 1.25, 2.5, 5.0, 10.0, 10.0, 17.0, 35.0]),
    st.floats(0.0, 60.0, allow_nan=False),
    st.sampled_from([-5.0, 1e-7, 1e300, math.inf]),  # (rarely: what prepare never makes)
)
PENALTIES = st.one_of(
    st.sampled_from([None, None, 0.0, 50.0, -50.0, 1e4, 3e7]),
    st.floats(-1e4, 1e4, allow_nan=False),
)
BOXES = st.builds(Box, LENGTHS)
GLUES = st.builds(
    Glue,
    LENGTHS,
    st.one_of(LENGTHS, st.just(0.0)),
    st.one_of(LENGTHS, st.just(0.0)),
    st.sampled_from(list(StretchStep)),
    st.sampled_from(list(ShrinkStep)),
    PENALTIES,
)
HYPHEN = (GlyphRun("-", "serif", 0.0, 3.3),)
DISCRETIONARIES = st.builds(
    Discretionary,
    st.sampled_from([0.0, 3.3, 5.0]),
    st.just(HYPHEN),
    st.sampled_from([0.0, 50.0, 1e4]),
    st.sampled_from([0.0, 10.0, 20.0]),
)
# Any order (two glues in a row, a discretionary first …), not only what prepare makes.
ITEMS = st.lists(st.one_of(BOXES, BOXES, GLUES, GLUES, DISCRETIONARIES), min_size=1, max_size=40)
MEASURES = st.one_of(
    st.sampled_from([0.5, 5.0, 10.0, 20.0, 36.0, 50.0, 100.0, 130.0, 1000.0]),
    st.floats(1.0, 200.0, allow_nan=False),
    st.sampled_from([0.0, -1.0, 1e-9, math.inf]),
)
RULES = st.builds(
    lambda tolerance, bonus, spread, ends: (tolerance, bonus, spread, ends),
    st.sampled_from([None, None, 1.5, 0.5, 3.0]),
    st.sampled_from([0.0, 1e3, -1e3, 1e5, -1e7]),
    st.sampled_from([None, None, 0.0, 2.5, 25.0]),  # the loose limit, points
    st.booleans(),
)


def _bits(x: float) -> str:
    return x.hex()  # equal exactly (NaN to NaN), and -0.0 apart from 0.0


def _outcome(fit, items, sums, measure, rules) -> tuple:
    """A pass's whole result in comparable form, or the error it raised."""
    try:
        counted = fit(items, sums, measure, rules)
    except (ArithmeticError, ValueError) as error:
        return ("error", type(error), str(error))
    found = counted.found
    best = None
    if found is not None:
        breaks = [(b.position, _bits(b.overfull)) for b in found.breaks]
        best = (breaks, _bits(found.demerits), _bits(found.worst_line))
    ends = [(lines, _bits(demerits)) for lines, demerits in counted.ends]
    return (best, counted.stats, ends)


def _sums_lists(items) -> list:
    s = _prefix_sums(items)
    return [s.width, s.stretch, s.shrink, s.whole, s.marks, s.next_box, s.breakpoints,
            s.tails, s.ragged]  # fmt: skip


@PROPERTY
@given(ITEMS, MEASURES, RULES)
def test_the_compiled_pass_is_the_python_pass(items, measure, rules) -> None:
    tolerance, bonus, limit, ends = rules
    spread = None if limit is None else _spread(items, limit + 1e-9)
    rule = _Rules(tolerance, bonus, spread, ends)
    python = _outcome(_total_fit, items, _prefix_sums(items), measure, rule)
    compiled = _outcome(_compiled_total_fit, items, _compiled_sums(items), measure, rule)
    assert compiled == python


class _Stretchy(Glue):
    """A subclass of Glue: the sums read it as a box (by the exact class), first-fit as a
    break (by isinstance) — as the Python code reads it, so must the compiled one."""


SUBCLASSED = st.builds(
    lambda glue: _Stretchy(*glue), st.builds(Glue, LENGTHS, LENGTHS, LENGTHS, penalty=PENALTIES)
)


@PROPERTY
@given(st.lists(st.one_of(BOXES, GLUES, DISCRETIONARIES, SUBCLASSED), min_size=1, max_size=40),
       MEASURES)  # fmt: skip
def test_the_compiled_first_fit_is_the_python_first_fit(items, measure) -> None:
    def run(engine):
        try:
            breaks = engine.first_fit(items, engine.sums(items), measure)
        except (ArithmeticError, ValueError, AssertionError) as error:
            return (type(error), str(error))
        return [(b.position, _bits(b.overfull)) for b in breaks]

    python = run(linebreak._engine(Breaker.PYTHON))
    assert run(linebreak._engine(Breaker.COMPILED)) == python


@PROPERTY
@given(ITEMS)
def test_the_compiled_prefix_sums_are_the_python_sums(items) -> None:
    assert list(_compiled_sums(items).lists()) == _sums_lists(items)


@PROPERTY
@given(ITEMS, MEASURES, st.sampled_from([0.0, 1e4, -1e4]), st.sampled_from([-1, 1]))
def test_the_entry_points_give_the_same_breaks_with_either(items, measure, bonus, more) -> None:
    def both(call):
        results = []
        for breaker in Breaker:
            try:
                breaks, stats = call(breaker)
                plain = (
                    None if breaks is None else [(b.position, _bits(b.overfull)) for b in breaks]
                )
                results.append((plain, stats))
            except (ArithmeticError, ValueError, AssertionError) as error:
                # (items prepare never makes, such as a paragraph with no box, fail the
                # entry points' own assertions: alike for both)
                results.append((type(error), str(error)))
        return results

    for mode in (BreakMode.FIRST_FIT, BreakMode.TOTAL_FIT):
        python, compiled = both(
            lambda b, mode=mode: break_lines_counted(
                items, measure, mode, line_bonus=bonus, breaker=b
            )
        )
        assert compiled == python
    if isinstance(python, tuple) and isinstance(python[0], list):
        lines = len(python[0])
        python, compiled = both(
            lambda b: break_to_count(items, measure, lines, more, loose=2.5, breaker=b)
        )
        assert compiled == python


FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(-100.0, 100.0),
    st.sampled_from([0.0, -0.0, 1e-6, 2e-6, 5.0, 2.5, 1e-300, 5e-324]),
)


@PROPERTY
@given(FLOATS, FLOATS, st.integers(0, 50))
def test_squeezed_marks_floors_as_python_does(excess, whole, marks) -> None:
    # Python's float floor division, reproduced in C (float_floor_div), errors included.
    def run(function):
        try:
            return function(excess, whole, marks)
        except (ArithmeticError, ValueError) as error:
            return (type(error), str(error))

    python, compiled = run(squeezed_marks), run(_breaker.squeezed_marks)
    assert compiled == python and type(compiled) is type(python)


@pytest.mark.parametrize("chars", [8, 13, 21])
def test_the_sample_copy_is_broken_alike(chars: int) -> None:
    style = ParagraphStyle(size=EM, indent=2.0)
    measure = chars * EM
    for text in sample_body_paragraphs():
        items = prepare(text, style, SyntheticMetrics(), measure).items
        results = {
            b: break_lines_counted(items, measure, BreakMode.TOTAL_FIT, breaker=b) for b in Breaker
        }
        assert results[Breaker.COMPILED] == results[Breaker.PYTHON], text
        lines = len(results[Breaker.PYTHON][0])
        for more in (-1, 1):
            drawn = {
                b: break_to_count(items, measure, lines, more, loose=2.5, breaker=b)
                for b in Breaker
            }
            assert drawn[Breaker.COMPILED] == drawn[Breaker.PYTHON], (text, more)


def test_the_compiled_constants_are_the_python_ones() -> None:
    assert {name: getattr(linebreak, name) for name in _breaker.CONSTANTS} == _breaker.CONSTANTS
    assert set(_breaker.CONSTANTS) >= {"_EPSILON", "SQUEEZE_BADNESS", "_OVERFULL_DEMERITS"}


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([Box(10.0), "平"], "item 1 is a str, not a Box, Glue or Discretionary"),
        ([Box(10.0), 3.0], "item 1 is a float, not a Box, Glue or Discretionary"),
        (Box(10.0), "item 0 is a float, not a Box, Glue or Discretionary"),  # (its fields)
        ([Box("wide")], "item 0: Box.width must be a number, not str"),
        ([Glue(5.0, None)], "item 0: Glue.stretch must be a number, not NoneType"),
        ([Glue(5.0, penalty="x")], "item 0: Glue.penalty must be a number, not str"),
        ([Discretionary(None, (), 0.0)], "item 0: Discretionary.break_width must be a number"),
    ],
)
def test_a_wrong_item_is_a_type_error(items, message: str) -> None:
    with pytest.raises(TypeError, match=re.escape(message)):
        _compiled_sums(items)


def test_wrong_arguments_are_type_errors() -> None:
    with pytest.raises(TypeError, match="the items must be a sequence"):
        _compiled_sums(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # the Python sums are not the compiled ones
        _breaker.total_fit(_prefix_sums([Box(1.0)]), 10.0, None, 0.0, None, False)
    with pytest.raises(TypeError):  # the marks' steps must be a frozenset
        _breaker.Sums([Box(1.0)], Box, Glue, Discretionary, {ShrinkStep.PAUSE})
    with pytest.raises(AttributeError):  # a spread that is not one
        _breaker.total_fit(_compiled_sums([Box(1.0)]), 10.0, None, 0.0, object(), False)
    spread = _spread([Box(1.0), Box(1.0)], 2.0)
    with pytest.raises(ValueError, match="3 sums for 1 items"):
        _breaker.total_fit(_compiled_sums([Box(1.0)]), 10.0, None, 0.0, spread, False)


def test_the_compiled_breaker_is_the_one_used_where_it_is_built() -> None:
    assert BREAKER is Breaker.COMPILED
    assert linebreak._engine(BREAKER).total_fit is _compiled_total_fit
    assert linebreak._engine(Breaker.PYTHON).total_fit is _total_fit
