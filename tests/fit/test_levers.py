"""layout.fit.levers: the sites of a page, their limits, and what a lever changes."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from layout.errors import SpecErrors
from layout.fit.levers import (
    Boundary,
    BoundarySite,
    HeadlineLines,
    HeadlineSite,
    Shift,
    ShiftSite,
    sites,
)
from layout.spec import load_spec
from layout.spec.model import DEFAULT_HEADLINE_SLACK, DEFAULT_MOVE


def _front(sample_edition: Path, old: str = "", new: str = "") -> Path:
    front = sample_edition.parent / "front.yaml"
    if old:
        text = front.read_text(encoding="utf-8")
        assert old in text
        front.write_text(text.replace(old, new, 1), encoding="utf-8")
    return front


def test_the_front_pages_sites_in_priority_order(front_build) -> None:
    """Every headline block first, then the two boundaries of boxes stacked in the same
    columns (the lead's foot has the photo beside it and the figures over it: no boundary;
    双拥 goes on on page 2: held whole, so immigration has one boundary and no shift)."""
    found = sites(front_build.spec)
    heads = [s for s in found if isinstance(s, HeadlineSite)]
    bounds = [s for s in found if isinstance(s, BoundarySite)]
    assert found == (*heads, *bounds)
    assert [s.box for s in heads] == ["lead", "jinshan", "immigration", "energy", "labour"]
    lead = heads[0]
    assert (lead.lo, lead.hi) == (7 - DEFAULT_HEADLINE_SLACK, 7 + DEFAULT_HEADLINE_SLACK)
    assert {(s.upper, s.lower) for s in bounds} == {
        ("jinshan", "energy"),
        ("immigration", "labour"),
    }
    energy = next(s for s in bounds if s.lower == "energy")
    assert (energy.lo, energy.hi) == (83 - DEFAULT_MOVE, 83 + DEFAULT_MOVE)


def test_a_box_between_two_boundaries_is_a_shift_site(sample_edition: Path) -> None:
    """The tests' own page: three stories stacked in the same columns, the middle one may
    move whole; the story beside them (no headline) has no site."""
    sys.path.insert(0, str(Path(__file__).parent))
    from fit_project import add_own_page

    found = sites(load_spec(add_own_page(sample_edition)))
    shifts = [s for s in found if isinstance(s, ShiftSite)]
    # renewal's own move is 6, robotics's and railway's the default: the smaller bounds
    assert shifts == [ShiftSite("robotics", "renewal", "railway", 29 - 4, 29 + 4)]
    assert found[-1] == shifts[0]
    assert not any(s for s in found if "briefs" in s.boxes)


def test_a_boundary_moves_both_boxes_on_the_grid(front_build) -> None:
    spec = front_build.spec
    moved = Boundary("jinshan", "energy", 83, 81).apply(spec)
    up, low = moved.box("jinshan"), moved.box("energy")
    assert up.grid_at == (1, 4, 45, 36) and low.grid_at == (1, 4, 81, 24)
    assert up.rect == spec.grid.rect(1, 4, 45, 36)
    assert low.rect == spec.grid.rect(1, 4, 81, 24)
    assert up.rect.bottom == pytest.approx(low.rect.y)
    # the two boxes cover what they covered together
    assert low.rect.bottom == pytest.approx(spec.box("energy").rect.bottom)
    others = [b for b in spec.boxes if b.id not in ("jinshan", "energy")]
    assert [moved.box(b.id) for b in others] == others


def test_a_shift_moves_a_box_whole_between_its_neighbours(front_build) -> None:
    spec = front_build.spec
    moved = Shift("shuangyong", "immigration", "labour", 63, 65).apply(spec)
    assert moved.box("shuangyong").grid_at == (5, 4, 45, 20)
    assert moved.box("immigration").grid_at == (5, 4, 65, 23)
    assert moved.box("labour").grid_at == (5, 4, 88, 17)


def test_a_headline_lever_changes_only_the_blocks_lines(front_build) -> None:
    spec = front_build.spec
    moved = HeadlineLines("lead", 7, 6).apply(spec)
    assert moved.box("lead").headline.lines == 6
    assert moved.box("lead").rect == spec.box("lead").rect
    assert moved.box("lead").headline.style == "lead_headline"
    assert HeadlineLines("lead", 7, 6).describe() == "lead: headline 7→6 lines"


def test_candidates_stay_within_the_limits(front_build) -> None:
    """Nearest first, within the site's limits, and each box keeping its headline block and
    a line of body."""
    spec = front_build.spec
    energy = next(s for s in sites(spec) if isinstance(s, BoundarySite) and s.lower == "energy")
    lines = [lever.after for lever in energy.candidates(spec)]
    assert lines == [82, 84, 81, 85, 80, 86, 79, 87]
    head = next(s for s in sites(spec) if isinstance(s, HeadlineSite) and s.box == "jinshan")
    assert [lever.after for lever in head.candidates(spec)] == [5, 7, 4, 8]


def test_copyfit_sets_the_limits(sample_edition: Path) -> None:
    front = _front(
        sample_edition,
        "    at: {column: 1, span: 4, line: 83, lines: 22}\n    headline: {lines: 6}\n",
        "    at: {column: 1, span: 4, line: 83, lines: 22}\n    headline: {lines: 6}\n"
        "    copyfit: {headline_lines: [5, 6], move: 1}\n",
    )
    spec = load_spec(front)
    found = sites(spec)
    head = next(s for s in found if isinstance(s, HeadlineSite) and s.box == "energy")
    assert (head.lo, head.hi) == (5, 6)
    bound = next(s for s in found if isinstance(s, BoundarySite) and s.lower == "energy")
    assert (bound.lo, bound.hi) == (82, 84)


def test_move_0_holds_a_boxs_edges_and_a_one_value_range_its_head(sample_edition: Path) -> None:
    front = _front(
        sample_edition,
        "    at: {column: 1, span: 4, line: 83, lines: 22}\n    headline: {lines: 6}\n",
        "    at: {column: 1, span: 4, line: 83, lines: 22}\n    headline: {lines: 6}\n"
        "    copyfit: {headline_lines: [6, 6], move: 0}\n",
    )
    found = sites(load_spec(front))
    assert not any(isinstance(s, HeadlineSite) and s.box == "energy" for s in found)
    assert not any(isinstance(s, BoundarySite) and s.lower == "energy" for s in found)


def test_a_rule_on_a_boundary_holds_it(sample_edition: Path) -> None:
    """A rule drawn on the edge would be left behind by a move: the edge is no site."""
    front = _front(
        sample_edition,
        "  - id: ear ",
        "  - id: cut\n    kind: rule\n    at: {column: 1, span: 4, line: 83, lines: 0}\n"
        "  - id: ear ",
    )
    found = sites(load_spec(front))
    assert not any(isinstance(s, BoundarySite) and s.lower == "energy" for s in found)
    assert any(isinstance(s, BoundarySite) and s.lower == "labour" for s in found)


@pytest.mark.parametrize(
    ("copyfit", "message"),
    [
        ("{headline_lines: [7, 5]}", "expected [MIN, MAX] with MIN ≤ MAX, got [7, 5]"),
        ("{headline_lines: [4, 5, 6]}", "expected [MIN, MAX] with MIN ≤ MAX"),
        ("{headline_lines: [7, 8]}", "expected a range holding the headline's 6 lines"),
        ("{headline_lines: [0, 8]}", "expected an integer ≥ 1"),
        ("{move: -1}", "expected an integer ≥ 0"),
        ("{grow: 2}", "grow"),
    ],
)
def test_bad_copyfit_is_reported_where_it_is(
    sample_edition: Path, copyfit: str, message: str
) -> None:
    front = _front(
        sample_edition,
        "    at: {column: 1, span: 4, line: 83, lines: 22}\n    headline: {lines: 6}\n",
        "    at: {column: 1, span: 4, line: 83, lines: 22}\n    headline: {lines: 6}\n"
        f"    copyfit: {copyfit}\n",
    )
    with pytest.raises(SpecErrors) as raised:
        load_spec(front)
    text = "\n".join(str(e) for e in raised.value.errors)
    assert message in text
    assert "front.yaml:" in text and "boxes[7].copyfit" in text


def test_copyfit_is_for_article_and_photo_boxes(sample_edition: Path) -> None:
    front = _front(
        sample_edition,
        "    figures: key-figures\n",
        "    figures: key-figures\n    copyfit: {move: 2}\n",
    )
    with pytest.raises(SpecErrors) as raised:
        load_spec(front)
    assert "boxes[2].copyfit" in "\n".join(str(e) for e in raised.value.errors)


def test_a_photo_without_copyfit_is_held(front_build) -> None:
    assert front_build.spec.box("photo").copyfit.move == 0


def test_copyfit_lines_need_a_headline_area(sample_edition: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from fit_project import add_own_page

    page = add_own_page(sample_edition)
    text = page.read_text(encoding="utf-8")
    old = "    at: {column: 4, span: 1, line: 1, lines: 34}\n"
    assert old in text
    page.write_text(
        text.replace(old, old + "    copyfit: {headline_lines: [2, 3]}\n"), encoding="utf-8"
    )
    with pytest.raises(SpecErrors) as raised:
        load_spec(page)
    assert "has no headline area" in "\n".join(str(e) for e in raised.value.errors)
