"""The ``footnotes`` family: empty footnotes and broken references, in both input formats.

A footnote marker that leads nowhere, or to nothing, tells a reader a claim is sourced when it
is not.  The rules read ``doc.footnote_markers`` / ``doc.footnote_defs`` (filled by the
front-ends), ``doc.reference_lists``, ``doc.templates`` and ``doc.markup``.

How markers and definitions meet (``FootnoteIndex``): a marker with a ``definition`` index
points at that definition; otherwise marker and definition share a key ``(group, label)``,
where a definition's label is its ref ``name`` when it has one.  In the markdown export the
labels are the numbers (``\\[3\\]`` ↔ ``3.``); in wikitext they are ref names or ``#<n>``.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from wikilint.document.model import Document, FootnoteDef, FootnoteMarker, Span, Template
from wikilint.engine.data import CitationTemplate, rule_data
from wikilint.engine.rule import RELATED_LIMIT, Context, Edit, Fix, Rule, Severity, Violation

FAMILY = "footnotes"

Key = tuple  # (group or None, label)


# -- shared reading of the footnote model -----------------------------------------------------------


def _group(group: str | None) -> str | None:
    group = (group or "").strip().strip("\"'").strip()
    return group or None


def def_key(note: FootnoteDef) -> Key:
    return (_group(note.group), note.name or note.label)


def marker_key(marker: FootnoteMarker) -> Key:
    return (_group(marker.group), marker.label)


_ENTITY = re.compile(r"&(?:nbsp|#160|#x[aA]0|ensp|emsp|thinsp|zwsp|#8203);")
_COMMENT = re.compile(r"<!--.*?(?:-->|$)", re.S)


def carries_text(content: str) -> bool:
    """True when ``content`` holds something besides whitespace, punctuation, symbols, comments.

    The seed's footnote 86 is a lone ``"``: that is no source.  Letters, digits and ideographs
    (categories L*, N*, M*) count as text.
    """
    content = _COMMENT.sub("", _ENTITY.sub(" ", content))
    return any(unicodedata.category(ch)[0] in "LNM" for ch in content)


def opening_tag(note: FootnoteDef) -> Span:
    """The span of a wikitext ref's opening tag (``<ref name="x">``), or the whole definition."""
    if note.kind != "list" and note.span.start < note.content_span.start <= note.span.end:
        return Span(note.span.start, note.content_span.start)
    return note.span


