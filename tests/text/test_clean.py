"""Stage 0, clean: every rule with its exact result, the removal reasons and indices,
idempotence, and the fast path (it must agree with the full path, and its plain ranges must
hold no character that needs work)."""

from __future__ import annotations

import os
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from layout.text.clean import (
    _NOT_PLAIN,
    EXPLANATIONS,
    PLAIN_RANGES,
    WESTERN_WHITE_SPACE,
    CleanText,
    RemovalReason,
    clean,
    clean_fully,
    removal_reason,
    resumed,
)

PROPERTY = settings(
    max_examples=int(os.environ.get("BANMIAN_EXAMPLES", "300")),
    deadline=None,
    derandomize=not os.environ.get("BANMIAN_EXAMPLES"),
)


def text_of(raw: str) -> str:
    return clean(raw).text


# --------------------------------------------------------------------------- white space


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("New  York", "New York"),  # a run of spaces is one space
        ("New \t York", "New York"),
        ("a\t\tb", "a b"),
        ("a\u2003\u2009b", "a b"),  # em space + thin space: Western white space
        ("a\u1680b", "a b"),
        ("a\u205fb", "a b"),
        ("记者  林旭东", "记者 林旭东"),  # between Chinese words a space stays one space
        ("a\u00a0 b", "a b"),  # NBSP + space: breakable (UAX #14 LB18), one space
        ("a \u00a0b", "a b"),
        ("a\u00a0b", "a\u00a0b"),  # a no-break space stays no-break
        ("a\u00a0\u202fb", "a\u00a0b"),  # only no-break spaces: one U+00A0
        ("12\u2007345", "12\u00a0345"),  # figure space: no-break
        ("10\u202fkm", "10\u00a0km"),
    ],
)
def test_runs_of_white_space_collapse(raw: str, expected: str) -> None:
    assert text_of(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("中文\r\n换行", "中文换行"),  # CRLF between Han: a hard wrap, removed
        ("中文\r换行", "中文换行"),
        ("中文\n换行", "中文换行"),
        ("中文 \n 换行", "中文换行"),  # spaces around the break go with it
        ("平湖\u2028经济", "平湖经济"),  # LS, PS, NEL, VT, FF are line breaks too
        ("平湖\u2029经济", "平湖经济"),
        ("平湖\u0085经济", "平湖经济"),
        ("平湖\u000b经济", "平湖经济"),
        ("平湖\u000c经济", "平湖经济"),
        ("かな\nカナ", "かなカナ"),  # kana are wide
        ("ＡＢ\nＣＤ", "ＡＢＣＤ"),  # full-width forms are wide
        ("ﾊﾝ\nｶｸ", "ﾊﾝｶｸ"),  # half-width katakana: East_Asian_Width H
        ("abc\r\ndef", "abc def"),  # between Latin words: a space
        ("abc\ndef", "abc def"),
        ("平湖\nPTA", "平湖 PTA"),  # one side not wide: a space
        ("한국\n사람", "한국 사람"),  # Hangul spaces its words: a space
        ("ab\u200b\ncd", "ab\u200bcd"),  # a ZWSP beside the break: the ZWSP stays
        ("平湖\n\u200b经济", "平湖\u200b经济"),
    ],
)
def test_line_breaks(raw: str, expected: str) -> None:
    assert text_of(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("春潮涌动，  活力勃发。", "春潮涌动，活力勃发。"),  # the copy
        ("好。 下一句", "好。下一句"),
        ("他说： “好” 。", "他说：“好”。"),
        ("（ 注 ）", "（注）"),
        ("《 人民日报 》", "《人民日报》"),
        ("问？ 答！ 是； 否、", "问？答！是；否、"),
        ("马丁 · 路德 · 金", "马丁·路德·金"),  # an interpunct carries its blanks
        ("好 ——  是", "好——是"),  # beside a 2-em dash
        ("好 ……  是", "好……是"),
        ("好 ――  是", "好――是"),  # GB 2312's 2-em dash
        ("好 ⸺ 是", "好⸺是"),
        ("a — b", "a — b"),  # a single em dash may be Western, spaced: kept
        ("wait … what", "wait … what"),
        ("第一\u3000 第二", "第一\u3000第二"),  # U+3000 carries its own blank
        ("第一 \u3000第二", "第一\u3000第二"),
        ("平湖，\u00a0经济", "平湖，经济"),
        ("平湖，\n经济", "平湖，经济"),
        ("“好”\n他说", "“好”他说"),  # Chinese quotes are East Asian ambiguous: rule of marks
        ("said “hello” to", "said“hello”to"),  # the quotes' blank halves are the spaces
        ("他说‘好’ 的", "他说‘好’的"),
    ],
)
def test_white_space_beside_a_mark_with_its_own_blank_goes(raw: str, expected: str) -> None:
    assert text_of(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("增长 30 %", "增长 30\u00a0%"),  # the space kept, the sign never sent on alone
        ("气温 25  ℃", "气温 25\u00a0℃"),
        ("面积120 ㎡，", "面积120\u00a0㎡，"),
        ("上涨3\n‰", "上涨3\u00a0‰"),  # a hard wrap there too
        ("百分之 %", "百分之 %"),  # no number before it: an ordinary space
        ("第3 名", "第3 名"),
        ("3\u200b%", "3\u200b%"),  # the editor's own break stays
    ],
)
def test_white_space_between_a_number_and_its_sign_is_no_break(raw: str, expected: str) -> None:
    assert text_of(raw) == expected
    assert clean_fully(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("价格￥ 100元", "价格￥\u00a0100元"),  # the space kept, the sign never left behind
        ("售价$ 5，", "售价$\u00a05，"),
        ("编号№  3", "编号№\u00a03"),
        ("零下- 5度", "零下-\u00a05度"),
        ("￥\n１００", "￥\u00a0１００"),  # a hard wrap too, before a full-width digit
        ("3 + 5", "3 + 5"),  # an operator between two numbers: the space breaks as typed
        ("8 - 2 得 6", "8 - 2 得 6"),
        ("花了$ 钱", "花了$ 钱"),  # no digit after the sign: an ordinary space
        ("￥\u200b100", "￥\u200b100"),  # the editor's own break stays
    ],
)
def test_white_space_between_a_sign_and_its_number_is_no_break(raw: str, expected: str) -> None:
    assert text_of(raw) == expected
    assert clean_fully(raw).text == expected


