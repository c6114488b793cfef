"""The JSON report shared by ``check --format json`` and ``report``; see schemas/report.schema.json."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, TextIO

from wikilint import __version__
from wikilint.engine.findings import FileResult
from wikilint.reporting.summary import Summary, counts, dict_counts


def run_header(rules: Iterable, existence_checked: bool) -> dict:
    """What the report says about the run itself: the tool, the rules, whether targets were checked."""
    notes = []
    if not existence_checked:
        notes.append("link targets were not checked for existence: no title index was given (--titles or titles = …)")
    return {
        "tool": {"name": "wikilint", "version": __version__},
        "run": {
            "rules": [{"code": r.code, "name": r.name, "family": r.family} for r in rules],
            "existence_checked": existence_checked,
            "notes": notes,
        },
    }


def build_report(results: Iterable[FileResult], rules: Iterable, existence_checked: bool) -> dict:
    summary = Summary()
    files = [summary.add(r).as_dict() for r in sorted(results, key=lambda r: r.path)]
    return {**run_header(rules, existence_checked), "files": files, "summary": summary.as_dict()}


# -- JSON Lines: the report as a stream --------------------------------------------------------------
# The first line is the run header, then one line per file (the report's ``files`` items, in input
# order) as results come, and last ``{"summary": …}`` without ``by_file`` (the file lines hold it).
# ``report_from_jsonl`` puts the one-document report back together.


@dataclass(frozen=True, slots=True)
class RenderedResult:
    """A file result already turned into its JSON line (in the worker), with what the summary counts."""

    path: str
    line: str
    counts: tuple[tuple[str, str, str, bool | None], ...]


def render_jsonl(result: FileResult) -> RenderedResult:
    return RenderedResult(result.path, json.dumps(result.as_dict(), ensure_ascii=False) + "\n", counts(result))


def write_jsonl(rendered: Iterable[RenderedResult], out: TextIO, rules: Iterable, existence_checked: bool) -> Summary:
    """Write the stream: header, one line per result as it arrives, the summary.  Holds no finding."""
    summary = Summary(per_file=False)
    out.write(json.dumps(run_header(rules, existence_checked), ensure_ascii=False) + "\n")
    for r in rendered:
        out.write(r.line)
        summary.add_file(r.path, r.counts)
    out.write(json.dumps({"summary": summary.as_dict()}, ensure_ascii=False) + "\n")
    return summary


def report_from_jsonl(lines: Iterable[str]) -> dict:
    """The JSON report that a JSON Lines stream holds (files sorted by path, as ``report`` writes them)."""
    header: dict = {}
    files: list[dict] = []
    for line in lines:
        item = json.loads(line) if line.strip() else {}
        if "findings" in item:
            files.append(item)
        elif "tool" in item:
            header = item
    return report_from_files(header, files)


def report_from_files(header: dict, files: Iterable[dict]) -> dict:
    """The report of file objects (``{"path", "format", "findings"}``) gathered elsewhere: a stream, a cluster."""
    summary = Summary()
    ordered = sorted(files, key=lambda f: f["path"])
    for f in ordered:
        summary.add_file(f["path"], dict_counts(f))
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
