"""Western text inside Chinese, through the real 宋 font chain in a 13-字 column of 小五 (9 pt):
long English and German words, a URL, an e-mail address, a phone number in full-width digits,
kW·h, ASCII quotes, and the word space after a Latin comma."""

from __future__ import annotations

import pytest

from layout.fonts import library
from layout.text.check import ViolationKind, check_lines
from layout.text.options import BreakMode, Normalise, Prohibition
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import ParagraphStyle

SIZE = 9.0
COLUMN = 13 * SIZE
MODES = list(BreakMode)


def set_song(text: str, mode: BreakMode = BreakMode.TOTAL_FIT, **style: object) -> SetParagraph:
    return set_paragraph(
        text,
        ParagraphStyle(size=SIZE, indent=2.0, **style),  # type: ignore[arg-type]
        COLUMN,
        library().metrics("song"),
        mode=mode,
    )


def assert_in_column(par: SetParagraph) -> None:
    metrics = library().metrics("song")
    assert not par.overfull
    for line in par.lines:
        assert line.squeeze == 1.0
        for g in line.glyphs:
            drawn = sum(metrics.glyph(ch).advance for ch in g.text) * SIZE * g.scale
            if g.text in "，。、；：！？”）":
                drawn /= 2  # a line-end mark's blank half lies outside by design
            assert g.inline >= -1e-9 and g.inline + drawn <= COLUMN + 1e-6, (line.text, g)
    found = check_lines(par.lines, par.text, Prohibition.BASIC, em=SIZE)
    assert not {v.kind for v in found} & {
        ViolationKind.PROHIBITED_START,
        ViolationKind.PROHIBITED_END,
        ViolationKind.OVERFULL,
    }, found


def words(par: SetParagraph) -> list[str]:
    return [line.text + ("-" if line.hyphenated else "") for line in par.lines]


@pytest.mark.parametrize("mode", MODES)
def test_a_thirty_letter_word_is_hyphenated(mode: BreakMode) -> None:
    word = "pseudopseudohypoparathyroidism"
    assert len(word) == 30
    par = set_song(f"医生说这种病叫{word}，十分罕见。", mode)
    assert_in_column(par)
    assert "".join(line.text for line in par.lines) == par.text
    broken = [line for line in par.lines if line.hyphenated]
    assert broken  # 30 letters of Noto Serif are some 16 em: it must break
    for line in broken:
        before = line.text[-2:]
        assert before.isalpha() and before.islower()  # two letters at least before it
    # after the last hyphen, at least three letters
    after = par.lines[par.lines.index(broken[-1]) + 1].text
    assert after[:3].isalpha()


@pytest.mark.parametrize("mode", MODES)
def test_a_german_compound_by_the_german_dictionary(mode: BreakMode) -> None:
    par = set_song("他在Donaudampfschifffahrtsgesellschaft工作。", mode, hyphenation="de_DE")
    assert_in_column(par)
    pieces = [line.text for line in par.lines if line.hyphenated]
    german = ["Do", "Donau", "dampf", "schiff", "fahrts", "ge", "sell"]
    assert pieces and all(any(p.endswith(g) for g in german) for p in pieces), pieces


@pytest.mark.parametrize("mode", MODES)
def test_an_eighty_character_url_breaks_without_hyphen(mode: BreakMode) -> None:
    url = "https://www.pinghu.gov.cn/news/2025/04/30/economy-first-quarter-report.html?id=7188"
    assert len(url) >= 80
    par = set_song(f"详见{url}。", mode)
    assert_in_column(par)
    assert not any(line.hyphenated for line in par.lines)
    assert "".join(line.text for line in par.lines) == f"详见{url}。"
    for line in par.lines[:-1]:
        assert not line.text.endswith((".", "-", "_", "?")), line.text  # CMOS: they start lines


@pytest.mark.parametrize("mode", MODES)
def test_an_email_address_breaks_after_the_at_sign_or_before_a_dot(mode: BreakMode) -> None:
    par = set_song("来稿请寄zhangsan.reporter@pinghu-daily-news.example.com.cn，谢谢。", mode)
    assert_in_column(par)
    assert not any(line.hyphenated for line in par.lines)


@pytest.mark.parametrize("mode", MODES)
def test_a_phone_number_in_full_width_digits_is_one_number(mode: BreakMode) -> None:
    par = set_song("咨询电话：０５７３－８５０１２３４５，欢迎来电。", mode)
    assert par.text == "咨询电话：0573-85012345，欢迎来电。"
    assert_in_column(par)
    assert any("0573-85012345" in line.text for line in par.lines)  # whole, proportional
    glyph = next(g for line in par.lines for g in line.glyphs if "0573" in g.text)
    assert glyph.advance < 13 * SIZE * 0.6  # not 13 ems of full-width digits
    kept = set_song("咨询电话：０５７３－８５０１２３４５", normalise=Normalise.NONE)
    assert kept.text == "咨询电话：０５７３－８５０１２３４５"


def test_kwh_is_set_tight() -> None:
    par = set_song("年发电量3.5亿kW·h。")
    glyphs = [g for line in par.lines for g in line.glyphs]
    unit = next(g for g in glyphs if "kW" in g.text)
    assert unit.text == "kW·h"  # one run: the dot at its own advance, no ¼-em blanks
    metrics = library().metrics("song")
    assert unit.advance == pytest.approx(sum(metrics.glyph(c).advance for c in "kW·h") * SIZE)


def test_the_word_space_after_a_latin_comma_is_kept() -> None:
    # The comma holds on to its word (UAX #14 LB13), so what follows is a word space between
    # two Western words (it was a zero-width gap beside a comma set as a symbol).
    style = ParagraphStyle(size=SIZE, indent=0.0)
    par = set_paragraph(
        "他说：slowly, thanks! 然后离开。", style, 27 * SIZE, library().metrics("song")
    )
    assert len(par.lines) == 1
    glyphs = [g for line in par.lines for g in line.glyphs]
    comma = next(g for g in glyphs if g.text == "slowly,")
    thanks = next(g for g in glyphs if g.text.startswith("thanks"))
    space = library().metrics("song").glyph(" ").advance * SIZE
    assert thanks.inline - (comma.inline + comma.advance) >= space * 0.99


@pytest.mark.parametrize("mode", MODES)
def test_an_ascii_closing_quote_never_starts_a_line(mode: BreakMode) -> None:
    # Every place where the closing quote could fall at a line start, by sliding the text.
    for lead in range(0, 14):
        text = "平" * lead + '他说"今天的会议非常成功"，大家都"很高兴"。'
        par = set_song(text, mode)
        for line in par.lines[1:]:
            assert not line.text.startswith('"') or line.text[1:2] in "今很", line.text
        for line in par.lines[:-1]:
            assert not line.text.endswith('"') or line.text[-2:-1] in "功兴", line.text
