"""Writing files back the way an editor expects of a formatter.

``write_fixed`` writes a fixed article: through a symlink to its target (the link stays a link),
in place when the file has other hard links (a rename would split them) or when its owner and
group could not be kept on a new file, and otherwise atomically (a temporary file in the same
folder, renamed over it).  A read-only file is left alone: the caller reports it.
``display_path`` turns a file name that is not UTF-8 into text every output can hold.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".wikilint-tmp"
#: ``.NAME.XXXXXXXX.wikilint-tmp``: what ``tempfile.mkstemp`` makes with our prefix and suffix
_TEMP_NAME = re.compile(r"^\.(?P<name>.+)\.[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX) + r"$")
#: a temporary file of ours older than this was left by a run that was killed: nothing is writing it
STALE_AFTER = 60.0


class NotWritten(Exception):
    """Why a fix could not be written (the file is left as it was)."""


def display_path(path: str) -> str:
    """``path`` as valid Unicode: a file name whose bytes are not UTF-8 (held by Python as
    surrogate escapes) shows its undecodable bytes as ``\\xff``.  Lossless: ``os.fsdecode`` of
    the bytes that escape names gives the original back."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


def _write_temp(folder: str, name: str, text: str, encoding: str) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMP_SUFFIX, dir=folder)
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _unlink(tmp)
        raise
    return tmp


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def write_atomically(path: Path, text: str, encoding: str) -> None:
    """Write through a temporary file in the same folder and rename it over ``path``, keeping its
    mode (a new file gets the usual mode under the umask).  The temporary file is removed on any
    failure, an interruption included."""
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    tmp = _write_temp(str(path.parent), path.name, text, encoding)
    try:
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        _unlink(tmp)
        raise


def write_fixed(path: str, text: str, encoding: str) -> None:
    """Write a fixed article over ``path`` (see the module doc); raise NotWritten with the reason."""
    real = os.path.realpath(path)
    try:
        info = os.stat(real)
    except OSError as exc:
        raise NotWritten(f"cannot write the fix: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise NotWritten("cannot write the fix: not a regular file")
    if not info.st_mode & 0o222:
        raise NotWritten("the file is read-only: its fixes were not written")
    folder, name = os.path.split(real)
    try:
        if info.st_nlink > 1:
            _write_in_place(real, text, encoding)
            return
        tmp = _write_temp(folder, name, text, encoding)
        try:
            os.chmod(tmp, info.st_mode & 0o7777)
            if not _same_owner(tmp, info):
                _unlink(tmp)
                _write_in_place(real, text, encoding)
                return
            os.replace(tmp, real)
        except BaseException:
            _unlink(tmp)
            raise
    except OSError as exc:
        raise NotWritten(f"cannot write the fix: {exc.strerror or exc}") from exc


def _same_owner(tmp: str, info: os.stat_result) -> bool:
    """Give ``tmp`` the owner and group of the original; False when that is not allowed."""
    mine = os.stat(tmp)
    if (mine.st_uid, mine.st_gid) == (info.st_uid, info.st_gid):
        return True
    try:
        os.chown(tmp, info.st_uid, info.st_gid)
    except PermissionError:
        return False
    return True


def _write_in_place(path: str, text: str, encoding: str) -> None:
    """Rewrite the file's own inode: its hard links, owner and group stay.  Not atomic, so the
    bytes are encoded first and written in one call."""
    data = text.encode(encoding)
    with open(path, "r+b") as handle:
        handle.write(data)
        handle.truncate()
        handle.flush()
        os.fsync(handle.fileno())


def remove_stale_temps(folder: str, now: float | None = None) -> list[str]:
    """Remove temporary files of ours in ``folder`` that a killed run left behind (older than
    ``STALE_AFTER`` seconds, so a run writing right now is not disturbed).  Returns their names."""
    now = time.time() if now is None else now
    removed = []
    try:
        entries = list(os.scandir(folder or "."))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.endswith(TEMP_SUFFIX) or not _TEMP_NAME.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime > STALE_AFTER:
                os.unlink(entry.path)
                removed.append(entry.name)
        except OSError:
            continue
    return removed
