"""Page spec validation: every error carries file:line:column, a key path and a message."""

from __future__ import annotations

import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from layout.errors import EXIT_BAD_INPUT, SpecError, SpecErrors
from layout.geometry import Rect, WritingMode
from layout.spec import BoxKind, load_spec, reference_markdown
from layout.text.options import Align, Normalise
from layout.units import MM

# A face of the repository's fonts: the manifests here name it by its absolute path.
FONT = Path(__file__).resolve().parents[1] / "fonts" / "NotoSansSC-Regular.ttf"

SPEC = """\
edition:
  title: 今日平湖
  date: 2025-04-30
page:
  number: 1
  name: 要闻
  trim: {width: 390mm, height: 545mm}
  margins: {top: 18mm, inside: auto, outside: auto}
grid:
  columns: 8
  column_width: 13字
  gutter: 1字
  lines: 40
articles: articles
fonts: fonts/manifest.yaml
styles:
  body: {font: song, size: 小五, leading: 14pt, indent: 2字, align: justify}
  kicker: {font: hei, size: 四号, leading: 1.4em}
  headline: {font: song, size: 一号, leading: 1.25em, align: center}
  subhead: {font: hei, size: 小四}
  byline: {font: kai, size: 五号}
  intertitle: {font: hei, size: 五号}
  caption: {font: kai, size: 五号}
  credit: {font: kai, size: 小五}
  jump: {font: hei, size: 小五}
  masthead: {font: song, size: 96pt, leading: 1em}
  header: {font: hei, size: 小五}
  figure: {font: hei, size: 六号}
boxes:
  - {id: story, kind: article, article: story, at: {column: 1, span: 5, line: 1, lines: 20}}
  - {id: facts, kind: figures, figures: facts, at: {column: 6, span: 3, line: 1, lines: 10}}
  - {id: pic, kind: photo, article: story, at: {column: 6, span: 3, line: 11, lines: 10}}
"""

STORY = """\
id: story
headline: 樱桃红满枝
body:
  - 本报讯 今年以来……
photos:
  - file: ../images/p.jpg
    caption: 采摘
"""

