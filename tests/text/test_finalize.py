"""Structural tests of the line records of finalize: a line holds its items and their sizes;
its glyphs (``Line.glyphs``) and its drawn runs (``Line.runs``) are derived from them and
must agree with each other and with the text the line sets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text.finalize import Glyph, Line, LineRun
from layout.text.metrics import SyntheticMetrics
from layout.text.options import Align, BreakMode
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle

from .conftest import EM, set_text
from .test_properties import MEASURES, PROPERTY, TEXTS


def _run_glyphs(run: LineRun, glyphs: list[Glyph]) -> list[Glyph]:
    """The glyphs at the head of ``glyphs`` that ``run`` draws (by their texts)."""
    taken: list[Glyph] = []
    text = ""
    while len(text) < len(run.text):
        taken.append(glyphs[len(taken)])
        text += taken[-1].text
    assert text == run.text
    return taken


def _check_runs(line: Line) -> None:
    """The runs draw every glyph of the line once, in order, where the glyphs stand."""
    glyphs = list(line.glyphs)
    runs = list(line.runs(EM))
    assert "".join(r.text for r in runs) == "".join(g.text for g in glyphs)
    for run in runs:
        drawn = _run_glyphs(run, glyphs)
        del glyphs[: len(drawn)]
        assert run.face == drawn[0].face and all(g.face == run.face for g in drawn)
        assert run.inline == pytest.approx(drawn[0].inline)
        if len(drawn) == 1:
            assert run.advance == pytest.approx(drawn[0].advance)
            assert run.scale == drawn[0].scale
            continue
        # Merged: single characters at scale 1, evenly spaced by the run's char_space.
        assert run.face is not None and run.scale == 1.0
        assert all(len(g.text) == 1 and g.scale == 1.0 for g in drawn)
        for a, b in zip(drawn, drawn[1:], strict=False):
            assert b.inline - (a.inline + a.advance) == pytest.approx(run.char_space, abs=1e-6)
        end = drawn[-1].inline + drawn[-1].advance
        assert run.inline + run.advance == pytest.approx(end)
    assert not glyphs


def _check_line(line: Line, text: str) -> None:
    """The items, sizes and glyphs of a line agree with each other and with the text."""
    assert len(line.items) == len(line.sizes) == len(line.sources)
    assert sum(line.sizes) == pytest.approx(line.width)
    drawn = [g for g in line.glyphs if not g.inserted]
    assert line.text == "".join(g.text for g in drawn)
    if drawn:
        assert line.start == drawn[0].source
        assert line.end == drawn[-1].source + len(drawn[-1].text)
        for g in drawn:
            assert text[g.source : g.source + len(g.text)] == g.text
    assert line.hyphenated == bool(line.glyphs and line.glyphs[-1].inserted)
    _check_runs(line)


@PROPERTY
@given(TEXTS, MEASURES, st.sampled_from(list(BreakMode)), st.sampled_from(list(Align)))
def test_glyphs_and_runs_agree_with_the_text(text, chars, mode, align) -> None:
    par = set_text(text, chars, mode=mode, align=align, indent=2)
    for line in par.lines:
        _check_line(line, par.text)


def test_a_justified_han_line_is_one_run() -> None:
    par = set_text("平湖经济发展工业增加值同比增长市委书记", 8)
    first = par.lines[0]
    (run,) = first.runs(EM)
    assert run.text == first.text == "平湖经济发展工业"
    assert run.inline == 0.0 and run.char_space == pytest.approx(0.0)
    assert len(first.glyphs) == 8  # the per-glyph records, derived when asked for


def test_a_lines_runs_are_kept_for_the_size_last_asked() -> None:
    """A memoised line drawn again (a rebuild) is not merged again; at another size (where
    less than an em merges) it is, and the two do not mix; the kept runs are no field (a
    line compares as before)."""
    par = set_text("平湖经济，发展工业增加值同比增长", 7.5)
    line = next(li for li in par.lines if any(r.char_space > 0 for r in li.runs(EM)))
    first = line.runs(EM)
    assert line.runs(EM) is first
    gap = max(r.char_space for r in first)
    narrow = line.runs(gap / 2)  # characters spaced wider than an em apart: none merges
    assert narrow is not first and len(narrow) > len(first)
    assert line.runs(gap / 2) is narrow and line.runs(EM) == first
    assert line == set_text("平湖经济，发展工业增加值同比增长", 7.5).lines[par.lines.index(line)]


def test_a_stretched_line_spaces_its_run() -> None:
    par = set_text("平湖经济，发展工业增加值同比增长", 7.5)
    for line in par.lines[:-1]:
        _check_line(line, par.text)
        assert line.width == pytest.approx(7.5 * EM)
    assert any(r.char_space > 0 for line in par.lines for r in line.runs(EM))


def test_a_hyphenated_line_draws_its_hyphen_last() -> None:
    par = set_text("平湖 internationalisation 经济", 6, hyphenation="en_US")
    broken = [line for line in par.lines if line.hyphenated]
    assert broken, [line.text for line in par.lines]
    for line in broken:
        _check_line(line, par.text)
        assert list(line.runs(EM))[-1].text.endswith("-")
        assert "-" not in line.text


def test_a_missing_character_stands_alone_and_ends_the_run() -> None:
    """A character no face has is drawn as a box of its own; the glyphs after it start a
    run of their own, at their own place."""
    metrics = SyntheticMetrics(missing=frozenset("湖"))
    style = ParagraphStyle(size=EM, indent=0)
    par = set_paragraph("平湖经济发展", style, 10 * EM, metrics, align=Align.START)
    (line,) = par.lines
    runs = list(line.runs(EM))
    assert [(r.text, r.face) for r in runs] == [
        ("平", "synthetic"),
        ("湖", None),
        ("经济发展", "synthetic"),
    ]
    assert runs[2].inline == pytest.approx(2 * EM)
    _check_line(line, par.text)


def test_a_shifted_line_indexes_the_whole_text() -> None:
    par = set_text("平湖经济发展工业增加值同比增长", 6)
    line = par.lines[1]
    moved = line.shifted(100)
    assert (moved.start, moved.end) == (line.start + 100, line.end + 100)
    assert [g.source for g in moved.glyphs] == [g.source + 100 for g in line.glyphs]
    assert [g.inline for g in moved.glyphs] == [g.inline for g in line.glyphs]
    assert moved.text == line.text


@pytest.mark.parametrize("align", [Align.CENTER, Align.END])
def test_an_aligned_line_starts_at_its_offset(align: Align) -> None:
    par = set_text("平湖经济", 10, align=align)
    (line,) = par.lines
    free = 10 * EM - line.width
    assert line.offset == pytest.approx(free / 2 if align is Align.CENTER else free)
    assert line.glyphs[0].inline == pytest.approx(line.offset)
    assert next(iter(line.runs(EM))).inline == pytest.approx(line.offset)


def test_a_line_made_by_finalize_is_the_line_its_init_makes() -> None:
    """finalize makes a Line without its frozen __init__ (the fields put in its dictionary
    at once): the result must be the Line that __init__ makes of the same fields — equal,
    hashable alike, its cached text computed the same — which holds only while Line has no
    __post_init__ and no slots."""
    from layout.text.finalize import _made_line

    (line, *_) = set_paragraph(
        "北京市，今天晴。", ParagraphStyle(size=EM), 4 * EM, SyntheticMetrics()
    ).lines
    values = tuple(getattr(line, name) for name in Line._field_names)
    made, initialised = _made_line(*values), Line(*values)
    assert made == initialised and hash(made) == hash(initialised)
    assert made.text == initialised.text and vars(made).keys() >= set(Line._field_names)
    assert not hasattr(Line, "__post_init__") and not hasattr(Line, "__slots__")


def test_word_spaces_past_their_stretch_are_counted_on_a_line_of_words_alone() -> None:
    # Letters ½ em, spaces ¼ em stretching to ½ em (clreq §3.6): "aaaa bbbb" is 4¼ em; on a
    # 5-em line its one space takes ¼ em by the rules and the last ½ em past them.
    from .conftest import EM, set_text

    first, last = set_text("aaaa bbbb cccc dddd", 5, hyphenation="none").lines
    assert first.width == pytest.approx(5 * EM)
    assert first.word_spread == pytest.approx(EM / 2)
    assert first.spacing == 0.0 and first.short == 0.0
    assert last.word_spread == 0.0  # the last line is not justified
    # within their stretch: nothing past it
    first, _ = set_text("aaaa bbbb cccc dddd", 4.5, hyphenation="none").lines
    assert first.word_spread == 0.0
    # beside Han text the gaps between characters take the rest, never the word spaces
    line = set_text("报道称 aaaa bbbb cccc", 8, hyphenation="none").lines[0]
    assert line.word_spread == 0.0
