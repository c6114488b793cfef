"""Reading mwparserfromhell's nodes: template parameters that hold prose, file captions, ref attributes."""

from __future__ import annotations

import re

from mwparserfromhell.nodes import Tag, Template as TemplateNode

from wikilint.formats.wikitext.vocabulary import _IMAGE_OPTION, _TEXT_TEMPLATES, _WS


def _group_of(listed_group: str | None) -> str | None:
    return listed_group or None


def _prose_params(key: str, node: TemplateNode) -> frozenset[str]:
    spec = _TEXT_TEMPLATES.get(key)
    if not spec:
        return frozenset()
    names = {str(p.name).strip(_WS) for p in node.params}
    chosen = set()
    for alternatives in spec:
        for k in alternatives:
            if k in names:
                chosen.add(k)
                break
    return frozenset(chosen)


#: what splits a file link's options: a "|" outside nested [[…]] and {{…}}
_CAPTION_TOKEN = re.compile(r"\[\[|\]\]|\{\{|\}\}|\|")


def _file_caption(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The caption of a file link's ``|``-separated options: the last part that is not an option."""
    parts = []
    depth_sq = depth_br = 0
    seg = start
    for m in _CAPTION_TOKEN.finditer(text, start, end):
        token = m.group()
        if token == "[[":
            depth_sq += 1
        elif token == "]]":
            depth_sq -= depth_sq > 0
        elif token == "{{":
            depth_br += 1
        elif token == "}}":
            depth_br -= depth_br > 0
        elif not depth_sq and not depth_br:
            parts.append((seg, m.start()))
            seg = m.end()
    parts.append((seg, end))
    for s, e in reversed(parts):
        piece = text[s:e]
        if not piece.strip(_WS):
            continue
        if _IMAGE_OPTION.match(piece):
            return None
        s2 = s + (len(piece) - len(piece.lstrip(_WS)))
        e2 = s + len(piece.rstrip(_WS))
        return s2, e2
    return None


_RAW_ATTR = re.compile(r"""\s*([^\s=]+)\s*(?:=\s*("[^"]*"|'[^']*'|[^\s"'>]*))?""")


def _read_raw_attrs(raw: str) -> tuple[str | None, str | None, bool]:
    """Attributes of a ``<ref …>`` that was left as text: a best effort at name and group."""
    name = group = None
    ok = True
    for m in _RAW_ATTR.finditer(raw):
        if not m.group(1):
            continue
        key = m.group(1).lower()
        value = (m.group(2) or "").strip("\"'")
        if key == "name":
            name = value or None
        elif key == "group":
            group = value or None
        else:
            ok = False
    return name, group, ok


_REF_ATTR_NAMES = frozenset(("name", "group", "follow", "details", "extends", "dir"))


def _ref_attrs(node: Tag) -> tuple[str | None, str | None, bool]:
    """name, group and whether the attributes read cleanly (no stray quotes, no unknown names)."""
    name = group = None
    ok = True
    for attr in node.attributes:
        key = str(attr.name).strip(_WS).lower()
        value = str(attr.value).strip(_WS) if attr.value is not None else None
        if key not in _REF_ATTR_NAMES or value is None:
            ok = False
        if value is not None and ('"' in value or "'" in value) and not attr.quotes:
            ok = False
        if value is not None and attr.quotes and attr.quotes in value:
            ok = False
        salvaged = value.strip("\"'" + _WS) if value is not None else None
        if key == "name":
            if not salvaged and value is not None and attr.quotes:
                ok = False  # name="" names nothing
            name = salvaged or name
        elif key == "group":
            group = salvaged or None
    return name, group, ok


def _attr(node: Tag, key: str) -> str:
    for attr in node.attributes:
        if str(attr.name).strip(_WS).lower() == key and attr.value is not None:
            return str(attr.value).strip(_WS + "\"'")
    return ""
