"""The edition file: the edition's facts, the parts its pages share, and its pages in order.

Contract: :func:`is_edition_file` tells an edition file (a YAML mapping with ``pages:``) from a
page spec. :func:`load_edition` reads one, checks it against :data:`EDITION_FILE` and loads
every page spec it lists (:func:`layout.spec.load_spec` with the page's entry, so the list
sets each page's number and name); it returns an :class:`EditionSpec` or raises
:class:`~layout.errors.PageErrors` with every error of the edition file and of every page
(an error in a shared part, which every page takes, is listed once) and the pages whose
input is bad. The pages must be of one issue (the edition file's title, date and 期号) with
one fonts manifest and one press settings, and some page must take what the file shares.
The shared parts (``fonts``, ``styles``, ``press`` … any top-level key of a page spec) are
checked in each page that ``extends`` the file, as part of that page, with their positions
in this file. The file may itself extend a shared file (``extends:``), whose keys, the
edition's facts among them, it takes as a page spec does (:func:`~layout.spec.extends.with_shared`),
each checked with its position there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from layout.errors import FolderListing, PageErrors, SpecError, SpecErrors
from layout.schema import FAILED, Field, Kind, Record
from layout.spec.extends import EXTENDS, load_extended, with_shared
from layout.spec.model import PageSpec
from layout.spec.pagelist import PAGES, Listing, listings
from layout.spec.references import (
    photo_only_stories,
    repeated_articles,
    shared_ids,
    unplaced_photos,
    unplaced_records,
)
from layout.spec.resolve import load_spec, sort_errors
from layout.spec.schema import COPY_PATH, EDITION, PATH, SPEC
from layout.yamlsource import YamlDoc, cut_copy, load_yaml

from ..records import NamedTuple


class _Shared(Kind):
    """A page spec's top-level value, written once for the pages: checked in each page that
    extends the file (with this file's positions), as the page spec's key."""

    describe = "as in a page spec (checked in each page that extends this file)"

    def check(self, doc: YamlDoc, path: str, value: Any, errors: list[SpecError]) -> Any:
        return value


_SHARED = _Shared()
_OWN = {"edition", EXTENDS}
EDITION_FILE = Record(
    "edition file",
    [
        Field("spec_version", SPEC.by_name["spec_version"].kind, default=1),
        Field("edition", EDITION, required=True, doc="the edition's facts, as in a page spec"),
        Field(
            "pages",
            PAGES,
            required=True,
            doc="the pages in order: ``- {number: 1, name: 要闻, spec: front.yaml}``",
        ),
        Field(
            EXTENDS,
            PATH,
            doc="a shared file this one extends, as a page spec's: its keys (the ``edition`` "
            "facts among them) are this file's where it gives none, an error in one reported "
            "at its line and column there; the list of pages is this file's own",
        ),
        *(
            Field(f.name, _SHARED, doc=f"shared {f.name}: a page spec's ``{f.name}``")
            for f in SPEC.fields
            if f.name not in _OWN and f.name != "spec_version"
        ),
    ],
    "An edition file (``banmian build edition.yaml``): the edition's facts and the parts its "
    "pages share, written once, and the pages in order. A page spec takes the shared parts "
    "with ``extends: edition.yaml``; its own values win (mappings merge key by key, a list "
    "replaces whole). Adding a page is one entry in ``pages``; renumbering is editing it.",
)


class EditionSpec(NamedTuple):
    """An edition file loaded: its path and its pages' specs in order, each numbered and
    named by the list."""

    path: Path
    specs: tuple[PageSpec, ...]

    @property
    def numbers(self) -> tuple[int, ...]:
        return tuple(s.page.number for s in self.specs)


# The facts that make one issue of one paper: every page of an edition has the same ones (a
# page may name its own 责任编辑 and print its own selection of facts).
_ISSUE_FACTS = ("title", "date", "issue")


def _one_edition(
    doc: YamlDoc,
    facts: Mapping[str, Any],
    pages: list[tuple[Path, Listing]],
    specs: list[PageSpec],
) -> list[SpecError]:
    """The pages are of one issue (the title, date and 期号 of the edition file, ``facts``)
    printed in one PDF (the same fonts manifest, the same press settings: one output intent,
    one ink limit); and the
    shared parts of the file are taken by some page (else they would be written and do
    nothing)."""
    errors = []
    first = specs[0]
    for (path, listing), spec in zip(pages, specs, strict=True):
        differ = [
            (
                f"edition.{fact}",
                f"page {spec.page.number} has {getattr(spec.edition, fact)!s}, the edition "
                f"{facts.get(fact)!s}: an edition is one issue",
            )
            for fact in _ISSUE_FACTS
            if getattr(spec.edition, fact) != facts.get(fact)
        ]
        if spec.fonts_manifest != first.fonts_manifest:
            differ.append(
                (
                    "fonts",
                    f"page {spec.page.number}'s fonts manifest is not page "
                    f"{first.page.number}'s ({first.path.name}): the edition is set and "
                    "embedded with one font library; share it in the edition file",
                )
            )
        if spec.press != first.press:
            differ.append(
                (
                    "press",
                    f"page {spec.page.number}'s press settings are not page "
                    f"{first.page.number}'s ({first.path.name}): the edition PDF has one output "
                    "intent and ink limit; share them in the edition file",
                )
            )
        if not differ:
            continue
        # The page's document again, for the places of what differs.
        merged = load_extended(path, [], listing=listing).doc
        errors += [merged.error(key, message) for key, message in differ]
    shared = [k for k in doc.value if k not in ("pages", "spec_version")]
    takers = [s for s in specs if any(_same(f, doc.file) for f in s.shared_files)]
    if shared and not takers:
        errors.append(
            doc.error(
                shared[0],
                "no page of the edition extends this file, so what it shares would do nothing: "
                f"add 'extends: {doc.file.name}' to the page specs",
                at_key=True,
            )
        )
    return errors


def _same(a: Path, b: Path) -> bool:
    return os.path.abspath(a) == os.path.abspath(b)


def is_edition_file(path: Path | str) -> bool:
    """Whether ``path`` is an edition file (a mapping with ``pages``) rather than a page spec;
    a file that cannot be read is not (loading it as a page spec reports why)."""
    try:
        doc = load_yaml(path)
    except SpecError:
        return False
    return isinstance(doc.value, Mapping) and "pages" in doc.value


def load_edition(path: Path | str) -> EditionSpec:
    """Load the edition file at ``path`` and every page it lists; raises ``SpecErrors``
    (``PageErrors`` once the list is read)."""
    errors: list[SpecError] = []
    try:
        doc = load_yaml(path)
    except SpecError as exc:
        raise SpecErrors([exc]) from None
    # The file's keys over those of a shared file it extends, as a page spec's are: the
    # edition's facts may be written there, an error in them placed where they are written.
    whole = with_shared(doc, errors)
    if errors:  # the shared parts are unknown: what the file lacks without them is noise
        raise SpecErrors(sort_errors(errors))
    # Copy cut at a `` #`` in the facts and shared parts written here (a page taking them
    # reports the same error: listed once); the names of the list, where listings reads it.
    cut_copy(whole, COPY_PATH, errors)
    checked = EDITION_FILE.check(whole, "", whole.value, errors)
    pages: list[tuple[Path, Listing]] = listings(doc, errors) if checked is not FAILED else []
    specs: list[PageSpec] = []
    bad: list[tuple[int, Path]] = []
    listed: dict[Path, FolderListing] = {}
    for spec, listing in pages:
        try:
            specs.append(load_spec(spec, listing=listing))
        except SpecErrors as page_errors:
            errors += page_errors.errors
            bad.append((listing.number, spec))
            listed.update({folder: (folder, names) for folder, names in page_errors.listed})
    for good in specs:  # every folder read is watched while the edition fails, as each file
        if good.articles_dir is not None:
            names = tuple(f.name for f in good.article_files)
            listed.setdefault(good.articles_dir, (good.articles_dir, names))
    if specs and len(specs) == len(pages) and "edition" in checked:
        errors += _one_edition(doc, checked.get("edition") or {}, pages, specs)
    if specs and len(specs) == len(pages):
        errors += repeated_articles(specs)
    unique = {(str(e), e.pos): e for e in errors}
    if unique:
        raise PageErrors(sort_errors(list(unique.values())), bad, listed.values())
    # What no page places and what two pages call by one name: looked at over the whole
    # edition (a page's folder may be shared, its records placed by another page).
    unprinted = zip(
        unplaced_records(specs), photo_only_stories(specs), unplaced_photos(specs), strict=True
    )
    told = zip(specs, unprinted, shared_ids(specs), strict=True)
    specs = [
        s._replace(
            unprinted=(*s.unprinted, *records, *stories, *photos), warnings=(*s.warnings, *ids)
        )
        for s, (records, stories, photos), ids in told
    ]
    return EditionSpec(doc.file, tuple(specs))
