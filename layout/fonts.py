"""Fonts: the faces shipped in ``fonts/``, the roles a paper needs, and their metrics.

``fonts/manifest.yaml`` names the faces (宋 ``song``, heavy 宋 ``song-heavy``, 黑 ``hei``…,
楷 ``kai``) and, for each role, a fallback chain: the first face that has a character sets it.
Advances come from the font tables (``hmtx``, ``vmtx``) read with fontTools, once per face
per process. A character that no face of the chain has is reported by the text engine.
"""

from __future__ import annotations

import struct
import sys
from array import array
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from fontTools.ttLib import TTFont

from .text.metrics import GlyphInfo

DEFAULT_MANIFEST = Path(__file__).resolve().parent.parent / "fonts" / "manifest.yaml"


@dataclass(frozen=True)
class FaceInfo:
    """One font file of the manifest."""

    id: str
    path: Path
    family: str
    licence: str


class Face:
    """A font face's tables that layout needs: character map and advances, in em."""

    def __init__(self, info: FaceInfo) -> None:
        self.info = info
        font = TTFont(info.path, lazy=True)
        self.units_per_em = font["head"].unitsPerEm
        # Layout needs only the character map and advances. fontTools' table objects would
        # name every glyph first (the faces have post format 3, no names), which costs ten
        # times more than reading the two tables' bytes from fontTools' reader directly.
        self.cmap: dict[int, int] = _read_cmap(font.reader["cmap"])
        count = font["maxp"].numGlyphs
        self._hmtx = _read_metrics(font.reader["hmtx"], font["hhea"].numberOfHMetrics, count)
        self._vmtx = (
            _read_metrics(font.reader["vmtx"], font["vhea"].numberOfVMetrics, count)
            if "vmtx" in font
            else None
        )
        self._font = font
        self.ascender = font["hhea"].ascent / self.units_per_em
        self.descender = font["hhea"].descent / self.units_per_em

    @property
    def id(self) -> str:
        return self.info.id

    def has(self, ch: str) -> bool:
        return ord(ch) in self.cmap

    def advance(self, ch: str) -> float:
        """Horizontal advance of ``ch`` in em (the character must be in the face)."""
        return self._hmtx[self.cmap[ord(ch)]] / self.units_per_em

    def vertical_advance(self, ch: str) -> float:
        """Vertical advance of ``ch`` in em, from ``vmtx`` (1 em where there is none)."""
        if self._vmtx is None:
            return 1.0
        return self._vmtx[self.cmap[ord(ch)]] / self.units_per_em

    @property
    def font(self) -> TTFont:
        return self._font


@dataclass
class ChainMetrics:
    """The text engine's :class:`~layout.text.metrics.Metrics` over a fallback chain."""

    faces: tuple[Face, ...]
    _cache: dict[str, GlyphInfo] = field(default_factory=dict, repr=False)
    # The text engine's boxes of single characters, per size (see text.prepare._boxes).
    box_cache: dict[tuple, dict] = field(default_factory=dict, repr=False)

    def glyph(self, ch: str) -> GlyphInfo:
        info = self._cache.get(ch)
        if info is None:
            info = self._lookup(ch)
            self._cache[ch] = info
        return info

    def _lookup(self, ch: str) -> GlyphInfo:
        code = ord(ch)
        for face in self.faces:
            if code in face.cmap:
                return GlyphInfo(face.id, face.advance(ch))
        return GlyphInfo(None, 1.0 if code > 0x2E7F else 0.5)


class FontLibrary:
    """All faces of a manifest and the role chains over them."""

    def __init__(
        self, manifest: Path, faces: dict[str, FaceInfo], roles: dict[str, tuple[str, ...]]
    ) -> None:
        self.manifest = manifest
        self.face_infos = faces
        self.roles = roles
        self._faces: dict[str, Face] = {}
        self._metrics: dict[str, ChainMetrics] = {}
        # Results derived from these fonts alone (paragraphs already set), kept as long as
        # the fonts are: a rebuild in the same process sets only what changed.
        self.memo: dict[object, object] = {}

    @classmethod
    def from_manifest(cls, manifest: Path = DEFAULT_MANIFEST) -> FontLibrary:
        data = yaml.safe_load(Path(manifest).read_text(encoding="utf-8"))
        base = Path(manifest).parent
        faces = {
            key: FaceInfo(
                key, base / entry["file"], entry.get("family", key), entry.get("licence", "")
            )
            for key, entry in data["faces"].items()
        }
        roles = {role: tuple(chain) for role, chain in data["roles"].items()}
        return cls(Path(manifest), faces, roles)

    def face(self, face_id: str) -> Face:
        face = self._faces.get(face_id)
        if face is None:
            face = Face(self.face_infos[face_id])
            self._faces[face_id] = face
        return face

    def metrics(self, role: str) -> ChainMetrics:
        """Metrics of a role's fallback chain (faces are loaded on first use)."""
        chain = self._metrics.get(role)
        if chain is None:
            chain = ChainMetrics(tuple(self.face(f) for f in self.roles[role]))
            self._metrics[role] = chain
        return chain


@cache
def library(manifest: Path = DEFAULT_MANIFEST) -> FontLibrary:
    """The font library of a manifest, loaded once per process (fonts are read-only)."""
    return FontLibrary.from_manifest(manifest)


def _read_cmap(data: bytes) -> dict[int, int]:
    """Code point → glyph index from the best Unicode subtable (format 12, else 4)."""
    count = struct.unpack_from(">H", data, 2)[0]
    best: tuple[int, int] | None = None
    for k in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * k)
        fmt = struct.unpack_from(">H", data, offset)[0]
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        if unicode and fmt in (4, 12) and (best is None or fmt > best[0]):
            best = (fmt, offset)
    if best is None:
        raise ValueError("no Unicode cmap subtable (format 4 or 12)")
    fmt, offset = best
    cmap: dict[int, int] = {}
    if fmt == 12:
        groups = struct.unpack_from(">I", data, offset + 12)[0]
        for g in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, offset + 16 + 12 * g)
            for code in range(start, end + 1):
                cmap[code] = glyph + code - start
        return cmap
    segments = struct.unpack_from(">H", data, offset + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, offset + 14)
    starts = struct.unpack_from(f">{segments}H", data, offset + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, offset + 16 + 4 * segments)
    range_at = offset + 16 + 6 * segments
    ranges = struct.unpack_from(f">{segments}H", data, range_at)
    for i in range(segments):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if ranges[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + ranges[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, at)[0]
                if glyph:
                    glyph = (glyph + deltas[i]) & 0xFFFF
            if glyph:
                cmap[code] = glyph
    return cmap


def _read_metrics(data: bytes, long_metrics: int, glyphs: int) -> list[int]:
    """Advances of every glyph from an ``hmtx`` or ``vmtx`` table."""
    pairs = array("H", data[: 4 * long_metrics])
    if sys.byteorder == "little":
        pairs.byteswap()
    advances = list(pairs[0::2])
    advances.extend([advances[-1]] * (glyphs - long_metrics))
    return advances
