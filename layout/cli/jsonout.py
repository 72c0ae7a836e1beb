"""``--json`` of build and check: the report of a page or an edition built, in the one shape
proof's report has (``layout.proof.jsonreport``, docs/schema/report.schema.json).

Contract: :func:`page_json` and :func:`edition_json` read each page's fonts back from its PDF
(a file, or bytes made in memory) and return the report as a dict; :func:`emit_json` prints
it on standard output. The proof package is imported only when a report is made.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..build import BuildResult
    from ..edition import EditionResult


def emit_json(data: dict) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


def page_json(
    result: BuildResult, pdf: Path | bytes, command: str, outputs: Sequence[Path | str]
) -> dict:
    """The JSON report of a page built (``layout.proof.jsonreport``), its fonts read back
    from the PDF ``pdf`` (a file, or its bytes)."""
    import dataclasses

    from ..proof.jsonreport import page_report
    from ..proof.preflight import preflight

    report = preflight(result, page_pdf=pdf)
    report = dataclasses.replace(report, timings=dict(result.timings.stages))
    return page_report(report, command=command, outputs=outputs)


def edition_json(
    result: EditionResult,
    command: str,
    outputs: Sequence[Path | str],
    pdfs: Sequence[Path] | None = None,
) -> dict:
    """The JSON report of an edition built: each page's fonts read back from its page PDF
    (``pdfs``, one a page), or from one made in memory."""
    from ..build import BuildResult, Timings, fonts_for
    from ..proof.jsonreport import edition_report
    from ..proof.preflight import preflight
    from ..render.pdf import pdf_bytes

    fonts = fonts_for(result.specs[0])
    reports = []
    for k, (spec, page) in enumerate(zip(result.specs, result.pages, strict=True)):
        pdf = pdfs[k] if pdfs is not None else pdf_bytes([page], fonts)
        reports.append(preflight(BuildResult(spec, page, None, Timings()), page_pdf=pdf))
    return edition_report(
        reports,
        command=command,
        edition=result.edition.path,
        outputs=outputs,
        stale=result.stale,
    )
