"""How wikilint's time and peak memory grow with hostile input: each shape at 1x, 2x and 4x its base
size, one fresh ``wikilint`` process per measurement, and the growth ratio per doubling.

    python scripts/growth.py [--scale 1.0] [--only names-regex,named-refs]

A ratio near 2 per doubling is linear; near 4 is quadratic; near 1 means the input is cut off at a
limit (an oversized file, a decompression bomb), which is what those shapes should show.  Peak
memory is the child's maximum resident set.  The start-up of a one-line check (interpreter, rule
data) is subtracted from both, so the ratios show what the input costs.  Not run by the tests: the
figures depend on the machine.  Quote ratios from one run.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"


@dataclass
class Shape:
    name: str
    what: str
    base: int
    #: writes the input of size ``n`` into ``folder``; returns the wikilint arguments
    make: Callable[[Path, int], list[str]]


def _names_regex(folder: Path, n: int) -> list[str]:
    path = folder / "letters.wiki"
    path.write_text("a" * n + "\n", encoding="utf-8")
    return ["check", str(path), "--format", "json"]


def _large_article(folder: Path, n: int) -> list[str]:
    seed = SEED.read_text(encoding="utf-8")
    path = folder / "large.txt"
    path.write_text(seed * n, encoding="utf-8")
    return ["check", str(path), "--format", "json"]


def _named_refs(folder: Path, n: int) -> list[str]:
    path = folder / "refs.wiki"
    path.write_text('內容<ref name="a">來源</ref>' * n + "\n", encoding="utf-8")
    return ["check", str(path), "--format", "json"]


def _oversized(folder: Path, n: int) -> list[str]:
    path = folder / "big.txt"
    with open(path, "wb") as handle:
        handle.truncate(n * 1024 * 1024)  # a sparse file: n MiB of NUL bytes
    return ["check", str(path)]


def _titles(folder: Path, n: int) -> list[str]:
    path = folder / "titles.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write("page_title\n")
        handle.writelines(f"條目_{i}\n" for i in range(n))
    article = folder / "a.wiki"
    article.write_text("[[條目 1]]與[[條目 x]]。\n", encoding="utf-8")
    return ["check", str(article), "--titles", str(path)]


def _titles_bomb(folder: Path, n: int) -> list[str]:
    path = folder / "bomb.bz2"
    line = b"A" * 1023 + b"\n"
    with bz2.open(path, "wb") as handle:
        for _ in range(n):
            handle.write(line * 1024)  # 1 MiB a round
    article = folder / "a.wiki"
    article.write_text("[[條目 1]]。\n", encoding="utf-8")
    return ["check", str(article), "--titles", str(path)]


SHAPES = [
    Shape("names-regex", "one run of n Latin letters (NM's foreign-name gloss pattern)", 1_000_000, _names_regex),
    Shape("large-article", "the seed article repeated n times, JSON report", 16, _large_article),
    Shape("named-refs", "n refs that all share one name", 5_000, _named_refs),
    Shape("oversized-file", "a file of n MiB over max-file-size (read stops at the limit)", 64, _oversized),
    Shape("titles-file", "a gzip titles file of n titles", 200_000, _titles),
    Shape("titles-bomb", "bz2 that unpacks to n MiB of one repeated line (stops at the cap)", 512, _titles_bomb),
]


def measure(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MiB of one ``wikilint`` process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "wikilint", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1, 2) or "Traceback" in err:
        raise SystemExit(f"wikilint {' '.join(args)} failed ({proc.returncode}):\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every base size by this")
    parser.add_argument("--only", help="comma-separated shape names")
    opts = parser.parse_args()
    chosen = [s for s in SHAPES if not opts.only or s.name in opts.only.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        tiny = Path(tmp) / "tiny.wiki"
        tiny.write_text("一句話。\n", encoding="utf-8")
        base_s, base_mib = min(measure(["check", str(tiny)]) for _ in range(3))
    print(f"start-up (subtracted below): {base_s:.2f} s, {base_mib:.0f} MiB")
    print(f"{'shape':<16}{'size':>10}{'seconds':>10}{'MiB':>9}{'time x':>9}{'mem x':>8}")
    for shape in chosen:
        rows = []
        for factor in (1, 2, 4):
            with tempfile.TemporaryDirectory() as tmp:
                n = max(1, int(shape.base * opts.scale * factor))
                seconds, mib = measure(shape.make(Path(tmp), n))
                rows.append((n, max(seconds - base_s, 0.01), max(mib - base_mib, 1.0)))
        for k, (n, seconds, mib) in enumerate(rows):
            ratios = f"{seconds / rows[k - 1][1]:>9.2f}{mib / rows[k - 1][2]:>8.2f}" if k else ""
            print(f"{shape.name if k == 0 else '':<16}{n:>10}{seconds:>10.2f}{mib:>9.0f}{ratios}")
        print(f"{'':<16}{shape.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
