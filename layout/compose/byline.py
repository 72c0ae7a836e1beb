"""Bylines and photo credits laid out as a newspaper sets them (the reference digest,
"Newspaper page practice", and the seed page: ``■记　者 林旭东`` / ``　通讯员 张心悦``,
``通讯员 陈　杰``, ``■摄影 王　强 陈明远``):

- a role to a line; the mark (the style's ``mark``, ■ by default) opens the first line and
  the lines after it start where the first line's label does (the mark hangs);
- the labels of one byline spread to the width of the widest: the extra em goes between
  their characters (``记者`` beside ``通讯员`` is ``记　者``; beside ``本报记者``, ``记　　者``);
  what cannot be spread evenly in whole or half ems (one character, four beside five)
  follows the label, so that every role's names start at one place;
- a two-character Chinese name is padded to three with an em space between its characters
  (``陈　杰``), as the names of three characters it stands among; names are one em apart,
  and one em after the label;
- a role whose names do not fit its line goes on over more lines, broken only between
  names, each line starting under the first name (never a name split, nor one wrapped to
  the margin). A label and its first name that do not fit side by side put the names under
  the label; a name too long to stand under the first name goes under the label, or at the
  margin, rather than be split.

The blanks are characters the text engine keeps at a fixed width on a line that is not
justified: U+3000, a 1-em blank wherever it stands in a byline's style
(:func:`set_as_byline`; a U+3000 typed in copy vanishes at a line edge), and U+00A0 between two Han
characters, a ½-em no-break blank (``layout.text.prepare.CHINESE_WORD_SPACE``). A line's
start is an offset in points from the block's start edge (the flow sets it as the line's
indent), so no blank is needed at a line start, where the engine would drop it.

Contract: :func:`byline_lines` gives the lines of a byline with their offsets from a
``width`` function (the natural width of a text in the byline's style) and the measure;
:func:`placed` aligns them as one block (start, centre or end of the measure);
:func:`byline_pieces` makes them flow pieces of a column or caption block, in a style;
:func:`block_texts` gives texts and indents that, each centred on its own, line up as the
block.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence

from ..articles import Byline, Role
from ..geometry import WritingMode
from ..records import NamedTuple
from ..spec.model import Style
from ..text.chars import CharClass, classify
from ..text.options import Align
from .body import FlowPiece
from .setter import Setter, Where

EM_SPACE = "\u3000"  # a 1-em blank, kept as it is inside a line
HALF_EM_SPACE = "\u00a0"  # between two Han characters: a ½-em blank where no line breaks
# What stands between a label and its first name and between two names: one em.
SEPARATOR = EM_SPACE
DEFAULT_MARK = "■"

Width = Callable[[str], float]


class BylineLine(NamedTuple):
    """One line of a byline: its text, and where it starts, in points from the start edge
    of the byline block (0 for the first line, which carries the mark)."""

    text: str
    offset: float


def byline_lines(
    byline: Byline, mark: str | None, width: Width, measure: float
) -> tuple[BylineLine, ...]:
    """The lines of ``byline`` in a column of ``measure`` points, ``width`` giving the
    natural width of a text in the byline's style; ``mark`` (None or "": no mark) opens the
    first line."""
    mark = mark or ""
    roles = [_tidy(role) for role in byline.roles]
    cells = max((_cells(role.label) or 0 for role in roles), default=0)
    lines: list[BylineLine] = []
    for role in roles:
        label = spread_label(role.label, cells)
        # Every label starts after the hanging mark (its width before the label, tracking
        # included); the first carries the mark itself, from the block's edge.
        label_at = width(mark + label) - width(label)
        head, start = (label, label_at) if lines else (mark + label, 0.0)
        names = [pad_name(n) for n in role.names]
        lines += _role_lines(head, start, label_at, names, width, measure)
    return tuple(lines)


def _role_lines(
    head: str,
    start: float,
    label_at: float,
    names: Sequence[str],
    width: Width,
    measure: float,
) -> list[BylineLine]:
    """The lines of one role: ``head`` (its label, and the mark on the byline's first
    line) starting ``start`` points in, its label at ``label_at``, then its names, broken
    only between names."""
    if not names:
        return [BylineLine(head, start)]

    def fits(text: str, offset: float) -> bool:
        return offset + width(text) <= measure + 1e-6

    lines: list[BylineLine] = []
    first = head + SEPARATOR + names[0]
    if fits(first, start):
        text = first
        # Every following line starts under the first name.
        column = start + width(first) - width(names[0])
        offset = start
    else:
        lines.append(BylineLine(head, start))
        column = label_at
        text, offset = names[0], _room(names[0], (column, 0.0), fits)
    for name in names[1:]:
        longer = text + SEPARATOR + name
        if fits(longer, offset):
            text = longer
            continue
        lines.append(BylineLine(text, offset))
        text, offset = name, _room(name, (column, label_at, 0.0), fits)
    lines.append(BylineLine(text, offset))
    return lines


def _room(name: str, offsets: Sequence[float], fits: Callable[[str, float], bool]) -> float:
    """Where a name that starts a line goes: the first of ``offsets`` (under the first
    name, under the label, at the margin) where it fits whole; the margin when none does
    (a name longer than the column: the engine breaks it, as it must, and the flow reports
    it)."""
    return next((offset for offset in offsets if fits(name, offset)), 0.0)


def placed(lines: Sequence[BylineLine], width: Width, measure: float, align: Align) -> list[float]:
    """Each line's start in points from the measure's start, the lines aligned as one block
    by ``align`` (``start`` and ``justify``: at the start; ``center``; ``end``), so that the
    labels and names keep their places one under another."""
    block = max((line.offset + width(line.text) for line in lines), default=0.0)
    free = max(measure - block, 0.0)
    shift = free / 2 if align is Align.CENTER else free if align is Align.END else 0.0
    return [shift + line.offset for line in lines]


def set_as_byline(style: Style) -> Style:
    """``style`` as a byline's lines are set in it: their U+3000 are this module's blanks,
    an em wide where they stand, at a line's end too (``block_texts``), never the typed
    blank that vanishes at a line edge (``layout.text.prepare``)."""
    return style._replace(fixed_blanks=True)


def byline_pieces(
    byline: Byline,
    style: Style,
    measure: float,
    setter: Setter,
    where: Where,
    mode: WritingMode = WritingMode.HORIZONTAL_TB,
) -> list[FlowPiece]:
    """``byline`` as flow pieces in ``style``, a line each, for lines of ``measure`` in
    writing ``mode``: set unjustified, each line starting at its place (its indent), the
    block aligned by the style's ``align`` (a photo credit's ``end``); a line the flow has to
    break (a name wider than the column) is reported (``one_line``)."""
    style = set_as_byline(style)

    def width(text: str) -> float:
        return setter.width(text, style, mode)

    lines = byline_lines(byline, style.mark, width, measure)
    starts = placed(lines, width, measure, style.align)
    return [
        FlowPiece(line.text, style, where, Align.START, start / style.size, one_line=True)
        for line, start in zip(lines, starts, strict=True)
    ]


class BlockText(NamedTuple):
    """A byline line as a line of a centred block: its text, padded at the end with em
    spaces to the block's width, and its indent (the line's offset, in the units of the
    ``width`` it was measured by: ems for a head's, ``layout.compose.headline``)."""

    text: str
    indent: float


