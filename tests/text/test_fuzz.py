"""Fuzz test (b) of issue 9: ``set_paragraph`` (and vertical setting) on text drawn from Han,
CJK punctuation, Latin, digits, every kind of white space, combining marks, emoji, controls,
lone surrogates, noncharacters and private-use characters, at measures of 1–40 em, in both
break modes, at every prohibition level, with synthetic metrics, the real font chain and
vertical metrics.

What must hold for every input:

- no exception, and the same result twice (deterministic);
- the set text is the cleaned text, its full-width letters and digits normalised by the
  style: ``par.text == normalise(clean(raw).text)`` and ``par.removed == clean(raw).removed``;
- no character lost or added on the lines: the lines' characters, joined, are the cleaned text
  without its glue characters (U+0020, U+00A0, U+200B), each line is its own slice of it, and
  every glyph run and missing glyph points at its own characters (but the hyphen drawn at the
  end of a hyphenated line, which is marked inserted and is no character of the text);
- every raw character is accounted for: each removed one is at its raw index; taking them out
  of the raw text and setting both sides' white space aside (Western white space and ZWSP
  anywhere, U+3000 at the start), the raw text and the cleaned text are canonically equivalent
  (equal in NFD), and no CJK compatibility ideograph was normalised away;
- the cleaned text has no white space but U+0020, U+00A0 and U+200B, never two in a row,
  never at either end; and no line starts or ends where 避头尾 forbids.

Derandomised for CI; ``BANMIAN_FUZZ_EXAMPLES=N`` runs N random examples per test instead.
"""

from __future__ import annotations

import os
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose.frame import Frame
from layout.fonts import library
from layout.geometry import Rect, WritingMode
from layout.text.check import ViolationKind, check_lines
from layout.text.clean import WESTERN_WHITE_SPACE, clean
from layout.text.metrics import SyntheticMetrics
from layout.text.normalise import normalise
from layout.text.options import Align, BreakMode, Prohibition, PunctuationScheme
from layout.text.orient import VERTICAL_FULL_WIDTH, VerticalOptions
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import ParagraphStyle

_LONG = os.environ.get("BANMIAN_FUZZ_EXAMPLES")
FUZZ = settings(
    max_examples=int(_LONG) if _LONG else 120,
    deadline=None,
    derandomize=not _LONG,
)
SIZE = 9.0

