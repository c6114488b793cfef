"""The seed article is clean for the dates family; each mutation of it gives exactly one finding,
at the changed place."""

from __future__ import annotations

import pytest

from wikilint.engine.runner import lint_text


def _dates(text: str):
    findings = lint_text(text, "seed.md", "markdown", ["dates"])
    assert not [f for f in findings if f.family == "engine"], [f.message for f in findings]
    return [f for f in findings if f.family == "dates"]


def test_seed_is_clean(seed_text):
    assert [(f.rule, f.range.start.line, f.range.start.column, f.message) for f in _dates(seed_text)] == []


# (id, old, new, rule, text the finding covers): ``old`` must occur once in the seed, or
# ``old`` is a longer unique context whose first occurrence is changed
MUTATIONS = [
    ("ordinal-day", "即會談結束後的第6天", "即會談結束後的第5天", "DT004", "第5天"),
    ("minutes-early", "比原来约定的9时早了4分钟", "比原来约定的9时早了6分钟", "DT004", "早了6分钟"),
    ("minutes-late-word", "比原来约定的9时早了4分钟", "比原来约定的9时晚了4分钟", "DT004", "晚了4分钟"),
    ("feb-30-body", "2月28日首先举行", "2月30日首先举行", "DT001", "2月30日"),
    ("feb-30-news", "2月28日，《勞動新聞》", "2月30日，《勞動新聞》", "DT001", "2月30日"),
    ("feb-29-full", "2019年3月1日在", "2019年2月29日在", "DT001", "2019年2月29日"),
    ("april-31", "同年6月3日", "同年4月31日", "DT001", "同年4月31日"),
    ("wrong-weekday", "2月28日首先举行", "2月28日（星期五）首先举行", "DT003", "星期五"),
    ("wrong-weekday-short", "2月27日，《勞動新聞》", "2月27日（四），《勞動新聞》", "DT003", "（四）"),
    ("era-year", "2019年5月31日", "2019年（民國107年）5月31日", "DT002", "民國107年"),
    ("years-since", "是繼[金日成](../Page/金日成.md \"wikilink\")後55年來",
     "是繼[金日成](../Page/金日成.md \"wikilink\")1964年訪問後50年來", "DT004", "50年來"),
    ("duration", "會在2月12日至14日訪問", "會在2月12日至14日為期5天訪問", "DT004", "為期5天"),
    ("backwards-without-marker", "此外，平壤和華盛頓", "平壤和華盛頓", "DT005", "2月13日"),
    ("times-backwards", "上午9时35分", "上午8时35分", "DT005", "上午8时35分"),
    ("body-outside-lead", "會談將於](../Page/国情咨文.md \"wikilink\")2月27日至28日",
     "會談將於](../Page/国情咨文.md \"wikilink\")3月27日至28日", "DT006", "3月27日至28日"),
    ("iso-date", "2019年5月31日", "2019-05-31", "DT007", "2019-05-31"),
]


@pytest.mark.parametrize("case_id, old, new, rule, covered", MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_mutation_gives_one_finding_there(seed_text, case_id, old, new, rule, covered):
    assert seed_text.count(old) >= 1, f"{old!r} is not in the seed"
    at = seed_text.index(old)
    mutated = seed_text[:at] + new + seed_text[at + len(old):]
    found = _dates(mutated)
    assert [(f.rule, f.range.span.slice(mutated)) for f in found] == [(rule, covered)], [
        (f.rule, f.range.start.line, f.range.start.column, f.message) for f in found]
    f = found[0]
    if covered in new:
        # the finding sits inside the changed text
        assert at <= f.range.span.start and f.range.span.end <= at + len(new)
    else:
        # a deletion: the finding is what the deleted words used to introduce, on the same line
        assert f.range.start.line == mutated.count("\n", 0, at) + 1 and f.range.span.start >= at


def test_us_time_may_be_a_day_off(seed_text):
    """美國時間 dates may be a day off local ones: no narrative finding for a one-day step back."""
    text = "美國時間2月28日，特朗普離開河內。越南時間2月27日晚上，金正恩返回酒店。\n"
    assert _dates(text) == []


# -- no rule of the family crashes, whatever the article ----------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = [
    "2019年2月27日至28日", "2月30日", "3月6日，即會談結束後的第5天", "上午8时56分", "比原来约定的9时早了6分钟",
    "明治28年（1905年）", "（星期五）", "（三）", "翌日", "兩日後", "2019-02-28", "時年30歲", "（1984年1月8日－）",
    "為期5天", "55年來", "美國時間", "此前", "會談", "舉行", "結束", "\n\n", "\n\n## 第二天\n\n", "\\[1\\]", "，", "。",
    "[河內](../Page/河內.md \"wikilink\")", "**", "晚上7時", "9999年12月31日", "0000年1月", "二〇一九年十三月",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=30).map("".join))
def test_family_never_fails_on_generated_articles(text):
    for f in _dates(text):
        assert 0 <= f.range.span.start <= f.range.span.end <= len(text)


# -- the examples in the rules' docs are run -----------------------------------------------------

import re  # noqa: E402

from wikilint.engine.registry import all_rules  # noqa: E402

DATE_RULES = [r for r in all_rules() if r.family == "dates"]


def _doc_text(rule, heading: str) -> str:
    """The text in backticks after ``heading``; several snippets are a lead and a body section."""
    doc = rule.doc()
    after = doc.split(heading, 1)[1]
    line = after.split("\n", 1)[0]
    snippets = re.findall(r"`([^`]+)`", line)
    assert snippets, f"{rule.code}: no example after {heading!r}"
    return "\n\n## 其後\n\n".join(snippets) + "\n"


@pytest.mark.parametrize("rule", DATE_RULES, ids=[r.code for r in DATE_RULES])
def test_doc_example_is_reported_and_its_fix_is_clean(rule):
    bad, good = _doc_text(rule, "Example"), _doc_text(rule, "Use instead")
    found = [f for f in lint_text(bad, "doc.md", "markdown", [rule.code]) if f.rule == rule.code]
    assert found, f"{rule.code}: its Example gives no finding"
    assert not [f for f in lint_text(good, "doc.md", "markdown", [rule.code]) if f.rule == rule.code], \
        f"{rule.code}: its Use instead still gives a finding"


def test_the_family_has_seven_rules():
    assert [r.code for r in DATE_RULES] == [f"DT00{i}" for i in range(1, 8)]


def test_dates_at_the_edge_of_the_calendar_do_not_fail() -> None:
    from wikilint.engine.runner import lint_text

    text = "9999年12月31日\n\n## 第二天\n\n美國時間9999年12月31日\n"
    findings = lint_text(text, "edge.md", "markdown", ["dates"])
    assert [f.rule for f in findings if f.rule == "EN001"] == []
