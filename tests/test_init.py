"""banmian init: the starter project is written whole (or, when a file cannot be, not at all),
refuses a folder in use, and builds and proofs at once with no problem (with the bundled
fonts: it names no manifest)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pikepdf
import pytest
import yaml

from layout.bundled import BUNDLED_MANIFEST
from layout.cli import main
from layout.errors import EXIT_BAD_INPUT, EXIT_WRITE_FAILED, OutputError
from layout.init import init_project, starter_files
from layout.spec.edition import load_edition


def test_init_writes_the_starter_and_it_uses_the_bundled_fonts(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "proj"
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    assert f"banmian build {folder / 'edition.yaml'}" in out
    written = sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())
    assert written == starter_files()
    names = {p.as_posix() for p in written}
    assert {"edition.yaml", "front.yaml", "README.md", "images/photo.jpg"} <= names
    assert {"images/LICENSE.md", "articles/clinic.yaml", "articles/library.yaml"} <= names
    assert not any(name.endswith((".ttf", ".otf", ".ttc")) for name in names)  # no fonts copied
    edition = load_edition(folder / "edition.yaml")
    assert [s.fonts_manifest for s in edition.specs] == [BUNDLED_MANIFEST]
    assert "fonts" not in yaml.safe_load((folder / "edition.yaml").read_text(encoding="utf-8"))
    # Two stories, one with the photo, each placed on the page.
    (spec,) = edition.specs
    assert {b.article for b in spec.boxes if b.article} == {"clinic", "library"}


def test_the_starter_builds_strict_with_no_problem_and_proofs(tmp_path: Path, capsys) -> None:
    project = init_project(tmp_path / "proj")
    assert main(["build", str(project.edition), "--strict"]) == 0
    captured = capsys.readouterr()
    assert captured.err == ""  # not a warning: no overset, no underset, no missing character
    # One page: the counts in the singular ("1 page PDF", not "1 page PDFs").
    assert "and 1 page PDF beside it (1 page, 0 problems, 0 errors)" in captured.out
    pdf = project.folder / "edition.pdf"  # beside the spec
    with pikepdf.open(pdf) as doc:
        assert len(doc.pages) == 1
    assert (project.folder / "edition-p01.pdf").is_file()
    assert main(["proof", str(project.edition), "--strict", "--png", "40"]) == 0
    report = capsys.readouterr().out
    assert "ready for print" in report
    for name in ("edition-proof.pdf", "edition-proof-1.png", "edition-overview.png"):
        assert (project.folder / name).is_file(), name


def test_init_refuses_a_folder_in_use(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "proj"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["init", str(folder)]) == EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert "not empty" in err and "--force" in err and "Traceback" not in err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    # --force writes the starter beside what is there, touching nothing else.
    assert main(["init", str(folder), "--force"]) == 0
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (folder / "edition.yaml").is_file()


def test_init_refuses_a_file(tmp_path: Path, capsys) -> None:
    target = tmp_path / "proj"
    target.write_text("", encoding="utf-8")
    assert main(["init", str(target), "--force"]) == EXIT_BAD_INPUT
    assert "not a folder" in capsys.readouterr().err


def tree(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_init_that_cannot_write_a_file_leaves_the_folder_as_it_was(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "proj"
    (folder / "edition.yaml").mkdir(parents=True)  # a folder where the edition file goes
    (folder / "README.md").write_text("mine", encoding="utf-8")
    assert main(["init", str(folder), "--force"]) == EXIT_WRITE_FAILED
    assert capsys.readouterr().err == (
        f"banmian: cannot write {folder / 'edition.yaml'}: it is a folder (EISDIR); none of "
        f"the {len(starter_files())} files was written: each one there before is as it was\n"
    )
    assert tree(folder) == ["README.md", "edition.yaml"]
    assert (folder / "README.md").read_text(encoding="utf-8") == "mine"


def test_init_into_a_new_folder_that_fails_leaves_no_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from layout import output

    real_stage = output._stage
    staged = []

    def stage(path, *rest):
        staged.append(path)
        if len(staged) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_stage(path, *rest)

    monkeypatch.setattr(output, "_stage", stage)
    with pytest.raises(OutputError, match="the disk is full"):
        init_project(tmp_path / "new" / "proj")
    assert tree(tmp_path) == []


@pytest.mark.parametrize("name", ["edition.yaml", "front.yaml"])
def test_the_starter_specs_say_how_to_build(name: str, tmp_path: Path) -> None:
    project = init_project(tmp_path / "proj")
    text = (project.folder / name).read_text(encoding="utf-8")
    assert "banmian build" in text


def test_the_starter_readme_s_fit_command_runs(tmp_path: Path, capsys) -> None:
    """The fit its README gives is one banmian takes (an edition page's fit is the
    edition's: ``layout.fit.command``): the starter fits as it is (exit 0)."""
    import re

    folder = tmp_path / "paper"
    assert main(["init", str(folder)]) == 0
    readme = (folder / "README.md").read_text(encoding="utf-8")
    (spec, out) = re.search(r"`banmian fit (\S+)\s+-o (\S+)`", readme).groups()
    assert main(["fit", str(folder / spec), "-o", str(folder / out)]) == 0
    capsys.readouterr()


def test_force_records_what_it_replaced_added_and_left_alone(tmp_path: Path) -> None:
    folder = init_project(tmp_path / "proj").folder
    (folder / "README.md").write_text("mine", encoding="utf-8")
    (folder / "edition.yaml").unlink()
    (folder / "drafts").mkdir()
    (folder / "drafts" / "a.yaml").write_text("a", encoding="utf-8")
    project = init_project(folder, force=True)
    assert project.replaced == (folder / "README.md",)
    assert project.added == (folder / "edition.yaml",)
    assert set(project.unchanged) == set(project.files) - {
        folder / "README.md",
        folder / "edition.yaml",
    }
    assert project.left_alone == ("drafts/",)  # a folder of none of the starter's: one entry
    assert (folder / "drafts" / "a.yaml").read_text(encoding="utf-8") == "a"
