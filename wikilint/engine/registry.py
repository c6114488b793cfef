"""Finds every rule in ``wikilint.checks`` once, so that adding a family means adding a module."""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from wikilint.engine.rule import Rule


def _concrete_rules(cls: type[Rule]) -> list[type[Rule]]:
    found = []
    for sub in cls.__subclasses__():
        if sub.code and sub.__module__.startswith("wikilint.checks."):
            found.append(sub)
        found.extend(_concrete_rules(sub))
    return found


@lru_cache(maxsize=1)
def all_rules() -> tuple[type[Rule], ...]:
    """Every registered rule class, sorted by code.  Imports each module under wikilint.checks."""
    import wikilint.checks as checks

    for module in pkgutil.walk_packages(checks.__path__, prefix="wikilint.checks."):
        importlib.import_module(module.name)
    rules = {}
    for rule in _concrete_rules(Rule):
        if rule.code in rules and rules[rule.code] is not rule:
            raise RuntimeError(f"two rules share the code {rule.code}: {rules[rule.code].__name__}, {rule.__name__}")
        rules[rule.code] = rule
    return tuple(sorted(rules.values(), key=lambda r: r.code))


@lru_cache(maxsize=1)
def family_indexes() -> tuple:
    """Every ``FamilyIndex`` a rule family declares (at module level under wikilint.checks), by family."""
    import sys

    from wikilint.engine.data import FamilyIndex

    all_rules()  # imports every module of the families
    found = {id(value): value for name, module in sorted(sys.modules.items()) if name.startswith("wikilint.checks.")
             for value in vars(module).values() if isinstance(value, FamilyIndex)}
    return tuple(sorted(found.values(), key=lambda declared: declared.family))


def rule_by_id(rule_id: str) -> type[Rule] | None:
    """Look a rule up by code (``FN001``) or name (``empty-footnote``)."""
    for rule in all_rules():
        if rule_id.upper() == rule.code or rule_id.lower() == rule.name:
            return rule
    return None


def rule_matches(rule: type[Rule], selector: str) -> bool:
    """Whether a selector (code, code prefix such as ``FN`` or ``FN0``, name, family, ``ALL``) names ``rule``."""
    s = selector.strip()
    return s.upper() == "ALL" or rule.code.startswith(s.upper()) or s.lower() in (rule.name, rule.family)


def select_rules(select: list[str] | None, ignore: list[str] | None) -> tuple[type[Rule], ...]:
    """Select by code, code prefix (``FN``, ``FN0``), name or family; ignore wins over select."""
    chosen = []
    for rule in all_rules():
        if select and not any(rule_matches(rule, s) for s in select):
            continue
        if ignore and any(rule_matches(rule, s) for s in ignore):
            continue
        chosen.append(rule)
    return tuple(chosen)
