"""Raw sfnt tables: the numbers banmian reads from a TrueType font, as pure functions over bytes.

Every reader takes the bytes of one table (``FontTables.open(path)[tag]``,
:mod:`layout.fonts.tables`: the file's bytes, nothing decompiled) and returns plain
numbers, arrays, lists and dicts (and :class:`CharMap`, a read-only mapping over a format 12
``cmap``'s groups); none needs a fontTools object. Reading the bytes is what keeps a
face cheap to open: fontTools' table objects name every glyph first, ten times slower.

Contract:

- A reader of fixed fields (:func:`read_head`, :func:`glyph_count`, :func:`read_metrics_header`,
  :func:`read_advances`, :func:`loca_offsets`, :func:`name_record`, :func:`read_os2`,
  :func:`read_italic_angle`) assumes the table is as long as the fields it reads:
  :mod:`layout.fonts.verify` checks the lengths before anything else reads a face.
- The readers of variable structures check what they read, so damage is reported and the
  work stays bounded by the bytes given (offsets in order and inside the table):
  :func:`read_cmap` raises :class:`FontFileError` with the reason, :func:`read_vert`
  (``GSUB``) raises ``struct.error`` / ``ValueError`` / ``IndexError`` for its caller to
  name, :func:`glyph_damage` says what is wrong with a ``glyf`` record.

References: OpenType 1.9, "cmap", "head", "hhea", "hmtx", "maxp", "loca", "vhea", "vmtx",
"GSUB" (with "Common table formats": script, feature, lookup and coverage tables), "name",
"OS/2", "post", "glyf".
"""

from __future__ import annotations

import operator
import struct
import sys
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

from ..records import NamedTuple

MAX_CODE_POINT = 0x10FFFF
HEAD_MAGIC = 0x5F0F3CF5

_U32 = next(code for code in "ILQ" if array(code).itemsize == 4)
_LITTLE = sys.byteorder == "little"


class FontFileError(ValueError):
    """A font file banmian cannot use; ``reason`` says why in one sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def u16_array(data: bytes, typecode: str = "H") -> array:
    """Big-endian 16-bit integers (``typecode`` ``"h"``: signed) as an array."""
    a = array(typecode, data)
    if _LITTLE:
        a.byteswap()
    return a


def u32_array(data: bytes) -> array:
    """Big-endian unsigned 32-bit integers as an array."""
    a = array(_U32, data)
    if _LITTLE:
        a.byteswap()
    return a


def new_u32_array(values: object = ()) -> array:
    """An array of unsigned 32-bit integers in the machine's byte order."""
    return array(_U32, values)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- header tables


class Head(NamedTuple):
    """The fields of ``head`` that are read (OpenType "head")."""

    magic: int  # magicNumber, HEAD_MAGIC in a sound table
    units_per_em: int
    bbox: tuple[int, int, int, int]  # xMin, yMin, xMax, yMax of all glyphs, font units
    index_to_loc_format: int  # 0: short offsets (÷2) in 'loca', 1: long offsets
    checksum_adjustment: int  # checkSumAdjustment: identifies the whole file


HEAD_LENGTH = 54  # bytes of 'head' read


def read_head(data: bytes) -> Head:
    return Head(
        struct.unpack_from(">I", data, 12)[0],
        struct.unpack_from(">H", data, 18)[0],
        struct.unpack_from(">4h", data, 36),
        struct.unpack_from(">h", data, 50)[0],
        struct.unpack_from(">I", data, 8)[0],
    )


def glyph_count(maxp: bytes) -> int:
    """``maxp.numGlyphs`` (the table's first 6 bytes)."""
    return struct.unpack_from(">H", maxp, 4)[0]


class MetricsHeader(NamedTuple):
    """The fields of ``hhea`` or ``vhea`` that are read (their layouts agree on these)."""

    ascent: int  # hhea.ascender / vhea.vertTypoAscender, font units
    descent: int
    long_metrics: int  # numberOfHMetrics / numberOfVMetrics


