"""What the commands print about problems (``layout.cli.printing``)."""

from __future__ import annotations

from layout.cli.printing import tally
from layout.report import MissingGlyph, Problem, ProblemKind, Underset


def _missing(paragraph: int) -> Problem:
    return Problem(
        kind=ProblemKind.MISSING_GLYPH,
        message="no font of role 'song' has '𱁬' (U+3106C)",
        details=MissingGlyph(char="𱁬", code_point="U+3106C", index=paragraph),
        box="lead",
        article="story",
        paragraph=paragraph,
    )


def test_a_character_missing_in_two_places_is_one_problem_as_listed() -> None:
    under = Problem(kind=ProblemKind.UNDERSET, message="room", details=Underset(lines=2), box="b")
    assert tally([_missing(1), under, _missing(4)]) == (2, 1)
    assert tally([]) == (0, 0)
