"""The JSON report of build, check and proof --json: one interface (layout.proof.jsonreport),
validated against docs/schema/report.schema.json (made by layout.proof.reportschema); mm to a
tenth in {x, y, w, h}; problems as objects with the file and line their text came from; a
character no font has once, with its count and places."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from layout.cli import main
from layout.proof.jsonreport import SCHEMA_VERSION
from layout.proof.reportschema import report_schema

REPO = Path(__file__).resolve().parents[1]
SCHEMA_FILE = REPO / "docs" / "schema" / "report.schema.json"
SMALL = REPO / "tests" / "fixtures" / "proof"
EDITION = REPO / "page_specs" / "edition.yaml"
RARE = "\U0003106c"  # 𱁬: no face of the sample manifest has it


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_the_schema_file_is_the_one_banmian_makes():
    # regenerate: python -m layout schema report -o docs/schema/report.schema.json
    assert json.loads(SCHEMA_FILE.read_text(encoding="utf-8")) == report_schema()
    jsonschema.Draft202012Validator.check_schema(report_schema())


@pytest.fixture(scope="module")
def rare_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The small proof page, its story with the rare character in two paragraphs (and twice
    in one): the spec and the article record."""
    folder = tmp_path_factory.mktemp("rare")
    shutil.copytree(SMALL / "articles", folder / "articles")
    spec_text = (SMALL / "small.yaml").read_text(encoding="utf-8")
    manifest = REPO / "fonts" / "manifest.yaml"
    spec = folder / "small.yaml"
    spec.write_text(spec_text.replace("../../../fonts/manifest.yaml", str(manifest)), "utf-8")
    record = folder / "articles" / "rare.yaml"
    text = record.read_text(encoding="utf-8")
    first = "- 档案馆表示，"
    assert text.count(first) == 1
    record.write_text(text.replace(first, f"- 档案馆表示，{RARE}{RARE}字，"), encoding="utf-8")
    return spec, record


def run_json(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, dict]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, json.loads(captured.out)


