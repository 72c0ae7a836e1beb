"""typocheck (``bench/typocheck``, run as ``tools/typocheck.py``) against PDFs whose answers
are known: pages drawn glyph by glyph with ReportLab at chosen places (squeezed marks, gaps,
overlaps, a line over the next column, prohibited breaks, a 孤字, a loose line), and pages
set by banmian whose lines, columns and gaps the engine's own records give."""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from layout.build import build, fonts_for
from layout.compose.setter import Setter
from layout.text.chars import PUNCTUATION, CharClass, classify

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "bench") not in sys.path:  # the tool is the package bench/typocheck
    sys.path.insert(0, str(ROOT / "bench"))

import typocheck  # noqa: E402
from typocheck.lines import body_lines, line_infos, make_blocks  # noqa: E402

FONT_FILE = ROOT / "fonts" / "NotoSerifSC-Regular.ttf"
FONT = "TypocheckSerif"
EM = 9.0
LEFT = 50.0
MEASURE = 13  # em
PITCH = 14.0


# --------------------------------------------------------------------------- drawing


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    return FONT


def advances(spec: str, full: bool, indent: float = 0.0) -> list[tuple[str, float]]:
    """``spec`` as (character, advance in em): a Han character or full-width mark advances
    1 em, a Latin letter, digit or space its own width; ``[w]`` after a character sets its
    advance to w em, ``{g}`` adds g em after it. A ``full`` line is then spread evenly to the
    measure (the spacing justification adds)."""
    row: list[list] = []
    i = 0
    while i < len(spec):
        ch = spec[i]
        if ch in "[{":
            close = spec.index("]" if ch == "[" else "}", i)
            value = float(spec[i + 1 : close])
            row[-1][1] = value if ch == "[" else row[-1][1] + value
            i = close + 1
            continue
        row.append([ch, _width(ch) if ch.isascii() else 1.0])
        i += 1
    extra = spread(row, full, indent)
    return [(c, a + extra) for c, a in row[:-1]] + [(row[-1][0], row[-1][1])]


def spread(row: Sequence[Sequence], full: bool, indent: float) -> float:
    """The space a full line adds between its characters to reach the measure, in em (a
    line-end mark is set in ½ em: its ink is in the left half)."""
    if not full:
        return 0.0
    last, advance = row[-1]
    if classify(last) in (CharClass.PAUSE, CharClass.STOP, CharClass.CLOSING):
        advance = 0.5
    natural = sum(a for _, a in row[:-1]) + advance
    extra = (MEASURE - indent - natural) / (len(row) - 1)
    assert extra >= -1e-9, f"{''.join(c for c, _ in row)!r} is wider than the measure"
    return extra


def _width(ch: str) -> float:
    return pdfmetrics.stringWidth(ch, _font(), EM) / EM


Row = tuple[float, float, list[tuple[str, float]], float]  # x, y, cells, size


def draw(path: Path, rows: Sequence[Row], size: tuple[float, float] = (400, 400)) -> Path:
    """Each character drawn alone at its place, in the order given (the content order)."""
    c = canvas.Canvas(str(path), pagesize=size, pageCompression=0)
    for x, y, row, em in rows:
        for ch, advance in row:
            c.setFont(_font(), em)
            c.drawString(x, y, ch)
            x += advance * em
    c.save()
    return path


def column(x: float, top: float, lines: Sequence[tuple[str, bool, float]]) -> list[Row]:
    """Lines of a column: (spec, full, indent in em) one under the other."""
    rows = []
    for k, (spec, full, indent) in enumerate(lines):
        rows.append((x + indent * EM, top - k * PITCH, advances(spec, full, indent), EM))
    return rows


# --------------------------------------------------------------------------- marks and gaps

