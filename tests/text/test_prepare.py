"""The script rules as items (clreq §3.1.4, §3.1.6, §3.2, §3.5)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from layout.text.items import Box, Glue, ShrinkStep, StretchStep
from layout.text.loops import Loops, _loops
from layout.text.metrics import GlyphInfo, SyntheticMetrics
from layout.text.options import Align, Prohibition, PunctuationScheme
from layout.text.orient import VerticalOptions
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle, RunIn, prepare

from .conftest import line_texts, set_text

EM = 10.0


def items_of(text: str, **kw):
    style = ParagraphStyle(size=EM, indent=kw.pop("indent", 0.0), **kw)
    return prepare(text, style, SyntheticMetrics()).items


def natural(text: str, **kw) -> float:
    """Natural width in em of the text set on one line (trailing blank dropped as at a break)."""
    items = list(items_of(text, **kw))
    while items and isinstance(items[-1], Glue):
        items.pop()
    return sum(i.width for i in items) / EM


def breaks_after(text: str, *, penalised: bool = True, **kw) -> list[str]:
    """The text before each allowed break (without the penalised ones if ``penalised`` is
    false)."""
    style = ParagraphStyle(size=EM, indent=0.0, **kw)
    prep = prepare(text, style, SyntheticMetrics())
    out, seen = [], ""
    for it in prep.items:
        if isinstance(it, Box):
            seen += "".join(r.text for r in it.runs)
        elif it.breakable and (penalised or it.penalty == 0):
            out.append(seen)
    return out


def test_full_width_marks_take_one_em_mid_line() -> None:
    # 全身 scheme (clreq §3.1.6): every mark a full em inside a line.
    assert natural("平，湖") == 3.0
    assert natural("平。湖") == 3.0
    assert natural("平（湖）平") == 5.0


def test_adjacent_marks_take_one_and_a_half_em() -> None:
    # clreq §3.1.6.1: 2 em → 1.5 em.
    assert natural("平。”湖") == 2 + 1.5
    assert natural("平）（湖") == 2 + 1.5
    assert natural("平，“湖") == 2 + 1.5
    assert natural("平“《湖") == 2 + 1.5


def test_line_end_mark_is_half_width() -> None:
    # The blank half is the break glue: dropped at a line end.
    items = items_of("平。湖", no_orphan=False)
    # 平 | gap (no break before 。) | 。 ink | 。 blank (the break) | gap | 湖
    assert isinstance(items[2], Box) and items[2].width == 5.0
    assert isinstance(items[3], Glue) and items[3].breakable and items[3].width == 5.0
    assert not items[1].breakable


def test_paragraph_opening_mark_loses_blank_after_indent() -> None:
    assert natural("“平”", indent=2.0) == 2 + 0.5 + 1 + 0.5


def test_han_latin_gap_quarter_em() -> None:
    # clreq §3.2.1: ¼ em between Han and Western, shrinking to ⅛ and stretching to ⅓.
    items = items_of("达86.5亿", no_orphan=False)
    gaps = [i for i in items if isinstance(i, Glue) and i.stretch_step is StretchStep.HAN_LATIN]
    assert len(gaps) == 2
    for g in gaps:
        assert (g.width, g.shrink, g.stretch) == pytest.approx((2.5, 1.25, 10 / 12))
    assert all(g.breakable for g in gaps)
    assert natural("达86.5亿") == 2 + 2.0 + 0.5


@pytest.mark.parametrize(
    ("gap", "shrink", "stretch"),
    [(1 / 8, 0.0, 5 / 24), (1 / 4, 1 / 8, 1 / 12), (1 / 3, 5 / 24, 0.0)],
)
def test_the_style_sets_the_gap_and_justification_keeps_it_within_an_eighth_and_a_third(
    gap: float, shrink: float, stretch: float
) -> None:
    items = items_of("达86.5亿", no_orphan=False, latin_gap=gap)
    gaps = [i for i in items if isinstance(i, Glue) and i.stretch_step is StretchStep.HAN_LATIN]
    assert len(gaps) == 2
    for g in gaps:
        assert (g.width, g.shrink, g.stretch) == pytest.approx(
            (gap * EM, shrink * EM, stretch * EM)
        )


def test_no_gap_makes_the_boundary_an_ordinary_one() -> None:
    # latin_gap 0 (as many papers set it): 达|86.5 is spaced like 达|亿, and a space typed
    # between Han and a number is not a blank of its own ("成立 16 年来" → 成立16年来).
    items = items_of("成立 16 年来", no_orphan=False, latin_gap=0.0)
    glues = [i for i in items if isinstance(i, Glue)]
    assert all(g.width == 0 and g.stretch_step is StretchStep.INTER_CHARACTER for g in glues)
    assert natural("成立 16 年来", latin_gap=0.0) == 4 + 1.0


def test_no_gap_between_latin_and_punctuation() -> None:
    assert natural("“PTA”") == 0.5 + 1.5 + 1.0 - 0.5  # ” at the end: half


@pytest.mark.parametrize(
    ("scheme", "width"),
    [
        (PunctuationScheme.QUANSHEN, 6.0),
        (PunctuationScheme.KAIMING, 5.5),  # the pause mark ， is half width
        (PunctuationScheme.BANJIAO, 5.0),  # every mark half width
    ],
)
def test_schemes(scheme: PunctuationScheme, width: float) -> None:
    assert natural("平，湖。平湖", punctuation=scheme) == width


def test_shrink_steps() -> None:
    items = items_of("平，湖。平（湖）平·湖")
    steps = {g.shrink_step for g in items if isinstance(g, Glue) and g.shrink > 0}
    assert steps == {ShrinkStep.PAUSE, ShrinkStep.STOP, ShrinkStep.BRACKET, ShrinkStep.INTERPUNCT}


def test_basic_prohibition_breaks() -> None:
    # No break before ，。” and no break after “ (clreq §3.1.4).
    assert breaks_after("平，“湖”。平", no_orphan=False) == ["平，", "平，“湖”。"]


def test_none_allows_every_break() -> None:
    assert breaks_after("平，湖", prohibition=Prohibition.NONE, no_orphan=False) == ["平", "平，"]


def test_gb_forbids_solidus_at_line_end() -> None:
    assert "平/" in breaks_after("平/湖", prohibition=Prohibition.BASIC, no_orphan=False)
    assert "平/" not in breaks_after("平/湖", prohibition=Prohibition.GB, no_orphan=False)


def test_strict_forbids_long_mark_at_line_start() -> None:
    assert "平" in breaks_after("平——湖平", prohibition=Prohibition.GB, no_orphan=False)
    assert "平" not in breaks_after("平——湖平", prohibition=Prohibition.STRICT, no_orphan=False)


def test_long_marks_never_split() -> None:
    for level in Prohibition:
        assert all(
            not b.endswith("—") or b.endswith("——")
            for b in breaks_after("平——湖……平", prohibition=level, no_orphan=False)
        )
        assert "平——湖…" not in breaks_after("平——湖……平", prohibition=level, no_orphan=False)


def test_no_orphan_penalises_the_last_breaks() -> None:
    # A break leaving "湖。" alone on the last line costs ORPHAN_PENALTY (孤字, clreq §3.5).
    assert breaks_after("平湖平湖。", penalised=False) == ["平", "平湖"]
    assert breaks_after("平湖平湖。") == ["平", "平湖", "平湖平"]
    assert breaks_after("平湖平湖。", no_orphan=False, penalised=False) == ["平", "平湖", "平湖平"]


def test_missing_characters_are_reported() -> None:
    style = ParagraphStyle(size=EM, indent=0.0)
    prep = prepare("平\U0002a6a5湖", style, SyntheticMetrics(missing=frozenset("\U0002a6a5")))
    assert [(m.char, m.index, m.code_point) for m in prep.missing] == [("\U0002a6a5", 1, "U+2A6A5")]


def test_full_width_marks_keep_their_em() -> None:
    # In vertical text ：；？！ stay 1 em (clreq §2.4): not compressed at a line end or
    # beside another mark.
    style = ParagraphStyle(size=EM, indent=0.0, full_width_marks=frozenset("：？"))
    items = prepare("平：湖？”", style, SyntheticMetrics()).items
    colon = next(i for i in items if isinstance(i, Box) and i.runs and i.runs[0].text == "：")
    assert colon.width == EM
    question = next(i for i in items if isinstance(i, Box) and i.runs and i.runs[0].text == "？")
    assert question.width == EM
    # and no blank glue follows them
    assert not any(isinstance(i, Glue) and i.shrink_step is ShrinkStep.PAUSE for i in items)


def test_vertical_colon_is_one_em_at_line_end() -> None:
    from layout.text.orient import VERTICAL_FULL_WIDTH

    style = ParagraphStyle(size=EM, indent=0.0, full_width_marks=VERTICAL_FULL_WIDTH)
    par_items = prepare("一二三：", style, SyntheticMetrics()).items
    assert sum(i.width for i in par_items if isinstance(i, Box)) == 4 * EM


def test_spaces_never_get_boxes() -> None:
    # The crash of issue 9: a run of spaces (prepare called on raw text) became a box whose
    # glyph was looked up as one two-character string. A typed U+3000 is a blank, glue too.
    for text in ("平湖  经济", "New \t York", "a\u00a0 b", "平湖\u3000 经济"):
        boxes = [it for it in items_of(text) if isinstance(it, Box)]
        drawn = "".join(run.text for box in boxes for run in box.runs)
        assert drawn == "".join(c for c in text if not c.isspace())


def test_no_break_space_is_a_space_where_no_line_breaks() -> None:
    spaced = [it for it in items_of("New York") if isinstance(it, Glue)]
    tied = [it for it in items_of("New\u00a0York") if isinstance(it, Glue)]
    assert [(g.width, g.stretch, g.shrink) for g in tied] == [
        (g.width, g.stretch, g.shrink) for g in spaced
    ]
    assert [g.breakable for g in spaced] == [True]
    assert [g.breakable for g in tied] == [False]
    assert breaks_after("记者\u00a0林旭东", no_orphan=False) == ["记", "记者林", "记者林旭"]


def test_zero_width_space_parts_western_words_with_no_width() -> None:
    glues = [it for it in items_of("example.com\u200bpath") if isinstance(it, Glue)]
    assert [(g.width, g.stretch, g.shrink, g.breakable) for g in glues] == [(0.0, 0.0, 0.0, True)]
    assert natural("example.com\u200bpath") == natural("example.compath")
    # Between Han characters it changes nothing; 避头尾 outranks it (clreq §3.1.4).
    assert items_of("平\u200b湖") == items_of("平湖")
    assert "平湖" not in breaks_after("平湖\u200b，好")


def test_combining_marks_are_drawn_after_their_base() -> None:
    metrics = SyntheticMetrics(missing=frozenset("\u0303"))
    prep = prepare("平\u0303湖", ParagraphStyle(size=EM, indent=0.0), metrics)
    first = prep.items[0]
    assert isinstance(first, Box)
    assert [(r.text, r.face) for r in first.runs] == [("平", "synthetic"), ("\u0303", None)]
    assert [(m.char, m.index) for m in prep.missing] == [("\u0303", 1)]
    # after a punctuation mark: the mark keeps its ink half, the combining mark follows it
    comma = items_of("，\u0301好")[0]
    assert isinstance(comma, Box) and [r.text for r in comma.runs] == ["，", "\u0301"]
    assert comma.runs[1].offset == pytest.approx(EM)


def test_letter_spacing_tracks_characters_but_not_inside_western_words() -> None:
    # 字距: 0.1 em between clusters; "PTA" is one word, not spaced out (clreq §3.2).
    assert natural("平湖PTA湖", letter_spacing=0.1, latin_gap=0.0) == pytest.approx(3 + 1.5 + 0.3)


@dataclass
class _KeepingMetrics:
    """Synthetic metrics that keep what prepare made, as a font library's chains do."""

    inner: SyntheticMetrics = field(default_factory=SyntheticMetrics)
    box_cache: dict = field(default_factory=dict)
    part_cache: dict = field(default_factory=dict)

    def glyph(self, ch: str) -> GlyphInfo:
        return self.inner.glyph(ch)


