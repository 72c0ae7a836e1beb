"""``banmian fonts [MANIFEST]``: a fonts manifest's faces, roles and coverage, and the
characters of a text that no face of a role's chain has.

Contract:

- :func:`survey` opens the manifest's library (:func:`layout.fonts.library`: every face
  verified, a CFF or collection face converted or found in the cache) and returns a
  :class:`Survey`: per face its file, outlines and coverage of the standard sets
  (:mod:`layout.fonts.coverage`: GB 2312 hanzi, 通用规范汉字表 8105, CJK Ext. A–G), per role
  its chain and the chain's coverage together (the union of its faces' character maps, as
  the text engine falls back along it). An optional face that is not installed is listed as
  absent and counts for nothing.
- :attr:`Survey.thin` warns of each role whose first face has under
  :data:`~layout.fonts.library.FIRST_FACE_SHARE` (a tenth) of GB 2312's 3755 level-1 汉字
  (:func:`~layout.fonts.coverage.gb2312_level1`): a Latin-only face, a display face with few
  汉字, whose role's Chinese text is set in the faces after it (a page in a style of that
  role warns of it too, ``font-fallback``).
- With a text (:func:`survey`'s ``text``), :attr:`Survey.missing` gives per role the
  characters no face of its chain has, each with how often it occurs, most frequent first;
  line ends, tabs and other control and format characters (Unicode Cc, Cf, Zl, Zp) are not
  looked up, since nothing draws them.
- :func:`render` is the text output, :func:`to_json` the ``--json`` one (``schema_version``
  1); :func:`fonts_command` is the command: exit 0, or 1 under ``--strict`` when a character
  of the text is missing from a chain; a bad manifest or face raises
  :class:`~layout.fonts.manifest.FontErrors` (exit 2, from the CLI), an unreadable text file a
  :class:`~layout.errors.SpecError`.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import EXIT_PROBLEMS, SpecError, display_path
from .convert import truetype_file
from .coverage import CharSet, counted, gb2312_level1, missing_sets, standard_sets
from .library import FIRST_FACE_SHARE, FontLibrary, library
from .manifest import DEFAULT_MANIFEST, FaceInfo, read_manifest

SCHEMA_VERSION = 1
_NOT_DRAWN = frozenset({"Cc", "Cf", "Zl", "Zp"})


@dataclass(frozen=True)
class FaceRow:
    """One face of the manifest."""

    info: FaceInfo
    present: bool  # False: an optional face whose file is not installed
    outlines: str = ""  # the source's: "TrueType" or "CFF"; "" when absent
    truetype: Path | None = None  # the cached conversion, when the source is not TrueType
    characters: int = 0  # code points in its character map
    coverage: Mapping[str, int] | None = None  # set key → code points of it the face has


@dataclass(frozen=True)
class RoleRow:
    """One role: its chain (the faces there, in order), the absent ones, and the chain's
    coverage together."""

    role: str
    chain: tuple[str, ...]
    absent: tuple[str, ...]
    coverage: Mapping[str, int]


@dataclass(frozen=True)
class ThinFace:
    """A role whose first face has few of GB 2312's level-1 汉字: ``has`` of ``of``."""

    role: str
    face: str
    family: str
    has: int
    of: int


@dataclass(frozen=True)
class Missing:
    """A character of the text that no face of a chain has, and how often it occurs."""

    char: str
    count: int


@dataclass(frozen=True)
class TextInfo:
    """The text looked up: where it came from, its characters (all, and distinct)."""

    source: str
    characters: int
    distinct: int


@dataclass(frozen=True)
class Survey:
    manifest: Path
    sets: tuple[CharSet, ...]
    faces: tuple[FaceRow, ...]
    roles: tuple[RoleRow, ...]
    notes: tuple[str, ...]
    text: TextInfo | None = None
    missing: Mapping[str, tuple[Missing, ...]] | None = None  # role → missing characters
    thin: tuple[ThinFace, ...] = ()  # roles whose first face has few 汉字


