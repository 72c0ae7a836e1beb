"""The text of a page's content stream, written as PDF operators (PDF 1.7 §9.3–9.4).

The pen hands each :class:`~layout.page.TextRun` here: :class:`TextWriter` collects the runs
drawn one after another into one text object (``BT`` … ``ET``) and appends it to the page's
content (``layout.render.canvas``) in one piece when something else is drawn (a rule, an
image) or the page ends.

In the text object:

- ``Tf`` only when the font or size changes, ``Tc`` (character spacing) and ``Tz``
  (horizontal scaling, in per cent) only when they change;
- each run placed by its text matrix, ``1 0 0 1 x y Tm`` (absolute: no position carried from
  the run before, so rounding never adds up), a run turned 90° clockwise by
  ``0 -1 1 0 x y Tm`` (its baseline runs down the page, clreq §2.4 竖排);
- each run's glyphs as one hex string of 2-byte glyph ids and ``Tj`` (the faces are
  Identity-H CID fonts, ``layout.render.cidfont``: code = CID = glyph id, but for a glyph
  drawn for two texts in one document, the second text's CID of its own, put in the run's
  text as its stand-in before the run is written). The font records every character drawn,
  as for ReportLab's own text, so the subset and the ToUnicode CMap hold every glyph;
- the fill colour (``k``, or a Separation's ``cs``/``scn``) and black's overprint (an
  ExtGState ``gs``) only when they change, both through the canvas's bookkeeping of colour
  spaces and graphics states so the page's resources name them.

Text state (``Tf``, ``Tc``, ``Tz``) and the fill colour belong to the graphics state (§9.3.1)
and outlive ``ET``, but what comes between two text objects (a ``q``/``Q``, a colour set for a
rule) may change them, so each text object starts knowing nothing and sets what its first run
needs.

Numbers are written with a fixed number of decimals, trailing zeros dropped (:func:`pdf_number`):
Python's formatting of floats is correctly rounded, so the bytes are the same on every
platform. Coordinates and sizes in points to 0.001 pt, character spacing to 0.0001 pt,
colour components to 0.0001.
"""

from __future__ import annotations

from collections.abc import Callable

from ..page import Color
from .canvas import Canvas
from .cidfont import CIDTrueTypeFont

# Runs' operators kept (``TextWriter``): a few pages' worth; past it, forgotten all at once
# (a ``watch`` of a page that keeps changing would otherwise keep every place a run stood).
SHOWN_LIMIT = 50_000
# Kept for a run whose text has a character drawn through a claim: its operators are kept by
# the text with the CIDs of the document put in (``CIDTrueTypeFont.claimer``).
_CLAIMED = ""