_KEPT_TEXT = "PTA平湖，“金山”互鉴 co-operation 湖。"


@dataclass
class _ShapingMetrics(_KeepingMetrics):
    """Keeping metrics that also keep a part's shape across sizes (as a chain does)."""

    shape_cache: dict = field(default_factory=dict)

    def upright(self, ch: str) -> GlyphInfo:
        return self.inner.upright(ch)

    def vertical_form(self, ch: str) -> int | None:
        return self.inner.vertical_form(ch)

    def face_of(self, text: str):
        return self.inner.face_of(text)


_SHAPED_TEXTS = [_KEPT_TEXT, "（平湖）“金山”，互鉴。", "《PTA》平湖12条线路，  NBA…"]


@pytest.mark.parametrize("text", _SHAPED_TEXTS)
def test_a_text_shaped_at_one_size_is_set_alike_at_the_others(text) -> None:
    # A headline tried at several sizes collects and spaces its text once: each size's items
    # are those of a preparation made afresh, also after the first one's opening mark lost
    # its blank half; a style field the shape reads (the direction, the scheme) makes a
    # shape of its own.
    shaping = _ShapingMetrics(SyntheticMetrics(missing=frozenset("湖")))
    fields = [{}, {"vertical": VerticalOptions()}, {"punctuation": PunctuationScheme.BANJIAO}]
    for kw in fields:
        for headline in (True, False):
            for size in (EM, 1.5 * EM, 2 * EM, EM):
                style = ParagraphStyle(size=size, headline=headline, **kw)
                made = prepare(text, style, shaping, 8 * EM)
                fresh = prepare(text, style, SyntheticMetrics(missing=frozenset("湖")), 8 * EM)
                assert made == fresh
    assert len(shaping.shape_cache) == len(fields)  # one per text and field, for every size


