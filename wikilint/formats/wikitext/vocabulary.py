"""What the wikitext front-end knows of zh-wiki's markup: namespaces, language and interwiki
prefixes, file-link options, tags and templates by what they hold."""

from __future__ import annotations

import re


FILE_NAMESPACES = frozenset(
    ns.lower()
    for ns in ("File", "Image", "Media", "文件", "檔案", "档案", "图像", "圖像", "影像", "媒体", "媒體", "媒体文件")
)
CATEGORY_NAMESPACES = frozenset(ns.lower() for ns in ("Category", "分类", "分類", "类别", "類別"))

#: Wikipedia language editions: ``[[en:X]]`` is an interlanguage link, ``[[:en:X]]`` an inline one
LANGUAGE_CODES = frozenset(
    """
    aa ab ace ady af ak als alt am ami an ang anp ar arc ary arz as ast atj av avk awa ay az azb
    ba ban bar bat-smg bcl be be-tarask be-x-old bg bh bi bjn blk bm bn bo bpy br bs bug bxr ca
    cbk-zam cdo ce ceb ch cho chr chy ckb co cr crh cs csb cu cv cy da dag de din diq dsb dty dv
    dz ee el eml en eo es et eu ext fa fat ff fi fiu-vro fj fo fon fr frp frr fur fy ga gag gan
    gcr gd gl glk gn gom gor got gpe gu guc gur guw gv ha hak haw he hi hif ho hr hsb ht hu hy
    hyw hz ia id ie ig ii ik ilo inh io is it iu ja jam jbo jv ka kaa kab kbd kbp kcg kg ki kj
    kk kl km kn ko koi kr krc ks ksh ku kv kw ky la lad lb lbe lez lfn lg li lij lld lmo ln lo
    lrc lt ltg lv lzh mad mai map-bms mdf mg mh mhr mi min mk ml mn mni mnw mr mrj ms mt mus mwl
    my myv mzn na nah nap nds nds-nl ne new ng nia nl nn no nov nqo nrm nso nv ny oc olo om or
    os pa pag pam pap pcd pcm pdc pfl pi pih pl pms pnb pnt ps pt pwn qu rm rmy rn ro roa-rup
    roa-tara ru rue rw sa sah sat sc scn sco sd se sg sh shi shn si simple sk skr sl sm smn sn
    so sq sr srn ss st stq su sv sw szl szy ta tay tcy te tet tg th ti tk tl tly tn to tpi tr
    trv ts tt tum tw ty tyv udm ug uk ur uz ve vec vep vi vls vo wa war wo wuu xal xh xmf yi yo
    yue za zea zgh zh-classical zh-min-nan zh-yue zu
    """.split()
)
#: the wiki's own prefix: on zh-wiki, [[zh:X]] is a link to X here
OWN_LANGUAGE = "zh"
#: sister projects and other interwiki prefixes: links that leave zh-wiki
INTERWIKI_PREFIXES = frozenset(
    """
    wikt wiktionary commons c s wikisource q wikiquote b wikibooks n wikinews v wikiversity
    voy wikivoyage d wikidata m meta mw mediawikiwiki species wikispecies foundation wmf phab
    phabricator google doi rfc imdbtitle
    """.split()
)

#: file-link options that are not the caption
_IMAGE_OPTION = re.compile(
    r"""^\s*(?:
        thumb|thumbnail|frame|framed|frameless|border|left|right|center|centre|none|baseline|
        sub|super|top|text-top|middle|bottom|text-bottom|upright(?:\s*=?\s*[\d.]+)?|
        缩略图|縮圖|缩图|略缩图|有框|无框|無框|边框|邊框|左|右|居中|无|無|
        \d*(?:x\d+)?\s*(?:px|像素)|
        (?:link|alt|page|class|lang|upright|thumbtime|start|end|loop|muted|链接|連結|替代|替代文本)\s*=.*
    )\s*$""",
    re.X | re.I | re.S,
)

#: tags whose contents a reader does not see as running text of the article
_HIDDEN_TAGS = frozenset(
    """
    ref references math chem ce code nowiki pre syntaxhighlight source score timeline graph hiero
    templatedata imagemap includeonly categorytree mapframe maplink inputbox section indicator
    charinsert gallery templatestyles tt kbd samp var
    """.split()
)
#: tags whose contents the language rules must not look at (the whole element is exempt)
_EXEMPT_TAGS = frozenset("math chem ce code nowiki pre syntaxhighlight source score timeline hiero tt kbd samp var".split())
#: tags whose contents are laid out in lines and paragraphs like the top level
_CONTAINER_TAGS = frozenset("div center span font small big p section".split())
#: tags whose lines are verse or quoted text: one block, a sentence per line
_QUOTE_TAGS = frozenset(("blockquote", "poem"))

