"""A 竖排 article box on a 横排 page (``layout.compose.page``): its lines keep the white a row
of horizontal text keeps, half the leading above and below the em, so that two such boxes
stacked on the grid (and the rule between them) do not touch."""

from __future__ import annotations

from pathlib import Path

import yaml

from layout.build import build
from layout.page import TextRun

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"

STORY = """\
id: story
headline: 竖排稿件
body:
- 昨天上午，嘉禾港区智慧能源管理平台正式上线运行，平台接入港区内三十七家企业的专网和储能设备。
- 平台由港区管委会与一家工程公司联合开发，对高耗能企业实行一企一策，每十五分钟采集一次用电数据。
"""


def test_stacked_vertical_boxes_keep_the_rows_white(tmp_path: Path) -> None:
    # Long enough to run on into the lower box.
    (tmp_path / "story.yaml").write_text(STORY + "".join(STORY.splitlines(True)[3:]) * 6, "utf-8")
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["articles"] = [str(tmp_path / "story.yaml")]
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    box = {"kind": "article", "writing_mode": "vertical-rl", "article": "story"}
    doc["boxes"] = [
        {**box, "id": "upper", "at": {"column": 1, "span": 4, "line": 1, "lines": 12}},
        {
            "id": "lower",
            "kind": "article",
            "writing_mode": "vertical-rl",
            "at": {"column": 1, "span": 4, "line": 13, "lines": 12},
        },
    ]
    doc["boxes"][0]["continues"] = {"box": "lower"}
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(spec, None)
    body = result.spec.styles["body"].size
    white = (result.spec.grid.line_pitch - body) / 2
    runs = [op for op in result.page.ops if isinstance(op, TextRun) and op.size == body]
    for layout in result.page.boxes:
        inside = [
            r
            for r in runs
            if layout.rect.x <= r.x <= layout.rect.right
            and layout.rect.y - 1 <= r.y <= layout.rect.bottom + 1
        ]
        assert inside, layout.id
        for column in layout.columns:
            assert column.y >= layout.rect.y + white - 1e-6
            assert column.bottom <= layout.rect.bottom - white + 1e-6
