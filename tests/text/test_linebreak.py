"""Exact breaks with synthetic 1-em metrics (1 em = 10 pt)."""

from __future__ import annotations

import pytest

from layout.text.linebreak import Breaker, break_lines, break_to_count
from layout.text.metrics import SyntheticMetrics
from layout.text.options import BreakMode
from layout.text.prepare import ParagraphStyle, prepare

from .conftest import BREAKERS, EM, line_texts, set_text

MODES = list(BreakMode)


@pytest.mark.parametrize("mode", MODES)
def test_plain_han_fills_lines(mode: BreakMode) -> None:
    par = set_text("一二三四五六七八九十" * 3, 10, mode=mode)
    assert line_texts(par) == ["一二三四五六七八九十"] * 3
    assert all(line.width == 100 for line in par.lines)


@pytest.mark.parametrize("mode", MODES)
def test_push_before_squeezing_a_mark(mode: BreakMode) -> None:
    # 。 cannot start a line. The comma's blank half could give way so that 十。 fits, but a
    # mark keeps its em while pushing 十 down spreads the line by only ⅛ em a gap (clreq
    # §3.6: inter-character spacing within its limit comes before compressing a lone mark).
    par = set_text("一二三，五六七八九十。一二三四五六", 10, mode=mode)
    assert line_texts(par) == ["一二三，五六七八九", "十。一二三四五六"]
    assert par.lines[0].width == pytest.approx(100)
    assert par.lines[0].spacing == pytest.approx(10 / 8)


@pytest.mark.parametrize("mode", MODES)
def test_squeeze_a_mark_to_half_an_em_as_the_last_resort(mode: BreakMode) -> None:
    # Pushing 三。 down would spread 一，二 by ½ em a gap, beyond the loose limit: the comma
    # is set in ½ em instead (先挤进), exactly ½ em, not some width between.
    par = set_text("一，二三。四五六七", 4, mode=mode)
    assert line_texts(par) == ["一，二三。", "四五六七"]
    first = par.lines[0]
    assert first.natural == pytest.approx(45)
    assert first.width == pytest.approx(40)
    one, comma, two = first.glyphs[:3]
    assert comma.inline - one.inline == pytest.approx(10)
    assert two.inline - comma.inline == pytest.approx(5)


@pytest.mark.parametrize("mode", MODES)
def test_marks_are_squeezed_whole_and_the_rest_spread_again(mode: BreakMode) -> None:
    # Two commas could give up 1 em; the line is ½ em too long: one comma goes to ½ em
    # (the one nearer the line end), the other keeps its em. Ending at the second comma
    # instead would spread 一，二 by ½ em a gap.
    par = set_text("一，二，三。四五六七", 5, mode=mode)
    first = par.lines[0]
    assert first.text == "一，二，三。"
    assert first.width == pytest.approx(50)
    starts = [g.inline for g in first.glyphs]
    assert [b - a for a, b in zip(starts, starts[1:], strict=False)] == pytest.approx(
        [10, 10, 10, 5, 10]
    )


@pytest.mark.parametrize("mode", MODES)
def test_push_when_nothing_shrinks(mode: BreakMode) -> None:
    # No blank to squeeze: 十 goes down with 。 (后推出) and the line above is spread.
    par = set_text("一二三四五六七八九十。一二三四五六", 10, mode=mode)
    assert line_texts(par) == ["一二三四五六七八九", "十。一二三四五六"]
    assert par.lines[0].width == pytest.approx(100)
    assert par.lines[0].spacing == pytest.approx(10 / 8)


def test_no_orphan_pulls_a_character_down() -> None:
    # Eleven characters in a 10-character measure would leave 孤字 "一。" on the last line.
    par = set_text("一二三四五六七八九十一。", 10)
    assert line_texts(par) == ["一二三四五六七八九", "十一。"]
    assert par.lines[0].width == pytest.approx(100)
    loose = set_text("一二三四五六七八九十一。", 10, no_orphan=False)
    assert line_texts(loose) == ["一二三四五六七八九十", "一。"]


def test_opening_mark_never_ends_a_line() -> None:
    par = set_text("一二三四五六七八九“十”一二三四五", 10)
    assert all(not line.text.endswith("“") for line in par.lines)
    assert line_texts(par)[1].startswith("“")


def test_opening_mark_at_line_start_loses_its_blank() -> None:
    par = set_text("一二三四五六七八九十（一二三四五六七八）", 10)
    second = par.lines[1]
    assert second.text.startswith("（")
    # The bracket is drawn half an em before the line start: its ink starts at 0.
    assert second.glyphs[0].inline == pytest.approx(-EM / 2 + second.spacing * 0)


