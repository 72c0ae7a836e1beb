"""The file events of ``banmian watch`` (watchfiles): a change to a watched file is reported,
a change to another file in the same folder is not, a file created in a watched folder reports
the folder, and a change made while the watch was busy (a proof being built) is not lost.
Each wait returns once the event has arrived, so no test here depends on how long anything
takes."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from layout.proof.watch import WatchfilesSource


def _later(action) -> threading.Thread:
    # The edit is made once the watcher is waiting; the wait returns when the event arrives
    # however late that is (a wait is unbounded: it is the event that ends it).
    thread = threading.Timer(0.3, action)
    thread.start()
    return thread


def wait(source: WatchfilesSource, files: list[Path]) -> set[Path] | None:
    """``source.wait(files)``, failing instead of hanging the run if no event ever comes (a
    guard: a passing wait returns as soon as its event is there)."""
    found: list[set[Path] | None] = []
    worker = threading.Thread(target=lambda: found.append(source.wait(files)), daemon=True)
    worker.start()
    worker.join(120)
    assert found, "no file event within two minutes"
    return found[0]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    spec, other = tmp_path / "a" / "spec.yaml", tmp_path / "a" / "x.txt"
    record = tmp_path / "b" / "r.yaml"
    for f in (spec, other, record):
        f.write_text("0", encoding="utf-8")
    return spec, other, record


def test_a_watched_file_is_reported_and_another_in_its_folder_is_not(files) -> None:
    spec, other, _ = files
    source = WatchfilesSource()

    def edits() -> None:
        other.write_text("1", encoding="utf-8")  # same folder, not watched: ignored
        spec.write_text("1", encoding="utf-8")

    thread = _later(edits)
    assert wait(source, [spec]) == {spec}
    thread.join()


def test_a_file_replaced_by_rename_is_reported(files, tmp_path: Path) -> None:
    spec, _, _ = files
    source = WatchfilesSource()

    def save_by_rename() -> None:  # as editors save: a new file renamed over the old
        new = spec.with_name(".spec.yaml.swp")
        new.write_text("2", encoding="utf-8")
        new.replace(spec)

    thread = _later(save_by_rename)
    assert wait(source, [spec]) == {spec}
    thread.join()


def test_a_change_while_busy_is_kept_for_the_next_wait(files) -> None:
    spec, _, record = files
    source = WatchfilesSource()
    thread = _later(lambda: spec.write_text("1", encoding="utf-8"))
    assert wait(source, [spec, record]) == {spec}
    thread.join()
    record.write_text("1", encoding="utf-8")  # while "the proof is being built"
    assert wait(source, [spec, record]) == {record}


def test_a_change_while_the_folders_change_is_kept(files) -> None:
    spec, _, record = files
    source = WatchfilesSource()
    thread = _later(lambda: spec.write_text("1", encoding="utf-8"))
    assert wait(source, [spec]) == {spec}  # one folder watched
    thread.join()
    spec.write_text("2", encoding="utf-8")  # before the next wait, which adds a folder
    assert wait(source, [spec, record]) == {spec}


def test_a_folder_given_is_reported_for_a_file_created_in_it(files, tmp_path: Path) -> None:
    spec, _, record = files
    folder = record.parent  # b/: only the folder is given, not a file in it
    source = WatchfilesSource()
    thread = _later(lambda: (folder / "new.yaml").write_text("id: new", encoding="utf-8"))
    assert wait(source, [spec, folder]) == {folder}  # the loop asks the reader what it is
    thread.join()
    record.unlink()  # removed while "the proof is being built"
    assert wait(source, [spec, folder]) == {folder}