FACTS = """\
id: facts
kind: figures
title: 一季度数据
unit: 亿元
items:
  - {label: 规上工业增加值, value: 86.5}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "manifest.yaml").write_text(
        f"faces:\n  a: {{file: {FONT}}}\nroles:\n  song: [a]\n  hei: [a]\n  kai: [a]\n",
        encoding="utf-8",
    )
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "story.yaml").write_text(STORY, encoding="utf-8")
    (tmp_path / "articles" / "facts.yaml").write_text(FACTS, encoding="utf-8")
    (tmp_path / "images").mkdir()
    Image.new("RGB", (60, 40), (200, 40, 40)).save(tmp_path / "images" / "p.jpg")
    return tmp_path


def write(project: Path, text: str) -> Path:
    path = project / "page.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def edit(old: str, new: str, text: str = SPEC) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of ``needle``."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def errors(project: Path, text: str) -> list[SpecError]:
    with pytest.raises(SpecErrors) as info:
        load_spec(write(project, text))
    return info.value.errors


def one_error(project: Path, text: str) -> SpecError:
    found = errors(project, text)
    assert len(found) == 1, [str(e) for e in found]
    return found[0]


def assert_at(error: SpecError, line: int, column: int, key_path: str, message: str) -> None:
    assert error.pos is not None
    assert (error.pos.line, error.pos.column) == (line, column), str(error)
    assert error.key_path == key_path, str(error)
    assert error.message == message, str(error)


# --------------------------------------------------------------------------- a valid spec


def test_minimal_spec_loads_with_exact_grid_arithmetic(project):
    spec = load_spec(write(project, SPEC))
    grid, page = spec.grid, spec.page
    assert (grid.columns, grid.column_chars, grid.gutter_chars) == (8, 13.0, 1.0)
    assert (grid.column_width, grid.gutter, grid.line_pitch) == (117.0, 9.0, 14.0)
    # 8 × 13 + 7 = 111 characters of 9 pt
    assert page.type_area.width == 999.0
    assert page.type_area.height == 40 * 14.0
    assert page.type_area.y == pytest.approx(18 * MM)
    assert page.type_area.x == pytest.approx((390 * MM - 999) / 2)  # auto: centred
    assert page.trim_width == pytest.approx(390 * MM)
    assert page.bleed == pytest.approx(3 * MM)
    assert page.writing_mode is WritingMode.HORIZONTAL_TB
    # 长栏 of 3 basic columns = 3 × 13 + 2 = 41 characters = 369 pt
    assert grid.span_width(3) == 369.0
    facts = spec.box("facts")
    assert facts.rect.width == 369.0
    assert facts.rect.x == page.type_area.x + 5 * (117 + 9)
    assert facts.grid_at == (6, 3, 1, 10)
    assert grid.rect(6, 3, 11, 10) == spec.box("pic").rect
    story = spec.box("story")
    assert story.kind is BoxKind.ARTICLE and story.columns == 5
    assert story.rect == Rect(page.type_area.x, page.type_area.y, 5 * 117 + 4 * 9, 20 * 14)
    # 破栏: 5 basic columns (69字) re-divided into 5 equal columns of 13字
    assert [r.width for r in story.column_rects(grid.gutter)] == [117.0] * 5


def test_resolved_styles_and_edition(project):
    spec = load_spec(write(project, SPEC))
    body = spec.styles["body"]
    assert (body.size, body.leading, body.indent, body.align) == (9, 14, 2.0, Align.JUSTIFY)
    assert spec.styles["headline"].leading == 32.5  # 1.25em of 一号 (26 pt)
    assert spec.styles["kicker"].leading == pytest.approx(14 * 1.4)
    assert spec.styles["subhead"].leading == 18  # default 1.5em of 小四
    assert spec.edition.date == datetime.date(2025, 4, 30)
    assert spec.edition.weekday == "星期三"
    assert spec.edition.cn is None and spec.edition.lunar is False
    assert spec.header.show is False  # page 1: the masthead's page has no page header
    assert set(spec.articles) == {"story", "facts"}
    assert spec.fonts_manifest == project / "fonts" / "manifest.yaml"
    assert spec.articles_dir == project / "articles"


def test_rules_may_overlap_and_articles_may_be_a_list(project):
    text = edit("articles: articles", "articles: [articles/story.yaml, articles/facts.yaml]")
    text += "  - {id: r1, kind: rule, at: {column: 1, span: 8, line: 11, lines: 0}}\n"
    text += "  - {id: r2, kind: rule, at: {column: 6, span: 0, line: 1, lines: 20}}\n"
    text += "  - {id: s, kind: shaded, shade: 0.1, at: {column: 1, span: 2, line: 1, lines: 5}}\n"
    spec = load_spec(write(project, text))
    area = spec.page.type_area
    assert spec.box("r1").rect == Rect(area.x, area.y + 10 * 14, 999, 0)
    assert spec.box("r2").rect == Rect(area.x + 5 * 126 - 4.5, area.y, 0, 280)
    assert spec.box("r2").weight == 0.5
    assert spec.articles_dir is None and len(spec.article_files) == 2


# --------------------------------------------------------------------------- errors


def test_malformed_yaml(project):
    text = edit("  lines: 40\n", "  lines: [40\n")
    error = one_error(project, text)
    assert error.pos is not None and error.pos.file == project / "page.yaml"
    assert (error.pos.line, error.pos.column) == (14, 9)
    # libyaml says "did not find expected", PyYAML's pure loader "expected"
    assert error.message.startswith("YAML syntax error: ")
    assert "expected ',' or ']'" in error.message
    assert "started at line 13" in error.message


def test_duplicate_key(project):
    text = edit("  gutter: 1字\n", "  gutter: 1字\n  columns: 6\n")
    error = one_error(project, text)
    assert_at(error, 13, 3, "grid.columns", "duplicate key 'columns' (first at line 10)")


def test_unknown_key_with_suggestion(project):
    text = edit("  columns: 8", "  colums: 8")
    found = errors(project, text)
    assert_at(found[0], 10, 3, "grid.colums", "unknown key 'colums' (did you mean 'columns'?)")
    assert str(found[0]).endswith(
        "page.yaml:10:3: grid.colums: unknown key 'colums' (did you mean 'columns'?)"
    )
    # the suggestion stands in for "missing required key 'columns'"
    assert len(found) == 1


def test_wrong_type(project):
    error = one_error(project, edit("columns: 8", "columns: eight"))
    assert_at(error, 10, 12, "grid.columns", "expected an integer 1–64, got 'eight'")
    assert error.expected == "an integer 1–64"


def test_wrong_length(project):
    error = one_error(project, edit("size: 小四", "size: 2em"))
    line, column = where(SPEC, "小四")
    assert (error.pos.line, error.pos.column) == (line, column)
    assert error.key_path == "styles.subhead.size"
    assert error.message.startswith("a font size must be absolute (a size such as 9pt")


def test_unknown_enum_value(project):
    error = one_error(project, edit("align: justify", "align: justfy"))
    line, column = where(SPEC, "justify")
    assert_at(
        error,
        line,
        column,
        "styles.body.align",
        "expected one of start, end, center, justify, got 'justfy'",
    )


def test_unknown_article(project):
    text = edit("article: story, at: {column: 1", "article: stroy, at: {column: 1")
    error = one_error(project, text)
    line, column = where(text, "stroy")
    assert_at(
        error,
        line,
        column,
        "boxes[0].article",
        "unknown article 'stroy' (did you mean 'story'?); known: story",
    )


@pytest.mark.parametrize("name", ["story.YAML", "story.yaml.txt", "story.Yml"])
def test_an_unknown_article_names_its_file_saved_under_another_extension(project, name):
    # Not read (records are *.yaml, *.yml as written), so the box's story is unknown: the
    # error says which file was not read and what to call it.
    folder = project / "articles"
    (folder / "story.yaml").rename(folder / name)
    found = errors(project, SPEC)  # the story's box and its photo's
    assert [e.key_path for e in found] == ["boxes[0].article", "boxes[2].article"]
    for error in found:
        assert error.message.startswith("unknown article 'story'; no records loaded")
        assert error.message.endswith(
            f"; not read, as record files end in .yaml: {str(folder / name)!r} "
            "(rename it story.yaml)"
        )


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("../images/P.JPG", "the names differ in capitals"),
        ("../Images/p.jpg", "the names differ in capitals"),
        ("..\\images\\p.jpg", "write the path with /, not \\"),
    ],
)
def test_a_photo_named_but_for_capitals_or_backslashes_says_which_file_is_meant(
    project, written, why
):
    story = project / "articles" / "story.yaml"
    story.write_text(STORY.replace("../images/p.jpg", written), encoding="utf-8")
    error = one_error(project, SPEC)
    assert error.key_path == "photos[0].file"
    meant = str(project / "images" / "p.jpg")
    assert f"does not exist (did you mean {meant!r}? {why}" in error.message


def test_a_failed_load_carries_the_folder_of_records_it_listed(project):
    # ``banmian watch`` watches it: a record added there may fix the page or break it.
    with pytest.raises(SpecErrors) as info:
        load_spec(
            write(project, edit("article: story, at: {column: 1", "article: stroy, at: {column: 1"))
        )
    assert info.value.listed == ((project / "articles", ("facts.yaml", "story.yaml")),)
    with pytest.raises(SpecErrors) as info:
        load_spec(write(project, edit("articles: articles", "articles: missing")))
    assert info.value.listed == ((project / "missing", None),)  # no folder there yet
    listed = edit("articles: articles", "articles: [articles/story.yaml, articles/facts.yaml]")
    with pytest.raises(SpecErrors) as info:
        load_spec(
            write(
                project,
                edit("article: story, at: {column: 1", "article: stroy, at: {column: 1", listed),
            )
        )
    assert info.value.listed == ()  # the files named: no folder listed


def test_figures_id_of_the_wrong_kind(project):
    text = edit("figures: facts", "figures: story")
    error = one_error(project, text)
    assert error.key_path == "boxes[1].figures"
    assert error.message.startswith("'story' is an article")


def test_unknown_font_role(project):
    text = edit("caption: {font: kai", "caption: {font: kia")
    error = one_error(project, text)
    line, column = where(text, "kia")
    assert_at(
        error,
        line,
        column,
        "styles.caption.font",
        "unknown font role 'kia' (did you mean 'kai'?); roles: hei, kai, song",
    )


def test_missing_fonts_manifest(project):
    (project / "fonts" / "manifest.yaml").unlink()
    error = one_error(project, SPEC)
    assert error.key_path == "fonts"
    assert (error.pos.line, error.pos.column) == where(SPEC, "fonts/manifest.yaml")
    assert "does not exist" in error.message


def test_fonts_defaults_to_the_bundled_manifest(project):
    from layout.bundled import BUNDLED_MANIFEST

    spec = load_spec(write(project, edit("fonts: fonts/manifest.yaml\n", "")))
    assert spec.fonts_manifest == BUNDLED_MANIFEST
    assert BUNDLED_MANIFEST.is_file()
    # The bundled roles are those the styles name: the spec resolved against them.
    assert spec.styles["byline"].font == "kai"


def test_fonts_given_in_an_extended_file_is_not_replaced_by_the_default(project):
    shared = project / "shared.yaml"
    shared.write_text("fonts: fonts/manifest.yaml\n", encoding="utf-8")
    text = "extends: shared.yaml\n" + edit("fonts: fonts/manifest.yaml\n", "")
    spec = load_spec(write(project, text))
    assert spec.fonts_manifest == project / "fonts" / "manifest.yaml"


def test_a_bad_fonts_value_is_an_error_not_the_default(project):
    text = edit("fonts: fonts/manifest.yaml", "fonts: [a, b]")
    error = one_error(project, text)
    assert error.key_path == "fonts"


def test_missing_image(project):
    (project / "images" / "p.jpg").unlink()
    error = one_error(project, SPEC)
    # reported where the file is named: in the article record
    assert error.pos.file == project / "articles" / "story.yaml"
    assert (error.pos.line, error.pos.column) == where(STORY, "../images/p.jpg")
    assert error.key_path == "photos[0].file"
    assert "does not exist (placed by box 'pic'" in error.message


def test_box_outside_the_type_area_on_the_grid(project):
    text = edit("at: {column: 6, span: 3, line: 1,", "at: {column: 9, span: 3, line: 1,")
    error = one_error(project, text)
    line, column = where(text, "9, span")
    assert_at(error, line, column, "boxes[1].at.column", "expected an integer 1–8, got 9")
    assert str(error).endswith(
        f"page.yaml:{line}:{column}: boxes[1].at.column: expected an integer 1–8, got 9"
    )


def test_box_span_runs_past_the_type_area(project):
    text = edit("at: {column: 6, span: 3, line: 1,", "at: {column: 6, span: 4, line: 1,")
    error = one_error(project, text)
    assert error.key_path == "boxes[1].at.span"
    assert error.message.startswith("expected an integer 1–3, got 4")
    assert (error.pos.line, error.pos.column) == where(text, "4, line: 1,")


def test_box_lines_run_past_the_type_area(project):
    text = edit("line: 11, lines: 10", "line: 11, lines: 31")
    error = one_error(project, text)
    assert error.key_path == "boxes[2].at.lines"
    assert error.message.startswith("expected an integer 1–30, got 31")


def test_free_box_outside_the_type_area(project):
    text = (
        SPEC + "  - {id: free, kind: masthead, at: {x: 900pt, y: 0, width: 200pt, height: 2字}}\n"
    )
    text = edit("line: 1, lines: 20", "line: 3, lines: 18", text)
    text = edit("line: 1, lines: 10", "line: 3, lines: 8", text)
    error = one_error(project, text)
    line, column = where(text, "{x: 900pt")
    assert error.key_path == "boxes[3].at"
    assert (error.pos.line, error.pos.column) == (line, column)
    assert error.message.startswith("box 'free' lies outside the type area (x 900–1100pt")


def test_overlapping_boxes_name_both(project):
    text = edit("line: 11, lines: 10", "line: 10, lines: 10")
    error = one_error(project, text)
    line, column = where(text, "{column: 6, span: 3, line: 10")
    said = "box 'pic' overlaps box 'facts' (defined at line 31) by 130.2mm across and 4.9mm down"
    assert_at(error, line, column, "boxes[2].at", said)


def test_boxes_that_overlap_by_a_hair_of_mm_rounding_meet(project):
    """Under 0.01 pt (a length in mm rounded) is no overlap; 0.02 pt is, said in points."""
    pic = "{column: 6, span: 3, line: 11, lines: 10}"
    for y, reported in (("139.995pt", False), ("139.98pt", True)):
        text = edit(pic, f"{{x: 630pt, y: {y}, width: 369pt, height: 140pt}}")
        if not reported:
            assert load_spec(write(project, text)).box("pic").rect.y > 0
            continue
        error = one_error(project, text)
        assert error.key_path == "boxes[2].at"
        assert error.message.endswith("by 130.2mm across and 0.02pt down")


def test_missing_style(project):
    text = edit("  caption: {font: kai, size: 五号}\n", "")
    error = one_error(project, text)
    assert error.key_path == "styles"
    assert error.message.startswith("missing style 'caption' (required: body, kicker")
    assert (error.pos.line, error.pos.column) == (17, 3)  # the styles mapping


def test_key_that_does_not_apply_to_the_kind(project):
    text = edit("figures: facts,", "figures: facts, fit: fill,")
    error = one_error(project, text)
    line, column = where(text, "fit: fill")
    assert_at(
        error,
        line,
        column,
        "boxes[1].fit",
        "key 'fit' does not apply to kind 'figures' (only to photo)",
    )


def test_unknown_box_kind_lists_the_allowed_ones(project):
    error = one_error(project, edit("kind: photo", "kind: picture"))
    assert error.key_path == "boxes[2].kind"
    assert error.message == (
        "expected one of article, photo, figures, masthead, ear, page-header, rule, shaded, "
        "advert, got 'picture'"
    )


# A thread within the page: the story box continues in two boxes below it, which name no
# article (their story is the one continued).
THREADED = edit(
    "  - {id: facts,",
    "  - {id: more, kind: article, at: {column: 1, span: 5, line: 21, lines: 10}}\n"
    "  - {id: last, kind: article, at: {column: 1, span: 5, line: 31, lines: 10}}\n"
    "  - {id: facts,",
    edit("lines: 20}}", "lines: 20}, continues: {box: more}}"),
)


def test_a_thread_within_the_page_loads(project):
    spec = load_spec(
        write(
            project,
            edit(
                "lines: 10}}\n  - {id: last",
                "lines: 10}, continues: {box: last}}\n  - {id: last",
                THREADED,
            ),
        )
    )
    story, more, last = spec.boxes[:3]
    assert story.continues is not None and (story.continues.box, story.continues.page) == (
        "more",
        None,
    )
    assert story.continues.key_path == "boxes[0].continues"
    assert more.article is None and more.continues is not None and more.continues.box == "last"
    assert last.continues is None


def test_a_continues_names_its_box(project):
    error = one_error(project, edit("lines: 20}}", "lines: 20}, continues: {page: 2}}"))
    assert error.key_path == "boxes[0].continues.box"
    assert error.message == "missing required key 'box'"


@pytest.mark.parametrize("page", ['"3"', "3.0", "-1", "null"])
def test_a_bad_continues_page_is_its_only_error(project, page):
    # The box on page 3 it names has an id a box of this page has too, one with its own
    # story: the thread is not read as one within this page as well ("names an article").
    (project / "articles" / "other.yaml").write_text(
        "id: other\nheadline: 又一篇\nbody: [正文。]\n", "utf-8"
    )
    text = edit(
        "  - {id: facts,",
        "  - {id: more, kind: article, article: other, at: {column: 1, span: 5, line: 21, "
        "lines: 10}}\n  - {id: facts,",
        edit("lines: 20}}", f"lines: 20}}, continues: {{page: {page}, box: more}}}}"),
    )
    error = one_error(project, text)
    assert error.key_path == "boxes[0].continues.page"


def test_a_thread_to_an_unknown_box(project):
    error = one_error(project, edit("continues: {box: more}", "continues: {box: mroe}", THREADED))
    assert error.key_path == "boxes[0].continues.box"
    assert error.message.startswith("unknown article box 'mroe'")
    assert "did you mean 'more'" in error.message


def test_a_thread_into_itself_or_a_photo_box_says_so(project):
    """Not 'unknown article box': the box is there; it is the thread that is wrong."""
    itself = edit("continues: {box: more}", "continues: {box: story}", THREADED)
    found = errors(project, itself)
    assert "the thread loops: story → story" in [e.message for e in found]
    photo = edit("continues: {box: more}", "continues: {box: pic}", THREADED)
    found = errors(project, photo)
    assert any(
        e.key_path == "boxes[0].continues.box"
        and e.message == "box 'pic' is a photo box: a story goes on only in an article box"
        for e in found
    )


def test_a_thread_into_a_box_with_an_article_of_its_own(project):
    text = edit("{id: more, kind: article,", "{id: more, kind: article, article: story,", THREADED)
    error = one_error(project, text)
    assert error.key_path == "boxes[1].article"
    assert "continues the story of box 'story'" in error.message


def test_two_boxes_continuing_into_one(project):
    text = edit(
        "{id: last, kind: article,",
        "{id: last, kind: article, article: story, continues: {box: more},",
        THREADED,
    )
    found = {e.key_path: e.message for e in errors(project, text)}
    assert found["boxes[2].continues.box"] == (
        "box 'more' is continued into by box 'story' already (a box holds one thread)"
    )
    # and the story it names is box story's: set twice on the page
    assert found["boxes[2].article"].startswith("article 'story' is set by box 'story' already")
    assert len(found) == 2


def test_a_thread_that_loops(project):
    text = edit(
        "lines: 10}}\n  - {id: last",
        "lines: 10}, continues: {box: last}}\n  - {id: last",
        THREADED,
    )
    text = edit("line: 31, lines: 10}}", "line: 31, lines: 10}, continues: {box: more}}", text)
    found = errors(project, text)
    messages = sorted((e.key_path, e.message) for e in found)
    assert ("boxes[1].continues.box", "the thread loops: more → last → more") in messages
    assert (
        "boxes[2].continues.box",
        "box 'more' is continued into by box 'story' already (a box holds one thread)",
    ) in messages


def test_an_article_in_two_boxes_of_the_page_is_an_error_at_the_second(project):
    """Both boxes would print the story (a mistyped id is the usual cause); the error says
    the ways out. A thread's boxes and a photo box naming the story are not repeats: the
    threaded page, with its photo box of article story, loads (above)."""
    text = edit(
        "  - {id: facts,",
        "  - {id: again, kind: article, article: story, "
        + ("at: {column: 1, span: 5, line: 21, lines: 10}}\n  - {id: facts,"),
    )
    line, column = where(text, "article: story", 1)
    assert_at(
        one_error(project, text),
        line,
        column + len("article: "),
        "boxes[1].article",
        "article 'story' is set by box 'story' already (it would print twice): a mistyped id? "
        "To go on in this box, name none here and give box 'story' `continues: {box: again}`; "
        "to set it again on purpose, `repeat: true`",
    )


def test_continues_on_a_box_that_is_not_an_article_box(project):
    text = edit("lines: 10}}\n  - {id: pic", "lines: 10}, continues: {box: story}}\n  - {id: pic")
    error = one_error(project, text)
    assert error.key_path == "boxes[1].continues"
    assert "figures" in error.message and "continues" in error.message


def test_type_area_taller_than_the_trim(project):
    error = one_error(project, edit("lines: 40", "lines: 200"))
    assert error.key_path == "grid.lines"
    assert "runs past the trim height" in error.message


def test_every_error_is_collected_and_sorted(project):
    text = edit("columns: 8", "columns: 0")
    text = edit("title: 今日平湖", "titel: 今日平湖", text)
    text = edit("align: justify", "align: left", text)
    text = edit("number: 1", "number: one", text)
    found = errors(project, text)
    assert [e.key_path for e in found] == [
        "edition.titel",
        "page.number",
        "grid.columns",
        "styles.body.align",
    ]
    lines = [e.pos.line for e in found]
    assert lines == sorted(lines)


def test_cli_exit_code_constant():
    assert EXIT_BAD_INPUT == 2


def test_reference_doc_is_generated_from_the_schema():
    doc = Path(__file__).resolve().parent.parent / "docs" / "spec-reference.md"
    assert doc.read_text(encoding="utf-8") == reference_markdown(), (
        "regenerate: python -m layout.spec --reference > docs/spec-reference.md"
    )


def test_duplicate_box_id(project):
    text = edit("{id: pic,", "{id: facts,")
    error = one_error(project, text)
    assert error.key_path == "boxes[2].id"
    assert error.message == "duplicate box id 'facts' (also boxes[1])"


def test_main_exit_code(project, capsys):
    from layout.spec import main

    assert main([str(write(project, edit("columns: 8", "columns: 9x")))]) == EXIT_BAD_INPUT
    assert "grid.columns: expected an integer 1–64, got '9x'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("written", "em"),
    [("0", 0.0), ("1/8em", 0.125), ("1/4em", 0.25), ("1/3字", 1 / 3), ("2.25pt", 0.25)],
)
def test_latin_gap_is_a_length_or_a_fraction_of_an_em(project, written: str, em: float):
    body = [ln for ln in SPEC.splitlines() if ln.lstrip().startswith("body:")][0]
    text = edit(body, body.rstrip("}") + f", latin_gap: {written}}}")
    spec = load_spec(write(project, text))
    assert spec.styles["body"].latin_gap == pytest.approx(em)
    assert spec.styles["kicker"].latin_gap == 0.25  # clreq §3.2.1, by default


def test_hyphenation_and_normalise_keys(project):
    text = edit(
        "  caption: {font: kai, size: 五号}\n",
        "  caption: {font: kai, size: 五号, hyphenation: de-DE, normalise: none}\n",
    )
    spec = load_spec(write(project, text))
    caption, body = spec.styles["caption"], spec.styles["body"]
    assert (caption.hyphenation, caption.normalise) == ("de_DE", Normalise.NONE)
    assert (body.hyphenation, body.normalise) == ("en_US", Normalise.FULLWIDTH_ASCII)
    text = edit(
        "  credit: {font: kai, size: 小五}\n",
        "  credit: {font: kai, size: 小五, hyphenation: none}\n",
    )
    assert load_spec(write(project, text)).styles["credit"].hyphenation == "none"


def test_unknown_hyphenation_language_is_an_error(project):
    text = edit(
        "  credit: {font: kai, size: 小五}\n",
        "  credit: {font: kai, size: 小五, hyphenation: zh_CN}\n",
    )
    error = one_error(project, text)
    line, column = where(text, "zh_CN")
    assert (error.pos.line, error.pos.column) == (line, column)
    assert error.key_path == "styles.credit.hyphenation"
    assert error.message.startswith("expected a hyphenation language: a dictionary pyphen ships")
    assert error.message.endswith("got 'zh_CN'")


def test_article_hyphenation(project):
    (project / "articles" / "story.yaml").write_text(
        STORY + "hyphenation: de_DE\n", encoding="utf-8"
    )
    spec = load_spec(write(project, SPEC))
    assert spec.articles["story"].hyphenation == "de_DE"
    (project / "articles" / "story.yaml").write_text(
        STORY + "hyphenation: klingon\n", encoding="utf-8"
    )
    error = one_error(project, SPEC)
    assert error.key_path == "hyphenation" and "got 'klingon'" in error.message


def test_python_m_layout_spec_prints_the_reference():
    done = subprocess.run(
        [sys.executable, "-m", "layout.spec", "--reference"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == reference_markdown()


def test_the_spec_loads_without_the_later_stages():
    """layout.spec.model is what compose, render and proof import; the spec package (model,
    schema, resolver) must not import them back (no cycle, no layer run upwards)."""
    code = (
        "import sys, layout.spec.model, layout.spec\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m.startswith('layout.'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = done.stdout.split()
    assert "layout.spec.resolve" in loaded
    later = ("layout.compose", "layout.render", "layout.proof", "layout.build", "layout.cli")
    assert [m for m in loaded if m.startswith(later) or m == "layout.vertical"] == []


# --------------------------------------------------------------------------- bylines, datelines


def test_the_byline_and_credit_mark(project):
    spec = load_spec(write(project, SPEC))
    assert spec.styles["byline"].mark == "■" and spec.styles["credit"].mark == "■"
    text = edit(
        "  byline: {font: kai, size: 五号}\n", "  byline: {font: kai, size: 五号, mark: none}\n"
    )
    text = edit(
        "  credit: {font: kai, size: 小五}\n", "  credit: {font: kai, size: 小五, mark: ▲}\n", text
    )
    spec = load_spec(write(project, text))
    assert spec.styles["byline"].mark is None and spec.styles["credit"].mark == "▲"


def test_a_mark_on_another_style_is_an_error(project):
    text = edit("  jump: {font: hei, size: 小五}\n", "  jump: {font: hei, size: 小五, mark: ■}\n")
    error = one_error(project, text)
    assert error.key_path == "styles.jump.mark"
    assert error.message == "only the byline and credit styles take a mark (this is 'jump')"


def _with_dateline(project: Path) -> None:
    story = project / "articles" / "story.yaml"
    story.write_text(STORY.replace("body:\n  - 本报讯 ", "dateline: 本报讯\nbody:\n  - "))


def test_a_dateline_style_at_the_body_size(project):
    """Without a dateline style the dateline takes the body's in 黑 (at compose); one at the
    body's size and colour loads."""
    _with_dateline(project)
    assert "dateline" not in load_spec(write(project, SPEC)).styles
    text = edit(
        "  figure: {font: hei, size: 六号}\n",
        "  figure: {font: hei, size: 六号}\n  dateline: {font: hei, size: 小五}\n",
    )
    assert load_spec(write(project, text)).styles["dateline"].font == "hei"


