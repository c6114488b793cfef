"""A small on-disk cache for what is costly to build and changes only with its sources:
validated rule data and the tables built from it or from OpenCC's dictionaries.

Entries are keyed by a digest of every source file (and of the code that builds them), so a
changed table or a new wikilint rebuilds them.  The cache is best effort: when the folder cannot
be written, values are simply built again next time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")


def cache_dir() -> Path | None:
    """``WIKILINT_CACHE_DIR``, else ``$XDG_CACHE_HOME/wikilint`` or ``~/.cache/wikilint``;
    ``WIKILINT_CACHE_DIR=""`` turns caching off."""
    configured = os.environ.get("WIKILINT_CACHE_DIR")
    if configured == "":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "wikilint"


def digest_files(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"-")
    return h.hexdigest()[:32]


def write_bytes(path: Path, payload: bytes) -> None:
    import tempfile  # only on a cache miss

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except OSError:
        pass


def disk_cached(name: str, sources: Iterable[Path], build: Callable[[], T]) -> T:
    """``build()``'s value, pickled under ``name`` and the digest of ``sources``."""
    folder = cache_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{digest_files(sources)}.pickle"
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def marker_exists(name: str, sources: Iterable[Path] = (), payload: bytes | None = None) -> tuple[bool, Path | None]:
    """Whether a marker for this digest of ``sources`` (or of ``payload``) is there (and where to write it)."""
    folder = cache_dir()
    if folder is None:
        return False, None
    digest = digest_files(sources) if payload is None else hashlib.sha256(payload).hexdigest()[:32]
    path = folder / f"{name}-{digest}"
    return path.exists(), path
