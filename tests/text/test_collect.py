"""Clusters: Western words and numbers kept whole, 2-em marks unbreakable (clreq §3.1.4, §3.2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from layout.text.chars import CharClass
from layout.text.collect import collect
from layout.text.loops import Loops


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


@pytest.mark.parametrize("loops", list(Loops))
@pytest.mark.parametrize("mark", ["――", "⋯⋯"])
def test_two_em_marks_as_other_encodings_type_them_are_one_cluster(mark: str, loops) -> None:
    """GB 2312's dash (two U+2015) and the midline ellipsis (two U+22EF): 2-em marks too,
    never split across lines (clreq §3.1.4); one alone is a mark of its own: a dash a symbol
    like any other, an ellipsis one that never starts a line (UAX #14 IN)."""
    clusters = collect(f"好{mark}是{mark[0]}", loops=loops)
    alone = CharClass.INSEPARABLE if mark[0] == "⋯" else CharClass.SYMBOL
    assert [(c.text, c.cls) for c in clusters] == [
        ("好", CharClass.HAN),
        (mark, CharClass.LONG_MARK),
        ("是", CharClass.HAN),
        (mark[0], alone),
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


def test_western_punctuation_holds_on_to_its_word() -> None:
    # UAX #14 LB13: no break before , . ; : ! ? — so the space after them is a word space.
    assert texts("他说slowly, thanks!好的") == ["他", "说", "slowly,", " ", "thanks!", "好", "的"]
    assert texts("U.S. and") == ["U.S.", " ", "and"]
    assert texts("(see) it") == ["(see)", " ", "it"]


def test_ascii_quotes_open_and_close_by_context() -> None:
    # After white space or at the start: opening; before white space or punctuation: closing.
    assert texts('He said "yes." OK') == ["He", " ", "said", " ", '"yes."', " ", "OK"]
    assert texts('"Hello", she said') == ['"Hello",', " ", "she", " ", "said"]
    # Between two Han characters the first of a pair opens, the second closes.
    assert texts('他说"好的"是') == ["他", "说", '"好', '的"', "是"]
    assert texts("the players' ball") == ["the", " ", "players'", " ", "ball"]
    # With white space on both sides a quote holds on to nothing.
    assert texts('a " b') == ["a", " ", '"', " ", "b"]


def test_unit_middle_dot_is_set_tight_in_the_word() -> None:
    assert [(c.text, c.cls) for c in collect("千kW·h电")] == [
        ("千", CharClass.HAN),
        ("kW·h", CharClass.LATIN),
        ("电", CharClass.HAN),
    ]
    assert texts("3.5kW·h") == ["3.5kW·h"]
    assert texts("N·m") == ["N·m"]
    # Between Han characters (a transliterated name) it stays the 间隔号.
    assert [c.cls for c in collect("让·雅")] == [
        CharClass.HAN,
        CharClass.INTERPUNCT,
        CharClass.HAN,
    ]


def test_urls_and_email_addresses_are_one_word() -> None:
    assert texts("访问https://www.example.com/a?b=c。") == [
        "访",
        "问",
        "https://www.example.com/a?b=c",
        "。",
    ]
    assert texts("至zhang.san@example.com,谢") == ["至", "zhang.san@example.com,", "谢"]
    assert texts("见www.pinghu.gov.cn") == ["见", "www.pinghu.gov.cn"]


@pytest.mark.parametrize("loops", list(Loops))
def test_a_score_with_the_ratio_sign_is_one_number_as_with_a_colon(loops) -> None:
    # U+2236 RATIO joins its digits as ":" does (3:1); with no digit after it, it holds on to
    # the text before it: no line starts with it (clreq §3.1.4).
    def found(text: str) -> list[tuple[str, CharClass]]:
        return [(c.text, c.cls) for c in collect(text, loops=loops)]

    assert found("比分为21∶19。")[3:] == [("21∶19", CharClass.DIGIT), ("。", CharClass.STOP)]
    assert found("第五场5∶5战平")[3] == ("5∶5", CharClass.DIGIT)
    assert found("以3:1战胜")[1] == ("3:1", CharClass.DIGIT)
    assert found("比分∶3") == [
        ("比", CharClass.HAN),
        ("分∶", CharClass.HAN),
        ("3", CharClass.DIGIT),
    ]
    assert found("21 ∶ 19")[2] == ("∶", CharClass.SYMBOL)  # by a space: nothing to hold on to


@pytest.mark.parametrize("loops", list(Loops))
def test_an_apostrophe_between_letters_is_a_letter_of_the_word(loops) -> None:
    """U+2019 between two Latin letters is the Word apostrophe (chars.APOSTROPHE): one
    Latin word, never broken; elsewhere the Chinese closing quote, a mark of its own."""
    found = [(c.text, c.cls) for c in collect("it’s、don’t和O’Brien、McDonald’s）", loops=loops)]
    assert found == [
        ("it’s", CharClass.LATIN),
        ("、", CharClass.PAUSE),
        ("don’t", CharClass.LATIN),
        ("和", CharClass.HAN),
        ("O’Brien", CharClass.LATIN),
        ("、", CharClass.PAUSE),
        ("McDonald’s", CharClass.LATIN),
        ("）", CharClass.CLOSING),
    ]
    quoted = [(c.text, c.cls) for c in collect("他说‘好’的‘yes’ too 5’6", loops=loops)]
    assert ("’", CharClass.CLOSING) in quoted and quoted.count(("’", CharClass.CLOSING)) == 3
    assert ("yes", CharClass.LATIN) in quoted and ("too", CharClass.LATIN) in quoted


@pytest.mark.parametrize("loops", list(Loops))
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("面积25㎡，", "25㎡"),
        ("重0.5㎏的", "0.5㎏"),
        ("全长12㎞，", "12㎞"),
        ("排量1500㏄的", "1500㏄"),
        ("5㎎和", "5㎎"),
        ("容积3㍷的", "3㍷"),
        ("用时5′30″的", "5′30″"),
        ("东经120°30′15″，", "120°30′15″"),
        ("达25℃的", "25℃"),
        ("温度25°C，", "25°C"),  # °C and °F are one unit symbol each (GB 3102.4)
        ("气温-5°F的", "-5°F"),
        ("高3.5°C", "3.5°C"),
    ],
)
def test_a_unit_sign_or_a_prime_closes_its_number(text: str, word: str, loops) -> None:
    """Squared unit signs and primes are held by their number like % ℃ ° (no break before
    them, no Han–Western gap: clreq §3.2); degrees and primes go on before a digit."""
    found = [(c.text, c.cls) for c in collect(text, loops=loops)]
    assert (word, CharClass.DIGIT) in found


