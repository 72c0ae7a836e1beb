"""Copy-fitting (``banmian fit``): make a page whose stories changed length fit again by
changing only what the spec allows, within its limits.

Stages, one a module: :mod:`~layout.fit.misfit` measures a composed page's misfit (overset,
empty lines at a box's foot, headline blocks that do not fit); :mod:`~layout.fit.levers`
names the changes the spec allows (a headline block's lines, the boundary between two boxes
stacked in the same columns) and their limits; :mod:`~layout.fit.search` tries them, one at a
time in priority order, each trial a re-compose of the page, keeping a change only when it
lowers the misfit (or two levers together where neither alone is kept), within a bounded
number of trials, over one page or an edition's pages composed together
(:mod:`~layout.fit.pages`); :mod:`~layout.fit.spectext` writes the
fitted spec as the designer's own file with only the changed values changed;
:mod:`~layout.fit.report` says what changed in the designer's units.
"""

from layout.fit.levers import Boundary, HeadlineLines, Lever
from layout.fit.misfit import Misfit, StoryFit, measure
from layout.fit.search import LOOKAHEAD, MAX_TRIALS, EditionFit, FitResult, fit_edition, fit_page

__all__ = [
    "LOOKAHEAD",
    "MAX_TRIALS",
    "Boundary",
    "EditionFit",
    "FitResult",
    "HeadlineLines",
    "Lever",
    "Misfit",
    "StoryFit",
    "fit_edition",
    "fit_page",
    "measure",
]
