"""The one thing the text engine asks of fonts: which face sets a character, and how wide.

:class:`Metrics` is the protocol; ``layout.fonts`` implements it over real font tables, and
:class:`SyntheticMetrics` gives exact round numbers for break tests (1 em for every Han
character and full-width mark, ½ em for Latin letters and digits).
"""

from typing import Protocol

from ..records import NamedTuple
from .chars import CharClass, classify


class GlyphInfo(NamedTuple):
    """A character as a font sets it: the face that has it (``None``: no face has it) and its
    advance along the line, in em."""

    face: str | None
    advance: float


class Metrics(Protocol):
    def glyph(self, ch: str) -> GlyphInfo: ...


class InkMetrics(Metrics, Protocol):
    """Metrics that also know where a glyph's outline starts and ends along the line, in em
    (None: an empty glyph, or no face has the character): ``boxes`` sets a full-width
    apostrophe in a Western word by its ink. A font chain gives it; metrics without it set
    that apostrophe in its ink half."""

    def ink(self, ch: str) -> tuple[float, float] | None: ...


class FaceRef(Protocol):
    """What the text engine needs to know of a face: its id."""

    @property
    def id(self) -> str: ...


class VerticalMetrics(Metrics, Protocol):
    """The metrics of both directions that a vertical line needs (a font chain gives them):
    the horizontal advance (:meth:`glyph`, for rotated text and 纵中横), the advance of a
    character standing upright (:meth:`upright`), whether the face has a vertical form of it
    (:meth:`vertical_form`), and the first face that has all of a unit's characters."""

    def upright(self, ch: str) -> GlyphInfo: ...
    def vertical_form(self, ch: str) -> int | None: ...
    def face_of(self, text: str) -> FaceRef | None: ...


class SyntheticMetrics(NamedTuple):
    """1-em metrics: every CJK character 1 em, Latin letters and digits ``latin`` em, a
    space ``space`` em. Characters in ``missing`` are in no face."""

    latin: float = 0.5
    space: float = 0.25
    missing: frozenset[str] = frozenset()

    def glyph(self, ch: str) -> GlyphInfo:
        if ch in self.missing:
            return GlyphInfo(None, 1.0)
        cls = classify(ch)
        if cls is CharClass.SPACE:
            return GlyphInfo("synthetic", self.space)
        if cls in (CharClass.LATIN, CharClass.DIGIT) or (ch.isascii() and cls is CharClass.SYMBOL):
            return GlyphInfo("synthetic", self.latin)
        return GlyphInfo("synthetic", 1.0)

    def upright(self, ch: str) -> GlyphInfo:
        """Every character 1 em down a vertical line (the CJK faces' ``vmtx``)."""
        return GlyphInfo(None if ch in self.missing else "synthetic", 1.0)

    def vertical_form(self, ch: str) -> int | None:
        return None

    def face_of(self, text: str) -> FaceRef | None:
        return None if any(c in self.missing for c in text) else _SYNTHETIC


class _SyntheticFace(NamedTuple):
    id: str = "synthetic"


_SYNTHETIC = _SyntheticFace()
