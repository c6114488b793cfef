"""The wikitext front-end: raw MediaWiki wikitext (zh-wiki flavoured) → ``Document``.

mwparserfromhell round-trips exactly but its nodes carry no offsets, so the front-end walks the
tree once with a cursor: every node's children are laid out in the order ``str(node)`` writes
them, so the cursor advances by structure and only leaves (text, comments, entities) are
measured.  Everything a rule needs is collected in that one walk: links, footnotes, templates,
markup leftovers, exempt spans and the prose mask.  Lines, blocks, sentences, sections and the
zh-specific scans (``-{…}-``, 《…》/「…」) are built from what the walk found.

Depth is guarded twice: mwparserfromhell's own builder can overflow the Python stack on some
inputs (``"{{{" * 3000``), in which case the text is parsed paragraph by paragraph and anything
that still fails is kept as plain text; and the walk itself treats nodes nested deeper than
``MAX_DEPTH`` as plain text.
"""

from __future__ import annotations

import bisect
import gc
import re
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

import mwparserfromhell
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

from wikilint.document.model import (
    Block,
    Document,
    FootnoteDef,
    FootnoteMarker,
    Link,
    Markup,
    Sentence,
    Span,
    Template,
)
from wikilint.formats.common import (
    ENTITY_REF,
    HARD_BREAK_KINDS,
    Heading,
    SentenceBounds,
    escaped_refs,
    build_sections,
    section_locator,
    find_conversions,
    find_quotes,
    is_references_title,
    merge_spans,
    split_sentences,
)

__all__ = ["parse_wikitext", "MAX_DEPTH"]

#: nodes nested deeper than this are treated as plain text (mwparserfromhell itself stops near 100)
MAX_DEPTH = 40

# -- vocabulary ---------------------------------------------------------------------------------

FILE_NAMESPACES = frozenset(
    ns.lower()
    for ns in ("File", "Image", "Media", "文件", "檔案", "档案", "图像", "圖像", "影像", "媒体", "媒體", "媒体文件")
)
CATEGORY_NAMESPACES = frozenset(ns.lower() for ns in ("Category", "分类", "分類", "类别", "類別"))

#: Wikipedia language editions: ``[[en:X]]`` is an interlanguage link, ``[[:en:X]]`` an inline one
LANGUAGE_CODES = frozenset(
    """
    aa ab ace ady af ak als alt am ami an ang anp ar arc ary arz as ast atj av avk awa ay az azb
    ba ban bar bat-smg bcl be be-tarask be-x-old bg bh bi bjn blk bm bn bo bpy br bs bug bxr ca
    cbk-zam cdo ce ceb ch cho chr chy ckb co cr crh cs csb cu cv cy da dag de din diq dsb dty dv
    dz ee el eml en eo es et eu ext fa fat ff fi fiu-vro fj fo fon fr frp frr fur fy ga gag gan
    gcr gd gl glk gn gom gor got gpe gu guc gur guw gv ha hak haw he hi hif ho hr hsb ht hu hy
    hyw hz ia id ie ig ii ik ilo inh io is it iu ja jam jbo jv ka kaa kab kbd kbp kcg kg ki kj
    kk kl km kn ko koi kr krc ks ksh ku kv kw ky la lad lb lbe lez lfn lg li lij lld lmo ln lo
    lrc lt ltg lv lzh mad mai map-bms mdf mg mh mhr mi min mk ml mn mni mnw mr mrj ms mt mus mwl
    my myv mzn na nah nap nds nds-nl ne new ng nia nl nn no nov nqo nrm nso nv ny oc olo om or
    os pa pag pam pap pcd pcm pdc pfl pi pih pl pms pnb pnt ps pt pwn qu rm rmy rn ro roa-rup
    roa-tara ru rue rw sa sah sat sc scn sco sd se sg sh shi shn si simple sk skr sl sm smn sn
    so sq sr srn ss st stq su sv sw szl szy ta tay tcy te tet tg th ti tk tl tly tn to tpi tr
    trv ts tt tum tw ty tyv udm ug uk ur uz ve vec vep vi vls vo wa war wo wuu xal xh xmf yi yo
    yue za zea zgh zh-classical zh-min-nan zh-yue zu
    """.split()
)
#: the wiki's own prefix: on zh-wiki, [[zh:X]] is a link to X here
OWN_LANGUAGE = "zh"
#: sister projects and other interwiki prefixes: links that leave zh-wiki
INTERWIKI_PREFIXES = frozenset(
    """
    wikt wiktionary commons c s wikisource q wikiquote b wikibooks n wikinews v wikiversity
    voy wikivoyage d wikidata m meta mw mediawikiwiki species wikispecies foundation wmf phab
    phabricator google doi rfc imdbtitle
    """.split()
)

