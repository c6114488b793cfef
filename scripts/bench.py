"""Benchmark wikilint the way a user runs it, and print every figure as a ratio measured in this one run.

    python scripts/bench.py                 # the whole benchmark (a few minutes on two cores)
    python scripts/bench.py --memory        # also peak memory over dumps of 1x, 10x and 100x the pages

It builds a deterministic corpus from the seed article (wikitext pages with templates, refs, headings
and categories, and the same pages as exported markdown) and a ``pages-articles.xml.bz2`` dump of it,
then prints: pages/s and MB/s; the ratio of ``wikilint report -j 1`` to parsing the same pages with
mwparserfromhell and nothing else (the floor); the ratio to the npm ``wikilint`` (wikiparser-node's
CLI, installed with npm into a cache folder; skipped with a message without npm); ``-j 2`` against
``-j 1`` on the markdown pages and on the dump (same output checked); the cold start of one
``wikilint check`` against ``python -c pass``; peak memory; and, on the seed, the front-end and each
rule's share.  Not run by the tests: timing depends on the machine and its load.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
CACHE = Path(os.environ.get("WIKILINT_BENCH_CACHE", Path.home() / ".cache" / "wikilint-bench"))
NPM_PACKAGE = "wikilint@2"

_MD_LINK = re.compile(r'\[([^\]\n]*)\]\((?:\.\./Page/([^)\s]+)\.md|https://zh\.wikipedia\.org/wiki/([^)\s]+)) "wikilink"\)')
_MD_FIG = re.compile(r'\[([^\]\n]*)\]\(https://zh\.wikipedia\.org/wiki/(File:[^ ]+) "fig:([^"]*)"\)')
_MD_NOTE = re.compile(r"\\\[(\d+)\\\]")
_MD_BOLD = re.compile(r"\*\*([^*\n]+)\*\*")
_MD_HEADING = re.compile(r"^(#{2,4}) (.+)$", re.M)


# -- the corpus ---------------------------------------------------------------------------------------


def seed_parts(seed: str) -> tuple[list[str], dict[str, str]]:
    """The seed's body paragraphs and its footnotes (number -> text, empty ones given a source)."""
    paragraphs = seed.split("\n\n")
    notes = {}
    for line in paragraphs[-1].split("\n"):
        number, _, text = line.partition(".")
        if number.strip().isdigit():
            notes[number.strip()] = text.strip() or f"[https://news.example.org/{number.strip()} 新聞報導第{number.strip()}則]"
    return paragraphs[:-2], notes


def to_wikitext(markdown: str, notes: dict[str, str], cited: set[str]) -> str:
    """One exported-markdown paragraph as the wikitext it came from: links, figures, refs, bold, headings."""
    def note(m: re.Match) -> str:
        n = m.group(1)
        if n in cited:
            return f'<ref name="n{n}" />'
        cited.add(n)
        title = re.sub(r"\(?https?://\S+|[\[\]<>|{}()]", "", notes.get(n, "")).strip()[:40] or f"報導{n}"
        return (f'<ref name="n{n}">{{{{cite web|url=https://news.example.org/{n}|title={title}'
                f"|publisher=新聞社|date=2019年2月{int(n) % 28 + 1}日}}}}</ref>")

    text = _MD_FIG.sub(lambda m: f"[[{m.group(2).replace(chr(92), '')}|thumb|{m.group(1)}]]", markdown)
    text = _MD_LINK.sub(_wikilink, text)
    text = _MD_NOTE.sub(note, text)
    text = _MD_BOLD.sub(r"'''\1'''", text)
    return _MD_HEADING.sub(lambda m: f"{'=' * len(m.group(1))} {m.group(2)} {'=' * len(m.group(1))}", text)


def _wikilink(m: re.Match) -> str:
    target = (m.group(2) or m.group(3)).replace("\\", "")
    return f"[[{target}]]" if target == m.group(1) else f"[[{target}|{m.group(1)}]]"


