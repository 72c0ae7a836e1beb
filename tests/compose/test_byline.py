"""Bylines and photo credits by newspaper practice (``layout.compose.byline``), on synthetic
metrics (every Han character, mark and U+3000 one em of 10 pt): a role to a line, labels of
one width, two-character names padded to three, names broken only between names, and the
lines where the flow places them (labels and names at the same inline positions)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.articles import Byline, Role
from layout.compose.body import flow
from layout.compose.byline import (
    EM_SPACE,
    HALF_EM_SPACE,
    BlockText,
    BylineLine,
    block_texts,
    byline_lines,
    byline_pieces,
    pad_name,
    placed,
    set_as_byline,
    spread_label,
)
from layout.compose.page import DATELINE_FONT, dateline_style
from layout.compose.setter import Setter, Where
from layout.geometry import Rect
from layout.page import TextRun
from layout.report import ProblemKind, Severity
from layout.text.options import Align

sys.path.insert(0, str(Path(__file__).parent))
from synthetic import SIZE, SyntheticLibrary, styles  # noqa: E402

PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "150")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)


def _setter(**changes: dict) -> Setter:
    return Setter(SyntheticLibrary(), styles(**changes))  # type: ignore[arg-type]


def _width(setter: Setter | None = None):
    setter = setter or _setter()
    style = set_as_byline(setter.style("byline"))
    return lambda text: setter.width(text, style)


def _byline(*roles: tuple[str, tuple[str, ...]]) -> Byline:
    return Byline(tuple(Role(label, names) for label, names in roles))


REPORTER_AND_CORRESPONDENT = _byline(("记者", ("林旭东",)), ("通讯员", ("张心悦",)))

# --------------------------------------------------------------------------- the parts


@pytest.mark.parametrize(
    ("name", "padded"),
    [
        ("陈杰", "陈　杰"),
        ("王强", "王　强"),
        ("陈 杰", "陈　杰"),  # spaced by hand: the padding is the layout's
        ("陈　杰", "陈　杰"),
        ("王江超", "王江超"),
        ("欧阳文忠", "欧阳文忠"),
        ("Li", "Li"),  # not a Chinese name of two characters
        ("ALDEN", "ALDEN"),
        ("John Smith", "John Smith"),
        # A pasted control character is no character of the name (removed and reported
        # when it is set): the name is still padded, the character kept for the report.
        ("张\x07三", "张　\x07三"),
        ("张 \u200b三", "张　\u200b三"),
        ("王\x07江超", "王\x07江超"),
    ],
)
def test_two_character_names_are_padded_to_three(name: str, padded: str) -> None:
    assert pad_name(name) == padded


@pytest.mark.parametrize(
    ("label", "cells", "spread"),
    [
        ("记者", 3, "记　者"),  # beside 通讯员
        ("记者", 4, "记　　者"),  # beside 本报记者
        ("通讯员", 4, f"通{HALF_EM_SPACE}讯{HALF_EM_SPACE}员"),  # half an em between each
        ("通讯员", 3, "通讯员"),
        ("记者", 2, "记者"),  # the widest: as it is
        ("文", 3, "文　　"),  # one character cannot spread: the extra follows it
        ("特约记者", 5, "特约记者　"),  # ⅓ em a gap cannot be set: after it
        ("Photo", 3, "Photo"),  # not full width: as it is
    ],
)
def test_labels_spread_to_the_widest(label: str, cells: int, spread: str) -> None:
    assert spread_label(label, cells) == spread


# --------------------------------------------------------------------------- the lines


def test_each_role_on_its_own_line_labels_of_one_width() -> None:
    """The seed page: ``■记　者 林旭东`` / ``　通讯员 张心悦``: the mark hangs, the second
    line starts under the first label, and both names start 5 em in."""
    width = _width()
    lines = byline_lines(REPORTER_AND_CORRESPONDENT, "■", width, 200.0)
    assert lines == (
        BylineLine("■记　者　林旭东", 0.0),
        BylineLine("通讯员　张心悦", SIZE),
    )
    assert width("■记　者　") == pytest.approx(SIZE + width("通讯员　"))


def test_a_single_role_is_not_spread() -> None:
    """``■记者 王茹彤``: nothing to line up with."""
    lines = byline_lines(_byline(("记者", ("王茹彤",))), "■", _width(), 200.0)
    assert lines == (BylineLine("■记者　王茹彤", 0.0),)


def test_the_photo_credit() -> None:
    """``■摄影 王　强 陈明远``: names an em apart, the two-character one padded."""
    lines = byline_lines(_byline(("摄影", ("王强", "陈明远"))), "■", _width(), 200.0)
    assert lines == (BylineLine("■摄影　王　强　陈明远", 0.0),)


def test_no_mark() -> None:
    lines = byline_lines(REPORTER_AND_CORRESPONDENT, None, _width(), 200.0)
    assert lines == (BylineLine("记　者　林旭东", 0.0), BylineLine("通讯员　张心悦", 0.0))


def test_names_that_do_not_fit_go_on_under_the_first_name() -> None:
    """The seed's immigration byline in an 11-em column: 王江超 goes on under 刘维佳, never
    alone at the margin; no name is split."""
    byline = _byline(("记者", ("张宇青",)), ("通讯员", ("刘维佳", "徐秀凤", "王江超")))
    width = _width()
    lines = byline_lines(byline, "■", width, 12 * SIZE)
    assert [line.text for line in lines] == [
        "■记　者　张宇青",
        "通讯员　刘维佳　徐秀凤",
        "王江超",
    ]
    names_at = 5 * SIZE  # ■ + 记　者 + the em after the label
    assert lines[1].offset == pytest.approx(SIZE)
    assert lines[2].offset == pytest.approx(names_at)
    assert all(line.offset + width(line.text) <= 12 * SIZE + 1e-6 for line in lines)


def test_a_label_and_its_first_name_that_do_not_fit_put_the_names_under_the_label() -> None:
    width = _width()
    lines = byline_lines(_byline(("特约撰稿人", ("欧阳文忠", "司马光"))), "■", width, 7 * SIZE)
    assert [line.text for line in lines] == ["■特约撰稿人", "欧阳文忠", "司马光"]
    assert [line.offset for line in lines] == [0.0, SIZE, SIZE]


def test_labels_of_three_lengths_line_up() -> None:
    """本报记者 (4), 通讯员 (3), 摄影 (2): every role's names start at one place."""
    byline = _byline(("本报记者", ("林旭东",)), ("通讯员", ("张心悦",)), ("摄影", ("王强",)))
    width = _width()
    lines = byline_lines(byline, "■", width, 300.0)
    assert [line.text for line in lines] == [
        "■本报记者　林旭东",
        f"通{HALF_EM_SPACE}讯{HALF_EM_SPACE}员　张心悦",
        "摄　　影　王　强",
    ]
    starts = [line.offset + width(line.text) - width(line.text[-3:]) for line in lines]
    assert starts == pytest.approx([6 * SIZE] * 3)