@dataclass
class FootnoteIndex:
    """Which markers cite which definitions, computed once per document.

    A marker resolves to its ``definition`` index, or else to the first definition with its key;
    it then cites every definition sharing that key, except the ref whose own tag it is (a
    wikitext ``<ref>…</ref>`` is both a marker and a definition).
    """

    defs_by_key: dict[Key, list[int]]
    markers_by_key: dict[Key, list[int]]
    #: per marker: the index of the definition it resolves to, or None
    marker_def: list[int | None]
    #: per marker: the index of the ref (non-list definition) that starts where it starts, i.e.
    #: whose own tag the marker is, or None
    marker_own_ref: list[int | None]
    #: per definition key: the markers citing a definition with that key, in order.  Kept per key,
    #: not per definition: ten thousand refs sharing one name would otherwise hold ten thousand
    #: copies of the same ten thousand markers
    citing_key: dict[Key, list[int]]
    #: per definition: its key
    def_keys: list[Key]
    #: per definition: how many of the markers citing its key are its own tag (they do not cite it)
    own_cites: dict[int, int]

    @classmethod
    def build(cls, doc: Document) -> "FootnoteIndex":
        defs = doc.footnote_defs
        defs_by_key: dict[Key, list[int]] = {}
        for i, note in enumerate(defs):
            defs_by_key.setdefault(def_key(note), []).append(i)
        tags = sorted((d.span.start, i) for i, d in enumerate(defs) if d.kind != "list")
        tag_starts = [start for start, _ in tags]
        markers_by_key: dict[Key, list[int]] = {}
        marker_def: list[int | None] = []
        marker_own_ref: list[int | None] = []
        citing_key: dict[Key, list[int]] = {}
        for j, marker in enumerate(doc.footnote_markers):
            key = marker_key(marker)
            markers_by_key.setdefault(key, []).append(j)
            if marker.definition is not None and 0 <= marker.definition < len(defs):
                target = marker.definition
            else:
                target = defs_by_key.get(key, [None])[0]
            marker_def.append(target)
            inside = None
            k = bisect.bisect_left(tag_starts, marker.span.start)
            if k < len(tags) and tags[k][0] == marker.span.start:
                inside = tags[k][1]
            marker_own_ref.append(inside)
            if target is not None:
                citing_key.setdefault(def_key(defs[target]), []).append(j)
        def_keys = [def_key(d) for d in defs]
        own_cites: dict[int, int] = {}
        for j, own in enumerate(marker_own_ref):
            target = marker_def[j]
            if own is not None and target is not None and def_keys[target] == def_keys[own]:
                own_cites[own] = own_cites.get(own, 0) + 1
        return cls(defs_by_key, markers_by_key, marker_def, marker_own_ref, citing_key, def_keys, own_cites)

    def _citing(self, index: int) -> Iterator[int]:
        """The markers citing definition ``index``: those citing its key, but not its own tag."""
        for j in self.citing_key.get(self.def_keys[index], ()):
            if self.marker_own_ref[j] != index:
                yield j

    def citations(self, doc: Document, index: int, limit: int | None = None) -> tuple[Span, ...]:
        """Spans of the markers that cite definition ``index`` (the first ``limit`` of them)."""
        return tuple(doc.footnote_markers[j].span for j in itertools.islice(self._citing(index), limit))

    def citation_count(self, index: int) -> int:
        return len(self.citing_key.get(self.def_keys[index], ())) - self.own_cites.get(index, 0)

    def key_citations(self, doc: Document, key: Key, limit: int | None = None) -> tuple[Span, ...]:
        """Spans of the markers citing any definition with ``key`` (a marker that is one of them
        cites the others)."""
        members = self.defs_by_key.get(key, ())
        alone = members[0] if len(members) == 1 else None
        citing = (j for j in self.citing_key.get(key, ()) if alone is None or self.marker_own_ref[j] != alone)
        return tuple(doc.footnote_markers[j].span for j in itertools.islice(citing, limit))

    def is_cited(self, index: int) -> bool:
        return self.citation_count(index) > 0


def footnote_index(doc: Document) -> FootnoteIndex:
    """The document's FootnoteIndex, built on first use and kept while the document lives."""
    return doc.derived("footnotes", lambda: FootnoteIndex.build(doc))


def describe(label: str, group: str | None = None, numbered: bool = False) -> str:
    """How a message names a footnote: ``footnote 86``, ``ref "cnbc"``, ``ref #3`` (+ group)."""
    if numbered or (label.isdigit() and group is None):
        name = f"footnote {label}"
    elif label.startswith("#"):
        name = f"ref {label}"
    else:
        name = f'ref "{label}"'
    if _group(group):
        name += f' (group "{_group(group)}")'
    return name


def describe_def(note: FootnoteDef) -> str:
    return describe(note.name or note.label, note.group, numbered=note.kind == "list")


def _is_tag_ref(note: FootnoteDef) -> bool:
    return note.kind in ("inline", "listed")


# -- citation templates -------------------------------------------------------------------------------


#: ``{{http://…|publisher=…}}``: a citation whose author forgot ``cite web |url=``
_URL_NAME = re.compile(r"(?:https?:)?//|www\.", re.I)


def citation_has_source(template: Template, meaning: CitationTemplate) -> bool:
    """Whether one of the parameters that make this citation followable is filled (a positional
    parameter counts under its number, as MediaWiki numbers them: ``{{cite gnis|123|Name}}``)."""
    return any(key.strip().lower() in meaning.source and value.strip() for key, value in template.params)


def sole_template(doc: Document, note: FootnoteDef) -> Template | None:
    """The template that makes up the whole of a definition's content, if one does."""
    text = note.content_span.slice(doc.text)
    stripped = text.strip()
    if not stripped:
        return None
    start = note.content_span.start + (len(text) - len(text.lstrip()))
    end = start + len(stripped)
    for template in doc.templates:
        if template.span.start == start and template.span.end == end:
            return template
    return None


