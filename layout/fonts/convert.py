"""Fonts of your own: a CFF ``.otf`` or a face of a ``.ttc``/``.otc`` collection, made TrueType.

The PDF writer embeds TrueType (``glyf``) outlines only (:mod:`layout.fonts.subset`), but Noto
CJK and Source Han ship as CFF, often in collections. A manifest face may name such a file
(``file: NotoSansCJK-Regular.ttc#2``: face 2 of the collection; the ``#N`` is the face index,
counted from 0, as the manifest's ``source`` notes already write it). It is converted here,
once, and the TrueType font kept in the user's cache folder.

Contract:

- :func:`truetype_file` takes a source file and its face index and returns a
  :class:`Converted`: the TrueType file to open. A TrueType file (``0x00010000``/``true``)
  without an index is its own result, untouched and not copied. An ``OTTO`` font (CFF
  outlines) is converted (:func:`cff_to_glyf`); a collection's face is extracted, and converted
  when its outlines are CFF. A result is cached as ``<cache>/fonts/<stem>[-N]-<key>.ttf``,
  ``<cache>`` being ``$BANMIAN_CACHE`` or the user's cache folder (platformdirs), and
  ``<key>`` a hash of the source file's bytes, the face index, :data:`CONVERTER_VERSION`
  and fontTools' version: a changed file, another face or another converter is converted
  anew, and the same source gives the same bytes (the conversion is deterministic:
  ``head.created``/``modified`` kept, no timestamp recalculated, tables in the standard order).
  An entry is written whole or not at all (:func:`layout.output.write_file`); one that no
  longer verifies is made again (:func:`open_source`).
- A conversion done (not found in the cache) is said in :attr:`Converted.seconds`, and logged
  once by :func:`open_source` when its result verifies, with its time: ``converted X.otf
  (CFF) to TrueType: 1.9 s, cached in …`` — a ``note:`` of the command's console, else on the
  ``layout.fonts`` logger at INFO (:func:`layout.notes.note`).
- A file that cannot be used raises :class:`~layout.fonts.sfnt.FontFileError`, one sentence
  (the manifest's place is added by :func:`layout.fonts.manifest.face_error`): a collection
  without a face index (the faces are listed), an index past the collection's faces or on a
  single font, a variable CFF2 font, outlines fontTools cannot read. Everything else is left
  to :func:`layout.fonts.verify.open_truetype`, which verifies the result like any face.
- :func:`check_source` is the cheap check of a face opened only when needed (``optional``):
  signature and index, no conversion; a TrueType file gets
  :func:`layout.fonts.verify.check_directory`.

What is kept (OpenType 1.9): every glyph in its order (so ``GSUB``/``GPOS``, among them the
``vert``/``vrt2`` vertical forms, are copied unchanged), ``vhea``/``vmtx`` with their top side
bearings rewritten so that ``VORG``'s vertical origins survive (TrueType takes the vertical
origin from ``yMax + tsb``), the ``name``/``OS/2`` tables. ``CFF``, ``VORG`` and glyph names
(``post`` format 3) go. ``tools/build_fonts.py`` subsets the bundled faces first and then
calls :func:`cff_to_glyf`.
"""

from __future__ import annotations

import hashlib
import io
import struct
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..notes import note
from ..output import cache_dir as cache_root
from ..output import write_file
from ..records import NamedTuple
from .manifest import FaceInfo
from .sfnt import FontFileError
from .verify import TrueTypeFile, check_directory, open_truetype

if TYPE_CHECKING:
    # fontTools is imported where a font is converted or a collection's faces named: a
    # build over TrueType faces reads them without it (layout.fonts.tables; issue 16).
    from fontTools.ttLib import TTFont

__all__ = [
    "CONVERTER_VERSION",
    "CU2QU_MAX_ERR",
    "Converted",
    "cache_dir",
    "cff_to_glyf",
    "check_source",
    "converted_bytes",
    "open_source",
    "truetype_file",
]

# Bump when the conversion changes, so that old cache entries are not reused.
CONVERTER_VERSION = 1
# cu2qu's tolerance in font units, as fontTools' otf2ttf snippet: the quadratic outline strays
# at most this far from the cubic one (1/1000 em at 1000 units per em: far below a printed dot).
CU2QU_MAX_ERR = 1.0

_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_CFF = b"OTTO"
_COLLECTION = b"ttcf"


class Converted(NamedTuple):
    """The TrueType file that stands for a manifest face's source file."""

    source: Path  # the file the manifest names
    index: int | None  # its face index in a collection
    path: Path  # the TrueType file to open: ``source`` itself, or the cached conversion
    outlines: str  # the source face's outlines: "TrueType" or "CFF"
    seconds: float | None = None  # the time of a conversion done now; None: none was done

    @property
    def converted(self) -> bool:
        """Whether ``path`` is a cache entry made from ``source`` (not ``source`` itself)."""
        return self.path != self.source


def cache_dir() -> Path:
    """The converted fonts' folder: ``$BANMIAN_CACHE/fonts``, else ``fonts`` in the user's cache
    folder (platformdirs; ``~/.cache/banmian/fonts`` on Linux), as the photo cache
    (:func:`layout.render.images.cache_dir`), never the working directory."""
    return cache_root() / "fonts"