@pytest.mark.parametrize(
    "raw",
    [
        "slowly, thanks!",
        "he said: yes; no. Then?",
        "U.S. and EU",
        '"Yes," she said',
        "他说 slowly, thanks! 好",
    ],
)
def test_white_space_after_western_punctuation_stays(raw: str) -> None:
    # Latin , . ; : ! ? carry no blank of their own (they are not the full-width marks):
    # the word space after them is Western text's own (clreq §3.2).
    assert text_of(raw) == raw


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  正文  ", "正文"),
        ("\t\n正文\r\n", "正文"),
        ("\u3000\u3000正文", "正文"),  # the typist's indent: the style sets the indent
        (" \u3000 \u3000正文", "正文"),
        ("\u00a0正文\u00a0", "正文"),
        ("\u200b正文\u200b", "正文"),
        ("正文\u3000", "正文\u3000"),  # U+3000 elsewhere is a 1-em blank character
        ("正\u3000\u3000文", "正\u3000\u3000文"),
        ("正文\u3000 ", "正文\u3000"),
        ("   ", ""),
        ("\u3000", ""),
        ("", ""),
    ],
)
def test_white_space_at_the_paragraph_edges(raw: str, expected: str) -> None:
    assert text_of(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("ab\u200bcd", "ab\u200bcd"),  # a zero-width break opportunity stays
        ("ab\u200b\u200bcd", "ab\u200bcd"),
        ("ab \u200b cd", "ab cd"),  # beside a space it adds nothing
        ("ab\u200b cd", "ab cd"),
        ("ab\u200b\u00a0cd", "ab cd"),  # a break beside a no-break space: breakable
    ],
)
def test_zero_width_space(raw: str, expected: str) -> None:
    assert text_of(raw) == expected


def test_only_three_spaces_survive_and_never_two_in_a_row() -> None:
    raw = "平湖 \t\u00a0经济\r\n\u2003发展  PTA\u200b\u200b 2025\u00a0\u202f年"
    cleaned = text_of(raw)
    assert cleaned == "平湖 经济发展 PTA 2025\u00a0年"
    spaces = {c for c in cleaned if c in WESTERN_WHITE_SPACE or c == "\u200b"}
    assert spaces <= {" ", "\u00a0", "\u200b"}


