"""Stage 1, collect: split a paragraph's text into clusters.

A :class:`Cluster` is the smallest unit the line breaker may put on a line by itself: one Han
character, one punctuation mark, an unbreakable 2-em mark (—— ……, clreq §3.1.4), a run of
spaces, a zero-width space (a break opportunity), or a Latin word or number kept whole
("86.5", "9.4%", "3+3+3", "PTA", "2025"; clreq §3.2: a Western word is not broken).

Combining marks stay in the cluster of the character before them (UAX #14 LB9: no break
before a combining mark; UAX #29: a base and its marks are one grapheme), a Latin word's
inside it; a mark with no base (at the start, after a space) is a symbol cluster of its own.
The text normally comes from :func:`layout.text.clean.clean`, but any text is split safely.
"""

from __future__ import annotations

from typing import NamedTuple

from .chars import LONG_MARK_PAIRS, CharClass, classify, is_mark

# Characters that continue a Latin word or number when a letter or digit follows them
# ("86.5", "3+3+3", "1,000", "co-op", "A/B"), and signs that close a number ("9.4%").
_JOINERS = frozenset(".,:+-/'&_")
_NUMBER_SUFFIXES = frozenset("%‰℃°％")
_WORD_CLASSES = frozenset({CharClass.LATIN, CharClass.DIGIT})
_LONG_MARK_FIRST = frozenset(pair[0] for pair in LONG_MARK_PAIRS)
# Clusters that a combining mark does not join: it has no base there.
_NO_BASE = frozenset({CharClass.SPACE, CharClass.BREAK})


class Cluster(NamedTuple):
    """A run of the paragraph's text that is set and broken as one unit."""

    text: str
    cls: CharClass
    start: int  # index of the first character in the paragraph text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def collect(text: str) -> list[Cluster]:
    """Split ``text`` into clusters, in order; joining their texts gives ``text`` back."""
    clusters: list[Cluster] = []
    append = clusters.append
    n = len(text)
    i = 0
    han = CharClass.HAN
    while i < n:
        ch = text[i]
        cls = classify(ch)
        if cls is han:  # the common case first
            append(Cluster(ch, cls, i))
            i += 1
            continue
        if ch in _LONG_MARK_FIRST and text[i : i + 2] in LONG_MARK_PAIRS:
            append(Cluster(text[i : i + 2], CharClass.LONG_MARK, i))
            i += 2
            continue
        if cls in _WORD_CLASSES:
            j = _word_end(text, i)
            word = text[i:j]
            kind = CharClass.DIGIT if all(c.isdigit() or not c.isalpha() for c in word) else cls
            clusters.append(Cluster(word, kind, i))
            i = j
            continue
        if cls is CharClass.SPACE:
            j = i + 1
            while j < n and classify(text[j]) is CharClass.SPACE:
                j += 1
            clusters.append(Cluster(text[i:j], CharClass.SPACE, i))
            i = j
            continue
        if cls is CharClass.SYMBOL and clusters and is_mark(ch):
            last = clusters[-1]
            if last.cls not in _NO_BASE:
                clusters[-1] = last._replace(text=last.text + ch)
                i += 1
                continue
        clusters.append(Cluster(ch, cls, i))
        i += 1
    return clusters


def _word_end(text: str, i: int) -> int:
    """The end of the Latin word or number that starts at ``i``."""
    n = len(text)
    j = i + 1
    while j < n:
        c = text[j]
        if classify(c) in _WORD_CLASSES:
            j += 1
        elif c in _JOINERS and j + 1 < n and classify(text[j + 1]) in _WORD_CLASSES:
            j += 2
        elif c in _NUMBER_SUFFIXES and text[j - 1].isdigit():
            j += 1
            break
        elif is_mark(c):
            j += 1  # a combining mark on a letter or digit: part of the word
        else:
            break
    return j
