"""The engine: rule isolation, suppressions, severities, fixes, configuration."""

from __future__ import annotations

import pytest

from wikilint.config import Config, ConfigError, find_config, from_mapping
from wikilint.document.model import LineIndex, Span
from wikilint.engine.rule import Edit, Fix, Rule, Severity, Violation
from wikilint.engine.runner import (
    apply_fixes,
    check_bytes,
    fix_text,
    lint_document,
    make_context,
)
from wikilint.formats import parse


class FlagsFoo(Rule):
    """Flags every 'foo'.

    What it does: x. Why is this bad? x. Example: foo. Use instead: bar.
    """

    code, name, family, severity = "ZZ901", "flags-foo", "links", Severity.WARNING
    fixable = True

    def check(self, doc, ctx):
        start = doc.text.find("foo")
        while start != -1:
            span = Span(start, start + 3)
            yield Violation(span, "foo found", fix=Fix("use bar", (Edit(span, "bar"),)))
            start = doc.text.find("foo", start + 1)


class Explodes(Rule):
    """Always fails.

    What it does: x. Why is this bad? x. Example: x. Use instead: y.
    """

    code, name, family, severity = "ZZ902", "explodes", "dates", Severity.ERROR

    def check(self, doc, ctx):
        yield Violation(Span(0, 1), "first")
        raise KeyError("boom")


class OutOfRange(Rule):
    """Reports outside the text.

    What it does: x. Why is this bad? x. Example: x. Use instead: y.
    """

    code, name, family, severity = "ZZ903", "out-of-range", "names", Severity.ERROR

    def check(self, doc, ctx):
        yield Violation(Span(0, len(doc.text) + 5), "too far")


def run(text: str, rules, config: Config = Config(), path: str = "a.md"):
    return lint_document(parse(text, path, "markdown"), rules, make_context(config), config)


def test_a_failing_rule_is_one_internal_error_and_others_still_run() -> None:
    findings = run("foo 正文", [Explodes, FlagsFoo])
    assert [(f.rule, f.family) for f in findings] == [("EN001", "engine"), ("ZZ901", "links")]
    assert "ZZ902" in findings[0].message and "KeyError" in findings[0].message


def test_spans_outside_the_text_are_an_internal_error() -> None:
    findings = run("正文", [OutOfRange])
    assert [f.rule for f in findings] == ["EN001"]


def test_line_and_column_count_code_points() -> None:
    text = "𠄳𤅶 foo\n第二行 foo"
    findings = run(text, [FlagsFoo])
    assert [(f.range.start.line, f.range.start.column) for f in findings] == [(1, 4), (2, 5)]
    assert all(f.range.span.slice(text) == "foo" for f in findings)


@pytest.mark.parametrize(
    "text, expected_lines",
    [
        ("foo\n<!-- wikilint-disable-next-line ZZ901 -->\nfoo\nfoo", [1, 4]),
        ("foo <!-- wikilint-disable-line flags-foo -->\nfoo", [2]),
        ("<!-- wikilint-disable links -->\nfoo\n<!-- wikilint-enable links -->\nfoo", [4]),
        ("<!-- wikilint-disable -->\nfoo\nfoo", []),
        ("<!-- wikilint-disable-next-line FN001 -->\nfoo", [2]),
    ],
)
def test_suppressions(text: str, expected_lines: list[int]) -> None:
    assert [f.range.start.line for f in run(text, [FlagsFoo])] == expected_lines


def test_severity_override_and_per_path_ignore() -> None:
    config = from_mapping({"severity": {"ZZ901": "error"}, "per-path-ignores": {"drafts/*": ["links"]}})
    assert run("foo", [FlagsFoo], config)[0].severity == "error"
    assert run("foo", [FlagsFoo], config, path="drafts/a.md") == []


def test_fixes_apply_without_overlap_and_converge() -> None:
    text = "foo foo\r\nfoo"
    config = Config()
    fixed, remaining = fix_text(text, "a.md", [FlagsFoo], make_context(config), config, "markdown")
    assert fixed == "bar bar\r\nbar" and remaining == []
    assert fix_text(fixed, "a.md", [FlagsFoo], make_context(config), config, "markdown")[0] == fixed


def test_overlapping_fixes_apply_one_at_a_time() -> None:
    class Overlapping(FlagsFoo):
        def check(self, doc, ctx):
            yield Violation(Span(0, 3), "a", fix=Fix("x", (Edit(Span(0, 3), "X"),)))
            yield Violation(Span(1, 4), "b", fix=Fix("y", (Edit(Span(1, 4), "Y"),)))

    findings = run("abcd", [Overlapping])
    assert apply_fixes("abcd", findings) == "Xd"


def test_unsafe_fixes_need_asking() -> None:
    class Unsafe(FlagsFoo):
        def check(self, doc, ctx):
            yield Violation(Span(0, 3), "a", fix=Fix("x", (Edit(Span(0, 3), "bar"),), safe=False))

    findings = run("foo", [Unsafe])
    assert apply_fixes("foo", findings) == "foo"
    assert apply_fixes("foo", findings, unsafe=True) == "bar"


@pytest.mark.parametrize(
    "data, rule",
    [
        (b"", "IN004"),
        (b"\n  \n", "IN004"),
        (b"abc\x00\x01\x02", "IN002"),
        ("正文".encode("utf-8") + b"\xff\xfe broken", "IN001"),
        ("正文".encode("utf-16"), "IN001"),
    ],
)
def test_bad_input_is_a_finding(data: bytes, rule: str) -> None:
    config = Config()
    result = check_bytes(data, "bad.md", [FlagsFoo], make_context(config), config)
    assert [f.rule for f in result.findings] == [rule]
    assert result.findings[0].family == "input"


