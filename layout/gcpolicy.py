"""How the cyclic garbage collector runs while a page is laid out.

Laying a page out makes a few hundred thousand small objects (clusters, items, glyphs,
lines) that live until the page is written, and almost no reference cycles. Under CPython's
default thresholds (a collection of the youngest generation every 700 allocations) the
collector walks them again and again, and each full collection also walks everything the
process made before: the modules, the fonts' tables, the spec. :func:`layout_gc` therefore,
for the time of a layout,

- freezes what is alive when it starts (``gc.freeze()``: moved to a permanent generation the
  collector does not walk; it is the program and its data, not garbage), and
- collects the youngest generation every :data:`YOUNG_THRESHOLD` allocations instead of 700
  (the older generations' thresholds unchanged),

and on leaving restores the thresholds and unfreezes every frozen object (nothing else in
banmian freezes any), so that a long-running process — ``watch``, an edition of many pages —
collects the previous page's objects as usual. Nothing else changes: garbage without cycles
is freed by reference counting as always, and cycles are still collected, only less often.

:func:`command_gc` is for a command's whole run: the same young threshold, without the
freeze. A command's first work is importing what it needs — some 130 of banmian's modules and
their libraries for a build: classes, functions and code that live as long as the process,
each allocation counting towards the next collection, and almost no garbage — and under the
default thresholds the collector walks that growing heap again and again (≈ 10 M instructions
of a cold front build). :func:`layout_gc` nests in it (it restores what it found).

:func:`freeze_at_exit` is for a command's process: when it ends, after the atexit handlers
before it (registered later) have run, everything alive is frozen, so that the collections
the interpreter makes while it shuts down (one, then more while the modules are torn down)
do not walk the whole heap of a finished build (≈ 80 M of a cold front build's 1.8 G
instructions). Only garbage in reference cycles is left to the operating system, as
``os._exit`` would leave everything; unlike it, every atexit handler runs and every object
not in a cycle is still freed and finalized by reference counting.
"""

from __future__ import annotations

import atexit
import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Allocations between two collections of the youngest generation during a layout (CPython's
# default is 700). At about 60 bytes an object, the garbage cycles this lets wait are at most
# a few MiB.
YOUNG_THRESHOLD = 20_000


@contextmanager
def layout_gc() -> Iterator[None]:
    """The collector as the module docstring says, for the ``with`` block; restored after."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


@contextmanager
def command_gc() -> Iterator[None]:
    """The youngest generation collected every :data:`YOUNG_THRESHOLD` allocations for the
    ``with`` block (a command's run, its imports included); the thresholds restored after."""
    thresholds = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def freeze_at_exit() -> None:
    """Freeze the heap when the interpreter exits (the module docstring says why). Called
    once a command; calling it again registers nothing more."""
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)
