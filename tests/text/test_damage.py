"""Damaged copy (layout.text.damage): U+FFFD and HTML residue found, nothing else taken."""

from __future__ import annotations

import pytest

from layout.text.damage import DamageKind, PastedTable, damaged, pasted_table

REPLACEMENT, REFERENCE, TAG = DamageKind.REPLACEMENT, DamageKind.REFERENCE, DamageKind.TAG


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("他说&ldquo;好&rdquo;", [(REFERENCE, "&ldquo;"), (REFERENCE, "&rdquo;")]),
        ("记者&nbsp;林言 &amp; 王强", [(REFERENCE, "&nbsp;"), (REFERENCE, "&amp;")]),
        ("&#8220;好&#x201D;", [(REFERENCE, "&#8220;"), (REFERENCE, "&#x201D;")]),
        ("第一段<br/>第二段<p>好</p>", [(TAG, "<br/>"), (TAG, "<p>"), (TAG, "</p>")]),
        ('<span class="x">好</span>', [(TAG, '<span class="x">'), (TAG, "</span>")]),
        ("<!-- 编辑注 -->正文", [(TAG, "<!-- 编辑注 -->")]),
        ("乱码\ufffd了", [(REPLACEMENT, "\ufffd")]),
    ],
)
def test_damage_is_found_in_order(text: str, found: list[tuple[DamageKind, str]]) -> None:
    assert [(d.kind, d.text) for d in damaged(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "AT&T;和R&D;的合作",  # no reference HTML defines
        "a<b，x<y>z，读<红楼梦>",  # a comparison, no element's name
        "Tom & Jerry，3<5",
        "今天，记者来到现场。",
    ],
)
def test_text_that_only_looks_like_markup_is_not_damage(text: str) -> None:
    assert damaged(text) == []


def test_each_place_shows_its_context_and_what_it_is() -> None:
    (d,) = damaged("记者今天\ufffd来到现场")
    assert d.index == 4 and d.context == "者今天\ufffd来到现"
    assert "encoding error" in d.explanation and d.kind is REPLACEMENT


def test_rows_of_tab_separated_cells_are_a_pasted_table() -> None:
    raw = (
        "全市主要指标如下：\n项目\t2024年\t2025年\n"
        "营业收入\t1200万元\t1350万元\r\n利润\t300万元\t360万元\n"
    )
    table = pasted_table(raw)
    assert table == PastedTable(10, 3, "项目\t2024年\t2025年")
    assert raw[table.start :].startswith("项目")
    assert table.cells == ("项目", "2024年", "2025年")


@pytest.mark.parametrize(
    "raw",
    [
        "项目\t2024年\t2025年",  # one row: a typing slip, not a table
        "项目\t2024年\n营业收入 1200万元",  # one row of cells, one line of text
        "\t第一段缩进\n\t第二段缩进",  # indents typed with a tab: no cell before them
        "第一行\t\n第二行\t",  # tabs at the ends of lines
        "没有制表符的稿子\n第二行",
    ],
)
def test_a_tab_that_separates_no_cells_on_two_lines_is_no_table(raw: str) -> None:
    assert pasted_table(raw) is None


def test_rows_of_cells_aligned_with_spaces_are_a_pasted_table() -> None:
    raw = (
        "代码      名称        收盘      涨跌幅\n"
        "600519    贵州茅台    1688.00   +1.25%\n"
        "000001    平安银行    10.52     −0.80%\n"
        "300750    宁德时代    185.30    -2.15%\n"
    )
    table = pasted_table(raw)
    assert table is not None and table.aligned and table.rows == 4 and table.start == 0
    assert table.cells == ("代码", "名称", "收盘", "涨跌幅")


def test_rows_of_cells_aligned_with_ideographic_spaces_are_a_pasted_table() -> None:
    raw = (
        "积分榜如下：\n名次　队名　　　胜　负　积分\n"
        "1　　南湖队　　12　3　　36\n2　　秀洲队　　10　5　　30"
    )
    table = pasted_table(raw)
    assert table is not None and table.aligned and table.rows == 3
    assert raw[table.start :].startswith("名次")
    assert table.cells == ("名次", "队名", "胜", "负", "积分")


@pytest.mark.parametrize(
    "raw",
    [
        "记者今天  来到现场，\n看到了一片繁忙景象。",  # a double space typed once
        # two rows only: a typing slip as likely as a table
        "甲队  乙队\n三比一  二比二",
        # hard-wrapped prose with a double space here and there: long cells, and too few
        "全市今年一季度实现地区生产总值  一千二百亿元，同比增长百分之六点五，\n"
        "其中第二产业增加值  五百亿元，同比增长百分之七，第三产业增加值\n"
        "六百亿元  同比增长百分之六，经济运行总体平稳",
        # a verse's caesura, one U+3000 between two phrases: no column aligned
        "床前明月光　疑是地上霜\n举头望明月　低头思故乡\n春眠不觉晓　处处闻啼鸟",
        # rows of different numbers of cells
        "一  二\n一  二  三\n一  二  三  四",
    ],
)
def test_copy_with_stray_blanks_is_no_aligned_table(raw: str) -> None:
    assert pasted_table(raw) is None


@pytest.mark.parametrize(
    "text",
    [
        "当 x<a 或 x>b 时，函数单调。",
        "若 a<b 且 b>c，则不能确定。",
        "<Big Fish>",
        "<A Tale of Two Cities>",
    ],
)
def test_a_comparison_or_a_title_in_angle_brackets_is_no_tag(text: str) -> None:
    """A tag's name is followed by nothing or by attributes (name=value): a Chinese word or
    a title's words after it make it none."""
    assert [d for d in damaged(text) if d.kind is DamageKind.TAG] == []


def test_tags_with_attributes_are_tags() -> None:
    text = '<span class="x">字</span><img src=a.jpg alt="图"><br/>'
    assert [d.text for d in damaged(text)] == [
        '<span class="x">',
        "</span>",
        '<img src=a.jpg alt="图">',
        "<br/>",
    ]
