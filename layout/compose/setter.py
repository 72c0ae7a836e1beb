"""The page's access to the text engine: a paragraph in a named style at a measure."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..articles import Article
from ..errors import SourcePos, quoted
from ..fonts import FontLibrary
from ..geometry import WritingMode
from ..page import BLACK, Color
from ..records import NamedTuple
from ..report import AtLine, BadVerticalForms, MissingGlyph, Problem, ProblemKind, RemovedCharacter
from ..spec.model import Style
from ..text.check import Violation, ViolationKind, check_lines
from ..text.clean import Removed, clean
from ..text.damage import EXPLANATIONS, Damage, DamageKind, PastedTable, damaged, pasted_table
from ..text.emoji import Emoji, EmojiKind, emoji
from ..text.halfwidth import HalfWidthMark, half_width_marks
from ..text.hardwrap import JoinedLines, joined_lines
from ..text.options import Align, BreakMode
from ..text.orient import VERTICAL_FULL_WIDTH, VerticalOptions
from ..text.paragraph import SetParagraph, natural_width, set_paragraph
from ..text.prepare import ParagraphStyle, RunIn
from ..text.rtl import RtlRun, rtl_runs
from .fallback import IDEOGRAPH_RUNS, StyleHan, han_by_face, ideographs

_REPORTED = {
    ViolationKind.PROHIBITED_START: ProblemKind.PROHIBITED_BREAK,
    ViolationKind.PROHIBITED_END: ProblemKind.PROHIBITED_BREAK,
    ViolationKind.ORPHAN: ProblemKind.ORPHAN,
    ViolationKind.LOOSE: ProblemKind.LOOSE_LINE,
    ViolationKind.OVERFULL: ProblemKind.OVERFULL_LINE,
    ViolationKind.BROKEN_WORD: ProblemKind.BROKEN_WORD,
}


_MEMO_LIMIT = 20_000  # set paragraphs kept for rebuilds
_UNBOUNDED = 1e6  # points: a measure no line reaches (a width measured on one line)


class Where(NamedTuple):
    """What a paragraph belongs to, for problem reports."""

    box: str | None = None
    article: str | None = None
    paragraph: int | None = None  # 1-based
    source: SourcePos | None = None  # where the paragraph's text is in its article record
    # The part of the story that is no body paragraph (引题, 主题, 副题, 署名): its reports
    # are named by it ("主题: removed U+0001 …").
    part: str | None = None


def _named(message: str, where: Where) -> str:
    return message if where.part is None else f"{where.part}: {message}"


def _at_line(kind: ProblemKind, line: int, message: str, where: Where) -> Problem:
    """A problem of the paragraph ``where`` names, at its ``line`` (0-based): the message
    after the line's number, and after the part of a head or byline it is in."""
    return Problem(
        kind=kind,
        message=_named(f"line {line + 1}: {message}", where),
        details=AtLine(line=line + 1),
        box=where.box,
        article=where.article,
        paragraph=where.paragraph,
        source=where.source,
    )


class RunInText(NamedTuple):
    """A run-in opening of a paragraph in a style of its own: a dateline (本报讯) in the
    ``dateline`` style, then a fixed blank of ``space`` em of the paragraph's size. It is set
    in its style's face at the paragraph's size and ink (it shares the paragraph's lines; the
    spec loader holds an explicit dateline style to the body's size and colour)."""

    text: str
    style: Style
    space: float = 1.0


def colour_of(style: Style) -> Color:
    """The ink of a style: its spec colour (CMYK, grey or spot), else plain black."""
    return style.color if isinstance(style.color, Color) else BLACK


