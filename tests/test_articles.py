"""Article records: loading, and positioned errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from layout.articles import (
    Article,
    Byline,
    FiguresRecord,
    ParagraphKind,
    Role,
    article_paths,
    listed_names,
    load_articles,
    record_name,
    unread_records,
)
from layout.errors import SpecError, SpecErrors

STORY = """\
id: story
kicker: 开局看韧性
headline: [推动绿色低碳转型, 筑牢能源保障底线]
subhead: 一季度全市规上工业增加值同比增长9.4%
byline:
  reporters: [林旭东]
  correspondents: [张心悦, 王江超]
dateline: 本报讯
body:
  - 春潮涌动，活力勃发。
  - intertitle: 主导产业挑大梁
  - 作为工业增长的主引擎……
jump_head: 筑牢能源保障底线
photos:
  - file: ../images/p.jpg
    caption: 采摘
    credit: {photographers: [王强, 陈明远]}
"""

FIGURES = """\
id: facts
kind: figures
kicker: 开局看韧性
title: 2025一季度平湖经济亮眼数据
unit: 亿元
source_article: story
items:
  - {label: 规上工业增加值, value: 86.50, growth: 9.4}
  - {label: 数控机床, value: 8, note: 超, growth: "+19%"}
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(paths: list[Path]) -> list[SpecError]:
    with pytest.raises(SpecErrors) as info:
        load_articles(paths)
    return info.value.errors


def one_error(path: Path) -> SpecError:
    found = errors([path])
    assert len(found) == 1, [str(e) for e in found]
    return found[0]


def test_story_and_figures_load(tmp_path):
    folder = tmp_path / "articles"
    write(folder, "story.yaml", STORY)
    write(folder, "facts.yaml", FIGURES)
    write(folder, "notes.txt", "not a record")
    records = load_articles(article_paths(folder))
    assert list(records) == ["facts", "story"]
    story = records["story"]
    assert isinstance(story, Article)
    assert story.headline == ("推动绿色低碳转型", "筑牢能源保障底线")
    assert story.kicker == "开局看韧性" and story.dateline == "本报讯"
    assert story.byline == Byline((Role("记者", ("林旭东",)), Role("通讯员", ("张心悦", "王江超"))))
    assert [(p.kind, p.index) for p in story.paragraphs] == [
        (ParagraphKind.BODY, 0),
        (ParagraphKind.INTERTITLE, 1),
        (ParagraphKind.BODY, 2),
    ]
    assert story.paragraphs[1].text == "主导产业挑大梁"
    assert story.paragraphs[0].source_pos.line == 10
    assert story.jump_head == "筑牢能源保障底线"
    (photo,) = story.photos
    assert photo.file == tmp_path / "images" / "p.jpg"
    assert photo.credit == Byline((Role("摄影", ("王强", "陈明远")),))
    assert (photo.source_pos.line, photo.source_pos.column) == (15, 11)
    facts = records["facts"]
    assert isinstance(facts, FiguresRecord)
    assert (facts.title, facts.unit, facts.source_article) == (
        "2025一季度平湖经济亮眼数据",
        "亿元",
        "story",
    )
    # values are kept as written
    assert [(i.label, i.value, i.growth, i.note) for i in facts.items] == [
        ("规上工业增加值", "86.50", "9.4", None),
        ("数控机床", "8", "+19%", "超"),
    ]


def test_byline_roles_in_print_order(tmp_path):
    """The role keys come in the order a byline prints them (作者, 文, 记者, 通讯员, 摄影),
    whatever the order written, then the free labels of ``roles`` in theirs."""
    path = write(
        tmp_path,
        "a.yaml",
        "id: a\nheadline: 樱桃红满枝\nbyline:\n"
        "  roles: [{label: 特约撰稿, names: [欧阳文]}, {label: 实习生, names: 李四}]\n"
        "  photographers: [王强]\n  correspondents: 陈杰\n  reporters: [林旭东]\n"
        "  writers: 张三\n  authors: [赵五]\n",
    )
    byline = load_articles([path])["a"].byline
    assert [(r.label, r.names) for r in byline.roles] == [
        ("作者", ("赵五",)),
        ("文", ("张三",)),
        ("记者", ("林旭东",)),
        ("通讯员", ("陈杰",)),
        ("摄影", ("王强",)),
        ("特约撰稿", ("欧阳文",)),
        ("实习生", ("李四",)),
    ]
    assert byline.names("记者") == ("林旭东",)


