"""TrueType faces as PDF Type0 / CIDFontType2 fonts: Identity-H, one subset per face per document.

ReportLab's ``TTFont`` parses a face in pure Python (about 0.3 s for a CJK face) and writes it
as many 256-glyph simple fonts. This module replaces it for the pen:

- :class:`TrueTypeProgram` reads a glyf-based TrueType font's tables as raw bytes (through
  fontTools' lazy reader, no table is decompiled) and :meth:`TrueTypeProgram.subset` writes a
  ``FontFile2`` program holding only the glyphs asked for (and the components of composite
  glyphs) in milliseconds. Glyph ids are RETAINED: unused glyphs are empty, so CID = GID and
  the CIDFont says ``/CIDToGIDMap /Identity``. The output is deterministic.
- :class:`CIDTrueTypeFont` is a ReportLab *dynamic font*: register it with
  ``pdfmetrics.registerFont`` and ``canvas.setFont`` / ``textobject.setFont`` /
  ``textOut`` / ``drawString`` work unchanged. Text is written as 2-byte glyph ids
  (``/Encoding /Identity-H``), characters mapped through the face's ``cmap``.

Per document (ReportLab's ``PDFDocument``, ``canvas._doc``; state in a weak dictionary as
ReportLab's ``TTFont`` keeps it) the font records the characters drawn and the texts of
glyphs drawn by id. At ``canvas.save()``
ReportLab calls :meth:`CIDTrueTypeFont.addObjects`, which writes one Type0 font
(``/BaseFont /TAG+PostScriptName``, the six-letter tag a hash of the font and the glyphs
used), its CIDFontType2 (``/W`` widths in 1/1000 em, ``/DW 1000``), a FontDescriptor with the subset
program as a compressed ``/FontFile2`` stream, and a ``/ToUnicode`` CMap mapping each glyph id
to its text (UTF-16BE, surrogate pairs for astral characters).

Drawing a glyph by id (e.g. the ``vert`` alternate of '，' found through GSUB)
-------------------------------------------------------------------------------
``font.glyph_char(gid, text, doc)`` returns a stand-in character, ``chr(GLYPH_BASE + gid)``
(GLYPH_BASE = U+F0000, Supplementary Private Use Area-A), and records for ``doc`` that glyph
``gid`` stands for ``text``. Put the stand-in in the string given to ``textOut`` (or
``drawString``): :meth:`~CIDTrueTypeFont.splitString` writes glyph ``gid`` for it,
:meth:`~CIDTrueTypeFont.stringWidth` uses that glyph's advance, and the ToUnicode CMap maps
``gid`` to ``text``, so ``pdftotext`` extracts ``text``::

    font = pdfmetrics.getFont(name)
    vert = font.glyph_char(vert_gid, "，", canvas._doc)
    textobject.textOut("好" + vert)      # draws the vertical comma, extracts as "好，"

Code points U+F0000..U+FFFFD are therefore always read as glyph ids by this font class, never
through the face's ``cmap`` (the shipped faces map nothing there). For callers that write
content streams themselves, :meth:`~CIDTrueTypeFont.encode_glyphs` returns the Identity-H
bytes of a glyph-id sequence and records their texts the same way.

A glyph id has one ToUnicode entry per document (:meth:`CIDTrueTypeFont.to_unicode`): a glyph
drawn from characters extracts as the lowest of those drawn (if a face draws U+2F00 and U+4E00
with one glyph and a document has both, both extract as U+2F00), a glyph drawn only by id as
the first text recorded for it. The
result does not depend on drawing order, only on what was drawn. Characters the face lacks are
written as glyph 0 (.notdef) and are not in the ToUnicode CMap; the pen draws such characters
as missing-glyph marks and never sends them here.

API: :class:`TrueTypeProgram` (``open``, ``closure``, ``subset``, ``advances``),
:func:`build_sfnt`, :func:`table_checksum`, :func:`glyph_components`,
:func:`to_unicode_cmap`, :func:`subset_tag`, :data:`GLYPH_BASE` and :class:`CIDTrueTypeFont`
(``from_face``, ``glyph_id``, ``glyph_char``, ``encode_glyphs``, ``glyph_width``,
``to_unicode`` and ReportLab's ``stringWidth``, ``splitString``, ``getSubsetInternalName``,
``addObjects``).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import mmap
import struct
import sys
import zlib
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from fontTools.ttLib import TTFont
from reportlab.pdfbase import pdfdoc

from ..errors import SpecError, display_path
from ..fonts import Face, FaceInfo, open_truetype, read_advances

GLYPH_BASE = 0xF0000  # chr(GLYPH_BASE + gid) stands for glyph ``gid`` (see module docstring)
_GLYPH_LIMIT = 0xFFFFE - GLYPH_BASE  # U+FFFFE and U+FFFFF are noncharacters

# Composite glyph flags (OpenType 'glyf' table).
ARG_1_AND_2_ARE_WORDS = 0x0001
WE_HAVE_A_SCALE = 0x0008
MORE_COMPONENTS = 0x0020
WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
WE_HAVE_A_TWO_BY_TWO = 0x0080

_U32 = next(code for code in "ILQ" if array(code).itemsize == 4)
_LITTLE = sys.byteorder == "little"
_HINTING_TABLES = ("cvt ", "fpgm", "prep")


def _u32_array(data: bytes) -> array:
    a = array(_U32, data)
    if _LITTLE:
        a.byteswap()
    return a


def _u16_array(data: bytes, typecode: str = "H") -> array:
    a = array(typecode, data)
    if _LITTLE:
        a.byteswap()
    return a


def _pad4(data: bytes) -> bytes:
    pad = -len(data) % 4
    return data + b"\0" * pad if pad else data


def table_checksum(data: bytes) -> int:
    """The OpenType checksum of a table: the sum of its big-endian uint32s, mod 2**32."""
    return sum(_u32_array(_pad4(data))) & 0xFFFFFFFF


def glyph_damage(data: bytes | memoryview, start: int, end: int, count: int) -> str | None:
    """Why the glyph record ``data[start:end]`` is damaged, or None when it looks sound.

    A cheap look at what a renderer relies on (OpenType "glyf"): a header of 10 bytes with an
    ordered bounding box; a simple glyph's contour end points increasing, its instructions
    inside the record and no more bytes after them than its points can use (flags and
    coordinates take at most 5 bytes a point, and a record is padded by at most 3); a
    composite's components inside the record and naming existing glyphs. A zeroed or
    overwritten ``glyf`` table fails it."""
    length = end - start
    if length == 0:
        return None  # an empty glyph (a space)
    if length < 10:
        return f"its record has {length} bytes, fewer than a glyph header"
    contours, x_min, y_min, x_max, y_max = struct.unpack_from(">5h", data, start)
    if x_min > x_max or y_min > y_max:
        return "its bounding box is inverted"
    if contours == -1:
        try:
            components = glyph_components(data[start:end])
        except struct.error:
            return "its components run past its record"
        bad = [gid for gid in components if gid >= count]
        return f"it refers to glyph {bad[0]}, which does not exist" if bad else None
    if contours < 0:
        return f"its contour count is {contours}"
    header = 10 + 2 * contours
    if header + 2 > length:
        return f"its {contours} contours do not fit in its {length} bytes"
    ends = struct.unpack_from(f">{contours}H", data, start + 10)
    if any(b <= a for a, b in itertools.pairwise(ends)):
        return "its contour end points are out of order"
    points = ends[-1] + 1 if contours else 0
    instructions = struct.unpack_from(">H", data, start + header)[0]
    rest = length - header - 2 - instructions
    if rest < 0:
        return "its instructions run past its record"
    if rest > 5 * points + 3:
        return f"its record has {rest} bytes for {points} points"
    return None


def glyph_components(data: bytes) -> list[int]:
    """The glyph ids a composite glyph's record refers to ([] for a simple or empty glyph)."""
    if len(data) < 10 or struct.unpack_from(">h", data)[0] >= 0:
        return []
    components = []
    pos = 10
    while True:
        flags, gid = struct.unpack_from(">HH", data, pos)
        components.append(gid)
        pos += 4 + (4 if flags & ARG_1_AND_2_ARE_WORDS else 2)
        if flags & WE_HAVE_A_SCALE:
            pos += 2
        elif flags & WE_HAVE_AN_X_AND_Y_SCALE:
            pos += 4
        elif flags & WE_HAVE_A_TWO_BY_TWO:
            pos += 8
        if not flags & MORE_COMPONENTS:
            return components


