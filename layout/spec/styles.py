"""The spec's ``fonts`` manifest and ``styles`` resolved.

Contract: :func:`font_roles` opens the fonts manifest and verifies every face it defines
(:func:`layout.fonts.library`), so ``check`` finds a bad font file as ``build`` would, and
returns the roles a style may name; :func:`resolve_styles` gives each style that checked out
as a :class:`~layout.spec.model.Style` (lengths in pt or ems of its own size, colour for the
press). A style with a fault is left out, with its errors on the context; every style of
:data:`~layout.spec.model.REQUIRED_STYLES` must be defined. A size range (``size: MIN..MAX``)
and a ``fill`` target belong to the styles of headline blocks (引题, 主题, 副题, and a box's
``headline.style``): on a style set in one size (body, byline, caption, a box's
``body_style`` …) a range is refused, not ignored, and so is ``fill`` without a range.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from layout.fonts import FontErrors, library
from layout.press import PressSettings
from layout.schema import FAILED, suggest
from layout.spec.context import Context
from layout.spec.model import DEFAULT_MARK, MARKED_STYLES, REQUIRED_STYLES, Style
from layout.spec.press import spec_color
from layout.text.options import Normalise, Prohibition, PunctuationScheme
from layout.text.prepare import HAN_LATIN_MAX
from layout.text.words import DEFAULT_HYPHENATION
from layout.units import Length, Unit
from layout.yamlsource import child_path

# The keys a style needs (with their defaults) to be resolved; a bad one is reported already.
_NEEDED = frozenset({"indent", "letter_spacing", "align", "latin_gap"})


def font_roles(ctx: Context, manifest: Path) -> set[str] | None:
    """The roles of the fonts manifest, whose faces are opened and verified here; errors
    point into the manifest. ``None`` when the roles are unknown (no manifest to read)."""
    if not manifest.is_file():
        what = (
            "is a folder: name the manifest file in it" if manifest.is_dir() else "does not exist"
        )
        ctx.err("fonts", f"fonts manifest {str(manifest)!r} {what}")
        return None
    try:
        fonts = library(manifest)
    except FontErrors as exc:
        ctx.errors.extend(exc.errors)
        return set(exc.roles) if exc.roles is not None else None
    return set(fonts.roles)


def resolve_styles(ctx: Context, roles: set[str] | None, press: PressSettings) -> dict[str, Style]:
    """Every style that resolved, by name (``roles`` ``None``: font roles not checked)."""
    raw = ctx.values.get("styles")
    if raw is None:
        return {}
    absent = [name for name in REQUIRED_STYLES if name not in raw]
    if absent:
        names = ", ".join(repr(name) for name in absent)
        plural = "s" if len(absent) > 1 else ""
        needed = ", ".join(REQUIRED_STYLES)
        ctx.err("styles", f"missing style{plural} {names} (required: {needed})")
    out: dict[str, Style] = {}
    one_size = _one_size_styles(ctx)
    for name, s in raw.items():
        if s is FAILED or "font" not in s or "size" not in s:
            continue
        if not _sizes_ok(ctx, name, s, one_size):
            continue
        style = _style(ctx, name, s, roles, press)
        if style is not None:
            out[name] = style
    return out


# The styles of a headline block whatever the boxes say (layout.compose.headline).
_BLOCK_STYLES = frozenset({"kicker", "headline", "subhead"})


def _one_size_styles(ctx: Context) -> frozenset[str]:
    """The styles set in one size: the required styles but the 引题, 主题 and 副题 ones, and
    every box's ``body_style``."""
    named = set(REQUIRED_STYLES) - _BLOCK_STYLES
    boxes = ctx.values.get("boxes")
    if isinstance(boxes, list):
        for b in boxes:
            body = b.get("body_style") if isinstance(b, Mapping) else None
            if isinstance(body, str):
                named.add(body)
    return frozenset(named)


