"""The fonts manifest: the faces of ``fonts/`` and the roles a paper needs, validated.

``fonts/manifest.yaml`` names the faces (宋 ``song``, heavy 宋 ``song-heavy``, 黑 ``hei``…,
楷 ``kai``, and the last-resort faces for rare ideographs) and, for each role, a fallback
chain: the first face that has a character sets it.

Contract:

- :data:`MANIFEST` is the manifest's schema (the layout.schema tables, so every error has the
  manifest's file:line:column); :func:`read_manifest` validates it: a face without ``file``,
  a role naming an undefined face, an empty chain, a role with only optional faces, an
  unknown key. It reads no font file; :mod:`layout.fonts.library` opens them.
- A face's ``file`` is a TrueType ``.ttf``, a CFF ``.otf`` or one face of a ``.ttc``/``.otc``
  collection, written ``FILE#N`` with N the face index from 0 (``NotoSansCJK-Regular.ttc#2``,
  as the ``source`` notes write it; :func:`split_face_index`): :attr:`FaceInfo.path` is the
  file, :attr:`FaceInfo.index` the face. Which outlines a file has is read from the file
  itself, not its name; :mod:`layout.fonts.convert` makes the TrueType font layout opens.
- Every problem is raised at once as :class:`FontErrors` (a
  :class:`~layout.errors.SpecErrors`); a bad face file is reported at the manifest's
  ``faces.<id>.file`` (:func:`face_error`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..bundled import BUNDLED_MANIFEST
from ..errors import SourcePos, SpecError, SpecErrors, display_path
from ..records import NamedTuple
from ..schema import (
    BOOL,
    FAILED,
    STR,
    Field,
    ListOf,
    MapOf,
    Record,
    int_kind,
    suggest,
)
from ..yamlsource import YamlDoc, child_path, load_yaml

# The bundled fonts (the wheel's layout/bundled_fonts/, a checkout's fonts/): layout.bundled.
DEFAULT_MANIFEST = BUNDLED_MANIFEST

FACE = Record(
    "face",
    [
        Field(
            "file",
            STR,
            required=True,
            doc="the font file, relative to the manifest: a TrueType .ttf, or a .otf with CFF "
            "outlines, or one face of a .ttc/.otc collection written FILE#N (N the face index, "
            "from 0: NotoSansCJK-Regular.ttc#2). A CFF face is converted to TrueType outlines "
            "once and kept in the user's cache folder (layout.fonts.convert)",
        ),
        Field("family", STR, doc="family name, for people (default: the face id)"),
        Field("weight", int_kind(1, 1000), doc="weight class: 400 regular, 700 bold, 900 black"),
        Field("licence", STR, doc="the licence file shipped beside the font"),
        Field("source", STR, doc="where the file came from (package, file, face index)"),
        Field(
            "optional",
            BOOL,
            doc="true: the file may be absent (a large face installed by a system package, "
            "not shipped): it is then left out of its chains with one warning per build, and "
            "it is opened only when a chain first needs a character its earlier faces lack",
        ),
        Field(
            "package",
            STR,
            doc="the Debian package that installs the file (tools/setup.sh): named when the "
            "file is missing",
        ),
    ],
    "One font file.",
)

MANIFEST = Record(
    "fonts manifest",
    [
        Field("faces", MapOf(FACE, "a mapping of face ids to faces"), required=True),
        Field(
            "roles",
            MapOf(ListOf(STR), "a mapping of role names to lists of face ids"),
            required=True,
            doc="role → fallback chain of face ids: the first face that has a character "
            "sets it; styles name roles",
        ),
        Field("coverage", STR, doc="the character list the faces were subset to (a record)"),
    ],
    "The fonts manifest (``fonts/manifest.yaml``), named by a page spec's ``fonts``.",
)


class FaceInfo(NamedTuple):
    """One font file of the manifest."""

    id: str
    path: Path  # the font file (of a collection: the whole .ttc)
    family: str
    licence: str
    weight: int | None = None
    pos: SourcePos | None = None  # where the manifest names the file: errors point there
    optional: bool = False  # may be absent; opened only when needed (see the module docstring)
    package: str = ""  # the Debian package that installs the file
    index: int | None = None  # the face of a collection (``file: X.ttc#N``); None: one font

    @property
    def file_label(self) -> str:
        """The file as the manifest writes it, for messages: ``…/X.ttc#2``."""
        return display_path(self.path) + ("" if self.index is None else f"#{self.index}")


