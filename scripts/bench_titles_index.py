"""Measure the title index at zh-wiki's size: load time, peak memory, lookup time.

Generates a titles file of 1.5 million titles (all-titles-in-ns0 format, header line included,
a mix of simplified, traditional, Latin and spaced titles) in a temporary folder, loads it with
``wikilint.links_index.load_title_index`` and prints the figures.  Not run by the tests.

    PYTHONPATH=. python scripts/bench_titles_index.py [--count 1500000] [--gzip]
"""

from __future__ import annotations

import argparse
import gzip
import pickle
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

# common characters, simplified and traditional, so the folding table sees a realistic spread
CJK = (
    "的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从"
    "國語說為會來時個們這過對與學進種將還後發當點長開關無問題處現業機實東車門見頁員傳號線電義離號應鄉陽體廣權產團聯觀達難邊據術藝樂歷雙聲響風飛館驗麗黨齊龍龜"
    "朝鮮鲜美首腦脑會会談谈越南河內内金正恩特朗普吳吴秀容約约翰波頓顿蓬佩奧奥"
)
LATIN = "abcdefghijklmnopqrstuvwxyz"


def make_titles(count: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    titles: set[str] = set()
    while len(titles) < count:
        r = rng.random()
        if r < 0.8:
            title = "".join(rng.choice(CJK) for _ in range(rng.randint(2, 10)))
            if rng.random() < 0.1:
                title += "_(" + "".join(rng.choice(CJK) for _ in range(rng.randint(2, 4))) + ")"
        elif r < 0.95:
            words = ["".join(rng.choice(LATIN) for _ in range(rng.randint(2, 9))) for _ in range(rng.randint(1, 4))]
            title = "_".join(words)
            title = title[0].upper() + title[1:]
        else:
            title = "".join(rng.choice(CJK) for _ in range(rng.randint(2, 5))) + ":" + str(rng.randint(1, 9999))
        titles.add(title)
    return sorted(titles)


def _fresh_process_rss(path: Path) -> float:
    """Max RSS (MiB) of a new interpreter that imports wikilint and loads the index, nothing else."""
    # VmHWM, not ru_maxrss: on Linux ru_maxrss survives exec and would count the parent's memory
    code = (
        "from wikilint.links_index import load_title_index\n"
        f"index = load_title_index({str(path)!r})\n"
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print(int(hwm.split()[1]) / 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_500_000)
    parser.add_argument("--gzip", action="store_true", help="also measure the gzip form")
    parser.add_argument("--lookups", type=int, default=200_000)
    args = parser.parse_args(argv)

    from wikilint.links_index import load_title_index

    with tempfile.TemporaryDirectory(prefix="wikilint-bench-") as tmp:
        t0 = time.perf_counter()
        titles = make_titles(args.count)
        plain = Path(tmp) / "zhwiki-all-titles-in-ns0"
        plain.write_text("page_title\n" + "\n".join(titles) + "\n", encoding="utf-8")
        paths = [plain]
        if args.gzip:
            gz = Path(tmp) / "zhwiki-all-titles-in-ns0.gz"
            with gzip.open(gz, "wb", compresslevel=6) as f:
                f.write(plain.read_bytes())
            paths.append(gz)
        print(f"generated {len(titles):,} titles ({plain.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.1f} s")

        # lookups: half present (as written, or in the other script), half absent
        rng = random.Random(2)
        queries = [rng.choice(titles).replace("_", " ") for _ in range(args.lookups // 2)]
        queries += ["無此條目" + str(i) for i in range(args.lookups // 2)]
        rng.shuffle(queries)
        del titles

        for path in paths:
            # load time without tracing, then peak memory with tracemalloc (which slows loading)
            t0 = time.perf_counter()
            index = load_title_index(path)
            load_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            hits = sum(index.exists(q) for q in queries)
            lookup_us = (time.perf_counter() - t0) / len(queries) * 1e6
            t0 = time.perf_counter()
            blob = pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL)
            pickle_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            pickle.loads(blob)
            unpickle_s = time.perf_counter() - t0
            size = len(index)
            del index, blob

            tracemalloc.start()
            index = load_title_index(path)
            current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            del index
            rss_mib = _fresh_process_rss(path)
            print(
                f"{path.name}: {size:,} titles; load {load_s:.2f} s; "
                f"index holds {current / 2**20:.0f} MiB, load peak {peak / 2**20:.0f} MiB (tracemalloc); "
                f"peak RSS (VmHWM) of a fresh process that only loads it {rss_mib:.0f} MiB; "
                f"lookup {lookup_us:.2f} µs ({hits:,}/{len(queries):,} found); "
                f"pickle {pickle_s:.2f} s, unpickle {unpickle_s:.2f} s"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
