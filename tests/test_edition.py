"""The edition: its file, its build (one press PDF and one PDF a page), -j N, failures.

The sample edition (``page_specs/edition.yaml``: pages 1, 3 and 4) is copied with its page
specs into a folder of its own (the articles, images and fonts linked), so that a test may
edit it; the edition PDF is built once per module and checked as the press checks a page.
"""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from PIL import Image

from layout.build import build
from layout.cli import main
from layout.cli.errors import page_failed
from layout.compose.edition import thread_groups
from layout.edition import build_edition, compose_edition, page_pdf_path, shares
from layout.errors import (
    EXIT_BAD_INPUT,
    EXIT_INTERNAL,
    EXIT_PROBLEMS,
    EXIT_WRITE_FAILED,
    PageFailed,
    SpecErrors,
)
from layout.forked import can_fork
from layout.render.pdfx import check_pdfx
from layout.spec import load_spec
from layout.spec.edition import is_edition_file, load_edition
from layout.spec.model import UnprintedKind

from .render.test_press import INK_LIMIT, MM, content_operators, max_ink, run

REPO = Path(__file__).resolve().parents[1]
SPECS = REPO / "page_specs"
SAMPLE_EDITION = ("edition.yaml", "front.yaml", "page2.yaml", "culture.yaml", "vertical.yaml")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    """The sample edition built once: (the result, the edition PDF)."""
    out = tmp_path_factory.mktemp("edition") / "edition.pdf"
    return build_edition(SPECS / "edition.yaml", out), out


# --------------------------------------------------------------------------- the file


def test_the_edition_file_is_told_from_a_page_spec() -> None:
    assert is_edition_file(SPECS / "edition.yaml")
    assert not is_edition_file(SPECS / "front.yaml")
    assert not is_edition_file(SPECS / "no-such-file.yaml")


def test_the_list_numbers_and_names_the_pages_in_order() -> None:
    edition = load_edition(SPECS / "edition.yaml")
    assert edition.numbers == (1, 2, 3, 4)
    assert [s.page.name for s in edition.specs] == ["要闻", "要闻", "城乡", "人物"]
    assert [s.path.name for s in edition.specs] == [
        "front.yaml",
        "page2.yaml",
        "culture.yaml",
        "vertical.yaml",
    ]
    # The shared parts: written once, taken by every page.
    for spec in edition.specs:
        assert spec.shared_files == (SPECS / "edition.yaml",)
        assert spec.edition.title == "今日平湖" and spec.edition.issue == "第7188期"
        assert spec.fonts_manifest == REPO / "fonts" / "manifest.yaml"
        assert spec.notes == ()


def test_a_page_takes_the_shared_styles_and_changes_a_key_of_its_own() -> None:
    front, culture, vertical = (
        load_spec(SPECS / n) for n in ("front.yaml", "culture.yaml", "vertical.yaml")
    )
    assert culture.styles["body"].leading == 14  # the edition's
    assert vertical.styles["body"].leading == 18  # its own leading, the rest shared
    assert vertical.styles["body"].font == culture.styles["body"].font == "song"
    assert front.styles["body"].latin_gap == 0 and culture.styles["body"].latin_gap == 0.25
    assert "lead_headline" in front.styles and "lead_headline" not in culture.styles
    assert front.edition.editor == "责任编辑 沈佳" and culture.edition.editor == "编辑 沈佳"


def test_the_standalone_fixture_sets_the_same_page_as_the_sample(tmp_path: Path) -> None:
    """tests/fixtures/front-standalone.yaml (the front page with its shared parts written out,
    for tests that edit a spec's text) must not drift from page_specs/front.yaml."""
    standalone = REPO / "tests" / "fixtures" / "front-standalone.yaml"
    # (a page named by its spec needs the edition's list: the standalone page names its number)
    by_spec = "continues: {spec: page2.yaml, box: shuangyong}  # page 2 by the edition's list"
    boxes = [
        p.read_text(encoding="utf-8")
        .split("\nboxes:", 1)[1]
        .replace(by_spec, "continues: {page: 2, box: shuangyong}")
        for p in (SPECS / "front.yaml", standalone)
    ]
    assert boxes[0] == boxes[1], (
        "copy the boxes: section of page_specs/front.yaml into tests/fixtures/front-standalone.yaml"
    )
    sample = build(SPECS / "front.yaml", tmp_path / "a.pdf")
    fixture = build(standalone, tmp_path / "b.pdf")
    assert sample.output.read_bytes() == fixture.output.read_bytes(), (
        "the front page's shared parts (page_specs/edition.yaml and the page's own) differ from "
        "the head of tests/fixtures/front-standalone.yaml: write them out there"
    )


# --------------------------------------------------------------------------- press checks


