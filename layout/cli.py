"""The command line: ``banmian build | check``; ``python -m layout`` is its twin.

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

    c = sub.add_parser(
        "check",
        help="validate a spec and its articles without drawing",
        description="Validate SPEC and the article records it uses; print one "
        "line per error (file:line:column: key path: message).",
    )
    c.add_argument("spec", type=Path, metavar="SPEC", help="the page spec (YAML)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "check":
            return _check(args)
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
    result = build(args.spec, out, mode=mode)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    print(f"wrote {out} ({len(result.problems)} problems, {len(result.errors)} errors)")
    if args.timings:
        for stage, seconds in result.timings.stages.items():
            print(f"  {stage:8s} {seconds * 1000:8.1f} ms")
    if args.strict and result.errors:
        return EXIT_PROBLEMS
    return 0


if __name__ == "__main__":
    sys.exit(main())
