"""``banmian fit``: stories made longer and shorter on the sample front page and on a page of
the tests' own are fitted again within their limits, with every character set; an impossible
page exits 1 with the shortfall per story; a clean page is written as it was."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from layout.articles import load_articles
from layout.build import build
from layout.cli import main
from layout.errors import SpecErrors
from layout.fit.levers import BoundarySite, HeadlineSite, sites
from layout.report import ProblemKind
from layout.spec import load_spec

sys.path.insert(0, str(Path(__file__).parent))
from fit_project import (  # noqa: E402
    add_own_page,
    article_id,
    double,
    lengthen,
    pdf_text,
    shorten,
    squash,
)

# (page spec, the story lengthened, the story shortened, characters a line of their columns)
FRONT = ("front.yaml", "jinshan", "energy", 13)
OWN = ("stack.yaml", "tabloid/robotics", "tabloid/railway", 12)


def _fit(spec: Path, out: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["fit", str(spec), "-o", str(out)])
    return code, capsys.readouterr().out


def _page(edition: Path, name: str) -> Path:
    return add_own_page(edition) if name == "stack.yaml" else edition.parent / name


def _within_limits(spec: Path, fitted: Path) -> None:
    """Every change the fitted spec makes is one its site allows."""
    before, after = load_spec(spec), load_spec(fitted)
    for site in sites(before):
        if isinstance(site, HeadlineSite):
            lines = after.box(site.box).headline.lines
            assert site.lo <= lines <= site.hi, (site, lines)
        if isinstance(site, BoundarySite):
            line = after.box(site.lower).grid_at[2]
            assert site.lo <= line <= site.hi, (site, line)
    for old, new in zip(before.boxes, after.boxes, strict=True):
        assert old.id == new.id and old.kind is new.kind
        if old.grid_at is not None:
            assert (old.grid_at[0], old.grid_at[1]) == (new.grid_at[0], new.grid_at[1])
        assert old.body_style == new.body_style and old.columns == new.columns
    assert before.styles == after.styles and before.grid == after.grid


@pytest.mark.parametrize("page", [FRONT, OWN], ids=["front", "own"])
@pytest.mark.parametrize("lines", [3, 6, 12])
def test_a_longer_and_a_shorter_story_fit_again(
    sample_edition: Path, tmp_path: Path, capsys, page, lines: int
) -> None:
    name, longer, shorter, chars = page
    spec = _page(sample_edition, name)
    added = lengthen(sample_edition, longer, lines * chars)
    shorten(sample_edition, shorter, lines * chars)
    fitted = spec.with_name("fitted.yaml")
    code, out = _fit(spec, fitted, capsys)
    assert code == 0, out
    assert "the page fits" in out and "still:" not in out
    _within_limits(spec, fitted)
    pdf = tmp_path / "fitted.pdf"
    result = build(fitted, pdf)
    kinds = {p.kind for p in result.problems}
    assert ProblemKind.OVERSET not in kinds and ProblemKind.UNDERSET not in kinds
    for box in result.page.boxes:
        if box.kind == "article":
            assert box.overset_lines == 0 and box.foot_lines <= 1, box.id
    if shutil.which("pdftotext"):
        text = pdf_text(pdf)
        assert squash(added) in text
        records = load_articles(result.spec.article_files)
        for article in (longer, shorter):
            for paragraph in records[article_id(article)].paragraphs:
                assert squash(paragraph.text) in text, (article, paragraph.index)
    assert main(["check", str(fitted)]) == 0
    capsys.readouterr()


def test_an_impossible_page_exits_1_with_the_shortfall_per_story(
    sample_edition: Path, capsys
) -> None:
    double(sample_edition, "jinshan")
    spec = sample_edition.parent / "front.yaml"
    fitted = spec.with_name("fitted.yaml")
    code, out = _fit(spec, fitted, capsys)
    assert code == 1
    assert "no page within the limits fits" in out
    still = [line for line in out.splitlines() if line.startswith("still: ")]
    assert still and all("over by" in line or "empty lines" in line for line in still)
    (jinshan,) = [line for line in still if line.startswith("still: jinshan (jinshan): over by")]
    assert "characters to cut" in jinshan
    # the nearest page found is written, within the limits, and valid input
    _within_limits(spec, fitted)
    assert main(["check", str(fitted)]) == 0


@pytest.mark.parametrize("name", ["front.yaml", "stack.yaml"])
def test_a_page_that_fits_is_written_as_it_was(
    sample_edition: Path, tmp_path: Path, capsys, name: str
) -> None:
    spec = _page(sample_edition, name)
    fitted = spec.with_name("fitted.yaml")
    code, out = _fit(spec, fitted, capsys)
    assert code == 0
    assert "no change" in out and "the page fits" in out
    assert fitted.read_bytes() == spec.read_bytes()
    build(spec, tmp_path / "a.pdf")
    build(fitted, tmp_path / "b.pdf")
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_the_fitted_spec_changes_only_the_changed_numbers(sample_edition: Path, capsys) -> None:
    """Comments, key order and alignment kept: the lines that differ are the ``at`` and
    ``headline`` lines of the boxes changed, each differing in its numbers only."""
    lengthen(sample_edition, "jinshan", 6 * 13)
    shorten(sample_edition, "energy", 6 * 13)
    spec = sample_edition.parent / "front.yaml"
    fitted = spec.with_name("fitted.yaml")
    code, out = _fit(spec, fitted, capsys)
    assert code == 0
    old = spec.read_text(encoding="utf-8").splitlines()
    new = fitted.read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    changed = [(a, b) for a, b in zip(old, new, strict=True) if a != b]
    assert changed
    for a, b in changed:
        assert a.strip().startswith(("at:", "headline:"))
        assert [c for c in a if not c.isdigit()] == [c for c in b if not c.isdigit()]
    # one report line a change, in the designer's units
    assert any("headline" in line and "lines" in line for line in out.splitlines())


def test_the_search_is_deterministic(sample_edition: Path, capsys) -> None:
    lengthen(sample_edition, "jinshan", 12 * 13)
    shorten(sample_edition, "energy", 12 * 13)
    spec = sample_edition.parent / "front.yaml"
    first, second = spec.with_name("first.yaml"), spec.with_name("second.yaml")
    assert _fit(spec, first, capsys)[0] == 0
    out_first = capsys.readouterr().out
    assert _fit(spec, second, capsys)[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert out_first.replace("first", "second") == capsys.readouterr().out.replace(
        "first", "second"
    )


def test_bad_output_paths_exit_2_and_write_nothing(sample_edition: Path, capsys) -> None:
    spec = sample_edition.parent / "front.yaml"
    before = spec.read_bytes()
    assert main(["fit", str(spec), "-o", str(spec)]) == 2
    assert "the page spec" in capsys.readouterr().err
    assert spec.read_bytes() == before
    elsewhere = sample_edition.parent.parent / "fitted.yaml"
    assert main(["fit", str(spec), "-o", str(elsewhere)]) == 2
    assert "in the page spec's folder" in capsys.readouterr().err
    assert not elsewhere.exists()
    # a fitted spec is named as YAML
    text = spec.with_name("front-fitted.txt")
    assert main(["fit", str(spec), "-o", str(text)]) == 2
    assert "a fitted spec is YAML: name it .yaml" in capsys.readouterr().err
    assert not text.exists()
    # an edition's fitted file is named as the edition with a suffix (its pages' suffix)
    assert main(["fit", str(sample_edition), "-o", str(spec.with_name("e.yaml"))]) == 2
    assert "name the fitted edition as the edition with a suffix" in capsys.readouterr().err
    assert not spec.with_name("e.yaml").exists()


def test_bad_input_exits_2(sample_edition: Path, capsys) -> None:
    spec = sample_edition.parent / "front.yaml"
    text = spec.read_text(encoding="utf-8")
    spec.write_text(
        text.replace("headline: {lines: 6}", "headline: {lines: 6}\n    copyfit: {move: x}", 1),
        encoding="utf-8",
    )
    fitted = spec.with_name("fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 2
    assert "copyfit.move" in capsys.readouterr().err
    assert not fitted.exists()


def _photo_page(edition: Path, copyfit: str) -> Path:
    """The tests' own page with a photo (the cherries photo news, ``fit: fill``) over the
    stack instead of its first story."""
    page = add_own_page(edition)
    text = page.read_text(encoding="utf-8")
    text = text.replace(
        "articles: [../articles/tabloid/robotics.yaml,",
        "articles: [../articles/cherries.yaml, ../articles/tabloid/robotics.yaml,",
    )
    old = (
        "  - id: robotics                 # the lead of the page\n    kind: article\n"
        "    article: robotics\n    at: {column: 1, span: 3, line: 1, lines: 28}\n"
        "    headline: {lines: 6}\n"
    )
    assert old in text
    new = "  - id: photo\n    kind: photo\n    article: cherries\n"
    new += "    at: {column: 1, span: 3, line: 1, lines: 28}\n" + copyfit
    page.write_text(text.replace(old, new), encoding="utf-8")
    return page


@pytest.mark.parametrize("movable", [True, False], ids=["copyfit", "held"])
def test_a_photo_gives_its_height_only_when_its_spec_allows(
    sample_edition: Path, capsys, movable: bool
) -> None:
    spec = _photo_page(sample_edition, "    copyfit: {move: 4}\n" if movable else "")
    lengthen(sample_edition, "tabloid/renewal", 12 * 12)
    fitted = spec.with_name("fitted.yaml")
    code, out = _fit(spec, fitted, capsys)
    before, after = load_spec(spec), load_spec(fitted)
    photo_before, photo_after = before.box("photo").grid_at, after.box("photo").grid_at
    if movable:
        assert code == 0, out
        assert "photo/renewal boundary" in out
        assert photo_after[3] < photo_before[3] and photo_before[3] - photo_after[3] <= 4
        built = build(fitted, None)
        assert not [p for p in built.problems if p.box == "photo"]
    else:
        assert photo_after == photo_before
        assert "photo/renewal" not in out
    _within_limits(spec, fitted)


def test_a_story_that_cannot_fit_does_not_stop_the_others_fitting(
    sample_edition: Path, capsys
) -> None:
    """金山 doubled (no lever can hold it) and labour shortened elsewhere on the page: the
    labour story is fitted all the same, and only 金山 is left over."""
    double(sample_edition, "jinshan")
    shorten(sample_edition, "labour", 6 * 13)
    spec = sample_edition.parent / "front.yaml"
    before = build(spec, None)
    assert any(p.box == "labour" and p.kind is ProblemKind.UNDERSET for p in before.problems)
    code, out = _fit(spec, spec.with_name("fitted.yaml"), capsys)
    assert code == 1
    still = [line for line in out.splitlines() if line.startswith("still: ")]
    assert [line.split()[1] for line in still] == ["jinshan"]


@pytest.mark.parametrize(("height", "least"), [("[24, 28]", 24), ("[27, 30]", 27)])
def test_a_photo_keeps_its_height_within_its_range(
    sample_edition: Path, capsys, height: str, least: int
) -> None:
    """Lever 3: a photo box's ``copyfit.height`` [MIN, MAX] bounds what the boundary under
    it may take (its edges moving as far as the range needs, with no ``move``): the story
    below 12 lines longer is given the photo's lines down to MIN and no further."""
    spec = _photo_page(sample_edition, f"    copyfit: {{height: {height}}}\n")
    lo, hi = json.loads(height)
    limits = load_spec(spec).box("photo").copyfit
    assert limits.height == (lo, hi) and limits.move == max(28 - lo, hi - 28)
    lengthen(sample_edition, "tabloid/renewal", 12 * 12)
    fitted = spec.with_name("fitted.yaml")
    code, out = _fit(spec, fitted, capsys)
    lines = load_spec(fitted).box("photo").grid_at[3]
    assert least <= lines < 28, out
    assert "photo/renewal boundary" in out
    if code == 1:  # the range held the photo: what is still over is the story's
        assert lines == least and "still: renewal" in out
    built = build(fitted, None)
    assert not [p for p in built.problems if p.box == "photo"]


