"""``banmian fit EDITION``: the pages of an edition fitted together — a story lengthened on
the front page that goes on on page 2, and page 2's own stories — the fitted edition and
page specs written beside the designer's files (never over them), valid input to ``build``
and ``check``; a clean edition has nothing to change; an impossible one exits 1."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from layout.build import fonts_for
from layout.cli import main
from layout.edition import build_edition
from layout.fit.levers import BoundarySite, HeadlineSite, sites
from layout.fit.search import fit_edition
from layout.report import count
from layout.spec.edition import load_edition

sys.path.insert(0, str(Path(__file__).parent))
from fit_project import double, lengthen, pdf_text, shorten, squash  # noqa: E402

LINE = 13  # characters a line of the sample's columns


def _fit(edition: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, Path]:
    out = edition.with_name("edition.fitted.yaml")
    code = main(["fit", str(edition), "-o", str(out)])
    return code, capsys.readouterr().out, out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.yaml"))}


def _two_pages(edition: Path) -> None:
    """The sample edition's first two pages only (every story of them on them alone: the
    front page's other stories are set again on pages 3 and 4)."""
    text = edition.read_text(encoding="utf-8")
    kept = [line for line in text.splitlines(keepends=True) if "number: 3" not in line]
    edition.write_text("".join(line for line in kept if "number: 4" not in line), "utf-8")


def _within_limits(edition: Path, fitted: Path) -> None:
    """Every page's changes are ones its sites (in an edition's fit) allow."""
    for before, after in zip(load_edition(edition).specs, load_edition(fitted).specs, strict=True):
        for site in sites(before, whole_edition=True):
            if isinstance(site, HeadlineSite):
                assert site.lo <= after.box(site.box).headline.lines <= site.hi, site
            if isinstance(site, BoundarySite):
                assert site.lo <= after.box(site.lower).grid_at[2] <= site.hi, site
        assert before.styles == after.styles and before.grid == after.grid
        for old, new in zip(before.boxes, after.boxes, strict=True):
            assert old.columns == new.columns and old.body_style == new.body_style


def _fits(fitted: Path, tmp_path: Path) -> str:
    """The fitted edition built: no story over, no box with more than one empty line, no
    problem at all; the text of its PDF."""
    pdf = tmp_path / "fitted.pdf"
    result = build_edition(fitted, pdf)
    for page in result.pages:
        assert not page.problems, [str(p) for p in page.problems]
        for box in page.boxes:
            if box.kind == "article":
                assert box.overset_lines == 0 and box.foot_lines <= 1, (page.number, box.id)
    return pdf_text(pdf) if shutil.which("pdftotext") else ""


def test_a_clean_edition_has_nothing_to_change(sample_edition: Path, capsys) -> None:
    before = _files(sample_edition.parent)
    code, out, fitted = _fit(sample_edition, capsys)
    assert code == 0
    assert "nothing to change, nothing written" in out and "every page fits" in out
    assert _files(sample_edition.parent) == before  # nothing written, nothing changed
    assert not fitted.exists()


def test_stories_of_page_1_and_page_2_fit_through_the_edition(
    sample_edition: Path, tmp_path: Path, capsys
) -> None:
    """双拥 (front page, going on on page 2) lengthened by 6 lines, 金山 on the front page by
    3 and energy shortened by 3, farm on page 2 by 3 and library shortened by 3: both pages
    fitted, the fitted front page's thread re-pointed at the fitted page 2."""
    _two_pages(sample_edition)
    added = [
        lengthen(sample_edition, "shuangyong", 6 * LINE),
        lengthen(sample_edition, "jinshan", 3 * LINE),
        lengthen(sample_edition, "page2/farm", 3 * LINE),
    ]
    shorten(sample_edition, "energy", 3 * LINE)
    shorten(sample_edition, "page2/library", 3 * LINE)
    folder = sample_edition.parent
    originals = _files(folder)
    code, out, fitted = _fit(sample_edition, capsys)
    assert code == 0, out
    assert "every page fits" in out and "still:" not in out
    assert any(line.startswith("page 1 (front.yaml): ") for line in out.splitlines())
    assert any(line.startswith("page 2 (page2.yaml): ") for line in out.splitlines())
    # the designer's files as they were; the fitted ones beside them
    now = _files(folder)
    assert {k: v for k, v in now.items() if k in originals} == originals
    assert set(now) - set(originals) == {
        "edition.fitted.yaml",
        "front.fitted.yaml",
        "page2.fitted.yaml",
    }
    listed = (folder / "edition.fitted.yaml").read_text(encoding="utf-8")
    assert "spec: front.fitted.yaml" in listed and "spec: page2.fitted.yaml" in listed
    front = (folder / "front.fitted.yaml").read_text(encoding="utf-8")
    assert "extends: edition.fitted.yaml" in front
    assert "continues: {spec: page2.fitted.yaml, box: shuangyong}" in front
    _within_limits(sample_edition, fitted)
    text = _fits(fitted, tmp_path)
    if text:
        for paragraph in added:
            assert squash(paragraph) in text
    assert main(["check", str(fitted)]) == 0
    capsys.readouterr()


