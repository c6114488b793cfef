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
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Iterable

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

# -- numerals ---------------------------------------------------------------------------------

_FULLWIDTH = str.maketrans("０１２３４５６７８９－／：～", "0123456789-/:~")
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "兩": 2, "两": 2, "三": 3, "四": 4,
             "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "廿": 20, "卅": 30, "百": 100, "千": 1000}
CN_NUM = "〇○零一二三四五六七八九十廿卅兩两百千"


def cn_number(s: str) -> int | None:
    """``二十七`` → 27, ``十二`` → 12, ``二〇一九`` → 2019, ``元`` → 1, ``27`` → 27; None if not a number."""
    s = s.strip().translate(_FULLWIDTH)
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


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date or time expression.  ``start``/``end`` are offsets into the scanned string.

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


# -- patterns ---------------------------------------------------------------------------------

_YREL = {"同年": 0, "當年": 0, "当年": 0, "今年": 0, "本年": 0, "該年": 0, "该年": 0,
         "是年": 0, "去年": -1, "前年": -2, "翌年": 1, "次年": 1, "隔年": 1, "明年": 1, "來年": 1,
         "来年": 1}
_YREL_ALT = "|".join(_YREL)
_HOLIDAYS = {"元旦": (1, 1), "聖誕節": (12, 25), "圣诞节": (12, 25), "平安夜": (12, 24),
             "情人節": (2, 14), "情人节": (2, 14), "愚人節": (4, 1), "愚人节": (4, 1),
             "萬聖節": (10, 31), "万圣节": (10, 31)}
_HOL_ALT = "|".join(_HOLIDAYS)

_YEAR = (
    rf"(?:(?P<bce>公元前|西元前)|(?:公元|西元))?(?P<y>\d{{1,4}}|[〇○零一二三四五六七八九]{{4}})年"
    rf"|(?P<era>{_ERA_ALT})(?P<ey>元|\d{{1,3}}|[一二三四五六七八九十百]{{1,4}})年"
    rf"|(?P<yrel>{_YREL_ALT})"
)
_MONTH = r"(?P<m>\d{1,2}|十[一二三四五六七八九]|[一二三四五六七八九十])月份?"
_DAY = r"(?P<d>\d{1,2}|[一二三]?十[一二三四五六七八九]?|[廿卅][一二三四五六七八九]?|[一二三四五六七八九])(?P<dm>[日號号])"

_RE_YMD = re.compile(rf"(?:{_YEAR})?{_MONTH}(?:{_DAY})?")
_RE_YHOL = re.compile(rf"(?:{_YEAR})(?P<hol>{_HOL_ALT})")
_RE_Y = re.compile(rf"(?:{_YEAR})")
_RE_D = re.compile(r"(?P<d>\d{1,2})日")
_RE_ISO = re.compile(r"(?<![\d/.\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-])")

_TZ = re.compile(
    r"(?P<tz>(?:美國|美国|美東|美东|美西|華盛頓|华盛顿|紐約|纽约|當地|当地|北京|台北|臺北|香港|日本|東京|东京|"
    r"韓國|韩国|首爾|首尔|越南|河內|河内|朝鮮|朝鲜|平壤|英國|英国|倫敦|伦敦|歐洲|欧洲|格林尼治|協調世界|协调世界|"
    r"太平洋|東部|东部|西部|中部)(?:標準|标准|夏令)?時間|(?:美國|美国)(?:東部|东部|西部|太平洋)?時間|UTC|GMT)$"
)

