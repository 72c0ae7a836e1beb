"""Full-width ASCII normalised to proportional letters and digits (layout.text.normalise)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text.collect import collect
from layout.text.normalise import normalise
from layout.text.options import Normalise

FULL = Normalise.FULLWIDTH_ASCII


def test_letters_and_digits_become_ascii() -> None:
    assert normalise("ＰＴＡ产线ａｂｃ，２０２５年", FULL) == "PTA产线abc，2025年"


def test_marks_inside_a_number_follow_it_and_only_there() -> None:
    assert normalise("电话０５７３－８５０１２３４５。", FULL) == "电话0573-85012345。"
    assert normalise("增长３．５％，", FULL) == "增长3.5%，"
    # Outside a number they are Chinese punctuation: a full stop, a per-cent sign; a minus
    # before a digit is the number's sign (UAX #14 LB25).
    assert normalise("－５度，１２．好％", FULL) == "-5度，12．好％"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("获悉１，０００点", "获悉1,000点"),
        ("达１，０００，０００元", "达1,000,000元"),
        ("获悉－５℃", "获悉-5℃"),
        ("拨＋８６", "拨+86"),
        ("获悉－5℃", "获悉-5℃"),  # the input method's minus before ASCII digits too
        ("拨＋86", "拨+86"),
        ("好－坏", "好－坏"),  # no digit after it: the Chinese mark it is
        ("于１：３０开", "于1:30开"),
        ("用Ｗｉ－Ｆｉ上网", "用Wi-Fi上网"),
        ("型号ＡＢ－１２３，", "型号AB-123，"),
        ("版本Ｖ２．０。", "版本V2.0。"),
        ("网址ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ，", "网址www.example.com，"),
        ("邮箱ｔｉｐｓ＠ｅｘａｍｐｌｅ．ｃｏｍ。", "邮箱tips@example.com。"),
        ("见ｈｔｔｐｓ：／／ａ．ｃｎ／ｘ＿ｙ", "见https://a.cn/x_y"),
        ("研发Ｒ＆Ｄ", "研发R&D"),
    ],
)
def test_the_marks_inside_a_full_width_number_word_or_address_follow_it(
    text: str, expected: str
) -> None:
    assert normalise(text, FULL) == expected


def test_a_comma_is_a_thousands_separator_only_before_a_group_of_three() -> None:
    """Anywhere else between digits or letters it is the Chinese comma of an enumeration, and
    between two Han characters it is always."""
    assert normalise("第１，２，３条", FULL) == "第1，2，3条"
    assert normalise("１，００００", FULL) == "1，0000"
    assert normalise("Ａ，Ｂ两类，平，湖", FULL) == "A，B两类，平，湖"
    assert normalise("好：ｘ，ａ．", FULL) == "好：x，a．"


def test_a_full_width_colon_between_two_digits_is_the_colon_of_a_number() -> None:
    # 10：8 typed with the input method's colon between ASCII digits: a score, as 3:1 is.
    assert normalise("第四场以10：8获胜", FULL) == "第四场以10:8获胜"
    assert normalise("用时1：23：45，", FULL) == "用时1:23:45，"
    assert normalise("时间：10：30", FULL) == "时间：10:30"  # after 时间 the pause mark
    assert normalise("比分10：，8：", FULL) == "比分10：，8："
    assert normalise("第四场以10：8获胜", Normalise.NONE) == "第四场以10：8获胜"
    assert [c.text for c in collect(normalise("以10：8获胜", FULL))] == ["以", "10:8", "获", "胜"]


def test_a_normalised_address_is_one_word() -> None:
    found = [c.text for c in collect(normalise("网址ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ，邮箱", FULL))]
    assert "www.example.com，" not in found and "www.example.com" in found


def test_none_sets_as_written() -> None:
    assert normalise("０５７３－８５０１２３４５", Normalise.NONE) == "０５７３－８５０１２３４５"


def test_a_normalised_phone_number_is_one_number() -> None:
    clusters = collect(normalise("０５７３－８５０１２３４５", FULL))
    assert [c.text for c in clusters] == ["0573-85012345"]


@given(st.text(alphabet="０１２３４５６７８９－．％＋：／＠，ＡＢａｂ平，。 ", max_size=40))
def test_one_character_for_one_and_idempotent(text: str) -> None:
    once = normalise(text, FULL)
    assert len(once) == len(text)
    assert normalise(once, FULL) == once
