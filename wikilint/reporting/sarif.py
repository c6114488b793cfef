"""SARIF 2.1.0, the static-analysis format GitHub code scanning and other tools import: rule metadata
with each rule's doc as help, positions in code points, and the finding's fingerprint as a partial
fingerprint so results are tracked across commits."""

from __future__ import annotations

import json
from typing import Iterable
from urllib.parse import quote

from wikilint import __version__
from wikilint.engine.findings import FileResult

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "wikilint/v1"


def _rule_descriptors(rules: Iterable, results: list[FileResult]) -> list[dict]:
    from wikilint.engine.runner import SYSTEM_RULES

    out: dict[str, dict] = {}
    for rule in rules:
        out[rule.code] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary()},
            "fullDescription": {"text": rule.summary()},
            "help": {"text": rule.doc(), "markdown": rule.doc()},
            "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
            "properties": {"tags": [rule.family], "fixable": bool(rule.fixable)},
        }
    used = {f.rule for r in results for f in r.findings}
    for s in SYSTEM_RULES:
        if s.code in used and s.code not in out:
            out[s.code] = {"id": s.code, "name": s.name, "shortDescription": {"text": s.summary},
                           "help": {"text": s.summary}, "defaultConfiguration": {"level": LEVELS[s.severity.value]},
                           "properties": {"tags": [s.family]}}
    return [out[code] for code in sorted(out)]


def build(results: Iterable[FileResult], rules=(), existence_checked: bool = False) -> dict:
    results = list(results)
    descriptors = _rule_descriptors(rules, results)
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    out = []
    for result in results:
        for f in result.findings:
            start, end = f.range.start, f.range.end
            region = {"startLine": start.line, "startColumn": start.column, "endLine": end.line, "endColumn": end.column}
            if f.excerpt:
                region["snippet"] = {"text": f.excerpt}
            item = {
                "ruleId": f.rule,
                "level": LEVELS[f.severity],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": quote(f.path.replace("\\", "/"))},
                    "region": region,
                }}],
            }
            if f.rule in index:
                item["ruleIndex"] = index[f.rule]
            if f.fingerprint:
                item["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
            out.append(item)
    notes = [] if existence_checked else [
        {"message": {"text": "link targets were not checked for existence: no title index was given"}, "level": "note"}]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "wikilint", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "invocations": [{"executionSuccessful": True, "toolConfigurationNotifications": notes}],
            "columnKind": "unicodeCodePoints",
            "results": out,
        }],
    }


def render(results: Iterable[FileResult], rules=(), existence_checked: bool = False) -> str:
    return json.dumps(build(results, rules, existence_checked), ensure_ascii=False, indent=2) + "\n"
