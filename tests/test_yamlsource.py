"""Positioned YAML: YAML 1.2 core scalars, checked tags, bounded aliases and nesting; parsed
documents kept in the cache."""

from __future__ import annotations

import marshal
import math
from datetime import date
from pathlib import Path

import pytest

from layout import yamlsource
from layout.errors import SourcePos, SpecError
from layout.yamlsource import MAX_DEPTH, MAX_VALUES, load_yaml, merge_docs, parse_yaml, with_value

FILE = Path("doc.yaml")


def value(text: str):
    return parse_yaml(text, FILE).value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:30", "1:30"),  # YAML 1.1 read 90 (base 60)
        ("014", 14),  # YAML 1.1 read 12 (octal)
        ("0o14", 12),
        ("0x1F", 31),
        ("-7", -7),
        ("+3", 3),
        ("1.5", 1.5),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("yes", "yes"),  # YAML 1.1 booleans are text in 1.2
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("2025-04-30", "2025-04-30"),  # dates are text; the schema's date kind reads them
        ("1_000", "1_000"),  # YAML 1.1 digit separators are text in 1.2
        ("'014'", "014"),
        ('"true"', "true"),
        ("!!str 12", "12"),
        ("! 12", "12"),
        ("!!int 0x10", 16),
        ("!!float 3", 3.0),
        ("!!timestamp 2025-12-01", date(2025, 12, 1)),
    ],
)
def test_scalars_are_read_by_the_yaml_1_2_core_schema(text: str, expected) -> None:
    got = value(f"a: {text}\n")["a"]
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(("text", "sign"), [(".inf", 1), ("-.Inf", -1), ("+.INF", 1)])
def test_infinities_are_numbers_for_the_schema_to_refuse(text: str, sign: int) -> None:
    assert value(f"a: {text}")["a"] == sign * math.inf


def test_nan_is_a_number_for_the_schema_to_refuse() -> None:
    assert math.isnan(value("a: .NaN")["a"])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: !!int abc", "!!int: expected an integer, got 'abc'"),
        ("a: !!float x", "!!float: expected a number, got 'x'"),
        ("a: !!bool maybe", "!!bool: expected true or false, got 'maybe'"),
        ("a: !!timestamp 2025-13-01", "!!timestamp: expected a date"),
        ("a: !!null x", "!!null: expected null"),
        ("a: !!binary aGk=", "unknown tag !!binary"),
        ("a: !local x", "unknown tag !local"),
        ("a: !!set {x: 1}", "tag !!set on a mapping is not supported"),
        ("a: !!omap [x]", "tag !!omap on a list is not supported"),
        ("a: !box {x: 1}", "tag !box on a mapping is not supported"),
    ],
)
def test_tags_are_checked_not_dropped(text: str, message: str) -> None:
    with pytest.raises(SpecError) as info:
        parse_yaml(text, FILE)
    assert message in str(info.value)
    assert str(info.value).startswith("doc.yaml:1:4: a: ")


def test_plain_tags_of_collections_are_accepted() -> None:
    assert value("a: !!map {x: 1}\nb: !!seq [1]") == {"a": {"x": 1}, "b": [1]}


def test_an_integer_too_long_to_convert_is_an_error() -> None:
    with pytest.raises(SpecError, match="5000 digits is out of range"):
        parse_yaml("a: " + "9" * 5000, FILE)


def test_aliases_share_values_and_point_at_the_original() -> None:
    doc = parse_yaml("base: &b {size: 9pt}\nbody: *b\n", FILE)
    assert doc.value["body"] == {"size": "9pt"}
    assert doc.key("body").line == 2  # the key is where it is written
    assert doc.pos("body.size") == doc.pos("base.size")  # the value where it was written


def test_a_billion_laughs_fails_at_the_alias_limit() -> None:
    text = "x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * 9) + "]\n" for i in range(1, 10)
    )
    with pytest.raises(SpecError, match=f"more than {MAX_VALUES:,} values through aliases"):
        parse_yaml(text, FILE)


def test_a_recursive_alias_is_an_error() -> None:
    with pytest.raises(SpecError, match=r"alias \*a refers to a value that contains it"):
        parse_yaml("a: &a [1, *a]", FILE)


def test_an_unknown_alias_is_an_error() -> None:
    with pytest.raises(SpecError, match=r"unknown alias \*nope"):
        parse_yaml("a: *nope", FILE)