def test_one_press_pdf_of_every_page(built) -> None:
    result, out = built
    assert check_pdfx(out) == []
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 4
        (intent,) = pdf.Root.OutputIntents  # one OutputIntent for the edition
        assert intent.S == "/GTS_PDFX"
        assert str(pdf.docinfo.Title) == "今日平湖 2025-04-30 第7188期"
        for page, spec in zip(pdf.pages, result.specs, strict=True):
            media = [float(v) for v in page.MediaBox]
            trim = [float(v) for v in page.obj.TrimBox]
            bleed = [float(v) for v in page.obj.BleedBox]
            assert media[0] <= bleed[0] <= trim[0] and trim[2] <= bleed[2] <= media[2]
            assert trim[0] - bleed[0] == pytest.approx(3 * MM, abs=0.01)
            assert trim[2] - trim[0] == pytest.approx(spec.page.trim_width, abs=0.01)


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf missing")
def test_qpdf_check_is_clean(built) -> None:
    done = run("qpdf", "--check", built[1], check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils missing")
def test_each_face_embedded_and_subset_once_over_the_edition(built) -> None:
    lines = run("pdffonts", built[1]).stdout.splitlines()
    rows = [line.split() for line in lines[2:] if line.strip()]
    assert rows
    for row in rows:
        assert row[-5:-3] == ["yes", "yes"], row  # embedded, subset
        assert re.fullmatch(r"[A-Z]{6}\+.+", row[0]), row
    # banmian's own fonts (the pages' resources; an advertisement's embedded fonts live in
    # its form XObject, subset by whoever made the ad): one subset per face, shared by the
    # pages, so that the subset of a face has what every page sets in it
    with pikepdf.open(built[1]) as pdf:
        fonts = {
            f.objgen: str(f.BaseFont)
            for p in pdf.pages
            for f in (p.Resources.get("/Font") or {}).values()
        }
        per_page = [
            {f.objgen for f in (p.Resources.get("/Font") or {}).values()} for p in pdf.pages
        ]
    families = [name.split("+", 1)[1] for name in fonts.values()]
    assert len(families) == len(set(families)), families  # one subset per face
    assert per_page[0] & per_page[1] & per_page[2]


def test_no_rgb_in_the_edition(built) -> None:
    assert not {"rg", "RG"} & content_operators(built[1])


def edition_ink(pdf: Path, index: int, tmp_path: Path, dpi: int = 30) -> float:
    """Highest C+M+Y+K (percent) of any pixel of page ``index`` (1-based) of ``pdf``,
    rendered by Ghostscript in CMYK over its bleed box (as ``max_ink`` renders a page)."""
    tiff = tmp_path / f"ink-{index}.tif"
    run(
        "gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiff32nc", f"-r{dpi}",
        "-dUseBleedBox", f"-dFirstPage={index}", f"-dLastPage={index}",
        f"-sOutputFile={tiff}", pdf,
    )  # fmt: skip
    with Image.open(tiff) as im:
        assert im.mode == "CMYK"
        return float(np.asarray(im).astype(np.int32).sum(axis=-1).max()) * 100 / 255


@pytest.mark.skipif(not shutil.which("gs"), reason="ghostscript missing")
@pytest.mark.parametrize("index", [1, 2, 3, 4], ids=["p1", "p2", "p3", "p4"])
def test_total_ink_within_the_limit_on_every_page(built, index: int, tmp_path: Path) -> None:
    result, out = built
    # At 72 dpi a pixel (0.35 mm) cannot hold both a line of text and the photo a grid line
    # below it; at 30 dpi one row of pixels does on the culture page (the last line of a story
    # over a photo), adding the text's black to the photo's ink where no ink overlaps.
    ink = edition_ink(out, index, tmp_path, dpi=72)
    # the edition's page has the ink of the page alone, and that is within the limit
    number = result.edition.numbers[index - 1]
    alone = max_ink(page_pdf_path(out, number), tmp_path, dpi=72)
    assert ink == pytest.approx(alone, abs=0.5)
    assert ink <= INK_LIMIT


def test_a_pdf_per_page_beside_it_each_the_page_built_alone(built, tmp_path: Path) -> None:
    result, out = built
    assert [p.name for p in result.written] == [
        "edition-p01.pdf",
        "edition-p02.pdf",
        "edition-p03.pdf",
        "edition-p04.pdf",
        "edition.pdf",
    ]
    assert continued_on(result.specs)  # page 2 continues the front page's story
    for spec in result.specs:
        # a page continuing a story is composed with the page it comes from, as in the edition
        alone = build(spec.path, tmp_path / f"{spec.path.stem}.pdf")
        assert page_pdf_path(out, spec.page.number).read_bytes() == alone.output.read_bytes()
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(p.name for p in result.written)


def continued_on(specs) -> set[int]:
    """The pages a story from another page continues on."""
    return {
        b.continues.page
        for spec in specs
        for b in spec.boxes
        if b.continues is not None and b.continues.page is not None
    }


def test_the_same_bytes_every_time(built, tmp_path: Path) -> None:
    again = build_edition(SPECS / "edition.yaml", tmp_path / "edition.pdf")
    for first, second in zip(built[0].written, again.written, strict=True):
        assert first.read_bytes() == second.read_bytes()


def test_two_processes_give_the_bytes_of_one(built, tmp_path: Path) -> None:
    parallel = build_edition(SPECS / "edition.yaml", tmp_path / "edition.pdf", jobs=2)
    assert [p.name for p in parallel.written] == [p.name for p in built[0].written]
    for first, second in zip(built[0].written, parallel.written, strict=True):
        assert first.read_bytes() == second.read_bytes()


def test_pages_a_story_links_are_dealt_together_the_largest_first() -> None:
    specs = load_edition(SPECS / "edition.yaml").specs
    # The front page's 双拥 story goes on to page 2: the two are one group.
    assert thread_groups(specs) == [(1, 2), (3,), (4,)]
    assert shares(specs, 1) == [(1, 2, 3, 4)]
    assert shares(specs, 2) == [(1, 2), (3, 4)]
    assert shares(specs, 3) == [(1, 2), (3,), (4,)]
    assert shares(specs, 8) == [(1, 2), (3,), (4,)]  # no empty share
    # Without the thread every page stands alone; the largest go first to the least loaded.
    unlinked = tuple(
        s._replace(boxes=tuple(b._replace(continues=None) for b in s.boxes))
        for s in specs
        if s.page.number != 2
    )
    assert thread_groups(unlinked) == [(1,), (3,), (4,)]
    assert sorted(shares(unlinked, 2)) == [(1,), (3, 4)]


def test_with_another_thread_running_the_workers_are_spawned_the_same() -> None:
    """A fork is unsafe while another thread runs (``watch``'s, a host application's): the
    workers are then fresh interpreters, and the pages are the same."""
    edition = load_edition(SPECS / "edition.yaml")
    alone = compose_edition(edition)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert not can_fork()
        spawned = compose_edition(edition, jobs=2)
    finally:
        release.set()
        thread.join()
    assert spawned == alone


def test_a_page_that_crashes_in_a_worker_is_named() -> None:
    edition = load_edition(SPECS / "edition.yaml")
    broken = edition.specs[2]._replace(articles={})  # page 3: the second share's
    specs = (*edition.specs[:2], broken, *edition.specs[3:])
    with pytest.raises(PageFailed) as caught:
        compose_edition(edition._replace(specs=specs), jobs=2)
    assert caught.value.number == 3 and caught.value.spec == SPECS / "culture.yaml"
    assert "Traceback" in caught.value.trace


def test_the_command_line_builds_the_edition(tmp_path: Path) -> None:
    out = tmp_path / "out" / "edition.pdf"
    done = subprocess.run(
        [sys.executable, "-m", "layout", "build", SPECS / "edition.yaml", "-o", out, "-j", "2"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "4 page PDFs" in done.stdout
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "edition-p01.pdf",
        "edition-p02.pdf",
        "edition-p03.pdf",
        "edition-p04.pdf",
        "edition.pdf",
    ]


# --------------------------------------------------------------------------- renumbering


def test_renumbering_the_list_renumbers_the_pages(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    edition = sample_edition
    edit(
        edition,
        "{number: 4, name: 人物, spec: vertical.yaml}",
        "{number: 5, name: 副刊, spec: vertical.yaml}",
    )
    out = tmp_path / "out" / "edition.pdf"
    code, _, err = cli(capsys, "build", edition, "-o", out)
    assert code == 0, err
    text = run("pdftotext", "-raw", page_pdf_path(out, 5), "-").stdout
    assert re.search(r"第\s*5\s*版\s*副刊", text) and not re.search(r"第\s*4\s*版", text)
    assert not page_pdf_path(out, 4).exists()
    # The page spec's own number and name are overridden, and said so, where they are written.
    vertical = edition.parent / "vertical.yaml"
    notes = [line for line in err.splitlines() if line.startswith("note: ")]
    assert len(notes) == 2, err
    assert f"{vertical.name}:" in notes[0] and "page.number: 4 is overridden" in notes[0]
    assert "edition.yaml:" in notes[0] and "page.name" in notes[1]
    # Built alone, the page takes its number from the edition it extends.
    alone = load_spec(vertical)
    assert (alone.page.number, alone.page.name) == (5, "副刊")


def test_renumbering_the_list_moves_the_jump_lines_with_the_pages(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    """The front page names its jump's page by its spec (``continues: {spec: page2.yaml}``):
    a page put in before it in the list renumbers it, and the jump lines on both pages
    follow, with no page spec edited."""
    edition = sample_edition
    edit(
        edition,
        "  - {number: 2, name: 要闻, spec: page2.yaml}\n"
        "  - {number: 3, name: 城乡, spec: culture.yaml}\n"
        "  - {number: 4, name: 人物, spec: vertical.yaml}\n",
        "  - {number: 3, name: 要闻, spec: page2.yaml}\n"
        "  - {number: 4, name: 城乡, spec: culture.yaml}\n"
        "  - {number: 5, name: 人物, spec: vertical.yaml}\n",
    )
    out = tmp_path / "out" / "edition.pdf"
    code, _, err = cli(capsys, "build", edition, "-o", out)
    assert code == 0, err
    front = run("pdftotext", "-raw", page_pdf_path(out, 1), "-").stdout
    continued = run("pdftotext", "-raw", page_pdf_path(out, 3), "-").stdout
    assert "（下转3版）" in front and "（下转2版）" not in front
    assert "（上接1版）" in continued and re.search(r"第\s*3\s*版", continued)


@pytest.mark.parametrize(
    ("continues", "says"),
    [
        ("{spec: culture-gone.yaml, box: shuangyong}", "is not in the edition's list of pages"),
        ("{spec: page2.yaml, page: 2, box: shuangyong}", "not both"),
    ],
    ids=["spec not listed", "spec and page"],
)
def test_a_thread_to_a_page_spec_is_checked_where_it_is_written(
    sample_edition: Path, continues: str, says: str
) -> None:
    front = sample_edition.parent / "front.yaml"
    edit(
        front,
        "continues: {spec: page2.yaml, box: shuangyong}",
        f"continues: {continues}",
    )
    with pytest.raises(SpecErrors) as caught:
        load_spec(front)
    (error,) = caught.value.errors
    assert error.pos.file == front and "continues.spec" in str(error) and says in str(error)


REPEATED = "    headline: {lines: 6}\n    repeat: true                 # the story of page 1 again"


def test_a_story_of_an_earlier_page_set_again_without_repeat_is_an_error(
    sample_edition: Path,
) -> None:
    """The 人物 page sets stories of page 1 again on purpose (``repeat``); without it, the
    box is an error at its article naming page 1's box; a page built alone cannot tell."""
    vertical = sample_edition.parent / "vertical.yaml"
    edit(
        vertical,
        REPEATED + ", set 竖排\n  - id: energy",
        "    headline: {lines: 6}\n  - id: energy",
    )
    with pytest.raises(SpecErrors) as caught:
        load_edition(sample_edition)
    (error,) = caught.value.errors
    assert error.pos is not None and error.key_path == "boxes[0].article"
    assert (error.pos.file, error.pos.line) == (vertical, 38)
    assert error.message.startswith(
        "article 'labour' is set by box 'labour' of page 1 already (it would print twice): "
    )
    assert "give box 'labour' `continues: {page: 4, box: labour}`" in error.message
    assert load_spec(vertical).boxes[0].article == "labour"


def test_repeat_on_a_box_whose_story_no_box_before_it_sets_is_an_error(
    sample_edition: Path,
) -> None:
    """A key that would do nothing, or an article id mistyped: the error is at the article."""
    culture = sample_edition.parent / "culture.yaml"
    edit(culture, "    article: jinshan\n", "    article: cherries\n")  # page 1's photo news
    with pytest.raises(SpecErrors) as caught:
        load_edition(sample_edition)
    (error,) = caught.value.errors
    assert error.pos is not None and (error.pos.file, error.pos.line) == (culture, 28)
    assert error.key_path == "boxes[0].article"
    assert error.message == (
        "box 'jinshan' has `repeat: true`, but no box before it in the edition sets article "
        "'cherries' (a mistyped id?, or remove `repeat`)"
    )


def test_copy_of_the_edition_file_cut_at_a_hashtag_is_an_error_once(
    sample_edition: Path,
) -> None:
    """A fact every page takes is reported once, where it is written; a page name in the
    list of pages, which the page header prints, as well."""
    edit(sample_edition, "  publisher: 中共平湖市委机关报\n", "  publisher: 中共 #平湖市委机关报\n")
    edit(
        sample_edition,
        "  - {number: 3, name: 城乡, spec: culture.yaml}\n",
        "  - number: 3\n    name: 城乡 #乡村振兴\n    spec: culture.yaml\n",
    )
    with pytest.raises(SpecErrors) as caught:
        load_edition(sample_edition)
    found = caught.value.errors
    assert [(e.pos.file, e.key_path) for e in found] == [
        (sample_edition, "edition.publisher"),
        (sample_edition, "pages[2].name"),
    ], [str(e) for e in found]
    assert all("read as a YAML comment" in e.message for e in found)
    with pytest.raises(SpecErrors) as caught:  # the page built alone takes both
        load_spec(sample_edition.parent / "culture.yaml")
    assert [e.key_path for e in caught.value.errors] == ["edition.publisher", "pages[2].name"]


def test_a_page_spec_named_without_an_edition_is_an_error(tmp_path: Path) -> None:
    standalone = (REPO / "tests" / "fixtures" / "front-standalone.yaml").read_text("utf-8")
    page = tmp_path / "tests" / "fixtures" / "front.yaml"
    page.parent.mkdir(parents=True)
    page.write_text(
        standalone.replace(
            "continues: {page: 2, box: shuangyong}",
            "continues: {spec: page2.yaml, box: shuangyong}",
        ),
        "utf-8",
    )
    for folder in ("articles", "fonts", "images"):
        (tmp_path / folder).symlink_to(REPO / folder)
    with pytest.raises(SpecErrors) as caught:
        load_spec(page)
    (error,) = caught.value.errors
    assert "extends no edition file with pages; give page: N" in str(error)


def test_a_page_removed_from_the_list_leaves_no_stale_pdf(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    edition = sample_edition
    out = tmp_path / "out" / "edition.pdf"
    assert cli(capsys, "build", edition, "-o", out)[0] == 0
    edit(edition, "  - {number: 4, name: 人物, spec: vertical.yaml}\n", "")
    code, _, err = cli(capsys, "build", edition, "-o", out)
    assert code == 0
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "edition-p01.pdf",
        "edition-p02.pdf",
        "edition-p03.pdf",
        "edition.pdf",
    ]
    stale = out.parent / "edition-p04.pdf"
    assert err.splitlines() == [
        f"note: removed {stale}, a page PDF of an earlier build: the edition has 3 pages"
    ]


def test_a_page_removed_from_the_list_leaves_no_stale_page_image_nor_preview(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    """The e-paper's PNGs (``-o p-{p}.png``) and a proof's previews of an earlier build of
    more pages go as its page PDFs do, each said in a note; a PNG banmian did not write is
    kept, with a warning."""
    pngs = tmp_path / "png" / "p-{p}.png"
    proof = tmp_path / "proof" / "e.pdf"
    assert cli(capsys, "build", sample_edition, "-o", pngs, "--ppi", "5")[0] == 0
    assert cli(capsys, "proof", sample_edition, "-o", proof, "--png", "5")[0] == 0
    Image.new("RGB", (4, 3), "white").save(pngs.parent / "p-7.png")  # another program's
    edit(sample_edition, "  - {number: 4, name: 人物, spec: vertical.yaml}\n", "")
    code, stdout, err = cli(capsys, "build", sample_edition, "-o", pngs, "--ppi", "5", "--json")
    assert code == 0
    assert sorted(p.name for p in pngs.parent.iterdir()) == [
        "p-1.png",
        "p-2.png",
        "p-3.png",
        "p-7.png",
    ]
    gone, kept = pngs.parent / "p-4.png", pngs.parent / "p-7.png"
    assert f"note: removed {gone}, a page image of an earlier build: the edition has 3 pages" in err
    assert f"warning: kept {kept}, named as a page image of this edition" in err
    stale = json.loads(stdout)["stale_files"]
    assert [(f["what"], f["removed"]) for f in stale] == [
        ("page image", True),
        ("page image", False),
    ]
    code, _, err = cli(capsys, "proof", sample_edition, "-o", proof, "--png", "5")
    assert code == 0 and not (proof.parent / "e-4.png").exists()
    assert (proof.parent / "e-3.png").exists()
    assert f"note: removed {proof.parent / 'e-4.png'}, a proof preview" in err


def test_an_input_named_as_a_page_pdf_survives_the_build(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    out = tmp_path / "out" / "edition.pdf"
    out.parent.mkdir()
    advert = out.parent / "edition-p07.pdf"
    shutil.copyfile(REPO / "ads" / "sample-advert-half.pdf", advert)
    before = advert.read_bytes()
    page2 = sample_edition.parent / "page2.yaml"
    edit(page2, "file: ../ads/sample-advert-half.pdf", "file: ../out/edition-p07.pdf")
    code, _, err = cli(capsys, "build", sample_edition, "-o", out)
    assert code == 0
    assert advert.read_bytes() == before
    (warning,) = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert warning == (
        f"warning: kept {advert}, named as a page PDF of this edition (the edition has 4 "
        "pages): it is an advertisement, an input of this build"
    )


def test_a_file_banmian_did_not_write_named_as_a_page_pdf_is_kept_with_a_warning(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    out = tmp_path / "out" / "edition.pdf"
    out.parent.mkdir()
    notes = out.parent / "edition-p09.pdf"
    notes.write_text("my notes", encoding="utf-8")
    code, _, err = cli(capsys, "build", sample_edition, "-o", out)
    assert code == 0
    assert notes.read_text(encoding="utf-8") == "my notes"
    assert err.splitlines() == [
        f"warning: kept {notes}, named as a page PDF of this edition (the edition has 4 "
        "pages): banmian did not write it (or it was saved again since)"
    ]
    assert cli(capsys, "-q", "build", sample_edition, "-o", out) == (0, "", "")


def test_a_failed_write_of_the_third_file_leaves_every_old_file(
    tmp_path: Path, capsys, sample_edition: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from layout import output

    out = tmp_path / "out" / "edition.pdf"
    assert cli(capsys, "build", sample_edition, "-o", out)[0] == 0
    names = sorted(p.name for p in out.parent.iterdir())
    for name in names:
        (out.parent / name).write_bytes(b"old " + name.encode())
    staged = []
    real_stage = output._stage

    def stage(path, *rest):
        staged.append(path)
        if len(staged) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_stage(path, *rest)

    monkeypatch.setattr(output, "_stage", stage)
    code, _, err = cli(capsys, "build", sample_edition, "-o", out)
    assert code == EXIT_WRITE_FAILED
    assert err == (
        f"banmian: cannot write {out.parent / 'edition-p03.pdf'}: the disk is full (ENOSPC); "
        "none of the 5 files was written: each one there before is as it was\n"
    )
    assert sorted(p.name for p in out.parent.iterdir()) == names  # no temporary file
    assert all((out.parent / n).read_bytes() == b"old " + n.encode() for n in names)


# --------------------------------------------------------------------------- failures


def test_bad_input_on_a_page_names_it_and_writes_nothing(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    edition = sample_edition
    culture = edition.parent / "culture.yaml"
    edit(culture, "columns: 5", "columns: five")
    out = tmp_path / "out" / "edition.pdf"
    code, _, err = cli(capsys, "build", edition, "-o", out)
    assert code == EXIT_BAD_INPUT
    line, summary = err.strip().splitlines()
    assert re.match(r".*page_specs/culture\.yaml:\d+:\d+: grid\.columns: ", line), err
    assert re.fullmatch(
        r"banmian: bad input on page 3 \(.*culture\.yaml\); nothing written", summary
    )
    assert not out.parent.exists()


def test_an_error_in_the_shared_file_is_positioned_there_once(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    edition = sample_edition
    edit(edition, "kicker:      {font: hei, size: 四号,", "kicker:      {font: hei, size: 四号半,")
    code, _, err = cli(capsys, "build", edition, "-o", tmp_path / "out" / "edition.pdf")
    assert code == EXIT_BAD_INPUT
    lines = err.strip().splitlines()
    assert len(lines) == 2, err  # three pages take the style: one error, and the pages it spoils
    assert lines[1].startswith("banmian: bad input on pages 1 (") and ", 3 (" in lines[1]
    line_no = (
        edition.read_text(encoding="utf-8")
        .splitlines()
        .index(next(t for t in edition.read_text(encoding="utf-8").splitlines() if "四号半" in t))
    )
    assert re.search(rf"edition\.yaml:{line_no + 1}:\d+: styles\.kicker\.size: ", lines[0]), err
    # the same error when one page is built alone
    code, _, err = cli(capsys, "check", edition.parent / "front.yaml")
    assert code == EXIT_BAD_INPUT and "edition.yaml:" in err and "styles.kicker.size" in err


def test_extends_a_missing_file_or_in_a_loop_is_an_error(
    tmp_path: Path, sample_edition: Path
) -> None:
    edition = sample_edition
    front = edition.parent / "front.yaml"
    edit(front, "extends: edition.yaml", "extends: nowhere.yaml")
    with pytest.raises(SpecErrors) as caught:
        load_spec(front)
    (error,) = caught.value.errors
    assert error.pos.file == front and error.key_path == "extends"
    assert "does not exist" in str(error)
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("extends: b.yaml\n", encoding="utf-8")
    b.write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(SpecErrors) as caught:
        load_spec(a)
    assert "loops back" in str(caught.value.errors[0])


def _facts_in_a_base(edition: Path) -> Path:
    """The sample edition file's ``edition:`` facts moved to a file it extends, base.yaml."""
    text = edition.read_text(encoding="utf-8")
    start, end = text.index("\nedition:\n") + 1, text.index("\narticles:")
    base = edition.parent / "base.yaml"
    base.write_text(f"spec_version: 1\n\n{text[start:end]}\n", encoding="utf-8")
    edition.write_text(f"{text[:start]}extends: base.yaml\n{text[end:]}", encoding="utf-8")
    return base


def test_an_edition_file_takes_its_facts_from_the_file_it_extends(sample_edition: Path) -> None:
    base = _facts_in_a_base(sample_edition)
    assert "edition:" not in sample_edition.read_text(encoding="utf-8").split("\npages:")[0]
    assert "\nedition:\n  title: 今日平湖" in base.read_text(encoding="utf-8")
    edition = load_edition(sample_edition)
    assert edition.numbers == (1, 2, 3, 4)
    assert {(s.edition.title, s.edition.issue, str(s.edition.date)) for s in edition.specs} == {
        ("今日平湖", "第7188期", "2025-04-30")
    }
    # A fact the edition file writes wins over the base's, key by key, as a page's do.
    edit(sample_edition, "extends: base.yaml\n", "extends: base.yaml\nedition: {issue: 第7189期}\n")
    edition = load_edition(sample_edition)
    assert {(s.edition.title, s.edition.issue) for s in edition.specs} == {("今日平湖", "第7189期")}


def test_an_error_in_the_facts_of_the_file_an_edition_extends_is_placed_there(
    sample_edition: Path,
) -> None:
    base = _facts_in_a_base(sample_edition)
    edit(base, "date: 2025-04-30", "date: 2025-13-40")
    with pytest.raises(SpecErrors) as caught:
        load_edition(sample_edition)
    # One error (the edition file and every page take the facts), at the value in base.yaml.
    (error,) = caught.value.errors
    line = next(
        n
        for n, text in enumerate(base.read_text(encoding="utf-8").splitlines(), 1)
        if "2025-13-40" in text
    )
    column = base.read_text(encoding="utf-8").splitlines()[line - 1].index("2025-13-40") + 1
    assert error.pos == (base, line, column) and error.key_path == "edition.date"
    assert "2025-13-40 is no day of the calendar (month must be in 1..12)" in str(error)


def test_a_missing_file_an_edition_extends_is_the_one_error(sample_edition: Path) -> None:
    # What the edition file lacks without it (its edition: facts) is not said as well.
    _facts_in_a_base(sample_edition).unlink()
    with pytest.raises(SpecErrors) as caught:
        load_edition(sample_edition)
    (error,) = caught.value.errors
    assert error.pos.file == sample_edition and error.key_path == "extends"
    assert "shared file" in str(error) and "does not exist" in str(error)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("../articles", "page spec '{root}/articles' is a folder: name the page spec in it"),
        (
            "edition.yaml",
            "names this edition file: a page's spec is a page spec (page, grid, boxes)",
        ),
    ],
)
def test_a_page_whose_spec_is_a_folder_or_the_edition_itself_says_so(
    sample_edition: Path, spec: str, message: str
) -> None:
    edit(sample_edition, "spec: vertical.yaml}", f"spec: {spec}}}")
    with pytest.raises(SpecErrors) as caught:
        load_edition(sample_edition)
    (error,) = caught.value.errors
    assert error.key_path == "pages[3].spec"
    assert error.message == message.format(root=sample_edition.parent.parent)


def test_an_article_record_built_as_a_page_spec_is_one_error(sample_edition: Path) -> None:
    record = sample_edition.parent.parent / "articles" / "labour.yaml"
    with pytest.raises(SpecErrors) as caught:
        load_spec(record)
    (error,) = caught.value.errors
    assert error.key_path == "id" and error.pos.file == record
    assert error.message.startswith("this is an article record (id, headline, body …)")


def test_a_bad_list_of_pages_is_positioned(tmp_path: Path, sample_edition: Path) -> None:
    edition = sample_edition
    edit(
        edition,
        "{number: 4, name: 人物, spec: vertical.yaml}",
        "{number: 3, name: 人物, spec: gone.yaml}",
    )
    with pytest.raises(SpecErrors) as caught:
        load_edition(edition)
    messages = [str(e) for e in caught.value.errors]
    assert any("pages[3].number: page 3 is listed twice" in m for m in messages), messages


def test_strict_and_a_page_that_would_spoil_print_writes_nothing(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    edition = sample_edition
    vertical = edition.parent / "vertical.yaml"
    text = vertical.read_text(encoding="utf-8")
    first = re.search(r"lines: (\d+)\}", text.split("\nboxes:", 1)[1])
    assert first is not None  # the first box of the page: made too short for its story
    edit(vertical, first.group(0), "lines: 8}")
    out = tmp_path / "out" / "edition.pdf"
    code, _, err = cli(capsys, "build", edition, "-o", out, "--strict")
    assert code == EXIT_PROBLEMS
    assert "--strict: page 4 would spoil print; nothing written" in err
    assert not out.parent.exists()
    # without --strict the edition is written and the problems listed by page
    code, _, err = cli(capsys, "build", edition, "-o", out)
    assert code == 0 and "page 4: " in err and out.is_file()


def test_strict_json_prints_the_report_of_an_edition_it_does_not_write(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    """``--strict --json`` that writes nothing still prints the edition's report (its
    problems, spoils_print true, no outputs), and the problems that refused it on standard
    error as without --json."""
    vertical = sample_edition.parent / "vertical.yaml"
    text = vertical.read_text(encoding="utf-8")
    first = re.search(r"lines: (\d+)\}", text.split("\nboxes:", 1)[1])
    assert first is not None  # the first box of the page: made too short for its story
    edit(vertical, first.group(0), "lines: 8}")
    out = tmp_path / "out" / "edition.pdf"
    code, stdout, err = cli(capsys, "build", sample_edition, "-o", out, "--strict", "--json")
    assert code == EXIT_PROBLEMS and not out.parent.exists()
    report = json.loads(stdout)
    assert report["scope"] == "edition" and report["outputs"] == []
    assert report["spoils_print"] is True and report["ok"] is False
    (page4,) = (p for p in report["pages"] if p["page"]["number"] == 4)
    assert page4["spoils_print"] and any(q["kind"] == "overset" for q in page4["problems"])
    assert "page 4: error: overset: " in err
    assert err.rstrip().endswith("--strict: page 4 would spoil print; nothing written")


def test_a_page_that_crashes_is_named(tmp_path: Path, capsys) -> None:
    """A page the compose stage cannot set (here: its records taken away after loading, which
    no spec can do: a stand-in for a bug) fails the edition with its number and spec."""
    edition = load_edition(SPECS / "edition.yaml")
    broken = edition.specs[2]._replace(articles={})
    with pytest.raises(PageFailed) as caught:
        specs = (*edition.specs[:2], broken, *edition.specs[3:])
        compose_edition(edition._replace(specs=specs))
    failed = caught.value
    assert failed.number == 3 and failed.spec == SPECS / "culture.yaml"
    assert "Traceback" in failed.trace
    code = page_failed(failed, debug=False)
    err = capsys.readouterr().err
    assert code == EXIT_INTERNAL and err.count("\n") == 1
    assert "on page 3 (" in err and "culture.yaml" in err and "nothing was written" in err
    Path(re.search(r"the traceback is in (\S+);", err)[1]).unlink()


def test_the_pages_are_of_one_issue_with_one_font_library_and_press(
    tmp_path: Path, sample_edition: Path
) -> None:
    edition = sample_edition
    front, vertical = edition.parent / "front.yaml", edition.parent / "vertical.yaml"
    edit(front, "  cn: CN 33-0000", "  issue: 第7189期\n  cn: CN 33-0000")
    edit(vertical, "\ngrid:", "\npress: {ink_limit: 220%}\n\ngrid:")
    manifest = tmp_path / "fonts-copy.yaml"
    shutil.copy(REPO / "fonts" / "manifest.yaml", manifest)
    faces = manifest.read_text(encoding="utf-8")
    for face in sorted((REPO / "fonts").glob("*.ttf")):
        faces = faces.replace(f"file: {face.name}", f"file: {face}")
    manifest.write_text(faces, encoding="utf-8")
    culture = edition.parent / "culture.yaml"
    edit(culture, "\ngrid:", f"\nfonts: {manifest}\n\ngrid:")
    with pytest.raises(SpecErrors) as caught:
        load_edition(edition)
    messages = sorted(str(e) for e in caught.value.errors)  # by file: culture, front, vertical
    assert len(messages) == 3, messages
    assert re.match(r".*culture\.yaml:\d+:\d+: fonts: page 3's fonts manifest", messages[0])
    assert re.match(
        r".*front\.yaml:\d+:\d+: edition\.issue: page 1 has 第7189期, the edition 第7188期",
        messages[1],
    )
    assert re.match(r".*vertical\.yaml:\d+:\d+: press: page 4's press settings", messages[2])


def test_shared_parts_no_page_takes_are_an_error(tmp_path: Path, sample_edition: Path) -> None:
    edition = sample_edition
    standalone = (REPO / "tests" / "fixtures" / "front-standalone.yaml").read_text("utf-8")
    (edition.parent / "front.yaml").write_text(standalone.replace("../../", "../"), "utf-8")
    load_edition(edition)  # the front page stands alone, the others take the shared parts
    edit(edition, "  - {number: 2, name: 要闻, spec: page2.yaml}\n", "")
    edit(edition, "  - {number: 3, name: 城乡, spec: culture.yaml}\n", "")
    edit(edition, "  - {number: 4, name: 人物, spec: vertical.yaml}\n", "")
    with pytest.raises(SpecErrors) as caught:
        load_edition(edition)
    (error,) = caught.value.errors
    assert error.pos.file == edition and "no page of the edition extends this file" in str(error)


def test_check_sets_every_page_and_writes_nothing(
    tmp_path: Path, capsys, sample_edition: Path
) -> None:
    edition = sample_edition
    code, out, _ = cli(capsys, "check", edition)
    assert code == 0 and "ok (4 pages; 0 problems, 0 errors; nothing written)" in out
    assert sorted(p.name for p in edition.parent.iterdir()) == sorted(SAMPLE_EDITION)


def test_a_failed_edition_carries_every_folder_of_records_it_listed(sample_edition: Path) -> None:
    # ``banmian watch`` watches them all while the edition fails: the bad page's own folder
    # with the record that broke it, and the folder the good pages read.
    articles = sample_edition.parent.parent / "articles"
    (articles / "page2" / "bad.yaml").write_text("id: bad\nbody: [1\n", encoding="utf-8")
    with pytest.raises(SpecErrors) as info:
        load_edition(sample_edition)
    listed = dict(info.value.listed)
    assert set(listed) == {articles, articles / "page2"}
    assert "bad.yaml" in (listed[articles / "page2"] or ())
    assert listed[articles] is not None and "shuangyong.yaml" in listed[articles]


def test_a_record_no_page_places_is_a_warning_of_the_edition_under_q_too(
    capsys, sample_edition: Path
) -> None:
    """A story in an edition's folder that no box names is not printed, and says so at its
    id, once, whichever pages read the folder — a warning that ``-q`` does not hide (a night
    desk must see it); a page of the edition checked alone says nothing of it (another page
    may place it)."""
    articles = sample_edition.parent.parent / "articles"
    extra = articles / "extra.yaml"
    extra.write_text("id: extra\nheadline: 没有版位\nbody:\n- 正文。\n", encoding="utf-8")
    edition = load_edition(sample_edition)
    told = [u for spec in edition.specs for u in spec.unprinted if u.record == "extra"]
    assert [str(u) for u in told] == [
        f"{extra}:1:5: id: article 'extra' is placed by no box of the edition: not printed"
    ]
    assert told[0].kind is UnprintedKind.RECORD
    assert not [w for spec in edition.specs for w in spec.warnings]
    assert not load_spec(sample_edition.parent / "front.yaml").unprinted
    code, _, err = cli(capsys, "check", sample_edition)
    assert code == 0 and err.count("warning: ") == 1 and f"warning: {told[0]}" in err
    code, _, err = cli(capsys, "-q", "check", sample_edition)
    assert code == 0 and err == f"warning: {told[0]}\n"


def test_two_records_of_one_id_in_an_edition_are_a_warning_naming_both(
    capsys, sample_edition: Path
) -> None:
    """Page 2's folder holding a record of page 1's story's id: page 2's boxes would set
    its own, the story continued from page 1 that of page 1; warned at the later page's
    record, with the other's file and line."""
    articles = sample_edition.parent.parent / "articles"
    dup = articles / "page2" / "dup.yaml"
    dup.write_text("id: shuangyong\nheadline: 另一篇\nbody:\n- 另一篇正文。\n", encoding="utf-8")
    edition = load_edition(sample_edition)
    by_page = {spec.page.number: spec.warnings for spec in edition.specs}
    (warning,) = by_page.pop(2)
    assert not any(by_page.values())
    first = load_spec(sample_edition.parent / "front.yaml").articles["shuangyong"]
    assert warning.startswith(f"{dup}:1:5: id: record 'shuangyong' of page 2 has the id of")
    assert f"{first.source_pos} (page 1's)" in warning
    code, _, err = cli(capsys, "check", sample_edition)
    assert code == 0 and f"warning: {warning}" in err