def test_line_end_mark_is_half_width() -> None:
    par = set_text("一二三四五六七八九。一二三四五六七八九十", 9.5)
    assert line_texts(par)[0] == "一二三四五六七八九。"
    assert par.lines[0].natural == pytest.approx(95)


def test_latin_word_kept_whole_with_quarter_em_gaps() -> None:
    par = set_text("平湖年产PTA超千万吨，增长9.4%。", 20)
    assert line_texts(par) == ["平湖年产PTA超千万吨，增长9.4%。"]
    glyphs = par.lines[0].glyphs
    pta = next(g for g in glyphs if g.text == "PTA")
    chan = next(g for g in glyphs if g.text == "产")
    assert pta.inline - (chan.inline + chan.advance) == pytest.approx(EM / 4)


@pytest.mark.parametrize("mode", MODES)
def test_run_wider_than_the_measure_breaks_between_characters(mode: BreakMode) -> None:
    # A word in capitals is not hyphenated; wider than the measure, it breaks between two
    # characters as the last resort, without hyphen, and no line is overfull.
    par = set_text("平ABCDEFGHIJ湖", 3, mode=mode)
    assert "".join(line_texts(par)) == "平ABCDEFGHIJ湖"
    assert not par.overfull
    assert all(line.width <= 30 + 1e-9 for line in par.lines)
    assert not any(line.hyphenated for line in par.lines)


@pytest.mark.parametrize("mode", MODES)
def test_impossible_line_is_squeezed_and_reported(mode: BreakMode) -> None:
    # A 3-em unit (a character with two 1-em combining marks) in a 2-em column: nothing can
    # break it, so it is squeezed to the measure and reported, never drawn past the edge.
    par = set_text("平\u0301\u0301湖", 2, mode=mode)
    assert line_texts(par) == ["平\u0301\u0301", "湖"]
    assert par.overfull == (0,)
    first = par.lines[0]
    assert first.overfull == pytest.approx(10)
    assert first.squeeze == pytest.approx(2 / 3)
    (glyph,) = first.glyphs
    assert glyph.scale == pytest.approx(2 / 3)
    assert glyph.inline + glyph.advance == pytest.approx(20)


@pytest.mark.parametrize("dash", ["——", "――"])
def test_two_em_dash_is_two_ems_and_whole(dash: str) -> None:
    par = set_text(f"一二三四五六七八{dash}九十", 10, no_orphan=False)
    assert all(dash[0] not in t or dash in t for t in line_texts(par))
    halves = [g for line in par.lines for g in line.glyphs if g.text == dash[0]]
    assert len(halves) == 2 and halves[1].inline - halves[0].inline == pytest.approx(EM)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("sign", ["-", "−", "￥", "$", "+", "±"])
