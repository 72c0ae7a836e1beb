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
    # The reference's table, and the single ellipsis or leader … ⋯ ‥, which the reference
    # does not list (only the 2-em …… of Chinese text, which may start a line but under
    # strict): UAX #14 IN, no break before it (LB22).
    assert NO_LINE_START[Prohibition.BASIC] == {
        CharClass.PAUSE,
        CharClass.STOP,
        CharClass.CLOSING,
        CharClass.CONNECTOR,
        CharClass.INTERPUNCT,
        CharClass.INSEPARABLE,
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


@pytest.mark.parametrize(
    ("chars", "cls"),
    [
        ("⁉⁈", CharClass.STOP),  # UAX #14 EX
        ("﹐﹑､︐︑﹔﹕", CharClass.PAUSE),  # small, half-width, vertical forms of ，、；：
        ("﹒｡︒﹖﹗", CharClass.STOP),  # … of 。？！
        ("〙〛〞〟｣﹂﹄｠", CharClass.CLOSING),  # wide Pe
        ("〘〚〝｢﹁﹃｟", CharClass.OPENING),  # wide Ps
        ("…⋯‥︙︰", CharClass.INSEPARABLE),  # a single ellipsis or leader, UAX #14 IN
        ("()[]«»＂", CharClass.SYMBOL),  # narrow brackets and quotes: held on by collect
    ],
)
def test_the_rarer_marks_are_the_marks_they_are(chars: str, cls: CharClass) -> None:
    """By their Unicode properties: wide Ps / Pe, the compatibility forms of the pause and
    stop marks (their NFKC), the stop marks of two (clreq §3.1.4; UAX #14 OP, CL, EX, IN)."""
    assert {c: classify(c) for c in chars} == dict.fromkeys(chars, cls)


def test_a_latin_ligature_is_a_latin_letter() -> None:
    """``clean`` spells ﬁ out; classified on its own it is a letter, never Han."""
    assert {classify(c) for c in "ﬀﬁﬂﬃﬄﬅﬆ"} == {CharClass.LATIN}
