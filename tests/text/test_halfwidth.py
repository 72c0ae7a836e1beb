"""Half-width punctuation in Chinese text (layout.text.halfwidth): found where a Han character
is the text it belongs to, never in Western words or numbers (GB/T 15834-2011 §4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text.halfwidth import FULL_WIDTH, half_width_marks


def found(text: str) -> list[tuple[str, str]]:
    return [(m.char, m.full_width) for m in half_width_marks(text)]


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("今天,记者来到现场.", [(",", "，"), (".", "。")]),
        ("问题;第一:为什么?好!", [(";", "；"), (":", "："), ("?", "？"), ("!", "！")]),
        ("(括号)内", [("(", "（"), (")", "）")]),
        ('他说:"这是直引号"', [(":", "："), ('"', "“”"), ('"', "“”")]),
        ("今天 , 记者", [(",", "，")]),  # a space typed before it
        ("iPhone(手机)", [("(", "（"), (")", "）")]),  # brackets of Chinese text
        # A straight quote after a full-width mark: the closing one of a quotation too.
        ('他表示："下一步将继续深化改革。"', [('"', "“”"), ('"', "“”")]),
        ("他说--这是", [("--", "——")]),  # the 破折号 (§4.9)
        ("他说---", [("---", "——")]),
        ("5月6日~8日", [("~", "～ or —")]),  # a range's 连接号 (§4.13)
        ("气温5~8℃，约3~5天", [("~", "～ or —"), ("~", "～ or —")]),
        # Numbers with their unit signs, and their own signs, on both sides of it.
        ("明天气温10℃~15℃。", [("~", "～ or —")]),
        ("气温-5℃~-10℃，涨5%~8%", [("~", "～ or —"), ("~", "～ or —")]),
        ("‹红楼梦>", [("‹", "《"), (">", "》")]),  # the 书名号 (§4.15)
        ("读<红楼梦>和<<西游记>>", [("<", "《"), (">", "》"), ("<<", "《"), (">>", "》")]),
        ("读‹红楼梦", [("‹", "《")]),
        # A typed ellipsis is one 省略号 (§4.11), not a 。 for each of its stops.
        ("他说...然后走了.", [("...", "……"), (".", "。")]),
        ("等等..", [("..", "……")]),
    ],
)
def test_marks_in_chinese_text_are_found(text: str, marks: list[tuple[str, str]]) -> None:
    assert found(text) == marks


@pytest.mark.parametrize(
    "text",
    [
        "共3,000人，增长9.4%。",  # a number's separators
        "美国U.S.的经验。",  # an abbreviation
        "访问www.example.com，时间9:30。",
        'he said "yes" and left',
        "今天，记者来到现场。",  # the full-width marks
        "运行--help参数，2020--2021年，a--b",  # an option, a number range, code
        "见https://x.org/~user说，(~12 em)，user@x.com~好",
        "收入>5万元，价格<5元，a<b，x>y",  # comparisons
        "<br/>好<p>段落</p>",  # markup (reported as damaged copy, not as marks)
        "5'30\"",
        "from 10℃~15℃ in May, 10%~15%",  # a range of Western text
    ],
)
def test_western_punctuation_of_western_text_is_not(text: str) -> None:
    assert found(text) == []


def test_a_stand_in_of_several_characters_shows_its_place() -> None:
    (mark,) = half_width_marks("记者说--这是")
    assert mark.index == 3 and mark.context == "记者说--这是"


def test_each_mark_shows_its_place() -> None:
    (mark,) = half_width_marks("记者今天,来到现场")
    assert mark.index == 4 and mark.context == "者今天,来到现"


@given(st.text(alphabet=st.sampled_from(list('中文ab1 ,.;:?!()"，。')), max_size=30))
def test_only_half_width_marks_next_to_a_han_character_are_found(text: str) -> None:
    for m in half_width_marks(text):
        assert text[m.index] == m.char and m.char in FULL_WIDTH
        near = text[max(m.index - 2, 0) : m.index + 3].replace(" ", "")
        # (a straight quote stands in Chinese text beside a full-width mark too)
        assert "中" in near or "文" in near or (m.char == '"' and ("，" in near or "。" in near))
