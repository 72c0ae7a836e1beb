"""Bylines and a dateline of unseen copy on a page of its own (the small 4-column test page,
``tests/fixtures/proof/small.yaml``): the free roles 文, 摄影 and 特约撰稿, a Western name, a
mark of the spec's choosing and a 新华社…电 dateline in a dateline style of the spec."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from layout.build import build
from layout.page import TextRun

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"

STORY = """\
id: wire
headline: 港区能源平台上线
byline:
  writers: 张三
  photographers: [王强, 陈明远]
  roles: [{label: 特约撰稿, names: [欧阳文忠, Johannes Müller]}]
dateline: 新华社北京4月30日电
body:
- >-
  昨天上午，嘉禾港区智慧能源管理平台正式上线运行。
  平台接入港区内37家企业的专网、屋顶光伏和储能设备，每15分钟采集一次用电数据。
- 平台由港区管委会与一家德国工程公司联合开发，对高耗能企业实行一企一策。
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("wire")
    (folder / "wire.yaml").write_text(STORY, encoding="utf-8")
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["articles"] = [str(folder / "wire.yaml")]
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    doc["styles"]["byline"]["mark"] = "▲"
    doc["styles"]["dateline"] = {"font": "hei-heavy", "size": "小五"}
    doc["boxes"][0].update(
        id="story", article="wire", at={"column": 1, "span": 2, "line": 1, "lines": 24}
    )
    spec = folder / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build(spec, None)


def _first_x(runs: list[TextRun]) -> dict[str, list[float]]:
    """x of each character of the full-width runs (one em each, plus character spacing)."""
    at: dict[str, list[float]] = defaultdict(list)
    for run in runs:
        for k, ch in enumerate(run.text):
            at[ch].append(run.x + k * (run.size + run.char_space))
    return at


def test_free_roles_line_up(built):
    """▲文 / 摄　　影 / 特约撰稿: the labels spread to the widest (4) and start at one x after
    the mark; the first names at one x, an em after the labels; 陈明远, which does not fit
    beside 王　强, goes on under it; the Western name, too long to stand under 欧阳文忠, goes
    under the label, whole."""
    assert [p.kind.value for p in built.problems] == ["underset"]  # a short story
    em = built.spec.styles["byline"].size
    runs = [r for r in built.page.ops if isinstance(r, TextRun) and r.size == em]
    lines = [[r for r in runs if abs(r.y - y) < 1e-6] for y in sorted({r.y for r in runs})]
    assert [" ".join(r.text for r in line) for line in lines] == [
        "▲文\u3000\u3000\u3000\u3000张\u3000三",
        "摄\u3000\u3000影\u3000王\u3000强",
        "陈明远",
        "特约撰稿\u3000欧阳文忠",
        "Johannes Müller",
    ]
    at = _first_x(runs)
    mark = at["▲"][0]
    assert at["文"][0] == at["摄"][0] == at["特"][0] == pytest.approx(mark + em)
    names = mark + 6 * em
    assert at["张"][0] == at["王"][0] == at["欧"][0] == at["陈"][0] == pytest.approx(names)
    assert lines[4][0].x == pytest.approx(mark + em)  # under the label


def test_a_wire_dateline_in_the_spec_dateline_style(built):
    """The dateline of 新华社 fills the first line of the 13-em column (after the indent):
    it is set whole, justified to the measure, and the text starts the next line."""
    runs = [r for r in built.page.ops if isinstance(r, TextRun)]
    heavy = [r for r in runs if r.face == "hei-heavy"]
    assert "".join(r.text for r in heavy) == "新华社北京4月30日电"
    assert len({r.y for r in heavy}) == 1  # one line: not split
    em = built.spec.styles["body"].size
    column = built.page.boxes[0].columns[0]
    last = heavy[-1]
    assert last.x + len(last.text) * em == pytest.approx(column.right, abs=0.01)
    text = next(r for r in runs if r.face == "song" and r.y > last.y)
    assert text.text.startswith("昨天上午") and text.x == pytest.approx(column.x)
