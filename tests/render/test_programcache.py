"""The deflated subset programs kept in the user cache (``layout.render.programcache``): a
kept program gives the bytes of one made anew, a damaged or foreign file is never trusted,
the key follows the face file and the glyphs, and the folder keeps the newest only."""

from __future__ import annotations

import hashlib
import os
import zlib
from pathlib import Path

import pytest

from layout.fonts import library
from layout.fonts.subset import TrueTypeProgram
from layout.render import programcache
from layout.render.background import Worker
from layout.render.cidfont import FONT_PROGRAM_LEVEL, CIDTrueTypeFont

GLYPHS = (0, 3, 17, 1200, 4711)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache" / programcache.FOLDER


def _font() -> CIDTrueTypeFont:
    """A font object of its own (no program kept in memory) over the song face's file."""
    return CIDTrueTypeFont.from_face("song-test", library().face("song"))


def _program(font: CIDTrueTypeFont, worker: Worker | None = None) -> tuple[int, bytes]:
    length, packed = font._packed_program(GLYPHS, True, worker)
    return length, packed.result()


def test_a_kept_program_is_the_program_made_anew(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = _font()
    program = font.program.subset(GLYPHS)
    made = _program(font)
    assert made == (len(program), zlib.compress(program, FONT_PROGRAM_LEVEL))
    assert [p.name for p in cache.iterdir()] == [font._disk_key(GLYPHS)]

    def no_subset(*_: object) -> bytes:
        raise AssertionError("the kept program is read, not made")

    monkeypatch.setattr(TrueTypeProgram, "subset", no_subset)
    assert _program(_font()) == made
    with Worker() as worker:  # kept on the worker's thread: the same
        assert _program(_font(), worker) == made


@pytest.mark.parametrize("damage", ["cut", "flipped", "foreign", "empty"])
def test_a_damaged_or_foreign_file_is_not_trusted_and_is_made_again(
    cache: Path, damage: str
) -> None:
    made = _program(_font())
    path = cache / _font()._disk_key(GLYPHS)
    blob = path.read_bytes()
    if damage == "cut":
        path.write_bytes(blob[:-10])
    elif damage == "flipped":
        path.write_bytes(blob[:-10] + bytes([blob[-10] ^ 1]) + blob[-9:])
    elif damage == "foreign":  # another key's program under this name
        other = programcache.program_key("elsewhere", FONT_PROGRAM_LEVEL, GLYPHS)
        programcache.keep_program(other, made[0], made[1])
        path.write_bytes((cache / other).read_bytes())
    else:
        path.write_bytes(b"")
    assert programcache.kept_program(path.name) is None
    assert _program(_font()) == made
    assert path.read_bytes() == blob  # kept whole again


def test_the_key_follows_the_file_the_glyphs_and_the_level(tmp_path: Path) -> None:
    source = library().face("song").info.path
    copy = tmp_path / "song.ttf"
    copy.write_bytes(source.read_bytes())
    with copy.open("rb") as f:
        first = programcache.file_identity(f)
    assert first is not None
    key = programcache.program_key(first, 3, GLYPHS)
    assert key == programcache.program_key(first, 3, GLYPHS)
    assert key != programcache.program_key(first, 3, GLYPHS[:-1])
    assert key != programcache.program_key(first, 6, GLYPHS)
    os.utime(copy, ns=(1, 1))  # touched: another file as far as the cache knows
    with copy.open("rb") as f:
        assert programcache.file_identity(f) != first
    assert programcache.file_identity(object()) is None  # type: ignore[arg-type]


def test_the_folder_keeps_the_newest_programs(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(programcache, "KEPT_ON_DISK", 3)
    keys = [programcache.program_key("file", 3, (0, k)) for k in range(5)]
    for age, key in enumerate(keys):
        programcache.keep_program(key, 10, b"packed")
        os.utime(cache / key, ns=(age * 10**9, age * 10**9))
    programcache.keep_program(keys[4], 10, b"packed")  # the fifth kept again: prunes
    assert sorted(p.name for p in cache.iterdir()) == sorted(keys[2:])
    assert programcache.kept_program(keys[3]) == (10, b"packed")


def test_a_cache_that_cannot_be_written_is_no_error(tmp_path: Path, monkeypatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("BANMIAN_CACHE", str(blocked))
    made = _program(_font())
    assert made[1] == zlib.compress(_font().program.subset(GLYPHS), FONT_PROGRAM_LEVEL)
    assert blocked.read_text() == "a file where the cache folder would be"


# The subsetter's output for GLYPHS of the song face under programcache.FORMAT: a kept
# program is trusted only while the subsetter writes the same bytes.
PINNED = {1: "ed78b17c11ec4a8d8b1b4f216ea9f2aa10b6f923836096b53f465eb04867c38a"}


def test_the_format_names_what_the_subsetter_writes() -> None:
    """A change to the subsetter's bytes must raise ``programcache.FORMAT`` (and pin the new
    digest here): programs kept by the old code would otherwise be read back as current."""
    digest = hashlib.sha256(_font().program.subset(GLYPHS)).hexdigest()
    assert PINNED.get(programcache.FORMAT) == digest, (
        "the subset program's bytes changed: raise layout.render.programcache.FORMAT"
    )
