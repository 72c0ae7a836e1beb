"""The JSON report of ``build``, ``check`` and ``proof`` ``--json``: one interface, versioned.

Contract: :func:`page_report` and :func:`edition_report` turn the preflight findings
(:class:`~layout.proof.preflight.Preflight`, one a page) into plain JSON values of the shape
``docs/schema/report.schema.json`` describes (JSON Schema 2020-12; a test validates the real
reports against it). :data:`SCHEMA_VERSION` changes when a key is removed or changes meaning
(a key added keeps it). Every length is in millimetres (``"unit": "mm"``) rounded to a tenth;
a rect is ``{x, y, w, h}`` from the trim's top-left corner, y down; a size ``{w, h}``. Type
sizes stay in points (``size_pt``), as type is measured.

Every problem is an object ``{kind, severity, message, box, article, paragraph, file, line,
column, where, details}``: ``file``/``line``/``column`` are where its text came from — the
article record and the line of the paragraph in it (where its text begins), for a problem of
a story as a whole (overset, its headline) the record's ``id`` line, for a box's own
problem (an advert, a photo box's file) the box in the page spec. A character no font has is
one problem with its ``count`` and ``places`` (each with its own file and line).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..articles import Article, FiguresRecord
from ..errors import SourcePos, display_path
from ..report import Finding, MissingGlyph, Problem, Severity, grouped
from ..spec import PageSpec
from ..spec.model import Unprinted
from ..stale import StaleFile
from .format import mm, rect_mm, where_mm
from .preflight import Preflight

SCHEMA_VERSION = 1
SCHEMA = "docs/schema/report.schema.json"  # in the repository, beside the page spec's


def page_report(
    report: Preflight,
    *,
    command: str,
    outputs: Sequence[Path | str],
    fit: dict[str, Any] | None = None,
) -> dict:
    """The report of one page set by ``command`` (``build``, ``check``, ``proof``) that wrote
    ``outputs`` (``-``: standard output); ``fit``: ``proof --fit``'s advice
    (``layout.fit.report.fit_json``), the report's ``fit`` key, there only then."""
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "scope": "page",
        "unit": "mm",
        "outputs": [_shown(p) for p in outputs],
        **page_body(report),
        **({"fit": fit} if fit is not None else {}),
    }


def edition_report(
    reports: Sequence[Preflight],
    *,
    command: str,
    edition: Path,
    outputs: Sequence[Path | str],
    overview: Path | None = None,
    stale: Sequence[StaleFile] = (),
) -> dict:
    """The report of an edition: every page's findings in edition order, what of its
    records it prints nowhere (all pages', each with its page: a night desk's first look),
    and the files named as its page files (page PDFs, page images, proof previews) that the
    build did not write (``stale``: removed or kept, :mod:`layout.stale`)."""
    pages = [page_body(r) for r in reports]
    return {
        "schema_version": SCHEMA_VERSION,
        "command": command,
        "scope": "edition",
        "unit": "mm",
        "edition": _shown(edition),
        "outputs": [_shown(p) for p in outputs],
        "overview": _shown(overview) if overview is not None else None,
        "pages": pages,
        # A record no box places is of no page (which folder lists it says nothing).
        "unprinted": [
            {"page": r.page.number if u.box is not None else None, **_unprinted(u)}
            for r in reports
            for u in r.spec.unprinted
        ],
        "stale_files": [
            {
                "file": display_path(f.path),
                "what": f.what,
                "removed": f.removed,
                "reason": f.reason or None,
            }
            for f in stale
        ],
        "spoils_print": any(p["spoils_print"] for p in pages),
        "ok": not any(p["spoils_print"] for p in pages),
    }


