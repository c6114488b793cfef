#!/usr/bin/env python3
"""Recall on real text: inject one known defect per copy of a real article and see whether wikilint finds it.

For every article of ``tests/devcorpus/`` (85 real zh-wiki articles, both formats) this makes copies that
each carry one defect an editor would want reported, at a place an editor reads (prose, not categories,
reference titles or link targets):

    footnotes  a cited footnote emptied (the list entry in exported markdown, the <ref> body in wikitext)  FN001
    links      a leftover ]] (\\]\\] in exported markdown) after a Han character of a prose sentence        LK001
    script     a paragraph of the article's script converted to the other one by OpenCC                   SC001
    dates      a prose date X月Y日 given a day its month does not have (2月30日, 4月31日, 1月32日)           DT001
    names      a later, unlinked mention of a linked person's name with one given-name character
               swapped for a sound-alike one (金英哲 → 金永哲; 迈克·蓬佩奥 → 迈克·蓬佩澳)                    NM*

A mutation is caught when a finding of its rule (any NM rule for names) overlaps the injected span and was
not there before.  Prints recall per family and format; ``--misses`` lists what was missed.

    python scripts/mutation_check.py [--per-article N] [--misses] [--family names]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "devcorpus"
sys.path.insert(0, str(ROOT))

from wikilint.config import Config  # noqa: E402
from wikilint.document.model import Document, Span  # noqa: E402
from wikilint.engine.runner import lint_text, make_context, rules_for  # noqa: E402
from wikilint.formats import detect_format, parse  # noqa: E402
from wikilint.zh import readings  # noqa: E402
from wikilint.zh import script as zs  # noqa: E402


@dataclass(frozen=True)
class Mutation:
    family: str
    rules: tuple[str, ...]  # a finding of any of these over ``span`` catches it
    text: str  # the mutated article
    span: Span  # where, in the mutated text, the defect sits
    what: str


def _is_han(ch: str) -> bool:
    return zs.is_han(ch)


def _prose_sentence_blocks(doc: Document) -> list:
    return [b for b in doc.blocks
            if b.kind in ("paragraph", "list_item") and not doc.in_references(b.span.start)]


def _in_any(spans, start: int, end: int) -> bool:
    return any(s.start < end and start < s.end for s in spans)


def _avoid(doc: Document) -> list[Span]:
    """Places no mutation touches: links' targets and whole file/category links, templates, refs, conversions."""
    spans = [l.span for l in doc.links if l.kind != "internal"]
    spans += [l.target_span for l in doc.links if l.target_span is not None]
    spans += [t.span for t in doc.templates] + [c.span for c in doc.conversions] + list(doc.exempt)
    spans += [d.span for d in doc.footnote_defs] + [m.span for m in doc.footnote_markers]
    return spans


# -- footnotes: an emptied footnote -------------------------------------------------------------------


def empty_footnotes(doc: Document, rng: random.Random) -> Iterator[Mutation]:
    cited = {(m.group, m.label) for m in doc.footnote_markers}
    for note in doc.footnote_defs:
        inline = note.kind == "inline"
        if not any(c.isalnum() for c in note.content) or not (inline or (note.group, note.label) in cited):
            continue
        if not inline and note.kind != "list":
            continue
        cs = note.content_span
        text = doc.text[: cs.start] + doc.text[cs.end:]
        yield Mutation("footnotes", ("FN001",), text, Span(note.span.start, note.span.end - len(cs)),
                       f"footnote {note.label} emptied")


# -- links: a leftover ]] --------------------------------------------------------------------------------


