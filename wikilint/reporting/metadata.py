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


def _effective(config: Config, options: RunOptions) -> dict:
    """What in a configuration and on the command line changes findings.  Paths are left out (they
    differ between machines); what they hold is digested apart."""
    return {
        "select": _selected(config, options),
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


def _selected(config: Config, options: RunOptions) -> list[str] | None:
    return list(options.select) or (list(config.select) if config.select is not None else None)


def config_digest(configs: Sequence[Config], options: RunOptions) -> str:
    """A digest of every configuration in force (a corpus may hold several) with the command line."""
    canonical = json.dumps(sorted(json.dumps(_effective(c, options), sort_keys=True, ensure_ascii=False)
                                  for c in configs), separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]


def folder_digest(folders: Sequence[Path]) -> str | None:
    """A digest of every file under ``folders`` (names relative to their folder, and contents)."""
    found = sorted({f for f in folders if f.is_dir()})
    if not found:
        return None
    h = hashlib.sha256()
    for folder in found:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:20]


def settings(configs: Sequence[Config], rules: Sequence, options: RunOptions, inputs: int,
             rules_dirs: Sequence[Path], existence_checked: bool) -> dict:
    """The report's ``settings``.  Where several configurations are in force (one per folder that has
    its own), a rule's severity and the options are the first one's; the digest covers them all."""
    first = configs[0] if configs else Config()
    notes = []
    if not existence_checked:
        notes.append("link targets were not checked for existence: no title index was given (--titles or titles = …)")
    if len(configs) > 1:
        notes.append(f"{len(configs)} configurations applied to different folders; severities and options shown are "
                     f"those of {first.source or 'the defaults'}")
    return {
        "rules": [{"code": r.code, "name": r.name, "family": r.family, "severity": configured_severity(r, first)}
                  for r in rules],
        "existence_checked": existence_checked,
        "notes": notes,
        "options": {
            "variant": first.variant,
            "titles_index": bool(options.titles or first.titles),
            "select": _selected(first, options),
            "ignore": [*first.ignore, *options.ignore],
            "input_format": options.input_format,
        },
        "config_digest": config_digest(configs or [first], options),
        "rule_data_digest": folder_digest(rules_dirs),
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
