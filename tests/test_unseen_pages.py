"""The test pages of unseen copy (issue 10): ``page_specs/unseen-narrow.yaml`` (a 四开 page of
11-character columns) and ``page_specs/unseen-wide.yaml`` (a tabloid of 21- and 32-character
columns), with the records of ``articles/unseen/``: long English and German words, URLs,
e-mail addresses, full-width digits, units, ASCII quotes, rare characters, thousands
separators, mixed 全角/半角 punctuation, a double space and a tab.

What must hold however the engine sets them (before issue 10 and after): the build exits 0,
every problem names its box and article (and its paragraph when it is in the body), and
nothing of the copy is lost — every word is in the PDF's text, or, for a character no font
has, reported as missing where it stands. The typographic figures of these pages are for
the report (``python tools/typocheck.py``), not asserted here.

"In the PDF's text" is judged on ``pdftotext -raw`` (content order) against the copy, both
with compatibility forms folded (NFKC: full-width digits may be set as ASCII, see issue 10's
``normalise: fullwidth-ascii``), quotes folded to ASCII (an ASCII quote may be set curly)
and white space removed (line breaks, word spaces). A hyphen at a line's end may be a soft
one (added by hyphenation: the word is whole without it) or the word's own (``energy-`` |
``service``): a word matches if it is in the text with each line-end hyphen either dropped
or kept.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from layout.articles import Article
from layout.build import build
from layout.cli import main
from layout.report import ProblemKind
from layout.text.chars import CharClass, classify

ROOT = Path(__file__).resolve().parents[1]
PAGES = [
    ROOT / "page_specs" / "unseen-narrow.yaml",
    ROOT / "page_specs" / "unseen-wide.yaml",
    ROOT / "page_specs" / "tabloid.yaml",
]
# Problems about a box as a whole; every other problem is about text in one paragraph (or in
# the headline block or byline, which have no paragraph number).
BOX_LEVEL = {
    ProblemKind.OVERSET,
    ProblemKind.UNDERSET,
    ProblemKind.MISSING_IMAGE,
    ProblemKind.LOW_RESOLUTION,
    ProblemKind.IMAGE_PROFILE,
}
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "‚": "'"})
HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-", "\u00ad": "-"})
LINE_END_HYPHEN = "\x00"  # where the PDF's text had a hyphen at a line's end


def fold(text: str) -> str:
    """Compatibility forms, quotes and hyphens folded; white space kept."""
    return unicodedata.normalize("NFKC", text).translate(QUOTES).translate(HYPHENS)


def pdf_text(pdf: Path) -> str:
    """The PDF's text in content order, folded, white space removed, each hyphen at a line's
    end marked."""
    path = shutil.which("pdftotext")
    if path is None:
        pytest.skip("pdftotext not installed")
    raw = subprocess.run(
        [path, "-raw", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    text = re.sub(r"-[ \t]*\n", LINE_END_HYPHEN, fold(raw))
    return re.sub(r"\s+", "", text)


def word_pattern(word: str) -> re.Pattern[str]:
    """``word`` as it may stand in the PDF's text: a line-end hyphen may come between any
    two of its characters (a soft hyphen) or stand for one of its own hyphens."""
    parts = ["(?:-|\x00)" if c == "-" else re.escape(c) for c in word]
    return re.compile("\x00?".join(parts))


def words(text: str) -> list[str]:
    """The copy's words: white-space separated, then cut where Han text (with CJK
    punctuation) meets Western text."""
    found = []
    for chunk in fold(text).split():
        run = chunk[0]
        for a, b in zip(chunk, chunk[1:], strict=False):
            if _han(a) != _han(b):
                found.append(run)
                run = ""
            run += b
        found.append(run)
    return found


def _han(ch: str) -> bool:
    return classify(ch) is CharClass.HAN or not (ch.isascii() or ch.isalnum())


@pytest.fixture(scope="module", params=PAGES, ids=lambda p: p.stem)
def page(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    spec = request.param
    pdf = tmp_path_factory.mktemp(spec.stem) / f"{spec.stem}.pdf"
    return spec, pdf, main(["build", str(spec), "-o", str(pdf), "--no-pdfx"])


def test_the_page_builds(page) -> None:  # noqa: ANN001 - the fixture's tuple
    spec, pdf, code = page
    assert code == 0
    assert pdf.is_file()


def test_every_problem_is_located(page) -> None:  # noqa: ANN001
    spec, _, _ = page
    result = build(spec, None)
    articles = {b.id: b.article for b in result.spec.boxes}
    for problem in result.problems:
        assert problem.box in articles, problem
        assert problem.article == articles[problem.box], problem
        if problem.kind in (ProblemKind.OVERFULL_LINE, ProblemKind.LOOSE_LINE):
            assert problem.paragraph is not None, problem  # only body text is justified
        if problem.kind in BOX_LEVEL:
            assert problem.paragraph is None, problem


def _pieces(record: Article) -> list[tuple[int | None, str]]:
    """The record's copy with where it stands: (paragraph number or None, text)."""
    pieces: list[tuple[int | None, str]] = [
        (None, t) for t in (record.kicker, *record.headline, record.subhead) if t
    ]
    if record.byline is not None:
        b = record.byline
        pieces += [(None, name) for role in b.roles for name in role.names]
    if record.dateline:
        pieces.append((1, record.dateline))
    pieces += [(p.index + 1, p.text) for p in record.paragraphs]
    return pieces


