"""The names family's data: the loader and its schema, the cgroup importer, readings, variants,
and the seed article's expected findings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wikilint.checks.names import index_of
from wikilint.engine.data import RuleData, RuleDataError, default_rules_dir
from wikilint.engine.rule import Context
from wikilint.names_import import convert_group, dump_table, main, parse_conv
from wikilint.zh.readings import fold, korean_readings, mandarin_readings, shared_reading

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
CGROUPS = ROOT.parent / "shared" / "data" / "zh-cgroups"  # shared/ lies beside the checkout


# -- the loader and the schema ------------------------------------------------------------------


def _write(tmp_path: Path, name: str, text: str) -> RuleData:
    folder = tmp_path / "rules" / "names"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return RuleData(tmp_path / "rules")


GOOD = """
[table]
name = "test"
kind = "person"
source = "tests"

[[entries]]
id = "trump"
original = "Trump"
forms = { zh-hans = "特朗普", zh-tw = "川普", zh-hk = "特朗普" }
"""


def test_packaged_tables_load_and_validate() -> None:
    data = RuleData()
    assert data.rules_dir == default_rules_dir()
    tables = data.load("names")
    names = {table["table"]["name"] for _path, table in tables}
    assert {"PresidentsUS", "People", "政治人物", "Korea", "known-wrong"} <= names
    index = index_of(data)
    assert index_of(data) is index, "the index is built once"
    trump = [index.entries[i] for i in index.by_key["特朗普"] if index.entries[i].original == "Trump"]
    assert any(e.forms.get("zh-tw") == "川普" for e in trump)


def test_zh_wiki_forms_survive_the_import() -> None:
    index = index_of(RuleData())
    pompeo = [index.entries[i] for i in index.by_key["蓬佩奥"]]
    assert any(e.forms == {"zh-hans": "蓬佩奥", "zh-tw": "龐培歐", "zh-hk": "蓬佩奧"} for e in pompeo)
    wrong = index.wrong_by_key["金永哲"]
    assert wrong and index.entries[wrong[0][0]].forms["zh-hant"] == "金英哲"
    assert wrong[0][1].note and wrong[0][1].source


def test_a_good_hand_table_loads(tmp_path: Path) -> None:
    data = _write(tmp_path, "t.toml", GOOD)
    ((_path, table),) = data.load("names")
    assert table["entries"][0]["forms"]["zh-tw"] == "川普"


def test_schema_refuses_an_entry_without_forms(tmp_path: Path) -> None:
    broken = GOOD + '\n[[entries]]\nid = "pompeo"\noriginal = "Pompeo"\n'
    data = _write(tmp_path, "broken.toml", broken)
    with pytest.raises(RuleDataError) as info:
        data.load("names")
    message = str(info.value)
    assert "rules/names/broken.toml" in message
    assert "entries[1] (id 'pompeo')" in message
    assert "'forms' is a required property" in message


def test_schema_refuses_an_unknown_variant_and_a_wrong_form_without_note(tmp_path: Path) -> None:
    broken = GOOD.replace('zh-hk = "特朗普"', 'zh-xx = "特朗普"') + '\n[[entries.wrong]]\nform = "川普"\n'
    data = _write(tmp_path, "broken.toml", broken)
    with pytest.raises(RuleDataError) as info:
        data.load("names")
    message = str(info.value)
    assert "entries[0] (id 'trump') forms" in message
    assert "'note' is a required property" in message


def test_schema_refuses_markup_in_a_form(tmp_path: Path) -> None:
    broken = GOOD.replace('zh-tw = "川普"', 'zh-tw = "川普;zh-hk:x"')
    with pytest.raises(RuleDataError, match=r"entries\[0\] \(id 'trump'\) forms.zh-tw"):
        _write(tmp_path, "broken.toml", broken).load("names")


def test_unreadable_table_names_the_file(tmp_path: Path) -> None:
    data = _write(tmp_path, "bad.toml", "[table\nname=")
    with pytest.raises(RuleDataError, match=r"rules/names/bad.toml: cannot read"):
        data.load("names")


def test_broken_table_in_a_lint_run_is_reported_not_swallowed(tmp_path: Path) -> None:
    from wikilint.engine.runner import lint_text

    data = _write(tmp_path, "broken.toml", '[table]\nname = "x"\nkind = "person"\nsource = "s"\n[[entries]]\nid = "y"\n')
    ctx = Context(data=data)
    findings = lint_text("特朗普抵達河內。\n", "x.md", "markdown", ["NM001"], ctx=ctx)
    assert [f.rule for f in findings] == ["EN001"]
    assert "broken.toml" in findings[0].message


# -- the importer -------------------------------------------------------------------------------


def test_parse_conv_two_way_one_way_and_junk() -> None:
    forms, aliases = parse_conv("zh-hans:特朗普;zh-tw:川普; zh-hk:特朗普;")
    assert forms == {"zh-hans": "特朗普", "zh-tw": "川普", "zh-hk": "特朗普"} and aliases == {}
    forms, aliases = parse_conv("凱利=>zh-cn:克里;凱利=>zh-tw:凱瑞;")
    assert forms == {} and aliases == {"凱利": {"zh-cn": "克里", "zh-tw": "凱瑞"}}
    forms, _ = parse_conv("zh-cn:英拉;zh-tw:盈拉;|display={{{display|no")
    assert forms == {"zh-cn": "英拉", "zh-tw": "盈拉"}
    forms, _ = parse_conv("zh-sg:21 Savage;zh-tw:野蠻人;}--{-|21 Savage}--{-|野蠻人")
    assert forms == {"zh-sg": "21 Savage", "zh-tw": "野蠻人"}


def test_convert_group_merges_compatible_rules_and_marks_offices() -> None:
    group = {
        "name": "G",
        "description": "d",
        "path": "Module:CGroup/G",
        "rules": [
            {"original": "Kerry", "conv": "zh-hans:克里;zh-tw:凱瑞;"},
            {"original": "Kerry", "conv": "凱利=>zh-cn:克里;凱利=>zh-tw:凱瑞;"},
            {"original": "Adonis", "conv": "zh-cn:阿丁顿;"},
            {"original": "Adonis", "conv": "zh-cn:安德鲁·阿多尼斯;"},
            {"original": None, "conv": "zh-tw:白宮幕僚長;zh-cn:白宫办公厅主任;"},
            {"original": None, "conv": "于姓"},
        ],
    }
    table = convert_group(group, "person")
    entries = table["entries"]
    assert [e["id"] for e in entries] == ["G/Kerry", "G/Adonis", "G/Adonis#2", "G/#4"]
    assert entries[0]["aliases"] == [{"form": "凱利", "forms": {"zh-cn": "克里", "zh-tw": "凱瑞"}}]
    assert entries[3]["kind"] == "term"
    assert table["table"]["cgroup"] == "G" and "CC BY-SA" in table["table"]["licence"]
    assert json.loads(dump_table(table)) == table


def test_offices_and_words_of_person_groups_are_terms() -> None:
    from wikilint.names_import import looks_like_person

    for original, form in (("Prosecutor", "检察官"), ("Housing", "住房"), ("Crown", "王位"), ("Chief Whip", "党鞭长"),
                           ("Federal Reserve", "联储"), ("Golf", "高尔夫"), ("Commonwealth", "英联邦")):
        assert not looks_like_person(original, {"zh-cn": form}), original
    for original, form in (("Diana, Princess", "戴妃"), ("Warsi, Baroness", "瓦尔西女男爵"), ("Kerry", "克里")):
        assert looks_like_person(original, {"zh-cn": form}), original


@pytest.mark.skipif(not CGROUPS.is_dir(), reason="zh-cgroups data not present")
def test_import_cgroups_cli_writes_valid_tables(tmp_path: Path) -> None:
    out = tmp_path / "rules" / "names"
    assert main(["import-cgroups", str(CGROUPS), "--out", str(out), "--group", "PresidentsUS", "--group", "Korea=term"]) == 0
    data = RuleData(tmp_path / "rules")
    tables = {t["table"]["name"]: t for _p, t in data.load("names")}
    assert tables["Korea"]["table"]["kind"] == "term"
    shipped = json.loads((default_rules_dir() / "names" / "cgroup-PresidentsUS.json").read_text(encoding="utf-8"))
    assert tables["PresidentsUS"] == shipped, "the shipped table is what the importer makes"


def test_import_cgroups_unknown_group_fails_cleanly(tmp_path: Path, capsys) -> None:
    assert main(["import-cgroups", str(tmp_path), "--out", str(tmp_path / "o"), "--group", "Nope"]) == 1
    assert "no such conversion group" in capsys.readouterr().err


# -- readings and variants ----------------------------------------------------------------------


def test_readings() -> None:
    assert korean_readings("英") == {"영"} and korean_readings("永") == {"영"} and korean_readings("赫") == {"혁"}
    assert korean_readings("东") == {"동"}, "simplified characters are looked up in their traditional form"
    assert "ying" in mandarin_readings("英") and mandarin_readings("永") == {"yong"}
    assert shared_reading("英", "永") == ("ko", "영")
    assert shared_reading("勇", "永") == ("zh", "yong")
    assert shared_reading("英", "赫") is None
    assert fold("蓬佩奧") == fold("蓬佩奥") == "蓬佩奥"


@pytest.mark.parametrize(
    "text, code",
    [
        ("這是一篇繁體文章，裡面提到很多事情。他在家裡。心裡明白。", "zh-tw"),
        ("這是一篇繁體文章，裏面提到很多事情。他在家裏。心裏明白。", "zh-hk"),
        ("這是一篇繁體文章，為了會談而舉行。接著進行。", "zh-hant"),
        ("这是一篇简体文章，为了会谈而举行。", "zh-hans"),
    ],
)
def test_variant_detection(text: str, code: str) -> None:
    from wikilint.checks.names import detect_variant

    variant = detect_variant(text)
    assert variant.code == code and not variant.configured


# -- the seed -----------------------------------------------------------------------------------


def _seed_findings(select: list[str], config: dict | None = None):
    from wikilint.engine.runner import lint_text

    text = SEED.read_text(encoding="utf-8")
    return text, lint_text(text, str(SEED), None, select, config)


def test_seed_names_findings() -> None:
    text, findings = _seed_findings(["NM"])
    got = [(f.rule, f.range.start.line, f.range.span.slice(text)) for f in findings]
    assert got == [
        ("NM001", 3, "川普"),
        ("NM002", 62, "金永哲"),
        ("NM001", 64, "川普"),
        ("NM001", 68, "川普"),
        ("NM001", 70, "川普"),
    ]
    wrong = findings[1]
    assert wrong.fix is not None and wrong.fix.safe and wrong.fix.edits[0].replacement == "金英哲"
    related = [r.span.slice(text) for r in wrong.related]
    assert len(related) == 8 and set(related) == {"金英哲"}
    for finding in findings[:1] + findings[2:]:
        assert "特朗普" in finding.message
        assert {r.span.slice(text) for r in finding.related} == {"特朗普"}
        assert finding.fix.edits[0].replacement == "特朗普"


def test_seed_other_people_are_left_alone() -> None:
    text, findings = _seed_findings(["NM"])
    covered = {f.range.span.slice(text) for f in findings}
    assert not covered & {"金赫哲", "金永南", "川金二會", "川"}


@pytest.mark.skipif(not CGROUPS.is_dir(), reason="zh-cgroups data not present")
def test_import_cgroups_through_the_wikilint_command(tmp_path: Path) -> None:
    from wikilint.cli import main as cli_main

    out = tmp_path / "names"
    assert cli_main(["names", "import-cgroups", str(CGROUPS), "--out", str(out), "--group", "Popes=name-part"]) == 0
    table = json.loads((out / "cgroup-Popes.json").read_text(encoding="utf-8"))
    assert table["table"]["kind"] == "name-part" and table["entries"]


def test_one_regional_character_is_no_region() -> None:
    from wikilint.checks.names import detect_variant

    assert detect_variant("這是一篇繁體文章，是缺乏信義和表裏不一。為了會談，他在家裏。").code == "zh-hant"


def test_seed_misspelling_is_found_without_any_table(tmp_path: Path) -> None:
    """Detection without data: with no name tables at all, NM004 still finds 金永哲."""
    from wikilint.engine.runner import lint_text

    (tmp_path / "rules" / "names").mkdir(parents=True)
    text = SEED.read_text(encoding="utf-8")
    ctx = Context(data=RuleData(tmp_path / "rules"))
    findings = lint_text(text, str(SEED), None, ["NM"], ctx=ctx)
    assert [(f.rule, f.range.start.line, f.range.span.slice(text)) for f in findings] == [("NM004", 62, "金永哲")]
    assert "Korean 영" in findings[0].message
    assert findings[0].fix is not None and not findings[0].fix.safe
    assert {r.span.slice(text) for r in findings[0].related} == {"金英哲"}


NAME_BITS = ["特朗普", "川普", "金英哲", "金永哲", "蓬佩奧", "龐培歐", "李勇浩", "李永浩", "約翰·波頓", "·", "（", "）",
             "或譯「", "」", "-{", "}-", "-{H|zh-cn:特朗普;zh-tw:川普;}-", "Kim Yong-chol（", "[", "](../Page/金英哲.md \"wikilink\")",
             "。", "\n", "\n\n", "四川普通話", "川金二會", "的", "會見"]


def test_names_rules_never_crash_and_fixes_converge() -> None:
    from hypothesis import given, settings, strategies as st

    from wikilint.engine.runner import apply_fixes, lint_text

    @settings(max_examples=150, deadline=None)
    @given(st.lists(st.sampled_from(NAME_BITS), max_size=40), st.sampled_from([None, "zh-tw", "zh-cn", "zh-hk"]))
    def check(bits, variant):
        text = "".join(bits)
        config = {"variant": variant} if variant else None
        findings = lint_text(text, "x.md", "markdown", ["NM"], config)
        assert not [f for f in findings if f.family == "engine"], findings
        for f in findings:
            assert 0 <= f.range.span.start <= f.range.span.end <= len(text)
        fixed = text
        for _ in range(5):
            after = apply_fixes(fixed, lint_text(fixed, "x.md", "markdown", ["NM"], config), unsafe=True)
            if after == fixed:
                break
            fixed = after
        assert apply_fixes(fixed, lint_text(fixed, "x.md", "markdown", ["NM"], config), unsafe=True) == fixed

    check()


# -- finding the tables' forms in a text ------------------------------------------------------------


def _brute_force(index, text: str) -> list[tuple[int, int]]:
    return sorted((i, n) for i in range(len(text)) for n in range(1, len(text) - i + 1) if text[i:i + n] in index.known_keys)


def test_the_automaton_finds_every_form_where_it_stands() -> None:
    from wikilint.engine.data import default_data

    index = index_of(default_data())
    forms = sorted(index.known_keys)[:3] + ["特朗普", "金英哲"]
    assert all(f in index.known_keys for f in forms)
    # forms side by side and overlapping, after characters outside the BMP (four bytes in UTF-8, two
    # code units in UTF-16) and a lone surrogate: offsets are code points
    text = "𠀀" + forms[0] + "川普特朗普金英哲。\udc80" + forms[1] + "𤅶特" + forms[2] + "\U00010000金英哲"
    found = sorted(index.find(text))
    assert found == _brute_force(index, text)
    assert (text.index("特朗普"), 3) in found and (text.rindex("金英哲"), 3) in found
    # a text whose UTF-16 bytes hold a form's bytes one byte off, across its characters: no form
    units = "特朗普".encode("utf-16-be")
    shifted = bytes([0x4E]) + units + bytes([0x41])
    straddling = shifted.decode("utf-16-be", "surrogatepass")
    assert "特朗普" not in straddling and sorted(index.find(straddling)) == _brute_force(index, straddling)


def test_runs_that_may_declare_an_alternative_are_found_in_one_search() -> None:
    from wikilint.checks.names.mentions import _DECLARING, _runs_holding

    texts = ["金英哲", "（或譯「金永哲」）", "", "会谈\n结束", "又稱", "后"]
    assert _runs_holding(texts, _DECLARING) == [1, 4]