def paragraph_style(
    style: Style,
    indent: float | None = None,
    mode: WritingMode = WritingMode.HORIZONTAL_TB,
    headline: bool = False,
) -> ParagraphStyle:
    """What the text engine needs of a page style (``indent`` overrides the style's) in a
    line of writing ``mode``: a vertical line orients its clusters (its quotes and Latin as
    the style says) and keeps ：；？！ at a full em (clreq §2.4); a ``headline`` breaks only
    at spaces and between words, into balanced lines (``layout.text.paragraph``)."""
    vertical = None
    if mode is WritingMode.VERTICAL_RL:
        vertical = VerticalOptions(quotes=style.quotes, upright_latin=style.upright_latin)
    return ParagraphStyle(
        size=style.size,
        indent=style.indent if indent is None else indent,
        prohibition=style.prohibition,
        punctuation=style.punctuation,
        no_orphan=True,
        full_width_marks=VERTICAL_FULL_WIDTH if vertical is not None else frozenset(),
        latin_gap=style.latin_gap,
        letter_spacing=style.letter_spacing,
        hyphenation=style.hyphenation,
        normalise=style.normalise,
        vertical=vertical,
        headline=headline,
        fixed_blanks=style.fixed_blanks,
    )


def for_article(style: Style, article: Article | None) -> Style:
    """``style`` as a story sets it: with the article record's ``hyphenation`` language, if
    it names one (a story about Germany hyphenates its German names as German)."""
    return with_hyphenation(style, article.hyphenation if article is not None else None)


def with_hyphenation(style: Style, language: str | None) -> Style:
    """``style`` with the hyphenation ``language`` (``None``: as it is)."""
    if language is None or language == style.hyphenation:
        return style
    return style._replace(hyphenation=language)


