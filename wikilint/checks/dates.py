"""The ``dates`` family: dates that contradict themselves.

Every rule reads one shared analysis of the document (computed once per document): the prose of
each narrative block with the date and time expressions of ``wikilint.zh.dates`` found in it and
resolved in reading order, section by section (a partial date takes the year of the nearest
preceding date in its section, else the lead's, else the title's).  References, headings,
category lines and footnote definitions are not narrative and are not read.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from wikilint.document.model import Block, Document, Span
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation
from wikilint.zh.titles import fold
from wikilint.zh.dates import _DAYPARTS as _DAYPART_KIND
from wikilint.zh.dates import parse as resolve_text
from wikilint.zh.dates import (
    ERA_BASE,
    LUNAR_ERAS,
    Claim,
    Cursor,
    DateExpr,
    _resolve_one,
    cn_number,
    scan,
    scan_claims,
    value_dates,
)

# -- the shared analysis ----------------------------------------------------------------------

_NARRATIVE_KINDS = ("paragraph", "list_item", "quote", "table", "other")
_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "。！？!?；;，,：:﹔﹐﹕\n"
_FUTURE = re.compile(r"將|将|會在|会在|會於|会于|計劃|计划|計畫|预定|預定|預計|预计|原定|原訂|原订|約定|约定|"
                     r"定於|定于|擬於|拟于|擬在|拟在|準備於|准备于|有望|料將|料将|期限|截止|截至|屆時|届时|打算|希望|要求")
_STEP_BACK = re.compile(
    r"此前|早在|之前|以前|先前|早前|稍早|較早|较早|曾|當初|当初|起初|最初|事前|此外|另外|另一方面|"
    r"與此同時|与此同时|同時|同时|回顧|回顾|事實上|事实上|其實|其实|追溯|前一日|前一天|前日|昨日|昨天|前一晚|前夜|已於|已于|"
    r"已經|已经|則在|则在|則於|则于|而在|回應|回应|報導|报道|報道|指出|表示|據|据|一度|"
    r"生於|生于|出生|上次|上一次|前次|上屆|上届|回溯|溯及|"
    r"(?<![目當当眼空提向])前[，,、]|前夕"  # 會談前，…; 會談前夕 (not 目前，, 當前，)
)
#: a parallel strand, said in the sentence of the date or the one before: 金正恩2月27日則… (not 規則, 原則, 否則)
_PARALLEL = re.compile(r"(?<![否規规原法準准細细守總总章罰罚])[則则]")
#: words that report what someone said, claimed or found: a date after them in its sentence is part of the
#: report (起訴書指控他於5月12日…, 媒體分析稱…), not a step of the story
_REPORTED = re.compile(
    r"指控|控告|控訴|控诉|指稱|指称|聲稱|声称|宣稱|宣称|供稱|供称|(?<![名簡简通統统總总尊俗又亦並并])[稱称](?![為为作號号呼讚赞謂谓])|"
    r"分析|認為|认为|透露|披露|證實|证实|承認|承认|坦承|供認|供认|起訴書|起诉书|判決書|判决书|調查顯示|调查显示|"
    r"指出|表示|報導|报道|報道|據|据"
)
#: a count from a reference point: 刑期從2013年9月4日落網當日算起
_COUNTED_FROM = re.compile(r"算起|起算|起計|起计|計起|计起|開始計算|开始计算")
#: what joins two dates into a span: 4月26日開幕，至7月21日; 7月7日起至12月13日止; 上午6時至下午6時
_SPAN_JOIN = re.compile(r"[^。！？!?；;]{0,8}?(?:至|到|直至|直到|迄)(?:於|于|在)?\s?")
_EVENT_NOUNS = ("首腦會談", "首脑会谈", "高峰會", "高峰会", "會談", "会谈", "峰會", "峰会", "會議", "会议", "大會", "大会",
                "錦標賽", "锦标赛", "運動會", "运动会", "比賽", "比赛", "賽事", "赛事", "選舉", "选举", "戰役", "战役",
                "博覽會", "博览会", "展覽", "展览", "音樂節", "音乐节", "電影節", "电影节", "演唱會", "演唱会",
                "巡迴演唱", "巡回演唱", "罷工", "罢工", "示威", "抗議", "抗议")
#: a date the text gives as the plan that was changed: 原定於…, 由3月5日推遲至…
_ORIGINAL_PLAN = re.compile(r"原定|原訂|原订|原本|本來|本来|原先|原計劃|原计划|原計畫|原预定|原預定|原擬|原拟")
_MOVED_FROM = re.compile(r"^[^，。；,;]{0,4}?(?:推遲|推迟|延後|延后|延期|延至|改期|改至|改到|押後|押后|提前|順延|顺延)")
#: what may follow the event's name when it is the clause's subject (會談於, 會談將於, 會議正式開始 …);
#: another word there makes a compound (選舉活動, 選舉登記, 會談日期) that names something else
_PREDICATE_START = re.compile(
    r"[於于在將将已從从由則则也亦正再終终最即共順顺如按依仍都均才就便又還还被至自到原定首隨随遂旋始延推改提曾並并共]"
    r"|開[始幕]|开[始幕]|舉[行辦]|举[行办]|進行|进行|結束|结束|閉幕|闭幕|落幕|揭幕|展開|展开|召開|召开|"
    r"預[定計]|预[定计]|計劃|计划|計畫|擬|拟|最終|最终|終於|终于|隨即|随即"
)
#: who meets, or when, in talks other than the article's own: 高層會談, 部長級會談, 工作層級會談, 後續會談
_OTHER_LEVEL = re.compile(
    r"(?:高層|高层|高級|高级|工作層|工作层|工作組|工作组|實務|实务|將領|将领|軍事|军事|外長|外长|次長|次长|特使|幕僚|"
    r"官員|官员|專家|专家|後續|后续|預備|预备|籌備|筹备)(?:層|层)?(?:[級级])?$|[^\s，。、；]{1,3}[級级]$")
#: the parties of a meeting named before it: 文在寅與特朗普的會談, 金正恩和特朗普會談
_PARTIES = re.compile(r"([^，,。；;、\s與与和同跟及的]{2,10})(?:與|与|和|同|跟)([^，,。；;、\s與与和同跟及的]{2,10}?)"
                      r"(?:之間|之间)?的?$")
_EVENT_VERBS = re.compile(r"舉行|举行|召開|召开|開幕|开幕|閉幕|闭幕|開始|开始|結束|结束|展開|展开|進行|进行|舉辦|举办|落幕|揭幕")
_END_WORDS = re.compile(r"結束|结束|閉幕|闭幕|落幕|完結|完结|破裂|告終|告终")
_START_WORDS = re.compile(r"開始|开始|開幕|开幕|揭幕|展開|展开")
_DAY_SECTION = re.compile(r"^(?:第(?P<n>[一二三四五六七八九十\d]+)[天日]|(?P<first>首日))$")
_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")
#: verbs of a release; a paragraph may list the releases of one work by region or edition in any order
_RELEASE = re.compile(r"上映|公映|發售|发售|發行|发行|上市|推出|開播|开播|首播|播出|出版|發布|发布|發佈|发佈|開賣|开卖|登陸|登陆")
_ENUMERATION = re.compile(r"^\s?(?:、|，|,|和|及|與|与|以及|或|及至)\s?$")
_SINCE_BEFORE = re.compile(r"繼|继|自|距|相隔|事隔|時隔|时隔|相距")
_SINCE_AFTER = re.compile(r"[後后]|以來|以来|之後|之后|至今")
_KIN = re.compile(r"[父母妻夫子女兄弟姐妹姊祖孫孙叔伯姨舅]")
#: a relative named as such (其妻, 他的父親, 之子): stricter than _KIN, whose characters also occur in names (孫中山)
_RELATIVE = re.compile(r"(?:其|之|的)(?:[父母妻夫子女兄弟姐妹姊]|祖[父母]|[孫孙][子女]?|長[子女]|长[子女]|次[子女])|"
                       r"父親|父亲|母親|母亲|妻子|丈夫|兒子|儿子|女兒|女儿")
_TITLE_YEAR = re.compile(r"(?<!\d)(\d{4})年")


@dataclass
class Point:
    """A resolved expression where it stands in the document."""

    expr: DateExpr
    bt: "BlockText"
    start: int  # offsets into bt.text
    end: int
    in_parens: bool = False
    in_title: bool = False
    in_quote: bool = False
    future: bool = False
    explicit_year: bool = False

    @property
    def span(self) -> Span:
        return self.bt.span(self.start, self.end)

    @property
    def value(self) -> dt.date | None:
        return self.expr.value


@dataclass
class BlockText:
    block: Block
    text: str
    offsets: list[int]
    points: list[Point] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        if end <= start:
            return Span(self.offsets[start], self.offsets[start])
        return Span(self.offsets[start], self.offsets[end - 1] + 1)

    def sentence_start(self, i: int) -> int:
        j = i
        while j > 0 and self.text[j - 1] not in _SENTENCE_END:
            j -= 1
        return j

    def sentence_end(self, i: int) -> int:
        j = i
        while j < len(self.text) and self.text[j] not in _SENTENCE_END:
            j += 1
        return j

    def clause_start(self, i: int) -> int:
        j = i
        while j > 0 and self.text[j - 1] not in _CLAUSE_END:
            j -= 1
        return j

    def clause_end(self, i: int) -> int:
        j = i
        while j < len(self.text) and self.text[j] not in _CLAUSE_END:
            j += 1
        return j


@dataclass
class Analysis:
    doc: Document
    blocks: list[BlockText]
    lead_year: int | None
    lead_range: Point | None
    birth: "Birth | None"
    #: the cursor (resolution state) just before each point, by id
    cursor_before: dict[int, Cursor]


def analyse(doc: Document) -> Analysis:
    """The document's dates, computed once and shared by every rule of the family."""
    return doc.derived("dates", lambda: _analyse(doc))


