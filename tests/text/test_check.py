"""The rule checks of set lines (layout.text.check) judge a line in its paragraph's context."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from layout.text.chars import NO_LINE_END, NO_LINE_START, NO_LINE_START_SIGNS
from layout.text.check import (
    _GLUE,
    _TOLERANCE,
    LOOSE_LIMIT,
    Violation,
    ViolationKind,
    _within,
    check_lines,
)
from layout.text.collect import collect
from layout.text.metrics import SyntheticMetrics
from layout.text.options import Prohibition
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle, character_count

from .conftest import EM, set_text
from .test_loops_compiled import ANY_TEXT
from .test_properties import PROPERTY

NO_HYPHEN = " broken between letters, no hyphen"


def kinds(par, level: Prohibition = Prohibition.GB) -> list[ViolationKind]:
    return [v.kind for v in check_lines(par.lines, par.text, level, em=EM)]


def test_a_url_broken_after_a_solidus_is_no_prohibited_line_end() -> None:
    # GB forbids a solidus at a line end; a URL broken after "/" is one word going on.
    par = set_text("https://www.example.com/news/2025/report.html", 6, prohibition=Prohibition.GB)
    assert any(line.text.endswith("/") for line in par.lines[:-1])
    assert ViolationKind.PROHIBITED_END not in kinds(par)


def test_a_real_solidus_at_a_line_end_is_still_found() -> None:
    par = set_text("一二三四五六七八九/十一二三", 10, prohibition=Prohibition.NONE)
    assert par.lines[0].text.endswith("/")
    assert ViolationKind.PROHIBITED_END in kinds(par)


def test_a_squeezed_line_is_reported_overfull_with_what_was_done() -> None:
    par = set_text("平\u0301\u0301湖", 2)
    found = check_lines(par.lines, par.text, Prohibition.BASIC, em=EM)[0]
    assert found.kind is ViolationKind.OVERFULL and found.line == 0
    assert found.detail == "10.00pt, set 67% wide"


def test_a_word_broken_between_letters_without_hyphen_is_found_where_it_broke() -> None:
    # No dictionary: the last resort (CSS overflow-wrap: anywhere) breaks the word twice.
    par = set_text("Donaudampfschifffahrtsgesellschaft", 8, hyphenation="none")
    found = [v for v in check_lines(par.lines, par.text, Prohibition.BASIC, em=EM)]
    assert [(v.kind, v.line, v.detail) for v in found] == [
        (ViolationKind.BROKEN_WORD, 0, "Donaudampfschiff|fahrtsgesellschaft" + NO_HYPHEN),
        (ViolationKind.BROKEN_WORD, 1, "Donaudampfschifffahrtsgesellscha|ft" + NO_HYPHEN),
    ]


def test_a_word_broken_at_its_own_breaks_is_no_broken_word() -> None:
    hyphenated = set_text("Donaudampfschifffahrtsgesellschaft", 8, hyphenation="de_DE")
    url = set_text("https://www.example.com/news/2025/report.html", 6)
    number = set_text("1234567890123", 3)
    own_hyphen = set_text("平湖state-of-the-art-technology平湖", 8, hyphenation="none")
    soft = set_text("Donau\u00addampfschiff", 6)
    for par in (hyphenated, url, number, own_hyphen, soft):
        assert len(par.lines) > 1
        assert ViolationKind.BROKEN_WORD not in kinds(par, Prohibition.BASIC), par.text


def test_hyphenation_none_ignores_soft_hyphens_as_css_hyphens_none_does() -> None:
    # CSS Text 3 §6.1: hyphens: none breaks a word at no hyphenation opportunity, "even if
    # characters inside the word explicitly define" one; so the last resort breaks it.
    par = set_text("Donau\u00addampfschiff", 6, hyphenation="none")
    assert not any(line.hyphenated for line in par.lines)
    assert ViolationKind.BROKEN_WORD in kinds(par, Prohibition.BASIC)


def test_word_spaces_stretched_past_half_an_em_are_loose() -> None:
    # a line of Western words alone: nothing between characters to take what its word
    # spaces cannot (clreq §3.6 stretches them to ½ em)
    par = set_text("aaaa bbbb cccc dddd", 5, hyphenation="none")
    assert check_lines(par.lines, par.text, Prohibition.BASIC, em=EM) == [
        Violation(ViolationKind.LOOSE, 0, "word spaces 1.00em wide (stretched past ½ em)")
    ]
    par = set_text("aaaa bbbb cccc dddd", 4.5, hyphenation="none")
    assert check_lines(par.lines, par.text, Prohibition.BASIC, em=EM) == []


def _cut_reference(lines, text, prohibition, *, em, justified=True) -> list:
    """check_lines as it was written before it found a line's edges without cutting its
    clusters (every line's clusters cut by ``_within``): the reference of the property
    below."""
    found = []
    no_start, no_end = NO_LINE_START[prohibition], NO_LINE_END[prohibition]
    whole = [c for c in collect(text) if c.cls not in _GLUE]
    starts = [c.start for c in whole]
    for k, line in enumerate(lines):
        clusters = _within(whole, starts, line.start, line.end)
        if not clusters:
            continue
        first, last = clusters[0], clusters[-1]
        if (
            k > 0
            and first.start == line.start
            and (first.cls in no_start or first.text[:1] in NO_LINE_START_SIGNS[prohibition])
        ):
            found.append(Violation(ViolationKind.PROHIBITED_START, k, first.text))
        if not line.last and last.end == line.end and last.cls in no_end:
            found.append(Violation(ViolationKind.PROHIBITED_END, k, last.text))
        if line.overfull > _TOLERANCE:
            squeezed = f", set {line.squeeze:.0%} wide" if line.squeeze < 1.0 else ""
            found.append(Violation(ViolationKind.OVERFULL, k, f"{line.overfull:.2f}pt{squeezed}"))
        elif justified and not line.last and abs(line.width - line.measure) > _TOLERANCE:
            found.append(
                Violation(ViolationKind.NOT_JUSTIFIED, k, f"{line.width:.2f}/{line.measure:.2f}pt")
            )
        if line.spacing > LOOSE_LIMIT * em + 1e-9:
            found.append(Violation(ViolationKind.LOOSE, k, f"+{line.spacing / em:.2f}em"))
        elif justified and not line.last and line.short > LOOSE_LIMIT * em + 1e-9:
            found.append(Violation(ViolationKind.LOOSE, k, f"short by {line.short / em:.2f}em"))
        if line.last and k > 0 and character_count(clusters) < 2:
            found.append(Violation(ViolationKind.ORPHAN, k, text[line.start : line.end]))
    return found


@PROPERTY
@given(ANY_TEXT, st.integers(min_value=2, max_value=20), st.sampled_from(list(Prohibition)),
       st.sampled_from([(0, 0), (1, 0), (0, 3), (2, 1)]), st.booleans())  # fmt: skip
def test_the_lines_edges_are_found_as_their_cut_clusters(text, chars, rules, cut, justified):
    """The violations found from a line's first and last cluster, uncut, are those of its
    clusters cut to the line (``_within``) — also for line ranges that begin or end inside a
    word (the ranges moved by ``cut``)."""
    par = set_paragraph(text, ParagraphStyle(size=EM), chars * EM, SyntheticMetrics())
    lines = [
        line._replace(start=min(line.start + cut[0], line.end), end=max(line.end - cut[1], 0))
        for line in par.lines
    ]
    for given_lines in (par.lines, lines):
        expected = _cut_reference(given_lines, par.text, rules, em=EM, justified=justified)
        found = check_lines(given_lines, par.text, rules, em=EM, justified=justified)
        # (the reference predates the broken-word and word-space checks: tested on their own)
        assert [
            v
            for v in found
            if v.kind is not ViolationKind.BROKEN_WORD and not v.detail.startswith("word spaces")
        ] == expected


def test_a_long_word_broken_is_shown_by_its_break_not_whole() -> None:
    """A pasted run of 2,000 letters broken over lines: each report quotes the characters
    around the break and the word's length, so that the warnings stay readable (and stderr
    small), where each quoted the whole word."""
    word = "x" * 1000 + "y" * 1000
    par = set_text(word, 8, hyphenation="none")
    broken = [v for v in check_lines(par.lines, par.text, Prohibition.BASIC, em=EM)
              if v.kind is ViolationKind.BROKEN_WORD]  # fmt: skip
    assert len(broken) == len(par.lines) - 1
    for v in broken:
        shown = v.detail.removesuffix(NO_HYPHEN)
        assert shown.endswith(" (a word of 2,000 characters)")
        before, after = shown.removesuffix(" (a word of 2,000 characters)").split("|")
        assert len(before) <= 31 and len(after) <= 31