def test_deep_nesting_stops_before_the_stack_does() -> None:
    # libyaml's own composer crashes the process (SIGSEGV) on 100 000 nested lists; newer
    # libyaml parsers stop at 1000 levels themselves, older ones leave it to us.
    with pytest.raises(SpecError, match=f"nested more than {MAX_DEPTH} levels|nesting depth"):
        parse_yaml("[" * 100_000 + "]" * 100_000, FILE)
    with pytest.raises(SpecError, match=f"nested more than {MAX_DEPTH} levels"):
        parse_yaml("[" * 100 + "]" * 100, FILE)


def test_duplicate_and_merge_keys_are_errors() -> None:
    with pytest.raises(SpecError, match=r"3:1: a: duplicate key 'a' \(first at line 1\)"):
        parse_yaml("a: 1\nb: 2\na: 3", FILE)
    with pytest.raises(SpecError, match="merge keys"):
        parse_yaml("a: &x {k: 1}\nb: {<<: *x}", FILE)


def test_one_document_only() -> None:
    with pytest.raises(SpecError, match="2:1: expected one YAML document"):
        parse_yaml("a: 1\n---\nb: 2", FILE)


def test_a_tab_indent_says_so() -> None:
    with pytest.raises(SpecError, match="indented with spaces, not tabs"):
        parse_yaml("a:\n\tb: 1", FILE)


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
@pytest.mark.parametrize(
    ("text", "code", "at"),
    [
        ("id: t\nbody:\n- 控制\x01字符\n", "U+0001", "3:5"),
        ("a: 1\nb: 中文\x7f\n", "U+007F", "2:6"),
        ("a: 1\r\nb: x\x00y\r\n", "U+0000", "2:5"),
    ],
)
def test_a_pasted_control_character_is_placed(monkeypatch, loader, text, code, at) -> None:
    """At its own line and column, from PyYAML's character offset and libyaml's byte one."""
    import yaml

    if not hasattr(yaml, loader):
        pytest.skip(f"no {loader}")
    monkeypatch.setattr(yaml, "CSafeLoader", getattr(yaml, loader), raising=False)
    with pytest.raises(SpecError) as caught:
        parse_yaml(text, FILE)
    error = caught.value
    assert f"{error.pos.line}:{error.pos.column}" == at
    assert f"a control character {code} is not allowed" in str(error)


@pytest.mark.parametrize("separator", ["\u0085", "\u2028", "\u2029"])
def test_unicode_line_separators_are_characters_not_line_breaks(separator: str) -> None:
    """YAML 1.2 (§5.4) and editors count only CR and LF: the text keeps the character and
    the lines after it keep their numbers."""
    doc = parse_yaml(f"a: 第一{separator}第二\nb: [x, 'y{separator}z']\nc: 3\n", FILE)
    assert doc.value == {"a": f"第一{separator}第二", "b": ["x", f"y{separator}z"], "c": 3}
    assert doc.pos("c").line == 3


def test_a_byte_order_mark_inside_the_file_says_so() -> None:
    with pytest.raises(SpecError, match=r"2:\d+: .*byte-order mark \(U\+FEFF\)"):
        parse_yaml("id: t\n\ufeffheadline: x\n", FILE)


def test_a_byte_order_mark_is_read_past(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    assert load_yaml(path).value == {"a": 1}


def test_bytes_that_are_not_utf8_are_placed(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"a: 1\nb: caf" + b"\xe9\n")
    with pytest.raises(SpecError) as info:
        load_yaml(path)
    assert info.value.pos is not None and (info.value.pos.line, info.value.pos.column) == (2, 7)
    assert "not UTF-8 text: byte 0xe9" in str(info.value)


def test_utf16_and_gbk_files_are_named(tmp_path: Path) -> None:
    """Notepad's "Unicode" and the Chinese Windows encoding: said as such."""
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("id: 标题\n".encode("utf-16"))
    with pytest.raises(SpecError, match=r"1:1: UTF-16 text, not UTF-8"):
        load_yaml(utf16)
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("id: a\nheadline: 樱桃红满枝\n".encode("gbk"))
    with pytest.raises(SpecError) as info:
        load_yaml(gbk)
    assert info.value.pos.line == 2
    assert "it may be GBK/GB 18030" in str(info.value)


def test_a_folder_or_a_binary_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="is a folder"):
        load_yaml(tmp_path)
    binary = tmp_path / "font.yaml"
    binary.write_bytes(bytes(range(256)) * 100)
    with pytest.raises(SpecError) as info:
        load_yaml(binary)
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


# --------------------------------------------------------------------------- shared parts

