"""The title index (wikilint.links_index), title normalisation (wikilint.zh.titles) and the
links family on the seed article."""

from __future__ import annotations

import bz2
import gzip
import pickle
import re
from pathlib import Path

import pytest

from wikilint.config import Config, ConfigError
from wikilint.engine.registry import rule_by_id
from wikilint.engine.rule import Context
from wikilint.engine.runner import lint_text
from wikilint.formats import parse
from wikilint.links_index import TitleIndex, TitleIndexError, load_title_index
from wikilint.zh.titles import anchor_key, fold, normalize_title, title_key

# -- normalisation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("吴秀容", "吳秀容"),
        ("约翰·波顿", "約翰·波頓"),
        ("Foo_bar", "foo bar"),
        ("  北京  ", "北京"),
        ("%E5%8C%97%E4%BA%AC", "北京"),
        ("北京#歷史", "北京"),
        ("A&amp;B", "A&B"),
        ("File:A_b.jpg", "Image:A b.jpg"),
        ("文件:A.jpg", "File:A.jpg"),
        ("檔案:A.jpg", "图像:A.jpg"),
        ("分类:朝美峰會", "Category:朝美峰会"),
        ("分類:朝美峰會", "category:朝美峰會"),
        ("北京\u3000市", "北京 市"),
        (":北京", "北京"),
    ],
)
def test_titles_that_name_the_same_page(a: str, b: str) -> None:
    assert title_key(a) == title_key(b)


@pytest.mark.parametrize("a, b", [("北京", "北京市"), ("iPhone", "IPHONE"), ("Category:X", "X"), ("File:X", "X")])
def test_titles_that_differ(a: str, b: str) -> None:
    assert title_key(a) != title_key(b)


def test_normalize_parts() -> None:
    t = normalize_title("Category:朝美峰會#x")
    assert (t.ns, t.name, t.fragment) == (14, "朝美峰會", "x")
    assert normalize_title("en:Korea").interwiki == "en"
    assert normalize_title("wikt:字").interwiki == "wikt"
    assert normalize_title("Star Wars: Episode I").ns == 0


def test_fold_keeps_length() -> None:
    for text in ("當勞·特朗普與", "吳秀容和", "臺灣裡的乾隆", "𠄳𤅶abc"):
        assert len(fold(text)) == len(text)
    assert fold("當勞·特朗普與") == fold("当劳·特朗普与")


def test_anchor_key() -> None:
    assert anchor_key("第一天_晚宴") == anchor_key("第一天 晚宴")
    assert anchor_key(".E8.83.8C.E6.99.AF") == anchor_key("背景")
    assert anchor_key("%E8%83%8C%E6%99%AF") == anchor_key("背景")
    assert anchor_key("準備會談") == anchor_key("准备会谈")


# -- loading -------------------------------------------------------------------------------------


TITLES = "page_title\n吳秀容\n約翰·波頓\nFoo_bar\nStar_Wars:_Episode_I\n金正恩访问中国\n"


@pytest.fixture()
def titles_file(tmp_path: Path) -> Path:
    path = tmp_path / "zhwiki-all-titles-in-ns0"
    path.write_text(TITLES, encoding="utf-8")
    return path


def _check_basic(index: TitleIndex) -> None:
    assert len(index) == 5
    assert index.exists("吴秀容") and index.exists("吳秀容")
    assert index.exists("约翰·波顿") and index.exists("約翰·波頓")
    assert index.exists("foo bar") and index.exists("Foo_bar")
    assert index.exists("Star Wars: Episode I")
    assert not index.exists("page_title") and not index.exists("Page title")
    assert not index.exists("阮春福")
    # what the index cannot know is never called missing
    assert index.exists("File:Nowhere.jpg") and not index.covers("File:Nowhere.jpg")
    assert index.exists("en:Nowhere") and index.exists("Category:Nowhere")
    assert index.headings("吳秀容") is None


def test_plain_titles_file(titles_file: Path) -> None:
    index = load_title_index(titles_file)
    assert index.source == "titles"
    _check_basic(index)


def test_gzip_titles_file(tmp_path: Path) -> None:
    path = tmp_path / "titles.gz"
    path.write_bytes(gzip.compress(TITLES.encode("utf-8")))
    _check_basic(load_title_index(str(path)))


def test_titles_file_without_header_and_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "titles.txt"
    path.write_bytes("吳秀容\r\n約翰·波頓\r\nfoo_bar\r\nStar_Wars:_Episode_I\r\n金正恩访问中国".encode("utf-8"))
    _check_basic(load_title_index(path))