def test_a_dateline_style_of_another_size_is_an_error(project):
    """A dateline shares the first line of the body: a line has one size."""
    _with_dateline(project)
    text = edit(
        "  figure: {font: hei, size: 六号}\n",
        "  figure: {font: hei, size: 六号}\n  dateline: {font: hei, size: 五号}\n",
    )
    error = one_error(project, text)
    assert (error.pos.line, error.pos.column) == where(text, "五号}\nboxes")
    assert error.key_path == "styles.dateline.size"
    assert error.message == (
        "a dateline runs in the first line of the body it opens: its size must be the body "
        "style's (9pt: style 'body' of box 'story')"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [(None, "headline"), ("none", None), ("headline", "headline"), ("樱桃熟了", "樱桃熟了")],
)
def test_a_photo_box_title(project, title, expected):
    box = (
        "  - {id: pic, kind: photo, article: story, at: {column: 6, span: 3, line: 11, lines: 10}}"
    )
    written = box if title is None else box.replace("}}", f"}}, title: {title}}}")
    spec = load_spec(write(project, edit(box, written)))
    assert spec.box("pic").title == expected


def test_a_photo_box_title_cut_at_a_hashtag_is_an_error(project):
    box = (
        "  - {id: pic, kind: photo, article: story, at: {column: 6, span: 3, line: 11, lines: 10}}"
    )
    block = (
        "  - id: pic\n    kind: photo\n    article: story\n    title: 樱桃熟了 #采摘季\n"
        "    at: {column: 6, span: 3, line: 11, lines: 10}"
    )
    text = edit(box, block)
    error = one_error(project, text)
    line, column = where(text, "#采摘季")
    assert (error.key_path, error.pos.line, error.pos.column) == ("boxes[2].title", line, column)
    assert "'#采摘季'" in error.message
    spaced = edit(box, block.replace(" #采摘季", "  # 采摘季"))
    assert load_spec(write(project, spaced)).box("pic").title == "樱桃熟了"


