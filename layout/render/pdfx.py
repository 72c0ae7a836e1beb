"""PDF/X-1a:2003 for the press: the keys ReportLab does not write, put in as it writes the PDF.

The PDF writer (:func:`layout.render.pdf.pdf_bytes`) makes the press PDF in one pass:
:func:`pdfx_document` makes ReportLab's document a PDF/X one before anything is drawn, and
:func:`content_id` gives the finished bytes a document ID derived from their content. No
second parse of the PDF (the preflight, :func:`check_pdfx` in :mod:`layout.render.pdfxcheck`,
reads it with pikepdf; a build never loads that).

What it writes (ISO 15930-4:2003, PDF/X-1a; PDF 1.4 §9.10.4 output intents): a PDF 1.4 header
and no object streams (ReportLab writes none; a PDF 1.5 feature), an OutputIntent
``GTS_PDFX`` naming a registered characterisation (``IFRA26``: ISO 12647-3 coldset newsprint,
registry http://www.color.org; the spec's ``press.profile`` embedded as its
DestOutputProfile when given), ``GTS_PDFXVersion`` / ``GTS_PDFXConformance``, ``Trapped
/False`` and ``ModDate`` (ReportLab's Info has both; in invariant mode ``ModDate`` equals
``CreationDate``), and a document ID that is a digest of the file's bytes before the trailer
(same input, same bytes; two different pages never share an ID, as they would with
ReportLab's invariant ID, a digest of the title alone).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from typing import Any

from reportlab.pdfbase import pdfdoc

from ..press import PDFX_VERSION, REGISTRY, PressSettings

PDF_VERSION = (1, 4)  # PDF/X-1a:2003 is based on PDF 1.4 (ISO 15930-4 §4)

__all__ = ["PDFX_VERSION", "PDF_VERSION", "REGISTRY", "check_pdfx", "content_id", "pdfx_document"]


class _PdfxCatalog(pdfdoc.PDFCatalog):
    """ReportLab's document catalog with an ``/OutputIntents`` array (PDF 1.4 §9.10.4)."""

    __NoDefault__ = [*pdfdoc.PDFCatalog.__NoDefault__, "OutputIntents"]


class _PdfxInfo(pdfdoc.PDFInfo):
    """ReportLab's Info dictionary and the PDF/X version keys (ISO 15930-4 §6.7.2)."""

    def format(self, document: Any) -> bytes:
        date = pdfdoc.PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        entries = {
            "Title": pdfdoc.PDFString(self.title),
            "Author": pdfdoc.PDFString(self.author),
            "CreationDate": date,
            "ModDate": date,
            "Producer": pdfdoc.PDFString(self.producer),
            "Creator": pdfdoc.PDFString(self.creator),
            "Subject": pdfdoc.PDFString(self.subject),
            "Keywords": pdfdoc.PDFString(self.keywords),
            "Trapped": pdfdoc.PDFName("False"),
            "GTS_PDFXVersion": pdfdoc.PDFString(PDFX_VERSION),
            "GTS_PDFXConformance": pdfdoc.PDFString(PDFX_VERSION),
        }
        return pdfdoc.PDFDictionary(entries).format(document)


def pdfx_document(doc: Any, settings: PressSettings) -> None:
    """Make ReportLab's ``doc`` (``canvas._doc``, made with ``pdfVersion=PDF_VERSION``) write
    the PDF/X keys: its catalog and Info replaced by ones that do, their state kept."""
    catalog = _PdfxCatalog()
    catalog.__dict__.update(doc.Catalog.__dict__)
    intent = {
        "Type": pdfdoc.PDFName("OutputIntent"),
        "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(settings.output_condition_id),
        "OutputCondition": pdfdoc.PDFString(settings.output_condition),
        "RegistryName": pdfdoc.PDFString(REGISTRY),
        "Info": pdfdoc.PDFString(settings.output_condition),
    }
    if settings.profile is not None:
        filters = [pdfdoc.PDFZCompress] if doc.compression else None
        icc = pdfdoc.PDFStream(
            pdfdoc.PDFDictionary({"N": 4}), settings.profile.read_bytes(), filters=filters
        )
        intent["DestOutputProfile"] = doc.Reference(icc)
    catalog.OutputIntents = pdfdoc.PDFArray([doc.Reference(pdfdoc.PDFDictionary(intent))])
    doc.Catalog = doc._catalog = catalog
    info = _PdfxInfo()
    info.__dict__.update(doc.info.__dict__)
    doc.info = info


# ReportLab's trailer: ``/ID [<32 hex digits><32 hex digits>]``.
_TRAILER_ID = re.compile(rb"/ID\s*\[<([0-9a-fA-F]{32})><([0-9a-fA-F]{32})>\]")


def content_id(data: bytes, md5: Callable[[bytes, int], str] | None = None) -> bytes:
    """``data`` (a PDF ReportLab wrote) with its document ID replaced by the MD5 digest of
    everything before the trailer, both halves (PDF 1.4 §9.3: an ID "should" be unique; the
    digest of the content is, and is the same for the same input). The new ID has the old
    one's length and lies after the cross-reference table, so no offset moves. ``md5(data,
    end)``, if given, is the hex digest of ``data[:end]`` (``layout.render.digest``: the part
    of the file the build before wrote the same, not hashed again)."""
    trailer = data.rindex(b"trailer")
    found = _TRAILER_ID.search(data, trailer)
    if found is None:
        raise ValueError("no document ID in the PDF's trailer")
    view = memoryview(data)  # no copies of the file's megabytes but the one returned
    if md5 is None:
        digest = hashlib.md5(view[:trailer], usedforsecurity=False).hexdigest().encode()
    else:
        digest = md5(data, trailer).encode()
    return b"".join((view[: found.start(1)], digest, b"><", digest, view[found.end(2) :]))


def check_pdfx(path: Any) -> list[str]:
    """Preflight ``path`` for PDF/X-1a; an empty list means it passes
    (:func:`layout.render.pdfxcheck.check_pdfx`, which loads pikepdf)."""
    from .pdfxcheck import check_pdfx as check

    return check(path)
