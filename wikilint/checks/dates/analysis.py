"""The analysis every rule of the ``dates`` family reads, computed once per document.

The prose of each narrative block with the date and time expressions of ``wikilint.zh.dates`` found in it
and resolved in reading order, section by section (a partial date takes the year of the nearest
preceding date in its section, else the lead's, else the title's).  References, headings, category
lines and footnote definitions are not narrative and are not read.
"""

from __future__ import annotations

import bisect
import itertools
import re

from wikilint.checks.dates.model import Analysis, BlockText, Point
from wikilint.checks.dates.subject import _birth_date, _birth_template
from wikilint.document.model import Block, Document, Span
from wikilint.patterns import lazy_compile
from wikilint.zh.dates import Cursor, _resolve_one, scan, scan_claims

_NARRATIVE_KINDS = ("paragraph", "list_item", "quote", "table", "other")
_FUTURE = lazy_compile(r"將|将|會在|会在|會於|会于|計劃|计划|計畫|预定|預定|預計|预计|原定|原訂|原订|約定|约定|"
                       r"定於|定于|擬於|拟于|擬在|拟在|準備於|准备于|有望|料將|料将|期限|截止|截至|屆時|届时|打算|希望|要求")
_TITLE_YEAR = lazy_compile(r"(?<!\d)(\d{4})年")


def analyse(doc: Document) -> Analysis:
    """The document's dates, computed once and shared by every rule of the family."""
    return doc.derived("dates", lambda: _analyse(doc))


def _block_text(doc: Document, block: Block, readable: bytearray | None = None) -> BlockText:
    """The block's prose without exempt spans and line breaks, with the offset of each character kept
    (a hard-wrapped line goes on: 2019年2月\\n27日 is one date); ``readable``, ``_readable(doc)``, if the
    caller has it."""
    if readable is None:
        readable = _readable(doc)
    chars: list[str] = []
    offsets: list[int] = []
    text = doc.text
    for piece in _READABLE_RUN.finditer(readable, block.span.start, block.span.end):
        start, end = piece.span()
        chars.append(text[start:end])
        offsets.extend(range(start, end))
    return BlockText(block, "".join(chars), offsets)


#: a run of readable characters, as ``prose_runs`` finds one: from a prose character to the next that is not
_READABLE_RUN = re.compile(rb"\x01[^\x00]*")
_LINE_BREAKS = re.compile(r"[\r\n]+")


def _readable(doc: Document) -> bytearray:
    """The document's prose mask with exempt spans and line breaks blanked: the characters the dates are
    read from, found for the whole document at once."""
    text = doc.text
    mask = bytearray(doc.prose[: len(text)])
    for start, end in _union(doc.exempt):
        end = min(end, len(mask))
        if end > start:
            mask[start:end] = bytes(end - start)
    for m in _LINE_BREAKS.finditer(text, 0, len(mask)):
        mask[m.start():m.end()] = bytes(m.end() - m.start())
    return mask


def _is_narrative(doc: Document, block: Block, def_spans: "Containers") -> bool:
    if block.kind not in _NARRATIVE_KINDS:
        return False
    if doc.in_references(block.span.start):
        return False
    if doc.references_span is not None and block.span.overlaps(doc.references_span):
        return False
    return not def_spans.contain(block.span)


class Containers:
    """Whether one of many spans contains a given one, by bisection: sorted by start, with the furthest
    end reached so far, a span is contained when a span starting no later ends no earlier."""

    __slots__ = ("starts", "reach")

    def __init__(self, spans) -> None:
        ordered = sorted((s.start, s.end) for s in spans)
        self.starts = [start for start, _end in ordered]
        self.reach = list(itertools.accumulate((end for _start, end in ordered), max))

    def contain(self, span: Span) -> bool:
        k = bisect.bisect_right(self.starts, span.start) - 1
        return k >= 0 and self.reach[k] >= span.end


def _union(spans) -> list[tuple[int, int]]:
    """Disjoint sorted (start, end) ranges covering the same offsets as ``spans``."""
    out: list[list[int]] = []
    for sp in sorted(spans):
        if out and sp.start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], sp.end)
        else:
            out.append([sp.start, sp.end])
    return [(a, b) for a, b in out]


