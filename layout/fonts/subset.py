"""The glyph-id-keeping TrueType subsetter: a ``FontFile2`` program with only the glyphs used.

:class:`TrueTypeProgram` reads a glyf-based TrueType font's tables as raw bytes (through
:class:`~layout.fonts.tables.FontTables`, no table is decompiled; ``glyf`` mapped from the
file) and
:meth:`TrueTypeProgram.subset` writes a TrueType program holding only the glyphs asked for
(and the components of composite glyphs) in milliseconds. Glyph ids are RETAINED: unused
glyphs are empty, so a PDF CIDFont can say ``/CIDToGIDMap /Identity`` (CID = GID). The output
is deterministic: the same glyphs give the same bytes.

Every glyph embedded is checked first (:func:`layout.fonts.sfnt.glyph_damage`); a damaged one
raises :class:`DamagedGlyph`, which the PDF writer turns into a positioned bad-input error.
A program keeps each glyph's record once read and checked (padded, with its checksum and its
components), so the subsets of one process (an edition's pages and the edition, ``watch``)
read and check a glyph once; the big tables' checksums are summed from the kept records.

API: :class:`TrueTypeProgram` (``open``, ``table``, ``has_table``, ``closure``, ``subset``,
``advances``, ``units_per_em``, ``num_glyphs``), :class:`DamagedGlyph`, :func:`build_sfnt`,
:func:`table_checksum`.
"""

from __future__ import annotations

import struct
import sys
from array import array
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from .sfnt import (
    glyph_components,
    glyph_count,
    glyph_damage,
    is_composite,
    loca_offsets,
    new_u32_array,
    read_advances,
    read_head,
    read_metrics_header,
    read_side_bearings,
    u32_array,
)
from .tables import FontTables

_LITTLE = sys.byteorder == "little"
_HINTING_TABLES = ("cvt ", "fpgm", "prep")


def _pad4(data: bytes) -> bytes:
    pad = -len(data) % 4
    return data + b"\0" * pad if pad else data


def table_checksum(data: bytes) -> int:
    """The OpenType checksum of a table: the sum of its big-endian uint32s, mod 2**32."""
    return sum(u32_array(_pad4(data))) & 0xFFFFFFFF


class DamagedGlyph(ValueError):
    """A glyph record the writer will not embed (see :func:`~layout.fonts.sfnt.glyph_damage`)."""

    def __init__(self, gid: int, reason: str) -> None:
        super().__init__(f"glyph {gid}: {reason}")
        self.gid = gid
        self.reason = reason


