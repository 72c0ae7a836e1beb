"""Frames: logical (inline, block) → page, in both writing modes, on synthetic metrics and a
synthetic face (1 em for every Han character and mark, ½ em for Latin, inked from 0.1 to
0.3 em; no vertical forms but the comma's)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from layout.compose.frame import EM_BOX_DESCENT, ROTATED_BASELINE, Frame
from layout.geometry import Rect, WritingMode
from layout.page import MissingGlyphOp, TextRun
from layout.text.metrics import SyntheticMetrics
from layout.text.orient import VERTICAL_FULL_WIDTH, VerticalOptions
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle

SIZE = 10.0
H, V = WritingMode.HORIZONTAL_TB, WritingMode.VERTICAL_RL
COMMA_FORM = 777  # the synthetic face's vertical form of "，"
INK = (0.1, 0.3)  # where the synthetic face's glyphs are inked along their baseline, in em


@dataclass
class _Face:
    id: str = "synthetic"

    def advance(self, ch: str) -> float:
        return SyntheticMetrics().glyph(ch).advance

    def vertical_advance(self, ch: str) -> float:
        return 1.0

    def vertical_form(self, ch: str) -> int | None:
        return COMMA_FORM if ch == "，" else None

    def ink(self, ch: str) -> tuple[float, float] | None:
        return INK


class _Fonts:
    """What Frame.place asks of a font library: faces by id, and its memo (where a vertical
    line keeps each face's answers for its upright glyphs)."""

    def __init__(self) -> None:
        self.memo: dict[object, object] = {}

    def face(self, face_id: str) -> _Face:
        assert face_id == "synthetic"
        return _Face()


def _line(text: str, measure: float, vertical: bool = False):
    style = ParagraphStyle(SIZE, indent=0.0)
    if vertical:
        style = style._replace(vertical=VerticalOptions(), full_width_marks=VERTICAL_FULL_WIDTH)
    (line,) = set_paragraph(text, style, measure * SIZE, SyntheticMetrics()).lines
    return line


def test_measure_and_extent_turn_with_the_mode() -> None:
    r = Rect(10, 20, 300, 100)
    assert (Frame(r, H).measure, Frame(r, H).extent) == (300, 100)
    assert (Frame(r, V).measure, Frame(r, V).extent) == (100, 300)


def test_line_slots_run_down_in_yokogumi_and_leftwards_in_tategumi() -> None:
    r = Rect(10, 20, 300, 100)
    assert Frame(r, H).line_rect(14, 14) == Rect(10, 34, 300, 14)
    assert Frame(r, V).line_rect(14, 14) == Rect(10 + 300 - 28, 20, 14, 100)


def test_inset_inline_takes_from_the_ends_of_the_lines() -> None:
    r = Rect(0, 0, 100, 50)
    assert Frame(r, H).inset_inline(5) == Rect(5, 0, 90, 50)
    assert Frame(r, V).inset_inline(5) == Rect(0, 5, 100, 40)


def test_split_divides_across_in_yokogumi_and_down_in_tategumi() -> None:
    r = Rect(0, 0, 290, 90)
    assert [c.x for c in r.split(3, 10, H)] == [0, 100, 200]
    assert all(c.width == 90 for c in r.split(3, 10, H))
    assert [c.y for c in r.split(2, 10, V)] == [0, 50]
    assert all(c.height == 40 for c in r.split(2, 10, V))


def test_a_horizontal_line_sits_on_the_slot_baseline() -> None:
    frame = Frame(Rect(0, 100, 60, 100), H)
    ops = list(frame.place(_line("平湖经济", 6), 0, 14, SIZE))
    runs = [op for op in ops if isinstance(op, TextRun)]
    baseline = 100 + (14 + SIZE) / 2 - EM_BOX_DESCENT * SIZE
    assert runs and all(op.y == pytest.approx(baseline) and op.turn == 0 for op in runs)
    assert "".join(op.text for op in runs) == "平湖经济"


def test_a_vertical_line_needs_its_fonts() -> None:
    with pytest.raises(ValueError, match="fonts"):
        list(Frame(Rect(0, 0, 20, 100), V).place(_line("平湖", 6, True), 0, 14, SIZE))


def test_a_vertical_line_stands_each_glyph_as_oriented() -> None:
    # 平 upright; ， in its vertical form; "Apple" turned; "28" 纵中横 in one em.
    frame = Frame(Rect(0, 0, 28, 200), V)
    line = _line("平，Apple的28湖", 20, True)
    ops = [op for op in frame.place(line, 0, 14, SIZE, fonts=_Fonts()) if isinstance(op, TextRun)]
    by_text = {op.text: op for op in ops}
    centre = 28 - 7
    han = by_text["平"]
    assert han.turn == 0 and han.x == pytest.approx(centre - SIZE / 2)
    assert han.y == pytest.approx((1 - EM_BOX_DESCENT) * SIZE)  # baseline below the em top
    assert by_text["，"].glyph == COMMA_FORM
    apple = by_text["Apple"]
    assert apple.turn == 90 and apple.x == pytest.approx(centre - ROTATED_BASELINE * SIZE)
    tcy = by_text["28"]
    assert tcy.turn == 0 and tcy.scale == 1.0  # two half-em digits fill the em exactly
    assert tcy.x == pytest.approx(centre - SIZE / 2)
    tops = [op.y for op in ops if op.turn == 0]
    assert tops == sorted(tops)  # down the line


def test_marks_without_vertical_forms_are_moved_or_turned() -> None:
    # 、 and 。 have no vertical form in the face: their horizontal forms, inked low left,
    # are drawn half an em up and right (GB/T 15834 §5.2: upper right); ， has one and is
    # drawn in it where it stands; the brackets are turned clockwise, the opening one from
    # half an em before its box (its ink, the right half, at the foot of its em), the closing
    # one from its box's start (its ink, the left half, at the head).
    frame = Frame(Rect(0, 0, 28, 200), V)
    line = _line("平、（江），湖。", 20, True)
    ops = [op for op in frame.place(line, 0, 14, SIZE, fonts=_Fonts()) if isinstance(op, TextRun)]
    drawn = {op.text: op for op in ops}
    at = {g.text: g.inline for g in line.glyphs}
    centre, rise = 28 - 7, (1 - EM_BOX_DESCENT) * SIZE
    for mark in "、。":
        op = drawn[mark]
        assert (op.turn, op.glyph) == (0, None)
        assert op.x == pytest.approx(centre - SIZE / 2 + SIZE / 2)
        assert op.y == pytest.approx(at[mark] + rise - SIZE / 2)
        ink_left, ink_right = op.x + INK[0] * SIZE, op.x + INK[1] * SIZE
        assert centre <= ink_left < ink_right <= centre + SIZE / 2  # the right half
    comma = drawn["，"]
    assert comma.glyph == COMMA_FORM and comma.x == pytest.approx(centre - SIZE / 2)
    assert comma.y == pytest.approx(at["，"] + rise)
    for bracket in "（）":
        op = drawn[bracket]
        assert op.turn == 90 and op.glyph is None
        assert op.x == pytest.approx(centre - ROTATED_BASELINE * SIZE)
        assert op.y == pytest.approx(at[bracket])
    # The opening bracket's box starts half an em after its glyph: its blank half first.
    (opening,) = [g for g in line.glyphs if g.text == "（"]
    assert at["（"] == pytest.approx(at["、"] + SIZE / 2)  # 、 in its ink half, then （
    assert at["江"] == pytest.approx(opening.inline + SIZE)  # its ink half ends there


# The connectors (连接号, GB/T 15834 §4.13) and rules that, upright, read as the ideograph 一.
CONNECTORS = "－‒‐‑−﹣ー─━〜"


def test_connectors_without_vertical_forms_are_turned() -> None:
    frame = Frame(Rect(0, 0, 28, 400), V)
    line = _line("甲".join(CONNECTORS) + "甲", 40, True)
    ops = [op for op in frame.place(line, 0, 14, SIZE, fonts=_Fonts()) if isinstance(op, TextRun)]
    drawn = {op.text: op for op in ops}
    at = {g.text: g.inline for g in line.glyphs}
    for mark in CONNECTORS:
        op = drawn[mark]
        assert (op.turn, op.glyph) == (90, None), mark
        assert op.x == pytest.approx(28 - 7 - ROTATED_BASELINE * SIZE)
        assert op.y == pytest.approx(at[mark])
    assert drawn["甲"].turn == 0


class _CountingFace(_Face):
    """The synthetic face, counting what it is asked."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def vertical_form(self, ch: str) -> int | None:
        self.asked.append(ch)
        return super().vertical_form(ch)


class _CountingFonts(_Fonts):
    def __init__(self) -> None:
        super().__init__()
        self.the_face = _CountingFace()

    def face(self, face_id: str) -> _Face:
        assert face_id == "synthetic"
        return self.the_face


def test_a_vertical_line_asks_its_face_once_a_character_and_draws_alike() -> None:
    # The upright glyphs' forms and advances are kept in the library's memo: a second
    # drawing (and a repeated character) asks the face nothing more, and draws the same.
    frame = Frame(Rect(0, 0, 28, 200), V)
    line = _line("平湖，平湖", 20, True)
    fonts = _CountingFonts()
    first = list(frame.place(line, 0, 14, SIZE, fonts=fonts))
    again = list(frame.place(line, 0, 14, SIZE, fonts=fonts))
    assert first == again == list(frame.place(line, 0, 14, SIZE, fonts=_Fonts()))
    assert sorted(fonts.the_face.asked) == sorted("平湖，")
    assert [op.glyph for op in first if isinstance(op, TextRun)] == [
        None,
        None,
        COMMA_FORM,
        None,
        None,
    ]


def test_a_missing_character_is_a_box_on_the_centre_line() -> None:
    style = ParagraphStyle(
        SIZE, indent=0.0, vertical=VerticalOptions(), full_width_marks=frozenset()
    )
    metrics = SyntheticMetrics(missing=frozenset("湖"))
    (line,) = set_paragraph("平湖", style, 10 * SIZE, metrics).lines
    ops = list(Frame(Rect(0, 0, 28, 200), V).place(line, 0, 14, SIZE, fonts=_Fonts()))
    (missing,) = [op for op in ops if isinstance(op, MissingGlyphOp)]
    assert missing.rect == Rect(21 - SIZE / 2, SIZE, SIZE, SIZE)
