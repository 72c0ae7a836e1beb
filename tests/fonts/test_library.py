"""Faces and chains (layout/fonts/library.py): metrics of both writing directions side by side.

The chain's rules are checked on synthetic faces (advances and vertical forms chosen here), the
reading of real tables on the shipped faces against fontTools' parse of the same files."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from fontTools.ttLib import TTFont

from layout.fonts import ChainMetrics, Face, library
from layout.text.metrics import GlyphInfo


@dataclass
class FakeFace:
    """A face with the advances and vertical forms given (em; code point → glyph id)."""

    id: str
    advances: dict[str, tuple[float, float]]  # ch → (horizontal, vertical)
    forms: dict[str, int] = field(default_factory=dict)

    @property
    def cmap(self) -> dict[int, int]:
        return {ord(ch): k + 1 for k, ch in enumerate(self.advances)}

    def advance(self, ch: str) -> float:
        return self.advances[ch][0]

    def advance_of(self, ch: str) -> float | None:
        return self.advances[ch][0] if ch in self.advances else None

    def vertical_advance(self, ch: str) -> float:
        return self.advances[ch][1]

    def vertical_form(self, ch: str) -> int | None:
        return self.forms.get(ch)


FIRST = FakeFace("first", {"，": (1.0, 1.0), "A": (0.6, 1.0), "中": (1.0, 0.9)}, {"，": 40})
SECOND = FakeFace("second", {"A": (0.5, 0.8), "𠀀": (1.0, 0.95), "（": (0.5, 1.0)}, {"（": 7})


def chain() -> ChainMetrics:
    return ChainMetrics((FIRST, SECOND))  # type: ignore[arg-type]


def test_the_first_face_that_has_a_character_sets_it_both_ways() -> None:
    metrics = chain()
    assert metrics.glyph("A") == GlyphInfo("first", 0.6)
    assert metrics.upright("A") == GlyphInfo("first", 1.0)
    assert metrics.glyph("中") == GlyphInfo("first", 1.0)
    assert metrics.upright("中") == GlyphInfo("first", 0.9)
    assert metrics.glyph("𠀀") == GlyphInfo("second", 1.0)
    assert metrics.upright("𠀀") == GlyphInfo("second", 0.95)
    assert metrics.vertical_form("，") == 40
    assert metrics.vertical_form("（") == 7  # from the face that sets it
    assert metrics.vertical_form("A") is None


def test_a_character_no_face_has_is_one_em_or_half_either_way() -> None:
    metrics = chain()
    for ch, advance in (("字", 1.0), ("ß", 0.5)):
        assert metrics.glyph(ch) == metrics.upright(ch) == GlyphInfo(None, advance)
        assert metrics.vertical_form(ch) is None


def test_face_of_a_text_is_the_first_face_with_every_character() -> None:
    metrics = chain()
    assert metrics.face_of("A") is FIRST
    assert metrics.face_of("A（") is SECOND
    assert metrics.face_of("中（") is None


@pytest.mark.parametrize("face_id", ["song", "hei-regular"])
def test_a_shipped_face_in_both_directions(face_id: str) -> None:
    face: Face = library().face(face_id)
    ref = TTFont(face.info.path)
    upm = ref["head"].unitsPerEm
    cmap = ref.getBestCmap()
    for ch in "中国，。（A1":
        name = cmap[ord(ch)]
        assert face.advance(ch) == ref["hmtx"][name][0] / upm
        assert face.vertical_advance(ch) == ref["vmtx"][name][0] / upm
    # What a chain asks of each face: the advance, or None for a character it lacks; asked
    # first (not yet kept by ``advance``) or after.
    fresh = Face(face.info)
    for ch in "国A，":
        assert fresh.advance_of(ch) == face.advance(ch) == fresh.advance(ch)
    assert fresh.advance_of("\U0010fffd") is None
    comma = face.vertical_form("，")
    assert comma is not None and ref.getGlyphName(comma) != cmap[ord("，")]
    assert face.vertical_form("中") is None  # a Han character stands as it is
    assert face.vertical_form("\U0010fffd") is None  # not in the face
    metrics = library().metrics("song")
    assert metrics.vertical_form("，") == library().face("song").vertical_form("，")
    assert metrics.upright("中") == GlyphInfo("song", library().face("song").vertical_advance("中"))


@pytest.mark.parametrize("face_id", ["song", "kai"])
def test_the_ink_of_a_glyph_is_its_outlines_extent(face_id: str) -> None:
    """Face.ink: the glyf record's xMin and xMax in em, as fontTools reads them; None for an
    empty glyph; a chain asks the face that sets the character."""
    face: Face = library().face(face_id)
    ref = TTFont(face.info.path)
    upm = ref["head"].unitsPerEm
    cmap = ref.getBestCmap()
    for ch in "’s中":
        glyph = ref["glyf"][cmap[ord(ch)]]
        assert face.ink(ch) == (glyph.xMin / upm, glyph.xMax / upm)
    assert face.ink(" ") is None
    assert library().metrics(face_id).ink("’") == face.ink("’")
    assert library().metrics(face_id).ink("\U0010fffd") is None  # no face has it
