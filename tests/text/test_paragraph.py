"""``set_paragraph``: a run-in opening, and a paragraph set a line longer or shorter.

Run-in (a dateline, 本报讯, in a face of its own): the
run-in comes first in the set text, drawn in its face, never split when it fits the line, and
a fixed blank of one em stands after it on every paragraph and at every measure, however the
line is justified.

Looseness (拉行 / 缩行, TeX's ``\\looseness``) to fill a column: exactly one line more or
fewer, every character kept, within the spacing rules — or the best setting unchanged.
Synthetic 1-em metrics, 1 em = 10 pt."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text.check import LOOSE_LIMIT, check_lines
from layout.text.linebreak import WORD_SPREAD_TOLERANCE
from layout.text.metrics import GlyphInfo, SyntheticMetrics
from layout.text.options import Align, Prohibition
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle, RunIn

from .conftest import EM, line_texts, set_text
from .test_properties import MEASURES, PROPERTY, TEXTS

SIZE = 10.0
COPY = "春潮涌动，活力勃发。平湖现代产业体系不断完善，重点产业立柱架梁，创新因子持续激荡。"


@dataclass(frozen=True)
class Bold(SyntheticMetrics):
    """The synthetic metrics under another face id: the run-in's 黑."""

    def glyph(self, ch: str) -> GlyphInfo:
        info = super().glyph(ch)
        return GlyphInfo("bold" if info.face else None, info.advance)


def _set(text: str, measure: float, run_in: RunIn | None, align: Align = Align.JUSTIFY):
    style = ParagraphStyle(size=SIZE, indent=2.0)
    return set_paragraph(text, style, measure, SyntheticMetrics(), align=align, run_in=run_in)


def _gap_after_run_in(par, run_in: str) -> float:
    """The blank between the run-in's last glyph and the text's first, on the first line."""
    glyphs = par.lines[0].glyphs
    last = max((g for g in glyphs if g.source < len(run_in)), key=lambda g: g.source)
    after = min((g for g in glyphs if g.source >= len(run_in)), key=lambda g: g.source)
    return after.inline - (last.inline + last.advance)


def test_the_run_in_opens_the_text_in_its_face() -> None:
    par = _set(COPY, 13 * SIZE, RunIn("本报讯", Bold()))
    assert par.text == "本报讯" + COPY
    first = par.lines[0]
    faces = [(g.text, g.face) for g in first.glyphs]
    assert [f for t, f in faces if t in "本报讯"] == ["bold"] * 3
    assert {f for t, f in faces if t not in "本报讯"} == {"synthetic"}
    assert first.glyphs[0].inline == pytest.approx(2 * SIZE)  # after the indent
    assert "".join(line.text for line in par.lines) == par.text


@pytest.mark.parametrize("space", [1.0, 0.5])
def test_the_blank_after_it_is_fixed(space: float) -> None:
    par = _set(COPY, 13 * SIZE, RunIn("本报讯", Bold(), space))
    assert _gap_after_run_in(par, "本报讯") == pytest.approx(space * SIZE)


@given(st.integers(min_value=10, max_value=30), st.sampled_from(["本报讯", "新华社北京4月30日电"]))
def test_the_blank_is_the_same_at_every_measure(chars: int, dateline: str) -> None:
    """Justified lines of any length take their stretch elsewhere: the blank after the
    dateline is one em on every story, and the first line still fills the measure."""
    measure = chars * SIZE
    par = _set(COPY, measure, RunIn(dateline, Bold()))
    first = par.lines[0]
    if 2 * SIZE + sum(Bold().glyph(ch).advance for ch in dateline) * SIZE > measure:
        return  # the dateline cannot fit the first line: it is split (another test)
    assert first.text.startswith(dateline)
    if first.text == dateline:
        return  # the dateline fills the line and the text starts the next: no blank on it
    assert _gap_after_run_in(par, dateline) == pytest.approx(SIZE)
    if not first.last:
        assert first.width == pytest.approx(measure)


