"""Tests of the boxes of clusters (``layout.text.boxes.cluster_boxes``): one box per cluster,
a recurring cluster's box reused, and every character no face has reported where it is."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from layout.fonts import library
from layout.text.boxes import MissingGlyph, cluster_box, cluster_boxes
from layout.text.chars import CharClass
from layout.text.collect import Cluster, collect
from layout.text.items import Box
from layout.text.metrics import GlyphInfo, Metrics, SyntheticMetrics
from layout.text.orient import VerticalOptions
from layout.text.vertical import vertical_box

from .conftest import EM, sample_body_paragraphs


@dataclass
class _CachingMetrics:
    """Synthetic metrics that keep boxes between paragraphs, as a font library's do."""

    inner: SyntheticMetrics = field(default_factory=SyntheticMetrics)
    box_cache: dict = field(default_factory=dict)

    def glyph(self, ch: str) -> GlyphInfo:
        return self.inner.glyph(ch)


def test_one_box_per_cluster_and_none_for_a_space() -> None:
    clusters = collect("平湖 PTA，平")
    boxes = cluster_boxes(clusters, SyntheticMetrics(), EM, [])
    assert len(boxes) == len(clusters)
    by_text = dict(zip((c.text for c in clusters), boxes, strict=True))
    assert by_text[" "] == Box(0.0)
    assert by_text["平"].width == EM and by_text["PTA"].runs[0].text == "PTA"
    assert by_text["，"].width == EM / 2  # the ink half; the blank half is glue


def test_a_recurring_cluster_reuses_its_box_across_paragraphs() -> None:
    metrics = _CachingMetrics()
    first = cluster_boxes(collect("平湖"), metrics, EM, [])
    again = cluster_boxes(collect("湖平湖"), metrics, EM, [])
    assert again[0] is first[1] and again[1] is first[0] and again[2] is first[1]


def test_a_missing_character_is_reported_at_each_place() -> None:
    metrics = _CachingMetrics(SyntheticMetrics(missing=frozenset("湖")))
    missing: list[MissingGlyph] = []
    cluster_boxes(collect("平湖平湖"), metrics, EM, missing)
    cluster_boxes(collect("湖"), metrics, EM, missing)
    assert [(m.char, m.index) for m in missing] == [("湖", 1), ("湖", 3), ("湖", 0)]
    assert "湖" not in next(iter(metrics.box_cache.values()))  # never kept: drawn as a box


@pytest.mark.parametrize("size", [9.0, 10.5, 33.5])
@pytest.mark.parametrize("full_width", [frozenset(), frozenset("：；？！，。")])
@pytest.mark.parametrize("vertical", [None, VerticalOptions(), VerticalOptions(quotes="rotated")])
def test_every_box_is_the_one_cluster_box_makes(
    size: float, full_width: frozenset[str], vertical: VerticalOptions | None
) -> None:
    """The Han characters' short way (cluster_boxes measures them itself) gives the boxes
    cluster_box (or in a vertical line vertical_box) gives, on the real faces, for every
    cluster of the sample's body text and characters no face has."""
    fonts = library()
    text = "".join(sample_body_paragraphs()) + "\U00030000平\U00030000\U0010fffd"  # Ext. G: no face
    clusters = collect(text)
    chain = fonts.metrics("song")
    fresh = type(chain)(chain.faces)  # a chain with no boxes kept yet
    missing: list[MissingGlyph] = []
    boxes = cluster_boxes(clusters, fresh, size, missing, full_width, vertical)
    alone: list[MissingGlyph] = []

    def made(part: Cluster, metrics: Metrics) -> Box:
        return cluster_box(part, metrics, size, alone, part.text in full_width)

    for cluster, box in zip(clusters, boxes, strict=True):
        if cluster.cls in (CharClass.SPACE, CharClass.BREAK):
            continue
        if vertical is None:
            assert box == made(cluster, chain)
        else:
            miss = lambda ch, k: alone.append(MissingGlyph(ch, k))  # noqa: E731
            assert box == vertical_box(cluster, vertical, chain, size, made, miss)
    assert sum(c.cls is CharClass.HAN and len(c.text) == 1 for c in clusters) > 1000
    assert [m.char for m in missing] == ["\U00030000", "\U00030000", "\U0010fffd"]
    assert missing == alone  # each place of a character no face has, either way


def test_an_apostrophe_a_face_draws_full_width_is_its_ink_half_in_the_word() -> None:
    """A Chinese face draws U+2019 a full em (the closing quote): in it’s the apostrophe is
    a run of its own, at most its ink half (here, metrics that do not know its outline),
    and the word has no blank half (clreq §3.1.6, §3.2)."""
    box = cluster_box(Cluster("it’s", CharClass.LATIN, 0), SyntheticMetrics(), EM, [])
    assert box.width == pytest.approx(2.0 * EM)  # three letters of ½ em and the ink half
    assert [(r.text, r.offset, r.advance, r.source) for r in box.runs] == [
        ("it", 0.0, 1.0 * EM, 0),
        ("’", 1.0 * EM, 1.0 * EM, 2),
        ("s", 1.5 * EM, 0.5 * EM, 3),
    ]


@dataclass
class _ProportionalApostrophe:
    """Synthetic metrics with a Western face's apostrophe (0.25 em)."""

    base: SyntheticMetrics = field(default_factory=SyntheticMetrics)

    def glyph(self, ch: str) -> GlyphInfo:
        return GlyphInfo("western", 0.25) if ch == "’" else self.base.glyph(ch)


