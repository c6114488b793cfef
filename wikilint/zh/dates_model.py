"""Chinese numerals and era years, and what ``wikilint.zh.dates`` finds: ``DateExpr`` (a date, time
or relative-day expression with its offsets and, once resolved, its value) and ``Claim`` (a count a
check can verify: ``第N天``, ``N年來``, ``為期N天``, ``N歲`` …)."""

from __future__ import annotations

import datetime as dt
import operator
import re
from dataclasses import dataclass, fields

# -- numerals ---------------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("０１２３４５６７８９－／：～", "0123456789-/:~")
_FULLWIDTH_CHAR = re.compile("[０-９－／：～]")


def halfwidth(text: str) -> str:
    """``text`` with full-width digits and ``－／：～`` in their ASCII forms (code point for code point).
    ``str.translate`` looks every character up in a dict: most text needs no change, and a search says so."""
    return text.translate(_FULLWIDTH) if _FULLWIDTH_CHAR.search(text) else text
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "廿": 20, "卅": 30, "百": 100, "千": 1000}
CN_NUM = "〇○零一二三四五六七八九十廿卅兩两百千"


def cn_number(s: str) -> int | None:
    """``二十七`` → 27, ``十二`` → 12, ``二〇一九`` → 2019, ``元`` → 1, ``27`` → 27; None if not a number."""
    s = halfwidth(s.strip())
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if s == "元":
        return 1
    if all(c in _CN_DIGIT for c in s):
        if len(s) == 1:
            return _CN_DIGIT[s]
        return int("".join(str(_CN_DIGIT[c]) for c in s))  # 二〇一九: digit by digit
    total, current = 0, None
    for c in s:
        if c in _CN_DIGIT:
            current = _CN_DIGIT[c]
        elif c in _CN_UNIT:
            unit = _CN_UNIT[c]
            if unit in (20, 30):  # 廿 卅 stand for 二十 三十
                total += unit
                current = None
                continue
            total += (1 if current is None else current) * unit
            current = None
        else:
            return None
    return total + (current or 0)


# -- eras -------------------------------------------------------------------------------------

#: era name → Gregorian year of its year 1 minus one (民國1年 = 1912)
ERA_BASE: dict[str, int] = {
    "民國": 1911, "民国": 1911, "中華民國": 1911, "中华民国": 1911,
    "明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018,
    "光緒": 1874, "光绪": 1874, "宣統": 1908, "宣统": 1908, "同治": 1861,
    "咸豐": 1850, "咸丰": 1850, "道光": 1820, "嘉慶": 1795, "嘉庆": 1795,
    "乾隆": 1735, "雍正": 1722, "康熙": 1661,
}
#: eras whose years follow the Chinese lunisolar calendar (a month in them can fall in the next
#: Gregorian year)
LUNAR_ERAS = frozenset({"光緒", "光绪", "宣統", "宣统", "同治", "咸豐", "咸丰", "道光", "嘉慶", "嘉庆",
                        "乾隆", "雍正", "康熙"})
def era_to_gregorian(era: str, year: int) -> int:
    return ERA_BASE[era] + year


_ERA_ALT = "|".join(sorted(ERA_BASE, key=len, reverse=True))

# -- the model --------------------------------------------------------------------------------


@dataclass(slots=True)
class DateExpr:
    """One date or time expression.  ``start``/``end`` are offsets into the scanned string.

    Treated as a value: nothing changes one once made, ``evolve`` makes the changed copy (not frozen
    only because a frozen dataclass sets each of its many fields through ``object.__setattr__``,
    several times slower, and scanning makes one per date of every article).

    ``kind``: ``date`` (``precision`` day / month / year), ``range``, ``time``, ``relative``,
    ``daypart`` (凌晨, 下午 … without an hour).
    Written fields (``year``, ``month``, ``day``, ``hour``, ``minute``) are what the text says;
    ``value``/``end_value``/``time`` are filled by ``resolve``.
    """

    kind: str
    start: int
    end: int
    text: str
    precision: str = "day"
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year_rel: int | None = None  # 同年 0, 去年 -1, 翌年 +1 …
    era: str | None = None
    era_year: int | None = None
    iso: bool = False
    bce: bool = False
    holiday: str | None = None
    # range: the end as written (fields the end leaves out come from the start)
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    end_precision: str | None = None
    since: bool = False  # …起
    alternative: bool = False  # a range written 10日或11日: one of the two days, not both
    lunar: bool = False  # 農曆二月三十日, 光緒二十年二月: a date of the lunisolar calendar (no Gregorian value)
    weekday: int | None = None  # stated weekday, 0 = Monday
    weekday_span: tuple[int, int] | None = None  # the weekday word (星期三, （三）)
    weekday_end: int | None = None  # where the weekday and its brackets end
    # time of day
    hour: int | None = None
    minute: int | None = None
    daypart: str | None = None
    approx: bool = False
    # relative
    day_offset: int | None = None
    month_offset: int | None = None
    year_offset: int | None = None
    ambiguous: bool = False  # 第二天: the next day, or the second day of something
    tz: str | None = None  # 美國時間 …
    sets_year: bool = True  # a year alone sets the context only where it heads a clause (2019年，…)
    # resolved
    value: dt.date | None = None
    end_value: dt.date | None = None
    problem: str | None = None

    @property
    def is_date(self) -> bool:
        return self.kind in ("date", "range")

    @property
    def minutes(self) -> int | None:
        if self.hour is None:
            return None
        return self.hour * 60 + (self.minute or 0)


_DATE_EXPR_FIELDS = operator.attrgetter(*(f.name for f in fields(DateExpr)))


def evolve(e: DateExpr, **changes) -> DateExpr:
    """A copy of ``e`` with ``changes`` (``dataclasses.replace`` without its per-call field inspection)."""
    new = DateExpr(*_DATE_EXPR_FIELDS(e))
    for name, value in changes.items():
        setattr(new, name, value)
    return new


@dataclass(frozen=True, slots=True)
class Claim:
    """Something the text states that can be checked against its dates.

    ``kind``: ``ordinal-day`` (第6天), ``days-after`` (6天後), ``earlier``/``later`` (比…早了4分鐘),
    ``years-since`` (55年來), ``duration`` (為期4天), ``age`` (36歲).  ``n`` is the number, ``unit``
    ``day``/``minute``/``hour``/``year``/``month``/``week``; ``span`` the whole claim, ``number_span``
    where the number sits; ``ref_span`` the part the claim measures from (the ``比…`` phrase).
    """

    kind: str
    start: int
    end: int
    text: str
    n: int
    unit: str
    approx: bool = False
    ref_start: int | None = None
    ref_end: int | None = None
    prefix: str = ""
