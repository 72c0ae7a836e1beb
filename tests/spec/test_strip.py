"""A 竖题 strip beside a horizontal box's body (``layout.spec.strip``): the body's
``columns`` are those in the room beside the strip (by default the basic columns a strip of
``span`` leaves), and a strip or a column count leaving a column less than a line's width
is refused where it is written.

The page: the proof fixture's small page (4 basic columns of 13 characters of 9 pt, 1
character's gutter, 14 pt lines), one article box 4 columns wide (495 pt) with a 竖题.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, SpecError, SpecErrors
from layout.spec import load_spec

SMALL = Path(__file__).resolve().parents[1] / "fixtures" / "proof" / "small.yaml"


def _page(tmp_path: Path, **box: object) -> Path:
    """The small page with its one story in a box of 4 columns and the keys ``box``."""
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    story = tmp_path / "story.yaml"
    story.write_text("id: story\nheadline: 樱桃红满枝\nbody: [今年以来，樱桃喜获丰收。]\n", "utf-8")
    doc["articles"] = [str(story)]
    at = {"column": 1, "span": 4, "line": 1, "lines": 24}
    doc["boxes"] = [{"id": "story", "kind": "article", "article": "story", "at": at, **box}]
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def _one_error(spec: Path) -> SpecError:
    with pytest.raises(SpecErrors) as raised:
        load_spec(spec)
    (error,) = raised.value.errors
    return error


def _at(spec: Path, key: str) -> tuple[int, int]:
    """The 1-based line and column of the value of the box's ``key`` (``headline.span``)
    in ``spec`` as written by yaml.safe_dump (block style, one key a line)."""
    lines = spec.read_text(encoding="utf-8").splitlines()
    *parents, name = key.split(".")
    start = lines.index("boxes:")
    for part in parents:
        start = next(i for i in range(start, len(lines)) if lines[i].strip() == f"{part}:")
    k = next(i for i in range(start, len(lines)) if lines[i].strip().startswith(f"{name}:"))
    return k + 1, lines[k].index(f"{name}:") + len(name) + 3


def test_the_body_keeps_the_basic_columns_a_strip_of_columns_leaves(tmp_path):
    spec = load_spec(_page(tmp_path, headline={"position": "right", "span": 1}))
    assert spec.box("story").columns == 3


def test_columns_beside_a_strip_are_the_body_s(tmp_path):
    # 破栏 beside the strip: the body's 3 basic columns' room (41 characters) in 4 columns.
    head = {"position": "right", "span": 1}
    assert load_spec(_page(tmp_path, columns=4, headline=head)).box("story").columns == 4
    lines = {"lines": 9, "position": "right"}  # a strip of 9 line pitches: 126 pt
    assert load_spec(_page(tmp_path, columns=2, headline=lines)).box("story").columns == 2


def test_a_strip_as_wide_as_the_box_is_refused_at_its_span(tmp_path):
    spec = _page(tmp_path, headline={"position": "right", "span": 4})
    error = _one_error(spec)
    assert error.key_path == "boxes[0].headline.span"
    assert (error.pos.line, error.pos.column) == _at(spec, "headline.span")
    assert error.message == (
        "expected an integer 1–3, got 4: a 竖题 strip 4 columns wide leaves the body no room "
        "beside it, and a column holds 2 at least"
    )


def test_a_strip_of_lines_leaving_no_column_is_refused_at_its_lines(tmp_path):
    # 35 line pitches (490 pt) and the gutter leave 495 − 499 pt: nothing; 34 leave 1.1
    # characters, 33 leave 2.7.
    spec = _page(tmp_path, columns=1, headline={"lines": 35, "position": "right"})
    error = _one_error(spec)
    assert error.key_path == "boxes[0].headline.lines"
    assert (error.pos.line, error.pos.column) == _at(spec, "headline.lines")
    assert error.message.startswith("expected an integer 1–33, got 35: a 竖题 strip 35 lines")


def test_a_strip_narrowing_the_box_s_columns_too_far_says_what_would_fit(tmp_path):
    # 30 line pitches (420 pt) and the gutter leave the box's 4 columns 66 pt less 3
    # gutters: 1.1 characters each. The strip may be 27 lines at most, or the body 2
    # columns (3.2 characters each; 3 would have 1.8).
    spec = _page(tmp_path, headline={"lines": 30, "position": "right"})
    error = _one_error(spec)
    assert error.key_path == "boxes[0].headline.lines"
    assert error.message == (
        "a 竖题 strip 30 lines wide leaves the box's 4 body columns 1.1 characters each, and "
        "a column holds 2 at least: expected at most 27 lines, or give the box `columns: 2` "
        "or fewer"
    )


def test_columns_too_many_for_the_room_beside_a_strip_are_refused_at_columns(tmp_path):
    # The body's 3 basic columns (369 pt) in 20 columns, 19 gutters apart: 1.1 characters
    # each; 14 columns leave 2.0.
    head = {"position": "right", "span": 1}
    spec = _page(tmp_path, columns=20, headline=head)
    error = _one_error(spec)
    assert error.key_path == "boxes[0].columns"
    assert (error.pos.line, error.pos.column) == _at(spec, "columns")
    assert error.message.startswith("expected at most 14 columns: 20 leave 1.1 characters")
    assert "beside the 竖题 strip (1 column wide)" in error.message


def test_the_cli_refuses_the_strip_with_exit_2_and_writes_nothing(tmp_path, capsys):
    spec = _page(tmp_path, headline={"position": "right", "span": 4})
    out = tmp_path / "page.pdf"
    assert main(["build", str(spec), "-o", str(out)]) == EXIT_BAD_INPUT
    assert "boxes[0].headline.span" in capsys.readouterr().err
    assert not out.exists()


def test_a_strip_of_columns_has_no_lines(tmp_path):
    # Its width is its span: the fit has no headline lines to try (layout.fit.levers).
    spec = load_spec(_page(tmp_path, headline={"position": "right", "span": 1}))
    head = spec.box("story").headline
    assert head is not None and head.lines is None
    assert spec.box("story").headline_rect(spec.grid).width == pytest.approx(
        spec.grid.span_width(1)
    )


def test_lines_on_a_strip_of_columns_are_refused_at_lines(tmp_path):
    spec = _page(tmp_path, headline={"lines": 8, "position": "right", "span": 2})
    error = _one_error(spec)
    assert error.key_path == "boxes[0].headline.lines"
    assert (error.pos.line, error.pos.column) == _at(spec, "headline.lines")
    assert error.message.startswith(
        "a 竖题 strip of headline.span (2 columns) is as wide as its span: lines would do nothing"
    )


def test_headline_lines_to_fit_beside_a_strip_of_columns_are_refused(tmp_path):
    head = {"position": "right", "span": 1}
    spec = _page(tmp_path, headline=head, copyfit={"headline_lines": [4, 8]})
    error = _one_error(spec)
    assert error.key_path == "boxes[0].copyfit.headline_lines"
    assert "keeps its width: it has no lines for the fit to change" in error.message


@pytest.mark.parametrize("head", [{"position": "right"}, {"span": 2}, {"style": "headline"}])
def test_a_headline_area_of_lines_needs_them(tmp_path, head):
    error = _one_error(_page(tmp_path, headline=head))
    assert error.key_path == "boxes[0].headline.lines"
    assert error.message.startswith("missing required key 'lines'")
