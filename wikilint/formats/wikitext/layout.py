"""Lines, blocks and sentences of a wikitext page, from what the walk found."""

from __future__ import annotations

import bisect
import re

from wikilint.document.model import Sentence, Span
from wikilint.formats.common import HARD_BREAK_KINDS, SentenceBounds, merge_spans, split_sentences


def _lines(text: str, opaque: list[Span]) -> list[tuple[int, int]]:
    """Lines of the page: newlines inside templates, refs, tables, links and comments do not count."""
    merged = merge_spans(opaque)
    starts = [sp.start for sp in merged]
    lines = []
    start = 0
    pos = text.find("\n")
    while pos != -1:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < merged[k].end:
            pos = text.find("\n", merged[k].end)
            continue
        lines.append((start, pos))
        start = pos + 1
        pos = text.find("\n", start)
    lines.append((start, len(text)))
    return lines


class _WikitextSentences(SentenceBounds):
    """What ends a sentence in wikitext, for ``common.split_sentences``: a terminator or a newline
    inside a ``<ref>``, a template or a comment does not, the refs right after a terminator belong to
    the sentence they source, a table cell starts a new one, and a sentence neither starts nor ends
    with markup (html tags, comments, magic words, list and table syntax) and holds some prose."""

    def __init__(
        self, text: str, prose: bytearray, markers: list[Span], nobreak: list[Span], cells: list[int], skip: list[Span]
    ) -> None:
        self.text = text
        #: markup a sentence neither starts nor ends with (html tags, comments, magic words)
        self.skip_at = {sp.start: sp.end for sp in skip}
        self.skip_to = {sp.end: sp.start for sp in skip}
        self.prose = prose
        self.markers = {m.start: m.end for m in markers}
        self.nobreak = merge_spans(nobreak)
        self.nobreak_starts = [sp.start for sp in self.nobreak]
        self.cells = sorted(cells)
        self.table = False  # whether the block being split is a table (its cells start sentences)

    def terminator_ends(self, pos: int) -> bool:
        return bool(self.prose[pos])

    def line_end_ends(self, pos: int) -> bool:
        k = bisect.bisect_right(self.nobreak_starts, pos) - 1
        return not (k >= 0 and pos < self.nobreak[k].end)

    def attach(self, pos: int, end: int) -> int:
        while pos in self.markers and self.markers[pos] <= end:
            pos = self.markers[pos]
        return pos

    def starts(self, span: Span) -> list[int]:
        if not self.table:
            return []
        k = bisect.bisect_left(self.cells, span.start)
        out = []
        while k < len(self.cells) and self.cells[k] < span.end:
            out.append(self.cells[k])
            k += 1
        return out

    def split(self, span: Span, kind: str, block: int) -> tuple[Sentence, ...]:
        self.table = kind == "table"
        return tuple(Sentence(s, block) for s in split_sentences(self.text, span, kind in HARD_BREAK_KINDS, self))

    def trim(self, text: str, start: int, end: int) -> Span | None:
        prose = self.prose
        while start < end:
            if text[start].isspace() or (text[start] in "|!*#:;-" and not prose[start]):
                start += 1
            elif start in self.skip_at and self.skip_at[start] <= end and prose.find(1, start, self.skip_at[start]) == -1:
                start = self.skip_at[start]
            else:
                break
        while end > start:
            if text[end - 1].isspace():
                end -= 1
            elif end in self.skip_to and self.skip_to[end] >= start and prose.find(1, self.skip_to[end], end) == -1:
                end = self.skip_to[end]
            else:
                break
        return Span(start, end) if end > start and prose.find(1, start, end) != -1 else None


def _content_start(text: str, prose: bytearray, start: int, end: int, kind: str) -> int:
    """Where a block's content begins: after a list item's ``*#:;`` and the spaces after it."""
    if kind == "list_item":
        while start < end and text[start] in "*#:; \t" and not prose[start]:
            start += 1
    return start


def _strip_comments(s: str) -> str:
    return re.sub(r"<!--.*?(?:-->|$)", "", s, flags=re.S)
