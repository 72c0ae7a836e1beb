"""The figures as text: the report's rows (also the cells of bench_text's table)."""

from __future__ import annotations

from collections import Counter

from .figures import Figures
from .lines import MM
from .measures import Kind


def summary_rows(f: Figures) -> list[tuple[str, str]]:
    """(measure, value) rows."""
    odd = f"{f.odd_widths[0]:.2f}–{f.odd_widths[-1]:.2f}" if f.odd_widths else "—"
    gap_range = f"{f.gap_range[0]:.2f}–{f.gap_range[1]:.2f}" if f.gap_range else "—"
    histogram = " ".join(f"{k}:{n}" for k, n in f.gap_histogram.items()) or "—"
    sd = "—" if f.spacing_sd is None else f"{f.spacing_sd:.3f}"
    p95 = "—" if f.spacing_p95 is None else f"{f.spacing_p95:.3f}"
    w = f.mark_widths
    widths = f"{w['1.0']} / {w['0.5']} / {w['odd']}" + (
        f" (+{w['wide']} wider)" if w["wide"] else ""
    )
    return [
        ("body lines (column blocks)", f"{f.lines} ({f.blocks})"),
        ("lines with a lone mark < 1 em", f"{f.squeezed_share:.1f} % ({f.squeezed_lines})"),
        ("lone marks at 1 em / ½ em / odd", widths),
        ("odd mark widths (em)", odd),
        ("Han–Western gaps", str(f.gaps)),
        ("gap range (em)", gap_range),
        ("gaps at ½ em", f"{f.gap_half_share:.0f} %"),
        ("gaps > ⅓ em / < ⅛ em", f"{f.gaps_above_third} / {f.gaps_below_eighth}"),
        ("gap histogram (em)", histogram),
        ("overlapping glyph pairs", str(f.overlaps)),
        ("characters outside column (lines)", f"{f.outside_glyphs} ({f.outside_lines})"),
        ("prohibited starts / ends", f"{f.prohibited_starts} / {f.prohibited_ends}"),
        ("孤字", str(f.orphans)),
        ("spacing sd / p95 (em)", f"{sd} / {p95}"),
        ("loose lines (> 0.25 em)", str(f.loose_lines)),
    ]


def format_report(f: Figures, *, limit: int | None = 10) -> str:
    """The report: what was read, the figures, and the findings (``limit`` of each kind)."""
    cols = ", ".join(f"{a * MM:.1f}–{b * MM:.1f}" for a, b in f.columns[:8])
    more = f" … ({len(f.columns)} in all)" if len(f.columns) > 8 else ""
    turned = f"; {f.skipped} turned characters not measured" if f.skipped else ""
    rows = summary_rows(f)
    width = max(len(k) for k, _ in rows)
    out = [
        f"typocheck {f.pdf}",
        f"  {f.pages} page(s); body size {f.body_size:g} pt: {f.body_glyphs} of {f.glyphs} "
        f"characters on {f.lines} lines in {f.blocks} column blocks{turned}",
        f"  columns (mm from the left edge): {cols or '—'}{more}",
        f"  paragraph ends seen: {f.paragraph_ends}; justified lines with Han pairs: "
        f"{f.justified_lines}",
        "",
        *(f"  {k.ljust(width)}  {v}" for k, v in rows),
    ]
    seen: Counter[Kind] = Counter()
    listed = []
    for item in f.findings:
        seen[item.kind] += 1
        if limit is None or seen[item.kind] <= limit:
            listed.append(f"  {item}")
    if listed:
        out += ["", "findings" + ("" if limit is None else f" (at most {limit} of each kind)")]
        out += listed
    return "\n".join(out)
