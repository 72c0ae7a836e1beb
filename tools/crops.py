#!/usr/bin/env python3
"""Crop a box of a built page as a PNG, for before/after pictures in ``docs/``:

    python tools/crops.py PDF SPEC BOX OUT.png [--dpi 200] [--lines N] [--from-line K] [--pad MM]

The box's rect comes from the page spec (so a PDF built before a change, from the same box
placement, is cropped at the same place); ``--lines N`` keeps N grid lines of it, starting
``--from-line K`` lines down (1 = the box's top: a headline block, a byline), ``--pad`` adds
a margin around it. The page is rendered by pdfium at ``--dpi``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pypdfium2 as pdfium  # noqa: E402 - after the path is set

from layout.spec import load_spec  # noqa: E402

MM = 72 / 25.4


def crop(pdf: Path, spec_path: Path, box_id: str, out: Path, args: argparse.Namespace) -> None:
    spec = load_spec(spec_path)
    rect = spec.box(box_id).rect
    pitch = spec.grid.line_pitch
    top = rect.y + (args.from_line - 1) * pitch
    height = args.lines * pitch if args.lines else rect.bottom - top
    bleed, pad = spec.page.bleed, args.pad * MM
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        width, page_height = page.get_size()
        left = max(0.0, bleed + rect.x - pad)
        right = max(0.0, width - (bleed + rect.right + pad))
        upper = max(0.0, bleed + top - pad)
        lower = max(0.0, page_height - (bleed + top + height + pad))
        bitmap = page.render(scale=args.dpi / 72, crop=(left, lower, right, upper))
        bitmap.to_pil().save(out)
        page.close()
    finally:
        doc.close()
    print(f"{out}: {box_id} of {pdf.name} at {args.dpi:g} dpi")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", type=Path)
    parser.add_argument("spec", type=Path)
    parser.add_argument("box")
    parser.add_argument("out", type=Path)
    parser.add_argument("--dpi", type=float, default=200.0)
    parser.add_argument("--lines", type=int, default=0, help="grid lines to keep (0: all)")
    parser.add_argument("--from-line", type=int, default=1, help="first grid line, 1-based")
    parser.add_argument("--pad", type=float, default=2.0, help="margin around it, mm")
    args = parser.parse_args(argv)
    crop(args.pdf, args.spec, args.box, args.out, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
