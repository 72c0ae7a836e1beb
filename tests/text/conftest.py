"""Helpers for the text engine's tests: synthetic 1-em metrics at 10 pt, so 1 em = 10 pt."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.articles import Article, ParagraphKind, article_paths, load_articles
from layout.text.metrics import SyntheticMetrics
from layout.text.options import Align, BreakMode, Normalise, Prohibition, PunctuationScheme
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.prepare import ParagraphStyle

EM = 10.0
ROOT = Path(__file__).resolve().parents[2]


def sample_body_paragraphs() -> list[str]:
    """The body paragraphs' texts of the sample edition's article records."""
    records = load_articles(article_paths(ROOT / "articles"))
    return [
        p.text
        for record in records.values()
        if isinstance(record, Article)
        for p in record.paragraphs
        if p.kind is ParagraphKind.BODY
    ]


def set_text(
    text: str,
    chars: float,
    *,
    indent: float = 0.0,
    prohibition: Prohibition = Prohibition.BASIC,
    punctuation: PunctuationScheme = PunctuationScheme.QUANSHEN,
    mode: BreakMode = BreakMode.TOTAL_FIT,
    no_orphan: bool = True,
    align: Align = Align.JUSTIFY,
    latin_gap: float = 0.25,
    letter_spacing: float = 0.0,
    hyphenation: str = "en_US",
    normalise: Normalise = Normalise.FULLWIDTH_ASCII,
    looseness: int = 0,
) -> SetParagraph:
    style = ParagraphStyle(
        size=EM,
        indent=indent,
        prohibition=prohibition,
        punctuation=punctuation,
        no_orphan=no_orphan,
        latin_gap=latin_gap,
        letter_spacing=letter_spacing,
        hyphenation=hyphenation,
        normalise=normalise,
    )
    metrics = SyntheticMetrics()
    return set_paragraph(
        text, style, chars * EM, metrics, align=align, mode=mode, looseness=looseness
    )


def line_texts(par: SetParagraph) -> list[str]:
    return [line.text for line in par.lines]


@pytest.fixture
def em() -> float:
    return EM


def _breakers() -> list:
    """Both implementations of the line breaker's total-fit pass, the compiled one skipped
    with its reason where it was not built."""
    from layout.text import linebreak

    missing = pytest.mark.skip(reason="layout.text._breaker is not built: no compiled breaker")
    return [
        pytest.param(linebreak.Breaker.PYTHON, id="python"),
        pytest.param(
            linebreak.Breaker.COMPILED,
            id="compiled",
            marks=[missing] if linebreak._breaker is None else [],
        ),
    ]


BREAKERS = _breakers()  # for @pytest.mark.parametrize("breaker", BREAKERS)
