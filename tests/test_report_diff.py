"""`wikilint diff OLD.json NEW.json`: findings matched by fingerprint between two runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from wikilint.cli import main
from wikilint.reporting.diff import diff_reports
from wikilint.schemas import validator

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict, dict]:
    """A corpus reported, then edited: lines inserted above everything in the seed, one empty
    footnote filled in another article, and a new broken <ref> added there."""
    root = tmp_path_factory.mktemp("runs")
    corpus = root / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.md")
    (corpus / "b.wiki").write_text("第一句。<ref></ref>\n\n第二句。<ref>{{cite web|title=來源|url=http://example.org}}</ref>\n"
                                   "\n<references />\n", encoding="utf-8")
    old = root / "old.json"
    assert main(["report", str(corpus), "-o", str(old), "-q"]) == 0
    text = SEED.read_text(encoding="utf-8").split("\n")
    (corpus / "seed.md").write_text("\n".join([*text[:2], "", "新加的一段。", "", *text[2:]]), encoding="utf-8")
    (corpus / "b.wiki").write_text("第一句。<ref>{{cite web|title=來源|url=http://example.org/1}}</ref>\n\n"
                                   "第二句。<ref>{{cite web|title=來源|url=http://example.org}}</ref>\n\n第三句。<ref>\n"
                                   "\n<references />\n", encoding="utf-8")
    new = root / "new.json"
    assert main(["report", str(corpus), "-o", str(new), "-q"]) == 0
    return old, new, json.loads(old.read_text(encoding="utf-8")), json.loads(new.read_text(encoding="utf-8"))


def test_diff_matches_by_fingerprint(two_runs, capsys: pytest.CaptureFixture) -> None:
    old, new, old_report, new_report = two_runs
    assert main(["diff", str(old), str(new)]) == 1  # a new error appeared
    out = capsys.readouterr().out
    changes = diff_reports(old_report, new_report)
    assert [f["rule"] for f in changes.fixed] == ["FN001"]
    assert {f["path"] for f in changes.new} == {f["path"] for f in changes.fixed} and changes.new
    assert all(f["path"].endswith("b.wiki") for f in changes.new)
    seed_count = len(next(f for f in old_report["files"] if f["path"].endswith("seed.md"))["findings"])
    assert seed_count > 100 and len(changes.unchanged) >= seed_count
    assert out.startswith(f"{len(changes.new)} new, 1 fixed, {len(changes.unchanged)} unchanged findings\n")
    assert "\nnew findings:\n" in out and "\nfixed findings:\n" in out
    fixed_line = next(line for line in out.splitlines() if line.startswith("  ") and "FN001" in line
                      and out.index(line) > out.index("fixed findings:"))
    assert "b.wiki:1:" in fixed_line
    assert any(line.split()[:2] == ["footnotes", str(len(changes.new))] for line in out.splitlines())


def test_diff_json_is_valid_and_adds_up(two_runs, capsys: pytest.CaptureFixture) -> None:
    old, new, old_report, new_report = two_runs
    assert main(["diff", str(old), str(new), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    validator("diff").validate(data)
    totals = data["totals"]
    assert totals["new"] + totals["unchanged"] == new_report["summary"]["findings"]
    assert totals["fixed"] + totals["unchanged"] == old_report["summary"]["findings"]
    for table in ("by_rule", "by_family"):
        for status in ("new", "fixed", "unchanged"):
            assert sum(row[status] for row in data[table].values()) == totals[status]
    assert data["by_rule"]["FN001"]["fixed"] == 1
    assert len(data["new_findings"]) == totals["new"] and len(data["fixed_findings"]) == 1
    assert data["old"] == {"files": 2, "findings": old_report["summary"]["findings"]}


def test_diff_exit_code_follows_the_fail_level(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    article = tmp_path / "a.md"
    reports = []
    for i, text in enumerate(["正文。\n", "正文提到[[台灣]]。\n", "正文提到[[台灣]]。\n\n另一段。<ref></ref>\n"]):
        article.write_text(text, encoding="utf-8")
        reports.append(str(tmp_path / f"{i}.json"))
        assert main(["report", str(article), "-o", reports[-1], "-q"]) == 0
    assert main(["diff", reports[0], reports[1]]) == 0  # a new warning does not reach the default level
    assert "1 new, 0 fixed, 0 unchanged" in capsys.readouterr().out
    assert main(["diff", reports[0], reports[1], "--fail-on", "warning"]) == 1
    assert main(["diff", reports[1], reports[2]]) == 1  # a new error
    assert main(["diff", reports[2], reports[0]]) == 0  # only fixed findings
    assert main(["diff", reports[2], reports[2]]) == 0


def finding(fingerprint: str, rule: str = "FN001", offset: int = 0) -> dict:
    position = {"line": 1, "column": offset + 1, "offset": offset}
    return {"rule": rule, "name": "empty-footnote", "family": "footnotes", "severity": "error", "message": "m",
            "range": {"start": position, "end": position}, "excerpt": "", "fingerprint": fingerprint}


def test_duplicates_are_counted() -> None:
    a, b = "a" * 20, "b" * 20
    old = {"files": [{"path": "x.md", "findings": [finding(a), finding(b, offset=5)]}]}
    new = {"files": [{"path": "x.md", "findings": [finding(a), finding(a, offset=9)]}]}
    changes = diff_reports(old, new)
    assert (len(changes.new), len(changes.fixed), len(changes.unchanged)) == (1, 1, 1)
    assert changes.fixed[0]["fingerprint"] == b


def test_diff_refuses_what_it_cannot_compare(tmp_path: Path, capsys: pytest.CaptureFixture, two_runs) -> None:
    _, new, _, new_report = two_runs
    older = dict(new_report)
    del older["schema_version"]
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert main(["diff", str(tmp_path / "older.json"), str(new)]) == 2
    assert "schema version unknown" in capsys.readouterr().err
    assert main(["diff", str(tmp_path / "broken.json"), str(new)]) == 2
    assert "not a JSON report" in capsys.readouterr().err
    assert main(["diff", str(tmp_path / "missing.json"), str(new)]) == 2
    assert "cannot read" in capsys.readouterr().err
