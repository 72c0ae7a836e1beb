"""The deflated subset programs of :mod:`layout.render.cidfont`, kept in the user cache.

A face's subset program depends on the face's file and the glyphs drawn, nothing else: a
page built again with the same glyphs in a face (the same page or edition rebuilt by a new
process, a page whose edit did not change that face's glyphs) reads the program it made
before instead of subsetting the face and deflating the result again (for the sample edition
25 programs, ≈ 3 MB before deflating: about a third of its PDF stage's instructions).

Contract:

- :func:`program_key` names a program by what it depends on: :data:`FORMAT` (raised with any
  change to what the subsetter writes), the zlib library's version and the level (another
  zlib may deflate to other bytes), the identity of the file the face's tables are read from
  (:func:`file_identity` of the open file: its path, size, modification and status-change
  times and inode, as :func:`layout.filerecords.file_key` names a file; any write to it is
  another key) and the glyph ids.
- :func:`kept_program` returns the program's length and deflated bytes kept under a key, or
  None: a file that is absent, unreadable, of another format or key, or whose payload does not
  match its length and CRC-32 is never trusted (the caller makes the program and keeps it
  again). The bytes are those deflated when it was made, so a build with a kept program gives
  the same PDF as a build without (tests/render/test_programcache.py).
- :func:`keep_program` writes one (``font-programs/<key>`` in :func:`layout.output.cache_dir`)
  complete or not at all under that name (:func:`layout.output.write_cache_file`; not synced:
  a file a power cut spoiled fails the check above), then removes the oldest beyond
  :data:`KEPT_ON_DISK`; a folder that cannot be written is no error. A program read is
  touched, so the ones removed are those least recently used.
- No state in the process: the cache is the files.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import struct
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from ..output import cache_dir, sweep, write_cache_file

__all__ = ["FORMAT", "KEPT_ON_DISK", "file_identity", "keep_program", "kept_program", "program_key"]

# The subsetter's output version (layout.fonts.subset): raise it when a program's bytes change.
FORMAT = 1
KEPT_ON_DISK = 256  # programs kept (≈ 60 KiB each for the sample faces): several editions
FOLDER = "font-programs"
_MAGIC = b"banmian font program 1\n"
_HEADER = struct.Struct(">64sII")  # the key, the program's length, the CRC-32 of the payload


def file_identity(file: BinaryIO) -> str | None:
    """The identity of the open font ``file`` (a file with a name and a descriptor): its
    absolute path and its status (size, modification and status-change times in
    nanoseconds, inode); None for an object that is no open file."""
    try:
        st = os.fstat(file.fileno())
        where = os.path.abspath(file.name)  # type: ignore[arg-type]
    except (OSError, AttributeError, TypeError, ValueError):
        return None
    fields = (where, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    return "\0".join(map(str, fields))


def program_key(identity: str, level: int, glyphs: Sequence[int]) -> str:
    """The cache key of the subset program holding ``glyphs`` of the face whose file has
    :func:`file_identity` ``identity``, deflated at ``level`` (see the module docstring)."""
    named = f"font program {FORMAT}\0{zlib.ZLIB_RUNTIME_VERSION}\0{level}\0{identity}\0"
    digest = hashlib.sha256(named.encode("utf-8", "surrogateescape"))
    digest.update(struct.pack(f">{len(glyphs)}I", *glyphs))
    return digest.hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / FOLDER / key


def kept_program(key: str) -> tuple[int, bytes] | None:
    """The program's length and deflated bytes kept under ``key``, when kept whole."""
    path = _path(key)
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head = len(_MAGIC) + _HEADER.size
    if len(blob) < head or not blob.startswith(_MAGIC):
        return None
    named, length, crc = _HEADER.unpack_from(blob, len(_MAGIC))
    payload = blob[head:]
    if named != key.encode("ascii") or zlib.crc32(payload) != crc:
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # used: the last to be removed
    return length, payload


def keep_program(key: str, length: int, packed: bytes) -> None:
    """Keep the program (its length and deflated bytes) under ``key``, the oldest kept beyond
    :data:`KEPT_ON_DISK` removed (see the module docstring)."""
    path = _path(key)
    header = _MAGIC + _HEADER.pack(key.encode("ascii"), length, zlib.crc32(packed))
    if not write_cache_file(path, header + packed):
        return
    _prune(path.parent)


def _prune(folder: Path) -> None:
    """The oldest programs beyond :data:`KEPT_ON_DISK` removed (by modification time), and
    what a killed build left there."""
    sweep(folder)
    try:
        entries = [e for e in os.scandir(folder) if len(e.name) == 64 and e.is_file()]
    except OSError:
        return
    if len(entries) <= KEPT_ON_DISK:
        return
    dated = []
    for entry in entries:
        with contextlib.suppress(OSError):
            dated.append((entry.stat().st_mtime_ns, entry.path))
    dated.sort()
    for _, old in dated[: len(dated) - KEPT_ON_DISK]:
        with contextlib.suppress(OSError):
            os.unlink(old)
