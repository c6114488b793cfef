"""The corpus report: fingerprints, run metadata, per-file counts, the schema's version, where it is
written, and the progress bar of a long run."""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from wikilint.cli import main
from wikilint.engine.fingerprint import fingerprints
from wikilint.engine.runner import lint_text
from wikilint.reporting.json import validate_report
from wikilint.reporting.metadata import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


# -- fingerprints ---------------------------------------------------------------------------------


def test_fingerprints_survive_lines_inserted_above() -> None:
    text = seed_text()
    before = lint_text(text, "seed.md")
    lines = text.split("\n")
    edited = "\n".join([*lines[:2], "", "編者在這裡加了一段新的文字。", "", *lines[2:]])
    after = lint_text(edited, "seed.md")
    assert len(before) > 100
    assert all(re.fullmatch(r"[0-9a-f]{20}", f.fingerprint) for f in before)
    assert Counter(f.fingerprint for f in before) == Counter(f.fingerprint for f in after)
    # the positions did move: fingerprints hold none of them
    assert [f.range.start.line for f in before] != [f.range.start.line for f in after]


def test_identical_findings_in_one_file_get_distinct_fingerprints() -> None:
    text = "正文一。<ref></ref>\n\n正文二。<ref></ref>\n\n正文一。<ref></ref>\n"
    findings = [f for f in lint_text(text, "a.wiki", "wikitext") if f.rule == "FN001"]
    assert len(findings) == 3
    assert len({f.fingerprint for f in findings}) == 3
    # the first and the third have the same text and context: the occurrence counter tells them apart,
    # numbered in file order whatever order they are given in
    assert fingerprints(findings[::-1], text) == tuple(f.fingerprint for f in findings[::-1])


def test_fingerprint_depends_on_rule_path_text_and_context_but_not_on_white_space_runs() -> None:
    text = "前文很長的一句話。<ref></ref>後文\n"
    base = lint_text(text, "a.wiki", "wikitext")[0]
    assert lint_text(text, "b.wiki", "wikitext")[0].fingerprint != base.fingerprint
    assert lint_text("別的前文的一句話。<ref></ref>後文\n", "a.wiki", "wikitext")[0].fingerprint != base.fingerprint
    spaced = lint_text("前文很長的一句話。<ref></ref>後文\n".replace("。", "。  "), "a.wiki", "wikitext")[0]
    folded = lint_text("前文很長的一句話。<ref></ref>後文\n".replace("。", "。 "), "a.wiki", "wikitext")[0]
    assert spaced.fingerprint == folded.fingerprint != base.fingerprint
    # context stops at the line's end: what the next line says does not matter
    assert lint_text(text + "下一行。\n", "a.wiki", "wikitext")[0].fingerprint == base.fingerprint


