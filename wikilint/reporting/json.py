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


def _counts(findings: Iterable[tuple[str, str]]) -> dict:
    """A file's ``counts`` from its findings' (family, severity)."""
    findings = list(findings)
    by_family = Counter(family for family, _ in findings)
    by_severity = Counter({s: 0 for s in SEVERITIES})
    by_severity.update(severity for _, severity in findings)
    return {"by_family": dict(sorted(by_family.items())), "by_severity": dict(sorted(by_severity.items()))}


def file_item(result: FileResult) -> dict:
    """The result as an item of the report's ``files``."""
    return {**result.as_dict(), "counts": _counts((f.family, f.severity) for f in result.findings)}


def build_report(results: Sequence[FileResult], rules: Iterable, existence_checked: bool,
                 settings: dict | None = None, run: dict | None = None) -> dict:
    """The report; ``settings`` from ``metadata.settings`` (defaults: no configuration), and the
    ``run`` object (dates, duration) only when given."""
    results = sorted(results, key=lambda r: r.path)
    report = report_header(rules, existence_checked, settings, len(results))
    if run is not None:
        report["run"] = run
    summary = Summary()
    for result in results:
        summary.add(result)
    return {**report, "files": [file_item(r) for r in results], "summary": summary.as_dict()}


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
    line = json.dumps(file_item(result), ensure_ascii=False) + "\n"
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
            f["counts"] = _counts((x["family"], x["severity"]) for x in f["findings"])
    return {**header, "files": ordered, "summary": summary.as_dict()}


def dumps(report: dict) -> str:
    return json.dumps(report, ensure_ascii=False, indent=2) + "\n"


# -- the report from pieces rendered in the workers ---------------------------------------------------
# Validating a report and writing it indented (json's indenting encoder is pure Python) cost about a
# tenth of checking the articles, and in one process after every worker is done: with two workers
# that serial tail capped the speed-up.  Each worker checks and renders its own files' items instead,
# exactly as ``dumps`` places them; the parent validates and writes the rest and splices them in.

_FILES_ITEM = ("properties", "files", "items")
_FILES_SLOT = "\0wikilint-files\0"  # json escapes NUL, so no other value of the skeleton renders like it


def render_report_file(result: FileResult) -> RenderedResult:
    """The result as its item of the report's ``files``, validated, indented as ``dumps`` places it."""
    from wikilint.schemas import check

    item = file_item(result)
    check("report", item, *_FILES_ITEM, at=f"files[{result.path!r}]")
    text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n    ")
    return RenderedResult(result.path, "    " + text, counts(result))


def dumps_rendered(header: dict, rendered: Iterable[RenderedResult]) -> tuple[str, dict]:
    """``dumps(report)`` of the report whose ``files`` are ``rendered`` (by ``render_report_file``) and whose
    other keys are ``header``'s, byte for byte, and the report without its files; the parts made here
    are validated here."""
    ordered = sorted(rendered, key=lambda r: r.path)
    summary = Summary()
    for r in ordered:
        summary.add_file(r.path, r.counts)
    skeleton = {**header, "files": [], "summary": summary.as_dict()}
    validate_report(skeleton)
    text = dumps({**skeleton, "files": _FILES_SLOT})
    files = "[\n" + ",\n".join(r.line for r in ordered) + "\n  ]" if ordered else "[]"
    slot = json.dumps(_FILES_SLOT)
    assert text.count(slot) == 1
    return text.replace(slot, files), skeleton


def validate_report(report: dict, reference: bool = False) -> None:
    """Raise InvalidDocument when the report does not match schemas/report.schema.json (a compiled
    jsonschema validator, fast enough for a corpus); ``reference=True`` uses jsonschema's own
    validator as it ships and raises its ValidationError."""
    if reference:
        from wikilint.schemas import reference_validator

        reference_validator("report").validate(report)
    else:
        from wikilint.schemas import check

        check("report", report)
