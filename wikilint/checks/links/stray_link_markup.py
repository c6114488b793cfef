"""LK001 ``stray-link-markup``: leftover or unbalanced link brackets in the text."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.links.shared import FAMILY
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation


class StrayLinkMarkup(Rule):
    """Leftover or unbalanced link brackets (``]]``, ``[[``, exported ``\\]\\]``) in the text.

    What it does: reports ``[[`` without its ``]]`` and ``]]`` without its ``[[`` standing in the
    text, ``[[…]]`` that did not make a link (unconverted wikitext in the export, or a target no
    title can hold), and in the exported-markdown form the escaped ``\\]\\]`` that a broken image
    caption or nested link leaves behind (the front-end records them as ``stray-open`` /
    ``stray-close``).
    Why is this bad? The brackets show to the reader as literal text, and they mark a place
    where a link or an image caption was broken: part of it is usually lost.
    Example: `…與朝鮮勞動黨委員長[金正恩](../Page/金正恩.md "wikilink")在[平壤](../Page/平壤.md "wikilink")會面\\]\\]`
    Use instead: `…與朝鮮勞動黨委員長[金正恩](../Page/金正恩.md "wikilink")在[平壤](../Page/平壤.md "wikilink")會面`
    (and restore the caption's start); the unsafe fix removes a stray closing ``]]``.
    """

    code, name, family, severity = "LK001", "stray-link-markup", FAMILY, Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        strays = [m for m in doc.markup if m.kind in ("stray-open", "stray-close")]
        paired: set[int] = set()
        for i, m in enumerate(strays):
            if i in paired:
                continue
            if m.kind == "stray-open":
                close = self._partner(doc, strays, i)
                if close is not None:
                    # "[[…]]" that is no link: unconverted wikitext, or a target no title can hold
                    paired.add(close)
                    span = Span(m.span.start, strays[close].span.end)
                    yield Violation(span, f"link markup that did not make a link: {span.slice(doc.text)}")
                else:
                    yield Violation(m.span, f"unbalanced link markup {m.text}: the link is never closed")
                continue
            yield Violation(
                m.span,
                f"leftover link markup {m.text}: a link or an image caption around here is broken",
                fix=Fix(f"remove {m.text}", (Edit(m.span, ""),), safe=False),
            )

    @staticmethod
    def _partner(doc: Document, strays: list, i: int) -> int | None:
        """The stray close that follows stray open ``i`` on the same line, if any."""
        if i + 1 >= len(strays) or strays[i + 1].kind != "stray-close":
            return None
        start, end = strays[i].span.end, strays[i + 1].span.start
        if end - start > 255 or "\n" in doc.text[start:end]:
            return None
        return i + 1
