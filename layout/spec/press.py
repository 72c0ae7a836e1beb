"""The spec's ``press`` section resolved, and every colour of the spec checked for the press.

Contract: :func:`press_settings` turns the checked ``press`` values into
:class:`~layout.press.PressSettings` (the ICC profile opened and verified as a CMYK output
profile, :mod:`layout.iccprofile`); :func:`spec_color` is how any spec colour (a style's
``color``, ``press.rich_black``) becomes a press colour: RGB refused unless ``press.rgb:
convert`` (then converted through the profile), and CMYK within ``press.ink_limit``.
Faults are errors on the context; a bad value resolves to ``None`` (the default).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from layout.errors import display_path
from layout.iccprofile import IccError, check_output_profile
from layout.page import Color
from layout.press import (
    MARK_GAP,
    MIN_MARK,
    MIN_SLUG,
    RGB,
    PressSettings,
    format_color,
    ink,
    rgb_to_cmyk,
)
from layout.spec.context import Context
from layout.units import MM

# The least slug in whole tenths of a millimetre, as a spec would give it (8 pt: 2.9 mm).
_LEAST_SLUG_MM = math.ceil(MIN_SLUG / MM * 10) / 10


def press_settings(ctx: Context) -> PressSettings:
    """The press settings of the spec (the defaults where ``press`` is absent)."""
    p: Mapping[str, Any] = ctx.values.get("press") or {}
    settings = PressSettings(
        pdfx=p.get("pdfx", True),
        ink_limit=p.get("ink_limit", 240.0),
        resolution=float(p.get("resolution", 300)),
        min_ppi=float(p.get("min_ppi", 200)),
        strict_ppi=float(p.get("strict_ppi", 150)),
        rgb=p.get("rgb", "error"),
        profile=_profile(ctx, p),
        output_condition_id=p.get("output_intent", "IFRA26"),
        overprint=p.get("overprint", True),
        rich_black_size=p.get("rich_black_size", 24.0),
        marks=p.get("marks", False),
        slug=p.get("slug", 12 * 72 / 25.4),
    )
    if settings.strict_ppi > settings.min_ppi:
        ctx.err("press.strict_ppi", "must not be above press.min_ppi")
    if settings.marks and settings.slug < MIN_SLUG - 1e-9:
        # The MediaBox is the bleed and the slug: marks beyond it would be cut off unseen.
        ctx.err(
            "press.slug",
            f"expected a slug of at least {_LEAST_SLUG_MM:g}mm ({MIN_SLUG:g}pt) with marks: "
            f"true, got {settings.slug / MM:.3g}mm; the crop marks stand {MARK_GAP:g}pt "
            f"beyond the bleed, {MIN_MARK:g}pt long at least, {MARK_GAP:g}pt short of the "
            "sheet's edge",
        )
    black = spec_color(ctx, settings, "press.rich_black", p.get("rich_black"))
    return settings._replace(rich_black=black)


def _profile(ctx: Context, p: Mapping[str, Any]) -> Path | None:
    """``press.profile``, when given and a CMYK output profile (it is embedded in the PDF)."""
    if not p.get("profile"):
        return None
    profile = ctx.path(p["profile"], "press.profile")
    try:
        check_output_profile(profile)
    except IccError as exc:
        ctx.err(
            "press.profile",
            f"ICC profile {str(profile)!r} does not exist"
            if not profile.exists()
            else f"ICC profile {display_path(profile)!r}: {exc.reason}",
        )
        return None
    return profile


def spec_color(
    ctx: Context, settings: PressSettings, path: str, value: Color | RGB | None
) -> Color | None:
    """A spec colour for the press: RGB refused or converted (``press.rgb``), and every
    colour within the ink limit. ``None`` for no colour and for a refused one."""
    if value is None:
        return None
    if isinstance(value, RGB):
        converted = rgb_to_cmyk(value, settings)
        if settings.rgb != "convert":
            ctx.err(
                path,
                f"RGB colour {value} is not for the press: write it in CMYK, e.g. "
                f"{format_color(converted)}, or set press.rgb: convert",
            )
            return None
        return converted
    if ink(value) > settings.ink_limit + 1e-6:
        ctx.err(
            path,
            f"{format_color(value)} is {ink(value):.0f}% ink, over the press ink limit "
            f"{settings.ink_limit:g}% (press.ink_limit)",
        )
    return value
