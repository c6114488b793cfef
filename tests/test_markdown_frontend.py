"""The exported-markdown front-end on the seed and on the variations real exports show."""

from __future__ import annotations

from collections import Counter

from wikilint.formats import detect_format, parse
from wikilint.formats.markdown import parse_markdown


def test_seed_model(seed_text: str) -> None:
    doc = parse(seed_text, "seeds/000_88e16bf0a95b60aa.txt")
    assert doc.format == "markdown"
    assert doc.title == "2019年朝美首腦會談"
    assert [s.title for s in doc.sections if s.level == 2] == ["背景", "正式會談", "後續和影響", "報導和採訪", "評論", "資料來源"]
    assert doc.sections[-1].is_references and not any(s.is_references for s in doc.sections[:-1])
    # 113 numbered definitions at the end, 7 with content
    assert [d.label for d in doc.footnote_defs] == [str(n) for n in range(1, 114)]
    assert sorted(int(d.label) for d in doc.footnote_defs if d.content) == [5, 43, 74, 75, 76, 86, 111]
    assert doc.footnote_defs[85].content == '"'
    kinds = Counter(link.kind for link in doc.links)
    assert kinds["category"] == 12 and kinds["file"] == 7
    assert len(doc.category_lines) == 1
    assert doc.lines.line_of(doc.category_lines[0].start) == 104


def test_spans_slice_back(seed_text: str) -> None:
    doc = parse_markdown(seed_text, "x.txt")
    trump = next(link for link in doc.links if link.target == "當勞·特朗普")
    assert trump.text_span.slice(seed_text) == "當勞·特朗普與"
    assert trump.form == "wiki-url" and trump.fragment is None
    assert trump.span.slice(seed_text).startswith("[當勞·特朗普與](https://")
    for marker in doc.footnote_markers:
        assert marker.span.slice(seed_text) == f"\\[{marker.label}\\]"
    for definition in doc.footnote_defs:
        assert definition.span.slice(seed_text).startswith(f"{definition.label}.")
    anchor = next(link for link in doc.links if link.fragment)
    assert (anchor.target, anchor.fragment) == ("金正恩访问中国", "1月访问北京")


def test_markup_leftovers(seed_text: str) -> None:
    doc = parse_markdown(seed_text, "x.txt")
    found = [(m.kind, doc.lines.line_of(m.span.start)) for m in doc.markup if m.kind in ("escaped-ref", "stray-close")]
    assert found == [("escaped-ref", 1), ("stray-close", 9), ("escaped-ref", 15)]


def test_prose_excludes_markup(seed_text: str) -> None:
    doc = parse_markdown(seed_text, "x.txt")
    lead = doc.prose_text(doc.blocks[0].span)
    assert lead.startswith("2019年朝美首腦會談（，）又稱為")
    assert "wikilink" not in lead and "https" not in lead and "\\[" not in lead and "<ref" not in lead
    assert "當勞·特朗普與" in lead  # link text is prose
    assert not any(doc.prose[d.span.start] for d in doc.footnote_defs)
    for conv in doc.conversions:
        assert not any(doc.prose[conv.span.start:conv.span.end])


def test_conversions(seed_text: str) -> None:
    doc = parse_markdown(seed_text, "x.txt")
    variants = [dict(c.variants) for c in doc.conversions]
    assert variants[0] == {"zh-cn": "有线电视新闻网", "zh-tw": "CNN"}
    assert doc.conversions[-1].span.slice(seed_text) == "-{云}-" and doc.conversions[-1].variants == ()


def test_wrapped_lines_and_stacked_markers() -> None:
    text = (
        "# 標題\n\n這是一段被硬換行的文字，連結[文字\n換行](../Page/目標.md \"wikilink\")跨越兩行\\[1\\]\\[2\\]。\n"
        "第二句在下一行。\n\n<table>\n<tr><td><a href=\"../Page/表格.md\" title=\"wikilink\">表格</a>[3]</td></tr>\n</table>\n\n"
        "1.  來源一\n2.  <https://example.org/a>\n    續行\n3.\n"
    )
    doc = parse_markdown(text, "Page/標題.md")
    assert doc.title == "標題"
    link = next(link for link in doc.links if link.target == "目標")
    assert link.text == "文字\n換行"
    html = next(link for link in doc.links if link.form == "html")
    assert (html.kind, html.target, html.text) == ("internal", "表格", "表格")
    assert [m.label for m in doc.footnote_markers] == ["1", "2", "3"]
    assert [(d.label, d.content) for d in doc.footnote_defs] == [
        ("1", "來源一"), ("2", "<https://example.org/a>\n    續行"), ("3", "")]
    paragraph = next(b for b in doc.blocks if b.kind == "paragraph")
    assert len(paragraph.sentences) == 2  # a soft wrap does not end a sentence


