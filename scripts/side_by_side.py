"""Two copies of the wikilint package in one process: the working tree and an earlier revision
(taken with ``git archive``), each imported under its own ``sys.modules`` and swapped in by
``with tree:``, so that a benchmark can run both on the same pages, alternating, and compare what
they report.  Used by ``bench_families.py`` and ``bench_script.py``."""

from __future__ import annotations

import io
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _own_modules() -> dict:
    return {n: m for n, m in sys.modules.items() if n == "wikilint" or n.startswith("wikilint.")}


class Tree:
    """One copy of the package, its modules kept apart from the other copy's.  Inside ``with``,
    imports (rules import lazily inside functions too) come from this copy."""

    def __init__(self, label: str, root: Path) -> None:
        self.label, self.root = label, root
        self.modules: dict = {}
        with self:
            import wikilint

            assert Path(wikilint.__file__).is_relative_to(root), (wikilint.__file__, root)

    def __enter__(self) -> "Tree":
        for name in _own_modules():
            del sys.modules[name]
        sys.modules.update(self.modules)
        sys.path.insert(0, str(self.root))
        return self

    def __exit__(self, *exc) -> None:
        sys.path.remove(str(self.root))
        self.modules = _own_modules()


def extract(rev: str, into: Path) -> Path:
    """The ``wikilint`` package of ``rev`` unpacked under ``into`` (the root to give a Tree)."""
    data = subprocess.run(["git", "archive", rev, "wikilint"], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as tar:
        tar.extractall(into, filter="data")
    return into
