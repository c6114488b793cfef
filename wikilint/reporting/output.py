"""Files a report is written to: checked before a run starts, written atomically after it."""

from __future__ import annotations

import os
from pathlib import Path


class OutputError(Exception):
    """An output path that cannot be written; raised before any article is checked."""


def prepare_output(name: str) -> Path:
    """Create the missing folders of ``name`` and make sure a file can be written there, so that a
    long run never fails at its last step."""
    path = Path(name)
    if path.is_dir():
        raise OutputError(f"{name}: is a folder; give a file name")
    if path.exists() and not path.is_file():  # /dev/null, a FIFO: replacing it with a report breaks it
        raise OutputError(f"{name}: not a regular file; refusing to replace it with a report")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{name}: cannot create its folder: {exc.strerror or exc}") from exc
    if not path.parent.is_dir():
        raise OutputError(f"{name}: {path.parent} is not a folder")
    import tempfile

    try:  # os.access is wrong for root and on some file systems: try it for real
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".wikilint-tmp", dir=path.parent)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise OutputError(f"{name}: cannot write in {path.parent}: {exc.strerror or exc}") from exc
    if path.exists() and not os.access(path, os.W_OK):
        raise OutputError(f"{name}: the file is read-only")
    return path
