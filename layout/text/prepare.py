"""Stage 2, prepare: turn clusters into boxes and glue by the rules of Chinese text layout.

Every script rule of the engine lives here; the line breaker sees only items:

- punctuation widths and schemes (clreq §3.1.6, GB/T 15834 §5.1.10): a full-width mark is its
  ink half (a box) and its blank half (a glue that shrinks, and where the line breaks);
- adjacent marks compressed, 2 em → 1.5 em (clreq §3.1.6.1);
- line-start / line-end prohibition (避头尾, clreq §3.1.4): breaks are only allowed where the
  level permits; 2-em marks are single clusters and so never split;
- the Han–Western gap of ¼ em, none at a line edge (clreq §3.2.1): a breakable glue;
- spaces become glue, never boxes: a breaking space, a no-break space U+00A0 (no break
  there, UAX #14 GL) or a zero-width space U+200B (a break of no width, UAX #14 ZW; between
  two Western words it is the only place they may part). 避头尾 outranks both;
- a typed ideographic space U+3000 inside a paragraph (the typist's indent at its start is
  dropped by ``clean``) is a blank of one em each, fixed, where the line may break as 避头尾
  allows: like a space, it vanishes at a line edge (CSS Text 3 §4.1.3; clreq §3.1.6: a
  blank at a line end or start is not set), so a continued line does not open with what
  reads as an indent, nor a justified one end an em short. A byline's blanks are its own,
  laid out to stand where they are (``ParagraphStyle.fixed_blanks``): there U+3000 is a
  character, an em wide wherever it stands;
- stretch and shrink steps for justification (clreq §3.6);
- the 2-em first-line indent (clreq §3.5) and no 孤字 (a last line of one character, or one
  character and punctuation): the last breaks that would leave one carry a penalty that
  only an unjustifiable line outweighs;
- given the measure, a run that cannot fit it is opened: breaks inside its Western words
  (hyphenation, URL, digit groups, the last resort; :mod:`layout.text.overlong`);
- a run-in opening (:class:`RunIn`: a dateline, 本报讯 or 新华社北京4月30日电, in a face of
  its own) is measured in its face, never split when it fits the line, and followed by a
  fixed blank: a glue that neither stretches nor shrinks, where the line breaks only if the
  run-in fills it (the blank is then dropped, as at any break).
- a headline (``ParagraphStyle.headline``) breaks only at its spaces and, given them, between
  the words of a segmenter (:mod:`layout.text.phrases`), never inside a word: the Han pairs
  inside a word and every Western word are kept whole, and a break between words costs
  :data:`PHRASE_PENALTY`, so that the subeditor's spaces come first.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from enum import Enum
from functools import cache, partial

from ..records import NamedTuple
from .boxes import GLUE_CLASSES, MissingGlyph, cluster_boxes, proportional, word_runs
from .chars import (
    NO_BREAK_SPACES,
    NO_LINE_END,
    NO_LINE_START,
    NO_LINE_START_SIGNS,
    PUNCTUATION,
    CharClass,
    classify,
    is_punctuation,
    letters,
)
from .clean import IDEOGRAPHIC_SPACE
from .collect import Cluster, collect
from .items import Box, Glue, GlyphRun, Item, ShrinkStep, StretchStep
from .loops import LOOPS, Loops, _loops
from .metrics import Metrics
from .options import Normalise, Prohibition, PunctuationScheme
from .orient import Orientation, VerticalOptions
from .overlong import NUMBER_RAGGED, RAGGED, Hyphen, Opener, open_overlong
from .words import DEFAULT_HYPHENATION, NO_HYPHENATION

_WESTERN = frozenset({CharClass.LATIN, CharClass.DIGIT})
ROTATED = Orientation.ROTATED

# Inter-character stretch that counts as "comfortable" for the line breaker's badness: a
# line whose characters are spread by this much each has ratio 1 (clreq §3.6 names no limit).
INTER_CHARACTER_STRETCH = 0.125  # em
HAN_LATIN_GAP = 0.25  # em, clreq §3.2.1
# Breaking where a 孤字 would be left costs more than any line stretched by spacing (whose
# badness the line breaker caps at 1e7), but less than a line that cannot be justified at all
# (or is overfull): only then is a 孤字 accepted.
ORPHAN_PENALTY = 3e7
# The Han–Western gap may shrink to ⅛ em and stretch to ⅓ em when a line is justified
# (clreq §3.2.1 and the §3.6 order): never the ½-em holes of a gap stretched like a space.
HAN_LATIN_MIN = 0.125
HAN_LATIN_MAX = 1 / 3
WORD_SPACE_MIN = 0.25
WORD_SPACE_MAX = 0.5
# A space written between Chinese words (a byline's "记者 林旭东") is kept as a half-em blank.
CHINESE_WORD_SPACE = 0.5
# A headline's break between two words where no space was typed: the editor's spaces are
# taken first, unless a break between words gives much better balanced lines (the balanced
# line breaker counts a penalty p as p/100 of its measure of imbalance; linebreak.py).
PHRASE_PENALTY = 50.0


class Space(Enum):
    """What stands between two clusters besides their blanks."""

    __hash__ = object.__hash__  # identity hashing in C (see CharClass)

    BREAKING = "breaking"  # U+0020 (a run of white space, collapsed by clean)
    NO_BREAK = "no-break"  # only no-break spaces: the same glue, but no break there
    ZERO_WIDTH = "zero-width"  # U+200B: a break opportunity of no width


class Blank(NamedTuple):
    """What stands between two clusters where copy has ``ems`` ideographic spaces U+3000 in a
    row: a fixed blank of that many ems, dropped at a line edge (the module docstring). Made
    once for each count (:func:`blank`): the compiled loop keys its glue by the space's
    identity, as it does an Enum member's."""

    ems: int


