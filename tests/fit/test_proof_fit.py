"""``banmian proof --fit``: per story over or under, the changes that would fix it."""

from __future__ import annotations

import sys
from pathlib import Path

from layout.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from fit_project import lengthen, shorten  # noqa: E402


def test_proof_fit_names_the_changes_per_story(sample_edition: Path, tmp_path: Path, capsys):
    lengthen(sample_edition, "jinshan", 6 * 13)
    shorten(sample_edition, "energy", 6 * 13)
    spec = sample_edition.parent / "front.yaml"
    before = spec.read_bytes()
    assert main(["proof", str(spec), "-o", str(tmp_path / "p.pdf"), "--fit"]) == 0
    out = capsys.readouterr().out
    fit = [line for line in out.splitlines() if line.startswith("fit: ")]
    jinshan = next(line for line in fit if line.startswith("fit: jinshan (over by"))
    assert "headline" in jinshan or "boundary" in jinshan
    assert fit[-1].startswith("fit: the page fits with these changes")
    assert spec.read_bytes() == before  # a proof writes no spec
    assert not spec.with_name("fitted.yaml").exists()


def test_proof_fit_of_a_page_that_fits(front_build, tmp_path: Path, capsys) -> None:
    assert main(["proof", str(front_build.spec.path), "-o", str(tmp_path / "p.pdf"), "--fit"]) == 0
    assert "fit: every story fits" in capsys.readouterr().out


def test_proof_fit_takes_a_page_spec(sample_edition: Path, tmp_path: Path, capsys) -> None:
    assert main(["proof", str(sample_edition), "-o", str(tmp_path / "p.pdf"), "--fit"]) == 2
    assert "not an edition" in capsys.readouterr().err


def test_watch_fit_prints_the_advice_after_each_rebuild(
    sample_edition: Path, tmp_path: Path, scripted
):
    import io

    from layout.proof import watch

    lengthen(sample_edition, "jinshan", 6 * 13)
    shorten(sample_edition, "energy", 6 * 13)
    stream = io.StringIO()
    spec = sample_edition.parent / "front.yaml"
    assert watch(spec, tmp_path / "p.pdf", stream=stream, fit=True, source=scripted()) == 0
    log = stream.getvalue().splitlines()
    assert " rebuilt " in log[0]
    assert any(line.startswith("  fit: jinshan (over by") for line in log[1:])
    assert log[-1].startswith("  fit: the page fits with these changes")


def test_watch_fit_takes_a_page_spec(sample_edition: Path, capsys) -> None:
    assert main(["watch", str(sample_edition), "--fit"]) == 2
    assert "not an edition" in capsys.readouterr().err
