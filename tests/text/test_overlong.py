"""Runs too wide for the measure are opened (layout.text.overlong): exact breaks with synthetic
1-em metrics (1 em = 10 pt; Latin letters, digits and ASCII signs ½ em, a solidus 1 em)."""

from __future__ import annotations

import pytest

from layout.text.items import Discretionary
from layout.text.linebreak import _TOLERANCE_DEMERITS
from layout.text.metrics import SyntheticMetrics
from layout.text.options import BreakMode
from layout.text.overlong import FITTING_WORD_PENALTY, LAST_RESORT_PENALTY, WORD_BREAK_PENALTY
from layout.text.prepare import ParagraphStyle, prepare

from .conftest import EM, set_text

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


@pytest.mark.parametrize("mode", MODES)
def test_a_number_breaks_between_digit_groups(mode: BreakMode) -> None:
    assert marked(set_text("1234567890123", 3, mode=mode)) == ["1234", "567890", "123"]
    assert marked(set_text("电话0573-85012345。", 4, mode=mode)) == [
        "电话",
        "0573-85",
        "012345。",
    ]


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