@cache
def blank(ems: int) -> Blank:
    """The :class:`Blank` of ``ems`` ideographic spaces, the one object for that count."""
    return Blank(ems)


class ParagraphStyle(NamedTuple):
    """What prepare needs of a style. Sizes in points."""

    size: float
    indent: float = 2.0  # em, 首行缩进 (clreq §3.5)
    prohibition: Prohibition = Prohibition.BASIC
    punctuation: PunctuationScheme = PunctuationScheme.QUANSHEN
    no_orphan: bool = True  # 避免孤字
    # Marks set in a full em wherever they stand, never compressed: ：；？！ in vertical text
    # (clreq §2.4; the reference digest: "：；？！ stay 1 em").
    full_width_marks: frozenset[str] = frozenset()
    # The Han–Western gap in em (clreq §3.2.1: ¼ em; many papers set none). 0: the boundary
    # is an ordinary one between two characters, spaced like the rest of the line.
    latin_gap: float = HAN_LATIN_GAP
    # Tracking (字距), em: added to every gap between two clusters (never inside a Western
    # word, clreq §3.2), dropped with the glue at a line break like any blank.
    letter_spacing: float = 0.0
    # The pyphen dictionary that hyphenates Western words too long for the measure ("none":
    # no hyphenation; they break at their own hyphens, URL points, or between characters);
    # see layout.text.words.
    hyphenation: str = DEFAULT_HYPHENATION
    # Full-width ASCII letters and digits set as proportional ones (layout.text.normalise).
    normalise: Normalise = Normalise.FULLWIDTH_ASCII
    # A vertical line (竖排): how its quotes and Latin text stand (layout.text.orient);
    # None: a horizontal line.
    vertical: VerticalOptions | None = None
    # A headline: broken only at spaces and between words (``prepare(words=…)``), every word
    # kept whole even when it cannot fit (set overfull and reported, never split).
    headline: bool = False
    # U+3000 set as a character of one em wherever it stands, never dropped at a line edge:
    # the blanks of a byline, which ``layout.compose.byline`` places itself (between a label
    # and a name, padding a centred line's end). False: a typed U+3000 is a blank that
    # vanishes at a line edge (the module docstring).
    fixed_blanks: bool = False


class RunIn(NamedTuple):
    """A run-in opening of a paragraph, set in another face than the paragraph's (a dateline
    in 黑 before a 宋 paragraph, as newspapers set 本报讯): ``text`` (cleaned) comes first in
    the paragraph text, measured with ``metrics``, then a blank of ``space`` em that does not
    vary from line to line (justification never touches it)."""

    text: str
    metrics: Metrics
    space: float = 1.0


class Preparation(NamedTuple):
    """The paragraph as items, ready for the line breaker."""

    text: str
    items: tuple[Item, ...]
    style: ParagraphStyle
    missing: tuple[MissingGlyph, ...]
    sources: tuple[int, ...]  # per item: index of its first character in ``text`` (-1: none)
    # The clusters of ``text`` as ``collect`` gives them, when they were collected at once
    # (no run-in, a horizontal line): the rule check reads them again (``check.check_lines``).
    clusters: tuple[Cluster, ...] | None = None


class _Mark:
    """The blank halves of one cluster, in em, before adjacency compression (mutable: the
    compression changes them in place)."""

    __slots__ = ("lead", "trail", "lead_step", "trail_step")

    def __init__(self, lead: float, trail: float, lead_step: ShrinkStep, trail_step: ShrinkStep):
        self.lead = lead
        self.trail = trail
        self.lead_step = lead_step
        self.trail_step = trail_step