METRICS_HEADER_LENGTH = 36  # bytes of 'hhea' / 'vhea' read


def read_metrics_header(data: bytes) -> MetricsHeader:
    ascent, descent = struct.unpack_from(">hh", data, 4)
    return MetricsHeader(ascent, descent, struct.unpack_from(">H", data, 34)[0])


# --------------------------------------------------------------------------- metrics


def read_advances(data: bytes, long_metrics: int, glyphs: int) -> array:
    """Advances of every glyph from an ``hmtx`` or ``vmtx`` table: the glyphs after the last
    long metric advance by its advance. An array (a CJK face has some 65 000 glyphs: a list
    of them would be a Python int object each)."""
    advances = u16_array(data[: 4 * long_metrics])[0::2]
    advances.extend(array(advances.typecode, advances[-1:]) * (glyphs - long_metrics))
    return advances


def read_side_bearings(data: bytes, long_metrics: int, glyphs: int) -> array:
    """Left (top) side bearings of every glyph from an ``hmtx`` (``vmtx``) table, signed."""
    pairs = u16_array(data[: 4 * long_metrics], "h")
    bearings = pairs[1::2]
    rest = glyphs - long_metrics
    bearings.extend(u16_array(data[4 * long_metrics : 4 * long_metrics + 2 * rest], "h"))
    return bearings


def loca_length(index_to_loc_format: int, glyphs: int) -> int:
    """Bytes of ``loca`` read: one offset per glyph and one for the end."""
    return (glyphs + 1) * (4 if index_to_loc_format else 2)


def loca_offsets(data: bytes, index_to_loc_format: int, glyphs: int) -> array:
    """Where each glyph's record starts in ``glyf``, in bytes, and where the last one ends."""
    data = data[: loca_length(index_to_loc_format, glyphs)]
    if index_to_loc_format:
        return u32_array(data)
    return new_u32_array(2 * x for x in u16_array(data))


# --------------------------------------------------------------------------- cmap


def read_cmap(data: bytes) -> Mapping[int, int]:
    """Code point → glyph index from the best Unicode subtable (format 12, else 4).

    A format 12 table is read as its groups (:class:`CharMap`, looked up by bisection): a CJK
    face maps some 60 000 code points in a few thousand groups, and a build asks for a few
    thousand of them. Raises :class:`FontFileError` when there is none or it is damaged: out
    of the table, or with segments (format 4) or groups (format 12) out of order. In-order
    segments bound the work to one step per code point (a damaged group could otherwise claim
    2³² of them).
    """
    try:
        fmt, offset = _best_subtable(data)
        if fmt == 12:
            return _read_format_12(data, offset)
        return _read_format_4(data, offset)
    except struct.error:
        raise FontFileError("damaged font: the 'cmap' table is cut short") from None


