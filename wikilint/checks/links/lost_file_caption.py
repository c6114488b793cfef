"""LK003 ``lost-file-caption``: a file link whose caption is only options, and what counts as a file-link option."""

from __future__ import annotations

import re
from typing import Iterator

from wikilint.checks.links.shared import FAMILY, _page_name
from wikilint.document.model import Document, Link
from wikilint.engine.rule import Context, Rule, Severity, Violation


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


def is_option(word: str) -> bool:
    """True when ``word`` is a file-link option keyword (thumb, 缩略图, 200px, alt=…)."""
    w = word.strip()
    return w.lower() in _OPTION_WORDS or bool(_SIZE.match(w)) or bool(_KEYED_OPTION.match(w))


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