# Seven paragraphs in one 13-em column: every figure below is known from these lines.
PAGE_ONE = [
    ("今天上午，我市召开会议", True, 2),  # a lone mark at 1 em
    ("会议指出，[0.5]要坚持，[0.5]稳中求进工", True, 0),  # two squeezed to ½ em
    ("工作总基调，[0.7]统筹发展和安全", True, 0),  # squeezed to an odd 0.7 em; spread
    ("全，推动经济持续向好发展", True, 0),  # spread by 1/11 em: the mark is still 1 em
    ("回升向好。“十五五”规划开", True, 0),  # 。“ adjacent marks; ” lone
    ("局良好，各项工作有序推进。", True, 0),  # a line-end mark in ½ em; spread
    ("完成。", False, 0),
    ("共有{0.25}16{0.25}人", False, 2),  # gaps ¼ em
    ("约{0.5}3{0.5}万人", False, 2),  # gaps ½ em
    ("增长1400%的", False, 2),  # no gap
    ("第一套{0.3333}PTA{0.125}产线", False, 2),  # ⅓ em and ⅛ em
    ("市委书记在讲话中强调要", True, 2),
    ("，进一步做好各项工作，做得", True, 0),  # a prohibited line start
    ("好。", False, 0),  # 孤字
    ("记者从市统计局获悉今年", True, 2),
    ("一季度全市经济开局良", True, 0),  # spread by 1/3 em: loose
    ("好了。", False, 0),
]


@pytest.fixture(scope="module")
def page_one(tmp_path_factory: pytest.TempPathFactory) -> typocheck.Figures:
    path = tmp_path_factory.mktemp("typocheck") / "one.pdf"
    rows = column(LEFT, 350, PAGE_ONE)
    rows.append((LEFT, 370, advances("新闻标题", False), 16.0))  # a headline: not body
    return typocheck.check(draw(path, rows))


def test_body_text_lines_and_paragraphs(page_one: typocheck.Figures) -> None:
    f = page_one
    assert (f.pages, f.body_size, f.lines, f.blocks) == (1, 9.0, len(PAGE_ONE), 1)
    assert f.columns == [(LEFT, LEFT + MEASURE * EM)]
    assert f.paragraph_ends == 7  # the short lines
    assert f.glyphs == f.body_glyphs + 4  # the headline is read, not measured


def test_lone_marks_and_their_widths(page_one: typocheck.Figures) -> None:
    f = page_one
    # 1 + 2 + 1 + 1 + 1 (”) + 1 + 1 (工作，做): 。“ are adjacent, a line's first and last
    # marks are not lone.
    assert f.lone_marks == 8
    assert f.mark_widths == {"1.0": 5, "0.5": 2, "odd": 1, "wide": 0}
    assert f.odd_widths == [0.7]
    assert f.squeezed_lines == 2
    assert f.squeezed_share == round(100 * 2 / len(PAGE_ONE), 1)
    squeezed = [x.detail for x in f.findings if x.kind is typocheck.Kind.SQUEEZED_MARK]
    assert squeezed == ["， at 0.50 em", "， at 0.50 em", "， at 0.70 em"]


def test_han_western_gaps(page_one: typocheck.Figures) -> None:
    f = page_one
    assert f.gaps == 7
    assert f.gap_range == (0.0, 0.5)
    assert f.gap_histogram == {"0": 1, "⅛": 1, "¼": 2, "⅓": 1, "½": 2}
    assert f.gap_half_share == round(100 * 2 / 7, 1)
    assert (f.gaps_above_third, f.gaps_below_eighth) == (2, 1)
    out = sorted(x.detail for x in f.findings if x.kind is typocheck.Kind.GAP)
    assert out == ["3|万 0.50 em", "约|3 0.50 em", "长|1 0.00 em"]


def test_prohibited_starts_orphans_and_spacing(page_one: typocheck.Figures) -> None:
    f = page_one
    assert (f.prohibited_starts, f.prohibited_ends, f.orphans) == (1, 0, 1)
    (start,) = [x for x in f.findings if x.kind is typocheck.Kind.PROHIBITED_START]
    assert start.detail == "，" and start.text.startswith("，进一步")
    (orphan,) = [x for x in f.findings if x.kind is typocheck.Kind.ORPHAN]
    assert orphan.text == "好。"
    # Justified lines that are not a paragraph's last, and what each was spread by.
    spread_by = [
        spread(advances(text, False, indent), full, indent)
        for text, full, indent in PAGE_ONE
        if full
    ]
    assert [round(x, 4) for x in spread_by] == [0, 0, 0.025, 0.0909, 0, 0.0417, 0, 0, 0, 0.3333]
    assert f.justified_lines == 10
    assert f.spacing_mean == pytest.approx(statistics.fmean(spread_by), abs=1e-3)
    assert f.spacing_sd == pytest.approx(statistics.pstdev(spread_by), abs=1e-3)
    assert f.spacing_p95 == pytest.approx(1 / 3, abs=1e-3)
    assert f.loose_lines == 1
    assert (f.overlaps, f.outside_glyphs) == (0, 0)


