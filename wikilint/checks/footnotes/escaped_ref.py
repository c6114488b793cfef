"""FN006 ``escaped-ref``: a remnant of broken ``<ref>`` markup left in the text."""

from __future__ import annotations

import re
from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation


_REMNANT_NAME = re.compile(r"""\bname\s*=[\s"']*([^\s"'/\\<>=]+)""")


class EscapedRef(Rule):
    """Remnant of broken `<ref>` markup left in the text.

    What it does: reports `<ref>` markup that the conversion escaped into visible text, such as
    `\\<ref name=""cnbc"/\\>` or `\\<ref name="" cnbc"=""\\></ref>`.  The unsafe fix deletes it.
    Why is this bad? Readers see tag soup where a footnote marker should be, and the citation it
    stood for is lost.
    Example: `在河内會面\\<ref name=""cnbc"/\\>。`
    Use instead: `在河内會面\\[2\\]。` (restore the citation), or `在河内會面。`
    """

    code, name, family, severity = "FN006", "escaped-ref", FAMILY, Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for item in doc.markup:
            if item.kind != "escaped-ref":
                continue
            fix = Fix("delete the broken <ref> remnant", (Edit(item.span, ""),), safe=False)
            named = _REMNANT_NAME.search(item.text)
            what = f'<ref> markup for "{named.group(1)}"' if named else "<ref> markup"
            yield Violation(item.span, f"broken {what} shows as text: restore the citation or remove it", fix=fix)
