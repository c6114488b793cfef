"""``path:line:col: severity RULE message``, one line a finding, colour only on a terminal."""

from __future__ import annotations

from typing import Iterable, TextIO

from wikilint.engine.findings import FileResult

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_RESET, _BOLD = "\033[0m", "\033[1m"


def write_text(results: Iterable[FileResult], out: TextIO, colour: bool = False) -> int:
    count = 0
    for result in results:
        for f in result.findings:
            count += 1
            where = f"{f.path}:{f.range.start.line}:{f.range.start.column}:"
            if colour:
                severity = f"{_COLOURS.get(f.severity, '')}{f.severity}{_RESET}"
                out.write(f"{_BOLD}{where}{_RESET} {severity} {f.rule} {f.message}\n")
            else:
                out.write(f"{where} {f.severity} {f.rule} {f.message}\n")
    return count


def summary_line(results: Iterable[FileResult]) -> str:
    """``3 errors, 1 warning, 0 info in 2 files; 2 fixable with --fix (1 more with --unsafe-fixes)``."""
    from wikilint.reporting.summary import Summary

    summary = Summary(per_file=False)
    for result in results:
        summary.add(result)
    return summary.line()
