"""The body flow counts what it leaves empty: the empty line slots after the last line, to
the foot of the last column, in flow order (the proof tints them; nothing recounts them)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose.body import Cut, Fill, Flow, FlowPiece, Onward, flow
from layout.compose.setter import Setter, Where
from layout.fonts import library
from layout.geometry import Rect, WritingMode
from layout.spec import load_spec
from layout.text.options import Align

ROOT = Path(__file__).resolve().parents[2]
PITCH = 14.0
# Derandomised for CI; BANMIAN_EXAMPLES=5000 searches deeper.
PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "100")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)


@pytest.fixture(scope="module")
def setter() -> Setter:
    spec = load_spec(ROOT / "page_specs" / "front.yaml")
    return Setter(library(spec.fonts_manifest), spec.styles)


def pieces(setter: Setter, text: str) -> list[FlowPiece]:
    return [FlowPiece(text, setter.style("body"), Where("b", "a", 1))]


def columns(n: int, rows: int) -> list[Rect]:
    return [Rect(i * 130.0, 0.0, 117.0, rows * PITCH) for i in range(n)]


def test_empty_slots_follow_the_last_line(setter: Setter) -> None:
    text = "春潮涌动，活力勃发。" * 6  # a few lines of 13 characters
    result = flow(pieces(setter, text), columns(2, 10), PITCH, setter)
    assert result.overset_lines == 0
    used = len(result.lines)
    assert 1 < used < 10
    assert result.empty_lines == len(result.empty_slots) == 20 - used
    # the rest of the first column, then the whole second one, a grid line each
    assert result.empty_slots[0] == Rect(0.0, used * PITCH, 117.0, PITCH)
    assert result.empty_slots[10 - used] == Rect(130.0, 0.0, 117.0, PITCH)
    assert result.empty_slots[-1] == Rect(130.0, 9 * PITCH, 117.0, PITCH)


def test_an_overset_flow_leaves_no_empty_slot(setter: Setter) -> None:
    text = "春潮涌动，活力勃发。" * 40
    result = flow(pieces(setter, text), columns(1, 3), PITCH, setter)
    assert result.overset_lines > 0 and result.overset_chars > 0
    assert result.empty_slots == () and result.empty_lines == 0


def test_vertical_empty_slots_run_right_to_left(setter: Setter) -> None:
    text = "春潮涌动，活力勃发。" * 3
    band = Rect(0.0, 0.0, 10 * PITCH, 200.0)
    result = flow(pieces(setter, text), [band], PITCH, setter, WritingMode.VERTICAL_RL)
    used = len(result.lines)
    assert result.empty_lines == 10 - used
    first = result.empty_slots[0]
    assert first == Rect(band.right - (used + 1) * PITCH, 0.0, PITCH, 200.0)
    assert result.empty_slots[-1].x == pytest.approx(0.0)


# --------------------------------------------------------------------------- full boxes
# On synthetic metrics (1 em Han, 10 pt on a 14 pt pitch): a column of 10 em holds lines of
# ten characters.

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SIZE, SyntheticLibrary, styles  # noqa: E402

MEASURE = 10 * SIZE
FULL_LAST = "平湖经济发展工业增加" * 3 + "值同比增长市委书记会"  # 4 full lines; 5 drawn out


def synthetic() -> Setter:
    body = {"align": Align.JUSTIFY, "indent": 0.0}
    return Setter(SyntheticLibrary(), styles(body=body, jump={"align": Align.END}))  # type: ignore[arg-type]


def story(setter: Setter, texts: list[str]) -> list[FlowPiece]:
    body = setter.style("body")
    return [
        FlowPiece(t, body, Where("b", "a", k + 1), adjustable=True) for k, t in enumerate(texts)
    ]


def onward(setter: Setter) -> Onward:
    return Onward(FlowPiece("（下转2版）", setter.style("jump"), Where("b", "a"), Align.END, 0.0))


def grid(n: int, rows: int, tops: tuple[int, ...] = ()) -> list[Rect]:
    """``n`` columns of ``rows`` lines; column ``i`` starts ``tops[i]`` lines lower."""
    tops = tops or (0,) * n
    return [Rect(i * 11 * SIZE, t * PITCH, MEASURE, (rows - t) * PITCH) for i, t in enumerate(tops)]


def feet(result: Flow, cols: list[Rect]) -> list[int]:
    """The grid line (from the highest column top) below each column's last line."""
    top = min(c.y for c in cols)
    return [
        max(
            (round((ln.rect.bottom - top) / PITCH) for ln in result.lines if ln.column == i),
            default=0,
        )
        for i in range(len(cols))
    ]


