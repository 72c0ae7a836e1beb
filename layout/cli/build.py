"""``banmian build SPEC``: a page or an edition laid out and written (``layout.build``,
``layout.edition``) as PDF or PNG, to files or standard output.

Contract: :func:`add` puts the command on the parser; :func:`run` checks the output first
(its format by its extension, ``{p}`` templates, none of them an input: bad input before any
layout), builds, writes, and prints the problems (or ``--json``'s report) and what was
written: exit 0, or 1 under ``--strict`` when a problem would spoil print (an edition then
writes nothing, a page on standard output is not written).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_BAD_INPUT, EXIT_PROBLEMS, OutputError
from ..formats import (
    DEFAULT_PPI,
    MAX_PPI,
    STDOUT,
    WRITTEN,
    OutputFormat,
    is_template,
    page_outputs,
    png_pages,
    without_template,
)
from ..report import count, grouped
from .jsonout import edition_json, emit_json, page_json
from .options import FIRST_FIT_HELP, JSON_HELP, STRICT_HELP, break_mode, jobs, output_kind, ppi
from .printing import notes, page_problems, read_files, tally, timings
from .targets import output_format

if TYPE_CHECKING:
    from ..console import Console
    from ..edition import EditionResult
    from ..output import InputFile


def add(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    b = sub.add_parser(
        "build",
        parents=[common],
        help="lay out a page and write its PDF",
        description="Lay out the page of SPEC and write a print-ready PDF. "
        "Problems (overset, missing characters or images) are listed on "
        "standard error.",
    )
    b.add_argument(
        "spec", type=Path, metavar="SPEC", help="the page spec, or an edition file (YAML)"
    )
    b.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUT",
        help="the file to write, its format by its extension: .pdf (default: beside the spec, "
        "<spec name>.pdf; an edition writes one PDF per page beside it too, OUT-p01.pdf …) or .png "
        "(page images of the same PDF; {p} in the name is the page number, {0p} the number "
        "zero-padded: -o out/page-{p}.png); - writes to standard output",
    )
    b.add_argument(
        "-f",
        "--format",
        type=output_kind,
        choices=[f.value for f in WRITTEN],
        help="the format of -o - (default pdf); with a file, its extension must agree",
    )
    b.add_argument(
        "--ppi",
        type=ppi,
        metavar="PPI",
        help=f"pixels per inch of PNG output (default {DEFAULT_PPI:g}, at most {MAX_PPI:g})",
    )
    b.add_argument("--strict", action="store_true", help=STRICT_HELP)
    b.add_argument("--first-fit", action="store_true", help=FIRST_FIT_HELP)
    b.add_argument("--timings", action="store_true", help="print the time of each stage")
    b.add_argument("--json", action="store_true", help=JSON_HELP)
    b.add_argument(
        "-j",
        "--jobs",
        type=jobs,
        default=1,
        metavar="N",
        help="an edition file: compose its pages in N processes (the same bytes as -j 1)",
    )
    colours = b.add_mutually_exclusive_group()
    colours.add_argument(
        "--pdfx",
        dest="pdfx",
        action="store_true",
        default=None,
        help="write the press PDF (PDF/X-1a:2003: CMYK photos within the ink limit, output "
        "intent, overprinting black); the default unless the spec says press.pdfx: false",
    )
    colours.add_argument(
        "--no-pdfx",
        "--proof-colours",
        dest="pdfx",
        action="store_false",
        help="write the proof-colour PDF instead (photos as they are, RGB allowed)",
    )


def run(args: argparse.Namespace, con: Console) -> int:
    from ..spec.edition import is_edition_file

    out = args.output or args.spec.parent / f"{args.spec.stem}.pdf"  # beside the spec
    # The format first, before any work: an extension banmian does not write is refused at once.
    fmt = output_format(
        args.spec, out, OutputFormat(args.format) if args.format else None, args.spec.stem
    )
    if args.ppi is not None and fmt is not OutputFormat.PNG:
        con.error(f"banmian: --ppi is the resolution of PNG output, and {out} is a {fmt.value}")
        return EXIT_BAD_INPUT
    if args.json and str(out) == STDOUT:
        con.error("banmian: --json and -o - would both write to standard output: give -o a file")
        return EXIT_BAD_INPUT
    if is_edition_file(args.spec):
        return _edition(args, con, out, fmt)
    return _page(args, con, out, fmt)


def _page(args: argparse.Namespace, con: Console, out: Path, fmt: OutputFormat) -> int:
    from ..build import build
    from ..output import write_files

    mode = break_mode(args)
    to_stdout = str(out) == STDOUT  # the page on standard output, the report on standard error
    data: list[bytes] = []
    if fmt is OutputFormat.PDF and not to_stdout and not is_template(out):
        result = build(args.spec, out, mode=mode, pdfx=args.pdfx)
        targets = [out]
    else:
        targets = [] if to_stdout else _page_targets(args.spec, out, fmt)
        result = build(args.spec, None, mode=mode, pdfx=args.pdfx, writes=targets, dry_run=True)
        assert result.pdf is not None  # a dry run without output keeps the PDF
        resolution = args.ppi or DEFAULT_PPI
        data = png_pages(result.pdf, resolution) if fmt is OutputFormat.PNG else [result.pdf]
    read_files(con, [result.spec])
    notes(con, result.spec)
    for finding in () if args.json else grouped(result.problems):
        con.problem(finding)
    if args.strict and result.errors and to_stdout:
        return EXIT_PROBLEMS  # nothing on standard output for a page that would spoil print
    if to_stdout:
        _to_stdout(data[0])
    # All or none (none: build() wrote the PDF): a page image that cannot be written leaves
    # every one there before as it was, as an edition's PDFs are.
    write_files(list(zip(targets, data, strict=False)))
    if args.json:
        emit_json(page_json(result, result.pdf or out, "build", targets))
    where = "standard output" if to_stdout else ", ".join(str(p) for p in targets)
    what = fmt.value.upper()
    if fmt is OutputFormat.PNG:
        what += f" at {args.ppi or DEFAULT_PPI:g} ppi"
    problems, errors = tally(result.problems)
    con.info(
        f"wrote {where} ({what}; {count(problems, 'problem')}, {count(errors, 'error')})",
        to_err=to_stdout or args.json,
    )
    timings(args, con, result.timings.stages, to_err=to_stdout or args.json)
    if args.strict and result.errors:
        return EXIT_PROBLEMS
    return 0


def _page_targets(spec_path: Path, out: Path, fmt: OutputFormat) -> list[Path]:
    """The file a page spec's page goes to: ``out``, its ``{p}`` the page's number (the spec
    is read for it first, so that the path is checked before layout)."""
    if not is_template(out):
        return [out]
    from ..spec import load_spec

    return page_outputs(out, [load_spec(spec_path).page.number], fmt)


def _to_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _edition(args: argparse.Namespace, con: Console, out: Path, fmt: OutputFormat) -> int:
    from ..edition import build_edition, page_pdf_path
    from ..stale import png_pattern, remove_stale_pngs

    to_stdout = str(out) == STDOUT
    if fmt is OutputFormat.PDF and is_template(out):
        whole = without_template(out, args.spec.stem)
        first, second = (page_pdf_path(whole, n) for n in (1, 2))
        con.error(
            f"banmian: {out}: {{p}} names page images (.png); an edition's PDF is written "
            f"whole (-o {whole}), with one PDF per page beside it ({first}, {second}, …)"
        )
        return EXIT_BAD_INPUT
    in_memory = to_stdout or fmt is OutputFormat.PNG
    targets, inputs = _edition_targets(args.spec, out, fmt) if fmt is OutputFormat.PNG else ([], [])
    result = build_edition(
        args.spec,
        None if in_memory else out,
        mode=break_mode(args),
        pdfx=args.pdfx,
        jobs=args.jobs,
        strict=args.strict,
        dry_run=in_memory,
    )
    refused = args.strict and bool(result.failing)
    # Refused, the problems are why nothing was written: listed as without --json, and the
    # report (spoils_print true, no outputs) printed still, for the script that reads it.
    errors = page_problems(con, result, listed=not args.json or refused)
    if refused:
        pages = ", ".join(str(n) for n in result.failing)
        con.error(
            f"banmian: --strict: page{'s' * (len(result.failing) > 1)} {pages} would spoil "
            f"print; nothing written"
        )
        if args.json:
            emit_json(edition_json(result, "build", []))
        return EXIT_PROBLEMS
    problems = sum(tally(p.problems)[0] for p in result.pages)
    counts = ", ".join(
        (count(len(result.pages), "page"), count(problems, "problem"), count(errors, "error"))
    )
    if not in_memory:
        beside = count(len(result.written) - 1, "page PDF")
        written = f"wrote {out} and {beside} beside it ({counts})"
    else:
        written = _edition_in_memory(result, fmt, targets, args.ppi or DEFAULT_PPI, counts)
        if targets:  # the page images of an earlier build of more pages, as page PDFs are
            stale = remove_stale_pngs(out.parent, png_pattern(out), targets, inputs, "page image")
            result = result._replace(stale=stale)
    for stale_file in result.stale:
        (con.note if stale_file.removed else con.warning)(stale_file.message(len(result.pages)))
    if args.json and not in_memory:  # the page PDFs are the result's first; the edition's last
        emit_json(edition_json(result, "build", result.written, list(result.written[:-1])))
    elif args.json:
        emit_json(edition_json(result, "build", targets or [STDOUT]))
    con.info(written, to_err=to_stdout or args.json)
    timings(args, con, result.timings.stages, to_err=to_stdout or args.json)
    return 0


def _edition_in_memory(
    result: EditionResult,
    fmt: OutputFormat,
    targets: Sequence[Path],
    resolution: float,
    counts: str,
) -> str:
    """The edition PDF made in memory written to standard output (no ``targets``) or as page
    images to ``targets``; the summary line."""
    from ..output import write_files

    assert result.pdf is not None  # a dry run without output keeps the edition PDF
    if not targets:
        data = png_pages(result.pdf, resolution) if fmt is OutputFormat.PNG else [result.pdf]
        _to_stdout(data[0])  # one page only (_edition_targets)
        return f"wrote standard output (the edition {fmt.value.upper()}; {counts})"
    write_files(list(zip(targets, png_pages(result.pdf, resolution), strict=True)))  # all or none
    return f"wrote {', '.join(str(p) for p in targets)} (PNG at {resolution:g} ppi; {counts})"


def _edition_targets(
    edition_path: Path, out: Path, fmt: OutputFormat
) -> tuple[list[Path], list[InputFile]]:
    """The page images of an edition, checked before layout: one a page by ``out``'s
    template, none of them an input (the edition is read for its pages first); none for
    standard output, which takes one page only. With the edition's inputs (an earlier
    build's images are removed only when they are none)."""
    from ..edition import edition_inputs
    from ..output import check_output
    from ..spec.edition import load_edition

    edition = load_edition(edition_path)
    if str(out) == STDOUT:
        if len(edition.numbers) > 1:
            raise OutputError(
                out,
                f"standard output takes one page image and the edition has "
                f"{len(edition.numbers)} pages: write files, e.g. -o out/page-{{p}}.png",
                refused=True,
            )
        return [], []
    targets = page_outputs(out, edition.numbers, fmt)
    inputs = edition_inputs(edition)
    for target in targets:
        check_output(target, inputs)
    return targets, inputs
