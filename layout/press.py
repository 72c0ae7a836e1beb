"""Press settings (the spec's ``press:`` section) and press colours.

A newspaper press takes PDF/X-1a: CMYK or grey only (a spot colour by name where asked), a
total ink limit for newsprint (WAN-IFRA: 220–240 %), photos in CMYK at the press resolution.
This module holds the settings and the colour arithmetic shared by the spec checker, the
image converter (``layout.render.images``) and the PDF/X finisher (``layout.render.pdfx``).

Colours in a spec are written as text:

- ``cmyk(0, 100, 100, 20)`` — process colour, each ink in percent;
- ``k(60)`` or ``grey(60)`` / ``gray(60%)`` — black only;
- ``spot(PANTONE 485 C, 0, 95, 100, 0)`` — a spot ink by name, with its CMYK equivalent
  (used for proofs and by RIPs that print the page in process colours);
- ``#cc0000`` or ``rgb(204, 0, 0)`` — RGB: refused, or converted to CMYK through the press
  profile, as ``press.rgb`` says (``error`` by default).
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from .page import Color
from .records import NamedTuple

# Ghostscript's generic CMYK profile (Debian: libgs-common); newsprint is reached by the ink
# limit applied after conversion.
GENERIC_CMYK_PROFILES = (
    Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),
    Path("/usr/share/ghostscript/iccprofiles/default_cmyk.icc"),
)


# Press marks (drawn by layout.render.pdf) stand in the slug beyond the bleed, each
# MARK_GAP pt clear of the bleed (the cut may wander into it) and of the sheet's edge (a RIP
# clips there), a crop mark at least MIN_MARK pt long to be lined up; the least slug that
# holds them (the registration targets, a crop mark's length apart, fit in it too).
MARK_GAP = 2.0
MIN_MARK = 4.0
MIN_SLUG = 2 * MARK_GAP + MIN_MARK

# PDF/X-1a:2003 (ISO 15930-4): the version the press PDF declares and the registry of the
# characterisation its output intent names (layout.render.pdfx writes them, its checker reads).
PDFX_VERSION = "PDF/X-1a:2003"
REGISTRY = "http://www.color.org"


class PressSettings(NamedTuple):
    """How the press PDF is made; the defaults are the WAN-IFRA newsprint conditions."""

    pdfx: bool = True  # PDF/X-1a:2003 press PDF; False: the proof-colour PDF
    ink_limit: float = 240.0  # % total area coverage (C+M+Y+K)
    resolution: float = 300.0  # ppi at printed size; photos far above are resampled to it
    min_ppi: float = 200.0  # below: LOW_RESOLUTION warning
    strict_ppi: float = 150.0  # below: LOW_RESOLUTION error (``--strict`` exits 1)
    rgb: str = "error"  # an RGB colour in the spec: 'error' or 'convert'
    profile: Path | None = None  # CMYK ICC profile for photo conversion; None: generic
    output_condition_id: str = "IFRA26"  # registered at http://www.color.org
    output_condition: str = "Coldset offset on newsprint (ISO 12647-3), IFRA26"
    overprint: bool = True  # black (K only) text and rules overprint
    rich_black: Color | None = None  # large black type in this colour, when given
    rich_black_size: float = 24.0  # pt: type at least this large gets the rich black
    marks: bool = False  # crop and registration marks outside the bleed
    slug: float = 12 * 72 / 25.4  # pt beyond the bleed for the marks (with marks)
    jpeg_quality: int = 92  # converted photos are stored as CMYK JPEG

    @property
    def resample_above(self) -> float:
        """Photos printing above this many ppi are resampled to ``resolution``."""
        return 1.5 * self.resolution

    def cmyk_profile(self) -> Path | None:
        if self.profile is not None:
            return self.profile
        return next((p for p in GENERIC_CMYK_PROFILES if p.is_file()), None)


PROOF = PressSettings(pdfx=False, overprint=False)
DEFAULT_PRESS = PressSettings()  # the settings of a spec without ``press``


def ink(color: Color) -> float:
    """Total area coverage of a colour in percent."""
    return 100.0 * (color.c + color.m + color.y + color.k)


def is_plain_black(color: Color) -> bool:
    """K only (any tint): such colours overprint."""
    return color.c == color.m == color.y == 0.0 and color.k > 0.0 and color.spot is None


# --------------------------------------------------------------------------- colour syntax


class RGB(NamedTuple):
    """An RGB colour as written in a spec, each 0..1; the press policy decides its fate."""

    r: float
    g: float
    b: float
    text: str

    def __str__(self) -> str:
        return self.text


_FUNC = re.compile(r"^\s*([a-z]+)\s*\((.*)\)\s*$", re.I)
_HEX = re.compile(r"^\s*#([0-9a-f]{6}|[0-9a-f]{3})\s*$", re.I)

COLOR_HELP = (
    "a colour: cmyk(c, m, y, k) in percent, k(60) / grey(60) for black only, "
    "spot(NAME, c, m, y, k) for a spot ink, or #rrggbb / rgb(r, g, b) (see press.rgb)"
)


def _percent(text: str) -> float:
    value = float(text.strip().rstrip("%").strip())
    if not 0.0 <= value <= 100.0:
        raise ValueError(f"{text.strip()} is not a percentage 0–100")
    return value / 100.0


def parse_color(text: object) -> Color | RGB:
    """Parse a spec colour (see the module doc). Raises ValueError."""
    if not isinstance(text, str):
        raise ValueError("not a colour")
    hexm = _HEX.match(text)
    if hexm:
        h = hexm[1]
        if len(h) == 3:
            h = "".join(ch * 2 for ch in h)
        r, g, b = (int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))
        return RGB(r, g, b, text.strip())
    m = _FUNC.match(text)
    if not m:
        raise ValueError("not a colour")
    name, args = m[1].lower(), [a for a in m[2].split(",")]
    if name == "cmyk" and len(args) == 4:
        c, mg, y, k = (_percent(a) for a in args)
        return Color(c, mg, y, k)
    if name in ("k", "grey", "gray") and len(args) == 1:
        return Color(0.0, 0.0, 0.0, _percent(args[0]))
    if name == "spot" and len(args) == 5 and args[0].strip():
        c, mg, y, k = (_percent(a) for a in args[1:])
        return Color(c, mg, y, k, spot=args[0].strip())
    if name == "rgb" and len(args) == 3:
        values = []
        for a in args:
            v = float(a.strip().rstrip("%"))
            values.append(v / 100 if a.strip().endswith("%") else v / 255)
        if not all(0.0 <= v <= 1.0 for v in values):
            raise ValueError("rgb() components are 0–255 or 0–100%")
        return RGB(*values, text.strip())
    raise ValueError("not a colour")


def format_color(color: Color) -> str:
    def p(v: float) -> str:
        return f"{round(v * 100, 1):g}"

    if color.spot is not None:
        return f"spot({color.spot}, {p(color.c)}, {p(color.m)}, {p(color.y)}, {p(color.k)})"
    return f"cmyk({p(color.c)}, {p(color.m)}, {p(color.y)}, {p(color.k)})"


@functools.cache
def _rgb_transform(profile: Path | None):
    from PIL import ImageCms

    if profile is None:
        return None
    srgb = ImageCms.createProfile("sRGB")
    cmyk = ImageCms.getOpenProfile(str(profile))
    return ImageCms.buildTransform(
        srgb, cmyk, "RGB", "CMYK", renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC
    )


def rgb_to_cmyk(rgb: RGB, settings: PressSettings = DEFAULT_PRESS) -> Color:
    """Convert through the press profile (sRGB → CMYK), then to the ink limit."""
    from PIL import Image

    im = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (rgb.r, rgb.g, rgb.b)))
    transform = _rgb_transform(settings.cmyk_profile())
    if transform is None:
        cmyk = im.convert("CMYK")  # naive, no profile on this machine
    else:
        from PIL import ImageCms

        cmyk = ImageCms.applyTransform(im, transform)
    c, m, y, k = (v / 255 for v in cmyk.getpixel((0, 0)))
    return limit_ink(Color(round(c, 3), round(m, 3), round(y, 3), round(k, 3)), settings.ink_limit)


def limit_ink(color: Color, limit: float) -> Color:
    """Grey component replacement, then CMY scaled, until C+M+Y+K ≤ ``limit`` percent (the
    same arithmetic as for photos in ``layout.render.images``)."""
    c, m, y, k = color.c, color.m, color.y, color.k
    cap = limit / 100.0
    total = c + m + y + k
    if total <= cap:
        return color
    g = min(c, m, y, 1.0 - k, (total - cap) / 2)
    c, m, y, k = c - g, m - g, y - g, k + g
    cmy = c + m + y
    room = cap - k
    if cmy > room > 0:
        f = room / cmy
        c, m, y = c * f, m * f, y * f

    def down(v: float) -> float:
        return math.floor(v * 10000) / 10000

    return Color(down(c), down(m), down(y), down(k), color.spot)
