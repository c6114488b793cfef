"""What the article is written in, computed once per document and variant: the sentences of checked
prose with the script evidence in each, the dominant script and the conversion target.  Every rule
of the family reads it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context
from wikilint.zh import script as zs

_NAMES = {zs.SIMPLIFIED: "simplified", zs.TRADITIONAL: "traditional"}
_SPACE = " \t\r\n\u3000"


@dataclass(frozen=True)
class Unit:
    """A sentence (or list item, heading …) of checked prose and the script evidence in it."""

    span: Span  # the sentence, trimmed of surrounding white space
    block: int
    group: int  # sentences of one paragraph, or of consecutive list items, share a group
    runs: tuple[Span, ...]  # checked prose inside the sentence
    evidence: tuple[tuple[int, str], ...]  # (offset into doc.text, script)

    def count(self, script: str) -> int:
        return sum(1 for _, s in self.evidence if s == script)


@dataclass(frozen=True)
class Profile:
    units: tuple[Unit, ...]
    dominant: str | None  # None: no evidence, or an even split
    target: zs.Target | None
    counts: tuple[int, int]  # simplified, traditional evidence in the checked prose


def _skipped_spans(doc: Document) -> "_Skipped":
    """Non-prose places a language rule never reads, beyond what the prose mask already hides."""
    spans = list(doc.exempt)
    spans.extend(c.span for c in doc.conversions)
    spans.extend(l.span for l in doc.links if l.kind in ("file", "category", "interlanguage"))
    spans.extend(doc.category_lines)
    if doc.references_span is not None:
        spans.append(doc.references_span)
    spans.extend(s.span for s in doc.sections if s.is_references)
    spans.extend(_japanese_link_texts(doc))
    spans.extend(Span(m.start(), m.end()) for m in _GALLERY_FILE.finditer(doc.text))
    return _Skipped(spans)


#: a file name left in the text, as the markdown export flattens a <gallery> into
#: ``Image:和平宮正門.jpg|caption`` lines (hard-wrapped, a name may hold a line break): a name to
#: find the file by, never to convert
_GALLERY_FILE = re.compile(
    r"(?<![\w/])(?:Image|File|文件|檔案|档案|圖像|图像|影像|圖片|图片):(?:[^|\n<>\[\]]|\n(?!\n))*?\.(?:jpe?g|png|gif|svg|tiff?|webp)(?:\||(?=\s|$))",
    re.IGNORECASE,
)


def _japanese_link_texts(doc: Document) -> Iterator[Span]:
    """Link texts holding a kanji form only Japanese writes ([[戯画]], [神奈川県道44号伊勢原藤澤線]):
    a name written in its Japanese form on purpose, whose other characters (the 号, the 画) are no
    slip of script, and that a conversion must not half-convert (神奈川県道44號)."""
    forms = None
    for link in doc.links:
        if link.kind in ("file", "category", "interlanguage"):
            continue
        shown = link.text_span or (link.target_span if link.text is None else None)
        if shown is None:
            continue
        if forms is None:
            forms = zs.japanese_forms()
        if any(ch in forms for ch in shown.slice(doc.text)):
            yield shown


class _Skipped:
    """Sorted skipped spans with a running maximum of their ends, to find those touching a run."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s.start for s in self.spans]
        self.max_end = []
        top = 0
        for span in self.spans:
            top = max(top, span.end)
            self.max_end.append(top)

    def touching(self, run: Span) -> list[Span]:
        lo = bisect.bisect_right(self.max_end, run.start)  # every span before lo ends by run.start
        hi = bisect.bisect_left(self.starts, run.end)  # every span from hi on starts at run.end or later
        return self.spans[lo:hi]


def _subtract(run: Span, skipped: _Skipped) -> Iterator[Span]:
    start = run.start
    for s in skipped.touching(run):
        if s.end <= start or s.start >= run.end:
            continue
        if s.start > start:
            yield Span(start, s.start)
        start = max(start, s.end)
        if start >= run.end:
            return
    if start < run.end:
        yield Span(start, run.end)


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return Span(start, end)


def checked_runs(doc: Document, span: Span, skipped: "_Skipped | None" = None) -> list[Span]:
    """Prose runs inside ``span`` that language rules read (not exempt, not a file name …)."""
    if skipped is None:
        skipped = _skipped_spans(doc)
    return [part for run in doc.prose_runs(span) for part in _subtract(run, skipped) if len(part)]


def convertible_profile(doc: Document, ctx: Context) -> Profile | None:
    """The profile when the article has a dominant script and a conversion target, else None."""
    prof = profile(doc, ctx.variant)
    return prof if prof.dominant is not None and prof.target is not None else None


def profile(doc: Document, variant: str | None = None) -> Profile:
    """The script profile of ``doc``, computed once per document and configured variant."""
    return doc.derived(("script", variant), lambda: _compute_profile(doc, variant))


def _compute_profile(doc: Document, variant: str | None) -> Profile:
    text = doc.text
    skipped = _skipped_spans(doc)
    units: list[Unit] = []
    group = -1
    previous_block = None
    for block in doc.blocks:
        if block.kind == "category_line" or doc.in_references(block.span.start):
            continue
        continues_list = (
            previous_block is not None
            and block.kind == "list_item"
            and previous_block.kind == "list_item"
            and previous_block.index == block.index - 1
        )
        if not continues_list:
            group += 1
        previous_block = block
        for sentence in block.sentences:
            runs = tuple(checked_runs(doc, sentence.span, skipped))
            if not runs:
                continue
            found = []
            for run in runs:
                found.extend((run.start + i, s) for i, s in zs.evidence(run.slice(text)))
            span = _trim(text, Span(runs[0].start, runs[-1].end))
            units.append(Unit(span, block.index, group, runs, tuple(found)))

    simp = sum(u.count(zs.SIMPLIFIED) for u in units)
    trad = sum(u.count(zs.TRADITIONAL) for u in units)
    dominant = zs.variant_script(variant) or _written_script(units, text) or (
        None if simp == trad else zs.SIMPLIFIED if simp > trad else zs.TRADITIONAL)
    target = None
    if dominant is not None:
        # the traditional standard, from the sentences already in the dominant script
        own = "".join(
            run.slice(text) for u in units if u.count(zs.other(dominant)) <= u.count(dominant) for run in u.runs
        )
        target = zs.target_for(dominant, variant, zs.standard_marks(own))
    return Profile(tuple(units), dominant, target, (simp, trad))


def _written_script(units: list[Unit], text: str) -> str | None:
    """The script most of the prose is written in: each sentence votes for the script it leans to,
    with its length in Han characters.  Counting evidence characters instead lets a few dense
    paragraphs (該市於…成為…擁有眾多歷史遺跡) outvote the plainer sentences around them."""
    written = {zs.SIMPLIFIED: 0, zs.TRADITIONAL: 0}
    for unit in units:
        simp, trad = unit.count(zs.SIMPLIFIED), unit.count(zs.TRADITIONAL)
        if simp != trad:
            length = sum(1 for run in unit.runs for ch in run.slice(text) if zs.is_han(ch))
            written[zs.SIMPLIFIED if simp > trad else zs.TRADITIONAL] += length
    if written[zs.SIMPLIFIED] == written[zs.TRADITIONAL]:
        return None
    return zs.SIMPLIFIED if written[zs.SIMPLIFIED] > written[zs.TRADITIONAL] else zs.TRADITIONAL


def is_other_sentence(unit: Unit, dominant: str) -> bool:
    """Written in the other script: more evidence of it than of the dominant one."""
    return unit.count(zs.other(dominant)) > unit.count(dominant)
