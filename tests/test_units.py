import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.units import (
    HAO_SIZES,
    MAX_LENGTH_PT,
    MM,
    Length,
    LengthRangeError,
    Unit,
    parse_length,
    parse_size,
)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("9pt", 9.0, Unit.PT),
        ("3.5mm", 3.5, Unit.MM),
        ("1.25em", 1.25, Unit.EM),
        ("2字", 2.0, Unit.ZI),
        ("0.5cm", 0.5, Unit.CM),
        ("1in", 1.0, Unit.IN),
        (12, 12.0, Unit.PT),
        (10.5, 10.5, Unit.PT),
        ("12", 12.0, Unit.PT),
        (" 7 mm ", 7.0, Unit.MM),
        (".5em", 0.5, Unit.EM),
    ],
)
def test_parse_length(text, value, unit):
    assert parse_length(text) == Length(value, unit)


def test_absolute_conversions():
    assert MM == 72 / 25.4
    assert parse_length("25.4mm").to_pt() == pytest.approx(72)
    assert parse_length("0.5cm").to_pt() == pytest.approx(5 * MM)
    assert parse_length("1in").to_pt() == 72
    assert parse_length(9).to_pt() == 9


def test_relative_lengths_need_the_em_size():
    assert parse_length("2字").to_pt(em=9) == 18
    assert parse_length("1.25em").to_pt(em=26) == 32.5
    with pytest.raises(ValueError, match="relative"):
        parse_length("2字").to_pt()
    assert parse_length("18pt").to_em(9) == 2


@pytest.mark.parametrize(
    ("name", "points"),
    [
        ("初号", 42),
        ("小初", 36),
        ("一号", 26),
        ("小一", 24),
        ("二号", 22),
        ("小二", 18),
        ("三号", 16),
        ("小三", 15),
        ("四号", 14),
        ("小四", 12),
        ("五号", 10.5),
        ("小五", 9),
        ("六号", 7.875),
        ("小六", 6.5),
        ("七号", 5.25),
        ("八号", 4.5),
    ],
)
def test_hao_sizes(name, points):
    assert HAO_SIZES[name] == points
    assert parse_length(name) == Length(points, Unit.PT)
    assert parse_size(name) == points


def test_parse_size_is_absolute_and_positive():
    assert parse_size("9pt") == 9
    assert parse_size("3mm") == pytest.approx(3 * MM)
    assert parse_size(12) == 12
    with pytest.raises(ValueError, match="absolute"):
        parse_size("1em")
    with pytest.raises(ValueError, match="absolute"):
        parse_size("2字")
    with pytest.raises(ValueError, match="above 0"):
        parse_size(0)


@pytest.mark.parametrize("bad", ["", "pt", "9 px", "九号", "1.2.3mm", "abc", True, None, [1]])
def test_parse_length_rejects(bad):
    with pytest.raises(ValueError, match="expected a length"):
        parse_length(bad)


@given(st.floats(min_value=0, max_value=5080, allow_nan=False, allow_infinity=False))
def test_mm_round_trip(x):
    text = f"{x!r}mm"
    assert math.isclose(parse_length(text).to_pt(), x * MM, rel_tol=1e-12, abs_tol=1e-12)


@given(st.floats(min_value=0.01, max_value=100), st.floats(min_value=1, max_value=100))
def test_em_scales_with_size(count, size):
    assert math.isclose(parse_length(f"{count!r}em").to_pt(em=size), count * size)


@pytest.mark.parametrize(
    "bad", ["1e308mm", "1e400pt", "5081mm", "-14401pt", "1001em", "2000字", float("nan"), 1e400]
)
def test_lengths_beyond_the_largest_page_or_not_finite_are_range_errors(bad):
    with pytest.raises(LengthRangeError, match="at most|finite"):
        parse_length(bad)


def test_the_largest_page_is_a_length():
    assert parse_length("200in").to_pt() == MAX_LENGTH_PT
    assert parse_length("-1000em").value == -1000


def test_the_largest_page_may_be_written_in_any_unit():
    """200in is 5080mm and 508cm, though the millimetres come out a hair over in floats."""
    for text in ("200in", "5080mm", "508cm", "14400pt"):
        assert parse_length(text).to_pt() == pytest.approx(14_400)
    with pytest.raises(ValueError, match="at most 200in"):
        parse_length("5081mm")
