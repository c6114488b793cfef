"""NM004 sound-alike-name: a rarer name that differs from a frequent one in one sound-alike character."""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from wikilint.checks.names.evidence import (
    _FUNCTION_WORDS, _candidates, _near_misses, _no_hanja, _occurrences, _positions, _repeated_dotted_names,
    _replacement, _same_person, _stands_alone, _surnames, _target_surface,
)
from wikilint.checks.names.forms import _DOTS, _HAN_CHAR, _link_name, _pick_surface, _times, _title_text, fold_chars
from wikilint.checks.names.index import name_index
from wikilint.checks.names.mentions import article
from wikilint.checks.names.variants import Variant
from wikilint.document.model import Document, Span
from wikilint.engine.rule import Context, Edit, Fix, Rule, Severity, Violation
from wikilint.zh.readings import shared_reading, to_traditional


def _of_other_script(ch: str, variant: Variant) -> bool:
    """聖 in a simplified article, 圣 in a traditional one (a character both scripts write is neither)."""
    if variant.traditional:
        return to_traditional(ch) != ch
    return fold_chars(ch) != ch


class SoundAlikeName(Rule):
    """A rarer name that differs from a frequent one in one sound-alike character.

    What it does:
        Without any table: takes the names an article anchors (link targets shaped like a name,
        the article's own title when it is one, names declared as alternatives, transliterations
        with a middle dot it writes at least twice), and looks in every visible mention (prose,
        tables, lists, captions, infobox rows) for the same name with one character changed,
        where the two characters share a Korean hanja reading (Unihan kHangul: 英 and 永 are both
        영) or a Mandarin reading (pinyin without tone, of either script's form: 朴聖勋 is a slip
        of 朴成勋 in a simplified article too).  The surname is never the changed character of a
        Han name; any character of a dotted transliteration can be (唐納·倫斯費 for 唐納·倫斯斐),
        and the surname of a linked transliteration, which later mentions write alone, is
        watched too (蓬佩澳 after [迈克·蓬佩奥], from three characters).  The rarer form must occur
        at most a third as often as the other, or, for a linked name or the title, once: a short
        biography's link and one slip are evidence enough.  Two forms that link to different
        articles are different people.  A rendering the article declares as an alternative
        (李勇浩（又譯李龍浩）, 曾譯) is left alone where it is declared, and counts as the same person
        elsewhere even when it does not sound alike.  A link whose text is its own target with
        one such character changed ([李永浩](李勇浩)) is reported whatever the counts; when a
        linked form is written no more often than the other and its character is no hanja at
        all (褔 for 福), the link is the slip.  A stem the article writes on its own with other
        characters (连翘 of 连翘属, 连翘苷, 连翘，), a last character turned into a grammatical word
        (该王国为… beside 王国维) and four transliteration characters (伊斯坦堡) are no slips.  The
        fix (unsafe) writes the form the article keeps, in the script it is written in.  Option
        ``max-ratio`` (default 1/3).

    Why is this bad?
        Homophone slips turn one person into two: 李勇浩 and 李永浩 sound alike (yǒng).
        Names that differ in sound (金赫哲 and 金英哲) are other people and are not reported.

    Example:
        `[李勇浩](李勇浩)會見……李勇浩表示……李勇浩指出……其後李永浩返國。`

    Use instead:
        `[李勇浩](李勇浩)會見……李勇浩表示……李勇浩指出……其後李勇浩返國。`
    """

    code, name, family, severity = "NM004", "sound-alike-name", "names", Severity.WARNING
    article_wide = True
    fixable = True

    def check(self, doc: Document, ctx: Context) -> Iterator[Violation]:
        index = name_index(ctx)
        art = article(doc, ctx)
        ratio = float(ctx.option(self.code, "max-ratio", 1 / 3))
        candidates = _candidates(art, index.transliteration_chars)
        known = set(index.by_key) | set(index.wrong_by_key)
        declared_same = {(a, b) for a, b in art.declared_pairs} | {(b, a) for a, b in art.declared_pairs}
        reported: set[Span] = set()
        # a link whose text is its own target with one sound-alike character changed says by itself
        # that the two are one person: [李永浩](李勇浩) needs no frequency
        for link in art.links:
            if link.kind != "internal" or link.text_span is None or art.is_declared(link.text_span):
                continue
            name = _link_name(link.target)
            shown = fold_chars(link.text_span.slice(doc.text))
            if not name or len(shown) != len(name) or shown == name or shown in known:
                continue
            dotted = any(d in name for d in _DOTS)
            diff = [p for p in range(len(name)) if shown[p] != name[p]]
            if len(diff) != 1 or diff[0] not in _positions(name, dotted) or not _HAN_CHAR.match(shown[diff[0]]):
                continue
            pos = diff[0]
            how = shared_reading(shown[pos], name[pos], korean=not dotted)
            if not how or how[0] == "same":
                continue
            surface = link.text_span.slice(doc.text)
            target_text = _title_text(link.target)
            replacement = _replacement([target_text, _pick_surface([target_text], surface)], surface, pos)
            reported.add(link.text_span)
            yield Violation(
                link.text_span,
                f"the link to {target_text} shows {surface}, which differs only in {surface[pos]}/{replacement[pos]} "
                f"and sounds alike ({'Korean' if how[0] == 'ko' else 'Mandarin'} {how[1]}): write {replacement}",
                fix=Fix(f"write {replacement}", (Edit(link.text_span, replacement),), safe=False),
            )
        surnames = _surnames(art, candidates)
        near = _near_misses(art, candidates | set(surnames) | _repeated_dotted_names(art))
        for name in sorted(near, key=lambda n: (-len(n), n)):
            places = _occurrences(art, name)
            # a name the article links, or its own title, is known by itself: one sound-alike slip
            # of it is evidence enough, however few times the article writes it; so is the surname
            # of a linked transliteration, which later mentions use alone (蓬佩奥 after 迈克·蓬佩奥)
            vouched = name in art.link_targets or name == art.title_name or name in surnames
            if not places and not vouched:
                continue
            dotted = any(d in name for d in _DOTS) or name in surnames
            for (other, pos), spans in sorted(near[name].items()):
                if other in known or not _same_person(art, name, other):
                    continue
                if pos == len(name) - 1 and other[pos] in _FUNCTION_WORDS:
                    # 该王国为…: the stem 王国 and the next word, no slip of 王国维
                    continue
                spans = [s for s in spans if not art.is_declared(s)]
                rare = len(spans) <= ratio * len(places)
                if not spans or not (rare or (vouched and len(spans) == 1 and not _stands_alone(art, name, pos, other))):
                    continue
                # transliterations (dotted names) sound alike in Mandarin; Korean readings are for hanja names
                how = shared_reading(other[pos], name[pos], korean=not dotted)
                if (other, name) in declared_same:
                    how = ("declared", "")
                if not how or how[0] == "same":
                    continue
                if how[0] == "declared":
                    why = "the article declares them renderings of one name"
                else:
                    why = f"which sound alike ({'Korean' if how[0] == 'ko' else 'Mandarin'} {how[1]})"
                kept, slips = places, spans
                if places and len(spans) >= len(places) and not dotted and _no_hanja(name[pos], other[pos]):
                    # as often written, and the linked form's character is no hanja at all (褔 in a
                    # link to 刘正褔 beside 刘正福): the link is the slip
                    kept, slips = spans, places
                    why += f"; {name[pos]} is no hanja"
                # a slip that is the text of a link to that very name keeps its link: rewriting only
                # the text would leave [刘正福](刘正褔), which the first loop above reports the other
                # way round, so each fix would undo the last; retargeting is the editor's call
                linked_to_slip = {link.text_span for link in art.links if link.text_span is not None
                                  and _link_name(link.target) == name} if slips is places else set()
                written = Counter(p.slice(doc.text) for p in kept)
                surfaces = [w for w, _n in written.most_common()] or [_target_surface(art, name)]
                for span in slips:
                    # longer names come first: the surname inside a reported full name is that finding
                    if any(r.overlaps(span) for r in reported):
                        continue
                    reported.add(span)
                    surface = span.slice(doc.text)
                    replacement = _replacement(surfaces, surface, pos)
                    script = ""
                    if _of_other_script(surface[pos], art.variant):
                        script = f" ({surface[pos]} is also of the other script)"
                    where = _times(len(kept)) if kept else "only as the link's target or the title"
                    yield Violation(
                        span,
                        f"{surface} differs from {replacement} (written {where}) only in "
                        f"{surface[pos]}/{replacement[pos]}{script}, {why}: "
                        f"if they are one person, write {replacement}",
                        related=tuple(kept),
                        fix=None if any(t.contains(span) for t in linked_to_slip)
                        else Fix(f"write {replacement}", (Edit(span, replacement),), safe=False),
                    )
