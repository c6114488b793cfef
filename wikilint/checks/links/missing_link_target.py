"""LK006 ``missing-link-target``: a link to a page the title index does not have."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _FORBIDDEN, _covers, link_title
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.zh.titles import normalize_title


class MissingLinkTarget(Rule):
    """Link to a page that does not exist (checked against the title index).

    What it does: with a title index (``--titles`` or ``titles =``), reports internal links and
    category links whose target is not an indexed page in any script variant, after MediaWiki's
    title normalisation.  Without an index it says nothing.  Files (usually on Commons),
    interwiki links and namespaces the index does not hold are never reported.
    Why is this bad? A red link sends the reader to an empty page; in the export it is a dead link.
    Example: `[阮春福](../Page/阮春福.md "wikilink")` when the index holds no page 阮春福 in any script
    Use instead: a link to the title the page really has, `[阮春福](../Page/阮春福_\\(政治人物\\).md "wikilink")`,
    or plain text `阮春福`
    """

    code, name, family, severity = "LK006", "missing-link-target", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = ctx.titles
        if index is None:
            return
        for link in doc.links:
            if link.kind not in ("internal", "category") or not link.target.strip():
                continue
            if _FORBIDDEN.search(link.target):
                continue  # LK002's business
            title = link_title(link)
            if link.form == "page" and hasattr(index, "page_file"):
                resolved = index.page_file(doc.path, link.raw_target)
                if resolved is not None:
                    title = resolved
            t = normalize_title(title)
            if t.ns is None or not t.name:  # interwiki, or LK002's business
                continue
            if not _covers(index, title) or index.exists(title):
                continue
            yield Violation(link.target_span or link.span, f"link target {link.target} does not exist (not in the title index)")
