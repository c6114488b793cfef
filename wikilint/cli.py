"""The ``wikilint`` command: check, report, rules, names."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator, Sequence, TypeVar

from wikilint import __version__
from wikilint.config import Config, ConfigError, find_config, load_file
from wikilint.engine.findings import FileResult, Finding
from wikilint.engine.rule import Severity
from wikilint.reporting.output import OutputError
from wikilint.schemas import InvalidDocument

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".wiki", ".wikitext", ".mediawiki")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


T = TypeVar("T")


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wikilint", description="Lint wiki articles (MediaWiki wikitext and zh-wiki exported markdown).")
    parser.add_argument("--version", action="version", version=f"wikilint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", help="files or folders (folders recurse); '-' reads standard input")
        p.add_argument("--config", help="a wikilint.toml or pyproject.toml to use instead of the nearest one")
        p.add_argument("--select", action="append", help="rules to run (code, prefix, name or family; comma-separated)")
        p.add_argument("--ignore", action="append", help="rules not to run")
        p.add_argument("--input-format", choices=("wikitext", "markdown"), help="override format detection")
        p.add_argument("--titles", help="title index: titles file (.gz too), folder of exported articles, or dump")
        p.add_argument("--variant", help="the articles' target variant (zh-hant, zh-tw, zh-hk, zh-hans, zh-cn)")
        p.add_argument("--stdin-filename", default="<stdin>", help="the path to report for '-'")
        p.add_argument("-j", "--jobs", type=int, default=1, help="worker processes (default 1)")

    check = sub.add_parser("check", help="check articles and print findings")
    common(check)
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--fail-on", choices=("error", "warning", "info"))
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place (atomically)")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line on standard error")

    report = sub.add_parser("report", help="write the JSON report for a corpus, with a summary, or an HTML dashboard")
    common(report)
    report.add_argument("-o", "--output", help="JSON file to write, folders created (default: standard output, "
                        "unless --html is given)")
    report.add_argument("--html", metavar="FILE", help="also write a self-contained HTML dashboard")
    report.add_argument("--diff-from", metavar="OLD.json", help="mark new and fixed findings against an older report "
                        "in the dashboard")
    report.add_argument("--reproducible", action="store_true",
                        help="leave out the run object (dates, duration, revision): same input, same bytes")
    report.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary on standard error")

    diff = sub.add_parser("diff", help="compare two JSON reports: new, fixed and unchanged findings")
    diff.add_argument("old", help="the older report (JSON)")
    diff.add_argument("new", help="the newer report (JSON)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                      help="exit 1 when a new finding reaches this severity (default error)")

    rules = sub.add_parser("rules", help="list the rules, or show one rule's doc")
    rules.add_argument("rule", nargs="?", help="a rule code or name")
    rules.add_argument("--docs", action="store_true", help="print every rule's full doc")

    names = sub.add_parser("names", help="name-table tools")
    names_sub = names.add_subparsers(dest="names_command", required=True)
    names_sub.add_parser("import-cgroups", help="turn zh-wiki conversion groups (JSON) into name tables "
                         "(`wikilint names import-cgroups --help` for its options)")
    return parser


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _load_config(args: argparse.Namespace) -> Config:
    if args.config:
        config = load_file(Path(args.config))
    else:
        first = next((p for p in args.paths if p != "-"), ".")
        config = find_config(Path(first))
    if getattr(args, "variant", None):
        from dataclasses import replace

        config = replace(config, variant=args.variant)
    return config


def iter_files(paths: Sequence[str], config: Config) -> Iterator[str]:
    """Named files always; folders walked in sorted order for article suffixes, hidden entries skipped."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in files:
                    if name.lower().endswith(ARTICLE_SUFFIXES) and not name.startswith("."):
                        candidate = os.path.join(root, name)
                        if not config.excluded(candidate):
                            found.append(candidate)
            yield from sorted(found)
        else:
            yield raw


