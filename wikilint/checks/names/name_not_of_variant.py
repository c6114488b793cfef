"""NM003 name-not-of-variant: a name written in a form zh-wiki uses for another variant."""

from __future__ import annotations

from typing import Iterator

from wikilint.checks.names.entities import _entity_mentions, _kinds
from wikilint.checks.names.forms import _pick_surface
from wikilint.checks.names.index import name_index
from wikilint.checks.names.mentions import article
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation


class NameNotOfVariant(Rule):
    """A name written in a form zh-wiki uses for another variant.

    What it does:
        For an article configured (``variant = "zh-tw"``) or detected as one variant, reports the
        names it writes, consistently, in the form of another variant: 特朗普 in a zh-tw article,
        where zh-wiki writes 川普.  It offers, as an unsafe fix, the form of the article's variant.
        Nothing is reported inside ``-{…}-``, for entries the article declares a conversion for
        (``-{H|zh-cn:特朗普;zh-tw:川普}-``, ``{{NoteTA|G1=PresidentsUS}}``), or where the article
        mixes forms (that is NM001's report), nor for a form that another entry of the tables
        gives for the variant (a name listed twice, or a surname several people share: 約翰遜 is
        Boris Johnson's zh-hk form and the presidents Johnson's zh-cn one).  A traditional
        article with no clear region (zh-hant) accepts the forms of zh-tw, zh-hk and zh-mo alike.  Option ``kinds`` (default
        ``["person"]``) chooses the tables: ``person``, ``name-part``, ``term``.

    Why is this bad?
        Readers of the variant know the person by another name.  It is an info only: zh-wiki's
        converter may show readers their own form when the article declares the group.

    Example:
        `川普在白宫接受访问。` (in a zh-cn article)

    Use instead:
        `特朗普在白宫接受访问。`
    """

    code, name, family, severity = "NM003", "name-not-of-variant", "names", Severity.INFO
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        scope = art.variant.scope
        seen: set[Span] = set()
        for e, mentions in sorted(_entity_mentions(art, index, _kinds(ctx, self.code)).items()):
            entry = index.entries[e]
            keys = {m.key for m in mentions}
            if len(keys) != 1:
                continue
            key = next(iter(keys))
            accepted = entry.accepted_keys(scope)
            if not accepted or key in accepted or key not in entry.two_way_keys:
                continue
            # the tables list some names twice, or one surname for several people (約翰遜 is
            # zh-hk for Boris Johnson, zh-cn for the presidents Johnson): a form another entry
            # gives for this variant is a form zh-wiki writes here
            if any(key in index.entries[x].accepted_keys(scope) for m in mentions for x in m.entries if x != e):
                continue
            target = accepted[0]
            surfaces = entry.surfaces(target)
            where = "/".join(entry.variants_of(key)) or "another variant"
            for m in mentions:
                if m.span in seen:
                    continue
                seen.add(m.span)
                replacement = _pick_surface(surfaces, m.surface)
                yield Violation(
                    m.span,
                    f"{m.surface} is the {where} form of {entry.label}; for {art.variant.code} "
                    f"zh-wiki writes {replacement}",
                    fix=Fix(f"write {replacement}", (Edit(m.span, replacement),), safe=False),
                )
