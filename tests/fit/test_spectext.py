"""layout.fit.spectext: the fitted spec is the page spec's own text, only numbers changed."""

from __future__ import annotations

import pytest

from layout.fit.levers import Boundary, HeadlineLines
from layout.fit.spectext import FitTextError, fitted_text, renamed_paths


def test_only_the_changed_numbers_change(front_build) -> None:
    spec = front_build.spec
    text = spec.path.read_text(encoding="utf-8")
    changes = (HeadlineLines("lead", 7, 6), Boundary("jinshan", "energy", 83, 81))
    fitted = spec
    for change in changes:
        fitted = change.apply(fitted)
    out = fitted_text(text, fitted, changes)
    diff = [(a, b) for a, b in zip(text.splitlines(), out.splitlines(), strict=True) if a != b]
    assert diff == [
        (
            "    headline: {lines: 7, byline: true, style: lead_headline}",
            "    headline: {lines: 6, byline: true, style: lead_headline}",
        ),
        (
            "    at: {column: 1, span: 4, line: 45, lines: 38}",
            "    at: {column: 1, span: 4, line: 45, lines: 36}",
        ),
        (
            "    at: {column: 1, span: 4, line: 83, lines: 22}",
            "    at: {column: 1, span: 4, line: 81, lines: 24}",
        ),
    ]


def test_a_box_not_written_in_the_page_spec_is_refused(front_build) -> None:
    spec = front_build.spec
    fitted = HeadlineLines("lead", 7, 6).apply(spec)
    with pytest.raises(FitTextError, match="not written in the page spec"):
        fitted_text(
            "spec_version: 1\nextends: edition.yaml\n", fitted, [HeadlineLines("lead", 7, 6)]
        )


def test_block_mappings_and_comments_are_kept(front_build) -> None:
    """An ``at`` written as a block mapping, with a comment after a value: the number is
    replaced where it stands, the comment kept."""
    spec = front_build.spec
    text = spec.path.read_text(encoding="utf-8")
    flow = "    at: {column: 1, span: 4, line: 83, lines: 22}\n"
    block = (
        "    at:\n      column: 1\n      span: 4\n      line: 83      # under 金山\n"
        "      lines: 22\n"
    )
    assert flow in text
    text = text.replace(flow, block)
    change = Boundary("jinshan", "energy", 83, 85)
    out = fitted_text(text, change.apply(spec), [change])
    assert "      line: 85      # under 金山\n      lines: 20\n" in out
    assert "    at: {column: 1, span: 4, line: 45, lines: 40}\n" in out
    assert (
        out.replace("85  ", "83  ")
        .replace("lines: 20", "lines: 22")
        .replace("lines: 40", "lines: 38")
        == text
    )


def test_paths_to_fitted_files_are_renamed_where_written(tmp_path) -> None:
    """``extends``, ``continues.spec`` and ``pages[].spec`` naming a file fitted anew name the
    fitted file: quoted or plain, its folder kept, a comment after it kept in its column;
    paths to files not fitted are left."""
    page = tmp_path / "specs" / "front.yaml"
    text = (
        "extends: edition.yaml            # shared\n"
        "boxes:\n"
        "  - id: a\n"
        "    continues: {spec: 'page2.yaml', box: b}\n"
        "  - id: c\n"
        "    continues:\n"
        "      spec: ../specs/page2.yaml   # same page\n"
        "      box: d\n"
        "  - id: e\n"
        "    continues: {spec: page3.yaml, box: f}\n"
        "pages:\n"
        "  - {number: 2, name: x, spec: page2.yaml}\n"
    )
    renames = {
        tmp_path / "specs" / "edition.yaml": tmp_path / "specs" / "edition.fitted.yaml",
        tmp_path / "specs" / "page2.yaml": tmp_path / "specs" / "page2.fitted.yaml",
    }
    out = renamed_paths(text, page, renames)
    assert out == (
        "extends: edition.fitted.yaml     # shared\n"
        "boxes:\n"
        "  - id: a\n"
        "    continues: {spec: 'page2.fitted.yaml', box: b}\n"
        "  - id: c\n"
        "    continues:\n"
        "      spec: ../specs/page2.fitted.yaml # same page\n"
        "      box: d\n"
        "  - id: e\n"
        "    continues: {spec: page3.yaml, box: f}\n"
        "pages:\n"
        "  - {number: 2, name: x, spec: page2.fitted.yaml}\n"
    )
