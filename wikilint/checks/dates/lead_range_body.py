"""DT006 lead-range-body: the lead's date or range for the article's event compared with the body's."""

from __future__ import annotations

import datetime as dt
import re

from wikilint.checks.dates.analysis import analyse
from wikilint.checks.dates.model import Point
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.patterns import lazy_compile

_EVENT_NOUNS = ("首腦會談", "首脑会谈", "高峰會", "高峰会", "會談", "会谈", "峰會", "峰会", "會議", "会议", "大會", "大会",
                "錦標賽", "锦标赛", "運動會", "运动会", "比賽", "比赛", "賽事", "赛事", "選舉", "选举", "戰役", "战役",
                "博覽會", "博览会", "展覽", "展览", "音樂節", "音乐节", "電影節", "电影节", "演唱會", "演唱会",
                "巡迴演唱", "巡回演唱", "罷工", "罢工", "示威", "抗議", "抗议")
#: a date the text gives as the plan that was changed: 原定於…, 由3月5日推遲至…
_ORIGINAL_PLAN = lazy_compile(r"原定|原訂|原订|原本|本來|本来|原先|原計劃|原计划|原計畫|原预定|原預定|原擬|原拟")
_MOVED_FROM = lazy_compile(r"^[^，。；,;]{0,4}?(?:推遲|推迟|延後|延后|延期|延至|改期|改至|改到|押後|押后|提前|順延|顺延)")
#: what may follow the event's name when it is the clause's subject (會談於, 會談將於, 會議正式開始 …);
#: another word there makes a compound (選舉活動, 選舉登記, 會談日期) that names something else
_PREDICATE_START = lazy_compile(
    r"[於于在將将已從从由則则也亦正再終终最即共順顺如按依仍都均才就便又還还被至自到原定首隨随遂旋始延推改提曾並并共]"
    r"|開[始幕]|开[始幕]|舉[行辦]|举[行办]|進行|进行|結束|结束|閉幕|闭幕|落幕|揭幕|展開|展开|召開|召开|"
    r"預[定計]|预[定计]|計劃|计划|計畫|擬|拟|最終|最终|終於|终于|隨即|随即"
)
#: who meets, or when, in talks other than the article's own: 高層會談, 部長級會談, 工作層級會談, 後續會談
_OTHER_LEVEL = lazy_compile(
    r"(?:高層|高层|高級|高级|工作層|工作层|工作組|工作组|實務|实务|將領|将领|軍事|军事|外長|外长|次長|次长|特使|幕僚|"
    r"官員|官员|專家|专家|後續|后续|預備|预备|籌備|筹备)(?:層|层)?(?:[級级])?$|[^\s，。、；]{1,3}[級级]$")
#: the parties of a meeting named before it: 文在寅與特朗普的會談, 金正恩和特朗普會談
_PARTIES = lazy_compile(r"([^，,。；;、\s與与和同跟及的]{2,10})(?:與|与|和|同|跟)([^，,。；;、\s與与和同跟及的]{2,10}?)"
                        r"(?:之間|之间)?的?$")
_EVENT_VERBS = lazy_compile(r"舉行|举行|召開|召开|開幕|开幕|閉幕|闭幕|開始|开始|結束|结束|展開|展开|進行|进行|舉辦|举办|落幕|揭幕")

_DAY_SECTION = lazy_compile(r"^(?:第(?P<n>[一二三四五六七八九十\d]+)[天日]|(?P<first>首日))$")


