"""The declarative rule cases: tests/cases/<CODE>.toml, one file per rule.

Each case gives an input (and its format), optional config, the expected findings of that rule
(line, column and the exact text the span covers) and, where the rule fixes, the text after
fixing.  The harness applies fixes until they converge and lints again to prove it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from wikilint.engine.registry import all_rules, rule_by_id
from wikilint.config import from_mapping
from wikilint.engine.runner import apply_fixes, lint_text

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "cases"
SUFFIX = {"markdown": "case.md", "wikitext": "case.wiki"}


def _load():
    for path in sorted(CASES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for case in data.get("case", []):
            yield pytest.param(data["rule"], case, id=f"{path.stem}:{case['id']}")


ALL_CASES = list(_load())


def _lint(rule: str, case: dict, text: str):
    config = from_mapping(dict(case.get("config", {})), "<case>", base=ROOT)
    findings = lint_text(text, case.get("path", SUFFIX[case["format"]]), case["format"], [rule], config)
    engine_errors = [f for f in findings if f.family == "engine"]
    assert not engine_errors, engine_errors[0].message
    return [f for f in findings if f.rule == rule]


@pytest.mark.parametrize("rule, case", ALL_CASES)
def test_case(rule: str, case: dict) -> None:
    assert rule_by_id(rule) is not None, f"no rule {rule}"
    text = case["input"]
    found = _lint(rule, case, text)
    got = [(f.range.start.line, f.range.start.column, f.range.span.slice(text)) for f in found]
    expected = [(e["line"], e["column"], e["text"]) for e in case["findings"]]
    assert got == expected, "\n".join(f"{f.range.start.line}:{f.range.start.column} {f.message}" for f in found)
    for finding, wanted in zip(found, case["findings"]):
        if "message" in wanted:
            assert wanted["message"] in finding.message
        if "severity" in wanted:
            assert wanted["severity"] == finding.severity
    unsafe = case.get("unsafe_fixes", False)
    if "fixed" in case:
        fixed = text
        for _ in range(10):
            after = apply_fixes(fixed, _lint(rule, case, fixed), unsafe)
            if after == fixed:
                break
            fixed = after
        assert fixed == case["fixed"]
        assert apply_fixes(fixed, _lint(rule, case, fixed), unsafe) == fixed, "fixing again changed the text"
    else:
        assert apply_fixes(text, found, unsafe) == text, "the case has fixes but gives no expected 'fixed' text"


def test_every_rule_has_failing_and_clean_cases() -> None:
    by_rule: dict[str, list[dict]] = {}
    for param in ALL_CASES:
        rule, case = param.values
        by_rule.setdefault(rule, []).append(case)
    for rule in all_rules():
        cases = by_rule.get(rule.code, [])
        assert any(c["findings"] for c in cases), f"{rule.code} has no failing case"
        assert any(not c["findings"] for c in cases), f"{rule.code} has no clean case"
        if rule.fixable:
            assert any("fixed" in c for c in cases), f"{rule.code} is fixable but has no fix case"


def test_case_ids_are_unique() -> None:
    ids = [param.id for param in ALL_CASES]
    assert len(ids) == len(set(ids))