# -- the rules -----------------------------------------------------------------------------------------


def _unsourced(claims: int) -> str:
    if claims == 0:
        return "it names no source, and nothing cites it"
    if claims == 1:
        return "the claim citing it has no source"
    return f"the {claims} claims citing it have no source"


class EmptyFootnote(Rule):
    """Footnote definition with no source: empty, or only punctuation or a stray quote.

    What it does: reports a footnote definition whose content is empty or holds nothing but
    whitespace, punctuation, quotes or symbols (a markdown list entry such as `12.` or `86. "`,
    a wikitext `<ref></ref>` or `<ref> </ref>`).  The finding sits on the definition and lists
    the markers that cite it as related ranges.  A named wikitext ref with empty content that
    reuses a ref of the same name defined elsewhere is not empty, except inside
    `<references>…</references>`, where MediaWiki requires the content.
    Why is this bad? The marker tells the reader the claim is sourced when nothing backs it.
    Example: `會談在河內舉行\\[1\\]。` … `1.`
    Use instead: `會談在河內舉行\\[1\\]。` … `1.  <https://example.org/news/1>`
    """

    code, name, family, severity = "FN001", "empty-footnote", FAMILY, Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        reported: set[Key] = set()
        for i, note in enumerate(doc.footnote_defs):
            if not note.closed or carries_text(note.content):
                continue
            fix, why = None, None
            if note.kind == "inline":
                key = def_key(note)
                if key in reported:
                    continue
                siblings = index.defs_by_key.get(key, [i])
                if any(carries_text(doc.footnote_defs[k].content) for k in siblings):
                    continue  # <ref name="x"></ref> reusing x: not a definition of its own
                reported.add(key)
                related = index.key_citations(doc, key)
                related += tuple(doc.footnote_defs[k].span for k in siblings if k != i)
                claims = len(related)
                if note.name is None and not related:
                    fix = Fix("remove the empty <ref></ref>", (Edit(note.span, ""),), safe=False)
            else:
                related, claims = index.citations(doc, i, RELATED_LIMIT), index.citation_count(i)
                if note.kind == "listed":  # MediaWiki: a ref defined in <references> must have content
                    why = "a ref defined in the references list must hold the source"
            why = why or _unsourced(claims)
            yield Violation(note.span, f"{describe_def(note)} is empty: {why}", related=related, fix=fix,
                            more_related=claims - len(related) if note.kind != "inline" else 0)


class EmptyCitationTemplate(Rule):
    """Ref whose only content is a citation template with neither url nor title.

    What it does: reports a ref whose whole content is a citation template (`{{cite web}}`,
    `{{cite news}}`, `{{引用新聞}}` …) that gives no url, no title and no identifier (doi, isbn …).
    Which templates are citations, and which of their parameters (named or unnamed, as in
    `{{cite gnis|id|name}}`) give the source, is data in `rules/templates/`; a template not
    listed there is never reported, since many build their citation from their own parameters.
    A ref holding a URL written as a template name (`{{http://…|…}}`) is reported too.
    Why is this bad? Such a citation renders as an error or as nothing a reader can follow.
    Example: `<ref>{{cite web |date=2019-02-27}}</ref>`
    Use instead: `<ref>{{cite web |url=https://example.org/a |title=會談 |date=2019-02-27}}</ref>`
    """

    code, name, family, severity = "FN002", "empty-citation-template", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        table = None
        for i, note in enumerate(doc.footnote_defs):
            if not note.closed:
                continue
            template = sole_template(doc, note)
            if template is None:
                continue
            if _URL_NAME.match(template.name.strip()):
                yield Violation(
                    note.span,
                    f"{describe_def(note)} holds a URL written as a template name ({{{{{template.name.strip()[:40]}…}}}}): "
                    "it shows as a red link, not a citation; write {{cite web |url=…}}",
                    related=index.citations(doc, i, RELATED_LIMIT),
                    more_related=max(0, index.citation_count(i) - RELATED_LIMIT),
                )
                continue
            table = table or rule_data(ctx).templates()
            meaning = table.citation(template.name)
            if meaning is None or citation_has_source(template, meaning):
                continue
            yield Violation(
                note.span,
                f"{describe_def(note)} holds only {{{{{template.name.strip()}}}}} with neither url nor title",
                related=index.citations(doc, i, RELATED_LIMIT),
                more_related=max(0, index.citation_count(i) - RELATED_LIMIT),
            )


