"""The ``script`` family: simplified and traditional Chinese mixed in one article.

zh-wiki stores one text and converts it for each reader, so an article is written in one script,
with ``-{…}-`` markup where a variant must not be converted.  Pasted text breaks this.  The
character classes and the conversion live in :mod:`wikilint.zh.script`; this module finds the
article's dominant script, the sentences and characters written in the other one, and the
regional vocabulary mixed in.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation
from wikilint.zh import script as zs

_NAMES = {zs.SIMPLIFIED: "simplified", zs.TRADITIONAL: "traditional"}
_SPACE = " \t\r\n\u3000"


# -- what the article is written in, computed once per document and variant ----------------------


@dataclass(frozen=True)
class Unit:
    """A sentence (or list item, heading …) of checked prose and the script evidence in it."""

    span: Span  # the sentence, trimmed of surrounding white space
    block: int
    group: int  # sentences of one paragraph, or of consecutive list items, share a group
    runs: tuple[Span, ...]  # checked prose inside the sentence
    evidence: tuple[tuple[int, str], ...]  # (offset into doc.text, script)

    def count(self, script: str) -> int:
        return sum(1 for _, s in self.evidence if s == script)


@dataclass(frozen=True)
class Profile:
    units: tuple[Unit, ...]
    dominant: str | None  # None: no evidence, or an even split
    target: zs.Target | None
    counts: tuple[int, int]  # simplified, traditional evidence in the checked prose


def _skipped_spans(doc: Document) -> "_Skipped":
    """Non-prose places a language rule never reads, beyond what the prose mask already hides."""
    spans = list(doc.exempt)
    spans.extend(c.span for c in doc.conversions)
    spans.extend(l.span for l in doc.links if l.kind in ("file", "category", "interlanguage"))
    spans.extend(doc.category_lines)
    if doc.references_span is not None:
        spans.append(doc.references_span)
    spans.extend(s.span for s in doc.sections if s.is_references)
    spans.extend(_japanese_link_texts(doc))
    spans.extend(Span(m.start(), m.end()) for m in _GALLERY_FILE.finditer(doc.text))
    return _Skipped(spans)


#: a file name left in the text, as the markdown export flattens a <gallery> into
#: ``Image:和平宮正門.jpg|caption`` lines (hard-wrapped, a name may hold a line break): a name to
#: find the file by, never to convert
_GALLERY_FILE = re.compile(
    r"(?<![\w/])(?:Image|File|文件|檔案|档案|圖像|图像|影像|圖片|图片):(?:[^|\n<>\[\]]|\n(?!\n))*?\.(?:jpe?g|png|gif|svg|tiff?|webp)(?:\||(?=\s|$))",
    re.IGNORECASE,
)


def _japanese_link_texts(doc: Document) -> Iterator[Span]:
    """Link texts holding a kanji form only Japanese writes ([[戯画]], [神奈川県道44号伊勢原藤澤線]):
    a name written in its Japanese form on purpose, whose other characters (the 号, the 画) are no
    slip of script, and that a conversion must not half-convert (神奈川県道44號)."""
    forms = None
    for link in doc.links:
        if link.kind in ("file", "category", "interlanguage"):
            continue
        shown = link.text_span or (link.target_span if link.text is None else None)
        if shown is None:
            continue
        if forms is None:
            forms = zs.japanese_forms()
        if any(ch in forms for ch in shown.slice(doc.text)):
            yield shown


class _Skipped:
    """Sorted skipped spans with a running maximum of their ends, to find those touching a run."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans)
        self.starts = [s.start for s in self.spans]
        self.max_end = []
        top = 0
        for span in self.spans:
            top = max(top, span.end)
            self.max_end.append(top)

    def touching(self, run: Span) -> list[Span]:
        lo = bisect.bisect_right(self.max_end, run.start)  # every span before lo ends by run.start
        hi = bisect.bisect_left(self.starts, run.end)  # every span from hi on starts at run.end or later
        return self.spans[lo:hi]


def _subtract(run: Span, skipped: _Skipped) -> Iterator[Span]:
    start = run.start
    for s in skipped.touching(run):
        if s.end <= start or s.start >= run.end:
            continue
        if s.start > start:
            yield Span(start, s.start)
        start = max(start, s.end)
        if start >= run.end:
            return
    if start < run.end:
        yield Span(start, run.end)


