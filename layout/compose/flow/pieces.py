"""What the body flow takes and gives: the pieces of a story poured into a box's columns, how
the columns end, and what comes out.

Contract: a :class:`FlowPiece` is one paragraph to pour (body text, an intertitle, a byline,
a jump line) with what the flow needs to know of it; :class:`Fill` says how a story's
columns end; :class:`Onward` marks a box whose story goes on in another box, and
:class:`Cut` where it goes on; :class:`Flow` is what :func:`layout.compose.body.flow`
returns (ops, placed lines, problems and the copy-fitting numbers). Values only, frozen;
:func:`body_size` tells the body's size among the pieces (its baselines are the grid's).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from ...geometry import Rect
from ...page import Op, PlacedLine
from ...records import NamedTuple
from ...report import CutFrom, Problem
from ...spec.model import Style
from ...text.options import Align
from ..setter import RunInText, Where


class Fill(Enum):
    """How a story's columns end (box key ``fill``)."""

    FOOT = "foot"  # at the box's foot
    BALANCE = "balance"  # on one grid line, within one


class FlowPiece(NamedTuple):
    """One paragraph to pour: body text, an intertitle (小标题), a byline, a jump line."""

    text: str
    style: Style
    where: Where
    align: Align | None = None
    indent: float | None = None
    space_before: int = 0  # empty grid lines before it, unless it starts a column
    adjustable: bool = False  # a body paragraph: may be set a line longer or shorter to fill
    run_in: RunInText | None = None  # an opening in its own style: a dateline (本报讯)
    # May be set beside a wrapped box at a shorter measure; a byline keeps its width (its
    # labels are spread to it) and goes to the next whole line.
    beside: bool = True
    keep_with_next: bool = False  # an intertitle: never the last thing in a box (背题)
    # A line of a byline or credit, laid out to stand on one line: set on more, a name wider
    # than the column was broken, and that is reported.
    one_line: bool = False
    # What of the story the piece is (the composer's bookkeeping for threads): ``part`` 0 the
    # byline, ``k`` the story's paragraph k − 1, None furniture (a jump line); ``start`` where
    # its text begins in that part (characters of the cleaned paragraph; byline lines).
    part: int | None = None
    start: int = 0
    # A jump line (上接, 下转): furniture, not copy; cut, it is a line over but no text cut.
    jump: bool = False


class Cut(NamedTuple):
    """Where a box's flow stops when its story goes on in the next box: piece ``piece`` is
    the first not wholly set here, and ``offset`` the character of its cleaned text (its
    run-in not counted) where its first line not set here begins (0: all of it goes on)."""

    piece: int
    offset: int


class Onward(NamedTuple):
    """The story may go on in another box: what does not fit is carried on, not overset;
    ``jump`` is the jump line printed at the foot of the last column when it is (None: no
    line, as for a thread within one page)."""

    jump: FlowPiece | None = None


class Flow(NamedTuple):
    """A story poured into its box: the ops and placed lines, the problems located on the
    page, and the copy-fitting numbers (capacity, use, overset and the empty slots in lines
    of the body, ``layout.compose.flow.pour.body_step``; characters over and placed), with
    where the flow ended and where it goes on."""

    ops: tuple[Op, ...]
    lines: tuple[PlacedLine, ...]
    problems: tuple[Problem, ...]
    capacity_lines: int
    used_lines: int
    overset_lines: int
    overset_chars: int
    # The empty line slots of the columns (below their last lines), in flow order; none
    # when lines are over.
    empty_slots: tuple[Rect, ...]
    placed_chars: int
    last_position: tuple[int, int] = (0, 0)  # (column, next free slot)
    rest: Cut | None = None  # where the story goes on in the next box of its thread
    # The length of line the slots that take one hold, and the empty ones, in points: a
    # line shortened beside a wrapped box counts short (copy-fitting in characters).
    capacity_measure: float = 0.0
    empty_measure: float = 0.0
    cut_from: CutFrom | None = None  # where the lines over begin (None: none over)
    # The grid lines the text takes, blank lines before intertitles and skipped feet
    # included (``used_lines`` counts the body's lines): how deep a caption block is.
    used_slots: int = 0

    @property
    def empty_lines(self) -> int:
        return len(self.empty_slots)


def body_size(pieces: Sequence[FlowPiece]) -> float:
    """The size most pieces are set in: the body's, whose baselines are the grid's."""
    sizes = [p.style.size for p in pieces]
    return max(set(sizes), key=sizes.count) if sizes else 1.0
