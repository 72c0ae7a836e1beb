"""tests/fit/fit_project.py, the copy-fit tests' helpers: a record is named exactly."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from fit_project import record  # noqa: E402


def test_a_record_is_found_by_its_exact_path(sample_edition) -> None:
    """tests/fit/fit_project.record: record file names repeat across folders (page2/library,
    unseen/library): a record is named by its path under articles/, and a bare name is only
    the record at the folder's top."""
    articles = sample_edition.parent.parent / "articles"
    assert record(sample_edition, "page2/library") == articles / "page2" / "library.yaml"
    assert record(sample_edition, "unseen/library") == articles / "unseen" / "library.yaml"
    assert record(sample_edition, "jinshan") == articles / "jinshan.yaml"
    with pytest.raises(FileNotFoundError):
        record(sample_edition, "library")
