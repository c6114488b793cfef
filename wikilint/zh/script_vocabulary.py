"""Regional vocabulary: the mainland and Taiwan wording of one concept (软件/軟體), from OpenCC's
TWPhrases and TWPhrasesRev, found in a text as OpenCC segments it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator

from wikilint.zh.opencc_files import _load_table
from wikilint.zh.script_convert import _converter
from wikilint.zh.script_tables import _GENERATED, generated


MAINLAND, TAIWAN = "mainland", "taiwan"


@dataclass(frozen=True)
class VocabularyTable:
    """Terms from OpenCC's TWPhrases / TWPhrasesRev, in both scripts.

    ``terms`` maps a written form to ``(pair, region)``; ``pairs[pair]`` is the
    ``(mainland, taiwan)`` wording in simplified and traditional respectively (软件, 軟體).
    ``blockers`` are the other keys of the two tables (比特幣, 軟體動物, 納米比亞): longer words
    OpenCC matches first so that the term inside them is not converted, and that the scan
    therefore steps over, as OpenCC does.
    """

    terms: dict[str, tuple[int, str]]
    pairs: tuple[tuple[str, str], ...]
    lengths: dict[str, tuple[int, ...]]  # first character -> term and blocker lengths, longest first
    blockers: frozenset[str] = frozenset()


def _common_words() -> frozenset[str]:
    text = (_GENERATED / "regional_common.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=1)
def vocabulary() -> VocabularyTable:
    """The regional terms: from the generated table when it matches the installed OpenCC data
    and the common-words list, else built (see ``_build_vocabulary``)."""
    data = generated()
    if data is not None and data["vocabulary"]["common"] == sorted(_common_words()) and "blockers" in data["vocabulary"]:
        v = data["vocabulary"]
        return _vocabulary_table(
            [tuple(p) for p in v["pairs"]], {k: (a, b) for k, (a, b) in v["terms"].items()}, v["blockers"]
        )
    return _build_vocabulary()


def _vocabulary_table(
    pairs: list[tuple[str, str]], terms: dict[str, tuple[int, str]], blockers: Iterable[str] = ()
) -> VocabularyTable:
    blockers = frozenset(blockers)
    by_first: dict[str, set[int]] = {}
    for form in list(terms) + list(blockers):
        by_first.setdefault(form[0], set()).add(len(form))
    lengths = {c: tuple(sorted(ls, reverse=True)) for c, ls in by_first.items()}
    return VocabularyTable(terms, tuple(pairs), lengths, blockers)


def _build_vocabulary() -> VocabularyTable:
    """Pairs OpenCC lists in both directions (TWPhrases and TWPhrasesRev agree), of two or more
    characters, where the Taiwan side is not also a mainland form (地址 → 地址/位址 is dropped),
    minus the pairs ``data/regional_common.txt`` lists by either side: a mainland term Taiwan also
    writes every day (發佈, 支持, 項目) or a Taiwan term the mainland also writes every day (影片,
    核心, 指標)."""
    forward = _load_table("TWPhrases.txt")
    backward = _load_table("TWPhrasesRev.txt")
    common = _common_words()
    t2s = _converter("t2s")
    candidates = []
    forms_of: dict[str, set[str]] = {MAINLAND: set(), TAIWAN: set()}
    for cn, tws in forward.items():
        tw = tws[0]
        if cn in tws or len(cn) < 2 or len(tw) < 2 or cn not in backward.get(tw, ()):
            continue
        cn_forms, tw_forms = {cn, t2s.convert(cn)}, {tw, t2s.convert(tw)}
        forms_of[MAINLAND] |= cn_forms
        forms_of[TAIWAN] |= tw_forms
        if cn not in common and tw not in common:
            candidates.append((cn_forms, tw_forms, t2s.convert(cn), tw))
    pairs: list[tuple[str, str]] = []
    terms: dict[str, tuple[int, str]] = {}
    for cn_forms, tw_forms, cn_simp, tw in candidates:
        pair = len(pairs)
        pairs.append((cn_simp, tw))
        for forms, region, other_side in ((cn_forms, MAINLAND, TAIWAN), (tw_forms, TAIWAN, MAINLAND)):
            for form in forms:
                # a form either region writes (文件: mainland for 檔案, Taiwan for 文檔) proves nothing
                if form not in forms_of[other_side]:
                    terms.setdefault(form, (pair, region))
    # every other key OpenCC would match (its own words holding a term: 比特幣, 軟體動物, 海內存知己)
    blockers = set()
    for table in (forward, backward):
        for key in table:
            for form in (key, t2s.convert(key)):
                if len(form) >= 2 and form not in terms:
                    blockers.add(form)
    return _vocabulary_table(pairs, terms, blockers)


def find_terms(text: str) -> Iterator[tuple[int, int, int, str]]:
    """``(start, end, pair, region)`` of regional terms in ``text``, longest match first, as
    OpenCC segments: a longer key of its tables that is no term (比特幣) hides the term inside."""
    table = vocabulary()
    terms, lengths, blockers = table.terms, table.lengths, table.blockers
    i, n = 0, len(text)
    while i < n:
        for length in lengths.get(text[i], ()):
            if i + length > n:
                continue
            word = text[i : i + length]
            hit = terms.get(word)
            if hit is not None:
                yield i, i + length, hit[0], hit[1]
                i += length
                break
            if word in blockers:
                i += length
                break
        else:
            i += 1
