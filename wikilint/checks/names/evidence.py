"""What says that two names are one person slipped (NM004): the names an article anchors, the
windows of its prose that differ from one of them in one allowed character, how often each is written,
whether a stem goes on as a word of its own, and which form a slip is fixed to."""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict

from wikilint.checks.names.forms import (
    _COMPOUND_SURNAMES, _DOT, _DOTS, _DOTTED, _HAN_CHAR, _link_name, _looks_like_han_name, _title_text,
)
from wikilint.checks.names.mentions import Article
from wikilint.document.model import Span
from wikilint.zh.readings import korean_readings

#: grammatical words that follow a noun (folded): a name's last character turned into one of them is
#: the next word of the sentence, not a slip (王国为 beside 王国维)
_FUNCTION_WORDS = frozenset("的地得了着过是在和与及为于对把被让向从也都就而并之其所以已将会能要等说称曾又再则还即或乃且但因由至自")


def _no_hanja(ch: str, other: str) -> bool:
    """``ch`` has no Korean reading in Unihan while ``other`` has: of two sound-alike characters
    of a name, the one no Korean or Chinese name is written with (褔 beside 福)."""
    return not korean_readings(ch) and bool(korean_readings(other))


def _stands_alone(art: Article, name: str, pos: int, other: str) -> bool:
    """Whether the name without its changed last character is a word the article goes on with
    other characters too (连翘 of 连翘属, 连翘苷, 连翘酚, 连翘，): then 连翘之 is that word and the
    next character, no slip of 连翘属.  唐昭 followed once by 惜 besides 宗 is no such word."""
    if pos != len(name) - 1:
        return False
    stem, followers = name[:-1], set()
    for _run, folded in art.runs:
        start = folded.find(stem)
        while start != -1:
            end = start + len(stem)
            followers.add(folded[end] if end < len(folded) else "")
            start = folded.find(stem, end)
    return len(followers - {name[-1], other[-1]}) >= 2


def _replacement(surfaces: list[str], surface: str, pos: int) -> str:
    """The form the article writes most, kept in the script the article writes it in: a slip
    of the other script (朴聖勋 in a simplified article) is corrected to the article's 朴成勋, a
    slip in a traditional sentence of a simplified article to the form written there."""
    rest = surface[:pos] + surface[pos + 1 :]
    for candidate in surfaces:
        if candidate[:pos] + candidate[pos + 1 :] == rest:
            return candidate
    return surfaces[0]


def _target_surface(art: Article, name: str) -> str:
    for link in art.links:
        if link.kind == "internal" and _link_name(link.target) == name:
            return _title_text(link.target)
    if name == art.title_name:
        return _title_text(art.title)
    return name


def _near_misses(art: Article, candidates: set[str]) -> dict[str, dict[tuple[str, int], list[Span]]]:
    """For each candidate, the windows of the prose that differ from it in exactly one allowed
    position (never the surname, always a Han character), with their spans.  Han names are
    aligned on their surname, dotted names on their first dot: no blind sliding window."""
    by_first: dict[str, list[str]] = defaultdict(list)
    dotted: list[tuple[str, int]] = []
    for name in candidates:
        first_dot = next((i for i, ch in enumerate(name) if ch in _DOTS), None)
        if first_dot is None:
            by_first[name[0]].append(name)
        else:
            dotted.append((name, first_dot))
    allowed = {name: frozenset(_positions(name, name not in by_first.get(name[0], ()))) for name in candidates}
    out: dict[str, dict[tuple[str, int], list[Span]]] = defaultdict(lambda: defaultdict(list))

    def consider(name: str, folded: str, i: int, run: Span) -> None:
        if i < 0:
            return
        window = folded[i : i + len(name)]
        if len(window) != len(name) or window == name:
            return
        diff = [p for p in range(len(name)) if window[p] != name[p]]
        if len(diff) == 1 and diff[0] in allowed[name] and _HAN_CHAR.match(window[diff[0]]):
            out[name][(window, diff[0])].append(Span(run.start + i, run.start + i + len(name)))

    # the places worth a look: a candidate's first character, or a middle dot when a candidate has one
    starts = "".join(by_first) + (_DOTS if dotted else "")
    if not starts:
        return out
    places = re.compile(f"[{re.escape(starts)}]")
    for run, folded in art.runs:
        for m in places.finditer(folded):
            i, ch = m.start(), m.group()
            for name in by_first.get(ch, ()):
                consider(name, folded, i, run)
            if ch in _DOTS:
                for name, first_dot in dotted:
                    consider(name, folded, i - first_dot, run)
    return out


