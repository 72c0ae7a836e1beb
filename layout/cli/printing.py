"""What several commands print besides their own lines: the files read (``-v``), the spec
loader's notes, the time of each stage, an edition's problems page by page, and the fonts'
notes.

Contract: every function prints through the command's :class:`~layout.console.Console`
(and so obeys ``-q``/``-v`` and ``--color``); the build and proof machinery they need is
imported only when they print it.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import display_path
from ..notes import NOTES
from ..report import Problem, grouped

if TYPE_CHECKING:
    from ..console import Console
    from ..edition import EditionResult
    from ..spec.model import PageSpec


def read_files(con: Console, specs: Sequence[PageSpec]) -> None:
    """Under ``-v``, every file the build read (``layout.build.input_files``), once."""
    if not con.verbose:
        return
    from ..build import fonts_for, input_files

    seen: set[Path] = set()
    for spec in specs:
        for item in input_files(spec, fonts_for(spec)):
            if item.path not in seen:
                seen.add(item.path)
                con.detail(f"read {display_path(item.path)} ({item.what})")


def notes(con: Console, spec: PageSpec) -> None:
    """What the spec loader says of ``spec`` that is no error: the copy it prints nowhere (a
    record or a photo placed by no box, a story only a photo box shows: warnings shown
    under ``-q`` too), its warnings (two records of the edition with one id), then its notes
    (what an edition's list overrode)."""
    for unprinted in spec.unprinted:
        con.unprinted(str(unprinted))
    for warning in spec.warnings:
        con.warning(warning)
    for note in spec.notes:
        con.note(note)


def timings(
    args: argparse.Namespace, con: Console, stages: dict[str, float], *, to_err: bool = False
) -> None:
    """The time of each stage: with ``--timings`` on standard output (standard error when
    that carries the page), else under ``-v`` on standard error; and which line breaker ran
    (``layout.text.linebreak.BREAKER``: compiled, or the Python one where it was not built)
    and which text loops (``layout.text.loops.LOOPS``, the same choice)."""
    from ..text.linebreak import BREAKER  # (loaded by the build already)
    from ..text.loops import LOOPS

    if getattr(args, "timings", False) and not con.quiet:
        out = con.stderr if to_err else None
        for stage, seconds in stages.items():
            print(f"  {stage:8s} {seconds * 1000:8.1f} ms", file=out)
        print(f"  {'breaker':8s} {BREAKER.value}", file=out)
        print(f"  {'loops':8s} {LOOPS.value}", file=out)
    else:
        con.timings(stages)
        con.detail(f"  {'breaker':10s} {BREAKER.value}")
        con.detail(f"  {'loops':10s} {LOOPS.value}")


def tally(problems: Sequence[Problem]) -> tuple[int, int]:
    """How many problems the report lists and how many of them are errors: a character
    missing in many places counted once, as it is listed (``layout.report.grouped``) and
    as the JSON report has it."""
    from ..report import Severity

    findings = grouped(problems)
    return len(findings), sum(f.problem.severity is Severity.ERROR for f in findings)


def page_problems(con: Console, result: EditionResult, *, listed: bool = True) -> int:
    """An edition's notes and (when ``listed``) problems on standard error, each with its
    page; the number of errors."""
    errors = 0
    read_files(con, result.specs)
    for spec, page in zip(result.specs, result.pages, strict=True):
        notes(con, spec)
        for finding in grouped(page.problems) if listed else ():
            con.problem(finding, prefix=f"page {page.number}: ")
        errors += tally(page.problems)[1]
    return errors


@contextmanager
def font_notes(con: Console) -> Iterator[None]:
    """The notes of the layers below (:mod:`layout.notes`: the fonts', the photo cache's) to
    ``con`` for the ``with`` block (a command), each once (a cache folder that cannot be
    written is said of the first photo, not of every one); where they went before, after it."""
    said: set[str] = set()

    def once(text: str) -> None:
        if text not in said:
            said.add(text)
            con.note(text)

    token = NOTES.set(once)
    try:
        yield
    finally:
        NOTES.reset(token)
