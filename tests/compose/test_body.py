"""The body flow counts what it leaves empty: the empty line slots after the last line, to
the foot of the last column, in flow order (the proof tints them; nothing recounts them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.compose.body import FlowPiece, flow
from layout.compose.setter import Setter, Where
from layout.fonts import library
from layout.geometry import Rect, WritingMode
from layout.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
PITCH = 14.0


@pytest.fixture(scope="module")
def setter() -> Setter:
    spec = load_spec(ROOT / "page_specs" / "front.yaml")
    return Setter(library(spec.fonts_manifest), spec.styles)


def pieces(setter: Setter, text: str) -> list[FlowPiece]:
    return [FlowPiece(text, setter.style("body"), Where("b", "a", 1))]


def columns(n: int, rows: int) -> list[Rect]:
    return [Rect(i * 130.0, 0.0, 117.0, rows * PITCH) for i in range(n)]


def test_empty_slots_follow_the_last_line(setter: Setter) -> None:
    text = "春潮涌动，活力勃发。" * 6  # a few lines of 13 characters
    result = flow(pieces(setter, text), columns(2, 10), PITCH, setter)
    assert result.overset_lines == 0
    used = len(result.lines)
    assert 1 < used < 10
    assert result.empty_lines == len(result.empty_slots) == 20 - used
    # the rest of the first column, then the whole second one, a grid line each
    assert result.empty_slots[0] == Rect(0.0, used * PITCH, 117.0, PITCH)
    assert result.empty_slots[10 - used] == Rect(130.0, 0.0, 117.0, PITCH)
    assert result.empty_slots[-1] == Rect(130.0, 9 * PITCH, 117.0, PITCH)


def test_an_overset_flow_leaves_no_empty_slot(setter: Setter) -> None:
    text = "春潮涌动，活力勃发。" * 40
    result = flow(pieces(setter, text), columns(1, 3), PITCH, setter)
    assert result.overset_lines > 0 and result.overset_chars > 0
    assert result.empty_slots == () and result.empty_lines == 0


def test_vertical_empty_slots_run_right_to_left(setter: Setter) -> None:
    text = "春潮涌动，活力勃发。" * 3
    band = Rect(0.0, 0.0, 10 * PITCH, 200.0)
    result = flow(pieces(setter, text), [band], PITCH, setter, WritingMode.VERTICAL_RL)
    used = len(result.lines)
    assert result.empty_lines == 10 - used
    first = result.empty_slots[0]
    assert first == Rect(band.right - (used + 1) * PITCH, 0.0, PITCH, 200.0)
    assert result.empty_slots[-1].x == pytest.approx(0.0)
