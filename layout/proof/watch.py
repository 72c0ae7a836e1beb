"""Watching a page: the proof rebuilt whenever the spec, an article or an image changes.

The files are polled (modification time and size); bad input and an output that could not be
written are printed and the loop waits for the next change; an output path that no change can
fix (one of the inputs, a folder) stops it.
"""

from __future__ import annotations

import datetime
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from ..build import fonts_for, input_files
from ..errors import OutputError, SpecError, SpecErrors
from ..spec import PageSpec
from .format import count
from .make import default_proof_path, make_proof


def watched_files(spec: PageSpec) -> list[Path]:
    """The files a page is made from, as the build reads them (``layout.build.input_files``):
    the spec, the shared files it extends, its article records and their images, the
    logotype, the advertisements, the fonts manifest and the font files, the press profile."""
    files = [item.path for item in input_files(spec, fonts_for(spec))]
    seen: dict[Path, None] = {}
    for f in files:
        seen.setdefault(Path(f), None)
    return list(seen)


def _stamps(files: Iterable[Path]) -> dict[Path, tuple[int, int] | None]:
    stamps: dict[Path, tuple[int, int] | None] = {}
    for f in files:
        try:
            st = f.stat()
            stamps[f] = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamps[f] = None
    return stamps


def watch(
    spec_path: Path | str,
    out: Path | str | None = None,
    *,
    interval: float = 0.5,
    max_rebuilds: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    png_dpi: float | None = None,
    stream: TextIO | None = None,
    fit: bool = False,
) -> int:
    """Rebuild the proof whenever the spec, an article or an image changes (polling their
    modification times every ``interval`` seconds); one line per rebuild, and with ``fit``
    the ``proof --fit`` advice under it (:func:`layout.fit.report.advice_lines`: per story
    over or under, the changes within the spec's limits that would fix it). Bad input, and an
    output that could not be written (a full disk), are printed and the loop waits for the
    next change; an output path that is refused (one of the inputs, a folder) raises
    ``OutputError``. Returns 0 after ``max_rebuilds`` rebuilds (never, when None: stop it
    with Ctrl-C)."""
    spec_path = Path(spec_path)
    out = Path(out) if out is not None else default_proof_path(spec_path)
    stream = stream or sys.stdout
    files: list[Path] = [spec_path]
    stamps: dict[Path, tuple[int, int] | None] | None = None
    rebuilds = 0
    while True:
        current = _stamps(files)
        if current != stamps:
            started = time.perf_counter()
            clock = datetime.datetime.now().strftime("%H:%M:%S")
            try:
                report = make_proof(spec_path, out, png_dpi=png_dpi)
            except (SpecErrors, SpecError) as errors:
                items = errors.errors if isinstance(errors, SpecErrors) else [errors]
                print(
                    f"{clock} {spec_path}: {count(len(items), 'error')}, waiting for a change",
                    file=stream,
                )
                for error in items:
                    print(f"  {error}", file=stream)
                files = _union(files, [e.pos.file for e in items if e.pos is not None])
            except OutputError as error:
                if error.refused:
                    raise  # the output path is wrong (an input, a folder): no change fixes it
                print(f"{clock} cannot write {error}, waiting for a change", file=stream)
            except Exception as error:  # a watcher survives; the next change may fix it
                print(f"{clock} {spec_path}: failed: {type(error).__name__}: {error}", file=stream)
            else:
                files = _union([spec_path], watched_files(report.spec))
                n = len(report.problems)
                spoil = len(report.spoilers)
                print(
                    f"{clock} rebuilt {out} in {time.perf_counter() - started:.2f} s: "
                    f"{n} problems, {spoil} would spoil print",
                    file=stream,
                )
                for line in _advice(report.spec) if fit else ():
                    print(f"  {line}", file=stream)
            stream.flush()
            # What changed during the build is seen at the next poll: keep the stamps taken
            # before it for the files known then.
            after = _stamps(files)
            stamps = {f: current.get(f, after[f]) for f in files}
            rebuilds += 1
            if max_rebuilds is not None and rebuilds >= max_rebuilds:
                return 0
        sleep(interval)


def _advice(spec: PageSpec) -> list[str]:
    """The fit's advice for the page of ``spec`` (the same search as ``banmian fit``)."""
    from ..build import fonts_for
    from ..fit import fit_page
    from ..fit.report import advice_lines

    return advice_lines(fit_page(spec, fonts_for(spec)))


def _union(a: Iterable[Path], b: Iterable[Path]) -> list[Path]:
    seen: dict[Path, None] = {}
    for f in [*a, *b]:
        seen.setdefault(Path(f), None)
    return list(seen)