def prepare(
    text: str,
    style: ParagraphStyle,
    metrics: Metrics,
    measure: float | None = None,
    *,
    fitting: bool = False,
    run_in: RunIn | None = None,
    words: frozenset[int] = frozenset(),
    soft_hyphens: tuple[int, ...] = (),
    url_head: int = 0,
    loops: Loops = LOOPS,
) -> Preparation:
    """The items of ``text``. Given the ``measure``, runs too wide for it are opened, and with
    ``fitting`` the other Western words too (the second pass, ``layout.text.overlong``). A
    vertical style (``style.vertical``) measures each cluster as it stands in a vertical line;
    ``metrics`` must then give both directions (:class:`~.metrics.VerticalMetrics`). With a
    ``run_in``, the paragraph text is its text followed by ``text`` (the sources and
    indices count from the run-in's start). A
    headline style breaks only at spaces and at ``words``, the indices where a word starts
    (:func:`layout.text.phrases.word_starts`), and opens no word. ``soft_hyphens``: where the
    copy of ``text`` had soft hyphens (``CleanText.soft_hyphens``), the breaks of a word that
    has one. ``url_head``: the length of the URL's end that ``text`` starts with
    (:func:`~.words.url_head`; no run-in then), one word broken as a URL is. ``loops`` says
    which implementation of the inner loops runs (:mod:`~.loops`: the same items either
    way)."""
    missing: list[MissingGlyph] = []
    whole: tuple[Cluster, ...] | None = None
    if run_in is None:
        clusters, items, sources = _part(
            text, 0, style, metrics, missing, first=True, words=words, url_head=url_head,
            loops=loops,
        )  # fmt: skip
        if style.vertical is None:
            whole = tuple(clusters)
    else:
        # Each part is collected and measured on its own, so that no cluster (a Western word)
        # runs across the boundary and no mark is compressed against one beyond the blank.
        offset = len(run_in.text)
        clusters, items, sources = _run_in_part(run_in, style, measure, missing, loops)
        rest, rest_items, rest_sources = _part(
            text, offset, style, metrics, missing, first=False, loops=loops
        )
        clusters = [*clusters, *rest]
        # The blank: fixed, and a break only where nothing of the text fits after the run-in
        # (a long dateline in a narrow column; no penalty: the line breaker takes it only then,
        # every other break of the run-in being forbidden or dearer).
        blank = Glue(run_in.space * style.size, penalty=0.0)
        items = [*items, blank, *rest_items]
        sources = [*sources, -1, *rest_sources]
        text = run_in.text + text
        soft_hyphens = tuple(k + offset for k in soft_hyphens)
    if measure is not None and not style.headline:
        items, sources = open_overlong(
            items,
            sources,
            partial(_words, items, sources, clusters),
            _opener(style, metrics, measure)._replace(url_head=url_head),
            fitting=fitting,
            soft_hyphens=soft_hyphens,
            loops=loops,
        )
    return Preparation(text, tuple(items), style, tuple(missing), tuple(sources), whole)


def _run_in_part(
    run_in: RunIn,
    style: ParagraphStyle,
    measure: float | None,
    missing: list[MissingGlyph],
    loops: Loops,
) -> tuple[Sequence[Cluster], Sequence[Item], Sequence[int]]:
    """The run-in's clusters, items and sources. One that fits the first line after the
    indent, its gaps shrunk as far as justification may, is read as one and never split. One
    of Han characters alone (本报讯, 新华社电: a word to the reader) that fits the measure only
    without the indent (本报讯 in a column of four characters with a 2-character indent)
    drops the indent rather than split: 本报 / 讯 breaks a word, and the run-in's face marks
    where the story starts. A longer one, or one with a place and a date
    (新华社乌鲁木齐12月1日电 in a narrow column), runs on like any text, indented, breaking
    where text may."""
    clusters, items, sources = _part(
        run_in.text, 0, style, run_in.metrics, missing, first=True, last=False, loops=loops
    )
    if measure is None:
        return clusters, items, sources
    least = _least_width(items)
    indent = style.indent * style.size
    if (
        least > measure + 1e-9
        and indent
        and least - indent <= measure + 1e-9
        and all(classify(ch) is CharClass.HAN for ch in run_in.text)
    ):
        # The characters no face has are the same either way: already reported by the first.
        clusters, items, sources = _part(
            run_in.text, 0, style, run_in.metrics, [], first=False, last=False, loops=loops
        )
        least = _least_width(items)
    if least <= measure + 1e-9:
        items = [it._replace(penalty=None) if it.__class__ is Glue else it for it in items]
    return clusters, items, sources


def _least_width(items: Sequence[Item]) -> float:
    """The width of ``items`` on one line, every glue shrunk as far as it may."""
    return sum(it.width - it.shrink if it.__class__ is Glue else it.width for it in items)


# Parts kept on a metrics object (its ``part_cache``) before the store is emptied.
PARTS_KEPT = 4096


