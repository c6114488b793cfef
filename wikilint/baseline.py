"""Baselines: today's findings recorded by fingerprint, so that a check reports only new ones.

``wikilint baseline PATH… -o .wikilint-baseline.json`` writes one; ``wikilint check --baseline FILE``
drops findings whose fingerprint the baseline holds, one baselined entry per finding (two identical
findings need two entries).  Entries of checked files that match nothing are gone from the article;
the check drops them from the file, so a finding that is fixed and later reintroduced is new again.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Sequence

from wikilint import __version__
from wikilint.engine.findings import FileResult

VERSION = 1


class BaselineError(Exception):
    pass


@dataclass(frozen=True)
class Outcome:
    results: list[FileResult]  # what is new
    baselined: int  # findings the baseline held
    stale: list[dict]  # entries of checked files that matched no finding


def build(results: Sequence[FileResult]) -> dict:
    entries = [{"path": f.path, "rule": f.rule, "fingerprint": f.fingerprint, "message": f.message}
               for r in sorted(results, key=lambda r: r.path) for f in r.findings]
    return {"tool": "wikilint", "tool_version": __version__, "version": VERSION, "findings": entries}


def dumps(baseline: dict) -> str:
    return json.dumps(baseline, ensure_ascii=False, indent=1) + "\n"


def load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from exc
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a wikilint baseline (invalid JSON: {exc})") from exc
    if (not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list)
            or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str) for e in data["findings"])):
        raise BaselineError(f"{path}: not a wikilint baseline of version {VERSION}: write it again with `wikilint baseline`")
    return data


def apply(baseline: dict, results: Sequence[FileResult]) -> Outcome:
    """Split ``results`` into new findings and baselined ones, matching by fingerprint with counts."""
    left = Counter(e["fingerprint"] for e in baseline["findings"])
    kept, baselined = [], 0
    for result in results:
        new = []
        for finding in result.findings:
            if left[finding.fingerprint] > 0:
                left[finding.fingerprint] -= 1
                baselined += 1
            else:
                new.append(finding)
        kept.append(replace(result, findings=tuple(new)))
    checked = {r.path for r in results}
    stale = []
    for entry in reversed(baseline["findings"]):
        if left[entry["fingerprint"]] > 0 and entry.get("path") in checked:
            left[entry["fingerprint"]] -= 1
            stale.append(entry)
    stale.reverse()
    return Outcome(kept, baselined, stale)


def without(baseline: dict, stale: list[dict]) -> dict:
    """The baseline less the stale entries (each removed once)."""
    drop = Counter(json.dumps(e, sort_keys=True) for e in stale)
    findings = []
    for entry in baseline["findings"]:
        key = json.dumps(entry, sort_keys=True)
        if drop[key] > 0:
            drop[key] -= 1
            continue
        findings.append(entry)
    return {**baseline, "findings": findings}
