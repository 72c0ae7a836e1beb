"""check(): a PDF → the figures of issue 10 (:class:`Figures`), with every finding located."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .lines import MM, SIZE_DIGITS, Block, LineInfo, body_lines, body_size, line_infos, make_blocks
from .measures import (
    GAP_BINS,
    GAP_MAX,
    GAP_MIN,
    GAP_TOLERANCE,
    Finding,
    Kind,
    finding,
    gap_bin,
    gap_out_of_range,
    han_western_gaps,
    lone_marks,
    loose,
    orphans,
    outside,
    overlaps,
    prohibited,
    squeezed,
    width_class,
)
from .pdftext import PageGlyphs, PdfError, read_pdf


@dataclass(frozen=True)
class Figures:
    """The issue's numbers for one PDF. Widths, gaps and spacing in em; shares in %."""

    pdf: str
    pages: int
    body_size: float  # pt
    glyphs: int  # characters read (upright horizontal)
    body_glyphs: int
    skipped: int  # characters turned or slanted, not measured
    lines: int  # body lines
    blocks: int
    columns: list[tuple[float, float]]  # the distinct column edges seen, in pt
    paragraph_ends: int
    lone_marks: int
    squeezed_lines: int  # lines with a lone mark mid-line below 1 em
    squeezed_share: float  # of body lines
    mark_widths: dict[str, int]  # "1.0", "0.5", "odd", "wide"
    odd_widths: list[float]  # sorted
    gaps: int
    gap_range: tuple[float, float] | None
    gap_histogram: dict[str, int]
    gap_half_share: float  # of gaps
    gaps_above_third: int
    gaps_below_eighth: int
    overlaps: int  # pairs
    outside_glyphs: int
    outside_lines: int
    prohibited_starts: int
    prohibited_ends: int
    orphans: int
    justified_lines: int  # justified lines with a Han pair: the spread is over these
    spacing_mean: float | None
    spacing_sd: float | None
    spacing_p95: float | None
    spacing_max: float | None
    loose_lines: int
    findings: list[Finding] = field(default_factory=list)

    def as_json(self) -> dict:
        doc = asdict(self)
        doc["findings"] = [{**asdict(f), "kind": f.kind.value} for f in self.findings]
        return doc

    def count(self, kind: Kind) -> int:
        return sum(1 for f in self.findings if f.kind is kind)


def check(
    pdf: Path | str,
    *,
    size: float | None = None,
    columns: Sequence[tuple[float, float]] | None = None,
) -> Figures:
    """The figures of ``pdf``: body text at ``size`` (default: the most common size), in
    the columns found (or ``columns``, pairs of x in points)."""
    pages = read_pdf(pdf)
    em = round(size, SIZE_DIGITS) if size is not None else body_size(pages)
    lines_by_page = body_lines(pages, em)
    lines = [line for _, page_lines in lines_by_page for line in page_lines]
    if sum(len(line.glyphs) == 1 for line in lines) * 2 > len(lines):
        # Characters one under another, each a "line" of its own: 竖排, which the line
        # grouping (along x) does not read.
        raise PdfError(f"{pdf}: the body text is set vertically; only horizontal is measured")
    blocks = make_blocks(lines_by_page, columns)
    infos = line_infos(blocks)
    heights = {p.number: p.height for p in pages}
    findings: list[Finding] = []
    parts = (
        _marks(infos, heights, findings),
        _gaps(infos, heights, findings),
        _ink(pages, infos, heights, findings),
        _rules(infos, heights, findings),
        _spacing(infos, heights, findings),
    )
    numbers = {k: v for part in parts for k, v in part.items()}
    return Figures(
        pdf=str(pdf),
        pages=len(pages),
        body_size=em,
        glyphs=sum(len(p.glyphs) for p in pages),
        body_glyphs=sum(len(info.line.glyphs) for info in infos),
        skipped=sum(p.skipped for p in pages),
        lines=len(infos),
        blocks=len(blocks),
        columns=_distinct_columns(blocks),
        paragraph_ends=sum(1 for info in infos if info.last),
        findings=findings,
        **numbers,
    )


def _distinct_columns(blocks: Sequence[Block]) -> list[tuple[float, float]]:
    return sorted({(round(b.left, 1), round(b.right, 1)) for b in blocks})