def _block_text(doc: Document, block: Block) -> BlockText:
    chars: list[str] = []
    offsets: list[int] = []
    exempt = [s for s in doc.exempt if s.overlaps(block.span)]
    text = doc.text
    for run in doc.prose_runs(block.span):
        piece = text[run.start : run.end]
        if "\n" not in piece and "\r" not in piece and not any(s.overlaps(run) for s in exempt):
            chars.append(piece)
            offsets.extend(range(run.start, run.end))
            continue
        for i in range(run.start, run.end):
            if text[i] in "\r\n":
                continue  # a hard-wrapped line goes on: 2019年2月\n27日 is one date
            if exempt and any(s.contains(i) for s in exempt):
                continue
            chars.append(text[i])
            offsets.append(i)
    return BlockText(block, "".join(chars), offsets)


def _is_narrative(doc: Document, block: Block, def_spans: list[Span]) -> bool:
    if block.kind not in _NARRATIVE_KINDS:
        return False
    if doc.in_references(block.span.start):
        return False
    if doc.references_span is not None and block.span.overlaps(doc.references_span):
        return False
    return not any(s.contains(block.span) for s in def_spans)


def _union(spans) -> list[tuple[int, int]]:
    """Disjoint sorted (start, end) ranges covering the same offsets as ``spans``."""
    out: list[list[int]] = []
    for sp in sorted(spans):
        if out and sp.start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], sp.end)
        else:
            out.append([sp.start, sp.end])
    return [(a, b) for a, b in out]


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the disjoint sorted ``ranges``."""
    i = bisect.bisect_right(ranges, (offset, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


def _paren_depths(text: str) -> list[int]:
    depth, out = 0, []
    for c in text:
        if c in "（(":
            depth += 1
        out.append(depth)
        if c in "）)" and depth:
            depth -= 1
    return out


def _analyse(doc: Document) -> Analysis:
    def_spans = [d.span for d in doc.footnote_defs if d.kind == "inline"]
    # the text of an external link is the title of the page it links to (a report's headline), like 《…》
    title_spans = _union([q.inner_span for q in doc.quotes if q.kind == "title"]
                         + [link.text_span for link in doc.links if link.kind == "external" and link.text_span])
    quote_spans = _union(q.inner_span for q in doc.quotes if q.kind == "quote")
    blocks: list[BlockText] = []
    for block in doc.blocks:
        if not _is_narrative(doc, block, def_spans):
            continue
        bt = _block_text(doc, block)
        if not bt.text.strip():
            continue
        depths = _paren_depths(bt.text)
        for e in scan(bt.text):
            start_off = bt.offsets[e.start]
            p = Point(e, bt, e.start, e.end)
            p.in_parens = depths[e.start] > 0
            p.in_title = _inside(title_spans, start_off)
            p.in_quote = _inside(quote_spans, start_off)
            prefix = bt.text[bt.clause_start(e.start):e.start]
            p.future = bool(_FUTURE.search(prefix))
            p.explicit_year = e.year is not None or e.era is not None
            bt.points.append(p)
        bt.claims = scan_claims(bt.text)
        blocks.append(bt)

    # the lead's year and range, else the title's year
    title_year = None
    m = _TITLE_YEAR.search(doc.title or "")
    if m:
        title_year = int(m.group(1))
    lead_blocks = [bt for bt in blocks if bt.block.section == 0]
    lead_year = bracket_year = lead_range = None
    for bt in lead_blocks:
        for p in bt.points:
            if p.expr.is_date and p.explicit_year and not p.expr.bce and not p.expr.lunar:
                if p.in_parens:  # （1950年3月1日－）: a life, not the article's time
                    bracket_year = bracket_year or p.expr.year
                    continue
                if lead_year is None:
                    lead_year = p.expr.year
                if lead_range is None and p.expr.precision == "day":
                    lead_range = p
    lead_year = lead_year or bracket_year or title_year

    cursor_before: dict[int, Cursor] = {}
    current_section = None
    cur = Cursor(title_year)
    for bt in blocks:
        if bt.block.section != current_section:
            current_section = bt.block.section
            cur = Cursor(title_year if current_section == 0 else lead_year)
        # a table's dates are not in reading order: they resolve against the text before it, and
        # leave the text after it as it was
        here = cur.copy() if bt.block.kind in ("table", "other") else cur
        for p in bt.points:
            cursor_before[id(p)] = here.copy()
            p.expr = _resolve_one(p.expr, here)

    birth = _birth_date(doc, blocks, lead=True) or _birth_template(doc) or _birth_date(doc, blocks, lead=False)
    return Analysis(doc, blocks, lead_year, lead_range, birth, cursor_before)


_LIFESPAN_AFTER = re.compile(r"^\s?[－\-–—~～至]")
#: what may stand in a birth clause besides the person: 生於, 出生於, 於, 則, 是 …
_BORN_HEAD = re.compile(r"(?:(?:出|誕|诞)?生[於于在]|[於于在]|則|则|是|為|为|乃|即)+$")
#: words ending in 生 that do not mean "born" and often stand before 於: 發生於 (happened on), 產生於,
#: 先生於 (Mr … on), 學生於, 新生於, 研究生於 …; names ending in 平, 民 … keep their 生於 (鄧小平生於…)
_NOT_BORN = "發发產产衍派滋寄共野原叢丛先學学醫医考師师新招究"
_BORN = re.compile(rf"(?<![{_NOT_BORN}])生(?:於|于|在)$")
#: 1984年1月8日生、…出生、…誕生; a bare 生 only where the word ends (not 生效, 生產, 生活 …)
_BORN_AFTER = re.compile(r"^(?:出生|誕生|诞生|生(?:[於于在]|(?=[，,。；;、）)\s]|$)))")


@dataclass(frozen=True)
class Birth:
    date: dt.date
    span: Span
    #: the death the lead's lifespan gives (1923年1月15日－2020年7月30日), if any
    death: dt.date | None = None
    #: the lead's lifespan is open (1984年1月8日－): the subject is alive
    living: bool = False


_BIRTH_TEMPLATES = {"bd", "birth date", "birth date and age", "birth-date", "birth-date and age", "bda", "dob",
                    "出生日期", "出生日期和年齡", "出生日期和年龄", "出生日期與年齡", "出生日期与年龄"}


def _birth_date(doc: Document, blocks: list[BlockText], lead: bool) -> Birth | None:
    """The subject's birth date: with ``lead``, ``（1984年1月8日－）`` in the lead; else the first
    ``生於1984年1月8日`` / ``1984年1月8日出生`` whose clause names no one or the subject (他生於,
    李登輝生於; anyone in the lead), not a relative (其妻生於…) or, in the body, another person
    (岩田聰生於… in the article on 任天堂)."""
    names = None
    for bt in blocks:
        for p in bt.points:
            e = p.expr
            if lead and bt.block.section == 0 and p.in_parens and _is_lifespan(blocks, p):
                return Birth(e.value, p.span, death=e.end_value)
            if e.kind != "date" or e.precision != "day" or not p.explicit_year or e.value is None:
                continue
            after = bt.text[p.end:p.end + 4]
            before = bt.text[max(0, p.start - 4):p.start]
            if lead:
                if bt.block.section == 0 and p.in_parens and _LIFESPAN_AFTER.match(after):
                    living = bool(re.match(r"\s?[－\-–—~～至]\s?[）)]", bt.text[p.end:p.end + 4]))
                    return Birth(e.value, p.span, living=living)
                continue
            if _BORN.search(before) or _BORN_AFTER.match(after):
                head = bt.text[bt.clause_start(p.start):p.start]
                if _RELATIVE.search(head):
                    continue  # 其妻生於1926年3月1日: someone else's birth
                who = _BORN_HEAD.sub("", head).strip()
                if who and not _PRONOUN.search(who) and bt.block.section != 0:
                    names = names if names is not None else {fold(n) for n in _names_of(doc, blocks)}
                    if not any(n in fold(who) for n in names):
                        continue  # 岩田聰生於1959年12月6日 in the article on 任天堂: another person's birth
                return Birth(e.value, p.span)
    return None


_DIED = re.compile(r"逝世|去世|病逝|過世|过世|辭世|辞世|病故|身故|逝於|逝于|卒於|卒于|與世長辭|与世长辞|"
                   r"不治|身亡|遇害|殉職|殉职|享年|終年|终年")


def _is_lifespan(blocks: list[BlockText], p: Point) -> bool:
    """Whether a range in the lead's brackets (1923年1月15日－2020年7月30日) is the subject's life:
    both ends are days, and the body says someone died on the end day.  A war or an event in the
    same brackets ends without a death on its last day."""
    e = p.expr
    if e.kind != "range" or e.precision != "day" or e.end_precision != "day" or not p.explicit_year:
        return False
    if e.value is None or e.end_value is None or not 0 < e.end_value.year - e.value.year <= 130:
        return False
    for bt in blocks:
        for q in bt.points:
            if q is p or q.expr.value != e.end_value or q.expr.precision != "day" or q.expr.kind != "date":
                continue
            if _DIED.search(bt.text[bt.sentence_start(q.start):bt.sentence_end(q.end)]):
                return True
    return False


def _birth_template(doc: Document) -> Birth | None:
    """A birth-date template in the lead: ``{{bd|1930年|1月30日}}``, ``{{Birth date|1987|03|23}}``."""
    for t in doc.templates:
        name = t.name.strip().lower().replace("_", " ")
        if name not in _BIRTH_TEMPLATES or doc.section_at(t.span.start).index != 0:
            continue
        positional = [v.strip() for k, v in t.params if k.isdigit()][:3]
        if name == "bd":
            found = [e for e in resolve_text("".join(positional[:2])) if e.precision == "day" and e.value]
            if found:
                return Birth(found[0].value, t.span)
            continue
        try:
            y, m, d = (int(x) for x in positional)
            return Birth(dt.date(y, m, d), t.span)
        except ValueError:
            continue
    return None


def _fmt(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "?"


_WEEKDAYS = "一二三四五六日"

# -- rules ------------------------------------------------------------------------------------


class ImpossibleDate(Rule):
    """Date or time that cannot exist.

    What it does: finds dates and times whose day, month or minute does not exist: 2月30日,
    4月31日, 13月, 2019年2月29日 (2019 is not a leap year), 9時61分; also the end of a range
    (2月27日至30日).  Broadcast listings count hours past midnight on the day before (每週五深夜25時55分
    播出): hours 24 to 29 are accepted in a sentence about broadcasting.  February 29 counts as impossible only when the year is written or
    stated relatively (同年), never when it is only guessed from context.  Besides prose, tables and
    lists, it reads the dates a reader sees elsewhere, as Wikipedia's citation module does ("Check date
    values"): the date parameters of citation templates (`|accessdate=2009年11月31日`, `|date=2019-02-30`,
    `|archive-date=`, `February 30, 2013`), the free text of footnotes and of the markdown export's
    footnote list, and dates that templates show (`{{bd|1930年|4月31日}}`, an infobox's `term_start`).
    Titles of cited works (`title=`, a link's text, 《…》) are the source's words and are left alone.
    Why is this bad? An impossible date is a typing or copying error; the reader cannot tell
    which date was meant.
    Example: `會談於2019年2月30日結束。`
    Use instead: `會談於2019年2月28日結束。`
    """

    code, name, family, severity = "DT001", "impossible-date", "dates", Severity.ERROR

    def check(self, doc: Document, ctx: Context):
        reported: list[Span] = []
        for bt in analyse(doc).blocks:
            for p in bt.points:
                e = p.expr
                if not e.problem or p.in_title or not _reportable(e, p.explicit_year):
                    continue
                if e.kind == "time" and e.hour is not None and 24 <= e.hour <= 29 and (e.minute or 0) <= 59 and \
                        _BROADCAST.search(bt.text[bt.sentence_start(p.start):bt.sentence_end(p.end)]):
                    continue  # 每週五深夜25時55分播出: the 30-hour clock of Japanese broadcast listings
                reported.append(p.span)
                yield Violation(p.span, f"impossible {'time' if e.kind == 'time' else 'date'} {e.text}: {e.problem}")
        for span, e, where in _dates_outside_prose(doc):
            if e.problem and _reportable(e, e.year is not None) and not any(span.overlaps(r) for r in reported):
                reported.append(span)
                yield Violation(span, f"impossible date {e.text} {where}: {e.problem}")


def _reportable(e: DateExpr, explicit_year: bool) -> bool:
    """Whether an expression's problem is sure: not a day alone (its month is a guess), a month without
    a year, or 2月29日 in a year only guessed from context."""
    if e.kind == "date" and e.precision == "day" and e.month is None:
        return False
    if e.kind == "date" and e.precision == "month" and e.year is None:
        return False
    return not (e.month == 2 and e.day == 29 and e.year_rel is None and not explicit_year and e.kind == "date")


#: CS1/CS2 citation templates ({{cite web}}, {{Cite news}}, {{citation}} …) and the parameters whose value is a
#: date their module checks ("Check date values")
_CITATION = re.compile(r"^(?:cite(?:[\s_]|$)|citation$|vcite)", re.I)
_DATE_PARAMS = frozenset(
    "date access-date accessdate archive-date archivedate publication-date publicationdate lay-date laydate "
    "air-date airdate doi-broken-date doi_brokendate pmc-embargo-date embargo".split())
#: parameters of other templates that name a work or a place, not a date the reader is told
_NOT_DATE_PARAM = re.compile(r"title|url|image|file|logo|map|caption|quote|cat|sort|alt|name", re.I)


def _dates_outside_prose(doc: Document):
    """(span, expression, where) for the dates a reader sees outside the article's running prose: the date
    parameters of citation templates, what other templates show ({{bd|1930年|7月20日}}, an infobox's
    ``term_start``), and the free text of footnotes and reference lists (the markdown export renders
    citations there as text).  Titles of cited works (a link's text, 《…》, ``title=``) are left alone."""
    hidden = sorted([t.span for t in doc.templates] + [link.span for link in doc.links] + [m.span for m in doc.markup]
                    + [q.span for q in doc.quotes if q.kind == "title"] + list(doc.exempt))
    starts = [h.start for h in hidden]
    for t in doc.templates:
        if any(x.contains(t.span) for x in doc.exempt):
            continue
        citation = bool(_CITATION.match(t.name.strip()))
        for name, vspan in t.param_spans:
            key = name.strip().lower()
            if citation and key not in _DATE_PARAMS or not citation and _NOT_DATE_PARAM.search(key):
                continue
            value = _masked(doc.text, vspan, hidden, starts)
            exprs = value_dates(value) if citation else _scan_resolved(value)
            for e in exprs:
                where = f"in |{name.strip()}= of {{{{{t.name.strip()}}}}}" if citation else f"in {{{{{t.name.strip()}}}}}"
                yield Span(vspan.start + e.start, vspan.start + e.end), e, where
    regions = [(d.content_span, f"in footnote {d.label}" if d.kind == "list" else "in a footnote")
               for d in doc.footnote_defs if d.content_span.end > d.content_span.start]
    regions += [(b.span, "in the references") for b in doc.blocks
                if b.kind in ("paragraph", "list_item", "other") and doc.in_references(b.span.start)]
    for region, where in regions:
        value = _masked(doc.text, region, hidden, starts)
        for e in _scan_resolved(value):
            yield Span(region.start + e.start, region.start + e.end), e, where


def _scan_resolved(text: str) -> list[DateExpr]:
    """The dates of a text that is not a narrative (a template's value, a footnote), each resolved on its own."""
    return [_resolve_one(e, Cursor()) for e in scan(text) if e.is_date]


def _masked(text: str, region: Span, hidden: list[Span], starts: list[int]) -> str:
    """``text`` over ``region`` with the hidden spans that start inside it blanked (a template, a link and its
    title, markup, a 《title》), so that dates are read only from the text around them."""
    chars = list(text[region.start:region.end])
    for h in hidden[bisect.bisect_left(starts, region.start):bisect.bisect_left(starts, region.end)]:
        for i in range(h.start - region.start, min(h.end, region.end) - region.start):
            chars[i] = "|"
    return "".join(chars)


#: words of broadcast listings, which write times after midnight as 25時, 26時30分 (the 30-hour clock)
_BROADCAST = re.compile(r"播出|播放|放送|首播|重播|播映|聯播|联播|節目|节目|電視|电视|電台|电台|頻道|频道|深夜")
_GREGORIAN_AFTER = re.compile(r"^\s?[（(]\s?(?:公元|西元)?$")
_ERA_AFTER = re.compile(r"^\s?[（(]\s?$")


class EraYearMismatch(Rule):
    """Era year and the Gregorian year beside it disagree.

    What it does: compares a year of the ROC calendar (民國), a Japanese era (明治, 大正, 昭和,
    平成, 令和) or a Qing era (光緒, 宣統 …) with the Gregorian year written beside it in brackets,
    either way round.  Qing eras follow the lunisolar calendar, so a date late in their year may
    fall in the next Gregorian year: that is accepted.
    Why is this bad? One of the two years is wrong, and the reader cannot tell which.
    Example: `明治28年（1905年）`
    Use instead: `明治28年（1895年）`
    """

    code, name, family, severity = "DT002", "era-year-mismatch", "dates", Severity.ERROR

    def check(self, doc: Document, ctx: Context):
        for bt in analyse(doc).blocks:
            pts = [p for p in bt.points if p.expr.is_date]
            for a, b in zip(pts, pts[1:]):
                between = bt.text[a.end:b.start]
                ea, eb = a.expr, b.expr
                if ea.era and not eb.era and eb.year is not None and eb.year_rel is None and _GREGORIAN_AFTER.match(between):
                    era, gregorian = a, b
                elif eb.era and not ea.era and ea.year is not None and ea.year_rel is None and _ERA_AFTER.match(between):
                    era, gregorian = b, a
                else:
                    continue
                e = era.expr
                expected = ERA_BASE[e.era] + e.era_year
                ok = {expected}
                if e.era in LUNAR_ERAS and e.month is not None:
                    ok.add(expected + 1)
                if gregorian.expr.year not in ok:
                    yield Violation(
                        era.span,
                        f"{e.era}{e.era_year}年 is {expected}, not {gregorian.expr.year} as written beside it",
                        related=(gregorian.span,),
                    )


class WeekdayMismatch(Rule):
    """Weekday that contradicts its date.

    What it does: checks a weekday written with a date (星期三, 週三, 周三, （三）) against the
    calendar, using the date's year (written, or resolved from the nearest preceding date).
    Why is this bad? Either the date or the weekday is wrong.
    Example: `2019年2月28日（星期五）`
    Use instead: `2019年2月28日（星期四）`
    """

    code, name, family, severity = "DT003", "weekday-mismatch", "dates", Severity.ERROR

    def check(self, doc: Document, ctx: Context):
        for bt in analyse(doc).blocks:
            for p in bt.points:
                e = p.expr
                if e.weekday is None or e.value is None or e.weekday_span is None:
                    continue
                actual = e.value.weekday()
                if actual != e.weekday:
                    ws, we = e.weekday_span
                    yield Violation(
                        bt.span(ws, we),
                        f"{_fmt(e.value)} was a 星期{_WEEKDAYS[actual]}, not 星期{_WEEKDAYS[e.weekday]}",
                        related=(p.span,),
                    )


_THAT_IS = re.compile(r"^[，,、\s]*(?:即|亦即|也就是|也即|是|為|为|乃)")


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


_MOMENT_END = re.compile(r"(?:[時时]|之際|之际|的時候|的时候)$")
#: a date that bounds an event named after it: 2月1日的決賽前, 3月1日的會談之前
_BOUND_AFTER = re.compile(r"的[^，。；,;：:\d年月日]{1,8}?(?:之|以)?前(?![往进進])")
_PRONOUN = re.compile(r"[他她]|本人")


def _subject_names(an: Analysis) -> set[str]:
    return _names_of(an.doc, an.blocks)


def _names_of(doc: Document, blocks: list[BlockText]) -> set[str]:
    """The names of the article's subject: its title (without a disambiguation) and the term the
    lead opens with (李登輝（1923年…）…, 金正恩是…)."""
    names = {re.sub(r"\s*[（(][^（）()]*[）)]\s*$", "", (doc.title or "").strip())}
    lead = next((bt for bt in blocks if bt.block.section == 0), None)
    if lead is not None:
        m = re.match(r"\s*([^（(，,。：:；;\s是為为]{2,15})", lead.text)
        if m:
            names.add(m.group(1))
    return {n for n in names if n}


def _other_subject(an: Analysis, bt: BlockText, start: int, end: int) -> bool:
    """Whether the last clause subject between ``start`` and ``end`` is someone else: a clause of
    ``bt.text[start:end]`` that names a relative (他的妻子, 其父) or opens with a link to a page other
    than the article's subject, with no later clause naming the subject (他, 她, or one of its
    names) again."""
    own = _subject_names(an)
    heads = {
        (link.text_span or link.target_span or link.span).start
        for link in an.doc.links
        if link.kind == "internal" and link.target.strip() and link.target.strip() not in own
    }
    other = False
    i = start
    while i < end:
        j = i
        while j < end and bt.text[j] not in _CLAUSE_END:
            j += 1
        k = i
        while k < j and bt.text[k] in " \u3000「『":
            k += 1
        clause = bt.text[k:j]
        if _RELATIVE.search(clause) or k < j and bt.offsets[k] in heads:
            other = True
        elif _PRONOUN.search(clause) or any(n in clause for n in own):
            other = False
        i = j + 1
    return other


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


class MixedDateFormats(Rule):
    """ISO dates next to 年月日 dates in one article.

    What it does: when the article's prose writes full dates as 2019年2月27日, reports the dates
    it writes as ISO 2019-02-27 (references, tables and titles, such as the headline of a linked
    report `[2008-10-09 米迪亞打假球](http://…)`, are left alone) and offers to rewrite them.
    Why is this bad? One article should write dates one way; zh-wiki prose uses 年月日.
    Example: `會談於2019年2月27日開始，2019-02-28結束。`
    Use instead: `會談於2019年2月27日開始，2019年2月28日結束。`
    """

    code, name, family, severity = "DT007", "mixed-date-formats", "dates", Severity.INFO
    fixable = True

    def check(self, doc: Document, ctx: Context):
        an = analyse(doc)
        prose = [bt for bt in an.blocks if bt.block.kind in ("paragraph", "list_item", "quote")]
        cjk = [p for bt in prose for p in bt.points if p.expr.is_date and not p.expr.iso and p.explicit_year
               and p.expr.precision == "day" and not p.in_title]
        if not cjk:
            return
        for bt in prose:
            for p in bt.points:
                e = p.expr
                if not e.iso or p.in_title:
                    continue
                fix = None
                if e.value is not None:
                    span = p.span
                    fix = Fix(f"write {_fmt(e.value)}", (Edit(span, _fmt(e.value)),))
                yield Violation(p.span, f"ISO date {e.text} in an article that writes dates as {cjk[0].expr.text}",
                                related=(cjk[0].span,), fix=fix)
