"""DT004 date-arithmetic: stated arithmetic on dates and times (第N天, 比…早了N分鐘, N年來, 為期N天,
ages) that does not add up."""

from __future__ import annotations

import datetime as dt
import re

from wikilint.checks.dates.analysis import analyse
from wikilint.checks.dates.model import Analysis, BlockText, Point, _CLAUSE_END, _fmt
from wikilint.checks.dates.subject import _PRONOUN, _other_subject, _subject_names
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.patterns import lazy_compile
from wikilint.zh.dates import Claim

_END_WORDS = lazy_compile(r"結束|结束|閉幕|闭幕|落幕|完結|完结|破裂|告終|告终")
_START_WORDS = lazy_compile(r"開始|开始|開幕|开幕|揭幕|展開|展开")

_SINCE_BEFORE = lazy_compile(r"繼|继|自|距|相隔|事隔|時隔|时隔|相距")
_SINCE_AFTER = lazy_compile(r"[後后]|以來|以来|之後|之后|至今")
_KIN = lazy_compile(r"[父母妻夫子女兄弟姐妹姊祖孫孙叔伯姨舅]")

_THAT_IS = lazy_compile(r"^[，,、\s]*(?:即|亦即|也就是|也即|是|為|为|乃)")


def _tz_slack(*points: Point | None) -> int:
    zones = {p.expr.tz for p in points if p is not None}
    return 1 if len(zones) > 1 else 0


