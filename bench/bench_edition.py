#!/usr/bin/env python3
"""Benchmark: the sample edition in one process, against one process per page and Typst.

    python bench/bench_edition.py [--quick] [--repeats N] [--jobs N]

Rows (each a subprocess, wall time from start to exit; after a warm-up, N rounds each run
every row once in turn, so a round's runs share the machine's load; nothing is asserted):

- banmian edition: ``python -m layout build page_specs/edition.yaml -o <tmp>/edition.pdf``:
  every page composed in one process, the edition PDF and one PDF per page written;
- banmian edition -j N: the same with ``-j N`` (pages composed in N processes: this one and
  forked copies of it on Linux, spawned workers where it cannot fork);
- banmian pages, one process each: ``python -m layout build <page spec> -o <tmp>/pN.pdf`` for
  every page of the edition in turn, the times summed (what a shell loop over pages costs);
- Typst, the same pages: one generated document with every page's stories in that page's
  geometry (``bench_build.typst_peer`` per page, joined by page breaks), compiled to PDF in a
  child process with fonts only from ``fonts/``. A peer doing similar work, not the same
  layout (see bench/README.md, bench_build).

Then the ratios (each run ÷ the Typst run of its round: median and range) and the per-page
marginal cost of the edition: (edition process − the front page alone as a process) ÷
(pages − 1), per round, in ms: what one more page adds to a nightly build once the process,
the fonts and the first page are paid for. Targets (issue 16): marginal ≤ 40 ms, the edition
≤ 1.5 × Typst.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from _common import FONTS, REPO, machine, ms, require_typst, table
from bench_build import TYPST_RUNNER, Row, interleaved, typst_peer

EDITION = REPO / "page_specs" / "edition.yaml"
MARGINAL_TARGET = 0.040  # s: what a page adds to an edition built in one process (issue 16)
EDITION_TARGET = 1.5  # the edition in one process ÷ Typst's same pages (issue 16)


def _typst_document(specs) -> str:
    """Every page's peer document, each on its own page(s), in edition order."""
    parts = []
    for spec in specs:
        source, _ = typst_peer(spec)
        # Each peer ends with the label the single-page benchmark queries; one label only.
        body = source.replace("#metadata(none) <bench-end>\n", "")
        parts.append(body)
    return "\n#pagebreak()\n".join(parts) + "#metadata(none) <bench-end>\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="2 rounds instead of 3")
    parser.add_argument("--repeats", type=int, help="interleaved rounds after the warm-up")
    parser.add_argument("--jobs", type=int, default=2, help="-j for the parallel row (2)")
    args = parser.parse_args(argv)
    rounds = args.repeats or (2 if args.quick else 3)
    require_typst()
    from layout.spec.edition import load_edition

    edition = load_edition(EDITION)
    specs = edition.specs
    python = sys.executable
    build = [python, "-m", "layout", "build"]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        os.environ["BANMIAN_CACHE"] = str(out / "cache")  # the builds' own cache: known state
        document = out / "edition.typ"
        document.write_text(_typst_document(specs), encoding="utf-8")
        typst = Row(
            f"Typst, the same {len(specs)} pages' stories",
            [python, "-c", TYPST_RUNNER, str(document), str(out / "typst.pdf"), str(FONTS)],
            out / "typst.pdf",
            REPO,
        )
        whole = Row(
            "banmian edition (one process)",
            [*build, str(EDITION), "-o", str(out / "edition.pdf")],
            out / "edition.pdf",
            REPO,
        )
        parallel = Row(
            f"banmian edition -j {args.jobs}",
            [*build, str(EDITION), "-o", str(out / "edition-j.pdf"), "-j", str(args.jobs)],
            out / "edition-j.pdf",
            REPO,
        )
        singles = [
            Row(
                f"page {spec.page.number} alone",
                [*build, str(spec.path), "-o", str(out / f"p{spec.page.number}.pdf")],
                out / f"p{spec.page.number}.pdf",
                REPO,
            )
            for spec in specs
        ]
        interleaved([typst, whole, parallel, *singles], rounds)
        del os.environ["BANMIAN_CACHE"]

    def times(row: Row) -> list[float]:
        return [r[0] for r in row.runs]

    loop = [sum(parts) for parts in zip(*(times(s) for s in singles), strict=True)]
    print(f"bench_edition: {len(specs)} pages of {EDITION.relative_to(REPO)}; {machine()}")
    print(
        f"{rounds} interleaved rounds after a warm-up (each row once per round); wall time of "
        "each process; ÷ Typst: each run over the Typst run of its round (median, range)\n"
    )
    body = []
    for name, ts, peak in (
        (whole.label, times(whole), max(r[1] for r in whole.runs)),
        (parallel.label, times(parallel), max(r[1] for r in parallel.runs)),
        (f"banmian {len(specs)} page processes (summed)", loop, None),
        (typst.label, times(typst), max(r[1] for r in typst.runs)),
    ):
        rs = [a / b for a, b in zip(ts, times(typst), strict=True)]
        body.append(
            (
                name,
                ms(min(ts)),
                ms(statistics.median(ts)),
                "—" if peak is None else f"{peak:.0f}",
                f"{statistics.median(rs):.2f}",
                f"{min(rs):.2f}–{max(rs):.2f}",
            )
        )
    print(table(["row", "best", "median", "peak MiB", "÷ Typst", "range"], body))
    marginal = [
        (w - first) / max(len(specs) - 1, 1)
        for w, first in zip(times(whole), times(singles[0]), strict=True)
    ]
    edition_ratio = statistics.median(
        a / b for a, b in zip(times(whole), times(typst), strict=True)
    )
    one = statistics.median(times(whole))
    print(
        f"\nedition ÷ page processes: {one / statistics.median(loop):.2f}"
        f"; -j {args.jobs} ÷ one process: "
        f"{statistics.median(times(parallel)) / one:.2f}"
    )
    print(
        f"per-page marginal cost: {statistics.median(marginal) * 1000:.0f} ms, range "
        f"{min(marginal) * 1000:.0f}–{max(marginal) * 1000:.0f} ((edition − page "
        f"{specs[0].page.number} alone) ÷ {len(specs) - 1}, per round; target ≤ "
        f"{MARGINAL_TARGET * 1000:.0f} ms)"
    )
    print(f"edition ÷ Typst = {edition_ratio:.2f} (target ≤ {EDITION_TARGET})")
    for row in (whole, parallel, *singles):
        status, stderr = row.runs[0][2], row.runs[0][3]
        if status:
            print(f"note: {row.label} exited {status}: {stderr.strip()[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
