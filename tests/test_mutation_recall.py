"""Recall on real text: known defects injected into real articles (scripts/mutation_check.py) are found.

The whole check over all 85 articles is `python scripts/mutation_check.py`; here a fixed handful of
articles of both formats keeps it fast.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import load_script

mutation_check = load_script("mutation_check")

ARTICLES = [
    "markdown/2008年中華職棒假球事件.md", "markdown/孫興慜.md", "markdown/村山谈话.md", "markdown/范文同.md",
    "wikitext/韓亞航空991號班機空難.wikitext", "wikitext/查令十字路84号.wikitext", "wikitext/第10方面軍.wikitext",
    "wikitext/李·哈維·奧斯瓦爾德.wikitext",
]
FAMILIES = ["dates", "footnotes", "links", "script"]


@pytest.fixture(scope="module")
def trials():
    return list(mutation_check.trials(FAMILIES, per_article=2, only=ARTICLES))


def test_every_family_is_tried_in_both_formats(trials):
    tried = Counter((t.family, t.format) for t in trials)
    for family in FAMILIES:
        assert tried[(family, "markdown")] >= 2 and tried[(family, "wikitext")] >= 2, (family, tried)


def test_every_injected_defect_is_found(trials):
    missed = [t.show() for t in trials if not t.caught]
    assert not missed, "\n".join(missed)


def test_a_mutation_changes_the_article_only_where_it_says():
    for trial in mutation_check.trials(["dates", "links"], per_article=1, only=ARTICLES[:2]):
        original = (mutation_check.CORPUS / trial.article).read_text(encoding="utf-8")
        m = trial.mutation
        assert m.text != original
        assert m.text[: m.span.start] == original[: m.span.start]


NAMES_ARTICLES = ["markdown/2007年大韓民國總統選舉.md", "markdown/大宇集团.md", "markdown/康京和.md", "markdown/李完九.md",
                  "wikitext/日朝平壤宣言.wikitext", "wikitext/第101隻斑點狗.wikitext"]


def test_every_sound_alike_slip_of_a_linked_name_is_found():
    """A later mention of a linked name with one given-name character swapped for a sound-alike one
    (朴槿惠 → 朴槿慧, 唐昭宗 → 唐昭鐘) is reported, though the name is written only a few times."""
    trials = list(mutation_check.trials(["names"], per_article=2, only=NAMES_ARTICLES))
    assert len(trials) >= 5 and {t.format for t in trials} == {"markdown", "wikitext"}
    missed = [t.show() for t in trials if not t.caught]
    assert not missed, "\n".join(missed)
