"""banmian proof --fit --json: the fit's advice is in the JSON report (its ``fit`` object, in
docs/schema/report.schema.json), the same advice the text output prints; without --fit the
report has no ``fit`` key."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from layout.cli import main
from layout.init import init_project

REPO = Path(__file__).resolve().parents[2]
TABLOID = REPO / "page_specs" / "tabloid.yaml"  # its briefs 欠版: two empty lines at the foot
SCHEMA = REPO / "docs" / "schema" / "report.schema.json"


def proof_json(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[dict, str]:
    assert main(["proof", *(str(a) for a in args), "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(report)
    return report, captured.err


def test_fit_json_carries_the_advice_the_text_prints(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report, err = proof_json(capsys, TABLOID, "-o", tmp_path / "t.pdf", "--fit")
    fit = report["fit"]
    printed = [line for line in err.splitlines() if line.startswith("fit: ")]
    assert fit["advice"] == printed and len(printed) == 2
    assert fit["fits"] is True and fit["still"] == []
    (change,) = fit["changes"]
    assert change["boxes"] == ["railway", "briefs"]
    assert change["text"].startswith("railway/briefs boundary: line 42→43")
    (story,) = fit["stories"]
    assert (story["box"], story["article"], story["empty_lines"]) == ("briefs", "briefs", 2)
    assert story["overset"] == {"lines": 0, "chars": 0} and story["head_over"] is False
    assert story["changes"] == [change["text"]]
    assert story["wrong"][0].startswith("2 empty lines at its foot")
    # The box the fit works on is the one the report lists underset.
    assert next(b for b in report["boxes"] if b["id"] == "briefs")["status"] == "underset"


def test_fit_json_of_a_page_that_fits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = init_project(tmp_path / "proj")
    spec = project.folder / "front.yaml"
    report, _err = proof_json(capsys, spec, "-o", tmp_path / "p.pdf", "--fit")
    assert report["fit"] == {
        "fits": True,
        "changes": [],
        "stories": [],
        "still": [],
        "advice": ["fit: every story fits"],
    }


def test_no_fit_key_without_fit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report, err = proof_json(capsys, TABLOID, "-o", tmp_path / "t.pdf")
    assert "fit" not in report and "fit: " not in err


def test_an_edition_proof_ends_with_the_editions_verdict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each page's report ends with its own verdict, the last page's just above the edition's:
    # the edition's says which pages would spoil print, whichever page is last.
    project = init_project(tmp_path / "paper")
    record = project.folder / "articles" / "library.yaml"
    text = record.read_text(encoding="utf-8")
    body = next(line for line in text.splitlines() if line.startswith("- "))
    record.write_text(text.replace(body, "\n".join([body] * 8)), encoding="utf-8")  # overset
    assert main(["proof", str(project.edition), "-o", str(tmp_path / "p.pdf")]) == 0
    lines = capsys.readouterr().out.splitlines()  # ... the verdict, then what was written
    assert lines[-2] == "edition: page 1 would spoil print (1 problem)", lines[-3:]
    assert lines[-1].startswith("wrote ")

    sample = REPO / "page_specs" / "edition.yaml"
    assert main(["proof", str(sample), "-o", str(tmp_path / "e.pdf")]) == 0
    assert capsys.readouterr().out.splitlines()[-2] == "edition: all 4 pages ready for print"
