"""FN003 ``undefined-footnote``: a marker that cites no definition."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, Key, _group, describe, footnote_index, marker_key
from wikilint.checks.footnotes.malformed_ref_attributes import ref_attribute_problem
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation


class UndefinedFootnote(Rule):
    """Footnote marker with no definition.

    What it does: reports a marker that no definition answers: a markdown `\\[7\\]` with no
    entry 7 in the footnote list, or a wikitext `<ref name="x"/>` with no ref named x (in the
    same group) anywhere in the article, which MediaWiki shows as a cite error.  One finding per
    footnote, on its first marker; the other markers are related ranges.  A tag whose attributes
    cannot be read is left to FN008.
    Why is this bad? The reader follows the marker and finds nothing.
    Example: `<ref name="cnbc"/>` with no `<ref name="cnbc">…</ref>` in the article
    Use instead: `<ref name="cnbc">{{cite news |url=https://www.cnbc.com/… |title=…}}</ref>`
    """

    code, name, family, severity = "FN003", "undefined-footnote", FAMILY, Severity.ERROR
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        seen: set[Key] = set()
        for j, marker in enumerate(doc.footnote_markers):
            if index.marker_def[j] is not None or index.marker_own_ref[j] is not None:
                continue
            if ref_attribute_problem(marker.span.slice(doc.text)):
                continue  # the name is a guess: FN008 reports the tag
            key = marker_key(marker)
            if key in seen:
                continue
            seen.add(key)
            others = tuple(
                doc.footnote_markers[k].span
                for k in index.markers_by_key.get(key, ())
                if k != j and index.marker_def[k] is None
            )
            if marker.label.startswith("#"):
                message = "<ref /> with neither a name nor content: MediaWiki shows a cite error"
            elif marker.label.isdigit() and _group(marker.group) is None:
                message = f"footnote marker [{marker.label}] has no definition"
            else:
                message = f"{describe(marker.label, marker.group)} is cited but no ref defines it"
            yield Violation(marker.span, message, related=others)
