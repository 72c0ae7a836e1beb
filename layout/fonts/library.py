"""Fonts: the faces shipped in ``fonts/``, the roles a paper needs, and their metrics.

``fonts/manifest.yaml`` names the faces (宋 ``song``, heavy 宋 ``song-heavy``, 黑 ``hei``…,
楷 ``kai``, and the last-resort faces for rare ideographs) and, for each role, a fallback
chain: the first face that has a character sets it. Advances come from the font tables
(``hmtx``, ``vmtx``), read once per face per process. A character that no face of the chain
has is reported by the text engine.

Contract:

- :data:`MANIFEST` is the manifest's schema (the yamlsource tables, so every error has the
  manifest's file:line:column); :func:`read_manifest` validates it: a face without ``file``,
  a role naming an undefined face, an empty chain, an unknown key.
- :meth:`FontLibrary.from_manifest` reads the manifest and opens and verifies every face it
  defines (:func:`layout.fonts.verify.open_truetype`, the ``GSUB`` vertical forms included),
  so a library that loads lays out and writes without an exception. Everything wrong is
  raised at once as :class:`FontErrors` (a :class:`~layout.errors.SpecErrors`), each error at
  the manifest's ``faces.<id>.file``.
- An ``optional`` face (a large last-resort face installed by a system package, not shipped)
  may be absent: it is then left out of its chains and listed in
  :attr:`FontLibrary.absent` (the page reports it once, :meth:`FontLibrary.absent_message`),
  and the characters only it has are reported missing as usual. A present optional face is
  checked cheaply when the manifest is loaded (:func:`layout.fonts.verify.check_directory`) and
  opened, verified in full and its ``cmap`` read only when a chain first asks it for a
  character its earlier faces lack (:class:`Face` is lazy); a fault found then is the same
  positioned :class:`FontErrors`. Every role needs one face that is not optional.
- :func:`library` is ``from_manifest`` kept per process while the manifest and the face files
  are unchanged on disk (size, modification time, inode), so ``watch`` picks up a new font.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

from ..errors import SourcePos, SpecError, SpecErrors, display_path
from ..text.metrics import GlyphInfo
from ..yamlsource import (
    BOOL,
    FAILED,
    STR,
    Field,
    ListOf,
    MapOf,
    Record,
    YamlDoc,
    child_path,
    int_kind,
    load_yaml,
    suggest,
)
from .sfnt import FontFileError, read_advances, substitute
from .verify import TrueTypeFile, check_directory, open_truetype

# The repository's fonts/ folder, beside the package layout/.
DEFAULT_MANIFEST = Path(__file__).resolve().parents[2] / "fonts" / "manifest.yaml"

FACE = Record(
    "face",
    [
        Field(
            "file",
            STR,
            required=True,
            doc="TrueType font file (glyf outlines), relative to the manifest; a .otf with "
            "CFF outlines or a .ttc collection is refused (convert it: tools/build_fonts.py)",
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


@dataclass(frozen=True)
class FaceInfo:
    """One font file of the manifest."""

    id: str
    path: Path
    family: str
    licence: str
    weight: int | None = None
    pos: SourcePos | None = None  # where the manifest names the file: errors point there
    optional: bool = False  # may be absent; opened only when needed (see the module docstring)
    package: str = ""  # the Debian package that installs the file


@dataclass(frozen=True)
class Manifest:
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


@dataclass(frozen=True)
class _Tables:
    """What layout reads from a face's file: character map and metrics."""

    file: TrueTypeFile
    hmtx: list[int]
    vmtx: list[int] | None