_DAYPARTS = {
    "上午": "am", "早上": "am", "早晨": "am", "清晨": "am", "晨": "am", "早": "am",
    "凌晨": "night", "午夜": "night",
    "中午": "noon", "正午": "noon",
    "下午": "pm", "午後": "pm", "午后": "pm", "傍晚": "pm", "黃昏": "pm", "黄昏": "pm",
    "晚上": "pm", "晚間": "pm", "晚间": "pm", "夜晚": "pm", "夜間": "pm", "夜间": "pm", "晚": "pm",
    "夜": "pm", "當晚": "pm", "当晚": "pm", "今晚": "pm", "深夜": "late",
}
_DP_ALT = "|".join(sorted(_DAYPARTS, key=len, reverse=True))
_RE_TIME = re.compile(
    rf"(?P<dp>{_DP_ALT})?(?P<h>\d{{1,2}}|[零〇一二三四五六七八九十两兩]{{1,3}})\s?(?P<unit>[時时點点])"
    r"(?:(?P<mi>\d{1,2}|[零〇一二三四五六七八九十]{1,3})分|(?P<half>半)|(?P<q>一刻|三刻))?"
    r"(?P<tail>鐘|钟|整|正)?(?P<ax>左右|許|许)?"
)
_RE_DAYPART = re.compile(
    r"(?:凌晨|清晨|早上|早晨|上午|中午|正午|下午|傍晚|黃昏|黄昏|晚上|晚間|晚间|夜間|夜间|深夜|午夜)"
    r"(?![\d零〇一二三四五六七八九十两兩時时點点])"
)
_RE_CLOCK = re.compile(r"(?P<dp>" + _DP_ALT + r")?\s?(?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?![\d:])")

_NUMW = r"(?:\d{1,3}|[一二三四五六七八九十兩两廿卅百]{1,4}|幾|几|數|数|多)"
_RE_REL = re.compile(
    r"(?P<same>同日|同天|當日|当日|當天|当天|即日|是日|該日|该日|當晚|当晚|當夜|当夜|同晚)"
    r"|(?P<next>翌日|次日|隔日|隔天|翌天|次天|翌晨|次晨|翌晚|次晚|明日|明天|第二天|第二日|第2天|第2日)"
    r"|(?P<prev>前一日|前一天|前日|昨日|昨天|前一晚|前夜)"
    rf"|(?P<n>{_NUMW})(?P<u>[日天]|(?:個|个)?(?:星期|禮拜|礼拜|週|周)|(?:個|个)?月|年)(?:之|以)?(?P<dir>[後后]|前)"
)
_RE_WEEKDAY = re.compile(
    r"\s?(?:[（(]\s?)?(?P<word>(?:星期|禮拜|礼拜|週|周)(?P<w>[一二三四五六日天]))\s?[）)]?"
    r"|\s?(?P<word2>[（(](?P<w2>[一二三四五六日])[）)])"
)
_WEEKDAY_NUM = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_LUNAR_BEFORE = re.compile(r"(?:農曆|农历|陰曆|阴历|舊曆|旧历|夏曆|夏历|黄历|黃曆)\s?$")
_RE_RANGE_SEP = re.compile(r"\s?(?:至|到|[-－–—~～〜]|(?P<alt>或))\s?")

# characters that, just before a number, make it a count rather than a date
_COUNT_BEFORE = set("第每約约近逾共達达計计期續续歷历僅仅只再多數数幾几前後后時时滿满了超足隔")
_DAY_NOT_AFTER = set("後后前內内間间來来以元圓圆幣币本文語语軍军方式裔籍系間左之")
_YEAR_NOT_AFTER = set("來来後后前間间內内多半級级制代紀纪齡龄輕轻薪資资期以左之")
_TIME_NOT_AFTER = set("代期間间候刻段差速薪區区")
_DIGITS = set("0123456789.．/:")
_NOT_BEFORE_REL = set("此這这該该每上下本首多幾几其哪某那" + "〇○零一二三四五六七八九十廿卅兩两百千")
# what may stand before 兩日後 when it counts from the last date mentioned (a clause start, 在 …)
_REL_ANCHORED = set("\0，,。；;：:、「『（(在於于則则也又並并再便就即約约")


def _before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else "\0"


def _after(text: str, i: int) -> str:
    return text[i] if i < len(text) else "\0"


