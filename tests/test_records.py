"""layout.records: the one repr shared by the package's records."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.geometry import Rect
from layout.records import readable, record_repr
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
    assert _Sample.__repr__ is record_repr and Rect.__repr__ is record_repr
