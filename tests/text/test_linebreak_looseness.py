"""``linebreak.break_to_count``: a paragraph drawn out or pulled in by lines (TeX's
``\\looseness``), against the reference it replaces — a linear search over the line bonuses,
each pass trying every line — and the loose limit it is told of, against ``finalize``.

- without the limit it finds the very breaks of the linear search (the line count grows with
  the bonus, so bisection finds the same first bonus that reaches the count);
- with the loose limit it leaves out only lines that ``finalize`` sets loose: whenever the
  reference's setting has no loose line, the same breaks come out, and it does less work
  (counted: the (breakpoint, node) pairs weighed, never timed);
- a line it calls loose is loose as ``finalize`` justifies it, and one it calls loose for
  every later start is so for each of them.

Synthetic 1-em metrics, 1 em = 10 pt."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text.check import LOOSE_LIMIT
from layout.text.finalize import Line, finalize
from layout.text.items import Box, Glue, Item
from layout.text.linebreak import (
    _FITS,
    _LOOSE_ON,
    BONUSES,
    WORD_SPREAD_TOLERANCE,
    Break,
    Breaker,
    _engine,
    _prefix_sums,
    _Rules,
    _spread,
    break_lines,
    break_to_count,
)
from layout.text.metrics import SyntheticMetrics
from layout.text.options import Align, BreakMode
from layout.text.prepare import ParagraphStyle, Preparation, prepare

from .conftest import BREAKERS, EM, sample_body_paragraphs
from .test_properties import MEASURES, PROPERTY, TEXTS

LIMIT = LOOSE_LIMIT * EM + 1e-9  # as paragraph._loose_lines
WORD_LIMIT = WORD_SPREAD_TOLERANCE
STYLE = ParagraphStyle(size=EM, indent=2.0)
# Western words and word spaces among the Han: lines that word spaces justify.
WESTERN = st.lists(
    st.one_of(
        st.sampled_from(["平湖经济", "发展工业，", "增加值。", "市委书记"]),
        st.sampled_from(["the ", "Pinghu ", "industrial ", "growth, ", "a ", "PTA "]),
    ),
    min_size=1,
    max_size=30,
).map("".join)
ANY_TEXT = st.one_of(TEXTS, WESTERN)


def _prepared(text: str, chars: int) -> Preparation:
    return prepare(text, STYLE, SyntheticMetrics(), chars * EM)


def _reference(
    items: list[Item], measure: float, lines: int, more: int, breaker: Breaker
) -> list[Break] | None:
    """The search break_to_count replaces: every bonus in turn, smallest first, each pass
    trying every line, up to the first that reaches the count or goes past it."""
    target = lines + more
    if target < 1:
        return None
    for bonus in BONUSES:
        bonused = -more * bonus
        breaks = break_lines(
            items, measure, BreakMode.TOTAL_FIT, line_bonus=bonused, breaker=breaker
        )
        if len(breaks) == target:
            return breaks
        if (len(breaks) - target) * more > 0:
            return None
    return None


def _is_loose(line: Line) -> bool:
    """As paragraph._loose_lines: spread, short, or its word spaces past their stretch."""
    return line.spacing > LIMIT or line.short > LIMIT or line.word_spread > WORD_LIMIT


def _loose(lines: list[Line]) -> bool:
    return any(_is_loose(line) for line in lines)


def _lines(p: Preparation, breaks: list[Break], chars: int) -> list[Line]:
    return finalize(p.items, breaks, chars * EM, Align.JUSTIFY, p.sources)


@pytest.mark.parametrize("breaker", BREAKERS)
@PROPERTY
@given(ANY_TEXT, MEASURES, st.sampled_from([-1, 1]))
def test_bisection_finds_the_breaks_of_the_linear_search(breaker, text, chars, more) -> None:
    p = _prepared(text, chars)
    lines = len(break_lines(p.items, chars * EM, BreakMode.TOTAL_FIT, breaker=breaker))
    found, _ = break_to_count(p.items, chars * EM, lines, more, breaker=breaker)
    assert found == _reference(list(p.items), chars * EM, lines, more, breaker)


@pytest.mark.parametrize("breaker", BREAKERS)
@PROPERTY
@given(ANY_TEXT, MEASURES, st.sampled_from([-1, 1]))
def test_the_loose_limit_keeps_every_setting_the_rules_take(breaker, text, chars, more) -> None:
    p = _prepared(text, chars)
    measure = chars * EM
    lines = len(break_lines(p.items, measure, BreakMode.TOTAL_FIT, breaker=breaker))
    found, pruned = break_to_count(p.items, measure, lines, more, loose=LIMIT, breaker=breaker)
    _, full = break_to_count(p.items, measure, lines, more, breaker=breaker)
    reference = _reference(list(p.items), measure, lines, more, breaker)
    if reference is not None and not _loose(_lines(p, reference, chars)):
        assert found == reference
    if found is not None:
        assert len(found) == lines + more  # exactly the count, or None
    assert pruned.evaluations <= full.evaluations


@pytest.mark.parametrize("breaker", BREAKERS)
def test_the_loose_limit_saves_work_on_a_long_paragraph(breaker) -> None:
    text = "春潮涌动，活力勃发。平湖现代产业体系不断完善，重点产业立柱架梁，创新因子持续激荡。" * 6
    p = _prepared(text, 13)
    lines = len(break_lines(p.items, 13 * EM, BreakMode.TOTAL_FIT, breaker=breaker))
    found, pruned = break_to_count(p.items, 13 * EM, lines, 1, loose=LIMIT, breaker=breaker)
    reference, full = break_to_count(p.items, 13 * EM, lines, 1, breaker=breaker)
    assert found is not None and found == reference
    assert len(found) == lines + 1
    assert pruned.evaluations * 2 < full.evaluations  # (counted, not timed)
    # The first pass tried (the middle bonus) reaches the count, and the ways it found to
    # end the paragraph in fewer lines prove the bonus below it short: one pass, not two.
    assert pruned.passes == 1


@pytest.mark.parametrize("breaker", BREAKERS)
@PROPERTY
@given(ANY_TEXT, MEASURES, st.sampled_from(BONUSES), st.sampled_from([-1.0, 1.0]))
def test_the_ends_of_a_pass_hold_its_best(breaker, text, chars, bonus, sign) -> None:
    p = _prepared(text, chars)
    items = list(p.items)
    if not items:
        return
    rules = _Rules(None, sign * bonus, _spread(items, LIMIT), ends=True)
    engine = _engine(breaker)
    counted = engine.total_fit(items, engine.sums(items), chars * EM, rules)
    if counted.found is None:
        return
    if not counted.ends:  # nothing fits the last line: it was set overfull
        assert counted.found.breaks[-1].overfull > 0
        return
    assert min(demerits for _, demerits in counted.ends) == counted.found.demerits
    best = {lines for lines, demerits in counted.ends if demerits == counted.found.demerits}
    assert len(counted.found.breaks) in best


@pytest.mark.parametrize("breaker", BREAKERS)
@pytest.mark.parametrize("more", [-1, 1])
def test_on_the_sample_copy_the_loose_limit_changes_no_setting_the_rules_take(
    more, breaker
) -> None:
    for text in sample_body_paragraphs():
        p = _prepared(text, 13)
        lines = len(break_lines(p.items, 13 * EM, BreakMode.TOTAL_FIT, breaker=breaker))
        found, _ = break_to_count(p.items, 13 * EM, lines, more, loose=LIMIT, breaker=breaker)
        reference = _reference(list(p.items), 13 * EM, lines, more, breaker)
        if reference is not None and not _loose(_lines(p, reference, 13)):
            assert found == reference, text
        if found is not None:
            assert len(found) == lines + more


@pytest.mark.parametrize("breaker", BREAKERS)
def test_no_count_below_one_line_and_no_count_unchanged(breaker) -> None:
    p = _prepared("平湖", 10)
    assert break_to_count(p.items, 10 * EM, 1, -1, loose=LIMIT, breaker=breaker)[0] is None
    assert break_to_count(p.items, 10 * EM, 1, 0, loose=LIMIT, breaker=breaker)[0] is None
    assert break_to_count([], 10 * EM, 0, 1, breaker=breaker)[0] is None


def _starts(items: list[Item]) -> list[int]:
    """Where a line may start: the paragraph's first box and the first box after each
    breakpoint (as the breaker and finalize start lines)."""
    sums = _prefix_sums(items)
    return sorted({sums.next_box[0], *(sums.next_box[b + 1] for b in sums.breakpoints)})


def _justified(items: list[Item], start: int, end: int, measure: float) -> Line:
    """The line of ``items[start:end]`` as finalize justifies it (not the last line)."""
    part = [*items[start:end], Glue(0.0, penalty=0.0), Box(0.0)]
    breaks = [Break(end - start), Break(len(part))]
    line, _ = finalize(part, breaks, measure, Align.JUSTIFY, [0] * len(part))
    return line


@PROPERTY
@given(ANY_TEXT, MEASURES)
def test_a_line_called_loose_is_loose_as_finalize_sets_it(text, chars) -> None:
    p = _prepared(text, chars)
    items, measure = list(p.items), chars * EM
    spread = _spread(items, LIMIT)
    sums = _prefix_sums(items)
    starts = _starts(items)
    for end in sums.breakpoints:
        for k, start in enumerate(starts):
            natural = sums.width[end] - sums.width[start]
            if start >= end or natural >= measure - 1e-6:
                continue
            verdict = spread.loose(start, end, measure - natural)
            line = _justified(items, start, end, measure)
            if verdict == _FITS:
                assert line.spacing <= LIMIT + 1e-6 and line.short <= LIMIT + 1e-6
                assert line.word_spread <= WORD_LIMIT + 1e-6
                continue
            assert _is_loose(line)
            if verdict == _LOOSE_ON:
                for later in starts[k + 1 :]:
                    if later < end:
                        assert _is_loose(_justified(items, later, end, measure))
