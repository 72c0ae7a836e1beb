"""The schema tables of ``layout.spec.tables``: every table a part of the spec defines is
reached from the top level (``layout.spec.schema.SPEC``), so each is checked, documented in
docs/spec-reference.md and in the JSON Schema; none is a table that nothing reads."""

from __future__ import annotations

import importlib
import pkgutil

import layout.spec.tables
from layout.schema import Kind, ListOf, MapOf, OneOf, Record
from layout.spec.schema import SPEC


def _reached(kind: Kind, seen: dict[int, Kind]) -> None:
    if id(kind) in seen:
        return
    seen[id(kind)] = kind
    if isinstance(kind, Record):
        inner = [f.kind for f in kind.fields]
    elif isinstance(kind, ListOf | MapOf):
        inner = [kind.item]
    elif isinstance(kind, OneOf):
        inner = list(kind.options)
    else:
        inner = []
    for k in inner:
        _reached(k, seen)


def _defined() -> dict[str, Kind]:
    """The tables (records and choices between them) named in the modules of the parts."""
    found = {}
    for info in pkgutil.iter_modules(layout.spec.tables.__path__):
        module = importlib.import_module(f"layout.spec.tables.{info.name}")
        for name, value in vars(module).items():
            if name.isupper() and isinstance(value, Record | OneOf):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_table_is_reached_from_the_top_level() -> None:
    seen: dict[int, Kind] = {}
    _reached(SPEC, seen)
    defined = _defined()
    assert len(defined) >= 15  # the parts' tables are found at all
    assert [name for name, kind in defined.items() if id(kind) not in seen] == []
