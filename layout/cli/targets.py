"""The format of ``-o`` decided, and refused, before any layout (build and proof).

Contract: :func:`output_format` returns the format of an output path (by its extension, or
``--format`` for ``-o -``) or raises ``OutputError``; an existing file of no format banmian
writes is first checked against the build's inputs (:func:`inputs`), so that the worse
mistake, an output that would destroy an input, is the one reported. :func:`proof_refusal`
says why an ``-o`` of proof or watch cannot take a proof (standard output, not a PDF, a
``{p}`` page template) and how its pages are named instead, or None.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError
from ..formats import STDOUT, OutputFormat, is_template
from ..formats import output_format as by_extension
from ..output import check_output

if TYPE_CHECKING:
    from ..output import InputFile


def output_format(spec: Path, out: Path, given: OutputFormat | None, stem: str) -> OutputFormat:
    """The format of ``out`` (``layout.formats.output_format``), refused before any layout.
    An existing file of no format banmian writes is first checked against the build's inputs
    (spec, articles, fonts, images: read, not laid out), so that ``-o page.yaml`` is told it
    would destroy the page spec, the worse of the two mistakes."""
    try:
        return by_extension(out, given, stem=stem)
    except OutputError:
        if str(out) != STDOUT and os.path.lexists(out):
            check_output(out, inputs(spec))
        raise


def proof_refusal(command: str, spec: Path, out: Path) -> str | None:
    """Why ``out`` (``-o`` of ``command``, proof or watch) cannot take the proof of ``spec``,
    and what to give instead; None when it can. A proof is one PDF of every page: its page
    images are ``--png``'s, named after it (``PROOF-1.png``, …), and ``{p}`` names the page
    images of ``banmian build``, never a proof's pages, so a ``{p}`` in a proof's name is
    refused, not written as a file with braces in its name."""
    if str(out) == STDOUT:
        return f"banmian: {command} -o -: a proof is a file ({_STANDARD_OUTPUT[command]})"
    pdf = out.with_suffix(".pdf")
    if out.suffix.lower() != ".pdf" and not out.is_dir():
        # Told that a proof is a PDF, not build's "the extension names its format, .pdf or
        # .png" (a proof takes no PNG name); an input there is the worse mistake, told first.
        if os.path.lexists(out):
            check_output(out, inputs(spec))
        return f"banmian: {out}: a proof is one PDF of every page: -o {pdf}; {_pages(pdf)}"
    output_format(spec, out, None, f"{spec.stem}-proof")  # a folder named x.pdf is refused
    if is_template(out):
        pdf = out.with_name(f"{spec.stem}-proof.pdf")
        return (
            f"banmian: {out}: {{p}} names the page images of banmian build (-o page-{{p}}.png), "
            f"not a proof's pages: a proof is one PDF of every page (-o {pdf}); {_pages(pdf)}"
        )
    return None


# What each command puts on standard output, which therefore cannot carry the proof.
_STANDARD_OUTPUT = {
    "proof": "its report is on standard output",
    "watch": "watch prints a line per rebuild on standard output",
}


def _pages(proof: Path) -> str:
    from ..proof.png import png_paths

    first, second = png_paths(proof, 2)
    return f"--png DPI writes each page's image beside it ({first}, {second}, …)"


def inputs(spec_path: Path) -> list[InputFile]:
    """Every file a build of the page spec or edition file reads (``SpecErrors`` if it is
    bad input)."""
    from ..build import fonts_for, input_files
    from ..edition import edition_inputs
    from ..spec import load_spec
    from ..spec.edition import is_edition_file, load_edition

    if is_edition_file(spec_path):
        return edition_inputs(load_edition(spec_path))
    spec = load_spec(spec_path)
    return list(input_files(spec, fonts_for(spec)))
