"""The RGB → press CMYK tables of :mod:`layout.render.images`, kept in the user cache.

A photo's 3D colour table depends on the source profile, the press profile, the ink cap and
the lattice, never on the photo: a newsroom's photos mostly share a profile, so the table is
computed once per machine and a new photo of a profile seen before reads it (≈ 60 ms of
littleCMS and the limiter saved per new photo).

Contract:

- :func:`kept_table` returns the table's bytes for ``key`` (the caller's digest of exactly
  what the table depends on, the code's version included): the payload of
  ``press-tables/<key>.lut`` in :func:`layout.output.cache_dir` when that file is whole, else
  what ``compute()`` returns, then written there. Whole means the header, the length the
  caller expects and the SHA-256 of the payload all match: a damaged, truncated or foreign
  file is never trusted, it is recomputed and rewritten.
- Lossless: the file holds the table's bytes as they were computed, so a build with a kept
  table gives the same PDF bytes as one with a fresh table.
- Written whole or not at all (:func:`layout.output.write_file`: a temporary file renamed),
  so a killed or concurrent build never leaves half a table. A cache folder that cannot be
  written is no error: the table is returned, only the next process computes it again.
- No state in the process: the cache is the files.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable

from ..errors import OutputError
from ..output import cache_dir, write_file

__all__ = ["kept_table"]

_MAGIC = b"banmian press table 1\n"  # the file format's version (the table's is in the key)
_DIGEST = 32  # bytes of the SHA-256 of the payload, after the header


def _payload(blob: bytes, length: int) -> bytes | None:
    """The table in a kept file's bytes, or None when they are not a whole table of
    ``length`` bytes."""
    head = len(_MAGIC) + _DIGEST
    if len(blob) != head + length or not blob.startswith(_MAGIC):
        return None
    payload = blob[head:]
    if hashlib.sha256(payload).digest() != blob[len(_MAGIC) : head]:
        return None
    return payload


def kept_table(key: str, length: int, compute: Callable[[], bytes]) -> bytes:
    """The table of ``length`` bytes named by ``key``: read from the cache when kept whole,
    else ``compute()``, kept and returned (see the module docstring)."""
    path = cache_dir() / "press-tables" / f"{key}.lut"
    try:
        kept = _payload(path.read_bytes(), length)
    except OSError:
        kept = None  # absent or unreadable: computed, and written again below
    if kept is not None:
        return kept
    table = compute()
    if len(table) != length:
        raise ValueError(f"press table of {len(table)} bytes, expected {length}")
    # A cache that cannot be written: only the next process computes the table again.
    with contextlib.suppress(OutputError):
        write_file(path, _MAGIC + hashlib.sha256(table).digest() + table, listed=False)
    return table
