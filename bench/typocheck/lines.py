"""Characters → lines → column blocks → paragraphs, by geometry alone.

The rules and where they can be wrong are in the package docstring. Every length here is in
points; every limit is in em of the characters' own size.
"""

from __future__ import annotations

import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from layout.text.chars import PUNCTUATION, CharClass

from .pdftext import Glyph, PageGlyphs, PdfError

MM = 25.4 / 72  # mm per point

# Line grouping.
BASELINE_TOLERANCE = 0.2
BACKWARD_LIMIT = 0.5
FORWARD_LIMIT = 2.5
# Column blocks.
BLOCK_PITCH_MAX = 2.5  # between baselines
BLOCK_START_SPREAD = 4.0  # between line starts in one block
INDENT_MIN = 0.75  # right of the left edge: an indented (first) line
EDGE_TOLERANCE = 0.05  # a line end this close to the right edge is at it
WORD_SPACE_MIN = 0.15  # a gap this wide between two Western characters is a word space
SIZE_DIGITS = 1  # font sizes are compared rounded to 0.1 pt

# Marks whose ink sits in the left half of their em, so that a line may end at their ½ em
# (clreq §3.1.6: a line-end mark set in half width).
_INK_LEFT = frozenset({CharClass.PAUSE, CharClass.STOP, CharClass.CLOSING})


@dataclass(frozen=True)
class Line:
    page: int
    glyphs: tuple[Glyph, ...]

    @property
    def y(self) -> float:
        return self.glyphs[0].y

    @property
    def text(self) -> str:
        """The characters, with a space where two Western characters stand a word space
        apart (what ``layout.text.collect`` needs to see words): a gap wider by
        ``WORD_SPACE_MIN`` than the line's usual gap between two Western characters (which
        is what justification added, when it spread the letters)."""
        pairs = list(zip(self.glyphs, self.glyphs[1:], strict=False))
        western = [b.x - a.end for a, b in pairs if _western(a) and _western(b)]
        usual = statistics.median(western) if western else 0.0
        out = [self.glyphs[0].char]
        for a, b in pairs:
            em = max(a.size, b.size)
            if _western(a) and _western(b) and b.x - a.end > usual + WORD_SPACE_MIN * em:
                out.append(" ")
            out.append(b.char)
        return "".join(out)

    @property
    def size(self) -> float:
        """The line's most common font size."""
        return Counter(round(g.size, SIZE_DIGITS) for g in self.glyphs).most_common(1)[0][0]

    def starts(self) -> tuple[float, ...]:
        """Where the line may be taken to start: an opening mark may be set in ½ em."""
        first = self.glyphs[0]
        if first.cls is CharClass.OPENING:
            return (first.x, first.x + first.size / 2)
        return (first.x,)

    def ends(self) -> tuple[float, ...]:
        """Where the line may be taken to end: a line-end mark may be set in ½ em."""
        last = self.glyphs[-1]
        if last.cls in _INK_LEFT:
            return (last.x + last.size / 2, last.x + last.size)
        return (last.end,)


def _western(g: Glyph) -> bool:
    return g.cls is not CharClass.HAN and g.cls not in PUNCTUATION


def group_lines(page: PageGlyphs) -> list[Line]:
    """The page's characters cut into lines, in content order."""
    lines: list[Line] = []
    current: list[Glyph] = []
    for g in page.glyphs:
        if current:
            prev = current[-1]
            em = max(prev.size, g.size)
            if (
                abs(g.y - prev.y) > BASELINE_TOLERANCE * em
                or g.x < prev.x - BACKWARD_LIMIT * em
                or g.x - prev.end > FORWARD_LIMIT * em
            ):
                lines.append(Line(page.number, tuple(current)))
                current = []
        current.append(g)
    if current:
        lines.append(Line(page.number, tuple(current)))
    return lines


