"""What a fit changed and what is still over or under, in the designer's units.

Contract: :func:`change_lines` gives one line per change (``lead: headline 7→6 lines (主题
44pt→40pt)``, ``jinshan/energy boundary: line 83→81 (jinshan 38→36 lines, energy 22→24
lines)``), the head sizes read from the composed pages (``BoxLayout.headline``);
:func:`shortfall_lines` one line per article box that still does not fit: over by so many
lines and characters, so many empty lines (about so many characters), a head that does not
fit its area; :func:`advice_lines` the ``proof --fit`` advice: per story that does not fit,
the changes that would fix it (:func:`story_advice`, the same as the proof page's notes,
:func:`box_notes`, and ``proof --fit --json``'s ``fit`` object, :func:`fit_json`), ending
with the command that writes them (:func:`fit_command`: the edition's, for a page the fit
of a page alone refuses);
:func:`held_lines` the levers not made only for a fault they would add (a photo's picture
below ``press.min_ppi``, its caption over its box), where they touch a story still not
fitting: what held the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from layout.fit.levers import Boundary, HeadlineLines
from layout.fit.misfit import EMPTY_TOLERANCE, StoryFit, stories
from layout.fit.search import EditionFit, FitResult
from layout.page import Page
from layout.report import Problem, ProblemKind, count
from layout.spec.model import PageSpec

NO_CHANGE = "no change within the limits"  # a story no change of the fit touches


def change_lines(result: FitResult) -> list[str]:
    """One line per change of ``result``."""
    out: list[str] = []
    for change in result.changes:
        text = change.describe()
        if isinstance(change, HeadlineLines):
            sizes = _head_sizes(result.before, result.after, change.box)
            text += f" ({sizes})" if sizes else ""
        elif isinstance(change, Boundary):
            text += " (" + ", ".join(_lines(result, b) for b in (change.upper, change.lower)) + ")"
        out.append(text)
    return out


def _lines(result: FitResult, box_id: str) -> str:
    before, after = result.spec.box(box_id).grid_at, result.fitted.box(box_id).grid_at
    assert before is not None and after is not None
    return f"{box_id} {before[3]}→{after[3]} lines"


def _head_sizes(before: Page, after: Page, box_id: str) -> str:
    """The head parts whose size changed: ``主题 44pt→40pt``."""
    old = {h.part: h.size for b in before.boxes if b.id == box_id for h in b.headline}
    new = {h.part: h.size for b in after.boxes if b.id == box_id for h in b.headline}
    return ", ".join(
        f"{part.label} {old[part]:g}pt→{size:g}pt"
        for part, size in new.items()
        if part in old and old[part] != size
    )


@dataclass(frozen=True)
class StoryAdvice:
    """A story that does not fit on the page as it is: its fit, what it lacks (one text a
    fault) and the fit's changes that touch its box, as :func:`change_lines` says them."""

    story: StoryFit
    wrong: tuple[str, ...]
    changes: tuple[str, ...]


def story_advice(result: FitResult) -> list[StoryAdvice]:
    """Per story that does not fit on the page as it is, in box order, its advice."""
    described = dict(zip(result.changes, change_lines(result), strict=True))
    return [
        StoryAdvice(
            story=story,
            wrong=tuple(_wrong(story)),
            changes=tuple(text for change, text in described.items() if story.box in change.boxes),
        )
        for story in stories(result.before)
        if not story.fits
    ]


def _fault(problem: Problem) -> str:
    """A fault a lever would add, for the line that says what held a box: the photo's
    picture below the resolution wanted names the limit's key (``press.min_ppi``)."""
    where = f"{problem.box}: " if problem.box else ""
    limit = " (press.min_ppi)" if problem.kind is ProblemKind.LOW_RESOLUTION else ""
    return f"{where}{problem.message}{limit}"


def held_lines(result: FitResult) -> list[str]:
    """Per lever that would have been kept but for a fault it adds, and that touches a story
    still not fitting: the lever and what it would spoil (``photo/low boundary: line 13→12
    not made: photo: page.jpg prints at 180 ppi (below 200) (press.min_ppi)``)."""
    unfit = {s.box for s in result.stories if not s.fits}
    return [
        f"{h.lever.describe()} not made: " + "; ".join(_fault(p) for p in h.faults)
        for h in result.held
        if unfit & set(h.lever.boxes)
    ]