@pytest.mark.parametrize("fitting", [False, True])
def test_a_part_made_before_gives_the_same_items_at_any_measure(fitting: bool) -> None:
    keeping = _KeepingMetrics(SyntheticMetrics(missing=frozenset("湖")))
    plain = SyntheticMetrics(missing=frozenset("湖"))
    style = ParagraphStyle(size=EM)
    first = prepare(_KEPT_TEXT, style, keeping, 8 * EM)
    assert len(keeping.part_cache) == 1
    again = prepare(_KEPT_TEXT, style, keeping, 4 * EM, fitting=fitting)
    assert len(keeping.part_cache) == 1  # made once, found the second time
    fresh = prepare(_KEPT_TEXT, style, plain, 4 * EM, fitting=fitting)
    assert again.items == fresh.items and again.sources == fresh.sources
    assert again.clusters == fresh.clusters == first.clusters
    # The character no face has, reported by each preparation at each of its places.
    assert again.missing == fresh.missing == first.missing
    assert [m.index for m in again.missing] == [4, len(_KEPT_TEXT) - 2]


def test_a_part_is_kept_by_every_field_of_its_style() -> None:
    keeping = _KeepingMetrics()
    styles = [
        ParagraphStyle(size=EM),
        ParagraphStyle(size=EM, latin_gap=0.0),
        ParagraphStyle(size=EM, letter_spacing=0.1),
        ParagraphStyle(size=EM, punctuation=PunctuationScheme.BANJIAO),
        ParagraphStyle(size=2 * EM),
    ]
    for style in styles:
        made = prepare(_KEPT_TEXT, style, keeping, 8 * EM)
        assert made.items == prepare(_KEPT_TEXT, style, SyntheticMetrics(), 8 * EM).items
    assert len(keeping.part_cache) == len(styles)
    # A run-in and the text after it are parts of their own, each kept.
    run_in = RunIn("本报讯", keeping)
    with_run_in = prepare("平湖", styles[0], keeping, 8 * EM, run_in=run_in)
    plain = prepare(
        "平湖", styles[0], SyntheticMetrics(), 8 * EM, run_in=RunIn("本报讯", SyntheticMetrics())
    )
    assert with_run_in.items == plain.items
    assert len(keeping.part_cache) == len(styles) + 2
    # What prepare joined onto the run-in's lists did not go into what was kept.
    again = prepare("平湖", styles[0], keeping, 8 * EM, run_in=run_in)
    assert again.items == plain.items and again.clusters == plain.clusters


