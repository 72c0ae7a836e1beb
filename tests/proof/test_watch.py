"""What a watch looks at: the spec, its article records and the images they place."""

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
