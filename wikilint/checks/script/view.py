"""What the article is written in, computed once per document and variant: the sentences of checked
prose with the script evidence in each, the dominant script and the conversion target.  Every rule
of the family reads it."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
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
    counts: tuple[int, int]  # evidence of simplified, of traditional
    source: str = field(default="", repr=False, compare=False)  # the document's text

    def count(self, script: str) -> int:
        return self.counts[0] if script == zs.SIMPLIFIED else self.counts[1] if script == zs.TRADITIONAL else 0

    @cached_property
    def evidence(self) -> tuple[tuple[int, str], ...]:
        """``(offset into doc.text, script)`` of each evidence character.  Found when a rule asks:
        the counts decide which sentences are in which script, and only a stray character's place
        is ever reported."""
        found = []
        for run in self.runs:
            found.extend((run.start + i, s) for i, s in zs.evidence(run.slice(self.source)))
        return tuple(found)


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
    spans.extend(Span(start, end) for start, end in gallery_files(doc.text))
    return _Skipped(spans)


#: a file name left in the text, as the markdown export flattens a <gallery> into
#: ``Image:和平宮正門.jpg|caption`` lines (hard-wrapped, a name may hold a line break): a name to
#: find the file by, never to convert
_GALLERY_FILE = re.compile(
    r"(?<![\w/])(?:Image|File|文件|檔案|档案|圖像|图像|影像|圖片|图片):(?:[^|\n<>\[\]]|\n(?!\n))*?\.(?:jpe?g|png|gif|svg|tiff?|webp)(?:\||(?=\s|$))",
    re.IGNORECASE,
)
#: how far before its colon a gallery file name starts: the lengths of Image, File, 文件 …
_GALLERY_PREFIXES = (2, 4, 5)


def gallery_files(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_GALLERY_FILE.finditer(text)`` finds, tried only where a name can start (a
    prefix's length before a colon) instead of at every character."""
    colons = [m.start() for m in _COLON.finditer(text)]
    end = 0
    for start in sorted({c - k for c in colons for k in _GALLERY_PREFIXES if c >= k}):
        if start < end:
            continue
        m = _GALLERY_FILE.match(text, start)
        if m:
            end = m.end()
            yield start, end


_COLON = re.compile(":")


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
            forms = _japanese_forms()
        if forms.found_in(shown.slice(doc.text)):
            yield shown


@lru_cache(maxsize=1)
def _japanese_forms() -> zs.CharClass:
    return zs.CharClass(zs.japanese_forms())


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
    for start, end in _cut(run.start, run.end, skipped):
        yield Span(start, end)


def _cut(start: int, end: int, skipped: _Skipped) -> Iterator[tuple[int, int]]:
    """``[start, end)`` less the skipped spans, as ``(start, end)`` pieces."""
    for s in skipped.spans[bisect.bisect_right(skipped.max_end, start) : bisect.bisect_left(skipped.starts, end)]:
        if s.end <= start or s.start >= end:
            continue
        if s.start > start:
            yield start, s.start
        start = max(start, s.end)
        if start >= end:
            return
    if start < end:
        yield start, end


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
    pieces = _checked_pieces(doc)
    ends = [end for _, end in pieces]
    # Japanese phrases and labelled glosses are looked for run by run only where the text has any
    foreign = zs.may_be_foreign(text)
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
            runs = _clip(pieces, ends, sentence.span)
            if not runs:
                continue
            if foreign:
                simp = trad = 0
                for run in runs:
                    s, t = zs.evidence_counts(run.slice(text))
                    simp, trad = simp + s, trad + t
            else:
                simp, trad = zs.plain_evidence_counts("".join(text[r.start : r.end] for r in runs))
            span = _trim(text, Span(runs[0].start, runs[-1].end))
            units.append(Unit(span, block.index, group, runs, (simp, trad), text))

    simp = sum(u.counts[0] for u in units)
    trad = sum(u.counts[1] for u in units)
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


def _checked_pieces(doc: Document) -> list[tuple[int, int]]:
    """The document's checked prose, ``(start, end)`` in order: ``checked_runs`` of the whole text,
    cut once for every sentence to share (``_clip``)."""
    skipped = _skipped_spans(doc)
    # the prose runs of ``doc.prose_runs()``: from a marked character up to the next unmarked one
    return [piece for m in _PROSE_RUN.finditer(doc.prose) for piece in _cut(m.start(), m.end(), skipped)]


_PROSE_RUN = re.compile(rb"\x01[^\x00]*")


def _clip(pieces: list[tuple[int, int]], ends: list[int], span: Span) -> tuple[Span, ...]:
    """``checked_runs(doc, span)``, from the whole text's pieces: the prose runs inside ``span`` are
    the text's runs cut at its ends, and a skipped span cuts a run the same wherever it is cut."""
    runs = []
    k = bisect.bisect_right(ends, span.start)
    while k < len(pieces) and pieces[k][0] < span.end:
        start, end = max(pieces[k][0], span.start), min(pieces[k][1], span.end)
        if start < end:
            runs.append(Span(start, end))
        k += 1
    return tuple(runs)


def _written_script(units: list[Unit], text: str) -> str | None:
    """The script most of the prose is written in: each sentence votes for the script it leans to,
    with its length in Han characters.  Counting evidence characters instead lets a few dense
    paragraphs (該市於…成為…擁有眾多歷史遺跡) outvote the plainer sentences around them."""
    written = {zs.SIMPLIFIED: 0, zs.TRADITIONAL: 0}
    for unit in units:
        simp, trad = unit.counts
        if simp != trad:
            length = zs.han_count("".join(text[r.start : r.end] for r in unit.runs))
            written[zs.SIMPLIFIED if simp > trad else zs.TRADITIONAL] += length
    if written[zs.SIMPLIFIED] == written[zs.TRADITIONAL]:
        return None
    return zs.SIMPLIFIED if written[zs.SIMPLIFIED] > written[zs.TRADITIONAL] else zs.TRADITIONAL


def is_other_sentence(unit: Unit, dominant: str) -> bool:
    """Written in the other script: more evidence of it than of the dominant one."""
    return unit.count(zs.other(dominant)) > unit.count(dominant)
