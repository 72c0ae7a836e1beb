"""Orientation of clusters in a vertical line (clreq §2.4)."""

from __future__ import annotations

import pytest

from layout.text.collect import collect
from layout.text.orient import Orientation, Segment, VerticalOptions, orient

UP, ROT, TCY = Orientation.UPRIGHT, Orientation.ROTATED, Orientation.TCY


DEFAULT = VerticalOptions()


def segments(text: str, options: VerticalOptions = DEFAULT) -> list[list[tuple]]:
    return [
        [(c.text[s.start : s.end], s.orientation) for s in orient(c, options)]
        for c in collect(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("平湖", [[("平", UP)], [("湖", UP)]]),
        ("，", [[("，", UP)]]),
        ("100", [[("100", TCY)]]),  # 纵中横: up to three digits
        ("2025", [[("2025", ROT)]]),  # four digits are turned
        ("Apple", [[("Apple", ROT)]]),
        ("PTA", [[("PTA", UP)]]),  # an acronym of capitals stands upright
        ("ALDEN", [[("ALDEN", ROT)]]),  # five capitals: a word, turned
        ("G", [[("G", UP)]]),
        ("9.4%", [[("9.4%", ROT)]]),
    ],
)
def test_units(text: str, expected: list) -> None:
    assert segments(text) == expected


def test_punctuation_held_on_to_a_number_is_turned_beside_it() -> None:
    # "28," is one cluster (the comma holds on to the number, UAX #14 LB13): 纵中横 and a
    # turned ASCII comma.
    assert segments("28,") == [[("28", TCY), (",", ROT)]]


def test_a_number_with_its_western_signs_is_turned_as_one_unit() -> None:
    # 25°C as 25cm is: turned whole, not 25 with ° upright in an em of its own (where it
    # reads as 。) and C upright beside it.
    assert segments("25°C") == [[("25°C", ROT)]]
    assert segments("25cm") == [[("25cm", ROT)]]
    assert segments("25°") == [[("25°", ROT)]]
    assert segments("5′30″") == [[("5′30″", ROT)]]
    # A full-width sign stands upright after its number, which is 纵中横 when short.
    assert segments("25℃") == [[("25", TCY), ("℃", UP)]]
    assert segments("120㎡") == [[("120", TCY), ("㎡", UP)]]
    assert segments("1990℃") == [[("1990", ROT), ("℃", UP)]]


def test_options() -> None:
    assert segments("PTA", VerticalOptions(upright_latin=False)) == [[("PTA", ROT)]]
    assert segments("“", VerticalOptions(quotes="rotated")) == [[("“", ROT)]]
    assert segments("“", VerticalOptions(quotes="corner")) == [[("“", UP)]]
    assert segments("1234", VerticalOptions(tcy_digits=4)) == [[("1234", TCY)]]


def test_segments_cover_the_cluster() -> None:
    for c in collect("增长28,达到“PTA”和Apple的100周年：好！"):
        found = orient(c, VerticalOptions())
        assert found[0].start == 0 and found[-1].end == len(c.text)
        assert all(a.end == b.start for a, b in zip(found, found[1:], strict=False))
        assert all(isinstance(s, Segment) for s in found)


def test_an_apostrophe_is_turned_with_its_word() -> None:
    """In a vertical line the apostrophe of O’Brien is a letter of the rotated word, never
    the corner bracket of a closing quote; the Chinese ’ keeps its upright vertical form."""
    assert segments("O’Brien") == [[("O’Brien", ROT)]]
    assert segments("I’m") == [[("I’m", ROT)]]
    assert segments("好’") == [[("好", UP)], [("’", UP)]]


def test_the_sign_of_a_short_number_stands_as_alone_and_the_number_is_tcy() -> None:
    # "−5" is one cluster (collect: a break never parts them); the minus stands as it would
    # alone, the digit is 纵中横 as a number of its own.
    assert segments("−5") == [[("−", UP), ("5", TCY)]]
    assert segments("-12") == [[("-", ROT), ("12", TCY)]]
    assert segments("−5℃") == [[("−", UP), ("5", TCY), ("℃", UP)]]
