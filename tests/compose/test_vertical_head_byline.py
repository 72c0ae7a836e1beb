"""A byline beside a 竖题 strip set by line pitches (``headline: {position: right, lines: N}``
with no ``span``): the body's columns are narrower than the box's own, and the byline is laid
out for the columns it is set in — its names go on to the next line between names, none is
broken and reported."""

from __future__ import annotations

from pathlib import Path

from layout.build import build
from layout.compose.frame import Frame
from layout.geometry import WritingMode
from layout.report import ProblemKind


def test_a_byline_beside_a_strip_head_fits_the_narrower_columns(sample_edition: Path) -> None:
    culture = sample_edition.parent / "culture.yaml"
    text = culture.read_text(encoding="utf-8")
    strip = "    headline: {position: right, span: 1}"  # jinshan's, the first box
    assert strip in text
    culture.write_text(text.replace(strip, "    headline: {lines: 9, position: right}", 1), "utf-8")
    record = sample_edition.parent.parent / "articles" / "jinshan.yaml"
    names = "reporters: [荣怡婷]"
    assert names in record.read_text(encoding="utf-8")
    # Names that stand on one line of the box's own column width (13 字 of the body) but not
    # of the narrower body columns beside the strip: ■记者 林　旭 张　心, 11 ems of the byline.
    record.write_text(
        record.read_text(encoding="utf-8").replace(names, "reporters: [林旭, 张心]"), "utf-8"
    )
    result = build(culture, None, dry_run=True)
    box = next(b for b in result.page.boxes if b.id == "jinshan")
    size = result.spec.styles["byline"].size
    column = Frame(box.columns[0], WritingMode.HORIZONTAL_TB).measure / size
    assert column < 11  # narrower than the one line the names take: 1 + 2 + 1 + 3 + 1 + 3
    assert not [
        p for p in result.problems if p.kind is ProblemKind.BROKEN_BYLINE and p.box == "jinshan"
    ]
    lines = [line.text for line in box.lines if "林" in line.text or "张" in line.text]
    assert lines[:2] == ["■记者\u3000林\u3000旭", "张\u3000心"]  # broken between the names
