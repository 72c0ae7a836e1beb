"""The JSON Schema (draft 2020-12) of the report ``build``, ``check`` and ``proof`` print with
``--json`` (``layout.proof.jsonreport``): ``banmian schema report`` prints it and
``docs/schema/report.schema.json`` holds it; tests validate real reports against it.

Contract: :func:`report_schema` is made from the code's own lists — the problem kinds
(:class:`~layout.report.ProblemKind`), their severities and the details each kind carries
(:data:`~layout.report.DETAILS`) — so a kind added to banmian is in the schema at once. A
report is a page report (``scope: page``) or an edition report (``scope: edition``, one page
entry a page); every object lists all its keys and allows no others.
"""

from __future__ import annotations

from typing import Any

from ..geometry import WritingMode
from ..report import DETAILS, ProblemKind, Severity
from ..spec.model import UnprintedKind
from .jsonreport import SCHEMA_VERSION

DRAFT = "https://json-schema.org/draft/2020-12/schema"

Schema = dict[str, Any]

_NULL_TEXT: Schema = {"type": ["string", "null"]}
_NULL_COUNT: Schema = {"type": ["integer", "null"], "minimum": 1}
_INT: Schema = {"type": "integer", "minimum": 0}
_NUM: Schema = {"type": "number"}
_TEXT: Schema = {"type": "string"}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _or_null(schema: Schema) -> Schema:
    return {"oneOf": [schema, {"type": "null"}]}


def _obj(props: dict[str, Schema], optional: tuple[str, ...] = ()) -> Schema:
    return {
        "type": "object",
        "properties": props,
        "required": [k for k in props if k not in optional],
        "additionalProperties": False,
    }


def _list(items: Schema, **more: Any) -> Schema:
    return {"type": "array", "items": items, **more}


# The details of each kind, by the dataclass that carries them (layout.report).
_DETAILS: dict[str, Schema] = {
    "Overset": _obj(
        {
            "lines": _INT,
            "chars": _INT,
            "over_mm": {**_NUM, "description": "a block over"},
            "cut_from": {
                **_obj(
                    {
                        "paragraph": {
                            **_NULL_COUNT,
                            "description": "1-based paragraph of the body the cut begins in",
                        },
                        "part": {
                            **_NULL_TEXT,
                            "description": "else the part it begins in (署名, 图说, 图题)",
                        },
                        "file": {**_NULL_TEXT, "description": "the record it is written in"},
                        "line": {**_NULL_COUNT, "description": "its 1-based line there"},
                        "text": {
                            **_TEXT,
                            "description": "the first words cut, … ending them when more is cut",
                        },
                    }
                ),
                "description": "where the text cut from a story or caption begins",
            },
        },
        ("over_mm", "cut_from"),
    ),
    "Underset": _obj({"lines": _INT}),
    "MissingGlyph": _obj(
        {
            "char": _TEXT,
            "code_point": {"type": "string", "pattern": "^U\\+[0-9A-F]{4,6}$"},
            "index": _INT,
        }
    ),
    "RemovedCharacter": _obj(
        {"char": _TEXT, "code_point": _TEXT, "index": _INT, "reason": _TEXT, "line": _INT},
        ("line",),
    ),
    "AtLine": _obj({"line": {"type": "integer", "minimum": 1}}),
    "LowResolution": _obj({"ppi": _NUM, "file": _TEXT, "limit": _NUM}),
    "ImageFile": _obj({"file": _TEXT}),
    "AdvertSize": _obj({"file": _TEXT, "size_mm": _ref("size"), "box_mm": _ref("size")}),
    "AdvertRule": _obj({"file": _TEXT, "rule": _TEXT}),
    "FacesAbsent": _obj({"faces": _list(_TEXT)}),
    "Shrunk": _obj({"size_pt": _NUM, "style_size_pt": _NUM}),
    "FontFallback": _obj(
        {
            "style": _TEXT,
            "role": {**_TEXT, "description": "the style's font role in the fonts manifest"},
            "face": {**_TEXT, "description": "the face id of the role's first face"},
            "han": {**_INT, "description": "汉字 drawn in the style on the page"},
            "first_face": {**_INT, "description": "of them, set by the first face"},
            "set_by": _list(_obj({"face": _TEXT, "han": _INT})),
        }
    ),
    "UnprintedHead": _obj(
        {
            "kicker": {**_NULL_TEXT, "description": "引题"},
            "headline": {**_TEXT, "description": "主题, its lines joined by a space"},
            "subhead": {**_NULL_TEXT, "description": "副题"},
        }
    ),
    "BadVerticalForms": _obj(
        {
            "face": {**_TEXT, "description": "the face id whose GSUB vertical forms are refused"},
            "marks": {**_TEXT, "description": "the marks drawn without them, each once"},
        }
    ),
    "ShadeContrast": _obj(
        {
            "shade": {**_NUM, "description": "the box's shade, 0 (none) to 1 (black)"},
            "contrast": {**_NUM, "description": "the lowest difference of darkness, 0–1"},
            "runs": {**_INT, "description": "the runs of type that stand out by too little"},
        }
    ),
    "ThreadSource": _obj({"from_page": {"type": ["integer", "null"]}, "from_box": _NULL_TEXT}),
}

