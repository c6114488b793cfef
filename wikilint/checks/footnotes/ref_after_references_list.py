"""FN012 ``ref-after-references-list``: a ref placed after the last references list of its group."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, _group, opening_tag
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation


class RefAfterReferencesList(Rule):
    """Ref placed after the last references list of its group.

    What it does: reports, once per group, wikitext refs that come after the last
    `<references />` / `{{reflist}}` of their group, such as a ref in 外部連結 below 參考資料.
    Why is this bad? MediaWiki cannot show them in that list: they end up in a separate list at
    the very bottom of the page, apart from the other sources.
    Example: `== 參考資料 ==` / `{{reflist}}` / `== 外部連結 ==` / `官方網站<ref>新華社</ref>`
    Use instead: `== 外部連結 ==` / `官方網站` above `== 參考資料 ==` / `{{reflist}}`, or the ref moved into the body
    """

    code, name, family, severity = "FN012", "ref-after-references-list", FAMILY, Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        last_end: dict[str | None, int] = {}
        for group, span in doc.reference_lists:
            last_end[_group(group)] = max(last_end.get(_group(group), 0), span.end)
        late: dict[str | None, list[Span]] = {}
        for note in doc.footnote_defs:
            group = _group(note.group)
            if note.kind == "inline" and group in last_end and note.span.start >= last_end[group]:
                late.setdefault(group, []).append(opening_tag(note))
        for group, spans in late.items():
            count = f"{len(spans)} refs come" if len(spans) > 1 else "1 ref comes"
            if group is None:
                message = f"{count} after the last references list: MediaWiki shows them apart, at the bottom of the page"
            else:
                message = f'{count} after the last references list of group "{group}": that list cannot show them'
            yield Violation(spans[0], message, related=tuple(spans[1:]))
