"""Runs too wide for the measure are opened (layout.text.overlong): exact breaks with synthetic
1-em metrics (1 em = 10 pt; Latin letters, digits and ASCII signs ½ em, a solidus 1 em)."""

from __future__ import annotations

import re

import pytest

from layout.text.check import ViolationKind, check_lines
from layout.text.items import Discretionary
from layout.text.linebreak import _TOLERANCE_DEMERITS, Breaker, break_lines
from layout.text.metrics import SyntheticMetrics
from layout.text.options import BreakMode, Prohibition
from layout.text.overlong import FITTING_WORD_PENALTY, LAST_RESORT_PENALTY, WORD_BREAK_PENALTY
from layout.text.prepare import ParagraphStyle, prepare

from .conftest import BREAKERS, EM, set_text

MODES = list(BreakMode)


def marked(par) -> list[str]:
    """Line texts, with the hyphen drawn at a hyphenated line's end."""
    return [line.text + ("-" if line.hyphenated else "") for line in par.lines]


@pytest.mark.parametrize("mode", MODES)
def test_a_word_that_fits_a_line_is_not_broken(mode: BreakMode) -> None:
    # 20 letters, 10 em, in a 12-em column: it goes to the next line whole, and the line
    # above (spread by 0.22 em, within the loose limit of ¼ em) stays as it is.
    par = set_text("一二三四五六七八九十internationalization", 12, mode=mode)
    assert marked(par) == ["一二三四五六七八九十", "internationalization"]
    assert par.lines[0].spacing == pytest.approx(20 / 9)
    items = prepare(par.text, ParagraphStyle(size=EM, indent=0), SyntheticMetrics(), 120).items
    assert not any(isinstance(item, Discretionary) for item in items)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("chars", range(3, 21))
def test_a_word_with_a_decimal_point_is_kept_whole_at_every_measure(
    mode: BreakMode, chars: int
) -> None:
    # PM2.5 (2.5 em) fits every measure from 3 字: never broken, not even in the second pass
    # (it was read as a file name, broken before its "."), and no line starts with ".".
    par = set_text(
        "东南风2-3级转4-5级。空气质量良，首要污染物PM2.5，AQI指数为78。", chars, mode=mode
    )
    lines = marked(par)
    assert any("PM2.5" in line for line in lines)
    assert not any(line.startswith(".") for line in lines)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("chars", range(3, 21))
def test_a_score_is_never_broken_at_its_ratio_sign(mode: BreakMode, chars: int) -> None:
    text = "上半场双方战成1∶1，下半场嘉善队2∶0完胜，第五场5∶5战平，最终总比分为21∶19。"
    lines = marked(set_text(text, chars, mode=mode))
    assert "".join(lines) == text
    assert not any(line.startswith("∶") for line in lines)
    if chars > 3:  # (in 3 em, 21∶19。 is wider than the line: broken after its sign)
        assert re.findall(r"\d+∶\d+", "|".join(lines)) == ["1∶1", "2∶0", "5∶5", "21∶19"]


@pytest.mark.parametrize("mode", MODES)
def test_a_fitting_word_is_broken_to_spare_a_loose_line(mode: BreakMode) -> None:
    # Whole, the word would leave "我们今天讨论" spread over 10 em (0.8 em between
    # characters): the second pass hyphenates it instead (TeX's second pass).
    par = set_text("我们今天讨论hyphenation的问题。", 10, mode=mode)
    assert marked(par) == ["我们今天讨论hyphen-", "ation的问题。"]
    assert max(line.spacing for line in par.lines) <= 2.5
    # A number that fits is kept whole all the same.
    assert marked(set_text("电话号码是0573-85012345。", 10, mode=mode)) == [
        "电话号码是",
        "0573-85012345。",
    ]


def test_second_pass_breaks_cost_as_much_as_a_line_at_the_tolerance() -> None:
    style = ParagraphStyle(size=EM, indent=0)
    items = prepare("平平hyphenation平", style, SyntheticMetrics(), 100, fitting=True).items
    breaks = [item for item in items if isinstance(item, Discretionary)]
    assert breaks and {b.penalty for b in breaks} == {FITTING_WORD_PENALTY}
    assert FITTING_WORD_PENALTY**2 >= _TOLERANCE_DEMERITS


