"""The family's fix: converting checked prose to the article's script with OpenCC, in context,
safe only where OpenCC's choice is determined and no quotation changes."""

from __future__ import annotations

import bisect

from wikilint.checks.script.view import _NAMES
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Edit, Fix
from wikilint.zh import script as zs


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
        if converted[lo:hi] == source[lo:hi]:
            continue
        frozen = set()
        for a, b in zs.foreign_spans(source):
            frozen.update(range(a, b))
        changed = [i for i in range(lo, hi) if converted[i] != source[i] and i not in frozen]
        if not changed:
            continue
        # once one run makes the fix unsafe, whether OpenCC guesses in the others no longer matters
        if safe and zs.undetermined(source, target, [i for i in range(lo, hi) if i not in frozen] if frozen else range(lo, hi)):
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
    for start, end in _shown_targets(doc).between(lo, hi):
        inner = Span(start + 2, end - 2)
        inside = [e for e in out if inner.start <= e.span.start and e.span.end <= inner.end]
        if not inside:
            continue
        shown = list(inner.slice(text))
        for e in inside:
            shown[e.span.start - inner.start : e.span.end - inner.start] = e.replacement
        out = [e for e in out if all(e is not f for f in inside)]  # edits are distinct: no two share a span
        out.append(Edit(Span(inner.end, inner.end), "|" + "".join(shown)))
    return sorted(out, key=lambda e: (e.span.start, e.span.end))


class _ShownTargets:
    """The ``[[…]]`` links that show their target, as ``(start, end)`` in the document's order of
    links, found once per document for every fix to look up by place."""

    def __init__(self, doc: Document) -> None:
        text = doc.text
        self.links = [(link.span.start, link.span.end) for link in doc.links
                      if link.text is None and link.form == "wikilink"
                      and text.startswith("[[", link.span.start) and text.startswith("]]", link.span.end - 2)]
        # in order of place (as the front-ends list links), a bisection finds those a fix reaches
        self.ordered = all(a <= b for a, b in zip(self.links, self.links[1:]))
        self.starts = [start for start, _ in self.links]
        self.max_end, top = [], 0
        for _, end in self.links:
            top = max(top, end)
            self.max_end.append(top)

    def between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The links that overlap ``[lo, hi)``, in the document's order."""
        links = self.links
        if self.ordered:
            links = links[bisect.bisect_right(self.max_end, lo) : bisect.bisect_left(self.starts, hi)]
        return [(start, end) for start, end in links if end > lo and start < hi]


def _shown_targets(doc: Document) -> _ShownTargets:
    return doc.derived(("script", "shown targets"), lambda: _ShownTargets(doc))


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
