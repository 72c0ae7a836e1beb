"""Make the picture of the starter project (``banmian init``): ``layout/starter/images/
photo.jpg``, a landscape drawn from numbers (sky, sun, three ranges of hills, grain), so the
project ships a photo with no rights attached (CC0, ``layout/starter/images/LICENSE.md``).

Usage: python tools/make_starter_photo.py [OUT.jpg]

The same bytes every run (a fixed seed, Pillow's JPEG encoder at fixed settings); 1200 ×
800 px is over 300 ppi in the starter page's photo box.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
from PIL import Image

OUT = Path(__file__).resolve().parents[1] / "layout" / "starter" / "images" / "photo.jpg"
WIDTH, HEIGHT = 1200, 800


def landscape(width: int = WIDTH, height: int = HEIGHT, seed: int = 2025) -> Image.Image:
    rng = np.random.default_rng(seed)
    y = np.linspace(0.0, 1.0, height)[:, None]
    x = np.linspace(0.0, 1.0, width)[None, :]
    # Sky: deep blue at the top to pale near the horizon.
    top, low = np.array([70, 120, 190]), np.array([225, 220, 200])
    img = top + (low - top) * y[..., None] ** 0.8 + 0 * x[..., None]
    # The sun, with a soft halo.
    d = np.hypot((x - 0.72) * width / height, y - 0.28)
    halo = np.clip(1 - d / 0.25, 0, 1)[..., None] ** 2
    img = img + (np.array([255, 240, 200]) - img) * halo
    img[(d < 0.06)] = [255, 246, 220]
    # Three ranges of hills, nearer ones darker and greener.
    for depth, (base, colour) in enumerate(
        [(0.55, (120, 150, 160)), (0.66, (70, 120, 80)), (0.8, (40, 85, 45))]
    ):
        phase = rng.uniform(0, 2 * np.pi, 3)
        ridge = base + sum(
            (0.05 / (k + 1)) * np.sin(2 * np.pi * (k + 1.3 + depth) * x + phase[k])
            for k in range(3)
        )
        below = (y >= ridge)[..., None]
        shade = 1 - 0.25 * np.clip((y - ridge) / 0.3, 0, 1)[..., None]
        img = np.where(below, np.array(colour) * shade, img)
    img = img + rng.normal(0, 4, img.shape)  # film grain, so it codes as a photo does
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    landscape().save(out, "JPEG", quality=82, optimize=True, dpi=(300, 300))
    print(f"wrote {out} ({out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
