"""LK004 ``category-in-text``: a category link standing in the running text."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _page_name
from wikilint.document.model import Document, Link, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation


class CategoryInText(Rule):
    """Category link standing in running text instead of the category footer.

    What it does: in the exported form, reports category links that are not on a line of
    category links (``doc.category_lines``), shown as their own ``Category:…`` text; in
    wikitext, reports ``[[Category:…]]`` placed on a line with running text.
    Why is this bad? In the export such a link shows the reader a stray "Category:X" in the
    middle of a paragraph; in wikitext, categories buried in paragraphs are missed by editors
    and moved by accident.  (A deliberate visible link to a category is ``[[:Category:X|…]]``.)
    Example: `金正恩於河內會面[Category:朝美峰會](https://zh.wikipedia.org/wiki/Category:朝美峰會 "wikilink")。`
    Use instead: `金正恩於河內會面。` with the category link on the category line at the end.
    """

    code, name, family, severity = "LK004", "category-in-text", FAMILY, Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for link in doc.links:
            if link.kind != "category":
                continue
            if doc.format == "markdown":
                if any(line.contains(link.span) for line in doc.category_lines):
                    continue
                if not _categorises(link):
                    continue  # a deliberate visible link to the category ([[:Category:X|…]])
                # the paragraph the link stands in (a footer line the front-end did not mark has no prose)
                block = doc.block_at(link.span.start)
                around = block.span if block is not None else self._line(doc, link)
            else:
                if link.form != "wikilink":
                    continue
                around = self._line(doc, link)  # wikitext: a category on its own line is in place
            if not _reads_as_text(doc, around):
                continue
            yield Violation(link.span, f"category {link.target} stands in running text, not with the categories at the end")

    @staticmethod
    def _line(doc: Document, link: Link) -> Span:
        line = doc.lines.line_span(doc.lines.line_of(link.span.start))
        return Span(line.start, max(line.start, min(line.end, len(doc.text))))


_NAMESPACED = re.compile(r"(?:Category|分类|分類|类别|類別)\s*:", re.I)


def _categorises(link: Link) -> bool:
    """Whether an exported category link is a categorisation left in place: the export writes
    ``[[Category:X]]`` as a link showing ``Category:X``, while a deliberate link
    ``[[:Category:X|text]]`` shows its own text, or ``:Category:X`` with the leading colon."""
    if link.text is None:
        return True
    shown = link.text.strip()
    return bool(_NAMESPACED.match(shown)) and _page_name(shown) == _page_name(link.target)


def _reads_as_text(doc: Document, span: Span) -> bool:
    """Whether ``span`` holds running text: prose letters or digits outside category and
    interlanguage links (a footer line of categories and language links holds none)."""
    skip = [link.span for link in doc.links if link.kind in ("category", "interlanguage") and span.overlaps(link.span)]
    for run in doc.prose_runs(span):
        for i in range(run.start, run.end):
            if any(s.contains(i) for s in skip):
                continue
            if unicodedata.category(doc.text[i])[0] in "LN":
                return True
    return False
