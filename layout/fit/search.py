"""The bounded greedy search for a page that fits.

Contract: :func:`fit_page` composes the page of ``spec``, measures its misfit
(:mod:`layout.fit.misfit`) and, while the page does not fit and trials are left, tries the
levers (:mod:`layout.fit.levers`) of the sites that touch a story with the worst of what is
wrong (a head over its area, else overset, else empty lines; the next of these when no lever
for the worse one is kept: :func:`_tiers`), site by site in priority order (headline blocks,
then boundaries, then shifts, then 破栏, then intertitle spacing), each site's levers nearest
first.
Each trial is one re-compose of the page with the lever made, with one font library for the
whole search (the paragraph memo of :mod:`layout.compose.setter` keeps a re-compose to tens
of milliseconds: only the paragraphs whose measure or room changed are broken again). The
first lever that lowers the misfit, makes no story that fitted misfit and gives its room to
text (a headline block given more lines is set larger: :func:`_fills`), and adds no fault
the misfit does not measure (a photo's caption over, a picture below the resolution wanted:
:func:`_new_faults`), is kept, and the search starts again from the first site; when no
lever of any site does, the search stops.

Bound: at most ``max_trials`` re-composes (default :data:`MAX_TRIALS`), whatever the page;
each pass tries every site's levers once (a headline or intertitle site at most its range, a
boundary at most twice its ``move``), and a kept lever strictly lowers the misfit, which is
a tuple of whole numbers bounded below, so the search ends even without the bound. It is
greedy: a page that fits only by making two changes neither of which helps alone is not
found (exit 1, the shortfall reported). The result is deterministic: the sites and levers
are tried in a fixed order and the compose stage is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from layout.compose.page import compose_page
from layout.fit.levers import (
    AnySite,
    Boundary,
    BoundarySite,
    Columns,
    HeadlineLines,
    IntertitleSpace,
    Lever,
    sites,
)
from layout.fit.misfit import Misfit, StoryFit, measure, stories
from layout.fonts import FontLibrary
from layout.page import Page
from layout.report import ProblemKind, Severity
from layout.spec.model import PageSpec
from layout.text.options import BreakMode

# Re-composes at most per fit: about 2 s of the front page's 12 ms re-compose with room to
# spare, and several passes over every site of a broadsheet page.
MAX_TRIALS = 150


@dataclass(frozen=True)
class FitResult:
    """A fit: the spec as given and as fitted, their pages, their misfits, the changes from
    one to the other (headline blocks in box order, then boundaries, then 破栏, then
    intertitle spacing), and the trials made."""

    spec: PageSpec
    fitted: PageSpec
    before: Page
    after: Page
    misfit_before: Misfit
    misfit_after: Misfit
    changes: tuple[Lever, ...]
    trials: int

    @property
    def fits(self) -> bool:
        return self.misfit_after.fits

    @property
    def stories(self) -> tuple[StoryFit, ...]:
        """Every article box's fit on the fitted page."""
        return stories(self.after)


def fit_page(
    spec: PageSpec,
    fonts: FontLibrary,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    max_trials: int = MAX_TRIALS,
) -> FitResult:
    """The fit of ``spec`` (see the module docstring)."""
    before = compose_page(spec, fonts, mode)
    now, page, misfit = spec, before, measure(before)
    places = sites(spec)
    trials = 0
    while not misfit.fits and trials < max_trials:
        now_stories = stories(page)
        unfit = {s.box for s in now_stories if not s.fits}
        kept = None
        for focus in _tiers(now_stories):
            kept, trials = _first_kept(
                _Trying(now, page, misfit, unfit, focus), places, fonts, mode, (trials, max_trials)
            )
            if kept is not None:
                break
        if kept is None:
            break
        now, page, misfit = kept
    return FitResult(
        spec=spec,
        fitted=now,
        before=before,
        after=page,
        misfit_before=measure(before),
        misfit_after=misfit,
        changes=changes(spec, now, places),
        trials=trials,
    )


@dataclass(frozen=True)
class _Trying:
    """Where a pass of the search starts: the spec and its page, their misfit, the stories
    that do not fit, and those whose sites the pass tries."""

    spec: PageSpec
    page: Page
    misfit: Misfit
    unfit: set[str]
    focus: set[str]


