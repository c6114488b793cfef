"""The ``wikilint`` command: check, report, rules, names."""

from __future__ import annotations

import argparse
import difflib
import os
import sys
from pathlib import Path
from typing import Iterator, Sequence

from wikilint import __version__
from wikilint.config import Config, ConfigError, find_config, load_file
from wikilint.engine.findings import FileResult, Finding
from wikilint.engine.rule import Severity
from wikilint.schemas import InvalidDocument

ARTICLE_SUFFIXES = (".md", ".markdown", ".txt", ".wiki", ".wikitext", ".mediawiki")
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


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

    report = sub.add_parser("report", help="write the JSON report for a corpus, with a summary")
    common(report)
    report.add_argument("-o", "--output", help="file to write (default: standard output)")

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
    if getattr(args, "jobs", 1) < 1:
        raise UsageError(f"-j/--jobs must be at least 1, not {args.jobs}")
    if getattr(args, "variant", None):
        from wikilint.config import validate

        validate({"variant": args.variant}, "--variant")  # the same choices as the configuration's
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

    def read(self, path: str) -> bytes | Finding:
        from wikilint.engine.runner import read_input

        return read_input(path, self.config, sys.stdin.buffer)

    def check(self, path: str) -> FileResult:
        from wikilint.engine.runner import check_bytes

        from wikilint.writing import display_path

        data = self.read(path)
        shown = display_path(self.stdin_filename if path == "-" else path)
        if isinstance(data, Finding):
            return FileResult(shown, None, (data,))
        return check_bytes(data, shown, self.rules, self.ctx, self.config, self.input_format)


_WORKER: Runner | None = None


def _init_worker(runner: Runner) -> None:
    global _WORKER
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the parent cleans up; a worker just stops
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER = runner


def _check_in_worker(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.check(path)


def run_all(runner: Runner, files: list[str], jobs: int) -> list[FileResult]:
    if jobs > 1 and len(files) > 1 and "-" not in files:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs, _init_worker, (runner,)) as pool:
            return list(pool.imap(_check_in_worker, files, chunksize=8))
    return [runner.check(path) for path in files]


def _fix_files(runner: Runner, files: list[str], unsafe: bool, diff_only: bool, out) -> list[FileResult]:
    """Check each file once; where fixes apply, fix it to a fixed point and write it (or its diff).
    A file that cannot be written is reported (EN003) and the others are still fixed."""
    from wikilint.engine.runner import FIX_NOT_WRITTEN, check_bytes, decode, fix_text, system_finding
    from wikilint.writing import NotWritten, display_path, remove_stale_temps, write_fixed

    results = []
    cleaned: set[str] = set()
    for path in files:
        shown = display_path(path)
        data = runner.read(path) if path != "-" else None
        if not isinstance(data, bytes):  # standard input is never rewritten; an unreadable file is a finding
            results.append(runner.check(path) if data is None else FileResult(shown, None, (data,)))
            continue
        folder = os.path.dirname(os.path.realpath(path))
        if not diff_only and folder not in cleaned:
            cleaned.add(folder)
            remove_stale_temps(folder)
        result = check_bytes(data, shown, runner.rules, runner.ctx, runner.config, runner.input_format)
        decoded = decode(data, shown, runner.config)
        if result.format is None or isinstance(decoded, Finding) or not any(f.fix for f in result.findings):
            results.append(result)
            continue
        try:
            fixed, remaining = fix_text(decoded.text, shown, runner.rules, runner.ctx, runner.config, result.format,
                                        unsafe, findings=list(result.findings))
        except Exception:  # noqa: BLE001 - the check already reported what failed; leave the file untouched
            results.append(result)
            continue
        if fixed != decoded.text:
            if diff_only:
                out.writelines(difflib.unified_diff(
                    decoded.text.splitlines(keepends=True), fixed.splitlines(keepends=True), f"a/{shown}", f"b/{shown}"))
                remaining = list(result.findings)
            else:
                try:
                    write_fixed(path, fixed, decoded.encoding)
                except NotWritten as exc:
                    remaining = sorted([*result.findings, system_finding(FIX_NOT_WRITTEN, shown, str(exc), decoded.text)],
                                       key=lambda f: f.sort_key)
        results.append(FileResult(result.path, result.format, tuple(remaining)))
    return results


def cmd_check(args: argparse.Namespace) -> int:
    config = _load_config(args)
    runner = Runner(args, config)
    files = list(iter_files(args.paths, config))
    if args.fix or args.diff:
        results = _fix_files(runner, files, args.unsafe_fixes, args.diff, sys.stdout)
    else:
        results = run_all(runner, files, args.jobs)
    if args.format == "json":
        from wikilint.reporting.json import build_report, dumps

        sys.stdout.write(dumps(build_report(results, runner.rules, runner.ctx.titles is not None)))
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
    from wikilint.reporting.json import build_report, dumps, validate_report

    config = _load_config(args)
    if args.output:
        from wikilint.writing import check_output

        problem = check_output(args.output)  # before the run: a corpus can take an hour to lint
        if problem:
            raise UsageError(problem)
    runner = Runner(args, config)
    results = run_all(runner, list(iter_files(args.paths, config)), args.jobs)
    report = build_report(results, runner.rules, runner.ctx.titles is not None)
    validate_report(report)
    text = dumps(report)
    if args.output:
        from wikilint.engine.runner import write_atomically

        from wikilint.writing import display_path

        write_atomically(Path(args.output), text, "utf-8")
        s = report["summary"]
        print(f"wrote {display_path(args.output)}: {s['files']} files, {s['findings']} findings "
              f"({s['by_severity']['error']} errors, {s['by_severity']['warning']} warnings, {s['by_severity']['info']} info)",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


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
        handler = {"check": cmd_check, "report": cmd_report, "rules": cmd_rules}[args.command]
        status = handler(args)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, while errors can still be reported
        return status
    except (ConfigError, UsageError) as exc:
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
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
