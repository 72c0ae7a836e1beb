"""The page's access to the text engine, on synthetic metrics."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.compose.setter import Setter, Where, paragraph_style
from layout.fonts import library
from layout.geometry import WritingMode
from layout.report import AtLine, MissingGlyph, ProblemKind, RemovedCharacter
from layout.spec import load_spec
from layout.spec.model import Style
from layout.text.options import Align
from layout.text.orient import VERTICAL_FULL_WIDTH, Orientation, VerticalOptions

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SIZE, SyntheticLibrary, styles  # noqa: E402


def test_a_vertical_paragraph_style_orients_and_keeps_colons_whole() -> None:
    style = styles(body={"quotes": "rotated", "upright_latin": False})["body"]
    horizontal = paragraph_style(style)
    vertical = paragraph_style(style, mode=WritingMode.VERTICAL_RL)
    assert horizontal.vertical is None and horizontal.full_width_marks == frozenset()
    assert vertical.vertical == VerticalOptions(quotes="rotated", upright_latin=False)
    assert vertical.full_width_marks == VERTICAL_FULL_WIDTH


def test_a_word_broken_without_hyphen_is_reported_with_its_line() -> None:
    setter = Setter(SyntheticLibrary(), styles(body={"hyphenation": "none"}))  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set("Donaudampfschifffahrtsgesellschaft", body, 8 * SIZE)
    found = [p for p in setter.problems(par, body, Where("box", "story", 2))]
    assert [p.kind for p in found] == [ProblemKind.BROKEN_WORD] * 2
    first = found[0]
    assert (first.box, first.article, first.paragraph) == ("box", "story", 2)
    assert isinstance(first.details, AtLine) and first.details.line == 1
    assert "Donaudampfschiff|fahrt" in first.message
    # Soft hyphens where the editor wants the breaks: hyphenated there, nothing reported.
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    copy = "Donau\u00addampf\u00adschiff\u00adfahrts\u00adgesell\u00adschaft"
    par = setter.set(copy, body, 8 * SIZE)
    assert len(par.lines) > 2 and all(line.hyphenated for line in par.lines[:-1])
    assert not setter.problems(par, body, Where("box", "story", 2))


def test_set_is_memoised_per_mode() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    across = setter.set("增长28倍", body, 10 * SIZE)
    assert setter.set("增长28倍", body, 10 * SIZE) is across
    down = setter.set("增长28倍", body, 10 * SIZE, mode=WritingMode.VERTICAL_RL)
    assert down is not across
    orientations = {g.text: g.orientation for line in down.lines for g in line.glyphs}
    assert orientations["28"] is Orientation.TCY
    assert all(g.orientation is Orientation.UPRIGHT for line in across.lines for g in line.glyphs)


def test_problems_say_where_with_typed_details() -> None:
    setter = Setter(SyntheticLibrary(missing=frozenset("湖")), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set("平湖\u0007经济", body, 10 * SIZE)
    found = setter.problems(par, body, Where("box", "story", 3))
    kinds = {p.kind: p for p in found}
    missing = kinds[ProblemKind.MISSING_GLYPH]
    assert (missing.box, missing.article, missing.paragraph) == ("box", "story", 3)
    assert isinstance(missing.details, MissingGlyph) and missing.details.char == "湖"
    removed = kinds[ProblemKind.REMOVED_CHARACTER]
    assert isinstance(removed.details, RemovedCharacter)
    assert removed.details.code_point == "U+0007"


# ------------------------------------------------------------------ natural width
# ``Setter.width`` reads the natural length from the prepared items; it must be the number a
# whole setting at an unbounded measure gives (its one line's ``natural``), on the real faces
# (kerning of Western pairs, compressed adjacent marks, Han–Western gaps, fallbacks).

ROOT = Path(__file__).resolve().parents[2]
WIDTH_TEXTS = st.lists(
    st.sampled_from(
        [
            "平湖", "记者", " ", "　", "，", "。", "“", "”", "（", "）", "《", "》", "、", "：",
            "AV", "To", "Wa", "2025", "9.4%", "PTA", "——", "……", "·", "Yes.", "𠀀", "é",
        ]
    ),
    max_size=20,
).map("".join)  # fmt: skip
WIDTH_PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "100")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)


@pytest.fixture(scope="module")
def real_setter() -> Setter:
    spec = load_spec(ROOT / "page_specs" / "front.yaml")
    return Setter(library(spec.fonts_manifest), spec.styles)


def _set_width(setter: Setter, text: str, style: Style, mode: WritingMode) -> float:
    """The width as a whole setting gives it: the longest line at an unbounded measure."""
    par = setter.set(text, style, 1e6, align=Align.START, indent=0.0, mode=mode)
    return max((line.natural for line in par.lines), default=0.0)


@WIDTH_PROPERTY
@given(WIDTH_TEXTS, st.sampled_from(["byline", "body", "headline", "caption"]), st.booleans())
def test_the_width_is_the_natural_length_of_the_set_line(real_setter, text, name, down) -> None:
    style = real_setter.style(name)
    mode = WritingMode.VERTICAL_RL if down else WritingMode.HORIZONTAL_TB
    assert real_setter.width(text, style, mode) == _set_width(real_setter, text, style, mode)


def test_the_width_is_memoised_and_counts_an_indent_never() -> None:
    setter = Setter(SyntheticLibrary(), styles(body={"indent": 2.0}))  # type: ignore[arg-type]
    body = setter.style("body")  # an indented style: the width has no indent
    assert setter.width("平湖经济", body) == 4 * SIZE
    assert ("width", "平湖经济", body, WritingMode.HORIZONTAL_TB) in setter.fonts.memo
    assert setter.width("", body) == 0.0


def test_half_width_marks_in_chinese_text_are_a_report_for_each_line_they_stand_on() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    text = "第一行的文字很长很长。今天,记者来到现场.又说:好，这行也很长很长很长，最后(一)行"
    par = setter.set(text, body, 10 * SIZE)
    found = [
        p
        for p in setter.problems(par, body, Where("box", "story", 3))
        if p.kind is ProblemKind.HALF_WIDTH_PUNCTUATION
    ]
    # Set as 第一行的文字很长很 / 长。今天,记者来到现 / 场.又说:好，这行也 / 很长很长很长，最后 /
    # (一)行: the marks on lines 2, 3 and 5, each line reported.
    assert [p.details.line for p in found] == [2, 3, 5]
    assert all(p.paragraph == 3 for p in found)
    assert found[0].message.startswith("line 2: a half-width mark in Chinese text: ','")
    assert found[1].message.startswith("line 3: 2 half-width marks") and "(：)" in found[1].message
    assert "'(' in" in found[2].message and "(）)" in found[2].message


def test_damaged_copy_is_one_report_at_its_paragraph_and_prints_as_it_stands() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    text = "第一行的文字很长很长。今天记者来到&ldquo;现场&rdquo;，说<br/>好\ufffd"
    par = setter.set(text, body, 10 * SIZE)
    found = [
        p
        for p in setter.problems(par, body, Where("box", "story", 3))
        if p.kind is ProblemKind.DAMAGED_COPY
    ]
    (report,) = found
    assert report.paragraph == 3 and report.details == AtLine(line=2)
    assert report.message.startswith(
        "line 2: damaged copy, printed as it stands: HTML character reference ×2: '&ldquo;' in"
    )
    assert "; HTML tag: '<br/>' in" in report.message and "encoding error" in report.message
    assert par.text == text  # nothing changed


def test_an_emoji_a_face_draws_is_one_report_naming_the_flag() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    text = "第一行的文字很长很长。中国队🇨🇳夺冠，点赞👍"
    par = setter.set(text, body, 10 * SIZE)
    found = [
        p
        for p in setter.problems(par, body, Where("box", "story", 3))
        if p.kind is ProblemKind.EMOJI
    ]
    (report,) = found
    assert (report.box, report.article, report.paragraph) == ("box", "story", 3)
    assert report.details == AtLine(line=2)
    assert report.message.startswith("line 2: emoji printed as text")
    assert "the flag '🇨🇳' (region CN) as the boxed letters C N" in report.message
    assert "'👍' (U+1F44D)" in report.message
    assert report.message.endswith("(write it in words: a flag as the region's name)")
    assert par.text == text  # printed as it stands


def test_right_to_left_text_a_face_draws_is_reported_at_its_line() -> None:
    # The engine has no bidi or shaping: Arabic pasted into copy prints reversed, unjoined.
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    text = "第一行的文字很长很长。误贴مرحبا بالعالم和שלום。"
    par = setter.set(text, body, 10 * SIZE)
    found = setter.problems(par, body, Where("box", "story", 2))
    (report,) = [p for p in found if p.kind is ProblemKind.RIGHT_TO_LEFT]
    assert (report.box, report.article, report.paragraph) == ("box", "story", 2)
    assert report.details == AtLine(line=2)
    assert report.message.startswith("line 2: right-to-left text printed left to right")
    assert "'مرحبا بالعالم' (Arabic), 'שלום' (Hebrew)" in report.message
    assert par.text == text  # printed as it stands


def test_right_to_left_text_no_face_has_is_a_missing_glyph_only() -> None:
    hebrew = "שלום"
    setter = Setter(SyntheticLibrary(missing=frozenset(hebrew)), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set(f"误贴{hebrew}。", body, 10 * SIZE)
    kinds = {p.kind for p in setter.problems(par, body, Where("box"))}
    assert ProblemKind.MISSING_GLYPH in kinds and ProblemKind.RIGHT_TO_LEFT not in kinds


def test_an_emoji_with_no_flag_is_not_told_of_flags() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set("点赞👍", body, 10 * SIZE)
    (report,) = [p for p in setter.problems(par, body, Where("box")) if p.kind is ProblemKind.EMOJI]
    assert report.message.endswith("'👍' (U+1F44D) as the face's line drawing (write it in words)")


def test_a_keycap_is_reported_as_its_key_and_an_empty_square() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set("键帽1\ufe0f\u20e3。", body, 10 * SIZE)
    problems = setter.problems(par, body, Where("box", "story", 1))
    (report,) = [p for p in problems if p.kind is ProblemKind.EMOJI]
    assert report.message == (
        "line 1: emoji printed as text (the faces draw no emoji): the keycap '1\u20e3' as 1 "
        "and an empty square (write it in words: a keycap as its digit)"
    )
    assert ProblemKind.REMOVED_CHARACTER in {p.kind for p in problems}  # the VS16


def test_a_keycap_whose_mark_no_face_has_is_a_missing_glyph_only() -> None:
    library = SyntheticLibrary(missing=frozenset("\u20e3"))
    setter = Setter(library, styles())  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set("键帽1\u20e3。", body, 10 * SIZE)
    kinds = [p.kind for p in setter.problems(par, body, Where("box", "story", 1))]
    assert kinds == [ProblemKind.MISSING_GLYPH]


def test_an_emoji_no_face_has_is_a_missing_glyph_only() -> None:
    setter = Setter(SyntheticLibrary(missing=frozenset("👍")), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    par = setter.set("点赞👍", body, 10 * SIZE)
    kinds = [p.kind for p in setter.problems(par, body, Where("box", "story", 1))]
    assert kinds == [ProblemKind.MISSING_GLYPH]


def test_a_table_pasted_into_a_paragraph_is_reported_at_its_first_row() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    raw = "第一行的文字很长很长。指标如下：\n项目\t2024年\t增长\n营业收入\t1200万元\t12.5%"
    par = setter.set(raw, body, 10 * SIZE)
    assert "\t" not in par.text  # set run together: the tabs are spaces, the rows joined
    where = Where("box", "story", 2)
    (report,) = [
        p for p in setter.problems(par, body, where, raw=raw) if p.kind is ProblemKind.DAMAGED_COPY
    ]
    assert report.paragraph == 2 and report.details == AtLine(line=2)
    assert report.message.startswith(
        "line 2: a pasted table? 2 lines of tab-separated cells ('项目 | 2024年 | 增长' …)"
    )
    assert "use a figures box or rewrite it as text" in report.message
    # Without the text as written (the rest of a paragraph cut), nothing is found.
    assert not [p for p in setter.problems(par, body, where) if p.kind is ProblemKind.DAMAGED_COPY]


def test_a_table_aligned_with_blanks_is_reported_at_its_first_row() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    raw = "积分榜如下：\n名次　队名　　胜　负\n1　　南湖队　12　3\n2　　秀洲队　10　5"
    par = setter.set(raw, body, 10 * SIZE)
    (report,) = [
        p
        for p in setter.problems(par, body, Where("box", "story", 1), raw=raw)
        if p.kind is ProblemKind.DAMAGED_COPY
    ]
    assert report.message.startswith(
        "line 1: a pasted table? 3 lines of cells aligned with blanks ('名次 | 队名 | 胜 | 负' …)"
    )


def test_verse_joined_by_the_hard_wrap_rule_is_reported_with_what_it_prints() -> None:
    setter = Setter(SyntheticLibrary(), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    raw = "窗外的雪落下来，\n落在旧年的屋檐上；\n船还在等\n等一个春天"
    par = setter.set(raw, body, 10 * SIZE)
    assert "船还在等等一个春天" in par.text  # joined as a hard wrap, the words changed
    (report,) = [
        p
        for p in setter.problems(par, body, Where("box", "story", 3), raw=raw)
        if p.kind is ProblemKind.JOINED_LINES
    ]
    assert report.paragraph == 3 and report.details == AtLine(line=1)
    assert "'船还在等' / '等一个春天' print as '船还在等等一个春天'" in report.message
    assert "write each as a body item of its own" in report.message
    # Prose hard-wrapped at a column's width is set so without a word.
    prose = (
        "记者从农业农村部获悉，截至12月2日，全国冬小麦\n"
        "播种面积已达3.35亿亩，占意向面积的九成以上\n上年同期。"
    )
    par = setter.set(prose, body, 10 * SIZE)
    assert not [
        p
        for p in setter.problems(par, body, Where("box", "story", 3), raw=prose)
        if p.kind is ProblemKind.JOINED_LINES
    ]
