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
            if is_composite(glyf, start, end):
                todo.extend(glyph_components(glyf[start:end]))
        return keep

    def subset(self, glyph_ids: Iterable[int]) -> bytes:
        """A TrueType program (for ``FontFile2``) with only ``glyph_ids`` (and .notdef and
        components) drawn; glyph ids are kept, other glyphs are empty and glyphs after the
        last one kept are dropped. Tables: head, hhea, maxp, loca, glyf, hmtx and the hinting
        tables cvt, fpgm, prep where the font has them."""
        keep = self.closure(glyph_ids)
        count = max(keep) + 1
        glyf, offsets, metrics = self._glyphs(keep, count)
        long_loca = offsets[count] > 0x1FFFE
        loca_out = new_u32_array(offsets) if long_loca else array("H", [x >> 1 for x in offsets])
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

    def _glyphs(self, keep: set[int], count: int) -> tuple[bytes, list[int], array]:
        """The subset's ``glyf`` (the kept records, each padded to 4 bytes), its glyph offsets
        and its long metrics (advance, left side bearing: host byte order)."""
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
        return b"".join(parts), offsets, metrics


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
