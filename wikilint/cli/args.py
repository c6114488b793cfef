"""The command line: the parser, its option types, and the error and exit codes every command shares."""

from __future__ import annotations

import argparse

from wikilint import __version__
from wikilint.reporting.formats import FORMATS


EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 2


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="wikilint", description="Lint wiki articles (MediaWiki wikitext and zh-wiki exported markdown).")
    parser.add_argument("--version", action="version", version=f"wikilint {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="*", help="files or folders (folders recurse); '-' reads standard input")
        p.add_argument("--config", help="a wikilint.toml or pyproject.toml to use instead of the nearest one")
        p.add_argument("--select", action="append", help="rules to run (code, prefix, name or family; comma-separated)")
        p.add_argument("--ignore", action="append", help="rules not to run")
        p.add_argument("--input-format", choices=("wikitext", "markdown"), help="override format detection")
        p.add_argument("--titles", help="title index: titles file (.gz too), folder of exported articles, or dump")
        p.add_argument("--variant", choices=_variants(), metavar="VARIANT",
                       help=f"the articles' target variant ({', '.join(_variants())})")
        p.add_argument("--stdin-filename", default="<stdin>", help="the path to report for '-'")
        p.add_argument("-j", "--jobs", type=_jobs, default=None,
                       help="worker processes (default: the machine's cores; 1 checks in this process)")
        p.add_argument("--namespace", action="append",
                       help="dumps: namespace numbers to lint (comma-separated; default 0, the articles)")
        p.add_argument("--titles-from-dump", action="store_true",
                       help="dumps: use the titles of the dumps being checked as the title index")

    check = sub.add_parser("check", help="check articles and print findings")
    common(check)
    check.add_argument("--format", action="append", choices=FORMATS,
                       help="report format (default text); with --output-file the last --format goes to the file "
                            "and any earlier one to standard output")
    check.add_argument("--output-file", metavar="FILE", help="write the report to FILE (parent folders are created)")
    check.add_argument("--fail-on", choices=("error", "warning", "info"))
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when findings reach the fail level")
    check.add_argument("--statistics", action="store_true", help="print the number of findings per rule instead of each finding")
    check.add_argument("--fix", action="store_true", help="apply safe fixes in place (atomically); with '-', print the fixed text")
    check.add_argument("--unsafe-fixes", action="store_true", help="also apply fixes marked unsafe")
    check.add_argument("--diff", action="store_true", help="print the fixes as a unified diff instead of writing; exit 1 when there is one")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto",
                       help="colour the text report (auto: on a terminal, unless NO_COLOR; FORCE_COLOR forces it)")
    check.add_argument("-q", "--quiet", action="store_true", help="no summary line on standard error")
    check.add_argument("--baseline", metavar="FILE", help="report only findings not recorded in FILE (`wikilint baseline`)")
    check.add_argument("--changed-since", metavar="REV",
                       help="check the article files that changed between the git revision REV and the working tree")
    check.add_argument("--only-changed-lines", action="store_true",
                       help="with --changed-since: only findings on changed lines, or that the change introduced")

    baseline = sub.add_parser("baseline", help="record today's findings, for `check --baseline` to leave out")
    common(baseline)
    baseline.add_argument("-o", "--output", default=".wikilint-baseline.json",
                          help="file to write (default .wikilint-baseline.json)")

    report = sub.add_parser("report", help="write the JSON report for a corpus, with a summary, or an HTML dashboard")
    common(report)
    report.add_argument("-o", "--output", help="JSON file to write, folders created (default: standard output, "
                        "unless --html is given)")
    report.add_argument("--html", metavar="FILE", help="also write a self-contained HTML dashboard")
    report.add_argument("--diff-from", metavar="OLD.json", help="mark new and fixed findings against an older report "
                        "in the dashboard")
    report.add_argument("--reproducible", action="store_true",
                        help="leave out the run object (dates, duration, revision): same input, same bytes")
    report.add_argument("--format", choices=("json", "jsonl"), default="json",
                        help="one JSON report (default), or JSON Lines streamed as results come, summary last")
    report.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary on standard error")

    diff = sub.add_parser("diff", help="compare two JSON reports: new, fixed and unchanged findings")
    diff.add_argument("old", help="the older report (JSON)")
    diff.add_argument("new", help="the newer report (JSON)")
    diff.add_argument("--format", choices=("text", "json"), default="text")
    diff.add_argument("--fail-on", choices=("error", "warning", "info"), default="error",
                      help="exit 1 when a new finding reaches this severity (default error)")

    rules = sub.add_parser("rules", help="list the rules, or show one rule's doc")
    rules.add_argument("rule", nargs="?", help="a rule code or name (shows its doc), or a family or code prefix (lists them)")
    rules.add_argument("--docs", action="store_true", help="print every rule's full doc")

    names = sub.add_parser("names", help="name-table tools")
    names_sub = names.add_subparsers(dest="names_command", required=True)
    names_sub.add_parser("import-cgroups", help="turn zh-wiki conversion groups (JSON) into name tables "
                         "(`wikilint names import-cgroups --help` for its options)")
    return parser


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or () for v in value.split(",") if v.strip()]


def _jobs(value: str) -> int:
    # 0 is refused rather than read as "one per core": leaving -j out already says that, and a
    # computed value that came out 0 is more likely a mistake in the caller's script than a wish
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number of worker processes, not {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more (leave -j out for one per core), not {jobs}")
    return jobs


def _variants() -> list[str]:
    """The variants the configuration schema allows, so --variant and `variant =` accept the same."""
    from wikilint.schemas import load_schema, schema_file

    return list(load_schema(schema_file("config"))["properties"]["variant"]["enum"])


def _namespaces(args: argparse.Namespace) -> tuple[int, ...]:
    try:
        return tuple(sorted({int(n) for n in _split(getattr(args, "namespace", None))})) or (0,)
    except ValueError:
        raise UsageError("--namespace takes namespace numbers, e.g. --namespace 0,14") from None


def _paths_required(args: argparse.Namespace) -> None:
    if not args.paths:
        raise UsageError(f"`wikilint {args.command}` needs at least one file or folder")