# --------------------------------------------------------------------------- removal


@pytest.mark.parametrize(
    ("char", "reason"),
    [
        ("\x00", RemovalReason.CONTROL),
        ("\x07", RemovalReason.CONTROL),
        ("\x1c", RemovalReason.CONTROL),  # str.isspace() says yes; not Unicode White_Space
        ("\x1f", RemovalReason.CONTROL),
        ("\x7f", RemovalReason.CONTROL),
        ("\x9b", RemovalReason.CONTROL),  # C1
        ("\u200d", RemovalReason.FORMAT),  # ZWJ
        ("\u200c", RemovalReason.FORMAT),  # ZWNJ
        ("\u2060", RemovalReason.FORMAT),  # word joiner
        ("\ufeff", RemovalReason.FORMAT),  # BOM
        ("\u200e", RemovalReason.FORMAT),  # LRM
        ("\u202e", RemovalReason.FORMAT),  # RLO
        ("\u2066", RemovalReason.FORMAT),  # LRI
        ("\u061c", RemovalReason.FORMAT),  # ALM
        ("\u180e", RemovalReason.FORMAT),  # Mongolian vowel separator (Cf since Unicode 6.3)
        ("\U000e0001", RemovalReason.FORMAT),  # language tag
        ("\U000e0041", RemovalReason.FORMAT),  # tag latin capital A
        ("\u034f", RemovalReason.FORMAT),  # combining grapheme joiner: default ignorable
        ("\u3164", RemovalReason.FORMAT),  # Hangul filler
        ("\ud800", RemovalReason.SURROGATE),
        ("\udfff", RemovalReason.SURROGATE),
        ("\ufdd0", RemovalReason.NONCHARACTER),
        ("\ufffe", RemovalReason.NONCHARACTER),
        ("\uffff", RemovalReason.NONCHARACTER),
        ("\U0001fffe", RemovalReason.NONCHARACTER),
        ("\U0010ffff", RemovalReason.NONCHARACTER),
        ("\ufe0f", RemovalReason.VARIATION_SELECTOR),
        ("\ufe00", RemovalReason.VARIATION_SELECTOR),
        ("\U000e0100", RemovalReason.VARIATION_SELECTOR),
        ("\u180b", RemovalReason.VARIATION_SELECTOR),
    ],
)
def test_removed_with_reason_and_raw_index(char: str, reason: RemovalReason) -> None:
    raw = f"平湖{char}经济"
    result = clean(raw)
    assert result.text == "平湖经济"
    [removed] = result.removed
    assert (removed.char, removed.index, removed.reason, removed.at) == (char, 2, reason, 2)
    assert removed.code_point == f"U+{ord(char):04X}"
    assert removed.describe().startswith(removed.code_point)
    assert EXPLANATIONS[reason] in removed.describe()
    # a report never shows the character raw (a lone surrogate cannot even be encoded)
    assert removed.escaped.isascii() and removed.escaped.encode("utf-8")


@pytest.mark.parametrize("char", [" ", "\t", "\n", "\u00a0", "\u3000", "\u200b", "\ue000"])
def test_white_space_zwsp_and_private_use_are_never_removed(char: str) -> None:
    assert removal_reason(char) is None


def test_indices_are_those_of_the_raw_text_and_at_is_in_the_cleaned_text() -> None:
    raw = "\ufeff  平湖\u200d经济，  发展\x00\ufe0f"
    result = clean(raw)
    assert result.text == "平湖经济，发展"
    assert [(r.char, r.index, r.at) for r in result.removed] == [
        ("\ufeff", 0, 0),
        ("\u200d", 5, 2),
        ("\x00", 13, 7),
        ("\ufe0f", 14, 7),
    ]
    for r in result.removed:
        assert raw[r.index] == r.char


