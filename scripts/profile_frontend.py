"""Where a page's time goes, in one process: mwparserfromhell's parse (the floor), the front-end
(parse → Document) and the whole check (front-end, rules, findings), on the benchmark's pages.

    python scripts/profile_frontend.py [--pages 80] [--rounds 3] [--profile wikitext|markdown|check]

The stages are timed in turns over the same pages, ``--rounds`` times, in CPU time of this process, and
the fastest round of each counts, so that other processes on the machine skew the ratios as little as
possible.  The markdown
front-end is measured against the same floor (the parse of the pages' wikitext form): what the floor
says is how much a page costs mwparserfromhell, the markdown pages carry the same text.
``--profile`` prints cProfile's top functions for one stage instead.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mwparserfromhell  # noqa: E402

from bench import SEED, make_pages  # noqa: E402
from wikilint.config import Config  # noqa: E402
from wikilint.engine.runner import check_text, make_context, rules_for  # noqa: E402
from wikilint.formats.markdown import parse_markdown  # noqa: E402
from wikilint.formats.wikitext import parse_wikitext  # noqa: E402


def stages(pages: list[tuple[str, str, str]]) -> dict:
    config = Config()
    rules = rules_for(config)
    ctx = make_context(config)
    wiki = [(f"{t}.wiki", w) for t, w, _ in pages]
    md = [(f"{t}.md", m) for t, _, m in pages]
    # load what rules load lazily (tables, converters) before anything is timed
    check_text(wiki[0][1], wiki[0][0], rules, ctx, config, "wikitext")
    check_text(md[0][1], md[0][0], rules, ctx, config, "markdown")
    return {
        "parse": lambda: [mwparserfromhell.parse(text) for _, text in wiki],
        "wikitext front-end": lambda: [parse_wikitext(text, path) for path, text in wiki],
        "wikitext check": lambda: [check_text(text, path, rules, ctx, config, "wikitext") for path, text in wiki],
        "markdown front-end": lambda: [parse_markdown(text, path) for path, text in md],
        "markdown check": lambda: [check_text(text, path, rules, ctx, config, "markdown") for path, text in md],
    }


def timed(fn) -> float:
    gc.collect()
    start = time.process_time()
    fn()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=80)
    parser.add_argument("--mean-kb", type=float, default=12.0)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=("wikitext", "markdown", "check", "markdown-check"))
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args()

    pages = make_pages(args.pages, SEED.read_text(encoding="utf-8"), args.mean_kb)
    runs = stages(pages)
    if args.profile:
        name = {"wikitext": "wikitext front-end", "markdown": "markdown front-end", "check": "wikitext check",
                "markdown-check": "markdown check"}[args.profile]
        profile = cProfile.Profile()
        profile.runcall(runs[name])
        pstats.Stats(profile).sort_stats("tottime").print_stats(args.top)
        return
    best = {name: float("inf") for name in runs}
    for _ in range(args.rounds):
        for name, fn in runs.items():
            best[name] = min(best[name], timed(fn))
    floor = best["parse"]
    mb = sum(len(w.encode("utf-8")) for _, w, _ in pages) / 1e6
    print(f"{args.pages} pages, {mb:.2f} MB of wikitext; fastest of {args.rounds} rounds")
    for name, seconds in best.items():
        print(f"  {name:<20} {seconds:7.3f} s  {seconds / floor:5.2f}x the parse")
    for fmt in ("wikitext", "markdown"):
        front = best[f"{fmt} front-end"]
        beyond = front - (floor if fmt == "wikitext" else 0.0)
        print(f"  {fmt}: the front-end beyond the parse {beyond:.3f} s = {beyond / floor:.2f}x the parse; "
              f"the rest of the check {best[f'{fmt} check'] - front:.3f} s")


if __name__ == "__main__":
    main()
