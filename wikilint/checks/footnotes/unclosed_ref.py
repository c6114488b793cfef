"""FN009 ``unclosed-ref``: a ref tag that is never closed."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, _is_tag_ref, describe_def, opening_tag
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation


class UnclosedRef(Rule):
    """`<ref>` opened and never closed.

    What it does: reports a wikitext `<ref>` with no matching `</ref>`.
    Why is this bad? MediaWiki swallows the text that follows into the footnote or shows a cite
    error.
    Example: `會談破局<ref>{{cite news |url=https://example.org |title=破局}}。`
    Use instead: `會談破局<ref>{{cite news |url=https://example.org |title=破局}}</ref>。`
    """

    code, name, family, severity = "FN009", "unclosed-ref", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for note in doc.footnote_defs:
            if not note.closed and _is_tag_ref(note):
                yield Violation(opening_tag(note), f"{describe_def(note)} is opened but never closed with </ref>")
