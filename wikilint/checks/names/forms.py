"""How names are written: the characters they are spelt with, script folded character by character
(``fold_chars``: offsets keep), what looks like a person's name or a page title as readers see it,
and a rendering picked in the script of the place it goes."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable

from wikilint.patterns import lazy_compile
from wikilint.zh.readings import fold, to_traditional


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


_HAN = "\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f"
_DOTS = "·‧•・"
_DOTTED = lazy_compile(rf"[{_HAN}]{{1,6}}(?:[{_DOTS}][{_HAN}]{{1,6}})+")
_HAN_CHAR = lazy_compile(rf"[{_HAN}]")
_HAN_CHARS = _HAN_CHAR
_HAN_NAME = lazy_compile(rf"^[{_HAN}]{{3,4}}$")
_DOT = lazy_compile(f"[{_DOTS}]")
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


_DISAMBIGUATION = lazy_compile(r"\s*[（(][^）)]*[）)]\s*$")


def _title_text(target: str) -> str:
    """A page title as readers see it: 李勇浩 of ``李勇浩_(外交官)`` (underscores as spaces, the
    parenthesised disambiguation dropped)."""
    return _DISAMBIGUATION.sub("", target.strip()).replace("_", " ").strip()


@lru_cache(maxsize=16384)
def _link_name(target: str) -> str | None:
    """A link target that looks like a person's name, folded: 金英哲, 邁克·蓬佩奧 (parenthesised
    disambiguation dropped); None for anything else.  Memoised: every rule of the family asks it of
    every link, and articles link the same pages."""
    name = fold_chars(_title_text(target))
    if _DOTTED.fullmatch(name) or _looks_like_han_name(name):
        return name
    return None


def _looks_like_han_name(name: str) -> bool:
    """三至四字、以常見姓氏開頭、不以地名機構字結尾: 金英哲 yes, 河南省 / 中朝边界 no."""
    if not _HAN_NAME.match(name) or name[-1] in _NOT_PERSON_END:
        return False
    return name[0] in _SURNAMES or name[:2] in _COMPOUND_SURNAMES


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


def _is_traditional(text: str) -> bool:
    return fold_chars(text) != text


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
