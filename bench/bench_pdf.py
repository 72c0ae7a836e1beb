"""Benchmark the edition's PDF stage: what its page PDFs cost beside the edition's own.

    python bench/bench_pdf.py [--quick] [--repeats N]

An edition build writes the edition's PDF and one PDF a page (``pages_pdf_bytes``); the Typst
peer of ``bench_edition.py`` writes one PDF. Each round runs two child processes, in
alternation: each composes the sample edition and then makes, once, as a build does (the
first PDF stage of its process, under ``layout_gc``), either every PDF
(``pages_pdf_bytes``) or the edition's alone (``pdf_bytes``), timing that call by the wall
clock and by the process's CPU time (all threads: the deflating worker's too). Printed:
best and median of each, and what the page PDFs add. No peer, no Typst needed; times are
printed, never asserted. Writing the files (``write`` in ``build --timings``) is not in it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

from _common import REPO, machine, table

_CHILD = """
import json, os, sys, time
os.chdir(sys.argv[1])
from layout.build import fonts_for
from layout.edition import _press, _title, compose_edition
from layout.gcpolicy import layout_gc
from layout.render.pdf import pages_pdf_bytes, pdf_bytes
from layout.spec.edition import load_edition

edition = load_edition("page_specs/edition.yaml")
press = _press(edition, None)
chosen = press if press.pdfx else None
pages = compose_edition(edition)
fonts = fonts_for(edition.specs[0])
wall, cpu = time.perf_counter(), time.process_time()
with layout_gc():
    if sys.argv[2] == "every":
        whole, singles = pages_pdf_bytes(pages, fonts, chosen, title=_title(edition))
    else:
        whole, singles = pdf_bytes(pages, fonts, chosen, title=_title(edition)), ()
print(json.dumps([time.perf_counter() - wall, time.process_time() - cpu, len(singles)]))
"""

_KINDS = {
    "every": "edition + page PDFs (pages_pdf_bytes)",
    "edition": "edition PDF alone (pdf_bytes)",
}


def measure(kind: str) -> tuple[float, float]:
    """Wall and CPU seconds of one PDF stage of ``kind`` in a new process."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(REPO), kind],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    wall, cpu, _ = json.loads(out.splitlines()[-1])
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 8")
    parser.add_argument("--repeats", type=int, default=None, help="rounds")
    args = parser.parse_args()
    rounds = args.repeats or (3 if args.quick else 8)
    print(machine())
    print(f"{rounds} rounds after a warm-up round; each row once a round, in alternation\n")
    for kind in _KINDS:  # warm-up: bytecode, the font-program cache
        measure(kind)
    runs: dict[str, list[tuple[float, float]]] = {kind: [] for kind in _KINDS}
    for _ in range(rounds):
        for kind in _KINDS:
            runs[kind].append(measure(kind))
    rows = []
    medians: dict[str, tuple[float, float]] = {}
    for kind, label in _KINDS.items():
        walls = sorted(w for w, _ in runs[kind])
        cpus = sorted(c for _, c in runs[kind])
        medians[kind] = (walls[len(walls) // 2], cpus[len(cpus) // 2])
        rows.append(
            [label, f"{walls[0] * 1e3:.1f} ms", f"{medians[kind][0] * 1e3:.1f} ms",
             f"{cpus[0] * 1e3:.1f} ms", f"{medians[kind][1] * 1e3:.1f} ms"]
        )  # fmt: skip
    print(
        table(
            [
                "PDF stage of the sample edition",
                "best wall",
                "median wall",
                "best CPU",
                "median CPU",
            ],
            rows,
        )
    )
    added_wall = medians["every"][0] - medians["edition"][0]
    added_cpu = medians["every"][1] - medians["edition"][1]
    print(
        f"\nthe page PDFs add (medians): {added_wall * 1e3:.1f} ms wall, "
        f"{added_cpu * 1e3:.1f} ms CPU"
        f" ({medians['every'][0] / medians['edition'][0]:.2f}× the edition PDF alone)"
    )


if __name__ == "__main__":
    main()
