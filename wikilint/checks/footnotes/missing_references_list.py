"""FN010 ``missing-references-list``: refs with no references list to show them."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, _group, footnote_index, opening_tag
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation


class MissingReferencesList(Rule):
    """Refs with no references list to show them.

    What it does: reports, once per group, wikitext refs when the article has no
    `<references />`, `{{reflist}}` (or `{{Reflist}}`, `{{references}}`, `{{參考資料}}` …) for their
    group.  For the default group the finding is a warning (MediaWiki appends a list at the end
    of the page, outside any 參考資料 section); for a named group it is an error.
    Why is this bad? The footnotes end up in no section, or a cite error replaces them.
    Example: `會談破局<ref group="注">說明</ref>。` and no `<references group="注"/>`
    Use instead: `== 注釋 ==` followed by `<references group="注"/>`
    """

    code, name, family, severity = "FN010", "missing-references-list", FAMILY, Severity.ERROR
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if doc.format != "wikitext":
            return  # the markdown export shows its footnotes as a list, never as <references/>
        index = footnote_index(doc)
        by_group: dict[str | None, list[Span]] = {}
        for note in doc.footnote_defs:
            if note.kind == "inline":
                by_group.setdefault(_group(note.group), []).append(opening_tag(note))
        for j, marker in enumerate(doc.footnote_markers):
            if index.marker_own_ref[j] is None:
                by_group.setdefault(_group(marker.group), []).append(marker.span)
        if not by_group:
            return
        shown = {_group(group) for group, _span in doc.reference_lists}
        for group, spans in sorted(by_group.items(), key=lambda item: min(s.start for s in item[1])):
            if group in shown:
                continue
            spans.sort()
            count = f"{len(spans)} refs" if len(spans) > 1 else "1 ref"
            if group is None:
                message = f"{count} but no <references /> or {{{{reflist}}}} to show them"
                severity = Severity.WARNING
            else:
                message = f'{count} in group "{group}" but no <references group="{group}" /> to show them'
                severity = None
            yield Violation(spans[0], message, related=tuple(spans[1:]), severity=severity)
