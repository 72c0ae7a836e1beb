"""typocheck: the body-text figures of issue 10, measured on any PDF (banmian's, Typst's …).

    python tools/typocheck.py PDF [--json] [--size PT] [--columns X0,X1 ...] [--list]

It reads every character of the PDF with its pen position, size, advance and ink box
(PDFium text pages through pypdfium2, a dependency of banmian itself), groups the characters
into lines and the lines into column blocks and paragraphs, and reports for body text (the
most common font size, or ``--size``):

- **lone marks**: a CJK mark (，、。；：？！, closing and opening quotes and brackets) not next
  to another mark and not at a line's start or end, with its width: the advance to the next
  character less the line's spacing between Han characters, in em of its size; the share of
  lines holding one squeezed below 1 em, and the widths seen (1 em, ½ em, odd);
- **Han–Western gaps**: from the end of a Han character's advance to the pen position of a
  Latin letter or digit next to it, and back, in em; range, histogram, share at ½ em;
- **glyph overlaps**: pairs of characters anywhere on a page whose ink boxes overlap by more
  than 0.1 em both ways; **characters outside their column**: ink beyond the block's left or
  right edge by more than 0.1 em;
- **prohibited breaks**: 避头尾 at level basic (``layout.text.chars``), and Western
  punctuation by UAX #14 (no line starts with an ASCII ``, . ; : ! ? ) ] }`` or a closing
  ASCII quote, none ends with ``( [ {`` or an opening one); and **孤字**;
- **justification**: the spacing added between the Han characters of each justified line,
  its spread (standard deviation, p95) and loose lines (more than 0.25 em, the limit of
  ``layout.text.check``).

How the page is read, and where that can be wrong (``lines.py``):

- Lines come from the content stream: the characters of a line are drawn one after another
  (banmian, Typst, ReportLab and most typesetters draw line by line). A new line starts where
  the baseline moves by 0.2 em, the pen goes back by more than ½ em, or jumps ahead by more
  than 2.5 em. Text drawn in another order is grouped wrongly.
- Body lines: lines whose most common size is the body size and that have a character in
  the body face (the most common face at that size): page furniture and intertitles set in
  another face at body size are left out.
- A column block is a run of body lines one under the other (baselines 0–2.5 em apart)
  whose starts lie within 4 em of each other. Its left edge is its leftmost line start (not
  counting a line that starts with an opening mark, which may be set in ½ em); its right edge
  is the line end that most body lines of the document share (justified lines end there); a
  line ending in a mark may end at the mark's ½ or full em. ``--columns`` gives the edges.
- Paragraphs are inferred: a line is a paragraph's last when it ends short of the right
  edge or the next line (in its block, or the next block's first) is indented (starts ≥ ¾ em
  right of the left edge); a line is a paragraph's first when it is indented or follows a
  last line. A paragraph whose last line happens to be full and is followed by an unindented
  line is not seen; a centred
  line at body size counts as a one-line paragraph; a missing glyph left blank at a line's
  start looks like an indent.
- 孤字 is a paragraph's last line that is not its first and has fewer than two characters
  besides punctuation (``layout.text.prepare.character_count``, the engine's own count).
  Prohibited starts are checked on lines that are not a paragraph's first, prohibited ends on
  lines that are not a paragraph's last. ASCII quotes are opening or closing by their parity
  in the paragraph (an ASCII apostrophe between two letters is neither).
- Han and Latin are told apart by ``layout.text.chars.classify``; full-width digits are not
  Western. Spaces are not characters here: a word space is a gap.
- Horizontal text only: turned or slanted characters (rotated runs, Latin turned in 竖排)
  are counted and left out, and a PDF whose body text is vertical (most body "lines" one
  character) is refused.

Units: PDF points; places are printed from the page's top-left corner in mm.

It lives in ``bench/`` beside the benchmarks whose side-by-side table it fills, not in the
``layout`` package: it measures any PDF by its geometry alone (Typst's as well as banmian's),
so it must not know the engine's data, and banmian's users need none of it. It borrows only
the engine's character classes and prohibition tables, so that both judge by the same rules.
"""

from __future__ import annotations

from .cli import main
from .figures import Figures, check
from .lines import parse_columns
from .measures import Finding, Kind
from .pdftext import Glyph, PageGlyphs, PdfError, read_pdf
from .report import format_report, summary_rows

__all__ = [
    "Figures",
    "Finding",
    "Glyph",
    "Kind",
    "PageGlyphs",
    "PdfError",
    "check",
    "format_report",
    "main",
    "parse_columns",
    "read_pdf",
    "summary_rows",
]
