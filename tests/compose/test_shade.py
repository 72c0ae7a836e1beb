"""Type on a tint (``layout.compose.shade``): a shade too near the darkness of the type on
it is a ``shade-contrast`` warning at the shaded box; black type on a light tint, and white
type reversed out of a dark one, are not."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.build import build
from layout.compose.shade import darkness
from layout.page import BLACK, WHITE, Color, grey
from layout.report import ProblemKind, Severity

ROOT = Path(__file__).resolve().parents[2]


def test_darkness_of_inks() -> None:
    assert darkness(BLACK) == 1.0 and darkness(WHITE) == 0.0
    assert darkness(grey(0.3)) == pytest.approx(0.3)
    assert darkness(Color(0.5, 0.5, 0.0, 0.0)) == pytest.approx(0.75)  # two inks, darker


def _page(tmp_path: Path, shade: float, colour: str | None) -> Path:
    small = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
    doc = yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    story = tmp_path / "story.yaml"
    story.write_text("id: story\nheadline: 服务站揭牌\nbody: [平台正式上线运行。]\n", "utf-8")
    doc["articles"] = [str(story)]
    if colour is not None:
        doc["styles"]["body"]["color"] = colour
    at = {"column": 1, "span": 2, "line": 1, "lines": 12}
    doc["boxes"] = [
        {"id": "story", "kind": "article", "article": "story", "at": at, "headline": {"lines": 4}},
        {"id": "tint", "kind": "shaded", "shade": shade, "at": {**at, "line": 5, "lines": 8}},
    ]
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


@pytest.mark.parametrize(
    ("shade", "colour", "warned"),
    [
        (0.2, None, False),  # 底纹 under black type
        (0.6, None, True),
        (0.8, "k(0)", False),  # 反白: white type out of a dark tint
        (0.3, "k(0)", True),
    ],
)
def test_type_that_does_not_stand_out_from_its_tint_is_reported(
    tmp_path: Path, shade: float, colour: str | None, warned: bool
) -> None:
    result = build(_page(tmp_path, shade, colour), None, dry_run=True)
    found = [p for p in result.problems if p.kind is ProblemKind.SHADE_CONTRAST]
    if not warned:
        assert found == []
        return
    (problem,) = found
    assert problem.box == "tint" and problem.severity is Severity.WARNING
    assert problem.details.shade == shade
    assert problem.details.contrast == pytest.approx(abs(shade - (0.0 if colour else 1.0)))
    assert problem.details.runs >= 1
    assert problem.message.startswith(f"text on the box's {shade:.0%} shade stands out")
