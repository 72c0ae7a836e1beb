"""The boxes of a vertical line (``layout.text.vertical``): marks a face has no vertical form
of, measured as they are drawn (a bracket turned, by its width; a comma upright, by its
vertical advance) and where the horizontal form of a comma is moved to (:func:`shifted_right`),
on synthetic metrics whose two directions differ."""

from __future__ import annotations

import pytest

from layout.text.items import Box
from layout.text.metrics import FaceRef, GlyphInfo, SyntheticMetrics
from layout.text.orient import VERTICAL_FULL_WIDTH, Orientation, VerticalOptions
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle, prepare
from layout.text.vertical import SHIFTED_MARKS, TURNED_MARKS, UprightMetrics, shifted_right

SIZE = 10.0
FORM = 4242  # the vertical form the metrics below give the characters in ``with_forms``


class TwoWayMetrics:
    """:class:`SyntheticMetrics` but for the marks, 0.96 em wide and 1 em upright, so that
    which of the two a box takes shows; vertical forms for ``with_forms`` only."""

    def __init__(self, with_forms: frozenset[str] = frozenset()) -> None:
        self.base = SyntheticMetrics()
        self.with_forms = with_forms

    def glyph(self, ch: str) -> GlyphInfo:
        info = self.base.glyph(ch)
        return info._replace(advance=0.96) if ch in TURNED_MARKS | SHIFTED_MARKS else info

    def upright(self, ch: str) -> GlyphInfo:
        return self.base.upright(ch)

    def vertical_form(self, ch: str) -> int | None:
        return FORM if ch in self.with_forms else None

    def face_of(self, text: str) -> FaceRef | None:
        return self.base.face_of(text)


def _boxes(text: str, metrics: TwoWayMetrics) -> list[Box]:
    style = ParagraphStyle(
        SIZE, indent=0.0, vertical=VerticalOptions(), full_width_marks=VERTICAL_FULL_WIDTH
    )
    return [it for it in prepare(text, style, metrics).items if isinstance(it, Box)]


def test_a_bracket_without_a_vertical_form_is_measured_turned_by_its_width() -> None:
    upright = UprightMetrics(TwoWayMetrics())
    assert upright.glyph("（") == GlyphInfo("synthetic", 0.96)
    assert upright.glyph("“") == GlyphInfo("synthetic", 0.96)
    # A comma stands upright (moved when drawn, not turned): its vertical advance.
    assert upright.glyph("，") == GlyphInfo("synthetic", 1.0)


@pytest.mark.parametrize("mark", "－‒‐‑−﹣ー─━〜")
def test_a_connector_without_a_vertical_form_is_measured_turned_by_its_width(mark: str) -> None:
    # Drawn turned (upright, a dash reads as 一): along the line it takes its width.
    assert UprightMetrics(TwoWayMetrics()).glyph(mark) == GlyphInfo("synthetic", 0.96)
    assert UprightMetrics(TwoWayMetrics(frozenset(mark))).glyph(mark) == GlyphInfo("synthetic", 1.0)


def test_a_bracket_with_a_vertical_form_is_measured_upright() -> None:
    metrics = TwoWayMetrics(frozenset("（）"))
    assert UprightMetrics(metrics).glyph("（") == GlyphInfo("synthetic", 1.0)


def test_turned_brackets_keep_their_ink_halves() -> None:
    # An opening bracket turned clockwise has its ink (the horizontal form's right half) in
    # the lower half of its em: its box is that half, the glyph drawn from half an em
    # before it; a closing one's ink is the upper half, drawn from its box's start.
    opening, han, closing = _boxes("（平）", TwoWayMetrics())
    half = 0.96 * SIZE / 2
    assert opening.width == pytest.approx(half)
    (run,) = opening.runs
    assert (run.offset, run.advance, run.orientation) == (-half, 0.96 * SIZE, Orientation.UPRIGHT)
    assert closing.width == pytest.approx(half) and closing.runs[0].offset == 0.0
    assert han.width == SIZE


def test_a_turned_bracket_at_a_line_end_loses_its_blank_half() -> None:
    # Set in a line just long enough for its ink half: the blank half goes at the break, as
    # with the vertical form (clreq §3.1.6); the turned glyph's ink stays inside the line.
    style = ParagraphStyle(
        SIZE, indent=0.0, vertical=VerticalOptions(), full_width_marks=VERTICAL_FULL_WIDTH
    )
    lines = set_paragraph("平湖（平湖", style, 2.48 * SIZE, TwoWayMetrics()).lines
    assert lines[0].text == "平湖"
    bracket = next(g for g in lines[1].glyphs if g.text == "（")
    assert bracket.inline == pytest.approx(-0.96 * SIZE / 2)  # blank half before the line


@pytest.mark.parametrize(
    ("advance", "ink", "right"),
    [
        (1.0, (0.08, 0.23), 0.5),  # a mainland comma, low left: half an em right
        (1.0, (0.04, 0.5), 0.5),  # up to the centre line
        (1.0, None, 0.5),  # outline not known: as a mainland form
        (1.0, (0.42, 0.58), 0.25),  # Droid Sans Fallback's centred comma: centred on the right
        (0.5, (0.03, 0.3), 0.335),  # a half-width ｡ drawn centred on the line
        (1.0, (0.2, 0.9), 0.1),  # an ink wider than half an em: no further than the em's edge
    ],
)
def test_shifted_right_brings_the_ink_into_the_right_half(
    advance: float, ink: tuple[float, float] | None, right: float
) -> None:
    shift = shifted_right(advance, ink)
    assert shift == pytest.approx(right)
    if ink is not None:
        # From the line's centre line, the ink drawn moved: in the em, and right of centre
        # where it fits in half an em.
        left, end = ink[0] - advance / 2 + shift, ink[1] - advance / 2 + shift
        assert end <= 0.5 + 1e-9
        if ink[1] - ink[0] <= 0.5:
            assert left >= -1e-9


@pytest.mark.parametrize("chars", range(3, 21))
def test_a_score_with_the_ratio_sign_is_whole_in_a_vertical_line(chars: int) -> None:
    # 竖排 as 横排: 1∶1 is one number (collect), so no column ends "1∶" or starts "∶1".
    style = ParagraphStyle(
        SIZE, indent=0.0, vertical=VerticalOptions(), full_width_marks=VERTICAL_FULL_WIDTH
    )
    text = "上半场双方战成1∶1，下半场南湖区连进两球。女子组半决赛中，嘉善队2∶0完胜海宁队。"
    lines = [line.text for line in set_paragraph(text, style, chars * SIZE, TwoWayMetrics()).lines]
    assert "".join(lines) == text
    assert not any(line.startswith("∶") or line.endswith("∶") for line in lines)
