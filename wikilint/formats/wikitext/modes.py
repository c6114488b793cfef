"""What the walk carries down the tree (the mode of the text below a node) and what it lays out
on the page (units, from which lines are classified into blocks)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from wikilint.document.model import Span


@dataclass(frozen=True, slots=True)
class _Mode:
    prose: bool = True  # text here is running text a reader sees
    structural: bool = True  # newlines here separate lines and blocks
    literal: bool = False  # contents are literal (nowiki, pre, math…): no leftover scan
    in_ref: bool = False
    #: inside <references>…</references> or refs=: the list's group ("" for the default group)
    listed_group: str | None = None
    in_template: bool = False
    #: the modes derived from this one, by the changes asked for: a handful of distinct modes are
    #: derived again for every node, and hashing a mode's fields each time cost more than the walk
    _next: dict = field(default_factory=dict, init=False, compare=False, hash=False, repr=False)

    def but(self, **changes) -> "_Mode":
        key = tuple(changes.items())
        mode = self._next.get(key)
        if mode is None:
            mode = self._next[key] = replace(self, **changes)
        return mode


#: the top level's mode, one for every page, so that what its derived modes remember is kept
TOP = _Mode()


@dataclass
class _Unit:
    """A node laid out on the page (top level, or inside a container tag)."""

    kind: str  # text, heading, table, list, link, category, file, template, ref, comment, tag, other
    span: Span
    name: str = ""
