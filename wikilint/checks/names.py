"""The ``names`` family: one person, one transliteration.

Foreign names reach Chinese through several renderings (特朗普 in zh-cn and zh-hk, 川普 in zh-tw), and
Korean names have one set of hanja but editors write homophones (金永哲 for 金英哲).  The rules:

* NM001 ``mixed-name-forms``: two renderings of one entry of the name tables in one article.
* NM002 ``known-wrong-name``: a rendering the tables list as wrong.
* NM003 ``name-not-of-variant``: a rendering that is not the one zh-wiki uses for the article's variant.
* NM004 ``sound-alike-name``: no data needed: a rarer name that differs from a more frequent one in
  one character that sounds the same (Korean hanja reading or Mandarin pinyin).

How the article's variant is decided
------------------------------------
``ctx.variant`` when configured.  Otherwise it is detected from the prose: traditional or simplified
by which characters dominate (OpenCC ``t2s`` / ``s2t`` per character), then a region only on strong
signals — ``zh-tw`` when 裡 occurs three times or more and neither 裏 nor 爲 does, ``zh-hk`` when
裏 and 爲 occur three times or more and 裡 does not.  為 and 著 are written in Taiwan and Hong Kong
alike, and 着 is also the simplified character (articles mix simplified paragraphs in), so they are
no signal.  A traditional article without a clear region is ``zh-hant``; a simplified one
``zh-hans``.

``zh-hant`` and ``zh-hans`` are read as the union of their regional variants (zh-hant: zh-hant,
zh-tw, zh-hk, zh-mo; zh-hans: zh-hans, zh-cn, zh-sg, zh-my): in a traditional article both 川普
(zh-tw) and 特朗普 (zh-hk) are zh-wiki forms of Trump, so neither is "not of the variant", and when an
article mixes them the majority among the accepted forms wins.  A detected (not configured) region
only ever narrows NM003; NM001 always picks its target among the forms of the detected script, so
a wrong guess about the region can never turn a majority into the reported form.

Forms are compared after folding script differences with OpenCC (``t2s``, character by
character, so offsets keep): 蓬佩奧 and 蓬佩奥 are one form, a ``script`` matter, not reported here.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Iterable, Iterator

from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation
from wikilint.zh.readings import fold, korean_readings, shared_reading, to_traditional

# -- variants -----------------------------------------------------------------------------------

HANS = ("zh-hans", "zh-cn", "zh-sg", "zh-my")
HANT = ("zh-hant", "zh-tw", "zh-hk", "zh-mo")
#: MediaWiki's variant fallbacks (LanguageZh): the first form present along the chain is shown
FALLBACK = {
    "zh-hans": ("zh-hans", "zh-cn", "zh-sg", "zh-my"),
    "zh-cn": ("zh-cn", "zh-hans", "zh-sg", "zh-my"),
    "zh-sg": ("zh-sg", "zh-my", "zh-hans", "zh-cn"),
    "zh-my": ("zh-my", "zh-sg", "zh-hans", "zh-cn"),
    "zh-hant": ("zh-hant", "zh-tw", "zh-hk", "zh-mo"),
    "zh-tw": ("zh-tw", "zh-hant", "zh-hk", "zh-mo"),
    "zh-hk": ("zh-hk", "zh-mo", "zh-hant", "zh-tw"),
    "zh-mo": ("zh-mo", "zh-hk", "zh-hant", "zh-tw"),
}
SCOPE = {"zh-hans": HANS, "zh-hant": HANT, **{v: (v,) for v in FALLBACK if v not in ("zh-hans", "zh-hant")}}
_ALIASES = {"zh-hans-cn": "zh-cn", "zh-hant-tw": "zh-tw", "zh-hant-hk": "zh-hk", "zh-hant-mo": "zh-mo", "zh-hans-sg": "zh-sg", "zh-hans-my": "zh-my"}


@dataclass(frozen=True)
class Variant:
    code: str  # one of FALLBACK's keys
    configured: bool

    @property
    def scope(self) -> tuple[str, ...]:
        return SCOPE[self.code]

    @property
    def script_scope(self) -> tuple[str, ...]:
        """The detected script's union (zh-hant / zh-hans) unless the variant was configured."""
        if self.configured:
            return self.scope
        return HANT if self.code in HANT else HANS

    @property
    def traditional(self) -> bool:
        return self.code in HANT


