"""The ``wikilint`` command: check, report, diff, baseline, rules, names.

Exit codes: 0 nothing at the fail level, 1 findings at the fail level (or, with --diff, a change to
show), 2 a usage or configuration error or an internal failure, so CI tells a crash from findings.

Here are ``main`` and the commands that lint articles (check, report, baseline); the pieces they
share are in ``args`` (the parser), ``session`` (configurations, runners, ``run_all``), ``fixing``
(--fix, --diff), ``filters`` (--changed-since, --baseline) and ``output`` (the check report, files
written); ``diff`` and ``rules`` are the commands that read reports and the rules."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Sequence

from wikilint.cli.args import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    UsageError,
    _namespaces,
    _parser,
    _paths_required,
)
from wikilint.cli.diff import _read_report, cmd_diff
from wikilint.cli.filters import _apply_baseline, _changed_files, _introduced
from wikilint.cli.fixing import FixTally, _fix_files, _fix_stdin
from wikilint.cli.output import CheckRun, _emit, _failing, _output, _write_output
from wikilint.cli.rules import cmd_rules
from wikilint.cli.session import ARTICLE_SUFFIXES, Configs, Runner, Session, iter_files, iter_items, run_all
from wikilint.config import ConfigError
from wikilint.reporting.output import OutputError
from wikilint.schemas import InvalidDocument

__all__ = [
    "ARTICLE_SUFFIXES",
    "EXIT_FINDINGS",
    "EXIT_INTERNAL",
    "EXIT_OK",
    "EXIT_USAGE",
    "Configs",
    "Runner",
    "Session",
    "UsageError",
    "iter_files",
    "iter_items",
    "main",
    "run_all",
]


def cmd_check(args: argparse.Namespace) -> int:
    formats = args.format or ["text"]
    if len(formats) > 1 and not args.output_file:
        raise UsageError("several --format values need --output-file: the last goes to the file, the others to the terminal")
    if args.only_changed_lines and not args.changed_since:
        raise UsageError("--only-changed-lines needs --changed-since REV")
    if not args.paths and not args.changed_since:
        raise UsageError("no path given: name files or folders, '-' for standard input, or use --changed-since REV")
    session = Session(args)
    run = _run_check(args, session)
    session.prepare(())  # a run with no file still describes the rules (SARIF, JSON)
    _emit(args, session, run, formats)
    if args.exit_zero:
        return EXIT_OK
    if args.diff:
        return EXIT_FINDINGS if run.tally.diffs else EXIT_OK
    return EXIT_FINDINGS if any(_failing(args, session, r) for r in run.results) else EXIT_OK


def _run_check(args: argparse.Namespace, session: Session) -> CheckRun:
    changed = None
    if args.changed_since:
        files, changed = _changed_files(args, session)
    else:
        files = list(iter_files(args.paths, session.configs.for_path))
    run = CheckRun([], FixTally())
    if args.fix and files == ["-"]:
        result, run.stdin_fixed, run.tally.applied = _fix_stdin(session, args.unsafe_fixes)
        run.results = [result]
    elif args.fix or args.diff:
        from wikilint.formats.dump import is_dump

        if any(p != "-" and is_dump(p) for p in files):
            raise UsageError("--fix and --diff rewrite files, not the pages of a dump")
        run.results, run.tally = _fix_files(session, files, args.unsafe_fixes, args.diff, sys.stdout, args.quiet)
    else:
        run.results = list(run_all(session, files, args.jobs, args.quiet, _namespaces(args)))
    if changed is not None and args.only_changed_lines:
        run.results = _introduced(run.results, changed, session, args.changed_since)
    if args.baseline:
        run.results, run.baselined = _apply_baseline(args, run.results)
    return run


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from wikilint.engine.runner import write_atomically
    from wikilint.reporting.json import dumps_rendered, report_header
    from wikilint.reporting.metadata import run_info
    from wikilint.reporting.output import prepare_output

    _paths_required(args)
    # everything that could fail at the end is checked before the run: the outputs and the old report
    json_target = prepare_output(args.output) if args.output else None
    html_target = prepare_output(args.html) if args.html else None
    if args.diff_from and not args.html:
        raise UsageError("--diff-from marks findings in the dashboard: give --html FILE too")
    old = _read_report(args.diff_from) if args.diff_from else None
    session = Session(args)
    files = list(iter_files(args.paths, session.configs.for_path))
    namespaces = _namespaces(args)
    if args.format == "jsonl":
        from wikilint.reporting.json import write_jsonl

        if args.html:
            raise UsageError("--html draws the dashboard from the JSON report: it needs --format json")
        results = run_all(session, files, args.jobs, args.quiet, namespaces, session.check_rendered)
        with _output(args.output) as out:
            summary = write_jsonl(results, out, session.rules, session.existence_checked,
                                  lambda _: session.settings(len(files)))
        s = summary.as_dict()
        if args.output and not args.quiet:
            print(f"wrote {args.output}: {s['files']} files, {s['findings']} findings "
                  f"({s['by_severity']['error']} errors, {s['by_severity']['warning']} warnings, {s['by_severity']['info']} info)",
                  file=sys.stderr)
        return EXIT_OK
    started, clock = time.time(), time.perf_counter()
    rendered = list(run_all(session, files, args.jobs, args.quiet, namespaces, session.check_reported))
    run = None if args.reproducible else run_info(started, time.perf_counter() - clock, args.paths)
    header = report_header(session.rules, session.existence_checked, session.settings(len(files)), len(files))
    text, report = dumps_rendered({**header, "run": run} if run is not None else header, rendered)
    if json_target is not None:
        write_atomically(json_target, text, "utf-8")
    elif html_target is None:
        sys.stdout.write(text)
    if html_target is not None:
        import json

        from wikilint.reporting.diff import diff_reports
        from wikilint.reporting.html import render_dashboard

        report = json.loads(text)  # the dashboard draws every finding
        changes = diff_reports(old, report) if old is not None else None
        write_atomically(html_target, render_dashboard(report, changes), "utf-8")
    if not args.quiet and (json_target or html_target):
        s = report["summary"]
        written = " and ".join(str(t) for t in (json_target, html_target) if t is not None)
        print(f"wrote {written}: {s['files']} files, {s['findings']} findings "
              f"({s['by_severity']['error']} errors, {s['by_severity']['warning']} warnings, {s['by_severity']['info']} info)",
              file=sys.stderr)
    return EXIT_OK


def cmd_baseline(args: argparse.Namespace) -> int:
    from wikilint import baseline

    _paths_required(args)
    session = Session(args)
    results = list(run_all(session, list(iter_files(args.paths, session.configs.for_path)), args.jobs, True, _namespaces(args)))
    recorded = baseline.build(results)
    _write_output(args.output, baseline.dumps(recorded))
    print(f"wrote {args.output}: {len(recorded['findings'])} findings in {len(results)} files", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["names"] and argv[1:2] != ["-h"] and argv[1:2] != ["--help"]:
        from wikilint import names_import  # its own parser owns every option after `names`

        return names_import.main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    import signal

    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        handler = {"check": cmd_check, "report": cmd_report, "baseline": cmd_baseline, "rules": cmd_rules,
                   "diff": cmd_diff}[args.command]
        status = handler(args)
        sys.stdout.flush()  # a full disk shows here, while the error can still be reported
        return status
    except (ConfigError, UsageError, OutputError) as exc:
        print(f"wikilint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidDocument as exc:  # a report that breaks its own schema is a bug; nothing is written
        print(f"wikilint: internal error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        _silence_stdout()
        print("wikilint: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        _silence_stdout()
        print("wikilint: terminated", file=sys.stderr)
        return 143
    except OSError as exc:  # mostly writing the output: a full disk, a closed terminal, a vanished folder
        from wikilint.writing import display_path

        _silence_stdout()
        where = f"{display_path(str(exc.filename))}: " if exc.filename else "output: "
        print(f"wikilint: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception:  # noqa: BLE001 - a crash must not look like findings (exit 1) to CI
        import traceback

        print(f"wikilint: internal error: please report it with the input that caused it\n{traceback.format_exc()}",
              file=sys.stderr)
        return EXIT_INTERNAL
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class Terminated(BaseException):
    """SIGTERM, raised where the run is so that temporary files are removed on the way out."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated


def _silence_stdout() -> None:
    # a failed flush is retried at exit and would print a second error: point stdout at nothing
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
