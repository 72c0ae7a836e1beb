"""Page PDFs left beside an edition PDF (``layout.stale``): only a file banmian wrote that is
no input goes; any other named so stays, and each is said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from layout.build import build
from layout.output import InputFile
from layout.stale import (
    StaleFile,
    page_pdf_pattern,
    png_by_banmian,
    png_pattern,
    preview_pattern,
    remove_stale,
    remove_stale_pngs,
    written_by_banmian,
)

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
    removed = StaleFile(Path("out/edition-p05.pdf"), True, "")
    kept = StaleFile(Path("out/edition-p03.pdf"), False, "it is an advertisement, an input")
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


# --------------------------------------------------------------------------- page images


def _png(path: Path, ours: bool) -> Path:
    """A small PNG at ``path``: as banmian writes a page image, or as another program does."""
    from PIL import Image

    from layout.formats import png_file

    image = Image.new("RGB", (4, 3), "white")
    if ours:
        path.write_bytes(png_file(image, 10))
    else:
        image.save(path, format="PNG")
    return path


def test_a_png_is_banmian_s_by_its_software_chunk(tmp_path: Path) -> None:
    assert png_by_banmian(_png(tmp_path / "ours.png", True))
    assert not png_by_banmian(_png(tmp_path / "theirs.png", False))
    (tmp_path / "text.png").write_text("not a picture", encoding="utf-8")
    assert not png_by_banmian(tmp_path / "text.png")
    assert not png_by_banmian(tmp_path / "nowhere.png")


def test_the_page_images_of_a_template_and_the_previews_of_a_proof() -> None:
    pattern = png_pattern(Path("out/p-{p}.png"))
    assert all(pattern.fullmatch(n) for n in ("p-1.png", "p-12.png", "p-01.png"))
    assert not any(pattern.fullmatch(n) for n in ("p-.png", "p-1.pdf", "xp-1.png", "p-1a.png"))
    assert png_pattern(Path("e_{0p}_web.png")).fullmatch("e_07_web.png")
    previews = preview_pattern(Path("edition-proof.pdf"))
    assert previews.fullmatch("edition-proof-3.png")
    assert not previews.fullmatch("edition-proof-overview.png")


def test_only_page_images_banmian_wrote_that_are_no_input_are_removed(tmp_path: Path) -> None:
    written = [_png(tmp_path / "p-1.png", True)]
    stale = _png(tmp_path / "p-2.png", True)
    photo = _png(tmp_path / "p-3.png", True)  # an input, though banmian's
    theirs = _png(tmp_path / "p-4.png", False)
    found = remove_stale_pngs(
        tmp_path,
        png_pattern(tmp_path / "p-{p}.png"),
        written,
        [InputFile(photo, "a photo")],
        "page image",
    )
    assert [(f.path.name, f.removed, f.what) for f in found] == [
        ("p-2.png", True, "page image"),
        ("p-3.png", False, "page image"),
        ("p-4.png", False, "page image"),
    ]
    assert not stale.exists() and all(p.exists() for p in (*written, photo, theirs))
    assert found[0].message(1) == (
        f"removed {stale}, a page image of an earlier build: the edition has 1 page"
    )