class Manifest(NamedTuple):
    """A validated fonts manifest."""

    path: Path
    faces: Mapping[str, FaceInfo]
    roles: Mapping[str, tuple[str, ...]]


class FontErrors(SpecErrors):
    """Everything wrong with a manifest and its faces. ``roles`` are the roles the manifest
    defines when it got that far (so a spec's styles can still be checked against them)."""

    def __init__(self, errors: list[SpecError], roles: frozenset[str] | None = None) -> None:
        super().__init__(errors)
        self.roles = roles


def read_manifest(path: Path) -> Manifest:
    """Load and validate a fonts manifest (not the font files); raises :class:`FontErrors`
    listing every problem with its place in the manifest."""
    try:
        doc = load_yaml(path)
    except SpecError as exc:
        raise FontErrors([exc]) from None
    errors: list[SpecError] = []
    v = MANIFEST.check(doc, "", doc.value, errors)
    if v is FAILED:
        raise FontErrors(errors)
    base = doc.file.parent
    faces: dict[str, FaceInfo] = {}
    for face_id, entry in (v.get("faces") or {}).items():
        if entry is FAILED or "file" not in entry:
            continue
        path_key = child_path(child_path("faces", face_id), "file")
        file, index = split_face_index(entry["file"])
        faces[face_id] = FaceInfo(
            face_id,
            Path(os.path.normpath(base / file)),
            entry.get("family") or face_id,
            entry.get("licence") or "",
            entry.get("weight"),
            doc.pos(path_key),
            bool(entry.get("optional")),
            entry.get("package") or "",
            index,
        )
    defined = set((doc.value.get("faces") or {}) if isinstance(doc.value, Mapping) else ())
    optional = {face_id for face_id, info in faces.items() if info.optional}
    roles: dict[str, tuple[str, ...]] = {}
    for role, chain in (v.get("roles") or {}).items():
        if chain is FAILED:
            continue
        roles[role] = _chain(doc, role, chain, defined, errors)
        if roles[role] and set(roles[role]) <= optional:
            errors.append(
                doc.error(
                    child_path("roles", role),
                    "a role needs a face that is not optional (got only optional faces: "
                    f"{', '.join(roles[role])})",
                )
            )
    if errors:
        raise FontErrors(errors, frozenset(roles) if "roles" in v else None)
    return Manifest(doc.file, faces, roles)


_FACE_INDEX = re.compile(r"#(\d{1,4})")


def split_face_index(file: str) -> tuple[str, int | None]:
    """``X.ttc#2`` → (``X.ttc``, 2); a name without a ``#`` and digits at its end is a single
    font's (a ``#`` elsewhere in a file name is the name's)."""
    head, sep, tail = file.rpartition("#")
    if sep and head and _FACE_INDEX.fullmatch(sep + tail):
        return head, int(tail)
    return file, None


def _chain(
    doc: YamlDoc, role: str, chain: list[Any], defined: set[str], errors: list[SpecError]
) -> tuple[str, ...]:
    path = child_path("roles", role)
    if not chain:
        errors.append(doc.error(path, "a role needs at least one face (got an empty list)"))
    for i, face_id in enumerate(chain):
        if face_id is not FAILED and face_id not in defined:
            known = sorted(defined)
            listed = f"; faces: {', '.join(known)}" if known else "; the manifest has no faces"
            errors.append(
                doc.error(
                    child_path(path, i),
                    f"unknown face {face_id!r}{suggest(face_id, known)}{listed}",
                )
            )
    return tuple(f for f in chain if f is not FAILED)


def not_there(path: Path) -> bool:
    """Whether a face's file does not exist (a symbolic link to nothing included): an
    optional face is then absent. Any other fault is the file's, reported as such."""
    try:
        path.stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return False


def face_error(info: FaceInfo, reason: str) -> SpecError:
    """A bad face file, reported at the manifest's ``faces.<id>.file`` (a missing one with the
    package that installs it, when the manifest names it)."""
    if info.package and not_there(info.path):
        reason += f"; it is installed by the Debian package {info.package} (tools/setup.sh)"
    return SpecError(
        f"font file {info.file_label!r}: {reason}",
        pos=info.pos,
        key_path=f"faces.{info.id}.file",
    )
