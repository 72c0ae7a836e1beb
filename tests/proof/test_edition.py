"""The edition's proof: one report over every page, one proof PDF of all pages, and the
overview PNG (版面缩样) with one thumbnail a page and its overset and underset boxes marked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from layout.cli import main
from layout.proof.edition import GAP, LABEL, OVERSET, THUMB_HEIGHT, UNDERSET, make_edition_proof

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "page_specs"
BACKGROUND = (128, 128, 128)


def thumbnails(png: Path) -> list[tuple[int, int]]:
    """The pixel columns (first, last) of the pages in the overview: the runs of columns,
    at mid-height, that are not the background."""
    with Image.open(png) as im:
        row = np.asarray(im.convert("RGB"))[GAP + THUMB_HEIGHT // 2]
    page = np.any(row != BACKGROUND, axis=-1)
    runs, start = [], None
    for x, on in enumerate(page):
        if on and start is None:
            start = x
        if not on and start is not None:
            runs.append((start, x - 1))
            start = None
    if start is not None:
        runs.append((start, len(page) - 1))
    return runs


def coloured(png: Path, colour: tuple[int, int, int], span: tuple[int, int]) -> int:
    """Pixels of exactly ``colour`` (the marks' outlines) in the columns ``span``."""
    with Image.open(png) as im:
        pixels = np.asarray(im.convert("RGB"))[:, span[0] : span[1] + 1]
    return int(np.all(pixels == colour, axis=-1).sum())


@pytest.fixture(scope="module")
def sample_proof(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("edition-proof")
    return make_edition_proof(
        SPECS / "edition.yaml", folder / "edition-proof.pdf", overview=folder / "overview.png"
    )


def test_one_proof_pdf_of_every_page_in_order(sample_proof) -> None:
    doc = pdfium.PdfDocument(str(sample_proof.proof))
    try:
        assert len(doc) == 4
        for index, report in enumerate(sample_proof.reports):
            width, height = doc[index].get_size()
            assert width == pytest.approx(report.page.trim.width + 2 * report.page.bleed, abs=0.1)
    finally:
        doc.close()
    assert [r.page.number for r in sample_proof.reports] == [1, 2, 3, 4]


def test_the_overview_has_one_thumbnail_a_page(sample_proof) -> None:
    with Image.open(sample_proof.overview) as im:
        assert im.height == GAP + THUMB_HEIGHT + LABEL
    runs = thumbnails(sample_proof.overview)
    assert len(runs) == 4, runs
    for (first, last), report in zip(runs, sample_proof.reports, strict=True):
        media = (
            report.page.trim.width + 2 * report.page.bleed,
            report.page.trim.height + 2 * report.page.bleed,
        )
        assert last - first + 1 == pytest.approx(THUMB_HEIGHT * media[0] / media[1], abs=2)
    # the sample has no overset or underset box: nothing marked
    assert coloured(sample_proof.overview, OVERSET, (0, 10**6)) == 0


def test_an_overset_box_is_marked_red_on_its_page_only(
    tmp_path: Path, sample_edition: Path
) -> None:
    edition = sample_edition
    vertical = edition.parent / "vertical.yaml"
    text = vertical.read_text(encoding="utf-8")
    first = re.search(r"lines: (\d+)\}", text.split("\nboxes:", 1)[1])
    assert first is not None
    vertical.write_text(text.replace(first.group(0), "lines: 8}", 1), encoding="utf-8")
    proof = make_edition_proof(edition, tmp_path / "p.pdf", overview=tmp_path / "o.png")
    assert [b.status for b in proof.reports[3].boxes if b.status == "overset"]
    assert any(s.startswith("page 4: ") for s in proof.spoilers)
    runs = thumbnails(proof.overview)
    assert len(runs) == 4
    assert coloured(proof.overview, OVERSET, runs[3]) > 50
    assert all(coloured(proof.overview, OVERSET, run) == 0 for run in runs[:3])
    assert coloured(proof.overview, UNDERSET, (0, 10**6)) == 0


def test_underset_boxes_are_marked_amber_on_their_pages(
    tmp_path: Path, sample_edition: Path
) -> None:
    # The 金山 story cut to its first paragraph: its boxes (on pages 1 and 3) are left half
    # empty; pages 2 and 4 do not carry it.
    record = sample_edition.parents[1] / "articles" / "jinshan.yaml"
    text = record.read_text(encoding="utf-8")
    head, body = text.split("\nbody:\n", 1)
    first = body.split("\n- ", 1)[0]
    record.write_text(f"{head}\nbody:\n{first}\n", encoding="utf-8")
    proof = make_edition_proof(sample_edition, tmp_path / "p.pdf", overview=tmp_path / "o.png")
    underset = [[b.id for b in r.boxes if b.status == "underset"] for r in proof.reports]
    assert underset == [["jinshan"], [], ["jinshan"], []]
    runs = thumbnails(proof.overview)
    assert coloured(proof.overview, UNDERSET, runs[0]) > 50
    assert coloured(proof.overview, UNDERSET, runs[1]) == 0
    assert coloured(proof.overview, UNDERSET, runs[2]) > 50
    assert coloured(proof.overview, UNDERSET, runs[3]) == 0
    assert coloured(proof.overview, OVERSET, (0, 10**6)) == 0


def test_a_box_with_a_character_no_font_has_is_marked_red_too(
    tmp_path: Path, sample_edition: Path
) -> None:
    """Not only overset spoils print: the 金山 story (on pages 1 and 3) given a character no
    face has (U+3106C) marks its boxes red, as the editor looks at the overview first."""
    record = sample_edition.parents[1] / "articles" / "jinshan.yaml"
    text = record.read_text(encoding="utf-8")
    head, body = text.split("\nbody:\n- ", 1)
    record.write_text(f"{head}\nbody:\n- \U0003106c{body}", encoding="utf-8")
    proof = make_edition_proof(sample_edition, tmp_path / "p.pdf", overview=tmp_path / "o.png")
    assert not [b for r in proof.reports for b in r.boxes if b.status == "overset"]
    runs = thumbnails(proof.overview)
    assert coloured(proof.overview, OVERSET, runs[0]) > 50
    assert coloured(proof.overview, OVERSET, runs[1]) == 0
    assert coloured(proof.overview, OVERSET, runs[2]) > 50
    assert coloured(proof.overview, OVERSET, runs[3]) == 0


def test_the_command_line_reports_every_page(tmp_path: Path, capsys) -> None:
    out, overview = tmp_path / "e-proof.pdf", tmp_path / "e.png"
    code = main(
        [
            "proof",
            str(SPECS / "edition.yaml"),
            "-o",
            str(out),
            "--overview",
            str(overview),
            "--json",
        ]
    )
    captured = capsys.readouterr()
    assert code == 0, captured.err
    data = json.loads(captured.out)
    assert [p["page"]["number"] for p in data["pages"]] == [1, 2, 3, 4]
    assert [p["page"]["name"] for p in data["pages"]] == ["要闻", "要闻", "城乡", "人物"]
    assert data["overview"] == str(overview) and out.is_file() and overview.is_file()
    code = main(["proof", str(SPECS / "edition.yaml"), "-o", str(out), "--overview", str(overview)])
    text = capsys.readouterr().out
    assert code == 0
    assert [line.split()[2] for line in text.splitlines() if line.startswith("== page ")] == [
        "1",
        "2",
        "3",
        "4",
    ]
