"""What the resolving steps of a page spec share: the document, its checked values, the
error list, and the records the spec's articles load.

Contract: a :class:`Context` is made once per :func:`layout.spec.load_spec` from the
document and what :data:`layout.spec.schema.SPEC` returned for it; each step appends its
errors through :meth:`Context.err` (positioned at the key path) and never raises for bad
input, so one load reports every problem.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from layout.articles import Article, FiguresRecord
from layout.errors import SpecError
from layout.yamlsource import YamlDoc, child_path

from ..records import NamedTuple


class Context(NamedTuple):
    """A spec being resolved: ``values`` are the schema's parsed values (keys whose value
    was bad are absent, list items that failed are ``FAILED``); ``errors`` collects every
    fault found."""

    doc: YamlDoc
    values: Mapping[str, Any]
    errors: list[SpecError]
    # The edition's page numbers by page spec (absolute path), when the spec extends an
    # edition file with a list of pages.
    page_numbers: Mapping[Path, int]

    def err(self, path: str, message: str, *, at_key: bool = False) -> None:
        """Record an error at the value (or, ``at_key``, the key) of ``path``."""
        self.errors.append(self.doc.error(path, message, at_key=at_key))

    def path(self, text: str, at: str) -> Path:
        """A path written in the spec at key path ``at``, relative to the file it is written
        in (the page spec, or a shared file it extends), normalised."""
        return Path(os.path.normpath(self.doc.pos(at).file.parent / text))

    def raw(self, path: str) -> Mapping[str, Any]:
        """The mapping at ``path`` as written (before the schema: bad values too)."""
        node: Any = self.doc.value
        for part in path.replace("[", ".").replace("]", "").split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    def style_names(self) -> list[str]:
        """Every style the spec names, those with errors too (reported already)."""
        return list(self.values.get("styles") or ())

    def box_path(self, box_id: str) -> str:
        """The key path of the box with id ``box_id`` (its first definition)."""
        for i, b in enumerate(self.doc.value.get("boxes") or ()):
            if isinstance(b, Mapping) and b.get("id") == box_id:
                return child_path("boxes", i)
        return "boxes"


class Records(NamedTuple):
    """The article and figures records the spec's ``articles`` load, by id; ``failed``
    holds the stems of files that had errors (reported already), so a box naming one is not
    reported again as unknown."""

    by_id: Mapping[str, Article | FiguresRecord]
    failed: frozenset[str]
    # Files in the records folder not read as records, their extension not .yaml or .yml
    # (library.YAML, library.yaml.txt): named where a box's record is unknown.
    unread: tuple[Path, ...] = ()
