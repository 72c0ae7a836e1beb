"""JSON Schemas of the page spec (and edition file) and of the article record, made from the
one schema banmian checks them with (:mod:`layout.schema` records), so that an editor's YAML
language server completes keys and flags unknown ones as a spec is typed.

Contract: :func:`json_schema` gives a JSON Schema (draft 2020-12) of a root
:class:`~layout.schema.Record`: every record a ``$defs`` entry (an object of its fields, no
other keys, the required ones required — a field only some box kinds take is never
required here), lists, maps and choices as arrays, objects and ``anyOf``, and a scalar as
much as it declares (``Scalar.json``: a type, bounds, the choices) with its description.
What only banmian's parser knows — a length such as ``2字`` or ``3mm``, a size such as
``小五``, cross-references between boxes and articles — the schema leaves to ``banmian
check``, which remains the judge: the schema never refuses what banmian accepts.
:func:`schemas` gives the ones ``docs/schema/`` holds (``banmian schema``).
"""

from __future__ import annotations

from typing import Any

from ..articles import ARTICLE
from ..schema import Kind, ListOf, MapOf, OneOf, Record, Scalar
from .pagelist import PAGES
from .schema import SPEC

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(
    root: Record,
    title: str,
    *,
    required: bool = True,
    extra: dict[str, Kind] | None = None,
) -> dict[str, Any]:
    """The JSON Schema of ``root`` (see the module docstring); without ``required``, no key
    is required anywhere (a page spec that ``extends`` a shared file has its required keys
    there); ``extra`` adds top-level keys (the edition file's ``pages``)."""
    defs: dict[str, Any] = {}
    names: dict[int, str] = {}
    top = _kind(root, defs, names, required)
    if extra:
        name = top["$ref"].removeprefix("#/$defs/")
        for key, kind in extra.items():
            defs[name]["properties"][key] = _kind(kind, defs, names, required)
    return {"$schema": DRAFT, "title": title, **top, "$defs": defs}


def _kind(
    kind: Kind, defs: dict[str, Any], names: dict[int, str], required: bool
) -> dict[str, Any]:
    if isinstance(kind, Record):
        return {"$ref": f"#/$defs/{_record(kind, defs, names, required)}"}
    if isinstance(kind, ListOf):
        items = _kind(kind.item, defs, names, required)
        array: dict[str, Any] = {"type": "array", "items": items}
        if kind.min_len:
            array["minItems"] = kind.min_len
        return {"anyOf": [items, array]} if kind.single else array
    if isinstance(kind, MapOf):
        item = _kind(kind.item, defs, names, required)
        return {"type": "object", "additionalProperties": item}
    if isinstance(kind, OneOf):
        return {"anyOf": [_kind(option, defs, names, required) for option in kind.options]}
    if isinstance(kind, Scalar):
        return {**kind.json, "description": kind.describe}
    return {"description": kind.describe}


def _record(record: Record, defs: dict[str, Any], names: dict[int, str], required: bool) -> str:
    """The ``$defs`` name of ``record``, defined on first use (a record may nest itself)."""
    if id(record) in names:
        return names[id(record)]
    name = record.name
    while name in defs:
        name += "_"
    names[id(record)] = name
    defs[name] = {}  # taken before the fields, for a record that refers to itself
    properties = {}
    for field in record.fields:
        value = _kind(field.kind, defs, names, required)
        if field.doc:
            value = {**value, "description": field.doc}
        properties[field.name] = value
    needed = [f.name for f in record.fields if required and f.required and f.kinds is None]
    body: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
    }
    if record.doc:
        body["description"] = record.doc
    if needed:
        body["required"] = needed
    defs[name] = body
    return name


def schemas() -> dict[str, dict[str, Any]]:
    """The schemas ``banmian schema`` prints and docs/schema/ holds, by file stem: the page
    spec and edition file (nothing required: a page takes its required keys from the file it
    extends; the edition's ``pages`` list), and the article record."""
    return {
        "page-spec": json_schema(
            SPEC, "banmian page spec or edition file", required=False, extra={"pages": PAGES}
        ),
        "article": json_schema(ARTICLE, "banmian article record"),
    }
