"""DT001 impossible-date: a date or time that cannot exist."""

from __future__ import annotations


from wikilint.checks.dates.analysis import analyse
from wikilint.checks.dates.citations import _dates_outside_prose
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.patterns import lazy_compile
from wikilint.zh.dates import DateExpr

#: words of broadcast listings, which write times after midnight as 25時, 26時30分 (the 30-hour clock)
_BROADCAST = lazy_compile(r"播出|播放|放送|首播|重播|播映|聯播|联播|節目|节目|電視|电视|電台|电台|頻道|频道|深夜")


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
