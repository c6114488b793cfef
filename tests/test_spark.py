"""wikilint on Spark, in local mode: the same findings as one machine's report on the same pages."""

from __future__ import annotations

import io
import json
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from wikilint.cli import main as cli_main
from wikilint.formats.dump import write_dump

pytestmark = pytest.mark.skipif(
    shutil.which("java") is None, reason="Spark needs Java, which is not installed (Debian: default-jre-headless; .ci/run installs it)")

WIKITEXT = ("'''甲乙'''是[[丙丁]]的作者。<ref></ref>\n\n== 生平 ==\n1999年2月30日，他说：「這個軟件」。"
            "<ref name=\"x\" />\n與川普、特朗普會面。\n\n== 參考資料 ==\n{{reflist}}\n")


@pytest.fixture(scope="module")
def spark():
    from wikilint.spark import session

    spark = session("local[2]", "wikilint-test")
    yield spark
    spark.stop()


def test_a_dump_linted_on_spark_gives_the_report_of_one_machine(spark, tmp_path: Path, seed_text: str) -> None:
    from wikilint.spark import lint_dump

    pages = [(f"頁{i}", WIKITEXT.replace("甲乙", f"甲乙{i}")) for i in range(6)]
    pages += [("空白", ""), ("重定向", "#REDIRECT [[頁1]]"), ("種子", seed_text)]
    dump = tmp_path / "zhwiki-pages-articles.xml.bz2"
    write_dump(pages, dump)
    out = io.StringIO()
    with redirect_stdout(out):
        assert cli_main(["report", "-j", "1", "--reproducible", str(dump)]) == 0
    single = json.loads(out.getvalue())
    assert single["summary"]["findings"] > 20
    on_spark = lint_dump(spark, [str(dump)], str(tmp_path / "stage"), partitions=3)
    assert on_spark["files"] == single["files"] and on_spark["summary"] == single["summary"]


def test_lint_pages_takes_titles_texts_and_formats(spark, seed_text: str) -> None:
    from wikilint.engine.runner import lint_text
    from wikilint.spark import finding_dicts, lint_pages

    df = spark.createDataFrame([("甲乙", WIKITEXT, "wikitext"), ("種子", seed_text, None)], "title string, text string, format string")
    found = finding_dicts(lint_pages(df))
    assert found["甲乙"] == [f.as_dict() for f in lint_text(WIKITEXT, "甲乙", "wikitext")]
    assert found["種子"] == [f.as_dict() for f in lint_text(seed_text, "種子")]
    only_dates = finding_dicts(lint_pages(df.select("title", "text"), select=["DT001"]))
    assert {f["rule"] for items in only_dates.values() for f in items} == {"DT001"}


def test_spark_submit_entry_point_writes_the_report(spark, tmp_path: Path) -> None:
    from wikilint.reporting.json import validate_report
    from wikilint.spark import main

    dump = tmp_path / "d.xml"
    write_dump([("甲乙", WIKITEXT)], dump)
    target = tmp_path / "report.json"
    assert main([str(dump), "-o", str(target), "--master", "local[1]"]) == 0
    report = json.loads(target.read_text(encoding="utf-8"))
    validate_report(report, reference=True)
    assert [f["path"] for f in report["files"]] == [f"{dump}#甲乙"] and report["summary"]["findings"] > 3
