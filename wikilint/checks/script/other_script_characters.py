"""SC002 ``other-script-characters``: stray characters of the other script in a sentence."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.script.fix import _apply, conversion_fix
from wikilint.checks.script.view import _NAMES, convertible_profile, is_other_sentence
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Rule, Severity, Violation
from wikilint.zh import script as zs


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
            if not unit.count(minority):
                continue
            stray = [pos for pos, s in unit.evidence if s == minority]
            for run in unit.runs:
                inside = [p for p in stray if run.start <= p < run.end]
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
