"""The PDF ID's digest kept for rebuilds (``layout.render.digest``): always the MD5 of the
prefix asked, whatever bytes came before (same, changed early, changed late, shorter, longer)."""

from __future__ import annotations

import hashlib
import random

from layout.render.digest import CHUNK, PrefixDigest


def _md5(data: bytes, end: int) -> str:
    return hashlib.md5(data[:end]).hexdigest()


def test_every_digest_is_the_md5_of_its_prefix() -> None:
    rng = random.Random(16)
    base = rng.randbytes(5 * CHUNK + 123)
    changed_late = base[: 4 * CHUNK + 7] + b"x" + base[4 * CHUNK + 8 :]
    changed_early = b"y" + base[1:]
    cases = [
        (base, len(base) - 50),
        (base, len(base) - 50),  # the same again: every whole chunk kept
        (changed_late, len(changed_late) - 50),
        (changed_early, len(changed_early)),
        (base[: 2 * CHUNK], 2 * CHUNK),  # shorter, on a chunk's end
        (base + rng.randbytes(3 * CHUNK), len(base) + 3 * CHUNK - 1),  # longer
        (b"", 0),
        (base, CHUNK - 1),
    ]
    digest = PrefixDigest()
    for data, end in cases:
        assert digest.hexdigest(data, end) == _md5(data, end)