class TrueTypeProgram:
    """The glyph tables of a glyf-based TrueType font, as raw bytes.

    ``tables`` maps a tag to the table's bytes: a dict, or a file's
    :class:`~layout.fonts.tables.FontTables` (tables are read on first use and kept)."""

    def __init__(self, tables: Mapping[str, bytes]) -> None:
        self._source = tables
        self._tables: dict[str, bytes] = {}
        head = read_head(self.table("head"))
        self.units_per_em: int = head.units_per_em
        self._long_loca: bool = head.index_to_loc_format == 1
        self.num_glyphs: int = glyph_count(self.table("maxp"))
        self._loca: array | None = None
        self._glyf: bytes | memoryview | None = None
        self._lsb: array | None = None
        # Glyph id → (its record padded to 4 bytes, its checksum, its components): checked.
        self._records: dict[int, tuple[bytes, int, tuple[int, ...]]] = {}
        self._advances: Sequence[int] | None = None

    @classmethod
    def open(cls, path: str | Path) -> TrueTypeProgram:
        return cls(FontTables.open(path))

    def table(self, tag: str) -> bytes:
        data = self._tables.get(tag)
        if data is None:
            data = self._tables[tag] = bytes(self._source[tag])
        return data

    @property
    def glyf(self) -> bytes | memoryview:
        """The ``glyf`` table: mapped from the file where the source is a file's
        :class:`~layout.fonts.tables.FontTables` (only the glyphs used are ever read), else
        read whole."""
        if self._glyf is None:
            source = self._source
            if isinstance(source, FontTables):
                self._glyf = source.mapped("glyf")
            if self._glyf is None:
                self._glyf = self.table("glyf")
        return self._glyf

    @property
    def source_file(self) -> object | None:
        """The open file the tables are read from (a file's
        :class:`~layout.fonts.tables.FontTables`), else None."""
        source = self._source
        return source.file if isinstance(source, FontTables) else None

    def has_table(self, tag: str) -> bool:
        return tag in self._tables or tag in self._source

    @property
    def loca(self) -> array:
        """Where each glyph's record starts in ``glyf``, in bytes (and where the last ends)."""
        if self._loca is None:
            self._loca = loca_offsets(self.table("loca"), int(self._long_loca), self.num_glyphs)
        return self._loca

    @property
    def advances(self) -> Sequence[int]:
        """Advance width of every glyph, in font units."""
        if self._advances is None:
            self._advances = read_advances(
                self.table("hmtx"), self._number_of_hmetrics, self.num_glyphs
            )
        return self._advances

    @property
    def _number_of_hmetrics(self) -> int:
        return read_metrics_header(self.table("hhea")).long_metrics

    def _left_side_bearings(self) -> array:
        if self._lsb is None:
            self._lsb = read_side_bearings(
                self.table("hmtx"), self._number_of_hmetrics, self.num_glyphs
            )
        return self._lsb

    def glyph_data(self, gid: int) -> bytes:
        loca = self.loca
        return bytes(self.glyf[loca[gid] : loca[gid + 1]])

    def closure(self, glyph_ids: Iterable[int]) -> set[int]:
        """``glyph_ids`` with .notdef and every component of composite glyphs, recursively.
        Each glyph's record is checked (:func:`~layout.fonts.sfnt.glyph_damage`); a damaged
        one raises :class:`DamagedGlyph`."""
        records = self._records
        keep: set[int] = set()
        todo = [0, *glyph_ids]
        while todo:
            gid = todo.pop()
            if gid in keep:
                continue
            record = records.get(gid)
            if record is None:
                record = self._record(gid)
            keep.add(gid)
            if record[2]:
                todo.extend(record[2])
        return keep

    def _record(self, gid: int) -> tuple[bytes, int, tuple[int, ...]]:
        """Glyph ``gid``'s record checked, padded to 4 bytes, with its checksum and its
        components: kept, so that each glyph is read and checked once however many subsets
        hold it (the page PDFs of an edition and the edition's own, a rebuild in ``watch``)."""
        count = self.num_glyphs
        if not 0 <= gid < count:
            raise ValueError(f"glyph id {gid} out of range (font has {count})")
        glyf = self.glyf
        loca = self.loca
        start, end = loca[gid], loca[gid + 1]
        damage = glyph_damage(glyf, start, end, count)
        if damage is not None:
            raise DamagedGlyph(gid, damage)
        data = bytes(glyf[start:end])
        pad = -len(data) % 4
        if pad:
            data += b"\0" * pad
        components = tuple(glyph_components(data)) if is_composite(glyf, start, end) else ()
        record = self._records[gid] = (data, sum(u32_array(data)) & 0xFFFFFFFF, components)
        return record

    def subset(self, glyph_ids: Iterable[int]) -> bytes:
        """A TrueType program (for ``FontFile2``) with only ``glyph_ids`` (and .notdef and
        components) drawn; glyph ids are kept, other glyphs are empty and glyphs after the
        last one kept are dropped. Tables: head, hhea, maxp, loca, glyf, hmtx and the hinting
        tables cvt, fpgm, prep where the font has them."""
        kept = sorted(self.closure(glyph_ids))
        count = kept[-1] + 1
        records = self._records
        glyf = b"".join([records[gid][0] for gid in kept])
        lengths = [len(records[gid][0]) for gid in kept]
        long_loca = len(glyf) > 0x1FFFE  # a short loca holds offset ÷ 2 in 16 bits
        offsets = self._offsets(kept, lengths, count, 0 if long_loca else 1)
        # The checksums of the big tables from their parts (OpenType "Calculating checksums":
        # the sum of the big-endian uint32s mod 2**32): each glyph record is 4-byte aligned
        # in glyf, and most of hmtx and loca repeats, so summing their words is not needed.
        checksums = {
            "glyf": sum([records[gid][1] for gid in kept]) & 0xFFFFFFFF,
            "loca": _loca_checksum(kept, lengths, count, long_loca),
        }
        loca_out = new_u32_array(offsets) if long_loca else array("H", offsets)
        metrics, checksums["hmtx"] = self._metrics(kept, count)
        if _LITTLE:
            loca_out.byteswap()
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
            "hmtx": metrics,
            "loca": loca_out.tobytes(),
            "maxp": bytes(maxp),
        }
        for tag in _HINTING_TABLES:
            if self.has_table(tag):
                tables[tag] = self.table(tag)
        return build_sfnt(tables, checksums)

    @staticmethod
    def _offsets(kept: Sequence[int], lengths: Sequence[int], count: int, shift: int) -> list[int]:
        """Where each of the ``count`` glyphs starts in the subset's glyf, and where the last
        ends, ``>> shift``: glyphs not kept are empty, starting where the next kept one does."""
        offsets = [0] * (count + 1)
        pos = 0
        previous = 0
        for gid, length in zip(kept, lengths, strict=True):
            offsets[previous : gid + 1] = [pos] * (gid + 1 - previous)
            pos += length >> shift
            previous = gid + 1
        offsets[previous:] = [pos] * (count + 1 - previous)
        return offsets

    def _metrics(self, kept: Sequence[int], count: int) -> tuple[bytes, int]:
        """The subset's hmtx (a long metric for each of ``count`` glyphs; zero for the glyphs
        not kept) and its checksum."""
        advances = self.advances
        lsb = self._left_side_bearings()
        metrics = array("H", bytes(4 * count))
        total = 0
        for gid in kept:
            advance, bearing = advances[gid] & 0xFFFF, lsb[gid] & 0xFFFF
            metrics[2 * gid] = advance
            metrics[2 * gid + 1] = bearing
            total += advance << 16 | bearing
        if _LITTLE:
            metrics.byteswap()
        return metrics.tobytes(), total & 0xFFFFFFFF


