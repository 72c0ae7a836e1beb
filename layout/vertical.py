"""Vertical writing (竖排, clreq §2.4): the text engine's metrics and glyphs along a vertical line.

The line breaker is the same as for horizontal text: :func:`set_vertical` runs
:func:`layout.text.paragraph.set_paragraph` unchanged, with :class:`VerticalMetrics` telling
it how far each character advances *down* the line:

- Han characters and full-width marks stand upright and advance by their ``vmtx`` advance
  (1 em in the CJK faces); punctuation is drawn with the face's ``vert`` alternate (the font
  layer's :meth:`~layout.fonts.Face.vertical_form`, read once per face): ，。、 sit in the
  upper-right quadrant, brackets are turned, “ ” ‘ ’ become the corner brackets ﹃﹄﹁﹂
  (``quotes="corner"``) or are drawn turned 90° (``quotes="rotated"``); ：；？！ stay upright.
- Latin words and numbers of four or more digits are turned 90° clockwise and advance by
  their horizontal advances (so the Han–Western gap of clreq §3.2.1 applies unchanged).
- Numbers of one to three digits are set 纵中横 (tate-chu-yoko): horizontally, centred in one
  em, squeezed (PDF horizontal scaling) if wider than 1 em; acronyms of up to four capitals
  and single letters stand upright, one em each (``upright_latin``).

Context-dependent units (a 纵中横 number, an upright acronym) cannot be told apart by the
per-character :class:`~layout.text.metrics.Metrics` protocol, so each is replaced, before
setting, by one private-use character (a *token*, U+E000…U+F8FF) that the metrics know; the
set paragraph is then mapped back to the text (:attr:`VerticalParagraph.restored`), so
reports, checks and line texts speak of the characters of the story. The text is cleaned
first (:func:`layout.text.clean.clean`, which leaves private-use characters alone); tokens
belong to one paragraph (:meth:`VerticalMetrics.for_text`) and are never a character of its
text, so private-use characters in the copy stay themselves.

:func:`place_vertical` turns a set line into display-list ops in a line slot of a vertical
frame (``TextRun.glyph`` for a ``vert`` alternate, ``TextRun.turn`` for turned runs,
``TextRun.scale`` for a squeezed 纵中横 number).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from .fonts import ChainMetrics, Face, FontLibrary
from .geometry import Rect
from .page import BLACK, Color, MissingGlyphOp, Op, TextRun
from .text.chars import CharClass, classify
from .text.clean import clean
from .text.collect import collect
from .text.finalize import Glyph, Line
from .text.metrics import GlyphInfo
from .text.normalise import normalise
from .text.options import Align, BreakMode
from .text.paragraph import SetParagraph, set_paragraph
from .text.prepare import ParagraphStyle
from .text.words import core_bounds

if TYPE_CHECKING:
    from .compose.setter import Setter
    from .spec.model import Style

VERTICAL_FULL_WIDTH = frozenset("：；？！")

# Where the baseline sits in the ideographic em box (see layout.compose.frame).
EM_BOX_DESCENT = 0.12
# A turned run's baseline lies this far left of the line's centre line (its em box, from
# 0.12 em below the baseline to 0.88 em above, turned clockwise, is centred on the line).
ROTATED_BASELINE = 0.5 - EM_BOX_DESCENT

QUOTES = frozenset("“”‘’")
# Marks that are drawn turned in a vertical line when the face has no vertical form of them:
# dashes and the wave dash (a turned dash is a vertical rule).
_TURNED_MARKS = frozenset("—–⸺―～~-")
_TOKEN_FIRST = 0xE000
_TOKEN_LAST = 0xF8FF
_TCY_DIGITS = 3
_UNITS = frozenset({CharClass.DIGIT, CharClass.LATIN})


@dataclass(frozen=True)
class VerticalOptions:
    """How a vertical line treats quotes and Latin text."""

    quotes: str = "corner"  # 'corner' (﹃﹄﹁﹂, the faces' vert forms) or 'rotated'
    upright_latin: bool = True  # acronyms of ≤ 4 capitals and single letters stand upright
    tcy_digits: int = _TCY_DIGITS  # numbers of up to this many digits are set 纵中横


# --------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Token:
    """A unit set as one character in a vertical line: a 纵中横 number or upright letters."""

    kind: str  # 'tcy' or 'upright'
    text: str
    advance: float  # em along the line


def turned(ch: str, options: VerticalOptions) -> bool:
    """Whether ``ch`` (outside a token) is drawn turned 90° in a vertical line."""
    cls = classify(ch)
    if cls in (CharClass.LATIN, CharClass.DIGIT, CharClass.SPACE):
        return True
    if ch.isascii():
        return True
    return options.quotes == "rotated" and ch in QUOTES


@dataclass
class VerticalMetrics:
    """:class:`~layout.text.metrics.Metrics` along a vertical line: a view on a fallback
    chain's metrics of both directions (:class:`~layout.fonts.ChainMetrics`) that picks, per
    character, the upright or the turned advance, plus the paragraph's tokens.

    The tokens of a paragraph are its own (:meth:`for_text`); the advances of characters are
    shared by all paragraphs set with the same chain and options."""

    chain: ChainMetrics
    options: VerticalOptions = VerticalOptions()
    tokens: dict[str, Token] = field(default_factory=dict)
    _codes: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _cache: dict[str, GlyphInfo] = field(default_factory=dict, repr=False)
    # Private-use characters of the paragraph's own text: never used as a token.
    _taken: frozenset[str] = field(default=frozenset(), repr=False)
    _next: int = field(default=_TOKEN_FIRST, repr=False)

    def for_text(self, text: str) -> VerticalMetrics:
        """Metrics for setting ``text``: no tokens yet, and none that is a character of it."""
        taken = frozenset(c for c in set(text) if _TOKEN_FIRST <= ord(c) <= _TOKEN_LAST)
        return VerticalMetrics(self.chain, self.options, _cache=self._cache, _taken=taken)

    def token(self, kind: str, text: str) -> str | None:
        """The private-use character standing for ``text`` set as ``kind`` (``None`` when the
        private-use area is used up: the unit is then set as ordinary text)."""
        code = self._codes.get((kind, text))
        if code is None:
            while self._next <= _TOKEN_LAST and chr(self._next) in self._taken:
                self._next += 1
            if self._next > _TOKEN_LAST:
                return None
            code = self._codes[(kind, text)] = chr(self._next)
            self._next += 1
            advance = 1.0 if kind == "tcy" else float(len(text))
            self.tokens[code] = Token(kind, text, advance)
        return code

    def glyph(self, ch: str) -> GlyphInfo:
        token = self.tokens.get(ch)
        if token is not None:
            face = self.chain.face_of(token.text)
            return GlyphInfo(face.id if face else None, token.advance)
        info = self._cache.get(ch)
        if info is None:
            info = self._cache[ch] = self._lookup(ch)
        return info

    def _lookup(self, ch: str) -> GlyphInfo:
        chain = self.chain
        horizontal = chain.glyph(ch)
        if horizontal.face is None or turned(ch, self.options):
            return horizontal
        if ch in _TURNED_MARKS and chain.vertical_form(ch) is None:
            return horizontal
        return chain.upright(ch)


def tokenize(text: str, metrics: VerticalMetrics) -> tuple[str, list[int]]:
    """``text`` with 纵中横 numbers and upright letters replaced by tokens, and for each
    index of the result (and its end) the index in ``text``."""
    options = metrics.options
    out: list[str] = []
    origin: list[int] = []
    for c in collect(text):
        kind = None
        # The word without the punctuation collect holds on to it ("28," is 28 and a comma).
        first, last = core_bounds(c.text) if c.cls in _UNITS else (0, len(c.text))
        core = c.text[first:last]
        ascii_text = core.isascii()
        if c.cls is CharClass.DIGIT and ascii_text and core.isdigit():
            kind = "tcy" if len(core) <= options.tcy_digits else None
        elif c.cls is CharClass.LATIN and options.upright_latin and ascii_text:
            acronym = len(core) <= 4 and core.isalpha() and core.isupper()
            kind = "upright" if len(core) == 1 or acronym else None
        code = metrics.token(kind, core) if kind is not None else None
        if code is None:
            out.append(c.text)
            origin.extend(range(c.start, c.end))
        else:
            out.extend((c.text[:first], code, c.text[last:]))
            origin.extend(range(c.start, c.start + first))
            origin.append(c.start + first)
            origin.extend(range(c.start + last, c.end))
    origin.append(len(text))
    return "".join(out), origin


# --------------------------------------------------------------------------- setting


@dataclass(frozen=True)
class VerticalParagraph:
    """A paragraph set along a vertical measure: ``par`` as set (tokens in its text) for
    drawing, ``restored`` in the original text for reports and line texts."""

    par: SetParagraph
    restored: SetParagraph
    metrics: VerticalMetrics


_METRICS: dict[tuple[int, str, VerticalOptions], VerticalMetrics] = {}


def vertical_metrics(
    fonts: FontLibrary, role: str, options: VerticalOptions = VerticalOptions()
) -> VerticalMetrics:
    key = (id(fonts), role, options)
    found = _METRICS.get(key)
    if found is None:
        found = _METRICS[key] = VerticalMetrics(fonts.metrics(role), options)
    return found


def options_of(style: Style) -> VerticalOptions:
    return VerticalOptions(
        quotes=getattr(style, "quotes", "corner"),
        upright_latin=getattr(style, "upright_latin", True),
    )


def set_vertical_text(
    text: str,
    style: ParagraphStyle,
    measure: float,
    metrics: VerticalMetrics,
    *,
    align: Align = Align.JUSTIFY,
    mode: BreakMode = BreakMode.TOTAL_FIT,
) -> VerticalParagraph:
    """Set ``text`` along a vertical ``measure`` with the engine's own line breaking. It is
    cleaned before it is tokenized (cleaning the tokenized text again changes nothing), so
    ``restored`` speaks of the cleaned text, like a horizontal paragraph, and carries what
    cleaning removed. Full-width letters and digits are normalised first, as the style says
    (``layout.text.normalise``), so that ``１２`` is a 纵中横 number like ``12``."""
    cleaned = clean(text)
    body = normalise(cleaned.text, style.normalise)
    metrics = metrics.for_text(body)
    tokenized, origin = tokenize(body, metrics)
    # ：；？！ stand upright in the middle of their em and keep it (clreq §2.4).
    style = replace(style, full_width_marks=VERTICAL_FULL_WIDTH)
    par = set_paragraph(tokenized, style, measure, metrics, align=align, mode=mode)
    restored = _restore(par, body, origin, metrics.tokens)
    return VerticalParagraph(par, replace(restored, removed=cleaned.removed), metrics)


def set_vertical(
    setter: Setter,
    text: str,
    style: Style,
    measure: float,
    *,
    align: Align | None = None,
    indent: float | None = None,
) -> VerticalParagraph:
    """:meth:`Setter.set` for a vertical line: the same style rules, vertical metrics."""
    options = options_of(style)
    key = ("vertical", text, style, measure, align, indent, setter.mode, options)
    found = setter.fonts.memo.get(key)
    if found is not None:
        return found  # type: ignore[return-value]
    from .compose.setter import paragraph_style  # the page's module imports this one

    result = set_vertical_text(
        text,
        paragraph_style(style, indent),
        measure,
        vertical_metrics(setter.fonts, style.font, options),
        align=align or style.align,
        mode=setter.mode,
    )
    setter.fonts.memo[key] = result
    return result


def _restore(
    par: SetParagraph, text: str, origin: Sequence[int], tokens: dict[str, Token]
) -> SetParagraph:
    def expand(s: str) -> str:
        return "".join(tokens[c].text if c in tokens else c for c in s)

    lines = tuple(
        replace(
            ln,
            glyphs=tuple(
                g._replace(text=expand(g.text), source=origin[g.source]) for g in ln.glyphs
            ),
            start=origin[ln.start],
            end=origin[ln.end],
        )
        for ln in par.lines
    )
    missing = tuple(replace(m, char=expand(m.char), index=origin[m.index]) for m in par.missing)
    return SetParagraph(text, lines, missing, par.overfull)


# --------------------------------------------------------------------------- placing


def place_vertical(
    line: Line,
    metrics: VerticalMetrics,
    fonts: FontLibrary,
    rect: Rect,
    block: float,
    slot: float,
    size: float,
    color: Color = BLACK,
) -> Iterator[Op]:
    """Ops for ``line`` (as set, with tokens) in the slot ``block`` points from the right
    edge of the vertical frame ``rect``, ``slot`` points wide; ``line`` runs down from
    ``rect.y``. Upright glyphs are centred on the slot's centre line."""
    centre = rect.right - block - slot / 2
    tokens = metrics.tokens
    options = metrics.options
    for g in _tokens_apart(line.glyphs, metrics, size):
        top = rect.y + g.inline
        if g.face is None:
            text = "".join(tokens[c].text if c in tokens else c for c in g.text)
            yield MissingGlyphOp(text, Rect(centre - size / 2, top, size, size))
            continue
        face = fonts.face(g.face)
        token = tokens.get(g.text)
        if token is not None:
            yield from _token_runs(token, face, centre, top, size, color)
            continue
        if all(turned(c, options) for c in g.text):
            yield _turned(g.text, g.face, centre, top, size, g.scale, color)
            continue
        at = top
        for ch in g.text:
            vert = None if options.quotes == "rotated" and ch in QUOTES else face.vertical_form(ch)
            if vert is None and (turned(ch, options) or ch in _TURNED_MARKS):
                yield _turned(ch, g.face, centre, at, size, g.scale, color)
                at += face.advance(ch) * size * g.scale
                continue
            width = face.advance(ch) * size
            yield _upright(ch, g.face, centre - width / 2, at, size, 1.0, color, vert)
            at += face.vertical_advance(ch) * size * g.scale


