"""DT005 narrative-backwards: the narrative order of a paragraph's dates, and the steps back the text
explains."""

from __future__ import annotations

import datetime as dt
import re

from wikilint.checks.dates.analysis import analyse
from wikilint.checks.dates.model import BlockText, Point
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.patterns import lazy_compile
from wikilint.zh.dates import _DAYPARTS as _DAYPART_KIND

_STEP_BACK = lazy_compile(
    r"此前|早在|之前|以前|先前|早前|稍早|較早|较早|曾|當初|当初|起初|最初|事前|此外|另外|另一方面|"
    r"與此同時|与此同时|同時|同时|回顧|回顾|事實上|事实上|其實|其实|追溯|前一日|前一天|前日|昨日|昨天|前一晚|前夜|已於|已于|"
    r"已經|已经|則在|则在|則於|则于|而在|回應|回应|報導|报道|報道|指出|表示|據|据|一度|"
    r"生於|生于|出生|上次|上一次|前次|上屆|上届|回溯|溯及|"
    r"(?<![目當当眼空提向])前[，,、]|前夕"  # 會談前，…; 會談前夕 (not 目前，, 當前，)
)
#: a parallel strand, said in the sentence of the date or the one before: 金正恩2月27日則… (not 規則, 原則, 否則)
_PARALLEL = lazy_compile(r"(?<![否規规原法準准細细守總总章罰罚])[則则]")
#: words that report what someone said, claimed or found: a date after them in its sentence is part of the
#: report (起訴書指控他於5月12日…, 媒體分析稱…), not a step of the story
_REPORTED = lazy_compile(
    r"指控|控告|控訴|控诉|指稱|指称|聲稱|声称|宣稱|宣称|供稱|供称|(?<![名簡简通統统總总尊俗又亦並并])[稱称](?![為为作號号呼讚赞謂谓])|"
    r"分析|認為|认为|透露|披露|證實|证实|承認|承认|坦承|供認|供认|起訴書|起诉书|判決書|判决书|調查顯示|调查显示|"
    r"指出|表示|報導|报道|報道|據|据"
)
#: a count from a reference point: 刑期從2013年9月4日落網當日算起
_COUNTED_FROM = lazy_compile(r"算起|起算|起計|起计|計起|计起|開始計算|开始计算")
#: what joins two dates into a span: 4月26日開幕，至7月21日; 7月7日起至12月13日止; 上午6時至下午6時
_SPAN_JOIN = lazy_compile(r"[^。！？!?；;]{0,8}?(?:至|到|直至|直到|迄)(?:於|于|在)?\s?")

_BRACKETED = lazy_compile(r"[（(][^（）()]*[）)]")
#: verbs of a release; a paragraph may list the releases of one work by region or edition in any order
_RELEASE = lazy_compile(r"上映|公映|發售|发售|發行|发行|上市|推出|開播|开播|首播|播出|出版|發布|发布|發佈|发佈|開賣|开卖|登陸|登陆")
_ENUMERATION = lazy_compile(r"^\s?(?:、|，|,|和|及|與|与|以及|或|及至)\s?$")

_MOMENT_END = lazy_compile(r"(?:[時时]|之際|之际|的時候|的时候)$")
#: a date that bounds an event named after it: 2月1日的決賽前, 3月1日的會談之前
_BOUND_AFTER = lazy_compile(r"的[^，。；,;：:\d年月日]{1,8}?(?:之|以)?前(?![往进進])")


def _interval(p: Point, day: dt.date | None) -> tuple | None:
    """(start, end) keys a point covers, as (date, minutes) pairs; None when it has no place."""
    e = p.expr
    if not (e.is_date or e.kind == "time"):
        return None
    if e.kind == "time":
        m = e.minutes
        return ((day, m), (day, m)) if m is not None else None
    if e.value is None or e.precision != "day":
        return None
    end = e.end_value if e.kind == "range" and e.end_value else e.value
    return ((e.value, -1), (end, 24 * 60 + 1))


