"""Body flow: paragraphs poured into a box's columns, column after column, on the baseline
grid, so that lines of neighbouring columns share baselines.

What does not fit is counted (lines and characters over: 超版) and what is left empty at the
foot is counted too, for the editor's copy-fitting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..geometry import Rect, WritingMode
from ..page import Op, PlacedLine
from ..report import Problem
from ..spec import Style
from ..text.options import Align
from .frame import Frame
from .setter import Setter, Where


@dataclass(frozen=True)
class FlowPiece:
    """One paragraph to pour: body text, an intertitle (小标题), a byline, a jump line."""

    text: str
    style: Style
    where: Where
    align: Align | None = None
    indent: float | None = None
    space_before: int = 0  # empty grid lines before it, unless it starts a column


@dataclass(frozen=True)
class Flow:
    ops: tuple[Op, ...]
    lines: tuple[PlacedLine, ...]
    problems: tuple[Problem, ...]
    capacity_lines: int
    used_lines: int
    overset_lines: int
    overset_chars: int
    empty_lines: int
    chars_per_line: float
    placed_chars: int
    last_position: tuple[int, int] = field(default=(0, 0))  # (column, next free slot)


def flow(
    pieces: Sequence[FlowPiece],
    columns: Sequence[Rect],
    pitch: float,
    setter: Setter,
    mode: WritingMode = WritingMode.HORIZONTAL_TB,
) -> Flow:
    frames = [Frame(r, mode) for r in columns]
    slots = int(frames[0].extent / pitch + 1e-6) if frames else 0
    ops: list[Op] = []
    placed: list[PlacedLine] = []
    problems: list[Problem] = []
    column = slot = 0
    used = over_lines = over_chars = placed_chars = 0
    for piece in pieces:
        frame = frames[0]
        par = setter.set(
            piece.text, piece.style, frame.measure, align=piece.align, indent=piece.indent
        )
        problems.extend(setter.problems(par, piece.style, piece.where))
        step = max(1, round(piece.style.leading / pitch))
        if slot and piece.space_before:
            slot += piece.space_before
        for line in par.lines:
            if slot + step > slots:
                column, slot = column + 1, 0
            chars = sum(len(g.text) for g in line.glyphs)
            if column >= len(frames):
                over_lines += 1
                over_chars += chars
                continue
            frame = frames[column]
            ops.extend(frame.place(line, slot * pitch, step * pitch, piece.style.size))
            placed.append(
                PlacedLine(
                    line.text,
                    column,
                    slot,
                    frame.baseline(slot * pitch, step * pitch, piece.style.size),
                    frame.line_rect(slot * pitch, step * pitch),
                    line.last,
                    line.spacing,
                )
            )
            placed_chars += chars
            slot += step
            used += step
    capacity = slots * len(frames)
    measure = frames[0].measure if frames else 0.0
    body_size = pieces[0].style.size if pieces else 1.0
    empty = max(capacity - _filled(column, slot, slots, len(frames)), 0)
    return Flow(
        tuple(ops),
        tuple(placed),
        tuple(problems),
        capacity,
        used,
        over_lines,
        over_chars,
        empty if not over_lines else 0,
        measure / body_size,
        placed_chars,
        (column, slot),
    )


def _filled(column: int, slot: int, slots: int, n_columns: int) -> int:
    """Slots up to the last one used (counting skipped slots at column feet as used)."""
    if column >= n_columns:
        return slots * n_columns
    return column * slots + slot
