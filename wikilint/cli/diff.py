"""``wikilint diff``: new, fixed and unchanged findings between two JSON reports."""

from __future__ import annotations

import argparse
import sys

from wikilint.cli.args import EXIT_FINDINGS, EXIT_OK, UsageError
from wikilint.engine.rule import Severity


def _read_report(name: str) -> dict:
    from wikilint.reporting.diff import ReportError, load_report

    try:
        return load_report(name)
    except ReportError as exc:
        raise UsageError(str(exc)) from exc


def cmd_diff(args: argparse.Namespace) -> int:
    from wikilint.reporting.diff import diff_reports, dumps_diff, write_diff_text

    changes = diff_reports(_read_report(args.old), _read_report(args.new))
    if args.format == "json":
        sys.stdout.write(dumps_diff(changes))
    else:
        write_diff_text(changes, sys.stdout)
    fail_on = Severity(args.fail_on)
    failing = any(Severity(f["severity"]).rank >= fail_on.rank for f in changes.new)
    return EXIT_FINDINGS if failing else EXIT_OK
