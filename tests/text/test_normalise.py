"""Full-width ASCII normalised to proportional letters and digits (layout.text.normalise)."""

from __future__ import annotations

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
    # Outside a number they are Chinese punctuation: a full stop, a dash, a per-cent sign.
    assert normalise("－５度，１２．好％", FULL) == "－5度，12．好％"


def test_none_sets_as_written() -> None:
    assert normalise("０５７３－８５０１２３４５", Normalise.NONE) == "０５７３－８５０１２３４５"


def test_a_normalised_phone_number_is_one_number() -> None:
    clusters = collect(normalise("０５７３－８５０１２３４５", FULL))
    assert [c.text for c in clusters] == ["0573-85012345"]


@given(st.text(alphabet="０１２３４５６７８９－．％ＡＢａｂ平，。 ", max_size=40))
def test_one_character_for_one_and_idempotent(text: str) -> None:
    once = normalise(text, FULL)
    assert len(once) == len(text)
    assert normalise(once, FULL) == once