class DateArithmetic(Rule):
    """Stated arithmetic on dates and times that does not add up.

    What it does: checks what the text computes from its own dates: `3月6日，即會談結束後的第6天`
    (against the event's end date), `上午8時56分抵達，比約定的9時早了4分鐘` (against the two
    times), `繼1964年…後55年來首次` (against the two years), `2月12日至14日…為期3天` (against
    the range) and ages `時年36歲` against a birth date given in the text (`（1984年1月8日－）`,
    a lifespan `（1923年1月15日－2020年7月30日）` whose last day the body gives as a death, a
    birth-date template, `生於…`).  Not the subject's: a relative's age (其父…, 他的妻子…), the age
    of another person a clause opens with (`[[蔣經國]]逝世，享年77歲`) or that qualifies a person
    (`時年19歲的演員李美華`), an age at death on another day than the lead's lifespan ends, or in
    the article of a living person.  Counting conventions differ (is the end day day 0 or day
    1?): either is accepted, and only a claim that neither makes true is reported.  Dates in
    different time zones (美國時間) may be a day apart.
    Why is this bad? Arithmetic that does not add up means one of the numbers was copied wrong.
    Example: `會談於2019年2月27日至28日舉行。3月6日，即會談結束後的第5天，電視台播出紀錄片。`
    Use instead: `會談於2019年2月27日至28日舉行。3月6日，即會談結束後的第6天，電視台播出紀錄片。`
    """

    code, name, family, severity = "DT004", "date-arithmetic", "dates", Severity.ERROR
    article_wide = True

    def check(self, doc: Document, ctx: Context):
        an = analyse(doc)
        for bt in an.blocks:
            for c in bt.claims:
                if c.kind in ("ordinal-day", "days-after"):
                    v = self._ordinal(an, bt, c)
                elif c.kind in ("earlier", "later"):
                    v = self._earlier(bt, c)
                elif c.kind == "years-since":
                    v = self._years_since(an, bt, c)
                elif c.kind == "duration":
                    v = self._duration(bt, c)
                elif c.kind == "age":
                    v = self._age(an, bt, c)
                else:
                    v = None
                if v is not None:
                    yield v

    @staticmethod
    def _day_points(bt: BlockText, lo: int, hi: int) -> list[Point]:
        return [p for p in bt.points if lo <= p.start and p.end <= hi and p.expr.is_date
                and p.expr.precision == "day" and p.expr.value is not None]

    def _ordinal(self, an: Analysis, bt: BlockText, c: Claim) -> Violation | None:
        s0 = bt.sentence_start(c.start)
        stated = [p for p in self._day_points(bt, s0, c.start) if not p.in_parens]
        if not stated:
            return None
        d = None
        anchor_text = ""
        for p in reversed(stated):
            m = _THAT_IS.match(bt.text[p.end:c.start])
            if m:
                d, anchor_text = p, bt.text[p.end + m.end():c.start]
                break
        if d is None:
            return None
        if c.kind == "ordinal-day" and not re.search(r"[後后]的?$", anchor_text):
            return None
        anchors = [p for p in self._day_points(bt, d.end, c.start)]
        anchor: dt.date | None = None
        anchor_point = None
        if anchors:
            anchor_point = anchors[-1]
            a = anchor_point.expr
            anchor = a.end_value if (a.kind == "range" and _END_WORDS.search(anchor_text)) else a.value
        elif an.lead_range is not None and an.lead_range.expr.value is not None:
            lr = an.lead_range.expr
            if _END_WORDS.search(anchor_text):
                anchor = lr.end_value or lr.value
            elif _START_WORDS.search(anchor_text):
                anchor = lr.value
            anchor_point = an.lead_range
        if anchor is None or d.expr.value is None:
            return None
        diff = (d.expr.value - anchor).days
        slack = _tz_slack(d, anchor_point)
        ok = range(diff - slack, diff + 1 + slack + 1)
        if c.n in ok:
            return None
        word = "day" if c.kind == "ordinal-day" else "days after"
        return Violation(
            bt.span(c.start, c.end),
            f"{c.text} does not add up: {_fmt(d.expr.value)} is {diff} day(s) after {_fmt(anchor)}"
            + (f" (day {diff} or {diff + 1} counting the first {word.split()[0]} as 0 or 1)" if c.kind == "ordinal-day" else ""),
            related=(d.span,) + ((anchor_point.span,) if anchor_point is not None else ()),
        )

    def _earlier(self, bt: BlockText, c: Claim) -> Violation | None:
        s0 = bt.sentence_start(c.ref_start)
        if c.unit in ("minute", "hour"):
            refs = [p for p in bt.points if c.ref_start <= p.start and p.end <= c.ref_end and p.expr.kind == "time"]
            actual = [p for p in bt.points if s0 <= p.start and p.end <= c.ref_start - 1 and p.expr.kind == "time"]
            if not refs or not actual:
                return None
            r, a = refs[-1], actual[-1]
            stated = c.n * (60 if c.unit == "hour" else 1)
            sign = 1 if c.kind == "earlier" else -1
            # a time written without 上午/下午 (約定的9時) may be either half of the day
            candidates = [r.expr.minutes - a.expr.minutes]
            if r.expr.daypart is None and r.expr.hour < 12:
                candidates.append(r.expr.minutes + 720 - a.expr.minutes)
            if a.expr.daypart is None and a.expr.hour < 12:
                candidates.append(r.expr.minutes - a.expr.minutes - 720)
            delta = min(candidates, key=lambda x: abs(sign * x - stated))
            unit = "minute(s)"
        else:
            refs = [p for p in self._day_points(bt, c.ref_start, c.ref_end)]
            actual = [p for p in self._day_points(bt, s0, c.ref_start - 1)]
            if not refs or not actual:
                return None
            r, a = refs[-1], actual[-1]
            delta = (r.expr.value - a.expr.value).days
            stated = c.n
            unit = "day(s)"
        if c.kind == "later":
            delta = -delta
        tolerance = 0
        if c.approx or a.expr.approx or r.expr.approx:
            tolerance = max(2, stated // 5) if unit == "minute(s)" else 1
        if unit == "day(s)":
            tolerance += _tz_slack(a, r)
        if abs(delta - stated) <= tolerance:
            return None
        word = "earlier" if c.kind == "earlier" else "later"
        return Violation(
            bt.span(c.start, c.end),
            f"{c.text} does not add up: {a.expr.text} is {delta} {unit} {word} than {r.expr.text}",
            related=(a.span, r.span),
        )

    def _years_since(self, an: Analysis, bt: BlockText, c: Claim) -> Violation | None:
        if c.approx:
            return None
        s0 = bt.sentence_start(c.start)
        years = [p for p in bt.points if s0 <= p.start and p.end <= c.start and p.expr.is_date
                 and p.explicit_year and p.expr.kind == "date" and not p.in_title and p.expr.value is not None]
        if not years:
            return None
        y = years[-1]
        # only 繼/自/距 <year> … 後/以來 … N年來: the count runs from that year to the narrative's present
        if not _SINCE_BEFORE.search(bt.text[bt.clause_start(y.start):y.start]) or not _SINCE_AFTER.search(
                bt.text[y.end:c.start]):
            return None
        before = an.cursor_before.get(id(y))
        if before is None or before.year is None or before.year <= y.expr.value.year:
            return None
        now = before.year
        diff = now - y.expr.value.year
        if abs(diff - c.n) <= 1:
            return None
        return Violation(
            bt.span(c.start, c.end),
            f"{c.text} does not add up: {y.expr.text} is {diff} years before {now}",
            related=(y.span,),
        )

    def _duration(self, bt: BlockText, c: Claim) -> Violation | None:
        s0, s1 = bt.sentence_start(c.start), bt.sentence_end(c.end)
        pts = [p for p in self._day_points(bt, s0, s1) if not p.in_parens]
        # 為期90天的撥款 in a later clause than the range qualifies a noun of its own clause
        attributive = bt.text[c.end:c.end + 1] == "的"
        ranges = [p for p in pts if p.expr.kind == "range" and p.expr.end_value is not None and not p.expr.alternative
                  and (p.end <= c.start and c.start - p.end <= 20
                       and not (attributive and any(ch in _CLAUSE_END for ch in bt.text[p.end:c.start]))
                       or p.start >= c.end and p.start - c.end <= 6)]
        if ranges:
            r = min(ranges, key=lambda p: abs(p.start - c.start))
            first, last, related = r.expr.value, r.expr.end_value, (r.span,)
        else:
            starts = [p for p in pts if p.expr.since and p.end <= c.start and p.expr.kind == "date"]
            ends = [p for p in pts if p.start >= c.end and p.expr.kind == "date"
                    and (re.match(r"[至到止]", bt.text[p.start - 1:p.start]) or _END_WORDS.match(bt.text[p.end:p.end + 2]))]
            if not starts or not ends:
                return None
            first, last, related = starts[-1].expr.value, ends[0].expr.value, (starts[-1].span, ends[0].span)
        days = (last - first).days + 1
        if c.n in (days, days - 1) or (c.approx and abs(c.n - days) <= 1):
            return None
        return Violation(
            bt.span(c.start, c.end),
            f"{c.text} does not add up: {_fmt(first)} to {_fmt(last)} is {days} days",
            related=related,
        )

    def _age(self, an: Analysis, bt: BlockText, c: Claim) -> Violation | None:
        b = an.birth
        if b is None:
            return None
        s0 = bt.sentence_start(c.start)
        dated = [p for p in bt.points if s0 <= p.start and p.end <= c.start and p.expr.is_date
                 and p.expr.value is not None and p.span != b.span and not p.in_parens and not p.in_title]
        if not dated:
            return None
        p = dated[-1]
        if _KIN.search(bt.text[p.end:c.start]):
            return None  # 其父去世，時年60歲: someone else's age
        if _other_subject(an, bt, s0, c.start):
            return None  # 1988年1月13日，[[蔣經國]]逝世，享年77歲: the linked person's age; 他的妻子…時年97歲
        if c.prefix in ("享年", "終年", "终年") and (b.living or b.death is not None and p.expr.precision == "day"
                                                   and p.expr.value != b.death):
            return None  # an age at death that is not the subject's death: the lead says it is alive or died elsewhen
        after = bt.text[c.end:c.end + 3]
        if after.startswith("的") and not _PRONOUN.match(after[1:]) and not any(
                bt.text.startswith(n, c.end + 1) for n in _subject_names(an)):
            return None  # 與時年19歲的演員李美華結婚: the age of the person it qualifies
        born = b.date
        when = p.expr.value
        if p.expr.precision == "day":
            exact = when.year - born.year - ((when.month, when.day) < (born.month, born.day))
            low, high = exact, exact
        else:
            low, high = when.year - born.year - 1, when.year - born.year
        high += 2 if c.prefix in ("享年", "終年", "终年") else 1  # nominal (虛歲) ages
        if low <= c.n <= high:
            return None
        return Violation(
            bt.span(c.start, c.end),
            f"{c.text} does not add up: someone born {_fmt(born)} was {low if low == high - 1 else f'{low}–{high - 1}'} on {p.expr.text}",
            related=(b.span, p.span),
        )
