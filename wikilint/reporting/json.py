"""The JSON report shared by ``check --format json`` and ``report``; see schemas/report.schema.json."""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable, Sequence

from wikilint import __version__
from wikilint.engine.findings import FileResult

SEVERITIES = ("error", "warning", "info")


def _counts(findings) -> dict:
    by_family = Counter(f.family for f in findings)
    by_severity = Counter({s: 0 for s in SEVERITIES})
    by_severity.update(f.severity for f in findings)
    return {"by_family": dict(sorted(by_family.items())), "by_severity": dict(sorted(by_severity.items()))}


def build_report(results: Sequence[FileResult], rules: Iterable, existence_checked: bool,
                 settings: dict | None = None, run: dict | None = None) -> dict:
    """The report; ``settings`` from ``metadata.settings`` (defaults: no configuration), and the
    ``run`` object (dates, duration) only when given."""
    from wikilint.config import Config
    from wikilint.reporting.metadata import SCHEMA_VERSION, RunOptions
    from wikilint.reporting.metadata import settings as default_settings

    results = sorted(results, key=lambda r: r.path)
    if settings is None:
        settings = default_settings([Config()], tuple(rules), RunOptions(), len(results), (), existence_checked)
    by_rule: Counter[str] = Counter()
    by_family: Counter[str] = Counter()
    by_severity: Counter[str] = Counter({s: 0 for s in SEVERITIES})
    by_file: dict[str, int] = {}
    files = []
    for result in results:
        by_file[result.path] = len(result.findings)
        for f in result.findings:
            by_rule[f.rule] += 1
            by_family[f.family] += 1
            by_severity[f.severity] += 1
        files.append({**result.as_dict(), "counts": _counts(result.findings)})
    report = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "wikilint", "version": __version__},
        "settings": settings,
    }
    if run is not None:
        report["run"] = run
    report["files"] = files
    report["summary"] = {
        "files": len(results),
        "findings": sum(by_file.values()),
        "by_rule": dict(sorted(by_rule.items())),
        "by_family": dict(sorted(by_family.items())),
        "by_severity": dict(sorted(by_severity.items())),
        "by_file": by_file,
    }
    return report


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def validate_report(report: dict, reference: bool = False) -> None:
    """Raise when the report does not match schemas/report.schema.json: a compiled validator by
    default (fast enough for a corpus), jsonschema itself with ``reference=True``."""
    if reference:
        from wikilint.schemas import validator

        validator("report").validate(report)
    else:
        from wikilint.schemas import fast_validate

        fast_validate("report", report)
