"""Compose a page: every box of the spec laid out in reading order, the furniture, and the
rules between stories. The result is a :class:`~layout.page.Page` display list plus, per box,
its copy-fitting numbers and problems.

Threads (a story through several boxes, ``continues``): a box's text that does not fit goes
on in the next box of its thread, from where it stopped (:class:`StoryPoint`). Within the
page the boxes are composed so that a box's source comes first; a story going on on another
page leaves the page (:class:`Outflow`), and a story coming in from one is given
(``inflow``, :class:`Inflow`) — :func:`layout.compose.edition.compose_pages` carries them
between pages. A jump to another page prints its jump lines, generated in the spec's
wording (``jumps``): 下转 at the foot of the last column before the jump, 上接 at the head
of the continuation, with the other page's number. A thread within one page prints none
(the reader's eye goes from box to box as from column to column; a jump line is for a turn
of the page). A continuation box prints a 转版 head in its headline area: the article's
``jump_head``, else its 主题, in the style its ``headline`` names, with no 引题, 副题 or
byline. The first box of a story with no headline area prints no head, and says so
(:func:`unprinted_head`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from itertools import combinations

from ..articles import Article, FiguresRecord, ParagraphKind
from ..fonts import FontLibrary
from ..geometry import EPSILON, Rect, WritingMode
from ..page import BoxLayout, HeadPart, Op, Page, RectOp, RuleOp, grey
from ..records import NamedTuple
from ..report import (
    CutFrom,
    FacesAbsent,
    Overset,
    Problem,
    ProblemKind,
    ThreadSource,
    Underset,
    UnprintedHead,
    count,
    plural,
)
from ..spec.model import BoxKind, BoxSpec, PageSpec, Style
from ..spec.strip import widest_strip
from ..text.clean import clean, removed_after, resumed
from ..text.options import Align, BreakMode
from .body import Cut, Fill, FlowPiece, Onward, flow
from .boxframe import FRAME_RULE, FrameWhite, frame_white, whole_characters
from .byline import byline_pieces
from .fallback import fallback_problems, refused_form_problems
from .figures import figures_box
from .frame import Frame
from .furniture import ear, header_box, masthead, page_header
from .headline import HeadlineBlock, headline_block
from .photo import PhotoContent, photo_box
from .result import BoxResult
from .setter import RunInText, Setter, Where, for_article
from .shade import shade_problems

# Underset beyond this many empty lines at a box's foot is reported (issue 14: a page goes to
# press full, "no box with more than one empty line at its foot"); ``banmian fit`` fits a box
# to the same measure, so what the build reports is what the fit removes.
UNDERSET_TOLERANCE = 1


def is_underset(layout: BoxLayout) -> bool:
    """Whether an article box is reported as underset: more than :data:`UNDERSET_TOLERANCE`
    empty lines of its body at its foot (``BoxLayout.foot_lines``: the deepest white under
    any one column's last line, so a balanced box of k columns with up to k − 1 slots free,
    one a column, is full; the proof's table still counts every empty slot as room)."""
    return layout.foot_lines > UNDERSET_TOLERANCE


_CONTENT = (BoxKind.ARTICLE, BoxKind.PHOTO, BoxKind.FIGURES)
# The rules between boxes, in pt: a hairline between stories, a heavier rule between an
# advertisement and the paper's own content.
STORY_RULE = 0.4
ADVERT_RULE = 1.0

# A dateline (本报讯) is set in 黑 unless the spec has a ``dateline`` style, and one em of
# the body's size stands between it and the text (the reference digest: "本报讯 (often in 黑
# or bold) and one space"), the same on every story: a fixed blank, never justified.
DATELINE_FONT = "hei"
DATELINE_SPACE = 1.0  # em


class StoryPoint(NamedTuple):
    """Where a story resumes in the next box of its thread: ``part`` 0 is its byline
    (``offset``: the byline lines set before), part ``k`` its paragraph ``k − 1`` of the
    article's ``paragraphs`` (``offset``: the characters of its cleaned text set before,
    ``layout.text.clean``)."""

    part: int
    offset: int = 0


class Inflow(NamedTuple):
    """A story flowing into a box from the box before it in its thread (box ``box`` of page
    ``page``). ``resume`` is where its text resumes; None when that box held the whole story
    (the continuation box is never reached: reported)."""

    article: Article
    resume: StoryPoint | None
    page: int
    box: str


class Outflow(NamedTuple):
    """A story leaving the page for box ``box`` of page ``page``."""

    page: int
    box: str
    story: Inflow


class ComposedPage(NamedTuple):
    """A page composed, and the stories that leave it for other pages."""

    page: Page
    leaving: tuple[Outflow, ...] = ()


def compose_page(
    spec: PageSpec,
    fonts: FontLibrary,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    *,
    inflow: Mapping[str, Inflow] | None = None,
) -> Page:
    """The page of ``spec`` (what flows into its boxes from other pages given by box id in
    ``inflow``); :func:`compose_threaded` also gives what leaves it."""
    return compose_threaded(spec, fonts, mode, inflow=inflow).page


def compose_threaded(
    spec: PageSpec,
    fonts: FontLibrary,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    *,
    inflow: Mapping[str, Inflow] | None = None,
) -> ComposedPage:
    """The page of ``spec`` with ``inflow`` (by box id: the stories coming in from other
    pages), and the stories leaving it for other pages."""
    setter = Setter(fonts, spec.styles, mode)
    ops: list[Op] = []
    boxes: list[BoxLayout] = []
    problems: list[Problem] = []
    absent = fonts.absent_message()
    if absent is not None:  # once per page built, whatever its characters
        problems.append(
            Problem(
                kind=ProblemKind.FONT_NOT_INSTALLED,
                message=absent,
                details=FacesAbsent(faces=tuple(info.id for info in fonts.absent)),
            )
        )
    font_warnings = len(problems)
    # Shading is the ground what stands on it is printed over: every box's fill first,
    # whatever the boxes' order, so a shaded box listed after a story never covers its text
    # (nor, its fill printed over the text's black, knocks it out on the press).
    ops += [RectOp(b.rect, fill=grey(b.shade)) for b in spec.boxes if b.shade is not None]
    header = page_header(spec, setter)  # the 眉头, when the page prints one
    ops += header.ops
    problems += header.problems
    composed, leaving = _threaded_boxes(spec, setter, inflow or {})
    for box in spec.boxes:
        result = composed[box.id]
        ops += result.ops
        if box.frame:
            ops.append(RectOp(box.rect, stroke=grey(1.0), width=FRAME_RULE))
        boxes.append(result.layout)
        problems += result.problems
    ops += _rules_between(spec)
    problems += shade_problems(spec.boxes, ops)
    # Once a style per page, after the page's other font warning, when all its text is
    # counted.
    families = {face: info.family for face, info in fonts.face_infos.items()}
    fallback = fallback_problems(setter.han_drawn(), fonts.roles, families)
    fallback += refused_form_problems(setter.refused_forms(), families)
    problems = [*problems[:font_warnings], *fallback, *problems[font_warnings:]]
    trim = Rect(0.0, 0.0, spec.page.trim_width, spec.page.trim_height)
    page = Page(
        number=spec.page.number,
        trim=trim,
        bleed=spec.page.bleed,
        ops=tuple(ops),
        boxes=tuple(boxes),
        problems=tuple(problems),
        type_area=spec.page.type_area,
        title=f"{spec.edition.title} {spec.page.name}",
        grid_lines=_grid_lines(spec),
    )
    return ComposedPage(page, tuple(leaving))


def _threaded_boxes(
    spec: PageSpec, setter: Setter, inflow: Mapping[str, Inflow]
) -> tuple[dict[str, BoxResult], list[Outflow]]:
    """Every box composed, each box of a thread after the one before it (the spec loader
    has checked that threads within the page neither loop nor merge)."""
    targets = {b.continues.box for b in spec.boxes if _within(spec, b)}
    coming = dict(inflow)
    composed: dict[str, BoxResult] = {}
    leaving: list[Outflow] = []
    for first in spec.boxes:
        box: BoxSpec | None = first
        while box is not None and box.id not in composed:
            if box.id in targets and box.id not in coming:
                break  # composed when the box before it in its thread is
            composed[box.id], story = _compose_box(spec, box, setter, coming.get(box.id))
            going, box = box.continues, None
            if going is None or story is None:
                continue
            if going.page is None:  # on this page: the next box of the thread, now
                coming[going.box] = story
                box = spec.box(going.box)
            else:
                leaving.append(Outflow(going.page, going.box, story))
    for box in spec.boxes:  # a thread whose start has no story: nothing reaches the rest
        if box.id not in composed:
            message = "no story flows into it: the box before it in its thread has none"
            composed[box.id] = _empty_continuation(box, None, message)
    return composed, leaving


def _within(spec: PageSpec, box: BoxSpec) -> bool:
    """Whether ``box`` continues in a box of its own page."""
    return box.continues is not None and box.continues.page is None


def _grid_lines(spec: PageSpec) -> tuple[float, ...]:
    """The baseline grid over the type area, where lines are placed on it: the baseline of
    a grid line of the body size (横排), the centre of a vertical line's slot (竖排)."""
    area = spec.page.type_area
    pitch = spec.grid.line_pitch
    frame = Frame(area, spec.page.writing_mode)
    lines = range(int(frame.extent / pitch + 1e-6))
    if spec.page.writing_mode is WritingMode.HORIZONTAL_TB:
        size = spec.styles[spec.grid.body_style].size
        return tuple(frame.baseline(line * pitch, pitch, size) for line in lines)
    slots = (frame.line_rect(line * pitch, pitch) for line in lines)
    return tuple(slot.x + slot.width / 2 for slot in slots)


def _compose_box(
    spec: PageSpec, box: BoxSpec, setter: Setter, inflow: Inflow | None
) -> tuple[BoxResult, Inflow | None]:
    """The box composed and, for an article box, its story as it goes on in the next box
    of its thread (the box's ``continues``)."""
    if box.kind is not BoxKind.ARTICLE:
        return _content_box(spec, box, setter), None
    if inflow is not None:
        return _continuation_box(spec, box, inflow, setter)
    article = spec.articles.get(box.article or "")
    if not isinstance(article, Article):
        # No article of its own and no story flowing in: the continuation of a story on a
        # page not in this build (a page built alone). An edition build refuses it.
        return _empty_continuation(
            box,
            None,
            "no story flows into it: it continues a story from another page, not in this build",
        ), None
    return _article_box(spec, box, article, setter, None)


def _content_box(spec: PageSpec, box: BoxSpec, setter: Setter) -> BoxResult:
    kind = box.kind
    if kind is BoxKind.MASTHEAD:
        return masthead(spec, box, setter)
    if kind is BoxKind.EAR:
        return ear(spec, box, setter)
    if kind is BoxKind.PAGE_HEADER:
        return header_box(spec, box, setter)
    if kind is BoxKind.RULE:
        r = box.rect
        return BoxResult(
            layout=BoxLayout(id=box.id, kind=kind.value, rect=r),
            ops=(RuleOp(r.x, r.y, r.right, r.bottom, box.weight),),
        )
    if kind is BoxKind.SHADED:
        return BoxResult(layout=BoxLayout(id=box.id, kind=kind.value, rect=box.rect))
    if kind is BoxKind.ADVERT:
        # Imported here: reading an advertisement's PDF loads pikepdf, which a page without
        # one never needs.
        from .advert import advert_box

        return advert_box(box, spec.press)
    if kind is BoxKind.FIGURES:
        record = spec.articles[box.figures or ""]
        assert isinstance(record, FiguresRecord)
        return figures_box(record, box.rect, setter, box.id)
    if kind is BoxKind.PHOTO:
        if box.image is not None:  # an image file of the box's own: the picture alone
            content = PhotoContent(box.image, title=box.title, crop=box.crop)
        else:
            record = spec.articles[box.article or ""]
            assert isinstance(record, Article)
            content = PhotoContent.of_article(record, box.photo - 1, box.title, box.crop)
        return photo_box(
            content,
            box.rect,
            spec.grid.line_pitch,
            setter,
            box.id,
            box.fit,
            min_ppi=spec.press.min_ppi,
            strict_ppi=spec.press.strict_ppi,
            caption_mode=box.writing_mode,
            white=_frame_white(spec, box, setter),
        )
    raise ValueError(f"box {box.id!r}: no composer for boxes of kind {kind.value}")


def _frame_white(spec: PageSpec, box: BoxSpec, setter: Setter) -> FrameWhite:
    """The white ``box`` keeps inside its frame (none without one), by its body style."""
    size = setter.style(box.body_style or spec.grid.body_style).size
    return frame_white(box.frame, spec.grid.line_pitch, size)


def _continuation_box(
    spec: PageSpec, box: BoxSpec, inflow: Inflow, setter: Setter
) -> tuple[BoxResult, Inflow | None]:
    """A box continuing a story: what flows in, under its 转版 head; or, when the box before
    it held the whole story, the box empty and reported."""
    if inflow.resume is None:
        where = f"page {inflow.page}, " if inflow.page != spec.page.number else ""
        message = (
            f"never reached: box {inflow.box!r} ({where}article {inflow.article.id}) holds "
            "the whole story"
        )
        return _empty_continuation(box, inflow, message), inflow  # nor the boxes after it
    return _article_box(spec, box, inflow.article, setter, inflow)


def _empty_continuation(box: BoxSpec, inflow: Inflow | None, message: str) -> BoxResult:
    """A continuation box that no text reaches: empty, and reported."""
    layout = BoxLayout(id=box.id, kind=box.kind.value, rect=box.rect)
    problem = Problem(
        kind=ProblemKind.EMPTY_CONTINUATION,
        message=message,
        details=ThreadSource(
            page=inflow.page if inflow is not None else None,
            box=inflow.box if inflow is not None else None,
        ),
        box=box.id,
        article=inflow.article.id if inflow is not None else None,
        where=box.rect,
    )
    return BoxResult(layout=layout, problems=(problem,))


class _Layout(NamedTuple):
    """Where an article box's parts go: its headline block (None without a headline area)
    and the rects of its body columns."""

    block: HeadlineBlock | None
    columns: tuple[Rect, ...]


def _article_box(
    spec: PageSpec, box: BoxSpec, article: Article, setter: Setter, inflow: Inflow | None
) -> tuple[BoxResult, Inflow | None]:
    """An article box: its headline block (a 转版 head when the story comes from another
    box) and the story's body from where it starts or resumes; and the story as it goes on."""
    head = article if inflow is None else jump_head(article)
    wrapped = wrapped_into(spec, box)
    obstacles = tuple(rect for _, rect in wrapped)
    parts = _box_layout(spec, box, head, setter, wrapped)
    columns = list(parts.columns)
    measure = Frame(columns[0], box.writing_mode).measure  # the body's own columns
    pieces, onward = _story_pieces(spec, box, article, setter, inflow, measure)
    result = flow(
        pieces,
        columns,
        spec.grid.line_pitch,
        setter,
        box.writing_mode,
        Fill(box.fill),
        obstacles,
        onward=onward,
    )
    block = parts.block
    ops = [*(block.ops if block is not None else ()), *result.ops]
    problems = [*(block.problems if block is not None else ()), *result.problems]
    # Copy-fitting counts characters of the box's body style (bylines and intertitles aside).
    body_size = setter.style(box.body_style or spec.grid.body_style).size
    layout = BoxLayout(
        id=box.id,
        kind=box.kind.value,
        rect=box.rect,
        article=article.id,
        columns=tuple(columns),
        capacity_lines=result.capacity_lines,
        used_lines=result.used_lines,
        used_chars=result.placed_chars,
        overset_lines=result.overset_lines,
        overset_chars=result.overset_chars,
        empty_slots=result.empty_slots,
        chars_per_line=measure / body_size,
        room_chars=result.capacity_measure / body_size if obstacles else None,
        empty_room_chars=result.empty_measure / body_size if obstacles else None,
        lines=result.lines,
        headline=block.sizes if block is not None else (),
    )
    problems += _fit_problems(layout, result.cut_from)
    if inflow is None and box.headline is None:
        problems += unprinted_head(box, article)
    story = Inflow(article, _resumes(pieces, result.rest), spec.page.number, box.id)
    return BoxResult(layout=layout, ops=tuple(ops), problems=tuple(problems)), story


def unprinted_head(box: BoxSpec, article: Article) -> list[Problem]:
    """The story's head, that the first box of a story without a headline area does not
    print: a warning at the box (a story set as a brief under a head of the page's own may
    be meant; a box copied without its ``headline`` is not). A default area is not guessed:
    the lines a head takes are the designer's (makeup: the head's size follows its lines)."""
    title = " ".join(article.headline).strip()
    if not title:
        return []
    parts = [f"引题 {article.kicker!r}"] if article.kicker else []
    parts.append(f"主题 {title!r}")
    if article.subhead:
        parts.append(f"副题 {article.subhead!r}")
    return [
        Problem(
            kind=ProblemKind.UNPRINTED_HEADLINE,
            message=f"the story's headline ({', '.join(parts)}) is not printed: the box has no "
            "headline area; give it `headline: {lines: N}`",
            details=UnprintedHead(article.kicker, title, article.subhead),
            box=box.id,
            article=article.id,
            where=box.rect,
        )
    ]


def _box_layout(
    spec: PageSpec,
    box: BoxSpec,
    head: Article,
    setter: Setter,
    wrapped: tuple[tuple[str, Rect], ...] = (),
) -> _Layout:
    """The headline block of ``head`` in the box's headline area and the body's columns: a
    竖题 strip on the right (:func:`_strip_head`), the body's ``columns`` in the room left of
    it (by default the other basic columns: ``layout.spec.strip``), or a block across the top
    (:func:`_top_head`), the body below it — and up beside it where the head is narrower than
    the box. A framed box sets all these inside its frame's white (``compose/boxframe.py``),
    its body's columns whole characters long. A head too big for its area runs on to at most
    the box's edge or the first of the ``wrapped`` boxes in its way (:func:`_head_room`)."""
    vertical = box.writing_mode is WritingMode.VERTICAL_RL
    white = _frame_white(spec, box, setter)
    inner = white.inside(box.rect, box.writing_mode)  # all of it, unframed
    h = box.headline
    if h is None:
        placed = _Placed(None, inner.y, inner.right)
    elif vertical or h.position == "right":
        placed = _strip_head(spec, box, head, setter, inner, wrapped)
    else:
        placed = _top_head(spec, box, head, setter, (inner, white), wrapped)
    body_top, body_right = placed.body_top, placed.body_right
    body_rect = Rect(inner.x, body_top, body_right - inner.x, inner.bottom - body_top)
    row_white = _row_white(spec, box, setter, box.writing_mode)
    if vertical:
        body_rect = body_rect._replace(
            y=body_rect.y + row_white, height=body_rect.height - 2 * row_white
        )
    elif row_white:
        # A 横排 box on a 竖排 page: its lines keep the white at their ends that the page's
        # vertical lines keep beside the box they meet with no gutter (as its head does).
        body_rect = body_rect._replace(
            x=body_rect.x + row_white, width=body_rect.width - 2 * row_white
        )
    if not vertical and body_right < inner.right - 1e-6:
        # a 竖题 beside horizontal columns: one gutter apart
        body_rect = body_rect._replace(width=body_rect.width - spec.grid.gutter)
    count = box.columns  # the body's, in the room beside a 竖题 strip (layout.spec.strip)
    if box.frame:
        size = setter.style(box.body_style or spec.grid.body_style).size
        body_rect = whole_characters(body_rect, count, spec.grid.gutter, size, box.writing_mode)
    columns = [f.rect for f in Frame(body_rect, box.writing_mode).split(count, spec.grid.gutter)]
    narrow_head = placed.narrow
    if narrow_head is not None:
        # The body runs up beside a headline narrower than its box: the columns clear of
        # the headline's area start at the box's top (a framed box's: its white below it).
        columns = [
            c._replace(y=inner.y, height=c.bottom - inner.y)
            if c.x >= narrow_head.right - 1e-6
            else c
            for c in columns
        ]
    return _Layout(placed.block, tuple(columns))


class _Placed(NamedTuple):
    """A box's headline block as placed, and where it leaves the body room: below
    ``body_top`` and left of ``body_right`` (before the rows' white and the gutter beside a
    竖题); ``narrow``: the area of a head across some of the columns only, beside which the
    others run up."""

    block: HeadlineBlock | None
    body_top: float
    body_right: float
    narrow: Rect | None = None


def _strip_head(
    spec: PageSpec,
    box: BoxSpec,
    head: Article,
    setter: Setter,
    inner: Rect,
    wrapped: tuple[tuple[str, Rect], ...],
) -> _Placed:
    """The 竖题 of ``head`` in a strip on the right of ``inner`` (the box inside its frame's
    white): ``span`` basic columns wide in a horizontal box when given, else ``lines`` line
    pitches; the body to its left."""
    h = box.headline
    assert h is not None
    pitch = spec.grid.line_pitch
    vertical = box.writing_mode is WritingMode.VERTICAL_RL
    spanned = not vertical and bool(h.span)
    # A strip of basic columns keeps its width (the body has the other columns); a strip of
    # line pitches widens for a head too wide for it, as far as horizontal columns keep a
    # line's width (a head wider still is cut and reported; the spec checks the strip as
    # written, and the fit's trials are held to it too), or a vertical box's lines beside
    # it, up to the box.
    widest = inner.width if vertical else widest_strip(spec.grid, inner.width, box.columns)
    strip = spec.grid.span_width(h.span) if spanned else min(h.lines * pitch, widest)
    area = Rect(inner.right - strip, inner.y, strip, inner.height)
    room = _HeadRoom(strip) if spanned else _head_room(area, widest, wrapped, vertical=True)
    area = _within_room(area, room.room, vertical=True)
    block = headline_block(
        head,
        area,
        setter,
        box.id,
        title_style=h.style,
        with_byline=h.byline,
        mode=WritingMode.VERTICAL_RL,
        room=room.room,
        stop=room.stop,
        # A head given up its em at the strip's ends keeps the rows' white there.
        ends=_row_white(spec, box, setter, WritingMode.VERTICAL_RL),
    )
    if not spanned:
        strip = _clear_of(block.height, strip, pitch, widest)
    return _Placed(block, inner.y, inner.right - strip)


def _top_head(
    spec: PageSpec,
    box: BoxSpec,
    head: Article,
    setter: Setter,
    framed: tuple[Rect, FrameWhite],
    wrapped: tuple[tuple[str, Rect], ...],
) -> _Placed:
    """The headline block of ``head`` across the top of a horizontal box (``framed``: the
    box inside its frame's white, and that white), over ``span`` basic columns or all of
    them; the body below it."""
    h = box.headline
    assert h is not None
    inner, white = framed
    pitch = spec.grid.line_pitch
    # A head over some columns ends where they do on the grid (the columns beside it run
    # up); one across the box, at the frame's white.
    width = spec.grid.span_width(h.span) - white.side if h.span else inner.width
    area = Rect(inner.x, inner.y, width, h.lines * pitch)
    narrow = area if width < inner.width - 1e-6 else None
    room = _head_room(area, inner.height, wrapped, vertical=False)
    area = _within_room(area, room.room, vertical=False)
    block = headline_block(
        head,
        area,
        setter,
        box.id,
        title_style=h.style,
        with_byline=h.byline,
        room=room.room,
        stop=room.stop,
        # A head given up its em at its line's ends keeps the white there that a 竖排 page's
        # lines keep beside the box it meets with no gutter (none on a 横排 page).
        ends=_row_white(spec, box, setter, WritingMode.HORIZONTAL_TB),
    )
    body_top = inner.y + _clear_of(block.height, h.lines * pitch, pitch, inner.height)
    return _Placed(block, body_top, inner.right, narrow)


class _HeadRoom(NamedTuple):
    """How far a headline block may run across its lines (``room``, points from its area's
    start), and what ends it there (``stop``, for the report of the lines it leaves out)."""

    room: float
    stop: str = "in the box"


def _head_room(
    area: Rect, room: float, wrapped: tuple[tuple[str, Rect], ...], *, vertical: bool
) -> _HeadRoom:
    """How far a headline block may run from its ``area``'s start across its lines (down
    from its top; a 竖题 strip's leftwards from its right): ``room``, to the box's edge, or
    less, to the nearest of the ``wrapped`` boxes (by id, grown by their stand-off) in its
    way. A head too big for its area stops short of a picture wrapped into the story under
    it: its lines past that are not drawn and are reported (``headline_block``), never
    printed under the picture (图文互斥)."""
    found = _HeadRoom(room)
    for box_id, o in wrapped:
        if vertical and o.y < area.bottom and area.y < o.bottom:
            gap = area.right - o.right
        elif not vertical and o.x < area.right and area.x < o.right:
            gap = o.y - area.y
        else:
            continue
        if -EPSILON < gap < found.room:
            found = _HeadRoom(gap, f"before box {box_id!r}, wrapped into the story")
    return found


def _within_room(area: Rect, room: float, *, vertical: bool) -> Rect:
    """The headline ``area`` cut to its ``room`` (:func:`_head_room`): a wrapped box the
    spec loader let stand just under a story's headline area reaches into it when a frame
    moves the area down a line; the head is then set in what is left, and reported when it
    needs more, never over the box."""
    if vertical and room < area.width:
        return Rect(area.right - room, area.y, room, area.height)
    if not vertical and room < area.height:
        return area._replace(height=room)
    return area


def _row_white(spec: PageSpec, box: BoxSpec, setter: Setter, mode: WritingMode) -> float:
    """The white a line of ``box`` set in ``mode`` keeps at its ends. A line across the
    page's rows — 竖排 on a 横排 page, down its baseline grid; 横排 on a 竖排 page, across its
    vertical lines — stands where the rows have no gutter between them: run the box's whole
    length, it would touch the box it meets there (and the rule between them). It keeps the
    white a row of the page keeps: half of the body's leading each side of its em (the rows'
    own rhythm). A line of the page's own direction ends at a gutter (the columns' or the
    bands'): none."""
    if mode is spec.grid.writing_mode:
        return 0.0
    body_size = setter.style(box.body_style or spec.grid.body_style).size
    return max((spec.grid.line_pitch - body_size) / 2, 0.0)


def _clear_of(needed: float, area: float, pitch: float, box: float) -> float:
    """The depth (or width, of a 竖题 strip) the headline area takes from the body: the
    spec's ``area``, or, for a block that ``needed`` more (reported by the block), whole
    line pitches enough for it, to at most the ``box``: the body starts on the grid clear
    of the head rather than under it."""
    if needed <= area + 1e-6:
        return area
    return min(math.ceil(needed / pitch - 1e-6) * pitch, box)


def _story_pieces(
    spec: PageSpec,
    box: BoxSpec,
    article: Article,
    setter: Setter,
    inflow: Inflow | None,
    measure: float,
) -> tuple[list[FlowPiece], Onward | None]:
    """The story's pieces from where it starts or resumes, opened by 上接 when it comes from
    another page; and, for a box whose story goes on, the 下转 line when it turns the page
    (a thread within one page prints none)."""
    where = Where(box.id, article.id)
    resume = inflow.resume if inflow is not None else None
    pieces = article_pieces(spec, box, article, setter, resume, measure)
    if inflow is not None and inflow.page != spec.page.number:
        jump_in = FlowPiece(spec.jumps.from_(inflow.page), setter.style("jump"), where, jump=True)
        pieces.insert(0, jump_in)
    if box.continues is None:
        return pieces, None
    jump = None
    if box.continues.page is not None:
        text = spec.jumps.to(box.continues.page)
        jump = FlowPiece(text, setter.style("jump"), where, Align.END, 0.0, jump=True)
    return pieces, Onward(jump)


def _resumes(pieces: list[FlowPiece], cut: Cut | None) -> StoryPoint | None:
    """Where the story goes on after ``cut`` (None: it ended in the box)."""
    if cut is None:
        return None
    later = [p for p in pieces[cut.piece :] if p.part is not None]
    if not later:
        return None  # only a jump line did not fit: the story itself ended
    first = later[0]
    offset = cut.offset if first is pieces[cut.piece] else 0
    return StoryPoint(first.part or 0, first.start + offset)


def jump_head(article: Article) -> Article:
    """The article as its continuation's 转版 head shows it: the ``jump_head`` (else the
    主题) alone, with no 引题, 副题 or byline."""
    if not article.jump_head:
        return article._replace(kicker=None, subhead=None, byline=None)
    return article._replace(
        kicker=None,
        subhead=None,
        byline=None,
        headline=(article.jump_head,),
        headline_pos=article.jump_head_pos,  # its problems at the line it is written on
    )


def wrapped_into(spec: PageSpec, box: BoxSpec) -> tuple[tuple[str, Rect], ...]:
    """The boxes with ``wrap`` standing over ``box``, by id, each grown by its stand-off:
    what the story's lines run around (串文; the spec loader has checked that they leave
    its headline area clear), and its head stops short of."""
    return tuple(
        (
            o.id,
            Rect(
                o.rect.x - o.wrap,
                o.rect.y - o.wrap,
                o.rect.width + 2 * o.wrap,
                o.rect.height + 2 * o.wrap,
            ),
        )
        for o in spec.boxes
        if o.wrap is not None and o.id != box.id and o.rect.intersects(box.rect)
    )


def _columns_measure(spec: PageSpec, box: BoxSpec) -> float:
    """The line length of one body column of an article box (破栏 included): a column's
    width in 横排, a band's height in 竖排."""
    return Frame(box.rect, box.writing_mode).split(box.columns, spec.grid.gutter)[0].measure


def dateline_style(setter: Setter, body: Style) -> Style:
    """The style a dateline is set in: the spec's ``dateline`` style, else the body style in
    黑 (the font role :data:`DATELINE_FONT`, when the fonts manifest has it; newspapers set
    本报讯 in 黑 or bold, the reference digest's "Newspaper page practice")."""
    given = setter.styles.get("dateline")
    if given is not None:
        return given
    font = DATELINE_FONT if DATELINE_FONT in setter.fonts.roles else body.font
    return body._replace(name="dateline", font=font)


def article_pieces(
    spec: PageSpec,
    box: BoxSpec,
    article: Article,
    setter: Setter,
    resume: StoryPoint | None = None,
    measure: float | None = None,
) -> list[FlowPiece]:
    """The flow of a story: byline, body paragraphs (the dateline opening the first) and
    intertitles; from ``resume`` on when it goes on from the box before (the paragraph cut
    there goes on from the character where its last line ended: no indent, no dateline).
    ``measure``: the body columns' line length (default: the box's width in its columns; a
    竖题 strip beside them makes them narrower)."""
    body_style = for_article(setter.style(box.body_style or spec.grid.body_style), article)
    at = resume or StoryPoint(0)
    pieces: list[FlowPiece] = []
    where = Where(box.id, article.id)
    # (a 转版 head carries no byline: in a continuation box a byline still to set flows)
    in_head = box.headline is not None and box.headline.byline and resume is None
    if article.byline is not None and not in_head and at.part == 0:
        style = setter.style("byline")
        width = measure if measure is not None else _columns_measure(spec, box)
        byline_where = where._replace(part=HeadPart.BYLINE.label, source=article.byline_pos)
        lines = byline_pieces(article.byline, style, width, setter, byline_where, box.writing_mode)
        # A byline keeps its measure (its labels are spread to it): never beside a wrapped box.
        pieces += [
            piece._replace(part=0, start=k, beside=False)
            for k, piece in enumerate(lines)
            if k >= at.offset
        ]
    dateline = None
    first_body = next(
        (k for k, p in enumerate(article.paragraphs, 1) if p.kind is ParagraphKind.BODY),
        len(article.paragraphs) + 1,
    )
    if article.dateline and (at.part, at.offset) <= (first_body, 0):
        # 本报讯 runs in before the first paragraph, in its own style, a fixed em after it.
        dateline = RunInText(article.dateline, dateline_style(setter, body_style), DATELINE_SPACE)
    for k, paragraph in enumerate(article.paragraphs, start=1):
        if k < at.part:
            continue
        start = at.offset if k == at.part else 0
        text = resumed(paragraph.text, start) if start else paragraph.text
        removed = removed_after(paragraph.text, start) if start else ()
        lead = clean(paragraph.text).text[:start] if start else ""
        part = Where(box.id, article.id, k, paragraph.source_pos)
        if paragraph.kind is ParagraphKind.INTERTITLE:
            pieces.append(
                FlowPiece(
                    text,
                    for_article(setter.style("intertitle"), article),
                    part,
                    None,  # aligned as its style says (centred, or flush at the start)
                    0.0,
                    space_before=box.intertitle_space,  # it stands off the text above
                    keep_with_next=True,  # never at a box's foot with its text beyond (背题)
                    part=k,
                    start=start,
                    removed=removed,
                    lead=lead,
                )
            )
            continue
        indent = 0.0 if start else None  # the rest of a paragraph cut: no new indent
        pieces.append(
            FlowPiece(
                text,
                body_style,
                part,
                indent=indent,
                adjustable=True,
                run_in=dateline,
                part=k,
                start=start,
                removed=removed,
                lead=lead,
            )
        )
        dateline = None
    if dateline is not None:  # a story with no paragraph (a photo story): the dateline alone
        pieces.append(FlowPiece(dateline.text, dateline.style, where, part=1))
    return pieces


def _fit_problems(layout: BoxLayout, cut: CutFrom | None) -> list[Problem]:
    """超版 or 欠版 of an article box, judged by its body columns (a 竖题 beside horizontal
    columns takes some of the box's); an overset says where the text cut begins (``cut``)."""
    if layout.overset_lines:
        at = f" {cut.shown()}" if cut is not None else ""
        return [
            Problem(
                kind=ProblemKind.OVERSET,
                message=f"cut {count(layout.overset_chars, 'character')} "
                f"({count(layout.overset_lines, 'line')} over){at}",
                details=Overset(
                    lines=layout.overset_lines, chars=layout.overset_chars, cut_from=cut
                ),
                box=layout.id,
                article=layout.article,
                where=layout.rect,
            )
        ]
    if is_underset(layout):
        return [
            Problem(
                kind=ProblemKind.UNDERSET,
                message=f"room for {layout.empty_lines} more {plural(layout.empty_lines, 'line')} "
                f"(about {count(layout.empty_chars, 'character')})",
                details=Underset(lines=layout.empty_lines),
                box=layout.id,
                article=layout.article,
                where=layout.rect,
            )
        ]
    return []


def _meeting(end: float, start: float, slack: float) -> float | None:
    """Where a rule goes between a box ending at ``end`` (its gutter added) and one starting
    at ``start``: the middle of the space between them, when they meet (within a point) or
    stand at most ``slack`` apart; None when they do not neighbour each other."""
    if -1.0 < start - end < slack + 1.0:
        return (end + max(start, end)) / 2
    return None


def _rules_between(spec: PageSpec) -> list[Op]:
    """Hairlines between neighbouring stories: in the middle of the gutter between boxes side
    by side, and on the edge between boxes one above the other; a heavier rule where an
    advertisement meets the paper's own content, which must stand apart from it (广告法 §14:
    an advertisement in the mass media is marked off from what is not advertising). None
    beside a framed box: its frame is the rule, and one more a gutter off reads as a
    double frame. A rule
    is broken around a box wrapped into the stories (:func:`_wrapped_boxes`): it stops short
    of it, as the stories' text does."""
    wrapped = _wrapped_boxes(spec)
    # A box wrapped into a story stands inside it: the story's rules are the ones around it.
    content = [
        b
        for b in spec.boxes
        if (b.kind in _CONTENT or b.kind is BoxKind.ADVERT) and b not in wrapped
    ]
    gutter = spec.grid.gutter
    # On a vertical page the gutter lies between bands (above and below), and boxes side by
    # side meet on the line grid.
    vertical = spec.page.writing_mode is WritingMode.VERTICAL_RL
    across, down = (0.0, gutter) if vertical else (gutter, 0.0)
    ops: list[Op] = []
    for a, b in combinations(content, 2):
        if a.kind is BoxKind.ADVERT and b.kind is BoxKind.ADVERT:
            continue  # two advertisements side by side: each has its own border, if any
        if a.frame or b.frame:
            continue  # a frame parts its box from every box beside it: no second rule
        advert = BoxKind.ADVERT in (a.kind, b.kind)
        weight = ADVERT_RULE if advert else STORY_RULE
        # An ad may stand a line or so off the story, the space left to set them apart.
        slack = spec.grid.line_pitch if advert else 0.0
        holes = _holes(wrapped, (a, b), gutter)
        for left, right in ((a, b), (b, a)):
            x = _meeting(left.rect.right + across, right.rect.x, slack)
            top = max(left.rect.y, right.rect.y)
            bottom = min(left.rect.bottom, right.rect.bottom)
            if x is not None and bottom - top > 1.0:
                x -= across / 2
                cuts = [
                    (r.y - c, r.bottom + c)
                    for r, c in holes
                    if r.x + EPSILON < x < r.right - EPSILON
                ]
                for y0, y1 in _broken(top, bottom, cuts):
                    ops.append(RuleOp(x, y0, x, y1, weight))
        for upper, lower in ((a, b), (b, a)):
            y = _meeting(upper.rect.bottom + down, lower.rect.y, slack)
            x0 = max(upper.rect.x, lower.rect.x)
            x1 = min(upper.rect.right, lower.rect.right)
            if y is not None and x1 - x0 > 1.0:
                y -= down / 2
                cuts = [
                    (r.x - c, r.right + c)
                    for r, c in holes
                    if r.y + EPSILON < y < r.bottom - EPSILON
                ]
                for start, end in _broken(x0, x1, cuts):
                    ops.append(RuleOp(start, y, end, y, weight))
    return ops


def _holes(
    wrapped: list[BoxSpec], stories: tuple[BoxSpec, BoxSpec], gutter: float
) -> list[tuple[Rect, float]]:
    """The wrapped boxes standing over either of two ``stories``, each with the white the
    rule between the stories keeps from it: its stand-off, as the stories' text beside it
    keeps, and at least half a gutter, the white a rule in a gutter keeps each side. (A rule
    only along a box's edge is drawn whole: a box at a story's foot stands on the rule.)"""
    return [
        (box.rect, max(box.wrap or 0.0, gutter / 2))
        for box in wrapped
        if any(box.rect.intersects(story.rect) for story in stories)
    ]


def _wrapped_boxes(spec: PageSpec) -> list[BoxSpec]:
    """The boxes with ``wrap`` standing over an article box: the stories' text runs around
    them (串文), and so do the rules between the stories."""
    articles = [b for b in spec.boxes if b.kind is BoxKind.ARTICLE]
    return [
        b
        for b in spec.boxes
        if b.wrap is not None and any(o is not b and b.rect.intersects(o.rect) for o in articles)
    ]


def _broken(start: float, end: float, cuts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The pieces of a rule from ``start`` to ``end`` left outside the ``cuts`` (from, to),
    each longer than a point (a stub of a rule beside a box is no rule between stories)."""
    pieces = [(start, end)]
    for cut_from, cut_to in cuts:
        pieces = [
            piece
            for a, b in pieces
            for piece in ((a, min(b, cut_from)), (max(a, cut_to), b))
            if piece[1] - piece[0] > 1.0
        ]
    return pieces
