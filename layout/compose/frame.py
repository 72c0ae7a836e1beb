"""Frames: where logical coordinates meet the page.

The text engine places glyphs along the line (``inline``) and lines one after another
(``block``). A :class:`Frame` is a rectangle of the page with a writing mode; it is the one
place that turns (inline, block) into page (x, y):

- 横排 ``horizontal-tb``: inline runs left to right, block top to bottom;
- 竖排 ``vertical-rl``: inline runs top to bottom, block right to left (clreq §2.4).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..fonts import Face, FontLibrary
from ..geometry import Rect, WritingMode
from ..page import BLACK, EM_BOX_DESCENT, Color, MissingGlyphOp, Op, TextRun
from ..records import NamedTuple
from ..text.finalize import Line
from ..text.orient import Orientation

# The writing modes read once (a member read through its Enum class costs about as much as a
# call, and a frame asks its mode for every line and slot it places).
_HORIZONTAL = WritingMode.HORIZONTAL_TB
# Records made as the tuples they are (no keyword layer: their ``__new__`` is a Python call),
# where a frame makes one a line.
_new = tuple.__new__


class Frame(NamedTuple):
    rect: Rect
    mode: WritingMode = WritingMode.HORIZONTAL_TB

    @property
    def measure(self) -> float:
        """The inline size of the frame: its width in 横排, its height in 竖排."""
        return self.rect.width if self.mode is _HORIZONTAL else self.rect.height

    @property
    def extent(self) -> float:
        """The block size: how far lines can go."""
        return self.rect.height if self.mode is _HORIZONTAL else self.rect.width

    def split(self, count: int, gutter: float) -> tuple[Frame, ...]:
        """``count`` equal columns (破栏) of this frame, ``gutter`` apart: side by side in
        横排, bands stacked top to bottom in 竖排 (``Rect.split``)."""
        return tuple(Frame(r, self.mode) for r in self.rect.split(count, gutter, self.mode))

    def inset_inline(self, by: float) -> Rect:
        """The frame's rect with ``by`` points taken off both ends of its lines."""
        r = self.rect
        if self.mode is _HORIZONTAL:
            return _new(Rect, (r.x + by, r.y, r.width - 2 * by, r.height))
        return _new(Rect, (r.x, r.y + by, r.width, r.height - 2 * by))

    def logical(self, rect: Rect) -> tuple[float, float, float, float]:
        """A page rect in this frame's logical coordinates: ``(inline start, inline end,
        block start, block end)``, in points from the line start and the first line (it may
        reach outside the frame)."""
        r = self.rect
        if self.mode is _HORIZONTAL:
            return (rect.x - r.x, rect.right - r.x, rect.y - r.y, rect.bottom - r.y)
        return (rect.y - r.y, rect.bottom - r.y, r.right - rect.right, r.right - rect.x)

    def narrowed(self, start: float, length: float) -> Frame:
        """This frame with its lines starting ``start`` points along and ``length`` points
        long (its block extent kept): a line set beside a box it runs around."""
        r = self.rect
        if self.mode is _HORIZONTAL:
            return _new(Frame, (_new(Rect, (r.x + start, r.y, length, r.height)), self.mode))
        return _new(Frame, (_new(Rect, (r.x, r.y + start, r.width, length)), self.mode))

    def line_rect(self, block: float, slot: float) -> Rect:
        """The page rect of a line slot starting ``block`` points into the frame."""
        r = self.rect
        if self.mode is _HORIZONTAL:
            return _new(Rect, (r.x, r.y + block, r.width, slot))
        return _new(Rect, (r.right - block - slot, r.y, slot, r.height))

    def place(
        self,
        line: Line,
        block: float,
        slot: float,
        size: float,
        color: Color = BLACK,
        *,
        baseline_size: float | None = None,
        fonts: FontLibrary | None = None,
        text: str | None = None,
    ) -> Iterable[Op]:
        """Ops for ``line`` in a slot of ``slot`` points ``block`` points into the frame.
        横排: the line's baseline sits where text of ``baseline_size`` (default ``size``)
        centred in the slot would have it (the grid's body baseline). 竖排: the line runs
        down the slot's centre line; each glyph stands as the text engine oriented it, the
        upright ones in their faces' vertical forms, so ``fonts`` are needed; with ``text``
        (the paragraph text the line indexes) a space of it between two glyphs is written
        too, an invisible turned run, so the words extract apart (:func:`_space_run`)."""
        if self.mode is _HORIZONTAL:
            baseline = self.baseline(block, slot, baseline_size or size)
            return _horizontal_runs(line, self.rect.x, baseline, size, color)
        if fonts is None:
            raise ValueError("a vertical line is placed with its fonts (vertical forms)")
        centre = self.rect.right - block - slot / 2
        return _vertical_runs(line, self.rect.y, centre, size, color, fonts, text)

    def baseline(self, block: float, slot: float, size: float) -> float:
        """The em box of ``size`` centred in the slot; its baseline EM_BOX_DESCENT above its
        foot."""
        return self.rect.y + block + (slot + size) / 2 - EM_BOX_DESCENT * size


