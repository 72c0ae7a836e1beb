"""The proof overlay: what is wrong with a page, marked on top of it.

:func:`proof_page` is the page as printed with an overlay on top: the type area, the column
grid and the baseline grid (faint cyan), every box outlined with its id and the article it
holds, and magenta markers where something is wrong (超版 with the characters and lines that
do not fit, the empty slots of a box the build reports underset (``underset_boxes``), 孤字,
loose lines, prohibited breaks, characters no font has with their code point, images below
the spec's ``press.min_ppi``),
and, given ``notes`` (``proof --fit``: per box, the changes of ``banmian fit`` that would fix
its story), those notes in green at the box's top right, one label a change. The overlay
is ops added to a copy of the page, drawn by the same ReportLab pen; its labels
are set in a face of the manifest (``hei-regular``), so the proof embeds no other font.

No label is piled on another: each is drawn at its place (a line's, a glyph's, a corner of
its box or its rect) unless it would cover a label drawn before it, and then moved up or down
to the first place clear of them. The labels of lines and glyphs are drawn first, the fit's
notes next, those of whole rects (a box over, a photo) last: the ones with most room to move
move. A problem with no place on the page is not labelled at a point: those in a box's
overset text (``in_overset``: not printed) are counted in one note at the box's foot, above
its 超版 mark ("超版 9 problems in the overset text (not printed): 9 loose lines"; each is
listed in the report), and one of a whole box is marked on the box.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..fonts import FontLibrary
from ..geometry import Rect, WritingMode
from ..page import (
    EM_BOX_DESCENT,
    BoxLayout,
    Color,
    MissingGlyphOp,
    Op,
    Page,
    RectOp,
    RuleOp,
    TextRun,
)
from ..report import (
    AtLine,
    LowResolution,
    MissingGlyph,
    Overset,
    Problem,
    ProblemKind,
    RemovedCharacter,
    Underset,
    count,
    underset_boxes,
)
from ..spec import PageSpec
from ..units import MM

# Overlay colours (CMYK): the grid in cyan, what is wrong in magenta.
GRID = Color(0.45, 0.0, 0.0, 0.0)
GRID_FAINT = Color(0.25, 0.0, 0.0, 0.0)
BOX = Color(1.0, 0.0, 0.0, 0.0)
MARK = Color(0.0, 1.0, 0.0, 0.0)
MARK_FILL = Color(0.0, 0.18, 0.0, 0.0)
PAPER = Color(0.0, 0.0, 0.0, 0.0)
NOTE = Color(0.8, 0.0, 1.0, 0.2)  # the fit's proposed changes: green, apart from the faults

LABEL_FACE = "hei-regular"  # the manifest face the overlay's labels are set in
LABEL_SIZE = 6.0
MARK_SIZE = 7.0
LABEL_GAP = 1.0  # pt between a label moved clear and the label it is moved past

# Short tags of the line-level problems, as an editor says them.
TAGS = {
    ProblemKind.OVERSET: "超版",
    ProblemKind.UNDERSET: "欠版",
    ProblemKind.MISSING_GLYPH: "缺字",
    ProblemKind.MISSING_IMAGE: "缺图",
    ProblemKind.LOW_RESOLUTION: "低分辨率",
    ProblemKind.OVERFULL_LINE: "超宽",
    ProblemKind.LOOSE_LINE: "松行",
    ProblemKind.ORPHAN: "孤字",
    ProblemKind.PROHIBITED_BREAK: "禁则",
    ProblemKind.REMOVED_CHARACTER: "删字",
    ProblemKind.BROKEN_BYLINE: "断名",
    ProblemKind.BROKEN_WORD: "断词",
    ProblemKind.HALF_WIDTH_PUNCTUATION: "半角",
    ProblemKind.DAMAGED_COPY: "乱码",
    ProblemKind.CONTINUED_NOWHERE: "转版",
    ProblemKind.SHRUNK: "缩字",
    ProblemKind.EMOJI: "表情",
    ProblemKind.RIGHT_TO_LEFT: "右行文",
    ProblemKind.SHADE_CONTRAST: "底纹",
}

# The problems of the overset text as its note counts them ("7 loose lines"); a kind not
# here is counted by its name.
NOUNS = {
    ProblemKind.LOOSE_LINE: "loose line",
    ProblemKind.OVERFULL_LINE: "overfull line",
    ProblemKind.ORPHAN: "orphan",
    ProblemKind.PROHIBITED_BREAK: "prohibited break",
    ProblemKind.MISSING_GLYPH: "missing character",
    ProblemKind.REMOVED_CHARACTER: "removed character",
    ProblemKind.BROKEN_BYLINE: "broken byline",
    ProblemKind.BROKEN_WORD: "broken word",
    ProblemKind.HALF_WIDTH_PUNCTUATION: "half-width mark",
    ProblemKind.DAMAGED_COPY: "damaged passage",
    ProblemKind.EMOJI: "emoji run",
    ProblemKind.RIGHT_TO_LEFT: "right-to-left run",
}


class _Labeller:
    """Small labels set in one face of the manifest (never Helvetica), with the boxes of
    those drawn so far on the page of ``bounds``: a label that would cover one of them is
    set past it."""

    def __init__(self, fonts: FontLibrary, bounds: Rect) -> None:
        face_id = LABEL_FACE if LABEL_FACE in fonts.face_infos else fonts.first_face()
        self.fonts = fonts
        self.face_id = face_id
        self.face = fonts.face(face_id)
        self.bounds = bounds
        self.drawn: list[Rect] = []

    def width(self, text: str, size: float) -> float:
        return sum(self.face.advance(ch) if self.face.has(ch) else 1.0 for ch in text) * size

    def shown(self, text: str) -> str:
        """``text`` as the label face sets it: a character it lacks as "?"."""
        return "".join(ch if self.face.has(ch) or ch == " " else "?" for ch in text)

    def label(
        self,
        text: str,
        x: float,
        y: float,
        color: Color,
        *,
        size: float = LABEL_SIZE,
        anchor: str = "top-left",
    ) -> list[Op]:
        """A label whose box has its ``anchor`` corner at (x, y): text on a paper-white
        ground with a hairline in ``color``, moved clear as :meth:`block` moves it."""
        return self.block((text,), x, y, color, size=size, anchor=anchor)

    def block(
        self,
        lines: Sequence[str],
        x: float,
        y: float,
        color: Color,
        *,
        size: float = LABEL_SIZE,
        anchor: str = "top-left",
    ) -> list[Op]:
        """A label of ``lines`` one under another on one ground, its ``anchor`` corner at
        (x, y) — or, when that would cover a label drawn before it, moved away from that
        corner's edge (down from a top corner, up from a bottom one) to the first place clear
        of them all: two labels are never piled one on the other."""
        shown = [self.shown(line) for line in lines]
        pad = size * 0.25
        pitch = size * 1.3
        w = max(self.width(line, size) for line in shown) + 2 * pad
        h = pitch * len(shown)
        if anchor.endswith("right"):
            x -= w
        if anchor.startswith("bottom"):
            y -= h
        ground = self._clear(Rect(x, y, w, h), up=anchor.startswith("bottom"))
        self.drawn.append(ground)
        ops: list[Op] = [RectOp(ground, fill=PAPER, stroke=color, width=0.3)]
        for k, line in enumerate(shown):
            baseline = ground.y + k * pitch + 0.15 * size + (1 - EM_BOX_DESCENT) * size
            ops.append(TextRun(line, self.face_id, size, ground.x + pad, baseline, color=color))
        return ops

    def _clear(self, rect: Rect, *, up: bool) -> Rect:
        """``rect`` moved up (or down) past each label it would cover, to the first place
        clear of them all; the other way when that leaves the page; where it was when
        neither way has room (a page full of labels)."""
        for upward in (up, not up):
            moved = rect
            while (hit := next((r for r in self.drawn if r.intersects(moved)), None)) is not None:
                y = hit.y - LABEL_GAP - moved.height if upward else hit.bottom + LABEL_GAP
                moved = moved._replace(y=y)
            if self.bounds.y <= moved.y and moved.bottom <= self.bounds.bottom:
                return moved
        return rect


def overlay(
    spec: PageSpec,
    page: Page,
    fonts: FontLibrary,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> list[Op]:
    """The proof's overlay ops for ``page`` (page coordinates, drawn after the page), with
    ``notes`` by box id (see the module docstring)."""
    lab = _Labeller(fonts, page.trim)
    ops: list[Op] = []
    ops += _grid_ops(spec, page)
    for box in page.boxes:
        ops.append(RectOp(box.rect, stroke=BOX, width=0.4))
        for column in box.columns if len(box.columns) > 1 else ():
            ops.append(RectOp(column, stroke=GRID, width=0.2))
        name = box.id if not box.article else f"{box.id} · {box.article}"
        ops += lab.label(name, box.rect.x, box.rect.y, BOX, size=5.0)
    # 欠版 is marked where the report lists it, not at every empty slot: a box with one line
    # free at its foot is full (``underset_boxes``), and the proof agrees with the report.
    underset = underset_boxes(page.problems)
    for box in page.boxes:
        if box.id in underset:
            ops += _empty_slots(box, lab)
    # The labels of lines and glyphs placed first, the fit's notes next, then those of whole
    # rects (a box over, a photo) and of no place, which move clear of all of them; the ops
    # are in the problems' order all the same.
    marks = {
        k: _marker(p, p.where, lab)
        for k, p in enumerate(page.problems)
        if p.where is not None and _at_line(p)
    }
    glyphs: list[Op] = []
    for op in page.ops:
        if isinstance(op, MissingGlyphOp):
            r = op.rect
            glyphs.append(RectOp(r, stroke=MARK, width=0.75))
            code = " ".join(f"U+{ord(ch):04X}" for ch in op.char)
            glyphs += lab.label(code, r.x, r.y, MARK, size=MARK_SIZE, anchor="bottom-left")
    fit = [op for box in page.boxes for op in _notes(box, (notes or {}).get(box.id, ()), lab)]
    for k, p in enumerate(page.problems):
        if p.where is not None and not _at_line(p):
            marks[k] = _marker(p, p.where, lab)
    ops += [op for k in sorted(marks) for op in marks[k]]
    ops += glyphs + fit
    placeless = [p for p in page.problems if p.where is None]
    for box in page.boxes:
        ops += _placeless(box, placeless, lab)
    return ops


def _at_line(problem: Problem) -> bool:
    """A problem marked on its line (or its glyph), labelled there and nowhere else."""
    return isinstance(problem.details, AtLine | RemovedCharacter | MissingGlyph)


def _placeless(box: BoxLayout, problems: Sequence[Problem], lab: _Labeller) -> list[Op]:
    """The marks of ``box``'s problems that have no place on the page: those of its overset
    text counted in one note (each is listed in the report), each other one (of the whole
    box) marked on the box, their labels clear of the others."""
    ops: list[Op] = []
    overset: list[Problem] = []
    for problem in problems:
        if problem.box != box.id:
            continue
        if problem.in_overset:
            overset.append(problem)
        else:
            ops += _marker(problem, box.rect, lab, of_box=True)
    if overset:
        ops += _overset_note(box, overset, lab)
    return ops


def _overset_note(box: BoxLayout, problems: Sequence[Problem], lab: _Labeller) -> list[Op]:
    """One note for the problems in ``box``'s overset text (not printed, so nowhere to mark
    them): how many, of which kinds, at the box's foot above its 超版 mark, in lines as
    wide as the box."""
    kinds: dict[ProblemKind, int] = {}
    for problem in problems:
        kinds[problem.kind] = kinds.get(problem.kind, 0) + 1
    parts = [count(n, NOUNS.get(kind, kind.value)) for kind, n in kinds.items()]
    head = (
        f"{TAGS[ProblemKind.OVERSET]} {count(len(problems), 'problem')} in the overset text "
        "(not printed):"
    )
    # Broken at its spaces, a count and its noun ("2 loose lines,") never apart.
    words = [*head.split(), *(p + ("," if k + 1 < len(parts) else "") for k, p in enumerate(parts))]
    room = box.rect.width - 4 - LABEL_SIZE * 0.5  # 2 pt in from each side, less the padding
    lines = [words[0]]
    for word in words[1:]:
        joined = f"{lines[-1]} {word}"
        if lab.width(lab.shown(joined), LABEL_SIZE) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    x, y = box.rect.x + 2, box.rect.bottom - 2
    return lab.block(lines, x, y, MARK, anchor="bottom-left")


def _notes(box: BoxLayout, lines: Sequence[str], lab: _Labeller) -> list[Op]:
    """The fit's notes of a box, each a label under the one before, from the box's top right
    (its id and article are labelled at the top left)."""
    ops: list[Op] = []
    y = box.rect.y + 1.0
    for line in lines:
        ops += lab.label(f"fit: {line}", box.rect.right - 1.0, y, NOTE, anchor="top-right")
        y += LABEL_SIZE * 1.3 + 1.0
    return ops


def _grid_ops(spec: PageSpec, page: Page) -> list[Op]:
    grid = spec.grid
    area = page.type_area or spec.page.type_area
    ops: list[Op] = [RectOp(area, stroke=GRID, width=0.5)]
    for column in range(1, grid.columns + 1):
        r = grid.rect(column, 1, 1, grid.lines)
        ops.append(RectOp(Rect(r.x, area.y, r.width, area.height), stroke=GRID_FAINT, width=0.25))
    horizontal = spec.page.writing_mode is WritingMode.HORIZONTAL_TB
    for at in page.grid_lines:  # baselines (横排), the centres of vertical lines (竖排)
        if horizontal:
            ops.append(RuleOp(area.x, at, area.right, at, 0.1, GRID_FAINT))
        else:
            ops.append(RuleOp(at, area.y, at, area.bottom, 0.1, GRID_FAINT))
    return ops


def _empty_slots(box: BoxLayout, lab: _Labeller) -> list[Op]:
    """The empty slots of a box tinted, the first labelled with the room they leave."""
    rects = box.empty_slots
    if not rects:
        return []
    ops: list[Op] = [RectOp(r, fill=MARK_FILL) for r in rects]
    first = rects[0]
    text = (
        f"{TAGS[ProblemKind.UNDERSET]} room for {count(box.empty_lines, 'line')} "
        f"(~{box.empty_chars} chars)"
    )
    ops += lab.label(text, first.x, first.y, MARK, size=MARK_SIZE)
    return ops


def _marker(problem: Problem, where: Rect, lab: _Labeller, *, of_box: bool = False) -> list[Op]:
    """The mark of ``problem`` at ``where``: its own place on the page, or (``of_box``) the
    box of a problem that has none. A line's label is at its line; the label of a rect's
    mark is moved clear of the labels drawn."""
    kind, details = problem.kind, problem.details
    if isinstance(details, Underset):
        return []  # the empty slots are marked from the box
    tag = TAGS.get(kind, kind.value)
    if isinstance(details, Overset):
        if details.points_over is not None and not details.chars:
            # A block (a head, a figures box's rows) longer than its area, all of it
            # printed: by how much, not "cut 0 chars".
            what = f"{tag} {details.points_over / MM:.1f} mm over its area"
        else:
            what = f"{tag} cut {details.chars} chars / {details.lines} lines"
        return [
            RectOp(where, stroke=MARK, width=2.0),
            *lab.label(
                what,
                where.x + 2,
                where.bottom - 2,
                MARK,
                size=MARK_SIZE + 2,
                anchor="bottom-left",
            ),
        ]
    if isinstance(details, MissingGlyph):
        return [RectOp(where, stroke=MARK, width=0.5)]  # the glyph itself is labelled
    if isinstance(details, RemovedCharacter | AtLine):
        # A removed character: the line it was removed from, labelled with the code point
        # (it is invisible); a rule broken: its line.
        if isinstance(details, RemovedCharacter):
            text, width = f"{tag} {details.code_point}", 0.5
        else:
            text, width = f"{tag} {kind.value} (line {details.line})", 0.75
        # Over its line's top right; a box's, inside it (over the box above is another's).
        at = (where.right - 2, where.y + 2) if of_box else (where.right, where.y)
        anchor = "top-right" if of_box else "bottom-right"
        return [
            RectOp(where, stroke=MARK, width=width),
            *lab.label(text, *at, MARK, size=5.0, anchor=anchor),
        ]
    if isinstance(details, LowResolution):
        text = f"{tag} {details.ppi} ppi < {details.limit:.0f}"
    else:
        text = f"{tag} {problem.message}"
    return [
        RectOp(where, stroke=MARK, width=1.5),
        *lab.label(text, where.x + 2, where.y + 2, MARK, size=MARK_SIZE),
    ]


def proof_page(
    spec: PageSpec,
    page: Page,
    fonts: FontLibrary,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> Page:
    """A copy of ``page`` with the proof overlay drawn on top (and the fit's ``notes``)."""
    return page._replace(
        ops=page.ops + tuple(overlay(spec, page, fonts, notes)),
        title=f"{page.title} 校样 proof",
    )