@pytest.mark.parametrize(
    ("copyfit", "message"),
    [
        ("{height: [20, 26]}", "expected a range holding the box's 28 lines"),
        ("{height: [30, 26]}", "expected [MIN, MAX] with MIN ≤ MAX"),
    ],
)
def test_a_bad_photo_height_range_is_reported_where_it_is(
    sample_edition: Path, copyfit: str, message: str
) -> None:
    spec = _photo_page(sample_edition, f"    copyfit: {copyfit}\n")
    with pytest.raises(SpecErrors) as raised:
        load_spec(spec)
    text = "\n".join(str(e) for e in raised.value.errors)
    assert "stack.yaml:" in text and "copyfit.height" in text and message in text


def test_a_height_range_on_an_article_box_is_refused(sample_edition: Path) -> None:
    spec = add_own_page(sample_edition)
    text = spec.read_text(encoding="utf-8")
    text = text.replace(
        "    copyfit: {headline_lines: [7, 9], move: 6}",
        "    copyfit: {headline_lines: [7, 9], move: 6, height: [20, 30]}",
    )
    spec.write_text(text, encoding="utf-8")
    with pytest.raises(SpecErrors) as raised:
        load_spec(spec)
    assert "only a photo box on the grid with fit: fill" in str(raised.value.errors[0])


