"""The measures of issue 10 on lines read from a PDF: lone marks, Han–Western gaps, glyph
overlaps, characters outside their column, prohibited breaks, 孤字, loose lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from layout.text.chars import NO_LINE_END, NO_LINE_START, PUNCTUATION, CharClass
from layout.text.collect import collect
from layout.text.options import Prohibition
from layout.text.prepare import character_count

from .lines import MM, Line, LineInfo
from .pdftext import Glyph, PageGlyphs

# The marks whose width issue 10 is about: 点号, quotes and brackets (clreq §3.1.2, §3.1.6).
LONE_MARK_CLASSES = frozenset(
    {CharClass.PAUSE, CharClass.STOP, CharClass.CLOSING, CharClass.OPENING}
)
_WESTERN = frozenset({CharClass.LATIN, CharClass.DIGIT})
# A mark within 0.03 em of 1 em or ½ em has that width; any other width is odd.
WIDTH_TOLERANCE = 0.03
# A gap within 0.02 em of a named value (0, ⅛, ¼, ⅓, ½ em) is that value.
GAP_TOLERANCE = 0.02
NAMED_GAPS = (("0", 0.0), ("⅛", 1 / 8), ("¼", 1 / 4), ("⅓", 1 / 3), ("½", 1 / 2))
GAP_BINS = ("<0", "0", "0–⅛", "⅛", "⅛–¼", "¼", "¼–⅓", "⅓", "⅓–½", "½", ">½")
# The range issue 10 allows a Han–Western gap: shrunk to ⅛ em, stretched to ⅓ em (clreq §3.6).
GAP_MIN, GAP_MAX = 1 / 8, 1 / 3
# Ink beyond a column's edge, and ink overlapping other ink, by more than this (in em) is
# reported: side bearings, overhangs and kerning stay well inside it.
INK_TOLERANCE = 0.1
LOOSE_LIMIT = 0.25  # em between characters, as layout.text.check.LOOSE_LIMIT
PROHIBITION = Prohibition.BASIC
# Western punctuation that does not start a line and that does not end one (UAX #14 LB13:
# no break before CL, CP, EX, IS; LB14: none after OP).
ASCII_NO_START = frozenset(",.;:!?)]}")
ASCII_NO_END = frozenset("([{")
ASCII_QUOTES = frozenset("\"'")


class Kind(Enum):
    SQUEEZED_MARK = "squeezed-mark"  # a lone mark mid-line below 1 em
    GAP = "han-western-gap"  # a Han–Western gap outside [⅛, ⅓] em
    OVERLAP = "overlap"  # two characters' ink overlapping
    OUTSIDE = "outside-column"  # ink beyond the column's edge
    PROHIBITED_START = "prohibited-start"
    PROHIBITED_END = "prohibited-end"
    ORPHAN = "orphan"  # 孤字
    LOOSE = "loose"  # more than 0.25 em between characters


@dataclass(frozen=True)
class Finding:
    kind: Kind
    page: int
    x: float  # mm from the page's left edge
    y: float  # mm from the page's top edge (the baseline)
    text: str  # the line, or the two characters
    detail: str

    def __str__(self) -> str:
        return (
            f"p{self.page} at {self.x:.1f}, {self.y:.1f} mm: {self.kind.value}: {self.detail}"
            f" — {self.text}"
        )


def finding(
    heights: Mapping[int, float], kind: Kind, page: int, x: float, y: float, text: str, detail: str
) -> Finding:
    return Finding(kind, page, round(x * MM, 1), round((heights[page] - y) * MM, 1), text, detail)


@dataclass(frozen=True)
class Mark:
    info: LineInfo
    index: int  # in the line
    width: float  # em

    @property
    def glyph(self) -> Glyph:
        return self.info.line.glyphs[self.index]


def lone_marks(infos: Sequence[LineInfo]) -> list[Mark]:
    """Every lone mark mid-line with its width: the advance to the next character less the
    line's spacing between Han characters (justification spreads every gap alike)."""
    found = []
    for info in infos:
        g = info.line.glyphs
        spacing = info.spacing or 0.0
        for i in range(1, len(g) - 1):
            if g[i].cls not in LONE_MARK_CLASSES:
                continue
            if (
                g[i - 1].cls in PUNCTUATION
                or g[i + 1].cls in PUNCTUATION
                or g[i - 1].char in ASCII_QUOTES
                or g[i + 1].char in ASCII_QUOTES
            ):
                continue  # two adjacent marks: compressed by rule (clreq §3.1.6.1)
            found.append(Mark(info, i, (g[i + 1].x - g[i].x) / g[i].size - spacing))
    return found


