"""The title index: which pages exist, so that link rules can report targets that do not.

``load_title_index(path)`` reads any of

* a folder of exported articles (``Page/<title>.md``, the chinapedia export; ``.wiki``/``.txt``
  files hold wikitext).  A folder that holds a ``Page`` folder is read from there.  Such an index
  also knows each article's headings, read when first asked, for ``Title#Section`` checks;
* a titles file, plain or gzip, one title per line: the format of MediaWiki's
  ``all-titles-in-ns0`` dump (underscores for spaces, an optional ``page_title`` header line) or of
  ``all-titles`` (``<namespace number>\\t<title>``);
* a MediaWiki XML dump (``pages-articles.xml``, plain, gzip or bz2), streamed with
  ``xml.etree.ElementTree.iterparse``: page titles and namespaces, redirects included.

Every title is normalised and folded (``wikilint.zh.titles``) into one key, and the keys are a
``frozenset``: a lookup is one normalisation and one hash probe.  The index pickles, so a parallel
runner can hand it to worker processes.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import re
from pathlib import Path
from typing import IO, Iterable, Iterator

from wikilint.config import ConfigError
from wikilint.zh.titles import (
    MEDIA_NS,
    NAMESPACES,
    SPECIAL_NS,
    Title,
    anchor_key,
    fold_key_text,
    key_for,
    normalize_name,
    normalize_title,
)

__all__ = ["TitleIndex", "load_title_index", "TitleIndexError"]

_ARTICLE_SUFFIXES = (".md", ".markdown", ".wiki", ".wikitext", ".mediawiki", ".txt")


class TitleIndexError(ConfigError, ValueError):
    """The path given as a title index could not be read as one (a configuration error: the CLI
    reports it as such and exits with status 2)."""


class TitleIndex:
    """Which titles exist.  ``exists`` and ``headings`` are what rules use.

    ``namespaces`` are the namespaces the index knows; a title in any other namespace (a file on
    Commons, a category when only articles were listed), an interwiki link or a special page cannot
    be checked and ``exists`` says True for it: the index never reports what it does not know.
    """

    def __init__(
        self,
        keys: Iterable[str],
        namespaces: Iterable[int] = (0,),
        *,
        source: str = "titles",
        path: str | None = None,
        root: str | None = None,
        files: dict[str, str] | None = None,
    ) -> None:
        # a set handed over by a loader is kept as is (copying 1.5M keys into a frozenset doubles the peak)
        self._keys = keys if isinstance(keys, (set, frozenset)) else frozenset(keys)
        self.namespaces = frozenset(namespaces)
        self.source = source  # "folder", "titles", "dump" or "memory"
        self.path = path
        self.root = root  # folder indexes: the folder the article files are under
        self._files = files or {}  # folder indexes: key -> file path relative to root
        self._headings: dict[str, frozenset[str]] = {}

    @classmethod
    def from_titles(cls, titles: Iterable[str]) -> "TitleIndex":
        """An index of the given titles (as written in links: prefixes, underscores, any script)."""
        keys: set[str] = set()
        namespaces = {0}
        for title in titles:
            t = normalize_title(title)
            if t.ns is not None and t.name:
                keys.add(t.key)
                namespaces.add(t.ns)
        return cls(keys, namespaces, source="memory")

    # -- pickling: drop the heading cache, keep the rest -------------------------------------------
    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_headings"] = {}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, title: object) -> bool:
        return isinstance(title, str) and self.exists(title)

    def __repr__(self) -> str:
        return f"<TitleIndex {self.source} {self.path or ''} {len(self._keys)} titles>"

    # -- lookups -------------------------------------------------------------------------------
    def covers(self, title: str | Title) -> bool:
        """Whether the index can say if ``title`` exists (its namespace is indexed, not interwiki)."""
        t = title if isinstance(title, Title) else normalize_title(title)
        return t.ns is not None and t.ns in self.namespaces and t.ns not in (SPECIAL_NS, MEDIA_NS) and bool(t.name)

    def exists(self, title: str | Title) -> bool:
        """True when ``title`` (as written in a link, any script variant) names an indexed page,
        or when the index cannot tell (see the class doc)."""
        t = title if isinstance(title, Title) else normalize_title(title)
        if not self.covers(t):
            return True
        return t.key in self._keys

    def headings(self, title: str | Title) -> set[str] | None:
        """Anchor keys (``wikilint.zh.titles.anchor_key``) of the headings of ``title``'s article,
        or None when the index does not hold the article's text (titles files, dumps)."""
        t = title if isinstance(title, Title) else normalize_title(title)
        if t.ns is None:
            return None
        key = t.key
        rel = self._files.get(key)
        if rel is None or self.root is None:
            return None
        found = self._headings.get(key)
        if found is None:
            found = frozenset(_read_headings(Path(self.root) / rel))
            self._headings[key] = found
        return set(found)

    def page_file(self, doc_path: str, raw_target: str) -> str | None:
        """For a folder index: the title a ``../Page/T.md`` link names, resolved as a browser would,
        relative to the linking article's own file; None when the link does not lead into the folder."""
        if self.root is None or "://" in raw_target or not raw_target.endswith(".md"):
            return None
        path = raw_target.split("#", 1)[0]
        resolved = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(doc_path)), path))
        root = os.path.abspath(self.root)
        if not resolved.startswith(root + os.sep):
            return None
        return os.path.relpath(resolved, root)[: -len(".md")].replace(os.sep, "/")


