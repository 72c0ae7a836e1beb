"""The bounded search for a page — or an edition's pages — that fits.

Contract: :func:`fit_page` fits one page spec alone; :func:`fit_edition` the pages of an
edition together (:mod:`layout.fit.pages`: a trial re-composes the page changed and the pages
its stories go on to, so a story lengthened on the front page gives page 2's continuation box
more copy, which the fit then fits; a box whose story goes on to or comes from another page
is a site in an edition's fit, and held in a page's fit alone). Both compose, measure the
misfit (:mod:`layout.fit.misfit`, summed over the pages, each story by page and box) and,
while it is not nil and trials are left, try the levers (:mod:`layout.fit.levers`) of the
sites that touch a story with the worst of what is wrong (a head over its area, else overset,
else empty lines; the next of these when no lever for the worse one is kept: :func:`_tiers`),
site by site in priority order (headline blocks, then boundaries, then shifts, then 破栏,
then intertitle spacing; pages in edition order), each site's levers nearest first.
Each trial is one re-compose with the lever made, with one font library for the whole
search (the paragraph memo of :mod:`layout.compose.setter` keeps a re-compose to tens of
milliseconds: only the paragraphs whose measure or room changed are broken again). The
first lever that lowers the misfit, makes no story that fitted misfit and gives its room to
text (a headline block given more lines is set larger: :func:`_fills`), and adds no fault
the misfit does not measure (a photo's caption over, a picture below the resolution wanted:
:func:`_new_faults`), is kept, and the search starts again from the first site.

When no single lever is kept, two-step changes are tried (:func:`_two_steps`): a lever that
made a story it was tried for fit (and those stories nearer fitting) but made another story
misfit (the boundary under an underset story moved, the story above it now short) is
followed by each lever of the sites touching the story it broke; the first pair that would
be kept as one change is. Only the ``lookahead`` (default :data:`LOOKAHEAD`) first steps
nearest fitting are followed, each through the sites of the stories it broke, within the
same trial bound. When no pair is kept either, the search stops.

Bound: at most ``max_trials`` re-composes (default :data:`MAX_TRIALS`; in an edition's fit,
that many a page), whatever the pages; each pass tries every site's levers once (a headline
or intertitle site at most its range, a boundary at most twice its ``move``) and at most
``lookahead`` first steps' second levers, and a kept change strictly lowers the misfit, which
is a tuple of whole numbers bounded below, so the search ends even without the bound. A page
that fits only by three changes none of which helps alone, or by two of which the first
fits no story, is not found (exit 1, the shortfall reported).
The result is deterministic: the sites and levers are tried in a fixed order and the
compose stage is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from layout.fit.pages import Composer, PageSet
from layout.fonts import FontLibrary
from layout.page import Page
from layout.report import Problem, ProblemKind, Severity
from layout.spec.model import PageSpec
from layout.text.options import BreakMode

# Re-composes at most per fit: about 2 s of the front page's 12 ms re-compose with room to
# spare, and several passes over every site of a broadsheet page.
MAX_TRIALS = 150
# First steps a two-step change starts from, per pass that keeps no single lever (the
# second steps: the levers of the sites touching what the first made misfit).
LOOKAHEAD = 4


# A box of the pages being fitted: (page number, box id).
Key = tuple[int, str]


@dataclass(frozen=True)
class FitResult:
    """A fit of one page: the spec as given and as fitted, their pages, their misfits, the
    changes from one to the other (headline blocks in box order, then boundaries, then 破栏,
    then intertitle spacing), and the trials made (of the whole fit: in an edition's fit,
    every page's)."""

    spec: PageSpec
    fitted: PageSpec
    before: Page
    after: Page
    misfit_before: Misfit
    misfit_after: Misfit
    changes: tuple[Lever, ...]
    trials: int
    # Levers of this page that would have been kept but for a fault they add (a photo's
    # picture below press.min_ppi, its caption over), tried in the search's last pass (from
    # the fitted page), the nearest of each site: what held their boxes.
    held: tuple[HeldChange, ...] = ()

    @property
    def fits(self) -> bool:
        return self.misfit_after.fits

    @property
    def stories(self) -> tuple[StoryFit, ...]:
        """Every article box's fit on the fitted page."""
        return stories(self.after)


@dataclass(frozen=True)
class HeldChange:
    """A lever tried and not kept only because of ``faults``, the problems it adds outside
    the misfit's measure (each on the page it was tried on)."""

    lever: Lever
    faults: tuple[Problem, ...]


@dataclass(frozen=True)
class EditionFit:
    """A fit of an edition: each page's fit, in edition order, and the trials made."""

    pages: tuple[FitResult, ...]
    trials: int

    @property
    def fits(self) -> bool:
        return all(p.fits for p in self.pages)

    @property
    def changed(self) -> tuple[FitResult, ...]:
        return tuple(p for p in self.pages if p.changes)


def fit_page(
    spec: PageSpec,
    fonts: FontLibrary,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    max_trials: int = MAX_TRIALS,
    lookahead: int = LOOKAHEAD,
) -> FitResult:
    """The fit of ``spec`` alone (see the module docstring): a box whose story goes on to,
    or comes from, another page is held. ``lookahead``: the first steps of two-step changes
    tried per pass (0: greedy only)."""
    composer = Composer.of((spec,), fonts, mode, threads=False)
    (result,) = _fit(composer, (spec,), (max_trials, lookahead), whole=False).pages
    return result


def fit_edition(
    specs: tuple[PageSpec, ...],
    fonts: FontLibrary,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    max_trials: int = MAX_TRIALS,
    lookahead: int = LOOKAHEAD,
) -> EditionFit:
    """The fit of an edition's pages together (see the module docstring): every page's
    sites, a story's continuation boxes and the boxes it leaves from among them, each trial
    re-composing the page changed and the pages its stories go on to; at most
    ``max_trials`` trial layouts a page."""
    composer = Composer.of(specs, fonts, mode, threads=True)
    return _fit(composer, specs, (max_trials * len(specs), lookahead), whole=True)


def _fit(
    composer: Composer, specs: tuple[PageSpec, ...], bounds: tuple[int, int], whole: bool
) -> EditionFit:
    """The search over the pages of ``specs``; ``bounds``: the trials at most and the first
    steps of two-step changes a pass."""
    max_trials, lookahead = bounds
    before = composer.first(specs)
    places = tuple((s.page.number, site) for s in specs for site in sites(s, whole_edition=whole))
    now, misfit = before, _measure(before)
    trials = 0
    held: dict[tuple[int, tuple[str, ...]], HeldChange] = {}  # by page and boxes touched
    while not misfit.fits and trials < max_trials:
        now_stories = _stories(now)
        unfit = {k for k, s in now_stories if not s.fits}
        kept, near = None, []
        held = {}  # of the pass from the pages as they now are: the last one's are reported
        for focus in _tiers(now_stories):
            at = _Trying(now, misfit, unfit, focus)
            kept, trials = _first_kept(at, places, composer, (trials, max_trials), (near, held))
            if kept is not None:
                break
        if kept is None and lookahead:
            at = _Trying(now, misfit, unfit, unfit)
            near = sorted(near, key=lambda n: n.focus_misfit)[:lookahead]  # stable: by order
            kept, trials = _two_steps(at, near, places, composer, (trials, max_trials))
        if kept is None:
            break
        now, misfit = kept
    results = []
    for spec, fitted in zip(specs, now.specs, strict=True):
        number = spec.page.number
        page_sites = tuple(site for n, site in places if n == number)
        results.append(
            FitResult(
                spec=spec,
                fitted=fitted,
                before=before.page(number),
                after=now.page(number),
                misfit_before=measure(before.page(number)),
                misfit_after=measure(now.page(number)),
                changes=changes(spec, fitted, page_sites),
                trials=trials,
                held=tuple(h for (n, _), h in held.items() if n == number),
            )
        )
    return EditionFit(tuple(results), trials)


def _stories(pages: PageSet) -> tuple[tuple[Key, StoryFit], ...]:
    return tuple(((p.number, s.box), s) for p in pages.pages for s in stories(p))


def _measure(pages: PageSet, only: set[Key] | None = None) -> Misfit:
    """The misfit of ``pages`` (of the stories ``only``, if given)."""
    found = [s for k, s in _stories(pages) if only is None or k in only]
    return Misfit(
        heads_over=sum(s.head_over for s in found),
        overset_lines=sum(s.overset_lines for s in found),
        excess_empty=sum(s.excess_empty for s in found),
        overset_chars=sum(s.overset_chars for s in found),
    )


@dataclass(frozen=True)
class _Trying:
    """Where a pass of the search starts: the pages, their misfit, the stories that do not
    fit, and those whose sites the pass tries."""

    pages: PageSet
    misfit: Misfit
    unfit: set[Key]
    focus: set[Key]


@dataclass(frozen=True)
class _Near:
    """A lever tried and not kept that made a story it was tried for fit, bringing those
    stories nearer fitting (their misfit ``focus_misfit`` lower), while making another
    misfit: the first step of a two-step change (:func:`_two_steps`)."""

    number: int
    lever: Lever
    pages: PageSet
    focus_misfit: Misfit


def _first_kept(
    at: _Trying,
    places: tuple[tuple[int, AnySite], ...],
    composer: Composer,
    budget: tuple[int, int],
    found: tuple[list[_Near], dict[tuple[int, tuple[str, ...]], HeldChange]],
) -> tuple[tuple[PageSet, Misfit] | None, int]:
    """The first lever of the sites touching ``at.focus`` that is kept (see the module
    docstring), with the trials made so far (``budget``: made, at most); the levers not kept
    that fit a story of the focus, bringing the focus nearer fitting, are added to
    ``found[0]``, and those not kept only for the faults they add to ``found[1]``."""
    trials, most = budget
    near, held = found
    focus_misfit = _measure(at.pages, at.focus)
    for number, site in places:
        if not at.focus & {(number, b) for b in site.boxes}:
            continue
        spec = at.pages.spec(number)
        for lever in site.candidates(spec):
            if trials >= most:
                return None, trials
            trials += 1
            tried = composer.with_spec(at.pages, lever.apply(spec))
            if _keeps(at, number, lever, tried):
                return (tried, _measure(tried)), trials
            faults = _added_faults(at.pages, tried)
            if faults and _keeps_but_faults(at, number, lever, tried):
                held.setdefault((number, lever.boxes), HeldChange(lever, faults))
            nearer = _measure(tried, at.focus)
            if (
                nearer < focus_misfit
                and _fixes(tried, at.focus)
                and _fills(lever, at.pages.page(number), tried.page(number))
            ):
                near.append(_Near(number, lever, tried, nearer))
    return None, trials


def _fixes(tried: PageSet, focus: set[Key]) -> bool:
    """Whether a story of ``focus`` (none of which fits) fits on ``tried``: a first step
    worth a second is one that fits a story, breaking another (a story no one lever can fit
    is not helped by following each lever with another)."""
    return any(k in focus and s.fits for k, s in _stories(tried))


def _keeps(at: _Trying, number: int, lever: Lever, tried: PageSet) -> bool:
    """Whether ``tried`` (``at.pages`` with ``lever`` made on page ``number``) is kept: a
    lower misfit, no story that fitted made to misfit, the room given to text, no new
    fault."""
    return _keeps_but_faults(at, number, lever, tried) and not _new_faults(at.pages, tried)


def _keeps_but_faults(at: _Trying, number: int, lever: Lever, tried: PageSet) -> bool:
    """Whether ``tried`` is kept but for the faults it may add (see :func:`_keeps`)."""
    return (
        _measure(tried) < at.misfit
        and _breaks_none(tried, at.unfit)
        and _fills(lever, at.pages.page(number), tried.page(number))
    )


def _two_steps(
    at: _Trying,
    near: list[_Near],
    places: tuple[tuple[int, AnySite], ...],
    composer: Composer,
    budget: tuple[int, int],
) -> tuple[tuple[PageSet, Misfit] | None, int]:
    """A change of two levers neither of which is kept alone: from each first step in
    ``near`` (those that brought their stories nearest fitting), the levers of the sites
    touching the stories that first step made misfit, nearest first; the first pair whose
    page would be kept (:func:`_keeps`, from where the pass started) is."""
    trials, most = budget
    for first in near:
        broken = {k for k, s in _stories(first.pages) if not s.fits} - at.unfit
        then = _Trying(first.pages, at.misfit, at.unfit, broken)
        for number, site in places:
            if not broken & {(number, b) for b in site.boxes}:
                continue
            spec = first.pages.spec(number)
            for lever in site.candidates(spec):
                if trials >= most:
                    return None, trials
                trials += 1
                tried = composer.with_spec(first.pages, lever.apply(spec))
                if _keeps(then, number, lever, tried) and not _new_faults(at.pages, tried):
                    return (tried, _measure(tried)), trials
    return None, trials


def _tiers(found: tuple[tuple[Key, StoryFit], ...]) -> list[set[Key]]:
    """The stories whose sites are tried, worst first: heads over their areas, then stories
    over, then every story that does not fit (so a story's spare room is not spent on its own
    head before a neighbour over has had it); a tier is tried only when the tiers before it
    keep no lever."""
    tiers = [
        {k for k, s in found if s.head_over},
        {k for k, s in found if s.overset_lines > 0 or s.overset_chars > 0},
        {k for k, s in found if not s.fits},
    ]
    out: list[set[Key]] = []
    for tier in tiers:
        if tier and tier not in out:
            out.append(tier)
    return out


def _faults(pages: PageSet) -> dict[tuple[int, ProblemKind, str | None], Problem]:
    """What spoils the pages outside the misfit's measure: every error (a photo's caption
    over its box, a missing character) and every image below the resolution wanted, by
    page, kind and box (the first such problem of each); an article box's overset is the
    misfit's."""
    found: dict[tuple[int, ProblemKind, str | None], Problem] = {}
    for page in pages.pages:
        stories_ = {b.id for b in page.boxes if b.kind == "article"}
        for p in page.problems:
            if (p.severity is Severity.ERROR or p.kind is ProblemKind.LOW_RESOLUTION) and not (
                p.kind is ProblemKind.OVERSET and p.box in stories_
            ):
                found.setdefault((page.number, p.kind, p.box), p)
    return found


def _added_faults(pages: PageSet, tried: PageSet) -> tuple[Problem, ...]:
    """The faults ``tried`` has that ``pages`` have not (a photo made so small its caption
    is over, or so large its picture is below the resolution wanted)."""
    before = _faults(pages)
    return tuple(p for k, p in _faults(tried).items() if k not in before)


def _new_faults(pages: PageSet, tried: PageSet) -> bool:
    """Whether ``tried`` has a fault ``pages`` have not."""
    return bool(_added_faults(pages, tried))


def _fills(lever: Lever, page: Page, tried: Page) -> bool:
    """Whether ``lever`` gives its room to text: a headline block given more lines must be
    set larger in some part (the headline engine takes the largest size that fits), else the
    room has only moved from the story's foot to white space in its head."""
    if not isinstance(lever, HeadlineLines) or lever.after < lever.before:
        return True
    old = {h.part: h.size for b in page.boxes if b.id == lever.box for h in b.headline}
    new = {h.part: h.size for b in tried.boxes if b.id == lever.box for h in b.headline}
    return any(size > old.get(part, size) for part, size in new.items())


def _breaks_none(pages: PageSet, unfit: set[Key]) -> bool:
    """Whether every story that does not fit on ``pages`` did not fit before (in ``unfit``):
    a fit never makes a story that fitted misfit, even to take more lines off another (a
    page that cannot fit keeps the stories that fit as they are, and the shortfall is where
    the copy changed)."""
    return all(s.fits or k in unfit for k, s in _stories(pages))


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
