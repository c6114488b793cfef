"""The report put together from pieces rendered in the workers is the report ``dumps`` writes, byte
for byte, and each piece is validated where it is made."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from wikilint.engine.findings import FileResult
from wikilint.engine.fingerprint import with_fingerprints
from wikilint.engine.runner import lint_text
from wikilint.engine.registry import all_rules
from wikilint.reporting.json import build_report, dumps, dumps_rendered, render_report_file, validate_report
from wikilint.reporting.metadata import run_info
from wikilint.schemas import InvalidDocument, reference_validator

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_88e16bf0a95b60aa.txt"
CORPUS = ROOT / "tests" / "devcorpus"


def result(path: str, text: str) -> FileResult:
    findings = lint_text(text, path)
    return FileResult(path, "markdown" if path.endswith((".md", ".txt")) else "wikitext",
                      tuple(with_fingerprints(findings, text)))


def results() -> list[FileResult]:
    picked = [SEED, *sorted((CORPUS / "wikitext").iterdir())[:2], *sorted((CORPUS / "markdown").iterdir())[:2]]
    out = [result(str(p), p.read_text(encoding="utf-8")) for p in picked]
    # a path that is not UTF-8 (kept as surrogate escapes), a file with no finding, one that was not read
    out.append(result("ok\udcffname.wiki", "正文。\n"))
    out.append(FileResult("z-empty.md", None, ()))
    return out[::-1]  # out of order: both ways sort by path


@pytest.mark.parametrize("with_run", [False, True])
def test_the_spliced_report_is_the_report_byte_for_byte(with_run: bool) -> None:
    got = results()
    run = run_info(1_765_000_000.0, 1.5, [str(CORPUS)]) if with_run else None
    report = build_report(got, all_rules(), False, run=run)
    header = {k: v for k, v in report.items() if k not in ("files", "summary")}
    spliced, skeleton = dumps_rendered(header, [render_report_file(r) for r in got])
    assert spliced == dumps(report)
    assert skeleton == {**report, "files": []}
    assert sum(len(f["findings"]) for f in json.loads(spliced)["files"]) > 100
    reference_validator("report").validate(json.loads(spliced))


def test_a_worker_refuses_a_file_that_breaks_the_schema() -> None:
    good = result("a.md", SEED.read_text(encoding="utf-8"))
    broken = dataclasses.replace(good.findings[3], severity="fatal")
    bad = FileResult("a.md", "markdown", (*good.findings[:3], broken))
    with pytest.raises(InvalidDocument, match=r"files\['a.md'\].findings\[3\].severity"):
        render_report_file(bad)


def test_the_parent_refuses_a_header_that_breaks_the_schema() -> None:
    got = [render_report_file(result("a.md", "正文。\n"))]
    report = build_report([], all_rules(), False)
    header = {k: v for k, v in report.items() if k not in ("files", "summary")}
    with pytest.raises(InvalidDocument, match="schema_version"):
        dumps_rendered({**header, "schema_version": 1}, got)
    validate_report(json.loads(dumps_rendered(header, got)[0]))
