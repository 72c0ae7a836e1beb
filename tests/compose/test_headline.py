"""Headline blocks in both writing modes, on synthetic metrics and a synthetic face."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from layout.articles import Article, Byline, Role
from layout.compose.headline import BlockPart, headline_block, headline_parts
from layout.compose.setter import Setter
from layout.geometry import Rect, WritingMode
from layout.page import HeadPart, TextRun
from layout.report import ProblemKind

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SIZE, SyntheticLibrary, styles  # noqa: E402


def _article(**changes) -> Article:
    values = dict(
        id="story",
        path=Path("story.yaml"),
        kicker="引题在上",
        headline=("主题一行", "主题二行"),
        subhead="副题在下",
        byline=Byline((Role("记者", ("林旭东",)),)),
        dateline=None,
        paragraphs=(),
        photos=(),
    )
    values.update(changes)
    return Article(**values)


def _setter() -> Setter:
    return Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]


def test_parts_in_reading_order() -> None:
    parts = headline_parts(_article(), with_byline=True)
    assert parts == [
        BlockPart(HeadPart.KICKER, "kicker", ("引题在上",)),
        BlockPart(HeadPart.HEADLINE, "headline", ("主题一行", "主题二行")),
        BlockPart(HeadPart.SUBHEAD, "subhead", ("副题在下",)),
        BlockPart(HeadPart.BYLINE, "byline", ("■记者\u3000林旭东",), indents=(0.0,)),
    ]
    assert [p.part for p in headline_parts(_article())][-1] is HeadPart.SUBHEAD


def test_a_line_break_written_in_a_part_is_a_line_of_its_own() -> None:
    (kicker, headline, subhead) = headline_parts(
        _article(kicker="引题\n两行", headline=("主题",), subhead="副题 \n 在下")
    )
    assert kicker.texts == ("引题", "两行") and subhead.texts == ("副题", "在下")


def test_a_horizontal_block_is_centred_and_clear_of_the_sides() -> None:
    area = Rect(0, 0, 200, 100)
    block = headline_block(_article(), area, _setter(), "box")
    assert block.texts == ("引题在上", "主题一行", "主题二行", "副题在下")
    assert block.height == 4 * 14
    runs = [op for op in block.ops if isinstance(op, TextRun)]
    assert all(op.x >= SIZE - 1e-6 and op.x <= 200 - SIZE for op in runs)
    first = min(op.y for op in runs)
    # centred down the area: (100 − 56) / 2 = 22 above the first slot
    assert first == pytest.approx(22 + (14 + SIZE) / 2 - 0.12 * SIZE)
    widths = {op.text: op.x for op in runs}
    assert widths["引题在上"] == pytest.approx((200 - 4 * SIZE) / 2)  # centred across
    assert not block.problems


def test_a_vertical_block_runs_right_to_left_from_one_em_below_the_top() -> None:
    area = Rect(0, 0, 100, 200)
    block = headline_block(_article(), area, _setter(), "box", mode=WritingMode.VERTICAL_RL)
    runs = [op for op in block.ops if isinstance(op, TextRun)]
    assert block.texts == ("引题在上", "主题一行", "主题二行", "副题在下")
    columns = sorted({round(op.x, 2) for op in runs}, reverse=True)
    assert len(columns) == 4  # four vertical lines, right to left in reading order
    kicker = [op for op in runs if op.text in "引题在上"]
    assert min(op.y for op in kicker) == pytest.approx(SIZE + 0.88 * SIZE)
    assert max(op.x for op in kicker) == max(op.x for op in runs)


def test_a_block_too_big_for_its_area_is_reported() -> None:
    block = headline_block(_article(), Rect(0, 0, 200, 30), _setter(), "box")
    (problem,) = block.problems
    assert problem.kind is ProblemKind.OVERSET and problem.box == "box"
    assert "56.0pt" in problem.message and "30.0pt" in problem.message


def test_a_block_stops_at_its_room_and_says_what_it_left_out() -> None:
    """Four 14 pt slots in an area of 30 with room for 45: three lines drawn from the area's
    top, the fourth (副题在下) not, and the report counts it."""
    block = headline_block(_article(), Rect(0, 0, 200, 30), _setter(), "box", room=45)
    drawn = {op.text for op in block.ops if isinstance(op, TextRun)}
    assert drawn == {"引题在上", "主题一行", "主题二行"}
    (problem,) = block.problems
    assert problem.message.endswith("its last line is not printed, no room left in the box")
    assert (problem.details.lines, problem.details.chars) == (1, 4)
    assert block.height == 4 * 14  # what it needs, for the caller to move the body clear


def test_a_head_part_s_problems_are_named_by_the_part() -> None:
    """A control character pasted into the 引题 and the 主题: reported as theirs, not as a
    nameless line of the article."""
    article = _article(kicker="引题\x01在上", headline=("主题\x02一行",))
    block = headline_block(article, Rect(0, 0, 200, 100), _setter(), "box")
    removed = [p.message for p in block.problems if p.kind is ProblemKind.REMOVED_CHARACTER]
    assert [m.split(":")[0] for m in removed] == ["引题", "主题"]
    assert all(p.paragraph is None for p in block.problems)
