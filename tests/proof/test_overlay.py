"""The overlay marks what the page records: the baseline grid of ``Page.grid_lines``, the
empty slots of a box, and a marker for each kind of problem with the numbers it carries; the
problems of a box's overset text (not printed: no place to mark) counted in one note at the
box, and no label piled on another."""

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
from layout.proof.overlay import GRID_FAINT, MARK, MARK_FILL, PAPER, overlay, proof_page
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
OVERSET_PAGE = ROOT / "tests" / "fixtures" / "proof" / "overset.yaml"


@pytest.fixture(scope="module")
def fonts(small_spec: PageSpec) -> FontLibrary:
    return fonts_for(small_spec)


def labels(ops: Sequence[Op]) -> list[str]:
    return [op.text for op in ops if isinstance(op, TextRun)]


def problem(
    kind: ProblemKind, details: Details, where: Rect | None = WHERE, *, in_overset: bool = False
) -> Problem:
    return Problem(
        kind=kind, message="m", details=details, box="rare", where=where, in_overset=in_overset
    )


def grounds(ops: Sequence[Op]) -> dict[str, Rect]:
    """The labels drawn, by their text (its lines joined by a space): the rect of each one's
    paper-white ground."""
    found: dict[str, Rect] = {}
    ground: Rect | None = None
    for op in ops:
        if isinstance(op, RectOp) and op.fill == PAPER:
            ground = op.rect
        elif isinstance(op, TextRun) and ground is not None:
            label = next((t for t, r in found.items() if r == ground), None)
            if label is not None:
                del found[label]
            found[f"{label} {op.text}" if label else op.text] = ground
    return found


def piled(rects: Sequence[Rect]) -> list[tuple[Rect, Rect]]:
    """The pairs of ``rects`` that share area."""
    return [(a, b) for k, a in enumerate(rects) for b in rects[k + 1 :] if a.intersects(b)]


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


def in_overset(kind: ProblemKind, details: Details) -> Problem:
    return problem(kind, details, None, in_overset=True)


def test_problems_in_the_overset_text_are_counted_in_one_note_at_their_box(
    small_spec, make_page, fonts
) -> None:
    # A story over its box: three loose lines, a broken word and a character no font has
    # on lines not printed, none with a place on the page. They once were labelled each at
    # the box's top right, all at one point, one over the other.
    page = make_page()
    box = page.boxes[0].rect
    over = problem(ProblemKind.OVERSET, Overset(lines=9, chars=80), box)
    cut = [
        *(in_overset(ProblemKind.LOOSE_LINE, AtLine(line=n)) for n in (11, 12, 13)),
        in_overset(ProblemKind.BROKEN_WORD, AtLine(line=14)),
        in_overset(ProblemKind.MISSING_GLYPH, MissingGlyph("\U0003106c", "U+3106C", 90)),
    ]
    ops = overlay(small_spec, make_page(problems=(*cut, over)), fonts)
    shown = grounds(ops)
    (note,) = [t for t in shown if "overset text" in t]
    assert note == (
        "超版 5 problems in the overset text (not printed): "
        "3 loose lines, 1 broken word, 1 missing character"
    )
    assert not [t for t in shown if "(line 1" in t]  # no label of a line not printed
    # no line outlined (a label's ground is filled)
    assert not [
        op
        for op in ops
        if isinstance(op, RectOp) and op.stroke == MARK and op.width < 1 and op.fill is None
    ]
    # at the box's foot, above its 超版 mark and clear of it and of the box's name
    mark = shown["超版 cut 80 chars / 9 lines"]
    assert box.contains(shown[note]) and shown[note].bottom <= mark.y
    assert piled(list(shown.values())) == []


def test_a_long_overset_note_is_broken_to_its_box(small_spec, make_page, fonts) -> None:
    page = make_page()
    narrow = page.boxes[0]._replace(rect=page.boxes[0].rect._replace(width=90.0))
    cut = [
        in_overset(ProblemKind.LOOSE_LINE, AtLine(line=11)),
        in_overset(ProblemKind.ORPHAN, AtLine(line=12)),
        in_overset(ProblemKind.HALF_WIDTH_PUNCTUATION, AtLine(line=12)),
    ]
    ops = overlay(small_spec, page._replace(boxes=(narrow,), problems=tuple(cut)), fonts)
    lines = [op for op in ops if isinstance(op, TextRun) and op.y > narrow.rect.bottom - 40]
    assert [op.text for op in lines] == [
        "超版 3 problems in the",
        "overset text (not printed):",
        "1 loose line, 1 orphan,",
        "1 half-width mark",
    ]
    assert len({op.x for op in lines}) == 1  # one under another, on one ground
    (note,) = [r for t, r in grounds(ops).items() if "overset text" in t]
    assert narrow.rect.contains(note)


