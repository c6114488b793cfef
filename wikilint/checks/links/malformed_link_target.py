"""LK002 ``malformed-link-target``: a link with an empty target or characters no title holds."""

from __future__ import annotations

import re
from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _FORBIDDEN
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.zh.titles import normalize_title


_WIKI_KINDS = ("internal", "file", "category")


_QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')


class MalformedLinkTarget(Rule):
    """Link with an empty target or a target holding characters MediaWiki forbids in titles.

    What it does: reports wiki links whose target is empty (``[[]]``, ``[[|text]]``,
    ``[text]( "wikilink")``, a bare namespace such as ``Category:``) or holds a character no
    title can hold (``< > [ ] { } |``, control characters).
    Why is this bad? Such a link leads nowhere: MediaWiki renders it as plain text or as a
    broken red link, and the reader cannot tell what was meant.
    Example: `[朝鮮半島]( "wikilink")`, `[[|朝鮮半島]]`, `[[Category:]]`
    Use instead: `[朝鮮半島](https://zh.wikipedia.org/wiki/朝鮮半島 "wikilink")`, `[[朝鮮半島]]`, `[[Category:朝鮮半島]]`
    """

    code, name, family, severity = "LK002", "malformed-link-target", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for link in doc.links:
            target = link.target
            if link.form in ("autolink",):
                continue
            if link.kind == "external":
                # [text]( "wikilink"): the front-end reads the lone title as the target
                if not target.strip() or _QUOTED.fullmatch(link.raw_target or target):
                    yield Violation(link.span, "link has an empty target")
                continue
            if link.kind not in _WIKI_KINDS:
                continue
            if not target.strip():
                if link.fragment:  # [[#Section]]: a link to a section of this article
                    continue
                yield Violation(link.span, "link has an empty target")
                continue
            bad = _FORBIDDEN.search(target)
            if bad:
                yield Violation(
                    link.target_span or link.span,
                    f"link target {target!r} holds {bad.group()!r}, which MediaWiki forbids in titles",
                )
                continue
            t = normalize_title(target)
            if t.ns is not None and not t.name:
                yield Violation(link.target_span or link.span, f"link target {target!r} names a namespace but no page")
