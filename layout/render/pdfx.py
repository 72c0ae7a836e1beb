"""PDF/X-1a:2003 for the press: the keys and the output intent, written with the rest.

The PDF writer (:func:`layout.render.pdf.pdf_bytes`) makes the press PDF in one pass:
:func:`pdfx_document` gives the document (``layout.render.document``) its output intent and
keys before anything is drawn, and the document ID is a digest of the file's content
(``Document.write``'s ``id_digest``). No second parse of the PDF (the preflight,
:func:`check_pdfx` in :mod:`layout.render.pdfxcheck`, reads it with pikepdf; a build never
loads that).

What it writes (ISO 15930-4:2003, PDF/X-1a; PDF 1.4 §9.10.4 output intents): a PDF 1.4 header
and no object streams (a PDF 1.5 feature), an OutputIntent ``GTS_PDFX`` naming a registered
characterisation (``IFRA26``: ISO 12647-3 coldset newsprint, registry http://www.color.org;
the spec's ``press.profile`` embedded as its DestOutputProfile when given),
``GTS_PDFXVersion`` / ``GTS_PDFXConformance``, ``Trapped /False`` and ``ModDate`` (equal to
``CreationDate``), and a document ID that is a digest of the file's bytes before the trailer
(same input, same bytes; two different pages never share an ID).
"""

from __future__ import annotations

from typing import Any

from ..press import PDFX_VERSION, REGISTRY, PressSettings
from .document import PDF_VERSION, Document
from .pdfobjects import Stream, Text, name

__all__ = ["PDFX_VERSION", "PDF_VERSION", "REGISTRY", "check_pdfx", "pdfx_document"]


def pdfx_document(doc: Document, settings: PressSettings) -> None:
    """Make ``doc`` (its catalog made, nothing drawn yet) a PDF/X one: the output intent
    registered (the profile's stream first) and named in the catalog, the version keys in
    its Info dictionary."""
    intent: dict[str, Any] = {
        "Type": name("OutputIntent"),
        "S": name("GTS_PDFX"),
        "OutputConditionIdentifier": Text(settings.output_condition_id),
        "OutputCondition": Text(settings.output_condition),
        "RegistryName": Text(REGISTRY),
        "Info": Text(settings.output_condition),
    }
    if settings.profile is not None:
        icc = Stream({"N": 4}, settings.profile.read_bytes(), compress=True)
        intent["DestOutputProfile"] = doc.ref(icc)
    doc.root.extra["OutputIntents"] = [doc.ref(intent)]
    doc.info.extra.update(
        {"GTS_PDFXVersion": Text(PDFX_VERSION), "GTS_PDFXConformance": Text(PDFX_VERSION)}
    )


def check_pdfx(path: Any) -> list[str]:
    """Preflight ``path`` for PDF/X-1a; an empty list means it passes
    (:func:`layout.render.pdfxcheck.check_pdfx`, which loads pikepdf)."""
    from .pdfxcheck import check_pdfx as check

    return check(path)
