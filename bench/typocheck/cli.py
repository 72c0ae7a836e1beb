"""The command line: ``python tools/typocheck.py PDF [--json] [--size PT] [--columns …]``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .figures import check
from .lines import parse_columns
from .pdftext import PdfError
from .report import format_report


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when the PDF was measured (whatever it shows); 2 when it cannot be read, has
    no text, or its body text is vertical."""
    parser = argparse.ArgumentParser(
        prog="typocheck",
        description="The body-text figures of issue 10 (lone marks, Han–Western gaps, "
        "overlaps, characters outside their column, 避头尾, 孤字, justification) of any PDF.",
    )
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--size", type=float, help="body font size in pt (default: most common)")
    parser.add_argument(
        "--columns",
        nargs="+",
        metavar="X0,X1",
        help="column edges from the page's left edge, in pt (or 12mm,55mm), instead of "
        "inferring them",
    )
    parser.add_argument("--list", action="store_true", help="every finding, not 10 of each kind")
    args = parser.parse_args(argv)
    try:
        columns = parse_columns(args.columns) if args.columns else None
    except ValueError as exc:
        parser.error(str(exc))
    try:
        figures = check(args.pdf, size=args.size, columns=columns)
    except PdfError as exc:
        print(f"typocheck: {exc}", file=sys.stderr)
        return 2
    text = (
        json.dumps(figures.as_json(), ensure_ascii=False, indent=1)
        if args.json
        else format_report(figures, limit=None if args.list else 10)
    )
    try:
        print(text)
        sys.stdout.flush()
    except BrokenPipeError:  # `| head`: the reader has what it wanted (Python docs, signal)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0
