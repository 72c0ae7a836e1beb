"""The advertisement page records kept in the user cache (layout.artwork.advertcache): a
record comes back from its file as it went in; a file that is not a whole record of this
version is never trusted but made again; nothing is kept of an ad that cannot be read."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.artwork.advert import AdvertError
from layout.artwork.advertcache import (
    FOLDER,
    VERSION,
    AdvertPage,
    ForeignObject,
    decode,
    encode,
    kept_page,
    page_key,
)

_FLOATS = st.floats(allow_nan=False, allow_infinity=False)
_TEXT = st.text(max_size=40)


@st.composite
def _records(draw: st.DrawFn) -> AdvertPage:
    count = draw(st.integers(1, 6))
    objects = []
    for _ in range(count):
        data = draw(st.binary(max_size=60))
        places = st.integers(0, len(data))
        refs = draw(st.lists(st.tuples(places, st.integers(0, count - 1)), max_size=4))
        objects.append(ForeignObject(data, tuple(sorted(refs))))
    return AdvertPage(
        page=draw(st.integers(0, 50)),
        size=(draw(_FLOATS), draw(_FLOATS)),
        bbox=(draw(_FLOATS), draw(_FLOATS), draw(_FLOATS), draw(_FLOATS)),
        findings=tuple(draw(st.lists(st.tuples(_TEXT, _TEXT), max_size=4))),
        inks=tuple(draw(st.lists(st.tuples(_TEXT, _FLOATS), max_size=4))),
        objects=tuple(objects),
    )


def _record() -> AdvertPage:
    return AdvertPage(
        page=0,
        size=(495.0, 210.0),
        bbox=(0.0, 0.0, 495.0, 210.0),
        findings=(("rgb", "RGB colour (rg operator): supply the advertisement in CMYK"),),
        inks=(("a colour", 160.0), ("a colour", 250.00000000000003)),
        objects=(
            ForeignObject(b"<< /Resources << /Font  >> /Length 3 >>\nstream\nabc\nendstream\n",
                          ((26, 1),)),
            ForeignObject(b"<< /F1  >>", ((7, 1),)),  # a cycle: the object refers to itself
        ),
    )  # fmt: skip


@settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "80")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)
@given(_records())
def test_a_record_comes_back_as_it_went_in(record: AdvertPage) -> None:
    assert decode(encode(record)) == record


def test_a_record_s_bytes_are_its_values_whatever_objects_hold_them() -> None:
    """The same record gives the same file: marshal's format 2 marks neither a value met
    twice nor an interned string (format 3 on does, after reference counts)."""
    what = "".join(["a ", "colour"])  # equal to the literal, another object, not interned
    shared = _record()
    apart = shared._replace(inks=((what, 160.0), (sys.intern("a colour"), 250.00000000000003)))
    assert apart == shared and apart.inks[0][0] is not shared.inks[0][0]
    assert encode(apart) == encode(shared)


def test_a_damaged_truncated_or_foreign_file_is_not_a_record() -> None:
    blob = encode(_record())
    assert decode(blob) == _record()
    flipped = bytearray(blob)
    flipped[-5] ^= 1
    assert decode(bytes(flipped)) is None  # the payload's digest does not match
    assert decode(blob[:-1]) is None
    assert decode(blob[:10]) is None
    assert decode(b"") is None
    older = blob.replace(b"advert page %d\n" % VERSION, b"advert page %d\n" % (VERSION + 1), 1)
    assert decode(older) is None  # another version's record


def test_a_whole_file_whose_structure_does_not_hold_is_not_a_record() -> None:
    """The digest holds, but a reference points past the objects or outside its object's
    bytes: such a file is not trusted either."""
    for bad in (
        ForeignObject(b"<<  >>", ((3, 5),)),  # no object 5
        ForeignObject(b"<<  >>", ((30, 0),)),  # past the object's bytes
        ForeignObject(b"<<  >>", ((4, 0), (2, 0))),  # out of order
    ):
        record = AdvertPage(0, (1.0, 1.0), (0.0, 0.0, 1.0, 1.0), (), (), (bad,))
        assert decode(encode(record)) is None
    empty = AdvertPage(0, (1.0, 1.0), (0.0, 0.0, 1.0, 1.0), (), (), ())
    assert decode(encode(empty)) is None  # a record without its form


def test_the_key_is_the_file_s_bytes_and_the_page() -> None:
    assert page_key(b"%PDF-1.4 a", 0) == page_key(b"%PDF-1.4 a", 0)
    assert page_key(b"%PDF-1.4 a", 0) != page_key(b"%PDF-1.4 a", 1)
    assert page_key(b"%PDF-1.4 a", 0) != page_key(b"%PDF-1.4 b", 0)


def _entry(cache: Path, key: str) -> Path:
    return cache / FOLDER / f"{key}-{VERSION}"


def test_a_record_is_made_once_then_read_from_the_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    made: list[int] = []

    def compute() -> AdvertPage:
        made.append(1)
        return _record()

    assert kept_page("k", compute) == _record()
    assert _entry(tmp_path, "k").read_bytes() == encode(_record())
    assert kept_page("k", compute) == _record()
    assert made == [1]  # the second came from the file


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "a folder"])
def test_a_corrupt_entry_is_made_again_and_rewritten(
    tmp_path: Path, monkeypatch, damage: str
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    entry = _entry(tmp_path, "k")
    entry.parent.mkdir(parents=True)
    if damage == "a folder":
        entry.mkdir()  # unreadable as a file, and it cannot be replaced: no error either
    else:
        blob = encode(_record())
        entry.write_bytes({"truncated": blob[:-7], "garbage": b"\x00" * 99, "empty": b""}[damage])
    made: list[int] = []

    def compute() -> AdvertPage:
        made.append(1)
        return _record()

    assert kept_page("k", compute) == _record()
    assert made == [1]
    if damage != "a folder":
        assert decode(entry.read_bytes()) == _record()


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_bytes(b"")
    monkeypatch.setenv("BANMIAN_CACHE", str(blocker))
    assert kept_page("k", _record) == _record()
    assert kept_page("k", _record) == _record()


def test_nothing_is_kept_of_an_ad_that_cannot_be_read(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))

    def refuse() -> AdvertPage:
        raise AdvertError(tmp_path / "ad.pdf", "the PDF is encrypted")

    with pytest.raises(AdvertError, match="encrypted"):
        kept_page("k", refuse)
    assert not (tmp_path / FOLDER).exists()
