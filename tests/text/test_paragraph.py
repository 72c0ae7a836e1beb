"""A paragraph set a line longer or shorter (拉行 / 缩行, TeX's ``\\looseness``) to fill a
column: exactly one line more or fewer, every character kept, within the spacing rules — or
the best setting unchanged. Synthetic 1-em metrics, 1 em = 10 pt."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from layout.text.check import LOOSE_LIMIT, check_lines
from layout.text.options import Prohibition

from .conftest import EM, line_texts, set_text
from .test_properties import MEASURES, PROPERTY, TEXTS

# 4 lines of 10 at the natural width, the last one full: drawn out, 9 a line will do (each
# gap ⅑ em wider), pulled in it cannot be (every line is already full).
FULL_LAST = "平湖经济发展工业增加" * 3 + "值同比增长市委书记会"


def test_a_paragraph_drawn_out_takes_one_line_more() -> None:
    best = set_text(FULL_LAST, 10)
    assert [len(t) for t in line_texts(best)] == [10, 10, 10, 10]
    drawn = set_text(FULL_LAST, 10, looseness=1)
    assert len(drawn.lines) == 5
    assert "".join(line_texts(drawn)) == FULL_LAST
    for line in drawn.lines[:-1]:
        assert abs(line.width - 10 * EM) < 0.01  # justified
        assert line.spacing <= LOOSE_LIMIT * EM + 1e-9


def test_full_lines_cannot_be_pulled_in_and_keep_the_best_setting() -> None:
    best = set_text(FULL_LAST, 10)
    assert set_text(FULL_LAST, 10, looseness=-1) == best


def test_a_short_last_line_is_pulled_in_by_the_marks() -> None:
    # Ten characters of which two are marks that can give up half an em each: the 4-line
    # setting ends in a line of one character and a mark; pulled in, the marks make room.
    text = "平湖经济，发展工业增加。" * 3 + "值。"
    best = set_text(text, 12)
    assert len(best.lines) == 4
    pulled = set_text(text, 12, looseness=-1)
    assert len(pulled.lines) == 3
    assert "".join(line_texts(pulled)) == text


def test_drawing_out_stops_where_a_line_would_be_loose() -> None:
    # Two lines of 10 and 2: three lines would need gaps of 4/9 em or a 孤字.
    text = "平湖经济发展工业增加值同"
    assert set_text(text, 10, looseness=1) == set_text(text, 10)


def test_a_one_line_paragraph_is_not_pulled_in_to_none() -> None:
    assert set_text("平湖", 10, looseness=-1) == set_text("平湖", 10)


@PROPERTY
@given(TEXTS, MEASURES, st.sampled_from([-1, 1]))
def test_looseness_gives_one_line_more_or_fewer_or_the_best(text, chars, more) -> None:
    best = set_text(text, chars, indent=2)
    moved = set_text(text, chars, indent=2, looseness=more)
    assert "".join(line_texts(moved)) == "".join(text.split())
    if moved == best:
        return
    assert len(moved.lines) == len(best.lines) + more
    assert not moved.overfull
    limit = LOOSE_LIMIT * EM + 1e-9
    assert all(line.spacing <= limit and line.short <= limit for line in moved.lines)
    broken = check_lines(moved.lines, moved.text, Prohibition.BASIC, em=EM)
    kept = check_lines(best.lines, best.text, Prohibition.BASIC, em=EM)
    assert len(broken) <= len(kept)
