"""Watching an edition: only the pages whose inputs changed are composed again, and the
pages their stories continue to."""

from __future__ import annotations

import io
from pathlib import Path

from layout.proof.watch_edition import continued_from, pages_to_rebuild, watch_edition
from layout.spec.edition import load_edition

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "page_specs"


def test_a_page_depends_on_the_pages_continuing_to_it(tmp_path: Path, sample_edition: Path) -> None:
    specs = load_edition(sample_edition).specs
    assert continued_from(specs) == {1: set(), 2: {1}, 3: set(), 4: set()}
    # Pages 1, 3 and 4 read the articles folder (every record in it is an input of each): a
    # record changed composes them again, and page 2, where the 双拥 story goes on.
    assert pages_to_rebuild(specs, [tmp_path / "articles" / "shuangyong.yaml"]) == {1, 2, 3, 4}
    # page 2's own copy: page 2 only
    assert pages_to_rebuild(specs, [tmp_path / "articles" / "page2" / "bus.yaml"]) == {2}
    # a record added to (or removed from) a folder: the pages that read the folder
    assert pages_to_rebuild(specs, [tmp_path / "articles"]) == {1, 2, 3, 4}
    assert pages_to_rebuild(specs, [tmp_path / "articles" / "page2"]) == {2}
    # the shared file: every page
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "edition.yaml"]) == {1, 2, 3, 4}
    # a page spec: that page, and those continued from it
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "vertical.yaml"]) == {4}
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "culture.yaml"]) == {3}
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "page2.yaml"]) == {2}
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "front.yaml"]) == {1, 2}


def test_the_watch_composes_only_what_changed(
    tmp_path: Path, sample_edition: Path, scripted
) -> None:
    edition = sample_edition

    def edit(name: str):
        def step() -> list[Path]:
            path = edition.parent / name
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            return [path]

        return step

    stream = io.StringIO()
    out, overview = tmp_path / "w-proof.pdf", tmp_path / "w.png"
    source = scripted(edit("vertical.yaml"), edit("front.yaml"))
    code = watch_edition(edition, out, overview=overview, stream=stream, source=source)
    assert code == 0
    lines = [line for line in stream.getvalue().splitlines() if not line.startswith(" ")]
    assert len(lines) == 3, lines
    assert " start: rebuilt " in lines[0] and "pages composed 1, 2, 3, 4;" in lines[0]
    assert " vertical.yaml: rebuilt " in lines[1] and "pages composed 4;" in lines[1]
    assert " front.yaml: rebuilt " in lines[2] and "pages composed 1, 2;" in lines[2]
    assert lines[0].endswith("; no problems")  # the sample edition fits
    # every page's inputs are watched, the edition file first
    assert source.watched[0] and next(iter(source.watched[0])) is not None
    assert edition in source.watched[0] and edition.parent / "vertical.yaml" in source.watched[0]
    assert out.is_file() and overview.is_file()


def test_a_new_record_in_a_pages_folder_composes_that_page(
    tmp_path: Path, sample_edition: Path, scripted
) -> None:
    folder = tmp_path / "articles" / "page2"  # page 2's own records

    def swap_file() -> list[Path]:  # an editor's: the folder's reader skips it
        (folder / ".bus.yaml.swp").write_text("0", encoding="utf-8")
        return [folder]

    def new_record() -> list[Path]:  # no box names it yet: page 2 is composed again all the same
        (folder / "new.yaml").write_text("id: new\nheadline: x\nbody: [新的]\n", encoding="utf-8")
        return [folder]

    def bad_record() -> list[Path]:
        (folder / "bad.yaml").write_text("id: bad\nheadline: x\nbody: [1\n", encoding="utf-8")
        return [folder]

    stream = io.StringIO()
    source = scripted(swap_file, new_record, bad_record)
    out, overview = tmp_path / "w-proof.pdf", tmp_path / "w.png"
    code = watch_edition(sample_edition, out, overview=overview, stream=stream, source=source)
    assert code == 0
    lines = [line for line in stream.getvalue().splitlines() if not line.startswith(" ")]
    assert len(lines) == 3, lines  # the swap file rebuilt nothing
    assert " new.yaml: rebuilt " in lines[1] and "pages composed 2;" in lines[1]
    assert " bad.yaml: 1 error, waiting for a change" in lines[2]
    assert "bad.yaml:4:1: YAML syntax error" in stream.getvalue()
    assert folder in source.watched[0] and tmp_path / "articles" in source.watched[0]
