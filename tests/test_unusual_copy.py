"""Valid but unusual copy through the real fonts and whole page builds (issue 9): runs of
spaces, tabs, NBSP + space, hard wraps, a BOM, control and format characters and variation
selectors build, set by the stated rules of ``layout.text.clean``; what is removed is
reported with its box, article, paragraph and line, and marked on the proof."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
import yaml

from layout.cli import main
from layout.compose.page import compose_page
from layout.fonts import library
from layout.report import ProblemKind
from layout.spec import load_spec
from layout.text.clean import RemovalReason
from layout.text.options import BreakMode
from layout.text.paragraph import set_paragraph
from layout.text.prepare import ParagraphStyle

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "fixtures" / "proof" / "small.yaml"
SIZE = 9.0

# Written with YAML escapes, as an editor's tool writes them.
ARTICLE = r"""id: odd
headline: "平湖  经济\u200d发展"
dateline: 本报讯
body:
- "春潮涌动，  活力勃发。平湖今年经济\t\t稳中有进，GDP\u00a0 增长。"
- "\ufeff\u3000\u3000第二段从记者的缩进开始，\r\n这里有一个硬换行和一个控制字符\x07。"
- "第三段有一个变体选择符：平\ufe00湖，和一个零宽连接符\u200d，都应报告。"
"""


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("春潮涌动，  活力勃发。", "春潮涌动，活力勃发。"),
        ("平湖\t\t经济", "平湖 经济"),
        ("GDP\u00a0 增长", "GDP 增长"),
        ("平湖\u00a0\u00a0经济", "平湖\u00a0经济"),
    ],
)
@pytest.mark.parametrize("mode", list(BreakMode))
def test_double_spaces_set_with_the_real_fonts(raw: str, expected: str, mode: BreakMode) -> None:
    # The crash of issue 9: ChainMetrics looked up a run of two spaces as one character.
    metrics = library().metrics("song")
    par = set_paragraph(raw, ParagraphStyle(SIZE), 13 * SIZE, metrics, mode=mode)
    assert par.text == expected
    assert "".join(line.text for line in par.lines) == expected.replace(" ", "").replace(
        "\u00a0", ""
    )
    assert not par.missing and not par.removed


def _page(tmp_path: Path) -> Path:
    article = tmp_path / "odd.yaml"
    article.write_text(ARTICLE, encoding="utf-8")
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["articles"] = [str(article)]
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    doc["boxes"][0].update(id="story", article="odd")
    spec = tmp_path / "odd-page.yaml"
    spec.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return spec


def _page_text(pdf: Path) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        page = doc[0]
        text = page.get_textpage().get_text_range()
        page.close()
        return text
    finally:
        doc.close()


def test_unusual_copy_builds_and_what_is_removed_is_reported(capsys, tmp_path: Path) -> None:
    spec = _page(tmp_path)
    pdf = tmp_path / "odd.pdf"
    code = main(["build", str(spec), "-o", str(pdf), "--no-pdfx"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "Traceback" not in err
    removed = [line for line in err.splitlines() if "removed-character" in line]
    fmt = "an invisible format character; the engine does no shaping or bidi, so it cannot "
    fmt += "honour it"
    where = "warning: removed-character: box story, article odd"
    # a paragraph's problem names the line of the record its text is on (body: lines 5–7)
    second, third = (
        f"paragraph 2 ({tmp_path / 'odd.yaml'}:6)",
        f"paragraph 3 ({tmp_path / 'odd.yaml'}:7)",
    )
    assert removed == [
        # in the head: named so, at the headline's line in the record
        f"{where} ({tmp_path / 'odd.yaml'}:2): 主题: removed U+200D ZERO WIDTH JOINER: {fmt}",
        f"{where}, {second}: removed U+FEFF ZERO WIDTH NO-BREAK SPACE: {fmt}",
        f"{where}, {second}: removed U+0007: a control character, not text",
        f"{where}, {third}: removed U+FE00 VARIATION SELECTOR-1: a variation selector; "
        "the fonts' variation sequences (cmap format 14) are not read, so the character "
        "before it is set in its default form",
        f"{where}, {third}: removed U+200D ZERO WIDTH JOINER: {fmt}",
    ]
    # Nothing else is wrong with this copy: no missing glyph, no rule broken.
    assert [line for line in err.splitlines() if line.startswith("error")] == []
    text = "".join(_page_text(pdf).split())
    assert "平湖经济发展" in text
    assert "本报讯春潮涌动，活力勃发。平湖今年经济稳中有进，GDP增长。" in text
    assert "第二段从记者的缩进开始，这里有一个硬换行和一个控制字符。" in text


def test_proof_marks_removed_characters_at_their_line(capsys, tmp_path: Path) -> None:
    spec = _page(tmp_path)
    code = main(["proof", str(spec), "-o", str(tmp_path / "proof.pdf"), "--json"])
    out = capsys.readouterr().out
    assert code == 0
    report = json.loads(out)
    found = [p for p in report["problems"] if p["kind"] == "removed-character"]
    assert [(p["paragraph"], p["details"]["code_point"]) for p in found] == [
        (None, "U+200D"),
        (2, "U+FEFF"),
        (2, "U+0007"),
        (3, "U+FE00"),
        (3, "U+200D"),
    ]
    selector = found[3]
    assert selector["severity"] == "warning"
    assert selector["details"] == {
        "char": "\\ufe00",  # escaped: removed characters are invisible
        "code_point": "U+FE00",
        "index": 13,  # in the paragraph as written
        "reason": RemovalReason.VARIATION_SELECTOR.value,
        "line": 2,  # 11 characters after the 2-em indent on the first line of 13
    }
    # body paragraphs are located on their line of the page; the headline on its box
    assert all(p["where"] is not None for p in found[1:])
    first, second = found[1]["where"], found[2]["where"]
    assert second["y"] > first["y"]  # the control character stood on a later line than the BOM
    # and each names the line of its paragraph in the record; the headline its own
    assert [p["line"] for p in found] == [2, 6, 6, 7, 7]
    assert all(p["file"] == str(tmp_path / "odd.yaml") for p in found)


def test_breaks_no_keyboard_types_are_reported_and_a_paragraph_separator_parts(
    tmp_path: Path,
) -> None:
    # The probe's copy: VT, FF, NEL and LS vanished between Han with no report; PS did not
    # start a paragraph.
    article = tmp_path / "odd.yaml"
    article.write_text(
        'id: odd\nheadline: 标题\nbody:\n- "垂直\\x0b制表，换页\\x0c在这里，下一行\\x85在这里，'
        '行分隔\\u2028在这里，段分隔\\u2029在这里。"\n',
        encoding="utf-8",
    )
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["articles"] = [str(article)]
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    doc["boxes"][0].update(id="story", article="odd")
    spec_path = tmp_path / "odd-page.yaml"
    spec_path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    spec = load_spec(spec_path)
    page = compose_page(spec, library(spec.fonts_manifest))
    removed = [p for p in page.problems if p.kind is ProblemKind.REMOVED_CHARACTER]
    assert [(p.details.code_point, p.details.reason, p.paragraph) for p in removed] == [
        ("U+000B", RemovalReason.LINE_BREAK, 1),
        ("U+000C", RemovalReason.LINE_BREAK, 1),
        ("U+0085", RemovalReason.LINE_BREAK, 1),
        ("U+2028", RemovalReason.LINE_BREAK, 1),
    ]
    assert all(p.details.line is not None and p.where is not None for p in removed)
    # PS parted the item: its second paragraph starts a line of its own, indented
    lines = [line.text for box in page.boxes if box.id == "story" for line in box.lines]
    assert lines[-2].endswith("段分隔") and lines[-1] == "在这里。"


def test_masthead_and_page_header_report_their_problems(tmp_path: Path) -> None:
    # The furniture is set like any text: what its copy loses is reported too.
    doc = yaml.safe_load(SMALL.read_text(encoding="utf-8"))
    doc["articles"] = [str((SMALL.parent / a).resolve()) for a in doc["articles"]]
    doc["fonts"] = str((SMALL.parent / doc["fonts"]).resolve())
    doc["edition"].update(title="今日\u200d平湖", editor="责任编辑\ufeff 张三")
    doc["boxes"][0]["at"].update(line=9, lines=16)
    doc["boxes"].append(
        {
            "id": "masthead",
            "kind": "masthead",
            "at": {"column": 1, "span": 4, "line": 1, "lines": 8},
        }
    )
    spec_path = tmp_path / "furniture.yaml"
    spec_path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    spec = load_spec(spec_path)
    page = compose_page(spec, library(spec.fonts_manifest))
    removed = [p for p in page.problems if p.kind is ProblemKind.REMOVED_CHARACTER]
    assert [(p.box, p.details.code_point) for p in removed] == [
        ("page-header", "U+FEFF"),  # the generated 眉头, named like a box
        ("masthead", "U+200D"),
    ]


PASTED = """id: odd
headline: 指标
body:
- 全市主要指标如下：
- |
  项目\t2024年\t2025年\t增长
  营业收入\t1200万元\t1350万元\t12.5%
  利润\t300万元\t360万元\t20%
