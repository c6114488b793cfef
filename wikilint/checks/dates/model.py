"""What every rule of the ``dates`` family reads: a resolved expression where it stands (``Point``), a
narrative block's prose with its offsets into the document (``BlockText``), the subject's birth
(``Birth``) and the document's analysis that holds them (``Analysis``, built by ``analysis.analyse``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from wikilint.document.model import Block, Document, Span
from wikilint.zh.dates import Claim, Cursor, DateExpr

_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "。！？!?；;，,：:﹔﹐﹕\n"


@dataclass
class Point:
    """A resolved expression where it stands in the document."""

    expr: DateExpr
    bt: "BlockText"
    start: int  # offsets into bt.text
    end: int
    in_parens: bool = False
    in_title: bool = False
    in_quote: bool = False
    future: bool = False
    explicit_year: bool = False

    @property
    def span(self) -> Span:
        return self.bt.span(self.start, self.end)

    @property
    def value(self) -> dt.date | None:
        return self.expr.value


@dataclass
class BlockText:
    block: Block
    text: str
    offsets: list[int]
    points: list[Point] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def span(self, start: int, end: int) -> Span:
        if end <= start:
            return Span(self.offsets[start], self.offsets[start])
        return Span(self.offsets[start], self.offsets[end - 1] + 1)

    def sentence_start(self, i: int) -> int:
        j = i
        while j > 0 and self.text[j - 1] not in _SENTENCE_END:
            j -= 1
        return j

    def sentence_end(self, i: int) -> int:
        j = i
        while j < len(self.text) and self.text[j] not in _SENTENCE_END:
            j += 1
        return j

    def clause_start(self, i: int) -> int:
        j = i
        while j > 0 and self.text[j - 1] not in _CLAUSE_END:
            j -= 1
        return j

    def clause_end(self, i: int) -> int:
        j = i
        while j < len(self.text) and self.text[j] not in _CLAUSE_END:
            j += 1
        return j


@dataclass
class Analysis:
    doc: Document
    blocks: list[BlockText]
    lead_year: int | None
    lead_range: Point | None
    birth: "Birth | None"
    #: the cursor (resolution state) just before each point, by id
    cursor_before: dict[int, Cursor]


@dataclass(frozen=True)
class Birth:
    date: dt.date
    span: Span
    #: the death the lead's lifespan gives (1923年1月15日－2020年7月30日), if any
    death: dt.date | None = None
    #: the lead's lifespan is open (1984年1月8日－): the subject is alive
    living: bool = False


def _fmt(d: dt.date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else "?"
