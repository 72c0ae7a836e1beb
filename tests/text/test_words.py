"""Where a Western word may break (layout.text.words): URLs and e-mail addresses by the Chicago
Manual of Style, numbers between digit groups, words by a pyphen dictionary, and the last
resort."""

from __future__ import annotations

import pytest

from layout.text.words import (
    BreakKind,
    core_bounds,
    hyphenation_language,
    is_url,
    last_resort_breaks,
    url_head,
    url_length,
    word_breaks,
)


def marked(word: str, language: str = "en_US") -> str:
    """``word`` with ``|`` at each break, ``-|`` where a hyphen would be drawn (a number's
    dearer breaks between the digits of a group left out: :func:`digits`)."""
    out, previous = [], 0
    for offset, kind in word_breaks(word, language):
        if kind is BreakKind.DIGIT:
            continue
        out.append(word[previous:offset] + ("-|" if kind is BreakKind.HYPHEN else "|"))
        previous = offset
    return "".join(out) + word[previous:]


def test_url_breaks_after_slashes_and_before_dots_never_with_a_hyphen() -> None:
    # CMOS 15th ed. §17.11: after // and /, before . - _ ? ~ # %, before or after = and &.
    assert marked("https://www.example.com/news/a-b_c?x=1&y=2") == (
        "https://|www|.example|.com/|news/|a|-b|_c|?x|=|1|&|y|=|2"
    )
    kinds = {kind for _, kind in word_breaks("https://www.example.com/news/2025", "en_US")}
    assert kinds == {BreakKind.PLAIN}


def test_url_never_leaves_a_full_stop_or_hyphen_at_a_line_end() -> None:
    for offset, _ in word_breaks("http://a.b-c.d_e/f.g", "en_US"):
        assert "http://a.b-c.d_e/f.g"[offset - 1] not in ".-_"


def test_email_breaks_after_the_at_sign_and_before_dots() -> None:
    assert marked("zhang.san@pinghu-daily.example.cn") == ("zhang|.san@|pinghu|-daily|.example|.cn")


def test_url_length_leaves_the_sentence_punctuation_out() -> None:
    assert url_length("www.pinghu.gov.cn.", 0) == len("www.pinghu.gov.cn")
    assert url_length("https://a.b/c?d=1,", 0) == len("https://a.b/c?d=1")
    assert url_length("http://en.wikipedia.org/wiki/A_(b)", 0) == 34  # its own brackets
    assert url_length("(http://a.b/c)", 1) == len("http://a.b/c")
    assert url_length("mailto:x@y.org;", 0) == len("mailto:x@y.org")
    assert url_length("12345@qq.com", 0) == 12
    assert url_length("example.com", 0) == 0  # no scheme, no www., no @: a word
    assert is_url("www.a.cn") and not is_url("www.a.cn，")


def test_numbers_break_between_groups_of_three_and_after_separators() -> None:
    # SI Brochure §5.4.4: groups of three from the decimal marker; four digits stay whole.
    assert marked("1234567890") == "1|234|567|890"
    assert marked("2025") == "2025"
    assert marked("12345") == "12|345"
    assert marked("3.14159265") == "3.141|592|65"
    assert marked("1,234,567") == "1,|234,|567"
    assert marked("0573-85012345") == "0573-|85|012|345"
    assert marked("9.4%") == "9.4%"


def digits(word: str) -> list[int]:
    """The offsets of a number's breaks between two digits of a group."""
    return [k for k, kind in word_breaks(word, "en_US") if kind is BreakKind.DIGIT]


def test_a_long_number_breaks_between_any_two_digits_two_kept_either_side() -> None:
    # Where the groups alone leave a line short (an ID number is grouped by no one in
    # threes): between any other two digits of a run of more than four, never one digit alone.
    assert digits("330482199001011234") == [2, 4, 5, 7, 8, 10, 11, 13, 14, 16]
    assert digits("12345") == [3]  # (12|345 is a group's)
    assert digits("2025") == []  # four digits stay whole
    assert digits("3.14159265") == [4, 6, 7]  # the decimals' digits, two kept after the "."
    assert digits("1,234,567") == []  # groups already written
    assert digits("0573-85012345") == [8, 9, 11]
    assert digits("draft_v3.docx") == []  # a name, not a number


def test_hyphenation_by_dictionary_within_the_letter_limits() -> None:
    assert marked("hyphenation") == "hy-|phen-|ation"
    for offset, kind in word_breaks("internationalization", "en_US"):
        assert kind is BreakKind.HYPHEN
        assert offset >= 2 and len("internationalization") - offset >= 3
    assert marked("Donaudampfschifffahrtsgesellschaft", "de_DE") == (
        "Do-|nau-|dampf-|schiff-|fahrts-|ge-|sell-|schaft"
    )


def test_no_hyphenation_of_capitals_digits_short_words_or_none() -> None:
    assert marked("UNESCOINTERNATIONAL") == "UNESCOINTERNATIONAL"
    assert marked("internationalization2025") == "internationalization2025"
    assert marked("cat") == "cat"
    assert marked("internationalization", "none") == "internationalization"