def _part(
    text: str,
    offset: int,
    style: ParagraphStyle,
    metrics: Metrics,
    missing: list[MissingGlyph],
    *,
    first: bool,
    last: bool = True,
    words: frozenset[int] = frozenset(),
    url_head: int = 0,
    loops: Loops = LOOPS,
) -> tuple[Sequence[Cluster], Sequence[Item], Sequence[int]]:
    """The clusters, items and item sources of a part of the paragraph that starts at
    ``offset`` in its text: the whole paragraph, or a run-in and what follows it. Only the
    ``first`` part carries the indent; only the ``last`` can leave a 孤字; a headline
    breaks between Han characters only at ``words``; ``url_head``, the end of a URL that
    the part starts with, is one word (``collect``).

    None of it depends on the measure: a paragraph set again at another measure, for its
    second pass or for 拉行 / 缩行 finds what its text made before in the same style, kept
    on the metrics object when it offers a ``part_cache`` (with the characters no face
    has, reported again). What it returns is not to be changed (the stored tuples
    themselves: a paragraph takes them without a copy)."""
    store = getattr(metrics, "part_cache", None)
    if store is None:
        return _made_part(
            text, offset, style, metrics, missing, first, last, words, url_head, loops
        )
    # A style's fields, in order (it is a tuple): with the part's text, what it depends on.
    key = (text, offset, *style, first, last, words, url_head)
    found = store.get(key)
    if found is None:
        own: list[MissingGlyph] = []
        made = _made_part(text, offset, style, metrics, own, first, last, words, url_head, loops)
        if len(store) >= PARTS_KEPT:
            store.clear()
        found = store[key] = (*map(tuple, made), tuple(own))
    missing.extend(found[3])
    return found[0], found[1], found[2]


def _made_part(
    text: str,
    offset: int,
    style: ParagraphStyle,
    metrics: Metrics,
    missing: list[MissingGlyph],
    first: bool,
    last: bool,
    words: frozenset[int],
    url_head: int,
    loops: Loops,
) -> tuple[list[Cluster], list[Item], list[int]]:
    """:func:`_part`, made: the part's :class:`_Shape` (made before at another size, or now),
    measured at the style's size."""
    shape = _shape(text, offset, style, metrics, last, loops, url_head)
    boxes = cluster_boxes(
        shape.clusters,
        metrics,
        style.size,
        missing,
        style.full_width_marks,
        style.vertical,
        loops=loops,
    )
    items, sources = _items(
        shape.spaced,
        boxes,
        shape.marks,
        style,
        metrics,
        shape.orphaning,
        indent=first,
        words=words,
        loops=loops,
    )
    return shape.spaced, items, sources


class _Shape(NamedTuple):
    """What a part's text makes before it is measured: none of it depends on the size (nor on
    the style's prohibition, gaps or tracking), so a headline tried at several sizes makes it
    once (:func:`_shape`). Not to be changed once made: it is shared."""

    clusters: list[Cluster]  # as collected: their boxes are measured
    # As spaced, the part's clusters: in a vertical line a 纵中横 number or an upright
    # acronym as an ideograph (clreq §2.4); else ``clusters`` itself.
    spaced: list[Cluster]
    # The blank halves of each cluster, compressed (clreq §3.1.6.1), the paragraph's first
    # mark without its leading one (what ``_items`` would do, done here once, so that the
    # marks are never changed again: ``_items`` finds them as it leaves them).
    marks: list[_Mark]
    orphaning: frozenset[int]  # the breaks that would leave a 孤字


# Shapes kept on a metrics object (its ``shape_cache``) before the store is emptied.
SHAPES_KEPT = 4096


def _shape(
    text: str,
    offset: int,
    style: ParagraphStyle,
    metrics: Metrics,
    last: bool,
    loops: Loops,
    url_head: int = 0,
) -> _Shape:
    """The :class:`_Shape` of a part, kept on the metrics object when it offers a
    ``shape_cache`` (keyed by the part's text and place and every field of the style it
    reads; the metrics through their store: a mark's width says whether it is
    proportional)."""
    # Only a headline's: it is tried at several sizes; body copy is set at its one size (a
    # new measure finds its whole part, ``_part``), and keeping its shape too would only add
    # to what the garbage collector walks.
    store = getattr(metrics, "shape_cache", None) if style.headline else None
    if store is None:
        return _made_shape(text, offset, style, metrics, last, loops, url_head)
    key = (
        text, offset, last, style.punctuation, style.full_width_marks, style.no_orphan,
        style.vertical, style.fixed_blanks, url_head,
    )  # fmt: skip
    found = store.get(key)
    if found is None:
        if len(store) >= SHAPES_KEPT:
            store.clear()
        found = store[key] = _made_shape(text, offset, style, metrics, last, loops, url_head)
    return found


