"""What git says changed between a revision and the working tree: files, their lines, their old text.

``wikilint check --changed-since REV`` lints the files listed here, and ``--only-changed-lines`` keeps
findings on the lines the diff's hunks add or change.  Paths are given relative to the current folder,
as a user would type them.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence


class GitError(Exception):
    """git is missing, the folder is no repository, or the revision is unknown."""


@dataclass(frozen=True)
class ChangedFile:
    path: str  # in the working tree, relative to the current folder
    old_path: str | None  # at the revision, relative to the repository root; None for a new file
    lines: frozenset[int] | None  # lines added or changed; None means every line (a new file)

    def touches(self, first: int, last: int) -> bool:
        return self.lines is None or any(line in self.lines for line in range(first, last + 1))


def _git(*args: str, cwd: str | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "-c", "core.quotepath=off", *args], capture_output=True, cwd=cwd, check=False)
    except FileNotFoundError as exc:
        raise GitError("git is not installed") from exc
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return proc.stdout


def _root() -> Path:
    return Path(_git("rev-parse", "--show-toplevel").decode("utf-8").strip())


_HUNK = re.compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def changed_lines(diff: bytes) -> dict[str, set[int]]:
    """New-side line numbers each file's hunks add or change, from ``git diff -U0`` output."""
    out: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.split(b"\n"):
        if line.startswith(b"+++ "):
            name = _header_name(line[4:])
            current = None if name == "/dev/null" else out.setdefault(name[2:] if name.startswith("b/") else name, set())
        elif current is not None and (m := _HUNK.match(line)):
            start, count = int(m[1]), int(m[2]) if m[2] is not None else 1
            current.update(range(start, start + count))
    return out


def _header_name(raw: bytes) -> str:
    """A diff header's file name: git ends one holding a space with a tab, and quotes one holding a
    quote, a backslash or a control character, with C escapes."""
    raw = raw.rstrip(b"\t")
    if raw.startswith(b'"') and raw.endswith(b'"'):
        raw = raw[1:-1].decode("unicode_escape").encode("latin-1")
    return raw.decode("utf-8", "surrogateescape")


def changed_files(rev: str, suffixes: tuple[str, ...], want_lines: bool) -> list[ChangedFile]:
    """Article files changed between ``rev`` and the working tree (renames followed, deletions
    skipped), and untracked ones, sorted by path."""
    _git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    root = _root()
    status = _git("diff", "--name-status", "-M", "-z", "--no-ext-diff", rev, "--", cwd=str(root)).split(b"\0")
    entries: dict[str, str | None] = {}
    i = 0
    while i < len(status) - 1:
        code = status[i].decode()
        if code.startswith(("R", "C")):
            old, new = status[i + 1].decode("utf-8", "surrogateescape"), status[i + 2].decode("utf-8", "surrogateescape")
            entries[new] = old if code.startswith("R") else None
            i += 3
            continue
        name = status[i + 1].decode("utf-8", "surrogateescape")
        if code != "D":
            entries[name] = None if code == "A" else name
        i += 2
    for raw in _git("ls-files", "--others", "--exclude-standard", "-z", cwd=str(root)).split(b"\0"):
        if raw:
            entries.setdefault(raw.decode("utf-8", "surrogateescape"), None)
    lines = changed_lines(_git("diff", "-U0", "-M", "--no-color", "--no-ext-diff", rev, "--", cwd=str(root))) if want_lines else {}
    out = []
    here = Path.cwd().resolve()
    for name, old in sorted(entries.items()):
        if not name.lower().endswith(suffixes) or not (root / name).is_file():
            continue
        shown = os.path.relpath(root / name, here)
        touched = frozenset(lines.get(name, ())) if want_lines and old is not None else None
        out.append(ChangedFile(shown, old, touched))
    return out


def text_at(rev: str, old_path: str) -> str | None:
    """The file's text at ``rev`` (its path there relative to the repository root), None if unreadable."""
    try:
        data = _git("show", f"{rev}:{old_path}", cwd=str(_root()))
    except GitError:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


def keep_introduced(findings: Sequence, changed: ChangedFile, before: Iterable[str], article_wide: set[str]) -> list:
    """Findings that touch a changed line, and findings of article-wide rules whose fingerprint the
    file at the revision (``before``) did not have: the change made them, wherever they start."""
    old = Counter(before)
    out = []
    for f in findings:
        start, end = f.range.start, f.range.end
        last = end.line - 1 if end.column == 1 and end.line > start.line else end.line  # a span that ends at a line break
        if changed.touches(start.line, last):
            out.append(f)
        elif f.rule in article_wide:
            if old[f.fingerprint] > 0:
                old[f.fingerprint] -= 1
            else:
                out.append(f)
    return out
