"""TrueType faces as PDF Type0 / CIDFontType2 fonts: Identity-H, one subset per face per document.

ReportLab's ``TTFont`` parses a face in pure Python (about 0.3 s for a CJK face) and writes it
as many 256-glyph simple fonts. This module replaces it for the pen:

- the font layer's :class:`~layout.fonts.subset.TrueTypeProgram` writes the ``FontFile2``
  program holding only the glyphs drawn, in milliseconds, with glyph ids RETAINED (unused
  glyphs are empty), so CID = GID and the CIDFont says ``/CIDToGIDMap /Identity`` (but for a
  glyph drawn for two texts: below); the descriptor's numbers come from the font layer's raw
  readers (:mod:`layout.fonts.sfnt`).
  The output is deterministic.
- :class:`CIDTrueTypeFont` is a font of the pen's documents
  (:class:`layout.render.document.Document`): text is written as 2-byte glyph ids
  (``/Encoding /Identity-H``), characters mapped through the face's ``cmap``.

Per document (state in a weak dictionary) the font records the characters drawn, the texts
of glyphs drawn by id or claimed (each with its CID there), and its resource name there
(:meth:`~CIDTrueTypeFont.resource_name`: ``/F1``, ``/F2`` … by first use). When the
document is finished the pen calls :meth:`CIDTrueTypeFont.add_objects`, which writes one
Type0 font
(``/BaseFont /TAG+PostScriptName``, the six-letter tag a hash of the font and the glyphs
used), its CIDFontType2 (``/W`` widths in 1/1000 em, ``/DW 1000``), a FontDescriptor with the subset
program as a compressed ``/FontFile2`` stream (kept in the user cache by the face file and
the glyphs: ``layout.render.programcache``), and a ``/ToUnicode`` CMap mapping each CID
to its text (UTF-16BE, surrogate pairs for astral characters).

Drawing a glyph by id (e.g. the ``vert`` alternate of '，' found through GSUB)
-------------------------------------------------------------------------------
``font.glyph_char(gid, text, doc)`` returns a stand-in character, ``chr(GLYPH_BASE + gid)``
(GLYPH_BASE = U+F0000, Supplementary Private Use Area-A), and records for ``doc`` that glyph
``gid`` stands for ``text``. Put the stand-in in the text given to
:meth:`~CIDTrueTypeFont.hex_glyphs`: it writes glyph ``gid`` for it,
:meth:`~CIDTrueTypeFont.string_width` uses that glyph's advance, and the ToUnicode CMap maps
``gid`` to ``text``, so ``pdftotext`` extracts ``text``::

    vert = font.glyph_char(vert_gid, "，", doc)
    font.hex_glyphs("好" + vert, doc)     # the vertical comma's id, extracts as "好，"

Code points U+F0000..U+FFFFD are therefore always read as CIDs by this font class, never
through the face's ``cmap`` (the shipped faces map nothing there).
:meth:`~CIDTrueTypeFont.hex_glyphs` returns the Identity-H codes of a text as hex digits and
records its characters, and :meth:`~CIDTrueTypeFont.encode_glyphs` returns the Identity-H
bytes of a glyph-id sequence and records their texts the same way.

One glyph for two texts (竖排 punctuation, dashes and dots the cmap shares)
--------------------------------------------------------------------------
A vertical form is often also the glyph the ``cmap`` gives another character (Noto CJK's
``vert`` form of '「' is the glyph of U+FE41 '﹁', of '，' that of U+FE10 '︐'), or the vertical
form of two characters ('‘' and '「'); and the ``cmap`` itself gives some glyphs to two
characters (the shipped Noto faces: U+2012 '‒' and U+2013 '–', U+2022 '•' and U+2027 '‧',
U+2003 and U+3000, '-' and U+2011, '〜' and '～'; :func:`cmap_readings`). A ToUnicode CMap
keyed by glyph id could give such a glyph one text only, and the other would extract wrong
('2024–2025' as '2024‒2025'). So every glyph drawn by id, and every character the ``cmap``
draws with a vertical form's glyph or with another character's
(:meth:`~CIDTrueTypeFont.claimer`, in :meth:`~CIDTrueTypeFont.hex_glyphs` and
``layout.render.textstream``; those characters found once a face, so a text of none of them
is written as cheaply as ever), is claimed for its text in the document: the first text drawn
with a glyph gets the glyph's own CID, as any glyph; another text gets a CID of its own past
the face's glyphs (:class:`SharedGlyphs`, numbered once a face from its GSUB ``vert``/``vrt2``
lookups and its ``cmap``; the stand-in ``glyph_char`` returns and :meth:`hex_glyphs` writes is
that CID's). The CIDFont then has a ``/CIDToGIDMap`` stream mapping every CID to its glyph,
``/W`` keyed by CID and the ToUnicode CMap by CID, so each text extracts as itself; a document
that draws no glyph for two texts is written as before (``/CIDToGIDMap /Identity``). Which
text gets which CID follows the order drawn, deterministically; a document made of other
documents' pages (:meth:`~CIDTrueTypeFont.add_drawn`) replays their claims in order and says
which CIDs its pages' content streams must change. A text that is none of a glyph's
characters (a caller's own ``glyph_char``) shares the glyph's CID, the first text drawn
extracting. A face whose glyphs fill the stand-ins' range (65 534 CIDs) has no room for own
CIDs: there a glyph's second text shares its CID too.

A CID has one ToUnicode entry per document (:meth:`CIDTrueTypeFont.to_unicode`): a glyph
drawn from characters extracts as the lowest of those drawn (for a glyph of one character,
the character), a glyph claimed as the first text drawn with it, an own CID as its text.
Characters the face lacks are written as glyph 0 (.notdef) and are not in the ToUnicode CMap;
the pen draws such characters as missing-glyph marks and never sends them here.

API: :func:`to_unicode_cmap`, :func:`subset_tag`, :data:`GLYPH_BASE`, :func:`shared_glyphs`,
:func:`cmap_readings` and :class:`CIDTrueTypeFont` (``from_face``, ``shared``, ``glyph_id``,
``glyph_char``, ``claimer``, ``plain_hex_writer``, ``hex_glyphs``, ``encode_glyphs``,
``glyph_width``, ``to_unicode``, ``drawn`` / ``add_drawn`` (what a document drew, put in
another: an edition PDF made from its pages' drawings), ``string_width``, ``resource_name``,
``add_objects``).
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from ..errors import SpecError, display_path
from ..fonts import DamagedGlyph, Face, FaceInfo, TrueTypeProgram, open_truetype, sfnt
from ..fonts.sfnt import codes_of, substitute
from ..fonts.tables import FontTables
from ..records import NamedTuple
from .background import Deferred, Done, Worker, run
from .pdfobjects import FLATE, Raw, Ref, Stream, Text, deflated, name, serialize
from .programcache import file_identity, keep_program, kept_program, program_key

GLYPH_BASE = 0xF0000  # chr(GLYPH_BASE + gid) stands for glyph ``gid`` (see module docstring)
_GLYPH_LIMIT = 0xFFFFE - GLYPH_BASE  # U+FFFFE and U+FFFFF are noncharacters
_FIRST_STAND_IN = chr(GLYPH_BASE)
# The hex digits of a character drawn through a claim (CIDTrueTypeFont.claimer): no hex digit.
_CLAIM = "*"

# The zlib level of the embedded font programs: most of a PDF's Flate work (the subsets of
# the sample front page: 636 KiB, mostly glyf) and a steep curve. Measured on those subsets
# (CPU time, best of 5): level 1 257.6 KiB in 7.2 ms, 3 250.2 KiB in 8.0 ms, 6 (zlib's
# default) 240.6 KiB in 13.4 ms, 9 239.5 KiB in 28.9 ms. Level 3 takes 40 % less time than 6
# for 4 % more font data (under 1 % of a press PDF with its photo). Content streams and
# ToUnicode CMaps are small and keep ReportLab's level.
FONT_PROGRAM_LEVEL = 3
# Subset programs kept per font (most recently used): enough for the page PDFs, the proof and
# the overview of an edition of several pages between two rebuilds of ``watch``.
PROGRAMS_KEPT = 16


def to_unicode_cmap(
    entries: Mapping[int, str], kept: Mapping[tuple[int, str], str] | None = None
) -> bytes:
    """A ToUnicode CMap (2-byte codes) mapping glyph ids to texts, in glyph-id order.
    ``kept``: each entry's ``bfchar`` line by (glyph id, text), when the caller keeps them
    (a font's CMaps in the documents of an edition share most lines)."""
    items = [(gid, text) for gid, text in sorted(entries.items()) if text]
    line = _bfchar_line if kept is None else kept.__getitem__
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        "<0000> <FFFF>",
        "endcodespacerange",
    ]
    for start in range(0, len(items), 100):
        block = items[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(map(line, block))
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return ("\n".join(lines) + "\n").encode("ascii")


def _bfchar_line(entry: tuple[int, str]) -> str:
    """A ToUnicode CMap's ``bfchar`` line: glyph id and text."""
    return f"<{entry[0]:04X}> <{_utf16_hex(entry[1])}>"


def _utf16_hex(text: str) -> str:
    """``text`` in UTF-16BE as upper-case hex digits (a character of the BMP outside the
    surrogates is its code point: most of a CJK page, without encoding it)."""
    if len(text) == 1 and (text < "\ud800" or "\ue000" <= text <= "\uffff"):
        return f"{ord(text):04X}"
    return text.encode("utf-16-be").hex().upper()


def subset_tag(name: str, glyph_ids: Iterable[int]) -> str:
    """Six capital letters derived from the font and its used glyph set."""
    gids = sorted(glyph_ids)
    digest = hashlib.sha256(name.encode() + b"\0" + struct.pack(f">{len(gids)}I", *gids)).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _width_array(gids: Sequence[int], widths: Mapping[int, float], default: float) -> list:
    """A CIDFont ``/W`` array ``[c [w1 w2 …] …]`` for glyphs whose width is not ``default``."""
    out: list = []
    run: list = []
    first = last = -2
    for gid in gids:
        width = widths[gid]
        if width == default:
            continue
        if gid != last + 1 and run:
            out += [first, run]
            run = []
        if not run:
            first = gid
        run.append(width)
        last = gid
    if run:
        out += [first, run]
    return out


class SharedGlyphs(NamedTuple):
    """The glyphs of a face that stand for more than one character, each such character
    with a CID of its own past the face's glyphs (mapped back to the glyph by the CIDFont's
    ``/CIDToGIDMap`` stream when a document draws one): a vertical form that is also the
    glyph the cmap gives another character (Noto CJK's ``vert`` form of '「' is the glyph of
    U+FE41 '﹁', of '，' that of U+FE10 '︐'), the vertical form of two characters (of '‘'
    and of '「'), or the glyph the cmap gives two characters (Noto CJK's U+2012 '‒' and
    U+2013 '–', U+2022 '•' and U+2027 '‧', U+2003 and U+3000: :func:`cmap_readings`). Found
    once a face, when a document first draws such a glyph for a second text
    (:func:`shared_glyphs`)."""

    cids: Mapping[tuple[int, str], int]  # (glyph id, character) → its own CID
    gids: tuple[int, ...]  # the glyph of each own CID, from the first


def cmap_readings(cmap: Mapping[int, int]) -> dict[int, tuple[str, ...]]:
    """The glyphs ``cmap`` draws two or more characters with, each with those characters in
    code-point order; the no-break space counts as a character of the space's glyph where
    the cmap has no glyph of its own for it (it is drawn with that one:
    :meth:`CIDTrueTypeFont.glyph_id`). Glyph 0 (.notdef, where a cmap maps characters it
    lacks) is no character's: the pen never draws those characters here."""
    readings: dict[int, list[str]] = {}
    for code, gid in sfnt.shared_codes(cmap):
        if gid:
            readings.setdefault(gid, []).append(chr(code))
    space = cmap.get(32)
    if space is not None and 0xA0 not in cmap:
        chars = readings.setdefault(space, [" "])  # the space's own reading, if shared already
        chars.append("\xa0")
        chars.sort()
    return {gid: tuple(chars) for gid, chars in readings.items()}


def shared_glyphs(
    cmap: Mapping[int, int], lookups: Sequence[Mapping[int, int]], first_cid: int
) -> SharedGlyphs:
    """The glyphs that stand for two or more characters: among the ``vert``/``vrt2`` forms
    (``lookups``, in lookup order), the characters the cmap maps to them and the vertical
    forms' characters; then the other glyphs the cmap gives two characters
    (:func:`cmap_readings`). Their own CIDs are numbered from ``first_cid`` (the face's glyph
    count), the vertical forms' first, each part in glyph-id then code-point order, while the
    stand-ins' range has room."""
    chain = tuple(lookups)
    targets = {gid for lookup in chain for gid in lookup.values()}
    sources = {gid for lookup in chain for gid in lookup}
    readings: dict[int, set[str]] = {}  # glyph → every character it is drawn for
    for code, gid in codes_of(cmap, targets | sources):
        if gid in targets:
            readings.setdefault(gid, set()).add(chr(code))
        if gid in sources:
            form = substitute(chain, gid)  # type: ignore[arg-type]
            if form != gid:
                readings.setdefault(form, set()).add(chr(code))
    shared = sorted(gid for gid, chars in readings.items() if len(chars) > 1)
    pairs = [(gid, ch) for gid in shared for ch in sorted(readings[gid])]
    # (A vertical form's glyph of the cmap's has all its code points among its readings.)
    vertical = set(pairs)
    for gid, chars in sorted(cmap_readings(cmap).items()):
        pairs.extend(pair for pair in ((gid, ch) for ch in chars) if pair not in vertical)
    pairs = pairs[: max(0, _GLYPH_LIMIT - first_cid)]
    return SharedGlyphs(
        {pair: first_cid + index for index, pair in enumerate(pairs)},
        tuple(gid for gid, _ in pairs),
    )


def _deflated_program(program: bytes, key: str | None) -> bytes:
    """``program`` deflated at :data:`FONT_PROGRAM_LEVEL`, and kept in the user cache under
    ``key`` when there is one (``layout.render.programcache``)."""
    packed = zlib.compress(program, FONT_PROGRAM_LEVEL)
    if key is not None:
        keep_program(key, len(program), packed)
    return packed


class DrawnText(NamedTuple):
    """What a document drew in one font: the characters (stand-ins included) and each glyph
    claimed (drawn by id, or a vertical form's drawn from the cmap) with its text and the CID
    it got there, in the order first drawn."""

    chars: frozenset[str]
    claims: tuple[tuple[int, str, int], ...]  # (glyph id, text, CID)


class _Subset(NamedTuple):
    """What a document's drawing in a font makes of it, but the program: the glyphs, the
    subset's ``/BaseFont`` name, its ``/W`` array as written, its ToUnicode CMap and, when it
    drew a CID of its own (:class:`SharedGlyphs`), its ``/CIDToGIDMap`` stream's content
    (deflated when the document compresses; on the document's worker when it has one)."""

    glyphs: tuple[int, ...]
    base_name: str
    widths: bytes
    cid_to_gid: Deferred | None
    to_unicode: Deferred


class _DocState:
    __slots__ = ("chars", "claims", "glyph_text", "internal_name")

    def __init__(self) -> None:
        self.chars: set[str] = set()  # every character drawn (stand-ins included)
        # (glyph id, text) → CID, for each glyph claimed (in the order first drawn)
        self.claims: dict[tuple[int, str], int] = {}
        self.glyph_text: dict[int, str] = {}  # CID → text of a glyph claimed (first one wins)
        self.internal_name: str | None = None


def _moved_stand_in(ch: str, moved: Mapping[int, int]) -> str:
    """``ch``, or the stand-in of the CID its CID moved to (``CIDTrueTypeFont.add_drawn``)."""
    if ch < _FIRST_STAND_IN:
        return ch
    cid = ord(ch) - GLYPH_BASE
    return chr(GLYPH_BASE + moved.get(cid, cid))


class _PerChar(dict):
    """character (glyph id, CMap entry) → value, computed on first use (``map(table.__getitem__,
    text)`` runs at C speed once every character of a text has been seen)."""

    def __init__(self, compute: Callable[[str], Any]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, ch: str) -> Any:
        value = self[ch] = self._compute(ch)
        return value


class CIDTrueTypeFont:
    """A TrueType face as a PDF Type0 / CIDFontType2 font, Identity-H (see the module
    docstring for the contract)."""

    DEFAULT_WIDTH = 1000

    def __init__(
        self,
        name: str,
        path: str | Path,
        *,
        tables: FontTables | None = None,
        cmap: Mapping[int, int] | None = None,
        info: FaceInfo | None = None,
        vertical_forms: tuple[dict[int, int], ...] = (),
    ) -> None:
        self.font_name = name
        self.path = Path(path)
        self.info = info  # the manifest's face: where errors about the file point
        if tables is None or cmap is None:
            verified = open_truetype(self.path)  # raises FontFileError
            tables, cmap = verified.tables, verified.cmap
            vertical_forms = verified.vertical_forms
        self.vertical_forms = vertical_forms
        # The glyphs of the vertical forms: a character the cmap draws with one of them may
        # share it with another text (SharedGlyphs), so it is drawn through a claim
        # (claimer), as is a character the cmap draws with another's glyph (_shared_chars);
        # their hex digits are _CLAIM, found in a text's digits at C speed.
        self._forms = frozenset(gid for lookup in vertical_forms for gid in lookup.values())
        self.program = TrueTypeProgram(tables)
        self.cmap: Mapping[int, int] = cmap
        upm = self.program.units_per_em
        hhea = sfnt.read_metrics_header(self.program.table("hhea"))
        self.ascent = round(hhea.ascent * 1000 / upm)
        self.descent = round(hhea.descent * 1000 / upm)
        self.state: WeakKeyDictionary[Any, _DocState] = WeakKeyDictionary()
        self._scale = 1000 / upm
        self._limit = min(self.program.num_glyphs, _GLYPH_LIMIT)
        # (Each from the glyph id, looked up in the cmap once a character.)
        self._gid = _PerChar(lambda ch: self.glyph_id(ord(ch)))
        self._hex = _PerChar(self._hex_digits)
        self._advance = _PerChar(lambda ch: self.program.advances[self._gid[ch]])
        self._width = _PerChar(self._glyph_width)  # keyed by glyph id
        self._bfchar = _PerChar(_bfchar_line)  # keyed by (glyph id, text): to_unicode_cmap
        # (glyph ids, compressed) → (program length, stream content), oldest first.
        self._programs: OrderedDict[tuple[tuple[int, ...], bool], tuple[int, Deferred]] = (
            OrderedDict()
        )
        # (characters, glyph texts, compressed) drawn → the subset's other parts, oldest first.
        self._subsets: OrderedDict[tuple[frozenset, frozenset, bool], _Subset] = OrderedDict()

    @classmethod
    def from_face(cls, name: str, face: Face) -> CIDTrueTypeFont:
        """Share the already loaded (and verified) tables and cmap of a
        :class:`layout.fonts.Face`."""
        return cls(
            name,
            face.info.path,
            tables=face.tables,
            cmap=face.cmap,
            info=face.info,
            vertical_forms=face.vertical_forms,
        )

    @cached_property
    def shared(self) -> SharedGlyphs:
        """The face's glyphs that stand for more than one character, found on first use (a
        reverse look-up of the cmap: only a document drawing one for a second text needs
        it)."""
        return shared_glyphs(self.cmap, self.vertical_forms, self.program.num_glyphs)

    @cached_property
    def _shared_chars(self) -> frozenset[str]:
        """The characters the cmap draws with a glyph it draws another character with
        (:func:`cmap_readings`): found once a face, when its first character is written
        (a count of the cmap's glyphs, a few milliseconds for a CJK face)."""
        return frozenset(ch for chars in cmap_readings(self.cmap).values() for ch in chars)

    # -- characters and glyphs
    def glyph_id(self, code: int) -> int:
        """The glyph a code point is drawn with: a stand-in's glyph (its CID's), else the
        cmap's (no-break space as space), else 0."""
        if code >= GLYPH_BASE:
            return self._cid_glyph(code - GLYPH_BASE)
        gid = self.cmap.get(code)
        if gid is None:
            gid = self.cmap.get(32, 0) if code == 0xA0 else 0
        return gid

    def _cid_glyph(self, cid: int) -> int:
        """The glyph of a CID: itself below the glyph count, an own CID's shared glyph
        (:class:`SharedGlyphs`), else 0."""
        if cid < self._limit:
            return cid
        index = cid - self.program.num_glyphs
        gids = self.shared.gids
        return gids[index] if 0 <= index < len(gids) else 0

    def _hex_digits(self, ch: str) -> str:
        """The hex digits of ``ch``'s CID, :data:`_CLAIM` for a character the cmap draws with
        a vertical form's glyph or with another character's (its CID depends on the document:
        :meth:`claimer`)."""
        if ch < _FIRST_STAND_IN and (ch in self._shared_chars or self._gid[ch] in self._forms):
            return _CLAIM
        return f"{self._code(ch):04X}"

    def _code(self, ch: str) -> int:
        """The CID (the Identity-H code) ``ch`` is written as: a stand-in's own, else its
        glyph's; 0 for a stand-in of no glyph."""
        if ch < _FIRST_STAND_IN:
            return self._gid[ch]
        cid = ord(ch) - GLYPH_BASE
        return cid if self._cid_glyph(cid) or cid == 0 else 0

    def _check(self, gid: int) -> None:
        if not 0 <= gid < self._limit:
            raise ValueError(f"glyph id {gid} out of range for {self.font_name}")

    def glyph_char(self, gid: int, text: str, doc: Any) -> str:
        """A stand-in character that draws glyph ``gid`` and extracts as ``text`` in ``doc``
        (the stand-in of a CID of its own when another text has the glyph's there)."""
        self._check(gid)
        return chr(GLYPH_BASE + self._claim(self._state(doc), gid, text))

    def _claim(self, state: _DocState, gid: int, text: str) -> int:
        """The CID glyph ``gid`` drawn for ``text`` is written as in a document: the glyph's
        own for the first text drawn with it there, the text's own CID
        (:class:`SharedGlyphs`) for another; a text that is none of the glyph's characters
        shares the glyph's CID (the first text drawn extracts)."""
        key = (gid, text)
        cid = state.claims.get(key)
        if cid is None:
            owner = state.glyph_text.get(gid)
            cid = gid if owner is None or owner == text else self.shared.cids.get(key, gid)
            state.claims[key] = cid
            state.glyph_text.setdefault(cid, text)
        return cid

    def claimer(self, doc: Any) -> Callable[[str], str]:
        """For ``doc``: ``text`` with each character the cmap draws with a vertical form's
        glyph (U+FE41 '﹁' in Noto CJK) or with another character's (U+2013 '–' and U+2012
        '‒') replaced by the stand-in of the CID it is drawn with there (:meth:`_claim`), so
        that one glyph drawn for two texts extracts as each. For a
        writer that keeps a run's operators by its text (``layout.render.textstream``): the
        text it keys them by names the CIDs drawn."""
        state = self._state(doc)
        gids = self._gid
        digits = self._hex.__getitem__
        claim = self._claim

        def claimed(text: str) -> str:
            return "".join(
                chr(GLYPH_BASE + claim(state, gids[ch], ch)) if digits(ch) == _CLAIM else ch
                for ch in text
            )

        return claimed

    def encode_glyphs(self, glyph_ids: Sequence[int], texts: Sequence[str], doc: Any) -> bytes:
        """Identity-H bytes drawing ``glyph_ids``; glyph ``glyph_ids[i]`` extracts as
        ``texts[i]`` (``''`` for a glyph with no text of its own; a glyph drawn for two
        texts is written as two CIDs, as :meth:`glyph_char` does). For callers that write
        ``Tj`` operators themselves, after selecting the font by :meth:`resource_name`."""
        state = self._state(doc)
        cids = []
        for gid, text in zip(glyph_ids, texts, strict=True):
            self._check(gid)
            cids.append(self._claim(state, gid, text))
        return struct.pack(f">{len(cids)}H", *cids)

    def hex_glyphs(self, text: str, doc: Any) -> str:
        """The Identity-H codes of ``text`` as the hex digits of a PDF hex string (4 a glyph),
        recording its characters for ``doc`` (a character drawn with a vertical form's glyph
        or another character's through :meth:`claimer`): for the writers of content streams
        (``layout.render.textstream``), after selecting the font by :meth:`resource_name`."""
        return self.hex_writer(doc)(text)

    def hex_writer(self, doc: Any) -> Callable[[str], str]:
        """:meth:`hex_glyphs` for ``doc``, its state looked up once: for a writer that draws
        many runs in the font into one document (the weak dictionary's lookup would cost
        more than most runs' hex digits)."""
        plain = self.plain_hex_writer(doc)
        claimed = self.claimer(doc)

        def hexed(text: str) -> str:
            codes = plain(text)
            return plain(claimed(text)) if codes is None else codes  # type: ignore[return-value]

        return hexed

    def plain_hex_writer(self, doc: Any) -> Callable[[str], str | None]:
        """:meth:`hex_writer` for a text with no character drawn through a claim
        (:meth:`claimer`), None (nothing recorded) for one with such a character: for a
        writer that keeps a run's operators by its text (``layout.render.textstream``)."""
        record = self._state(doc).chars.update
        digits = self._hex.__getitem__

        def hexed(text: str) -> str | None:
            codes = "".join(map(digits, text))
            if _CLAIM in codes:
                return None
            record(text)
            return codes

        return hexed

    def recorder(self, doc: Any) -> Callable[[str], None]:
        """What :meth:`hex_writer`'s function records of a text for ``doc`` (its characters),
        alone: for a writer that has the text's operators already (``layout.render.textstream``
        keeps them for rebuilds) but must still put its glyphs in this document's subset."""
        return self._state(doc).chars.update

    def glyph_width(self, gid: int) -> float:
        """Advance of a glyph in 1/1000 em."""
        return self._width[gid]

    def _glyph_width(self, gid: int) -> float:
        width = round(self.program.advances[gid] * self._scale, 3)
        return int(width) if width == int(width) else width

    def to_unicode(self, doc: Any) -> dict[int, str]:
        """CID → text of every CID drawn in ``doc`` so far: a glyph reached from characters
        (but a vertical form's) extracts as the lowest of them, a glyph claimed (drawn by id
        or a vertical form's) as the first text it was drawn for, an own CID as its text; a
        stand-in drawn without a recorded text maps to ``''``."""
        state = self._state(doc)
        entries: dict[int, str] = {}
        stand_ins: list[int] = []
        gids = self._gid
        for ch in sorted(state.chars):
            if ch >= _FIRST_STAND_IN:
                stand_ins.append(self._code(ch))
            elif gid := gids[ch]:
                entries.setdefault(gid, ch)
        for cid, text in state.glyph_text.items():
            entries.setdefault(cid, text)
        for cid in stand_ins:
            entries.setdefault(cid, "")
        return entries

    def drawn(self, doc: Any) -> DrawnText:
        """What ``doc`` has drawn in this font so far (for :meth:`add_drawn`)."""
        state = self._state(doc)
        claims = tuple((gid, text, cid) for (gid, text), cid in state.claims.items())
        return DrawnText(frozenset(state.chars), claims)

    def add_drawn(self, doc: Any, drawn: DrawnText) -> dict[int, int]:
        """Record in ``doc`` what another document drew (:meth:`drawn`), as drawing the same
        text in ``doc`` would: the characters, and each claimed glyph's text in the order
        drawn there. The CIDs that text is written as in ``doc`` where they differ from the
        other document's (a text a glyph is shared with drawn in ``doc`` before), by the
        other's: its content stream's codes to change."""
        state = self._state(doc)
        moved: dict[int, int] = {}
        for gid, text, cid in drawn.claims:
            here = self._claim(state, gid, text)
            if here != cid:
                moved[cid] = here
        chars: Iterable[str] = drawn.chars
        if moved:
            chars = (_moved_stand_in(ch, moved) for ch in chars)
        state.chars.update(chars)
        return moved

    # -- the font in a document
    def string_width(self, text: str, size: float) -> float:
        """The advance of ``text`` at ``size``, in points."""
        return sum(map(self._advance.__getitem__, text)) * size / self.program.units_per_em

    def _state(self, doc: Any) -> _DocState:
        state = self.state.get(doc)
        if state is None:
            state = self.state[doc] = _DocState()
        return state

    def resource_name(self, doc: Any) -> str:
        """The font's name in ``doc``'s resources (``/F1``, ``/F2`` … in order of first use:
        ``doc.add_font`` numbers it)."""
        state = self._state(doc)
        if state.internal_name is None:
            state.internal_name = doc.add_font(self)
        return "/" + state.internal_name

    def add_objects(self, doc: Any, compress: bool = True) -> Ref | None:
        """Register in ``doc`` the Type0 font, its CIDFont, descriptor, program and ToUnicode
        CMap (in that order of first reference: program, descriptor, CIDFont, CMap, Type0);
        the Type0 font's reference (None if the font drew nothing in ``doc``). The program and
        the CMap are deflated on ``doc.worker`` when the document has one
        (``layout.render.background``): the streams wait for them when written."""
        state = self.state.get(doc)
        if state is None or state.internal_name is None:
            return None
        worker: Worker | None = getattr(doc, "worker", None)
        subset = self._subset(doc, compress, worker)
        del self.state[doc]
        gids, base_name = subset.glyphs, subset.base_name
        pdf_name = name(base_name)
        length, packed = self._packed_program(gids, compress, worker)
        # Already compressed (and kept for the next document with the same glyphs).
        filtered: dict[str, Any] = {"Filter": FLATE} if compress else {}
        font_file = Stream({**filtered, "Length1": length}, packed)
        descriptor = {
            "Type": "/FontDescriptor",
            "FontName": pdf_name,
            **self._descriptor_metrics(),
            "FontFile2": doc.ref(font_file),
        }
        cid_font = {
            "Type": "/Font",
            "Subtype": "/CIDFontType2",
            "BaseFont": pdf_name,
            "CIDSystemInfo": {
                "Registry": Text("Adobe"),
                "Ordering": Text("Identity"),
                "Supplement": 0,
            },
            "FontDescriptor": doc.ref(descriptor),
            "DW": self.DEFAULT_WIDTH,
            "W": Raw(subset.widths),
            "CIDToGIDMap": (
                "/Identity"
                if subset.cid_to_gid is None
                else doc.ref(Stream(dict(filtered), subset.cid_to_gid))
            ),
        }
        to_unicode = Stream(dict(filtered), subset.to_unicode)
        type0 = {
            "Type": "/Font",
            "Subtype": "/Type0",
            "BaseFont": pdf_name,
            "Encoding": "/Identity-H",
            "DescendantFonts": [doc.ref(cid_font)],
            "ToUnicode": doc.ref(to_unicode),
        }
        return doc.ref(type0)

    def _subset(self, doc: Any, compress: bool, worker: Worker | None = None) -> _Subset:
        """The glyphs ``doc`` drew in this font, its subset's name, ``/W`` array and ToUnicode
        CMap (deflated when ``compress``, on ``worker`` when given). The last :data:`PROGRAMS_KEPT`
        made are kept by what was drawn: the same page PDF made again in the process (its
        proof, ``watch``) reuses them."""
        state = self._state(doc)
        key = (frozenset(state.chars), frozenset(state.glyph_text.items()), compress)
        kept = self._subsets
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
            return found
        used = self.to_unicode(doc)
        cids = tuple(sorted(used))
        glyph = self._cid_glyph
        # The tag from the font itself (its PostScript name and the checksum of the whole
        # file, head.checkSumAdjustment) and the CIDs: not from the font's registered name, which
        # carries a digest of the font's path and would make two checkouts' PDFs differ.
        checksum = sfnt.read_head(self.program.table("head")).checksum_adjustment
        identity = f"{self.postscript_name}:{checksum:08x}"
        width = self._width.__getitem__
        widths = {cid: width(glyph(cid)) for cid in cids}
        cmap = to_unicode_cmap(used, self._bfchar)
        cid_map = None
        if cids and cids[-1] >= self._limit:
            # CIDs of their own (SharedGlyphs): the map of every CID up to the last to its
            # glyph (PDF 1.7 §9.7.4.2, table 117 CIDToGIDMap: 2 bytes a CID, from 0).
            table = struct.pack(f">{cids[-1] + 1}H", *map(glyph, range(cids[-1] + 1)))
            cid_map = run(worker, deflated, table) if compress else Done(table)
        found = kept[key] = _Subset(
            tuple(sorted(set(map(glyph, cids)))),
            f"{subset_tag(identity, cids)}+{self.postscript_name}",
            serialize(_width_array(cids, widths, self.DEFAULT_WIDTH), doc),
            cid_map,
            run(worker, deflated, cmap) if compress else Done(cmap),
        )
        if len(kept) > PROGRAMS_KEPT:
            kept.popitem(last=False)
        return found

    def _packed_program(
        self, gids: tuple[int, ...], compress: bool, worker: Worker | None = None
    ) -> tuple[int, Deferred]:
        """The length of the subset program for ``gids`` and its stream content (deflated on
        ``worker`` when given). The last :data:`PROGRAMS_KEPT` made are kept: a rebuild in the
        same process (``watch``, the pages of an edition again) reuses them. A deflated one is
        also kept in the user cache (``layout.render.programcache``, written on the worker):
        a later process drawing the same glyphs of the same file reads it back, its glyphs
        checked when it was made."""
        key = (gids, compress)
        kept = self._programs
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
            return found
        disk = self._disk_key(gids) if compress else None
        stored = kept_program(disk) if disk is not None else None
        if stored is not None:
            found = (stored[0], Done(stored[1]))
        else:
            try:
                program = self.program.subset(gids)
            except DamagedGlyph as exc:
                raise self._damaged(exc) from None
            packed = run(worker, _deflated_program, program, disk) if compress else Done(program)
            found = (len(program), packed)
        kept[key] = found
        if len(kept) > PROGRAMS_KEPT:
            kept.popitem(last=False)
        return found

    @cached_property
    def _file_identity(self) -> str | None:
        """The identity of the file the font's tables are read from (None: not from a file),
        taken once: the font is made anew for a file changed on disk (``layout.render.pdf``)."""
        source = self.program.source_file
        return None if source is None else file_identity(source)  # type: ignore[arg-type]

    def _disk_key(self, gids: tuple[int, ...]) -> str | None:
        """The key of the subset program for ``gids`` in the user cache
        (``layout.render.programcache``); None for a font not read from a file."""
        identity = self._file_identity
        return None if identity is None else program_key(identity, FONT_PROGRAM_LEVEL, gids)

    def _damaged(self, exc: DamagedGlyph) -> SpecError:
        """The bad-input error for a damaged glyph: at the manifest's ``file`` of the face."""
        chars = sorted(code for code, gid in self.cmap.items() if gid == exc.gid)
        drawn = f" ({chr(chars[0])} U+{chars[0]:04X})" if chars else ""
        message = (
            f"font file {display_path(self.path)}: glyph {exc.gid}{drawn} is damaged: "
            f"{exc.reason}; replace the file (the PDF was not written)"
        )
        if self.info is None:
            return SpecError(message)
        return SpecError(message, pos=self.info.pos, key_path=f"faces.{self.info.id}.file")

    # -- descriptor data, read from the raw tables (decompiling them would import modules)
    @property
    def postscript_name(self) -> str:
        name = getattr(self, "_postscript_name", None)
        if name is None:
            raw = None
            if self.program.has_table("name"):
                raw = sfnt.name_record(self.program.table("name"), 6)  # the PostScript name
            raw = raw or self.path.stem
            name = "".join(ch for ch in raw if 33 <= ord(ch) <= 126 and ch not in "[](){}<>/%#")
            self._postscript_name = name
        return name

    def _descriptor_metrics(self) -> dict[str, Any]:
        program = self.program
        scale = self._scale
        bbox = sfnt.read_head(program.table("head")).bbox
        weight, cap = 400, 0
        if program.has_table("OS/2"):
            os2 = sfnt.read_os2(program.table("OS/2"))
            weight, cap = os2.weight_class, os2.cap_height
        italic = 0.0
        if program.has_table("post"):
            italic = sfnt.read_italic_angle(program.table("post"))
        return {
            "Flags": 4,  # symbolic: glyphs are addressed by id, not by a standard encoding
            "FontBBox": [round(v * scale) for v in bbox],
            "ItalicAngle": round(italic, 2),
            "Ascent": self.ascent,
            "Descent": self.descent,
            "CapHeight": round(cap * scale) if cap else self.ascent,
            "StemV": 50 + int((weight / 65.0) ** 2),
        }
