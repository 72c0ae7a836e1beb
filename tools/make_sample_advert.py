#!/usr/bin/env python3
"""Make the sample advertisement (广告样稿) that ships in ``ads/``: a one-page PDF in CMYK
only, its own artwork labelled "样稿 sample advertisement", with its Chinese type in an
embedded subset of the shipped Noto Sans SC:

    python tools/make_sample_advert.py [OUT.pdf] [--size WIDTHxHEIGHT]

``--size`` is in points; the default, 999 × 364 pt (352.4 × 128.4 mm), is 8 columns × 26
lines of the sample broadsheet's grid (13-character columns of 小五 with a 1-character
gutter, 14 pt lines): a 通栏 ad a quarter of the type area high. The page's MediaBox and
TrimBox are the ad's size (an inside-page ad has no bleed). ReportLab's invariant mode makes
the same bytes on every run.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "ads" / "sample-advert.pdf"
DEFAULT_SIZE = (999.0, 364.0)  # pt: 8 columns × 26 lines of page_specs/front.yaml's grid
HEI = REPO / "fonts" / "NotoSansSC-Bold.ttf"
HEI_REGULAR = REPO / "fonts" / "NotoSansSC-Regular.ttf"

RED = (0.0, 0.95, 1.0, 0.0)  # process red, 195 % ink
BLUE = (1.0, 0.6, 0.0, 0.1)
YELLOW = (0.0, 0.1, 0.9, 0.0)
BLACK = (0.0, 0.0, 0.0, 1.0)
TINT = (0.0, 0.0, 0.0, 0.08)


def advert_pdf(width: float, height: float) -> bytes:
    """The sample advertisement, ``width`` × ``height`` points."""
    rl_config.useA85 = 0
    for name, path in (("AdHei", HEI), ("AdHeiRegular", HEI_REGULAR)):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(path)))
    out = io.BytesIO()
    # The initial font one of ours: ReportLab would otherwise list a Helvetica not embedded.
    c = Canvas(
        out, pagesize=(width, height), invariant=1, pageCompression=1, initialFontName="AdHei"
    )
    c.setTitle("样稿 sample advertisement")
    c.setCreator("banmian tools/make_sample_advert.py")
    c.setTrimBox((0, 0, width, height))
    c.setFillColorCMYK(*TINT)
    c.rect(0, 0, width, height, stroke=0, fill=1)
    # The design's unit: its height at the default proportions (a taller ad keeps the type
    # sizes of the default one, so nothing runs past its width).
    u = min(height, width * DEFAULT_SIZE[1] / DEFAULT_SIZE[0])
    # a band across the top in process red, the label knocked out of it
    band = u * 0.22
    c.setFillColorCMYK(*RED)
    c.rect(0, height - band, width, band, stroke=0, fill=1)
    c.setFillColorCMYK(0, 0, 0, 0)
    c.setFont("AdHei", band * 0.55)
    c.drawString(u * 0.08, height - band * 0.72, "样稿  SAMPLE ADVERTISEMENT")
    # the word 样稿 large, and what this is
    c.setFillColorCMYK(*RED)
    c.setFont("AdHei", min(u * 0.34, width * 0.1))
    c.drawString(u * 0.08, height * 0.3, "广告样稿")
    c.setFillColorCMYK(*BLACK)
    c.setFont("AdHeiRegular", u * 0.055)
    lines = (
        "本页为 banmian 生成的广告样稿，非真实广告，仅供排版测试。",
        "sample advertisement: not a real advertisement, for layout tests only.",
        f"尺寸 {width * 25.4 / 72:.1f} × {height * 25.4 / 72:.1f} mm · CMYK only",
    )
    y = height * 0.2
    for line in lines:
        c.drawString(u * 0.08, y, line)
        y -= u * 0.075
    # three process-colour discs on the right
    r = min(u * 0.2, width * 0.07)
    cx, cy = width - 2.4 * r, height * 0.42
    for (dx, dy), colour in (((0, 0), BLUE), ((r * 1.1, 0), YELLOW), ((r * 0.55, r * 0.9), RED)):
        c.setFillColorCMYK(*colour)
        c.circle(cx + dx, cy + dy, r * 0.7, stroke=0, fill=1)
    # a hairline frame on the trim
    c.setStrokeColorCMYK(*BLACK)
    c.setLineWidth(1.0)
    c.rect(0.5, 0.5, width - 1, height - 1, stroke=1, fill=0)
    c.showPage()
    c.save()
    return out.getvalue()


def _size(text: str) -> tuple[float, float]:
    width, _, height = text.lower().partition("x")
    return float(width), float(height)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--size", type=_size, default=DEFAULT_SIZE, help="WIDTHxHEIGHT in pt")
    args = parser.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(advert_pdf(*args.size))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