class Setter:
    """Sets a build's paragraphs in its styles, memoised on the font library (mutable: it
    keeps the memo key of what it set, the 汉字 of what it reported by style and face, and
    the marks of its vertical lines whose vertical forms a face refuses)."""

    __slots__ = ("fonts", "styles", "mode", "_keys", "_han", "_vertical", "_refused")

    def __init__(
        self,
        fonts: FontLibrary,
        styles: Mapping[str, Style],
        mode: BreakMode = BreakMode.TOTAL_FIT,
    ) -> None:
        self.fonts = fonts
        self.styles = styles
        self.mode = mode
        # The memo key of each paragraph set in this build, so its rule check is memoised too.
        self._keys: dict[int, tuple] = {}
        # The 汉字 of the paragraphs reported (:meth:`problems`), by (style, font role): the
        # texts of each, counted and given to the faces that set them when asked
        # (:meth:`han_drawn`): what ``font-fallback`` judges (layout.compose.fallback).
        self._han: dict[tuple[str, str], list[str]] = {}
        # The paragraphs set vertically (by id, as ``_keys``), and the marks of those reported
        # whose vertical forms their face refuses (``Face.refuses_form``), by face id, in the
        # order first drawn: what ``bad-vertical-form`` names (:meth:`refused_forms`).
        self._vertical: set[int] = set()
        self._refused: dict[str, dict[str, None]] = {}

    def style(self, name: str) -> Style:
        return self.styles[name]

    def set(
        self,
        text: str,
        style: Style,
        measure: float,
        *,
        align: Align | None = None,
        indent: float | None = None,
        mode: WritingMode = WritingMode.HORIZONTAL_TB,
        run_in: RunInText | None = None,
        looseness: int = 0,
        headline: bool = False,
        lead: str = "",
    ) -> SetParagraph:
        """``text`` in ``style`` set to ``measure`` points along a line of writing ``mode``
        (one engine for 横排 and 竖排: the lines are in logical coordinates, placed by a
        frame of that mode), opened by ``run_in`` if given; ``looseness`` lines more or
        fewer where the rules allow it (``layout.text.paragraph.set_paragraph``); a
        ``headline`` by the headline rules (whole words, balanced lines), whatever the
        build's break mode; ``lead``, the paragraph's text before ``text`` when that is the
        rest of a paragraph set again from a line start (a URL it cuts keeps its breaks)."""
        key = (
            "paragraph", text, style, measure, align, indent, self.mode, mode, run_in,
            looseness, headline, lead,
        )  # fmt: skip
        found = self.fonts.memo.get(key)
        if found is not None:
            self._keys[id(found)] = key
            if mode is WritingMode.VERTICAL_RL:
                self._vertical.add(id(found))
            return found  # type: ignore[return-value]
        best = None
        if looseness and not headline and self.mode is BreakMode.TOTAL_FIT:
            # The setting it is drawn from, memoised as the flow set it first.
            best = self.set(text, style, measure, align=align, indent=indent, mode=mode,
                            run_in=run_in, lead=lead)  # fmt: skip
        if len(self.fonts.memo) > _MEMO_LIMIT:
            self.fonts.memo.clear()
        result = set_paragraph(
            text,
            paragraph_style(style, indent, mode, headline),
            measure,
            self.fonts.metrics(style.font),
            align=align or style.align,
            mode=self.mode,
            run_in=None
            if run_in is None
            else RunIn(run_in.text, self.fonts.metrics(run_in.style.font), run_in.space),
            looseness=looseness,
            best=best,
            lead=lead,
        )
        self.fonts.memo[key] = result
        self._keys[id(result)] = key
        if mode is WritingMode.VERTICAL_RL:
            self._vertical.add(id(result))
        return result

    def fits(self, text: str, style: Style, measure: float) -> bool:
        """Whether ``text`` sets on one line of ``measure`` in ``style``."""
        return len(self.set(text, style, measure, align=Align.START, indent=0.0).lines) == 1

    def width(
        self, text: str, style: Style, mode: WritingMode = WritingMode.HORIZONTAL_TB
    ) -> float:
        """The natural length of ``text`` on one line of writing ``mode`` in ``style``, in
        points (unjustified, no indent): what the line takes however long the measure."""
        key = ("width", text, style, mode)
        found = self.fonts.memo.get(key)
        if found is None:
            if len(self.fonts.memo) > _MEMO_LIMIT:
                self.fonts.memo.clear()
            par_style = paragraph_style(style, 0.0, mode)
            metrics = self.fonts.metrics(style.font)
            found = natural_width(text, par_style, _UNBOUNDED, metrics)
            self.fonts.memo[key] = found
        return found  # type: ignore[return-value]

    def _violations(self, par: SetParagraph, style: Style) -> list[Violation]:
        key = self._keys.get(id(par))
        check_key = ("check", key, style.prohibition, style.align)
        found = self.fonts.memo.get(check_key) if key is not None else None
        if found is None:
            justified = style.align is Align.JUSTIFY
            found = check_lines(
                par.lines,
                par.text,
                style.prohibition,
                em=style.size,
                justified=justified,
                clusters=par.clusters,
                url_head=par.url_head,
            )
            if key is not None:
                self.fonts.memo[check_key] = found
        return found  # type: ignore[return-value]

    def problems(
        self,
        par: SetParagraph,
        style: Style,
        where: Where,
        *,
        lines: int | None = None,
        run_in: RunInText | None = None,
        raw: str | None = None,
        removed: Sequence[Removed] = (),
    ) -> list[Problem]:
        """Problems of a set paragraph: characters removed by cleaning (and ``removed``,
        those taken out of the rest of a paragraph set here as cleaned text), characters
        no font has, and rule violations; with ``raw``, the paragraph as written (its text
        from its start), a table pasted into it. The paragraph's 汉字 are counted by face
        for the page (:meth:`han_drawn`): of its first ``lines`` lines only when the rest
        goes on in the next box of its thread (that box reports them), those of its
        ``run_in`` (the opening it was set with) for the run-in's style."""
        self._count_han(par, style, lines, run_in)
        if id(par) in self._vertical:
            self._count_refused(par, style, lines)
        found: list[Problem] = [_removed(r, par, where) for r in (*removed, *par.removed)]
        for m in par.missing:
            found.append(
                Problem(
                    kind=ProblemKind.MISSING_GLYPH,
                    message=_named(
                        f"no font of role '{style.font}' has {quoted(m.char)} ({m.code_point})",
                        where,
                    ),
                    details=MissingGlyph(char=m.char, code_point=m.code_point, index=m.index),
                    box=where.box,
                    article=where.article,
                    paragraph=where.paragraph,
                    source=where.source,
                )
            )
        for v in self._violations(par, style):
            kind = _REPORTED.get(v.kind)
            if kind is None:
                continue
            found.append(_at_line(kind, v.line, v.detail, where))
        found += _half_width(half_width_marks(par.text), par, where)
        damage = damaged(par.text)
        if damage:
            found.append(_damaged(damage, par, where))
        if raw is not None:
            found += _as_written(raw, par, where, run_in)
        # An emoji no face has is a missing glyph (above); one a face has prints wrong (a
        # keycap whose U+20E3 no face has prints as its key, with the mark reported missing).
        missing = {m.index for m in par.missing}
        drawn = [e for e in emoji(par.text) if missing.isdisjoint(range(e.index, e.end))]
        if drawn:
            found.append(_emoji(drawn, par, where))
        # Right-to-left text a face draws prints reversed and unshaped; what no face has is
        # a missing glyph (above) alone.
        shown = [
            r for r in rtl_runs(par.text) if any(k not in missing for k in range(r.index, r.end))
        ]
        if shown:
            found.append(_right_to_left(shown, par, where))
        return found

    def _count_han(
        self, par: SetParagraph, style: Style, lines: int | None, run_in: RunInText | None
    ) -> None:
        """The 汉字 of the paragraph's text drawn here (its first ``lines`` lines; the run-in's
        opening, the text before ``split``, for the run-in's style) kept for the page's count."""
        end = len(par.text) if lines is None else (par.lines[lines - 1].end if lines else 0)
        split = min(len(clean(run_in.text).text), end) if run_in is not None else 0
        self._han.setdefault((style.name, style.font), []).append(ideographs(par.text[split:end]))
        if run_in is not None:
            opening = ideographs(par.text[:split])
            self._han.setdefault((run_in.style.name, run_in.style.font), []).append(opening)

    def _count_refused(self, par: SetParagraph, style: Style, lines: int | None) -> None:
        """The marks of a vertical paragraph's text drawn here (its first ``lines`` lines)
        whose vertical forms the face that sets them refuses, kept for the page's warning."""
        end = len(par.text) if lines is None else (par.lines[lines - 1].end if lines else 0)
        # (an optional part of a library's metrics: a font chain's; synthetic ones have none)
        refused = getattr(self.fonts.metrics(style.font), "refused_form", None)
        if refused is None:
            return
        for ch in dict.fromkeys(IDEOGRAPH_RUNS.sub("", par.text[:end])):
            face = None if ch.isascii() else refused(ch)  # (ASCII is turned: no form asked)
            if face is not None:
                self._refused.setdefault(face, {})[ch] = None

    def refused_forms(self) -> tuple[BadVerticalForms, ...]:
        """The marks of the vertical paragraphs reported so far whose vertical forms their
        face refuses, a face at a time, in the order the faces were first found so."""
        return tuple(
            BadVerticalForms(face, "".join(marks)) for face, marks in self._refused.items()
        )

    def han_drawn(self) -> tuple[StyleHan, ...]:
        """The 汉字 of the paragraphs reported so far, by style (and its font role) and by
        the face that set them, in the order the styles were first reported."""
        drawn = []
        for (name, role), texts in self._han.items():
            counted = Counter("".join(texts))  # each character once, with its times
            faces = han_by_face(counted, self.fonts.metrics(role).faces_of)
            if faces:
                drawn.append(StyleHan(name, role, faces))
        return tuple(drawn)


