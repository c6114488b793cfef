"""The footnotes family: the seed article's exact findings, and the rules on hand-built documents.

The seed regression parses ``seeds/000_88e16bf0a95b60aa.txt`` with the markdown front-end and
asserts the exact set of FN findings: the 107 empty definitions (1–4, 6–42, 44–73, 77–110,
112–113, including 86 which holds a lone ``"``) and the two escaped ``<ref>`` remnants (lines 1
and 15), nothing else.  The model-level tests build ``Document`` objects by hand, so the wikitext
rules are pinned down independently of either front-end.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wikilint.checks import footnotes as fn
from wikilint.document.model import (
    Document,
    FootnoteDef,
    FootnoteMarker,
    Markup,
    Section,
    Span,
    Template,
)
from wikilint.engine.rule import Context, Severity

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_88e16bf0a95b60aa.txt"
REAL_SEED_FOOTNOTES = {5, 43, 74, 75, 76, 111}


# -- hand-built documents --------------------------------------------------------------------------


def make_doc(text, markers=(), defs=(), templates=(), markup=(), reference_lists=(), fmt="wikitext"):
    return Document(
        path="x",
        format=fmt,
        text=text,
        title="x",
        sections=(Section(0, 0, "", Span(0, len(text)), None, False),),
        blocks=(),
        links=(),
        footnote_markers=tuple(markers),
        footnote_defs=tuple(defs),
        conversions=(),
        templates=tuple(templates),
        quotes=(),
        markup=tuple(markup),
        exempt=(),
        prose=bytes(len(text)),
        reference_lists=tuple(reference_lists),
    )


def span_of(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def ref(text, whole, name=None, group=None, kind="inline", label=None, nth=0, closed=True, attrs_ok=True):
    """A FootnoteDef for the ref ``whole`` (e.g. ``<ref name="a">x</ref>``) found in ``text``."""
    span = span_of(text, whole, nth)
    open_end = whole.index(">") + 1
    close = whole.rfind("</ref>") if closed else len(whole)
    content_span = Span(span.start + open_end, span.start + close)
    return FootnoteDef(
        label=label or name or "#1",
        content=content_span.slice(text),
        content_span=content_span,
        span=span,
        kind=kind,
        name=name,
        group=group,
        attrs_ok=attrs_ok,
        closed=closed,
    )


def marker_for(note, definition=None):
    return FootnoteMarker(label=note.name or note.label, span=note.span, group=note.group, definition=definition)


def reuse(text, whole, name, group=None, nth=0):
    return FootnoteMarker(label=name, span=span_of(text, whole, nth), group=group)


def run(rule, doc):
    return list(rule().check(doc, Context()))


def texts(doc, violations):
    return [v.span.slice(doc.text) for v in violations]


def markdown_doc(numbers_and_contents, cited):
    """A markdown-form document: markers ``\\[n\\]`` for ``cited``, then the numbered list."""
    body = "".join(f"句{n}\\[{n}\\]。" for n in cited) + "\n\n"
    markers = []
    for n in cited:
        markers.append((str(n), f"\\[{n}\\]"))
    lines = []
    for number, content in numbers_and_contents:
        lines.append(f"{number}." + (f"  {content}" if content else ""))
    text = body + "\n".join(lines) + "\n"
    fm, pos = [], 0
    for label, token in markers:
        start = text.index(token, pos)
        fm.append(FootnoteMarker(label=label, span=Span(start, start + len(token))))
        pos = start + len(token)
    defs, pos = [], len(body)
    for line in lines:
        start = text.index(line, pos)
        number = line.split(".")[0]
        content = line[len(number) + 1 :].strip()
        cstart = start + len(line) - len(content)
        defs.append(FootnoteDef(number, content, Span(cstart, start + len(line)), Span(start, start + len(line))))
        pos = start + len(line)
    return make_doc(text, fm, defs, fmt="markdown")


# -- FN001 empty-footnote ------------------------------------------------------------------------------


def test_carries_text():
    assert not fn.carries_text("")
    assert not fn.carries_text('"')
    assert not fn.carries_text(" 。，「」 ")
    assert not fn.carries_text("<!-- todo -->&nbsp;")
    assert fn.carries_text("<https://x.example>")
    assert fn.carries_text("新華社")


def test_empty_markdown_definitions_are_reported_with_their_markers():
    doc = markdown_doc([(1, ""), (2, "<https://a.example>"), (3, '"')], cited=[1, 2, 3, 1])
    found = run(fn.EmptyFootnote, doc)
    assert texts(doc, found) == ["1.", '3.  "']
    assert [len(v.related) for v in found] == [2, 1]
    assert "footnote 1" in found[0].message and "footnote 3" in found[1].message
    assert all(v.fix is None for v in found)
    # an empty definition that markers cite is not also "no definition"
    assert run(fn.UndefinedFootnote, doc) == []


def test_empty_unnamed_ref_gets_an_unsafe_fix():
    text = "甲<ref></ref>乙<ref> </ref>丙<ref>來源</ref>"
    d1, d2 = ref(text, "<ref></ref>", label="#1"), ref(text, "<ref> </ref>", label="#2")
    d3 = ref(text, "<ref>來源</ref>", label="#3")
    doc = make_doc(text, [marker_for(d1, 0), marker_for(d2, 1), marker_for(d3, 2)], [d1, d2, d3])
    found = run(fn.EmptyFootnote, doc)
    assert texts(doc, found) == ["<ref></ref>", "<ref> </ref>"]
    assert found[0].related == ()
    assert found[0].fix is not None and not found[0].fix.safe
    assert found[0].fix.edits[0].span == d1.span


def test_named_empty_ref_reusing_a_definition_is_quiet():
    text = '甲<ref name="a">BBC</ref>乙<ref name="a"></ref>'
    d1, d2 = ref(text, '<ref name="a">BBC</ref>', "a"), ref(text, '<ref name="a"></ref>', "a")
    doc = make_doc(text, [marker_for(d1), marker_for(d2)], [d1, d2])
    assert run(fn.EmptyFootnote, doc) == []
    assert run(fn.ConflictingRefDefinitions, doc) == []
    assert run(fn.UndefinedFootnote, doc) == []


def test_named_empty_ref_with_no_definition_is_reported_once():
    text = '甲<ref name="a"></ref>乙<ref name="a"/>'
    d1 = ref(text, '<ref name="a"></ref>', "a")
    doc = make_doc(text, [marker_for(d1), reuse(text, '<ref name="a"/>', "a")], [d1])
    found = run(fn.EmptyFootnote, doc)
    assert texts(doc, found) == ['<ref name="a"></ref>']
    assert texts(doc, [type(found[0])(s, "") for s in found[0].related]) == ['<ref name="a"/>']
    assert found[0].fix is None
    assert run(fn.UndefinedFootnote, doc) == []


# -- FN002 empty-citation-template -----------------------------------------------------------------------


def _cite_doc(template_text, params):
    text = f"甲<ref>{template_text}</ref>"
    note = ref(text, f"<ref>{template_text}</ref>")
    tpl = Template(name=template_text[2:].split("|")[0].strip(), params=params, span=span_of(text, template_text))
    return make_doc(text, [marker_for(note, 0)], [note], templates=[tpl])


def test_citation_template_without_url_or_title():
    doc = _cite_doc("{{cite web |date=2019-02-27}}", (("date", "2019-02-27"),))
    found = run(fn.EmptyCitationTemplate, doc)
    assert texts(doc, found) == ["<ref>{{cite web |date=2019-02-27}}</ref>"]
    assert "cite web" in found[0].message
    assert run(fn.EmptyFootnote, doc) == []


def test_citation_template_with_title_or_url_is_quiet():
    assert run(fn.EmptyCitationTemplate, _cite_doc("{{cite web |title=會談}}", (("title", "會談"),))) == []
    assert run(fn.EmptyCitationTemplate, _cite_doc("{{Cite_news|url=https://a}}", (("url", "https://a"),))) == []
    # not a citation template
    assert run(fn.EmptyCitationTemplate, _cite_doc("{{NoteTag|x}}", (("1", "x"),))) == []


def test_citation_template_with_blank_url_is_reported():
    doc = _cite_doc("{{Cite news|url= |title=}}", (("url", " "), ("title", "")))
    assert len(run(fn.EmptyCitationTemplate, doc)) == 1


# -- FN003 undefined-footnote ------------------------------------------------------------------------------


def test_markdown_marker_without_definition_reported_once_per_number():
    doc = markdown_doc([(1, "<https://a.example>")], cited=[1, 2, 2])
    found = run(fn.UndefinedFootnote, doc)
    assert texts(doc, found) == ["\\[2\\]"]
    assert len(found[0].related) == 1
    assert "[2]" in found[0].message


def test_named_reuse_without_definition_is_a_cite_error():
    text = '甲<ref name="cnbc"/>乙<ref name="bbc">BBC</ref>丙<ref name="bbc"/>'
    d = ref(text, '<ref name="bbc">BBC</ref>', "bbc")
    markers = [reuse(text, '<ref name="cnbc"/>', "cnbc"), marker_for(d), reuse(text, '<ref name="bbc"/>', "bbc")]
    doc = make_doc(text, markers, [d], reference_lists=[(None, Span(0, 0))])
    found = run(fn.UndefinedFootnote, doc)
    assert texts(doc, found) == ['<ref name="cnbc"/>']
    assert '"cnbc"' in found[0].message


def test_reuse_in_another_group_is_undefined():
    text = '甲<ref name="a">BBC</ref>乙<ref name="a" group="n"/>'
    d = ref(text, '<ref name="a">BBC</ref>', "a")
    doc = make_doc(text, [marker_for(d), reuse(text, '<ref name="a" group="n"/>', "a", group="n")], [d])
    found = run(fn.UndefinedFootnote, doc)
    assert len(found) == 1 and 'group "n"' in found[0].message


def test_ref_defined_in_references_is_quiet():
    text = '甲<ref name="a"/>\n<references>\n<ref name="a">BBC</ref>\n</references>'
    d = ref(text, '<ref name="a">BBC</ref>', "a", kind="listed")
    listed_marker = marker_for(d)  # a front-end may or may not list the definition's own tag
    for markers in ([reuse(text, '<ref name="a"/>', "a")], [reuse(text, '<ref name="a"/>', "a"), listed_marker]):
        doc = make_doc(text, markers, [d], reference_lists=[(None, span_of(text, "<references>"))])
        for rule in (fn.EmptyFootnote, fn.UndefinedFootnote, fn.UnusedFootnote, fn.MissingReferencesList,
                     fn.MalformedRefAttributes, fn.ConflictingRefDefinitions, fn.BareUrlRef):
            assert run(rule, doc) == [], rule.code


# -- FN004 unused-footnote -------------------------------------------------------------------------------------


def test_markdown_definition_never_cited():
    doc = markdown_doc([(1, "<https://a.example>"), (2, "<https://b.example>")], cited=[1])
    found = run(fn.UnusedFootnote, doc)
    assert texts(doc, found) == ["2.  <https://b.example>"]
    assert "footnote 2" in found[0].message


def test_markdown_list_nobody_cites_is_left_alone():
    doc = markdown_doc([(1, "甲"), (2, "乙")], cited=[])
    assert run(fn.UnusedFootnote, doc) == []


def test_listed_ref_never_used():
    text = '甲<ref name="a"/>\n<references>\n<ref name="a">A</ref>\n<ref name="b">B</ref>\n</references>'
    da = ref(text, '<ref name="a">A</ref>', "a", kind="listed")
    db = ref(text, '<ref name="b">B</ref>', "b", kind="listed")
    doc = make_doc(text, [reuse(text, '<ref name="a"/>', "a")], [da, db], reference_lists=[(None, Span(0, 1))])
    found = run(fn.UnusedFootnote, doc)
    assert texts(doc, found) == ['<ref name="b">B</ref>']


# -- FN005 footnote-numbering -------------------------------------------------------------------------------------


def test_numbering_gap_duplicate_and_order():
    doc = markdown_doc([(1, "a"), (2, "b"), (5, "c"), (5, "d"), (3, "e")], cited=[1, 2, 3, 5])
    found = run(fn.FootnoteNumbering, doc)
    assert [v.message for v in found] == [
        "footnote numbering jumps from 2 to 5: 3–4 missing",
        "footnote 5 is numbered twice",
        "footnote 3 comes after footnote 5",
    ]


def test_numbering_in_order_is_quiet():
    doc = markdown_doc([(n, "x") for n in range(1, 12)], cited=range(1, 12))
    assert run(fn.FootnoteNumbering, doc) == []


# -- FN006 escaped-ref ----------------------------------------------------------------------------------------------


def test_escaped_ref_markup():
    text = '在河内會面\\<ref name=""cnbc"/\\>。'
    remnant = '\\<ref name=""cnbc"/\\>'
    doc = make_doc(text, markup=[Markup("escaped-ref", span_of(text, remnant), remnant)], fmt="markdown")
    found = run(fn.EscapedRef, doc)
    assert texts(doc, found) == [remnant]
    assert found[0].fix is not None and not found[0].fix.safe


# -- FN007 conflicting-ref-definitions ------------------------------------------------------------------------------


def test_same_name_different_content():
    text = '甲<ref name="a">BBC</ref>乙<ref name="a">CNN</ref>丙<ref name="a"> BBC </ref>'
    d1 = ref(text, '<ref name="a">BBC</ref>', "a")
    d2 = ref(text, '<ref name="a">CNN</ref>', "a")
    d3 = ref(text, '<ref name="a"> BBC </ref>', "a")
    doc = make_doc(text, [marker_for(d) for d in (d1, d2, d3)], [d1, d2, d3])
    found = run(fn.ConflictingRefDefinitions, doc)
    assert texts(doc, found) == ['<ref name="a">']
    assert found[0].span.start == d2.span.start
    assert found[0].related == (d1.span,)


# -- FN008 malformed-ref-attributes -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tag, problem",
    [
        ('<ref name="a">', None),
        ("<ref name=a>", None),
        ("<ref name = 'a b' group=\"注\">", None),
        ('<ref name="a" />', None),
        ('<ref name="a"></ref>', None),
        ('<ref name="a>b">x</ref>', None),
        ('<ref name=""cnbc"/>x</ref>', "cnbc"),
        ("<ref name=a/>", None),
        ("<ref>", None),
        ('<ref name=""cnbc"/>', "cnbc"),
        ('<ref name="a"group="b">', "run together"),
        ('<ref nmae="a">', "unknown attribute"),
        ('<ref name="a" name="b">', "twice"),
        ('<ref name="">', "empty name"),
        ('<ref name="12">', "plain number"),
        ("<ref name=a b>", "unknown attribute"),
    ],
)
def test_ref_attribute_problem(tag, problem):
    found = fn.ref_attribute_problem(tag)
    if problem is None:
        assert found is None
    else:
        assert found is not None and problem in found


def test_malformed_attributes_on_definition_and_reuse():
    text = '甲<ref name=""cnbc"/>乙<ref nmae="a">A</ref>丙<ref name="b">B</ref>'
    d1 = ref(text, '<ref nmae="a">A</ref>', label="#1")
    d2 = ref(text, '<ref name="b">B</ref>', "b")
    markers = [FootnoteMarker('"', span_of(text, '<ref name=""cnbc"/>')), marker_for(d1, 0), marker_for(d2, 1)]
    doc = make_doc(text, markers, [d1, d2], reference_lists=[(None, Span(0, 0))])
    found = run(fn.MalformedRefAttributes, doc)
    assert sorted(texts(doc, found)) == sorted(['<ref nmae="a">', '<ref name=""cnbc"/>'])


def test_attrs_ok_false_is_trusted():
    text = "甲<ref name=a>A</ref>"
    d = ref(text, "<ref name=a>A</ref>", "a", attrs_ok=False)
    doc = make_doc(text, [marker_for(d, 0)], [d])
    assert texts(doc, run(fn.MalformedRefAttributes, doc)) == ["<ref name=a>"]


# -- FN009 unclosed-ref --------------------------------------------------------------------------------------------------


def test_unclosed_ref():
    text = "會談破局<ref>{{cite news |title=破局}}。\n\n後文"
    d = ref(text, text[4:], closed=False)
    doc = make_doc(text, [marker_for(d, 0)], [d])
    found = run(fn.UnclosedRef, doc)
    assert texts(doc, found) == ["<ref>"]
    assert run(fn.EmptyFootnote, doc) == []


# -- FN010 missing-references-list -----------------------------------------------------------------------------------------


def test_refs_without_references_list():
    text = '甲<ref>A</ref>乙<ref group="注">說明</ref>丙<ref name="x"/>'
    d1 = ref(text, "<ref>A</ref>", label="#1")
    d2 = ref(text, '<ref group="注">說明</ref>', label="#2", group="注")
    markers = [marker_for(d1, 0), marker_for(d2, 1), reuse(text, '<ref name="x"/>', "x")]
    doc = make_doc(text, markers, [d1, d2])
    found = run(fn.MissingReferencesList, doc)
    assert texts(doc, found) == ["<ref>", '<ref group="注">']
    assert found[0].severity == Severity.WARNING and "2 refs" in found[0].message
    assert found[1].severity is None and '"注"' in found[1].message
    # a default-group list does not show the group "注"
    doc = make_doc(text, markers, [d1, d2], reference_lists=[(None, Span(0, 1))])
    assert texts(doc, run(fn.MissingReferencesList, doc)) == ['<ref group="注">']
    # a list for the group (the front-end reads <references group="注"/>, {{reflist|group=注}} …)
    doc = make_doc(text, markers, [d1, d2], reference_lists=[(None, Span(0, 1)), ('"注"', Span(1, 2))])
    assert run(fn.MissingReferencesList, doc) == []


def test_markdown_has_no_references_list_to_miss():
    doc = markdown_doc([(1, "a")], cited=[1])
    assert run(fn.MissingReferencesList, doc) == []


# -- FN011 bare-url-ref ---------------------------------------------------------------------------------------------------------


def test_bare_url_ref():
    text = "甲<ref>https://a.example/x</ref>乙<ref>[https://b.example]</ref>丙<ref>[https://c.example 標題]</ref>"
    defs = [
        ref(text, "<ref>https://a.example/x</ref>", label="#1"),
        ref(text, "<ref>[https://b.example]</ref>", label="#2"),
        ref(text, "<ref>[https://c.example 標題]</ref>", label="#3"),
    ]
    doc = make_doc(text, [marker_for(d, i) for i, d in enumerate(defs)], defs)
    found = run(fn.BareUrlRef, doc)
    assert texts(doc, found) == ["<ref>https://a.example/x</ref>", "<ref>[https://b.example]</ref>"]


def test_markdown_url_entries_are_not_bare_url_refs():
    doc = markdown_doc([(1, "<https://a.example>")], cited=[1])
    assert run(fn.BareUrlRef, doc) == []


# -- list-defined references (wikitext) stay quiet --------------------------------------------------------------------------------


def test_list_defined_references_are_quiet():
    text = '甲<ref name="a" />乙<ref name="b" />\n{{reflist|refs=\n<ref name="a">A</ref>\n<ref name="b">B</ref>\n}}'
    da = ref(text, '<ref name="a">A</ref>', "a", kind="listed")
    db = ref(text, '<ref name="b">B</ref>', "b", kind="listed")
    markers = [reuse(text, '<ref name="a" />', "a"), reuse(text, '<ref name="b" />', "b")]
    doc = make_doc(text, markers, [da, db], reference_lists=[(None, span_of(text, "{{reflist|refs="))])
    for rule in (fn.EmptyFootnote, fn.UndefinedFootnote, fn.UnusedFootnote, fn.MissingReferencesList,
                 fn.MalformedRefAttributes, fn.ConflictingRefDefinitions, fn.BareUrlRef, fn.UnclosedRef):
        assert run(rule, doc) == [], rule.code


# -- rule metadata -----------------------------------------------------------------------------------------------------------------


def test_rules_have_metadata_and_docs():
    rules = [r for r in vars(fn).values() if isinstance(r, type) and issubclass(r, fn.Rule) and r.code]
    assert [r.code for r in sorted(rules, key=lambda r: r.code)] == [f"FN{n:03d}" for n in range(1, 13)]
    for rule in rules:
        assert rule.validate_metadata() == [], rule.code


# -- the seed article ------------------------------------------------------------------------------------------------------------------

EMPTY_SEED_FOOTNOTES = [n for n in range(1, 114) if n not in REAL_SEED_FOOTNOTES]
FIRST_LIST_LINE = 106  # "1." — entry n sits on line 105 + n


def _family_rules():
    return sorted(
        (r for r in vars(fn).values() if isinstance(r, type) and issubclass(r, fn.Rule) and r.code),
        key=lambda r: r.code,
    )


@pytest.fixture(scope="module")
def seed_doc():
    formats = pytest.importorskip("wikilint.formats")
    if not hasattr(formats, "parse"):
        pytest.skip("the markdown front-end is not there yet")
    return formats.parse(SEED.read_text(encoding="utf-8"), str(SEED))


@pytest.fixture(scope="module")
def seed_findings(seed_doc):
    found = []
    for rule in _family_rules():
        for v in rule().check(seed_doc, Context()):
            line, col = seed_doc.lines.line_col(v.span.start)
            found.append((rule.code, line, col, v.span.slice(seed_doc.text), v))
    return found


def test_seed_has_113_footnotes(seed_doc):
    assert [d.label for d in seed_doc.footnote_defs] == [str(n) for n in range(1, 114)]
    assert len(EMPTY_SEED_FOOTNOTES) == 107


def test_seed_findings_are_exactly_the_empty_footnotes_and_the_ref_remnants(seed_findings):
    expected = {("FN001", FIRST_LIST_LINE - 1 + n, 1) for n in EMPTY_SEED_FOOTNOTES}
    expected |= {("FN006", 1, 396), ("FN006", 15, 1049)}
    assert {(code, line, col) for code, line, col, _, _ in seed_findings} == expected
    assert len(seed_findings) == 109


def test_seed_empty_footnotes_name_the_footnote_and_its_markers(seed_doc, seed_findings):
    empties = {int(v.message.split()[1]): (text, v) for code, _, _, text, v in seed_findings if code == "FN001"}
    assert sorted(empties) == EMPTY_SEED_FOOTNOTES
    assert empties[86][0] == '86. "'
    for number, (text, violation) in empties.items():
        assert text.startswith(f"{number}.")
        assert [s.slice(seed_doc.text) for s in violation.related] == [f"\\[{number}\\]"]


def test_seed_ref_remnants(seed_findings):
    remnants = [text for code, _, _, text, _ in seed_findings if code == "FN006"]
    assert all('for "cnbc"' in v.message for code, _, _, _, v in seed_findings if code == "FN006")
    assert remnants[0] == '\\<ref name=""cnbc"/\\>'
    assert remnants[1].startswith('\\<ref name="" cnbc"=""\\>')


def test_seed_through_the_engine():
    """The same exact set when the engine runs the whole family (suppressions, sorting, ranges)."""
    runner = pytest.importorskip("wikilint.engine.runner")
    text = SEED.read_text(encoding="utf-8")
    findings = runner.lint_text(text, SEED.name, "markdown", ["footnotes"])
    got = {(f.rule, f.range.start.line, f.range.start.column) for f in findings}
    expected = {("FN001", FIRST_LIST_LINE - 1 + n, 1) for n in EMPTY_SEED_FOOTNOTES}
    expected |= {("FN006", 1, 396), ("FN006", 15, 1049)}
    assert got == expected
    assert len(findings) == 109
    by_line = {f.range.start.line: f for f in findings}
    assert "footnote 86 is empty" in by_line[FIRST_LIST_LINE + 85].message
    assert [(r.start.line, r.end.line) for r in by_line[FIRST_LIST_LINE + 85].related] == [(84, 84)]


# -- generated ref soup: the family never crashes and its fixes converge ------------------------------------------------------

REF_PIECES = [
    "甲", "。", "\n", "\n\n", "== 參考資料 ==\n", "<ref>", "</ref>", "<ref></ref>", "<ref> </ref>", "<ref />",
    '<ref name="a">A</ref>', '<ref name="a">B</ref>', '<ref name="a"/>', '<ref name="a"></ref>', '<ref name=""a"/>',
    '<ref name="12">x</ref>', '<ref nmae="b">x</ref>', '<ref group="注">說明</ref>', '<ref group="注" name="n"/>',
    "<ref>https://example.org/x</ref>", "<ref>[https://example.org/y]</ref>", "<ref>{{cite web|date=2019}}</ref>",
    "<ref><!-- 待補 --></ref>", "<references/>", '<references group="注"/>', "<references>\n", "</references>",
    "{{reflist}}", "{{reflist|refs=\n", "}}", "{{Reflist|group=注}}", "\\[1\\]", "1.", "2.  <https://a.example>", '3.  "',
    "\\<ref name=\"\"cnbc\"/\\>", "{{", "[[", "]]",
]


def test_generated_ref_soup():
    hypothesis = pytest.importorskip("hypothesis")
    st = hypothesis.strategies
    runner = pytest.importorskip("wikilint.engine.runner")

    @hypothesis.settings(max_examples=150, deadline=None, suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(st.lists(st.sampled_from(REF_PIECES), max_size=30).map("".join), st.sampled_from(["wikitext", "markdown"]))
    def check(text, fmt):
        path = "gen.wiki" if fmt == "wikitext" else "gen.md"
        findings = runner.lint_text(text, path, fmt, ["footnotes"])
        assert not [f for f in findings if f.family == "engine"]
        for f in findings:
            assert 0 <= f.range.start.offset <= f.range.end.offset <= len(text)
            assert f.message
        current = text
        for _ in range(10):
            fixed = runner.apply_fixes(current, runner.lint_text(current, path, fmt, ["footnotes"]), unsafe=True)
            if fixed == current:
                break
            current = fixed
        else:
            raise AssertionError("fixes do not converge")

    check()