def _made_shape(
    text: str,
    offset: int,
    style: ParagraphStyle,
    metrics: Metrics,
    last: bool,
    loops: Loops,
    url_head: int = 0,
) -> _Shape:
    """:func:`_shape`, made."""
    clusters = collect(text, url_head=url_head, loops=loops)
    if not style.fixed_blanks and IDEOGRAPHIC_SPACE in text:
        clusters = _ideographic_blanks(clusters)
    if offset:
        clusters = [c._replace(start=c.start + offset) for c in clusters]
    spaced = clusters
    upright: Metrics = metrics
    if style.vertical is not None:
        from .vertical import as_ideograph, upright_metrics  # a horizontal page never loads it

        # A 纵中横 number or an upright acronym takes an ideograph's place (clreq §2.4).
        spaced = [as_ideograph(c, style.vertical) for c in clusters]
        upright = upright_metrics(metrics)  # type: ignore[arg-type]
    han, full_width, scheme = CharClass.HAN, style.full_width_marks, style.punctuation
    marks = [
        _NO_BLANKS  # (a Han character has no blank halves: the commonest case first)
        if c.cls is han or c.text in full_width or proportional(c, upright)
        else _blanks(c, scheme)
        for c in spaced
    ]
    _compress_adjacent(spaced, marks)
    # An opening mark at the paragraph start loses its blank half (clreq §3.1.6), as
    # ``_items`` gives it; the record is the mark's own (``_blanks``), never the shared one.
    opening = next((i for i, c in enumerate(spaced) if c.cls not in GLUE_CLASSES), None)
    if opening is not None and marks[opening].lead:
        marks[opening].lead = 0.0
    orphaning = _orphan_boundaries(spaced) if style.no_orphan and last else frozenset()
    return _Shape(clusters, spaced, marks, orphaning)


def _ideographic_blanks(clusters: list[Cluster]) -> list[Cluster]:
    """``clusters`` with each run of ideographic spaces (a symbol cluster each, as collected)
    made one space cluster: set as glue, a :class:`Blank` (:func:`_space`), never a box."""
    out: list[Cluster] = []
    for c in clusters:
        if c.text != IDEOGRAPHIC_SPACE:
            out.append(c)
        elif out and out[-1].cls is CharClass.SPACE and out[-1].text[0] == IDEOGRAPHIC_SPACE:
            out[-1] = out[-1]._replace(text=out[-1].text + c.text)
        else:
            out.append(Cluster(c.text, CharClass.SPACE, c.start))
    return out


def _items(
    clusters: list[Cluster],
    boxes: list[Box],
    marks: list[_Mark],
    style: ParagraphStyle,
    metrics: Metrics,
    orphaning: Collection[int],
    *,
    indent: bool = True,
    words: frozenset[int] = frozenset(),
    loops: Loops = LOOPS,
) -> tuple[list[Item], list[int]]:
    """The boxes of the clusters with the glue between them, and each item's source; the
    breaks after the clusters ``orphaning`` would leave a 孤字. ``loops`` says which
    implementation of the loop over the clusters runs (a headline's is always Python's)."""
    em = style.size
    joiner = _Joiner(style, metrics, orphaning, words)
    items: list[Item] = []
    sources: list[int] = []  # per item: where its text starts in the paragraph (-1: none)
    if indent and style.indent:
        items.append(Box(style.indent * em))
        sources.append(-1)
    if loops is Loops.COMPILED and not style.headline:
        previous = _loops.items(
            clusters,
            boxes,
            marks,
            items,
            sources,
            joiner.orphaning,
            (CharClass.HAN, CharClass.SPACE, CharClass.BREAK),
            (joiner.between_han[0], _NO_BLANKS, 0.0),
            (joiner.glue, _space),
            _glues_made(style, metrics),
            joiner.no_start_signs,
        )
    else:
        previous = _joined(clusters, boxes, marks, joiner, items, sources)
    if previous is not None and marks[previous].trail:
        # The blank half of the paragraph's last mark: dropped at the end like at any break.
        items.append(_blank_glue(marks[previous].trail, marks[previous].trail_step, em, None))
        sources.append(-1)
    return items, sources


# The glue the compiled loop has had of a joiner (``layout.text._loops``, ``items``), by the
# two clusters, their blanks and the space between (the loop's key), for each style and
# word space of a face: the glue depends on nothing else (``_Joiner.glue``, ``_boundary``;
# the face only through its space's advance, a headline's words never: its loop is Python's),
# so a paragraph finds what the ones before it in its style had made. At most GLUES_KEPT
# styles kept before the store is emptied.
_GLUES: dict[tuple, dict] = {}
GLUES_KEPT = 64


def _glues_made(style: ParagraphStyle, metrics: Metrics) -> dict:
    """The glue the compiled loop has had in this style and face (:data:`_GLUES`)."""
    key = (metrics.glyph(" ").advance, *style)
    made = _GLUES.get(key)
    if made is None:
        if len(_GLUES) >= GLUES_KEPT:
            _GLUES.clear()
        made = _GLUES[key] = {}
    return made