def _loca_checksum(kept: Sequence[int], lengths: Sequence[int], count: int, long: bool) -> int:
    """The checksum of the subset's loca without writing its words out: glyph ``kept[i]``'s
    record (``lengths[i]`` bytes) moves every offset after it, those of glyphs
    ``kept[i] + 1`` … ``count``. A long loca is one offset a word; a short one holds offset ÷ 2
    in the high half of a word for even glyph ids and in the low half for odd ones (and a
    zero pad after an odd count of offsets)."""
    total = 0
    if long:
        for gid, length in zip(kept, lengths, strict=True):
            total += length * (count - gid)
        return total & 0xFFFFFFFF
    even = count // 2 + 1  # offsets 0, 2, … count: how many are at even indexes
    odd = (count + 1) // 2
    for gid, length in zip(kept, lengths, strict=True):
        half = length >> 1
        # Offsets gid+1 … count: the even and the odd indexes among them.
        total += (half * (even - (gid // 2 + 1)) << 16) + half * (odd - (gid + 1) // 2)
    return total & 0xFFFFFFFF


def build_sfnt(tables: Mapping[str, bytes], checksums: Mapping[str, int] | None = None) -> bytes:
    """A TrueType font file (sfnt version 1.0) from its tables: sorted directory, 4-byte
    aligned tables, table checksums and ``head.checkSumAdjustment`` (``head`` is given with it
    zero). ``checksums``: tables' checksums known already (:func:`table_checksum` of the
    others). The file is joined once, its checksum known before."""
    tags = sorted(tables, key=lambda tag: tag.encode("latin-1"))
    count = len(tags)
    power = 1 << (count.bit_length() - 1)
    header = struct.pack(
        ">IHHHH", 0x00010000, count, 16 * power, power.bit_length() - 1, 16 * (count - power)
    )
    entries: list[bytes] = []
    parts: list[bytes] = []
    offset = len(header) + 16 * count
    head_at = None
    total = 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = len(parts)
        checksum = checksums.get(tag) if checksums else None
        if checksum is None:
            checksum = table_checksum(data)
        total += checksum
        entries.append(struct.pack(">4sIII", tag.encode("latin-1"), checksum, offset, len(data)))
        parts.append(data)
        pad = -len(data) % 4
        if pad:
            parts.append(b"\0" * pad)
        offset += len(data) + pad
    directory = b"".join(entries)
    if head_at is not None:
        # Tables are 4-byte aligned and zero padded: the file's checksum is the directory's
        # plus the tables' (with head.checkSumAdjustment still zero).
        total += table_checksum(header + directory)
        head = bytearray(parts[head_at])
        struct.pack_into(">I", head, 8, (0xB1B0AFBA - total) & 0xFFFFFFFF)
        parts[head_at] = bytes(head)
    return b"".join([header, directory, *parts])
