"""GitHub Actions workflow commands: one ``::error file=…,line=…::message`` line a finding, which the
Actions runner turns into annotations on the pull request's diff."""

from __future__ import annotations

from typing import Iterable

from wikilint.engine.findings import FileResult

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render(results: Iterable[FileResult], rules=(), existence_checked: bool = False) -> str:
    lines = []
    for result in results:
        for f in result.findings:
            start, end = f.range.start, f.range.end
            props = (f"file={_property(f.path)},line={start.line},col={start.column},"
                     f"endLine={end.line},endColumn={end.column},title={_property(f.rule)}")
            lines.append(f"::{LEVELS[f.severity]} {props}::{_data(f'{f.rule} {f.name}: {f.message}')}\n")
    return "".join(lines)
