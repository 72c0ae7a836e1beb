"""What a watch looks at: every file the build reads — the spec and what it extends, its
article records and the images they place, the fonts manifest and the font files — and the
folder of records it lists, where a record added or removed is a change and a file the
folder's reader skips (an editor's swap file, a backup, a note) is not."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from layout.articles import listed_names
from layout.init import init_project
from layout.proof.watch import (
    folder_listings,
    next_change,
    watch,
    watched_files,
    watched_inputs,
)
from layout.proof.watch_edition import watch_edition
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


# -- a folder of records: a record added or removed is a change, an editor's file is not -----

BAD_RECORD = "id: new\nheadline: x\nbody: [1\n"  # the flow list never closed: a YAML error
# What an editor leaves beside a record, none of which the folder's reader reads.
IGNORED = ("notes.txt", ".new.yaml.swp", "new.yaml~", "new.yaml.bak")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The starter (``banmian init``): ``front.yaml`` reads the folder ``articles`` (its
    ``edition.yaml`` says ``articles: articles``)."""
    return init_project(tmp_path / "proj").folder


def editor_files(folder: Path) -> list[Path]:
    """An editor's swap file, a backup, a note, a lock link (a link to nowhere, as Emacs
    makes): written in ``folder``, and the folder returned as the change, as the file events
    report an entry of a watched folder."""
    for name in IGNORED:
        (folder / name).write_text("0", encoding="utf-8")
    (folder / ".#new.yaml").symlink_to("user@host.1234")
    (folder / "drafts").mkdir()
    return [folder]


def test_the_articles_folder_is_watched_with_the_records_read_in_it(project: Path) -> None:
    spec = load_spec(project / "front.yaml")
    files, folders = watched_inputs(spec)
    articles = project / "articles"
    assert folders == [(articles, ("clinic.yaml", "library.yaml"))]
    assert folders == folder_listings([spec, spec])  # each folder once
    assert articles not in files  # a folder is compared by its listing, not as a file
    assert listed_names(articles) == ("clinic.yaml", "library.yaml")
    editor_files(articles)
    assert listed_names(articles) == ("clinic.yaml", "library.yaml")  # none of them is read
    (articles / "new.yml").write_text(BAD_RECORD, encoding="utf-8")
    assert listed_names(articles) == ("clinic.yaml", "library.yaml", "new.yml")
    assert listed_names(project / "gone") is None


def test_a_new_record_is_a_change_and_an_editors_file_is_not(project: Path, scripted) -> None:
    articles = project / "articles"

    def new_record() -> list[Path]:
        (articles / "new.yaml").write_text(BAD_RECORD, encoding="utf-8")
        return [articles]

    source = scripted(lambda: editor_files(articles), new_record)
    folders: dict[Path, tuple[str, ...] | None] = {articles: ("clinic.yaml", "library.yaml")}
    spec = project / "front.yaml"
    changed = next_change(source, [spec], folders)
    assert changed == {articles, articles / "new.yaml"}
    assert len(source.watched) == 2  # the editor's files were waited past
    assert all(articles in watched and spec in watched for watched in source.watched)
    assert folders[articles] == ("clinic.yaml", "library.yaml", "new.yaml")  # the new stamp
    assert next_change(source, [spec], folders) is None  # the script is over


def test_a_record_added_before_the_wait_is_a_change_without_an_event(
    project: Path, scripted
) -> None:
    # Added while the proof was built (to a folder the events did not cover yet): the folder
    # is compared before the first wait, so no event is needed.
    articles = project / "articles"
    folders: dict[Path, tuple[str, ...] | None] = {articles: ("clinic.yaml", "library.yaml")}
    (articles / "library.yaml").unlink()
    source = scripted()
    changed = next_change(source, [project / "front.yaml"], folders)
    assert changed == {articles, articles / "library.yaml"}
    assert source.watched == []  # not waited for
    assert folders[articles] == ("clinic.yaml",)