def make_pages(count: int, seed: str, mean_kb: float, rng_seed: int = 7) -> list[tuple[str, str, str]]:
    """``count`` pages (title, wikitext, markdown): shuffled seed paragraphs up to a size drawn around
    ``mean_kb`` kB of wikitext, with an infobox, a reference list and categories."""
    rng = random.Random(rng_seed)
    body, notes = seed_parts(seed)
    pages = []
    for i in range(count):
        target = min(rng.lognormvariate(0, 0.6), 4.0) * mean_kb * 1000
        picked, size = [], 0
        for paragraph in rng.sample(body, k=len(body)):
            picked.append(paragraph)
            size += len(paragraph.encode("utf-8")) * 1.15
            if size >= target:
                break
        cited: set[str] = set()
        title = f"朝美關係事件{i:05d}"
        infobox = (f"{{{{Infobox event\n| title = {title}\n| date = 2019年2月{i % 28 + 1}日\n"
                   f"| location = [[越南]][[河內]]\n| participants = [[金正恩]]、[[當勞·特朗普]]\n}}}}\n")
        wikitext = infobox + "\n\n".join(to_wikitext(p, notes, cited) for p in picked)
        wikitext += "\n\n== 參考資料 ==\n{{reflist|2}}\n\n[[Category:2019年朝鲜]]\n[[Category:朝美關係]]\n"
        used = sorted(cited, key=int)
        markdown = "\n\n".join(picked) + "\n\n## 參考資料\n\n" + "\n".join(
            f"{n}.  {notes.get(n, '')}" for n in used) + "\n"
        pages.append((title, wikitext, markdown))
    return pages


def write_corpus(folder: Path, pages: list[tuple[str, str, str]]) -> tuple[Path, Path, Path]:
    from wikilint.formats.dump import write_dump

    wiki, md = folder / "wikitext", folder / "markdown"
    wiki.mkdir()
    md.mkdir()
    for title, wikitext, markdown in pages:
        (wiki / f"{title}.wiki").write_text(wikitext, encoding="utf-8")
        (md / f"{title}.md").write_text(markdown, encoding="utf-8")
    dump = folder / "zhwiki-pages-articles.xml.bz2"
    write_dump(((t, w) for t, w, _ in pages), dump)
    return wiki, md, dump


# -- measuring ----------------------------------------------------------------------------------------


# as a user runs it: Python writes bytecode caches (some shells and CI runners turn that off)
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
CPU: list[float] = [0.0]  # CPU seconds (user + system) of the last run's processes


def run(cmd: list[str], **kw) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of ``cmd``; its CPU time goes to ``CPU[0]`` (a ratio of CPU times holds on a loaded machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, cwd=ROOT, env=ENV, **kw)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[0] = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return wall, proc


def peak_kb(cmd: list[str]) -> int:
    """Peak resident memory of the largest process ``cmd`` starts (itself or a worker), in kB."""
    probe = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
             "print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    proc = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, cwd=ROOT, env=ENV)
    code, kb = proc.stdout.split()
    # a run that failed early would pass for a small one: its memory is no measurement
    assert code == "0", f"{' '.join(cmd)} exited {code}: {proc.stderr[-2000:]}"
    return int(kb)


def wikilint(*args: str) -> list[str]:
    return [sys.executable, "-m", "wikilint", *args]


FLOOR = """
import sys, pathlib, mwparserfromhell
for path in sorted(pathlib.Path(sys.argv[1]).iterdir()):
    mwparserfromhell.parse(path.read_text(encoding="utf-8"))
"""


