"""Dumps as a stream, JSON Lines output, and worker processes that print what one process prints."""

from __future__ import annotations

import bz2
import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from wikilint.cli import main
from wikilint.formats.dump import iter_pages, write_dump
from wikilint.reporting.json import build_report, report_from_jsonl, validate_report

ARTICLE = ("'''甲乙'''是[[丙丁]]的作者，也見[[不存在的頁面]]。<ref></ref>\n\n"
           "== 生平 ==\n1999年2月30日，他说：「這個軟件」。<ref name=\"x\" />\n\n== 參考資料 ==\n{{reflist}}\n")
PAGES = [
    ("甲乙", ARTICLE),
    ("丙丁", "'''丙丁'''是一本書。\n"),
    ("丙丁 (書)", "#REDIRECT [[丙丁]]"),
    ("User:某人", ARTICLE, 2),
    ("空白", ""),
    ("A & <B>", ARTICLE.replace("甲乙", "A & <B>")),
]


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(list(argv))
    return code, out.getvalue()


@pytest.fixture()
def dump(tmp_path: Path) -> Path:
    path = tmp_path / "zhwiki-pages-articles.xml.bz2"
    write_dump(PAGES, path)
    return path


def test_pages_stream_in_order_articles_only_redirects_skipped(dump: Path) -> None:
    pages = list(iter_pages(str(dump)))
    assert [p.path.split("#", 1)[1] for p in pages] == ["甲乙", "丙丁", "空白", "A & <B>"]
    assert pages[0].text == ARTICLE and pages[3].text.startswith("'''A & <B>'''")
    assert [p.path.split("#", 1)[1] for p in iter_pages(str(dump), {2})] == ["User:某人"]


@pytest.mark.parametrize("suffix", [".xml", ".xml.gz", ".xml.bz2"])
def test_a_dump_page_has_the_findings_of_the_same_text_as_a_file(tmp_path: Path, suffix: str) -> None:
    dump = tmp_path / f"d{suffix}"
    write_dump(PAGES[:1], dump)
    (tmp_path / "甲乙.wiki").write_text(ARTICLE, encoding="utf-8")
    _, from_dump = run("check", "-q", "-j", "1", str(dump))
    _, from_file = run("check", "-q", "-j", "1", str(tmp_path / "甲乙.wiki"))
    assert from_dump and from_dump == from_file.replace(str(tmp_path / "甲乙.wiki"), f"{dump}#甲乙")


def test_report_on_a_dump(dump: Path) -> None:
    code, out = run("report", "-j", "1", str(dump))
    assert code == 0
    report = json.loads(out)
    validate_report(report, reference=True)
    paths = [f["path"] for f in report["files"]]
    assert paths == sorted(f"{dump}#{t}" for t in ("甲乙", "丙丁", "空白", "A & <B>"))
    by_path = {f["path"]: f for f in report["files"]}
    assert [f["rule"] for f in by_path[f"{dump}#空白"]["findings"]] == ["IN004"]
    assert {"FN001", "DT001"} <= {f["rule"] for f in by_path[f"{dump}#甲乙"]["findings"]}
    assert not by_path[f"{dump}#丙丁"]["findings"]
    _, with_user = run("report", "-j", "1", "--namespace", "0,2", str(dump))
    assert f"{dump}#User:某人" in {f["path"] for f in json.loads(with_user)["files"]}


def test_titles_from_dump_check_link_targets_against_the_dump(dump: Path) -> None:
    _, out = run("check", "-q", "-j", "1", "--select", "LK006", "--titles-from-dump", str(dump))
    missing = [line for line in out.splitlines() if "LK006" in line]
    assert missing and all("不存在的頁面" in line for line in missing)
    assert run("check", "-q", "--titles-from-dump", __file__)[0] == 2  # no dump to take titles from


def test_a_broken_dump_is_a_finding_after_the_pages_read(tmp_path: Path) -> None:
    whole = tmp_path / "whole.xml"
    write_dump(PAGES, whole)
    text = whole.read_bytes()
    cut = tmp_path / "cut.xml.bz2"
    cut.write_bytes(bz2.compress(text[: text.index(b"<title>A &amp;")]))
    _, out = run("report", "-j", "1", str(cut))
    report = json.loads(out)
    by_path = {f["path"]: f for f in report["files"]}
    assert f"{cut}#甲乙" in by_path
    assert [f["rule"] for f in by_path[str(cut)]["findings"]] == ["IN005"]


def test_fix_refuses_a_dump(dump: Path) -> None:
    assert main(["check", "--fix", str(dump)]) == 2


def test_jsonl_stream_holds_the_report(dump: Path, tmp_path: Path) -> None:
    (tmp_path / "b.wiki").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "a.md").write_text("正文。\\[1\\]\n", encoding="utf-8")
    paths = [str(dump), str(tmp_path / "b.wiki"), str(tmp_path / "a.md")]
    _, whole = run("report", "-j", "1", "--reproducible", *paths)
    out = tmp_path / "stream.jsonl"
    assert main(["report", "-j", "1", "--format", "jsonl", "-o", str(out), *paths]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    last = json.loads(lines[-1])
    assert {"schema_version", "tool", "settings", "summary"} <= set(last) and "by_file" not in last["summary"]
    assert [json.loads(line)["path"] for line in lines[:-1]] == [
        *(f"{dump}#{t}" for t in ("甲乙", "丙丁", "空白", "A & <B>")), str(tmp_path / "b.wiki"), str(tmp_path / "a.md")]
    rebuilt = report_from_jsonl(lines)
    validate_report(rebuilt, reference=True)
    assert rebuilt == json.loads(whole)
    code, check_lines = run("check", "-j", "1", "--format", "jsonl", *paths)
    assert code == 1 and check_lines.splitlines()[:-1] == lines[:-1]


def test_workers_print_what_one_process_prints(dump: Path, tmp_path: Path, seed_text: str) -> None:
    big = tmp_path / "big.xml.gz"
    write_dump([(f"頁{i:03d}", seed_text if i % 7 == 0 else ARTICLE) for i in range(40)], big)
    for fmt in ("text", "jsonl", "json"):
        one = run("check", "-q", "-j", "1", "--format", fmt, str(dump), str(big))
        two = run("check", "-q", "-j", "2", "--format", fmt, str(dump), str(big))
        assert one == two and one[1]
    assert run("report", "-j", "2", "--reproducible", str(big)) == run("report", "-j", "1", "--reproducible", str(big))


def test_summary_of_the_report_counts_what_its_files_hold(dump: Path) -> None:
    from wikilint.cli import Session, _parser, run_all

    session = Session(_parser().parse_args(["report", str(dump)]))
    report = build_report(run_all(session, [str(dump)], 1), session.rules, False)
    summary = report["summary"]
    assert summary["files"] == 4 and summary["by_file"][f"{dump}#空白"] == 1
    assert summary["findings"] == sum(len(f["findings"]) for f in report["files"]) == sum(summary["by_rule"].values())
