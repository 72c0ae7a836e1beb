"""Clusters: Western words and numbers kept whole, 2-em marks unbreakable (clreq §3.1.4, §3.2)."""

from hypothesis import given
from hypothesis import strategies as st

from layout.text.chars import CharClass
from layout.text.collect import collect


def texts(s: str) -> list[str]:
    return [c.text for c in collect(s)]


def test_numbers_and_words_are_whole() -> None:
    assert texts("达86.5亿元") == ["达", "86.5", "亿", "元"]
    assert texts("增长9.4%。") == ["增长"[0], "长", "9.4%", "。"]
    assert texts("“3+3+3”") == ["“", "3+3+3", "”"]
    assert texts("PTA产线") == ["PTA", "产", "线"]
    assert texts("2025年") == ["2025", "年"]


def test_two_em_marks_are_one_cluster() -> None:
    clusters = collect("好——是……")
    assert [(c.text, c.cls) for c in clusters] == [
        ("好", CharClass.HAN),
        ("——", CharClass.LONG_MARK),
        ("是", CharClass.HAN),
        ("……", CharClass.LONG_MARK),
    ]


def test_single_em_dash_is_a_connector() -> None:
    assert [c.cls for c in collect("2025—2027")] == [
        CharClass.DIGIT,
        CharClass.CONNECTOR,
        CharClass.DIGIT,
    ]


@given(st.text(alphabet="平湖，。“”（）PTA 86.5%—…·/", max_size=60))
def test_clusters_cover_the_text(text: str) -> None:
    clusters = collect(text)
    assert "".join(c.text for c in clusters) == text
    assert all(text[c.start : c.end] == c.text for c in clusters)


def test_combining_marks_stay_in_their_base_cluster() -> None:
    # UAX #14 LB9: no break before a combining mark; a word keeps its marks inside.
    assert [(c.text, c.cls) for c in collect("平\u0303湖")] == [
        ("平\u0303", CharClass.HAN),
        ("湖", CharClass.HAN),
    ]
    assert texts("q\u0303q是") == ["q\u0303q", "是"]
    assert texts("1\u20e3年") == ["1\u20e3", "年"]  # a keycap on a digit
    assert texts("，\u0301好") == ["，\u0301", "好"]
    assert texts("——\u0301好") == ["——\u0301", "好"]
    assert [c.cls for c in collect("ア\u3099")] == [CharClass.HAN]  # a kana voicing mark


def test_a_mark_with_no_base_is_a_symbol_of_its_own() -> None:
    assert [(c.text, c.cls) for c in collect("\u0301平 \u0301")] == [
        ("\u0301", CharClass.SYMBOL),
        ("平", CharClass.HAN),
        (" ", CharClass.SPACE),
        ("\u0301", CharClass.SYMBOL),
    ]


def test_zero_width_space_is_a_break_cluster_that_ends_a_word() -> None:
    assert [(c.text, c.cls) for c in collect("abc\u200bdef")] == [
        ("abc", CharClass.LATIN),
        ("\u200b", CharClass.BREAK),
        ("def", CharClass.LATIN),
    ]


@given(st.text(alphabet="平湖，。“”（）PTA 86.5%—…·/\u0301\u3099\u200b\u00a0\t", max_size=60))
def test_clusters_cover_any_text(text: str) -> None:
    clusters = collect(text)
    assert "".join(c.text for c in clusters) == text
    assert all(text[c.start : c.end] == c.text for c in clusters)
