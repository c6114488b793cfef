"""What ``check`` leaves out: files and lines unchanged since ``--changed-since`` and findings
recorded in a ``--baseline``."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from wikilint.cli.args import UsageError
from wikilint.cli.session import ARTICLE_SUFFIXES, Session
from wikilint.engine.findings import FileResult


def _changed_files(args: argparse.Namespace, session: Session) -> tuple[list[str], dict]:
    """The article files git says changed since --changed-since, limited to PATHs when given."""
    from wikilint.gitdiff import GitError, changed_files

    try:
        changed = changed_files(args.changed_since, ARTICLE_SUFFIXES, args.only_changed_lines)
    except GitError as exc:
        raise UsageError(f"--changed-since {args.changed_since}: {exc}") from exc
    roots = [Path(p).resolve() for p in args.paths]
    keep = {c.path: c for c in changed
            if not roots or any(Path(c.path).resolve() == r or r in Path(c.path).resolve().parents for r in roots)}
    files = [path for path in keep if not session.configs.for_path(path).excluded(path)]
    return files, keep


def _introduced(results: list[FileResult], changed: dict, session: Session, rev: str) -> list[FileResult]:
    """--only-changed-lines: findings on changed lines, and findings of article-wide rules whose
    fingerprint the same file at REV did not have (the change introduced them elsewhere)."""
    from wikilint.gitdiff import keep_introduced, text_at

    out = []
    for result in results:
        entry = changed.get(result.path)
        if entry is None or entry.lines is None:
            out.append(result)
            continue
        runner = session.runner_for(result.path)
        wide = {r.code for r in runner.rules if getattr(r, "article_wide", False)}
        before: list[str] = []
        if wide and any(f.rule in wide for f in result.findings) and entry.old_path is not None:
            old = text_at(rev, entry.old_path)
            if old is not None:
                before = [f.fingerprint for f in runner.check_bytes(old.encode("utf-8"), result.path).findings]
        out.append(replace(result, findings=tuple(keep_introduced(result.findings, entry, before, wide))))
    return out


def _apply_baseline(args: argparse.Namespace, results: list[FileResult]) -> tuple[list[FileResult], int]:
    from wikilint import baseline
    from wikilint.engine.runner import write_atomically

    path = Path(args.baseline)
    try:
        recorded = baseline.load(path)
    except baseline.BaselineError as exc:
        raise UsageError(str(exc)) from exc
    outcome = baseline.apply(recorded, results)
    if outcome.stale and not args.fix and not args.diff:
        # gone from the article: dropping them makes a finding that comes back new again
        try:
            write_atomically(path, baseline.dumps(baseline.without(recorded, outcome.stale)), "utf-8")
            if not args.quiet:
                print(f"{args.baseline}: dropped {len(outcome.stale)} entries whose findings are gone", file=sys.stderr)
        except OSError:
            pass  # a read-only checkout (CI): the stale entries do no harm there
    return outcome.results, outcome.baselined
