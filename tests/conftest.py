"""Shared fixtures: the sample front page, built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FRONT_SPEC = REPO / "page_specs" / "front.yaml"


@pytest.fixture(scope="session")
def front_build(tmp_path_factory: pytest.TempPathFactory):
    """``layout.build.build`` of ``page_specs/front.yaml``: the BuildResult, PDF written once
    (``result.output``) and shared by every test that reads the sample page."""
    from layout.build import build

    out = tmp_path_factory.mktemp("front") / "front.pdf"
    result = build(FRONT_SPEC, out)
    assert out.is_file()
    return result