def _inside(ranges: list[tuple[int, int]], offset: int) -> bool:
    """Whether ``offset`` lies in one of the disjoint sorted ``ranges``."""
    i = bisect.bisect_right(ranges, (offset, 1 << 62)) - 1
    return i >= 0 and ranges[i][0] <= offset < ranges[i][1]


_PAREN = re.compile("[（()）]")


def _paren_depths(text: str) -> tuple[list[int], list[int]]:
    """Where the bracket depth of ``text`` changes and to what: (offsets, depths), a character counting as
    inside from its opening bracket through its closing one (``_depth_at`` reads it)."""
    offsets: list[int] = []
    depths: list[int] = []
    depth = 0
    for m in _PAREN.finditer(text):
        if m.group() in "（(":
            depth += 1
            offsets.append(m.start())
            depths.append(depth)
        elif depth:
            depth -= 1
            offsets.append(m.end())
            depths.append(depth)
    return offsets, depths


def _depth_at(changes: tuple[list[int], list[int]], i: int) -> int:
    offsets, depths = changes
    k = bisect.bisect_right(offsets, i) - 1
    return depths[k] if k >= 0 else 0


def _analyse(doc: Document) -> Analysis:
    def_spans = Containers(d.span for d in doc.footnote_defs if d.kind == "inline")
    # the text of an external link is the title of the page it links to (a report's headline), like 《…》
    title_spans = _union([q.inner_span for q in doc.quotes if q.kind == "title"]
                         + [link.text_span for link in doc.links if link.kind == "external" and link.text_span])
    quote_spans = _union(q.inner_span for q in doc.quotes if q.kind == "quote")
    blocks: list[BlockText] = []
    readable = _readable(doc)
    for block in doc.blocks:
        if not _is_narrative(doc, block, def_spans):
            continue
        bt = _block_text(doc, block, readable)
        if not bt.text.strip():
            continue
        depths = _paren_depths(bt.text)
        for e in scan(bt.text):
            start_off = bt.offsets[e.start]
            p = Point(e, bt, e.start, e.end)
            p.in_parens = _depth_at(depths, e.start) > 0
            p.in_title = _inside(title_spans, start_off)
            p.in_quote = _inside(quote_spans, start_off)
            prefix = bt.text[bt.clause_start(e.start):e.start]
            p.future = bool(_FUTURE.search(prefix))
            p.explicit_year = e.year is not None or e.era is not None
            bt.points.append(p)
        bt.claims = scan_claims(bt.text)
        blocks.append(bt)

    # the lead's year and range, else the title's year
    title_year = None
    m = _TITLE_YEAR.search(doc.title or "")
    if m:
        title_year = int(m.group(1))
    lead_blocks = [bt for bt in blocks if bt.block.section == 0]
    lead_year = bracket_year = lead_range = None
    for bt in lead_blocks:
        for p in bt.points:
            if p.expr.is_date and p.explicit_year and not p.expr.bce and not p.expr.lunar:
                if p.in_parens:  # （1950年3月1日－）: a life, not the article's time
                    bracket_year = bracket_year or p.expr.year
                    continue
                if lead_year is None:
                    lead_year = p.expr.year
                if lead_range is None and p.expr.precision == "day":
                    lead_range = p
    lead_year = lead_year or bracket_year or title_year

    cursor_before: dict[int, Cursor] = {}
    current_section = None
    cur = Cursor(title_year)
    for bt in blocks:
        if bt.block.section != current_section:
            current_section = bt.block.section
            cur = Cursor(title_year if current_section == 0 else lead_year)
        # a table's dates are not in reading order: they resolve against the text before it, and
        # leave the text after it as it was
        here = cur.copy() if bt.block.kind in ("table", "other") else cur
        for p in bt.points:
            cursor_before[id(p)] = here.copy()
            p.expr = _resolve_one(p.expr, here)

    birth = _birth_date(doc, blocks, lead=True) or _birth_template(doc) or _birth_date(doc, blocks, lead=False)
    return Analysis(doc, blocks, lead_year, lead_range, birth, cursor_before)
