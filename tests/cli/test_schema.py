"""banmian schema NAME: printed, written with -o FILE, and -o - as standard output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from layout.cli import main


@pytest.mark.parametrize("name", ["page-spec", "article", "report"])
def test_o_dash_prints_the_schema_and_o_file_writes_the_same(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema", name, "-o", "-"]) == 0
    printed = capsys.readouterr().out
    assert not (tmp_path / "-").exists()  # standard output, not a file named "-"
    assert main(["schema", name, "-o", "s.json"]) == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == printed
    assert json.loads(printed)["$schema"].startswith("https://json-schema.org/draft/2020-12")
