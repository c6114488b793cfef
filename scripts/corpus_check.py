#!/usr/bin/env python3
"""The corpus check: what wikilint reports on real zh-wiki articles, as a reviewed snapshot.

Like ruff's ecosystem check.  Every finding on the real articles in ``tests/devcorpus/`` (a copy of the
project's devcorpus: 85 zh-wiki articles, provenance in its SOURCES.md) is one line of
``tests/snapshots/devcorpus.jsonl``.  A test fails when a run differs from the snapshot and prints the
difference grouped by rule, so each change to what wikilint says about real text is read in the commit that
causes it.  ``tests/snapshots/reviewed.toml`` holds findings a person judged by hand; a finding judged false
must never come back, and one judged true must not silently go.

    python scripts/corpus_check.py            # show the difference against the snapshot (exit 1 if any)
    python scripts/corpus_check.py --update   # rewrite the snapshot
    python scripts/corpus_check.py --precision  # precision per family and rule from the reviewed findings
    python scripts/corpus_check.py --sample LK005 5   # five findings of a rule to review, at random
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "devcorpus"
SNAPSHOT = ROOT / "tests" / "snapshots" / "devcorpus.jsonl"
REVIEWED = ROOT / "tests" / "snapshots" / "reviewed.toml"
ARTICLE_SUFFIXES = {".md", ".wikitext", ".wiki"}

sys.path.insert(0, str(ROOT))


@dataclass(frozen=True, order=True)
class Row:
    """One finding as the snapshot keeps it: where, which rule, and the text it covers."""

    path: str
    line: int
    column: int
    rule: str
    excerpt: str
    message: str = ""

    def as_json(self) -> str:
        return json.dumps({"path": self.path, "rule": self.rule, "line": self.line, "column": self.column,
                           "excerpt": self.excerpt, "message": self.message}, ensure_ascii=False)

    @classmethod
    def from_json(cls, line: str) -> "Row":
        d = json.loads(line)
        return cls(d["path"], d["line"], d["column"], d["rule"], d["excerpt"], d.get("message", ""))

    def show(self) -> str:
        return f"{self.path}:{self.line}:{self.column} {self.rule} {self.excerpt!r}: {self.message}"


def articles(corpus: Path = CORPUS) -> list[Path]:
    # the articles sit in markdown/ and wikitext/; SOURCES.md beside them is the provenance index
    return sorted(p for p in corpus.glob("*/*") if p.suffix in ARTICLE_SUFFIXES and p.is_file())


def run(corpus: Path = CORPUS) -> list[Row]:
    """Lint every article of the corpus with the default configuration, as `wikilint check` would."""
    from wikilint.config import Config
    from wikilint.engine.runner import check_bytes, make_context, rules_for

    config = Config()
    rules = rules_for(config)
    ctx = make_context(config)
    rows: list[Row] = []
    for path in articles(corpus):
        name = path.relative_to(corpus).as_posix()
        result = check_bytes(path.read_bytes(), name, rules, ctx, config)
        rows.extend(Row(name, f.range.start.line, f.range.start.column, f.rule, f.excerpt, f.message)
                    for f in result.findings)
    return sorted(rows)


def load_snapshot(path: Path = SNAPSHOT) -> list[Row]:
    if not path.exists():
        return []
    return sorted(Row.from_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


def write_snapshot(rows: list[Row], path: Path = SNAPSHOT) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(r.as_json() + "\n" for r in sorted(rows)), encoding="utf-8")


def difference(old: list[Row], new: list[Row]) -> str:
    """The findings that came and went, grouped by rule; empty when the run matches the snapshot."""
    before, after = Counter(old), Counter(new)
    gone, came = before - after, after - before
    by_rule: dict[str, list[str]] = defaultdict(list)
    for row in sorted(gone.elements()):
        by_rule[row.rule].append(f"  - {row.show()}")
    for row in sorted(came.elements()):
        by_rule[row.rule].append(f"  + {row.show()}")
    out = []
    for rule in sorted(by_rule):
        lost = sum(1 for r in gone.elements() if r.rule == rule)
        new_ = sum(1 for r in came.elements() if r.rule == rule)
        out.append(f"{rule}: {new_} new, {lost} gone")
        out.extend(sorted(by_rule[rule], key=lambda s: s[4:]))
    return "\n".join(out)


# -- the reviewed findings -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    path: str
    rule: str
    excerpt: str
    verdict: bool
    why: str
    line: int | None = None

    def matches(self, row: Row) -> bool:
        return (row.path == self.path and row.rule == self.rule and row.excerpt == self.excerpt
                and (self.line is None or row.line == self.line))


def load_reviewed(path: Path = REVIEWED) -> list[Verdict]:
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Verdict(v["path"], v["rule"], v["excerpt"], v["verdict"], v["why"], v.get("line"))
            for v in data.get("finding", [])]


def review_problems(rows: list[Row], reviewed: list[Verdict]) -> list[str]:
    """A finding judged false that is reported again, or one judged true that is no longer reported."""
    problems = []
    for v in reviewed:
        hit = any(v.matches(r) for r in rows)
        where = f"{v.path}{':' + str(v.line) if v.line else ''} {v.rule} {v.excerpt!r}"
        if hit and not v.verdict:
            problems.append(f"judged false, reported again: {where} ({v.why})")
        elif not hit and v.verdict:
            problems.append(f"judged true, no longer reported: {where} ({v.why})")
    return problems


def family_of(rule: str) -> str:
    return {"LK": "links", "FN": "footnotes", "SC": "script", "NM": "names", "DT": "dates",
            "IN": "input", "EN": "engine"}.get(rule[:2], "?")


def precision(reviewed: list[Verdict], rows: list[Row]) -> str:
    """Precision per family and rule: of the reviewed findings wikilint reports now, and, counting the
    false alarms judged false and since fixed, of what it reported before those fixes."""
    lines = []
    for key, label in ((lambda v: family_of(v.rule), "family"), (lambda v: v.rule, "rule")):
        tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # true, false still reported, false fixed
        for v in reviewed:
            reported = any(v.matches(r) for r in rows)
            tally[key(v)][0 if v.verdict else 1 if reported else 2] += 1
        lines.append(f"{label:9} {'true':>5} {'false':>6} {'fixed':>6} {'precision now':>14} {'before fixes':>13}")
        for name in sorted(tally):
            t, f, fixed = tally[name]
            now = f"{t / (t + f):.3f}" if t + f else "-"
            lines.append(f"{name:9} {t:5} {f:6} {fixed:6} {now:>14} {t / (t + f + fixed):13.3f}")
        lines.append("")
    t = sum(v.verdict for v in reviewed)
    fixed = sum(1 for v in reviewed if not v.verdict and not any(v.matches(r) for r in rows))
    lines.append(f"{len(reviewed)} findings reviewed: {t} true, {len(reviewed) - t} false ({fixed} of them fixed)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--update", action="store_true", help="rewrite the snapshot with this run's findings")
    parser.add_argument("--precision", action="store_true", help="precision per family and rule from reviewed.toml")
    parser.add_argument("--sample", nargs=2, metavar=("RULE", "N"), help="N findings of RULE at random, to review")
    parser.add_argument("--seed", type=int, default=0, help="random seed for --sample")
    args = parser.parse_args(argv)
    rows = run()
    if args.precision:
        print(precision(load_reviewed(), rows))
        return 0
    if args.sample:
        rule, n = args.sample[0], int(args.sample[1])
        chosen = [r for r in rows if r.rule == rule]
        reviewed = load_reviewed()
        chosen = [r for r in chosen if not any(v.matches(r) for v in reviewed)]
        for row in sorted(random.Random(args.seed).sample(chosen, min(n, len(chosen)))):
            print(row.show())
        return 0
    if args.update:
        write_snapshot(rows)
        print(f"wrote {len(rows)} findings on {len(articles())} articles to {SNAPSHOT.relative_to(ROOT)}")
        return 0
    diff = difference(load_snapshot(), rows)
    problems = review_problems(rows, load_reviewed())
    if diff:
        print(diff)
    for p in problems:
        print(p)
    counts = Counter(r.rule for r in rows)
    print(f"{len(rows)} findings on {len(articles())} articles: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())),
          file=sys.stderr)
    return 1 if diff or problems else 0


if __name__ == "__main__":
    sys.exit(main())
