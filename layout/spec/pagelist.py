"""The edition file's list of pages: ``pages: [{number, name, spec}, …]``, in order.

Contract: :func:`listings` checks the ``pages`` list of an edition file against
:data:`PAGE_ENTRY` and returns, for each entry that is good, the page spec's path and its
:class:`Listing` (number and name, positioned in the edition file). Faults go to ``errors``,
positioned there: a bad entry, a page spec that does not exist, a number listed twice or out
of order (the list is the edition in page order), a page spec listed twice, a name cut at a
`` #`` (:func:`layout.yamlsource.cut_copy`: the page header prints it).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

from layout.errors import SourcePos, SpecError
from layout.schema import FAILED, Field, ListOf, Record, int_kind
from layout.spec.schema import PATH, STR
from layout.yamlsource import YamlDoc, child_path, cut_copy

from ..records import NamedTuple

PAGE_ENTRY = Record(
    "edition page",
    [
        Field("number", int_kind(1), required=True, doc="the page (版) number: 第N版"),
        Field("name", STR, required=True, doc="the page name, e.g. 要闻, 文化"),
        Field("spec", PATH, required=True, doc="the page spec (relative to the edition file)"),
    ],
    "One page of the edition. Its number and name are the page's, whatever the page spec's "
    "``page.number`` and ``page.name`` say (a differing one is overridden, with a note); a "
    "page spec that ``extends`` this file takes them from here when built alone too.",
)
PAGES = ListOf(PAGE_ENTRY)
# A page's name is copy, as a page spec's ``page.name`` is (layout.spec.schema.COPY_PATH).
_NAME_PATH = re.compile(r"pages\[\d+\]\.name\Z")


class Listing(NamedTuple):
    """A page's entry in an edition's list of pages: its number and name, and where each is
    written (in the edition file)."""

    number: int
    name: str
    number_pos: SourcePos
    name_pos: SourcePos


def listings(doc: YamlDoc, errors: list[SpecError]) -> list[tuple[Path, Listing]]:
    """The good entries of ``doc``'s ``pages`` (an edition file), in order, each with the
    page spec's path (normalised, relative to the edition file)."""
    if not isinstance(doc.value, Mapping) or "pages" not in doc.value:
        return []
    cut_copy(doc, _NAME_PATH, errors)
    entries = PAGES.check(doc, "pages", doc.value["pages"], errors)
    if entries is FAILED:
        return []
    found: list[tuple[Path, Listing]] = []
    numbers: dict[int, SourcePos] = {}  # shown only in an error (display_path: a few stats)
    specs: dict[Path, str] = {}
    last = 0
    for i, entry in enumerate(entries):
        if entry is FAILED or not {"number", "name", "spec"} <= entry.keys():
            continue
        path = child_path("pages", i)
        number, spec = entry["number"], entry["spec"]
        file = Path(os.path.normpath(doc.file.parent / spec))
        where = child_path(path, "number")
        if number in numbers:
            errors.append(
                doc.error(where, f"page {number} is listed twice (first at {numbers[number]})")
            )
            continue
        if number < last:
            errors.append(
                doc.error(where, f"page {number} comes after page {last}: list pages in order")
            )
        numbers[number] = doc.pos(where)
        last = max(last, number)
        key = Path(os.path.abspath(file))
        if key in specs:
            errors.append(
                doc.error(
                    child_path(path, "spec"),
                    f"page spec {spec!r} is listed twice (first at {specs[key]}): one spec "
                    "is one page",
                )
            )
            continue
        specs[key] = str(doc.pos(child_path(path, "spec")))
        if not file.is_file():
            why = "is a folder: name the page spec in it" if file.is_dir() else "does not exist"
            errors.append(doc.error(child_path(path, "spec"), f"page spec {str(file)!r} {why}"))
            continue
        if Path(os.path.abspath(file)) == Path(os.path.abspath(doc.file)):
            errors.append(
                doc.error(
                    child_path(path, "spec"),
                    "names this edition file: a page's spec is a page spec (page, grid, boxes)",
                )
            )
            continue
        found.append(
            (
                file,
                Listing(
                    number=number,
                    name=entry["name"],
                    number_pos=doc.pos(where),
                    name_pos=doc.pos(child_path(path, "name")),
                ),
            )
        )
    if not entries:
        errors.append(doc.error("pages", "an edition lists at least one page"))
    return found