def test_a_byline_naming_nobody_is_none_and_a_credit_naming_nobody_an_error(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nheadline: 樱桃红满枝\nbyline: {reporters: []}\n")
    assert load_articles([path])["a"].byline is None
    write(tmp_path, "p.jpg", "")
    bad = write(
        tmp_path,
        "b.yaml",
        "id: b\nheadline: 樱桃红满枝\nphotos:\n- {file: p.jpg, credit: {photographers: []}}\n",
    )
    error = one_error(bad)
    assert error.key_path == "photos[0].credit"
    assert "names photographers or roles" in error.message


def test_a_credit_with_a_free_label(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        "id: a\nheadline: 樱桃红满枝\nphotos:\n"
        "- {file: p.jpg, credit: {roles: [{label: 图, names: 新华社}]}}\n",
    )
    (photo,) = load_articles([path])["a"].photos
    assert photo.credit == Byline((Role("图", ("新华社",)),))


def test_a_free_role_names_somebody(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        "id: a\nheadline: 樱桃红满枝\nbyline: {roles: [{label: 图, names: []}]}\n",
    )
    assert one_error(path).key_path == "byline.roles[0].names"


def test_an_empty_name_is_refused(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nheadline: 樱桃红满枝\nbyline: {reporters: ['  ']}\n")
    assert one_error(path).key_path == "byline.reporters[0]"


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ('"\\x01"', "U+0001"),
        ('"\\u200b"', "U+200B"),
        ('"\\ufeff\\u200d"', "U+FEFF, U+200D"),
        ('"\\u00ad"', "U+00AD"),
        ('{intertitle: "\\u200b"}', "U+200B"),
    ],
)
def test_a_paragraph_of_invisible_characters_is_refused_like_an_empty_one(tmp_path, text, codes):
    """A pasted control character or a lone ZWSP would leave an empty line in the column:
    refused, as '' is, with the characters it holds."""
    path = write(tmp_path, "a.yaml", f"id: a\nheadline: 樱桃红满枝\nbody:\n- 正文。\n- {text}\n")
    error = one_error(path)
    assert error.key_path.startswith("body[1]") and error.pos.line == 5
    assert f"only invisible characters ({codes})" in error.message


def test_a_private_use_character_is_text(tmp_path):
    """A newsroom's own glyph for a rare name character (生僻字) in the Private Use Area."""
    path = write(
        tmp_path, "a.yaml", "id: a\nheadline: 樱桃红满枝\nbyline: {reporters: ['\ue000']}\n"
    )
    assert load_articles([path])["a"].byline.names("记者") == ("\ue000",)