class CharMap(Mapping[int, int]):
    """A ``cmap`` format 12 subtable as a read-only mapping: code point → glyph id, found by
    bisection over the groups' first code points (OpenType "cmap", format 12: sequential map
    groups, sorted by startCharCode, not overlapping). Read-only, so shared freely."""

    __slots__ = ("_ends", "_glyphs", "_starts")

    def __init__(self, starts: array, ends: array, glyphs: array) -> None:
        self._starts = starts
        self._ends = ends
        self._glyphs = glyphs

    def __getitem__(self, code: int) -> int:
        i = bisect_right(self._starts, code) - 1
        if i < 0 or code > self._ends[i]:
            raise KeyError(code)
        return self._glyphs[i] + code - self._starts[i]

    def get(self, code: int, default: Any = None) -> Any:  # type: ignore[override]
        i = bisect_right(self._starts, code) - 1
        if i < 0 or code > self._ends[i]:
            return default
        return self._glyphs[i] + code - self._starts[i]

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, int):
            return False
        i = bisect_right(self._starts, code) - 1
        return i >= 0 and code <= self._ends[i]

    def __iter__(self) -> Iterator[int]:
        for start, end in zip(self._starts, self._ends, strict=True):
            yield from range(start, end + 1)

    def __len__(self) -> int:
        return sum(self._ends) - sum(self._starts) + len(self._starts)

    def __bool__(self) -> bool:
        # Whether any code point is mapped: a group maps at least one (start <= end, checked
        # when read), so no sum over the groups as len() takes.
        return len(self._starts) > 0

    def codes_of(self, glyphs: Collection[int]) -> list[tuple[int, int]]:
        """(code point, glyph id) of every code point mapped to one of ``glyphs``, in
        code-point order: by the groups (a group maps its codes to consecutive glyphs), not
        code point by code point."""
        wanted = sorted(set(glyphs))
        found = []
        for start, end, first in zip(self._starts, self._ends, self._glyphs, strict=True):
            last = first + end - start
            i = bisect_left(wanted, first)
            while i < len(wanted) and wanted[i] <= last:
                found.append((start + wanted[i] - first, wanted[i]))
                i += 1
        return found

    def glyph_ids(self) -> Iterable[int]:
        """The glyph of each code point mapped, in code-point order (a range a group, at C
        speed)."""
        groups = zip(self._starts, self._ends, self._glyphs, strict=True)
        return chain.from_iterable(range(g, g + end - start + 1) for start, end, g in groups)

    def groups_in(self, low: int, high: int) -> Iterator[tuple[int, int, int]]:
        """The groups of the code points from ``low`` to ``high``, cut to them: (first code
        point, last, glyph id of the first), in order; only the groups there are read (found
        by bisection)."""
        first = max(bisect_right(self._starts, low) - 1, 0)
        last = bisect_right(self._starts, high)
        for start, end, gid in zip(
            self._starts[first:last],
            self._ends[first:last],
            self._glyphs[first:last],
            strict=True,
        ):
            if end >= low:
                cut = max(start, low)
                yield cut, min(end, high), gid + cut - start

    def max_glyph(self) -> int:
        """The highest glyph id mapped to (0 for an empty map)."""
        tops = map(operator.sub, self._ends, self._starts)
        return max(map(operator.add, self._glyphs, tops), default=0)


def codes_of(cmap: Mapping[int, int], glyphs: Collection[int]) -> list[tuple[int, int]]:
    """(code point, glyph id) of every code point ``cmap`` maps to one of ``glyphs``, in
    code-point order (a reverse look-up of a few glyphs: :meth:`CharMap.codes_of` for a
    format 12 map)."""
    if isinstance(cmap, CharMap):
        return cmap.codes_of(glyphs)
    wanted = set(glyphs)
    return sorted((code, gid) for code, gid in cmap.items() if gid in wanted)


# Where one glyph serves two code points in a face: punctuation, symbols, the compatibility
# and full-width forms (U+0000–U+33FF, U+F900–U+FFFF). Not the ideographs of U+3400–U+9FFF
# and beyond, each its own glyph: they are most of a CJK cmap, and leaving them out makes the
# sweep a hundred groups, not four thousand (a few microseconds a face, not 4 ms).
SHARED_RANGES = ((0x0000, 0x33FF), (0xF900, 0xFFFF))


def shared_codes(cmap: Mapping[int, int]) -> list[tuple[int, int]]:
    """(code point, glyph id) of every code point of :data:`SHARED_RANGES` that ``cmap``
    maps to a glyph it also maps another code point of them to (Noto CJK draws U+2012 and
    U+2013 with one glyph), in code-point order: the glyphs counted at C speed, the few found
    twice looked up in the groups."""
    if not isinstance(cmap, CharMap):
        pairs = [(c, g) for c, g in cmap.items() if any(lo <= c <= hi for lo, hi in SHARED_RANGES)]
        counts = Counter(g for _, g in pairs)
        return sorted((c, g) for c, g in pairs if counts[g] > 1)
    groups = [group for low, high in SHARED_RANGES for group in cmap.groups_in(low, high)]
    counts = Counter(chain.from_iterable(range(g, g + hi - lo + 1) for lo, hi, g in groups))
    twice = [gid for gid, n in counts.items() if n > 1]
    found = [
        (lo + gid - g, gid) for lo, hi, g in groups for gid in twice if g <= gid <= g + hi - lo
    ]
    return sorted(found)


