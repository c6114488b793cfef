"""How the article's variant is decided, and what each variant reads.

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
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from wikilint.zh.readings import fold, to_traditional

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


class _Scripts(dict):
    """Character → 1 if only traditional script writes it, -1 if only simplified does, else 0 (characters
    outside the Han blocks 0 too), worked out on first sight."""

    def __missing__(self, ch: str) -> int:
        script = 0
        if "\u3400" <= ch <= "\u9fff":
            script = 1 if fold(ch) != ch else -1 if to_traditional(ch) != ch else 0
        self[ch] = script
        return script


_SCRIPT = _Scripts()


def detect_variant(text: str) -> Variant:
    """Traditional or simplified by dominance, then a region only on strong signals (see the module doc)."""
    counts = Counter(text)  # counted in C, then each character told once
    trad = simp = 0
    for ch, n in counts.items():
        script = _SCRIPT[ch]
        if script > 0:
            trad += n
        elif script < 0:
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
