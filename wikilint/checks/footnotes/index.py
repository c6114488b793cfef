"""The view every footnote rule reads: the keys that pair markers with definitions, the
``FootnoteIndex`` of who cites what (built once a document), whether a footnote carries text, and how a
message names a footnote."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from dataclasses import dataclass
from typing import Iterator

from wikilint.document.model import Document, FootnoteDef, FootnoteMarker, Span


FAMILY = "footnotes"


Key = tuple  # (group or None, label)


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