def normalise_variant(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().lower().replace("_", "-")
    code = _ALIASES.get(code, code)
    return code if code in FALLBACK else None


_TW_STRONG = "裡"
_HK_STRONG = "裏爲"  # not 着: it is also the simplified form, and mixed articles have simplified paragraphs


def detect_variant(text: str) -> Variant:
    """Traditional or simplified by dominance, then a region only on strong signals (see the module doc)."""
    counts = Counter(ch for ch in text if "\u3400" <= ch <= "\u9fff")
    trad = simp = 0
    for ch, n in counts.items():
        if fold(ch) != ch:
            trad += n
        elif to_traditional(ch) != ch:
            simp += n
    if simp > trad:
        return Variant("zh-hans", False)
    tw = counts.get(_TW_STRONG, 0)
    hk = sum(counts.get(ch, 0) for ch in _HK_STRONG)
    if tw >= 3 and hk == 0:
        return Variant("zh-tw", False)
    if hk >= 3 and tw == 0:
        return Variant("zh-hk", False)
    return Variant("zh-hant", False)


# -- the name tables ----------------------------------------------------------------------------


class _CharFolds(dict):
    """Code point → its script-folded character, filled on first sight (a ``str.translate`` table)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = fold(ch)
        value = self[code] = folded if len(folded) == 1 else ch
        return value


_CHAR_FOLDS = _CharFolds()


def fold_chars(text: str) -> str:
    """Fold script character by character, so that offsets into ``text`` stay valid."""
    return text.translate(_CHAR_FOLDS)


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


# -- what an article says -----------------------------------------------------------------------

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
#: a character spelling at least this many dotted names of the tables is a transliteration character
_TRANSLITERATION_MIN = 15
_DOTS = "·‧•・"
_ALT_MARKERS = (
    "或譯|又譯|亦譯|舊譯|曾譯|港譯|台譯|臺譯|澳譯|大陸譯作|大陸譯|中國大陸譯作|一譯|另譯|通譯|又稱|或稱|亦稱|又作|或作|亦作|"
    "或译|又译|亦译|旧译|曾译|港译|台译|澳译|大陆译作|大陆译|中国大陆译作|一译|另译|通译|又称|或称|亦称|"
    # a region's rendering, written out: 台灣譯作川普, 台湾译作川普, 新加坡譯為…, 香港稱…
    "台灣譯|臺灣譯|新加坡譯|馬來西亞譯|大陸稱|台灣稱|臺灣稱|香港稱|港澳稱|"
    "台湾译|新加坡译|马来西亚译|大陆称|台湾称|香港称|港澳称"
)
_ALT = re.compile(
    rf"(?:{_ALT_MARKERS})(?:作|為|为|成)?[：:\s]*[「『“\"《]?(?P<name>[{_HAN}][{_HAN}{_DOTS}]{{1,14}}?)(?=[」』”\"》）)，,、；;。\s]|$)"
)
#: a Han name in brackets, a gloss when a foreign name comes right before it: Kim Yong-chol（金英哲）.
#: The foreign name is checked backwards from the bracket (``_after_foreign``): a pattern that
#: starts at every letter rescans the whole run of letters each time, quadratic in its length.
_GLOSS = re.compile(rf"[（(](?P<name>[{_HAN}][{_HAN}{_DOTS}]{{1,14}})[）)]")
_FOREIGN_LETTER = re.compile(r"[A-Za-z\uac00-\ud7af]")
_FOREIGN_FILLER = " .'-"


_BEFORE_WINDOW = 64
_LEAD_UP = re.compile(r"[（(，,\s「」『』]+$")


def _name_before(text: str, pos: int) -> str:
    """The text before ``pos`` (at most ``_BEFORE_WINDOW`` characters) without the brackets,
    commas, quotes and spaces that lead up to a declared alternative."""
    return _LEAD_UP.sub("", text[max(0, pos - _BEFORE_WINDOW) : pos])


def _after_foreign(text: str, pos: int) -> bool:
    """Whether a foreign name (Latin or Hangul letters, with spaces, dots, apostrophes and hyphens)
    ends right before ``pos``, whitespace aside.  Stops at the first letter, so each scan covers only
    the filler and whitespace since the previous bracket: linear over the whole text."""
    i = pos
    while i > 0 and text[i - 1].isspace():
        i -= 1
    while i > 0:
        c = text[i - 1]
        if _FOREIGN_LETTER.match(c):
            return True
        if c not in _FOREIGN_FILLER:
            return False
        i -= 1
    return False


_DOTTED = re.compile(rf"[{_HAN}]{{1,6}}(?:[{_DOTS}][{_HAN}]{{1,6}})+")
_HAN_CHAR = re.compile(rf"[{_HAN}]")
_HAN_CHARS = _HAN_CHAR
_HAN_NAME = re.compile(rf"^[{_HAN}]{{3,4}}$")
_COMPOUND_SURNAMES = frozenset(
    fold_chars(s)
    for s in (
        "歐陽 司馬 諸葛 上官 東方 皇甫 南宮 鮮于 獨孤 令狐 慕容 司徒 司空 夏侯 尉遲 公孫 長孫 宇文 軒轅 端木 "
        "西門 申屠 澹臺 百里 東郭 呼延 第五 南門 諸 皇甫 鍾離 宗政 濮陽 公羊 太叔 申屠 赫連"
    ).split()
)
#: single-character surnames common in Chinese, Korean and Vietnamese names (folded at use)
_SURNAMES = frozenset(
    "".join(
        fold(ch)
        for ch in (
            "王李張劉陳楊黃趙吳周徐孫馬朱胡郭何高林羅鄭梁謝宋唐許韓馮鄧曹彭曾蕭田董袁潘于蔣蔡余杜葉程蘇魏呂丁任沈姚盧"
            "姜崔鍾譚陸汪范金石廖賈夏韋付方白鄒孟熊秦邱江尹薛閆段雷侯龍史陶黎賀顧毛郝龔邵萬錢嚴覃武戴莫孔向湯常溫康施"
            "文牛樊葛邢安齊易喬伍龐顏倪莊聶章魯岳翟殷詹申歐耿關蘭焦俞左柳甘祝包寧尚符舒阮柯紀梅童凌畢單季裴霍涂成苗谷"
            "盛曲翁冉駱藍路游辛靳管柴蒙鮑華喻祁蒲房滕屈饒解牟艾尤陽時穆農司卓古吉繆簡車項連蘆麥褚婁竇戚岑景黨宮費卜冷"
            "晏席衛米柏宗瞿桂全佟應臧閔苟鄔邊卞姬師和仇欒隋商刁沙榮巫寇桑郎甄叢仲虞敖鞏明佘池查麻苑遲鄺官封談匡鞠惠荊"
            "樂冀郁胥南班儲原栗燕楚鄢勞諶奚皮粟冼藺樓盤滿聞位厲伊仝區郜海闞花權強帥屠豆朴玄琴禹河卓都魚琴慎甘秋奇表"
            "裴楊梁黎阮陳范黃潘武吳胡鄧丁段杜"
        )
    )
)
#: last characters of place and organisation names (中朝邊界, 河南省, 天津站 …): not people
_NOT_PERSON_END = frozenset(fold(ch) for ch in "省市縣區站路灣報社黨國會部局院臺橋號島州鎮村街港界線府宮寺廟館園場營軍團隊所處署廳校業刊網店廠礦系關門堂統聞")
#: grammatical words that follow a noun (folded): a name's last character turned into one of them is
#: the next word of the sentence, not a slip (王国为 beside 王国维)
_FUNCTION_WORDS = frozenset("的地得了着过是在和与及为于对把被让向从也都就而并之其所以已将会能要等说称曾又再则还即或乃且但因由至自")
_TEMPLATES_NOTETA = frozenset({"noteta", "notetitle", "notetag"})


@dataclass(frozen=True)
class Mention:
    span: Span
    surface: str
    key: str
    entries: tuple[int, ...]
    wrong: tuple[tuple[int, WrongForm], ...] = ()


@dataclass
class Article:
    """What the names rules read off one document, computed once and shared by the four rules."""

    text: str
    links: tuple
    runs: list[tuple[Span, str]]  # prose runs the rules may look at, with their folded text
    folded_text: str  # all those runs joined by newlines (for context words)
    variant: Variant
    declared_spans: list[Span] = field(default_factory=list)  # declared alternatives (或譯「…」)
    glossed_spans: list[Span] = field(default_factory=list)  # a rendering glossing a Latin or Hangul name: Kim Yong-chol（金英哲）
    declared_pairs: list[tuple[str, str]] = field(default_factory=list)  # (main key, alternative key)
    declared_entries: set[int] = field(default_factory=set)  # entries with a conversion declared
    declared_keys: set[str] = field(default_factory=set)  # their forms: zh-wiki converts them wherever they stand
    link_targets: dict[str, set[str]] = field(default_factory=dict)  # folded name → folded targets
    title_name: str | None = None  # the article's title when it is a person's name, folded
    title: str = ""  # the article's title as written
    mentions: list[Mention] = field(default_factory=list)
    _merged: dict = field(default_factory=dict, repr=False)

    def is_declared(self, span: Span, glosses: bool = True) -> bool:
        """Inside a declared alternative (或譯「…」), or, with ``glosses``, a rendering in parentheses
        after the Latin or Hangul name: places where another rendering is no inconsistency."""
        if self._overlaps(self.declared_spans, span):
            return True
        return glosses and self._overlaps(self.glossed_spans, span)

    def _overlaps(self, spans: list[Span], span: Span) -> bool:
        # a bisect over the merged spans: a scan per question is quadratic in an article that
        # declares thousands of alternatives
        key = (id(spans), len(spans))
        merged = self._merged.get(key)
        if merged is None:
            from wikilint.formats.common import merge_spans

            pieces = merge_spans(spans)
            merged = self._merged[key] = (pieces, [p.start for p in pieces])
        pieces, starts = merged
        k = bisect.bisect_left(starts, span.end) - 1
        return k >= 0 and pieces[k].overlaps(span)


def _visible_runs(doc: Document) -> list[Span]:
    """Prose runs outside exempt spans, the category footer, the references and the category and
    language links; a file's caption is visible text and counts (the front-ends leave its options out)."""
    skip = list(doc.exempt) + list(doc.category_lines)
    if doc.references_span is not None:
        skip.append(doc.references_span)
    skip += [s.span for s in doc.sections if s.is_references]
    skip += [link.span for link in doc.links if link.kind in ("category", "interlanguage")]
    from wikilint.formats.common import merge_spans

    # merged, the skips are sorted and disjoint: the ones a run meets are a contiguous slice
    skip = merge_spans(skip)
    starts = [s.start for s in skip]
    out = []
    for run in doc.prose_runs():
        k = max(bisect.bisect_right(starts, run.start) - 1, 0)
        cur = run.start
        while k < len(skip) and skip[k].start < run.end:
            s = skip[k]
            if s.end > cur:
                if s.start > cur:
                    out.append(Span(cur, s.start))
                cur = max(cur, s.end)
            k += 1
        if cur < run.end:
            out.append(Span(cur, run.end))
    return out


_INFOBOX = re.compile(r"^(?:infobox|信息框|資訊框|资讯框)|(?:信息框|資訊框|资讯框)$", re.I)
_NAME_RUN = re.compile(rf"[{_HAN}{_DOTS}]+")
_DOT = re.compile(f"[{_DOTS}]")


def _infobox_runs(doc: Document) -> list[Span]:
    """The names an infobox shows (``| successor = [[李會昌|李會昌]]``, ``| name = 洪準杓``): its
    parameter values are visible text though no prose.  Han runs of each value, without what
    the reader does not see there (link targets beside a link text, nested templates, markup)."""
    boxes = [t for t in doc.templates if _INFOBOX.search(t.name.strip().replace("_", " "))]
    if not boxes:
        return []
    hidden = [t.span for t in doc.templates if not _INFOBOX.search(t.name.strip().replace("_", " "))]
    hidden += [l.span for l in doc.links if l.kind != "internal"]
    hidden += [l.target_span for l in doc.links if l.kind == "internal" and l.text is not None and l.target_span]
    hidden += [m.span for m in doc.markup] + list(doc.exempt)
    out = []
    for box in boxes:
        inside = [h for h in hidden if box.span.contains(h)]
        for _key, value in box.param_spans:
            for m in _NAME_RUN.finditer(value.slice(doc.text)):
                piece = Span(value.start + m.start(), value.start + m.end())
                if not any(h.overlaps(piece) for h in inside):
                    out.append(piece)
    return out


_DISAMBIGUATION = re.compile(r"\s*[（(][^）)]*[）)]\s*$")


def _title_text(target: str) -> str:
    """A page title as readers see it: 李勇浩 of ``李勇浩_(外交官)`` (underscores as spaces, the
    parenthesised disambiguation dropped)."""
    return _DISAMBIGUATION.sub("", target.strip()).replace("_", " ").strip()


def _link_name(target: str) -> str | None:
    """A link target that looks like a person's name, folded: 金英哲, 邁克·蓬佩奧 (parenthesised
    disambiguation dropped); None for anything else."""
    name = fold_chars(_title_text(target))
    if _DOTTED.fullmatch(name) or _looks_like_han_name(name):
        return name
    return None


def _looks_like_han_name(name: str) -> bool:
    """三至四字、以常見姓氏開頭、不以地名機構字結尾: 金英哲 yes, 河南省 / 中朝边界 no."""
    if not _HAN_NAME.match(name) or name[-1] in _NOT_PERSON_END:
        return False
    return name[0] in _SURNAMES or name[:2] in _COMPOUND_SURNAMES


def _declared_entries(doc: Document, index: NameIndex) -> set[int]:
    found: set[int] = set()
    values: list[str] = []
    for conv in doc.conversion_declarations:
        values += [text for _v, text in conv.variants]
    for template in doc.templates:
        if template.name.strip().replace("_", " ").lower() not in _TEMPLATES_NOTETA:
            continue
        for key, value in template.params:
            key = key.strip()
            if re.fullmatch(r"[Gg]\d+", key):
                found.update(index.by_cgroup.get(value.strip().lower(), ()))
            elif key.isdigit():
                for piece in value.split(";"):
                    _, _, text = piece.partition(":")
                    if "=>" in piece:
                        values.append(piece.split("=>")[0])
                    if text.strip():
                        values.append(text)
    for value in values:
        key = fold_chars(value.strip().strip("}-{"))
        found.update(index.by_key.get(key, ()))
    return found


def _scan(runs: list[tuple[Span, str]], index: NameIndex, doc: Document) -> list[Mention]:
    """Leftmost-longest matches of table forms (at least two characters) in the visible prose."""
    mentions = []
    by_key, wrong_by_key, lengths_by_first = index.by_key, index.wrong_by_key, index.lengths_by_first
    spelt = index.transliteration_chars
    for run, folded in runs:
        i, n = 0, len(folded)
        while i < n:
            hit = None
            for length in lengths_by_first.get(folded[i], ()):
                if i + length > n:
                    continue
                key = folded[i : i + length]
                if (key in by_key or key in wrong_by_key) and not _inside_foreign_word(folded, i, i + length, spelt):
                    hit = key
                    break
            if hit is None:
                i += 1
                continue
            span = Span(run.start + i, run.start + i + len(hit))
            mentions.append(
                Mention(span, span.slice(doc.text), hit, tuple(by_key.get(hit, ())), tuple(wrong_by_key.get(hit, ())))
            )
            i += len(hit)
    return mentions


def _inside_foreign_word(folded: str, start: int, end: int, spelt: frozenset[str]) -> bool:
    """A form that starts or ends inside a longer run of transliteration characters is a piece of
    another foreign word: the 杰拉德 of 菲茨杰拉德号, the 克里 of 克里米亞 and 克里姆林宮.  Two such
    characters on either side make the run; a middle dot ends it (斯蒂芬·米勒)."""
    before, after = folded[max(0, start - 2) : start], folded[end : end + 2]
    return (len(before) == 2 and before[0] in spelt and before[1] in spelt) or (
        len(after) == 2 and after[0] in spelt and after[1] in spelt
    )


def article(doc: Document, ctx: Context) -> Article:
    """The names view of ``doc`` (cached per document, index and variant)."""
    index = name_index(ctx)
    return doc.derived(("names", id(index), ctx.variant), lambda: _build_article(doc, ctx, index))


def _build_article(doc: Document, ctx: Context, index: "NameIndex") -> Article:
    spans = sorted(_visible_runs(doc) + _infobox_runs(doc), key=lambda s: (s.start, s.end))
    runs = [(span, fold_chars(span.slice(doc.text))) for span in spans]
    folded_text = "\n".join(f for _s, f in runs)
    configured = normalise_variant(ctx.variant)
    variant = Variant(configured, True) if configured else detect_variant("".join(s.slice(doc.text) for s, _ in runs))
    art = Article(text=doc.text, links=doc.links, runs=runs, folded_text=folded_text, variant=variant,
                  title_name=_link_name(doc.title or ""), title=doc.title or "")
    for link in doc.links:
        if link.kind != "internal":
            continue
        name = _link_name(link.target)
        if name:
            art.link_targets.setdefault(name, set()).add(fold_chars(link.target))
    for k, (span, _folded) in enumerate(runs):
        text = span.slice(doc.text)
        for m in _ALT.finditer(text):
            s = Span(span.start + m.start("name"), span.start + m.end("name"))
            art.declared_spans.append(s)
            # the name the alternative is declared for: the Han run before the marker, reaching
            # back into the previous run when the name is a link: [李勇浩](…)（或譯「李容浩」）
            # a window, not the whole run before the marker: a search anchored at its end still
            # tries every start, and thousands of markers in one run made that quadratic
            before = _name_before(text, m.start())
            if not before and k:
                previous = runs[k - 1][0]
                before = _name_before(doc.text[previous.start : previous.end], len(previous))
            main = re.search(rf"[{_HAN}{_DOTS}]{{2,15}}$", before)
            if main:
                alt_key = fold_chars(m.group("name"))
                run_before = fold_chars(main.group(0))
                # the longest ending that is a linked name or a table form, else as long as the alternative
                known = [
                    run_before[-n:] for n in range(min(len(run_before), 15), 1, -1)
                    if run_before[-n:] in art.link_targets or run_before[-n:] in index.by_key
                ]
                art.declared_pairs.append((known[0] if known else run_before[-len(alt_key) :], alt_key))
        for m in _GLOSS.finditer(text):
            if _after_foreign(text, m.start()):
                art.glossed_spans.append(Span(span.start + m.start("name"), span.start + m.end("name")))
    art.declared_entries = _declared_entries(doc, index)
    art.declared_keys = {k for e in art.declared_entries for k in index.entries[e].keys()}
    art.mentions = _scan(runs, index, doc)
    return art


def name_index(ctx: Context) -> NameIndex:
    data = ctx.data
    if data is None:
        from wikilint.engine.data import default_data

        data = default_data()
    return data.names()


def _kinds(ctx: Context, code: str) -> frozenset[str]:
    kinds = ctx.option(code, "kinds", None) or ("person",)
    return frozenset(kinds)


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _is_traditional(text: str) -> bool:
    return fold_chars(text) != text


def _no_hanja(ch: str, other: str) -> bool:
    """``ch`` has no Korean reading in Unihan while ``other`` has: of two sound-alike characters
    of a name, the one no Korean or Chinese name is written with (褔 beside 福)."""
    return not korean_readings(ch) and bool(korean_readings(other))


def _of_other_script(ch: str, variant: Variant) -> bool:
    """聖 in a simplified article, 圣 in a traditional one (a character both scripts write is neither)."""
    if variant.traditional:
        return to_traditional(ch) != ch
    return fold_chars(ch) != ch


def _pick_surface(candidates: Iterable[str], like: str) -> str:
    """Among renderings of one folded form, the one written in the script of ``like``."""
    candidates = [c for c in candidates if c]
    want_trad = _is_traditional(like)
    for c in candidates:
        if _is_traditional(c) == want_trad:
            return c
    if candidates:
        c = candidates[0]
        return to_traditional(c) if want_trad else fold_chars(c)
    return like


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
            target = fold_chars(_title_text(link.target))
            for part in re.split(f"[{_DOTS}]", target) + [target]:
                anchored.update(index.by_key.get(part, ()))
    return anchored


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
            surname = re.split(f"[{_DOTS}]", m.key)[-1]
            for e in index.by_key.get(surname, ()):
                if e in m.entries:
                    continue
                same = [_same_surname(index.entries[x], index.entries[e]) for x in m.entries]
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


def _same_surname(full: NameEntry, surname: NameEntry) -> bool | None:
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


# -- the rules ----------------------------------------------------------------------------------


class MixedNameForms(Rule):
    """One person written in two renderings in one article.

    What it does:
        Finds the entries of the name tables (zh-wiki's own conversion groups, ``rules/names/``)
        that an article writes in more than one form, after folding traditional and simplified
        script (蓬佩奧 / 蓬佩奥 is one form).  It reports each place of the rarer form, with the
        places of the form the article keeps as related ranges, and fixes it to that form: the
        majority among the forms zh-wiki uses for the article's variant.  Forms inside ``-{…}-``,
        entries the article declares a conversion for (``-{H|…}-``, ``{{NoteTA|G1=…}}``) and
        renderings it declares as alternatives (或譯「…」) are left alone, and so is a form the
        article links to another person (凯利 in [约翰·凯利](约翰·凯利), though the tables list 凯利
        for Kerry), or that another entry writes for the variant without knowing the other form
        (a Hong Kong article's 約翰遜 is Boris Johnson, its 詹森 the president).  A form that
        starts or ends inside a longer foreign word (the 克里 of 克里米亞, the 杰拉德 of 菲茨杰拉德号)
        is no mention.
        The fix is safe when both forms have three characters or more; two-character forms
        (川普) are substrings of too many words for that.  Option ``kinds`` (default
        ``["person"]``) chooses the tables.

    Why is this bad?
        Readers take two renderings for two people.  zh-wiki writes 特朗普 for Trump in zh-cn and
        zh-hk and 川普 in zh-tw; an article that mixes them reads as if it spoke of two men.

    Example:
        `特朗普在白宮接受訪問。……美國總統川普也在訪越期間與越南舉行雙邊會談。`

    Use instead:
        `特朗普在白宮接受訪問。……美國總統特朗普也在訪越期間與越南舉行雙邊會談。`
    """

    code, name, family, severity = "NM001", "mixed-name-forms", "names", Severity.WARNING
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        seen: set[Span] = set()
        for e, mentions in sorted(_entity_mentions(art, index, _kinds(ctx, self.code)).items()):
            entry = index.entries[e]
            counts = Counter(m.key for m in mentions)
            if len(counts) < 2:
                continue
            accepted = entry.accepted_keys(art.variant.script_scope)
            first = {}
            for m in mentions:
                first.setdefault(m.key, m.span.start)
            present = [k for k in counts if k in accepted] or list(counts)
            target = max(present, key=lambda k: (counts[k], -accepted.index(k) if k in accepted else -99, -first[k]))
            kept = [m for m in mentions if m.key == target]
            related = tuple(m.span for m in kept)
            surfaces = [s for s, _ in Counter(m.surface for m in kept).most_common()] + entry.surfaces(target)
            others = [index.entries[x] for x in sorted({x for m in mentions for x in m.entries if x != e})]
            scope = art.variant.script_scope

            def someone_else(key: str, other_key: str) -> bool:
                """Another entry writes ``key`` for this variant and does not know ``other_key``:
                the surname 約翰遜 is Boris Johnson's in Hong Kong, where 詹森 is the president's."""
                return any(
                    key in x.keys() and other_key not in x.keys() and key in x.accepted_keys(scope) for x in others
                )

            for m in mentions:
                if m.key == target or m.span in seen:
                    continue
                if someone_else(m.key, target) or someone_else(target, m.key):
                    continue
                seen.add(m.span)
                replacement = _pick_surface(surfaces, m.surface)
                safe = len(m.key) >= 3 and len(target) >= 3
                yield Violation(
                    m.span,
                    f"{m.surface} and {replacement} are renderings of one name ({entry.label}); "
                    f"the article writes {replacement} {_times(counts[target])}: keep one",
                    related=related,
                    fix=Fix(f"write {replacement}", (Edit(m.span, replacement),), safe=safe),
                )


class KnownWrongName(Rule):
    """A name written in a form the name tables list as wrong.

    What it does:
        Reports renderings listed as wrong in ``rules/names/`` (each with a note and a source),
        such as 金永哲 for Kim Yong-chol, whose hanja are 金英哲, with the places of the right
        form as related ranges, and fixes them to the form of the article's variant.  An entry can
        ask for context words, so that a wrong form that is also someone else's real name is only
        reported in articles about the right person.

    Why is this bad?
        A misspelt name is a factual error and breaks searches and links: 金永哲 and 金英哲 both
        read 김영철 in Korean, but only one is Kim Yong-chol.

    Example:
        `參與的還有金永哲和迈克·蓬佩奥。`

    Use instead:
        `參與的還有金英哲和迈克·蓬佩奥。`
    """

    code, name, family, severity = "NM002", "known-wrong-name", "names", Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        for m in art.mentions:
            # a wrong form glossing the Hangul (김영철（金永哲）) is still wrong; one declared as
            # an alternative (又譯金永哲) is the article's own statement
            if not m.wrong or art.is_declared(m.span, glosses=False):
                continue
            for e, wrong in m.wrong:
                if wrong.context and not any(fold_chars(w) in art.folded_text for w in wrong.context):
                    continue
                entry = index.entries[e]
                accepted = entry.accepted_keys(art.variant.script_scope)
                right_places = [x for x in art.mentions if x.key in accepted and e in x.entries]
                counts = Counter(x.key for x in right_places)
                target = max(accepted, key=lambda k: (counts[k], -accepted.index(k))) if accepted else None
                if target is None:
                    continue
                surfaces = [x.surface for x in right_places if x.key == target] + entry.surfaces(target)
                replacement = _pick_surface(surfaces, m.surface)
                yield Violation(
                    m.span,
                    f"{m.surface} is a wrong form of {replacement} ({entry.label}): {wrong.note}",
                    related=tuple(x.span for x in right_places),
                    fix=Fix(f"write {replacement}", (Edit(m.span, replacement),)),
                )
                break


class NameNotOfVariant(Rule):
    """A name written in a form zh-wiki uses for another variant.

    What it does:
        For an article configured (``variant = "zh-tw"``) or detected as one variant, reports the
        names it writes, consistently, in the form of another variant: 特朗普 in a zh-tw article,
        where zh-wiki writes 川普.  It offers, as an unsafe fix, the form of the article's variant.
        Nothing is reported inside ``-{…}-``, for entries the article declares a conversion for
        (``-{H|zh-cn:特朗普;zh-tw:川普}-``, ``{{NoteTA|G1=PresidentsUS}}``), or where the article
        mixes forms (that is NM001's report), nor for a form that another entry of the tables
        gives for the variant (a name listed twice, or a surname several people share: 約翰遜 is
        Boris Johnson's zh-hk form and the presidents Johnson's zh-cn one).  A traditional
        article with no clear region (zh-hant) accepts the forms of zh-tw, zh-hk and zh-mo alike.  Option ``kinds`` (default
        ``["person"]``) chooses the tables: ``person``, ``name-part``, ``term``.

    Why is this bad?
        Readers of the variant know the person by another name.  It is an info only: zh-wiki's
        converter may show readers their own form when the article declares the group.

    Example:
        `川普在白宫接受访问。` (in a zh-cn article)

    Use instead:
        `特朗普在白宫接受访问。`
    """

    code, name, family, severity = "NM003", "name-not-of-variant", "names", Severity.INFO
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        scope = art.variant.scope
        seen: set[Span] = set()
        for e, mentions in sorted(_entity_mentions(art, index, _kinds(ctx, self.code)).items()):
            entry = index.entries[e]
            keys = {m.key for m in mentions}
            if len(keys) != 1:
                continue
            key = next(iter(keys))
            accepted = entry.accepted_keys(scope)
            if not accepted or key in accepted or key not in entry.two_way_keys:
                continue
            # the tables list some names twice, or one surname for several people (約翰遜 is
            # zh-hk for Boris Johnson, zh-cn for the presidents Johnson): a form another entry
            # gives for this variant is a form zh-wiki writes here
            if any(key in index.entries[x].accepted_keys(scope) for m in mentions for x in m.entries if x != e):
                continue
            target = accepted[0]
            surfaces = entry.surfaces(target)
            where = "/".join(entry.variants_of(key)) or "another variant"
            for m in mentions:
                if m.span in seen:
                    continue
                seen.add(m.span)
                replacement = _pick_surface(surfaces, m.surface)
                yield Violation(
                    m.span,
                    f"{m.surface} is the {where} form of {entry.label}; for {art.variant.code} "
                    f"zh-wiki writes {replacement}",
                    fix=Fix(f"write {replacement}", (Edit(m.span, replacement),), safe=False),
                )


class SoundAlikeName(Rule):
    """A rarer name that differs from a frequent one in one sound-alike character.

    What it does:
        Without any table: takes the names an article anchors (link targets shaped like a name,
        the article's own title when it is one, names declared as alternatives, transliterations
        with a middle dot it writes at least twice), and looks in every visible mention (prose,
        tables, lists, captions, infobox rows) for the same name with one character changed,
        where the two characters share a Korean hanja reading (Unihan kHangul: 英 and 永 are both
        영) or a Mandarin reading (pinyin without tone, of either script's form: 朴聖勋 is a slip
        of 朴成勋 in a simplified article too).  The surname is never the changed character of a
        Han name; any character of a dotted transliteration can be (唐納·倫斯費 for 唐納·倫斯斐),
        and the surname of a linked transliteration, which later mentions write alone, is
        watched too (蓬佩澳 after [迈克·蓬佩奥], from three characters).  The rarer form must occur
        at most a third as often as the other, or, for a linked name or the title, once: a short
        biography's link and one slip are evidence enough.  Two forms that link to different
        articles are different people.  A rendering the article declares as an alternative
        (李勇浩（又譯李龍浩）, 曾譯) is left alone where it is declared, and counts as the same person
        elsewhere even when it does not sound alike.  A link whose text is its own target with
        one such character changed ([李永浩](李勇浩)) is reported whatever the counts; when a
        linked form is written no more often than the other and its character is no hanja at
        all (褔 for 福), the link is the slip.  A stem the article writes on its own with other
        characters (连翘 of 连翘属, 连翘苷, 连翘，), a last character turned into a grammatical word
        (该王国为… beside 王国维) and four transliteration characters (伊斯坦堡) are no slips.  The
        fix (unsafe) writes the form the article keeps, in the script it is written in.  Option
        ``max-ratio`` (default 1/3).

    Why is this bad?
        Homophone slips turn one person into two: 李勇浩 and 李永浩 sound alike (yǒng).
        Names that differ in sound (金赫哲 and 金英哲) are other people and are not reported.

    Example:
        `[李勇浩](李勇浩)會見……李勇浩表示……李勇浩指出……其後李永浩返國。`

    Use instead:
        `[李勇浩](李勇浩)會見……李勇浩表示……李勇浩指出……其後李勇浩返國。`
    """

    code, name, family, severity = "NM004", "sound-alike-name", "names", Severity.WARNING
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        ratio = float(ctx.option(self.code, "max-ratio", 1 / 3))
        candidates = self._candidates(art, index.transliteration_chars)
        known = set(index.by_key) | set(index.wrong_by_key)
        declared_same = {(a, b) for a, b in art.declared_pairs} | {(b, a) for a, b in art.declared_pairs}
        reported: set[Span] = set()
        # a link whose text is its own target with one sound-alike character changed says by itself
        # that the two are one person: [李永浩](李勇浩) needs no frequency
        for link in art.links:
            if link.kind != "internal" or link.text_span is None or art.is_declared(link.text_span):
                continue
            name = _link_name(link.target)
            shown = fold_chars(link.text_span.slice(doc.text))
            if not name or len(shown) != len(name) or shown == name or shown in known:
                continue
            dotted = any(d in name for d in _DOTS)
            diff = [p for p in range(len(name)) if shown[p] != name[p]]
            if len(diff) != 1 or diff[0] not in self._positions(name, dotted) or not _HAN_CHAR.match(shown[diff[0]]):
                continue
            pos = diff[0]
            how = shared_reading(shown[pos], name[pos], korean=not dotted)
            if not how or how[0] == "same":
                continue
            surface = link.text_span.slice(doc.text)
            target_text = _title_text(link.target)
            replacement = self._replacement([target_text, _pick_surface([target_text], surface)], surface, pos)
            reported.add(link.text_span)
            yield Violation(
                link.text_span,
                f"the link to {target_text} shows {surface}, which differs only in {surface[pos]}/{replacement[pos]} "
                f"and sounds alike ({'Korean' if how[0] == 'ko' else 'Mandarin'} {how[1]}): write {replacement}",
                fix=Fix(f"write {replacement}", (Edit(link.text_span, replacement),), safe=False),
            )
        surnames = self._surnames(art, candidates)
        near = self._near_misses(art, candidates | set(surnames) | self._repeated_dotted_names(art))
        for name in sorted(near, key=lambda n: (-len(n), n)):
            places = self._occurrences(art, name)
            # a name the article links, or its own title, is known by itself: one sound-alike slip
            # of it is evidence enough, however few times the article writes it; so is the surname
            # of a linked transliteration, which later mentions use alone (蓬佩奥 after 迈克·蓬佩奥)
            vouched = name in art.link_targets or name == art.title_name or name in surnames
            if not places and not vouched:
                continue
            dotted = any(d in name for d in _DOTS) or name in surnames
            for (other, pos), spans in sorted(near[name].items()):
                if other in known or not self._same_person(art, name, other):
                    continue
                if pos == len(name) - 1 and other[pos] in _FUNCTION_WORDS:
                    # 该王国为…: the stem 王国 and the next word, no slip of 王国维
                    continue
                spans = [s for s in spans if not art.is_declared(s)]
                rare = len(spans) <= ratio * len(places)
                if not spans or not (rare or (vouched and len(spans) == 1 and not self._stands_alone(art, name, pos, other))):
                    continue
                # transliterations (dotted names) sound alike in Mandarin; Korean readings are for hanja names
                how = shared_reading(other[pos], name[pos], korean=not dotted)
                if (other, name) in declared_same:
                    how = ("declared", "")
                if not how or how[0] == "same":
                    continue
                if how[0] == "declared":
                    why = "the article declares them renderings of one name"
                else:
                    why = f"which sound alike ({'Korean' if how[0] == 'ko' else 'Mandarin'} {how[1]})"
                kept, slips = places, spans
                if places and len(spans) >= len(places) and not dotted and _no_hanja(name[pos], other[pos]):
                    # as often written, and the linked form's character is no hanja at all (褔 in a
                    # link to 刘正褔 beside 刘正福): the link is the slip
                    kept, slips = spans, places
                    why += f"; {name[pos]} is no hanja"
                written = Counter(p.slice(doc.text) for p in kept)
                surfaces = [w for w, _n in written.most_common()] or [self._target_surface(art, name)]
                for span in slips:
                    # longer names come first: the surname inside a reported full name is that finding
                    if any(r.overlaps(span) for r in reported):
                        continue
                    reported.add(span)
                    surface = span.slice(doc.text)
                    replacement = self._replacement(surfaces, surface, pos)
                    script = ""
                    if _of_other_script(surface[pos], art.variant):
                        script = f" ({surface[pos]} is also of the other script)"
                    where = _times(len(kept)) if kept else "only as the link's target or the title"
                    yield Violation(
                        span,
                        f"{surface} differs from {replacement} (written {where}) only in "
                        f"{surface[pos]}/{replacement[pos]}{script}, {why}: "
                        f"if they are one person, write {replacement}",
                        related=tuple(kept),
                        fix=Fix(f"write {replacement}", (Edit(span, replacement),), safe=False),
                    )

    @staticmethod
    def _stands_alone(art: Article, name: str, pos: int, other: str) -> bool:
        """Whether the name without its changed last character is a word the article goes on with
        other characters too (连翘 of 连翘属, 连翘苷, 连翘酚, 连翘，): then 连翘之 is that word and the
        next character, no slip of 连翘属.  唐昭 followed once by 惜 besides 宗 is no such word."""
        if pos != len(name) - 1:
            return False
        stem, followers = name[:-1], set()
        for _run, folded in art.runs:
            start = folded.find(stem)
            while start != -1:
                end = start + len(stem)
                followers.add(folded[end] if end < len(folded) else "")
                start = folded.find(stem, end)
        return len(followers - {name[-1], other[-1]}) >= 2

    @staticmethod
    def _replacement(surfaces: list[str], surface: str, pos: int) -> str:
        """The form the article writes most, kept in the script the article writes it in: a slip
        of the other script (朴聖勋 in a simplified article) is corrected to the article's 朴成勋, a
        slip in a traditional sentence of a simplified article to the form written there."""
        rest = surface[:pos] + surface[pos + 1 :]
        for candidate in surfaces:
            if candidate[:pos] + candidate[pos + 1 :] == rest:
                return candidate
        return surfaces[0]

    @staticmethod
    def _target_surface(art: Article, name: str) -> str:
        for link in art.links:
            if link.kind == "internal" and _link_name(link.target) == name:
                return _title_text(link.target)
        if name == art.title_name:
            return _title_text(art.title)
        return name

    @classmethod
    def _near_misses(cls, art: Article, candidates: set[str]) -> dict[str, dict[tuple[str, int], list[Span]]]:
        """For each candidate, the windows of the prose that differ from it in exactly one allowed
        position (never the surname, always a Han character), with their spans.  Han names are
        aligned on their surname, dotted names on their first dot: no blind sliding window."""
        by_first: dict[str, list[str]] = defaultdict(list)
        dotted: list[tuple[str, int]] = []
        for name in candidates:
            first_dot = next((i for i, ch in enumerate(name) if ch in _DOTS), None)
            if first_dot is None:
                by_first[name[0]].append(name)
            else:
                dotted.append((name, first_dot))
        allowed = {name: frozenset(cls._positions(name, name not in by_first.get(name[0], ()))) for name in candidates}
        out: dict[str, dict[tuple[str, int], list[Span]]] = defaultdict(lambda: defaultdict(list))

        def consider(name: str, folded: str, i: int, run: Span) -> None:
            if i < 0:
                return
            window = folded[i : i + len(name)]
            if len(window) != len(name) or window == name:
                return
            diff = [p for p in range(len(name)) if window[p] != name[p]]
            if len(diff) == 1 and diff[0] in allowed[name] and _HAN_CHAR.match(window[diff[0]]):
                out[name][(window, diff[0])].append(Span(run.start + i, run.start + i + len(name)))

        for run, folded in art.runs:
            for i, ch in enumerate(folded):
                for name in by_first.get(ch, ()):
                    consider(name, folded, i, run)
                if ch in _DOTS:
                    for name, first_dot in dotted:
                        consider(name, folded, i - first_dot, run)
        return out

    # names the article anchors: link targets shaped like names, its title, declared alternatives
    @staticmethod
    def _candidates(art: Article, spelt: frozenset[str]) -> set[str]:
        names = set(art.link_targets)
        if art.title_name:
            names.add(art.title_name)
        for main, alt in art.declared_pairs:
            names.update(x for x in (main, alt) if _looks_like_han_name(x) or _DOTTED.fullmatch(x))
        # four transliteration characters without a dot are a foreign word (伊斯坦堡, 亞特蘭大), not a
        # Han name, though 伊 and 亞 are surnames
        return {n for n in names if not (len(n) == 4 and n[:2] not in _COMPOUND_SURNAMES and all(ch in spelt for ch in n))}

    @staticmethod
    def _repeated_dotted_names(art: Article) -> set[str]:
        """Transliterations the article writes at least twice without linking them: around each
        middle dot, the stretches that recur as a whole and no further (唐纳·伦斯斐 in 部长唐纳·伦斯斐访问
        … 。唐纳·伦斯斐表示 … ，唐纳·伦斯斐指出: the contexts differ there, so that is where the
        name ends), without a grammatical word at either end.  Only frequency vouches for them."""
        around = []  # (dot, left part reversed, right part): both grow outwards from the dot
        for _run, folded in art.runs:
            for dot in _DOT.finditer(folded):
                k, ch = dot.start(), dot.group()
                left = "".join(itertools.takewhile(_HAN_CHAR.match, reversed(folded[max(0, k - 6) : k])))
                right = "".join(itertools.takewhile(_HAN_CHAR.match, folded[k + 1 : k + 7]))
                if left and right:
                    around.append((ch, left, right))
        if len(around) < 2:
            return set()
        counts: Counter[tuple[str, str, str]] = Counter()
        outward: dict[tuple[str, str, str], tuple[set, set]] = defaultdict(lambda: (set(), set()))
        for n, (dot, left, right) in enumerate(around):
            for i in range(1, len(left) + 1):
                for j in range(1, len(right) + 1):
                    key = (dot, left[:i], right[:j])
                    counts[key] += 1
                    # what comes next on each side; a part that ends here is a context of its own
                    outward[key][0].add(left[i] if i < len(left) else n)
                    outward[key][1].add(right[j] if j < len(right) else n)
        return {
            f"{left[::-1]}{dot}{right}"
            for (dot, left, right), n in counts.items()
            if n >= 2 and left[-1] not in _FUNCTION_WORDS and right[-1] not in _FUNCTION_WORDS
            and len(outward[(dot, left, right)][0]) >= 2 and len(outward[(dot, left, right)][1]) >= 2
        }

    @staticmethod
    def _surnames(art: Article, candidates: set[str]) -> frozenset[str]:
        """The surnames (last parts, three characters or more) of the transliterations the article
        links or is titled by: 蓬佩奥 of 迈克·蓬佩奥.  Two characters (彭斯) begin too many words."""
        vouched = [n for n in candidates if n in art.link_targets or n == art.title_name]
        parts = {re.split(f"[{_DOTS}]", n)[-1] for n in vouched if any(d in n for d in _DOTS)}
        return frozenset(p for p in parts if len(p) >= 3 and p not in candidates)

    @staticmethod
    def _occurrences(art: Article, name: str) -> list[Span]:
        out = []
        for run, folded in art.runs:
            start = folded.find(name)
            while start != -1:
                out.append(Span(run.start + start, run.start + start + len(name)))
                start = folded.find(name, start + len(name))
        return out

    @staticmethod
    def _positions(name: str, dotted: bool) -> list[int]:
        if dotted:
            return [i for i, ch in enumerate(name) if ch not in _DOTS]
        first = 2 if len(name) == 4 and name[:2] in _COMPOUND_SURNAMES else 1
        return list(range(first, len(name)))

    @staticmethod
    def _same_person(art: Article, name: str, other: str) -> bool:
        """Never two forms that link to different articles."""
        a, b = art.link_targets.get(name), art.link_targets.get(other)
        return not (a and b and not (a & b))