class LeadRangeBody(Rule):
    """Body dates the subject's event outside the range the lead gives.

    What it does: takes the date or range of the article's event from the lead
    (`於2019年2月27日至28日在河內會面`) and checks the body where it dates the same event: a clause
    that names the event (會談, 會議, 比賽 … as in the lead's first sentence) with a date and a verb
    such as 舉行, 開始, 結束, and sections titled 第一天, 第二天, 首日.  A date outside the lead's
    range is reported (a day of slack for 美國時間); a plan the text says was changed (原定於…,
    由3月5日延至…) is not the event's date, nor are other events of the kind: earlier or later
    ones (上次會談, 下屆選舉), talks at another level (高層會談, 部長級會談 in the article on a
    首腦會談) or between parties the lead does not name (文在寅與特朗普的會談).
    Why is this bad? The lead and the body disagree on when the event took place.
    Options: `event-nouns`, a list of more words that name an event (`[tool.wikilint.rules.DT006]`).
    Example: lead `會談於2019年2月27日至28日舉行。`, body `會談於3月1日結束。`
    Use instead: lead `會談於2019年2月27日至28日舉行。`, body `會談於2月28日結束。`
    """

    code, name, family, severity = "DT006", "lead-range-body", "dates", Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context):
        an = analyse(doc)
        lr = an.lead_range
        if lr is None or lr.expr.value is None:
            return
        first = lr.expr.value
        last = lr.expr.end_value if lr.expr.kind == "range" and lr.expr.end_value else first
        # the event is the article's subject when the lead opens with its name: 2019年朝美首腦會談（…）…
        opening = an.blocks[0].text[:25] if an.blocks and an.blocks[0].block.section == 0 else ""
        sentence = lr.bt.text[lr.bt.sentence_start(lr.start):lr.bt.sentence_end(lr.end)]
        extra = tuple(str(n) for n in ctx.option(self.code, "event-nouns", []) or [] if str(n))
        nouns = [n for n in sorted(set(_EVENT_NOUNS + extra), key=len, reverse=True) if n in opening and n in sentence]
        reported: set[int] = set()
        sections = {s.index: s for s in doc.sections}
        seen_sections: set[int] = set()
        for bt in an.blocks:
            if bt.block.section == 0:
                continue
            sec = sections.get(bt.block.section)
            m = _DAY_SECTION.match(sec.title.strip()) if sec else None
            if m and bt.block.section not in seen_sections:
                day_points = [p for p in bt.points if p.expr.is_date and p.expr.precision == "day"
                              and p.expr.value is not None and not p.in_parens and not p.future and not p.in_title]
                if day_points:
                    seen_sections.add(bt.block.section)
                    p = day_points[0]
                    if self._outside(p, first, last):
                        reported.add(id(p))
                        yield Violation(p.span, f"section {sec.title} dates the event {p.expr.text}, outside the "
                                                f"{lr.expr.text} the lead gives", related=(lr.span,))
            if not nouns:
                continue
            for p in bt.points:
                e = p.expr
                if id(p) in reported or not e.is_date or e.precision != "day" or e.value is None or p.in_parens or p.in_title:
                    continue
                c0, c1 = bt.clause_start(p.start), bt.clause_end(p.end)
                if not any(self._names_event(bt.text[c0:p.start], n, opening, sentence) for n in nouns):
                    continue
                if _ORIGINAL_PLAN.search(bt.text[c0:p.start]) or _MOVED_FROM.match(bt.text[p.end:c1]):
                    continue  # 原定於2020年7月24日舉行, 由3月5日推遲至…: the plan that was changed
                if not _EVENT_VERBS.search(bt.text[p.end:c1]):
                    continue
                if self._outside(p, first, last):
                    yield Violation(p.span, f"the body dates the event {e.text}, outside the {lr.expr.text} the lead gives",
                                    related=(lr.span,))

    @staticmethod
    def _names_event(before: str, noun: str, opening: str = "", lead: str = "") -> bool:
        """The clause names the event as its subject before the date: ``會談將於``, not ``上次會談``,
        ``2018年朝美首腦會談``, ``會談前``, ``舉行會談``, talks at another level than the article's own
        (``高層會談``, ``工作層級會談`` in the article on a ``首腦會談``) or between parties the lead does
        not name (``文在寅與特朗普的會談``)."""
        for m in re.finditer(re.escape(noun), before):
            head = before[max(0, m.start() - 8):m.start()]
            level = _OTHER_LEVEL.search(head)
            if level and level.group(0) not in opening:
                continue  # 朝美高層會談於3月15日: a follow-up at another level, not the article's event
            parties = _PARTIES.search(before, 0, m.start())
            if parties and lead and any(party[-2:] not in lead for party in parties.group(1, 2)):
                continue  # 文在寅與特朗普的會談於4月11日: a meeting of others
            tail = before[m.end():m.end() + 2]
            if re.search(r"上次|上一次|首次|第一次|前次|前一次|去年|上屆|上届|首屆|首届|\d年|[舉举召進进展參参出]|"
                         r"下次|下一次|[上下前次]一?[屆届]|歷[屆次]|历[届次]|每[屆届次]|另一|其他|其它|別的|别的|類似|类似", head):
                continue  # 上一屆選舉, 下屆選舉, 另一場選舉: another event of the kind
            if re.match(r"前|後|后|之前|之後|之后|以前|以後|期間|期间|中|上|的", tail):
                continue
            rest = before[m.end():]
            if rest and "\u4e00" <= rest[0] <= "\u9fff" and not _PREDICATE_START.match(rest):
                continue  # 選舉活動於…, 選舉登記於…: the noun only qualifies another thing
            return True
        return False

    @staticmethod
    def _outside(p: Point, first: dt.date, last: dt.date) -> bool:
        e = p.expr
        start, end = e.value, (e.end_value if e.kind == "range" and e.end_value else e.value)
        if not p.explicit_year and e.year_rel is None:
            # the year was only inferred: compare the month and day in the lead's year
            try:
                shift = first.year - start.year
                start, end = start.replace(year=start.year + shift), end.replace(year=end.year + shift)
            except ValueError:
                return False
        slack = dt.timedelta(days=1 if e.tz else 0)
        try:
            return end < first - slack or start > last + slack
        except OverflowError:  # a range at the calendar's edge (9999年12月31日) has no day beyond it
            return end < first or start > last
