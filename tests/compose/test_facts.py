"""The edition's facts as furniture prints them (``layout.compose.facts``): the 农历 date of
known days (checked against the calendar: 春节, leap months, 冬月 and 腊月, a 除夕 on the 29th),
the date line, the CN and 邮发代号 labels, and a fact the edition does not give."""

from __future__ import annotations

import datetime

import pytest

from layout.compose import facts
from layout.compose.facts import computed_lunar_text, date_text, fact_lines, lunar_text
from layout.spec.model import Edition, Fact

EDITION = Edition(
    title="今日平湖",
    subtitle=None,
    date=datetime.date(2025, 4, 30),
    weekday="星期三",
    issue="第7188期",
    cn=None,
    publisher="中共平湖市委机关报",
    editor="责任编辑 沈佳",
)


@pytest.mark.parametrize(
    ("day", "lunar"),
    [
        # The new moon of 27 April 2025, 19:31 UTC, is 28 April in Beijing: 四月初一.
        ((2025, 4, 30), "农历乙巳年四月初三"),
        ((2025, 3, 31), "农历乙巳年三月初三"),  # 上巳
        ((2025, 1, 29), "农历乙巳年正月初一"),  # 春节 2025
        ((2025, 1, 28), "农历甲辰年腊月廿九"),  # 除夕 2025: 腊月 had 29 days
        ((2024, 2, 10), "农历甲辰年正月初一"),  # 春节 2024
        ((2023, 3, 22), "农历癸卯年闰二月初一"),  # a leap month
        ((2025, 7, 25), "农历乙巳年闰六月初一"),
        ((2024, 12, 1), "农历甲辰年冬月初一"),
        ((2025, 1, 10), "农历甲辰年腊月十一"),
        ((2025, 2, 12), "农历乙巳年正月十五"),  # 元宵
        ((2025, 2, 18), "农历乙巳年正月廿一"),
        ((2025, 2, 27), "农历乙巳年正月三十"),
        ((2025, 10, 6), "农历乙巳年八月十五"),  # 中秋 2025
    ],
)
def test_lunar_dates_of_known_days(day: tuple[int, int, int], lunar: str) -> None:
    assert computed_lunar_text(datetime.date(*day)) == lunar
    assert lunar_text(datetime.date(*day)) == lunar  # computed or kept, the same


def test_a_kept_lunar_date_needs_no_calendar(tmp_path, monkeypatch) -> None:
    """The first process computes a day's 农历 date and keeps it; a later one reads it (the
    calendar is not asked); a damaged record is computed again and mended; another day is
    another record."""
    monkeypatch.setenv("BANMIAN_CACHE", str(tmp_path))
    day = datetime.date(2025, 4, 30)
    assert lunar_text(day) == "农历乙巳年四月初三"
    (kept,) = (tmp_path / "lunar").iterdir()
    asked: list[datetime.date] = []

    def calendar(d: datetime.date) -> str:
        asked.append(d)
        return computed_lunar_text(d)

    monkeypatch.setattr(facts, "computed_lunar_text", calendar)
    assert lunar_text(day) == "农历乙巳年四月初三" and asked == []
    for damage in ("", "农历", "not a date", "农历乙巳年四" * 3):
        kept.write_text(damage, encoding="utf-8")
        assert lunar_text(day) == "农历乙巳年四月初三"
    assert kept.read_text(encoding="utf-8") == "农历乙巳年四月初三" and len(asked) == 4
    assert lunar_text(datetime.date(2025, 10, 6)) == "农历乙巳年八月十五"
    assert len(list((tmp_path / "lunar").iterdir())) == 2


def test_the_date_with_its_weekday_and_the_lunar_line_when_asked() -> None:
    assert date_text(EDITION) == "2025年4月30日 星期三"
    assert fact_lines(EDITION, Fact.DATE) == ("2025年4月30日 星期三",)
    lunar = EDITION._replace(lunar=True)
    assert fact_lines(lunar, Fact.DATE) == ("2025年4月30日 星期三", "农历乙巳年四月初三")


def test_cn_and_postal_are_labelled_and_printed_only_when_given() -> None:
    assert fact_lines(EDITION, Fact.CN) == ()
    assert fact_lines(EDITION, Fact.POSTAL) == ()
    given = EDITION._replace(cn="CN 33-0032", postal="31-36")
    assert fact_lines(given, Fact.CN) == ("国内统一连续出版物号：CN 33-0032",)
    assert fact_lines(given, Fact.POSTAL) == ("邮发代号：31-36",)
    assert given.gives(Fact.CN) and not EDITION.gives(Fact.CN)


def test_every_fact_prints_what_the_edition_says() -> None:
    assert fact_lines(EDITION, Fact.ISSUE) == ("第7188期",)
    assert fact_lines(EDITION, Fact.PUBLISHER) == ("中共平湖市委机关报",)
    assert fact_lines(EDITION, Fact.EDITOR) == ("责任编辑 沈佳",)
    assert fact_lines(EDITION._replace(issue=None), Fact.ISSUE) == ()
    assert all(EDITION.gives(f) == bool(fact_lines(EDITION, f)) for f in Fact)
