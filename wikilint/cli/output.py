"""Where ``check``'s report goes (the terminal, ``--output-file``, several formats at once), its
colour, ``--statistics`` and fail level, and the files commands write."""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, TextIO

from wikilint.cli.args import UsageError
from wikilint.cli.fixing import FixTally
from wikilint.cli.session import Session
from wikilint.engine.findings import FileResult
from wikilint.engine.rule import Severity


@dataclass
class CheckRun:
    """What one ``check`` found, after fixes, --only-changed-lines and the baseline."""

    results: list[FileResult]
    tally: FixTally
    stdin_fixed: str | None = None  # ``check - --fix``: the fixed text, for standard output
    baselined: int | None = None


def _emit(args: argparse.Namespace, session: Session, run: CheckRun, formats: list[str]) -> None:
    """The report to --output-file and the terminal, then the fix count and the summary on standard error."""
    from wikilint.reporting.formats import render
    from wikilint.reporting.text import summary_line

    results = run.results
    terminal = formats[:-1] if args.output_file else formats
    settings = session.settings(len(results)) if "json" in formats else None
    if args.output_file:
        _write_output(args.output_file, render(formats[-1], results, session.rules, session.existence_checked,
                                               settings=settings))
    if run.stdin_fixed is not None:
        sys.stdout.write(run.stdin_fixed)  # the fixed text owns standard output; what is left goes to stderr
        if not args.quiet:
            sys.stderr.write(render("text", results, (), False, _colour(args.color, sys.stderr)))
        terminal = []
    for fmt in terminal:
        if fmt == "text":
            if args.diff:
                continue
            sys.stdout.write(_statistics(results) if args.statistics else
                             render("text", results, (), False, _colour(args.color, sys.stdout)))
        else:
            sys.stdout.write(render(fmt, results, session.rules, session.existence_checked, settings=settings))
    if args.quiet:
        return
    if args.fix:
        applied, files = run.tally.applied, run.tally.files
        where = "" if run.stdin_fixed is not None else f" in {files} file{'s' if files != 1 else ''}"
        print(f"applied {applied} fix{'es' if applied != 1 else ''}{where}", file=sys.stderr)
    line = summary_line(results)
    if run.baselined is not None:
        line += f"; {run.baselined} baselined"
    print(line, file=sys.stderr)


def _failing(args: argparse.Namespace, session: Session, result: FileResult) -> bool:
    """Whether a finding reaches the fail level: --fail-on, else the file's own configuration's."""
    level = Severity(args.fail_on or session.configs.for_path(result.path).fail_on)
    return any(Severity(f.severity).rank >= level.rank for f in result.findings)


def _statistics(results: list[FileResult]) -> str:
    counts: Counter[tuple[str, str]] = Counter()
    fixable: set[str] = set()
    for result in results:
        for f in result.findings:
            counts[(f.rule, f.name)] += 1
            if f.fix is not None and f.fix.safe:
                fixable.add(f.rule)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(n)) for _, n in rows), default=1)
    return "".join(f"{n:>{width}}  {rule}  {'[*] ' if rule in fixable else '    '}{name}\n" for (rule, name), n in rows)


def _colour(choice: str, stream) -> bool:
    """--color always/never wins; then NO_COLOR turns colour off and FORCE_COLOR on (no-color.org,
    force-color.org); otherwise colour on a terminal."""
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream.isatty()


def _write_output(target: str, text: str) -> None:
    path = Path(target)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from exc


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    """Standard output, or ``path`` written through a temporary file renamed over it at the end
    (a run that fails part way leaves the previous report in place)."""
    if not path:
        yield sys.stdout
        return
    import tempfile

    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".wikilint-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
        os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