def test_a_page_that_has_its_number_or_story_only_from_its_edition_is_fitted_with_it(
    sample_edition: Path, tmp_path: Path, capsys
) -> None:
    """A fitted copy under another name is in no edition's list: a page whose own file does
    not write its number and name (the starter's front.yaml), or that continues a story from
    another page (the sample's page 2), is refused with the edition's fit to run instead.
    The sample's front page writes its own number and name: its copy builds alone."""
    spec = sample_edition.parent / "page2.yaml"
    fitted = spec.with_name("page2-fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 2
    err = capsys.readouterr().err
    assert "the story it continues from another page" in err
    assert "fit the edition instead (banmian fit edition.yaml -o edition.fitted.yaml)" in err
    assert not fitted.exists()
    assert main(["init", str(tmp_path / "paper")]) == 0
    starter = tmp_path / "paper" / "front.yaml"
    assert main(["fit", str(starter), "-o", str(starter.with_name("front-fit.yaml"))]) == 2
    assert "which gives it its number and name" in capsys.readouterr().err
    front = sample_edition.parent / "front.yaml"
    copy = front.with_name("front-fitted.yaml")
    assert main(["fit", str(front), "-o", str(copy)]) in (0, 1)
    assert main(["check", str(copy)]) in (0, 1)  # builds alone: no bad input
