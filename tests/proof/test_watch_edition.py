"""Watching an edition: only the pages whose inputs changed are composed again, and the
pages their stories continue to."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

from layout.proof.watch_edition import continued_from, pages_to_rebuild, watch_edition
from layout.spec.edition import load_edition

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "page_specs"
SAMPLE_PAGES = ("edition.yaml", "front.yaml", "culture.yaml", "vertical.yaml")


def edition_copy(root: Path) -> Path:
    """The sample edition in ``root``: page specs and articles copied, the rest linked."""
    (root / "page_specs").mkdir(parents=True)
    for name in SAMPLE_PAGES:
        shutil.copy(SPECS / name, root / "page_specs" / name)
    shutil.copytree(REPO / "articles", root / "articles")
    for folder in ("images", "fonts"):
        (root / folder).symlink_to(REPO / folder)
    return root / "page_specs" / "edition.yaml"


def renumbered(root: Path) -> Path:
    """The sample with the culture page as page 2: the front page's 双拥 story continues to
    it (``continues: {page: 2}``)."""
    edition = edition_copy(root)
    text = edition.read_text(encoding="utf-8")
    edition.write_text(text.replace("{number: 3, name: 城乡", "{number: 2, name: 城乡"), "utf-8")
    return edition


def test_a_page_depends_on_the_pages_continuing_to_it(tmp_path: Path) -> None:
    specs = load_edition(renumbered(tmp_path)).specs
    assert continued_from(specs) == {1: set(), 2: {1}, 4: set()}
    # Every sample page reads the articles folder (every record in it is an input of it):
    # a record changed composes every page again.
    assert pages_to_rebuild(specs, [tmp_path / "articles" / "shuangyong.yaml"]) == {1, 2, 4}
    # the shared file: every page
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "edition.yaml"]) == {1, 2, 4}
    # a page spec: that page, and those continued from it
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "vertical.yaml"]) == {4}
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "culture.yaml"]) == {2}
    assert pages_to_rebuild(specs, [tmp_path / "page_specs" / "front.yaml"]) == {1, 2}


def test_the_watch_composes_only_what_changed(tmp_path: Path) -> None:
    edition = renumbered(tmp_path)
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
    assert "pages composed 1, 2, 4;" in lines[0]
    assert "pages composed 4;" in lines[1]
    assert "pages composed 1, 2;" in lines[2]
    assert out.is_file() and overview.is_file()