def test_single_names_and_a_photo_story(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nheadline: 樱桃红满枝\nbyline: {reporters: 荣怡婷}\n")
    article = load_articles([path])["a"]
    assert article.byline.names("记者") == ("荣怡婷",)
    assert article.paragraphs == () and article.photos == ()


def test_malformed_yaml(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nheadline: [樱桃红满枝\nbody: []\n")
    error = one_error(path)
    assert error.pos.file == path
    assert (error.pos.line, error.pos.column) == (3, 5)
    assert error.message.startswith("YAML syntax error")


def test_copy_cut_at_a_hashtag_is_an_error_quoting_what_was_cut(tmp_path):
    # 微博话题 #城南图书角#: YAML reads " #…" as a comment; the page would print the
    # sentence cut short, so the record is refused with the cut text and the two ways out.
    path = write(
        tmp_path,
        "a.yaml",
        "id: a\nheadline: 话题\nbody:\n- 不少网友在微博话题 #城南图书角# 下留言。\n",
    )
    error = one_error(path)
    assert (error.pos.line, error.pos.column, error.key_path) == (4, 13, "body[0]")
    assert "'#城南图书角# 下留言。'" in error.message
    assert "in quotes" in error.message and "＃" in error.message


def test_a_hashtag_starting_a_wrapped_line_is_copy_cut_short(tmp_path):
    # YAML ends the paragraph at a line that starts with '#': its next line, indented as a
    # wrapped line of it, is a comment — the hashtag and what follows would not print.
    path = write(
        tmp_path,
        "a.yaml",
        "id: a\nheadline: 话题\nbody:\n- 参与话题讨论\n  #城南图书角#留言\n- 下一段\n  # 批注\n",
    )
    error = one_error(path)
    assert (error.pos.line, error.pos.column, error.key_path) == (5, 3, "body[0]")
    assert "'#城南图书角#留言'" in error.message


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("headline: 标题 #话题\n", "headline"),
        ("headline:\n- 一行\n- 二行 #话题\n", "headline[1]"),
        ("kicker: 引题 #话题\n", "kicker"),
        ("photos:\n- file: p.jpg\n  caption: 图说 #话题\n", "photos[0].caption"),
        (
            "photos:\n- file: p.jpg\n  credit:\n    photographers:\n    - 王强 #x\n",
            "photos[0].credit.photographers[0]",
        ),
        ("byline:\n  reporters: 林言 #x\n", "byline.reporters"),
        ("body:\n- intertitle: 小标题 #话题\n", "body[0].intertitle"),
    ],
)
def test_every_kind_of_copy_cut_at_a_hashtag_is_reported(tmp_path, text, path):
    if not text.startswith("headline"):  # a headline is required
        text = "headline: 标题\n" + text
    error = one_error(write(tmp_path, "a.yaml", "id: a\n" + text))
    assert error.key_path == path and "YAML comment" in error.message


def test_comments_that_cut_no_copy_are_allowed(tmp_path):
    path = write(
        tmp_path,
        "a.yaml",
        "id: a  # 图书角稿\n"
        "headline: 话题\n"
        "# 下面是正文\n"
        "body:\n"
        "- '不少网友在微博话题 #城南图书角# 下留言。'  # 已核\n"
        "- 全角的＃城南图书角＃话题\n"
        "- 记者昨天从市图书馆获悉。  # 已核：一段的批注，不是正文\n"
        "- 馆内藏书两万册。  ## 核对 #-- 数字 ===\n"
        "- 开放时间另行通知。  #（待定）\n"
        "hyphenation: de_DE  # 德文人名\n",
    )
    article = load_articles([path])["a"]
    assert [p.text for p in article.paragraphs] == [
        "不少网友在微博话题 #城南图书角# 下留言。",
        "全角的＃城南图书角＃话题",
        "记者昨天从市图书馆获悉。",  # '# ' and a space: a comment written as one, left alone
        "馆内藏书两万册。",  # '##', '#（': a rule of marks, a comment too
        "开放时间另行通知。",
    ]


@pytest.mark.parametrize(
    ("item", "what", "example"),
    [
        ("记者: 林言", "a mapping", "- '记者: 林言'"),
        ("问: 怎么办?", "a mapping", "- '问: 怎么办?'"),
        ("[图]", "a list", "- '[图]'"),
    ],
)
def test_a_paragraph_yaml_read_as_a_mapping_or_list_is_told_to_be_quoted(
    tmp_path, item, what, example
):
    path = write(tmp_path, "a.yaml", f"id: a\nheadline: 标题\nbody:\n- 第一段。\n- {item}\n")
    error = one_error(path)
    assert (error.pos.line, error.key_path) == (5, "body[1]")
    assert error.message.startswith(f"YAML read this paragraph as {what}")
    assert "must be written in quotes" in error.message and error.message.endswith(example)


def test_unknown_key_with_suggestion(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nhedline: 标题\nbody: [正文]\n")
    error = one_error(path)
    assert (error.pos.line, error.pos.column) == (2, 1)
    assert error.key_path == "hedline"
    assert error.message == "unknown key 'hedline' (did you mean 'headline'?)"


def test_wrong_type(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nheadline: 标题\nbody:\n  - 正文\n  - 5\n")
    error = one_error(path)
    assert (error.pos.line, error.pos.column) == (5, 5)
    assert error.key_path == "body[1]"
    assert error.message == "expected a paragraph (text) or {intertitle: text}, got 5"


def test_missing_required_key(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nbody: [正文]\n")
    error = one_error(path)
    assert (error.key_path, error.message) == ("headline", "missing required key 'headline'")
    assert (error.pos.line, error.pos.column) == (1, 1)


def test_figures_keys_on_an_article(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nheadline: 标题\nitems: []\n")
    error = one_error(path)
    assert (error.pos.line, error.pos.column) == (3, 1)
    assert error.message == "key 'items' does not apply to kind 'article' (only to figures)"


def test_unknown_record_kind(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nkind: chart\nheadline: 标题\n")
    error = one_error(path)
    assert (error.key_path, error.pos.line, error.pos.column) == ("kind", 2, 7)
    assert error.message == "expected one of article, figures, got 'chart'"


def test_duplicate_ids(tmp_path):
    first = write(tmp_path, "a.yaml", "id: same\nheadline: 标题\n")
    second = write(tmp_path, "b.yaml", "# another\nid: same\nheadline: 标题\n")
    error = one_error_of([first, second])
    assert error.pos.file == second
    assert (error.pos.line, error.pos.column) == (2, 5)
    assert error.message.startswith("duplicate article id 'same' (also defined at ")
    assert error.message.endswith("a.yaml:1:5)")


def test_an_id_given_again_is_reported_though_the_first_file_failed(tmp_path):
    """A typo in the first file does not hide the duplicate until it is fixed, and neither
    record is returned: a box naming the id is not checked against the other one."""
    from layout.articles import collect_articles

    first = write(tmp_path, "a.yaml", "id: same\nheadline: 标题\nbyline: {reporter: [张三]}\n")
    second = write(tmp_path, "b.yaml", "id: same\nheadline: 同名\n")
    found: list[SpecError] = []
    records, failed = collect_articles([first, second], found)
    assert [(e.pos.file, e.key_path) for e in found] == [
        (first, "byline.reporter"),
        (second, "id"),
    ]
    assert found[1].message.startswith("duplicate article id 'same' (also defined at ")
    assert records == {} and "same" in failed


def test_a_duplicated_id_names_neither_record(tmp_path):
    from layout.articles import collect_articles

    paths = [write(tmp_path, f"{n}.yaml", "id: same\nheadline: 标题\n") for n in "abc"]
    found: list[SpecError] = []
    records, failed = collect_articles(paths, found)
    assert [e.pos.file for e in found] == paths[1:]
    assert all(e.message.endswith("a.yaml:1:5)") for e in found)
    assert records == {} and "same" in failed


def one_error_of(paths):
    found = errors(paths)
    assert len(found) == 1, [str(e) for e in found]
    return found[0]


@pytest.mark.parametrize("key", ["continued_to", "continued_from"])
def test_a_typed_jump_is_refused_with_what_replaces_it(tmp_path, key):
    path = write(tmp_path, "a.yaml", f"id: a\nheadline: 标题\n{key}: {{page: 2}}\n")
    error = one_error(path)
    assert (error.key_path, error.pos.line, error.pos.column) == (key, 3, 1)
    assert error.message.startswith(f"{key!r} is no longer a key of the article record: ")
    assert "'continues'" in error.message and "generated" in error.message


def test_duplicate_yaml_key(tmp_path):
    path = write(tmp_path, "a.yaml", "id: a\nheadline: 标题\nid: b\n")
    error = one_error(path)
    assert (error.pos.line, error.pos.column, error.key_path) == (3, 1, "id")
    assert error.message == "duplicate key 'id' (first at line 1)"


def test_errors_from_several_files_are_all_reported(tmp_path):
    a = write(tmp_path, "a.yaml", "id: a\n")
    b = write(tmp_path, "b.yaml", "id: b\nheadline: 标题\nbody: 正文\n")
    found = errors([a, b])
    assert [(e.pos.file.name, e.key_path) for e in found] == [
        ("a.yaml", "headline"),
        ("b.yaml", "body"),
    ]
    assert (
        found[1].message == "expected a list of paragraph (text) or {intertitle: text}, got '正文'"
    )


def test_missing_file(tmp_path):
    error = one_error(tmp_path / "nope.yaml")
    assert error.message.endswith("nope.yaml: file does not exist")


def test_a_spec_naming_a_record_whose_file_failed_is_not_told_it_is_unknown(tmp_path):
    """The record's own error is the one reported: its id is known from the file that gave
    it, even when the file's name is not the id (emp.yaml giving id t)."""
    from layout.articles import collect_articles

    path = write(tmp_path, "emp.yaml", 'id: t\nheadline: 标题\nbody: ["\\x01"]\n')
    errors: list[SpecError] = []
    records, failed = collect_articles([path], errors)
    assert records == {} and {"emp", "t"} <= failed
    assert len(errors) == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一段。", ["一段。"]),
        ("硬回车\n折行。", ["硬回车\n折行。"]),  # a hard wrap: one paragraph
        ("第一段。\n\n第二段。", ["第一段。", "第二段。"]),  # a blank line
        ("第一段。\n  \n\n第二段。\n", ["第一段。", "第二段。\n"]),
        (
            "\u3000\u3000第一段。\n\u3000\u3000第二段。",
            ["\u3000\u3000第一段。", "\u3000\u3000第二段。"],
        ),
        ("第一段。\n  第二段。\n\t第三段。", ["第一段。", "  第二段。", "\t第三段。"]),
        ("第一段。\n 半角空格一个。", ["第一段。\n 半角空格一个。"]),  # one space: a wrap
        # U+2029 PARAGRAPH SEPARATOR is plain text's paragraph break (Unicode §5.8)
        ("第一段。\u2029第二段。", ["第一段。", "第二段。"]),
        ("第一段。\u2029\u2029\n第二段。\u2029", ["第一段。", "\n第二段。"]),
        ("行分隔\u2028不分段。", ["行分隔\u2028不分段。"]),  # LS: a line break, one paragraph
    ],
)
def test_paragraph_breaks_written_in_one_item(text, expected):
    from layout.articles import written_paragraphs

    assert written_paragraphs(text) == expected


def test_a_pasted_block_of_paragraphs_is_set_as_its_paragraphs(tmp_path):
    """Copy pasted from a newsroom system into one ``|`` block: each hand-indented or
    blank-line-parted paragraph is a paragraph, reported as the item it came from."""
    body = "body:\n- |\n  　　第一段。\n  　　第二段。\n\n  　　第三段。\n- 第四段。\n"
    path = write(tmp_path, "a.yaml", f"id: a\nheadline: 樱桃红满枝\n{body}")
    paragraphs = load_articles([path])["a"].paragraphs
    assert [p.text.strip("\u3000\n") for p in paragraphs] == [
        "第一段。",
        "第二段。",
        "第三段。",
        "第四段。",
    ]
    assert [p.index for p in paragraphs] == [0, 0, 0, 1]
    assert paragraphs[2].source_pos == paragraphs[0].source_pos


def test_a_folder_s_hidden_files_are_no_records_and_a_broken_link_is_one(tmp_path):
    """``._story.yaml`` (macOS's resource fork on a shared drive) and ``.#story.yaml`` (an
    editor's lock) are not read; a link to nothing is, so that its load reports it."""
    folder = tmp_path / "articles"
    write(folder, "story.yaml", STORY)
    (folder / "._story.yaml").write_bytes(b"\x00\x05\x16\x07 Mac OS X")
    write(folder, ".#story.yaml", "root@host.1234:1701000000")
    (folder / "gone.yaml").symlink_to(tmp_path / "nowhere.yaml")
    assert [p.name for p in article_paths(folder)] == ["gone.yaml", "story.yaml"]
    with pytest.raises(SpecErrors) as raised:
        load_articles(article_paths(folder))
    assert "gone.yaml: file does not exist" in str(raised.value.errors[0])


def test_record_files_under_another_extension_are_listed_as_unread(tmp_path):
    folder = tmp_path / "articles"
    for name in ("a.yaml", "b.yml", "c.YAML", "d.yaml.txt", "e.Yml", "f.yaml~", ".g.yaml.swp"):
        write(folder, name, "id: x\nheadline: 标题\n")
    (folder / "h.YAML").mkdir()
    assert [p.name for p in unread_records(folder)] == ["c.YAML", "d.yaml.txt", "e.Yml"]
    assert [record_name(p) for p in unread_records(folder)] == ["c.yaml", "d.yaml", "e.yaml"]
    assert unread_records(tmp_path / "missing") == ()


def test_listed_names_are_the_records_the_folder_reader_reads(tmp_path):
    # What ``banmian watch`` compares: an editor's file beside a record is not one of them.
    write(tmp_path, "b.yaml", "id: b\nheadline: 标题\n")
    write(tmp_path, "a.yml", "id: a\nheadline: 标题\n")
    for name in ("notes.txt", ".b.yaml.swp", "b.yaml~", "b.yaml.bak", "4913"):
        write(tmp_path, name, "0")
    (tmp_path / ".#b.yaml").symlink_to("user@host.1234")  # Emacs's lock: a link to nowhere
    (tmp_path / "page2.yaml").mkdir()  # a folder, whatever its name
    assert listed_names(tmp_path) == ("a.yml", "b.yaml")
    assert listed_names(tmp_path) == tuple(p.name for p in article_paths(tmp_path))
    assert listed_names(tmp_path / "gone") is None
    assert listed_names(tmp_path / "b.yaml") is None  # a file, not a folder


def test_the_head_s_parts_and_captions_know_their_lines(tmp_path: Path) -> None:
    """Where each part of the head, the byline, the 转版 head and a caption are written: their
    problems name those lines, as a body paragraph's names its own."""
    path = tmp_path / "a.yaml"
    path.write_text(
        "id: a\nkicker: 引题\nheadline:\n  - 主题一\n  - 主题二\nsubhead: 副题\n"
        "byline: {reporters: [沈佳]}\njump_head: 转版\nbody: [正文。]\n"
        "photos:\n  - file: p.jpg\n    caption: 图说\n",
        encoding="utf-8",
    )
    a = load_articles([path])["a"]
    lines = (a.kicker_pos, a.headline_pos, a.subhead_pos, a.byline_pos, a.jump_head_pos)
    assert [p.line for p in lines] == [2, 4, 6, 7, 8]
    assert a.photos[0].caption_pos.line == 12 and a.photos[0].caption_pos.file == path
