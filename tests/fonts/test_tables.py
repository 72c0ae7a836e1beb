"""The table directory reader (layout/fonts/tables.py) against fontTools' lazy reader of the
same files: the shipped faces and a small font made here."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from layout.fonts import FontFileError, library
from layout.fonts.tables import FontTables

from .test_sfnt import small_font


def _shipped() -> list[Path]:
    fonts = library()
    return sorted({info.path for info in fonts.face_infos.values()})


@pytest.mark.parametrize("path", _shipped(), ids=lambda p: p.name)
def test_every_table_of_a_shipped_face_is_fonttools_bytes(path: Path) -> None:
    reference = TTFont(str(path), lazy=True).reader
    with FontTables.open(path) as tables:
        assert list(tables.tables) == list(reference.tables)  # both in offset order
        for tag, entry in reference.tables.items():
            assert (tables.tables[tag].offset, tables.tables[tag].length) == (
                entry.offset,
                entry.length,
            )
            assert tables.tables[tag].checksum == entry.checkSum
            assert tag in tables
        for tag in ("head", "hhea", "maxp", "cmap", "hmtx", "loca", "OS/2", "name", "post"):
            if tag in reference.tables:
                assert tables[tag] == bytes(reference[tag]), tag
        assert bytes(tables.mapped("glyf")) == bytes(reference["glyf"])
        assert "nope" not in tables and tables.mapped("nope") is None
        assert set(tables) == set(reference.tables) and len(tables) == len(reference.tables)


def test_a_made_font_reads_as_fonttools_reads_it(tmp_path: Path) -> None:
    data = small_font()
    path = tmp_path / "small.ttf"
    path.write_bytes(data)
    reference = TTFont(io.BytesIO(data), lazy=True).reader
    with FontTables.open(path) as tables:
        assert {tag: tables[tag] for tag in tables} == {
            tag: bytes(reference[tag]) for tag in reference.tables
        }


def test_a_file_shorter_than_its_directory_or_a_table_is_an_error(tmp_path: Path) -> None:
    data = small_font()
    short = tmp_path / "short.ttf"
    short.write_bytes(data[:40])  # the header and two of its records
    with pytest.raises(FontFileError, match="table directory .* runs past the end"):
        FontTables.open(short)
    cut = tmp_path / "cut.ttf"
    cut.write_bytes(data)
    with FontTables.open(cut) as tables:
        last = max(tables.tables, key=lambda tag: tables.tables[tag].offset)
        cut.write_bytes(data[: tables.tables[last].offset + 1])  # the file cut under us
        with pytest.raises(FontFileError, match=f"table '{last}' has 1 of its"):
            tables[last]
