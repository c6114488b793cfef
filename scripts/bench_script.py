"""Measure the ``script`` family (SC001–SC003 and the views they build) against an earlier commit, in
one process, on the same pages, and check that both give the same findings.

    python scripts/bench_script.py                    # this tree only: its cost against the parse
    python scripts/bench_script.py --against main     # and the family at main, run alternately

The pages are the benchmark's generated wikitext (``scripts/bench.py``'s ``make_pages``) and the
devcorpus.  Each tree (this one, and the ``--against`` commit extracted with ``git archive``) is
imported under its own ``sys.modules`` (``side_by_side.py``), swapped in before each of its runs, so
both run in this process on the same input.  For each page, every other family runs first (untimed) so that the
document's shared views are built, as in a full run; then the script family's three rules are
timed on that document, in CPU time of this process (other work on the machine slows it less than
it does the wall clock), page by page with the two trees alternating, the best of a few rounds for
each page.  Printed: the family's time against the
front-end's parse of the same pages, and the ratio of this tree's time to the other's, view by
view and rule by rule, from one run.  Not run by the tests.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from side_by_side import Tree, extract  # noqa: E402

FAMILY = "script"


class ScriptTree(Tree):
    """A copy of the package with what the script family's measure needs."""

    def __init__(self, label: str, root: Path) -> None:
        super().__init__(label, root)
        with self:
            from wikilint.config import Config
            from wikilint.engine.registry import all_rules
            from wikilint.checks.script import profile
            from wikilint.engine.runner import make_context
            from wikilint.formats import parse

            self.parse, self.profile = parse, profile
            # conversions a tree keeps between calls: emptied before each page, so that a page
            # gains only from what it repeats itself (the bench's pages share the seed's paragraphs)
            self.caches = []
            for module, name in (("wikilint.zh.script", "convert"), ("wikilint.zh.script_convert", "_covered")):
                try:
                    function = getattr(importlib.import_module(module), name)
                except (ImportError, AttributeError):
                    continue
                if hasattr(function, "cache_clear"):
                    self.caches.append(function.cache_clear)
            self.rules = [r for r in all_rules() if r.family == FAMILY]
            self.others = [r for r in all_rules() if r.family != FAMILY]
            self.ctx = make_context(Config())

    def documents(self, pages: list[tuple[str, str]]) -> list:
        """Parsed pages with every other family's views built (what a full run has built by then)."""
        docs = []
        for path, text in pages:
            doc = self.parse(text, path)
            for rule in self.others:
                try:
                    list(rule().check(doc, self.ctx))
                except Exception:  # noqa: BLE001 - a failing rule is the engine's business, not this measure's
                    pass
            docs.append(doc)
        return docs

    def run(self, doc) -> tuple[dict[str, float], list]:
        """The family's CPU time on one document: the profile view (the first rule builds it in a
        full run), then each rule; and the findings."""
        times, found = {}, []
        for clear in self.caches:
            clear()
        clock = time.process_time
        start = clock()
        self.profile(doc, self.ctx.variant)
        times["profile"] = clock() - start
        for rule in self.rules:
            start = clock()
            violations = list(rule().check(doc, self.ctx))
            times[rule.code] = clock() - start
            found.append([(rule.code, v.span.start, v.span.end, v.message,
                           None if v.fix is None else (v.fix.safe, tuple((e.span.start, e.span.end, e.replacement)
                                                                        for e in v.fix.edits)))
                          for v in violations])
        return times, found

    def parse_time(self, pages: list[tuple[str, str]]) -> float:
        start = time.process_time()
        for path, text in pages:
            self.parse(text, path)
        return time.process_time() - start


def pages(count: int, mean_kb: float) -> dict[str, list[tuple[str, str]]]:
    from bench import SEED, make_pages

    seed = SEED.read_text(encoding="utf-8")
    generated = [(f"{title}.wiki", wikitext) for title, wikitext, _ in make_pages(count, seed, mean_kb)]
    corpus = sorted((ROOT / "tests" / "devcorpus").glob("*/*")) or sorted(Path("/work/shared/data/devcorpus").glob("*/*"))
    real = [(str(p), p.read_text(encoding="utf-8")) for p in corpus if p.is_file()]
    return {"bench wikitext": generated, "devcorpus": real}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", help="a commit to compare with (main, HEAD~1 …)")
    parser.add_argument("--pages", type=int, default=40, help="generated wikitext pages (default 40)")
    parser.add_argument("--mean-kb", type=float, default=12.0)
    parser.add_argument("--rounds", type=int, default=3, help="rounds after the first (which warms caches); the best of each page is kept")
    args = parser.parse_args()

    sets = pages(args.pages, args.mean_kb)
    with tempfile.TemporaryDirectory() as tmp:
        trees = [ScriptTree("this tree", ROOT)]
        if args.against:
            trees.append(ScriptTree(args.against, extract(args.against, Path(tmp))))
        for name, chosen in sets.items():
            best: dict[str, list[dict[str, float]]] = {}
            found: dict[str, list] = {}
            for round_ in range(args.rounds + 1):  # the first round loads tables and warms caches
                docs = {}
                for tree in trees:
                    with tree:
                        # fresh documents each round: the profile is cached on the document
                        docs[tree.label] = tree.documents(chosen)
                gc.collect()
                gc.disable()
                try:
                    # page by page, the trees alternating, so that both see the machine's load alike
                    for i in range(len(chosen)):
                        for tree in trees if (i + round_) % 2 else trees[::-1]:
                            with tree:
                                times, got = tree.run(docs[tree.label][i])
                            if round_ == 0:
                                found.setdefault(tree.label, []).append(got)
                                continue
                            kept = best.setdefault(tree.label, [{} for _ in chosen])[i]
                            for key, value in times.items():
                                kept[key] = min(kept.get(key, value), value)
                finally:
                    gc.enable()
            totals = {label: {key: sum(page[key] for page in pages) for key in pages[0]} for label, pages in best.items()}
            for label in totals:
                totals[label]["total"] = sum(totals[label].values())
            with trees[0]:
                parse_s = min(trees[0].parse_time(chosen) for _ in range(2))
            mb = sum(len(t.encode("utf-8")) for _, t in chosen) / 1e6
            print(f"{name} ({len(chosen)} pages, {mb:.1f} MB): parse {parse_s:.2f} s")
            for tree in trees:
                parts = ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in totals[tree.label].items() if k != "total")
                print(f"  {tree.label}: script family {totals[tree.label]['total']:.3f} s = "
                      f"{totals[tree.label]['total'] / parse_s:.3f}x the parse ({parts})")
            if len(trees) == 2:
                a, b = (t.label for t in trees)
                same = found[a] == found[b]
                ratios = ", ".join(f"{k} {totals[a][k] / totals[b][k]:.2f}" for k in totals[a] if totals[b][k])
                print(f"  {a} / {b}: {ratios} (same findings: {same}, "
                      f"{sum(len(v) for page in found[a] for v in page)} findings)")
                if not same:
                    for i, (x, y) in enumerate(zip(found[a], found[b])):
                        if x != y:
                            print("  first difference:", chosen[i][0])
                            break


if __name__ == "__main__":
    main()
