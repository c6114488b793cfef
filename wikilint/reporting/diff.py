"""Compare two JSON reports: findings matched by fingerprint are unchanged, the rest are new or fixed."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

DIFF_VERSION = "1.0"
STATUSES = ("new", "fixed", "unchanged")


class ReportError(Exception):
    """A file that is not a report this wikilint can compare; the message says why."""


def load_report(name: str) -> dict:
    """Read a JSON report and check that it can be compared: a known major schema version and a
    fingerprint on every finding."""
    from wikilint.reporting.metadata import SCHEMA_VERSION
    from wikilint.schemas import InvalidDocument, fast_validate

    try:
        report = json.loads(Path(name).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReportError(f"{name}: cannot read: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise ReportError(f"{name}: not a JSON report: {exc}") from exc
    if not isinstance(report, dict) or "files" not in report:
        raise ReportError(f"{name}: not a wikilint report (no 'files')")
    version = report.get("schema_version")
    if not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ReportError(f"{name}: report schema version {version or 'unknown (older than 1.0)'}; this wikilint "
                          f"compares version {SCHEMA_VERSION.split('.')[0]}.x reports: make it again with `wikilint report`")
    if version == SCHEMA_VERSION:
        try:
            fast_validate("report", report)
        except InvalidDocument as exc:
            raise ReportError(f"{name}: {exc}") from exc
    if any("fingerprint" not in f for file in report["files"] for f in file.get("findings", ())):
        raise ReportError(f"{name}: findings without fingerprints cannot be matched")
    return report


def _flat(report: dict) -> list[dict]:
    return [{"path": file["path"], **finding} for file in report["files"] for finding in file["findings"]]


def _position(finding: dict) -> tuple:
    start = finding["range"]["start"]
    return (finding["path"], start["offset"], finding["rule"], finding["fingerprint"])


@dataclass(frozen=True)
class ReportDiff:
    """New, fixed and unchanged findings (each a report finding with its ``path``)."""

    old_summary: dict
    new_summary: dict
    new: tuple[dict, ...]
    fixed: tuple[dict, ...]
    unchanged: tuple[dict, ...]

    def table(self, key: str) -> dict[str, dict[str, int]]:
        """Counts of new, fixed and unchanged findings per ``rule`` or ``family``."""
        counts: dict[str, Counter] = defaultdict(Counter)
        for status in STATUSES:
            for finding in getattr(self, status):
                counts[finding[key]][status] += 1
        return {name: {status: counts[name][status] for status in STATUSES} for name in sorted(counts)}


def diff_reports(old: dict, new: dict) -> ReportDiff:
    """Match findings by fingerprint, counting duplicates: a fingerprint twice in NEW and once in OLD
    is one unchanged finding and one new one."""
    waiting: dict[str, list[dict]] = defaultdict(list)
    for finding in sorted(_flat(old), key=_position):
        waiting[finding["fingerprint"]].append(finding)
    fresh, kept = [], []
    for finding in sorted(_flat(new), key=_position):
        matches = waiting.get(finding["fingerprint"])
        if matches:
            matches.pop(0)
            kept.append(finding)
        else:
            fresh.append(finding)
    fixed = sorted((f for rest in waiting.values() for f in rest), key=_position)
    return ReportDiff(old.get("summary", {}), new.get("summary", {}), tuple(fresh), tuple(fixed), tuple(kept))


def _brief(finding: dict) -> dict:
    keep = ("path", "rule", "name", "family", "severity", "message", "range", "excerpt", "fingerprint")
    return {k: finding[k] for k in keep if k in finding}


def diff_as_dict(diff: ReportDiff) -> dict:
    """The diff for a dashboard's trend line (schemas/diff.schema.json)."""
    def side(summary: dict) -> dict:
        return {"files": summary.get("files", 0), "findings": summary.get("findings", 0)}

    return {
        "diff_version": DIFF_VERSION,
        "old": side(diff.old_summary),
        "new": side(diff.new_summary),
        "totals": {status: len(getattr(diff, status)) for status in STATUSES},
        "by_rule": diff.table("rule"),
        "by_family": diff.table("family"),
        "new_findings": [_brief(f) for f in diff.new],
        "fixed_findings": [_brief(f) for f in diff.fixed],
    }


def dumps_diff(diff: ReportDiff) -> str:
    return json.dumps(diff_as_dict(diff), ensure_ascii=False, indent=2) + "\n"


def _line(finding: dict) -> str:
    start = finding["range"]["start"]
    return f"{finding['path']}:{start['line']}:{start['column']}: {finding['severity']} {finding['rule']} {finding['message']}"


def write_diff_text(diff: ReportDiff, out: TextIO) -> None:
    totals = {status: len(getattr(diff, status)) for status in STATUSES}
    out.write(f"{totals['new']} new, {totals['fixed']} fixed, {totals['unchanged']} unchanged findings\n")
    for key in ("rule", "family"):
        table = diff.table(key)
        if not table:
            continue
        out.write(f"\n{key:<10} {'new':>6} {'fixed':>6} {'unchanged':>10}\n")
        for name, counts in table.items():
            out.write(f"{name:<10} {counts['new']:>6} {counts['fixed']:>6} {counts['unchanged']:>10}\n")
    for title, findings in (("new findings", diff.new), ("fixed findings", diff.fixed)):
        if findings:
            out.write(f"\n{title}:\n")
            out.writelines(f"  {_line(f)}\n" for f in findings)
