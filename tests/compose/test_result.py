"""Every box kind's function returns a BoxResult: the box's layout, its ops and its problems
(here the figures box and the masthead, set with the real fonts of the manifest)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.compose.figures import figures_box
from layout.compose.furniture import masthead
from layout.compose.result import BoxResult
from layout.compose.setter import Setter
from layout.fonts import library
from layout.geometry import Rect
from layout.page import RectOp, TextRun
from layout.report import Overset, ProblemKind
from layout.spec import BoxKind, load_spec

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def front():
    spec = load_spec(ROOT / "page_specs" / "front.yaml")
    return spec, Setter(library(spec.fonts_manifest), spec.styles)


def test_figures_box_result(front) -> None:  # noqa: ANN001
    spec, setter = front
    box = spec.box("figures")
    record = spec.articles[box.figures]
    result = figures_box(record, box.rect, setter, box.id)
    assert isinstance(result, BoxResult)
    assert (result.layout.id, result.layout.kind, result.layout.article) == (
        "figures",
        BoxKind.FIGURES.value,
        record.id,
    )
    assert result.layout.rect == box.rect
    assert isinstance(result.ops[0], RectOp) and result.ops[0].rect == box.rect  # the shade
    assert result.problems == ()


def test_figures_box_too_short_for_its_rows_is_overset(front) -> None:  # noqa: ANN001
    spec, setter = front
    box = spec.box("figures")
    record = spec.articles[box.figures]
    short = box.rect._replace(height=box.rect.height / 3)
    result = figures_box(record, short, setter, box.id)
    (problem,) = [p for p in result.problems if p.kind is ProblemKind.OVERSET]
    # a third of the box: room for no row under the title; every row counted, none drawn
    assert problem.details == Overset(lines=8, chars=151)
    assert (problem.box, problem.article, problem.where) == (box.id, record.id, short)
    assert not [op for op in result.ops if isinstance(op, TextRun) and op.y > short.bottom]


def test_masthead_result(front) -> None:  # noqa: ANN001
    spec, setter = front
    rect = Rect(20.0, 20.0, 600.0, 120.0)
    box = spec.box("masthead")._replace(rect=rect)
    result = masthead(spec._replace(boxes=(box,)), box, setter)
    assert result.layout.id == "masthead" and result.layout.kind == BoxKind.MASTHEAD.value
    assert result.layout.rect == rect and result.layout.article is None
    text = "".join(op.text for op in result.ops if isinstance(op, TextRun))
    assert spec.edition.title.replace(" ", "") in text.replace(" ", "")
    assert result.problems == ()


def test_figures_box_too_narrow_for_its_chart_is_overset(front) -> None:  # noqa: ANN001
    """A chart whose labels, values and figures leave its bars no room is reported, never set
    with its texts over each other."""
    spec, setter = front
    box = spec.box("figures")
    record = spec.articles[box.figures]
    narrow = box.rect._replace(width=box.rect.width * 0.3)
    result = figures_box(record, narrow, setter, box.id)
    (problem,) = [p for p in result.problems if p.kind is ProblemKind.OVERSET]
    assert problem.message.startswith("the chart needs ")
    assert (problem.box, problem.where) == (box.id, narrow)
    assert problem.details.lines == len(record.items)  # no row drawn, every one counted
    labels = {item.label for item in record.items}
    assert not [op for op in result.ops if isinstance(op, TextRun) and op.text in labels]