#: file-link options that are not the caption
_IMAGE_OPTION = re.compile(
    r"""^\s*(?:
        thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|baseline|
        sub|super|top|text-top|middle|bottom|text-bottom|upright(?:\s*=?\s*[\d.]+)?|
        缩略图|縮圖|缩图|略缩图|有框|无框|無框|边框|邊框|左|右|居中|无|無|
        \d*(?:x\d+)?\s*(?:px|像素)|
        (?:link|alt|page|class|lang|upright|thumbtime|start|end|loop|muted|链接|連結|替代|替代文本)\s*=.*
    )\s*$""",
    re.X | re.I | re.S,
)

#: tags whose contents a reader does not see as running text of the article
_HIDDEN_TAGS = frozenset(
    """
    ref references math chem ce code nowiki pre syntaxhighlight source score timeline graph hiero
    templatedata imagemap includeonly categorytree mapframe maplink inputbox section indicator
    charinsert gallery templatestyles tt kbd samp var
    """.split()
)
#: tags whose contents the language rules must not look at (the whole element is exempt)
_EXEMPT_TAGS = frozenset("math chem ce code nowiki pre syntaxhighlight source score timeline hiero tt kbd samp var".split())
#: tags whose contents are laid out in lines and paragraphs like the top level
_CONTAINER_TAGS = frozenset("div center span font small big p section".split())
#: tags whose lines are verse or quoted text: one block, a sentence per line
_QUOTE_TAGS = frozenset(("blockquote", "poem"))

#: templates whose whole span is exempt (foreign-language text, conversion tables)
_EXEMPT_TEMPLATE = re.compile(
    r"^(?:lang(?:-[\w-]+)?|noteta|notetag-?ta|transl|transliteration|ipa(?:-[\w-]+)?|ipac-[\w-]+"
    r"|code|codett|tt|kbd|samp|mono|var|param|tag|key press|mvar|math)$", re.I)
#: what a code-like template holds is the code's own text: brackets there are not link markup
_LITERAL_MARKUP = frozenset(("stray-open", "stray-close", "template-leftover", "magic-word"))
#: templates that carry visible text: name → parameter keys whose value is prose
#: (a tuple of alternatives: the first key present wins)
_TEXT_TEMPLATES: dict[str, tuple[tuple[str, ...], ...]] = {}
_QUOTE_TEMPLATES = frozenset(("quote", "quotation", "blockquote", "cquote", "quote box", "引文", "引言"))
for _names, _keys in (
    (("nowrap", "nobr", "small", "小", "big", "大", "smaller", "larger", "nihongo", "unicode", "僻字", "abbr", "sic"), (("1",),)),
    (("resize", "color", "colour", "颜色", "顏色", "font color"), (("2",),)),
    (tuple(f"link-{lang}" for lang in "en ja de fr es ru ko it pt vi nl pl sv ar th id ms tr uk fa he".split()) + ("le",), (("3", "1"),)),
    (("tsl", "translink"), (("4", "3"),)),
    (tuple(_QUOTE_TEMPLATES), (("text", "quote", "1"),)),
):
    for _name in _names:
        _TEXT_TEMPLATES[_name] = _keys

