"""Property tests: nothing runs out of its column, ever, and a Western word that fits is broken
only to spare a loose line; with synthetic metrics and with the real 宋 font chain.

A glyph's ink is its advance box (the font's advance × size × the run's scale, from the metrics,
not from the engine's own bookkeeping), except a full-width mark, whose ink is the half of its
em that is not its blank half (clreq §3.1.6; the blank of a line-end comma or a line-start
bracket lies outside the line by design). ``test_mark_ink_lies_in_its_half`` checks that rule
against the glyph outlines of the real face.
"""

from __future__ import annotations

import os
import string

import pytest
from fontTools.ttLib import TTFont
from hypothesis import event, given, settings
from hypothesis import strategies as st

from layout.fonts import library
from layout.text.boxes import PROPORTIONAL_MARK
from layout.text.chars import (
    CLOSING_MARKS,
    OPENING_MARKS,
    PAUSE_MARKS,
    STOP_MARKS,
    CharClass,
    classify,
)
from layout.text.check import LOOSE_LIMIT, ViolationKind, check_lines
from layout.text.collect import collect
from layout.text.finalize import Glyph, Line, finalize
from layout.text.items import Discretionary
from layout.text.linebreak import WORD_SPREAD_TOLERANCE, break_lines
from layout.text.metrics import Metrics, SyntheticMetrics
from layout.text.options import Align, BreakMode, Prohibition
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import ParagraphStyle, prepare

# Derandomised, so CI runs the same examples every time; BANMIAN_EXAMPLES=5000 searches deeper.
PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "150")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)
SIZE = 9.0

HAN = list("平湖经济发展工业增加值同比增长市委书记会见劳动模范樱桃红满枝")
LETTERS = st.text(alphabet=string.ascii_letters, min_size=1, max_size=40)
LOWER = st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=40)
SEGMENT = st.text(alphabet=string.ascii_lowercase + string.digits + "-_", min_size=1, max_size=14)
URLS = st.builds(
    lambda host, path, query: f"https://www.{host}.com/{'/'.join(path)}{query}",
    SEGMENT,
    st.lists(SEGMENT, max_size=5),
    st.sampled_from(["", "?a=1&b=2", ".html", "/"]),
)
EMAILS = st.builds(lambda user, host: f"{user}@{host}.com.cn", SEGMENT, SEGMENT)
NUMBERS = st.one_of(
    st.integers(0, 10**25).map(str),
    st.sampled_from(
        [
            "0573-85012345",
            "１２３４５６７８９０１２",
            "０５７３－８５０１２３４５",
            "3.14159265358979",
        ]
    ),
)
WESTERN = st.one_of(
    LETTERS,
    LOWER,
    URLS,
    EMAILS,
    NUMBERS,
    st.sampled_from(
        ["kW·h", "N·m", "ＰＴＡ", "state-of-the-art", "Donaudampfschifffahrtsgesellschaft"]
    ),
)
TOKENS = st.one_of(
    st.lists(st.sampled_from(HAN), min_size=1, max_size=8).map("".join),
    WESTERN,
    WESTERN.map(lambda w: f'"{w}"'),
    WESTERN.map(lambda w: f"{w}, "),
    WESTERN.map(lambda w: f" {w} "),
    WESTERN.map(lambda w: f"（{w}）"),
    st.sampled_from(list("，。、；：！？“”（）《》·") + ["——", "……", "\u00a0", "'"]),
    st.sampled_from(["平\u0301\u0301", "\u0301\u0301\u0301"]),  # units wider than 2 em
)
TEXTS = st.lists(TOKENS, min_size=1, max_size=30).map("".join)
MEASURES = st.floats(min_value=2.0, max_value=30.0)
# Through a lambda: given the record itself (a NamedTuple), builds would draw every field
# left out too, where these styles keep the defaults.
STYLES = st.builds(
    lambda **given: ParagraphStyle(**given),
    size=st.just(SIZE),
    indent=st.sampled_from([0.0, 2.0]),
    prohibition=st.sampled_from(list(Prohibition)),
)
_GLUE = frozenset(" \u00a0\u200b")


def ink(glyph: Glyph, metrics: Metrics) -> tuple[float, float]:
    """Where ``glyph`` puts ink along the line (its characters' advance boxes, a full-width
    mark's ink half; ``(inf, -inf)``: none)."""
    x = glyph.inline
    low, high = float("inf"), float("-inf")
    for ch in glyph.text:
        advance = metrics.glyph(ch).advance * SIZE * glyph.scale
        if not advance:
            continue  # a combining mark of no advance: its ink falls on its base
        left, right = x, x + advance
        cls = classify(ch)
        if metrics.glyph(ch).advance < PROPORTIONAL_MARK:
            pass  # a proportional mark (‼ in Noto): ink anywhere in its advance
        elif cls in (CharClass.PAUSE, CharClass.STOP, CharClass.CLOSING):
            right = x + advance / 2
        elif cls is CharClass.OPENING:
            left = x + advance / 2
        elif cls is CharClass.INTERPUNCT:
            left, right = x + advance / 4, x + 3 * advance / 4
        low, high = min(low, left), max(high, right)
        x += advance
    return low, high


def assert_inside(par: SetParagraph, measure: float, metrics: Metrics) -> None:
    tolerance = 1e-6 * measure + 1e-9
    # What the examples exercised (--hypothesis-show-statistics).
    event(f"lines: {min(len(par.lines), 10)}")
    event(f"hyphenated: {any(line.hyphenated for line in par.lines)}")
    event(f"squeezed: {any(line.squeeze < 1 for line in par.lines)}")
    for k, line in enumerate(par.lines):
        for glyph in line.glyphs:
            low, high = ink(glyph, metrics)
            assert low >= -tolerance and high <= measure + tolerance, (k, line.text, glyph)
        if line.overfull > 0.01:
            assert line.squeeze < 1.0 and k in par.overfull  # squeezed, and reported