SHARED = """\
edition: {title: 今日平湖, date: 2025-04-30}
styles:
  body: {font: song, size: 小五, leading: 14pt}
  caption: {font: kai, size: 五号}
boxes: [{id: a}]
pages: [{number: 1}]
"""
PAGE = """\
styles:
  body: {leading: 18pt}
  ear: {font: hei}
boxes: [{id: b}, {id: c}]
"""


def test_merge_takes_the_page_over_the_shared_key_by_key() -> None:
    base = parse_yaml(SHARED, Path("edition.yaml"))
    over = parse_yaml(PAGE, Path("page.yaml"))
    merged = merge_docs(base, over, leave=("pages",))
    assert merged.file == Path("page.yaml")
    assert merged.value["styles"]["body"] == {"font": "song", "size": "小五", "leading": "18pt"}
    assert merged.value["styles"]["caption"] == {"font": "kai", "size": "五号"}
    assert merged.value["styles"]["ear"] == {"font": "hei"}
    assert merged.value["boxes"] == [{"id": "b"}, {"id": "c"}]  # a list replaces whole
    assert "pages" not in merged.value
    # each value where it is written: the shared ones in the shared file
    assert (merged.pos("styles.body.font").file, merged.pos("styles.body.font").line) == (
        Path("edition.yaml"),
        3,
    )
    assert merged.pos("styles.body.leading").file == Path("page.yaml")
    assert merged.pos("edition.title").file == Path("edition.yaml")
    assert merged.pos("boxes[0].id").file == Path("page.yaml")
    assert merged.key("styles.caption").file == Path("edition.yaml")
    # the documents merged are left as they were
    assert base.value["styles"]["body"]["leading"] == "14pt"
    assert over.value["styles"]["body"] == {"leading": "18pt"}


def test_a_value_set_from_another_file_is_positioned_there() -> None:
    doc = parse_yaml("page: {number: 3, name: 城乡}\n", Path("culture.yaml"))
    there = SourcePos(Path("edition.yaml"), 40, 15)
    changed = with_value(doc, "page.number", 2, there)
    assert changed.value["page"] == {"number": 2, "name": "城乡"}
    assert changed.pos("page.number") == there
    assert doc.value["page"]["number"] == 3


def test_a_file_is_parsed_again_exactly_when_its_bytes_change(tmp_path: Path):
    # load_yaml keeps what it parsed by the file's bytes: watch rebuilds without parsing the
    # files that stayed, and an edit of the same length, made at once, is still seen.
    path = tmp_path / "a.yaml"
    path.write_text("title: 一\nlines: 3\n", encoding="utf-8")
    first = load_yaml(path)
    assert load_yaml(path) is first
    path.write_text("title: 二\nlines: 3\n", encoding="utf-8")  # same size
    second = load_yaml(path)
    assert second.value == {"title": "二", "lines": 3} and first.value["title"] == "一"
    path.write_text("title: [\n", encoding="utf-8")
    for _ in range(2):  # an error is not kept: raised each time
        with pytest.raises(SpecError):
            load_yaml(path)


