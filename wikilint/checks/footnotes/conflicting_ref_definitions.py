"""FN007 ``conflicting-ref-definitions``: one ref name defined twice with different content."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, _is_tag_ref, describe_def, footnote_index, opening_tag
from wikilint.document.model import Document, FootnoteDef
from wikilint.engine.rule import Context, Rule, Severity, Violation


class ConflictingRefDefinitions(Rule):
    """Same ref name defined twice with different content.

    What it does: reports a wikitext ref that gives a name already defined (in the same group)
    with other content.  MediaWiki shows a cite error and keeps only the first.  Whitespace
    differences are ignored; an empty `<ref name="x"></ref>` is a reuse, not a definition.
    Why is this bad? One of the two sources silently disappears from the article.
    Example: `<ref name="a">BBC</ref>` … `<ref name="a">CNN</ref>`
    Use instead: `<ref name="a">BBC</ref>` … `<ref name="b">CNN</ref>`
    """

    code, name, family, severity = "FN007", "conflicting-ref-definitions", FAMILY, Severity.ERROR
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        for key, members in index.defs_by_key.items():
            named = [i for i in members if doc.footnote_defs[i].name and _is_tag_ref(doc.footnote_defs[i])]
            first: FootnoteDef | None = None
            for i in named:
                note = doc.footnote_defs[i]
                if not note.closed or not note.content.strip():
                    continue
                if first is None:
                    first = note
                elif " ".join(note.content.split()) != " ".join(first.content.split()):
                    yield Violation(
                        opening_tag(note),
                        f"{describe_def(note)} is defined again with different content; MediaWiki keeps only the first",
                        related=(first.span,),
                    )
