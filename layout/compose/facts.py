"""The edition's facts as the masthead (报头), the ear (报眼) and the page header print them.

Contract: :func:`fact_lines` gives the lines of one :class:`~layout.spec.model.Fact` of an
edition — the date with its weekday (and the 农历 date on a line of its own when the edition
asks for it), the 期号, the CN number, the 邮发代号, the publisher, the editor — and ``()``
for a fact the edition does not give. :func:`lunar_text` is the 农历 date of a day, from
``lunar_python`` (6tail's calendar, MIT: the months from the astronomical new moons and
solar terms of 寿星天文历, leap months included), written as newspapers print it:
农历乙巳年四月初三, 闰六月, 冬月, 腊月. A day's 农历 date is kept in the user's cache
(``lunar/`` in :func:`layout.output.cache_dir`, by the day and the installed calendar's
identity): a nightly edition prints the same date on every page and in every rebuild, and the
calendar (10 ms to import, 6 ms a day) is loaded only for a day not seen before.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import os
from importlib.util import find_spec
from pathlib import Path

from ..filerecords import file_key
from ..output import cache_dir
from ..spec.model import Edition, Fact


def date_text(edition: Edition) -> str:
    """2025年4月30日 星期三."""
    d = edition.date
    return f"{d.year}年{d.month}月{d.day}日 {edition.weekday}"


def lunar_text(day: datetime.date) -> str:
    """The 农历 date of ``day``: the year by its 干支, the month (闰 before a leap month;
    正, 冬 and 腊 for the first, eleventh and twelfth), the day (初一 … 三十); the one kept
    for the day when this calendar has given it before."""
    stored = _stored_path(day)
    if stored is not None:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = stored.read_text(encoding="utf-8")
            if _plausible(text):
                return text
    text = computed_lunar_text(day)
    if stored is not None:
        _store(stored, text)
    return text


def computed_lunar_text(day: datetime.date) -> str:
    """:func:`lunar_text` from the calendar itself, never from the cache."""
    from lunar_python import Solar  # here: only an edition that prints the 农历 date needs it

    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    # getMonthInChinese() already carries the 闰 of a leap month (getMonth() < 0).
    month = lunar.getMonthInChinese()
    return f"农历{lunar.getYearInGanZhi()}年{month}月{lunar.getDayInChinese()}"


def _stored_path(day: datetime.date) -> Path | None:
    """Where the 农历 date of ``day`` is kept: named by the day and the installed calendar
    (its package file's identity: a new version is another name); None without one."""
    spec = find_spec("lunar_python")
    key = file_key("lunar date 1", Path(spec.origin)) if spec and spec.origin else None
    if key is None:
        return None
    digest = hashlib.sha256(f"{key}\0{day.isoformat()}".encode()).hexdigest()[:32]
    return cache_dir() / "lunar" / digest


def _plausible(text: str) -> bool:
    """A kept date as :func:`computed_lunar_text` writes them (农历 干支 年 … 月 …)."""
    return text.startswith("农历") and "年" in text and "月" in text and len(text) <= 16


def _store(path: Path, text: str) -> None:
    """Keep ``text`` at ``path`` whole or not at all (a hidden file renamed over it); a cache
    that cannot be written is no error: the date is only computed again next time."""
    temp = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)


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