def test_the_continued_story_is_absorbed_on_page_2(
    sample_edition: Path, tmp_path: Path, capsys
) -> None:
    """双拥 lengthened by 8 lines: what the front page's box cannot hold goes on into page 2's
    continuation box, over by the more; page 2 is fitted (volunteers below it shortened as
    much, farm and library beside it changed by 6 lines each), the front page left as it is
    and named as its own file in the fitted edition. The fix takes two steps (the boundary
    moved, then the jump head given a line back), which the greedy search alone misses.
    page2.yaml is written with CRLF line endings and a byte-order mark, which its fitted copy
    keeps (an edition's fit once read it as text, turning CRLF into LF)."""
    page2_spec = sample_edition.with_name("page2.yaml")
    crlf = "\ufeff" + page2_spec.read_text(encoding="utf-8").replace("\n", "\r\n")
    page2_spec.write_bytes(crlf.encode("utf-8"))
    added = lengthen(sample_edition, "shuangyong", 8 * LINE)
    shorten(sample_edition, "page2/volunteers", 8 * LINE)
    lengthen(sample_edition, "page2/farm", 6 * LINE)
    shorten(sample_edition, "page2/library", 6 * LINE)
    built = build_edition(sample_edition, None)
    page2 = next(p for p in built.pages if p.number == 2)
    assert next(b for b in page2.boxes if b.id == "shuangyong").overset_lines > 0
    code, out, fitted = _fit(sample_edition, capsys)
    assert code == 0, out
    assert [line.split(":")[0] for line in out.splitlines()[:-1]] == ["page 2 (page2.yaml)"] * (
        len(out.splitlines()) - 1
    )
    assert "shuangyong/volunteers boundary" in out
    made = len(out.splitlines()) - 1  # a line a change, then the summary
    assert f"({count(made, 'change')} on 1 page, " in out.splitlines()[-1]  # "1 change"
    folder = sample_edition.parent
    assert not (folder / "front.fitted.yaml").exists()
    listed = fitted.read_text(encoding="utf-8")
    assert "spec: front.yaml" in listed and "spec: page2.fitted.yaml" in listed
    page2_fitted = (folder / "page2.fitted.yaml").read_bytes().decode("utf-8")
    assert page2_fitted.startswith("\ufeff")
    assert page2_fitted.count("\r\n") == crlf.count("\r\n") == page2_fitted.count("\n")
    _within_limits(sample_edition, fitted)
    text = _fits(fitted, tmp_path)
    if text:
        assert squash(added) in text
    assert main(["build", str(fitted), "-o", str(tmp_path / "e.pdf")]) == 0
    capsys.readouterr()


def test_the_two_step_change_needs_the_lookahead(sample_edition: Path) -> None:
    """The same edition fitted greedily (no two-step changes) leaves page 2's volunteers
    underset: the lookahead is what fits it."""
    lengthen(sample_edition, "shuangyong", 8 * LINE)
    shorten(sample_edition, "page2/volunteers", 8 * LINE)
    specs = load_edition(sample_edition).specs
    fonts = fonts_for(specs[0])
    greedy = fit_edition(specs, fonts, lookahead=0)
    assert not greedy.fits
    assert fit_edition(specs, fonts).fits


def test_an_edition_that_cannot_fit_exits_1(sample_edition: Path, capsys) -> None:
    double(sample_edition, "shuangyong")
    code, out, fitted = _fit(sample_edition, capsys)
    assert code == 1
    still = [line for line in out.splitlines() if line.startswith("still: ")]
    assert any(line.startswith("still: page 2: shuangyong (shuangyong): over by") for line in still)
    assert "no edition within the limits fits" in out
    if fitted.exists():  # the nearest edition found, valid input
        assert main(["check", str(fitted)]) == 0