def check_date(year: int | None, month: int | None, day: int | None) -> str | None:
    """Why the date cannot exist (``"month 2 has 28 days, not 30"``), or None if it can."""
    if month is not None and not 1 <= month <= 12:
        return f"there is no month {month}"
    if day is not None:
        if day < 1:
            return f"there is no day {day}"
        if month is None:
            return f"there is no day {day}" if day > 31 else None
        if year is not None and year > 0:
            last = calendar.monthrange(year, month)[1]
        else:
            last = 29 if month == 2 else calendar.monthrange(2001, month)[1]
        if day > last:
            if month == 2 and day == 29:
                return f"{year} is not a leap year: February has 28 days"
            return f"month {month} has {last} days, not {day}"
    return None


def _tz_before(text: str, start: int) -> str | None:
    m = _TZ.search(text, max(0, start - 12), start)
    return m.group("tz") if m else None


def _year_from(m: re.Match) -> dict:
    out: dict = {}
    if m.group("y"):
        out["year"] = cn_number(m.group("y"))
        if m.group("bce"):
            out["bce"] = True
    elif m.group("era"):
        era = m.group("era")
        ey = cn_number(m.group("ey"))
        if ey is not None:
            out.update(era=era, era_year=ey, year=era_to_gregorian(era, ey))
    elif m.group("yrel"):
        out["year_rel"] = _YREL[m.group("yrel")]
    return out


def _year_ok(text: str, m: re.Match) -> bool:
    """An Arabic year of three or four digits (or any with 公元 / an era), not a count of years."""
    if m.group("y"):
        ys = m.group("y")
        start = m.start("y")
        if _before(text, start) in _DIGITS or _before(text, start) in _COUNT_BEFORE:
            return False
        if ys.isdigit() and len(ys) < 3 and not m.group(0).startswith(("公元", "西元")):
            return False
    return True


_TIME_UNITS = re.compile("[時时點点]")