def _joined(
    clusters: list[Cluster],
    boxes: list[Box],
    marks: list[_Mark],
    joiner: _Joiner,
    items: list[Item],
    sources: list[int],
) -> int | None:
    """:func:`_items`'s loop, the reference: the clusters' boxes and the glue between them
    appended to ``items`` (their sources to ``sources``); the index of the last cluster that
    is not a space (None: none)."""
    han, orphaning, between_han = CharClass.HAN, joiner.orphaning, joiner.between_han[0]
    space_class, break_class, no_blanks = CharClass.SPACE, CharClass.BREAK, _NO_BLANKS
    headline = joiner.headline
    append, source = items.append, sources.append
    previous: int | None = None  # index of the previous non-space cluster
    # Whether the previous cluster is a Han character without blanks after which a break
    # leaves no 孤字: the left half of the commonest boundary, two plain Han characters.
    plain = False
    pending_space: Space | Blank | None = None
    for i, cluster in enumerate(clusters):
        cls, mark = cluster.cls, marks[i]
        if cls is space_class or cls is break_class:
            pending_space = _space(cluster, pending_space)
            continue
        if previous is None:
            # An opening mark at the paragraph start loses its blank half, also after the
            # first-line indent (clreq §3.1.6).
            if mark.lead:
                mark.lead = 0.0
        elif plain and cls is han and mark is no_blanks and pending_space is None:
            # Two Han characters: the commonest boundary (inline: once per character).
            append(between_han if not headline else joiner.han_pair(cluster.start))
            source(-1)
        else:
            glues = joiner.glue(clusters, marks, previous, i, pending_space)
            items.extend(glues)
            sources.extend([-1] * len(glues))
        append(boxes[i])
        source(cluster.start)
        previous = i
        plain = cls is han and mark is no_blanks and i not in orphaning
        pending_space = None
    return previous


class _Joiner:
    """The glue between two clusters of one paragraph, each combination made once."""

    def __init__(
        self,
        style: ParagraphStyle,
        metrics: Metrics,
        orphaning: Collection[int],
        words: frozenset[int] = frozenset(),
    ):
        self.style = style
        self.metrics = metrics
        self.orphaning = orphaning
        self.words = words
        self.headline = style.headline
        self.no_start = NO_LINE_START[style.prohibition]
        self.no_start_signs = NO_LINE_START_SIGNS[style.prohibition]
        self.no_end = NO_LINE_END[style.prohibition]
        self.tracking = style.letter_spacing * style.size
        self.cache: dict[tuple, tuple[Glue, ...]] = {}
        # Between two Han characters: a breakable stretchable gap (the caller's fast path).
        self.between_han = (
            Glue(
                self.tracking,
                INTER_CHARACTER_STRETCH * style.size,
                0.0,
                StretchStep.INTER_CHARACTER,
                ShrinkStep.NONE,
                0.0,
            ),
        )
        self.han_between_words = self.between_han[0]._replace(penalty=PHRASE_PENALTY)
        self.han_in_word = self.between_han[0]._replace(penalty=None)

    def han_pair(self, start: int) -> Glue:
        """A headline's glue before the Han character at ``start`` after another: a break
        between two words, else none (inside a word)."""
        return self.han_between_words if start in self.words else self.han_in_word

    def glue(
        self,
        clusters: list[Cluster],
        marks: list[_Mark],
        previous: int,
        i: int,
        space: Space | Blank | None,
    ) -> tuple[Glue, ...]:
        """The glue between clusters ``previous`` and ``i`` (not two plain Han ones), where
        the line may break as 避头尾 and the 孤字 rule allow (clreq §3.1.4, §3.5)."""
        left, right = clusters[previous], clusters[i]
        left_mark, mark = marks[previous], marks[i]
        allowed = (
            left.cls not in self.no_end
            and right.cls not in self.no_start
            and right.text[0] not in self.no_start_signs
            and space is not Space.NO_BREAK
        )
        penalty = (ORPHAN_PENALTY if previous in self.orphaning else 0.0) if allowed else None
        if self.headline and space is None and penalty is not None:
            # A headline breaks between clusters with no space only between two words.
            penalty = max(penalty, PHRASE_PENALTY) if right.start in self.words else None
        # The glue between two clusters depends only on their classes, blanks, a space and
        # the penalty: made once per paragraph for each combination.
        key = (
            left.cls, left_mark.trail, left_mark.trail_step, right.cls, mark.lead,
            mark.lead_step, space, penalty,
        )  # fmt: skip
        glues = self.cache.get(key)
        if glues is None:
            style = self.style
            glues = self.cache[key] = _boundary(
                left, left_mark, right, mark, space, penalty, style.size, self.metrics,
                style.latin_gap, self.tracking,
            )  # fmt: skip
        return glues


def _words(
    items: Sequence[Item], sources: Sequence[int], clusters: Sequence[Cluster]
) -> dict[int, Cluster]:
    """The Western words among the items: item index → cluster."""
    western = {c.start: c for c in clusters if c.cls in _WESTERN}
    return {
        k: western[sources[k]]
        for k, item in enumerate(items)
        if item.__class__ is Box and sources[k] in western
    }


