"""Shared fixtures: the sample front page, built once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run the same examples on every run (CI must not flake); set
# BANMIAN_EXAMPLES=5000 for a deeper, random search.
settings.register_profile(
    "banmian", derandomize=not os.environ.get("BANMIAN_EXAMPLES"), deadline=None
)
settings.load_profile("banmian")

REPO = Path(__file__).resolve().parents[1]
FRONT_SPEC = REPO / "page_specs" / "front.yaml"


@pytest.fixture(scope="session", autouse=True)
def _own_cache(tmp_path_factory: pytest.TempPathFactory):
    """The test session's caches (press images, word cuts, verified and converted faces) in
    a folder of its own, inherited by the builds it runs as subprocesses: tests neither read
    what earlier runs left in the user's cache folder nor leave records there. A
    ``BANMIAN_CACHE`` already set (a test run that wants a warm cache) is kept."""
    if os.environ.get("BANMIAN_CACHE"):
        yield
        return
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BANMIAN_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture(scope="session")
def front_build(tmp_path_factory: pytest.TempPathFactory):
    """``layout.build.build`` of ``page_specs/front.yaml``: the BuildResult, PDF written once
    (``result.output``) and shared by every test that reads the sample page."""
    from layout.build import build

    out = tmp_path_factory.mktemp("front") / "front.pdf"
    result = build(FRONT_SPEC, out)
    assert out.is_file()
    return result


SAMPLE_EDITION = ("edition.yaml", "front.yaml", "page2.yaml", "culture.yaml", "vertical.yaml")


@pytest.fixture
def sample_edition(tmp_path: Path) -> Path:
    """The sample edition in a folder of its own, to edit: ``page_specs/edition.yaml`` and
    the page specs it lists, and the articles copied; the images, fonts and advertisements
    linked. Returns the edition file."""
    import shutil

    (tmp_path / "page_specs").mkdir()
    for name in SAMPLE_EDITION:
        shutil.copy(REPO / "page_specs" / name, tmp_path / "page_specs" / name)
    shutil.copytree(REPO / "articles", tmp_path / "articles")
    for folder in ("images", "fonts", "ads"):
        (tmp_path / folder).symlink_to(REPO / folder)
    return tmp_path / "page_specs" / "edition.yaml"


class ScriptedChanges:
    """A change source for ``banmian watch`` (``layout.proof.watch.ChangeSource``) that runs
    scripted edits instead of waiting for file events: each step edits files and returns
    those it changed; after the last the watch ends. ``watched`` keeps the files each wait
    was given, so a test sees what the loop watches."""

    def __init__(self, *steps) -> None:
        self.steps = list(steps)
        self.watched: list[set[Path]] = []

    def wait(self, files) -> set[Path] | None:
        self.watched.append({Path(f) for f in files})
        if not self.steps:
            return None
        return {Path(f) for f in self.steps.pop(0)()}


@pytest.fixture
def scripted():
    """``scripted(step, …)``: a :class:`ScriptedChanges` of those steps."""
    return ScriptedChanges