class Face:
    """A font face's tables that layout needs: character map and advances, in em.

    A face made with ``lazy=True`` opens and verifies its file (:func:`open_face`) when one
    of them is first asked for; a fault found then raises :class:`FontErrors` at the
    manifest's ``faces.<id>.file``."""

    def __init__(
        self, info: FaceInfo, verified: TrueTypeFile | None = None, *, lazy: bool = False
    ) -> None:
        self.info = info
        self._tables: _Tables | None = None
        if not lazy:
            self._load(verified if verified is not None else open_truetype(info.path))

    def _load(self, file: TrueTypeFile) -> _Tables:
        # Layout needs only the character map and advances: read from the tables' bytes
        # (fontTools' table objects would name every glyph first, ten times slower).
        count = file.num_glyphs
        reader = file.font.reader
        vmtx = (
            read_advances(reader["vmtx"], file.v_metrics, count)
            if file.v_metrics is not None
            else None
        )
        self._tables = _Tables(file, read_advances(reader["hmtx"], file.h_metrics, count), vmtx)
        return self._tables

    @property
    def _t(self) -> _Tables:
        tables = self._tables
        if tables is None:
            try:
                tables = self._load(open_truetype(self.info.path))
            except FontFileError as exc:
                raise FontErrors([face_error(self.info, exc.reason)]) from None
        return tables

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def opened(self) -> bool:
        """Whether the face's file has been opened (a lazy face: not before it is needed)."""
        return self._tables is not None

    @property
    def cmap(self) -> dict[int, int]:
        return self._t.file.cmap

    @property
    def units_per_em(self) -> int:
        return self._t.file.units_per_em

    @property
    def ascender(self) -> float:
        file = self._t.file
        return file.ascent / file.units_per_em

    @property
    def descender(self) -> float:
        file = self._t.file
        return file.descent / file.units_per_em

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def advance(self, ch: str) -> float:
        """Horizontal advance of ``ch`` in em (the character must be in the face)."""
        t = self._t
        return t.hmtx[t.file.cmap[ord(ch)]] / t.file.units_per_em

    def vertical_advance(self, ch: str) -> float:
        """Vertical advance of ``ch`` in em, from ``vmtx`` (1 em where there is none)."""
        t = self._t
        if t.vmtx is None:
            return 1.0
        return t.vmtx[t.file.cmap[ord(ch)]] / t.file.units_per_em

    def vertical_form(self, ch: str) -> int | None:
        """The glyph id of the vertical form of ``ch`` (the face's ``GSUB`` ``vert``/``vrt2``
        substitution, read when the face was opened); None: the face has none, or not ``ch``."""
        t = self._t
        gid = t.file.cmap.get(ord(ch))
        if gid is None:
            return None
        form = substitute(t.file.vertical_forms, gid)
        return form if form != gid else None

    @property
    def font(self) -> TTFont:
        return self._t.file.font


@dataclass
class ChainMetrics:
    """The text engine's :class:`~layout.text.metrics.Metrics` over a fallback chain, in both
    directions: the first face of the chain that has a character sets it, and gives its
    horizontal advance (:meth:`glyph`), its advance down a vertical line when it stands
    upright (:meth:`upright`, from ``vmtx``) and its vertical form (:meth:`vertical_form`).
    A character no face has is 1 em (CJK and beyond) or ½ em wide either way."""

    faces: tuple[Face, ...]
    _cache: dict[str, GlyphInfo] = field(default_factory=dict, repr=False)
    _upright: dict[str, GlyphInfo] = field(default_factory=dict, repr=False)
    # The text engine's boxes of single characters, per size (see text.prepare._boxes).
    box_cache: dict[tuple, dict] = field(default_factory=dict, repr=False)

    def glyph(self, ch: str) -> GlyphInfo:
        info = self._cache.get(ch)
        if info is None:
            info = self._lookup(ch)
            self._cache[ch] = info
        return info

    def _lookup(self, ch: str) -> GlyphInfo:
        code = ord(ch)
        # In chain order: a lazy face's file is opened only when its earlier faces lack ch.
        for face in self.faces:
            if code in face.cmap:
                return GlyphInfo(face.id, face.advance(ch))
        return _missing(ch)

    def face_of(self, text: str) -> Face | None:
        """The first face of the chain that has every character of ``text`` (None: none has)."""
        return next((f for f in self.faces if all(ord(c) in f.cmap for c in text)), None)

    def upright(self, ch: str) -> GlyphInfo:
        """``ch`` standing upright in a vertical line: the face that sets it and its vertical
        advance (``vmtx``; 1 em where the face has none)."""
        info = self._upright.get(ch)
        if info is None:
            face = self.face_of(ch)
            info = _missing(ch) if face is None else GlyphInfo(face.id, face.vertical_advance(ch))
            self._upright[ch] = info
        return info

    def vertical_form(self, ch: str) -> int | None:
        """The glyph id of the vertical form of ``ch`` in the face that sets it (None: that
        face has none, or no face has ``ch``)."""
        face = self.face_of(ch)
        return None if face is None else face.vertical_form(ch)


def _missing(ch: str) -> GlyphInfo:
    """A character no face of a chain has: 1 em from the CJK radicals on, else ½ em."""
    return GlyphInfo(None, 1.0 if ord(ch) > 0x2E7F else 0.5)


_Stamp = tuple[int, int, int] | None  # (size, mtime_ns, inode) of a file, None: unreadable


def _stamp(path: Path) -> _Stamp:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ino)