def test_too_large_is_a_finding() -> None:
    config = Config(max_file_size=10)
    result = check_bytes(b"x" * 11, "big.md", [FlagsFoo], make_context(config), config)
    assert [f.rule for f in result.findings] == ["IN003"]


def test_bom_is_kept_out_of_the_text() -> None:
    config = Config()
    result = check_bytes("\ufefffoo".encode("utf-8"), "a.md", [FlagsFoo], make_context(config), config)
    assert [(f.range.start.column, f.excerpt) for f in result.findings] == [(1, "foo")]


def test_config_errors_name_the_key(tmp_path) -> None:
    with pytest.raises(ConfigError, match="'selcet'"):
        from_mapping({"selcet": ["FN"]}, "wikilint.toml")
    with pytest.raises(ConfigError, match="variant"):
        from_mapping({"variant": "zh-xx"}, "wikilint.toml")
    (tmp_path / "pyproject.toml").write_text('[tool.wikilint]\nvariant = "zh-tw"\nignore = ["SC"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    config = find_config(tmp_path / "sub")
    assert (config.variant, config.ignore) == ("zh-tw", ("SC",))
    (tmp_path / "sub" / "wikilint.toml").write_text('fail-on = "loud"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="fail-on"):
        find_config(tmp_path / "sub")


def test_line_index_round_trip() -> None:
    text = "ab\n\ncd\r\n𠄳"
    lines = LineIndex(text)
    for offset in range(len(text) + 1):
        line, column = lines.line_col(offset)
        assert lines.offset(line, column) == offset


def test_results_pickle_for_worker_processes() -> None:
    import pickle

    from wikilint.engine.findings import FileResult

    class WithRelated(FlagsFoo):
        def check(self, doc, ctx):
            for v in super().check(doc, ctx):
                yield Violation(v.span, v.message, related=(Span(0, 1),), fix=v.fix)

    findings = run("foo 正文\nfoo", [WithRelated])
    result = FileResult("a.md", "markdown", tuple(findings))
    assert pickle.loads(pickle.dumps(result)) == result
    assert pickle.loads(pickle.dumps(make_context(Config()))).variant is None


def test_unused_and_unknown_suppressions_are_reported() -> None:
    text = (
        "foo <!-- wikilint-disable-line ZZ901 -->\n"       # used: it hides the foo
        "bar <!-- wikilint-disable-line ZZ901 -->\n"       # its rule ran and found nothing here
        "<!-- wikilint-disable-next-line links -->\n"      # other links rules did not run: not judged
        "bar\n"
        "<!-- wikilint-disable-next-line FN999 -->\n"      # names no rule
        "baz\n"
        "<!-- wikilint-disable-next-line SC001 -->\n"      # SC001 did not run: may be needed another time
        "qux\n"
    )
    findings = run(text, [FlagsFoo])
    assert [(f.rule, f.range.start.line) for f in findings] == [("EN002", 2), ("EN002", 5)]
    assert "ZZ901" in findings[0].message and "remove it" in findings[0].message
    assert "'FN999'" in findings[1].message
    assert findings[0].range.span.slice(text) == "<!-- wikilint-disable-line ZZ901 -->"


ESCAPED_WIKITEXT = (
    "'''金正恩'''是[[朝鮮民主主義人民共和國|朝鮮]]領導人&lt;ref&gt;{{cite web|url=http://example.org/a|title=金正恩}}&lt;/ref&gt;。"
    "他生於[[平壤]]&lt;ref name=&quot;kcna&quot;&gt;[[平壤]]，[[朝鮮中央通訊社]]報導&lt;/ref&gt;。\n\n"
    "== 生平 ==\n2011年接任[[朝鮮勞動黨]]委員長&lt;ref&gt;[[朝鮮中央通訊社]]，2011年12月&lt;/ref&gt;，"
    "後經[[朝鮮中央通訊社]]報導&lt;ref name=&quot;kcna&quot; /&gt;。\n\n== 參考資料 ==\n&lt;references /&gt;\n"
)


@pytest.mark.parametrize("text, name", [
    (ESCAPED_WIKITEXT, "a.wiki"),
    ("金正恩是朝鮮領導人&lt;ref&gt;朝鮮中央通訊社&lt;/ref&gt;，生於[平壤](../Page/平壤.md \"wikilink\")"
     "&lt;ref&gt;[平壤](../Page/平壤.md \"wikilink\")報導&lt;/ref&gt;。\n", "a.md"),
])
def test_an_entity_escaped_file_is_one_input_finding_and_keeps_its_citations(text: str, name: str) -> None:
    config = Config()
    result = check_bytes(text.encode(), name, _all_rules(), make_context(config), config)
    assert [f.rule for f in result.findings] == ["IN007"], [f"{f.rule} {f.message}" for f in result.findings]
    assert result.findings[0].fix is None and "HTML-entity-escaped" in result.findings[0].message
    fixed, _ = fix_text(text, name, _all_rules(), make_context(config), config, unsafe=True)
    assert fixed.count("&lt;ref") == text.count("&lt;ref")


def test_one_entity_escaped_ref_among_real_ones_is_a_remnant() -> None:
    text = "甲<ref>BBC</ref>乙<ref>CNN</ref>丙&lt;ref name=&quot;x&quot;/&gt;。\n\n<references />\n"
    config = Config()
    result = check_bytes(text.encode(), "a.wiki", _all_rules(), make_context(config), config)
    assert [f.rule for f in result.findings] == ["FN006"]


def _all_rules():
    from wikilint.engine.registry import all_rules

    return list(all_rules())
