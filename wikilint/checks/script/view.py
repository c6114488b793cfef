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

    block: int
    group: int  # sentences of one paragraph, or of consecutive list items, share a group
    bounds: tuple[tuple[int, int], ...]  # (start, end) of the checked prose runs inside the sentence
    counts: tuple[int, int]  # evidence of simplified, of traditional
    source: str = field(default="", repr=False, compare=False)  # the document's text

    # ``runs``, ``span`` and ``evidence`` are made when a rule asks: most sentences are only counted

    @cached_property
    def runs(self) -> tuple[Span, ...]:
        """The checked prose inside the sentence."""
        return tuple(Span(start, end) for start, end in self.bounds)

    @cached_property
    def span(self) -> Span:
        """The sentence, trimmed of surrounding white space."""
        return _trim(self.source, Span(self.bounds[0][0], self.bounds[-1][1]))

    def count(self, script: str) -> int:
        return self.counts[0] if script == zs.SIMPLIFIED else self.counts[1] if script == zs.TRADITIONAL else 0

    @cached_property
    def evidence(self) -> tuple[tuple[int, str], ...]:
        """``(offset into doc.text, script)`` of each evidence character."""
        found = []
        for start, end in self.bounds:
            found.extend((start + i, s) for i, s in zs.evidence(self.source[start:end]))
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
    # Japanese phrases and labelled glosses are looked for run by run, and the rare characters
    # beyond the Basic Multilingual Plane counted, only in a text that has any
    foreign, astral = zs.may_be_foreign(text), zs.has_astral(text)
    units: list[Unit] = []
    chunks: list[str] = []  # each unit's checked prose, joined
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
            bounds = _clip(pieces, ends, sentence.span.start, sentence.span.end)
            if not bounds:
                continue
            chunk = "".join([text[a:b] for a, b in bounds])
            if foreign:
                simp = trad = 0
                for a, b in bounds:
                    s, t = zs.evidence_counts(text[a:b])
                    simp, trad = simp + s, trad + t
            else:
                simp, trad = zs.plain_evidence_counts(chunk, astral)
            units.append(Unit(block.index, group, bounds, (simp, trad), text))
            chunks.append(chunk)

    simp = sum(u.counts[0] for u in units)
    trad = sum(u.counts[1] for u in units)
    dominant = zs.variant_script(variant) or _written_script(units, chunks) or (
        None if simp == trad else zs.SIMPLIFIED if simp > trad else zs.TRADITIONAL)
    target = None
    if dominant is not None:
        # the traditional standard, from the sentences already in the dominant script
        own = "".join(chunk for u, chunk in zip(units, chunks) if u.count(zs.other(dominant)) <= u.count(dominant))
        target = zs.target_for(dominant, variant, zs.standard_marks(own))
    return Profile(tuple(units), dominant, target, (simp, trad))


def _checked_pieces(doc: Document) -> list[tuple[int, int]]:
    """The document's checked prose, ``(start, end)`` in order: ``checked_runs`` of the whole text,
    cut once for every sentence to share (``_clip``)."""
    skipped = _skipped_spans(doc)
    pieces: list[tuple[int, int]] = []
    # the prose runs of ``doc.prose_runs()``: from a marked character up to the next unmarked one
    for m in _PROSE_RUN.finditer(doc.prose):
        start, end = m.span()
        if bisect.bisect_right(skipped.max_end, start) >= bisect.bisect_left(skipped.starts, end):
            pieces.append((start, end))  # no skipped span touches the run
        else:
            pieces.extend(_cut(start, end, skipped))
    return pieces


_PROSE_RUN = re.compile(rb"\x01[^\x00]*")


def _clip(pieces: list[tuple[int, int]], ends: list[int], start: int, end: int) -> tuple[tuple[int, int], ...]:
    """``checked_runs`` of ``[start, end)``, from the whole text's pieces: the prose runs inside a
    span are the text's runs cut at its ends, and a skipped span cuts a run the same wherever it is cut."""
    runs = []
    k = bisect.bisect_right(ends, start)
    n = len(pieces)
    while k < n:
        a, b = pieces[k]
        if a >= end:
            break
        if a < start:
            a = start
        if b > end:
            b = end
        if a < b:
            runs.append((a, b))
        k += 1
    return tuple(runs)


def _written_script(units: list[Unit], chunks: list[str]) -> str | None:
    """The script most of the prose is written in: each sentence votes for the script it leans to,
    with its length in Han characters.  Counting evidence characters instead lets a few dense
    paragraphs (該市於…成為…擁有眾多歷史遺跡) outvote the plainer sentences around them."""
    written = {zs.SIMPLIFIED: 0, zs.TRADITIONAL: 0}
    for unit, chunk in zip(units, chunks):
        simp, trad = unit.counts
        if simp != trad:
            written[zs.SIMPLIFIED if simp > trad else zs.TRADITIONAL] += zs.han_count(chunk)
    if written[zs.SIMPLIFIED] == written[zs.TRADITIONAL]:
        return None
    return zs.SIMPLIFIED if written[zs.SIMPLIFIED] > written[zs.TRADITIONAL] else zs.TRADITIONAL


def is_other_sentence(unit: Unit, dominant: str) -> bool:
    """Written in the other script: more evidence of it than of the dominant one."""
    return unit.count(zs.other(dominant)) > unit.count(dominant)
