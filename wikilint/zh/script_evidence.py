"""Where a text's characters are script evidence: Japanese phrases, labelled glosses and bracketed
Japanese titles are skipped; the regional standard and the conversion target follow from the evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from wikilint.zh.script_tables import SIMPLIFIED, TRADITIONAL, CharTables, Script, Target, is_han, is_kana, tables

_KANA = re.compile("[\u3041-\u309f\u30a0-\u30fa\u30fd-\u30ff\u31f0-\u31ff\uff66-\uff9d]")


def _japanese_part(ch: str) -> bool:
    return is_han(ch) or is_kana(ch) or ch in "ー々〆ヽヾゝゞ・"


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
    if not may_be_foreign(text):
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
    c = classes()
    return c.tw_marks.count(text), c.hk_marks.count(text)


def may_be_foreign(text: str) -> bool:
    """Whether ``text`` may hold a Japanese phrase or a labelled gloss (``foreign_spans`` is empty
    when it does not); true of a text whenever it is true of any stretch of it."""
    return bool(_KANA.search(text) or _ORIGINAL_LABEL.search(text))


def evidence_counts(text: str) -> tuple[int, int]:
    """How many characters of ``text`` are evidence of simplified and of traditional: the counts of
    ``evidence(text)``, found without a Python step per character where no Japanese is possible."""
    if may_be_foreign(text):
        found = evidence(text)
        simp = sum(1 for _, s in found if s == SIMPLIFIED)
        return simp, len(found) - simp
    return plain_evidence_counts(text)


def plain_evidence_counts(text: str, astral: bool = True) -> tuple[int, int]:
    """``evidence_counts`` of a text ``may_be_foreign`` says holds no Japanese (a piece of such a
    text holds none either); ``astral=False`` when ``has_astral`` says it holds no character beyond
    the Basic Multilingual Plane."""
    c = classes()
    return c.simplified.count(text, astral), c.traditional.count(text, astral)


def has_astral(text: str) -> bool:
    """Whether ``text`` holds a character beyond the Basic Multilingual Plane (a piece of a text
    that holds none holds none either)."""
    return _ASTRAL.search(text) is not None


def han_count(text: str) -> int:
    """How many Han characters ``text`` holds (``is_han``): the rest, in stretches, taken away."""
    return len(text) - sum(map(len, _NOT_HAN.findall(text)))


_NOT_HAN = re.compile("[^\u4e00-\u9fff\u3400-\u4dbf\U00020000-\U0003134f\uf900-\ufaff\U0002f800-\U0002fa1f]+")
#: a character outside the Basic Multilingual Plane
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class CharClass:
    """A set of characters, counted over whole strings without a Python step per character.

    The characters of the Basic Multilingual Plane make one compiled character class, which the
    regular-expression engine tests with a bitmap; the rest (rare characters of the CJK extensions)
    are few in any text, and a character class would test them one by one, so they are looked up
    in a set, only in texts that hold such a character at all.

    Compiling the class (its characters given as ranges where they follow one another) costs a few
    milliseconds, what a Python step per character costs over some 100,000 characters; so the
    class is compiled only once it has been asked about ``COMPILE_AFTER`` characters, and until
    then looks them up one by one: checking one short article never pays for it, a long run pays
    once."""

    COMPILE_AFTER = 50_000

    def __init__(self, chars: frozenset[str]) -> None:
        self._chars = chars
        self._astral = frozenset(c for c in chars if ord(c) > 0xFFFF)
        self._bmp: re.Pattern | None = None
        self._compiled = False
        self._read = 0

    def _ready(self, size: int) -> bool:
        """Whether the compiled class is to be used for ``size`` more characters."""
        if not self._compiled:
            self._read += size
            if self._read < self.COMPILE_AFTER:
                return False
            self._bmp, self._compiled = _compile_class(self._chars), True
        return True

    def found_in(self, text: str) -> bool:
        if not self._ready(len(text)):
            chars = self._chars
            return any(c in chars for c in text)
        if self._bmp is not None and self._bmp.search(text):
            return True
        return bool(self._astral) and any(c in self._astral for c in _ASTRAL.findall(text))

    def positions(self, text: str) -> list[int]:
        """The offsets of the class's characters in ``text``, in order."""
        if not self._ready(len(text)):
            chars = self._chars
            return [i for i, c in enumerate(text) if c in chars]
        found = [m.start() for m in self._bmp.finditer(text)] if self._bmp is not None else []
        if self._astral and _ASTRAL.search(text):
            found = sorted(found + [m.start() for m in _ASTRAL.finditer(text) if m.group() in self._astral])
        return found

    def count(self, text: str, astral: bool = True) -> int:
        if not self._ready(len(text)):
            chars = self._chars
            return sum(1 for c in text if c in chars)
        n = self._bmp.subn("", text)[1] if self._bmp is not None else 0
        if astral and self._astral and _ASTRAL.search(text):
            n += sum(1 for c in _ASTRAL.findall(text) if c in self._astral)
        return n


def _compile_class(chars: frozenset[str]) -> re.Pattern | None:
    """A character class of the Basic Multilingual Plane characters of ``chars``, or None."""
    points = sorted(ord(c) for c in chars if ord(c) <= 0xFFFF)
    if not points:
        return None
    parts, start = [], 0
    for k in range(1, len(points) + 1):
        if k == len(points) or points[k] != points[k - 1] + 1:
            first, last = chr(points[start]), chr(points[k - 1])
            parts.append(re.escape(first) if first == last else f"{re.escape(first)}-{re.escape(last)}")
            start = k
    return re.compile(f"[{''.join(parts)}]")


@dataclass(frozen=True)
class Classes:
    """The character classes of ``tables()`` as ``CharClass`` es."""

    source: CharTables
    simplified: CharClass
    traditional: CharClass
    tw_marks: CharClass
    hk_marks: CharClass
    st_ambiguous: CharClass
    ts_ambiguous: CharClass


_classes: list[Classes] = []


def classes() -> Classes:
    """``tables()`` compiled for counting, rebuilt when the tables are (about 10 ms)."""
    t = tables()
    if not _classes or _classes[0].source is not t:
        _classes[:] = [Classes(t, *(CharClass(getattr(t, name)) for name in Classes.__dataclass_fields__ if name != "source"))]
    return _classes[0]


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