def test_findings_are_located(page_one: typocheck.Figures) -> None:
    (loose,) = [x for x in page_one.findings if x.kind is typocheck.Kind.LOOSE]
    mm = 25.4 / 72
    assert loose.page == 1
    assert loose.x == pytest.approx(LEFT * mm, abs=0.05)
    assert loose.y == pytest.approx((400 - (350 - 15 * PITCH)) * mm, abs=0.05)
    assert loose.text == "一季度全市经济开局良"


# --------------------------------------------------------------------------- overlaps


def _two_columns(path: Path, overflow: str) -> Path:
    """Two 13-em columns 1 em apart; the third line of the first runs on by ``overflow``
    (one em a character) over the gutter and the second column's third line."""
    left = [
        ("今天上午我市召开会议", True, 2),
        ("会议指出要坚持稳中求进工作", True, 0),
        ("总基调统筹发展和安全推动经" + overflow, False, 0),
        ("济持续回升向好各项工作有序", True, 0),
        ("推进。", False, 0),
    ]
    right = [
        ("会议强调要进一步做好各项工", True, 0),
        ("作确保全年目标任务圆满完成", True, 0),
        ("市委书记在讲话中强调要把握", True, 0),
        ("发展大局抓住关键环节落实落", True, 0),
        ("细AV。", False, 0),
    ]
    rows = column(LEFT, 350, left) + column(LEFT + 14 * EM, 350, right)
    # "AV" kerned by 0.05 em: their ink boxes touch but stay within the tolerance.
    x, y, row, em = rows[-1]
    rows[-1] = (x, y, [row[0], (row[1][0], row[1][1] - 0.05), row[2], row[3]], em)
    return draw(path, rows)


def test_a_line_over_the_next_column(tmp_path: Path) -> None:
    f = typocheck.check(_two_columns(tmp_path / "two.pdf", "一二三四"))
    right = LEFT + 14 * EM
    assert f.columns == [(LEFT, LEFT + 13 * EM), (right, right + 13 * EM)]
    # 一 sits in the gutter; 二三四 are drawn over 市委书 of the next column.
    assert (f.outside_glyphs, f.outside_lines) == (4, 1)
    assert f.overlaps == 3
    pairs = {frozenset(x.text) for x in f.findings if x.kind is typocheck.Kind.OVERLAP}
    assert pairs == {frozenset("二市"), frozenset("三委"), frozenset("四书")}
    (out,) = [x for x in f.findings if x.kind is typocheck.Kind.OUTSIDE]
    assert out.detail.endswith(": 一二三四")


def test_no_overflow_no_findings(tmp_path: Path) -> None:
    f = typocheck.check(_two_columns(tmp_path / "two.pdf", ""))
    assert (f.overlaps, f.outside_glyphs, f.lines, f.blocks) == (0, 0, 10, 2)


def test_columns_given(tmp_path: Path) -> None:
    pdf = _two_columns(tmp_path / "two.pdf", "一二三四")
    right = LEFT + 14 * EM
    given = typocheck.check(pdf, columns=[(LEFT, LEFT + 13 * EM), (right, right + 13 * EM)])
    assert (given.outside_glyphs, given.overlaps) == (4, 3)
    # Columns narrower than the text: every line's end is outside but the two last lines'.
    narrow = typocheck.check(pdf, columns=[(LEFT, LEFT + 10 * EM), (right, right + 10 * EM)])
    assert narrow.outside_lines == 8


@pytest.mark.parametrize(("indent", "ends"), [(2, 2), (0, 1)])
def test_a_paragraph_that_ends_at_the_foot_of_a_column(
    tmp_path: Path, indent: int, ends: int
) -> None:
    """A full last line at a column's foot ends its paragraph when the next column starts
    indented; otherwise the paragraph goes on in the next column."""
    left = [("今天上午我市召开会议了", True, 2), ("会议指出要坚持稳中求进工作", True, 0)]
    right = [
        ("总基调统筹发展和安全推动经济"[: MEASURE - indent], True, indent),
        ("向好。", False, 0),
    ]
    rows = column(LEFT, 350, left) + column(LEFT + 14 * EM, 350, right)
    f = typocheck.check(draw(tmp_path / "foot.pdf", rows))
    assert (f.lines, f.blocks, f.paragraph_ends) == (4, 2, ends)


