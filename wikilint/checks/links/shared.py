"""What the link rules share: the family's name, the characters no title holds, how a link's target and a page name are compared
(normalised and folded as zh-wiki compares titles), and the fix that replaces a link by its text."""

from __future__ import annotations

import re

from wikilint.document.model import Document, Link
from wikilint.engine.rule import Edit, Fix
from wikilint.zh.titles import fold, normalize_title


FAMILY = "links"


#: characters MediaWiki forbids in titles (besides control characters)
_FORBIDDEN = re.compile(r"[<>\[\]{}|\x00-\x1f\x7f\ufffd]")


def _page_name(title: str) -> str:
    """A title or file name reduced for comparison: no namespace, spaces for ``_``, folded."""
    t = normalize_title(title)
    name = t.name if t.ns is not None else title
    return fold(name.replace("_", " ")).strip().casefold()


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
