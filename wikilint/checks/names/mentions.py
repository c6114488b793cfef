"""What the names rules read off one document (``article``, computed once and shared by the four
rules): the visible prose and infobox values, folded, with the article's variant; the alternatives it
declares (或譯「…」) and the renderings glossing a Latin or Hangul name; the conversions it declares;
the names it links; and every mention of a form of the tables in it, leftmost-longest."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from wikilint.checks.names.forms import _DOTS, _HAN, _link_name, fold_chars
from wikilint.checks.names.index import NameIndex, WrongForm, name_index
from wikilint.checks.names.variants import Variant, detect_variant, normalise_variant
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context
from wikilint.patterns import lazy_compile

_ALT_MARKERS = (
    "或譯|又譯|亦譯|舊譯|曾譯|港譯|台譯|臺譯|澳譯|大陸譯作|大陸譯|中國大陸譯作|一譯|另譯|通譯|又稱|或稱|亦稱|又作|或作|亦作|"
    "或译|又译|亦译|旧译|曾译|港译|台译|澳译|大陆译作|大陆译|中国大陆译作|一译|另译|通译|又称|或称|亦称|"
    # a region's rendering, written out: 台灣譯作川普, 台湾译作川普, 新加坡譯為…, 香港稱…
    "台灣譯|臺灣譯|新加坡譯|馬來西亞譯|大陸稱|台灣稱|臺灣稱|香港稱|港澳稱|"
    "台湾译|新加坡译|马来西亚译|大陆称|台湾称|香港称|港澳称"
)
_ALT = lazy_compile(
    rf"(?:{_ALT_MARKERS})(?:作|為|为|成)?[：:\s]*[「『“\"《]?(?P<name>[{_HAN}][{_HAN}{_DOTS}]{{1,14}}?)(?=[」』”\"》）)，,、；;。\s]|$)"
)
#: a Han name in brackets, a gloss when a foreign name comes right before it: Kim Yong-chol（金英哲）.
#: The foreign name is checked backwards from the bracket (``_after_foreign``): a pattern that
#: starts at every letter rescans the whole run of letters each time, quadratic in its length.
_GLOSS = lazy_compile(rf"[（(](?P<name>[{_HAN}][{_HAN}{_DOTS}]{{1,14}})[）)]")
_FOREIGN_LETTER = lazy_compile(r"[A-Za-z\uac00-\ud7af]")
_FOREIGN_FILLER = " .'-"


_BEFORE_WINDOW = 64
_LEAD_UP = lazy_compile(r"[（(，,\s「」『』]+$")


def _name_before(text: str, pos: int) -> str:
    """The text before ``pos`` (at most ``_BEFORE_WINDOW`` characters) without the brackets,
    commas, quotes and spaces that lead up to a declared alternative."""
    return _LEAD_UP.sub("", text[max(0, pos - _BEFORE_WINDOW) : pos])


#: a character every declared alternative (或譯, 又稱, 又作 …) or gloss (a bracket) holds
_DECLARING = re.compile("[譯译稱称作（(]")


def _runs_holding(texts: list[str], chars: re.Pattern) -> list[int]:
    """The indexes of the ``texts`` that hold a match of ``chars``, found in one search over them all
    joined: most runs of an article are a few words between two links and declare nothing."""
    joined = "\n".join(texts)
    ends, at = [], -1
    for text in texts:
        at += len(text) + 1
        ends.append(at)  # where the run's newline stands in the joined text
    found: list[int] = []
    for m in chars.finditer(joined):
        k = bisect.bisect_left(ends, m.start())
        if not found or found[-1] != k:
            found.append(k)
    return found


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
    _views: dict = field(default_factory=dict, repr=False)

    @cached_property
    def _joined_starts(self) -> list[int]:
        starts, at = [], 0
        for _span, folded in self.runs:
            starts.append(at)
            at += len(folded) + 1
        return starts

    def offset_of(self, i: int) -> int:
        """The document offset of position ``i`` of ``folded_text`` (not one of its joining newlines)."""
        starts = self._joined_starts
        k = bisect.bisect_right(starts, i) - 1
        return self.runs[k][0].start + i - starts[k]

    def view(self, key: object, build):
        """What several rules derive from the article alike, built once (``key`` names it and what it depends on)."""
        try:
            return self._views[key]
        except KeyError:
            value = self._views[key] = build()
            return value

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
    language links; a file's caption is visible text and counts (the front-ends leave its options out).
    The skipped spans are blanked in a copy of the document's prose mask, whose runs one regular
    expression then finds (as ``prose_runs`` does: from a prose character to the next one that is not)."""
    skip = list(doc.exempt) + list(doc.category_lines)
    if doc.references_span is not None:
        skip.append(doc.references_span)
    skip += [s.span for s in doc.sections if s.is_references]
    skip += [link.span for link in doc.links if link.kind in ("category", "interlanguage")]
    mask = bytearray(doc.prose[: len(doc.text)])
    for s in skip:
        end = min(s.end, len(mask))
        if end > s.start:
            mask[s.start:end] = bytes(end - s.start)
    return [Span(m.start(), m.end()) for m in _PROSE_RUN.finditer(mask)]


_PROSE_RUN = re.compile(rb"\x01[^\x00]*")


_INFOBOX = lazy_compile(r"^(?:infobox|信息框|資訊框|资讯框)|(?:信息框|資訊框|资讯框)$", re.I)
_NAME_RUN = lazy_compile(rf"[{_HAN}{_DOTS}]+")


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


def _scan(art: Article, index: NameIndex, doc: Document) -> list[Mention]:
    """Leftmost-longest matches of table forms (at least two characters) in the visible prose: at each
    place a form starts, the longest one that is no piece of a longer foreign word.  The forms are found
    in one pass over the runs joined by newlines (``folded_text``; no form holds a newline, and a newline
    is no transliteration character, so a run's neighbour changes nothing)."""
    folded_text = art.folded_text
    lengths: dict[int, list[int]] = {}
    for start, length in index.find(folded_text):
        lengths.setdefault(start, []).append(length)
    mentions = []
    by_key, wrong_by_key = index.by_key, index.wrong_by_key
    spelt = index.transliteration_chars
    i = 0
    for start in sorted(lengths):
        if start < i:
            continue  # inside the previous mention
        for length in sorted(lengths[start], reverse=True):
            if not _inside_foreign_word(folded_text, start, start + length, spelt):
                hit = folded_text[start : start + length]
                offset = art.offset_of(start)
                span = Span(offset, offset + length)
                mentions.append(Mention(span, span.slice(doc.text), hit, tuple(by_key.get(hit, ())),
                                        tuple(wrong_by_key.get(hit, ()))))
                i = start + length
                break
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
    raw = [span.slice(doc.text) for span in spans]
    runs = [(span, fold_chars(text)) for span, text in zip(spans, raw)]
    folded_text = "\n".join(f for _s, f in runs)
    configured = normalise_variant(ctx.variant)
    variant = Variant(configured, True) if configured else detect_variant("".join(raw))
    art = Article(text=doc.text, links=doc.links, runs=runs, folded_text=folded_text, variant=variant,
                  title_name=_link_name(doc.title or ""), title=doc.title or "")
    for link in doc.links:
        if link.kind != "internal":
            continue
        name = _link_name(link.target)
        if name:
            art.link_targets.setdefault(name, set()).add(fold_chars(link.target))
    for k in _runs_holding(raw, _DECLARING):
        span, text = runs[k][0], raw[k]
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
    art.mentions = _scan(art, index, doc)
    return art
