"""The command line: ``banmian build | check | proof | watch | fit``; ``python -m layout`` is
its twin.

Exit codes (``layout.errors``): 0 done; 1 the page has problems that spoil print and
``--strict`` was given (``fit``: no page within the limits fits); 2 bad input (one line per
error, with file:line:column and key path; nothing written); 3 the output could not be
written; 70 a bug in banmian (one line with the place; the traceback in a file, or on standard
error with ``--debug``); 130 interrupted; 141 standard output closed by its reader.
``docs/cli.md`` is the user's reference of every command and option.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import math
import os
import sys
import tempfile
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .console import ColourChoice, Console, console_for
from .errors import (
    EXIT_BAD_INPUT,
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_PROBLEMS,
    OutputError,
    PageErrors,
    PageFailed,
    SpecError,
    SpecErrors,
    display_path,
)
from .formats import (
    DEFAULT_PPI,
    MAX_PPI,
    STDOUT,
    OutputFormat,
    is_template,
    output_format,
    page_outputs,
    png_pages,
)
from .output import InputFile, check_output
from .report import grouped
from .text.options import BreakMode

if TYPE_CHECKING:
    from .build import BuildResult
    from .edition import EditionResult
    from .spec.model import PageSpec

_PACKAGE = Path(__file__).resolve().parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="banmian",
        description="版面 banmian: set Chinese newspaper pages from a YAML page spec.",
        epilog="Exit codes: 0 done; 1 --strict and a problem that spoils print (fit: no page "
        "within the limits fits); 2 bad input (nothing written); 3 the output could not be "
        "written; 70 a bug in banmian; 130 interrupted; 141 standard output closed. "
        "Every command and option: docs/cli.md.",
    )
    parser.add_argument("--version", action="version", version=f"banmian {__version__}")
    _add_common(parser, top=True)
    # The common options are accepted after the command too; SUPPRESS keeps the subcommand's
    # default from overwriting one given before it.
    common = argparse.ArgumentParser(add_help=False)
    _add_common(common, top=False)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands = (_add_init, _add_build, _add_check, _add_proof, _add_watch, _add_fit, _add_schema)
    for add in (*commands, _add_fonts):
        add(sub, common)
    return parser


def _add_common(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """``--debug``, ``-q``/``-v`` and ``--color``, before or after the command."""

    def default(value: object) -> object:
        return value if top else argparse.SUPPRESS

    parser.add_argument("--debug", action="store_true", default=default(False), help=_DEBUG_HELP)
    loud = parser.add_mutually_exclusive_group()
    loud.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default(False),
        help="print errors only (bad input, what would spoil print, failures)",
    )
    loud.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default(False),
        help="also print the files read and the time of each stage",
    )
    parser.add_argument(
        "--color",
        "--colour",
        dest="color",
        choices=[c.value for c in ColourChoice],
        default=default(ColourChoice.AUTO.value),
        metavar="WHEN",
        help="colour severities: auto (on a terminal, unless NO_COLOR is set; FORCE_COLOR "
        "forces it), always or never (default auto)",
    )


_JSON_HELP = (
    "print the report as JSON on standard output (the same for build, check and proof: "
    "docs/schema/report.schema.json); the summary goes to standard error"
)
_STRICT_HELP = "exit 1 when a problem would spoil print (overset, missing character)"
_FIRST_FIT_HELP = "break lines one at a time instead of over whole paragraphs"


def _add_build(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
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
        choices=[f.value for f in OutputFormat],
        help="the format of -o - (default pdf); with a file, its extension must agree",
    )
    b.add_argument(
        "--ppi",
        type=_ppi,
        metavar="PPI",
        help=f"pixels per inch of PNG output (default {DEFAULT_PPI:g}, at most {MAX_PPI:g})",
    )
    b.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    b.add_argument("--first-fit", action="store_true", help=_FIRST_FIT_HELP)
    b.add_argument("--timings", action="store_true", help="print the time of each stage")
    b.add_argument("--json", action="store_true", help=_JSON_HELP)
    b.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
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


def _add_check(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    c = sub.add_parser(
        "check",
        parents=[common],
        help="validate a spec, its articles, fonts and images without writing anything",
        description="Validate SPEC and everything it uses (article records, fonts, images, "
        "the press profile) and set the page without writing it: print one line per error "
        "(file:line:column: key path: message), then the page's problems. Every input fault "
        "a build would meet is found.",
    )
    c.add_argument(
        "spec", type=Path, metavar="SPEC", help="the page spec, or an edition file (YAML)"
    )
    c.add_argument("--strict", action="store_true", help=_STRICT_HELP)
    c.add_argument("--json", action="store_true", help=_JSON_HELP)


def _add_init(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    i = sub.add_parser(
        "init",
        parents=[common],
        help="write a small working project to start from",
        description="Write a starter project into DIR: an edition of one page (edition.yaml, "
        "front.yaml), two article records, a photo and a README with the commands. It "
        "builds and proofs as it is, with the open fonts that come with banmian. DIR must "
        "be empty or new.",
    )
    i.add_argument("folder", type=Path, metavar="DIR", help="the project folder to write")
    i.add_argument(
        "--force",
        action="store_true",
        help="write into a folder that is not empty (the starter's files replace those of "
        "the same name; nothing else is touched)",
    )


def _init(args: argparse.Namespace) -> int:
    from .init import init_project

    project = init_project(args.folder, force=args.force)
    print(f"wrote {len(project.files)} files in {project.folder}; next:")
    print(f"  banmian build {project.edition}")
    print(f"  banmian proof {project.edition} --png 100")
    return 0


def _add_schema(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    s = sub.add_parser(
        "schema",
        parents=[common],
        help="print the JSON Schema of the page spec, the article record or the report",
        description="Print the JSON Schema (draft 2020-12) of the page spec and edition file "
        "(page-spec) or of the article record (article), made from the schema banmian checks "
        "them with: for an editor's YAML language server (docs/schema/ holds both; a spec's "
        "first line '# yaml-language-server: $schema=PATH' points at one); or of the JSON "
        "report of build, check and proof --json (report).",
    )
    s.add_argument(
        "name",
        choices=["page-spec", "article", "report"],
        help="which schema (report: of the --json report of build, check and proof)",
    )
    s.add_argument("-o", "--output", type=Path, help="write it to a file instead")


def _schema(args: argparse.Namespace) -> int:
    import json

    from .output import write_file
    from .proof.reportschema import report_schema
    from .spec.jsonschema import schemas

    chosen = report_schema() if args.name == "report" else schemas()[args.name]
    text = json.dumps(chosen, ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_file(args.output, text.encode("utf-8"))
    return 0


def _add_fonts(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    f = sub.add_parser(
        "fonts",
        parents=[common],
        help="list a fonts manifest's roles, faces, files and coverage",
        description="List the faces of MANIFEST (their files, outlines, the cached TrueType "
        "conversion of a CFF or collection face), each role's fallback chain, and how many "
        "characters of GB 2312's hanzi, 通用规范汉字表 (8105) and CJK Ext. A-G each face and "
        "each chain together have. With --text: the characters of a text no face of a chain has.",
    )
    f.add_argument(
        "manifest",
        type=Path,
        nargs="?",
        metavar="MANIFEST",
        help="the fonts manifest (default: the bundled fonts/manifest.yaml)",
    )
    f.add_argument(
        "--text",
        metavar="FILE",
        help="a UTF-8 text (- for standard input): list per role the characters no face of "
        "its chain has, with how often each occurs",
    )
    f.add_argument("--json", action="store_true", help="print JSON (schema_version 1)")
    f.add_argument(
        "--strict", action="store_true", help="exit 1 when a chain lacks a character of --text"
    )


def _add_proof(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "proof",
        parents=[common],
        help="write a proof PDF with every problem marked, and a preflight report",
        description="Lay out the page of SPEC and write a proof: the page as printed with the "
        "type area, column and baseline grids, every box with its id and article, and markers "
        "where something is wrong (overset, underset, 孤字, loose lines, prohibited breaks, "
        "missing characters, low-resolution images). A preflight report (per box capacity, "
        "use and copy-fitting advice; fonts embedded and subset; missing characters; image "
        "resolutions; page sizes) goes to standard output.",
    )
    p.add_argument(
        "spec", type=Path, metavar="SPEC", help="the page spec, or an edition file (YAML)"
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PROOF.pdf",
        help="the proof to write (default: beside the spec, <spec name>-proof.pdf); an edition's "
        "proof has every page",
    )
    p.add_argument(
        "--png",
        type=_dpi,
        metavar="DPI",
        help="also write a PNG preview of every page beside the proof (PROOF-1.png, …), "
        f"at up to {MAX_PNG_DPI:g} dpi",
    )
    p.add_argument(
        "--overview",
        type=Path,
        metavar="PNG",
        help="an edition file: the overview of all pages (default: beside the proof, "
        "<edition name>-overview.png)",
    )
    p.add_argument("--json", action="store_true", help=_JSON_HELP)
    p.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when a problem would spoil print (overset, missing character, "
        "un-embedded font)",
    )
    p.add_argument("--first-fit", action="store_true", help=_FIRST_FIT_HELP)
    p.add_argument(
        "--fit",
        action="store_true",
        help="also search, as banmian fit does, for the changes within the spec's copyfit "
        "limits that make every story fit, and print per story over or under the changes "
        "that would fix it, also marked at its box on the proof page (nothing is written but "
        "the proof; a page spec, not an edition)",
    )


def _add_watch(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    w = sub.add_parser(
        "watch",
        parents=[common],
        help="rebuild the proof whenever an input changes",
        description="Write the proof of SPEC, then rebuild it whenever one of its inputs "
        "changes (the spec and the files it extends, the article records, images, the fonts "
        "manifest and font files), told by the system's file events (no polling); one line "
        "per rebuild with what changed, the time taken and the problems. Ctrl-C stops.",
    )
    w.add_argument(
        "spec",
        type=Path,
        metavar="SPEC",
        help="the page spec, or an edition file (only the pages whose inputs changed, and "
        "those their stories continue to, are composed again)",
    )
    w.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="PROOF.pdf",
        help="the proof to write (default: beside the spec, <spec name>-proof.pdf)",
    )
    w.add_argument(
        "--open",
        action="store_true",
        help="open the proof in the system's viewer after the first rebuild (xdg-open, open "
        "or the Windows default; a note when there is none)",
    )
    w.add_argument("--png", type=_dpi, metavar="DPI", help="also write PNG previews")
    w.add_argument(
        "--fit",
        action="store_true",
        help="after each rebuild, print per story over or under the changes within the "
        "spec's copyfit limits that would fix it, as proof --fit does (a page spec only)",
    )


def _add_fit(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    f = sub.add_parser(
        "fit",
        parents=[common],
        help="copy-fit a page: change what its spec allows until every story fits",
        description="Lay out the page of SPEC and, while a story is over or has more than "
        "one empty line at its foot, change what the spec allows within its limits (each "
        "article box's copyfit: the headline block's lines, then the boundary between boxes "
        "stacked in the same columns (a photo's height within its copyfit.height), then 破栏, "
        "then the blank lines before intertitles), one change at a time (or two together "
        "where neither alone helps), keeping a change only when the page fits better; at most a "
        "fixed number of trial layouts. Writes the fitted spec (the page spec's text with "
        "only the changed numbers changed) and prints the changes and what is still over or "
        "under. Exit 0 when the page fits, 1 when no page within the limits was found (the "
        "fitted spec is the nearest found), 2 for bad input. SPEC may be an edition file: its "
        "pages are fitted together (a story continued on another page is followed there), "
        "the fitted edition is written to -o (the edition's name with a suffix, e.g. "
        "edition.fitted.yaml) and each page spec changed beside its own with the same suffix "
        "(front.fitted.yaml); no file of the designer's is written over, and an edition "
        "that needs no change is written nowhere.",
    )
    f.add_argument("spec", type=Path, metavar="SPEC", help="the page spec or edition file (YAML)")
    f.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FITTED.yaml",
        help="the fitted spec to write, in SPEC's folder (its paths are relative to it); "
        "not SPEC itself (for an edition: the fitted edition, named as SPEC with a suffix)",
    )
    f.add_argument("--first-fit", action="store_true", help=_FIRST_FIT_HELP)


# A broadsheet page at 600 dpi is 9,200 × 12,900 pixels (about 470 MB to render): previews
# need far less, and beyond this a typo (6000 for 60) would exhaust memory.
MAX_PNG_DPI = 600.0


def _positive(text: str, what: str, most: float) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
    if not (math.isfinite(value) and 0 < value <= most):
        raise argparse.ArgumentTypeError(
            f"expected {what} above 0 and at most {most:g}, got {text}"
        )
    return value


def _dpi(text: str) -> float:
    return _positive(text, "a resolution in dpi", MAX_PNG_DPI)


def _ppi(text: str) -> float:
    return _positive(text, "a resolution in pixels per inch", MAX_PPI)


# More processes than pages gain nothing; this bounds a typo (-j 1000).
MAX_JOBS = 64


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes, got {text!r}") from None
    if not 1 <= value <= MAX_JOBS:
        raise argparse.ArgumentTypeError(f"expected 1 to {MAX_JOBS} processes, got {value}")
    return value


_DEBUG_HELP = "on a crash (a bug in banmian), print the traceback to standard error"


class _Notes(logging.Handler):
    """The ``layout.fonts`` log (a font of one's own converted, and how long it took) as
    ``note:`` lines of the command's console (none under ``-q``)."""

    def __init__(self, con: Console) -> None:
        super().__init__(logging.INFO)
        self.con = con

    def emit(self, record: logging.LogRecord) -> None:
        self.con.note(record.getMessage())


def _font_notes(con: Console) -> None:
    """The fonts' notes to ``con``: this command's console replaces an earlier one's."""
    log = logging.getLogger("layout.fonts")
    for handler in [h for h in log.handlers if isinstance(h, _Notes)]:
        log.removeHandler(handler)
    log.addHandler(_Notes(con))
    log.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.quiet and args.verbose:  # one before the command, one after it
        parser.error("-q/--quiet and -v/--verbose exclude each other")
    con = console_for(args.quiet, args.verbose, ColourChoice(args.color))
    _font_notes(con)
    try:
        if args.command == "check":
            return _check(args, con)
        if args.command == "proof":
            return _proof(args, con)
        if args.command == "watch":
            return _watch(args)
        if args.command == "schema":
            return _schema(args)
        if args.command == "init":
            return _init(args)
        if args.command == "fit":
            return _fit(args, con)
        if args.command == "fonts":
            from .fonts.command import fonts_command

            return fonts_command(args)
        return _build(args, con)
    except SpecErrors as errors:
        for error in errors.errors:
            print(error, file=sys.stderr)
        summary = errors.summary() if isinstance(errors, PageErrors) else None
        if summary is not None:
            print(f"banmian: {summary}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except SpecError as error:
        print(error, file=sys.stderr)
        return EXIT_BAD_INPUT
    except OutputError as error:
        print(f"banmian: cannot write {error}", file=sys.stderr)
        return error.exit_code
    except PageFailed as failed:
        debug = getattr(args, "debug", False) or bool(os.environ.get("BANMIAN_DEBUG"))
        return _page_failed(failed, debug)
    except KeyboardInterrupt:
        print("banmian: interrupted; nothing written", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader of standard output went away (| head): no bug. Python's own advice
        # (the signal module's "Note on SIGPIPE"): point standard output at devnull so that
        # the flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except Exception as error:  # a bug: one line, the traceback kept aside
        debug = getattr(args, "debug", False) or bool(os.environ.get("BANMIAN_DEBUG"))
        return _internal_error(error, debug)


def _internal_error(error: Exception, debug: bool) -> int:
    """Report an unexpected exception as a bug: one line with the innermost place in
    banmian's own code; the traceback on standard error (``debug``) or in a file."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    place = (ours or frames)[-1] if frames else None
    where = ""
    if place is not None:
        try:
            shown = Path(place.filename).resolve().relative_to(_PACKAGE.parent)
        except ValueError:
            shown = Path(place.filename)
        where = f" at {shown}:{place.lineno} in {place.name}"
    text = "".join(traceback.format_exception(error))
    summary = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    if debug:
        sys.stderr.write(text)
        kept = "the traceback is above"
    else:
        kept = f"the traceback is in {_save_traceback(text)}; --debug prints it"
    print(
        f"banmian: internal error (a bug in banmian, not in your input): {summary}{where}; "
        f"{kept}; nothing was written",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _page_failed(failed: PageFailed, debug: bool) -> int:
    """A page of an edition that crashed (a bug): one line naming the page."""
    if debug:
        sys.stderr.write(failed.trace)
        kept = "the traceback is above"
    else:
        kept = f"the traceback is in {_save_traceback(failed.trace)}; --debug prints it"
    print(
        f"banmian: internal error (a bug in banmian, not in your input) on page "
        f"{failed.number} ({failed.spec}): {failed.summary}; {kept}; nothing was written",
        file=sys.stderr,
    )
    return EXIT_INTERNAL


def _save_traceback(text: str) -> str:
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    try:
        fd, name = tempfile.mkstemp(prefix=f"banmian-crash-{stamp}-", suffix=".txt")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        return name
    except OSError:
        return "(no file: the temporary folder is not writable)"


def _check(args: argparse.Namespace, con: Console) -> int:
    from .build import build
    from .spec.edition import is_edition_file

    if is_edition_file(args.spec):
        return _check_edition(args, con)
    # Everything a build does but the write: the fonts, images and profile are verified by
    # the loader, and the PDF made in memory meets what only embedding can find.
    result = build(args.spec, None, dry_run=True)
    _read(con, [result.spec])
    _notes(con, result.spec.notes)
    if args.json:
        assert result.pdf is not None  # a dry run keeps the PDF: its fonts are read back
        _emit_json(_page_json(result, result.pdf, "check", []))
    else:
        for finding in grouped(result.problems):
            con.problem(finding)
    spec = result.spec
    con.info(
        f"{args.spec}: ok ({len(spec.boxes)} boxes, {len(spec.articles)} records; "
        f"{len(result.problems)} problems, {len(result.errors)} errors; nothing written)",
        to_err=args.json,
    )
    con.timings(result.timings.stages)
    if args.strict and result.errors:
        return EXIT_PROBLEMS
    return 0


def _emit_json(data: dict) -> None:
    import json

    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    print()


def _page_json(
    result: BuildResult, pdf: Path | bytes, command: str, outputs: Sequence[Path | str]
) -> dict:
    """The JSON report of a page built (``layout.proof.jsonreport``), its fonts read back
    from the PDF ``pdf`` (a file, or its bytes)."""
    import dataclasses

    from .proof.jsonreport import page_report
    from .proof.preflight import preflight

    report = preflight(result, page_pdf=pdf)
    report = dataclasses.replace(report, timings=dict(result.timings.stages))
    return page_report(report, command=command, outputs=outputs)


def _edition_json(
    result: EditionResult,
    command: str,
    outputs: Sequence[Path | str],
    pdfs: Sequence[Path] | None = None,
) -> dict:
    """The JSON report of an edition built: each page's fonts read back from its page PDF
    (``pdfs``, one a page), or from one made in memory."""
    from .build import BuildResult, Timings, fonts_for
    from .proof.jsonreport import edition_report
    from .proof.preflight import preflight
    from .render.pdf import pdf_bytes

    fonts = fonts_for(result.specs[0])
    reports = []
    for k, (spec, page) in enumerate(zip(result.specs, result.pages, strict=True)):
        pdf = pdfs[k] if pdfs is not None else pdf_bytes([page], fonts)
        reports.append(preflight(BuildResult(spec, page, None, Timings()), page_pdf=pdf))
    return edition_report(reports, command=command, edition=result.edition.path, outputs=outputs)


def _read(con: Console, specs: Sequence[PageSpec]) -> None:
    """Under ``-v``, every file the build read (``layout.build.input_files``), once."""
    if not con.verbose:
        return
    from .build import fonts_for, input_files

    seen: set[Path] = set()
    for spec in specs:
        for item in input_files(spec, fonts_for(spec)):
            if item.path not in seen:
                seen.add(item.path)
                con.detail(f"read {display_path(item.path)} ({item.what})")


def _notes(con: Console, notes: Sequence[str]) -> None:
    for note in notes:
        con.note(note)


def _check_edition(args: argparse.Namespace, con: Console) -> int:
    from .edition import build_edition

    # Every page set and every PDF made in memory, as the build does; nothing written.
    result = build_edition(args.spec, None, dry_run=True)
    errors = _page_problems(con, result, listed=not args.json)
    if args.json:
        _emit_json(_edition_json(result, "check", []))
    problems = sum(len(p.problems) for p in result.pages)
    con.info(
        f"{args.spec}: ok ({len(result.pages)} pages; {problems} problems, {errors} errors; "
        "nothing written)",
        to_err=args.json,
    )
    con.timings(result.timings.stages)
    if args.strict and result.failing:
        return EXIT_PROBLEMS
    return 0


def _page_problems(con: Console, result: EditionResult, *, listed: bool = True) -> int:
    """An edition's notes and (when ``listed``) problems on standard error, each with its
    page; the number of errors."""
    from .report import Severity

    errors = 0
    _read(con, result.specs)
    for spec, page in zip(result.specs, result.pages, strict=True):
        _notes(con, spec.notes)
        for finding in grouped(page.problems) if listed else ():
            con.problem(finding, prefix=f"page {page.number}: ")
        errors += sum(p.severity is Severity.ERROR for p in page.problems)
    return errors


def _build(args: argparse.Namespace, con: Console) -> int:
    from .spec.edition import is_edition_file

    out = args.output or args.spec.parent / f"{args.spec.stem}.pdf"  # beside the spec
    # The format first, before any work: an extension banmian does not write is refused at once.
    fmt = _output_format(
        args.spec, out, OutputFormat(args.format) if args.format else None, args.spec.stem
    )
    if args.ppi is not None and fmt is not OutputFormat.PNG:
        con.error(f"banmian: --ppi is the resolution of PNG output, and {out} is a {fmt.value}")
        return EXIT_BAD_INPUT
    if args.json and str(out) == STDOUT:
        con.error("banmian: --json and -o - would both write to standard output: give -o a file")
        return EXIT_BAD_INPUT
    if is_edition_file(args.spec):
        return _build_edition(args, con, out, fmt)
    return _build_page(args, con, out, fmt)


def _build_page(args: argparse.Namespace, con: Console, out: Path, fmt: OutputFormat) -> int:
    from .build import build
    from .output import write_file

    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    to_stdout = str(out) == STDOUT  # the page on standard output, the report on standard error
    data: list[bytes] = []
    if fmt is OutputFormat.PDF and not to_stdout and not is_template(out):
        result = build(args.spec, out, mode=mode, pdfx=args.pdfx)
        targets = [out]
    else:
        targets = [] if to_stdout else _page_targets(args.spec, out, fmt)
        result = build(args.spec, None, mode=mode, pdfx=args.pdfx, writes=targets, dry_run=True)
        assert result.pdf is not None  # a dry run without output keeps the PDF
        ppi = args.ppi or DEFAULT_PPI
        data = png_pages(result.pdf, ppi) if fmt is OutputFormat.PNG else [result.pdf]
    _read(con, [result.spec])
    _notes(con, result.spec.notes)
    for finding in () if args.json else grouped(result.problems):
        con.problem(finding)
    if args.strict and result.errors and to_stdout:
        return EXIT_PROBLEMS  # nothing on standard output for a page that would spoil print
    if to_stdout:
        _to_stdout(data[0])
    for path, content in zip(targets, data, strict=False):  # none: build() wrote the PDF
        write_file(path, content)
    if args.json:
        _emit_json(_page_json(result, result.pdf or out, "build", targets))
    where = "standard output" if to_stdout else ", ".join(str(p) for p in targets)
    what = fmt.value.upper()
    if fmt is OutputFormat.PNG:
        what += f" at {args.ppi or DEFAULT_PPI:g} ppi"
    con.info(
        f"wrote {where} ({what}; {len(result.problems)} problems, {len(result.errors)} errors)",
        to_err=to_stdout or args.json,
    )
    _timings(args, con, result.timings.stages, to_err=to_stdout or args.json)
    if args.strict and result.errors:
        return EXIT_PROBLEMS
    return 0


def _page_targets(spec_path: Path, out: Path, fmt: OutputFormat) -> list[Path]:
    """The file a page spec's page goes to: ``out``, its ``{p}`` the page's number (the spec
    is read for it first, so that the path is checked before layout)."""
    if not is_template(out):
        return [out]
    from .spec import load_spec

    return page_outputs(out, [load_spec(spec_path).page.number], fmt)


def _to_stdout(data: bytes) -> None:
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _timings(
    args: argparse.Namespace, con: Console, stages: dict[str, float], *, to_err: bool = False
) -> None:
    """The time of each stage: with ``--timings`` on standard output (standard error when
    that carries the page), else under ``-v`` on standard error."""
    if getattr(args, "timings", False) and not con.quiet:
        for stage, seconds in stages.items():
            print(f"  {stage:8s} {seconds * 1000:8.1f} ms", file=con.stderr if to_err else None)
    else:
        con.timings(stages)


def _build_edition(args: argparse.Namespace, con: Console, out: Path, fmt: OutputFormat) -> int:
    from .edition import build_edition

    to_stdout = str(out) == STDOUT
    if fmt is OutputFormat.PDF and is_template(out):
        con.error(
            f"banmian: {out}: {{p}} names page images (.png); an edition's PDF is written "
            f"whole, with one PDF per page beside it ({out.stem}-p01.pdf …)"
        )
        return EXIT_BAD_INPUT
    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    in_memory = to_stdout or fmt is OutputFormat.PNG
    targets = _edition_targets(args.spec, out, fmt) if fmt is OutputFormat.PNG else []
    result = build_edition(
        args.spec,
        None if in_memory else out,
        mode=mode,
        pdfx=args.pdfx,
        jobs=args.jobs,
        strict=args.strict,
        dry_run=in_memory,
    )
    errors = _page_problems(con, result, listed=not args.json)
    if args.strict and result.failing:
        pages = ", ".join(str(n) for n in result.failing)
        con.error(
            f"banmian: --strict: page{'s' * (len(result.failing) > 1)} {pages} would spoil "
            f"print; nothing written"
        )
        return EXIT_PROBLEMS
    problems = sum(len(p.problems) for p in result.pages)
    counts = f"{len(result.pages)} pages, {problems} problems, {errors} errors"
    if not in_memory:
        written = f"wrote {out} and {len(result.written) - 1} page PDFs beside it ({counts})"
        if args.json:  # the page PDFs are the result's first; the edition PDF is last
            _emit_json(_edition_json(result, "build", result.written, list(result.written[:-1])))
    else:
        written = _edition_in_memory(result, fmt, targets, args.ppi or DEFAULT_PPI, counts)
        if args.json:
            _emit_json(_edition_json(result, "build", targets or [STDOUT]))
    con.info(written, to_err=to_stdout or args.json)
    _timings(args, con, result.timings.stages, to_err=to_stdout or args.json)
    return 0


def _edition_in_memory(
    result: EditionResult, fmt: OutputFormat, targets: Sequence[Path], ppi: float, counts: str
) -> str:
    """The edition PDF made in memory written to standard output (no ``targets``) or as page
    images to ``targets``; the summary line."""
    from .output import write_file

    assert result.pdf is not None  # a dry run without output keeps the edition PDF
    if not targets:
        data = png_pages(result.pdf, ppi) if fmt is OutputFormat.PNG else [result.pdf]
        _to_stdout(data[0])  # one page only (_edition_targets)
        return f"wrote standard output (the edition {fmt.value.upper()}; {counts})"
    for path, content in zip(targets, png_pages(result.pdf, ppi), strict=True):
        write_file(path, content)
    return f"wrote {', '.join(str(p) for p in targets)} (PNG at {ppi:g} ppi; {counts})"


def _edition_targets(edition_path: Path, out: Path, fmt: OutputFormat) -> list[Path]:
    """The page images of an edition, checked before layout: one a page by ``out``'s
    template, none of them an input (the edition is read for its pages first); none for
    standard output, which takes one page only."""
    from .edition import edition_inputs
    from .output import check_output
    from .spec.edition import load_edition

    edition = load_edition(edition_path)
    if str(out) == STDOUT:
        if len(edition.numbers) > 1:
            raise OutputError(
                out,
                f"standard output takes one page image and the edition has "
                f"{len(edition.numbers)} pages: write files, e.g. -o out/page-{{p}}.png",
                refused=True,
            )
        return []
    targets = page_outputs(out, edition.numbers, fmt)
    inputs = edition_inputs(edition)
    for target in targets:
        check_output(target, inputs)
    return targets


def _proof(args: argparse.Namespace, con: Console) -> int:

    from .proof import default_proof_path, format_report, make_proof
    from .proof.jsonreport import page_report
    from .spec.edition import is_edition_file

    if args.output is not None and not _proof_output(args.spec, args.output, con):
        return EXIT_BAD_INPUT
    if is_edition_file(args.spec):
        if args.fit:
            con.error(f"{args.spec}: proof --fit takes one page spec, not an edition")
            return EXIT_BAD_INPUT
        return _proof_edition(args, con)
    out = args.output or default_proof_path(args.spec)
    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    advice: list[str] = []
    notes = None
    if args.fit:
        from .build import fonts_for
        from .fit import fit_page
        from .fit.report import advice_lines, box_notes
        from .spec import load_spec

        spec = load_spec(args.spec)
        fitted = fit_page(spec, fonts_for(spec), mode=mode)
        advice, notes = advice_lines(fitted), box_notes(fitted)
    report = make_proof(args.spec, out, png_dpi=args.png, mode=mode, notes=notes)
    _read(con, [report.spec])
    _notes(con, report.spec.notes)
    if args.json:
        _emit_json(page_report(report, command="proof", outputs=[out, *report.pngs]))
        to_err = True
    elif con.quiet:
        for finding in grouped(report.problems):
            con.problem(finding)
        to_err = True
    else:
        print(format_report(report, colour=con.colour_out))
        to_err = False
    for line in advice:
        con.info(line, to_err=to_err)
    written = ", ".join(str(p) for p in (out, *report.pngs))
    con.info(f"wrote {written}", to_err=to_err)
    con.timings(report.timings)
    if args.strict and report.spoilers:
        return EXIT_PROBLEMS
    return 0


def _output_format(spec: Path, out: Path, given: OutputFormat | None, stem: str) -> OutputFormat:
    """The format of ``out`` (``layout.formats.output_format``), refused before any layout.
    An existing file of no format banmian writes is first checked against the build's inputs
    (spec, articles, fonts, images: read, not laid out), so that ``-o page.yaml`` is told it
    would destroy the page spec, the worse of the two mistakes."""
    try:
        return output_format(out, given, stem=stem)
    except OutputError:
        if str(out) != STDOUT and os.path.lexists(out):
            check_output(out, _inputs(spec))
        raise


def _inputs(spec_path: Path) -> list[InputFile]:
    """Every file a build of the page spec or edition file reads (``SpecErrors`` if it is
    bad input)."""
    from .build import fonts_for, input_files
    from .edition import edition_inputs
    from .spec import load_spec
    from .spec.edition import is_edition_file, load_edition

    if is_edition_file(spec_path):
        return edition_inputs(load_edition(spec_path))
    spec = load_spec(spec_path)
    return list(input_files(spec, fonts_for(spec)))


def _proof_output(spec: Path, out: Path, con: Console) -> bool:
    """Whether ``out`` can take a proof: a PDF file (its page images are ``--png``'s)."""
    if str(out) == STDOUT:
        con.error("banmian: proof -o -: a proof is a file (its report is on standard output)")
        return False
    if _output_format(spec, out, None, f"{spec.stem}-proof") is not OutputFormat.PDF:
        con.error(f"banmian: {out}: a proof is a PDF; its page images: --png DPI")
        return False
    return True


def _proof_edition(args: argparse.Namespace, con: Console) -> int:

    from .proof import format_report
    from .proof.edition import make_edition_proof

    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    proof = make_edition_proof(
        args.spec, args.output, overview=args.overview, png_dpi=args.png, mode=mode
    )
    _read(con, [r.spec for r in proof.reports])
    for report in proof.reports:
        _notes(con, report.spec.notes)
    if args.json:
        _emit_json(proof.to_json())
        to_err = True
    elif con.quiet:
        for report in proof.reports:
            for finding in grouped(report.problems):
                con.problem(finding, prefix=f"page {report.page.number}: ")
        to_err = True
    else:
        for report in proof.reports:
            print(f"== page {report.page.number} {report.spec.page.name} ({report.spec.path})")
            print(format_report(report, colour=con.colour_out))
        to_err = False
    written = ", ".join(str(p) for p in (proof.proof, *proof.pngs, proof.overview))
    con.info(f"wrote {written}", to_err=to_err)
    if args.strict and proof.spoilers:
        return EXIT_PROBLEMS
    return 0


def _fit(args: argparse.Namespace, con: Console) -> int:
    from .fit.command import fit_file
    from .fit.report import change_lines, shortfall_lines
    from .fit.spectext import FitTextError
    from .spec.edition import is_edition_file

    if is_edition_file(args.spec):
        return _fit_edition(args, con)
    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    try:
        run = fit_file(args.spec, args.output, mode=mode)
    except FitTextError as error:
        con.error(f"{args.spec}: {error}; nothing written")
        return EXIT_BAD_INPUT
    result = run.result
    _notes(con, result.spec.notes)
    for line in change_lines(result):
        con.info(line)
    if not result.changes:
        con.info("no change" + ("" if result.fits else " within the limits lowers the misfit"))
    for line in shortfall_lines(result.stories):
        con.info(f"still: {line}")
    verdict = "the page fits" if result.fits else "no page within the limits fits"
    con.info(
        f"wrote {run.output}: {verdict} ({len(result.changes)} change"
        f"{'s' * (len(result.changes) != 1)}, {result.trials} "
        f"trial layouts of at most {run.max_trials})"
    )
    return 0 if result.fits else EXIT_PROBLEMS


def _fit_edition(args: argparse.Namespace, con: Console) -> int:
    from .fit.command import fit_edition_file
    from .fit.report import edition_lines
    from .fit.spectext import FitTextError

    mode = BreakMode.FIRST_FIT if args.first_fit else BreakMode.TOTAL_FIT
    try:
        run = fit_edition_file(args.spec, args.output, mode=mode)
    except FitTextError as error:
        con.error(f"{args.spec}: {error}; nothing written")
        return EXIT_BAD_INPUT
    for page in run.result.pages:
        _notes(con, page.spec.notes)
    for line in edition_lines(run.result):
        con.info(line)
    result = run.result
    verdict = "every page fits" if result.fits else "no edition within the limits fits"
    counted = (
        f"{sum(len(p.changes) for p in result.pages)} changes on {len(result.changed)} "
        f"page{'s' * (len(result.changed) != 1)}, "
        f"{result.trials} trial layouts of at most {run.max_trials} a page"
    )
    if not run.written:
        con.info(
            f"nothing to change, nothing written ({args.spec} is the edition): {verdict} "
            f"({counted})"
        )
    else:
        pages = ", ".join(str(p) for p in run.written[:-1])
        con.info(f"wrote {run.output} (with {pages}): {verdict} ({counted})")
    return 0 if result.fits else EXIT_PROBLEMS


def _watch(args: argparse.Namespace) -> int:
    from .proof import watch
    from .proof.watch import open_in_viewer
    from .proof.watch_edition import watch_edition
    from .spec.edition import is_edition_file

    opener = open_in_viewer if args.open else None
    try:
        if is_edition_file(args.spec):
            if args.fit:
                print(
                    f"{args.spec}: watch --fit takes one page spec, not an edition", file=sys.stderr
                )
                return EXIT_BAD_INPUT
            return watch_edition(args.spec, args.output, png_dpi=args.png, opener=opener)
        return watch(args.spec, args.output, png_dpi=args.png, fit=args.fit, opener=opener)
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