def test_an_apostrophe_word_is_one_box_with_no_break_or_blank() -> None:
    """it’s, O’Brien: one Latin word (chars.APOSTROPHE), no break and no blank half in it;
    beside Han text the Han–Western gap of clreq §3.2.1."""
    assert [it.__class__ for it in items_of("it’s")] == [Box]
    assert breaks_after("和O’Brien先生") == ["和", "和O’Brien", "和O’Brien先"]
    assert natural("和O’Brien先生") == pytest.approx(1 + 0.25 + 3.5 + 0.25 + 2)


def test_the_space_kept_after_a_closing_quote_sets_nothing_of_its_own() -> None:
    """clean keeps the space of ‘yes’ too (so that ’ is no apostrophe there): the quote's
    blank half is the space, as beside any full-width mark (clreq §3.1.6), and the space
    adds a glue of no width where no line breaks."""
    items = items_of("‘yes’ too")
    assert [(i.__class__, i.width / EM) for i in items] == [
        (Box, 0.5), (Glue, 0.0), (Box, 1.5), (Glue, 0.0), (Box, 0.5), (Glue, 0.5), (Glue, 0.0),
        (Box, 1.5),
    ]  # fmt: skip
    assert items[5].penalty == 0.0 and items[6].penalty is None


def test_a_unit_sign_is_set_with_its_number_without_a_gap_or_break() -> None:
    """25㎡ is one box after the Han–Western gap (clreq §3.2.1), no break before ㎡."""
    assert breaks_after("面积25㎡，大") == ["面", "面积", "面积25㎡，"]
    assert natural("积25㎡") == pytest.approx(1 + 0.25 + 1.0 + 1)