def _trim(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    return Span(start, end)


def checked_runs(doc: Document, span: Span, skipped: "_Skipped | None" = None) -> list[Span]:
    """Prose runs inside ``span`` that language rules read (not exempt, not a file name …)."""
    if skipped is None:
        skipped = _skipped_spans(doc)
    return [part for run in doc.prose_runs(span) for part in _subtract(run, skipped) if len(part)]


def convertible_profile(doc: Document, ctx: Context) -> Profile | None:
    """The profile when the article has a dominant script and a conversion target, else None."""
    prof = profile(doc, ctx.variant)
    return prof if prof.dominant is not None and prof.target is not None else None


def profile(doc: Document, variant: str | None = None) -> Profile:
    """The script profile of ``doc``, computed once per document and configured variant."""
    return doc.derived(("script", variant), lambda: _compute_profile(doc, variant))


def _compute_profile(doc: Document, variant: str | None) -> Profile:
    text = doc.text
    skipped = _skipped_spans(doc)
    units: list[Unit] = []
    group = -1
    previous_block = None
    for block in doc.blocks:
        if block.kind == "category_line" or doc.in_references(block.span.start):
            continue
        continues_list = (
            previous_block is not None
            and block.kind == "list_item"
            and previous_block.kind == "list_item"
            and previous_block.index == block.index - 1
        )
        if not continues_list:
            group += 1
        previous_block = block
        for sentence in block.sentences:
            runs = tuple(checked_runs(doc, sentence.span, skipped))
            if not runs:
                continue
            found = []
            for run in runs:
                found.extend((run.start + i, s) for i, s in zs.evidence(run.slice(text)))
            span = _trim(text, Span(runs[0].start, runs[-1].end))
            units.append(Unit(span, block.index, group, runs, tuple(found)))

    simp = sum(u.count(zs.SIMPLIFIED) for u in units)
    trad = sum(u.count(zs.TRADITIONAL) for u in units)
    dominant = zs.variant_script(variant) or _written_script(units, text) or (
        None if simp == trad else zs.SIMPLIFIED if simp > trad else zs.TRADITIONAL)
    target = None
    if dominant is not None:
        # the traditional standard, from the sentences already in the dominant script
        own = "".join(
            run.slice(text) for u in units if u.count(zs.other(dominant)) <= u.count(dominant) for run in u.runs
        )
        target = zs.target_for(dominant, variant, zs.standard_marks(own))
    return Profile(tuple(units), dominant, target, (simp, trad))


def _written_script(units: list[Unit], text: str) -> str | None:
    """The script most of the prose is written in: each sentence votes for the script it leans to,
    with its length in Han characters.  Counting evidence characters instead lets a few dense
    paragraphs (該市於…成為…擁有眾多歷史遺跡) outvote the plainer sentences around them."""
    written = {zs.SIMPLIFIED: 0, zs.TRADITIONAL: 0}
    for unit in units:
        simp, trad = unit.count(zs.SIMPLIFIED), unit.count(zs.TRADITIONAL)
        if simp != trad:
            length = sum(1 for run in unit.runs for ch in run.slice(text) if zs.is_han(ch))
            written[zs.SIMPLIFIED if simp > trad else zs.TRADITIONAL] += length
    if written[zs.SIMPLIFIED] == written[zs.TRADITIONAL]:
        return None
    return zs.SIMPLIFIED if written[zs.SIMPLIFIED] > written[zs.TRADITIONAL] else zs.TRADITIONAL


def is_other_sentence(unit: Unit, dominant: str) -> bool:
    """Written in the other script: more evidence of it than of the dominant one."""
    return unit.count(zs.other(dominant)) > unit.count(dominant)


# -- the fix ------------------------------------------------------------------------------------


def conversion_fix(doc: Document, runs: list[Span], target: zs.Target, only: Span | None = None) -> Fix | None:
    """Edits converting the checked prose ``runs`` (each converted in its context) to ``target``.

    With ``only``, the runs are context and only characters inside ``only`` change.  Japanese
    spans and labelled glosses (日語：…, 汉字：…) are left alone.  The fix is safe when OpenCC's choice is determined for every
    character it converts; a run whose length the conversion would change is converted
    character by character and the fix is unsafe.
    """
    text = doc.text
    edits: list[Edit] = []
    safe = True
    for run in runs:
        source = run.slice(text)
        converted = zs.convert(source, target)
        if converted is None:
            converted = zs.convert_chars(source, target)
            safe = False
        lo = 0 if only is None else max(0, only.start - run.start)
        hi = len(source) if only is None else min(len(source), only.end - run.start)
        if lo >= hi:
            continue
        frozen = set()
        for a, b in zs.foreign_spans(source):
            frozen.update(range(a, b))
        changed = [i for i in range(lo, hi) if converted[i] != source[i] and i not in frozen]
        if not changed:
            continue
        if zs.undetermined(source, target, [i for i in range(lo, hi) if i not in frozen]):
            safe = False
        # one edit per stretch of changed characters
        start = prev = changed[0]
        for i in changed[1:] + [None]:
            if i is not None and i == prev + 1:
                prev = i
                continue
            edits.append(Edit(Span(run.start + start, run.start + prev + 1), converted[start : prev + 1]))
            if i is not None:
                start = prev = i
    if not edits:
        return None
    if safe and _quotes_changed(doc, edits):
        safe = False
    name = _NAMES[zs.SIMPLIFIED if target == "t2s" else zs.TRADITIONAL]
    return Fix(f"convert to {name} ({target})", tuple(_keep_link_targets(doc, edits)), safe=safe)


#: templates that set off a quotation: {{Quote|…}}, {{Cquote|…}}
_QUOTE_TEMPLATES = frozenset(("quote", "cquote", "quotation", "quote box", "blockquote", "rquote", "引言", "引文"))
#: what makes a quoted stretch a quotation (a sentence or more), not a quoted term (“倒黄梅”, 「空梅」)
_SENTENCE_MARKS = frozenset("，。！？；：,!?;…")


def _quotations(doc: Document) -> list[Span]:
    """Quoted sentences (“小暑一声雷，倒转做重梅。”) and quotation templates: someone else's words."""

    def build() -> list[Span]:
        spans = [q.inner_span for q in doc.quotes
                 if q.kind == "quote" and any(c in _SENTENCE_MARKS for c in q.inner_span.slice(doc.text))]
        spans.extend(t.span for t in doc.templates
                     if t.name.strip().replace("_", " ").lower() in _QUOTE_TEMPLATES)
        return spans

    return doc.derived(("script", "quotations"), build)


def _quotes_changed(doc: Document, edits: list[Edit]) -> bool:
    """A conversion touches a quotation: the editor, not ``--fix``, decides whether a quotation
    takes the article's script."""
    quotations = _quotations(doc)
    return any(q.start <= e.span.start and e.span.end <= q.end for e in edits for q in quotations)


def _keep_link_targets(doc: Document, edits: list[Edit]) -> list[Edit]:
    """Edits that leave the targets of ``[[改革开放]]``-style links alone: a link that shows its target
    gets the converted text as its own (``[[改革开放|改革開放]]``) instead of a new target."""
    lo, hi = edits[0].span.start, edits[-1].span.end
    text = doc.text
    out = list(edits)
    for link in doc.links:
        if link.text is not None or link.form != "wikilink" or link.span.end <= lo or link.span.start >= hi:
            continue
        if not (text.startswith("[[", link.span.start) and text.startswith("]]", link.span.end - 2)):
            continue
        inner = Span(link.span.start + 2, link.span.end - 2)
        inside = [e for e in out if inner.start <= e.span.start and e.span.end <= inner.end]
        if not inside:
            continue
        shown = list(inner.slice(text))
        for e in inside:
            shown[e.span.start - inner.start : e.span.end - inner.start] = e.replacement
        out = [e for e in out if e not in inside]
        out.append(Edit(Span(inner.end, inner.end), "|" + "".join(shown)))
    return sorted(out, key=lambda e: (e.span.start, e.span.end))


# -- rules --------------------------------------------------------------------------------------


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
                elif nxt.evidence:
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


class OtherScriptCharacters(Rule):
    """Stray characters of the other script inside a sentence in the article's script.

    What it does:
    Inside a sentence written in the article's dominant script (see SC001 for how the script and
    the evidence are decided), reports each stretch of characters that are evidence of the
    other script: `朝鲜` in a traditional sentence, `拍攝` in a simplified one.  Stray characters
    next to each other, or separated only by characters valid in both scripts, are one finding.
    The same places as SC001 are never read (`-{…}-`, URLs, link targets, file names, references).

    The fix converts the stretch, in its context, with the same OpenCC config as SC001; it is
    safe only when OpenCC's choice is determined for every character and no quotation changes.

    Why is this bad?
    A character of the other script usually comes from a pasted name or link text; the
    conversion zh-wiki applies for readers then guesses, and the text looks careless.

    Example:
    `回應前一日川普指稱朝鲜要求全面解除制裁的說法`

    Use instead:
    `回應前一日川普指稱朝鮮要求全面解除制裁的說法`
    """

    code, name, family, severity = "SC002", "other-script-characters", "script", Severity.WARNING
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        prof = convertible_profile(doc, ctx)
        if prof is None:
            return
        dominant, minority = prof.dominant, zs.other(prof.dominant)
        text = doc.text
        for unit in prof.units:
            if is_other_sentence(unit, dominant):
                continue
            stray = [pos for pos, s in unit.evidence if s == minority]
            if not stray:
                continue
            for run in unit.runs:
                inside = [p for p in stray if run.contains(p)]
                if not inside:
                    continue
                for start, end in _widen(text, run, _stretches(text, inside, dominant), prof.target):
                    span = Span(start, end)
                    fix = conversion_fix(doc, [run], prof.target, only=span)
                    shown = span.slice(text)
                    hint = ""
                    if fix is not None:
                        hint = f" (→ {_apply(text, span, fix)})"
                    yield Violation(
                        span,
                        f"{_NAMES[minority]} characters “{shown}” in a {_NAMES[dominant]} sentence{hint}",
                        fix=fix,
                    )


def _stretches(text: str, positions: list[int], dominant: str) -> Iterator[tuple[int, int]]:
    """Group stray positions separated only by Han characters that are not dominant evidence."""
    if not positions:
        return
    start = prev = positions[0]
    for pos in positions[1:]:
        between = text[prev + 1 : pos]
        if all(zs.is_han(c) and zs.char_script(c) != dominant for c in between):
            prev = pos
            continue
        yield start, prev + 1
        start = prev = pos
    yield start, prev + 1


def _widen(text: str, run: Span, stretches: Iterator[tuple[int, int]], target: zs.Target) -> Iterator[tuple[int, int]]:
    """Take in neighbouring characters valid in both scripts that OpenCC converts for sure in
    this context (劳动党 → 勞動黨: 党 follows the phrase), so the fix leaves no half-converted word."""
    source = run.slice(text)
    converted = zs.convert(source, target)
    if converted is None:
        yield from stretches
        return
    stretches = list(stretches)
    taken = set()
    for start, end in stretches:
        a, b = start - run.start, end - run.start

        def joins(i: int) -> bool:
            return (
                0 <= i < len(source)
                and i not in taken
                and zs.is_han(source[i])
                and zs.char_script(source[i]) is None
                and converted[i] != source[i]
                and not zs.undetermined(source, target, [i])
            )

        while joins(a - 1):
            a -= 1
        while joins(b):
            b += 1
        taken.update(range(a, b))
        yield run.start + a, run.start + b


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


def _apply(text: str, span: Span, fix: Fix) -> str:
    """``span``'s text as the fix writes it; a pipe the fix adds to a link (``|改革開放``) shows the
    converted text, which replaces the span's."""
    out = list(span.slice(text))
    for edit in fix.edits:
        if not len(edit.span) and edit.replacement.startswith("|") and edit.span.start >= span.end:
            shown = edit.replacement[1:]
            start = edit.span.start - len(shown)
            for i, ch in enumerate(shown):
                if 0 <= start + i - span.start < len(out):
                    out[start + i - span.start] = ch
            continue
        for k, ch in enumerate(edit.replacement):
            i = edit.span.start + k - span.start
            if 0 <= i < len(out):
                out[i] = ch
    return "".join(out)


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
        for unit in prof.units:
            for run in unit.runs:
                for a, b, pair, region in zs.find_terms(run.slice(text)):
                    span = Span(run.start + a, run.start + b)
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
