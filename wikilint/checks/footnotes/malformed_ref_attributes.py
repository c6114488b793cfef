"""FN008 ``malformed-ref-attributes``: a ref tag whose attributes MediaWiki cannot read, and how a ref's opening tag is read."""

from __future__ import annotations

import re
from typing import Iterator

from wikilint.checks.footnotes.index import FAMILY, _COMMENT, _is_tag_ref, footnote_index, opening_tag
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Rule, Severity, Violation


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
