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


def test_proof_fit_marks_the_changes_at_their_boxes_on_the_proof_page(
    sample_edition: Path, tmp_path: Path, capsys
) -> None:
    """The proof page itself carries the advice: a note at each box whose story does not
    fit, with what it lacks and the changes that would fix it (the proof PDF's text)."""
    import pdfplumber

    lengthen(sample_edition, "jinshan", 6 * 13)
    shorten(sample_edition, "energy", 6 * 13)
    spec = sample_edition.parent / "front.yaml"
    proof = tmp_path / "p.pdf"
    assert main(["proof", str(spec), "-o", str(proof), "--fit"]) == 0
    out = capsys.readouterr().out
    changes = [
        line.split(": ", 2)[2].split("; ")
        for line in out.splitlines()
        if line.startswith("fit: jinshan (")
    ][0]
    with pdfplumber.open(proof) as pdf:
        (page,) = pdf.pages
        words = page.extract_words(keep_blank_chars=True, use_text_flow=True)
        text = "\n".join(w["text"] for w in words)
        jinshan = _rect(spec, "jinshan")
        notes = [w for w in words if w["text"].startswith("fit: ") and _inside(w, jinshan)]
    assert "fit: over by" in text
    for change in changes:  # every change the text report names for jinshan is on the page
        assert any(change.split(" (")[0] in w["text"] for w in notes), (change, notes)


def _rect(spec: Path, box_id: str) -> tuple[float, float, float, float]:
    """A box's rect on the proof page (whose media box has the bleed around the trim)."""
    from layout.spec import load_spec

    loaded = load_spec(spec)
    r, bleed = loaded.box(box_id).rect, loaded.page.bleed
    return (r.x + bleed, r.y + bleed, r.right + bleed, r.bottom + bleed)


def _inside(word: dict, rect: tuple[float, float, float, float]) -> bool:
    return rect[0] - 1 <= word["x0"] <= rect[2] + 1 and rect[1] - 1 <= word["top"] <= rect[3] + 1