class UndefinedFootnote(Rule):
    """Footnote marker with no definition.

    What it does: reports a marker that no definition answers: a markdown `\\[7\\]` with no
    entry 7 in the footnote list, or a wikitext `<ref name="x"/>` with no ref named x (in the
    same group) anywhere in the article, which MediaWiki shows as a cite error.  One finding per
    footnote, on its first marker; the other markers are related ranges.  A tag whose attributes
    cannot be read is left to FN008.
    Why is this bad? The reader follows the marker and finds nothing.
    Example: `<ref name="cnbc"/>` with no `<ref name="cnbc">…</ref>` in the article
    Use instead: `<ref name="cnbc">{{cite news |url=https://www.cnbc.com/… |title=…}}</ref>`
    """

    code, name, family, severity = "FN003", "undefined-footnote", FAMILY, Severity.ERROR
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        seen: set[Key] = set()
        for j, marker in enumerate(doc.footnote_markers):
            if index.marker_def[j] is not None or index.marker_own_ref[j] is not None:
                continue
            if ref_attribute_problem(marker.span.slice(doc.text)):
                continue  # the name is a guess: FN008 reports the tag
            key = marker_key(marker)
            if key in seen:
                continue
            seen.add(key)
            others = tuple(
                doc.footnote_markers[k].span
                for k in index.markers_by_key.get(key, ())
                if k != j and index.marker_def[k] is None
            )
            if marker.label.startswith("#"):
                message = "<ref /> with neither a name nor content: MediaWiki shows a cite error"
            elif marker.label.isdigit() and _group(marker.group) is None:
                message = f"footnote marker [{marker.label}] has no definition"
            else:
                message = f"{describe(marker.label, marker.group)} is cited but no ref defines it"
            yield Violation(marker.span, message, related=others)


class UnusedFootnote(Rule):
    """Footnote definition that no marker cites.

    What it does: reports an entry of the markdown footnote list that no `\\[n\\]` marker cites,
    or a ref defined inside `<references>…</references>` that no `<ref name="…"/>` uses
    (MediaWiki shows a cite error for it).  Markdown lists that no marker cites at all are left
    alone: they are likely ordinary lists, and so are empty entries: FN001 reports those.
    Why is this bad? The source is shown but tied to no claim, or the claim lost its marker.
    Example: `正文。` … `1.  <https://example.org>`
    Use instead: `正文\\[1\\]。` … `1.  <https://example.org>`
    """

    code, name, family, severity = "FN004", "unused-footnote", FAMILY, Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        listed = [i for i, d in enumerate(doc.footnote_defs) if d.kind == "list"]
        any_list_cited = any(index.is_cited(i) for i in listed)
        for i, note in enumerate(doc.footnote_defs):
            if note.kind == "inline" or index.is_cited(i):
                continue
            if note.closed and not carries_text(note.content):
                continue  # empty as well as uncited: one finding, FN001's
            if note.kind == "list" and not any_list_cited:
                continue
            where = "in the references list " if note.kind == "listed" else ""
            yield Violation(note.span, f"{describe_def(note)} is defined {where}but never cited")


