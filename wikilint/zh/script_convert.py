"""Length-preserving conversion with OpenCC's character-level configs, and where it guesses.

``convert(text, target)`` uses OpenCC's character-level configs ``s2t``, ``s2tw``, ``s2hk`` and
``t2s`` (never the phrase configs such as ``s2twp``, which rewrite vocabulary); they keep the
text's length, which is checked.  ``undetermined(text, target)`` lists the positions whose
conversion OpenCC guesses: a one-to-many character (one whose other candidates OpenCC's own
phrases use often: 后 干 范 于 台 里 面 发, not 果/菓) that no phrase of OpenCC's dictionary
resolves in its context (found by the same longest-match segmentation OpenCC uses).
"""

from __future__ import annotations

import threading
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Literal

from wikilint.zh.opencc_files import _data_file, _load_table
from wikilint.zh.script_evidence import classes
from wikilint.zh.script_tables import AMBIGUITY_THRESHOLD, Target, generated, is_han

_lock = threading.Lock()

#: OpenCC's phrase tables, by direction
_PHRASE_FILES = {"s2t": ("STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt"), "t2s": ("TSPhrases.txt",)}


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    with _lock:
        return opencc.OpenCC(config)


@lru_cache(maxsize=1024)  # a rule converts one run for each stretch it fixes in it
def convert(text: str, target: Target) -> str | None:
    """``text`` converted with OpenCC's character-level config, or None if the length changed."""
    if not text:
        return text
    out = _converter(target).convert(text)
    return out if len(out) == len(text) else None


def convert_chars(text: str, target: Target) -> str:
    """Character by character, without context (always length-preserving); a fallback."""
    known = _char_conversions(target)
    out = []
    for ch in text:
        c = known.get(ch)
        if c is None:
            c = _convert_char(ch, target)
            known[ch] = c
        out.append(c)
    return "".join(out)


@lru_cache(maxsize=None)
def _char_conversions(target: Target) -> dict[str, str]:
    """The characters converted so far, each the same whatever its context: OpenCC is asked once."""
    return {}


def _convert_char(ch: str, target: Target) -> str:
    c = _converter(target).convert(ch) if is_han(ch) else ch
    return c if len(c) == 1 else ch


@lru_cache(maxsize=2)
def _phrases(direction: Literal["s2t", "t2s"]) -> tuple[frozenset[str], int, frozenset[str]]:
    """OpenCC's phrase keys, the longest key, and the characters whose conversion is a guess:
    from the generated files when they match the installed OpenCC data, else from its tables."""
    data = generated()
    if data is not None:
        keys, longest, _ = _phrase_index(direction)
        return keys, longest, frozenset(data["ambiguous"][direction])
    return _build_phrases(direction)


@lru_cache(maxsize=2)
def _phrase_index(direction: Literal["s2t", "t2s"]) -> tuple[frozenset[str], int, dict[str, int]]:
    """OpenCC's phrase keys, the longest key's length, and the length of the longest key by its
    first two characters (the segmentation tries no longer phrase at a place, and none where two
    characters start no key).

    With the generated files, they are read once from the phrase files and then kept pickled:
    parsing the files costs more than checking a short article."""
    if generated() is None:
        keys, longest, _ = _phrases(direction)
        return keys, longest, _longest_by_start(keys)
    from wikilint.cache import disk_cached

    def build() -> tuple[frozenset[str], int, dict[str, int]]:
        keys = frozenset(_phrase_keys(direction))
        return keys, max(map(len, keys), default=1), _longest_by_start(keys)

    return disk_cached(f"opencc-phrase-index-{direction}", [Path(__file__), *map(_data_file, _PHRASE_FILES[direction])], build)


def _longest_by_start(keys: Iterable[str]) -> dict[str, int]:
    longest: dict[str, int] = {}
    for key in keys:
        if len(key) >= 2 and len(key) > longest.get(key[:2], 0):
            longest[key[:2]] = len(key)
    return longest


def _phrase_keys(direction: Literal["s2t", "t2s"]) -> Iterator[str]:
    """The keys of OpenCC's phrase tables, read fast (no values)."""
    names = _PHRASE_FILES[direction]
    for name in names:
        text = _data_file(name).read_text(encoding="utf-8")
        yield from (line.split("\t", 1)[0] for line in text.split("\n") if line and line[0] != "#")


def _build_phrases(direction: Literal["s2t", "t2s"]) -> tuple[frozenset[str], int, frozenset[str]]:
    if direction == "s2t":
        table = _load_table("STPhrases.txt")
        table.update(_load_table("STPhrases_GeneratedFromRegionalPhrases.txt"))
        chars = _load_table("STCharacters.txt")
    else:
        table = _load_table("TSPhrases.txt")
        chars = _load_table("TSCharacters.txt")
    several = {k: v[0] for k, v in chars.items() if len(v) > 1}
    exceptions: dict[str, int] = {}
    for key, values in table.items():
        for a, b in zip(key, values[0]):
            if a in several and b != several[a]:
                exceptions[a] = exceptions.get(a, 0) + 1
    ambiguous = frozenset(c for c, n in exceptions.items() if n >= AMBIGUITY_THRESHOLD)
    return frozenset(table), max((len(k) for k in table), default=1), ambiguous


def undetermined(text: str, target: Target, positions: Iterable[int] | None = None) -> list[int]:
    """Positions (among ``positions``, default all) whose conversion OpenCC has to guess.

    A position is a guess when its character is one-to-many in the character table, OpenCC's
    phrases use one of its other candidates at least ``AMBIGUITY_THRESHOLD`` times, and the
    longest-match segmentation OpenCC applies does not put it inside a phrase of the dictionary.
    The phrase table is loaded only when a one-to-many character is present.
    """
    direction = "t2s" if target == "t2s" else "s2t"
    c = classes()
    candidates = (c.ts_ambiguous if direction == "t2s" else c.st_ambiguous).positions(text)
    if positions is not None:
        wanted = positions if isinstance(positions, (range, set, frozenset)) else set(positions)
        candidates = [i for i in candidates if i in wanted]
    if not candidates:
        return []
    ambiguous = _phrases(direction)[2]
    candidates = [i for i in candidates if text[i] in ambiguous]
    if not candidates:
        return []
    covered = _covered(text, direction)
    return [i for i in candidates if i not in covered]


@lru_cache(maxsize=512)
def _covered(text: str, direction: Literal["s2t", "t2s"]) -> frozenset[int]:
    """The positions OpenCC's longest-match segmentation of ``text`` puts inside a phrase of its
    dictionary.  Kept for the texts of the last few fixes: a rule asks about one run's characters
    one at a time as it widens a stretch."""
    keys, _, longest_at = _phrase_index(direction)
    covered: list[int] = []
    i, n = 0, len(text)
    while i < n - 1:
        longest = longest_at.get(text[i : i + 2])
        if longest:
            for length in range(min(longest, n - i), 1, -1):
                if text[i : i + length] in keys:
                    covered.extend(range(i, i + length))
                    i += length
                    break
            else:
                i += 1
        else:
            i += 1
    return frozenset(covered)
