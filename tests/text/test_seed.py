"""Every paragraph of the sample edition (the seed's real text) set at 13 characters of
9 pt with the shipped 宋 face: zero rule violations."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.articles import Article, ParagraphKind, article_paths, load_articles
from layout.fonts import library
from layout.text.check import ViolationKind, check_lines
from layout.text.options import BreakMode, Prohibition
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle

ROOT = Path(__file__).resolve().parents[2]
SIZE = 9.0
MEASURE = 13 * SIZE


def _paragraphs() -> list[tuple[str, int, str]]:
    records = load_articles(article_paths(ROOT / "articles"))
    found = []
    for record in records.values():
        if isinstance(record, Article):
            for p in record.paragraphs:
                if p.kind is ParagraphKind.BODY:
                    found.append((record.id, p.index + 1, p.text))
    return found


PARAGRAPHS = _paragraphs()


def test_the_seed_is_all_there() -> None:
    assert len(PARAGRAPHS) >= 30
    assert sum(len(text) for _, _, text in PARAGRAPHS) > 5800


@pytest.mark.parametrize("mode", list(BreakMode))
def test_seed_paragraphs_set_without_violations(mode: BreakMode) -> None:
    metrics = library().metrics("song")
    style = ParagraphStyle(size=SIZE, indent=2.0)
    found = []
    lines = 0
    for article, number, text in PARAGRAPHS:
        par = set_paragraph(text, style, MEASURE, metrics, mode=mode)
        lines += len(par.lines)
        assert not par.missing, (article, number, par.missing)
        assert "".join(line.text for line in par.lines) == "".join(text.split())
        for v in check_lines(par.lines, text, Prohibition.BASIC, em=SIZE):
            # First-fit is the fast mode: it may leave a line loose; total-fit may not.
            if mode is BreakMode.FIRST_FIT and v.kind is ViolationKind.LOOSE:
                continue
            found.append((article, number, v))
    assert found == []
    assert lines > 400