def fit_command(spec: PageSpec) -> str:
    """The ``banmian fit`` that writes the changes of ``spec``'s page: its own, unless the
    fit of a page alone refuses it (a page that has from its edition what a copy would lose:
    its number and name, a story continued from another page), then its edition's."""
    from layout.fit.command import fitted_name, needs_its_edition  # the command's own rule

    edition = spec.edition_file
    if edition is not None and needs_its_edition(spec) is not None:
        return f"banmian fit {edition.name} -o {fitted_name(edition, '.fitted').name}"
    return f"banmian fit {spec.path.name} -o {spec.path.stem}-fitted{spec.path.suffix}"


def _verdict(result: FitResult) -> str:
    if result.fits:
        return "the page fits with these changes"
    return "no page within the limits fits: " + "; ".join(shortfall_lines(result.stories))


def advice_lines(result: FitResult) -> list[str]:
    """``proof --fit``: per story that does not fit on the page as it is, what it lacks and
    the changes of the fit that touch its box (or that none within the limits does), then
    the verdict."""
    out = [
        f"fit: {a.story.box} ({'; '.join(a.wrong)}): {'; '.join(a.changes or (NO_CHANGE,))}"
        for a in story_advice(result)
    ]
    if not out:
        return ["fit: every story fits"]
    out += [f"fit: held: {line}" for line in held_lines(result)]
    writes = f"{fit_command(result.spec)} writes them"
    out.append(f"fit: {_verdict(result)} ({writes})")
    return out


def box_notes(result: FitResult) -> dict[str, tuple[str, ...]]:
    """``proof --fit`` on the proof page: per box whose story does not fit on the page as it
    is, what it lacks and then each change of the fit that touches it (or that none within
    the limits does)."""
    return {
        a.story.box: ("; ".join(a.wrong), *(a.changes or (NO_CHANGE,)))
        for a in story_advice(result)
    }


def fit_json(result: FitResult) -> dict[str, Any]:
    """``proof --fit --json``: the advice :func:`advice_lines` prints, as the report's
    ``fit`` object (docs/schema/report.schema.json): whether the page fits with the changes,
    every change with the boxes it touches, per story that does not fit as it is its numbers,
    what it lacks and the changes that touch it, the stories still not fitting after them,
    and the advice's lines as printed."""
    described = zip(result.changes, change_lines(result), strict=True)
    return {
        "fits": result.fits,
        "changes": [{"text": text, "boxes": list(change.boxes)} for change, text in described],
        "stories": [
            {
                "box": a.story.box,
                "article": a.story.article,
                "head_over": a.story.head_over,
                "overset": {"lines": a.story.overset_lines, "chars": a.story.overset_chars},
                "empty_lines": a.story.empty_lines,
                "wrong": list(a.wrong),
                "changes": list(a.changes),
            }
            for a in story_advice(result)
        ],
        "still": shortfall_lines(result.stories),
        "advice": advice_lines(result),
    }


def _wrong(s: StoryFit) -> list[str]:
    what: list[str] = []
    if s.head_over:
        what.append("the headline does not fit its area")
    if s.overset_lines:
        what.append(
            f"over by {count(s.overset_lines, 'line')} "
            f"({count(s.overset_chars, 'character')} to cut)"
        )
    if s.excess_empty:
        what.append(
            f"{count(s.empty_lines, 'empty line')} at its foot "
            f"({count(s.empty_slots, 'line slot')}, about "
            f"{count(s.empty_chars, 'character')} to add; {EMPTY_TOLERANCE} allowed)"
        )
    return what


def shortfall_lines(stories: tuple[StoryFit, ...]) -> list[str]:
    """One line per story that does not fit."""
    out: list[str] = []
    for s in stories:
        if not s.fits:
            out.append(f"{s.box} ({s.article}): " + "; ".join(_wrong(s)))
    return out


def edition_lines(result: EditionFit) -> list[str]:
    """An edition's fit: per page changed, its changes (``page 1 (front.yaml): …``), then per
    page, every story still over or under."""
    out: list[str] = []
    for page in result.pages:
        where = f"page {page.spec.page.number} ({page.spec.path.name})"
        out += [f"{where}: {line}" for line in change_lines(page)]
    for page in result.pages:
        where = f"page {page.spec.page.number}"
        out += [f"still: {where}: {line}" for line in shortfall_lines(page.stories)]
        out += [f"held: {where}: {line}" for line in held_lines(page)]
    return out