class DamagedGlyph(ValueError):
    """A glyph record the writer will not embed (see :func:`glyph_damage`)."""

    def __init__(self, gid: int, reason: str) -> None:
        super().__init__(f"glyph {gid}: {reason}")
        self.gid = gid
        self.reason = reason


class TrueTypeProgram:
    """The glyph tables of a glyf-based TrueType font, as raw bytes.

    ``tables`` maps a tag to the table's bytes: a dict, or fontTools' ``TTFont.reader``
    (tables are read on first use and kept)."""

    def __init__(self, tables: Mapping[str, bytes]) -> None:
        self._source = tables
        self._tables: dict[str, bytes] = {}
        head = self.table("head")
        self.units_per_em: int = struct.unpack_from(">H", head, 18)[0]
        self._long_loca: bool = struct.unpack_from(">h", head, 50)[0] == 1
        self.num_glyphs: int = struct.unpack_from(">H", self.table("maxp"), 4)[0]
        self._loca: array | None = None
        self._glyf: bytes | memoryview | None = None
        self._lsb: array | None = None
        self._advances: list[int] | None = None

    @classmethod
    def open(cls, path: str | Path) -> TrueTypeProgram:
        return cls(TTFont(str(path), lazy=True).reader)

    def table(self, tag: str) -> bytes:
        data = self._tables.get(tag)
        if data is None:
            data = self._tables[tag] = bytes(self._source[tag])
        return data

    @property
    def glyf(self) -> bytes | memoryview:
        """The ``glyf`` table: mapped from the file where the source is fontTools' reader of
        a plain sfnt file (only the glyphs used are ever read), else read whole."""
        if self._glyf is None:
            self._glyf = _map_table(self._source, "glyf")
            if self._glyf is None:
                self._glyf = self.table("glyf")
        return self._glyf

    def has_table(self, tag: str) -> bool:
        return tag in self._tables or tag in self._source

    @property
    def loca(self) -> array:
        if self._loca is None:
            data = self.table("loca")[: (self.num_glyphs + 1) * (4 if self._long_loca else 2)]
            if self._long_loca:
                self._loca = _u32_array(data)
            else:
                self._loca = array(_U32, (2 * x for x in _u16_array(data)))
        return self._loca

    @property
    def advances(self) -> list[int]:
        """Advance width of every glyph, in font units."""
        if self._advances is None:
            self._advances = read_advances(
                self.table("hmtx"), self._number_of_hmetrics, self.num_glyphs
            )
        return self._advances

    @property
    def _number_of_hmetrics(self) -> int:
        return struct.unpack_from(">H", self.table("hhea"), 34)[0]

    def _left_side_bearings(self) -> array:
        if self._lsb is None:
            hmtx = self.table("hmtx")
            long_metrics = self._number_of_hmetrics
            pairs = _u16_array(hmtx[: 4 * long_metrics], "h")
            lsb = pairs[1::2]
            rest = self.num_glyphs - long_metrics
            lsb.extend(_u16_array(hmtx[4 * long_metrics : 4 * long_metrics + 2 * rest], "h"))
            self._lsb = lsb
        return self._lsb

    def glyph_data(self, gid: int) -> bytes:
        loca = self.loca
        return bytes(self.glyf[loca[gid] : loca[gid + 1]])

    def closure(self, glyph_ids: Iterable[int]) -> set[int]:
        """``glyph_ids`` with .notdef and every component of composite glyphs, recursively.
        Each glyph's record is checked (:func:`glyph_damage`); a damaged one raises
        :class:`DamagedGlyph`."""
        glyf = self.glyf
        loca = self.loca
        count = self.num_glyphs
        keep: set[int] = set()
        todo = [0, *glyph_ids]
        while todo:
            gid = todo.pop()
            if gid in keep:
                continue
            if not 0 <= gid < count:
                raise ValueError(f"glyph id {gid} out of range (font has {count})")
            keep.add(gid)
            start, end = loca[gid], loca[gid + 1]
            damage = glyph_damage(glyf, start, end, count)
            if damage is not None:
                raise DamagedGlyph(gid, damage)
            # numberOfContours < 0 (its high bit set): a composite glyph.
            if end - start >= 10 and glyf[start] & 0x80:
                todo.extend(glyph_components(glyf[start:end]))
        return keep

    def subset(self, glyph_ids: Iterable[int]) -> bytes:
        """A TrueType program (for ``FontFile2``) with only ``glyph_ids`` (and .notdef and
        components) drawn; glyph ids are kept, other glyphs are empty and glyphs after the
        last one kept are dropped. Tables: head, hhea, maxp, loca, glyf, hmtx and the hinting
        tables cvt, fpgm, prep where the font has them."""
        keep = self.closure(glyph_ids)
        count = max(keep) + 1
        source = self.glyf
        loca = self.loca
        advances = self.advances
        lsb = self._left_side_bearings()
        parts: list[bytes] = []
        offsets = [0] * (count + 1)
        metrics = array("h", bytes(4 * count))
        pos = 0
        previous = -1
        for gid in sorted(keep):
            # Glyphs not kept are empty: they start where the next kept glyph starts.
            offsets[previous + 1 : gid] = [pos] * (gid - previous - 1)
            previous = gid
            start, end = loca[gid], loca[gid + 1]
            offsets[gid] = pos
            if end > start:
                parts.append(source[start:end])
                pad = -(end - start) % 4
                if pad:
                    parts.append(b"\0" * pad)
                pos += end - start + pad
            advance = advances[gid]
            metrics[2 * gid] = advance - 0x10000 if advance > 0x7FFF else advance
            metrics[2 * gid + 1] = lsb[gid]
        offsets[count] = pos
        glyf = b"".join(parts)
        long_loca = pos > 0x1FFFE
        loca_out = array(_U32, offsets) if long_loca else array("H", [x >> 1 for x in offsets])
        if _LITTLE:
            loca_out.byteswap()
            metrics.byteswap()
        head = bytearray(self.table("head"))
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set by build_sfnt
        struct.pack_into(">h", head, 50, 1 if long_loca else 0)
        hhea = bytearray(self.table("hhea"))
        struct.pack_into(">H", hhea, 34, count)  # numberOfHMetrics: every glyph a long metric
        maxp = bytearray(self.table("maxp"))
        struct.pack_into(">H", maxp, 4, count)
        tables = {
            "glyf": glyf,
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": metrics.tobytes(),
            "loca": loca_out.tobytes(),
            "maxp": bytes(maxp),
        }
        for tag in _HINTING_TABLES:
            if self.has_table(tag):
                tables[tag] = self.table(tag)
        return build_sfnt(tables)


