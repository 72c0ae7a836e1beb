"""``banmian check SPEC``: a page or an edition validated and set, nothing written.

Contract: :func:`add` puts the command on the parser; :func:`run` does everything a build
does but the write (every input file verified, the PDF made in memory), prints the page's
problems (or ``--json``'s report) and a summary: exit 0, or 1 under ``--strict`` when a
problem would spoil print; bad input raises ``SpecErrors`` (exit 2, ``layout.cli.errors``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_PROBLEMS
from ..report import count, grouped
from .jsonout import edition_json, emit_json, page_json
from .options import JSON_HELP, STRICT_HELP
from .printing import notes, page_problems, read_files, tally

if TYPE_CHECKING:
    from ..console import Console


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser(
        "check",
        parents=[common],
        help="validate a spec, its articles, fonts and images without writing anything",
        description="Validate SPEC and everything it uses (article records, fonts, images, "
        "the press profile) and set the page without writing it: print one line per error "
        "(file:line:column: key path: message), then the page's problems. Every input fault "
        "a build would meet is found.",
    )
    c.add_argument(
        "spec", type=Path, metavar="SPEC", help="the page spec, or an edition file (YAML)"
    )
    c.add_argument("--strict", action="store_true", help=STRICT_HELP)
    c.add_argument("--json", action="store_true", help=JSON_HELP)


def run(args: argparse.Namespace, con: Console) -> int:
    from ..build import build
    from ..spec.edition import is_edition_file

    if is_edition_file(args.spec):
        return _edition(args, con)
    # Everything a build does but the write: the fonts, images and profile are verified by
    # the loader, and the PDF made in memory meets what only embedding can find.
    result = build(args.spec, None, dry_run=True)
    read_files(con, [result.spec])
    notes(con, result.spec)
    if args.json:
        assert result.pdf is not None  # a dry run keeps the PDF: its fonts are read back
        emit_json(page_json(result, result.pdf, "check", []))
    else:
        for finding in grouped(result.problems):
            con.problem(finding)
    spec = result.spec
    problems, errors = tally(result.problems)
    # "ok": the input is good and nothing would spoil print; with an error, "checked".
    verdict = "checked" if errors else "ok"
    con.info(
        f"{args.spec}: {verdict} ({count(len(spec.boxes), 'box')}, "
        f"{count(len(spec.articles), 'record')}; {count(problems, 'problem')}, "
        f"{count(errors, 'error')}; nothing written)",
        to_err=args.json,
    )
    con.timings(result.timings.stages)
    if args.strict and result.errors:
        return EXIT_PROBLEMS
    return 0


def _edition(args: argparse.Namespace, con: Console) -> int:
    from ..edition import build_edition

    # Every page set and every PDF made in memory, as the build does; nothing written.
    result = build_edition(args.spec, None, dry_run=True)
    errors = page_problems(con, result, listed=not args.json)
    if args.json:
        emit_json(edition_json(result, "check", []))
    problems = sum(tally(p.problems)[0] for p in result.pages)
    con.info(
        f"{args.spec}: {'checked' if errors else 'ok'} ({count(len(result.pages), 'page')}; "
        f"{count(problems, 'problem')}, "
        f"{count(errors, 'error')}; "
        "nothing written)",
        to_err=args.json,
    )
    con.timings(result.timings.stages)
    if args.strict and result.failing:
        return EXIT_PROBLEMS
    return 0
