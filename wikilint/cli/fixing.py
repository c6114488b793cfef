"""``check --fix`` and ``check --diff``: each file fixed to a fixed point and written atomically (or
shown as a diff), and ``check - --fix``, which prints the fixed standard input."""

from __future__ import annotations

import os
from dataclasses import dataclass

from wikilint.cli.session import Session, _with_progress
from wikilint.engine.findings import FileResult, Finding


@dataclass
class FixTally:
    applied: int = 0
    files: int = 0
    diffs: int = 0


def _fix_files(session: Session, files: list[str], unsafe: bool, diff_only: bool, out,
               quiet: bool = True) -> tuple[list[FileResult], FixTally]:
    """Check each file once; where fixes apply, fix it to a fixed point and write it (or its diff).
    A file that cannot be written is reported (EN003) and the others are still fixed."""
    from wikilint.engine.runner import FIX_NOT_WRITTEN, decode, fix_rounds, system_finding
    from wikilint.writing import NotWritten, remove_stale_temps, write_fixed

    results, tally = [], FixTally()
    cleaned: set[str] = set()
    for path in _with_progress(files, len(files), quiet):
        runner = session.runner_for(path)
        shown = runner.shown(path)
        data = runner.read(path) if path != "-" else None
        if not isinstance(data, bytes):  # standard input is fixed by _fix_stdin; an unreadable file is a finding
            results.append(runner.check(path) if data is None else FileResult(shown, None, (data,)))
            continue
        folder = os.path.dirname(os.path.realpath(path))
        if not diff_only and folder not in cleaned:
            cleaned.add(folder)
            remove_stale_temps(folder)  # left by a run that was killed while writing
        result = runner.check_bytes(data, shown)
        decoded = decode(data, shown, runner.config)
        if result.format is None or isinstance(decoded, Finding) or not any(f.fix for f in result.findings):
            results.append(result)
            continue
        try:
            fixed, remaining, applied = fix_rounds(decoded.text, shown, runner.rules, runner.ctx, runner.config,
                                                   result.format, unsafe, findings=list(result.findings))
        except Exception:  # noqa: BLE001 - the check already reported what failed; leave the file untouched
            results.append(result)
            continue
        if fixed != decoded.text:
            if diff_only:
                import difflib

                out.writelines(difflib.unified_diff(
                    decoded.text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"))
                remaining = list(result.findings)
                tally.diffs += 1
            else:
                try:
                    write_fixed(path, fixed, decoded.encoding)
                    tally.applied += applied
                    tally.files += 1
                except NotWritten as exc:
                    remaining = sorted([*result.findings, system_finding(FIX_NOT_WRITTEN, shown, str(exc), decoded.text)],
                                       key=lambda f: f.sort_key)
        results.append(FileResult(result.path, result.format, tuple(runner.shown_findings(remaining))))
    return results, tally


def _fix_stdin(session: Session, unsafe: bool) -> tuple[FileResult, str, int]:
    """``check - --fix``: the fixed text of standard input, for editors that pipe a buffer through."""
    from wikilint.engine.runner import decode, fix_rounds

    runner = session.runner_for("-")
    data = runner.read("-")
    shown = runner.shown("-")
    if isinstance(data, Finding):
        return FileResult(shown, None, (data,)), "", 0
    result = runner.check_bytes(data, shown)
    decoded = decode(data, shown, runner.config)
    if result.format is None or isinstance(decoded, Finding):
        return result, data.decode("utf-8", "surrogateescape"), 0
    fixed, remaining, applied = fix_rounds(decoded.text, shown, runner.rules, runner.ctx, runner.config,
                                           result.format, unsafe, findings=list(result.findings))
    return FileResult(shown, result.format, tuple(runner.shown_findings(remaining))), fixed, applied