class NarrativeBackwards(Rule):
    """Narrative that runs backwards in time within a paragraph.

    What it does: within one paragraph, reads the dates and times in order and reports a date or
    time earlier than the one before it when nothing in between, in its sentence or in the sentence
    before says the text steps back: a marker (此前, 早在, 之前, 會談前, 前夕, 曾, 已於, 另一方面,
    此外, 同時, …則…), a report (起訴書指控他於…, 媒體分析稱…是在…決定的), a count from a
    reference point (刑期從…算起), a span the date falls inside (4月26日開幕，至7月21日閉幕。5月8日…;
    投票時間為上午6時至下午6時。上午11時…) or an earlier strand opened just before (股價從2014年底
    一路下跌。2015年3月11日…).  Planned dates (將於,
    原定, 約定), dates in brackets, in quotations or in titles, bounds (2月13日前,
    2月1日的決賽前) and the moment of something told before (在9月21日凌晨地震發生時) do not
    count, nor do lists (2月13日、2月11日; 12月20日（北美）及12月18日（台灣）; releases of one
    work by region or edition: 12月18日在台灣上映，12月20日在北美上映); dates in different time
    zones (美國時間) may be a day apart.
    Why is this bad? Either a date is wrong, or the text jumps back without telling the reader.
    Options: `markers`, a list of more words that mark a step back (`[tool.wikilint.rules.DT005]`).
    Example: `2019年2月22日，李度勳來到河內。2月13日，《勞動新聞》發表文章。`
    Use instead: `2019年2月22日，李度勳來到河內。此前，《勞動新聞》於2月13日發表文章。`
    """

    code, name, family, severity = "DT005", "narrative-backwards", "dates", Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context):
        extra = [str(m) for m in ctx.option(self.code, "markers", []) or [] if str(m)]
        extra_re = re.compile("|".join(map(re.escape, extra))) if extra else None
        for bt in analyse(doc).blocks:
            if bt.block.kind not in ("paragraph", "list_item"):
                continue
            prev: Point | None = None
            prev_iv = None
            for p in bt.points:
                e = p.expr
                if p.in_parens or p.in_title or p.in_quote or p.future or e.bce:
                    continue
                if e.kind in ("relative", "daypart"):
                    continue
                after = bt.text[p.end:p.end + 3]
                if re.match(r"(?:之|以)?前|以來|以来|至今|止|為止|为止|之間|之间", after):
                    continue
                if _BOUND_AFTER.match(bt.text, p.end, bt.clause_end(p.end)):
                    continue  # 在2月1日的決賽前: a bound, not a step of the story
                if self._moment_of(bt, p):
                    continue  # 在9月21日凌晨地震發生時，…: names the moment of something told
                iv = _interval(p, e.value)
                if iv is None:
                    continue
                between = _BRACKETED.sub("", bt.text[prev.end:p.start]) if prev is not None else ""
                if prev is not None and prev_iv is not None and (
                        _ENUMERATION.match(between) or self._parallel_releases(bt, prev, p)):
                    # 2月13日、2月11日和2月20日, 12月20日（北美）及12月18日（台灣）, 於12月18日在台灣上映，
                    # 12月20日在北美上映: a list, not a sequence
                    prev, prev_iv = p, iv
                    continue
                if prev is not None and prev_iv is not None:
                    back = self._backwards(prev, prev_iv, p, iv, bt)
                    if back:
                        if not self._explained(bt, prev, prev_iv, p, iv, extra_re):
                            yield Violation(
                                p.span,
                                f"{e.text} is earlier than {prev.expr.text} before it in the same paragraph, "
                                "with nothing saying the text steps back",
                                related=(prev.span,),
                            )
                prev, prev_iv = p, iv

    @staticmethod
    def _explained(bt: BlockText, q: Point, qiv, p: Point, piv, extra_re) -> bool:
        """Whether the sentence of ``p`` or the one before says why the text steps back from ``q`` to ``p``:
        a marker (此前, 曾, 同時, 另一方面, 則 …), a report (起訴書指控他於…, 媒體分析稱…是在…的), a
        count from a reference point (從…算起), a span the date falls inside (4月26日開幕，至7月21日閉幕。
        5月8日…; 投票時間為上午6時至下午6時。上午11時…), or an earlier strand the text has already
        opened (從2014年底…一路下跌。2015年3月11日…)."""
        s0 = bt.sentence_start(p.start)
        clause_end = bt.clause_end(p.end)
        window_start = bt.sentence_start(s0 - 1) if s0 > 0 else 0
        for text in (bt.text[q.end:clause_end], bt.text[window_start:clause_end]):
            if _STEP_BACK.search(text) or (extra_re and extra_re.search(text)):
                return True
        if _PARALLEL.search(bt.text[window_start:clause_end]):
            return True
        window_start = min(window_start, q.end)
        if _REPORTED.search(bt.text[s0:p.start]) or _COUNTED_FROM.search(bt.text[p.end:clause_end]):
            return True
        if re.search(r"是(?:在|於|于|從|从)?\s?$", bt.text[bt.clause_start(p.start):p.start]) and \
                bt.text[p.end:clause_end].endswith("的"):
            return True  # 是在4月8日…決定的: the time of something the sentence tells
        earlier = [x for x in bt.points if window_start <= x.start and x.end <= p.start and not x.in_parens]
        ps, pe = piv
        for a, b in zip(earlier, earlier[1:] + [None]):
            span = _interval(a, a.expr.value)
            if span is None:
                if a.expr.is_date and a.expr.value is not None and q.start < a.start and a.end <= s0 and \
                        a.expr.value <= ps[0] and (qiv[0][0] is None or a.expr.value < qiv[0][0]):
                    return True  # 從2014年底…。2015年3月11日: a coarser, earlier date opened a strand that p continues
                continue
            if b is not None and _SPAN_JOIN.fullmatch(bt.text[a.end:b.start]):
                other = _interval(b, b.expr.value)
                span = (span[0], other[1]) if other is not None else None
            elif a.expr.kind != "range":
                continue  # one day or one time is not a span that holds p
            if span is not None and _key_le(span[0], ps) and _key_le(pe, span[1]):
                return True
        return False

    @staticmethod
    def _moment_of(bt: BlockText, p: Point) -> bool:
        """``在<date>…時`` in one clause: the date names the moment of an event (在9月21日凌晨地震
        發生時), a reference back to it rather than a step of the story."""
        head = bt.text[bt.clause_start(p.start):p.start].strip()
        if head not in ("在", "於", "于", "当", "當", "在於"):
            return False
        return bool(_MOMENT_END.search(bt.text[p.end:bt.clause_end(p.end)]))

    @staticmethod
    def _parallel_releases(bt: BlockText, q: Point, p: Point) -> bool:
        """Two dates whose clauses release the same thing in different places or editions
        (…在台灣上映，12月20日在北美上映; PC版於3月5日發行，PS4版於2月20日發行)."""
        mq = _RELEASE.findall(bt.text[q.end:bt.clause_end(q.end)])
        mp = _RELEASE.findall(bt.text[p.end:bt.clause_end(p.end)])
        return bool(set(mq) & set(mp))

    @staticmethod
    def _backwards(q: Point, qiv, p: Point, piv, bt: BlockText) -> bool:
        (qs, _qe), (_ps, pe) = qiv, piv
        qd, qm = qs
        pd, pm = pe
        both_times = q.expr.kind == "time" and p.expr.kind == "time"
        if qd is None or pd is None:
            # two times on a day the text does not give: compare only when nothing dated sits between
            if qd is None and pd is None and both_times:
                between = [x for x in bt.points if q.end <= x.start and x.end <= p.start and x.expr.kind != "time"]
                return not between and _time_earlier(q, p)
            return False
        if pd < qd:
            if q.expr.tz != p.expr.tz and (qd - pd).days <= 1:
                return False
            return True
        if pd == qd and both_times and q.expr.tz == p.expr.tz:
            return _time_earlier(q, p)
        return False


def _key_le(a: tuple, b: tuple) -> bool:
    """``a <= b`` for (date, minutes) keys; a time on a day the text does not give compares by the clock alone."""
    if a[0] is None or b[0] is None or a[0] == b[0]:
        return a[1] <= b[1]
    return a[0] < b[0]


def _time_earlier(q: Point, p: Point) -> bool:
    """Whether time ``p`` is surely earlier than ``q`` on the same day: 9時 after 下午5時 may be 21:00,
    凌晨1時 after 晚上11時 is past midnight."""
    qm, pm = q.expr.minutes, p.expr.minutes
    if p.expr.daypart is None and 1 <= p.expr.hour < 12:
        pm += 720
    if _DAYPART_KIND.get(p.expr.daypart or "") in ("night", "late") and qm >= 18 * 60:
        return False
    if p.expr.daypart is None and p.expr.hour < 6 and qm >= 18 * 60:
        return False
    return pm < qm
