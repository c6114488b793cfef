"""Finding fingerprints: stable when the file changes elsewhere, distinct for distinct findings."""

from __future__ import annotations

import pickle
from collections import Counter

from wikilint.engine.fingerprint import fingerprints
from wikilint.engine.runner import lint_text

ARTICLE = "'''甲'''是一個人。<ref></ref>\n\n== 生平 ==\n他去了[[北京]]]]。<ref></ref>\n"


def _prints(text: str, path: str = "a.wiki") -> dict[str, str]:
    return {f.fingerprint: f.rule for f in lint_text(text, path)}


def test_every_finding_gets_a_distinct_fingerprint_without_position(seed_text: str) -> None:
    findings = lint_text(seed_text, "seeds/000_88e16bf0a95b60aa.txt")
    prints = [f.fingerprint for f in findings]
    assert len(findings) > 100 and all(len(p) == 20 and int(p, 16) >= 0 for p in prints)
    assert len(set(prints)) == len(prints)
    assert tuple(prints) == fingerprints(findings, seed_text)


def test_inserting_lines_above_keeps_every_fingerprint(seed_text: str) -> None:
    before = Counter(f.fingerprint for f in lint_text(seed_text, "s.md", "markdown"))
    shifted = "新增的一行。\n\n另一行，有空格   和 tab\t。\n" + seed_text
    after = Counter(f.fingerprint for f in lint_text(shifted, "s.md", "markdown"))
    assert before and after == before


def test_identical_findings_are_numbered_in_file_order() -> None:
    findings = [f for f in lint_text(ARTICLE, "a.wiki") if f.rule == "FN001"]
    assert len(findings) == 2
    assert findings[0].fingerprint != findings[1].fingerprint
    # the context on each side differs here; the same empty ref twice on lines alike still differs
    twice = "甲。<ref></ref>\n甲。<ref></ref>\n"
    same = [f for f in lint_text(twice, "b.wiki") if f.rule == "FN001"]
    assert len(same) == 2 and same[0].fingerprint != same[1].fingerprint
    # removing the first keeps the second's identity as "the first such finding", as a counter must
    once = [f for f in lint_text("甲。<ref></ref>\n", "b.wiki") if f.rule == "FN001"]
    assert once[0].fingerprint == same[0].fingerprint


def test_fingerprint_depends_on_rule_path_and_text() -> None:
    base = _prints(ARTICLE)
    assert set(_prints(ARTICLE, "other.wiki")).isdisjoint(base)
    edited = _prints(ARTICLE.replace("[[北京]]]]", "[[上海]]]]"))
    lk = {p for p, rule in base.items() if rule.startswith("LK")}
    assert lk and lk.isdisjoint(edited)
    # white space is folded: one space or a run of them around the finding is the same context
    one, run = (_prints(ARTICLE.replace("他去了", "他去了" + gap)) for gap in (" ", " \t  "))
    assert {p for p, rule in one.items() if rule.startswith("LK")} == {p for p, rule in run.items() if rule.startswith("LK")}
    assert {p for p, rule in one.items() if rule.startswith("LK")} != lk


def test_fingerprint_survives_pickling() -> None:
    finding = lint_text(ARTICLE, "a.wiki")[0]
    again = pickle.loads(pickle.dumps(finding))
    assert again == finding and again.fingerprint == finding.fingerprint != ""
    assert again.as_dict()["fingerprint"] == finding.fingerprint