class FootnoteNumbering(Rule):
    """Footnote list with a gap, a repeated number or a number out of order.

    What it does: reads the numbers of the markdown footnote list in order and reports the entry
    after a gap (`4.` followed by `7.`), an entry whose number was already used, and an entry
    whose number is lower than the one before it.
    Why is this bad? The numbers are the only link between markers and sources: a gap or a
    repeat means sources were lost or markers point at the wrong one.
    Example: `1.  <https://a.example>` / `3.  <https://c.example>`
    Use instead: `1.  <https://a.example>` / `2.  <https://c.example>`
    """

    code, name, family, severity = "FN005", "footnote-numbering", FAMILY, Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        first_at: dict[int, Span] = {}
        previous: int | None = None
        for note in doc.footnote_defs:
            if note.kind != "list" or not note.label.isdigit():
                continue
            number = int(note.label)
            if number in first_at:
                yield Violation(note.span, f"footnote {number} is numbered twice", related=(first_at[number],))
            elif previous is None and number > 1:
                missing = "1" if number == 2 else f"1–{number - 1}"
                yield Violation(note.span, f"footnote list starts at {number}: {missing} missing")
            elif previous is not None and number > previous + 1:
                missing = str(previous + 1) if number == previous + 2 else f"{previous + 1}–{number - 1}"
                yield Violation(note.span, f"footnote numbering jumps from {previous} to {number}: {missing} missing")
            elif previous is not None and number < previous:
                yield Violation(note.span, f"footnote {number} comes after footnote {previous}")
            first_at.setdefault(number, note.span)
            previous = number if previous is None else max(previous, number)


_REMNANT_NAME = re.compile(r"""\bname\s*=[\s"']*([^\s"'/\\<>=]+)""")


class EscapedRef(Rule):
    """Remnant of broken `<ref>` markup left in the text.

    What it does: reports `<ref>` markup that the conversion escaped into visible text, such as
    `\\<ref name=""cnbc"/\\>` or `\\<ref name="" cnbc"=""\\></ref>`.  The unsafe fix deletes it.
    Why is this bad? Readers see tag soup where a footnote marker should be, and the citation it
    stood for is lost.
    Example: `在河内會面\\<ref name=""cnbc"/\\>。`
    Use instead: `在河内會面\\[2\\]。` (restore the citation), or `在河内會面。`
    """

    code, name, family, severity = "FN006", "escaped-ref", FAMILY, Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for item in doc.markup:
            if item.kind != "escaped-ref":
                continue
            fix = Fix("delete the broken <ref> remnant", (Edit(item.span, ""),), safe=False)
            named = _REMNANT_NAME.search(item.text)
            what = f'<ref> markup for "{named.group(1)}"' if named else "<ref> markup"
            yield Violation(item.span, f"broken {what} shows as text: restore the citation or remove it", fix=fix)


class ConflictingRefDefinitions(Rule):
    """Same ref name defined twice with different content.

    What it does: reports a wikitext ref that gives a name already defined (in the same group)
    with other content.  MediaWiki shows a cite error and keeps only the first.  Whitespace
    differences are ignored; an empty `<ref name="x"></ref>` is a reuse, not a definition.
    Why is this bad? One of the two sources silently disappears from the article.
    Example: `<ref name="a">BBC</ref>` … `<ref name="a">CNN</ref>`
    Use instead: `<ref name="a">BBC</ref>` … `<ref name="b">CNN</ref>`
    """

    code, name, family, severity = "FN007", "conflicting-ref-definitions", FAMILY, Severity.ERROR
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        for key, members in index.defs_by_key.items():
            named = [i for i in members if doc.footnote_defs[i].name and _is_tag_ref(doc.footnote_defs[i])]
            first: FootnoteDef | None = None
            for i in named:
                note = doc.footnote_defs[i]
                if not note.closed or not note.content.strip():
                    continue
                if first is None:
                    first = note
                elif " ".join(note.content.split()) != " ".join(first.content.split()):
                    yield Violation(
                        opening_tag(note),
                        f"{describe_def(note)} is defined again with different content; MediaWiki keeps only the first",
                        related=(first.span,),
                    )


