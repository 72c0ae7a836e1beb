"""What a watch looks at: every file the build reads — the spec and what it extends, its
article records and the images they place, the fonts manifest and the font files."""

from __future__ import annotations

from pathlib import Path

from layout.proof.watch import watched_files
from layout.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]


def test_the_files_a_page_is_made_from() -> None:
    spec = load_spec(ROOT / "page_specs" / "front.yaml")
    files = watched_files(spec)
    assert files[0] == Path(spec.path)
    assert set(spec.article_files) <= set(files)
    assert ROOT / "page_specs" / "edition.yaml" in files  # the shared parts it extends
    assert ROOT / "images" / "ladybird-mate-backgrounds.jpg" in {f.resolve() for f in files}
    assert len(files) == len(set(files))  # each once
    # the fonts: a face replaced in the manifest, or its file rebuilt, sets the page again
    assert spec.fonts_manifest in files
    assert {f.name for f in files} >= {"NotoSerifSC-Regular.ttf", "manifest.yaml"}
