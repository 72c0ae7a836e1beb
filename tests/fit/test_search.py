"""layout.fit.search: the bound, the rules a kept change keeps, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.build import fonts_for
from layout.fit import fit_page
from layout.fit.levers import HeadlineLines
from layout.fit.misfit import stories
from layout.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def narrow():
    """An unseen page whose stories are short of their boxes (underset, by design of its
    copy): the search runs until no lever helps or its bound."""
    spec = load_spec(ROOT / "page_specs" / "unseen-narrow.yaml")
    fonts = fonts_for(spec)
    return spec, fonts, fit_page(spec, fonts)


def test_the_search_is_bounded(narrow) -> None:
    spec, fonts, _ = narrow
    for bound in (0, 1, 5):
        assert fit_page(spec, fonts, max_trials=bound).trials <= bound
    assert fit_page(spec, fonts, max_trials=0).changes == ()


def test_a_head_given_more_lines_is_set_larger(narrow) -> None:
    """Room given to a headline block goes to the head, not to white space under it."""
    _, _, result = narrow
    grown = [c for c in result.changes if isinstance(c, HeadlineLines) and c.after > c.before]
    for change in grown:
        old = {
            h.part: h.size for b in result.before.boxes if b.id == change.box for h in b.headline
        }
        new = {h.part: h.size for b in result.after.boxes if b.id == change.box for h in b.headline}
        assert any(size > old[part] for part, size in new.items() if part in old), change


def test_no_story_that_fitted_is_made_to_misfit(narrow) -> None:
    _, _, result = narrow
    before = {s.box: s.fits for s in stories(result.before)}
    for story in stories(result.after):
        assert story.fits or not before[story.box], story
    assert result.misfit_after <= result.misfit_before


def test_the_same_spec_gives_the_same_fit(narrow) -> None:
    spec, fonts, result = narrow
    again = fit_page(spec, fonts)
    assert again.changes == result.changes and again.trials == result.trials
    assert again.fitted == result.fitted


def test_a_balanced_box_with_room_under_its_columns_is_fitted() -> None:
    """The tabloid's briefs are balanced (``fill: balance``) with room under their columns
    (reported underset): the fit gives that room to the story stacked above them."""
    from layout.report import ProblemKind

    spec = load_spec(ROOT / "page_specs" / "tabloid.yaml")
    assert spec.box("briefs").fill == "balance"
    result = fit_page(spec, fonts_for(spec))
    assert any(p.kind is ProblemKind.UNDERSET for p in result.before.problems)
    assert result.fits and result.changes
    assert not any(p.kind is ProblemKind.UNDERSET for p in result.after.problems)
    assert all("briefs" in c.boxes for c in result.changes)
