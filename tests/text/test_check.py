"""The rule checks of set lines (layout.text.check) judge a line in its paragraph's context."""

from __future__ import annotations

from layout.text.check import ViolationKind, check_lines
from layout.text.options import Prohibition

from .conftest import EM, set_text

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