def _marks(infos: Sequence[LineInfo], heights: Mapping[int, float], out: list[Finding]) -> dict:
    marks = lone_marks(infos)
    widths = Counter(width_class(m.width) for m in marks)
    lines = {id(m.info) for m in marks if squeezed(m)}
    for m in marks:
        if squeezed(m):
            line = m.info.line
            detail = f"{m.glyph.char} at {m.width:.2f} em"
            out.append(
                finding(
                    heights, Kind.SQUEEZED_MARK, line.page, m.glyph.x, line.y, line.text, detail
                )
            )
    return {
        "lone_marks": len(marks),
        "squeezed_lines": len(lines),
        "squeezed_share": _share(len(lines), len(infos)),
        "mark_widths": {k: widths.get(k, 0) for k in ("1.0", "0.5", "odd", "wide")},
        "odd_widths": sorted(round(m.width, 2) for m in marks if width_class(m.width) == "odd"),
    }


def _gaps(infos: Sequence[LineInfo], heights: Mapping[int, float], out: list[Finding]) -> dict:
    gaps = han_western_gaps(infos)
    values = [g.width for g in gaps]
    histogram = Counter(gap_bin(v) for v in values)
    for gap in gaps:
        if gap_out_of_range(gap.width):
            line = gap.info.line
            a, b = line.glyphs[gap.index], line.glyphs[gap.index + 1]
            detail = f"{a.char}|{b.char} {gap.width:.2f} em"
            out.append(finding(heights, Kind.GAP, line.page, a.end, line.y, line.text, detail))
    return {
        "gaps": len(values),
        "gap_range": (round(min(values), 3), round(max(values), 3)) if values else None,
        "gap_histogram": {k: histogram[k] for k in GAP_BINS if histogram[k]},
        "gap_half_share": _share(histogram["½"], len(values)),
        "gaps_above_third": sum(1 for v in values if v > GAP_MAX + GAP_TOLERANCE),
        "gaps_below_eighth": sum(1 for v in values if v < GAP_MIN - GAP_TOLERANCE),
    }


def _ink(
    pages: Sequence[PageGlyphs],
    infos: Sequence[LineInfo],
    heights: Mapping[int, float],
    out: list[Finding],
) -> dict:
    pairs = 0
    for page in pages:
        for a, b in overlaps(page):
            pairs += 1
            detail = f"{a.char} ({a.size:g} pt) over {b.char} ({b.size:g} pt)"
            out.append(
                finding(heights, Kind.OVERLAP, page.number, a.x, a.y, a.char + b.char, detail)
            )
    glyphs = lines = 0
    for info in infos:
        beyond = outside(info)
        if beyond:
            lines += 1
            glyphs += len(beyond)
            block, line = info.block, info.line
            detail = (
                f"{len(beyond)} characters beyond the column {block.left * MM:.1f}–"
                f"{block.right * MM:.1f} mm: {''.join(g.char for g in beyond)}"
            )
            out.append(
                finding(heights, Kind.OUTSIDE, line.page, beyond[0].x, line.y, line.text, detail)
            )
    return {"overlaps": pairs, "outside_glyphs": glyphs, "outside_lines": lines}


def _rules(infos: Sequence[LineInfo], heights: Mapping[int, float], out: list[Finding]) -> dict:
    starts, ends = prohibited(infos, heights)
    lonely = orphans(infos)
    out += starts + ends
    for info in lonely:
        line = info.line
        out.append(
            finding(heights, Kind.ORPHAN, line.page, line.glyphs[0].x, line.y, line.text, "孤字")
        )
    return {"prohibited_starts": len(starts), "prohibited_ends": len(ends), "orphans": len(lonely)}


def _spacing(infos: Sequence[LineInfo], heights: Mapping[int, float], out: list[Finding]) -> dict:
    spread = [
        info.spacing
        for info in infos
        if info.justified and not info.last and info.spacing is not None
    ]
    stretched = [info for info in infos if loose(info)]
    for info in stretched:
        line = info.line
        detail = f"+{info.spacing:.2f} em between characters"
        out.append(
            finding(heights, Kind.LOOSE, line.page, line.glyphs[0].x, line.y, line.text, detail)
        )
    return {
        "justified_lines": len(spread),
        "spacing_mean": round(statistics.fmean(spread), 3) if spread else None,
        "spacing_sd": round(statistics.pstdev(spread), 3) if spread else None,
        "spacing_p95": round(_p95(spread), 3) if spread else None,
        "spacing_max": round(max(spread), 3) if spread else None,
        "loose_lines": len(stretched),
    }


def _p95(values: Sequence[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _share(part: int, whole: int) -> float:
    return round(100 * part / whole, 1) if whole else 0.0