@pytest.mark.parametrize("mode", MODES)
def test_a_word_longer_than_the_measure_is_hyphenated(mode: BreakMode) -> None:
    par = set_text("平湖internationalization平湖", 6, mode=mode)
    assert marked(par) == ["平湖inter-", "nationaliza-", "tion平湖"]
    assert not par.overfull
    assert "".join(line.text for line in par.lines) == par.text
    for line in par.lines[:-1]:
        hyphen = line.glyphs[-1]
        assert hyphen.text == "-" and hyphen.inserted
        # drawn at the line end, and counted in its width: the line is the measure
        assert hyphen.inline + hyphen.advance == pytest.approx(60)
        assert hyphen.source == line.end  # where the text goes on
    assert par.lines[1].start == par.lines[0].end


@pytest.mark.parametrize("mode", MODES)
def test_one_hyphen_where_one_will_do(mode: BreakMode) -> None:
    # 10 em in a 9-em column: one break, as late as the line allows (the piece alone on its
    # line is set ragged, flush with the line start, and nothing is letter-spaced).
    par = set_text("internationalization", 9, mode=mode)
    assert marked(par) == ["internationaliza-", "tion"]
    first = par.lines[0]
    assert first.short == pytest.approx(5) and first.glyphs[0].inline == 0
    assert first.spacing == 0


@pytest.mark.parametrize("mode", MODES)
def test_the_hyphen_width_is_counted(mode: BreakMode) -> None:
    # "internationaliza" is exactly 8 em: with its hyphen it would pass the measure, so the
    # break comes one syllable earlier.
    par = set_text("internationalization", 8, mode=mode)
    assert marked(par) == ["international-", "ization"]
    assert all(line.width <= 80 + 1e-9 for line in par.lines)


@pytest.mark.parametrize("mode", MODES)
def test_the_indent_counts(mode: BreakMode) -> None:
    # 10 em fits an 11-em line, but not the first line after a 2-em indent.
    par = set_text("internationalization", 11, indent=2, mode=mode)
    assert marked(par) == ["internationaliza-", "tion"]
    assert not par.overfull


@pytest.mark.parametrize("mode", MODES)
def test_a_german_compound_by_the_german_dictionary(mode: BreakMode) -> None:
    par = set_text("Donaudampfschifffahrtsgesellschaft", 8, hyphenation="de_DE", mode=mode)
    assert marked(par) == ["Donaudampf-", "schifffahrtsge-", "sellschaft"]


@pytest.mark.parametrize("mode", MODES)
def test_no_hyphenation_breaks_between_letters_without_hyphen(mode: BreakMode) -> None:
    par = set_text("Donaudampfschifffahrtsgesellschaft", 8, hyphenation="none", mode=mode)
    assert marked(par) == ["Donaudampfschiff", "fahrtsgesellscha", "ft"]


@pytest.mark.parametrize("mode", MODES)
def test_a_url_breaks_after_slashes_and_before_dots_with_no_hyphen(mode: BreakMode) -> None:
    par = set_text("https://www.example.com/news/2025/report.html", 6, mode=mode)
    assert marked(par) == ["https://", "www.example", ".com/news/", "2025/report", ".html"]
    assert not par.overfull


def test_a_number_breaks_between_digit_groups() -> None:
    assert marked(set_text("电话0573-85012345。", 4)) == ["电话", "0573-85", "012345。"]
    # First-fit fills each line as far as it goes, between two digits if need be.
    assert marked(set_text("电话0573-85012345。", 4, mode=BreakMode.FIRST_FIT)) == [
        "电话",
        "0573-850",
        "12345。",
    ]
    # 1 234 567 890 123 in lines of six digits: 1234 would leave the first line a third
    # empty, so the groups give way to fuller lines (each within a digit of the measure).
    assert marked(set_text("1234567890123", 3)) == ["12345", "67890", "123"]
    assert marked(set_text("1234567890123", 3, mode=BreakMode.FIRST_FIT)) == [
        "123456",
        "78901",
        "23",
    ]


@pytest.mark.parametrize("breaker", BREAKERS)
def test_a_long_number_is_not_broken_into_groups_that_leave_a_line_mostly_empty(
    breaker: Breaker,
) -> None:
    # The probe's 身份证号: its groups alone set 199001011234 on a line of its own, 6 em of
    # 10 and nothing to justify it with; broken between two digits, every line is full.
    text = "身份证号330482199001011234567890，银行卡号已登记。"
    items = prepare(text, ParagraphStyle(size=EM, indent=2), SyntheticMetrics(), 10 * EM).items
    breaks = break_lines(items, 10 * EM, BreakMode.TOTAL_FIT, breaker=breaker)
    assert [b.position for b in breaks] == [
        b.position for b in break_lines(items, 10 * EM, BreakMode.TOTAL_FIT)
    ]
    par = set_text(text, 10, indent=2)
    assert marked(par) == ["身份证号3304821", "99001011234567890，银", "行卡号已登记。"]
    assert all(abs(line.width - 10 * EM) < 0.01 for line in par.lines[:-1])


