"""The JSON report shared by ``check --format json`` and ``report``; see schemas/report.schema.json."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence, TextIO

from wikilint import __version__
from wikilint.engine.findings import FileResult
from wikilint.reporting.summary import Summary, counts, dict_counts

SEVERITIES = ("error", "warning", "info")


def _counts(findings) -> dict:
    by_family = Counter(f.family for f in findings)
    by_severity = Counter({s: 0 for s in SEVERITIES})
    by_severity.update(f.severity for f in findings)
    return {"by_family": dict(sorted(by_family.items())), "by_severity": dict(sorted(by_severity.items()))}


def build_report(results: Sequence[FileResult], rules: Iterable, existence_checked: bool,
                 settings: dict | None = None, run: dict | None = None) -> dict:
    """The report; ``settings`` from ``metadata.settings`` (defaults: no configuration), and the
    ``run`` object (dates, duration) only when given."""
    from wikilint.config import Config
    from wikilint.reporting.metadata import SCHEMA_VERSION, RunOptions
    from wikilint.reporting.metadata import settings as default_settings

    results = sorted(results, key=lambda r: r.path)
    if settings is None:
        settings = default_settings([Config()], tuple(rules), RunOptions(), len(results), (), existence_checked)
    by_rule: Counter[str] = Counter()
    by_family: Counter[str] = Counter()
    by_severity: Counter[str] = Counter({s: 0 for s in SEVERITIES})
    by_file: dict[str, int] = {}
    files = []
    for result in results:
        by_file[result.path] = len(result.findings)
        for f in result.findings:
            by_rule[f.rule] += 1
            by_family[f.family] += 1
            by_severity[f.severity] += 1
        files.append({**result.as_dict(), "counts": _counts(result.findings)})
    report = {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "wikilint", "version": __version__},
        "settings": settings,
    }
    if run is not None:
        report["run"] = run
    report["files"] = files
    report["summary"] = {
        "files": len(results),
        "findings": sum(by_file.values()),
        "by_rule": dict(sorted(by_rule.items())),
        "by_family": dict(sorted(by_family.items())),
        "by_severity": dict(sorted(by_severity.items())),
        "by_file": by_file,
    }
    return report


def report_header(rules: Iterable, existence_checked: bool, settings: dict | None, inputs: int) -> dict:
    from wikilint.config import Config
    from wikilint.reporting.metadata import SCHEMA_VERSION, RunOptions
    from wikilint.reporting.metadata import settings as default_settings

    if settings is None:
        settings = default_settings([Config()], tuple(rules), RunOptions(), inputs, (), existence_checked)
    return {"schema_version": SCHEMA_VERSION, "tool": {"name": "wikilint", "version": __version__}, "settings": settings}


# -- JSON Lines: the report as a stream --------------------------------------------------------------
# One line per file or dump page (the report's ``files`` items, in input order) as results come, and
# last the report's header (schema_version, tool, settings) with ``summary`` (without ``by_file``:
# the file lines hold it).  ``report_from_jsonl`` puts the one-document report back together.


@dataclass(frozen=True, slots=True)
class RenderedResult:
    """A file result already turned into its JSON line (in the worker), with what the summary counts."""

    path: str
    line: str
    counts: tuple[tuple[str, str, str, bool | None], ...]


def render_jsonl(result: FileResult) -> RenderedResult:
    line = json.dumps({**result.as_dict(), "counts": _counts(result.findings)}, ensure_ascii=False) + "\n"
    return RenderedResult(result.path, line, counts(result))


def write_jsonl(rendered: Iterable[RenderedResult], out: TextIO, rules: Iterable, existence_checked: bool,
                settings: Callable[[int], dict] | None = None) -> Summary:
    """Write the stream: one line per result as it arrives, then the header and summary.  Holds no finding."""
    summary = Summary(per_file=False)
    for r in rendered:
        out.write(r.line)
        summary.add_file(r.path, r.counts)
    last = report_header(rules, existence_checked, settings(summary.files) if settings else None, summary.files)
    out.write(json.dumps({**last, "summary": summary.as_dict()}, ensure_ascii=False) + "\n")
    return summary


def report_from_jsonl(lines: Iterable[str]) -> dict:
    """The JSON report that a JSON Lines stream holds (files sorted by path, as ``report`` writes them)."""
    header: dict = {}
    files: list[dict] = []
    for line in lines:
        item = json.loads(line) if line.strip() else {}
        if "findings" in item:
            files.append(item)
        elif "summary" in item:
            header = {k: v for k, v in item.items() if k != "summary"}
    return report_from_files(header, files)


def report_from_files(header: dict, files: Iterable[dict]) -> dict:
    """The report of file objects (``{"path", "format", "findings", "counts"}``) gathered elsewhere:
    a stream, a cluster."""
    summary = Summary()
    ordered = sorted(files, key=lambda f: f["path"])
    for f in ordered:
        summary.add_file(f["path"], dict_counts(f))
        if "counts" not in f:
            by_family = Counter(x["family"] for x in f["findings"])
            by_severity = Counter({s: 0 for s in SEVERITIES})
            by_severity.update(x["severity"] for x in f["findings"])
            f["counts"] = {"by_family": dict(sorted(by_family.items())), "by_severity": dict(sorted(by_severity.items()))}
    return {**header, "files": ordered, "summary": summary.as_dict()}


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


def validate_report(report: dict, reference: bool = False) -> None:
    """Raise when the report does not match schemas/report.schema.json: a compiled validator by
    default (fast enough for a corpus), jsonschema itself with ``reference=True``."""
    if reference:
        from wikilint.schemas import validator

        validator("report").validate(report)
    else:
        from wikilint.schemas import fast_validate

        fast_validate("report", report)
