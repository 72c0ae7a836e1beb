"""Character classes (clreq §3.1, Appendix A) and the prohibition tables (clreq §3.1.4)."""

import pytest

from layout.text.chars import NO_LINE_END, NO_LINE_START, CharClass, classify, is_ideograph
from layout.text.options import Prohibition


@pytest.mark.parametrize(
    ("chars", "cls"),
    [
        ("、，：；", CharClass.PAUSE),
        ("。！？", CharClass.STOP),
        ("”’」』）》〉】〗〕］｝", CharClass.CLOSING),
        ("“‘「『（《〈【〖〔［｛", CharClass.OPENING),
        ("–～—", CharClass.CONNECTOR),
        ("·・‧", CharClass.INTERPUNCT),
        ("/／", CharClass.SOLIDUS),
        ("平湖樱桃〇", CharClass.HAN),
        ("PTAx", CharClass.LATIN),
        ("0123456789", CharClass.DIGIT),
        ("■％", CharClass.SYMBOL),
    ],
)
def test_classes(chars: str, cls: CharClass) -> None:
    assert {classify(c) for c in chars} == {cls}


def test_basic_prohibition_is_the_reference_table() -> None:
    assert NO_LINE_START[Prohibition.BASIC] == {
        CharClass.PAUSE,
        CharClass.STOP,
        CharClass.CLOSING,
        CharClass.CONNECTOR,
        CharClass.INTERPUNCT,
    }
    assert NO_LINE_END[Prohibition.BASIC] == {CharClass.OPENING}


def test_levels_nest() -> None:
    assert not NO_LINE_START[Prohibition.NONE] and not NO_LINE_END[Prohibition.NONE]
    assert NO_LINE_END[Prohibition.GB] == NO_LINE_END[Prohibition.BASIC] | {CharClass.SOLIDUS}
    assert NO_LINE_START[Prohibition.STRICT] == NO_LINE_START[Prohibition.GB] | {
        CharClass.LONG_MARK
    }


def test_the_two_and_three_em_dashes_are_long_marks() -> None:
    assert classify("⸺") is CharClass.LONG_MARK and classify("⸻") is CharClass.LONG_MARK


@pytest.mark.parametrize("code", [0x2EBF0, 0x2EE5D, 0x31350, 0x323AF])
def test_ideographs_of_extensions_h_and_i_are_han(code: int) -> None:
    # Unassigned in Python 3.11's Unicode tables, ideographs all the same (Unicode 15, 15.1).
    assert is_ideograph(code)
    assert classify(chr(code)) is CharClass.HAN
    assert not is_ideograph(0x323B0)
