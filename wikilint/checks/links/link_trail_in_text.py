"""LK005 ``link-trail-in-text``: a link written out as text in the exported form."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _covers
from wikilint.document.model import Document, Link, Span
from wikilint.engine.data import FamilyIndex, rule_data
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation
from wikilint.zh.titles import fold


_ESCAPABLE = set("\\`*_{}[]()#+-.!<>|\"'~^$@&")


def _word_suffixes(tables: list[tuple[object, dict]]) -> frozenset[str]:
    return frozenset(s for _path, table in tables for s in table.get("suffixes", ()))


#: ``rules/links``: suffixes that make one word with a link target (国家 + 家), built once and kept
#: on disk; a project's own rules folder without ``links/`` uses the packaged one
WORD_SUFFIXES = FamilyIndex("links", _word_suffixes, code=(Path(__file__),), fallback=True)


def _raw_visible(raw: str) -> tuple[str, list[int]]:
    """Markdown link text without its escapes, and for each visible character its offset in ``raw``."""
    out, where = [], []
    i = 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw) and raw[i + 1] in _ESCAPABLE:
            i += 1
            ch = raw[i]
        elif ch == "\n":  # a hard-wrapped link text: the line break reads as a space
            ch = " "
        out.append(ch)
        where.append(i)
        i += 1
    return "".join(out), where


class LinkTrailInText(Rule):
    """Exported link text that swallowed the characters following the link.

    What it does: in the exported-markdown form, reports internal links whose text is their
    target followed by more letters (``[當勞·特朗普與](…/當勞·特朗普)``), comparing after
    script folding and unescaping; the fix moves the extra characters out of the link.
    Why is this bad? The conversion applied MediaWiki's link trail to Chinese and pulled the
    following words into the link: readers see "特朗普與" linked to 特朗普, and the link text no
    longer says what it leads to.  Piped links whose text simply differs are not reported,
    nor is a target followed by a suffix that makes one word with it (`[槍支](…/槍)`,
    `[理论物理学家](…/理论物理学)`; the suffixes are data in `rules/links/`).
    Example: `[當勞·特朗普與](https://zh.wikipedia.org/wiki/當勞·特朗普 "wikilink")`
    Use instead: `[當勞·特朗普](https://zh.wikipedia.org/wiki/當勞·特朗普 "wikilink")與`
    """

    code, name, family, severity = "LK005", "link-trail-in-text", FAMILY, Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if doc.format != "markdown":
            return
        suffixes = rule_data(ctx).index(WORD_SUFFIXES)
        for link in doc.links:
            if link.kind != "internal" or link.text_span is None or not link.target.strip():
                continue
            split = self._split(doc, link)
            if split is None:
                continue
            extra = Span(split, link.text_span.end).slice(doc.text)
            shown_extra = _raw_visible(extra)[0]
            if not shown_extra or not all(ch.isalpha() for ch in shown_extra):
                continue  # 北京（中國）, 2019年…: a piped text, not a swallowed trail
            if shown_extra in suffixes:
                continue  # 槍支, 理论物理学家: one word that still names the target (rules/links)
            if ctx.titles is not None and _covers(ctx.titles, link.text) and ctx.titles.exists(link.text.strip()):
                continue  # the whole text is a page (a redirect): a deliberate piped link
            # MediaWiki's trail takes every letter that follows a link: when a letter still follows,
            # the trail did not end here, and the text may be a deliberate piped text ([[美国|美国人]]在)
            after = doc.text[link.span.end : link.span.end + 1]
            fix = Fix(
                f"move {shown_extra} out of the link",
                (Edit(Span(split, link.text_span.end), ""), Edit(Span(link.span.end, link.span.end), extra)),
                safe=not after.isalpha(),
            )
            yield Violation(
                link.text_span,
                f"link text swallowed {shown_extra!r} after its target {link.target}: move it out of the link",
                fix=fix,
            )

    @staticmethod
    def _split(doc: Document, link: Link) -> int | None:
        """Offset in the text where the part matching the target ends, or None."""
        assert link.text_span is not None
        raw = link.text_span.slice(doc.text)
        target = fold(link.target.replace("_", " ")).strip()
        if not target:
            return None
        # a conversion span at the start that shows the target in some variant: -{zh-cn:…;zh-tw:CNN}-
        for conv in doc.conversions:
            if conv.span.start == link.text_span.start and conv.span.end < link.text_span.end:
                shown = [v for _, v in conv.variants] or [conv.inner_span.slice(doc.text)]
                if any(fold(v.replace("_", " ")).strip().casefold() == target.casefold() for v in shown):
                    return conv.span.end
                return None
        visible, where = _raw_visible(raw)
        folded = fold(visible.replace("_", " "))
        if len(folded) <= len(target):
            return None
        head = folded[: len(target)]
        if head != target and not (head[:1].casefold() == target[:1].casefold() and head[1:] == target[1:]):
            return None
        return link.text_span.start + where[len(target)]