class Runner:
    """Everything one run shares, built once: config, rules, context."""

    def __init__(self, args: argparse.Namespace, config: Config) -> None:
        from wikilint.engine.runner import make_context, rules_for

        self.config = config
        self.input_format = args.input_format
        self.rules = rules_for(config, _split(args.select) or None, _split(args.ignore))
        if not self.rules:
            raise UsageError("no rule selected: check --select / --ignore")
        self.ctx = make_context(config, args.titles)
        self.stdin_filename = args.stdin_filename
        from wikilint.reporting.metadata import RunOptions

        self.options = RunOptions(tuple(_split(args.select)), tuple(_split(args.ignore)), args.input_format, args.titles)

    def settings(self, inputs: int) -> dict:
        """The report's ``settings``: what decides this run's findings."""
        from wikilint.reporting.metadata import settings

        rules_dir = self.ctx.data.rules_dir if self.ctx.data is not None else None
        return settings(self.config, self.rules, self.options, inputs, rules_dir, self.ctx.titles is not None)

    def read(self, path: str) -> bytes | Finding:
        from wikilint.engine.runner import INPUT_UNREADABLE, system_finding

        try:
            if path == "-":
                return sys.stdin.buffer.read()
            return Path(path).read_bytes()
        except OSError as exc:
            return system_finding(INPUT_UNREADABLE, path, f"cannot read: {exc.strerror or exc}")

    def check(self, path: str) -> FileResult:
        from wikilint.engine.runner import check_bytes

        data = self.read(path)
        shown = self.stdin_filename if path == "-" else path
        if isinstance(data, Finding):
            return FileResult(shown, None, (data,))
        return check_bytes(data, shown, self.rules, self.ctx, self.config, self.input_format)


_WORKER: Runner | None = None


def _init_worker(runner: Runner) -> None:
    global _WORKER
    _WORKER = runner


def _check_in_worker(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.check(path)


PROGRESS_MIN_FILES = 5


def _with_progress(items: Iterable[T], total: int, quiet: bool) -> Iterable[T]:
    """A progress bar on standard error (files done, files/s, time left) when it is a terminal and the
    run is long enough to want one; the items unchanged otherwise."""
    if quiet or total <= PROGRESS_MIN_FILES or not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    try:  # tqdm draws nothing on a terminal that reports no size (a bare pseudo-terminal)
        size = os.get_terminal_size(sys.stderr.fileno())
        sized = size.columns > 0 and size.lines > 0
    except (OSError, ValueError):
        sized = False
    fallback = {} if sized else {"ncols": 80, "nrows": 24}
    return tqdm(items, total=total, file=sys.stderr, unit="file", leave=False, dynamic_ncols=sized, **fallback)


def run_all(runner: Runner, files: list[str], jobs: int, quiet: bool = True) -> list[FileResult]:
    if jobs > 1 and len(files) > 1 and "-" not in files:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs, _init_worker, (runner,)) as pool:
            return list(_with_progress(pool.imap(_check_in_worker, files, chunksize=8), len(files), quiet))
    return [runner.check(path) for path in _with_progress(files, len(files), quiet)]


