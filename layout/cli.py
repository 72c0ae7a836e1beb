"""The command line: ``banmian build | check | proof | watch``; ``python -m layout`` is its twin.

Exit codes: 0 done; 1 the page has problems that spoil print and ``--strict`` was given;
2 bad input (the spec or an article: one line per error, with file:line:column and key path).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import EXIT_BAD_INPUT, SpecError, SpecErrors
from .text.options import BreakMode

EXIT_PROBLEMS = 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="banmian",
        description="版面 banmian: set Chinese newspaper pages from a YAML page spec.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser(
        "build",
        help="lay out a page and write its PDF",
        description="Lay out the page of SPEC and write a print-ready PDF. "
        "Problems (overset, missing characters or images) are listed on "
        "standard error.",
    )
    b.add_argument("spec", type=Path, metavar="SPEC", help="the page spec (YAML)")
    b.add_argument(
        "-o", "--output", type=Path, help="the PDF to write (default: output/<spec name>.pdf)"
    )
    b.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a problem would spoil print (overset, missing character)",
    )
    b.add_argument(
        "--first-fit",
        action="store_true",
        help="break lines one at a time instead of over whole paragraphs",
    )
    b.add_argument("--timings", action="store_true", help="print the time of each stage")
    colours = b.add_mutually_exclusive_group()
    colours.add_argument(
        "--pdfx",
        dest="pdfx",
        action="store_true",
        default=None,
        help="write the press PDF (PDF/X-1a:2003: CMYK photos within the ink limit, output "
        "intent, overprinting black); the default unless the spec says press.pdfx: false",
    )
    colours.add_argument(
        "--no-pdfx",
        "--proof-colours",
        dest="pdfx",
        action="store_false",
        help="write the proof-colour PDF instead (photos as they are, RGB allowed)",
    )

    c = sub.add_parser(
        "check",
        help="validate a spec and its articles without drawing",
        description="Validate SPEC and the article records it uses; print one "
        "line per error (file:line:column: key path: message).",
    )
    c.add_argument("spec", type=Path, metavar="SPEC", help="the page spec (YAML)")

    p = sub.add_parser(
        "proof",
        help="write a proof PDF with every problem marked, and a preflight report",
        description="Lay out the page of SPEC and write a proof: the page as printed with the "
        "type area, column and baseline grids, every box with its id and article, and markers "
        "where something is wrong (overset, underset, 孤字, loose lines, prohibited breaks, "
        "missing characters, low-resolution images). A preflight report (per box capacity, "
        "use and copy-fitting advice; fonts embedded and subset; missing characters; image "
        "resolutions; page sizes) goes to standard output.",
    )
    p.add_argument("spec", type=Path, metavar="SPEC", help="the page spec (YAML)")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PROOF.pdf",
        help="the proof to write (default: output/<spec name>-proof.pdf)",
    )
    p.add_argument(
        "--png",
        type=float,
        metavar="DPI",
        help="also write a PNG preview of every page beside the proof (PROOF-1.png, …)",
    )
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a problem would spoil print (overset, missing character, "
        "un-embedded font)",
    )
    p.add_argument(
        "--first-fit",
        action="store_true",
        help="break lines one at a time instead of over whole paragraphs",
    )

    w = sub.add_parser(
        "watch",
        help="rebuild the proof whenever the spec, an article or an image changes",
        description="Write the proof of SPEC, then rebuild it whenever the spec, one of its "
        "article records or images changes; one line per rebuild. Ctrl-C stops.",
    )
    w.add_argument("spec", type=Path, metavar="SPEC", help="the page spec (YAML)")
    w.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PROOF.pdf",
        help="the proof to write (default: output/<spec name>-proof.pdf)",
    )
    w.add_argument(
        "--interval",
        type=float,
        default=0.5,
        metavar="S",
        help="seconds between looks at the files (default 0.5)",
    )
    w.add_argument("--png", type=float, metavar="DPI", help="also write PNG previews")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "proof":
            return _proof(args)
        if args.command == "watch":
            return _watch(args)
        return _build(args)
    except SpecErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except SpecError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT


def _check(args: argparse.Namespace) -> int:
    from .spec import load_spec

    spec = load_spec(args.spec)
    print(f"{args.spec}: ok ({len(spec.boxes)} boxes, {len(spec.articles)} records)")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import build

    out = args.output or Path("output") / f"{args.spec.stem}.pdf"
    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    result = build(args.spec, out, mode=mode, pdfx=args.pdfx)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"wrote {out} ({len(result.problems)} problems, {len(result.errors)} errors)")
    if args.timings:
        for stage, seconds in result.timings.stages.items():
            print(f"  {stage:8s} {seconds * 1000:8.1f} ms")
    if args.strict and result.errors:
        return EXIT_PROBLEMS
    return 0


def _proof(args: argparse.Namespace) -> int:
    import json

    from .proof import default_proof_path, format_report, make_proof, use_colour

    out = args.output or default_proof_path(args.spec)
    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    if args.png is not None and args.png <= 0:
        print(f"--png: expected a positive resolution in dpi, got {args.png:g}", file=sys.stderr)
        return EXIT_BAD_INPUT
    report = make_proof(args.spec, out, png_dpi=args.png, mode=mode)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        print()
        summary = sys.stderr
    else:
        print(format_report(report, colour=use_colour(sys.stdout)))
        summary = sys.stdout
    written = ", ".join(str(p) for p in (out, *report.pngs))
    print(f"wrote {written}", file=summary)
    if args.strict and report.spoilers:
        return EXIT_PROBLEMS
    return 0


def _watch(args: argparse.Namespace) -> int:
    from .proof import watch

    try:
        return watch(args.spec, args.output, interval=args.interval, png_dpi=args.png)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
