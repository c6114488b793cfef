"""What a report says about its run: the settings that decide its findings (always there, so two
reports can be compared) and the run itself (dates, duration, source revision), which
``--reproducible`` leaves out so that reports of the same input are byte-identical."""

from __future__ import annotations

import hashlib
import json
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from wikilint.config import Config

# major.minor: a minor version only adds (optional properties, rules, families); a major one
# removes, renames or changes the meaning of something, the fingerprint's recipe included
SCHEMA_VERSION = "1.0"


@dataclass(frozen=True)
class RunOptions:
    """The command line's options that change findings, beside the configuration."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    input_format: str | None = None
    titles: str | None = None


def configured_severity(rule, config: Config) -> str:
    """The rule's severity after ``[tool.wikilint.severity]``."""
    return config.severity.get(rule.code) or config.severity.get(rule.name) or rule.severity.value


def config_digest(config: Config, options: RunOptions) -> str:
    """A digest of everything in the configuration and on the command line that changes findings.
    Paths are left out (they differ between machines); what they hold is digested apart."""
    effective = {
        "select": list(options.select) or (list(config.select) if config.select is not None else None),
        "ignore": [*config.ignore, *options.ignore],
        "severity": dict(sorted(config.severity.items())),
        "per-path-ignores": {k: list(v) for k, v in sorted(config.per_path_ignores.items())},
        "exclude": list(config.exclude),
        "variant": config.variant,
        "titles": bool(options.titles or config.titles),
        "max-file-size": config.max_file_size,
        "rules": config.rules,
        "input-format": options.input_format,
    }
    canonical = json.dumps(effective, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def folder_digest(folder: Path | None) -> str | None:
    """A digest of every file under ``folder`` (names relative to it, and contents)."""
    if folder is None or not folder.is_dir():
        return None
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:20]


def settings(config: Config, rules: Sequence, options: RunOptions, inputs: int, rules_dir: Path | None,
             existence_checked: bool) -> dict:
    notes = []
    if not existence_checked:
        notes.append("link targets were not checked for existence: no title index was given (--titles or titles = …)")
    return {
        "rules": [{"code": r.code, "name": r.name, "family": r.family, "severity": configured_severity(r, config)}
                  for r in rules],
        "existence_checked": existence_checked,
        "notes": notes,
        "options": {
            "variant": config.variant,
            "titles_index": bool(options.titles or config.titles),
            "select": list(options.select) or (list(config.select) if config.select is not None else None),
            "ignore": [*config.ignore, *options.ignore],
            "input_format": options.input_format,
        },
        "config_digest": config_digest(config, options),
        "rule_data_digest": folder_digest(rules_dir),
        "inputs": inputs,
    }


def git_revision(path: str) -> dict | None:
    """The commit of the git checkout that holds ``path``, and whether its tracked files differ from it."""
    folder = Path(path)
    folder = folder if folder.is_dir() else folder.parent
    try:
        def git(*args: str) -> str:
            return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True,
                                  timeout=20, check=True).stdout.strip()

        commit = git("rev-parse", "HEAD")
        dirty = bool(git("status", "--porcelain", "--untracked-files=no", "--", "."))
    except (OSError, subprocess.SubprocessError):
        return None
    return {"commit": commit, "dirty": dirty}


def run_info(started: float, duration: float, paths: Sequence[str]) -> dict:
    first = next((p for p in paths if p != "-"), None)
    return {
        "started_at": datetime.fromtimestamp(started, timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "duration_seconds": round(duration, 3),
        "source_revision": git_revision(first) if first is not None else None,
    }