# -- loading ------------------------------------------------------------------------------------


#: a compressed titles file or dump may unpack to this many times its size, once past
#: ``BOMB_FLOOR`` bytes: real ones unpack to 3-10 times, a decompression bomb to a thousand
BOMB_RATIO = 200
BOMB_FLOOR = 64 << 20
DEFAULT_MAX_COUNT = 20_000_000
DEFAULT_MAX_BYTES = 64 << 30


def load_title_index(path: str | os.PathLike[str], *, max_count: int = DEFAULT_MAX_COUNT,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> TitleIndex:
    """Build the title index from a folder of articles, a titles file (plain/gzip) or an XML dump.
    A file that would hold more than ``max_count`` titles, or unpack to more than ``max_bytes``
    (or, compressed, to more than ``BOMB_RATIO`` times its size), is refused with TitleIndexError."""
    p = Path(path)
    if p.is_dir():
        return _load_folder(p)
    if not p.is_file():
        raise TitleIndexError(f"{p}: no such file or folder (title index)")
    try:
        with _open_binary(p, max_bytes) as raw:
            head = raw.peek(512)[:512] if hasattr(raw, "peek") else b""
            stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="replace")
            if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                index = _load_dump(stream, str(p), max_count)
            else:
                index = _load_titles(stream, str(p), max_count)
    except (OSError, EOFError) as exc:  # unreadable, or a truncated / corrupt gzip or bz2 file
        raise TitleIndexError(f"{p}: cannot read the title index: {exc}") from exc
    return index


class _Capped(io.RawIOBase):
    """A stream that stops with TitleIndexError once more than its limit has been read from it."""

    def __init__(self, inner: IO[bytes], path: Path, limit: int, why: str) -> None:
        self._inner, self._path, self._limit, self._why = inner, path, limit, why
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self._inner.readinto(buffer)
        self.total += n or 0
        if self.total > self._limit:
            raise TitleIndexError(f"{self._path}: {self._why}; refused (titles-max-bytes in the configuration)")
        return n

    def close(self) -> None:
        self._inner.close()
        super().close()


