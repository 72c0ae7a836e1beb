"""The front-page furniture in the page spec (``layout.spec.furniture``): the page header on
by page, the masthead's logotype (type, SVG, picture) and its colour for the press, the facts
of the masthead and the ear printed once a page, and the CN number's form — each fault one
positioned error."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from layout.errors import SpecError, SpecErrors
from layout.page import Color
from layout.spec import load_spec
from layout.spec.model import Fact, LogotypeKind, PageSpec

REPO = Path(__file__).resolve().parents[1]
RED = "spot(PANTONE 485 C, 0, 95, 100, 0)"

HEAD = f"""\
edition:
  title: 今日平湖
  date: 2025-04-30
  issue: 第7188期
  publisher: 中共平湖市委机关报
  editor: 责任编辑 沈佳
page:
  number: 1
  name: 要闻
  trim: {{width: 390mm, height: 545mm}}
  margins: {{top: 18mm}}
grid: {{columns: 8, column_width: 13字, gutter: 1字, lines: 40}}
fonts: {REPO / "fonts" / "manifest.yaml"}
styles:
  body: {{font: song, size: 小五, leading: 14pt}}
  kicker: {{font: hei, size: 四号}}
  headline: {{font: song-heavy, size: 一号}}
  subhead: {{font: hei, size: 小四}}
  byline: {{font: kai, size: 五号}}
  intertitle: {{font: hei, size: 五号}}
  caption: {{font: kai, size: 五号}}
  credit: {{font: kai, size: 小五}}
  jump: {{font: hei, size: 小五}}
  masthead: {{font: song-heavy, size: 96pt, leading: 1em}}
  header: {{font: hei-regular, size: 小五, leading: 14pt}}
  figure: {{font: hei, size: 六号}}
  ear-date: {{font: hei, size: 小三, align: center}}
