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
}


class _Labeller:
    """Small labels set in one face of the manifest (never Helvetica)."""

    def __init__(self, fonts: FontLibrary) -> None:
        face_id = LABEL_FACE if LABEL_FACE in fonts.face_infos else fonts.first_face()
        self.fonts = fonts
        self.face_id = face_id
        self.face = fonts.face(face_id)

    def width(self, text: str, size: float) -> float:
        return sum(self.face.advance(ch) if self.face.has(ch) else 1.0 for ch in text) * size

    def label(
        self,
        text: str,
        x: float,
        y: float,
        color: Color,
        *,
        size: float = LABEL_SIZE,
        anchor: str = "top-left",
        ground: Color | None = PAPER,
    ) -> list[Op]:
        """A label whose box has its ``anchor`` corner at (x, y): text on a paper-white
        ground with a hairline in ``color``."""
        text = "".join(ch if self.face.has(ch) or ch == " " else "?" for ch in text)
        pad = size * 0.25
        w = self.width(text, size) + 2 * pad
        h = size * 1.3
        if anchor.endswith("right"):
            x -= w
        if anchor.startswith("bottom"):
            y -= h
        ops: list[Op] = []
        if ground is not None:
            ops.append(RectOp(Rect(x, y, w, h), fill=ground, stroke=color, width=0.3))
        ops.append(
            TextRun(
                text,
                self.face_id,
                size,
                x + pad,
                y + 0.15 * size + (1 - EM_BOX_DESCENT) * size,
                color=color,
            )
        )
        return ops


def overlay(
    spec: PageSpec,
    page: Page,
    fonts: FontLibrary,
    notes: Mapping[str, Sequence[str]] | None = None,
) -> list[Op]:
    """The proof's overlay ops for ``page`` (page coordinates, drawn after the page), with
    ``notes`` by box id (see the module docstring)."""
    lab = _Labeller(fonts)
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
    for problem in page.problems:
        ops += _marker(problem, page, lab)
    for op in page.ops:
        if isinstance(op, MissingGlyphOp):
            r = op.rect
            ops.append(RectOp(r, stroke=MARK, width=0.75))
            code = " ".join(f"U+{ord(ch):04X}" for ch in op.char)
            ops += lab.label(code, r.x, r.y, MARK, size=MARK_SIZE, anchor="bottom-left")
    for box in page.boxes:
        ops += _notes(box, (notes or {}).get(box.id, ()), lab)
    return ops


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


def _marker(problem: Problem, page: Page, lab: _Labeller) -> list[Op]:
    kind, details = problem.kind, problem.details
    if isinstance(details, Underset):
        return []  # the empty slots are marked from the box
    where = problem.where
    if where is None and problem.box:
        box = next((b for b in page.boxes if b.id == problem.box), None)
        where = box.rect if box else None
    if where is None:
        return []
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
        return [
            RectOp(where, stroke=MARK, width=width),
            *lab.label(text, where.right, where.y, MARK, size=5.0, anchor="bottom-right"),
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