@pytest.mark.parametrize("mode", MODES)
def test_a_line_of_digits_alone_left_short_is_reported(mode: BreakMode) -> None:
    # 40 digits in lines of 14: filled exactly, by breaks between groups or digits.
    par = set_text("4" * 40, 7, mode=mode)
    assert [len(line.text) for line in par.lines] == [14, 14, 12]
    assert not check_lines(par.lines, par.text, Prohibition.BASIC, em=EM)
    # A number with its group separators written breaks only after them: a line of it that
    # cannot reach the measure is left short, and reported as loose as one spread would be.
    par = set_text("1,234,567,890,123,456,789", 6, mode=mode)
    assert marked(par) == ["1,234,567,", "890,123,456,", "789"]
    loose = [
        (v.line, v.detail)
        for v in check_lines(par.lines, par.text, Prohibition.BASIC, em=EM)
        if v.kind is ViolationKind.LOOSE
    ]
    assert loose == [(0, "short by 1.00em")]


@pytest.mark.parametrize("mode", MODES)
def test_attached_punctuation_stays_with_its_word(mode: BreakMode) -> None:
    par = set_text('他说"internationalization,"对', 5, mode=mode)
    texts = [line.text for line in par.lines]
    assert texts[0].endswith('"in') and texts[-1] == 'tion,"对'
    assert not any(t.startswith((",", '"')) for t in texts[1:])


def test_break_costs_favour_whole_words() -> None:
    style = ParagraphStyle(size=EM, indent=0)
    items = prepare("internationalization", style, SyntheticMetrics(), 90).items
    breaks = [item for item in items if isinstance(item, Discretionary)]
    assert {b.penalty for b in breaks} == {WORD_BREAK_PENALTY}
    assert all(b.break_width == pytest.approx(5) for b in breaks)  # the hyphen, ½ em
    items = prepare("ABCDEFGHIJKLMNOP", style, SyntheticMetrics(), 60).items
    assert {i.penalty for i in items if isinstance(i, Discretionary)} == {LAST_RESORT_PENALTY}
    assert LAST_RESORT_PENALTY > WORD_BREAK_PENALTY


@pytest.mark.parametrize("mode", MODES)
def test_a_word_with_soft_hyphens_breaks_there_and_nowhere_else(mode: BreakMode) -> None:
    # The editor's soft hyphens (U+00AD) replace the dictionary's points (TeX's \-): the
    # German dictionary would break "Donaudampf-" first (test above).
    copy = "Donau\u00addampfschiff\u00adfahrtsgesell\u00adschaft"
    par = set_text(copy, 8, hyphenation="de_DE", mode=mode)
    assert marked(par) == ["Donau-", "dampfschiff-", "fahrtsgesell-", "schaft"]
    assert par.text == "Donaudampfschifffahrtsgesellschaft"
    assert not par.removed


@pytest.mark.parametrize("mode", MODES)
def test_a_soft_hyphen_in_a_word_that_fits_is_not_drawn(mode: BreakMode) -> None:
    par = set_text("平湖inter\u00adnational平湖", 20, mode=mode)
    assert marked(par) == ["平湖international平湖"]
    assert not par.removed


def test_soft_hyphens_are_offered_in_the_second_pass_only_where_they_stand() -> None:
    # The second pass (a loose first setting) offers the word's soft hyphen, not the
    # dictionary's points: "hyphen-ation" would be the dictionary's break.
    par = set_text("我们今天讨论hyp\u00adhenation的问题。", 10)
    assert marked(par) == ["我们今天讨论hyp-", "henation的问题。"]


def test_soft_hyphens_after_a_dateline_count_from_the_body() -> None:
    from layout.text.metrics import SyntheticMetrics as Metrics
    from layout.text.paragraph import set_paragraph
    from layout.text.prepare import RunIn

    style = ParagraphStyle(size=EM, indent=0)
    run_in = RunIn("本报讯", Metrics(), 1.0)
    par = set_paragraph("Donau\u00addampfschiff", style, 6 * EM, Metrics(), run_in=run_in)
    assert marked(par) == ["本报讯", "Donau-", "dampfschiff"]