# --------------------------------------------------------------------------- a property

NAME_POOL = st.lists(
    st.text(alphabet="林旭东张心悦陈杰王强", min_size=2, max_size=4), min_size=1, max_size=12
)
LABELS = st.sampled_from(["记者", "通讯员", "摄影", "文", "作者", "本报记者", "实习生"])


@st.composite
def bylines(draw: st.DrawFn) -> list[tuple[str, tuple[str, ...]]]:
    names = draw(NAME_POOL)
    cuts = sorted(draw(st.lists(st.integers(1, len(names)), max_size=3)))
    parts = [names[a:b] for a, b in zip([0, *cuts], [*cuts, len(names)], strict=True)]
    return [(draw(LABELS), tuple(part)) for part in parts if part]


@PROPERTY
@given(bylines(), st.integers(min_value=6, max_value=30), st.sampled_from(["■", None]))
def test_no_name_split_orphaned_or_past_the_measure(roles, ems, mark) -> None:
    """Read back, the lines are: per role, its spread label (after the mark on the first
    line) and its names whole and in order, an em apart; a line fits the measure unless it
    is one label or name alone that cannot; a role's following lines start under its first
    name (or, when label and name do not fit side by side, under its label), and only a
    name that fits nowhere else goes to the margin; every label starts at one place and so
    does every first name."""
    byline = _byline(*roles)
    width = _width()
    measure = ems * SIZE
    lines = list(byline_lines(byline, mark, width, measure))
    cells = max(len(label) for label, _ in roles)
    hang = SIZE if mark else 0.0
    names_at = hang + (cells + 1) * SIZE  # labels are all Han: cells of one em
    for k, (label, names) in enumerate(roles):
        head = ("■" if mark and k == 0 else "") + spread_label(label, cells)
        line = lines.pop(0)
        assert line.offset == pytest.approx(0.0 if k == 0 else hang)
        padded = [pad_name(n) for n in names]
        if line.text == head:  # the label alone: the names go on under it
            assert width(head + EM_SPACE + padded[0]) + line.offset > measure
            column = hang  # under the label
            line = lines.pop(0)
            offset = _where(padded[0], (column, 0.0), width, measure)
        else:
            assert line.text.startswith(head + EM_SPACE)
            assert line.offset + width(line.text) <= measure + 1e-6  # label and name fit
            line = BylineLine(line.text[len(head) + 1 :], names_at)
            column, offset = names_at, names_at
        while True:
            taken = line.text.split(EM_SPACE + EM_SPACE)  # never two blanks between names
            assert len(taken) == 1
            count = _names_in(line.text, padded)
            assert count, (line.text, padded)
            assert line.offset == pytest.approx(offset)
            alone = count == 1
            if not alone:
                assert line.offset + width(line.text) <= measure + 1e-6
            padded = padded[count:]
            if not padded:
                break
            line = lines.pop(0)
            offset = _where(padded[0], (column, hang, 0.0), width, measure)
            if width(padded[0]) + column <= measure:
                assert offset == pytest.approx(column)  # under the first name, as it fits
    assert not lines