"""
MASTHEAD = "  - {id: masthead, kind: masthead, at: {column: 1, span: 5, line: 1, lines: 10}"
EAR = "  - {id: ear, kind: ear, at: {column: 6, span: 3, line: 1, lines: 10}"


def write(tmp_path: Path, boxes: str, head: str = HEAD) -> Path:
    path = tmp_path / "page.yaml"
    path.write_text(f"{head}boxes:\n{boxes}", encoding="utf-8")
    return path


def load(tmp_path: Path, boxes: str, head: str = HEAD) -> PageSpec:
    return load_spec(write(tmp_path, boxes, head))


def errors(tmp_path: Path, boxes: str, head: str = HEAD) -> list[SpecError]:
    with pytest.raises(SpecErrors) as caught:
        load(tmp_path, boxes, head)
    return caught.value.errors


def one_error(tmp_path: Path, boxes: str, head: str = HEAD) -> SpecError:
    found = errors(tmp_path, boxes, head)
    assert len(found) == 1, [str(e) for e in found]
    assert found[0].pos is not None and found[0].pos.line > 0
    return found[0]


def facts(spec: PageSpec, box: str) -> list[Fact]:
    furniture = spec.box(box).furniture
    assert furniture is not None
    return [line.fact for line in furniture.facts]


# --------------------------------------------------------------------------- the page header


def test_the_page_header_is_off_on_page_1_and_on_elsewhere(tmp_path: Path) -> None:
    assert load(tmp_path, MASTHEAD + "}\n").header.show is False
    page_2 = HEAD.replace("number: 1", "number: 2")
    assert load(tmp_path, MASTHEAD + "}\n", page_2).header.show is True
    asked = HEAD + "header: {show: true}\n"
    assert load(tmp_path, MASTHEAD + "}\n", asked).header.show is True
    off = page_2 + "header: {show: false}\n"
    assert load(tmp_path, MASTHEAD + "}\n", off).header.show is False


def test_a_page_header_box_asks_for_the_header(tmp_path: Path) -> None:
    box = "  - {id: top, kind: page-header, at: {column: 1, span: 8, line: 11, lines: 1}}\n"
    assert load(tmp_path, MASTHEAD + "}\n" + box).header.show is True
    error = one_error(tmp_path, MASTHEAD + "}\n" + box, HEAD + "header: {show: false}\n")
    assert error.key_path == "header.show"
    assert "page-header box" in error.message


def test_a_page_has_one_masthead(tmp_path: Path) -> None:
    second = "  - {id: again, kind: masthead, at: {column: 1, span: 5, line: 11, lines: 10}}\n"
    error = one_error(tmp_path, MASTHEAD + "}\n" + second)
    assert error.key_path == "boxes[1].kind"
    assert error.message == "a page has one masthead box (also 'masthead')"


# --------------------------------------------------------------------------- facts


def test_the_masthead_prints_every_fact_no_other_box_lists(tmp_path: Path) -> None:
    # page 1: no page header, so the masthead takes the editor too
    spec = load(tmp_path, MASTHEAD + "}\n" + EAR + "}\n")
    assert facts(spec, "ear") == [Fact.DATE, Fact.ISSUE]  # an ear's default
    assert facts(spec, "masthead") == [Fact.PUBLISHER, Fact.EDITOR]
    # page 2 prints its header, which carries the editor
    page_2 = HEAD.replace("number: 1", "number: 2")
    spec = load(tmp_path, MASTHEAD + "}\n" + EAR + "}\n", page_2)
    assert facts(spec, "masthead") == [Fact.PUBLISHER]
    # without an ear the masthead has them all; cn only when the edition gives it
    assert facts(load(tmp_path, MASTHEAD + "}\n"), "masthead") == [
        Fact.PUBLISHER,
        Fact.DATE,
        Fact.ISSUE,
        Fact.EDITOR,
    ]
    with_cn = HEAD.replace("  issue: 第7188期\n", "  issue: 第7188期\n  cn: CN 33-0032\n")
    assert Fact.CN in facts(load(tmp_path, MASTHEAD + "}\n", with_cn), "masthead")


def test_listed_facts_keep_their_order_and_styles(tmp_path: Path) -> None:
    ear = EAR + ", facts: [issue, {fact: date, style: ear-date}], text: [今日8版]}\n"
    spec = load(tmp_path, MASTHEAD + ", facts: []}\n" + ear)
    furniture = spec.box("ear").furniture
    assert furniture is not None
    assert [(f.fact, f.style) for f in furniture.facts] == [
        (Fact.ISSUE, "header"),
        (Fact.DATE, "ear-date"),
    ]
    assert furniture.text == ("今日8版",)
    assert facts(spec, "masthead") == []  # an empty list is what it says


def test_a_fact_is_printed_once_a_page(tmp_path: Path) -> None:
    error = one_error(tmp_path, MASTHEAD + ", facts: [date]}\n" + EAR + ", facts: [issue, date]}\n")
    assert error.key_path == "boxes[1].facts[1]"
    assert error.message == "date is printed already by box 'masthead': once a page"


def test_a_fact_the_edition_does_not_give_is_an_error(tmp_path: Path) -> None:
    error = one_error(tmp_path, MASTHEAD + "}\n" + EAR + ", facts: [date, cn]}\n")
    assert error.key_path == "boxes[1].facts[1]"
    assert error.message == "cn: the edition gives none (edition.cn)"


def test_unknown_facts_styles_and_misplaced_keys(tmp_path: Path) -> None:
    error = one_error(tmp_path, MASTHEAD + ", facts: [weather]}\n")
    assert error.key_path == "boxes[0].facts[0]"
    assert "date, issue, cn, postal, publisher, editor" in error.message
    error = one_error(tmp_path, MASTHEAD + ", style: heder}\n")
    assert (error.key_path, error.message) == (
        "boxes[0].style",
        "unknown style 'heder' (did you mean 'header'?)",
    )
    story = "  - {id: s, kind: rule, at: {column: 1, span: 8, line: 12, lines: 0}, facts: [date]}\n"
    error = one_error(tmp_path, MASTHEAD + "}\n" + story)
    assert error.key_path == "boxes[1].facts"
    assert "does not apply to kind 'rule' (only to masthead, ear)" in error.message


@pytest.mark.parametrize(
    ("written", "resolved"),
    [
        ("CN 33-0032", "CN 33-0032"),
        ("33-0032", "CN 33-0032"),
        ("cn33－0032", "CN 33-0032"),
        ("CN 11-1234/g", "CN 11-1234/G"),
    ],
)
def test_cn_numbers_are_read_in_their_usual_forms(
    tmp_path: Path, written: str, resolved: str
) -> None:
    head = HEAD.replace("  issue: 第7188期\n", f"  issue: 第7188期\n  cn: '{written}'\n")
    assert load(tmp_path, MASTHEAD + "}\n", head).edition.cn == resolved


def test_a_cn_number_of_another_form_is_an_error(tmp_path: Path) -> None:
    head = HEAD.replace("  issue: 第7188期\n", "  issue: 第7188期\n  cn: CN 333-32\n")
    error = one_error(tmp_path, MASTHEAD + "}\n", head)
    assert error.key_path == "edition.cn"
    assert error.message.startswith("expected a CN number such as CN 33-0032")


# --------------------------------------------------------------------------- the logotype


def test_a_type_logotype_in_a_spot_red(tmp_path: Path) -> None:
    spec = load(tmp_path, MASTHEAD + f", logotype: {{style: masthead, color: '{RED}'}}}}\n")
    furniture = spec.box("masthead").furniture
    assert furniture is not None and furniture.logotype is not None
    logotype = furniture.logotype
    assert logotype.kind is LogotypeKind.TEXT and logotype.style == "masthead"
    assert logotype.color == Color(0.0, 0.95, 1.0, 0.0, spot="PANTONE 485 C")
    default = load(tmp_path, MASTHEAD + "}\n").box("masthead").furniture
    assert default is not None and default.logotype is not None
    assert (default.logotype.style, default.logotype.color) == ("masthead", None)


def test_an_rgb_logotype_colour_follows_press_rgb(tmp_path: Path) -> None:
    boxes = MASTHEAD + ", logotype: {color: '#cc0000'}}\n"
    error = one_error(tmp_path, boxes)
    assert error.key_path == "boxes[0].logotype.color"
    assert "RGB colour #cc0000 is not for the press" in error.message
    assert "press.rgb: convert" in error.message
    converted = load(tmp_path, boxes, HEAD + "press: {rgb: convert}\n").box("masthead")
    assert converted.furniture is not None and converted.furniture.logotype is not None
    colour = converted.furniture.logotype.color
    assert colour is not None and colour.m > 0.8 and colour.spot is None


def test_a_logotype_names_a_style_or_an_image_not_both(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10">'
        '<rect width="40" height="10"/></svg>',
        encoding="utf-8",
    )
    error = one_error(tmp_path, MASTHEAD + ", logotype: {style: masthead, image: logo.svg}}\n")
    assert error.key_path == "boxes[0].logotype.image"
    assert error.message == "give either 'style' or 'image', not both"
    error = one_error(tmp_path, MASTHEAD + ", logotype: {style: mastehad}}\n")
    assert error.message == "unknown style 'mastehad' (did you mean 'masthead'?)"


def test_svg_and_picture_logotypes(tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="10">'
        '<rect width="40" height="10" fill="#c00"/></svg>',
        encoding="utf-8",
    )
    Image.new("RGBA", (800, 200), (200, 0, 0, 255)).save(tmp_path / "logo.png")
    spec = load(tmp_path, MASTHEAD + f", logotype: {{image: logo.svg, color: '{RED}'}}}}\n")
    furniture = spec.box("masthead").furniture
    assert furniture is not None and furniture.logotype is not None
    assert furniture.logotype.kind is LogotypeKind.VECTOR
    assert furniture.logotype.image == tmp_path / "logo.svg"
    spec = load(tmp_path, MASTHEAD + ", logotype: {image: logo.png}}\n")
    furniture = spec.box("masthead").furniture
    assert furniture is not None and furniture.logotype is not None
    assert furniture.logotype.kind is LogotypeKind.RASTER
    error = one_error(tmp_path, MASTHEAD + f", logotype: {{image: logo.png, color: '{RED}'}}}}\n")
    assert error.key_path == "boxes[0].logotype.color"
    assert error.message.startswith("a picture prints in its own colours")


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("gone.svg", None, "logotype file '{path}' does not exist"),
        ("cut.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><rect', "is damaged XML"),
        (
            "text.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><text>A</text></svg>',
            "has text: convert it to outlines",
        ),
        ("cut.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image file"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", "is a damaged PDF"),
    ],
    ids=["missing", "damaged svg", "svg text", "damaged png", "damaged pdf"],
)
def test_a_bad_logotype_file_is_a_positioned_error(
    tmp_path: Path, name: str, content: bytes | None, says: str
) -> None:
    if content is not None:
        (tmp_path / name).write_bytes(content)
    text = MASTHEAD + f", logotype: {{image: {name}}}}}\n"
    error = one_error(tmp_path, text)
    assert error.key_path == "boxes[0].logotype.image"
    assert error.pos is not None
    assert error.pos.line == HEAD.count("\n") + 2  # the box's line, after 'boxes:'
    assert says.format(path=tmp_path / name) in error.message


# --------------------------------------------------------------------------- copy cut at ' #'

EAR_LINES = "  - id: ear\n    kind: ear\n    at: {column: 6, span: 3, line: 1, lines: 10}\n"


@pytest.mark.parametrize(
    ("old", "new", "path"),
    [
        ("  title: 今日平湖\n", "  title: 今日平湖 #报头\n", "edition.title"),
        ("  issue: 第7188期\n", "  issue: 第7188期 #期号\n", "edition.issue"),
        ("  publisher: 中共平湖市委机关报\n", "  publisher: 中共平湖市委#机关报\n", None),
        (
            "  publisher: 中共平湖市委机关报\n",
            "  publisher: 中共 #平湖市委机关报\n",
            "edition.publisher",
        ),
        ("  editor: 责任编辑 沈佳\n", "  editor: 责任编辑 #沈佳\n", "edition.editor"),
        ("  name: 要闻\n", "  name: 要闻 #头版\n", "page.name"),
        ("grid:", "jumps:\n  out: （下转{page}版） #转\ngrid:", "jumps.out"),
    ],
)
def test_a_fact_or_name_cut_at_a_hashtag_is_an_error(
    tmp_path: Path, old: str, new: str, path: str | None
) -> None:
    """`` #`` and a word: YAML reads the rest of the line as a comment, so the masthead or
    the page header would print the text cut short; ``#`` inside a word is text."""
    assert HEAD.count(old) == 1
    head = HEAD.replace(old, new)
    if path is None:
        assert load(tmp_path, MASTHEAD + "}\n", head).edition.publisher == "中共平湖市委#机关报"
        return
    error = one_error(tmp_path, MASTHEAD + "}\n", head)
    line = head[: head.index(new)].count("\n") + new.count("\n")
    assert (error.key_path, error.pos.line) == (path, line)
    assert error.pos.column == new.split("\n")[-2].index(" #") + 2
    assert error.message.startswith("the text after ' #' is read as a YAML comment")
    assert "in quotes" in error.message and "＃" in error.message


