"""The name tables (``rules/names/``) as one index by folded form: each entry's forms per variant, its
aliases and the forms listed as wrong.  Built once per RuleData and shared by every article."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Iterable, Iterator

from wikilint.checks.names.forms import _DOTS, _HAN_CHARS, fold_chars
from wikilint.checks.names.variants import FALLBACK, HANS, HANT
from wikilint.engine.data import FamilyIndex, RuleData, default_data
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


def _automaton(keys: frozenset[str]):
    """An Aho-Corasick automaton (pyahocorasick) of ``keys``, spelt ``_units``, whose value is the key and
    its length in code units: one pass in C over a text finds every key at every position, where a
    lookup per character and length ran in Python.  None without keys."""
    if not keys:
        return None
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key in sorted(keys):
        units = _units(key)
        automaton.add_word(units, (key, len(units) // 2))
    automaton.make_automaton()
    return automaton


def _units(text: str) -> str:
    """``text`` as two one-byte letters per UTF-16 code unit (big-endian).  pyahocorasick looks a node's
    children up one by one: with 700-odd first characters at its root, every character of a text that
    starts no form cost hundreds of comparisons.  Spelt this way a node has at most 256 children, most
    a few, and the automaton is built as fast."""
    return text.encode("utf-16-be", "surrogatepass").decode("latin-1")


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class NameIndex:
    """All name tables, indexed by folded form.  Built once per RuleData (``name_index(ctx)``)."""

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
        # the characters foreign names are spelt with (斯 尼 亚 米 姆 …, folded), from the dotted keys
        spelt: Counter[str] = Counter(ch for key in self.by_key if any(d in key for d in _DOTS) for ch in key if ch not in _DOTS)
        self.transliteration_chars = frozenset(ch for ch, n in spelt.items() if n >= _TRANSLITERATION_MIN)
        #: every folded form of the tables, right or wrong
        self.known_keys = frozenset(self.by_key) | frozenset(self.wrong_by_key)
        # built here, so that it is pickled with the index (the disk cache): a process loads it in a
        # third of the time it takes to build
        self.automaton = _automaton(self.known_keys)

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """(start, length) in code points of every form of the tables in ``text``, overlapping ones too,
        in the order they end."""
        automaton = self.automaton
        if automaton is None:
            return
        # code units before each character outside the BMP (two units each): what a unit offset is ahead
        astral = [m.start() + k for k, m in enumerate(_ASTRAL.finditer(text))]
        for end, (key, units) in automaton.iter(_units(text)):
            if end % 2 == 0:
                continue  # the form's bytes straddle code units
            start = (end + 1) // 2 - units
            if astral:
                start -= bisect.bisect_left(astral, start)
            if text.startswith(key, start):
                yield start, len(key)

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


#: the names family's data: every table of ``rules/names`` in one index (built once, kept on disk);
#: the family's code is a package, and a change to any of its modules rebuilds the index
NAME_INDEX = FamilyIndex("names", NameIndex.from_tables, code=tuple(sorted(Path(__file__).parent.glob("*.py"))))


def index_of(data: RuleData) -> NameIndex:
    return data.index(NAME_INDEX)


def name_index(ctx: Context) -> NameIndex:
    return index_of(ctx.data if ctx.data is not None else default_data())
