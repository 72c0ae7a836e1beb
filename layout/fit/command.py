"""``banmian fit SPEC -o FITTED.yaml``: the fit of a page spec file, written.

Contract: :func:`fit_file` loads the page spec (raises ``SpecErrors`` for bad input), checks
the output path before any work (it may not be one of the page's inputs,
``layout.output.check_output``, and must be in the page spec's own folder, because the paths
a spec writes are relative to its file), fits the page with one font library
(:func:`layout.fit.search.fit_page`) and writes the page spec file's own text with the changed
values changed (:mod:`layout.fit.spectext`; a page that changes nothing is written as it was,
byte for byte) through ``layout.output.write_file`` (atomic: a failed write leaves nothing
half-written).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from layout.build import fonts_for, input_files
from layout.errors import OutputError
from layout.fit.search import MAX_TRIALS, FitResult, fit_page
from layout.fit.spectext import fitted_text
from layout.output import check_output, write_file
from layout.spec import load_spec
from layout.text.options import BreakMode


@dataclass(frozen=True)
class FitRun:
    """A fit written: the search's result and the file written."""

    result: FitResult
    output: Path
    max_trials: int


def fit_file(
    spec_path: Path,
    output: Path,
    *,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    max_trials: int = MAX_TRIALS,
) -> FitRun:
    """Fit the page of ``spec_path`` and write the fitted spec to ``output``."""
    spec = load_spec(spec_path)
    if os.path.realpath(output.parent) != os.path.realpath(spec_path.parent):
        raise OutputError(
            output,
            f"the fitted spec must be written in the page spec's folder ({spec_path.parent}): "
            "the paths a spec writes (extends, articles, images) are relative to its own file",
            refused=True,
        )
    fonts = fonts_for(spec)
    check_output(output, input_files(spec, fonts))
    result = fit_page(spec, fonts, mode=mode, max_trials=max_trials)
    text = spec.path.read_bytes()
    if result.changes:
        text = fitted_text(text.decode("utf-8"), result.fitted, result.changes).encode("utf-8")
    write_file(output, text)
    return FitRun(result, output, max_trials)