def _open_binary(p: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> IO[bytes]:
    with open(p, "rb") as f:
        magic = f.read(3)
    opener = gzip.open if magic[:2] == b"\x1f\x8b" else bz2.open if magic == b"BZh" else None
    if opener is None:
        return io.BufferedReader(_Capped(open(p, "rb"), p, max_bytes, f"larger than {max_bytes:,} bytes"))
    size = p.stat().st_size
    limit = min(max_bytes, max(BOMB_FLOOR, BOMB_RATIO * size))
    why = (f"unpacks to more than {limit:,} bytes" if limit == max_bytes else
           f"unpacks to more than {limit:,} bytes from {size:,} (over {BOMB_RATIO} times): a decompression bomb, "
           "not a titles file")
    return io.BufferedReader(_Capped(opener(p, "rb"), p, limit, why))  # type: ignore[arg-type]


def _too_many(path: str, max_count: int) -> TitleIndexError:
    return TitleIndexError(f"{path}: more than {max_count:,} titles; refused (titles-max-count in the configuration)")


_HEADER_LINES = {"page_title", "page_namespace\tpage_title", "title"}


def _load_titles(stream: IO[str], path: str, max_count: int = DEFAULT_MAX_COUNT) -> TitleIndex:
    """One title per line.  Lines are folded in bulk (one ``str.translate`` per chunk), which is what
    makes 1.5 million titles load in about a second."""
    keys: set[str] = set()
    namespaces = {0}
    first = True
    tail = ""
    while True:
        chunk = stream.read(1 << 22)
        if not chunk:
            break
        chunk = tail + chunk
        cut = chunk.rfind("\n")
        if cut == -1:
            tail = chunk
            continue
        tail = chunk[cut + 1 :]
        lines = chunk[:cut].split("\n")
        if first:
            first = False
            if lines and lines[0].strip().lstrip("\ufeff").lower() in _HEADER_LINES:
                lines = lines[1:]
        _add_lines(lines, keys, namespaces)
        if len(keys) > max_count:
            raise _too_many(path, max_count)
    if tail.strip():
        lines = [tail]
        if first and tail.strip().lower() in _HEADER_LINES:
            lines = []
        _add_lines(lines, keys, namespaces)
    keys.discard("")
    if len(keys) > max_count:
        raise _too_many(path, max_count)
    return TitleIndex(keys, namespaces, source="titles", path=path)


def _add_lines(lines: list[str], keys: set[str], namespaces: set[int]) -> None:
    """Add title lines.  The common case (no namespace, no tab) is folded in bulk, one
    ``str.translate`` over the whole chunk, and added with one ``set.update``."""
    special = [line for line in lines if ":" in line or "\t" in line]
    if special:
        for line in special:
            key = _line_key(line.rstrip("\r"), namespaces)
            if key is not None:
                keys.add(key)
        lines = [line for line in lines if ":" not in line and "\t" not in line]
    folded = fold_key_text("\n".join(lines)).split("\n")
    keys.update(folded)
    # rare: titles that need trimming, collapsing or a capital first letter
    odd = [line for line in folded if line[:1] == " " or line[-1:] == " " or "  " in line or line[:1].islower()]
    for line in odd:
        keys.discard(line)
        keys.add(key_for(0, normalize_name(line)))


def _line_key(line: str, namespaces: set[int]) -> str | None:
    if "\t" in line:  # all-titles: "<ns>\t<title>"
        ns_text, _, title = line.partition("\t")
        if ns_text.strip().lstrip("-").isdigit():
            ns = int(ns_text)
            namespaces.add(ns)
            return key_for(ns, normalize_name(title))  # the title is the name within ns, no prefix
    ns, name = _split_namespace(line)
    name = normalize_name(name)
    if not name:
        return None
    namespaces.add(ns)
    return key_for(ns, name)


# -- XML dumps ------------------------------------------------------------------------------------


def _load_dump(stream: IO[str], path: str, max_count: int = DEFAULT_MAX_COUNT) -> TitleIndex:
    import xml.etree.ElementTree as ET

    keys: set[str] = set()
    namespaces: set[int] = {0}
    ns_names: dict[str, int] = {}
    root = None
    title = None
    ns = None
    depth = 0
    try:
        for event, elem in ET.iterparse(stream, events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if event == "start":
                if root is None:
                    root = elem
                if tag == "page":
                    depth, title, ns = 1, None, None
                continue
            if tag == "namespace" and elem.get("key") is not None:
                number = int(elem.get("key"))
                if elem.text:
                    ns_names[elem.text.strip().lower()] = number
            elif tag == "title" and depth:
                title = elem.text or ""
            elif tag == "ns" and depth:
                ns = int((elem.text or "0").strip())
            elif tag == "page":
                depth = 0
                if title:
                    number = ns if ns is not None else 0
                    name = title
                    if number != 0 and ":" in title:
                        name = title.split(":", 1)[1]
                    namespaces.add(number)
                    keys.add(key_for(number, normalize_name(name)))
                    if len(keys) > max_count:
                        raise _too_many(path, max_count)
                if root is not None:
                    root.clear()  # keep memory flat: drop finished pages
    except ET.ParseError as exc:
        raise TitleIndexError(f"{path}: not a readable MediaWiki XML dump: {exc}") from exc
    del ns_names  # the dump's own names are resolved by <ns>; aliases come from wikilint.zh.titles
    return TitleIndex(keys, namespaces, source="dump", path=path)


# -- folders of articles ----------------------------------------------------------------------------


def _load_folder(folder: Path) -> TitleIndex:
    root = folder / "Page" if (folder / "Page").is_dir() else folder
    keys: set[str] = set()
    files: dict[str, str] = {}
    namespaces = {0}
    root_text = str(root)
    for dirpath, dirnames, filenames in os.walk(root_text):
        dirnames.sort()
        rel_dir = os.path.relpath(dirpath, root_text)
        for filename in sorted(filenames):
            stem, dot, suffix = filename.rpartition(".")
            if not dot or "." + suffix.lower() not in _ARTICLE_SUFFIXES:
                continue
            rel = filename if rel_dir == "." else f"{rel_dir}/{filename}".replace(os.sep, "/")
            title = rel[: -len(suffix) - 1]
            ns, name = _split_namespace(title)
            key = key_for(ns, normalize_name(name))
            namespaces.add(ns)
            keys.add(key)
            files.setdefault(key, rel)
    return TitleIndex(keys, namespaces, source="folder", path=str(folder), root=root_text, files=files)


def _split_namespace(title: str) -> tuple[int, str]:
    """Namespace number and name of a title that needs no decoding (a file name, a dump title)."""
    if ":" in title:
        prefix, rest = title.split(":", 1)
        number = NAMESPACES.get(prefix.replace("_", " ").strip().lower())
        if number is not None:
            return number, rest
    return 0, title


_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)
_SETEXT = re.compile(r"^(?![ \t]*$)(.+)\n[ \t]*(?:=+|-+)[ \t]*$", re.M)
_WIKI_HEADING = re.compile(r"^(={1,6})[ \t]*(.+?)[ \t]*\1[ \t]*(?:<!--.*?-->)?[ \t]*$", re.M)
_MD_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\((?:[^()\\]|\\.)*\)")
_WIKI_LINK = re.compile(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]")
_ANCHOR_TEMPLATE = re.compile(r"\{\{\s*(?:anchor|anchors|锚点|錨點)\s*\|([^{}]*)\}\}", re.I)
_ID_ATTR = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")


def heading_plain(text: str) -> str:
    """The text a reader sees in a heading: link markup, emphasis, escapes and tags removed."""
    text = _MD_LINK.sub(r"\1", text)
    text = _WIKI_LINK.sub(r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"'{2,}|(?<!\\)\*{1,3}", "", text)  # wikitext ''…'', markdown *…* (pandoc escapes "_")
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"-\{(?:[^{}|]*\|)?([^{}]*)\}-", r"\1", text)
    return text.strip()


def _read_headings(path: Path) -> Iterator[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    if path.suffix.lower() in (".md", ".markdown"):
        found = [m.group(1) for m in _MD_HEADING.finditer(text)]
        found += [m.group(1) for m in _SETEXT.finditer(text)]
    else:
        found = [m.group(2) for m in _WIKI_HEADING.finditer(text)]
    for heading in found:
        yield anchor_key(heading_plain(heading))
    for m in _ANCHOR_TEMPLATE.finditer(text):
        for part in m.group(1).split("|"):
            if part.strip() and "=" not in part:
                yield anchor_key(part)
    for m in _ID_ATTR.finditer(text):
        yield anchor_key(m.group(1))
