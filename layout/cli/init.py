"""``banmian init DIR``: the starter project (``layout.init``) written into a folder.

Contract: :func:`add` puts the command on the parser; :func:`run` writes the project and
prints the commands to try next (exit 0); over a folder in use (``--force``) it first names the
files replaced, added and already the starter's, and what was there and left alone.
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
        "the same name, each named; nothing else is touched, and what was left alone is "
        "listed)",
    )


# The most names of what --force left alone printed (a project's folder can hold many);
# the rest are counted.
MOST_NAMED = 12


def run(args: argparse.Namespace, con: Console) -> int:
    from ..init import init_project

    project = init_project(args.folder, force=args.force)
    count = len(project.files)
    if len(project.added) == count and not project.left_alone:
        con.info(f"wrote {count} files in {project.folder}; next:")
    else:
        # Over a folder in use (--force): every file written over is named, and what was
        # there and is not the starter's, so that nothing is replaced without a word.
        con.info(f"wrote {count} files in {project.folder}:")
        for label, paths in (
            ("replaced", project.replaced),
            ("added", project.added),
            ("already the starter's", project.unchanged),
        ):
            if paths:
                named = ", ".join(p.relative_to(project.folder).as_posix() for p in paths)
                con.info(f"  {label}: {named}")
        if project.left_alone:
            con.info(f"  left alone (not the starter's): {_names(project.left_alone)}")
        con.info("next:")
    con.info(f"  banmian build {project.edition}")
    con.info(f"  banmian proof {project.edition} --png 100")
    return 0


def _names(names: tuple[str, ...]) -> str:
    shown = ", ".join(names[:MOST_NAMED])
    more = len(names) - MOST_NAMED
    return f"{shown} and {more} more" if more > 0 else shown
