"""NM001 mixed-name-forms: one person written in two renderings in one article."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from wikilint.checks.names.entities import _entity_mentions, _kinds
from wikilint.checks.names.forms import _pick_surface, _times
from wikilint.checks.names.index import name_index
from wikilint.checks.names.mentions import article
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation


class MixedNameForms(Rule):
    """One person written in two renderings in one article.

    What it does:
        Finds the entries of the name tables (zh-wiki's own conversion groups, ``rules/names/``)
        that an article writes in more than one form, after folding traditional and simplified
        script (蓬佩奧 / 蓬佩奥 is one form).  It reports each place of the rarer form, with the
        places of the form the article keeps as related ranges, and fixes it to that form: the
        majority among the forms zh-wiki uses for the article's variant.  Forms inside ``-{…}-``,
        entries the article declares a conversion for (``-{H|…}-``, ``{{NoteTA|G1=…}}``) and
        renderings it declares as alternatives (或譯「…」) are left alone, and so is a form the
        article links to another person (凯利 in [约翰·凯利](约翰·凯利), though the tables list 凯利
        for Kerry), or that another entry writes for the variant without knowing the other form
        (a Hong Kong article's 約翰遜 is Boris Johnson, its 詹森 the president).  A form that
        starts or ends inside a longer foreign word (the 克里 of 克里米亞, the 杰拉德 of 菲茨杰拉德号)
        is no mention.
        The fix is safe when both forms have three characters or more; two-character forms
        (川普) are substrings of too many words for that.  Option ``kinds`` (default
        ``["person"]``) chooses the tables.

    Why is this bad?
        Readers take two renderings for two people.  zh-wiki writes 特朗普 for Trump in zh-cn and
        zh-hk and 川普 in zh-tw; an article that mixes them reads as if it spoke of two men.

    Example:
        `特朗普在白宮接受訪問。……美國總統川普也在訪越期間與越南舉行雙邊會談。`

    Use instead:
        `特朗普在白宮接受訪問。……美國總統特朗普也在訪越期間與越南舉行雙邊會談。`
    """

    code, name, family, severity = "NM001", "mixed-name-forms", "names", Severity.WARNING
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        seen: set[Span] = set()
        for e, mentions in sorted(_entity_mentions(art, index, _kinds(ctx, self.code)).items()):
            entry = index.entries[e]
            counts = Counter(m.key for m in mentions)
            if len(counts) < 2:
                continue
            accepted = entry.accepted_keys(art.variant.script_scope)
            first = {}
            for m in mentions:
                first.setdefault(m.key, m.span.start)
            present = [k for k in counts if k in accepted] or list(counts)
            target = max(present, key=lambda k: (counts[k], -accepted.index(k) if k in accepted else -99, -first[k]))
            kept = [m for m in mentions if m.key == target]
            related = tuple(m.span for m in kept)
            surfaces = [s for s, _ in Counter(m.surface for m in kept).most_common()] + entry.surfaces(target)
            others = [index.entries[x] for x in sorted({x for m in mentions for x in m.entries if x != e})]
            scope = art.variant.script_scope

            def someone_else(key: str, other_key: str) -> bool:
                """Another entry writes ``key`` for this variant and does not know ``other_key``:
                the surname 約翰遜 is Boris Johnson's in Hong Kong, where 詹森 is the president's."""
                return any(
                    key in x.keys() and other_key not in x.keys() and key in x.accepted_keys(scope) for x in others
                )

            for m in mentions:
                if m.key == target or m.span in seen:
                    continue
                if someone_else(m.key, target) or someone_else(target, m.key):
                    continue
                seen.add(m.span)
                replacement = _pick_surface(surfaces, m.surface)
                safe = len(m.key) >= 3 and len(target) >= 3
                yield Violation(
                    m.span,
                    f"{m.surface} and {replacement} are renderings of one name ({entry.label}); "
                    f"the article writes {replacement} {_times(counts[target])}: keep one",
                    related=related,
                    fix=Fix(f"write {replacement}", (Edit(m.span, replacement),), safe=safe),
                )