_REF_ATTRS = frozenset({"name", "group", "follow", "extends", "details", "dir"})
_TAG_HEAD = re.compile(r"<\s*ref\b", re.I)
_OPEN_TAG = re.compile(r"""<\s*ref\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.I)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def ref_attribute_problem(tag: str) -> str | None:
    """What is wrong with the attributes of a wikitext ``<ref …>`` / ``<ref …/>`` tag, or None."""
    head = _TAG_HEAD.match(tag)
    if head is None:
        return None
    if "<!--" in tag:  # MediaWiki reads a tag with its comments stripped: <ref group=note<!-- … -->>
        tag = _COMMENT.sub("", tag)
    whole = _OPEN_TAG.match(tag)  # a marker's text can be a whole <ref name="x"></ref>
    tag = whole.group() if whole else tag[: tag.index(">") + 1] if ">" in tag else tag
    body = tag[head.end():]
    body = body[:-2] if body.endswith("/>") else body[:-1] if body.endswith(">") else body
    pos, seen = 0, set()
    while True:
        rest = body[pos:].lstrip()
        if not rest:
            return None
        pos = len(body) - len(rest)
        match = _ATTR.match(body, pos)
        if match is None:
            return f"cannot read {rest.strip()!r}"
        attr = match.group(1).lower()
        value = next((v for v in match.group(2, 3, 4) if v is not None), None)
        if attr not in _REF_ATTRS:
            return f"unknown attribute {match.group(0)!r}"
        if attr in seen:
            return f"attribute {attr!r} given twice"
        seen.add(attr)
        pos = match.end()
        if pos < len(body) and not body[pos].isspace():
            return f"attributes run together at {body[pos:].strip()!r}"
        if attr == "name":
            if value is None or not value.strip():
                return "empty name"
            if value.strip().isdigit():
                return f"name {value.strip()!r} is a plain number, which MediaWiki refuses"


class MalformedRefAttributes(Rule):
    """Ref tag whose attributes MediaWiki cannot read.

    What it does: reports a wikitext `<ref>` tag with stray quotes, an unknown attribute, a
    repeated attribute, an empty name or a name that is a plain number.
    Why is this bad? MediaWiki shows a cite error instead of the footnote, or silently treats the
    ref as a different one.
    Example: `<ref name=""cnbc"/>`
    Use instead: `<ref name="cnbc"/>`
    """

    code, name, family, severity = "FN008", "malformed-ref-attributes", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = footnote_index(doc)
        for note in doc.footnote_defs:
            if not _is_tag_ref(note):
                continue
            tag = opening_tag(note)
            problem = ref_attribute_problem(tag.slice(doc.text))
            if problem is None and not note.attrs_ok:
                problem = "attributes cannot be read"
            if problem:
                yield Violation(tag, f"malformed <ref> attributes: {problem}")
        for j, marker in enumerate(doc.footnote_markers):
            if index.marker_own_ref[j] is not None:
                continue
            problem = ref_attribute_problem(marker.span.slice(doc.text))
            if problem:
                yield Violation(marker.span, f"malformed <ref> attributes: {problem}")


class UnclosedRef(Rule):
    """`<ref>` opened and never closed.

    What it does: reports a wikitext `<ref>` with no matching `</ref>`.
    Why is this bad? MediaWiki swallows the text that follows into the footnote or shows a cite
    error.
    Example: `會談破局<ref>{{cite news |url=https://example.org |title=破局}}。`
    Use instead: `會談破局<ref>{{cite news |url=https://example.org |title=破局}}</ref>。`
    """

    code, name, family, severity = "FN009", "unclosed-ref", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for note in doc.footnote_defs:
            if not note.closed and _is_tag_ref(note):
                yield Violation(opening_tag(note), f"{describe_def(note)} is opened but never closed with </ref>")


class MissingReferencesList(Rule):
    """Refs with no references list to show them.

    What it does: reports, once per group, wikitext refs when the article has no
    `<references />`, `{{reflist}}` (or `{{Reflist}}`, `{{references}}`, `{{參考資料}}` …) for their
    group.  For the default group the finding is a warning (MediaWiki appends a list at the end
    of the page, outside any 參考資料 section); for a named group it is an error.
    Why is this bad? The footnotes end up in no section, or a cite error replaces them.
    Example: `會談破局<ref group="注">說明</ref>。` and no `<references group="注"/>`
    Use instead: `== 注釋 ==` followed by `<references group="注"/>`
    """

    code, name, family, severity = "FN010", "missing-references-list", FAMILY, Severity.ERROR
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if doc.format != "wikitext":
            return  # the markdown export shows its footnotes as a list, never as <references/>
        index = footnote_index(doc)
        by_group: dict[str | None, list[Span]] = {}
        for note in doc.footnote_defs:
            if note.kind == "inline":
                by_group.setdefault(_group(note.group), []).append(opening_tag(note))
        for j, marker in enumerate(doc.footnote_markers):
            if index.marker_own_ref[j] is None:
                by_group.setdefault(_group(marker.group), []).append(marker.span)
        if not by_group:
            return
        shown = {_group(group) for group, _span in doc.reference_lists}
        for group, spans in sorted(by_group.items(), key=lambda item: min(s.start for s in item[1])):
            if group in shown:
                continue
            spans.sort()
            count = f"{len(spans)} refs" if len(spans) > 1 else "1 ref"
            if group is None:
                message = f"{count} but no <references /> or {{{{reflist}}}} to show them"
                severity = Severity.WARNING
            else:
                message = f'{count} in group "{group}" but no <references group="{group}" /> to show them'
                severity = None
            yield Violation(spans[0], message, related=tuple(spans[1:]), severity=severity)


_BARE_URL = re.compile(r"^(?:https?:)?//[^\s\[\]<>]+$|^\[(?:https?:)?//[^\s\[\]<>]+\]$", re.I)


class BareUrlRef(Rule):
    """Ref whose whole content is a bare URL.

    What it does: reports a wikitext ref that holds nothing but a URL (`<ref>https://…</ref>` or
    `<ref>[https://…]</ref>`) and suggests a citation template.
    Why is this bad? A bare URL gives no title, publisher or date, and once the link rots
    nothing is left to find the source again.
    Example: `<ref>https://www.bbc.com/zhongwen/simp/world-47470252</ref>`
    Use instead: `<ref>{{cite web |url=https://www.bbc.com/zhongwen/simp/world-47470252 |title=朝鲜“重建火箭发射场” |publisher=BBC |date=2019-03-06}}</ref>`
    """

    code, name, family, severity = "FN011", "bare-url-ref", FAMILY, Severity.INFO

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for note in doc.footnote_defs:
            if not _is_tag_ref(note) or not note.closed:
                continue
            if _BARE_URL.match(note.content.strip()):
                yield Violation(
                    note.span,
                    f"{describe_def(note)} is a bare URL: use a citation template such as {{{{cite web}}}} with a title",
                )


class RefAfterReferencesList(Rule):
    """Ref placed after the last references list of its group.

    What it does: reports, once per group, wikitext refs that come after the last
    `<references />` / `{{reflist}}` of their group, such as a ref in 外部連結 below 參考資料.
    Why is this bad? MediaWiki cannot show them in that list: they end up in a separate list at
    the very bottom of the page, apart from the other sources.
    Example: `== 參考資料 ==` / `{{reflist}}` / `== 外部連結 ==` / `官方網站<ref>新華社</ref>`
    Use instead: `== 外部連結 ==` / `官方網站` above `== 參考資料 ==` / `{{reflist}}`, or the ref moved into the body
    """

    code, name, family, severity = "FN012", "ref-after-references-list", FAMILY, Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        last_end: dict[str | None, int] = {}
        for group, span in doc.reference_lists:
            last_end[_group(group)] = max(last_end.get(_group(group), 0), span.end)
        late: dict[str | None, list[Span]] = {}
        for note in doc.footnote_defs:
            group = _group(note.group)
            if note.kind == "inline" and group in last_end and note.span.start >= last_end[group]:
                late.setdefault(group, []).append(opening_tag(note))
        for group, spans in late.items():
            count = f"{len(spans)} refs come" if len(spans) > 1 else "1 ref comes"
            if group is None:
                message = f"{count} after the last references list: MediaWiki shows them apart, at the bottom of the page"
            else:
                message = f'{count} after the last references list of group "{group}": that list cannot show them'
            yield Violation(spans[0], message, related=tuple(spans[1:]))
