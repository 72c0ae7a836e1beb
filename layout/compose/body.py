"""Body flow: paragraphs poured into a box's columns, column after column, on the baseline
grid, so that lines of neighbouring columns share baselines.

What does not fit is counted (lines and characters over: 超版) and what is left empty at the
foot is counted too, for the editor's copy-fitting.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..geometry import Rect, WritingMode
from ..page import Op, PlacedLine
from ..report import AtLine, MissingGlyph, Problem, RemovedCharacter
from ..spec import Style
from ..text.finalize import Line
from ..text.options import Align
from ..vertical import VerticalParagraph, place_vertical, set_vertical
from .frame import Frame
from .setter import Setter, Where, colour_of


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
    # 竖排: columns are bands stacked top to bottom, lines stacked right to left in each.
    vertical = mode is WritingMode.VERTICAL_RL
    slots = int(frames[0].extent / pitch + 1e-6) if frames else 0
    ops: list[Op] = []
    placed: list[PlacedLine] = []
    problems: list[Problem] = []
    column = slot = 0
    used = over_lines = over_chars = placed_chars = 0
    # The text most pieces are set in: its baselines are the grid's, and a one-line piece
    # in another size (a byline, an intertitle) sits on the same baseline, so that lines of
    # neighbouring columns line up.
    sizes = [p.style.size for p in pieces]
    body_size = max(set(sizes), key=sizes.count) if sizes else 1.0
    for piece in pieces:
        frame = frames[0]
        vpar: VerticalParagraph | None = None
        if vertical:
            vpar = set_vertical(
                setter,
                piece.text,
                piece.style,
                frame.measure,
                align=piece.align,
                indent=piece.indent,
            )
            par = vpar.restored
        else:
            par = setter.set(
                piece.text, piece.style, frame.measure, align=piece.align, indent=piece.indent
            )
        par_problems = setter.problems(par, piece.style, piece.where)
        line_rects: list[Rect | None] = []  # page rect of each line of ``par`` (None: overset)
        step = max(1, round(piece.style.leading / pitch))
        if slot and piece.space_before:
            slot += piece.space_before
            used += piece.space_before  # the blank line is part of the text's room
        for index, line in enumerate(par.lines):
            if slot + step > slots:
                column, slot = column + 1, 0
            chars = sum(len(g.text) for g in line.glyphs if not g.inserted)
            if column >= len(frames):
                over_lines += 1
                over_chars += chars
                line_rects.append(None)
                continue
            frame = frames[column]
            line_rects.append(frame.line_rect(slot * pitch, step * pitch))
            if vpar is not None:
                ops.extend(
                    place_vertical(
                        vpar.par.lines[index],
                        vpar.metrics,
                        setter.fonts,
                        frame.rect,
                        slot * pitch,
                        step * pitch,
                        piece.style.size,
                        colour_of(piece.style),
                    )
                )
            else:
                ops.extend(
                    frame.place(
                        line,
                        slot * pitch,
                        step * pitch,
                        piece.style.size,
                        colour_of(piece.style),
                        baseline_size=body_size if step == 1 else None,
                    )
                )
            placed.append(
                PlacedLine(
                    line.text,
                    column,
                    slot,
                    frame.baseline(
                        slot * pitch, step * pitch, body_size if step == 1 else piece.style.size
                    ),
                    frame.line_rect(slot * pitch, step * pitch),
                    line.last,
                    line.spacing,
                )
            )
            placed_chars += chars
            slot += step
            used += step
        problems.extend(_locate(par_problems, par.lines, line_rects))
    capacity = slots * len(frames)
    measure = frames[0].measure if frames else 0.0
    # Characters per line are counted in the body size too.
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


def _locate(
    found: Sequence[Problem], lines: Sequence[Line], rects: Sequence[Rect | None]
) -> list[Problem]:
    """Give line-level problems (a rule violation or a removed character: the 1-based line of
    their details; a missing character: its index in the paragraph text as set) the page
    rect of their line, for proofs. Problems of overset lines keep ``where`` None."""
    located = []
    for p in found:
        index: int | None = None
        details = p.details
        if p.where is None:
            if isinstance(details, AtLine | RemovedCharacter) and details.line is not None:
                index = details.line - 1
            elif isinstance(details, MissingGlyph):
                at = details.index
                index = next((i for i, ln in enumerate(lines) if ln.start <= at < ln.end), None)
        rect = rects[index] if index is not None and 0 <= index < len(rects) else None
        if rect is not None:
            p = replace(p, where=rect)
        located.append(p)
    return located
