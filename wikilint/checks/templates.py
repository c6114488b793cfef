"""``rules/templates``: what citation and anchor templates mean, read by the footnotes family
(a citation with no source filled in, FN002) and the links family (the anchors a citation's
``ref=`` makes, LK007).  Declared as an index, so the engine loads, validates and caches it
without knowing what it holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wikilint.engine.data import FamilyIndex


def template_key(name: str) -> str:
    """A template name as the tables write it: no comment, no namespace, ``_`` as space, case-folded."""
    if "<!--" in name:
        name = re.sub(r"<!--.*?(?:-->|$)", "", name, flags=re.S)
    key = " ".join(name.replace("_", " ").split()).casefold()
    for prefix in ("template:", "模板:", "样板:", "樣板:"):
        if key.startswith(prefix):
            return key[len(prefix):].strip()
    return key


@dataclass(frozen=True)
class CitationTemplate:
    source: frozenset[str]
    anchor: str | None = None


@dataclass(frozen=True)
class TemplateTable:
    """``rules/templates``: citation templates by name, and the names of anchor templates."""

    citations: dict[str, CitationTemplate] = field(default_factory=dict)
    anchors: frozenset[str] = frozenset()

    @classmethod
    def from_tables(cls, tables: list[tuple[Path, Any]]) -> "TemplateTable":
        citations: dict[str, CitationTemplate] = {}
        anchors: set[str] = set()
        for _path, table in tables:
            for entry in table.get("citation", ()):
                meaning = CitationTemplate(frozenset(entry["source"]), entry.get("anchor"))
                citations.update((template_key(n), meaning) for n in entry["names"])
            for entry in table.get("anchor", ()):
                anchors.update(template_key(n) for n in entry["names"])
        return cls(citations, frozenset(anchors))

    def citation(self, name: str) -> CitationTemplate | None:
        return self.citations.get(template_key(name))

    def is_anchor(self, name: str) -> bool:
        return template_key(name) in self.anchors


#: the templates table, built once and kept on disk; a project's own rules folder without
#: ``templates/`` uses the packaged one
TEMPLATES = FamilyIndex("templates", TemplateTable.from_tables, code=(Path(__file__),), fallback=True)