def scan(text: str) -> list[DateExpr]:
    """Every date, range, time and relative expression in ``text``, in order, unresolved."""
    original = text
    text = text.translate(_FULLWIDTH)
    found: list[DateExpr] = []
    taken = bytearray(len(text) + 1)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(e: DateExpr) -> None:
        found.append(e)
        for i in range(e.start, e.end):
            taken[i] = 1

    # each pattern needs a character of its own (年, 月, 日, 時, :, -): a block without it skips the pattern
    for m in (_RE_ISO.finditer(text) if "-" in text else ()):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if not (1000 <= y <= 2999 and 1 <= mo <= 12 and 1 <= d <= 31):
            continue  # 1234-56-78 is a number, not a date
        take(DateExpr("date", m.start(), m.end(), m.group(0), year=y, month=mo, day=d, iso=True))
        # a clock time right after an ISO date: 2019-03-01 11:42
        c = re.compile(r"[ T](?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?![\d:])").match(text, m.end())
        if c:
            take(DateExpr("time", c.start("h"), c.end(), c.group(0).strip(), hour=int(c.group("h")),
                          minute=int(c.group("mi"))))

    for m in (_RE_YHOL.finditer(text) if "年" in text else ()):
        if not free(m.start(), m.end()) or not _year_ok(text, m):
            continue
        mo, d = _HOLIDAYS[m.group("hol")]
        take(DateExpr("date", m.start(), m.end(), m.group(0), month=mo, day=d, holiday=m.group("hol"),
                      **_year_from(m)))

    for m in (_RE_YMD.finditer(text) if "月" in text else ()):
        if not free(m.start(), m.end()):
            continue
        start = m.start()
        fields = {}
        has_year = m.group("y") or m.group("era") or m.group("yrel")
        if has_year:
            if not _year_ok(text, m):
                # drop the year, keep the month and day
                start = m.start("m")
            else:
                fields = _year_from(m)
        ms = m.group("m")
        if start == m.start("m"):
            before = _before(text, start)
            if before in _DIGITS or before in _COUNT_BEFORE or before in "個个上下本同該该這这那每":
                continue
            if not ms.isdigit() and not m.group("d") and before not in ("\0", "，", "。", "、", "；", "於", "于", "在", "（", "(", " ", "至", "到", "自", "從", "从"):
                # 五月天, 一月間: a Chinese-numeral month alone only where a date can start
                continue
        month = cn_number(ms)
        end = m.end()
        day = None
        precision = "month"
        if m.group("d"):
            day = cn_number(m.group("d"))
            precision = "day"
            if _after(text, m.end()) in "元圓圆幣币本文語语軍军方式裔籍系":
                # 10月10日元: 日 belongs to the next word
                end, day, precision = m.end("m"), None, "month"
        e = DateExpr("date", start, end, text[start:end], precision=precision, month=month, day=day, **fields)
        take(e)

    for m in (_RE_Y.finditer(text) if "年" in text else ()):
        if not free(m.start(), m.end()) or not m.group("y") and not m.group("era"):
            continue
        if not _year_ok(text, m) or _after(text, m.end()) in _YEAR_NOT_AFTER:
            continue
        if m.group("y") and not m.group("y").isdigit() and len(m.group("y")) != 4:
            continue
        heads = _heads_clause(text, m.end())
        take(DateExpr("date", m.start(), m.end(), m.group(0), precision="year", sets_year=heads, **_year_from(m)))

    for m in (_RE_D.finditer(text) if "日" in text else ()):
        if not free(m.start(), m.end()):
            continue
        before = _before(text, m.start())
        if before in _DIGITS or before in _COUNT_BEFORE or before in CN_NUM or before in "月":
            continue
        if _after(text, m.end()) in _DAY_NOT_AFTER:
            continue
        take(DateExpr("date", m.start(), m.end(), m.group(0), precision="day", day=int(m.group("d"))))

    for m in (_RE_TIME.finditer(text) if _TIME_UNITS.search(text) else ()):
        start = m.start("h") if not m.group("dp") else m.start()
        if not free(start, m.end()):
            continue
        h_s = m.group("h")
        before = _before(text, m.start("h"))
        if before in _DIGITS or before in "小第個个每約约近共":
            continue
        has_detail = m.group("mi") or m.group("half") or m.group("q") or m.group("tail")
        if not h_s.isdigit() or m.group("unit") in "點点":
            if not (m.group("dp") or has_detail):
                continue
        if not has_detail and _after(text, m.end("unit")) in _TIME_NOT_AFTER:
            continue
        hour = cn_number(h_s)
        if hour is None:
            continue
        minute = cn_number(m.group("mi")) if m.group("mi") else 30 if m.group("half") else (
            15 if m.group("q") == "一刻" else 45 if m.group("q") else 0)
        dp = m.group("dp")
        problem = None
        if minute is not None and minute > 59:
            problem = f"there is no minute {minute}"
        elif hour > 24 or (hour == 24 and minute):
            problem = f"there is no hour {hour}"
        hour24 = _to24(hour, dp)
        take(DateExpr("time", start, m.end(), text[start:m.end()], hour=hour24, minute=minute,
                      daypart=dp, approx=bool(m.group("ax")), problem=problem))

    for m in (_RE_CLOCK.finditer(text) if ":" in text else ()):
        start = m.start() if m.group("dp") else m.start("h")
        if not free(start, m.end()):
            continue
        before = _before(text, m.start("h") if not m.group("dp") else m.start())
        after = text[m.end():m.end() + 2]
        # 19:00 is a time after a day part, a day (11日01:43), 於 / 在, or before 左右; 3:10 alone may be a score
        if not (m.group("dp") or before in "日）)於于在至到" or after.startswith(("左右", "前後", "前后"))):
            continue
        if before in _DIGITS:
            continue
        hour, minute = int(m.group("h")), int(m.group("mi"))
        take(DateExpr("time", start, m.end(), text[start:m.end()], hour=_to24(hour, m.group("dp")), minute=minute,
                      daypart=m.group("dp"), approx=after.startswith(("左右", "前後", "前后"))))

    for m in _RE_DAYPART.finditer(text):
        # 26日凌晨, 當天晚上: a part of the day without an hour
        if free(m.start(), m.end()):
            take(DateExpr("daypart", m.start(), m.end(), m.group(0), daypart=m.group(0)))

    for m in _RE_REL.finditer(text):
        if not free(m.start(), m.end()):
            continue
        kw: dict = {}
        if (m.group("same") or m.group("next")) and _before(text, m.start()) in _NOT_BEFORE_REL:
            continue  # 此次晚宴, 每日, 上次日程
        if m.group("same"):
            kw["day_offset"] = 0
        elif m.group("next"):
            kw["day_offset"] = 1
            kw["ambiguous"] = m.group("next").startswith("第")
        elif m.group("prev"):
            kw["day_offset"] = -1
        else:
            n = cn_number(m.group("n")) if m.group("n") not in ("幾", "几", "數", "数", "多") else None
            before = _before(text, m.start())
            if before in _DIGITS or before in CN_NUM:
                continue
            sign = 1 if m.group("dir") in "後后" else -1
            u = m.group("u")
            if n is not None:
                n *= sign
            if u in "日天":
                kw["day_offset"] = n
            elif u.endswith(("星期", "禮拜", "礼拜", "週", "周")):
                kw["day_offset"] = None if n is None else 7 * n
            elif u.endswith("月"):
                kw["month_offset"] = n
            else:
                kw["year_offset"] = n
            if n is None:
                kw["approx"] = True
            if _before(text, m.start()) not in _REL_ANCHORED:
                # 談判結束兩天後: counted from an event, not from the last date
                kw.update(day_offset=None, month_offset=None, year_offset=None, ambiguous=True)
        take(DateExpr("relative", m.start(), m.end(), m.group(0), **kw))

    found.sort(key=lambda e: e.start)
    found = _attach(text, found)
    return [replace(e, text=original[e.start:e.end]) for e in found]