def test_problems_of_a_whole_box_are_marked_on_it_one_under_another(
    small_spec, make_page, fonts
) -> None:
    # Problems of the box with no line on the page that are not in its overset text (a
    # head's, say): each marked on the box, the labels inside it, none on another.
    page = make_page()
    box = page.boxes[0].rect
    whole = [
        problem(ProblemKind.LOOSE_LINE, AtLine(line=1), None),
        problem(ProblemKind.ORPHAN, AtLine(line=2), None),
        problem(ProblemKind.LOW_RESOLUTION, LowResolution(90.0, "a.jpg", 150.0), None),
        problem(ProblemKind.OVERSET, Overset(lines=1, chars=5), None),
    ]
    shown = grounds(overlay(small_spec, make_page(problems=tuple(whole)), fonts))
    assert set(shown) == {
        "rare · rare",
        "松行 loose-line (line 1)",
        "孤字 orphan (line 2)",
        "低分辨率 90.0 ppi < 150",
        "超版 cut 5 chars / 1 lines",
    }
    assert all(box.contains(r) for r in shown.values())
    assert piled(list(shown.values())) == []


def test_two_problems_of_one_line_are_labelled_one_above_the_other(
    small_spec, make_page, fonts
) -> None:
    both = (
        problem(ProblemKind.LOOSE_LINE, AtLine(line=3)),
        problem(ProblemKind.HALF_WIDTH_PUNCTUATION, AtLine(line=3)),
    )
    shown = grounds(overlay(small_spec, make_page(problems=both), fonts))
    first, second = shown["松行 loose-line (line 3)"], shown["半角 half-width-punctuation (line 3)"]
    assert first.bottom == WHERE.y  # over its line, where a line's label goes
    assert second.right == first.right and second.bottom < first.y  # the next one above it


def test_a_photo_filling_its_box_is_labelled_clear_of_the_box_name(
    small_spec, make_page, fonts
) -> None:
    box = make_page().boxes[0].rect
    low = problem(ProblemKind.LOW_RESOLUTION, LowResolution(42.1, "small.jpg", 150.0), box)
    shown = grounds(overlay(small_spec, make_page(problems=(low,)), fonts))
    name, mark = shown["rare · rare"], shown["低分辨率 42.1 ppi < 150"]
    assert not name.intersects(mark) and mark.y > name.bottom


def test_the_proof_of_a_story_over_its_box_piles_no_label(tmp_path: Path) -> None:
    # A real page: the story's second paragraph, all in the overset text, has a half-width
    # comma, a word broken between letters and a character no font has; the first, printed,
    # a half-width comma. On the proof PDF as written, each label's ground is clear of the
    # others, the overset text's problems are one note, and the report lists every one.
    out = tmp_path / "overset-proof.pdf"
    report = make_proof(OVERSET_PAGE, out)
    cut = [p for p in report.problems if p.in_overset]
    assert {p.kind for p in cut} == {
        ProblemKind.HALF_WIDTH_PUNCTUATION,
        ProblemKind.BROKEN_WORD,
        ProblemKind.MISSING_GLYPH,
        ProblemKind.LOOSE_LINE,
    }
    assert all(p.where is None and "(in the overset text: not printed)" in p.message for p in cut)
    with pdfplumber.open(out) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        labels = [
            Rect(r["x0"], r["top"], r["width"], r["height"])
            for r in page.rects
            if r["fill"] and tuple(r["non_stroking_color"]) == (0, 0, 0, 0)
        ]
    assert f"超版 {len(cut)} problems in the overset text (not printed)" in text
    assert "missing character" in text and "broken word" in text
    assert "半角 half-width-punctuation (line 3)" in text  # the printed one, at its line
    assert "U+3106C" not in text  # not printed: no glyph box to label
    # the box's name, the printed comma, the 超版 mark and the note
    assert len(labels) == 4
    assert piled(labels) == []
