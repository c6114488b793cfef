"""wikilint's findings on real zh-wiki articles (tests/devcorpus) against the reviewed snapshot.

A change that alters what wikilint reports on real text fails here and shows the difference by rule;
`python scripts/corpus_check.py --update` accepts it, in the same commit as the change.
"""

from __future__ import annotations


import pytest
from conftest import load_script

corpus_check = load_script("corpus_check")


@pytest.fixture(scope="module")
def rows():
    return corpus_check.run()


def test_corpus_is_the_real_articles():
    names = [p.relative_to(corpus_check.CORPUS).as_posix() for p in corpus_check.articles()]
    assert len(names) == 85
    assert sum(n.startswith("markdown/") for n in names) == 60


def test_findings_match_the_snapshot(rows):
    diff = corpus_check.difference(corpus_check.load_snapshot(), rows)
    assert not diff, ("findings on tests/devcorpus changed; read the difference, then accept it with "
                      "`python scripts/corpus_check.py --update`:\n" + diff)


def test_reviewed_verdicts_hold(rows):
    problems = corpus_check.review_problems(rows, corpus_check.load_reviewed())
    assert not problems, "\n".join(problems)


def test_reviewed_findings_name_real_rules_and_articles():
    from wikilint.engine.registry import rule_by_id

    names = {p.relative_to(corpus_check.CORPUS).as_posix() for p in corpus_check.articles()}
    for v in corpus_check.load_reviewed():
        assert v.path in names, v
        assert rule_by_id(v.rule) is not None, v
        assert v.why.strip(), v


def test_difference_groups_by_rule():
    Row = corpus_check.Row
    old = [Row("a.md", 1, 1, "LK005", "x"), Row("a.md", 2, 1, "FN001", "1.")]
    new = [Row("a.md", 2, 1, "FN001", "1."), Row("b.md", 3, 4, "LK005", "y")]
    diff = corpus_check.difference(old, new)
    assert diff.splitlines()[0] == "LK005: 1 new, 1 gone"
    assert "  - a.md:1:1 LK005 'x'" in diff and "  + b.md:3:4 LK005 'y'" in diff
    assert "FN001" not in diff
    assert corpus_check.difference(old, list(reversed(old))) == ""


def test_review_problems_see_both_directions():
    Row, Verdict = corpus_check.Row, corpus_check.Verdict
    rows = [Row("a.md", 1, 1, "LK005", "x")]
    false_back = Verdict("a.md", "LK005", "x", False, "why")
    true_gone = Verdict("a.md", "FN001", "1.", True, "why")
    wrong_line = Verdict("a.md", "LK005", "x", False, "why", line=9)
    assert len(corpus_check.review_problems(rows, [false_back, true_gone, wrong_line])) == 2
