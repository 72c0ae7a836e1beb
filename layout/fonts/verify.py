"""Font files: open a face's file and verify everything banmian will read from it.

:func:`open_truetype` returns a :class:`TrueTypeFile` (the file's tables,
:class:`~layout.fonts.tables.FontTables`, plus the numbers layout needs, read from the raw
tables by :mod:`layout.fonts.sfnt`) or raises
:class:`FontFileError`, whose ``reason`` is one sentence saying what is wrong and, where it
helps, what to do. A font that passes can be measured by :mod:`layout.fonts.library` and subset
by :mod:`layout.fonts.subset` without an exception.

What is checked, and why (OpenType 1.9, "Font file", "cmap", "head", "hhea", "hmtx", "maxp",
"loca", "vhea", "vmtx", "OS/2", "post", "name"):

- the file is a regular, non-empty file whose signature is a TrueType font (``0x00010000`` or
  ``true``). CFF outlines (``OTTO``), collections (``ttcf``) and WOFF are refused with what to
  do: the PDF writer embeds ``glyf`` outlines only (a manifest's CFF and collection faces are
  converted before they get here: :mod:`layout.fonts.convert`);
- the table directory and every table it lists lie inside the file (a truncated download);
- the tables layout and the writer read are present: ``cmap`` with a Unicode subtable (format
  4 or 12), ``head``, ``hhea``, ``hmtx``, ``maxp``, ``loca`` and ``glyf``;
- each is long enough for what is read from it and its numbers agree: ``head`` has its magic
  number, ``unitsPerEm`` 16–16384 and a known ``indexToLocFormat``; ``maxp`` counts at least
  one glyph; ``hhea.numberOfHMetrics`` is 1–numGlyphs and ``hmtx`` holds them; ``loca``
  offsets never decrease and end inside ``glyf``; the ``cmap`` subtable's segments or groups
  are in order, inside the table, and map to existing glyphs; the optional ``vhea``/``vmtx``,
  ``OS/2``, ``post`` and ``name`` are long enough for the fields read;
- the ``GSUB`` vertical forms (the ``vert``/``vrt2`` single substitutions,
  :func:`layout.fonts.sfnt.read_vert`) can be read: they are read here, once per opening,
  and kept on the :class:`TrueTypeFile`.

A file that passed before and is unchanged (:mod:`layout.fonts.verified`) is opened with
``verified_before``: the checks that only vouch for the writer (``loca`` in order, the
``cmap``'s highest glyph, the optional tables' lengths) are not made again.

:func:`check_directory` does the first three only (the file, its table directory, the
required tables listed; no table is read): a face opened only when a character needs it
(``optional`` in the manifest) is checked that far when the manifest is loaded, and in full
when it is opened.

Glyph outlines are not read here: that would read every glyph of every face on every build.
The writer checks each glyph it embeds (:meth:`layout.fonts.subset.TrueTypeProgram.closure`).
An error quotes at most :data:`EXCERPT` bytes of a bad file.
"""

from __future__ import annotations

import os
import stat
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..records import NamedTuple
from .sfnt import (
    HEAD_LENGTH,
    HEAD_MAGIC,
    METRICS_HEADER_LENGTH,
    CharMap,
    FontFileError,
    glyph_count,
    loca_length,
    loca_offsets,
    name_count,
    read_cmap,
    read_head,
    read_metrics_header,
    read_vert,
)
from .tables import FontTables

__all__ = [
    "EXCERPT",
    "REQUIRED",
    "FontFileError",
    "TrueTypeFile",
    "check_directory",
    "excerpt",
    "open_truetype",
]

EXCERPT = 8  # bytes of a bad file quoted in an error
REQUIRED = ("cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp")

_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
_CONVERT = (
    "convert it to TrueType outlines with fontTools (otf2ttf, cu2qu) as tools/build_fonts.py does"
)


class TrueTypeFile(NamedTuple):
    """A verified TrueType font: its tables (read when asked for) and the numbers read from
    them."""

    path: Path
    tables: FontTables
    units_per_em: int
    num_glyphs: int
    ascent: int  # hhea, font units
    descent: int
    h_metrics: int  # hhea.numberOfHMetrics
    v_metrics: int | None  # vhea.numberOfVMetrics when the face has vmtx
    cmap: Mapping[int, int]  # code point → glyph id (the best Unicode subtable: sfnt.read_cmap)
    # The GSUB vert/vrt2 single substitutions, per lookup in lookup order (sfnt.read_vert).
    vertical_forms: tuple[dict[int, int], ...] = ()


def excerpt(data: bytes) -> str:
    """The first bytes of a bad file, as quoted in errors: ``b'hello wo'``."""
    return repr(bytes(data[:EXCERPT]))