def test_nothing_of_the_copy_is_lost(page) -> None:  # noqa: ANN001
    spec, pdf, _ = page
    result = build(spec, None)
    text = pdf_text(pdf)
    printed = set(text)
    missing = {
        (p.article, p.paragraph, p.details.char)
        for p in result.problems
        if p.kind is ProblemKind.MISSING_GLYPH
    }
    checked = 0
    for record in result.spec.articles.values():
        assert isinstance(record, Article)
        for paragraph, piece in _pieces(record):
            for word in words(piece):
                # A character no font has is not printed: it must be reported where it is.
                absent = {ch for ch in word if fold(ch) not in printed}
                for ch in absent:
                    assert (record.id, paragraph, ch) in missing, (record.id, paragraph, ch)
                parts = re.split("|".join(map(re.escape, absent)), word) if absent else [word]
                for part in filter(None, parts):
                    assert word_pattern(part).search(text), (record.id, paragraph, part)
                    checked += 1
    assert checked > 100


@pytest.mark.parametrize(
    ("printed", "word", "found"),
    [
        ("的Donaudampfschifffahrtsgesellschaft旧", "Donaudampfschifffahrtsgesellschaft", True),
        ("Donaudampf-\nschifffahrts-\ngesellschaft", "Donaudampfschifffahrtsgesellschaft", True),
        ("energy-\nservice@example.gov.cn", "energy-service@example.gov.cn", True),
        ("https://www.example.gov.cn/\nzwgk/2025/", "https://www.example.gov.cn/zwgk/2025/", True),
        ("０５７３－８５０１\n２３４５", "0573-85012345", True),
        ("“smart”", '"smart"', True),
        ("Donaudampf schifffahrt", "Donaudampfschifffahrt", True),  # a space is not a loss
        ("Donaudampfschiff", "Donaudampfschifffahrt", False),
        ("energyservice", "energy-service", False),  # a hyphen lost mid-line
        ("kW h", "kW·h", False),
    ],
)
def test_words_are_found_modulo_line_breaks(printed: str, word: str, found: bool) -> None:
    text = re.sub(r"\s+", "", re.sub(r"-[ \t]*\n", LINE_END_HYPHEN, fold(printed)))
    assert bool(word_pattern(fold(word)).search(text)) is found


def test_words_of_the_copy() -> None:
    # NFKC folds the full-width comma to an ASCII one, in the copy as in the PDF's text.
    assert words("访问https://a.cn/x_1.html查阅，  或拨打０５７３－１２\t电话") == [
        "访问",
        "https://a.cn/x_1.html",
        "查阅",
        ",",
        "或拨打",
        "0573-12",
        "电话",
    ]
