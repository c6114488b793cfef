"""Regional vocabulary: the mainland and Taiwan wording of one concept (软件/軟體), from OpenCC's
TWPhrases and TWPhrasesRev, found in a text as OpenCC segments it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Sequence

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


def find_terms(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int, int, str]]:
    """``(start, end, pair, region)`` of regional terms in ``text`` (or in ``text[start:end]``, with
    offsets into ``text``), longest match first, as OpenCC segments: a longer key of its tables that
    is no term (比特幣) hides the term inside."""
    yield from find_terms_in(text, ((start, len(text) if end is None else end),))


def find_terms_in(text: str, runs: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int, int, str]]:
    """``find_terms`` of each ``(start, end)`` of ``runs`` in turn, with offsets into ``text``."""
    table = vocabulary()
    terms, blockers = table.terms, table.blockers
    scanner = _scanner(table)
    lengths, single = scanner.lengths, scanner.single
    for start, end in runs:
        # the longest word at each place a word can start, left to right; a place inside a word
        # taken is passed over, and a place where no word starts moves on by one, as OpenCC walks
        pos = start
        for i in scanner.places(text, start, end):
            if i < pos:
                continue
            options = lengths.get(text[i : i + 2], ())
            if single and text[i] in single:
                options += (1,)
            for length in options:
                if i + length > end:
                    continue
                word = text[i : i + length]
                hit = terms.get(word)
                if hit is not None:
                    yield i, i + length, hit[0], hit[1]
                    pos = i + length
                    break
                if word in blockers:
                    pos = i + length
                    break


class _Scanner:
    """Where in a text a term or blocker may start, and the lengths to try there: those of the
    words sharing its first two characters, longest first.

    A compiled pattern finds the places (a word's first character followed by a possible second:
    about one place in thirteen).  Compiling it takes a few milliseconds, what stepping through some
    20,000 characters does, so until ``COMPILE_AFTER`` characters have been read every place is
    tried: checking one article never pays for the pattern, a long run pays once."""

    COMPILE_AFTER = 20_000

    def __init__(self, table: VocabularyTable) -> None:
        self.table = table
        words = [*table.terms, *table.blockers]
        by_start: dict[str, set[int]] = {}
        for word in words:
            if len(word) >= 2:
                by_start.setdefault(word[:2], set()).add(len(word))
        self.lengths = {k: tuple(sorted(v, reverse=True)) for k, v in by_start.items()}
        self.single = frozenset(w for w in words if len(w) == 1)
        self._read = 0
        self._pattern: re.Pattern | None = None

    def places(self, text: str, start: int, end: int) -> Sequence[int]:
        if self._pattern is None:
            self._read += end - start
            if self._read < self.COMPILE_AFTER:
                return range(start, end)
            self._pattern = self._compile()
        return [m.start() for m in self._pattern.finditer(text, start, end)]

    def _compile(self) -> re.Pattern:
        words = [*self.table.terms, *self.table.blockers]

        def chars(cs: Iterable[str]) -> str:
            return "".join(re.escape(c) for c in sorted(set(cs)))

        first, second = chars(w[0] for w in words if len(w) >= 2), chars(w[1] for w in words if len(w) >= 2)
        alternatives = [f"[{first}](?=[{second}])"] if first else []
        if self.single:
            alternatives.append(f"[{chars(self.single)}]")
        return re.compile("|".join(alternatives) or "(?!)")


_scanners: list[_Scanner] = []


def _scanner(table: VocabularyTable) -> _Scanner:
    if not _scanners or _scanners[0].table is not table:
        _scanners[:] = [_Scanner(table)]
    return _scanners[0]
