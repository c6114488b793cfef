"""Properties over generated articles in both formats: no crash, spans inside the text,
schema-valid and deterministic reports, fixes that converge and never overlap."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wikilint.config import Config
from wikilint.engine.findings import FileResult
from wikilint.engine.registry import all_rules
from wikilint.engine.runner import apply_fixes, choose_fixes, lint_document, make_context
from wikilint.formats import parse
from wikilint.reporting.json import build_report, validate_report

MARKDOWN_PIECES = [
    "金英哲", "金永哲", "特朗普", "川普", "會談", "会谈", "後", "后", "於2019年2月27日", "2月30日", "星期三", "（三）",
    "上午8時56分", "第6天", "為期4天", "。", "，", "\n", "\n\n", "## 背景\n", "### 第二天\n", "  - ",
    '[金正恩](../Page/金正恩.md "wikilink")', '[當勞·特朗普與](https://zh.wikipedia.org/wiki/當勞·特朗普 "wikilink")',
    '[缩略图](https://zh.wikipedia.org/wiki/File:X.JPG "fig:缩略图")', '[Category:X](https://zh.wikipedia.org/wiki/Category:X "wikilink")',
    "\\[1\\]", "\\[2\\]", "\\]\\]", "[[", "]]", "-{zh-cn:项目; zh-tw:專案}-", "-{云}-", "-{", "}-", "\\<ref name=\"\"a\"/\\>",
    "<!-- wikilint-disable -->", "<!-- c -->", "「", "」", "《", "》", "1.  ", "2.", "<https://example.org>", "\\(", "\\)",
    "<table><tr><td>[3]</td></tr></table>", "𠄳", "\r\n", "**", "[", "]", "(", ")", '"',
]
WIKITEXT_PIECES = [
    "金英哲", "川普", "会谈", "會談", "2019年2月29日", "。", "\n", "\n\n", "== 背景 ==\n", "* ", "[[金正恩]]", "[[河内|河內]]",
    "[[File:X.jpg|thumb]]", "[[Category:X]]", "[[en:X]]", "<ref>a</ref>", "<ref name=\"x\"/>", "<ref name=x>b</ref>",
    "<ref>", "</ref>", "<references/>", "{{reflist}}", "{{cite web|url=http://a|title=b}}", "{{lang|zh-hans|后}}",
    "-{H|zh-cn:特朗普;zh-tw:川普}-", "{{", "}}", "[[", "]]", "<math>x</math>", "<!-- x -->", "'''", "[http://a b]", "𤅶",
]


def articles(pieces):
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=6)), max_size=40).map("".join)


def _check(text: str, fmt: str) -> None:
    config = Config()
    ctx = make_context(config)
    rules = all_rules()
    doc = parse(text, f"gen.{'md' if fmt == 'markdown' else 'wiki'}", fmt)
    findings = lint_document(doc, rules, ctx, config)
    internal = [f.message for f in findings if f.rule == "EN001"]
    assert not internal, internal
    for f in findings:
        assert 0 <= f.range.start.offset <= f.range.end.offset <= len(text)
        assert doc.lines.line_col(f.range.start.offset) == (f.range.start.line, f.range.start.column)
        for related in f.related:
            assert related.end.offset <= len(text)
    assert findings == lint_document(parse(text, doc.path, fmt), rules, ctx, config)  # deterministic
    report = build_report([FileResult(doc.path, fmt, tuple(findings))], rules, False)
    validate_report(report, reference=True)
    validate_report(report)
    chosen = choose_fixes(findings, unsafe=True)
    edits = sorted((e.span for fix in chosen for e in fix.edits))
    assert all(a.end <= b.start for a, b in zip(edits, edits[1:]))
    current, passes = text, 0
    while True:
        fixed = apply_fixes(current, lint_document(parse(current, doc.path, fmt), rules, ctx, config), unsafe=True)
        if fixed == current:
            break
        current, passes = fixed, passes + 1
        assert passes <= 10, "fixes did not converge"


SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(articles(MARKDOWN_PIECES))
def test_markdown_articles(text: str) -> None:
    _check(text, "markdown")


@SETTINGS
@given(articles(WIKITEXT_PIECES))
def test_wikitext_articles(text: str) -> None:
    _check(text, "wikitext")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_front_end_spans_lie_inside_any_text(text: str) -> None:
    for fmt in ("markdown", "wikitext"):
        doc = parse(text, "x", fmt)
        n = len(text)
        spans = [s.span for s in doc.sections] + [b.span for b in doc.blocks] + [s.span for s in doc.sentences]
        spans += [link.span for link in doc.links] + [m.span for m in doc.footnote_markers]
        spans += [d.span for d in doc.footnote_defs] + [c.span for c in doc.conversions] + [m.span for m in doc.markup]
        assert all(0 <= s.start <= s.end <= n for s in spans)
        assert len(doc.prose) == n
