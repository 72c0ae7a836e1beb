"""Style colours reach every text on the page: headlines, body, furniture (CMYK from the spec)."""

from __future__ import annotations

from pathlib import Path

from layout.build import build
from layout.page import Color, TextRun

REPO = Path(__file__).resolve().parents[2]
BASE = (
    (REPO / "tests" / "fixtures" / "front-standalone.yaml")
    .read_text(encoding="utf-8")
    .replace("articles: ../../articles", f"articles: {REPO / 'articles'}")
    .replace("fonts: ../../fonts/manifest.yaml", f"fonts: {REPO / 'fonts' / 'manifest.yaml'}")
)
RED = Color(0.0, 1.0, 1.0, 0.0)


def test_headline_and_header_colours_are_used(tmp_path: Path) -> None:
    spec = (
        BASE.replace(
            "  headline:    {font: song-heavy, size: 一号..小初, fill: 0.9,",
            '  headline:    {color: "cmyk(0, 100, 100, 0)", font: song-heavy, size: 一号..小初, '
            "fill: 0.9,",
        )
        .replace(
            "  lead_headline: {font: song-heavy,",
            '  lead_headline: {color: "cmyk(0, 100, 100, 0)", font: song-heavy,',
        )
        .replace(
            "  header:      {font: hei-regular, size: 小五, leading: 14pt",
            "  header:      {font: hei-regular, size: 小五, leading: 14pt, color: k(60)",
        )
    )
    assert spec != BASE
    path = tmp_path / "front.yaml"
    path.write_text(spec, encoding="utf-8")
    page = build(path, None).page
    runs = [op for op in page.ops if isinstance(op, TextRun)]
    red = "".join(op.text for op in runs if op.color == RED)
    assert "工业经济攀新向高马力足" in red and "双拥花开" in red
    grey = "".join(op.text for op in runs if op.color == Color(0, 0, 0, 0.6))
    assert "中共平湖市委机关报" in grey  # the masthead's facts, in the header style
    body = [op for op in runs if "春潮涌动" in op.text]
    assert body and all(op.color == Color() for op in body)
