"""Stage 3, linebreak: choose where lines end. It reads widths, stretch, shrink and penalties
of items and knows no language (the rules were turned into items by ``prepare``).

Two modes behind one entry point, :func:`break_lines`:

- total-fit (Knuth and Plass): the breaks that minimise the sum of demerits over the whole
  paragraph, so that no line is much looser than its neighbours;
- first-fit: line by line, as many items as fit, squeezing before pushing (先挤进，后推出,
  clreq §3.1.4): a line takes the next item if shrinking makes it fit.

A line may shrink no further than its glue allows; it may stretch without limit (Chinese
text is justified by inter-character spacing), at a cost that grows with the cube of the
stretch ratio. The blank halves of lone punctuation marks (``items.WHOLE_STEPS``) are taken
whole or not at all, and last: a line that needs them is charged :data:`SQUEEZE_BADNESS` for
each mark set in ½ em, more than a line spread to the loose limit costs, so pushing or pulling
a character is always tried first (clreq §3.1.6, §3.6). If no breaks keep every line within
the measure (an unbreakable run wider than the measure), the line is set overfull and
reported, never dropped.

A line may also end at a :class:`~.items.Discretionary` (a break inside a word that cannot fit
the measure whole): the line is then as wide as its items plus what is drawn at the break (a
hyphen), and the break's penalty is paid like a glue's.

:func:`break_balanced` is for headlines: the fewest lines that fit the measure (shrinking
as a justified line may), and among those the breaks whose lines are most even, with no
line of fewer than :data:`SHORT_LINE` characters where that can be helped (a head's lines
are balanced, none a stub of one or two characters: the reference digest, "Newspaper page
practice"; CSS Text 4 ``text-wrap-style: balance``). Its measure of a breaking is the sum,
over the lines, of the squared deviation of each line's width from their mean, as a
fraction of the mean, plus each break's penalty / 100.

Two implementations of the total-fit pass and the prefix sums it reads, with the same results
bit for bit (the same breaks, overfull widths and demerits, so the same PDFs): the Python code
here, the reference, and the compiled module ``layout.text._breaker`` (``_breaker.c``, built
by ``pip install``), used whenever it imports (:data:`BREAKER`); first-fit too. Every entry
point takes ``breaker=`` to run one or the other (the tests run both); balanced breaking
(headlines) is Python only.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from itertools import accumulate

from ..records import NamedTuple
from .items import WHOLE_STEPS, Box, Discretionary, Glue, Item, StretchStep
from .options import BreakMode

try:
    from . import _breaker
except ImportError:  # not built (no C compiler where it was installed): the Python breaker
    _breaker = None  # type: ignore[assignment]


class Breaker(Enum):
    """Which implementation of the total-fit pass runs."""

    PYTHON = "python"  # the reference, in this module
    COMPILED = "compiled"  # layout.text._breaker


# The one used unless a call says otherwise: the compiled one if it was built.
BREAKER = Breaker.PYTHON if _breaker is None else Breaker.COMPILED

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
# A punctuation mark set in ½ em costs more than a line spread to the loose limit (0.25 em
# between characters: stretch ratio 2, badness 800; check.LOOSE_LIMIT), less than one spread
# further: squeezing is the last resort before a loose line.
SQUEEZE_BADNESS = 1000.0
# First-fit takes a line that squeezes marks only when the line without them (one character
# pushed down) would be spread beyond this stretch ratio (the loose limit).
_LOOSE_RATIO = 2.0
# Balanced mode: a line of fewer characters costs more than any imbalance of even lines.
SHORT_LINE = 3
_SHORT_LINE_COST = 1e4
_PENALTY_SCALE = 100.0  # a penalty of 100 counts as a line off the mean by all of it


class Break(NamedTuple):
    """A line ends at ``position`` (an item index: the glue broken at, or ``len(items)`` at
    the end of the paragraph)."""

    position: int
    overfull: float = 0.0  # points by which the line before this break exceeds the measure


class _Sums(NamedTuple):
    """Prefix sums over the items: sums[k] is the total over items[:k]."""

    width: list[float]
    stretch: list[float]
    shrink: list[float]  # shrink by degrees (word spaces, interpuncts, the Han–Western gap)
    whole: list[float]  # blank halves of marks, taken whole (items.WHOLE_STEPS)
    marks: list[int]  # how many such blanks
    next_box: list[int]  # next_box[k]: index of the first box at or after k (or len)
    breakpoints: list[int]  # indices of the glue where a line may end
    # Width that a line ending at a discretionary break has beyond its items (the hyphen).
    tails: dict[int, float]
    # Stretch a line ending at a discretionary break may end ragged by, if it has none.
    ragged: dict[int, float]


def squeezed_marks(excess: float, whole: float, marks: int) -> int:
    """How many marks a line ``excess`` points too long after every other shrink must set
    in ½ em, when ``marks`` blanks of ``whole`` points in all can go (all of one size in a
    paragraph; 0 when none is needed)."""
    if excess <= _EPSILON or marks == 0:
        return 0
    quantum = whole / marks
    return min(marks, -int(-(excess - _EPSILON) // quantum))


class _Node(NamedTuple):
    """A feasible break (Knuth and Plass's active node); made as a plain tuple in the hot
    loop (``_new_node``), one a breakpoint."""

    position: int
    start: int  # first item of the line that starts after this break
    demerits: float
    previous: _Node | None
    overfull: float


_new_node = tuple.__new__  # _new_node(_Node, (fields…)): a _Node without the keyword layer


class BreakStats(NamedTuple):
    """What a call of :func:`break_lines_counted` did, counted (not timed): the passes over
    the paragraph and, summed over them, the breakpoints weighed and the (breakpoint, active
    node) pairs whose line was measured — the breaker's work, which should grow with the
    paragraph's length and no faster."""

    passes: int = 0
    breakpoints: int = 0
    evaluations: int = 0

    def __add__(self, other: BreakStats) -> BreakStats:
        return BreakStats(
            self.passes + other.passes,
            self.breakpoints + other.breakpoints,
            self.evaluations + other.evaluations,
        )


def break_lines(
    items: Sequence[Item],
    measure: float,
    mode: BreakMode,
    *,
    line_bonus: float = 0.0,
    breaker: Breaker = BREAKER,
) -> list[Break]:
    """The breaks of a paragraph of ``items`` set to ``measure`` points. ``line_bonus`` (in
    demerits) is added for every line: negative, it draws the paragraph out to more lines;
    positive, it pulls it in to fewer (TeX's ``\\looseness``, reached by a bonus; see
    :func:`layout.text.paragraph.set_paragraph`). With a bonus, every line is tried and
    marks may be squeezed (the second pass); first-fit knows no bonus. ``breaker``: the
    implementation of the total-fit pass (the same breaks either way)."""
    return break_lines_counted(items, measure, mode, line_bonus=line_bonus, breaker=breaker)[0]


def break_lines_counted(
    items: Sequence[Item],
    measure: float,
    mode: BreakMode,
    *,
    line_bonus: float = 0.0,
    breaker: Breaker = BREAKER,
) -> tuple[list[Break], BreakStats]:
    """:func:`break_lines`, and what it did (:class:`BreakStats`; first-fit counts no
    passes)."""
    if not items:
        return [], BreakStats()
    engine = _engine(breaker)
    sums = engine.sums(items)
    if mode is BreakMode.FIRST_FIT:
        return engine.first_fit(items, sums, measure), BreakStats()
    total_fit = engine.total_fit
    if line_bonus:
        drawn = total_fit(items, sums, measure, _Rules(None, line_bonus))
        assert drawn.found is not None
        return drawn.found.breaks, drawn.stats
    first = total_fit(items, sums, measure, _Rules(_TOLERANCE_RATIO))
    # The second pass can only do better where the first had to take a line dearer than
    # any line within the tolerance (a heavily penalised break), or found no way through
    # within it: a criterion on single lines, as TeX's tolerance is, so that it holds
    # whatever the paragraph's length (a paragraph's total demerits grow with its lines).
    if first.found is not None and first.found.worst_line <= _TOLERANCE_DEMERITS:
        return first.found.breaks, first.stats
    second = total_fit(items, sums, measure, _Rules(None))
    assert second.found is not None
    stats = first.stats + second.stats
    if first.found is not None and first.found.demerits <= second.found.demerits:
        return first.found.breaks, stats
    return second.found.breaks, stats


# Line bonuses tried, smallest first, to draw a paragraph out or in by lines
# (:func:`break_to_count`): from about a comfortable line's demerits up to past a squeezed
# mark's (SQUEEZE_BADNESS).
BONUSES = (1e3, 1e4, 1e5, 1e6, 1e7)


def break_to_count(
    items: Sequence[Item],
    measure: float,
    lines: int,
    more: int,
    *,
    loose: float | None = None,
    breaker: Breaker = BREAKER,
) -> tuple[list[Break] | None, BreakStats]:
    """The breaks of a paragraph whose best breaks make ``lines`` lines, in ``lines + more``
    lines (TeX's ``\\looseness``): the total-fit breaks with the smallest of
    :data:`BONUSES` per line (a bonus drawing it out for ``more`` > 0, a cost pulling it in
    for ``more`` < 0) that reach that count; None if the bonuses go past it or never reach
    it. Every line is tried and marks may be squeezed (the second pass).

    ``loose``, for a justified paragraph: the loose limit in points (a line spread more
    than that between characters, or short of the measure by more, as ``finalize`` sets it;
    ``check.LOOSE_LIMIT``). Such lines are not tried — a setting with one is not taken
    (``layout.text.paragraph``) — which only removes settings the caller rejects: the breaks
    found are those the passes without the limit find whenever those have no loose line
    (the best of a set is the best of any part of it that holds it), and where those have
    one a setting without may be found instead (None if there is none at all). ``breaker``:
    as for :func:`break_lines`."""
    target = lines + more
    stats = BreakStats()
    if not items or target < 1 or not more:
        return None, stats
    engine = _engine(breaker)
    sums = engine.sums(items)
    spread = None if loose is None else _spread(items, loose)
    sign = 1.0 if more < 0 else -1.0
    # The line count grows with the bonus (shrinks with the cost): the setting with the
    # least total demerits plus bonuses has, for a larger bonus, as many lines or more (of
    # two settings, a larger bonus favours the one with more lines by more). So the first
    # bonus whose setting reaches the count — the one to take if it is exactly the count,
    # else none is — is found by bisection, and a pass at the count that shows the bonus
    # below it short (_short_of) ends it: 1 to 3 passes of 5 rather than up to 5.
    found: list[Break] | None = None
    low, high = 0, len(BONUSES)
    while low < high:
        middle = (low + high) // 2
        bonus = sign * BONUSES[middle]
        counted = engine.total_fit(items, sums, measure, _Rules(None, bonus, spread, ends=True))
        stats += counted.stats
        if counted.found is None:
            return None, stats  # no breaks without a loose line, whatever the bonus
        breaks = counted.found.breaks
        if len(breaks) == target and _first_to(counted, middle, low, sign, target, more):
            return breaks, stats  # the smaller bonuses fall short: this is the first
        if (len(breaks) - target) * more >= 0:  # at the count or past it
            found, high = breaks, middle
        else:
            low = middle + 1
    if found is None or len(found) != target:
        return None, stats  # never reached, or passed at the first bonus that reaches it
    return found, stats


def _first_to(counted: _Counted, index: int, low: int, sign: float, target: int, more: int) -> bool:
    """Whether the pass with bonus ``index`` (``counted``, ``target`` lines) is known to be
    the first to reach ``target``: the bonuses below ``low`` are known to fall short, and the
    one below ``index`` falls short by :func:`_short_of`."""
    if index <= low:
        return index == low
    return _short_of(counted, sign * BONUSES[index], sign * BONUSES[index - 1], target, more)


def _short_of(counted: _Counted, bonus: float, smaller: float, target: int, more: int) -> bool:
    """Whether the pass with the ``smaller`` bonus is known, from ``counted`` (a pass with
    ``bonus`` whose best breaks make ``target`` lines), to fall short of ``target`` (fewer
    lines when drawing out, ``more`` > 0; more when pulling in), so that it need not be run.

    It does if some way of ending the paragraph in a count short of ``target`` costs less,
    with the smaller bonus, than the best ``target`` lines: those are the best of their count
    at any bonus (they are the best with ``bonus``, and at one count the bonuses add the
    same), so with the smaller bonus no setting of ``target`` lines is the best, nor one of
    more (the count grows with the bonus): the best is short of it. A tie is no proof."""
    best = counted.found
    assert best is not None
    least = best.demerits - bonus * target  # the best target lines' own demerits
    for lines, demerits in counted.ends:
        if (lines - target) * more >= 0:
            continue
        own = demerits - bonus * lines
        # (the sums carry rounding of the bonuses added line by line: a margin for it)
        margin = 1e-9 * (abs(demerits) + abs(best.demerits)) + 1e-6
        if own + smaller * lines < least + smaller * target - margin:
            return True
    return False


def _line_count(node: _Node) -> int:
    """The lines up to the break at ``node``."""
    count = 0
    current: _Node | None = node
    while current is not None and current.position >= 0:
        count += 1
        current = current.previous
    return count


def _prefix_sums(items: Sequence[Item]) -> _Sums:
    n = len(items)
    widths = [0.0] * n
    stretch = [0.0] * n
    shrink = [0.0] * n
    whole = [0.0] * n
    marks = [0] * n
    next_box = [n] * (n + 1)
    breakpoints: list[int] = []
    tails: dict[int, float] = {}
    ragged: dict[int, float] = {}
    following = n
    glue, whole_steps = Glue, WHOLE_STEPS
    for k in range(n - 1, -1, -1):
        item = items[k]
        if item.__class__ is glue:
            # One unpacking of the glue's fields rather than one attribute look-up each.
            widths[k], stretch[k], give, _, step, penalty = item  # type: ignore[misc]
            if step in whole_steps:
                whole[k] = give
                marks[k] = 1
            else:
                shrink[k] = give
            if penalty is not None:
                breakpoints.append(k)
        elif item.__class__ is Discretionary:
            breakpoints.append(k)  # no width of its own, and no line starts with it
            if item.break_width:  # type: ignore[union-attr]
                tails[k] = item.break_width  # type: ignore[union-attr]
            if item.ragged:  # type: ignore[union-attr]
                ragged[k] = item.ragged  # type: ignore[union-attr]
        else:
            widths[k] = item.width
            following = k
        next_box[k] = following
    breakpoints.reverse()
    return _Sums(
        [0.0, *accumulate(widths)],
        [0.0, *accumulate(stretch)],
        [0.0, *accumulate(shrink)],
        [0.0, *accumulate(whole)],
        [0, *accumulate(marks)],
        next_box,
        breakpoints,
        tails,
        ragged,
    )


_INF = float("inf")
_DROP = -1.0  # _too_long: the line is too long, and so is every later one from its start
_SKIP = -2.0  # _too_long: too long only with what this break draws (a hyphen)


def _too_long(
    natural: float,
    tail: float,
    measure: float,
    shrink: float,
    stretch: float,
    squeezable: float,
    marks: int,
) -> float:
    """The badness of a line too long for the measure even shrunk by degrees: set with
    ``marks`` lone marks squeezed (``squeezable`` points of their blanks), or :data:`_DROP`
    or :data:`_SKIP` when that does not fit either."""
    if squeezable:
        squeezed = _squeezed_badness(natural, measure, shrink, stretch, squeezable, marks)
        if squeezed is not None:
            return squeezed
    if natural - tail - shrink - squeezable > measure + _EPSILON:
        return _DROP
    return _SKIP


def _squeezed_badness(
    natural: float, measure: float, shrink: float, stretch: float, whole: float, marks: int
) -> float | None:
    """The badness of a line that is too long even after every shrink by degrees: marks set
    in ½ em (:data:`SQUEEZE_BADNESS` each), then what is left shrunk by degrees or spread
    again (as ``finalize`` sets it). None if even all the marks are not enough."""
    excess = natural - shrink - measure
    if excess > whole + _EPSILON:
        return None
    count = squeezed_marks(excess, whole, marks)
    width = natural - count * whole / marks
    if abs(width - measure) <= _EPSILON:
        rest = 0.0
    elif width > measure:
        ratio = (width - measure) / shrink
        rest = _SHRINK_WEIGHT * 100.0 * ratio * ratio * ratio
    elif stretch > _EPSILON:
        ratio = (measure - width) / stretch
        rest = min(100.0 * ratio * ratio * ratio, _MAX_STRETCH_BADNESS)
    else:
        rest = _UNJUSTIFIABLE_BADNESS
    return SQUEEZE_BADNESS * count + rest


class _Rules(NamedTuple):
    """How a total-fit pass weighs lines: ``tolerance`` the loosest stretch ratio tried
    (``None``: no limit, and marks may be squeezed: a squeezed line costs more than any line
    within the tolerance, so the first pass never needs one); ``line_bonus`` the demerits
    added for every line; ``spread`` (with no tolerance) the lines left out because
    justifying them would make them loose (:class:`_Spread`); ``ends``: report every way of
    ending the paragraph, not only the best."""

    tolerance: float | None
    line_bonus: float = 0.0
    spread: _Spread | None = None
    ends: bool = False  # keep every way of ending the paragraph (_Counted.ends)


# _Spread.loose: a line within the limit; loose; loose, and so is every line ending at the same
# break that starts later (it has no word space that could take the stretch instead).
_FITS, _LOOSE, _LOOSE_ON = 0, 1, 2
# A line stretched by a ratio up to this is not asked about (with a ⅛-em inter-character
# stretch and a ¼-em loose limit none is loose, prepare.INTER_CHARACTER_STRETCH,
# check.LOOSE_LIMIT); a gate that saves work, not a rule: a line past it is asked.
_SPREAD_RATIO = 1.0
# Points by which a line must pass the loose limit to be left out: the sums here and
# finalize's add in different orders.
_SPREAD_MARGIN = 1e-6
# Points a word space may be stretched past its stretch (to ½ em, prepare.WORD_SPACE_MAX, the
# most the rules give it) on a line with no gap between characters to take the rest (a line
# of Western words alone), before the line is loose: none, but for the rounding of sums.
WORD_SPREAD_TOLERANCE = 0.01


class _Spread(NamedTuple):
    """What ``finalize`` does to a line too short for the measure, from prefix sums over
    the items (sums[k]: over items[:k]): the stretch of the word spaces and Han–Western gaps
    (``limited``, taken first, up to their stretch), how many inter-character gaps
    (``inter``, which share the rest equally) and how many word spaces (``words``, which
    take it where there are no inter-character gaps, past their stretch: loose past
    ``word_limit``); a line with neither is left short."""

    limited: list[float]
    inter: list[int]
    words: list[int]
    limit: float  # points: spread more between characters, or short by more, is loose
    word_limit: float  # points: a word space stretched more past its stretch is loose

    def loose(self, start: int, end: int, gap: float) -> int:
        """Whether the justified line of items ``start``–``end``, ``gap`` points short of
        the measure, comes out loose (``_FITS``, ``_LOOSE``, ``_LOOSE_ON``)."""
        rest = gap - (self.limited[end] - self.limited[start])
        gaps = self.inter[end] - self.inter[start]
        words = self.words[end] - self.words[start]
        if not gaps and words:
            # The word spaces take it all, past their stretch: loose if by more than the
            # tolerance each (a later start has fewer of them: looser still, or a gap).
            return _FITS if rest / words <= self.word_limit else _LOOSE
        if rest <= self.limit:
            return _FITS  # (within the limit however it is shared)
        if gaps and rest / gaps <= self.limit:
            return _FITS
        # A later start has less to stretch and no more gaps or word spaces: looser still,
        # unless word spaces take over where the gaps end.
        return _LOOSE if words else _LOOSE_ON


def _spread(items: Sequence[Item], limit: float) -> _Spread:
    """:class:`_Spread` over ``items`` with the loose ``limit`` in points (as
    ``finalize._stretch`` shares a line's gap out)."""
    limited, inter, words = [0.0], [0], [0]
    y, i, w = 0.0, 0, 0
    word, han_latin, character = (
        StretchStep.WORD_SPACE, StretchStep.HAN_LATIN, StretchStep.INTER_CHARACTER,
    )  # fmt: skip
    for item in items:
        if item.__class__ is Glue:
            step = item.stretch_step  # type: ignore[union-attr]
            if step is word:
                y += item.stretch  # type: ignore[union-attr]
                w += 1
            elif step is han_latin:
                y += item.stretch  # type: ignore[union-attr]
            elif step is character:
                i += 1
        limited.append(y)
        inter.append(i)
        words.append(w)
    return _Spread(
        limited, inter, words, limit + _SPREAD_MARGIN, WORD_SPREAD_TOLERANCE + _SPREAD_MARGIN
    )


class _Counted(NamedTuple):
    """A total-fit pass's result (``None``: no breaks keep every line within the rules'
    tolerance without squeezing a mark) and its counts."""

    found: _Pass | None
    stats: BreakStats
    # With ``_Rules.ends``: every way the pass found to end the paragraph, as (its lines, the
    # demerits with its last line, bonuses included).
    ends: tuple[tuple[int, float], ...] = ()


def _total_fit(items: Sequence[Item], sums: _Sums, measure: float, rules: _Rules) -> _Counted:
    """Knuth–Plass over ``items``: the breaks and their total demerits (none if no breaks
    keep every line within the rules' tolerance without squeezing a mark)."""
    n = len(items)
    width, stretch, shrink, next_box = sums.width, sums.stretch, sums.shrink, sums.next_box
    whole, marks, tails, raggeds = sums.whole, sums.marks, sums.tails, sums.ragged
    tolerance, bonus, spread = rules.tolerance, rules.line_bonus, rules.spread
    squeeze = tolerance is None
    most = _INF if tolerance is None else tolerance  # the loosest line tried
    if spread is not None:
        most = _SPREAD_RATIO  # (past it a line may be loose: ask ``spread``)
    # The hot loop of the engine: badness is computed inline. Nodes are in text order: lines
    # from older nodes are longer, so the nodes whose line has grown too long are always a
    # prefix, and ``live`` is the first one still in play.
    limit = measure + _EPSILON
    active: list[_Node] = [_Node(-1, next_box[0], 0.0, None, 0.0)]
    live = 0
    final: _Node | None = None
    evaluations = 0
    ends: list[tuple[_Node, float]] | None = [] if rules.ends else None
    for b in [*sums.breakpoints, n]:
        is_end = b == n
        penalty = 0.0 if is_end else items[b].penalty  # type: ignore[union-attr]
        penalty_demerits = penalty * penalty
        tail = tails.get(b, 0.0) if tails else 0.0
        ragged = raggeds.get(b, 0.0) if raggeds else 0.0
        wb, yb, zb, mb = width[b] + tail, stretch[b], shrink[b], whole[b]
        best: _Node | None = None
        best_demerits = _INF
        dropped: _Node | None = None
        first, top = live, len(active)  # the nodes weighed: first to top (counted)
        for k in range(first, top):
            node = active[k]
            start = node.start
            if start >= b:
                continue
            natural = wb - width[start]
            if natural > limit:
                line_shrink = zb - shrink[start]
                if natural - line_shrink > limit:
                    if not squeeze and natural - tail - line_shrink > limit:
                        dropped = node  # (_too_long's _DROP, inline: once a breakpoint)
                        live = k + 1
                        continue
                    squeezable = mb - whole[start] if squeeze else 0.0
                    line_stretch = (yb - stretch[start]) or ragged
                    count = marks[b] - marks[start]
                    bad = _too_long(
                        natural, tail, measure, line_shrink, line_stretch, squeezable, count
                    )
                    if bad < 0.0:
                        if bad == _DROP:  # too long now, and longer for every later break
                            dropped = node
                            live = k + 1
                        continue  # (or too long only with the hyphen drawn at this break)
                else:
                    ratio = (natural - measure) / line_shrink
                    bad = _SHRINK_WEIGHT * 100.0 * ratio * ratio * ratio
            elif is_end or measure - natural <= _EPSILON:
                bad = 0.0  # (the last line is ragged: it only has to fit, clreq §3.6)
            else:
                line_stretch = (yb - stretch[start]) or ragged  # word pieces alone: ragged
                ratio = (measure - natural) / line_stretch if line_stretch > _EPSILON else _INF
                if ratio > most:
                    if spread is None:
                        top = k + 1
                        break  # and every newer node's line is looser still
                    verdict = spread.loose(start, b, measure - natural)
                    if verdict == _LOOSE_ON:
                        top = k + 1
                        break  # (as is every newer node's line)
                    if verdict == _LOOSE:
                        continue
                if ratio < _INF:
                    bad = 100.0 * ratio * ratio * ratio
                    if bad > _MAX_STRETCH_BADNESS:  # (min() without the call)
                        bad = _MAX_STRETCH_BADNESS
                else:  # nothing to stretch: the last resort
                    bad = _UNJUSTIFIABLE_BADNESS * (1.0 + (measure - natural) / measure)
            line = _LINE_PENALTY + bad
            demerits = node.demerits + line * line + penalty_demerits + bonus
            if demerits < best_demerits:
                best = node
                best_demerits = demerits
            if is_end and ends is not None:
                ends.append((node, demerits))
        evaluations += top - first
        after = n if is_end else next_box[b + 1]
        if best is not None:
            new: _Node | None = _new_node(_Node, (b, after, best_demerits, best, 0.0))
        elif live == len(active) and dropped is not None and tolerance is None:
            new = _overfull(sums, dropped, b, after, wb, measure)
        else:
            new = None
        if new is not None:
            active.append(new)
        if is_end:
            final = new
    stats = BreakStats(1, len(sums.breakpoints) + 1, evaluations)
    found = None if final is None else _unwind(final)
    if ends is None:
        return _Counted(found, stats)
    return _Counted(found, stats, tuple((_line_count(node) + 1, d) for node, d in ends))


class _Pass(NamedTuple):
    """The result of one total-fit pass."""

    breaks: list[Break]
    demerits: float  # of the whole paragraph
    worst_line: float  # the demerits of its dearest line


def _overfull(
    sums: _Sums, dropped: _Node, b: int, after: int, width: float, measure: float
) -> _Node:
    """Nothing fits the line from ``dropped`` to ``b`` (``width`` its end with what the break
    draws): it is set overfull rather than lose text, and reported."""
    start = dropped.start
    least = (
        width
        - sums.width[start]
        - (sums.shrink[b] - sums.shrink[start])
        - (sums.whole[b] - sums.whole[start])
    )
    return _Node(b, after, dropped.demerits + _OVERFULL_DEMERITS, dropped, least - measure)


def _unwind(node: _Node) -> _Pass:
    breaks: list[Break] = []
    worst = 0.0
    current: _Node | None = node
    while current is not None and current.position >= 0:
        breaks.append(Break(current.position, current.overfull))
        before = current.previous.demerits if current.previous is not None else 0.0
        worst = max(worst, current.demerits - before)
        current = current.previous
    breaks.reverse()
    return _Pass(breaks, node.demerits, worst)


class _Engine(NamedTuple):
    """One implementation of the breaker: the prefix sums of a paragraph's items
    (:class:`_Sums`, or the compiled module's), a total-fit pass and first-fit over them."""

    sums: Callable[[Sequence[Item]], object]
    total_fit: Callable[[Sequence[Item], object, float, _Rules], _Counted]
    first_fit: Callable[[Sequence[Item], object, float], list[Break]]


def _compiled_sums(items: Sequence[Item]) -> object:
    """:func:`_prefix_sums` by ``layout.text._breaker``, held in C."""
    return _breaker.Sums(items, Box, Glue, Discretionary, WHOLE_STEPS)


def _compiled_total_fit(
    items: Sequence[Item], sums: object, measure: float, rules: _Rules
) -> _Counted:
    """:func:`_total_fit` by ``layout.text._breaker`` (the same floating-point operations in
    the same order), its plain result made into the same records."""
    found, points, evaluations, ends = _breaker.total_fit(
        sums, measure, rules.tolerance, rules.line_bonus, rules.spread, rules.ends
    )
    stats = BreakStats(1, points, evaluations)
    if found is None:
        return _Counted(None, stats, () if ends is None else tuple(ends))
    pairs, demerits, worst = found
    best = _Pass([Break(position, over) for position, over in pairs], demerits, worst)
    return _Counted(best, stats, () if ends is None else tuple(ends))


def _compiled_first_fit(items: Sequence[Item], sums: object, measure: float) -> list[Break]:
    """:func:`_first_fit` by ``layout.text._breaker``."""
    return [Break(position, over) for position, over in _breaker.first_fit(sums, measure)]


def _first_fit(items: Sequence[Item], sums: _Sums, measure: float) -> list[Break]:
    """Line by line: the furthest break that fits, squeezing before pushing (clreq §3.1.4)
    with every shrink by degrees; marks are set in ½ em only where the line without them
    would be spread beyond the loose limit."""
    n = len(items)
    width, next_box, tails = sums.width, sums.next_box, sums.tails
    breaks: list[Break] = []
    start = next_box[0]
    while start < n:
        plain = _FirstFitChoice()  # fits with shrink by degrees
        squeezed = _FirstFitChoice()  # fits only with marks in ½ em
        first_candidate: int | None = None
        for b in range(start + 1, n + 1):
            item = items[b] if b < n else None
            discretionary = item.__class__ is Discretionary
            if b < n and not discretionary and (not isinstance(item, Glue) or item.penalty is None):
                continue
            if first_candidate is None:
                first_candidate = b
            # (a break inside a word too long for the measure is no reason to leave the line
            # loose: first-fit fills lines)
            penalty = item.penalty if isinstance(item, Glue) else 0.0
            tail = tails.get(b, 0.0)
            rest = width[b] - width[start] - (sums.shrink[b] - sums.shrink[start]) - measure
            squeezable = sums.whole[b] - sums.whole[start]
            if rest + tail <= _EPSILON:
                plain.take(b, penalty)
            elif rest + tail - squeezable <= _EPSILON:
                squeezed.take(b, penalty)
            elif rest - squeezable > _EPSILON:
                break
        chosen = plain.best()
        if chosen != n and squeezed.best() is not None:
            loose = chosen is None or _stretch_ratio(sums, start, chosen, measure) > _LOOSE_RATIO
            if loose:
                chosen = squeezed.best()
        if chosen is None:
            assert first_candidate is not None
            over = width[first_candidate] + tails.get(first_candidate, 0.0) - width[start] - measure
            breaks.append(Break(first_candidate, max(over, 0.0)))
            chosen = first_candidate
        else:
            breaks.append(Break(chosen))
        if chosen >= n:
            break
        start = next_box[chosen + 1]
    return breaks


class _FirstFitChoice:
    """The furthest break of one kind seen so far, and the furthest that carries no penalty:
    a penalised break (one that would leave a 孤字, say) gives way to the last free one before
    it, and the line is spread a little more instead."""

    __slots__ = ("furthest", "free")

    def __init__(self) -> None:
        self.furthest: int | None = None
        self.free: int | None = None

    def take(self, position: int, penalty: float) -> None:
        self.furthest = position
        if penalty <= 0:
            self.free = position

    def best(self) -> int | None:
        return self.free if self.free is not None else self.furthest


def _stretch_ratio(sums: _Sums, start: int, end: int, measure: float) -> float:
    """The stretch ratio of the line of items ``start``–``end`` justified to ``measure``."""
    gap = measure - (sums.width[end] - sums.width[start] + sums.tails.get(end, 0.0))
    if gap <= _EPSILON:
        return 0.0
    stretch = sums.stretch[end] - sums.stretch[start] or sums.ragged.get(end, 0.0)
    return gap / stretch if stretch > _EPSILON else float("inf")


_PYTHON = _Engine(_prefix_sums, _total_fit, _first_fit)  # type: ignore[arg-type]
_COMPILED = _Engine(_compiled_sums, _compiled_total_fit, _compiled_first_fit)


def _engine(breaker: Breaker) -> _Engine:
    if breaker is Breaker.PYTHON:
        return _PYTHON
    if _breaker is None:
        raise ValueError("the compiled line breaker (layout.text._breaker) is not built")
    return _COMPILED


def break_balanced(items: Sequence[Item], measure: float) -> list[Break]:
    """The breaks of a headline of ``items`` on lines of ``measure`` points: the fewest
    lines, balanced (see the module docstring). A word wider than the measure leaves no
    breaks that fit: it is set overfull, as total-fit sets it."""
    if not items:
        return []
    sums = _prefix_sums(items)
    balanced = _balanced(items, sums, measure)
    if balanced is not None:
        return balanced
    overfull = _total_fit(items, sums, measure, _Rules(None)).found
    assert overfull is not None
    return overfull.breaks


def _balanced(items: Sequence[Item], sums: _Sums, measure: float) -> list[Break] | None:
    """The fewest lines that fit ``measure``, as even as can be (see the module docstring);
    ``None`` if no breaks make every line fit."""
    n = len(items)
    width, shrink, whole, next_box, tails = (
        sums.width, sums.shrink, sums.whole, sums.next_box, sums.tails,
    )  # fmt: skip
    chars = [0, *accumulate(_characters(item) for item in items)]
    points = [*sums.breakpoints, n]
    starts = [next_box[0]] + [next_box[b + 1] for b in sums.breakpoints]  # by point index
    limit = measure + _EPSILON

    def line(a: int, b: int) -> tuple[float, int] | None:
        """Width and characters of the line after point ``a`` (-1: the start) up to the
        break ``b``, or ``None`` if it does not fit even shrunk."""
        start = starts[a + 1]
        end = points[b]
        if start >= end:
            return None
        natural = width[end] + tails.get(end, 0.0) - width[start]
        least = natural - (shrink[end] - shrink[start]) - (whole[end] - whole[start])
        if least > limit:
            return None
        return min(natural, measure), chars[end] - chars[start]

    count = len(points)
    fewest = [0] + [n + 1] * count  # fewest[b + 1]: lines to reach point b
    for b in range(count):
        for a in range(-1, b):
            if fewest[a + 1] + 1 < fewest[b + 1] and line(a, b) is not None:
                fewest[b + 1] = fewest[a + 1] + 1
    lines = fewest[count]
    if lines > n:
        return None
    mean = (width[n] - width[next_box[0]]) / lines or 1.0
    # cost[j][b + 1]: the least cost of j lines ending at point b.
    cost = [[_INF] * (count + 1) for _ in range(lines + 1)]
    back = [[-2] * (count + 1) for _ in range(lines + 1)]
    cost[0][0] = 0.0
    for j in range(1, lines + 1):
        for b in range(count):
            end = points[b]
            penalty = items[end].penalty if end < n else 0.0  # type: ignore[union-attr]
            for a in range(-1, b):
                before = cost[j - 1][a + 1]
                if before == _INF:
                    continue
                found = line(a, b)
                if found is None:
                    continue
                w, characters = found
                c = before + ((w - mean) / mean) ** 2 + (penalty or 0.0) / _PENALTY_SCALE
                if characters < SHORT_LINE:
                    c += _SHORT_LINE_COST
                # On a tie the later start wins: the earlier lines the longer (a head
                # tapers down, as the reference digest's examples do).
                if c <= cost[j][b + 1] + _EPSILON:
                    cost[j][b + 1] = c
                    back[j][b + 1] = a
    breaks: list[Break] = []
    b = count - 1
    for j in range(lines, 0, -1):
        breaks.append(Break(points[b]))
        b = back[j][b + 1]
    breaks.reverse()
    return breaks


def _characters(item: Item) -> int:
    """The characters a box sets (0 for glue and discretionaries)."""
    if item.__class__ is not Box:
        return 0
    return sum(len(run.text) for run in item.runs)  # type: ignore[union-attr]