def _best_subtable(data: bytes) -> tuple[int, int]:
    count = struct.unpack_from(">H", data, 2)[0]
    best: tuple[int, int] | None = None
    for k in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * k)
        fmt = struct.unpack_from(">H", data, offset)[0]
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if unicode and fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, offset)
    if best is None:
        raise FontFileError(
            "not a usable font: its 'cmap' has no Unicode subtable (format 4 or 12)"
        )
    return best


def _read_format_12(data: bytes, offset: int) -> CharMap:
    groups = struct.unpack_from(">I", data, offset + 12)[0]
    if offset + 16 + 12 * groups > len(data):
        raise struct.error("cmap format 12 groups run past the table")
    fields = u32_array(data[offset + 16 : offset + 16 + 12 * groups])
    starts, ends, glyphs = fields[0::3], fields[1::3], fields[2::3]
    # In order: each group's first code after the last one's end, no group backwards, none
    # past the last code point (C-speed comparisons over the whole columns).
    in_order = (
        all(map(operator.le, starts, ends))
        and all(map(operator.lt, ends[:-1], starts[1:]))
        and (not groups or ends[-1] <= MAX_CODE_POINT)
    )
    if not in_order:
        raise FontFileError("damaged font: the 'cmap' (format 12) groups are out of order")
    return CharMap(starts, ends, glyphs)


def _read_format_4(data: bytes, offset: int) -> dict[int, int]:
    cmap: dict[int, int] = {}
    segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, offset + 14)
    starts = struct.unpack_from(f">{segments}H", data, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, offset + 16 + 4 * segments)
    range_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, range_at)
    previous = -1
    for i in range(segments):
        if not previous < starts[i] <= ends[i]:
            raise FontFileError("damaged font: the 'cmap' (format 4) segments are out of order")
        previous = ends[i]
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, at)[0]
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                cmap[code] = glyph
    return cmap


# --------------------------------------------------------------------------- GSUB vert


VERTICAL_FEATURES = (b"vert", b"vrt2")


def read_vert(gsub: bytes) -> tuple[dict[int, int], ...]:
    """The single substitutions of the ``vert`` and ``vrt2`` features of a ``GSUB`` table, one
    mapping per lookup in lookup order, from the default language system of script ``hani``
    (else ``DFLT``, else the first script) (OpenType "GSUB", "Script list", "Feature list").

    A glyph's vertical form is found by passing its id through the mappings in turn. Raises
    ``struct.error``, ``ValueError`` or ``IndexError`` on a damaged table (the caller names it:
    :func:`layout.fonts.verify.open_truetype`); coverage ranges out of order are refused, so
    the work is bounded by the table's size."""
    data = gsub
    scripts_at, features_at, lookups_at = struct.unpack_from(">HHH", data, 4)
    langsys = _default_language_system(data, scripts_at)
    if langsys is None:
        return ()
    feature_indices = [_u16(data, langsys + 6 + 2 * k) for k in range(_u16(data, langsys + 4))]
    lookup_indices: set[int] = set()
    for index in feature_indices:
        record = features_at + 2 + 6 * index
        if data[record : record + 4] not in VERTICAL_FEATURES:
            continue
        feature = features_at + _u16(data, record + 4)
        count = _u16(data, feature + 2)
        lookup_indices.update(_u16(data, feature + 4 + 2 * k) for k in range(count))
    return tuple(
        _lookup_substitutions(data, lookups_at + _u16(data, lookups_at + 2 + 2 * index))
        for index in sorted(lookup_indices)
    )


