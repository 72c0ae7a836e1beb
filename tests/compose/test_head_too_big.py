"""A headline block too big for the area its box gives it, on a page of its own (the small
4-column test page, ``tests/fixtures/proof/small.yaml``): reported, and never printed over
the body or past its box. A head that needs more than its area moves the body down to the
next grid line clear of it; one that needs more than the whole box prints the lines that fit
and reports the rest."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.build import build
from layout.page import TextRun
from layout.report import Overset, ProblemKind

ROOT = Path(__file__).resolve().parents[2]
SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"

HEAD = ("这是一个很长很长的主题用来测试标题区放不下的时候", "正文是否会被压在标题下面")
STORY = f"""\
id: long-head
kicker: 引题一行
headline:
- {HEAD[0]}
- {HEAD[1]}
subhead: 副题也不短
dateline: 本报讯
body:
- >-
  昨天上午，嘉禾港区智慧能源管理平台正式上线运行。
  平台接入港区内三十七家企业的专网、屋顶光伏和储能设备。
- 平台由港区管委会与一家工程公司联合开发，对高耗能企业实行一企一策。
"""


def _build(folder: Path, lines: int, head_lines: int, more: list[dict] | None = None):
    """The story in a box of ``lines`` with a headline area of ``head_lines``, and the
    boxes ``more`` (their articles from the repository's records)."""
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    others = [ROOT / "articles" / f"{b['article']}.yaml" for b in more or ()]
    doc["articles"] = [str(folder / "story.yaml"), *map(str, others)]
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    doc["boxes"] = [
        {
            "id": "story",
            "kind": "article",
            "article": "long-head",
            "at": {"column": 1, "span": 2, "line": 1, "lines": lines},
            "headline": {"lines": head_lines},
        },
        *(more or ()),
    ]
    spec = folder / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return build(spec, None)


def _runs(result) -> tuple[list[TextRun], list[TextRun]]:
    """The box's runs: the head's (larger than the body's size) and the body's (the page's
    header, above the box, left out)."""
    body = result.spec.styles["body"].size
    box = next(b for b in result.page.boxes if b.id == "story")
    runs = [
        op
        for op in result.page.ops
        if isinstance(op, TextRun) and box.rect.y - 1e-6 <= op.y <= box.rect.bottom + 30
    ]
    return [r for r in runs if r.size > body + 1e-6], [r for r in runs if r.size <= body + 1e-6]


def _head_problem(result):
    (problem,) = [p for p in result.problems if "headline block" in p.message]
    assert problem.kind is ProblemKind.OVERSET and problem.box == "story"
    return problem


def test_the_body_starts_clear_of_a_head_too_big_for_its_area(tmp_path: Path) -> None:
    result = _build(tmp_path, lines=24, head_lines=2)
    problem = _head_problem(result)
    assert problem.message.endswith("the body is moved clear of it")
    head, body = _runs(result)
    pitch = result.spec.grid.line_pitch
    (layout,) = result.page.boxes
    # Every head line is printed, its lowest baseline above the body's first line's top
    # (a body line's top: its baseline less the body size), and the body's first line on
    # the grid (a whole number of pitches below the box's top).
    head_bottom = max(r.y + 0.12 * r.size for r in head)
    first_body = min(r.y for r in body)
    assert head_bottom <= first_body - result.spec.styles["body"].size + 1e-6
    column_top = layout.columns[0].y
    assert (column_top - layout.rect.y) / pitch == pytest.approx(
        round((column_top - layout.rect.y) / pitch)
    )
    assert column_top - layout.rect.y > 2 * pitch  # more than the 2 lines the spec gave
    texts = "".join(r.text for r in head)
    assert "正文是否会被压在标题下面" in texts and "副题也不短" in texts


def test_a_head_longer_than_its_whole_box_prints_what_fits_and_reports_the_rest(
    tmp_path: Path,
) -> None:
    result = _build(tmp_path, lines=4, head_lines=2)
    problem = _head_problem(result)
    assert "not printed, no room left in the box" in problem.message
    assert isinstance(problem.details, Overset)
    assert problem.details.lines >= 1 and problem.details.chars >= 1
    head, _ = _runs(result)
    (layout,) = result.page.boxes
    # Nothing of the head below its box.
    assert all(r.y + 0.12 * r.size <= layout.rect.bottom + 1e-6 for r in head)
    assert any(p.kind is ProblemKind.OVERSET and "cut" in p.message for p in result.problems)


def test_a_head_too_big_for_its_area_stops_short_of_a_box_wrapped_under_it(
    tmp_path: Path,
) -> None:
    """A photo wrapped into the story two lines under a head that needs more: the head's
    lines that would run under the picture are not printed, and are reported at the head
    with the box in their way (图文互斥: no text under a picture)."""
    photo = {
        "id": "photo",
        "kind": "photo",
        "article": "cherries",
        "at": {"column": 2, "span": 2, "line": 4, "lines": 12},
        "wrap": {"standoff": "0字"},
    }
    result = _build(tmp_path, lines=24, head_lines=2, more=[photo])
    problem = _head_problem(result)
    assert problem.message.endswith(
        "not printed, no room left before box 'photo', wrapped into the story"
    )
    assert isinstance(problem.details, Overset) and problem.details.lines >= 1
    picture = next(b.rect for b in result.page.boxes if b.id == "photo")
    words = "引题一行" + "".join(HEAD) + "副题也不短"
    # the head's runs (the photo's title and caption, larger than the body too, aside)
    head = [r for r in _runs(result)[0] if r.text.strip() and r.text.strip() in words]
    assert head and all(r.y + 0.12 * r.size <= picture.y + 1e-6 for r in head)
    printed = "".join(r.text for r in head)
    assert "副题也不短" not in printed  # the subhead, the block's last line, left out
