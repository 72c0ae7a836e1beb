"""Emoji in the copy: flags, lone regional indicators and pictographs found in order."""

from __future__ import annotations

from layout.text.emoji import Emoji, EmojiKind, emoji


def test_a_flag_is_its_two_regional_indicators_and_its_region_code() -> None:
    (flag,) = emoji("中国队🇨🇳夺冠")
    assert flag == Emoji(3, EmojiKind.FLAG, "\U0001f1e8\U0001f1f3")
    assert flag.letters == "CN"


def test_flags_in_a_row_pair_their_indicators_and_a_lone_one_is_half_a_flag() -> None:
    found = emoji("\U0001f1e8\U0001f1f3\U0001f1fa\U0001f1f8\U0001f1ef")
    assert [(e.index, e.kind, e.letters) for e in found] == [
        (0, EmojiKind.FLAG, "CN"),
        (2, EmojiKind.FLAG, "US"),
        (4, EmojiKind.LETTER, "J"),
    ]


def test_pictographs_are_emoji_and_the_text_symbols_of_chinese_copy_are_not() -> None:
    found = emoji("点赞👍，出发🚀，握手🤝，🫶")
    assert [(e.text, e.kind) for e in found] == [
        ("👍", EmojiKind.PICTOGRAPH),
        ("🚀", EmojiKind.PICTOGRAPH),
        ("🤝", EmojiKind.PICTOGRAPH),
        ("🫶", EmojiKind.PICTOGRAPH),
    ]
    assert found[0].letters == ""
    # ★ ☆ ☎ ✓ and the enclosed alphanumerics (🄰) are symbols a Chinese face draws as text.
    assert emoji("★☆☎✓🄰①") == []
    assert emoji("平常的稿子") == []


def test_a_keycap_is_an_emoji_with_its_key() -> None:
    """1️⃣ after ``clean`` took its VS16 out is the digit and U+20E3; with the VS16 too."""
    found = emoji("键帽1\u20e3和#\ufe0f\u20e3，数字1和\u20e3")
    assert [(e.index, e.kind, e.text, e.letters) for e in found] == [
        (2, EmojiKind.KEYCAP, "1\u20e3", "1"),
        (5, EmojiKind.KEYCAP, "#\ufe0f\u20e3", "#"),
    ]
    assert found[0].end == 4
