"""Benchmark the text engine: set all the sample edition's body text into 13-character columns.

    python bench/bench_text.py [--quick] [--repeats N] [--no-typography]

The text is every body paragraph (the body items that are strings) of ``articles/*.yaml``,
set at 9 pt with a 2-em first-line indent into a 117 pt (13 × 9 pt) measure, justified,
with ``fonts/NotoSerifSC-Regular.ttf`` (Noto Serif CJK SC) by three engines:

* banmian: ``set_paragraph`` per paragraph, total-fit and first-fit; lines are checked with
  ``layout.text.check.check_lines`` (rule violations should be zero).
* ReportLab Platypus: ``Paragraph(..., wordWrap='CJK')`` + ``wrap(117, 1e6)`` per paragraph
  (layout only, nothing is drawn).
* Typst (the Python ``typst`` package): one document with the same paragraphs on a 117 pt
  wide page. The package compiles only to PDF / SVG / PNG / HTML, so its compile time
  includes PDF export; a layout-only time is taken with ``Compiler.query`` (a query lays the
  document out but exports nothing).

Times are wall clock, best of N after a warm-up run; "cold" is the first run in this
process (banmian's and ReportLab's include loading the font). Nothing is asserted.

Then the issue-16 comparison, at 1× and 10×: banmian total-fit against Typst's layout only
(``Compiler.query``) on the same text, and on the same text with every paragraph ten times as
long (each paragraph's text repeated: a paragraph of ten times the lines, which is where a
line breaker's cost per character shows). The two are timed in alternation (one run of each in
turn, so that a change in the machine's load falls on both), best of N, by the wall clock and
by the process's CPU time. banmian runs there under ``layout.gcpolicy.layout_gc``, as a build
runs its layout.

After the timings, the typography figures of ``tools/typocheck.py`` (``bench/typocheck``) for
four PDFs side by side: this text in one 13-character column set by banmian (a whole build
of a generated one-column page) and by Typst, and the sample front page set by banmian and
by ``bench_build.py``'s Typst peer.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from _common import (
    ARTICLES,
    FONTS,
    FRONT_SPEC,
    machine,
    ms,
    repeat,
    require_typst,
    table,
    timed,
    typst_string,
)

SIZE = 9.0  # pt, 小五
CHARS_PER_LINE = 13
MEASURE = CHARS_PER_LINE * SIZE  # 117 pt
LEADING = 14.0  # pt, line pitch of the sample's body style
INDENT = 2  # em
FONT_FILE = FONTS / "NotoSerifSC-Regular.ttf"
TYPST_FAMILY = "Noto Serif CJK SC"
# banmian's song role falls back to these; the Typst document gets the same chain.
TYPST_FALLBACK = ("Noto Serif CJK SC", "Noto Sans CJK SC", "LXGW WenKai")


def body_paragraphs() -> list[str]:
    from layout.articles import Article, ParagraphKind, article_paths, load_articles

    records = load_articles(article_paths(ARTICLES))
    return [
        p.text
        for record in records.values()
        if isinstance(record, Article)
        for p in record.paragraphs
        if p.kind is ParagraphKind.BODY
    ]


def font_family(path: Path) -> str:
    from fontTools.ttLib import TTFont

    names = TTFont(path, lazy=True)["name"]
    return str(names.getDebugName(16) or names.getDebugName(1))


# --------------------------------------------------------------------------- banmian


def bench_banmian(paragraphs: list[str], repeats: int) -> list[dict]:
    from layout.fonts import library
    from layout.text.check import check_lines
    from layout.text.options import BreakMode, Prohibition
    from layout.text.paragraph import set_paragraph
    from layout.text.prepare import ParagraphStyle

    style = ParagraphStyle(size=SIZE, indent=INDENT)

    def run(mode: BreakMode) -> list:
        metrics = library().metrics("song")  # the first call loads the faces
        _forget_parts(metrics)
        return [set_paragraph(t, style, MEASURE, metrics, mode=mode) for t in paragraphs]

    rows = []
    for mode in (BreakMode.TOTAL_FIT, BreakMode.FIRST_FIT):
        cold, result = timed(lambda mode=mode: run(mode))  # total-fit's includes font load
        run(mode)  # warm-up
        warm = repeat(lambda mode=mode: run(mode), repeats)
        violations: Counter[str] = Counter()
        for p in result:
            for v in check_lines(p.lines, p.text, Prohibition.BASIC, em=SIZE):
                violations[v.kind.value] += 1
        rows.append(
            {
                "engine": "banmian",
                "mode": mode.value,
                "lines": sum(len(p.lines) for p in result),
                "cold": cold,
                "warm": warm,
                "violations": violations,
                "missing": sum(len(p.missing) for p in result),
                "overfull": sum(len(p.overfull) for p in result),
            }
        )
    return rows


# --------------------------------------------------------------------------- ReportLab


def bench_reportlab(paragraphs: list[str], repeats: int) -> dict:
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph

    markup = [escape(t) for t in paragraphs]

    def register() -> str:
        name = "BenchNotoSerifSC"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_FILE)))
        return name

    def run() -> int:
        style = ParagraphStyle(
            "body",
            fontName=register(),
            fontSize=SIZE,
            leading=LEADING,
            firstLineIndent=INDENT * SIZE,
            alignment=TA_JUSTIFY,
            wordWrap="CJK",
        )
        lines = 0
        for text in markup:
            p = Paragraph(text, style)
            p.wrap(MEASURE, 1e6)
            lines += len(p.blPara.lines)
        return lines

    cold, lines = timed(run)  # includes registering (loading) the TrueType font
    run()
    warm = repeat(run, repeats)
    return {
        "engine": "ReportLab",
        "mode": "Platypus wrap, CJK",
        "lines": lines,
        "cold": cold,
        "warm": warm,
    }


# --------------------------------------------------------------------------- Typst


def typst_document(paragraphs: list[str], variant: int = 0) -> bytes:
    """The paragraphs at 9 pt on a 117 pt page; line pitch 14 pt, no space between paragraphs.

    ``variant`` changes only the text colour (luma 0–9 %: black to the eye), which is part of
    the style chain: Typst's memoized layout of the previous compile then cannot be reused,
    so a warm compile lays everything out again — as a rebuild after an edit would.
    """
    fonts = ", ".join(typst_string(f) for f in TYPST_FALLBACK)
    head = f"""#set page(width: {MEASURE}pt, height: auto, margin: 0pt)