def survey(manifest: Path, text: tuple[str, str] | None = None) -> Survey:
    """The manifest's faces, roles and coverage; with ``text`` (where it came from, the
    text), what of it each chain lacks. Raises FontErrors."""
    fonts = library(manifest)
    sets = standard_sets()
    faces = [_face_row(fonts, face_id, sets) for face_id in fonts.face_infos]
    faces += [FaceRow(info, present=False) for info in fonts.absent]
    order = {info.id: k for k, info in enumerate(_manifest_order(fonts))}
    faces.sort(key=lambda row: order[row.info.id])
    absent = {info.id for info in fonts.absent}
    written = read_manifest(fonts.manifest).roles  # the chains with their absent faces
    roles = []
    for role, chain in fonts.roles.items():
        union: set[int] = set()
        for face_id in chain:
            union.update(fonts.face(face_id).cmap)
        roles.append(
            RoleRow(
                role,
                chain,
                tuple(f for f in written.get(role, chain) if f in absent),
                counted(union, sets),
            )
        )
    notes = missing_sets()
    thin = _thin_first_faces(fonts)
    if text is None:
        return Survey(Path(manifest), sets, tuple(faces), tuple(roles), notes, thin=thin)
    source, body = text
    counts = Counter(ch for ch in body if unicodedata.category(ch) not in _NOT_DRAWN)
    missing = {
        role: tuple(
            Missing(ch, n)
            for ch, n in sorted(counts.items(), key=lambda item: (-item[1], ord(item[0])))
            if not any(ord(ch) in fonts.face(f).cmap for f in chain)
        )
        for role, chain in fonts.roles.items()
    }
    info = TextInfo(source, sum(counts.values()), len(counts))
    return Survey(Path(manifest), sets, tuple(faces), tuple(roles), notes, info, missing, thin)


def _thin_first_faces(fonts: FontLibrary) -> tuple[ThinFace, ...]:
    """The roles whose first face has under FIRST_FACE_SHARE of GB 2312's level 1."""
    level1 = gb2312_level1()
    found = []
    for role, chain in fonts.roles.items():
        face = fonts.face(chain[0])
        has = len(level1.intersection(face.cmap))
        if has < FIRST_FACE_SHARE * len(level1):
            found.append(ThinFace(role, face.id, face.info.family, has, len(level1)))
    return tuple(found)


def _manifest_order(fonts: FontLibrary) -> list[FaceInfo]:
    """The faces, present and absent, in the manifest's order (by where they are written)."""
    infos = [*fonts.face_infos.values(), *fonts.absent]
    return sorted(infos, key=lambda info: (info.pos.line, info.pos.column) if info.pos else (0, 0))


def _face_row(fonts: FontLibrary, face_id: str, sets: tuple[CharSet, ...]) -> FaceRow:
    face = fonts.face(face_id)
    info = face.info
    converted = truetype_file(info.path, info.index)  # found in the cache: the face is open
    cmap = face.cmap
    return FaceRow(
        info,
        True,
        converted.outlines,
        converted.path if converted.converted else None,
        len(cmap),
        counted(cmap, sets),
    )


# --------------------------------------------------------------------------- output


def render(result: Survey) -> str:
    """The text output: faces, then the coverage table of faces and roles, then the text's
    missing characters."""
    out = [f"fonts manifest {display_path(result.manifest)}", "", "faces:"]
    width = max((len(row.info.id) for row in result.faces), default=4) + 2
    for row in result.faces:
        info = row.info
        what = [info.family]
        if info.weight is not None:
            what.append(str(info.weight))
        if info.optional:
            what.append("optional")
        line = f"  {info.id:<{width}}{info.file_label}  ({', '.join(what)})"
        if not row.present:
            package = f": install the Debian package {info.package}" if info.package else ""
            line += f"  not installed{package}"
        elif row.truetype is not None:
            kind = "CFF, converted" if row.outlines == "CFF" else "extracted"
            line += f"  [{kind}: {display_path(row.truetype)}]"
        out.append(line)
    out += ["", *_table(result)]
    out += _thin_lines(result)
    out += [f"note: {note}" for note in result.notes]
    if result.text is not None and result.missing is not None:
        out += ["", *_missing_lines(result.text, result.missing)]
    return "\n".join(out) + "\n"


def _table(result: Survey) -> list[str]:
    """Coverage of each face and each role's chain: characters of each set, of its size."""
    labels = [s.label for s in result.sets]
    cols = [
        max(_width(label), len(str(len(s.codes)))) + 2
        for label, s in zip(labels, result.sets, strict=True)
    ]
    names = [row.info.id for row in result.faces] + [row.role for row in result.roles]
    width = max((len(n) for n in names), default=4) + 4

    def row(name: str, values: list[str]) -> str:
        cells = "".join(" " * (w - _width(v)) + v for v, w in zip(values, cols, strict=True))
        return f"  {name:<{width}}{cells}".rstrip()

    out = [
        "coverage (characters of each set the face has; a role: its chain together):",
        row("", labels),
        row("(of)", [str(len(s.codes)) for s in result.sets]),
    ]
    for face in result.faces:
        if face.coverage is None:
            out.append(row(face.info.id, ["–"] * len(result.sets)))
        else:
            out.append(row(face.info.id, [str(face.coverage[s.key]) for s in result.sets]))
    out += ["", "roles (fallback chains: the first face that has a character sets it):"]
    for role in result.roles:
        chain = " → ".join(role.chain)
        absent = f" (not installed: {', '.join(role.absent)})" if role.absent else ""
        out.append(f"  {role.role}: {chain}{absent}")
    out.append(row("", labels))
    for role in result.roles:
        out.append(row(role.role, [str(role.coverage[s.key]) for s in result.sets]))
    return out