def _horizontal_runs(line: Line, x0: float, baseline: float, size: float, color: Color) -> list[Op]:
    """Runs of a horizontal line (:meth:`~layout.text.finalize.Line.runs`: neighbouring
    single glyphs of one face that are evenly spaced are one run with character spacing, so
    the PDF stays small and text extracts as words)."""
    ops: list[Op] = []
    new = tuple.__new__  # (a TextRun made as the tuple it is: no keyword layer, per run)
    for run in line.runs(size):
        face = run.face
        if face is None:
            top = baseline - (1 - EM_BOX_DESCENT) * size
            ops.append(MissingGlyphOp(run.text, Rect(x0 + run.inline, top, run.advance, size)))
            continue
        fields = (run.text, face, size, x0 + run.inline, baseline, run.scale, color)
        ops.append(new(TextRun, (*fields, 0, run.char_space, None)))
    return ops


# A turned run's baseline lies this far left of the line's centre line (its em box, from
# 0.12 em below the baseline to 0.88 em above, turned clockwise, is centred on the line).
ROTATED_BASELINE = 0.5 - EM_BOX_DESCENT


def _vertical_runs(
    line: Line,
    top: float,
    centre: float,
    size: float,
    color: Color,
    fonts: FontLibrary,
    text: str | None = None,
) -> list[Op]:
    """Runs of a vertical line running down from ``top`` on the centre line ``centre``
    (clreq §2.4): upright glyphs centred on it in their vertical forms, rotated runs turned
    90° clockwise, 纵中横 numbers side by side in their em (squeezed if wider); the spaces
    of ``text`` between glyphs as :func:`_space_run` writes them."""
    # (here: a horizontal page never loads them)
    from ..text.vertical import SHIFTED_MARKS, SHIFTED_UP, drawn_turned

    ops: list[Op] = []
    new = tuple.__new__  # (a TextRun made as the tuple it is: no keyword layer, per glyph)
    rise = (1 - EM_BOX_DESCENT) * size  # an upright glyph's baseline below its em box's top
    # (the enum's members read once a line: each read through the enum's class is slow, and
    # a vertical line is drawn a glyph a run)
    rotated, tcy = Orientation.ROTATED, Orientation.TCY
    forms: dict[str, _UprightForms] = fonts.memo.setdefault(_UPRIGHT, {})  # type: ignore[assignment]
    spaces = {} if text is None else _word_spaces(line, text, top, centre, size, color, fonts)
    for k, g in enumerate(line.glyphs):
        at = top + g.inline
        face_id = g.face
        if k in spaces:
            ops.append(spaces[k])
        if face_id is None:
            ops.append(MissingGlyphOp(g.text, Rect(centre - size / 2, at, size, size)))
            continue
        orientation = g.orientation
        if orientation is rotated:
            ops.append(_turned(g.text, face_id, centre, at, size, g.scale, color))
            continue
        if orientation is tcy:
            face = fonts.face(face_id)
            width = sum(face.advance(c) for c in g.text) * size
            scale = min(1.0, size / width) if width else 1.0
            ops.append(
                _upright(g.text, face_id, centre - width * scale / 2, at, size, scale, color)
            )
            continue
        face_forms = forms.get(face_id)
        if face_forms is None:
            face_forms = forms[face_id] = _UprightForms(fonts.face(face_id))
        for ch in g.text:
            vert, advance, vertical = face_forms[ch]
            if drawn_turned(ch, vert):  # no vertical form (or a dash): the mark is turned
                ops.append(_turned(ch, face_id, centre, at, size, g.scale, color))
                at += advance * size * g.scale
                continue
            width = advance * size
            x, y = centre - width / 2, at + rise
            if vert is None and ch in SHIFTED_MARKS:
                # No vertical form: the horizontal one moved from the lower left of the em
                # to the upper right, where the vertical form stands (GB/T 15834 §5.2).
                x += face_forms.shifted_right(ch) * size
                y -= SHIFTED_UP * size
            fields = (ch, face_id, size, x, y, 1.0, color, 0, 0.0, vert)
            ops.append(new(TextRun, fields))
            at += vertical * size * g.scale
    return ops