#: ``{{reflist}}`` and friends: template name → the group it lists by default
_REFLIST_TEMPLATES: dict[str, str | None] = {
    name: None
    for name in ("reflist", "references", "refs", "ref list", "reference list", "參考資料", "参考资料",
                 "參考文獻", "参考文献", "reflist-talk", "注释", "注釋", "脚注", "腳註", "來源", "来源")
}
_REFLIST_TEMPLATES.update({"notelist": "lower-alpha", "notelist-la": "lower-alpha", "efn-list": "lower-alpha",
                           "notegf": "noteGT", "refgf": "refGT",
                           "notefoot": "NoteTag", "notelist-ua": "upper-alpha", "notelist-lr": "lower-roman"})
#: ``{{efn|…}}`` and friends: explanatory footnotes written as templates → their group
_NOTE_TEMPLATES: dict[str, str | None] = {"efn": "lower-alpha", "efn-la": "lower-alpha", "efn-ua": "upper-alpha",
                                          "efn-lr": "lower-roman", "notegt": "noteGT", "refgt": "refGT", "#tag:ref": None,
                                          "notetag": "NoteTag", "refn": None}

#: section titles of the references section (compared without spaces, case-folded); a title made
#: of several of these joined by 與/与/和/及/、/and is one too ("注釋與參考資料")
_REF_OPEN = re.compile(r"<ref(?=[\s>/])[^<>]*?(/?)>", re.I)
_REF_CLOSE = re.compile(r"</ref\s*>", re.I)
_GALLERY_FILE = re.compile(r"(?:[^:|\[\]{}<>\n]+:)?[^|\[\]{}<>\n]+\.[A-Za-z0-9]{2,5}$")
_STRAY = re.compile(r"\[\[+|\]\]+|\{\{+|\}\}+|__[A-Z]+__")
_EMPTY_PARENS = re.compile(r"（[，,、;；\s]*）|\([,，、;；\s]*\)")

_WS = " \t\r\n\u3000"


def _norm(name: str) -> str:
    """A template or tag name for comparison: no comments, trimmed, ``_`` as space, case-folded."""
    if "<!--" in name:
        name = re.sub(r"<!--.*?(?:-->|$)", "", name, flags=re.S)
    return " ".join(name.replace("_", " ").split()).casefold()


# -- the walk -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mode:
    prose: bool = True  # text here is running text a reader sees
    structural: bool = True  # newlines here separate lines and blocks
    literal: bool = False  # contents are literal (nowiki, pre, math…): no leftover scan
    in_ref: bool = False
    #: inside <references>…</references> or refs=: the list's group ("" for the default group)
    listed_group: str | None = None
    in_template: bool = False

    def but(self, **changes) -> "_Mode":
        # a handful of distinct modes are derived again for every node: remember them
        key = (self, *sorted(changes.items()))
        mode = _MODES.get(key)
        if mode is None:
            mode = _MODES[key] = replace(self, **changes)
        return mode


_MODES: dict[tuple, _Mode] = {}




@dataclass
class _Unit:
    """A node laid out on the page (top level, or inside a container tag)."""

    kind: str  # text, heading, table, list, link, category, file, template, ref, comment, tag, other
    span: Span
    name: str = ""


@dataclass
class _RefTag:
    span: Span
    open_span: Span
    name: str | None
    group: str | None
    attrs_ok: bool
    self_closing: bool
    content: str
    content_span: Span
    listed: bool
    listed_group: str | None
    closed: bool = True


class _Walker:
    def __init__(self, text: str) -> None:
        self.text = text
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
        if scan and not mode.literal and value:
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
        raw_title = str(node.title)
        kind, form, lead = self._link_kind(raw_title)
        title_end = self.walk(node.title, title_start, depth + 1, mode.but(prose=False, structural=False))
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
        name_raw = str(node.name)
        name = name_raw.strip(_WS)
        key = _norm(name)
        for prefix in ("template:", "模板:", "样板:", "樣板:"):
            if key.startswith(prefix):
                key = key[len(prefix):].strip()
        hidden = mode.but(prose=False, structural=False, in_template=True)
        cur = self.walk(node.name, pos + 2, depth + 1, hidden)
        prose_keys = _prose_params(key, node)
        lists: str | None = None  # the group this template lists ("" = default), None if it lists none
        if key in _REFLIST_TEMPLATES:
            lists = _REFLIST_TEMPLATES[key] or ""
            if node.has("group"):
                lists = node.get("group").value.strip_code().strip(_WS + "\"'") or lists
        params: list[tuple[str, str]] = []
        param_spans: list[tuple[str, Span]] = []
        for param in node.params:
            cur += 1  # the "|"
            if param.showkey:
                cur = self.walk(param.name, cur, depth + 1, hidden)
                cur += 1  # "="
                pname = str(param.name).strip(_WS)
            else:
                pname = str(param.name).strip(_WS)
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
            code = mwparserfromhell.parse(fragment)
        except RecursionError:  # pragma: no cover - defensive
            self.text_node(fragment, pos, mode, scan=False)
            return
        self.walk(code, pos, depth + 1, mode)