def _sizes_ok(ctx: Context, name: str, s: Mapping[str, Any], one_size: frozenset[str]) -> bool:
    """A size range only for a style a headline block may set, and ``fill`` only with a
    range (reported)."""
    path = child_path("styles", name)
    ranged = isinstance(s["size"], tuple)
    if ranged and name in one_size:
        ctx.err(
            child_path(path, "size"),
            f"style {name!r} is set in one size: a size range is for the styles of headline "
            f"blocks ({', '.join(sorted(_BLOCK_STYLES))} or a box's headline.style)",
        )
        return False
    if s.get("fill") is not None and not ranged:
        ctx.err(
            child_path(path, "fill"),
            "fill needs a size range to choose from (size: MIN..MAX)",
            at_key=True,
        )
        return False
    return True


def _as_written(length: Length, pt: float) -> str:
    """A length as the spec gives it, and in points when it was not (0.5em (13pt))."""
    return f"{length}" if length.unit is Unit.PT else f"{length} ({pt:g}pt)"


def _style(
    ctx: Context,
    name: str,
    s: Mapping[str, Any],
    roles: set[str] | None,
    press: PressSettings,
) -> Style | None:
    """One style; ``None`` when its leading, indent or Han–Western gap is out of range
    (reported) or another key of it was bad (reported by the schema)."""
    path = child_path("styles", name)
    if roles is not None and s["font"] not in roles:
        ctx.err(
            child_path(path, "font"),
            f"unknown font role {s['font']!r}{suggest(s['font'], sorted(roles))}; "
            f"roles: {', '.join(sorted(roles))}",
        )
    min_size, size = s["size"] if isinstance(s["size"], tuple) else (None, s["size"])
    leading = s["leading"].to_pt(size) if "leading" in s else None
    if leading is not None and leading < size - 1e-6:
        # Lines closer than their size overprint each other (a 汉字 fills its em square, so
        # the leading is at least the size: 密排, solid, is 1em); of a range, the largest
        # size, which the leading keeps its ratio to.
        ctx.err(
            child_path(path, "leading"),
            f"expected a leading of at least the size ({size:g}pt"
            f"{', the largest of the range' if min_size is not None else ''}), got "
            f"{_as_written(s['leading'], leading)}: lines closer than their size overprint "
            "each other",
        )
        return None
    if leading is None or not set(s) >= _NEEDED:
        return None
    latin_gap = s["latin_gap"].to_em(size)
    if not 0 <= latin_gap <= HAN_LATIN_MAX + 1e-9:
        ctx.err(
            child_path(path, "latin_gap"),
            f"expected a gap of 0–1/3em (justification stretches it to 1/3em at most), "
            f"got {latin_gap:.3g}em",
        )
        return None
    indent = s["indent"].to_em(size)
    if indent < 0:
        # A hanging first line would stand out of its column, into the margin or the gutter:
        # the first line is indented, 2 em (1 em in very narrow columns), never outdented
        # (clreq §3.5; the reference's "Newspaper page practice").
        ctx.err(
            child_path(path, "indent"),
            f"expected an indent of 0 or more (2字 indents the first line two characters), "
            f"got {s['indent']}: a negative one hangs the first line out of its column",
        )
        return None
    mark = s.get("mark") or DEFAULT_MARK
    if s.get("mark") is not None and name not in MARKED_STYLES:
        ctx.err(
            child_path(path, "mark"),
            f"only the {' and '.join(MARKED_STYLES)} styles take a mark (this is {name!r})",
        )
    return Style(
        name=name,
        font=s["font"],
        size=size,
        leading=leading,
        indent=indent,
        align=s["align"],
        prohibition=s.get("prohibition", Prohibition.BASIC),
        punctuation=s.get("punctuation", PunctuationScheme.QUANSHEN),
        color=spec_color(ctx, press, child_path(path, "color"), s.get("color")),
        letter_spacing=s["letter_spacing"].to_em(size),
        latin_gap=latin_gap,
        quotes=s.get("quotes") or "corner",
        upright_latin=s.get("upright_latin", True),
        hyphenation=s.get("hyphenation", DEFAULT_HYPHENATION),
        normalise=s.get("normalise", Normalise.FULLWIDTH_ASCII),
        mark=None if mark == "none" else mark,
        min_size=min_size,
        fill=s.get("fill"),
    )
