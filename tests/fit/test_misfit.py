"""layout.fit.misfit: a page's misfit read from the compose stage's own numbers."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

from layout.build import fonts_for
from layout.compose.page import compose_page
from layout.fit.misfit import EMPTY_TOLERANCE, Misfit, measure, stories
from layout.spec import load_spec

sys.path.insert(0, str(Path(__file__).parent))
from fit_project import lengthen, shorten  # noqa: E402


def test_the_sample_front_page_fits(front_build) -> None:
    assert measure(front_build.page).fits
    assert all(s.fits for s in stories(front_build.page))


def test_the_numbers_are_the_compose_stages(sample_edition: Path) -> None:
    """A story made longer and one made shorter: the misfit's numbers are those the compose
    stage recorded on each box, summed."""
    lengthen(sample_edition, "jinshan", 13 * 12)
    shorten(sample_edition, "energy", 13 * 12)
    spec = load_spec(sample_edition.parent / "front.yaml")
    page = compose_page(spec, fonts_for(spec))
    boxes = {b.id: b for b in page.boxes if b.kind == "article"}
    found = {s.box: s for s in stories(page)}
    assert set(found) == set(boxes)
    for box_id, story in found.items():
        assert story.overset_lines == boxes[box_id].overset_lines
        assert story.overset_chars == boxes[box_id].overset_chars
        assert story.empty_lines == boxes[box_id].foot_lines
    misfit = measure(page)
    assert found["jinshan"].overset_lines > 0 and not found["jinshan"].fits
    assert found["energy"].empty_lines > EMPTY_TOLERANCE and not found["energy"].fits
    assert misfit.overset_lines == sum(b.overset_lines for b in boxes.values())
    assert misfit.excess_empty == sum(
        max(0, b.foot_lines - EMPTY_TOLERANCE) for b in boxes.values()
    )
    assert not misfit.fits


def test_misfits_rank_heads_then_overset_then_empty_lines() -> None:
    """A head that does not fit is worse than any overset, overset worse than empty lines,
    and characters over tell two pages of the same lines over apart."""
    assert Misfit(0, 9, 9, 99) < Misfit(1, 0, 0, 0)
    assert Misfit(0, 0, 20, 0) < Misfit(0, 1, 0, 0)
    assert Misfit(0, 2, 0, 10) < Misfit(0, 2, 0, 11)
    assert Misfit(0, 0, 0, 0).fits and not Misfit(0, 0, 1, 0).fits


def test_a_body_leaded_twice_the_grid_is_fitted_by_its_own_lines(tmp_path: Path) -> None:
    """A story leaded 28 pt on the small proof page's 14 pt grid, one column of 10 grid
    lines under its head: 5 lines of its body. Two set leave 3 empty at the foot, the
    build's 欠版 and the fit's measure alike (not 6 grid lines)."""
    small = Path(__file__).resolve().parents[1] / "fixtures" / "proof" / "small.yaml"
    doc = yaml.safe_load(small.read_text(encoding="utf-8"))
    doc["fonts"] = str((small.parent / doc["fonts"]).resolve())
    doc["styles"]["big"] = {**doc["styles"]["body"], "size": "五号", "leading": "28pt"}
    story = tmp_path / "story.yaml"
    story.write_text("id: story\nheadline: 图书角开放\nbody: [" + "居民捐书。" * 4 + "]\n", "utf-8")
    doc["articles"] = [str(story)]
    at = {"column": 1, "span": 1, "line": 1, "lines": 15}
    doc["boxes"] = [
        {"id": "story", "kind": "article", "article": "story", "at": at, "body_style": "big"}
    ]
    doc["boxes"][0]["headline"] = {"lines": 5}
    path = tmp_path / "page.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    spec = load_spec(path)
    page = compose_page(spec, fonts_for(spec))
    (fit,) = stories(page)
    (box,) = page.boxes
    assert len(box.lines) == 2
    assert (fit.empty_lines, fit.empty_slots) == (3, 3)
    assert fit.empty_chars == int(3 * box.chars_per_line)
    assert not fit.fits and measure(page).excess_empty == 3 - EMPTY_TOLERANCE