class FontLibrary:
    """All faces of a manifest and the role chains over them. ``face_infos`` and the chains
    hold the faces that are there; ``absent`` the optional faces whose file is not."""

    def __init__(
        self,
        manifest: Path,
        faces: dict[str, FaceInfo],
        roles: dict[str, tuple[str, ...]],
        opened: Mapping[str, Face] | None = None,
        sources: Mapping[Path, _Stamp] | None = None,
        absent: tuple[FaceInfo, ...] = (),
    ) -> None:
        self.manifest = manifest
        self.face_infos = faces
        self.roles = roles
        self.absent = absent
        self._faces: dict[str, Face] = dict(opened or {})
        self._metrics: dict[str, ChainMetrics] = {}
        # The files the library was read from, as they were: see is_current().
        self.sources: Mapping[Path, _Stamp] = dict(sources or {})
        # Results derived from these fonts alone (paragraphs already set), kept as long as
        # the fonts are: a rebuild in the same process sets only what changed.
        self.memo: dict[object, object] = {}

    @classmethod
    def from_manifest(cls, manifest: Path = DEFAULT_MANIFEST) -> FontLibrary:
        """Read the manifest and open and verify every face (an optional one: its table
        directory, or its absence noted); raises :class:`FontErrors`."""
        path = Path(manifest)
        sources = {path: _stamp(path)}  # taken before reading: a change after it is seen
        m = read_manifest(path)
        faces: dict[str, Face] = {}
        absent: list[FaceInfo] = []
        errors: list[SpecError] = []
        for face_id, info in m.faces.items():
            sources[info.path] = _stamp(info.path)  # None while absent: an install is seen
            try:
                if not info.optional:
                    faces[face_id] = open_face(info)
                elif not_there(info.path):
                    absent.append(info)
                else:
                    check_directory(info.path)
                    faces[face_id] = Face(info, lazy=True)
            except FontFileError as exc:
                errors.append(face_error(info, exc.reason))
        if errors:
            raise FontErrors(errors, frozenset(m.roles))
        present = {face_id: info for face_id, info in m.faces.items() if face_id in faces}
        roles = {
            role: tuple(face_id for face_id in chain if face_id in faces)
            for role, chain in m.roles.items()
        }
        return cls(path, present, roles, faces, sources, tuple(absent))

    def absent_message(self) -> str | None:
        """The warning for the optional faces that are not installed (None: all are)."""
        if not self.absent:
            return None
        faces = ", ".join(f"{info.id} ({display_path(info.path)})" for info in self.absent)
        packages = sorted({info.package for info in self.absent if info.package})
        if packages:
            what = "the Debian package" + "s" * (len(packages) > 1)
            install = f"install {what} {', '.join(packages)} (tools/setup.sh does)"
        else:
            install = "install the file"
        them = "it has" if len(self.absent) == 1 else "they have"
        return (
            f"optional font face{'s' * (len(self.absent) > 1)} not installed: {faces}; "
            f"{install}. Until then the characters only {them} are reported as missing"
        )

    def first_face(self) -> str:
        """A face that is always opened (not optional): for text with no role of its own."""
        return next(
            (f for f, info in self.face_infos.items() if not info.optional),
            next(iter(self.face_infos)),
        )

    def is_current(self) -> bool:
        """Whether the manifest and every face file are as they were when read."""
        return all(_stamp(path) == stamp for path, stamp in self.sources.items())

    def face(self, face_id: str) -> Face:
        face = self._faces.get(face_id)
        if face is None:
            info = self.face_infos[face_id]
            face = Face(info, lazy=info.optional)
            self._faces[face_id] = face
        return face

    def metrics(self, role: str) -> ChainMetrics:
        """Metrics of a role's fallback chain."""
        chain = self._metrics.get(role)
        if chain is None:
            chain = ChainMetrics(tuple(self.face(f) for f in self.roles[role]))
            self._metrics[role] = chain
        return chain


_LIBRARIES_KEPT = 8  # manifests whose libraries a process keeps (tests make many)


class _Libraries:
    """Font libraries by manifest path, most recent last; a library whose files changed on
    disk is read again."""

    def __init__(self) -> None:
        self._kept: OrderedDict[Path, FontLibrary] = OrderedDict()

    def get(self, manifest: Path) -> FontLibrary:
        key = Path(os.path.abspath(manifest))
        kept = self._kept.get(key)
        if kept is not None and kept.is_current():
            self._kept.move_to_end(key)
            return kept
        self._kept.pop(key, None)
        fresh = FontLibrary.from_manifest(key)
        self._kept[key] = fresh
        while len(self._kept) > _LIBRARIES_KEPT:
            self._kept.popitem(last=False)
        return fresh


_libraries = _Libraries()


def library(manifest: Path = DEFAULT_MANIFEST) -> FontLibrary:
    """The font library of a manifest, loaded once per process while its files stay as
    they are (a changed manifest or face file is read again). Raises :class:`FontErrors`."""
    return _libraries.get(Path(manifest))


# --------------------------------------------------------------------------- the manifest


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
        faces[face_id] = FaceInfo(
            face_id,
            Path(os.path.normpath(base / entry["file"])),
            entry.get("family") or face_id,
            entry.get("licence") or "",
            entry.get("weight"),
            doc.pos(path_key),
            bool(entry.get("optional")),
            entry.get("package") or "",
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
        f"font file {display_path(info.path)!r}: {reason}",
        pos=info.pos,
        key_path=f"faces.{info.id}.file",
    )


def open_face(info: FaceInfo) -> Face:
    """Open and verify a face (:func:`layout.fonts.verify.open_truetype`). Raises
    FontFileError."""
    return Face(info, open_truetype(info.path))