def _u16(data: bytes, at: int) -> int:
    return struct.unpack_from(">H", data, at)[0]


def _default_language_system(data: bytes, scripts_at: int) -> int | None:
    """Where the default language system of the vertical script starts (None: there is none,
    or the script has no language system at all)."""
    scripts = {
        data[scripts_at + 2 + 6 * k : scripts_at + 6 + 6 * k]: scripts_at
        + _u16(data, scripts_at + 6 + 6 * k)
        for k in range(_u16(data, scripts_at))
    }
    if not scripts:
        return None
    script = scripts.get(b"hani") or scripts.get(b"DFLT") or next(iter(scripts.values()))
    langsys = _u16(data, script)
    if langsys == 0:  # no default: the first language system's
        if _u16(data, script + 2) == 0:
            return None
        langsys = _u16(data, script + 8)
    return script + langsys


def _lookup_substitutions(data: bytes, lookup: int) -> dict[int, int]:
    """The single substitutions of one lookup (its type-1 subtables, direct or through an
    extension, type 7); a glyph's first subtable wins."""
    kind = _u16(data, lookup)
    mapping: dict[int, int] = {}
    for k in range(_u16(data, lookup + 4)):
        sub = lookup + _u16(data, lookup + 6 + 2 * k)
        sub_kind = kind
        if kind == 7:  # extension
            sub_kind = _u16(data, sub + 2)
            sub += struct.unpack_from(">I", data, sub + 4)[0]
        if sub_kind == 1:
            _single_substitution(data, sub, mapping)
    return mapping


def _single_substitution(data: bytes, sub: int, mapping: dict[int, int]) -> None:
    fmt = _u16(data, sub)
    covered = _coverage(data, sub + _u16(data, sub + 2))
    if fmt == 1:
        delta = struct.unpack_from(">h", data, sub + 4)[0]
        for gid in covered:
            mapping.setdefault(gid, (gid + delta) & 0xFFFF)
    elif fmt == 2:
        for k, gid in enumerate(covered):
            mapping.setdefault(gid, _u16(data, sub + 6 + 2 * k))


def _coverage(data: bytes, at: int) -> list[int]:
    fmt, count = struct.unpack_from(">HH", data, at)
    if fmt == 1:
        return list(struct.unpack_from(f">{count}H", data, at + 4))
    glyphs: list[int] = []
    previous = -1
    for k in range(count):
        start, end, _ = struct.unpack_from(">HHH", data, at + 4 + 6 * k)
        if not previous < start <= end:  # in order (OpenType "Coverage format 2"): bounded
            raise ValueError("coverage ranges out of order")
        previous = end
        glyphs.extend(range(start, end + 1))
    return glyphs


def substitute(lookups: tuple[dict[int, int], ...], gid: int) -> int:
    """``gid`` passed through single-substitution ``lookups`` in turn (see :func:`read_vert`)."""
    for lookup in lookups:
        gid = lookup.get(gid, gid)
    return gid


# --------------------------------------------------------------------------- name, OS/2, post


def name_count(data: bytes) -> int:
    """How many name records a ``name`` table lists (each 12 bytes after a 6-byte header)."""
    return struct.unpack_from(">H", data, 2)[0]


def name_record(data: bytes, name_id: int) -> str | None:
    """A name of a ``name`` table: Windows Unicode (UTF-16BE) first, else Mac Roman, else
    Unicode platform; None when the table has no such name (OpenType "name", name IDs)."""
    count, strings = struct.unpack_from(">HH", data, 2)
    # (rank, its codec) → the first record's bytes; only the one chosen is decoded (a font
    # with a Windows name never loads the Mac Roman codec, a table built at its import).
    found: dict[tuple[int, str], bytes] = {}
    for k in range(count):
        platform, encoding, _lang, nid, length, offset = struct.unpack_from(">6H", data, 6 + 12 * k)
        if nid != name_id:
            continue
        raw = data[strings + offset : strings + offset + length]
        if platform == 3 and encoding in (0, 1, 10):
            found.setdefault((0, "utf-16-be"), raw)
        elif platform == 1 and encoding == 0:
            found.setdefault((1, "mac-roman"), raw)
        elif platform == 0:
            found.setdefault((2, "utf-16-be"), raw)
    if not found:
        return None
    chosen = min(found)
    return found[chosen].decode(chosen[1], "replace")


