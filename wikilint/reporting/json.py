"""The JSON report shared by ``check --format json`` and ``report``; see schemas/report.schema.json."""

from __future__ import annotations

import json
from collections import Counter
from typing import Iterable, Sequence

from wikilint import __version__
from wikilint.engine.findings import FileResult


def build_report(results: Sequence[FileResult], rules: Iterable, existence_checked: bool) -> dict:
    results = sorted(results, key=lambda r: r.path)
    by_rule: Counter[str] = Counter()
    by_family: Counter[str] = Counter()
    by_severity: Counter[str] = Counter({"error": 0, "warning": 0, "info": 0})
    by_file: dict[str, int] = {}
    for result in results:
        by_file[result.path] = len(result.findings)
        for f in result.findings:
            by_rule[f.rule] += 1
            by_family[f.family] += 1
            by_severity[f.severity] += 1
    notes = []
    if not existence_checked:
        notes.append("link targets were not checked for existence: no title index was given (--titles or titles = …)")
    return {
        "tool": {"name": "wikilint", "version": __version__},
        "run": {
            "rules": [{"code": r.code, "name": r.name, "family": r.family} for r in rules],
            "existence_checked": existence_checked,
            "notes": notes,
        },
        "files": [r.as_dict() for r in results],
        "summary": {
            "files": len(results),
            "findings": sum(by_file.values()),
            "by_rule": dict(sorted(by_rule.items())),
            "by_family": dict(sorted(by_family.items())),
            "by_severity": dict(sorted(by_severity.items())),
            "by_file": by_file,
        },
    }


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def validate_report(report: dict, reference: bool = False) -> None:
    """Raise InvalidDocument when the report does not match schemas/report.schema.json (a compiled
    jsonschema validator, fast enough for a corpus); ``reference=True`` uses jsonschema's own
    validator as it ships and raises its ValidationError."""
    if reference:
        from wikilint.schemas import reference_validator

        reference_validator("report").validate(report)
    else:
        from wikilint.schemas import check

        check("report", report)