def test_all_titles_with_namespaces(tmp_path: Path) -> None:
    path = tmp_path / "all-titles"
    path.write_text("page_namespace\tpage_title\n0\t北京\n14\t朝美峰會\n6\tKim.jpg\n", encoding="utf-8")
    index = load_title_index(path)
    assert index.namespaces == {0, 6, 14}
    assert index.exists("北京") and index.exists("分类:朝美峰会") and index.exists("File:Kim.jpg")
    assert not index.exists("Category:朝美峰會2") and not index.exists("File:Other.jpg")


DUMP = """<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10" xml:lang="zh">
  <siteinfo>
    <sitename>Wikipedia</sitename>
    <namespaces>
      <namespace key="0" case="first-letter" />
      <namespace key="14" case="first-letter">Category</namespace>
    </namespaces>
  </siteinfo>
  <page>
    <title>吳秀容</title>
    <ns>0</ns>
    <id>1</id>
    <revision><id>2</id><text xml:space="preserve">'''吳秀容''' == 生平 ==</text></revision>
  </page>
  <page>
    <title>吴秀蓉</title>
    <ns>0</ns>
    <id>3</id>
    <redirect title="吳秀容" />
    <revision><id>4</id><text xml:space="preserve">#REDIRECT [[吳秀容]]</text></revision>
  </page>
  <page>
    <title>Category:朝美峰會</title>
    <ns>14</ns>
    <id>5</id>
    <revision><id>6</id><text xml:space="preserve"></text></revision>
  </page>
</mediawiki>
"""


@pytest.mark.parametrize("compress", [None, "bz2", "gzip"])
def test_xml_dump(tmp_path: Path, compress: str | None) -> None:
    data = DUMP.encode("utf-8")
    path = tmp_path / "zhwiki-pages-articles.xml"
    if compress == "bz2":
        data, path = bz2.compress(data), path.with_suffix(".xml.bz2")
    elif compress == "gzip":
        data, path = gzip.compress(data), path.with_suffix(".xml.gz")
    path.write_bytes(data)
    index = load_title_index(path)
    assert index.source == "dump" and len(index) == 3
    assert index.exists("吴秀容") and index.exists("吴秀蓉")  # redirects are pages too
    assert index.exists("分類:朝美峰会") and not index.exists("Category:其他")
    assert not index.exists("阮春福")


def test_broken_dump_and_missing_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.xml"
    path.write_text("<mediawiki><page><title>x</title>", encoding="utf-8")
    with pytest.raises(TitleIndexError):
        load_title_index(path)
    with pytest.raises(TitleIndexError):
        load_title_index(tmp_path / "nowhere")
    corrupt = tmp_path / "titles.gz"
    corrupt.write_bytes(gzip.compress("吳秀容\n".encode("utf-8") * 1000)[:40])
    with pytest.raises(ConfigError):  # the CLI reports it as a configuration error, status 2
        load_title_index(corrupt)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    page = tmp_path / "export" / "Page"
    page.mkdir(parents=True)
    (page / "金正恩访问中国.md").write_text(
        "**金正恩访问中国**\n\n## 1月访问北京\n\n正文。\n\n## 3月 访问\\_大连\n\n### [丹东](../Page/丹东.md \"wikilink\")站\n",
        encoding="utf-8",
    )
    (page / "吳秀容.md").write_text("**吳秀容**是政治人物。\n", encoding="utf-8")
    (page / "AC").mkdir()
    (page / "AC" / "DC.md").write_text("**AC/DC**\n", encoding="utf-8")
    (page / "notes.json").write_text("{}", encoding="utf-8")
    return tmp_path / "export"


def test_folder_index(corpus: Path) -> None:
    index = load_title_index(corpus)
    assert index.source == "folder" and len(index) == 3
    assert index.exists("吴秀容") and index.exists("AC/DC") and not index.exists("notes")
    assert index.headings("金正恩訪問中國") == {anchor_key("1月访问北京"), anchor_key("3月 访问_大连"), anchor_key("丹东站")}
    assert index.headings("吳秀容") == set()
    assert index.headings("阮春福") is None
    # the Page folder itself works as well
    assert len(load_title_index(corpus / "Page")) == 3


def test_page_links_resolve_relative_to_the_article(corpus: Path) -> None:
    index = load_title_index(corpus)
    article = corpus / "Page" / "吳秀容.md"
    assert index.page_file(str(article), "../Page/金正恩访问中国.md") == "金正恩访问中国"
    assert index.page_file(str(article), "../Page/AC/DC.md") == "AC/DC"
    assert index.page_file(str(corpus.parent / "elsewhere" / "x.md"), "../Page/吳秀容.md") is None
    assert index.page_file(str(article), "https://zh.wikipedia.org/wiki/X") is None