def pdf_number(value: float, places: int = 3) -> str:
    """``value`` with ``places`` decimals, trailing zeros and a bare sign dropped."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


class Points(dict):
    """Point values (``pdf_number`` to 0.001 pt) by value, each formatted on first use: a
    page's runs stand at few distinct x and y (the columns' edges, the lines' baselines), so
    most are a lookup at C speed (``points[x]``). Kept with the runs' operators
    (``TextWriter``) and forgotten with them."""

    def __missing__(self, value: float) -> str:
        text = self[value] = pdf_number(value)
        return text


class TextWriter:
    """Text operators for one canvas, collected into text objects (``_code``: the operators
    of the open one)."""

    def __init__(
        self, canvas: Canvas, shown: dict[tuple, str] | None = None, points: Points | None = None
    ) -> None:
        self.canvas = canvas
        # Each run's placing and showing operators (``Tm`` … ``Tj``) by font, turn, PDF point
        # and text: given by the pen from its font library's memo, they outlive the canvas, so
        # a rebuild (``watch``) formats only the runs that moved or changed; the coordinates'
        # digits likewise (one ``Points`` for the pages of an edition).
        self._shown: dict[tuple, str] = {} if shown is None else shown
        self._points = Points() if points is None else points
        self._code: list[str] = []
        self._font: tuple[str, float] | None = None
        self._char_space: float | None = None
        self._scale: float | None = None
        self._fill: Color | None = None
        # Each font's hex digits for the canvas's document, None for a text with a character
        # drawn through a claim (CIDTrueTypeFont.plain_hex_writer), the recording of a text's
        # characters alone (a run whose operators are known), and what puts such a text's
        # claimed characters as the CIDs they are drawn with there (CIDTrueTypeFont.claimer).
        self._hex: dict[
            str,
            tuple[Callable[[str], str | None], Callable[[str], None], Callable[[str], str]],
        ] = {}

    @property
    def fill(self) -> Color | None:
        """The fill colour set in the open text object (None before its first)."""
        return self._fill

    def set_fill(self, colour: Color, overprint: bool | None) -> None:
        """Fill with ``colour``; ``overprint`` sets the fill overprint (None: left alone)."""
        code = self._open()
        if colour.spot is not None:
            code.append(f"/{self.canvas.spot(colour)} cs 1 scn")
        else:
            c, m, y, k = (pdf_number(v, 4) for v in (colour.c, colour.m, colour.y, colour.k))
            code.append(f"{c} {m} {y} {k} k")
        if overprint is not None:
            self.canvas.gstate.set(code, "op", overprint)
        self._fill = colour

    def run(
        self,
        font: CIDTrueTypeFont,
        size: float,
        x: float,
        y: float,
        text: str,
        char_space: float = 0.0,
        scale: float = 1.0,
        turned: bool = False,
    ) -> None:
        """Draw ``text`` in ``font`` at ``size`` from the PDF point (x, y): along the
        baseline to the right, or down the page when ``turned``. (Called once a run of the
        page, positionally by the pen: the steps are few and their lookups local.)"""
        code = self._code
        if not code:
            code.append("BT")
        name = font.font_name
        if self._font != (name, size):
            code.append(f"{font.resource_name(self.canvas.doc)} {pdf_number(size)} Tf")
            self._font = (name, size)
        writers = self._hex.get(name)
        if writers is None:
            doc = self.canvas.doc
            writers = self._hex[name] = (
                font.plain_hex_writer(doc),
                font.recorder(doc),
                font.claimer(doc),
            )
        if self._char_space != char_space:
            code.append(f"{pdf_number(char_space, 4)} Tc")
            self._char_space = char_space
        if self._scale != scale:
            code.append(f"{pdf_number(scale * 100)} Tz")
            self._scale = scale
        shown = self._shown_run(writers, name, turned, x, y, text)
        if shown is _CLAIMED:
            # A character whose glyph another text may share (a vertical form's, or one the
            # cmap gives two characters: '–' and '‒'): its CID depends on what this document
            # drew (layout.render.cidfont), so the run is kept by its text with the CIDs
            # drawn put in.
            shown = self._shown_run(writers, name, turned, x, y, writers[2](text))
        code.append(shown)

    def _shown_run(
        self,
        writers: tuple[Callable[[str], str | None], Callable[[str], None], Callable[[str], str]],
        name: str,
        turned: bool,
        x: float,
        y: float,
        text: str,
    ) -> str:
        """The placing and showing operators of a run (kept by font, turn, point and text),
        its characters recorded for the document; :data:`_CLAIMED` for a text with a
        character drawn through a claim (nothing recorded)."""
        key = (name, turned, x, y, text)
        shown = self._shown.get(key)
        if shown is None:
            codes = writers[0](text)
            if len(self._shown) >= SHOWN_LIMIT:
                self._shown.clear()
                self._points.clear()
            if codes is None:
                shown = self._shown[key] = _CLAIMED
            else:
                points = self._points
                shown = self._shown[key] = (
                    f"{'0 -1 1 0' if turned else '1 0 0 1'} {points[x]} {points[y]} Tm <{codes}> Tj"
                )
        elif shown is not _CLAIMED:
            writers[1](text)  # its glyphs still go into this document's subset
        return shown

    def flush(self) -> None:
        """Close the open text object (if any) into the canvas's content."""
        if self._code:
            self._code.append("ET")
            self.canvas.code.append("\n".join(self._code))
            self._code = []
            self._font = self._char_space = self._scale = self._fill = None

    def _open(self) -> list[str]:
        code = self._code
        if not code:
            code.append("BT")
        return code
