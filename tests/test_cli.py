"""End to end: the CLI as a user runs it, on the seed and on bad input."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from wikilint.cli import main
from wikilint.reporting.json import validate_report

ROOT = Path(__file__).resolve().parents[1]
LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) (?P<rule>[A-Z]{2}\d{3}) .+$")


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wikilint", *args], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, timeout=120)


def test_check_seed_text_output() -> None:
    proc = run_cli("check", "seeds/")
    assert proc.returncode == 1, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert lines and all(LINE.match(line) for line in lines), lines[:3]
    positions = [(int(m["line"]), int(m["col"])) for m in map(LINE.match, lines)]
    assert positions == sorted(positions)
    assert "\033[" not in proc.stdout.decode()  # no colour when not on a terminal
    summary = proc.stderr.decode().strip()
    errors = sum(1 for line in lines if " error " in line)
    assert summary.startswith(f"{errors} errors, ") and "in 1 file;" in summary and "fixable with --fix" in summary
    assert run_cli("check", "-q", "seeds/").stderr == b""


def test_check_seed_json_is_valid_and_deterministic() -> None:
    first = run_cli("check", "--format", "json", "seeds/")
    second = run_cli("check", "--format", "json", "seeds/")
    assert first.stdout == second.stdout
    report = json.loads(first.stdout)
    validate_report(report, reference=True)
    validate_report(report)
    assert report["files"][0]["format"] == "markdown"
    assert report["settings"]["existence_checked"] is False and report["settings"]["notes"]
    assert "run" not in report  # check --format json holds no dates: two runs are byte-identical
    text = (ROOT / "seeds" / "000_88e16bf0a95b60aa.txt").read_text(encoding="utf-8")
    for finding in report["files"][0]["findings"]:
        start, end = finding["range"]["start"]["offset"], finding["range"]["end"]["offset"]
        assert text[start:end].startswith(finding["excerpt"].rstrip("…"))


def test_report_writes_a_valid_summary(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert main(["report", "seeds/", "-o", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report, reference=True)
    validate_report(report)
    summary = report["summary"]
    assert summary["files"] == 1
    assert summary["findings"] == len(report["files"][0]["findings"]) == sum(summary["by_rule"].values())
    assert sum(summary["by_family"].values()) == sum(summary["by_severity"].values()) == summary["findings"]


def test_bad_files_are_findings_and_the_run_goes_on(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_empty.md").write_bytes(b"")
    (corpus / "b_binary.md").write_bytes(bytes(range(256)) * 4)
    (corpus / "c_latin1.md").write_bytes("caf\xe9 正文".encode("latin-1", "ignore") + b"\xe9")
    (corpus / "d_nested.md").write_text("[[" * 5000 + "\\[" * 3000 + "-{" * 3000, encoding="utf-8")
    (corpus / "e_nested.wiki").write_text("[[" * 5000 + "{{" * 5000 + "<ref>" * 3000, encoding="utf-8")
    shutil.copy(ROOT / "seeds" / "000_88e16bf0a95b60aa.txt", corpus / "f_seed.txt")
    proc = run_cli("check", "--format", "json", str(corpus))
    assert b"Traceback" not in proc.stderr, proc.stderr.decode()
    report = json.loads(proc.stdout)
    validate_report(report, reference=True)
    validate_report(report)
    rules = {Path(f["path"]).name: [x["rule"] for x in f["findings"]] for f in report["files"]}
    assert rules["a_empty.md"] == ["IN004"]
    assert rules["b_binary.md"] == ["IN002"]
    assert rules["c_latin1.md"] == ["IN001"]
    assert "EN001" not in rules["d_nested.md"] and "EN001" not in rules["e_nested.wiki"]
    assert "IN006" in rules["e_nested.wiki"]  # said once, not silently dropped
    assert len(rules["f_seed.txt"]) > 10


def test_huge_file_gets_a_finding(tmp_path: Path) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(("正文。" * 1000 + "\n\n").encode("utf-8") * 2300)  # about 20 MB
    proc = run_cli("check", str(big))
    assert proc.returncode == 0 and "IN003" in proc.stdout.decode() and "MB" in proc.stdout.decode()


def test_missing_file_is_reported(tmp_path: Path) -> None:
    proc = run_cli("check", str(tmp_path / "nope.md"))
    assert proc.returncode == 1 and "IN005" in proc.stdout.decode()


def test_stdin(seed_text: str) -> None:
    proc = run_cli("check", "-", "--stdin-filename", "article.txt", stdin=seed_text.encode("utf-8"))
    assert proc.returncode == 1 and proc.stdout.decode().startswith("article.txt:")


def test_configuration_error_exits_2(tmp_path: Path) -> None:
    (tmp_path / "wikilint.toml").write_text('selcet = ["FN"]\n', encoding="utf-8")
    (tmp_path / "a.md").write_text("正文。\n", encoding="utf-8")
    proc = run_cli("check", str(tmp_path / "a.md"))
    assert proc.returncode == 2 and "selcet" in proc.stderr.decode()


def test_usage_errors_exit_2() -> None:
    assert run_cli("check", "seeds/", "--select", "NO999").returncode == 2
    assert run_cli("rules", "NO999").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_fail_on_decides_the_exit_code() -> None:
    infos_only = ["check", "seeds/", "--select", "LK008"]  # repeated links: info
    assert run_cli(*infos_only).returncode == 0
    assert run_cli(*infos_only, "--fail-on", "warning").returncode == 0
    assert run_cli(*infos_only, "--fail-on", "info").returncode == 1
    assert run_cli("check", "seeds/", "--select", "FN", "--ignore", "FN001,FN006").returncode == 0


def test_rules_catalogue() -> None:
    proc = run_cli("rules")
    assert proc.returncode == 0
    codes = [line.split()[0] for line in proc.stdout.decode().splitlines()]
    assert "EN001" in codes and "IN001" in codes
    family_codes = [c for c in codes if not c.startswith(("EN", "IN"))]
    assert family_codes, "no family rules registered"
    doc = run_cli("rules", family_codes[0]).stdout.decode()
    for heading in ("What it does", "Why is this bad?", "Example", "Use instead"):
        assert heading in doc


def test_version() -> None:
    proc = run_cli("--version")
    assert proc.returncode == 0 and proc.stdout.decode().startswith("wikilint ")


@pytest.mark.parametrize(
    "breakage",
    [
        lambda r: r["files"][0]["findings"][0]["range"]["start"].update(line=0),
        lambda r: r["files"][0]["findings"][0].update(severity="fatal"),
        lambda r: r["files"][0]["findings"][0].update(rule="fn001"),
        lambda r: r["files"][0]["findings"][0].pop("excerpt"),
        lambda r: r["files"][0]["findings"][0].update(extra=1),
        lambda r: r["summary"].pop("by_severity"),
        lambda r: r["tool"].update(name="other"),
    ],
)
def test_both_validators_refuse_a_broken_report(breakage) -> None:
    import jsonschema

    from wikilint.schemas import InvalidDocument

    report = json.loads(run_cli("check", "--format", "json", "seeds/").stdout)
    breakage(report)
    with pytest.raises(jsonschema.ValidationError):
        validate_report(report, reference=True)
    with pytest.raises(InvalidDocument):
        validate_report(report)


def test_names_import_cgroups_reproduces_the_shipped_table(tmp_path: Path) -> None:
    groups = ROOT.parent / "shared" / "data" / "zh-cgroups"
    if not (groups / "PresidentsUS.json").is_file():
        pytest.skip("zh-wiki's conversion groups are not beside this checkout")
    proc = run_cli("names", "import-cgroups", str(groups), "--group", "PresidentsUS", "--out", str(tmp_path))
    assert proc.returncode == 0, proc.stderr.decode()
    made = json.loads((tmp_path / "cgroup-PresidentsUS.json").read_text(encoding="utf-8"))
    shipped = json.loads((ROOT / "rules" / "names" / "cgroup-PresidentsUS.json").read_text(encoding="utf-8"))
    assert made == shipped
