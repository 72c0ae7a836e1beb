"""A text style: the table of ``styles``' values.

Contract: :data:`STYLE` validates and documents one style (font role, size or a headline
style's size range, leading, indent, alignment, 避头尾, punctuation scheme, colour, spacing,
vertical-writing choices, hyphenation, normalisation, the byline mark); which styles must
be given and which fonts exist is checked by :mod:`layout.spec.styles`.
"""

from __future__ import annotations

from layout.articles import HYPHENATION
from layout.schema import BOOL, STR, Field, Record, choice_kind, enum_kind, number_kind
from layout.spec.model import DEFAULT_MARK, MARKED_STYLES, OPTIONAL_STYLES, REQUIRED_STYLES
from layout.spec.tables.values import COLOR, LATIN_GAP, LENGTH, MARK, SIZE_OR_RANGE
from layout.text.options import Align, Normalise, Prohibition, PunctuationScheme
from layout.text.words import DEFAULT_HYPHENATION

STYLE = Record(
    "style",
    [
        Field("font", STR, required=True, doc="a font role from the fonts manifest"),
        Field(
            "size",
            SIZE_OR_RANGE,
            required=True,
            doc="font size: pt, mm or a 号 name. A headline style (``kicker``, ``headline``, "
            "``subhead``, a box's ``headline.style``) may give a range ``MIN..MAX`` "
            "(``一号..小初``): each head is set at the largest size, in half points, whose "
            "lines fit its measure whole-word and whose block fits its headline area (see "
            "``fill``); relative lengths are ems of MAX, and the leading keeps its ratio to "
            "the size. Set outside a headline block (a photo's title, the figures box), a "
            "range style takes MAX",
        ),
        Field(
            "fill",
            number_kind(0.1, 1),
            doc="with a size range: the fraction of its measure a head's widest line should "
            "fill; the largest size that reaches it is taken, else the largest that fits "
            "(a one-line head filling the measure rather than two half-empty lines)",
        ),
        Field(
            "leading",
            LENGTH,
            default="1.5em",
            doc="line pitch; em is the style's size. At least the size (of a range, its "
            "largest): lines closer than their size overprint each other",
        ),
        Field(
            "indent",
            LENGTH,
            default="0",
            doc="first-line indent, e.g. 2字; 0 or more (a negative one would hang the first "
            "line out of its column)",
        ),
        Field("align", enum_kind(Align), default="start"),
        Field("prohibition", enum_kind(Prohibition), default="basic", doc="避头尾 level"),
        Field(
            "punctuation",
            enum_kind(PunctuationScheme),
            default="quanshen",
            doc="全身 / 开明 / 半角",
        ),
        Field("color", COLOR, doc="text colour (default black); see press.rgb for RGB"),
        Field(
            "letter_spacing",
            LENGTH,
            default="0",
            doc="extra space between characters (字距; not inside Western words), e.g. 0.1em",
        ),
        Field(
            "latin_gap",
            LATIN_GAP,
            default="1/4em",
            doc="the gap between Han and Western text (clreq §3.2.1); justification keeps "
            "it within 1/8–1/3 em. 0: none, the boundary is spaced like any other",
        ),
        Field(
            "quotes",
            choice_kind("corner", "rotated"),
            default="corner",
            doc="竖排: quotation marks as corner brackets ﹃﹄﹁﹂, or turned 90°",
        ),
        Field(
            "upright_latin",
            BOOL,
            default=True,
            doc="竖排: acronyms of ≤ 4 capitals and single letters stand upright (other Latin "
            "words are turned 90°)",
        ),
        Field(
            "hyphenation",
            HYPHENATION,
            default=DEFAULT_HYPHENATION,
            doc="language of Western words: a word too long for the column is hyphenated "
            "by its dictionary (at least 2 letters before the break, 3 after; not words in "
            "capitals or with digits); ``none``: no hyphenation, such a word breaks only after "
            "a hyphen or solidus it has, else between letters, without hyphen. An article's "
            "``hyphenation`` overrides it for that story",
        ),
        Field(
            "normalise",
            enum_kind(Normalise),
            default="fullwidth-ascii",
            doc="``fullwidth-ascii``: full-width digits and letters (０-９ Ａ-Ｚ ａ-ｚ, and "
            "the marks inside a number, word or address of them: ： ／ ＋ － ． ＠ ＿ ＆ ＝ "
            "between two, ＋ － before a digit, full-width or not (－5℃ is -5℃), ％ after a "
            "full-width one, ， before a group of three "
            "digits, and ： between two digits, full-width or not: 10：8 is 10:8) are set as "
            "proportional ones, a number or address kept whole; "
            "``none``: set as written, one em each",
        ),
        Field(
            "mark",
            MARK,
            doc=f"the {' and '.join(MARKED_STYLES)} styles only: the mark opening the first "
            f"line of a byline or photo credit (default {DEFAULT_MARK}); ``none``: no mark",
        ),
    ],
    "A text style. Relative lengths (em, 字) are ems of the style's own size. Required "
    "styles: "
    + ", ".join(REQUIRED_STYLES)
    + ". Optional: "
    + ", ".join(OPTIONAL_STYLES)
    + " (本报讯 and 新华社…电; when not given, the body style in font role hei, or in the "
    "body's font when the fonts manifest has no hei. It runs in the first line of the body, "
    "one fixed em before the text, so its size and colour must be the body's: its font is "
    "what it changes).",
    # A writing mode is the frame's (a box's or a page's: docs/vertical.md), never a style's:
    # one style sets 横排 and 竖排 text alike, as the box it is drawn in sets it.
    retired={
        "writing_mode": "a writing mode belongs on the page (page.writing_mode) or a box "
        "(boxes[].writing_mode); a style is set in the writing mode of the box it is drawn in"
    },
)
