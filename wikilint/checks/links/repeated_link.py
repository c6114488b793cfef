"""LK008 ``repeated-link``: the same target linked more than once in one section."""

from __future__ import annotations

import bisect
from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _title_key, _unlink, link_title
from wikilint.document.model import Document, Link, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.zh.titles import anchor_key


class _SpanLookup:
    """Whether one of many spans holds a given span, by bisection: a scan per link is quadratic in
    an article with thousands of links and templates."""

    def __init__(self, spans: list[Span]) -> None:
        self._exact = set(spans)
        # spans that overlap are merged, spans that only touch are not: [[a]][[b]] holds neither link strictly
        merged: list[Span] = []
        for span in sorted(self._exact):
            if merged and span.start < merged[-1].end:
                if span.end > merged[-1].end:
                    merged[-1] = Span(merged[-1].start, span.end)
            else:
                merged.append(span)
        self._merged = merged
        self._starts = [s.start for s in merged]

    def holds(self, span: Span, strictly: bool = False) -> bool:
        k = bisect.bisect_right(self._starts, span.start) - 1
        if k < 0 or not self._merged[k].contains(span):
            return False
        # a span that is itself one of them holds itself only: strictly, it needs a larger one
        return not strictly or span not in self._exact or self._merged[k] != span


class RepeatedLink(Rule):
    """The same target linked more than once in one section.

    What it does: reports the second and later links to the same page (after normalisation and
    script folding, same fragment) within one section of running text.  Tables, image captions,
    templates (infoboxes), the category footer and the references are left alone, as the manual
    of style allows repeats there; so are footnotes, also where a wikitext ``<ref>`` stands in the
    text, and refs written with HTML entities (``&lt;ref&gt;…&lt;/ref&gt;``).
    Why is this bad? A link helps the reader the first time; repeated links make the text a sea
    of blue in which the useful links are hard to find (WP:OVERLINK).
    List items that are entries rather than sentences (honours, works, train services: no 。 in
    them) are left alone too, like table rows.
    Example: `[金正恩](../Page/金正恩.md "wikilink")……[金正恩](../Page/金正恩.md "wikilink")` in one section
    Use instead: `[金正恩](../Page/金正恩.md "wikilink")……金正恩` (the unsafe fix unlinks the repeat)
    """

    code, name, family, severity = "LK008", "repeated-link", FAMILY, Severity.INFO
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        first: dict[tuple[int, str, str], Link] = {}
        # captions, infoboxes, navboxes and the footnotes may repeat links (WP:OVERLINK): links
        # inside them are neither a first link nor a repeat
        # a link inside another link's text is broken markup, not a repeat: unlinking it one level
        # a pass made --unsafe-fixes take as many passes as the links were nested deep
        aside = _SpanLookup([link.span for link in doc.links if link.kind in ("file", "internal")]
                            + [t.span for t in doc.templates] + [d.span for d in doc.footnote_defs if d.kind != "list"]
                            + [m.span for m in doc.markup if m.kind in ("escaped-ref", "escaped-citation")])
        footer = _SpanLookup(list(doc.category_lines))
        for link in doc.links:
            if link.kind != "internal" or not link.target.strip():
                continue
            if aside.holds(link.span, strictly=True):
                continue
            if doc.in_references(link.span.start) or footer.holds(link.span):
                continue
            block = doc.block_at(link.span.start)
            if block is not None and (block.kind in ("table", "category_line") or _entry(doc, block)):
                continue
            key = _title_key(link_title(link))
            if key is None:
                continue
            section = doc.section_at(link.span.start).index
            slot = (section, key, anchor_key(link.fragment or ""))
            earlier = first.get(slot)
            if earlier is None:
                first[slot] = link
                continue
            yield Violation(
                link.span,
                f"{link.target} is already linked in this section",
                related=(earlier.span,),
                fix=_unlink(doc, link),
            )


def _entry(doc: Document, block) -> bool:
    """A list item that is an entry, not a sentence (an honour, a work, a train service): such lists
    repeat links item by item as tables do (MOS:REPEATLINK)."""
    if block.kind != "list_item":
        return False
    return doc.derived(("links", "entry", block.index),
                       lambda: not any(ch in "。！？!?" for ch in doc.prose_text(block.span)))