def block_texts(lines: Sequence[BylineLine], width: Width) -> list[BlockText]:
    """The lines as texts that, each centred on its own with its indent, stand as the block
    (each as wide as the widest line with its offset): wrapped names under the first name,
    labels under labels. Exact when the widths are whole ems, as for
    Chinese labels, names and marks; a Western name is off by at most half an em."""
    if not lines:
        return []
    probe = lines[0].text
    em = width(probe + EM_SPACE) - width(probe)  # an em space on a line, tracking included
    ends = [line.offset + width(line.text) for line in lines]
    block = max(ends, default=0.0)
    return [
        BlockText(line.text + EM_SPACE * max(round((block - end) / em), 0), line.offset)
        for line, end in zip(lines, ends, strict=True)
    ]


def pad_name(name: str) -> str:
    """A Chinese name of two characters padded to three with an em space between them
    (``陈杰`` → ``陈　杰``); other names as written (white space typed inside a Chinese
    name, ``陈 杰``, goes first)."""
    squeezed = _squeezed(name)
    # Counted without invisible characters (a pasted control character, removed and
    # reported when the name is set): kept where they stand, after the padding.
    shown = [k for k, ch in enumerate(squeezed) if ch.isprintable()]
    if len(shown) == 2 and all(classify(squeezed[k]) is CharClass.HAN for k in shown):
        cut = shown[0] + 1
        return squeezed[:cut] + EM_SPACE + squeezed[cut:]
    return squeezed


def spread_label(label: str, cells: int) -> str:
    """``label`` spread to ``cells`` ems: the extra shared evenly between its characters in
    whole ems (``记者`` to 3: ``记　者``) or half ems (``通讯员`` to 4), else put after it;
    a label not all of full-width characters is left as it is."""
    own = _cells(label)
    if own is None or cells <= own:
        return label
    extra, gaps = cells - own, own - 1
    if gaps and extra % gaps == 0:
        blank = EM_SPACE * (extra // gaps)
    elif gaps and 2 * extra == gaps:
        blank = HALF_EM_SPACE
    else:
        return label + EM_SPACE * extra
    return blank.join(label)


def _tidy(role: Role) -> Role:
    """The role with white space typed inside a Chinese label taken out (``记　者``: the
    spreading is the layout's)."""
    return Role(_squeezed(role.label), role.names)


def _squeezed(text: str) -> str:
    """``text`` without its white space (U+3000 included) when the rest is all Han: a
    Chinese name or label spaced by hand. Western names keep their spaces."""
    bare = "".join(ch for ch in text if not (ch.isspace() or ch == EM_SPACE))
    shown = [ch for ch in bare if ch.isprintable()]
    if shown and all(classify(ch) is CharClass.HAN for ch in shown):
        return bare
    return text.strip()


def _cells(label: str) -> int | None:
    """The width of ``label`` in ems when every character is full width (East Asian Width
    W or F, UAX #11), else None."""
    if label and all(unicodedata.east_asian_width(ch) in ("W", "F") for ch in label):
        return len(label)
    return None