def test_a_word_breaks_after_its_own_hyphen_without_a_second_one() -> None:
    assert marked("state-of-the-art") == "state-|of-|the-|art"
    assert {k for _, k in word_breaks("state-of-the-art", "en_US")} == {BreakKind.PLAIN}
    assert marked("A/B") == "A/B"  # too short on either side
    assert marked("input/output") == "in-|put/|out-|put"


def test_attached_punctuation_is_never_split_off() -> None:
    word = '"internationalization,"'
    assert core_bounds(word) == (1, len(word) - 2)
    breaks = [offset for offset, _ in word_breaks(word, "en_US")]
    assert breaks and all(2 <= offset <= len(word) - 2 for offset in breaks)


def test_last_resort_leaves_two_characters_on_each_side() -> None:
    assert last_resort_breaks("ABCDEFGH", 0, 8) == [2, 3, 4, 5, 6]
    assert last_resort_breaks("ABC", 0, 3) == [1, 2]
    assert last_resort_breaks('"ABCDEF",', 0, 9) == [3, 4, 5]
    assert last_resort_breaks("ab\u0301cde", 0, 6) == [3, 4]  # never before a combining mark


def test_last_resort_never_starts_a_line_with_a_full_stop_comma_or_colon() -> None:
    # UAX #14 LB13: ".5" alone on a line reads as another number.
    assert last_resort_breaks("PM2.5", 0, 5) == [2]
    assert last_resort_breaks("AB,CD:EF", 0, 8) == [3, 4, 6]


def test_last_resort_never_starts_a_line_with_a_postfix_sign() -> None:
    # 120°30′15″ broken before ′ or ″ would start a line with the sign (chars.POSTFIX_SIGNS).
    assert last_resort_breaks("120°30′15″", 0, 10) == [2, 4, 5, 7, 8]
    assert last_resort_breaks("12%34‰56", 0, 8) == [3, 4, 6]


def test_a_decimal_point_makes_no_name_a_word_with_one_is_kept_whole() -> None:
    # PM2.5, v1.2: a word with digits around a full stop is a number's, not a file name's.
    assert word_breaks("PM2.5", "en_US") == []
    assert word_breaks("v1.2", "en_US") == []
    assert word_breaks("PM2.5,", "en_US") == []
    assert marked("draft_v3.docx") == "draft|_v3|.docx"
    assert marked("report2.pdf") == "report2|.pdf"


@pytest.mark.parametrize(
    ("name", "resolved"),
    [("en_US", "en_US"), ("en-GB", "en_GB"), ("de", "de"), ("None", "none"), ("zh", None)],
)
def test_hyphenation_language_names(name: str, resolved: str | None) -> None:
    assert hyphenation_language(name) == resolved


def test_file_names_and_identifiers_break_as_urls_do_never_hyphenated() -> None:
    """A hyphen added to a name a reader types would change it: before . and _ only."""
    assert marked("name_with_underscores_everywhere.txt") == (
        "name|_with|_underscores|_everywhere|.txt"
    )
    assert marked("annual-report.docx") == "annual|-report|.docx"
    assert marked("example.com") == "example|.com"
    assert {k for _, k in word_breaks("layout.text.linebreak", "en_US")} == {BreakKind.PLAIN}
    assert marked("3.14159265") == "3.141|592|65"  # a number is not a name
    assert marked("e.g.") == "e|.g."  # (only offered where nothing else fits the measure)


@pytest.mark.parametrize(
    ("lead", "text", "head"),
    [
        # the rest of a paragraph cut inside a URL: the URL's end, up to the prose after it
        ("详情请访问网站https://www.example.gov.cn/", "news/2025?from=a&b=1#s-3了解。", 24),
        ("见www.", "pinghu.gov.cn。", 13),
        ("来信请寄 editor@", "pinghu.gov.cn，谢谢", 13),
        # not inside one: a cut after a URL's end, or before it, or in a plain word
        ("见https://a.cn/b", "，谢谢", 0),
        ("详情请访问", "https://a.cn/b", 0),
        ("Zusammen", "arbeit项目", 0),
        ("", "news/2025", 0),
    ],
)
def test_url_head_is_the_end_of_a_url_begun_before(lead: str, text: str, head: int) -> None:
    assert url_head(lead, text) == head


def test_the_end_of_a_url_breaks_as_a_url_never_hyphenated() -> None:
    """The words of a URL's end read alone (``timeline&isappinstalled``) would take hyphens;
    as the end of a URL they break only as CMOS §7.44 lets a URL break."""
    end = "timeline&isappinstalled=0"
    assert all(kind is not BreakKind.HYPHEN for _, kind in word_breaks(end, "en_US", url=True))
    plain = BreakKind.PLAIN
    assert word_breaks(end, "en_US", url=True) == [(8, plain), (9, plain), (23, plain), (24, plain)]