@pytest.mark.parametrize(("dash", "ems"), [("⸺", 2), ("⸻", 3)])
def test_a_one_glyph_dash_is_one_unbreakable_mark_of_its_ems(dash: str, ems: int) -> None:
    """⸺ is ——, ⸻ three ems of it: one box, never split, never at a strict line start
    (clreq §3.1.4)."""
    assert natural(f"平{dash}湖") == pytest.approx(2 + ems)
    assert f"平{dash}" in breaks_after(f"平{dash}湖", no_orphan=False)
    assert breaks_after(f"平{dash}湖", prohibition=Prohibition.STRICT, no_orphan=False) == [
        f"平{dash}"
    ]


# ------------------------------------------------------------- a typed ideographic space

_IMPLEMENTATIONS = [
    Loops.PYTHON,
    pytest.param(
        Loops.COMPILED,
        marks=pytest.mark.skipif(_loops is None, reason="layout.text._loops is not built"),
    ),
]


def _blank_set(text: str, chars: float, loops: Loops, **style: object):
    par_style = ParagraphStyle(size=EM, indent=0.0, **style)  # type: ignore[arg-type]
    return set_paragraph(text, par_style, chars * EM, SyntheticMetrics(), loops=loops)


@pytest.mark.parametrize("loops", _IMPLEMENTATIONS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the blank would start the second line: gone, 五 at the line start
        ("一二三四\u3000五六七八", ["一二三四", "五六七八"]),
        # the blank would end the first line: gone, the line justified to end with 三
        ("一二三\u3000四五六七", ["一二三", "四五六七"]),
        ("一二三\u3000\u3000四五六七", ["一二三", "四五六七"]),
    ],
)
def test_a_typed_ideographic_space_vanishes_at_a_line_edge(text, expected, loops) -> None:
    # clreq §3.1.6 / CSS Text 3 §4.1.3: a blank at a line edge is not set; a continued line
    # that opened with one would read as a new paragraph's indent.
    par = _blank_set(text, 4, loops)
    assert [line.text for line in par.lines] == expected
    for line in par.lines:
        assert line.glyphs[0].inline == 0.0
        if not line.last:
            last = line.glyphs[-1]
            assert last.inline + last.advance == pytest.approx(4 * EM)


@pytest.mark.parametrize("loops", _IMPLEMENTATIONS)
def test_a_typed_ideographic_space_inside_a_line_is_an_em_each(loops) -> None:
    for blanks in (1, 2, 3):
        text = "一" + "\u3000" * blanks + "二"
        (line,) = _blank_set(text, 20, loops).lines
        assert [(g.text, g.inline) for g in line.glyphs] == [("一", 0.0), ("二", (1 + blanks) * EM)]


