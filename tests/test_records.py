"""layout.records: the dataclass records' one repr; what a NamedTuple record keeps."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from layout.geometry import Rect
from layout.page import TextRun
from layout.records import readable, record_repr
from layout.report import AtLine, Problem, ProblemKind, Underset
from layout.text.linebreak import Break


@readable
@dataclass(frozen=True, slots=True, repr=False)
class _Sample:
    name: str
    rect: Rect
    hidden: dict = field(default_factory=dict, repr=False)


def test_a_record_reads_as_the_generated_repr_would() -> None:
    sample = _Sample("头版", Rect(1, 2, 3, 4), {"memo": 1})
    assert repr(sample) == "_Sample(name='头版', rect=Rect(x=1, y=2, width=3, height=4))"
    assert repr(Break(3, 0.5)) == "Break(position=3, overfull=0.5)"


def test_every_record_shares_the_one_function() -> None:
    assert _Sample.__repr__ is record_repr and Problem.__repr__ is record_repr


# --------------------------------------------------------------------------- named tuples


def test_a_named_tuple_record_is_immutable_and_reads_as_a_record() -> None:
    run = TextRun("头版", "song", 10.0, 1.0, 2.0)
    with pytest.raises(AttributeError):
        run.x = 3.0  # type: ignore[misc]
    assert repr(Underset(2)) == "Underset(lines=2)"
    assert run._replace(x=3.0) == TextRun("头版", "song", 10.0, 3.0, 2.0)


def test_problems_of_two_kinds_differ_though_their_details_hold_the_same_values() -> None:
    # A NamedTuple equals any tuple of its values: Underset(2) == AtLine(2). A Problem is
    # compared with its kind, so two findings are never taken for one.
    assert Underset(2) == AtLine(2)
    under = Problem(kind=ProblemKind.UNDERSET, message="2 empty lines", details=Underset(2))
    orphan = Problem(kind=ProblemKind.ORPHAN, message="2 empty lines", details=AtLine(2))
    assert under != orphan and len({under, orphan}) == 2
