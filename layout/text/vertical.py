"""The boxes of a vertical line (竖排, clreq §2.4): prepare's :func:`_boxes` for a paragraph
whose style is vertical.

Each cluster is oriented (``layout.text.orient``) and its parts measured by how they stand:

- upright characters (Han, kana, full-width marks, upright letters) advance by their vertical
  advance (:class:`UprightMetrics`, the face's ``vmtx``), and the punctuation rules of
  ``prepare`` (ink half, blank half) apply to them unchanged; a dash, wave dash, bracket or
  quotation mark the face has no vertical form of is drawn turned and advances by its width
  (:data:`TURNED_MARKS`), a comma or stop it has none of is drawn moved into the upper right
  of its em (:data:`SHIFTED_MARKS`, :func:`shifted_right`);
- rotated parts (Latin words, long numbers, ASCII punctuation) advance by their horizontal
  advances, as in a horizontal line;
- a 纵中横 number takes exactly one em; an upright acronym one em a letter.

A cluster that stands as a 纵中横 number or an upright acronym is spaced like an ideograph
(:func:`as_ideograph`): it takes an ideograph's place in the line, so no Han–Western gap
stands around it.
"""

from __future__ import annotations

from collections.abc import Callable

from .chars import CharClass
from .collect import Cluster
from .items import Box, GlyphRun
from .metrics import GlyphInfo, Metrics, VerticalMetrics
from .orient import Orientation, Segment, VerticalOptions, orient

# Marks drawn turned 90° clockwise in a vertical line when the face has no vertical form of
# them: dashes and the wave dashes (a turned dash is a vertical rule), the connectors among
# them (连接号, GB/T 15834 §4.13: － ‒ ‐ ‑ − ﹣, the long vowel mark ー, the box-drawing rules
# ─ ━), which drawn upright read as the ideograph 一; brackets, which turn
# in vertical text (clreq §2.4, GB/T 15834 §5.2) and whose ink halves then fall where
# ``prepare`` puts them and the vertical forms have them: a mainland horizontal form inks an
# opening bracket's right half and a closing one's left half (clreq §3.1.6), and turned
# clockwise the right half is the lower one, so an opening bracket's ink lies at the foot
# of its em and a closing one's at its head, as ︵ and ︶ stand; and the curly quotes, whose
# vertical forms are the corner brackets ﹁﹂﹃﹄ (GB/T 15834 §5.2): turned, they stand as
# the style's ``quotes: rotated`` draws them, their ink halves where ``prepare`` puts them,
# not upright and across the line with their ink in the wrong half.
TURNED_MARKS = frozenset("—–⸺⸻―～〜~-－‒‐‑−﹣ー─━（）《》〈〉【】「」『』〔〕［］｛｝〖〗〘〙“”‘’")

# Dashes drawn turned in a vertical line even where the face has a vertical form of them
# (Noto's ︱ for ―): that form is the dash turned (``layout.fonts.vertforms`` takes no other),
# and the turned horizontal glyph can be drawn by its ink, stretched along the line as 横排
# draws it (``boxes._drawn_into``), so the halves of ―― meet in one rule, where an upright
# form, which cannot be stretched along the line, leaves its side bearings between them
# (Noto's ︱ inks 0.07–0.93 of its em: a gap of 0.14 em). clreq §3.1.4: —— is one unbroken
# line of two ems, in 竖排 as in 横排.
ALWAYS_TURNED = frozenset("—―⸺⸻")


def drawn_turned(ch: str, form: int | None) -> bool:
    """Whether ``ch``, standing upright in a vertical line with the vertical form ``form``
    (None: the face has none), is drawn turned 90° clockwise, advancing by its width."""
    return ch in ALWAYS_TURNED or (form is None and ch in TURNED_MARKS)