def test_ordinary_numbered_list_is_not_footnotes() -> None:
    doc = parse_markdown("步驟如下：\n\n1.  打開\n2.  關上\n", "x.md")
    assert doc.footnote_defs == () and doc.references_span is None


def test_format_detection() -> None:
    assert detect_format("x", "a.wiki") == "wikitext"
    assert detect_format("x", "a.md") == "markdown"
    assert detect_format("'''X'''是[[Y]]的{{lang|en|Z}}<ref>a</ref>", "a.txt") == "wikitext"
    assert detect_format('[X](../Page/X.md "wikilink")\\[1\\]', "a.txt") == "markdown"


def test_code_and_export_banner_are_not_prose() -> None:
    text = (
        '> 本文内容由[金正恩](https://zh.wikipedia.org/wiki/金正恩 "wikilink")转换而来。\n\n'
        "正文用`简体代码`寫成。\n\n```\n后台代码\n```\n\n結尾。\n"
    )
    doc = parse_markdown(text, "x.md")
    prose = doc.prose_text()
    assert "本文内容" not in prose and "金正恩" not in prose
    assert "简体代码" not in prose and "后台代码" not in prose
    assert prose.strip().startswith("正文用寫成。") and prose.rstrip().endswith("結尾。")
    assert [m.kind for m in doc.markup if m.kind in ("code", "export-banner")] == ["export-banner", "code", "code"]
    assert all(b.kind != "quote" for b in doc.blocks)


def test_further_reading_and_joined_titles_are_reference_sections() -> None:
    text = "正文。\n\n## 參考書目\n\n  - 书目一\n\n## 注釋與參考文獻\n\n正文二。\n\n## 外部連接\n\n  - 链接\n\n## 背景\n\n正文三。\n"
    doc = parse_markdown(text, "x.md")
    assert [(s.title, s.is_references) for s in doc.sections[1:]] == [
        ("參考書目", True), ("注釋與參考文獻", True), ("外部連接", True), ("背景", False)]


def test_indented_code_is_exempt_but_list_continuations_are_not() -> None:
    text = "正文。\n\n    x = m[i[0]]\n    y = 1\n\n正文二。\n\n1.  來源一\n\n    續行\n"
    doc = parse_markdown(text, "x.md")
    code = [m.text for m in doc.markup if m.kind == "code"]
    assert code == ["    x = m[i[0]]\n    y = 1"]
    assert not [m for m in doc.markup if m.kind.startswith("stray")]


def test_every_variant_the_export_shows() -> None:
    """tests/data/format-variants.md gathers what real exported articles vary in (see the README's
    notes on the format): a banner, wrapped link text, stacked markers, conversion markup of every
    form, math, HTML and pipe tables, gallery leftovers, template remnants, poems, list separators,
    a wrapped category footer and a footnote list with a wrapped entry."""
    from pathlib import Path

    text = (Path(__file__).parent / "data" / "format-variants.md").read_text(encoding="utf-8")
    doc = parse_markdown(text, "Page/測試條目.md")
    by_target = {link.target: link for link in doc.links}
    assert by_target["匯出格式"].text == "匯出格式的各種\n變體"
    assert (by_target["河內"].fragment, by_target["台北"].form) == ("歷史", "html")
    assert by_target["File:Example.jpg"].kind == "file"
    assert [m.label for m in doc.footnote_markers] == ["1", "2", "3", "64"]
    assert [c.span.slice(text) for c in doc.conversions] == [
        "-{zh-cn:项目; zh-tw:專案}-", "-{}-", "-{回合制}-", "\\-{zh-hans:旧式;zh-hant:舊式}-"]
    kinds = [m.kind for m in doc.markup]
    for kind in ("export-banner", "empty-parens", "math", "stray-close", "template-leftover", "comment"):
        assert kind in kinds, kind
    assert [(d.label, bool(d.content)) for d in doc.footnote_defs] == [("1", True), ("2", True), ("3", True), ("4", False)]
    assert doc.footnote_defs[2].content.endswith("續行文字。")
    assert [b.kind for b in doc.blocks][-1] == "category_line"  # the footer wraps onto two lines
    pipe_rows = [doc.prose_text(b.span) for b in doc.blocks if b.kind == "table" and "|" in b.span.slice(text)]
    assert pipe_rows == [" 城市  人口 ", "", " 高雄  270萬 "]
    assert "项目" not in doc.prose_text() and "m^3" not in doc.prose_text()
