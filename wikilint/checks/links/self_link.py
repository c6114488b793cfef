"""LK009 ``self-link``: a link from an article to itself."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _title_key, _unlink, link_title
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation


class SelfLink(Rule):
    """Link from an article to itself.

    What it does: reports links (without a section fragment) whose target is the article's own
    title, in any script variant.
    Why is this bad? The link leads the reader back to the page already open; MediaWiki shows
    it as bold text, the export as a useless link.
    Example: `見[2019年朝美首腦會談](https://zh.wikipedia.org/wiki/2019年朝美首脑会谈 "wikilink")` inside that article
    Use instead: `見2019年朝美首腦會談` (the unsafe fix unlinks it)
    """

    code, name, family, severity = "LK009", "self-link", FAMILY, Severity.INFO
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if not doc.title or not doc.title.strip():
            return
        own = _title_key(doc.title)
        if own is None:
            return
        for link in doc.links:
            if link.kind != "internal" or link.fragment or not link.target.strip():
                continue
            if _title_key(link_title(link)) == own:
                yield Violation(link.span, f"link to the article itself ({doc.title})", fix=_unlink(doc, link))
