"""What every rule of the ``dates`` family reads: a resolved expression where it stands (``Point``), a
narrative block's prose with its offsets into the document (``BlockText``), the subject's birth
(``Birth``) and the document's analysis that holds them (``Analysis``, built by ``analysis.analyse``)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from wikilint.document.model import Block, Document, Span
from wikilint.zh.dates import Claim, Cursor, DateExpr

_SENTENCE_END = "。！？!?\n"
_CLAUSE_END = "。！？!?；;，,：:﹔﹐﹕\n"
_SENTENCE_END_CHAR = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_CLAUSE_END_CHAR = re.compile(f"[{re.escape(_CLAUSE_END)}]")


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

    # the boundaries are found once per block with a regular expression and looked up by bisection: a
    # walk character by character from every date is quadratic in a long block (a table's text)
    @cached_property
    def _sentence_ends(self) -> list[int]:
        return [m.start() for m in _SENTENCE_END_CHAR.finditer(self.text)]

    @cached_property
    def _clause_ends(self) -> list[int]:
        return [m.start() for m in _CLAUSE_END_CHAR.finditer(self.text)]

    def sentence_start(self, i: int) -> int:
        return _after_last(self._sentence_ends, i)

    def sentence_end(self, i: int) -> int:
        return _first_from(self._sentence_ends, i, len(self.text))

    def clause_start(self, i: int) -> int:
        return _after_last(self._clause_ends, i)

    def clause_end(self, i: int) -> int:
        return _first_from(self._clause_ends, i, len(self.text))


def _after_last(ends: list[int], i: int) -> int:
    """Just after the last boundary before ``i`` (the start, 0, if none)."""
    k = bisect.bisect_left(ends, i)
    return ends[k - 1] + 1 if k else min(i, 0)


def _first_from(ends: list[int], i: int, length: int) -> int:
    """The first boundary at or after ``i`` (``length`` if none)."""
    k = bisect.bisect_left(ends, i)
    return ends[k] if k < len(ends) else max(i, length)


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
