"""layout.build: a page of an edition built alone is composed with the pages its stories come
from (EditionSource); a page of no edition is built on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.build import build, edition_source, fonts_for, page_inputs
from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, OutputError, PageErrors
from layout.report import ProblemKind
from layout.spec import load_spec


def test_a_continuation_page_built_alone_holds_the_story_it_continues(
    sample_edition: Path,
) -> None:
    page2 = sample_edition.parent / "page2.yaml"
    spec = load_spec(page2)
    source = edition_source(spec)
    assert source is not None and source.number == 2
    assert [s.page.number for s in source.sources()] == [1, 2]
    result = build(page2, None, dry_run=True)
    assert not [p for p in result.problems if p.kind is ProblemKind.EMPTY_CONTINUATION]
    box = next(b for b in result.page.boxes if b.id == "shuangyong")
    assert box.used_lines > 0  # the front page's story flowed in


def test_a_page_that_continues_nothing_is_built_alone(sample_edition: Path) -> None:
    front = load_spec(sample_edition.parent / "front.yaml")
    assert front.edition_file is not None
    assert edition_source(front) is None  # its stories start on it: no other page is needed


def test_the_pages_a_story_comes_from_are_inputs_of_the_build(sample_edition: Path) -> None:
    page2 = sample_edition.parent / "page2.yaml"
    spec = load_spec(page2)
    inputs = page_inputs(spec, fonts_for(spec), edition_source(spec))
    paths = [f.path.resolve() for f in inputs]
    assert len(paths) == len(set(paths))  # the shared files once
    front = (sample_edition.parent / "front.yaml").resolve()
    assert front in paths and sample_edition.resolve() in paths
    record = (sample_edition.parent.parent / "articles" / "shuangyong.yaml").resolve()
    assert record in paths
    with pytest.raises(OutputError, match="of page 1, whose story it continues"):
        build(page2, record)
    assert record.read_text(encoding="utf-8").strip()  # left as it was


def test_a_continuation_page_of_an_edition_that_does_not_load_is_bad_input(
    sample_edition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Page 2 built alone is set with page 1, whose story it continues: page 1's bad input
    fails it (exit 2, nothing written), said at the box that continues, then page 1's errors;
    never an empty box written."""
    front = sample_edition.parent / "front.yaml"
    front.write_text(front.read_text(encoding="utf-8") + "\nbogus_key: 1\n", encoding="utf-8")
    page2 = sample_edition.parent / "page2.yaml"
    with pytest.raises(PageErrors) as caught:
        build(page2, None, dry_run=True)
    why, *errors = caught.value.errors
    assert why.pos is not None and why.pos.file == page2 and why.key_path.startswith("boxes[")
    assert why.message.startswith("box 'shuangyong' continues a story from another page")
    assert [(e.pos.file if e.pos else None, e.key_path) for e in errors] == [(front, "bogus_key")]
    assert caught.value.pages == ((1, front),)
    out = sample_edition.parent / "page2.pdf"
    assert main(["build", str(page2), "-o", str(out)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "bogus_key: unknown key" in err and "bad input on page 1" in err
    assert not out.exists()
    # A page that continues nothing is built alone still.
    assert build(sample_edition.parent / "culture.yaml", None, dry_run=True).page.number == 3