@pytest.mark.parametrize("char", ["\u000b", "\u000c", "\u0085", "\u2028", "\u2029"])
def test_a_break_no_keyboard_types_is_a_hard_wrap_and_reported(char: str) -> None:
    # Written as an escape (the probe's "垂直制表\x0b在这里"), it vanished between Han with no
    # report; LF and CR, how copy is typed, are not reported.
    result = clean(f"平湖{char}经济 ab{char}cd")
    assert result.text == "平湖经济 ab cd"
    assert [(r.char, r.index, r.reason, r.at) for r in result.removed] == [
        (char, 2, RemovalReason.LINE_BREAK, 2),
        (char, 8, RemovalReason.LINE_BREAK, 7),
    ]
    assert EXPLANATIONS[RemovalReason.LINE_BREAK] in result.removed[0].describe()
    assert clean("平湖\n经济\r\nab").removed == ()


def test_removal_comes_before_the_white_space_rules() -> None:
    # What is removed is not there for the white space rules: the spaces around a ZWJ are one
    # run, and a BOM before an indent leaves the indent at the paragraph start.
    assert text_of("a \u200d b") == "a b"
    assert text_of("\ufeff\u3000\u3000正文") == "正文"
    assert text_of("，\u200d 好") == "，好"


def test_surrogate_pairs_are_the_character_they_encode() -> None:
    # YAML "\ud83d\ude00" escapes give two code units: read as UTF-16 (RFC 8259 §7).
    assert clean("好\ud83d\ude00").text == "好😀"
    assert clean("好\ud83d\ude00").removed == ()
    result = clean("\ude00好\ud83d")  # a low one first, a high one last: both lone
    assert result.text == "好"
    assert [(r.index, r.reason) for r in result.removed] == [
        (0, RemovalReason.SURROGATE),
        (2, RemovalReason.SURROGATE),
    ]
    # a pair that encodes a removable character is removed as that character, at its index
    result = clean("a\udb40\udc01b")  # U+E0001 LANGUAGE TAG
    assert result.text == "ab"
    assert [(r.char, r.index, r.reason) for r in result.removed] == [
        ("\U000e0001", 1, RemovalReason.FORMAT)
    ]


# --------------------------------------------------------------------------- composition


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("cafe\u0301", "café"),  # composed by NFC
        ("か\u3099", "が"),
        ("e\u0301\u0323", "\u1eb9\u0301"),  # canonical order, composed as far as it goes
        ("q\u0303", "q\u0303"),  # no precomposed form: kept, after its base
        ("平\u0303湖", "平\u0303湖"),
        ("\u0301平湖", "\u0301平湖"),  # a mark with no base: kept as found
        ("a \u0301b", "a \u0301b"),
        ("\uf900", "\uf900"),  # a compatibility ideograph is never normalised
        ("\uf900\u0301", "\uf900\u0301"),  # nor when it has a mark
        ("\u212b\u0301", "\u212b\u0301"),  # ANGSTROM SIGN: NFC would change the base
        ("e\u200d\u0301", "é"),  # the ZWJ is removed first
        ("か\n\u3099", "が"),  # the hard wrap goes, then the mark meets its base
    ],
)
def test_combining_marks_compose_locally(raw: str, expected: str) -> None:
    assert text_of(raw) == expected


def test_no_nfc_of_the_whole_text() -> None:
    raw = "\uf900\uf901e\u0301\u2126"  # compatibility ideographs and OHM SIGN stay themselves
    assert text_of(raw) == "\uf900\uf901é\u2126"
    assert unicodedata.normalize("NFC", raw) != text_of(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("复制的ﬁnancial和ﬂow", "复制的financial和flow"),
        ("oﬃce、eﬀect、ﬄuent", "office、effect、ffluent"),
        ("ﬅ ﬆ", "st st"),
        ("ﬁ\u0301", "fí"),  # spelt out before its mark is composed with the i
    ],
)
def test_latin_ligatures_are_spelt_out_in_their_letters(raw: str, expected: str) -> None:
    assert text_of(raw) == expected
    assert clean(raw).removed == ()


def test_a_ligatures_letters_keep_its_raw_index() -> None:
    """What stood after a removed character is found in the longer cleaned text."""
    cleaned = clean("oﬃ\u200dce")
    assert cleaned.text == "office"
    (removed,) = cleaned.removed
    assert removed.index == 2 and cleaned.text[removed.at :] == "ce"


# --------------------------------------------------------------------------- fast path