def test_a_word_after_a_degree_sign_is_a_word_of_its_own() -> None:
    assert texts("30°Celsius") == ["30°", "Celsius"]
    assert texts("30°CF") == ["30°", "CF"]


@pytest.mark.parametrize("loops", list(Loops))
def test_a_degree_unit_with_no_number_is_one_word(loops) -> None:
    # 以°C计: the unit symbol alone is never broken between ° and its letter.
    found = [(c.text, c.cls) for c in collect("气温以°C计，或°F。", loops=loops)]
    assert ("°C", CharClass.LATIN) in found and ("°F", CharClass.LATIN) in found
    assert [c.text for c in collect("°Celsius", loops=loops)] == ["°", "Celsius"]


def test_a_telegraph_day_symbol_is_no_unit_of_a_number() -> None:
    assert texts("3㏠") == ["3", "㏠"]  # U+33E0 carries its own number (1日)


@pytest.mark.parametrize("loops", list(Loops))
@pytest.mark.parametrize(
    ("text", "word", "cls"),
    [
        ("由￥100五", "￥100", CharClass.DIGIT),
        ("由¥100五", "¥100", CharClass.DIGIT),
        ("由$5五", "$5", CharClass.DIGIT),
        ("由€5,000五", "€5,000", CharClass.DIGIT),
        ("由£5五", "£5", CharClass.DIGIT),
        ("低至−5℃", "−5℃", CharClass.DIGIT),
        ("低至-5℃", "-5℃", CharClass.DIGIT),
        ("拨+86的", "+86", CharClass.DIGIT),
        ("误差±0.5的", "±0.5", CharClass.DIGIT),
        ("№3号", "№3", CharClass.DIGIT),
        ("达$5m的", "$5m", CharClass.DIGIT),  # a number, as 5m is
        ("为3−5的", "3−5", CharClass.DIGIT),
        ("为20±0.5的", "20±0.5", CharClass.DIGIT),
    ],
)
def test_a_sign_that_opens_a_number_is_its_first_character(
    text: str, word: str, cls: CharClass, loops
) -> None:
    """A currency sign, plus, minus or plus-minus before a number belongs to it, and one
    between two numbers to both: no break between them (UAX #14 LB25: PR × NU, HY × NU,
    NU × PR)."""
    found = [(c.text, c.cls) for c in collect(text, loops=loops)]
    assert found == [(ch, CharClass.HAN) for ch in text[: text.index(word)]] + [(word, cls)] + [
        (ch, CharClass.HAN) for ch in text[text.index(word) + len(word) :]
    ]


