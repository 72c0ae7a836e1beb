"""Watching an edition: only the pages whose inputs changed are composed again, and the
pages their stories continue to."""

from __future__ import annotations

import io
import os
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


def test_the_watch_composes_only_what_changed(tmp_path: Path, sample_edition: Path) -> None:
    edition = sample_edition
    touched = [edition.parent / "vertical.yaml", edition.parent / "front.yaml"]

    def touch_next(_seconds: float) -> None:
        if touched:
            path = touched.pop(0)
            stat = path.stat()
            path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))

    stream = io.StringIO()
    out, overview = tmp_path / "w-proof.pdf", tmp_path / "w.png"
    code = watch_edition(
        edition, out, overview=overview, max_rebuilds=3, sleep=touch_next, stream=stream
    )
    assert code == 0
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3, lines
    assert "pages composed 1, 2, 3, 4;" in lines[0]
    assert "pages composed 4;" in lines[1]
    assert "pages composed 1, 2;" in lines[2]
    assert out.is_file() and overview.is_file()
