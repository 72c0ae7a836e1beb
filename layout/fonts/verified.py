"""Faces verified before: a record in the user's cache that a face's file, as it is on disk,
passed the full verification (:func:`layout.fonts.convert.open_source`).

A library verifies every face when it loads, so that a damaged font is an error at the
manifest's line before any layout (:mod:`layout.fonts.library`). Verifying a face reads its
``cmap``, ``loca``, metrics and ``GSUB``; a record found here lets the library leave that to
the face's first use (and never do it for a face the page does not use), since the same
file passed before.

Contract:

- :func:`face_key` is the identity of a face's file as it is now: its absolute path, the face
  index, its size, modification and status-change times (nanoseconds) and inode, and
  :data:`VERIFIER_VERSION`; None when the file cannot be examined (the verifier then says
  why). Any write to the file, a copy over it or a ``touch`` changes the key. The key is
  the file's identity, not a hash of its bytes: hashing a 4 MB face costs as much as
  verifying it.
- :func:`was_verified` says whether a record of the key is kept; :func:`remember` keeps one
  (``fonts-verified/<digest>`` in the folder of :func:`layout.output.cache_dir`, made only
  after the face passed; it is its existence that counts). A cache folder that cannot be
  written is no error: the face is only verified in full again on the next load.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from ..output import cache_dir

__all__ = ["VERIFIER_VERSION", "face_key", "remember", "was_verified"]

# Bump when layout.fonts.verify or layout.fonts.convert checks more: records made by an older
# verifier are then not trusted.
VERIFIER_VERSION = 1


def face_key(path: Path, index: int | None) -> str | None:
    """The identity of the face ``index`` of the file at ``path`` as it is on disk (see the
    module docstring); None: the file cannot be examined."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (
        f"{VERIFIER_VERSION}\0{os.path.abspath(path)}\0{index}\0{st.st_size}\0"
        f"{st.st_mtime_ns}\0{st.st_ctime_ns}\0{st.st_ino}"
    )


def _record(key: str) -> Path:
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / "fonts-verified" / digest


def was_verified(key: str) -> bool:
    """Whether a face with this :func:`face_key` passed the full verification before."""
    return _record(key).is_file()


def remember(key: str) -> None:
    """Keep the record that the face with this key passed the full verification."""
    record = _record(key)
    # A folder that cannot be written: not kept, the face is verified in full next time.
    # No fsync nor temporary name: the record is made only after the face passed, and what
    # counts is that it exists (its text, the key, is for a reader); one lost in a power cut
    # costs one more verification.
    with contextlib.suppress(OSError):
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_bytes(key.encode("utf-8", "surrogateescape"))