def _line_of(par: SetParagraph, index: int) -> int:
    """The line (0-based) of ``par`` that the character at ``index`` of its text is on."""
    return next((k for k, ln in enumerate(par.lines) if index < ln.end), len(par.lines) - 1)


# Half-width marks shown in one report, the first ones of a line (the count says all).
_MARKS_SHOWN = 3


def _half_width(marks: list[HalfWidthMark], par: SetParagraph, where: Where) -> list[Problem]:
    """A report of a paragraph's half-width marks in Chinese text for each line they stand
    on, so that the proof marks every such line (GB/T 15834-2011 §4: Chinese text takes the
    full-width marks)."""
    by_line: dict[int, list[HalfWidthMark]] = {}
    for mark in marks:
        by_line.setdefault(_line_of(par, mark.index), []).append(mark)
    found = []
    for line, on in by_line.items():
        shown = "; ".join(
            f"{quoted(m.char)} in {quoted(m.context)} ({m.full_width})" for m in on[:_MARKS_SHOWN]
        )
        more = f"; {len(on) - _MARKS_SHOWN} more" if len(on) > _MARKS_SHOWN else ""
        count = "a half-width mark" if len(on) == 1 else f"{len(on)} half-width marks"
        message = f"{count} in Chinese text: {shown}{more} (GB/T 15834: the full-width marks)"
        found.append(_at_line(ProblemKind.HALF_WIDTH_PUNCTUATION, line, message, where))
    return found