_PLACE: dict[str, Schema] = {
    "box": {**_NULL_TEXT, "description": "the box id of the page spec"},
    "article": {**_NULL_TEXT, "description": "the article (or figures) record id"},
    "paragraph": {**_NULL_COUNT, "description": "1-based paragraph of the article's body"},
    "file": {
        **_NULL_TEXT,
        "description": "where the text came from: the article record (the paragraph's line "
        "in it; a story as a whole: the record's id line), else the page spec (the box's "
        "line); null for the page itself",
    },
    "line": {**_NULL_COUNT, "description": "1-based line in file"},
    "column": {**_NULL_COUNT, "description": "1-based column in file where the text begins"},
    "where": {**_or_null(_ref("rect")), "description": "the part of the page to mark"},
}


def _problem() -> Schema:
    kinds = [k.value for k in ProblemKind]
    per_kind = [
        {
            "if": {"properties": {"kind": {"const": kind.value}}},
            "then": {"properties": {"details": _ref(f"details_{details.__name__}")}},
        }
        for kind, details in DETAILS.items()
    ]
    glyph = {
        "if": {"properties": {"kind": {"const": ProblemKind.MISSING_GLYPH.value}}},
        "then": {"required": ["count", "places"]},
        "else": {"not": {"anyOf": [{"required": ["count"]}, {"required": ["places"]}]}},
    }
    return {
        "type": "object",
        "description": "A problem of the page: what, how bad, where on the page and where its "
        "text came from; a character no font has once, with its count and places.",
        "properties": {
            "kind": {"enum": kinds},
            "severity": {
                "enum": [s.value for s in Severity],
                "description": "error: it spoils print",
            },
            "message": _TEXT,
            **_PLACE,
            "details": {"type": "object", "description": "the numbers of its kind"},
            "count": {"type": "integer", "minimum": 1},
            "places": _list(_ref("glyph_place"), minItems=1),
        },
        "required": ["kind", "severity", "message", *_PLACE, "details"],
        "additionalProperties": False,
        "allOf": [*per_kind, glyph],
    }


