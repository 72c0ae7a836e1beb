"""Page PDFs left beside an edition PDF (``layout.stale``): only a file banmian wrote that is
no input goes; any other named so stays, and each is said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from layout.build import build
from layout.output import InputFile
from layout.stale import StalePdf, page_pdf_pattern, remove_stale, written_by_banmian

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"


@pytest.fixture(scope="module")
def banmian_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A page PDF as banmian writes it."""
    out = tmp_path_factory.mktemp("page") / "front.pdf"
    build(FRONT, out)
    return out


def copy(source: Path, target: Path) -> Path:
    shutil.copyfile(source, target)
    return target


# --------------------------------------------------------------------------- the test


def test_a_pdf_banmian_wrote_is_recognised(banmian_pdf: Path) -> None:
    assert written_by_banmian(banmian_pdf)


@pytest.mark.parametrize("text", [b"", b"my notes\n", b"%PDF-1.4\n" + b"x" * 3000])
def test_a_file_that_is_no_banmian_pdf_is_not(tmp_path: Path, text: bytes) -> None:
    path = tmp_path / "e-p07.pdf"
    path.write_bytes(text)
    assert not written_by_banmian(path)


def test_a_missing_file_is_not(tmp_path: Path) -> None:
    assert not written_by_banmian(tmp_path / "nowhere.pdf")


def test_a_pdf_another_program_wrote_is_not(tmp_path: Path) -> None:
    path = tmp_path / "other.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.docinfo["/Producer"] = "banmian"  # the name alone is not enough
        pdf.save(path)
    assert not written_by_banmian(path)


def test_a_banmian_pdf_saved_again_by_another_program_is_not(
    tmp_path: Path, banmian_pdf: Path
) -> None:
    path = tmp_path / "saved.pdf"
    with pikepdf.open(banmian_pdf) as pdf:
        pdf.save(path)
    assert not written_by_banmian(path)


def test_a_banmian_pdf_with_an_update_appended_is_not(tmp_path: Path, banmian_pdf: Path) -> None:
    data = banmian_pdf.read_bytes()
    start = int(data.rsplit(b"startxref", 1)[1].split()[0])
    update = b"1 0 obj\n<< /Annotated true >>\nendobj\n"
    xref = len(data) + len(update)
    offset = b"%010d 00000 n \n" % len(data)
    trailer = data[data.rindex(b"trailer") : data.rindex(b">>")]
    path = tmp_path / "annotated.pdf"
    path.write_bytes(
        data
        + update
        + b"xref\n1 1\n"
        + offset
        + trailer
        + b"/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n" % (start, xref)
    )
    assert not written_by_banmian(path)


def test_a_banmian_pdf_with_another_producer_is_not(tmp_path: Path, banmian_pdf: Path) -> None:
    data = banmian_pdf.read_bytes()
    assert data.count(b"/Producer (banmian)") == 1
    path = tmp_path / "produced.pdf"
    path.write_bytes(data.replace(b"/Producer (banmian)", b"/Producer (BANMIAN)"))
    assert not written_by_banmian(path)


def test_a_truncated_banmian_pdf_is_not(tmp_path: Path, banmian_pdf: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(banmian_pdf.read_bytes()[:-200])
    assert not written_by_banmian(path)


# --------------------------------------------------------------------------- removing


def test_only_a_page_pdf_banmian_wrote_that_is_no_input_is_removed(
    tmp_path: Path, banmian_pdf: Path
) -> None:
    out = tmp_path / "edition.pdf"
    written = [copy(banmian_pdf, tmp_path / "edition-p01.pdf"), copy(banmian_pdf, out)]
    stale = copy(banmian_pdf, tmp_path / "edition-p02.pdf")
    advert = copy(banmian_pdf, tmp_path / "edition-p03.pdf")  # an input, though banmian's
    notes = tmp_path / "edition-p04.pdf"
    notes.write_text("my notes", encoding="utf-8")
    link = tmp_path / "edition-p05.pdf"
    link.symlink_to(banmian_pdf)
    others = [copy(banmian_pdf, tmp_path / "edition-p1.pdf"), copy(banmian_pdf, tmp_path / "x.pdf")]
    inputs = [InputFile(advert, "an advertisement")]

    found = remove_stale(out, written, inputs)

    assert [(f.path.name, f.removed) for f in found] == [
        ("edition-p02.pdf", True),
        ("edition-p03.pdf", False),
        ("edition-p04.pdf", False),
        ("edition-p05.pdf", False),
    ]
    assert not stale.exists()
    assert all(p.exists() for p in (*written, advert, notes, *others))
    assert link.is_symlink() and banmian_pdf.exists()
    reasons = [f.reason for f in found[1:]]
    assert reasons[0] == "it is an advertisement, an input of this build"
    assert reasons[1].startswith("banmian did not write it")
    assert reasons[2].startswith("it is a symbolic link")


def test_an_input_is_kept_through_a_link_too(tmp_path: Path, banmian_pdf: Path) -> None:
    advert = copy(banmian_pdf, tmp_path / "ad.pdf")
    (tmp_path / "edition-p02.pdf").hardlink_to(advert)
    (found,) = remove_stale(tmp_path / "edition.pdf", [], [InputFile(advert, "an advertisement")])
    assert not found.removed and (tmp_path / "edition-p02.pdf").exists()


def test_a_folder_without_page_pdfs_has_nothing_stale(tmp_path: Path) -> None:
    assert remove_stale(tmp_path / "edition.pdf", [], []) == ()
    assert remove_stale(tmp_path / "missing" / "edition.pdf", [], []) == ()


def test_the_lines_say_what_was_done_and_why() -> None:
    removed = StalePdf(Path("out/edition-p05.pdf"), True, "")
    kept = StalePdf(Path("out/edition-p03.pdf"), False, "it is an advertisement, an input")
    assert removed.message(4) == (
        "removed out/edition-p05.pdf, a page PDF of an earlier build: the edition has 4 pages"
    )
    assert kept.message(1) == (
        "kept out/edition-p03.pdf, named as a page PDF of this edition (the edition has 1 "
        "page): it is an advertisement, an input"
    )


def test_page_pdf_names() -> None:
    pattern = page_pdf_pattern(Path("out/my.edition.pdf"))
    assert pattern.fullmatch("my.edition-p01.pdf") and pattern.fullmatch("my.edition-p123.pdf")
    assert not pattern.fullmatch("my.edition-p1.pdf")
    assert not pattern.fullmatch("myXedition-p01.pdf")
