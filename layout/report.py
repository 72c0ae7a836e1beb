"""Problems found while setting a page: never dropped silently, always with where they are.

A :class:`Problem` names its kind, the box, the article and the paragraph it concerns, and
carries the numbers an editor acts on ("cut 37 characters", "room for 2 more lines").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class ProblemKind(Enum):
    OVERSET = "overset"  # text that does not fit its box (超版)
    UNDERSET = "underset"  # empty lines at the foot of a box
    MISSING_GLYPH = "missing-glyph"  # a character no font has
    MISSING_IMAGE = "missing-image"
    LOW_RESOLUTION = "low-resolution"  # an image below 200 ppi at its printed size
    OVERFULL_LINE = "overfull-line"  # an unbreakable run wider than the measure
    LOOSE_LINE = "loose-line"  # a line stretched beyond the loose limit
    ORPHAN = "orphan"  # 孤字
    PROHIBITED_BREAK = "prohibited-break"  # a prohibited line start or end
    IMAGE_PROFILE = "image-profile"  # a photo's embedded ICC profile is unusable (sRGB assumed)
    # A character the text engine cannot set and took out (a control or format character, a
    # lone surrogate, a noncharacter, a variation selector; layout.text.clean).
    REMOVED_CHARACTER = "removed-character"
    # An optional face of the fonts manifest (the last-resort face for rare ideographs) is
    # not installed: the characters only it has are reported missing (layout.fonts).
    FONT_NOT_INSTALLED = "font-not-installed"


class Severity(Enum):
    ERROR = "error"  # spoils print: overset, a missing character or image
    WARNING = "warning"  # worth a look: underset, loose lines, low resolution
    INFO = "info"


SEVERITY = {
    ProblemKind.OVERSET: Severity.ERROR,
    ProblemKind.MISSING_GLYPH: Severity.ERROR,
    ProblemKind.MISSING_IMAGE: Severity.ERROR,
    ProblemKind.OVERFULL_LINE: Severity.ERROR,
    ProblemKind.UNDERSET: Severity.WARNING,
    ProblemKind.LOW_RESOLUTION: Severity.WARNING,
    ProblemKind.LOOSE_LINE: Severity.WARNING,
    ProblemKind.ORPHAN: Severity.WARNING,
    ProblemKind.PROHIBITED_BREAK: Severity.ERROR,
    ProblemKind.IMAGE_PROFILE: Severity.WARNING,
    # Worth a look, not a spoiler: what was removed is invisible or not a character at all.
    ProblemKind.REMOVED_CHARACTER: Severity.WARNING,
    # Worth a look: the page is set without the face; any character it lacks is an error.
    ProblemKind.FONT_NOT_INSTALLED: Severity.WARNING,
}


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    message: str
    box: str | None = None
    article: str | None = None
    paragraph: int | None = None  # 1-based paragraph number in the article
    details: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
    where: tuple[float, float, float, float] | None = None  # page rect (x, y, w, h) to mark
    level: Severity | None = None  # overrides the kind's severity (a photo under press.strict_ppi)

    @property
    def severity(self) -> Severity:
        return self.level if self.level is not None else SEVERITY[self.kind]

    def location(self) -> str:
        parts = []
        if self.box:
            parts.append(f"box {self.box}")
        if self.article:
            parts.append(f"article {self.article}")
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return (
            f"{self.severity.value}: {self.kind.value}: {where}: {self.message}"
            if where
            else (f"{self.severity.value}: {self.kind.value}: {self.message}")
        )