def line_of(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def test_build_check_and_proof_reports_of_a_page(rare_page, tmp_path: Path, capsys):
    spec, record = rare_page
    reports = {
        "build": run_json(capsys, "build", spec, "-o", tmp_path / "p.pdf", "--json"),
        "check": run_json(capsys, "check", spec, "--json"),
        "proof": run_json(capsys, "proof", spec, "-o", tmp_path / "proof.pdf", "--json"),
        "build png": run_json(capsys, "build", spec, "-o", tmp_path / "p.png", "--json"),
    }
    check = validator()
    for name, (code, report) in reports.items():
        assert code == 0, name
        errors = [e.message for e in check.iter_errors(report)]
        assert errors == [], (name, errors)
        assert report["schema_version"] == SCHEMA_VERSION and report["scope"] == "page"
    assert reports["check"][1]["outputs"] == []
    assert reports["build"][1]["outputs"] == [str(tmp_path / "p.pdf")]
    assert reports["build png"][1]["outputs"] == [str(tmp_path / "p.png")]
    # one page, one set of findings, whichever command (timings and outputs aside; a proof
    # reads the page's fonts back from the proof PDF, whose subsets also hold the overlay's
    # glyphs: the same faces, embedded and subset, under another subset tag)
    bodies = [
        {k: v for k, v in r.items() if k not in ("command", "outputs", "timings_ms")}
        | {"fonts": [f | {"base_font": f["base_font"].split("+")[-1]} for f in r["fonts"]]}
        for _, r in reports.values()
    ]
    assert all(body == bodies[0] for body in bodies[1:])

    report = reports["proof"][1]
    (missing,) = report["missing_characters"]
    assert (missing["char"], missing["code_point"], missing["count"]) == (RARE, "U+3106C", 3)
    places = missing["places"]
    assert [(p["paragraph"], p["file"], p["line"]) for p in places] == [
        (2, str(record), line_of(record, "- 其中一位")),
        (3, str(record), line_of(record, "- 档案馆表示")),
        (3, str(record), line_of(record, "- 档案馆表示")),
    ]
    assert all(p["column"] == 3 for p in places)  # the text begins after "- "
    assert places[1]["index"] + 1 == places[2]["index"]
    # the character is one problem, with its count and places
    glyphs = [p for p in report["problems"] if p["kind"] == "missing-glyph"]
    assert len(glyphs) == 1 and glyphs[0]["count"] == 3 and glyphs[0]["places"] == places
    assert report["spoils_print"] is True and report["ok"] is False
    assert report["spoilers"] == [
        {"kind": "missing-glyph", "box": "rare", "article": "rare", "message": glyphs[0]["message"]}
    ]
    # a problem of the story as a whole points at its record
    (underset,) = [p for p in report["problems"] if p["kind"] == "underset"]
    assert (underset["file"], underset["line"]) == (str(record), line_of(record, "id: rare"))


def _numbers(value: Any, path: str = "") -> list[tuple[str, float]]:
    if isinstance(value, dict):
        return [n for k, v in value.items() for n in _numbers(v, f"{path}.{k}")]
    if isinstance(value, list):
        return [n for i, v in enumerate(value) for n in _numbers(v, f"{path}[{i}]")]
    if isinstance(value, float):
        return [(path, value)]
    return []


def test_lengths_are_mm_to_a_tenth_in_one_shape(rare_page, tmp_path: Path, capsys):
    spec, _ = rare_page
    _, report = run_json(capsys, "proof", spec, "-o", tmp_path / "proof.pdf", "--json")
    page = report["page"]
    assert page["trim"] == {"x": 0.0, "y": 0.0, "w": 200.0, "h": 150.0}
    assert page["media"] == {"x": -3.0, "y": -3.0, "w": 206.0, "h": 156.0}
    assert set(page["type_area"]) == {"x", "y", "w", "h"}
    assert all(set(box["rect"]) == {"x", "y", "w", "h"} for box in report["boxes"])
    lengths = [
        (path, n)
        for path, n in _numbers({k: v for k, v in report.items() if k != "timings_ms"})
        if not path.endswith(".fill")  # a fraction of the measure, not a length
    ]
    assert lengths and all(round(n, 1) == n for _, n in lengths), lengths


def test_the_reports_of_an_edition(tmp_path: Path, capsys):
    check = validator()
    out = tmp_path / "e.pdf"
    reports = {}
    for args in (
        ["build", EDITION, "-o", out, "--json"],
        ["check", EDITION, "--json"],
        ["proof", EDITION, "-o", tmp_path / "proof.pdf", "--json"],
    ):
        code, report = run_json(capsys, *args)
        assert code == 0
        assert [e.message for e in check.iter_errors(report)] == []
        assert report["scope"] == "edition" and len(report["pages"]) == 4
        assert [p["page"]["number"] for p in report["pages"]] == [1, 2, 3, 4]
        assert report["spoils_print"] is False and report["ok"] is True
        assert all(page["ok"] for page in report["pages"])
        reports[args[0]] = report
    built = reports["build"]["outputs"]
    assert built[0] == str(tmp_path / "e-p01.pdf") and built[-1] == str(out)
    assert reports["check"]["outputs"] == [] and reports["check"]["overview"] is None
    assert reports["proof"]["overview"] == str(tmp_path / "edition-overview.png")


def test_an_edition_report_says_what_it_prints_nowhere_and_the_stale_files(
    sample_edition: Path, tmp_path: Path, capsys
):
    """The notes a night desk must see are in the report too: a record no box places (at
    the edition and at its page), the page PDFs of an earlier build removed or kept, the
    loader's notes (a page number the list overrides)."""
    check = validator()
    extra = sample_edition.parent.parent / "articles" / "extra.yaml"
    extra.write_text("id: extra\nheadline: 没有版位\nbody:\n- 正文。\n", encoding="utf-8")
    culture = sample_edition.parent / "culture.yaml"
    text = culture.read_text(encoding="utf-8")
    culture.write_text(text.replace("  number: 3 ", "  number: 9 ", 1), encoding="utf-8")
    out = tmp_path / "e.pdf"
    assert main(["-q", "build", str(sample_edition), "-o", str(out)]) == 0
    shutil.copy(tmp_path / "e-p01.pdf", tmp_path / "e-p05.pdf")  # banmian's: removed
    (tmp_path / "e-p06.pdf").write_bytes(b"%PDF-1.4\n% not banmian's\n")  # kept
    capsys.readouterr()
    code, report = run_json(capsys, "build", sample_edition, "-o", out, "--json")
    assert code == 0
    assert [e.message for e in check.iter_errors(report)] == []
    (told,) = report["unprinted"]
    assert (
        told["page"] is None and told["kind"] == "record" and told["record"] == "extra"
    )  # of no page
    assert (told["file"], told["line"], told["column"]) == (str(extra), 1, 5)
    assert told["message"].endswith("is placed by no box of the edition: not printed")
    assert report["pages"][0]["unprinted"] == [{k: v for k, v in told.items() if k != "page"}]
    stale = {Path(f["file"]).name: (f["removed"], f["reason"]) for f in report["stale_files"]}
    assert {f["what"] for f in report["stale_files"]} == {"page PDF"}
    assert stale["e-p05.pdf"] == (True, None) and not (tmp_path / "e-p05.pdf").exists()
    assert stale["e-p06.pdf"][0] is False and "banmian did not write it" in stale["e-p06.pdf"][1]
    (note,) = report["pages"][2]["notes"]
    assert note["severity"] == "note" and "page.number: 9 is overridden" in note["message"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda r: r.update(spoils_print="1 problem would spoil print"),
        lambda r: r["page"].update(trim_mm=[200.0, 150.0]),
        lambda r: r["problems"][0].pop("file"),
        lambda r: r["problems"][0]["details"].update(points_over=1.23456789012345),
        lambda r: r.update(schema_version=SCHEMA_VERSION + 1),
    ],
)
def test_the_schema_refuses_what_the_report_is_not(rare_page, tmp_path: Path, capsys, damage):
    spec, _ = rare_page
    _, report = run_json(capsys, "check", spec, "--json")
    assert validator().is_valid(report)
    damage(report)
    assert not validator().is_valid(report)


def test_an_overset_says_where_the_cut_begins(rare_page, tmp_path: Path, capsys):
    """The small page's story in a box of two columns of 4 lines under its head: the report
    says the paragraph the cut begins in, its line in the record and the first words cut, in
    the message and in the details."""
    spec, record = rare_page
    short = spec.with_name("short.yaml")  # beside it: its articles are the page's
    box = "{column: 1, span: 4, line: 1, lines: 24}"
    text = spec.read_text(encoding="utf-8").replace(box, "{column: 1, span: 2, line: 1, lines: 8}")
    short.write_text(text, "utf-8")
    code, report = run_json(capsys, "check", short, "--json")
    assert [e.message for e in validator().iter_errors(report)] == []
    (over,) = [p for p in report["problems"] if p["kind"] == "overset"]
    cut = over["details"]["cut_from"]
    assert (cut["paragraph"], cut["part"], cut["file"]) == (2, None, str(record))
    assert cut["line"] == line_of(record, "- 其中一位") and cut["text"].endswith("…")
    assert cut["text"][:-1] in record.read_text(encoding="utf-8")
    at = f"from paragraph 2 ({record}:{cut['line']}): “{cut['text']}”"
    assert over["message"].endswith(at)
