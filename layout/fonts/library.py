"""Fonts: the faces of a manifest, their metrics in both directions, and the library of them.

Advances come from the font tables (``hmtx``, ``vmtx``) and vertical forms from ``GSUB``,
read once per face when its file is opened (:mod:`layout.fonts.verify`,
:mod:`layout.fonts.sfnt`). A character that no face of a chain has is reported by the text
engine.

Contract:

- :meth:`FontLibrary.from_manifest` reads the manifest (:func:`layout.fonts.manifest.read_manifest`)
  and verifies every face it defines (:func:`layout.fonts.verify.open_truetype`, the ``GSUB``
  vertical forms included), so a library that loads lays out and writes without an
  exception. Everything wrong is raised at once as :class:`~layout.fonts.manifest.FontErrors`
  (a :class:`~layout.errors.SpecErrors`), each error at the manifest's ``faces.<id>.file``.
  A face whose file passed that verification before, as it is now on disk (size, times,
  inode: :mod:`layout.fonts.verified`, kept in the user's cache), is not read when the
  library loads: it is opened, and its ``cmap`` and metrics read, when a chain first asks it
  for a character (:class:`Face` is lazy), so a page pays only for the faces it uses. A
  file changed since is verified in full again at load; a fault found when a lazy face is
  opened (the file damaged under a running process) is the same positioned
  :class:`~layout.fonts.manifest.FontErrors`.
- :class:`Face` gives a face's character map, its horizontal and vertical advances and the
  vertical form of a character; :class:`ChainMetrics` gives the same along a role's fallback
  chain (the text engine's :class:`~layout.text.metrics.Metrics`, and the upright advance and
  vertical form a vertical line needs).
- An ``optional`` face (a large last-resort face installed by a system package, not shipped)
  may be absent: it is then left out of its chains and listed in
  :attr:`FontLibrary.absent` (the page reports it once, :meth:`FontLibrary.absent_message`),
  and the characters only it has are reported missing as usual. A present optional face is
  checked cheaply when the manifest is loaded (:func:`layout.fonts.verify.check_directory`) and
  opened, verified in full and its ``cmap`` read only when a chain first asks it for a
  character its earlier faces lack (:class:`Face` is lazy); a fault found then is the same
  positioned :class:`~layout.fonts.manifest.FontErrors`. Every role needs one face that is not
  optional.
- :func:`library` is ``from_manifest`` kept per process while the manifest and the face files
  are unchanged on disk (size, modification time, inode), so ``watch`` picks up a new font.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from operator import attrgetter
from pathlib import Path

from ..errors import SpecError, display_path
from ..records import NamedTuple
from ..text.metrics import GlyphInfo
from .convert import check_source, open_source
from .manifest import DEFAULT_MANIFEST, FaceInfo, FontErrors, face_error, not_there, read_manifest
from .sfnt import GLYPH_HEADER, FontFileError, read_advances, substitute
from .subset import TrueTypeProgram
from .tables import FontTables
from .verified import face_key, remember, was_verified
from .verify import TrueTypeFile
from .vertforms import QUOTE_BRACKETS, Outline, checked, outline, same_mark

# Under this share of the 汉字 (GB 2312's level 1 for a face, ``banmian fonts``; those drawn in
# a style for a page, layout.compose.fallback), a role's first face is one that sets little
# Chinese text (a Latin-only face, a display face of a few hundred 汉字) and the faces after
# it the rest; a face made for Chinese has all but the rare characters.
FIRST_FACE_SHARE = 0.10


class _Tables(NamedTuple):
    """What layout reads from a face's file: the verified file (character map, vertical
    forms) and the advances of both directions, in font units."""

    file: TrueTypeFile
    hmtx: Sequence[int]
    vmtx: Sequence[int] | None


class Face:
    """A font face's tables that layout needs: character map, horizontal and vertical
    advances (in em) and the vertical forms of characters (glyph ids).

    A face made with ``lazy=True`` opens and verifies its file (:func:`open_face`) when one
    of them is first asked for; a fault found then raises :class:`FontErrors` at the
    manifest's ``faces.<id>.file``."""

    def __init__(
        self,
        info: FaceInfo,
        verified: TrueTypeFile | None = None,
        *,
        lazy: bool = False,
        key: str | None = None,
        verified_before: bool = False,
    ) -> None:
        self.info = info
        self._tables: _Tables | None = None
        # The file's identity when it was found (layout.fonts.verified), and whether a record
        # says that file passed in full: a lazy face opened unchanged is then not verified
        # again in full (open_truetype's verified_before), else remembered once it passes.
        self._key = key
        self._verified_before = verified_before
        # Per character, as the face's tables give them (a memo keyed by the character: the
        # tables do not change while the face is kept): a vertical page asks each glyph's
        # advances and vertical form as it measures and again as it draws, and each answer
        # costs a bisection of the cmap's segments.
        self._advances: dict[str, float] = {}
        self._vertical_advances: dict[str, float] = {}
        self._vertical_forms: dict[str, int | None] = {}
        # The characters whose GSUB vertical form is no form of them (layout.fonts.vertforms),
        # in the order they were found: drawn without it, and reported.
        self._refused: dict[str, None] = {}
        self._inks: dict[str, tuple[float, float] | None] = {}
        self._program: TrueTypeProgram | None = None
        if not lazy:
            self._load(verified if verified is not None else open_source(info))

    def _load(self, file: TrueTypeFile) -> _Tables:
        # Layout needs only the character map, advances and vertical forms: read from the
        # tables' bytes (fontTools' table objects would name every glyph first, ten times
        # slower).
        count = file.num_glyphs
        reader = file.tables
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
            # Unchanged since the library found it: the file is the one recorded, or checked
            # (an optional face's directory) when the library loaded.
            key = self._key
            same = key is not None and key == face_key(self.info.path, self.info.index)
            try:
                verified = open_source(self.info, verified_before=same and self._verified_before)
                tables = self._load(verified)
            except FontFileError as exc:
                raise FontErrors([face_error(self.info, exc.reason)]) from None
            if key is not None and same and not self._verified_before:
                remember(key)  # verified in full now
        return tables

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def opened(self) -> bool:
        """Whether the face's file has been opened (a lazy face: not before it is needed)."""
        return self._tables is not None

    @property
    def cmap(self) -> Mapping[int, int]:
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
        found = self._advances.get(ch)
        if found is None:
            t = self._t
            found = self._advances[ch] = t.hmtx[t.file.cmap[ord(ch)]] / t.file.units_per_em
        return found

    def advance_of(self, ch: str) -> float | None:
        """Horizontal advance of ``ch`` in em, None when the face does not have it: what a
        chain asks of each face in turn, one look in the ``cmap`` (not one to ask whether the
        face has it and another for its glyph)."""
        found = self._advances.get(ch)
        if found is None:
            t = self._t
            gid = t.file.cmap.get(ord(ch))
            if gid is None:
                return None
            found = self._advances[ch] = t.hmtx[gid] / t.file.units_per_em
        return found

    def vertical_advance(self, ch: str) -> float:
        """Vertical advance of ``ch`` in em, from ``vmtx`` (1 em where there is none)."""
        found = self._vertical_advances.get(ch)
        if found is None:
            t = self._t
            found = 1.0 if t.vmtx is None else t.vmtx[t.file.cmap[ord(ch)]] / t.file.units_per_em
            self._vertical_advances[ch] = found
        return found

    def ink(self, ch: str) -> tuple[float, float] | None:
        """Where the outline of ``ch`` starts and ends along the line, in em: its ``glyf``
        record's xMin and xMax (None: an empty glyph). The character must be in the face."""
        if ch in self._inks:
            return self._inks[ch]
        t = self._t
        if self._program is None:
            self._program = TrueTypeProgram(t.file.tables)
        record = self._program.glyph_data(t.file.cmap[ord(ch)])
        found = None
        if len(record) >= GLYPH_HEADER.size:
            _, x_min, _, x_max, _ = GLYPH_HEADER.unpack_from(record)
            found = (x_min / t.file.units_per_em, x_max / t.file.units_per_em)
        self._inks[ch] = found
        return found

    def vertical_form(self, ch: str) -> int | None:
        """The glyph id of the vertical form of ``ch`` (the face's ``GSUB`` ``vert``/``vrt2``
        substitution, read when the face was opened); None: the face has none, or not ``ch``,
        or its form's outline is no form of the mark (:meth:`refuses_form`)."""
        forms = self._vertical_forms
        if ch in forms:
            return forms[ch]
        t = self._t
        gid = t.file.cmap.get(ord(ch))
        form = None if gid is None else substitute(t.file.vertical_forms, gid)
        if form == gid:
            form = None
        elif gid is not None and form is not None and checked(ch) and not self._like(ch, form):
            self._refused[ch] = None
            form = None
        forms[ch] = form
        return form

    def refuses_form(self, ch: str) -> bool:
        """Whether the face's ``GSUB`` gives ``ch`` a vertical form whose outline is no form of
        it (:func:`~layout.fonts.vertforms.same_mark`: Droid Sans Fallback's ideographs for
        、。「」): :meth:`vertical_form` is then None, and the mark is drawn as a face without
        the form draws it."""
        self.vertical_form(ch)
        return ch in self._refused

    def _like(self, ch: str, form: int) -> bool:
        """Whether glyph ``form`` can be ``ch`` moved or turned, or (a curly quote) the corner
        bracket vertical text quotes with (:data:`~layout.fonts.vertforms.QUOTE_BRACKETS`)."""
        drawn = self._outline(form)
        if same_mark(self._outline(self.cmap[ord(ch)]), drawn):
            return True
        bracket = self.cmap.get(ord(QUOTE_BRACKETS.get(ch, ch)))
        return (
            ch in QUOTE_BRACKETS
            and bracket is not None
            and same_mark(self._outline(bracket), drawn)
        )

    def _outline(self, gid: int) -> Outline | None:
        t = self._t
        if self._program is None:
            self._program = TrueTypeProgram(t.file.tables)
        return outline(self._program.glyph_data(gid), t.file.units_per_em)

    @property
    def tables(self) -> FontTables:
        """The face's file: its tables' bytes (the PDF writer's subsets read them)."""
        return self._t.file.tables

    @property
    def vertical_forms(self) -> tuple[dict[int, int], ...]:
        """The face's ``GSUB`` ``vert``/``vrt2`` single substitutions, per lookup in lookup
        order (:func:`layout.fonts.sfnt.read_vert`): the PDF writer finds in them the glyphs
        that stand for more than one character (``layout.render.cidfont``)."""
        return self._t.file.vertical_forms


