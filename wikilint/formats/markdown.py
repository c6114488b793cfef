"""The exported-markdown front-end: zh-wiki articles converted to GitHub markdown by pandoc.

See FORMAT notes in the README: links ``[text](../Page/T.md "wikilink")`` or
``[text](https://zh.wikipedia.org/wiki/T "wikilink")``, markers ``\\[n\\]``, footnote definitions
as a numbered list at the very end, HTML tables, hard-wrapped lines, ``-{…}-`` leftovers.
Everything is found with offsets, once; rules read the resulting Document.
"""

from __future__ import annotations

import bisect
import re
from pathlib import PurePosixPath
from urllib.parse import unquote

from wikilint.document.model import (
    Block,
    Document,
    FootnoteDef,
    FootnoteMarker,
    Link,
    Markup,
    Span,
)
from wikilint.formats.common import (
    ENTITY_REF,
    HTML_TAG,
    Heading,
    ProseMask,
    build_sections,
    escaped_refs,
    find_comments,
    find_conversions,
    find_exempt_elements,
    find_quotes,
    make_block,
    merge_spans,
    section_locator,
)

# [text](target "title") — text may hold escapes and one level of brackets and may wrap lines;
# the target may hold escaped or balanced parentheses.
_MD_LINK = re.compile(
    r"""(?<!\\)(?P<bang>!?)\[(?P<text>(?:\\.|[^\[\]\\\n]|\n(?![ \t]*\n)|\[(?:\\.|[^\[\]\\\n])*\]){0,800})\]
        \(\s*(?P<target><[^<>\n]*>|(?!["'])(?:\\.|[^\s()\\]|\((?:\\.|[^()\\\s])*\))*)
        (?:\s+(?P<q>["'])(?P<title>.*?)(?P=q))?\s*\)""",
    re.X | re.S,
)
_HTML_LINK = re.compile(r"<a\s+[^>]*?href=\"(?P<target>[^\"]*)\"[^>]*>(?P<text>.*?)</a\s*>", re.S | re.I)
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^<>\s]+)>")
_BARE_URL = re.compile(r"(?:https?|ftp)://[^\s<>\"\]\)（）「」《》，。]+")
_MARKER = re.compile(r"\\\[(?P<n>\d{1,4})\\\]")
_TABLE_MARKER = re.compile(r"\[(?<![\\\[]\[)(?P<n>\d{1,4})\](?!\()")
_ESCAPED_REF = re.compile(r"\\<ref\b.*?\\?>(?:\s*(?:</ref>|\\</ref\\>))?|\\</ref\\>|<ref\b[^<>]*?/?>(?:.*?</ref>)?", re.S)
_STRAY = re.compile(r"\\\]\\\]|\\\[\\\[|\]\]|\[\[")
_MATH = re.compile(r"\\\((?!\d+\\\)).{1,300}?\\\)|\\\[\\begin.*?\\\]|\$\$.+?\$\$", re.S)
_TEMPLATE_LEFTOVER = re.compile(r"\{\{[^{}\n]{0,80}\}\}|\}\s?\}\}|\{\{")
_EMPTY_PARENS = re.compile(r"（[，,、;；\s]*）|\([,，、;；\s]*\)")
_EMPHASIS = re.compile(r"\*\*|__|\*(?<![\\*]\*)(?!\s)|\*(?<=\S\*)(?![*])")
_ESCAPE = re.compile(r"\\(?=[\\`*_{}\[\]()#+\-.!<>|\"'~^$@&])")
_FENCED_CODE = re.compile(r"^[ \t]*(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)", re.S | re.M)
# _INLINE_CODE, _EMPHASIS and _TABLE_MARKER open with a literal and keep their lookbehinds after it:
# the regular-expression engine then skips to the next "`", "*" or "[" instead of trying every
# position of the text (15-20 times faster, the same matches)
_INLINE_CODE = re.compile(r"(`(?<![`\\]`)`*)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
# some exported files open with a note of the export, in simplified whatever the article's script
_EXPORT_BANNER = re.compile(r"\A(?:[ \t]*\n)*>[^\n]*本文内容由[^\n]*转换而来[^\n]*")
_GALLERY = re.compile(r"<(?P<target>(?:File|Image|文件|檔案|档案|图像|圖像):[^<>\n]+)>", re.I)

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_LIST_ITEM = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,4}[.)])(?:[ \t]+|$)")
_ORDERED_ITEM = re.compile(r"^(\d{1,4})\.(?:[ \t]+|$)")
_PIPE_DELIMITER_ROW = re.compile(r"\|(?:\s*:?-{3,}:?\s*\|)+")
_TABLE_OPEN = re.compile(r"^\s*<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)

WIKI_HOSTS = re.compile(r"^https?://zh\.(?:m\.)?wikipedia\.org/(?:wiki|zh-[a-z]+|zh)/(?P<title>.*)$", re.I)
OTHER_WIKI = re.compile(r"^https?://(?P<lang>[a-z\-]{2,12})\.(?:m\.)?wikipedia\.org/wiki/(?P<title>.*)$", re.I)
FILE_PREFIX = re.compile(r"^(?:File|Image|文件|檔案|档案|图像|圖像|图片|圖片|Media):", re.I)
CATEGORY_PREFIX = re.compile(r"^(?:Category|分类|分類):", re.I)
#: a line of nothing but category links: the exported category footer
_CATEGORY_LINE = re.compile(r"(?:\[(?:Category|分类|分類):[^\]]*\]\([^)]*\)\s*)+")
PAGE_PATH = re.compile(r"^(?:\.\./)*(?:Page/)(?P<title>.+?)\.md$")


def unescape_markdown(text: str) -> str:
    return _ESCAPE.sub("", text)


def classify_target(raw: str) -> tuple[str, str, str | None, str]:
    """``(kind, target, fragment, form)`` of a markdown link target."""
    target = raw[1:-1] if raw.startswith("<") and raw.endswith(">") else raw
    target = unescape_markdown(target)
    if not target.strip():
        return "internal", "", None, "empty"
    if target.startswith("#"):  # a link to a section of the article itself
        return "internal", "", unquote(target[1:]) or None, "anchor"
    page = PAGE_PATH.match(target)
    if page:
        title, form = unquote(page.group("title")), "page"
    else:
        wiki = WIKI_HOSTS.match(target)
        if wiki:
            title, form = unquote(wiki.group("title")), "wiki-url"
        else:
            other = OTHER_WIKI.match(target)
            if other and other.group("lang").lower() not in ("zh", "www", "commons", "m"):
                return "interlanguage", unquote(other.group("title")), None, "url"
            return "external", target, None, "url"
    title, _, fragment = title.partition("#")
    if FILE_PREFIX.match(title):
        kind = "file"
    elif CATEGORY_PREFIX.match(title):
        kind = "category"
    else:
        kind = "internal"
    return kind, title, (fragment or None), form


def _title_from(path: str, text: str) -> str:
    stem = PurePosixPath(path.replace("\\", "/")).name
    for suffix in (".md", ".markdown", ".txt"):
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
    if re.search(r"[^\x00-\x7f]", stem) or (stem and not re.search(r"\d", stem)):
        return stem.replace("_", " ")
    # exported files named by id: the article's title is its first bold term, zh-wiki style
    bold = re.search(r"\*\*(.+?)\*\*", text[:2000])
    return bold.group(1) if bold else stem


class _Builder:
    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        self.mask = ProseMask(len(text))
        self.links: list[Link] = []
        self.markup: list[Markup] = []
        self.exempt: list[Span] = []
        self.markers: list[FootnoteMarker] = []
        self.defs: list[FootnoteDef] = []
        self.taken: list[Span] = []  # spans already claimed by a construct
        self._merged: tuple[Span, ...] | None = None
        self._merged_starts: list[int] = []
        self._merged_size = -1

    def claimed(self, offset: int) -> bool:
        if self._merged_size != len(self.taken):
            self._merged = merge_spans(self.taken)
            self._merged_starts = [span.start for span in self._merged]
            self._merged_size = len(self.taken)
        i = bisect.bisect_right(self._merged_starts, offset) - 1
        return i >= 0 and offset < self._merged[i].end  # type: ignore[index]

    def add_markup(self, kind: str, span: Span, prose: bool = False) -> None:
        self.markup.append(Markup(kind, span, span.slice(self.text)))
        if not prose:
            self.mask.clear(span)


def parse_markdown(text: str, path: str = "<text>") -> Document:
    b = _Builder(text, path)
    lines = _lines(text)

    # 1. regions that swallow everything inside them
    for comment in find_comments(text):
        b.add_markup("comment", comment.span)
        b.taken.append(comment.span)
    conversions = find_conversions(text)
    for conv in conversions:
        b.exempt.append(conv.span)
    for span in find_exempt_elements(text):
        b.exempt.append(span)
        b.taken.append(span)
    indented = [span for span in _indented_code(text) if not b.claimed(span.start)]
    for span in indented:
        b.exempt.append(span)
        b.markup.append(Markup("code", span, span.slice(text)))
    b.taken.extend(indented)
    for kind, pattern in (("code", _FENCED_CODE), ("code", _INLINE_CODE), ("math", _MATH)):
        found = [Span(m.start(), m.end()) for m in pattern.finditer(text) if not b.claimed(m.start())]
        for span in found:
            b.exempt.append(span)
            b.markup.append(Markup(kind, span, span.slice(text)))
        b.taken.extend(found)
    banner = _EXPORT_BANNER.match(text)
    banner_span = Span(text.index(">"), banner.end()) if banner else None
    if banner_span is not None:
        # the exporter's note of where the text came from: its link is no link of the article's
        b.add_markup("export-banner", banner_span)
        b.taken.append(banner_span)

    # 2. blocks, headings, the footnote list at the end
    table_spans = _html_table_spans(text)
    headings, block_specs, defs_region, category_lines, pipe_rows = _scan_lines(text, lines, table_spans)
    sections = build_sections(headings, len(text))

    # 3. inline constructs
    _find_links(b)
    by_start = sorted(b.links, key=lambda link: link.span.start)
    link_starts = [link.span.start for link in by_start]
    category_lines = [span for span in category_lines if _only_categories(by_start, link_starts, span)]
    _find_markers(b, table_spans)
    _find_leftovers(b)
    if defs_region is not None and (b.markers or _follows_footer(text, defs_region, category_lines, sections)):
        _read_definitions(b, defs_region)
        references_span: Span | None = defs_region
        b.mask.clear(defs_region)
    else:
        references_span = None
    for span in category_lines:
        b.mask.clear(span)
    for row in pipe_rows:  # a pipe table's bars and its delimiter row are syntax
        if _PIPE_DELIMITER_ROW.fullmatch(row.slice(text).strip()):
            b.mask.clear(row)
        for m in re.finditer(r"(?<!\\)\|", text[row.start : row.end]):
            b.mask.clear(Span(row.start + m.start(), row.start + m.end()))
    for h in headings:  # the '#' run of a heading is syntax
        b.mask.clear(Span(h.line_start, h.title_span.start))
    for _kind, span, prefix_end in block_specs:
        if prefix_end > span.start:
            b.mask.clear(Span(span.start, prefix_end))
    b.mask.clear_matches(_EMPHASIS.finditer(text))
    b.mask.clear_matches(_ESCAPE.finditer(text))  # the backslash (what follows is a lookahead)
    b.mask.clear_all(b.exempt)
    if banner_span is not None:
        b.mask.clear(banner_span)  # its link text too

    blocks = []
    section_of = section_locator(sections)
    category_starts = [c.start for c in category_lines]
    for kind, span, prefix_end in block_specs:
        content = Span(prefix_end, span.end) if prefix_end > span.start else span
        if references_span is not None and references_span.contains(span.start):
            continue
        if banner_span is not None and banner_span.contains(span.start):
            continue
        if category_lines and _only_category_lines(text, span, category_lines, category_starts):
            kind = "category_line"
        blocks.append(make_block(text, len(blocks), kind, content, section_of(content.start)))

    return Document(
        path=path,
        format="markdown",
        text=text,
        title=_title_from(path, text),
        sections=sections,
        blocks=tuple(blocks),
        links=tuple(sorted(b.links, key=lambda link: (link.span.start, link.span.end))),
        footnote_markers=tuple(sorted(b.markers, key=lambda m: (m.span.start, m.span.end))),
        footnote_defs=tuple(b.defs),
        conversions=tuple(conversions),
        templates=(),
        quotes=tuple(find_quotes(text)),
        markup=tuple(sorted(b.markup, key=lambda m: (m.span.start, m.span.end, m.kind))),
        exempt=merge_spans(b.exempt),
        prose=b.mask.freeze(),
        references_span=references_span,
        category_lines=tuple(category_lines),
    )


def _lines(text: str) -> list[Span]:
    spans, start = [], 0
    for m in re.finditer("\n", text):
        spans.append(Span(start, m.start()))
        start = m.end()
    spans.append(Span(start, len(text)))
    return spans


def _indented_code(text: str) -> list[Span]:
    """Indented code blocks (how pandoc writes ``<pre>`` and lines that start with a space): lines
    indented four or more columns after a blank line, unless they continue a list item."""
    spans: list[Span] = []
    lines = _lines(text)
    previous_blank, in_list = True, False
    i = 0
    while i < len(lines):
        s = lines[i].slice(text)
        if not s.strip():
            previous_blank = True
            i += 1
            continue
        indented = s.startswith(("    ", "\t"))
        if indented and previous_blank and not in_list:
            j = i
            while j + 1 < len(lines):
                nxt = lines[j + 1].slice(text)
                if nxt.startswith(("    ", "\t")) or (not nxt.strip() and j + 2 < len(lines)
                                                       and lines[j + 2].slice(text).startswith(("    ", "\t"))):
                    j += 1
                else:
                    break
            spans.append(Span(lines[i].start, lines[j].end))
            i, previous_blank = j + 1, False
            continue
        if not indented:
            in_list = bool(_LIST_ITEM.match(s))
        previous_blank = False
        i += 1
    return spans


def _html_table_spans(text: str) -> list[Span]:
    spans = []
    pos = 0
    for m in re.finditer(r"<table\b", text, re.I):
        if m.start() < pos:
            continue
        close = _TABLE_CLOSE.search(text, m.end())
        end = close.end() if close else len(text)
        spans.append(Span(m.start(), end))
        pos = end
    return spans


def _scan_lines(text: str, lines: list[Span], tables: list[Span]):
    """Headings, blocks (kind, span, end of the line prefix), the trailing numbered list, category lines."""
    headings: list[Heading] = []
    blocks: list[tuple[str, Span, int]] = []
    category_candidates: list[Span] = []
    pipe_rows: list[Span] = []
    para: list[Span] = []

    def flush() -> None:
        if para:
            blocks.append(("paragraph", Span(para[0].start, para[-1].end), para[0].start))
            para.clear()

    table_iter = iter(tables)
    table = next(table_iter, None)
    i = 0
    while i < len(lines):
        line = lines[i]
        s = line.slice(text)
        while table is not None and table.end <= line.start:
            table = next(table_iter, None)
        if table is not None and table.start <= line.start < table.end or (table is not None and line.start <= table.start < line.end and not s[: table.start - line.start].strip()):
            flush()
            j = i
            while j + 1 < len(lines) and lines[j + 1].start < table.end:
                j += 1
            blocks.append(("table", Span(line.start, lines[j].end), line.start))
            i = j + 1
            continue
        stripped = s.strip()
        if not stripped:
            flush()
            i += 1
            continue
        heading = _HEADING.match(s)
        if heading:
            flush()
            title_start = line.start + heading.start(2)
            title_span = Span(title_start, line.start + heading.end(2))
            headings.append(Heading(len(heading.group(1)), heading.group(2), title_span, line.start))
            blocks.append(("heading", Span(line.start, line.end), title_start))
            i += 1
            continue
        item = _LIST_ITEM.match(s)
        if item:
            flush()
            j = i
            indent = len(item.group(1))
            while j + 1 < len(lines):  # indented continuation lines belong to the item
                nxt = lines[j + 1].slice(text)
                if nxt.strip() and len(nxt) - len(nxt.lstrip()) > indent and not _LIST_ITEM.match(nxt):
                    j += 1
                else:
                    break
            blocks.append(("list_item", Span(line.start, lines[j].end), line.start + item.end()))
            i = j + 1
            continue
        if stripped.startswith(">"):
            flush()
            blocks.append(("quote", Span(line.start, line.end), line.start + s.index(">") + 1))
            i += 1
            continue
        if stripped.startswith("|") and stripped.endswith("|"):
            flush()
            blocks.append(("table", Span(line.start, line.end), line.start))
            pipe_rows.append(line)
            i += 1
            continue
        if _CATEGORY_LINE.fullmatch(stripped):
            category_candidates.append(line)
        para.append(line)
        i += 1
    flush()
    return headings, blocks, _trailing_numbered_list(text, lines), category_candidates, pipe_rows


def _trailing_numbered_list(text: str, lines: list[Span]) -> Span | None:
    """The numbered list at the very end (after it only blanks, comments and category lines)."""
    i = len(lines) - 1
    while i >= 0:
        s = lines[i].slice(text).strip()
        if s and not s.startswith("<!--") and not _CATEGORY_LINE.fullmatch(s):
            break
        i -= 1
    end_line = i
    first_item = None
    while i >= 0:
        s = lines[i].slice(text)
        if _ORDERED_ITEM.match(s):
            first_item = i
        elif s.strip() and s[0] in " \t":
            pass  # an item's continuation line (the last item's too: a long entry wraps onto several)
        elif not s.strip() or s.strip().startswith("<!--"):
            pass
        else:
            break
        i -= 1
    if first_item is None:
        return None
    return Span(lines[first_item].start, lines[end_line].end)


def _follows_footer(text: str, region: Span, categories: list[Span], sections) -> bool:
    before = text[: region.start].rstrip()
    if categories and before.endswith(categories[-1].slice(text).rstrip()):
        return True
    last = sections[-1]
    return last.is_references and last.span.start < region.start


def _read_definitions(b: _Builder, region: Span) -> None:
    text = b.text
    items = list(re.finditer(r"^(\d{1,4})\.(?:[ \t]+|$)", text[region.start : region.end], re.M))
    for k, m in enumerate(items):
        start = region.start + m.start()
        end = region.start + items[k + 1].start() if k + 1 < len(items) else region.end
        content_start = region.start + m.end()
        content_end = end
        while content_end > content_start and text[content_end - 1].isspace():
            content_end -= 1
        content_start = min(content_start, content_end)
        span_end = max(content_end, region.start + m.start() + len(m.group(1)) + 1)
        b.defs.append(
            FootnoteDef(
                label=m.group(1),
                content=text[content_start:content_end],
                content_span=Span(content_start, content_end),
                span=Span(start, span_end),
                kind="list",
            )
        )


def _markdown_link(m: re.Match) -> tuple[Link, bool]:
    raw_target = m.group("target") or ""
    title_attr = m.group("title")
    kind, target, fragment, form = classify_target(raw_target)
    if title_attr is not None and title_attr.startswith("fig:") and kind == "internal":
        kind = "file"
    link_text = unescape_markdown(m.group("text"))
    link = Link(kind, target, fragment, link_text, Span(m.start(), m.end()), Span(m.start("text"), m.end("text")),  # type: ignore[arg-type]
                Span(m.start("target"), m.end("target")), form, title_attr, raw_target)
    text_is_prose = kind in ("internal", "external", "interlanguage") or (
        kind == "file" and not _looks_like_file_name(link_text, target))
    return link, text_is_prose


def _html_link(m: re.Match) -> tuple[Link, bool]:
    kind, target, fragment, form = classify_target(m.group("target"))
    link = Link(kind, target, fragment, m.group("text"), Span(m.start(), m.end()), Span(m.start("text"), m.end("text")),  # type: ignore[arg-type]
                Span(m.start("target"), m.end("target")), "html", None, m.group("target"))
    return link, kind != "category"


def _bare_link(kind: str, group: str, form: str):
    def make(m: re.Match) -> tuple[Link, bool]:
        target_span = Span(m.start(group), m.end(group))
        return Link(kind, m.group(group), None, None, Span(m.start(), m.end()), None, target_span,  # type: ignore[arg-type]
                    form, None, m.group(group)), False
    return make


def _find_links(b: _Builder) -> None:
    """Each pass claims its links only after it ends, so ``claimed`` merges spans once a pass
    (re-merging after every link made long articles quadratic)."""
    passes = (
        (_MD_LINK, _markdown_link),
        (_HTML_LINK, _html_link),
        (_AUTOLINK, _bare_link("external", "url", "autolink")),
        (_GALLERY, _bare_link("file", "target", "gallery")),
    )
    for pattern, make in passes:
        claimed_now = []
        for m in pattern.finditer(b.text):
            if b.claimed(m.start()):
                continue
            link, text_is_prose = make(m)
            b.links.append(link)
            claimed_now.append(link.span)
            b.mask.clear(link.span)
            if text_is_prose and link.text_span is not None:
                b.mask.set(link.text_span)
        b.taken.extend(claimed_now)
    for m in _BARE_URL.finditer(b.text):
        if not b.claimed(m.start()):
            b.add_markup("url", Span(m.start(), m.end()))


def _looks_like_file_name(link_text: str, target: str) -> bool:
    name = FILE_PREFIX.sub("", target)
    return link_text.replace(" ", "_") == name.replace(" ", "_") or bool(
        re.search(r"\.(?:jpe?g|png|gif|svg|tiff?|webp|ogg|ogv|webm|pdf|mp3|wav)$", link_text, re.I)
    )


def _find_markers(b: _Builder, tables: list[Span]) -> None:
    for m in _MARKER.finditer(b.text):
        if b.claimed(m.start()):
            continue
        span = Span(m.start(), m.end())
        b.markers.append(FootnoteMarker(m.group("n"), span))
        b.mask.clear(span)
    for table in tables:
        for m in _TABLE_MARKER.finditer(b.text, table.start, table.end):
            if b.claimed(m.start()):
                continue
            span = Span(m.start(), m.end())
            b.markers.append(FootnoteMarker(m.group("n"), span))
            b.mask.clear(span)


def _find_leftovers(b: _Builder) -> None:
    text = b.text
    remnants = [Span(m.start(), m.end()) for m in _ESCAPED_REF.finditer(text) if not b.claimed(m.start())]
    for span in remnants:
        b.add_markup("escaped-ref", span)
    b.taken.extend(remnants)
    if "&lt;" in text:
        entities = [Span(m.start(), m.end()) for m in ENTITY_REF.finditer(text) if not b.claimed(m.start())]
        b.markup.extend(escaped_refs(entities, len(b.markers) + len(remnants), text))
        b.mask.clear_all(entities)
        b.taken.extend(entities)
    for m in HTML_TAG.finditer(text):
        if not b.claimed(m.start()) and not (m.start() > 0 and text[m.start() - 1] == "\\"):
            b.add_markup("html-tag", Span(m.start(), m.end()))
    for m in _STRAY.finditer(text):
        if b.claimed(m.start()) or _MARKER.match(text, m.start()):
            continue
        kind = "stray-close" if "]" in m.group() else "stray-open"
        b.add_markup(kind, Span(m.start(), m.end()))
    for m in _TEMPLATE_LEFTOVER.finditer(text):
        if not b.claimed(m.start()) and "-{" not in text[max(0, m.start() - 1) : m.start() + 2]:
            b.add_markup("template-leftover", Span(m.start(), m.end()))
    for m in _EMPTY_PARENS.finditer(text):
        if not b.claimed(m.start()):
            b.add_markup("empty-parens", Span(m.start(), m.end()), prose=True)


def _only_category_lines(text: str, block: Span, category_lines: list[Span], starts: list[int]) -> bool:
    """Whether every non-blank line of ``block`` is a category line (the footer may wrap).
    ``category_lines`` are in order and disjoint (``starts`` theirs): a bisection finds the one that
    could hold a line (a scan of them all for every line is quadratic in an article that repeats
    its footer)."""
    start = block.start
    for line in text[block.start : block.end].split("\n"):
        span = Span(start, start + len(line))
        start = span.end + 1
        k = bisect.bisect_right(starts, span.start) - 1
        if line.strip() and not (k >= 0 and category_lines[k].contains(span)):
            return False
    return True


def _only_categories(links: list[Link], starts: list[int], line: Span) -> bool:
    """Whether ``line`` holds links and only category links (``links`` sorted by start)."""
    inside = []
    k = bisect.bisect_left(starts, line.start)
    while k < len(links) and starts[k] < line.end:
        if line.contains(links[k].span):
            inside.append(links[k])
        k += 1
    return bool(inside) and all(link.kind == "category" for link in inside)