def test_the_watch_rebuilds_on_a_new_record_and_reports_its_error(project: Path, scripted) -> None:
    articles = project / "articles"
    spec = project / "front.yaml"

    def new_record() -> list[Path]:
        (articles / "new.yaml").write_text(BAD_RECORD, encoding="utf-8")
        return [articles]

    def copy_with_the_same_id() -> list[Path]:  # the bad record fixed, and a duplicate added
        (articles / "new.yaml").unlink()
        shutil.copy(articles / "library.yaml", articles / "library2.yaml")
        return [articles]

    def removed() -> list[Path]:
        (articles / "library2.yaml").unlink()
        return [articles]

    steps = [lambda: editor_files(articles), new_record, copy_with_the_same_id, removed]
    stream = io.StringIO()
    source = scripted(*steps)
    assert watch(spec, project / "proof.pdf", stream=stream, source=source) == 0
    lines = stream.getvalue().splitlines()
    heads = [line.split(" ", 1)[1] for line in lines if not line.startswith(" ")]
    assert [h.split(":")[0] for h in heads] == [
        "start",
        "new.yaml",
        "library2.yaml, new.yaml",
        "library2.yaml",
    ]
    assert heads[0].startswith("start: rebuilt ") and heads[0].endswith("; no problems")
    assert heads[1] == "new.yaml: 1 error, waiting for a change"
    assert heads[2] == "library2.yaml, new.yaml: 1 error, waiting for a change"
    assert heads[3].startswith("library2.yaml: rebuilt ")
    errors = [line.strip() for line in lines if line.startswith(" ")]
    assert len(errors) == 2
    assert "new.yaml:4:1: YAML syntax error" in errors[0]  # the new record's own error
    assert "duplicate article id 'library'" in errors[1] and "library2.yaml" in errors[1]
    assert articles in source.watched[0]


def test_a_watch_started_on_bad_input_sees_a_new_record(project: Path, scripted) -> None:
    # The load fails, so no page is made: the folder it listed is watched all the same, and a
    # record no error points at, added there, is a change.
    articles = project / "articles"
    shutil.copy(articles / "library.yaml", articles / "library2.yaml")

    def new_record() -> list[Path]:
        (articles / "new.yaml").write_text(BAD_RECORD, encoding="utf-8")
        return [articles]

    def removed() -> list[Path]:
        (articles / "library2.yaml").unlink()
        (articles / "new.yaml").unlink()
        return [articles]

    stream = io.StringIO()
    source = scripted(lambda: editor_files(articles), new_record, removed)
    assert watch(project / "front.yaml", project / "p.pdf", stream=stream, source=source) == 0
    heads = [line.split(" ", 1)[1] for line in stream.getvalue().splitlines() if line[:1] != " "]
    assert heads[:2] == [
        "start: 1 error, waiting for a change",
        "new.yaml: 2 errors, waiting for a change",
    ]
    assert heads[2].startswith("library2.yaml, new.yaml: rebuilt ") and len(heads) == 3
    assert articles in source.watched[0]


def test_the_loaders_warnings_are_printed_first_and_when_they_change(
    project: Path, scripted
) -> None:
    """A record placed by no box of the edition is printed nowhere: the watch says so under
    the rebuild's line, as ``banmian build`` does on standard error, once while it stays,
    and says when it is gone."""
    record = project / "articles" / "extra.yaml"

    def unplaced() -> list[Path]:
        record.write_text("id: extra\nheadline: 多余\nbody: [正文。]\n", encoding="utf-8")
        return [record.parent]

    def edited() -> list[Path]:  # the same record edited: the same warning, not repeated
        record.write_text("id: extra\nheadline: 多余\nbody: [正文二。]\n", encoding="utf-8")
        return [record]

    def removed() -> list[Path]:
        record.unlink()
        return [record.parent]

    stream = io.StringIO()
    source = scripted(unplaced, edited, removed)
    assert watch_edition(project / "edition.yaml", stream=stream, source=source) == 0
    lines = stream.getvalue().splitlines()
    heads = [n for n, line in enumerate(lines) if not line.startswith(" ")]
    assert len(heads) == 4 and all(" rebuilt " in lines[n] for n in heads)
    under = [lines[a + 1 : b] for a, b in zip(heads, [*heads[1:], len(lines)], strict=True)]
    assert under[0] == []
    assert len(under[1]) == 1
    assert under[1][0].startswith("  warning: ")
    assert "'extra' is placed by no box" in under[1][0] and "extra.yaml" in under[1][0]
    assert under[2] == []
    assert under[3] == ["  no warnings or notes from the spec now"]