HAN = list("平湖经济发展工业增加值同比长市委书记会见劳动模范樱桃红满枝国豈𠀋𪛖")
PUNCTUATION = list("，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕——……·・～／/⸺")
LATIN = ["PTA", "GDP", "New", "York", "café", "naïve", "x", "A", "ALDEN", "co-op", "A/B"]
DIGITS = ["2025", "28", "100", "9.4%", "86.5", "1,000", "3+3+3", "7"]
WHITE = sorted(WESTERN_WHITE_SPACE) + ["\u3000", "\u200b", "\r\n", "  ", "\t\t", "\u00a0 "]
MARKS = ["\u0301", "\u0303", "\u0308", "\u0323", "\u3099", "\u309a", "\u20dd", "\u20e3", "\u0489"]
EMOJI = ["😀", "👍🏽", "👨\u200d👩\u200d👧", "❤\ufe0f", "🇨🇳", "1\ufe0f\u20e3", "☺\ufe0e"]
CONTROLS = [chr(c) for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]]
FORMATS = list("\u200d\u200c\u2060\u00ad\ufeff\u200e\u202e\u2066\u061c\u180e\u0600\u034f")
FORMATS += ["\U000e0001", "\U000e0041", "\ufe00", "\ufe0f", "\U000e0100", "\u180b"]
NONCHARACTERS = ["\ufdd0", "\ufdef", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"]
PRIVATE = ["\ue000", "\ue001", "\uf8ff", "\U000f0000"]

PIECES = st.one_of(
    st.lists(st.sampled_from(HAN), min_size=1, max_size=8).map("".join),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(LATIN),
    st.sampled_from(DIGITS),
    st.sampled_from(WHITE),
    st.sampled_from(MARKS),
    st.sampled_from(EMOJI),
    st.sampled_from(CONTROLS),
    st.sampled_from(FORMATS),
    st.integers(0xD800, 0xDFFF).map(chr),  # lone surrogates (and, by chance, pairs)
    st.sampled_from(NONCHARACTERS),
    st.sampled_from(PRIVATE),
    st.characters(),  # anything else Hypothesis finds
)
# Copy is mostly words and marks with the odd character among them; short texts find edge
# cases (a paragraph of one space), long ones the interplay of rules across lines.
WORDS = st.one_of(
    st.lists(st.sampled_from(HAN), min_size=1, max_size=8).map("".join),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(LATIN + DIGITS),
)
TEXTS = st.one_of(
    st.lists(PIECES, max_size=12).map("".join),
    st.lists(st.one_of(WORDS, WORDS, WORDS, PIECES), min_size=10, max_size=80).map("".join),
)
MEASURES = st.floats(min_value=1.0, max_value=40.0)
# Through a lambda: given the record itself (a NamedTuple), builds would draw every field
# left out too, where these styles keep the defaults.
STYLES = st.builds(
    lambda **given: ParagraphStyle(**given),
    size=st.just(SIZE),
    indent=st.sampled_from([0.0, 2.0]),
    prohibition=st.sampled_from(list(Prohibition)),
    punctuation=st.sampled_from(list(PunctuationScheme)),
    no_orphan=st.booleans(),
)
MODES = st.sampled_from(list(BreakMode))
ALIGNS = st.sampled_from(list(Align))

# Characters set as glue: on no line (a typed U+3000 is a blank that vanishes at a line edge).
_GLUE = frozenset(" \u00a0\u200b\u3000")
_COMPAT = tuple(range(0xF900, 0xFB00)) + tuple(range(0x2F800, 0x2FA20))


def _unglued(text: str) -> str:
    return "".join(c for c in text if c not in _GLUE)


def _visible(text: str) -> str:
    """``text`` without white space and ZWSP, and without U+3000 at its start."""
    kept = "".join(c for c in text if c not in WESTERN_WHITE_SPACE and c != "\u200b")
    return kept.lstrip("\u3000")


def _utf16(text: str) -> str:
    """Surrogate pairs read as the characters they encode (lone ones stay)."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def assert_accounted(raw: str, text: str, par: SetParagraph, style: ParagraphStyle) -> None:
    """Every raw character is kept, composed, white space set by rule, removed, or a soft
    hyphen kept as a break point."""
    cleaned = clean(raw)
    assert text == normalise(cleaned.text, style.normalise)
    text = cleaned.text  # what follows is about cleaning
    assert par.removed == cleaned.removed
    gone: set[int] = set()
    for r in par.removed:
        width = 2 if ord(r.char) > 0xFFFF and "\ud800" <= raw[r.index] <= "\udbff" else 1
        assert _utf16(raw[r.index : r.index + width]) == r.char, r
        assert not gone & {r.index, r.index + width - 1}
        gone.update(range(r.index, r.index + width))
        assert 0 <= r.at <= len(text)
    soft = cleaned.soft_hyphens
    assert list(soft) == sorted(set(soft)) and all(0 <= k <= len(text) for k in soft)
    assert bool(soft) == ("\u00ad" in raw)
    rest = _utf16("".join(c for i, c in enumerate(raw) if i not in gone and c != "\u00ad"))
    assert unicodedata.normalize("NFD", _visible(rest)) == unicodedata.normalize(
        "NFD", _visible(text)
    )
    assert sum(ord(c) in _COMPAT for c in rest) == sum(ord(c) in _COMPAT for c in text)
    # the only white space left: single U+0020, U+00A0, U+200B inside the text
    for k, c in enumerate(text):
        if c in WESTERN_WHITE_SPACE or c == "\u200b":
            assert c in _GLUE, (text, k)
            assert 0 < k < len(text) - 1, (text, k)
            assert text[k + 1] not in _GLUE, (text, k)
    assert not text.startswith("\u3000")


def assert_lines(par: SetParagraph, prohibition: Prohibition) -> None:
    """The lines hold the text, each its own slice of it, in order."""
    text = par.text
    assert "".join(line.text for line in par.lines) == _unglued(text)
    end = 0
    for line in par.lines:
        assert line.start >= end
        assert line.text == _unglued(text[line.start : line.end])
        for g in line.glyphs:
            if g.inserted:  # the hyphen of a hyphenated line: last, where the text goes on
                assert g is line.glyphs[-1] and g.text == "-" and g.source == line.end, g
                continue
            assert text[g.source : g.source + len(g.text)] == g.text, (g, text)
        end = line.end
    for m in par.missing:
        assert text[m.index : m.index + len(m.char)] == m.char
    found = check_lines(par.lines, text, prohibition, em=SIZE)
    prohibited = {ViolationKind.PROHIBITED_START, ViolationKind.PROHIBITED_END}
    assert not [v for v in found if v.kind in prohibited], ([ln.text for ln in par.lines], found)


@FUZZ
@given(TEXTS, MEASURES, STYLES, MODES, ALIGNS)
def test_synthetic_metrics(raw, measure, style, mode, align) -> None:
    metrics = SyntheticMetrics(missing=frozenset("𪛖\u20dd"))
    par = set_paragraph(raw, style, measure * SIZE, metrics, align=align, mode=mode)
    assert par == set_paragraph(raw, style, measure * SIZE, metrics, align=align, mode=mode)
    assert_accounted(raw, par.text, par, style)
    assert_lines(par, style.prohibition)


@FUZZ
@given(TEXTS, MEASURES, STYLES, MODES, st.sampled_from(["song", "kai", "hei"]))
def test_real_font_chain(raw, measure, style, mode, role) -> None:
    fonts = library()
    metrics = fonts.metrics(role)
    par = set_paragraph(raw, style, measure * SIZE, metrics, mode=mode)
    assert par == set_paragraph(raw, style, measure * SIZE, metrics, mode=mode)
    assert_accounted(raw, par.text, par, style)
    assert_lines(par, style.prohibition)
    frame = Frame(Rect(0.0, 0.0, measure * SIZE, 1000.0))
    for k, line in enumerate(par.lines):
        for op in frame.place(line, k * 14.0, 14.0, SIZE):
            assert op is not None


@FUZZ
@given(TEXTS, MEASURES, STYLES, MODES, st.booleans(), st.booleans())
def test_vertical(raw, measure, style, mode, rotated, upright) -> None:
    fonts = library()
    options = VerticalOptions(quotes="rotated" if rotated else "corner", upright_latin=upright)
    vertical = style._replace(vertical=options, full_width_marks=VERTICAL_FULL_WIDTH)
    chain = fonts.metrics("song")
    par = set_paragraph(raw, vertical, measure * SIZE, chain, mode=mode)
    assert par == set_paragraph(raw, vertical, measure * SIZE, chain, mode=mode)
    assert_accounted(raw, par.text, par, vertical)
    assert_lines(par, style.prohibition)
    frame = Frame(Rect(0.0, 0.0, 2000.0, measure * SIZE), WritingMode.VERTICAL_RL)
    for k, line in enumerate(par.lines):
        for op in frame.place(line, k * 14.0, 14.0, SIZE, fonts=fonts):
            assert op is not None