def test_a_sign_before_a_number_never_ends_a_line(mode: BreakMode, sign: str) -> None:
    """一二三四 fills the line of 4.5 em; the sign would fit after it, but goes down with its
    number (UAX #14 LB25)."""
    assert line_texts(set_text(f"一二三四{sign}5五", 4.5, mode=mode)) == ["一二三四", f"{sign}5五"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("word", ["x²", "H₂O", "CO₂", "3½", "E=mc²"])
def test_a_superscript_subscript_or_fraction_never_parts_from_its_word(
    mode: BreakMode, word: str
) -> None:
    """A line of 4.5 em: 一二三四 and the word's first character would fit; the word goes down
    whole."""
    assert line_texts(set_text(f"一二三四{word}五", 4.5, mode=mode)) == ["一二三四", f"{word}五"]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("mark", list("⁉⁈〙〛〞〟﹐﹑﹒｡､｣﹂﹄⋯‥…"))
def test_a_rarer_closing_or_stop_mark_never_starts_a_line(mode: BreakMode, mark: str) -> None:
    """一二三四五 fills the line of 5 em; the mark goes up with 五 squeezed, or 五 comes down
    with it (clreq §3.1.4)."""
    lines = line_texts(set_text(f"一二三四五{mark}六七八", 5, mode=mode))
    assert "".join(lines) == f"一二三四五{mark}六七八"
    assert not any(line.startswith(mark) for line in lines)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("mark", list("〘〚〝｢﹁﹃"))
def test_a_rarer_opening_mark_never_ends_a_line(mode: BreakMode, mark: str) -> None:
    lines = line_texts(set_text(f"一二三四{mark}五六七", 5, mode=mode))
    assert "".join(lines) == f"一二三四{mark}五六七"
    assert not any(line.endswith(mark) for line in lines)


@pytest.mark.parametrize("mode", MODES)
def test_no_break_space_keeps_words_on_one_line(mode: BreakMode) -> None:
    assert line_texts(set_text("aaaa bbbb", 3, mode=mode)) == ["aaaa", "bbbb"]
    assert line_texts(set_text("aaaa\u00a0bb", 3.5, mode=mode)) == ["aaaabb"]
    # Tied words wider than the measure: the line still never breaks at the no-break space;
    # the words break between characters instead (the last resort), and nothing is overfull.
    tied = set_text("aaaa\u00a0bbbb", 3, mode=mode)
    assert "".join(line_texts(tied)) == "aaaabbbb"
    assert not any(line.text == "aaaa" for line in tied.lines)
    assert not tied.overfull


@pytest.mark.parametrize("mode", MODES)
def test_zero_width_space_lets_a_long_url_break(mode: BreakMode) -> None:
    assert line_texts(set_text("abcdefgh\u200bijklmnop", 4.5, mode=mode)) == [
        "abcdefgh",
        "ijklmnop",
    ]
    # Without it the run, wider than the measure, breaks between characters all the same
    # (the last resort), but only where it must: the ZWSP is the editor's better place.
    unmarked = set_text("abcdefghijklmnop", 4.5, mode=mode)
    assert "".join(line_texts(unmarked)) == "abcdefghijklmnop"
    assert not unmarked.overfull and len(unmarked.lines) > 1


@pytest.mark.parametrize("mode", MODES)
def test_double_space_sets_like_one(mode: BreakMode) -> None:
    once = set_text("春潮涌动，活力勃发。平湖经济 PTA 增长", 6, mode=mode)
    twice = set_text("春潮涌动，  活力勃发。平湖经济  PTA\t\t增长", 6, mode=mode)
    assert twice.lines == once.lines
    assert twice.text == once.text


# Every paragraph above, as the breaker is given it (the items of both preparations that
# set_paragraph may make, drawn out and pulled in as looseness asks): the tests above run
# through set_paragraph, which uses linebreak.BREAKER; here both implementations must give
# the very same breaks on those items, so that each test holds for either.
CASES = [
    ("一二三四五六七八九十" * 3, 10, {}),
    ("一二三，五六七八九十。一二三四五六", 10, {}),
    ("一，二三。四五六七", 4, {}),
    ("一，二，三。四五六七", 5, {}),
    ("一二三四五六七八九十。一二三四五六", 10, {}),
    ("一二三四五六七八九十一。", 10, {}),
    ("一二三四五六七八九十一。", 10, {"no_orphan": False}),
    ("一二三四五六七八九“十”一二三四五", 10, {}),
    ("一二三四五六七八九十（一二三四五六七八）", 10, {}),
    ("一二三四五六七八九。一二三四五六七八九十", 9.5, {}),
    ("平湖年产PTA超千万吨，增长9.4%。", 20, {}),
    ("平ABCDEFGHIJ湖", 3, {}),
    ("平\u0301\u0301湖", 2, {}),
    ("一二三四五六七八——九十", 10, {"no_orphan": False}),
    ("aaaa bbbb", 3, {}),
    ("aaaa\u00a0bb", 3.5, {}),
    ("aaaa\u00a0bbbb", 3, {}),
    ("abcdefgh\u200bijklmnop", 4.5, {}),
    ("abcdefghijklmnop", 4.5, {}),
    ("春潮涌动，  活力勃发。平湖经济  PTA\t\t增长", 6, {}),
]


@pytest.mark.parametrize(("text", "chars", "style"), CASES)
@pytest.mark.parametrize("breaker", BREAKERS)
def test_the_breaker_gives_these_paragraphs_the_reference_breaks(
    text: str, chars: float, style: dict, breaker: Breaker
) -> None:
    measure = chars * EM
    paragraph_style = ParagraphStyle(size=EM, **style)
    cleaned = set_text(text, chars, **style).text
    for fitting in (False, True):
        items = prepare(cleaned, paragraph_style, SyntheticMetrics(), measure, fitting=fitting)
        for mode in MODES:
            reference = break_lines(items.items, measure, mode, breaker=Breaker.PYTHON)
            assert break_lines(items.items, measure, mode, breaker=breaker) == reference
        lines = len(reference)
        for more in (-1, 1):
            drawn = [
                break_to_count(items.items, measure, lines, more, loose=2.5 + 1e-9, breaker=b)
                for b in (Breaker.PYTHON, breaker)
            ]
            assert drawn[1] == drawn[0]
