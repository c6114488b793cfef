"""Pieces both front-ends share: conversion markup, quotes, sentences, sections, the prose mask.

Everything here works on offsets into the article's text, so what a front-end builds with it
slices back to the source exactly.
"""

from __future__ import annotations

import bisect
import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Iterator

from wikilint.document.model import Block, ConversionSpan, Markup, Quote, Section, Sentence, Span

# -- zh-wiki language conversion -{…}- ---------------------------------------------------------------

_VARIANT_CODE = re.compile(r"^\s*(zh(?:-[a-z]{2,4})?)\s*$", re.I)


def find_conversions(text: str) -> list[ConversionSpan]:
    """Every ``-{…}-`` span, outermost only, nested ones included in their parent.

    An escaped opener ``\\-{`` (older exports) belongs to the span.  Unclosed openers are
    ignored: they are text, not markup.
    """
    spans: list[ConversionSpan] = []
    find = text.find
    pos = find("-{")
    while pos != -1:
        depth, i, n = 1, pos + 2, len(text)
        while i < n and depth:
            nxt_open = find("-{", i)
            nxt_close = find("}-", i)
            if nxt_close == -1:
                return spans  # nothing after this opener closes, nor can any later opener
            if nxt_open != -1 and nxt_open < nxt_close:
                depth += 1
                i = nxt_open + 2
            else:
                depth -= 1
                i = nxt_close + 2
        if depth:
            pos = find("-{", pos + 2)
            continue
        start = pos - 1 if pos > 0 and text[pos - 1] == "\\" else pos
        inner = Span(pos + 2, i - 2)
        flags, variants = parse_conversion_body(inner.slice(text))
        spans.append(ConversionSpan(Span(start, i), inner, flags, variants))
        pos = find("-{", i)
    return spans


