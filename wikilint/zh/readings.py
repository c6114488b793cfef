"""Readings of Han characters: Korean (Unihan kHangul) and Mandarin (pypinyin, without tone).

The ``names`` family uses them to tell that two renderings of a name sound alike: 金英哲 and 金永哲
are both read 김영철 in Korean (英 and 永 are both 영), while 金赫哲 is 김혁철 (赫 is 혁).

``wikilint/zh/data/khangul.json`` is a trimmed copy of the Unihan database field kHangul
(Unicode 12.1): each character maps to the string of its Hangul readings, one syllable each, with
the source flags dropped.  See ``wikilint/zh/data/NOTICE-khangul.md`` for its source and licence.

Simplified characters are mostly absent from kHangul (hanja are traditional forms), so a character
without a reading is looked up again in its traditional form (OpenCC ``s2t``).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "khangul.json"


@lru_cache(maxsize=1)
def _khangul() -> dict[str, str]:
    with _DATA.open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=None)  # one converter per config: s2t and t2s alternate
def _opencc(config: str):
    import opencc

    return opencc.OpenCC(config)


# Han blocks whose characters' single-character conversions are tabled (BMP: extension A, the
# unified block, compatibility ideographs)
_HAN_BLOCKS = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def _build_char_table(config: str) -> dict[str, str]:
    convert = _opencc(config).convert
    table = {}
    for start, end in _HAN_BLOCKS:
        for code in range(start, end):
            ch = chr(code)
            out = convert(ch)
            if out != ch:
                table[ch] = out
    return table


@lru_cache(maxsize=None)
def _char_table(config: str) -> dict[str, str]:
    """OpenCC's conversion of each single Han character (those it changes), built once from OpenCC
    itself and kept in the disk cache: most calls convert one character, and starting OpenCC
    (loading its dictionaries) costs more than a whole short article's check."""
    import importlib.util

    from wikilint.cache import disk_cached

    spec = importlib.util.find_spec("opencc")
    sources = [Path(__file__)] + ([Path(spec.origin)] if spec and spec.origin else [])
    return disk_cached(f"opencc-chars-{config}", sources, lambda: _build_char_table(config))


def _convert(config: str, text: str) -> str:
    if len(text) == 1 and any(start <= ord(text) < end for start, end in _HAN_BLOCKS):
        return _char_table(config).get(text, text)
    return _opencc(config).convert(text)


@lru_cache(maxsize=8192)
def to_traditional(text: str) -> str:
    return _convert("s2t", text)


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """OpenCC ``t2s``: the key under which two renderings differing only in script compare equal."""
    return _convert("t2s", text)


def fold(text: str) -> str:
    """Fold script differences away (蓬佩奧 and 蓬佩奥 fold to the same key)."""
    return to_simplified(text)


@lru_cache(maxsize=8192)
def korean_readings(char: str) -> frozenset[str]:
    """Hangul readings of one Han character (英 → {영}); empty when Unihan gives none."""
    table = _khangul()
    found = table.get(char)
    if found is None:
        trad = to_traditional(char)
        if len(trad) == 1 and trad != char:
            found = table.get(trad)
    if found is None:
        simp = to_simplified(char)
        if len(simp) == 1 and simp != char:
            found = table.get(simp)
    return frozenset(found or "")


@lru_cache(maxsize=8192)
def mandarin_readings(char: str) -> frozenset[str]:
    """Toneless pinyin readings of one Han character, all heteronyms (英 → {ying, yang}), with those
    of its other script's form: names are compared folded, and 点 must keep the readings of 點."""
    from pypinyin import Style, pinyin

    out: set[str] = set()
    for form in dict.fromkeys((char, to_traditional(char), to_simplified(char))):
        if len(form) != 1:
            continue
        result = pinyin(form, style=Style.NORMAL, heteronym=True, errors="ignore")
        if result:
            out.update(r for r in result[0] if r and r.isalpha())
    return frozenset(out)


def shared_reading(a: str, b: str, korean: bool = True) -> tuple[str, str] | None:
    """How two characters sound alike: ``("ko", "영")`` or ``("zh", "yong")``, else None.

    Korean is tried first: for Korean names it is the reading that matters, and Mandarin
    homophones are far more common than Korean ones.
    """
    if a == b:
        return ("same", a)
    common = korean_readings(a) & korean_readings(b) if korean else frozenset()
    if common:
        return ("ko", min(common))
    common = mandarin_readings(a) & mandarin_readings(b)
    if common:
        return ("zh", min(common))
    return None