# --------------------------------------------------------------------------- Western text

WESTERN = [
    ('他说"Step by step', True, 2),  # an opening ASCII quote (the first)
    (",slowly,that's it", True, 0),  # a comma at a line start; an apostrophe
    ('for the data!"他们说"好的', True, 0),
    ('"。他接着又说了一句话"', True, 0),  # a closing quote starts, an opening one ends
    ('谢谢"。', False, 0),
]


def test_western_punctuation_and_ascii_quotes(tmp_path: Path) -> None:
    f = typocheck.check(draw(tmp_path / "western.pdf", column(LEFT, 350, WESTERN)))
    starts = [x.detail for x in f.findings if x.kind is typocheck.Kind.PROHIBITED_START]
    ends = [x.detail for x in f.findings if x.kind is typocheck.Kind.PROHIBITED_END]
    assert starts == [
        ", (Western punctuation, UAX #14 LB13)",
        '" (an ASCII quote, closing by its parity)',
    ]
    assert ends == ['" (an ASCII quote, opening by its parity)']
    texts = [x.text for x in f.findings if x.kind is typocheck.Kind.PROHIBITED_START]
    assert texts[0] == ",slowly,that's it"


# --------------------------------------------------------------------------- the command


def test_command_line_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    pdf = draw(tmp_path / "one.pdf", column(LEFT, 350, PAGE_ONE))
    assert typocheck.main([str(pdf), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["lines"] == len(PAGE_ONE) and doc["orphans"] == 1
    assert {x["kind"] for x in doc["findings"]} >= {"squeezed-mark", "orphan", "loose"}
    assert typocheck.main([str(pdf), "--columns", f"{LEFT},{LEFT + 117}"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"lines with a lone mark < 1 em +11\.8 % \(2\)", text)
    assert "findings (at most 10 of each kind)" in text


def test_command_line_errors(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    bad = tmp_path / "not.pdf"
    bad.write_text("not a PDF")
    assert typocheck.main([str(bad)]) == 2
    assert capsys.readouterr().err.startswith(f"typocheck: {bad}: cannot read the PDF")
    empty = tmp_path / "empty.pdf"
    blank = canvas.Canvas(str(empty))
    blank.showPage()
    blank.save()
    assert typocheck.main([str(empty)]) == 2
    assert "the PDF has no text" in capsys.readouterr().err
    vertical = [
        (LEFT + 20 * k, 350 - EM * i, [(ch, 1.0)], EM)
        for k in range(3)
        for i, ch in enumerate("竖排的文字")
    ]
    assert typocheck.main([str(draw(tmp_path / "vertical.pdf", vertical))]) == 2
    assert "the body text is set vertically" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        typocheck.main([str(empty), "--columns", "10,5"])
    assert exit_.value.code == 2
    assert "expected X0 < X1" in capsys.readouterr().err


# --------------------------------------------------------------------------- banmian's pages

SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
# Paragraph 1 is set at its natural width: lines of exactly 11 (indented) and 13 characters,
# the marks mid-line. Paragraphs 2 and 3 are justified with numbers in them.
EXACT = [
    "今天上午，我市召开会议",
    "会议指出要坚持，稳中求进工",
    "作总、基调统筹发展。和安全",
    "推动经济持续回；升向好各项",
    "工作有序推进。",
]
COPY = [
    "".join(EXACT),
    "今年一季度，全市实现外贸进出口总额182.7亿元，同比增长6.4%。其中，出口131.2亿元，"
    "增长7.9%；进口51.5亿元，增长2.8%，对欧盟进出口增长4.1%。",
    "共有16人参加会议，约3万人次观看了直播。",
]


def _banmian_page(tmp_path: Path) -> tuple[Path, Path]:
    article = tmp_path / "copy.yaml"
    article.write_text(
        yaml.safe_dump({"id": "copy", "headline": "测试", "body": COPY}, allow_unicode=True),
        encoding="utf-8",
    )
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["articles"] = [str(article)]
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    doc["boxes"] = [
        {
            "id": "story",
            "kind": "article",
            "article": "copy",
            "at": {"column": 2, "span": 2, "line": 1, "lines": 11},
            "headline": {"lines": 4},
            # Balanced, the paragraphs are set as written (none drawn out to fill the foot):
            # the engine's lines can be set again here and compared.
            "fill": "balance",
        }
    ]
    spec = tmp_path / "page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec, tmp_path / "page.pdf"


def _lone(line, k: int) -> bool:  # noqa: ANN001 - a layout.text.finalize.Line
    """Whether run ``k`` of an engine line is a lone mark mid-line (typocheck's definition)."""
    runs = line.glyphs
    if not 0 < k < len(runs) - 1 or len(runs[k].text) != 1:
        return False
    before, after = runs[k - 1].text[-1], runs[k + 1].text[0]
    return (
        classify(runs[k].text) in typocheck.measures.LONE_MARK_CLASSES
        and classify(before) not in PUNCTUATION
        and classify(after) not in PUNCTUATION
        and before not in "\"'"
        and after not in "\"'"
    )


def test_a_banmian_page_read_as_the_engine_set_it(tmp_path: Path) -> None:
    """The tool's lines, columns, paragraph ends, spacing, mark widths and Han–Western gaps
    are the engine's own: from the page's placed lines and the paragraphs set again."""
    spec_path, pdf = _banmian_page(tmp_path)
    result = build(spec_path, pdf, pdfx=False)
    assert result.problems == ()
    (box,) = result.page.boxes
    placed = box.lines
    assert {p.column for p in placed} == {0, 1}  # both columns are used

    # The engine's lines again, with their glyph runs.
    spec = result.spec
    style = spec.styles["body"]
    setter = Setter(fonts_for(spec), spec.styles)
    em = style.size
    engine = [line for text in COPY for line in setter.set(text, style, box.columns[0].width).lines]
    assert [line.text for line in engine] == [p.text for p in placed]
    assert [line.text for line in engine[:5]] == EXACT  # paragraph 1 at its natural width

    pages = typocheck.read_pdf(pdf)
    infos = line_infos(make_blocks(body_lines(pages, em)))
    bleed = result.page.bleed
    assert ["".join(i.line.text.split()) for i in infos] == [p.text for p in placed]
    for info, p in zip(infos, placed, strict=True):
        assert info.line.y == pytest.approx(pages[0].height - bleed - p.baseline, abs=0.01)
        assert info.last == p.last, p.text
        if info.justified and not info.last:
            assert info.spacing * em == pytest.approx(p.spacing, abs=0.01), p.text
    figures = typocheck.check(pdf)
    assert figures.columns == [
        (round(c.x + bleed, 1), round(c.right + bleed, 1)) for c in box.columns
    ]
    assert (figures.overlaps, figures.outside_glyphs, figures.orphans) == (0, 0, 0)
    assert (figures.prohibited_starts, figures.prohibited_ends) == (0, 0)

    marks = [
        (runs.glyphs[k + 1].inline - runs.glyphs[k].inline - runs.spacing) / em
        for runs in engine
        for k in range(len(runs.glyphs))
        if _lone(runs, k)
    ]
    measured = [m.width for m in typocheck.measures.lone_marks(infos)]
    assert len(marks) >= 8
    assert measured == pytest.approx(marks, abs=0.005)
    assert all(abs(w - 1) < 1e-6 for w in marks[:5])  # paragraph 1: nothing squeezed

    gaps = []
    for line in engine:
        for a, b in zip(line.glyphs, line.glyphs[1:], strict=False):
            pair = (classify(a.text[-1]), classify(b.text[0]))
            if (
                pair[0] is CharClass.HAN
                and pair[1] in (CharClass.LATIN, CharClass.DIGIT)
                or (pair[1] is CharClass.HAN and pair[0] in (CharClass.LATIN, CharClass.DIGIT))
            ):
                gaps.append((b.inline - a.inline - a.advance) / em)
    measured = [g.width for g in typocheck.measures.han_western_gaps(infos)]
    assert len(gaps) >= 10
    assert measured == pytest.approx(gaps, abs=0.005)
