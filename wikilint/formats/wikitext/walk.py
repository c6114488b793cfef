"""The walk: one pass over mwparserfromhell's tree with a cursor, collecting links, footnotes,
templates, markup leftovers, exempt spans and the prose mask."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import (
    Argument,
    Comment,
    ExternalLink,
    Heading as HeadingNode,
    HTMLEntity,
    Tag,
    Template as TemplateNode,
    Text,
    Wikilink,
)
from mwparserfromhell.wikicode import Wikicode

from wikilint.document.model import Link, Markup, Span, Template
from wikilint.formats.wikitext.build import parse
from wikilint.formats.wikitext.footnotes import _RefTag
from wikilint.formats.wikitext.guard import _Unparsed
from wikilint.formats.wikitext.modes import _Mode, _Unit
from wikilint.formats.wikitext.nodes import _attr, _file_caption, _group_of, _prose_params, _read_raw_attrs, _ref_attrs
from wikilint.formats.wikitext.vocabulary import (
    _CONTAINER_TAGS,
    _EXEMPT_TAGS,
    _EXEMPT_TEMPLATE,
    _GALLERY_FILE,
    _HIDDEN_TAGS,
    _NOTE_TEMPLATES,
    _QUOTE_TAGS,
    _QUOTE_TEMPLATES,
    _REF_CLOSE,
    _REF_OPEN,
    _REFLIST_TEMPLATES,
    _STRAY,
    _WS,
    CATEGORY_NAMESPACES,
    FILE_NAMESPACES,
    INTERWIKI_PREFIXES,
    LANGUAGE_CODES,
    OWN_LANGUAGE,
    _norm,
)

#: what the scan of a text node looks for: comments and refs left as text, and stray markup
_SCANNED = re.compile(r"<|\[\[|\]\]|\{\{|\}\}|__[A-Z]+__")

#: nodes nested deeper than this are treated as plain text (mwparserfromhell itself stops near 100)
MAX_DEPTH = 40


class _Walker:
    def __init__(self, text: str, src: str | None = None) -> None:
        self.text = text
        #: the text the tree was parsed from: ``text`` with comments inside ref tags blanked (same
        #: length); a node's own text is sliced from here rather than rendered again with ``str``
        self.src = text if src is None else src
        self.prose = bytearray(len(text))
        self.links: list[Link] = []
        self.refs: list[_RefTag] = []
        self.templates: list[Template] = []
        self.markup: list[Markup] = []
        self.exempt: list[Span] = []
        self.reference_lists: list[tuple[str | None, Span]] = []
        self.headings: list[tuple[int, str, Span, Span | None]] = []  # level, title, span, title span
        self.units: list[_Unit] = []
        self.opaque: list[Span] = []  # structural nodes whose inner newlines do not break lines
        self.nobreak: list[Span] = []  # nodes whose inner newlines and 。 never end a sentence
        self.hidden: list[Span] = []  # comments and URLs: never visible, not even in a footnote
        self.cells: list[int] = []  # where table cells start
        self.unclosed_comment: int | None = None  # where a <!-- that never closes opens
        self.end = 0  # where the walk of the whole tree ended

    # -- helpers --------------------------------------------------------------------------------
    def _mark(self, start: int, end: int, value: int = 1) -> None:
        if end > start:
            self.prose[start:end] = bytes([value]) * (end - start)

    def _add_markup(self, kind: str, start: int, end: int) -> None:
        self.markup.append(Markup(kind, Span(start, end), self.text[start:end]))

    def _unit(self, mode: _Mode, kind: str, start: int, end: int, name: str = "") -> None:
        if mode.structural:
            self.units.append(_Unit(kind, Span(start, end), name))

    # -- wikicode ------------------------------------------------------------------------------
    def walk(self, code: Wikicode, pos: int, depth: int, mode: _Mode) -> int:
        for node in code.nodes:
            pos = self.node(node, pos, depth, mode)
        return pos

    def node(self, node, pos: int, depth: int, mode: _Mode) -> int:
        if node.__class__ is Text:  # most nodes: checked before anything else
            return self.text_node(node.value, pos, mode)
        if depth >= MAX_DEPTH and not isinstance(node, (Text, Comment, HTMLEntity)):
            # nested too deep to be an article's markup: keep it as plain text, and say so
            end = self.text_node(str(node), pos, mode, scan=False)
            if self.markup and self.markup[-1].kind == "unparsed" and self.markup[-1].span.end == pos:
                pos = self.markup.pop().span.start
            self._add_markup("unparsed", pos, end)
            return end
        if isinstance(node, Text):
            return self.text_node(node.value, pos, mode, scan=not isinstance(node, _Unparsed))
        if isinstance(node, Wikilink):
            return self.wikilink(node, pos, depth, mode)
        if isinstance(node, TemplateNode):
            return self.template(node, pos, depth, mode)
        if isinstance(node, Tag):
            return self.tag(node, pos, depth, mode)
        if isinstance(node, ExternalLink):
            return self.external_link(node, pos, depth, mode)
        if isinstance(node, HeadingNode):
            return self.heading(node, pos, depth, mode)
        if isinstance(node, Comment):
            end = pos + len(str(node))
            self._add_markup("comment", pos, end)
            self.nobreak.append(Span(pos, end))
            self.hidden.append(Span(pos, end))
            self._unit(mode, "comment", pos, end)
            if mode.structural:
                self.opaque.append(Span(pos, end))
            return end
        if isinstance(node, HTMLEntity):
            end = pos + len(str(node))
            self._unit(mode, "text", pos, end)
            return end
        if isinstance(node, Argument):
            end = pos + 3
            end = self.walk(node.name, end, depth + 1, mode.but(prose=False, structural=False, in_template=True))
            if node.default is not None:
                end = self.walk(node.default, end + 1, depth + 1, mode.but(prose=False, structural=False, in_template=True))
            end += 3
            self._unit(mode, "template", pos, end)
            return end
        # an unknown node type: measure it and keep it as plain text
        return self.text_node(str(node), pos, mode, scan=False)

    def text_node(self, value: str, pos: int, mode: _Mode, scan: bool = True) -> int:
        end = pos + len(value)
        if mode.prose:
            self._mark(pos, end)
        if mode.structural:
            # one unit per line, so that a line's units can be found by where they start
            start = pos
            for piece in value.split("\n"):
                if piece:
                    self.units.append(_Unit("text", Span(start, start + len(piece))))
                start += len(piece) + 1
        if scan and not mode.literal and _SCANNED.search(value):
            opened = value.find("<!--")
            if opened != -1:
                # an unclosed comment hides the rest of the page in MediaWiki (see parse_wikitext)
                if self.unclosed_comment is None:
                    self.unclosed_comment = pos + opened
                value = value[:opened]
            if "<" in value:
                self._scan_refs(value, pos, mode)
            for m in _STRAY.finditer(value):
                s, e = pos + m.start(), pos + m.end()
                tok = m.group()
                kind = (
                    "stray-open" if tok[0] == "[" else
                    "stray-close" if tok[0] == "]" else
                    "magic-word" if tok[0] == "_" else
                    "template-leftover"
                )
                self._add_markup(kind, s, e)
                self._mark(s, e, 0)
        return end

    def _scan_refs(self, value: str, pos: int, mode: _Mode) -> None:
        """``<ref>`` that mwparserfromhell left as text: unclosed refs, and stray ``</ref>``."""
        for m in _REF_OPEN.finditer(value):
            s, e = pos + m.start(), pos + m.end()
            self._mark(s, e, 0)
            if m.group(1):  # <ref name="x"/> left as text: a marker with unreadable attributes
                name, group, ok = _read_raw_attrs(m.group()[4:-2])
                self.refs.append(_RefTag(Span(s, e), Span(s, e), name, group, False, True, "", Span(e, e),
                                         mode.listed_group is not None, _group_of(mode.listed_group)))
                continue
            # an unclosed <ref …>: what a reader sees after it, to the line's end (or the next <ref)
            stop = pos + len(value)
            nxt = _REF_OPEN.search(value, m.end())
            if nxt is not None:
                stop = pos + nxt.start()
            line_end = self.text.find("\n", e, stop)
            line_end = stop if line_end == -1 else line_end
            name, group, ok = _read_raw_attrs(m.group()[4:-1])
            content = self.text[e:line_end]
            self.refs.append(_RefTag(Span(s, e), Span(s, e), name, group, ok, False, content, Span(e, line_end),
                                     mode.listed_group is not None, _group_of(mode.listed_group), closed=False))
            self._add_markup("unclosed-ref", s, e)
        for m in _REF_CLOSE.finditer(value):
            s, e = pos + m.start(), pos + m.end()
            self._mark(s, e, 0)
            self._add_markup("stray-ref-close", s, e)  # not "stray-close": that kind is ]]

    def heading(self, node: HeadingNode, pos: int, depth: int, mode: _Mode) -> int:
        level = node.level
        start = pos + level
        end_title = self.walk(node.title, start, depth + 1, mode.but(structural=False))
        end = end_title + level
        raw = self.text[start:end_title]
        lstrip = len(raw) - len(raw.lstrip(_WS))
        rstrip = len(raw) - len(raw.rstrip(_WS))
        t0, t1 = start + lstrip, max(start + lstrip, end_title - rstrip)
        if mode.structural and not mode.in_ref and not mode.in_template:
            self.headings.append((level, self.text[t0:t1], Span(pos, end), Span(t0, t1)))
        self._unit(mode, "heading", pos, end)
        return end

    # -- links ---------------------------------------------------------------------------------
    def wikilink(self, node: Wikilink, pos: int, depth: int, mode: _Mode) -> int:
        title_start = pos + 2
        title_end = self.walk(node.title, title_start, depth + 1, mode.but(prose=False, structural=False))
        raw_title = self.src[title_start:title_end]
        kind, form, lead = self._link_kind(raw_title)
        # the target as written: trimmed, without the leading colon and without the fragment
        shown_end = title_start + len(raw_title.rstrip(_WS))
        t0 = title_start + (len(raw_title) - len(raw_title.lstrip(_WS)))
        if lead:
            t0 += 1
            while t0 < title_end and self.text[t0] in _WS:
                t0 += 1
        t1 = max(t0, shown_end)
        written = self.text[t0:t1]
        fragment = None
        if "#" in written:
            hash_at = written.index("#")
            fragment = written[hash_at + 1:].strip(_WS)
            t1 = t0 + len(written[:hash_at].rstrip(_WS))
            written = self.text[t0:t1]
        visible = kind in ("internal", "external") or (kind == "interlanguage" and lead)
        text = text_span = None
        end = title_end
        if node.text is not None:
            text_start = title_end + 1
            if kind == "file":
                end, caption = self._file_text(node.text, text_start, depth, mode)
                if caption is not None:
                    text, text_span = self.text[caption[0]:caption[1]], Span(*caption)
            else:
                end = self.walk(node.text, text_start, depth + 1, mode.but(prose=visible and mode.prose, structural=False))
                raw_text = self.text[text_start:end]
                if visible and raw_text.strip(_WS):
                    s0 = text_start + (len(raw_text) - len(raw_text.lstrip(_WS)))
                    s1 = text_start + len(raw_text.rstrip(_WS))
                    text, text_span = self.text[s0:s1], Span(s0, s1)
        if text is None and visible and mode.prose:
            # [[X]] (and the pipe trick [[X|]]) shows its target
            self._mark(t0, shown_end)
        end += 2
        self.links.append(
            Link(kind=kind, target=written, fragment=fragment, text=text, span=Span(pos, end),
                 text_span=text_span, target_span=Span(t0, t1), form=form, raw_target=raw_title.strip(_WS))
        )
        unit_kind = "link" if visible else kind
        self._unit(mode, unit_kind, pos, end)
        self.nobreak.append(Span(pos, end))
        if mode.structural:
            self.opaque.append(Span(pos, end))
        return end

    def _file_text(self, code: Wikicode, start: int, depth: int, mode: _Mode) -> tuple[int, tuple[int, int] | None]:
        """The options and caption of ``[[File:…|…]]``: only the caption is prose."""
        end = start + len(str(code))
        caption = _file_caption(self.text, start, end)
        c0, c1 = caption if caption is not None else (end, end)
        hidden = mode.but(prose=False, structural=False)
        shown = mode.but(structural=False)
        cur = start
        for child in code.nodes:
            if isinstance(child, Text):
                nxt = self.text_node(child.value, cur, hidden)
                if mode.prose:
                    self._mark(max(cur, c0), min(nxt, c1))
            else:
                length = len(str(child))
                inside = c0 <= cur and cur + length <= c1
                nxt = self.node(child, cur, depth + 1, shown if inside else hidden)
            cur = nxt
        return cur, caption

    def _link_kind(self, raw_title: str) -> tuple[str, str, bool]:
        """(kind, form, leading colon) of a ``[[…]]`` title."""
        title = raw_title.strip(_WS)
        lead = title.startswith(":")
        if lead:
            title = title[1:].lstrip(_WS)
        if ":" in title:
            prefix = title.split(":", 1)[0].strip(_WS).replace("_", " ").lower()
            if not lead and prefix in FILE_NAMESPACES:
                return "file", "wikilink", lead
            if not lead and prefix in CATEGORY_NAMESPACES:
                return "category", "wikilink", lead
            if prefix in LANGUAGE_CODES:
                return "interlanguage", "wikilink", lead
            if prefix == OWN_LANGUAGE:
                return "internal", "wikilink", lead
            if prefix in INTERWIKI_PREFIXES:
                return "external", "interwiki", lead
        return "internal", "wikilink", lead

    def external_link(self, node: ExternalLink, pos: int, depth: int, mode: _Mode) -> int:
        sub = mode.but(prose=False, structural=False)
        if not node.brackets:
            end = self.walk(node.url, pos, depth + 1, sub)
            url = self.text[pos:end]
            self.links.append(Link("external", url, None, None, Span(pos, end), None, Span(pos, end), "url", raw_target=url))
            self.hidden.append(Span(pos, end))
            self._unit(mode, "link", pos, end)
            if mode.structural:
                self.opaque.append(Span(pos, end))
            return end
        u0 = pos + 1
        u1 = self.walk(node.url, u0, depth + 1, sub)
        end = u1
        text = text_span = None
        if node.title is not None:
            t0 = u1 + (0 if node.suppress_space else 1)
            end = self.walk(node.title, t0, depth + 1, mode.but(structural=False))
            raw = self.text[t0:end]
            if raw.strip(_WS):
                s0 = t0 + (len(raw) - len(raw.lstrip(_WS)))
                s1 = t0 + len(raw.rstrip(_WS))
                text, text_span = self.text[s0:s1], Span(s0, s1)
        end += 1
        url = self.text[u0:u1]
        self.hidden.append(Span(u0, u1))
        self.nobreak.append(Span(pos, end))
        self.links.append(Link("external", url, None, text, Span(pos, end), text_span, Span(u0, u1), "url", raw_target=url))
        self._unit(mode, "link", pos, end)
        if mode.structural:
            self.opaque.append(Span(pos, end))
        return end

    # -- templates -----------------------------------------------------------------------------
    def template(self, node: TemplateNode, pos: int, depth: int, mode: _Mode) -> int:
        hidden = mode.but(prose=False, structural=False, in_template=True)
        cur = self.walk(node.name, pos + 2, depth + 1, hidden)
        name = self.src[pos + 2:cur].strip(_WS)
        key = _norm(name)
        for prefix in ("template:", "模板:", "样板:", "樣板:"):
            if key.startswith(prefix):
                key = key[len(prefix):].strip()
        prose_keys = _prose_params(key, node)
        lists: str | None = None  # the group this template lists ("" = default), None if it lists none
        if key in _REFLIST_TEMPLATES:
            lists = _REFLIST_TEMPLATES[key] or ""
            if node.has("group"):
                lists = node.get("group").value.strip_code().strip(_WS + "\"'") or lists
        params: list[tuple[str, str]] = []
        param_spans: list[tuple[str, Span]] = []
        positional = 0
        for param in node.params:
            cur += 1  # the "|"
            if param.showkey:
                k0 = cur
                cur = self.walk(param.name, cur, depth + 1, hidden)
                pname = self.src[k0:cur].strip(_WS)
                cur += 1  # "="
            else:
                # mwparserfromhell names an unnamed parameter by its number among the unnamed
                positional += 1
                pname = str(positional)
            v0 = cur
            vmode = mode.but(
                prose=mode.prose and pname in prose_keys,
                structural=False,
                in_ref=mode.in_ref or key in _NOTE_TEMPLATES,
                in_template=True,
            )
            if lists is not None and pname == "refs":
                vmode = vmode.but(listed_group=lists)
            cur = self.walk(param.value, cur, depth + 1, vmode)
            raw = self.text[v0:cur]
            s0 = v0 + (len(raw) - len(raw.lstrip(_WS)))
            s1 = max(s0, v0 + len(raw.rstrip(_WS)))
            params.append((pname, self.text[s0:s1]))
            param_spans.append((pname, Span(s0, s1)))
        end = cur + 2
        span = Span(pos, end)
        self.templates.append(Template(name=name, params=tuple(params), span=span, param_spans=tuple(param_spans)))
        if _EXEMPT_TEMPLATE.match(key):
            self.exempt.append(span)
        if lists is not None:
            self.reference_lists.append((lists or None, span))
        if key in _NOTE_TEMPLATES:
            self._note_template(node, key, span, params, param_spans, mode)
        elif key == "r" and mode.listed_group is None:
            self._r_template(span, params, mode)
        unit = "quote" if key in _QUOTE_TEMPLATES else "reflist" if lists is not None else "template"
        if unit != "quote":
            self.nobreak.append(span)
        self._unit(mode, unit, pos, end, key)
        if mode.structural:
            self.opaque.append(span)
        return end

    def _note_template(self, node, key, span, params, param_spans, mode) -> None:
        """``{{efn|…}}`` / ``{{NoteTag|…}}``: an explanatory footnote, defined and cited in place."""
        content = content_span = None
        name = None
        group = _NOTE_TEMPLATES[key]
        for (pname, value), (_, vspan) in zip(params, param_spans):
            if pname in ("1", "text", "content") and content is None:
                content, content_span = value, vspan
            elif pname == "name":
                name = value.strip("\"'") or None
            elif pname == "group":
                group = value.strip("\"'") or group
        if content is None:
            # {{efn|name=x}} cites the note named x; with neither name nor text it is an empty note
            content, content_span = "", Span(span.end - 2, span.end - 2)
        self.refs.append(_RefTag(span, span, name, group, True, content == "" and name is not None, content, content_span,
                                 mode.listed_group is not None, _group_of(mode.listed_group)))

    def _r_template(self, span: Span, params: list[tuple[str, str]], mode: _Mode) -> None:
        """``{{r|a|b}}``: citations of the refs named a and b."""
        group = next((v.strip("\"'") or None for k, v in params if k == "group"), None)
        for key, value in params:
            if key.isdigit() and value.strip(_WS):
                self.refs.append(_RefTag(span, span, value.strip(_WS + "\"'"), group, True, True, "", Span(span.end, span.end),
                                         False, None))

    # -- tags ----------------------------------------------------------------------------------
    def tag(self, node: Tag, pos: int, depth: int, mode: _Mode) -> int:
        tagname = _norm(str(node.tag))
        hidden = mode.but(prose=False, structural=False)
        if node.wiki_markup:
            cur = pos + len(node.wiki_markup)
        else:
            cur = pos + (2 if node.invalid else 1)
            cur = self.walk(node.tag, cur, depth + 1, hidden)
        for attr in node.attributes:
            cur += len(attr.pad_first)
            cur = self.walk(attr.name, cur, depth + 1, hidden)
            cur += len(attr.pad_before_eq)
            if attr.value is not None:
                cur += 1 + len(attr.pad_after_eq)
                if attr.quotes:
                    cur += len(attr.quotes)
                cur = self.walk(attr.value, cur, depth + 1, hidden)
                if attr.quotes:
                    cur += len(attr.quotes)
        if node.wiki_markup:
            cur += len(node.padding or "") + len(node.wiki_style_separator or "")
            open_end = cur
            if node.self_closing:
                end = cur
                close_start = end
            else:
                content_mode = self._content_mode(tagname, node, mode)
                cur = self.walk(node.contents, cur, depth + 1, content_mode)
                close_start = cur
                end = cur + len(node.closing_wiki_markup or "")
            self._wiki_markup_tag(node, tagname, pos, end, mode)
            return end
        # an HTML or extension tag
        if node.self_closing:
            cur += len(node.padding) + (1 if node.implicit else 2)
            end = open_end = close_start = cur
        else:
            cur += len(node.padding) + 1
            open_end = cur
            content_mode = self._content_mode(tagname, node, mode)
            cur = self.walk(node.contents, cur, depth + 1, content_mode)
            close_start = cur
            cur += 2
            cur = self.walk(node.closing_tag, cur, depth + 1, hidden)
            end = cur + 1
        span = Span(pos, end)
        if tagname == "ref" or tagname in _HIDDEN_TAGS and tagname != "gallery":
            self.nobreak.append(span)
        if tagname == "ref":
            self._ref_tag(node, span, Span(pos, open_end), Span(open_end, close_start), mode)
            self._unit(mode, "ref", pos, end)
        elif tagname == "references":
            group = _attr(node, "group")
            self.reference_lists.append((group or None, span))
            self._unit(mode, "reflist", pos, end)
        elif tagname == "gallery" and not node.self_closing:
            self._gallery(open_end, close_start, depth, mode)
            self._unit(mode, "other", pos, end)
        else:
            if tagname in _EXEMPT_TAGS:
                self.exempt.append(span)
                self._add_markup(tagname if tagname in ("math", "code", "nowiki", "pre") else "exempt-tag", pos, end)
                self._mark(pos, end, 0)
            else:
                self._add_markup("html-tag", pos, open_end)
                if close_start < end:
                    self._add_markup("html-tag", close_start, end)
            unit = "quote" if tagname in _QUOTE_TAGS else "tag"
            if tagname in _CONTAINER_TAGS and mode.structural:
                # the contents were laid out as units of their own
                pass
            else:
                self._unit(mode, unit, pos, end, tagname)
        if mode.structural and not (tagname in _CONTAINER_TAGS):
            self.opaque.append(span)
        return end

    def _content_mode(self, tagname: str, node: Tag, mode: _Mode) -> _Mode:
        if tagname == "ref":
            return mode.but(prose=False, structural=False, in_ref=True)
        if tagname == "references":
            return mode.but(prose=False, structural=False, listed_group=_attr(node, "group"))
        if tagname in _EXEMPT_TAGS:
            return mode.but(prose=False, structural=False, literal=True)
        if tagname in _HIDDEN_TAGS:
            return mode.but(prose=False, structural=False)
        if tagname in ("table", "tr", "td", "th", "caption"):
            return mode.but(structural=False)
        # bold and italics close at the line's end in MediaWiki, but mwparserfromhell lets them
        # run on (an unclosed comment inside, say): lay their lines out like the top level
        structural = mode.structural and (tagname in _CONTAINER_TAGS or (bool(node.wiki_markup) and tagname in ("b", "i")))
        return mode.but(structural=structural)

    def _wiki_markup_tag(self, node: Tag, tagname: str, pos: int, end: int, mode: _Mode) -> None:
        wm = node.wiki_markup
        if tagname in ("td", "th", "caption"):
            self.cells.append(pos)
        if tagname == "table":
            self._unit(mode, "table", pos, end)
            if mode.structural:
                self.opaque.append(Span(pos, end))
        elif wm and wm[0] in "*#:;" and tagname in ("li", "dt", "dd"):
            self._unit(mode, "list", pos, end)
        elif tagname in ("b", "i"):
            self._unit(mode, "text", pos, end)
        elif tagname == "hr":
            self._unit(mode, "other", pos, end)
        else:
            self._unit(mode, "tag", pos, end)

    def _ref_tag(self, node: Tag, span: Span, open_span: Span, content_span: Span, mode: _Mode) -> None:
        name, group, ok = _ref_attrs(node)
        if not ok:
            self._add_markup("malformed-ref", open_span.start, open_span.end)
        content = self.text[content_span.start:content_span.end] if not node.self_closing else ""
        listed = mode.listed_group is not None
        self.refs.append(
            _RefTag(span, open_span, name, group, ok, node.self_closing, content,
                    content_span if not node.self_closing else Span(span.end, span.end), listed, _group_of(mode.listed_group))
        )

    def _gallery(self, start: int, end: int, depth: int, mode: _Mode) -> None:
        """``<gallery>`` lines: ``File:X.jpg|caption`` (the namespace may be left out)."""
        pos = start
        for line in self.text[start:end].split("\n"):
            line_start, pos = pos, pos + len(line) + 1
            if not line.strip(_WS):
                continue
            target_raw, _, rest = line.partition("|")
            lead_ws = len(target_raw) - len(target_raw.lstrip(_WS))
            t0 = line_start + lead_ws
            t1 = line_start + len(target_raw.rstrip(_WS))
            if t1 <= t0 or not _GALLERY_FILE.match(self.text, t0, t1):
                continue
            text = text_span = None
            if rest:
                rest_start = line_start + len(target_raw) + 1
                caption = _file_caption(self.text, rest_start, line_start + len(line))
                if caption is not None:
                    c0, c1 = caption
                    text, text_span = self.text[c0:c1], Span(c0, c1)
                    self._walk_fragment(self.text[c0:c1], c0, depth, mode.but(structural=False, literal=False))
            target = self.text[t0:t1]
            self.links.append(Link("file", target, None, text, Span(t0, line_start + len(line)), text_span, Span(t0, t1), "gallery", raw_target=target))

    def _walk_fragment(self, fragment: str, pos: int, depth: int, mode: _Mode) -> None:
        try:
            code = parse(fragment)
        except RecursionError:  # pragma: no cover - defensive
            self.text_node(fragment, pos, mode, scan=False)
            return
        self.walk(code, pos, depth + 1, mode)
