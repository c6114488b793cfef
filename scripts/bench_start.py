"""Cold start: the wall time of whole `wikilint` processes on the seed, process start included.

    python scripts/bench_start.py [--repeat 15] [--root OTHER_CHECKOUT ...]

Each checkout given (this one by default) runs `python -m wikilint` from its own folder, so two
checkouts compare in one run, their runs interleaved so that the machine's load falls on both alike.
Commands: `check` (text), `check` beside a wikilint.toml (the configuration is validated against its
schema), and `report` (the report is validated against its schema). The on-disk cache is warm, as it
is for anyone's second run. Prints medians in ms and the ratio to the first checkout.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--root", type=Path, action="append", help="a checkout to time (repeatable; default: this one)")
    args = parser.parse_args()
    roots = args.root or [ROOT]
    with tempfile.TemporaryDirectory() as tmp:
        plain, configured = Path(tmp) / "plain", Path(tmp) / "configured"
        for folder in (plain, configured):
            folder.mkdir()
            (folder / "article.txt").write_bytes(SEED.read_bytes())
        (configured / "wikilint.toml").write_text('ignore = ["LK005"]\n', encoding="utf-8")
        commands = {
            "check": ["check", "-q", str(plain / "article.txt")],
            "check + config": ["check", "-q", str(configured / "article.txt")],
            "report": ["report", str(plain / "article.txt")],
        }
        samples: dict[tuple[str, Path], list[float]] = {}
        for _ in range(args.repeat + 1):  # the first round warms the cache and is dropped
            for name, argv in commands.items():
                for root in roots:
                    start = time.perf_counter()
                    subprocess.run([sys.executable, "-m", "wikilint", *argv], cwd=root, capture_output=True)
                    samples.setdefault((name, root), []).append(time.perf_counter() - start)
    for name in commands:
        first = statistics.median(samples[(name, roots[0])][1:])
        for root in roots:
            median = statistics.median(samples[(name, root)][1:])
            print(f"{name:<16} {median * 1000:7.0f} ms  {median / first:5.2f}x  {root}")


if __name__ == "__main__":
    main()
