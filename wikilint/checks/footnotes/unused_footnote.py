"""FN004 ``unused-footnote``: a definition no marker cites."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, carries_text, describe_def, footnote_index
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation


class UnusedFootnote(Rule):
    """Footnote definition that no marker cites.

    What it does: reports an entry of the markdown footnote list that no `\\[n\\]` marker cites,
    or a ref defined inside `<references>…</references>` that no `<ref name="…"/>` uses
    (MediaWiki shows a cite error for it).  Markdown lists that no marker cites at all are left
    alone: they are likely ordinary lists, and so are empty entries: FN001 reports those.
    Why is this bad? The source is shown but tied to no claim, or the claim lost its marker.
    Example: `正文。` … `1.  <https://example.org>`
    Use instead: `正文\\[1\\]。` … `1.  <https://example.org>`
    """

    code, name, family, severity = "FN004", "unused-footnote", FAMILY, Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        listed = [i for i, d in enumerate(doc.footnote_defs) if d.kind == "list"]
        any_list_cited = any(index.is_cited(i) for i in listed)
        for i, note in enumerate(doc.footnote_defs):
            if note.kind == "inline" or index.is_cited(i):
                continue
            if note.closed and not carries_text(note.content):
                continue  # empty as well as uncited: one finding, FN001's
            if note.kind == "list" and not any_list_cited:
                continue
            where = "in the references list " if note.kind == "listed" else ""
            yield Violation(note.span, f"{describe_def(note)} is defined {where}but never cited")