def _opener(style: ParagraphStyle, metrics: Metrics, measure: float) -> Opener:
    """How the words of a run too wide for ``measure`` are opened, in this style and face."""
    em = style.size
    info = metrics.glyph("-")
    hyphen = None
    if info.face is not None and style.hyphenation != NO_HYPHENATION:
        hyphen = Hyphen(info.advance * em, GlyphRun("-", info.face, 0.0, info.advance * em))

    def box(piece: Cluster) -> Box:
        box = Box(*word_runs(piece, metrics, em, []))  # its missing glyphs were reported whole
        if style.vertical is None:
            return box
        return Box(box.width, tuple(r._replace(orientation=ROTATED) for r in box.runs))

    return Opener(
        measure,
        style.hyphenation,
        hyphen,
        RAGGED * em,
        NUMBER_RAGGED * em,
        lambda ch: metrics.glyph(ch).advance * em,
        box,
    )


def _space(cluster: Cluster, pending: Space | Blank | None) -> Space | Blank:
    """The space between two clusters after ``cluster`` (a space, a ZWSP or a run of
    ideographic spaces) is added to what was pending: ideographic spaces win over any other
    (their ems added up), a breaking space over a no-break one, any space over a ZWSP."""
    if cluster.text[0] == IDEOGRAPHIC_SPACE:
        before = pending.ems if pending.__class__ is Blank else 0  # type: ignore[union-attr]
        return blank(before + len(cluster.text))
    if pending.__class__ is Blank:
        return pending  # type: ignore[return-value]
    if cluster.cls is CharClass.BREAK:
        return pending or Space.ZERO_WIDTH  # type: ignore[return-value]
    if pending is Space.BREAKING or not all(c in NO_BREAK_SPACES for c in cluster.text):
        return Space.BREAKING
    return Space.NO_BREAK


_NO_BLANKS = _Mark(0.0, 0.0, ShrinkStep.NONE, ShrinkStep.NONE)  # shared; never changed


# The blank halves of each mark class that has any, in em (clreq §3.1.6): (lead, trail,
# lead step, trail step). Every other class (and the marks of a scheme that sets them in
# their ink half only) has none.
_MARK_BLANKS = {
    CharClass.PAUSE: (0.0, 0.5, ShrinkStep.NONE, ShrinkStep.PAUSE),
    CharClass.STOP: (0.0, 0.5, ShrinkStep.NONE, ShrinkStep.STOP),
    CharClass.CLOSING: (0.0, 0.5, ShrinkStep.NONE, ShrinkStep.BRACKET),
    CharClass.OPENING: (0.5, 0.0, ShrinkStep.BRACKET, ShrinkStep.NONE),
    # Full width, ¼ em blank on each side; shrinks to ½ em (clreq §3.6 step 3).
    CharClass.INTERPUNCT: (0.25, 0.25, ShrinkStep.INTERPUNCT, ShrinkStep.INTERPUNCT),
}
# (members read once: an Enum class's attributes go through its metaclass's __getattr__)
_PAUSE, _INTERPUNCT = CharClass.PAUSE, CharClass.INTERPUNCT
_BANJIAO, _KAIMING = PunctuationScheme.BANJIAO, PunctuationScheme.KAIMING


def _blanks(cluster: Cluster, scheme: PunctuationScheme) -> _Mark:
    """The blank halves of a mark under a punctuation scheme (clreq §3.1.6). Marks get
    their own record (adjacency compression changes it); other clusters share one."""
    cls = cluster.cls
    blanks = _MARK_BLANKS.get(cls)
    if blanks is None:
        return _NO_BLANKS
    if scheme is _BANJIAO and cls is not _INTERPUNCT:
        return _NO_BLANKS  # 半角: every mark is its ink half only
    if scheme is _KAIMING and cls is _PAUSE:
        return _NO_BLANKS  # 开明: pause marks inside a sentence are half width
    return _Mark(*blanks)


def _compress_adjacent(clusters: list[Cluster], marks: list[_Mark]) -> None:
    """Two adjacent marks take 1.5 em, not 2 (clreq §3.1.6.1): half an em of the blank
    between their inks goes, first from the left mark's trailing half."""
    # Only a pair with a blank half on either side can change: the others (two Han
    # characters, the commonest pair) share the record of no blanks, and nothing is taken.
    no_blanks, last = _NO_BLANKS, len(clusters) - 1
    candidates = {j for i, m in enumerate(marks) if m is not no_blanks for j in (i - 1, i)}
    for i in sorted(candidates):
        if not (0 <= i < last):
            continue
        if not (is_punctuation(clusters[i].cls) and is_punctuation(clusters[i + 1].cls)):
            continue
        left, right = marks[i], marks[i + 1]
        cut = 0.5
        take = min(cut, left.trail)
        left.trail -= take
        cut -= take
        right.lead -= min(cut, right.lead)


def _orphan_boundaries(clusters: list[Cluster]) -> frozenset[int]:
    """Indices ``i`` such that breaking after cluster ``i`` would leave a last line with
    fewer than two characters besides punctuation (孤字, clreq §3.5): such breaks carry
    :data:`ORPHAN_PENALTY`. A Western word counts as its letters: "PTA" is no 孤字."""
    if not _has_two_characters(clusters):
        return frozenset()
    counted = 0
    orphaning: set[int] = set()
    for i in range(len(clusters) - 1, -1, -1):
        if counted >= 2:
            break
        orphaning.add(i)  # breaking after cluster i leaves ``counted`` characters
        counted += character_count(clusters[i : i + 1])
    return frozenset(orphaning)


