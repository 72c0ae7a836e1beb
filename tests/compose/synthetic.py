"""A synthetic font library for compose tests: every role set in :class:`SyntheticMetrics`
(1 em for Han characters and marks, ½ em for Latin), one face without vertical forms, and
page styles in 10 pt. (Imported by the compose tests through their own folder.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.spec.model import REQUIRED_STYLES, Style
from layout.text.metrics import SyntheticMetrics
from layout.text.options import Align

SIZE = 10.0


@dataclass
class SyntheticFace:
    id: str = "synthetic"

    def advance(self, ch: str) -> float:
        return SyntheticMetrics().glyph(ch).advance

    def vertical_advance(self, ch: str) -> float:
        return 1.0

    def vertical_form(self, ch: str) -> int | None:
        return None


@dataclass
class SyntheticLibrary:
    """What the compose stage asks of a font library."""

    missing: frozenset[str] = frozenset()
    memo: dict = field(default_factory=dict)
    roles: frozenset[str] = frozenset({"song", "hei", "kai"})

    def metrics(self, role: str) -> SyntheticMetrics:
        return SyntheticMetrics(missing=self.missing)

    def face(self, face_id: str) -> SyntheticFace:
        return SyntheticFace()


def styles(**changes: dict) -> dict[str, Style]:
    """Every required style, 10 pt on a 14 pt pitch, with ``changes`` by style name."""
    found = {}
    for name in REQUIRED_STYLES:
        values = {"font": "song", "size": SIZE, "leading": 14.0, "align": Align.START}
        values.update(changes.get(name, {}))
        found[name] = Style(name=name, **values)
    return found
