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