def page_body(report: Preflight) -> dict[str, Any]:
    """What a page report says of its page (an edition report has one a page)."""
    spec, page = report.spec, report.page
    b = page.bleed
    area = page.type_area or spec.page.type_area
    findings = grouped(report.problems)
    spoilers = [_spoiler(f.problem) for f in findings if f.problem.severity is Severity.ERROR]
    spoilers += [
        {
            "kind": "font-not-embedded",
            "box": None,
            "article": None,
            "message": f"font not embedded: {f.base_font}",
        }
        for f in report.fonts
        if not f.embedded
    ]
    return {
        "spec": _shown(spec.path),
        "page": {
            "number": page.number,
            "name": spec.page.name,
            "title": page.title,
            "writing_mode": spec.page.writing_mode.value,
            "trim": rect_mm(page.trim),
            "bleed": mm(b),
            "media": {
                "x": -mm(b),
                "y": -mm(b),
                "w": mm(page.trim.width + 2 * b),
                "h": mm(page.trim.height + 2 * b),
            },
            "type_area": rect_mm(area),
        },
        "boxes": [box.to_json() for box in report.boxes],
        "fonts": [f.to_json() for f in report.fonts],
        "images": [i.to_json() for i in report.images],
        "missing_characters": [
            _missing(f, spec) for f in findings if isinstance(f.problem.details, MissingGlyph)
        ],
        "problems": [_problem(f, spec) for f in findings],
        "unprinted": [_unprinted(u) for u in spec.unprinted],
        "notes": [
            *({"severity": Severity.WARNING.value, "message": w} for w in spec.warnings),
            *({"severity": "note", "message": n} for n in spec.notes),
        ],
        "spoils_print": bool(spoilers),
        "ok": not spoilers,  # ready for print: not spoils_print, for a quick look
        "spoilers": spoilers,
        "timings_ms": {k: round(v * 1000, 1) for k, v in report.timings.items()},
    }


def _unprinted(item: Unprinted) -> dict[str, Any]:
    """Copy of a record that the build prints nowhere (:class:`~layout.spec.model.Unprinted`),
    at its place in the record."""
    pos = item.pos
    return {
        "kind": item.kind.value,
        "record": item.record,
        "message": str(item),
        "file": display_path(pos.file if pos is not None else item.file),
        "line": pos.line if pos is not None else None,
        "column": pos.column if pos is not None else None,
        "key_path": item.key_path,
        "photo": item.photo,
        "box": item.box,
    }


def _shown(path: Path | str) -> str:
    return "-" if str(path) == "-" else display_path(Path(path))


def source_of(problem: Problem, spec: PageSpec) -> tuple[str | None, int | None, int | None]:
    """Where the problem's text came from: file, line and column (see the module
    docstring); ``(None, None, None)`` for a problem of the page itself."""
    pos: SourcePos | None = problem.source
    if pos is None and problem.article is not None:
        record = spec.articles.get(problem.article)
        if isinstance(record, Article | FiguresRecord):
            pos = record.source_pos
            if pos is None:
                return display_path(record.path), None, None
    if pos is None and problem.box is not None:
        box = next((b for b in spec.boxes if b.id == problem.box), None)
        pos = box.source_pos if box is not None else None
    if pos is None:
        return None, None, None
    return display_path(pos.file), pos.line, pos.column


def _place(problem: Problem, spec: PageSpec) -> dict[str, Any]:
    file, line, column = source_of(problem, spec)
    return {
        "box": problem.box,
        "article": problem.article,
        "paragraph": problem.paragraph,
        "file": file,
        "line": line,
        "column": column,
        "where": where_mm(problem.where),
    }


def _problem(finding: Finding, spec: PageSpec) -> dict[str, Any]:
    p = finding.problem
    found = {
        "kind": p.kind.value,
        "severity": p.severity.value,
        "message": p.message,
        **_place(p, spec),
        "details": p.details.to_json(),
    }
    if isinstance(p.details, MissingGlyph):
        found["count"] = finding.count
        found["places"] = [_glyph_place(q, spec) for q in finding.places]
    return found


def _glyph_place(problem: Problem, spec: PageSpec) -> dict[str, Any]:
    assert isinstance(problem.details, MissingGlyph)
    return {**_place(problem, spec), "index": problem.details.index}


def _missing(finding: Finding, spec: PageSpec) -> dict[str, Any]:
    """A character no font has, once: how often and where."""
    details = finding.problem.details
    assert isinstance(details, MissingGlyph)
    return {
        "char": details.char,
        "code_point": details.code_point,
        "count": finding.count,
        "places": [_glyph_place(q, spec) for q in finding.places],
    }


def _spoiler(problem: Problem) -> dict[str, Any]:
    return {
        "kind": problem.kind.value,
        "box": problem.box,
        "article": problem.article,
        "message": problem.message,
    }
