"""Records, in the user's cache, that an input file as it is on disk passed a check.

A check that reads a whole file (a font face's tables, :mod:`layout.fonts.verified`; a photo
decoded to its end, :mod:`layout.imagefiles`) need not run again in a later process while the
file is unchanged: a record of the file's identity says it passed.

Contract:

- :func:`file_key` is the identity of a file as it is now: the check's name and version, the
  file's absolute path, what else the caller names (a face index), its size, modification and
  status-change times (nanoseconds) and inode; None when the file cannot be examined (the
  check then runs and says why). Any write to the file, a copy over it or a ``touch``
  changes the key. The key is the file's identity, not a hash of its bytes: hashing the file
  costs as much as the check.
- :func:`was_recorded` says whether a record of the key is kept; :func:`record` keeps one
  (``<folder>/<digest>`` in :func:`layout.output.cache_dir`, made only after the file passed;
  it is its existence that counts). A cache folder that cannot be written is no error: the
  check only runs again next time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from .output import cache_dir

__all__ = ["file_key", "record", "was_recorded"]


def file_key(check: str, path: Path, *parts: object) -> str | None:
    """The identity of the file at ``path`` for ``check`` (its name and version) and
    ``parts``, as the file is on disk now (see the module docstring); None: the file cannot
    be examined."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    fields = (check, os.path.abspath(path), *parts, st.st_size, st.st_mtime_ns)
    return "\0".join(map(str, (*fields, st.st_ctime_ns, st.st_ino)))


def _record(folder: str, key: str) -> Path:
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return cache_dir() / folder / digest


def was_recorded(folder: str, key: str) -> bool:
    """Whether the file with this :func:`file_key` passed before (a record in ``folder``)."""
    return _record(folder, key).is_file()


def record(folder: str, key: str) -> None:
    """Keep the record, in ``folder`` of the cache, that the file with this key passed."""
    path = _record(folder, key)
    # A folder that cannot be written: not kept, the check runs again next time. No fsync nor
    # temporary name: the record is made only after the file passed, and what counts is that
    # it exists (its text, the key, is for a reader); one lost in a power cut costs one check.
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(key.encode("utf-8", "surrogateescape"))
