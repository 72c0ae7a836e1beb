"""Benchmark composing in process: the front page and the sample edition laid out with the
paragraph memo and the chains' prepared parts empty, as a cold build lays them out, after
one warm-up compose (fonts open, modules imported), so that the figure is the layout's own
work — most of it the text engine's (set paragraphs, headline sizes, widths, 拉行 / 缩行).

    python bench/bench_compose.py [--quick] [--repeats N] [--against DIR]

Each measurement is a child process (``PYTHONPATH`` the tree measured) that composes N + 1
times and reports the CPU time (``time.process_time``) of the last N: best and median. With
``--against DIR`` (another checkout, e.g. ``git -C . archive main | tar -x -C DIR``) the same
runs there, the two trees in alternation, and the ratio of the best times is printed. No
peer, no Typst needed; times are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

from _common import REPO, machine, table

_CHILD = """
import json, os, sys, time
os.chdir(sys.argv[1])
from layout.build import fonts_for
from layout.compose.edition import compose_pages
from layout.compose.page import compose_page
from layout.gcpolicy import layout_gc
from layout.spec import load_spec
from layout.spec.edition import load_edition
from layout.text.options import BreakMode

which, n = sys.argv[2], int(sys.argv[3])
spec = load_spec("page_specs/front.yaml")
fonts = fonts_for(spec)
edition = load_edition("page_specs/edition.yaml")


def run():
    with layout_gc():
        if which == "front":
            compose_page(spec, fonts, BreakMode.TOTAL_FIT)
        else:
            compose_pages(edition.specs, fonts, BreakMode.TOTAL_FIT, only=set(edition.numbers))


run()
times = []
for _ in range(n):
    fonts.memo.clear()
    for role in fonts.roles:  # the prepared parts and shapes too (a tree that keeps them)
        getattr(fonts.metrics(role), "part_cache", {}).clear()
        getattr(fonts.metrics(role), "shape_cache", {}).clear()
    t = time.process_time()
    run()
    times.append(time.process_time() - t)
print(json.dumps(times))
"""


def measure(tree: Path, which: str, repeats: int) -> list[float]:
    """CPU times of ``repeats`` composes of ``which`` in ``tree`` (a child process)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tree), which, str(repeats)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 repeats instead of 10")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--against", type=Path, default=None, help="another checkout")
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 10)
    trees = [("this checkout", REPO)]
    if args.against is not None:
        trees.append(("against", args.against.resolve()))
    print(machine())
    rows = []
    for which in ("front", "edition"):
        best: dict[str, float] = {}
        runs: dict[str, list[float]] = {name: [] for name, _ in trees}
        for _ in range(2):  # the trees in alternation, twice
            for name, tree in trees:
                runs[name] += measure(tree, which, repeats)
        for name, _ in trees:
            times = sorted(runs[name])
            best[name] = times[0]
            median = times[len(times) // 2]
            rows.append([f"{which}: {name}", f"{times[0] * 1e3:.1f} ms", f"{median * 1e3:.1f} ms"])
        if len(trees) == 2:
            rows.append([f"{which}: ratio", f"{best['this checkout'] / best['against']:.2f}", ""])
    print(table(["compose, memo empty (CPU)", "best", "median"], rows))


if __name__ == "__main__":
    main()