def _has_two_characters(clusters: list[Cluster]) -> bool:
    count = 0
    for c in clusters:
        if c.cls not in GLUE_CLASSES and c.cls not in PUNCTUATION:
            count += letters(c.text)
            if count >= 2:
                return True
    return False


def character_count(clusters: list[Cluster]) -> int:
    """Characters that are not punctuation or space, for the 孤字 rule (a character with its
    combining marks counts once)."""
    return sum(
        letters(c.text) for c in clusters if c.cls not in GLUE_CLASSES and not is_punctuation(c.cls)
    )


def _blank_glue(width: float, step: ShrinkStep, em: float, penalty: float | None) -> Glue:
    return Glue(width * em, 0.0, width * em, StretchStep.NONE, step, penalty)


def _boundary(
    left: Cluster,
    left_mark: _Mark,
    right: Cluster,
    right_mark: _Mark,
    space: Space | Blank | None,
    penalty: float | None,
    em: float,
    metrics: Metrics,
    latin_gap: float,
    tracking: float = 0.0,
) -> tuple[Glue, ...]:
    """The glue between two clusters. The first glue is the break point (``penalty`` is
    ``None`` where no break is allowed): breaking there drops all of them, so no blank half,
    gap or space survives at a line edge."""
    glues: list[Glue] = []
    if left_mark.trail:
        glues.append(_blank_glue(left_mark.trail, left_mark.trail_step, em, penalty))
        penalty = None
    gap = _gap(left, right, space, em, metrics, penalty, latin_gap)
    if tracking:
        gap = gap._replace(width=gap.width + tracking)
    glues.append(gap)
    if right_mark.lead:
        glues.append(_blank_glue(right_mark.lead, right_mark.lead_step, em, None))
    return tuple(glues)


def _gap(
    left: Cluster,
    right: Cluster,
    space: Space | Blank | None,
    em: float,
    metrics: Metrics,
    penalty: float | None,
    latin_gap: float = HAN_LATIN_GAP,
) -> Glue:
    if space.__class__ is Blank:
        # Typed ideographic spaces: an em each, fixed (a blank character's width, never
        # shrunk), spaced on a justified line like the characters beside it (clreq §3.6).
        return Glue(
            space.ems * em,  # type: ignore[union-attr]
            INTER_CHARACTER_STRETCH * em,
            0.0,
            StretchStep.INTER_CHARACTER,
            ShrinkStep.NONE,
            penalty,
        )
    western_left = left.cls in _WESTERN
    western_right = right.cls in _WESTERN
    if space is Space.ZERO_WIDTH:
        if western_left and western_right:
            # Two Western words parted only by a ZWSP: a break of no width that does not
            # stretch (letter-spacing a word would be wrong, clreq §3.2).
            return Glue(0.0, 0.0, 0.0, StretchStep.NONE, ShrinkStep.NONE, penalty)
        space = None  # elsewhere a break is allowed anyway: the usual gap
    if western_left and western_right and space is not None:
        width = metrics.glyph(" ").advance
        return Glue(
            width * em,
            max(WORD_SPACE_MAX - width, 0.0) * em,
            max(width - WORD_SPACE_MIN, 0.0) * em,
            StretchStep.WORD_SPACE,
            ShrinkStep.WORD_SPACE,
            penalty,
        )
    han_left = left.cls is CharClass.HAN
    han_right = right.cls is CharClass.HAN
    if space is not None and not western_left and not western_right:
        return Glue(
            CHINESE_WORD_SPACE * em,
            (WORD_SPACE_MAX - CHINESE_WORD_SPACE) * em,
            (CHINESE_WORD_SPACE - WORD_SPACE_MIN) * em,
            StretchStep.WORD_SPACE,
            ShrinkStep.WORD_SPACE,
            penalty,
        )
    if latin_gap > 0 and ((han_left and western_right) or (western_left and han_right)):
        # clreq §3.2.1: a gap between Han and Western text (¼ em by default), justified
        # within ⅛–⅓ em. A space typed there is the gap, not a second blank.
        return Glue(
            latin_gap * em,
            max(HAN_LATIN_MAX - latin_gap, 0.0) * em,
            max(latin_gap - HAN_LATIN_MIN, 0.0) * em,
            StretchStep.HAN_LATIN,
            ShrinkStep.HAN_LATIN,
            penalty,
        )
    if CharClass.CONNECTOR in (left.cls, right.cls):
        # clreq §3.6: no inter-character spacing beside a connector.
        return Glue(0.0, 0.0, 0.0, StretchStep.NONE, ShrinkStep.NONE, penalty)
    return Glue(
        0.0,
        INTER_CHARACTER_STRETCH * em,
        0.0,
        StretchStep.INTER_CHARACTER,
        ShrinkStep.NONE,
        penalty,
    )
