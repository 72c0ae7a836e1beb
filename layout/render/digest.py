"""The MD5 digest of a PDF's first bytes, the part a rebuild did not change hashed once.

Contract: :meth:`PrefixDigest.hexdigest` of ``data`` and ``end`` is
``hashlib.md5(data[:end]).hexdigest()``, always. It keeps the bytes it was last given and the
digest's state after each :data:`CHUNK` of them; the next call hashes only from the first chunk
that differs from those bytes (compared, not trusted: equal bytes, equal state). The press PDF's
ID is such a digest (``layout.render.pdfx.content_id``) and ReportLab writes a page's photo
among the first objects, so a rebuild in ``watch`` hashes its megabytes once; the object lives
in the font library's memo, with the other work kept for rebuilds (``layout.render.pdf``).
"""

from __future__ import annotations

import hashlib
from typing import Any

CHUNK = 1 << 16  # bytes a kept state covers: a copy of the state is 0.2 µs, a chunk's MD5 0.1 ms


class PrefixDigest:
    """MD5 of a prefix of bytes, the last bytes' chunk states kept (see the module)."""

    def __init__(self) -> None:
        self._data = b""
        # _states[k]: the digest after the first k chunks of _data (k = 0: nothing hashed).
        self._states: list[Any] = [hashlib.md5(usedforsecurity=False)]

    def hexdigest(self, data: bytes, end: int) -> str:
        """``hashlib.md5(data[:end]).hexdigest()``."""
        whole = end // CHUNK
        kept, last = self._data, self._states
        same = 0
        while (
            same < whole
            and same + 1 < len(last)
            and data[same * CHUNK : (same + 1) * CHUNK] == kept[same * CHUNK : (same + 1) * CHUNK]
        ):
            same += 1
        states = last[: same + 1]
        digest = states[same].copy()
        for k in range(same, whole):
            digest.update(data[k * CHUNK : (k + 1) * CHUNK])
            states.append(digest.copy())
        digest.update(data[whole * CHUNK : end])
        self._data, self._states = data[: whole * CHUNK], states
        return digest.hexdigest()
