"""Fonts: the faces shipped in ``fonts/``, the roles a paper needs, and their metrics.

``fonts/manifest.yaml`` names the faces (宋 ``song``, heavy 宋 ``song-heavy``, 黑 ``hei``…,
楷 ``kai``) and, for each role, a fallback chain: the first face that has a character sets it.
Advances come from the font tables (``hmtx``, ``vmtx``) read with fontTools, once per face
per process. A character that no face of the chain has is reported by the text engine.
"""

from __future__ import annotations

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
        self.cmap: dict[int, str] = font.getBestCmap()
        self._hmtx = font["hmtx"].metrics
        self._vmtx = font["vmtx"].metrics if "vmtx" in font else None
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
        return self._hmtx[self.cmap[ord(ch)]][0] / self.units_per_em

    def vertical_advance(self, ch: str) -> float:
        """Vertical advance of ``ch`` in em, from ``vmtx`` (1 em where there is none)."""
        if self._vmtx is None:
            return 1.0
        return self._vmtx[self.cmap[ord(ch)]][0] / self.units_per_em

    @property
    def font(self) -> TTFont:
        return self._font


@dataclass
class ChainMetrics:
    """The text engine's :class:`~layout.text.metrics.Metrics` over a fallback chain."""

    faces: tuple[Face, ...]
    _cache: dict[str, GlyphInfo] = field(default_factory=dict, repr=False)

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

    def __init__(self, manifest: Path, faces: dict[str, FaceInfo], roles: dict[str, tuple[str, ...]]):
        self.manifest = manifest
        self.face_infos = faces
        self.roles = roles
        self._faces: dict[str, Face] = {}
        self._metrics: dict[str, ChainMetrics] = {}

    @classmethod
    def from_manifest(cls, manifest: Path = DEFAULT_MANIFEST) -> FontLibrary:
        data = yaml.safe_load(Path(manifest).read_text(encoding="utf-8"))
        base = Path(manifest).parent
        faces = {
            key: FaceInfo(key, base / entry["file"], entry.get("family", key), entry.get("licence", ""))
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
