"""Every rule carries its metadata and a doc whose examples the linter agrees with."""

from __future__ import annotations

import pytest

from wikilint.engine.registry import all_rules, rule_by_id, select_rules

RULES = all_rules()


def test_rules_are_registered() -> None:
    assert RULES
    assert len({r.code for r in RULES}) == len(RULES)
    assert len({r.name for r in RULES}) == len(RULES)



def test_a_family_package_is_discovered_once() -> None:
    """A family written as a package (wikilint/checks/dates/) registers the rules of its modules, each once,
    though the package also re-exports them."""
    dates = [r for r in RULES if r.family == "dates"]
    assert [r.code for r in dates] == [f"DT00{i}" for i in range(1, 8)]
    assert all(r.__module__.startswith("wikilint.checks.dates.") for r in dates)
    assert len(set(dates)) == len(dates) == len({r.__module__ for r in dates})

@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_metadata_and_doc(rule) -> None:
    assert rule.validate_metadata() == []
    assert rule.summary() and len(rule.summary()) <= 100
    assert rule.code[:2] == {"links": "LK", "footnotes": "FN", "script": "SC", "names": "NM", "dates": "DT"}[rule.family]


def test_lookup_and_selection() -> None:
    rule = RULES[0]
    assert rule_by_id(rule.code) is rule and rule_by_id(rule.name) is rule
    assert select_rules([rule.family], None) == tuple(r for r in RULES if r.family == rule.family)
    assert rule not in select_rules(None, [rule.code])
    assert select_rules([rule.code[:2]], [rule.name]) == tuple(r for r in RULES if r.code[:2] == rule.code[:2] and r is not rule)


def test_docs_rules_md_is_current() -> None:
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    generated = subprocess.run([sys.executable, "-m", "wikilint", "rules", "--docs"], capture_output=True,
                               text=True, cwd=root, check=True).stdout
    written = (root / "docs" / "rules.md").read_text(encoding="utf-8")
    assert written == generated, "docs/rules.md is stale: regenerate it with `wikilint rules --docs > docs/rules.md`"
