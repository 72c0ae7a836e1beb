"""Where a headline may break between words: the word starts of a Chinese word segmenter.

Chinese has no spaces between words, and body text may break between any two Han characters
(clreq §3.1). A headline may not: it breaks only between words or where the subeditor put a
space, never inside a word (双拥花开 / 满城芬芳, never 满 / 城; the reference digest,
"Newspaper page practice"; CSS Text 4 ``word-break: auto-phrase`` asks the same of a
browser). The words are found by jieba's dictionary and HMM (``rjieba``, the Rust port).

Contract: :func:`word_starts` gives the indices of ``text`` where a segmenter word starts,
between two clusters the text engine could part. It never offers a place inside a Western
word or number (``1200``, ``5G``, ``9.4%``, ``78∶71``: where both neighbours are letters,
digits or signs, the run is one word whatever the segmenter says), nor before a particle
that leans on the word before it (:data:`ENCLITICS`). Prohibition (避头尾) is
applied by ``prepare`` as for any break.

The segmenter's dictionary (about 350 000 words) takes a tenth of a second to load: it is
loaded on the first headline that needs breaking between words (one that does not fit on one
line at a size tried), once per process, and never for body text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache

from .chars import CharClass, classify

# Neighbours that stay together even where the segmenter parts them: a Western word, a
# number with its signs (78∶71, 2025-26, 100%).
_TIGHT = frozenset({CharClass.LATIN, CharClass.DIGIT, CharClass.SYMBOL})


# Particles that lean on the word before them (structural 的 地 得, aspect 了 着 过, 之, the
# plural 们, 等): a line of a head never starts with one (本地企业研发的 / AI质检系统, not
# 本地企业研发 / 的AI质检系统), whatever the segmenter cuts.
ENCLITICS = frozenset("的地得了着过之们等")

Segmenter = Callable[[str], Sequence[str]]


@cache
def segmenter() -> Segmenter:
    """jieba's accurate mode with its HMM for words not in the dictionary (loaded here, on
    first use, and kept for the process)."""
    import rjieba  # the import loads the dictionary

    return rjieba.cut


def word_starts(text: str, cut: Segmenter | None = None) -> frozenset[int]:
    """The indices of ``text`` where a word starts (0 and ``len(text)`` excluded), by the
    segmenter ``cut`` (default: jieba's)."""
    tokens = (cut or segmenter())(text)
    starts: set[int] = set()
    at = 0
    for k, token in enumerate(tokens):
        at += len(token)
        following = tokens[k + 1] if k + 1 < len(tokens) else ""
        if 0 < at < len(text) and _parts(text[at - 1], text[at]) and following not in ENCLITICS:
            starts.add(at)
    if at != len(text):  # a segmenter that drops characters would misplace every start
        raise ValueError(f"the segmenter lost characters of {text!r}")
    return frozenset(starts)


def _parts(left: str, right: str) -> bool:
    """Whether a word boundary between these two characters is a place to break: not inside
    a run of letters, digits and signs (one Western word or number)."""
    return not (classify(left) in _TIGHT and classify(right) in _TIGHT)
