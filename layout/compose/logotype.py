"""The masthead's logotype (报头字) fitted to its area and drawn, with the subtitle under it.

Contract: :func:`fit_logotype` measures the logotype as it will stand in an area ``width`` ×
``height`` — type at its style's size, shrunk (never enlarged) to fit; artwork scaled to fit,
its proportions kept — and :func:`draw_logotype` gives its ops at a top-left corner:

- type: the title's runs in the logotype's ink (``color``, else the style's colour);
- SVG or PDF artwork: an :class:`~layout.page.ArtworkOp` in the ink
  (``layout.render.artwork``);
- a picture: an :class:`~layout.page.ImageOp`, converted for the press as photos are, its
  resolution judged against ``press.min_ppi`` / ``strict_ppi`` as a photo's;
- a file that has gone since the spec was loaded (``watch``): a crossed grey box and a
  ``missing-image`` problem.

:func:`subtitle_ops` sets the subtitle (pinyin) under it, in the same ink, its letters
spread to the logotype's width as mastheads print it (at most :data:`SPREAD_LIMIT` em
apart, then centred); a subtitle wider than the logotype is set smaller to its width (the
logotype stands at the box's left edge: centred, it would stand out of the box).

Type set below :data:`SHRINK_LIMIT` of its style's size (a logotype in a narrow or shallow
masthead, its subtitle with it) is reported as a ``shrunk`` warning with the size it got:
it prints, but not as designed.
"""

from __future__ import annotations

from ..artwork import Artwork, ArtworkError, read_artwork
from ..geometry import Rect
from ..imagefiles import ImageFileError, read_header
from ..page import (
    EM_BOX_DESCENT,
    ArtworkOp,
    Color,
    ImageOp,
    MissingGlyphOp,
    Op,
    RectOp,
    RuleOp,
    TextRun,
    grey,
)
from ..records import NamedTuple
from ..report import (
    ImageFile,
    LowResolution,
    Overset,
    Problem,
    ProblemKind,
    Severity,
    Shrunk,
    ppi_below,
    tenths_down,
)
from ..spec.model import Logotype, LogotypeKind, Style
from ..text.options import Align
from ..text.paragraph import SetParagraph
from .frame import Frame
from .setter import Setter, Where, colour_of

_UNBOUNDED = 1e5  # pt: a measure no title reaches, to read its natural width
SPREAD_LIMIT = 1.0  # em: the most space added between two letters of the subtitle
SHRINK_LIMIT = 0.5  # of the style's size: type set smaller than this is reported


class LogotypeFit(NamedTuple):
    """The logotype as it will stand: its size in points, and for type the style it is
    set in (the size shrunk to fit) and its line."""

    logotype: Logotype
    width: float
    height: float
    ink: Color
    style: Style | None = None
    paragraph: SetParagraph | None = None  # type: the title as set
    pixels: tuple[int, int] | None = None  # a picture's size
    artwork: Artwork | None = None  # SVG, PDF: its shapes
    missing: str | None = None  # why the file cannot be drawn (it changed since loading)


def fit_logotype(
    logotype: Logotype, title: str, width: float, height: float, setter: Setter
) -> LogotypeFit:
    """The logotype measured to fit ``width`` × ``height``."""
    if logotype.kind is LogotypeKind.TEXT:
        return _fit_type(logotype, title, width, height, setter)
    assert logotype.image is not None
    # The spec loader verified the file; it is read again because it may have changed since
    # (watch), and a changed file is reported, not drawn.
    art: Artwork | None = None
    pixels: tuple[int, int] | None = None
    try:
        if logotype.kind is LogotypeKind.VECTOR:
            art = read_artwork(logotype.image)
            natural = (art.width, art.height)
        else:
            pixels = read_header(logotype.image).size
            natural = (float(pixels[0]), float(pixels[1]))
    except (ArtworkError, ImageFileError) as exc:
        missing = "not found" if not logotype.image.exists() else str(exc)
        return LogotypeFit(logotype, width, height, _ink(logotype, None), missing=missing)
    scale = max(min(width / natural[0], height / natural[1]), 0.0)
    w, h = natural[0] * scale, natural[1] * scale
    return LogotypeFit(logotype, w, h, _ink(logotype, None), pixels=pixels, artwork=art)


