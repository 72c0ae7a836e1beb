"""``banmian schema NAME``: a JSON Schema printed or written (``layout.spec.jsonschema``,
``layout.proof.reportschema``).

Contract: :func:`add` puts the command on the parser; :func:`run` writes the schema asked
for (draft 2020-12, UTF-8, two-space indent) to standard output or ``-o`` (exit 0). Only the
module that makes the schema asked for is imported: the page spec's does not load the proof.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..console import Console


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    s = sub.add_parser(
        "schema",
        parents=[common],
        help="print the JSON Schema of the page spec, the article record or the report",
        description="Print the JSON Schema (draft 2020-12) of the page spec and edition file "
        "(page-spec) or of the article record (article), made from the schema banmian checks "
        "them with: for an editor's YAML language server (docs/schema/ holds both; a spec's "
        "first line '# yaml-language-server: $schema=PATH' points at one); or of the JSON "
        "report of build, check and proof --json (report).",
    )
    s.add_argument(
        "name",
        choices=["page-spec", "article", "report"],
        help="which schema (report: of the --json report of build, check and proof)",
    )
    s.add_argument(
        "-o", "--output", type=Path, help="write it to a file instead (-: standard output)"
    )


def run(args: argparse.Namespace, con: Console) -> int:
    import json

    from ..output import write_file

    if args.name == "report":
        from ..proof.reportschema import report_schema

        chosen = report_schema()
    else:
        from ..spec.jsonschema import schemas

        chosen = schemas()[args.name]
    text = json.dumps(chosen, ensure_ascii=False, indent=2) + "\n"
    if args.output is None or str(args.output) == "-":
        sys.stdout.write(text)
    else:
        write_file(args.output, text.encode("utf-8"))
    return 0