def width_class(width: float) -> str:
    if abs(width - 1.0) <= WIDTH_TOLERANCE:
        return "1.0"
    if abs(width - 0.5) <= WIDTH_TOLERANCE:
        return "0.5"
    return "wide" if width > 1.0 else "odd"


def squeezed(mark: Mark) -> bool:
    return mark.width < 1.0 - WIDTH_TOLERANCE


@dataclass(frozen=True)
class Gap:
    info: LineInfo
    index: int  # of the left character
    width: float  # em of the Han character


def han_western_gaps(infos: Sequence[LineInfo]) -> list[Gap]:
    """Every Han character next to a Latin letter or digit, with the blank between them."""
    found = []
    for info in infos:
        g = info.line.glyphs
        for i in range(len(g) - 1):
            a, b = g[i], g[i + 1]
            if a.cls is CharClass.HAN and b.cls in _WESTERN:
                em = a.size
            elif a.cls in _WESTERN and b.cls is CharClass.HAN:
                em = b.size
            else:
                continue
            found.append(Gap(info, i, (b.x - a.end) / em))
    return found


def gap_bin(gap: float) -> str:
    """The named value the gap is, or the interval between two named values it lies in."""
    for name, value in NAMED_GAPS:
        if abs(gap - value) <= GAP_TOLERANCE:
            return name
    if gap < 0:
        return "<0"
    for (lo_name, lo), (hi_name, hi) in zip(NAMED_GAPS, NAMED_GAPS[1:], strict=False):
        if lo < gap < hi:
            return f"{lo_name}–{hi_name}"
    return ">½"


def gap_out_of_range(gap: float) -> bool:
    return gap > GAP_MAX + GAP_TOLERANCE or gap < GAP_MIN - GAP_TOLERANCE


def overlaps(page: PageGlyphs) -> list[tuple[Glyph, Glyph]]:
    """Pairs of characters whose ink boxes overlap by more than the tolerance both ways
    (combining marks, drawn over their base, are left out)."""
    inked = sorted(
        (g for g in page.glyphs if g.ink is not None and unicodedata.category(g.char)[0] != "M"),
        key=lambda g: g.ink[0],
    )
    pairs = []
    active: list[Glyph] = []
    for g in inked:
        x0, y0, x1, y1 = g.ink
        active = [a for a in active if a.ink[2] > x0]
        for a in active:
            tol = INK_TOLERANCE * min(a.size, g.size)
            dx = min(a.ink[2], x1) - max(a.ink[0], x0)
            dy = min(a.ink[3], y1) - max(a.ink[1], y0)
            if dx > tol and dy > tol:
                pairs.append((a, g))
        active.append(g)
    return pairs


def outside(info: LineInfo) -> list[Glyph]:
    """The line's characters whose ink lies beyond its column's edges."""
    block = info.block
    return [
        g
        for g in info.line.glyphs
        if g.ink is not None
        and (
            g.ink[2] > block.right + INK_TOLERANCE * g.size
            or g.ink[0] < block.left - INK_TOLERANCE * g.size
        )
    ]