def _where(name: str, offsets: tuple[float, ...], width, measure: float) -> float:
    """The first offset where ``name`` fits, else the margin."""
    return next((o for o in offsets if o + width(name) <= measure + 1e-6), 0.0)


def _names_in(text: str, names: list[str]) -> int:
    """How many of ``names`` (in order) make up ``text``, an em apart (0: not so)."""
    for count in range(len(names), 0, -1):
        if text == EM_SPACE.join(names[:count]):
            return count
    return 0


# --------------------------------------------------------------------------- blocks


def test_a_block_is_aligned_whole() -> None:
    """End-aligned (a photo credit): the widest line ends at the measure, the others keep
    their places under it."""
    width = _width()
    lines = byline_lines(REPORTER_AND_CORRESPONDENT, "■", width, 200.0)
    starts = placed(lines, width, 200.0, Align.END)
    assert starts == pytest.approx([200.0 - 8 * SIZE, 200.0 - 7 * SIZE])
    assert placed(lines, width, 200.0, Align.START) == pytest.approx([0.0, SIZE])
    assert placed(lines, width, 200.0, Align.CENTER) == pytest.approx([60.0, 70.0])


def test_block_texts_stand_as_the_block() -> None:
    """Each text, indented by its line's offset and centred on its own, starts where the
    block puts its line: every text with its indent is as wide as the block."""
    width = _width()
    lines = byline_lines(REPORTER_AND_CORRESPONDENT, "■", width, 200.0)
    texts = block_texts(lines, width)
    assert texts == [
        BlockText("■记　者　林旭东", 0.0),
        BlockText("通讯员　张心悦", SIZE),
    ]
    assert {t.indent + width(t.text) for t in texts} == {8 * SIZE}


def test_block_texts_of_wrapped_names_stand_under_the_first_name() -> None:
    """A role wrapped in a narrow block: the wrapped line is indented to its first name and
    padded to the block's width, so that centred it stands under the first name."""
    width = _width()
    byline = _byline(("记者", ("林旭东", "张一", "欧阳明月")))
    lines = byline_lines(byline, "■", width, 13 * SIZE)
    texts = block_texts(lines, width)
    assert texts == [
        BlockText("■记者　林旭东　张　一", 0.0),
        BlockText("欧阳明月" + EM_SPACE * 3, 4 * SIZE),
    ]
    assert len({t.indent + width(t.text) for t in texts}) == 1


# --------------------------------------------------------------------------- set and placed


def _glyph_x(runs: list[TextRun], em: float) -> list[tuple[str, float, float]]:
    """(character, x, baseline) of every glyph drawn: the synthetic glyphs are one em."""
    out = []
    for run in runs:
        for k, ch in enumerate(run.text):
            out.append((ch, run.x + k * (em + run.char_space), run.y))
    return out


