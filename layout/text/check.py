"""Check set lines against the rules, independently of how they were made.

Used by the tests, the seed benchmark and the proofs: a prohibited line start or end
(clreq §3.1.4), a 孤字 last line (clreq §3.5), a justified line not at the measure (clreq
§3.6), an overfull line, a line stretched beyond the loose limit (or, with nothing on it to
stretch, left short by more than it; or, a line of Western words alone, its word spaces
stretched past the ½ em the rules give them), and a Western word broken between two characters with
no hyphen where it has no break of its own (clreq §3.2 keeps a word whole; the engine breaks
one so only as the last resort, ``layout.text.overlong``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from enum import Enum

from ..records import NamedTuple
from .chars import NO_LINE_END, NO_LINE_START, NO_LINE_START_SIGNS, CharClass
from .collect import Cluster, collect
from .finalize import Line
from .items import Glue, StretchStep
from .linebreak import WORD_SPREAD_TOLERANCE
from .options import Prohibition
from .prepare import character_count
from .words import NO_HYPHENATION, word_breaks

# Space added between characters beyond which a line is called loose, in em.
LOOSE_LIMIT = 0.25
_TOLERANCE = 0.01  # points
_GLUE = frozenset({CharClass.SPACE, CharClass.BREAK})  # clusters set as glue, not characters
_WESTERN = frozenset({CharClass.LATIN, CharClass.DIGIT})


class ViolationKind(Enum):
    PROHIBITED_START = "prohibited-start"  # 行首禁则
    PROHIBITED_END = "prohibited-end"  # 行尾禁则
    ORPHAN = "orphan"  # 孤字
    NOT_JUSTIFIED = "not-justified"
    OVERFULL = "overfull"
    LOOSE = "loose"
    BROKEN_WORD = "broken-word"  # a word split between two letters, no hyphen drawn


class Violation(NamedTuple):
    kind: ViolationKind
    line: int  # index of the line in its paragraph
    detail: str


def check_lines(
    lines: tuple[Line, ...] | list[Line],
    text: str,
    prohibition: Prohibition,
    *,
    em: float,
    justified: bool = True,
    clusters: Sequence[Cluster] | None = None,
    url_head: int = 0,
) -> list[Violation]:
    """The rule violations in ``lines``, the setting of paragraph ``text`` (the text as set,
    ``SetParagraph.text``: the lines index into it). ``clusters``, if given, must be
    ``collect(text, url_head=url_head)`` (``SetParagraph.clusters``): then the text is not
    collected again. ``url_head``: the length of the URL's end the text starts with
    (``SetParagraph.url_head``), whose breaks are a URL's."""
    found: list[Violation] = []
    no_start = NO_LINE_START[prohibition]
    no_start_signs = NO_LINE_START_SIGNS[prohibition]
    no_end = NO_LINE_END[prohibition]
    # The paragraph's clusters, so that a line is judged in context: a line that starts or
    # ends inside a word broken across lines (a URL broken after "/") has no mark at its edge.
    if clusters is None:
        clusters = collect(text, url_head=url_head)
    whole = [c for c in clusters if c.cls not in _GLUE]
    starts = [c.start for c in whole]
    for k, line in enumerate(lines):
        # The line's first and last cluster as _within cuts them, found without the cut
        # (a cut keeps a cluster's class; a head cut at the line start starts there, a tail
        # cut at the line end ends there).
        start, end = line.start, line.end
        lo = max(bisect_right(starts, start) - 1, 0)
        hi = bisect_left(starts, end)
        if lo < hi and whole[lo].start + len(whole[lo].text) <= start:
            lo += 1  # (the head ends before the line: not on it)
        if lo >= hi:
            continue
        first, last = whole[lo], whole[hi - 1]
        if (
            k > 0
            and first.start <= start
            and (first.cls in no_start or text[start : start + 1] in no_start_signs)
        ):
            text_at = first.text[start - first.start :] if first.start < start else first.text
            if hi - 1 == lo and first.start + len(first.text) > end:
                text_at = text_at[: end - max(first.start, start)]
            found.append(Violation(ViolationKind.PROHIBITED_START, k, text_at))
        if not line.last and last.start + len(last.text) >= end and last.cls in no_end:
            found.append(Violation(ViolationKind.PROHIBITED_END, k, _cut(last, start, end)))
        if line.overfull > _TOLERANCE:
            squeezed = f", set {line.squeeze:.0%} wide" if line.squeeze < 1.0 else ""
            found.append(Violation(ViolationKind.OVERFULL, k, f"{line.overfull:.2f}pt{squeezed}"))
        elif justified and not line.last and abs(line.width - line.measure) > _TOLERANCE:
            found.append(
                Violation(ViolationKind.NOT_JUSTIFIED, k, f"{line.width:.2f}/{line.measure:.2f}pt")
            )
        if line.spacing > LOOSE_LIMIT * em + 1e-9:
            found.append(Violation(ViolationKind.LOOSE, k, f"+{line.spacing / em:.2f}em"))
        elif justified and not line.last and line.short > LOOSE_LIMIT * em + 1e-9:
            # A justified line with nothing to stretch (a number's or a word's pieces alone,
            # a whole number) left short: as loose to the eye as one spread (clreq §3.6).
            found.append(Violation(ViolationKind.LOOSE, k, f"short by {line.short / em:.2f}em"))
        elif line.word_spread > WORD_SPREAD_TOLERANCE:
            # A line of Western words alone has no gap between characters to take what the
            # word spaces cannot: they went past ½ em (clreq §3.6 stretches them to ½ em).
            found.append(Violation(ViolationKind.LOOSE, k, _word_spaces(line, em)))
        if line.last and k > 0 and character_count(_within(whole, starts, start, end)) < 2:
            found.append(Violation(ViolationKind.ORPHAN, k, text[line.start : line.end]))
        if not line.last:
            broken = _broken_word(whole, starts, line, url_head)
            if broken is not None:
                found.append(Violation(ViolationKind.BROKEN_WORD, k, broken))
    return found


