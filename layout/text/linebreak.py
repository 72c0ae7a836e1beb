"""Stage 3, linebreak: choose where lines end. It reads widths, stretch, shrink and penalties
of items and knows no language (the rules were turned into items by ``prepare``).

Two modes behind one entry point, :func:`break_lines`:

- total-fit (Knuth and Plass): the breaks that minimise the sum of demerits over the whole
  paragraph, so that no line is much looser than its neighbours;
- first-fit: line by line, as many items as fit, squeezing before pushing (先挤进，后推出,
  clreq §3.1.4): a line takes the next item if shrinking makes it fit.

A line may shrink no further than its glue allows; it may stretch without limit (Chinese
text is justified by inter-character spacing), at a cost that grows with the cube of the
stretch ratio. If no breaks keep every line within the measure (an unbreakable run wider than
the measure), the line is set overfull and reported, never dropped.

A line may also end at a :class:`~.items.Discretionary` (a break inside a word that cannot fit
the measure whole): the line is then as wide as its items plus what is drawn at the break (a
hyphen), and the break's penalty is paid like a glue's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

from .items import Discretionary, Glue, Item
from .options import BreakMode

_EPSILON = 1e-6
# Shrinking costs half as much as stretching by the same ratio: squeeze before push.
_SHRINK_WEIGHT = 0.5
_LINE_PENALTY = 10.0
_OVERFULL_DEMERITS = 1e20
# Badness scale: a stretched line costs at most _MAX_STRETCH_BADNESS however loose it is; a
# line that cannot be stretched at all (no glue) costs more than any stretched one.
_MAX_STRETCH_BADNESS = 1e7
_UNJUSTIFIABLE_BADNESS = 1e8
# Lines looser than this stretch ratio (badness 337: characters spread by 3/16 em each) are
# not tried in the first pass; if that leaves no way through the paragraph, or the way found
# is dearer than such a line, a second pass tries every line (as TeX's tolerance and
# emergency pass). On the sample edition both passes give the same lines.
_TOLERANCE_RATIO = 1.5
_TOLERANCE_DEMERITS = (_LINE_PENALTY + 100.0 * _TOLERANCE_RATIO**3) ** 2


@dataclass(frozen=True, slots=True)
class Break:
    """A line ends at ``position`` (an item index: the glue broken at, or ``len(items)`` at
    the end of the paragraph)."""

    position: int
    overfull: float = 0.0  # points by which the line before this break exceeds the measure


@dataclass(frozen=True)
class _Sums:
    """Prefix sums over the items: sums[k] is the total over items[:k]."""

    width: list[float]
    stretch: list[float]
    shrink: list[float]
    next_box: list[int]  # next_box[k]: index of the first box at or after k (or len)
    breakpoints: list[int]  # indices of the glue where a line may end
    # Width that a line ending at a discretionary break has beyond its items (the hyphen).
    tails: dict[int, float]
    # Stretch a line ending at a discretionary break may end ragged by, if it has none.
    ragged: dict[int, float]


@dataclass(slots=True)
class _Node:
    position: int
    start: int  # first item of the line that starts after this break
    demerits: float
    previous: _Node | None
    overfull: float


def break_lines(items: Sequence[Item], measure: float, mode: BreakMode) -> list[Break]:
    """The breaks of a paragraph of ``items`` set to ``measure`` points."""
    if not items:
        return []
    sums = _prefix_sums(items)
    if mode is BreakMode.FIRST_FIT:
        return _first_fit(items, sums, measure)
    first = _total_fit(items, sums, measure, _TOLERANCE_RATIO)
    # A first-pass result that already costs more than one line beyond the tolerance (it
    # had to take a heavily penalised break) may be beaten by the second pass.
    if first is not None and first[1] <= _TOLERANCE_DEMERITS:
        return first[0]
    second = _total_fit(items, sums, measure, None)
    assert second is not None
    if first is not None and first[1] <= second[1]:
        return first[0]
    return second[0]


def _prefix_sums(items: Sequence[Item]) -> _Sums:
    n = len(items)
    widths = [0.0] * n
    stretch = [0.0] * n
    shrink = [0.0] * n
    next_box = [n] * (n + 1)
    breakpoints: list[int] = []
    tails: dict[int, float] = {}
    ragged: dict[int, float] = {}
    following = n
    for k in range(n - 1, -1, -1):
        item = items[k]
        widths[k] = item.width
        if item.__class__ is Glue:
            stretch[k] = item.stretch  # type: ignore[union-attr]
            shrink[k] = item.shrink  # type: ignore[union-attr]
            if item.penalty is not None:  # type: ignore[union-attr]
                breakpoints.append(k)
        elif item.__class__ is Discretionary:
            breakpoints.append(k)  # no width of its own, and no line starts with it
            if item.break_width:  # type: ignore[union-attr]
                tails[k] = item.break_width  # type: ignore[union-attr]
            if item.ragged:  # type: ignore[union-attr]
                ragged[k] = item.ragged  # type: ignore[union-attr]
        else:
            following = k
        next_box[k] = following
    breakpoints.reverse()
    return _Sums(
        [0.0, *accumulate(widths)],
        [0.0, *accumulate(stretch)],
        [0.0, *accumulate(shrink)],
        next_box,
        breakpoints,
        tails,
        ragged,
    )


def _total_fit(
    items: Sequence[Item], sums: _Sums, measure: float, tolerance: float | None
) -> tuple[list[Break], float] | None:
    """Knuth–Plass over ``items``: the breaks and their total demerits; ``None`` if no
    breaks keep every line within ``tolerance`` (a stretch ratio; ``None``: no limit)."""
    n = len(items)
    width, stretch, shrink, next_box = sums.width, sums.stretch, sums.shrink, sums.next_box
    tails, raggeds = sums.tails, sums.ragged
    # The hot loop of the engine: badness is computed inline.
    limit = measure + _EPSILON
    # Nodes in text order. Lines from older nodes are longer, so the nodes whose line has
    # grown too long are always a prefix: ``live`` is the first one still in play.
    active: list[_Node] = [_Node(-1, next_box[0], 0.0, None, 0.0)]
    live = 0
    final: _Node | None = None
    for b in [*sums.breakpoints, n]:
        is_end = b == n
        penalty = 0.0 if is_end else items[b].penalty  # type: ignore[union-attr]
        tail = tails.get(b, 0.0) if tails else 0.0
        ragged = raggeds.get(b, 0.0) if raggeds else 0.0
        wb, yb, zb = width[b] + tail, stretch[b], shrink[b]
        best: _Node | None = None
        best_demerits = 0.0
        dropped: _Node | None = None
        for k in range(live, len(active)):
            node = active[k]
            start = node.start
            if start >= b:
                continue
            natural = wb - width[start]
            if natural > limit:
                line_shrink = zb - shrink[start]
                if natural - line_shrink > limit:
                    if natural - tail - line_shrink > limit:
                        dropped = node  # too long now, and longer for every later break
                        live = k + 1
                    continue  # (or too long only with the hyphen drawn at this break)
                ratio = (natural - measure) / line_shrink
                bad = _SHRINK_WEIGHT * 100.0 * ratio * ratio * ratio
            elif is_end:
                bad = 0.0  # the last line is ragged: it only has to fit (clreq §3.6)
            else:
                gap = measure - natural
                if gap <= _EPSILON:
                    bad = 0.0
                else:
                    line_stretch = yb - stretch[start]
                    if line_stretch <= _EPSILON and ragged:
                        line_stretch = ragged  # word pieces alone: a ragged line
                    if line_stretch <= _EPSILON:
                        if tolerance is not None:
                            break  # and every newer node's line is looser still
                        bad = _UNJUSTIFIABLE_BADNESS * (1.0 + gap / measure)  # last resort
                    else:
                        ratio = gap / line_stretch
                        if tolerance is not None and ratio > tolerance:
                            break
                        bad = 100.0 * ratio * ratio * ratio
                        if bad > _MAX_STRETCH_BADNESS:
                            bad = _MAX_STRETCH_BADNESS
            demerits = node.demerits + (_LINE_PENALTY + bad) ** 2 + penalty * penalty
            if best is None or demerits < best_demerits:
                best = node
                best_demerits = demerits
        new: _Node | None = None
        after = n if is_end else next_box[b + 1]
        if best is not None:
            new = _Node(b, after, best_demerits, best, 0.0)
        elif live == len(active) and dropped is not None and tolerance is None:
            # Nothing fits: set the line overfull rather than lose text, and report it.
            over = wb - width[dropped.start] - (zb - shrink[dropped.start]) - measure
            new = _Node(b, after, dropped.demerits + _OVERFULL_DEMERITS, dropped, over)
        if new is not None:
            active.append(new)
        if is_end:
            final = new
    if final is None:
        return None
    return _unwind(final), final.demerits


def _unwind(node: _Node) -> list[Break]:
    breaks: list[Break] = []
    current: _Node | None = node
    while current is not None and current.position >= 0:
        breaks.append(Break(current.position, current.overfull))
        current = current.previous
    breaks.reverse()
    return breaks


def _first_fit(items: Sequence[Item], sums: _Sums, measure: float) -> list[Break]:
    n = len(items)
    width, shrink, next_box, tails = sums.width, sums.shrink, sums.next_box, sums.tails
    breaks: list[Break] = []
    start = next_box[0]
    while start < n:
        natural_end = width[n] - width[start]
        if natural_end - (shrink[n] - shrink[start]) <= measure + _EPSILON:
            breaks.append(Break(n))
            break
        chosen: int | None = None
        free: int | None = None  # the furthest fitting break that carries no penalty
        first_candidate: int | None = None
        for b in range(start + 1, n):
            item = items[b]
            if item.__class__ is not Discretionary and (
                not isinstance(item, Glue) or item.penalty is None
            ):
                continue
            if first_candidate is None:
                first_candidate = b
            # Squeeze before push: a break fits if the line can shrink to the measure.
            least = width[b] - width[start] - (shrink[b] - shrink[start])
            if least + tails.get(b, 0.0) <= measure + _EPSILON:
                chosen = b
                # (a break inside a word too long for the measure is no reason to leave the
                # line loose: first-fit fills lines)
                if item.penalty <= 0 or item.__class__ is Discretionary:  # type: ignore[union-attr]
                    free = b
            elif least > measure + _EPSILON:
                break
        # A penalised break (one that would leave a 孤字, say) gives way to the last free one
        # before it: the line is spread a little more instead.
        if chosen is not None and free is not None:
            chosen = free
        if chosen is None:
            if first_candidate is None:
                breaks.append(Break(n, width[n] - width[start] - measure))
                break
            over = width[first_candidate] + tails.get(first_candidate, 0.0) - width[start] - measure
            breaks.append(Break(first_candidate, max(over, 0.0)))
            chosen = first_candidate
        else:
            breaks.append(Break(chosen))
        start = next_box[chosen + 1]
    return breaks
