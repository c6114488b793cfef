"""The article's subject: the names it goes by, whether a clause is about it or about someone else,
and its birth date (from a lifespan in the lead, a birth-date template, or ``生於…`` in the text)."""

from __future__ import annotations

import datetime as dt
import re

from wikilint.checks.dates.model import Analysis, Birth, BlockText, Point, _CLAUSE_END
from wikilint.document.model import Document
from wikilint.patterns import lazy_compile
from wikilint.zh.dates import parse as resolve_text
from wikilint.zh.titles import fold

#: a relative named as such (其妻, 他的父親, 之子): stricter than date_arithmetic's _KIN, whose characters also
#: occur in names (孫中山)
_RELATIVE = lazy_compile(r"(?:其|之|的)(?:[父母妻夫子女兄弟姐妹姊]|祖[父母]|[孫孙][子女]?|長[子女]|长[子女]|次[子女])|"
                         r"父親|父亲|母親|母亲|妻子|丈夫|兒子|儿子|女兒|女儿")
_PRONOUN = lazy_compile(r"[他她]|本人")

_LIFESPAN_AFTER = lazy_compile(r"^\s?[－\-–—~～至]")
#: what may stand in a birth clause besides the person: 生於, 出生於, 於, 則, 是 …
_BORN_HEAD = lazy_compile(r"(?:(?:出|誕|诞)?生[於于在]|[於于在]|則|则|是|為|为|乃|即)+$")
#: words ending in 生 that do not mean "born" and often stand before 於: 發生於 (happened on), 產生於,
#: 先生於 (Mr … on), 學生於, 新生於, 研究生於 …; names ending in 平, 民 … keep their 生於 (鄧小平生於…)
_NOT_BORN = "發发產产衍派滋寄共野原叢丛先學学醫医考師师新招究"
_BORN = lazy_compile(rf"(?<![{_NOT_BORN}])生(?:於|于|在)$")
#: 1984年1月8日生、…出生、…誕生; a bare 生 only where the word ends (not 生效, 生產, 生活 …)
_BORN_AFTER = lazy_compile(r"^(?:出生|誕生|诞生|生(?:[於于在]|(?=[，,。；;、）)\s]|$)))")

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


_DIED = lazy_compile(r"逝世|去世|病逝|過世|过世|辭世|辞世|病故|身故|逝於|逝于|卒於|卒于|與世長辭|与世长辞|"
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
