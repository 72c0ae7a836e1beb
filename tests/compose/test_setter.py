"""The page's access to the text engine, on synthetic metrics."""

from __future__ import annotations

import sys
from pathlib import Path

from layout.compose.setter import Setter, Where, paragraph_style
from layout.geometry import WritingMode
from layout.report import MissingGlyph, ProblemKind, RemovedCharacter
from layout.text.orient import VERTICAL_FULL_WIDTH, Orientation, VerticalOptions

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SIZE, SyntheticLibrary, styles  # noqa: E402


def test_a_vertical_paragraph_style_orients_and_keeps_colons_whole() -> None:
    style = styles(body={"quotes": "rotated", "upright_latin": False})["body"]
    horizontal = paragraph_style(style)
    vertical = paragraph_style(style, mode=WritingMode.VERTICAL_RL)
    assert horizontal.vertical is None and horizontal.full_width_marks == frozenset()
    assert vertical.vertical == VerticalOptions(quotes="rotated", upright_latin=False)
    assert vertical.full_width_marks == VERTICAL_FULL_WIDTH


def test_set_is_memoised_per_mode() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    across = setter.set("增长28倍", body, 10 * SIZE)
    assert setter.set("增长28倍", body, 10 * SIZE) is across
    down = setter.set("增长28倍", body, 10 * SIZE, mode=WritingMode.VERTICAL_RL)
    assert down is not across
    orientations = {g.text: g.orientation for line in down.lines for g in line.glyphs}
    assert orientations["28"] is Orientation.TCY
    assert all(g.orientation is Orientation.UPRIGHT for line in across.lines for g in line.glyphs)


def test_problems_say_where_with_typed_details() -> None:
    setter = Setter(SyntheticLibrary(missing=frozenset("湖")), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set("平湖\u0007经济", body, 10 * SIZE)
    found = setter.problems(par, body, Where("box", "story", 3))
    kinds = {p.kind: p for p in found}
    missing = kinds[ProblemKind.MISSING_GLYPH]
    assert (missing.box, missing.article, missing.paragraph) == ("box", "story", 3)
    assert isinstance(missing.details, MissingGlyph) and missing.details.char == "湖"
    removed = kinds[ProblemKind.REMOVED_CHARACTER]
    assert isinstance(removed.details, RemovedCharacter)
    assert removed.details.code_point == "U+0007"
