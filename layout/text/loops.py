"""Which implementation of the text engine's inner loops runs before the line breaker:
collect's loop over the characters, prepare's over the clusters, and overlong's sum over the
items (``layout.text._loops``, ``_loops.c``, built by ``pip install``), or the Python
code of :mod:`~.collect`, :mod:`~.prepare` and :mod:`~.overlong`, which stays the reference
and the fallback. Both give the same clusters and items, exactly; the compiled one does only
the commonest case (a Han character, a boundary between two of them, a sum of widths) and
asks the Python code for everything else, so the rules are written once."""

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
