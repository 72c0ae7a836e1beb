"""The rule checks of set lines (layout.text.check) judge a line in its paragraph's context."""

from __future__ import annotations

from layout.text.check import ViolationKind, check_lines
from layout.text.options import Prohibition

from .conftest import EM, set_text


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
