"""Lines of a ``|`` block that the hard-wrap rule joined though they look written to stand
apart: verse, a list, a caption of two credits.

The white space rule takes a line break in a paragraph for a hard wrap pasted from copy
(CSS Text 3 §4.1.2: removed between two 汉字, else a space; ``layout.text.clean``), which is
right for prose pasted from a narrow column and wrong for lines broken by meaning: a poem's
lines run together, and where one ends with the character the next begins with the words
change (``船还在等`` / ``等一个春天`` print ``船还在等等一个春天``); a caption
``左：王强摄`` / ``右：陈明远摄`` prints ``左：王强摄右：陈明远摄``. The text is set as the
rule sets it; :func:`joined_lines` finds such a block for the report, so the desk writes each
line as an item of its own.

Conservative, so that pasted prose stays silent: a block is taken for lines by meaning only
when every line is short (``_SHORT``) and they open as list items do (``左：`` ``1.`` ``①``
``·``), or, three lines or more, the lines before the last each end with a mark (verse,
list items) or differ in length (``_UNEVEN``): a hard wrap cuts lines of one length, ending
wherever the measure fell, the last alone shorter.

Contract: :func:`joined_lines` gives, for a paragraph as written, its lines and the first
join's two lines when it looks so, else None.
"""

from __future__ import annotations

import re
from enum import Enum

from ..records import NamedTuple

# A line of verse or of a list is short; pasted prose is cut at a column's width, most of
# a line's 20-odd 汉字 or more in a news column pasted from a page or a word processor.
_SHORT = 20
# The spread of the lengths of the lines before the last at which they were broken by hand:
# a hard wrap's lines differ by a character or two (a mark pushed in or hung at an end).
_UNEVEN = 3
# Marks that end a line of verse or a list item (GB/T 15834-2011 §4: 句末点号 and 句内点号,
# and the closing marks after them).
_ENDING_MARKS = frozenset("。，、；：！？…—）」』”’》〉】.,;:!?)")
# How a list item opens: a number and its mark (1. 2、 （一）), a circled number, a bullet, or
# a short label and a colon (左：王强摄, 右：陈明远摄).
_LIST_OPENING = re.compile(
    r"(?:[（(]?[0-9０-９一二三四五六七八九十]{1,3}[.．、)）]|[①-⑳]|[·•\-—*]|[^\s：:]{1,4}[：:])"
)


class LineShape(Enum):
    """Why the lines look written to stand apart."""

    ENDING_MARKS = "each line ends with a mark"
    LIST_ITEMS = "each line opens as a list item"
    UNEVEN = "short lines of uneven length"


class JoinedLines(NamedTuple):
    """A ``|`` block's lines joined into one paragraph by the hard-wrap rule."""

    start: int  # in the raw text: where the first line begins
    lines: tuple[str, ...]  # the lines as written, stripped, blank ones left out
    shape: LineShape

    @property
    def telling(self) -> tuple[str, str]:
        """The two lines whose join the report shows: where the words change (a line ending
        with the character the next begins with, ``等`` / ``等``), else the first two."""
        pairs = list(zip(self.lines, self.lines[1:], strict=False))
        return next((p for p in pairs if p[0][-1] == p[1][0]), pairs[0])


def joined_lines(raw: str) -> JoinedLines | None:
    """The lines of ``raw`` (a paragraph as written) when two or more short lines look
    written to stand apart (the module), else None."""
    if "\n" not in raw.strip():  # (nearly all copy: one line)
        return None
    lines = tuple(line.strip() for line in raw.splitlines() if line.strip())
    if len(lines) < 2 or any(len(line) > _SHORT for line in lines):
        return None
    shape = _shape(lines)
    if shape is None:
        return None
    return JoinedLines(raw.index(lines[0]), lines, shape)


def _shape(lines: tuple[str, ...]) -> LineShape | None:
    """How the lines look set apart. Two lines are a list's only by their openings: two
    lines of prose may end and differ as verse does."""
    if all(_LIST_OPENING.match(line) for line in lines):
        return LineShape.LIST_ITEMS
    before_last = lines[:-1]
    if len(before_last) < 2:
        return None
    if all(line[-1] in _ENDING_MARKS for line in before_last):
        return LineShape.ENDING_MARKS
    lengths = [len(line) for line in before_last]
    if max(lengths) - min(lengths) >= _UNEVEN:
        return LineShape.UNEVEN
    return None