def assert_text_kept(par: SetParagraph, level: Prohibition) -> None:
    assert "".join(line.text for line in par.lines) == "".join(
        c for c in par.text if c not in _GLUE
    )
    found = check_lines(par.lines, par.text, level, em=SIZE)
    kinds = {v.kind for v in found}
    assert ViolationKind.PROHIBITED_START not in kinds, found
    assert ViolationKind.PROHIBITED_END not in kinds, found


@PROPERTY
@given(TEXTS, MEASURES, STYLES, st.sampled_from(list(BreakMode)), st.sampled_from(list(Align)))
def test_no_ink_beyond_the_measure_synthetic(text, chars, style, mode, align) -> None:
    metrics = SyntheticMetrics()
    par = set_paragraph(text, style, chars * SIZE, metrics, mode=mode, align=align)
    assert_inside(par, chars * SIZE, metrics)
    assert_text_kept(par, style.prohibition)


@PROPERTY
@given(TEXTS, MEASURES, STYLES, st.sampled_from(list(BreakMode)), st.sampled_from(list(Align)))
def test_no_ink_beyond_the_measure_real_fonts(text, chars, style, mode, align) -> None:
    metrics = library().metrics("song")
    par = set_paragraph(text, style, chars * SIZE, metrics, mode=mode, align=align)
    assert_inside(par, chars * SIZE, metrics)
    assert_text_kept(par, style.prohibition)


def _loose(lines: tuple[Line, ...]) -> list[float]:
    """Lines spread beyond the loose limit, or left short of the measure by more, or with
    word spaces stretched past their stretch (as paragraph._loose_lines)."""
    limit = LOOSE_LIMIT * SIZE + 1e-9
    return [
        ln.spacing + ln.short + ln.word_spread
        for ln in lines
        if ln.spacing > limit or ln.short > limit or ln.word_spread > WORD_SPREAD_TOLERANCE
    ]


def _broken_words(line: Line, par: SetParagraph) -> list[str]:
    """The Western words that ``line`` ends inside of."""
    return [
        c.text
        for c in collect(par.text)
        if c.cls in (CharClass.LATIN, CharClass.DIGIT) and c.start < line.end < c.end
    ]


SHORT_WORDS = st.one_of(
    st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=12),
    st.integers(0, 10**9).map(str),
)
# Each word ends in a Han character, a space or a mark, so that two never run together.
SHORT_TOKENS = st.one_of(
    st.lists(st.sampled_from(HAN), min_size=1, max_size=8).map("".join),
    SHORT_WORDS.map(lambda w: f"{w}的"),
    SHORT_WORDS.map(lambda w: f" {w} "),
    SHORT_WORDS.map(lambda w: f"“{w}”"),
    st.sampled_from(list("，。、；：！？")),
)


@PROPERTY
@given(
    st.lists(SHORT_TOKENS, min_size=1, max_size=40).map("".join),
    st.floats(min_value=13.0, max_value=30.0),
    st.sampled_from(list(BreakMode)),
    st.sampled_from(["song", "synthetic"]),
)
def test_a_word_that_fits_is_broken_only_to_spare_a_loose_line(text, chars, mode, face) -> None:
    # Words of at most 12 letters (≤ 12 × 0.56 em in the real face) with a mark or two on
    # their sides always fit a 13-em line: one is broken only if the paragraph set with every
    # word whole has a line looser than the loose limit, and the setting kept is less loose.
    metrics = SyntheticMetrics() if face == "synthetic" else library().metrics(face)
    style = ParagraphStyle(size=SIZE, indent=0.0)
    measure = chars * SIZE
    par = set_paragraph(text, style, measure, metrics, mode=mode)
    broken = [w for line in par.lines for w in _broken_words(line, par)]
    event(f"broken: {bool(broken)}")
    if not broken:
        return
    whole = prepare(par.text, style, metrics, measure)
    assert not any(isinstance(item, Discretionary) for item in whole.items)
    lines = finalize(
        whole.items, break_lines(whole.items, measure, mode), measure, Align.JUSTIFY, whole.sources
    )
    before, after = _loose(tuple(lines)), _loose(par.lines)
    assert before and (len(after), sum(after)) < (len(before), sum(before)), broken


_MARKS = sorted(PAUSE_MARKS | STOP_MARKS | CLOSING_MARKS | OPENING_MARKS)


@pytest.mark.parametrize("mark", _MARKS)
def test_mark_ink_lies_in_its_half(mark: str) -> None:
    """The half rule of :func:`ink`, against the glyph outlines of the 宋 chain; a mark the
    face draws narrower than an em (‼ ⁇) is set at its own advance, ink within it."""
    fonts = library()
    info = fonts.metrics("song").glyph(mark)
    face = fonts.face(info.face)
    font = TTFont(face.info.path, lazy=True)
    outline = font["glyf"][font.getGlyphName(face.cmap[ord(mark)])]
    low, high = outline.xMin / face.units_per_em, outline.xMax / face.units_per_em
    if info.advance < PROPORTIONAL_MARK:
        assert low >= 0 and high <= info.advance
        items = prepare(mark + "平", ParagraphStyle(size=10, indent=0), fonts.metrics("song")).items
        assert items[0].width == pytest.approx(10 * info.advance)  # its whole advance
    elif classify(mark) is CharClass.OPENING:
        assert low >= info.advance / 2 and high <= info.advance
    else:
        assert low >= 0 and high <= info.advance / 2