def _ink(logotype: Logotype, style: Style | None) -> Color:
    if logotype.color is not None:
        return logotype.color
    return colour_of(style) if style is not None else Color()


def _fit_type(
    logotype: Logotype, title: str, width: float, height: float, setter: Setter
) -> LogotypeFit:
    assert logotype.style is not None
    style = setter.style(logotype.style)
    natural = setter.set(title, style, _UNBOUNDED, align=Align.START, indent=0.0)
    text_width = max((ln.natural for ln in natural.lines), default=0.0)
    size = style.size
    if text_width > width:
        size *= width / text_width
    size = max(min(size, height), 0.0)
    if size == 0.0:  # no room: nothing to draw, reported when drawn (the title's characters)
        return LogotypeFit(logotype, 0.0, 0.0, _ink(logotype, style), style, natural)
    if size != style.size:
        style = style._replace(size=size, leading=size)
    par = setter.set(title, style, _UNBOUNDED, align=Align.START, indent=0.0)
    width = max((ln.natural for ln in par.lines), default=0.0)
    return LogotypeFit(logotype, width, size, _ink(logotype, style), style, par)


def draw_logotype(
    fit: LogotypeFit,
    x: float,
    y: float,
    setter: Setter,
    where: Where,
    limits: tuple[float, float],
    problems: list[Problem],
) -> list[Op]:
    """The ops of the fitted logotype with its top-left corner at ``(x, y)``; its problems
    (a character no font has, a picture below the press limits, a file gone) added."""
    rect = Rect(x, y, fit.width, fit.height)
    image = fit.logotype.image
    if fit.width <= 0.0 or fit.height <= 0.0:
        chars = len(fit.paragraph.text) if fit.paragraph is not None else 0
        problems.append(no_room("the logotype", chars, rect, where))
        return []
    if fit.missing is not None:
        problems.append(
            Problem(
                kind=ProblemKind.MISSING_IMAGE,
                message=f"logotype file {fit.missing}: {image}",
                details=ImageFile(path=str(image)),
                box=where.box,
                where=rect,
            )
        )
        return [
            RectOp(rect, fill=grey(0.15), stroke=grey(0.6)),
            RuleOp(rect.x, rect.y, rect.right, rect.bottom, 0.5, grey(0.6)),
            RuleOp(rect.x, rect.bottom, rect.right, rect.y, 0.5, grey(0.6)),
        ]
    if fit.paragraph is not None and fit.style is not None:
        problems.extend(setter.problems(fit.paragraph, fit.style, where))
        assert fit.logotype.style is not None
        designed = setter.style(fit.logotype.style).size
        problems.extend(_shrunk("logotype", fit.style.size, designed, where, rect))
        frame = Frame(Rect(x, y, max(fit.width, 1.0), fit.height))
        ops: list[Op] = []
        for line in fit.paragraph.lines[:1]:  # one line: the measure is unbounded
            ops.extend(frame.place(line, 0.0, fit.height, fit.height, fit.ink))
        return ops
    assert image is not None
    if fit.artwork is not None:
        art = fit.artwork
        return [ArtworkOp(str(image), rect, (art.width, art.height), art.shapes, fit.ink)]
    assert fit.pixels is not None
    ppi = fit.pixels[0] / (fit.width / 72.0)
    problems.extend(_resolution(str(image), ppi, limits, where, rect))
    return [ImageOp(str(image), rect, rect, fit.pixels, ppi)]


