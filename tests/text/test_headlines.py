"""Headlines set by their own rules, on a table of real heads: the sample edition's 引题, 主题
and 副题 (``articles/``, ``articles/unseen/``) and heads of our own with spaces, Latin words,
numbers and a 竖题, each at many measures. Every break is at a space the editor typed or
between two of the segmenter's own words (jieba, the oracle), never inside a word or number;
no line of a multi-line head is a stub of one or two characters; the lines are balanced."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import rjieba
import yaml

from layout.text.clean import clean
from layout.text.finalize import Line, finalize
from layout.text.items import Box, Glue
from layout.text.linebreak import break_balanced
from layout.text.metrics import SyntheticMetrics
from layout.text.normalise import normalise
from layout.text.options import Align
from layout.text.orient import VerticalOptions
from layout.text.paragraph import SetParagraph, set_paragraph
from layout.text.phrases import word_starts
from layout.text.prepare import PHRASE_PENALTY, ParagraphStyle, prepare

EM = 10.0
REPO = Path(__file__).resolve().parents[2]


def _sample_heads() -> list[str]:
    heads: list[str] = []
    for path in sorted([*REPO.glob("articles/*.yaml"), *REPO.glob("articles/unseen/*.yaml")]):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("kicker", "headline", "subhead", "title"):
            value = record.get(key)
            if isinstance(value, str):
                heads.append(value)
            elif isinstance(value, list):
                heads.extend(value)
    return heads


SAMPLE = _sample_heads()
OURS = [
    "5G基站突破1200个 AI大模型走进车间",
    "双拥花开 满城芬芳",
    "资源整合 服务前移",
    "我市实现“全国双拥模范城”“三连冠”",
    "iPhone 16发布会在杭州举行",
    "GDP增长5.2% 经济稳中向好",
    "2025年一季度全市新能源汽车销量突破3.6万辆",
    "C919大飞机首次执飞杭州至北京航线",
    "第十二届中国国际数字经济博览会开幕",
    "长三角一体化示范区 再添新动能",
    "“一带一路”国际合作高峰论坛举行",
    "港区队78∶71夺得男子组冠军",
    "ChatGPT与DeepSeek同台竞技 AI应用加速落地",
]
TABLE = SAMPLE + OURS
MEASURES = range(6, 19)  # ems
_WESTERN = re.compile(r"[0-9A-Za-z.%∶:+\-]")


def _style(vertical: bool = False) -> ParagraphStyle:
    options = VerticalOptions() if vertical else None
    return ParagraphStyle(size=EM, indent=0.0, headline=True, vertical=options)


def _set(text: str, ems: float, vertical: bool = False) -> SetParagraph:
    align = Align.START if vertical else Align.CENTER
    return set_paragraph(text, _style(vertical), ems * EM, SyntheticMetrics(), align=align)


def _oracle(text: str) -> set[int]:
    """Where jieba's words start in ``text``."""
    starts, at = set(), 0
    for token in rjieba.cut(text):
        at += len(token)
        starts.add(at)
    return starts


def _breaks(par: SetParagraph) -> list[tuple[int, bool]]:
    """Each break of a set head: where the next line starts, and whether a space was there."""
    lines = par.lines
    return [
        (after.start, " " in par.text[before.end : after.start])
        for before, after in zip(lines, lines[1:], strict=False)
    ]


def _check(text: str, ems: float, vertical: bool = False) -> SetParagraph:
    par = _set(text, ems, vertical)
    assert "".join(line.text for line in par.lines) == "".join(text.split()), text
    words = _oracle(par.text)
    for at, spaced in _breaks(par):
        left, right = par.text[at - 1], par.text[at]
        assert spaced or at in words, f"{text!r} at {ems} em broken inside a word: {at}"
        assert not (_WESTERN.match(left) and _WESTERN.match(right)), (text, ems, at)
    if len(par.lines) > 1 and not par.overfull:
        stubs = [line.text for line in par.lines if len(line.text) < 3]
        assert not stubs, f"{text!r} at {ems} em: {[ln.text for ln in par.lines]}"
    return par


@pytest.mark.parametrize("text", TABLE)
def test_a_head_breaks_only_at_spaces_and_between_words(text: str) -> None:
    for ems in MEASURES:
        _check(text, ems)


@pytest.mark.parametrize("text", ["工业经济攀新向高马力足", "党建引领浙沪毗邻乡村组团发展现场会"])
def test_a_vertical_head_breaks_only_between_words(text: str) -> None:
    for ems in MEASURES:
        par = _check(text, ems, vertical=True)
        assert all(g.orientation.value for line in par.lines for g in line.glyphs)


def test_the_issue_heads_break_where_an_editor_would() -> None:
    # each was broken inside a word by the body-text engine
    assert [ln.text for ln in _set("5G基站突破1200个 AI大模型走进车间", 12).lines] == [
        "5G基站突破1200个",
        "AI大模型走进车间",
    ]
    assert [ln.text for ln in _set("资源整合 服务前移", 6).lines] == ["资源整合", "服务前移"]
    assert [ln.text for ln in _set("双拥花开 满城芬芳", 6).lines] == ["双拥花开", "满城芬芳"]
    lines = [ln.text for ln in _set("工业经济攀新向高马力足", 9, vertical=True).lines]
    assert lines == ["工业经济攀新", "向高马力足"]  # not 工业经济攀新向高马 / 力足
    subhead = [ln.text for ln in _set("我市实现“全国双拥模范城”“三连冠”", 12).lines]
    assert all("三连冠" in ln or "连" not in ln for ln in subhead)