# names the article anchors: link targets shaped like names, its title, declared alternatives
def _candidates(art: Article, spelt: frozenset[str]) -> set[str]:
    names = set(art.link_targets)
    if art.title_name:
        names.add(art.title_name)
    for main, alt in art.declared_pairs:
        names.update(x for x in (main, alt) if _looks_like_han_name(x) or _DOTTED.fullmatch(x))
    # four transliteration characters without a dot are a foreign word (伊斯坦堡, 亞特蘭大), not a
    # Han name, though 伊 and 亞 are surnames
    return {n for n in names if not (len(n) == 4 and n[:2] not in _COMPOUND_SURNAMES and all(ch in spelt for ch in n))}


def _repeated_dotted_names(art: Article) -> set[str]:
    """Transliterations the article writes at least twice without linking them: around each
    middle dot, the stretches that recur as a whole and no further (唐纳·伦斯斐 in 部长唐纳·伦斯斐访问
    … 。唐纳·伦斯斐表示 … ，唐纳·伦斯斐指出: the contexts differ there, so that is where the
    name ends), without a grammatical word at either end.  Only frequency vouches for them."""
    around = []  # (dot, left part reversed, right part): both grow outwards from the dot
    for _run, folded in art.runs:
        for dot in _DOT.finditer(folded):
            k, ch = dot.start(), dot.group()
            left = "".join(itertools.takewhile(_HAN_CHAR.match, reversed(folded[max(0, k - 6) : k])))
            right = "".join(itertools.takewhile(_HAN_CHAR.match, folded[k + 1 : k + 7]))
            if left and right:
                around.append((ch, left, right))
    if len(around) < 2:
        return set()
    counts: Counter[tuple[str, str, str]] = Counter()
    outward: dict[tuple[str, str, str], tuple[set, set]] = defaultdict(lambda: (set(), set()))
    # an article writes one name many times: each distinct context is counted once, times its number
    for n, ((dot, left, right), times) in enumerate(Counter(around).items()):
        # a part that ends here is a context of its own, one per time it is written (two are enough:
        # only whether two contexts differ is asked)
        ends = {(n, 0), (n, 1)} if times > 1 else {(n, 0)}
        for i in range(1, len(left) + 1):
            for j in range(1, len(right) + 1):
                key = (dot, left[:i], right[:j])
                counts[key] += times
                # what comes next on each side
                sides = outward[key]
                if i < len(left):
                    sides[0].add(left[i])
                else:
                    sides[0].update(ends)
                if j < len(right):
                    sides[1].add(right[j])
                else:
                    sides[1].update(ends)
    return {
        f"{left[::-1]}{dot}{right}"
        for (dot, left, right), n in counts.items()
        if n >= 2 and left[-1] not in _FUNCTION_WORDS and right[-1] not in _FUNCTION_WORDS
        and len(outward[(dot, left, right)][0]) >= 2 and len(outward[(dot, left, right)][1]) >= 2
    }


def _surnames(art: Article, candidates: set[str]) -> frozenset[str]:
    """The surnames (last parts, three characters or more) of the transliterations the article
    links or is titled by: 蓬佩奥 of 迈克·蓬佩奥.  Two characters (彭斯) begin too many words."""
    vouched = [n for n in candidates if n in art.link_targets or n == art.title_name]
    parts = {re.split(f"[{_DOTS}]", n)[-1] for n in vouched if any(d in n for d in _DOTS)}
    return frozenset(p for p in parts if len(p) >= 3 and p not in candidates)


def _occurrences(art: Article, name: str) -> list[Span]:
    """Where the article writes ``name`` (one search over its joined prose: a name holds no newline)."""
    out = []
    text = art.folded_text
    start = text.find(name)
    while start != -1:
        offset = art.offset_of(start)
        out.append(Span(offset, offset + len(name)))
        start = text.find(name, start + len(name))
    return out


def _positions(name: str, dotted: bool) -> list[int]:
    if dotted:
        return [i for i, ch in enumerate(name) if ch not in _DOTS]
    first = 2 if len(name) == 4 and name[:2] in _COMPOUND_SURNAMES else 1
    return list(range(first, len(name)))


def _same_person(art: Article, name: str, other: str) -> bool:
    """Never two forms that link to different articles."""
    a, b = art.link_targets.get(name), art.link_targets.get(other)
    return not (a and b and not (a & b))