- 中国队🇨🇳夺冠，全场欢呼。
"""


def test_a_pasted_table_and_a_flag_print_as_they_stand_and_are_reported(
    capsys, tmp_path: Path
) -> None:
    spec = _page(tmp_path)
    (tmp_path / "odd.yaml").write_text(PASTED, encoding="utf-8")
    pdf = tmp_path / "odd.pdf"
    assert main(["build", str(spec), "-o", str(pdf), "--no-pdfx", "--json"]) == 0
    problems = json.loads(capsys.readouterr().out)["problems"]
    (table,) = [p for p in problems if p["kind"] == "damaged-copy"]
    assert (table["box"], table["article"], table["paragraph"]) == ("story", "odd", 2)
    assert table["severity"] == "warning" and table["details"] == {"line": 1}
    assert "a pasted table? 3 lines of tab-separated cells" in table["message"]
    assert "'项目 | 2024年 | 2025年 | 增长'" in table["message"]
    # The rows printed run together, as the report says.
    assert "增长营业收入" in "".join(_page_text(pdf).split())
    flag = [p for p in problems if p["paragraph"] == 3]
    if library().metrics("song").glyph("\U0001f1e8").face is None:
        # No face has the regional indicators (HanaMinA not installed): missing glyphs.
        assert {p["kind"] for p in flag} == {"missing-glyph"}
    else:
        (emoji,) = flag
        assert emoji["kind"] == "emoji" and emoji["severity"] == "warning"
        assert "the flag '🇨🇳' (region CN) as the boxed letters C N" in emoji["message"]
