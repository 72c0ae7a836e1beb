#!/usr/bin/env python3
"""Kill builds at random moments, and run builds at once, to show what ``layout.output`` holds.

    python tools/kill_build.py                  # 10 kills and 3 rounds of two builds at once
    python tools/kill_build.py --kills 50 --seed 7 --rounds 5

A small press page (a story of the sample edition and a photo box with a generated RGB photo
of 900 × 1200 pixels, so the photo is converted to CMYK and cached) is built once with
``python -m layout build SPEC -o OUT/page.pdf`` and an empty press-image cache
(``BANMIAN_CACHE``): that PDF and the cached photo are the reference. Then:

- **kills**: each run starts the same build (with the cache emptied first in about half of
  them, so the cache is written too) and sends it SIGKILL after a random moment between 0
  and 1.1 × the duration of a whole build. Afterwards the output folder must hold the
  reference PDF, byte for byte (``qpdf --check`` clean when qpdf is installed), and the cache
  folder only complete entries equal to the reference; a hidden ``*.banmian-tmp`` file (a
  kill in the instant between link and rename) is counted, and the next build must sweep it.
  After the last kill one more build runs and both folders must hold nothing else.
- **at once**: two builds of the same page to the same output and the same (emptied) cache,
  started together: both exit 0 and the PDF is the reference's bytes.

The moments come from ``random.Random(seed)``: the same seed, the same moments. Exit 1 when
anything does not hold. ``tests/test_output.py`` runs a short version.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FRONT = REPO / "page_specs" / "front.yaml"
TEMP_SUFFIX = ".banmian-tmp"  # layout.output.TEMP_SUFFIX (this script imports nothing of it)

PICTURE = """\
id: picture
headline: 图片新闻
photos:
- file: {file}
  caption: 测试图片。
"""

BOXES = """\
  - id: photo
    kind: photo
    article: picture
    at: {column: 6, span: 3, line: 1, lines: 34}
  - id: story
    kind: article
    article: labour
    at: {column: 1, span: 5, line: 1, lines: 34}
    headline: {lines: 6}
"""


def write_spec(folder: Path) -> Path:
    """The sample front page's settings with a story and a photo box, paths made absolute."""
    from PIL import Image

    photo = folder / "picture.png"
    gradient = Image.linear_gradient("L").resize((900, 1200))
    Image.merge("RGB", (gradient, gradient.rotate(90), gradient.transpose(0))).save(photo)
    picture = folder / "picture.yaml"
    picture.write_text(PICTURE.format(file=photo), encoding="utf-8")
    articles = f"[{REPO / 'articles' / 'labour.yaml'}, {picture}]"
    # The edition's shared parts (fonts, styles) from its file; the articles our own.
    text = FRONT.read_text(encoding="utf-8").replace(
        "extends: edition.yaml",
        f"extends: {REPO / 'page_specs' / 'edition.yaml'}\narticles: {articles}",
    )
    spec = folder / "page.yaml"
    spec.write_text(f"{text[: text.index(chr(10) + 'boxes:')]}\nboxes:\n{BOXES}", "utf-8")
    return spec


@dataclass
class Report:
    cold: float = 0.0  # seconds of a build that converts the photo
    warm: float = 0.0  # seconds of a build that finds it in the cache
    kills: int = 0  # builds that were killed
    finished: int = 0  # builds that were done before the signal came
    left_for_sweep: int = 0  # hidden temporary files found after a kill
    concurrent: int = 0  # rounds of builds at once
    failures: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        lines = [
            f"a build takes {self.cold:.2f} s ({self.warm:.2f} s with the photo cached)",
            f"{self.kills} builds killed, {self.finished} done before the signal; "
            f"{self.left_for_sweep} hidden temporary files left by a kill (swept by the next "
            f"build); {self.concurrent} rounds of two builds at once",
        ]
        lines += [f"FAILED: {f}" for f in self.failures]
        lines.append("ok" if not self.failures else f"{len(self.failures)} failures")
        return "\n".join(lines)


