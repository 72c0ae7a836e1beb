"""Benchmark the whole front page: ``page_specs/front.yaml`` to PDF, against a Typst peer.

    python bench/bench_build.py [--quick] [--repeats N]

* Processes, interleaved: each round runs, one after the other (every other round in the
  reverse order), the Typst peer
  (``python -c "import typst; typst.compile(...)"``), ``python -m layout build
  page_specs/front.yaml`` (photo cached), the same with ``--no-pdfx``, the build with a new
  photo (the press-image cache emptied first: a photo not converted before, of a profile
  seen before, whose colour table ``press-tables/`` is kept — the usual case), and the same
  with the colour tables emptied too (a photo of a profile never seen), and the build with
  the whole cache folder emptied (every cached input made again: the photo and its table, the
  parsed YAML documents, the deflated font programs, the advertisements' pages, the headlines'
  word cuts — a first build on a new machine), after one warm-up round. Wall time from
  process start to exit (the PDF written) and the child's peak memory (its own ``ru_maxrss``
  from ``os.wait4``). Each banmian run is divided by the Typst run of its round (the median
  and range of those ratios are printed): on a shared machine the load moves a round's runs
  alike, so the ratio is steadier than either time. The builds use a cache folder of their
  own (``$BANMIAN_CACHE`` in a temporary folder), so the state is known: the photo and the
  headlines' word cuts stored by the warm-up.
* banmian, warm: ``layout.build.build(spec, out)`` in this process, repeated after a first
  build (fonts loaded) — best and median rebuild, and the stage timings
  (``result.timings.stages``) of the first (cold, in-process) and of the best warm build.
* The Typst peer: a generated .typ setting the same stories (every article box of the spec) at
  the same page size, type area, columns, gutter and measure with the same fonts (only
  ``fonts/``): each headline as a block in Noto Serif CJK SC Black, then the body justified
  with a 2-em indent, flowing through 8 columns. It is a peer doing similar work, NOT an
  identical layout (no masthead, photo, figures box, boxes or grid; headlines set in the
  1-column flow).

Targets (issue 16; printed, never asserted): cold build ≤ 2.0 × Typst; a new photo ≤ 0.25 s;
peak memory ≤ 80 MiB with a new photo; warm rebuild < 50 ms.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from _common import FONTS, FRONT_SPEC, REPO, machine, ms, require_typst, table, typst_string

WARM_TARGET = 0.050  # s (issue 16)
MEMORY_TARGET = 80  # MiB, the first build with a new photo included (issue 16)
RATIO_TARGET = 2.0  # cold build ÷ Typst, whole processes (issue 16)
PHOTO_TARGET = 0.25  # s: what a new photo adds to a build (issue 16)
GROUP = 5  # process rows per checkout (banmian_rows)

TYPST_RUNNER = (
    "import sys, typst\n"
    "typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]],\n"
    "              ignore_system_fonts=True, pdf_tags=False)\n"
)


def run_child(
    argv: list[str], output: Path, cwd: Path, root: Path = REPO, cache: Path | None = None
) -> tuple[float, float, int, str, float]:
    """Run ``argv`` with ``root`` first on ``PYTHONPATH`` (and ``$BANMIAN_CACHE`` set to
    ``cache`` when given); return (seconds from start to exit, peak RSS in MiB, exit status,
    stderr, CPU seconds: the child's user + system time, steadier than the wall clock on a
    busy machine).

    The peak is the child's own ``ru_maxrss`` (from ``os.wait4``; Linux reports KiB), so
    each run is measured alone, not the maximum over all children so far.
    """
    output.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(root), os.environ.get("PYTHONPATH", "")) if p
        ),
    }
    if cache is not None:
        env["BANMIAN_CACHE"] = str(cache)
    # Bytecode written by the warm-up and read after, as an installed package has it: with
    # PYTHONDONTWRITEBYTECODE set (some shells set it) a checkout without __pycache__ would
    # compile every layout module from source in every run (0.1–0.2 s of a cold build).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as err:
        t = time.perf_counter()
        child = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - t
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    if not output.exists():
        sys.exit(f"error: {' '.join(argv)} wrote no PDF (exit {child.returncode}):\n{stderr}")
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return seconds, peak, child.returncode, stderr, usage.ru_utime + usage.ru_stime


@dataclass
class Row:
    """One process measured in the interleaved rounds: its command, what runs before each
    of its runs (``prepare``), and the runs."""

    label: str
    argv: list[str]
    output: Path
    cwd: Path
    prepare: Callable[[], None] = lambda: None
    root: Path = REPO  # the checkout whose code runs (first on PYTHONPATH)
    cache: Path | None = None  # $BANMIAN_CACHE of the run
    runs: list[tuple[float, float, int, str, float]] = field(default_factory=list)
    size: int = 0  # bytes of the PDF written

    def run(self) -> None:
        self.prepare()
        self.runs.append(run_child(self.argv, self.output, self.cwd, self.root, self.cache))
        self.size = self.output.stat().st_size


def banmian_rows(root: Path, tmp: Path, prefix: str) -> list[Row]:
    """The three builds of the front page by the checkout at ``root``, with a cache folder
    of their own (its state known: the photo and the headlines' cuts stored by the warm-up;
    the new-photo rows empty its press images first, the last one its colour tables too)."""
    cache = tmp / f"cache-{len(prefix)}-{root.name}"
    spec = root / "page_specs" / "front.yaml"
    out = tmp / f"{len(prefix)}-{root.name}"

    def build(*extra: str, name: str) -> list[str]:
        return [sys.executable, "-m", "layout", "build", str(spec), "-o", f"{out}-{name}", *extra]

    def new_photo() -> None:
        shutil.rmtree(cache / "press-images", ignore_errors=True)

    def new_profile() -> None:
        new_photo()
        shutil.rmtree(cache / "press-tables", ignore_errors=True)

    def empty_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    def row(label: str, argv: list[str], name: str, prepare=lambda: None) -> Row:
        return Row(prefix + label, argv, Path(f"{out}-{name}"), root, prepare, root, cache)

    return [
        row("banmian build (photo cached)", build(name="a.pdf"), "a.pdf"),
        row("banmian build --no-pdfx", build("--no-pdfx", name="b.pdf"), "b.pdf"),
        row("banmian build, a new photo", build(name="c.pdf"), "c.pdf", new_photo),
        row(
            "banmian build, a new photo, table not kept", build(name="d.pdf"), "d.pdf", new_profile
        ),
        row("banmian build, empty cache", build(name="e.pdf"), "e.pdf", empty_cache),
    ]


def interleaved(rows: list[Row], rounds: int) -> None:
    """One warm-up run of each row (the page cache, ``__pycache__``), then ``rounds`` rounds
    running each row once in turn: the machine's load moves all rows of a round alike, so
    the ratio of a row to the peer's run of the same round is steadier than either time.
    Every other round runs the rows in reverse order (A B … B A): a fixed order gave a row
    that always runs right after another (``--against``'s tree after this checkout's) a bias
    of its own — equal instruction counts read 1.12–1.17× one way round and 0.93 the other."""
    for row in rows:
        row.run()
        row.runs.clear()
    for turn in range(rounds):
        for row in rows if turn % 2 == 0 else reversed(rows):
            row.run()


def ratios(row: Row, peer: Row) -> list[float]:
    return [a[0] / b[0] for a, b in zip(row.runs, peer.runs, strict=True)]


# --------------------------------------------------------------------------- Typst peer


def typst_peer(spec) -> tuple[str, dict]:
    """A .typ setting the spec's article boxes' stories in the spec's page geometry."""
    from layout.articles import Article, ParagraphKind

    page, grid, styles = spec.page, spec.grid, spec.styles
    area = page.type_area
    body, headline, intertitle = styles[grid.body_style], styles["headline"], styles["intertitle"]
    margins = {
        "left": area.x,
        "top": area.y,
        "right": page.trim_width - area.x - area.width,
        "bottom": page.trim_height - area.y - area.height,
    }
    chain = {  # the manifest's roles as Typst font lists (only faces in fonts/)
        "song": '("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai")',
        "hei": '("Noto Sans CJK SC", "Noto Serif CJK SC")',
    }
    gap = body.leading - body.size
    lines = [
        f"#set page(width: {page.trim_width:.3f}pt, height: {page.trim_height:.3f}pt,",
        "  margin: (" + ", ".join(f"{k}: {v:.3f}pt" for k, v in margins.items()) + "),",
        f"  columns: {grid.columns})",
        f"#set columns(gutter: {grid.gutter:.3f}pt)",
        f'#set text(font: {chain["song"]}, size: {body.size}pt, lang: "zh", region: "cn",',
        "  top-edge: 0.88em, bottom-edge: -0.12em)",
        f"#set par(justify: true, first-line-indent: (amount: {body.indent:g}em, all: true),",
        f"  leading: {gap:.3f}pt, spacing: {gap:.3f}pt)",
        "",
    ]
    stories = {"articles": 0, "paragraphs": 0, "chars": 0}
    for box in spec.boxes:
        article = spec.articles.get(box.article) if box.article else None
        if box.kind.value != "article" or not isinstance(article, Article):
            continue
        stories["articles"] += 1
        head = " \\ ".join("#" + typst_string(h) for h in article.headline)
        stories["chars"] += sum(len(h) for h in article.headline)
        lines += [
            f"#block(width: 100%, breakable: false, above: {body.leading}pt, "
            f"below: {body.leading}pt)[",
            f"  #set text(font: {chain['song']}, weight: 900, size: {headline.size}pt)",
            f"  #set par(justify: false, leading: {headline.leading - headline.size:.3f}pt)",
            f"  #align(center)[{head}]",
            "]",
            "",
        ]
        for p in article.paragraphs:
            stories["paragraphs"] += 1
            stories["chars"] += len(p.text)
            if p.kind is ParagraphKind.INTERTITLE:
                lines.append(
                    f"#block(below: {gap:.3f}pt)[#set text(font: {chain['hei']}, weight: 700, "
                    f"size: {intertitle.size}pt); #align(center, {typst_string(p.text)})]"
                )
            else:
                lines.append("#" + typst_string(p.text))
            lines.append("")
    lines.append("#metadata(none) <bench-end>")
    return "\n".join(lines) + "\n", stories


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (2 instead of 3/5)")
    parser.add_argument("--repeats", type=int, help="interleaved rounds after the warm-up")
    parser.add_argument(
        "--against",
        type=Path,
        help="another checkout (e.g. `git worktree add /tmp/before HEAD~3`): its four builds "
        "in the same rounds, for a before/after in one run",
    )
    args = parser.parse_args(argv)
    typst = require_typst()
    sub_repeats = args.repeats or (2 if args.quick else 3)
    warm_repeats = args.repeats or (2 if args.quick else 5)

    from layout.build import build
    from layout.spec import load_spec

    start = time.perf_counter()
    print(f"bench_build — {datetime.date.today()} — {machine()}")
    spec = load_spec(FRONT_SPEC)
    g, p = spec.grid, spec.page
    print(
        f"page: {FRONT_SPEC.relative_to(REPO)} — trim {p.trim_width:.1f}×{p.trim_height:.1f} pt, "
        f"type area {p.type_area.width:.1f}×{p.type_area.height:.1f} pt, {g.columns} columns "
        f"of {g.column_width:g} pt, gutter {g.gutter:g} pt, line pitch {g.line_pitch:g} pt"
    )
    print(
        f"timing: wall clock; processes: {sub_repeats} interleaved rounds after a warm-up; "
        f"warm in-process: {warm_repeats} rebuilds after a first build\n"
    )

    with tempfile.TemporaryDirectory(prefix="banmian-bench-") as tmp_name:
        tmp = Path(tmp_name)

        # ------------------------------------------------- processes, interleaved with Typst
        source, stories = typst_peer(spec)
        typ = tmp / "front-peer.typ"
        typ.write_text(source, encoding="utf-8")
        peer_row = Row(
            "Typst peer  python -c typst.compile",
            [sys.executable, "-c", TYPST_RUNNER, str(typ), str(tmp / "peer.pdf"), str(FONTS)],
            tmp / "peer.pdf",
            tmp,
        )
        rows = [peer_row, *banmian_rows(REPO, tmp, "")]
        if args.against is not None:
            rows += banmian_rows(args.against.resolve(), tmp, "against: ")
        interleaved(rows, sub_repeats)
        banmian = {
            "status": rows[1].runs[0][2],
            "stderr": rows[1].runs[0][3],
        }

        # ---------------------------------------------------------------- banmian, in-process
        warm_out = tmp / "front-warm.pdf"
        first = build(FRONT_SPEC, warm_out)
        cold_total = sum(first.timings.stages.values())
        warm = [build(FRONT_SPEC, warm_out) for _ in range(warm_repeats)]
        totals = [sum(r.timings.stages.values()) for r in warm]
        best_warm = warm[totals.index(min(totals))]

        try:
            pages = json.loads(
                typst.eval(
                    source.encode(),
                    "counter(page).at(<bench-end>)",
                    format="json",
                    font_paths=[str(FONTS)],
                    ignore_system_fonts=True,
                )
            )[0]
        except Exception as exc:  # noqa: BLE001 - informational only
            pages = f"? ({exc})"

    # -------------------------------------------------------------------- report
    peer_times = [r[0] for r in peer_row.runs]
    table_rows = []
    for row in rows:
        times = [r[0] for r in row.runs]
        rs = ratios(row, peer_row)
        table_rows.append(
            [
                row.label,
                ms(min(times)),
                ms(statistics.median(times)),
                f"{max(r[1] for r in row.runs):.1f} MiB",
                f"{statistics.median(rs):.2f}",
                f"{min(rs):.2f}–{max(rs):.2f}",
                f"{row.size / 1024:.0f} KiB",
            ]
        )
    print(
        table(
            [
                "process (start → PDF written)",
                "best",
                "median",
                "peak memory",
                "÷ Typst",
                "range",
                "PDF",
            ],
            table_rows,
        )
    )
    print(
        f"\n{sub_repeats} interleaved rounds (one run of each row per round; ÷ Typst is each "
        f"run over the Typst run of its round: median and range); Typst median "
        f"{ms(statistics.median(peer_times))}"
    )
    for group in (rows[1 : 1 + GROUP], rows[1 + GROUP : 1 + 2 * GROUP]):
        if not group:
            continue
        cached, _, fresh, new_profile, empty = group
        who = cached.label.partition("banmian")[0] or "this checkout: "
        ratio = statistics.median(ratios(cached, peer_row))
        photo = [a[0] - b[0] for a, b in zip(fresh.runs, cached.runs, strict=True)]
        profile = [a[0] - b[0] for a, b in zip(new_profile.runs, cached.runs, strict=True)]
        # The target's builds: the empty-cache row (a first build on a new machine) is not one.
        peak = max(r[1] for row in group[:-1] for r in row.runs)
        print(
            f"{who}cold build ÷ Typst (median of the rounds) = {ratio:.2f} (target ≤ "
            f"{RATIO_TARGET}); a new photo adds {ms(statistics.median(photo))} (the new-photo "
            f"build less the cached one of its round, median; target ≤ "
            f"{PHOTO_TARGET * 1000:.0f} ms; its profile's colour table kept), "
            f"{ms(statistics.median(profile))} with the table not kept; peak memory "
            f"{peak:.1f} MiB (target ≤ "
            f"{MEMORY_TARGET} MiB); with the whole cache empty (a first build) ÷ Typst = "
            f"{statistics.median(ratios(empty, peer_row)):.2f}, peak "
            f"{max(r[1] for r in empty.runs):.1f} MiB"
        )
    if len(rows) > 1 + GROUP:
        before = rows[1 + GROUP]
        speed = [a[0] / b[0] for a, b in zip(rows[1].runs, before.runs, strict=True)]
        cpu = [a[4] / b[4] for a, b in zip(rows[1].runs, before.runs, strict=True)]
        print(
            f"this checkout ÷ against, cold build (per round): median "
            f"{statistics.median(speed):.2f}, range {min(speed):.2f}–{max(speed):.2f}; "
            f"CPU time (user + system) median {statistics.median(cpu):.2f}, range "
            f"{min(cpu):.2f}–{max(cpu):.2f} ({ms(statistics.median(r[4] for r in rows[1].runs))} "
            f"against {ms(statistics.median(r[4] for r in before.runs))})"
        )
    if banmian["status"] or banmian["stderr"].strip():
        print(f"banmian build exit status {banmian['status']}; its messages:")
        for line in banmian["stderr"].strip().splitlines():
            print(f"  {line}")

    print(
        f"\nwarm rebuild in-process (layout.build.build, {warm_repeats} after a first build): "
        f"best {ms(min(totals))}, median {ms(statistics.median(totals))}   "
        f"(target < {WARM_TARGET * 1000:.0f} ms)"
    )
    stages = list(dict.fromkeys([*first.timings.stages, *best_warm.timings.stages]))
    print(
        table(
            ["stage", "first build (cold, in-process)", "best warm rebuild"],
            [
                *(
                    [s, ms(first.timings.stages.get(s)), ms(best_warm.timings.stages.get(s))]
                    for s in stages
                ),
                ["total", ms(cold_total), ms(min(totals))],
            ],
        )
    )
    print(f"problems reported by the build: {len(first.problems)} ({len(first.errors)} errors)")

    print(
        "\nTypst peer: a document of SIMILAR work, not an identical layout — the same stories "
        f"({stories['articles']} article boxes of the spec: {stories['paragraphs']} paragraphs, "
        f"{stories['chars']} characters incl. headlines), page size, type area, "
        f"{g.columns} columns, gutter and {g.column_width:g} pt measure, fonts only from "
        "fonts/ (Noto Serif CJK SC Regular for the body, Black for headlines); the headline "
        "blocks sit in the one-column flow and the text simply flows column to column. No "
        "masthead, photo, figures box, rules or boxes. banmian's time includes all of those "
        f"(and its PDF embeds the photo). Typst pages used: {pages}. pdf_tags=False."
    )
    print("Both processes include starting Python and importing the engine.")
    print(f"\ntotal run time {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
