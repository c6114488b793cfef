"""DT003 weekday-mismatch: a weekday that contradicts its date."""

from __future__ import annotations

from wikilint.checks.dates.analysis import analyse
from wikilint.checks.dates.model import _fmt
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation

_WEEKDAYS = "一二三四五六日"


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