#: templates whose whole span is exempt (foreign-language text, conversion tables)
_EXEMPT_TEMPLATE = re.compile(
    r"^(?:lang(?:-[\w-]+)?|noteta|notetag-?ta|transl|transliteration|ipa(?:-[\w-]+)?|ipac-[\w-]+"
    r"|code|codett|tt|kbd|samp|mono|var|param|tag|key press|mvar|math)$", re.I)
#: what a code-like template holds is the code's own text: brackets there are not link markup
_LITERAL_MARKUP = frozenset(("stray-open", "stray-close", "template-leftover", "magic-word"))
#: templates that carry visible text: name → parameter keys whose value is prose
#: (a tuple of alternatives: the first key present wins)
_TEXT_TEMPLATES: dict[str, tuple[tuple[str, ...], ...]] = {}
_QUOTE_TEMPLATES = frozenset(("quote", "quotation", "blockquote", "cquote", "quote box", "引文", "引言"))
for _names, _keys in (
    (("nowrap", "nobr", "small", "小", "big", "大", "smaller", "larger", "nihongo", "unicode", "僻字", "abbr", "sic"), (("1",),)),
    (("resize", "color", "colour", "颜色", "顏色", "font color"), (("2",),)),
    (tuple(f"link-{lang}" for lang in "en ja de fr es ru ko it pt vi nl pl sv ar th id ms tr uk fa he".split()) + ("le",), (("3", "1"),)),
    (("tsl", "translink"), (("4", "3"),)),
    (tuple(_QUOTE_TEMPLATES), (("text", "quote", "1"),)),
):
    for _name in _names:
        _TEXT_TEMPLATES[_name] = _keys

#: ``{{reflist}}`` and friends: template name → the group it lists by default
_REFLIST_TEMPLATES: dict[str, str | None] = {
    name: None
    for name in ("reflist", "references", "refs", "ref list", "reference list", "參考資料", "参考资料",
                 "參考文獻", "参考文献", "reflist-talk", "注释", "注釋", "脚注", "腳註", "來源", "来源")
}
_REFLIST_TEMPLATES.update({"notelist": "lower-alpha", "notelist-la": "lower-alpha", "efn-list": "lower-alpha",
                           "notegf": "noteGT", "refgf": "refGT",
                           "notefoot": "NoteTag", "notelist-ua": "upper-alpha", "notelist-lr": "lower-roman"})
#: ``{{efn|…}}`` and friends: explanatory footnotes written as templates → their group
_NOTE_TEMPLATES: dict[str, str | None] = {"efn": "lower-alpha", "efn-la": "lower-alpha", "efn-ua": "upper-alpha",
                                          "efn-lr": "lower-roman", "notegt": "noteGT", "refgt": "refGT", "#tag:ref": None,
                                          "notetag": "NoteTag", "refn": None}

#: section titles of the references section (compared without spaces, case-folded); a title made
#: of several of these joined by 與/与/和/及/、/and is one too ("注釋與參考資料")
_REF_OPEN = re.compile(r"<ref(?=[\s>/])[^<>]*?(/?)>", re.I)
_REF_CLOSE = re.compile(r"</ref\s*>", re.I)
_GALLERY_FILE = re.compile(r"(?:[^:|\[\]{}<>\n]+:)?[^|\[\]{}<>\n]+\.[A-Za-z0-9]{2,5}$")
_STRAY = re.compile(r"\[\[+|\]\]+|\{\{+|\}\}+|__[A-Z]+__")
_EMPTY_PARENS = re.compile(r"（[，,、;；\s]*）|\([,，、;；\s]*\)")

_WS = " \t\r\n\u3000"


def _norm(name: str) -> str:
    """A template or tag name for comparison: no comments, trimmed, ``_`` as space, case-folded."""
    if "<!--" in name:
        name = re.sub(r"<!--.*?(?:-->|$)", "", name, flags=re.S)
    return " ".join(name.replace("_", " ").split()).casefold()