# Places of each kind of damaged copy shown in one report (the count says all).
_DAMAGE_SHOWN = 3


def _damaged(damage: list[Damage], par: SetParagraph, where: Where) -> Problem:
    """One report of a paragraph's damaged copy, at the line of its first place, naming the
    first few of each kind: printed as it stands, only the source can mend it
    (layout.text.damage)."""
    line = _line_of(par, damage[0].index)
    by_kind: dict[DamageKind, list[Damage]] = {}
    for d in damage:
        by_kind.setdefault(d.kind, []).append(d)
    parts = []
    for kind, places in by_kind.items():
        shown = ", ".join(f"{d.text!r} in {d.context!r}" for d in places[:_DAMAGE_SHOWN])
        more = f", {len(places) - _DAMAGE_SHOWN} more" if len(places) > _DAMAGE_SHOWN else ""
        count = f" ×{len(places)}" if len(places) > 1 else ""
        parts.append(f"{EXPLANATIONS[kind]}{count}: {shown}{more}")
    message = f"damaged copy, printed as it stands: {'; '.join(parts)} (mend it at the source)"
    return _at_line(ProblemKind.DAMAGED_COPY, line, message, where)


def _as_written(
    raw: str, par: SetParagraph, where: Where, run_in: RunInText | None
) -> list[Problem]:
    """What the paragraph as written shows that its cleaned text no longer does: a table
    pasted into it, else lines the hard-wrap rule joined though they look written apart."""
    # Where a place in the raw text is in the set text: the run-in's text comes first.
    opening = len(clean(run_in.text).text) if run_in is not None else 0
    table = pasted_table(raw)
    if table is not None:
        at = opening + len(clean(raw[: table.start]).text)
        return [_pasted(table, _line_of(par, at), where)]
    joined = joined_lines(raw)
    if joined is not None:
        at = opening + len(clean(raw[: joined.start]).text)
        return [_joined(joined, _line_of(par, at), where)]
    return []


def _pasted(table: PastedTable, line: int, where: Where) -> Problem:
    """The report of a table pasted into a paragraph, at the line its first row begins on:
    its rows print run together (layout.text.damage.pasted_table)."""
    cells = " | ".join(table.cells)
    kind = "cells aligned with blanks" if table.aligned else "tab-separated cells"
    message = (
        f"a pasted table? {table.rows} lines of {kind} ({cells!r} …) print run "
        "together as one paragraph: banmian sets text, not tables: use a figures box or "
        "rewrite it as text"
    )
    return _at_line(ProblemKind.DAMAGED_COPY, line, message, where)


