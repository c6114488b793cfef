"""Benchmark the engine: front-end and per-rule cost on the seed, throughput on a generated corpus
with one and two worker processes, and the cold start of one `wikilint check`.

    python scripts/bench.py [--articles 400] [--repeat 20]

Figures are printed as ratios measured in this one run, plus what a 1.4-million-article dump in one
hour on two cores needs (``--mean-kb`` sets the dump's mean article size).  Not run by the tests: timing depends on the machine.
"""

from __future__ import annotations

import argparse
import random
import re
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
from wikilint.cli import run_all  # noqa: E402
from wikilint.engine.runner import lint_document, make_context  # noqa: E402
from wikilint.formats import parse  # noqa: E402
from wikilint.engine.fingerprint import with_fingerprints  # noqa: E402
from wikilint.reporting.diff import diff_reports  # noqa: E402
from wikilint.reporting.html import render_dashboard  # noqa: E402
from wikilint.reporting.json import build_report, dumps, validate_report  # noqa: E402

SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
DUMP_ARTICLES = 1_400_000


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def corpus(folder: Path, count: int, seed_text: str, target_kb: float | None = None) -> list[Path]:
    """Articles made from the seed's paragraphs in shuffled order, of varied length; with
    ``target_kb``, paragraphs are added only until an article reaches about that size, and its
    footnote list keeps only the entries its markers cite."""
    rng = random.Random(7)
    paragraphs = seed_text.split("\n\n")
    body, tail = paragraphs[:-2], paragraphs[-2:]
    paths = []
    for i in range(count):
        picked = rng.sample(body, k=rng.randint(3, len(body)))
        if target_kb is not None:
            sized: list[str] = []
            for paragraph in picked:
                sized.append(paragraph)
                if len("\n\n".join(sized).encode("utf-8")) >= target_kb * 1000:
                    break
            picked = sized
            cited = set(re.findall(r"\\\[(\d+)\\\]", "\n\n".join(picked)))
            notes = [line for line in tail[1].split("\n") if line.split(".")[0] in cited]
            article = "\n\n".join(picked + [tail[0], "\n".join(notes)])
        else:
            article = "\n\n".join(picked + tail)
        path = folder / f"article_{i:05d}.md"
        path.write_text(article, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--mean-kb", type=float, default=4.0,
                        help="mean article size of the dump to project for (kB of UTF-8)")
    parser.add_argument("--sized", action="store_true",
                        help="cut the corpus's articles to about --mean-kb each instead of whole shuffled seeds")
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

    found = lint_document(doc, rules, ctx, config)
    fingerprint_s = timed(lambda: with_fingerprints(found, text), args.repeat)
    print(f"fingerprints of the seed's {len(found)} findings: {fingerprint_s * 1000:.2f} ms "
          f"({fingerprint_s / (parse_s + total_rules):.1%} of parse and rules)")

    cold = timed(lambda: subprocess.run([sys.executable, "-m", "wikilint", "check", str(SEED)],
                                        capture_output=True, cwd=ROOT), 3)
    print(f"cold `wikilint check` of the seed (process start included): {cold:.2f} s")

    with tempfile.TemporaryDirectory() as tmp:
        sized = args.mean_kb if args.sized else None
        paths = [str(p) for p in corpus(Path(tmp), args.articles, text, sized)]
        size = sum(Path(p).stat().st_size for p in paths)
        runner = _runner()
        start = time.perf_counter()
        results = run_all(runner, paths, 1)
        one = time.perf_counter() - start
        start = time.perf_counter()
        run_all(runner, paths, 2)
        two = time.perf_counter() - start
        findings = sum(len(r.findings) for r in results)
        start = time.perf_counter()
        report = build_report(results, runner.rules, False)
        text_out = dumps(report)
        build = time.perf_counter() - start
        start = time.perf_counter()
        validate_report(report)
        validate = time.perf_counter() - start
        start = time.perf_counter()
        page = render_dashboard(report)
        html_s = time.perf_counter() - start
        start = time.perf_counter()
        diff_reports(report, report)
        diff_s = time.perf_counter() - start
        mb = size / 1e6
        print(f"corpus: {len(paths)} articles, {mb:.1f} MB, {findings:,} findings")
        print(f"  1 worker:  {len(paths) / one:.0f} articles/s, {mb / one:.2f} MB/s")
        print(f"  2 workers: {len(paths) / two:.0f} articles/s, {mb / two:.2f} MB/s ({one / two:.2f}x one worker)")
        print(f"  JSON report: building {build:.2f} s ({len(text_out) / 1e6:.1f} MB), schema validation {validate:.2f} s "
              f"= {validate / two:.2f}x the 2-worker check time")
        print(f"  HTML dashboard: {html_s:.2f} s ({len(page.encode('utf-8')) / 1e6:.1f} MB) = {html_s / two:.2f}x the "
              f"2-worker check time; diff of the report with itself {diff_s:.2f} s")
        need = DUMP_ARTICLES * args.mean_kb / 1e3 / 3600
        print(f"  a {DUMP_ARTICLES:,}-article dump of {args.mean_kb:.0f} kB articles in one hour needs {need:.2f} MB/s; "
              f"2 workers give {mb / two:.2f} MB/s here ({mb / two / need:.2f}x the need)")


def _runner():
    from argparse import Namespace

    from wikilint.cli import Runner

    args = Namespace(input_format=None, select=None, ignore=None, titles=None, stdin_filename="<stdin>")
    return Runner(args, Config())


if __name__ == "__main__":
    main()
