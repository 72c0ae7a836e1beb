"""Problems: built by keyword, with the details of their kind and a page rect to mark; the
details read back typed, and written to JSON as the preflight report has always had them."""

from __future__ import annotations

import pytest

from layout.geometry import Rect
from layout.report import (
    DETAILS,
    AtLine,
    FacesAbsent,
    ImageFile,
    LowResolution,
    MissingGlyph,
    Overset,
    Problem,
    ProblemKind,
    RemovedCharacter,
    Severity,
    ThreadSource,
    Underset,
    grouped,
    ppi_below,
    tenths_down,
)
from layout.text.clean import RemovalReason


def test_every_kind_names_the_details_it_carries() -> None:
    assert set(DETAILS) == set(ProblemKind)


def test_a_problem_refuses_details_of_another_kind() -> None:
    with pytest.raises(TypeError, match="overset problem carries Overset details, not AtLine"):
        Problem(kind=ProblemKind.OVERSET, message="x", details=AtLine(line=1))


def test_a_problem_is_built_by_keyword_only() -> None:
    with pytest.raises(TypeError):
        Problem(ProblemKind.ORPHAN, "line 2", AtLine(line=2))  # type: ignore[misc]


def test_where_is_a_rect_and_the_level_overrides_the_severity() -> None:
    low = Problem(
        kind=ProblemKind.LOW_RESOLUTION,
        message="a.jpg prints at 120 ppi (below 150)",
        details=LowResolution(ppi=120.0, path="a.jpg", limit=150.0),
        box="photo",
        where=Rect(10.0, 20.0, 30.0, 40.0),
        level=Severity.ERROR,
    )
    assert low.where is not None and low.where.bottom == 60.0
    assert low.severity is Severity.ERROR  # a warning by kind
    assert str(low) == "error: low-resolution: box photo: a.jpg prints at 120 ppi (below 150)"


@pytest.mark.parametrize(
    ("details", "json"),
    [
        (Overset(lines=3, chars=37), {"lines": 3, "chars": 37}),
        (
            Overset(lines=0, chars=0, points_over=4.5),
            {"lines": 0, "chars": 0, "over_mm": 1.6},  # 4.5 pt
        ),
        (Underset(lines=4), {"lines": 4}),
        (
            MissingGlyph(char="\U0003106c", code_point="U+3106C", index=7),
            {"char": "\U0003106c", "code_point": "U+3106C", "index": 7},
        ),
        (
            RemovedCharacter(
                char="\\u200d",
                code_point="U+200D",
                index=4,
                reason=RemovalReason.VARIATION_SELECTOR,
                line=2,
            ),
            {
                "char": "\\u200d",
                "code_point": "U+200D",
                "index": 4,
                "reason": RemovalReason.VARIATION_SELECTOR.value,
                "line": 2,
            },
        ),
        (AtLine(line=5), {"line": 5}),
        (
            LowResolution(ppi=176.2, path="a.jpg", limit=200.0),
            {"ppi": 176.2, "file": "a.jpg", "limit": 200.0},
        ),
        (ImageFile(path="b.png"), {"file": "b.png"}),
        (FacesAbsent(faces=("hana-a", "hana-b")), {"faces": ["hana-a", "hana-b"]}),
        (ThreadSource(page=1, box="lead"), {"from_page": 1, "from_box": "lead"}),
    ],
)
def test_details_in_json_as_the_report_has_them(details, json) -> None:  # noqa: ANN001
    assert details.to_json() == json
    assert list(details.to_json()) == list(json)  # in this order


def test_a_removed_character_on_no_line_says_no_line() -> None:
    removed = RemovedCharacter(
        char="\\x07", code_point="U+0007", index=0, reason=RemovalReason.CONTROL
    )
    assert "line" not in removed.to_json()


def _missing(paragraph: int, index: int) -> Problem:
    return Problem(
        kind=ProblemKind.MISSING_GLYPH,
        message="no font of role 'song' has '𰻞' (U+30EDE)",
        details=MissingGlyph(char="𰻞", code_point="U+30EDE", index=index),
        box="lead",
        article="story",
        paragraph=paragraph,
    )


def test_a_character_missing_in_many_places_names_each_place_once() -> None:
    (twice,) = grouped([_missing(3, 1), _missing(3, 9)])
    assert str(twice).endswith("(2 places, all there)")
    (spread,) = grouped([_missing(3, 1), _missing(3, 9), _missing(5, 2), _missing(6, 0)])
    assert str(spread).endswith(
        "(4 places, 2 there; also box lead, article story, paragraph 5; "
        "box lead, article story, paragraph 6)"
    )
    (again,) = grouped([_missing(3, 1), _missing(5, 2), _missing(5, 7)])
    assert str(again).endswith("(3 places; also box lead, article story, paragraph 5 ×2)")


@pytest.mark.parametrize(
    ("ppi", "limit", "shown"),
    [(149.6, 150, "149.6"), (149.96, 150, "149.9"), (149.4, 150, "149"), (120.0, 150, "120")],
)
def test_a_resolution_below_a_limit_is_never_shown_at_it(ppi, limit, shown) -> None:
    assert ppi_below(ppi, limit) == shown
    assert tenths_down(ppi) < limit
