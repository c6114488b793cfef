"""Reading files with a bound: never more bytes than asked for, and never blocking on a special file.

Kept apart from the engine so that the configuration loader can use it without importing the engine.
"""

from __future__ import annotations

import errno
import os
import stat


class SpecialFile(OSError):
    """A path that names a FIFO, a device, a socket or a folder: reading it could block forever or never end."""


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


def read_upto(read, limit: int) -> bytes:
    """At most ``limit`` bytes from ``read`` (a ``read(n)`` function), whatever the source claims its size is."""
    chunks, total = [], 0
    while total < limit:
        chunk = read(min(1 << 20, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_bounded(path: str | os.PathLike, limit: int) -> bytes:
    """The bytes of a regular file, but never more than ``limit + 1`` of them (so that a caller can
    tell "too large" without reading it all: ``/dev/zero`` never ends and ``/proc`` files report no
    size).  The file is opened without blocking and checked with fstat, so a FIFO raises
    ``SpecialFile`` instead of waiting for a writer forever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        for test, kind in _KINDS:
            if test(mode):
                raise SpecialFile(errno.EINVAL, f"not a regular file but {kind}", str(path))
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return read_upto(handle.read, limit + 1)
    finally:
        os.close(fd)