def _page_defs() -> dict[str, Schema]:
    lines_chars = _ref("lines_chars")
    return {
        "page_info": _obj(
            {
                "number": {"type": "integer", "minimum": 1},
                "name": _TEXT,
                "title": _TEXT,
                "writing_mode": {"enum": [m.value for m in WritingMode]},
                "trim": _ref("rect"),
                "bleed": {"type": "number", "minimum": 0},
                "media": {**_ref("rect"), "description": "the trim with its bleed"},
                "type_area": _ref("rect"),
            }
        ),
        "box": _obj(
            {
                "id": _TEXT,
                "kind": _TEXT,
                "article": _NULL_TEXT,
                "rect": _ref("rect"),
                "flows": {"type": "boolean", "description": "text flows into it"},
                "columns": _INT,
                "chars_per_line": _NUM,
                "capacity": lines_chars,
                "used": lines_chars,
                "overset": lines_chars,
                "underset": lines_chars,
                "status": {"enum": ["-", "ok", "overset", "underset"]},
                "advice": _TEXT,
                "headline": _list(_ref("headline")),
            }
        ),
        "headline": _obj(
            {
                "part": _TEXT,
                "style": _TEXT,
                "size_pt": {**_NUM, "description": "the type size set, in points"},
                "range_pt": _obj({"min": _NUM, "max": _NUM}),
                "lines": _INT,
                "fill": {**_NUM, "description": "of the measure, 0–1"},
                "texts": _list(_TEXT),
            }
        ),
        "font": _obj(
            {
                "name": _TEXT,
                "base_font": _TEXT,
                "subtype": _TEXT,
                "embedded": {"type": "boolean"},
                "subset": {"type": "boolean"},
            }
        ),
        "image": _obj(
            {
                "file": _TEXT,
                "box": _NULL_TEXT,
                "article": _NULL_TEXT,
                "pixels": {**_or_null(_ref("size")), "description": "in pixels"},
                "printed": _ref("size"),
                "ppi": {"type": ["number", "null"]},
                "min_ppi": _NUM,
                "below": {"type": ["number", "null"], "description": "the press limit under"},
                "ok": {"type": "boolean"},
            }
        ),
        "missing_character": _obj(
            {
                "char": _TEXT,
                "code_point": _TEXT,
                "count": {"type": "integer", "minimum": 1},
                "places": _list(_ref("glyph_place"), minItems=1),
            }
        ),
        "spoiler": _obj(
            {"kind": _TEXT, "box": _NULL_TEXT, "article": _NULL_TEXT, "message": _TEXT}
        ),
        "fit": _obj(
            {
                "fits": {
                    "type": "boolean",
                    "description": "the page fits with the changes (banmian fit would write)",
                },
                "changes": _list(_obj({"text": _TEXT, "boxes": _list(_TEXT, minItems=1)})),
                "stories": {
                    **_list(_ref("fit_story")),
                    "description": "the stories that do not fit on the page as it is",
                },
                "still": {
                    **_list(_TEXT),
                    "description": "the stories that do not fit even with the changes",
                },
                "advice": {**_list(_TEXT, minItems=1), "description": "as proof --fit prints"},
            }
        ),
        "fit_story": _obj(
            {
                "box": _TEXT,
                "article": _NULL_TEXT,
                "head_over": {"type": "boolean", "description": "the headline is over its area"},
                "overset": lines_chars,
                "empty_lines": {**_INT, "description": "the empty lines at its foot"},
                "wrong": {**_list(_TEXT, minItems=1), "description": "what it lacks"},
                "changes": {
                    **_list(_TEXT),
                    "description": "the changes that touch its box (none: no change within "
                    "the limits does)",
                },
            }
        ),
        "page_body": {
            "type": "object",
            "properties": {
                "spec": {**_TEXT, "description": "the page spec"},
                "page": _ref("page_info"),
                "boxes": _list(_ref("box")),
                "fonts": {**_list(_ref("font")), "description": "read back from the PDF"},
                "images": _list(_ref("image")),
                "missing_characters": _list(_ref("missing_character")),
                "problems": _list(_ref("problem")),
                "unprinted": {
                    **_list(_ref("unprinted")),
                    "description": "copy of the page's records printed nowhere (also a warning "
                    "on standard error, -q or not)",
                },
                "notes": {
                    **_list(_ref("note")),
                    "description": "what the loader says that is no problem of the page: two "
                    "records of the edition with one id (warning), a page number or name the "
                    "edition's list overrode (note)",
                },
                "spoils_print": {"type": "boolean"},
                "ok": {"type": "boolean", "description": "ready for print: not spoils_print"},
                "spoilers": _list(_ref("spoiler")),
                "timings_ms": {"type": "object", "additionalProperties": _NUM},
            },
            "required": [
                "spec",
                "page",
                "boxes",
                "fonts",
                "images",
                "missing_characters",
                "problems",
                "unprinted",
                "notes",
                "spoils_print",
                "ok",
                "spoilers",
                "timings_ms",
            ],
        },
    }


