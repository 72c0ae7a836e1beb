"""A box's frame (``frame: true``, 加框): the rule drawn round the box, and the white its
content keeps inside it, so that no glyph, caption or picture edge touches the rule.

The white is :data:`FRAME_INSET` em of the box's body style on every side (as an ear keeps
inside its frame, ``compose/furniture.py`` ``ear``). Across the lines it is taken in whole
line pitches — as many as that white needs beyond the half leading a grid line keeps round
its em — so that the lines inside stay on the page's baseline grid; along the lines a framed
story's columns are narrowed to whole characters (:func:`whole_characters`).
"""

from __future__ import annotations

import math

from ..geometry import Rect, WritingMode
from ..records import NamedTuple
from .frame import Frame

# The frame's rule, in pt, and the white kept inside it, in ems of the box's body style.
FRAME_RULE = 0.75
FRAME_INSET = 0.5


class FrameWhite(NamedTuple):
    """The white a frame keeps inside its box: ``side`` points at the ends of the lines,
    ``lines`` points (whole line pitches) before the first line and after the last. A box
    with no frame keeps none."""

    side: float = 0.0
    lines: float = 0.0

    def inside(self, rect: Rect, mode: WritingMode) -> Rect:
        """``rect`` less the white: ``side`` along its lines in ``mode``, ``lines`` across."""
        vertical = mode is WritingMode.VERTICAL_RL
        x, y = (self.lines, self.side) if vertical else (self.side, self.lines)
        return Rect(rect.x + x, rect.y + y, rect.width - 2 * x, rect.height - 2 * y)


NO_FRAME = FrameWhite()  # the white of a box with no frame: none


def frame_white(framed: bool, pitch: float, body_size: float) -> FrameWhite:
    """The white inside a box (``framed`` or not) whose body is set in ``body_size`` on a
    grid of ``pitch``: :data:`FRAME_INSET` em at least on every side."""
    if not framed:
        return NO_FRAME
    side = FRAME_INSET * body_size
    leading_white = max((pitch - body_size) / 2, 0.0)
    lines = math.ceil(max(side - leading_white, 0.0) / pitch - 1e-6) * pitch
    return FrameWhite(side, lines)


def whole_characters(body: Rect, count: int, gutter: float, size: float, mode: WritingMode) -> Rect:
    """``body`` narrowed along its lines, equally at both ends, so that each of its ``count``
    columns (``gutter`` apart) holds a whole number of characters of ``size``: the line
    length a whole multiple of the character size (clreq §2.3, 版心), so that a full line
    needs no spacing out."""
    frame = Frame(body, mode)
    measure = (frame.measure - (count - 1) * gutter) / count
    whole = math.floor(measure / size + 1e-6) * size
    return frame.inset_inline((measure - whole) * count / 2)