def body_size(pages: Iterable[PageGlyphs]) -> float:
    """The most common font size of the document's characters (rounded to 0.1 pt)."""
    sizes = Counter(round(g.size, SIZE_DIGITS) for p in pages for g in p.glyphs)
    if not sizes:
        raise PdfError("the PDF has no text")
    return sizes.most_common(1)[0][0]


def body_face(pages: Iterable[PageGlyphs], size: float) -> str:
    """The most common face of the characters at body size."""
    faces = Counter(g.font for p in pages for g in p.glyphs if round(g.size, SIZE_DIGITS) == size)
    return faces.most_common(1)[0][0] if faces else ""


def body_lines(pages: Sequence[PageGlyphs], size: float) -> list[tuple[int, list[Line]]]:
    """Per page, the lines at body size that have a character in the body face."""
    face = body_face(pages, size)
    return [
        (
            page.number,
            [
                line
                for line in group_lines(page)
                if line.size == size and any(g.font == face for g in line.glyphs)
            ],
        )
        for page in pages
    ]


# --------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Block:
    """Body lines one under another in one column, with the column's edges."""

    page: int
    lines: tuple[Line, ...]
    left: float
    right: float
    given: bool = False  # the edges came from --columns


@dataclass(frozen=True)
class LineInfo:
    """A body line and what the paragraph inference says of it."""

    line: Line
    block: Block
    justified: bool  # ends at the block's right edge (or beyond)
    indented: bool
    first: bool  # a paragraph's first line
    last: bool  # a paragraph's last line
    spacing: float | None  # em added between Han characters (median); None: no Han pair


def split_blocks(lines: Sequence[Line]) -> list[list[Line]]:
    """Consecutive body lines one under another, starting close together."""
    blocks: list[list[Line]] = []
    for line in lines:
        if blocks:
            block = blocks[-1]
            em = line.size
            left = min(s for ln in block for s in ln.starts())
            drop = block[-1].y - line.y  # PDF y grows upwards: the next line is lower
            if (
                0 < drop <= BLOCK_PITCH_MAX * em
                and abs(min(line.starts()) - left) <= BLOCK_START_SPREAD * em
            ):
                block.append(line)
                continue
        blocks.append([line])
    return blocks


def _plain_ends(line: Line) -> tuple[float, ...]:
    """The line's end when it does not end in a mark (whose set width is not known)."""
    ends = line.ends()
    return ends if len(ends) == 1 else ()


def _left_edge(block: Sequence[Line]) -> float:
    plain = [line.glyphs[0].x for line in block if len(line.starts()) == 1]
    return min(plain) if plain else min(s for line in block for s in line.starts())


def column_edges(blocks: Sequence[Sequence[Line]]) -> list[tuple[float, float]]:
    """Left and right edge of each block.

    The right edge is the line end of the block that most body lines of the document share
    (a justified line ends at its column's edge). A block where no end is shared by two
    lines (one short line at the head of a column) takes the right edge of a column with the
    same left edge, or else the width of the column before it whose first line is on the same
    baseline (the previous column of the same box), or else its own end.
    """
    ends = sorted(e for block in blocks for line in block for e in _plain_ends(line))

    def shared(e: float, tol: float) -> int:
        return bisect_right(ends, e + tol) - bisect_left(ends, e - tol)

    found: list[tuple[float, float, bool]] = []
    for block in blocks:
        tol = EDGE_TOLERANCE * block[0].size
        own = [e for line in block for e in _plain_ends(line)] or [
            e
            for line in block
            for e in line.ends()  # every line ends in a mark
        ]
        right = max(own, key=lambda e: (shared(e, tol), sum(abs(o - e) <= tol for o in own), e))
        found.append((_left_edge(block), right, shared(right, tol) >= 2))
    return [
        (left, right if sure else (_borrowed_edge(blocks, found, k) or right))
        for k, (left, right, sure) in enumerate(found)
    ]


