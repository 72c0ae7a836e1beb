"""issue 14's lever 4: 破栏, a box's body re-divided into other columns, only among its
``copyfit.columns`` (held without it), on the tests' own page (tests/fixtures/fit/stack.yaml):
the robotics story (3 grid columns wide) made short is fitted by 2 columns alone, and the
fitted spec is ordinary input to ``build`` and ``check``."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from layout.articles import load_articles
from layout.build import build, fonts_for
from layout.cli import main
from layout.compose.page import compose_page
from layout.errors import SpecErrors
from layout.fit.levers import ColumnsSite, HeadlineSite, sites
from layout.fit.misfit import stories
from layout.spec import load_spec

sys.path.insert(0, str(Path(__file__).parent))
from fit_project import add_own_page, lengthen, pdf_text, shorten, squash  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "page_specs"
ROBOTICS_HEAD = "    headline: {lines: 6}\n  - id: renewal\n"
ONLY = "headline_lines: [6, 6], move: 0"  # the head and the edges held


def _robotics(edition: Path, copyfit: str) -> Path:
    page = add_own_page(edition)
    text = page.read_text(encoding="utf-8")
    assert ROBOTICS_HEAD in text
    new = f"    headline: {{lines: 6}}\n    copyfit: {{{copyfit}}}\n  - id: renewal\n"
    page.write_text(text.replace(ROBOTICS_HEAD, new), encoding="utf-8")
    return page


def test_a_short_story_is_fitted_by_fewer_columns(
    sample_edition: Path, tmp_path: Path, capsys
) -> None:
    spec = _robotics(sample_edition, ONLY + ", columns: [2, 3]")
    shorten(sample_edition, "tabloid/robotics", 100)
    robotics = next(s for s in stories(build(spec, None).page) if s.box == "robotics")
    assert robotics.empty_lines > 1 and not robotics.fits
    fitted = spec.with_name("fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 0
    assert "robotics: 破栏 3→2 columns" in capsys.readouterr().out
    after = load_spec(fitted)
    assert after.box("robotics").columns == 2
    assert after.box("robotics").rect == load_spec(spec).box("robotics").rect  # its place kept
    old, new = spec.read_text("utf-8").splitlines(), fitted.read_text("utf-8").splitlines()
    added = [line for line in new if line not in old]
    assert added == ["    columns: 2"]  # the key added to the box, nothing else changed
    assert [line for line in new if line != added[0]] == old
    pdf = tmp_path / "fitted.pdf"
    result = build(fitted, pdf)
    assert all(s.fits for s in stories(result.page))
    box = next(b for b in result.page.boxes if b.id == "robotics")
    assert len(box.columns) == 2
    if shutil.which("pdftotext"):
        text = pdf_text(pdf)
        for paragraph in load_articles(result.spec.article_files)["robotics"].paragraphs:
            assert squash(paragraph.text) in text, paragraph.index
    assert main(["check", str(fitted)]) == 0
    capsys.readouterr()


def test_without_choices_the_columns_are_held(sample_edition: Path, capsys) -> None:
    spec = _robotics(sample_edition, ONLY)
    shorten(sample_edition, "tabloid/robotics", 100)
    assert not [s for s in sites(load_spec(spec)) if isinstance(s, ColumnsSite)]
    fitted = spec.with_name("fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 1
    assert "still: robotics" in capsys.readouterr().out
    assert load_spec(fitted).box("robotics").columns == 3


def test_the_site_offers_only_the_choices_nearest_first(sample_edition: Path) -> None:
    spec = load_spec(_robotics(sample_edition, "columns: [1, 3, 4]"))
    site = next(s for s in sites(spec) if isinstance(s, ColumnsSite))
    assert [c.after for c in site.candidates(spec)] == [4, 1]


@pytest.mark.parametrize(
    ("copyfit", "message"),
    [
        ("columns: [2, 4]", "expected choices holding the box's own 3 columns"),
        ("columns: [3, 3]", "expected each number of columns once"),
        ("columns: [3, 200]", "200 columns do not fit the box"),
        ("columns: [0, 3]", "expected an integer ≥ 1"),
    ],
)
def test_bad_choices_are_reported_where_they_are(
    sample_edition: Path, copyfit: str, message: str
) -> None:
    with pytest.raises(SpecErrors) as raised:
        load_spec(_robotics(sample_edition, copyfit))
    text = "\n".join(str(e) for e in raised.value.errors)
    assert "stack.yaml:" in text and "boxes[0].copyfit.columns" in text
    assert message in text


def test_a_story_over_is_brought_nearer_by_fewer_wider_columns(
    sample_edition: Path, capsys
) -> None:
    """The front page's energy story 18 characters longer, its head and edges held, its
    columns [3, 4]: 3 columns across its 4 grid columns have a gutter fewer a line, so the
    破栏 is kept for a story over — it takes characters off its overset (7 → 3 here) — and
    what is still over is reported (the room 破栏 gives is a few characters: the lines are
    as many, each a gutter longer less the paragraph ends, which depends on the copy)."""
    spec = sample_edition.parent / "front.yaml"
    text = spec.read_text(encoding="utf-8")
    head = "    article: energy\n    at: {column: 1, span: 4, line: 83, lines: 22}\n"
    head += "    headline: {lines: 6}\n"
    assert head in text
    held = "    copyfit: {headline_lines: [6, 6], move: 0, columns: [3, 4]}\n"
    spec.write_text(text.replace(head, head + held), encoding="utf-8")
    lengthen(sample_edition, "energy", 18)
    energy = next(s for s in stories(build(spec, None).page) if s.box == "energy")
    assert energy.overset_lines > 0
    fitted = spec.with_name("fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 1
    out = capsys.readouterr().out
    assert "energy: 破栏 4→3 columns" in out
    assert "still: energy (energy): over by" in out
    after = next(s for s in stories(build(fitted, None).page) if s.box == "energy")
    assert 0 < after.overset_chars < energy.overset_chars
    assert load_spec(fitted).box("energy").columns == 3


def _culture_jinshan(edition: Path, head: str, copyfit: str) -> Path:
    """The culture page with its first story's 竖题 strip (one basic column of its box's 5)
    written ``head``, and ``copyfit``."""
    page = edition.parent / "culture.yaml"
    text = (SAMPLES / "culture.yaml").read_text(encoding="utf-8")  # as shipped, each time
    strip = "    headline: {position: right, span: 1}\n"
    assert strip in text
    new = f"    headline: {head}\n    copyfit: {copyfit}\n"
    page.write_text(text.replace(strip, new, 1), "utf-8")
    return page


def test_columns_beside_a_vertical_head_are_chosen_in_the_room_it_leaves(
    sample_edition: Path,
) -> None:
    """The culture page's first story: its 竖题 strip takes one of the box's 5 columns, and
    the body's own 4 stand in the room left. ``copyfit.columns`` [3, 4] lets the fit set
    them as 3 wider ones there (破栏), the strip and its gutter kept."""
    head = "{position: right, span: 1}"
    page = _culture_jinshan(sample_edition, head, "{columns: [3, 4]}")
    spec = load_spec(page)
    box = spec.box("jinshan")
    assert (box.columns, box.copyfit.columns) == (4, (3, 4))
    site = next(s for s in sites(spec) if isinstance(s, ColumnsSite) and s.box == "jinshan")
    (lever,) = site.candidates(spec)
    assert (lever.before, lever.after) == (4, 3)
    fitted = lever.apply(spec)
    laid = next(b for b in compose_page(fitted, fonts_for(fitted)).boxes if b.id == "jinshan")
    strip = box.headline_rect(spec.grid)
    gutter = spec.grid.gutter
    room = strip.x - gutter - box.rect.x
    assert len(laid.columns) == 3
    assert all(c.width == pytest.approx((room - 2 * gutter) / 3) for c in laid.columns)
    assert max(c.right for c in laid.columns) == pytest.approx(strip.x - gutter)


def test_column_choices_beside_a_vertical_head_must_fit_the_room_it_leaves(
    sample_edition: Path,
) -> None:
    head = "{position: right, span: 1}"
    page = _culture_jinshan(sample_edition, head, "{columns: [4, 30]}")
    with pytest.raises(SpecErrors) as raised:
        load_spec(page)
    (error,) = raised.value.errors
    assert "culture.yaml:" in str(error) and error.key_path.endswith("copyfit.columns")
    assert error.message == "30 columns do not fit the box"


def test_a_strip_of_lines_is_widened_no_further_than_its_columns_allow(
    sample_edition: Path,
) -> None:
    """A 竖题 strip of 6 lines beside the box's 5 columns: a ``copyfit.headline_lines`` MAX
    that would leave them less than 2 characters each is refused where it is written, and
    the fit's own range (the lines ± 2) is held to the lines that leave them that."""
    head = "{lines: 6, position: right}"
    with pytest.raises(SpecErrors) as raised:
        load_spec(_culture_jinshan(sample_edition, head, "{headline_lines: [6, 40]}"))
    (error,) = raised.value.errors
    assert error.key_path.endswith("copyfit.headline_lines")
    # 5 columns of 13 characters of 9 pt, 4 gutters of 1: 621 pt; the strip may take what
    # leaves 5 columns of 2 and their gutters (135 pt), 486 pt: 34 lines of 14 pt.
    assert error.message.startswith("expected a MAX of 34 lines at most, got 40: a 竖题 strip")
    spec = load_spec(_culture_jinshan(sample_edition, "{lines: 33, position: right}", "{}"))
    site = next(s for s in sites(spec) if isinstance(s, HeadlineSite) and s.box == "jinshan")
    assert (site.lo, site.hi) == (31, 35)
    assert sorted(c.after for c in site.candidates(spec)) == [31, 32, 34]
