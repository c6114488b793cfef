"""SC001 ``other-script-sentence``: sentences written in the other script."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.script.fix import conversion_fix
from wikilint.checks.script.view import _NAMES, convertible_profile, is_other_sentence
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.zh import script as zs


class OtherScriptSentence(Rule):
    """Sentences written in a different script from the rest of the article.

    What it does:
    Finds the article's dominant script (simplified or traditional Chinese) from the evidence in
    its prose, or takes it from the configured variant (`zh-hans`, `zh-cn` … / `zh-hant`,
    `zh-tw`, `zh-hk`), and reports each run of consecutive sentences (or list items, or a
    heading) written in the other script: one finding per run, so a pasted paragraph is one
    finding.  A sentence is in the other script when it holds more evidence of it than of the
    dominant one.

    A character is evidence of simplified only if none of the three traditional standards
    (OpenCC's 爲/裏/臺, Taiwan's 為/裡/著, Hong Kong's 為/裏/着/綫) keeps it, and evidence of
    traditional only if simplified does not keep it.  Characters valid in both are never
    evidence: the simplified side of one-to-many mappings that traditional text also writes
    (后 干 于 台 面 里 云 征 范 朴 党: 電視台, 長征, 范平明, 朴奉珠), characters OpenCC keeps both
    ways (乾 於 徵 着 著), variants Taiwan or Hong Kong accept (秘 峰 群; 祕 too), old glyph
    forms (内 彦, kept by OpenCC's Japanese table), characters a traditional standard writes
    although OpenCC converts them (霉 of 發霉, listed in `wikilint/zh/data/traditional_also.txt`),
    any span of Japanese text (with kana, or a bracketed title holding kana: 《国際法の新展開と課題―
    林司宣先生古稀祝賀》), any link text naming something in its Japanese form (one holding a
    kanji form only Japanese writes: [[戯画]], 神奈川県道44号) and any gloss labelled with its
    language or script (日語：千代田区, 汉字：盧武鉉, 繁体：臺灣).

    Never read: `-{…}-` conversion spans, URLs and link targets, file names (also those of a
    gallery the markdown export flattens into `Image:名.jpg|說明` lines), categories,
    `<code>`, `<math>`, `<syntaxhighlight>`, `{{lang|…}}`-style templates, and the references
    list or sources section, where cited titles keep their own script.  Link text is prose and
    is read.

    The fix converts the run, and only its prose, with OpenCC's character-level config for the
    dominant script (`t2s`, or `s2tw` / `s2hk` chosen from the variant or from the forms the
    article already uses: 裡 說 against 裏 着 説), leaving exempt spans inside it alone.  It is
    safe only when OpenCC's choice is determined for every character (one-to-one, or a
    one-to-many character resolved by one of OpenCC's phrases) and it changes no quotation (a
    quoted sentence, `{{Quote}}`, `{{Cquote}}`: whether someone else's words take the article's
    script is the editor's call); otherwise it needs `--unsafe-fixes`.  A link that shows its
    target (`[[改革开放]]`) keeps it and gets the converted text (`[[改革开放|改革開放]]`).

    Why is this bad?
    zh-wiki converts the one stored text for each reader; mixed script shows up as pasted text,
    converts badly (one-to-many characters guess wrong), and looks careless.  Converting a
    whole article's script is treated as vandalism, but bringing stray text into the article's
    own script is the accepted repair.

    Example:
    `2019年朝美首腦會談……2月28日首先举行第二次单独会谈。`

    Use instead:
    `2019年朝美首腦會談……2月28日首先舉行第二次單獨會談。`
    """

    code, name, family, severity = "SC001", "other-script-sentence", "script", Severity.WARNING
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        prof = convertible_profile(doc, ctx)
        if prof is None:
            return
        dominant, minority = prof.dominant, zs.other(prof.dominant)
        units = prof.units
        i = 0
        while i < len(units):
            if not is_other_sentence(units[i], dominant):
                i += 1
                continue
            # extend over sentences of the same group that are in the other script or neutral
            j = last = i
            while j + 1 < len(units) and units[j + 1].group == units[i].group:
                nxt = units[j + 1]
                if is_other_sentence(nxt, dominant):
                    last = j + 1
                elif any(nxt.counts):
                    break
                j += 1
            run = units[i : last + 1]
            span = Span(run[0].span.start, run[-1].span.end)
            n = len(run)
            what = f"{_NAMES[minority]} sentence" if n == 1 else f"{n} {_NAMES[minority]} sentences"
            fix = conversion_fix(doc, [r for u in run for r in u.runs], prof.target)
            yield Violation(
                span,
                f"{what} in a {_NAMES[dominant]} article",
                fix=fix,
            )
            i = last + 1
