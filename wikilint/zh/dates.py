"""Date and time expressions in Chinese prose, found with their offsets and resolved.

Works on plain strings in either script (offsets are code points into the string given).
``scan(text)`` finds expressions; ``resolve(exprs, year=…, date=…)`` fills in the values that
depend on context (a partial date takes the year of the nearest preceding full date, a relative
day counts from the last date, a time takes the current day).  ``parse`` does both.

What is recognised:

* full and partial dates: ``2019年2月27日``, ``2月27日``, ``27日``, ``二〇一九年二月二十七日``,
  ``同年3月22日``, ``今年2月``, ``2019年元旦``; ISO ``2019-02-27``;
* era years: ``民國108年``, ``明治28年``, ``昭和20年``, ``平成31年``, ``光緒元年`` …;
* ranges ``2月27日至28日``, ``2月27日－3月1日``, ``2018年至2019年``; a start ``1月19日起``;
* weekdays attached to a date: ``2月27日（星期三）``, ``週三``, ``周三``, ``（三）``;
* times: ``上午8時56分``, ``晚上6時半``, ``下午1时30分``, ``9時``, ``晚上8點``, ``11:42`` after a date;
* relative days: 同日, 當天, 翌日, 次日, 隔日, 前一日, 兩日後, 一星期後, 三天後, 兩個月後 …;
* claims that other checks verify: ``第N天``, ``N年來``, ``比…早了N分鐘``, ``為期N天``, ``N歲``.

Numbers in free text that only look like dates (``1小時30分``, ``2195.44點``, ``100日元``,
``為期4天``, ``一時``, ``好一點``) are not dates.

The numerals, eras and the model (``DateExpr``, ``Claim``) are in ``dates_model``, the patterns and
``scan`` in ``dates_scan``; resolution and claims are here, and this module is the one to import.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterable

from wikilint.patterns import lazy_compile
from wikilint.zh.dates_model import (  # noqa: F401  (re-exported)
    _FULLWIDTH, ERA_BASE, LUNAR_ERAS, Claim, DateExpr, cn_number, era_to_gregorian, evolve, halfwidth,
)
from wikilint.zh.dates_scan import (  # noqa: F401  (re-exported)
    _DAYPARTS, _DIGITS, _NEAR_REL, _RE_REL, Keyed, _before, check_date, scan,
)

__all__ = [
    "DateExpr",
    "Claim",
    "scan",
    "resolve",
    "parse",
    "scan_claims",
    "cn_number",
    "ERA_BASE",
    "era_to_gregorian",
    "check_date",
    "value_dates",
]


# -- resolution -------------------------------------------------------------------------------


def _add_months(d: dt.date, n: int) -> dt.date:
    m = d.month - 1 + n
    y = d.year + m // 12
    m = m % 12 + 1
    return dt.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _safe_date(y: int | None, m: int | None, d: int | None) -> dt.date | None:
    if y is None or m is None or d is None or not 1 <= y <= 9999:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


@dataclass
class Cursor:
    """Where resolution stands: the current year and day (either may be unknown)."""

    year: int | None = None
    date: dt.date | None = None

    def copy(self) -> "Cursor":
        return Cursor(self.year, self.date)


def resolve(exprs: Iterable[DateExpr], year: int | None = None, date: dt.date | None = None,
            cursor: Cursor | None = None) -> list[DateExpr]:
    """Fill ``value`` / ``end_value`` / ``problem`` in order.  ``cursor`` (if given) is advanced."""
    cur = cursor if cursor is not None else Cursor(year if year is not None else (date.year if date else None), date)
    out = []
    for e in exprs:
        e = _resolve_one(e, cur)
        out.append(e)
    return out


def _resolve_one(e: DateExpr, cur: Cursor) -> DateExpr:
    """Resolve one expression against the cursor and advance it.  Never raises: a date pushed off
    the calendar (9999年12月 … 兩個月後) stays unresolved."""
    try:
        return _resolve(e, cur)
    except (ValueError, OverflowError):
        cur.date = None
        return e


def _resolve(e: DateExpr, cur: Cursor) -> DateExpr:
    if e.is_date and e.lunar:
        # a lunisolar month has 29 or 30 days and its dates have no weekday here: only say what cannot be
        problem = None
        if e.month is not None and not 1 <= e.month <= 12:
            problem = f"there is no month {e.month}"
        elif (e.day is not None and e.day > 30) or (e.end_day is not None and e.end_day > 30):
            problem = "a lunar month has at most 30 days"
        if e.year is not None:
            cur.year = e.year
        cur.date = None
        return evolve(e, problem=problem)
    if e.kind in ("date", "range"):
        year = e.year
        explicit_year = year is not None
        if year is None and e.year_rel is not None and cur.year is not None:
            year = cur.year + e.year_rel
        if e.bce:
            return evolve(e, problem=None)
        month = e.month
        if e.precision == "year":
            if year is not None and e.sets_year:
                cur.year = year
                cur.date = None
            end_value = None
            if e.kind == "range" and e.end_year is not None:
                end_value = _safe_date(e.end_year, 12, 31)
            return evolve(e, year=year, value=_safe_date(year, 1, 1), end_value=end_value)
        if month is None and e.precision == "day":
            # day only: month (and year) from the cursor
            if cur.date is None:
                problem = check_date(None, None, e.day)
                return evolve(e, problem=problem)
            year, month = cur.date.year, cur.date.month
            cand = _safe_date(year, month, e.day)
            if cand is not None and cand < cur.date and (cur.date - cand).days > 15:
                nxt = _add_months(cur.date.replace(day=1), 1)
                cand2 = _safe_date(nxt.year, nxt.month, e.day)
                if cand2 is not None and (cand2 - cur.date).days <= 15:
                    year, month = nxt.year, nxt.month
        elif year is None and cur.year is not None and e.year_rel is None:
            year = cur.year
            # an implicit new year: 12月30日 … 1月2日
            if cur.date is not None and month is not None and month < cur.date.month and e.precision == "day":
                cand = _safe_date(year, month, e.day or 1)
                nxt = _safe_date(year + 1, month, e.day or 1)
                if cand and nxt and (nxt - cur.date).days <= 92:
                    year += 1
        problem = check_date(year if (explicit_year or e.year_rel is not None or year is not None) else None,
                             month, e.day if e.precision == "day" else None)
        value = end_value = None
        if e.precision == "day":
            value = _safe_date(year, month, e.day)
        elif e.precision == "month" and year is not None and 1 <= year <= 9999 and month is not None and 1 <= month <= 12:
            value = dt.date(year, month, 1)
            end_value = dt.date(year, month, calendar.monthrange(year, month)[1])
        if e.kind == "range":
            ey = e.end_year if e.end_year is not None else year
            em = e.end_month if e.end_month is not None else month
            if e.end_precision == "day":
                p2 = check_date(ey, em, e.end_day)
                problem = problem or p2
                end_value = _safe_date(ey, em, e.end_day)
                if end_value and value and end_value < value and e.end_year is None:
                    # 12月30日至1月2日
                    end_value = _safe_date(ey + 1, em, e.end_day) if e.end_month is not None else None
            elif e.end_precision == "month" and ey is not None and 1 <= ey <= 9999 and em and 1 <= em <= 12:
                end_value = dt.date(ey, em, calendar.monthrange(ey, em)[1])
        if value is not None:
            cur.year = value.year
            cur.date = end_value if (e.kind == "range" and end_value and e.end_precision == "day") else (
                value if e.precision == "day" else None)
        elif year is not None:
            cur.year = year
        return evolve(e, year=year if (e.year is not None or e.year_rel is not None) else e.year,
                      value=value, end_value=end_value, problem=problem)
    if e.kind == "relative":
        if cur.date is None or e.ambiguous:
            # 第二天 may be the second day of something else: from here the day is unknown
            cur.date = None
            return e
        return _move(e, cur)
    if e.kind in ("time", "daypart"):
        return evolve(e, value=cur.date)
    return e


def _move(e: DateExpr, cur: Cursor) -> DateExpr:
    """A relative expression counted from the cursor's day."""
    d = cur.date
    if e.day_offset is not None:
        d = d + dt.timedelta(days=e.day_offset)
    elif e.month_offset is not None:
        d = _add_months(d, e.month_offset)
    elif e.year_offset is not None:
        try:
            d = d.replace(year=d.year + e.year_offset)
        except ValueError:
            d = d.replace(year=d.year + e.year_offset, day=28)
    else:
        cur.date = None
        return e
    if d >= cur.date:
        # 前一日, 55年前 look back without moving the story: only forward steps move the cursor
        cur.date = d
        cur.year = d.year
    return evolve(e, value=d)


