"""The page spec's schema: one table per section, written once.

The same :class:`~layout.schema.Record` tables validate a spec (every fault reported with
file:line:column and key path, :func:`layout.spec.load_spec`) and generate
``docs/spec-reference.md`` (:mod:`layout.spec.reference`) and the JSON Schema
(:mod:`layout.spec.jsonschema`). :data:`SPEC` is the top level, assembled here from the
tables of each part of the spec (:mod:`layout.spec.tables`: the value types, the page and
grid, styles, boxes and their sub-records, what an edition's pages share). What the tables
cannot say (a box inside the type area, a known style or article, margins that add up) is
checked by the resolver.
"""

from __future__ import annotations

import re

from layout.schema import STR, Field, ListOf, MapOf, OneOf, Record, int_kind
from layout.spec.tables.boxes import BOX
from layout.spec.tables.edition import EDITION, HEADER, JUMPS, PRESS
from layout.spec.tables.page import GRID, PAGE
from layout.spec.tables.placement import AT, GRID_KEYS, RECT_KEYS
from layout.spec.tables.styles import STYLE
from layout.spec.tables.values import PATH

# The names other modules import from here, besides SPEC.
__all__ = ["AT", "EDITION", "GRID_KEYS", "PATH", "RECT_KEYS", "SPEC", "STR"]

# The key paths of a page spec's copy (layout.yamlsource.cut_copy), as a record's are
# (layout.articles): text printed as written, where `` #`` and a word after it on its line is
# text YAML cut off as a comment (YAML 1.2 §6.6). The edition's printed facts, the page name
# (the page header's 第N版 要闻), the jump lines' wording, a photo box's title and the free
# lines of a masthead or ear; not ids, styles, file names, dates and sizes, where a note
# after the value is a comment as meant.
COPY_PATH = re.compile(
    r"(?:edition\.(?:title|subtitle|issue|cn|postal|publisher|editor)|page\.name"
    r"|jumps\.(?:out|in)|boxes\[\d+\]\.(?:title|text(?:\[\d+\])?))\Z"
)

SPEC = Record(
    "page spec",
    [
        Field("spec_version", int_kind(1, 1), default=1),
        Field(
            "extends",
            PATH,
            doc="a shared file (an edition file, or any file of page spec keys) whose values "
            "this spec takes where it gives none: mappings merge key by key at every depth "
            "(a style, an edition fact or a press setting of the spec wins), a list or a "
            "plain value replaces whole; an error in a value taken from it is reported at "
            "its line and column there. The shared file may extend another. When the file "
            "is an edition that lists this spec, the page's number and name are the list's",
        ),
        Field("edition", EDITION, required=True),
        Field("page", PAGE, required=True),
        Field("grid", GRID, required=True),
        Field("header", HEADER),
        Field("press", PRESS, doc="press PDF settings (PDF/X-1a, newsprint)"),
        Field(
            "articles",
            OneOf(
                "a folder or a list of files",
                [PATH, ListOf(PATH)],
                lambda v: 1 if isinstance(v, list) else 0,
            ),
            doc="folder of article records (*.yaml), or a list of record files",
        ),
        Field(
            "fonts",
            PATH,
            doc="fonts manifest (a YAML with ``roles:``); default: the manifest of the open "
            "fonts banmian ships (Noto Serif/Sans CJK SC, LXGW WenKai; roles song, "
            "song-heavy, hei, hei-regular, hei-heavy, kai)",
        ),
        Field("styles", MapOf(STYLE, "a mapping of style names to styles"), required=True),
        Field("jumps", JUMPS, doc="the wording of the generated jump lines"),
        Field("boxes", ListOf(BOX), required=True),
    ],
    "The top level of a page spec. A path is relative to the file it is written in (the "
    "spec, or the shared file it extends).",
)
