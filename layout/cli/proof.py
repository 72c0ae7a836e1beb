"""``banmian proof SPEC``: the proof PDF with every problem marked and the preflight report
(``layout.proof``), of a page or an edition.

Contract: :func:`add` puts the command on the parser; :func:`run` writes the proof (and
``--png`` previews, an edition's overview), prints the report (``--json``: as JSON; ``-q``:
the problems only) and the files written: exit 0, or 1 under ``--strict`` when a problem
would spoil print; an output that is no PDF file (``targets.proof_refusal``), or ``--fit``
on an edition, is bad input (exit 2, nothing written).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import EXIT_BAD_INPUT, EXIT_PROBLEMS
from ..report import grouped
from .jsonout import emit_json
from .options import FIRST_FIT_HELP, JSON_HELP, MAX_PNG_DPI, PROOF_OUTPUT_HELP, break_mode, dpi
from .printing import notes, read_files
from .targets import proof_refusal

if TYPE_CHECKING:
    from ..console import Console
    from ..text.options import BreakMode


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "proof",
        parents=[common],
        help="write a proof PDF with every problem marked, and a preflight report",
        description="Lay out the page of SPEC and write a proof: the page as printed with the "
        "type area, column and baseline grids, every box with its id and article, and markers "
        "where something is wrong (overset, underset, 孤字, loose lines, prohibited breaks, "
        "missing characters, low-resolution images). A preflight report (per box capacity, "
        "use and copy-fitting advice; fonts embedded and subset; missing characters; image "
        "resolutions; page sizes) goes to standard output.",
    )
    p.add_argument(
        "spec", type=Path, metavar="SPEC", help="the page spec, or an edition file (YAML)"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PROOF.pdf",
        help=PROOF_OUTPUT_HELP,
    )
    p.add_argument(
        "--png",
        type=dpi,
        metavar="DPI",
        help="also write a PNG preview of every page beside the proof (PROOF-1.png, …), "
        f"at up to {MAX_PNG_DPI:g} dpi",
    )
    p.add_argument(
        "--overview",
        type=Path,
        metavar="PNG",
        help="an edition file: the overview of all pages (default: beside the proof, "
        "<edition name>-overview.png)",
    )
    p.add_argument("--json", action="store_true", help=JSON_HELP)
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a problem would spoil print (overset, missing character, "
        "un-embedded font)",
    )
    p.add_argument("--first-fit", action="store_true", help=FIRST_FIT_HELP)
    p.add_argument(
        "--fit",
        action="store_true",
        help="also search, as banmian fit does, for the changes within the spec's copyfit "
        "limits that make every story fit, and print per story over or under the changes "
        "that would fix it, also marked at its box on the proof page and, with --json, in the "
        "report's fit object (nothing is written but the proof; a page spec, not an edition)",
    )


def run(args: argparse.Namespace, con: Console) -> int:
    from ..proof import default_proof_path, format_report, make_proof
    from ..proof.jsonreport import page_report
    from ..spec.edition import is_edition_file

    refused = args.output and proof_refusal("proof", args.spec, args.output)
    if refused:
        con.error(refused)
        return EXIT_BAD_INPUT
    if is_edition_file(args.spec):
        if args.fit:
            con.error(f"{args.spec}: proof --fit takes one page spec, not an edition")
            return EXIT_BAD_INPUT
        return _edition(args, con)
    out = args.output or default_proof_path(args.spec)
    mode = break_mode(args)
    advice = _fit_advice(args.spec, mode) if args.fit else None
    report = make_proof(
        args.spec, out, png_dpi=args.png, mode=mode, notes=advice.notes if advice else None
    )
    read_files(con, [report.spec])
    notes(con, report.spec)
    for stale in report.stale:
        (con.note if stale.removed else con.warning)(stale.message(1, "proof"))
    if args.json:
        fit = advice.json if advice else None
        emit_json(page_report(report, command="proof", outputs=[out, *report.pngs], fit=fit))
        to_err = True
    elif con.quiet:
        for finding in grouped(report.problems):
            con.problem(finding)
        to_err = True
    else:
        print(format_report(report, colour=con.colour_out))
        to_err = False
    for line in advice.lines if advice else ():
        con.info(line, to_err=to_err)
    written = ", ".join(str(p) for p in (out, *report.pngs))
    con.info(f"wrote {written}", to_err=to_err)
    con.timings(report.timings)
    if args.strict and report.spoilers:
        return EXIT_PROBLEMS
    return 0


@dataclass(frozen=True)
class FitAdvice:
    """``--fit``'s advice three ways: the lines printed, the notes the proof page marks at
    their boxes, and the JSON report's ``fit`` object (``layout.fit.report``)."""

    lines: list[str]
    notes: dict[str, tuple[str, ...]]
    json: dict[str, Any]


def _fit_advice(spec_path: Path, mode: BreakMode) -> FitAdvice:
    """``--fit``: the changes that would make every story fit (see :class:`FitAdvice`)."""
    from ..build import fonts_for
    from ..fit import fit_page
    from ..fit.report import advice_lines, box_notes, fit_json
    from ..spec import load_spec

    spec = load_spec(spec_path)
    fitted = fit_page(spec, fonts_for(spec), mode=mode)
    return FitAdvice(advice_lines(fitted), box_notes(fitted), fit_json(fitted))


def _edition(args: argparse.Namespace, con: Console) -> int:
    from ..proof import format_report
    from ..proof.edition import make_edition_proof
    from ..proof.report import format_edition_verdict

    proof = make_edition_proof(
        args.spec, args.output, overview=args.overview, png_dpi=args.png, mode=break_mode(args)
    )
    read_files(con, [r.spec for r in proof.reports])
    for report in proof.reports:
        notes(con, report.spec)
    for stale in proof.stale:
        (con.note if stale.removed else con.warning)(stale.message(len(proof.reports), "proof"))
    if args.json:
        emit_json(proof.to_json())
        to_err = True
    elif con.quiet:
        for report in proof.reports:
            for finding in grouped(report.problems):
                con.problem(finding, prefix=f"page {report.page.number}: ")
        to_err = True
    else:
        for report in proof.reports:
            print(f"== page {report.page.number} {report.spec.page.name} ({report.spec.path})")
            print(format_report(report, colour=con.colour_out))
        print(format_edition_verdict(proof.reports, colour=con.colour_out))
        to_err = False
    written = ", ".join(str(p) for p in (proof.proof, *proof.pngs, proof.overview))
    con.info(f"wrote {written}", to_err=to_err)
    if args.strict and proof.spoilers:
        return EXIT_PROBLEMS
    return 0