def test_a_proportional_apostrophe_is_set_at_its_own_advance() -> None:
    box = cluster_box(Cluster("it’s", CharClass.LATIN, 0), _ProportionalApostrophe(), EM, [])
    assert box.width == pytest.approx(1.75 * EM)


@dataclass
class _NarrowDashes:
    """Synthetic metrics with the dashes as Noto draws them: ⸺ 1.69 em, ⸻ 2.49 em."""

    base: SyntheticMetrics = field(default_factory=SyntheticMetrics)

    def glyph(self, ch: str) -> GlyphInfo:
        widths = {"⸺": 1.69, "⸻": 2.49}
        return GlyphInfo("face", widths[ch]) if ch in widths else self.base.glyph(ch)


@pytest.mark.parametrize(("dash", "ems"), [("⸺", 2), ("⸻", 3)])
def test_a_one_glyph_two_or_three_em_dash_takes_its_ems(dash: str, ems: int) -> None:
    """U+2E3A takes 2 em like ——, U+2E3B 3 em (clreq §3.1.4): the face's narrower glyph is
    drawn into them, not into one em."""
    box = cluster_box(Cluster(dash, CharClass.LONG_MARK, 0), _NarrowDashes(), EM, [])
    assert box.width == pytest.approx(ems * EM)
    (run,) = box.runs
    assert run.advance == pytest.approx(ems * EM)
    assert run.scale == pytest.approx(ems / _NarrowDashes().glyph(dash).advance)


@dataclass
class _InkedApostrophe:
    """Synthetic metrics that know the outline of a full-width ’ (ink 0.1–0.25 em)."""

    base: SyntheticMetrics = field(default_factory=SyntheticMetrics)

    def glyph(self, ch: str) -> GlyphInfo:
        return self.base.glyph(ch)

    def ink(self, ch: str) -> tuple[float, float] | None:
        return (0.1, 0.25) if ch == "’" else None


def test_a_full_width_apostrophe_is_its_ink_and_bearings_where_its_outline_is_known() -> None:
    """The ink of it’s ’ with its left bearing on either side: 0.35 em, not the ink half."""
    box = cluster_box(Cluster("it’s", CharClass.LATIN, 0), _InkedApostrophe(), EM, [])
    assert box.width == pytest.approx(1.85 * EM)
    assert [(r.text, r.offset) for r in box.runs][2] == ("s", pytest.approx(1.35 * EM))


def test_the_apostrophe_of_the_shipped_song_face_is_set_by_its_ink() -> None:
    """Noto Serif SC draws ’ full width (ink 0.085–0.233 em): it’s takes 0.318 em for it."""
    chain = library().metrics("song")
    box = cluster_box(Cluster("it’s", CharClass.LATIN, 0), chain, EM, [])
    letters = sum(chain.glyph(ch).advance for ch in "its")
    assert box.width == pytest.approx((letters + 0.085 + 0.233) * EM)


@dataclass
class _InkedDashes:
    """Synthetic metrics whose em dash is 0.9 em wide, inked 0.05–0.85 em (as Noto's is)."""

    base: SyntheticMetrics = field(default_factory=SyntheticMetrics)

    def glyph(self, ch: str) -> GlyphInfo:
        return GlyphInfo("test", 0.9) if ch in "—⸺" else self.base.glyph(ch)

    def ink(self, ch: str) -> tuple[float, float] | None:
        return (0.05, 0.85) if ch in "—⸺" else None


@pytest.mark.parametrize("text", ["——", "⸺"])
def test_a_two_em_dash_is_inked_edge_to_edge_in_one_line(text: str) -> None:
    """Drawn by its ink where the outline is known, the 2-em dash is one line from the first
    em's start to the second's end: no paper between the halves of ——."""
    box = cluster_box(Cluster(text, CharClass.LONG_MARK, 0), _InkedDashes(), EM, [])
    assert box.width == pytest.approx(2 * EM)
    inked = []
    for run in box.runs:  # each glyph's ink, as drawn: from its origin, scaled
        origin = run.offset
        inked.append((origin + 0.05 * run.scale * EM, origin + 0.85 * run.scale * EM))
    # the face's bearings kept at the mark's ends: 0.05 em before, 0.9 − 0.85 after
    assert inked[0][0] == pytest.approx(0.05 * EM)
    assert inked[-1][1] == pytest.approx(1.95 * EM)
    for (_, end), (start, _) in zip(inked, inked[1:], strict=False):
        assert start == pytest.approx(end)  # the halves meet


def test_an_ellipsis_is_still_drawn_by_its_advance() -> None:
    """…… are dots: their advance, not their ink, is scaled to each em."""
    box = cluster_box(Cluster("……", CharClass.LONG_MARK, 0), _InkedDashes(), EM, [])
    assert [r.offset for r in box.runs] == [0.0, EM]


@pytest.mark.parametrize(("mark", "cls"), [("﹁", CharClass.OPENING), ("﹔", CharClass.PAUSE)])
def test_a_presentation_form_is_set_in_its_whole_em(mark: str, cls: CharClass) -> None:
    """A vertical or small form (﹁, ﹔) has its ink in no known half of the em: its box is
    the whole advance, where 「 and ； are their ink half."""
    box = cluster_box(Cluster(mark, cls, 0), SyntheticMetrics(), EM, [])
    assert box.width == pytest.approx(EM) and box.runs[0].offset == 0.0
    plain = "「" if cls is CharClass.OPENING else "；"
    assert cluster_box(Cluster(plain, cls, 0), SyntheticMetrics(), EM, []).width == EM / 2
