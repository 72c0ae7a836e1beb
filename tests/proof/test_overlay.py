"""The overlay marks what the page records: the baseline grid of ``Page.grid_lines``, the
empty slots of a box, and a marker for each kind of problem with the numbers it carries."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pdfplumber
import pytest

from layout.build import fonts_for
from layout.compose.page import UNDERSET_TOLERANCE
from layout.fonts import FontLibrary
from layout.geometry import Rect
from layout.page import Op, RectOp, RuleOp, TextRun
from layout.proof import make_proof
from layout.proof.overlay import GRID_FAINT, MARK, MARK_FILL, overlay, proof_page
from layout.report import (
    AtLine,
    Details,
    LowResolution,
    MissingGlyph,
    Overset,
    Problem,
    ProblemKind,
    RemovedCharacter,
    Underset,
    underset_boxes,
)
from layout.spec import PageSpec
from layout.text.clean import RemovalReason

ROOT = Path(__file__).resolve().parents[2]
WHERE = Rect(100.0, 120.0, 200.0, 14.0)


@pytest.fixture(scope="module")
def fonts(small_spec: PageSpec) -> FontLibrary:
    return fonts_for(small_spec)


def labels(ops: Sequence[Op]) -> list[str]:
    return [op.text for op in ops if isinstance(op, TextRun)]


def problem(kind: ProblemKind, details: Details, where: Rect | None = WHERE) -> Problem:
    return Problem(kind=kind, message="m", details=details, box="rare", where=where)


def test_the_baseline_grid_is_the_recorded_one(small_spec, make_page, fonts) -> None:
    ops = overlay(small_spec, make_page(grid_lines=(101.5, 115.5, 129.5)), fonts)
    area = small_spec.page.type_area
    grid = [op for op in ops if isinstance(op, RuleOp) and op.color == GRID_FAINT]
    assert [(op.y1, op.y2, op.x1, op.x2) for op in grid] == [
        (y, y, area.x, area.right) for y in (101.5, 115.5, 129.5)
    ]


UNDERSET = Problem(
    kind=ProblemKind.UNDERSET, message="m", details=Underset(lines=3), box="rare", where=WHERE
)


def tinted(ops: Sequence[Op]) -> list[Rect]:
    return [op.rect for op in ops if isinstance(op, RectOp) and op.fill == MARK_FILL]


def test_empty_slots_of_a_box_reported_underset_tinted_and_labelled(
    small_spec, make_page, fonts
) -> None:
    page = make_page(problems=(UNDERSET,))
    ops = overlay(small_spec, page, fonts)
    assert tinted(ops) == list(page.boxes[0].empty_slots)
    assert "欠版 room for 3 lines (~37 chars)" in labels(ops)


def test_empty_slots_the_report_does_not_call_underset_are_not_marked(
    small_spec, make_page, fonts
) -> None:
    # The same box with its slots, but the build did not list it underset (say one line
    # free at its foot, within UNDERSET_TOLERANCE): the proof marks no 欠版 either.
    ops = overlay(small_spec, make_page(), fonts)
    assert tinted(ops) == []
    assert not [t for t in labels(ops) if "欠版" in t]


@pytest.mark.parametrize(
    ("kind", "details", "label"),
    [
        (ProblemKind.OVERSET, Overset(lines=2, chars=23), "超版 cut 23 chars / 2 lines"),
        # A headline block all printed, past its area (the body moved clear of it).
        (
            ProblemKind.OVERSET,
            Overset(lines=0, chars=0, points_over=72 / 25.4 * 15),
            "超版 15.0 mm over its area",
        ),
        (ProblemKind.ORPHAN, AtLine(line=4), "孤字 orphan (line 4)"),
        (ProblemKind.LOOSE_LINE, AtLine(line=2), "松行 loose-line (line 2)"),
        (
            ProblemKind.REMOVED_CHARACTER,
            RemovedCharacter(
                char="\\u200d", code_point="U+200D", index=3, reason=RemovalReason.FORMAT
            ),
            "删字 U+200D",
        ),
        (
            ProblemKind.LOW_RESOLUTION,
            LowResolution(ppi=180.0, path="a.jpg", limit=250.0),
            "低分辨率 180.0 ppi < 250",
        ),
    ],
)
def test_a_marker_for_each_kind(small_spec, make_page, fonts, kind, details, label) -> None:
    ops = overlay(small_spec, make_page(problems=(problem(kind, details),)), fonts)
    assert label in labels(ops)
    assert any(isinstance(op, RectOp) and op.rect == WHERE and op.stroke == MARK for op in ops)


def test_a_missing_character_is_outlined_not_labelled_twice(small_spec, make_page, fonts) -> None:
    glyph = MissingGlyph(char="\U0003106c", code_point="U+3106C", index=5)
    ops = overlay(
        small_spec, make_page(problems=(problem(ProblemKind.MISSING_GLYPH, glyph),)), fonts
    )
    assert any(isinstance(op, RectOp) and op.rect == WHERE and op.stroke == MARK for op in ops)
    assert not [t for t in labels(ops) if "U+3106C" in t]  # the glyph op carries the label


def test_a_problem_without_a_rect_is_marked_on_its_box(small_spec, make_page, fonts) -> None:
    page = make_page(problems=(problem(ProblemKind.OVERSET, Overset(lines=1, chars=5), None),))
    ops = overlay(small_spec, page, fonts)
    box = page.boxes[0].rect
    assert any(isinstance(op, RectOp) and op.rect == box and op.stroke == MARK for op in ops)


def test_the_proof_page_is_the_page_under_its_overlay(small_spec, make_page, fonts) -> None:
    page = make_page()
    proof = proof_page(small_spec, page, fonts)
    assert proof.ops[: len(page.ops)] == page.ops
    assert len(proof.ops) > len(page.ops)
    assert proof.title == "synthetic 校样 proof"
    # the labels are set in a face of the manifest
    assert {op.face for op in proof.ops[len(page.ops) :] if isinstance(op, TextRun)} == {
        "hei-regular"
    }


def test_a_real_box_with_one_line_free_is_full_on_the_proof_as_in_the_report(tmp_path) -> None:
    # page2's shuangyong is balanced over 4 columns with 3 slots free, one a column: one
    # empty line at its foot, within UNDERSET_TOLERANCE. The report does not call it
    # underset, and the proof page shows no 欠版 either (it once labelled every empty slot).
    out = tmp_path / "page2-proof.pdf"
    report = make_proof(ROOT / "page_specs" / "page2.yaml", out)
    box = next(b for b in report.page.boxes if b.id == "shuangyong")
    assert box.empty_lines > UNDERSET_TOLERANCE >= box.foot_lines
    assert "shuangyong" not in underset_boxes(report.problems)
    assert next(b for b in report.boxes if b.id == "shuangyong").status == "ok"
    with pdfplumber.open(out) as pdf:
        text = pdf.pages[0].extract_text()
    assert "欠版" not in text
    assert "shuangyong" in text  # the overlay is there: the box is labelled with its id