def _joined(joined: JoinedLines, line: int, where: Where) -> Problem:
    """The report of a ``|`` block's lines joined by the hard-wrap rule though they look
    written to stand apart (layout.text.hardwrap), at the line the first begins on, with
    what a join prints (one that changes the words, if any)."""
    first, second = joined.telling
    printed = clean(f"{first}\n{second}").text
    message = (
        f"{len(joined.lines)} lines joined into one paragraph ({joined.shape.value}): "
        f"{first!r} / {second!r} print as {printed!r}: a line break in a '|' block between "
        "汉字 is taken for a pasted hard wrap; to keep the lines apart, write each as a body "
        "item of its own (a caption: put a mark or a space between them, 左：王强摄　右：陈明远摄)"
    )
    return _at_line(ProblemKind.JOINED_LINES, line, message, where)


def _right_to_left(found: list[RtlRun], par: SetParagraph, where: Where) -> Problem:
    """One report of a paragraph's right-to-left text that a face draws, at the line of the
    first run, naming the first few: set left to right, letter by letter, unshaped
    (layout.text.rtl)."""
    line = _line_of(par, found[0].index)
    shown = ", ".join(f"{r.text!r} ({r.script})" for r in found[:_DAMAGE_SHOWN])
    more = f", {len(found) - _DAMAGE_SHOWN} more" if len(found) > _DAMAGE_SHOWN else ""
    message = (
        f"right-to-left text printed left to right, unshaped: {shown}{more} "
        "(the engine has no bidi or shaping: give it as an image, or in transliteration or "
        "translation)"
    )
    return _at_line(ProblemKind.RIGHT_TO_LEFT, line, message, where)


# What the desk writes instead of an emoji of each kind, beyond "in words".
_EMOJI_HINTS = (
    (EmojiKind.FLAG, "a flag as the region's name"),
    (EmojiKind.LETTER, "a flag as the region's name"),
    (EmojiKind.KEYCAP, "a keycap as its digit"),
)


def _emoji(found: list[Emoji], par: SetParagraph, where: Where) -> Problem:
    """One report of a paragraph's emoji that a face draws, at the line of the first, naming
    the first few: printed as the face draws it, never as the copy shows it
    (layout.text.emoji)."""
    line = _line_of(par, found[0].index)
    shown = []
    for e in found[:_DAMAGE_SHOWN]:
        if e.kind is EmojiKind.FLAG:
            letters = " ".join(e.letters)
            shown.append(f"the flag {e.text!r} (region {e.letters}) as the boxed letters {letters}")
        elif e.kind is EmojiKind.LETTER:
            shown.append(f"the regional indicator {e.text!r} as the boxed letter {e.letters}")
        elif e.kind is EmojiKind.KEYCAP:
            shown.append(f"the keycap {e.text!r} as {e.letters} and an empty square")
        else:
            shown.append(f"{quoted(e.text)} (U+{ord(e.text):04X}) as the face's line drawing")
    more = f", {len(found) - _DAMAGE_SHOWN} more" if len(found) > _DAMAGE_SHOWN else ""
    kinds = {e.kind for e in found}
    hints = [hint for kind, hint in _EMOJI_HINTS if kind in kinds]
    hint = "write it in words" + (f": {', '.join(dict.fromkeys(hints))}" if hints else "")
    message = f"emoji printed as text (the faces draw no emoji): {'; '.join(shown)}{more} ({hint})"
    return _at_line(ProblemKind.EMOJI, line, message, where)


def _removed(removed: Removed, par: SetParagraph, where: Where) -> Problem:
    """A character cleaning took out, with its raw index and the line where it stood (the
    character is given escaped: it is invisible, or cannot be written as UTF-8 at all)."""
    line = _line_of(par, removed.at)
    return Problem(
        kind=ProblemKind.REMOVED_CHARACTER,
        message=_named(f"removed {removed.describe()}", where),
        details=RemovedCharacter(
            char=removed.escaped,
            code_point=removed.code_point,
            index=removed.index,
            reason=removed.reason,
            line=line + 1 if line >= 0 else None,
        ),
        box=where.box,
        article=where.article,
        paragraph=where.paragraph,
        source=where.source,
    )
