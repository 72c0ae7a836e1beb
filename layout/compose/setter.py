"""The page's access to the text engine: a paragraph in a named style at a measure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..fonts import FontLibrary
from ..report import Problem, ProblemKind
from ..spec import Style
from ..text.check import ViolationKind, check_lines
from ..text.options import Align, BreakMode
from ..text.paragraph import SetParagraph, set_paragraph
from ..text.prepare import ParagraphStyle

_REPORTED = {
    ViolationKind.PROHIBITED_START: ProblemKind.PROHIBITED_BREAK,
    ViolationKind.PROHIBITED_END: ProblemKind.PROHIBITED_BREAK,
    ViolationKind.ORPHAN: ProblemKind.ORPHAN,
    ViolationKind.LOOSE: ProblemKind.LOOSE_LINE,
    ViolationKind.OVERFULL: ProblemKind.OVERFULL_LINE,
}


@dataclass(frozen=True)
class Where:
    """What a paragraph belongs to, for problem reports."""

    box: str | None = None
    article: str | None = None
    paragraph: int | None = None  # 1-based


@dataclass
class Setter:
    fonts: FontLibrary
    styles: Mapping[str, Style]
    mode: BreakMode = BreakMode.TOTAL_FIT

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
    ) -> SetParagraph:
        paragraph_style = ParagraphStyle(
            size=style.size,
            indent=style.indent if indent is None else indent,
            prohibition=style.prohibition,
            punctuation=style.punctuation,
            no_orphan=True,
        )
        return set_paragraph(
            text,
            paragraph_style,
            measure,
            self.fonts.metrics(style.font),
            align=align or style.align,
            mode=self.mode,
        )

    def problems(self, par: SetParagraph, style: Style, where: Where) -> list[Problem]:
        """Problems of a set paragraph: characters no font has, and rule violations."""
        found: list[Problem] = []
        for m in par.missing:
            found.append(
                Problem(
                    ProblemKind.MISSING_GLYPH,
                    f"no font of role '{style.font}' has {m.char!r} ({m.code_point})",
                    where.box,
                    where.article,
                    where.paragraph,
                    {"char": m.char, "code_point": m.code_point, "index": m.index},
                )
            )
        justified = style.align is Align.JUSTIFY
        for v in check_lines(par.lines, par.text, style.prohibition, em=style.size,
                             justified=justified):
            kind = _REPORTED.get(v.kind)
            if kind is None:
                continue
            found.append(
                Problem(kind, f"line {v.line + 1}: {v.detail}", where.box, where.article,
                        where.paragraph, {"line": v.line + 1})
            )
        return found
