"""Which entries of the tables an article's mentions name (what NM001 and NM003 compare): an entry
counts once the article surely names it, and a form the article gives to someone else, declares or
glosses, or writes as a given name or a surname alone is left out."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from functools import lru_cache

from wikilint.checks.names.forms import _DOT, _DOTS, _link_name, _title_text, fold_chars
from wikilint.checks.names.index import NameEntry, NameIndex
from wikilint.checks.names.mentions import Article, Mention
from wikilint.document.model import Span
from wikilint.engine.rule import Context


def _kinds(ctx: Context, code: str) -> frozenset[str]:
    kinds = ctx.option(code, "kinds", None) or ("person",)
    return frozenset(kinds)


def _anchored_entities(art: Article, index: NameIndex) -> set[int]:
    """Entries the article surely names: a mention of three characters or more, a two-character
    mention that is part of a dotted name (·), or a link whose target is one of the entry's forms.
    Two-character forms (克里, 川普) are substrings of too many words to count on their own."""
    anchored: set[int] = set()
    text = art.text
    for m in art.mentions:
        if len(m.key) >= 3:
            anchored.update(m.entries)
        else:
            before = text[m.span.start - 1] if m.span.start else ""
            if before and before in _DOTS and not _is_given_name(text, m.span):
                anchored.update(m.entries)
    for link in art.links:
        if link.kind == "internal":
            for part in _title_parts(link.target):
                anchored.update(index.by_key.get(part, ()))
    return anchored


@lru_cache(maxsize=16384)
def _title_parts(target: str) -> tuple[str, ...]:
    """The parts of a link's title as readers see it, folded, between middle dots, and the whole title."""
    title = fold_chars(_title_text(target))
    return (*re.split(f"[{_DOTS}]", title), title)


def _is_given_name(text: str, span: Span) -> bool:
    """斯蒂芬 in 斯蒂芬·米勒: a part before a middle dot is a given name, shared by many people."""
    return span.end < len(text) and text[span.end] in _DOTS


def _linked_to_others(art: Article, index: NameIndex) -> set[tuple[int, str]]:
    """``(entry, key)`` pairs the article gives to someone else: the key is part of the text of a
    link to a person (约翰·凯利) whose name holds the key but is none of the entry's forms, or the
    surname of a full name the article writes (詹姆斯·卡麥隆) whose entry renders that surname
    otherwise than the entry does; and nothing names the entry with it.  [约翰·凯利](约翰·凯利)
    says 凯利 is John Kelly, though the tables list 凯利 as a rendering of Kerry."""
    links = sorted((l for l in art.links if l.kind == "internal"), key=lambda l: l.span.start)
    starts = [l.span.start for l in links]
    other: set[tuple[int, str]] = set()
    own: set[tuple[int, str]] = set()
    for m in art.mentions:
        if any(d in m.key for d in _DOTS):
            # a full name the article writes (詹姆斯·卡麥隆) says whose its surname is
            surname = _DOT.split(m.key)[-1]
            for e in index.by_key.get(surname, ()):
                if e in m.entries:
                    continue
                same = [_same_surname(index, x, e) for x in m.entries]
                if any(same):
                    own.add((e, surname))
                elif any(v is False for v in same):
                    other.add((e, surname))
        i = bisect.bisect_right(starts, m.span.start) - 1
        if i < 0 or not (links[i].span.start <= m.span.start and m.span.end <= links[i].span.end):
            continue
        name = _link_name(links[i].target)
        if not name or m.key not in name:
            continue
        for e in m.entries:
            (own if name in index.entries[e].keys() else other).add((e, m.key))
    return other - own


def _same_surname(index: NameIndex, full_entry: int, surname_entry: int) -> bool | None:
    """``_renders_surname`` of two entries of ``index``, worked out once per index (a question of the
    tables alone, asked again at every mention of the full name); the answers live on the index."""
    memo = vars(index).setdefault("_same_surname", {})
    key = (full_entry, surname_entry)
    if key not in memo:
        memo[key] = _renders_surname(index.entries[full_entry], index.entries[surname_entry])
    return memo[key]


def _renders_surname(full: NameEntry, surname: NameEntry) -> bool | None:
    """Whether a surname entry renders, in every variant both entries give, the surname of a full
    name's entry: 特朗普/川普 is Donald Trump's, but 卡梅伦/卡麥隆/卡梅倫 (David Cameron) is not
    James Cameron's 卡梅隆/卡麥隆/金馬倫.  None when they share no variant."""
    common = [v for v in full.forms.keys() & surname.forms.keys() if v != "zh"]
    if not common:
        return None
    return all(
        fold_chars(re.split(f"[{_DOTS}]", full.forms[v])[-1]) == fold_chars(surname.forms[v]) for v in common
    )


def _entity_mentions(art: Article, index: NameIndex, kinds: frozenset[str]) -> dict[int, list[Mention]]:
    """The mentions of each entry of ``kinds`` the article names (computed once per article and kinds:
    NM001 and NM003 both read it; neither changes it)."""
    return art.view(("entity-mentions", kinds), lambda: _build_entity_mentions(art, index, kinds))


def _build_entity_mentions(art: Article, index: NameIndex, kinds: frozenset[str]) -> dict[int, list[Mention]]:
    anchored = _anchored_entities(art, index)
    elsewhere = _linked_to_others(art, index)
    out: dict[int, list[Mention]] = defaultdict(list)
    for m in art.mentions:
        if art.is_declared(m.span) or m.wrong or _is_given_name(art.text, m.span):
            continue
        for e in m.entries:
            entry = index.entries[e]
            if entry.kind not in kinds or m.key in art.declared_keys or m.key in entry.short_forms:
                continue
            if len(m.key) < 3 and e not in anchored:
                continue
            if (e, m.key) in elsewhere:
                continue
            out[e].append(m)
    return out
