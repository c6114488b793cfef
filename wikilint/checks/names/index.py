"""The name tables (``rules/names/``) as one index by folded form: each entry's forms per variant, its
aliases and the forms listed as wrong.  Built once per RuleData and shared by every article."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

from wikilint.checks.names.forms import _DOTS, _HAN_CHARS, fold_chars
from wikilint.checks.names.variants import FALLBACK, HANS, HANT
from wikilint.engine.rule import Context

#: a character spelling at least this many dotted names of the tables is a transliteration character
_TRANSLITERATION_MIN = 15


@dataclass(frozen=True)
class WrongForm:
    form: str
    note: str
    source: str
    context: tuple[str, ...]


@dataclass
class NameEntry:
    id: str
    table: str
    kind: str
    cgroup: str | None
    original: str | None
    forms: dict[str, str]
    aliases: tuple[tuple[str, dict[str, str]], ...] = ()
    wrong: tuple[WrongForm, ...] = ()

    @property
    def label(self) -> str:
        return self.original or self.id

    def resolve(self, variant: str) -> str | None:
        """The form zh-wiki shows to readers of ``variant`` (MediaWiki fallbacks, then the other script)."""
        for v in FALLBACK[variant]:
            if v in self.forms:
                return self.forms[v]
        other = HANS if variant in HANT else HANT
        for v in other:
            if v in self.forms:
                return self.forms[v]
        return self.forms.get("zh")

    def accepted_keys(self, scope: Iterable[str]) -> list[str]:
        """Folded keys of the forms accepted in a scope, in the scope's order (no repeats)."""
        out: list[str] = []
        for v in scope:
            form = self.resolve(v)
            if form is not None and fold_chars(form) not in out:
                out.append(fold_chars(form))
        return out

    @property
    def two_way_keys(self) -> frozenset[str]:
        return frozenset(fold_chars(f) for v, f in self.forms.items() if v != "zh")

    def variants_of(self, key: str) -> list[str]:
        """The variants whose own (two-way) form folds to ``key``."""
        return [v for v, f in self.forms.items() if fold_chars(f) == key and v != "zh"]

    def keys(self) -> set[str]:
        keys = {fold_chars(f) for f in self.forms.values()}
        for src, targets in self.aliases:
            keys.add(fold_chars(src))
            keys.update(fold_chars(t) for t in targets.values())
        return keys

    @cached_property
    def short_forms(self) -> frozenset[str]:
        """Keys that are also one part of a dotted key of this entry: 卡梅伦 beside 戴维·卡梅伦.
        A surname alone agrees with the full name; it is no second rendering."""
        keys = self.keys()
        parts = {p for k in keys if any(d in k for d in _DOTS) for p in re.split(f"[{_DOTS}]", k)}
        return frozenset(k for k in keys if k in parts)

    def surfaces(self, key: str) -> list[str]:
        found = [f for f in self.forms.values() if fold_chars(f) == key]
        for src, targets in self.aliases:
            found += [x for x in (src, *targets.values()) if fold_chars(x) == key]
        return list(dict.fromkeys(found))


class NameIndex:
    """All name tables, indexed by folded form.  Built once per RuleData (``ctx.data.names()``)."""

    def __init__(self, entries: list[NameEntry]) -> None:
        self.entries = entries
        self.by_key: dict[str, list[int]] = defaultdict(list)
        self.wrong_by_key: dict[str, list[tuple[int, WrongForm]]] = defaultdict(list)
        self.by_cgroup: dict[str, list[int]] = defaultdict(list)
        for i, entry in enumerate(entries):
            for key in entry.keys():
                # 麥克· and the like are given names: many people share them
                # and Latin forms (Skylar Grey, the zh-sg rendering of a singer) are not renderings
                if key[0] not in _DOTS and key[-1] not in _DOTS and len(_HAN_CHARS.findall(key)) >= 2:
                    self.by_key[key].append(i)
            for wrong in entry.wrong:
                self.wrong_by_key[fold_chars(wrong.form)].append((i, wrong))
            if entry.cgroup:
                self.by_cgroup[entry.cgroup.lower()].append(i)
        #: first character → the lengths of the keys starting with it, longest first
        starts: dict[str, set[int]] = defaultdict(set)
        for key in list(self.by_key) + list(self.wrong_by_key):
            starts[key[0]].add(len(key))
        self.lengths_by_first = {ch: tuple(sorted(ls, reverse=True)) for ch, ls in starts.items()}
        # the characters foreign names are spelt with (斯 尼 亚 米 姆 …, folded), from the dotted keys
        spelt: Counter[str] = Counter(ch for key in self.by_key if any(d in key for d in _DOTS) for ch in key if ch not in _DOTS)
        self.transliteration_chars = frozenset(ch for ch, n in spelt.items() if n >= _TRANSLITERATION_MIN)

    @classmethod
    def from_tables(cls, tables: list[tuple[object, dict]]) -> "NameIndex":
        entries = []
        for _path, data in tables:
            table = data["table"]
            for raw in data["entries"]:
                entries.append(
                    NameEntry(
                        id=raw["id"],
                        table=table["name"],
                        kind=raw.get("kind", table["kind"]),
                        cgroup=table.get("cgroup"),
                        original=raw.get("original"),
                        forms=dict(raw["forms"]),
                        aliases=tuple((a["form"], dict(a["forms"])) for a in raw.get("aliases", ())),
                        wrong=tuple(
                            WrongForm(w["form"], w["note"], w.get("source", ""), tuple(w.get("context", ())))
                            for w in raw.get("wrong", ())
                        ),
                    )
                )
        return cls(entries)


def name_index(ctx: Context) -> NameIndex:
    data = ctx.data
    if data is None:
        from wikilint.engine.data import default_data

        data = default_data()
    return data.names()