def _resolution(
    path: str, ppi: float, limits: tuple[float, float], where: Where, rect: Rect
) -> list[Problem]:
    """A picture logotype below ``press.min_ppi`` (a warning) or ``strict_ppi`` (an error),
    as for photos."""
    min_ppi, strict_ppi = limits
    if ppi >= min_ppi:
        return []
    too_low = ppi < strict_ppi
    limit = strict_ppi if too_low else min_ppi
    return [
        Problem(
            kind=ProblemKind.LOW_RESOLUTION,
            message=f"logotype {path} prints at {ppi_below(ppi, limit)} ppi (below {limit:g})",
            details=LowResolution(ppi=tenths_down(ppi), path=path, limit=limit),
            box=where.box,
            where=rect,
            level=Severity.ERROR if too_low else None,
        )
    ]


def no_room(what: str, chars: int, rect: Rect, where: Where) -> Problem:
    """``what`` of the masthead not drawn: its box leaves it no room (overset)."""
    return Problem(
        kind=ProblemKind.OVERSET,
        message=f"{what} not drawn: the masthead box leaves it no room",
        details=Overset(lines=1, chars=chars),
        box=where.box,
        where=rect,
    )


def _shrunk(what: str, size: float, designed: float, where: Where, rect: Rect) -> list[Problem]:
    """A warning when ``what`` was set below :data:`SHRINK_LIMIT` of its style's size."""
    if size >= SHRINK_LIMIT * designed:
        return []
    return [
        Problem(
            kind=ProblemKind.SHRUNK,
            message=f"{what} set at {size:.1f}pt to fit, its style's size is {designed:.1f}pt",
            details=Shrunk(size=size, style_size=designed),
            box=where.box,
            where=rect,
        )
    ]


def subtitle_ops(
    text: str,
    style: Style,
    rect: Rect,
    ink: Color,
    setter: Setter,
    where: Where,
    problems: list[Problem],
) -> list[Op]:
    """The subtitle on one line of ``style`` at the top of ``rect`` (the logotype's width):
    its characters spread evenly to the width (see the module doc)."""
    par = setter.set(text, style, _UNBOUNDED, align=Align.START, indent=0.0)
    problems.extend(setter.problems(par, style, where))
    if not par.lines:
        return []
    line = par.lines[0]
    if line.natural > rect.width:
        size = style.size * max(rect.width, 0.0) / line.natural
        if size <= 0.0:
            problems.append(no_room("the subtitle", line.end - line.start, rect, where))
            return []
        problems.extend(_shrunk("subtitle", size, style.size, where, rect))
        # The slot stays the style's leading: the smaller type centred in it.
        par = setter.set(text, style._replace(size=size), _UNBOUNDED, align=Align.START, indent=0.0)
        line, style = par.lines[0], style._replace(size=size)
    baseline = Frame(rect).baseline(0.0, style.leading, style.size)
    count = line.end - line.start
    if line.natural >= rect.width or count < 2:
        x = rect.x + (rect.width - line.natural) / 2
        frame = Frame(Rect(x, rect.y, line.natural, rect.height))
        return list(frame.place(line, 0.0, style.leading, style.size, ink))
    # Letters further apart than the spread limit would no longer read as a word: the rest
    # of the width is left either side.
    extra = min((rect.width - line.natural) / (count - 1), SPREAD_LIMIT * style.size)
    x0 = rect.x + (rect.width - line.natural - extra * (count - 1)) / 2
    ops: list[Op] = []
    for g in line.glyphs:
        x = x0 + g.inline + (g.source - line.start) * extra
        if g.face is None:
            top = baseline - (1 - EM_BOX_DESCENT) * style.size
            ops.append(MissingGlyphOp(g.text, Rect(x, top, g.advance, style.size)))
            continue
        # PDF Tc spaces the letters of a Western word as it spaces the runs apart.
        ops.append(TextRun(g.text, g.face, style.size, x, baseline, g.scale, ink, 0, extra))
    return ops