def test_a_story_two_lines_short_is_drawn_out_to_the_foot() -> None:
    setter = synthetic()
    texts = [FULL_LAST] * 3  # 12 lines in 2 columns of 7: two short
    assert flow(story(setter, texts), grid(2, 7), PITCH, setter).empty_lines == 2
    result = flow(story(setter, texts), grid(2, 7), PITCH, setter, fill=Fill.FOOT)
    assert (result.empty_lines, result.overset_lines) == (0, 0)
    assert len(result.lines) == 14
    assert "".join(ln.text for ln in result.lines) == "".join(texts)
    assert all(ln.spacing <= 0.25 * SIZE + 1e-9 for ln in result.lines)
    assert not [p for p in result.problems if p.kind.value != "removed-character"]


def test_a_story_a_line_over_is_pulled_in() -> None:
    setter = synthetic()
    pulled = "平湖经济，发展工业。" * 4 + "好。"  # 5 lines; in 4, its commas set half wide
    texts = [FULL_LAST, pulled]  # 9 lines for 8 slots
    assert flow(story(setter, texts), grid(1, 8), PITCH, setter).overset_lines == 1
    result = flow(story(setter, texts), grid(1, 8), PITCH, setter, fill=Fill.FOOT)
    assert (result.overset_lines, result.empty_lines) == (0, 0)
    assert "".join(ln.text for ln in result.lines) == "".join(texts)


def test_a_story_far_too_short_is_left_for_the_editor() -> None:
    setter = synthetic()
    texts = [FULL_LAST] * 2  # 8 lines in 14 slots: six short with two paragraphs to draw out
    plain = flow(story(setter, texts), grid(2, 7), PITCH, setter)
    filled = flow(story(setter, texts), grid(2, 7), PITCH, setter, fill=Fill.FOOT)
    assert filled.lines == plain.lines
    assert filled.empty_lines == 6  # reported (欠版), not spread as loose lines


def test_the_jump_line_stands_at_the_foot_of_the_last_column() -> None:
    setter = synthetic()
    texts = [FULL_LAST] * 4  # 16 lines for 14 slots: 13 set here, the jump line, 3 go on
    result = flow(
        story(setter, texts), grid(2, 7), PITCH, setter, fill=Fill.FOOT, onward=onward(setter)
    )
    *lines, jump = result.lines
    assert jump.text == "（下转2版）"
    assert (jump.column, jump.slot) == (1, 6)
    assert len(lines) == 13 and result.overset_lines == 0 and result.empty_lines == 0
    # the story goes on from the 2nd line of the 4th paragraph: its 11th character
    assert result.rest == Cut(piece=3, offset=10)
    assert lines[-1].text == FULL_LAST[:10]  # the last line here ends just before it


def test_a_story_that_fits_prints_no_jump_line() -> None:
    setter = synthetic()
    texts = [FULL_LAST] * 3  # 12 lines for 14 slots
    result = flow(
        story(setter, texts), grid(2, 7), PITCH, setter, fill=Fill.FOOT, onward=onward(setter)
    )
    assert result.rest is None
    assert all(line.text != "（下转2版）" for line in result.lines)


