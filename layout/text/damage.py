"""Copy damaged upstream: found for the proof, printed as it stands.

Copy that went through a wrong decoding or out of a content system's HTML unconverted carries
what no reporter typed:

- U+FFFD REPLACEMENT CHARACTER ``�``: a character an encoder or decoder could not map (text
  read as UTF-8 that was GBK, a byte cut in two: Unicode §23.8, "Specials"). The character
  that stood there is lost; only the source can give it back.
- HTML character references (``&ldquo;`` ``&nbsp;`` ``&amp;`` ``&#8220;`` ``&#x201C;``; HTML
  Living Standard §13.1.4) and tags (``<br/>`` ``<p>`` ``</span>``, comments ``<!-- -->``):
  markup a system forgot to turn into text.

The engine changes none of it (a guess at what the character was, or what the markup
meant, would print something nobody wrote); an editor wants each found.

A table pasted from a spreadsheet or a word processor into a paragraph (a YAML ``|`` item of
rows of tab-separated cells) is damaged the same way: its tabs collapse to spaces and its row
breaks join the rows (clean's white space rules: ``年 增长营业收入``), so the rows print run
together as one sentence. :func:`pasted_table` finds one in the text as written, before
cleaning takes the tabs and the breaks away.

A table aligned by hand (its columns lined up with runs of spaces or of U+3000) is run
together the same way, and found the same way.

Contract: :func:`pasted_table` gives the rows of tab-separated cells of a paragraph's raw
text when it has two or more (a tab between two cells: an indent typed with a tab is no
cell), else its rows of blank-aligned cells when three or more have as many short cells
each, else None. :func:`damaged` gives the damage of a paragraph's (cleaned) text in order, each
with its kind, the text found and a little of the text around it. A reference counts only
with a name HTML defines (``AT&T;`` and ``R&D;`` are no references); a tag only with the name
of an HTML element (``a<b``, ``<红楼梦>`` and ``x<y>z`` are none).
"""

from __future__ import annotations

import re
from enum import Enum
from html.entities import html5

from ..records import NamedTuple

REPLACEMENT_CHARACTER = "\ufffd"


class DamageKind(Enum):
    """What was found."""

    REPLACEMENT = "replacement-character"  # U+FFFD: a character lost in an encoding error
    REFERENCE = "character-reference"  # an HTML character reference, &ldquo; &#8220;
    TAG = "tag"  # an HTML tag or comment, <br/> <p> <!-- -->


# What an editor reads about each kind.
EXPLANATIONS = {
    DamageKind.REPLACEMENT: "U+FFFD (a character lost in an encoding error upstream)",
    DamageKind.REFERENCE: "HTML character reference",
    DamageKind.TAG: "HTML tag",
}

_CONTEXT = 3  # characters shown on each side in the report

# The elements a content system's body copy carries (HTML Living Standard §4): what a tag
# must name to be taken for markup.
_ELEMENTS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "big",
        "blockquote",
        "br",
        "center",
        "cite",
        "code",
        "dd",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "font",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "li",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "section",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "tt",
        "u",
        "ul",
    ]
)
_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A tag: its element's name, then nothing, or attributes (name="value", name=value, a bare
# name before another attribute or the end), all ASCII: `x<a 或 x>b` (a comparison) and
# `<Big Fish>` (a title in the keyboard's angle brackets) are none.
_ATTRIBUTE = r"[A-Za-z_:][-A-Za-z0-9_:.]*(?:\s*=\s*(?:\"[^\"<>]*\"|'[^'<>]*'|[^\s\"'=<>`]+))"
_TAG = re.compile(r"<!--.*?-->|</?([A-Za-z][A-Za-z0-9]*)(?:\s+" + _ATTRIBUTE + r")*\s*/?>")
_CANDIDATE = re.compile(r"[\ufffd&<]")


class Damage(NamedTuple):
    """One place of damaged copy."""

    index: int  # in the paragraph's text
    kind: DamageKind
    text: str  # as found: the character, the reference, the tag
    context: str  # the text around it, as it stands

    @property
    def explanation(self) -> str:
        return EXPLANATIONS[self.kind]