# Copy of a record printed nowhere (layout.spec.model.Unprinted), at its place in the record.
_UNPRINTED: dict[str, Schema] = {
    "kind": {"enum": [k.value for k in UnprintedKind]},
    "record": {**_TEXT, "description": "the record's id"},
    "message": {**_TEXT, "description": "the warning's line, with its place"},
    "file": {**_TEXT, "description": "the record file"},
    "line": {"type": ["integer", "null"], "minimum": 1},
    "column": {"type": ["integer", "null"], "minimum": 1},
    "key_path": {**_TEXT, "description": "in the record: id, or photos[i] of a photo"},
    "photo": {**_NULL_COUNT, "description": "kind photo: which photo (1-based)"},
    "box": {**_NULL_TEXT, "description": "kind story-text: the photo box showing it"},
}


def report_schema() -> Schema:
    """The JSON Schema of the report (see the module docstring)."""
    head: dict[str, Schema] = {
        "schema_version": {"const": SCHEMA_VERSION},
        "command": {"enum": ["build", "check", "proof"]},
        "unit": {"const": "mm", "description": "of every length but type sizes (size_pt)"},
        "outputs": {**_list(_TEXT), "description": "the files written; '-': standard output"},
    }
    edition = {
        "type": "object",
        "properties": {
            **head,
            "scope": {"const": "edition"},
            "edition": {**_TEXT, "description": "the edition file"},
            "overview": {**_NULL_TEXT, "description": "proof: the overview PNG"},
            "pages": _list(_ref("page_entry"), minItems=1),
            "unprinted": {
                **_list(_ref("edition_unprinted")),
                "description": "every page's unprinted, each with the page that shows part of it",
            },
            "stale_files": {
                **_list(_ref("stale_file")),
                "description": "files named as page files of the edition (page PDFs, page "
                "images, proof previews) that the command did not write (an earlier one's, of "
                "more pages), removed or kept",
            },
            "spoils_print": {"type": "boolean"},
            "ok": {"type": "boolean", "description": "ready for print: not spoils_print"},
        },
        "required": [
            *head,
            "scope",
            "edition",
            "overview",
            "pages",
            "unprinted",
            "stale_files",
            "spoils_print",
            "ok",
        ],
        "additionalProperties": False,
    }
    number = {"type": "number"}
    return {
        "$schema": DRAFT,
        "title": "banmian report (build, check, proof --json)",
        "description": f"The JSON report of banmian build, check and proof --json, "
        f"schema_version {SCHEMA_VERSION}. Lengths in mm to a tenth; a rect is {{x, y, w, h}} "
        "from the trim's top-left corner, y down. See docs/cli.md.",
        "oneOf": [_ref("page_report"), _ref("edition_report")],
        "$defs": {
            "rect": _obj({"x": number, "y": number, "w": number, "h": number}),
            "size": _obj({"w": number, "h": number}),
            "lines_chars": _obj({"lines": _INT, "chars": _INT}),
            "glyph_place": _obj({**_PLACE, "index": _INT}),
            "problem": _problem(),
            "unprinted": _obj(_UNPRINTED),
            "edition_unprinted": _obj(
                {
                    "page": {
                        "type": ["integer", "null"],
                        "description": "the page whose box shows part of it (a photo, a "
                        "head); null for a record no box of the edition places",
                    },
                    **_UNPRINTED,
                }
            ),
            "note": _obj({"severity": {"enum": ["warning", "note"]}, "message": _TEXT}),
            "stale_file": _obj(
                {
                    "file": _TEXT,
                    "what": {"enum": ["page PDF", "page image", "proof preview"]},
                    "removed": {"type": "boolean"},
                    "reason": {**_NULL_TEXT, "description": "why it was kept (null: removed)"},
                }
            ),
            **{f"details_{name}": schema for name, schema in _DETAILS.items()},
            **_page_defs(),
            "page_report": {
                **_ref("page_body"),
                "properties": {
                    **head,
                    "scope": {"const": "page"},
                    "fit": {**_ref("fit"), "description": "proof --fit only"},
                },
                "required": [*head, "scope"],
                "unevaluatedProperties": False,
            },
            "page_entry": {**_ref("page_body"), "unevaluatedProperties": False},
            "edition_report": edition,
        },
    }
