"""NM002 known-wrong-name: a name written in a form the name tables list as wrong."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from wikilint.checks.names.forms import _pick_surface, fold_chars
from wikilint.checks.names.index import name_index
from wikilint.checks.names.mentions import article
from wikilint.document.model import Document
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation


class KnownWrongName(Rule):
    """A name written in a form the name tables list as wrong.

    What it does:
        Reports renderings listed as wrong in ``rules/names/`` (each with a note and a source),
        such as 金永哲 for Kim Yong-chol, whose hanja are 金英哲, with the places of the right
        form as related ranges, and fixes them to the form of the article's variant.  An entry can
        ask for context words, so that a wrong form that is also someone else's real name is only
        reported in articles about the right person.

    Why is this bad?
        A misspelt name is a factual error and breaks searches and links: 金永哲 and 金英哲 both
        read 김영철 in Korean, but only one is Kim Yong-chol.

    Example:
        `參與的還有金永哲和迈克·蓬佩奥。`

    Use instead:
        `參與的還有金英哲和迈克·蓬佩奥。`
    """

    code, name, family, severity = "NM002", "known-wrong-name", "names", Severity.ERROR
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        for m in art.mentions:
            # a wrong form glossing the Hangul (김영철（金永哲）) is still wrong; one declared as
            # an alternative (又譯金永哲) is the article's own statement
            if not m.wrong or art.is_declared(m.span, glosses=False):
                continue
            for e, wrong in m.wrong:
                if wrong.context and not any(fold_chars(w) in art.folded_text for w in wrong.context):
                    continue
                entry = index.entries[e]
                accepted = entry.accepted_keys(art.variant.script_scope)
                right_places = [x for x in art.mentions if x.key in accepted and e in x.entries]
                counts = Counter(x.key for x in right_places)
                target = max(accepted, key=lambda k: (counts[k], -accepted.index(k))) if accepted else None
                if target is None:
                    continue
                surfaces = [x.surface for x in right_places if x.key == target] + entry.surfaces(target)
                replacement = _pick_surface(surfaces, m.surface)
                yield Violation(
                    m.span,
                    f"{m.surface} is a wrong form of {replacement} ({entry.label}): {wrong.note}",
                    related=tuple(x.span for x in right_places),
                    fix=Fix(f"write {replacement}", (Edit(m.span, replacement),)),
                )
                break
