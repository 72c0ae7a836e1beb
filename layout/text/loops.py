"""Which implementation of the text engine's inner loops beside the line breaker runs:
collect's loop over the characters, prepare's over the clusters, the lookup of the boxes seen
before and the making of a Han character's, overlong's sum over the items, finalize's lines
and the runs a line is drawn in (``Line.runs``) —
``layout.text._loops`` (``_loops.c``, built by ``pip install``) or the Python code of
:mod:`~.collect`, :mod:`~.prepare`, :mod:`~.boxes`, :mod:`~.overlong` and
:mod:`~.finalize`, which stays the reference and the fallback. Both give the same clusters,
items, boxes and runs, exactly; the compiled one does only the commonest case (a Han
character or a mark, a boundary between two Han characters, a sum of widths, a glyph placed
and merged) and asks the Python code for everything else, so the rules are written once."""

from __future__ import annotations

from enum import Enum

try:
    from . import _loops
except ImportError:  # not built (no C compiler where it was installed): the Python loops
    _loops = None  # type: ignore[assignment]


class Loops(Enum):
    """Which implementation of the inner loops runs."""

    PYTHON = "python"  # the reference, in collect.py, prepare.py and overlong.py
    COMPILED = "compiled"  # layout.text._loops


# The one used unless a call says otherwise: the compiled one if it was built.
LOOPS = Loops.PYTHON if _loops is None else Loops.COMPILED
