"""``banmian fit SPEC -o FITTED.yaml``: copy-fitting a page or an edition (``layout.fit``,
docs/copyfit.md).

Contract: :func:`add` puts the command on the parser; :func:`run` writes the fitted spec
(and, for an edition, each page spec changed) and prints the changes and what is still over
or under: exit 0 when every page fits, 1 when none within the limits was found, 2 for bad
input, a spec whose text the fit cannot rewrite among it (nothing written).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_BAD_INPUT, EXIT_PROBLEMS
from ..report import count
from .options import FIRST_FIT_HELP, break_mode
from .printing import notes

if TYPE_CHECKING:
    from ..console import Console


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    f = sub.add_parser(
        "fit",
        parents=[common],
        help="copy-fit a page: change what its spec allows until every story fits",
        description="Lay out the page of SPEC and, while a story is over or has more than "
        "one empty line at its foot, change what the spec allows within its limits (each "
        "article box's copyfit: the headline block's lines, then the boundary between boxes "
        "stacked in the same columns (a photo's height within its copyfit.height), then 破栏, "
        "then the blank lines before intertitles), one change at a time (or two together "
        "where neither alone helps), keeping a change only when the page fits better; at most a "
        "fixed number of trial layouts. Writes the fitted spec (the page spec's text with "
        "only the changed numbers changed) and prints the changes and what is still over or "
        "under. Exit 0 when the page fits, 1 when no page within the limits was found (the "
        "fitted spec is the nearest found), 2 for bad input. SPEC may be an edition file: its "
        "pages are fitted together (a story continued on another page is followed there), "
        "the fitted edition is written to -o (the edition's name with a suffix, e.g. "
        "edition.fitted.yaml) and each page spec changed beside its own with the same suffix "
        "(front.fitted.yaml); no file of the designer's is written over, and an edition "
        "that needs no change is written nowhere.",
    )
    f.add_argument("spec", type=Path, metavar="SPEC", help="the page spec or edition file (YAML)")
    f.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FITTED.yaml",
        help="the fitted spec to write, in SPEC's folder (its paths are relative to it); "
        "not SPEC itself (for an edition: the fitted edition, named as SPEC with a suffix)",
    )
    f.add_argument("--first-fit", action="store_true", help=FIRST_FIT_HELP)


def run(args: argparse.Namespace, con: Console) -> int:
    from ..fit.command import fit_file
    from ..fit.report import change_lines, held_lines, shortfall_lines
    from ..fit.spectext import FitTextError
    from ..spec.edition import is_edition_file

    if Path(args.output).suffix.lower() not in (".yaml", ".yml"):
        # The fitted spec is a spec: named as one, so that build and watch read it as one.
        con.error(
            f"banmian: cannot write {args.output}: a fitted spec is YAML: name it .yaml "
            f"(such as {Path(args.spec).stem}-fitted.yaml); nothing written"
        )
        return EXIT_BAD_INPUT
    if is_edition_file(args.spec):
        return _edition(args, con)
    try:
        fitted = fit_file(args.spec, args.output, mode=break_mode(args))
    except FitTextError as error:
        con.error(f"{error}; nothing written")
        return EXIT_BAD_INPUT
    result = fitted.result
    notes(con, result.spec)
    for line in change_lines(result):
        con.info(line)
    if not result.changes:
        con.info("no change" + ("" if result.fits else " within the limits lowers the misfit"))
    for line in shortfall_lines(result.stories):
        con.info(f"still: {line}")
    for line in held_lines(result):
        con.info(f"held: {line}")
    verdict = "the page fits" if result.fits else "no page within the limits fits"
    con.info(
        f"wrote {fitted.output}: {verdict} ({count(len(result.changes), 'change')}, "
        f"{count(result.trials, 'trial layout')} of at most {fitted.max_trials})"
    )
    return 0 if result.fits else EXIT_PROBLEMS


def _edition(args: argparse.Namespace, con: Console) -> int:
    from ..fit.command import fit_edition_file
    from ..fit.report import edition_lines
    from ..fit.spectext import FitTextError

    try:
        fitted = fit_edition_file(args.spec, args.output, mode=break_mode(args))
    except FitTextError as error:
        con.error(f"{error}; nothing written")
        return EXIT_BAD_INPUT
    for page in fitted.result.pages:
        notes(con, page.spec)
    for line in edition_lines(fitted.result):
        con.info(line)
    result = fitted.result
    verdict = "every page fits" if result.fits else "no edition within the limits fits"
    counted = (
        f"{count(sum(len(p.changes) for p in result.pages), 'change')} on "
        f"{count(len(result.changed), 'page')}, "
        f"{count(result.trials, 'trial layout')} of at most {fitted.max_trials} a page"
    )
    if not fitted.written:
        con.info(
            f"nothing to change, nothing written ({args.spec} is the edition): {verdict} "
            f"({counted})"
        )
    else:
        pages = ", ".join(str(p) for p in fitted.written[:-1])
        con.info(f"wrote {fitted.output} (with {pages}): {verdict} ({counted})")
    return 0 if result.fits else EXIT_PROBLEMS
