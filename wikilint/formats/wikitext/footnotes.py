"""Footnotes: the ref tags the walk found → definitions and markers."""

from __future__ import annotations

from dataclasses import dataclass

from wikilint.document.model import FootnoteDef, FootnoteMarker, Span
from wikilint.formats.wikitext.vocabulary import _WS


@dataclass
class _RefTag:
    span: Span
    open_span: Span
    name: str | None
    group: str | None
    attrs_ok: bool
    self_closing: bool
    content: str
    content_span: Span
    listed: bool
    listed_group: str | None
    closed: bool = True


def _footnotes(refs: list[_RefTag]) -> tuple[list[FootnoteDef], list[FootnoteMarker]]:
    """Definitions and markers from the ref tags, in text order.

    An unnamed ref is labelled ``#n``: the number a reader sees, counted per group over the
    distinct footnotes in order of first citation.  Every ``<ref>…</ref>`` is a definition (and a
    marker), even an empty one such as ``<ref name="x"></ref>``; the footnote rules decide when
    such a ref merely reuses x.  A marker's ``definition`` is the first definition of its name
    that has content, else its own.
    """
    defs: list[FootnoteDef] = []
    cited: list[tuple[int, _RefTag, str]] = []
    numbers: dict[str | None, int] = {}
    seen: set[tuple[str | None, str]] = set()
    first_def: dict[tuple[str | None, str], int] = {}
    for ref in sorted(refs, key=lambda r: r.span.start):
        group = ref.group if ref.group is not None else ref.listed_group
        if ref.name is None:
            numbers[group] = numbers.get(group, 0) + 1
            label = f"#{numbers[group]}"
        else:
            label = ref.name
            if not ref.listed and (group, ref.name) not in seen:
                seen.add((group, ref.name))
                numbers[group] = numbers.get(group, 0) + 1
        # every <ref>…</ref> is a definition, even an empty one: whether <ref name="x"></ref> merely
        # reuses x is the footnote rules' call (FootnoteIndex), not the front-end's
        # a self-closing ref inside a references list defines nothing: MediaWiki's cite error for
        # a list-defined ref without content, so it is an (empty) definition, not lost
        has_content = not ref.self_closing or ref.listed
        index = -1
        if has_content:
            index = len(defs)
            defs.append(
                FootnoteDef(label=label, content=ref.content, content_span=ref.content_span, span=ref.span,
                            kind="listed" if ref.listed else "inline", name=ref.name, group=group,
                            attrs_ok=ref.attrs_ok, closed=ref.closed)
            )
            if ref.name is not None and (not ref.closed or ref.content.strip(_WS)):
                first_def.setdefault((group, ref.name), index)
        if not ref.listed:
            cited.append((index, ref, label))
    markers = []
    for index, ref, label in cited:
        if ref.name is not None:
            index = first_def.get((ref.group, ref.name), index)
        markers.append(FootnoteMarker(label=label, span=ref.span, group=ref.group, definition=index if index >= 0 else None))
    return defs, markers
