"""Cold start: the wall time of whole `wikilint` processes, process start included.

    python scripts/bench_start.py [--repeat 7] [--root OTHER_CHECKOUT ...]

Each checkout given (this one by default) runs `python -m wikilint` from its own folder, so two
checkouts compare in one run, their runs interleaved so that the machine's load falls on both alike.
Commands: `check` of the seed and of a one-line article, `check` of the seed beside a wikilint.toml
(the configuration is validated against its schema), `check --select FN` (one family), `report`
(the report is validated against its schema) and `rules`; for scale, `import wikilint.cli` and
`python -c pass`. The on-disk cache and the bytecode are warm, as they are for anyone's second run.
Prints the median wall time and the median CPU time (user + system, steadier on a loaded machine)
in ms, and the ratio of each to the first checkout's.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # bytecode is cached, as for users


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=ENV, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--root", type=Path, action="append", help="a checkout to time (repeatable; default: this one)")
    args = parser.parse_args()
    roots = args.root or [ROOT]
    with tempfile.TemporaryDirectory() as tmp:
        plain, configured = Path(tmp) / "plain", Path(tmp) / "configured"
        for folder in (plain, configured):
            folder.mkdir()
            (folder / "article.txt").write_bytes(SEED.read_bytes())
        (plain / "tiny.md").write_text("正文。\n", encoding="utf-8")
        (configured / "wikilint.toml").write_text('ignore = ["LK005"]\n', encoding="utf-8")
        wikilint = [sys.executable, "-m", "wikilint"]
        commands = {
            "check seed": [*wikilint, "check", "-q", str(plain / "article.txt")],
            "check tiny": [*wikilint, "check", "-q", str(plain / "tiny.md")],
            "check + config": [*wikilint, "check", "-q", str(configured / "article.txt")],
            "check --select FN": [*wikilint, "check", "-q", "--select", "FN", str(plain / "article.txt")],
            "report": [*wikilint, "report", str(plain / "article.txt")],
            "rules": [*wikilint, "rules"],
            "import wikilint.cli": [sys.executable, "-c", "import wikilint.cli"],
            "python -c pass": [sys.executable, "-c", "pass"],
        }
        samples: dict[tuple[str, Path], list[tuple[float, float]]] = {}
        for _ in range(args.repeat + 1):  # the first round warms the caches and is dropped
            for name, argv in commands.items():
                for root in roots:
                    samples.setdefault((name, root), []).append(timed(argv, root))
    print(f"median of {args.repeat}: wall ms (ratio), CPU ms (ratio)")
    for name in commands:
        first = [statistics.median(x[k] for x in samples[(name, roots[0])][1:]) for k in (0, 1)]
        for root in roots:
            wall, cpu = (statistics.median(x[k] for x in samples[(name, root)][1:]) for k in (0, 1))
            print(f"{name:<20} {wall * 1000:6.0f} ms {wall / first[0]:5.2f}x   {cpu * 1000:6.0f} ms {cpu / first[1]:5.2f}x"
                  f"  {root}")


if __name__ == "__main__":
    main()