def test_a_comment_after_a_plain_scalar_on_its_line_is_kept_with_its_place(tmp_path: Path):
    # YAML ends a plain scalar at " #" (§6.6): the loader keeps what it cut, so that the
    # schema can tell a note after an id from a hashtag in the copy (layout.articles).
    text = (
        "id: x  # 备注\n"
        "# a comment of its own line\n"
        "body:\n"
        "- 不少网友在微博话题 #城南图书角# 下留言。\n"
        "- '引号里的 #话题# 是正文'  # 注\n"
        "- 跨行的\n"
        "  段落 #尾巴\n"
        "- |\n"
        "  字面块里的 #话题# 也是正文\n"
        "- 没有注释的#号\n"
    )
    doc = parse_yaml(text, tmp_path / "a.yaml")
    assert doc.value["body"][0] == "不少网友在微博话题"
    assert {path: (c.pos.line, c.pos.column, c.text) for path, c in doc.trailing.items()} == {
        "id": (1, 8, "# 备注"),
        "body[0]": (4, 13, "#城南图书角# 下留言。"),
        "body[2]": (7, 6, "#尾巴"),
    }
    assert doc.value["body"][3] == "字面块里的 #话题# 也是正文\n"
    # An alias of a scalar cut so is cut where it is used too, its place the original's.
    aliased = parse_yaml("a: &t 话题 #城南#\nb: *t\n", tmp_path / "b.yaml")
    assert aliased.value == {"a": "话题", "b": "话题"}
    assert aliased.pos("b") == aliased.pos("a") == SourcePos(tmp_path / "b.yaml", 1, 4)
    assert aliased.trailing["b"] == aliased.trailing["a"]
    assert doc.value["body"][4] == "没有注释的#号"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        # A hard wrap pasted between two Han characters: removed (CSS Text 3 §4.1.2), as the
        # text engine removes one in a | block; not a space, printed as a ½-em hole.
        ("- 图书角日前\n  全部开放。\n", "图书角日前全部开放。"),
        ("- >\n  图书角日前\n  全部开放。\n", "图书角日前全部开放。\n"),
        ("- >-\n  图书角日前\n  全部开放，\n  共收到图书。\n", "图书角日前全部开放，共收到图书。"),
        ("- '图书角日前\n  全部开放。'\n", "图书角日前全部开放。"),
        ('- "图书角日前\n  全部开放。"\n', "图书角日前全部开放。"),
        # ... and a full-width mark and a Han character are wide too.
        ("- 共收到图书，\n  一千二百余册\n", "共收到图书，一千二百余册"),
        # Between Western words, or a Western word and a Han character, the break is a space.
        ("- 引进了 Open\n  Library 系统\n", "引进了 Open Library 系统"),
        ("- 引进了Open\n  系统\n", "引进了Open 系统"),
        # A space typed within a line stays; blank lines are newlines, as YAML folds them.
        ("- 记者 林言\n  报道\n", "记者 林言报道"),
        ("- >\n  第一段\n\n  第二段\n", "第一段\n第二段\n"),
        ("- >\n  图书角\n    更缩进的行\n  全部\n", "图书角\n  更缩进的行\n全部\n"),
        # A | block keeps its breaks (the text engine reads them); an escape keeps the
        # parser's value.
        ("- |\n  图书角日前\n  全部开放。\n", "图书角日前\n全部开放。\n"),
        ('- "图书角\\u3000日前\n  全部开放。"\n', "图书角\u3000日前 全部开放。"),
    ],
)
def test_a_line_break_folded_between_two_wide_characters_is_removed(
    tmp_path: Path, written: str, value: str
):
    assert parse_yaml(written, tmp_path / "a.yaml").value == [value]


@pytest.mark.parametrize(
    ("line", "path", "example"),
    [
        ('- "十四五"期间，全市新建图书角。', "body[1]", """- '"十四五"期间，全市新建图书角。'"""),
        ("- 问: 怎么办? 答: 这样办。", "body[1]", "- '问: 怎么办? 答: 这样办。'"),
        ("- '十四五'期间，全市", "body[1]", """- "'十四五'期间，全市\""""),
        ("- [图]城南街道的图书角。", "body[1]", "- '[图]城南街道的图书角。'"),
        (
            "- {图}城南街道的图书角，由居民捐书建成",
            "body[1]",
            "- '{图}城南街道的图书角，由居民捐…'",
        ),
    ],
)
def test_copy_that_yaml_misreads_is_told_to_be_quoted(
    tmp_path: Path, line: str, path: str, example: str
):
    text = f"id: a\nbody:\n- 第一段。\n{line}\n- 第三段。\n"
    with pytest.raises(SpecError) as raised:
        parse_yaml(text, tmp_path / "a.yaml")
    error = raised.value
    assert error.pos.line == 4 and error.key_path == path
    assert error.message.startswith("YAML syntax error: ")
    assert "a paragraph that starts with \", ', [ or { or holds ': ' must be written in quotes" in (
        error.message
    )
    assert error.message.endswith("e.g. " + example)


def test_a_misread_first_paragraph_is_named_as_the_first_item(tmp_path: Path):
    # The list's position is its first dash, where its first item stands too: the item is
    # named, not the list.
    with pytest.raises(SpecError) as raised:
        parse_yaml('id: a\nbody:\n- "十四五"期间\n', tmp_path / "a.yaml")
    assert raised.value.key_path == "body[0]"


def test_a_paragraph_cut_by_a_comment_before_its_next_line_is_told_so(tmp_path: Path):
    # "- 网友 #话题" then "  下留言": the comment ended the text, so its next line is a
    # syntax error; the message says where the comment started.
    with pytest.raises(SpecError) as raised:
        parse_yaml("body:\n- 不少网友 #话题\n  下留言。\n", tmp_path / "a.yaml")
    error = raised.value
    assert (error.pos.line, error.key_path) == (3, "body[0]")
    assert "the ' #' on line 2 starts a YAML comment" in error.message
    assert "in quotes" in error.message and "＃" in error.message


