"""The options every command shares, the help texts several commands share, and the argument
types the parsers check.

Contract: :func:`add_common` puts ``--debug``, ``-q``/``-v`` and ``--color`` on a parser (the
top one, or the parent each command's parser takes so that they are accepted after the
command too); :func:`dpi`, :func:`ppi`, :func:`output_kind` and :func:`jobs` are argparse
``type=`` checkers that refuse a value with ``argparse.ArgumentTypeError`` (a usage error,
exit 2); :func:`break_mode` reads ``--first-fit``. Nothing here imports more than argparse,
the console's colour choice and the output formats' names and limits (``layout.formats``,
which imports no layout machinery), so that ``banmian --help`` loads none.
"""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING

from ..console import ColourChoice
from ..formats import MAX_PPI, SVG_REFUSED, OutputFormat

if TYPE_CHECKING:
    from ..text.options import BreakMode

JSON_HELP = (
    "print the report as JSON on standard output (the same for build, check and proof: "
    "docs/schema/report.schema.json); the summary goes to standard error"
)
STRICT_HELP = "exit 1 when a problem would spoil print (overset, missing character)"
PROOF_OUTPUT_HELP = (
    "the proof to write, one PDF of every page (default: beside the spec, <spec "
    "name>-proof.pdf); no {p} page names: the page images are --png's, PROOF-1.png, …"
)
FIRST_FIT_HELP = "break lines one at a time instead of over whole paragraphs"
DEBUG_HELP = "on a crash (a bug in banmian), print the traceback to standard error"

# A broadsheet page at 600 dpi is 9,200 × 12,900 pixels (about 470 MB to render): previews
# need far less, and beyond this a typo (6000 for 60) would exhaust memory.
MAX_PNG_DPI = 600.0

# More processes than pages gain nothing; this bounds a typo (-j 1000).
MAX_JOBS = 64


def add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--debug``, ``-q``/``-v`` and ``--color``, before or after the command."""

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    parser.add_argument("--debug", action="store_true", default=default(False), help=DEBUG_HELP)
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="print errors only (bad input, what would spoil print, failures) and copy printed "
        "nowhere",
    )
    loud.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default(False),
        help="also print the files read and the time of each stage",
    )
    parser.add_argument(
        "--color",
        "--colour",
        dest="color",
        choices=[c.value for c in ColourChoice],
        default=default(ColourChoice.AUTO.value),
        metavar="WHEN",
        help="colour severities: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR "
        "forces it), always or never (default auto)",
    )


def _positive(text: str, what: str, most: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
    if not (math.isfinite(value) and 0 < value <= most):
        raise argparse.ArgumentTypeError(
            f"expected {what} above 0 and at most {most:g}, got {text}"
        )
    return value


def dpi(text: str) -> float:
    """``--png DPI`` of proof and watch."""
    return _positive(text, "a resolution in dpi", MAX_PNG_DPI)


def ppi(text: str) -> float:
    """``--ppi`` of build's PNG output."""
    return _positive(text, "a resolution in pixels per inch", MAX_PPI)


def output_kind(text: str) -> str:
    """``--format`` of build: one of the formats banmian writes (``WRITTEN``, the parser's
    choices); SVG, which it does not, refused with the reason and what to do instead."""
    if text.lower() == OutputFormat.SVG.value:
        raise argparse.ArgumentTypeError(SVG_REFUSED)
    return text


def jobs(text: str) -> int:
    """``-j N`` of an edition build."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {text!r}") from None
    if not 1 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"expected 1 to {MAX_JOBS} processes, got {value}")
    return value


def break_mode(args: argparse.Namespace) -> BreakMode:
    """``--first-fit``: lines broken one at a time; else over whole paragraphs."""
    from ..text.options import BreakMode

    return BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