#set text(font: ({fonts}), size: {SIZE}pt, lang: "zh", region: "cn",
          top-edge: 0.88em, bottom-edge: -0.12em, fill: luma({variant % 10}%))
#set par(justify: true, first-line-indent: (amount: {INDENT}em, all: true),
         leading: {LEADING - SIZE}pt, spacing: {LEADING - SIZE}pt)
"""
    # Each line box is 1 em high and lines are LEADING apart, so n lines take
    # n × LEADING − (LEADING − SIZE); the label at the end gives n back.
    body = "\n\n".join("#" + typst_string(t) for t in paragraphs)
    return (head + "\n" + body + "\n\n#metadata(none) <bench-end>\n").encode()


def bench_typst(paragraphs: list[str], repeats: int) -> tuple[list[dict], list[str]]:
    typst = require_typst()
    notes = []
    family = font_family(FONT_FILE)
    notes.append(f"{FONT_FILE.name}: family name {family!r} (fontTools name table)")
    fonts_dir = str(FONTS)

    doc = typst_document(paragraphs)
    # Cold: the first compile in this process, fonts read from fonts/ (system fonts ignored).
    cold, pdf = timed(
        lambda: typst.compile(
            doc, font_paths=[fonts_dir], ignore_system_fonts=True, format="pdf", pdf_tags=False
        )
    )

    # The fonts Typst can see: only fonts/ (no system, no embedded fonts).
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[fonts_dir]
    )
    seen = sorted({f.family for f in fonts.fonts() if Path(f.path or "").name == FONT_FILE.name})
    notes.append(f"Typst sees {FONT_FILE.name} as family {seen}")
    compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True)

    counter = iter(range(1, 1_000_000))

    def compile_fresh() -> bytes:  # new source hash: layout is redone, fonts stay loaded
        return compiler.compile(
            typst_document(paragraphs, next(counter)), format="pdf", pdf_tags=False
        )

    def compile_same() -> bytes:  # unchanged source: Typst's memoized layout is reused
        return compiler.compile(doc, format="pdf", pdf_tags=False)

    def layout_only() -> str:  # a query lays the document out and exports nothing
        c = typst.Compiler(
            typst_document(paragraphs, next(counter)), font_paths=fonts, ignore_system_fonts=True
        )
        return c.query("<bench-end>", field="value")

    compile_fresh()
    warm_pdf = repeat(compile_fresh, repeats)
    layout_only()
    warm_layout = repeat(layout_only, repeats)
    compile_same()
    warm_same = repeat(compile_same, repeats)

    # Lines: from the position of the label after the last paragraph (= the page height,
    # n × LEADING − (LEADING − SIZE)). Counting pdftotext's lines is unreliable here: it
    # splits some justified lines.
    lines = None
    try:
        pos = json.loads(
            typst.eval(
                doc,
                "locate(<bench-end>).position()",
                format="json",
                font_paths=fonts,
                ignore_system_fonts=True,
            )
        )
        y = float(str(pos["y"]).removesuffix("pt"))
        lines = round((y + LEADING - SIZE) / LEADING)
    except Exception as exc:  # noqa: BLE001 - a sanity check only
        notes.append(f"Typst line count from the label position failed: {exc}")
    notes.append(f"Typst PDF: {len(pdf) / 1024:.0f} KiB (pdf_tags=False)")

    base = {
        "engine": "Typst 0.15"
        if typst.__version__.startswith("0.15")
        else f"typst {typst.__version__}",
        "lines": lines,
    }
    return [
        {**base, "mode": "compile → PDF", "cold": cold, "warm": warm_pdf, "ref": "pdf"},
        {**base, "mode": "layout only (query)", "cold": None, "warm": warm_layout, "ref": "layout"},
        {**base, "mode": "recompile, memoized", "cold": None, "warm": warm_same},
    ], notes


# --------------------------------------------------------------------------- 1× and 10×

SCALES = (1, 10)


def bench_scales(paragraphs: list[str], repeats: int) -> list[list[str]]:
    """banmian total-fit and Typst's layout only (``query``) at each of :data:`SCALES`,
    alternating; rows of the table printed."""
    from layout.fonts import library
    from layout.gcpolicy import layout_gc
    from layout.text.paragraph import set_paragraph
    from layout.text.prepare import ParagraphStyle

    typst = require_typst()
    fonts = typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(FONTS)]
    )
    style = ParagraphStyle(size=SIZE, indent=INDENT)
    metrics = library().metrics("song")
    counter = iter(range(100, 1_000_000))
    rows = []
    for scale in SCALES:
        texts = [t * scale for t in paragraphs]
        chars = sum(len(t) for t in texts)

        def banmian(texts: list[str] = texts) -> list:
            with layout_gc():  # as a build lays a page out (layout.build)
                return [set_paragraph(t, style, MEASURE, metrics) for t in texts]

        def query(texts: list[str] = texts) -> str:
            source = typst_document(texts, next(counter))
            compiler = typst.Compiler(source, font_paths=fonts, ignore_system_fonts=True)
            return compiler.query("<bench-end>", field="value")

        banmian()
        query()  # warm-up
        ours: list[tuple[float, float]] = []
        theirs: list[tuple[float, float]] = []
        for _ in range(repeats):
            _forget_parts(metrics)
            ours.append(_wall_and_cpu(banmian))
            theirs.append(_wall_and_cpu(query))
        for clock in (0, 1):
            best = min(t[clock] for t in ours)
            peer = min(t[clock] for t in theirs)
            rows.append(
                [
                    f"{scale}×",
                    ("wall", "CPU")[clock],
                    f"{chars:,}",
                    ms(best),
                    f"{best / chars * 1e6:.2f}",
                    ms(peer),
                    f"{peer / chars * 1e6:.2f}",
                    f"{best / peer:.2f}",
                ]
            )
    return rows


def _forget_parts(metrics: object) -> None:
    """Empty the paragraph parts ``prepare`` keeps on the metrics (``part_cache``: a text set
    again is prepared from it; ``shape_cache``: its clusters and marks, kept across sizes),
    so that every timed run prepares the text as new copy is prepared; the boxes of
    characters measured before stay (``box_cache``), as the fonts stay open and Typst's stay
    loaded."""
    for name in ("part_cache", "shape_cache"):
        store = getattr(metrics, name, None)
        if store is not None:
            store.clear()


def _wall_and_cpu(fn: Callable[[], object]) -> tuple[float, float]:
    """The wall time and the process's CPU time (every thread's) of one call of ``fn``."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