def npm_wikilint() -> Path | None:
    """The npm package's CLI, installed once into the cache folder; None (with a message) without npm."""
    npm = shutil.which("npm")
    if npm is None or shutil.which("node") is None:
        print("npm wikilint: skipped (npm or node is not installed)")
        return None
    prefix = CACHE / "npm"
    cli = prefix / "node_modules" / ".bin" / "wikilint"
    if not cli.exists():
        prefix.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run([npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", NPM_PACKAGE],
                              capture_output=True, text=True)
        if proc.returncode != 0 or not cli.exists():
            print(f"npm wikilint: skipped (npm install failed: {proc.stderr.strip().splitlines()[-1:]})")
            return None
    return cli


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def report_costs(path: Path, check_s: float) -> None:
    """What the dashboard and a report diff cost against the check that made the report."""
    import json

    from wikilint.reporting.diff import diff_reports
    from wikilint.reporting.html import render_dashboard

    report = json.loads(path.read_text(encoding="utf-8"))
    start = time.perf_counter()
    page = render_dashboard(report)
    html_s = time.perf_counter() - start
    start = time.perf_counter()
    diff_reports(report, report)
    diff_s = time.perf_counter() - start
    print(f"  HTML dashboard: {html_s:.2f} s ({len(page.encode('utf-8')) / 1e6:.1f} MB) = {html_s / check_s:.2f}x the "
          f"-j 1 check; diff of the report with itself {diff_s:.2f} s")


def per_rule(seed: str, repeat: int) -> None:
    from wikilint.config import Config
    from wikilint.engine.registry import all_rules
    from wikilint.engine.runner import lint_document, make_context
    from wikilint.formats import parse

    config, rules = Config(), all_rules()
    ctx = make_context(config)
    lint_document(parse(seed, str(SEED)), rules, ctx, config)  # load the tables first

    def timed(fn) -> float:
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    parse_s = timed(lambda: parse(seed, str(SEED)))
    rows = []
    for rule in rules:
        fresh = parse(seed, str(SEED))
        list(rule().check(fresh, ctx))  # the views it reads are built once per document: not its cost
        rows.append((timed(lambda: list(rule().check(fresh, ctx))), rule))
    views = timed(lambda: lint_document(parse(seed, str(SEED)), rules, ctx, config)) - parse_s - sum(t for t, _ in rows)
    total = sum(t for t, _ in rows)
    from wikilint.engine.fingerprint import with_fingerprints

    found = lint_document(parse(seed, str(SEED)), rules, ctx, config)
    fingerprint_s = timed(lambda: with_fingerprints(found, seed))
    print(f"fingerprints of the seed's {len(found)} findings: {fingerprint_s * 1000:.2f} ms")
    print(f"seed ({len(seed):,} code points): front-end {parse_s * 1000:.1f} ms, rules {total * 1000:.1f} ms, "
          f"shared views and the engine {max(views, 0) * 1000:.1f} ms")
    for t, rule in sorted(rows, key=lambda x: x[0], reverse=True)[:8]:
        print(f"  {rule.code} {rule.name:<32} {t * 1000:7.2f} ms  {t / total:6.1%} of the rules")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=300, help="generated pages (default 300)")
    parser.add_argument("--mean-kb", type=float, default=12.0, help="mean wikitext page size in kB (default 12)")
    parser.add_argument("--dump-pages", type=int, default=2000, help="pages of the dump run with -j 1 and -j 2")
    parser.add_argument("--memory", action="store_true", help="peak memory over dumps of 1x, 10x and 100x --memory-pages")
    parser.add_argument("--memory-pages", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=7, help="runs of each cold start (median)")
    args = parser.parse_args()

    seed = SEED.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = make_pages(args.pages, seed, args.mean_kb)
        wiki, md, dump = write_corpus(folder, pages)
        wiki_mb = sum(p.stat().st_size for p in wiki.iterdir()) / 1e6
        md_mb = sum(p.stat().st_size for p in md.iterdir()) / 1e6
        print(f"corpus: {args.pages} pages, {wiki_mb:.1f} MB of wikitext, {md_mb:.1f} MB of markdown, "
              f"dump {dump.stat().st_size / 1e3:.0f} kB (bz2); {os.cpu_count()} cores")

        # the floor: mwparserfromhell alone, against the whole pipeline in one process
        floor, _ = run([sys.executable, "-c", FLOOR, str(wiki)])
        floor_cpu = CPU[0]
        one, proc = run(wikilint("report", "-j", "1", "--reproducible", str(wiki), "-o", str(folder / "r1.json")))
        assert proc.returncode == 0, proc.stderr.decode()[-2000:]
        print(f"wikitext, -j 1: {args.pages / one:.0f} pages/s, {wiki_mb / one:.2f} MB/s; "
              f"{one:.2f} s = {one / floor:.2f}x the parse-only floor ({floor:.2f} s); in CPU time "
              f"{CPU[0]:.2f} s = {CPU[0] / floor_cpu:.2f}x ({floor_cpu:.2f} s) (goal <= 1.5x)")
        report_costs(folder / "r1.json", one)
        two, proc = run(wikilint("report", "-j", "2", "--reproducible", str(wiki), "-o", str(folder / "r2.json")))
        same = (folder / "r1.json").read_bytes() == (folder / "r2.json").read_bytes()
        print(f"wikitext, -j 2: {args.pages / two:.0f} pages/s, {wiki_mb / two:.2f} MB/s; "
              f"{one / two:.2f}x -j 1 (same report: {same})")

        cli = npm_wikilint()
        if cli is not None:
            npm_s, proc = run([str(cli), "--config", "zhwiki", "-r", str(wiki)])
            print(f"npm wikilint ({NPM_PACKAGE}, one process): {npm_s:.2f} s, CPU {CPU[0]:.2f} s; wikilint -j 1 is "
                  f"{npm_s / one:.2f}x its speed, -j 2 {npm_s / two:.2f}x (goal: faster, > 1)")

        # markdown: one worker against two
        one_md, _ = run(wikilint("report", "-j", "1", "--reproducible", str(md), "-o", str(folder / "m1.json")))
        two_md, _ = run(wikilint("report", "-j", "2", "--reproducible", str(md), "-o", str(folder / "m2.json")))
        same = (folder / "m1.json").read_bytes() == (folder / "m2.json").read_bytes()
        print(f"markdown, {args.pages} pages: -j 1 {one_md:.2f} s, -j 2 {two_md:.2f} s = {one_md / two_md:.2f}x "
              f"(goal >= 1.7x; same report: {same}); -j 1 {md_mb / one_md:.2f} MB/s")

        # a dump, streamed: -j 1 against -j 2, JSON Lines, with peak memory
        big = folder / "big.xml.bz2"
        from wikilint.formats.dump import write_dump

        dump_pages = make_pages(args.dump_pages, seed, 4.0, rng_seed=11)
        write_dump(((t, w) for t, w, _ in dump_pages), big)
        dump_mb = sum(len(w.encode("utf-8")) for _, w, _ in dump_pages) / 1e6
        outs = {}
        for jobs in ("1", "2"):
            start = time.perf_counter()
            kb = peak_kb(wikilint("report", "-j", jobs, "--format", "jsonl", str(big), "-o", str(folder / f"d{jobs}.jsonl")))
            outs[jobs] = (time.perf_counter() - start, kb, digest((folder / f"d{jobs}.jsonl").read_bytes()))
        (t1, kb1, d1), (t2, kb2, d2) = outs["1"], outs["2"]
        print(f"dump of {args.dump_pages:,} pages ({dump_mb:.1f} MB of wikitext), --format jsonl: -j 1 {t1:.1f} s, "
              f"-j 2 {t2:.1f} s = {t1 / t2:.2f}x (same output: {d1 == d2}); "
              f"{args.dump_pages / t2:.0f} pages/s with 2 workers; peak memory {kb1 / 1024:.0f} MB (-j 1), "
              f"{kb2 / 1024:.0f} MB (largest process, -j 2)")
        need = 1_400_000 / 3600
        print(f"  zh-wiki's 1.4 M articles in an hour need {need:.0f} pages/s of such pages: "
              f"{args.dump_pages / t2 / need:.2f}x the need with 2 workers")

        if args.memory:
            base = make_pages(args.memory_pages, seed, 4.0, rng_seed=13)
            for scale in (1, 10, 100):
                scaled = folder / f"scaled{scale}.xml.bz2"
                write_dump(((f"{t}-{k}", w) for k in range(scale) for t, w, _ in base), scaled)
                kb = peak_kb(wikilint("report", "-j", "1", "--format", "jsonl", str(scaled), "-o", str(folder / f"scaled{scale}.jsonl")))
                print(f"  peak memory, {scale:>3}x ({args.memory_pages * scale:,} pages, jsonl, -j 1): {kb / 1024:.0f} MB")

        # cold start: one small check, process start included
        tiny = folder / "tiny.md"
        tiny.write_text("正文。\n", encoding="utf-8")

        def median(cmd: list[str]) -> float:
            return statistics.median(run(cmd)[0] for _ in range(args.repeat))

        run(wikilint("check", "-q", str(SEED)))  # compiles the bytecode and fills the table cache once
        bare = median([sys.executable, "-c", "pass"])
        imp = median([sys.executable, "-c", "import wikilint.cli"])
        seed_s = median(wikilint("check", "-q", str(SEED)))
        tiny_s = median(wikilint("check", "-q", str(tiny)))
        print(f"cold start (median of {args.repeat}): seed {seed_s:.2f} s, a tiny article {tiny_s:.2f} s; "
              f"import wikilint.cli {imp:.2f} s, python -c pass {bare:.2f} s (goal <= 0.25 s)")
    per_rule(seed, 5)


if __name__ == "__main__":
    main()
