"""The box key ``intertitle_space``: the blank grid lines before each intertitle (小标题) of
an article box's story, read off the slots its lines are placed in (the tests' own copy-fit
page, tests/fixtures/fit/stack.yaml, whose briefs box sets five intertitles in one column)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from layout.build import build
from layout.errors import SpecErrors
from layout.page import BoxLayout
from layout.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
BRIEFS_AT = "    at: {column: 4, span: 1, line: 1, lines: 34}\n"


def _page(sample_edition: Path, extra: str) -> Path:
    page = sample_edition.parent / "stack.yaml"
    shutil.copy(ROOT / "tests" / "fixtures" / "fit" / "stack.yaml", page)
    text = page.read_text(encoding="utf-8")
    assert BRIEFS_AT in text
    page.write_text(text.replace(BRIEFS_AT, BRIEFS_AT + extra), encoding="utf-8")
    return page


def _intertitles(edition: Path) -> list[str]:
    record = edition.parent.parent / "articles" / "tabloid" / "briefs.yaml"
    body = yaml.safe_load(record.read_text(encoding="utf-8"))["body"]
    return [item["intertitle"] for item in body if isinstance(item, dict)]


def _gaps(box: BoxLayout, heads: list[str]) -> list[int]:
    """Per intertitle not at the head of a column, the empty slots between its first line (a
    head may take two) and the line above it."""
    gaps = []
    for k, line in enumerate(box.lines):
        first = len(line.text) > 1 and any(h.startswith(line.text) for h in heads)
        if first and k and box.lines[k - 1].column == line.column:
            gaps.append(line.slot - box.lines[k - 1].slot - 1)
    return gaps


@pytest.mark.parametrize("space", [None, 0, 1, 2])
def test_the_blank_lines_before_an_intertitle_are_the_boxs(
    sample_edition: Path, space: int | None
) -> None:
    extra = "" if space is None else f"    intertitle_space: {space}\n"
    result = build(_page(sample_edition, extra), None)
    box = next(b for b in result.page.boxes if b.id == "briefs")
    heads = _intertitles(sample_edition)
    placed = {
        h for h in heads for line in box.lines if len(line.text) > 1 and h.startswith(line.text)
    }
    assert placed == set(heads)
    gaps = _gaps(box, heads)
    assert len(gaps) >= 3  # the intertitles below the first in its column
    assert set(gaps) == {1 if space is None else space}  # default: one, as ever


def test_intertitle_space_is_a_whole_number_of_lines(sample_edition: Path) -> None:
    with pytest.raises(SpecErrors) as raised:
        load_spec(_page(sample_edition, "    intertitle_space: -1\n"))
    text = "\n".join(str(e) for e in raised.value.errors)
    assert "boxes[3].intertitle_space" in text and "expected an integer ≥ 0" in text
