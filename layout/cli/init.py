"""``banmian init DIR``: the starter project (``layout.init``) written into a folder.

Contract: :func:`add` puts the command on the parser; :func:`run` writes the project and
prints the commands to try next (exit 0).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..console import Console


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    i = sub.add_parser(
        "init",
        parents=[common],
        help="write a small working project to start from",
        description="Write a starter project into DIR: an edition of one page (edition.yaml, "
        "front.yaml), two article records, a photo and a README with the commands. It "
        "builds and proofs as it is, with the open fonts that come with banmian. DIR must "
        "be empty or new.",
    )
    i.add_argument("folder", type=Path, metavar="DIR", help="the project folder to write")
    i.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty (the starter's files replace those of "
        "the same name; nothing else is touched)",
    )


def run(args: argparse.Namespace, con: Console) -> int:
    from ..init import init_project

    project = init_project(args.folder, force=args.force)
    con.info(f"wrote {len(project.files)} files in {project.folder}; next:")
    con.info(f"  banmian build {project.edition}")
    con.info(f"  banmian proof {project.edition} --png 100")
    return 0
