"""Lines of a ``|`` block joined by the hard-wrap rule that look written to stand apart
(``layout.text.hardwrap``): verse, a list, two credits found; pasted prose left alone."""

from __future__ import annotations

import pytest

from layout.text.hardwrap import JoinedLines, LineShape, joined_lines


def test_a_poem_whose_join_changes_its_words_is_found() -> None:
    raw = "窗外的雪落下来，\n落在旧年的屋檐上；\n船还在等\n等一个春天\n"
    joined = joined_lines(raw)
    assert joined == JoinedLines(
        0, ("窗外的雪落下来，", "落在旧年的屋檐上；", "船还在等", "等一个春天"), LineShape.UNEVEN
    )
    assert joined.telling == ("船还在等", "等一个春天")  # 等等: the words change


def test_verse_of_lines_ending_with_marks_is_found() -> None:
    joined = joined_lines("  床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。")
    assert joined is not None and joined.shape is LineShape.ENDING_MARKS
    assert joined.start == 2 and joined.telling == ("床前明月光，", "疑是地上霜。")


@pytest.mark.parametrize(
    "raw", ["左：王强摄\n右：陈明远摄", "1. 报名\n2. 审核\n3. 公示", "①报名\n②审核"]
)
def test_a_list_or_two_credits_are_found(raw: str) -> None:
    joined = joined_lines(raw)
    assert joined is not None and joined.shape is LineShape.LIST_ITEMS


@pytest.mark.parametrize(
    "raw",
    [
        # prose hard-wrapped at a column's width: long lines of one length, ending anywhere
        "记者从农业农村部获悉，截至12月2日，全国冬小麦播种\n"
        "面积已达3.35亿亩，占意向面积的九成以上，进度快于\n"
        "上年同期。",
        # pasted from a narrow column: short lines, but of one length and ending mid-sentence
        "记者从农业农村部获悉\n截至十二月二日全国冬\n小麦播种面积已达三亿\n亩。",
        # two short lines with nothing of a list: as likely a wrap as a verse
        "记者今天来到现场，\n看到一片繁忙景象。",
        "一行稿子",
    ],
)
def test_pasted_prose_is_left_alone(raw: str) -> None:
    assert joined_lines(raw) is None
