"""Inline suppressions in HTML comments, which both formats keep.

``<!-- wikilint-disable RULE[, RULE…] -->`` … ``<!-- wikilint-enable RULE -->`` turns rules off for a
stretch of text (to the end when never enabled again); ``<!-- wikilint-disable-next-line RULE -->``
for the line after the comment; ``<!-- wikilint-disable-line RULE -->`` for its own line.  Without
a rule every rule is meant.  A rule is named by code (``FN001``), name (``empty-footnote``) or
family (``footnotes``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wikilint.document.model import LineIndex, Span

_DIRECTIVE = re.compile(
    r"<!--\s*wikilint-(?P<verb>disable-next-line|disable-line|disable|enable)\b(?P<rules>[^>]*?)\s*-->", re.I
)
ALL = "*"


@dataclass(frozen=True, slots=True)
class Suppression:
    selectors: frozenset[str]
    start: int
    end: int
    directive: Span  # the comment that says it

    def covers(self, offset: int, code: str, name: str, family: str) -> bool:
        if not self.start <= offset < self.end:
            return False
        return any(selects(s, code, name, family) for s in self.selectors)


def _selectors(raw: str) -> frozenset[str]:
    names = [s.strip().lower() for s in re.split(r"[,\s]+", raw) if s.strip()]
    return frozenset(names) if names else frozenset({ALL})


def find_suppressions(text: str, lines: LineIndex) -> tuple[Suppression, ...]:
    if "wikilint-" not in text:
        return ()
    found: list[Suppression] = []
    open_ranges: dict[str, Span] = {}
    for m in _DIRECTIVE.finditer(text):
        verb, selectors = m.group("verb").lower(), _selectors(m.group("rules"))
        line = lines.line_of(m.start())
        directive = Span(m.start(), m.end())
        if verb == "disable-next-line":
            if line < lines.line_count:
                span = lines.line_span(line + 1)
                found.append(Suppression(selectors, span.start, span.end + 1, directive))
        elif verb == "disable-line":
            span = lines.line_span(line)
            found.append(Suppression(selectors, span.start, span.end + 1, directive))
        elif verb == "disable":
            for selector in selectors:
                open_ranges.setdefault(selector, directive)
        else:
            for selector in selectors if ALL not in selectors else list(open_ranges):
                opened = open_ranges.pop(selector, None)
                if opened is not None:
                    found.append(Suppression(frozenset({selector}), opened.start, m.end(), opened))
    for selector, opened in open_ranges.items():
        found.append(Suppression(frozenset({selector}), opened.start, len(text) + 1, opened))
    return tuple(found)


def selects(selector: str, code: str, name: str, family: str) -> bool:
    return selector in (ALL, "all", code.lower(), name.lower(), family.lower())