def _word_spaces(
    line: Line,
    text: str,
    top: float,
    centre: float,
    size: float,
    color: Color,
    fonts: FontLibrary,
) -> dict[int, TextRun]:
    """The spaces of ``text`` between the glyphs of a vertical ``line``, by the index of the
    glyph each comes before: a turned run over the gap between the two glyphs
    (:func:`_space_run`)."""
    found: dict[int, TextRun] = {}
    after: tuple[int, float, str | None] | None = None  # source end, end, face of the last
    for k, g in enumerate(line.glyphs):
        if g.inserted:
            continue
        at = top + g.inline
        if after is not None and g.source > after[0] and at > after[1]:
            space = _space_run(text[after[0] : g.source], (after[2], g.face), fonts, size)
            if space is not None:
                ch, face, scale = space
                found[k] = _turned(ch, face, centre, after[1], size, scale * (at - after[1]), color)
        after = (g.source + len(g.text), at + g.advance, g.face)
    return found


def _space_run(
    between: str, faces: tuple[str | None, str | None], fonts: FontLibrary, size: float
) -> tuple[str, str, float] | None:
    """The word space of a vertical line, written (character, face, scale for each point of
    the gap) where the text ``between`` two glyphs (of ``faces``, before and after) holds a
    space the line draws as glue: pdftotext and pdfplumber find no word boundary between two
    turned runs from the gap alone (``quoted text`` extracted as ``quotedtext``), as they do
    in 横排, so the space is written as a turned run of its own, the face's space glyph
    stretched (PDF ``Tz``) over the gap, invisible. None: no space there (the Han–Western
    gap, a line's inner spacing), or neither face has one."""
    found = next((ch for ch in between if ch.isspace() and ch != "\u3000"), None)
    if found is None:
        return None
    for face_id in faces:
        if face_id is None:
            continue
        face = fonts.face(face_id)
        ch = found if face.has(found) else " "
        advance = face.advance(ch) * size if face.has(ch) else 0.0
        if advance > 0.0:
            return ch, face_id, 1.0 / advance
    return None


# The key of the upright glyphs' forms in the font library's memo (:class:`_UprightForms` by
# face id): kept as long as the fonts are, as the faces keep each answer.
_UPRIGHT = "frame: upright forms"


class _UprightForms(dict):
    """A face's answers for characters standing upright in a vertical line, by character:
    ``(vertical form, advance, vertical advance)`` (``Face.vertical_form``, ``Face.advance``,
    ``Face.vertical_advance``), asked of the face once a character — a vertical page draws
    each glyph with the three, and one look-up here costs less than one of those calls. A
    comma or stop the face has no vertical form of is moved as :meth:`shifted_right` says."""

    __slots__ = ("face", "_shifts")

    def __init__(self, face: Face) -> None:
        super().__init__()
        self.face = face
        self._shifts: dict[str, float] = {}

    def __missing__(self, ch: str) -> tuple[int | None, float, float]:
        face = self.face
        found = self[ch] = (face.vertical_form(ch), face.advance(ch), face.vertical_advance(ch))
        return found

    def shifted_right(self, ch: str) -> float:
        """How far right, in em, the horizontal form of ``ch`` (a comma or stop the face has
        no vertical form of) is drawn: :func:`~layout.text.vertical.shifted_right` of its
        advance and ink, asked of the face once."""
        from ..text.vertical import shifted_right

        found = self._shifts.get(ch)
        if found is None:
            face = self.face
            found = self._shifts[ch] = shifted_right(face.advance(ch), face.ink(ch))
        return found


def _turned(
    text: str, face: str, centre: float, top: float, size: float, scale: float, color: Color
) -> TextRun:
    """A run turned 90° clockwise: its baseline runs down the page at ``x``, from ``top``."""
    return TextRun(text, face, size, centre - ROTATED_BASELINE * size, top, scale, color, turn=90)


def _upright(
    text: str,
    face: str,
    left: float,
    top: float,
    size: float,
    scale: float,
    color: Color,
    glyph: int | None = None,
) -> TextRun:
    """A run standing upright in a vertical line, its em box's top at ``top``: the origin is
    its baseline, ``1 − EM_BOX_DESCENT`` em below the top."""
    baseline = top + (1 - EM_BOX_DESCENT) * size
    return TextRun(text, face, size, left, baseline, scale, color, glyph=glyph)