def test_a_space_is_a_word_space_inside_a_line_and_gone_at_its_end() -> None:
    (line,) = _set("双拥花开 满城芬芳", 12).lines
    assert line.natural == pytest.approx(8.5 * EM)  # a half-em space between the phrases
    first, second = _set("双拥花开 满城芬芳", 6).lines
    assert (first.natural, second.natural) == (4 * EM, 4 * EM)


def test_lines_are_balanced() -> None:
    # first-fit would give 8 + 3; the balanced head is 6 + 5 (or 5 + 6)
    par = _set("第十二届中国国际数字经济博览会开幕", 16)
    widths = [line.natural for line in par.lines]
    assert len(widths) == 2 and max(widths) - min(widths) <= 4 * EM
    for text in OURS:
        par = _set(text, 10)
        if len(par.lines) == 2:
            a, b = (line.natural for line in par.lines)
            best = _best_two_line_difference(par.text)
            # the editor's spaces are taken first (a word break costs PHRASE_PENALTY)
            assert abs(a - b) <= best + 6 * EM or " " in text, (text, a, b, best)


def _best_two_line_difference(text: str) -> float:
    """The least |w1 − w2| of any break of ``text`` into two lines at a word start."""
    best = float("inf")
    for at in sorted(_oracle(text) - {0, len(text)}):
        left, right = text[:at].strip(), text[at:].strip()
        if not left or not right:
            continue
        w = [_set(part, 100).lines[0].natural for part in (left, right)]
        best = min(best, abs(w[0] - w[1]))
    return best


def test_a_stub_is_avoided_and_taken_only_when_every_word_is_one() -> None:
    # fewest lines at 5 em: 3; "实现" alone would be a stub
    par = _set("我市实现全国双拥模范城三连冠", 5)
    assert all(len(line.text) >= 3 for line in par.lines)
    short = _set("中国 美国 英国", 2)  # only two-character words: stubs it must be
    assert [line.text for line in short.lines] == ["中国", "美国", "英国"]


def test_a_word_wider_than_the_measure_stays_whole_and_is_overfull() -> None:
    par = _set("Supercalifragilistic大奖", 6)
    assert par.lines[0].text == "Supercalifragilistic" and par.overfull == (0,)
    assert [line.text for line in par.lines] == ["Supercalifragilistic", "大奖"]


def test_explicit_word_starts_are_the_only_han_breaks() -> None:
    style = _style()
    prepared = prepare("双拥花开满城芬芳", style, SyntheticMetrics(), 40.0, words=frozenset({4}))
    breakable = [
        prepared.sources[k + 1]
        for k, item in enumerate(prepared.items)
        if isinstance(item, Glue) and item.breakable
    ]
    assert breakable == [4]
    glue = next(i for i in prepared.items if isinstance(i, Glue) and i.breakable)
    assert glue.penalty == PHRASE_PENALTY
    spaces = prepare("双拥花开 满城芬芳", style, SyntheticMetrics(), 40.0)
    assert [g.penalty for g in spaces.items if isinstance(g, Glue) and g.breakable] == [0.0]


def _boxes(*widths: float) -> list[Box | Glue]:
    from layout.text.items import GlyphRun

    items: list[Box | Glue] = []
    for k, w in enumerate(widths):
        if k:
            items.append(Glue(0.0, 1.0, 0.0, penalty=0.0))
        items.append(Box(w, (GlyphRun("字" * int(w // 10), "f", 0.0, w),)))
    return items


def test_break_balanced_takes_the_fewest_lines_most_even() -> None:
    items = _boxes(30, 30, 30, 30, 30)  # five words of three characters
    breaks = break_balanced(items, 120.0)  # first-fit: 4 + 1 words; balanced: 3 + 2
    assert [b.position for b in breaks] == [5, 9]
    assert break_balanced(_boxes(30, 30), 100.0)[-1].position == 3  # one line: no break


def test_break_balanced_pays_a_penalty_for_a_word_break() -> None:
    items = _boxes(40, 20, 40)
    items[1] = items[1]._replace(penalty=PHRASE_PENALTY)  # a word break, not a space
    # 40 | 20 40 (unbalanced, free) against 40 20 | 40 (as unbalanced, penalised)
    assert [b.position for b in break_balanced(items, 70.0)] == [3, 5]


def _by_both_passes(text: str, ems: float, vertical: bool) -> tuple[Line, ...]:
    """A head's lines as the rules give them, both preparations made: broken at its spaces,
    and, unless that sets it on one line, again between words too."""
    style, measure = _style(vertical), ems * EM
    align = Align.START if vertical else Align.CENTER
    body = normalise(clean(text).text, style.normalise)

    def lines(words: frozenset[int]) -> tuple[Line, ...]:
        p = prepare(body, style, SyntheticMetrics(), measure, words=words)
        return tuple(finalize(p.items, break_balanced(p.items, measure), measure, align, p.sources))

    spaced = lines(frozenset())
    if len(spaced) == 1 and spaced[0].overfull <= 1e-6:
        return spaced
    words = word_starts(body)
    return lines(words) if words else spaced


@pytest.mark.parametrize("vertical", [False, True])
@pytest.mark.parametrize("text", TABLE)
def test_a_head_known_to_fit_one_line_or_not_is_set_as_both_passes_set_it(text, vertical) -> None:
    # (set_paragraph skips the lines at the spaces alone when the head's least width is past
    # the measure, and the balanced breaking when it is within it: the same lines must come
    # out)
    for ems in [*MEASURES, len(text) / 2, len(text) - 0.5, len(text), len(text) + 0.5]:
        assert _set(text, ems, vertical).lines == _by_both_passes(text, ems, vertical)