_LATIN_MONTHS = {name: i for i, names in enumerate(
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
     "september sep sept", "october oct", "november nov", "december dec"), start=1) for name in names.split()}
_RE_LATIN_MDY = lazy_compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?!\d)")
_RE_LATIN_DMY = lazy_compile(r"(?<![\d])(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})(?!\d)")
#: a whole ISO-looking value, month and day however large: in a date parameter 2013-13-01 is a date gone wrong
_RE_ISO_VALUE = lazy_compile(r"(?<![\d\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-])")


def value_dates(value: str) -> list[DateExpr]:
    """The dates of a value that holds nothing but a date (a citation's ``date=``, ``access-date=``):
    ``2009年11月31日``, ``2009-11-31`` (any month and day: 2013-13-01 is a date written wrong, not a
    number), ``February 26, 2013``, ``26 Feb 2013``; resolved, with ``problem`` set where it cannot exist."""
    return list(_value_dates(value))


@lru_cache(maxsize=4096)
def _value_dates(value: str) -> tuple[DateExpr, ...]:
    # memoised: an article's citations repeat their dates (one access-date for every source), and so do a
    # wiki's; the expressions are values, never changed once made
    found = [e for e in scan(value) if e.is_date]
    taken = [(e.start, e.end) for e in found]

    def free(a: int, b: int) -> bool:
        return not any(a < e and s < b for s, e in taken)

    extra: list[DateExpr] = []
    for m in _RE_ISO_VALUE.finditer(value):
        if free(m.start(), m.end()):
            extra.append(DateExpr("date", m.start(), m.end(), m.group(0), year=int(m.group("y")),
                                  month=int(m.group("m")), day=int(m.group("d")), iso=True))
    for rx in (_RE_LATIN_MDY, _RE_LATIN_DMY):
        for m in rx.finditer(value):
            month = _LATIN_MONTHS.get(m.group("mon").lower())
            if month is not None and free(m.start(), m.end()):
                extra.append(DateExpr("date", m.start(), m.end(), m.group(0), year=int(m.group("y")), month=month,
                                      day=int(m.group("d"))))
                taken.append((m.start(), m.end()))
    return tuple(_resolve_one(e, Cursor()) for e in sorted(found + extra, key=lambda e: e.start))