def test_fingerprint_survives_pickling_and_is_in_the_report(tmp_path: Path) -> None:
    finding = lint_text(seed_text(), "seed.md")[0]
    assert pickle.loads(pickle.dumps(finding)) == finding
    out = tmp_path / "r.json"
    assert main(["report", str(SEED), "-o", str(out), "-q"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    shown = [f["fingerprint"] for f in report["files"][0]["findings"]]
    assert shown == [f.fingerprint for f in lint_text(seed_text(), str(SEED))]


# -- metadata -------------------------------------------------------------------------------------


def git(folder: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, text=True, env=env).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_report_run_metadata_and_reproducible(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.md")
    (corpus / "b.wiki").write_text("正文。<ref></ref>\n", encoding="utf-8")
    git(corpus, "init", "-q")
    git(corpus, "add", ".")
    git(corpus, "commit", "-qm", "articles")
    out = tmp_path / "r.json"
    assert main(["report", str(corpus), "-o", str(out), "-q"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report, reference=True)
    run = report["run"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", run["started_at"])
    assert 0 < run["duration_seconds"] < 300
    assert run["source_revision"] == {"commit": git(corpus, "rev-parse", "HEAD"), "dirty": False}
    assert report["schema_version"] == SCHEMA_VERSION
    assert report["settings"]["inputs"] == 2

    (corpus / "b.wiki").write_text("正文。\n", encoding="utf-8")
    assert main(["report", str(corpus), "-o", str(out), "-q"]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["run"]["source_revision"]["dirty"] is True

    first, second = tmp_path / "1.json", tmp_path / "2.json"
    assert main(["report", str(corpus), "-o", str(first), "-q", "--reproducible"]) == 0
    assert main(["report", str(corpus), "-o", str(second), "-q", "--reproducible", "-j", "2"]) == 0
    assert first.read_bytes() == second.read_bytes()
    reproducible = json.loads(first.read_text(encoding="utf-8"))
    assert "run" not in reproducible
    validate_report(reproducible, reference=True)


def test_report_outside_a_checkout_has_no_revision(tmp_path: Path) -> None:
    (tmp_path / "a.wiki").write_text("正文。\n", encoding="utf-8")
    out = tmp_path / "r.json"
    env_ceiling = os.environ.get("GIT_CEILING_DIRECTORIES")
    os.environ["GIT_CEILING_DIRECTORIES"] = str(tmp_path.parent)
    try:
        assert main(["report", str(tmp_path), "-o", str(out), "-q"]) == 0
    finally:
        if env_ceiling is None:
            del os.environ["GIT_CEILING_DIRECTORIES"]
        else:
            os.environ["GIT_CEILING_DIRECTORIES"] = env_ceiling
    assert json.loads(out.read_text(encoding="utf-8"))["run"]["source_revision"] is None


def settings_of(tmp_path: Path, *args: str, config: str = "") -> dict:
    corpus = tmp_path / "corpus"
    corpus.mkdir(exist_ok=True)
    (corpus / "a.wiki").write_text("正文。<ref></ref>\n", encoding="utf-8")
    (corpus / "wikilint.toml").write_text(config, encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["report", str(corpus), "-o", str(out), "-q", "--reproducible", *args]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report, reference=True)
    return report["settings"]


def test_settings_name_the_rules_with_their_configured_severity_and_the_options(tmp_path: Path) -> None:
    plain = settings_of(tmp_path)
    assert {r["code"]: r["severity"] for r in plain["rules"]}["FN001"] == "error"
    assert plain["options"] == {"variant": None, "titles_index": False, "select": None, "ignore": [], "input_format": None}
    assert re.fullmatch(r"[0-9a-f]{20}", plain["rule_data_digest"])

    configured = settings_of(tmp_path, "--select", "footnotes", "--ignore", "FN002", "--variant", "zh-tw",
                             config='[severity]\nFN001 = "info"\n')
    severities = {r["code"]: r["severity"] for r in configured["rules"]}
    assert severities["FN001"] == "info" and "FN002" not in severities
    assert {r["family"] for r in configured["rules"]} == {"footnotes"}
    assert configured["options"] == {"variant": "zh-tw", "titles_index": False, "select": ["footnotes"],
                                     "ignore": ["FN002"], "input_format": None}
    assert configured["config_digest"] != plain["config_digest"]
    assert configured["rule_data_digest"] == plain["rule_data_digest"]
    assert settings_of(tmp_path)["config_digest"] == plain["config_digest"]


def test_rule_data_digest_follows_the_tables(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    shutil.copytree(ROOT / "rules", tables)
    first = settings_of(tmp_path, config=f'rules-data = "{tables}"\n')["rule_data_digest"]
    assert first == settings_of(tmp_path)["rule_data_digest"]  # the same tables, elsewhere
    name_table = sorted((tables / "names").glob("*.toml"))[0]
    name_table.write_text(name_table.read_text(encoding="utf-8") + "\n# an editor's note\n", encoding="utf-8")
    assert settings_of(tmp_path, config=f'rules-data = "{tables}"\n')["rule_data_digest"] != first


def test_each_file_counts_its_findings_per_family_and_severity(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    corpus = tmp_path / "c"
    corpus.mkdir()
    shutil.copy(SEED, corpus / "seed.md")
    (corpus / "clean.wiki").write_text("正文。\n", encoding="utf-8")
    assert main(["report", str(corpus), "-o", str(out), "-q"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    for file in report["files"]:
        families = Counter(f["family"] for f in file["findings"])
        severities = Counter({"error": 0, "warning": 0, "info": 0}) + Counter(f["severity"] for f in file["findings"])
        assert file["counts"]["by_family"] == dict(families)
        assert file["counts"]["by_severity"] == {s: severities[s] for s in ("error", "warning", "info")}
    seed = next(f for f in report["files"] if f["path"].endswith("seed.md"))
    assert len(seed["counts"]["by_family"]) >= 4
    clean = next(f for f in report["files"] if f["path"].endswith("clean.wiki"))
    assert clean["counts"] == {"by_family": {}, "by_severity": {"error": 0, "warning": 0, "info": 0}}


def test_schema_states_its_version_and_readme_its_promise() -> None:
    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    assert "schema_version" in schema["required"]
    assert re.fullmatch(schema["properties"]["schema_version"]["pattern"], SCHEMA_VERSION)
    assert not re.fullmatch(schema["properties"]["schema_version"]["pattern"], "2.0")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    promise = readme[readme.index("### Report stability"):]
    promise = promise[:promise.index("\n#", 1)]
    assert f"`{SCHEMA_VERSION}`" in promise and "minor" in promise and "major" in promise and "fingerprint" in promise


# -- where the report goes ------------------------------------------------------------------------


def test_report_creates_missing_folders(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "2026" / "r.json"
    html = tmp_path / "site" / "index.html"
    assert main(["report", str(SEED), "-o", str(out), "--html", str(html), "-q"]) == 0
    validate_report(json.loads(out.read_text(encoding="utf-8")))
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("option", ["-o", "--html"])
def test_an_unwritable_output_stops_the_run_before_any_article_is_checked(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, option: str) -> None:
    import wikilint.cli as cli

    def must_not_run(*args, **kwargs):
        raise AssertionError("the articles were checked before the output path was")

    monkeypatch.setattr(cli, "run_all", must_not_run)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    assert main(["report", str(SEED), option, str(blocker / "r.out")]) == 2
    assert "r.out" in capsys.readouterr().err
    assert main(["report", str(SEED), option, str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert main(["report", str(SEED), "--html", str(tmp_path / "d.html"), "--diff-from", str(blocker)]) == 2
    assert "not a JSON report" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == [blocker]


# -- the progress bar -----------------------------------------------------------------------------


def run_with_terminal_stderr(*args: str, columns: int = 0) -> tuple[str, str]:
    """Run wikilint with standard error on a pseudo-terminal (of ``columns``, or of no size as a bare
    one); its stdout and what the terminal showed."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    if columns:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "wikilint", *args], stdout=subprocess.PIPE, stderr=follower,
                            cwd=ROOT)
    os.close(follower)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        shown += chunk
    stdout = proc.stdout.read().decode("utf-8")
    proc.wait(timeout=120)
    os.close(leader)
    return stdout, shown.decode("utf-8", "replace")


@pytest.fixture(scope="module")
def eight_articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = tmp_path_factory.mktemp("eight")
    for i in range(8):
        (corpus / f"a{i}.wiki").write_text(f"第{i}篇的正文。<ref></ref>\n", encoding="utf-8")
    return corpus


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals on this system")
def test_progress_bar_only_on_a_terminal_for_long_runs(eight_articles: Path, tmp_path: Path) -> None:
    stdout, shown = run_with_terminal_stderr("check", str(eight_articles))
    # files done, elapsed<time left, files/s
    assert re.search(r"\b\d/8 \[\d\d:\d\d<(\?|\d\d:\d\d), ", shown) and "file/s" in shown
    assert stdout.count("FN001") == 8  # the findings themselves are untouched
    _, shown = run_with_terminal_stderr("check", str(eight_articles), "-j", "2", columns=120)
    assert re.search(r"\b\d/8 \[", shown) and "file/s" in shown
    _, shown = run_with_terminal_stderr("report", str(eight_articles), "-o", str(tmp_path / "r.json"))
    assert "/8 [" in shown and "wrote" in shown
    _, quiet = run_with_terminal_stderr("check", str(eight_articles), "-q")
    assert quiet == ""
    few = sorted(eight_articles.iterdir())[:3]
    _, shown = run_with_terminal_stderr("check", *map(str, few))
    assert "/3 [" not in shown and "file/s" not in shown and "3 errors" in shown
    piped = subprocess.run([sys.executable, "-m", "wikilint", "check", str(eight_articles)],
                           capture_output=True, text=True, cwd=ROOT)
    assert "file/s" not in piped.stderr and piped.stderr.startswith("8 errors")


def test_where_the_json_goes(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["report", str(SEED), "-q", "--reproducible"]) == 0
    printed = capsys.readouterr()
    validate_report(json.loads(printed.out))
    assert printed.err == ""
    assert main(["report", str(SEED), "--html", str(tmp_path / "d.html")]) == 0
    printed = capsys.readouterr()
    assert printed.out == "" and printed.err.startswith(f"wrote {tmp_path / 'd.html'}: 1 files")
    assert main(["report", str(SEED), "--diff-from", str(tmp_path / "d.html")]) == 2
    assert "--html" in capsys.readouterr().err


def test_settings_cover_every_configuration_in_force(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for folder, severity in (("a", "info"), ("b", "warning")):
        (corpus / folder).mkdir(parents=True)
        (corpus / folder / "x.wiki").write_text("正文。<ref></ref>\n", encoding="utf-8")
        (corpus / folder / "wikilint.toml").write_text(f'[severity]\nFN001 = "{severity}"\n', encoding="utf-8")
    out = tmp_path / "r.json"
    assert main(["report", str(corpus), "-o", str(out), "-q", "--reproducible"]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    validate_report(report, reference=True)
    severities = {f["path"].split("/")[-2]: x["severity"] for f in report["files"] for x in f["findings"] if x["rule"] == "FN001"}
    assert severities == {"a": "info", "b": "warning"}
    both = report["settings"]
    assert any("2 configurations" in note for note in both["notes"])
    assert main(["report", str(corpus / "a"), "-o", str(out), "-q", "--reproducible"]) == 0
    one = json.loads(out.read_text(encoding="utf-8"))["settings"]
    assert one["config_digest"] != both["config_digest"]
    assert {r["code"]: r["severity"] for r in one["rules"]}["FN001"] == "info"