# Marks whose vertical forms stand in the upper-right quadrant of the em (mainland practice,
# GB/T 15834 §5.2, clreq §2.4): a face without their vertical form has only the horizontal
# one, inked in the lower-left quadrant, which drawn as it stands would sit at the lower left
# of the vertical em, in the blank half that ``prepare`` gives the mark. It is drawn moved
# half an em up (:data:`SHIFTED_UP`) and, by :func:`shifted_right`, into the right half.
SHIFTED_MARKS = frozenset("、，。．｡")
SHIFTED_UP = 0.5  # em: the lower half of the em onto the upper one

BoxMaker = Callable[[Cluster, Metrics], Box]  # prepare's box of a cluster in given metrics


def shifted_right(advance: float, ink: tuple[float, float] | None) -> float:
    """How far right, in em, the horizontal form of a :data:`SHIFTED_MARKS` mark of
    ``advance`` em, inked from ``ink[0]`` to ``ink[1]`` em (None: not known), is drawn from
    where it stands centred on a vertical line: half an em, the left half onto the right, when
    its ink lies in the left half of the em (the mainland forms); else (a face that centres
    its comma and stop, as Taiwan's and Hong Kong's forms stand: Droid Sans Fallback's ，
    inks 0.42–0.58 em; a half-width ｡) as far as centres its ink in the right half, and
    never past the em's right edge."""
    if ink is None:
        return 0.5
    # The ink from the line's centre line, where the glyph is drawn centred on it.
    left, right = ink[0] - advance / 2, ink[1] - advance / 2
    if right <= 0.0:
        return 0.5
    return max(0.0, min(0.25 - (left + right) / 2, 0.5 - right))


class UprightMetrics:
    """:class:`~layout.text.metrics.Metrics` of characters standing upright in a vertical
    line, over a chain's :class:`~layout.text.metrics.VerticalMetrics`: the vertical advance,
    or the width of a turned mark (:func:`drawn_turned`), and a turned mark's ink. Kept with
    its chain (:func:`upright_metrics`), so its answers and prepare's boxes are made once.
    (A plain class, compared as the mutable dataclass it was: on its chain and caches.)"""

    __slots__ = ("chain", "_cache", "box_cache")
    __hash__ = None  # type: ignore[assignment]  # mutable: compared by value, not hashed

    def __init__(
        self,
        chain: VerticalMetrics,
        _cache: dict[str, GlyphInfo] | None = None,
        box_cache: dict[tuple, dict] | None = None,
    ) -> None:
        self.chain = chain
        self._cache: dict[str, GlyphInfo] = {} if _cache is None else _cache
        self.box_cache: dict[tuple, dict] = {} if box_cache is None else box_cache

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            mine = (self.chain, self._cache, self.box_cache)
            return mine == (other.chain, other._cache, other.box_cache)  # type: ignore[attr-defined]
        return NotImplemented

    def __repr__(self) -> str:
        return f"UprightMetrics(chain={self.chain!r})"

    def glyph(self, ch: str) -> GlyphInfo:
        info = self._cache.get(ch)
        if info is None:
            chain = self.chain
            horizontal = chain.glyph(ch)
            turned = drawn_turned(ch, chain.vertical_form(ch))
            info = horizontal if horizontal.face is None or turned else chain.upright(ch)
            self._cache[ch] = info
        return info

    def ink(self, ch: str) -> tuple[float, float] | None:
        """Where the outline of ``ch`` starts and ends along the line, in em, when it is drawn
        turned (its horizontal form's ink along its baseline, :meth:`ChainMetrics.ink`); None
        for a glyph standing upright (its extent down the line is not known here)."""
        ink = getattr(self.chain, "ink", None)
        if ink is None or not drawn_turned(ch, self.chain.vertical_form(ch)):
            return None
        return ink(ch)


def upright_metrics(chain: VerticalMetrics) -> UprightMetrics:
    """The upright view of ``chain``, kept in the chain's box cache (one per chain)."""
    store = getattr(chain, "box_cache", None)
    if store is None:
        return UprightMetrics(chain)
    found = store.get(("upright-view",))
    if found is None:
        found = store[("upright-view",)] = UprightMetrics(chain)
    return found  # type: ignore[return-value]