def _word_spaces(line: Line, em: float) -> str:
    """How wide the word spaces of a line stretched past their stretch came out: the widest
    (a face's space and its stretch to ½ em, and the spread past it)."""
    widest = max(
        size
        for item, size in zip(line.items, line.sizes, strict=True)
        if item.__class__ is Glue and item.stretch_step is StretchStep.WORD_SPACE  # type: ignore[union-attr]
    )
    return f"word spaces {widest / em:.2f}em wide (stretched past ½ em)"


def _cut(cluster: Cluster, start: int, end: int) -> str:
    """The text of ``cluster`` within ``[start, end)`` (a word broken across lines: the piece
    on this line), as :func:`_within` cuts it."""
    text = cluster.text
    if cluster.start < start:
        text = text[start - cluster.start :]
    at = max(cluster.start, start)
    return text[: end - at] if at + len(text) > end else text


def _broken_word(
    whole: list[Cluster], starts: list[int], line: Line, url_head: int = 0
) -> str | None:
    """The Western word ``line`` ends inside, shown split where it was (``gesellsc|haft``),
    if the line ends there with no hyphen and the word has no break of its own there (a
    URL's, a number's, after a hyphen or solidus it has; the text's first word within
    ``url_head``, a URL's end, a URL's); else None."""
    at = bisect_right(starts, line.end) - 1
    if at < 0:
        return None
    word = whole[at]
    offset = line.end - word.start
    if word.cls not in _WESTERN or not 0 < offset < len(word.text) or line.hyphenated:
        return None
    url = word.start < url_head
    if any(k == offset for k, _ in word_breaks(word.text, NO_HYPHENATION, url=url)):
        return None
    return f"{_split_shown(word.text, offset)} broken between letters, no hyphen"


# The characters of a long word a report shows on either side of its break.
_SHOWN = 30


def _split_shown(word: str, offset: int) -> str:
    """``word`` shown split at ``offset`` (``gesellsc|haft``); a long one (a pasted string of
    2,000 letters) by the characters around its break and its length, not whole."""
    before, after = word[:offset], word[offset:]
    if len(word) <= 2 * _SHOWN:
        return f"{before}|{after}"
    if len(before) > _SHOWN:
        before = "…" + before[-_SHOWN:]
    if len(after) > _SHOWN:
        after = after[:_SHOWN] + "…"
    return f"{before}|{after} (a word of {len(word):,} characters)"


def _within(clusters: list[Cluster], starts: list[int], start: int, end: int) -> list[Cluster]:
    """The parts of ``clusters`` (in order, with their ``starts``) in ``[start, end)``: a word
    broken across lines is cut to the piece on this line."""
    first = max(bisect_right(starts, start) - 1, 0)
    out = clusters[first : bisect_left(starts, end)]
    if not out:
        return out
    head = out[0]
    if head.start + len(head.text) <= start:
        out = out[1:]
    elif head.start < start:
        out[0] = Cluster(head.text[start - head.start :], head.cls, start)
    if out and out[-1].start + len(out[-1].text) > end:
        tail = out[-1]
        out[-1] = Cluster(tail.text[: end - tail.start], tail.cls, tail.start)
    return out
