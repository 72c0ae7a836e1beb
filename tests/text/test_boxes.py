"""Tests of the boxes of clusters (``layout.text.boxes.cluster_boxes``): one box per cluster,
a recurring cluster's box reused, and every character no face has reported where it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from layout.text.boxes import MissingGlyph, cluster_boxes
from layout.text.collect import collect
from layout.text.items import Box
from layout.text.metrics import GlyphInfo, SyntheticMetrics

from .conftest import EM


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