def test_an_image_box_has_no_headline_to_print(project):
    box = (
        "  - {id: pic, kind: photo, article: story, at: {column: 6, span: 3, line: 11, lines: 10}}"
    )
    image = "  - {id: pic, kind: photo, image: images/p.jpg, at: {column: 6, span: 3, line: 11, "
    assert load_spec(write(project, edit(box, image + "lines: 10}}"))).box("pic").title is None
    text = edit(box, image + "lines: 10}, title: headline}")
    error = one_error(project, text)
    assert error.key_path == "boxes[2].title"
    assert "no article headline" in error.message


def test_a_column_too_narrow_for_a_line_is_refused(project):
    error = one_error(project, edit("column_width: 13字", "column_width: 1.5字"))
    assert error.key_path == "grid.column_width"
    assert "expected a column of 2 characters or more, got 1.5" in error.message


@pytest.mark.parametrize("gutter", ["0字", "0mm"])
def test_columns_with_no_gutter_between_them_are_refused(project, gutter):
    # 栏空: a line of one column would end against the next one's start.
    error = one_error(project, edit("gutter: 1字", f"gutter: {gutter}"))
    assert error.key_path == "grid.gutter"
    assert error.message.startswith("expected a gutter above 0 between the 8 columns, got 0")


def test_a_box_re_divided_into_columns_too_narrow_for_a_line_is_refused(project):
    """Five grid columns of 13 characters (and 4 gutters of 1) re-divided into 40: 0.75
    characters each; 23 columns is the most that leave 2 characters to a column."""
    box = "{id: story, kind: article, article: story, at: {column: 1, span: 5, line: 1, lines: 20}}"
    error = one_error(project, edit(box, box[:-1] + ", columns: 40}"))
    assert error.key_path == "boxes[0].columns"
    assert error.message.startswith("expected at most 23 columns: 40 leave 0.8 characters")