def open_truetype(path: Path, *, verified_before: bool = False) -> TrueTypeFile:
    """Open and verify the TrueType font at ``path`` (see the module docstring).

    ``verified_before``: the same file, unchanged, passed before
    (:mod:`layout.fonts.verified`); what layout reads is read and checked as ever (the
    tables' lengths, ``cmap``, ``GSUB``), but what only vouches for the writer — ``loca`` in
    order, the highest glyph the ``cmap`` maps to, the ``OS/2``, ``post`` and ``name``
    lengths — is not checked again."""
    font, size = _open_directory(path)
    try:
        return _verify(path, font, full=not verified_before)
    except BaseException:
        font.close()
        raise


def check_directory(path: Path) -> None:
    """The cheap part of :func:`open_truetype`, for a face that is opened only when needed
    (a large last-resort face, :mod:`layout.fonts`): the file, its signature and its table
    directory (every table inside the file, the required tables present). No table is read;
    :func:`open_truetype` checks the rest when the face is opened."""
    font, _ = _open_directory(path)
    font.close()


def _open_directory(path: Path) -> tuple[FontTables, int]:
    """The tables of a file whose signature and table directory are sound, and the file's
    size."""
    size = _file_size(path)
    with path.open("rb") as f:
        head = f.read(12)
    _check_signature(head)
    count = struct.unpack_from(">H", head, 4)[0] if len(head) >= 6 else 0
    if len(head) < 12 or 12 + 16 * count > size:
        raise FontFileError(
            f"truncated font: its table directory ({count} tables) runs past the end of the "
            f"file ({size} bytes)"
        )
    try:
        font = FontTables.open(path)
    except OSError as exc:  # the file went away or became unreadable since it was examined
        raise FontFileError(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        _check_tables(font.tables, size)
    except BaseException:
        font.close()
        raise
    return font, size


def _file_size(path: Path) -> int:
    try:
        info = path.stat()
    except FileNotFoundError:
        raise FontFileError("the file does not exist") from None
    except OSError as exc:
        raise FontFileError(f"cannot read the file: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FontFileError("it is a folder, not a font file")
    if not stat.S_ISREG(info.st_mode):
        raise FontFileError("it is not a regular file")
    if not os.access(path, os.R_OK):
        raise FontFileError("cannot read the file: permission denied")
    if info.st_size == 0:
        raise FontFileError("the file is empty")
    return info.st_size


def _check_signature(head: bytes) -> None:
    tag = head[:4]
    if tag in _TRUETYPE:
        return
    if tag == b"OTTO":
        raise FontFileError(
            f"an OpenType font with CFF outlines: banmian embeds TrueType (glyf) outlines "
            f"only; {_CONVERT}"
        )
    if tag == b"ttcf":
        faces = struct.unpack_from(">I", head, 8)[0] if len(head) >= 12 else 0
        raise FontFileError(
            f"a font collection (.ttc, {faces} faces): banmian reads single fonts; save one "
            "face as a .ttf with fontTools: TTFont(file, fontNumber=N).save('face.ttf')"
        )
    if tag in (b"wOFF", b"wOF2"):
        raise FontFileError(
            "a WOFF web font: decompress it to a .ttf first, e.g. with fontTools "
            "(TTFont(file).flavor = None, then save)"
        )
    raise FontFileError(f"not a TrueType font (starts with {excerpt(head)})")


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:157] + "…"


def _check_tables(entries: Mapping[str, Any], size: int) -> None:
    """Every table of the directory inside the file; the required ones present."""
    for tag, entry in sorted(entries.items(), key=lambda item: item[1].offset):
        if entry.offset + entry.length > size:
            raise FontFileError(
                f"truncated font: table {tag!r} (bytes {entry.offset}–"
                f"{entry.offset + entry.length}) runs past the end of the file ({size} bytes)"
            )
    missing = [tag for tag in REQUIRED if tag not in entries]
    if missing and ("CFF " in entries or "CFF2" in entries):
        raise FontFileError(
            "an OpenType font with CFF outlines: banmian embeds TrueType (glyf) outlines "
            f"only; {_CONVERT}"
        )
    if missing:
        names = ", ".join(repr(tag) for tag in missing)
        raise FontFileError(
            f"not a usable TrueType font: table{'s' * (len(missing) > 1)} "
            f"{names} missing (required: {', '.join(REQUIRED)})"
        )


class _Reader:
    """The tables of a font being verified, each checked to be long enough for what is read."""

    def __init__(self, font: FontTables) -> None:
        self.reader = font
        self.entries: Mapping[str, Any] = font.tables

    def table(self, tag: str, least: int) -> bytes:
        try:
            data = self.reader[tag]
        except (OSError, FontFileError) as exc:  # the file changed under us
            raise FontFileError(f"damaged font: cannot read table {tag!r}: {_short(exc)}") from None
        if len(data) < least:
            raise FontFileError(
                f"damaged font: the {tag!r} table has {len(data)} bytes, fewer than the {least} "
                "that are read from it"
            )
        return data


def _verify(path: Path, font: FontTables, *, full: bool = True) -> TrueTypeFile:
    tables = _Reader(font)
    head = read_head(tables.table("head", HEAD_LENGTH))
    if head.magic != HEAD_MAGIC:
        raise FontFileError(f"damaged font: the 'head' table's magic number is {head.magic:#010x}")
    units, loc_format = head.units_per_em, head.index_to_loc_format
    if not 16 <= units <= 16384:
        raise FontFileError(f"damaged font: unitsPerEm is {units} (expected 16–16384)")
    if loc_format not in (0, 1):
        raise FontFileError(f"damaged font: indexToLocFormat is {loc_format} (expected 0 or 1)")
    glyphs = glyph_count(tables.table("maxp", 6))
    if glyphs < 1:
        raise FontFileError("damaged font: 'maxp' counts no glyphs")
    hhea = read_metrics_header(tables.table("hhea", METRICS_HEADER_LENGTH))
    h_metrics = _metric_count(hhea.long_metrics, "hhea", "numberOfHMetrics", glyphs)
    tables.table("hmtx", 4 * h_metrics + 2 * (glyphs - h_metrics))
    if full:
        _check_loca(
            tables.table("loca", loca_length(loc_format, glyphs)),
            loc_format,
            glyphs,
            tables.entries["glyf"].length,
        )
    v_metrics = _check_vertical_metrics(tables, glyphs)
    if full:
        _check_optional_tables(tables)
    cmap = read_cmap(tables.table("cmap", 4))
    if not cmap:
        raise FontFileError("damaged font: its Unicode 'cmap' maps no characters")
    top = (cmap.max_glyph() if isinstance(cmap, CharMap) else max(cmap.values())) if full else 0
    if top >= glyphs:
        raise FontFileError(
            f"damaged font: the 'cmap' maps to glyph {top} but the font has {glyphs} glyphs"
        )
    return TrueTypeFile(
        path,
        font,
        units,
        glyphs,
        hhea.ascent,
        hhea.descent,
        h_metrics,
        v_metrics,
        cmap,
        _vertical_forms(tables),
    )


def _metric_count(count: int, tag: str, field: str, glyphs: int) -> int:
    if not 1 <= count <= glyphs:
        raise FontFileError(
            f"damaged font: {tag}.{field} is {count} (the font has {glyphs} glyphs)"
        )
    return count


def _check_vertical_metrics(tables: _Reader, glyphs: int) -> int | None:
    """``vhea.numberOfVMetrics`` when the face has ``vmtx`` (checked), else None."""
    if "vmtx" not in tables.entries:
        return None
    if "vhea" not in tables.entries:
        raise FontFileError("damaged font: it has a 'vmtx' table but no 'vhea'")
    vhea = read_metrics_header(tables.table("vhea", METRICS_HEADER_LENGTH))
    v_metrics = _metric_count(vhea.long_metrics, "vhea", "numberOfVMetrics", glyphs)
    tables.table("vmtx", 4 * v_metrics)
    return v_metrics


def _check_optional_tables(tables: _Reader) -> None:
    """The tables the PDF writer reads when they are there: long enough for its fields."""
    entries = tables.entries
    if "OS/2" in entries:
        tables.table("OS/2", 6)  # version and usWeightClass
    if "post" in entries:
        tables.table("post", 8)  # version and italicAngle
    if "name" in entries:
        name = tables.table("name", 6)
        records = name_count(name)
        if 6 + 12 * records > len(name):
            raise FontFileError(
                f"damaged font: the 'name' table lists {records} names but has room for fewer"
            )


def _vertical_forms(tables: _Reader) -> tuple[dict[int, int], ...]:
    if "GSUB" not in tables.entries:
        return ()
    gsub = tables.table("GSUB", 0)
    try:
        return read_vert(gsub)
    except (struct.error, ValueError, IndexError):
        raise FontFileError(
            "damaged font: its 'GSUB' table (the vertical forms of punctuation) cannot be read"
        ) from None


def _check_loca(data: bytes, loc_format: int, glyphs: int, glyf_length: int) -> None:
    """``loca`` offsets never decrease and the last one is inside ``glyf``."""
    values = loca_offsets(data, loc_format, glyphs).tolist()
    if values != sorted(values):  # timsort: one pass over sorted data
        raise FontFileError("damaged font: the 'loca' glyph offsets are out of order")
    end = values[-1]
    if end > glyf_length:
        raise FontFileError(
            f"damaged font: 'loca' points to byte {end} of a 'glyf' table of {glyf_length}"
        )