def test_a_misread_value_of_a_key_is_shown_with_its_key(tmp_path: Path):
    text = 'photos:\n- file: p.jpg\n  caption: "城南"街道的图书角\n'
    with pytest.raises(SpecError) as raised:
        parse_yaml(text, tmp_path / "a.yaml")
    assert raised.value.key_path == "photos[0].caption"
    assert raised.value.message.endswith("""e.g. caption: '"城南"街道的图书角'""")


def test_a_syntax_error_that_is_no_misread_copy_has_no_quoting_hint(tmp_path: Path):
    with pytest.raises(SpecError) as raised:
        parse_yaml("title: 头版\n  lines: 3\n", tmp_path / "a.yaml")
    assert "quotes" not in raised.value.message


# --------------------------------------------------------------------------- the cache

_DOC = (
    "# a record\ntitle: 头版  # 报头\nlines: [1, 2.5, true, null]\nshared: &s {a: 1}\nagain: *s\n"
)


def _in_a_new_process(path: Path) -> object:
    """``load_yaml(path)`` as a later process sees it: this process's memo cleared."""
    yamlsource._parsed.cache_clear()
    return load_yaml(path)


def test_a_document_read_back_from_the_cache_is_the_parsed_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "a.yaml"
    path.write_text(_DOC, encoding="utf-8")
    parsed = parse_yaml(_DOC, path)
    first = _in_a_new_process(path)  # parsed, and kept
    assert len(list((tmp_path / "cache" / "yaml").iterdir())) == 1
    again = _in_a_new_process(path)  # read back
    assert again is not first and again == first == parsed
    assert again.value["again"] == {"a": 1} and again.pos("lines[1]") == SourcePos(path, 3, 12)
    # The same bytes in another file: the same entry, the positions in that file.
    other = tmp_path / "b.yaml"
    other.write_bytes(path.read_bytes())
    assert _in_a_new_process(other) == parse_yaml(_DOC, other)
    assert len(list((tmp_path / "cache" / "yaml").iterdir())) == 1


def test_a_damaged_entry_is_parsed_again_and_written_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "a.yaml"
    path.write_text(_DOC, encoding="utf-8")
    parsed = _in_a_new_process(path)
    (entry,) = (tmp_path / "cache" / "yaml").iterdir()
    for damage in (entry.read_bytes()[:40], b"", marshal.dumps((1, 2)), marshal.dumps("x")):
        entry.write_bytes(damage)
        assert _in_a_new_process(path) == parsed
        assert _in_a_new_process(path) == parsed  # the entry was written whole again


def test_an_entry_edited_in_place_is_not_read_as_the_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry that still unpacks but was changed on the disk (a character of copy written
    over) fails its CRC-32: the file is parsed again, never read as the changed copy."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "a.yaml"
    path.write_text("title: 社区议事会\n", encoding="utf-8")
    parsed = _in_a_new_process(path)
    (entry,) = (tmp_path / "cache" / "yaml").iterdir()
    kept = entry.read_bytes()
    assert kept.count("社区".encode()) == 1
    entry.write_bytes(kept.replace("社区".encode(), "社会".encode()))
    again = _in_a_new_process(path)
    assert again.value == {"title": "社区议事会"} and again == parsed
    assert entry.read_bytes() == kept  # written over whole


def test_what_the_cache_cannot_hold_or_keep_is_parsed_each_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A date (marshal keeps plain values only) is not kept; an error is never kept; a cache
    # folder that cannot be written is no error.
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    dated = tmp_path / "dated.yaml"
    dated.write_text("day: !!timestamp 2026-12-02\n", encoding="utf-8")
    assert _in_a_new_process(dated).value == {"day": date(2026, 12, 2)}
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", encoding="utf-8")
    with pytest.raises(SpecError):
        _in_a_new_process(bad)
    assert not (tmp_path / "cache" / "yaml").exists() or not any(
        (tmp_path / "cache" / "yaml").iterdir()
    )
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("BANMIAN_CACHE", str(blocked))
    good = tmp_path / "good.yaml"
    good.write_text(_DOC, encoding="utf-8")
    assert _in_a_new_process(good) == parse_yaml(_DOC, good)


def test_a_change_of_the_parser_is_a_new_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "a.yaml"
    path.write_text(_DOC, encoding="utf-8")
    kept = yamlsource._kept(path.read_bytes())
    identity = yamlsource._parser_identity()
    assert kept is not None and identity is not None
    assert yamlsource._STORE_FORMAT in identity  # the stored form's version is in the key
    yamlsource._parser_identity.cache_clear()
    monkeypatch.setattr(yamlsource, "_STORE_FORMAT", b"banmian-yaml-test")
    assert yamlsource._kept(path.read_bytes()) != kept
    yamlsource._parser_identity.cache_clear()
