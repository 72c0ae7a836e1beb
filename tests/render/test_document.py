"""The PDF file the document layer writes (``layout.render.document``): its cross-reference
table, trailer, Info dictionary, document ID and dates, read back from the bytes and with
pikepdf and qpdf."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from layout.fonts import library
from layout.geometry import Rect
from layout.page import BLACK, Color, Page, RectOp, RuleOp, TextRun
from layout.press import PressSettings
from layout.render.document import Document
from layout.render.pdf import pdf_bytes

TITLE = "今日平湖 (要闻) a\\b é"


def _page(title: str = TITLE) -> Page:
    ops = (
        TextRun("版面：春潮涌动", "song", 10.0, 20.0, 30.0),
        RuleOp(10, 40, 190, 40, 0.5, BLACK),
        RectOp(Rect(10, 50, 30, 20), fill=Color(0, 0.95, 1, 0, spot="PANTONE 485 C")),
        TextRun("楷体 PTA", "kai", 12.0, 20.0, 90.0),
    )
    return Page(1, Rect(0, 0, 200, 120), 3.0, ops, boxes=(), title=title)


def _xref(data: bytes) -> tuple[int, list[int]]:
    """(startxref, every in-use entry's offset) of a PDF with one cross-reference section."""
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", data).group(1))
    assert data[start:].startswith(b"xref\n0 ")
    head, count = data[start:].split(b"\n", 2)[1].split()
    assert head == b"0"
    lines = data[start:].split(b"\n")[2 : 2 + int(count)]
    assert lines[0] == b"0000000000 65535 f "
    offsets = []
    for line in lines[1:]:
        assert re.fullmatch(rb"\d{10} 00000 n ", line)
        offsets.append(int(line[:10]))
    return start, offsets


@pytest.mark.parametrize("press", [None, PressSettings()], ids=["proof colours", "press"])
def test_every_xref_offset_points_at_its_object(press: PressSettings | None) -> None:
    data = pdf_bytes([_page()], library(), press)
    start, offsets = _xref(data)
    assert offsets, "no objects"
    for number, offset in enumerate(offsets, start=1):
        assert data[offset:].startswith(b"%d 0 obj\n" % number), number
    # The objects fill the file from the header to the table, one after another.
    ends = [*offsets[1:], start]
    for offset, end in zip(offsets, ends, strict=True):
        assert data[offset:end].endswith(b"endobj\n")
    size = int(re.search(rb"/Size (\d+)", data[start:]).group(1))
    assert size == len(offsets) + 1


def test_the_file_opens_and_checks_clean(tmp_path: Path) -> None:
    data = pdf_bytes([_page()], library(), PressSettings())
    assert data.startswith(b"%PDF-1.4\n%\x93\x8c\x8b\x9e banmian\n")
    assert b"ReportLab" not in data  # (it wrote the PDFs once; nothing names it now)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert str(pdf.docinfo["/Producer"]) == "banmian"
        assert len(pdf.pages) == 1
        assert pdf.pdf_version == "1.4"
        assert str(pdf.docinfo["/Title"]) == TITLE  # parens, a backslash, é, CJK
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-1a:2003"
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFX"
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf not installed")
    (tmp_path / "page.pdf").write_bytes(data)
    checked = subprocess.run([qpdf, "--check", str(tmp_path / "page.pdf")], capture_output=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_same_page_gives_the_same_bytes_and_another_title_other_bytes() -> None:
    fonts = library()
    first = pdf_bytes([_page()], fonts, PressSettings())
    assert pdf_bytes([_page()], fonts, PressSettings()) == first
    assert pdf_bytes([_page("另一版")], fonts, PressSettings()) != first


def test_the_press_pdfs_id_is_the_digest_of_all_before_the_trailer() -> None:
    data = pdf_bytes([_page()], library(), PressSettings())
    trailer = data.rindex(b"trailer")
    digest = hashlib.md5(data[:trailer]).hexdigest().encode()
    assert re.search(rb"/ID \[<(\w{32})><(\w{32})>\]", data[trailer:]).groups() == (
        digest,
        digest,
    )


def test_dates_are_fixed_or_the_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    assert b"/CreationDate (D:20000101000000+00'00')" in pdf_bytes([_page()], library())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764633600")  # 2025-12-02 00:00 UTC
    data = pdf_bytes([_page()], library())
    assert b"/CreationDate (D:20251202000000+00'00')" in data
    assert b"/ModDate (D:20251202000000+00'00')" in data


def test_objects_are_numbered_on_first_sight() -> None:
    doc = Document()
    first, second = {"a": 1}, {"b": 2}
    assert doc.ref(first).number == 1
    assert doc.register("two", second).number == 2
    assert doc.ref(first).number == 1 and doc.register("two", {"other": 0}).number == 2
    assert doc.registered_since(1) == [("two", second)]
    doc.root = {"Type": "/Catalog"}
    data = doc.write()
    assert data.startswith(b"%PDF-1.4\n%\x93\x8c\x8b\x9e ")
    assert _xref(data)[1] == [data.index(b"%d 0 obj" % n) for n in (1, 2, 3, 4)]


def test_body_and_ended_are_the_halves_of_write() -> None:
    """The file is its body (up to the trailer) and the trailer with the ID given: the ID the
    press PDF's digest makes of the body, or the invariant one, as ``write`` makes them."""

    def made() -> Document:
        doc = Document()
        doc.ref({"a": 1})
        doc.root = {"Type": "/Catalog"}
        return doc

    body = made().body()
    assert body.data.endswith(
        b"0000000000 65535 f \n"
        + b"".join(b"%010d 00000 n \n" % body.data.index(b"%d 0 obj" % n) for n in (1, 2, 3))
    )
    assert body.data[body.xref :].startswith(b"xref\n0 4\n") and body.size == 4

    def digest(data: bytes, end: int) -> str:
        return hashlib.md5(data[:end]).hexdigest()

    doc = made()
    assert doc.ended(doc.body(), digest(body.data, len(body.data)).encode()) == made().write(digest)
    doc = made()
    assert doc.ended(doc.body(), doc.info.invariant_id()) == made().write()
