"""The declarative schema checker (layout.schema) on small tables: every fault reported once,
at its key path and position, and the parsed values as the tables say."""

from __future__ import annotations

import math
from enum import Enum
from pathlib import Path

import pytest

from layout.errors import SpecError
from layout.schema import (
    FAILED,
    STR,
    Field,
    ListOf,
    MapOf,
    OneOf,
    Record,
    enum_kind,
    int_kind,
    number_kind,
    show,
    suggest,
)
from layout.yamlsource import parse_yaml

FILE = Path("doc.yaml")


class Shape(Enum):
    CIRCLE = "circle"
    SQUARE = "square"


SHAPE = Record(
    "shape",
    [
        Field("name", STR, required=True),
        Field("kind", enum_kind(Shape), required=True),
        Field("radius", number_kind(0), required=True, kinds=("circle",)),
        Field("side", number_kind(0), required=True, kinds=("square",)),
        Field("count", int_kind(1, 9), default=1),
        Field("tags", ListOf(STR, single=True)),
    ],
    kind_key="kind",
)


def check(kind, text: str) -> tuple[object, list[SpecError]]:
    doc = parse_yaml(text, FILE)
    errors: list[SpecError] = []
    return kind.check(doc, "", doc.value, errors), errors


def test_a_good_record_is_parsed_with_its_defaults() -> None:
    value, errors = check(SHAPE, "name: sun\nkind: circle\nradius: 3\n")
    assert errors == []
    assert value == {"name": "sun", "kind": Shape.CIRCLE, "radius": 3.0, "count": 1, "tags": None}


def test_a_key_of_another_variant_is_an_error_at_the_key() -> None:
    _, errors = check(SHAPE, "name: sun\nkind: circle\nradius: 3\nside: 2\n")
    assert [(e.key_path, e.pos.line, e.message) for e in errors] == [
        ("side", 4, "key 'side' does not apply to kind 'circle' (only to square)")
    ]


def test_a_variant_requires_only_its_own_keys() -> None:
    _, errors = check(SHAPE, "name: box\nkind: square\n")
    assert [(e.key_path, e.message) for e in errors] == [("side", "missing required key 'side'")]


def test_a_bad_discriminator_leaves_the_variant_keys_unjudged() -> None:
    _, errors = check(SHAPE, "name: box\nkind: triangle\nside: 2\n")
    assert [(e.key_path, e.message) for e in errors] == [
        ("kind", "expected one of circle, square, got 'triangle'")
    ]


def test_a_misspelt_key_is_one_error_with_a_hint_not_two() -> None:
    _, errors = check(SHAPE, "name: sun\nkind: circle\nradiu: 3\n")
    assert [(e.key_path, e.pos.line, e.message) for e in errors] == [
        ("radiu", 3, "unknown key 'radiu' (did you mean 'radius'?)")
    ]


def test_every_fault_is_reported_in_one_pass() -> None:
    value, errors = check(SHAPE, "kind: circle\nradius: -1\ncount: 10\ntags: [a, '']\n")
    assert value is not FAILED and "radius" not in value and "count" not in value
    assert sorted(e.key_path for e in errors) == ["count", "name", "radius", "tags[1]"]
    assert {e.key_path: e.expected for e in errors}["count"] == "an integer 1–9"


def test_a_single_item_is_a_list_of_one_where_allowed() -> None:
    value, errors = check(SHAPE, "name: sun\nkind: circle\nradius: 1\ntags: red\n")
    assert errors == [] and value["tags"] == ["red"]


def test_a_record_that_is_not_a_mapping() -> None:
    value, errors = check(SHAPE, "- a\n")
    assert value is FAILED
    assert [e.message for e in errors] == ["expected a mapping (shape), got a list"]


@pytest.mark.parametrize("text", [".nan", ".inf", "1e400", "true", "'3'"])
def test_numbers_are_finite_numbers(text: str) -> None:
    value, errors = check(number_kind(0), f"{text}\n")
    assert value is FAILED and len(errors) == 1 and errors[0].expected == "a number ≥ 0"


def test_one_of_chooses_by_its_selector() -> None:
    kind = OneOf(
        "a name or a list of names", [STR, ListOf(STR)], lambda v: 1 if isinstance(v, list) else 0
    )
    assert check(kind, "a\n") == ("a", [])
    assert check(kind, "[a, b]\n") == (["a", "b"], [])


def test_map_of_keys_values_by_path() -> None:
    value, errors = check(MapOf(int_kind(0), "a mapping of counts"), "a: 1\nb: x\n")
    assert value == {"a": 1, "b": FAILED}
    assert [(e.key_path, e.pos.line) for e in errors] == [("b", 2)]


def test_records_lists_each_nested_record_once() -> None:
    inner = Record("inner", [Field("x", STR)])
    outer = Record("outer", [Field("a", inner), Field("b", ListOf(inner))])
    assert outer.records() == [outer, inner]


def test_long_values_are_quoted_in_part() -> None:
    shown = show("x" * 10_000)
    assert len(shown) < 100 and "10000 characters" in shown


def test_show_names_what_is_not_a_scalar() -> None:
    assert [show(v) for v in (None, True, {}, [], 1.5, math.inf)] == [
        "nothing",
        "true",
        "a mapping",
        "a list",
        "1.5",
        "inf",
    ]


def test_suggest_offers_the_closest_name_or_nothing() -> None:
    assert suggest("colums", ["columns", "lines"]) == " (did you mean 'columns'?)"
    assert suggest("zzz", ["columns", "lines"]) == ""
