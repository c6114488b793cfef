"""SC003 ``regional-vocabulary``: mainland and Taiwan wording for one thing in one article."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.script.view import profile
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.zh import script as zs


def _is_note_ta(template) -> bool:
    """``{{NoteTA|G1=IT|1=…}}``: conversion groups or rules declared for the whole article."""
    name = template.name.strip().replace("_", " ").lower()
    if name not in ("noteta", "note ta"):
        return False
    return any(key.strip() for key, value in template.params if value.strip())


#: last characters of the names of institutions: 工業和信息化部, 資訊工業策進會, 資訊工程學系
_INSTITUTION_END = frozenset("部局會会院署處处所廳厅社館馆司團团盟委系")


def _institution_names(doc: Document) -> list[tuple[Span, str]]:
    """Text spans of links to institutions, with the institution's name folded to simplified."""
    out = []
    for link in doc.links:
        title = link.target.strip()
        if link.kind != "internal" or len(title) < 3 or title[-1] not in _INSTITUTION_END:
            continue
        out.append((link.text_span or link.span, zs.convert_chars(title, "t2s")))
    return out


def _in_institution_name(text: str, span: Span, institutions: list[tuple[Span, str]]) -> bool:
    """The term is part of the linked name of an institution (the 信息 of 工業和信息化部): the
    institution's own wording, not the editor's."""
    word = zs.convert_chars(span.slice(text), "t2s")
    return any(shown.start <= span.start and span.end <= shown.end and word in name for shown, name in institutions)


class RegionalVocabulary(Rule):
    """Mainland and Taiwan wording for the same thing in one article.

    What it does:
    Looks up the article's prose in OpenCC's regional phrase tables (TWPhrases and
    TWPhrasesRev: 信息/資訊, 软件/軟體, 网络/網路, in either script, segmented as OpenCC
    segments: the 比特 of 比特幣 and the 軟體 of 軟體動物 are no terms) and reports
    where one concept is written with both regions' wording: each use of the less frequent
    wording (on a tie, of the wording that appears later) is a finding, and the message
    suggests the `-{zh-cn:…; zh-tw:…}-` markup that lets zh-wiki show each reader their own
    word.  Text inside `-{…}-` markup is never read, nor link targets, URLs, file names,
    references or the wording of a linked institution's name (the 信息 of
    [[工業和信息化部]]); a pair an article-wide rule (`-{H|zh-cn:软件; zh-tw:軟體}-`) converts is quiet,
    and so is an article with a `{{NoteTA}}`, whose conversion groups convert such words for
    every reader.  Pairs where one region also writes the other's word every day are not
    counted: words the Taiwan table rewrites but that Taiwan also uses (發佈, 支持, 項目 …) and
    Taiwan words the mainland also uses in another sense (影片, 核心, 指標 …), listed in
    `wikilint/zh/data/regional_common.txt`.

    Why is this bad?
    zh-wiki readers see the article in their own variant; a word converted for one region and
    not for the other reads as a mistake to both, and the inconsistency shows the text was
    pasted together.

    Example:
    `該軟件由公司開發……這套軟體在台灣發行。`

    Use instead:
    `該-{zh-cn:软件; zh-tw:軟體}-由公司開發……這套-{zh-cn:软件; zh-tw:軟體}-在台灣發行。`
    """

    code, name, family, severity = "SC003", "regional-vocabulary", "script", Severity.INFO
    article_wide = True
    fixable = False

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        if any(_is_note_ta(t) for t in doc.templates):
            return
        declared = {value for c in doc.conversion_declarations for _, value in c.variants}
        prof = profile(doc, ctx.variant)
        text = doc.text
        institutions = _institution_names(doc)
        uses: dict[int, dict[str, list[Span]]] = {}
        for a, b, pair, region in zs.find_terms_in(text, (bounds for unit in prof.units for bounds in unit.bounds)):
            span = Span(a, b)
            if _in_institution_name(text, span, institutions):
                continue
            uses.setdefault(pair, {}).setdefault(region, []).append(span)
        pairs = zs.vocabulary().pairs
        for pair, by_region in sorted(uses.items(), key=lambda kv: min(s.start for v in kv[1].values() for s in v)):
            if len(by_region) < 2:
                continue
            mainland, taiwan = by_region[zs.MAINLAND], by_region[zs.TAIWAN]
            if len(mainland) != len(taiwan):
                minority, majority = (mainland, taiwan) if len(mainland) < len(taiwan) else (taiwan, mainland)
            else:
                minority, majority = (mainland, taiwan) if mainland[0].start > taiwan[0].start else (taiwan, mainland)
            cn, tw = pairs[pair]
            if any(cn in d or tw in d or zs.convert(cn, "s2t") in d for d in declared):
                continue  # an article-wide -{H|…}- rule already converts this word
            other_word = majority[0].slice(text)
            for span in minority:
                word = span.slice(text)
                region = "mainland" if minority is mainland else "Taiwan"
                yield Violation(
                    span,
                    f"{region} wording “{word}” in an article that also writes “{other_word}”; "
                    f"use one, or -{{zh-cn:{cn}; zh-tw:{tw}}}-",
                    related=tuple(majority),
                )
