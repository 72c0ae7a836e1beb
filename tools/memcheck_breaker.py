"""Drive the compiled line breaker (``layout.text._breaker``) through random paragraphs and bad
input, for a memory checker. Run it under valgrind after editing ``layout/text/_breaker.c``::

    PYTHONMALLOC=malloc valgrind --tool=memcheck --errors-for-leak-kinds=none \\
        $(python -c "import sys;print(sys.executable)") tools/memcheck_breaker.py

and compare valgrind's error summary with that of ``-c "import layout.text.linebreak"`` under
the same command: CPython's own reports (its import machinery) are the same in both, so an
error beyond them, or any stack with a ``_breaker`` frame, is the extension's. It prints how
many calls returned and how many raised (bad input must raise, never crash; the random items
are not always as ``prepare`` makes them — a paragraph may end in glue, say — and then either
breaker may refuse them alike). Agreement with the Python breaker is tested in
``tests/text/test_linebreak_compiled.py``.
"""

from __future__ import annotations

import math
import random
import sys

from layout.text import linebreak
from layout.text.items import Box, Discretionary, Glue, GlyphRun, Item, ShrinkStep, StretchStep
from layout.text.options import BreakMode

COMPILED = linebreak.Breaker.COMPILED
PARAGRAPHS = 400
_ODD_LENGTHS = (0.0, 1.25, 5.0, 10.0, 17.0, 35.0, -5.0, 1e-7, 1e300, math.inf)
_HYPHEN = (GlyphRun("-", "x", 0.0, 3.0, 1.0, 0),)
_NO_STEP = (StretchStep.NONE, ShrinkStep.NONE)
# Items the breaker must refuse with an exception (or take, for a NaN width), never crash on.
BAD_PARAGRAPHS: tuple[list, ...] = (
    [1, 2],
    [Box(1.0), "x"],
    [Glue(1.0, 1.0, 1.0, *_NO_STEP, "p")],
    [Box("w")],
    [Box(float("nan")), Glue(1.0, 1.0, 1.0, *_NO_STEP, 0.0)],
)


def _length(rng: random.Random) -> float:
    return rng.choice(_ODD_LENGTHS) if rng.random() < 0.3 else rng.uniform(0.0, 60.0)


def _item(rng: random.Random) -> Item:
    kind = rng.random()
    if kind < 0.4:
        return Box(_length(rng))
    if kind < 0.85:
        return Glue(
            _length(rng),
            rng.choice([0.0, _length(rng)]),
            rng.choice([0.0, _length(rng)]),
            rng.choice(list(StretchStep)),
            rng.choice(list(ShrinkStep)),
            rng.choice([None, None, 0.0, 50.0, -50.0, 1e4, 3e7]),
        )
    return Discretionary(
        rng.choice([0.0, 3.3, 5.0]), _HYPHEN, rng.choice([0.0, 50.0, 1e4]), rng.choice([0.0, 10.0])
    )


def _calls(items: list, measure: float, rng: random.Random) -> list:
    """Every entry point of the compiled breaker over one paragraph, as thunks."""
    return [
        lambda: linebreak.break_lines(items, measure, BreakMode.TOTAL_FIT, breaker=COMPILED),
        lambda: linebreak.break_lines(items, measure, BreakMode.FIRST_FIT, breaker=COMPILED),
        lambda: linebreak.break_lines(
            items,
            measure,
            BreakMode.TOTAL_FIT,
            line_bonus=rng.choice([1e3, -1e5]),
            breaker=COMPILED,
        ),
        lambda: linebreak.break_to_count(
            items, measure, 3, rng.choice([1, -1]), loose=rng.choice([None, 2.5]), breaker=COMPILED
        ),
    ]


def main() -> int:
    if linebreak.BREAKER is not COMPILED:
        print("the compiled breaker is not built (pip install -e .)", file=sys.stderr)
        return 1
    rng = random.Random(7)
    returned = raised = 0
    paragraphs = [
        ([_item(rng) for _ in range(rng.randint(1, 60))], rng.choice([0.5, 5.0, 50.0, 130.0]))
        for _ in range(PARAGRAPHS)
    ]
    paragraphs += [(items, rng.choice([0.0, -1.0, math.inf])) for items, _ in paragraphs[:40]]
    paragraphs += [(bad, 10.0) for bad in BAD_PARAGRAPHS]
    for items, measure in paragraphs:
        for call in _calls(items, measure, rng):
            try:
                call()
                returned += 1
            except Exception:  # (the random items need not be well formed)
                raised += 1
    print(f"{returned} calls returned, {raised} raised")
    return 0


if __name__ == "__main__":
    sys.exit(main())