def as_ideograph(cluster: Cluster, options: VerticalOptions) -> Cluster:
    """``cluster`` spaced as an ideograph when it stands as one unit upright (a 纵中横 number,
    an upright acronym); otherwise as it is."""
    if cluster.cls not in (CharClass.DIGIT, CharClass.LATIN):
        return cluster
    if any(_unit(s) for s in orient(cluster, options)):
        return cluster._replace(cls=CharClass.HAN)
    return cluster


def _unit(segment: Segment) -> bool:
    return segment.orientation is Orientation.TCY or (
        segment.orientation is Orientation.UPRIGHT and segment.end - segment.start > 0
    )


def vertical_box(
    cluster: Cluster,
    options: VerticalOptions,
    chain: VerticalMetrics,
    em: float,
    make: BoxMaker,
    missing: Callable[[str, int], None],
) -> Box:
    """The box of ``cluster`` in a vertical line: ``make`` (prepare's own box maker) for a part
    that stands one way, with the metrics of how it stands; 纵中横 and upright letters as
    units of one em."""
    segments = orient(cluster, options)
    if len(segments) == 1 and not _special(cluster, segments[0]):
        orientation = segments[0].orientation
        metrics = chain if orientation is Orientation.ROTATED else upright_metrics(chain)
        return _oriented(make(cluster, metrics), orientation)
    runs: list[GlyphRun] = []
    x = 0.0
    for segment in segments:
        part = cluster._replace(
            text=cluster.text[segment.start : segment.end], start=cluster.start + segment.start
        )
        if segment.orientation is Orientation.TCY:
            piece = _tcy(part, chain, em, missing)
        elif _special(cluster, segment):
            piece = _upright_letters(part, chain, em, missing)
        else:
            rotated = segment.orientation is Orientation.ROTATED
            metrics = chain if rotated else upright_metrics(chain)
            piece = _oriented(make(part, metrics), segment.orientation)
        runs.extend(
            r._replace(offset=r.offset + x, source=r.source + segment.start) for r in piece.runs
        )
        x += piece.width
    return Box(x, tuple(runs))


def _special(cluster: Cluster, segment: Segment) -> bool:
    """A part set as a unit of its own: 纵中横, or upright Latin letters."""
    if segment.orientation is Orientation.TCY:
        return True
    return (
        segment.orientation is Orientation.UPRIGHT
        and cluster.cls
        in (
            CharClass.LATIN,
            CharClass.DIGIT,
            CharClass.HAN,
        )
        and cluster.text[segment.start : segment.start + 1].isascii()
    )


def _oriented(box: Box, orientation: Orientation) -> Box:
    if orientation is Orientation.UPRIGHT:
        return box
    return Box(box.width, tuple(r._replace(orientation=orientation) for r in box.runs))


def _tcy(
    part: Cluster, chain: VerticalMetrics, em: float, missing: Callable[[str, int], None]
) -> Box:
    """纵中横: the digits side by side in one em (squeezed when drawn if wider)."""
    face = chain.face_of(part.text)
    if face is None:
        for k, ch in enumerate(part.text):
            if chain.glyph(ch).face is None:
                missing(ch, part.start + k)
    face_id = face.id if face is not None else None
    return Box(em, (GlyphRun(part.text, face_id, 0.0, em, 1.0, 0, Orientation.TCY),))


def _upright_letters(
    part: Cluster, chain: VerticalMetrics, em: float, missing: Callable[[str, int], None]
) -> Box:
    """An acronym or a single letter standing upright: one em a letter."""
    runs = []
    for k, ch in enumerate(part.text):
        info = chain.glyph(ch)
        if info.face is None:
            missing(ch, part.start + k)
        runs.append(GlyphRun(ch, info.face, k * em, em, 1.0, k))
    return Box(len(part.text) * em, tuple(runs))
