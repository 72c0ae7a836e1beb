"""Headline blocks: 引题 (kicker) above, 主题 (headline), 副题 (subhead) below, centred over
the columns the headline spans (跨栏), in the area the spec reserves for it.

Each part is set by the text engine's headline rules (``layout.text.paragraph``: broken only
at the editor's spaces and lines, else between words, into balanced lines) at a size chosen
by :mod:`.headsize` within its style's range: the 主题 first, with the room the other parts
leave at their smallest sizes, then the 副题, the 引题 and the byline with what is left.
"""

from __future__ import annotations

import math
import unicodedata

from ..articles import Article, Byline
from ..errors import SourcePos
from ..geometry import Rect, WritingMode
from ..page import HeadPart, HeadSize, Op
from ..records import NamedTuple
from ..report import Overset, Problem, ProblemKind
from ..spec.model import DEFAULT_MARK, Style
from .byline import BlockText, block_texts, byline_lines, set_as_byline
from .frame import Frame
from .headsize import PartSetting, choose_size, smallest
from .setter import Setter, Where, colour_of, for_article

# The order in which parts get their size: the 主题 outranks the 副题, then the 引题.
_RANK = (HeadPart.HEADLINE, HeadPart.SUBHEAD, HeadPart.KICKER, HeadPart.BYLINE)


class HeadlineBlock(NamedTuple):
    ops: tuple[Op, ...]
    problems: tuple[Problem, ...]
    height: float  # points the block needs
    texts: tuple[str, ...]  # the lines, in reading order
    sizes: tuple[HeadSize, ...] = ()  # per part, in reading order


class BlockPart(NamedTuple):
    """A part of the block: its lines as written (each broken further as needed)."""

    part: HeadPart
    style: str
    texts: tuple[str, ...]
    source: SourcePos | None = None  # where the part is written in its record
    indents: tuple[float, ...] = ()  # each text's indent in ems (a byline's), none if empty


def headline_block(
    article: Article,
    area: Rect,
    setter: Setter,
    box_id: str,
    *,
    title_style: str = "headline",
    with_byline: bool = False,
    mode: WritingMode = WritingMode.HORIZONTAL_TB,
    room: float | None = None,
    ends: float = 0.0,
    stop: str = "in the box",
) -> HeadlineBlock:
    """The block in ``area``: in 横排 the lines stacked top to bottom, centred, one em clear
    of the area's sides; a 竖题 (``mode`` vertical-rl: a strip on the right of its box) has
    引题 on the right, then 主题, then 副题, lines right to left, each starting one em below
    the strip's top and ending at least one em above its foot. Where no size of a part fits
    so, it keeps only ``ends`` points clear of the area's ends (none where a gutter is there:
    ``layout.compose.headsize``). The block is centred across the area (down it, or across
    the strip).

    A block too big for its area is reported, starts at the area's start and runs on past
    its end (the caller moves the body clear of it, ``layout.compose.page``), to at most
    ``room`` (points from the area's start across the lines: the box's edge; None: no
    limit): a line that would pass it is not drawn, and the report says how many are not
    and what ends the room (``stop``: "in the box", or a box wrapped into the story), so
    that no head is ever printed over the body or another box."""
    where = Where(box_id, article.id)
    vertical = mode is WritingMode.VERTICAL_RL
    frame = Frame(area, mode)
    parts = headline_parts(article, title_style, with_byline, setter, frame.measure, mode)
    settings = _sizes(parts, article, frame, setter, mode, ends)
    problems: list[Problem] = []
    for part, setting in zip(parts, settings, strict=True):
        problems.extend(_part_problems(part, setting, setter, where, area))
    extent = sum(s.height for s in settings)
    block = max((frame.extent - extent) / 2, 0.0)
    limit = math.inf if room is None else max(room, frame.extent)
    ops: list[Op] = []
    left_out: list[str] = []  # the lines not drawn
    for setting in settings:
        size, slot = setting.style.size, setting.style.leading
        inner = Frame(frame.inset_inline(setting.inset), mode)
        colour = colour_of(setting.style)
        for par, line in ((p, ln) for p in setting.paragraphs for ln in p.lines):
            if block + slot > limit + 1e-6:
                left_out.append(line.text)  # past the box: over whatever stands beyond
            else:
                drawn = inner.place(
                    line, block, slot, size, colour, fonts=setter.fonts, text=par.text
                )
                ops.extend(drawn)
            block += slot
    if extent > frame.extent + 1e-6:
        what = "strip" if vertical else "area"
        problems.append(
            _too_big(extent, frame.extent, what, area, box_id, article.id, left_out, stop)
        )
    return HeadlineBlock(
        tuple(ops),
        tuple(problems),
        extent,
        tuple(line.text for s in settings for line in s.lines),
        tuple(_recorded(part, s, setter) for part, s in zip(parts, settings, strict=True)),
    )