@pytest.mark.parametrize("loops", list(Loops))
def test_a_sign_before_no_number_is_a_symbol_of_its_own(loops) -> None:
    """Before anything but a digit a sign stands alone; a cent sign is written after its
    amount (UAX #14 class PO), so it opens nothing."""
    found = [(c.text, c.cls) for c in collect("由+五和$和¢5", loops=loops)]
    assert ("+", CharClass.SYMBOL) in found and ("$", CharClass.SYMBOL) in found
    assert ("¢", CharClass.SYMBOL) in found and ("5", CharClass.DIGIT) in found


@pytest.mark.parametrize("loops", list(Loops))
@pytest.mark.parametrize(
    ("text", "word", "cls"),
    [
        ("面积100m²的", "100m²", CharClass.DIGIT),
        ("水H₂O的", "H₂O", CharClass.LATIN),
        ("排放CO₂的", "CO₂", CharClass.LATIN),
        ("公式E=mc²的", "E=mc²", CharClass.LATIN),
        ("约3½个", "3½", CharClass.DIGIT),
        ("为10⁻³的", "10⁻³", CharClass.DIGIT),
        ("离子Ca²⁺的", "Ca²⁺", CharClass.LATIN),
        ("约1⁄2的", "1⁄2", CharClass.DIGIT),
    ],
)
def test_superscripts_subscripts_and_fractions_are_characters_of_their_word(
    text: str, word: str, cls: CharClass, loops
) -> None:
    """x², H₂O, 3½: one word or number (UAX #14 LB28: no break inside a run of AL)."""
    found = [(c.text, c.cls) for c in collect(text, loops=loops)]
    assert (word, cls) in found
    assert [c.text for c in collect(text, loops=loops)].count(word) == 1
    assert len(found) == len(text) - len(word) + 1


def test_enclosed_numerals_and_kanbun_marks_stay_symbols_of_their_own() -> None:
    """① Ⅲ are 1-em symbols of CJK copy, not digits; the kanbun marks ㆒ ㆓ are <super>
    ideographs."""
    assert [(c.text, c.cls) for c in collect("①号Ⅲ期㆒")] == [
        ("①", CharClass.SYMBOL),
        ("号", CharClass.HAN),
        ("Ⅲ", CharClass.SYMBOL),
        ("期", CharClass.HAN),
        ("㆒", CharClass.SYMBOL),
    ]