class OS2(NamedTuple):
    """The fields of ``OS/2`` that are read."""

    weight_class: int  # usWeightClass: 400 regular, 700 bold
    cap_height: int  # sCapHeight, font units; 0 when the table (version < 2) has none


def read_os2(data: bytes) -> OS2:
    """``usWeightClass`` (the table's first 6 bytes) and ``sCapHeight`` (version 2 on)."""
    weight = struct.unpack_from(">H", data, 4)[0]
    cap = 0
    if struct.unpack_from(">H", data, 0)[0] >= 2 and len(data) >= 90:
        cap = struct.unpack_from(">h", data, 88)[0]
    return OS2(weight, cap)


def read_italic_angle(post: bytes) -> float:
    """``post.italicAngle`` in degrees (a 16.16 fixed-point number; the first 8 bytes)."""
    return struct.unpack_from(">i", post, 4)[0] / 65536


# --------------------------------------------------------------------------- glyf

# Composite glyph flags (OpenType "glyf", composite glyph description).
ARG_1_AND_2_ARE_WORDS = 0x0001
WE_HAVE_A_SCALE = 0x0008
MORE_COMPONENTS = 0x0020
WE_HAVE_AN_X_AND_Y_SCALE = 0x0040
WE_HAVE_A_TWO_BY_TWO = 0x0080


def glyph_components(data: bytes | memoryview) -> list[int]:
    """The glyph ids a composite glyph's record refers to ([] for a simple or empty glyph).
    Raises ``struct.error`` when the components run past the record."""
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


def is_composite(glyf: bytes | memoryview, start: int, end: int) -> bool:
    """Whether the glyph record ``glyf[start:end]`` is a composite glyph (numberOfContours < 0,
    its high bit set)."""
    return end - start >= 10 and bool(glyf[start] & 0x80)


GLYPH_HEADER = struct.Struct(">5h")  # numberOfContours, xMin, yMin, xMax, yMax
_U16_AT = struct.Struct(">H").unpack_from


def glyph_damage(data: bytes | memoryview, start: int, end: int, count: int) -> str | None:
    """Why the glyph record ``data[start:end]`` is damaged, or None when it looks sound.

    A cheap look at what a renderer relies on (OpenType "glyf"): a header of 10 bytes with an
    ordered bounding box; a simple glyph's contour end points increasing, its instructions
    inside the record and no more bytes after them than its points can use (flags and
    coordinates take at most 5 bytes a point, and a record is padded by at most 3); a
    composite's components inside the record and naming existing glyphs (``count`` is the
    font's number of glyphs). A zeroed or overwritten ``glyf`` table fails it."""
    length = end - start
    if length == 0:
        return None  # an empty glyph (a space)
    if length < 10:
        return f"its record has {length} bytes, fewer than a glyph header"
    contours, x_min, y_min, x_max, y_max = GLYPH_HEADER.unpack_from(data, start)
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
    # Increasing: each end point below the next (map over the pairs at C speed).
    if contours > 1 and not all(map(operator.lt, ends, ends[1:])):
        return "its contour end points are out of order"
    points = ends[-1] + 1 if contours else 0
    instructions = _U16_AT(data, start + header)[0]
    rest = length - header - 2 - instructions
    if rest < 0:
        return "its instructions run past its record"
    if rest > 5 * points + 3:
        return f"its record has {rest} bytes for {points} points"
    return None
