"""The report formats CI systems read, and --output-file."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from wikilint.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = "seeds/000_88e16bf0a95b60aa.txt"
SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"

# https://docs.github.com/actions/reference/workflow-commands-for-github-actions: properties escape
# % CR LF : and , ; the message escapes % CR LF
_PROP = r"(?:[^%\r\n:,]|%25|%0D|%0A|%3A|%2C)+"
GITHUB_LINE = re.compile(
    rf"^::(?P<level>error|warning|notice) file=(?P<file>{_PROP}),line=(?P<line>[1-9]\d*),col=(?P<col>[1-9]\d*),"
    rf"endLine=(?P<endLine>[1-9]\d*),endColumn=(?P<endColumn>[1-9]\d*),title=(?P<title>[A-Z]{{2}}\d{{3}})"
    r"::(?P<message>(?:[^%\r\n]|%25|%0D|%0A)+)$")


def _run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def seed_report() -> dict:
    import io
    from contextlib import redirect_stdout

    buffer = io.StringIO()
    with redirect_stdout(buffer):
        main(["check", "-q", "--format", "json", SEED])
    return json.loads(buffer.getvalue())


def _seed_findings(report: dict) -> list[dict]:
    return report["files"][0]["findings"]


def test_github_format_is_one_workflow_command_per_finding(capsys, seed_report) -> None:
    code, out, _ = _run(capsys, "check", "-q", "--format", "github", SEED)
    assert code == 1
    lines = out.splitlines()
    findings = _seed_findings(seed_report)
    assert len(lines) == len(findings) > 100
    levels = {"error": "error", "warning": "warning", "info": "notice"}
    for line, finding in zip(lines, findings):
        m = GITHUB_LINE.match(line)
        assert m, line
        assert m["file"] == SEED and m["title"] == finding["rule"] and m["level"] == levels[finding["severity"]]
        start, end = finding["range"]["start"], finding["range"]["end"]
        assert (int(m["line"]), int(m["col"]), int(m["endLine"]), int(m["endColumn"])) == (
            start["line"], start["column"], end["line"], end["column"])
        assert finding["message"].replace("%", "%25") in m["message"]


def test_github_format_escapes_what_would_break_a_command(tmp_path: Path, capsys) -> None:
    article = tmp_path / "a:b,c%.wiki"
    article.write_text("甲。<ref></ref>\n", encoding="utf-8")
    code, out, _ = _run(capsys, "check", "-q", "--format", "github", str(article))
    line = out.splitlines()[0]
    assert GITHUB_LINE.match(line), line
    assert "a%3Ab%2Cc%25.wiki" in line and "a:b" not in line


def test_sarif_validates_against_the_official_schema(capsys, seed_report) -> None:
    code, out, _ = _run(capsys, "check", "-q", "--format", "sarif", SEED)
    assert code == 1
    sarif = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(sarif)
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    assert "What it does" in by_id["FN001"]["help"]["text"] and by_id["FN001"]["defaultConfiguration"]["level"] == "error"
    findings = _seed_findings(seed_report)
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings):
        assert result["ruleId"] == finding["rule"] and rules[result["ruleIndex"]]["id"] == finding["rule"]
        assert result["partialFingerprints"] == {"wikilint/v1": finding["fingerprint"]}
        region = result["locations"][0]["physicalLocation"]["region"]
        assert (region["startLine"], region["startColumn"]) == (finding["range"]["start"]["line"], finding["range"]["start"]["column"])


def test_a_broken_sarif_log_fails_the_schema(capsys) -> None:
    _, out, _ = _run(capsys, "check", "-q", "--format", "sarif", SEED)
    sarif = json.loads(out)
    sarif["runs"][0]["results"][0]["level"] = "fatal"
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(sarif)


def test_gitlab_code_quality_carries_fingerprints(capsys, seed_report) -> None:
    _, out, _ = _run(capsys, "check", "-q", "--format", "gitlab", SEED)
    issues = json.loads(out)
    findings = _seed_findings(seed_report)
    assert [i["fingerprint"] for i in issues] == [f["fingerprint"] for f in findings]
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    assert {i["severity"] for i in issues} <= {"info", "minor", "major", "critical", "blocker"}
    first = issues[0]
    assert first["location"]["path"] == SEED and first["location"]["positions"]["begin"]["line"] == findings[0]["range"]["start"]["line"]
    assert first["description"].startswith(findings[0]["rule"]) and first["check_name"].startswith(findings[0]["rule"])


def test_junit_has_a_failing_case_per_finding_and_a_passing_case_per_clean_file(tmp_path: Path, capsys, seed_report) -> None:
    clean = tmp_path / "clean.wiki"
    clean.write_text("'''乙'''是一座城市。\n", encoding="utf-8")
    _, out, _ = _run(capsys, "check", "-q", "--format", "junit", SEED, str(clean))
    root = ET.fromstring(out)
    findings = _seed_findings(seed_report)
    assert root.tag == "testsuites" and int(root.get("failures")) == len(findings)
    suites = {s.get("name"): s for s in root.iter("testsuite")}
    assert set(suites) == {SEED, str(clean)}
    assert len(suites[SEED].findall("testcase/failure")) == len(findings)
    clean_cases = suites[str(clean)].findall("testcase")
    assert len(clean_cases) == 1 and clean_cases[0].find("failure") is None


def test_output_file_creates_folders_and_text_still_reaches_the_terminal(tmp_path: Path, capsys) -> None:
    target = tmp_path / "reports" / "deep" / "wikilint.sarif"
    code, out, _ = _run(capsys, "check", "-q", "--format", "sarif", "--output-file", str(target), SEED)
    assert code == 1 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
    code, out, _ = _run(capsys, "check", "-q", "--format", "text", "--format", "junit", "--output-file", str(target), SEED)
    assert code == 1 and out.startswith(f"{SEED}:") and target.read_text(encoding="utf-8").startswith("<?xml")
    assert _run(capsys, "check", "--format", "text", "--format", "json", SEED)[0] == 2  # two formats, one terminal


def test_output_file_that_cannot_be_written_exits_2(tmp_path: Path, capsys) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    code, _, err = _run(capsys, "check", "-q", "--format", "sarif", "--output-file", str(blocker / "x.sarif"), SEED)
    assert code == 2 and "cannot write" in err
