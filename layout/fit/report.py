"""What a fit changed and what is still over or under, in the designer's units.

Contract: :func:`change_lines` gives one line per change (``lead: headline 7→6 lines (主题
44pt→40pt)``, ``jinshan/energy boundary: line 83→81 (jinshan 38→36 lines, energy 22→24
lines)``), the head sizes read from the composed pages (``BoxLayout.headline``);
:func:`shortfall_lines` one line per article box that still does not fit: over by so many
lines and characters, so many empty lines (about so many characters), a head that does not
fit its area; :func:`advice_lines` the ``proof --fit`` advice: per story that does not fit,
the changes that would fix it.
"""

from __future__ import annotations

from layout.fit.levers import Boundary, HeadlineLines
from layout.fit.misfit import EMPTY_TOLERANCE, StoryFit, stories
from layout.fit.search import EditionFit, FitResult
from layout.page import Page
from layout.report import count


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


def advice_lines(result: FitResult) -> list[str]:
    """``proof --fit``: per story that does not fit on the page as it is, what it lacks and
    the changes of the fit that touch its box (or that none within the limits does), then
    the verdict."""
    described = dict(zip(result.changes, change_lines(result), strict=True))
    out: list[str] = []
    for story in stories(result.before):
        if story.fits:
            continue
        touching = [text for change, text in described.items() if story.box in change.boxes]
        wrong = "; ".join(_wrong(story))
        fix = "; ".join(touching) if touching else "no change within the limits"
        out.append(f"fit: {story.box} ({wrong}): {fix}")
    if not out:
        return ["fit: every story fits"]
    verdict = (
        "the page fits with these changes"
        if result.fits
        else "no page within the limits fits: " + "; ".join(shortfall_lines(result.stories))
    )
    out.append(f"fit: {verdict} (banmian fit SPEC -o FITTED.yaml writes them)")
    return out


def box_notes(result: FitResult) -> dict[str, tuple[str, ...]]:
    """``proof --fit`` on the proof page: per box whose story does not fit on the page as it
    is, what it lacks and then each change of the fit that touches it (or that none within
    the limits does)."""
    described = dict(zip(result.changes, change_lines(result), strict=True))
    notes: dict[str, tuple[str, ...]] = {}
    for story in stories(result.before):
        if story.fits:
            continue
        touching = [text for change, text in described.items() if story.box in change.boxes]
        wrong = "; ".join(_wrong(story))
        notes[story.box] = (wrong, *(touching or ["no change within the limits"]))
    return notes


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
    return out
