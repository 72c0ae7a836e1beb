"""How messages show the text they are about (layout.errors)."""

from __future__ import annotations

import pytest

from layout.errors import blank_characters, quoted


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # CJK Extensions H and I, unknown to Python 3.11's Unicode 14 database: as themselves
        ("\U00031350", "'\U00031350'"),
        ("名\U0002ebf0字", "'名\U0002ebf0字'"),
        # the rest as repr shows it: invisible and control characters escaped
        ("a\x01b", "'a\\x01b'"),
        ("\u200d", "'\\u200d'"),
        ("it's", '"it\'s"'),
        ("𰻞", "'𰻞'"),
    ],
)
def test_quoted_shows_ideographs_and_escapes_the_invisible(text: str, shown: str) -> None:
    assert quoted(text) == shown


def test_quoted_is_repr_for_what_python_can_print() -> None:
    for text in ("both ' and \"", "back\\slash", "\x07\u3000", "平湖"):
        assert quoted(text) == repr(text)


def test_blank_characters_are_named_by_code_point_and_count() -> None:
    assert blank_characters("\u3000\u3000") == "U+3000 ×2"
    assert blank_characters(" \u3000 ") == "U+0020 ×2, U+3000"
