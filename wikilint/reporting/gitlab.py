"""GitLab Code Quality: a JSON array of issues, each with a fingerprint GitLab compares across
pipelines to tell new findings from fixed ones."""

from __future__ import annotations

import json
from typing import Iterable

from wikilint.engine.findings import FileResult

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(results: Iterable[FileResult], rules=(), existence_checked: bool = False) -> str:
    issues = []
    for result in results:
        for f in result.findings:
            start, end = f.range.start, f.range.end
            issues.append({
                "type": "issue",
                "check_name": f"{f.rule} {f.name}",
                "description": f"{f.rule} {f.message}",
                "categories": ["Style"],
                "severity": SEVERITIES[f.severity],
                "fingerprint": f.fingerprint,
                "location": {
                    "path": f.path.replace("\\", "/"),
                    "positions": {"begin": {"line": start.line, "column": start.column},
                                  "end": {"line": end.line, "column": end.column}},
                },
            })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"