def test_an_intertitle_never_ends_a_box_whose_story_goes_on() -> None:
    # 背题: the intertitle would take the last slot before the jump line, its text beyond
    setter = synthetic()
    head = FlowPiece("小标题", setter.style("intertitle"), Where("b", "a", 2), space_before=1,
                     keep_with_next=True)  # fmt: skip
    pieces = [*story(setter, [FULL_LAST[:30]]), head, *story(setter, [FULL_LAST])]
    result = flow(pieces, grid(1, 6), PITCH, setter, fill=Fill.FOOT, onward=onward(setter))
    assert result.rest == Cut(piece=1, offset=0)  # the intertitle goes on with its text
    assert [ln.text for ln in result.lines][-1] == "（下转2版）"
    assert "小标题" not in [ln.text for ln in result.lines]
    assert result.empty_lines == 2  # its blank line and its own: room above the jump line


def test_balanced_columns_end_within_one_line_the_longer_first() -> None:
    setter = synthetic()
    texts = ["平湖经济发展工业增加值同比增长" * 3 + "平湖经济发展工"]  # 7 lines of 10... and 2
    cols = grid(3, 10)
    result = flow(story(setter, texts), cols, PITCH, setter, fill=Fill.BALANCE)
    n = len(result.lines)
    assert [sum(1 for ln in result.lines if ln.column == i) for i in range(3)] == [
        -(-n // 3) if i < n % 3 or n % 3 == 0 else n // 3 for i in range(3)
    ]
    assert result.empty_lines == 30 - n  # the room below the balanced feet is still room


def test_balanced_beside_a_narrow_headline_the_feet_share_a_line() -> None:
    # The third column runs up beside a headline over the first two (4 lines deep).
    setter = synthetic()
    cols = grid(3, 12, tops=(4, 4, 0))
    texts = [FULL_LAST] * 4  # 16 lines
    result = flow(story(setter, texts), cols, PITCH, setter, fill=Fill.BALANCE)
    assert result.overset_lines == 0
    got = feet(result, cols)
    assert max(got) - min(got) <= 1
    third = [ln for ln in result.lines if ln.column == 2]
    assert third[0].rect.y == 0.0  # beside the headline


TEXTS_OF_STORY = st.lists(
    st.integers(min_value=4, max_value=60).map(lambda n: ("平湖经济，发展工业增加值。" * 5)[:n]),
    min_size=1,
    max_size=8,
)


@PROPERTY
@given(TEXTS_OF_STORY, st.integers(1, 4), st.integers(3, 12), st.sampled_from(list(Fill)))
def test_every_box_is_full_or_balanced_or_reported(texts, n, rows, fill) -> None:
    setter = synthetic()
    cols = grid(n, rows)
    plain = flow(story(setter, texts), cols, PITCH, setter)
    result = flow(story(setter, texts), cols, PITCH, setter, fill=fill)
    assert (
        "".join(ln.text for ln in result.lines) == "".join(ln.text for ln in plain.lines)
        or result.overset_lines < plain.overset_lines
    )
    assert result.overset_lines <= plain.overset_lines
    limit = 0.25 * SIZE + 1e-9
    assert all(ln.spacing <= limit for ln in result.lines)
    if fill is Fill.BALANCE:
        if not result.overset_lines:
            got = feet(result, cols)
            used = [f for f in got if f]
            assert max(got) - min(got) <= 1 or len(used) < n and len(result.lines) < n
        return
    # At the foot: full whenever enough paragraphs could each take one line more (or less).
    body = setter.style("body")
    drawn_out = sum(
        len(setter.set(t, body, MEASURE, looseness=1).lines)
        > len(setter.set(t, body, MEASURE).lines)
        for t in texts
    )
    pulled_in = sum(
        len(setter.set(t, body, MEASURE, looseness=-1).lines)
        < len(setter.set(t, body, MEASURE).lines)
        for t in texts
    )
    if 0 < plain.empty_lines <= drawn_out or 0 < plain.overset_lines <= pulled_in:
        assert (result.empty_lines, result.overset_lines) == (0, 0)
    assert result.empty_lines <= plain.empty_lines
