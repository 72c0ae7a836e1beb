"""Stage 2a, boxes: the ink of each cluster, the boxes that ``prepare`` puts between its glue.

- a Han character is its advance; a Western word or number runs of one face each, with
  proportional advances (clreq §3.2); an apostrophe in a word that the face draws full width
  is its ink and side bearings (at most its ink half);
- a full-width mark is its ink half (clreq §3.1.6: mainland forms, ink in the left half, an
  opening mark's in the right half); its blank half is glue, made by ``prepare``; a mark the
  face draws narrower than an em is set at its own advance (:data:`PROPORTIONAL_MARK`);
- the 2-em marks —— …… are two ems, each half drawn into exactly one (clreq §3.1.4), and
  the one-glyph dashes ⸺ ⸻ two and three ems;
- combining marks follow their base;
- in a vertical line each cluster is measured as it stands (``layout.text.vertical``).

A box does not know where it stands in the text (its runs' sources are relative), so a
cluster seen before reuses its box: kept on the metrics object when it offers a ``box_cache``.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import compress, repeat
from operator import is_, itemgetter

from ..records import NamedTuple
from .chars import APOSTROPHE, LONG_MARK_EMS, LONG_MARK_PAIRS, PRESENTATION_FORMS, CharClass
from .collect import Cluster
from .items import Box, GlyphRun
from .loops import LOOPS, Loops, _loops
from .metrics import GlyphInfo, Metrics
from .orient import Orientation, VerticalOptions

_WESTERN = frozenset({CharClass.LATIN, CharClass.DIGIT})


class MissingGlyph(NamedTuple):
    """A character that no face in the chain has (reported, never drawn as a blank)."""

    char: str
    index: int  # in the paragraph text (the cleaned text: ``SetParagraph.text``)

    @property
    def code_point(self) -> str:
        return f"U+{ord(self.char):04X}"


_TEXT = itemgetter(0)  # a cluster's text
_NO_BOX = Box(0.0)  # what a space or ZWSP cluster has: it becomes glue, never a box
GLUE_CLASSES = frozenset({CharClass.SPACE, CharClass.BREAK})


def cluster_boxes(
    clusters: list[Cluster],
    metrics: Metrics,
    em: float,
    missing: list[MissingGlyph],
    full_width: frozenset[str] = frozenset(),
    vertical: VerticalOptions | None = None,
    *,
    loops: Loops = LOOPS,
) -> list[Box]:
    """The boxes of all clusters (spaces have none), in a horizontal line or, with
    ``vertical`` options, a vertical one (``metrics`` then gives both directions).
    ``loops`` says which implementation looks up the boxes seen before (:mod:`~.loops`)."""
    store = getattr(metrics, "box_cache", None)
    key = (em, full_width, vertical)
    seen: dict[str, Box] = store.setdefault(key, {}) if store is not None else {}
    # Every cluster whose box was made before, looked up for all at once (most of a text's
    # characters recur); only the others are measured, one by one.
    han, glyph, new, upright = CharClass.HAN, metrics.glyph, tuple.__new__, Orientation.UPRIGHT
    if vertical is not None:
        from .vertical import upright_metrics  # here: a horizontal page never loads it

        glyph = upright_metrics(metrics).glyph  # type: ignore[arg-type]
    boxes: list[Box | None]
    unseen: Iterable[int]
    if loops is Loops.COMPILED:
        boxes, unseen = _loops.seen_boxes(clusters, seen)
        if unseen:
            # The single Han characters a face has, measured there (this loop's first
            # branch); the loop below is left the others.
            unseen = _loops.han_boxes(
                clusters, unseen, boxes, seen, glyph, em, (han, upright), (GlyphRun, Box)
            )
    else:
        boxes = list(map(seen.get, map(_TEXT, clusters)))
        unseen = compress(range(len(boxes)), map(is_, boxes, repeat(None)))
    for i in unseen:
        c = clusters[i]
        if c.cls in GLUE_CLASSES:
            boxes[i] = _NO_BOX  # (a space is never kept in ``seen``: it has no box)
            continue
        if c.cls is han and len(c.text) == 1:
            # A Han character: its advance, along the line or (upright, as a Han character
            # always stands) down it: cluster_box's box, or vertical_box's, without their
            # questions (most of the boxes made are these, each character's first time at
            # a size).
            info = glyph(c.text)
            advance = info.advance * em
            # (made as the tuples they are: tuple.__new__, without the named tuples' own
            # __new__ and its call; every field given)
            run = new(GlyphRun, (c.text, info.face, 0.0, advance, 1.0, 0, upright))
            box = boxes[i] = new(Box, (advance, (run,)))
            if info.face is None:
                missing.append(MissingGlyph(c.text, c.start))
            else:
                seen[c.text] = box
            continue
        if vertical is None:
            box = cluster_box(c, metrics, em, missing, c.text in full_width)
        else:
            from .vertical import vertical_box  # here: a horizontal page never loads it

            box = vertical_box(
                c,
                vertical,
                metrics,  # type: ignore[arg-type]
                em,
                lambda part, m: cluster_box(part, m, em, missing, part.text in full_width),
                lambda ch, k: missing.append(MissingGlyph(ch, k)),
            )
        if all(run.face is not None for run in box.runs):
            seen[c.text] = box
        boxes[i] = box
    return boxes  # type: ignore[return-value]


def cluster_box(
    cluster: Cluster,
    metrics: Metrics,
    em: float,
    missing: list[MissingGlyph],
    full_width: bool = False,
) -> Box:
    """The ink of a cluster. A mark's box is its ink half; its blank half becomes glue.
    Combining marks after a Han character or a punctuation mark are drawn after its ink."""
    cls = cluster.cls
    if cls in _WESTERN or cls is CharClass.SYMBOL or cls is CharClass.INSEPARABLE:
        return Box(*word_runs(cluster, metrics, em, missing))
    base = 2 if cls is CharClass.LONG_MARK and cluster.text[:2] in LONG_MARK_PAIRS else 1
    if len(cluster.text) > base:
        if cls is CharClass.HAN:
            return Box(*word_runs(cluster, metrics, em, missing))  # a Han character and marks
        box = cluster_box(
            cluster._replace(text=cluster.text[:base]), metrics, em, missing, full_width
        )
        return _with_marks(box, cluster, base, metrics, em, missing)
    if cls is CharClass.LONG_MARK:
        ems = LONG_MARK_EMS.get(cluster.text)
        if ems is not None:
            # ⸺ and ⸻: one glyph drawn into exactly 2 or 3 em, as —— takes 2 (clreq §3.1.4).
            info = metrics.glyph(cluster.text)
            if info.face is None:
                missing.append(MissingGlyph(cluster.text, cluster.start))
            run = _drawn_into(cluster.text, info, metrics, (0, ems, True, True), em, 0)
            return Box(ems * em, (run,))
        # —— and ……: 2 em, each half drawn into exactly 1 em (clreq §3.1.4).
        runs = []
        for k, ch in enumerate(cluster.text):
            info = metrics.glyph(ch)
            if info.face is None:
                missing.append(MissingGlyph(ch, cluster.start + k))
            outer = (k == 0, k == len(cluster.text) - 1)
            runs.append(_drawn_into(ch, info, metrics, (k, k + 1, *outer), em, k))
        return Box(len(cluster.text) * em, tuple(runs))
    info = metrics.glyph(cluster.text)
    if info.face is None:
        missing.append(MissingGlyph(cluster.text, cluster.start))
    advance = info.advance * em
    if full_width or proportional(cluster, metrics):
        width, offset = advance, 0.0  # the whole em, ink and blank; or a proportional glyph
    elif cls in (CharClass.PAUSE, CharClass.STOP, CharClass.CLOSING):
        # Ink in the left half of the em square (mainland forms, clreq §3.1.6).
        width, offset = advance / 2, 0.0
    elif cls is CharClass.OPENING:
        width, offset = advance / 2, -advance / 2
    elif cls is CharClass.INTERPUNCT:
        width, offset = em / 2, (em / 2 - advance) / 2
    else:
        width, offset = advance, 0.0
    run = GlyphRun(cluster.text, info.face, offset, advance, 1.0, 0)
    return Box(width, (run,))


# Dashes of a 2-em (or 3-em) mark: drawn by their ink, so that the halves of —— meet in one
# line (a face's dash stops short of its advance: Noto's U+2014 inks 0.04–0.85 of 0.89 em,
# which drawn into each em left a hairline of paper between the halves); at the mark's two
# ends the face's own side bearing is kept, so the line stands as clear of its neighbours as
# the face sets a dash.
_DASHES = frozenset("—―⸺⸻")


def _drawn_into(
    ch: str,
    info: GlyphInfo,
    metrics: Metrics,
    span: tuple[int, int, bool, bool],
    em: float,
    index: int,
) -> GlyphRun:
    """``ch`` drawn into the ems ``span`` gives (from, to, whether ``from`` and ``to`` are the
    mark's ends) of its mark: a dash by its ink where the metrics know its outline
    (:class:`~.metrics.InkMetrics`), the ink from edge to edge but for the face's side
    bearing at the mark's ends; else — and an ellipsis's dots always — its advance scaled
    to the ems."""
    start, end, first, last = span
    ink = getattr(metrics, "ink", None) if ch in _DASHES and info.face is not None else None
    bounds = ink(ch) if ink is not None else None
    if bounds is not None and bounds[1] - bounds[0] > 0.25 and info.advance:
        left, right = bounds
        lo = start + (left if first else 0.0)
        hi = end - (info.advance - right if last else 0.0)
        scale = (hi - lo) / (right - left)
        return GlyphRun(ch, info.face, (lo - left * scale) * em, (end - start) * em, scale, index)
    scale = (end - start) / info.advance if info.advance else 1.0
    return GlyphRun(ch, info.face, start * em, (end - start) * em, scale, index)


def _with_marks(
    box: Box, cluster: Cluster, base: int, metrics: Metrics, em: float, missing: list[MissingGlyph]
) -> Box:
    """``box`` (of the first ``base`` characters of ``cluster``) with the combining marks that
    follow drawn from the end of its glyph, each at its own advance (0 in most faces: the
    mark's ink then falls on its base, as the font draws it). Marks that advance widen the box
    to where they end, so that none is drawn beyond it (a mark's glyph ends past its ink half:
    a closing bracket's em)."""
    x = max(run.offset + run.advance for run in box.runs)  # a run's advance is as drawn
    runs = list(box.runs)
    width = box.width
    for k in range(base, len(cluster.text)):
        ch = cluster.text[k]
        info = metrics.glyph(ch)
        if info.face is None:
            missing.append(MissingGlyph(ch, cluster.start + k))
        runs.append(GlyphRun(ch, info.face, x, info.advance * em, 1.0, k))
        x += info.advance * em
        width += info.advance * em
        if info.advance:
            width = max(width, x)
    return Box(width, tuple(runs))


def word_runs(
    cluster: Cluster, metrics: Metrics, em: float, missing: list[MissingGlyph]
) -> tuple[float, tuple[GlyphRun, ...]]:
    """A Western word as runs of one face each, with proportional advances (clreq §3.2)."""
    runs: list[GlyphRun] = []
    x = 0.0
    run_text = ""
    run_face: str | None = None
    run_start = run_x = 0.0
    run_source = 0
    for k, ch in enumerate(cluster.text):
        info = metrics.glyph(ch)
        if info.face is None:
            missing.append(MissingGlyph(ch, cluster.start + k))
        if ch == APOSTROPHE and info.advance >= PROPORTIONAL_MARK:
            # An apostrophe the face draws as the full-width closing quote (a Chinese face's
            # U+2019): a run of its own, set in its width as a letter (_apostrophe_width), so
            # that no blank half opens the word.
            if run_text:
                runs.append(GlyphRun(run_text, run_face, run_start, run_x, 1.0, run_source))
                run_text = ""
            runs.append(GlyphRun(ch, info.face, x, info.advance * em, 1.0, k))
            x += _apostrophe_width(metrics, ch, info.advance) * em
            continue
        if run_text and info.face != run_face:
            runs.append(GlyphRun(run_text, run_face, run_start, run_x, 1.0, run_source))
            run_text = ""
        if not run_text:
            run_face, run_start, run_x, run_source = info.face, x, 0.0, k
        run_text += ch
        run_x += info.advance * em
        x += info.advance * em
    if run_text:
        runs.append(GlyphRun(run_text, run_face, run_start, run_x, 1.0, run_source))
    return x, tuple(runs)


def _apostrophe_width(metrics: Metrics, ch: str, advance: float) -> float:
    """The width, in em, of an apostrophe that the face draws as the full-width closing quote:
    its ink with its left side bearing on either side, as a Western face spaces it, where the
    metrics know the glyph's outline (:class:`~.metrics.InkMetrics`); never more than, and
    else, its ink half (mainland forms, ink in the left half of the em: clreq §3.1.6)."""
    half = advance / 2
    ink = getattr(metrics, "ink", None)  # (an optional part of the protocol: InkMetrics)
    bounds = ink(ch) if ink is not None else None
    if bounds is None:
        return half
    x_min, x_max = bounds
    return min(max(x_min, 0.0) + x_max, half)


# A mark the face draws narrower than this is not a full-width form (Noto sets ‼ in 0.59 em and
# ⁇ in 0.82 em): it is set at its own advance with no blank half, like Western punctuation, so
# that its ink never passes the line end (the half rules of clreq §3.1.6 assume the em square).
PROPORTIONAL_MARK = 0.9
_HALF_RULE_MARKS = frozenset(
    {CharClass.PAUSE, CharClass.STOP, CharClass.CLOSING, CharClass.OPENING}
)


def proportional(cluster: Cluster, metrics: Metrics) -> bool:
    """Whether a mark is set at its own advance with no blank half: drawn narrower than an
    em, or a vertical or small presentation form (``chars.PRESENTATION_FORMS``)."""
    return (
        cluster.cls in _HALF_RULE_MARKS
        and len(cluster.text) == 1
        and (
            metrics.glyph(cluster.text).advance < PROPORTIONAL_MARK
            or cluster.text in PRESENTATION_FORMS
        )
    )
