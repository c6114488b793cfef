"""Dates a reader sees outside the running prose: the date parameters of citation templates, what
other templates show, and the free text of footnotes and reference lists (read by DT001)."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from wikilint.checks.dates.analysis import Containers
from wikilint.document.model import Document, Span
from wikilint.patterns import lazy_compile
from wikilint.zh.dates import Cursor, DateExpr, _resolve_one, scan, value_dates

#: CS1/CS2 citation templates ({{cite web}}, {{Cite news}}, {{citation}} …) and the parameters whose value is a
#: date their module checks ("Check date values")
_CITATION = lazy_compile(r"^(?:cite(?:[\s_]|$)|citation$|vcite)", re.I)
_DATE_PARAMS = frozenset(
    "date access-date accessdate archive-date archivedate publication-date publicationdate lay-date laydate "
    "air-date airdate doi-broken-date doi_brokendate pmc-embargo-date embargo".split())
#: parameters of other templates that name a work or a place, not a date the reader is told
_NOT_DATE_PARAM = lazy_compile(r"title|url|image|file|logo|map|caption|quote|cat|sort|alt|name", re.I)


def _dates_outside_prose(doc: Document):
    """(span, expression, where) for the dates a reader sees outside the article's running prose: the date
    parameters of citation templates, what other templates show ({{bd|1930年|7月20日}}, an infobox's
    ``term_start``), and the free text of footnotes and reference lists (the markdown export renders
    citations there as text).  Titles of cited works (a link's text, 《…》, ``title=``) are left alone."""
    text = doc.text
    masks = _Masks(doc)
    exempt = Containers(doc.exempt)
    for t in doc.templates:
        if exempt.contain(t.span):
            continue
        citation = bool(_CITATION.match(t.name.strip()))
        for name, vspan in t.param_spans:
            key = name.strip().lower()
            if citation and key not in _DATE_PARAMS or not citation and _NOT_DATE_PARAM.search(key):
                continue
            # most values hold no date: without one of its characters, neither scan nor masking is needed
            if not (_MAY_HOLD_VALUE_DATE if citation else _MAY_HOLD_DATE).search(text, vspan.start, vspan.end):
                continue
            value = masks.masked(vspan)
            exprs = value_dates(value) if citation else _scan_resolved(value)
            for e in exprs:
                where = f"in |{name.strip()}= of {{{{{t.name.strip()}}}}}" if citation else f"in {{{{{t.name.strip()}}}}}"
                yield Span(vspan.start + e.start, vspan.start + e.end), e, where
    regions = [(d.content_span, f"in footnote {d.label}" if d.kind == "list" else "in a footnote")
               for d in doc.footnote_defs if d.content_span.end > d.content_span.start]
    regions += [(b.span, "in the references") for b in doc.blocks
                if b.kind in ("paragraph", "list_item", "other") and doc.in_references(b.span.start)]
    for region, where in regions:
        if not _MAY_HOLD_DATE.search(text, region.start, region.end):
            continue
        for e in _scan_resolved(masks.masked(region)):
            yield Span(region.start + e.start, region.start + e.end), e, where


#: a character every date ``scan`` finds holds (年, 月, 日, the ISO hyphen), and for a date parameter's value
#: also a digit (February 26, 2013)
_MAY_HOLD_DATE = re.compile("[年月日\\-－]")
_MAY_HOLD_VALUE_DATE = re.compile("[年月日\\-－\\d]")


@lru_cache(maxsize=4096)
def _scan_resolved(text: str) -> tuple[DateExpr, ...]:
    """The dates of a text that is not a narrative (a template's value, a footnote), each resolved on its own
    (memoised: footnotes and template values repeat their dates; the expressions are never changed)."""
    return tuple(_resolve_one(e, Cursor()) for e in scan(text) if e.is_date)


class _Masks:
    """The document's text over a region with the hidden spans that start inside it blanked (a template, a
    link and its title, markup, a 《title》), so that dates are read only from the text around them.  The
    hidden spans are gathered on the first region asked for."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.hidden: list[Span] | None = None
        self.starts: list[int] = []

    def masked(self, region: Span) -> str:
        if self.hidden is None:
            doc = self.doc
            self.hidden = sorted([t.span for t in doc.templates] + [link.span for link in doc.links]
                                 + [m.span for m in doc.markup] + [q.span for q in doc.quotes if q.kind == "title"]
                                 + list(doc.exempt))
            self.starts = [h.start for h in self.hidden]
        text, pieces, cur = self.doc.text, [], region.start
        for h in self.hidden[bisect.bisect_left(self.starts, region.start):bisect.bisect_left(self.starts, region.end)]:
            start, end = max(h.start, cur), min(h.end, region.end)
            if end > start:
                pieces += (text[cur:start], "|" * (end - start))
                cur = end
        pieces.append(text[cur:region.end])
        return "".join(pieces)
