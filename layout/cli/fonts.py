"""``banmian fonts [MANIFEST]``: the parser of the fonts survey; the survey itself is
``layout.fonts.command``.

Contract: :func:`add` puts the command on the parser; :func:`run` hands the arguments to
``layout.fonts.command.fonts_command`` (exit 0, or 1 under ``--strict`` when a chain lacks a
character of ``--text``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..console import Console


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    f = sub.add_parser(
        "fonts",
        parents=[common],
        help="list a fonts manifest's roles, faces, files and coverage",
        description="List the faces of MANIFEST (their files, outlines, the cached TrueType "
        "conversion of a CFF or collection face), each role's fallback chain, and how many "
        "characters of GB 2312's hanzi, 通用规范汉字表 (8105) and CJK Ext. A-G each face and "
        "each chain together have. With --text: the characters of a text no face of a chain has.",
    )
    f.add_argument(
        "manifest",
        type=Path,
        nargs="?",
        metavar="MANIFEST",
        help="the fonts manifest, or a page spec or edition file (the manifest it uses); "
        "default: the bundled fonts/manifest.yaml",
    )
    f.add_argument(
        "--text",
        metavar="FILE",
        help="a UTF-8 text (- for standard input): list per role the characters no face of "
        "its chain has, with how often each occurs",
    )
    f.add_argument("--json", action="store_true", help="print JSON (schema_version 1)")
    f.add_argument(
        "--strict", action="store_true", help="exit 1 when a chain lacks a character of --text"
    )


def run(args: argparse.Namespace, con: Console) -> int:
    from ..fonts.command import fonts_command

    if args.manifest is not None:
        args.manifest = _manifest_of(args.manifest)
    return fonts_command(args)


def _manifest_of(path: Path) -> Path:
    """``path`` itself when it is a fonts manifest; the fonts manifest a page spec or an
    edition file uses (its ``fonts``, else the bundled one) when it is one of those, as a
    designer asks which fonts a page has (``banmian fonts page_specs/front.yaml``)."""
    from ..errors import SpecError
    from ..yamlsource import load_yaml

    try:
        top = load_yaml(path).value
    except SpecError:
        return path  # (the manifest's reading reports it)
    if not isinstance(top, dict) or "faces" in top:
        return path
    if "pages" in top and "edition" in top:
        from ..spec.edition import load_edition

        return load_edition(path).specs[0].fonts_manifest
    if "page" in top or "extends" in top:
        from ..spec import load_spec

        return load_spec(path).fonts_manifest
    return path