def test_a_headline_area_in_a_box_of_one_line_says_so(project):
    """No range 1–0 to offer: the box itself is too small for a head and a body."""
    box = "{id: story, kind: article, article: story, at: {column: 1, span: 5, line: 1, lines: 20}}"
    small = "{id: story, kind: article, article: story, headline: {lines: 1}, "
    small += "at: {column: 1, span: 5, line: 1, lines: 1}}"
    error = one_error(project, edit(box, small))
    assert error.key_path == "boxes[0].headline.lines"
    assert error.message.startswith("the box has 1 line: no room for a headline area and a body")
    two = small.replace("lines: 1}}", "lines: 2}}").replace("{lines: 1}", "{lines: 3}")
    assert "expected an integer 1–1, got 3" in one_error(project, edit(box, two)).message


def test_a_head_across_the_top_spans_basic_columns_whatever_the_body_s_columns(project):
    """A head's ``span`` counts the grid's basic columns (its width is theirs), not the 破栏
    columns its box's body is re-divided into: a head over 4 of the box's 5 basic columns
    stands over a body in 2, and a head over 6 is refused with the box's 5."""
    box = "{id: story, kind: article, article: story, at: {column: 1, span: 5, line: 1, lines: 20}}"
    head = box[:-1] + ", columns: 2, headline: {lines: 4, span: 4}}"
    story = load_spec(write(project, edit(box, head))).box("story")
    assert (story.columns, story.headline.span) == (2, 4)
    error = one_error(project, edit(box, head.replace("span: 4}", "span: 6}")))
    assert error.key_path == "boxes[0].headline.span"
    assert error.message == "expected an integer 1–5, got 6"


