"""LK007 ``missing-section-anchor``: a link to a section or anchor that is not there, and which anchors a page has."""

from __future__ import annotations

import re
from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _title_key, link_title
from wikilint.checks.templates import TEMPLATES
from wikilint.document.model import Document, Link
from wikilint.engine.data import rule_data
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.zh.titles import anchor_key


def _own_anchor(link: Link) -> bool:
    """``[[#Section]]`` / ``[text](#Section)``: a link to a section of the article itself."""
    if link.kind == "external" and link.target.startswith("#") and link.form in ("url", "html"):
        return True
    return link.kind == "internal" and not link.target.strip() and bool(link.fragment)


def _fragment(link: Link) -> str | None:
    if link.kind == "external" and link.target.startswith("#"):
        return link.target[1:]
    return link.fragment


class MissingSectionAnchor(Rule):
    """Link to a section that the target article (or this article) does not have.

    What it does: reports ``[[#Section]]`` links whose section is not a heading (or anchor) of
    this article (nor an anchor that an ``{{anchor}}`` or a citation's ``ref=`` makes: which
    templates do is data in ``rules/templates/``), and ``[[Title#Section]]`` links whose section is not a heading of the target
    article when the title index holds that article's text (an index built from a folder of
    articles).  Headings are compared after decoding, ``_``→space and script folding.
    Why is this bad? The link still opens the page but not at the place it promises; usually
    the section was renamed and the link was not updated.
    Example: `[會面](https://zh.wikipedia.org/wiki/金正恩访问中国#6月访问 "wikilink")` when that
    article has no heading 6月访问 (1月訪問北京 would match 1月访问北京: scripts are folded)
    Use instead: a fragment that names an existing heading, or an ``{{anchor}}`` on the old name
    """

    code, name, family, severity = "LK007", "missing-section-anchor", FAMILY, Severity.WARNING
    article_wide = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        own: set[str] | None = None
        own_key = _title_key(doc.title) if doc.title else None
        for link in doc.links:
            fragment = _fragment(link)
            if not fragment or not fragment.strip() or "{{" in fragment:
                continue  # none, or one a template builds ({{sfnref|…}}): nothing to compare
            if _own_anchor(link) or (link.kind == "internal" and own_key is not None and _title_key(link_title(link)) == own_key):
                if own is None:
                    own = _own_anchors(doc, ctx)
                if anchor_key(fragment) in own or _made_by_software(fragment) or _has_id(doc, fragment):
                    continue
                yield Violation(link.span, f"this article has no section {fragment!r}")
                continue
            if ctx.titles is None or link.kind != "internal" or not hasattr(ctx.titles, "headings"):
                continue
            title = link_title(link)
            if link.form == "page" and hasattr(ctx.titles, "page_file"):
                title = ctx.titles.page_file(doc.path, link.raw_target) or title
            headings = ctx.titles.headings(title)
            if headings is None or anchor_key(fragment) in headings:
                continue
            yield Violation(link.span, f"{link.target} has no section {fragment!r}")


_ID_ATTR = re.compile(r"""\bid\s*=\s*["']?([^"'>\s]+)""")


def _made_by_software(fragment: str) -> bool:
    """Anchors MediaWiki and citation templates make: cite_note-…, CITEREF…, top, toc."""
    f = fragment.strip()
    return f.startswith(("cite_note", "cite_ref", "CITEREF", "mw-")) or f.lower() in ("top", "toc", "bottom")


def _has_id(doc: Document, fragment: str) -> bool:
    """An ``id`` given anywhere in the article (a table row's ``|- id="x"``, a template's output)."""
    f = fragment.strip().replace(" ", "_")
    g = fragment.strip().replace("_", " ")
    return any(f"id={q}{x}{q}" in doc.text for x in {f, g} for q in ('"', "'", ""))


#: ``ref=harv`` / ``ref=none`` name no anchor of their own (harv makes a CITEREF… one)
_NO_ANCHOR = frozenset(("harv", "none"))


def _own_anchors(doc: Document, ctx: Context) -> set[str]:
    """Headings, ``{{anchor|…}}``s, citations' ``ref=X`` (rules/templates) and HTML ids."""
    from wikilint.links_index import heading_plain

    found = {anchor_key(heading_plain(s.title)) for s in doc.sections if s.title}
    table = rule_data(ctx).index(TEMPLATES) if doc.templates else None
    for template in doc.templates:
        if table.is_anchor(template.name):
            found.update(anchor_key(v) for k, v in template.params if v.strip() and k.isdigit())
            continue
        meaning = table.citation(template.name)
        if meaning is not None and meaning.anchor is not None:
            ref = template.param(meaning.anchor)
            if ref and ref.strip() and ref.strip().lower() not in _NO_ANCHOR:
                found.add(anchor_key(ref.strip()))
    for m in doc.markup:
        if m.kind == "html-tag" and "id" in m.text:
            found.update(anchor_key(x) for x in _ID_ATTR.findall(m.text))
    return found
