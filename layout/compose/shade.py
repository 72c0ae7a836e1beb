"""Type on a tint (底纹): the contrast of text with the shade printed under it.

Contract: :func:`shade_problems` takes the page's boxes (their ``shade``) and the ops drawn
on it, and returns one ``shade-contrast`` warning for each shaded box under text whose
darkness is too near its own: black type on a 60 % tint, or white type (反白) on a 20 % one.
It only reads; nothing is moved or recoloured. A newspaper tints the ground of a story 10–30 %
under black type and reverses type out of 70 % or more; between the two, neither reads.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..geometry import Rect
from ..page import Color, Op, TextRun
from ..report import Problem, ProblemKind, ShadeContrast
from ..spec.model import BoxSpec

# The least difference of darkness (0 white … 1 black) between type and the tint under it
# that reads: black type (1.0) on up to a 50 % tint, white type (0.0) on 50 % or more.
LEAST_CONTRAST = 0.5


def darkness(colour: Color) -> float:
    """How dark ``colour`` prints, 0 (paper) to 1 (solid black): the light its inks leave,
    each ink taken as absorbing its share (a process approximation; a spot ink by its
    process equivalent)."""
    light = (1 - colour.c) * (1 - colour.m) * (1 - colour.y) * (1 - colour.k)
    return 1.0 - light


def shade_problems(boxes: Sequence[BoxSpec], ops: Sequence[Op]) -> list[Problem]:
    """A warning for each shaded box of ``boxes`` under text of ``ops`` that does not stand
    out from it (:data:`LEAST_CONTRAST`), naming the lowest contrast found."""
    shaded = [b for b in boxes if b.shade is not None and b.shade > 0]
    if not shaded:
        return []
    runs = [op for op in ops if isinstance(op, TextRun) and op.text.strip()]
    problems = []
    for box in shaded:
        found = [abs(darkness(run.color) - box.shade) for run in runs if _inside(run, box.rect)]
        low = [c for c in found if c < LEAST_CONTRAST]
        if not low:
            continue
        worst = min(low)
        problems.append(
            Problem(
                kind=ProblemKind.SHADE_CONTRAST,
                message=f"text on the box's {box.shade:.0%} shade stands out from it by "
                f"{worst:.0%} only ({len(low)} of its runs): hard to read; tint 10–30 % "
                "under black type, or reverse the type in white (反白) out of 70 % or more",
                details=ShadeContrast(shade=box.shade, contrast=round(worst, 2), runs=len(low)),
                box=box.id,
                where=box.rect,
            )
        )
    return problems


def _inside(run: TextRun, rect: Rect) -> bool:
    """Whether the run's origin (its baseline's start) lies on ``rect``."""
    return rect.x <= run.x <= rect.right and rect.y <= run.y <= rect.bottom