def _fix_files(runner: Runner, files: list[str], unsafe: bool, diff_only: bool, out, quiet: bool) -> list[FileResult]:
    """Check each file once; where fixes apply, fix it to a fixed point and write it (or its diff)."""
    from wikilint.engine.runner import check_bytes, decode, fix_text, write_atomically

    results = []
    for path in _with_progress(files, len(files), quiet):
        data = runner.read(path) if path != "-" else None
        if not isinstance(data, bytes):  # standard input is never rewritten; an unreadable file is a finding
            results.append(runner.check(path) if data is None else FileResult(path, None, (data,)))
            continue
        result = check_bytes(data, path, runner.rules, runner.ctx, runner.config, runner.input_format)
        decoded = decode(data, path, runner.config)
        if result.format is None or isinstance(decoded, Finding) or not any(f.fix for f in result.findings):
            results.append(result)
            continue
        try:
            fixed, remaining = fix_text(decoded.text, path, runner.rules, runner.ctx, runner.config, result.format,
                                        unsafe, findings=list(result.findings))
        except Exception:  # noqa: BLE001 - the check already reported what failed; leave the file untouched
            results.append(result)
            continue
        if fixed != decoded.text:
            if diff_only:
                out.writelines(difflib.unified_diff(
                    decoded.text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{path}", f"b/{path}"))
                remaining = list(result.findings)
            else:
                write_atomically(Path(path), fixed, decoded.encoding)
        results.append(FileResult(result.path, result.format, tuple(remaining)))
    return results


def cmd_check(args: argparse.Namespace) -> int:
    config = _load_config(args)
    runner = Runner(args, config)
    files = list(iter_files(args.paths, config))
    if args.fix or args.diff:
        results = _fix_files(runner, files, args.unsafe_fixes, args.diff, sys.stdout, args.quiet)
    else:
        results = run_all(runner, files, args.jobs, args.quiet)
    if args.format == "json":
        from wikilint.reporting.json import build_report, dumps

        sys.stdout.write(dumps(build_report(results, runner.rules, runner.ctx.titles is not None,
                                            settings=runner.settings(len(files)))))
    elif not args.diff:
        from wikilint.reporting.text import summary_line, write_text

        colour = args.color == "always" or (args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR"))
        write_text(results, sys.stdout, colour)
        if not args.quiet:
            print(summary_line(results), file=sys.stderr)
    fail_on = Severity(args.fail_on or config.fail_on)
    failing = any(Severity(f.severity).rank >= fail_on.rank for r in results for f in r.findings)
    return EXIT_FINDINGS if failing else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    import time

    from wikilint.reporting.json import build_report, dumps, validate_report
    from wikilint.reporting.metadata import run_info
    from wikilint.reporting.output import prepare_output

    config = _load_config(args)
    # everything that could fail at the end is checked before the run: the outputs and the old report
    json_target = prepare_output(args.output) if args.output else None
    html_target = prepare_output(args.html) if args.html else None
    if args.diff_from and not args.html:
        raise UsageError("--diff-from marks findings in the dashboard: give --html FILE too")
    old = _read_report(args.diff_from) if args.diff_from else None
    runner = Runner(args, config)
    files = list(iter_files(args.paths, config))
    started, clock = time.time(), time.perf_counter()
    results = run_all(runner, files, args.jobs, args.quiet)
    run = None if args.reproducible else run_info(started, time.perf_counter() - clock, args.paths)
    report = build_report(results, runner.rules, runner.ctx.titles is not None,
                          settings=runner.settings(len(files)), run=run)
    validate_report(report)
    from wikilint.engine.runner import write_atomically

    if json_target is not None:
        write_atomically(json_target, dumps(report), "utf-8")
    elif html_target is None:
        sys.stdout.write(dumps(report))
    if html_target is not None:
        from wikilint.reporting.diff import diff_reports
        from wikilint.reporting.html import render_dashboard

        changes = diff_reports(old, report) if old is not None else None
        write_atomically(html_target, render_dashboard(report, changes), "utf-8")
    if not args.quiet and (json_target or html_target):
        s = report["summary"]
        written = " and ".join(str(t) for t in (json_target, html_target) if t is not None)
        print(f"wrote {written}: {s['files']} files, {s['findings']} findings "
              f"({s['by_severity']['error']} errors, {s['by_severity']['warning']} warnings, {s['by_severity']['info']} info)",
              file=sys.stderr)
    return EXIT_OK


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


def cmd_rules(args: argparse.Namespace) -> int:
    from wikilint.engine.registry import all_rules, rule_by_id
    from wikilint.engine.runner import SYSTEM_RULES

    if args.rule:
        rule = rule_by_id(args.rule)
        if rule is None:
            system = [s for s in SYSTEM_RULES if args.rule in (s.code, s.name)]
            if not system:
                raise UsageError(f"no rule {args.rule!r}; `wikilint rules` lists them")
            s = system[0]
            print(f"{s.code} {s.name} ({s.family}, {s.severity.value})\n\n{s.summary}")
            return EXIT_OK
        fix = "fixable" if rule.fixable else "not fixable"
        print(f"{rule.code} {rule.name} ({rule.family}, {rule.severity.value}, {fix})\n\n{rule.doc()}")
        return EXIT_OK
    if args.docs:
        print("# wikilint rules\n\nGenerated by `wikilint rules --docs > docs/rules.md`; a test keeps it current.\n")
    for rule in all_rules():
        if args.docs:
            fix = "fixable" if rule.fixable else "not fixable"
            print(f"## {rule.code} {rule.name} ({rule.family}, {rule.severity.value}, {fix})\n\n{rule.doc()}\n")
            continue
        print(f"{rule.code}  {rule.name:<32} {rule.family:<10} {rule.severity.value:<8} {rule.summary()}")
    for s in SYSTEM_RULES:
        print(f"{s.code}  {s.name:<32} {s.family:<10} {s.severity.value:<8} {s.summary}")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["names"] and argv[1:2] != ["-h"] and argv[1:2] != ["--help"]:
        from wikilint import names_import  # its own parser owns every option after `names`

        return names_import.main(argv[1:])
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        handler = {"check": cmd_check, "report": cmd_report, "rules": cmd_rules, "diff": cmd_diff}[args.command]
        return handler(args)
    except (ConfigError, UsageError, OutputError) as exc:
        print(f"wikilint: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except InvalidDocument as exc:  # a report that breaks its own schema is a bug; nothing is written
        print(f"wikilint: internal error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
