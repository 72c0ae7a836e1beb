"""The character sets a Chinese paper's fonts are measured against, for ``banmian fonts``.

Contract: :func:`standard_sets` gives, in order,

- GB 2312's 6763 hanzi (levels 1 and 2: rows 16–87, every valid two-byte EUC-CN code of
  bytes 0xB0–0xF7 × 0xA1–0xFE decoded by Python's ``gb2312`` codec, as tools/build_fonts.py
  derives the set);
- the 8105 characters of 通用规范汉字表 (State Council 2013), read from
  ``coverage/tongyong-guifan-8105.txt`` beside the bundled fonts manifest (the kTGH field of
  Unihan; tools/build_fonts.py writes it); left out, with :func:`missing_sets` saying so, when
  the file is not there;
- the CJK Unified Ideographs Extension blocks A–G (Unicode's ``Blocks.txt`` ranges), each
  counted as the code points assigned in the Unicode version of Python's ``unicodedata``.

Each is a :class:`CharSet` of code points. :func:`counted` counts a character map's code points
in each set. :func:`gb2312_level1` is GB 2312's level 1 alone (一级汉字, the 3755 commonest),
the set a role's first face is judged by: under
:data:`~layout.fonts.library.FIRST_FACE_SHARE` of it, the face sets little Chinese text and
the faces after it the rest. Nothing here opens a font.
"""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .manifest import DEFAULT_MANIFEST

TONGYONG_FILE = DEFAULT_MANIFEST.parent / "coverage" / "tongyong-guifan-8105.txt"

# Unicode's Blocks.txt (CJK Unified Ideographs Extension A–G).
EXTENSION_BLOCKS: tuple[tuple[str, int, int], ...] = (
    ("A", 0x3400, 0x4DBF),
    ("B", 0x20000, 0x2A6DF),
    ("C", 0x2A700, 0x2B73F),
    ("D", 0x2B740, 0x2B81F),
    ("E", 0x2B820, 0x2CEAF),
    ("F", 0x2CEB0, 0x2EBEF),
    ("G", 0x30000, 0x3134F),
)


@dataclass(frozen=True)
class CharSet:
    """A named set of code points: ``key`` for JSON, ``label`` for people."""

    key: str
    label: str
    codes: frozenset[int]


@functools.cache
def gb2312_hanzi() -> frozenset[int]:
    """GB 2312's hanzi: rows 16–55 (level 1, 3755) and 56–87 (level 2, 3008)."""
    return _gb2312_rows(16, 87)


@functools.cache
def gb2312_level1() -> frozenset[int]:
    """GB 2312's level-1 hanzi (一级汉字, rows 16–55: the 3755 commonest)."""
    return _gb2312_rows(16, 55)


def _gb2312_rows(first: int, last: int) -> frozenset[int]:
    """The characters of GB 2312's rows ``first``–``last`` (EUC-CN lead bytes 0xA0 + row)."""
    out = set()
    for hi in range(0xA0 + first, 0xA0 + last + 1):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                out.add(ord(bytes((hi, lo)).decode("gb2312")))
    return frozenset(out)


@functools.cache
def tongyong_guifan(path: Path = TONGYONG_FILE) -> frozenset[int] | None:
    """通用规范汉字表's 8105 characters (``table-number <TAB> U+XXXX <TAB> character`` lines;
    ``#`` comments); None when the file is not there."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    codes = set()
    for line in text.splitlines():
        if line and not line.startswith("#"):
            codes.add(int(line.split("\t")[1][2:], 16))
    return frozenset(codes)


@functools.cache
def extension_block(lo: int, hi: int) -> frozenset[int]:
    """The assigned code points of a block (general category other than Cn)."""
    return frozenset(c for c in range(lo, hi + 1) if unicodedata.category(chr(c)) != "Cn")


def standard_sets() -> tuple[CharSet, ...]:
    """The sets of the module docstring, in order (通用规范汉字表 only when its list is there)."""
    sets = [CharSet("gb2312", "GB 2312", gb2312_hanzi())]
    tongyong = tongyong_guifan()
    if tongyong is not None:
        sets.append(CharSet("tongyong8105", "通用8105", tongyong))
    sets += [
        CharSet(f"ext_{name.lower()}", f"Ext {name}", extension_block(lo, hi))
        for name, lo, hi in EXTENSION_BLOCKS
    ]
    return tuple(sets)


def missing_sets() -> tuple[str, ...]:
    """What :func:`standard_sets` had to leave out, and why."""
    if tongyong_guifan() is None:
        return (f"通用规范汉字表: its list {TONGYONG_FILE} is not there",)
    return ()


def counted(codes: Iterable[int] | Mapping[int, int], sets: Iterable[CharSet]) -> dict[str, int]:
    """How many of each set's code points are in ``codes`` (a set, or a character map)."""
    have = codes if isinstance(codes, (set, frozenset)) else frozenset(codes)
    return {s.key: len(s.codes & have) for s in sets}
