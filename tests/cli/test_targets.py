"""An -o that cannot take a proof (standard output, no PDF, a {p} page template) is refused
by proof and watch alike, with the names the proof's pages get instead, before any layout:
exit 2 and nothing written (never a PDF under a .png name, nor a file named with braces)."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.cli import main
from layout.cli.targets import proof_refusal
from layout.errors import EXIT_BAD_INPUT, OutputError
from layout.init import init_project

EDITION = Path(__file__).resolve().parents[2] / "page_specs" / "edition.yaml"


def test_a_proof_pdf_is_taken() -> None:
    assert proof_refusal("proof", EDITION, Path("out/e.pdf")) is None


def test_a_png_is_told_the_proof_s_name_and_its_page_images_names() -> None:
    said = proof_refusal("proof", EDITION, Path("out/e.png"))
    assert said == (
        "banmian: out/e.png: a proof is one PDF of every page: -o out/e.pdf; --png DPI writes "
        "each page's image beside it (out/e-1.png, out/e-2.png, …)"
    )


def test_a_page_template_is_told_it_names_build_s_page_images() -> None:
    said = proof_refusal("watch", EDITION, Path("out/e-{p}.pdf"))
    assert said is not None
    assert "{p} names the page images of banmian build (-o page-{p}.png)" in said
    assert "(-o out/edition-proof.pdf); --png DPI writes each page's image beside it " in said
    assert "(out/edition-proof-1.png, out/edition-proof-2.png, …)" in said


@pytest.mark.parametrize("name", ["out/e.tiff", "out/e.svg", "out/e"])
def test_another_extension_is_told_a_proof_is_a_pdf(name: str) -> None:
    # Not build's "the extension names its format, .pdf or .png": a proof takes no .png.
    said = proof_refusal("proof", EDITION, Path(name))
    assert said == (
        f"banmian: {name}: a proof is one PDF of every page: -o out/e.pdf; --png DPI writes "
        "each page's image beside it (out/e-1.png, out/e-2.png, …)"
    )


def test_an_input_under_another_extension_is_the_mistake_told() -> None:
    with pytest.raises(OutputError, match="an input of this build; writing there would destroy"):
        proof_refusal("proof", EDITION, EDITION)


@pytest.mark.parametrize(
    ("command", "why"),
    [
        ("proof", "its report is on standard output"),
        ("watch", "watch prints a line per rebuild on standard output"),
    ],
)
def test_standard_output_is_no_proof(command: str, why: str) -> None:
    said = proof_refusal(command, EDITION, Path("-"))
    assert said == f"banmian: {command} -o -: a proof is a file ({why})"


@pytest.mark.parametrize("command", ["proof", "watch"])
@pytest.mark.parametrize(("name", "words"), [("x.png", "-o {dir}/x.pdf"), ("x-{p}.pdf", "{p}")])
def test_proof_and_watch_refuse_before_any_work(
    command: str, name: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    project = init_project(tmp_path / "proj")
    before = sorted(project.folder.iterdir())
    out = tmp_path / "out"
    out.mkdir()
    assert main([command, str(project.edition), "-o", str(out / name)]) == EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert words.replace("{dir}", str(out)) in captured.err
    assert "--png DPI writes each page's image beside it" in captured.err
    assert captured.out == ""  # watch never started: no rebuild line
    assert list(out.iterdir()) == [] and sorted(project.folder.iterdir()) == before