def _group_of(listed_group: str | None) -> str | None:
    return listed_group or None


def _prose_params(key: str, node: TemplateNode) -> frozenset[str]:
    spec = _TEXT_TEMPLATES.get(key)
    if not spec:
        return frozenset()
    names = {str(p.name).strip(_WS) for p in node.params}
    chosen = set()
    for alternatives in spec:
        for k in alternatives:
            if k in names:
                chosen.add(k)
                break
    return frozenset(chosen)


def _file_caption(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The caption of a file link's ``|``-separated options: the last part that is not an option."""
    # split at top-level "|" (not inside nested [[…]] or {{…}})
    parts = []
    depth_sq = depth_br = 0
    seg = start
    i = start
    while i < end:
        two = text[i:i + 2]
        if two == "[[":
            depth_sq += 1
            i += 2
            continue
        if two == "]]" and depth_sq:
            depth_sq -= 1
            i += 2
            continue
        if two == "{{":
            depth_br += 1
            i += 2
            continue
        if two == "}}" and depth_br:
            depth_br -= 1
            i += 2
            continue
        if text[i] == "|" and not depth_sq and not depth_br:
            parts.append((seg, i))
            seg = i + 1
        i += 1
    parts.append((seg, end))
    for s, e in reversed(parts):
        piece = text[s:e]
        if not piece.strip(_WS):
            continue
        if _IMAGE_OPTION.match(piece):
            return None
        s2 = s + (len(piece) - len(piece.lstrip(_WS)))
        e2 = s + len(piece.rstrip(_WS))
        return s2, e2
    return None


_RAW_ATTR = re.compile(r"""\s*([^\s=]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]*))?""")


def _read_raw_attrs(raw: str) -> tuple[str | None, str | None, bool]:
    """Attributes of a ``<ref …>`` that was left as text: a best effort at name and group."""
    name = group = None
    ok = True
    for m in _RAW_ATTR.finditer(raw):
        if not m.group(1):
            continue
        key = m.group(1).lower()
        value = (m.group(2) or "").strip("\"'")
        if key == "name":
            name = value or None
        elif key == "group":
            group = value or None
        else:
            ok = False
    return name, group, ok


_REF_ATTR_NAMES = frozenset(("name", "group", "follow", "details", "extends", "dir"))


def _ref_attrs(node: Tag) -> tuple[str | None, str | None, bool]:
    """name, group and whether the attributes read cleanly (no stray quotes, no unknown names)."""
    name = group = None
    ok = True
    for attr in node.attributes:
        key = str(attr.name).strip(_WS).lower()
        value = str(attr.value).strip(_WS) if attr.value is not None else None
        if key not in _REF_ATTR_NAMES or value is None:
            ok = False
        if value is not None and ('"' in value or "'" in value) and not attr.quotes:
            ok = False
        if value is not None and attr.quotes and attr.quotes in value:
            ok = False
        salvaged = value.strip("\"'" + _WS) if value is not None else None
        if key == "name":
            if not salvaged and value is not None and attr.quotes:
                ok = False  # name="" names nothing
            name = salvaged or name
        elif key == "group":
            group = salvaged or None
    return name, group, ok


def _attr(node: Tag, key: str) -> str:
    for attr in node.attributes:
        if str(attr.name).strip(_WS).lower() == key and attr.value is not None:
            return str(attr.value).strip(_WS + "\"'")
    return ""


# -- parsing with a guard ----------------------------------------------------------------------


#: more unclosed openers of one kind than this and mwparserfromhell is not given the text at all:
#: its tokenizer backtracks on every unclosed ``{{a|``, ``<ref>``, ``<div>``, ``[http…`` and takes
#: time quadratic in their number (8000 × ``{{a|``: 15 s; 30000 × ``<ref>``: 25 s).  No article
#: leaves a hundred of them open in one paragraph.
MAX_UNCLOSED = 100

_VOID_TAGS = "br|hr|wbr|img|references|ref|source|meta|link|col|area|base|input|param|track|embed"
_HTML_OPEN = re.compile(r"<(?!(?:%s)\b)[A-Za-z][A-Za-z0-9]*\b[^<>]*(?<!/)>" % _VOID_TAGS, re.I)
_HTML_CLOSE = re.compile(r"</(?!(?:%s)\b)[A-Za-z]" % _VOID_TAGS, re.I)
_REF_TAG_OPEN = re.compile(r"<ref\b[^<>]*(?<!/)>", re.I)
_EXT_OPEN = re.compile(r"\[(?:https?:|ftp:|//)", re.I)


def _unclosed(text: str) -> int:
    """A cheap bound on how many openers of one kind the text leaves unclosed."""
    count = text.count
    return max(
        count("{{") - count("}}"),
        count("[[") - count("]]"),
        count("<!--") - count("-->"),
        len(_REF_TAG_OPEN.findall(text)) - len(_REF_CLOSE.findall(text)),
        len(_HTML_OPEN.findall(text)) - len(_HTML_CLOSE.findall(text)),
        len(_EXT_OPEN.findall(text)) - (count("]") - 2 * count("]]")),
    )


class _Unparsed(Text):
    """Text mwparserfromhell was not given (or could not build): kept as plain text, unscanned."""

    __slots__ = ()


#: a tree nested deeper than this is not walked: ``str()`` of a node recurses through every level
#: below it, and 300 nested templates (which the tokenizer accepts) overflow the Python stack
MAX_TREE_DEPTH = 120


def _too_deep(code: Wikicode) -> bool:
    """Whether the tree nests deeper than ``MAX_TREE_DEPTH``, found without recursion."""
    stack = [(code, 0)]
    while stack:
        code, depth = stack.pop()
        if depth > MAX_TREE_DEPTH:
            return True
        for node in code.nodes:
            if isinstance(node, (Text, Comment, HTMLEntity)):
                continue
            stack.extend((child, depth + 1) for child in node.__children__())
    return False


def _parse_piece(piece: str, checked: bool) -> list | None:
    """The nodes of ``piece``, or None when it cannot be parsed safely (see ``_parse_guarded``)."""
    if _unclosed(piece) > MAX_UNCLOSED:
        return None
    try:
        code = mwparserfromhell.parse(piece)
    except RecursionError:
        return None
    if checked and _too_deep(code):
        return None
    return code.nodes


def _parse_guarded(text: str, checked: bool = False) -> tuple[Wikicode, list[Span]]:
    """mwparserfromhell's parse, guarded.

    Text that leaves too many openers unclosed, or on which the parser's builder overflows the
    stack (``"{{{" * 3000``), is parsed paragraph by paragraph, a paragraph like that line by line,
    and a line that is itself like that is kept as plain text.  With ``checked`` (after the walk
    of the whole tree overflowed the stack), a piece whose tree nests deeper than
    ``MAX_TREE_DEPTH`` counts as such a piece too.  Returns the tree and the spans kept as plain text."""
    if not checked and _unclosed(text) <= MAX_UNCLOSED:
        try:
            return mwparserfromhell.parse(text), []
        except RecursionError:
            pass
    nodes = []
    unparsed = []
    pos = 0
    for chunk in re.split(r"(?<=\n\n)", text):
        if not chunk:
            continue
        parsed = _parse_piece(chunk, checked)
        if parsed is not None:
            nodes.extend(parsed)
            pos += len(chunk)
            continue
        for line in chunk.splitlines(keepends=True):
            parsed = _parse_piece(line, checked) if "\n" in chunk.rstrip("\n") else None
            if parsed is None or (not line.strip() and unparsed and unparsed[-1].end == pos):
                if unparsed and unparsed[-1].end == pos:
                    nodes[-1] = _Unparsed(str(nodes[-1]) + line)
                    unparsed[-1] = Span(unparsed[-1].start, pos + len(line))
                else:
                    nodes.append(_Unparsed(line))
                    unparsed.append(Span(pos, pos + len(line)))
            else:
                nodes.extend(parsed)
            pos += len(line)
    return Wikicode(nodes), unparsed


# -- lines, blocks, sentences, sections -------------------------------------------------------


def _lines(text: str, opaque: list[Span]) -> list[tuple[int, int]]:
    """Lines of the page: newlines inside templates, refs, tables, links and comments do not count."""
    merged = merge_spans(opaque)
    starts = [sp.start for sp in merged]
    lines = []
    start = 0
    pos = text.find("\n")
    while pos != -1:
        k = bisect.bisect_right(starts, pos) - 1
        if k >= 0 and pos < merged[k].end:
            pos = text.find("\n", merged[k].end)
            continue
        lines.append((start, pos))
        start = pos + 1
        pos = text.find("\n", start)
    lines.append((start, len(text)))
    return lines


class _WikitextSentences(SentenceBounds):
    """What ends a sentence in wikitext, for ``common.split_sentences``: a terminator or a newline
    inside a ``<ref>``, a template or a comment does not, the refs right after a terminator belong to
    the sentence they source, a table cell starts a new one, and a sentence neither starts nor ends
    with markup (html tags, comments, magic words, list and table syntax) and holds some prose."""

    def __init__(
        self, text: str, prose: bytearray, markers: list[Span], nobreak: list[Span], cells: list[int], skip: list[Span]
    ) -> None:
        self.text = text
        #: markup a sentence neither starts nor ends with (html tags, comments, magic words)
        self.skip_at = {sp.start: sp.end for sp in skip}
        self.skip_to = {sp.end: sp.start for sp in skip}
        self.prose = prose
        self.markers = {m.start: m.end for m in markers}
        self.nobreak = merge_spans(nobreak)
        self.nobreak_starts = [sp.start for sp in self.nobreak]
        self.cells = sorted(cells)
        self.table = False  # whether the block being split is a table (its cells start sentences)

    def terminator_ends(self, pos: int) -> bool:
        return bool(self.prose[pos])

    def line_end_ends(self, pos: int) -> bool:
        k = bisect.bisect_right(self.nobreak_starts, pos) - 1
        return not (k >= 0 and pos < self.nobreak[k].end)

    def attach(self, pos: int, end: int) -> int:
        while pos in self.markers and self.markers[pos] <= end:
            pos = self.markers[pos]
        return pos

    def starts(self, span: Span) -> list[int]:
        if not self.table:
            return []
        k = bisect.bisect_left(self.cells, span.start)
        out = []
        while k < len(self.cells) and self.cells[k] < span.end:
            out.append(self.cells[k])
            k += 1
        return out

    def split(self, span: Span, kind: str, block: int) -> tuple[Sentence, ...]:
        self.table = kind == "table"
        return tuple(Sentence(s, block) for s in split_sentences(self.text, span, kind in HARD_BREAK_KINDS, self))

    def trim(self, text: str, start: int, end: int) -> Span | None:
        prose = self.prose
        while start < end:
            if text[start].isspace() or (text[start] in "|!*#:;-" and not prose[start]):
                start += 1
            elif start in self.skip_at and self.skip_at[start] <= end and prose.find(1, start, self.skip_at[start]) == -1:
                start = self.skip_at[start]
            else:
                break
        while end > start:
            if text[end - 1].isspace():
                end -= 1
            elif end in self.skip_to and self.skip_to[end] >= start and prose.find(1, self.skip_to[end], end) == -1:
                end = self.skip_to[end]
            else:
                break
        return Span(start, end) if end > start and prose.find(1, start, end) != -1 else None


def _footnotes(refs: list[_RefTag]) -> tuple[list[FootnoteDef], list[FootnoteMarker]]:
    """Definitions and markers from the ref tags, in text order.

    An unnamed ref is labelled ``#n``: the number a reader sees, counted per group over the
    distinct footnotes in order of first citation.  Every ``<ref>…</ref>`` is a definition (and a
    marker), even an empty one such as ``<ref name="x"></ref>``; the footnote rules decide when
    such a ref merely reuses x.  A marker's ``definition`` is the first definition of its name
    that has content, else its own.
    """
    defs: list[FootnoteDef] = []
    cited: list[tuple[int, _RefTag, str]] = []
    numbers: dict[str | None, int] = {}
    seen: set[tuple[str | None, str]] = set()
    first_def: dict[tuple[str | None, str], int] = {}
    for ref in sorted(refs, key=lambda r: r.span.start):
        group = ref.group if ref.group is not None else ref.listed_group
        if ref.name is None:
            numbers[group] = numbers.get(group, 0) + 1
            label = f"#{numbers[group]}"
        else:
            label = ref.name
            if not ref.listed and (group, ref.name) not in seen:
                seen.add((group, ref.name))
                numbers[group] = numbers.get(group, 0) + 1
        # every <ref>…</ref> is a definition, even an empty one: whether <ref name="x"></ref> merely
        # reuses x is the footnote rules' call (FootnoteIndex), not the front-end's
        # a self-closing ref inside a references list defines nothing: MediaWiki's cite error for
        # a list-defined ref without content, so it is an (empty) definition, not lost
        has_content = not ref.self_closing or ref.listed
        index = -1
        if has_content:
            index = len(defs)
            defs.append(
                FootnoteDef(label=label, content=ref.content, content_span=ref.content_span, span=ref.span,
                            kind="listed" if ref.listed else "inline", name=ref.name, group=group,
                            attrs_ok=ref.attrs_ok, closed=ref.closed)
            )
            if ref.name is not None and (not ref.closed or ref.content.strip(_WS)):
                first_def.setdefault((group, ref.name), index)
        if not ref.listed:
            cited.append((index, ref, label))
    markers = []
    for index, ref, label in cited:
        if ref.name is not None:
            index = first_def.get((ref.group, ref.name), index)
        markers.append(FootnoteMarker(label=label, span=ref.span, group=ref.group, definition=index if index >= 0 else None))
    return defs, markers


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


def _content_start(text: str, prose: bytearray, start: int, end: int, kind: str) -> int:
    """Where a block's content begins: after a list item's ``*#:;`` and the spaces after it."""
    if kind == "list_item":
        while start < end and text[start] in "*#:; \t" and not prose[start]:
            start += 1
    return start


#: above this size the cyclic garbage collector is paused while parsing: mwparserfromhell's tree
#: of a long article is millions of objects (none in cycles), and gen-2 collections walking them
#: over and over make parsing superlinear (a 2 MB article: 4.9 s with, 2.5 s without)
_GC_PAUSE_ABOVE = 200_000


def parse_wikitext(text: str, path: str) -> Document:
    """Parse MediaWiki wikitext into the document model."""
    if len(text) <= _GC_PAUSE_ABOVE or not gc.isenabled():
        return _parse_checked(text, path)
    gc.disable()
    try:
        return _parse_checked(text, path)
    finally:
        gc.enable()


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


def _parse_wikitext(text: str, path: str, checked: bool = False) -> Document:
    code, unparsed = _parse_guarded(_blank_comments_in_ref_tags(text), checked)
    walker = _Walker(text)
    for span in unparsed:
        walker.markup.append(Markup("unparsed", span, span.slice(text)))
    pos = 0
    top = _Mode()
    for node in code.nodes:
        start = pos
        pos = walker.node(node, pos, 0, top)
        expected = start + len(str(node))
        if pos != expected:  # pragma: no cover - a walker bug must not shift every later span
            pos = expected
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
    marker_spans = sorted(m.span for m in markers)
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
                            key=lambda m: (m.span, m.kind))),
        exempt=exempt,
        prose=bytes(prose),
        references_span=references_span,
        reference_lists=tuple(sorted(walker.reference_lists, key=lambda r: r[1].start)),
    )


def _strip_comments(s: str) -> str:
    return re.sub(r"<!--.*?(?:-->|$)", "", s, flags=re.S)
