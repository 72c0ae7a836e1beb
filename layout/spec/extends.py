"""A page spec's shared parts: ``extends: FILE`` and the edition file's list of pages.

Contract: :func:`load_extended` reads a page spec and every file it extends (``extends:``
names a shared file, relative to the file that names it; the shared file may extend another,
a loop is an error) and returns one :class:`~layout.yamlsource.YamlDoc`: the page's values
over the shared ones (:func:`~layout.yamlsource.merge_docs`: mappings merge key by key at
every depth, the page winning; a list or scalar replaces whole), each value positioned where
it is written. A shared file holds any top-level keys of a page spec; an edition file is a
shared file with ``pages:`` (:mod:`layout.spec.edition`), which a page does not take.

When the page is listed in an edition — the edition being built, or an edition file the page
extends that lists it — its ``page.number`` and ``page.name`` are the list's, positioned at
the list entry, so the page built alone has the number it has in the edition. A number or name
the page spec writes that differs is overridden, and said in a note (:attr:`Extended.notes`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from layout.errors import SpecError, display_path
from layout.spec.pagelist import Listing, listings
from layout.yamlsource import YamlDoc, child_path, load_yaml, merge_docs, with_value

from ..records import NamedTuple

EXTENDS = "extends"
PAGES = "pages"  # the edition file's list: not a part a page takes


class Extended(NamedTuple):
    """A page spec with its shared parts merged in: the document, the shared files (nearest
    first), the notes of what the edition's list overrode."""

    doc: YamlDoc
    shared: tuple[Path, ...]
    notes: tuple[str, ...]
    # The page number of every page spec in the list of pages of an edition file the page
    # extends (absolute paths): where ``continues: {spec: …}`` finds its page's number.
    numbers: Mapping[Path, int]
    # The edition file whose list of pages holds the page (None for a page of no edition).
    edition_file: Path | None = None


def load_extended(
    path: Path | str, errors: list[SpecError], *, listing: Listing | None = None
) -> Extended:
    """The page spec at ``path`` with what it extends (raises ``SpecError`` when the page
    spec itself cannot be read); faults in ``extends:`` go to ``errors``. ``listing`` is the
    page's entry in the edition being built; without it, an edition file the page extends is
    searched for the page."""
    doc = load_yaml(path)
    chain = _chain(doc, errors)
    merged = _merged(chain)
    # The list's faults are the edition's to report when it is being built (``listing``).
    faults = errors if listing is None else []
    # Each shared file's list of pages read once for both questions below (the faults of the
    # first reading kept: the page's own entry is looked for first).
    lists: dict[Path, list[tuple[Path, Listing]]] = {}

    def pages(shared: YamlDoc, found: list[SpecError]) -> list[tuple[Path, Listing]]:
        if shared.file not in lists:
            lists[shared.file] = listings(shared, found)
        return lists[shared.file]

    listed = next(
        (
            (shared, found)
            for shared in chain[1:]
            if (found := _listed(shared, doc.file, pages(shared, faults)))
        ),
        None,
    )
    if listing is None and listed is not None:
        listing = listed[1]
    notes: list[str] = []
    if listing is not None:
        merged = _numbered(merged, listing, notes)
    numbers = next(
        (found for shared in chain[1:] if (found := _numbers(shared, pages(shared, [])))), {}
    )
    edition_file = listed[0].file if listed is not None else None
    return Extended(merged, tuple(d.file for d in chain[1:]), tuple(notes), numbers, edition_file)


def with_shared(doc: YamlDoc, errors: list[SpecError]) -> YamlDoc:
    """``doc`` (a page spec, or an edition file) with every file it extends merged in, its
    own values winning, each value positioned where it is written; faults in ``extends:``
    go to ``errors``."""
    return _merged(_chain(doc, errors))


def _chain(doc: YamlDoc, errors: list[SpecError]) -> list[YamlDoc]:
    """``doc`` and the files it extends, nearest first (a fault ends the chain, reported)."""
    chain = [doc]
    while True:
        parent = _parent(chain, errors)
        if parent is None:
            return chain
        chain.append(parent)


def _merged(chain: list[YamlDoc]) -> YamlDoc:
    """The first of ``chain`` over the others, each over the next (a list of pages and an
    ``extends:`` are the file's own: not taken)."""
    merged = chain[-1]
    for over in reversed(chain[:-1]):
        merged = merge_docs(merged, over, leave=(EXTENDS, PAGES))
    return merged


def _numbers(shared: YamlDoc, listed: list[tuple[Path, Listing]]) -> dict[Path, int]:
    """The page numbers of ``shared``'s list of pages (``listed``, as :func:`listings` reads
    it), by the page spec's absolute path (its faults are reported where the list is read for
    the page's own entry)."""
    if PAGES not in shared.value:
        return {}
    return {Path(os.path.abspath(spec)): found.number for spec, found in listed}


def _parent(chain: list[YamlDoc], errors: list[SpecError]) -> YamlDoc | None:
    """The file the last of ``chain`` extends, read; ``None`` when none (or a fault,
    reported)."""
    doc = chain[-1]
    if not isinstance(doc.value, Mapping) or EXTENDS not in doc.value:
        return None
    text = doc.value[EXTENDS]
    if not isinstance(text, str) or not text.strip():
        errors.append(
            doc.error(
                EXTENDS,
                f"expected the path of a shared file (relative to this file), got {text!r}",
            )
        )
        return None
    target = Path(os.path.normpath(doc.file.parent / text.strip()))
    if any(Path(os.path.abspath(d.file)) == Path(os.path.abspath(target)) for d in chain):
        loop = " → ".join(display_path(f) for f in [*(d.file for d in chain), target])
        errors.append(doc.error(EXTENDS, f"extends loops back to {display_path(target)} ({loop})"))
        return None
    if not target.is_file():
        why = "is a folder: name the shared file in it" if target.is_dir() else "does not exist"
        errors.append(doc.error(EXTENDS, f"shared file {str(target)!r} {why}"))
        return None
    try:
        shared = load_yaml(target)
    except SpecError as exc:
        errors.append(exc)
        return None
    if not isinstance(shared.value, Mapping):
        errors.append(shared.error("", "expected a mapping of page spec keys (a shared file)"))
        return None
    return shared


def _listed(shared: YamlDoc, page: Path, listed: list[tuple[Path, Listing]]) -> Listing | None:
    """The entry of ``page`` in the list of pages of ``shared`` (an edition file: ``listed``,
    as :func:`listings` reads it), if any."""
    if PAGES not in shared.value:
        return None
    for spec, found in listed:
        if Path(os.path.abspath(spec)) == Path(os.path.abspath(page)):
            return found
    return None


def _numbered(doc: YamlDoc, listing: Listing, notes: list[str]) -> YamlDoc:
    """``doc`` with the page number and name of the edition's list."""
    page = doc.value.get("page") if isinstance(doc.value, Mapping) else None
    if not isinstance(page, Mapping):
        return doc  # no page mapping: the schema reports it
    for key, value, pos in (
        ("number", listing.number, listing.number_pos),
        ("name", listing.name, listing.name_pos),
    ):
        path = child_path("page", key)
        if key in page and page[key] != value:
            notes.append(
                f"{doc.pos(path)}: {path}: {page[key]!r} is overridden by the edition's list of "
                f"pages ({pos}: {value!r})"
            )
        doc = with_value(doc, path, value, pos)
    return doc
