#!/usr/bin/env python3
"""Benchmark: the sample edition in one process, against one process per page and Typst.

    python bench/bench_edition.py [--quick] [--repeats N] [--jobs N]

Rows (each a subprocess, wall time from start to exit, first run and best/median of the
repeats; nothing is asserted):

- banmian edition: ``python -m layout build page_specs/edition.yaml -o <tmp>/edition.pdf``:
  every page composed in one process, the edition PDF and one PDF per page written;
- banmian edition -j N: the same with ``-j N`` (pages composed in N worker processes);
- banmian pages, one process each: ``python -m layout build <page spec> -o <tmp>/pN.pdf`` for
  every page of the edition in turn, the times summed (what a shell loop over pages costs);
- Typst, the same pages: one generated document with every page's stories in that page's
  geometry (``bench_build.typst_peer`` per page, joined by page breaks), compiled to PDF in a
  child process with fonts only from ``fonts/``. A peer doing similar work, not the same
  layout (see bench/README.md, bench_build).

Then the ratios (banmian ÷ each peer) and the per-page marginal cost of the edition: (edition
process − the front page alone as a process) ÷ (pages − 1), in ms: what one more page adds to a
nightly build once the process, the fonts and the first page are paid for.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import FONTS, REPO, machine, ms, require_typst, table
from bench_build import TYPST_RUNNER, subprocess_runs, typst_peer

EDITION = REPO / "page_specs" / "edition.yaml"


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
    parser.add_argument("--quick", action="store_true", help="2 repeats instead of 3")
    parser.add_argument("--repeats", type=int, help="repeats after the first run")
    parser.add_argument("--jobs", type=int, default=2, help="-j for the parallel row (2)")
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 3)
    require_typst()
    from layout.spec.edition import load_edition

    edition = load_edition(EDITION)
    specs = edition.specs
    python = sys.executable
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        whole = subprocess_runs(
            [python, "-m", "layout", "build", str(EDITION), "-o", str(out / "edition.pdf")],
            out / "edition.pdf",
            REPO,
            repeats,
        )
        parallel = subprocess_runs(
            [
                python,
                "-m",
                "layout",
                "build",
                str(EDITION),
                "-o",
                str(out / "edition-j.pdf"),
                "-j",
                str(args.jobs),
            ],  # fmt: skip
            out / "edition-j.pdf",
            REPO,
            repeats,
        )
        singles = []
        for spec in specs:
            target = out / f"p{spec.page.number}.pdf"
            singles.append(
                subprocess_runs(
                    [python, "-m", "layout", "build", str(spec.path), "-o", str(target)],
                    target,
                    REPO,
                    repeats,
                )
            )
        document = out / "edition.typ"
        document.write_text(_typst_document(specs), encoding="utf-8")
        typst = subprocess_runs(
            [python, "-c", TYPST_RUNNER, str(document), str(out / "typst.pdf"), str(FONTS)],
            out / "typst.pdf",
            REPO,
            repeats,
        )
    loop = {k: sum(s[k] for s in singles) for k in ("first", "best", "median")}
    rows = [
        ("banmian edition (one process)", whole),
        (f"banmian edition -j {args.jobs}", parallel),
        (f"banmian {len(specs)} page processes (summed)", {**loop, "peak": None}),
        (f"Typst, the same {len(specs)} pages' stories", typst),
    ]
    print(f"bench_edition: {len(specs)} pages of {EDITION.relative_to(REPO)}; {machine()}")
    print(f"best / median of {repeats} after a first run; wall time of each process\n")
    print(
        table(
            ["row", "first", "best", "median", "peak MiB", "÷ Typst"],
            [
                (
                    name,
                    ms(r["first"]),
                    ms(r["best"]),
                    ms(r["median"]),
                    "—" if r.get("peak") is None else f"{r['peak']:.0f}",
                    f"{r['best'] / typst['best']:.2f}",
                )
                for name, r in rows
            ],
        )
    )
    marginal = (whole["best"] - singles[0]["best"]) / max(len(specs) - 1, 1)
    print(
        f"\nedition ÷ page processes: {whole['best'] / loop['best']:.2f}; "
        f"-j {args.jobs} ÷ one process: {parallel['best'] / whole['best']:.2f}"
    )
    print(
        f"per-page marginal cost: {marginal * 1000:.0f} ms "
        f"((edition {ms(whole['best'])} − page {specs[0].page.number} alone "
        f"{ms(singles[0]['best'])}) ÷ {len(specs) - 1})"
    )
    for name, r in rows:
        if r.get("status"):
            print(f"note: {name} exited {r['status']}: {r['stderr'].strip()[:300]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
