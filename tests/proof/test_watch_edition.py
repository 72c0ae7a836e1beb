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