def label(source: Path, index: int | None) -> str:
    """How a face's file is written in a manifest: ``X.ttc#2``, or the file name."""
    return source.name + (f"#{index}" if index is not None else "")


def _signature(path: Path) -> bytes:
    """The first 12 bytes of ``path`` (a missing or unreadable file: ``b""``, left to the
    verifier, which says what is wrong with it)."""
    try:
        with path.open("rb") as f:
            return f.read(12)
    except OSError:
        return b""


def _collection_size(head: bytes) -> int:
    return struct.unpack_from(">I", head, 8)[0] if len(head) >= 12 else 0


def check_source(path: Path, index: int | None) -> None:
    """The cheap check of a face opened only when needed: the signature and face index, and a
    TrueType file's table directory (:func:`~layout.fonts.verify.check_directory`); nothing is
    converted. Raises FontFileError."""
    head = _signature(path)
    tag = head[:4]
    if tag == _COLLECTION:
        _check_index(path, head, index)
        return
    if index is not None and tag in (*_TRUETYPE, _CFF):
        raise _not_a_collection(path, index)
    if tag != _CFF:
        check_directory(path)


def truetype_file(path: Path, index: int | None = None, *, again: bool = False) -> Converted:
    """The TrueType file for face ``index`` of ``path`` (None: a single font): the file itself
    when it is one, else the cached conversion, made now when there is none or ``again`` (see
    the module docstring). Raises FontFileError."""
    head = _signature(path)
    tag = head[:4]
    if tag == _COLLECTION:
        _check_index(path, head, index)
    elif index is not None and tag in (*_TRUETYPE, _CFF):
        raise _not_a_collection(path, index)
    elif tag != _CFF:
        return Converted(path, index, path, "TrueType")  # TrueType, or the verifier's to refuse
    data = path.read_bytes()
    target = (
        cache_dir() / f"{path.stem}{'' if index is None else f'-{index}'}-{_key(data, index)}.ttf"
    )
    outlines = _outlines(data, index)
    if target.is_file() and not again:
        return Converted(path, index, target, outlines)
    start = time.monotonic()
    write_file(target, converted_bytes(data, index), listed=False)
    return Converted(path, index, target, outlines, time.monotonic() - start)


def _key(data: bytes, index: int | None) -> str:
    import fontTools

    digest = hashlib.sha256(data)
    digest.update(f"\0{index}\0{CONVERTER_VERSION}\0{fontTools.version}".encode())
    return digest.hexdigest()[:24]


def _outlines(data: bytes, index: int | None) -> str:
    """The outlines of the face: "CFF" or "TrueType" (from its sfnt version)."""
    at = 0
    if index is not None:
        try:
            at = struct.unpack_from(">I", data, 12 + 4 * index)[0]
        except struct.error:
            raise FontFileError(
                f"truncated font: the collection's table of faces ends before face #{index}"
            ) from None
    return "CFF" if data[at : at + 4] == _CFF else "TrueType"


def _check_index(path: Path, head: bytes, index: int | None) -> None:
    count = _collection_size(head)
    if count == 0:
        raise FontFileError("damaged font: the collection lists no faces")
    if index is None:
        raise FontFileError(
            f"a font collection (.ttc/.otc, {count} faces): name one of its faces "
            f"with #N after the file name, counted from 0: {_faces(path, count)}"
        )
    if not 0 <= index < count:
        raise FontFileError(
            f"the collection has {count} face{'s' * (count != 1)} (#0–#{count - 1}); "
            f"got #{index}: {_faces(path, count)}"
        )


def _faces(path: Path, count: int) -> str:
    """The faces of a collection, for an error: ``X.ttc#0 (Noto Sans CJK JP), …``."""
    from fontTools.ttLib import TTFont

    shown = []
    for k in range(min(count, 16)):
        try:
            with TTFont(str(path), fontNumber=k, lazy=True) as font:
                name = font["name"].getBestFullName() or ""
        except Exception:  # a damaged face: its number still helps
            name = ""
        shown.append(f"{label(path, k)}" + (f" ({name})" if name else ""))
    return ", ".join(shown) + (" …" if count > 16 else "")


def _not_a_collection(path: Path, index: int) -> FontFileError:
    return FontFileError(
        f"#{index} names a face of a collection, but {path.name} is a single font: "
        f"write the file without #{index}"
    )


