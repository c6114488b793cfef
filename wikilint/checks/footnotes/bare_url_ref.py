"""FN011 ``bare-url-ref``: a ref whose whole content is a bare URL."""

from __future__ import annotations

import re
from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, _is_tag_ref, describe_def
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation


_BARE_URL = re.compile(r"^(?:https?:)?//[^\s\[\]<>]+$|^\[(?:https?:)?//[^\s\[\]<>]+\]$", re.I)


class BareUrlRef(Rule):
    """Ref whose whole content is a bare URL.

    What it does: reports a wikitext ref that holds nothing but a URL (`<ref>https://…</ref>` or
    `<ref>[https://…]</ref>`) and suggests a citation template.
    Why is this bad? A bare URL gives no title, publisher or date, and once the link rots
    nothing is left to find the source again.
    Example: `<ref>https://www.bbc.com/zhongwen/simp/world-47470252</ref>`
    Use instead: `<ref>{{cite web |url=https://www.bbc.com/zhongwen/simp/world-47470252 |title=朝鲜“重建火箭发射场” |publisher=BBC |date=2019-03-06}}</ref>`
    """

    code, name, family, severity = "FN011", "bare-url-ref", FAMILY, Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for note in doc.footnote_defs:
            if not _is_tag_ref(note) or not note.closed:
                continue
            if _BARE_URL.match(note.content.strip()):
                yield Violation(
                    note.span,
                    f"{describe_def(note)} is a bare URL: use a citation template such as {{{{cite web}}}} with a title",
                )
