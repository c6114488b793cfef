"""The entry: wikitext → ``Document``, from the guarded parse, the walk, and what is built from it."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from pathlib import PurePosixPath

from wikilint.document.model import Block, Document, Markup, Span
from wikilint.formats.common import (
    ENTITY_REF,
    Heading,
    build_sections,
    collector_paused,
    escaped_refs,
    find_conversions,
    find_quotes,
    is_references_title,
    merge_spans,
    section_locator,
)
from wikilint.formats.wikitext.footnotes import _footnotes
from wikilint.formats.wikitext.guard import _parse_guarded
from wikilint.formats.wikitext.layout import _WikitextSentences, _content_start, _lines, _strip_comments
from wikilint.formats.wikitext.vocabulary import _EMPTY_PARENS, _LITERAL_MARKUP, _WS
from wikilint.formats.wikitext.modes import TOP
from wikilint.formats.wikitext.walk import _Walker


def _title_from(path: str, text: str) -> str:
    """The article's title: the file name, or for files named by id the first bold term."""
    stem = PurePosixPath(path.replace("\\", "/")).name
    for suffix in (".wikitext", ".mediawiki", ".wiki", ".txt"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    if re.search(r"[^\x00-\x7f]", stem) or (stem and not re.search(r"\d", stem)):
        return stem.replace("_", " ")
    bold = re.search(r"'''(.+?)'''", text[:4000])
    return bold.group(1).strip() if bold else stem


def parse_wikitext(text: str, path: str) -> Document:
    """Parse MediaWiki wikitext into the document model."""
    with collector_paused():
        return _parse_checked(text, path)


def _parse_checked(text: str, path: str) -> Document:
    # the fast path parses the whole text and walks it; a tree too deep for the walk (or for
    # str(), which recurses) is parsed again piece by piece, and the pieces too deep become IN006
    try:
        return _parse_wikitext(text, path)
    except RecursionError:
        return _parse_wikitext(text, path, checked=True)


_REF_TAG_START = re.compile(r"<(?:ref|references)\b", re.I)


def _blank_comments_in_ref_tags(text: str) -> str:
    """The text with comments inside a ``<ref …>`` / ``<references …/>`` tag's attributes blanked
    to spaces of the same length (``<ref group=note<!-- 說明 -->>``): MediaWiki strips comments
    before it reads a tag, mwparserfromhell does not and then reads no tag or a wrong group.
    Lengths are kept, so every offset of the parse is an offset of the original text."""
    if "<!--" not in text:
        return text
    out: list[str] = []
    last = 0
    for m in _REF_TAG_START.finditer(text):
        if m.start() < last:
            continue
        i, blanks = m.end(), []
        while i < len(text):
            if text.startswith("<!--", i):
                close = text.find("-->", i + 4)
                if close == -1:
                    break
                blanks.append((i, close + 3))
                i = close + 3
            elif text[i] in "<>":
                break
            else:
                i += 1
        if not blanks or not text.startswith(">", i):
            continue
        for start, end in blanks:
            out.append(text[last:start])
            out.append(re.sub(r"[^\n]", " ", text[start:end]))
            last = end
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


def _walk(text: str, src: str, code, unparsed: list[Span], resync: bool) -> _Walker:
    """The walk of the whole tree.  Each node's length is known only by rendering it again (``str``
    re-renders a node's whole subtree), so the cursor is trusted, and checked once at the end: if it
    does not land on the text's end, the walk is done again, realigned after every top-level node."""
    walker = _Walker(text, src)
    for span in unparsed:
        walker.markup.append(Markup("unparsed", span, span.slice(text)))
    pos = 0
    for node in code.nodes:
        start = pos
        pos = walker.node(node, pos, 0, TOP)
        if resync:
            expected = start + len(str(node))
            if pos != expected:
                pos = expected
    walker.end = pos
    return walker


def _parse_wikitext(text: str, path: str, checked: bool = False) -> Document:
    src = _blank_comments_in_ref_tags(text)
    code, unparsed = _parse_guarded(src, checked)
    walker = _walk(text, src, code, unparsed, resync=False)
    if walker.end != len(text):  # pragma: no cover - a walker bug must not shift every later span
        walker = _walk(text, src, code, unparsed, resync=True)
    if walker.unclosed_comment is not None:
        hidden = Span(walker.unclosed_comment, len(text))
        walker.markup = [m for m in walker.markup if not hidden.contains(m.span)]
        walker.markup.append(Markup("comment", hidden, hidden.slice(text)))
        walker.hidden.append(hidden)
        walker.nobreak.append(hidden)
        walker.prose[hidden.start:hidden.end] = bytes(len(hidden))
    conversions = find_conversions(text)
    exempt = merge_spans(list(walker.exempt) + [c.span for c in conversions])
    prose = walker.prose
    for span in exempt:
        prose[span.start:span.end] = bytes(len(span))
    for m in walker.markup:
        if m.kind in ("comment", "stray-open", "stray-close", "template-leftover", "magic-word", "unclosed-ref", "stray-ref-close"):
            prose[m.span.start:m.span.end] = bytes(len(m.span))
    defs, markers = _footnotes(walker.refs)
    for ref in walker.refs:
        prose[ref.span.start:ref.span.end] = bytes(len(ref.span))
    for m in _EMPTY_PARENS.finditer(text):
        if prose[m.start()] and prose[m.end() - 1]:
            walker.markup.append(Markup("empty-parens", Span(m.start(), m.end()), m.group()))
    if "&lt;" in text:
        # a ref escaped into visible text (&lt;ref name="x"/&gt;): entities are nodes of their own,
        # so look in the text itself, outside comments and exempt elements
        shut = merge_spans(walker.hidden + list(exempt))
        shut_starts = [sp.start for sp in shut]
        remnants = []
        for m in ENTITY_REF.finditer(text):
            k = bisect.bisect_right(shut_starts, m.start()) - 1
            if k >= 0 and m.start() < shut[k].end:
                continue
            remnants.append(Span(m.start(), m.end()))
            prose[m.start():m.end()] = bytes(m.end() - m.start())
        walker.markup.extend(escaped_refs(remnants, len(walker.refs), text))

    # sections: by title, or by holding a references list
    headings = sorted(walker.headings, key=lambda h: h[2].start)
    heading_starts = [h[2].start for h in headings]
    sections = list(build_sections([Heading(lv, title, tspan, span.start) for lv, title, span, tspan in headings], len(text)))
    section_of = section_locator(sections)

    for _, span in walker.reference_lists:
        i = section_of(span.start)
        if i > 0 and not sections[i].is_references:
            sections[i] = replace(sections[i], is_references=True)
    for i, section in enumerate(sections):
        if i > 0 and not section.is_references and is_references_title(section.title):
            sections[i] = replace(section, is_references=True)
    sections_t = tuple(sections)

    # blocks: one per line of its own kind, consecutive paragraph lines merged (as MediaWiki does)
    units = sorted(walker.units, key=lambda u: (u.span.start, -u.span.end))
    unit_starts = [u.span.start for u in units]
    marker_spans = sorted((m.span for m in markers), key=lambda sp: (sp.start, sp.end))
    skip = [m.span for m in walker.markup if m.kind in ("html-tag", "comment", "magic-word")]
    splitter = _WikitextSentences(text, prose, marker_spans, walker.nobreak, walker.cells, skip)
    blocks: list[Block] = []

    def classify(s: int, e: int) -> str | None:
        k = bisect.bisect_left(unit_starts, s)
        us = []
        while k < len(units) and units[k].span.start < e:
            u = units[k]
            k += 1
            if u.kind == "comment" or (u.kind == "text" and not text[u.span.start:u.span.end].strip(_WS)):
                continue
            us.append(u)
        if not us:
            return None if not _strip_comments(text[s:e]).strip(_WS) else "other"
        first = us[0]
        if first.kind == "heading":
            return "heading"
        if first.kind == "table":
            return "table"
        if first.kind == "list" and text[s:e].lstrip(" ")[:1] in ("*", "#", ":", ";"):
            return "list_item"
        if all(u.kind == "category" for u in us):
            return "category_line"
        if first.kind == "quote":
            return "quote"
        if all(u.kind in ("file", "other", "template", "reflist", "interlanguage", "category", "tag") for u in us):
            return "other"
        if prose.find(1, s, e) == -1:
            return "other"
        return "paragraph"

    def emit(kind: str, s: int, e: int) -> None:
        if kind == "heading":
            k = bisect.bisect_left(heading_starts, s)
            if k < len(headings) and headings[k][2].end <= e:
                _lv, _title, span, tspan = headings[k]
                # the title, and whatever follows the closing ='s on the line
                s, e = tspan.start, (e if text[span.end:e].strip(_WS) else tspan.end)
        s = _content_start(text, prose, s, e, kind)
        while e > s and text[e - 1] in _WS:
            e -= 1
        while s < e and text[s] in _WS:
            s += 1
        if e <= s:
            return
        idx = len(blocks)
        sentences = splitter.split(Span(s, e), kind, idx)
        blocks.append(Block(idx, kind, Span(s, e), section_of(s), sentences))  # type: ignore[arg-type]

    paragraph: list[int] | None = None
    for s, e in _lines(text, walker.opaque):
        kind = classify(s, e)
        if kind == "paragraph":
            if paragraph is None:
                paragraph = [s, e]
            else:
                paragraph[1] = e
            continue
        if paragraph is not None:
            emit("paragraph", *paragraph)
            paragraph = None
        if kind is not None:
            emit(kind, s, e)
    if paragraph is not None:
        emit("paragraph", *paragraph)

    # quotes a reader sees: in the prose, or in a footnote's text (not in comments, URLs, names)
    def_spans = merge_spans([d.content_span for d in defs])
    def_starts = [sp.start for sp in def_spans]
    exempt_starts = [sp.start for sp in exempt]
    hidden = merge_spans(walker.hidden + list(exempt))
    hidden_starts = [sp.start for sp in hidden]

    def inside(spans, starts, offset: int) -> bool:
        k = bisect.bisect_right(starts, offset) - 1
        return k >= 0 and offset < spans[k].end

    def visible(offset: int) -> bool:
        if prose[offset]:
            return True
        return inside(def_spans, def_starts, offset) and not inside(hidden, hidden_starts, offset)

    quotes = [q for q in find_quotes(text) if visible(q.span.start) and visible(q.span.end - 1)]

    references_span = None
    if walker.reference_lists:
        references_span = min((span for _, span in walker.reference_lists), key=lambda sp: sp.start)

    return Document(
        path=path,
        format="wikitext",
        text=text,
        title=_title_from(path, text),
        sections=sections_t,
        blocks=tuple(blocks),
        links=tuple(sorted(walker.links, key=lambda link: (link.span.start, -link.span.end))),
        footnote_markers=tuple(markers),
        footnote_defs=tuple(defs),
        conversions=tuple(conversions),
        templates=tuple(sorted(walker.templates, key=lambda t: (t.span.start, -t.span.end))),
        quotes=tuple(quotes),
        markup=tuple(sorted((m for m in walker.markup if not (m.kind in _LITERAL_MARKUP and inside(exempt, exempt_starts, m.span.start))),
                            key=lambda m: (m.span.start, m.span.end, m.kind))),
        exempt=exempt,
        prose=bytes(prose),
        references_span=references_span,
        reference_lists=tuple(sorted(walker.reference_lists, key=lambda r: r[1].start)),
    )