def converted_bytes(data: bytes, index: int | None) -> bytes:
    """The TrueType font made from face ``index`` of the font file ``data`` (see the module
    docstring): deterministic. Raises FontFileError on a font fontTools cannot read."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(
            io.BytesIO(data), fontNumber=-1 if index is None else index, recalcTimestamp=False
        )
    except Exception as exc:  # fontTools raises many kinds on a damaged file
        raise FontFileError(f"damaged font: {_short(exc)}") from None
    tables = set(font.keys()) - {"GlyphOrder"}
    if not tables & {"glyf", "CFF ", "CFF2"}:
        listed = ", ".join(repr(tag) for tag in sorted(tables)) or "none"
        raise FontFileError(
            f"damaged font: it has no outlines (no 'CFF ' or 'glyf' table; its tables: {listed})"
        )
    if "CFF2" in font:
        raise FontFileError(
            "a variable font (CFF2 outlines): make a static instance of it first, e.g. "
            "fonttools varLib.instancer FILE wght=400, and name that"
        )
    if "CFF " in font:
        try:
            cff_to_glyf(font)
        except Exception as exc:  # a damaged charstring, a table that does not parse
            raise FontFileError(
                f"damaged font: cannot convert its CFF outlines: {_short(exc)}"
            ) from None
    out = io.BytesIO()
    try:
        font.save(out, reorderTables=True)
    except Exception as exc:  # a table fontTools cannot compile again
        raise FontFileError(f"damaged font: cannot write it as TrueType: {_short(exc)}") from None
    return out.getvalue()


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "…"


def cff_to_glyf(font: TTFont) -> dict[str, int]:
    """Replace the CFF outlines of ``font`` by quadratic ``glyf`` ones, in place (after
    fontTools' otf2ttf snippet; see the module docstring for what is kept). Returns
    ``{"vmtx_tsb_changed": n}``: the glyphs whose top side bearing was rewritten."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    origin = _vertical_origins(font, order)  # before VORG goes away
    old_vmtx = dict(font["vmtx"].metrics) if "vmtx" in font else None

    glyph_set = font.getGlyphSet()
    quadratic = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        # reverse_direction: CFF outlines run counter-clockwise, TrueType's clockwise.
        glyph_set[name].draw(Cu2QuPen(pen, CU2QU_MAX_ERR, reverse_direction=True))
        quadratic[name] = pen.glyph()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = quadratic
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    glyf.compile(font)

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):  # the left side bearing is xMin in TrueType
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    changed = 0
    if old_vmtx is not None:
        vmtx = font["vmtx"]
        for name, glyph in glyf.glyphs.items():
            if hasattr(glyph, "yMax"):
                advance, tsb = old_vmtx[name]
                new_tsb = origin[name] - glyph.yMax
                changed += new_tsb != tsb
                vmtx[name] = (advance, new_tsb)
    font["maxp"] = _maxp_v1(font)
    post = font["post"]
    post.formatType = 3.0  # no glyph names (CID fonts have only "cidNNNNN" anyway)
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
    return {"vmtx_tsb_changed": changed}


def _vertical_origins(font: TTFont, order: list[str]) -> dict[str, int]:
    """Each glyph's vertical origin (y): ``VORG``'s, else the typographic ascender (OpenType
    1.9, "VORG": without it the origin is taken from vmtx and the glyph's bounds)."""
    if "VORG" in font:
        vorg = font["VORG"]
        return {g: vorg.VOriginRecords.get(g, vorg.defaultVertOriginY) for g in order}
    ascender = font["OS/2"].sTypoAscender if "OS/2" in font else font["hhea"].ascent
    return dict.fromkeys(order, ascender)


def _maxp_v1(font: TTFont):
    """A version 1.0 ``maxp`` (TrueType outlines need it; CFF fonts have 0.5): no hinting, so
    the zones, storage and function counts are the minimum; the point and contour maxima are
    recalculated when the font is saved."""
    from fontTools.ttLib import newTable

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(font.getGlyphOrder())
    maxp.maxZones = 1
    for field in (
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxComponentDepth",
    ):
        setattr(maxp, field, 0)
    maxp.compile(font)
    return maxp


def open_source(info: FaceInfo, *, verified_before: bool = False) -> TrueTypeFile:
    """A manifest face's file opened and verified (:func:`~layout.fonts.verify.open_truetype`,
    ``verified_before`` passed on) as TrueType: the file itself, or its conversion
    (:func:`truetype_file`). Raises FontFileError."""
    converted = truetype_file(info.path, info.index)
    try:
        # A conversion made now is new: verified in full.
        before = verified_before and converted.seconds is None
        verified = open_truetype(converted.path, verified_before=before)
    except FontFileError:
        if converted.seconds is not None:  # a conversion just made: the source's fault
            converted.path.unlink(missing_ok=True)
        if not converted.converted or converted.seconds is not None:
            raise  # reported as the face's
        # A cache entry damaged after it was written (a disk fault, a hand edit): made again.
        converted = truetype_file(info.path, info.index, again=True)
        verified = open_truetype(converted.path)
    if converted.seconds is not None:
        _note(converted)
    return verified


def _note(done: Converted) -> None:
    """Say a conversion done now, once it verified: ``converted X.otf (CFF) to TrueType: 1.9 s,
    cached in …`` (:func:`layout.notes.note`: the command's console, else the ``layout.fonts``
    logger at INFO)."""
    name = label(done.source, done.index)
    what = f"extracted {name} as" if done.outlines == "TrueType" else f"converted {name} (CFF) to"
    note("layout.fonts", f"{what} TrueType: {done.seconds:.1f} s, cached in {done.path}")