# --------------------------------------------------------------------------- typography


def banmian_column_pdf(paragraphs: list[str], folder: Path) -> Path:
    """The same text as banmian's timed rows, set by a whole build: one 13-character column
    (the sample's body style) on a page as tall as it needs, so that typocheck reads the PDF
    as it reads Typst's. The build's problems are printed (there should be none but the
    underset foot of the column)."""
    import yaml

    from layout.build import build

    article = folder / "bench-text.yaml"
    article.write_text(
        yaml.safe_dump(
            {"id": "bench", "headline": "bench", "body": paragraphs}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    lines = sum(len(t) for t in paragraphs) // (CHARS_PER_LINE - 2) + 2 * len(paragraphs)
    margin = 18.0
    doc = {
        "spec_version": 1,
        "edition": {"title": "bench", "date": "2025-04-30"},
        "page": {
            "number": 1,
            "name": "bench",
            "trim": {
                "width": f"{MEASURE + 2 * margin}pt",
                "height": f"{lines * LEADING + 2 * margin}pt",
            },
            "bleed": "0pt",
            "margins": {"top": f"{margin}pt", "left": f"{margin}pt"},
        },
        "header": {"show": False},
        "grid": {"columns": 1, "column_width": f"{CHARS_PER_LINE}字", "lines": lines},
        "articles": [str(article)],
        "fonts": str(FONTS / "manifest.yaml"),
        "styles": _front_styles(),
        "boxes": [
            {
                "id": "text",
                "kind": "article",
                "article": "bench",
                "at": {"column": 1, "span": 1, "line": 1, "lines": lines},
            }
        ],
    }
    spec = folder / "bench-text-page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build(spec, folder / "bench-text.pdf", pdfx=False)
    for problem in result.problems:
        if problem.kind.value != "underset":
            print(f"  banmian column: {problem}")
    return folder / "bench-text.pdf"


def _front_styles() -> dict:
    """The front page's styles as its build reads them: its own over those of the file it
    extends (``layout.spec.extends``: mappings merged key by key, the page winning)."""
    from layout.spec.extends import load_extended

    errors: list = []
    styles = load_extended(FRONT_SPEC, errors).doc.value["styles"]
    if errors:
        raise SystemExit(f"bench_text: {FRONT_SPEC}: {errors[0]}")
    return styles


def typography(paragraphs: list[str]) -> tuple[list[str], list[list[str]], list[str]]:
    """typocheck's figures (tools/typocheck.py) of four PDFs: the benchmark's text in one
    column by banmian and by Typst, and the front page by banmian and its Typst peer
    (``bench_build.typst_peer``). Returns the table's header and rows, and the histograms."""
    from bench_build import typst_peer
    from typocheck import check, summary_rows

    from layout.build import build
    from layout.spec import load_spec

    typst = require_typst()
    compile_options = {"font_paths": [str(FONTS)], "ignore_system_fonts": True, "pdf_tags": False}
    with tempfile.TemporaryDirectory(prefix="banmian-typocheck-") as name:
        folder = Path(name)
        typst_column = folder / "typst-text.pdf"
        typst_column.write_bytes(typst.compile(typst_document(paragraphs), **compile_options))
        front = build(FRONT_SPEC, folder / "front.pdf", pdfx=False).output
        source, _ = typst_peer(load_spec(FRONT_SPEC))
        peer = folder / "front-peer.pdf"
        peer.write_bytes(typst.compile(source.encode(), **compile_options))
        pdfs = {
            "banmian column": banmian_column_pdf(paragraphs, folder),
            "Typst column": typst_column,
            "banmian front page": front,
            "Typst peer page": peer,
        }
        figures = {k: check(path) for k, path in pdfs.items()}
    rows = {k: dict(summary_rows(f)) for k, f in figures.items()}
    measures = [m for m, _ in summary_rows(next(iter(figures.values())))]
    histogram = "gap histogram (em)"
    table_rows = [[m, *(rows[k][m] for k in pdfs)] for m in measures if m != histogram]
    histograms = [f"{k:18s} {rows[k][histogram]}" for k in pdfs]
    return ["measure (typocheck)", *pdfs], table_rows, histograms


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (2 instead of 5)")
    parser.add_argument("--repeats", type=int, help="timed repeats after the warm-up")
    parser.add_argument(
        "--no-typography", action="store_true", help="skip the typocheck figures at the end"
    )
    args = parser.parse_args(argv)
    repeats = args.repeats or (2 if args.quick else 5)
    require_typst()  # fail early, before minutes of work

    start = time.perf_counter()
    paragraphs = body_paragraphs()
    chars = sum(len(t) for t in paragraphs)
    print(f"bench_text — {datetime.date.today()} — {machine()}")
    print(
        f"text: {len(paragraphs)} body paragraphs of {ARTICLES.relative_to(ARTICLES.parent)}/"
        f"*.yaml, {chars} characters; {SIZE:g} pt, measure {MEASURE:g} pt "
        f"({CHARS_PER_LINE} characters), indent {INDENT} em, justified"
    )
    print(
        f"timing: wall clock, best of {repeats} after one warm-up; cold = first run in "
        f"this process\n"
    )

    gc.collect()
    rows = bench_banmian(paragraphs, repeats)
    rows.append(bench_reportlab(paragraphs, repeats))
    typst_rows, notes = bench_typst(paragraphs, repeats)
    rows += typst_rows

    ref = {r["ref"]: min(r["warm"]) for r in typst_rows if "ref" in r}
    header = [
        "engine",
        "mode",
        "chars",
        "lines",
        "cold",
        "best warm",
        "median warm",
        "chars/s",
        "÷ Typst PDF",
        "÷ Typst layout",
    ]
    out = []
    for r in rows:
        best = min(r["warm"])
        out.append(
            [
                r["engine"],
                r["mode"],
                str(chars),
                "?" if r["lines"] is None else str(r["lines"]),
                ms(r["cold"]),
                ms(best),
                ms(statistics.median(r["warm"])),
                f"{chars / best:,.0f}",
                f"{best / ref['pdf']:.2f}",
                f"{best / ref['layout']:.2f}",
            ]
        )
    print(table(header, out))

    print(
        "\nratios: best warm time ÷ Typst's best warm time (target for banmian total-fit: "
        "≤ 1.0 against Typst compile → PDF)"
    )
    best_total_fit = min(rows[0]["warm"])
    print(f"  banmian total-fit ÷ Typst compile → PDF   = {best_total_fit / ref['pdf']:.2f}")
    print(f"  banmian total-fit ÷ Typst layout only     = {best_total_fit / ref['layout']:.2f}")
    print("\nbanmian rule check (layout.text.check.check_lines, basic prohibition):")
    for r in rows[:2]:
        found = ", ".join(f"{k} {n}" for k, n in sorted(r["violations"].items())) or "none"
        print(
            f"  {r['mode']:10s} violations: {found}; overfull lines: {r['overfull']}; "
            f"missing glyphs: {r['missing']}"
        )
    print("\nnotes:")
    for n in notes:
        print(f"  - {n}")
    print(
        "  - Typst's compile time includes PDF export (the package outputs only PDF, SVG, PNG "
        "or HTML); 'layout only' is Compiler.query, which lays out and exports nothing "
        "(it includes parsing the source and creating the compiler)."
    )
    print(
        "  - Typst warm runs change the text colour each time so memoized layout is not "
        "reused; 'recompile, memoized' is the same source again (incremental), for reference."
    )
    print(
        "  - Typst adds CJK–Latin spacing (its default) and breaks with its own rules; line "
        "counts are a sanity check that all engines set the same text at the same measure."
    )
    print("  - ReportLab times include building each Paragraph (parsing its markup) and wrap().")

    print(
        "\nissue 16: banmian total-fit ÷ Typst layout only (query), the same text at 1× and "
        "with every paragraph 10× as long; alternating runs, best of "
        f"{repeats} (target ≤ 1.0). CPU: the process's CPU time during the call, all threads "
        "(Typst's layout may use more than one; banmian's uses one), steadier than the wall "
        "clock on a busy machine\n"
    )
    header = ["text", "clock", "chars", "banmian", "µs/char", "Typst query", "µs/char", "ratio"]
    print(table(header, bench_scales(paragraphs, repeats)))
    if args.no_typography:
        print(f"\ntotal run time {time.perf_counter() - start:.1f} s")
        return 0

    print(
        "\ntypography: python tools/typocheck.py on four PDFs (after the timings): this text "
        "in one 117 pt column by banmian (a whole build) and by Typst, and the front page by "
        "banmian (--no-pdfx) and by bench_build's Typst peer (how to read: bench/README.md)\n"
    )
    header, rows_, histograms = typography(paragraphs)
    print(table(header, rows_))
    print("\nHan–Western gap histograms (em; named values ± 0.02 em, else the interval):")
    for line in histograms:
        print(f"  {line}")
    print(f"\ntotal run time {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