def _first_kept(
    at: _Trying,
    places: tuple[AnySite, ...],
    fonts: FontLibrary,
    mode: BreakMode,
    budget: tuple[int, int],
) -> tuple[tuple[PageSpec, Page, Misfit] | None, int]:
    """The first lever of the sites touching ``at.focus`` that is kept (see the module
    docstring), with the trials made so far (``budget``: made, at most)."""
    trials, most = budget
    for site in places:
        if not at.focus & set(site.boxes):
            continue
        for lever in site.candidates(at.spec):
            if trials >= most:
                return None, trials
            trials += 1
            trial = lever.apply(at.spec)
            tried = compose_page(trial, fonts, mode)
            found = measure(tried)
            if (
                found < at.misfit
                and _breaks_none(tried, at.unfit)
                and _fills(lever, at.page, tried)
                and not _new_faults(at.page, tried)
            ):
                return (trial, tried, found), trials
    return None, trials


def _tiers(found: tuple[StoryFit, ...]) -> list[set[str]]:
    """The stories whose sites are tried, worst first: heads over their areas, then stories
    over, then every story that does not fit (so a story's spare room is not spent on its own
    head before a neighbour over has had it); a tier is tried only when the tiers before it
    keep no lever."""
    tiers = [
        {s.box for s in found if s.head_over},
        {s.box for s in found if s.overset_lines > 0 or s.overset_chars > 0},
        {s.box for s in found if not s.fits},
    ]
    out: list[set[str]] = []
    for tier in tiers:
        if tier and tier not in out:
            out.append(tier)
    return out


def _faults(page: Page) -> set[tuple[ProblemKind, str | None]]:
    """What spoils the page outside the misfit's measure: every error (a photo's caption
    over its box, a missing character) and every image below the resolution wanted, by kind
    and box; an article box's overset is the misfit's."""
    stories_ = {b.id for b in page.boxes if b.kind == "article"}
    return {
        (p.kind, p.box)
        for p in page.problems
        if (p.severity is Severity.ERROR or p.kind is ProblemKind.LOW_RESOLUTION)
        and not (p.kind is ProblemKind.OVERSET and p.box in stories_)
    }


def _new_faults(page: Page, tried: Page) -> bool:
    """Whether ``tried`` has a fault ``page`` has not (a photo made so small its caption is
    over, or so large its picture is below the resolution wanted)."""
    return not _faults(tried) <= _faults(page)


def _fills(lever: Lever, page: Page, tried: Page) -> bool:
    """Whether ``lever`` gives its room to text: a headline block given more lines must be
    set larger in some part (the headline engine takes the largest size that fits), else the
    room has only moved from the story's foot to white space in its head."""
    if not isinstance(lever, HeadlineLines) or lever.after < lever.before:
        return True
    old = {h.part: h.size for b in page.boxes if b.id == lever.box for h in b.headline}
    new = {h.part: h.size for b in tried.boxes if b.id == lever.box for h in b.headline}
    return any(size > old.get(part, size) for part, size in new.items())


def _breaks_none(page: Page, unfit: set[str]) -> bool:
    """Whether every story that does not fit on ``page`` did not fit before (in ``unfit``):
    a fit never makes a story that fitted misfit, even to take more lines off another (a
    page that cannot fit keeps the stories that fit as they are, and the shortfall is where
    the copy changed)."""
    return all(s.fits or s.box in unfit for s in stories(page))


def changes(spec: PageSpec, fitted: PageSpec, places: tuple[AnySite, ...]) -> tuple[Lever, ...]:
    """What differs between ``spec`` and ``fitted``, each as one lever from the spec's value
    to the fitted one (levers kept several times on one site are one change)."""
    found: list[Lever] = []
    for box in spec.boxes:
        new = fitted.box(box.id)
        old_head, new_head = box.headline, new.headline
        if old_head is not None and new_head is not None and old_head.lines != new_head.lines:
            found.append(HeadlineLines(box.id, old_head.lines, new_head.lines))
    for site in places:
        if isinstance(site, BoundarySite):
            old_at, new_at = spec.box(site.lower).grid_at, fitted.box(site.lower).grid_at
            assert old_at is not None and new_at is not None
            if old_at[2] != new_at[2]:
                found.append(Boundary(site.upper, site.lower, old_at[2], new_at[2]))
    for box in spec.boxes:
        if fitted.box(box.id).columns != box.columns:
            found.append(Columns(box.id, box.columns, fitted.box(box.id).columns))
    for box in spec.boxes:
        new_space = fitted.box(box.id).intertitle_space
        if new_space != box.intertitle_space:
            found.append(IntertitleSpace(box.id, box.intertitle_space, new_space))
    return tuple(found)
