"""The ``links`` family: link markup broken in itself, targets that do not exist, overlinking.

The rules read ``doc.links`` (every link of both formats, with its target unescaped and split from
its fragment), ``doc.markup`` (``stray-open`` / ``stray-close`` leftovers), ``doc.sections``,
``doc.category_lines`` and, for existence, ``ctx.titles`` (a ``wikilint.links_index.TitleIndex``;
None when no index was given, and then nothing is said about existence).

Titles are compared the way zh-wiki compares them: normalised (``_``/spaces, percent-encoding,
namespace aliases, first letter) and folded to one script with OpenCC, character by character
(``wikilint.zh.titles``), so 吴秀容 and 吳秀容 are the same page.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import Iterator

from wikilint.document.model import Document, Link, Span
from wikilint.engine.data import rule_data
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation
from wikilint.zh.titles import anchor_key, fold, normalize_title

FAMILY = "links"

#: characters MediaWiki forbids in titles (besides control characters)
_FORBIDDEN = re.compile(r"[<>\[\]{}|\x00-\x1f\x7f\ufffd]")
_WIKI_KINDS = ("internal", "file", "category")
_QUOTED = re.compile(r'"[^"]*"|\'[^\']*\'')

#: file-link options: when the visible text of a file link is only these, the caption is lost
_OPTION_WORDS = frozenset(
    """
    thumb thumbnail frame framed frameless border left right center centre none baseline sub super
    top text-top middle bottom text-bottom upright 缩略图 縮略圖 縮圖 缩图 略缩图 略縮圖 有框 框 无框 無框
    边框 邊框 左 右 居中 中 无 無 图 圖 图片 圖片 fig
    """.split()
)
_SIZE = re.compile(r"\d*(?:x\d+)?\s*(?:px|像素)\Z|upright\s*=?\s*[\d.]*\Z", re.I)
_KEYED_OPTION = re.compile(r"(?:link|alt|page|class|lang|upright|thumbtime|start|end|链接|連結|替代|替代文本)\s*=", re.I)
#: options that display a caption under the image (an inline image has none, and needs none)
_CAPTIONED = frozenset("thumb thumbnail frame framed 缩略图 縮略圖 縮圖 缩图 略缩图 略縮圖 有框 框".split())
_FILE_EXTENSION = re.compile(r"\.(?:jpe?g|png|gif|svg|tiff?|webp|xcf|ogg|ogv|oga|webm|pdf|djvu|mp3|mid|wav|flac|stl)\Z", re.I)

_ESCAPABLE = set("\\`*_{}[]()#+-.!<>|\"'~^$@&")


# -- shared helpers ------------------------------------------------------------------------------


def is_option(word: str) -> bool:
    """True when ``word`` is a file-link option keyword (thumb, 缩略图, 200px, alt=…)."""
    w = word.strip()
    return w.lower() in _OPTION_WORDS or bool(_SIZE.match(w)) or bool(_KEYED_OPTION.match(w))


def _page_name(title: str) -> str:
    """A title or file name reduced for comparison: no namespace, spaces for ``_``, folded."""
    t = normalize_title(title)
    name = t.name if t.ns is not None else title
    return fold(name.replace("_", " ")).strip().casefold()


def _own_anchor(link: Link) -> bool:
    """``[[#Section]]`` / ``[text](#Section)``: a link to a section of the article itself."""
    if link.kind == "external" and link.target.startswith("#") and link.form in ("url", "html"):
        return True
    return link.kind == "internal" and not link.target.strip() and bool(link.fragment)


def _fragment(link: Link) -> str | None:
    if link.kind == "external" and link.target.startswith("#"):
        return link.target[1:]
    return link.fragment


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


def link_title(link: Link) -> str:
    """The page title a wiki link names: for ``https://zh.wikipedia.org/wiki/T?variant=zh-tw`` the
    query is not part of the title (a title's own "?" is written %3F in a URL)."""
    target = link.target
    if link.form == "wiki-url" and "?" in target and "?" in link.raw_target and "%3F" not in link.raw_target.upper():
        target = target.split("?", 1)[0]
    return target


def _title_key(target: str) -> str | None:
    t = normalize_title(target)
    if t.ns is None or not t.name:
        return None
    return t.key


def _covers(index, title) -> bool:
    """Whether the index can answer for ``title`` (any object with ``exists`` will do as an index)."""
    covers = getattr(index, "covers", None)
    return True if covers is None else covers(title)


def _unlink(doc: Document, link: Link) -> Fix | None:
    """Replace a link by the text it shows."""
    if link.text_span is not None:
        shown = link.text_span.slice(doc.text)
    elif link.target_span is not None:
        shown = link.target_span.slice(doc.text)
    else:
        return None
    if not shown.strip():
        return None
    return Fix(f"unlink {shown}", (Edit(link.span, shown),), safe=False)


# -- broken markup -------------------------------------------------------------------------------


class StrayLinkMarkup(Rule):
    """Leftover or unbalanced link brackets (``]]``, ``[[``, exported ``\\]\\]``) in the text.

    What it does: reports ``[[`` without its ``]]`` and ``]]`` without its ``[[`` standing in the
    text, ``[[…]]`` that did not make a link (unconverted wikitext in the export, or a target no
    title can hold), and in the exported-markdown form the escaped ``\\]\\]`` that a broken image
    caption or nested link leaves behind (the front-end records them as ``stray-open`` /
    ``stray-close``).
    Why is this bad? The brackets show to the reader as literal text, and they mark a place
    where a link or an image caption was broken: part of it is usually lost.
    Example: `…與朝鮮勞動黨委員長[金正恩](../Page/金正恩.md "wikilink")在[平壤](../Page/平壤.md "wikilink")會面\\]\\]`
    Use instead: `…與朝鮮勞動黨委員長[金正恩](../Page/金正恩.md "wikilink")在[平壤](../Page/平壤.md "wikilink")會面`
    (and restore the caption's start); the unsafe fix removes a stray closing ``]]``.
    """

    code, name, family, severity = "LK001", "stray-link-markup", FAMILY, Severity.WARNING
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        strays = [m for m in doc.markup if m.kind in ("stray-open", "stray-close")]
        paired: set[int] = set()
        for i, m in enumerate(strays):
            if i in paired:
                continue
            if m.kind == "stray-open":
                close = self._partner(doc, strays, i)
                if close is not None:
                    # "[[…]]" that is no link: unconverted wikitext, or a target no title can hold
                    paired.add(close)
                    span = Span(m.span.start, strays[close].span.end)
                    yield Violation(span, f"link markup that did not make a link: {span.slice(doc.text)}")
                else:
                    yield Violation(m.span, f"unbalanced link markup {m.text}: the link is never closed")
                continue
            yield Violation(
                m.span,
                f"leftover link markup {m.text}: a link or an image caption around here is broken",
                fix=Fix(f"remove {m.text}", (Edit(m.span, ""),), safe=False),
            )

    @staticmethod
    def _partner(doc: Document, strays: list, i: int) -> int | None:
        """The stray close that follows stray open ``i`` on the same line, if any."""
        if i + 1 >= len(strays) or strays[i + 1].kind != "stray-close":
            return None
        start, end = strays[i].span.end, strays[i + 1].span.start
        if end - start > 255 or "\n" in doc.text[start:end]:
            return None
        return i + 1


class MalformedLinkTarget(Rule):
    """Link with an empty target or a target holding characters MediaWiki forbids in titles.

    What it does: reports wiki links whose target is empty (``[[]]``, ``[[|text]]``,
    ``[text]( "wikilink")``, a bare namespace such as ``Category:``) or holds a character no
    title can hold (``< > [ ] { } |``, control characters).
    Why is this bad? Such a link leads nowhere: MediaWiki renders it as plain text or as a
    broken red link, and the reader cannot tell what was meant.
    Example: `[朝鮮半島]( "wikilink")`, `[[|朝鮮半島]]`, `[[Category:]]`
    Use instead: `[朝鮮半島](https://zh.wikipedia.org/wiki/朝鮮半島 "wikilink")`, `[[朝鮮半島]]`, `[[Category:朝鮮半島]]`
    """

    code, name, family, severity = "LK002", "malformed-link-target", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for link in doc.links:
            target = link.target
            if link.form in ("autolink",):
                continue
            if link.kind == "external":
                # [text]( "wikilink"): the front-end reads the lone title as the target
                if not target.strip() or _QUOTED.fullmatch(link.raw_target or target):
                    yield Violation(link.span, "link has an empty target")
                continue
            if link.kind not in _WIKI_KINDS:
                continue
            if not target.strip():
                if link.fragment:  # [[#Section]]: a link to a section of this article
                    continue
                yield Violation(link.span, "link has an empty target")
                continue
            bad = _FORBIDDEN.search(target)
            if bad:
                yield Violation(
                    link.target_span or link.span,
                    f"link target {target!r} holds {bad.group()!r}, which MediaWiki forbids in titles",
                )
                continue
            t = normalize_title(target)
            if t.ns is not None and not t.name:
                yield Violation(link.target_span or link.span, f"link target {target!r} names a namespace but no page")


class LostFileCaption(Rule):
    """Image whose caption was lost: only an option keyword or the file name is left.

    What it does: reports file links whose visible text is nothing but a layout keyword
    (缩略图, 縮圖, thumb, left, 200px …) or the file's own name, and wikitext thumbnails
    (``[[File:X.jpg|thumb]]``) that have no caption at all.
    Why is this bad? The caption tells the reader what the picture shows; a keyword or a file
    name under a picture says nothing, and in the export it stands in the text as a stray word.
    Example: `[缩略图](https://zh.wikipedia.org/wiki/File:Melia_Hanoi_Hotel_02.JPG "fig:缩略图")`
    Use instead: `[河內美利亞酒店](https://zh.wikipedia.org/wiki/File:Melia_Hanoi_Hotel_02.JPG "fig:河內美利亞酒店")`,
    `[[File:Melia_Hanoi_Hotel_02.JPG|thumb|河內美利亞酒店]]`
    """

    code, name, family, severity = "LK003", "lost-file-caption", FAMILY, Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        strays = [m.span.start for m in doc.markup if m.kind == "stray-close"]
        files = [link for link in doc.links if link.kind == "file" and link.form != "gallery"]
        for n, link in enumerate(files):
            if link.form == "wikilink":
                verdict = self._wikitext(doc, link)
            else:
                verdict = self._exported(link)
            if verdict is None:
                continue
            # a caption that survived as text, broken, ends in a stray "]]": LK001 reports that
            block = doc.block_at(link.span.start)
            limit = files[n + 1].span.start if n + 1 < len(files) else len(doc.text)
            if block is not None and any(link.span.end <= s < min(block.span.end, limit) for s in strays):
                continue
            yield Violation(link.text_span or link.span, verdict)

    @staticmethod
    def _exported(link: Link) -> str | None:
        shown = (link.text or "").strip()
        caption = link.title_attr[4:].strip() if link.title_attr and link.title_attr.startswith("fig:") else None
        file_name = _page_name(link.target)
        if caption and not is_option(caption) and _page_name(caption) != file_name:
            return None  # the caption survives in the title attribute
        if not shown or is_option(shown):
            return f"image caption lost: only the layout keyword {shown!r} is left" if shown else "image has no caption"
        if _page_name(shown) == file_name or (_FILE_EXTENSION.search(shown) and not caption):
            return "image caption lost: the file name stands in its place"
        return None

    @staticmethod
    def _wikitext(doc: Document, link: Link) -> str | None:
        if link.text is not None:
            shown = link.text.strip()
            if _page_name(shown) == _page_name(link.target):
                return "image caption is the file name: write what the picture shows"
            return None
        source = link.span.slice(doc.text)
        if source.startswith("[[") and source.endswith("]]"):
            source = source[2:-2]
        options = [part.strip().lower() for part in source.split("|")[1:]]
        if any(o in _CAPTIONED for o in options):
            return "thumbnail has no caption"
        return None


class CategoryInText(Rule):
    """Category link standing in running text instead of the category footer.

    What it does: in the exported form, reports category links that are not on a line of
    category links (``doc.category_lines``), shown as their own ``Category:…`` text; in
    wikitext, reports ``[[Category:…]]`` placed on a line with running text.
    Why is this bad? In the export such a link shows the reader a stray "Category:X" in the
    middle of a paragraph; in wikitext, categories buried in paragraphs are missed by editors
    and moved by accident.  (A deliberate visible link to a category is ``[[:Category:X|…]]``.)
    Example: `金正恩於河內會面[Category:朝美峰會](https://zh.wikipedia.org/wiki/Category:朝美峰會 "wikilink")。`
    Use instead: `金正恩於河內會面。` with the category link on the category line at the end.
    """

    code, name, family, severity = "LK004", "category-in-text", FAMILY, Severity.WARNING

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        for link in doc.links:
            if link.kind != "category":
                continue
            if doc.format == "markdown":
                if any(line.contains(link.span) for line in doc.category_lines):
                    continue
                if not _categorises(link):
                    continue  # a deliberate visible link to the category ([[:Category:X|…]])
                # the paragraph the link stands in (a footer line the front-end did not mark has no prose)
                block = doc.block_at(link.span.start)
                around = block.span if block is not None else self._line(doc, link)
            else:
                if link.form != "wikilink":
                    continue
                around = self._line(doc, link)  # wikitext: a category on its own line is in place
            if not _reads_as_text(doc, around):
                continue
            yield Violation(link.span, f"category {link.target} stands in running text, not with the categories at the end")

    @staticmethod
    def _line(doc: Document, link: Link) -> Span:
        line = doc.lines.line_span(doc.lines.line_of(link.span.start))
        return Span(line.start, max(line.start, min(line.end, len(doc.text))))


_NAMESPACED = re.compile(r"(?:Category|分类|分類|类别|類別)\s*:", re.I)


def _categorises(link: Link) -> bool:
    """Whether an exported category link is a categorisation left in place: the export writes
    ``[[Category:X]]`` as a link showing ``Category:X``, while a deliberate link
    ``[[:Category:X|text]]`` shows its own text, or ``:Category:X`` with the leading colon."""
    if link.text is None:
        return True
    shown = link.text.strip()
    return bool(_NAMESPACED.match(shown)) and _page_name(shown) == _page_name(link.target)


def _reads_as_text(doc: Document, span: Span) -> bool:
    """Whether ``span`` holds running text: prose letters or digits outside category and
    interlanguage links (a footer line of categories and language links holds none)."""
    skip = [link.span for link in doc.links if link.kind in ("category", "interlanguage") and span.overlaps(link.span)]
    for run in doc.prose_runs(span):
        for i in range(run.start, run.end):
            if any(s.contains(i) for s in skip):
                continue
            if unicodedata.category(doc.text[i])[0] in "LN":
                return True
    return False


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
        suffixes = rule_data(ctx).word_suffixes()
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


# -- existence (needs the title index) -------------------------------------------------------------


class MissingLinkTarget(Rule):
    """Link to a page that does not exist (checked against the title index).

    What it does: with a title index (``--titles`` or ``titles =``), reports internal links and
    category links whose target is not an indexed page in any script variant, after MediaWiki's
    title normalisation.  Without an index it says nothing.  Files (usually on Commons),
    interwiki links and namespaces the index does not hold are never reported.
    Why is this bad? A red link sends the reader to an empty page; in the export it is a dead link.
    Example: `[阮春福](../Page/阮春福.md "wikilink")` when the index holds no page 阮春福 in any script
    Use instead: a link to the title the page really has, `[阮春福](../Page/阮春福_\\(政治人物\\).md "wikilink")`,
    or plain text `阮春福`
    """

    code, name, family, severity = "LK006", "missing-link-target", FAMILY, Severity.ERROR

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = ctx.titles
        if index is None:
            return
        for link in doc.links:
            if link.kind not in ("internal", "category") or not link.target.strip():
                continue
            if _FORBIDDEN.search(link.target):
                continue  # LK002's business
            title = link_title(link)
            if link.form == "page" and hasattr(index, "page_file"):
                resolved = index.page_file(doc.path, link.raw_target)
                if resolved is not None:
                    title = resolved
            t = normalize_title(title)
            if t.ns is None or not t.name:  # interwiki, or LK002's business
                continue
            if not _covers(index, title) or index.exists(title):
                continue
            yield Violation(link.target_span or link.span, f"link target {link.target} does not exist (not in the title index)")


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
    table = rule_data(ctx).templates() if doc.templates else None
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


# -- overlinking (info) ----------------------------------------------------------------------------


class _SpanLookup:
    """Whether one of many spans holds a given span, by bisection: a scan per link is quadratic in
    an article with thousands of links and templates."""

    def __init__(self, spans: list[Span]) -> None:
        self._exact = set(spans)
        # spans that overlap are merged, spans that only touch are not: [[a]][[b]] holds neither link strictly
        merged: list[Span] = []
        for span in sorted(self._exact):
            if merged and span.start < merged[-1].end:
                if span.end > merged[-1].end:
                    merged[-1] = Span(merged[-1].start, span.end)
            else:
                merged.append(span)
        self._merged = merged
        self._starts = [s.start for s in merged]

    def holds(self, span: Span, strictly: bool = False) -> bool:
        k = bisect.bisect_right(self._starts, span.start) - 1
        if k < 0 or not self._merged[k].contains(span):
            return False
        # a span that is itself one of them holds itself only: strictly, it needs a larger one
        return not strictly or span not in self._exact or self._merged[k] != span


class RepeatedLink(Rule):
    """The same target linked more than once in one section.

    What it does: reports the second and later links to the same page (after normalisation and
    script folding, same fragment) within one section of running text.  Tables, image captions,
    templates (infoboxes), the category footer and the references are left alone, as the manual
    of style allows repeats there; so are footnotes, also where a wikitext ``<ref>`` stands in the
    text, and refs written with HTML entities (``&lt;ref&gt;…&lt;/ref&gt;``).
    Why is this bad? A link helps the reader the first time; repeated links make the text a sea
    of blue in which the useful links are hard to find (WP:OVERLINK).
    List items that are entries rather than sentences (honours, works, train services: no 。 in
    them) are left alone too, like table rows.
    Example: `[金正恩](../Page/金正恩.md "wikilink")……[金正恩](../Page/金正恩.md "wikilink")` in one section
    Use instead: `[金正恩](../Page/金正恩.md "wikilink")……金正恩` (the unsafe fix unlinks the repeat)
    """

    code, name, family, severity = "LK008", "repeated-link", FAMILY, Severity.INFO
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        first: dict[tuple[int, str, str], Link] = {}
        # captions, infoboxes, navboxes and the footnotes may repeat links (WP:OVERLINK): links
        # inside them are neither a first link nor a repeat
        # a link inside another link's text is broken markup, not a repeat: unlinking it one level
        # a pass made --unsafe-fixes take as many passes as the links were nested deep
        aside = _SpanLookup([link.span for link in doc.links if link.kind in ("file", "internal")]
                            + [t.span for t in doc.templates] + [d.span for d in doc.footnote_defs if d.kind != "list"]
                            + [m.span for m in doc.markup if m.kind in ("escaped-ref", "escaped-citation")])
        footer = _SpanLookup(list(doc.category_lines))
        for link in doc.links:
            if link.kind != "internal" or not link.target.strip():
                continue
            if aside.holds(link.span, strictly=True):
                continue
            if doc.in_references(link.span.start) or footer.holds(link.span):
                continue
            block = doc.block_at(link.span.start)
            if block is not None and (block.kind in ("table", "category_line") or _entry(doc, block)):
                continue
            key = _title_key(link_title(link))
            if key is None:
                continue
            section = doc.section_at(link.span.start).index
            slot = (section, key, anchor_key(link.fragment or ""))
            earlier = first.get(slot)
            if earlier is None:
                first[slot] = link
                continue
            yield Violation(
                link.span,
                f"{link.target} is already linked in this section",
                related=(earlier.span,),
                fix=_unlink(doc, link),
            )


def _entry(doc: Document, block) -> bool:
    """A list item that is an entry, not a sentence (an honour, a work, a train service): such lists
    repeat links item by item as tables do (MOS:REPEATLINK)."""
    if block.kind != "list_item":
        return False
    return doc.derived(("links", "entry", block.index),
                       lambda: not any(ch in "。！？!?" for ch in doc.prose_text(block.span)))


class SelfLink(Rule):
    """Link from an article to itself.

    What it does: reports links (without a section fragment) whose target is the article's own
    title, in any script variant.
    Why is this bad? The link leads the reader back to the page already open; MediaWiki shows
    it as bold text, the export as a useless link.
    Example: `見[2019年朝美首腦會談](https://zh.wikipedia.org/wiki/2019年朝美首脑会谈 "wikilink")` inside that article
    Use instead: `見2019年朝美首腦會談` (the unsafe fix unlinks it)
    """

    code, name, family, severity = "LK009", "self-link", FAMILY, Severity.INFO
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if not doc.title or not doc.title.strip():
            return
        own = _title_key(doc.title)
        if own is None:
            return
        for link in doc.links:
            if link.kind != "internal" or link.fragment or not link.target.strip():
                continue
            if _title_key(link_title(link)) == own:
                yield Violation(link.span, f"link to the article itself ({doc.title})", fix=_unlink(doc, link))
