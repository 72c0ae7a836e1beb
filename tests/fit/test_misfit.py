"""layout.fit.misfit: a page's misfit read from the compose stage's own numbers."""

from __future__ import annotations

import sys
from pathlib import Path

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