class ChainMetrics:
    """The text engine's :class:`~layout.text.metrics.Metrics` over a fallback chain, in both
    directions: the first face of the chain that has a character sets it, and gives its
    horizontal advance (:meth:`glyph`), its advance down a vertical line when it stands
    upright (:meth:`upright`, from ``vmtx``) and its vertical form (:meth:`vertical_form`).
    A character no face has is 1 em (CJK and beyond) or ½ em wide either way."""

    # A plain class, not a dataclass: it is mutable (its stores fill as text is set) and
    # compared by identity, and a dataclass's generated methods cost the import a compile.
    __slots__ = (
        "faces", "_cache", "_upright", "_forms", "box_cache", "part_cache", "shape_cache",
    )  # fmt: skip

    def __init__(self, faces: tuple[Face, ...]) -> None:
        self.faces = faces
        self._cache: dict[str, GlyphInfo] = {}
        self._upright: dict[str, GlyphInfo] = {}
        self._forms: dict[str, int | None] = {}
        # The text engine's boxes of single characters, per size (see text.prepare._boxes).
        self.box_cache: dict[tuple, dict] = {}
        # The text engine's preparation of a paragraph's text before its measure is known, by
        # text and style (see text.prepare._part): its items are those the paragraph's lines
        # hold, so keeping them costs little more than the lines kept in the library's memo.
        self.part_cache: dict[tuple, tuple] = {}
        # What a part's text makes before its size is known (see text.prepare._shape): a
        # headline tried at several sizes collects and spaces its text once.
        self.shape_cache: dict[tuple, object] = {}

    def __repr__(self) -> str:
        return f"ChainMetrics(faces={self.faces!r})"

    def glyph(self, ch: str) -> GlyphInfo:
        info = self._cache.get(ch)
        if info is None:
            info = self._lookup(ch)
            self._cache[ch] = info
        return info

    def faces_of(self, chars: Sequence[str]) -> list[str | None]:
        """The face id that sets each of ``chars`` (None: no face has it), in order: a
        page's characters counted by face at C speed, each one set before already known."""
        infos = [*map(self._cache.get, chars)]
        if None in infos:
            infos = [info or self.glyph(ch) for info, ch in zip(infos, chars, strict=True)]
        return [*map(_FACE, infos)]

    def _lookup(self, ch: str) -> GlyphInfo:
        # In chain order: a lazy face's file is opened only when its earlier faces lack ch.
        for face in self.faces:
            advance = face.advance_of(ch)
            if advance is not None:
                return GlyphInfo(face.id, advance)
        return _missing(ch)

    def ink(self, ch: str) -> tuple[float, float] | None:
        """Where the outline of ``ch`` starts and ends along the line in the face that sets it,
        in em (:meth:`Face.ink`; None: an empty glyph, or no face has ``ch``)."""
        face_id = self.glyph(ch).face
        face = next((f for f in self.faces if f.id == face_id), None)
        return None if face is None else face.ink(ch)

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
        forms = self._forms
        if ch in forms:
            return forms[ch]
        face = self.face_of(ch)
        found = forms[ch] = None if face is None else face.vertical_form(ch)
        return found

    def refused_form(self, ch: str) -> str | None:
        """The id of the face that sets ``ch`` when it refuses the vertical form its ``GSUB``
        gives ``ch`` (:meth:`Face.refuses_form`); None: it takes it, or has none."""
        face = self.face_of(ch)
        return face.id if face is not None and face.refuses_form(ch) else None