def headline_parts(
    article: Article,
    title_style: str = "headline",
    with_byline: bool = False,
    setter: Setter | None = None,
    line_length: float = math.inf,
    mode: WritingMode = WritingMode.HORIZONTAL_TB,
) -> list[BlockPart]:
    """The parts of a headline block with their style names, in reading order: 引题, 主题
    (its lines as written), 副题, and the byline when it sits in the block. A line break
    written in a part is a line of its own. The byline has a role to a line as in a column
    (``layout.compose.byline``), each padded so that, centred on its own, the lines stand as
    one block, labels under labels (measured in the spec's ``byline`` style through
    ``setter``; without one, in ems of full-width characters). A role too long for the
    block's ``line_length`` (points, less an em at each end) goes on under its first name,
    never a name split: the byline's lines are broken here, at its largest size, so that the
    text engine has none to break (at a smaller size they fit the more)."""
    parts: list[BlockPart] = []
    if article.kicker:
        kicker = _lines(article.kicker)
        parts.append(BlockPart(HeadPart.KICKER, "kicker", kicker, article.kicker_pos))
    headline = tuple(line for written in article.headline for line in _lines(written))
    if headline:
        parts.append(BlockPart(HeadPart.HEADLINE, title_style, headline, article.headline_pos))
    if article.subhead:
        subhead = _lines(article.subhead)
        parts.append(BlockPart(HeadPart.SUBHEAD, "subhead", subhead, article.subhead_pos))
    if with_byline and article.byline is not None:
        lines = _byline_texts(article.byline, setter, line_length, mode)
        texts = tuple(line.text for line in lines)
        indents = tuple(line.indent for line in lines)
        parts.append(BlockPart(HeadPart.BYLINE, "byline", texts, article.byline_pos, indents))
    return parts


def _lines(text: str) -> tuple[str, ...]:
    return tuple(line for line in (piece.strip() for piece in text.splitlines()) if line)


def _sizes(
    parts: list[BlockPart],
    article: Article,
    frame: Frame,
    setter: Setter,
    mode: WritingMode,
    ends: float,
) -> list[PartSetting]:
    """Each part at its size: by rank, each with the room left by the parts sized before it
    and by the others at their smallest (``ends``: the white kept at the area's ends where no
    size fits with an em, ``layout.compose.headsize.choose_size``)."""
    styles = [for_article(_part_style(p, setter), article) for p in parts]
    order = sorted(range(len(parts)), key=lambda i: _RANK.index(parts[i].part))
    # Each part's height at its smallest size: what it takes while the parts ranked above it
    # are sized (none for the part ranked first, sized before any other).
    least = {
        i: smallest(parts[i].texts, styles[i], frame.measure, setter, mode, parts[i].indents).height
        for i in order[1:]
    }
    chosen: dict[int, PartSetting] = {}
    for i in order:
        others = sum(
            chosen[j].height if j in chosen else least[j] for j in range(len(parts)) if j != i
        )
        room = frame.extent - others
        part = parts[i]
        chosen[i] = choose_size(
            part.texts, styles[i], frame.measure, room, setter, mode, ends, part.indents
        )
    return [chosen[i] for i in range(len(parts))]