#: the same year in another calendar, in brackets: 民國85年（1996年）, 1907年（明治40年）
_BRACKET_YEAR = re.compile(rf"\s?[（(]\s?(?:公元|西元)?(?:\d{{3,4}}|(?:{_ERA_ALT})(?:元|\d{{1,3}}|[一二三四五六七八九十百]{{1,4}}))年\s?[）)]")
_MONTH_START = re.compile(r"\s?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月")


def _heads_clause(text: str, end: int) -> bool:
    """Whether a year that ends at ``end`` heads what follows (2019年，…; 2019年初), so that later
    partial dates take it; a bracketed equivalent may stand between: 民國85年（1996年）3月23日."""
    b = _BRACKET_YEAR.match(text, end)
    if b and _MONTH_START.match(text, b.end()):
        return True
    pos = b.end() if b else end
    return _after(text, pos) in "，,、初底末中春夏秋冬\0" or text.startswith(("上半", "下半"), pos)


def _to24(hour: int, dp: str | None) -> int:
    kind = _DAYPARTS.get(dp or "")
    if kind == "pm" and hour < 12:
        return hour + 12
    if kind == "noon" and hour < 6:
        return hour + 12
    if kind == "night" and hour == 12:
        return 0
    return hour


def _attach(text: str, found: list[DateExpr]) -> list[DateExpr]:
    """Weekdays, ``起``, time zones, ranges and clock times that belong to a date."""
    out: list[DateExpr] = []
    for e in found:
        if e.kind == "date":
            kw: dict = {}
            w = _RE_WEEKDAY.match(text, e.end)
            if w and e.precision == "day":
                kw["weekday"] = _WEEKDAY_NUM[w.group("w") or w.group("w2")]
                word = "word" if w.group("word") else "word2"
                kw["weekday_span"] = (w.start(word), w.end(word))
                kw["weekday_end"] = w.end()
            tz = _tz_before(text, e.start)
            if tz:
                kw["tz"] = tz
            if _LUNAR_BEFORE.search(text, max(0, e.start - 4), e.start) or e.era in LUNAR_ERAS or (
                    e.era == "明治" and (e.era_year or 0) <= 5):
                kw["lunar"] = True
            if kw:
                e = replace(e, **kw)
        out.append(e)

    # ranges: date SEP date, where the second date is not a full repetition of a year-only start
    merged: list[DateExpr] = []
    i = 0
    while i < len(out):
        e = out[i]
        if e.kind == "date" and i + 1 < len(out) and out[i + 1].kind == "date":
            nxt = out[i + 1]
            after = e.weekday_end or e.end
            sep = _RE_RANGE_SEP.match(text, after)
            if sep and sep.end() == nxt.start and not e.iso and not nxt.iso and _range_compatible(e, nxt):
                end_prec = nxt.precision
                merged.append(replace(
                    e, kind="range", end=nxt.weekday_end or nxt.end, text=text[e.start:nxt.weekday_end or nxt.end],
                    end_year=nxt.year, end_month=nxt.month, end_day=nxt.day, end_precision=end_prec,
                    alternative=bool(sep.group("alt")),
                ))
                i += 2
                continue
        merged.append(e)
        i += 1

    final: list[DateExpr] = []
    for e in merged:
        if e.is_date:
            end = e.weekday_end if e.weekday_end and e.kind == "date" else e.end
            if text.startswith("起", end):
                e = replace(e, since=True)
        final.append(e)
    return final


