"""layout.cachecheck: cache entries checked before they are trusted — a converted photo or a
proof's crop cut short or written over on the disk is made again (the PDF the same bytes as
with a whole cache), never embedded; a sealed entry damaged is refused."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from layout.build import build
from layout.cachecheck import check_path, is_checked, keep_checked, seal, unseal

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"


def test_a_sealed_entry_is_read_back_and_a_damaged_one_refused() -> None:
    entry = seal(b"payload")
    assert unseal(entry) == b"payload"
    for damaged in (entry[:-1], entry[:10], entry[:-1] + b"X", b"", b"payload"):
        assert unseal(damaged) is None


def test_a_checked_file_is_trusted_only_whole(tmp_path: Path) -> None:
    path = tmp_path / "entry.jpg"
    assert keep_checked(path, b"\xff\xd8 picture \xff\xd9") == path and is_checked(path)
    path.write_bytes(b"\xff\xd8 pictur\x00 \xff\xd9")  # same length, written over
    assert not is_checked(path)
    keep_checked(path, b"\xff\xd8 picture \xff\xd9")
    check_path(path).unlink()  # killed between the two writes, or an older banmian's
    assert not is_checked(path)
    assert not is_checked(tmp_path / "none.jpg")


def _images(pdf: Path) -> list[bytes]:
    with pikepdf.open(pdf) as doc:
        return [
            image.read_raw_bytes()
            for page in doc.pages
            for image in page.Resources.get("/XObject", {}).values()
            if image.get("/Subtype") == "/Image" and image.get("/Filter") == "/DCTDecode"
        ]


@pytest.mark.parametrize(("pdfx", "folder"), [(True, "press-images"), (False, "crops")])
def test_a_damaged_photo_entry_is_made_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pdfx: bool, folder: str
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("BANMIAN_CACHE", str(cache))
    whole = tmp_path / "whole.pdf"
    build(FRONT, whole, pdfx=pdfx)
    entries = sorted((cache / folder).glob("*.jpg"))
    assert entries
    sizes = [e.stat().st_size for e in entries]
    for entry in entries:
        with open(entry, "r+b") as f:
            f.truncate(1000)
    again = tmp_path / "again.pdf"
    build(FRONT, again, pdfx=pdfx)
    assert again.read_bytes() == whole.read_bytes()
    assert [e.stat().st_size for e in entries] == sizes  # made again, whole
    assert all(len(data) > 1000 for data in _images(again))