class Bench:
    """A spec, an output folder and a cache folder, and the reference build."""

    def __init__(self, folder: Path) -> None:
        self.spec = write_spec(folder)
        self.out_dir = folder / "out"
        self.out = self.out_dir / "page.pdf"
        self.cache = folder / "cache"
        self.env = {
            **os.environ,
            "BANMIAN_CACHE": str(self.cache),
            "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        }
        self.clear_cache()
        started = time.perf_counter()
        self.run_build()
        self.cold = time.perf_counter() - started  # a build that converts the photo
        self.reference = self.out.read_bytes()
        self.cached = self.cache_entries()
        started = time.perf_counter()
        self.run_build()
        self.warm = time.perf_counter() - started  # a build that finds it in the cache

    def command(self) -> list[str]:
        return [sys.executable, "-m", "layout", "build", str(self.spec), "-o", str(self.out)]

    def start(self) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            self.command(),
            env=self.env,
            cwd=self.out_dir.parent,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )

    def run_build(self) -> None:
        done = subprocess.run(
            self.command(), env=self.env, cwd=self.out_dir.parent, capture_output=True
        )
        if done.returncode != 0:
            raise RuntimeError(f"the build failed: {done.stderr.decode(errors='replace')}")

    def clear_cache(self) -> None:
        shutil.rmtree(self.cache, ignore_errors=True)

    def cache_entries(self) -> dict[str, bytes]:
        folder = self.cache / "press-images"
        if not folder.is_dir():
            return {}
        return {p.name: p.read_bytes() for p in folder.iterdir() if not _temporary(p)}

    def check(self, report: Report, when: str) -> int:
        """Everything in the two folders complete and equal to the reference; returns the
        number of hidden temporary files (a kill between link and rename)."""
        temporary = 0
        for entry in sorted(self.out_dir.iterdir()):
            if _temporary(entry):
                temporary += 1
            elif entry != self.out:
                report.failures.append(f"{when}: {entry.name} left in the output folder")
        if not self.out.is_file():
            report.failures.append(f"{when}: the previous PDF is gone")
        elif self.out.read_bytes() != self.reference:
            report.failures.append(f"{when}: the PDF is not the reference's bytes")
        elif shutil.which("qpdf"):
            qpdf = subprocess.run(["qpdf", "--check", str(self.out)], capture_output=True)
            if qpdf.returncode != 0:
                report.failures.append(f"{when}: qpdf --check: {qpdf.stdout.decode()[-200:]}")
        folder = self.cache / "press-images"
        for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
            if _temporary(entry):
                temporary += 1
            elif self.cached.get(entry.name) != entry.read_bytes():
                report.failures.append(f"{when}: cache entry {entry.name} is not complete")
        return temporary


def _temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def kill_builds(bench: Bench, report: Report, *, kills: int, seed: int) -> None:
    rng = random.Random(seed)
    for run in range(1, kills + 1):
        cold = rng.random() < 0.5
        if cold:
            bench.clear_cache()
        moment = rng.uniform(0.0, 1.1 * (bench.cold if cold else bench.warm))
        process = bench.start()
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        _, err = process.communicate()
        if process.returncode == -signal.SIGKILL:
            report.kills += 1
        elif process.returncode == 0:
            report.finished += 1
        else:
            report.failures.append(f"kill {run}: exit {process.returncode}: {err.decode()}")
        report.left_for_sweep += bench.check(report, f"kill {run} at {moment:.3f} s")
    bench.run_build()  # sweeps what the kills left
    if bench.check(report, "the build after the kills"):
        report.failures.append("a hidden temporary file survived the next build")


def builds_at_once(bench: Bench, report: Report, *, rounds: int, count: int = 2) -> None:
    for run in range(1, rounds + 1):
        bench.clear_cache()
        processes = [bench.start() for _ in range(count)]
        for process in processes:
            _, err = process.communicate()
            if process.returncode != 0:
                report.failures.append(
                    f"at once {run}: exit {process.returncode}: {err.decode(errors='replace')}"
                )
        report.concurrent += 1
        if bench.check(report, f"at once {run}"):
            report.failures.append(f"at once {run}: a temporary file was left")
        if bench.cache_entries() != bench.cached:
            report.failures.append(f"at once {run}: the cache is not the reference's")


def torture(folder: Path, *, kills: int = 10, seed: int = 0, rounds: int = 3) -> Report:
    bench = Bench(folder)
    report = Report(cold=bench.cold, warm=bench.warm)
    kill_builds(bench, report, kills=kills, seed=seed)
    builds_at_once(bench, report, rounds=rounds)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=10, help="builds to kill (default 10)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the moments (default 0)")
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds of two builds at once (default 3)"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="banmian-kill-") as tmp:
        report = torture(Path(tmp), kills=args.kills, seed=args.seed, rounds=args.rounds)
    print(report)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
