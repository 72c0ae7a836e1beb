"""A TrueType file's table directory, and each table's bytes read when asked for.

A build reads a face's file through :class:`FontTables` (OpenType 1.9, "Font file": the table
directory): the verifier (:mod:`layout.fonts.verify`), the library's faces
(:mod:`layout.fonts.library`) and the subsetter (:mod:`layout.fonts.subset`) take the tables'
bytes from it and read them with :mod:`layout.fonts.sfnt`. It stands where fontTools' lazy
reader (``TTFont(path, lazy=True).reader``) stood, which decompiled nothing either but whose
import costs a cold build more than reading every table it needs: fontTools is left to what
needs its table objects (converting CFF and collections, :mod:`layout.fonts.convert`; tools).

Contract:

- :meth:`FontTables.open` reads the file's 12-byte header and its directory of
  ``numTables`` 16-byte records (tag, checksum, offset, length) and keeps the file open;
  a file shorter than its directory raises :class:`~layout.fonts.sfnt.FontFileError`. The
  signature is not judged here (the verifier says what a non-TrueType file is) and no
  table is read.
- :attr:`FontTables.tables` maps each tag (four characters, Latin-1) to its
  :class:`TableEntry`, in the order of the tables' offsets; a tag listed twice keeps its last
  record.
- ``tables[tag]`` is the table's bytes, exactly ``length`` of them read from the file
  (:class:`~layout.fonts.sfnt.FontFileError` when the file now ends before them);
  ``tag in tables`` says whether the directory lists it. :meth:`FontTables.mapped` is a
  table as a read-only memory map of the file (None where the file cannot be mapped), for
  ``glyf``, of which only the glyphs drawn are ever read.
- :meth:`FontTables.close` closes the file (also as a context manager).
"""

from __future__ import annotations

import io
import mmap
import struct
from collections.abc import Iterator, Mapping
from pathlib import Path

from ..records import NamedTuple
from .sfnt import FontFileError

__all__ = ["DIRECTORY_RECORD", "HEADER", "FontTables", "TableEntry"]

HEADER = 12  # sfntVersion, numTables, searchRange, entrySelector, rangeShift
DIRECTORY_RECORD = 16  # tag, checksum, offset, length
_RECORD = struct.Struct(">4sIII")


class TableEntry(NamedTuple):
    """A table's record in the directory: where its bytes are in the file."""

    offset: int
    length: int
    checksum: int


class FontTables(Mapping[str, bytes]):
    """The tables of one TrueType file (see the module docstring)."""

    def __init__(self, file: io.FileIO, tables: dict[str, TableEntry]) -> None:
        self.file = file
        self.tables = tables

    @classmethod
    def open(cls, path: str | Path) -> FontTables:
        """The directory of the font file at ``path``, the file kept open for its tables."""
        # Unbuffered: a table is read from the file as it is when asked for, not from a
        # buffer filled at opening (a file cut since is an error, not stale bytes).
        file = open(path, "rb", buffering=0)  # noqa: SIM115 - closed by close()
        try:
            head = _read(file, 0, HEADER)
            count = struct.unpack_from(">H", head, 4)[0] if len(head) >= 6 else 0
            records = _read(file, HEADER, DIRECTORY_RECORD * count)
            if len(head) < HEADER or len(records) < DIRECTORY_RECORD * count:
                raise FontFileError(
                    f"truncated font: its table directory ({count} tables) runs past the end "
                    "of the file"
                )
            listed = {}
            for tag, checksum, offset, length in _RECORD.iter_unpack(records):
                listed[tag.decode("latin-1")] = TableEntry(offset, length, checksum)
        except BaseException:
            file.close()
            raise
        return cls(file, dict(sorted(listed.items(), key=lambda item: item[1].offset)))

    def __getitem__(self, tag: str) -> bytes:
        entry = self.tables[tag]
        data = _read(self.file, entry.offset, entry.length)
        if len(data) != entry.length:
            raise FontFileError(
                f"truncated font: table {tag!r} has {len(data)} of its {entry.length} bytes"
            )
        return data

    def __contains__(self, tag: object) -> bool:
        return tag in self.tables

    def __iter__(self) -> Iterator[str]:
        return iter(self.tables)

    def __len__(self) -> int:
        return len(self.tables)

    def mapped(self, tag: str) -> memoryview | None:
        """Table ``tag`` as a read-only memory map of the file; None where it cannot be mapped
        (no such table, a platform without mmap, a file not on disk, a table past the file's
        end)."""
        entry = self.tables.get(tag)
        if entry is None:
            return None
        try:
            whole = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError, io.UnsupportedOperation):
            return None
        if entry.offset + entry.length > len(whole):
            return None
        return memoryview(whole)[entry.offset : entry.offset + entry.length]

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> FontTables:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _read(file: io.FileIO, offset: int, length: int) -> bytes:
    """``length`` bytes of ``file`` from ``offset``, fewer only where the file ends."""
    file.seek(offset)
    parts = []
    while length > 0:
        part = file.read(length)
        if not part:
            break
        parts.append(part)
        length -= len(part)
    return b"".join(parts)
