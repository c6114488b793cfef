"""DT002 era-year-mismatch: an era year and the Gregorian year beside it disagree."""

from __future__ import annotations


from wikilint.checks.dates.analysis import analyse
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.patterns import lazy_compile
from wikilint.zh.dates import ERA_BASE, LUNAR_ERAS

_GREGORIAN_AFTER = lazy_compile(r"^\s?[（(]\s?(?:公元|西元)?$")
_ERA_AFTER = lazy_compile(r"^\s?[（(]\s?$")


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