def damaged(text: str) -> list[Damage]:
    """The damaged places of ``text`` (the module), in order."""
    if _CANDIDATE.search(text) is None:  # (at C speed: nearly all copy has none)
        return []
    found = [
        _damage(text, m.start(), DamageKind.REPLACEMENT, m.group())
        for m in re.finditer(REPLACEMENT_CHARACTER, text)
    ]
    for m in _REFERENCE.finditer(text):
        name = m.group()[1:]
        if name.startswith("#") or name in html5:
            found.append(_damage(text, m.start(), DamageKind.REFERENCE, m.group()))
    for m in _TAG.finditer(text):
        element = m.group(1)
        if element is None or element.lower() in _ELEMENTS:
            found.append(_damage(text, m.start(), DamageKind.TAG, m.group()))
    found.sort(key=lambda d: d.index)
    return found


def _damage(text: str, i: int, kind: DamageKind, found: str) -> Damage:
    context = text[max(i - _CONTEXT, 0) : i + len(found) + _CONTEXT]
    return Damage(i, kind, found, context)


# A tab between two cells of a row: text on both sides of it (an indent is none).
_CELL_TAB = re.compile(r"\S[ \t]*\t[ \t]*\S")
_ROWS_FOR_A_TABLE = 2  # one line with a tab is a typing slip; two are rows

# A table aligned by hand with blanks: its cells stand apart by runs of spaces (two or
# more: one is a word space) or of U+3000 (one is a cell gap too where the columns are
# aligned with them, ``名次　队名``), and every row has a run of two blanks or more at
# least (a single U+3000 typed between two phrases, a verse's caesura, aligns nothing).
_CELL_GAP = re.compile(r"(?: {2,}|[ \u3000]*\u3000[ \u3000]*)")
_ALIGNED = re.compile(r"\S[ \u3000]{2,}\S")
# Blank-aligned rows are a table only as several rows with the same number of cells, each
# short, as a table's are: a double space typed by mistake once, or after a full stop in
# English copy, makes no column.
_ALIGNED_ROWS_FOR_A_TABLE = 3
_LONGEST_CELL = 16  # characters: a table's cells are figures, names, short labels


class PastedTable(NamedTuple):
    """The rows of cells of a paragraph as written: separated by tabs, or aligned with runs
    of blanks (``aligned``)."""

    start: int  # in the raw text: where the first row begins
    rows: int
    first: str  # the first row, its cells as written between the tabs (or blanks)
    aligned: bool = False  # its cells aligned with blanks, not tab-separated

    @property
    def cells(self) -> tuple[str, ...]:
        """The first row's cells."""
        return _row_cells(self.first, self.aligned)


def _row_cells(row: str, aligned: bool) -> tuple[str, ...]:
    parts = _CELL_GAP.split(row) if aligned else row.split("\t")
    return tuple(c.strip() for c in parts if c.strip())


def pasted_table(raw: str) -> PastedTable | None:
    """The table pasted into ``raw`` (a paragraph as written), None when it holds neither
    two rows of tab-separated cells nor three of blank-aligned cells, as many in each (the
    module)."""
    if "\t" in raw:
        tabbed = _tabbed_table(raw)
        if tabbed is not None:
            return tabbed
    if "\n" not in raw:  # (nearly all copy: a table has rows)
        return None
    return _aligned_table(raw)


def _tabbed_table(raw: str) -> PastedTable | None:
    rows: list[tuple[int, str]] = []
    offset = 0
    for line in raw.splitlines(keepends=True):
        if _CELL_TAB.search(line):
            rows.append((offset, line.rstrip("\r\n")))
        offset += len(line)
    if len(rows) < _ROWS_FOR_A_TABLE:
        return None
    return PastedTable(rows[0][0], len(rows), rows[0][1])


def _aligned_table(raw: str) -> PastedTable | None:
    """The rows of ``raw`` aligned with blanks into as many cells each, when there are
    enough of them (``_ALIGNED_ROWS_FOR_A_TABLE``) with the commonest number of cells."""
    rows: dict[int, list[tuple[int, str]]] = {}  # by the number of cells
    offset = 0
    for line in raw.splitlines(keepends=True):
        row = line.rstrip("\r\n").strip(" \u3000")
        cells = _row_cells(row, aligned=True)
        if len(cells) >= 2 and _ALIGNED.search(row) and all(len(c) <= _LONGEST_CELL for c in cells):
            rows.setdefault(len(cells), []).append((offset + line.index(row[0]), row))
        offset += len(line)
    found = max(rows.values(), key=len, default=[])
    if len(found) < _ALIGNED_ROWS_FOR_A_TABLE:
        return None
    return PastedTable(found[0][0], len(found), found[0][1], aligned=True)