def test_plain_text_is_returned_as_it_is() -> None:
    raw = "本报讯 昨天上午，我市召开2025年能源工作会议。GDP增长9.4%，“十四五”New York。"
    result = clean(raw)
    assert result == CleanText(raw)
    assert result.text is raw  # the fast path: nothing copied


def test_plain_ranges_hold_no_character_that_needs_work() -> None:
    reason = removal_reason.__wrapped__  # uncached: 190,000 code points
    for low, high in PLAIN_RANGES:
        for code in range(low, high + 1):
            ch = chr(code)
            assert ch == " " or ch not in WESTERN_WHITE_SPACE, hex(code)
            assert ch not in "\u3000\u200b", hex(code)
            assert unicodedata.category(ch)[0] != "M", hex(code)
            assert reason(ch) is None, hex(code)


def test_the_fast_path_class_holds_exactly_what_is_outside_the_plain_ranges() -> None:
    # The class is written as the complement of PLAIN_RANGES (cheaper to compile): check it
    # code point by code point against the ranges themselves.
    inside = set()
    for low, high in PLAIN_RANGES:
        inside.update(range(low, high + 1))
    outside = [c for c in range(0x110000) if (_NOT_PLAIN.match(chr(c)) is None) != (c in inside)]
    assert outside == []


CHARS = st.one_of(
    st.sampled_from(list("平湖经济发展，。、；：？！“”‘’（）《》——……·")),
    st.sampled_from(list("ab PTA2025.%")),
    st.sampled_from(list(" \t\n\r\u00a0\u2007\u202f\u3000\u200b\u2028\u0085")),
    st.sampled_from(list("\u0301\u0303\u3099\u20e3\u200d\ufeff\ufe0f\x00\x1c\ud800\udc00\ufffe")),
    st.characters(),
)
TEXTS = st.lists(CHARS, max_size=40).map("".join)


@PROPERTY
@given(TEXTS)
def test_fast_path_agrees_with_the_full_path(raw: str) -> None:
    assert clean(raw) == clean_fully(raw)


@PROPERTY
@given(TEXTS)
def test_idempotent(raw: str) -> None:
    once = clean(raw)
    twice = clean(once.text)
    assert twice.text == once.text
    assert twice.removed == ()


@pytest.mark.parametrize(
    "raw",
    [
        "春潮涌动，  活力勃发。",
        "中文\r\n换行",
        "\u3000\u3000正文\u3000",
        "a\u00a0 b\u200b\u200bc",
        "か\n\u3099",
        "好 ——  是",
        "\ufeff\ud800e\u0301",
    ],
)
def test_cleaning_clean_text_changes_nothing(raw: str) -> None:
    once = clean(raw)
    assert clean(once.text) == CleanText(once.text)


def test_soft_hyphens_leave_the_text_and_are_kept_as_break_points() -> None:
    # U+00AD is the editor's hyphenation point: no character of the set text, not reported,
    # its place kept as the index of the character after it (layout.text.words uses it).
    result = clean("Donau\u00addampf\u00ad\u00adschiff  \u00ad平湖")
    assert result.text == "Donaudampfschiff \u5e73\u6e56"
    assert result.removed == ()
    assert result.soft_hyphens == (5, 10, 17)
    assert clean(result.text) == (result.text, (), ())


def test_resumed_copy_keeps_the_soft_hyphens_after_its_start() -> None:
    copy = "in Donau\u00addampf\u00adschiff fuhr"
    whole = clean(copy)
    # (A rest that starts with a space loses it when set, as it always did: not tried here.)
    for start in (k for k in range(len(whole.text) + 1) if whole.text[k : k + 1] != " "):
        rest = clean(resumed(copy, start))
        assert rest.text == whole.text[start:]
        assert rest.soft_hyphens == tuple(k - start for k in whole.soft_hyphens if k > start)


@pytest.mark.parametrize("raw", ["She said ‘yes’ too", "the students’ union", "‘OK’ fine"])
def test_the_space_after_a_latin_words_closing_quote_before_a_latin_letter_stays(raw: str) -> None:
    """Without it the closing ’ would stand between two letters and read as an apostrophe
    (``yes’too`` one word, chars.APOSTROPHE); it sets nothing: the quote's blank is the
    space (prepare)."""
    cleaned = text_of(raw)
    assert "’ " in cleaned and text_of(cleaned) == cleaned
