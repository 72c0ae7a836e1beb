"""Entries of the user cache checked before they are trusted: a file damaged on the disk
(cut short, written over in place, a sector gone) is made again, never put into a PDF or
read as copy.

An entry is written whole or not at all (:mod:`layout.output`), which keeps a killed or
concurrent build from leaving half of one; what it does not cover is a file damaged after
(a disk, a sync tool, a hand). The font programs (:mod:`layout.render.programcache`) and
the advertisements' pages (:mod:`layout.artwork.advertcache`) carry their own check; the
converted photos, the proof's crops and the parsed YAML documents use this one.

Contract:

- :func:`seal` returns an entry's bytes with a header before them (:data:`_MAGIC`, the
  payload's length and CRC-32); :func:`unseal` returns the payload of such bytes, or None
  when the header or the CRC-32 does not match (damaged, cut short, of another format). For
  an entry read by banmian alone (the YAML cache).
- :func:`keep_checked` writes a file whose bytes others read as they are (a JPEG or PNG
  embedded in the PDF as stored) with its check beside it (``NAME.check``: the length and
  CRC-32 of its bytes), the file first and the check last; :func:`is_checked` is True only
  when both are there and agree — the size from a ``stat`` first (a file cut short costs no
  read), then the CRC-32 over the bytes. A file without its check (a build killed between
  the two writes, a cache of an earlier banmian) is made again. :func:`keep_checked_or_say`
  is the same for a caller that goes on without the cache: the error instead of raising it.
- The cost of a warm build: one read of each entry used and its CRC-32 (zlib's, ≈ 1 GB/s);
  the PDF writer reads the same file just after, from the system's page cache.
- No state in the process: the cache is the files.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from .errors import OutputError
from .output import write_cache_file, write_file

_MAGIC = b"banmian cache entry 1\n"
_HEADER = struct.Struct(">QI")  # the payload's length, its CRC-32
_CHECK = b"banmian cache check 1\n"
CHECK_SUFFIX = ".check"


def seal(payload: bytes) -> bytes:
    """``payload`` with the header that :func:`unseal` checks."""
    return _MAGIC + _HEADER.pack(len(payload), zlib.crc32(payload)) + payload


def unseal(entry: bytes) -> bytes | None:
    """The payload of ``entry`` made by :func:`seal`; None when it is not whole."""
    start = len(_MAGIC) + _HEADER.size
    if not entry.startswith(_MAGIC) or len(entry) < start:
        return None
    length, crc = _HEADER.unpack_from(entry, len(_MAGIC))
    payload = entry[start:]
    if len(payload) != length or zlib.crc32(payload) != crc:
        return None
    return payload


def check_path(path: Path) -> Path:
    """Where the check of the cache file ``path`` is kept."""
    return path.with_name(path.name + CHECK_SUFFIX)


def _check_bytes(data: bytes) -> bytes:
    return _CHECK + _HEADER.pack(len(data), zlib.crc32(data))


def keep_checked(path: Path, data: bytes) -> Path:
    """Write ``data`` at ``path`` (whole or not at all: ``OutputError`` when it cannot be
    written), then its check; returns ``path``. A check that cannot be written is no error:
    the file is made again next time."""
    write_file(path, data, listed=False)
    write_cache_file(check_path(path), _check_bytes(data))
    return path


def keep_checked_or_say(path: Path, data: bytes) -> OutputError | None:
    """:func:`keep_checked`, returning why ``path`` could not be written (nothing is left
    there then) instead of raising it; None when it was."""
    try:
        keep_checked(path, data)
    except OutputError as error:
        return error
    return None


def is_checked(path: Path) -> bool:
    """Whether the cache file ``path`` is there, whole, as :func:`keep_checked` wrote it."""
    try:
        check = check_path(path).read_bytes()
        if len(check) != len(_CHECK) + _HEADER.size or not check.startswith(_CHECK):
            return False
        length, crc = _HEADER.unpack_from(check, len(_CHECK))
        if os.stat(path).st_size != length:
            return False
        return zlib.crc32(path.read_bytes()) == crc
    except OSError:
        return False