def test_articles_naming_a_file_says_to_list_it(project):
    found = errors(project, edit("articles: articles", "articles: articles/story.yaml"))
    error = found[0]  # (the boxes' articles are unknown after it)
    assert error.key_path == "articles"
    assert "is a file, not a folder" in error.message and "[articles/story.yaml]" in error.message


def test_a_box_naming_a_duplicated_id_gets_no_follow_on_error(project):
    """The first file giving ``story`` fails (a typo) and a second gives it too: the typo
    and the duplicate are the errors, not the second record's want of the photo asked."""
    record = project / "articles" / "story.yaml"
    record.write_text(STORY + "byline: {reporter: [张三]}\n", encoding="utf-8")
    (project / "articles" / "zz.yaml").write_text("id: story\nheadline: 同名\n", "utf-8")
    found = errors(project, SPEC)
    assert [(e.pos.file.name, e.key_path) for e in found] == [
        ("story.yaml", "byline.reporter"),
        ("zz.yaml", "id"),
    ]


def test_a_story_s_photo_no_box_places_is_told(project):
    """A second photo with no photo box for it is not printed: said at its file in the
    record, with the file itself when it is not there (nothing opens it)."""
    record = project / "articles" / "story.yaml"
    record.write_text(
        STORY + "  - file: ../images/p.jpg\n    caption: 第二张\n"
        "  - file: ../images/gone.jpg\n    caption: 第三张\n",
        encoding="utf-8",
    )
    spec = load_spec(write(project, SPEC))
    assert [str(u).split(": ", 2)[1:] for u in spec.unprinted] == [
        ["photos[1]", "photo 2 of article 'story' is placed by no photo box: not printed"],
        [
            "photos[2]",
            "photo 3 of article 'story' is placed by no photo box: not printed "
            "(its file gone.jpg is not there)",
        ],
    ]
    assert str(spec.unprinted[0]).startswith(f"{record}:") and spec.unprinted[0].photo == 2