def parse(text: str, year: int | None = None, date: dt.date | None = None) -> list[DateExpr]:
    """``scan`` then ``resolve``: ``parse("2月27日", year=2019)[0].value == date(2019, 2, 27)``."""
    return resolve(scan(text), year=year, date=date)


# -- claims -----------------------------------------------------------------------------------

_NUM = r"(?P<n>\d{1,4}|[一二三四五六七八九十兩两百零〇]{1,5})"
_RE_ORDINAL = lazy_compile(rf"第{_NUM}[天日]")
_RE_EARLIER = lazy_compile(
    r"比(?P<ref>[^，。；！？,;]{0,24}?)(?P<dir>早了|晚了|遲了|迟了|早|晚|遲|迟|提前了|提前|推遲了|推迟了|延遲了|延迟了)"
    rf"(?P<ax>大約|大约|約|约|近|逾)?{_NUM}(?:個|个)?(?P<u>分鐘|分钟|小時|小时|天|日)"
)
_RE_YEARS_SINCE = lazy_compile(rf"{_NUM}(?P<more>多)?(?:年來|年来|年以來|年以来)")
_RE_DURATION = lazy_compile(rf"(?P<pre>為期|为期|歷時|历时|持續|持续|一連|一连|連續|连续|共)(?P<ax>約|约)?{_NUM}(?P<u>天|日)")
_RE_AGE = lazy_compile(
    rf"(?P<pre>享年|終年|终年|時年|时年|年僅|年仅|年方|以|在)?{_NUM}(?:歲|岁|周歲|周岁|週歲)(?P<post>時|时|生日|那年|之際|之际)?"
)
_NEAR_ORDINAL = Keyed(_RE_ORDINAL, "第")
_NEAR_EARLIER = Keyed(_RE_EARLIER, "比")
_NEAR_YEARS_SINCE = Keyed(_RE_YEARS_SINCE, "來来")
_NEAR_DURATION = Keyed(_RE_DURATION, "天日")
_NEAR_AGE = Keyed(_RE_AGE, "歲岁")


