"""MediaWiki XML dumps (``pages-articles.xml``, plain, ``.bz2`` or ``.gz``) read as a stream of pages.

A dump is not an article: each page's latest revision is one, linted as wikitext under the path
``DUMP#Title``.  Pages are read one at a time with mwxml (the dump reader Wikimedia's own tools
use), so a dump of a million pages is never held in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO, Iterable, Iterator

DUMP_SUFFIXES = (".xml", ".xml.bz2", ".xml.gz")
ARTICLE_NAMESPACES = frozenset({0})


@dataclass(frozen=True, slots=True)
class DumpPage:
    """One page of a dump: ``path`` is ``DUMP#Title``, ``text`` its latest revision's wikitext."""

    path: str
    text: str


class DumpError(Exception):
    """The dump stopped being readable (truncated, corrupt, not a MediaWiki export)."""


def is_dump(path: str) -> bool:
    return path.lower().endswith(DUMP_SUFFIXES)


def open_dump(path: str) -> IO[bytes]:
    """The dump's bytes, decompressed by its magic number (a ``.bz2`` misnamed ``.xml`` still reads)."""
    import bz2
    import gzip

    with open(path, "rb") as f:
        magic = f.read(3)
    if magic == b"BZh":
        return bz2.open(path, "rb")
    if magic[:2] == b"\x1f\x8b":
        return gzip.open(path, "rb")
    return open(path, "rb")


def iter_pages(path: str, namespaces: Iterable[int] = ARTICLE_NAMESPACES) -> Iterator[DumpPage]:
    """The dump's pages in ``namespaces``, redirects skipped, in dump order.  Raises ``DumpError``
    where the XML breaks; pages read before that have been yielded."""
    import mwxml
    from mwxml.element_iterator import ElementIterator
    from xml.etree.ElementTree import ParseError

    wanted = frozenset(namespaces)
    try:
        with open_dump(path) as stream:
            root = ElementIterator.from_file(stream)
            if root.tag != "mediawiki":
                raise DumpError(f"the root element is <{root.tag}>, not <mediawiki>")
            for page in mwxml.Dump.from_element(root).pages:
                latest = None
                for revision in page:  # the last one is the latest; all must be read to move on
                    latest = revision
                # iterparse keeps every finished <page> as an empty child of the root; dropping them
                # keeps memory flat over a million pages
                root.element.clear()
                if page.namespace not in wanted or page.redirect or latest is None:
                    continue
                if latest.model not in (None, "wikitext") or latest.deleted.text:
                    continue  # CSS, JSON, Lua, … and revisions whose text was suppressed
                yield DumpPage(f"{path}#{page.title}", latest.text or "")
    except (ParseError, mwxml.errors.MalformedXML, EOFError, OSError, ValueError) as exc:
        raise DumpError(f"{type(exc).__name__}: {exc}") from exc


def dump_titles(paths: Iterable[str]):
    """The title index of ``paths``' pages, redirects included (a redirect is a page a link may name)."""
    from wikilint.links_index import TitleIndex, load_title_index

    keys: set[str] = set()
    namespaces: set[int] = set()
    for path in paths:
        index = load_title_index(path)
        keys |= index._keys
        namespaces |= index.namespaces
    return TitleIndex(keys, namespaces or (0,), source="dump", path=",".join(paths))


def write_dump(pages: Iterable[tuple[str, str]] | Iterable[tuple[str, str, int]], target: str | Path) -> None:
    """Write (title, text[, namespace]) pages as a MediaWiki export, compressed by ``target``'s suffix:
    a dump for tests and benchmarks, and a way to lint a folder of articles as one stream."""
    import bz2
    import gzip
    from xml.sax.saxutils import escape  # imports urllib: not on the path of a check

    target = str(target)
    opener = bz2.open if target.endswith(".bz2") else gzip.open if target.endswith(".gz") else open
    with opener(target, "wt", encoding="utf-8") as out:
        out.write('<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" version="0.11" xml:lang="zh">\n'
                  "  <siteinfo>\n    <sitename>Wikipedia</sitename>\n    <dbname>zhwiki</dbname>\n"
                  "    <namespaces>\n      <namespace key=\"0\" case=\"first-letter\" />\n"
                  "      <namespace key=\"2\" case=\"first-letter\">User</namespace>\n"
                  "      <namespace key=\"10\" case=\"first-letter\">Template</namespace>\n"
                  "    </namespaces>\n  </siteinfo>\n")
        for number, page in enumerate(pages, 1):
            title, text, ns = (*page, 0)[:3]
            redirect = ""
            if text.lstrip().upper().startswith("#REDIRECT [["):
                redirect = f'    <redirect title="{escape(text.split("[[", 1)[1].split("]]", 1)[0], {chr(34): "&quot;"})}" />\n'
            out.write(f"  <page>\n    <title>{escape(title)}</title>\n    <ns>{ns}</ns>\n    <id>{number}</id>\n{redirect}"
                      f"    <revision>\n      <id>{number}</id>\n      <timestamp>2026-01-01T00:00:00Z</timestamp>\n"
                      f"      <model>wikitext</model>\n      <format>text/x-wiki</format>\n"
                      f"      <text bytes=\"{len(text.encode('utf-8'))}\" xml:space=\"preserve\">{escape(text)}</text>\n"
                      f"    </revision>\n  </page>\n")
        out.write("</mediawiki>\n")
