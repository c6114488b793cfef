"""Fuzz wikilint for as long as asked: real articles (the devcorpus and the seed) mutated as in
tests/test_fuzz.py, each input checked against the same promises (no EN001, ranges that slice
back, a schema-valid UTF-8 report, fixes that are a fixed point after one --fix run).  An input
that breaks one is stored in tests/data/fuzz/, where the test suite replays it.

    python scripts/fuzz.py [--seconds 600] [--seed 1]

Prints how many inputs ran and what failed.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fuzzing import KINDS, Checker, build, sources, store_case  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=600.0, help="how long to run")
    parser.add_argument("--seed", type=int, default=1, help="random seed (runs are reproducible)")
    parser.add_argument("--max-mutations", type=int, default=8)
    opts = parser.parse_args()
    rng = random.Random(opts.seed)
    checker = Checker()
    count = failures = 0
    deadline = time.monotonic() + opts.seconds
    while time.monotonic() < deadline:
        source = rng.randrange(len(sources()))
        mutations = [(rng.choice(KINDS), rng.random(), rng.randrange(10_000))
                     for _ in range(rng.randint(1, opts.max_mutations))]
        name, data = build(source, rng.random(), mutations)
        count += 1
        try:
            checker.check(name, data)
        except Exception as exc:  # noqa: BLE001 - every failure is kept, whatever it is
            failures += 1
            path = store_case(name, data)
            print(f"FAIL {path.relative_to(ROOT)}: {type(exc).__name__}: {str(exc)[:300]}")
            traceback.print_exc(limit=-3, file=sys.stdout)
    print(f"{count} inputs in {opts.seconds:.0f} s (seed {opts.seed}): {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