def _thin_lines(result: Survey) -> list[str]:
    """A warning a role whose first face has few of GB 2312's level-1 汉字."""
    chains = {role.role: role.chain for role in result.roles}
    out = []
    for thin in result.thin:
        rest = " → ".join(chains[thin.role][1:])
        after = f"set in the faces after it ({rest})" if rest else "missing: no face follows it"
        out.append(
            f"warning: role {thin.role}: its first face {thin.face} ({thin.family}) has "
            f"{thin.has} of GB 2312's {thin.of} level-1 汉字 (under {FIRST_FACE_SHARE:.0%}): "
            f"the role's Chinese text is {after}"
        )
    return out


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (W, F) characters two (UAX #11)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _missing_lines(text: TextInfo, missing: Mapping[str, tuple[Missing, ...]]) -> list[str]:
    out = [
        f"text {text.source}: {text.characters} characters, {text.distinct} different; "
        "missing from each role's chain:"
    ]
    width = max((len(role) for role in missing), default=4) + 2
    for role, chars in missing.items():
        if not chars:
            out.append(f"  {role:<{width}}none")
            continue
        times = sum(m.count for m in chars)
        listed = ", ".join(f"{m.char} U+{ord(m.char):04X} ×{m.count}" for m in chars)
        out.append(
            f"  {role:<{width}}{len(chars)} character{'s' * (len(chars) > 1)} "
            f"({times} time{'s' * (times > 1)}): {listed}"
        )
    return out


def to_json(result: Survey) -> dict:
    """The ``--json`` output (see docs/fonts.md)."""
    doc: dict = {
        "schema_version": SCHEMA_VERSION,
        "manifest": str(result.manifest),
        "sets": [{"key": s.key, "label": s.label, "size": len(s.codes)} for s in result.sets],
        "faces": [_face_json(row) for row in result.faces],
        "roles": [
            {
                "role": role.role,
                "chain": list(role.chain),
                "absent": list(role.absent),
                "coverage": dict(role.coverage),
            }
            for role in result.roles
        ],
        "notes": list(result.notes),
        "thin_first_faces": [
            {
                "role": t.role,
                "face": t.face,
                "family": t.family,
                "gb2312_level1": t.has,
                "of": t.of,
            }
            for t in result.thin
        ],
    }
    if result.text is not None and result.missing is not None:
        doc["text"] = {
            "source": result.text.source,
            "characters": result.text.characters,
            "distinct": result.text.distinct,
            "missing": {
                role: [
                    {"char": m.char, "code": f"U+{ord(m.char):04X}", "count": m.count}
                    for m in chars
                ]
                for role, chars in result.missing.items()
            },
        }
    return doc


def _face_json(row: FaceRow) -> dict:
    info = row.info
    return {
        "id": info.id,
        "file": str(info.path),
        "index": info.index,
        "family": info.family,
        "weight": info.weight,
        "optional": info.optional,
        "present": row.present,
        "outlines": row.outlines or None,
        "truetype": str(row.truetype) if row.truetype is not None else None,
        "characters": row.characters,
        "coverage": dict(row.coverage) if row.coverage is not None else None,
    }


# --------------------------------------------------------------------------- the command


def read_text(name: str) -> tuple[str, str]:
    """``--text``'s argument: a file (UTF-8), or ``-`` for standard input. Raises SpecError."""
    if name == "-":
        return "(standard input)", sys.stdin.read()
    path = Path(name)
    try:
        return display_path(path), path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(f"{name}: not UTF-8 text (byte {exc.start}): --text reads UTF-8") from None
    except OSError as exc:
        raise SpecError(f"{name}: cannot read the text: {exc.strerror or exc}") from None


def fonts_command(args: argparse.Namespace) -> int:
    """``banmian fonts``: print the survey (``args.json``: as JSON); see the module
    docstring for the exit code."""
    manifest = args.manifest if args.manifest is not None else DEFAULT_MANIFEST
    text = read_text(args.text) if args.text is not None else None
    result = survey(manifest, text)
    if args.json:
        print(json.dumps(to_json(result), ensure_ascii=False, indent=2))
    else:
        sys.stdout.write(render(result))
    lacking = result.missing is not None and any(result.missing.values())
    return EXIT_PROBLEMS if args.strict and lacking else 0
