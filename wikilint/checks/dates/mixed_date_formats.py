"""DT007 mixed-date-formats: ISO dates next to 年月日 dates in one article."""

from __future__ import annotations

from wikilint.checks.dates.analysis import analyse
from wikilint.checks.dates.model import _fmt
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation


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
    article_wide = True
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
