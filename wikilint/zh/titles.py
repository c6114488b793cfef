"""MediaWiki title normalisation and script folding for zh-wiki titles.

zh-wiki finds a page whatever script variant a link is written in: a link to 吴秀容 reaches the
page 吳秀容.  To compare titles the way the wiki does, both sides are

1. normalised as MediaWiki does (``normalize_title``): HTML entities and percent-encoding decoded,
   the ``#fragment`` dropped, underscores and the whitespace MediaWiki treats as a space made one
   space, surrounding spaces trimmed, a leading ``:`` removed, the namespace prefix (and its
   aliases ``Image:``/``文件:``/``檔案:``/``分类:`` …) resolved to a namespace number, the first
   letter of the name capitalised, NFC;
2. folded (``fold``): every character mapped, one for one, to its simplified form with OpenCC's
   character tables.  Folding character by character keeps the length (so offsets inside link text
   survive) and is a function, so two spellings that OpenCC converts into each other fold to the
   same key.  It may merge a few titles that differ only in script (乾/干): that can hide a broken
   link, never invent one.

``title_key`` gives the one string the title index stores and looks up.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

# -- script folding -----------------------------------------------------------------------------

# whitespace MediaWiki turns into "_" (MediaWikiTitleCodec), plus "_" itself
_SPACES = "_ \t\u00a0\u1680\u180e\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
# direction marks MediaWiki strips from titles
_STRIPPED = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"

_converters: list = []


def _opencc():
    if not _converters:
        import opencc

        _converters.extend(opencc.OpenCC(name) for name in ("t2s", "tw2s", "hk2s"))
    return _converters


class _FoldTable(dict):
    """``str.translate`` table filled on demand: code point -> its one-character simplified form."""

    def __missing__(self, code: int) -> int:
        char = chr(code)
        result = code
        if code >= 0x2E80:  # CJK and beyond; Latin, digits and punctuation stay as they are
            for converter in _opencc():
                converted = converter.convert(char)
                if len(converted) == 1 and converted != char:
                    result = ord(converted)
                    break
        self[code] = result
        return result


_FOLD = _FoldTable()
# the key table also makes every MediaWiki space (and "_") a space and drops direction marks
_KEY = _FoldTable({ord(c): " " for c in _SPACES})
_KEY.update({ord(c): None for c in _STRIPPED})


def fold(text: str) -> str:
    """``text`` with every traditional / regional variant character replaced by its simplified form.

    Same length as ``text``: position ``i`` of the result is the folded character ``i``.
    """
    return text.translate(_FOLD)


def fold_key_text(text: str) -> str:
    """Fold and turn ``_``/MediaWiki whitespace into spaces, in one pass (used on whole title files)."""
    return text.translate(_KEY)


# -- namespaces ---------------------------------------------------------------------------------

#: zh-wiki namespace names and aliases (compared case-insensitively, with "_" as " ")
NAMESPACES: dict[str, int] = {}
for _number, _names in {
    -2: ("media", "媒体", "媒體"),
    -1: ("special", "特殊", "特殊页面", "特殊頁面"),
    1: ("talk", "讨论", "討論", "对话", "對話"),
    2: ("user", "用户", "用戶", "使用者"),
    3: ("user talk", "用户讨论", "用戶討論", "用户对话", "用戶對話", "使用者討論"),
    4: ("wikipedia", "project", "wp", "维基百科", "維基百科"),
    5: ("wikipedia talk", "project talk", "wt", "维基百科讨论", "維基百科討論", "维基百科对话", "維基百科對話"),
    6: ("file", "image", "文件", "檔案", "档案", "图像", "圖像", "图片", "圖片", "文档"),
    7: ("file talk", "image talk", "文件讨论", "檔案討論", "文件对话", "檔案對話", "图像讨论", "圖像討論"),
    8: ("mediawiki", "mediawiki"),
    9: ("mediawiki talk",),
    10: ("template", "模板", "样板", "樣板"),
    11: ("template talk", "模板讨论", "模板討論", "模板对话", "模板對話"),
    12: ("help", "帮助", "幫助"),
    13: ("help talk", "帮助讨论", "幫助討論", "帮助对话", "幫助對話"),
    14: ("category", "分类", "分類", "cat"),
    15: ("category talk", "分类讨论", "分類討論", "分类对话", "分類對話"),
    100: ("portal", "主题", "主題", "portal"),
    101: ("portal talk", "主题讨论", "主題討論"),
    102: ("wikiproject", "维基专题", "維基專題"),
    103: ("wikiproject talk", "维基专题讨论", "維基專題討論"),
    118: ("draft", "草稿"),
    119: ("draft talk", "草稿讨论", "草稿討論"),
    828: ("module", "模块", "模塊", "模組"),
    829: ("module talk", "模块讨论", "模塊討論", "模組討論"),
}.items():
    for _name in _names:
        NAMESPACES[_name] = _number

FILE_NS, CATEGORY_NS, SPECIAL_NS, MEDIA_NS = 6, 14, -1, -2

# interwiki prefixes (projects); language codes are recognised by shape
_INTERWIKI = frozenset(
    "w wikipedia wikt wiktionary commons c m meta metawikimedia s wikisource n wikinews q wikiquote "
    "b wikibooks v wikiversity voy wikivoyage species wikispecies d wikidata mw mediawikiwiki phab "
    "phabricator foundation wmf incubator outreach f wikifunctions google imdb doi".split()
)
_LANG_CODE = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*\Z")


@dataclass(frozen=True, slots=True)
class Title:
    """A normalised title: namespace number (None for an interwiki link), page name, fragment."""

    ns: int | None
    name: str
    fragment: str | None = None
    interwiki: str | None = None

    @property
    def key(self) -> str:
        return key_for(self.ns or 0, self.name)


def key_for(ns: int, name: str) -> str:
    """Index key of a normalised page name in namespace ``ns`` (folded)."""
    folded = name.translate(_KEY)
    return folded if ns == 0 else f"\x01{ns}\x01{folded}"


def _collapse(text: str) -> str:
    text = text.translate(_SPACES_ONLY)
    if "  " in text:
        text = re.sub(" {2,}", " ", text)
    return text.strip(" ")


_SPACES_ONLY = {ord(c): " " for c in _SPACES}
_SPACES_ONLY.update({ord(c): None for c in _STRIPPED})


def ucfirst(name: str) -> str:
    if not name:
        return name
    first = name[0]
    upper = first.upper()
    if len(upper) != 1:  # ß and friends: MediaWiki keeps them
        return name
    return upper + name[1:]


def decode_title(raw: str) -> str:
    """HTML entities and percent-encoding decoded, as MediaWiki does before it reads a title."""
    if "&" in raw:
        raw = html.unescape(raw)
    if "%" in raw:
        raw = unquote(raw, errors="surrogateescape")
        try:
            raw.encode("utf-8")
        except UnicodeEncodeError:  # not valid UTF-8 after decoding: keep the bytes as written
            raw = raw.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return raw


def normalize_title(raw: str, *, default_ns: int = 0) -> Title:
    """Normalise a link target the way MediaWiki does (see the module doc)."""
    text = decode_title(raw)
    fragment = None
    if "#" in text:
        text, fragment = text.split("#", 1)
    text = _collapse(text)
    ns = default_ns
    interwiki = None
    if text.startswith(":"):  # [[:Category:X]], [[:File:X]]: a link to the page itself
        text = text[1:].lstrip(" ")
        ns = 0
    if ":" in text:
        prefix, rest = text.split(":", 1)
        lowered = prefix.strip(" ").lower()
        if lowered in NAMESPACES:
            ns = NAMESPACES[lowered]
            text = rest.strip(" ")
        elif lowered in _INTERWIKI or _LANG_CODE.match(prefix.strip(" ")):
            return Title(None, rest.strip(" "), fragment, interwiki=lowered)
    name = unicodedata.normalize("NFC", ucfirst(text)) if text else text
    return Title(ns, name, fragment)


def normalize_name(name: str) -> str:
    """A page name known to be one (no namespace prefix, fragment or encoding to read): spaces
    collapsed, first letter capitalised, NFC.  For titles that come from dumps and file names."""
    return unicodedata.normalize("NFC", ucfirst(_collapse(name)))


def title_key(raw: str) -> str:
    """The folded index key of a link target or title as written."""
    return normalize_title(raw).key


# -- section anchors ----------------------------------------------------------------------------

_DOT_ENCODED = re.compile(r"(?:\.[0-9A-F]{2})+")


def _undot(match: re.Match[str]) -> str:
    data = bytes.fromhex(match.group(0).replace(".", ""))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return match.group(0)


def anchor_key(anchor: str) -> str:
    """Comparable form of a section anchor or heading text.

    Decodes percent and legacy dot encoding (``.E5.8C.97``) and entities, makes ``_`` a space,
    collapses spaces and folds the script (zh-wiki converts headings with the page).
    """
    text = anchor
    if "&" in text:
        text = html.unescape(text)
    if "%" in text:
        text = unquote(text)
    if "." in text and _DOT_ENCODED.search(text):
        text = _DOT_ENCODED.sub(_undot, text)
    return fold(_collapse(text))
