"""banmian init --force over a folder in use names every file it wrote over, those it added
and those already the starter's, and what it left alone; a new folder gets one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.cli import main
from layout.cli.init import MOST_NAMED
from layout.init import init_project, starter_files


def test_a_new_folder_is_one_line_of_files_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "proj"
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == f"wrote {len(starter_files())} files in {folder}; next:"
    assert "replaced" not in out and "left alone" not in out


def test_force_names_the_files_replaced_added_unchanged_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = init_project(tmp_path / "proj").folder
    with (folder / "front.yaml").open("a", encoding="utf-8") as f:
        f.write("# the designer's edit\n")
    (folder / "images" / "photo.jpg").unlink()
    (folder / "articles" / "extra.yaml").write_text("id: extra\n", encoding="utf-8")
    (folder / "mine.txt").write_text("mine", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref: main\n", encoding="utf-8")

    assert main(["init", str(folder), "--force"]) == 0
    lines = capsys.readouterr().out.splitlines()
    unchanged = sorted({p.as_posix() for p in starter_files()} - {"front.yaml", "images/photo.jpg"})
    assert lines[:6] == [
        f"wrote {len(starter_files())} files in {folder}:",
        "  replaced: front.yaml",
        "  added: images/photo.jpg",
        f"  already the starter's: {', '.join(unchanged)}",
        "  left alone (not the starter's): .git/, articles/extra.yaml, mine.txt",
        "next:",
    ]
    # Left alone, and the edit replaced by the starter's file as named.
    assert (folder / "mine.txt").read_text(encoding="utf-8") == "mine"
    assert (folder / ".git" / "HEAD").is_file() and (folder / "articles" / "extra.yaml").is_file()
    assert "the designer's edit" not in (folder / "front.yaml").read_text(encoding="utf-8")


def test_a_long_list_left_alone_is_counted_past_its_first_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "proj"
    folder.mkdir()
    names = [f"note-{k:02d}.txt" for k in range(MOST_NAMED + 3)]
    for name in names:
        (folder / name).write_text("x", encoding="utf-8")
    assert main(["init", str(folder), "--force"]) == 0
    out = capsys.readouterr().out
    shown = ", ".join(names[:MOST_NAMED])
    assert f"  left alone (not the starter's): {shown} and 3 more\n" in out
    assert "  added: " in out and "replaced" not in out