def _range_compatible(a: DateExpr, b: DateExpr) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    if a.precision == "year":
        return b.precision == "year" and b.year is not None
    if a.precision == "day":
        return b.precision == "day"
    return order[b.precision] >= 1 and (b.precision == "month" or b.month is not None)


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
        return replace(e, problem=problem)
    if e.kind in ("date", "range"):
        year = e.year
        explicit_year = year is not None
        if year is None and e.year_rel is not None and cur.year is not None:
            year = cur.year + e.year_rel
        if e.bce:
            return replace(e, problem=None)
        month = e.month
        if e.precision == "year":
            if year is not None and e.sets_year:
                cur.year = year
                cur.date = None
            end_value = None
            if e.kind == "range" and e.end_year is not None:
                end_value = _safe_date(e.end_year, 12, 31)
            return replace(e, year=year, value=_safe_date(year, 1, 1), end_value=end_value)
        if month is None and e.precision == "day":
            # day only: month (and year) from the cursor
            if cur.date is None:
                problem = check_date(None, None, e.day)
                return replace(e, problem=problem)
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
        return replace(e, year=year if (e.year is not None or e.year_rel is not None) else e.year,
                       value=value, end_value=end_value, problem=problem)
    if e.kind == "relative":
        if cur.date is None or e.ambiguous:
            # 第二天 may be the second day of something else: from here the day is unknown
            cur.date = None
            return e
        return _move(e, cur)
    if e.kind in ("time", "daypart"):
        return replace(e, value=cur.date)
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
    return replace(e, value=d)


_LATIN_MONTHS = {name: i for i, names in enumerate(
    ("january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
     "september sep sept", "october oct", "november nov", "december dec"), start=1) for name in names.split()}
_RE_LATIN_MDY = re.compile(r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})(?!\d)")
_RE_LATIN_DMY = re.compile(r"(?<![\d])(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})(?!\d)")
#: a whole ISO-looking value, month and day however large: in a date parameter 2013-13-01 is a date gone wrong
_RE_ISO_VALUE = re.compile(r"(?<![\d\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-])")


def value_dates(value: str) -> list[DateExpr]:
    """The dates of a value that holds nothing but a date (a citation's ``date=``, ``access-date=``):
    ``2009年11月31日``, ``2009-11-31`` (any month and day: 2013-13-01 is a date written wrong, not a
    number), ``February 26, 2013``, ``26 Feb 2013``; resolved, with ``problem`` set where it cannot exist."""
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
    out = []
    for e in sorted(found + extra, key=lambda e: e.start):
        out.append(_resolve_one(e, Cursor()))
    return out


