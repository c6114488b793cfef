"""FN001 ``empty-footnote``: a footnote with no text."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, Key, carries_text, def_key, describe_def, footnote_index
from wikilint.document.model import Document
from wikilint.engine.rule import RELATED_LIMIT, Context, Edit, Fix, Rule, Severity, Violation


def _unsourced(claims: int) -> str:
    if claims == 0:
        return "it names no source, and nothing cites it"
    if claims == 1:
        return "the claim citing it has no source"
    return f"the {claims} claims citing it have no source"


class EmptyFootnote(Rule):
    """Footnote definition with no source: empty, or only punctuation or a stray quote.

    What it does: reports a footnote definition whose content is empty or holds nothing but
    whitespace, punctuation, quotes or symbols (a markdown list entry such as `12.` or `86. "`,
    a wikitext `<ref></ref>` or `<ref> </ref>`).  The finding sits on the definition and lists
    the markers that cite it as related ranges.  A named wikitext ref with empty content that
    reuses a ref of the same name defined elsewhere is not empty, except inside
    `<references>…</references>`, where MediaWiki requires the content.
    Why is this bad? The marker tells the reader the claim is sourced when nothing backs it.
    Example: `會談在河內舉行\\[1\\]。` … `1.`
    Use instead: `會談在河內舉行\\[1\\]。` … `1.  <https://example.org/news/1>`
    """

    code, name, family, severity = "FN001", "empty-footnote", FAMILY, Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        reported: set[Key] = set()
        for i, note in enumerate(doc.footnote_defs):
            if not note.closed or carries_text(note.content):
                continue
            fix, why = None, None
            if note.kind == "inline":
                key = def_key(note)
                if key in reported:
                    continue
                siblings = index.defs_by_key.get(key, [i])
                if any(carries_text(doc.footnote_defs[k].content) for k in siblings):
                    continue  # <ref name="x"></ref> reusing x: not a definition of its own
                reported.add(key)
                related = index.key_citations(doc, key)
                related += tuple(doc.footnote_defs[k].span for k in siblings if k != i)
                claims = len(related)
                if note.name is None and not related:
                    fix = Fix("remove the empty <ref></ref>", (Edit(note.span, ""),), safe=False)
            else:
                related, claims = index.citations(doc, i, RELATED_LIMIT), index.citation_count(i)
                if note.kind == "listed":  # MediaWiki: a ref defined in <references> must have content
                    why = "a ref defined in the references list must hold the source"
            why = why or _unsourced(claims)
            yield Violation(note.span, f"{describe_def(note)} is empty: {why}", related=related, fix=fix,
                            more_related=claims - len(related) if note.kind != "inline" else 0)