_FACE = attrgetter("face")  # a GlyphInfo's face id, got at C speed (ChainMetrics.faces_of)


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
        """Read the manifest and verify every face (one verified before as it is: not read
        until needed; an optional one: its table directory, or its absence noted); raises
        :class:`FontErrors`."""
        path = Path(manifest)
        sources = {path: _stamp(path)}  # taken before reading: a change after it is seen
        m = read_manifest(path)
        faces: dict[str, Face] = {}
        absent: list[FaceInfo] = []
        errors: list[SpecError] = []
        for face_id, info in m.faces.items():
            sources[info.path] = _stamp(info.path)  # None while absent: an install is seen
            try:
                if info.optional and not_there(info.path):
                    absent.append(info)
                else:
                    faces[face_id] = _found(info)
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


def _found(info: FaceInfo) -> Face:
    """A face of the manifest as the library loads it. A file that passed the full
    verification before, as it is now (:mod:`layout.fonts.verified`), is opened when a chain
    first needs it; any other is verified now — in full, or (an optional face) its table
    directory only, the rest when it is opened. Raises FontFileError."""
    key = face_key(info.path, info.index)
    if key is not None and was_verified(key):
        return Face(info, lazy=True, key=key, verified_before=True)
    if info.optional:
        check_source(info.path, info.index)
        return Face(info, lazy=True, key=key)
    face = open_face(info)
    if key is not None:
        remember(key)
    return face


def open_face(info: FaceInfo) -> Face:
    """Open and verify a face (:func:`layout.fonts.verify.open_truetype`; a CFF or collection
    face converted first, :mod:`layout.fonts.convert`). Raises FontFileError."""
    return Face(info, open_source(info))