def scan_claims(text: str) -> list[Claim]:
    """Every checkable claim in ``text`` (offsets into ``text``)."""
    original = text
    text = halfwidth(text)
    out: list[Claim] = []
    for m in _NEAR_ORDINAL.finditer(text):
        n = cn_number(m.group("n"))
        if n is not None:
            out.append(Claim("ordinal-day", m.start(), m.end(), m.group(0), n, "day"))
    for m in _NEAR_REL.finditer(text):
        if m.group("n") and m.group("dir") in "後后" and m.group("u") in "日天":
            n = cn_number(m.group("n")) if m.group("n") not in ("幾", "几", "數", "数", "多") else None
            if n is not None:
                out.append(Claim("days-after", m.start(), m.end(), m.group(0), n, "day"))
    for m in _NEAR_EARLIER.finditer(text):
        n = cn_number(m.group("n"))
        if n is None:
            continue
        u = m.group("u")
        unit = "minute" if u in ("分鐘", "分钟") else "hour" if u in ("小時", "小时") else "day"
        kind = "earlier" if m.group("dir")[0] in "早提" else "later"
        out.append(Claim(kind, m.start("dir"), m.end(), text[m.start("dir"):m.end()], n, unit,
                         approx=bool(m.group("ax")), ref_start=m.start("ref"), ref_end=m.end("ref")))
    for m in _NEAR_YEARS_SINCE.finditer(text):
        n = cn_number(m.group("n"))
        if n is None or _before(text, m.start()) in _DIGITS:
            continue
        if _before(text, m.start()) in "自從从由於于" and m.group("n").isdigit() and len(m.group("n")) >= 3:
            continue  # 自1988年以來: since a year, not a count of years
        out.append(Claim("years-since", m.start(), m.end(), m.group(0), n, "year", approx=bool(m.group("more"))))
    for m in _NEAR_DURATION.finditer(text):
        n = cn_number(m.group("n"))
        if n is not None:
            out.append(Claim("duration", m.start(), m.end(), m.group(0), n, "day", approx=bool(m.group("ax")),
                             prefix=m.group("pre")))
    for m in _NEAR_AGE.finditer(text):
        n = cn_number(m.group("n"))
        if n is None or _before(text, m.start("n")) in _DIGITS or n > 130:
            continue
        pre = m.group("pre") or ""
        if pre in ("以", "在") and not m.group("post"):
            continue
        if not pre and not m.group("post"):
            continue
        out.append(Claim("age", m.start(), m.end(), m.group(0), n, "year", prefix=pre))
    out.sort(key=lambda c: c.start)
    return [c if c.text == original[c.start:c.end] else replace(c, text=original[c.start:c.end]) for c in out]
