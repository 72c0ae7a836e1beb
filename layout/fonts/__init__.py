"""The font layer: every byte banmian reads from a font file is read here.

Modules, bottom up (each imports only those above it, and nothing of the layers that use
fonts: ``text/`` only for the :class:`~layout.text.metrics.GlyphInfo` record it returns):

- :mod:`.sfnt` — raw table readers, pure functions over a table's bytes;
- :mod:`.tables` — a file's table directory and its tables' bytes (:class:`FontTables`:
  what a build reads a face through; fontTools only converts, :mod:`.convert`);
- :mod:`.verify` — a face's file opened and verified (:func:`open_truetype`), and the cheap
  directory check of a face opened only when needed (:func:`check_directory`);
- :mod:`.subset` — the glyph-id-keeping TrueType subsetter (:class:`TrueTypeProgram`) whose
  programs the PDF writer embeds;
- :mod:`.manifest` — ``fonts/manifest.yaml``: its schema, :class:`FaceInfo`, validation;
- :mod:`.convert` — a CFF ``.otf`` or a collection's face (``file: X.ttc#N``) converted to
  TrueType once and cached (:func:`~.convert.truetype_file`, :func:`~.convert.open_source`);
- :mod:`.verified` — the record, in the user's cache, that a face's file as it is passed the
  full verification, so a library leaves it unread until a chain needs it;
- :mod:`.library` — :class:`Face` and :class:`ChainMetrics` (metrics of both writing
  directions), :class:`FontLibrary`, and :func:`library`, kept per process.

:mod:`.coverage` (the character sets) and :mod:`.command` (``banmian fonts``) sit on top,
imported by the CLI only.

What callers use is re-exported here: ``from layout.fonts import library, FontLibrary``.
"""

from . import sfnt
from .library import FIRST_FACE_SHARE, ChainMetrics, Face, FontLibrary, library, open_face
from .manifest import (
    DEFAULT_MANIFEST,
    FACE,
    MANIFEST,
    FaceInfo,
    FontErrors,
    Manifest,
    face_error,
    not_there,
    read_manifest,
)
from .sfnt import FontFileError, glyph_components, glyph_damage, read_advances, read_cmap, read_vert
from .subset import DamagedGlyph, TrueTypeProgram, build_sfnt, table_checksum
from .tables import FontTables
from .verify import EXCERPT, REQUIRED, TrueTypeFile, check_directory, excerpt, open_truetype

__all__ = [
    "DEFAULT_MANIFEST",
    "EXCERPT",
    "FACE",
    "FIRST_FACE_SHARE",
    "MANIFEST",
    "REQUIRED",
    "ChainMetrics",
    "DamagedGlyph",
    "Face",
    "FaceInfo",
    "FontErrors",
    "FontFileError",
    "FontLibrary",
    "FontTables",
    "Manifest",
    "TrueTypeFile",
    "TrueTypeProgram",
    "build_sfnt",
    "check_directory",
    "excerpt",
    "face_error",
    "glyph_components",
    "glyph_damage",
    "library",
    "not_there",
    "open_face",
    "open_truetype",
    "read_advances",
    "read_cmap",
    "read_manifest",
    "read_vert",
    "sfnt",
    "table_checksum",
]