def test_margins_that_do_not_add_up_are_said_in_millimetres(project):
    # 8 columns of 13 characters of 小五 and 7 gutters: 111 × 9pt = 999pt = 352.4mm.
    text = edit("inside: auto, outside: auto", "inside: 20mm, outside: 20mm")
    error = one_error(project, text)
    assert error.key_path == "page.margins.outside"
    assert error.message == (
        "margins 20mm + type area 352.4mm + 20mm ≠ trim width 390mm; set one side to auto"
    )


def test_a_sheet_larger_than_a_pdf_page_is_said_in_millimetres(project):
    """The bleed says "bleed" (no marks, no slug), and the key is what pushes it over."""
    text = edit("trim: {width: 390mm", "trim: {width: 200in")
    error = one_error(project, text)
    assert error.key_path == "page.bleed"
    assert error.message == (
        "the sheet's width (5086mm: the trim's 5080mm and the bleed's 3mm on each side) is "
        "larger than the largest PDF page (5080mm, 200in)"
    )
    text = edit("trim: {width: 390mm", "trim: {width: 5070mm") + "press: {marks: true}\n"
    error = one_error(project, text)
    assert error.key_path == "press.slug"
    assert error.message.startswith(
        "the sheet's width (5100mm: the trim's 5070mm and the bleed's 3mm and the slug's 12mm "
        "on each side)"
    )