def leftover_brackets(doc: Document, rng: random.Random) -> Iterator[Mutation]:
    mark = "\\]\\]" if doc.format == "markdown" else "]]"
    avoid = _avoid(doc) + [l.span for l in doc.links]
    for block in _prose_sentence_blocks(doc):
        for sentence in block.sentences:
            spots = [run.start + k for run in doc.prose_runs(sentence.span)
                     for k, ch in enumerate(run.slice(doc.text)) if _is_han(ch)]
            spots = [p + 1 for p in spots if not _in_any(avoid, p, p + 2)]
            if len(spots) < 6:
                continue
            at = spots[len(spots) // 2]
            yield Mutation("links", ("LK001",), doc.text[:at] + mark + doc.text[at:], Span(at, at + len(mark)),
                           f"leftover {mark} inserted")


# -- script: a paragraph in the other script ----------------------------------------------------------


def other_script_paragraph(doc: Document, rng: random.Random) -> Iterator[Mutation]:
    from wikilint.checks.script import profile

    prof = profile(doc)
    if prof.dominant is None:
        return
    target = "s2t" if prof.dominant == zs.SIMPLIFIED else "t2s"
    total = sum(len(r) for u in prof.units for r in u.runs)
    by_block = defaultdict(list)
    for unit in prof.units:
        by_block[unit.block].append(unit)
    avoid = _avoid(doc)
    for block in doc.blocks:
        units = by_block.get(block.index)
        if block.kind != "paragraph" or not units:
            continue
        if any(u.count(zs.other(prof.dominant)) for u in units):
            continue
        runs = [r for u in units for r in u.runs if not _in_any(avoid, r.start, r.end)]
        size = sum(len(r) for r in runs)
        if size < 20 or size * 4 > total:  # a paragraph, not the bulk of the article
            continue
        text, changed = doc.text, 0
        for run in sorted(runs, reverse=True):
            source = run.slice(text)
            converted = zs.convert_chars(source, target)
            changed += sum(a != b for a, b in zip(source, converted))
            if len(converted) == len(source):
                text = text[: run.start] + converted + text[run.end:]
        if changed < 3 or profile(parse(text, doc.path, doc.format)).dominant != prof.dominant:
            continue  # too little to see, or an article so evenly mixed that one paragraph tips it
        yield Mutation("script", ("SC001",), text, Span(runs[0].start, runs[-1].end),
                       f"paragraph at block {block.index} converted ({target}, {changed} characters)")


# -- dates: an impossible day ---------------------------------------------------------------------------

_MONTH_DAY = re.compile(r"(?<![0-9０-９])(1[0-2]|0?[1-9])月([0-3]?[0-9])日")


def impossible_day(doc: Document, rng: random.Random) -> Iterator[Mutation]:
    avoid = _avoid(doc) + [l.span for l in doc.links]
    for block in _prose_sentence_blocks(doc) + [b for b in doc.blocks if b.kind == "table"]:
        piece = block.span.slice(doc.text)
        for m in _MONTH_DAY.finditer(piece):
            start, end = block.span.start + m.start(2), block.span.start + m.end(2)
            if _in_any(avoid, start, end) or not all(doc.prose[i] for i in range(start, end)):
                continue
            month = int(m.group(1))
            day = 30 if month == 2 else 31 if month in (4, 6, 9, 11) else 32
            new = str(day)
            text = doc.text[:start] + new + doc.text[end:]
            yield Mutation("dates", ("DT001",), text, Span(block.span.start + m.start(), start + len(new) + 1),
                           f"{m.group(0)} → {month}月{day}日")


# -- names: a sound-alike slip in a later mention of a linked name ----------------------------------------

SURNAMES = set("金李朴崔鄭郑姜趙赵尹張张林韓韩吳吴申徐權权黃黄安宋柳洪全高文孫孙梁裴白許许劉刘陳陈楊杨王周胡朱"
               "馬马羅罗蔡曹魏潘范阮黎武吕呂盧卢丁沈任蔣蒋石成車车南河奇玄延魯鲁康元孔都俞劉薛郭何謝谢唐董葉叶")
NOT_PERSON = set("省市县縣郡道區区州國国黨党部會会院學学館馆站橋桥山河江湖島岛宮宫寺廟庙路街里洞村城")
# given-name characters to swap in: a slip replaces one with another of the same reading
NAME_CHARS = ("英永榮荣泳勇容龍龙鎔哲喆澈徹彻赫洙秀守壽寿弘鴻鸿成星聖圣誠诚承勝胜昇鍾钟鐘宗鉉铉賢贤顯显憲宪炫"
              "俊峻駿骏準准浚植湜在載载宰哉斗政正廷貞贞禎祯智志知善宣先仙恩銀银殷熙希喜姬惠慧暉晖輝辉美民敏珉"
              "泰太振鎮镇珍真國国明銘铭基奇起淑順顺順京敬景炅慶庆卿相尚祥商東东冬棟栋仁寅忍德得光廣广匡泉天千"
              "華华化花學学鶴鹤海亥孝曉晓效奧奥澳傲佩培沛斐費费菲飛飞倫伦論论侖克客剋斯思絲丝特德納纳娜拉臘腊")


def _reads_alike(a: str, b: str, korean: bool) -> bool:
    """The slips people make: the same Korean reading (a Korean name), or the same usual Mandarin
    reading, the one a pinyin input method offers first (rare heteronyms do not count)."""
    from pypinyin import lazy_pinyin

    if korean and readings.korean_readings(a) & readings.korean_readings(b):
        return True
    return lazy_pinyin(a) == lazy_pinyin(b)


def _sound_alike(name: str, ch: str, korean: bool, rng: random.Random) -> str | None:
    pool = [c for c in dict.fromkeys(NAME_CHARS) if c not in name and readings.fold(c) != readings.fold(ch)
            and _reads_alike(ch, c, korean)]
    return rng.choice(pool) if pool else None


def _person_names(doc: Document) -> Iterator[tuple[str, int]]:
    """Linked names that look like a person's, with where the link ends."""
    seen = set()
    for link in doc.links:
        if link.kind != "internal" or not link.text:
            continue
        name = link.target.replace("_", " ").split("#")[0].strip()
        if not (link.text == name or link.text.startswith(name)):
            continue
        if name in seen:
            continue
        dotted = "·" in name and all(_is_han(c) or c == "·" for c in name) and len(name) >= 5
        korean_like = len(name) == 3 and name[0] in SURNAMES and all(_is_han(c) for c in name) and name[-1] not in NOT_PERSON
        if dotted or korean_like:
            seen.add(name)
            yield name, link.span.end


def _mentions(doc: Document, name: str, after: int) -> Iterator[int]:
    """Unlinked mentions of ``name`` in prose after ``after``."""
    link_spans = [l.span for l in doc.links]
    avoid = _avoid(doc)
    pos = doc.text.find(name, after)
    while pos != -1:
        end = pos + len(name)
        if not (_in_any(link_spans, pos, end) or _in_any(avoid, pos, end) or doc.in_references(pos)
                or not all(doc.prose[k] for k in range(pos, end))):
            yield pos
        pos = doc.text.find(name, pos + 1)


def sound_alike_slip(doc: Document, rng: random.Random) -> Iterator[Mutation]:
    for name, after in _person_names(doc):
        korean = "·" not in name
        # a given-name character: either of a Korean-style name's two, one of the last part's of a dotted one
        places = (1, 2) if korean else tuple(len(name) - 1 - k for k in range(min(2, len(name.split("·")[-1]))))
        for pos in _mentions(doc, name, after):
            index = rng.choice(places)
            slip = _sound_alike(name, name[index], korean, rng)
            if slip is None:
                continue
            wrong = name[:index] + slip + name[index + 1:]
            text = doc.text[:pos] + wrong + doc.text[pos + len(name):]
            yield Mutation("names", ("NM001", "NM002", "NM003", "NM004"), text, Span(pos, pos + len(name)),
                           f"{name} → {wrong}")


GENERATORS: dict[str, Callable[[Document, random.Random], Iterator[Mutation]]] = {
    "footnotes": empty_footnotes,
    "links": leftover_brackets,
    "script": other_script_paragraph,
    "dates": impossible_day,
    "names": sound_alike_slip,
}


def _caught(mutation: Mutation, before: list, after: list) -> bool:
    def hits(findings):
        return {(f.rule, f.range.start.offset, f.message) for f in findings if f.rule in mutation.rules
                and f.range.start.offset < max(mutation.span.end, mutation.span.start + 1)
                and mutation.span.start < max(f.range.end.offset, f.range.start.offset + 1)}
    old = {(r, m) for r, _, m in hits(before)}
    return any((r, m) not in old for r, _, m in hits(after))


@dataclass(frozen=True)
class Trial:
    family: str
    format: str
    article: str
    mutation: Mutation
    caught: bool

    def show(self) -> str:
        line = self.mutation.text.count("\n", 0, self.mutation.span.start) + 1
        return f"{self.family:9} {self.article}:{line}: {self.mutation.what}"


def trials(families=None, per_article: int = 2, seed: int = 0, only=None) -> Iterator[Trial]:
    """Each mutation of each article, linted, and whether wikilint caught it."""
    config = Config()
    ctx = make_context(config)
    rules = [r.code for r in rules_for(config)]
    for path in sorted(p for p in CORPUS.glob("*/*") if p.suffix in (".md", ".wikitext")):
        name = path.relative_to(CORPUS).as_posix()
        if only and name not in only:
            continue
        text = path.read_text(encoding="utf-8")
        fmt = detect_format(text, name)
        doc = parse(text, name, fmt)
        before = lint_text(text, name, fmt, rules, config, ctx)
        for family in families or sorted(GENERATORS):
            rng = random.Random(f"{seed}:{name}:{family}")
            found = list(GENERATORS[family](doc, rng))
            rng.shuffle(found)
            for mutation in found[:per_article]:
                after = lint_text(mutation.text, name, fmt, rules, config, ctx)
                yield Trial(family, fmt, name, mutation, _caught(mutation, before, after))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-article", type=int, default=2, help="mutations of each family per article")
    parser.add_argument("--family", action="append", choices=sorted(GENERATORS), help="only these families")
    parser.add_argument("--misses", action="store_true", help="list the mutations wikilint missed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--articles", nargs="*", help="only these articles (paths relative to tests/devcorpus)")
    args = parser.parse_args(argv)
    tally: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    misses: list[str] = []
    for trial in trials(args.family, args.per_article, args.seed, args.articles):
        tally[(trial.family, trial.format)][0 if trial.caught else 1] += 1
        if not trial.caught:
            misses.append(trial.show())
    print(f"{'family':10} {'format':9} {'injected':>8} {'caught':>7} {'recall':>7}")
    for family in sorted({f for f, _ in tally}):
        rows = [(fmt, tally[(family, fmt)]) for fmt in ("markdown", "wikitext") if (family, fmt) in tally]
        for fmt, (hit, miss) in rows:
            print(f"{family:10} {fmt:9} {hit + miss:8} {hit:7} {hit / (hit + miss):7.3f}")
        hit = sum(t[0] for _, t in rows)
        total = sum(t[0] + t[1] for _, t in rows)
        print(f"{family:10} {'both':9} {total:8} {hit:7} {hit / total:7.3f}")
    if args.misses:
        print("\nmissed:")
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
