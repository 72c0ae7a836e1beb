"""How far a composed page is from fitting, read from the numbers the compose stage records.

Contract: :func:`measure` gives a :class:`Misfit` of a :class:`~layout.page.Page`: per
article box (a :class:`StoryFit`) its overset lines and characters, its empty lines at the
foot (``BoxLayout.foot_lines``: the deepest white under any one column's last line, in lines
of its body — the measure the build's 欠版 warning uses, ``layout.compose.page.is_underset``), and
whether its headline block fits its area (an overset problem of
the box with ``points_over``). Nothing is recounted. Misfits compare in order of what is
worse for the page: a head that does not fit, then overset lines (text that would be cut),
then empty lines beyond :data:`EMPTY_TOLERANCE`, then overset characters (finer than lines:
a trial that takes two characters off a story's overset is progress).
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.page import UNDERSET_TOLERANCE
from layout.page import BoxLayout, Page
from layout.report import Overset, ProblemKind

# A box fits with at most one empty line at its foot (issue 14: "no box with more than one
# empty line"): the build's own tolerance, so a box the fit leaves is one the build does not
# report underset, and a box the build reports is one the fit works on.
EMPTY_TOLERANCE = UNDERSET_TOLERANCE


@dataclass(frozen=True)
class StoryFit:
    """One article box's fit: what is over (lines and characters of the body), the empty
    lines at its foot (``empty_lines``: lines of its body, the deepest white under a column), the
    empty slots of all its columns and the characters they would hold, and whether its
    head fits."""

    box: str
    article: str | None
    overset_lines: int
    overset_chars: int
    empty_lines: int
    empty_chars: int
    head_over: bool
    empty_slots: int = 0

    @property
    def excess_empty(self) -> int:
        """Empty lines beyond :data:`EMPTY_TOLERANCE`."""
        return max(0, self.empty_lines - EMPTY_TOLERANCE)

    @property
    def fits(self) -> bool:
        return not self.head_over and self.overset_lines == 0 and self.excess_empty == 0


@dataclass(frozen=True, order=True)
class Misfit:
    """The page's misfit, compared field by field in order (see the module docstring)."""

    heads_over: int
    overset_lines: int
    excess_empty: int
    overset_chars: int

    @property
    def fits(self) -> bool:
        return self == Misfit(0, 0, 0, 0)


def stories(page: Page) -> tuple[StoryFit, ...]:
    """Every article box's fit, in the page's box order."""
    heads = {
        p.box
        for p in page.problems
        if p.kind is ProblemKind.OVERSET
        and isinstance(p.details, Overset)
        and p.details.points_over is not None
    }
    return tuple(_story(b, b.id in heads) for b in page.boxes if b.kind == "article")


def _story(b: BoxLayout, head_over: bool) -> StoryFit:
    return StoryFit(
        box=b.id,
        article=b.article,
        overset_lines=b.overset_lines,
        overset_chars=b.overset_chars,
        empty_lines=b.foot_lines,
        empty_chars=b.empty_chars,
        head_over=head_over,
        empty_slots=b.empty_lines,
    )


def measure(page: Page) -> Misfit:
    """The misfit of ``page``, summed over its article boxes."""
    found = stories(page)
    return Misfit(
        heads_over=sum(s.head_over for s in found),
        overset_lines=sum(s.overset_lines for s in found),
        excess_empty=sum(s.excess_empty for s in found),
        overset_chars=sum(s.overset_chars for s in found),
    )
