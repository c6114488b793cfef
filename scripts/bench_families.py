"""Time rule families against an earlier revision, in one process, on the same pages.

    python scripts/bench_families.py                       # dates and names, against main
    python scripts/bench_families.py --base HEAD~1 --families dates --pages 40 --rounds 5

The earlier revision's ``wikilint`` package is taken with ``git archive`` into a temporary folder and
imported beside the working tree's (``side_by_side.py``): the two sets of modules are swapped in
``sys.modules`` before each measurement, and the rounds alternate between them,
so that the load of a shared machine falls on both alike.  Each round parses the pages afresh (the
views a family builds live on the document) and times only the family's rules, in the engine's
order, so that the first rule pays for the views the others share.  The pages are ``bench.py``'s
generated wikitext plus the devcorpus articles (wikitext and markdown).  It also checks that both
revisions report the same violations (span, message, related ranges, fix) on every page.

Not run by the tests: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVCORPUS = ROOT / "tests" / "devcorpus"
sys.path.insert(0, str(ROOT / "scripts"))

from side_by_side import Tree, extract  # noqa: E402


class Version(Tree):
    """A copy of the package with the chosen families' rules."""

    def __init__(self, label: str, root: Path, families: list[str]) -> None:
        super().__init__(label, root)
        with self:
            from wikilint.config import Config
            from wikilint.engine.registry import all_rules
            from wikilint.engine.runner import make_context
            from wikilint.formats import parse

            self.parse = parse
            self.ctx = make_context(Config())
            self.rules = [r for r in all_rules() if r.family in families]
        # memos of article content (dates of citation values …), emptied before each round so that a round
        # is not helped by the one before: within a round they help as they would in a run
        prefixes = tuple(f"wikilint.checks.{f}" for f in families) + ("wikilint.zh.dates",)
        self.memos = [value for name, module in self.modules.items() if name.startswith(prefixes)
                      for value in vars(module).values() if hasattr(value, "cache_clear")]

    def violations(self, doc) -> list:
        out = []
        for rule in self.rules:
            for v in rule().check(doc, self.ctx):
                fix = None if v.fix is None else (v.fix.title, v.fix.safe, tuple((e.span.start, e.span.end, e.replacement) for e in v.fix.edits))
                out.append((rule.code, v.span.start, v.span.end, v.message,
                            tuple((r.start, r.end) for r in v.related), fix))
        return out

    def timed(self, pages: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
        """Seconds the family's rules take over ``pages`` (parsing excluded), in total and per rule."""
        with self:
            return self._timed(pages)

    def _timed(self, pages: list[tuple[str, str]]) -> tuple[float, dict[str, float]]:
        docs = [self.parse(text, path) for path, text in pages]
        for memo in self.memos:
            memo.cache_clear()
        per_rule = dict.fromkeys((r.code for r in self.rules), 0.0)
        clock = time.process_time  # CPU time: other processes on the machine do not count
        gc.collect()
        start = clock()
        for doc in docs:
            for rule in self.rules:
                t = clock()
                for _ in rule().check(doc, self.ctx):
                    pass
                per_rule[rule.code] += clock() - t
        return clock() - start, per_rule


def pages(count: int) -> list[tuple[str, str]]:
    from bench import SEED, make_pages

    seed = SEED.read_text(encoding="utf-8")
    out = [(f"{title}.wiki", wikitext) for title, wikitext, _md in make_pages(count, seed, 12.0)]
    for sub in ("wikitext", "markdown"):
        folder = DEVCORPUS / sub
        if folder.is_dir():
            out += [(str(p), p.read_text(encoding="utf-8")) for p in sorted(folder.iterdir()) if p.is_file()]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="main", help="the revision to compare with (default main)")
    parser.add_argument("--families", default="dates,names", help="comma-separated rule families")
    parser.add_argument("--pages", type=int, default=60, help="generated wikitext pages (default 60)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per revision (median)")
    args = parser.parse_args()
    families = args.families.split(",")

    corpus = pages(args.pages)
    with tempfile.TemporaryDirectory() as tmp:
        new = Version("working tree", ROOT, families)
        base = Version(args.base, extract(args.base, Path(tmp)), families)

        differing = 0
        for path, text in corpus:
            with base:
                old = base.violations(base.parse(text, path))
            with new:
                now = new.violations(new.parse(text, path))
            if now != old:
                differing += 1
                print(f"  different violations: {path}")
                for v in sorted(set(old) ^ set(now), key=str)[:6]:
                    print(f"    {'-' if v in old else '+'} {v}")
        print(f"{len(corpus)} pages ({args.pages} generated wikitext, the rest devcorpus); "
              f"families {', '.join(families)}; pages whose violations differ: {differing}")

        samples: dict[str, list[tuple[float, dict[str, float]]]] = {base.label: [], new.label: []}
        for k in range(args.rounds):
            for version in ((base, new) if k % 2 == 0 else (new, base)):
                samples[version.label].append(version.timed(corpus))

    def median(label: str, code: str | None = None) -> float:
        return statistics.median(t if code is None else per[code] for t, per in samples[label])

    old_s, new_s = median(base.label), median(new.label)
    print(f"{base.label}: {old_s:.3f} s, working tree: {new_s:.3f} s = {old_s / new_s:.2f}x faster "
          f"in CPU time (median of {args.rounds} rounds in alternating order)")
    for rule in new.rules:
        if rule.code in samples[base.label][0][1]:
            o, n = median(base.label, rule.code), median(new.label, rule.code)
            print(f"  {rule.code} {rule.name:<28} {o * 1000:8.1f} ms -> {n * 1000:8.1f} ms  {o / max(n, 1e-9):5.2f}x")


if __name__ == "__main__":
    main()
