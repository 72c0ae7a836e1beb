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
from ..spec.model import Style
from ..text.finalize import Line
from ..text.options import Align
from .frame import Frame
from .setter import RunInText, Setter, Where, colour_of


@dataclass(frozen=True)
class FlowPiece:
    """One paragraph to pour: body text, an intertitle (小标题), a byline, a jump line."""

    text: str
    style: Style
    where: Where
    align: Align | None = None
    indent: float | None = None
    space_before: int = 0  # empty grid lines before it, unless it starts a column
    run_in: RunInText | None = None  # an opening in its own style: a dateline (本报讯)


@dataclass(frozen=True)
class Flow:
    ops: tuple[Op, ...]
    lines: tuple[PlacedLine, ...]
    problems: tuple[Problem, ...]
    capacity_lines: int
    used_lines: int
    overset_lines: int
    overset_chars: int
    # The empty line slots after the last line, to the foot of the last column, in flow
    # order; none when lines are over.
    empty_slots: tuple[Rect, ...]
    placed_chars: int
    last_position: tuple[int, int] = field(default=(0, 0))  # (column, next free slot)

    @property
    def empty_lines(self) -> int:
        return len(self.empty_slots)


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
    # The text most pieces are set in: its baselines are the grid's, and a one-line piece
    # in another size (a byline, an intertitle) sits on the same baseline, so that lines of
    # neighbouring columns line up.
    sizes = [p.style.size for p in pieces]
    body_size = max(set(sizes), key=sizes.count) if sizes else 1.0
    for piece in pieces:
        measure = frames[0].measure if frames else 0.0
        par = setter.set(
            piece.text,
            piece.style,
            measure,
            align=piece.align,
            indent=piece.indent,
            mode=mode,
            run_in=piece.run_in,
        )
        par_problems = setter.problems(par, piece.style, piece.where)
        line_rects: list[Rect | None] = []  # page rect of each line of ``par`` (None: overset)
        step = max(1, round(piece.style.leading / pitch))
        if slot and piece.space_before:
            slot += piece.space_before
            used += piece.space_before  # the blank line is part of the text's room
        for line in par.lines:
            if slot + step > slots:
                column, slot = column + 1, 0
            chars = sum(len(g.text) for g in line.glyphs if not g.inserted)
            if column >= len(frames):
                over_lines += 1
                over_chars += chars
                line_rects.append(None)
                continue
            frame = frames[column]
            block, height = slot * pitch, step * pitch
            rect = frame.line_rect(block, height)
            line_rects.append(rect)
            grid_size = body_size if step == 1 else None
            size, colour = piece.style.size, colour_of(piece.style)
            ops.extend(
                frame.place(
                    line, block, height, size, colour, baseline_size=grid_size, fonts=setter.fonts
                )
            )
            baseline = frame.baseline(block, height, grid_size or piece.style.size)
            placed.append(
                PlacedLine(line.text, column, slot, baseline, rect, line.last, line.spacing)
            )
            placed_chars += chars
            slot += step
            used += step
        problems.extend(_locate(par_problems, par.lines, line_rects))
    filled = _filled(column, slot, slots, len(frames))
    empty = () if over_lines else _empty_slots(frames, slots, pitch, filled)
    return Flow(
        ops=tuple(ops),
        lines=tuple(placed),
        problems=tuple(problems),
        capacity_lines=slots * len(frames),
        used_lines=used,
        overset_lines=over_lines,
        overset_chars=over_chars,
        empty_slots=empty,
        placed_chars=placed_chars,
        last_position=(column, slot),
    )


def _empty_slots(
    frames: Sequence[Frame], slots: int, pitch: float, filled: int
) -> tuple[Rect, ...]:
    """The line slots of ``frames`` (``slots`` a frame, ``pitch`` apart) after the first
    ``filled``, in flow order: column after column, slot after slot."""
    order = [(frame, slot) for frame in frames for slot in range(slots)]
    return tuple(frame.line_rect(slot * pitch, pitch) for frame, slot in order[filled:])


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
