"""Faces verified before: a record in the user's cache that a face's file, as it is on disk,
passed the full verification (:func:`layout.fonts.convert.open_source`).

A library verifies every face when it loads, so that a damaged font is an error at the
manifest's line before any layout (:mod:`layout.fonts.library`). Verifying a face reads its
``cmap``, ``loca``, metrics and ``GSUB``; a record found here lets the library leave that to
the face's first use (and never do it for a face the page does not use), since the same
file passed before.

Contract:

- :func:`face_key` is the identity of a face's file as it is now
  (:func:`layout.filerecords.file_key`: its absolute path, the face index, its size,
  modification and status-change times and inode, and :data:`VERIFIER_VERSION`); None when
  the file cannot be examined (the verifier then says why). Any write to the file, a copy
  over it or a ``touch`` changes the key. The key is the file's identity, not a hash of its
  bytes: hashing a 4 MB face costs as much as verifying it.
- :func:`was_verified` says whether a record of the key is kept; :func:`remember` keeps one
  (``fonts-verified/<digest>`` in the folder of :func:`layout.output.cache_dir`, made only
  after the face passed; it is its existence that counts). A cache folder that cannot be
  written is no error: the face is only verified in full again on the next load.
"""

from __future__ import annotations

from pathlib import Path

from ..filerecords import file_key, record, was_recorded

__all__ = ["VERIFIER_VERSION", "face_key", "remember", "was_verified"]

# Bump when layout.fonts.verify or layout.fonts.convert checks more: records made by an older
# verifier are then not trusted.
VERIFIER_VERSION = 1
_FOLDER = "fonts-verified"


def face_key(path: Path, index: int | None) -> str | None:
    """The identity of the face ``index`` of the file at ``path`` as it is on disk (see the
    module docstring); None: the file cannot be examined."""
    return file_key(f"fonts {VERIFIER_VERSION}", path, index)


def was_verified(key: str) -> bool:
    """Whether a face with this :func:`face_key` passed the full verification before."""
    return was_recorded(_FOLDER, key)


def remember(key: str) -> None:
    """Keep the record that the face with this key passed the full verification."""
    record(_FOLDER, key)