def parse_conversion_body(body: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """``H|zh-cn:特朗普;zh-tw:川普;`` → ``("H", (("zh-cn", "特朗普"), ("zh-tw", "川普")))``."""
    flags = ""
    bar = body.find("|")
    colon = body.find(":")
    if bar != -1 and (colon == -1 or bar < colon) and re.fullmatch(r"[A-Za-z;\s\-]*", body[:bar]):
        flags, body = body[:bar].strip(), body[bar + 1 :]
    variants = []
    for part in body.split(";"):
        code, sep, value = part.partition(":")
        if sep and _VARIANT_CODE.match(code):
            variants.append((code.strip().lower(), value.strip()))
    return flags, tuple(variants)


# -- quotes ---------------------------------------------------------------------------------------------

_QUOTE_PAIRS = {"《": ("》", "title"), "〈": ("〉", "title"), "「": ("」", "quote"), "『": ("』", "quote"), "“": ("”", "quote")}


_QUOTE_CHARS = re.compile("[%s\n]" % re.escape("".join(_QUOTE_PAIRS) + "".join(c for c, _ in _QUOTE_PAIRS.values())))


def find_quotes(text: str, limit: int = 2000) -> list[Quote]:
    """Balanced 《…》 〈…〉 「…」 『…』 “…” pairs (nesting allowed, unbalanced openers skipped)."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []
    closers = {close: open_ for open_, (close, _) in _QUOTE_PAIRS.items()}
    for m in _QUOTE_CHARS.finditer(text):
        i, ch = m.start(), m.group()
        if ch in _QUOTE_PAIRS:
            stack.append((ch, i))
        elif ch in closers:
            opener = closers[ch]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == opener:
                    start = stack[depth][1]
                    del stack[depth:]
                    if i - start <= limit:
                        quotes.append(Quote(_QUOTE_PAIRS[opener][1], Span(start, i + 1), Span(start + 1, i)))  # type: ignore[arg-type]
                    break
        elif ch == "\n" and stack and text.startswith("\n", i + 1):
            stack.clear()  # a quote never runs across a paragraph break
    quotes.sort(key=lambda q: q.span)
    return quotes


# -- sentences --------------------------------------------------------------------------------------------

#: what may end a sentence: a terminator (with the terminators and closing quotes right after it) or a line end
_SENTENCE_BREAK = re.compile(r"[。！？!?\n]")
_TERMINATOR_RUN = re.compile(r"[。！？!?」』”’）)\]]*")
#: blocks whose line ends end sentences (list items, table rows, headings, verse and quotes …)
HARD_BREAK_KINDS = frozenset(("list_item", "table", "heading", "quote", "other", "category_line"))


class SentenceBounds:
    """What may end a sentence, for ``split_sentences``.  In plain text: every terminator and, in a
    block with hard breaks, every line end; a sentence is its text without surrounding white space.
    A front-end that reads markup passes a subclass saying what must not end a sentence (a 。 in a
    template, a line end inside a ``<ref>``), what stays with the sentence before (the footnote
    markers after its 。), where else one starts (table cells) and what a sentence does not begin
    or end with."""

    def terminator_ends(self, pos: int) -> bool:
        """Whether the terminator at ``pos`` may end a sentence."""
        return True

    def line_end_ends(self, pos: int) -> bool:
        """Whether the line end at ``pos`` may end a sentence (asked only in hard-break blocks)."""
        return True

    def attach(self, pos: int, end: int) -> int:
        """Where a sentence whose terminator run ends at ``pos`` ends (what follows and belongs to it)."""
        return pos

    def starts(self, span: Span) -> list[int]:
        """Further places in ``span`` where a sentence starts (nothing in plain text)."""
        return []

    def trim(self, text: str, start: int, end: int) -> Span | None:
        """The sentence between ``start`` and ``end``, or None when nothing of it is left."""
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end) if end > start else None


PLAIN_TEXT = SentenceBounds()


def split_sentences(text: str, span: Span, hard_breaks: bool, bounds: SentenceBounds = PLAIN_TEXT) -> list[Span]:
    """Sentences of a block: split after 。！？!? (with the terminators and closing quotes that follow
    them) and, where ``hard_breaks`` is set (list items, table rows, poems), at line ends.  A single
    newline inside a paragraph is a soft wrap in both wikitext and markdown, so it does not end a
    sentence.  ``bounds`` says what must not end one (see ``SentenceBounds``)."""
    cuts: list[tuple[int, int]] = []  # (end of a sentence, start of the next)
    search, end = _SENTENCE_BREAK.search, span.end
    i = span.start
    while (match := search(text, i, end)) is not None:
        i = match.start()
        if text[i] == "\n":
            if hard_breaks and bounds.line_end_ends(i):
                cuts.append((i, i + 1))
            i += 1
        elif bounds.terminator_ends(i):
            i = bounds.attach(_TERMINATOR_RUN.match(text, i + 1, end).end(), end)
            cuts.append((i, i))
        else:
            i += 1
    more = bounds.starts(span)
    if more:
        cuts.extend((pos, pos) for pos in more)
        cuts.sort()
    out: list[Span] = []
    start = span.start
    for stop, following in cuts:
        if stop >= start:
            if (sentence := bounds.trim(text, start, stop)) is not None:
                out.append(sentence)
            start = max(start, following)
    if (sentence := bounds.trim(text, start, end)) is not None:
        out.append(sentence)
    return out


def make_block(text: str, index: int, kind: str, span: Span, section: int) -> Block:
    sentences = tuple(Sentence(s, index) for s in split_sentences(text, span, kind in HARD_BREAK_KINDS))
    return Block(index, kind, span, section, sentences)  # type: ignore[arg-type]


# -- sections ---------------------------------------------------------------------------------------------

# sections whose text is sources and further reading, not the article's own prose
REFERENCE_TITLES = frozenset(
    t.casefold()
    for t in (
        "參考資料 参考资料 參考文獻 参考文献 參考來源 参考来源 參考 参考 資料來源 资料来源 來源 来源 出處 出处 "
        "注釋 注释 註釋 注解 註解 腳註 脚注 附註 附注 注腳 註腳 引用 引註 引注 文獻 文献 資料 资料 "
        "注 註 備註 备注 參考書目 参考书目 書目 书目 相關書目 相关书目 延伸閱讀 延伸阅读 擴展閱讀 扩展阅读 進一步閱讀 进一步阅读 "
        "外部連結 外部链接 外部鏈接 外部連接 外部连接 外部鏈結 外部链结 "
        "references notes footnotes sources citations bibliography further_reading external_links"
    ).split()
)
# words a joined title is made of: 注釋與參考文獻, 參考資料和外部連結, Notes and references
REFERENCE_WORDS = REFERENCE_TITLES | frozenset(
    w.casefold()
    for w in (
        "註释 腳注 注脚 注 註 備註 备注 引用來源 引用来源 "
        "reference note footnote source workscited further reading external links"
    ).split()
)
_REFERENCE_JOINERS = re.compile(r"與|与|和|及|、|/|&|,|，|\band\b", re.I)


def is_references_title(title: str) -> bool:
    """A heading over sources or further reading, alone or joined (注釋與參考文獻)."""
    key = re.sub(r"<!--.*?-->|[\s=#*'\"]+", "", title).casefold()
    if key in REFERENCE_TITLES or key.replace("_", "") in _COMPACT_TITLES:
        return True
    spaced = re.sub(r"<!--.*?-->|[=#*'\"]+", "", title).casefold()
    parts = [p.strip().replace(" ", "") for p in _REFERENCE_JOINERS.split(spaced)]
    parts = [p for p in parts if p]
    return len(parts) > 1 and all(p in REFERENCE_WORDS or p in _COMPACT_TITLES for p in parts)


_COMPACT_TITLES = frozenset(t.replace("_", "") for t in REFERENCE_TITLES)


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    title: str
    title_span: Span
    line_start: int


def build_sections(headings: list[Heading], text_length: int) -> tuple[Section, ...]:
    """The lead (index 0, level 0) and one section per heading, each up to the next heading."""
    starts = [h.line_start for h in headings] + [text_length]
    sections = [Section(0, 0, "", Span(0, starts[0]), None, False)]
    for i, heading in enumerate(headings):
        sections.append(
            Section(
                i + 1,
                heading.level,
                heading.title,
                Span(heading.line_start, starts[i + 1]),
                heading.title_span,
                is_references_title(heading.title),
            )
        )
    return tuple(sections)


def section_locator(sections) -> "Callable[[int], int]":
    """A function from an offset to the index of the section holding it (by bisection)."""
    starts = [section.span.start for section in sections]
    return lambda offset: max(0, bisect.bisect_right(starts, offset) - 1)


# -- html that both formats keep --------------------------------------------------------------------------

COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
EXEMPT_TAGS = ("code", "math", "syntaxhighlight", "source", "nowiki", "pre", "chem", "ce", "score", "timeline")
_EXEMPT_ELEMENT = re.compile(
    r"<(%s)\b[^>]*?(?:/>|>.*?(?:</\1\s*>|\Z))" % "|".join(EXEMPT_TAGS), re.S | re.I
)
HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*\b(?:[^<>\"']|\"[^\"]*\"|'[^']*')*/?>")


# -- <ref> written with HTML entities ----------------------------------------------------------------

#: ``&lt;ref name=&quot;x&quot;&gt;…&lt;/ref&gt;``, ``&lt;ref name=x /&gt;``: a ref a reader sees as text
ENTITY_REF = re.compile(
    r"&lt;\s*ref\b(?:(?!&gt;|&lt;).)*?/\s*&gt;|&lt;\s*/?\s*ref\b.*?&gt;(?:.*?&lt;/ref&gt;)?", re.I)


def escaped_refs(remnants: list[Span], tags: int, text: str) -> list[Markup]:
    """Markup for refs written with HTML entities.  A few among real ``<ref>`` tags are remnants
    of broken markup (``escaped-ref``, which FN006 reports one by one); when they outnumber the
    real tags, the file itself was escaped (a dump or an export run through an HTML escaper):
    each is then an ``escaped-citation``, a citation to keep rather than a remnant to delete, and
    one ``escaped-markup`` piece, at the first, stands for the file (the engine reports it once)."""
    if len(remnants) >= 2 and len(remnants) > tags:
        first = remnants[0]
        return [Markup("escaped-markup", first, first.slice(text))] + [
            Markup("escaped-citation", span, span.slice(text)) for span in remnants]
    return [Markup("escaped-ref", span, span.slice(text)) for span in remnants]


def find_comments(text: str) -> list[Markup]:
    return [Markup("comment", Span(m.start(), m.end()), m.group()) for m in COMMENT.finditer(text)]


def find_exempt_elements(text: str) -> list[Span]:
    return [Span(m.start(), m.end()) for m in _EXEMPT_ELEMENT.finditer(text)]


# -- the prose mask ---------------------------------------------------------------------------------------


class ProseMask:
    """A per-code-point 0/1 mask; front-ends clear what is not running text."""

    __slots__ = ("_mask",)

    def __init__(self, length: int) -> None:
        self._mask = bytearray(b"\x01") * length

    def clear(self, span: Span) -> None:
        if span.end > span.start:
            self._mask[span.start : span.end] = bytes(span.end - span.start)

    def set(self, span: Span) -> None:
        if span.end > span.start:
            self._mask[span.start : span.end] = b"\x01" * (span.end - span.start)

    def clear_matches(self, matches) -> None:
        """Clear what each regular-expression match spans."""
        mask = self._mask
        for m in matches:
            start, end = m.span()
            if end > start:
                mask[start:end] = bytes(end - start)

    def clear_all(self, spans) -> None:
        for span in spans:
            self.clear(span)

    def freeze(self) -> bytes:
        return bytes(self._mask)


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused while one article is parsed.  A page's tree is thousands
    of objects (millions for a long article), none in cycles, and each collection a batch of new
    objects sets off walks them all again, and whatever else the process holds (the rules' tables):
    a 2 MB article parsed in 4.9 s with it running, 2.5 s without; a 12 kB page a tenth faster."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _span_key(span: Span) -> tuple[int, int]:
    return span.start, span.end


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """Sorted, non-overlapping union of spans."""
    merged: list[Span] = []
    # by (start, end): the order of Span's own comparison, without a call per comparison
    for span in sorted(spans, key=_span_key):
        if merged and span.start <= merged[-1].end:
            if span.end > merged[-1].end:
                merged[-1] = Span(merged[-1].start, span.end)
        else:
            merged.append(span)
    return tuple(merged)
