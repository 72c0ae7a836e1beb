"""``banmian watch SPEC``: the proof rebuilt whenever an input changes
(``layout.proof.watch``, ``layout.proof.watch_edition``).

Contract: :func:`add` puts the command on the parser; :func:`run` watches until Ctrl-C
(exit 0); ``--fit`` on an edition, or an ``-o`` that cannot take a proof (not a PDF, a ``{p}``
template: ``targets.proof_refusal``), is bad input (exit 2, nothing written).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_BAD_INPUT
from .options import PROOF_OUTPUT_HELP, dpi
from .targets import proof_refusal

if TYPE_CHECKING:
    from ..console import Console


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    w = sub.add_parser(
        "watch",
        parents=[common],
        help="rebuild the proof whenever an input changes",
        description="Write the proof of SPEC, then rebuild it whenever one of its inputs "
        "changes (the spec and the files it extends, the article records, images, the fonts "
        "manifest and font files), told by the system's file events (no polling); one line "
        "per rebuild with what changed, the time taken and the problems. Ctrl-C stops.",
    )
    w.add_argument(
        "spec",
        type=Path,
        metavar="SPEC",
        help="the page spec, or an edition file (only the pages whose inputs changed, and "
        "those their stories continue to, are composed again)",
    )
    w.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PROOF.pdf",
        help=PROOF_OUTPUT_HELP,
    )
    w.add_argument(
        "--open",
        action="store_true",
        help="open the proof in the system's viewer after the first rebuild (xdg-open, open "
        "or the Windows default; a note when there is none)",
    )
    w.add_argument("--png", type=dpi, metavar="DPI", help="also write PNG previews")
    w.add_argument(
        "--fit",
        action="store_true",
        help="after each rebuild, print per story over or under the changes within the "
        "spec's copyfit limits that would fix it, as proof --fit does (a page spec only)",
    )


def run(args: argparse.Namespace, con: Console) -> int:
    # The watcher prints its own lines (layout.proof.watch), not through the console.
    from ..proof import watch
    from ..proof.watch import open_in_viewer
    from ..proof.watch_edition import watch_edition
    from ..spec.edition import is_edition_file

    # The proof's name checked once, before the first rebuild: never a PDF under a .png name.
    refused = args.output and proof_refusal("watch", args.spec, args.output)
    if refused:
        con.error(refused)
        return EXIT_BAD_INPUT
    opener = open_in_viewer if args.open else None
    try:
        if is_edition_file(args.spec):
            if args.fit:
                print(
                    f"{args.spec}: watch --fit takes one page spec, not an edition", file=sys.stderr
                )
                return EXIT_BAD_INPUT
            return watch_edition(args.spec, args.output, png_dpi=args.png, opener=opener)
        return watch(args.spec, args.output, png_dpi=args.png, fit=args.fit, opener=opener)
    except KeyboardInterrupt:
        return 0
