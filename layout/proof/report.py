"""The preflight on the terminal: the page, a table of the boxes with their copy-fitting
numbers, the fonts, the images, the missing characters and the other problems, and whether the
page is ready for print; in colour as ``layout.console`` decides (``--color``, ``NO_COLOR``,
``FORCE_COLOR``, a terminal)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from ..console import colour_for, paint
from ..report import MissingGlyph, ProblemKind, Severity, count, grouped
from .format import dims, mm
from .preflight import Preflight

Paint = Callable[[str, str], str]  # text, colour name → text as shown


def use_colour(stream: TextIO) -> bool:
    """Colour for ``stream`` under ``--color auto``."""
    return colour_for(stream)


def format_report(report: Preflight, *, colour: bool = False) -> str:
    def c(text: str, name: str) -> str:
        return paint(text, name, colour)

    page = report.page
    trim, b = page.trim, page.bleed
    area = page.type_area or report.spec.page.type_area
    media = (mm(trim.width + 2 * b), mm(trim.height + 2 * b))
    lines = [
        c(f"{report.spec.path}: page {page.number} {report.spec.page.name}", "bold"),
        f"  trim {dims((mm(trim.width), mm(trim.height)))} mm, bleed {mm(b):g} mm, "
        f"media {dims(media)} mm, type area {mm(area.width):g} × {mm(area.height):g} mm",
        "",
        *_box_table(report, c),
        "",
        *_headline_sizes(report),
        *_fonts_and_images(report, c),
    ]
    if report.missing:
        lines.append("missing characters:")
        for found in grouped(report.missing):
            m = found.problem.details
            assert isinstance(m, MissingGlyph)
            places = "; ".join(_counted(p.location() or "the page" for p in found.places))
            times = f" ({found.count} places)" if found.count > 1 else ""
            lines.append(c(f"  {m.code_point} {m.char}{times}: {places}", "red"))
    others = [p for p in report.problems if p.kind is not ProblemKind.MISSING_GLYPH]
    if others:
        lines.append("problems:")
        for problem in others:
            colour_name = "red" if problem.severity is Severity.ERROR else "yellow"
            lines.append(c(f"  {problem}", colour_name))
    spoilers = report.spoilers
    lines.append("")
    if spoilers:
        lines.append(c(f"{count(len(spoilers), 'problem')} would spoil print", "red"))
    else:
        lines.append(c("ready for print", "green"))
    return "\n".join(lines)


def format_edition_verdict(reports: Sequence[Preflight], *, colour: bool = False) -> str:
    """The edition's verdict under its pages' reports: the pages that would spoil print, or
    that every page is ready (a page's own verdict is at the end of its report, pages up)."""
    failing = [(r.page.number, len(r.spoilers)) for r in reports if r.spoilers]
    if not failing:
        return paint(f"edition: all {count(len(reports), 'page')} ready for print", "green", colour)
    pages = ", ".join(str(number) for number, _ in failing)
    problems = count(sum(n for _, n in failing), "problem")
    word = "page" if len(failing) == 1 else "pages"
    return paint(f"edition: {word} {pages} would spoil print ({problems})", "red", colour)


def _counted(places: Iterable[str]) -> list[str]:
    """Each place once, in order, with how many times it came when more than once: a
    character missing twice in one paragraph is one place, ``… paragraph 1 (×2)``."""
    times = Counter(places)
    return [place if n == 1 else f"{place} (×{n})" for place, n in times.items()]


def _box_table(report: Preflight, c: Paint) -> list[str]:
    """The boxes with their copy-fitting numbers, an overset row red, an underset one
    yellow."""
    header = ("box", "article", "kind", "cols", "lines", "chars", "over", "empty", "advice")
    rows = []
    for box in report.boxes:
        if box.flows:
            row = (
                box.id,
                box.article or "",
                box.kind,
                str(box.columns),
                f"{box.used_lines}/{box.capacity_lines}",
                f"{box.used_chars}/{box.capacity_chars}",
                f"{box.overset_lines}L {box.overset_chars}c" if box.overset_lines else "-",
                f"{box.empty_lines}L ~{box.empty_chars}c" if box.empty_lines else "-",
                box.advice,
            )
        else:
            row = (box.id, box.article or "", box.kind, "", "", "", "", "", "")
        rows.append((row, box.status))
    widths = [max(_width(r[i]) for r in [header] + [r for r, _ in rows]) for i in range(9)]
    lines = [c(_row(header, widths), "dim")]
    for row, status in rows:
        text = _row(row, widths)
        if status == "overset":
            text = c(text, "red")
        elif status == "underset":
            text = c(text, "yellow")
        lines.append(text)
    return lines


def _headline_sizes(report: Preflight) -> list[str]:
    """Per box with a headline block, the size each part was set in (of its style's range),
    its lines and how much of the measure it fills; nothing when no box has a headline."""
    rows = [box for box in report.boxes if box.headline]
    if not rows:
        return []
    lines = ["headline sizes:"]
    for box in rows:
        parts = []
        for h in box.headline:
            span = f"{h.smallest:g}–{h.largest:g}" if h.smallest != h.largest else "fixed"
            parts.append(
                f"{h.part.label} {h.style} {h.size:g}pt ({span}) "
                f"{count(h.lines, 'line')}, fill {h.fill:.0%}"
            )
        lines.append(f"  {box.id}: " + "; ".join(parts))
    lines.append("")
    return lines


def _fonts_and_images(report: Preflight, c: Paint) -> list[str]:
    """The fonts of the printed page, embedded and subset or not; the images at their
    printed size and resolution, one below a press limit yellow with the limit."""
    lines = ["fonts:"]
    for f in report.fonts:
        flags = (
            f"{'embedded' if f.embedded else 'NOT EMBEDDED'}, {'subset' if f.subset else 'full'}"
        )
        lines.append(
            f"  {f.base_font:40s} {f.subtype:20s} " + c(flags, "green" if f.embedded else "red")
        )
    if not report.fonts:
        lines.append("  (not checked)")
    lines.append("images:")
    for i in report.images:
        ppi = f"{i.ppi:g} ppi" if i.ppi is not None else "missing"
        px = f"{i.pixels[0]}×{i.pixels[1]} px" if i.pixels else ""
        text = f"  {i.box or '?'}: {Path(i.path).name} {px} at {dims(i.printed_mm)} mm: {ppi}"
        limit = i.below if i.below is not None else i.min_ppi
        lines.append(text if i.ok else c(f"{text} (below {limit:.0f})", "yellow"))
    if not report.images:
        lines.append("  (none)")
    return lines


def _row(cells: Sequence[str], widths: Sequence[int]) -> str:
    out = []
    for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
        pad = " " * (w - _width(cell))
        out.append(pad + cell if 3 <= i <= 5 else cell + pad)
    return "  ".join(out).rstrip()


def _width(text: str) -> int:
    """Display width: CJK characters take two terminal cells."""
    return sum(2 if ord(ch) >= 0x1100 and not 0xFF61 <= ord(ch) <= 0xFFDC else 1 for ch in text)
