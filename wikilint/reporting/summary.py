"""Counts over a stream of file results, kept as the results pass: no reporter needs to hold every
finding to summarise a run."""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator, Sequence

from wikilint.engine.findings import FileResult

Count = tuple[str, str, str, "bool | None"]  # rule, family, severity, the fix's safety (None: no fix)


def counts(result: FileResult) -> tuple[Count, ...]:
    return tuple((f.rule, f.family, f.severity, None if f.fix is None else f.fix.safe) for f in result.findings)


def dict_counts(file: dict) -> tuple[Count, ...]:
    """The same, from a file object of the JSON report."""
    return tuple((f["rule"], f["family"], f["severity"], f["fix"]["safe"] if "fix" in f else None) for f in file["findings"])


class Summary:
    """Findings per rule, family and severity, fixable counts, and (``per_file``) findings per file.

    ``per_file`` is what the JSON report's ``by_file`` needs; a streamed run leaves it off so that its
    memory does not grow with the number of files."""

    def __init__(self, per_file: bool = True) -> None:
        self.files = 0
        self.findings = 0
        self.by_rule: Counter[str] = Counter()
        self.by_family: Counter[str] = Counter()
        self.by_severity: Counter[str] = Counter({"error": 0, "warning": 0, "info": 0})
        self.by_file: dict[str, int] | None = {} if per_file else None
        self.safe_fixes = self.unsafe_fixes = 0

    def add(self, result: FileResult) -> FileResult:
        self.add_file(result.path, counts(result))
        return result

    def add_file(self, path: str, findings: Sequence[Count]) -> None:
        """One file and, for each of its findings, (rule, family, severity, whether its fix is safe)."""
        self.files += 1
        self.findings += len(findings)
        if self.by_file is not None:
            self.by_file[path] = len(findings)
        for rule, family, severity, safe_fix in findings:
            self.by_rule[rule] += 1
            self.by_family[family] += 1
            self.by_severity[severity] += 1
            if safe_fix is True:
                self.safe_fixes += 1
            elif safe_fix is False:
                self.unsafe_fixes += 1

    def passing(self, results: Iterable[FileResult]) -> Iterator[FileResult]:
        """``results``, counted as they go by."""
        for result in results:
            yield self.add(result)

    def as_dict(self) -> dict:
        out = {
            "files": self.files,
            "findings": self.findings,
            "by_rule": dict(sorted(self.by_rule.items())),
            "by_family": dict(sorted(self.by_family.items())),
            "by_severity": dict(sorted(self.by_severity.items())),
        }
        if self.by_file is not None:
            out["by_file"] = self.by_file
        return out

    def line(self) -> str:
        """``3 errors, 1 warning, 0 info in 2 files; 2 fixable with --fix (1 more with --unsafe-fixes)``."""

        def plural(n: int, word: str) -> str:
            return f"{n} {word}" + ("s" if n != 1 and word != "info" else "")

        counts = self.by_severity
        line = (f"{plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
                f"{plural(counts['info'], 'info')} in {plural(self.files, 'file')}")
        if self.safe_fixes or self.unsafe_fixes:
            line += f"; {self.safe_fixes} fixable with --fix" + (
                f" ({self.unsafe_fixes} more with --unsafe-fixes)" if self.unsafe_fixes else "")
        return line