def test_the_flow_places_labels_and_names_one_under_another() -> None:
    """Set in a column: 记 and 通 at one x (after the hanging ■), 者 and 员 at one x (the
    labels are one width), 林 and 张 at one x; each line on its own baseline, unjustified."""
    setter = _setter(byline={"align": Align.START})
    style = setter.style("byline")
    pieces = byline_pieces(REPORTER_AND_CORRESPONDENT, style, 130.0, setter, Where("b", "a"))
    result = flow(pieces, [Rect(0, 0, 130.0, 140.0)], 14.0, setter)
    glyphs = _glyph_x([op for op in result.ops if isinstance(op, TextRun)], SIZE)
    at = {ch: (x, y) for ch, x, y in glyphs if ch != EM_SPACE}
    assert at["■"][0] == pytest.approx(0.0)
    assert at["记"][0] == pytest.approx(at["通"][0]) == pytest.approx(SIZE)
    assert at["者"][0] == pytest.approx(at["员"][0]) == pytest.approx(3 * SIZE)
    assert at["林"][0] == pytest.approx(at["张"][0]) == pytest.approx(5 * SIZE)
    assert at["记"][1] < at["通"][1]  # two lines
    assert all(op.char_space == 0 for op in result.ops if isinstance(op, TextRun))
    assert not result.problems and result.overset_lines == 0


def test_an_end_aligned_credit_in_a_column() -> None:
    setter = _setter(credit={"align": Align.END})
    style = setter.style("credit")
    credit = _byline(("摄影", ("王强", "陈明远")))
    pieces = byline_pieces(credit, style, 150.0, setter, Where("p", "a"))
    result = flow(pieces, [Rect(0, 0, 150.0, 28.0)], 14.0, setter)
    glyphs = _glyph_x([op for op in result.ops if isinstance(op, TextRun)], SIZE)
    assert "".join(ch for ch, _, _ in glyphs) == "■摄影　王　强　陈明远"
    assert glyphs[-1][1] + SIZE == pytest.approx(150.0)  # 远 ends at the column's end


def test_a_name_wider_than_the_column_is_broken_and_reported() -> None:
    """A name is never split by choice; one wider than the whole column must be, and the
    flow says so, with the box, the article and the line it went on to."""
    setter = _setter(byline={"align": Align.START})
    style = setter.style("byline")
    long_name = "Maximilian-Alexander Featherstonehaugh-Worthington"
    byline = _byline(("记者", ("林旭东", long_name)))
    pieces = byline_pieces(byline, style, 100.0, setter, Where("b", "a"))
    assert all(piece.one_line for piece in pieces)
    result = flow(pieces, [Rect(0, 0, 100.0, 280.0)], 14.0, setter)
    (broken,) = [p for p in result.problems if p.kind is ProblemKind.BROKEN_BYLINE]
    assert (broken.box, broken.article, broken.severity) == ("b", "a", Severity.WARNING)
    assert "Featherstonehaugh" in broken.message and broken.where is not None
    text = "".join(run.text for run in result.ops if isinstance(run, TextRun))
    assert "".join(text.split()).replace("-", "") == "".join(
        ("■记者林旭东" + long_name).split()
    ).replace("-", "")  # broken, nothing lost


def test_names_that_fit_are_not_reported() -> None:
    setter = _setter(byline={"align": Align.START})
    pieces = byline_pieces(
        _byline(("记者", ("林旭东", "张心悦", "陈明远"))),
        setter.style("byline"),
        60.0,
        setter,
        Where(),
    )
    assert len(pieces) > 1  # the names go on over more lines, each line whole
    result = flow(pieces, [Rect(0, 0, 60.0, 280.0)], 14.0, setter)
    assert not [p for p in result.problems if p.kind is ProblemKind.BROKEN_BYLINE]


# --------------------------------------------------------------------------- the dateline


def test_the_dateline_is_the_body_in_hei_unless_the_spec_has_a_style() -> None:
    setter = _setter()
    body = setter.style("body")
    default = dateline_style(setter, body)
    assert (default.font, default.size, default.color) == (DATELINE_FONT, body.size, body.color)
    given = styles(byline={"font": "kai"})["byline"]
    setter = Setter(SyntheticLibrary(), {**styles(), "dateline": given})  # type: ignore[arg-type]
    assert dateline_style(setter, body) is given


def test_without_hei_the_dateline_keeps_the_body_font() -> None:
    setter = Setter(SyntheticLibrary(roles=frozenset({"song"})), styles())  # type: ignore[arg-type]
    body = setter.style("body")
    assert dateline_style(setter, body).font == body.font


def test_a_name_too_long_for_the_names_column_goes_under_the_label_not_split() -> None:
    """``Johannes Müller`` (7¼ em here) does not fit 6 em in, under 欧阳文忠, in a 12-em
    column: it goes under the label, whole."""
    byline = _byline(("特约撰稿", ("欧阳文忠", "Johannes Müller")))
    lines = byline_lines(byline, "■", _width(), 12 * SIZE)
    assert lines == (
        BylineLine("■特约撰稿　欧阳文忠", 0.0),
        BylineLine("Johannes Müller", SIZE),
    )