@pytest.mark.parametrize("loops", _IMPLEMENTATIONS)
def test_a_typed_ideographic_space_is_a_break_as_prohibition_allows(loops) -> None:
    # 「 may not end a line (clreq §3.1.4): the blank after it is no break.
    par = _blank_set("一二「\u3000三四五六", 3, loops)
    assert [line.text for line in par.lines][0] != "一二「"
    # 。 ends the line, the blank after it goes with its blank half.
    par = _blank_set("一二。\u3000三四五", 3, loops)
    assert [line.text for line in par.lines] == ["一二。", "三四五"]


def test_a_headline_breaks_at_a_typed_ideographic_space_and_centres_what_follows() -> None:
    # the probe's head: 城南街道五个社区图书角　全部开放, its last line printed '\u3000全部开放'
    style = ParagraphStyle(size=EM, indent=0.0, headline=True)
    par = set_paragraph(
        "社区图书角\u3000全部开放", style, 6 * EM, SyntheticMetrics(), align=Align.CENTER
    )
    assert [line.text for line in par.lines] == ["社区图书角", "全部开放"]
    last = par.lines[-1]
    assert last.offset == pytest.approx(EM) and last.width == pytest.approx(4 * EM)


def test_fixed_blanks_keep_the_ideographic_space_a_character_wherever_it_stands() -> None:
    # a byline's own blanks (layout.compose.byline): an em at a centred line's end too
    style = ParagraphStyle(size=EM, indent=0.0, fixed_blanks=True)
    par = set_paragraph("记\u3000者\u3000\u3000", style, 20 * EM, SyntheticMetrics())
    (line,) = par.lines
    assert line.text == "记\u3000者\u3000\u3000" and line.width == pytest.approx(5 * EM)


_POSTFIX_SIGNS = "%％℃‰°′″‴〃"


@pytest.mark.parametrize("sign", _POSTFIX_SIGNS)
def test_a_postfix_sign_after_a_han_character_never_starts_a_line(sign: str) -> None:
    """％ ℃ ‰ ° ′ ″ ‴ and the ditto mark 〃 hold on to what they follow (JIS X 4051, JLREQ
    cl-13, clreq §3.1.4), after a Han character as after a digit: at every measure the line
    that would start with the sign takes the character before it along."""
    text = f"记者昨天从城南街道获悉由居{sign}五个社区"
    assert "由居" not in breaks_after(text, no_orphan=False)
    for chars in range(3, 21):
        lines = line_texts(set_text(text, chars))
        assert "".join(lines) == text
        assert not any(line.startswith(sign) for line in lines[1:]), (chars, lines)
        assert any(f"居{sign}" in line for line in lines), (chars, lines)


def test_a_postfix_sign_keeps_its_width_and_spacing() -> None:
    """The rule only takes the break away: the sign is set as the symbol it was."""
    with_sign = [i for i in items_of("居％五") if isinstance(i, Box)]
    assert [b.width for b in with_sign] == [EM, EM, EM]
    assert natural("居％五") == pytest.approx(3)


def test_no_prohibition_lets_a_postfix_sign_start_a_line() -> None:
    assert "平" in breaks_after("平％湖", prohibition=Prohibition.NONE, no_orphan=False)


@pytest.mark.parametrize("loops", _IMPLEMENTATIONS)
def test_a_postfix_sign_is_no_line_start_after_a_symbol_that_may_start_one(loops) -> None:
    """The compiled loop keeps the glue it had of a style (``prepare._GLUES``) by the
    clusters' classes: a postfix sign is a SYMBOL as › is, and the break before › that the
    paragraph before allowed must not be reused before ％."""
    style = ParagraphStyle(size=EM, indent=0.0, no_orphan=False)

    def breaks(text: str) -> list[str]:
        out, seen = [], ""
        for it in prepare(text, style, SyntheticMetrics(), loops=loops).items:
            if isinstance(it, Box):
                seen += "".join(r.text for r in it.runs)
            elif it.breakable:
                out.append(seen)
        return out

    assert breaks("平›湖") == ["平", "平›"]
    assert breaks("平％湖") == ["平％"]
    assert breaks("平›湖") == ["平", "平›"]