def test_a_date_in_the_form_but_not_in_the_calendar_says_so(project):
    error = one_error(project, edit("date: 2025-04-30", "date: 2026-02-30"))
    assert error.key_path == "edition.date"
    assert error.message.startswith("2026-02-30 is no day of the calendar")
    error = one_error(project, edit("date: 2025-04-30", "date: 30.4.2025"))
    assert "expected a date YYYY-MM-DD" in error.message


@pytest.mark.parametrize(
    ("size", "said"),
    [
        ("0pt", "a font size must be above 0, got '0pt'"),
        ("2em", "a font size must be absolute"),
        ("big", "expected a size such as 9pt"),
    ],
)
def test_a_size_that_is_no_font_size_says_why(project, size: str, said: str):
    error = one_error(
        project, edit("kicker: {font: hei, size: 四号", f"kicker: {{font: hei, size: {size}")
    )
    assert error.key_path == "styles.kicker.size" and said in error.message, error.message


def test_a_listed_record_no_box_places_is_told_a_folder_s_is_not(project):
    """A page of its own that lists its record files named each on purpose: one no box
    places is not printed, and says so at its id. A folder may hold stories for other pages
    (or tomorrow's): a page built alone says nothing of them (an edition build does)."""
    spare = project / "articles" / "spare.yaml"
    spare.write_text("id: spare\nheadline: 备稿\nbody:\n  - 正文。\n", encoding="utf-8")
    listed = edit(
        "articles: articles",
        "articles: [articles/story.yaml, articles/facts.yaml, articles/spare.yaml]",
    )
    spec = load_spec(write(project, listed))
    assert [str(u) for u in spec.unprinted] == [
        f"{spare}:1:5: id: article 'spare' is placed by no box of the page: not printed",
    ]
    assert load_spec(write(project, SPEC)).unprinted == ()
