"""A headline part's size chosen by rank and width (``layout.compose.headsize``), on synthetic
metrics (every Han character 1 em): the largest size of the range whose lines fit the room
whole-word, filling the measure where the style asks it; a head that fits at no size
reported, never split inside a word."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.articles import Article
from layout.compose.headline import headline_block
from layout.compose.headsize import choose_size, set_part
from layout.compose.setter import Setter
from layout.geometry import Rect, WritingMode
from layout.page import HeadPart
from layout.report import ProblemKind
from layout.spec.model import Style

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SyntheticLibrary, styles  # noqa: E402

H = WritingMode.HORIZONTAL_TB
V = WritingMode.VERTICAL_RL
# 30 pt down to 10 pt in half points, a leading of 1.2 em at every size.
RANGE = {"size": 30.0, "leading": 36.0, "min_size": 10.0}
SPACED = "党建引领浙沪毗邻 乡村组团发展"  # two words of 8 and 6 characters
HEAD_PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "100")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)


def _setter(**headline: object) -> Setter:
    return Setter(SyntheticLibrary(), styles(headline={**RANGE, **headline}))  # type: ignore[arg-type]


def _style(setter: Setter) -> Style:
    return setter.style("headline")


def test_the_range_is_every_half_point_largest_first() -> None:
    sizes = _style(_setter()).sizes
    assert sizes[0] == 30.0 and sizes[-1] == 10.0 and len(sizes) == 41
    assert _style(_setter()).at_size(15.0).leading == 18.0  # the leading keeps its ratio


def test_a_short_head_across_a_wide_measure_is_set_at_the_largest_size() -> None:
    setter = _setter()
    part = choose_size(("双拥花开",), _style(setter), 400.0, 100.0, setter, H)
    assert part.style.size == 30.0 and len(part.lines) == 1


def test_a_long_head_steps_down_to_the_largest_size_that_fits_whole_word() -> None:
    setter = _setter()
    style = _style(setter)
    part = choose_size((SPACED,), style, 200.0, 50.0, setter, H)
    assert part.whole and part.height <= 50.0
    # Two lines (8 and 6 characters) in 50 pt of room: 1.2 em a line, so at most 20.5 pt;
    # the 8-character line in 200 − 2 em: at most 20 pt.
    assert part.style.size == 20.0 and [line.text for line in part.lines] == [
        "党建引领浙沪毗邻",
        "乡村组团发展",
    ]
    larger = set_part((SPACED,), style.at_size(20.5), 200.0, setter, H)
    assert not larger.whole or larger.height > 50.0


def test_a_fill_target_takes_one_full_line_over_two_half_empty_ones() -> None:
    # Without a target the head is as large as fits: two lines of 4 characters at 30 pt
    # (120 of a 140 pt measure: 86 %); asked to fill 90 %, it takes one line: 8 ems and the
    # word space shrunk to ¼ em in 200 − 2 em, 19.5 pt.
    text = ("全市推进 新能源车",)
    free = _setter()
    two = choose_size(text, _style(free), 200.0, 80.0, free, H)
    assert len(two.lines) == 2
    filled = _setter(fill=0.9)
    one = choose_size(text, _style(filled), 200.0, 80.0, filled, H)
    assert two.style.size == 30.0
    assert len(one.lines) == 1 and one.fill >= 0.9 and one.style.size == 19.5


def test_a_head_too_wide_for_the_white_at_its_ends_fills_its_line() -> None:
    """Three characters on a 34 pt line: with an em clear at each end, 3 s ≤ 34 − 2 s wants
    s ≤ 6.8 pt, below the range; on the whole line, 3 s ≤ 34: 11 pt, set with no white at
    the ends and nothing reported."""
    setter = _setter()
    part = choose_size(("破折号",), _style(setter), 34.0, 100.0, setter, H)
    assert part.whole and part.style.size == 11.0
    assert part.measure == 34.0 and part.inset == 0.0
    roomy = choose_size(("破折号",), _style(setter), 400.0, 100.0, setter, H)
    assert roomy.inset == roomy.style.size  # where it fits so, an em clear at each end


def test_a_line_under_three_ems_is_no_fit_with_its_white() -> None:
    """One character on a 40 pt line: with an em clear at each end, 3 s ≤ 40 wants 13 pt;
    the measure is what the ems leave, never held to an em (at 30 pt, 40 − 60 would have
    been widened to 30, and the head set as fitting with 5 pt at each end)."""
    setter = _setter()
    part = choose_size(("字",), _style(setter), 40.0, 100.0, setter, H)
    assert part.whole and part.style.size == 13.0 and part.inset == 13.0
    assert part.measure == 14.0  # 40 − 2 em
    # On a 25 pt line no size keeps its ems (3 × 10 > 25): the whole line, 25 pt, within it.
    narrow = choose_size(("字",), _style(setter), 25.0, 100.0, setter, H)
    assert narrow.whole and narrow.style.size == 25.0 and narrow.inset == 0.0
    assert narrow.measure == 25.0


def test_a_head_wider_than_its_area_at_every_size_is_reported_within_it() -> None:
    # One character in an 8 pt area, under an em of the smallest size (10 pt): no fit, with
    # or without the white. It is reported against the 8 pt it has, squeezed into them.
    setter = _setter()
    block = headline_block(_article("字"), Rect(0, 0, 8, 60), setter, "box", mode=H)
    (size,) = block.sizes
    assert size.size == 10.0
    (problem,) = [p for p in block.problems if "whole-word" in p.message]
    assert problem.kind is ProblemKind.OVERSET and problem.box == "box"
    assert "2.0pt wider than the 8.0pt measure" in problem.message
    assert problem.details.points_over == 2.0
    overfull = [p for p in block.problems if p.kind is ProblemKind.OVERFULL_LINE]
    assert overfull and "set 80% wide" in overfull[0].message


def test_a_vertical_head_too_long_for_its_white_keeps_the_white_of_the_strips_ends() -> None:
    """A 竖题 on a 横排 page: three characters down a 40 pt strip want 3 s ≤ 40 − 2 s with an
    em at each end, s ≤ 8 pt, below the range; sized again keeping 2.5 pt at the top and foot
    (half a body leading, the rows' white), 3 s ≤ 35: 11.5 pt, whole, nothing to report."""
    setter = _setter()
    upright = choose_size(("破折号",), _style(setter), 40.0, 100.0, setter, V, ends=2.5)
    assert upright.whole and upright.style.size == 11.5
    assert upright.inset == 2.5 and upright.measure == 35.0
    # Where it fits with its em, the em it keeps.
    roomy = choose_size(("破折号",), _style(setter), 400.0, 100.0, setter, V, ends=2.5)
    assert roomy.style.size == 30.0 and roomy.inset == 30.0
    # On a 竖排 page the band's gutter is at the strip's ends: the whole strip, 13 pt.
    banded = choose_size(("破折号",), _style(setter), 40.0, 100.0, setter, V)
    assert banded.whole and banded.style.size == 13.0 and banded.inset == 0.0


def test_a_vertical_head_with_a_word_longer_than_its_strip_is_set_smaller_unreported() -> None:
    """A Western word of 16 letters (½ em each, turned in 竖排): 8 ems. Down a 90 pt strip
    with an em at each end, 8 s ≤ 90 − 2 s wants s ≤ 9 pt, below the range; keeping 2.5 pt
    at the top and foot, 8 s ≤ 85: 10.5 pt, the word whole and nothing reported."""
    article = _article("Electrifications")
    setter = _setter()
    block = headline_block(article, Rect(0, 0, 40, 90), setter, "box", mode=V, ends=2.5)
    (size,) = block.sizes
    assert size.size == 10.5 and block.texts == ("Electrifications",)
    assert not block.problems
    # Down an 82 pt strip, 8 s ≤ 77 even so: below the range, the head is set at the
    # smallest size, the word overfull, and reported.
    tight = headline_block(article, Rect(0, 0, 40, 82), setter, "box", mode=V, ends=2.5)
    assert [p.kind for p in tight.problems if "whole-word" in p.message] == [ProblemKind.OVERSET]


def _article(headline: str) -> Article:
    return Article(
        id="story",
        path=Path("story.yaml"),
        kicker=None,
        headline=(headline,),
        subhead=None,
        byline=None,
        dateline=None,
        paragraphs=(),
        photos=(),
    )


def test_a_head_that_fits_at_no_size_is_reported_not_split() -> None:
    # A Western word of 22 letters (½ em each) in 100 pt: 11 ems of 10 pt > 100 even at the
    # smallest size and on the whole line.
    article = Article(
        id="story",
        path=Path("story.yaml"),
        kicker=None,
        headline=("Supercalifragilisticex",),
        subhead=None,
        byline=None,
        dateline=None,
        paragraphs=(),
        photos=(),
    )
    setter = _setter()
    block = headline_block(article, Rect(0, 0, 100, 60), setter, "box", mode=H)
    (size,) = block.sizes
    assert size.size == 10.0 and size.part is HeadPart.HEADLINE
    problems = [p for p in block.problems if "whole-word" in p.message]
    assert problems and problems[0].kind is ProblemKind.OVERSET and problems[0].box == "box"
    assert block.texts == ("Supercalifragilisticex",)  # one line, overfull, never split


def test_the_headline_is_sized_before_the_subhead_and_sizes_are_recorded() -> None:
    article = Article(
        id="story",
        path=Path("story.yaml"),
        kicker=None,
        headline=("双拥花开 满城芬芳",),
        subhead="我市实现全国双拥模范城三连冠",
        byline=None,
        dateline=None,
        paragraphs=(),
        photos=(),
    )
    setter = Setter(
        SyntheticLibrary(),  # type: ignore[arg-type]
        styles(headline=RANGE, subhead={"size": 16.0, "leading": 19.2, "min_size": 10.0}),
    )
    block = headline_block(article, Rect(0, 0, 300, 60), setter, "box", mode=H)
    head, sub = block.sizes
    assert (head.part, sub.part) == (HeadPart.HEADLINE, HeadPart.SUBHEAD)
    # The 主题 takes what the 副题 leaves at its smallest (12 pt of 60): 48 pt, room for one
    # line up to 40 pt; 8 ems and the word space shrunk to ¼ em in 300 − 2 em: 29 pt. The
    # 副题 then has 60 − 34.8 pt: its 14 characters fit one line at the top of its range.
    assert head.size == 29.0 and head.lines == 1
    assert sub.size == 16.0 and sub.lines == 1
    assert block.height <= 60.0 + 1e-6 and not block.problems
    assert head.largest == 30.0 and head.smallest == 10.0


# ------------------------------------------------- fewer trial settings, the same choice


def _reference_size(texts, style, line_length, room, setter) -> float:
    """The choice the module docstring gives, found the plain way: every size set."""
    settings = [set_part(texts, style.at_size(s), line_length, setter, H) for s in style.sizes]
    fitting = [s for s in settings if s.whole and s.height <= room + 1e-6]
    if not fitting:
        return style.sizes[-1]
    chosen = fitting[0]
    if style.fill is not None:
        filled = [s for s in fitting if s.fill >= style.fill - 1e-6]
        if filled:
            chosen = filled[0]
    if any(" " in text for text in texts) and not _at_spaces(chosen):
        smaller = [s for s in fitting if s.style.size < chosen.style.size and _at_spaces(s)]
        if smaller:
            return smaller[0].style.size
    return chosen.style.size


def _at_spaces(part) -> bool:  # type: ignore[no-untyped-def]
    """Every line of ``part`` but the last of a written line ends at a space."""
    return all(
        par.text[line.end : after.start] == " "
        for par in part.paragraphs
        for line, after in zip(par.lines, par.lines[1:], strict=False)
    )


def test_a_head_that_must_break_breaks_at_the_editors_space_before_a_larger_size() -> None:
    # “村BA”火了 乡村振兴有了新引擎 (the designer's probe): 7 and 9 ems about the space. On
    # a 262.5 pt line, at 24 pt the second word (9 ems in 262.5 − 2 em) does not fit, so the
    # head breaks inside 乡村振兴 with the space kept in line 1; at 22 pt it breaks at the
    # space, as the editor meant: chosen over the larger size.
    setter = _setter(size=26.0, leading=31.2, min_size=22.0, fill=0.9)
    text = ("“村BA”火了 乡村振兴有了新引擎",)
    style = _style(setter)
    larger = set_part(text, style.at_size(24.0), 262.5, setter, H)
    assert larger.whole and len(larger.lines) == 2 and not _at_spaces(larger)
    part = choose_size(text, style, 262.5, 100.0, setter, H)
    assert _at_spaces(part) and len(part.lines) == 2
    assert part.style.size == max(
        s for s in style.sizes if _at_spaces(set_part(text, style.at_size(s), 262.5, setter, H))
    )
    # A head with no space breaks between its words at the largest size, as before.
    unspaced = choose_size(("“村BA”火了乡村振兴有了新引擎",), style, 262.5, 100.0, setter, H)
    assert unspaced.style.size == 26.0 and len(unspaced.lines) == 2


class _Counting(Setter):
    """A setter that counts the headline settings asked of it (memo hits included)."""

    __slots__ = ("asked",)

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.asked = 0

    def set(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.asked += 1
        return super().set(*args, **kwargs)


HEAD_TEXTS = st.lists(
    st.sampled_from(["双拥花开", "满城芬芳", "党建引领", "浙沪毗邻", "乡村", "组团发展", "AI"]),
    min_size=1,
    max_size=5,
).map(" ".join)


@HEAD_PROPERTY
@given(
    st.lists(HEAD_TEXTS, min_size=1, max_size=2).map(tuple),
    st.floats(min_value=60.0, max_value=600.0),
    st.floats(min_value=10.0, max_value=150.0),
    st.sampled_from([None, 0.6, 0.9]),
)
def test_the_size_chosen_is_the_largest_by_the_rules(texts, line_length, room, fill) -> None:
    setter = _setter(fill=fill) if fill is not None else _setter()
    style = _style(setter)
    chosen = choose_size(texts, style, line_length, room, setter, H)
    assert chosen.style.size == _reference_size(texts, style, line_length, room, setter)


def test_a_short_head_that_fits_at_its_largest_size_is_set_at_few_sizes() -> None:
    setter = _Counting(SyntheticLibrary(), styles(headline=RANGE))  # type: ignore[arg-type]
    part = choose_size(("双拥花开",), _style(setter), 400.0, 100.0, setter, H)
    assert part.style.size == 30.0
    # The largest size alone: a line for its one written line is within the room at every
    # size, so the smallest size is not set for the lines it has at least.
    assert setter.asked == 1


def test_a_size_too_tall_for_its_lines_is_not_set() -> None:
    setter = _Counting(SyntheticLibrary(), styles(headline=RANGE))  # type: ignore[arg-type]
    two = ("双拥花开", "满城芬芳")
    part = choose_size(two, _style(setter), 400.0, 50.0, setter, H)
    assert part.style.size == 20.5  # two leadings of 1.2 em in 50 pt
    # Every size the bisection names above 20.5 pt is taller than the room in two lines and
    # is not set: only the smallest size, 20 pt (the bisection's first, which fits) and
    # 20.5 pt are, two texts each (of the 41 sizes, the bisection names 6).
    assert setter.asked == 3 * 2


def test_a_short_head_short_of_its_fill_at_its_largest_size_is_set_at_that_size_alone() -> None:
    setter = _Counting(SyntheticLibrary(), styles(headline={**RANGE, "fill": 0.9}))  # type: ignore[arg-type]
    part = choose_size(("双拥花开",), _style(setter), 400.0, 100.0, setter, H)
    # One line at 30 pt, a third of the measure: no size sets it in fewer lines, and the
    # lines it has at least (one: its written line sets) are counted from that size, not
    # from the smallest size set for them.
    assert part.style.size == 30.0 and len(part.lines) == 1 and part.fill < 0.9
    assert setter.asked == 1