def test_index_pickles(titles_file: Path, corpus: Path) -> None:
    for index in (load_title_index(titles_file), load_title_index(corpus)):
        index.headings("金正恩访问中国")
        again = pickle.loads(pickle.dumps(index))
        assert len(again) == len(index) and again.exists("吴秀容")
        assert again.headings("金正恩访问中国") == index.headings("金正恩访问中国")


def test_section_anchors_against_the_folder(corpus: Path) -> None:
    ctx = Context(titles=load_title_index(corpus))
    article = corpus / "Page" / "吳秀容.md"
    text = (
        "[會面](https://zh.wikipedia.org/wiki/金正恩访问中国#1月访问北京 \"wikilink\")、"
        "[會面](../Page/金正恩访问中国.md#1月訪問北京 \"wikilink\")、"
        "[大連](https://zh.wikipedia.org/wiki/金正恩访问中国#3月_访问_大连 \"wikilink\")、"
        "[丹東](https://zh.wikipedia.org/wiki/金正恩访问中国#丹东站 \"wikilink\")、"
        "[後來](https://zh.wikipedia.org/wiki/金正恩访问中国#6月访问 \"wikilink\")、"
        "[無文](https://zh.wikipedia.org/wiki/阮春福#生平 \"wikilink\")。\n"
    )
    found = lint_text(text, str(article), "markdown", ["LK007"], Config(), ctx=ctx)
    assert [f.message for f in found] == ["金正恩访问中国 has no section '6月访问'"]


# -- the seed ------------------------------------------------------------------------------------


def _by_rule(findings) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        out.setdefault(f.rule, []).append((f.range.start.line, f.range.start.column))
    return out


def test_seed_without_index(seed_text: str, seed_path: Path) -> None:
    found = _by_rule(lint_text(seed_text, str(seed_path), None, ["LK"]))
    assert found["LK001"] == [(9, 378)]  # 會面\]\]
    assert [line for line, _ in found["LK003"]] == [15, 44, 44, 54, 68, 86]
    assert "LK002" not in found and "LK004" not in found and "LK006" not in found
    assert "LK007" not in found and "LK009" not in found
    trails = found["LK005"]
    assert (1, 126) in trails and (1, 346) in trails  # [當勞·特朗普與], [河内會面]
    assert (54, 294) in trails  # [吳秀容和](…/吴秀容): compared after folding
    assert (15, 379) in trails  # [-{zh-cn:有线电视新闻网; zh-tw:CNN}-引述消息指除越南外](…/CNN)
    # ordinary piped links: [美國總統], [国家主席](…/越南社会主义共和国主席), [會面](…#1月访问北京),
    # [去年高峰會後再次舉行面談](…/2018年美朝首腦會談), [崔龍海](…/崔龙海), [外務相](…外務省)
    for ordinary in ((1, 73), (3, 69), (11, 197), (1, 424), (50, 225), (39, 6)):
        assert ordinary not in trails
    assert len(trails) == 46


def _seed_targets(seed_text: str, seed_path: Path) -> list[str]:
    doc = parse(seed_text, str(seed_path))
    return [link.target for link in doc.links if link.kind == "internal"]


def test_seed_with_index_missing_one_title(seed_text: str, seed_path: Path, tmp_path: Path) -> None:
    targets = _seed_targets(seed_text, seed_path)
    assert targets.count("阮春福") == 1 and "吴秀容" in targets and "吳秀容" in targets
    titles = sorted({t.replace(" ", "_") for t in targets} - {"阮春福", "吴秀容"})
    path = tmp_path / "titles.gz"
    path.write_bytes(gzip.compress(("page_title\n" + "\n".join(titles) + "\n").encode("utf-8")))
    config = Config(titles=str(path))
    found = lint_text(seed_text, str(seed_path), None, ["LK006"], config)
    assert [(f.range.start.line, f.range.span.slice(seed_text)) for f in found] == [(80, "../Page/阮春福.md")]
    # 吴秀容 (line 54) resolved through the page 吳秀容; no other rule changed its mind
    without = _by_rule(lint_text(seed_text, str(seed_path), None, ["LK"]))
    with_index = _by_rule(lint_text(seed_text, str(seed_path), None, ["LK"], config))
    assert with_index.pop("LK006") == [(80, 201)]
    assert with_index == without


# -- the docs' examples ----------------------------------------------------------------------------

_EXAMPLE = re.compile(r"Example: `([^`]+)`")
_INSTEAD = re.compile(r"Use instead: `([^`]+)`")
#: rules whose examples need more than the snippet (an index, the article's own title)
_NEEDS_CONTEXT = {"LK006", "LK007", "LK009"}


