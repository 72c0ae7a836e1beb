"""Shared helpers of the benchmarks: paths, the optional ``typst`` import, timing, tables.

Benchmarks print; they never assert times.
"""

from __future__ import annotations

import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
FONTS = REPO / "fonts"
ARTICLES = REPO / "articles"
FRONT_SPEC = REPO / "page_specs" / "front.yaml"

if str(REPO) not in sys.path:  # run as `python bench/x.py` from anywhere
    sys.path.insert(0, str(REPO))


def require_typst() -> Any:
    """Import the optional ``typst`` package, or exit 2 with a clear message."""
    try:
        import typst
    except ImportError:
        sys.exit(
            "error: the Typst peer needs the Python package `typst` (an optional extra).\n"
            "       Install it with:  pip install -e .[bench]   (or: pip install typst)"
        )
    return typst


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def repeat(fn: Callable[[], Any], n: int) -> list[float]:
    """Wall times of ``n`` calls of ``fn``."""
    return [timed(fn)[0] for _ in range(n)]


def machine() -> str:
    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs"
    )


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table, first column left-aligned, the others right-aligned."""
    widths = [max(len(str(r[i])) for r in (header, *rows)) for i in range(len(header))]

    def line(r: Sequence[str]) -> str:
        cells = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(r) for r in rows)])


def ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1000:.1f} ms"


def typst_string(text: str) -> str:
    """``text`` as a Typst string literal (so no character is read as markup)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
