"""issue 14's lever 5: the blank lines before a story's intertitles (小标题), changed by the
fit only within the box's ``copyfit.intertitle_space`` (held without it), on the tests' own
page (tests/fixtures/fit/stack.yaml): a story two lines over and one two lines under are
fitted by it alone, and the fitted spec is ordinary input to ``build`` and ``check``."""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from layout.articles import load_articles
from layout.build import build, fonts_for
from layout.cli import main
from layout.compose.page import compose_page
from layout.errors import SpecErrors
from layout.fit.levers import IntertitleSite, IntertitleSpace, sites
from layout.fit.misfit import stories
from layout.fit.spectext import fitted_text
from layout.report import ProblemKind
from layout.spec import load_spec

sys.path.insert(0, str(Path(__file__).parent))
from fit_project import add_own_page, pdf_text, squash  # noqa: E402

ROBOTICS_HEAD = "    headline: {lines: 6}\n  - id: renewal\n"
BRIEFS_AT = "    at: {column: 4, span: 1, line: 1, lines: 34}\n"
# Only the intertitles may change: the head and the edges held.
ONLY = "headline_lines: [6, 6], move: 0"


def _robotics(edition: Path, copyfit: str) -> Path:
    """The own page with two intertitles in the robotics story and its last 12 characters
    cut: a story two lines over with one blank line before each intertitle."""
    page = add_own_page(edition)
    record = edition.parent.parent / "articles" / "tabloid" / "robotics.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    body = data["body"]
    body.insert(4, {"intertitle": "降本增效看得见"})
    body.insert(2, {"intertitle": "样本库里练眼力"})
    body[-1] = body[-1][:-13] + "。"
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    text = page.read_text(encoding="utf-8")
    assert ROBOTICS_HEAD in text
    new = f"    headline: {{lines: 6}}\n    copyfit: {{{copyfit}}}\n  - id: renewal\n"
    page.write_text(text.replace(ROBOTICS_HEAD, new), encoding="utf-8")
    return page


def _briefs(edition: Path, extra: str) -> Path:
    """The own page with ``extra`` keys in the briefs box (one column, five intertitles)."""
    page = add_own_page(edition)
    text = page.read_text(encoding="utf-8")
    assert BRIEFS_AT in text
    page.write_text(text.replace(BRIEFS_AT, BRIEFS_AT + extra), encoding="utf-8")
    return page


def _fits(fitted: Path, tmp_path: Path, article: str) -> None:
    """The fitted spec builds with every story fitting, the story's text all there, and
    passes ``check``."""
    pdf = tmp_path / "fitted.pdf"
    result = build(fitted, pdf)
    kinds = {p.kind for p in result.problems}
    assert ProblemKind.OVERSET not in kinds and ProblemKind.UNDERSET not in kinds
    assert all(s.fits for s in stories(result.page))
    if shutil.which("pdftotext"):
        text = pdf_text(pdf)
        for paragraph in load_articles(result.spec.article_files)[article].paragraphs:
            assert squash(paragraph.text) in text, paragraph.index
    assert main(["check", str(fitted)]) == 0