@pytest.mark.parametrize("code", [f"LK00{i}" for i in range(1, 10)])
def test_doc_examples(code: str) -> None:
    rule = rule_by_id(code)
    assert rule is not None
    doc = rule.doc()
    example, instead = _EXAMPLE.search(doc), _INSTEAD.search(doc)
    if code in _NEEDS_CONTEXT:
        pytest.skip("the example needs a title index or the article's title")
    assert example and instead
    bad = example.group(1) + "\n"
    good = instead.group(1) + "\n"
    assert lint_text(bad, "example.md", "markdown", [code]), f"{code} misses its own example"
    assert not lint_text(good, "example.md", "markdown", [code]), f"{code} reports its own 'use instead'"


def test_index_from_titles_and_wikitext_folder(tmp_path: Path) -> None:
    index = TitleIndex.from_titles(["吳秀容", "Category:朝美峰會", "foo_bar"])
    assert index.exists("吴秀容") and index.exists("分类:朝美峰会") and index.exists("Foo bar")
    assert not index.exists("Category:其他") and not index.exists("阮春福")
    (tmp_path / "金正恩.wiki").write_text("'''金正恩'''\n== 生平 ==\n=== 早年 ''生活'' ===\n{{anchor|幼年}}\n", encoding="utf-8")
    folder = load_title_index(tmp_path)
    assert folder.headings("金正恩") == {anchor_key("生平"), anchor_key("早年 生活"), anchor_key("幼年")}
    pytest.importorskip("wikilint.formats.wikitext")
    ctx = Context(titles=folder)
    text = "[[金正恩#生平]]、[[金正恩#早年_生活]]、[[金正恩#幼年]]、[[金正恩#晚年]]\n"
    found = lint_text(text, str(tmp_path / "x.wiki"), "wikitext", ["LK007"], Config(), ctx=ctx)
    assert [f.message for f in found] == ["金正恩 has no section '晚年'"]


def test_any_object_with_exists_is_an_index() -> None:
    class Known:
        def exists(self, title: str) -> bool:
            return title in ("吳秀容", "越南")

    text = "[吳秀容](https://zh.wikipedia.org/wiki/吳秀容 \"wikilink\")、[越南](../Page/越南.md \"wikilink\")、[阮春福](../Page/阮春福.md \"wikilink\")\n"
    found = lint_text(text, "x.md", "markdown", ["LK006", "LK005", "LK007"], Config(), ctx=Context(titles=Known()))
    assert [(f.rule, f.message) for f in found] == [("LK006", "link target 阮春福 does not exist (not in the title index)")]


# -- generated articles ------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from wikilint.engine.registry import select_rules  # noqa: E402
from wikilint.engine.runner import apply_fixes, lint_document  # noqa: E402

LINK_PIECES = [
    '[金正恩](../Page/金正恩.md "wikilink")', '[金正恩於](../Page/金正恩.md "wikilink")',
    '[吳秀容和](https://zh.wikipedia.org/wiki/吴秀容 "wikilink")', '[A\\_b與](../Page/A_b.md "wikilink")',
    '[-{zh-cn:有线电视新闻网; zh-tw:CNN}-引述](https://zh.wikipedia.org/wiki/CNN "wikilink")',
    '[缩略图](https://zh.wikipedia.org/wiki/File:X.JPG "fig:缩略图")', '[X.jpg](https://zh.wikipedia.org/wiki/File:X.jpg "fig:X.jpg")',
    '[Category:X](https://zh.wikipedia.org/wiki/Category:X "wikilink")', '[下文](#背景 "wikilink")', '[x]( "wikilink")',
    '[x](https://zh.wikipedia.org/wiki/朝鮮{半島 "wikilink")', '<a href="../Page/金正恩.md" title="wikilink">金正恩與</a>',
    "\\]\\]", "[[", "]]", "## 背景\n", "\n", "\n\n", "。", "與", "會面", " ", "测试", "\\[1\\]", "<File:X.jpg>",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(LINK_PIECES), st.text(max_size=4)), max_size=30).map("".join))
def test_links_rules_on_generated_articles(text: str) -> None:
    ctx = Context(titles=TitleIndex.from_titles(["金正恩", "吳秀容", "CNN", "A b"]))
    config = Config()
    rules = select_rules(["LK"], None)
    doc = parse(text, "Page/测试.md", "markdown")
    findings = lint_document(doc, rules, ctx, config)
    assert not [f for f in findings if f.rule == "EN001"], [f.message for f in findings]
    current = text
    for _ in range(10):
        fixed = apply_fixes(current, lint_document(parse(current, doc.path, "markdown"), rules, ctx, config), unsafe=True)
        if fixed == current:
            break
        current = fixed
    else:
        raise AssertionError("fixes did not converge")
    # the link-trail fix only moves characters: the same characters, in the same number, remain
    trail = [f for f in findings if f.rule == "LK005"]
    moved = apply_fixes(text, trail, unsafe=True)
    assert sorted(moved) == sorted(text)
