"""FN005 ``footnote-numbering``: a footnote list with a gap, a repeated number or a number out of order."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation


class FootnoteNumbering(Rule):
    """Footnote list with a gap, a repeated number or a number out of order.

    What it does: reads the numbers of the markdown footnote list in order and reports the entry
    after a gap (`4.` followed by `7.`), an entry whose number was already used, and an entry
    whose number is lower than the one before it.
    Why is this bad? The numbers are the only link between markers and sources: a gap or a
    repeat means sources were lost or markers point at the wrong one.
    Example: `1.  <https://a.example>` / `3.  <https://c.example>`
    Use instead: `1.  <https://a.example>` / `2.  <https://c.example>`
    """

    code, name, family, severity = "FN005", "footnote-numbering", FAMILY, Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        first_at: dict[int, Span] = {}
        previous: int | None = None
        for note in doc.footnote_defs:
            if note.kind != "list" or not note.label.isdigit():
                continue
            number = int(note.label)
            if number in first_at:
                yield Violation(note.span, f"footnote {number} is numbered twice", related=(first_at[number],))
            elif previous is None and number > 1:
                missing = "1" if number == 2 else f"1–{number - 1}"
                yield Violation(note.span, f"footnote list starts at {number}: {missing} missing")
            elif previous is not None and number > previous + 1:
                missing = str(previous + 1) if number == previous + 2 else f"{previous + 1}–{number - 1}"
                yield Violation(note.span, f"footnote numbering jumps from {previous} to {number}: {missing} missing")
            elif previous is not None and number < previous:
                yield Violation(note.span, f"footnote {number} comes after footnote {previous}")
            first_at.setdefault(number, note.span)
            previous = number if previous is None else max(previous, number)