def test_a_story_two_lines_over_takes_the_blank_lines_out(
    sample_edition: Path, tmp_path: Path, capsys
) -> None:
    spec = _robotics(sample_edition, ONLY + ", intertitle_space: [0, 1]")
    before = build(spec, None)
    fit = (ProblemKind.OVERSET, ProblemKind.UNDERSET)
    over = [p for p in before.problems if p.box == "robotics" and p.kind in fit]
    assert [p.kind for p in over] == [ProblemKind.OVERSET]
    assert over[0].details.lines == 2
    fitted = spec.with_name("fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 0
    out = capsys.readouterr().out
    assert "robotics: blank lines before intertitles 1→0" in out
    assert load_spec(fitted).box("robotics").intertitle_space == 0
    # The key is added to the box, above its second key; nothing else of the text changes.
    old, new = spec.read_text("utf-8").splitlines(), fitted.read_text("utf-8").splitlines()
    added = [line for line in new if line not in old]
    assert added == ["    intertitle_space: 0"]
    assert [line for line in new if line != added[0]] == old
    assert new[new.index(added[0]) - 1].startswith("  - id: robotics")
    _fits(fitted, tmp_path, "robotics")
    capsys.readouterr()


def test_a_story_two_lines_under_is_given_blank_lines(
    sample_edition: Path, tmp_path: Path, capsys
) -> None:
    spec = _briefs(
        sample_edition,
        "    intertitle_space: 0\n    copyfit: {move: 0, intertitle_space: [0, 2]}\n",
    )
    # Two empty lines at its foot: more than the one a fitted page allows (the build warns
    # of underset only beyond its own tolerance).
    briefs = next(s for s in stories(build(spec, None).page) if s.box == "briefs")
    assert (briefs.overset_lines, briefs.empty_lines, briefs.fits) == (0, 2, False)
    fitted = spec.with_name("fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 0
    assert "briefs: blank lines before intertitles 0→1" in capsys.readouterr().out
    diff = [
        (a, b)
        for a, b in zip(
            spec.read_text("utf-8").splitlines(),
            fitted.read_text("utf-8").splitlines(),
            strict=True,
        )
        if a != b
    ]
    assert diff == [("    intertitle_space: 0", "    intertitle_space: 1")]
    _fits(fitted, tmp_path, "briefs")
    capsys.readouterr()


def test_without_a_range_the_spacing_is_held(sample_edition: Path, capsys) -> None:
    spec = _robotics(sample_edition, ONLY)
    assert not [s for s in sites(load_spec(spec)) if isinstance(s, IntertitleSite)]
    fitted = spec.with_name("fitted.yaml")
    assert main(["fit", str(spec), "-o", str(fitted)]) == 1
    assert "still: robotics" in capsys.readouterr().out
    assert "intertitle_space" not in fitted.read_text("utf-8")


def test_the_site_comes_last_and_keeps_to_its_range(sample_edition: Path) -> None:
    spec = load_spec(_robotics(sample_edition, "intertitle_space: [0, 3]"))
    found = sites(spec)
    assert isinstance(found[-1], IntertitleSite) and found[-1].box == "robotics"
    assert [c.after for c in found[-1].candidates(spec)] == [0, 2, 3]
    assert all(not isinstance(s, IntertitleSite) for s in found[:-1])


def test_a_story_without_intertitles_has_no_site(sample_edition: Path) -> None:
    page = add_own_page(sample_edition)
    text = page.read_text("utf-8").replace(
        "copyfit: {headline_lines: [7, 9], move: 6}",
        "copyfit: {headline_lines: [7, 9], move: 6, intertitle_space: [0, 2]}",
    )
    page.write_text(text, "utf-8")
    spec = load_spec(page)
    assert spec.box("renewal").copyfit.intertitle_space == (0, 2)
    assert not [s for s in sites(spec) if isinstance(s, IntertitleSite)]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("    copyfit: {intertitle_space: [2, 1]}\n", "expected [MIN, MAX] with MIN ≤ MAX"),
        ("    copyfit: {intertitle_space: [2, 3]}\n", "intertitle_space of 1 line"),
        (
            "    intertitle_space: 3\n    copyfit: {intertitle_space: [0, 2]}\n",
            "intertitle_space of 3 lines",
        ),
        ("    copyfit: {intertitle_space: [-1, 2]}\n", "expected an integer ≥ 0"),
    ],
)
def test_a_bad_range_is_reported_where_it_is(
    sample_edition: Path, extra: str, message: str
) -> None:
    with pytest.raises(SpecErrors) as raised:
        load_spec(_briefs(sample_edition, extra))
    text = "\n".join(str(e) for e in raised.value.errors)
    assert "stack.yaml:" in text and "boxes[3].copyfit.intertitle_space" in text
    assert message in text


@dataclass(frozen=True)
class _Box:
    intertitle_space: int


@dataclass(frozen=True)
class _Fitted:
    """What ``fitted_text`` reads of a fitted spec: each box's values."""

    space: int

    def box(self, box_id: str) -> _Box:
        return _Box(self.space)


def test_a_flow_mapping_box_gets_the_key_as_its_first_entry() -> None:
    text = "boxes:\n  - {id: a, kind: article, article: a}  # a story\n"
    out = fitted_text(text, _Fitted(2), [IntertitleSpace("a", 1, 2)])  # type: ignore[arg-type]
    assert out == "boxes:\n  - {intertitle_space: 2, id: a, kind: article, article: a}  # a story\n"
    assert yaml.safe_load(out)["boxes"][0]["intertitle_space"] == 2


def test_blank_lines_count_as_far_as_the_column_foot(sample_edition: Path) -> None:
    """The robotics story (3 columns) with two intertitles and its last three paragraphs
    cut: more blank lines before its intertitles take more of its room only while they are
    in a column — one pushed past a column's foot starts the next column, and the slots
    skipped are the rest of the column. Every slot of the box is used or empty, once (the
    compose stage once counted blank lines past the foot as used: used_lines grew with the
    spacing while the text ended where it did and its empty lines stayed the same)."""
    spec_path = add_own_page(sample_edition)
    record = sample_edition.parent.parent / "articles" / "tabloid" / "robotics.yaml"
    data = yaml.safe_load(record.read_text(encoding="utf-8"))
    body = data["body"]
    body.insert(4, {"intertitle": "降本增效看得见"})
    body.insert(2, {"intertitle": "样本库里练眼力"})
    data["body"] = body[:-3]
    record.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    spec = load_spec(spec_path)
    fonts = fonts_for(spec)
    empty: list[int] = []
    for fill in ("foot", "balance"):
        for space in range(4):
            trial = IntertitleSpace("robotics", 1, space).apply(spec)
            trial = trial._replace(
                boxes=tuple(b._replace(fill=fill) if b.id == "robotics" else b for b in trial.boxes)
            )
            box = next(b for b in compose_page(trial, fonts).boxes if b.id == "robotics")
            assert box.overset_lines == 0
            assert box.used_lines + box.empty_lines == box.capacity_lines, (fill, space)
            empty.append(box.empty_lines)
        assert empty == sorted(empty, reverse=True), (fill, empty)  # never more room
        empty.clear()