def _borrowed_edge(
    blocks: Sequence[Sequence[Line]], found: Sequence[tuple[float, float, bool]], k: int
) -> float | None:
    block = blocks[k]
    tol = EDGE_TOLERANCE * block[0].size
    left = found[k][0]
    reach = max(e for line in block for e in line.ends()) - tol
    same_left = [r for (lf, r, sure) in found if sure and abs(lf - left) <= tol and r >= reach]
    if same_left:
        return min(same_left)
    top = block[0].y
    for j in range(k - 1, -1, -1):
        lf, r, sure = found[j]
        if sure and abs(blocks[j][0].y - top) <= BASELINE_TOLERANCE * block[0].size:
            if lf < left and left + (r - lf) >= reach:
                return left + (r - lf)
            return None
    return None


def make_blocks(
    lines_by_page: Sequence[tuple[int, Sequence[Line]]],
    columns: Sequence[tuple[float, float]] | None = None,
) -> list[Block]:
    """Blocks of every page, with edges inferred, or given by ``columns`` (the given column
    that holds a block's left edge)."""
    raw_blocks = [(n, b) for n, lines in lines_by_page for b in split_blocks(lines)]
    edges = column_edges([b for _, b in raw_blocks])
    blocks = []
    for (page, lines), (left, right) in zip(raw_blocks, edges, strict=True):
        given = False
        if columns:
            em = lines[0].size
            for x0, x1 in columns:
                if x0 - BACKWARD_LIMIT * em <= left < x1:
                    left, right, given = x0, x1, True
                    break
        blocks.append(Block(page, tuple(lines), left, right, given))
    return blocks


def han_spacing(line: Line) -> float | None:
    """The median space added between two Han characters of ``line``, in em (what
    justification spread over the line, clreq §3.6)."""
    extras = [
        (b.x - a.end) / a.size
        for a, b in zip(line.glyphs, line.glyphs[1:], strict=False)
        if a.cls is CharClass.HAN and b.cls is CharClass.HAN and abs(a.size - b.size) < 0.01
    ]
    return statistics.median(extras) if extras else None


def line_infos(blocks: Sequence[Block]) -> list[LineInfo]:
    """Every body line with what the paragraph inference says of it, in content order. The
    line after a block's last is the next block's first (the next column, or the next
    story)."""
    flags = [[_flags(line, block) for line in block.lines] for block in blocks]
    infos: list[LineInfo] = []
    previous_last = True  # the first line of the document starts a paragraph
    for b, block in enumerate(blocks):
        for k, line in enumerate(block.lines):
            justified, indented = flags[b][k]
            if k + 1 < len(block.lines):
                next_indented = flags[b][k + 1][1]
            else:
                next_indented = b + 1 < len(blocks) and flags[b + 1][0][1]
            last = not justified or next_indented
            first = indented or previous_last
            infos.append(LineInfo(line, block, justified, indented, first, last, han_spacing(line)))
            previous_last = last
    return infos


def _flags(line: Line, block: Block) -> tuple[bool, bool]:
    """(justified, indented): the line reaches the right edge; it starts ¾ em or more right
    of the left edge."""
    em = line.size
    justified = any(e >= block.right - EDGE_TOLERANCE * em for e in line.ends())
    indented = max(line.starts()) - block.left >= INDENT_MIN * em
    return justified, indented


def parse_columns(values: Sequence[str]) -> list[tuple[float, float]]:
    """``X0,X1`` pairs in points (or ``12mm,55mm``) from the page's left edge, as
    ``--columns`` gives them."""
    columns = []
    for value in values:
        parts = value.split(",")
        if len(parts) != 2:
            raise ValueError(f"--columns: expected X0,X1 (got {value!r})")
        x0, x1 = (_length(p) for p in parts)
        if not x0 < x1:
            raise ValueError(f"--columns: expected X0 < X1 (got {value!r})")
        columns.append((x0, x1))
    return columns


def _length(text: str) -> float:
    text = text.strip()
    try:
        if text.endswith("mm"):
            return float(text[:-2]) / MM
        return float(text.removesuffix("pt"))
    except ValueError:
        raise ValueError(f"--columns: expected points or mm (got {text!r})") from None