def _part_problems(
    part: BlockPart, setting: PartSetting, setter: Setter, where: Where, area: Rect
) -> list[Problem]:
    """What setting a part found (characters no font has, a word wider than the measure),
    and a head that cannot be set whole-word even at its smallest size."""
    found: list[Problem] = []
    # A head's text is no body paragraph: named by its part, at its line in the record.
    named = where._replace(part=part.part.label, source=part.source)
    for par in setting.paragraphs:
        found.extend(setter.problems(par, setting.style, named))
    if not setting.whole:
        over = max(line.overfull for line in setting.lines)
        found.append(
            Problem(
                kind=ProblemKind.OVERSET,
                message=f"{part.part.label} does not fit whole-word at {setting.style.size:g}pt "
                f"(the smallest its style allows): a word is {over:.1f}pt wider than the "
                f"{setting.measure:.1f}pt measure; shorten it or give the head more width",
                details=Overset(lines=0, chars=0, points_over=round(over, 2)),
                box=where.box,
                article=where.article,
                source=part.source,
                where=area,
            )
        )
    return found


def _part_style(part: BlockPart, setter: Setter) -> Style:
    """The style a part is set in: a byline's keeps its blanks (``set_as_byline``)."""
    style = setter.style(part.style)
    return set_as_byline(style) if part.part is HeadPart.BYLINE else style


def _recorded(part: BlockPart, setting: PartSetting, setter: Setter) -> HeadSize:
    style = setter.style(part.style)
    return HeadSize(
        part=part.part,
        style=part.style,
        size=setting.style.size,
        smallest=style.sizes[-1],
        largest=style.size,
        lines=len(setting.lines),
        fill=setting.fill,
        texts=tuple(line.text for line in setting.lines),
    )


def _byline_texts(
    byline: Byline, setter: Setter | None, line_length: float, mode: WritingMode
) -> list[BlockText]:
    """The byline's lines for a centred block, with their indents in ems: a role to a line,
    its names going on under its first name where the block's ``line_length`` (points, an
    em clear at each end at the byline's size) cannot hold them (``byline_lines``)."""
    mark: str | None = DEFAULT_MARK
    width = _em_width
    measure = math.inf
    if setter is not None:
        style = set_as_byline(setter.style("byline"))
        mark = style.mark
        measure = line_length / style.size - 2  # in ems of the byline's largest size

        def width(text: str) -> float:
            return setter.width(text, style, mode) / style.size

    lines = byline_lines(byline, mark, width, measure)
    return block_texts(lines, width)


def _em_width(text: str) -> float:
    """Ems of ``text`` counting full-width characters (East Asian Width W, F or A, as the
    Chinese faces draw them) as one and others as half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


def _too_big(
    needed: float,
    room: float,
    what: str,
    area: Rect,
    box_id: str,
    article_id: str,
    left_out: list[str] | None = None,
    stop: str = "in the box",
) -> Problem:
    """The report of a block that passes its area: the body moved clear of it, or, past
    the room it has (the box, or a box in its way: ``stop``), the lines ``left_out`` not
    printed."""
    left_out = left_out or []
    if left_out:
        lines = "line is" if len(left_out) == 1 else f"{len(left_out)} lines are"
        outcome = f"its last {lines} not printed, no room left {stop}"
    else:
        outcome = "the body is moved clear of it"
    return Problem(
        kind=ProblemKind.OVERSET,
        message=f"headline block needs {needed:.1f}pt, its {what} has {room:.1f}pt: {outcome}",
        details=Overset(
            lines=len(left_out), chars=sum(map(len, left_out)), points_over=round(needed - room, 2)
        ),
        box=box_id,
        article=article_id,
        where=area,
    )