def quote_sides(infos: Sequence[LineInfo]) -> dict[tuple[int, int], bool]:
    """For each ASCII quote, keyed by (index of its line in ``infos``, index in the line),
    whether it opens: by parity within its paragraph; an apostrophe between two letters is
    neither."""
    sides: dict[tuple[int, int], bool] = {}
    paragraph: list[tuple[int, int, Glyph]] = []
    for n, info in enumerate(infos):
        if info.first and paragraph:
            sides.update(_quotes(paragraph))
            paragraph = []
        paragraph.extend((n, i, g) for i, g in enumerate(info.line.glyphs))
    sides.update(_quotes(paragraph))
    return sides


def _quotes(paragraph: Sequence[tuple[int, int, Glyph]]) -> dict[tuple[int, int], bool]:
    out: dict[tuple[int, int], bool] = {}
    doubles = singles = 0
    for j, (n, i, g) in enumerate(paragraph):
        if g.char == '"':
            out[(n, i)] = doubles % 2 == 0
            doubles += 1
        elif g.char == "'":
            before = paragraph[j - 1][2].char if j > 0 else ""
            after = paragraph[j + 1][2].char if j + 1 < len(paragraph) else ""
            if before.isalpha() and after.isalpha():
                continue  # an apostrophe: it's, don't
            out[(n, i)] = singles % 2 == 0
            singles += 1
    return out


def _bad_start(line: Line, opens: bool | None) -> str | None:
    clusters = [c for c in collect(line.text) if c.cls is not CharClass.SPACE]
    first = line.glyphs[0].char
    if clusters and clusters[0].cls in NO_LINE_START[PROHIBITION]:
        return clusters[0].text
    if first in ASCII_NO_START:
        return f"{first} (Western punctuation, UAX #14 LB13)"
    if opens is False:
        return f"{first} (an ASCII quote, closing by its parity)"
    return None


def _bad_end(line: Line, opens: bool | None) -> str | None:
    clusters = [c for c in collect(line.text) if c.cls is not CharClass.SPACE]
    last = line.glyphs[-1].char
    if clusters and clusters[-1].cls in NO_LINE_END[PROHIBITION]:
        return clusters[-1].text
    if last in ASCII_NO_END:
        return f"{last} (Western punctuation, UAX #14 LB14)"
    if opens is True:
        return f"{last} (an ASCII quote, opening by its parity)"
    return None


def prohibited(
    infos: Sequence[LineInfo], heights: Mapping[int, float]
) -> tuple[list[Finding], list[Finding]]:
    """Prohibited line starts and ends: 避头尾 at level basic (clreq §3.1.4) and Western
    punctuation (UAX #14), on lines that start or end inside a paragraph."""
    sides = quote_sides(infos)
    starts: list[Finding] = []
    ends: list[Finding] = []
    for n, info in enumerate(infos):
        line = info.line
        first, last = line.glyphs[0], line.glyphs[-1]
        if not info.first and (why := _bad_start(line, sides.get((n, 0)))):
            starts.append(
                finding(heights, Kind.PROHIBITED_START, line.page, first.x, line.y, line.text, why)
            )
        if not info.last and (why := _bad_end(line, sides.get((n, len(line.glyphs) - 1)))):
            ends.append(
                finding(heights, Kind.PROHIBITED_END, line.page, last.x, line.y, line.text, why)
            )
    return starts, ends


def orphans(infos: Sequence[LineInfo]) -> list[LineInfo]:
    """孤字: a paragraph's last line, not its first, with fewer than two characters besides
    punctuation (clreq §3.5; the engine's count)."""
    return [
        info
        for info in infos
        if info.last and not info.first and character_count(collect(info.line.text)) < 2
    ]


def loose(info: LineInfo) -> bool:
    """A justified line stretched beyond the loose limit (its last line is not justified)."""
    return (
        info.justified
        and not info.last
        and info.spacing is not None
        and info.spacing > LOOSE_LIMIT + 1e-9
    )