def _tokens_apart(
    glyphs: Sequence[Glyph], metrics: VerticalMetrics, size: float
) -> Iterator[Glyph]:
    """``glyphs`` with a token that shares a run with other characters (punctuation held on
    to a 纵中横 number: ``28,``) set apart, each character at its own place down the run."""
    tokens = metrics.tokens
    for g in glyphs:
        if len(g.text) == 1 or not any(c in tokens for c in g.text):
            yield g
            continue
        at = g.inline
        for k, ch in enumerate(g.text):
            advance = metrics.glyph(ch).advance * size * g.scale
            yield g._replace(text=ch, inline=at, advance=advance, source=g.source + k)
            at += advance


def _turned(
    text: str, face: str, centre: float, top: float, size: float, scale: float, color: Color
) -> TextRun:
    """A run turned 90° clockwise: its baseline runs down the page at ``x``, from ``top``."""
    return TextRun(text, face, size, centre - ROTATED_BASELINE * size, top, scale, color, turn=90)


def _upright(
    text: str,
    face: str,
    left: float,
    top: float,
    size: float,
    scale: float,
    color: Color,
    glyph: int | None = None,
) -> TextRun:
    """A run standing upright in a vertical line, its em box's top at ``top``: the origin is
    its baseline, ``1 − EM_BOX_DESCENT`` em below the top."""
    baseline = top + (1 - EM_BOX_DESCENT) * size
    return TextRun(text, face, size, left, baseline, scale, color, glyph=glyph)


def _token_runs(
    token: Token, face: Face, centre: float, top: float, size: float, color: Color
) -> Iterator[TextRun]:
    if token.kind == "tcy":
        # 纵中横: the digits side by side, centred, squeezed into one em if wider.
        width = sum(face.advance(c) for c in token.text) * size
        scale = min(1.0, size / width) if width else 1.0
        yield _upright(token.text, face.id, centre - width * scale / 2, top, size, scale, color)
        return
    for k, ch in enumerate(token.text):
        width = face.advance(ch) * size
        yield _upright(ch, face.id, centre - width / 2, top + k * size, size, 1.0, color)