@pytest.mark.parametrize("dateline", ["本报讯", "新华社北京4月30日电"])
def test_a_run_in_that_fits_the_line_is_never_split(dateline: str) -> None:
    """At every measure that holds the indent and the dateline, the first line starts with
    the whole dateline; the text runs on after the blank, or (the dateline filling the line)
    starts the next line, the blank dropped at the break."""
    width = 2 * SIZE + sum(Bold().glyph(ch).advance for ch in dateline) * SIZE
    for chars in range(int(width // SIZE) + 1, 20):
        par = _set(COPY, chars * SIZE, RunIn(dateline, Bold()))
        first = par.lines[0]
        assert first.text.startswith(dateline), (chars, first.text)
        if first.text == dateline:  # the text starts the next line, at the margin
            assert par.lines[1].glyphs[0].inline == pytest.approx(0.0)
            assert first.width == pytest.approx(chars * SIZE)  # justified: no blank at its end


@pytest.mark.parametrize("dateline", ["本报讯", "新华社北京电"])
def test_a_han_run_in_that_fits_only_without_the_indent_drops_it(dateline: str) -> None:
    """本报讯 in a column of three or four characters with a 2-character indent: the
    dateline is not split; the first line starts at the margin with the whole of it."""
    width = sum(Bold().glyph(ch).advance for ch in dateline) * SIZE
    for chars in range(int(width // SIZE), int(width // SIZE) + 2):
        par = _set(COPY, chars * SIZE, RunIn(dateline, Bold()))
        first = par.lines[0]
        assert first.text.startswith(dateline), (chars, first.text)
        assert first.glyphs[0].inline == pytest.approx(0.0)
        assert not par.overfull
        assert "".join(line.text for line in par.lines) == par.text


def test_a_run_in_with_a_date_runs_on_indented() -> None:
    """新华社北京4月30日电 fits 12 characters but not 12 less the indent: it is text with a
    place and a date, and runs on from the indent as before."""
    dateline = "新华社北京4月30日电"
    width = sum(Bold().glyph(ch).advance for ch in dateline) * SIZE
    chars = int(width // SIZE) + 1
    assert width <= chars * SIZE < width + 2 * SIZE
    par = _set(COPY, chars * SIZE, RunIn(dateline, Bold()))
    assert par.lines[0].glyphs[0].inline == pytest.approx(2 * SIZE)
    assert len(par.lines[0].text) < len(dateline)


def test_a_run_in_that_fits_after_the_indent_keeps_it() -> None:
    par = _set(COPY, 5 * SIZE, RunIn("本报讯", Bold()))
    assert par.lines[0].text == "本报讯"
    assert par.lines[0].glyphs[0].inline == pytest.approx(2 * SIZE)


def test_a_run_in_longer_than_the_line_breaks_inside() -> None:
    par = _set(COPY, 8 * SIZE, RunIn("新华社北京4月30日电", Bold()))
    assert "".join(line.text for line in par.lines).startswith("新华社北京4月30日电")
    assert len(par.lines[0].text) < len("新华社北京4月30日电")
    assert not par.overfull


def test_removed_characters_are_indexed_run_in_first() -> None:
    """A ZWJ in the dateline and one in the copy: both reported, indexed in the raw text of
    the run-in followed by the paragraph's."""
    par = _set("春\u200d潮涌动", 13 * SIZE, RunIn("本\u200d报讯", Bold()))
    assert par.text == "本报讯春潮涌动"
    assert [(r.char, r.index, r.at) for r in par.removed] == [
        ("\u200d", 1, 1),
        ("\u200d", 4 + 1, 3 + 1),
    ]


def test_a_character_missing_from_the_run_in_face_is_reported_where_it_is() -> None:
    @dataclass(frozen=True)
    class Lacking(Bold):
        def glyph(self, ch: str) -> GlyphInfo:
            return GlyphInfo(None, 1.0) if ch == "讯" else super().glyph(ch)

    par = _set(COPY, 13 * SIZE, RunIn("本报讯", Lacking()))
    assert [(m.char, m.index) for m in par.missing] == [("讯", 2)]


def test_without_a_run_in_nothing_changes() -> None:
    plain = _set("本报讯 " + COPY, 13 * SIZE, None)
    assert plain.text.startswith("本报讯 ")  # the typed space: a word space that may vary


# --------------------------------------------------------------------------- looseness

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


WESTERN_TEXTS = st.lists(
    st.sampled_from(["平湖经济", "发展，", "增加值。", "internationalisation ", "the ", "PTA "]),
    min_size=1,
    max_size=30,
).map("".join)


@PROPERTY
@given(st.one_of(TEXTS, WESTERN_TEXTS), MEASURES, st.sampled_from([-1, 1]))
def test_a_setting_drawn_from_the_best_at_hand_is_the_one_drawn_afresh(text, chars, more) -> None:
    style = ParagraphStyle(size=EM, indent=2.0)
    metrics = SyntheticMetrics()
    best = set_paragraph(text, style, chars * EM, metrics)
    fresh = set_paragraph(text, style, chars * EM, metrics, looseness=more)
    drawn = set_paragraph(text, style, chars * EM, metrics, looseness=more, best=best)
    assert drawn == fresh and drawn.fitting == fresh.fitting


def test_the_best_setting_says_when_its_words_were_opened() -> None:
    # Whole, the word would leave the first line loose: the second preparation hyphenates it
    # (tests/text/test_overlong.py), and the setting says so.
    text = "我们今天讨论hyphenation的问题。"
    style = ParagraphStyle(size=EM, indent=0.0)
    best = set_paragraph(text, style, 10 * EM, SyntheticMetrics())
    assert best.fitting and best.lines[0].hyphenated
    assert not set_paragraph("我们今天讨论的问题。", style, 10 * EM, SyntheticMetrics()).fitting
    for more in (-1, 1):
        drawn = set_paragraph(text, style, 10 * EM, SyntheticMetrics(), looseness=more, best=best)
        assert drawn == set_paragraph(text, style, 10 * EM, SyntheticMetrics(), looseness=more)


@pytest.mark.parametrize("chars", range(4, 14))
def test_a_typed_space_never_sends_a_numbers_sign_to_the_next_line(chars: int) -> None:
    """``30 %`` as typed: at no measure does a line start with the sign or end with the
    number before it (the space is a no-break space, ``layout.text.clean``)."""
    text = "全年增长 30 % 以上，气温升至 25 ℃ 左右，面积达 120 ㎡ 之多。"
    par = set_text(text, chars)
    assert "30\u00a0%" in par.text
    lines = line_texts(par)
    assert "".join(lines) == text.replace(" ", "")  # (a line's text leaves out its spaces)
    assert not [line for line in lines[1:] if line[:1] in {"%", "℃", "㎡"}], lines


def test_word_spaces_past_their_stretch_send_a_paragraph_to_its_hyphenation_pass() -> None:
    # The probe's copy: a line of English words alone, its word spaces spread to 3 em and
    # the second pass (hyphenation) never run, since only spacing between characters counted.
    text = "The committee approved extraordinary infrastructure appropriations yesterday afternoon."
    whole = set_text(text, 15, hyphenation="none")
    assert max(line.word_spread for line in whole.lines) == pytest.approx(3 * EM)
    par = set_text(text, 15)
    assert par.fitting and any(line.hyphenated for line in par.lines)
    assert all(line.word_spread <= WORD_SPREAD_TOLERANCE for line in par.lines)


def test_the_rest_of_a_paragraph_cut_in_a_url_keeps_the_url_s_breaks() -> None:
    """Set again from a line start inside a URL (the next box of a thread), told the text
    before (``lead``): the URL's end is one word breaking as a URL (no hyphen added, no
    broken-word violation), where alone its words would be hyphenated."""
    text = (
        "详情请访问网站https://www.example.gov.cn/news/2025/05/06/content_1234567890_"
        "abcdefghij.html?from=timeline&isappinstalled=0#section-3了解。"
    )
    style = ParagraphStyle(size=EM, hyphenation="en_US")
    metrics = SyntheticMetrics()
    whole = set_paragraph(text, style, 10 * EM, metrics)
    cut = whole.lines[3].start  # news/2025/…
    rest = set_paragraph(text[cut:], style, 10 * EM, metrics, lead=text[:cut])
    alone = set_paragraph(text[cut:], style, 10 * EM, metrics)  # as it was set before
    opened = check_lines(alone.lines, alone.text, style.prohibition, em=EM)
    assert any(line.hyphenated for line in alone.lines) or [
        v for v in opened if v.kind.value == "broken-word"
    ]  # alone, its words are broken (hyphenated, or opened where no URL breaks)
    assert not any(line.hyphenated for line in whole.lines + rest.lines)
    assert rest.url_head == len(text[cut:]) - len("了解。")
    found = check_lines(rest.lines, rest.text, style.prohibition, em=EM, url_head=rest.url_head)
    assert not [v for v in found if v.kind.value == "broken-word"]
    assert "".join(line.text for line in rest.lines) == text[cut:]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("记者昨天从城南街道获悉价格￥ 100元五个社区", "￥100"),
        ("记者昨天从城南街道获悉售价$ 5元五个社区", "$5"),
        ("记者昨天从城南街道获悉编号№ 3五个社区", "№3"),
        ("记者昨天从城南街道获悉气温－5℃五个社区", "-5℃"),
        ("记者昨天从城南街道获悉拨＋86五个社区", "+86"),
    ],
)
def test_a_sign_that_opens_a_number_stays_with_it_at_every_measure(text, number) -> None:
    """A space typed after ￥ $ № is a no-break one (``clean``), and the input method's － ＋
    before ASCII digits is the number's sign (``normalise``): at no measure is the sign left
    at a line's end, away from its digits (UAX #14 LB25, clreq §3.2)."""
    for chars in range(3, 21):
        lines = line_texts(set_text(text, chars))
        assert any(number in line for line in lines), (chars, lines)
        assert not any(line.endswith(number[0]) for line in lines), (chars, lines)
