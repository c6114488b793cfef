"""Benchmark the engine: front-end and per-rule cost on the seed, throughput on a generated corpus
with one and two worker processes, and the cold start of one `wikilint check`.

    python scripts/bench.py [--articles 400] [--repeat 20]

Figures are printed as ratios measured in this one run, plus the projection for a 1.4-million-article
dump on two cores.  Not run by the tests: timing depends on the machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wikilint.config import Config  # noqa: E402
from wikilint.engine.registry import all_rules  # noqa: E402
from wikilint.engine.runner import check_bytes, lint_document, make_context  # noqa: E402
from wikilint.formats import parse  # noqa: E402

SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
DUMP_ARTICLES = 1_400_000


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def corpus(folder: Path, count: int, seed_text: str) -> list[Path]:
    """Articles made from the seed's paragraphs in shuffled order, of varied length."""
    rng = random.Random(7)
    paragraphs = seed_text.split("\n\n")
    body, tail = paragraphs[:-2], paragraphs[-2:]
    paths = []
    for i in range(count):
        picked = rng.sample(body, k=rng.randint(3, len(body)))
        path = folder / f"article_{i:05d}.md"
        path.write_text("\n\n".join(picked + tail), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    text = SEED.read_text(encoding="utf-8")
    config = Config()
    ctx = make_context(config)
    rules = all_rules()
    doc = parse(text, str(SEED))
    lint_document(doc, rules, ctx, config)  # warm caches (tables, rule data)

    parse_s = timed(lambda: parse(text, str(SEED)), args.repeat)
    print(f"seed: {len(text):,} code points, {len(doc.links)} links, {len(doc.sentences)} sentences")
    print(f"front-end parse: {parse_s * 1000:.1f} ms")
    per_rule = []
    for rule in rules:
        fresh = parse(text, str(SEED))
        per_rule.append((timed(lambda: list(rule().check(fresh, ctx)), args.repeat), rule))
    total_rules = sum(t for t, _ in per_rule)
    print(f"all rules: {total_rules * 1000:.1f} ms ({total_rules / parse_s:.2f}x the parse)")
    for t, rule in sorted(per_rule, key=lambda x: x[0], reverse=True)[:8]:
        print(f"  {rule.code} {rule.name:<30} {t * 1000:7.2f} ms  {t / total_rules:6.1%}")

    cold = timed(lambda: subprocess.run([sys.executable, "-m", "wikilint", "check", str(SEED)],
                                        capture_output=True, cwd=ROOT), 3)
    print(f"cold `wikilint check` of the seed (process start included): {cold:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        paths = corpus(Path(tmp), args.articles, text)
        size = sum(p.stat().st_size for p in paths)
        start = time.perf_counter()
        for p in paths:
            check_bytes(p.read_bytes(), str(p), rules, ctx, config)
        one = time.perf_counter() - start
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "wikilint", "report", "-j", "2", tmp, "-o", str(Path(tmp) / "r.json")],
                       capture_output=True, cwd=ROOT, check=True)
        two = time.perf_counter() - start
        rate_one, rate_two = len(paths) / one, len(paths) / two
        print(f"corpus: {len(paths)} articles, {size / 1e6:.1f} MB")
        print(f"  in-process, 1 worker: {rate_one:.0f} articles/s")
        print(f"  `wikilint report -j 2` (process start and JSON included): {rate_two:.0f} articles/s "
              f"({rate_two / rate_one:.2f}x one worker)")
        mean_kb = size / len(paths) / 1e3
        print(f"  projection for {DUMP_ARTICLES:,} articles of {mean_kb:.0f} kB on two cores: "
              f"{DUMP_ARTICLES / rate_two / 60:.0f} min (zh-wiki's mean article is far smaller than this seed)")


if __name__ == "__main__":
    main()