def parse(text: str, year: int | None = None, date: dt.date | None = None) -> list[DateExpr]:
    """``scan`` then ``resolve``: ``parse("2月27日", year=2019)[0].value == date(2019, 2, 27)``."""
    return resolve(scan(text), year=year, date=date)


# -- claims -----------------------------------------------------------------------------------

_NUM = r"(?P<n>\d{1,4}|[一二三四五六七八九十兩两百零〇]{1,5})"
_RE_ORDINAL = re.compile(rf"第{_NUM}[天日]")
_RE_EARLIER = re.compile(
    r"比(?P<ref>[^，。；！？,;]{0,24}?)(?P<dir>早了|晚了|遲了|迟了|早|晚|遲|迟|提前了|提前|推遲了|推迟了|延遲了|延迟了)"
    rf"(?P<ax>大約|大约|約|约|近|逾)?{_NUM}(?:個|个)?(?P<u>分鐘|分钟|小時|小时|天|日)"
)
_RE_YEARS_SINCE = re.compile(rf"{_NUM}(?P<more>多)?(?:年來|年来|年以來|年以来)")
_RE_DURATION = re.compile(rf"(?P<pre>為期|为期|歷時|历时|持續|持续|一連|一连|連續|连续|共)(?P<ax>約|约)?{_NUM}(?P<u>天|日)")
_RE_AGE = re.compile(
    rf"(?P<pre>享年|終年|终年|時年|时年|年僅|年仅|年方|以|在)?{_NUM}(?:歲|岁|周歲|周岁|週歲)(?P<post>時|时|生日|那年|之際|之际)?"
)


def scan_claims(text: str) -> list[Claim]:
    """Every checkable claim in ``text`` (offsets into ``text``)."""
    original = text
    text = text.translate(_FULLWIDTH)
    out: list[Claim] = []
    for m in _RE_ORDINAL.finditer(text):
        n = cn_number(m.group("n"))
        if n is not None:
            out.append(Claim("ordinal-day", m.start(), m.end(), m.group(0), n, "day"))
    for m in _RE_REL.finditer(text):
        if m.group("n") and m.group("dir") in "後后" and m.group("u") in "日天":
            n = cn_number(m.group("n")) if m.group("n") not in ("幾", "几", "數", "数", "多") else None
            if n is not None:
                out.append(Claim("days-after", m.start(), m.end(), m.group(0), n, "day"))
    for m in _RE_EARLIER.finditer(text):
        n = cn_number(m.group("n"))
        if n is None:
            continue
        u = m.group("u")
        unit = "minute" if u in ("分鐘", "分钟") else "hour" if u in ("小時", "小时") else "day"
        kind = "earlier" if m.group("dir")[0] in "早提" else "later"
        out.append(Claim(kind, m.start("dir"), m.end(), text[m.start("dir"):m.end()], n, unit,
                         approx=bool(m.group("ax")), ref_start=m.start("ref"), ref_end=m.end("ref")))
    for m in _RE_YEARS_SINCE.finditer(text):
        n = cn_number(m.group("n"))
        if n is None or _before(text, m.start()) in _DIGITS:
            continue
        if _before(text, m.start()) in "自從从由於于" and m.group("n").isdigit() and len(m.group("n")) >= 3:
            continue  # 自1988年以來: since a year, not a count of years
        out.append(Claim("years-since", m.start(), m.end(), m.group(0), n, "year", approx=bool(m.group("more"))))
    for m in _RE_DURATION.finditer(text):
        n = cn_number(m.group("n"))
        if n is not None:
            out.append(Claim("duration", m.start(), m.end(), m.group(0), n, "day", approx=bool(m.group("ax")),
                             prefix=m.group("pre")))
    for m in _RE_AGE.finditer(text):
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
    return [replace(c, text=original[c.start:c.end]) for c in out]
