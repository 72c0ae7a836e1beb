"""Frames: where logical coordinates meet the page.

The text engine places glyphs along the line (``inline``) and lines one after another
(``block``). A :class:`Frame` is a rectangle of the page with a writing mode; it is the one
place that turns (inline, block) into page (x, y):

- 横排 ``horizontal-tb``: inline runs left to right, block top to bottom;
- 竖排 ``vertical-rl``: inline runs top to bottom, block right to left (clreq §2.4).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..geometry import Rect, WritingMode
from ..page import BLACK, Color, MissingGlyphOp, Op, TextRun
from ..text.finalize import Line

# Where the baseline sits in the ideographic em box of CJK fonts: the box runs from
# 0.12 em below the baseline to 0.88 em above (Noto CJK, Source Han: ideographic bottom −120).
EM_BOX_DESCENT = 0.12


@dataclass(frozen=True)
class Frame:
    rect: Rect
    mode: WritingMode = WritingMode.HORIZONTAL_TB

    @property
    def measure(self) -> float:
        """The inline size of the frame: its width in 横排, its height in 竖排."""
        return self.rect.width if self.mode is WritingMode.HORIZONTAL_TB else self.rect.height

    @property
    def extent(self) -> float:
        """The block size: how far lines can go."""
        return self.rect.height if self.mode is WritingMode.HORIZONTAL_TB else self.rect.width

    def line_rect(self, block: float, slot: float) -> Rect:
        """The page rect of a line slot starting ``block`` points into the frame."""
        r = self.rect
        if self.mode is WritingMode.HORIZONTAL_TB:
            return Rect(r.x, r.y + block, r.width, slot)
        return Rect(r.right - block - slot, r.y, slot, r.height)

    def place(
        self,
        line: Line,
        block: float,
        slot: float,
        size: float,
        color: Color = BLACK,
        *,
        baseline_size: float | None = None,
    ) -> Iterator[Op]:
        """Ops for a horizontal ``line`` centred in a slot of ``slot`` points at ``block``
        into the frame; ``baseline_size`` puts the baseline where text of that size would
        have it (the grid's body baseline). (Vertical lines need the faces' vertical forms
        and are placed by ``layout.vertical.place_vertical`` through the same frame
        geometry.)"""
        if self.mode is not WritingMode.HORIZONTAL_TB:
            raise ValueError("vertical lines are placed by layout.vertical.place_vertical")
        baseline = self.baseline(block, slot, baseline_size or size)
        yield from _horizontal_runs(line, self.rect.x, baseline, size, color)

    def baseline(self, block: float, slot: float, size: float) -> float:
        """The em box of ``size`` centred in the slot; its baseline EM_BOX_DESCENT above its
        foot."""
        return self.rect.y + block + (slot + size) / 2 - EM_BOX_DESCENT * size


def _horizontal_runs(
    line: Line, x0: float, baseline: float, size: float, color: Color
) -> Iterator[Op]:
    """Runs of a horizontal line; neighbouring single glyphs of one face that are evenly
    spaced are merged into one run with character spacing, so the PDF stays small and text
    extracts as words."""
    run_text = ""
    run_face: str | None = None
    run_x = 0.0
    run_space: float | None = None
    run_single = False
    next_x = 0.0
    for g in line.glyphs:
        if g.face is None:
            if run_text:
                yield _run(run_text, run_face, size, x0 + run_x, baseline, run_space, color)
                run_text = ""
            top = baseline - (1 - EM_BOX_DESCENT) * size
            yield MissingGlyphOp(g.text, Rect(x0 + g.inline, top, g.advance, size))
            continue
        # Only single characters merge: Tc spaces every glyph of a run, and a Western word's
        # letters must keep their own advances.
        mergeable = g.scale == 1.0 and run_face == g.face and run_single and len(g.text) == 1
        if mergeable:
            gap = g.inline - next_x
            if run_space is None and abs(gap) < size:
                run_space = gap
            if run_space is not None and abs(gap - run_space) < 1e-6:
                run_text += g.text
                next_x = g.inline + g.advance
                continue
        if run_text:
            yield _run(run_text, run_face, size, x0 + run_x, baseline, run_space, color)
        if g.scale != 1.0:
            yield TextRun(g.text, g.face, size, x0 + g.inline, baseline, g.scale, color)
            run_text = ""
            continue
        run_text, run_face, run_x, run_space = g.text, g.face, g.inline, None
        run_single = len(g.text) == 1
        next_x = g.inline + g.advance
    if run_text:
        yield _run(run_text, run_face, size, x0 + run_x, baseline, run_space, color)


def _run(
    text: str, face: str | None, size: float, x: float, y: float, space: float | None, color: Color
) -> TextRun:
    return TextRun(text, face, size, x, y, 1.0, color, char_space=space or 0.0)