def _map_table(source: Any, tag: str) -> memoryview | None:
    """A table of fontTools' ``SFNTReader`` as a read-only memory map of its file, or None
    (a WOFF, an in-memory font, a platform without mmap)."""
    try:
        if getattr(source, "flavor", None) is not None:
            return None
        entry = source.tables[tag]
        mapped = mmap.mmap(source.file.fileno(), 0, access=mmap.ACCESS_READ)
    except (AttributeError, KeyError, OSError, ValueError, io.UnsupportedOperation):
        return None
    if entry.offset + entry.length > len(mapped):
        return None
    return memoryview(mapped)[entry.offset : entry.offset + entry.length]


def build_sfnt(tables: Mapping[str, bytes]) -> bytes:
    """A TrueType font file (sfnt version 1.0) from its tables: sorted directory, 4-byte
    aligned tables, table checksums and ``head.checkSumAdjustment``."""
    tags = sorted(tables, key=lambda tag: tag.encode("latin-1"))
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, 16 * power, power.bit_length() - 1, 16 * (count - power)
    )
    directory = bytearray()
    body = bytearray()
    offset = len(header) + 16 * count
    head_at = None
    total = 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset + len(body)
        checksum = table_checksum(data)
        total += checksum
        directory += struct.pack(
            ">4sIII", tag.encode("latin-1"), checksum, offset + len(body), len(data)
        )
        body += _pad4(data)
    font = bytearray(header + directory + body)
    if head_at is not None:
        # Tables are 4-byte aligned and zero padded: the file's checksum is the directory's
        # plus the tables' (with head.checkSumAdjustment still zero).
        total += table_checksum(header + directory)
        struct.pack_into(">I", font, head_at + 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
    return bytes(font)


def to_unicode_cmap(entries: Mapping[int, str]) -> bytes:
    """A ToUnicode CMap (2-byte codes) mapping glyph ids to texts, in glyph-id order."""
    items = [(gid, text) for gid, text in sorted(entries.items()) if text]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(items), 100):
        block = items[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(
            f"<{gid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for gid, text in block
        )
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return ("\n".join(lines) + "\n").encode("ascii")


def subset_tag(name: str, glyph_ids: Iterable[int]) -> str:
    """Six capital letters derived from the font and its used glyph set."""
    gids = sorted(glyph_ids)
    digest = hashlib.sha256(name.encode() + b"\0" + struct.pack(f">{len(gids)}I", *gids)).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _width_array(gids: Sequence[int], widths: Mapping[int, float], default: float) -> list:
    """A CIDFont ``/W`` array ``[c [w1 w2 …] …]`` for glyphs whose width is not ``default``."""
    out: list = []
    run: list = []
    first = last = -2
    for gid in gids:
        width = widths[gid]
        if width == default:
            continue
        if gid != last + 1 and run:
            out += [first, pdfdoc.PDFArray(run)]
            run = []
        if not run:
            first = gid
        run.append(width)
        last = gid
    if run:
        out += [first, pdfdoc.PDFArray(run)]
    return out


class _Encoding:
    name = "Identity-H"


class _FaceName:
    """What ReportLab's registry reads from a dynamic font's ``face``."""

    builtIn = 0

    def __init__(self, name: str, ascent: int, descent: int) -> None:
        self.name = name
        self.ascent = ascent
        self.descent = descent


class _DocState:
    __slots__ = ("chars", "glyph_text", "internal_name")

    def __init__(self) -> None:
        self.chars: set[str] = set()  # every character drawn (stand-ins included)
        self.glyph_text: dict[int, str] = {}  # texts of glyphs drawn by id (first one wins)
        self.internal_name: str | None = None


class _PerChar(dict):
    """character → value, computed on first use (``map(table.__getitem__, text)`` runs at
    C speed once every character of a text has been seen)."""

    def __init__(self, compute: Callable[[str], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, ch: str) -> Any:
        value = self[ch] = self._compute(ch)
        return value


class CIDTrueTypeFont:
    """A TrueType face as a ReportLab dynamic font written as Type0 / CIDFontType2,
    Identity-H (see the module docstring for the contract)."""

    _dynamicFont = 1
    _multiByte = 1
    shapable = False  # no harfbuzz path in textobject
    DEFAULT_WIDTH = 1000

    def __init__(
        self,
        name: str,
        path: str | Path,
        *,
        font: TTFont | None = None,
        cmap: dict[int, int] | None = None,
        info: FaceInfo | None = None,
    ) -> None:
        self.fontName = name
        self.path = Path(path)
        self.info = info  # the manifest's face: where errors about the file point
        if font is None or cmap is None:
            verified = open_truetype(self.path)  # raises FontFileError
            font, cmap = verified.font, verified.cmap
        self._ttfont = font
        self.program = TrueTypeProgram(self._ttfont.reader)
        self.cmap: dict[int, int] = cmap
        upm = self.program.units_per_em
        hhea = self.program.table("hhea")
        ascent, descent = struct.unpack_from(">hh", hhea, 4)
        self.face = _FaceName(name, round(ascent * 1000 / upm), round(descent * 1000 / upm))
        self.encoding = _Encoding()
        self.state: WeakKeyDictionary[Any, _DocState] = WeakKeyDictionary()
        self._scale = 1000 / upm
        self._limit = min(self.program.num_glyphs, _GLYPH_LIMIT)
        self._code = _PerChar(lambda ch: struct.pack(">H", self.glyph_id(ord(ch))))
        self._advance = _PerChar(lambda ch: self.program.advances[self.glyph_id(ord(ch))])

    @classmethod
    def from_face(cls, name: str, face: Face) -> CIDTrueTypeFont:
        """Share the already loaded (and verified) tables and cmap of a
        :class:`layout.fonts.Face`."""
        return cls(name, face.info.path, font=face.font, cmap=face.cmap, info=face.info)

    # -- characters and glyphs
    def glyph_id(self, code: int) -> int:
        """The glyph a code point is drawn with: a stand-in's glyph, else the cmap's (no-break
        space as space), else 0."""
        if code >= GLYPH_BASE:
            gid = code - GLYPH_BASE
            return gid if gid < self._limit else 0
        gid = self.cmap.get(code)
        if gid is None:
            gid = self.cmap.get(32, 0) if code == 0xA0 else 0
        return gid

    def _check(self, gid: int) -> None:
        if not 0 <= gid < self._limit:
            raise ValueError(f"glyph id {gid} out of range for {self.fontName}")

    def glyph_char(self, gid: int, text: str, doc: Any) -> str:
        """A stand-in character that draws glyph ``gid`` and extracts as ``text`` in ``doc``."""
        self._check(gid)
        self._state(doc).glyph_text.setdefault(gid, text)
        return chr(GLYPH_BASE + gid)

    def encode_glyphs(self, glyph_ids: Sequence[int], texts: Sequence[str], doc: Any) -> bytes:
        """Identity-H bytes drawing ``glyph_ids``; glyph ``glyph_ids[i]`` extracts as
        ``texts[i]`` (``''`` for a glyph with no text of its own). For callers that write
        ``Tj`` operators themselves, after selecting the font with ``setFont``."""
        glyph_text = self._state(doc).glyph_text
        for gid, text in zip(glyph_ids, texts, strict=True):
            self._check(gid)
            glyph_text.setdefault(gid, text)
        return struct.pack(f">{len(glyph_ids)}H", *glyph_ids)

    def glyph_width(self, gid: int) -> float:
        """Advance of a glyph in 1/1000 em."""
        width = round(self.program.advances[gid] * self._scale, 3)
        return int(width) if width == int(width) else width

    def to_unicode(self, doc: Any) -> dict[int, str]:
        """Glyph id → text of every glyph drawn in ``doc`` so far: a glyph reached from
        characters extracts as the lowest of them, a glyph drawn only by id as its first
        recorded text; a stand-in drawn without a recorded text maps to ``''``."""
        state = self._state(doc)
        entries: dict[int, str] = {}
        stand_ins: list[int] = []
        for ch in sorted(state.chars):
            gid = self.glyph_id(ord(ch))
            if ord(ch) >= GLYPH_BASE:
                stand_ins.append(gid)
            elif gid:
                entries.setdefault(gid, ch)
        for gid, text in state.glyph_text.items():
            entries.setdefault(gid, text)
        for gid in stand_ins:
            entries.setdefault(gid, "")
        return entries

    # -- ReportLab's dynamic-font protocol
    def stringWidth(self, text: str | bytes, size: float, encoding: str = "utf8") -> float:  # noqa: N802
        if isinstance(text, bytes):
            text = text.decode(encoding)
        return sum(map(self._advance.__getitem__, text)) * size / self.program.units_per_em

    def _state(self, doc: Any) -> _DocState:
        state = self.state.get(doc)
        if state is None:
            state = self.state[doc] = _DocState()
        return state

    def splitString(  # noqa: N802
        self, text: str | bytes, doc: Any, encoding: str = "utf-8"
    ) -> list[tuple[int, bytes]]:
        """One subset: the whole text as 2-byte glyph ids; records the characters used."""
        if isinstance(text, bytes):
            text = text.decode(encoding)
        self._state(doc).chars.update(text)
        return [(0, b"".join(map(self._code.__getitem__, text)))]

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:  # noqa: N802
        if subset != 0:
            raise IndexError(f"subset {subset} does not exist in font {self.fontName}")
        state = self._state(doc)
        if state.internal_name is None:
            state.internal_name = f"F{len(doc.fontMapping) + 1}"
            doc.fontMapping[self.fontName] = "/" + state.internal_name
            doc.delayedFonts.append(self)
        return "/" + state.internal_name

    def addObjects(self, doc: Any) -> None:  # noqa: N802
        """Write the Type0 font, its CIDFont, descriptor, program and ToUnicode CMap."""
        state = self.state.get(doc)
        if state is None or state.internal_name is None:
            return
        used = self.to_unicode(doc)
        del self.state[doc]
        gids = sorted(used)
        # The tag from the font itself (its PostScript name and the checksum of the whole
        # file, head.checkSumAdjustment) and the glyphs: not from the ReportLab name, which
        # carries a digest of the font's path and would make two checkouts' PDFs differ.
        identity = f"{self.postscript_name}:{self.program.table('head')[8:12].hex()}"
        base_name = f"{subset_tag(identity, gids)}+{self.postscript_name}"
        filters = [pdfdoc.PDFZCompress] if doc.compression else None

        program, packed = self._packed_program(tuple(gids), bool(doc.compression))
        font_file = pdfdoc.PDFStream(content=packed, filters=filters)
        if doc.compression:
            # Already compressed (and kept for the next document with the same glyphs).
            font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
        font_file.dictionary["Length1"] = len(program)
        descriptor = pdfdoc.PDFDictionary(
            {
                "Type": "/FontDescriptor",
                "FontName": pdfdoc.PDFName(base_name),
                **self._descriptor_metrics(),
                "FontFile2": doc.Reference(font_file),
            }
        )
        widths = {gid: self.glyph_width(gid) for gid in gids}
        cid_font = pdfdoc.PDFDictionary(
            {
                "Type": "/Font",
                "Subtype": "/CIDFontType2",
                "BaseFont": pdfdoc.PDFName(base_name),
                "CIDSystemInfo": pdfdoc.PDFDictionary(
                    {
                        "Registry": pdfdoc.PDFString("Adobe"),
                        "Ordering": pdfdoc.PDFString("Identity"),
                        "Supplement": 0,
                    }
                ),
                "FontDescriptor": doc.Reference(descriptor),
                "DW": self.DEFAULT_WIDTH,
                "W": pdfdoc.PDFArray(_width_array(gids, widths, self.DEFAULT_WIDTH)),
                "CIDToGIDMap": "/Identity",
            }
        )
        to_unicode = pdfdoc.PDFStream(content=to_unicode_cmap(used), filters=filters)
        type0 = pdfdoc.PDFDictionary(
            {
                "Type": "/Font",
                "Subtype": "/Type0",
                "BaseFont": pdfdoc.PDFName(base_name),
                "Encoding": "/Identity-H",
                "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font)]),
                "ToUnicode": doc.Reference(to_unicode),
            }
        )
        name = state.internal_name
        doc.idToObject["BasicFonts"].dict[name] = doc.Reference(type0, name)

    def _packed_program(self, gids: tuple[int, ...], compress: bool) -> tuple[bytes, bytes]:
        """The subset program for ``gids`` and its stream content. The last one made is
        kept: a rebuild of the same page in the same process reuses it."""
        key = (gids, compress)
        cached = getattr(self, "_last_program", None)
        if cached is not None and cached[0] == key:
            return cached[1], cached[2]
        try:
            program = self.program.subset(gids)
        except DamagedGlyph as exc:
            raise self._damaged(exc) from None
        packed = zlib.compress(program) if compress else program
        self._last_program = (key, program, packed)
        return program, packed

    def _damaged(self, exc: DamagedGlyph) -> SpecError:
        """The bad-input error for a damaged glyph: at the manifest's ``file`` of the face."""
        chars = sorted(code for code, gid in self.cmap.items() if gid == exc.gid)
        drawn = f" ({chr(chars[0])} U+{chars[0]:04X})" if chars else ""
        message = (
            f"font file {display_path(self.path)}: glyph {exc.gid}{drawn} is damaged: "
            f"{exc.reason}; replace the file (the PDF was not written)"
        )
        if self.info is None:
            return SpecError(message)
        return SpecError(message, pos=self.info.pos, key_path=f"faces.{self.info.id}.file")

    # -- descriptor data, read from the raw tables (decompiling them would import modules)
    @property
    def postscript_name(self) -> str:
        name = getattr(self, "_postscript_name", None)
        if name is None:
            raw = _name_record(self.program, 6) or self.path.stem
            name = "".join(ch for ch in raw if 33 <= ord(ch) <= 126 and ch not in "[](){}<>/%#")
            self._postscript_name = name
        return name

    def _descriptor_metrics(self) -> dict[str, Any]:
        program = self.program
        scale = self._scale
        bbox = struct.unpack_from(">4h", program.table("head"), 36)
        weight, cap = 400, 0
        if program.has_table("OS/2"):
            os2 = program.table("OS/2")
            weight = struct.unpack_from(">H", os2, 4)[0]
            if struct.unpack_from(">H", os2, 0)[0] >= 2 and len(os2) >= 90:
                cap = struct.unpack_from(">h", os2, 88)[0]
        italic = 0.0
        if program.has_table("post"):
            italic = struct.unpack_from(">i", program.table("post"), 4)[0] / 65536
        return {
            "Flags": 4,  # symbolic: glyphs are addressed by id, not by a standard encoding
            "FontBBox": pdfdoc.PDFArray([round(v * scale) for v in bbox]),
            "ItalicAngle": round(italic, 2),
            "Ascent": self.face.ascent,
            "Descent": self.face.descent,
            "CapHeight": round(cap * scale) if cap else self.face.ascent,
            "StemV": 50 + int((weight / 65.0) ** 2),
        }


def _name_record(program: TrueTypeProgram, name_id: int) -> str | None:
    """A name of the ``name`` table: Windows Unicode (UTF-16BE) first, else Mac Roman."""
    if not program.has_table("name"):
        return None
    data = program.table("name")
    count, strings = struct.unpack_from(">HH", data, 2)
    found: dict[int, str] = {}
    for k in range(count):
        platform, encoding, _lang, nid, length, offset = struct.unpack_from(">6H", data, 6 + 12 * k)
        if nid != name_id:
            continue
        raw = data[strings + offset : strings + offset + length]
        if platform == 3 and encoding in (0, 1, 10):
            found.setdefault(0, raw.decode("utf-16-be", "replace"))
        elif platform == 1 and encoding == 0:
            found.setdefault(1, raw.decode("mac-roman", "replace"))
        elif platform == 0:
            found.setdefault(2, raw.decode("utf-16-be", "replace"))
    return found[min(found)] if found else None