def test_a_free_line_of_an_ear_cut_at_a_hashtag_is_an_error(tmp_path: Path) -> None:
    boxes = EAR_LINES + "    text:\n    - 今日8版\n    - 晴 18～26℃ #天气\n"
    error = one_error(tmp_path, boxes)
    assert error.key_path == "boxes[0].text[1]"
    assert (error.pos.line, error.pos.column) == (HEAD.count("\n") + 7, 16)
    assert "'#天气'" in error.message


def test_comments_written_as_comments_beside_copy_are_allowed(tmp_path: Path) -> None:
    """``# `` and a space is a note as YAML means it; after a value that is not copy (a
    box id, a size), ``#`` and a word is one too."""
    head = HEAD.replace("  name: 要闻\n", "  name: 要闻  # 头版\n").replace(
        "  title: 今日平湖\n", "  title: 今日平湖 # 报头\n"
    )
    head = head.replace("lines: 40}}\n", "lines: 40}}  #对开\n")
    boxes = EAR_LINES.replace("    kind: ear\n", "    kind: ear  #报眼\n")
    boxes += "    text:\n    - 今日8版  # 版数\n    - '#城南图书角# 话题'\n"
    spec = load(tmp_path, boxes, head)
    assert (spec.edition.title, spec.page.name) == ("今日平湖", "要闻")
    furniture = spec.box("ear").furniture
    assert furniture is not None and furniture.text == ("今日8版", "#城南图书角# 话题")
