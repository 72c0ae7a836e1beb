"""The edition's facts as the masthead (报头), the ear (报眼) and the page header print them.

Contract: :func:`fact_lines` gives the lines of one :class:`~layout.spec.model.Fact` of an
edition — the date with its weekday (and the 农历 date on a line of its own when the edition
asks for it), the 期号, the CN number, the 邮发代号, the publisher, the editor — and ``()``
for a fact the edition does not give. :func:`lunar_text` is the 农历 date of a day, from
``lunar_python`` (6tail's calendar, MIT: the months from the astronomical new moons and
solar terms of 寿星天文历, leap months included), written as newspapers print it:
农历乙巳年四月初三, 闰六月, 冬月, 腊月.
"""

from __future__ import annotations

import datetime

from ..spec.model import Edition, Fact


def date_text(edition: Edition) -> str:
    """2025年4月30日 星期三."""
    d = edition.date
    return f"{d.year}年{d.month}月{d.day}日 {edition.weekday}"


def lunar_text(day: datetime.date) -> str:
    """The 农历 date of ``day``: the year by its 干支, the month (闰 before a leap month;
    正, 冬 and 腊 for the first, eleventh and twelfth), the day (初一 … 三十)."""
    from lunar_python import Solar  # here: only an edition that prints the 农历 date needs it

    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    # getMonthInChinese() already carries the 闰 of a leap month (getMonth() < 0).
    month = lunar.getMonthInChinese()
    return f"农历{lunar.getYearInGanZhi()}年{month}月{lunar.getDayInChinese()}"


def fact_lines(edition: Edition, fact: Fact) -> tuple[str, ...]:
    """The lines ``fact`` prints for ``edition``; ``()`` when the edition does not give it."""
    if fact is Fact.DATE:
        lunar = (lunar_text(edition.date),) if edition.lunar else ()
        return (date_text(edition), *lunar)
    value = {
        Fact.ISSUE: edition.issue,
        # A full-width colon after the label: the space a style's Han–Western gap would set
        # there is 0 on papers that set none.
        Fact.CN: f"国内统一连续出版物号：{edition.cn}" if edition.cn else None,
        Fact.POSTAL: f"邮发代号：{edition.postal}" if edition.postal else None,
        Fact.PUBLISHER: edition.publisher,
        Fact.EDITOR: edition.editor,
    }[fact]
    return (value,) if value else ()
