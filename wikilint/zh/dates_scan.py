"""Finding date and time expressions in Chinese prose: the patterns and ``scan``, which returns them
unresolved (``wikilint.zh.dates.resolve`` fills in the values that depend on context)."""

from __future__ import annotations

import calendar
import re
import re._parser as _sre_parse

from wikilint.patterns import lazy_compile
from wikilint.zh.dates_model import (
    _ERA_ALT, CN_NUM, LUNAR_ERAS, DateExpr, cn_number, era_to_gregorian, evolve, halfwidth,
)

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

_RE_YMD = lazy_compile(rf"(?:{_YEAR})?{_MONTH}(?:{_DAY})?")
_RE_YHOL = lazy_compile(rf"(?:{_YEAR})(?P<hol>{_HOL_ALT})")
_RE_Y = lazy_compile(rf"(?:{_YEAR})")
_RE_D = lazy_compile(r"(?P<d>\d{1,2})日")
_RE_ISO = lazy_compile(r"(?<![\d/.\-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d\-])")

_TZ = lazy_compile(
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
_RE_TIME = lazy_compile(
    rf"(?P<dp>{_DP_ALT})?(?P<h>\d{{1,2}}|[零〇一二三四五六七八九十两兩]{{1,3}})\s?(?P<unit>[時时點点])"
    r"(?:(?P<mi>\d{1,2}|[零〇一二三四五六七八九十]{1,3})分|(?P<half>半)|(?P<q>一刻|三刻))?"
    r"(?P<tail>鐘|钟|整|正)?(?P<ax>左右|許|许)?"
)
_RE_DAYPART = lazy_compile(
    r"(?:凌晨|清晨|早上|早晨|上午|中午|正午|下午|傍晚|黃昏|黄昏|晚上|晚間|晚间|夜間|夜间|深夜|午夜)"
    r"(?![\d零〇一二三四五六七八九十两兩時时點点])"
)
_RE_CLOCK = lazy_compile(r"(?P<dp>" + _DP_ALT + r")?\s?(?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?![\d:])")

_NUMW = r"(?:\d{1,3}|[一二三四五六七八九十兩两廿卅百]{1,4}|幾|几|數|数|多)"
_RE_REL = lazy_compile(
    r"(?P<same>同日|同天|當日|当日|當天|当天|即日|是日|該日|该日|當晚|当晚|當夜|当夜|同晚)"
    r"|(?P<next>翌日|次日|隔日|隔天|翌天|次天|翌晨|次晨|翌晚|次晚|明日|明天|第二天|第二日|第2天|第2日)"
    r"|(?P<prev>前一日|前一天|前日|昨日|昨天|前一晚|前夜)"
    rf"|(?P<n>{_NUMW})(?P<u>[日天]|(?:個|个)?(?:星期|禮拜|礼拜|週|周)|(?:個|个)?月|年)(?:之|以)?(?P<dir>[後后]|前)"
)
_RE_WEEKDAY = lazy_compile(
    r"\s?(?:[（(]\s?)?(?P<word>(?:星期|禮拜|礼拜|週|周)(?P<w>[一二三四五六日天]))\s?[）)]?"
    r"|\s?(?P<word2>[（(](?P<w2>[一二三四五六日])[）)])"
)
_WEEKDAY_NUM = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_LUNAR_BEFORE = lazy_compile(r"(?:農曆|农历|陰曆|阴历|舊曆|旧历|夏曆|夏历|黄历|黃曆)\s?$")
_RE_RANGE_SEP = lazy_compile(r"\s?(?:至|到|[-－–—~～〜]|(?P<alt>或))\s?")



def _lookahead_width(items) -> int:
    """The widest lookahead in a parsed pattern (what a match may look at past its end)."""
    widest = 0
    for op, av in items:
        if op in (_sre_parse.ASSERT, _sre_parse.ASSERT_NOT):
            direction, sub = av
            if direction == 1:
                widest = max(widest, sub.getwidth()[1])
            widest = max(widest, _lookahead_width(sub))
        elif op is _sre_parse.BRANCH:
            widest = max([widest] + [_lookahead_width(alt) for alt in av[1]])
        elif op is _sre_parse.SUBPATTERN:
            widest = max(widest, _lookahead_width(av[-1]))
        elif op in (_sre_parse.MAX_REPEAT, _sre_parse.MIN_REPEAT, _sre_parse.POSSESSIVE_REPEAT):
            widest = max(widest, _lookahead_width(av[2]))
    return widest


class Keyed:
    """``rx.finditer(text)``, tried only around the characters of ``keys``, one of which every match of
    ``rx`` holds.  Python's ``re`` skips ahead quickly only for a pattern that opens with a literal or a
    character class; the date patterns open with optional years and long alternations, so a plain
    ``finditer`` runs the whole pattern at every position of the text.  The patterns are bounded (a
    match is at most ``width`` long), so a match holding the key at ``i`` starts within ``width`` before
    it and is decided by the text up to ``width`` plus the widest lookahead after it: each search is
    confined to that window, and the matches are those of ``finditer`` over the whole text, in order."""

    __slots__ = ("rx", "keyset", "keys", "back", "ahead")

    def __init__(self, rx, keys: str) -> None:
        self.rx = rx  # an re.Pattern or a LazyPattern: read (and compiled) on first use
        self.keyset = frozenset(keys)
        self.keys: re.Pattern | None = None

    def _prepare(self) -> None:
        compiled = getattr(self.rx, "compiled", self.rx)
        parsed = _sre_parse.parse(compiled.pattern, compiled.flags)
        low, high = parsed.getwidth()
        if low == 0 or high >= _sre_parse.MAXREPEAT:
            raise ValueError(f"{compiled.pattern!r}: only a bounded pattern that never matches empty text can be keyed")
        self.back = high
        self.ahead = high + _lookahead_width(parsed)
        self.keys = re.compile("[" + "".join(re.escape(k) for k in sorted(self.keyset)) + "]")

    def finditer(self, text: str, chars: "set[str] | None" = None):
        """The matches in ``text``; ``chars``, the set of its characters if the caller has it, skips a text
        without any key at once."""
        if chars is not None and self.keyset.isdisjoint(chars):
            return
        if self.keys is None:
            self._prepare()
        search, back, ahead, n = self.rx.search, self.back, self.ahead, len(text)
        pos = 0
        for key in self.keys.finditer(text):
            i = key.start()
            while pos <= i:
                m = search(text, max(pos, i - back), min(n, i + ahead))
                if m is None or m.start() > i:
                    break  # a match starting after the key is found, whole, around a later key
                yield m
                pos = m.end()


#: each pattern with characters one of which all its matches hold (年 of every year, 月 of a month …)
_NEAR_ISO = Keyed(_RE_ISO, "-")
_NEAR_YHOL = Keyed(_RE_YHOL, "旦節节夜")
_NEAR_YMD = Keyed(_RE_YMD, "月")
_NEAR_Y = Keyed(_RE_Y, "年")
_NEAR_D = Keyed(_RE_D, "日")
_NEAR_TIME = Keyed(_RE_TIME, "時时點点")
_NEAR_CLOCK = Keyed(_RE_CLOCK, ":")
_NEAR_REL = Keyed(_RE_REL, "日天晚夜晨後后前")
_NEAR_DAYPART = Keyed(_RE_DAYPART, "晨上午晚昏間间夜")

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



def scan(text: str) -> list[DateExpr]:
    """Every date, range, time and relative expression in ``text``, in order, unresolved."""
    original = text
    text = halfwidth(text)
    found: list[DateExpr] = []
    taken = bytearray(len(text) + 1)
    chars = set(text)

    def free(a: int, b: int) -> bool:
        return not any(taken[a:b])

    def take(e: DateExpr) -> None:
        found.append(e)
        taken[e.start:e.end] = b"\x01" * (e.end - e.start)

    # each pattern is tried only around a character of its own (年, 月, 日, 時, :, -)
    for m in _NEAR_ISO.finditer(text, chars):
        y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
        if not (1000 <= y <= 2999 and 1 <= mo <= 12 and 1 <= d <= 31):
            continue  # 1234-56-78 is a number, not a date
        take(DateExpr("date", m.start(), m.end(), m.group(0), year=y, month=mo, day=d, iso=True))
        # a clock time right after an ISO date: 2019-03-01 11:42
        c = re.compile(r"[ T](?P<h>[01]?\d|2[0-4]):(?P<mi>[0-5]\d)(?![\d:])").match(text, m.end())
        if c:
            take(DateExpr("time", c.start("h"), c.end(), c.group(0).strip(), hour=int(c.group("h")),
                          minute=int(c.group("mi"))))

    for m in _NEAR_YHOL.finditer(text, chars):
        if not free(m.start(), m.end()) or not _year_ok(text, m):
            continue
        mo, d = _HOLIDAYS[m.group("hol")]
        take(DateExpr("date", m.start(), m.end(), m.group(0), month=mo, day=d, holiday=m.group("hol"),
                      **_year_from(m)))

    for m in _NEAR_YMD.finditer(text, chars):
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

    for m in _NEAR_Y.finditer(text, chars):
        if not free(m.start(), m.end()) or not m.group("y") and not m.group("era"):
            continue
        if not _year_ok(text, m) or _after(text, m.end()) in _YEAR_NOT_AFTER:
            continue
        if m.group("y") and not m.group("y").isdigit() and len(m.group("y")) != 4:
            continue
        heads = _heads_clause(text, m.end())
        take(DateExpr("date", m.start(), m.end(), m.group(0), precision="year", sets_year=heads, **_year_from(m)))

    for m in _NEAR_D.finditer(text, chars):
        if not free(m.start(), m.end()):
            continue
        before = _before(text, m.start())
        if before in _DIGITS or before in _COUNT_BEFORE or before in CN_NUM or before in "月":
            continue
        if _after(text, m.end()) in _DAY_NOT_AFTER:
            continue
        take(DateExpr("date", m.start(), m.end(), m.group(0), precision="day", day=int(m.group("d"))))

    for m in _NEAR_TIME.finditer(text, chars):
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

    for m in _NEAR_CLOCK.finditer(text, chars):
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

    for m in _NEAR_DAYPART.finditer(text, chars):
        # 26日凌晨, 當天晚上: a part of the day without an hour
        if free(m.start(), m.end()):
            take(DateExpr("daypart", m.start(), m.end(), m.group(0), daypart=m.group(0)))

    for m in _NEAR_REL.finditer(text, chars):
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
    # each expression's text is its span as written (２０１９年, not as read)
    return [e if e.text == original[e.start:e.end] else evolve(e, text=original[e.start:e.end]) for e in found]


#: the same year in another calendar, in brackets: 民國85年（1996年）, 1907年（明治40年）
_BRACKET_YEAR = lazy_compile(rf"\s?[（(]\s?(?:公元|西元)?(?:\d{{3,4}}|(?:{_ERA_ALT})(?:元|\d{{1,3}}|[一二三四五六七八九十百]{{1,4}}))年\s?[）)]")
_MONTH_START = lazy_compile(r"\s?(?:\d{1,2}|十[一二]?|[一二三四五六七八九])月")


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
                e = evolve(e, **kw)
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
                merged.append(evolve(
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
                e = evolve(e, since=True)
        final.append(e)
    return final


def _range_compatible(a: DateExpr, b: DateExpr) -> bool:
    order = {"year": 0, "month": 1, "day": 2}
    if a.precision == "year":
        return b.precision == "year" and b.year is not None
    if a.precision == "day":
        return b.precision == "day"
    return order[b.precision] >= 1 and (b.precision == "month" or b.month is not None)
